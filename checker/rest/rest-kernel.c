// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reST that the kernel's own documentation build reads: the kernel-abi directive of
 * Documentation/sphinx/kernel_abi.py runs scripts/get_abi.pl rest on one level
 * directory and parses what it prints into the page. This writes the same document
 * from sysabi's tree, so that sysabi can stand in for the script.
 *
 * The same labels, so that references from other pages resolve: abi_ and the first
 * What of an entry, lower-cased, every other character than a letter or a digit as one
 * _ (abi_sys_class_net_iface_mtu), abi_file_LEVEL_FILE for a file. Entries with the
 * same What lines are one, as get_abi.pl merges them. Where two entries would share a
 * label the script adds random letters; here the second gets -2, the third -3, the
 * same on every run. The same sections (Symbols under /sys/class, File stable/...),
 * whose titles Sphinx's autosectionlabel makes labels of too, and the same .. LINENO
 * markers, by which the directive tells Sphinx where each line comes from.
 *
 * Descriptions are reST, read again from the file as the script reads them (the
 * indentation of the first line's text taken off the others, so that a list indented
 * one column more stays a list), with its changes (rest-kernel-text.c): section
 * adornments dropped, Documentation/X.rst a :doc:, a path that an entry documents a
 * :ref: to it. What the kernel's text could do beyond showing text is taken away: a
 * directive that reads a file or runs code (include, raw, ifconfig, kernel-doc...) is
 * shown as text, :download: becomes :file:, a URI of a scheme other than http, https,
 * ftp and mailto links nowhere, and no line of a description can be read as a
 * .. LINENO marker. Every other piece of text (Whats, file names, Users) is escaped.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/doc-source.h"
#include "common/beneath.h"
#include "common/file-read.h"
#include "common/macro.h"
#include "rest.h"

/* The most of a file read again for its text as written: as much as sysabi's reader
 * reads. */
#define RAW_MAX (64u << 20)
/* What a table of What lines may add to their text's size, beyond four times it */
#define TABLE_SLACK (64u << 10)
/* get_abi.pl's separator of the What lines of one entry, in its keys and sort order */
#define KEY_SEP "\xac"

struct group {
	char *key;                    /* the What lines, KEY_SEP between them */
	const struct abi_what *first; /* the first of them, the label's */
	char *label;                  /* abi_... */
	GPtrArray *entries;           /* const struct abi_entry *, in tree order */
};

struct kwriter {
	const struct abi_tree *tree;
	const struct rest_kernel_options *opt;
	GString *out;
	GPtrArray *groups;    /* struct group *, sorted by key */
	GHashTable *by_key;   /* key -> struct group *, for the links in descriptions */
	GHashTable *of_entry; /* const struct abi_entry * -> struct group * */
	char *level_dir; /* "stable/" when the tree is one level's directory, or "" */
	int rootfd;
	/* const struct abi_file * -> struct raw_file *, each read when first needed */
	GHashTable *raw;
};

/* A file's text as it is, for what get_abi.pl shows as written. */
struct raw_file {
	char *buf;
	size_t len;
	GArray *lines; /* size_t: where each line starts, lines[0] for line 1 */
};

/* ---- names and labels ---- */

/* A What as get_abi.pl keys it: one trailing comma, period or semicolon dropped. */
static size_t what_len(const struct abi_what *w)
{
	size_t len = strlen(w->text);

	if (len && strchr(",.;", w->text[len - 1]))
		len--;
	return len;
}

/* Whether a What is shown: get_abi.pl's, and those sysabi reads on the lines after one
 * (which the script drops) that name a path; "formerly" between two is no What. */
static bool what_shown(const struct abi_what *w)
{
	return !w->continuation || w->kind != ABI_WHAT_PROSE;
}

/* abi_ and @s, lower-case ASCII, every run of other bytes than letters and digits one _,
 * none at the end. */
static char *what_label(const char *s, size_t len)
{
	GString *l = g_string_new("abi_");

	for (size_t i = 0; i < len; i++) {
		char c = g_ascii_tolower(s[i]);

		if (g_ascii_isalnum(c))
			g_string_append_c(l, c);
		else if (l->str[l->len - 1] != '_')
			g_string_append_c(l, '_');
	}
	if (l->str[l->len - 1] == '_')
		g_string_truncate(l, l->len - 1);
	return g_string_free(l, FALSE);
}

