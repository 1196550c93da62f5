/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The result model: every command builds one tree of values (objects with ordered keys,
 * arrays, strings, integers, booleans), and every output format is rendered from it,
 * so no two formats can disagree.
 *
 * Building never fails midway: a constructor that runs out of memory returns NULL, and
 * setting or appending NULL marks the container as failed, which spreads to whatever
 * holds it. Check value_failed() on the root before rendering.
 *
 * Strings are copied, and made valid UTF-8 on the way in (invalid bytes become U+FFFD),
 * so renderers can trust them.
 */
#ifndef SYSABI_VALUE_H
#define SYSABI_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/macro.h"

enum value_type {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_INT,
	VALUE_STRING,
	VALUE_ARRAY,
	VALUE_OBJECT,
};

struct value;

/* Constructors: each returns a new value owned by the caller, or NULL on ENOMEM. */
struct value *value_object_new(void);
struct value *value_array_new(void);
/*
 * An object that adds keys to @base, which it borrows (@base must outlive it):
 * value_get() answers from its own keys first, then from @base's. Its length and keys
 * are its own. For views that add to the model without copying it.
 */
struct value *value_object_extend(const struct value *base);
struct value *value_string_new(const char *s); /* NULL @s gives a VALUE_NULL */
struct value *value_string_printf(const char *fmt, ...) _printf_(1, 2);
struct value *value_int_new(long long n);
struct value *value_bool_new(bool b);
struct value *value_null_new(void);
void value_free(struct value *v);
/* A deep copy of @v (NULL copies as a VALUE_NULL), owned by the caller; an extending
 * object's copy borrows the same base. */
struct value *value_copy(const struct value *v);

/* Take ownership of @child (even on failure); returns @child, for chaining. */
struct value *value_set(struct value *object, const char *key, struct value *child);
struct value *value_append(struct value *array, struct value *child);

/* Sort the elements of @array with @cmp (stable: equal elements keep their order). */
void value_sort(struct value *array,
		int (*cmp)(const struct value *a, const struct value *b));

/* Shorthands for value_set() with a new scalar. */
void value_set_str(struct value *object, const char *key, const char *s);
void value_set_int(struct value *object, const char *key, long long n);
void value_set_bool(struct value *object, const char *key, bool b);

/* True when building @v or anything below it ran out of memory. */
bool value_failed(const struct value *v);

enum value_type value_type(const struct value *v);
bool value_bool(const struct value *v);
long long value_int(const struct value *v);
const char *value_str(const struct value *v); /* NULL unless VALUE_STRING */
/* Arrays and objects: number of elements or keys. */
size_t value_len(const struct value *v);
const struct value *value_at(const struct value *v, size_t i);
const char *value_key_at(const struct value *object, size_t i);
/* The value under @key, or NULL. */
const struct value *value_get(const struct value *object, const char *key);
/*
 * Typed reads of a member the code itself set: "" and 0 also stand for null. A key that
 * is not in @object at all is a bug of the code that reads it (a misspelt name), which
 * would otherwise read as "" or 0 and pass: with SYSABI_STRICT_MODEL set in the
 * environment (make check sets it) it aborts, naming the key. A NULL @object reads as
 * empty: it is an optional part of the model.
 */
const char *value_get_str(const struct value *object, const char *key);
long long value_get_int(const struct value *object, const char *key);
/* value_get() along a dotted path: "summary.levels.stable"; a number picks an array's
 * element: "groups.0.pattern". */
const struct value *value_path(const struct value *v, const char *path);

#endif
