// SPDX-License-Identifier: GPL-2.0-or-later
/* The template engine: see template.h for the language. Parse into a tree, then walk it. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "template.h"

/* sysabi's own nest 7 deep; a template's tree is freed and rendered recursively */
#define MAX_SECTION_DEPTH 100
#define MAX_WIDTH 1000

/* The limits a render stops at; lowered by tests (template_limits_for_tests()). */
static size_t max_output = TEMPLATE_MAX_OUTPUT;
static unsigned long max_steps = TEMPLATE_MAX_STEPS;

void template_limits_for_tests(size_t output, unsigned long steps)
{
	max_output = output ? output : TEMPLATE_MAX_OUTPUT;
	max_steps = steps ? steps : TEMPLATE_MAX_STEPS;
}

enum node_type { NODE_TEXT, NODE_VAR, NODE_SECTION, NODE_INVERTED, NODE_PARTIAL };

struct node {
	enum node_type type;
	char *text; /* text, or the name of a variable, section or partial */
	size_t len; /* text only */
	bool raw;   /* variables: not escaped */
	bool right; /* variables: right-aligned */
	bool path;  /* variables: a path, which may wrap after each '/' */
	int width;  /* variables: pad to this many columns */
	unsigned int line;
	GArray *kids; /* sections: struct node */
};

struct template
{
	char *file;
	GArray *nodes; /* struct node */
};

