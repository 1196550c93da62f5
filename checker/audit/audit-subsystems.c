// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The files of the sysfs by subsystem and class: the report's "subsystems", which the
 * HTML report draws as a treemap (audit-treemap.c).
 *
 * A file's subsystem is that of the nearest directory above it with a `subsystem` link
 * into /sys/bus or /sys/class (a device: bus/pci, class/net, class/block), else the
 * first two components of its path (kernel/mm, fs/ext4, firmware/acpi, bus/pci for a
 * driver's files, devices/system), else the first one (power). The modules are one:
 * module, not a subsystem a module. Files at the top of the root are "/".
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"

struct tally {
	long long n[AUDIT_CLASS_COUNT];
	long long stable, testing; /* documented files by level */
};

struct subsystems {
	const struct audit *a;
	GHashTable *by_name; /* name -> struct tally *, both owned */
};

/* The tally of @name, made on first use; returns the table's own copy in *@key. */
static struct tally *tally_of(struct subsystems *s, const char *name, const char **key)
{
	gpointer k, v;

	if (g_hash_table_lookup_extended(s->by_name, name, &k, &v)) {
		*key = k;
		return v;
	}
	k = g_strdup(name);
	v = g_new0(struct tally, 1);
	g_hash_table_insert(s->by_name, k, v);
	*key = k;
	return v;
}

static void count_file(struct subsystems *s, struct tally *t, const struct snode *n)
{
	enum audit_class c = (enum audit_class)s->a->classes[n->id];
	const struct abi_what *w = s->a->nodes[n->id].match;

	t->n[c]++;
	if (c == AUDIT_DOCUMENTED) {
		if (w && w->entry->level == ABI_LEVEL_STABLE)
			t->stable++;
		else
			t->testing++;
	}
}

/* The subsystem @dir's `subsystem` link names, "bus/pci", into @buf; false if none: no
 * link, or one leading anywhere but to a directory two levels below the root. */
static bool linked_subsystem(const struct snode *dir, char *buf, size_t size)
{
	const struct snode *l = snode_child(dir, "subsystem"), *t;

	if (!l || l->type != SNODE_LINK || !(t = l->link_target) ||
	    t->type != SNODE_DIR || !t->parent || !t->parent->parent ||
	    t->parent->parent->parent)
		return false;
	snprintf(buf, size, "%s/%s", t->parent->name, t->name);
	return true;
}

/* Count the files below @dir, at @depth below the root, whose subsystem is @name (the
 * table's own string) unless a directory says otherwise. */
static void walk(struct subsystems *s, const struct snode *dir, int depth,
		 const char *name)
{
	struct tally *t = NULL;
	char buf[512];

	if (depth == 1) {
		t = tally_of(s, dir->name, &name);
	} else if (depth == 2 && strcmp(dir->parent->name, "module") != 0) {
		snprintf(buf, sizeof(buf), "%s/%s", dir->parent->name, dir->name);
		t = tally_of(s, buf, &name);
	}
	if (depth >= 2 && linked_subsystem(dir, buf, sizeof(buf)))
		t = tally_of(s, buf, &name);
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];

		if (kid->flags & SNODE_IGNORED)
			continue;
		if (kid->type == SNODE_DIR) {
			walk(s, kid, depth + 1, name);
		} else if (kid->type == SNODE_FILE) {
			if (!t)
				t = tally_of(s, name, &name);
			count_file(s, t, kid);
		}
	}
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void audit_report_subsystems(const struct audit *a, struct value *list)
{
	struct subsystems s = { a, g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
							 g_free) };
	GPtrArray *names = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	walk(&s, a->sys->root, 0, "/");
	g_hash_table_iter_init(&it, s.by_name);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(names, key);
	g_ptr_array_sort(names, cmp_names);
	for (guint i = 0; i < names->len; i++) {
		const struct tally *t = g_hash_table_lookup(s.by_name, names->pdata[i]);
		struct value *v, *files;
		long long total = 0;

		for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
			total += t->n[c];
		if (!total)
			continue;
		v = value_append(list, value_object_new());
		value_set_str(v, "name", names->pdata[i]);
		files = value_set(v, "files", value_object_new());
		for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
			value_set_int(files, audit_class_name(c), t->n[c]);
		value_set_int(files, "total", total);
		files = value_set(v, "documented_by_level", value_object_new());
		value_set_int(files, "stable", t->stable);
		value_set_int(files, "testing", t->testing);
	}
	g_ptr_array_free(names, TRUE);
	g_hash_table_destroy(s.by_name);
}
