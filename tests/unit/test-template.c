// SPDX-License-Identifier: GPL-2.0-or-later
/* The template engine: the language, escaping of hostile strings, errors with file:line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "report/template.h"
#include "unit.h"

/* Render @text over @data; returns the output (free it), or NULL with @err filled. */
static char *render(const char *text, const struct value *data, enum template_escape e,
		    struct template_error *err)
{
	struct template *t;
	char *buf = NULL;
	size_t len;
	FILE *f;
	int r;

	memset(err, 0, sizeof(*err));
	if (template_parse("t.tmpl", text, &t, err) < 0)
		return NULL;
	f = open_memstream(&buf, &len);
	r = template_render(t, data, e, NULL, NULL, f, err);
	fclose(f);
	template_free(t);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void expect(const char *text, const struct value *data, enum template_escape e,
		   const char *want)
{
	struct template_error err;
	char *got = render(text, data, e, &err);

	CU_ASSERT_PTR_NOT_NULL(got);
	if (got && strcmp(got, want) != 0)
		fprintf(stderr, "\n  template %s\n  gave [%s]\n  want [%s]\n", text, got,
			want);
	CU_ASSERT_STRING_EQUAL(got ? got : "", want);
	free(got);
}

static struct value *sample(void)
{
	struct value *v = value_object_new(), *list, *o;