static void set_error(struct template_error *err, const char *file, unsigned int line,
		      const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

static void nodes_free(GArray *nodes)
{
	for (guint i = 0; nodes && i < nodes->len; i++) {
		struct node *n = &g_array_index(nodes, struct node, i);

		g_free(n->text);
		nodes_free(n->kids);
	}
	if (nodes)
		g_array_free(nodes, TRUE);
}

void template_free(struct template *t)
{
	if (!t)
		return;
	nodes_free(t->nodes);
	g_free(t->file);
	g_free(t);
}

/* ---- parsing ---- */

struct parser {
	const char *file;
	const char *p; /* the next byte to read */
	unsigned int line;
	GPtrArray *stack; /* GArray * of the open sections' children, the top last */
	GPtrArray *open;  /* struct node * of the open sections */
	struct template_error *err;
};

static unsigned int count_lines(const char *s, size_t len)
{
	unsigned int n = 0;

	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

static void add_node(struct parser *ps, struct node n)
{
	g_array_append_val((GArray *)ps->stack->pdata[ps->stack->len - 1], n);
}

static void add_text(struct parser *ps, const char *s, size_t len)
{
	if (len)
		add_node(ps, (struct node){ .type = NODE_TEXT,
					    .text = g_strndup(s, len),
					    .len = len,
					    .line = ps->line });
}

/* {{name:12}} or {{name:>12}}: split the width off the name; {{name:/}}, a path. */
static int parse_width(struct parser *ps, struct node *n)
{
	char *colon = strchr(n->text, ':'), *end;
	long w;

	if (!colon)
		return 0;
	*colon++ = '\0';
	if (strcmp(colon, "/") == 0) {
		n->path = true;
		return 0;
	}
	n->right = *colon == '>';
	w = strtol(colon + n->right, &end, 10);
	if (*end || end == colon + n->right || w < 0 || w > MAX_WIDTH) {
		set_error(ps->err, ps->file, ps->line, "bad width in '{{%s:%s}}'",
			  n->text, colon);
		return -EINVAL;
	}
	n->width = (int)w;
	return 0;
}

static int open_section(struct parser *ps, struct node n)
{
	GArray *parent = ps->stack->pdata[ps->stack->len - 1];

	if (ps->open->len >= MAX_SECTION_DEPTH) {
		set_error(ps->err, ps->file, ps->line, "sections nested deeper than %d",
			  MAX_SECTION_DEPTH);
		g_free(n.text);
		return -EINVAL;
	}
	n.kids = g_array_new(FALSE, TRUE, sizeof(struct node));
	g_array_append_val(parent, n);
	g_ptr_array_add(ps->open, &g_array_index(parent, struct node, parent->len - 1));
	g_ptr_array_add(ps->stack, n.kids);
	return 0;
}

static int close_section(struct parser *ps, const char *name)
{
	struct node *top;

	if (!ps->open->len) {
		set_error(ps->err, ps->file, ps->line, "'{{/%s}}' closes no section",
			  name);
		return -EINVAL;
	}
	top = ps->open->pdata[ps->open->len - 1];
	if (strcmp(top->text, name) != 0) {
		set_error(ps->err, ps->file, ps->line,
			  "'{{/%s}}' closes '{{#%s}}' of line %u", name, top->text,
			  top->line);
		return -EINVAL;
	}
	/* the parent's array no longer grows while a child is open: pointers hold */
	g_ptr_array_remove_index(ps->open, ps->open->len - 1);
	g_ptr_array_remove_index(ps->stack, ps->stack->len - 1);
	return 0;
}

/* Handle one tag whose content (without the braces, trimmed) is @tag. */
static int parse_tag(struct parser *ps, char sigil, char *tag, bool triple)
{
	struct node n = { .line = ps->line };

	if (!*tag) {
		set_error(ps->err, ps->file, ps->line, "empty tag");
		return -EINVAL;
	}
	switch (sigil) {
	case '!':
		return 0;
	case '#':
	case '^':
		n.type = sigil == '#' ? NODE_SECTION : NODE_INVERTED;
		n.text = g_strdup(tag);
		return open_section(ps, n);
	case '/':
		return close_section(ps, tag);
	case '>':
		n.type = NODE_PARTIAL;
		n.text = g_strdup(tag);
		add_node(ps, n);
		return 0;
	default:
		n.type = NODE_VAR;
		n.raw = triple || sigil == '&';
		n.text = g_strdup(tag);
		if (parse_width(ps, &n) < 0) {
			g_free(n.text);
			return -EINVAL;
		}
		add_node(ps, n);
		return 0;
	}
}

/* Whether the tag from @start to @end stands alone on its line. */
static bool standalone(const char *text, const char *start, const char *end)
{
	for (const char *q = start; q > text && q[-1] != '\n'; q--)
		if (q[-1] != ' ' && q[-1] != '\t')
			return false;
	for (const char *q = end; *q && *q != '\n'; q++)
		if (*q != ' ' && *q != '\t' && *q != '\r')
			return false;
	return true;
}

static int parse_all(struct parser *ps, const char *text)
{
	while (*ps->p) {
		const char *open = strstr(ps->p, "{{"), *close, *end, *before;
		bool triple;
		char sigil, *tag;
		int r;

		if (!open) {
			add_text(ps, ps->p, strlen(ps->p));
			break;
		}
		triple = open[2] == '{';
		close = strstr(open + 2 + triple, triple ? "}}}" : "}}");
		if (!close) {
			set_error(ps->err, ps->file,
				  ps->line + count_lines(ps->p, (size_t)(open - ps->p)),
				  "'{{' is never closed");
			return -EINVAL;
		}
		end = close + 2 + triple;
		sigil = triple ? '{' : open[2];
		before = open;
		if (strchr("#^/!>", sigil) && standalone(text, open, end)) {
			while (before > ps->p &&
			       (before[-1] == ' ' || before[-1] == '\t'))
				before--;
			end += strcspn(end, "\n");
			end += *end == '\n';
		}
		add_text(ps, ps->p, (size_t)(before - ps->p));
		ps->line += count_lines(ps->p, (size_t)(open - ps->p));
		tag = g_strndup(open + 2 + triple + (strchr("#^/!>&", sigil) != NULL),
				(size_t)(close - open) - 2 - triple -
					(strchr("#^/!>&", sigil) != NULL));
		g_strstrip(tag);
		r = parse_tag(ps, sigil, tag, triple);
		g_free(tag);
		if (r < 0)
			return r;
		ps->line += count_lines(open, (size_t)(end - open));
		ps->p = end;
	}
	if (ps->open->len) {
		const struct node *top = ps->open->pdata[ps->open->len - 1];

		set_error(ps->err, ps->file, top->line, "'{{#%s}}' is never closed",
			  top->text);
		return -EINVAL;
	}
	return 0;
}

int template_parse(const char *file, const char *text, struct template **out,
		   struct template_error *err)
{
	struct template *t = g_new0(struct template, 1);
	struct parser ps = { .file = file, .p = text, .line = 1, .err = err };
	int r;

	*out = NULL;
	t->file = g_strdup(file);
	t->nodes = g_array_new(FALSE, TRUE, sizeof(struct node));
	ps.stack = g_ptr_array_new();
	ps.open = g_ptr_array_new();
	g_ptr_array_add(ps.stack, t->nodes);
	r = parse_all(&ps, text);
	g_ptr_array_free(ps.stack, TRUE);
	g_ptr_array_free(ps.open, TRUE);
	if (r < 0) {
		template_free(t);
		return r;
	}
	*out = t;
	return 0;
}

/* ---- rendering ---- */

struct frame {
	const struct value *v;
	const char *key;   /* in a {{#name.*}} section: the member's key */
	size_t index, len; /* in an array section: which element, of how many */
	bool in_array;
};

struct renderer {
	const struct template *t; /* the one being rendered, for error places */
	enum template_escape escape;
	template_partial_fn partials;
	void *pdata;
	FILE *out;
	struct template_error *err;
	GArray *frames; /* struct frame, the innermost last */
	int depth;
	size_t written;      /* bytes, against max_output */
	unsigned long steps; /* nodes rendered, sections entered: against max_steps */
	GString *var;        /* emit_var()'s, reused: a report has thousands */
};

/* Write @len bytes of @s, unless the output would grow past its limit. */
static int emit(struct renderer *r, const struct node *n, const char *s, size_t len)
{
	if (len > max_output - r->written) {
		set_error(r->err, r->t->file, n->line,
			  "the output would be larger than %zu MiB", max_output >> 20);
		return -EFBIG;
	}
	r->written += len;
	fwrite(s, 1, len, r->out);
	return 0;
}

/* One more step of the walk: a template of a few lines can multiply its partials and
 * sections into more than any machine finishes, without writing a byte. */
static int step(struct renderer *r, const struct node *n)
{
	if (++r->steps <= max_steps)
		return 0;
	set_error(r->err, r->t->file, n->line,
		  "more than %lu steps to render: partials or sections repeat too often",
		  max_steps);
	return -EINVAL;
}

/* The innermost array or member-list section, or NULL outside any. */
static const struct frame *innermost_list(const struct renderer *r)
{
	for (guint i = r->frames->len; i > 0; i--) {
		const struct frame *f = &g_array_index(r->frames, struct frame, i - 1);

		if (f->in_array)
			return f;
	}
	return NULL;
}

static const struct value *lookup(struct renderer *r, const char *name, bool *special,
				  bool *truth)
{
	char buf[64], *head;
	size_t len;
	const struct value *v = NULL;
	bool dash = name[0] == '-'; /* spares most names four strcmp() */

	*special = false;
	if (dash && (strcmp(name, "-index") == 0 || strcmp(name, "-key") == 0))
		return NULL; /* emit_var() asks innermost_list() */
	if (dash && (strcmp(name, "-first") == 0 || strcmp(name, "-last") == 0)) {
		for (guint i = r->frames->len; i > 0; i--) {
			const struct frame *f =
				&g_array_index(r->frames, struct frame, i - 1);

			if (!f->in_array)
				continue;
			*special = true;
			*truth = name[1] == 'f' ? f->index == 0 : f->index + 1 == f->len;
			return NULL;
		}
		*special = true;
		*truth = false;
		return NULL;
	}
	if (strcmp(name, ".") == 0)
		return g_array_index(r->frames, struct frame, r->frames->len - 1).v;
	/* the first component in the frames, the rest below it; no allocation for the
	 * usual short names, as a report looks up thousands */
	len = strcspn(name, ".");
	head = len < sizeof(buf) ? buf : g_malloc(len + 1);
	memcpy(head, name, len);
	head[len] = '\0';
	for (guint i = r->frames->len; i > 0 && !v; i--)
		v = value_get(g_array_index(r->frames, struct frame, i - 1).v, head);
	if (v && name[len])
		v = value_path(v, name + len + 1);
	if (head != buf)
		g_free(head);
	return v;
}

static bool truthy(const struct value *v)
{
	switch (value_type(v)) {
	case VALUE_BOOL:
		return value_bool(v);
	case VALUE_INT:
		return value_int(v) != 0;
	case VALUE_STRING:
		return *value_str(v) != '\0';
	case VALUE_ARRAY:
		return value_len(v) > 0;
	case VALUE_OBJECT:
		return true;
	case VALUE_NULL:
		break;
	}
	return false;
}

static void escape_into(GString *s, const char *text, enum template_escape e)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		unsigned char c = *p;

		switch (e) {
		case TEMPLATE_ESCAPE_XML:
			if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'')
				g_string_append(s, c == '&' ? "&amp;" :
						   c == '<' ? "&lt;" :
						   c == '>' ? "&gt;" :
						   c == '"' ? "&quot;" :
							      "&#39;");
			else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				g_string_append_c(s, (char)c);
			break;
		case TEMPLATE_ESCAPE_TEXT:
			if (c == '\t') {
				g_string_append_c(s, (char)c);
				break;
			}
			/* fall through */
		case TEMPLATE_ESCAPE_LINE:
			if (c < 0x20 || c == 0x7f) {
				g_string_append_printf(s, "\\x%02x", c);
			} else if (c == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				/* C1 controls, U+0080..U+009F: U+009B starts a terminal
				   sequence as ESC [ does */
				g_string_append_printf(s, "\\u%04x", p[1]);
				p++;
			} else {
				g_string_append_c(s, (char)c);
			}
			break;
		case TEMPLATE_ESCAPE_MARKDOWN:
			if (c == '<' || c == '>' || c == '&')
				g_string_append(s, c == '<' ? "&lt;" :
						   c == '>' ? "&gt;" :
							      "&amp;");
			else if (strchr("\\`*_[]|#", c) && c)
				g_string_append_printf(s, "\\%c", c);
			else if (c < 0x20 || c == 0x7f)
				g_string_append_c(s, ' ');
			else
				g_string_append_c(s, (char)c);
			break;
		case TEMPLATE_ESCAPE_JSON:
			if (c == '"' || c == '\\')
				g_string_append_printf(s, "\\%c", c);
			else if (c < 0x20)
				g_string_append_printf(s, "\\u%04x", c);
			else
				g_string_append_c(s, (char)c);
			break;
		case TEMPLATE_ESCAPE_WORKFLOW:
			if (c == '%' || c == '\r' || c == '\n')
				g_string_append_printf(s, "%%%02X", c);
			else if (c < 0x20 || c == 0x7f)
				g_string_append_c(s, ' ');
			else
				g_string_append_c(s, (char)c);
			break;
		case TEMPLATE_ESCAPE_NONE:
			g_string_append_c(s, (char)c);
		}
	}
}

