/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What fleet-store.c shares with its two backends, fleet-store-sqlite.c and
 * fleet-store-pg.c, and the unit tests: the backend's operations, the store's state,
 * and the schema's text, written once for both dialects.
 *
 * The SQL of the store is the same in both: parameters are written $1, $2... (libpq's
 * placeholders, which SQLite reads as parameters named "$1", "$2"...), and every
 * value goes in as a parameter, never into the text. A backend runs one statement at
 * a time and hands each row back as text; fleet-store.c checks and bounds what it reads.
 */
#ifndef SYSABI_FLEET_STORE_INTERNAL_H
#define SYSABI_FLEET_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "common/macro.h"
#include "fleet-store.h"

/* How long a run waits for the store's write lock by default, in milliseconds. */
#define FLEET_STORE_WAIT_MS 5000
/* How long a SQLite run's commit waits for readers to let go of the file. */
#define FLEET_STORE_COMMIT_WAIT_MS 60000
/* fleet_store_error()'s buffer: longer messages are cut. */
#define FLEET_STORE_ERROR_MAX 1024
/* A statement writes up to 2^this findings of a snapshot. */
#define FLEET_FINDINGS_BATCH_SHIFT 8

/* A statement's parameter: a text (NULL: SQL's NULL), or a number when @is_num. */
struct fleet_param {
	const char *text;
	long long num;
	bool is_num;
};

#define FLEET_TEXT(s) ((struct fleet_param){ .text = (s) })
#define FLEET_NUM(n) ((struct fleet_param){ .num = (n), .is_num = true })

/*
 * A row of a result: @n columns, each the text of @len[i] bytes, terminated by a NUL,
 * or NULL for SQL's NULL. Borrowed for the call; nothing in it is checked yet (a
 * column may hold a NUL before its end, or be of any length).
 */
struct fleet_row {
	size_t n;
	const char *const *col;
	const size_t *len;
};

/* Called for each row; a non-zero return stops the statement and is returned. */
typedef int (*fleet_row_fn)(void *data, const struct fleet_row *row);

struct fleet_store_ops {
	const char *name; /* fleet_store_backend() */
	/*
	 * Connect to @spec, filling the backend's part of @s. On failure, the message
	 * is set (fleet_store_fail()) and disconnect() is still called.
	 */
	int (*connect)(struct fleet_store *s, const char *spec);
	void (*disconnect)(struct fleet_store *s);
	/*
	 * Run the one statement @sql with the @n parameters @p ($1 is @p[0]), calling
	 * @fn (may be NULL) with each row. Returns 0, @fn's non-zero return, or a
	 * negative errno with the message set: -EBUSY for a lock not had in time,
	 * -EEXIST for a unique key already there, -EPROTO for a corrupt store.
	 */
	int (*query)(struct fleet_store *s, const char *sql, const struct fleet_param *p,
		     size_t n, fleet_row_fn fn, void *data);
	/* Begin a transaction holding the store's write lock, waiting up to
	 * @s->wait_ms for it (-EBUSY). */
	int (*begin)(struct fleet_store *s);
	/* Commit it; on failure it is rolled back. */
	int (*commit)(struct fleet_store *s);
	/* Roll it back; harmless when none is open. */
	void (*rollback)(struct fleet_store *s);
	/* Whether a transaction is open and can go on (none failed in it). */
	bool (*in_transaction)(struct fleet_store *s);
	/* The wait for locks changed (@s->wait_ms). */
	void (*set_wait)(struct fleet_store *s);
	/*
	 * A statement of one row, two numbers: how many tables (or views) the store
	 * has apart from the database's own, and how many of them are sysabi_schema.
	 */
	const char *tables_sql;
	/* The schema of version 1, NULL-terminated: FLEET_SCHEMA_V1 in the dialect. */
	const char *const *schema_v1;
};

extern const struct fleet_store_ops fleet_store_sqlite_ops, fleet_store_pg_ops;