	value_set_str(v, "name", "sysabi");
	value_set_int(v, "count", 3);
	value_set_bool(v, "yes", true);
	value_set_bool(v, "no", false);
	value_set_str(v, "empty", "");
	list = value_set(v, "list", value_array_new());
	for (int i = 0; i < 3; i++) {
		o = value_append(list, value_object_new());
		value_set_int(o, "n", i);
		value_set_str(o, "name", i == 1 ? "one" : "x");
	}
	value_set(v, "none", value_array_new());
	o = value_set(v, "obj", value_object_new());
	value_set_str(o, "inner", "deep");
	return v;
}

#define LONG_NAME "a_name_much_longer_than_any_a_report_template_holds_so_far_0123456789"

static void test_variables_and_sections(void)
{
	struct value *v = sample();

	expect("{{name}} has {{count}}", v, TEMPLATE_ESCAPE_NONE, "sysabi has 3");
	expect("[{{missing}}][{{yes}}][{{no}}]", v, TEMPLATE_ESCAPE_NONE,
	       "[][true][false]");
	expect("{{obj.inner}} {{#obj}}{{inner}}/{{name}}{{/obj}}", v,
	       TEMPLATE_ESCAPE_NONE, "deep deep/sysabi");
	expect("{{#list}}{{n}}{{name}}{{^-last}},{{/-last}}{{/list}}", v,
	       TEMPLATE_ESCAPE_NONE, "0x,1one,2x");
	expect("{{#list}}{{#-first}}first:{{/-first}}{{n}} {{/list}}", v,
	       TEMPLATE_ESCAPE_NONE, "first:0 1 2 ");
	expect("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^none}}empty{{/none}}",
	       v, TEMPLATE_ESCAPE_NONE, "Ynempty");
	expect("{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}{{#count}}C{{/count}}", v,
	       TEMPLATE_ESCAPE_NONE, "eC");
	expect("{{#list}}{{.}}{{/list}}{{! a comment }}", v, TEMPLATE_ESCAPE_NONE, "");
	expect("{{name:8}}|{{count:>4}}|{{name:2}}|", v, TEMPLATE_ESCAPE_NONE,
	       "sysabi  |   3|sysabi|");
	/* a name longer than the lookup's buffer */
	value_set_str(value_set(v, LONG_NAME, value_object_new()), "x", "long");
	expect("{{" LONG_NAME ".x}}|{{" LONG_NAME "}}|{{" LONG_NAME "z}}", v,
	       TEMPLATE_ESCAPE_NONE, "long||");
	value_free(v);
}

static void test_standalone_lines(void)
{
	struct value *v = sample();

	expect("start\n  {{#list}}\n- {{n}}\n  {{/list}}\n{{! note }}\nend\n", v,
	       TEMPLATE_ESCAPE_NONE, "start\n- 0\n- 1\n- 2\nend\n");
	/* a tag with text beside it is no standalone line */
	expect("a {{#yes}}b{{/yes}}\n", v, TEMPLATE_ESCAPE_NONE, "a b\n");
	value_free(v);
}

static void test_escaping(void)
{
	struct value *v = value_object_new();

	value_set_str(v, "s", "<a href=\"x\">&'</a>\t\x01\n");
	/* invalid UTF-8 is repaired when the model is built */
	value_set_str(v, "bad", "caf\xe9|*_`");
	value_set_str(v, "wide", "\xc3\xa9t\xc3\xa9");
	value_set_str(v, "esc", "\x1b[31mred\r\x7f");
	value_set_str(v, "c1",
		      "a\xc2\x9b"
		      "31mb\xc2\xa0"
		      "c\xc2\x80");
	expect("{{s}}", v, TEMPLATE_ESCAPE_XML,
	       "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;\t\n");
	expect("{{{s}}}|{{& s}}", v, TEMPLATE_ESCAPE_XML,
	       "<a href=\"x\">&'</a>\t\x01\n|<a href=\"x\">&'</a>\t\x01\n");
	expect("{{s}}", v, TEMPLATE_ESCAPE_LINE, "<a href=\"x\">&'</a>\\x09\\x01\\x0a");
	/* C1 controls too (U+009B is CSI); U+00A0 is a character like any other */
	expect("{{c1}}", v, TEMPLATE_ESCAPE_LINE,
	       "a\\u009b31mb\xc2\xa0"
	       "c\\u0080");
	expect("{{c1}}", v, TEMPLATE_ESCAPE_TEXT,
	       "a\\u009b31mb\xc2\xa0"
	       "c\\u0080");
	/* text keeps the tabs the documentation lays its fields out with */
	expect("{{s}}", v, TEMPLATE_ESCAPE_TEXT, "<a href=\"x\">&'</a>\t\\x01\\x0a");
	expect("{{esc}}|{{{esc}}}", v, TEMPLATE_ESCAPE_TEXT,
	       "\\x1b[31mred\\x0d\\x7f|\x1b[31mred\r\x7f");
	expect("{{s}}", v, TEMPLATE_ESCAPE_MARKDOWN,
	       "&lt;a href=\"x\"&gt;&amp;'&lt;/a&gt;   ");
	expect("{{bad}}", v, TEMPLATE_ESCAPE_MARKDOWN, "caf\xef\xbf\xbd\\|\\*\\_\\`");
	expect("{{bad}}", v, TEMPLATE_ESCAPE_XML, "caf\xef\xbf\xbd|*_`");
	/* widths count characters, not bytes */
	expect("{{wide:5}}|", v, TEMPLATE_ESCAPE_NONE, "\xc3\xa9t\xc3\xa9  |");
	/* a path wraps after its slashes, the first one aside; escaped all the same */
	value_set_str(v, "path", "/sys/class/<*>/a&b/");
	value_set_str(v, "rel", "testing/sysfs-a\"b");
	expect("{{path:/}}|{{rel:/}}|{{name:/}}|", v, TEMPLATE_ESCAPE_XML,
	       "/sys/<wbr>class/<wbr>&lt;*&gt;/<wbr>"
	       "<span style=\"white-space:nowrap\">a&amp;b</span>/<wbr>|"
	       "testing/<wbr><span style=\"white-space:nowrap\">sysfs-a&quot;b</span>||");
	/* words with spaces between them break at their spaces */
	value_set_str(v, "words", "see a-b or c/d-e f");
	expect("{{words:/}}", v, TEMPLATE_ESCAPE_XML, "see a-b or c/<wbr>d-e f");
	expect("{{path:/}}|{{{path:/}}}", v, TEMPLATE_ESCAPE_MARKDOWN,
	       "/sys/class/&lt;\\*&gt;/a&amp;b/|/sys/class/<*>/a&b/");
	expect("{{{path:/}}}", v, TEMPLATE_ESCAPE_XML, "/sys/class/<*>/a&b/");
	value_free(v);
}

static void expect_error(const char *text, unsigned int line, const char *msg)
{
	struct template_error err;
	struct value *v = sample();
	char *got = render(text, v, TEMPLATE_ESCAPE_NONE, &err);

	CU_ASSERT_PTR_NULL(got);
	free(got);
	CU_ASSERT_STRING_EQUAL(err.file, "t.tmpl");
	CU_ASSERT_EQUAL(err.line, line);
	if (!strstr(err.message, msg))
		fprintf(stderr, "\n  error for %s: %u: %s\n", text, err.line,
			err.message);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, msg));
	value_free(v);
}

