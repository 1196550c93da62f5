// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Who owns a finding: the driver bound to the device the file belongs to (the nearest
 * directory above it with a `driver` link), that driver's module (its `module` link),
 * or the module whose /sys/module/<name> directory holds the file; and what modinfo says
 * of the module when its files are installed. A file no driver or module owns is owned
 * by its subsystem: the class or bus of the nearest device (its `subsystem` link),
 * virtual devices included, else the part of the kernel its path names (/sys/fs/ext4,
 * /sys/kernel/mm, /sys/firmware/acpi).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "common/macro.h"
#include "ext/kmod-module.h"

/* At most this many different owners are named for a group. */
#define OWNERS_MAX 3

static const struct snode *linked(const struct snode *dir, const char *name)
{
	const struct snode *l = snode_child(dir, name);

	return l && l->type == SNODE_LINK ? l->link_target : NULL;
}

/* Whether @dir is /sys/@top/<name>: a directory two levels below the root. */
static bool below_top(const struct snode *dir, const char *top)
{
	return dir->parent && dir->parent->parent && !dir->parent->parent->parent &&
	       strcmp(dir->parent->name, top) == 0;
}

/* The driver and module of file @n, either NULL; else its subsystem (class/X, bus/X,
 * fs/X) in @subsystem, @size bytes, or "". */
static void owner_of(const struct snode *n, const char **driver, const char **module,
		     char *subsystem, size_t size)
{
	static const char *const tops[] = { "fs", "kernel", "firmware", "bus", "class" };
	const struct snode *d, *m, *s;

	*driver = *module = NULL;
	*subsystem = '\0';
	for (const struct snode *up = n->parent; up && up->parent; up = up->parent) {
		/* /sys/module/<name>/...: the module itself */
		if (below_top(up, "module")) {
			*module = up->name;
			return;
		}
		/* /sys/bus/<bus>/drivers/<driver>/...: the driver itself */
		if (up->parent->parent && below_top(up->parent->parent, "bus") &&
		    strcmp(up->parent->name, "drivers") == 0) {
			m = linked(up, "module");
			*driver = up->name;
			*module = m ? m->name : NULL;
			return;
		}
		s = linked(up, "subsystem");
		if (!*subsystem && s && s->parent)
			snprintf(subsystem, size, "%s/%s", s->parent->name, s->name);
		/* else the part of the kernel its top directories name: fs/ext4,
		 * kernel/mm, firmware/acpi, bus/pci, class/net */
		for (size_t t = 0; !*subsystem && t < ARRAY_SIZE(tops); t++)
			if (below_top(up, tops[t]))
				snprintf(subsystem, size, "%s/%s", tops[t], up->name);
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
	char seen_subsystem[OWNERS_MAX][256];
	size_t n_seen = 0;

	for (size_t i = 0; i < g->count && n_seen < OWNERS_MAX; i++) {
		const char *driver, *module;
		char subsystem[256];
		struct value *o;
		char *desc = NULL;
		bool dup = false;

		owner_of(g->members[i], &driver, &module, subsystem, sizeof(subsystem));
		if (!driver && !module && !*subsystem)
			continue;
		/* a driver or module says more than the subsystem: that only when none */
		if (driver || module)
			*subsystem = '\0';
		for (size_t k = 0; k < n_seen && !dup; k++)
			dup = g_strcmp0(seen[k][0], driver) == 0 &&
			      g_strcmp0(seen[k][1], module) == 0 &&
			      strcmp(seen_subsystem[k], subsystem) == 0;
		if (dup)
			continue;
		seen[n_seen][0] = driver;
		seen[n_seen][1] = module;
		memcpy(seen_subsystem[n_seen++], subsystem, sizeof(subsystem));
		o = value_append(list, value_object_new());
		value_set_str(o, "driver", driver);
		value_set_str(o, "module", module);
		value_set_str(o, "subsystem", *subsystem ? subsystem : NULL);
		if (db && module && module_db_describe(db, module, &desc) == 0)
			value_set_str(o, "description", desc);
		free(desc);
	}
}
