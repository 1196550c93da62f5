/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpq, loaded when a store in PostgreSQL is opened and not before: linked in, it and
 * what it brings (Kerberos, LDAP, GnuTLS, SASL...) cost every run of sysabi 10 M
 * instructions of relocation before main(), as much as a whole `find /sys`, for the one
 * option (`fleet --db postgresql://`) that uses it. libpq's soname since PostgreSQL 8.2.
 */
#ifndef SYSABI_PQ_LIB_H
#define SYSABI_PQ_LIB_H

#include <libpq-fe.h>

#include "dl-lib.h"

#define PQ_LIB_SONAME "libpq.so.5"

/* The functions sysabi calls, each with its own type and name. */
#define PQ_LIB_FNS(X)           \
	X(PQconnectdbParams)    \
	X(PQstatus)             \
	X(PQerrorMessage)       \
	X(PQsetNoticeProcessor) \
	X(PQdb)                 \
	X(PQfinish)             \
	X(PQresultErrorField)   \
	X(PQnfields)            \
	X(PQntuples)            \
	X(PQgetisnull)          \
	X(PQgetvalue)           \
	X(PQgetlength)          \
	X(PQexecParams)         \
	X(PQresultStatus)       \
	X(PQclear)              \
	X(PQtransactionStatus)  \
	X(PQcmdStatus)

struct pq_lib {
	PQ_LIB_FNS(DL_LIB_FN)
};

/*
 * libpq, loaded on the first call (and kept). NULL when it cannot be, with *@why
 * (malloc'd) saying why and which package holds it.
 */
const struct pq_lib *pq_lib_load(char **why);

#endif