/* The file as the titles name it, below Documentation/ABI: "stable/sysfs-block". */
static char *file_shown(const struct kwriter *w, const struct abi_file *f)
{
	return g_strconcat(w->level_dir, f->path, NULL);
}

/* abi_file_ and the last directory and name of @f, '/' and '-' as '_'. Other bytes that
 * a label cannot hold are '_' too: get_abi.pl keeps them, and breaks its reference. */
static char *file_label(const struct kwriter *w, const struct abi_file *f)
{
	char *shown = file_shown(w, f);
	const char *last = strrchr(shown, '/'), *from = shown;
	GString *l = g_string_new("abi_file_");

	if (last) {
		for (from = last; from > shown && from[-1] != '/'; from--)
			;
	}
	for (const char *p = from; *p; p++)
		g_string_append_c(l, g_ascii_isalnum(*p) || strchr("_.+", *p) ? *p : '_');
	g_free(shown);
	return g_string_free(l, FALSE);
}

/* ---- titles ---- */

/*
 * Whether the _ at @s[@i] could end a reference, name_ or name__: after a name that
 * starts the text or follows a blank or a mark, and before anything but a word.
 */
static bool ends_reference(const char *s, size_t i)
{
	size_t end = i, start = i;

	while (s[end] == '_')
		end++;
	if (!i || !g_ascii_isalnum(s[i - 1]) || end - i > 2 || g_ascii_isalnum(s[end]) ||
	    s[end] == '_')
		return false;
	/* the name: words joined by single marks, "sysfs-foo.bar" */
	while (start > 0) {
		if (g_ascii_isalnum(s[start - 1]))
			start--;
		else if (start > 1 && strchr("-._+:", s[start - 1]) &&
			 g_ascii_isalnum(s[start - 2]))
			start--;
		else
			break;
	}
	/* after a _ no reference starts */
	return !start || s[start - 1] != '_';
}

/*
 * Whether reST reads @s as the plain text of a title, so that it is written as it is:
 * autosectionlabel makes a label of the title's source, and get_abi.pl writes its
 * titles unescaped. No markup character, no _ but inside a word, no colon (no URI),
 * nothing a list or an option could start with.
 */
static bool title_plain(const char *s)
{
	size_t len = strlen(s), word = strcspn(s, " ");

	if (!len || !rest_title_ok(s))
		return false;
	if (!g_ascii_isalnum(s[0]) && !strchr("$/\"'", s[0]) && strncmp(s, "...", 3) != 0)
		return false;
	if (strchr(".)", s[word - 1]))
		return false; /* "1." "a)": an enumerated list */
	if (s[0] == '/' &&
	    strspn(s + 1, "abcdefghijklmnopqrstuvwxyz"
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == word - 1)
		return false; /* "/V": an option list */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || strchr("*`|\\[]<>:", c))
			return false;
		if (c == '_' && ends_reference(s, i))
			return false;
	}
	return true;
}

/* A section title, underlined with '-' as get_abi.pl does. */
static void write_title(GString *out, const char *text)
{
	GString *line = g_string_new(NULL);
	char *clean = rest_clean(text, strlen(text));

	g_strdelimit(clean, "\n", ' ');
	if (title_plain(clean)) {
		g_string_append(line, clean);
	} else {
		/* escaped; and so is a first mark, which could start a list or a field
		 * (once: those rest_escape_text() escapes itself are left to it) */
		if (g_ascii_ispunct(clean[0]) && !strchr("\\*`_|<", clean[0]))
			g_string_append_c(line, '\\');
		rest_escape_text(line, clean, strlen(clean));
	}
	g_string_append_printf(out, "%s\n", line->str);
	/* as wide as the title's bytes: never fewer than the columns reST counts */
	for (size_t i = 0; i < line->len; i++)
		g_string_append_c(out, '-');
	g_string_append(out, "\n\n");
	g_string_free(line, TRUE);
	g_free(clean);
}

/*
 * The section an entry of @key is in, as get_abi.pl names it: "Symbols under" and the
 * first one or two components of the first What (/sys/class), else the What lines
 * themselves.
 */
