// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * diff's checks: each README rule, each kind of new diagnostic shown and each kind of
 * change is one check, its items findings. Read from diff's result model.
 */
#include <string.h>

#include <glib.h>

#include "abi/abi.h"
#include "diff.h"
#include "report/checks.h"

/* Titles by identifier; the identifiers are the library's (abi_rule_name()...). */
static const char *const rule_titles[ABI_RULE_COUNT] = {
	[ABI_RULE_STABLE_TO_TESTING] = "Stable entries moved back to testing",
	[ABI_RULE_REMOVED_WITHOUT_OBSOLETE] =
		"Entries moved to removed/ without passing through obsolete/",
	[ABI_RULE_VANISHED_STABLE] = "Stable entries that vanished",
	[ABI_RULE_VANISHED_TESTING] = "Testing entries that vanished",
	[ABI_RULE_OBSOLETE_VANISHED] =
		"Obsolete entries that vanished instead of moving to removed/",
	[ABI_RULE_NEW_MISSING_FIELD] = "New entries without a required field",
	[ABI_RULE_NEW_KERNELVERSION_OLDER] =
		"New entries whose KernelVersion predates the old tree",
};

static const char *const change_titles[ABI_CHANGE_KIND_COUNT] = {
	[ABI_CHANGE_ADDED] = "Entries added",
	[ABI_CHANGE_REMOVED] = "Entries removed",
	[ABI_CHANGE_CHANGED] = "Entries changed",
	[ABI_CHANGE_MOVED_FILE] = "Entries moved to another file",
	[ABI_CHANGE_MOVED_LEVEL] = "Entries moved to another stability level",
};

static bool fails(const struct value *report, const char *name)
{
	return check_listed(value_get(report, "fail_on"), name);
}

/*
 * A finding at @at's file and line. @annotation, when not NULL, is where an annotation
 * goes instead (the report's "annotation": a place in NEW, or null for none): a finding
 * about an entry NEW lost is at OLD's line, which a pull request's reader cannot click.
 */
static void add(struct check *c, const struct value *at, const struct value *annotation,
		const char *message, const char *severity, bool failing)
{
	char *where = g_strdup_printf("%s:%lld", value_get_str(at, "file"),
				      value_get_int(at, "line"));
	struct value *f = check_finding(c, where, message, severity, 1, failing);

	if (annotation)
		value_set(f, "place", value_copy(annotation));
	g_free(where);
}

static void rule_checks(const struct value *report, struct value *checks)
{
	const struct value *violations = value_get(report, "violations");
	bool no_kv = !value_str(value_path(report, "old.kernel_version"));

	for (int r = 0; r < ABI_RULE_COUNT; r++) {
		const char *name = abi_rule_name(r);
		bool f = fails(report, name);
		struct check c;

		/* the rule's own why and fix, as Documentation/ABI/README says it */
		check_begin(&c, name, "diff", rule_titles[r], abi_rule_help(r));
		for (size_t i = 0; i < value_len(violations); i++) {
			const struct value *v = value_at(violations, i);

			if (strcmp(value_get_str(v, "rule"), name) == 0)
				add(&c, v, value_get(v, "annotation"),
				    value_get_str(v, "message"), f ? "error" : "warning",
				    f);
		}
		check_end(&c, checks,
			  no_kv && r == ABI_RULE_NEW_KERNELVERSION_OLDER ?
				  "the old tree's kernel version is unknown" :
				  NULL);
	}
}

static void diag_checks(const struct value *report, struct value *checks)
{
	const struct value *diags = value_get(report, "new_diagnostics");
	bool lint = value_bool(value_get(report, "lint_shown"));

	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		enum abi_severity sev = abi_diag_kind_severity(k);
		const char *kind = abi_diag_kind_name(k);
		char *name, *title;
		struct check c;
		bool f;

		if (sev == ABI_SEVERITY_LINT && !lint)
			continue;
		name = g_strdup_printf("new-%s", kind);
		title = g_strdup_printf("New diagnostics: %s", kind);
		f = fails(report, name);
		check_begin(&c, name, "diff", title, abi_diag_kind_help(k));
		for (size_t i = 0; i < value_len(diags); i++) {
			const struct value *d = value_at(diags, i);

			if (strcmp(value_get_str(d, "kind"), kind) == 0)
				add(&c, d, NULL, value_get_str(d, "message"),
				    sev == ABI_SEVERITY_LINT ? "info" :
							       abi_severity_name(sev),
				    f);
		}
		check_end(&c, checks, NULL);
		g_free(name);
		g_free(title);
	}
}

static void change_checks(const struct value *report, struct value *checks)
{
	const struct value *changes = value_get(report, "changes");

	for (int k = 0; k < ABI_CHANGE_KIND_COUNT; k++) {
		const char *name = abi_change_kind_name(k);
		bool f = fails(report, name);
		struct check c;

		check_begin(&c, name, "diff", change_titles[k],
			    "What did the change do to the documented ABI?");
		for (size_t i = 0; i < value_len(changes); i++) {
			const struct value *ch = value_at(changes, i);
			const struct value *at = value_get(ch, "new");

			if (strcmp(value_get_str(ch, "kind"), name) != 0)
				continue;
			if (value_type(at) != VALUE_OBJECT)
				at = value_get(ch, "old");
			add(&c, at, value_get(ch, "annotation"),
			    value_get_str(ch, "message"), f ? "error" : "info", f);
		}
		check_end(&c, checks, NULL);
	}
}

void checks_diff(const struct value *report, struct value *checks)
{
	rule_checks(report, checks);
	diag_checks(report, checks);
	change_checks(report, checks);
}
