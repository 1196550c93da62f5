// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One ABI file's text into entries.
 *
 * The format has no grammar, only habits, and real files break most of them: tags
 * without colons, unknown tags, What lines after other fields, descriptions written
 * at column 0, CRLF, bytes that are not UTF-8. So the reader is a small state machine
 * over lines that never gives up: every line goes somewhere (a field, the description,
 * or "outside any entry"), every defect becomes a diagnostic, and nothing about the
 * input (NUL bytes, a 1 MB line, 100,000 What lines) makes it slower than linear.
 *
 * Field text is collected as spans into the input buffer and copied into the arena
 * only when the entry ends: a description's common indentation is known only then.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "abi-internal.h"

/* Subjects quoted in messages are cut to this many bytes: a tag may be 1 MB long. */
#define QUOTE_MAX 64

#define TAB_WIDTH 8

enum field {
	FIELD_WHAT,
	FIELD_DATE,
	FIELD_KERNELVERSION,
	FIELD_CONTACT,
	FIELD_DESCRIPTION,
	FIELD_USERS,
	FIELD_EXTRA, /* unknown tags: kept, appended to the description */
	FIELD_COUNT,
	FIELD_NONE = FIELD_COUNT, /* not a known tag */
	FIELD_DROP, /* the lines of a field given twice: the first one is kept */
};

static const char *const field_names[FIELD_COUNT] = {
	[FIELD_WHAT] = "What",
	[FIELD_DATE] = "Date",
	[FIELD_KERNELVERSION] = "KernelVersion",
	[FIELD_CONTACT] = "Contact",
	[FIELD_DESCRIPTION] = "Description",
	[FIELD_USERS] = "Users",
};

/* A line, or the part of it a field keeps, inside the input buffer. */
struct span {
	const char *s;
	size_t len;          /* trailing white space already cut */
	unsigned int indent; /* leading columns, tabs expanded */
	bool head;           /* the text on the tag's own line */
};

struct span_vec {
	struct span *v;
	size_t n, cap;
};

struct field_state {
	bool seen;
	unsigned int line;
	struct span_vec lines;
};

enum eol { EOL_NONE, EOL_LF, EOL_CRLF, EOL_CR };

struct line {
	const char *s;
	size_t len; /* without the line end */
	unsigned int no;
	enum eol eol;
};

struct line_reader {
	const char *pos, *end;
	const char *next_lf; /* cached so that bare CRs do not rescan a long line */
	unsigned int no;
};

struct tag {
	enum field field; /* FIELD_EXTRA for an unknown tag */
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
	bool missing_colon;
	bool where;
};

struct parser {
	struct abi_ctx *ctx;
	struct abi_arena *arena;
	struct abi_file *file;
	bool in_entry;
	bool outside_reported;
	bool unindented_reported; /* once per field: a column-0 block is one defect */
	unsigned int entry_line;
	enum field cur;       /* where body lines go */
	const char *cur_name; /* the tag that opened cur, for messages */
	int cur_name_len;
	struct field_state fields[FIELD_COUNT];
	struct abi_what *whats;
	size_t n_whats, cap_whats;
	struct abi_entry **entries;
	size_t n_entries, cap_entries;
};

/* A diagnostic about the parser's file; only tag-duplicate names a related place. */
#define report(p, kind, line, ...) \
	abi_diag_report((p)->ctx, kind, (p)->file->path, line, NULL, 0, __VA_ARGS__)

