// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kinds of report of validate, search and match (report/report-kind.h). What text
 * shows of each:
 *
 *   validate   text.diagnostics[] (with is_SEVERITY), errors, warnings, lint_hidden
 *   search     text.entries[] (the model's, with fields[] (label, lines) and
 *              description_lines), count
 *   match      text.paths[] (the model's, with match_count)
 *
 * Search and match judge nothing: they have no checks.
 */
#include "common/macro.h"
#include "docs.h"
#include "report/view.h"

static const struct report_family documentation_family = { "documentation",
							   "ABI documentation" };

static const struct report_figure validate_figures[] = {
	{ "files", "files", "summary.files" },
	{ "entries", "entries", "summary.entries" },
	{ "whats", "What lines", "summary.whats" },
	{ "errors", "errors", "summary.diagnostics.error" },
	{ "warnings", "warnings", "summary.diagnostics.warning" },
	{ "lint", "lint", "summary.diagnostics.lint" },
	{},
};

static void validate_charts(struct value *charts, const struct value *report)
{
	static const char *const levels[] = { "stable", "testing", "obsolete",
					      "removed" };
	static const char *const series[] = { "entries" };
	struct view_bar bars[4] = { { NULL } };

	for (int l = 0; l < 4; l++) {
		bars[l].label = levels[l];
		bars[l].n[0] = value_get_int(
			value_path(value_path(report, "summary.levels"), levels[l]),
			"entries");
	}
	view_add_chart(charts, "Entries by stability level", series, 1, bars, 4);
}

static void add_validate(struct value *text, const struct value *report)
{
	const struct value *counts = value_path(report, "summary.diagnostics");

	value_set(text, "diagnostics",
		  view_by_severity(value_get(report, "diagnostics")));
	view_count(text, "errors", value_get_int(counts, "error"));
	view_count(text, "warnings", value_get_int(counts, "warning"));
	value_set_bool(text, "lint_hidden",
		       !value_bool(value_get(report, "lint_shown")) &&
			       value_get_int(counts, "lint"));
}

/* entries[]: copies with fields[] (label, lines[]) and description_lines[]. */
static void add_search(struct value *text, const struct value *report)
{
	static const char *const fields[][2] = {
		{ "date", "Date:" },
		{ "kernel_version", "KernelVersion:" },
		{ "contact", "Contact:" },
		{ "users", "Users:" },
	};
	const struct value *entries = value_get(report, "entries");
	struct value *list = value_set(text, "entries", value_array_new());

	for (size_t i = 0; i < value_len(entries); i++) {
		const struct value *e = value_at(entries, i);
		struct value *v = value_append(list, value_copy(e));
		struct value *f = value_set(v, "fields", value_array_new());

		for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
			const char *s = value_str(value_get(e, fields[k][0]));
			struct value *field;

			if (!s)
				continue;
			field = value_append(f, value_object_new());
			value_set_str(field, "label", fields[k][1]);
			/* an empty field still ends its line: "Users:" alone */
			if (*s)
				value_set(field, "lines", view_lines(s));
			else
				value_append(value_set(field, "lines", value_array_new()),
					     value_string_new(""));
		}
		value_set(v, "description_lines",
			  view_lines(value_get_str(e, "description")));
	}
	view_count(text, "count", value_get_int(report, "count"));
}

static void add_match(struct value *text, const struct value *report)
{
	const struct value *paths = value_get(report, "paths");

	value_set(text, "paths", view_with_count(paths, "matches", "match_count"));
}

/* ---- btf ---- */

const struct report_kind validate_report_kind = {
	.name = "validate",
	.add_checks = checks_validate,
	.families = (const struct report_family *const[]){ &documentation_family, NULL },
	.figures = validate_figures,
	.add_charts = validate_charts,
	.add_text = add_validate,
};

const struct report_kind search_report_kind = {
	.name = "search",
	.add_text = add_search,
};

const struct report_kind match_report_kind = {
	.name = "match",
	.add_text = add_match,
};