struct fleet_store {
	const struct fleet_store_ops *ops;
	void *conn;  /* the backend's, owned by it */
	char *where; /* who the messages are about: the file, the database; owned */
	char error[FLEET_STORE_ERROR_MAX];
	int version;
	unsigned int wait_ms;
	bool in_run;
	bool run_broken; /* a failure the run cannot go on from: only rollback is left */
	long long run_id;
	/* the ids of the groups this run met: "LEN:CLASSPATTERN" -> long long *, owned */
	GHashTable *group_ids;
	/* the INSERTs of 2^N findings, made when first needed; owned */
	char *findings_sql[FLEET_FINDINGS_BATCH_SHIFT + 1];
};

/*
 * Set @s's message to "WHERE: " and @fmt's text, made one line (control characters
 * and runs of blanks become one space), and return @err.
 */
int fleet_store_fail(struct fleet_store *s, int err, const char *fmt, ...) _printf_(3, 4);

/* Run @sql, which takes no parameter; its rows are ignored. */
int fleet_store_exec(struct fleet_store *s, const char *sql);

/* How long to wait for a lock, from now on (the tests wait less). */
void fleet_store_set_wait(struct fleet_store *s, unsigned int ms);

/*
 * One step of the schema: from version N to N + 1, where step 0 makes version 1 in an
 * empty database. Called inside the migration's transaction; returns 0 or a negative
 * errno with the message set.
 */
typedef int (*fleet_migration_fn)(struct fleet_store *s);

/*
 * Bring @s's schema to version @to with @steps (indexed by the version each starts
 * from), in one transaction under the write lock: the version is read again inside it,
 * so of two processes opening a new store only one creates it. A step's failure leaves
 * the store at the version it had. -ENOTSUP for a store newer than @to.
 */
int fleet_store_migrate(struct fleet_store *s, const fleet_migration_fn *steps, int to);

/*
 * The schema of version 1. @ID is how the dialect writes a column of ids that the
 * database numbers: SQLite's "INTEGER PRIMARY KEY" (the rowid), PostgreSQL's identity.
 * Everything else is the same text in both. docs/fleet-schema.rst says what each
 * table and column holds; a change here is a new version, with its migration step.
 */
#define FLEET_SCHEMA_V1(ID)                                                                       \
	"CREATE TABLE sysabi_schema (version INTEGER NOT NULL)",                                  \
		"CREATE TABLE runs (id " ID ", started TEXT NOT NULL, "                           \
		"tool_version TEXT NOT NULL, docs_dir TEXT NOT NULL, docs_version TEXT)",         \
		"CREATE TABLE snapshots (id " ID ", "                                             \
		"run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, "                 \
		"input TEXT NOT NULL, machine TEXT, hostname TEXT, kernel TEXT, arch TEXT, "      \
		"date TEXT, label TEXT, nodes BIGINT NOT NULL CHECK (nodes >= 0), "               \
		"files BIGINT NOT NULL CHECK (files >= 0), "                                      \
		"undocumented BIGINT NOT NULL CHECK (undocumented >= 0))",                        \
		"CREATE UNIQUE INDEX snapshots_identity ON snapshots "                            \
		"(COALESCE(machine, ''), COALESCE(kernel, ''), COALESCE(date, ''))",              \
		"CREATE INDEX snapshots_run ON snapshots (run_id)",                               \
		"CREATE TABLE groups (id " ID ", class TEXT NOT NULL, "                           \
		"pattern TEXT NOT NULL, UNIQUE (class, pattern))",                                \
		"CREATE TABLE findings ("                                                         \
		"snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE, "       \
		"group_id BIGINT NOT NULL REFERENCES groups (id), "                               \
		"count BIGINT NOT NULL CHECK (count >= 0), PRIMARY KEY (snapshot_id, group_id))", \
		"CREATE INDEX findings_group ON findings (group_id, snapshot_id)",                \
		"CREATE TABLE run_snapshots ("                                                    \
		"run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, "                 \
		"snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE, "       \
		"PRIMARY KEY (run_id, snapshot_id))",                                             \
		"CREATE INDEX run_snapshots_snapshot ON run_snapshots (snapshot_id)"

#endif
