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

#endif
