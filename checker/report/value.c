// SPDX-License-Identifier: GPL-2.0-or-later
/* The result model's values. See value.h. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "value.h"

struct value {
	enum value_type type;
	bool failed;
	union {
		bool b;
		long long n;
		char *s;
		struct {
			struct value **items;
			char **keys; /* objects only */
			size_t len, alloc;
			const struct value
				*base; /* objects: borrowed, asked for what they lack */
		} c;
	};
};

static struct value *value_new(enum value_type type)
{
	struct value *v = calloc(1, sizeof(*v));

	if (v)
		v->type = type;
	return v;
}

struct value *value_object_new(void)
{
	return value_new(VALUE_OBJECT);
}

struct value *value_object_extend(const struct value *base)
{
	struct value *v = value_new(VALUE_OBJECT);

	if (v)
		v->c.base = base;
	return v;
}

struct value *value_array_new(void)
{
	return value_new(VALUE_ARRAY);
}

struct value *value_null_new(void)
{
	return value_new(VALUE_NULL);
}

/*
 * A string value is one block, its text after the fields a string uses: a report holds
 * a value for every path it names (hundreds of thousands on a large tree), and a
 * second allocation and the unused rest of the union cost 50 bytes each.
 */
#define STRING_HEAD (offsetof(struct value, s) + sizeof(char *))

static struct value *string_value(const char *s, size_t len)
{
	struct value *v;

	if (len > SIZE_MAX - STRING_HEAD - 1)
		return NULL;
	v = malloc(STRING_HEAD + len + 1);
	if (!v)
		return NULL;
	memset(v, 0, STRING_HEAD);
	v->type = VALUE_STRING;
	v->s = (char *)v + STRING_HEAD;
	memcpy(v->s, s, len);
	v->s[len] = '\0';
	return v;
}

struct value *value_string_new(const char *s)
{
	struct value *v;
	char *valid;

	if (!s)
		return value_null_new();
	if (g_utf8_validate(s, -1, NULL))
		return string_value(s, strlen(s));
	valid = g_utf8_make_valid(s, -1);
	v = string_value(valid, strlen(valid));
	g_free(valid);
	return v;
}

struct value *value_string_printf(const char *fmt, ...)
{
	struct value *v;
	char *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	v = value_string_new(s);
	free(s);
	return v;
}

struct value *value_int_new(long long n)
{
	struct value *v = value_new(VALUE_INT);

	if (v)
		v->n = n;
	return v;
}

struct value *value_bool_new(bool b)
{
	struct value *v = value_new(VALUE_BOOL);

	if (v)
		v->b = b;
	return v;
}

void value_free(struct value *v)
{
	if (!v)
		return;
	/* a string's text is in its block (string_value()) */
	if (v->type == VALUE_ARRAY || v->type == VALUE_OBJECT) {
		for (size_t i = 0; i < v->c.len; i++) {
			value_free(v->c.items[i]);
			if (v->c.keys)
				free(v->c.keys[i]);
		}
		free(v->c.items);
		free(v->c.keys);
	}
	free(v);
}

static bool grow(struct value *v)
{
	size_t alloc = v->c.alloc ? v->c.alloc * 2 : 8;
	struct value **items = realloc(v->c.items, alloc * sizeof(*items));

	if (!items)
		return false;
	v->c.items = items;
	if (v->type == VALUE_OBJECT) {
		char **keys = realloc(v->c.keys, alloc * sizeof(*keys));

		if (!keys)
			return false;
		v->c.keys = keys;
	}
	v->c.alloc = alloc;
	return true;
}

static struct value *add(struct value *parent, const char *key, struct value *child)
{
	char *k = NULL;

	if (!parent) {
		value_free(child);
		return NULL;
	}
	if (!child || (key && !(k = strdup(key))) ||
	    (parent->c.len == parent->c.alloc && !grow(parent))) {
		parent->failed = true;
		free(k);
		value_free(child);
		return NULL;
	}
	if (child->failed)
		parent->failed = true;
	if (key)
		parent->c.keys[parent->c.len] = k;
	parent->c.items[parent->c.len++] = child;
	return child;
}

struct value *value_set(struct value *object, const char *key, struct value *child)
{
	return add(object, key, child);
}

struct value *value_append(struct value *array, struct value *child)
{
	return add(array, NULL, child);
}

