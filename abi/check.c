// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Checks that need the whole tree: one path documented in several places, one file
 * name in several levels.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "abi-internal.h"

/* By path, then in tree order: the places of one path follow each other, first first. */
static int cmp_whats(const void *x, const void *y)
{
	const struct abi_what *a = *(const struct abi_what *const *)x;
	const struct abi_what *b = *(const struct abi_what *const *)y;
	int r = strcmp(a->path, b->path);

	if (r)
		return r;
	if (a->entry->index != b->entry->index)
		return a->entry->index < b->entry->index ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void report_duplicate(struct abi_ctx *ctx, const struct abi_what *const *places,
			     size_t n)
{
	struct abi_loc *locs = g_new(struct abi_loc, n);
	GString *list = g_string_new(NULL);

	for (size_t k = 0; k < n; k++) {
		locs[k] = (struct abi_loc){ places[k]->entry->file->path, places[k]->line };
		g_string_append_printf(list, "%s%s:%u", k ? ", " : "", locs[k].file, locs[k].line);
	}
	abi_diag_report(ctx, ABI_DIAG_WHAT_DUPLICATE, locs[0].file, locs[0].line, locs, n,
			"'%s' is documented %zu times: %s", places[0]->path, n, list->str);
	g_string_free(list, TRUE);
	g_free(locs);
}

/* Every path-like What, sorted by path; report each path that comes more than once. */
static int check_duplicate_whats(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	const struct abi_what **all = g_new(const struct abi_what *, tree->n_whats + 1);
	size_t n = 0;

	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++)
			if (e->whats[w].kind != ABI_WHAT_PROSE && e->whats[w].path &&
			    *e->whats[w].path)
				all[n++] = &e->whats[w];
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_whats);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(all[j]->path, all[i]->path) == 0; j++)
			;
		if (j - i > 1)
			report_duplicate(ctx, all + i, j - i);
	}
	g_free(all);
	return 0;
}

static int check_file_levels(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);

	for (size_t i = 0; i < tree->n_files; i++) {
		const struct abi_file *file = tree->files[i];
		const struct abi_file *other;

		if (file->level == ABI_LEVEL_NONE)
			continue;
		other = g_hash_table_lookup(by_name, file->name);
		if (!other) {
			g_hash_table_insert(by_name, (gpointer)file->name, (gpointer)file);
			continue;
		}
		if (other->level == file->level)
			continue; /* subdirectories of one level */
		abi_diag_report(ctx, ABI_DIAG_FILE_IN_TWO_LEVELS, file->path, 0,
				&(struct abi_loc){ other->path, 0 }, 1,
				"'%s' is in %s and in %s: %s, %s", file->name,
				abi_level_name(other->level), abi_level_name(file->level),
				other->path, file->path);
	}
	g_hash_table_destroy(by_name);
	return 0;
}

int abi_tree_check(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	int r = check_duplicate_whats(ctx, tree);

	return r < 0 ? r : check_file_levels(ctx, tree);
}
