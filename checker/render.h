/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Rendering a result model (value.h) in an output format. Reports are rendered into
 * memory first and written out whole, so a failure never leaves half a report.
 */
#ifndef SYSABI_RENDER_H
#define SYSABI_RENDER_H

#include <stdio.h>

#include "value.h"

enum output_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_COUNT,
};

/* "text" or "json" into *@out; -EINVAL for another name. */
int format_parse(const char *name, enum output_format *out);
const char *format_name(enum output_format format);
/* The names of every format, for --help: "text, json". */
const char *format_list(void);

/*
 * Render @report in @format into a malloc'd buffer *@buf of *@len bytes, which the
 * caller frees. Returns 0, -ENOMEM, or -EINVAL for a model the format cannot show.
 */
int render_report(const struct value *report, enum output_format format, char **buf,
		  size_t *len);

/* The formats. Each writes to @out and returns 0 or a negative errno. */
int render_json(const struct value *report, FILE *out);
int render_text(const struct value *report, FILE *out);
int render_text_btf(const struct value *report, FILE *out); /* render-text-btf.c */

#endif
