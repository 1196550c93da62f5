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

/*
 * The output formats, a line each. A new format is a line here, its templates in
 * report-templates/ and its name in CLI_COMMON_HELP (cli/cli.h; a unit test holds the
 * help to this list).
 *
 *   ID        the enum's FORMAT_ID
 *   name      --format's word
 *   template  under the template directory; NULL: JSON, the model written by json-c;
 *             "%s" is the report's kind (text has a template a kind)
 *   escape    what the template's values are escaped for (template.h)
 *   checks    NONE: shows no checks (text); CARRIED: carries a report's checks when its
 *             kind has them (json); SHOWN: shows checks, so only reports that have them
 *   suffixes  the file names -o writes in the format, space-separated
 *   exit      SYSABI: sysabi's exit status; KSELFTEST: kselftest's (0 pass, 1 fail,
 *             4 skip)
 */
#define OUTPUT_FORMATS(X)                                                              \
	X(TEXT, "text", "text/%s.txt", TEMPLATE_ESCAPE_TEXT, NONE, ".txt", SYSABI)     \
	X(JSON, "json", NULL, TEMPLATE_ESCAPE_NONE, CARRIED, ".json", SYSABI)          \
	X(MARKDOWN, "markdown", "markdown/report.md", TEMPLATE_ESCAPE_MARKDOWN, SHOWN, \
	  ".md", SYSABI)                                                               \
	X(HTML, "html", "html/report.html", TEMPLATE_ESCAPE_XML, SHOWN, ".html .htm",  \
	  SYSABI)                                                                      \
	X(JUNIT, "junit", "junit/report.xml", TEMPLATE_ESCAPE_XML, SHOWN, ".xml",      \
	  SYSABI)                                                                      \
	X(KTAP, "ktap", "ktap/report.ktap", TEMPLATE_ESCAPE_LINE, SHOWN, ".ktap .tap", \
	  KSELFTEST)                                                                   \
	X(SARIF, "sarif", "sarif/report.sarif", TEMPLATE_ESCAPE_JSON, SHOWN, ".sarif", \
	  SYSABI)                                                                      \
	X(GITHUB, "github", "github/report.txt", TEMPLATE_ESCAPE_WORKFLOW, SHOWN,      \
	  ".github", SYSABI)

#define FORMAT_ENUM(id, ...) FORMAT_##id,
enum output_format {
	OUTPUT_FORMATS(FORMAT_ENUM) /* FORMAT_TEXT, FORMAT_JSON... */
	FORMAT_COUNT,
};
#undef FORMAT_ENUM

/* The extension of the format's files: ".json". */
const char *format_suffix(enum output_format format);
/* A format's name into *@out; -EINVAL for another name. */
int format_parse(const char *name, enum output_format *out);
const char *format_name(enum output_format format);
/* The names of every format, for messages: "text, json, ...". */
const char *format_list(void);
/* The format a file's name says (".json", ".md", ".html", ".xml" for JUnit, ".ktap",
 * ".txt") into *@out; -EINVAL for another name. */
int format_of_file(const char *path, enum output_format *out);
/* Whether the format shows checks (checks.h), which only some kinds of report have. */
bool format_needs_checks(enum output_format format);
/* Whether the format has a report's checks, when its kind has them: all but text. */
bool format_has_checks(enum output_format format);
/* Whether the run ends with kselftest's exit status in the format (ktap). */
bool format_kselftest_exit(enum output_format format);

struct render_options {
	const struct report_kind *kind; /* of the report */
	enum output_format format;
	bool format_given;         /* --format was given: a --template escapes for it */
	const char *template_file; /* --template: render this one instead */
	bool color;                /* terminal colours: the view's color */
	bool summary;              /* the view's summary: counts, not each finding */
};

/*
 * Render @report into a malloc'd buffer *@buf of *@len bytes, which the caller frees.
 * Returns 0, -ENOMEM, or -EINVAL with @err saying where a template went wrong, or
 * -errno when a template cannot be read (@err says which).
 */
int render_report(const struct value *report, const struct render_options *opt,
		  char **buf, size_t *len, struct template_error *err);

/* JSON, the model itself: writes to @out and returns 0 or a negative errno. */
int render_json(const struct value *report, FILE *out);

#endif
