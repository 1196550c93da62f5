// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * BTF's checks: one for vmlinux, one for each module with a BTF file or a live module
 * without one, one for any other file a finding is about. Read from the BTF report.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "btf.h"
#include "report/checks.h"

struct btf_checks {
	const struct value *findings;
	bool *used;
	bool fail_errors, fail_warnings;
};

/* Add every finding about @path (NULL: every one not used yet) to @c. */
static void take_findings(struct btf_checks *b, struct check *c, const char *path)
{
	for (size_t i = 0; i < value_len(b->findings); i++) {
		const struct value *f = value_at(b->findings, i);
		const char *sev = value_get_str(f, "severity");
		bool fails = (b->fail_errors && strcmp(sev, "error") == 0) ||
			     (b->fail_warnings && strcmp(sev, "warning") == 0);
		char *msg;

		if (b->used[i] || (path && strcmp(value_get_str(f, "path"), path) != 0))
			continue;
		b->used[i] = true;
		msg = g_strdup_printf("%s [%s]", value_get_str(f, "message"),
				      value_get_str(f, "id"));
		value_set_str(check_finding(&c[0], value_get_str(f, "path"), msg, sev, 1,
					    fails),
			      "id", value_get_str(f, "id"));
		g_free(msg);
	}
}

void checks_btf(const struct value *btf, bool fail_on_errors, bool fail_on_warnings,
		struct value *checks)
{
	const struct value *modules = value_get(btf, "modules");
	const struct value *vmlinux = value_get(btf, "vmlinux");
	struct btf_checks b = { value_get(btf, "findings"), NULL, fail_on_errors,
				fail_on_warnings };
	struct check c;

	b.used = g_new0(bool, value_len(b.findings) + 1);
	check_begin(
		&c, "btf-vmlinux", "btf", "vmlinux BTF",
		"Is /sys/kernel/btf/vmlinux valid BTF, and the vmlinux on disk's if given?");
	if (!value_bool(value_path(btf, "sysfs.btf_exposed"))) {
		char *why = g_strdup(
			value_str(value_path(value_at(b.findings, 0), "message")) ?:
				"no /sys/kernel/btf");

		take_findings(&b, &c, NULL);
		check_end(&c, checks, why);
		g_free(why);
		g_free(b.used);
		return;
	}
	take_findings(&b, &c, value_get_str(vmlinux, "path"));
	check_end(&c, checks, NULL);

	for (size_t i = 0; i < value_len(modules); i++) {
		const struct value *m = value_at(modules, i);
		char *name = g_strdup_printf("btf-module-%s", value_get_str(m, "name"));
		char *title =
			g_strdup_printf("BTF of module %s", value_get_str(m, "name"));

		check_begin(&c, name, "btf", title,
			    "Does the module have valid split BTF on top of vmlinux's?");
		take_findings(&b, &c, value_get_str(m, "path"));
		check_end(&c, checks, NULL);
		g_free(title);
		g_free(name);
	}
	check_begin(
		&c, "btf-other", "btf", "Other BTF findings",
		"Is anything else wrong in /sys/kernel/btf or with the files on disk?");
	take_findings(&b, &c, NULL);
	check_end(&c, checks, NULL);
	g_free(b.used);
}
