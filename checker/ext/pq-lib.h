/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpq, loaded when a store in PostgreSQL is opened and not before: linked in, it and
 * what it brings (Kerberos, LDAP, GnuTLS, SASL...) cost every run of sysabi 10 M
 * instructions of relocation before main(), as much as a whole `find /sys`, for the one
 * option (`fleet --db postgresql://`) that uses it. Its header still types every call.
 */
#ifndef SYSABI_PQ_LIB_H
#define SYSABI_PQ_LIB_H

#include <libpq-fe.h>

/* libpq's soname since PostgreSQL 8.2; the Debian package libpq5 */
#define PQ_LIB_SONAME "libpq.so.5"

/* The functions of libpq sysabi calls, each with its own type, under its own name. */
struct pq_lib {
#define PQ_LIB_FN(name) __typeof__(name) *name
	PQ_LIB_FN(PQconnectdbParams);
	PQ_LIB_FN(PQstatus);
	PQ_LIB_FN(PQerrorMessage);
	PQ_LIB_FN(PQsetNoticeProcessor);
	PQ_LIB_FN(PQdb);
	PQ_LIB_FN(PQfinish);
	PQ_LIB_FN(PQresultErrorField);
	PQ_LIB_FN(PQnfields);
	PQ_LIB_FN(PQntuples);
	PQ_LIB_FN(PQgetisnull);
	PQ_LIB_FN(PQgetvalue);
	PQ_LIB_FN(PQgetlength);
	PQ_LIB_FN(PQexecParams);
	PQ_LIB_FN(PQresultStatus);
	PQ_LIB_FN(PQclear);
	PQ_LIB_FN(PQtransactionStatus);
	PQ_LIB_FN(PQcmdStatus);
#undef PQ_LIB_FN
};

/*
 * libpq, loaded on the first call (and kept: it is never unloaded). NULL when it cannot
 * be, with *@why (malloc'd) saying why and which package holds it.
 */
const struct pq_lib *pq_lib_load(char **why);

#endif
