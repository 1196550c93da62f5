// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where a module's file is: below --modules-dir (a tree like /lib/modules/VERSION, its
 * .ko, .ko.xz, .ko.gz and .ko.zst files by module name), or where libkmod says for the
 * running kernel.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/beneath.h"
#include "btf-internal.h"
#include "ext/kmod-module.h"
#include "common/macro.h"

/* Deeper than any modules tree. */
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

	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
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

/* A directory already scanned: its device and inode. */
static bool seen(GHashTable *visited, const struct stat *st)
{
	char *key =
		g_strdup_printf("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);

	if (g_hash_table_contains(visited, key)) {
		g_free(key);
		return true;
	}
	g_hash_table_add(visited, key);
	return false;
}

/*
 * Every module file below the directory open on @fd (taken over), @dir its path. Links
 * are followed only below the directory that holds them, and each directory is scanned
 * once however many links reach it: links to "." cost nothing.
 */
static void scan(GHashTable *t, GHashTable *visited, int fd, const char *dir, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	struct stat st;

	if (!d) {
		close(fd);
		return; /* an unreadable directory holds no file we can compare */
	}
	if (fstat(fd, &st) < 0 || seen(visited, &st)) {
		closedir(d);
		return;
	}
	while ((e = readdir(d))) {
		char *path;
		int sub;

		if (e->d_name[0] == '.')
			continue;
		/* O_PATH: a device node under a modules tree is never opened */
		sub = beneath_open(dirfd(d), e->d_name, O_PATH, 0);
		if (sub < 0 || fstat(sub, &st) < 0) {
			if (sub >= 0)
				close(sub);
			continue; /* a dangling link, or one that leaves its directory */
		}
		path = g_build_filename(dir, e->d_name, NULL);
		if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			int dir_fd = openat(sub, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

			if (dir_fd >= 0)
				scan(t, visited, dir_fd, path, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			add_file(t, e->d_name, path);
		}
		if (sub >= 0)
			close(sub);
		g_free(path);
	}
	closedir(d);
}

int sysbtf_module_files_new(const char *dir, struct module_files **out)
{
	struct module_files *f = calloc(1, sizeof(*f));
	int r = 0;

	*out = NULL;
	if (!f)
		return -ENOMEM;
	if (dir) {
		GHashTable *visited =
			g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		f->by_name =
			g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		if (fd >= 0)
			scan(f->by_name, visited, fd, dir, 0);
		g_hash_table_destroy(visited);
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

void sysbtf_module_files_free(struct module_files *f)
{
	if (!f)
		return;
	if (f->by_name)
		g_hash_table_destroy(f->by_name);
	module_db_free(f->db);
	free(f);
}

int sysbtf_module_files_find(struct module_files *f, const char *name, char **path)
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
