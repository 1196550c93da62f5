// SPDX-License-Identifier: GPL-2.0-or-later
/* Building checks, and adding a report's. See checks.h. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "checks.h"
#include "slug.h"

char *check_slug(const char *s)
{
	GString *out = g_string_new(NULL);

	slug_append(out, s, 0);
	if (!out->len)
		g_string_append(out, "check");
	return g_string_free(out, FALSE);
}

void check_begin(struct check *c, const char *name, const char *family, const char *title,
		 const char *about)
{
	*c = (struct check){ .name = name,
			     .family = family,
			     .title = title,
			     .about = about,
			     .findings = value_array_new() };
}

struct value *check_finding(struct check *c, const char *where, const char *message,
			    const char *severity, long long count, bool failing)
{
	struct value *f = value_append(c->findings, value_object_new());

	/* what fails the run is an error, in every format, whatever its kind's severity
	 * when it does not (an undocumented file is a warning unless --fail-on names it) */
	value_set_str(f, "where", where);
	value_set_str(f, "message", message);
	value_set_str(f, "severity", failing ? "error" : severity);
	value_set_int(f, "count", count);
	value_set_bool(f, "failing", failing);
	c->count += count;
	c->failing |= failing;
	c->warning |= strcmp(severity, "info") != 0;
	return f;
}

static bool name_taken(const struct value *checks, const char *name)
{
	for (size_t i = 0; i < value_len(checks); i++)
		if (strcmp(value_str(value_get(value_at(checks, i), "name")) ?: "",
			   name) == 0)
			return true;
	return false;
}

bool check_listed(const struct value *list, const char *name)
{
	for (size_t i = 0; i < value_len(list); i++)
		if (strcmp(value_str(value_at(list, i)) ?: "", name) == 0)
			return true;
	return false;
}

void check_end(struct check *c, struct value *checks, const char *skip)
{
	struct value *v = value_append(checks, value_object_new());
	char *name = check_slug(c->name), *unique = g_strdup(name);

	for (int n = 2; name_taken(checks, unique); n++) {
		g_free(unique);
		unique = g_strdup_printf("%s-%d", name, n);
	}
	value_set_str(v, "name", unique);
	value_set_str(v, "family", c->family);
	value_set_str(v, "title", c->title);
	value_set_str(v, "about", c->about);
	value_set_str(v, "status",
		      skip       ? "skip" :
		      c->failing ? "fail" :
		      c->warning ? "warn" :
				   "ok");
	/* always there, null unless skipped: templates must not find another "reason" */
	value_set_str(v, "reason", skip);
	value_set_int(v, "count", c->count);
	value_set(v, "findings", c->findings);
	g_free(unique);
	g_free(name);
}

void report_add_checks(struct value *report, const struct report_kind *kind)
{
	if (value_get(report, "checks") || !kind->add_checks)
		return;
	kind->add_checks(report, value_set(report, "checks", value_array_new()));
}
