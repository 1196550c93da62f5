// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The index: every path-like What of a tree in one trie over path components.
 *
 * A node's literal children sit in a hash table, so a lookup costs the same however
 * many other literal components the tree has; its glob children (components with
 * wildcards) are tried one by one, and a `...` (zero or more components) child is a
 * node that loops on any component. Looking a path up runs the trie as an NFA: a set
 * of nodes, stepped one component at a time. Walkers use the same steps, so a prefix
 * shared by many sysfs paths is matched once.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <glib.h>

#include "abi-internal.h"

struct glob_edge {
	const struct abi_glob *glob;
	struct inode *child;
};

struct inode {
	GHashTable *literal;          /* component -> struct inode *, or NULL */
	GArray *globs;                /* struct glob_edge, or NULL */
	struct inode *deep;           /* the `...` child, or NULL */
	GPtrArray *ends;              /* const struct abi_what * ending here, or NULL */
	GHashTable *glob_cache;       /* component -> GPtrArray of the glob children it
					 matches: nodes with many glob children only */
	unsigned int id;
	bool loops;                   /* reached through `...`: any component stays here */
};

struct abi_index {
	const struct abi_tree *tree;
	struct inode *root;
	GPtrArray *nodes;             /* every node, by id, for freeing */
	GHashTable *parents;          /* const struct abi_what * -> GArray of node ids */
};

struct abi_index_states {
	size_t n;
	struct inode *nodes[];
};

static struct inode *node_new(struct abi_index *index)
{
	struct inode *n = g_new0(struct inode, 1);

	n->id = index->nodes->len;
	g_ptr_array_add(index->nodes, n);
	return n;
}

static void node_free(gpointer p)
{
	struct inode *n = p;

	if (n->literal)
		g_hash_table_destroy(n->literal);
	if (n->globs)
		g_array_free(n->globs, TRUE);
	if (n->ends)
		g_ptr_array_free(n->ends, TRUE);
	if (n->glob_cache)
		g_hash_table_destroy(n->glob_cache);
	g_free(n);
}

static struct inode *child_for(struct abi_index *index, struct inode *n,
			       const struct abi_comp *c)
{
	struct inode *child;

	switch (c->type) {
	case ABI_COMP_LITERAL:
		if (!n->literal)
			n->literal = g_hash_table_new(g_str_hash, g_str_equal);
		child = g_hash_table_lookup(n->literal, c->literal);
		if (!child) {
			child = node_new(index);
			g_hash_table_insert(n->literal, (gpointer)c->literal, child);
		}
		return child;
	case ABI_COMP_GLOB:
		if (!n->globs)
			n->globs = g_array_new(FALSE, FALSE, sizeof(struct glob_edge));
		/* globs are compiled per What: equal ones are not shared, which is fine */
		child = node_new(index);
		g_array_append_val(n->globs, ((struct glob_edge){ c->glob, child }));
		return child;
	case ABI_COMP_DEEP:
		if (!n->deep) {
			n->deep = node_new(index);
			n->deep->loops = true;
		}
		return n->deep;
	}
	return NULL;
}

static void free_array(gpointer p)
{
	g_array_free(p, TRUE);
}

static void index_add(struct abi_index *index, const struct abi_what *what)
{
	GArray *parents = g_array_new(FALSE, FALSE, sizeof(unsigned int));

	g_hash_table_insert(index->parents, (gpointer)what, parents);
	for (size_t v = 0; v < abi_pattern_variant_count(what->pattern); v++) {
		size_t n_comps;
		const struct abi_comp *comps = abi_pattern_variant(what->pattern, v, &n_comps);
		struct inode *n = index->root;

		for (size_t c = 0; c < n_comps; c++) {
			/* the node before the last component stands for the parent directory */
			if (c + 1 == n_comps && comps[c].type != ABI_COMP_DEEP)
				g_array_append_val(parents, n->id);
			n = child_for(index, n, &comps[c]);
		}
		if (!n->ends)
			n->ends = g_ptr_array_new();
		g_ptr_array_add(n->ends, (gpointer)what);
	}
}

int abi_index_new(const struct abi_tree *tree, struct abi_index **out)
{
	struct abi_index *index = g_new0(struct abi_index, 1);

	index->tree = tree;
	index->nodes = g_ptr_array_new_with_free_func(node_free);
	index->parents = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_array);
	index->root = node_new(index);
	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++)
			if (e->whats[w].pattern && !e->whats[w].too_broad)
				index_add(index, &e->whats[w]);
	}
	*out = index;
	return 0;
}