/* Whether a browser may break a line inside the name of @len bytes at @name: at a
 * hyphen and other punctuation (Unicode's line breaking), at any character it does not
 * know to be a letter of a word. Words with spaces between them are no name: they
 * break at their spaces. */
static bool may_break_inside(const char *name, size_t len)
{
	bool breaks = false;

	for (size_t i = 0; i < len; i++) {
		if (g_ascii_isspace(name[i]))
			return false;
		breaks |= !g_ascii_isalnum(name[i]) && !strchr("_.:<>*,=@+", name[i]);
	}
	return breaks;
}

/*
 * A path escaped for HTML, a line break allowed after each '/' but the first (<wbr>),
 * and nowhere else: a name a browser would break at a hyphen (hugepages-2048kB) is
 * kept whole. A long path wraps between its components, never inside a name.
 */
static void escape_path(GString *s, const char *text)
{
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "/");
		char *part = g_strndup(p, len);
		bool whole = may_break_inside(p, len);

		if (whole)
			g_string_append(s, "<span style=\"white-space:nowrap\">");
		escape_into(s, part, TEMPLATE_ESCAPE_XML);
		if (whole)
			g_string_append(s, "</span>");
		g_free(part);
		p += len;
		if (*p == '/') {
			g_string_append(s, p == text ? "/" : "/<wbr>");
			p++;
		}
	}
}

