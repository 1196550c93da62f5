// SPDX-License-Identifier: GPL-2.0-or-later
/* Choosing a format and rendering into memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static const struct {
	const char *name;
	int (*render)(const struct value *report, FILE *out);
} formats[FORMAT_COUNT] = {
	[FORMAT_TEXT] = { "text", render_text },
	[FORMAT_JSON] = { "json", render_json },
};

int format_parse(const char *name, enum output_format *out)
{
	for (int i = 0; i < FORMAT_COUNT; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *format_name(enum output_format format)
{
	return format < FORMAT_COUNT ? formats[format].name : "?";
}

const char *format_list(void)
{
	return "text, json";
}

int render_report(const struct value *report, enum output_format format, char **buf,
		  size_t *len)
{
	FILE *f;
	int r;

	*buf = NULL;
	*len = 0;
	if (value_failed(report))
		return -ENOMEM;
	f = open_memstream(buf, len);
	if (!f)
		return -ENOMEM;
	r = formats[format].render(report, f);
	if (fclose(f) != 0 && r == 0)
		r = -ENOMEM;
	if (r < 0) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return r;
}
