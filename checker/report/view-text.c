// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The view's part for the text format (report-templates/text/): the helpers the kinds'
 * add_text use, and the call to it. What to show is the kind's; how, the templates
 * say. See view.h.
 */
#include <string.h>

#include <glib.h>

#include "view.h"

/* @key is @n, and @key_s is "s" unless @n is one: "{{files}} file{{files_s}}". */
void view_count(struct value *obj, const char *key, long long n)
{
	char *plural = g_strconcat(key, "_s", NULL);

	value_set_int(obj, key, n);
	value_set_str(obj, plural, n == 1 ? "" : "s");
	g_free(plural);
}

/* @text cut at its newlines, which escaping would show: "a\n\nb\n" is [a, "", b]. */
struct value *view_lines(const char *text)
{
	struct value *lines = value_array_new();

	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");

		value_append(lines, value_string_printf("%.*s", (int)len, p));
		p += len + (p[len] == '\n');
	}
	return lines;
}

/* A new object with copies of @src's @keys (NULL-terminated); a missing one is null. */
static struct value *pick(const struct value *src, const char *const *keys)
{
	struct value *v = value_object_new();

	for (; *keys; keys++)
		value_set(v, *keys, value_copy(value_get(src, *keys)));
	return v;
}

/* pick() on each object of @list. */
struct value *view_pick_each(const struct value *list, const char *const *keys)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++)
		value_append(out, pick(value_at(list, i), keys));
	return out;
}

/* Copies of the findings or diagnostics of @list, each with is_SEVERITY true. */
struct value *view_by_severity(const struct value *list)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++) {
		struct value *v = value_append(out, value_copy(value_at(list, i)));
		char *is = g_strconcat("is_", value_get_str(v, "severity"), NULL);

		value_set_bool(v, is, true);
		g_free(is);
	}
	return out;
}

/* Copies of the objects of @list, each with @count, the number of items in its @key. */
struct value *view_with_count(const struct value *list, const char *key,
			      const char *count)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++) {
		const struct value *v = value_at(list, i);

		view_count(value_append(out, value_copy(v)), count,
			   (long long)value_len(value_get(v, key)));
	}
	return out;
}

/* ---- audit ---- */

void view_add_text(struct value *view, const struct value *report,
		   const struct report_kind *kind)
{
	struct value *text = value_set(view, "text", value_object_new());
	char *flag = g_strconcat("is_", kind->name, NULL);

	value_set_bool(view, flag, true);
	g_free(flag);
	if (kind->add_text)
		kind->add_text(text, report);
}
