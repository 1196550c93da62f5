// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading a library when it is first used. See dl-lib.h.
 */
#include <dlfcn.h>
#include <errno.h>

#include <glib.h>

#include "dl-lib.h"

int dl_lib_open(const char *soname, const char *package, const char *const *names,
		void **syms, size_t n, char **why)
{
	void *h;

	*why = NULL;
	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = g_strdup_printf("cannot load %s (Debian package %s): %s", soname,
				       package, dlerror());
		return -ENOPKG;
	}
	for (size_t i = 0; i < n; i++) {
		syms[i] = dlsym(h, names[i]);
		if (!syms[i]) {
			*why = g_strdup_printf("%s has no %s: not the library sysabi was "
					       "built for (Debian package %s)",
					       soname, names[i], package);
			dlclose(h);
			return -ENOPKG;
		}
	}
	return 0;
}