static char *part_of(const char *key)
{
	size_t i = key[0] == '/', reps = 0;

	while (strchr(key, '/') && reps < 2) {
		size_t j = i;

		while (g_ascii_isalnum(key[j]) || key[j] == '_' || key[j] == '-')
			j++;
		if (j == i)
			break;
		i = j + (key[j] == '/');
		reps++;
	}
	if (!reps) {
		char **parts = g_strsplit(key, KEY_SEP, -1);
		char *all = g_strjoinv(", ", parts);

		g_strfreev(parts);
		return all;
	}
	if (key[i - 1] == '/')
		i--;
	return g_strdup_printf("Symbols under %.*s", (int)i, key);
}

/* ---- descriptions ---- */

/* The label of the entry whose one What is @path (@len bytes), or NULL. */
static const char *path_label(void *data, const char *path, size_t len)
{
	const struct kwriter *w = data;
	char *key = g_strndup(path, len);
	const struct group *g = g_hash_table_lookup(w->by_key, key);

	g_free(key);
	return g ? g->label : NULL;
}

static void write_text(struct kwriter *w, const char *clean)
{
	if (w->opt->rst_source)
		rest_kernel_rst(w->out, clean, path_label, w);
	else
		rest_kernel_plain(w->out, clean);
}

/* ---- text as written ---- */

static void raw_file_free(gpointer p)
{
	struct raw_file *rf = p;

	if (!rf)
		return;
	free(rf->buf);
	g_array_free(rf->lines, TRUE);
	g_free(rf);
}

/* @f's text, read again (once): NULL when it cannot be read now. */
static const struct raw_file *raw_of(struct kwriter *w, const struct abi_file *f)
{
	struct raw_file *rf;
	char *buf = NULL;
	size_t len = 0;

	if (g_hash_table_lookup_extended(w->raw, f, NULL, (gpointer *)&rf))
		return rf;
	rf = NULL;
	if (w->rootfd >= 0 && file_read_beneath(w->rootfd, f->path, BENEATH_NO_SYMLINKS,
						RAW_MAX, &buf, &len) == 0) {
		rf = g_new0(struct raw_file, 1);
		rf->buf = buf;
		rf->len = len;
		rf->lines = g_array_new(FALSE, FALSE, sizeof(size_t));
		for (size_t at = 0; at < len;) {
			const char *nl = memchr(buf + at, '\n', len - at);

			g_array_append_val(rf->lines, at);
			at = nl ? (size_t)(nl - buf) + 1 : len;
		}
	}
	g_hash_table_insert(w->raw, (gpointer)f, rf);
	return rf;
}

/* Line @no (from 1) of @rf, without its line break (and a CR before it), in *@len. */
static const char *raw_line(const struct raw_file *rf, unsigned int no, size_t *len)
{
	size_t start = g_array_index(rf->lines, size_t, no - 1);
	size_t end = no < rf->lines->len ? g_array_index(rf->lines, size_t, no) : rf->len;

	if (end > start && rf->buf[end - 1] == '\n')
		end--;
	if (end > start && rf->buf[end - 1] == '\r')
		end--;
	*len = end - start;
	return rf->buf + start;
}

/* Append @s (@len bytes), the rest of the line @out holds, with its tabs expanded as
 * get_abi.pl does: to stops of 8 columns, counted in bytes from the line's start. */
static void append_expanded(GString *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\t') {
			g_string_append_c(out, s[i]);
			continue;
		}
		do
			g_string_append_c(out, ' ');
		while (out->len % 8);
	}
}

/* The text of @f before its first entry: get_abi.pl shows it under the file's title. A
 * file that cannot be read again has none. */
static char *file_preamble(struct kwriter *w, const struct abi_file *f)
{
	const struct raw_file *rf = raw_of(w, f);
	unsigned int stop = f->n_entries ? f->entries[0]->line : UINT_MAX;
	size_t end, skip;
	char *clean;

	if (!rf)
		return NULL;
	end = stop - 1 < rf->lines->len ? g_array_index(rf->lines, size_t, stop - 1) :
					  rf->len;
	clean = rest_clean(rf->buf, end);
	/* the blank lines it starts with, dropped */
	skip = strspn(clean, "\n");
	memmove(clean, clean + skip, strlen(clean + skip) + 1);
	return clean;
}

/* The first entry of @e's file after @e, by line, or NULL. */
static const struct abi_entry *next_entry(const struct abi_entry *e)
{
	const struct abi_file *f = e->file;
	size_t lo = 0, hi = f->n_entries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->entries[mid]->line <= e->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->n_entries ? f->entries[lo] : NULL;
}

