// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libpq with dlopen(3). See pq-lib.h.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "pq-lib.h"

const struct pq_lib *pq_lib_load(char **why)
{
	static struct pq_lib lib;
	static bool loaded;
	const char *missing = NULL;
	void *h;

	*why = NULL;
	if (loaded)
		return &lib;
	h = dlopen(PQ_LIB_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = g_strdup_printf("cannot load %s (Debian package libpq5): %s",
				       PQ_LIB_SONAME, dlerror());
		return NULL;
	}
#define PQ_LIB_SYM(name)                                          \
	do {                                                      \
		lib.name = (__typeof__(lib.name))dlsym(h, #name); \
		if (!lib.name && !missing)                        \
			missing = #name;                          \
	} while (0)
	PQ_LIB_SYM(PQconnectdbParams);
	PQ_LIB_SYM(PQstatus);
	PQ_LIB_SYM(PQerrorMessage);
	PQ_LIB_SYM(PQsetNoticeProcessor);
	PQ_LIB_SYM(PQdb);
	PQ_LIB_SYM(PQfinish);
	PQ_LIB_SYM(PQresultErrorField);
	PQ_LIB_SYM(PQnfields);
	PQ_LIB_SYM(PQntuples);
	PQ_LIB_SYM(PQgetisnull);
	PQ_LIB_SYM(PQgetvalue);
	PQ_LIB_SYM(PQgetlength);
	PQ_LIB_SYM(PQexecParams);
	PQ_LIB_SYM(PQresultStatus);
	PQ_LIB_SYM(PQclear);
	PQ_LIB_SYM(PQtransactionStatus);
	PQ_LIB_SYM(PQcmdStatus);
#undef PQ_LIB_SYM
	if (missing) {
		*why = g_strdup_printf("%s has no %s: not the libpq sysabi was built for",
				       PQ_LIB_SONAME, missing);
		dlclose(h);
		return NULL;
	}
	loaded = true;
	return &lib;
}
