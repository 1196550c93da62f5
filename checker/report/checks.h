/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checks: the uniform part of every report. A command's result model says what it
 * found in its own terms (groups, diagnostics, BTF findings); its checks say the same
 * as a list of named pass/fail questions, each with the findings behind its answer.
 * JUnit, KTAP, HTML and Markdown show the checks, and JSON carries them under "checks",
 * so every format reads one list and none can disagree with another.
 *
 * A check is an object:
 *   name      unique in the report, [a-z0-9-]: a KTAP test name, a JUnit class
 *   family    "sysfs", "btf", "documentation", "diff": a JUnit testsuite
 *   title     a line for people; about: what the check asks
 *   status    "ok", "warn" (findings that do not fail the run), "fail", "skip"
 *   reason    why it was skipped; null unless skipped
 *   count     how many things were found (files, entries, diagnostics...)
 *   findings  [{where, message, severity ("error", "warning", "info"), count,
 *              failing (this finding fails the run: always an error); and place
 *              when the command knows better than where where an annotation goes:
 *              {file, line}, or null for nowhere in a file}]
 */
#ifndef SYSABI_CHECKS_H
#define SYSABI_CHECKS_H

#include <stdbool.h>

#include "report-kind.h"
#include "value.h"

/* A check being built: check_begin(), check_finding()..., check_end(). */
struct check {
	const char *name, *family, *title, *about;
	struct value *findings;
	long long count;
	bool failing; /* a finding fails the run */
	bool warning; /* a finding above info */
};

void check_begin(struct check *c, const char *name, const char *family, const char *title,
		 const char *about);
/* Add a finding of @count things; returns it, to add keys. One that is @failing (fails
 * the run) is an error, whatever @severity says. */
struct value *check_finding(struct check *c, const char *where, const char *message,
			    const char *severity, long long count, bool failing);
/*
 * Append the finished check to @checks, taking the findings. @skip: NULL, or why the
 * check could not be made. The name is made slug-safe and unique among @checks.
 */
void check_end(struct check *c, struct value *checks, const char *skip);

/* Add "checks" to @report of @kind, when the kind has them and the report has none yet;
 * other reports are left as they are. */
void report_add_checks(struct value *report, const struct report_kind *kind);

/* Whether the array of strings @list (a report's "fail_on") holds @name. */
bool check_listed(const struct value *list, const char *name);

/* @s as a slug (slug.h), or "check" when nothing of it is left. Caller frees. */
char *check_slug(const char *s);

#endif