/* Where @e's description ends: at its next field, or its next What, or the next entry. */
static unsigned int description_end(const struct abi_entry *e, unsigned int start,
				    unsigned int end)
{
	const struct abi_text *fields[] = { &e->date, &e->kernel_version, &e->contact,
					    &e->users };
	const struct abi_entry *next;

	for (size_t k = 0; k < ARRAY_SIZE(fields); k++)
		if (fields[k]->str && fields[k]->line > start && fields[k]->line < end)
			end = fields[k]->line;
	for (size_t k = 0; k < e->n_whats; k++)
		if (e->whats[k].line > start && e->whats[k].line < end)
			end = e->whats[k].line;
	next = next_entry(e);
	if (next && next->line < end)
		end = next->line;
	return end;
}

/*
 * Where get_abi.pl says @e starts: at the first line after its What lines that starts
 * with a tag, any word and a colon (Date:, Description:, a tag it does not know), as
 * it reads tags; the line after the What lines when there is none.
 */
static unsigned int entry_line(struct kwriter *w, const struct abi_entry *e)
{
	const struct raw_file *rf = raw_of(w, e->file);
	const struct abi_entry *next = next_entry(e);
	unsigned int after = e->n_whats ? e->whats[e->n_whats - 1].line + 1 : e->line;
	unsigned int end = next ? next->line : UINT_MAX;

	for (unsigned int no = after; rf && no <= rf->lines->len && no < end; no++) {
		size_t len, word;
		const char *s = raw_line(rf, no, &len);

		for (word = 0; word < len && !g_ascii_isspace(s[word]); word++)
			;
		if (word && memchr(s + 1, ':', word - 1))
			return no;
	}
	return after;
}

/*
 * @e's description as get_abi.pl reads it, from the file as written: the text after
 * "Description:", then each line less as many columns as that text starts at (or, when
 * it is on the next line, as that line's starts at); from a line that is less indented,
 * the lines keep all their indentation. NULL when the file cannot be read again, or
 * the line sysabi read the description at is no "Description:": then sysabi's reading.
 */
static char *raw_description(struct kwriter *w, const struct abi_entry *e)
{
	static const char tag[] = "description:";
	const struct raw_file *rf;
	unsigned int start = e->description.line, end;
	GString *text, *line;
	ssize_t margin = -1; /* -1: not known yet */
	const char *s;
	size_t len;

	if (!e->description.str || !start || !(rf = raw_of(w, e->file)) ||
	    start > rf->lines->len)
		return NULL;
	s = raw_line(rf, start, &len);
	if (len < strlen(tag) || g_ascii_strncasecmp(s, tag, strlen(tag)) != 0)
		return NULL;
	end = description_end(e, start, rf->lines->len + 1);
	text = g_string_new(NULL);
	line = g_string_new(NULL);
	/* the tag as blanks, so that the first line's text keeps its column */
	g_string_append_len(line, "                ", (gssize)strlen(tag));
	append_expanded(line, s + strlen(tag), len - strlen(tag));
	if (strspn(line->str, " ") < line->len) {
		margin = (ssize_t)strspn(line->str, " ");
		g_string_append(text, line->str + margin);
		g_string_append_c(text, '\n');
	}
	for (unsigned int no = start + 1; no < end; no++) {
		size_t blanks;

		s = raw_line(rf, no, &len);
		g_string_truncate(line, 0);
		append_expanded(line, s, len);
		blanks = strspn(line->str, " ");
		if (blanks == line->len) {
			g_string_append_c(text, '\n');
			continue;
		}
		if (margin < 0)
			margin = (ssize_t)blanks;
		else if ((ssize_t)blanks < margin)
			margin = 0; /* from here on, as written */
		g_string_append(text,
				line->str + ((ssize_t)blanks < margin ? 0 : margin));
		g_string_append_c(text, '\n');
	}
	/* the blank lines up to the next field or entry are no part of it */
	while (text->len && text->str[text->len - 1] == '\n')
		g_string_truncate(text, text->len - 1);
	g_string_free(line, TRUE);
	return g_string_free(text, FALSE);
}

/* ---- entries and files ---- */

