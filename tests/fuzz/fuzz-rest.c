// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * get_abi.pl's document (sysabi rest --get-abi, for the kernel's own Sphinx build):
 * one ABI file, written into a level's directory as kernel_abi.py names one, loaded by
 * abi_tree_load() and written by rest_kernel_write() with LINENO markers, descriptions
 * as reST and then as text. What must hold whatever the file says: the document is
 * UTF-8; every line kernel_abi.py would read as a LINENO marker is one of this
 * writer's, naming the file; and no line at the first column starts a directive other
 * than those that only show text (a description's lines start there, where no literal
 * block can hold them).
 */
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>

#include "abi/abi-internal.h"
#include "fuzz.h"
#include "rest/rest.h"

/* tree.c refuses a larger file before reading it (TREE_MAX_FILE_SIZE) */
#define MAX_FILE_SIZE (64u << 20)

static char *top;   /* the private directory, removed at exit */
static char *level; /* TOP/testing, the --dir */
static char *file;  /* LEVEL/sysfs-fuzz */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void remove_top(void)
{
	nftw(top, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(top);
	free(level);
	free(file);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (asprintf(&dir, "%s/sysabi-fuzz-rest.XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0)
		fuzz_die("out of memory");
	top = mkdtemp(dir);
	if (!top || asprintf(&level, "%s/testing", top) < 0 ||
	    asprintf(&file, "%s/sysfs-fuzz", level) < 0)
		fuzz_die(dir);
	atexit(remove_top);
	if (mkdir(level, 0755) < 0)
		fuzz_die(level);
}

/* Whether @line (@len bytes) is a marker kernel_abi.py reads: ^\.\. LINENO (\S+)#([0-9]+)$ */
static bool is_marker(const char *line, size_t len)
{
	static const char start[] = ".. LINENO ";
	size_t n = strlen(start), hash;

	if (len <= n || memcmp(line, start, n) != 0)
		return false;
	for (hash = len; hash > n && line[hash - 1] >= '0' && line[hash - 1] <= '9';
	     hash--)
		;
	if (hash == len || hash <= n + 1 || line[hash - 1] != '#')
		return false;
	for (size_t i = n; i < hash - 1; i++)
		if (line[i] == ' ' || (line[i] >= '\t' && line[i] <= '\r'))
			return false;
	return true;
}

/* A directive at the first column, as docutils reads one: ".. name::" or
 * ".. |sub| name::", a blank allowed before "::", blanks or the end after it. */
static bool directive_at(const char *line, size_t len, const char **name,
			 size_t *name_len)
{
	const char *p = line + 3, *end = line + len;

	if (len < 4 || memcmp(line, ".. ", 3) != 0)
		return false;
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '|') {
		const char *bar = memchr(p + 1, '|', (size_t)(end - p - 1));

		if (!bar)
			return false;
		for (p = bar + 1; p < end && *p == ' '; p++)
			;
	}
	/* a name as docutils reads one: its dangerous ones are all ASCII */
	*name = p;
	while (p < end && (g_ascii_isalnum(*p) || strchr("-_.:+", *p)) &&
	       !(p + 1 < end && p[0] == ':' && p[1] == ':'))
		p++;
	*name_len = (size_t)(p - *name);
	if (p < end && *p == ' ')
		p++;
	return *name_len && p + 1 < end && p[0] == ':' && p[1] == ':' &&
	       (p + 2 == end || p[2] == ' ');
}

static void check(const GString *doc)
{
	static const char *const allowed[] = {
		"admonition",     "attention",  "caution",
		"danger",         "error",      "hint",
		"important",      "note",       "tip",
		"warning",        "seealso",    "versionadded",
		"versionchanged", "deprecated", "code-block",
		"code",           "sourcecode", "highlight",
		"rubric",         "topic",      "table",
		"list-table",     "flat-table", "parsed-literal",
		"container",      "math",       "replace",
		"unicode",        "date",
	};

	if (!g_utf8_validate(doc->str, (gssize)doc->len, NULL)) {
		fprintf(stderr, "fuzz-rest: the document is not UTF-8\n");
		abort();
	}
	for (const char *p = doc->str; *p;) {
		const char *end = strchrnul(p, '\n'), *name;
		size_t len = (size_t)(end - p), name_len, k;

		if (is_marker(p, len) && (len < 10 + strlen(file) + 2 ||
					  memcmp(p + 10, file, strlen(file)) != 0 ||
					  p[10 + strlen(file)] != '#')) {
			fprintf(stderr, "fuzz-rest: a marker not of the writer: %.*s\n",
				(int)len, p);
			abort();
		}
		if (directive_at(p, len, &name, &name_len)) {
			for (k = 0; k < ARRAY_SIZE(allowed); k++)
				if (name_len == strlen(allowed[k]) &&
				    g_ascii_strncasecmp(name, allowed[k], name_len) == 0)
					break;
			if (k == ARRAY_SIZE(allowed)) {
				fprintf(stderr,
					"fuzz-rest: a directive that may not run: %.*s\n",
					(int)len, p);
				abort();
			}
		}
		p = *end ? end + 1 : end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rest_kernel_options opt = { .lineno = true };
	struct abi_tree *tree;
	struct abi_ctx *ctx;
	GString *doc;
	int fd;

	if (size > MAX_FILE_SIZE)
		return -1;
	if (!top)
		setup();
	opt.dir = level;
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) < 0)
		fuzz_die(file);
	if (abi_ctx_new(&ctx) < 0)
		fuzz_die("out of memory");
	if (abi_tree_load(ctx, level, &tree) < 0)
		fuzz_die(level);
	doc = g_string_new(NULL);
	for (int rst = 1; rst >= 0; rst--) {
		opt.rst_source = rst;
		g_string_truncate(doc, 0);
		if (rest_kernel_write(tree, &opt, doc) < 0)
			fuzz_die("rest_kernel_write");
		check(doc);
	}
	g_string_free(doc, TRUE);
	abi_tree_free(tree);
	abi_ctx_free(ctx);
	return 0;
}
