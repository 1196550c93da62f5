/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SQLite, loaded when a store in an SQLite file is opened and not before: linked in, it
 * costs every run of sysabi 1.1 M instructions of relocation before main(), for the one
 * option (`fleet --db FILE`) that uses it.
 */
#ifndef SYSABI_SQLITE_LIB_H
#define SYSABI_SQLITE_LIB_H

#include <sqlite3.h>

#include "dl-lib.h"

#define SQLITE_LIB_SONAME "libsqlite3.so.0"

/* The functions sysabi calls, each with its own type and name. */
#define SQLITE_LIB_FNS(X)                \
	X(sqlite3_bind_int64)            \
	X(sqlite3_bind_null)             \
	X(sqlite3_bind_parameter_count)  \
	X(sqlite3_bind_parameter_index)  \
	X(sqlite3_bind_text)             \
	X(sqlite3_busy_timeout)          \
	X(sqlite3_clear_bindings)        \
	X(sqlite3_close)                 \
	X(sqlite3_column_bytes)          \
	X(sqlite3_column_count)          \
	X(sqlite3_column_text)           \
	X(sqlite3_column_type)           \
	X(sqlite3_errmsg)                \
	X(sqlite3_errstr)                \
	X(sqlite3_extended_result_codes) \
	X(sqlite3_finalize)              \
	X(sqlite3_get_autocommit)        \
	X(sqlite3_open_v2)               \
	X(sqlite3_prepare_v3)            \
	X(sqlite3_reset)                 \
	X(sqlite3_sql)                   \
	X(sqlite3_step)                  \
	X(sqlite3_stmt_busy)             \
	X(sqlite3_system_errno)

struct sqlite_lib {
	SQLITE_LIB_FNS(DL_LIB_FN)
};

/*
 * SQLite, loaded on the first call (and kept). NULL when it cannot be, with *@why
 * (malloc'd) saying why and which package holds it.
 */
const struct sqlite_lib *sqlite_lib_load(char **why);

#endif