static void test_errors(void)
{
	expect_error("a\nb\n{{#list}}\nc\n", 3, "'{{#list}}' is never closed");
	expect_error("a\n{{#list}}\n{{/lost}}\n", 3,
		     "'{{/lost}}' closes '{{#list}}' of line 2");
	expect_error("\n\n{{/x}}", 3, "closes no section");
	expect_error("one\ntwo {{name", 2, "never closed");
	expect_error("{{name:wide}}", 1, "bad width");
	expect_error("{{name://}}", 1, "bad width");
	expect_error("x\n{{> nowhere}}\n", 2, "no template 'nowhere'");
	expect_error("{{}}", 1, "empty tag");
}

/*
 * Sections nested over a list of three, twenty deep, would render 3^20 times: stopped,
 * here at a lower bound than the real one, so that valgrind gets there soon.
 */
static void test_work_bound(void)
{
	GString *text = g_string_new("x\n");

	template_limits_for_tests(0, 100000);
	for (int i = 0; i < 20; i++)
		g_string_append(text, "{{#list}}");
	g_string_append(text, "{{n}}");
	for (int i = 0; i < 20; i++)
		g_string_append(text, "{{/list}}");
	expect_error(text->str, 2, "more than 100000 steps to render");
	template_limits_for_tests(0, 0);
	g_string_free(text, TRUE);
}

/*
 * Sections nested 340,000 deep, as 4 MiB of template hold: the tree they made was
 * freed by a recursion that overflowed the stack. Now refused on the 101st.
 */
static void test_deep_nesting(void)
{
	GString *text = g_string_new("x\n");

	for (int i = 0; i < 340000; i++)
		g_string_append(text, "{{#a}}");
	for (int i = 0; i < 340000; i++)
		g_string_append(text, "{{/a}}");
	expect_error(text->str, 2, "sections nested deeper than 100");
	g_string_free(text, TRUE);
}

static const struct template *find_partial(void *data, const char *name)
{
	return strcmp(name, "row") == 0 ? data : strcmp(name, "self") == 0 ? data : NULL;
}

static void test_partials(void)
{
	struct template *row, *t, *self;
	struct template_error err;
	struct value *v = sample();
	char *buf = NULL;
	size_t len;
	FILE *f;

	CU_ASSERT_EQUAL_FATAL(template_parse("row.tmpl", "<{{n}}>", &row, &err), 0);
	CU_ASSERT_EQUAL_FATAL(
		template_parse("main.tmpl", "{{#list}}{{> row}}{{/list}}", &t, &err), 0);
	f = open_memstream(&buf, &len);
	CU_ASSERT_EQUAL(template_render(t, v, TEMPLATE_ESCAPE_NONE, find_partial, row, f,
					&err),
			0);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(buf, "<0><1><2>");
	free(buf);
	/* a partial that includes itself stops, with an error naming the place */
	CU_ASSERT_EQUAL_FATAL(template_parse("self.tmpl", "x\n{{> self}}", &self, &err),
			      0);
	f = open_memstream(&buf, &len);
	CU_ASSERT_EQUAL(template_render(self, v, TEMPLATE_ESCAPE_NONE, find_partial, self,
					f, &err),
			-EINVAL);
	fclose(f);
	free(buf);
	CU_ASSERT_STRING_EQUAL(err.file, "self.tmpl");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "nested deeper"));
	template_free(self);
	template_free(row);
	template_free(t);
	value_free(v);
}

