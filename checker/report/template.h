/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small logic-less template engine, in the manner of mustache, for the report formats
 * (report-templates/). It renders a result model (value.h). Debian has no C library for
 * this, so it is written here, small.
 *
 *   {{name}}          a value, escaped for the output format
 *   {{{name}}}        a value, not escaped ({{& name}} too)
 *   {{a.b.c}}         a value below a value; {{.}} the current value
 *   {{#name}}...{{/name}}  an array: once per element; an object: once, inside it;
 *                     true, a non-empty string or a non-zero number: once
 *   {{^name}}...{{/name}}  once when name is missing, false, null, 0, "" or []
 *   {{> name}}        another template (a partial), rendered here
 *   {{! comment}}
 *   {{name:12}}       padded to 12 columns, {{name:>12}} right-aligned: tables in
 *                     plain text without logic in the template
 *   {{name:/}}        a path, for HTML: a line may break after each '/' but the
 *                     first (<wbr>) and nowhere else (a name with a hyphen is kept
 *                     whole), so a long path wraps between its components; as
 *                     {{name}} in the escapes but XML's
 *   {{#-first}}, {{#-last}}, {{^-last}}  inside an array section: the first or last
 *                     element (separators: {{^-last}}, {{/-last}})
 *   {{-index}}        inside an array section: the element's number, from 1
 *   {{#name.*}}...{{/name.*}}  once per member of the object name, in order, inside
 *                     the member's value; {{-key}} is the member's key ({{#*}}: the
 *                     current object's members)
 *
 * A line holding only a section tag, a comment or a partial leaves no trace in the
 * output (mustache's standalone lines), so templates can be laid out readably.
 */
#ifndef SYSABI_TEMPLATE_H
#define SYSABI_TEMPLATE_H

#include <stdio.h>

#include "value.h"

enum template_escape {
	TEMPLATE_ESCAPE_NONE,     /* as is */
	TEMPLATE_ESCAPE_XML,      /* & < > " ' as entities; other control characters
				     dropped, as XML 1.0 cannot hold them: HTML, JUnit */
	TEMPLATE_ESCAPE_LINE,     /* control characters shown as \xNN, so one value stays
				     on one line: KTAP */
	TEMPLATE_ESCAPE_TEXT,     /* the same but for tabs, which the ABI documentation
				     lays its fields out with: text on a terminal */
	TEMPLATE_ESCAPE_MARKDOWN, /* Markdown's punctuation and | backslash-escaped, < >
				     & as entities, newlines as spaces: table cells */
	TEMPLATE_ESCAPE_JSON,     /* the inside of a JSON string: " \\ and control
				     characters escaped: SARIF */
	TEMPLATE_ESCAPE_WORKFLOW, /* the data of a CI workflow command: % CR LF as %25
				     %0D %0A, so one finding stays one command */
};

/*
 * What one render may take. A template is only a few lines, yet partials that include
 * the next one twice, or sections nested over the same array, multiply: 30 levels are a
 * billion copies. Each limit stops the render with an error at the tag that crossed it.
 */
/* Partials inside partials: sysabi's own templates nest 2 deep. */
#define TEMPLATE_MAX_PARTIAL_DEPTH 16
/* Bytes of output: far above the report of a real machine. */
#define TEMPLATE_MAX_OUTPUT ((size_t)256 << 20)
/* Steps: a node rendered, or a section entered for an element. sysabi's reports take
 * one for every 10 bytes or so they write, so this is the output limit's match for a
 * template that repeats without writing; it is reached within seconds. */
#define TEMPLATE_MAX_STEPS 100000000UL

/* Where a template went wrong: file (as given) and 1-based line. */
struct template_error {
	char file[256];
	unsigned int line;
	char message[256];
};

struct template;

/*
 * Compile @text, read from @file (the name errors give). Returns 0, -EINVAL with @err
 * filled (an unclosed or mismatched section, an unclosed tag, a bad width), or -ENOMEM.
 * Free with template_free().
 */
int template_parse(const char *file, const char *text, struct template **out,
		   struct template_error *err);
void template_free(struct template *t);

/* Finds partials: the compiled template called @name, or NULL (an error at render). */
typedef const struct template *(*template_partial_fn)(void *data, const char *name);

/*
 * Render @t with @data into @out. Returns 0, -EINVAL with @err filled (an unknown
 * partial, partials nested deeper than TEMPLATE_MAX_PARTIAL_DEPTH, more than
 * TEMPLATE_MAX_STEPS steps), -EFBIG with @err filled (more than TEMPLATE_MAX_OUTPUT
 * bytes), or -EIO when writing fails.
 */
int template_render(const struct template *t, const struct value *data,
		    enum template_escape escape, template_partial_fn partials,
		    void *pdata, FILE *out, struct template_error *err);

/*
 * template_render() over several layers of data: a name is looked up in the
 * innermost section first, then in @layers from the last to the first. The reports
 * use two: the result model, then the view derived from it (checker/report/view.h).
 */
int template_render_layers(const struct template *t, const struct value *const *layers,
			   size_t n_layers, enum template_escape escape,
			   template_partial_fn partials, void *pdata, FILE *out,
			   struct template_error *err);

/* For tests: lower TEMPLATE_MAX_OUTPUT and TEMPLATE_MAX_STEPS (0 sets a limit back), to
 * reach them without writing 256 MiB. */
void template_limits_for_tests(size_t max_output, unsigned long max_steps);

#endif
