// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit's kind of report (report/report-kind.h): its checks (checks-audit.c), key
 * numbers, charts, and what text shows:
 *
 *   text.version_warning    the documentation is of another kernel: why, what to do;
 *                           null when it is not, or not known to be
 *   text.classes[]          the groups of each class that has any: name, files,
 *                           group_count, groups[] (pattern, count, baselined, owners,
 *                           examples (--verbose), suggestion, suggestion_file,
 *                           suggestion_lines)
 *   text.file_counts[]      name and count of every class but documented, in the
 *                           class table's order: the summary line
 *   text.entries_listed     --all: the entries are listed, even when none matched
 *   text.missing_entries, text.conditional_entries, text.matched_entries
 *   text.findings[]         BTF's, with is_SEVERITY
 *   text.explain[]          the model's, with name_count
 *   text.explain_only       --explain was given: the text is the explanations
 */
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "common/macro.h"
#include "report/view.h"

static const struct report_family sysfs_family = { "sysfs",
						   "sysfs against the documentation" };

static const struct report_figure figures[] = {
	{ "nodes", "sysfs nodes", "sysfs.nodes" },
	{ "files", "files", "files.total" },
	{ "documented", "documented files", "files.documented" },
	{ "documented-stable", "documented in stable/", "documented_by_level.stable" },
	{ "documented-testing", "documented in testing/", "documented_by_level.testing" },
	{ "by-directory", "documented by directory", "files.by-directory" },
	{ "obsolete", "obsolete, still exposed", "files.obsolete" },
	{ "removed", "removed, still exposed", "files.removed" },
	{ "undocumented", "undocumented files", "files.undocumented" },
	{ "module-parameter", "module parameters documented elsewhere",
	  "files.module-parameter" },
	{ "entries", "entries", "entries.total.entries" },
	{ "entries-matched", "entries matched", "entries.total.matched" },
	{ "entries-missing", "entries missing", "entries.total.missing" },
	{ "entries-conditional", "entries absent as their Description allows",
	  "entries.total.conditional" },
	{ "entries-absent", "entries absent", "entries.total.absent" },
	{},
};

static void add_charts(struct value *charts, const struct value *report)
{
	static const char *const levels[] = { "stable", "testing", "obsolete",
					      "removed" };
	/* conditional last: its color is a lighter missing's, the others' are shared */
	static const char *const entry_series[] = { "matched", "missing", "absent",
						    "not-sysfs", "conditional" };
	static const char *const file_series[] = { "files" };
	const struct value *f = value_get(report, "files");
	const struct value *lv = value_get(report, "documented_by_level");
	/* a bar a class, documented's two: as many as the entry chart's four at least */
	struct view_bar bars[AUDIT_CLASS_COUNT + 1] = { { NULL } };

	for (int l = 0; l < 4; l++) {
		const struct value *e =
			value_path(value_get(report, "entries"), levels[l]);

		bars[l].label = levels[l];
		for (int s = 0; s < 5; s++)
			bars[l].n[s] = value_get_int(e, entry_series[s]);
	}
	view_add_chart(charts,
		       "Documented entries by stability level: found in the sysfs?",
		       entry_series, 5, bars, 4);
	/* documented files by level, then the other classes */
	memset(bars, 0, sizeof(bars));
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		int slot = audit_classes[c].chart_slot;

		if (c == AUDIT_DOCUMENTED) {
			for (int l = 0; l < 2; l++)
				bars[slot + l] = (struct view_bar){
					levels[l], { value_get_int(lv, levels[l]) }
				};
		} else {
			bars[slot] = (struct view_bar){
				audit_classes[c].name,
				{ value_get_int(f, audit_classes[c].name) }
			};
		}
	}
	view_add_chart(charts, "Files of the sysfs by the level documenting them",
		       file_series, 1, bars, AUDIT_CLASS_COUNT + 1);
}

/* What text shows of a group: the group itself, with its owners' keys all set (a
 * missing one would be looked up in the sections around it) and its suggestion as
 * lines. A sysfs has hundreds of groups: none is copied. */
static struct value *group_of(const struct value *g)
{
	static const char *const owner[] = { "driver", "module", "subsystem",
					     "description", NULL };
	const struct value *owners = value_get(g, "owners");
	const char *suggestion = value_str(value_get(g, "suggestion"));
	struct value *v =
		value_object_extend(g); /* pattern, count, baselined, examples */

	if (value_len(owners))
		value_set(v, "owners", view_pick_each(owners, owner));
	if (suggestion)
		value_set(v, "suggestion_lines", view_lines(suggestion));
	view_count(v, "path_count", (long long)value_len(value_get(g, "paths")));
	view_count(v, "owner_count", (long long)value_len(owners));
	return v;
}

/* The check of a class, by the check's name, or NULL. */
static const struct audit_class_info *check_class(const char *check)
{
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		if (audit_classes[c].check && strcmp(audit_classes[c].check, check) == 0)
			return &audit_classes[c];
	return NULL;
}

/*
 * The findings of a check, for the HTML report: a class's findings are its groups, in
 * the model's order (checks-audit.c), and each has its group beside it (group_of()):
 * every path, the owners, for the owner column and the list of paths.
 */
static struct value *view_findings(const struct value *check, const struct value *report)
{
	const struct value *findings = value_get(check, "findings");
	const struct value *groups = value_get(report, "groups");
	const struct audit_class_info *cls = check_class(value_get_str(check, "name"));
	struct value *list = value_array_new();
	size_t k = 0;

