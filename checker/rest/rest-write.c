// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reST document of an ABI tree: a section per stability level, in it a section per
 * file, in it the entries sorted by What. Each entry is a container under its label:
 * its What lines, its level and file:line, the other fields as line blocks, and its
 * description as a parsed-literal block in which paths that other entries document
 * link to them.
 */
#include <stdlib.h>
#include <string.h>

#include "rest.h"

/* Inside an entry's container, and inside the description's directive. */
#define ENTRY_INDENT "   "
#define DESC_INDENT "      "

struct writer {
	const struct abi_tree *tree;
	const struct rest_options *opt;
	bool *shown;
	struct rest_labels labels;
	struct rest_xref *xref;
	GString *out;
	int err; /* the first error, -ENOMEM: rest_write() returns it */
};

/* What each level promises, from the kernel's Documentation/ABI/README. */
static const struct {
	const char *title, *promise;
} levels[] = {
	[ABI_LEVEL_STABLE] = { "Stable",
			       "Interfaces the developers have defined to be stable: userspace may use them "
			       "without restriction, and they stay backward compatible for at least two "
			       "years." },
	[ABI_LEVEL_TESTING] = { "Testing",
				"Interfaces felt to be stable: they may grow, and break only for grave errors "
				"or security problems. Programs that use them should add their name to the "
				"Users field." },
	[ABI_LEVEL_OBSOLETE] = { "Obsolete",
				 "Interfaces still in the kernel and marked to be removed: each description "
				 "says why, and when." },
	[ABI_LEVEL_REMOVED] = { "Removed",
				"Interfaces removed from the kernel, kept as a record." },
	[ABI_LEVEL_NONE] = { "Outside the levels",
			     "Files outside the four directories of stability levels." },
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\n';
}

/* A path may follow a blank, an opening bracket or quote, or a reST literal's backquote. */
static bool path_may_follow(char c)
{
	return is_blank(c) || strchr("([{<\"'`=", c);
}

/* Where a path that starts at @s[0] ends: at a blank or quote, or at a comma or
 * semicolon outside {}, [] and <> (`{bind,unbind}` is one path). */
static size_t path_len(const char *s, size_t len)
{
	size_t i, depth = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (is_blank(c) || strchr("\"'`()", c))
			break;
		if (strchr("<[{", c))
			depth++;
		else if (strchr(">]}", c) && depth)
			depth--;
		else if ((c == ',' || c == ';') && !depth)
			break;
	}
	return i;
}

/* The entry the path at @s means, trying it without a sentence's punctuation too.
 * NULL, with w->err set, on errors. */
static const struct abi_entry *mentioned(struct writer *w, const struct abi_entry *self,
					 const char *s, size_t *len)
{
	/* after an error the document is lost: no more lookups */
	while (*len > 1 && !w->err) {
		const struct abi_entry *e;
		int r = rest_xref_find(w->xref, s, *len, self, &e);

		if (r < 0) {
			w->err = r;
			return NULL;
		}
		if (e)
			return e;
		if (!strchr(".,:;!?>]}", s[*len - 1]))
			break;
		(*len)--;
	}
	return NULL;
}

/* One line of a description, escaped, with a link for each path another entry documents. */
static void write_desc_line(struct writer *w, const struct abi_entry *self, const char *s,
			    size_t len)
{
	size_t done = 0, i = 0;

	while (i < len) {
		const struct abi_entry *target;
		size_t n;

		if (s[i] != '/' || (i > 0 && !path_may_follow(s[i - 1]))) {
			i++;
			continue;
		}
		n = path_len(s + i, len - i);
		target = mentioned(w, self, s + i, &n);
		if (!target) {
			i += n ? n : 1;
			continue;
		}
		rest_escape_text(w->out, s + done, i - done);
		/* escaped blanks join a role to the text around it, and show as nothing */
		if (i > 0 && !is_blank(s[i - 1]))
			g_string_append(w->out, "\\ ");
		g_string_append(w->out, ":ref:`");
		rest_escape(w->out, s + i, n);
		g_string_append_printf(w->out, " <%s>`",
				       w->labels.entries[target->index]);
		i += n;
		if (i < len && !is_blank(s[i]))
			g_string_append(w->out, "\\ ");
		done = i;
	}
	rest_escape_text(w->out, s + done, len - done);
}

