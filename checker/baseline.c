// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading baselines. Writing one is rendering lines (baseline_line) and an atomic write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "audit.h"
#include "baseline.h"

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

static int parse_line(struct baseline *b, char *line)
{
	char *space = strchr(line, ' ');
	enum audit_class c;
	char *pattern;

	if (!space)
		return -EBADMSG;
	*space = '\0';
	if (audit_class_parse(line, &c) < 0 || space[1] != '/')
		return -EBADMSG;
	pattern = g_strcompress(space + 1);
	g_hash_table_add(b->keys, g_strdup_printf("%s\t%s", line, pattern));
	g_free(pattern);
	return 0;
}

int baseline_read(const char *path, struct baseline **out, unsigned int *bad_line)
{
	struct baseline *b;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int r = 0;

	*out = NULL;
	*bad_line = 0;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	b = g_new0(struct baseline, 1);
	b->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	while (r == 0 && (len = getline(&line, &cap, f)) >= 0) {
		++*bad_line;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		r = parse_line(b, line);
	}
	if (r == 0 && ferror(f))
		r = -EIO;
	free(line);
	fclose(f);
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
