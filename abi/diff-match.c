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
#include <string.h>

#include <glib.h>

#include "abi-internal.h"

struct matching {
	const struct abi_tree *old_tree, *new_tree;
	bool *old_paired, *new_paired; /* by an earlier pass */
	guint *old_text, *new_text;    /* a hash of each entry's Description */
	GArray *pairs;                 /* struct abi_pair */
};

/* The path below the level directory: "stable/sysfs-x" and "testing/sysfs-x" are one. */
const char *abi_file_stem(const struct abi_file *file)
{
	const char *slash = strchr(file->path, '/');

	return file->level != ABI_LEVEL_NONE && slash ? slash + 1 : file->path;
}

/* @s with runs of white space as one space, ends trimmed: reflowing changes nothing. */
static void append_squeezed(GString *out, const char *s)
{
	bool space = false;

	for (s = s ?: ""; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = true;
			continue;
		}
		if (space && out->len && out->str[out->len - 1] != '\n')
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_c(out, *s);
	}
}

/* A hash of each entry's Description, white space aside, by index: to break ties. */
static guint *text_hashes(const struct abi_tree *tree)
{
	guint *hashes = g_new(guint, tree->n_entries + 1);
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < tree->n_entries; i++) {
		g_string_truncate(s, 0);
		append_squeezed(s, tree->entries[i]->description.str);
		hashes[i] = g_str_hash(s->str);
	}
	g_string_free(s, TRUE);
	return hashes;
}

/* ---- keys ---- */

static int cmp_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort @keys and free the duplicates. */
static void sort_unique(GPtrArray *keys)
{
	guint n = 0;

	if (keys->len > 1)
		qsort(keys->pdata, keys->len, sizeof(gpointer), cmp_strings);
	for (guint i = 0; i < keys->len; i++) {
		if (n && strcmp(keys->pdata[n - 1], keys->pdata[i]) == 0)
			g_free(keys->pdata[i]);
		else
			keys->pdata[n++] = keys->pdata[i];
	}
	keys->len = n;
}

static int add_shapes(const struct abi_what *w, GPtrArray *keys)
{
	char *desc = abi_pattern_describe(w->pattern), *p, *bar;

	if (!desc)
		return -ENOMEM;
	for (p = desc; p; p = bar ? bar + 3 : NULL) {
		size_t len;

		bar = strstr(p, " | ");
		len = bar ? (size_t)(bar - p) : strlen(p);
		g_ptr_array_add(keys, g_strdup_printf("~%.*s", (int)len, p));
	}
	free(desc);
	return 0;
}

/* "a\nb\n": the last component of each What path, sorted, each once. */
static void append_last_components(GString *out, const struct abi_entry *e)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);

	for (size_t i = 0; i < e->n_whats; i++) {
		const char *path = e->whats[i].path ?: "";
		size_t len = strlen(path);
		const char *start;

		while (len > 1 && path[len - 1] == '/')
			len--;
		start = g_strrstr_len(path, (gssize)len, "/");
		start = start ? start + 1 : path;
		g_ptr_array_add(names, g_strndup(start, len - (size_t)(start - path)));
	}
	sort_unique(names);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(out, "%s\n", (char *)names->pdata[i]);
	g_ptr_array_free(names, TRUE);
}

/*
 * The keys of class @cls of @e into @keys (emptied first; the array frees them),
 * sorted, each once: '=' paths (and '!' for an entry without What), '~' shapes,
 * '@' last components and Description, '#' last components and file, '%' file and
 * Description.
 */
