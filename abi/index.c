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
 *
 * A `...` stands for directories below one object: it may consume a symbolic link as
 * its last component, never go on through it (a device's `firmware_node` leads to
 * another device, whose files the entry does not describe). So each looping node has
 * a twin that does not loop and is the same node otherwise: stepping across a link
 * moves a `...` that consumed the link to its twin, from where only the rest of the
 * pattern goes on. A `...` that starts after the link loops as before.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

struct glob_edge {
	const struct abi_comp *comp; /* a glob, perhaps listed */
	const char *listing;         /* its pattern's abi_pattern_listing() */
	struct inode *child;
};

/*
 * The glob edges of a node with many, by the byte their names must start or end
 * with: a step tries only those its component can match. order[] holds edge numbers:
 * the generic ones (wildcards at both ends) first, then those with a literal first
 * byte, by that byte (first[c] up to first[c + 1]), then those with only a literal
 * last byte (last[c] up to last[c + 1]).
 */
struct glob_table {
	unsigned int n_generic;
	unsigned int first[257], last[257];
	unsigned int order[];
};

/* Fewer globs than this are tried one by one. */
#define GLOB_TABLE_MIN 8

/*
 * A node of the trie. Nodes live in the index's arena; their tables and arrays are
 * malloc'd, freed by node_release().
 */
struct inode {
	struct abi_strmap literal; /* component -> struct inode *; keys borrowed from
					 the patterns, which outlive the index */
	struct glob_edge *globs;   /* n_globs of them */
	size_t n_globs, cap_globs;
	struct glob_table *table;     /* with GLOB_TABLE_MIN globs or more, else NULL */
	struct inode *deep;           /* the `...` child, or NULL */
	const struct abi_what **ends; /* n_ends Whats ending here, in tree order */
	size_t n_ends, cap_ends;
	unsigned int id;
	bool loops; /* reached through `...`: any component stays here */
	/*
	 * Of a looping node: its twin, which does not loop. The twin is a copy made when
	 * the index is complete: it shares the tables and arrays of @of, its original.
	 */
	struct inode *twin;
	const struct inode *of;
};

/*
 * Built once, then never changed: a lookup keeps what it works on in its own state
 * sets, so threads may share an index.
 */
struct abi_index {
	const struct abi_tree *tree;
	struct abi_arena *arena; /* the nodes */
	struct inode *root;
	struct inode **nodes; /* every node, by id */
	size_t n_nodes, cap_nodes;
	/*
	 * The nodes standing for each What's parent directory: What number k (the
	 * Whats of the tree counted in order, from what_base[entry index]) has
	 * parents[parent_start[k]] up to parents[parent_start[k + 1]].
	 */
	size_t *what_base;    /* by entry index; n_entries + 1 */
	size_t *parent_start; /* by What number; n_whats + 1 */
	size_t n_whats;
	unsigned int *parents;
	size_t n_parents, cap_parents;
};

struct abi_index_states {
	size_t n;
	struct inode *nodes[];
};

static struct inode *node_new(struct abi_index *index)
{
	struct inode *n;

	if (ABI_GROW(index->nodes, index->n_nodes, index->cap_nodes) < 0 ||
	    index->n_nodes >= UINT_MAX)
		return NULL;
	n = abi_arena_alloc(index->arena, sizeof(*n));
	if (!n)
		return NULL;
	abi_strmap_init(&n->literal, false);
	n->id = (unsigned int)index->n_nodes;
	index->nodes[index->n_nodes++] = n;
	return n;
}

static void node_release(struct inode *n)
{
	if (n->of) /* a twin: what it holds is its original's */
		return;
	abi_strmap_release(&n->literal, NULL);
	free(n->globs);
	free(n->table);
	free(n->ends);
}