static bool is_indent(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int quote_len(size_t len)
{
	return len > QUOTE_MAX ? QUOTE_MAX : (int)len;
}

/* ---- lines ---- */

/* Lines end at LF, CRLF or a bare CR; none of them is part of the line. */
static bool line_next(struct line_reader *r, struct line *l)
{
	const char *s = r->pos, *stop, *cr;

	if (s >= r->end)
		return false;
	if (!r->next_lf || r->next_lf < s) {
		r->next_lf = memchr(s, '\n', (size_t)(r->end - s));
		if (!r->next_lf)
			r->next_lf = r->end;
	}
	stop = r->next_lf;
	cr = memchr(s, '\r', (size_t)(stop - s));
	l->s = s;
	l->no = ++r->no;
	if (cr) {
		l->len = (size_t)(cr - s);
		l->eol = cr + 1 == stop && stop < r->end ? EOL_CRLF : EOL_CR;
		r->pos = l->eol == EOL_CRLF ? stop + 1 : cr + 1;
	} else {
		l->len = (size_t)(stop - s);
		l->eol = stop < r->end ? EOL_LF : EOL_NONE;
		r->pos = stop + 1;
	}
	return true;
}

static void line_reader_init(struct line_reader *r, const char *buf, size_t len)
{
	r->pos = buf;
	r->end = buf + len;
	r->next_lf = NULL;
	r->no = 0;
}

/*
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence
 * (Unicode table 3-7: no overlongs, no surrogates, nothing above U+10FFFF, no
 * truncated sequence), or @len.
 */
static size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i], lo = 0x80, hi = 0xbf;
		uint64_t word;
		size_t n;

		/* ASCII eight bytes at a time: this loop sees every byte of the tree */
		if (len - i >= sizeof(word)) {
			memcpy(&word, s + i, sizeof(word));
			if (!(word & 0x8080808080808080ULL)) {
				i += sizeof(word);
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return i;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (len - i - 1 < n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
		i += n + 1;
	}
	return len;
}

/* ---- tags ---- */

static enum field known_tag(const char *s, size_t n, bool *where)
{
	*where = false;
	if (n == 5 && !strncasecmp(s, "Where", 5)) {
		*where = true;
		return FIELD_WHAT;
	}
	for (int f = FIELD_WHAT; f < FIELD_EXTRA; f++)
		if (strlen(field_names[f]) == n && !strncasecmp(s, field_names[f], n))
			return (enum field)f;
	return FIELD_NONE;
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_blank((*s)[*len - 1]))
		(*len)--;
}

/*
 * A tag is a word at column 0 followed by a colon. A known tag followed by white
 * space instead is still that tag (`Date  June 2020`). An unknown word needs its colon
 * followed by white space or the line end, so that `MAJOR:MINOR` and `ftp://` in
 * column-0 prose stay prose.
 */
static bool parse_tag(const struct line *l, struct tag *t)
{
	size_t n = 0;

	while (n < l->len && is_name_char(l->s[n]))
		n++;
	/* a tag is a word: `1: enabled` in column-0 prose is no tag */
	if (n == 0 || n == l->len || !is_alpha(l->s[0]))
		return false;
	memset(t, 0, sizeof(*t));
	t->name = l->s;
	t->name_len = n;
	t->field = known_tag(l->s, n, &t->where);
	if (l->s[n] == ':') {
		t->value = l->s + n + 1;
		if (t->field == FIELD_NONE) {
			if (n + 1 < l->len && !is_blank(l->s[n + 1]))
				return false;
			t->field = FIELD_EXTRA;
		}
	} else if ((is_indent(l->s[n]) || l->s[n] == ';') && t->field != FIELD_NONE) {
		/* `What;` too: the key next to the colon */
		t->missing_colon = true;
		t->value = l->s + n + (l->s[n] == ';');
	} else {
		return false;
	}
	t->value_len = l->len - (size_t)(t->value - l->s);
	trim(&t->value, &t->value_len);
	return true;
}

/* ---- collecting an entry ---- */

