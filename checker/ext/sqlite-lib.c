// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading SQLite when it is first used. See sqlite-lib.h.
 */
#include <stdbool.h>

#include "common/macro.h"
#include "sqlite-lib.h"

const struct sqlite_lib *sqlite_lib_load(char **why)
{
	static const char *const names[] = { SQLITE_LIB_FNS(DL_LIB_NAME) };
	static struct sqlite_lib fns;
	static bool loaded;
	void *syms[ARRAY_SIZE(names)];
	size_t i = 0;

	*why = NULL;
	if (loaded)
		return &fns;
	if (dl_lib_open(SQLITE_LIB_SONAME, "libsqlite3-0", names, syms, ARRAY_SIZE(names),
			why) < 0)
		return NULL;
#define SET(name) fns.name = (__typeof__(fns.name))syms[i++];
	SQLITE_LIB_FNS(SET)
#undef SET
	loaded = true;
	return &fns;
}
