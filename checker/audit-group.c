// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings collapsed into patterns. A directory on a file's path is an *instance*
 * (shown as <*>) when another directory beside it holds the same rest of the path,
 * instances below taken as wildcards:
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

/* Whether @dir holds @rest: names, NULL for "any directory" (an instance found below). */
static bool holds(const struct snode *dir, const char *const *rest, size_t n)
{
	const struct snode *c;

	if (n == 0)
		return true;
	if (dir->type != SNODE_DIR)
		return false;
	if (rest[0]) {
		c = snode_child(dir, rest[0]);
		return c && holds(c, rest + 1, n - 1);
	}
	for (uint32_t i = 0; i < dir->n_kids; i++)
		if (holds(dir->kids[i], rest + 1, n - 1))
			return true;
	return false;
}

/*
 * Whether another directory beside @dir holds @rest. Remembered by (parent, rest): the
 * instances of one directory ask the same question, and a unique path is looked for once.
 */
static bool instance(struct grouper *g, const struct snode *dir, const char *const *rest,
		     size_t n)
{
	const struct snode *parent = dir->parent;
	GString *key = g_string_sized_new(64);
	gpointer found;
	bool r = false;

	g_string_append_printf(key, "%u", parent->id);
	for (size_t k = 0; k < n; k++)
		g_string_append_printf(key, "/%s", rest[k] ? rest[k] : "<*>");
	if (g_hash_table_lookup_extended(g->siblings, key->str, NULL, &found)) {
		g_string_free(key, TRUE);
		return GPOINTER_TO_INT(found);
	}
	for (uint32_t i = 0; i < parent->n_kids && !r; i++)
		r = parent->kids[i] != dir && parent->kids[i]->type == SNODE_DIR &&
		    holds(parent->kids[i], rest, n);
	g_hash_table_insert(g->siblings, g_string_free(key, FALSE), GINT_TO_POINTER(r));
	return r;
}

/*
 * From the file up: each directory whose sibling holds the rest of the path (with the
 * instances already found below it as wildcards) becomes <*> itself.
 */
static char *pattern_of(struct grouper *g, const struct snode *n)
{
	GPtrArray *chain = g_ptr_array_new();
	GString *s = g_string_new("/sys");
	const char **rest;
	char *r;

	for (const struct snode *m = n; m->parent; m = m->parent)
		g_ptr_array_add(chain, (gpointer)m);
	/* chain[0] is the file; rest[] is the path below chain[i], top first */
	rest = g_new(const char *, chain->len);
	for (guint i = 0; i < chain->len; i++) {
		const struct snode *m = chain->pdata[i];
		size_t below = i;

		rest[chain->len - 1 - i] = m->name;
		if (i > 0 && instance(g, m, rest + chain->len - i, below))
			rest[chain->len - 1 - i] = NULL;
	}
	for (guint i = 0; i < chain->len; i++)
		g_string_append_printf(s, "/%s", rest[i] ? rest[i] : "<*>");
	g_free(rest);
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

/* Whether @general's <*> components cover @specific (same depth, else equal names). */
static bool generalizes(const char *general, const char *specific)
{
	while (*general && *specific) {
		size_t gl = strcspn(general + 1, "/") + 1, sl = strcspn(specific + 1, "/") + 1;

		if (!(gl == 4 && strncmp(general, "/<*>", 4) == 0) &&
		    (gl != sl || strncmp(general, specific, gl) != 0))
			return false;
		general += gl;
		specific += sl;
	}
	return !*general && !*specific;
}

static size_t wildcards(const char *pattern)
{
	size_t n = 0;

	for (const char *p = pattern; (p = strstr(p, "/<*>")); p += 4)
		n++;
	return n;
}

static void merge_into(struct audit_group *to, struct audit_group *from)
{
	to->members = g_renew(const struct snode *, to->members, to->count + from->count);
	memcpy(to->members + to->count, from->members, from->count * sizeof(*to->members));
	for (size_t k = 0; k < from->n_examples && to->n_examples < G_N_ELEMENTS(to->examples); k++)
		to->examples[to->n_examples++] = from->examples[k];
	to->count += from->count;
	from->count = 0;
}

/*
 * An instance seen alone (cpu1 with a single cache index0) leaves its file in a group
 * of its own beside the general one (cpu/<*>/cache/<*>/size). Fold such groups into
 * the most general one covering them; only groups of one class and file name can, so
 * compare within those buckets.
 */
static void fold(GPtrArray *order)
{
	GHashTable *buckets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						    (GDestroyNotify)g_ptr_array_unref);
	GHashTableIter it;
	gpointer list;

	for (guint i = 0; i < order->len; i++) {
		struct audit_group *grp = order->pdata[i];
		char *key = g_strdup_printf("%d\t%s", grp->cls, strrchr(grp->pattern, '/'));
		GPtrArray *b = g_hash_table_lookup(buckets, key);

		if (!b) {
			b = g_ptr_array_new();
			g_hash_table_insert(buckets, key, b);
		} else {
			g_free(key);
		}
		g_ptr_array_add(b, grp);
	}
	g_hash_table_iter_init(&it, buckets);
	while (g_hash_table_iter_next(&it, NULL, &list)) {
		GPtrArray *b = list;

		for (guint i = 0; b->len > 1 && i < b->len; i++) {
			struct audit_group *spec = b->pdata[i], *best = NULL;

			for (guint j = 0; j < b->len; j++) {
				struct audit_group *gen = b->pdata[j];

				if (gen == spec || !gen->count ||
				    wildcards(gen->pattern) <= wildcards(spec->pattern) ||
				    !generalizes(gen->pattern, spec->pattern))
					continue;
				if (!best || wildcards(gen->pattern) > wildcards(best->pattern))
					best = gen;
			}
			if (best)
				merge_into(best, spec);
		}
	}
	g_hash_table_destroy(buckets);
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
	fold(g.order);
	for (guint i = 0; i < g.order->len;) {
		struct audit_group *grp = g.order->pdata[i];

		if (grp->count) {
			i++;
			continue;
		}
		free(grp->pattern);
		g_free(grp->members);
		g_free(grp);
		g_ptr_array_remove_index_fast(g.order, i);
	}
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