static int push_span(struct span_vec *v, const char *s, size_t len, bool head)
{
	struct span *sp;
	unsigned int col = 0;
	int r;

	r = ABI_GROW(v->v, v->n, v->cap);
	if (r < 0)
		return r;
	while (len && is_blank(s[len - 1]))
		len--;
	for (size_t i = 0; i < len && is_indent(s[i]); i++)
		col = s[i] == '\t' ? (col / TAB_WIDTH + 1) * TAB_WIDTH : col + 1;
	sp = &v->v[v->n++];
	sp->s = s;
	sp->len = len;
	sp->indent = col;
	sp->head = head;
	return 0;
}

static int add_what(struct parser *p, const char *s, size_t len, unsigned int line,
		    bool continuation)
{
	struct abi_what *w;
	int r;

	trim(&s, &len);
	if (continuation && !len)
		return 0;
	/* `What:` alone with the paths on the lines below: the empty head is layout */
	if (continuation && p->n_whats && !p->whats[p->n_whats - 1].continuation &&
	    !*p->whats[p->n_whats - 1].text)
		p->n_whats--;
	r = ABI_GROW(p->whats, p->n_whats, p->cap_whats);
	if (r < 0)
		return r;
	w = &p->whats[p->n_whats];
	memset(w, 0, sizeof(*w));
	w->text = abi_arena_strndup(p->arena, s, len);
	if (!w->text)
		return -ENOMEM;
	w->line = line;
	w->continuation = continuation;
	p->n_whats++;
	return 0;
}

static void set_current(struct parser *p, enum field f, const char *name, size_t len)
{
	p->cur = f;
	p->cur_name = name;
	p->cur_name_len = quote_len(len);
	p->unindented_reported = false;
}

/* ---- building an entry's strings ---- */

/*
 * Text written twice: once to measure (buf NULL), once to copy. Blank lines wait in
 * @pending and are written only when text follows them, which drops leading and
 * trailing blank lines.
 */
struct text_out {
	char *buf;
	size_t len;
	size_t pending;
};

static void out_bytes(struct text_out *o, const char *s, size_t n)
{
	if (o->buf)
		memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_repeat(struct text_out *o, char c, size_t n)
{
	if (o->buf)
		memset(o->buf + o->len, c, n);
	o->len += n;
}

static void out_line(struct text_out *o, const char *s, size_t n, unsigned int pad)
{
	if (o->len)
		out_repeat(o, '\n', 1 + o->pending);
	o->pending = 0;
	out_repeat(o, ' ', pad);
	out_bytes(o, s, n);
}

static void out_blank(struct text_out *o)
{
	if (o->len)
		o->pending++;
}

/*
 * Write a description line less @margin columns of indentation. A tab that straddles
 * the margin leaves the columns past it as spaces.
 */
static void out_dedented(struct text_out *o, const struct span *sp, unsigned int margin)
{
	const char *s = sp->s, *end = sp->s + sp->len;
	unsigned int col = 0, pad = 0;

	while (s < end && col < margin && is_indent(*s)) {
		unsigned int next = *s == '\t' ? (col / TAB_WIDTH + 1) * TAB_WIDTH :
						 col + 1;

		s++;
		if (next > margin) {
			pad = next - margin;
			break;
		}
		col = next;
	}
	out_line(o, s, (size_t)(end - s), pad);
}

/*
 * The indentation common to a description's continuation lines. Column-0 lines are a
 * defect of two kinds: a description written at column 0 throughout, where indented
 * lines are indented relative to it and keep all their indentation; or a heading for
 * the next entries left under an indented description, which keeps its margin.
 */
static unsigned int description_margin(const struct span_vec *desc)
{
	unsigned int margin = UINT32_MAX;
	bool first = true;

	for (size_t i = 0; i < desc->n; i++) {
		const struct span *sp = &desc->v[i];

		if (sp->head || !sp->len)
			continue;
		if (first && !sp->indent)
			return 0;
		first = false;
		if (sp->indent && sp->indent < margin)
			margin = sp->indent;
	}
	return margin;
}

/*
 * The description proper (its first line's text, then the continuation lines less
 * their common indentation), then each unknown tag's lines as written, each block
 * after a blank line.
 */
static void write_description(struct text_out *o, const struct span_vec *desc,
			      const struct span_vec *extra)
{
	unsigned int margin = description_margin(desc);

	for (size_t i = 0; i < desc->n; i++) {
		const struct span *sp = &desc->v[i];

		if (!sp->len)
			out_blank(o);
		else if (sp->head)
			out_line(o, sp->s, sp->len, 0);
		else
			out_dedented(o, sp, margin);
	}
	for (size_t i = 0; i < extra->n; i++) {
		const struct span *sp = &extra->v[i];

		if (sp->head && o->len && !o->pending)
			o->pending = 1;
		if (sp->len)
			out_line(o, sp->s, sp->len, 0);
		else
			out_blank(o);
	}
}

/* A one-line field's value; continuation lines are joined with "\n", each trimmed. */
static void write_simple(struct text_out *o, const struct span_vec *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const char *s = v->v[i].s;
		size_t len = v->v[i].len;

		trim(&s, &len);
		if (len)
			out_line(o, s, len, 0);
	}
}

