// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which entry a path written in a description means, so that the reST can link to it:
 * the entry whose What is written the same way (`/sys/class/net/<iface>/mtu`), or, for a
 * path without wildcards (`/sys/class/net/eth0/mtu`), the entry whose What matches it,
 * found with the same index `sysabi match` uses.
 */
#include <string.h>

#include "rest.h"

struct rest_xref {
	const bool *shown;
	GHashTable *by_text; /* What text and path -> the entry a link goes to */
	struct abi_index *index;
};

int rest_xref_new(const struct abi_tree *tree, const bool *shown, struct rest_xref **out)
{
	struct rest_xref *x = g_new0(struct rest_xref, 1);
	int r;

	*out = NULL;
	r = abi_index_new(tree, &x->index);
	if (r < 0) {
		g_free(x);
		return r;
	}
	x->shown = shown;
	x->by_text = g_hash_table_new(g_str_hash, g_str_equal);
	/* one What documented twice: the link goes to the more stable entry, else the first */
	for (int level = 0; level <= ABI_LEVEL_NONE; level++) {
		for (size_t i = 0; i < tree->n_entries; i++) {
			const struct abi_entry *e = tree->entries[i];

			if (!shown[i] || e->level != (enum abi_level)level)
				continue;
			for (size_t w = 0; w < e->n_whats; w++) {
				const struct abi_what *what = &e->whats[w];

				if (!g_hash_table_contains(x->by_text, what->text))
					g_hash_table_insert(x->by_text,
							    (char *)what->text,
							    (void *)e);
				if (what->path &&
				    !g_hash_table_contains(x->by_text, what->path))
					g_hash_table_insert(x->by_text,
							    (char *)what->path,
							    (void *)e);
			}
		}
	}
	*out = x;
	return 0;
}

void rest_xref_free(struct rest_xref *xref)
{
	if (!xref)
		return;
	g_hash_table_destroy(xref->by_text);
	abi_index_free(xref->index);
	g_free(xref);
}

/* A path the index can look up: no wildcard, no `...`. */
static bool is_concrete(const char *path)
{
	if (path[0] != '/' || strpbrk(path, "<>*{}[]|"))
		return false;
	for (const char *p = strstr(path, "..."); p; p = strstr(p + 1, "..."))
		if ((p == path || p[-1] == '/') && (p[3] == '/' || p[3] == '\0'))
			return false;
	return true;
}

struct pick {
	const struct rest_xref *x;
	const struct abi_entry *self, *best;
	bool self_matches;
};

static int pick_entry(void *data, const struct abi_what *w)
{
	struct pick *p = data;

	if (w->entry == p->self)
		p->self_matches = true;
	else if (p->x->shown[w->entry->index] &&
		 (!p->best || w->entry->level < p->best->level))
		p->best = w->entry;
	return 0;
}

int rest_xref_find(struct rest_xref *xref, const char *path, size_t len,
		   const struct abi_entry *self, const struct abi_entry **out)
{
	char *s = g_strndup(path, len);
	const struct abi_entry *e = g_hash_table_lookup(xref->by_text, s);
	struct pick p = { xref, self, NULL, false };
	int r = 0;

	if (!e && is_concrete(s)) {
		/* pick_entry() never stops the lookup: only an error is non-zero */
		r = abi_index_lookup(xref->index, s, pick_entry, &p);
		/* a path the entry itself documents is no reference to another */
		e = p.self_matches ? NULL : p.best;
	}
	g_free(s);
	*out = r < 0 || e == self ? NULL : e;
	return r < 0 ? r : 0;
}