/* @pad spaces: a column a space, as values are padded in plain text. */
static int emit_pad(struct renderer *r, const struct node *n, glong pad)
{
	static const char spaces[] = "                                ";
	int ret = 0;

	while (pad > 0 && !ret) {
		size_t k = MIN((size_t)pad, sizeof(spaces) - 1);

		ret = emit(r, n, spaces, k);
		pad -= (glong)k;
	}
	return ret;
}

static int emit_var(struct renderer *r, const struct node *n, const struct value *v)
{
	GString *s = g_string_truncate(r->var, 0);
	char num[32];
	const char *text = "";
	glong pad;
	int ret;

	if (n->text[0] == '-' &&
	    (strcmp(n->text, "-index") == 0 || strcmp(n->text, "-key") == 0)) {
		const struct frame *f = innermost_list(r);

		if (f && n->text[1] == 'i') {
			snprintf(num, sizeof(num), "%zu", f->index + 1);
			text = num;
		} else if (f && f->key) {
			text = f->key;
		}
	} else if (value_type(v) == VALUE_STRING) {
		text = value_str(v);
	} else if (value_type(v) == VALUE_INT) {
		snprintf(num, sizeof(num), "%lld", value_int(v));
		text = num;
	} else if (value_type(v) == VALUE_BOOL) {
		text = value_bool(v) ? "true" : "false";
	}
	if (n->path && !n->raw && r->escape == TEMPLATE_ESCAPE_XML)
		escape_path(s, text);
	else
		escape_into(s, text, n->raw ? TEMPLATE_ESCAPE_NONE : r->escape);
	pad = n->width ? n->width - g_utf8_strlen(s->str, (gssize)s->len) : 0;
	ret = n->right ? emit_pad(r, n, pad) : 0;
	if (!ret)
		ret = emit(r, n, s->str, s->len);
	if (!ret && !n->right)
		ret = emit_pad(r, n, pad);
	return ret;
}

