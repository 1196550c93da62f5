// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Who owns a finding: the driver bound to the device the file belongs to (the nearest
 * directory above it with a `driver` link), that driver's module (its `module` link),
 * or the module whose /sys/module/<name> directory holds the file; and what modinfo says
 * of the module when its files are installed.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "ext/kmod-module.h"

/* At most this many different owners are named for a group. */
#define OWNERS_MAX 3

static const struct snode *linked(const struct snode *dir, const char *name)
{
	const struct snode *l = snode_child(dir, name);

	return l && l->type == SNODE_LINK ? l->link_target : NULL;
}

/* The driver and module of file @n, either NULL. */
static void owner_of(const struct snode *n, const char **driver, const char **module)
{
	const struct snode *d, *m;

	*driver = *module = NULL;
	for (const struct snode *up = n->parent; up && up->parent; up = up->parent) {
		/* /sys/module/<name>/...: the module itself */
		if (up->parent->parent && !up->parent->parent->parent &&
		    strcmp(up->parent->name, "module") == 0) {
			*module = up->name;
			return;
		}
		d = linked(up, "driver");
		if (!d)
			continue;
		*driver = d->name;
		m = linked(d, "module");
		*module = m ? m->name : NULL;
		return;
	}
}

void audit_group_owners(const struct audit_group *g, struct value *list,
			struct module_db *db)
{
	const char *seen[OWNERS_MAX][2];
	size_t n_seen = 0;

	for (size_t i = 0; i < g->count && n_seen < OWNERS_MAX; i++) {
		const char *driver, *module;
		struct value *o;
		char *desc = NULL;
		bool dup = false;

		owner_of(g->members[i], &driver, &module);
		if (!driver && !module)
			continue;
		for (size_t k = 0; k < n_seen && !dup; k++)
			dup = g_strcmp0(seen[k][0], driver) == 0 &&
			      g_strcmp0(seen[k][1], module) == 0;
		if (dup)
			continue;
		seen[n_seen][0] = driver;
		seen[n_seen++][1] = module;
		o = value_append(list, value_object_new());
		value_set_str(o, "driver", driver);
		value_set_str(o, "module", module);
		if (db && module && module_db_describe(db, module, &desc) == 0)
			value_set_str(o, "description", desc);
		free(desc);
	}
}
