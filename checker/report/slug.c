// SPDX-License-Identifier: GPL-2.0-or-later
/* Text into labels and names. See slug.h. */
#include "slug.h"

void slug_append(GString *out, const char *s, size_t max)
{
	size_t start = out->len;
	bool dash = false;

	for (; *s; s++) {
		char c = g_ascii_tolower(*s);

		if (!g_ascii_isalnum(c)) {
			dash = out->len > start;
			continue;
		}
		if (dash)
			g_string_append_c(out, '-');
		dash = false;
		g_string_append_c(out, c);
	}
	if (max && out->len - start > max) {
		/* at the last word boundary that fits, else in the middle of a word */
		const char *cut = g_strrstr_len(out->str + start, (gssize)max + 1, "-");

		g_string_truncate(out, cut && cut > out->str + start ?
					       (size_t)(cut - out->str) :
					       start + max);
	}
}
