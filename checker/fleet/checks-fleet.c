// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's checks: each class of finding, as the audit names it, with a finding a
 * group that says on how many machines and kernels it is; the inputs that could not
 * be audited; and what each machine's next kernel brought. Read from the fleet's model.
 */
#include <string.h>

#include <glib.h>

#include "fleet.h"
#include "report/checks.h"

static void class_check(const struct value *report, const struct audit_class_info *cls,
			struct value *checks)
{
	const struct value *groups = value_get(report, "groups");
	bool fails = check_listed(value_get(report, "fail_on"), cls->name);
	struct check c;

	check_begin(&c, cls->check, "fleet", cls->title, cls->about);
	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *g = value_at(groups, i);
		long long files = value_get_int(g, "files");
		long long machines = value_get_int(g, "machines");
		long long kernels = value_get_int(g, "kernels");
		const char *owner = value_str(value_get(g, "owner"));
		char *msg;

		if (strcmp(value_get_str(g, "class"), cls->name) != 0)
			continue;
		msg = g_strdup_printf(
			"%lld file%s on %lld machine%s, %lld kernel%s%s%s%s", files,
			files == 1 ? "" : "s", machines, machines == 1 ? "" : "s",
			kernels, kernels == 1 ? "" : "s", owner ? ": " : "", owner ?: "",
			value_bool(value_get(g, "new")) ? "; new since the last run" :
							  "");
		check_finding(&c, value_get_str(g, "pattern"), msg, cls->severity, files,
			      fails);
		g_free(msg);
	}
	check_end(&c, checks, NULL);
}

static void inputs_check(const struct value *report, struct value *checks)
{
	const struct value *skipped = value_get(report, "skipped");
	const struct value *dups = value_get(report, "duplicates");
	bool fails = check_listed(value_get(report, "fail_on"), "skipped");
	struct check c;

	check_begin(&c, "inputs", "fleet", "Inputs that could not be audited",
		    "Could every input be read and audited, each once?");
	for (size_t i = 0; i < value_len(skipped); i++) {
		const struct value *s = value_at(skipped, i);

		check_finding(&c, value_get_str(s, "input"), value_get_str(s, "error"),
			      "warning", 1, fails);
	}
	for (size_t i = 0; i < value_len(dups); i++) {
		const struct value *d = value_at(dups, i);
		char *msg = g_strdup_printf("the same machine, kernel and date as %s: "
					    "audited once",
					    value_get_str(d, "of"));

		check_finding(&c, value_get_str(d, "input"), msg, "info", 1, false);
		g_free(msg);
	}
	check_end(&c, checks, NULL);
}

static void kernels_check(const struct value *report, struct value *checks)
{
	const struct value *changes = value_get(report, "kernel_changes");
	struct check c;

	check_begin(&c, "kernel-changes", "fleet",
		    "Finding groups a kernel upgrade brought or took away",
		    "What did each machine's next kernel add to the findings, or fix?");
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *k = value_at(changes, i);
		size_t up = value_len(value_get(k, "appeared"));
		size_t gone = value_len(value_get(k, "vanished"));
		char *where =
			g_strdup_printf("%s: %s -> %s", value_get_str(k, "machine"),
					value_str(value_get(k, "old_kernel")) ?: "?",
					value_str(value_get(k, "new_kernel")) ?: "?");
		char *msg = g_strdup_printf("%zu group%s appeared, %zu vanished", up,
					    up == 1 ? "" : "s", gone);

		check_finding(&c, where, msg, "info", (long long)(up + gone), false);
		g_free(where);
		g_free(msg);
	}
	check_end(&c, checks, NULL);
}

/* What compare says of each upgrade: a documented file gone is a break of its level. */
static void abi_check(const struct value *report, const char *level, struct value *checks)
{
	const struct value *changes = value_get(report, "kernel_changes");
	char *name = g_strdup_printf("vanished-%s", level);
	char *title =
		g_strdup_printf("Files %s/ documents gone after a kernel upgrade", level);
	bool fails = check_listed(value_get(report, "fail_on"), name);
	bool known = false;
	struct check c;

	check_begin(&c, name, "fleet", title,
		    "Does each machine's next kernel still have the files of every entry "
		    "its kernel before had?");
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *k = value_at(changes, i);
		const struct value *gone = value_get(k, "vanished_documented");
		char *where;

		known |= value_type(gone) == VALUE_ARRAY;
		where = g_strdup_printf("%s: %s -> %s", value_get_str(k, "machine"),
					value_str(value_get(k, "old_kernel")) ?: "?",
					value_str(value_get(k, "new_kernel")) ?: "?");
		for (size_t j = 0; j < value_len(gone); j++) {
			const struct value *d = value_at(gone, j);
			char *msg;

			if (strcmp(value_get_str(d, "level"), level) != 0)
				continue;
			msg = g_strdup_printf("%s '%s' vanished", level,
					      value_get_str(d, "what"));
			check_finding(&c, where, msg,
				      strcmp(level, "stable") == 0 ? "error" : "warning",
				      1, fails);
			g_free(msg);
		}
		g_free(where);
	}
	check_end(&c, checks,
		  known ? NULL :
			  "no machine with two kernels whose documented files are known");
	g_free(title);
	g_free(name);
}

void checks_fleet(const struct value *report, struct value *checks)
{
	for (int order = 0; audit_class_listed(order); order++)
		class_check(report, audit_class_listed(order), checks);
	abi_check(report, "stable", checks);
	abi_check(report, "testing", checks);
	inputs_check(report, checks);
	kernels_check(report, checks);
}
