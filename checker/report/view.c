// SPDX-License-Identifier: GPL-2.0-or-later
/* Deriving the view of a report for the templates. See view.h. */
#include <string.h>

#include <glib.h>

#include "common/macro.h"
#include "view.h"

static const char *family_title(const struct report_kind *kind, const char *name)
{
	for (const struct report_family *const *f = kind->families; f && *f; f++)
		if (strcmp((*f)->name, name) == 0)
			return (*f)->title;
	return name;
}

/* A copy of check @c of @report, its findings as its kind shows them. */
static struct value *check_copy(const struct report_kind *kind, const struct value *c,
				const struct value *report)
{
	struct value *v;

	if (!kind->view_findings)
		return value_copy(c);
	v = value_object_new();
	for (size_t i = 0; i < value_len(c); i++) {
		const char *key = value_key_at(c, i);

		value_set(v, key,
			  strcmp(key, "findings") == 0 ? kind->view_findings(c, report) :
							 value_copy(value_at(c, i)));
	}
	return v;
}

/* The families in the order their first check comes; the checks numbered across them. */
static void add_families(struct value *view, const struct report_kind *kind,
			 const struct value *report, struct value *totals)
{
	const struct value *checks = value_get(report, "checks");
	struct value *families = value_set(view, "families", value_array_new());
	GPtrArray *names = g_ptr_array_new();
	long long number = 0, n[4] = { 0 }, findings = 0, all_cases = 0, all_failures = 0;
	static const char *const statuses[] = { "ok", "warn", "fail", "skip" };

	for (size_t i = 0; i < value_len(checks); i++) {
		const char *fam = value_get_str(value_at(checks, i), "family");
		bool seen = false;

		for (guint k = 0; k < names->len; k++)
			seen |= strcmp(names->pdata[k], fam) == 0;
		if (!seen)
			g_ptr_array_add(names, (gpointer)fam);
	}
	for (guint k = 0; k < names->len; k++) {
		struct value *f = value_append(families, value_object_new()), *list;
		long long count = 0, failures = 0, skipped = 0, cases = 0;

		value_set_str(f, "name", names->pdata[k]);
		value_set_str(f, "title", family_title(kind, names->pdata[k]));
		list = value_array_new();
		for (size_t i = 0; i < value_len(checks); i++) {
			const struct value *c = value_at(checks, i),
					   *fl = value_get(c, "findings");
			const char *status = value_get_str(c, "status");
			struct value *v;

			if (strcmp(value_get_str(c, "family"), names->pdata[k]) != 0)
				continue;
			v = value_append(list, check_copy(kind, c, report));
			value_set_int(v, "number", ++number);
			for (int s = 0; s < 4; s++) {
				value_set_bool(v, statuses[s],
					       strcmp(status, statuses[s]) == 0);
				n[s] += strcmp(status, statuses[s]) == 0;
			}
			count++;
			findings += (long long)value_len(fl);
			/* JUnit: a skipped check is one <skipped> case; others a case a finding */
			if (strcmp(status, "skip") == 0) {
				skipped++;
				cases++;
				continue;
			}
			cases += value_len(fl) ? (long long)value_len(fl) : 1;
			for (size_t j = 0; j < value_len(fl); j++)
				failures +=
					value_bool(value_get(value_at(fl, j), "failing"));
		}
		all_cases += cases;
		all_failures += failures;
		value_set_int(f, "count", count);
		value_set_int(f, "cases", cases);
		value_set_int(f, "failures", failures);
		value_set_int(f, "skipped", skipped);
		value_set(f, "checks", list);
	}
	value_set_int(totals, "checks", number);
	for (int s = 0; s < 4; s++)
		value_set_int(totals, statuses[s], n[s]);
	/* kselftest's count: a check with warnings passed */
	value_set_int(totals, "pass", n[0] + n[1]);
	value_set_int(totals, "findings", findings);
	value_set_int(totals, "cases", all_cases);
	value_set_int(totals, "failures", all_failures);
	g_ptr_array_free(names, TRUE);
}

/* ---- annotations: every finding with its place, for SARIF and CI annotations ---- */

/*
 * Where a finding points, when it is a line of a file ("testing/sysfs-foo:12", or ":0"
 * for the whole file): the file as a URI reference (an absolute path as a file: URI)
 * into *@uri, and the line, 0 for the whole file. A sysfs path or a pattern is no
 * place in a file: *@uri is NULL.
 */
