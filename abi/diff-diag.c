// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The diagnostics a change brings. Diagnostics are logged while each tree loads; a
 * diagnostic of NEW is old debt when OLD has one of the same kind, with the same
 * message once line numbers are masked, at the same place. A place is an entry,
 * known across the trees by the diff's pairs (entries linked by pairs, directly or
 * not, are one place), or, for a diagnostic outside any entry, the file's name, so
 * that a file moved to another level keeps its debt.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

struct abi_diag_log_priv {
	struct abi_arena *arena; /* the strings and related places of the copies */
	size_t alloc;
	bool failed;
};

int abi_diag_log_new(struct abi_diag_log **out)
{
	struct abi_diag_log *log = calloc(1, sizeof(*log));

	*out = NULL;
	if (!log || !(log->priv = calloc(1, sizeof(*log->priv))) ||
	    abi_arena_new(&log->priv->arena) < 0) {
		abi_diag_log_free(log);
		return -ENOMEM;
	}
	*out = log;
	return 0;
}

void abi_diag_log_free(struct abi_diag_log *log)
{
	if (!log)
		return;
	if (log->priv)
		abi_arena_free(log->priv->arena);
	free(log->priv);
	free(log->diags);
	free(log);
}

static bool copy_diag(struct abi_arena *arena, struct abi_diag *to,
		      const struct abi_diag *d)
{
	struct abi_loc *related = NULL;

	*to = *d;
	to->loc.file = abi_arena_strdup(arena, d->loc.file ?: "");
	to->message = abi_arena_strdup(arena, d->message ?: "");
	if (d->n_related) {
		related = abi_arena_alloc(arena, d->n_related * sizeof(*related));
		for (size_t i = 0; related && i < d->n_related; i++) {
			related[i].line = d->related[i].line;
			related[i].file =
				abi_arena_strdup(arena, d->related[i].file ?: "");
			if (!related[i].file)
				return false;
		}
	}
	to->related = related;
	return to->loc.file && to->message && (related || !d->n_related);
}

void abi_diag_log_add(void *data, const struct abi_diag *diag)
{
	struct abi_diag_log *log = data;
	struct abi_diag_log_priv *priv = log->priv;

	if (priv->failed)
		return;
	if (log->n_diags == priv->alloc) {
		size_t alloc = priv->alloc ? priv->alloc * 2 : 64;
		struct abi_diag *p = realloc(log->diags, alloc * sizeof(*p));

		if (!p) {
			priv->failed = true;
			return;
		}
		log->diags = p;
		priv->alloc = alloc;
	}
	if (!copy_diag(priv->arena, &log->diags[log->n_diags], diag)) {
		priv->failed = true;
		return;
	}
	log->n_diags++;
}

/* ---- places ---- */

static uint32_t find_root(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

/* One number for each group of linked entries: OLD's from 0, NEW's after them. */
static uint32_t *group_entries(const struct abi_diff *diff)
{
	size_t n = diff->old_tree->n_entries + diff->new_tree->n_entries;
	uint32_t *parent = malloc((n + 1) * sizeof(*parent));

	if (!parent)
		return NULL;
	for (size_t i = 0; i < n; i++)
		parent[i] = (uint32_t)i;
	for (size_t i = 0; i < diff->n_pairs; i++) {
		uint32_t a = find_root(parent, diff->pairs[i].old_entry->index);
		uint32_t b = find_root(parent, (uint32_t)diff->old_tree->n_entries +
						       diff->pairs[i].new_entry->index);

		parent[a > b ? a : b] = a < b ? a : b;
	}
	for (size_t i = 0; i < n; i++)
		find_root(parent, (uint32_t)i);
	return parent;
}

static int cmp_file_path(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct abi_file *const *)elem)->path);
}