static void write_lineno(const struct kwriter *w, const struct abi_file *f,
			 unsigned int line)
{
	char *path;

	if (!w->opt->lineno)
		return;
	path = path_join(w->opt->dir, f->path);
	/* kernel_abi.py reads the path up to a blank: a name it would cut, or that is no
	 * text, gets no marker, and its lines count as the previous file's */
	if (path && g_utf8_validate(path, -1, NULL)) {
		bool ok = true;

		for (const char *p = path; *p; p++)
			ok &= (unsigned char)*p > 0x20 && *p != 0x7f;
		if (ok)
			g_string_append_printf(w->out, ".. LINENO %s#%u\n\n", path, line);
	}
	free(path);
}

/* The What lines an entry of @g shows: every entry's, each once. */
static GPtrArray *group_whats(const struct group *g)
{
	GPtrArray *whats = g_ptr_array_new_with_free_func(g_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < g->entries->len; i++) {
		const struct abi_entry *e = g_ptr_array_index(g->entries, i);

		for (size_t k = 0; k < e->n_whats; k++) {
			char *clean;

			if (!what_shown(&e->whats[k]))
				continue;
			clean = rest_clean(e->whats[k].text, what_len(&e->whats[k]));
			g_strdelimit(clean, "\n", ' ');
			if (!*clean || g_hash_table_contains(seen, clean)) {
				g_free(clean);
				continue;
			}
			g_hash_table_add(seen, clean);
			g_ptr_array_add(whats, clean);
		}
	}
	g_hash_table_destroy(seen);
	return whats;
}

/* The What lines in bold, in a grid table as get_abi.pl draws them; a line block when one
 * is not ASCII, as reST counts columns of such text in ways a table cannot be drawn for,
 * or when the table would be much larger than the text. */
static void write_names(const struct kwriter *w, GPtrArray *whats)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	size_t width = 0, total = 0;
	bool ascii = true;

	for (guint i = 0; i < whats->len; i++) {
		GString *cell = g_string_new("**");
		const char *s = g_ptr_array_index(whats, i);

		rest_escape_name(cell, s, strlen(s));
		g_string_append(cell, "**");
		for (const char *c = cell->str; *c; c++)
			ascii &= (unsigned char)*c < 0x80;
		width = MAX(width, cell->len);
		total += cell->len;
		g_ptr_array_add(cells, g_string_free(cell, FALSE));
	}
	if (!cells->len) {
		g_ptr_array_free(cells, TRUE);
		return;
	}
	/* a table pads each row to the longest: many short Whats and one long one would
	 * make the table ever so larger than its text */
	if (!ascii || width * cells->len > 4 * total + TABLE_SLACK) {
		for (guint i = 0; i < cells->len; i++)
			g_string_append_printf(w->out, "| %s\n",
					       (char *)g_ptr_array_index(cells, i));
		g_string_append_c(w->out, '\n');
		g_ptr_array_free(cells, TRUE);
		return;
	}
	g_string_append(w->out, "+-");
	for (size_t k = 0; k < width; k++)
		g_string_append_c(w->out, '-');
	g_string_append(w->out, "-+\n");
	for (guint i = 0; i < cells->len; i++) {
		const char *cell = g_ptr_array_index(cells, i);

		g_string_append_printf(w->out, "| %-*s |\n+-", (int)width, cell);
		for (size_t k = 0; k < width; k++)
			g_string_append_c(w->out, '-');
		g_string_append(w->out, "-+\n");
	}
	g_string_append_c(w->out, '\n');
	g_ptr_array_free(cells, TRUE);
}

static void write_users(const struct kwriter *w, const struct group *g)
{
	bool any = false;

	for (guint i = 0; i < g->entries->len; i++) {
		const struct abi_entry *e = g_ptr_array_index(g->entries, i);
		char *clean;

		if (!e->users.str)
			continue;
		clean = rest_clean(e->users.str, strlen(e->users.str));
		for (const char *p = clean; *p;) {
			const char *end = strchrnul(p, '\n');
			const char *s = p + strspn(p, " ");

			if (s < end) {
				g_string_append(w->out, any ? "\t" : "Users:\n\t");
				rest_escape_text(w->out, s, (size_t)(end - s));
				g_string_append_c(w->out, '\n');
				any = true;
			}
			p = *end ? end + 1 : end;
		}
		g_free(clean);
	}
	if (any)
		g_string_append_c(w->out, '\n');
}

