// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Rendering reports: hostile strings (markup, quotes, control characters, invalid
 * UTF-8, table and emphasis characters, newlines) reach every format escaped for it,
 * through sysabi's own templates in report-templates/.
 */
#include <stdlib.h>
#include <string.h>

#include "docs/docs.h"
#include "report/checks.h"
#include "cli/cli.h"
#include "report/render.h"
#include "unit.h"

/* Every trick at once: markup, entities, quotes, control bytes, an ANSI escape,
 * Markdown's table and emphasis, a newline, bytes that are not UTF-8. */
#define HOSTILE \
	"<script>alert('x')</script> & \"q\" \x01\x1b[31m|*_`# [a](b)\nnext \xff\xfe"

/* A validate report whose tree, file and message are hostile. */
static struct value *hostile_report(void)
{
	struct value *r = value_object_new(), *v, *d, *s, *l;

	value_set_int(r, "schema_version", 1);
	value_set_str(r, "command", "validate");
	v = value_set(r, "abi", value_object_new());
	value_set_str(v, "dir", "/tmp/" HOSTILE);
	value_set_str(v, "origin", "--abi");
	value_set_str(v, "kernel_version", HOSTILE);
	v = value_set(r, "diagnostics", value_array_new());
	d = value_append(v, value_object_new());
	value_set_str(d, "file", "testing/" HOSTILE);
	value_set_int(d, "line", 7);
	value_set_str(d, "severity", "warning");
	value_set_str(d, "kind", "tag-unknown");
	value_set_str(d, "message", "tag '" HOSTILE "' is not known");
	value_set(d, "related", value_array_new());
	s = value_set(r, "summary", value_object_new());
	value_set_int(s, "files", 1);
	value_set_int(s, "entries", 1);
	value_set_int(s, "whats", 1);
	l = value_set(value_set(s, "levels", value_object_new()), "testing",
		      value_object_new());
	value_set_int(l, "files", 1);
	value_set_int(l, "entries", 1);
	value_set_int(l, "whats", 1);
	value_set(s, "what_kinds", value_object_new());
	v = value_set(s, "diagnostics", value_object_new());
	value_set_int(v, "error", 0);
	value_set_int(v, "warning", 1);
	value_set_int(v, "lint", 0);
	value_set(s, "diagnostics_by_kind", value_array_new());
	value_set_bool(r, "lint_shown", false);
	value_set_bool(r, "werror", true);
	value_set_str(r, "result", "fail");
	report_add_checks(r, &validate_report_kind);
	return r;
}

static char *render_in(enum output_format format)
{
	struct value *r = hostile_report();
	struct render_options opt = { .kind = &validate_report_kind, .format = format };
	struct template_error err;
	char *buf = NULL;
	size_t len;
	int ret = render_report(r, &opt, &buf, &len, &err);

	if (ret < 0)
		fprintf(stderr, "\n  %s: %d %s:%u: %s\n", format_name(format), ret,
			err.file[0] ? err.file : "-", err.line, err.message);
	CU_ASSERT_EQUAL(ret, 0);
	CU_ASSERT_EQUAL(buf ? strlen(buf) : 0, len); /* no NUL smuggled in */
	value_free(r);
	return buf;
}

/* No control byte but the newlines and tabs of the templates' own layout. The
 * hostile strings have neither tab nor a raw control byte left after escaping. */
static bool clean_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return false;
	return true;
}

static bool has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

