// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Pairing the entries of two trees, in passes; each pass sees only the entries the
 * passes before it left without a partner.
 *
 * 1. Shared What paths ("=" keys; an entry without What is known by its file name
 *    and Description, "!").
 * 2. Shared patterns: each variant of a What as abi_pattern_describe() spells it
 *    ("~"), where placeholder names no longer count (`<iface>` and `<dev>` are both
 *    `<+>`, `cpuX` and `cpu<N>` both `cpu<+>`). Only now, so that a new driver's
 *    `/sys/class/leds/<tty_led>/rx` is not taken for the netdev trigger's
 *    `/sys/class/leds/<led>/rx`, which is still there.
 * 3. Renamed paths: the same last components and the same Description ("@"), else
 *    the same last components and the same file ("#"), else the same file and the
 *    same Description ("%"), when exactly one entry of each tree has that key.
 * 4. Paths NEW covers: an entry of OLD each of whose What paths, read as a path, a
 *    pattern of NEW matches (a driver's `/sys/bus/iio/devices/iio:deviceX/in_shunt_
 *    resistor` folded into the generic `/sys/.../iio:deviceX/in_shunt_resistor`).
 *
 * In the first two passes, two entries sharing keys are a candidate pair, better the
 * more keys they share, then the closer their places (the same file, the same file
 * name, the same level), then with the same Description, then the nearer their lines
 * (one path documented twice in a file), then in tree order, so the result is the
 * same on every run. The best candidates are taken first, one partner each; an entry
 * left alone then takes its best candidate all the same (an entry split in two).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

struct matching {
	const struct abi_tree *old_tree, *new_tree;
	bool *old_paired, *new_paired; /* by an earlier pass */
	uint32_t *old_text, *new_text; /* a hash of each entry's Description */
	struct abi_pair *pairs;
	size_t n_pairs, cap_pairs;
};

/* The path below the level directory: "stable/sysfs-x" and "testing/sysfs-x" are one. */
const char *abi_file_stem(const struct abi_file *file)
{
	const char *slash = strchr(file->path, '/');

	return file->level != ABI_LEVEL_NONE && slash ? slash + 1 : file->path;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* @s with runs of white space as one space, ends trimmed: reflowing changes nothing. */
static void append_squeezed(struct abi_strbuf *out, const char *s)
{
	bool space = false;

	for (s = s ?: ""; *s; s++) {
		if (is_space(*s)) {
			space = true;
			continue;
		}
		if (space && out->len && out->buf[out->len - 1] != '\n')
			abi_strbuf_addc(out, ' ');
		space = false;
		abi_strbuf_addc(out, *s);
	}
}

/* The hash of what append_squeezed() would write of @s alone; nothing to allocate. */
static uint32_t squeezed_hash(const char *s)
{
	uint32_t h = ABI_HASH_INIT;
	bool space = false, any = false;

	for (s = s ?: ""; *s; s++) {
		if (is_space(*s)) {
			space = true;
			continue;
		}
		if (space && any)
			h = abi_hash_add(h, " ", 1);
		space = false;
		any = true;
		h = abi_hash_add(h, s, 1);
	}
	return h;
}

/* A hash of each entry's Description, white space aside, by index: to break ties. */
static uint32_t *text_hashes(const struct abi_tree *tree)
{
	uint32_t *hashes = malloc((tree->n_entries + 1) * sizeof(*hashes));

	for (size_t i = 0; hashes && i < tree->n_entries; i++)
		hashes[i] = squeezed_hash(tree->entries[i]->description.str);
	return hashes;
}

/* ---- keys ---- */

static int cmp_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort @keys, malloc'd strings, and free the duplicates. */
static void sort_unique(struct abi_ptrarray *keys)
{
	size_t n = 0;

	if (keys->n > 1)
		qsort(keys->v, keys->n, sizeof(*keys->v), cmp_strings);
	for (size_t i = 0; i < keys->n; i++) {
		if (n && strcmp(keys->v[n - 1], keys->v[i]) == 0)
			free(keys->v[i]);
		else
			keys->v[n++] = keys->v[i];
	}
	keys->n = n;
}

/* Add @key (taken over; NULL for want of memory) to @keys. */
static int add_key(struct abi_ptrarray *keys, char *key)
{
	if (!key || abi_ptrarray_add(keys, key) < 0) {
		free(key);
		return -ENOMEM;
	}
	return 0;
}

static int add_shapes(const struct abi_what *w, struct abi_ptrarray *keys)
{
	char *desc = abi_pattern_describe(w->pattern), *p, *bar;
	int r = 0;

	if (!desc)
		return -ENOMEM;
	for (p = desc; p && r == 0; p = bar ? bar + 3 : NULL) {
		size_t len;

		bar = strstr(p, " | ");
		len = bar ? (size_t)(bar - p) : strlen(p);
		r = add_key(keys, abi_asprintf("~%.*s", (int)len, p));
	}
	free(desc);
	return r;
}

/* "a\nb\n": the last component of each What path, sorted, each once. */
static int append_last_components(struct abi_strbuf *out, const struct abi_entry *e)
{
	struct abi_ptrarray names = { 0 };
	int r = 0;

	for (size_t i = 0; i < e->n_whats && r == 0; i++) {
		const char *path = e->whats[i].path ?: "";
		size_t len = strlen(path);
		const char *start;

		while (len > 1 && path[len - 1] == '/')
			len--;
		start = memrchr(path, '/', len);
		start = start ? start + 1 : path;
		r = add_key(&names, strndup(start, len - (size_t)(start - path)));
	}
	if (r == 0) {
		sort_unique(&names);
		for (size_t i = 0; i < names.n; i++)
			abi_strbuf_addf(out, "%s\n", (char *)names.v[i]);
		r = out->err;
	}
	abi_ptrarray_release(&names, free);
	return r;
}

/* The key of class @cls ('@', '#' or '%') of @e, which has What lines, into @keys. */
static int add_rename_key(const struct abi_entry *e, char cls, struct abi_ptrarray *keys)
{
	struct abi_strbuf k = { 0 };
	int r;

	abi_strbuf_addc(&k, cls);
	r = cls != '%' ? append_last_components(&k, e) : 0;
	if (cls != '@')
		abi_strbuf_addf(&k, "%s\n", abi_file_stem(e->file));
	if (cls != '#')
		append_squeezed(&k, e->description.str);
	if (r < 0) {
		abi_strbuf_release(&k);
		return r;
	}
	return add_key(keys, abi_strbuf_detach(&k));
}

/*
 * The keys of class @cls of @e into @keys (emptied first; malloc'd strings, freed
 * when emptied), sorted, each once: '=' paths (and '!' for an entry without What),
 * '~' shapes, '@' last components and Description, '#' last components and file,
 * '%' file and Description.
 */
static int entry_keys(const struct abi_entry *e, char cls, struct abi_ptrarray *keys)
{
	int r = 0;

	abi_ptrarray_clear(keys, free);
	for (size_t w = 0; (cls == '=' || cls == '~') && w < e->n_whats && r == 0; w++) {
		const struct abi_what *what = &e->whats[w];

		if (!what->path || !*what->path)
			continue;
		if (cls == '=')
			r = add_key(keys, abi_asprintf("=%s", what->path));
		else if (what->pattern)
			r = add_shapes(what, keys);
	}
	if (r == 0 && cls == '=' && !e->n_whats) {
		struct abi_strbuf k = { 0 };

		abi_strbuf_addf(&k, "!%s\n", e->file->name);
		append_squeezed(&k, e->description.str);
		r = add_key(keys, abi_strbuf_detach(&k));
	}
	if (r == 0 && (cls == '@' || cls == '#' || cls == '%') && e->n_whats)
		r = add_rename_key(e, cls, keys);
	if (r == 0)
		sort_unique(keys);
	return r;
}

/* ---- scored passes: paths, then patterns ---- */

/* How alike two entries' places are, to break ties: same file, same name, same level. */
static int place_rank(const struct abi_entry *self, const struct abi_entry *c)
{
	if (strcmp(self->file->path, c->file->path) == 0)
		return 3;
	if (strcmp(abi_file_stem(self->file), abi_file_stem(c->file)) == 0)
		return 2;
	return self->level == c->level;
}

/* Two entries sharing keys, and how well they go together. */
struct edge {
	const struct abi_entry *o, *n;
	int score;          /* keys shared */
	int rank;           /* place_rank() */
	bool same_text;     /* the same Description, white space aside */
	unsigned int lines; /* how far apart their lines are */
};

static int add_pair(struct matching *m, const struct abi_entry *o,
		    const struct abi_entry *n)
{
	int r = ABI_GROW(m->pairs, m->n_pairs, m->cap_pairs);

	if (r == 0)
		m->pairs[m->n_pairs++] = (struct abi_pair){ o, n };
	return r;
}

/* The entries of OLD having a key, by index, in tree order. */
struct key_list {
	unsigned int *v;
	size_t n, cap;
};

static void key_list_free(void *p)
{
	struct key_list *list = p;

	if (list)
		free(list->v);
	free(list);
}

/* Add OLD's entry @i to the list of @key in @table. */
static int key_list_add(struct abi_strmap *table, const char *key, size_t i)
{
	struct key_list *list;
	void **slot;
	int r = abi_strmap_slot(table, key, &slot);

	if (r < 0)
		return r;
	if (!*slot && !(*slot = calloc(1, sizeof(*list))))
		return -ENOMEM;
	list = *slot;
	r = ABI_GROW(list->v, list->n, list->cap);
	if (r == 0)
		list->v[list->n++] = (unsigned int)i;
	return r;
}

/* The keys of class @cls of OLD's entries still alone, each with the entries having it. */
static int index_keys(const struct matching *m, char cls, struct abi_strmap *table)
{
	struct abi_ptrarray keys = { 0 };
	int r = 0;

	for (size_t i = 0; i < m->old_tree->n_entries && r == 0; i++) {
		if (m->old_paired[i])
			continue;
		r = entry_keys(m->old_tree->entries[i], cls, &keys);
		for (size_t k = 0; r == 0 && k < keys.n; k++)
			r = key_list_add(table, keys.v[k], i);
	}
	abi_ptrarray_release(&keys, free);
	return r;
}

/* Scratch of add_edges(), kept from one entry of NEW to the next. */
struct edge_scratch {
	int *score; /* by OLD's entry index: keys shared; zero between calls */
	unsigned int *touched;
	size_t n_touched, cap_touched;
	struct edge *edges; /* the result of the pass */
	size_t n_edges, cap_edges;
};

/* An edge from @n to each entry of OLD sharing its keys. */
static int add_edges(const struct matching *m, const struct abi_strmap *table,
		     const struct abi_ptrarray *keys, const struct abi_entry *n,
		     struct edge_scratch *x)
{
	int r = 0;

	x->n_touched = 0;
	for (size_t k = 0; k < keys->n && r == 0; k++) {
		const struct key_list *list = abi_strmap_get(table, keys->v[k]);

		for (size_t i = 0; list && i < list->n && r == 0; i++) {
			unsigned int o = list->v[i];

			if (x->score[o]++)
				continue;
			r = ABI_GROW(x->touched, x->n_touched, x->cap_touched);
			if (r == 0)
				x->touched[x->n_touched++] = o;
		}
	}
	for (size_t i = 0; i < x->n_touched; i++) {
		unsigned int o = x->touched[i];
		const struct abi_entry *oe = m->old_tree->entries[o];

		if (r == 0)
			r = ABI_GROW(x->edges, x->n_edges, x->cap_edges);
		if (r == 0)
			x->edges[x->n_edges++] = (struct edge){
				.o = oe,
				.n = n,
				.score = x->score[o],
				.rank = place_rank(n, oe),
				.same_text = m->old_text[o] == m->new_text[n->index],
				.lines = oe->line > n->line ? oe->line - n->line :
							      n->line - oe->line,
			};
		x->score[o] = 0;
	}
	return r;
}

/* Best first: more keys shared, closer places, the same Description, nearer lines. */
static int cmp_edges(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	if (a->same_text != b->same_text)
		return a->same_text ? -1 : 1;
	if (a->lines != b->lines)
		return a->lines < b->lines ? -1 : 1;
	if (a->n->index != b->n->index)
		return a->n->index < b->n->index ? -1 : 1;
	return a->o->index < b->o->index ? -1 : a->o->index > b->o->index;
}

/*
 * The best edges first, one partner each; then each entry still alone takes its best
 * edge all the same, to a partner already taken: a split entry, two merged.
 */
static int take_edges(struct matching *m, struct edge *edges, size_t n_edges)
{
	bool *o_done = calloc(m->old_tree->n_entries + 1, sizeof(bool));
	bool *n_done = calloc(m->new_tree->n_entries + 1, sizeof(bool));
	int r = o_done && n_done ? 0 : -ENOMEM;

	if (r == 0)
		r = abi_sort_stable(edges, n_edges, sizeof(*edges), cmp_edges);
	for (int round = 0; round < 3 && r == 0; round++) {
		for (size_t i = 0; i < n_edges && r == 0; i++) {
			const struct edge *e = &edges[i];
			bool o = o_done[e->o->index], n = n_done[e->n->index];

			if (round == 0 ? o || n : round == 1 ? n : o)
				continue;
			r = add_pair(m, e->o, e->n);
			o_done[e->o->index] = n_done[e->n->index] = true;
		}
	}
	for (size_t i = 0; i < m->old_tree->n_entries && r == 0; i++)
		m->old_paired[i] |= o_done[i];
	for (size_t i = 0; i < m->new_tree->n_entries && r == 0; i++)
		m->new_paired[i] |= n_done[i];
	free(o_done);
	free(n_done);
	return r;
}

static int pass_scored(struct matching *m, char cls)
{
	struct abi_strmap table;
	struct abi_ptrarray keys = { 0 };
	struct edge_scratch x = { 0 };
	int r;

	x.score = calloc(m->old_tree->n_entries + 1, sizeof(*x.score));
	r = x.score ? 0 : -ENOMEM;

	abi_strmap_init(&table, true);
	if (r == 0)
		r = index_keys(m, cls, &table);
	for (size_t n = 0; r == 0 && n < m->new_tree->n_entries; n++) {
		if (m->new_paired[n])
			continue;
		r = entry_keys(m->new_tree->entries[n], cls, &keys);
		if (r == 0)
			r = add_edges(m, &table, &keys, m->new_tree->entries[n], &x);
	}
	if (r == 0)
		r = take_edges(m, x.edges, x.n_edges);
	abi_strmap_release(&table, key_list_free);
	abi_ptrarray_release(&keys, free);
	free(x.score);
	free(x.touched);
	free(x.edges);
	return r;
}

/* ---- renamed paths: one key, one candidate on each side ---- */

struct candidate {
	size_t count;
	const struct abi_entry *entry;
};

/* Key -> struct candidate (malloc'd), for the entries of @tree still alone. */
static int candidates(const struct abi_tree *tree, const bool *paired, char cls,
		      struct abi_strmap *table)
{
	struct abi_ptrarray keys = { 0 };
	int r = 0;

	for (size_t i = 0; i < tree->n_entries && r == 0; i++) {
		struct candidate *c;
		void **slot;

		if (paired[i])
			continue;
		r = entry_keys(tree->entries[i], cls, &keys);
		if (r < 0 || !keys.n)
			continue;
		r = abi_strmap_slot(table, keys.v[0], &slot);
		if (r == 0 && !*slot && !(*slot = calloc(1, sizeof(*c))))
			r = -ENOMEM;
		if (r < 0)
			continue;
		c = *slot;
		c->count++;
		c->entry = tree->entries[i];
	}
	abi_ptrarray_release(&keys, free);
	return r;
}

static int pass_renamed(struct matching *m, char cls)
{
	struct abi_strmap olds, news;
	const char *key;
	void *value;
	int r;

	abi_strmap_init(&olds, true);
	abi_strmap_init(&news, true);
	r = candidates(m->old_tree, m->old_paired, cls, &olds);
	if (r == 0)
		r = candidates(m->new_tree, m->new_paired, cls, &news);
	/* in the table's order, which is no matter: the pairs are sorted at the end */
	for (size_t i = 0; r == 0 && abi_strmap_next(&news, &i, &key, &value);) {
		const struct candidate *n = value, *o = abi_strmap_get(&olds, key);

		if (n->count != 1 || !o || o->count != 1)
			continue;
		r = add_pair(m, o->entry, n->entry);
		m->old_paired[o->entry->index] = m->new_paired[n->entry->index] = true;
	}
	abi_strmap_release(&olds, free);
	abi_strmap_release(&news, free);
	return r;
}

/* ---- paths a pattern of NEW covers: a driver's entry folded into a generic one ---- */

struct covered {
	const struct abi_entry *entry; /* NEW's entry of the first What that matched */
};

static int first_match(void *data, const struct abi_what *what)
{
	struct covered *c = data;

	c->entry = what->entry;
	return 1;
}

/* NEW's entry covering every What path of @o, read as a path; NULL if none does. */
static const struct abi_entry *covering_entry(const struct abi_index *index,
					      const struct abi_entry *o, int *r)
{
	const struct abi_entry *found = NULL;

	for (size_t w = 0; w < o->n_whats; w++) {
		const struct abi_what *what = &o->whats[w];
		struct covered c = { NULL };

		if (!what->path || !*what->path || what->kind == ABI_WHAT_PROSE)
			return NULL;
		*r = abi_index_lookup(index, what->path, first_match, &c);
		if (*r < 0 || !c.entry)
			return NULL;
		*r = 0;
		if (!found)
			found = c.entry;
	}
	return found;
}

static int pass_covered(struct matching *m)
{
	struct abi_index *index = NULL;
	bool any = false;
	int r = 0;

	for (size_t o = 0; o < m->old_tree->n_entries && !any; o++)
		any = !m->old_paired[o] && m->old_tree->entries[o]->n_whats;
	if (!any)
		return 0;
	r = abi_index_new(m->new_tree, &index);
	for (size_t o = 0; r == 0 && o < m->old_tree->n_entries; o++) {
		const struct abi_entry *oe = m->old_tree->entries[o], *n;

		if (m->old_paired[o] || !oe->n_whats)
			continue;
		n = covering_entry(index, oe, &r);
		if (!n)
			continue;
		r = add_pair(m, oe, n);
		m->old_paired[o] = m->new_paired[n->index] = true;
	}
	abi_index_free(index);
	return r;
}

static int cmp_pairs(const void *x, const void *y)
{
	const struct abi_pair *a = x, *b = y;

	if (a->new_entry->index != b->new_entry->index)
		return a->new_entry->index < b->new_entry->index ? -1 : 1;
	return a->old_entry->index < b->old_entry->index ?
		       -1 :
		       a->old_entry->index > b->old_entry->index;
}

static int match_passes(struct matching *m)
{
	int r = pass_scored(m, '=');

	if (r == 0)
		r = pass_scored(m, '~');
	if (r == 0)
		r = pass_renamed(m, '@');
	if (r == 0)
		r = pass_renamed(m, '#');
	if (r == 0)
		r = pass_renamed(m, '%');
	if (r == 0)
		r = pass_covered(m);
	if (r == 0)
		r = abi_sort_stable(m->pairs, m->n_pairs, sizeof(*m->pairs), cmp_pairs);
	/* a malloc'd array even when there is no pair, as abi.h says */
	if (r == 0 && !m->pairs)
		r = ABI_GROW(m->pairs, m->n_pairs, m->cap_pairs);
	return r;
}

int abi_diff_match(const struct abi_tree *old_tree, const struct abi_tree *new_tree,
		   struct abi_pair **out, size_t *n)
{
	struct matching m = {
		.old_tree = old_tree,
		.new_tree = new_tree,
		.old_paired = calloc(old_tree->n_entries + 1, sizeof(bool)),
		.new_paired = calloc(new_tree->n_entries + 1, sizeof(bool)),
		.old_text = text_hashes(old_tree),
		.new_text = text_hashes(new_tree),
	};
	int r = -ENOMEM;

	*out = NULL;
	*n = 0;
	if (m.old_paired && m.new_paired && m.old_text && m.new_text)
		r = match_passes(&m);
	if (r == 0) {
		*out = TAKE_PTR(m.pairs);
		*n = m.n_pairs;
	}
	free(m.pairs);
	free(m.old_paired);
	free(m.new_paired);
	free(m.old_text);
	free(m.new_text);
	return r;
}
