// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A description in get_abi.pl's document (rest-kernel.c): reST as the kernel wrote it,
 * changed as the script changes it (title adornments dropped, Documentation/X.rst a
 * :doc:, Documentation/ABI/... and paths that entries document :ref: links), and made
 * harmless: what would read a file, run code, link to a script or forge the
 * directive's LINENO marker is shown as text.
 *
 * Every step reads a line and writes a new one, so that a line of any length with any
 * number of matches costs time in proportion to its length.
 */
#include <string.h>

#include "common/macro.h"
#include "rest.h"

/* Whether @list, words between blanks (" a b c "), holds @s (@len bytes), in any case. */
static bool in_list(const char *list, const char *s, size_t len)
{
	if (!len || memchr(s, ' ', len))
		return false;
	for (const char *p = list; (p = strchr(p, ' ')) && p[1]; p++)
		if (g_ascii_strncasecmp(p + 1, s, len) == 0 && p[1 + len] == ' ')
			return true;
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
 * The directive that @s (a line, leading blanks skipped) starts, as docutils reads one:
 * "name" of ".. name::" or ".. |sub| name::", a blank allowed before the "::" and
 * blanks or the line's end after it, in *@name and *@len; false when it starts none.
 * The name is read as ASCII: docutils reads letters of other scripts too, but no
 * directive there has such a name.
 */
static bool directive_of(const char *s, const char **name, size_t *len)
{
	const char *p;

	if (strncmp(s, ".. ", 3) != 0)
		return false;
	p = s + 3 + strspn(s + 3, " ");
	if (*p == '|') {
		const char *bar = strchr(p + 1, '|');

		if (!bar)
			return false;
		p = bar + 1 + strspn(bar + 1, " ");
	}
	*name = p;
	while (g_ascii_isalnum(*p) ||
	       (*p && strchr("-_.:+", *p) && !(p[0] == ':' && p[1] == ':')))
		p++;
	*len = (size_t)(p - *name);
	if (*p == ' ')
		p++;
	return *len && p[0] == ':' && p[1] == ':' && (p[2] == ' ' || !p[2]);
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

static bool is_word(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The first @needle in @s[@from..@len), or @len. */
static size_t find(const char *s, size_t from, size_t len, const char *needle)
{
	const char *at = memmem(s + from, len - from, needle, strlen(needle));

	return at ? (size_t)(at - s) : len;
}

/*
 * Documentation/X.rst as :doc:`/X`, as get_abi.pl does, but never
 * Documentation/devicetree: X is all that is not blank up to the last .rst.
 */
static void link_docs(const char *s, size_t len, GString *out)
{
	static const char doc[] = "Documentation/";
	size_t done = 0, i = 0, start;

	while ((start = find(s, i, len, doc)) < len) {
		size_t name = start + strlen(doc), run = name, end = 0;

		if (len - name >= 10 && memcmp(s + name, "devicetree", 10) == 0) {
			i = name;
			continue;
		}
		while (run < len && !is_space(s[run]))
			run++;
		/* the last ".rst" of the run, with something before it */
		for (size_t k = run; k >= name + 5 && !end; k--)
			if (memcmp(s + k - 4, ".rst", 4) == 0)
				end = k;
		/* none in the run, none from a later start in it either; and a name that
		 * would break the role stays text, run and all */
		if (!end || memchr(s + name, '`', end - name) ||
		    memchr(s + name, '<', end - name) ||
		    memchr(s + name, '>', end - name) ||
		    memchr(s + name, '\\', end - name)) {
			i = run;
			continue;
		}
		g_string_append_len(out, s + done, (gssize)(start - done));
		g_string_append(out, ":doc:`/");
		g_string_append_len(out, s + name, (gssize)(end - 4 - name));
		g_string_append_c(out, '`');
		done = i = end;
	}
	g_string_append_len(out, s + done, (gssize)(len - done));
}

/* Documentation/ABI/LEVEL/FILE as a :ref: to the file's label, abi_file_LEVEL_FILE. */
static void link_abi_files(const char *s, size_t len, GString *out)
{
	static const char abi[] = "Documentation/ABI/";
	size_t done = 0, i = 0, start;

	while ((start = find(s, i, len, abi)) < len) {
		size_t name = start + strlen(abi), end = name, from;

		while (end < len && (is_word(s[end]) || s[end] == '/' || s[end] == '-'))
			end++;
		i = end;
		/* a word's boundary on both sides: a name ending in / or - has none */
		if ((start && is_word(s[start - 1])) || end == name ||
		    !is_word(s[end - 1]))
			continue;
		/* the label names the last directory and the file */
		from = end;
		for (int slashes = 0; from > name; from--)
			if (s[from - 1] == '/' && ++slashes == 2)
				break;
		g_string_append_len(out, s + done, (gssize)(start - done));
		g_string_append(out, ":ref:`");
		g_string_append_len(out, s + name, (gssize)(end - name));
		g_string_append(out, " <abi_file_");
		for (size_t k = from; k < end; k++)
			g_string_append_c(out, s[k] == '/' || s[k] == '-' ? '_' : s[k]);
		g_string_append(out, ">`");
		done = end;
	}
	g_string_append_len(out, s + done, (gssize)(len - done));
}

/* A path after a blank or '(' that @label knows, as a :ref: to it. */
static void link_paths(const char *s, size_t len, rest_kernel_label_fn label, void *data,
		       GString *out)
{
	static const char *const roots[] = { "/sys/", "/config/", "/proc/", "/dev/",
					     "/kvd/" };
	size_t done = 0, i = 0;

	while (i < len) {
		const char *target;
		size_t end, k;

		if (s[i] != '/' || (i && !is_space(s[i - 1]) && s[i - 1] != '(')) {
			i++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(roots); k++)
			if (len - i > strlen(roots[k]) &&
			    memcmp(s + i, roots[k], strlen(roots[k])) == 0)
				break;
		if (k == ARRAY_SIZE(roots)) {
			i++;
			continue;
		}
		end = i + strlen(roots[k]);
		while (end < len && !is_space(s[end]) && !strchr(",.:;)", s[end]))
			end++;
		target = end > i + strlen(roots[k]) ? label(data, s + i, end - i) : NULL;
		if (target) {
			g_string_append_len(out, s + done, (gssize)(i - done));
			g_string_append(out, ":ref:`");
			rest_escape_name(out, s + i, end - i);
			g_string_append_printf(out, " <%s>`", target);
			done = end;
		}
		i = end;
	}
	g_string_append_len(out, s + done, (gssize)(len - done));
}

/* :download: copies the file it names into the output: shown as a file name instead. */
static void defuse_roles(const char *s, size_t len, GString *out)
{
	static const char download[] = ":download:`";
	size_t done = 0, at;

	while ((at = find(s, done, len, download)) < len) {
		g_string_append_len(out, s + done, (gssize)(at - done));
		g_string_append(out, ":file:`");
		done = at + strlen(download);
	}
	g_string_append_len(out, s + done, (gssize)(len - done));
}

/* The schemes a link may have: the web's and mail. */
static bool scheme_kept(const char *s, size_t len)
{
	return in_list(" http https ftp mailto ", s, len);
}

/*
 * The colon that ends a URI's scheme, outside inline literals: in running text, after a
 * scheme of scheme_linked(), escaped, so that it shows as a colon and links nowhere; in
 * a link's <URI> inside `...` and in a hyperlink target, where any scheme is taken and
 * an escape is dropped, %3A after any but scheme_kept()'s. Other colons are left alone:
 * an added character would break a table.
 */
static void defuse_schemes(const char *s, size_t len, GString *out)
{
	size_t indent = strspn(s, " ");
	bool literal = false, interp = false, angle = false;
	bool target = len - indent >= 4 && memcmp(s + indent, ".. _", 4) == 0;

	for (size_t i = 0; i < len; i++) {
		size_t start = i;
		bool letter = false, link;

		if (s[i] == '`' && i + 1 < len && s[i + 1] == '`') {
			literal = !literal;
			g_string_append(out, "``");
			i++;
			continue;
		}
		if (!literal && s[i] == '`') {
			interp = !interp;
			angle = false;
		} else if (!literal && s[i] == '<') {
			angle = interp;
		} else if (!literal && s[i] == '>') {
			angle = false;
		}
		if (literal || s[i] != ':' || i + 1 >= len ||
		    (!g_ascii_isalnum(s[i + 1]) && !strchr("/%?#[", s[i + 1]))) {
			g_string_append_c(out, s[i]);
			continue;
		}
		/* the scheme: letters, digits and .+- before the colon, a letter among them */
		while (start > 0 &&
		       (g_ascii_isalnum(s[start - 1]) || strchr(".+-", s[start - 1]))) {
			letter |= g_ascii_isalpha(s[start - 1]);
			start--;
		}
		link = angle || target;
		/* after a backslash it is escaped already; after a colon it is a role's name */
		if (!letter ||
		    (start > 0 && (s[start - 1] == '\\' || s[start - 1] == ':')) ||
		    (link ? scheme_kept(s + start, i - start) :
			    !scheme_linked(s + start, i - start)))
			g_string_append_c(out, ':');
		else
			g_string_append(out, link ? "%3A" : "\\:");
	}
}

/*
 * A directive that may not run, shown as text: its ".." escaped, and the rest, as a
 * "|name|" there would now be a substitution's reference.
 */
static void defuse_directive(const char *s, size_t len, size_t indent, GString *out)
{
	g_string_append_len(out, s, (gssize)indent);
	g_string_append(out, "\\..");
	rest_escape_text(out, s + indent + 2, len - indent - 2);
}

/* "\n====\n" and the like, a title's adornment, dropped as get_abi.pl drops them: each
 * such line after a line break, scanning on after the line break that ends it. */
static GString *drop_adornments(const char *clean)
{
	char *src = g_strconcat(clean, "\n", NULL);
	GString *text = g_string_sized_new(strlen(src));
	const char *p = src;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n;

		if (!nl) {
			g_string_append(text, p);
			break;
		}
		g_string_append_len(text, p, nl - p + 1);
		n = strspn(nl + 1, "-*=^~");
		p = n && nl[1 + n] == '\n' ? nl + 1 + n + 1 : nl + 1;
		if (p != nl + 1)
			g_string_append_c(text, '\n');
	}
	g_free(src);
	return text;
}

/* Swap @a and @b, and empty @b. */
static void next_step(GString **a, GString **b)
{
	GString *t = *a;

	*a = *b;
	*b = t;
	g_string_truncate(*b, 0);
}

void rest_kernel_rst(GString *out, const char *clean, rest_kernel_label_fn label,
		     void *data)
{
	GString *text = drop_adornments(clean);
	GString *line = g_string_new(NULL), *step = g_string_new(NULL);
	int literal_indent = -1; /* get_abi.pl's: no links after "text::" */
	ssize_t block = -1;      /* the indentation of a literal block's opening line */

	for (const char *p = text->str; *p;) {
		const char *end = strchrnul(p, '\n'), *name;
		size_t indent = strspn(p, " "), name_len;
		bool blank = p + indent == end, in_block, raw = false;
		/* get_abi.pl counts a line as indented, blank ones too, or not */
		int spaces = indent || blank;

		g_string_truncate(line, 0);
		g_string_append_len(line, p, end - p);
		p = *end ? end + 1 : end;

		/* a literal block, by reST's rule: what is more indented, and blank lines */
		in_block = block >= 0 && (blank || (ssize_t)indent > block);
		if (!in_block)
			block = -1;
		if (literal_indent >= 0) {
			if (spaces > literal_indent)
				raw = true;
			else
				literal_indent = -1;
		} else if (line->len >= 2 && !strcmp(line->str + line->len - 2, "::") &&
			   strncmp(line->str + indent, "..", 2) != 0) {
			literal_indent = spaces;
		}
		if (in_block) {
			g_string_append_len(out, line->str, (gssize)line->len);
			g_string_append_c(out, '\n');
			continue;
		}

		if (directive_of(line->str + indent, &name, &name_len)) {
			if (directive_literal(name, name_len))
				block = (ssize_t)indent;
			/* shown as text, escaped: nothing more to do */
			if (!directive_allowed(name, name_len)) {
				defuse_directive(line->str, line->len, indent, out);
				g_string_append_c(out, '\n');
				continue;
			}
		} else if (line->len >= 2 && !strcmp(line->str + line->len - 2, "::")) {
			block = (ssize_t)indent;
		}
		/* kernel_abi.py would take it for a marker */
		if (!indent && strncmp(line->str, ".. LINENO", 9) == 0)
			g_string_insert_c(line, 0, '\\');
		if (!raw) {
			link_docs(line->str, line->len, step);
			next_step(&line, &step);
			link_abi_files(line->str, line->len, step);
			next_step(&line, &step);
			link_paths(line->str, line->len, label, data, step);
			next_step(&line, &step);
		}
		defuse_roles(line->str, line->len, step);
		next_step(&line, &step);
		defuse_schemes(line->str, line->len, step);
		next_step(&line, &step);
		/* no link makes a directive of a line ("name:" and ":ref:`" are no
		 * "name:: "); should one ever, it is text too */
		if (directive_of(line->str + indent, &name, &name_len) &&
		    !directive_allowed(name, name_len)) {
			defuse_directive(line->str, line->len, indent, step);
			next_step(&line, &step);
		}
		g_string_append_len(out, line->str, (gssize)line->len);
		g_string_append_c(out, '\n');
	}
	g_string_append(out, "\n\n");
	g_string_free(step, TRUE);
	g_string_free(line, TRUE);
	g_string_free(text, TRUE);
}

void rest_kernel_plain(GString *out, const char *clean)
{
	const char *s = clean + strspn(clean, " \n");

	if (strstr(s, ":\n") || strstr(s, "\n ")) {
		g_string_append(out, "::\n\n");
		for (const char *p = s; *p;) {
			const char *end = strchrnul(p, '\n');

			if (end > p) {
				g_string_append_c(out, ' ');
				g_string_append_len(out, p, end - p);
			}
			g_string_append_c(out, '\n');
			p = *end ? end + 1 : end;
		}
		g_string_append_c(out, '\n');
	} else {
		/* a paragraph, a line at a time: a line that starts with a mark could start
		 * a directive (.. include::), a list or a table after a blank line */
		for (const char *p = s; *p;) {
			const char *end = strchrnul(p, '\n');

			/* (the marks escape() escapes are escaped once) */
			if (g_ascii_ispunct(*p) && !strchr("\\*`_|<", *p))
				g_string_append_c(out, '\\');
			rest_escape_text(out, p, (size_t)(end - p));
			g_string_append_c(out, '\n');
			p = *end ? end + 1 : end;
		}
		g_string_append_c(out, '\n');
	}
}