static void test_html(void)
{
	char *s = render_in(FORMAT_HTML);

	CU_ASSERT_FALSE(has(s, "<script>alert"));
	CU_ASSERT_TRUE(has(
		s,
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
	CU_ASSERT_TRUE(clean_controls(s));
	CU_ASSERT_TRUE(has(s, "\xef\xbf\xbd")); /* invalid bytes became U+FFFD */
	/* an attribute cannot be left: the hostile text never holds a raw quote */
	CU_ASSERT_FALSE(has(s, "\"q\""));
	CU_ASSERT_TRUE(has(
		s, "data-check=\"tag-unknown\" data-status=\"fail\" data-count=\"1\""));
	free(s);
}

static void test_junit(void)
{
	char *s = render_in(FORMAT_JUNIT);

	CU_ASSERT_FALSE(has(s, "<script>"));
	CU_ASSERT_TRUE(has(s, "name=\"testing/&lt;script&gt;alert(&#39;x&#39;)"));
	CU_ASSERT_TRUE(clean_controls(s));
	CU_ASSERT_TRUE(has(s, "<failure type=\"tag-unknown\""));
	free(s);
}

static void test_ktap(void)
{
	char *s = render_in(FORMAT_KTAP);

	CU_ASSERT_TRUE(clean_controls(s));
	CU_ASSERT_TRUE(has(s, "\\x01\\x1b[31m"));
	CU_ASSERT_TRUE(has(s, "\\x0anext"));
	CU_ASSERT_TRUE(has(s, "not ok 10 tag-unknown\n"));
	/* every line is one KTAP knows: the hostile newline did not start a line */
	for (const char *line = s ?: ""; *line; line += strcspn(line, "\n") + 1) {
		bool known = !strncmp(line, "KTAP version 1", 14) ||
			     !strncmp(line, "1..", 3) || !strncmp(line, "# ", 2) ||
			     !strncmp(line, "ok ", 3) || !strncmp(line, "not ok ", 7);

		if (!known)
			fprintf(stderr, "\n  not a KTAP line: %.*s\n",
				(int)strcspn(line, "\n"), line);
		CU_ASSERT_TRUE(known);
		if (!line[strcspn(line, "\n")])
			break;
	}
	free(s);
}

static void test_markdown(void)
{
	char *s = render_in(FORMAT_MARKDOWN);
	const char *row = s ? strstr(s, "| testing/") : NULL;

	CU_ASSERT_TRUE(clean_controls(s));
	CU_ASSERT_FALSE(has(s, "<script>"));
	CU_ASSERT_TRUE(has(s, "&lt;script&gt;"));
	CU_ASSERT_TRUE(has(s, "\\|\\*\\_\\`\\# \\[a\\](b) next"));
	/* the finding's row is one line with its four cells: no | or newline broke it */
	CU_ASSERT_PTR_NOT_NULL(row);
	if (row) {
		size_t len = strcspn(row, "\n"), bars = 0;

		for (size_t i = 0; i < len; i++)
			bars += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
		CU_ASSERT_EQUAL(bars, 5);
	}
	free(s);
}

static void test_json(void)
{
	char *s = render_in(FORMAT_JSON);

	CU_ASSERT_TRUE(clean_controls(s));
	CU_ASSERT_TRUE(has(s, "\\u0001\\u001b[31m"));
	CU_ASSERT_TRUE(has(s, "\\nnext \xef\xbf\xbd\xef\xbf\xbd"));
	CU_ASSERT_TRUE(has(s, "\\\"q\\\""));
	free(s);
}

/* Every report format knows its name and its template is found. */
static void test_formats(void)
{
	enum output_format f;

	CU_ASSERT_EQUAL(format_parse("ktap", &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_KTAP);
	CU_ASSERT_EQUAL(format_parse("tap", &f), -EINVAL);
	CU_ASSERT_TRUE(format_needs_checks(FORMAT_HTML));
	CU_ASSERT_FALSE(format_needs_checks(FORMAT_JSON));
	for (int i = 0; i < FORMAT_COUNT; i++)
		CU_ASSERT_TRUE(strstr(format_list(), format_name(i)) != NULL);
	CU_ASSERT_STRING_EQUAL(format_list(),
			       "text, json, markdown, html, junit, ktap, sarif, github");
	CU_ASSERT_EQUAL(format_of_file("r.sarif", &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_SARIF);
	CU_ASSERT_EQUAL(format_of_file("r.github", &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_GITHUB);
	CU_ASSERT_EQUAL(format_of_file("r.htm", &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_HTML);
	CU_ASSERT_EQUAL(format_of_file("r.tap", &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_KTAP);
	CU_ASSERT_EQUAL(format_of_file(".json", &f), -EINVAL); /* a suffix, no name */
	CU_ASSERT_EQUAL(format_of_file("out/.json", &f), -EINVAL);
	CU_ASSERT_EQUAL(format_of_file("out.d/r.md", &f), 0);
	CU_ASSERT_EQUAL(format_of_file("r.jsonx", &f), -EINVAL);
	CU_ASSERT_TRUE(format_kselftest_exit(FORMAT_KTAP));
	CU_ASSERT_FALSE(format_kselftest_exit(FORMAT_JUNIT));
	CU_ASSERT_FALSE(format_has_checks(FORMAT_TEXT));
	CU_ASSERT_TRUE(format_has_checks(FORMAT_JSON));
}

/*
 * The help, written by hand, names every format of the table, and every file name it
 * gives for -o is one of theirs, one at least a format: a new format cannot be left out.
 */
static void test_formats_in_help(void)
{
	const char *help = CLI_COMMON_HELP, *p = strstr(help, "--format FORMAT");
	const char *q = strstr(help, "(.json");
	bool seen[FORMAT_COUNT] = { false };
	enum output_format f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	for (int i = 0; i < FORMAT_COUNT; i++) {
		char word[32];

		snprintf(word, sizeof(word), " %s", format_name(i));
		if (!strstr(p, word))
			fprintf(stderr, "\n  --help does not name the format %s\n",
				format_name(i));
		CU_ASSERT_PTR_NOT_NULL(strstr(p, word));
	}
	/* "(.json .md .html .xml .ktap .sarif\n     .github .txt)": lines may break it */
	while (*q && *q != ')') {
		char name[32] = "r";
		size_t n;

		if (*q != '.') {
			q++;
			continue;
		}
		n = strcspn(q, " \n)");
		CU_ASSERT_FATAL(n < sizeof(name) - 1);
		memcpy(name + 1, q, n);
		name[n + 1] = '\0';
		CU_ASSERT_EQUAL_FATAL(format_of_file(name, &f), 0);
		seen[f] = true;
		q += n;
	}
	for (int i = 0; i < FORMAT_COUNT; i++)
		CU_ASSERT_TRUE(seen[i]);
}

/* An object that extends another answers from its own keys, then from its base's. */
static void test_extend(void)
{
	struct value *base = value_object_new(), *v, *copy;

	value_set_str(base, "pattern", "/sys/x");
	value_set_int(base, "count", 3);
	v = value_object_extend(base);
	value_set_int(v, "count", 4);
	value_set_str(v, "extra", "e");
	CU_ASSERT_STRING_EQUAL(value_str(value_get(v, "pattern")), "/sys/x");
	CU_ASSERT_EQUAL(value_int(value_get(v, "count")), 4); /* its own first */
	CU_ASSERT_STRING_EQUAL(value_str(value_get(v, "extra")), "e");
	CU_ASSERT_PTR_NULL(value_get(v, "none"));
	CU_ASSERT_EQUAL(value_len(v), 2); /* its own keys only */
	CU_ASSERT_STRING_EQUAL(value_str(value_path(v, "pattern")), "/sys/x");
	copy = value_copy(v);
	CU_ASSERT_STRING_EQUAL(value_str(value_get(copy, "pattern")), "/sys/x");
	value_free(copy);
	value_free(v); /* the base is borrowed, not freed */
	CU_ASSERT_EQUAL(value_int(value_get(base, "count")), 3);
	value_free(base);
}

void test_render_register(void)
{
	static const struct unit_test tests[] = {
		{ "html escapes hostile strings", test_html },
		{ "junit escapes hostile strings", test_junit },
		{ "ktap keeps hostile strings on their line", test_ktap },
		{ "markdown escapes hostile strings", test_markdown },
		{ "json escapes hostile strings", test_json },
		{ "formats", test_formats },
		{ "the help names every format", test_formats_in_help },
		{ "an object extending another", test_extend },
		{},
	};

	unit_add_suite("render", tests);
}