static void write_field(struct text_out *o, const struct parser *p, enum field f)
{
	if (f == FIELD_DESCRIPTION)
		write_description(o, &p->fields[f].lines, &p->fields[FIELD_EXTRA].lines);
	else
		write_simple(o, &p->fields[f].lines);
}

/* Field @f as one arena string; an unknown tag's text makes a description. */
static int build_text(struct parser *p, enum field f, struct abi_text *text)
{
	const struct field_state *fs = &p->fields[f];
	const struct field_state *extra = &p->fields[FIELD_EXTRA];
	struct text_out o = { 0 };
	char *str;

	if (!fs->seen && !(f == FIELD_DESCRIPTION && extra->seen))
		return 0;
	write_field(&o, p, f);
	str = abi_arena_alloc(p->arena, o.len + 1);
	if (!str)
		return -ENOMEM;
	o = (struct text_out){ .buf = str };
	write_field(&o, p, f);
	text->str = str;
	text->line = fs->seen ? fs->line : extra->line;
	return 0;
}

/* ---- checking an entry ---- */

static bool field_empty(const struct field_state *fs)
{
	for (size_t i = 0; i < fs->lines.n; i++) {
		const char *s = fs->lines.v[i].s;
		size_t len = fs->lines.v[i].len;

		trim(&s, &len);
		if (len)
			return false;
	}
	return true;
}

static const enum abi_diag_kind missing_kind[FIELD_COUNT] = {
	[FIELD_DATE] = ABI_DIAG_MISSING_DATE,
	[FIELD_KERNELVERSION] = ABI_DIAG_MISSING_KERNELVERSION,
	[FIELD_CONTACT] = ABI_DIAG_MISSING_CONTACT,
	[FIELD_DESCRIPTION] = ABI_DIAG_MISSING_DESCRIPTION,
};

/* Whether field @f has a value worth parsing; reports it missing or empty otherwise. */
static bool check_present(struct parser *p, enum field f)
{
	const struct field_state *fs = &p->fields[f];

	if (!fs->seen) {
		report(p, missing_kind[f], p->entry_line, "entry has no '%s'",
		       field_names[f]);
		return false;
	}
	if (field_empty(fs)) {
		report(p, missing_kind[f], fs->line, "'%s' is empty", field_names[f]);
		return false;
	}
	return true;
}

/* The first line of a value, cut for a message. */
static int first_line_len(const char *s)
{
	return quote_len(strcspn(s, "\n"));
}

