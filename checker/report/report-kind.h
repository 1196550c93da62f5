/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kind of report: what the report engine needs to know of one command's result model
 * and nothing else. A command names its kind in its struct command (cli/cli.h); the
 * kind lives in the command's folder beside the model it reads, so no generic file
 * knows a command by name.
 */
#ifndef SYSABI_REPORT_KIND_H
#define SYSABI_REPORT_KIND_H

#include "value.h"

/* A key number of a report: the view's figures[] (view.h). */
struct report_figure {
	const char *name;  /* an identifier: "undocumented" */
	const char *label; /* for people: "undocumented files" */
	const char *path;  /* the model's key: "files.undocumented" */
};

/* A family of checks (checks.h): a JUnit testsuite, a section of the HTML report. */
struct report_family {
	const char *name;  /* the checks' "family" */
	const char *title; /* "BTF in /sys/kernel/btf" */
};

struct report_kind {
	/* the model's "command"; the view's is_NAME, the text format's text/NAME.txt */
	const char *name;
	/* Append the report's checks (checks.h) to @checks. NULL: the report judges
	 * nothing and has no checks, so the formats that show checks cannot show it. */
	void (*add_checks)(const struct value *report, struct value *checks);
	/* The families of its checks, up to a NULL; a family not listed is titled by its
	 * name. */
	const struct report_family *const *families;
	/* The key numbers, up to one with a NULL name; each shown when the model has it. */
	const struct report_figure *figures;
	/* Append the bar charts (view_add_chart()) to @charts; NULL: none. */
	void (*add_charts)(struct value *charts, const struct value *report);
	/* Fill the view's text (view.h, view-text.c's helpers): what the text templates
	 * cannot work out. */
	void (*add_text)(struct value *text, const struct value *report);
	/* The view's copy of the findings of @check, a check of @report, each with what
	 * the HTML report shows of it besides (the audit's: its group, paths and
	 * owners); NULL: a plain copy. */
	struct value *(*view_findings)(const struct value *check,
				       const struct value *report);
	/* Add to the view what the HTML report shows beside the checks (the audit's
	 * treemap); NULL: nothing. */
	void (*add_page)(struct value *view, const struct value *report);
};

#endif