/* The child of @n for component @c, made when there is none; NULL on -ENOMEM. */
static struct inode *child_for(struct abi_index *index, struct inode *n,
			       const struct abi_comp *c, const char *listing)
{
	struct inode *child;
	void **slot;

	switch (c->type) {
	case ABI_COMP_LITERAL:
		if (abi_strmap_slot(&n->literal, c->literal, &slot) < 0)
			return NULL;
		if (!*slot)
			*slot = node_new(index);
		return *slot;
	case ABI_COMP_GLOB:
		/* globs are compiled per What: equal ones are not shared, which is fine */
		if (ABI_GROW(n->globs, n->n_globs, n->cap_globs) < 0)
			return NULL;
		child = node_new(index);
		if (child)
			n->globs[n->n_globs++] = (struct glob_edge){ c, listing, child };
		return child;
	case ABI_COMP_DEEP:
		if (!n->deep) {
			n->deep = node_new(index);
			if (n->deep)
				n->deep->loops = true;
		}
		return n->deep;
	}
	return NULL;
}

static int add_parent(struct abi_index *index, unsigned int id)
{
	int r = ABI_GROW(index->parents, index->n_parents, index->cap_parents);

	if (r == 0)
		index->parents[index->n_parents++] = id;
	return r;
}

static int index_add(struct abi_index *index, const struct abi_what *what)
{
	for (size_t v = 0; v < abi_pattern_variant_count(what->pattern); v++) {
		size_t n_comps;
		const struct abi_comp *comps =
			abi_pattern_variant(what->pattern, v, &n_comps);
		struct inode *n = index->root;

		for (size_t c = 0; c < n_comps; c++) {
			/* the node before the last component stands for the parent directory */
			if (c + 1 == n_comps && comps[c].type != ABI_COMP_DEEP &&
			    add_parent(index, n->id) < 0)
				return -ENOMEM;
			n = child_for(index, n, &comps[c],
				      abi_pattern_listing(what->pattern));
			if (!n)
				return -ENOMEM;
		}
		if (ABI_GROW(n->ends, n->n_ends, n->cap_ends) < 0)
			return -ENOMEM;
		n->ends[n->n_ends++] = what;
	}
	return 0;
}

/* The glob table of @n, by counting sort over first and last bytes. */
static int add_table(struct inode *n)
{
	unsigned int k = 0;
	struct glob_table *t;
	int first, last;

	t = calloc(1, sizeof(*t) + n->n_globs * sizeof(t->order[0]));
	if (!t)
		return -ENOMEM;
	for (size_t g = 0; g < n->n_globs; g++) {
		first = abi_glob_first_byte(n->globs[g].comp->glob);
		last = abi_glob_last_byte(n->globs[g].comp->glob);
		if (first >= 0)
			t->first[first + 1]++;
		else if (last >= 0)
			t->last[last + 1]++;
		else
			t->n_generic++;
	}
	/* starts of each bucket: the generic ones, then by first, then by last */
	t->first[0] = t->n_generic;
	for (int c = 0; c < 256; c++)
		t->first[c + 1] += t->first[c];
	t->last[0] = t->first[256];
	for (int c = 0; c < 256; c++)
		t->last[c + 1] += t->last[c];
	{
		unsigned int fill_first[256], fill_last[256];

		memcpy(fill_first, t->first, sizeof(fill_first));
		memcpy(fill_last, t->last, sizeof(fill_last));
		for (size_t g = 0; g < n->n_globs; g++) {
			first = abi_glob_first_byte(n->globs[g].comp->glob);
			last = abi_glob_last_byte(n->globs[g].comp->glob);
			if (first >= 0)
				t->order[fill_first[first]++] = (unsigned int)g;
			else if (last >= 0)
				t->order[fill_last[last]++] = (unsigned int)g;
			else
				t->order[k++] = (unsigned int)g;
		}
	}
	n->table = t;
	return 0;
}

static int add_tables(struct abi_index *index)
{
	for (size_t i = 0; i < index->n_nodes; i++)
		if (index->nodes[i]->n_globs >= GLOB_TABLE_MIN &&
		    add_table(index->nodes[i]) < 0)
			return -ENOMEM;
	return 0;
}

