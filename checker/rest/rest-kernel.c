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
 * Descriptions are reST, as the kernel writes them and the script passes them on, with
 * its changes: section adornments dropped, Documentation/X.rst a :doc:, a path that
 * an entry documents a :ref: to it. What the kernel's text could do beyond showing text
 * is taken away: a directive that reads a file or runs code (include, raw, ifconfig,
 * kernel-doc...) is shown as text, :download: becomes :file:, a URI of a scheme other
 * than http, https, ftp and mailto links nowhere, and no line of a description can be
 * read as a .. LINENO marker. Every other piece of text (Whats, file names, Users) is
 * escaped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/beneath.h"
#include "common/file-read.h"
#include "common/macro.h"
#include "rest.h"

/* The most of a file read for the text before its first entry. */
#define PREAMBLE_MAX (64u << 10)
/* get_abi.pl's separator of the What lines of one entry, in its keys and sort order */
#define KEY_SEP "\xac"

struct group {
	char *key;          /* the What lines, KEY_SEP between them */
	char *label;        /* abi_... */
	GPtrArray *entries; /* const struct abi_entry *, in tree order */
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
		/* escaped; and so is a first mark, which could start a list */
		if (g_ascii_ispunct(clean[0]) && clean[0] != '\\' && clean[0] != ':')
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

/* Whether @list, words between blanks (" a b c "), holds @s (@len bytes), in any case. */
static bool in_list(const char *list, const char *s, size_t len)
{
	for (const char *p = list; (p = strchr(p, ' ')) && p[1]; p++) {
		if (g_ascii_strncasecmp(p + 1, s, len) == 0 && p[1 + len] == ' ' &&
		    !memchr(s, ' ', len))
			return true;
	}
	return false;
}

/* Directives that only show text. Any other (include, raw, ifconfig, kernel-doc, image:
 * they read files or run code) is shown as text. */
static bool directive_allowed(const char *name, size_t len)
{
	static const char allowed[] =
		" admonition attention caution danger error hint important note tip "
		" warning seealso versionadded versionchanged deprecated code-block code "
		" sourcecode highlight rubric topic table list-table flat-table "
		" parsed-literal container math replace unicode date ";

	return in_list(allowed, name, len);
}

/* Directives whose body is literal text, not reST. */
static bool directive_literal(const char *name, size_t len)
{
	return in_list(" code-block code sourcecode math ", name, len);
}

/*
 * The directive that @s (a line, leading blanks skipped) starts, "name" of
 * ".. name::" or ".. |sub| name::", in *@name and *@len; false when it starts none.
 */
static bool directive_of(const char *s, const char **name, size_t *len)
{
	const char *p;

	if (strncmp(s, "..", 2) != 0 || (s[2] != ' ' && s[2] != '\t'))
		return false;
	p = s + 2;
	p += strspn(p, " \t");
	if (*p == '|') {
		const char *bar = strchr(p + 1, '|');

		if (!bar)
			return false;
		p = bar + 1;
		p += strspn(p, " \t");
	}
	*name = p;
	while (g_ascii_isalnum(*p) || strchr("-_.:+", *p)) {
		if (p[0] == ':' && p[1] == ':')
			break;
		p++;
	}
	*len = (size_t)(p - *name);
	return *len && p[0] == ':' && p[1] == ':';
}

static bool is_word(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Documentation/X.rst as :doc:`/X`, as get_abi.pl does, but never Documentation/devicetree. */
static void link_docs(GString *line)
{
	static const char doc[] = "Documentation/";
	size_t i = 0;

	while (i < line->len) {
		const char *at = strstr(line->str + i, doc);
		size_t start, run, end = 0;

		if (!at)
			return;
		start = (size_t)(at - line->str);
		i = start + 1;
		if (strncmp(at + strlen(doc), "devicetree", 10) == 0)
			continue;
		run = start + strlen(doc);
		while (run < line->len && !is_space(line->str[run]))
			run++;
		/* the last ".rst" of the run, with something before it */
		for (size_t k = run; k >= start + strlen(doc) + 5; k--) {
			if (memcmp(line->str + k - 4, ".rst", 4) == 0) {
				end = k;
				break;
			}
		}
		if (!end)
			continue;
		{
			size_t name = start + strlen(doc);
			char *target = g_strndup(line->str + name, end - 4 - name);
			char *role;

			/* a name that would break the role stays text */
			if (strpbrk(target, "`<>\\")) {
				g_free(target);
				continue;
			}
			role = g_strdup_printf(":doc:`/%s`", target);
			g_string_erase(line, (gssize)start, (gssize)(end - start));
			g_string_insert(line, (gssize)start, role);
			i = start + strlen(role);
			g_free(role);
			g_free(target);
		}
	}
}

/* Documentation/ABI/LEVEL/FILE as a :ref: to the file's label. */
static void link_abi_files(GString *line)
{
	static const char abi[] = "Documentation/ABI/";
	size_t i = 0;

	while (i < line->len) {
		const char *at = strstr(line->str + i, abi);
		size_t start, name, end;

		if (!at)
			return;
		start = (size_t)(at - line->str);
		i = start + 1;
		if (start && is_word(line->str[start - 1]))
			continue;
		name = end = start + strlen(abi);
		while (end < line->len &&
		       (is_word(line->str[end]) || line->str[end] == '/' ||
			line->str[end] == '-'))
			end++;
		if (end == name || !is_word(line->str[end - 1]))
			continue;
		{
			char *f = g_strndup(line->str + name, end - name);
			const char *last = strrchr(f, '/'), *from = f;
			GString *role = g_string_new(NULL);

			if (last)
				for (from = last; from > f && from[-1] != '/'; from--)
					;
			g_string_append_printf(role, ":ref:`%s <abi_file_", f);
			for (const char *p = from; *p; p++)
				g_string_append_c(role,
						  *p == '/' || *p == '-' ? '_' : *p);
			g_string_append(role, ">`");
			g_string_erase(line, (gssize)start, (gssize)(end - start));
			g_string_insert(line, (gssize)start, role->str);
			i = start + role->len;
			g_string_free(role, TRUE);
			g_free(f);
		}
	}
}

/* A path an entry of this document has as its one What, after a blank or '(', as a
 * :ref: to the entry. */
static void link_paths(const struct kwriter *w, GString *line)
{
	static const char *const roots[] = { "/sys/", "/config/", "/proc/", "/dev/",
					     "/kvd/" };
	size_t i = 0;

	for (; i < line->len; i++) {
		const struct group *g;
		size_t end, k;
		char *path;

		if (line->str[i] != '/' ||
		    (i && !is_space(line->str[i - 1]) && line->str[i - 1] != '('))
			continue;
		for (k = 0; k < ARRAY_SIZE(roots); k++)
			if (strncmp(line->str + i, roots[k], strlen(roots[k])) == 0)
				break;
		if (k == ARRAY_SIZE(roots))
			continue;
		end = i + strlen(roots[k]);
		while (end < line->len && !is_space(line->str[end]) &&
		       !strchr(",.:;)", line->str[end]))
			end++;
		if (end == i + strlen(roots[k]))
			continue;
		path = g_strndup(line->str + i, end - i);
		g = g_hash_table_lookup(w->by_key, path);
		if (g) {
			GString *role = g_string_new(":ref:`");

			rest_escape(role, path, strlen(path));
			g_string_append_printf(role, " <%s>`", g->label);
			g_string_erase(line, (gssize)i, (gssize)(end - i));
			g_string_insert(line, (gssize)i, role->str);
			end = i + role->len;
			g_string_free(role, TRUE);
		}
		g_free(path);
		i = end - 1;
	}
}

/*
 * The schemes docutils makes a link of without any markup (docutils.utils.urischemes),
 * but http, https, ftp and mailto: javascript:, data:, file: and the like, which a click
 * on the page would run or open.
 */
static bool scheme_linked(const char *s, size_t len)
{
	static const char schemes[] =
		" about acap addbook afp afs aim callto castanet chttp cid crid data dav "
		" dict dns eid fax feed file finger freenet go gopher gsm-sms h323 h324 "
		" hdl hnews hydra iioploc ilu im imap info ior ipp irc iris.beep iseek "
		" jar javascript jdbc ldap lifn livescript lrq mailbox mailserver md5 "
		" mid mocha modem mtqp mupdate news nfs nntp opaquelocktoken phone pop "
		" pop3 pres printer prospero rdar res rtsp rvp rwhois rx sdp service "
		" shttp sip sips smb snews snmp soap.beep soap.beeps ssh t120 tag tcp "
		" tel telephone telnet tftp tip tn3270 tv urn uuid vemmi videotex "
		" view-source wais whodp whois++ x-man-page xmlrpc.beep xmlrpc.beeps "
		" z39.50r z39.50s ";

	return in_list(schemes, s, len);
}

/*
 * The colon after a scheme of scheme_linked(), outside inline literals, when a URI
 * follows: escaped in running text, where it then shows as a colon and links nowhere,
 * and %3A inside <...> and in a hyperlink target, where docutils would drop an escape.
 * Other colons are left alone: an added character would break a table.
 */
static void defuse_schemes(GString *line)
{
	bool literal = false, angle = false;
	size_t i = 0;
	const char *s = line->str + strspn(line->str, " ");
	bool target = strncmp(s, ".. _", 4) == 0;

	for (; i < line->len; i++) {
		char c = line->str[i];
		size_t start = i;
		bool letter = false;

		if (c == '`' && i + 1 < line->len && line->str[i + 1] == '`') {
			literal = !literal;
			i++;
			continue;
		}
		if (literal)
			continue;
		if (c == '<')
			angle = true;
		else if (c == '>')
			angle = false;
		if (c != ':' || i + 1 >= line->len)
			continue;
		/* something of a URI after it, letters, digits and .+- before it */
		if (!g_ascii_isalnum(line->str[i + 1]) &&
		    !strchr("/%?#[", line->str[i + 1]))
			continue;
		while (start > 0 && (g_ascii_isalnum(line->str[start - 1]) ||
				     strchr(".+-", line->str[start - 1]))) {
			letter |= g_ascii_isalpha(line->str[start - 1]);
			start--;
		}
		if (!letter || (start > 0 && line->str[start - 1] == '\\'))
			continue;
		/* a role's name, :name:`...`, is no scheme */
		if (start > 0 && line->str[start - 1] == ':')
			continue;
		if (!scheme_linked(line->str + start, i - start))
			continue;
		if (angle || target) {
			g_string_erase(line, (gssize)i, 1);
			g_string_insert(line, (gssize)i, "%3A");
			i += 2;
		} else {
			g_string_insert_c(line, (gssize)i, '\\');
			i++;
		}
	}
}

/* A directive of @line (at @indent) shown as text: its ".." escaped, and the rest, as
 * "|name|" would now be a substitution's reference. */
static void defuse_directive(GString *line, size_t indent)
{
	char *rest = g_strdup(line->str + indent + 2);

	g_string_truncate(line, indent);
	g_string_append(line, "\\..");
	rest_escape_text(line, rest, strlen(rest));
	g_free(rest);
}

/* :download: copies the file it names into the output: shown as a file name instead. */
static void defuse_roles(GString *line)
{
	static const char download[] = ":download:`";
	const char *at;
	size_t i = 0;

	while ((at = strstr(line->str + i, download))) {
		i = (size_t)(at - line->str);
		g_string_erase(line, (gssize)i, (gssize)strlen(download));
		g_string_insert(line, (gssize)i, ":file:`");
		i += strlen(":file:`");
	}
}

/* The blanks a line starts with. */
static size_t indent_of(const char *s)
{
	return strspn(s, " ");
}

/*
 * A description (or the text before a file's first entry) as reST, as get_abi.pl passes
 * it on: adornment lines dropped, links added outside literal blocks.
 */
static void write_rst(const struct kwriter *w, const char *clean)
{
	GString *text = g_string_new(clean);
	GString *line = g_string_new(NULL);
	int literal_indent = -1; /* get_abi.pl's own: after "text::" no links */
	ssize_t block = -1;      /* the indentation of a literal block's opening line */
	const char *p;

	g_string_append_c(text, '\n');
	/* "\n====\n" and the like: a title's adornment, dropped */
	for (size_t i = 0; (p = strchr(text->str + i, '\n'));) {
		size_t at = (size_t)(p - text->str), n = strspn(p + 1, "-*=^~");

		if (n && p[1 + n] == '\n') {
			g_string_erase(text, (gssize)at + 1, (gssize)n);
			i = at + 2;
		} else {
			i = at + 1;
		}
	}
	for (p = text->str; *p;) {
		const char *end = strchrnul(p, '\n');
		size_t indent = indent_of(p);
		bool blank = p + indent == end;
		int spaces = indent ||
			     blank; /* get_abi.pl counts a line as indented or not */
		bool in_block, raw = false;
		const char *name;
		size_t name_len;

		g_string_truncate(line, 0);
		g_string_append_len(line, p, end - p);

		/* a literal block, by reST's rule: what is more indented, and blank lines */
		in_block = block >= 0 && (blank || (ssize_t)indent > block);
		if (!in_block)
			block = -1;

		if (literal_indent >= 0) {
			if (spaces > literal_indent)
				raw = true;
			else
				literal_indent = -1;
		} else if (end - p >= 2 && end[-1] == ':' && end[-2] == ':' &&
			   strncmp(p + indent, "..", 2) != 0) {
			literal_indent = spaces;
		}

		if (!in_block) {
			if (directive_of(line->str + indent, &name, &name_len)) {
				if (!directive_allowed(name, name_len))
					defuse_directive(line, indent);
				else if (directive_literal(name, name_len))
					block = (ssize_t)indent;
			} else if (line->len >= 2 &&
				   !strcmp(line->str + line->len - 2, "::")) {
				block = (ssize_t)indent;
			}
			if (!indent && strncmp(line->str, ".. LINENO", 9) == 0)
				g_string_insert_c(line, 0, '\\');
			if (!raw) {
				link_docs(line);
				link_abi_files(line);
				link_paths(w, line);
			}
			defuse_roles(line);
			defuse_schemes(line);
		}
		g_string_append_len(w->out, line->str, line->len);
		g_string_append_c(w->out, '\n');
		p = *end ? end + 1 : end;
	}
	g_string_append(w->out, "\n\n");
	g_string_free(line, TRUE);
	g_string_free(text, TRUE);
}

/* --no-rst-source: text that may not be reST, shown as written. */
static void write_plain(const struct kwriter *w, const char *clean)
{
	const char *s = clean + strspn(clean, " \n");
	bool block = strstr(s, ":\n") || strstr(s, "\n ");

	if (block) {
		g_string_append(w->out, "::\n\n");
		for (const char *p = s; *p;) {
			const char *end = strchrnul(p, '\n');

			if (end > p)
				g_string_append_printf(w->out, " %.*s", (int)(end - p),
						       p);
			g_string_append_c(w->out, '\n');
			p = *end ? end + 1 : end;
		}
		g_string_append(w->out, "\n");
	} else {
		rest_escape_text(w->out, s, strlen(s));
		g_string_append(w->out, "\n\n");
	}
}

static void write_text(const struct kwriter *w, const char *clean)
{
	if (w->opt->rst_source)
		write_rst(w, clean);
	else
		write_plain(w, clean);
}

/* ---- entries and files ---- */

static void write_lineno(const struct kwriter *w, const struct abi_file *f,
			 unsigned int line)
{
	char *path;

	if (!w->opt->lineno)
		return;
	path = g_strdup_printf("%s/%s", w->opt->dir, f->path);
	/* kernel_abi.py reads the path up to a blank: a name it would cut, or that is no
	 * text, gets no marker, and its lines count as the previous file's */
	if (g_utf8_validate(path, -1, NULL)) {
		bool ok = true;

		for (const char *p = path; *p; p++)
			ok &= (unsigned char)*p > 0x20 && *p != 0x7f;
		if (ok)
			g_string_append_printf(w->out, ".. LINENO %s#%u\n\n", path, line);
	}
	g_free(path);
}

/* The What lines an entry of @g shows: every entry's, each once. */
static GPtrArray *group_whats(const struct group *g)
{
	GPtrArray *whats = g_ptr_array_new_with_free_func(g_free);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < g->entries->len; i++) {
		const struct abi_entry *e = g_ptr_array_index(g->entries, i);

		for (size_t k = 0; k < e->n_whats; k++) {
			char *clean =
				rest_clean(e->whats[k].text, what_len(&e->whats[k]));

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
 * is not ASCII, as reST counts columns of such text in ways a table cannot be drawn for. */
static void write_names(const struct kwriter *w, GPtrArray *whats)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	size_t width = 0;
	bool ascii = true;

	for (guint i = 0; i < whats->len; i++) {
		GString *cell = g_string_new("**");
		const char *s = g_ptr_array_index(whats, i);

		rest_escape(cell, s, strlen(s));
		g_string_append(cell, "**");
		for (const char *c = cell->str; *c; c++)
			ascii &= (unsigned char)*c < 0x80;
		width = MAX(width, cell->len);
		g_ptr_array_add(cells, g_string_free(cell, FALSE));
	}
	if (!cells->len) {
		g_ptr_array_free(cells, TRUE);
		return;
	}
	if (!ascii) {
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

/* Where get_abi.pl says an entry starts: the line after its What lines. */
static unsigned int entry_line(const struct abi_entry *e)
{
	return e->n_whats ? e->whats[e->n_whats - 1].line + 1 : e->line;
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

	write_lineno(w, first->file, entry_line(first));
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

		if (!e->description.str)
			continue;
		if (desc->len)
			g_string_append(desc, "\n\n");
		g_string_append(desc, e->description.str);
	}
	clean = rest_clean(desc->str, desc->len);
	if (*clean) {
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

/* The text of @f before its first entry: get_abi.pl shows it under the file's title. A
 * file that cannot be read again has none. */
static char *file_preamble(const struct kwriter *w, const struct abi_file *f)
{
	unsigned int stop = f->n_entries ? f->entries[0]->line : UINT_MAX, line = 1;
	char *buf = NULL, *clean;
	const char *p;
	size_t len = 0;
	ssize_t n;
	int fd;

	if (w->rootfd < 0)
		return NULL;
	fd = file_open_regular_beneath(w->rootfd, f->path, BENEATH_NO_SYMLINKS);
	if (fd < 0)
		return NULL;
	buf = g_malloc(PREAMBLE_MAX + 1);
	while (len < PREAMBLE_MAX && (n = read(fd, buf + len, PREAMBLE_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	for (p = buf; line < stop && (size_t)(p - buf) < len; line++) {
		const char *nl = memchr(p, '\n', len - (size_t)(p - buf));

		p = nl ? nl + 1 : buf + len;
	}
	clean = rest_clean(buf, (size_t)(p - buf));
	g_free(buf);
	/* the blank lines it starts with, dropped */
	memmove(clean, clean + strspn(clean, "\n"),
		strlen(clean + strspn(clean, "\n")) + 1);
	return clean;
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
			char *clean =
				rest_clean(e->whats[k].text, what_len(&e->whats[k]));

			g_strdelimit(clean, "\n", ' ');
			if (*clean) {
				if (!listed)
					g_string_append(w->out,
							"Has the following ABI:\n\n");
				listed = true;
				g_string_append(w->out, "- :ref:`");
				rest_escape(w->out, clean, strlen(clean));
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
		size_t first = strcspn(g->key, KEY_SEP);
		char *base = what_label(g->key, first);

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
	g_hash_table_destroy(w.of_entry);
	g_hash_table_destroy(w.by_key);
	g_ptr_array_free(w.groups, TRUE);
	return 0;
}