static int render_nodes(struct renderer *r, const GArray *nodes);

static int push_render(struct renderer *r, const struct node *n, struct frame f)
{
	int ret = step(r, n);

	if (ret)
		return ret;
	g_array_append_val(r->frames, f);
	ret = render_nodes(r, n->kids);
	g_array_set_size(r->frames, r->frames->len - 1);
	return ret;
}

/* {{#name.*}}: once per member of the object @name, with {{-key}} its key. */
static int render_members(struct renderer *r, const struct node *n)
{
	size_t len = strcmp(n->text, "*") == 0 ? 0 : strlen(n->text) - 2;
	char *name = g_strndup(n->text, len);
	bool special, truth;
	const struct value *v =
		len ? lookup(r, name, &special, &truth) :
		      g_array_index(r->frames, struct frame, r->frames->len - 1).v;
	size_t count = value_type(v) == VALUE_OBJECT ? value_len(v) : 0;
	int ret = 0;

	g_free(name);
	if (n->type == NODE_INVERTED)
		return count ? 0 : render_nodes(r, n->kids);
	for (size_t i = 0; i < count && !ret; i++)
		ret = push_render(r, n,
				  (struct frame){ value_at(v, i), value_key_at(v, i), i,
						  count, true });
	return ret;
}

static bool is_members(const char *name)
{
	size_t len = strlen(name);

	return strcmp(name, "*") == 0 || (len > 2 && strcmp(name + len - 2, ".*") == 0);
}

