// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Findings collapsed into patterns, in three steps, each near-linear in the findings:
 *
 * 1. From each file up, a directory is an *instance* (shown as <*>) when another
 *    directory beside it holds the same rest of the path, instances below taken as
 *    wildcards: kmalloc-64/sheaf_capacity and dentry/sheaf_capacity make
 *    /sys/kernel/slab/<*>/sheaf_capacity, cpu0/cache/index0/size collapses at both
 *    levels, and /sys/fs/erofs/features/x stays itself although /sys/module/erofs exists.
 * 2. Groups whose patterns are the same once runs of digits are set aside (eth0_7 and
 *    eth0_8, pci0000:00 and pci0000:40) merge, with <*> where they differ.
 * 3. A group seen through a lone instance (cpu1 with a single cache index0) folds into
 *    the group whose pattern has <*> where it has a name.
 *
 * A device's files are named as the documentation names them: through the class, bus
 * or block view of the nearest device above (the directory whose subsystem link leads
 * to /sys/class/X or /sys/bus/Y), when the sysfs has that alias:
 * /sys/devices/virtual/tty/tty0/dev is /sys/class/tty/tty0/dev, a disk's ro
 * /sys/block/<disk>/ro, a PCI function's file /sys/bus/pci/devices/<dev>/x.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit.h"
#include "common/macro.h"

/*
 * A remembered question about a directory's children: does another of them hold this
 * name (name set) or this rest of a path (rest: its hash)? The parent is kept exactly.
 */
struct memo_key {
	uint32_t parent;
	const char *name;
	guint64 rest;
};

#define MEMO_BLOCK 4096

struct grouper {
	const struct audit *a;
	GHashTable *memo;   /* struct memo_key -> 1 + the answer */
	GSList *key_blocks; /* where the keys live */
	size_t keys_used;
	GHashTable *groups[AUDIT_GROUP_MAX_BUCKETS]; /* pattern -> struct audit_group * */
	audit_bucket_fn bucket;
	void *data;
	GString *buf;
};

/* One more component @v on a path hash: a bijection of @h for each @v. */
static guint64 mix(guint64 h, guint64 v)
{
	h = h * 0x9e3779b97f4a7c15ull + v;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 29);
}

static guint memo_hash(gconstpointer p)
{
	const struct memo_key *k = p;

	return (guint)(mix(k->rest ^ GPOINTER_TO_SIZE(k->name), k->parent) >> 17);
}

static gboolean memo_equal(gconstpointer a, gconstpointer b)
{
	const struct memo_key *x = a, *y = b;

	return x->parent == y->parent && x->name == y->name && x->rest == y->rest;
}

static gpointer memo_get(struct grouper *g, const struct memo_key *k)
{
	return g_hash_table_lookup(g->memo, k);
}

static void memo_put(struct grouper *g, const struct memo_key *k, int answer)
{
	struct memo_key *slot;

	if (!g->key_blocks || g->keys_used == MEMO_BLOCK) {
		g->key_blocks = g_slist_prepend(g->key_blocks,
						g_new(struct memo_key, MEMO_BLOCK));
		g->keys_used = 0;
	}
	slot = (struct memo_key *)g->key_blocks->data + g->keys_used++;
	*slot = *k;
	g_hash_table_insert(g->memo, slot, GINT_TO_POINTER(answer + 1));
}

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
 * How many directories in @parent have an entry @name: 0, 1 or 2 (2 or more). Most
 * paths that no sibling holds fail here, one level down, without a deep search.
 */
static int holders(struct grouper *g, const struct snode *parent, const char *name)
{
	struct memo_key key = { parent->id, name, 0 };
	gpointer found = memo_get(g, &key);
	int n = 0;

	if (found)
		return GPOINTER_TO_INT(found) - 1;
	for (uint32_t i = 0; i < parent->n_kids && n < 2; i++)
		n += parent->kids[i]->type == SNODE_DIR &&
		     snode_child(parent->kids[i], name);
	memo_put(g, &key, n);
	return n;
}

