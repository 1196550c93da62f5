// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The What compiler and the two matchers. The input is a What's text, then paths, each
 * after a NUL byte. The What is prepared as the reader's are (abi_what_prepare():
 * normalized, classified, compiled, diagnosed) and described; each path is matched by
 * the pattern (abi_pattern_match(), match and --explain) and by the index's trie
 * (abi_index_lookup(), the audit), which must agree.
 */
#include <limits.h>
#include <string.h>

#include "abi/abi-internal.h"
#include "fuzz.h"

#define MAX_PARTS 9 /* the What and eight paths */

static void read_diag(void *data, const struct abi_diag *d)
{
	size_t *sum = data;

	*sum += strlen(d->message) + strlen(d->loc.file) + d->loc.line;
}

static int found(void *data, const struct abi_what *w)
{
	return 1;
}

/* Paths both matchers read alike: absolute, and every name short enough to be one. */
static bool comparable(const char *path)
{
	if (path[0] != '/')
		return false;
	for (const char *p = path; *p; p += strcspn(p, "/")) {
		p += strspn(p, "/");
		if (strcspn(p, "/") > NAME_MAX)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *parts[MAX_PARTS], *buf;
	size_t lens[MAX_PARTS], n, sum = 0;
	struct abi_what what = { .line = 1 };
	struct abi_entry entry = { .level = ABI_LEVEL_TESTING,
				   .whats = &what,
				   .n_whats = 1 };
	struct abi_entry *entries[] = { &entry };
	struct abi_file file = { .path = "testing/sysfs-fuzz",
				 .name = "sysfs-fuzz",
				 .level = ABI_LEVEL_TESTING,
				 .entries = entries,
				 .n_entries = 1 };
	struct abi_file *files[] = { &file };
	struct abi_tree tree = { .root = "fuzz",
				 .files = files,
				 .n_files = 1,
				 .entries = entries,
				 .n_entries = 1,
				 .n_whats = 1 };
	struct abi_index *index = NULL;
	struct abi_arena *arena;
	struct abi_ctx *ctx;

	buf = fuzz_split(data, size, parts, lens, MAX_PARTS, &n);
	if (abi_ctx_new(&ctx) < 0 || abi_arena_new(&arena) < 0)
		fuzz_die("out of memory");
	abi_ctx_set_diag_fn(ctx, read_diag, &sum);
	entry.file = &file;
	what.entry = &entry;
	what.text = parts[0];
	if (abi_what_prepare(ctx, arena, file.path, &what) < 0 ||
	    abi_index_new(&tree, &index) < 0)
		fuzz_die("out of memory");
	if (what.pattern) {
		char *described = abi_pattern_describe(what.pattern);

		if (!described)
			fuzz_die("out of memory");
		free(described);
	}
	for (size_t i = 1; i < n; i++) {
		bool by_pattern = abi_pattern_match(what.pattern, parts[i]);
		bool by_index = abi_index_lookup(index, parts[i], found, NULL) == 1;

		/* the index leaves out prose and Whats that would match whole trees */
		if (what.kind == ABI_WHAT_PROSE || what.too_broad ||
		    !comparable(parts[i]))
			continue;
		if (by_pattern != by_index) {
			fprintf(stderr,
				"fuzz-what: '%s' matches '%s' by its pattern %s, "
				"by the index %s\n",
				parts[i], what.path, by_pattern ? "yes" : "no",
				by_index ? "yes" : "no");
			abort();
		}
	}
	abi_index_free(index);
	abi_what_release(&what);
	abi_arena_free(arena);
	abi_ctx_free(ctx);
	free(buf);
	return 0;
}
