// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A diff report as uniform checks: each rule, each kind of new diagnostic and each kind
 * of change is one check, its items findings. Reads only the result model.
 */
#include <ctype.h>
#include <string.h>

#include <glib.h>

#include "abi.h"
#include "view-diff.h"

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

/* The part of a path from its (last) level directory on: "testing/sysfs-x:12". */
static const char *from_level(const char *path)
{
	static const char *const levels[] = { "stable/", "testing/", "obsolete/", "removed/" };
	const char *found = path;

	for (const char *p = path; *p; p++) {
		if (p != path && p[-1] != '/')
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(levels); i++)
			if (g_str_has_prefix(p, levels[i]))
				found = p;
	}
	return found;
}

/* "testing/sysfs-bus-iio:141" as "testing-sysfs-bus-iio-141", once in @used. */
static char *finding_name(const char *where, GHashTable *used)
{
	GString *s = g_string_new(NULL);
	char *name;

	for (const char *p = from_level(where); *p; p++) {
		if (isalnum((unsigned char)*p))
			g_string_append_c(s, (char)tolower((unsigned char)*p));
		else if (s->len && s->str[s->len - 1] != '-')
			g_string_append_c(s, '-');
	}
	while (s->len && s->str[s->len - 1] == '-')
		g_string_truncate(s, s->len - 1);
	if (!s->len)
		g_string_append(s, "finding");
	name = g_strdup(s->str);
	for (unsigned int k = 2; g_hash_table_contains(used, name); k++) {
		g_free(name);
		name = g_strdup_printf("%s-%u", s->str, k);
	}
	g_hash_table_add(used, name);
	g_string_free(s, TRUE);
	return g_strdup(name);
}

static bool in_list(const struct value *list, const char *name)
{
	for (size_t i = 0; i < value_len(list); i++)
		if (strcmp(value_str(value_at(list, i)) ?: "", name) == 0)
			return true;
	return false;
}

struct check {
	struct value *v, *findings;
	GHashTable *used;
	bool fails;
};

static void check_begin(struct check *c, const struct value *report, const char *name,
			const char *title)
{
	c->v = value_object_new();
	value_set_str(c->v, "name", name);
	value_set_str(c->v, "family", "diff");
	value_set_str(c->v, "title", title);
	c->findings = value_array_new();
	c->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->fails = in_list(value_get(report, "fail_on"), name);
}

static void check_add(struct check *c, const char *file, long long line, const char *message,
		      const char *severity)
{
	struct value *f = value_append(c->findings, value_object_new());
	char *where = g_strdup_printf("%s:%lld", file, line);
	char *name = finding_name(where, c->used);

	value_set_str(f, "name", name);
	value_set_str(f, "where", where);
	value_set_str(f, "message", message);
	value_set_str(f, "severity", severity);
	value_set_int(f, "count", 1);
	g_free(where);
	g_free(name);
}

static void check_end(struct check *c, struct value *checks, bool skipped)
{
	size_t n = value_len(c->findings);

	value_set_str(c->v, "status", skipped ? "skip" : !n ? "ok" : c->fails ? "fail" : "warn");
	value_set_int(c->v, "count", (long long)n);
	value_set(c->v, "findings", c->findings);
	value_append(checks, c->v);
	g_hash_table_destroy(c->used);
}

static void rule_checks(struct value *checks, const struct value *report)
{
	const struct value *violations = value_get(report, "violations");
	bool no_kv = !value_str(value_path(report, "old.kernel_version"));

	for (size_t r = 0; r < G_N_ELEMENTS(rule_titles); r++) {
		struct check c;

		check_begin(&c, report, rule_titles[r].name, rule_titles[r].title);
		for (size_t i = 0; i < value_len(violations); i++) {
			const struct value *v = value_at(violations, i);

			if (strcmp(S(v, "rule"), rule_titles[r].name) == 0)
				check_add(&c, S(v, "file"), value_int(value_get(v, "line")),
					  S(v, "message"), c.fails ? "error" : "warning");
		}
		check_end(&c, checks, no_kv && strcmp(rule_titles[r].name,
						      "new-kernelversion-older") == 0);
	}
}

static void diag_checks(struct value *checks, const struct value *report)
{
	const struct value *diags = value_get(report, "new_diagnostics");
	bool lint = value_bool(value_get(report, "lint_shown"));

	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		enum abi_severity sev = abi_diag_kind_severity(k);
		const char *kind = abi_diag_kind_name(k);
		char *name, *title;
		struct check c;

		if (sev == ABI_SEVERITY_LINT && !lint)
			continue;
		name = g_strdup_printf("new-%s", kind);
		title = g_strdup_printf("New diagnostics: %s", kind);
		check_begin(&c, report, name, title);
		for (size_t i = 0; i < value_len(diags); i++) {
			const struct value *d = value_at(diags, i);

			if (strcmp(S(d, "kind"), kind) == 0)
				check_add(&c, S(d, "file"), value_int(value_get(d, "line")),
					  S(d, "message"), sev == ABI_SEVERITY_LINT ? "info" :
										abi_severity_name(sev));
		}
		check_end(&c, checks, false);
		g_free(name);
		g_free(title);
	}
}

static void change_checks(struct value *checks, const struct value *report)
{
	const struct value *changes = value_get(report, "changes");

	for (size_t k = 0; k < G_N_ELEMENTS(change_titles); k++) {
		struct check c;

		check_begin(&c, report, change_titles[k].name, change_titles[k].title);
		for (size_t i = 0; i < value_len(changes); i++) {
			const struct value *ch = value_at(changes, i);
			const struct value *at = value_get(ch, "new");

			if (strcmp(S(ch, "kind"), change_titles[k].name) != 0)
				continue;
			if (value_type(at) != VALUE_OBJECT)
				at = value_get(ch, "old");
			check_add(&c, S(at, "file"), value_int(value_get(at, "line")),
				  S(ch, "message"), c.fails ? "error" : "info");
		}
		check_end(&c, checks, false);
	}
}

struct value *view_checks_diff(const struct value *report)
{
	struct value *checks = value_array_new();

	rule_checks(checks, report);
	diag_checks(checks, report);
	change_checks(checks, report);
	return checks;
}