/* Whether another directory beside @dir holds @rest (whose hash is @h). */
static bool instance(struct grouper *g, const struct snode *dir, const char *const *rest,
		     size_t n, guint64 h)
{
	const struct snode *parent = dir->parent;
	struct memo_key key = { parent->id, NULL, h };
	gpointer found;
	bool r = false;

	if (parent->n_kids < 2 || (rest[0] && holders(g, parent, rest[0]) < 2))
		return false;
	/* the instances of one directory ask the same question: remember the answer */
	found = memo_get(g, &key);
	if (found)
		return GPOINTER_TO_INT(found) - 1;
	for (uint32_t i = 0; i < parent->n_kids && !r; i++)
		r = parent->kids[i] != dir && parent->kids[i]->type == SNODE_DIR &&
		    holds(parent->kids[i], rest, n);
	memo_put(g, &key, r);
	return r;
}

/* Whether @alias, a name in a view, is a link to @dev. */
static bool links_to(const struct snode *alias, const struct snode *dev)
{
	return alias && alias->type == SNODE_LINK && alias->link_target == dev;
}

/*
 * The view that names device @dev, into @view ("/sys/class/net", "/sys/bus/pci/devices",
 * "/sys/block"), when its subsystem link leads to a class or a bus that has it; for a
 * partition, *@in_disk is set: /sys/block has its disk, @dev's parent. *@devices is the
 * view's directory, which lists the devices.
 */
static bool device_view(const struct sysfs_tree *sys, const struct snode *dev,
			GString *view, bool *in_disk, const struct snode **devices)
{
	const struct snode *sub = snode_child(dev, "subsystem"), *t, *top, *block;

	*in_disk = false;
	if (!sub || sub->type != SNODE_LINK || !(t = sub->link_target) ||
	    t->type != SNODE_DIR || !(top = t->parent) || top->parent != sys->root)
		return false;
	if (strcmp(top->name, "class") == 0 && strcmp(t->name, "block") == 0) {
		block = snode_child(sys->root, "block");
		if (!block || block->type != SNODE_DIR)
			return false;
		*in_disk = !links_to(snode_child(block, dev->name), dev);
		if (*in_disk &&
		    !links_to(snode_child(block, dev->parent->name), dev->parent))
			return false;
		g_string_assign(view, "/sys/block");
		*devices = block;
		return true;
	}
	if (strcmp(top->name, "class") == 0 && links_to(snode_child(t, dev->name), dev)) {
		g_string_printf(view, "/sys/class/%s", t->name);
		*devices = t;
		return true;
	}
	if (strcmp(top->name, "bus") == 0 && snode_child(t, "devices") &&
	    links_to(snode_child(snode_child(t, "devices"), dev->name), dev)) {
		g_string_printf(view, "/sys/bus/%s/devices", t->name);
		*devices = snode_child(t, "devices");
		return true;
	}
	return false;
}

/* Step 1: the pattern of file @n, into g->buf. */
static void pattern_of(struct grouper *g, const struct snode *n)
{
	const char *rest[PATH_MAX / 2];
	size_t depth = 0, top;
	guint64 h = 1;

	for (const struct snode *m = n; m->parent && depth < ARRAY_SIZE(rest);
	     m = m->parent)
		depth++;
	top = depth;
	/* rest[top - 1] is the file, rest[0] the first component below /sys */
	for (const struct snode *m = n; m->parent && top > 0; m = m->parent) {
		top--;
		rest[top] = m->name;
		if (m != n && instance(g, m, rest + top + 1, depth - top - 1, h))
			rest[top] = NULL;
		h = mix(h, rest[top] ? GPOINTER_TO_SIZE(rest[top]) : 1);
	}
	/*
	 * below /sys/devices, from the nearest device with a view; a device is an
	 * instance where its view lists others (and so is a partition of one)
	 */
	if (top == 0 && depth > 2 && rest[0] && strcmp(rest[0], "devices") == 0) {
		const struct snode *devices;
		size_t i = depth - 1;
		bool in_disk, many;

		for (const struct snode *m = n->parent; m->parent && i-- > 1;
		     m = m->parent) {
			if (!device_view(g->a->sys, m, g->buf, &in_disk, &devices))
				continue;
			many = devices && devices->n_kids > 1;
			if (in_disk)
				i--;
			for (size_t k = i; k < depth; k++) {
				bool named = rest[k] && !(many && k <= i + in_disk);

				g_string_append_c(g->buf, '/');
				g_string_append(g->buf, named ? rest[k] : "<*>");
			}
			return;
		}
	}
	g_string_assign(g->buf, "/sys");
	for (size_t i = top; i < depth; i++) {
		/* no printf: this runs for every file */
		g_string_append_c(g->buf, '/');
		g_string_append(g->buf, rest[i] ? rest[i] : "<*>");
	}
}

