// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings collapsed into patterns. A directory on a file's path is an *instance*
 * (shown as <*>) when another directory beside it holds the same rest of the path:
 * kmalloc-64/sheaf_capacity and dentry/sheaf_capacity make
 * /sys/kernel/slab/<*>/sheaf_capacity, and cpu0/cache/index0/size collapses at both
 * instance levels, while /sys/fs/erofs/features/x stays itself even though
 * /sys/module/erofs exists: no other file system has features/x.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit.h"

struct grouper {
	const struct audit *a;
	GHashTable *siblings;  /* "parent-id/rest/of/path" -> whether a sibling has it */
	GHashTable *groups;    /* "class\tpattern" -> struct audit_group * */
	GPtrArray *order;
};

/* Whether a directory in @parent other than @self holds the path @rest (names). */
static bool rest_elsewhere(const struct snode *parent, const struct snode *self,
			   const struct snode *const *rest, size_t n_rest)
{
	for (uint32_t i = 0; i < parent->n_kids; i++) {
		const struct snode *m = parent->kids[i];

		if (m == self || m->type != SNODE_DIR)
			continue;
		for (size_t k = 0; m && k < n_rest; k++)
			m = m->type == SNODE_DIR ? snode_child(m, rest[k]->name) : NULL;
		if (m)
			return true;
	}
	return false;
}

/*
 * rest_elsewhere(), remembered by (parent, rest): the instances of one directory ask
 * the same question, and a unique path is scanned for once.
 */
static bool instance(struct grouper *g, const struct snode *dir,
		     const struct snode *const *rest, size_t n_rest)
{
	GString *key = g_string_sized_new(64);
	gpointer found;
	bool r;

	g_string_append_printf(key, "%u", dir->parent->id);
	for (size_t k = 0; k < n_rest; k++)
		g_string_append_printf(key, "/%s", rest[k]->name);
	if (g_hash_table_lookup_extended(g->siblings, key->str, NULL, &found)) {
		g_string_free(key, TRUE);
		return GPOINTER_TO_INT(found);
	}
	r = rest_elsewhere(dir->parent, dir, rest, n_rest);
	g_hash_table_insert(g->siblings, g_string_free(key, FALSE), GINT_TO_POINTER(r));
	return r;
}

static char *pattern_of(struct grouper *g, const struct snode *n)
{
	GPtrArray *chain = g_ptr_array_new();
	GString *s = g_string_new("/sys");
	const struct snode **path;
	char *r;

	for (const struct snode *m = n; m->parent; m = m->parent)
		g_ptr_array_add(chain, (gpointer)m);
	/* root to file */
	path = (const struct snode **)chain->pdata;
	for (guint i = 0, j = chain->len - 1; i < j; i++, j--) {
		const struct snode *t = path[i];

		path[i] = path[j];
		path[j] = t;
	}
	for (guint i = 0; i < chain->len; i++) {
		const struct snode *m = path[i];

		if (i + 1 < chain->len && instance(g, m, path + i + 1, chain->len - i - 1))
			g_string_append(s, "/<*>");
		else
			g_string_append_printf(s, "/%s", m->name);
	}
	g_ptr_array_free(chain, TRUE);
	r = strdup(s->str);
	g_string_free(s, TRUE);
	return r;
}

static void add(struct grouper *g, const struct snode *n, enum audit_class c)
{
	char *pattern = pattern_of(g, n);
	char *key = g_strdup_printf("%d\t%s", c, pattern);
	struct audit_group *grp = g_hash_table_lookup(g->groups, key);

	if (!grp) {
		grp = g_new0(struct audit_group, 1);
		grp->cls = c;
		grp->pattern = pattern;
		g_hash_table_insert(g->groups, key, grp);
		g_ptr_array_add(g->order, grp);
	} else {
		free(pattern);
		g_free(key);
	}
	if (grp->n_examples < G_N_ELEMENTS(grp->examples))
		grp->examples[grp->n_examples++] = n;
	if ((grp->count & (grp->count - 1)) == 0) /* at 0, 1, 2, 4...: double */
		grp->members = g_renew(const struct snode *, grp->members,
				       grp->count ? grp->count * 2 : 1);
	grp->members[grp->count++] = n;
}

static void collect(struct grouper *g, const struct snode *dir)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];
		enum audit_class c;

		if (kid->flags & SNODE_IGNORED)
			continue;
		if (kid->type == SNODE_DIR) {
			collect(g, kid);
			continue;
		}
		c = (enum audit_class)g->a->classes[kid->id];
		if (kid->type == SNODE_FILE && c != AUDIT_DOCUMENTED)
			add(g, kid, c);
	}
}

static int cmp_groups(const void *x, const void *y)
{
	const struct audit_group *a = *(struct audit_group *const *)x;
	const struct audit_group *b = *(struct audit_group *const *)y;

	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->pattern, b->pattern);
}

int audit_groups(const struct audit *a, struct audit_group **out, size_t *n)
{
	struct grouper g = { .a = a };

	g.siblings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g.groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g.order = g_ptr_array_new();
	collect(&g, a->sys->root);
	if (g.order->len > 1)
		qsort(g.order->pdata, g.order->len, sizeof(gpointer), cmp_groups);

	*n = g.order->len;
	*out = calloc(*n ? *n : 1, sizeof(**out));
	for (guint i = 0; *out && i < g.order->len; i++) {
		(*out)[i] = *(struct audit_group *)g.order->pdata[i];
		g_free(g.order->pdata[i]);
	}
	g_ptr_array_free(g.order, TRUE);
	g_hash_table_destroy(g.groups);
	g_hash_table_destroy(g.siblings);
	return *out ? 0 : -ENOMEM;
}

void audit_groups_free(struct audit_group *groups, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(groups[i].pattern);
		g_free(groups[i].members);
	}
	free(groups);
}
