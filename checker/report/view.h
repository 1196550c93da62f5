/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The view: what the report templates (report-templates/) need beside the result
 * model, derived from it and from nothing else. Templates look names up in the view
 * first, then in the model (template_render_layers()), so a template reads the model's
 * own keys ({{abi.dir}}, {{files.undocumented}}) and the view's:
 *
 *   tool.name, tool.version
 *   title             "sysabi audit"
 *   result            "pass" or "fail"; passed, failed: booleans
 *   families[]        checks by family: name, title, count (of checks), failures and
 *                     skipped (JUnit's: failing findings, skipped checks), cases
 *                     (JUnit testcases: a check's findings, or the check itself)
 *     checks[]        the model's checks (checks.h), each with number (KTAP's, from 1
 *                     across families), ok/warn/fail/skip booleans, and findings, each
 *                     with what its kind adds (view_findings: the audit's group)
 *   totals            checks, ok, warn, fail, skip, findings, and JUnit's cases and
 *                     failures
 *   figures[]         the key numbers: name, label, value, path (the model's key)
 *   charts[]          bar charts: title, width, height, legend[] (label, series), bars[]
 *                     (label, y, text_y, total, total_x, segments[] (label, series,
 *                     count, x, width))
 *   ...               what the kind's add_page adds for the HTML report: the audit's
 *                     owner_column (true) and treemap (audit/audit-treemap.c)
 *   run               set by the render (render.c), not derived from the model: date
 *                     (ISO 8601, UTC; SOURCE_DATE_EPOCH when set), date_text, host
 *   color             text's terminal escapes: bold, dim, red, green, yellow, off
 *                     (empty strings without colour)
 *   is_NAME           true, NAME the report's kind (report-kind.h): is_audit...
 *   text              what the text templates cannot work out, filled by the kind's
 *                     add_text (in the command's folder, with the helpers below). A
 *                     count N comes with N_s, "s" unless it is one; multi-line text
 *                     comes as arrays of lines; findings have is_SEVERITY (is_error...).
 */
#ifndef SYSABI_VIEW_H
#define SYSABI_VIEW_H

#include <stdbool.h>

#include "report-kind.h"
#include "value.h"

/* The parts of a view, as a format needs them: each costs time on a large report. */
enum {
	VIEW_CHECKS = 1 << 0, /* families, totals, figures, charts: @report has checks */
	VIEW_TEXT = 1 << 1,   /* text (view-text.c) */
	VIEW_ALL = VIEW_CHECKS | VIEW_TEXT,
};

/* The view of @report, of @kind, with @parts. Caller frees. */
struct value *view_new(const struct value *report, const struct report_kind *kind,
		       unsigned int parts, bool color);
/* Add is_NAME and text to @view (view-text.c). */
void view_add_text(struct value *view, const struct value *report,
		   const struct report_kind *kind);

/* ---- for the kinds' add_charts ---- */

/* A bar of a chart: up to five series stacked (style.css has a color for each). */
struct view_bar {
	const char *label;
	long long n[5];
};

/* Append a bar chart of @n_bars @bars, of @n_series (<= 5) @series, to @charts. */
void view_add_chart(struct value *charts, const char *title, const char *const *series,
		    int n_series, const struct view_bar *bars, int n_bars);

/* ---- for the kinds' add_text (view-text.c) ---- */

/* @key is @n, and @key_s is "s" unless @n is one: "{{files}} file{{files_s}}". */
void view_count(struct value *obj, const char *key, long long n);
/* @text cut at its newlines, which escaping would show: "a\n\nb\n" is [a, "", b]. */
struct value *view_lines(const char *text);
/* New objects with copies of @keys (NULL-terminated) of each object of @list; a
 * missing key is null. */
struct value *view_pick_each(const struct value *list, const char *const *keys);
/* Copies of the findings or diagnostics of @list, each with is_SEVERITY true. */
struct value *view_by_severity(const struct value *list);
/* Copies of the objects of @list, each with @count, the number of items in its @key. */
struct value *view_with_count(const struct value *list, const char *key,
			      const char *count);

#endif
