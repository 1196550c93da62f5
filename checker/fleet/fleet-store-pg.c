// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The store in a PostgreSQL database: the libpq adapter.
 *
 * Every statement goes through pq->PQexecParams(), its values as parameters. A run is a
 * transaction that holds, from its BEGIN to its end, an advisory lock of the database
 * (PG_LOCK_KEY): as with SQLite, one run writes at a time, and another waits
 * lock_timeout for it, then gets -EBUSY; readers never wait. The transaction ends with
 * the connection, so a client killed in the middle of a run leaves nothing of it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ext/pq-lib.h"
#include "fleet-store-internal.h"

/* The types of parameters, by their OIDs, which PostgreSQL never changes (pg_type.dat). */
#define PG_INT8OID 20
#define PG_TEXTOID 25
/* The store's write lock, an advisory lock's key: "sysabi" in ASCII. */
#define PG_LOCK_KEY 0x737973616269LL
/* The most columns a statement of the store answers, and parameters kept on the stack. */
#define PG_MAX_COLUMNS 16
#define PG_STACK_PARAMS 16
/* Room for a long long in decimal, its sign and its NUL. */
#define PG_NUM_SIZE 24

static PGconn *conn(struct fleet_store *s)
{
	return s->conn;
}

/* libpq, loaded by the first connection */
static const struct pq_lib *pq;

/* The notices of the server (a NOTICE of a DDL statement) are nobody's business. */
static void quiet(void *arg, const char *message)
{
}

static int pg_connect(struct fleet_store *s, const char *spec)
{
	/* defaults, before the URI: what the URI says of them wins */
	static const char *const keys[] = { "connect_timeout", "application_name",
					    "client_encoding", "dbname", NULL };
	const char *values[] = { "10", "sysabi", "UTF8", spec, NULL };
	char *why;
	PGconn *c;

	pq = pq_lib_load(&why);
	if (!pq) {
		int r = fleet_store_fail(s, -ENOPKG, "%s", why);

		g_free(why);
		return r;
	}
	c = pq->PQconnectdbParams(keys, values, 1);
	s->conn = c;
	if (!c)
		return fleet_store_fail(s, -ENOMEM, "out of memory");
	if (pq->PQstatus(c) != CONNECTION_OK)
		return fleet_store_fail(s, -ECONNREFUSED, "%s", pq->PQerrorMessage(c));
	pq->PQsetNoticeProcessor(c, quiet, NULL);
	g_free(s->where);
	s->where = g_strdup_printf("PostgreSQL database \"%.200s\"", pq->PQdb(c));
	return 0;
}

static void pg_disconnect(struct fleet_store *s)
{
	if (pq) /* else never connected */
		pq->PQfinish(conn(s));
	s->conn = NULL;
}

/* The errno of a failed statement, by its SQLSTATE, and the server's message. */
static int pg_fail(struct fleet_store *s, const PGresult *res)
{
	const char *state = res ? pq->PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? pq->PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
				NULL;
	static const struct {
		const char *state;
		int err;
	} errs[] = {
		{ "40001", -EBUSY },  /* serialization_failure */
		{ "40P01", -EBUSY },  /* deadlock_detected */
		{ "23505", -EEXIST }, /* unique_violation */
		{ "53100", -ENOSPC }, /* disk_full */
		{ "53200", -ENOMEM }, /* out_of_memory */
		{ "42P01", -EPROTO }, /* undefined_table */
		{ "42703", -EPROTO }, /* undefined_column */
		{ "42501", -EACCES }, /* insufficient_privilege */
	};

	if (pq->PQstatus(conn(s)) != CONNECTION_OK)
		return fleet_store_fail(s, -ECONNREFUSED, "%s",
					pq->PQerrorMessage(conn(s)));
	if (!msg)
		msg = pq->PQerrorMessage(conn(s));
	if (!state)
		return fleet_store_fail(s, -EIO, "%s", msg);
	if (strcmp(state, "55P03") == 0) /* lock_not_available: lock_timeout passed */
		return fleet_store_fail(
			s, -EBUSY, "database is locked: another run is writing to it");
	for (size_t i = 0; i < ARRAY_SIZE(errs); i++)
		if (strcmp(state, errs[i].state) == 0)
			return fleet_store_fail(s, errs[i].err, "%s", msg);
	return fleet_store_fail(s, -EIO, "%s", msg);
}

static int rows(struct fleet_store *s, const PGresult *res, fleet_row_fn fn, void *data)
{
	const char *col[PG_MAX_COLUMNS];
	size_t len[PG_MAX_COLUMNS];
	struct fleet_row row = { .col = col, .len = len };
	int n = pq->PQnfields(res), r = 0;

	if (!fn)
		return 0;
	if (n > PG_MAX_COLUMNS)
		return fleet_store_fail(s, -EINVAL, "%d columns from a statement", n);
	row.n = (size_t)n;
	for (int t = 0; r == 0 && t < pq->PQntuples(res); t++) {
		for (int i = 0; i < n; i++) {
			bool null = pq->PQgetisnull(res, t, i);

			col[i] = null ? NULL : pq->PQgetvalue(res, t, i);
			len[i] = null ? 0 : (size_t)pq->PQgetlength(res, t, i);
		}
		r = fn(data, &row);
	}
	return r;
}