static int render_section(struct renderer *r, const struct node *n)
{
	bool special, truth = false;
	const struct value *v;
	int ret = 0;

	if (is_members(n->text))
		return render_members(r, n);
	v = lookup(r, n->text, &special, &truth);

	if (!special)
		truth = truthy(v);
	if (n->type == NODE_INVERTED)
		return truth ? 0 : render_nodes(r, n->kids);
	if (!truth)
		return 0;
	if (special)
		return render_nodes(r, n->kids);
	if (value_type(v) == VALUE_ARRAY) {
		for (size_t i = 0; i < value_len(v) && !ret; i++)
			ret = push_render(r, n,
					  (struct frame){ value_at(v, i), NULL, i,
							  value_len(v), true });
		return ret;
	}
	if (value_type(v) == VALUE_OBJECT)
		return push_render(r, n, (struct frame){ v, NULL, 0, 0, false });
	return render_nodes(r, n->kids);
}

static int render_partial(struct renderer *r, const struct node *n)
{
	const struct template *p = r->partials ? r->partials(r->pdata, n->text) : NULL;
	const struct template *saved = r->t;
	int ret;

	if (!p) {
		set_error(r->err, r->t->file, n->line, "no template '%s' for '{{> %s}}'",
			  n->text, n->text);
		return -EINVAL;
	}
	if (r->depth >= TEMPLATE_MAX_PARTIAL_DEPTH) {
		set_error(r->err, r->t->file, n->line, "partials nested deeper than %d",
			  TEMPLATE_MAX_PARTIAL_DEPTH);
		return -EINVAL;
	}
	r->depth++;
	r->t = p;
	ret = render_nodes(r, p->nodes);
	r->t = saved;
	r->depth--;
	return ret;
}

static int render_nodes(struct renderer *r, const GArray *nodes)
{
	int ret = 0;
	bool special, truth;

	for (guint i = 0; i < nodes->len && !ret; i++) {
		const struct node *n = &g_array_index(nodes, struct node, i);

		ret = step(r, n);
		if (ret)
			break;
		switch (n->type) {
		case NODE_TEXT:
			ret = emit(r, n, n->text, n->len);
			break;
		case NODE_VAR:
			ret = emit_var(r, n, lookup(r, n->text, &special, &truth));
			break;
		case NODE_SECTION:
		case NODE_INVERTED:
			ret = render_section(r, n);
			break;
		case NODE_PARTIAL:
			ret = render_partial(r, n);
			break;
		}
	}
	return ret;
}

int template_render_layers(const struct template *t, const struct value *const *layers,
			   size_t n_layers, enum template_escape escape,
			   template_partial_fn partials, void *pdata, FILE *out,
			   struct template_error *err)
{
	struct renderer r = { t, escape, partials, pdata, out, err, NULL, 0, 0, 0, NULL };
	int ret;

	r.frames = g_array_new(FALSE, FALSE, sizeof(struct frame));
	r.var = g_string_new(NULL);
	for (size_t i = 0; i < n_layers; i++) {
		struct frame f = { layers[i], NULL, 0, 0, false };

		g_array_append_val(r.frames, f);
	}
	ret = render_nodes(&r, t->nodes);
	g_array_free(r.frames, TRUE);
	g_string_free(r.var, TRUE);
	if (ret == 0 && ferror(out)) {
		set_error(err, t->file, 0, "cannot write the report");
		ret = -EIO;
	}
	return ret;
}

int template_render(const struct template *t, const struct value *data,
		    enum template_escape escape, template_partial_fn partials,
		    void *pdata, FILE *out, struct template_error *err)
{
	return template_render_layers(t, &data, 1, escape, partials, pdata, out, err);
}
