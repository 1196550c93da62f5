// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --explain PATH: every name by which a node is reached (its real path, and the aliases
 * symlinks give it, up to AUDIT_MAX_HOPS links deep), and which What each one matches.
 * Done for one node on request, so it may simply list the names.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "cli/entry-value.h"

/* Enough for any real node; a hostile tree is cut here, and the report says so. */
#define EXPLAIN_MAX_NAMES 256

struct explainer {
	const struct audit *a;
	GHashTable *links_to; /* target node -> GPtrArray of links */
	GPtrArray *names;     /* char *, the real path first */
	bool truncated;
};

static void index_links(GHashTable *links_to, const struct snode *dir)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];
		GPtrArray *list;

		if (kid->type == SNODE_DIR) {
			index_links(links_to, kid);
		} else if (kid->type == SNODE_LINK && kid->link_target) {
			list = g_hash_table_lookup(links_to, kid->link_target);
			if (!list) {
				list = g_ptr_array_new();
				g_hash_table_insert(links_to, (gpointer)kid->link_target,
						    list);
			}
			g_ptr_array_add(list, (gpointer)kid);
		}
	}
}

static void add_name(struct explainer *x, char *name)
{
	for (guint i = 0; i < x->names->len; i++) {
		if (strcmp(x->names->pdata[i], name) == 0) {
			free(name);
			return;
		}
	}
	if (x->names->len >= EXPLAIN_MAX_NAMES) {
		x->truncated = true;
		free(name);
		return;
	}
	g_ptr_array_add(x->names, name);
}

/* Names of @n: through each link to @n or to one of its ancestors, with @suffix after. */
static void names_of(struct explainer *x, const struct snode *n, const char *suffix,
		     unsigned int hops)
{
	GString *below = g_string_new(suffix);

	/* once the list is full, stop: the ways through links multiply with every hop */
	for (const struct snode *m = n; m && !x->truncated; m = m->parent) {
		GPtrArray *links = g_hash_table_lookup(x->links_to, m);

		for (guint i = 0; links && i < links->len && hops && !x->truncated; i++) {
			const struct snode *link = links->pdata[i];
			char *lp, *name;

			/* a device's subsystem and driver links lead back to a collection
			 * that holds it: /sys/class/net/lo/subsystem/eth0 and
			 * .../foo.0/driver/foo.0 are loops, no view of it a reader takes,
			 * though the audit matches them too */
			if (strcmp(link->name, "subsystem") == 0 ||
			    strcmp(link->name, "driver") == 0)
				continue;
			lp = snode_path(link);
			if (!lp)
				continue;
			name = g_strconcat(lp, below->str, NULL);
			add_name(x, strdup(name));
			names_of(x, link, below->str, hops - 1);
			g_free(name);
			free(lp);
		}
		if (m->parent) {
			g_string_prepend(below, m->name);
			g_string_prepend_c(below, '/');
		}
	}
	g_string_free(below, TRUE);
}

static int cmp_len(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

struct collect {
	const struct doc_source *src;
	struct value *matches;
};

static int add_match(void *data, const struct abi_what *w)
{
	struct collect *c = data;

	value_append(c->matches, what_value(c->src, w));
	return 0;
}

GHashTable *audit_links_new(const struct audit *a)
{
	GHashTable *links_to = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						     (GDestroyNotify)g_ptr_array_unref);

	index_links(links_to, a->sys->root);
	return links_to;
}

struct value *audit_explain(const struct audit *a, const struct doc_source *src,
			    GHashTable *links_to, const char *path)
{
	struct value *v = value_object_new(), *names;
	struct explainer x = { .a = a, .links_to = links_to };
	const struct snode *n = sysfs_tree_resolve(a->sys, path);

	value_set_str(v, "path", path);
	if (!n) {
		value_set_bool(v, "exists", false);
		return v;
	}
	value_set_bool(v, "exists", true);
	x.names = g_ptr_array_new_with_free_func(free);
	add_name(&x, snode_path(n));
	names_of(&x, n, "", AUDIT_MAX_HOPS);

	/* after the real path, the shortest (most natural) names first */
	if (x.names->len > 2)
		qsort(x.names->pdata + 1, x.names->len - 1, sizeof(gpointer), cmp_len);
	audit_node_describe(a, src, n, v);
	names = value_set(v, "names", value_array_new());
	for (guint i = 0; i < x.names->len; i++) {
		struct value *name = value_append(names, value_object_new());
		struct collect c = { src, value_array_new() };

		value_set_str(name, "name", x.names->pdata[i]);
		abi_index_lookup_links(a->index, x.names->pdata[i], sysfs_tree_is_link,
				       (void *)a->sys, add_match, &c);
		value_set(name, "matches", c.matches);
	}
	value_set_bool(v, "names_truncated", x.truncated);
	g_ptr_array_free(x.names, TRUE);
	return v;
}
