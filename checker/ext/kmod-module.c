// SPDX-License-Identifier: GPL-2.0-or-later
/* Module files and modinfo through libkmod: the only file that sees it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libkmod.h>

#include "common/file-read.h"
#include "kmod-module.h"

struct module_db {
	struct kmod_ctx *ctx;
	int dirfd; /* the modules directory libkmod reads, or -1 */
	bool usable;
};

/*
 * Whether @rel, below the modules directory, is a regular file of at most @max bytes
 * reached without leaving it: what libkmod may then read by its path. A FIFO would block
 * it, a link could take it anywhere.
 */
static bool readable(const struct module_db *db, const char *rel, off_t max)
{
	struct stat st;
	int fd;
	bool ok;

	if (db->dirfd < 0)
		return false;
	fd = file_open_regular_beneath(db->dirfd, rel, 0);
	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= max;
	close(fd);
	return ok;
}

int module_db_new_at(const char *dir, struct module_db **out)
{
	static const char *const indexes[] = { "modules.dep.bin", "modules.builtin.bin" };
	struct module_db *db;

	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db)
		return -ENOMEM;
	/* @dir, or the running kernel's directory; the default configuration */
	db->ctx = kmod_new(dir, NULL);
	if (!db->ctx) {
		free(db);
		return -ENOMEM;
	}
	db->dirfd = open(kmod_get_dirname(db->ctx), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* the indexes libkmod looks names up in, each checked as a module file is */
	db->usable = db->dirfd >= 0;
	for (size_t i = 0; i < sizeof(indexes) / sizeof(indexes[0]) && db->usable; i++)
		db->usable = readable(db, indexes[i], MODULE_DB_MAX_FILE);
	*out = db;
	return 0;
}

int module_db_new(struct module_db **out)
{
	return module_db_new_at(NULL, out);
}

void module_db_free(struct module_db *db)
{
	if (!db)
		return;
	if (db->dirfd >= 0)
		close(db->dirfd);
	kmod_unref(db->ctx);
	free(db);
}

const char *module_db_dir(const struct module_db *db)
{
	return kmod_get_dirname(db->ctx);
}

bool module_db_usable(const struct module_db *db)
{
	return db && db->usable;
}

static int lookup(struct module_db *db, const char *name, struct kmod_module **mod)
{
	int r = kmod_module_new_from_name(db->ctx, name, mod);

	return r < 0 ? r : 0;
}

int module_db_path(struct module_db *db, const char *name, char **path)
{
	struct kmod_module *mod;
	const char *p;
	int r;

	*path = NULL;
	r = lookup(db, name, &mod);
	if (r < 0)
		return r;
	/* NULL for a module modules.dep does not list: built in, or not installed */
	p = kmod_module_get_path(mod);
	if (p && !(*path = strdup(p)))
		r = -ENOMEM;
	else if (!p)
		r = -ENOENT;
	kmod_module_unref(mod);
	return r;
}

/* The value of @key in modinfo @list, or NULL. */
static const char *info_value(struct kmod_list *list, const char *key)
{
	struct kmod_list *l;

	kmod_list_foreach(l, list) if (strcmp(kmod_module_info_get_key(l), key) ==
				       0) return kmod_module_info_get_value(l);
	return NULL;
}

/*
 * The modinfo of module @name into *@info (kmod_module_info_free_list() frees it). libkmod
 * reads the module's file, or modules.builtin.modinfo for a built-in one (which has no
 * file in modules.dep): each is first checked below the modules directory and bounded.
 * Returns 0, -ENOENT (not found, not usable, or refused), or -ENOMEM.
 */
static int module_info(struct module_db *db, const char *name, struct kmod_list **info)
{
	const char *dir = kmod_get_dirname(db->ctx), *path;
	size_t dir_len = strlen(dir);
	struct kmod_module *mod;
	int r;

	*info = NULL;
	if (!db->usable)
		return -ENOENT;
	r = lookup(db, name, &mod);
	if (r < 0)
		return r;
	path = kmod_module_get_path(mod);
	if (path && (strncmp(path, dir, dir_len) != 0 || path[dir_len] != '/' ||
		     !readable(db, path + dir_len + 1, MODULE_DB_MAX_FILE)))
		r = -ENOENT;
	else if (!path && !readable(db, "modules.builtin.modinfo", MODULE_DB_MAX_FILE))
		r = -ENOENT;
	else
		r = kmod_module_get_info(mod, info);
	kmod_module_unref(mod);
	if (r < 0) {
		kmod_module_info_free_list(*info);
		*info = NULL;
		return r == -ENOMEM ? r : -ENOENT;
	}
	return 0;
}

int module_db_describe(struct module_db *db, const char *name, char **description)
{
	struct kmod_list *info;
	const char *d;
	int r;

	*description = NULL;
	r = module_info(db, name, &info);
	if (r < 0)
		return r;
	d = info_value(info, "description");
	r = !d ? -ENOENT : (*description = strdup(d)) ? 0 : -ENOMEM;
	kmod_module_info_free_list(info);
	return r;
}

int module_db_params(struct module_db *db, const char *name,
		     void (*fn)(void *data, const char *param), void *data)
{
	struct kmod_list *info, *l;
	char param[MODULE_DB_MAX_PARAM_NAME + 1];
	size_t n = 0;
	int r;

	r = module_info(db, name, &info);
	if (r < 0)
		return r;
	kmod_list_foreach(l, info)
	{
		const char *v = kmod_module_info_get_value(l), *colon;

		/* "parm=NAME:DESCRIPTION", a MODULE_PARM_DESC; "parmtype" documents nothing */
		if (strcmp(kmod_module_info_get_key(l), "parm") != 0 || !v ||
		    !(colon = strchr(v, ':')) || colon == v || !colon[1] ||
		    (size_t)(colon - v) > MODULE_DB_MAX_PARAM_NAME)
			continue;
		if (n++ == MODULE_DB_MAX_PARAMS)
			break;
		memcpy(param, v, (size_t)(colon - v));
		param[colon - v] = '\0';
		fn(data, param);
	}
	kmod_module_info_free_list(info);
	return 0;
}

int module_describe(const char *name, char **description)
{
	struct module_db *db;
	int r;

	*description = NULL;
	r = module_db_new(&db);
	if (r < 0)
		return r;
	r = module_db_describe(db, name, description);
	module_db_free(db);
	return r;
}