static struct audit_group *group_new(int bucket, const char *pattern)
{
	struct audit_group *grp = g_new0(struct audit_group, 1);

	grp->bucket = bucket;
	grp->cls = (enum audit_class)bucket;
	grp->pattern = strdup(pattern);
	return grp;
}

static void group_add(struct audit_group *grp, const struct snode *n)
{
	if (grp->n_examples < ARRAY_SIZE(grp->examples))
		grp->examples[grp->n_examples++] = n;
	if ((grp->count & (grp->count - 1)) == 0) /* at 0, 1, 2, 4...: double */
		grp->members = g_renew(const struct snode *, grp->members,
				       grp->count ? grp->count * 2 : 1);
	grp->members[grp->count++] = n;
}

static void group_free(gpointer p)
{
	struct audit_group *grp = p;

	free(grp->pattern);
	g_free(grp->members);
	g_free(grp);
}

static void collect(struct grouper *g, const struct snode *dir)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];
		struct audit_group *grp;
		int b;

		if (kid->flags & SNODE_IGNORED)
			continue;
		if (kid->type == SNODE_DIR) {
			collect(g, kid);
			continue;
		}
		if (kid->type != SNODE_FILE && kid->type != SNODE_LINK)
			continue;
		b = g->bucket(g->a, kid, g->data);
		if (b < 0 || b >= AUDIT_GROUP_MAX_BUCKETS)
			continue;
		pattern_of(g, kid);
		grp = g_hash_table_lookup(g->groups[b], g->buf->str);
		if (!grp) {
			grp = group_new(b, g->buf->str);
			g_hash_table_insert(g->groups[b], grp->pattern, grp);
		}
		group_add(grp, kid);
	}
}

/* Move @from's files into @to. */
static void merge_into(struct audit_group *to, struct audit_group *from)
{
	for (size_t k = 0; k < from->count; k++)
		group_add(to, from->members[k]);
	from->count = 0;
}

/* @pattern with every run of digits written '#': its shape. */
static char *shape_of(const char *pattern)
{
	GString *s = g_string_sized_new(strlen(pattern));

	for (const char *p = pattern; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			while (g_ascii_isdigit(p[1]))
				p++;
			g_string_append_c(s, '#');
		} else {
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, FALSE);
}

/* @a and @b (of one shape) component by component, <*> where they differ. */
static char *unify(const char *a, const char *b)
{
	GString *s = g_string_new(NULL);

	while (*a && *b) {
		size_t la = strcspn(a + 1, "/") + 1, lb = strcspn(b + 1, "/") + 1;

		if (la == lb && strncmp(a, b, la) == 0)
			g_string_append_len(s, a, (gssize)la);
		else
			g_string_append(s, "/<*>");
		a += la;
		b += lb;
	}
	return g_string_free(s, FALSE);
}

/* Re-key @table after patterns changed, merging groups that now share one. */
static void rekey(GHashTable *table, GPtrArray *list)
{
	g_hash_table_steal_all(table);
	for (guint i = 0; i < list->len; i++) {
		struct audit_group *grp = list->pdata[i], *same;

		if (!grp->count)
			continue;
		same = g_hash_table_lookup(table, grp->pattern);
		if (same)
			merge_into(same, grp);
		else
			g_hash_table_insert(table, grp->pattern, grp);
	}
}

/* Step 2, for one class: merge groups of one shape. */
static void merge_shapes(GHashTable *table, GPtrArray *list)
{
	GHashTable *by_shape =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < list->len; i++) {
		struct audit_group *grp = list->pdata[i], *first;
		char *shape = shape_of(grp->pattern), *u;

		first = g_hash_table_lookup(by_shape, shape);
		if (!first) {
			g_hash_table_insert(by_shape, shape, grp);
			continue;
		}
		g_free(shape);
		u = unify(first->pattern, grp->pattern);
		free(first->pattern);
		first->pattern = strdup(u);
		g_free(u);
		merge_into(first, grp);
	}
	g_hash_table_destroy(by_shape);
	rekey(table, list);
}