static long long finding_place(const char *where, char **uri)
{
	const char *colon = where ? strrchr(where, ':') : NULL;
	long long line = 0;

	*uri = NULL;
	if (!colon || colon == where || !colon[1] || strncmp(where, "/sys/", 5) == 0)
		return 0;
	for (const char *p = colon + 1; *p; p++) {
		if (*p < '0' || *p > '9' || line > 100000000)
			return 0;
		line = line * 10 + (*p - '0');
	}
	*uri = where[0] == '/' ?
		       g_strdup_printf("file://%.*s", (int)(colon - where), where) :
		       g_strndup(where, (gsize)(colon - where));
	return line;
}

/* The same from a finding's own "place" (a command's): {file, line}, or null for none. */
static long long place_uri(const struct value *place, char **uri)
{
	const char *file = value_str(value_get(place, "file"));

	*uri = NULL;
	if (value_type(place) != VALUE_OBJECT || !file || !*file)
		return 0;
	*uri = file[0] == '/' ? g_strdup_printf("file://%s", file) : g_strdup(file);
	return value_get_int(place, "line");
}

/* @text escaped as a workflow command's property value: % CR LF : , as %XX. */
static void prop_escape(struct value *v, const char *key, const char *text)
{
	GString *s = g_string_new(NULL);

	for (const char *p = text ? text : ""; *p; p++) {
		if (strchr("%\r\n:,", *p))
			g_string_append_printf(s, "%%%02X", (unsigned char)*p);
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			g_string_append_c(s, ' ');
		else
			g_string_append_c(s, *p);
	}
	value_set_str(v, key, s->str);
	g_string_free(s, TRUE);
}

/* SARIF's level and a CI annotation's command for a finding's severity. */
static const char *sarif_level(const char *severity)
{
	return strcmp(severity, "error") == 0   ? "error" :
	       strcmp(severity, "warning") == 0 ? "warning" :
						  "note";
}

/*
 * "rules": every check once, in order; "results": every finding of a check that ran,
 * with its check's name, SARIF level, annotation command ("error", "warning",
 * "notice"), and its file and line when it has them.
 */
static void add_annotations(struct value *view, const struct value *checks)
{
	struct value *rules = value_set(view, "rules", value_array_new());
	struct value *results = value_set(view, "results", value_array_new());

	for (size_t i = 0; i < value_len(checks); i++) {
		const struct value *c = value_at(checks, i),
				   *fl = value_get(c, "findings");
		struct value *r = value_append(rules, value_object_new());

		value_set_str(r, "id", value_get_str(c, "name"));
		value_set_str(r, "title", value_get_str(c, "title"));
		value_set_str(r, "about", value_get_str(c, "about"));
		if (strcmp(value_get_str(c, "status"), "skip") == 0)
			continue;
		for (size_t j = 0; j < value_len(fl); j++) {
			const struct value *f = value_at(fl, j);
			const char *severity = value_get_str(f, "severity");
			struct value *x = value_append(results, value_object_new());
			const struct value *place = value_get(f, "place");
			char *uri;
			long long line =
				place ? place_uri(place, &uri) :
					finding_place(value_get_str(f, "where"), &uri);

			value_set_str(x, "rule", value_get_str(c, "name"));
			value_set_str(x, "where", value_get_str(f, "where"));
			value_set_str(x, "message", value_get_str(f, "message"));
			value_set_str(x, "level", sarif_level(severity));
			value_set_str(x, "annotation",
				      strcmp(severity, "error") == 0   ? "error" :
				      strcmp(severity, "warning") == 0 ? "warning" :
									 "notice");
			value_set_str(x, "uri", uri);
			value_set_str(x, "file",
				      uri && !strncmp(uri, "file://", 7) ? uri + 7 : uri);
			value_set_int(x, "line", line);
			prop_escape(x, "file_prop", value_get_str(x, "file"));
			g_free(uri);
		}
	}
}

/* ---- key numbers ---- */