void value_sort(struct value *array,
		int (*cmp)(const struct value *a, const struct value *b))
{
	/* insertion sort into a copy would do, but a merge keeps it O(n log n) and stable */
	size_t n = value_len(array);
	struct value **tmp;

	if (n < 2 || array->type != VALUE_ARRAY)
		return;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp) {
		array->failed = true;
		return;
	}
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = cmp(array->c.items[j], array->c.items[i]) < 0 ?
						   array->c.items[j++] :
						   array->c.items[i++];
			while (i < mid)
				tmp[k++] = array->c.items[i++];
			while (j < hi)
				tmp[k++] = array->c.items[j++];
		}
		memcpy(array->c.items, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}

void value_set_str(struct value *object, const char *key, const char *s)
{
	value_set(object, key, value_string_new(s));
}

void value_set_int(struct value *object, const char *key, long long n)
{
	value_set(object, key, value_int_new(n));
}

void value_set_bool(struct value *object, const char *key, bool b)
{
	value_set(object, key, value_bool_new(b));
}

bool value_failed(const struct value *v)
{
	if (!v)
		return true;
	if (v->failed)
		return true;
	if (v->type == VALUE_ARRAY || v->type == VALUE_OBJECT)
		for (size_t i = 0; i < v->c.len; i++)
			if (value_failed(v->c.items[i]))
				return true;
	return false;
}

enum value_type value_type(const struct value *v)
{
	return v ? v->type : VALUE_NULL;
}

bool value_bool(const struct value *v)
{
	return v && v->type == VALUE_BOOL && v->b;
}

long long value_int(const struct value *v)
{
	return v && v->type == VALUE_INT ? v->n : 0;
}

const char *value_str(const struct value *v)
{
	return v && v->type == VALUE_STRING ? v->s : NULL;
}

size_t value_len(const struct value *v)
{
	return v && (v->type == VALUE_ARRAY || v->type == VALUE_OBJECT) ? v->c.len : 0;
}

const struct value *value_at(const struct value *v, size_t i)
{
	return i < value_len(v) ? v->c.items[i] : NULL;
}

const char *value_key_at(const struct value *object, size_t i)
{
	return object && object->type == VALUE_OBJECT && i < object->c.len ?
		       object->c.keys[i] :
		       NULL;
}

const struct value *value_get(const struct value *object, const char *key)
{
	if (!object || object->type != VALUE_OBJECT)
		return NULL;
	for (size_t i = 0; i < object->c.len; i++)
		if (strcmp(object->c.keys[i], key) == 0)
			return object->c.items[i];
	return object->c.base ? value_get(object->c.base, key) : NULL;
}

/* A key the code reads and never set: loud in tests, "" or 0 otherwise. */
static const struct value *get_set(const struct value *object, const char *key)
{
	const struct value *v = value_get(object, key);

	if (v || !object)
		return v;
	if (getenv("SYSABI_STRICT_MODEL")) {
		fprintf(stderr, "sysabi: model: no key '%s' in an object of %zu keys\n",
			key, value_len(object));
		abort();
	}
	return NULL;
}

const char *value_get_str(const struct value *object, const char *key)
{
	return value_str(get_set(object, key)) ?: "";
}

long long value_get_int(const struct value *object, const char *key)
{
	return value_int(get_set(object, key));
}

const struct value *value_path(const struct value *v, const char *path)
{
	char key[128];

	while (v && *path) {
		size_t len = strcspn(path, ".");

		if (len >= sizeof(key))
			return NULL;
		memcpy(key, path, len);
		key[len] = '\0';
		if (v->type == VALUE_ARRAY && len && strspn(key, "0123456789") == len)
			v = len < 10 && (size_t)atol(key) < v->c.len ?
				    v->c.items[atol(key)] :
				    NULL;
		else
			v = value_get(v, key);
		path += len + (path[len] == '.');
	}
	return v;
}

struct value *value_copy(const struct value *v)
{
	struct value *c;

	switch (value_type(v)) {
	case VALUE_BOOL:
		return value_bool_new(v->b);
	case VALUE_INT:
		return value_int_new(v->n);
	case VALUE_STRING:
		return string_value(v->s, strlen(v->s)); /* valid UTF-8 already */
	case VALUE_ARRAY:
	case VALUE_OBJECT:
		c = value_new(v->type);
		if (c)
			c->c.base = v->c.base;
		for (size_t i = 0; c && i < v->c.len; i++)
			add(c, v->c.keys ? v->c.keys[i] : NULL,
			    value_copy(v->c.items[i]));
		if (c && v->failed)
			c->failed = true;
		return c;
	case VALUE_NULL:
		break;
	}
	return value_null_new();
}
