// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit's checks: exposed removed and obsolete interfaces, undocumented files,
 * files named only by their directory, documented entries missing at each level,
 * trouble reading the sysfs, documentation of another kernel, then BTF. Read from the
 * audit's result model.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "audit-report.h"
#include "report/checks.h"
#include "common/macro.h"

/* "driver foo, module bar: description; subsystem class/net; ..." of a group, or "" */
static char *owners_text(const struct value *owners)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < value_len(owners); i++) {
		const struct value *o = value_at(owners, i);
		const char *d = value_str(value_get(o, "driver"));
		const char *m = value_str(value_get(o, "module"));
		const char *sub = value_str(value_get(o, "subsystem"));
		const char *desc = value_str(value_get(o, "description"));

		g_string_append_printf(s, "%s%s%s%s%s%s%s%s%s%s", i ? "; " : "",
				       d ? "driver " : "", d ?: "", d && m ? ", " : "",
				       m ? "module " : "", m ?: "",
				       sub ? "subsystem " : "", sub ?: "",
				       desc ? ": " : "", desc ?: "");
	}
	return g_string_free(s, FALSE);
}

static void class_check(const struct value *report, const struct audit_class_info *cls,
			struct value *checks)
{
	const struct value *groups = value_get(report, "groups");
	bool fails = check_listed(value_get(report, "fail_on"), cls->name);
	struct check c;

	check_begin(&c, cls->check, "sysfs", cls->title, cls->about);
	for (size_t k = 0; k < value_len(groups); k++) {
		const struct value *g = value_at(groups, k);
		bool known = value_bool(value_get(g, "baselined"));
		char *owners, *msg;
		long long count;
		struct value *f;

		if (strcmp(value_get_str(g, "class"), cls->name) != 0)
			continue;
		owners = owners_text(value_get(g, "owners"));
		count = value_get_int(g, "count");
		msg = g_strdup_printf("%lld file%s%s%s%s", count, count == 1 ? "" : "s",
				      known ? ", in the baseline" : "",
				      *owners ? ": " : "", owners);
		f = check_finding(&c, value_get_str(g, "pattern"), msg, cls->severity,
				  count, fails && !known);
		value_set_bool(f, "baselined", known);
		g_free(msg);
		g_free(owners);
	}
	check_end(&c, checks, NULL);
}

static void missing_check(const struct value *report, const char *level,
			  struct value *checks)
{
	const struct value *missing = value_get(report, "missing_entries");
	bool fails = check_listed(value_get(report, "fail_on"), "missing");
	char *name = g_strdup_printf("missing-%s", level);
	char *title = g_strdup_printf("Documented in %s/ but missing", level);
	struct check c;

	check_begin(&c, name, "sysfs", title,
		    "Is every entry whose directory exists in the sysfs there itself?");
	for (size_t i = 0; i < value_len(missing); i++) {
		const struct value *e = value_at(missing, i);
		char *where;

		if (strcmp(value_get_str(e, "level"), level) != 0)
			continue;
		where = g_strdup_printf("%s:%lld", value_get_str(e, "file"),
					value_get_int(e, "line"));
		check_finding(&c, where,
			      value_str(value_at(value_get(e, "whats"), 0)) ?: "",
			      "warning", 1, fails);
		g_free(where);
	}
	check_end(&c, checks, NULL);
	g_free(title);
	g_free(name);
}

static void walk_check(const struct value *report, struct value *checks)
{
	const struct value *sys = value_get(report, "sysfs");
	const struct value *problems = value_get(sys, "problems");
	/* the model always lists them; a check lists them as the text does, with -v */
	bool listed = value_bool(value_get(report, "verbose"));
	long long n = value_get_int(sys, "unreadable") + value_get_int(sys, "vanished") +
		      value_get_int(sys, "links_escaping") +
		      value_get_int(sys, "links_dangling");
	struct check c;

	check_begin(
		&c, "sysfs-walk", "sysfs", "Nodes the walk could not follow",
		"Could every node of the sysfs be read, and every link followed inside it?");
	for (size_t i = 0; listed && i < value_len(problems); i++) {
		const struct value *p = value_at(problems, i);
		const char *target = value_str(value_get(p, "target"));
		char *msg = g_strdup_printf("%s%s%s", value_get_str(p, "problem"),
					    target ? " -> " : "", target ?: "");

		check_finding(&c, value_get_str(p, "path"), msg, "warning", 1, false);
		g_free(msg);
	}
	if ((!listed || !value_len(problems)) && n) {
		char *msg = g_strdup_printf("%lld nodes (--verbose lists them)", n);

		check_finding(&c, value_get_str(sys, "root"), msg, "warning", n, false);
		g_free(msg);
	}
	check_end(&c, checks, NULL);
}

/* Documentation of another kernel misjudges a sysfs: say so, in every format. */
static void version_check(const struct value *report, struct value *checks)
{
	char *why;
	int r = audit_version_compare(report, &why);
	struct check c;

	check_begin(
		&c, "documentation-version", "sysfs",
		"Documentation of the kernel judged",
		"Is the documentation that of the sysfs's kernel, the same major.minor?");
	if (r > 0)
		check_finding(&c, value_get_str(value_get(report, "abi"), "dir"), why,
			      "warning", 1, false);
	check_end(&c, checks, r < 0 ? why : NULL);
	g_free(why);
}

void checks_audit(const struct value *report, struct value *checks)
{
	static const char *const levels[] = { "stable", "testing", "obsolete",
					      "removed" };
	const struct value *btf = value_get(report, "btf");
	const struct audit_class_info *cls;

	for (int i = 0; (cls = audit_class_listed(i)); i++)
		class_check(report, cls, checks);
	for (size_t i = 0; i < ARRAY_SIZE(levels); i++)
		missing_check(report, levels[i], checks);
	walk_check(report, checks);
	version_check(report, checks);
	if (btf) {
		checks_btf(btf, check_listed(value_get(report, "fail_on"), "btf"), false,
			   checks);
	} else {
		struct check c;

		check_begin(
			&c, "btf", btf_family.name, btf_family.title,
			"Does /sys/kernel/btf hold valid BTF for the kernel and its modules?");
		check_end(&c, checks, "not checked (--no-btf)");
	}
}
