// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libpq when it is first used. See pq-lib.h and dl-lib.h.
 */
#include "pq-lib.h"

DL_LIB_DEFINE_LOAD(pq_lib, pq_lib_load, PQ_LIB_FNS, PQ_LIB_SONAME, "libpq5")
