// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libpq when it is first used. See pq-lib.h.
 */
#include <stdbool.h>

#include "common/macro.h"
#include "pq-lib.h"

const struct pq_lib *pq_lib_load(char **why)
{
	static const char *const names[] = { PQ_LIB_FNS(DL_LIB_NAME) };
	static struct pq_lib fns;
	static bool loaded;
	void *syms[ARRAY_SIZE(names)];
	size_t i = 0;

	*why = NULL;
	if (loaded)
		return &fns;
	if (dl_lib_open(PQ_LIB_SONAME, "libpq5", names, syms, ARRAY_SIZE(names), why) < 0)
		return NULL;
#define SET(name) fns.name = (__typeof__(fns.name))syms[i++];
	PQ_LIB_FNS(SET)
#undef SET
	loaded = true;
	return &fns;
}
