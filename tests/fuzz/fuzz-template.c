// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The report template engine on a template of the input, as `--template FILE` reads
 * one: template_parse(), then template_render_layers() in every escaping of the
 * formats, over a small fixed report (a validate report, its checks and its view,
 * made once) with text that needs escaping. {{> fuzz}} is the template itself;
 * sysabi's own text partials ({{> abi}}, {{> result}}...) are there too, read once from
 * the source tree.
 */
#include <dirent.h>
#include <string.h>

#include <glib.h>

#include "docs/docs.h"
#include "report/checks.h"
#include "common/macro.h"
#include "report/template.h"
#include "report/view.h"
#include "fuzz.h"

/* template-set.c refuses a larger template before parsing it (MAX_TEMPLATE_SIZE) */
#define MAX_TEMPLATE_SIZE (4 << 20)

static const enum template_escape escapes[] = {
	TEMPLATE_ESCAPE_NONE, TEMPLATE_ESCAPE_XML,      TEMPLATE_ESCAPE_LINE,
	TEMPLATE_ESCAPE_TEXT, TEMPLATE_ESCAPE_MARKDOWN,
};

static struct value *model, *view;
static GHashTable *partials; /* name -> struct template *, sysabi's text partials */
static FILE *out;

struct rendering {
	const struct template *self;
};

static const struct template *find_partial(void *data, const char *name)
{
	const struct rendering *rd = data;

	return strcmp(name, "fuzz") == 0 ? rd->self : g_hash_table_lookup(partials, name);
}

/* A diagnostic of the model, with what each format must escape in its message. */
static void add_diag(struct value *diags, const char *kind, const char *severity,
		     unsigned int line, const char *message)
{
	struct value *d = value_append(diags, value_object_new());

	value_set_str(d, "file", "testing/sysfs-<fuzz> & \"q\"");
	value_set_int(d, "line", line);
	value_set_str(d, "severity", severity);
	value_set_str(d, "kind", kind);
	value_set_str(d, "message", message);
}

static struct value *validate_report(void)
{
	struct value *report = value_object_new(), *abi, *diags, *summary, *levels, *v;

	value_set_int(report, "schema_version", 1);
	value_set_str(report, "command", "validate");
	abi = value_set(report, "abi", value_object_new());
	value_set_str(abi, "dir", "/tmp/a b/Documentation/ABI");
	value_set_str(abi, "origin", "argument");
	value_set_str(abi, "kernel_version", "6.12.0");
	diags = value_set(report, "diagnostics", value_array_new());
	add_diag(diags, "tag-missing-colon", "warning", 3,
		 "'Date  June 2020': no ':' after `Date` | *bold* _x_ [l](u) #h");
	add_diag(diags, "binary-file", "error", 0,
		 "bytes \x01\x1b[31m\x7f \xc2\x9b \xff\xfe not UTF-8\ttab\r\nnewline");
	add_diag(diags, "date-unparsed", "lint", 12, "'June, the 3rd' \\ <b>&amp;</b>");
	summary = value_set(report, "summary", value_object_new());
	value_set_int(summary, "files", 1);
	value_set_int(summary, "entries", 2);
	value_set_int(summary, "whats", 3);
	levels = value_set(summary, "levels", value_object_new());
	v = value_set(levels, "testing", value_object_new());
	value_set_int(v, "files", 1);
	value_set_int(v, "entries", 2);
	value_set_int(v, "whats", 3);
	v = value_set(summary, "what_kinds", value_object_new());
	value_set_int(v, "sysfs", 2);
	value_set_int(v, "prose", 1);
	v = value_set(summary, "diagnostics", value_object_new());
	value_set_int(v, "error", 1);
	value_set_int(v, "warning", 1);
	value_set_int(v, "lint", 1);
	v = value_set(summary, "diagnostics_by_kind", value_array_new());
	v = value_append(v, value_object_new());
	value_set_str(v, "kind", "binary-file");
	value_set_str(v, "severity", "error");
	value_set_int(v, "count", 1);
	value_set_bool(report, "lint_shown", true);
	value_set_bool(report, "werror", false);
	value_set_str(report, "result", "fail");
	value_set(report, "nothing", value_null_new());
	report_add_checks(report, &validate_report_kind);
	return report;
}

/* sysabi's text partials, by name: report-templates/text/NAME.txt */
static void load_partials(void)
{
	char *dir = g_build_filename(SYSABI_SOURCE_TEMPLATE_DIR, "text", NULL);
	DIR *d = opendir(dir);
	struct dirent *e;

	partials = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 (GDestroyNotify)template_free);
	while (d && (e = readdir(d))) {
		const char *dot = strrchr(e->d_name, '.');
		char *path, *text, *name;
		struct template_error err;
		struct template *t;

		if (!dot || strcmp(dot, ".txt") != 0)
			continue;
		path = g_build_filename(dir, e->d_name, NULL);
		if (!g_file_get_contents(path, &text, NULL, NULL) ||
		    template_parse(path, text, &t, &err) < 0)
			fuzz_die(path);
		/* {{> NAME}} names the file without its .txt */
		name = g_strndup(e->d_name, (size_t)(dot - e->d_name));
		g_hash_table_insert(partials, name, t);
		g_free(text);
		g_free(path);
	}
	if (!d || !g_hash_table_size(partials))
		fuzz_die(dir);
	closedir(d);
	g_free(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* a bound reached sooner than the real one: an instrumented render is slow */
	template_limits_for_tests(16 << 20, 1u << 20);
	model = validate_report();
	view = view_new(model, &validate_report_kind, VIEW_ALL, false);
	out = fopen("/dev/null", "we");
	if (value_failed(model) || value_failed(view) || !out)
		fuzz_die("setup");
	load_partials();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct value *layers[] = { model, view };
	struct template_error err;
	struct rendering rd;
	struct template *t;
	char *text;

	/* template-set.c refuses NUL bytes: a template is text */
	if (size > MAX_TEMPLATE_SIZE || memchr(data, '\0', size))
		return -1;
	text = g_strndup((const char *)data, size);
	if (template_parse("fuzz.txt", text, &t, &err) == 0) {
		rd.self = t;
		for (size_t i = 0; i < ARRAY_SIZE(escapes); i++)
			template_render_layers(t, layers, 2, escapes[i], find_partial,
					       &rd, out, &err);
		template_free(t);
	}
	g_free(text);
	return 0;
}
