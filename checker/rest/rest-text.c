// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's free text made safe for reST: descriptions are written in something close
 * to reST, but not checked by anyone, and a stray `*`, `` ` ``, `|` or `word_` is a
 * warning in a Sphinx build. Everything here is shown as written, never read as markup.
 */
#include <string.h>

#include "common/macro.h"
#include "rest.h"

#define TAB_STOP 8
#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

char *rest_clean(const char *s, size_t len)
{
	char *valid = g_utf8_make_valid(s, (gssize)len);
	GString *out = g_string_sized_new(len + len / 8);
	size_t col = 0,
	       keep = 0; /* keep: out->len up to the last non-blank of the line */

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

/* What docutils takes for a character of a URI (its uric), and for one a URI may end with
 * (urilast). */
static bool is_uric(char c)
{
	return c && (g_ascii_isalnum(c) || strchr("-_.!~*'()[];/:@&=+$,%", c));
}

static bool is_urilast(char c)
{
	return c && (g_ascii_isalnum(c) || strchr("_~*/=+", c));
}

/*
 * Whether a colon, followed by @p up to @end, would end the scheme of a URI that
 * docutils links without any markup: javascript:, data:, vbscript:, file: and a hundred
 * others, that a click on the page would run or open. Only http, https, ftp and mailto
 * are kept, as links. The scheme is the run of letters, digits, '.', '+' and '-' just
 * written to @out; the rest must be URI characters up to one a URI may end with, as
 * docutils' pattern says (an escape's backslash reaches it as a NUL, one more URI
 * character, which changes nothing here).
 */
static bool colon_ends_scheme(const GString *out, const char *p, const char *end)
{
	static const char *const kept[] = { "http", "https", "ftp", "mailto" };
	size_t start = out->len;
	bool letter = false, uri = false;

	for (; p < end && is_uric(*p) && !uri; p++)
		uri = is_urilast(*p) || (p + 1 < end && p[1] == '>');
	if (!uri)
		return false;
	while (start > 0 && (g_ascii_isalnum(out->str[start - 1]) ||
			     strchr(".+-", out->str[start - 1]))) {
		letter |= g_ascii_isalpha(out->str[start - 1]);
		start--;
	}
	if (!letter)
		return false;
	for (size_t k = 0; k < ARRAY_SIZE(kept); k++)
		if (out->len - start == strlen(kept[k]) &&
		    g_ascii_strncasecmp(out->str + start, kept[k], strlen(kept[k])) == 0)
			return false;
	return true;
}

static void escape(GString *out, const char *s, size_t len, bool text)
{
	for (size_t i = 0; i < len; i++) {
		/* an escaped colon shows as a colon, and ends no scheme */
		if (is_markup(s[i]) ||
		    (text && s[i] == ':' && colon_ends_scheme(out, s + i + 1, s + len)))
			g_string_append_c(out, '\\');
		g_string_append_c(out, s[i]);
	}
}

void rest_escape(GString *out, const char *s, size_t len)
{
	escape(out, s, len, false);
}

void rest_escape_text(GString *out, const char *s, size_t len)
{
	escape(out, s, len, true);
}

void rest_escape_name(GString *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\'')
			g_string_append_c(out, '\\');
		escape(out, s + i, 1, false);
	}
}

static void escape_line(GString *out, const char *text, bool as_text)
{
	char *clean = rest_clean(text, strlen(text));

	for (char *p = clean; *p; p++)
		if (*p == '\n')
			*p = ' ';
	escape(out, clean, strlen(clean), as_text);
	g_free(clean);
}

void rest_inline(GString *out, const char *text)
{
	escape_line(out, text, false);
}

void rest_title(GString *out, char adornment, const char *text)
{
	GString *line = g_string_new(NULL);

	escape_line(line, text, true);
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

	escape_line(line, text, true);
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
			rest_escape_text(out, line, (size_t)(end - line));
			g_string_append_c(out, '\n');
		}
		line = *end ? end + 1 : end;
	}
	if (first)
		g_string_append_c(out, '\n');
	g_free(clean);
}
