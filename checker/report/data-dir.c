// SPDX-License-Identifier: GPL-2.0-or-later
/* Finding the installed data beside the binary. See data-dir.h. */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "data-dir.h"

const char *data_dir_find(const char *sub)
{
	static GHashTable *found; /* sub -> its path, or "" when absent */
	char exe[PATH_MAX], *bindir, *rel, *path;
	const char *hit;
	ssize_t n;

	if (!found)
		found = g_hash_table_new(g_str_hash, g_str_equal);
	hit = g_hash_table_lookup(found, sub);
	if (hit)
		return *hit ? hit : NULL;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	path = NULL;
	if (n > 0) {
		exe[n] = '\0';
		bindir = g_path_get_dirname(exe);
		rel = g_build_filename(bindir, "..", "share", "sysabi", sub, NULL);
		path = g_canonicalize_filename(rel, NULL); /* no "bin/.." in reports */
		g_free(rel);
		g_free(bindir);
		if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
			g_free(path);
			path = NULL;
		}
	}
	/* kept for the life of the process, like the answer it caches */
	g_hash_table_insert(found, g_strdup(sub), path ? path : g_strdup(""));
	return path;
}
