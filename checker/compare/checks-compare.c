// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The comparison's checks: one a kind (compare.h), each finding a group with its
 * counts on each side, the What documenting it, and what to do about it. Read from the
 * comparison's result model.
 */
#include <string.h>

#include <glib.h>

#include "compare-report.h"
#include "report/checks.h"

static void kind_check(const struct value *report, const struct compare_kind_info *k,
		       struct value *checks)
{
	const struct value *groups = value_get(report, "groups");
	struct check c;

	check_begin(&c, k->name, "compare", k->title, k->about);
	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *g = value_at(groups, i);
		const struct value *w = value_get(g, "documented_by");
		long long count = value_get_int(g, "count");
		bool known = value_bool(value_get(g, "baselined"));
		char *where = NULL, *msg;
		struct value *f;

		if (strcmp(value_get_str(g, "kind"), k->name) != 0)
			continue;
		if (value_str(value_get(w, "file")))
			where = g_strdup_printf(", %s: %s:%lld",
						value_get_str(w, "level"),
						value_get_str(w, "file"),
						value_get_int(w, "line"));
		msg = g_strdup_printf(
			"%lld %s%s of %s; the pattern matches %lld in OLD, "
			"%lld in NEW%s%s",
			count, strcmp(k->side, "both") ? "file" : "node",
			count == 1 ? "" : "s",
			strcmp(value_get_str(g, "side"), "new") ? "OLD" : "NEW",
			value_get_int(g, "old_count"), value_get_int(g, "new_count"),
			where ? where : "", known ? ", in the baseline" : "");
		f = check_finding(&c, value_get_str(g, "pattern"), msg,
				  value_get_str(g, "severity"), count,
				  value_bool(value_get(g, "failing")));
		value_set_str(f, "fix", k->fix);
		value_set_bool(f, "baselined", known);
		g_free(msg);
		g_free(where);
	}
	check_end(&c, checks, NULL);
}

void checks_compare(const struct value *report, struct value *checks)
{
	for (int k = 0; k < COMPARE_KIND_COUNT; k++)
		kind_check(report, &compare_kinds[k], checks);
}