static void check_entry(struct parser *p, struct abi_entry *e)
{
	const struct abi_text *date = &e->date, *kv = &e->kernel_version;

	check_present(p, FIELD_DESCRIPTION);
	if (check_present(p, FIELD_DATE) &&
	    abi_date_parse(date->str, &e->date_year, &e->date_month) < 0)
		report(p, ABI_DIAG_DATE_UNPARSED, date->line, "cannot read date '%.*s'",
		       first_line_len(date->str), date->str);
	if (check_present(p, FIELD_KERNELVERSION) &&
	    abi_kernel_version_parse(kv->str, &e->kv_major, &e->kv_minor) < 0)
		report(p, ABI_DIAG_KERNELVERSION_UNPARSED, kv->line,
		       "cannot read kernel version '%.*s'", first_line_len(kv->str),
		       kv->str);
	check_present(p, FIELD_CONTACT);
}

static int build_whats(struct parser *p, struct abi_entry *e)
{
	if (!p->n_whats)
		return 0;
	e->whats = abi_arena_alloc(p->arena, p->n_whats * sizeof(*e->whats));
	if (!e->whats)
		return -ENOMEM;
	memcpy(e->whats, p->whats, p->n_whats * sizeof(*e->whats));
	e->n_whats = p->n_whats;
	for (size_t i = 0; i < e->n_whats; i++)
		e->whats[i].entry = e;
	return 0;
}

static int build_texts(struct parser *p, struct abi_entry *e)
{
	struct abi_text *texts[FIELD_EXTRA] = {
		[FIELD_DATE] = &e->date,       [FIELD_KERNELVERSION] = &e->kernel_version,
		[FIELD_CONTACT] = &e->contact, [FIELD_DESCRIPTION] = &e->description,
		[FIELD_USERS] = &e->users,
	};
	int r = 0;

	for (int f = FIELD_DATE; !r && f < FIELD_EXTRA; f++)
		r = build_text(p, (enum field)f, texts[f]);
	return r;
}