/* Partials p0 to p@n: each @prefix then @copies times the next one; the last, "leaf". */
#define CHAIN 40
struct chain {
	struct template *t[CHAIN + 1];
};

static const struct template *find_in_chain(void *data, const char *name)
{
	struct chain *c = data;
	int i;

	return sscanf(name, "p%d", &i) == 1 && i >= 0 && i <= CHAIN ? c->t[i] : NULL;
}

static void chain_init(struct chain *c, const char *prefix, int copies, int n)
{
	struct template_error err;
	char file[32];

	memset(c, 0, sizeof(*c));
	for (int i = 0; i <= n; i++) {
		GString *text = g_string_new(i < n ? prefix : "leaf");

		for (int k = 0; i < n && k < copies; k++)
			g_string_append_printf(text, "{{> p%d}}", i + 1);
		snprintf(file, sizeof(file), "p%d.tmpl", i);
		CU_ASSERT_EQUAL(template_parse(file, text->str, &c->t[i], &err), 0);
		g_string_free(text, TRUE);
	}
}

static void chain_release(struct chain *c)
{
	for (int i = 0; i <= CHAIN; i++)
		template_free(c->t[i]);
}

/* Render @t (with the chain's partials) and return its status; @out gets the output. */
static int render_with(const struct template *t, struct chain *c, char **out,
		       struct template_error *err)
{
	struct value *v = sample();
	size_t len;
	FILE *f = open_memstream(out, &len);
	int r;

	memset(err, 0, sizeof(*err));
	r = template_render(t, v, TEMPLATE_ESCAPE_NONE, find_in_chain, c, f, err);
	fclose(f);
	value_free(v);
	return r;
}

/* What stops a template that multiplies: depth, steps, bytes, each with file:line. */
static void test_limits(void)
{
	struct template_error err;
	struct template *t;
	struct chain c;
	char *out;

	/* each includes the next twice: 2^40 leaves without a bound; the first path down
	   stops at it, in the partial one level too deep */
	chain_init(&c, "x\n", 2, CHAIN);
	CU_ASSERT_EQUAL(render_with(c.t[0], &c, &out, &err), -EINVAL);
	free(out);
	CU_ASSERT_STRING_EQUAL(err.file, "p16.tmpl");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "partials nested deeper than 16"));
	chain_release(&c);
	/* as deep as the bound is fine */
	chain_init(&c, "", 1, TEMPLATE_MAX_PARTIAL_DEPTH);
	CU_ASSERT_EQUAL(render_with(c.t[0], &c, &out, &err), 0);
	CU_ASSERT_STRING_EQUAL(out, "leaf");
	free(out);
	chain_release(&c);

	/* steps: sections nested over one array repeat without any partial, and write
	   nothing; 4^10 steps, more than the bound lowered to 1000 */
	template_limits_for_tests(0, 1000);
	CU_ASSERT_EQUAL_FATAL(
		template_parse("t.tmpl",
			       "{{#list}}{{#list}}{{#list}}\n{{#list}}{{#list}}"
			       "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}"
			       "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}"
			       "{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}",
			       &t, &err),
		0);
	CU_ASSERT_EQUAL(render_with(t, NULL, &out, &err), -EINVAL);
	free(out);
	CU_ASSERT_STRING_EQUAL(err.file, "t.tmpl");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "more than 1000 steps to render"));
	template_free(t);
	/* partials within the depth, each including the next five times: 5^10 */
	chain_init(&c, "", 5, 10);
	CU_ASSERT_EQUAL(render_with(c.t[0], &c, &out, &err), -EINVAL);
	free(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "more than 1000 steps to render"));
	chain_release(&c);

	/* bytes: up to the bound, and not one more, padding included */
	template_limits_for_tests(30, 0);
	CU_ASSERT_EQUAL_FATAL(
		template_parse("t.tmpl", "{{#list}}0123456789{{/list}}", &t, &err), 0);
	CU_ASSERT_EQUAL(render_with(t, NULL, &out, &err), 0);
	CU_ASSERT_EQUAL(strlen(out), 30);
	free(out);
	template_free(t);
	CU_ASSERT_EQUAL_FATAL(
		template_parse("t.tmpl", "\n{{#list}}0123456789{{/list}}!", &t, &err), 0);
	CU_ASSERT_EQUAL(render_with(t, NULL, &out, &err), -EFBIG);
	free(out);
	CU_ASSERT_STRING_EQUAL(err.file, "t.tmpl");
	CU_ASSERT_EQUAL(err.line, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "the output would be larger than"));
	template_free(t);
	CU_ASSERT_EQUAL_FATAL(template_parse("t.tmpl", "{{name:40}}", &t, &err), 0);
	CU_ASSERT_EQUAL(render_with(t, NULL, &out, &err), -EFBIG);
	free(out);
	template_free(t);
	template_limits_for_tests(0, 0);
}