static int entry_keys(const struct abi_entry *e, char cls, GPtrArray *keys)
{
	GString *k;
	int r;

	g_ptr_array_set_size(keys, 0);
	for (size_t w = 0; (cls == '=' || cls == '~') && w < e->n_whats; w++) {
		const struct abi_what *what = &e->whats[w];

		if (!what->path || !*what->path)
			continue;
		if (cls == '=') {
			g_ptr_array_add(keys, g_strconcat("=", what->path, NULL));
		} else if (what->pattern) {
			r = add_shapes(what, keys);
			if (r < 0)
				return r;
		}
	}
	if (cls == '=' && !e->n_whats) {
		k = g_string_new("!");
		g_string_append_printf(k, "%s\n", e->file->name);
		append_squeezed(k, e->description.str);
		g_ptr_array_add(keys, g_string_free(k, FALSE));
	}
	if ((cls == '@' || cls == '#' || cls == '%') && e->n_whats) {
		k = g_string_new(NULL);
		g_string_append_c(k, cls);
		if (cls != '%')
			append_last_components(k, e);
		if (cls != '@')
			g_string_append_printf(k, "%s\n", abi_file_stem(e->file));
		if (cls != '#')
			append_squeezed(k, e->description.str);
		g_ptr_array_add(keys, g_string_free(k, FALSE));
	}
	sort_unique(keys);
	return 0;
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

static void add_pair(struct matching *m, const struct abi_entry *o, const struct abi_entry *n)
{
	struct abi_pair p = { o, n };

	g_array_append_val(m->pairs, p);
}

/* The keys of class @cls of OLD's entries still alone, each with the entries having it. */
static int index_keys(const struct matching *m, char cls, GHashTable *table)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	int r = 0;

	for (size_t i = 0; i < m->old_tree->n_entries && r == 0; i++) {
		if (m->old_paired[i])
			continue;
		r = entry_keys(m->old_tree->entries[i], cls, keys);
		for (guint k = 0; r == 0 && k < keys->len; k++) {
			GArray *list = g_hash_table_lookup(table, keys->pdata[k]);
			guint idx = (guint)i;

			if (!list) {
				list = g_array_new(FALSE, FALSE, sizeof(guint));
				g_hash_table_insert(table, g_strdup(keys->pdata[k]), list);
			}
			g_array_append_val(list, idx);
		}
	}
	g_ptr_array_free(keys, TRUE);
	return r;
}

/* An edge from @n to each entry of OLD sharing its keys; @score is scratch, all zero. */
static void add_edges(const struct matching *m, GHashTable *table, GPtrArray *keys,
		      const struct abi_entry *n, int *score, GArray *touched, GArray *edges)
{
	g_array_set_size(touched, 0);
	for (guint k = 0; k < keys->len; k++) {
		GArray *list = g_hash_table_lookup(table, keys->pdata[k]);

		for (guint i = 0; list && i < list->len; i++) {
			guint o = g_array_index(list, guint, i);

			if (!score[o]++)
				g_array_append_val(touched, o);
		}
	}
	for (guint i = 0; i < touched->len; i++) {
		guint o = g_array_index(touched, guint, i);
		const struct abi_entry *oe = m->old_tree->entries[o];
		struct edge e = {
			.o = oe,
			.n = n,
			.score = score[o],
			.rank = place_rank(n, oe),
			.same_text = m->old_text[o] == m->new_text[n->index],
			.lines = oe->line > n->line ? oe->line - n->line : n->line - oe->line,
		};

		g_array_append_val(edges, e);
		score[o] = 0;
	}
}

/* Best first: more keys shared, closer places, the same Description, nearer lines. */
static gint cmp_edges(gconstpointer x, gconstpointer y)
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
static void take_edges(struct matching *m, GArray *edges)
{
	bool *o_done = g_new0(bool, m->old_tree->n_entries + 1);
	bool *n_done = g_new0(bool, m->new_tree->n_entries + 1);

	g_array_sort(edges, cmp_edges);
	for (int round = 0; round < 3; round++) {
		for (guint i = 0; i < edges->len; i++) {
			const struct edge *e = &g_array_index(edges, struct edge, i);
			bool o = o_done[e->o->index], n = n_done[e->n->index];

			if (round == 0 ? o || n : round == 1 ? n : o)
				continue;
			add_pair(m, e->o, e->n);
			o_done[e->o->index] = n_done[e->n->index] = true;
		}
	}
	for (size_t i = 0; i < m->old_tree->n_entries; i++)
		m->old_paired[i] |= o_done[i];
	for (size_t i = 0; i < m->new_tree->n_entries; i++)
		m->new_paired[i] |= n_done[i];
	g_free(o_done);
	g_free(n_done);
}