static int finish_entry(struct parser *p)
{
	struct abi_entry *e;
	int r;

	p->in_entry = false;
	e = abi_arena_alloc(p->arena, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->file = p->file;
	e->level = p->file->level;
	e->line = p->entry_line;
	e->kv_major = e->kv_minor = -1;
	r = build_whats(p, e);
	if (!r)
		r = build_texts(p, e);
	if (r < 0)
		return r;
	check_entry(p, e);
	r = ABI_GROW(p->entries, p->n_entries, p->cap_entries);
	if (r < 0)
		return r;
	p->entries[p->n_entries++] = e;
	return 0;
}

static int start_entry(struct parser *p, unsigned int line)
{
	if (p->in_entry) {
		int r = finish_entry(p);

		if (r < 0)
			return r;
	}
	for (int f = 0; f < FIELD_COUNT; f++) {
		p->fields[f].seen = false;
		p->fields[f].lines.n = 0;
	}
	p->n_whats = 0;
	p->in_entry = true;
	p->entry_line = line;
	return 0;
}

/* ---- the state machine: one function per kind of line ---- */

static void report_tag_form(struct parser *p, const struct line *l, const struct tag *t)
{
	int n = quote_len(t->name_len);

	if (t->where)
		report(p, ABI_DIAG_TAG_WHERE, l->no, "tag '%.*s' read as 'What'", n,
		       t->name);
	if (t->missing_colon)
		report(p, ABI_DIAG_TAG_MISSING_COLON, l->no, "'%.*s' has no colon%s", n,
		       t->name, t->name[t->name_len] == ';' ? ", but a semicolon" : "");
	else if (!t->where && t->field < FIELD_EXTRA &&
		 strncmp(t->name, field_names[t->field], t->name_len) != 0)
		report(p, ABI_DIAG_TAG_CASE, l->no, "tag '%.*s' is spelled '%s'", n,
		       t->name, field_names[t->field]);
}

static void on_outside(struct parser *p, const struct line *l)
{
	if (p->outside_reported)
		return;
	p->outside_reported = true;
	report(p, ABI_DIAG_TEXT_OUTSIDE_ENTRY, l->no,
	       "text before the first tag belongs to no entry");
}

static int on_blank(struct parser *p, const struct line *l)
{
	if (p->in_entry && (p->cur == FIELD_DESCRIPTION || p->cur == FIELD_EXTRA))
		return push_span(&p->fields[p->cur].lines, l->s, 0, false);
	return 0;
}

/* An indented line, or column-0 text that is no tag (@unindented). */
static int on_body(struct parser *p, const struct line *l, bool unindented)
{
	if (!p->in_entry) {
		on_outside(p, l);
		return 0;
	}
	if (unindented && !p->unindented_reported) {
		p->unindented_reported = true;
		report(p, ABI_DIAG_UNINDENTED_TEXT, l->no,
		       "text at column 0 under '%.*s'", p->cur_name_len, p->cur_name);
	}
	if (p->cur == FIELD_WHAT)
		return add_what(p, l->s, l->len, l->no, true);
	if (p->cur == FIELD_DROP)
		return 0;
	return push_span(&p->fields[p->cur].lines, l->s, l->len, false);
}

static int on_what(struct parser *p, const struct line *l, const struct tag *t)
{
	int r;

	if (!p->in_entry || p->fields[FIELD_DESCRIPTION].seen) {
		r = start_entry(p, l->no);
		if (r < 0)
			return r;
	} else if (p->cur != FIELD_WHAT && p->n_whats) {
		report(p, ABI_DIAG_WHAT_AFTER_FIELD, l->no,
		       "'What' after '%.*s' in the same entry", p->cur_name_len,
		       p->cur_name);
	}
	report_tag_form(p, l, t);
	set_current(p, FIELD_WHAT, "What", strlen("What"));
	return add_what(p, t->value, t->value_len, l->no, false);
}

static int on_field_tag(struct parser *p, const struct line *l, const struct tag *t)
{
	struct field_state *fs = &p->fields[t->field];
	const char *name = field_names[t->field];
	int r = 0;

	if (!p->in_entry || (fs->seen && p->fields[FIELD_DESCRIPTION].seen)) {
		bool after = p->in_entry;

		r = start_entry(p, l->no);
		if (r < 0)
			return r;
		if (after)
			report(p, ABI_DIAG_WHAT_NOT_FIRST, l->no,
			       "'%s' after 'Description' starts an entry without 'What'",
			       name);
		else
			report(p, ABI_DIAG_WHAT_NOT_FIRST, l->no,
			       "entry starts with '%s', not 'What'", name);
	}
	report_tag_form(p, l, t);
	if (fs->seen) {
		struct abi_loc first = { p->file->path, fs->line };

		abi_diag_report(
			p->ctx, ABI_DIAG_TAG_DUPLICATE, first.file, l->no, &first, 1,
			"'%s' given twice in one entry; the first, at line %u, is kept",
			name, fs->line);
		set_current(p, FIELD_DROP, name, strlen(name));
		return 0;
	}
	fs->seen = true;
	fs->line = l->no;
	set_current(p, t->field, name, strlen(name));
	return push_span(&fs->lines, t->value, t->value_len, true);
}

static int on_unknown_tag(struct parser *p, const struct line *l, const struct tag *t)
{
	struct field_state *fs = &p->fields[FIELD_EXTRA];

	if (!p->in_entry) {
		on_outside(p, l);
		return 0;
	}
	report(p, ABI_DIAG_TAG_UNKNOWN, l->no, "tag '%.*s' is not known",
	       quote_len(t->name_len), t->name);
	if (!fs->seen) {
		fs->seen = true;
		fs->line = l->no;
	}
	set_current(p, FIELD_EXTRA, t->name, t->name_len);
	return push_span(&fs->lines, l->s, l->len, true);
}

static int parse_line(struct parser *p, const struct line *l)
{
	struct tag t;
	size_t ws = 0;

	while (ws < l->len && is_blank(l->s[ws]))
		ws++;
	if (ws == l->len)
		return on_blank(p, l);
	if (is_indent(l->s[0]))
		return on_body(p, l, false);
	if (!parse_tag(l, &t))
		return on_body(p, l, true);
	if (t.field == FIELD_EXTRA)
		return on_unknown_tag(p, l, &t);
	if (t.field == FIELD_WHAT)
		return on_what(p, l, &t);
	return on_field_tag(p, l, &t);
}

/* ---- the file ---- */

/* Line ends and encoding, reported once per file at their first line. */
static void check_line(struct parser *p, const struct line *l, bool *crlf, bool *utf8)
{
	size_t bad;

	if (!*crlf && (l->eol == EOL_CRLF || l->eol == EOL_CR)) {
		*crlf = true;
		report(p, ABI_DIAG_CRLF, l->no,
		       l->eol == EOL_CRLF ? "line ends with CRLF" :
					    "line ends with a bare CR");
	}
	if (*utf8)
		return;
	bad = utf8_check((const unsigned char *)l->s, l->len);
	if (bad < l->len) {
		*utf8 = true;
		report(p, ABI_DIAG_INVALID_UTF8, l->no,
		       "byte 0x%02x at column %zu is not UTF-8", (unsigned char)l->s[bad],
		       bad + 1);
	}
}

/* A NUL byte means this is no text file: say where, and read nothing of it. */
static bool check_binary(struct parser *p, const char *buf, size_t len)
{
	const char *nul = memchr(buf, '\0', len);
	struct line_reader r;
	struct line l = { 0 };

	if (!nul)
		return false;
	line_reader_init(&r, buf, len);
	while (line_next(&r, &l) && l.s + l.len < nul)
		;
	report(p, ABI_DIAG_BINARY_FILE, l.no, "NUL byte at column %zu",
	       (size_t)(nul - l.s) + 1);
	return true;
}

static bool check_empty(struct parser *p, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_blank(buf[i]) && buf[i] != '\n' && buf[i] != '\r')
			return false;
	report(p, ABI_DIAG_EMPTY_FILE, 0,
	       len ? "file holds only white space" : "file is empty");
	return true;
}

