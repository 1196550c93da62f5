// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where a module's file is: below --modules-dir (a tree like /lib/modules/VERSION, its
 * .ko, .ko.xz, .ko.gz and .ko.zst files by module name), or where libkmod says for the
 * running kernel.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <glib.h>

#include "btf-internal.h"
#include "kmod-module.h"

/* Deeper than any modules tree; it also ends link loops. */
#define MAX_DEPTH 16

struct module_files {
	GHashTable *by_name; /* module name -> path */
	struct module_db *db;
};

/* Module names use underscores where file names may have dashes (snd-hda-intel.ko). */
static char *module_name(const char *file)
{
	static const char *const suffixes[] = { ".ko", ".ko.xz", ".ko.gz", ".ko.zst" };
	size_t len = strlen(file);

	for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		size_t s = strlen(suffixes[i]);

		if (len > s && strcmp(file + len - s, suffixes[i]) == 0)
			return g_strdelimit(g_strndup(file, len - s), "-", '_');
	}
	return NULL;
}

static void add_file(GHashTable *t, const char *file, const char *path)
{
	char *name = module_name(file);
	const char *old;

	if (!name)
		return;
	old = g_hash_table_lookup(t, name);
	/* two files for one module: the first by path, so that runs agree */
	if (!old || strcmp(path, old) < 0)
		g_hash_table_insert(t, name, g_strdup(path));
	else
		g_free(name);
}

static void scan(GHashTable *t, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return; /* an unreadable directory holds no file we can compare */
	while ((e = readdir(d))) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = g_build_filename(dir, e->d_name, NULL);
		if (stat(path, &st) < 0)
			; /* a dangling link */
		else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
			scan(t, path, depth + 1);
		else if (S_ISREG(st.st_mode))
			add_file(t, e->d_name, path);
		g_free(path);
	}
	closedir(d);
}

int module_files_new(const char *dir, struct module_files **out)
{
	struct module_files *f = calloc(1, sizeof(*f));
	int r = 0;

	*out = NULL;
	if (!f)
		return -ENOMEM;
	if (dir) {
		f->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		scan(f->by_name, dir, 0);
	} else {
		r = module_db_new(&f->db);
	}
	if (r < 0) {
		free(f);
		return r;
	}
	*out = f;
	return 0;
}

void module_files_free(struct module_files *f)
{
	if (!f)
		return;
	if (f->by_name)
		g_hash_table_destroy(f->by_name);
	module_db_free(f->db);
	free(f);
}

int module_files_find(struct module_files *f, const char *name, char **path)
{
	char *key;
	const char *p;

	*path = NULL;
	if (f->db)
		return module_db_path(f->db, name, path);
	key = g_strdelimit(g_strdup(name), "-", '_');
	p = g_hash_table_lookup(f->by_name, key);
	g_free(key);
	if (!p)
		return -ENOENT;
	*path = strdup(p);
	return *path ? 0 : -ENOMEM;
}
