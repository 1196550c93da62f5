// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's kind of report (report/report-kind.h): its checks (checks-fleet.c), key
 * numbers, charts, and what text shows:
 *
 *   text.classes[]    each class that has groups: name, title, severity,
 *                     group_count, groups[] (the model's, with machines_s,
 *                     kernels_s, files_s)
 *   text.changes[]    kernel_changes[] that changed something, with
 *                     appeared_count, vanished_count, documented_gone,
 *                     documented_came; text.upgrades, text.upgrades_unchanged:
 *                     how many kernel changes, and how many changed none
 */
#include <string.h>

#include "common/macro.h"
#include "fleet.h"
#include "report/view.h"

static const struct report_family fleet_family = { "fleet",
						   "machines against the documentation" };

static const struct report_figure figures[] = {
	{ "machines", "machines", "summary.machines" },
	{ "audited", "inputs audited", "summary.audited" },
	{ "kernels", "kernels", "summary.kernels" },
	{ "undocumented-groups", "undocumented groups", "summary.groups.undocumented" },
	{ "removed-groups", "removed groups still exposed", "summary.groups.removed" },
	{ "new-groups", "groups new since the last run", "summary.new_groups" },
	{ "skipped", "inputs skipped", "summary.skipped" },
	{},
};

/* How many groups are on how many of the machines: the spread of each class. */
static void add_charts(struct value *charts, const struct value *report)
{
	static const char *const series[] = { "on one machine", "on some",
					      "on every machine" };
	const struct value *groups = value_get(report, "groups");
	long long machines = value_get_int(value_get(report, "summary"), "machines");
	struct view_bar bars[AUDIT_CLASS_COUNT] = { { NULL } };
	int n = 0;

	for (int order = 0; audit_class_listed(order) && n < AUDIT_CLASS_COUNT; order++) {
		const struct audit_class_info *cls = audit_class_listed(order);
		struct view_bar *b = &bars[n++];

		b->label = cls->name;
		for (size_t i = 0; i < value_len(groups); i++) {
			const struct value *g = value_at(groups, i);
			long long on = value_get_int(g, "machines");

			if (strcmp(value_get_str(g, "class"), cls->name) == 0)
				b->n[on >= machines ? 2 : on == 1 ? 0 : 1]++;
		}
	}
	view_add_chart(charts, "Finding groups by how many machines have them", series,
		       machines > 1 ? 3 : 1, bars, n);
}

static void add_text(struct value *text, const struct value *report)
{
	const struct value *groups = value_get(report, "groups");
	const struct value *changes = value_get(report, "kernel_changes");
	struct value *classes = value_set(text, "classes", value_array_new());
	struct value *list = value_set(text, "changes", value_array_new());
	long long unchanged = 0;

	for (int order = 0; audit_class_listed(order); order++) {
		const struct audit_class_info *cls = audit_class_listed(order);
		struct value *members = value_array_new(), *k;

		for (size_t i = 0; i < value_len(groups); i++) {
			const struct value *g = value_at(groups, i);
			struct value *v;

			if (strcmp(value_get_str(g, "class"), cls->name) != 0)
				continue;
			v = value_append(members, value_object_extend(g));
			view_count(v, "machines", value_get_int(g, "machines"));
			view_count(v, "kernels", value_get_int(g, "kernels"));
			view_count(v, "files", value_get_int(g, "files"));
		}
		if (!value_len(members)) {
			value_free(members);
			continue;
		}
		k = value_append(classes, value_object_new());
		value_set_str(k, "name", cls->name);
		value_set_str(k, "title", cls->title);
		value_set_str(k, "severity", cls->severity);
		view_count(k, "group_count", (long long)value_len(members));
		value_set(k, "groups", members);
	}
	/* an upgrade that changed nothing is counted, not listed */
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *c = value_at(changes, i);
		size_t up = value_len(value_get(c, "appeared"));
		size_t gone = value_len(value_get(c, "vanished"));
		size_t docs_up = value_len(value_get(c, "appeared_documented"));
		size_t docs_gone = value_len(value_get(c, "vanished_documented"));
		struct value *v;

		if (!up && !gone && !docs_up && !docs_gone) {
			unchanged++;
			continue;
		}
		v = value_append(list, value_object_extend(c));
		view_count(v, "appeared_count", (long long)up);
		view_count(v, "vanished_count", (long long)gone);
		view_count(v, "documented_gone", (long long)docs_gone);
		view_count(v, "documented_came", (long long)docs_up);
	}
	view_count(text, "upgrades", (long long)value_len(changes));
	view_count(text, "upgrades_unchanged", unchanged);
}

const struct report_kind fleet_report_kind = {
	.name = "fleet",
	.add_checks = checks_fleet,
	.families = (const struct report_family *const[]){ &fleet_family, NULL },
	.figures = figures,
	.add_charts = add_charts,
	.add_text = add_text,
	.add_page = fleet_add_matrix,
};
