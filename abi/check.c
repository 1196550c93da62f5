// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Checks that need the whole tree: one path documented in several places, one file
 * name in several levels.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "abi-internal.h"

static void free_array(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

/* Group every path-like What by its path; report each path that has more than one. */
static int check_duplicate_whats(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	GHashTable *by_path = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_array);
	GPtrArray *order = g_ptr_array_new();

	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++) {
			const struct abi_what *what = &e->whats[w];
			GPtrArray *places;

			if (what->kind == ABI_WHAT_PROSE || !what->path || !*what->path)
				continue;
			places = g_hash_table_lookup(by_path, what->path);
			if (!places) {
				places = g_ptr_array_new();
				g_hash_table_insert(by_path, (gpointer)what->path, places);
				g_ptr_array_add(order, places);
			}
			g_ptr_array_add(places, (gpointer)what);
		}
	}

	for (guint i = 0; i < order->len; i++) {
		GPtrArray *places = order->pdata[i];
		const struct abi_what *first = places->pdata[0];
		struct abi_loc *locs;
		GString *list;

		if (places->len < 2)
			continue;
		locs = g_new(struct abi_loc, places->len);
		list = g_string_new(NULL);
		for (guint k = 0; k < places->len; k++) {
			const struct abi_what *w = places->pdata[k];

			locs[k] = (struct abi_loc){ w->entry->file->path, w->line };
			g_string_append_printf(list, "%s%s:%u", k ? ", " : "", locs[k].file,
					       locs[k].line);
		}
		abi_diag_report(ctx, ABI_DIAG_WHAT_DUPLICATE, first->entry->file->path,
				first->line, locs, places->len,
				"'%s' is documented %u times: %s", first->path, places->len,
				list->str);
		g_string_free(list, TRUE);
		g_free(locs);
	}
	g_ptr_array_free(order, TRUE);
	g_hash_table_destroy(by_path);
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
