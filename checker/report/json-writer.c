// SPDX-License-Identifier: GPL-2.0-or-later
/* The json-c adapter: the result model as one JSON document. No other file sees json-c. */
#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "render.h"

static struct json_object *to_json(const struct value *v)
{
	struct json_object *o;

	switch (value_type(v)) {
	case VALUE_BOOL:
		return json_object_new_boolean(value_bool(v));
	case VALUE_INT:
		return json_object_new_int64(value_int(v));
	case VALUE_STRING:
		return json_object_new_string(value_str(v));
	case VALUE_ARRAY:
		o = json_object_new_array_ext((int)value_len(v));
		for (size_t i = 0; o && i < value_len(v); i++)
			json_object_array_add(o, to_json(value_at(v, i)));
		return o;
	case VALUE_OBJECT:
		o = json_object_new_object();
		for (size_t i = 0; o && i < value_len(v); i++)
			json_object_object_add(o, value_key_at(v, i),
					       to_json(value_at(v, i)));
		return o;
	case VALUE_NULL:
		break;
	}
	return NULL;
}

int render_json(const struct value *report, FILE *out)
{
	struct json_object *root = to_json(report);
	const char *s;
	int r = 0;

	if (!root)
		return -ENOMEM;
	s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							 JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s || fputs(s, out) < 0 || fputc('\n', out) < 0)
		r = s ? -EIO : -ENOMEM;
	json_object_put(root);
	return r;
}
