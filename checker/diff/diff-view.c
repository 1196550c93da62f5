// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The diff's kind of report (report/report-kind.h): its checks (checks-diff.c), key
 * numbers, charts, and what text shows:
 *
 *   text.sides[]        old and new: label, dir, origin, rev, commit (12 digits),
 *                       kernel_version
 *   text.changes[]      at (where the entry is: NEW's place, OLD's when removed), kind,
 *                       message
 *   text.diagnostics[]  the new diagnostics, with is_SEVERITY; errors, warnings,
 *                       lint_hidden
 */
#include "common/macro.h"
#include "diff.h"
#include "report/view.h"

static const struct report_family diff_family = { "diff", "ABI documentation change" };

static const struct report_figure figures[] = {
	{ "added", "entries added", "summary.changes.added" },
	{ "removed", "entries removed", "summary.changes.removed" },
	{ "changed", "entries changed", "summary.changes.changed" },
	{ "moved-file", "moved to another file", "summary.changes.moved-file" },
	{ "moved-level", "moved to another level", "summary.changes.moved-level" },
	{ "new-errors", "new errors", "summary.new_diagnostics.error" },
	{ "new-warnings", "new warnings", "summary.new_diagnostics.warning" },
	{},
};

static void add_charts(struct value *charts, const struct value *report)
{
	static const char *const series[] = { "entries" };
	static const char *const kinds[] = { "added", "removed", "changed", "moved-file",
					     "moved-level" };
	const struct value *violations = value_path(report, "summary.violations");
	struct view_bar bars[5] = { { NULL } }, rules[8] = { { NULL } };
	int n = 0;

	for (int k = 0; k < 5; k++) {
		bars[k].label = kinds[k];
		bars[k].n[0] =
			value_get_int(value_path(report, "summary.changes"), kinds[k]);
	}
	view_add_chart(charts, "What the change does to the documented entries", series,
		       1, bars, 5);
	for (size_t i = 0; i < value_len(violations) && n < 8; i++, n++) {
		rules[n].label = value_key_at(violations, i);
		rules[n].n[0] = value_int(value_at(violations, i));
	}
	view_add_chart(charts, "Entries breaking a rule of Documentation/ABI/README",
		       series, 1, rules, n);
}

/* sides[]: old and new, each label, dir, origin, rev, commit (12 digits), kernel_version;
 * changes[]: copies with "at", where the entry is (NEW's place, OLD's when removed). */
static void add_diff(struct value *text, const struct value *report)
{
	static const char *const sides[] = { "old", "new" };
	const struct value *changes = value_get(report, "changes");
	const struct value *counts = value_path(report, "summary.new_diagnostics");
	struct value *list = value_set(text, "sides", value_array_new());

	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		const struct value *side = value_get(report, sides[i]);
		const char *commit = value_str(value_get(side, "commit"));
		struct value *v = value_append(list, value_object_new());

		value_set_str(v, "label", sides[i]);
		value_set_str(v, "dir", value_get_str(side, "dir"));
		value_set_str(v, "origin", value_get_str(side, "origin"));
		value_set_str(v, "rev", value_str(value_get(side, "rev")));
		value_set(v, "commit",
			  commit ? value_string_printf("%.12s", commit) :
				   value_null_new());
		value_set_str(v, "kernel_version",
			      value_str(value_get(side, "kernel_version")));
	}
	list = value_set(text, "changes", value_array_new());
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *c = value_at(changes, i);
		const struct value *at = value_get(c, "new");
		struct value *v = value_append(list, value_object_new());

		if (value_type(at) != VALUE_OBJECT)
			at = value_get(c, "old");
		value_set(v, "at", value_copy(at));
		value_set_str(v, "kind", value_get_str(c, "kind"));
		value_set_str(v, "message", value_get_str(c, "message"));
	}
	value_set(text, "diagnostics",
		  view_by_severity(value_get(report, "new_diagnostics")));
	view_count(text, "errors", value_get_int(counts, "error"));
	view_count(text, "warnings", value_get_int(counts, "warning"));
	value_set_bool(text, "lint_hidden",
		       !value_bool(value_get(report, "lint_shown")) &&
			       value_get_int(counts, "lint"));
}

const struct report_kind diff_report_kind = {
	.name = "diff",
	.add_checks = checks_diff,
	.families = (const struct report_family *const[]){ &diff_family, NULL },
	.figures = figures,
	.add_charts = add_charts,
	.add_text = add_diff,
};