static void write_group(struct kwriter *w, const struct group *g, char **part)
{
	const struct abi_entry *first = g_ptr_array_index(g->entries, 0);
	GPtrArray *whats = group_whats(g);
	GString *desc = g_string_new(NULL);
	char *cur = part_of(g->key), *clean;
	const struct abi_file *last_file = NULL;

	write_lineno(w, first->file, entry_line(w, first));
	if (strcmp(cur, *part) != 0) {
		write_title(w->out, cur);
		g_free(*part);
		*part = cur;
	} else {
		g_free(cur);
	}
	g_string_append_printf(w->out, ".. _%s:\n\n", g->label);
	write_names(w, whats);
	for (guint i = 0; i < g->entries->len; i++) {
		const struct abi_entry *e = g_ptr_array_index(g->entries, i);
		char *label;

		if (e->file == last_file)
			continue;
		last_file = e->file;
		label = file_label(w, e->file);
		g_string_append(w->out, "Defined on file :ref:`");
		rest_inline(w->out, e->file->name);
		g_string_append_printf(w->out, " <%s>`\n\n", label);
		g_free(label);
	}
	for (guint i = 0; i < g->entries->len; i++) {
		const struct abi_entry *e = g_ptr_array_index(g->entries, i);
		char *raw = raw_description(w, e);

		if (!raw && !e->description.str)
			continue;
		if (desc->len)
			g_string_append(desc, "\n\n");
		g_string_append(desc, raw ? raw : e->description.str);
		g_free(raw);
	}
	clean = rest_clean(desc->str, desc->len);
	if (clean[strspn(clean, "\n ")]) {
		write_text(w, clean);
	} else {
		g_string_append(w->out, "DESCRIPTION MISSING for ");
		for (guint i = 0; i < whats->len; i++) {
			const char *s = g_ptr_array_index(whats, i);

			if (i)
				g_string_append(w->out, ", ");
			rest_escape_text(w->out, s, strlen(s));
		}
		g_string_append(w->out, "\n\n");
	}
	write_users(w, g);
	g_free(clean);
	g_string_free(desc, TRUE);
	g_ptr_array_free(whats, TRUE);
}

static void write_file(struct kwriter *w, const struct abi_file *f)
{
	char *shown = file_shown(w, f), *title = g_strconcat("File ", shown, NULL);
	char *label = file_label(w, f), *pre = file_preamble(w, f);
	bool listed = false;

	write_lineno(w, f, 1);
	g_string_append_printf(w->out, ".. _%s:\n\n", label);
	write_title(w->out, title);
	if (pre && *pre)
		write_text(w, pre);
	for (size_t i = 0; i < f->n_entries; i++) {
		const struct abi_entry *e = f->entries[i];
		const struct group *g = g_hash_table_lookup(w->of_entry, e);

		if (!g)
			continue;
		for (size_t k = 0; k < e->n_whats; k++) {
			char *clean;

			if (!what_shown(&e->whats[k]))
				continue;
			clean = rest_clean(e->whats[k].text, what_len(&e->whats[k]));
			g_strdelimit(clean, "\n", ' ');
			if (*clean) {
				if (!listed)
					g_string_append(w->out,
							"Has the following ABI:\n\n");
				listed = true;
				g_string_append(w->out, "- :ref:`");
				rest_escape_name(w->out, clean, strlen(clean));
				g_string_append_printf(w->out, " <%s>`\n\n", g->label);
			}
			g_free(clean);
		}
	}
	g_free(pre);
	g_free(label);
	g_free(title);
	g_free(shown);
}

/* ---- the document ---- */

static void group_free(gpointer p)
{
	struct group *g = p;

	g_free(g->key);
	g_free(g->label);
	g_ptr_array_free(g->entries, TRUE);
	g_free(g);
}

/* get_abi.pl's key: the entry's What lines, without those continuing one on the next
 * line, which the script does not read as What lines. */
static char *entry_key(const struct abi_entry *e)
{
	GString *key = g_string_new(NULL);

	for (size_t k = 0; k < e->n_whats; k++) {
		if (e->whats[k].continuation)
			continue;
		if (key->len)
			g_string_append(key, KEY_SEP);
		g_string_append_len(key, e->whats[k].text,
				    (gssize)what_len(&e->whats[k]));
	}
	if (!key->len) {
		g_string_free(key, TRUE);
		return NULL;
	}
	return g_string_free(key, FALSE);
}

