// SPDX-License-Identifier: GPL-2.0-or-later
/* Baselines: reading one, checked line by line; writing one, sorted, atomically. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit.h"
#include "baseline.h"
#include "cli/cli.h"
#include "common/file-read.h"

struct baseline {
	GHashTable *keys; /* "class\tpattern" */
};

const char baseline_header[] =
	"# sysabi baseline: findings listed here do not fail `sysabi audit --baseline`.\n"
	"# One finding group a line: CLASS PATTERN. Remove a line once its cause is fixed.\n";

char *baseline_line(const char *cls, const char *pattern)
{
	char *esc = g_strescape(pattern, NULL);
	char *line = g_strdup_printf("%s %s\n", cls, esc);

	g_free(esc);
	return line;
}

/* Whether @s ends in a backslash that escapes nothing, which g_strcompress() warns of. */
static bool trailing_backslash(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[len - 1 - n] == '\\')
		n++;
	return n % 2;
}

static int parse_line(struct baseline *b, char *line, size_t len,
		      bool (*known)(const char *kind))
{
	char *space = memchr(line, ' ', len);
	char *pattern;

	/* a NUL would cut the pattern short of what the line says */
	if (!space || memchr(line, '\0', len) || trailing_backslash(line, len))
		return -EBADMSG;
	*space = '\0';
	if (!known(line) || space[1] != '/')
		return -EBADMSG;
	pattern = g_strcompress(space + 1);
	g_hash_table_add(b->keys, g_strdup_printf("%s\t%s", line, pattern));
	g_free(pattern);
	return 0;
}

bool baseline_audit_class(const char *kind)
{
	enum audit_class c;

	return audit_class_parse(kind, &c) == 0;
}

int baseline_read(const char *path, struct baseline **out, unsigned int *bad_line)
{
	return baseline_read_kinds(path, baseline_audit_class, out, bad_line);
}

int baseline_read_kinds(const char *path, bool (*known)(const char *kind),
			struct baseline **out, unsigned int *bad_line)
{
	struct baseline *b;
	char *text, *line, *end;
	size_t len;
	int r;

	*out = NULL;
	*bad_line = 0;
	/* a regular file of bounded size: a FIFO would block, /dev/zero never end */
	r = file_read(path, BASELINE_MAX_SIZE, &text, &len);
	if (r < 0)
		return r;
	b = g_new0(struct baseline, 1);
	b->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (line = text; r == 0 && line < text + len; line = end + 1) {
		size_t n;

		end = memchr(line, '\n', (size_t)(text + len - line));
		if (!end)
			end = text + len;
		n = (size_t)(end - line);
		++*bad_line;
		while (n && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		r = parse_line(b, line, n, known);
	}
	free(text);
	if (r < 0) {
		baseline_free(b);
		return r;
	}
	*out = b;
	return 0;
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	g_hash_table_destroy(b->keys);
	g_free(b);
}

bool baseline_has(const struct baseline *b, const char *cls, const char *pattern)
{
	char *key = g_strdup_printf("%s\t%s", cls, pattern);
	bool has = g_hash_table_contains(b->keys, key);

	g_free(key);
	return has;
}

int baseline_load(const char *path, bool (*known)(const char *kind),
		  struct baseline **out)
{
	unsigned int bad_line = 0;
	int r = baseline_read_kinds(path, known, out, &bad_line);

	if (r == -EBADMSG)
		return cli_error("%s:%u: not a baseline line (%s PATTERN)", path,
				 bad_line,
				 known == baseline_audit_class ? "CLASS" : "KIND");
	if (r == -EFBIG)
		return cli_error("%s: larger than %d MiB, the most a baseline may be",
				 path, BASELINE_MAX_SIZE >> 20);
	if (r < 0)
		return cli_error("%s: cannot read the baseline: %s", path,
				 file_strerror(r));
	return 0;
}

static gint cmp_lines(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int baseline_write(const char *path, const char *header, GPtrArray *lines)
{
	GString *s = g_string_new(header);
	int r;

	g_ptr_array_sort(lines, cmp_lines);
	for (guint i = 0; i < lines->len; i++)
		g_string_append(s, lines->pdata[i]);
	r = cli_write_file(path, s->str, s->len);
	g_string_free(s, TRUE);
	return r;
}
