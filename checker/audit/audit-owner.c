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

/* Who owns the files of a directory: a driver or module, else a subsystem. */
struct owner {
	const char *driver, *module;
	char *subsystem; /* "class/net", or NULL */
};

static const struct owner no_owner;

struct audit_owners {
	GHashTable *dirs; /* struct snode * -> struct owner *: each directory once */
	struct module_db *db;
};

static void owner_free(gpointer p)
{
	struct owner *o = p;

	if (o != &no_owner)
		g_free(o->subsystem);
	if (o != &no_owner)
		g_free(o);
}

/*
 * The owner of the files of @dir: the nearest directory at or above it that says (a
 * /sys/module/<name>, a bus's driver directory, a device with a `driver` link), and
 * the nearest subsystem (a `subsystem` link, else the top directory: fs/ext4,
 * kernel/mm, firmware/acpi, bus/pci, class/net). Each directory is worked out once,
 * from its parent's answer: a group of a hundred thousand files costs its directories.
 */
static const struct owner *owner_of_dir(struct audit_owners *ow, const struct snode *up)
{
	static const char *const tops[] = { "fs", "kernel", "firmware", "bus", "class" };
	const struct snode *d, *m, *s;
	const struct owner *above;
	struct owner *o;

	if (!up || !up->parent)
		return &no_owner;
	o = g_hash_table_lookup(ow->dirs, up);
	if (o)
		return o;
	o = g_new0(struct owner, 1);
	/* /sys/module/<name>/...: the module itself */
	if (below_top(up, "module")) {
		o->module = up->name;
		goto done;
	}
	/* /sys/bus/<bus>/drivers/<driver>/...: the driver itself */
	if (up->parent->parent && below_top(up->parent->parent, "bus") &&
	    strcmp(up->parent->name, "drivers") == 0) {
		m = linked(up, "module");
		o->driver = up->name;
		o->module = m ? m->name : NULL;
		goto done;
	}
	s = linked(up, "subsystem");
	if (s && s->parent)
		o->subsystem = g_strdup_printf("%s/%s", s->parent->name, s->name);
	for (size_t t = 0; !o->subsystem && t < ARRAY_SIZE(tops); t++)
		if (below_top(up, tops[t]))
			o->subsystem = g_strdup_printf("%s/%s", tops[t], up->name);
	d = linked(up, "driver");
	if (d) {
		m = linked(d, "module");
		o->driver = d->name;
		o->module = m ? m->name : NULL;
		goto done;
	}
	above = owner_of_dir(ow, up->parent);
	o->driver = above->driver;
	o->module = above->module;
	if (!o->subsystem && above->subsystem)
		o->subsystem = g_strdup(above->subsystem);
done:
	g_hash_table_insert(ow->dirs, (gpointer)up, o);
	return o;
}

struct audit_owners *audit_owners_new(struct module_db *db)
{
	struct audit_owners *ow = g_new0(struct audit_owners, 1);

	ow->dirs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, owner_free);
	ow->db = db;
	return ow;
}

void audit_owners_free(struct audit_owners *ow)
{
	if (!ow)
		return;
	g_hash_table_destroy(ow->dirs);
	g_free(ow);
}

void audit_group_owners(struct audit_owners *ow, const struct audit_group *g,
			struct value *list)
{
	const struct owner *seen[OWNERS_MAX];
	const struct snode *last_dir = NULL;
	size_t n_seen = 0;

	for (size_t i = 0; i < g->count && n_seen < OWNERS_MAX; i++) {
		const struct owner *o;
		const char *subsystem;
		struct value *v;
		char *desc = NULL;
		bool dup = false;

		/* files of one directory have its owner: asked once */
		if (g->members[i]->parent == last_dir)
			continue;
		last_dir = g->members[i]->parent;
		o = owner_of_dir(ow, last_dir);
		if (!o->driver && !o->module && !o->subsystem)
			continue;
		/* a driver or module says more than the subsystem: that only when none */
		subsystem = o->driver || o->module ? NULL : o->subsystem;
		for (size_t k = 0; k < n_seen && !dup; k++)
			dup = g_strcmp0(seen[k]->driver, o->driver) == 0 &&
			      g_strcmp0(seen[k]->module, o->module) == 0 &&
			      g_strcmp0(seen[k]->driver || seen[k]->module ?
						NULL :
						seen[k]->subsystem,
					subsystem) == 0;
		if (dup)
			continue;
		seen[n_seen++] = o;
		v = value_append(list, value_object_new());
		value_set_str(v, "driver", o->driver);
		value_set_str(v, "module", o->module);
		value_set_str(v, "subsystem", subsystem);
		if (ow->db && o->module &&
		    module_db_describe(ow->db, o->module, &desc) == 0)
			value_set_str(v, "description", desc);
		free(desc);
	}
}