static void write_description(struct writer *w, const struct abi_entry *e)
{
	char *text;
	const char *line;

	text = e->description.str ?
		       rest_clean(e->description.str, strlen(e->description.str)) :
		       NULL;
	if (!text || !*text) {
		g_string_append(w->out, ENTRY_INDENT "*No description.*\n\n");
		g_free(text);
		return;
	}
	g_string_append(w->out, ENTRY_INDENT ".. parsed-literal::\n\n");
	for (line = text; *line;) {
		const char *end = strchrnul(line, '\n');

		if (end > line) {
			g_string_append(w->out, DESC_INDENT);
			write_desc_line(w, e, line, (size_t)(end - line));
		}
		g_string_append_c(w->out, '\n');
		line = *end ? end + 1 : end;
	}
	g_string_append_c(w->out, '\n');
	g_free(text);
}

static void write_field(struct writer *w, const char *name, const struct abi_text *t)
{
	char *indent;

	if (!t->str || !*t->str)
		return;
	/* the lines of a field body line up after the field's name */
	indent = g_strdup_printf(ENTRY_INDENT "%*s", (int)strlen(name) + 3, "");
	g_string_append_printf(w->out, ENTRY_INDENT ":%s: ", name);
	rest_line_block(w->out, indent, t->str);
	g_free(indent);
}

static void write_entry(struct writer *w, const struct abi_entry *e)
{
	char *where = g_strdup_printf("%s:%u", e->file->path, e->line);

	g_string_append_printf(w->out, ".. _%s:\n\n", w->labels.entries[e->index]);
	g_string_append(w->out, ".. container:: sysabi-entry\n\n");
	g_string_append(w->out, ENTRY_INDENT ".. container:: sysabi-whats\n\n");
	for (size_t i = 0; i < e->n_whats; i++) {
		g_string_append(w->out, DESC_INDENT "| :literal:`");
		rest_inline(w->out, e->whats[i].text);
		g_string_append(w->out, "`\n");
	}
	if (!e->n_whats)
		g_string_append(w->out, DESC_INDENT "| *No What line.*\n");
	g_string_append(w->out, "\n");
	g_string_append_printf(w->out, ENTRY_INDENT ":Level: %s\n",
			       abi_level_name(e->level));
	g_string_append(w->out, ENTRY_INDENT ":Source: :literal:`");
	rest_inline(w->out, where);
	g_string_append(w->out, "`\n");
	write_field(w, "Date", &e->date);
	write_field(w, "KernelVersion", &e->kernel_version);
	write_field(w, "Contact", &e->contact);
	write_field(w, "Users", &e->users);
	g_string_append_c(w->out, '\n');
	write_description(w, e);
	g_free(where);
}

/* Entries in the order of their first What; two with the same What in line order. */
static int cmp_entries(const void *a, const void *b)
{
	const struct abi_entry *x = *(const struct abi_entry *const *)a;
	const struct abi_entry *y = *(const struct abi_entry *const *)b;
	int r = strcmp(x->n_whats ? x->whats[0].text : "",
		       y->n_whats ? y->whats[0].text : "");

	return r ? r : (x->line > y->line) - (x->line < y->line);
}

static size_t shown_in_file(const struct writer *w, const struct abi_file *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n_entries; i++)
		n += w->shown[f->entries[i]->index];
	return n;
}

static void write_file(struct writer *w, size_t fi)
{
	const struct abi_file *f = w->tree->files[fi];
	const struct abi_entry **sorted =
		g_new(const struct abi_entry *, f->n_entries + 1);
	size_t n = 0;

	for (size_t i = 0; i < f->n_entries; i++)
		if (w->shown[f->entries[i]->index])
			sorted[n++] = f->entries[i];
	qsort(sorted, n, sizeof(*sorted), cmp_entries);

	g_string_append_printf(w->out, ".. _%s:\n\n", w->labels.files[fi]);
	rest_title(w->out, '-', f->path);
	g_string_append_printf(w->out, "%zu %s.\n\n", n, n == 1 ? "entry" : "entries");
	for (size_t i = 0; i < n; i++)
		write_entry(w, sorted[i]);
	g_free(sorted);
}

