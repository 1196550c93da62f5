// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading SQLite when it is first used. See sqlite-lib.h and dl-lib.h.
 */
#include "sqlite-lib.h"

DL_LIB_DEFINE_LOAD(sqlite_lib, sqlite_lib_load, SQLITE_LIB_FNS, SQLITE_LIB_SONAME,
		   "libsqlite3-0")
