/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The macros every part uses, defined once: array sizes, cleanup attributes with their
 * hand-off, printf checking and stringification (as kmod's shared/macro.h).
 */
#ifndef SYSABI_MACRO_H
#define SYSABI_MACRO_H

#include <stdlib.h>

/* 0, or a compile error when @e is true: usable where a constant expression is. */
#define BUILD_BUG_ON_ZERO(e) ((int)sizeof(struct { int : (-!!(e)); }))

/* A pointer passed for an array would make ARRAY_SIZE() silently wrong: refuse it. */
#define must_be_array(a)   \
	BUILD_BUG_ON_ZERO( \
		__builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0])))

/* The number of elements of the array @a; a compile error for a pointer. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]) + must_be_array(a))

/* @x after macro expansion, as a string: STRINGIFY(TREE_MAX_DEPTH) is "16". */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* Arguments @a (the format) and @b (the first to format) are checked as printf's. */
#define _printf_(a, b) __attribute__((format(printf, a, b)))

/* Call @f with the variable's address when it goes out of scope. */
#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p)
{
	free(*(void **)p);
}

/* A malloc'd pointer freed when it goes out of scope, unless TAKE_PTR() took it. */
#define _cleanup_free_ _cleanup_(freep)

/* @p's value, leaving NULL behind: a _cleanup_ variable's object handed to its owner. */
#define TAKE_PTR(p)                          \
	({                                   \
		__typeof__(p) _tp_tmp = (p); \
		(p) = NULL;                  \
		_tp_tmp;                     \
	})

#endif
