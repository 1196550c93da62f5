// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The comparison's kind of report (report/report-kind.h): its checks
 * (checks-compare.c), key numbers, chart, and what text shows:
 *
 *   text.kinds[]   each kind with groups: name, title, severity (error when a group
 *                  of it fails the run), fix, unit (file, or node for a change),
 *                  nodes, group_count, groups[] (the
 *                  model's, with is_SEVERITY and examples_shown: --verbose, or a
 *                  change, whose example says what it was and is)
 */
#include <string.h>

#include <glib.h>

#include "compare-report.h"
#include "report/view.h"

static const struct report_family compare_family = {
	"compare", "OLD and NEW sysfs, judged by the documentation"
};

static const struct report_figure figures[] = {
	{ "old-nodes", "nodes in OLD", "old.nodes" },
	{ "new-nodes", "nodes in NEW", "new.nodes" },
	{ "vanished", "files vanished", "summary.vanished" },
	{ "appeared", "files appeared", "summary.appeared" },
	{ "changed", "nodes changed", "summary.changed" },
	{ "vanished-stable", "stable files vanished", "summary.kinds.vanished-stable" },
	{ "vanished-testing", "testing files vanished",
	  "summary.kinds.vanished-testing" },
	{ "appeared-undocumented", "undocumented files appeared",
	  "summary.kinds.appeared-undocumented" },
	{},
};

static void add_charts(struct value *charts, const struct value *report)
{
	static const char *const series[] = { "files" };
	const struct value *kinds = value_path(report, "summary.kinds");
	struct view_bar bars[COMPARE_KIND_COUNT] = { { NULL } };

	for (int k = 0; k < COMPARE_KIND_COUNT; k++)
		bars[k] = (struct view_bar){ compare_kinds[k].name,
					     { value_get_int(kinds,
							     compare_kinds[k].name) } };
	view_add_chart(charts, "What changed between OLD and NEW, by kind", series, 1,
		       bars, COMPARE_KIND_COUNT);
}

static void add_compare(struct value *text, const struct value *report)
{
	const struct value *groups = value_get(report, "groups");
	struct value *list = value_set(text, "kinds", value_array_new());
	bool verbose = value_bool(value_get(report, "verbose"));

	for (int k = 0; k < COMPARE_KIND_COUNT; k++) {
		const struct compare_kind_info *info = &compare_kinds[k];
		struct value *kind, *members = value_array_new();
		long long nodes = 0;
		bool failing = false;

		for (size_t i = 0; i < value_len(groups); i++) {
			const struct value *g = value_at(groups, i);
			struct value *v;
			char *is;

			if (strcmp(value_get_str(g, "kind"), info->name) != 0)
				continue;
			nodes += value_get_int(g, "count");
			failing |= value_bool(value_get(g, "failing"));
			v = value_append(members, value_object_extend(g));
			is = g_strdup_printf("is_%s", value_get_str(g, "severity"));
			value_set_bool(v, is, true);
			g_free(is);
			value_set_bool(v, "examples_shown",
				       verbose || !strcmp(info->side, "both"));
		}
		if (!value_len(members)) {
			value_free(members);
			continue;
		}
		kind = value_append(list, value_object_new());
		value_set_str(kind, "name", info->name);
		value_set_str(kind, "title", info->title);
		value_set_str(kind, "severity", compare_severity(k, failing));
		value_set_str(kind, "fix", info->fix);
		value_set_str(kind, "unit", strcmp(info->side, "both") ? "file" : "node");
		view_count(kind, "nodes", nodes);
		view_count(kind, "group_count", (long long)value_len(members));
		value_set(kind, "groups", members);
	}
}

static void add_checks(const struct value *report, struct value *checks)
{
	checks_compare(report, checks);
}

const struct report_kind compare_report_kind = {
	.name = "compare",
	.add_checks = add_checks,
	.families = (const struct report_family *const[]){ &compare_family, NULL },
	.figures = figures,
	.add_charts = add_charts,
	.add_text = add_compare,
};