static int parse_lines(struct parser *p, const char *buf, size_t len)
{
	struct line_reader rd;
	struct line l;
	bool crlf = false, utf8 = false;
	int r;

	line_reader_init(&rd, buf, len);
	while (line_next(&rd, &l)) {
		check_line(p, &l, &crlf, &utf8);
		r = parse_line(p, &l);
		if (r < 0)
			return r;
	}
	return p->in_entry ? finish_entry(p) : 0;
}

static int publish_entries(struct parser *p)
{
	struct abi_file *file = p->file;

	if (!p->n_entries)
		return 0;
	file->entries = abi_arena_alloc(p->arena, p->n_entries * sizeof(*file->entries));
	if (!file->entries)
		return -ENOMEM;
	memcpy(file->entries, p->entries, p->n_entries * sizeof(*file->entries));
	file->n_entries = p->n_entries;
	return 0;
}

static void parser_release(struct parser *p)
{
	for (int f = 0; f < FIELD_COUNT; f++)
		free(p->fields[f].lines.v);
	free(p->whats);
	free(p->entries);
}

int abi_file_parse(struct abi_ctx *ctx, struct abi_arena *arena, struct abi_file *file,
		   const char *buf, size_t len)
{
	struct parser p = {
		.ctx = ctx,
		.arena = arena,
		.file = file,
		.cur = FIELD_NONE,
	};
	int r = 0;

	file->entries = NULL;
	file->n_entries = 0;
	if (!check_binary(&p, buf, len) && !check_empty(&p, buf, len)) {
		r = parse_lines(&p, buf, len);
		if (r == 0)
			r = publish_entries(&p);
	}
	parser_release(&p);
	if (r < 0) {
		file->entries = NULL;
		file->n_entries = 0;
	}
	return r;
}