static gint by_key(gconstpointer a, gconstpointer b)
{
	const struct group *ga = *(const struct group *const *)a;
	const struct group *gb = *(const struct group *const *)b;

	return strcmp(ga->key, gb->key);
}

static gint by_shown(gconstpointer a, gconstpointer b)
{
	const struct abi_file *fa = *(const struct abi_file *const *)a;
	const struct abi_file *fb = *(const struct abi_file *const *)b;

	return strcmp(fa->path, fb->path);
}

/* Entries with the same key made one group, groups sorted, labels given in that order. */
static void make_groups(struct kwriter *w)
{
	GHashTable *used = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *keys = g_hash_table_new(g_str_hash, g_str_equal);

	for (size_t i = 0; i < w->tree->n_entries; i++) {
		const struct abi_entry *e = w->tree->entries[i];
		char *key = entry_key(e);
		struct group *g;

		if (!key)
			continue;
		g = g_hash_table_lookup(keys, key);
		if (!g) {
			g = g_new0(struct group, 1);
			g->key = key;
			for (size_t k = 0; k < e->n_whats && !g->first; k++)
				if (!e->whats[k].continuation)
					g->first = &e->whats[k];
			g->entries = g_ptr_array_new();
			g_hash_table_insert(keys, g->key, g);
			g_ptr_array_add(w->groups, g);
		} else {
			g_free(key);
		}
		g_ptr_array_add(g->entries, (gpointer)e);
		g_hash_table_insert(w->of_entry, (gpointer)e, g);
	}
	g_hash_table_destroy(keys);
	g_ptr_array_sort(w->groups, by_key);
	for (guint i = 0; i < w->groups->len; i++) {
		struct group *g = g_ptr_array_index(w->groups, i);
		char *base = what_label(g->first->text, what_len(g->first));

		g->label = g_strdup(base);
		for (unsigned int n = 2; g_hash_table_contains(used, g->label); n++) {
			g_free(g->label);
			g->label = g_strdup_printf("%s-%u", base, n);
		}
		g_free(base);
		g_hash_table_add(used, g->label);
		if (!strstr(g->key, KEY_SEP))
			g_hash_table_insert(w->by_key, g->key, g);
	}
	g_hash_table_destroy(used);
}

/* "stable/" when the tree's root is the directory of one level, as kernel_abi.py names
 * it; the files' paths are then below it. */
static char *level_dir_of(const char *root)
{
	char *canon = g_canonicalize_filename(root, NULL);
	char *base = g_path_get_basename(canon);
	char *dir = NULL;

	for (int l = 0; l < ABI_LEVEL_COUNT; l++)
		if (strcmp(base, abi_level_name((enum abi_level)l)) == 0)
			dir = g_strconcat(base, "/", NULL);
	g_free(base);
	g_free(canon);
	return dir ? dir : g_strdup("");
}

int rest_kernel_write(const struct abi_tree *tree, const struct rest_kernel_options *opt,
		      GString *out)
{
	struct kwriter w = {
		.tree = tree,
		.opt = opt,
		.out = out,
		.groups = g_ptr_array_new_with_free_func(group_free),
		.by_key = g_hash_table_new(g_str_hash, g_str_equal),
		.of_entry = g_hash_table_new(g_direct_hash, g_direct_equal),
		.level_dir = level_dir_of(tree->root),
		.rootfd = open(tree->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC),
		.raw = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					     raw_file_free),
	};
	GPtrArray *files = g_ptr_array_new();
	char *part = g_strdup("");

	make_groups(&w);
	for (guint i = 0; i < w.groups->len; i++)
		write_group(&w, g_ptr_array_index(w.groups, i), &part);
	for (size_t i = 0; i < tree->n_files; i++)
		g_ptr_array_add(files, tree->files[i]);
	g_ptr_array_sort(files, by_shown);
	for (guint i = 0; i < files->len; i++)
		write_file(&w, g_ptr_array_index(files, i));

	g_ptr_array_free(files, TRUE);
	g_free(part);
	if (w.rootfd >= 0)
		close(w.rootfd);
	g_free(w.level_dir);
	g_hash_table_destroy(w.raw);
	g_hash_table_destroy(w.of_entry);
	g_hash_table_destroy(w.by_key);
	g_ptr_array_free(w.groups, TRUE);
	return 0;
}
