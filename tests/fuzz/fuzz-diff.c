// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The tree diff: two small trees, OLD and NEW, loaded by abi_tree_load() as `sysabi
 * diff` loads them (diagnostics logged), then abi_diff_new(), abi_diff_new_diags(),
 * and every path-like What of OLD looked up in NEW's index.
 *
 * The library reads trees only from directories, so each input is written into a
 * private directory made once per process:
 *   byte 0        file A: OLD's level (bits 0-1), NEW's (bits 2-3); bit 4: NEW's file
 *                 has another name (a file moved)
 *   byte 1        file B: the same; bit 5: B has A's name, so that one name can be in
 *                 two levels
 *   the rest      OLD's A, NEW's A, OLD's B, NEW's B, separated by NUL bytes; an empty
 *                 part writes no file
 * Both trees sit in a kernel tree (a top Makefile, 6.1 and 6.12), so that OLD's kernel
 * version is known, as in a real diff.
 */
#include <fcntl.h>
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>

#include "abi/abi-internal.h"
#include "fuzz.h"

/* tree.c refuses a larger file before reading it (TREE_MAX_FILE_SIZE) */
#define MAX_FILE_SIZE (64u << 20)

static const char *const levels[] = { "stable", "testing", "obsolete", "removed" };
static char *top; /* the private directory, removed at exit */

struct side {
	char root[256];
	struct abi_ctx *ctx;
	struct abi_diag_log *log;
	struct abi_tree *tree;
};

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void remove_top(void)
{
	nftw(top, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(top);
}

static void write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) < 0)
		fuzz_die(path);
}

/* TOP/NAME/Makefile of kernel @version, and the four level directories below it. */
static void make_kernel_tree(const char *name, const char *version)
{
	char path[512], makefile[128];
	int n;

	snprintf(path, sizeof(path), "%s/%s", top, name);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/Documentation", top, name);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/Documentation/ABI", top, name);
	mkdir(path, 0755);
	for (size_t i = 0; i < ARRAY_SIZE(levels); i++) {
		snprintf(path, sizeof(path), "%s/%s/Documentation/ABI/%s", top, name,
			 levels[i]);
		if (mkdir(path, 0755) < 0)
			fuzz_die(path);
	}
	snprintf(path, sizeof(path), "%s/%s/Makefile", top, name);
	n = snprintf(makefile, sizeof(makefile),
		     "# SPDX-License-Identifier: GPL-2.0\n"
		     "VERSION = 6\nPATCHLEVEL = %s\nSUBLEVEL = 0\nEXTRAVERSION =\n",
		     version);
	write_file(path, makefile, (size_t)n);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (asprintf(&dir, "%s/sysabi-fuzz-diff.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
		fuzz_die("out of memory");
	top = mkdtemp(dir);
	/* room for the longest path below it in every buffer (put(), struct side) */
	if (!top || strlen(top) > 200)
		fuzz_die(dir);
	atexit(remove_top);
	make_kernel_tree("old", "1");
	make_kernel_tree("new", "12");
}

static void read_diag(const struct abi_diag_log *log, size_t *sum)
{
	for (size_t i = 0; i < log->n_diags; i++)
		*sum += strlen(log->diags[i].message) + strlen(log->diags[i].loc.file);
}

static void load(struct side *s, const char *name, size_t *sum)
{
	snprintf(s->root, sizeof(s->root), "%s/%s/Documentation/ABI", top, name);
	if (abi_ctx_new(&s->ctx) < 0 || abi_diag_log_new(&s->log) < 0)
		fuzz_die("out of memory");
	abi_ctx_set_diag_fn(s->ctx, abi_diag_log_add, s->log);
	if (abi_tree_load(s->ctx, s->root, &s->tree) < 0)
		fuzz_die(s->root);
	read_diag(s->log, sum);
}

static void release(struct side *s)
{
	abi_tree_free(s->tree);
	abi_diag_log_free(s->log);
	abi_ctx_free(s->ctx);
}

static int count(void *data, const struct abi_what *w)
{
	++*(size_t *)data;
	return 0;
}

/* Every OLD What that names a path, looked up in NEW's index, as `diff` pairs them. */
static void lookup_all(const struct abi_tree *old, const struct abi_tree *new,
		       size_t *sum)
{
	struct abi_index *index;

	if (abi_index_new(new, &index) < 0)
		fuzz_die("out of memory");
	for (size_t e = 0; e < old->n_entries; e++) {
		const struct abi_entry *entry = old->entries[e];

		for (size_t w = 0; w < entry->n_whats; w++)
			if (entry->whats[w].kind != ABI_WHAT_PROSE &&
			    abi_index_lookup(index, entry->whats[w].path, count, sum) < 0)
				fuzz_die("out of memory");
	}
	abi_index_free(index);
}

/* Write part @i of the input as file A (i = 0, 1) or B (2, 3) of OLD or NEW. */
static void put(char (*paths)[512], size_t i, const uint8_t *flags, const char *text,
		size_t len)
{
	bool new = i % 2, b = i >= 2, moved = new && (flags[i / 2] & 0x10);
	unsigned int level = (flags[i / 2] >> (new ? 2 : 0)) & 3;
	/* B named as A is one file name in two levels, or in one (then made unique) */
	char file = b && !(flags[1] & 0x20) ? 'b' : 'a';

	if (!len)
		return;
	snprintf(paths[i], sizeof(paths[i]), "%s/%s/Documentation/ABI/%s/sysfs-fuzz-%c%s",
		 top, new ? "new" : "old", levels[level], file, moved ? "-moved" : "");
	if (b && strcmp(paths[i], paths[i - 2]) == 0)
		memcpy(paths[i] + strlen(paths[i]), "-2", 3);
	write_file(paths[i], text, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char paths[4][512] = { "", "", "", "" }, *parts[4], *buf;
	size_t lens[4], n, sum = 0, n_new_diags;
	const struct abi_diag **new_diags;
	struct side old, new;
	struct abi_diff *diff;

	if (size < 2 || size - 2 > MAX_FILE_SIZE)
		return -1;
	if (!top)
		setup();
	buf = fuzz_split(data + 2, size - 2, parts, lens, 4, &n);
	for (size_t i = 0; i < n; i++)
		put(paths, i, data, parts[i], lens[i]);
	load(&old, "old", &sum);
	load(&new, "new", &sum);

	if (abi_diff_new(old.tree, new.tree, &diff) < 0 ||
	    abi_diff_new_diags(diff, old.log, new.log, &new_diags, &n_new_diags) < 0)
		fuzz_die("out of memory");
	for (size_t i = 0; i < diff->n_violations; i++)
		sum += strlen(diff->violations[i].message);
	for (size_t i = 0; i < n_new_diags; i++)
		sum += strlen(new_diags[i]->message);
	lookup_all(old.tree, new.tree, &sum);

	free(new_diags);
	abi_diff_free(diff);
	release(&new);
	release(&old);
	for (size_t i = 0; i < 4; i++)
		if (paths[i][0] && unlink(paths[i]) < 0)
			fuzz_die(paths[i]);
	free(buf);
	return 0;
}