static int pg_query(struct fleet_store *s, const char *sql, const struct fleet_param *p,
		    size_t n, fleet_row_fn fn, void *data)
{
	Oid types_stack[PG_STACK_PARAMS], *types = types_stack;
	const char *values_stack[PG_STACK_PARAMS], **values = values_stack;
	char nums_stack[PG_STACK_PARAMS][PG_NUM_SIZE], (*nums)[PG_NUM_SIZE] = nums_stack;
	PGresult *res;
	int r;

	if (n > PG_STACK_PARAMS) {
		types = g_new(Oid, n);
		values = g_new(const char *, n);
		nums = g_malloc_n(n, PG_NUM_SIZE);
	}
	for (size_t i = 0; i < n; i++) {
		types[i] = p[i].is_num ? PG_INT8OID : PG_TEXTOID;
		values[i] = p[i].text;
		if (p[i].is_num) {
			snprintf(nums[i], PG_NUM_SIZE, "%lld", p[i].num);
			values[i] = nums[i];
		}
	}
	res = pq->PQexecParams(conn(s), sql, (int)n, types, values, NULL, NULL, 0);
	switch (pq->PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		r = rows(s, res, fn, data);
		break;
	default:
		r = pg_fail(s, res);
	}
	pq->PQclear(res);
	if (n > PG_STACK_PARAMS) {
		g_free(types);
		g_free(values);
		g_free(nums);
	}
	return r;
}

/* @sql, whatever comes of it: a rollback's, which has nothing to say. */
static void pg_exec_quiet(struct fleet_store *s, const char *sql)
{
	pq->PQclear(pq->PQexecParams(conn(s), sql, 0, NULL, NULL, NULL, NULL, 0));
}

static void pg_rollback(struct fleet_store *s)
{
	if (pq->PQtransactionStatus(conn(s)) != PQTRANS_IDLE)
		pg_exec_quiet(s, "ROLLBACK");
}

static int pg_begin(struct fleet_store *s)
{
	char wait[32];
	struct fleet_param timeout[] = { FLEET_TEXT(wait) },
			   key[] = { FLEET_NUM(PG_LOCK_KEY) };
	int r;

	/* 0 would be no timeout at all */
	snprintf(wait, sizeof(wait), "%ums", s->wait_ms ? s->wait_ms : 1);
	r = fleet_store_exec(s, "BEGIN");
	if (r < 0)
		return r;
	r = s->ops->query(s, "SELECT set_config('lock_timeout', $1, true)", timeout,
			  ARRAY_SIZE(timeout), NULL, NULL);
	if (r == 0)
		r = s->ops->query(s, "SELECT pg_advisory_xact_lock($1)", key,
				  ARRAY_SIZE(key), NULL, NULL);
	if (r < 0)
		pg_rollback(s);
	return r;
}

static int pg_commit(struct fleet_store *s)
{
	PGresult *res;
	int r = 0;

	/* COMMIT would answer ROLLBACK, and no error */
	if (pq->PQtransactionStatus(conn(s)) == PQTRANS_INERROR) {
		pg_rollback(s);
		return fleet_store_fail(s, -EIO, "the run failed, and is not stored");
	}
	res = pq->PQexecParams(conn(s), "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
	if (pq->PQresultStatus(res) != PGRES_COMMAND_OK)
		r = pg_fail(s, res);
	else if (strcmp(pq->PQcmdStatus(res), "COMMIT") != 0)
		r = fleet_store_fail(s, -EIO, "the run was rolled back, not committed");
	pq->PQclear(res);
	if (r < 0)
		pg_rollback(s);
	return r;
}

static bool pg_in_transaction(struct fleet_store *s)
{
	return pq->PQtransactionStatus(conn(s)) == PQTRANS_INTRANS;
}

static void pg_set_wait(struct fleet_store *s)
{
	/* read by the next begin */
}

/* an identity column, numbered by the server */
static const char *const pg_schema_v1[] = {
	FLEET_SCHEMA_V1("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
	NULL,
};

const struct fleet_store_ops fleet_store_pg_ops = {
	.name = "postgresql",
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.query = pg_query,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.set_wait = pg_set_wait,
	/* the tables of the schema the store's are made in, the first of search_path */
	.tables_sql =
		"SELECT COUNT(*), COUNT(*) FILTER (WHERE c.relname = 'sysabi_schema') "
		"FROM pg_catalog.pg_class c WHERE c.relnamespace = "
		"(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = "
		"current_schema()) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
	.schema_v1 = pg_schema_v1,
};
