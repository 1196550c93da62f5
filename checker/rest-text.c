// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's free text made safe for reST: descriptions are written in something close
 * to reST, but not checked by anyone, and a stray `*`, `` ` ``, `|` or `word_` is a
 * warning in a Sphinx build. Everything here is shown as written, never read as markup.
 */
#include <string.h>

#include "rest.h"

#define TAB_STOP 8
#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

char *rest_clean(const char *s, size_t len)
{
	char *valid = g_utf8_make_valid(s, (gssize)len);
	GString *out = g_string_sized_new(len + len / 8);
	size_t col = 0, keep = 0; /* keep: out->len up to the last non-blank of the line */

	for (const char *p = valid; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			g_string_truncate(out, keep);
			g_string_append_c(out, '\n');
			keep = out->len;
			col = 0;
		} else if (c == '\t') {
			do
				g_string_append_c(out, ' ');
			while (++col % TAB_STOP);
		} else if (c < 0x20 || c == 0x7f) {
			g_string_append(out, REPLACEMENT);
			keep = out->len;
			col++;
		} else {
			g_string_append_c(out, (char)c);
			if (c != ' ')
				keep = out->len;
			/* a column per character: continuation bytes take none */
			if ((c & 0xc0) != 0x80)
				col++;
		}
	}
	g_string_truncate(out, keep);
	while (out->len && out->str[out->len - 1] == '\n')
		g_string_truncate(out, out->len - 1);
	g_free(valid);
	return g_string_free(out, FALSE);
}

/*
 * What reST could read as inline markup: emphasis and strong (*), literals, roles and
 * interpreted text (`), references and targets (_), substitutions (|), the escape
 * itself, and < which would end the title of a reference.
 */
static bool is_markup(char c)
{
	return c == '\\' || c == '*' || c == '`' || c == '_' || c == '|' || c == '<';
}

void rest_escape(GString *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (is_markup(s[i]))
			g_string_append_c(out, '\\');
		g_string_append_c(out, s[i]);
	}
}

void rest_inline(GString *out, const char *text)
{
	char *clean = rest_clean(text, strlen(text));

	for (char *p = clean; *p; p++)
		if (*p == '\n')
			*p = ' ';
	rest_escape(out, clean, strlen(clean));
	g_free(clean);
}

void rest_title(GString *out, char adornment, const char *text)
{
	GString *line = g_string_new(NULL);

	rest_inline(line, text);
	/* as wide as the title's bytes: never fewer than the columns reST counts */
	for (size_t i = 0; i < line->len; i++)
		g_string_append_c(out, adornment);
	g_string_append_printf(out, "\n%s\n", line->str);
	for (size_t i = 0; i < line->len; i++)
		g_string_append_c(out, adornment);
	g_string_append(out, "\n\n");
	g_string_free(line, TRUE);
}

bool rest_title_ok(const char *text)
{
	GString *line = g_string_new(NULL);
	bool ok;

	rest_inline(line, text);
	/* an escaped mark is two marks, \* is no longer one repeated; \\ still is */
	ok = !g_ascii_ispunct(line->str[0]) ||
	     strspn(line->str, (const char[]){ line->str[0], '\0' }) < line->len;
	g_string_free(line, TRUE);
	return ok;
}

void rest_line_block(GString *out, const char *indent, const char *text)
{
	char *clean = rest_clean(text, strlen(text));
	const char *line = clean;
	bool first = true;

	while (*line) {
		const char *end = strchrnul(line, '\n');

		if (!first)
			g_string_append(out, indent);
		first = false;
		if (end == line) {
			g_string_append(out, "|\n");
		} else {
			g_string_append(out, "| ");
			rest_escape(out, line, (size_t)(end - line));
			g_string_append_c(out, '\n');
		}
		line = *end ? end + 1 : end;
	}
	if (first)
		g_string_append_c(out, '\n');
	g_free(clean);
}
