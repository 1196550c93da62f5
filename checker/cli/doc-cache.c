// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where the compiled image of a documentation tree is kept: see doc-cache.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc-cache.h"
#include "doc-source.h"

/* mkdir -p @path, each directory made 0700; an existing one is taken as it is. */
static int make_dirs(char *path)
{
	for (char *p = path + 1;; p++) {
		bool end = *p == '\0';

		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			int r = -errno;

			if (!end)
				*p = '/';
			return r;
		}
		if (end)
			return 0;
		*p = '/';
	}
}

static char *cache_dir(void)
{
	const char *env = getenv("SYSABI_CACHE_DIR");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (env)
		return *env && strcmp(env, "off") ? strdup(env) : NULL;
	/* the XDG base directory rules: a relative path there is to be ignored */
	if (xdg && xdg[0] == '/')
		return path_join(xdg, "sysabi");
	if (home && home[0] == '/')
		return path_join(home, ".cache/sysabi");
	return NULL;
}

int doc_cache_path(const char *dir, char **out)
{
	char real[PATH_MAX], name[64], *cdir;
	uint64_t h = 14695981039346656037ull; /* FNV-1a */
	struct stat sb;
	int r;

	*out = NULL;
	if (!realpath(dir, real))
		return -errno;
	for (const char *p = real; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	cdir = cache_dir();
	if (!cdir)
		return 0;
	r = make_dirs(cdir);
	/* a cache another user may write into is no cache of ours */
	if (r == 0 && (stat(cdir, &sb) < 0 || !S_ISDIR(sb.st_mode) ||
		       (sb.st_uid != geteuid()) || (sb.st_mode & 022)))
		r = -EPERM;
	if (r == 0) {
		snprintf(name, sizeof(name), "abi-%016llx.image", (unsigned long long)h);
		*out = path_join(cdir, name);
		r = *out ? 0 : -ENOMEM;
	}
	free(cdir);
	return r;
}
