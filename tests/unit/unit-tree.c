// SPDX-License-Identifier: GPL-2.0-or-later
/* Temporary ABI trees for the unit tests, and loading them with diagnostics collected. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/macro.h"
#include "unit.h"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "unit-tests: %s '%s': %s\n", what, path, strerror(errno));
	exit(2);
}

static void mkdir_p(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			die("cannot create", path);
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die("cannot create", path);
}

char *unit_tree_new(const struct unit_file *files)
{
	char tmpl[] = "/tmp/sysabi-unit.XXXXXX";
	char *dir = mkdtemp(tmpl);

	if (!dir)
		die("cannot create", tmpl);
	dir = strdup(dir);
	for (; files->path; files++) {
		char *path;
		FILE *f;

		if (asprintf(&path, "%s/%s", dir, files->path) < 0)
			die("out of memory", files->path);
		if (!files->content) {
			mkdir_p(path);
			free(path);
			continue;
		}
		*strrchr(path, '/') = '\0';
		mkdir_p(path);
		path[strlen(path)] = '/';
		f = fopen(path, "w");
		if (!f || fputs(files->content, f) < 0 || fclose(f) != 0)
			die("cannot write", path);
		free(path);
	}
	return dir;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void unit_tree_remove(char *dir)
{
	if (dir)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static void collect(void *data, const struct abi_diag *d)
{
	struct unit_loaded *l = data;
	struct unit_diag *u;

	if (l->n_diags == ARRAY_SIZE(l->diags))
		return;
	u = &l->diags[l->n_diags++];
	u->kind = d->kind;
	u->file = strdup(d->loc.file);
	u->line = d->loc.line;
	u->message = strdup(d->message);
	u->n_related = d->n_related;
}

void unit_load(const char *dir, struct unit_loaded *out)
{
	memset(out, 0, sizeof(*out));
	if (abi_ctx_new(&out->ctx) < 0)
		die("out of memory", dir);
	abi_ctx_set_diag_fn(out->ctx, collect, out);
	out->r = abi_tree_load(out->ctx, dir, &out->tree);
}

void unit_loaded_free(struct unit_loaded *l)
{
	for (size_t i = 0; i < l->n_diags; i++) {
		free(l->diags[i].file);
		free(l->diags[i].message);
	}
	abi_tree_free(l->tree);
	abi_ctx_free(l->ctx);
	memset(l, 0, sizeof(*l));
}

const struct unit_diag *unit_find_diag(const struct unit_loaded *l,
				       enum abi_diag_kind kind)
{
	for (size_t i = 0; i < l->n_diags; i++)
		if (l->diags[i].kind == kind)
			return &l->diags[i];
	return NULL;
}
