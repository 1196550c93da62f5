// SPDX-License-Identifier: GPL-2.0-or-later
/* Choosing a format and rendering into memory. See render.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/macro.h"
#include "render.h"
#include "template-set.h"
#include "view.h"

static const struct {
	const char *name;
	/* under template_dir(); NULL: JSON, written by json-c. "%s" is the report's kind:
	 * text has a template a kind, the others one that shows the checks of any */
	const char *template;
	enum template_escape escape;
	bool checks;             /* shows checks: reports only */
} formats[FORMAT_COUNT] = {
	[FORMAT_TEXT] = { "text", "text/%s.txt", TEMPLATE_ESCAPE_TEXT, false },
	[FORMAT_JSON] = { "json", NULL, TEMPLATE_ESCAPE_NONE, false },
	[FORMAT_MARKDOWN] = { "markdown", "markdown/report.md", TEMPLATE_ESCAPE_MARKDOWN, true },
	[FORMAT_HTML] = { "html", "html/report.html", TEMPLATE_ESCAPE_XML, true },
	[FORMAT_JUNIT] = { "junit", "junit/report.xml", TEMPLATE_ESCAPE_XML, true },
	[FORMAT_KTAP] = { "ktap", "ktap/report.ktap", TEMPLATE_ESCAPE_LINE, true },
};

int format_parse(const char *name, enum output_format *out)
{
	for (int i = 0; i < FORMAT_COUNT; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *format_name(enum output_format format)
{
	return format < FORMAT_COUNT ? formats[format].name : "?";
}

const char *format_list(void)
{
	return "text, json, markdown, html, junit, ktap";
}

bool format_needs_checks(enum output_format format)
{
	return format < FORMAT_COUNT && formats[format].checks;
}

int format_of_file(const char *path, enum output_format *out)
{
	static const struct {
		const char *suffix;
		enum output_format format;
	} by_suffix[] = {
		{ ".json", FORMAT_JSON }, { ".md", FORMAT_MARKDOWN }, { ".html", FORMAT_HTML },
		{ ".htm", FORMAT_HTML },  { ".xml", FORMAT_JUNIT },   { ".ktap", FORMAT_KTAP },
		{ ".tap", FORMAT_KTAP },  { ".txt", FORMAT_TEXT },
	};

	for (size_t i = 0; i < ARRAY_SIZE(by_suffix); i++) {
		if (g_str_has_suffix(path, by_suffix[i].suffix) &&
		    strlen(path) > strlen(by_suffix[i].suffix)) {
			*out = by_suffix[i].format;
			return 0;
		}
	}
	return -EINVAL;
}

/* A user's template without --format escapes as the format its file name says. */
static enum template_escape escape_of_file(const char *path)
{
	enum output_format f;

	return format_of_file(path, &f) == 0 ? formats[f].escape : TEMPLATE_ESCAPE_NONE;
}

static int render_template(const struct value *report, const struct render_options *opt,
			   FILE *out, struct template_error *err)
{
	enum template_escape escape = formats[opt->format].escape;
	struct template_set *set;
	struct value *view;
	const struct value *layers[2];
	char *path;
	int r;

	if (opt->template_file) {
		path = g_strdup(opt->template_file);
		if (!opt->format_given)
			escape = escape_of_file(path);
	} else {
		char *name = g_strdup_printf(formats[opt->format].template, opt->kind->name);

		path = g_build_filename(template_dir(), name, NULL);
		g_free(name);
	}
	r = template_set_open(path, &set, err);
	g_free(path);
	if (r < 0)
		return r;
	/* a user's template may read anything; sysabi's read what their format shows */
	view = view_new(report, opt->kind, opt->template_file ? VIEW_ALL :
			opt->format == FORMAT_TEXT ? VIEW_TEXT : VIEW_CHECKS, opt->color);
	if (value_failed(view)) {
		r = -ENOMEM;
	} else {
		layers[0] = report;
		layers[1] = view;
		r = template_set_render(set, layers, 2, escape, out, err);
	}
	value_free(view);
	template_set_free(set);
	return r;
}

int render_report(const struct value *report, const struct render_options *opt, char **buf,
		  size_t *len, struct template_error *err)
{
	FILE *f;
	int r;

	*buf = NULL;
	*len = 0;
	memset(err, 0, sizeof(*err));
	if (value_failed(report))
		return -ENOMEM;
	f = open_memstream(buf, len);
	if (!f)
		return -ENOMEM;
	if (opt->template_file || formats[opt->format].template)
		r = render_template(report, opt, f, err);
	else
		r = render_json(report, f);
	if (fclose(f) != 0 && r == 0)
		r = -ENOMEM;
	if (r < 0) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return r;
}
