// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libarchive when it is first used. See libarchive-load.h and dl-lib.h.
 */
#include "libarchive-load.h"

DL_LIB_DEFINE_LOAD(libarchive_fns, libarchive_load, LIBARCHIVE_FNS, LIBARCHIVE_SONAME,
		   "libarchive13")