	for (size_t i = 0; i < value_len(findings); i++) {
		const struct value *f = value_at(findings, i), *g;
		struct value *v = value_append(list, value_copy(f));

		while (cls && k < value_len(groups) &&
		       strcmp(value_get_str(value_at(groups, k), "class"), cls->name) !=
			       0)
			k++;
		if (!cls || k >= value_len(groups))
			continue;
		g = value_at(groups, k++);
		if (strcmp(value_get_str(g, "pattern"), value_get_str(f, "where")) == 0)
			value_set(v, "group", group_of(g));
	}
	return list;
}

/* The HTML report's: an owner column in the findings, the treemap of the sysfs. */
static void add_page(struct value *view, const struct value *report)
{
	value_set_bool(view, "owner_column", true);
	audit_add_treemap(view, report);
}

/* classes[]: the groups of each class that has any, in the order text shows them. */
static void add_classes(struct value *text, const struct value *groups)
{
	struct value *list = value_set(text, "classes", value_array_new());
	const struct audit_class_info *c;

	for (int k = 0; (c = audit_class_listed(k)); k++) {
		struct value *cls = value_object_new(), *members = value_array_new();
		long long files = 0;

		for (size_t i = 0; i < value_len(groups); i++) {
			const struct value *g = value_at(groups, i);

			if (strcmp(value_get_str(g, "class"), c->name) != 0)
				continue;
			files += value_get_int(g, "count");
			value_append(members, group_of(g));
		}
		value_set_str(cls, "name", c->name);
		view_count(cls, "files", files);
		view_count(cls, "group_count", (long long)value_len(members));
		value_set(cls, "groups", members);
		if (value_len(members) || value_failed(cls))
			value_append(list, cls);
		else
			value_free(cls);
	}
}

/* file_counts[]: name and count of every class but documented, in the table's order,
 * for the summary line: a new class shows there with no template to change. */
static void add_file_counts(struct value *text, const struct value *files)
{
	struct value *list = value_set(text, "file_counts", value_array_new());

	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		struct value *v;

		if (c == AUDIT_DOCUMENTED)
			continue;
		v = value_append(list, value_object_new());
		value_set_str(v, "name", audit_classes[c].name);
		value_set_int(v, "count", value_get_int(files, audit_classes[c].name));
	}
}

static void add_audit(struct value *text, const struct value *report)
{
	const struct value *explain = value_get(report, "explain");
	char *why;

	/* the check documentation-version's warning, for text, which has no checks */
	value_set_str(text, "version_warning",
		      audit_version_compare(report, &why) > 0 ? why : NULL);
	g_free(why);
	add_classes(text, value_get(report, "groups"));
	add_file_counts(text, value_get(report, "files"));
	/* --all lists the entries, even when none matched */
	value_set_bool(text, "entries_listed", !!value_get(report, "matched_entries"));
	view_count(text, "missing_entries",
		   (long long)value_len(value_get(report, "missing_entries")));
	view_count(text, "conditional_entries",
		   (long long)value_len(value_get(report, "conditional_entries")));
	view_count(text, "matched_entries",
		   (long long)value_len(value_get(report, "matched_entries")));
	value_set(text, "findings", view_by_severity(value_path(report, "btf.findings")));
	value_set(text, "explain", view_with_count(explain, "names", "name_count"));
	/* --explain asks of its paths: the text says that alone */
	value_set_bool(text, "explain_only", value_len(explain) > 0);
}

/*
 * undefined[]: every undocumented path of the groups (--search-string has chosen
 * them), sorted, each with its group's hints (--show-hints): get_abi.pl undefined's
 * list.
 */
static gint cmp_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(value_get_str(*(struct value *const *)a, "path"),
		      value_get_str(*(struct value *const *)b, "path"));
}

static void add_undefined(struct value *text, const struct value *report)
{
	const struct value *groups = value_get(report, "groups");
	GPtrArray *rows = g_ptr_array_new();
	struct value *list = value_set(text, "undefined", value_array_new());

	add_audit(text, report);
	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *g = value_at(groups, i);
		const struct value *paths = value_get(g, "paths");
		const struct value *hints = value_get(g, "hints");

		if (strcmp(value_get_str(g, "class"), "undocumented") != 0)
			continue;
		for (size_t k = 0; k < value_len(paths); k++) {
			struct value *row = value_object_new();

			value_set_str(row, "path", value_str(value_at(paths, k)));
			value_set(row, "hints",
				  hints ? value_copy(hints) : value_array_new());
			g_ptr_array_add(rows, row);
		}
	}
	g_ptr_array_sort(rows, cmp_paths);
	for (guint i = 0; i < rows->len; i++)
		value_append(list, rows->pdata[i]);
	g_ptr_array_free(rows, TRUE);
}

const struct report_kind undefined_report_kind = {
	.name = "undefined",
	.add_checks = checks_audit,
	.families =
		(const struct report_family *const[]){ &sysfs_family, &btf_family, NULL },
	.figures = figures,
	.add_charts = add_charts,
	.add_text = add_undefined,
	.view_findings = view_findings,
	.add_page = add_page,
};

/* ---- validate, search, match ---- */

const struct report_kind audit_report_kind = {
	.name = "audit",
	.add_checks = checks_audit,
	.families =
		(const struct report_family *const[]){ &sysfs_family, &btf_family, NULL },
	.figures = figures,
	.add_charts = add_charts,
	.add_text = add_audit,
	.view_findings = view_findings,
	.add_page = add_page,
};
