// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * diff's checks: each README rule, each kind of new diagnostic shown and each kind of
 * change is one check, its items findings. Read from diff's result model.
 */
#include <string.h>

#include <glib.h>

#include "abi.h"
#include "checks.h"

#define S(v, key) (value_str(value_get((v), (key))) ?: "")

static const struct {
	const char *name, *title;
} rule_titles[] = {
	{ "stable-to-testing", "Stable entries moved back to testing" },
	{ "removed-without-obsolete", "Entries moved to removed/ without passing through obsolete/" },
	{ "vanished-stable", "Stable entries that vanished" },
	{ "vanished-testing", "Testing entries that vanished" },
	{ "obsolete-vanished", "Obsolete entries that vanished instead of moving to removed/" },
	{ "new-missing-field", "New entries without a required field" },
	{ "new-kernelversion-older", "New entries whose KernelVersion predates the old tree" },
}, change_titles[] = {
	{ "added", "Entries added" },
	{ "removed", "Entries removed" },
	{ "changed", "Entries changed" },
	{ "moved-file", "Entries moved to another file" },
	{ "moved-level", "Entries moved to another stability level" },
};

static bool fails(const struct value *report, const char *name)
{
	return check_listed(value_get(report, "fail_on"), name);
}

static void add(struct check *c, const struct value *at, const char *message,
		const char *severity, bool failing)
{
	char *where = g_strdup_printf("%s:%lld", S(at, "file"), value_int(value_get(at, "line")));

	check_finding(c, where, message, severity, 1, failing);
	g_free(where);
}

static void rule_checks(const struct value *report, struct value *checks)
{
	const struct value *violations = value_get(report, "violations");
	bool no_kv = !value_str(value_path(report, "old.kernel_version"));

	for (size_t r = 0; r < G_N_ELEMENTS(rule_titles); r++) {
		bool f = fails(report, rule_titles[r].name);
		struct check c;

		check_begin(&c, rule_titles[r].name, "diff", rule_titles[r].title,
			    "Does the change keep Documentation/ABI/README's rule?");
		for (size_t i = 0; i < value_len(violations); i++) {
			const struct value *v = value_at(violations, i);

			if (strcmp(S(v, "rule"), rule_titles[r].name) == 0)
				add(&c, v, S(v, "message"), f ? "error" : "warning", f);
		}
		check_end(&c, checks, no_kv && strcmp(rule_titles[r].name,
						      "new-kernelversion-older") == 0 ?
			  "the old tree's kernel version is unknown" : NULL);
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

			if (strcmp(S(d, "kind"), kind) == 0)
				add(&c, d, S(d, "message"), sev == ABI_SEVERITY_LINT ? "info" :
							     abi_severity_name(sev), f);
		}
		check_end(&c, checks, NULL);
		g_free(name);
		g_free(title);
	}
}

static void change_checks(const struct value *report, struct value *checks)
{
	const struct value *changes = value_get(report, "changes");

	for (size_t k = 0; k < G_N_ELEMENTS(change_titles); k++) {
		bool f = fails(report, change_titles[k].name);
		struct check c;

		check_begin(&c, change_titles[k].name, "diff", change_titles[k].title,
			    "What did the change do to the documented ABI?");
		for (size_t i = 0; i < value_len(changes); i++) {
			const struct value *ch = value_at(changes, i);
			const struct value *at = value_get(ch, "new");

			if (strcmp(S(ch, "kind"), change_titles[k].name) != 0)
				continue;
			if (value_type(at) != VALUE_OBJECT)
				at = value_get(ch, "old");
			add(&c, at, S(ch, "message"), f ? "error" : "info", f);
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