static int pass_scored(struct matching *m, char cls)
{
	GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						  (GDestroyNotify)g_array_unref);
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	GArray *edges = g_array_new(FALSE, FALSE, sizeof(struct edge));
	GArray *touched = g_array_new(FALSE, FALSE, sizeof(guint));
	int *score = g_new0(int, m->old_tree->n_entries + 1);
	int r = index_keys(m, cls, table);

	for (size_t n = 0; r == 0 && n < m->new_tree->n_entries; n++) {
		if (m->new_paired[n])
			continue;
		r = entry_keys(m->new_tree->entries[n], cls, keys);
		if (r == 0)
			add_edges(m, table, keys, m->new_tree->entries[n], score, touched, edges);
	}
	if (r == 0)
		take_edges(m, edges);
	g_hash_table_destroy(table);
	g_ptr_array_free(keys, TRUE);
	g_array_free(edges, TRUE);
	g_array_free(touched, TRUE);
	g_free(score);
	return r;
}

/* ---- renamed paths: one key, one candidate on each side ---- */

struct candidate {
	guint count;
	const struct abi_entry *entry;
};

/* Key -> struct candidate, for the entries of @tree still alone. */
static GHashTable *candidates(const struct abi_tree *tree, const bool *paired, char cls)
{
	GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);

	for (size_t i = 0; i < tree->n_entries; i++) {
		struct candidate *c;

		/* entry_keys() fails for shapes only */
		if (paired[i] || entry_keys(tree->entries[i], cls, keys) < 0 || !keys->len)
			continue;
		c = g_hash_table_lookup(table, keys->pdata[0]);
		if (!c) {
			c = g_new0(struct candidate, 1);
			g_hash_table_insert(table, g_strdup(keys->pdata[0]), c);
		}
		c->count++;
		c->entry = tree->entries[i];
	}
	g_ptr_array_free(keys, TRUE);
	return table;
}

static void pass_renamed(struct matching *m, char cls)
{
	GHashTable *olds = candidates(m->old_tree, m->old_paired, cls);
	GHashTable *news = candidates(m->new_tree, m->new_paired, cls);
	GHashTableIter it;
	gpointer key, value;

	/* in the table's order, which is no matter: the pairs are sorted at the end */
	g_hash_table_iter_init(&it, news);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		const struct candidate *n = value, *o = g_hash_table_lookup(olds, key);

		if (n->count != 1 || !o || o->count != 1)
			continue;
		add_pair(m, o->entry, n->entry);
		m->old_paired[o->entry->index] = m->new_paired[n->entry->index] = true;
	}
	g_hash_table_destroy(olds);
	g_hash_table_destroy(news);
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
		add_pair(m, oe, n);
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
	return a->old_entry->index < b->old_entry->index ? -1 :
						     a->old_entry->index > b->old_entry->index;
}

int abi_diff_match(const struct abi_tree *old_tree, const struct abi_tree *new_tree,
		   struct abi_pair **out, size_t *n)
{
	struct matching m = {
		.old_tree = old_tree,
		.new_tree = new_tree,
		.old_paired = g_new0(bool, old_tree->n_entries + 1),
		.new_paired = g_new0(bool, new_tree->n_entries + 1),
		.old_text = text_hashes(old_tree),
		.new_text = text_hashes(new_tree),
		.pairs = g_array_new(FALSE, FALSE, sizeof(struct abi_pair)),
	};
	int r = pass_scored(&m, '=');

	*out = NULL;
	*n = 0;
	if (r == 0)
		r = pass_scored(&m, '~');
	if (r == 0) {
		pass_renamed(&m, '@');
		pass_renamed(&m, '#');
		pass_renamed(&m, '%');
		r = pass_covered(&m);
	}
	if (r == 0) {
		g_array_sort(m.pairs, cmp_pairs);
		*out = malloc((m.pairs->len + 1) * sizeof(**out));
		if (*out) {
			/* an empty GArray's data is NULL, which memcpy() must not get */
			if (m.pairs->len)
				memcpy(*out, m.pairs->data,
				       m.pairs->len * sizeof(**out));
			*n = m.pairs->len;
		} else {
			r = -ENOMEM;
		}
	}
	g_array_free(m.pairs, TRUE);
	g_free(m.old_paired);
	g_free(m.new_paired);
	g_free(m.old_text);
	g_free(m.new_text);
	return r;
}