/* The entry that holds line @line of @path, or NULL outside entries. */
static const struct abi_entry *entry_at(const struct abi_tree *tree, const char *path,
					unsigned int line)
{
	const struct abi_file *const *f;
	size_t lo = 0, hi;

	if (!line || !tree->n_files)
		return NULL;
	f = bsearch(path, tree->files, tree->n_files, sizeof(*tree->files),
		    cmp_file_path);
	if (!f || !(*f)->n_entries || (*f)->entries[0]->line > line)
		return NULL;
	hi = (*f)->n_entries; /* the last entry starting at or before @line */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if ((*f)->entries[mid]->line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return (*f)->entries[lo];
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The message with line numbers masked: "stable/x:12" and "line 12" become ":#", "line #". */
static void append_masked(struct abi_strbuf *out, const char *msg)
{
	for (const char *p = msg; *p;) {
		bool after_colon = p > msg && p[-1] == ':';
		bool after_line = p - msg >= 5 && strncmp(p - 5, "line ", 5) == 0;

		if (is_digit(*p) && (after_colon || after_line)) {
			abi_strbuf_addc(out, '#');
			while (is_digit(*p))
				p++;
			continue;
		}
		abi_strbuf_addc(out, *p++);
	}
}

/*
 * Kind, place and masked message, as one string, into @key (emptied first).
 * @offset: 0 for OLD, OLD's size for NEW. Returns 0 or -ENOMEM.
 */
static int diag_key(struct abi_strbuf *key, const struct abi_tree *tree,
		    const uint32_t *group, size_t offset, const struct abi_diag *d)
{
	const struct abi_entry *e = entry_at(tree, d->loc.file, d->loc.line);

	abi_strbuf_reset(key);
	abi_strbuf_adds(key, abi_diag_kind_name(d->kind));
	if (e) {
		abi_strbuf_addf(key, "\037e%u\037", group[offset + e->index]);
	} else {
		const char *slash = strrchr(d->loc.file, '/');

		abi_strbuf_addf(key, "\037f%s\037", slash ? slash + 1 : d->loc.file);
	}
	append_masked(key, d->message);
	return key->err;
}

/* Count OLD's diagnostics by key: the debt NEW's may pay off. */
static int count_debt(const struct abi_diff *diff, const struct abi_diag_log *old_log,
		      const uint32_t *group, struct abi_strbuf *key,
		      struct abi_strmap *debt)
{
	for (size_t i = 0; i < old_log->n_diags; i++) {
		void **slot;
		int r = diag_key(key, diff->old_tree, group, 0, &old_log->diags[i]);

		if (r == 0)
			r = abi_strmap_slot(debt, abi_strbuf_str(key), &slot);
		if (r < 0)
			return r;
		*slot = (void *)((uintptr_t)*slot + 1);
	}
	return 0;
}

int abi_diff_new_diags(const struct abi_diff *diff, const struct abi_diag_log *old_log,
		       const struct abi_diag_log *new_log, const struct abi_diag ***out,
		       size_t *n)
{
	struct abi_strmap debt;
	struct abi_strbuf key = { 0 };
	uint32_t *group = NULL;
	const struct abi_diag **found = NULL;
	size_t offset = diff->old_tree->n_entries, n_found = 0;
	int r = -ENOMEM;

	*out = NULL;
	*n = 0;
	abi_strmap_init(&debt, true);
	if (old_log->priv->failed || new_log->priv->failed)
		goto err;
	found = malloc((new_log->n_diags + 1) * sizeof(*found));
	group = group_entries(diff);
	if (!found || !group)
		goto err;
	r = count_debt(diff, old_log, group, &key, &debt);
	for (size_t i = 0; i < new_log->n_diags && r == 0; i++) {
		void **slot;

		r = diag_key(&key, diff->new_tree, group, offset, &new_log->diags[i]);
		if (r < 0)
			break;
		if (!abi_strmap_get(&debt, abi_strbuf_str(&key))) {
			found[n_found++] = &new_log->diags[i];
			continue;
		}
		/* there: finding it again adds nothing */
		r = abi_strmap_slot(&debt, abi_strbuf_str(&key), &slot);
		if (r == 0)
			*slot = (void *)((uintptr_t)*slot - 1);
	}
	if (r < 0)
		goto err;
	*out = TAKE_PTR(found);
	*n = n_found;
err:
	free(found);
	free(group);
	abi_strbuf_release(&key);
	abi_strmap_release(&debt, NULL);
	return r;
}