/* Step 3, for one class: fold each group into one with <*> where it has a name. */
static void fold_general(GHashTable *table, GPtrArray *list)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < list->len; i++) {
		struct audit_group *grp = list->pdata[i], *gen;
		const char *p = grp->pattern;

		/* each component but the file's own name, from the deepest */
		for (const char *c = strrchr(p, '/'); grp->count && c > p + 4;) {
			const char *prev = c - 1;

			while (*prev != '/')
				prev--;
			c = prev;
			if (strncmp(c, "/<*>/", 5) == 0)
				continue;
			g_string_truncate(s, 0);
			g_string_append_len(s, p, c - p);
			g_string_append(s, "/<*>");
			g_string_append(s, c + strcspn(c + 1, "/") + 1);
			gen = g_hash_table_lookup(table, s->str);
			if (gen && gen != grp && gen->count)
				merge_into(gen, grp);
		}
	}
	g_string_free(s, TRUE);
	rekey(table, list);
}

static int cmp_groups(const void *x, const void *y)
{
	const struct audit_group *a = *(struct audit_group *const *)x;
	const struct audit_group *b = *(struct audit_group *const *)y;

	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->pattern, b->pattern);
}

/* The groups of @table, as a list that owns them. */
static GPtrArray *listed(GHashTable *table)
{
	GPtrArray *list = g_ptr_array_new();
	GHashTableIter it;
	gpointer grp;

	g_hash_table_iter_init(&it, table);
	while (g_hash_table_iter_next(&it, NULL, &grp))
		g_ptr_array_add(list, grp);
	g_ptr_array_sort(list, (GCompareFunc)cmp_groups); /* a stable order to merge in */
	return list;
}

int audit_class_bucket(const struct audit *a, const struct snode *n, void *data)
{
	enum audit_class c = (enum audit_class)a->classes[n->id];

	return n->type != SNODE_FILE || c == AUDIT_DOCUMENTED ? -1 : (int)c;
}

int audit_groups(const struct audit *a, struct audit_group **out, size_t *n)
{
	return audit_groups_by(a, audit_class_bucket, NULL, out, n);
}

int audit_groups_by(const struct audit *a, audit_bucket_fn bucket, void *data,
		    struct audit_group **out, size_t *n)
{
	struct grouper g = {
		.a = a, .bucket = bucket, .data = data, .buf = g_string_new(NULL)
	};
	GPtrArray *all = g_ptr_array_new();

	g.memo = g_hash_table_new(memo_hash, memo_equal);
	for (int c = 0; c < AUDIT_GROUP_MAX_BUCKETS; c++)
		g.groups[c] = g_hash_table_new(g_str_hash, g_str_equal);
	collect(&g, a->sys->root);
	for (int c = 0; c < AUDIT_GROUP_MAX_BUCKETS; c++) {
		GPtrArray *list = listed(g.groups[c]);

		merge_shapes(g.groups[c], list);
		fold_general(g.groups[c], list);
		for (guint i = 0; i < list->len; i++) {
			struct audit_group *grp = list->pdata[i];

			if (grp->count)
				g_ptr_array_add(all, grp);
			else
				group_free(grp);
		}
		g_ptr_array_free(list, TRUE);
		g_hash_table_destroy(g.groups[c]);
	}
	g_ptr_array_sort(all, (GCompareFunc)cmp_groups);
	*n = all->len;
	*out = calloc(*n ? *n : 1, sizeof(**out));
	for (guint i = 0; *out && i < all->len; i++) {
		(*out)[i] = *(struct audit_group *)all->pdata[i];
		g_free(all->pdata[i]);
	}
	if (!*out)
		g_ptr_array_set_free_func(all, group_free);
	g_ptr_array_free(all, TRUE);
	g_hash_table_destroy(g.memo);
	g_slist_free_full(g.key_blocks, g_free);
	g_string_free(g.buf, TRUE);
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