/* A line of links to the files of a level, to find one on a long page. */
static void write_file_list(struct writer *w, enum abi_level level)
{
	const char *dir = abi_level_name(level);
	size_t line = w->out->len;

	g_string_append(w->out, ".. container:: sysabi-files\n\n   Files:");
	for (size_t i = 0, n = 0; i < w->tree->n_files; i++) {
		const struct abi_file *f = w->tree->files[i];
		const char *name = f->path;

		if (f->level != level || !shown_in_file(w, f))
			continue;
		if (g_str_has_prefix(name, dir) && name[strlen(dir)] == '/')
			name += strlen(dir) + 1;
		g_string_append(w->out, n++ ? "," : "");
		/* lines of a paragraph may be long; short ones read better in the .rst */
		if (w->out->len - line > 80) {
			g_string_append(w->out, "\n   ");
			line = w->out->len;
		} else {
			g_string_append_c(w->out, ' ');
		}
		g_string_append(w->out, ":ref:`");
		rest_inline(w->out, name);
		g_string_append_printf(w->out, " <%s>`", w->labels.files[i]);
	}
	g_string_append(w->out, ".\n\n");
}

static void write_level(struct writer *w, enum abi_level level)
{
	size_t files = 0, entries = 0;

	for (size_t i = 0; i < w->tree->n_files; i++) {
		size_t n = w->tree->files[i]->level == level ?
				   shown_in_file(w, w->tree->files[i]) :
				   0;

		files += n > 0;
		entries += n;
	}
	if (!entries)
		return;
	g_string_append_printf(w->out, ".. _%s-level-%s:\n\n", w->opt->label_prefix,
			       abi_level_name(level));
	rest_title(w->out, '=', levels[level].title);
	g_string_append_printf(w->out, "%s %zu %s in %zu %s.\n\n", levels[level].promise,
			       entries, entries == 1 ? "entry" : "entries", files,
			       files == 1 ? "file" : "files");
	write_file_list(w, level);
	for (size_t i = 0; i < w->tree->n_files; i++)
		if (w->tree->files[i]->level == level &&
		    shown_in_file(w, w->tree->files[i]))
			write_file(w, i);
}

static void write_head(struct writer *w)
{
	size_t entries = 0, whats = 0, files = 0;
	char *title = NULL;

	for (size_t i = 0; i < w->tree->n_files; i++)
		files += shown_in_file(w, w->tree->files[i]) > 0;
	for (size_t i = 0; i < w->tree->n_entries; i++) {
		entries += w->shown[i];
		whats += w->shown[i] ? w->tree->entries[i]->n_whats : 0;
	}
	g_string_append(w->out, ".. Written by sysabi rest from ");
	rest_inline(w->out, w->tree->root);
	g_string_append(w->out, ".\n\n");
	if (!w->opt->title)
		title = w->tree->kernel_version ?
				g_strdup_printf("The ABI of Linux %s",
						w->tree->kernel_version) :
				g_strdup_printf("The ABI documented in %s",
						w->tree->root);
	if (!w->opt->title || *w->opt->title)
		rest_title(w->out, '#', title ? title : w->opt->title);
	g_string_append_printf(w->out, "%zu %s with %zu What %s, in %zu %s", entries,
			       entries == 1 ? "entry" : "entries", whats,
			       whats == 1 ? "line" : "lines", files,
			       files == 1 ? "file" : "files");
	if (w->opt->one_level)
		g_string_append_printf(w->out, " (%s only)",
				       abi_level_name(w->opt->level));
	g_string_append(w->out, ". Each entry gives its stability level and the file and "
				"line it comes from, below the ABI directory.\n\n");
	/* descriptions are plain text: Sphinx would colour the ones without links */
	g_string_append(w->out, ".. highlight:: none\n\n");
	g_free(title);
}

int rest_write(const struct abi_tree *tree, const struct rest_options *opt, GString *out)
{
	struct writer w = { .tree = tree, .opt = opt, .out = out };
	int r;

	w.shown = g_new0(bool, tree->n_entries + 1);
	for (size_t i = 0; i < tree->n_entries; i++)
		w.shown[i] = !opt->one_level || tree->entries[i]->level == opt->level;
	r = rest_xref_new(tree, w.shown, &w.xref);
	if (r < 0) {
		g_free(w.shown);
		return r;
	}
	rest_labels_init(&w.labels, tree, w.shown, opt->label_prefix);

	write_head(&w);
	for (int level = 0; level <= ABI_LEVEL_NONE; level++)
		write_level(&w, (enum abi_level)level);

	rest_labels_release(&w.labels);
	rest_xref_free(w.xref);
	g_free(w.shown);
	return w.err;
}
