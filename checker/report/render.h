/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Rendering a result model (value.h) in an output format. JSON is the model itself,
 * written by json-c; every other format is a template of report-templates/ rendered
 * over the model and its view (view.h). Reports are rendered into memory first and
 * written out whole, so a failure never leaves half a report.
 */
#ifndef SYSABI_RENDER_H
#define SYSABI_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "report-kind.h"
#include "template.h"
#include "value.h"

enum output_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_MARKDOWN,
	FORMAT_HTML,
	FORMAT_JUNIT,
	FORMAT_KTAP,
	FORMAT_COUNT,
};

/* A format's name into *@out; -EINVAL for another name. */
int format_parse(const char *name, enum output_format *out);
const char *format_name(enum output_format format);
/* The names of every format, for messages: "text, json, ...". */
const char *format_list(void);
/* The format a file's name says (".json", ".md", ".html", ".xml" for JUnit, ".ktap",
 * ".txt") into *@out; -EINVAL for another name. */
int format_of_file(const char *path, enum output_format *out);
/* Whether the format shows checks (checks.h), which only reports have. */
bool format_needs_checks(enum output_format format);

struct render_options {
	const struct report_kind *kind; /* of the report */
	enum output_format format;
	bool format_given;        /* --format was given: a --template escapes for it */
	const char *template_file; /* --template: render this one instead */
	bool color;               /* terminal colours: the view's color */
};

/*
 * Render @report into a malloc'd buffer *@buf of *@len bytes, which the caller frees.
 * Returns 0, -ENOMEM, or -EINVAL with @err saying where a template went wrong, or
 * -errno when a template cannot be read (@err says which).
 */
int render_report(const struct value *report, const struct render_options *opt, char **buf,
		  size_t *len, struct template_error *err);

/* JSON, the model itself: writes to @out and returns 0 or a negative errno. */
int render_json(const struct value *report, FILE *out);

#endif
