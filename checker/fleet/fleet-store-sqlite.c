// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The store in a SQLite file: the libsqlite3 adapter.
 *
 * The file is named by a path, and must be a regular file or not be there yet; a
 * directory or a symbolic link is refused, before SQLite sees the name and again when
 * it opens it (SQLITE_OPEN_NOFOLLOW). SQLite's rollback journal keeps a run atomic: a
 * process killed in the middle of one leaves a journal beside the file, and whoever
 * opens the store next puts it back as it was. A run holds the write lock from its
 * BEGIN IMMEDIATE to its end; readers go on reading what was committed meanwhile, and
 * a second writer waits the busy timeout, then gets -EBUSY.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ext/sqlite-lib.h"
#include "fleet-store-internal.h"

/* SQLite, loaded by the first connection */
static const struct sqlite_lib *sq;

/* The most columns a statement of the store answers. */
#define SQLITE_MAX_COLUMNS 16

struct sqlite_conn {
	sqlite3 *db;
	/* SQL text (owned) -> its struct prepared (owned): prepared once each */
	GHashTable *stmts;
};

static struct sqlite_conn *conn(struct fleet_store *s)
{
	return s->conn;
}

/* The message of @rc, SQLite's, and its errno. */
static int sqlite_fail(struct fleet_store *s, int rc)
{
	sqlite3 *db = conn(s)->db;
	const char *msg = db ? sq->sqlite3_errmsg(db) : sq->sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return fleet_store_fail(
			s, -EBUSY, "database is locked: another run is writing to it");
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return fleet_store_fail(s, -EPROTO, "%s", msg);
	case SQLITE_NOMEM:
		return fleet_store_fail(s, -ENOMEM, "%s", msg);
	case SQLITE_FULL:
		return fleet_store_fail(s, -ENOSPC, "%s", msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return fleet_store_fail(s, -EACCES, "%s", msg);
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return fleet_store_fail(s, -EEXIST, "%s", msg);
		break;
	case SQLITE_CANTOPEN:
		if (rc == SQLITE_CANTOPEN_SYMLINK)
			return fleet_store_fail(s, -ELOOP,
						"a symbolic link: name the "
						"store's file itself");
		if (db && sq->sqlite3_system_errno(db) > 0)
			return fleet_store_fail(s, -sq->sqlite3_system_errno(db),
						"%s: %s", msg,
						strerror(sq->sqlite3_system_errno(db)));
		break;
	}
	return fleet_store_fail(s, -EIO, "%s", msg);
}

/* A prepared statement, and the index SQLite gave each of its parameters $1, $2... */
struct prepared {
	sqlite3_stmt *st;
	int n;
	int *index; /* of $(i + 1) */
};

static void prepared_free(gpointer data)
{
	struct prepared *p = data;

	if (!p)
		return;
	sq->sqlite3_finalize(p->st);
	g_free(p->index);
	g_free(p);
}

/*
 * @sql prepared, its parameters' indexes found once: SQLite numbers "$N" in the order
 * they first appear, and looking one up by name walks all of them.
 */
static int prepare(struct fleet_store *s, const char *sql, struct prepared **out)
{
	struct prepared *p = g_new0(struct prepared, 1);
	const char *tail;
	int rc;

	*out = NULL;
	rc = sq->sqlite3_prepare_v3(conn(s)->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    &p->st, &tail);
	if (rc != SQLITE_OK) {
		int r = sqlite_fail(s, rc); /* SQLite's message, before anything else */

		prepared_free(p);
		return r;
	}
	if (!p->st || tail[strspn(tail, " \t\n")]) {
		prepared_free(p);
		return fleet_store_fail(s, -EINVAL, "not one statement: %s", sql);
	}
	p->n = sq->sqlite3_bind_parameter_count(p->st);
	p->index = g_new0(int, p->n + 1);
	for (int i = 0; i < p->n; i++) {
		char name[24];

		snprintf(name, sizeof(name), "$%d", i + 1);
		p->index[i] = sq->sqlite3_bind_parameter_index(p->st, name);
		if (p->index[i] == 0) {
			prepared_free(p);
			return fleet_store_fail(s, -EINVAL, "no parameter %s in: %s",
						name, sql);
		}
	}
	*out = p;
	return 0;
}

