// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libarchive when it is first used. See libarchive-load.h.
 */
#include <stdbool.h>

#include "common/macro.h"
#include "libarchive-load.h"

const struct libarchive_fns *libarchive_load(char **why)
{
	static const char *const names[] = { LIBARCHIVE_FNS(DL_LIB_NAME) };
	static struct libarchive_fns fns;
	static bool loaded;
	void *syms[ARRAY_SIZE(names)];
	size_t i = 0;

	*why = NULL;
	if (loaded)
		return &fns;
	if (dl_lib_open(LIBARCHIVE_SONAME, "libarchive13", names, syms, ARRAY_SIZE(names),
			why) < 0)
		return NULL;
#define SET(name) fns.name = (__typeof__(fns.name))syms[i++];
	LIBARCHIVE_FNS(SET)
#undef SET
	loaded = true;
	return &fns;
}
