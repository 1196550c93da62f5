// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ABI reader on one file's bytes, as abi_tree_load() reads each file of a tree:
 * abi_file_parse(), every What prepared (abi_what_prepare()), the tree-wide checks,
 * and the index over the Whats, which must find each literal What by the path it spells.
 * Every diagnostic's fields are read, as the reports read them.
 */
#include <limits.h>
#include <string.h>

#include "abi/abi-internal.h"
#include "fuzz.h"

/* tree.c refuses a larger file before reading it (TREE_MAX_FILE_SIZE) */
#define MAX_FILE_SIZE (64u << 20)

static void read_diag(void *data, const struct abi_diag *d)
{
	size_t *sum = data;

	*sum += strlen(d->message) + strlen(d->loc.file) + d->loc.line;
	*sum += strlen(abi_diag_kind_name(d->kind));
	*sum += strlen(abi_severity_name(d->severity));
	for (size_t i = 0; i < d->n_related; i++)
		*sum += strlen(d->related[i].file) + d->related[i].line;
}

static size_t read_text(const struct abi_text *t)
{
	return t->str ? strlen(t->str) + t->line : 0;
}

/* The index matches no component longer than a file name can be (abi_index_lookup()). */
static bool names_fit(const char *path)
{
	for (const char *p = path; *p; p += strcspn(p, "/")) {
		p += strspn(p, "/");
		if (strcspn(p, "/") > NAME_MAX)
			return false;
	}
	return true;
}

static int found_it(void *data, const struct abi_what *w)
{
	return w == data;
}

/*
 * A variant of a What that is all literal components is found by the path they spell,
 * by its pattern and by the index: the simplest case there is, where they must agree.
 */
static void check_literal(const struct abi_index *index, const struct abi_what *w)
{
	if (!w->pattern || w->too_broad || w->kind == ABI_WHAT_PROSE)
		return;
	for (size_t v = 0; v < abi_pattern_variant_count(w->pattern); v++) {
		size_t n, len = 0;
		const struct abi_comp *c = abi_pattern_variant(w->pattern, v, &n);
		char path[8192] = "";
		bool literal = true;

		for (size_t i = 0; i < n && literal && len < sizeof(path); i++) {
			literal = c[i].type == ABI_COMP_LITERAL;
			if (literal)
				len += (size_t)snprintf(path + len, sizeof(path) - len,
							"/%s", c[i].literal);
		}
		if (!literal || len >= sizeof(path) || !names_fit(path))
			continue;
		if (!len)
			snprintf(path, sizeof(path), "/");
		if (!abi_pattern_match(w->pattern, path) ||
		    abi_index_lookup(index, path, found_it, (void *)w) != 1) {
			fprintf(stderr, "fuzz-abi: the What '%s' does not match '%s'\n",
				w->path, path);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct abi_file file = { .path = "testing/sysfs-fuzz",
				 .name = "sysfs-fuzz",
				 .level = ABI_LEVEL_TESTING };
	struct abi_file *files[] = { &file };
	struct abi_tree tree = { .root = "fuzz", .files = files, .n_files = 1 };
	struct abi_index *index = NULL;
	struct abi_arena *arena;
	struct abi_ctx *ctx;
	size_t sum = 0;

	if (size > MAX_FILE_SIZE)
		return -1;
	if (abi_ctx_new(&ctx) < 0 || abi_arena_new(&arena) < 0)
		fuzz_die("out of memory");
	abi_ctx_set_diag_fn(ctx, read_diag, &sum);
	if (abi_file_parse(ctx, arena, &file, (const char *)data, size) < 0)
		fuzz_die("out of memory");

	/* what tree_finish() does for the one file */
	tree.entries = file.entries;
	tree.n_entries = file.n_entries;
	for (size_t e = 0; e < file.n_entries; e++) {
		struct abi_entry *entry = file.entries[e];

		entry->index = (unsigned int)e;
		for (size_t w = 0; w < entry->n_whats; w++)
			if (abi_what_prepare(ctx, arena, file.path, &entry->whats[w]) < 0)
				fuzz_die("out of memory");
		tree.n_whats += entry->n_whats;
		sum += read_text(&entry->date) + read_text(&entry->kernel_version) +
		       read_text(&entry->contact) + read_text(&entry->description) +
		       read_text(&entry->users);
	}
	if (abi_tree_check(ctx, &tree) < 0 || abi_index_new(&tree, &index) < 0)
		fuzz_die("out of memory");
	for (size_t e = 0; e < tree.n_entries; e++)
		for (size_t w = 0; w < tree.entries[e]->n_whats; w++)
			check_literal(index, &tree.entries[e]->whats[w]);

	abi_index_free(index);
	for (size_t e = 0; e < tree.n_entries; e++)
		for (size_t w = 0; w < tree.entries[e]->n_whats; w++)
			abi_what_release(&tree.entries[e]->whats[w]);
	abi_arena_free(arena);
	abi_ctx_free(ctx);
	return 0;
}