/* @path is to be a store's file: a regular file, or nothing yet. */
static int check_path(struct fleet_store *s, const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return fleet_store_fail(s, -errno, "%s", strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return fleet_store_fail(s, -ELOOP,
					"a symbolic link: name the store's file itself");
	if (S_ISDIR(st.st_mode))
		return fleet_store_fail(
			s, -EISDIR, "a directory: name a file in it, as DIR/fleet.db");
	if (!S_ISREG(st.st_mode))
		return fleet_store_fail(s, -EINVAL, "not a regular file");
	return 0;
}

/*
 * The path is looked at with lstat(2), not opened: closing a descriptor of a file drops
 * every POSIX lock the process holds on it, SQLite's included, should this process have
 * the store open already (as the tests do).
 */
static int sqlite_connect(struct fleet_store *s, const char *path)
{
	struct sqlite_conn *c;
	char *name, *why;
	int rc, r;

	sq = sqlite_lib_load(&why);
	if (!sq) {
		r = fleet_store_fail(s, -ENOPKG, "%s", why);
		g_free(why);
		return r;
	}
	c = g_new0(struct sqlite_conn, 1);
	s->conn = c;
	c->stmts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, prepared_free);
	if (!*path)
		return fleet_store_fail(s, -EINVAL, "no file named");
	r = check_path(s, path);
	if (r < 0)
		return r;
	/* ":memory:" and, as Debian builds SQLite, "file:..." would be no file */
	name = path[0] == ':' || g_str_has_prefix(path, "file:") ?
		       g_strconcat("./", path, NULL) :
		       g_strdup(path);
	rc = sq->sqlite3_open_v2(
		name, &c->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
	g_free(name);
	if (!c->db)
		return fleet_store_fail(s, -ENOMEM, "out of memory");
	sq->sqlite3_extended_result_codes(c->db, 1);
	if (rc != SQLITE_OK)
		return sqlite_fail(s, rc);
	/* what SQLite opened is still what was looked at */
	r = check_path(s, path);
	if (r < 0)
		return r;
	sq->sqlite3_busy_timeout(c->db, (int)s->wait_ms);
	r = fleet_store_exec(s, "PRAGMA foreign_keys = ON");
	/*
	 * A run's pages kept in memory until its commit, up to 32 MiB, rather than the
	 * 2 MiB of SQLite's default: 1,000 snapshots of 600 groups are about 28 MiB,
	 * which spilled to the file and read back took twice the time.
	 */
	if (r == 0)
		r = fleet_store_exec(s, "PRAGMA cache_size = -32768");
	return r;
}

static void sqlite_disconnect(struct fleet_store *s)
{
	struct sqlite_conn *c = conn(s);

	if (!c)
		return;
	/* every statement finalized first, or the close would fail */
	g_hash_table_destroy(c->stmts);
	sq->sqlite3_close(c->db);
	g_free(c);
	s->conn = NULL;
}

static int bind(struct fleet_store *s, const struct prepared *pr,
		const struct fleet_param *p, size_t n)
{
	if ((size_t)pr->n != n)
		return fleet_store_fail(s, -EINVAL, "%zu parameters for %d in: %s", n,
					pr->n, sq->sqlite3_sql(pr->st));
	for (size_t i = 0; i < n; i++) {
		int rc;

		if (p[i].is_num)
			rc = sq->sqlite3_bind_int64(pr->st, pr->index[i], p[i].num);
		else if (p[i].text)
			/* the caller's string outlives the statement's run */
			rc = sq->sqlite3_bind_text(pr->st, pr->index[i], p[i].text, -1,
						   SQLITE_STATIC);
		else
			rc = sq->sqlite3_bind_null(pr->st, pr->index[i]);
		if (rc != SQLITE_OK)
			return sqlite_fail(s, rc);
	}
	return 0;
}

static int rows(struct fleet_store *s, sqlite3_stmt *st, fleet_row_fn fn, void *data)
{
	const char *col[SQLITE_MAX_COLUMNS];
	size_t len[SQLITE_MAX_COLUMNS];
	struct fleet_row row = { .col = col, .len = len };
	int rc = SQLITE_DONE, r = 0;

	while (r == 0 && (rc = sq->sqlite3_step(st)) == SQLITE_ROW) {
		int n = sq->sqlite3_column_count(st);

		if (!fn)
			continue;
		if (n > SQLITE_MAX_COLUMNS)
			return fleet_store_fail(s, -EINVAL, "%d columns from: %s", n,
						sq->sqlite3_sql(st));
		row.n = (size_t)n;
		for (int i = 0; i < n; i++) {
			col[i] = NULL;
			len[i] = 0;
			if (sq->sqlite3_column_type(st, i) == SQLITE_NULL)
				continue;
			col[i] = (const char *)sq->sqlite3_column_text(st, i);
			if (!col[i])
				return fleet_store_fail(s, -ENOMEM, "out of memory");
			len[i] = (size_t)sq->sqlite3_column_bytes(st, i);
		}
		r = fn(data, &row);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = sqlite_fail(s, rc);
	return r;
}

static int sqlite_query(struct fleet_store *s, const char *sql,
			const struct fleet_param *p, size_t n, fleet_row_fn fn,
			void *data)
{
	struct sqlite_conn *c = conn(s);
	struct prepared *pr = g_hash_table_lookup(c->stmts, sql), *own = NULL;
	int r;

	/* one of its rows' callbacks may run the statement again: a copy for that */
	if (!pr || sq->sqlite3_stmt_busy(pr->st)) {
		r = prepare(s, sql, &own);
		if (r < 0)
			return r;
		if (!pr) {
			g_hash_table_insert(c->stmts, g_strdup(sql), own);
			own = NULL;
			pr = g_hash_table_lookup(c->stmts, sql);
		} else {
			pr = own;
		}
	}
	r = bind(s, pr, p, n);
	if (r == 0)
		r = rows(s, pr->st, fn, data);
	sq->sqlite3_reset(pr->st);
	sq->sqlite3_clear_bindings(pr->st);
	prepared_free(own);
	return r;
}

static int sqlite_begin(struct fleet_store *s)
{
	/* the write lock now, not at the first write: a run waits for it only here */
	return fleet_store_exec(s, "BEGIN IMMEDIATE");
}

static void sqlite_rollback(struct fleet_store *s)
{
	char msg[FLEET_STORE_ERROR_MAX];

	if (sq->sqlite3_get_autocommit(conn(s)->db))
		return;
	/* a rollback that fails leaves SQLite's rollback journal, for the next to open */
	memcpy(msg, s->error, sizeof(msg));
	fleet_store_exec(s, "ROLLBACK");
	memcpy(s->error, msg, sizeof(msg));
}

static int sqlite_commit(struct fleet_store *s)
{
	int r;

	/*
	 * The commit waits for readers to end theirs (a dashboard's query), and a run
	 * not committed is lost: it waits longer than a writer waits for another.
	 */
	sq->sqlite3_busy_timeout(conn(s)->db,
				 (int)MAX(s->wait_ms, FLEET_STORE_COMMIT_WAIT_MS));
	r = fleet_store_exec(s, "COMMIT");
	sq->sqlite3_busy_timeout(conn(s)->db, (int)s->wait_ms);

	/* a COMMIT that did not get its lock leaves the transaction open */
	if (r < 0)
		sqlite_rollback(s);
	return r;
}

static bool sqlite_in_transaction(struct fleet_store *s)
{
	return !sq->sqlite3_get_autocommit(conn(s)->db);
}

static void sqlite_set_wait(struct fleet_store *s)
{
	if (conn(s) && conn(s)->db)
		sq->sqlite3_busy_timeout(conn(s)->db, (int)s->wait_ms);
}

/* the rowid, numbered by SQLite */
static const char *const sqlite_schema_v1[] = {
	FLEET_SCHEMA_V1("INTEGER PRIMARY KEY"),
	NULL,
};

const struct fleet_store_ops fleet_store_sqlite_ops = {
	.name = "sqlite",
	.connect = sqlite_connect,
	.disconnect = sqlite_disconnect,
	.query = sqlite_query,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.in_transaction = sqlite_in_transaction,
	.set_wait = sqlite_set_wait,
	.tables_sql = "SELECT COUNT(*), SUM(name = 'sysabi_schema') FROM sqlite_master "
		      "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' "
		      "ESCAPE '!'",
	.schema_v1 = sqlite_schema_v1,
};
