/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Libraries loaded when first used, not linked: libarchive (libarchive-load.h), libpq
 * (pq-lib.h), SQLite (sqlite-lib.h). Linked in, each costs every run its relocation
 * before main(), whether the run uses it or not. Each keeps its functions in a struct
 * of pointers typed by its own header (__typeof__), filled from one list of names.
 */
#ifndef SYSABI_DL_LIB_H
#define SYSABI_DL_LIB_H

#include <stddef.h>

/*
 * dlopen(3) @soname (kept loaded for the life of the process) and resolve the @n
 * symbols @names into @syms. Returns 0, or -ENOPKG with *@why (malloc'd) saying what
 * failed and that the Debian package @package holds the library.
 */
int dl_lib_open(const char *soname, const char *package, const char *const *names,
		void **syms, size_t n, char **why);

/* A member of such a struct: a pointer to the function @name, of its type. */
#define DL_LIB_FN(name) __typeof__(name) *name;
/* The name of the function @name, for dl_lib_open()'s list. */
#define DL_LIB_NAME(name) #name,
/* Set the member @name of the struct fns from the next of the symbols syms. */
#define DL_LIB_SET(name) fns.name = (__typeof__(fns.name))syms[i++];

/*
 * Define `const struct TYPE *LOAD(char **why)`: the functions of @fns_list (an X-macro
 * list of names) from @soname, loaded on the first call and kept; NULL when they
 * cannot be, with *@why (malloc'd) saying why and naming @package.
 */
#define DL_LIB_DEFINE_LOAD(type, load, fns_list, soname, package)             \
	const struct type *load(char **why)                                   \
	{                                                                     \
		static const char *const names[] = { fns_list(DL_LIB_NAME) }; \
		static struct type fns;                                       \
		static int loaded;                                            \
		void *syms[sizeof(names) / sizeof(names[0])];                 \
		size_t i = 0;                                                 \
                                                                              \
		*why = NULL;                                                  \
		if (loaded)                                                   \
			return &fns;                                          \
		if (dl_lib_open(soname, package, names, syms,                 \
				sizeof(names) / sizeof(names[0]), why) < 0)   \
			return NULL;                                          \
		fns_list(DL_LIB_SET) loaded = 1;                              \
		return &fns;                                                  \
	}

#endif