/* {{-index}}, members of an object with {{-key}}, and names found in an outer layer. */
static void test_members_and_layers(void)
{
	struct value *v = sample(), *levels, *view, *o;
	const struct value *layers[2];
	struct template_error err;
	struct template *t;
	char *buf = NULL;
	size_t len;
	FILE *f;

	levels = value_set(v, "levels", value_object_new());
	o = value_set(levels, "stable", value_object_new());
	value_set_int(o, "files", 2);
	o = value_set(levels, "testing", value_object_new());
	value_set_int(o, "files", 5);
	value_set(v, "none", value_object_new());
	expect("{{#list}}{{-index}}.{{name}} {{/list}}", v, TEMPLATE_ESCAPE_NONE,
	       "1.x 2.one 3.x ");
	expect("{{#levels.*}}{{-key}}={{files}}{{^-last}}, {{/-last}}{{/levels.*}}", v,
	       TEMPLATE_ESCAPE_NONE, "stable=2, testing=5");
	/* inside a member, the outer list's numbering is not the member's */
	expect("{{#list}}{{#-first}}{{#levels.*}}{{-index}}{{-key:8}}|{{/levels.*}}{{/-first}}{{/list}}",
	       v, TEMPLATE_ESCAPE_NONE, "1stable  |2testing |");
	expect("{{#none.*}}x{{/none.*}}{{^none.*}}no members{{/none.*}}{{^name.*}}!{{/name.*}}",
	       v, TEMPLATE_ESCAPE_NONE, "no members!");
	expect("{{#obj}}{{#*}}{{-key}}:{{.}}{{/*}}{{/obj}}|{{-index}}{{-key}}|", v,
	       TEMPLATE_ESCAPE_NONE, "inner:deep||");

	/* the view layer wins over the model; the model still answers what the view lacks */
	view = value_object_new();
	value_set_str(view, "name", "view");
	value_set_str(view, "extra", "<e>");
	layers[0] = v;
	layers[1] = view;
	CU_ASSERT_EQUAL_FATAL(
		template_parse("l.tmpl", "{{name}} {{count}} {{extra}}", &t, &err), 0);
	f = open_memstream(&buf, &len);
	CU_ASSERT_EQUAL(template_render_layers(t, layers, 2, TEMPLATE_ESCAPE_XML, NULL,
					       NULL, f, &err),
			0);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(buf, "view 3 &lt;e&gt;");
	free(buf);
	template_free(t);
	value_free(view);
	value_free(v);
}

void test_template_register(void)
{
	static const struct unit_test tests[] = {
		{ "variables and sections", test_variables_and_sections },
		{ "standalone lines", test_standalone_lines },
		{ "escaping", test_escaping },
		{ "errors", test_errors },
		{ "work bound", test_work_bound },
		{ "deep nesting", test_deep_nesting },
		{ "partials", test_partials },
		{ "limits", test_limits },
		{ "members and layers", test_members_and_layers },
		{},
	};

	unit_add_suite("template", tests);
}
