// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * validate's checks: one per kind of diagnostic, every kind, so a KTAP plan or a JUnit
 * suite has the same tests on every tree. Read from validate's result model.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "abi/abi.h"
#include "docs.h"
#include "report/checks.h"

void checks_validate(const struct value *report, struct value *checks)
{
	const struct value *diags = value_get(report, "diagnostics");
	bool werror = value_bool(value_get(report, "werror"));
	bool lint = value_bool(value_get(report, "lint_shown"));

	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		const char *kind = abi_diag_kind_name(k);
		enum abi_severity sev = abi_diag_kind_severity(k);
		bool fails = sev == ABI_SEVERITY_ERROR ||
			     (werror && sev == ABI_SEVERITY_WARNING);
		char *title = g_strdup_printf("Diagnostics %s", kind);
		struct check c;

		check_begin(&c, kind, "documentation", title, abi_diag_kind_help(k));
		for (size_t i = 0; i < value_len(diags); i++) {
			const struct value *d = value_at(diags, i);
			char *where;

			if (strcmp(value_get_str(d, "kind"), kind) != 0)
				continue;
			where = g_strdup_printf("%s:%lld", value_get_str(d, "file"),
						value_get_int(d, "line"));
			/* lint is a finding, never a failure; "info" keeps it from warning */
			check_finding(&c, where, value_get_str(d, "message"),
				      sev == ABI_SEVERITY_LINT ?
					      "info" :
					      value_get_str(d, "severity"),
				      1, fails);
			g_free(where);
		}
		check_end(&c, checks,
			  sev == ABI_SEVERITY_LINT && !lint ? "lint, shown by --lint" :
							      NULL);
		g_free(title);
	}
}
