// SPDX-License-Identifier: GPL-2.0-or-later
/* Choosing a format and rendering into memory. See render.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/macro.h"
#include "render.h"
#include "template-set.h"
#include "view.h"

enum format_checks { CHECKS_NONE, CHECKS_CARRIED, CHECKS_SHOWN };
enum format_exit { EXIT_SYSABI, EXIT_KSELFTEST };

/* render.h's OUTPUT_FORMATS, as a table */
static const struct {
	const char *name;
	const char *template;
	enum template_escape escape;
	enum format_checks checks;
	const char *suffixes;
	enum format_exit exit;
} formats[FORMAT_COUNT] = {
#define FORMAT_ROW(id, name, template, escape, checks, suffixes, exit)         \
	[FORMAT_##id] = {                                                      \
		name, template, escape, CHECKS_##checks, suffixes, EXIT_##exit \
	},
	OUTPUT_FORMATS(FORMAT_ROW)
#undef FORMAT_ROW
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

const char *format_suffix(enum output_format format)
{
	static char first[FORMAT_COUNT][8];

	if (format >= FORMAT_COUNT)
		return "";
	if (!first[format][0])
		snprintf(first[format], sizeof(first[format]), "%.*s",
			 (int)strcspn(formats[format].suffixes, " "),
			 formats[format].suffixes);
	return first[format];
}

const char *format_name(enum output_format format)
{
	return format < FORMAT_COUNT ? formats[format].name : "?";
}

const char *format_list(void)
{
	static char list[256];

	if (!list[0]) {
		for (int i = 0; i < FORMAT_COUNT; i++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 i ? ", " : "", formats[i].name);
	}
	return list;
}

bool format_needs_checks(enum output_format format)
{
	return format < FORMAT_COUNT && formats[format].checks == CHECKS_SHOWN;
}

bool format_has_checks(enum output_format format)
{
	return format < FORMAT_COUNT && formats[format].checks != CHECKS_NONE;
}

bool format_kselftest_exit(enum output_format format)
{
	return format < FORMAT_COUNT && formats[format].exit == EXIT_KSELFTEST;
}

/* Whether the file name of @path ends with one of @suffixes (space-separated) and has
 * more before it: "out/.json" is a hidden file, not JSON. */
static bool has_suffix(const char *path, const char *suffixes)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(name);

	for (const char *s = suffixes; *s;) {
		size_t n = strcspn(s, " ");

		if (len > n && memcmp(name + len - n, s, n) == 0)
			return true;
		s += n + (s[n] == ' ');
	}
	return false;
}

int format_of_file(const char *path, enum output_format *out)
{
	for (int i = 0; i < FORMAT_COUNT; i++) {
		if (has_suffix(path, formats[i].suffixes)) {
			*out = (enum output_format)i;
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

/*
 * When and where the report is made, for the HTML report's header: run.date (ISO 8601,
 * UTC), run.date_text ("2026-12-07 18:35 UTC") and run.host (this host's name, or null).
 * SOURCE_DATE_EPOCH, when it holds a time, stands for now: reports built twice match.
 */
static void add_run(struct value *view)
{
	struct value *run = value_set(view, "run", value_object_new());
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char host[256] = "", date[32], text[32], *end;
	time_t now = time(NULL);
	struct tm tm;

	if (epoch && *epoch) {
		long long t = strtoll(epoch, &end, 10);

		if (!*end && t >= 0)
			now = (time_t)t;
	}
	if (!gmtime_r(&now, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", &tm);
	value_set_str(run, "date", date);
	value_set_str(run, "date_text", text);
	if (gethostname(host, sizeof(host) - 1) != 0 || !*host)
		value_set(run, "host", value_null_new());
	else
		value_set_str(run, "host", host);
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
		char *name =
			g_strdup_printf(formats[opt->format].template, opt->kind->name);

		path = g_build_filename(template_dir(), name, NULL);
		g_free(name);
	}
	r = template_set_open(path, &set, err);
	g_free(path);
	if (r < 0)
		return r;
	/* a user's template may read anything; sysabi's read what their format shows */
	view = view_new(report, opt->kind,
			opt->template_file         ? VIEW_ALL :
			opt->format == FORMAT_TEXT ? VIEW_TEXT :
						     VIEW_CHECKS,
			opt->color);
	value_set_bool(view, "summary_only", opt->summary);
	add_run(view);
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

int render_report(const struct value *report, const struct render_options *opt,
		  char **buf, size_t *len, struct template_error *err)
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
