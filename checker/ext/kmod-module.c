// SPDX-License-Identifier: GPL-2.0-or-later
/* Module files and modinfo through libkmod: the only file that sees it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libkmod.h>

#include "kmod-module.h"

struct module_db {
	struct kmod_ctx *ctx;
};

int module_db_new(struct module_db **out)
{
	struct module_db *db;

	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db)
		return -ENOMEM;
	/* the running kernel's directory and the default configuration */
	db->ctx = kmod_new(NULL, NULL);
	if (!db->ctx) {
		free(db);
		return -ENOMEM;
	}
	*out = db;
	return 0;
}

void module_db_free(struct module_db *db)
{
	if (!db)
		return;
	kmod_unref(db->ctx);
	free(db);
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

int module_db_describe(struct module_db *db, const char *name, char **description)
{
	struct kmod_list *info = NULL;
	struct kmod_module *mod;
	const char *d;
	int r;

	*description = NULL;
	r = lookup(db, name, &mod);
	if (r < 0)
		return r;
	/* reads the module's file, or modules.builtin.modinfo for a built-in one */
	r = kmod_module_get_info(mod, &info);
	if (r == -ENOMEM) {
		kmod_module_unref(mod);
		return r;
	}
	d = r >= 0 ? info_value(info, "description") : NULL;
	r = !d ? -ENOENT : (*description = strdup(d)) ? 0 : -ENOMEM;
	kmod_module_info_free_list(info);
	kmod_module_unref(mod);
	return r;
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
