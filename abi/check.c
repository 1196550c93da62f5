// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Checks that need the whole tree: one path documented in several places, one file
 * name in several levels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static int report_duplicate(struct abi_ctx *ctx, const struct abi_what *const *places,
			    size_t n)
{
	struct abi_loc *locs = malloc(n * sizeof(*locs));
	struct abi_strbuf list = { 0 };
	int r;

	if (!locs)
		return -ENOMEM;
	for (size_t k = 0; k < n; k++) {
		locs[k] =
			(struct abi_loc){ places[k]->entry->file->path, places[k]->line };
		abi_strbuf_addf(&list, "%s%s:%u", k ? ", " : "", locs[k].file,
				locs[k].line);
	}
	r = list.err;
	if (r == 0)
		abi_diag_report(ctx, ABI_DIAG_WHAT_DUPLICATE, locs[0].file, locs[0].line,
				locs, n, "'%s' is documented %zu times: %s",
				places[0]->path, n, abi_strbuf_str(&list));
	abi_strbuf_release(&list);
	free(locs);
	return r;
}

/* Every path-like What, sorted by path; report each path that comes more than once. */
static int check_duplicate_whats(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	const struct abi_what **all = malloc((tree->n_whats + 1) * sizeof(*all));
	size_t n = 0;
	int r = 0;

	if (!all)
		return -ENOMEM;
	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++)
			if (e->whats[w].kind != ABI_WHAT_PROSE && e->whats[w].path &&
			    *e->whats[w].path)
				all[n++] = &e->whats[w];
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), cmp_whats);
	for (size_t i = 0, j; i < n && r == 0; i = j) {
		for (j = i + 1; j < n && strcmp(all[j]->path, all[i]->path) == 0; j++)
			;
		if (j - i > 1)
			r = report_duplicate(ctx, all + i, j - i);
	}
	free(all);
	return r;
}

static int check_file_levels(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	struct abi_strmap by_name;
	int r = 0;

	abi_strmap_init(&by_name, false);
	for (size_t i = 0; i < tree->n_files && r == 0; i++) {
		const struct abi_file *file = tree->files[i];
		const struct abi_file *other;
		void **slot;

		if (file->level == ABI_LEVEL_NONE)
			continue;
		r = abi_strmap_slot(&by_name, file->name, &slot);
		if (r < 0)
			break;
		other = *slot;
		if (!other) {
			*slot = (void *)file;
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
	abi_strmap_release(&by_name, NULL);
	return r;
}

int abi_tree_check(struct abi_ctx *ctx, const struct abi_tree *tree)
{
	int r = check_duplicate_whats(ctx, tree);

	return r < 0 ? r : check_file_levels(ctx, tree);
}