/* A twin for each looping node, once every node is complete. */
static int add_twins(struct abi_index *index)
{
	size_t n_nodes = index->n_nodes;

	for (size_t i = 0; i < n_nodes; i++) {
		struct inode *n = index->nodes[i], *t;

		if (!n->loops)
			continue;
		t = node_new(index);
		if (!t)
			return -ENOMEM;
		*t = (struct inode){ .literal = n->literal,
				     .globs = n->globs,
				     .n_globs = n->n_globs,
				     .table = n->table,
				     .deep = n->deep,
				     .ends = n->ends,
				     .n_ends = n->n_ends,
				     .id = t->id,
				     .of = n };
		n->twin = t;
	}
	return 0;
}

static int index_build(struct abi_index *index)
{
	const struct abi_tree *tree = index->tree;
	size_t k = 0;
	int r;

	index->what_base = malloc((tree->n_entries + 1) * sizeof(*index->what_base));
	if (!index->what_base)
		return -ENOMEM;
	for (size_t i = 0; i < tree->n_entries; i++) {
		index->what_base[i] = index->n_whats;
		index->n_whats += tree->entries[i]->n_whats;
	}
	index->what_base[tree->n_entries] = index->n_whats;
	index->parent_start = malloc((index->n_whats + 1) * sizeof(*index->parent_start));
	if (abi_arena_new(&index->arena) < 0 || !index->parent_start)
		return -ENOMEM;
	index->root = node_new(index);
	if (!index->root)
		return -ENOMEM;
	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++) {
			index->parent_start[k++] = index->n_parents;
			if (!e->whats[w].pattern || e->whats[w].too_broad)
				continue;
			r = index_add(index, &e->whats[w]);
			if (r < 0)
				return r;
		}
	}
	index->parent_start[k] = index->n_parents;
	r = add_tables(index);
	return r < 0 ? r : add_twins(index);
}

int abi_index_new(const struct abi_tree *tree, struct abi_index **out)
{
	struct abi_index *index;
	int r;

	*out = NULL;
	index = calloc(1, sizeof(*index));
	if (!index)
		return -ENOMEM;
	index->tree = tree;
	r = index_build(index);
	if (r < 0) {
		abi_index_free(index);
		return r;
	}
	*out = index;
	return 0;
}

void abi_index_free(struct abi_index *index)
{
	if (!index)
		return;
	for (size_t i = 0; i < index->n_nodes; i++)
		node_release(index->nodes[i]);
	free(index->nodes);
	abi_arena_free(index->arena);
	free(index->what_base);
	free(index->parent_start);
	free(index->parents);
	free(index);
}

/* ---- state sets ---- */

static struct abi_index_states *states_new(size_t alloc)
{
	struct abi_index_states *s = malloc(sizeof(*s) + alloc * sizeof(s->nodes[0]));

	if (s)
		s->n = 0;
	return s;
}