void abi_index_free(struct abi_index *index)
{
	if (!index)
		return;
	g_ptr_array_free(index->nodes, TRUE);
	g_hash_table_destroy(index->parents);
	g_free(index);
}

/* ---- state sets ---- */

static struct abi_index_states *states_new(size_t alloc)
{
	struct abi_index_states *s = g_malloc(sizeof(*s) + alloc * sizeof(s->nodes[0]));

	s->n = 0;
	return s;
}

/* Add @n and what it reaches without consuming a component: its `...` child. */
static void states_add(struct abi_index_states **s, size_t *alloc, struct inode *n)
{
	for (; n; n = n->deep) {
		if ((*s)->n == *alloc) {
			*alloc *= 2;
			*s = g_realloc(*s, sizeof(**s) + *alloc * sizeof((*s)->nodes[0]));
		}
		(*s)->nodes[(*s)->n++] = n;
	}
}

/*
 * Sets are small: sorting beats a bitmap as large as the trie on every step, and an
 * insertion sort beats qsort (glibc's is a merge sort that may allocate).
 */
static void states_uniq(struct abi_index_states *s)
{
	size_t k = 0;

	for (size_t i = 1; i < s->n; i++) {
		struct inode *x = s->nodes[i];
		size_t j = i;

		for (; j > 0 && s->nodes[j - 1]->id > x->id; j--)
			s->nodes[j] = s->nodes[j - 1];
		s->nodes[j] = x;
	}
	for (size_t i = 0; i < s->n; i++)
		if (k == 0 || s->nodes[k - 1] != s->nodes[i])
			s->nodes[k++] = s->nodes[i];
	s->n = k;
}

int abi_index_states_root(const struct abi_index *index, struct abi_index_states **out)
{
	size_t alloc = 4;

	*out = states_new(alloc);
	states_add(out, &alloc, index->root);
	return 0;
}

/*
 * A node with many glob children (above all `/sys/...`, which every state set holds,
 * with a child for each What that starts with `...`) would try them all for each new
 * component; a sysfs has a few thousand distinct names, so remember the answer.
 */
#define GLOB_CACHE_MIN 8

static void free_ptr_array(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

static GPtrArray *glob_children(struct inode *n, const char *component, size_t len)
{
	GPtrArray *kids = n->glob_cache ? g_hash_table_lookup(n->glob_cache, component) : NULL;

	if (kids)
		return kids;
	kids = g_ptr_array_new();
	for (guint g = 0; g < n->globs->len; g++) {
		struct glob_edge *e = &g_array_index(n->globs, struct glob_edge, g);

		if (abi_glob_match(e->glob, component, len))
			g_ptr_array_add(kids, e->child);
	}
	if (!n->glob_cache)
		n->glob_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						      free_ptr_array);
	g_hash_table_insert(n->glob_cache, g_strdup(component), kids);
	return kids;
}

int abi_index_states_step(const struct abi_index *index, const struct abi_index_states *from,
			  const char *component, struct abi_index_states **out)
{
	size_t alloc = from->n + 4, len = strlen(component);

	*out = states_new(alloc);
	for (size_t i = 0; i < from->n; i++) {
		struct inode *n = from->nodes[i];

		if (n->literal)
			states_add(out, &alloc, g_hash_table_lookup(n->literal, component));
		if (n->globs && n->globs->len >= GLOB_CACHE_MIN) {
			GPtrArray *kids = glob_children(n, component, len);

			for (guint k = 0; k < kids->len; k++)
				states_add(out, &alloc, kids->pdata[k]);
		}
		for (guint g = 0; n->globs && n->globs->len < GLOB_CACHE_MIN && g < n->globs->len;
		     g++) {
			struct glob_edge *e = &g_array_index(n->globs, struct glob_edge, g);

			if (abi_glob_match(e->glob, component, len))
				states_add(out, &alloc, e->child);
		}
		if (n->loops)
			states_add(out, &alloc, n);
	}
	states_uniq(*out);
	return 0;
}

bool abi_index_states_empty(const struct abi_index_states *states)
{
	return states->n == 0;
}

void abi_index_states_free(struct abi_index_states *states)
{
	g_free(states);
}