static void add_figures(struct value *view, const struct value *report,
			const struct report_kind *kind)
{
	struct value *figures = value_set(view, "figures", value_array_new());

	for (const struct report_figure *fig = kind->figures; fig && fig->name; fig++) {
		const struct value *v = value_path(report, fig->path);
		struct value *f;

		if (value_type(v) != VALUE_INT)
			continue;
		f = value_append(figures, value_object_new());
		value_set_str(f, "name", fig->name);
		value_set_str(f, "label", fig->label);
		value_set_int(f, "value", value_int(v));
		value_set_str(f, "path", fig->path);
	}
}

/* ---- charts ---- */

#define CHART_LABEL 190 /* the label column, pixels */
#define CHART_BARS 480  /* the longest bar */
#define CHART_ROW 26
#define CHART_WIDTH (CHART_LABEL + CHART_BARS + 80)

void view_add_chart(struct value *charts, const char *title, const char *const *series,
		    int n_series, const struct view_bar *bars, int n_bars)
{
	struct value *c = value_append(charts, value_object_new()), *list;
	long long max = 1;

	for (int b = 0; b < n_bars; b++) {
		long long t = 0;

		for (int s = 0; s < n_series; s++)
			t += bars[b].n[s];
		max = t > max ? t : max;
	}
	value_set_str(c, "title", title);
	value_set_int(c, "width", CHART_WIDTH);
	value_set_int(c, "height", n_bars * CHART_ROW + 8);
	list = value_set(c, "legend", value_array_new());
	for (int s = 0; s < n_series; s++) {
		struct value *l = value_append(list, value_object_new());

		value_set_str(l, "label", series[s]);
		value_set_int(l, "series", s);
	}
	list = value_set(c, "bars", value_array_new());
	for (int b = 0; b < n_bars; b++) {
		struct value *bar = value_append(list, value_object_new()), *segs;
		long long x = CHART_LABEL, t = 0;

		value_set_str(bar, "label", bars[b].label);
		value_set_int(bar, "y", b * CHART_ROW + 4);
		value_set_int(bar, "text_y", b * CHART_ROW + 21);
		segs = value_set(bar, "segments", value_array_new());
		for (int s = 0; s < n_series; s++) {
			long long w = bars[b].n[s] * CHART_BARS / max;
			struct value *seg;

			t += bars[b].n[s];
			if (!bars[b].n[s])
				continue;
			seg = value_append(segs, value_object_new());
			value_set_str(seg, "label", series[s]);
			value_set_int(seg, "series", s);
			value_set_int(seg, "count", bars[b].n[s]);
			value_set_int(seg, "x", x);
			value_set_int(seg, "width", w ? w : 1);
			x += w ? w : 1;
		}
		value_set_int(bar, "total", t);
		value_set_int(bar, "total_x", x + 6);
	}
}

/* ---- the whole view ---- */

struct value *view_new(const struct value *report, const struct report_kind *kind,
		       unsigned int parts, bool color)
{
	struct value *view = value_object_new(), *v;
	/* search and match judge nothing: they have no result */
	const char *result = value_str(value_get(report, "result"));
	bool fail = result && strcmp(result, "fail") == 0;

	v = value_set(view, "tool", value_object_new());
	value_set_str(v, "name", "sysabi");
	value_set_str(v, "version", SYSABI_VERSION);
	v = value_set(view, "title",
		      value_string_printf("sysabi %s", value_get_str(report, "command")));
	value_set_str(view, "result", fail ? "fail" : "pass");
	value_set_bool(view, "passed", !fail);
	value_set_bool(view, "failed", fail);
	if (parts & VIEW_CHECKS) {
		v = value_object_new();
		add_families(view, kind, report, v);
		value_set(view, "totals", v);
		add_annotations(view, value_get(report, "checks"));
		add_figures(view, report, kind);
		v = value_set(view, "charts", value_array_new());
		if (kind->add_charts)
			kind->add_charts(v, report);
		if (kind->add_page)
			kind->add_page(view, report);
	}
	v = value_set(view, "color", value_object_new());
	value_set_str(v, "bold", color ? "\033[1m" : "");
	value_set_str(v, "dim", color ? "\033[2m" : "");
	value_set_str(v, "red", color ? "\033[31m" : "");
	value_set_str(v, "green", color ? "\033[32m" : "");
	value_set_str(v, "yellow", color ? "\033[33m" : "");
	value_set_str(v, "off", color ? "\033[0m" : "");
	if (parts & VIEW_TEXT)
		view_add_text(view, report, kind);
	return view;
}