/* Add @n and what it reaches without consuming a component: its `...` child. */
static int states_add(struct abi_index_states **s, size_t *alloc, struct inode *n)
{
	for (; n; n = n->deep) {
		if ((*s)->n == *alloc) {
			struct abi_index_states *p;

			p = realloc(*s, sizeof(**s) + 2 * *alloc * sizeof(p->nodes[0]));
			if (!p)
				return -ENOMEM;
			*s = p;
			*alloc *= 2;
		}
		(*s)->nodes[(*s)->n++] = n;
	}
	return 0;
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
	struct abi_index_states *s = states_new(alloc);

	*out = NULL;
	if (!s || states_add(&s, &alloc, index->root) < 0) {
		free(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

enum step_mode {
	STEP_NAME, /* a directory's or a file's name */
	STEP_LINK, /* a link's, into its target: a `...` that consumes it stops there */
	STEP_DIR,  /* a directory's, for what stands for it: no glob beside a literal */
};

static int glob_step(struct abi_index_states **s, size_t *alloc,
		     const struct glob_edge *edge, const char *component, size_t len)
{
	if (!abi_comp_match(edge->comp, edge->listing, component, len))
		return 0;
	return states_add(s, alloc, edge->child);
}

/* The states @n steps to on @component (@len bytes) into @s. */
static int node_step(struct abi_index_states **s, size_t *alloc, struct inode *n,
		     const char *component, size_t len, uint32_t hash,
		     enum step_mode mode)
{
	struct inode *lit = abi_strmap_get_hashed(&n->literal, component, hash);
	bool link = mode == STEP_LINK;
	int r = 0;

	if (lit)
		r = states_add(s, alloc, lit);
	/* /sys/fs/ext4/features, named by a What, is no ext4 <disk> */
	if (lit && mode == STEP_DIR)
		return r;
	if (n->table) {
		const struct glob_table *t = n->table;
		unsigned char c0 = (unsigned char)component[0],
			      cl = (unsigned char)component[len ? len - 1 : 0];
		/* the generic ones, those starting with c0, those ending with cl */
		unsigned int range[3][2] = { { 0, t->n_generic },
					     { t->first[c0], t->first[c0 + 1] },
					     { t->last[cl], t->last[cl + 1] } };

		for (int k = 0; k < 3; k++)
			for (unsigned int i = range[k][0]; r == 0 && i < range[k][1]; i++)
				r = glob_step(s, alloc, &n->globs[t->order[i]], component,
					      len);
	} else {
		for (size_t g = 0; r == 0 && g < n->n_globs; g++)
			r = glob_step(s, alloc, &n->globs[g], component, len);
	}
	if (r == 0 && n->loops)
		r = states_add(s, alloc, link ? n->twin : n);
	return r;
}

static int states_step(const struct abi_index_states *from, const char *component,
		       enum step_mode mode, struct abi_index_states **out)
{
	size_t alloc = from->n + 4, len = strlen(component);
	struct abi_index_states *s = states_new(alloc);
	/* hashed once for the literal tables of every state */
	uint32_t hash = abi_strmap_hash(component);
	int r = s ? 0 : -ENOMEM;

	*out = NULL;
	for (size_t i = 0; r == 0 && i < from->n; i++)
		r = node_step(&s, &alloc, from->nodes[i], component, len, hash, mode);
	if (r < 0) {
		free(s);
		return r;
	}
	states_uniq(s);
	*out = s;
	return 0;
}

int abi_index_states_step(const struct abi_index *index,
			  const struct abi_index_states *from, const char *component,
			  struct abi_index_states **out)
{
	return states_step(from, component, STEP_NAME, out);
}

int abi_index_states_step_link(const struct abi_index *index,
			       const struct abi_index_states *from, const char *component,
			       struct abi_index_states **out)
{
	return states_step(from, component, STEP_LINK, out);
}

int abi_index_states_step_dir(const struct abi_index *index,
			      const struct abi_index_states *from, const char *component,
			      struct abi_index_states **out)
{
	return states_step(from, component, STEP_DIR, out);
}

bool abi_index_states_empty(const struct abi_index_states *states)
{
	return states->n == 0;
}

void abi_index_states_free(struct abi_index_states *states)
{
	free(states);
}

unsigned int abi_index_states_hash(const struct abi_index_states *states)
{
	unsigned int h = 2166136261u; /* FNV-1a over the sorted node ids */

	for (size_t i = 0; i < states->n; i++)
		h = (h ^ states->nodes[i]->id) * 16777619u;
	return h;
}

bool abi_index_states_equal(const struct abi_index_states *a,
			    const struct abi_index_states *b)
{
	return a->n == b->n &&
	       memcmp(a->nodes, b->nodes, a->n * sizeof(a->nodes[0])) == 0;
}

/* Whether sorted @s holds @n. */
static bool states_has(const struct abi_index_states *s, const struct inode *n)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->nodes[mid]->id < n->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->nodes[lo] == n;
}

int abi_index_states_minus(const struct abi_index_states *a,
			   const struct abi_index_states *b,
			   struct abi_index_states **out)
{
	/* both sorted by id; a twin is in @b when its original is (it matches less) */
	*out = states_new(a->n ? a->n : 1);
	if (!*out)
		return -ENOMEM;
	for (size_t i = 0; i < a->n; i++) {
		const struct inode *n = a->nodes[i];

		if (!states_has(b, n) && !(n->of && states_has(b, n->of)))
			(*out)->nodes[(*out)->n++] = a->nodes[i];
	}
	return 0;
}

bool abi_index_states_has_match(const struct abi_index_states *states)
{
	for (size_t i = 0; i < states->n; i++)
		if (states->nodes[i]->n_ends)
			return true;
	return false;
}

size_t abi_index_node_count(const struct abi_index *index)
{
	return index->n_nodes;
}

size_t abi_index_states_len(const struct abi_index_states *states)
{
	return states->n;
}

unsigned int abi_index_states_node(const struct abi_index_states *states, size_t i)
{
	const struct inode *n = i < states->n ? states->nodes[i] : NULL;

	/* a twin stands where its original does */
	return n ? (n->of ? n->of->id : n->id) : 0;
}

size_t abi_index_what_parents(const struct abi_index *index, const struct abi_what *what,
			      unsigned int *ids, size_t max)
{
	const struct abi_tree *tree = index->tree;
	const struct abi_entry *e = what->entry;
	size_t k, first, n;

	/* a What of another tree has none here */
	if (!e || e->index >= tree->n_entries || tree->entries[e->index] != e ||
	    what < e->whats || what >= e->whats + e->n_whats)
		return 0;
	k = index->what_base[e->index] + (size_t)(what - e->whats);
	first = index->parent_start[k];
	n = index->parent_start[k + 1] - first;
	for (size_t i = 0; i < n && i < max; i++)
		ids[i] = index->parents[first + i];
	return n;
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
				   const struct abi_index_states *states, abi_match_fn fn,
				   void *data)
{
	const struct inode *only = NULL;
	const struct abi_what **found;
	size_t n_found = 0, total = 0;
	int r = 0;

	for (size_t i = 0; i < states->n; i++) {
		const struct inode *n = states->nodes[i];

		if (!n->n_ends)
			continue;
		only = total ? NULL : n;
		total += n->n_ends;
	}
	/*
	 * The usual case, one state with Whats ending in it: those are in tree order
	 * already (the index adds them in that order), and a What's variants that end
	 * in one node follow each other.
	 */
	if (only) {
		for (size_t k = 0; k < only->n_ends && !r; k++)
			if (k == 0 || only->ends[k] != only->ends[k - 1])
				r = fn(data, only->ends[k]);
		return r;
	}
	if (!total)
		return 0;
	found = malloc(total * sizeof(*found));
	if (!found)
		return -ENOMEM;
	for (size_t i = 0; i < states->n; i++) {
		const struct inode *n = states->nodes[i];

		for (size_t k = 0; k < n->n_ends; k++)
			found[n_found++] = n->ends[k];
	}
	/* tree order, and a What whose variants end in several states once */
	if (n_found > 1)
		qsort(found, n_found, sizeof(*found), cmp_whats);
	for (size_t k = 0; k < n_found && !r; k++)
		if (k == 0 || found[k] != found[k - 1])
			r = fn(data, found[k]);
	free(found);
	return r;
}

int abi_index_lookup_links(const struct abi_index *index, const char *path,
			   abi_link_fn is_link, void *link_data, abi_match_fn fn,
			   void *data)
{
	struct abi_index_states *s, *next;
	const char *p = path;
	char comp[NAME_MAX + 1];
	int r;

	r = abi_index_states_root(index, &s);
	if (r < 0)
		return r;
	while (*p && !abi_index_states_empty(s)) {
		bool link = false;
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
		/* a link that ends the path is no crossing: nothing is reached through it */
		if (is_link && p[strspn(p, "/")])
			link = is_link(link_data, path, (size_t)(p - path));
		r = states_step(s, comp, link ? STEP_LINK : STEP_NAME, &next);
		abi_index_states_free(s);
		if (r < 0)
			return r;
		s = next;
	}
	r = abi_index_states_foreach_match(index, s, fn, data);
	abi_index_states_free(s);
	return r;
}

int abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
		     void *data)
{
	return abi_index_lookup_links(index, path, NULL, NULL, fn, data);
}