unsigned int abi_index_states_hash(const struct abi_index_states *states)
{
	unsigned int h = 2166136261u; /* FNV-1a over the sorted node ids */

	for (size_t i = 0; i < states->n; i++)
		h = (h ^ states->nodes[i]->id) * 16777619u;
	return h;
}

bool abi_index_states_equal(const struct abi_index_states *a, const struct abi_index_states *b)
{
	return a->n == b->n && memcmp(a->nodes, b->nodes, a->n * sizeof(a->nodes[0])) == 0;
}

int abi_index_states_minus(const struct abi_index_states *a, const struct abi_index_states *b,
			   struct abi_index_states **out)
{
	size_t j = 0;

	/* both sorted by id */
	*out = states_new(a->n ? a->n : 1);
	for (size_t i = 0; i < a->n; i++) {
		while (j < b->n && b->nodes[j]->id < a->nodes[i]->id)
			j++;
		if (j == b->n || b->nodes[j] != a->nodes[i])
			(*out)->nodes[(*out)->n++] = a->nodes[i];
	}
	return 0;
}

bool abi_index_states_has_match(const struct abi_index_states *states)
{
	for (size_t i = 0; i < states->n; i++)
		if (states->nodes[i]->ends)
			return true;
	return false;
}

size_t abi_index_node_count(const struct abi_index *index)
{
	return index->nodes->len;
}

size_t abi_index_states_len(const struct abi_index_states *states)
{
	return states->n;
}

unsigned int abi_index_states_node(const struct abi_index_states *states, size_t i)
{
	return i < states->n ? states->nodes[i]->id : 0;
}

size_t abi_index_what_parents(const struct abi_index *index, const struct abi_what *what,
			      unsigned int *ids, size_t max)
{
	GArray *parents = g_hash_table_lookup(index->parents, what);

	if (!parents)
		return 0;
	for (guint i = 0; i < parents->len && i < max; i++)
		ids[i] = g_array_index(parents, unsigned int, i);
	return parents->len;
}

static int cmp_whats(const void *a, const void *b)
{
	const struct abi_what *x = *(const struct abi_what *const *)a;
	const struct abi_what *y = *(const struct abi_what *const *)b;

	if (x->entry->index != y->entry->index)
		return x->entry->index < y->entry->index ? -1 : 1;
	return x < y ? -1 : x > y;
}

int abi_index_states_foreach_match(const struct abi_index *index,
				   const struct abi_index_states *states,
				   abi_match_fn fn, void *data)
{
	GPtrArray *found, *only = NULL;
	int r = 0;

	for (size_t i = 0; i < states->n; i++) {
		GPtrArray *ends = states->nodes[i]->ends;

		if (ends && only) {
			only = NULL;
			break;
		}
		if (ends)
			only = ends;
	}
	/*
	 * The usual case, one state with Whats ending in it: those are in tree order
	 * already (the index adds them in that order), and a What's variants that end
	 * in one node follow each other.
	 */
	if (only) {
		for (guint k = 0; k < only->len && !r; k++)
			if (k == 0 || only->pdata[k] != only->pdata[k - 1])
				r = fn(data, only->pdata[k]);
		return r;
	}
	found = g_ptr_array_new();
	for (size_t i = 0; i < states->n; i++) {
		GPtrArray *ends = states->nodes[i]->ends;

		for (guint k = 0; ends && k < ends->len; k++)
			g_ptr_array_add(found, ends->pdata[k]);
	}
	/* tree order, and a What whose variants end in several states once */
	if (found->len > 1)
		qsort(found->pdata, found->len, sizeof(gpointer), cmp_whats);
	for (guint k = 0; k < found->len && !r; k++)
		if (k == 0 || found->pdata[k] != found->pdata[k - 1])
			r = fn(data, found->pdata[k]);
	g_ptr_array_free(found, TRUE);
	return r;
}

int abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
		     void *data)
{
	struct abi_index_states *s, *next;
	const char *p = path;
	char comp[NAME_MAX + 1];
	int r;

	abi_index_states_root(index, &s);
	while (*p && !abi_index_states_empty(s)) {
		size_t len;

		p += strspn(p, "/");
		len = strcspn(p, "/");
		if (!len)
			break;
		if (len > NAME_MAX) { /* no sysfs name is longer; nothing can match */
			s->n = 0;
			break;
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		p += len;
		abi_index_states_step(index, s, comp, &next);
		abi_index_states_free(s);
		s = next;
	}
	r = abi_index_states_foreach_match(index, s, fn, data);
	abi_index_states_free(s);
	return r;
}
