// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's history store (checker/fleet/): one suite, run against each backend,
 * each test on a new, empty store: SQLite in a file of a temporary directory, and
 * PostgreSQL in a new database of the server $SYSABI_TEST_PG names, a libpq URI
 * (make check starts one with tests/pg-server.sh). Without it the PostgreSQL suite is
 * skipped, and says so. A few tests are of one backend: SQLite's file refused or
 * corrupt, a server that is not there.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <libpq-fe.h>

#include "common/macro.h"
#include "fleet/fleet-store-internal.h"
#include "fleet/fleet-store.h"
#include "unit.h"

/* How a test gets a new, empty store, and throws it away. */
struct backend {
	const char *name; /* fleet_store_backend()'s */
	char *(*create)(void);
	void (*destroy)(char *spec);
};

static const struct backend *be;

/* ---- SQLite: a file in a directory of its own ---- */

static char *sqlite_create(void)
{
	static const struct unit_file none[] = { { NULL } };
	char *dir = unit_tree_new(none);
	char *spec = g_strdup_printf("%s/fleet.db", dir);

	free(dir);
	return spec;
}

static void sqlite_destroy(char *spec)
{
	char *dir = g_path_get_dirname(spec);

	unit_tree_remove(strdup(dir));
	g_free(dir);
	g_free(spec);
}

static const struct backend sqlite_backend = { "sqlite", sqlite_create, sqlite_destroy };

/* ---- PostgreSQL: a database of its own on the test server ---- */

static const char *pg_server(void)
{
	const char *uri = getenv("SYSABI_TEST_PG");

	return uri && *uri ? uri : NULL;
}

/* @sql, on the server's maintenance database */
static void pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb(pg_server());
	PGresult *res = PQexec(c, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		fprintf(stderr, "\n%s: %s\n", sql, PQerrorMessage(c));
	PQclear(res);
	PQfinish(c);
	CU_ASSERT_FATAL(ok);
}

static char *pg_create(void)
{
	static unsigned int n;
	const char *uri = pg_server();
	char *db = g_strdup_printf("sysabi_unit_%ld_%u", (long)getpid(), ++n);
	char *sql = g_strdup_printf("CREATE DATABASE %s", db);
	char *spec =
		g_strdup_printf("%s%sdbname=%s", uri, strchr(uri, '?') ? "&" : "?", db);

	pg_admin(sql);
	g_free(sql);
	g_free(db);
	return spec;
}

static void pg_destroy(char *spec)
{
	char *sql =
		g_strdup_printf("DROP DATABASE %s WITH (FORCE)", strrchr(spec, '=') + 1);

	pg_admin(sql);
	g_free(sql);
	g_free(spec);
}

static const struct backend pg_backend = { "postgresql", pg_create, pg_destroy };

/* ---- helpers ---- */

static struct fleet_store *open_ok(const char *spec)
{
	struct fleet_store *s;
	int r = fleet_store_open(spec, &s);

	if (r < 0)
		fprintf(stderr, "\n%s: %d\n", fleet_store_error(s), r);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	return s;
}

/* Opening @spec fails with @err and a message holding @text. */
static void open_fails(const char *spec, int err, const char *text)
{
	struct fleet_store *s;
	int r = fleet_store_open(spec, &s);

	if (r != err || !strstr(fleet_store_error(s), text))
		fprintf(stderr, "\n%s: %d (%s), expected %d and '%s'\n", spec, r,
			fleet_store_error(s), err, text);
	CU_ASSERT_EQUAL(r, err);
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(s), text));
	CU_ASSERT_PTR_NULL(strchr(fleet_store_error(s), '\n'));
	fleet_store_close(s);
}

static void exec_ok(struct fleet_store *s, const char *sql)
{
	int r = fleet_store_exec(s, sql);

	if (r < 0)
		fprintf(stderr, "\n%s: %s\n", sql, fleet_store_error(s));
	CU_ASSERT_EQUAL_FATAL(r, 0);
}

static int num_row(void *data, const struct fleet_row *row)
{
	*(long long *)data = row->col[0] ? atoll(row->col[0]) : -1;
	return 0;
}

/* The number @sql answers, -1 for NULL. */
static long long num_of(struct fleet_store *s, const char *sql)
{
	long long n = -2;

	CU_ASSERT_EQUAL_FATAL(s->ops->query(s, sql, NULL, 0, num_row, &n), 0);
	return n;
}

static long long begin_ok(struct fleet_store *s, const char *started)
{
	const struct fleet_store_run run = { started, "0.1.0", "/usr/share/sysabi/abi",
					     "6.12.48" };
	long long id;
	int r = fleet_store_begin(s, &run, &id);

	if (r < 0)
		fprintf(stderr, "\n%s\n", fleet_store_error(s));
	CU_ASSERT_EQUAL_FATAL(r, 0);
	CU_ASSERT_FATAL(id > 0);
	return id;
}

static struct fleet_store_snapshot snap(const char *machine, const char *kernel,
					const char *date, long long undocumented)
{
	return (struct fleet_store_snapshot){
		.input = "snapshots/host.tar.zst",
		.machine = machine,
		.hostname = machine,
		.kernel = kernel,
		.arch = "x86_64",
		.date = date,
		.nodes = 16900,
		.files = 12000,
		.undocumented = undocumented,
	};
}

static void add_ok(struct fleet_store *s, const struct fleet_store_snapshot *sn,
		   const struct fleet_store_group *g, size_t n)
{
	int r = fleet_store_add_snapshot(s, sn, g, n);

	if (r < 0)
		fprintf(stderr, "\n%s\n", fleet_store_error(s));
	CU_ASSERT_EQUAL_FATAL(r, 0);
}

static void commit_ok(struct fleet_store *s)
{
	int r = fleet_store_commit(s);

	if (r < 0)
		fprintf(stderr, "\n%s\n", fleet_store_error(s));
	CU_ASSERT_EQUAL_FATAL(r, 0);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lines gathered by a walk, sorted and joined by "; ". */
static char *joined(GPtrArray *lines)
{
	char *s;

	g_ptr_array_sort(lines, cmp_str);
	g_ptr_array_add(lines, NULL);
	s = g_strjoinv("; ", (char **)lines->pdata);
	g_ptr_array_free(lines, TRUE);
	return s;
}

static int seen_line(void *data, const char *cls, const char *pattern, const char *first,
		     const char *last)
{
	g_ptr_array_add(data, g_strdup_printf("%s %s %s..%s", cls, pattern,
					      first ? first : "-", last ? last : "-"));
	return 0;
}

static int group_line(void *data, const char *cls, const char *pattern)
{
	g_ptr_array_add(data, g_strdup_printf("%s %s", cls, pattern));
	return 0;
}

static void expect_seen(struct fleet_store *s, const char *expected)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	char *got;

	CU_ASSERT_EQUAL(fleet_store_each_seen(s, seen_line, lines), 0);
	got = joined(lines);
	if (strcmp(got, expected) != 0)
		fprintf(stderr, "\nseen: %s\nexpected: %s\n", got, expected);
	CU_ASSERT_STRING_EQUAL(got, expected);
	g_free(got);
}

static void expect_last(struct fleet_store *s, long long run, const char *expected)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	long long id = -1;
	char *got;

	CU_ASSERT_EQUAL(fleet_store_each_last(s, &id, group_line, lines), 0);
	CU_ASSERT_EQUAL(id, run);
	got = joined(lines);
	if (strcmp(got, expected) != 0)
		fprintf(stderr, "\nlast: %s\nexpected: %s\n", got, expected);
	CU_ASSERT_STRING_EQUAL(got, expected);
	g_free(got);
}

static int trend_line(void *data, const struct fleet_store_trend *t)
{
	g_string_append_printf(data, "%s%lld %s %lld/%lld/%lld",
			       ((GString *)data)->len ? "; " : "", t->run_id, t->started,
			       t->snapshots, t->undocumented_files,
			       t->undocumented_groups);
	return 0;
}

static void expect_trend(struct fleet_store *s, size_t max, const char *expected)
{
	GString *got = g_string_new(NULL);

	CU_ASSERT_EQUAL(fleet_store_each_trend(s, max, trend_line, got), 0);
	if (strcmp(got->str, expected) != 0)
		fprintf(stderr, "\ntrend: %s\nexpected: %s\n", got->str, expected);
	CU_ASSERT_STRING_EQUAL(got->str, expected);
	g_string_free(got, TRUE);
}

static const struct fleet_store_group groups_m1[] = {
	{ "undocumented", "/sys/devices/platform/a", 3 },
	{ "undocumented", "/sys/devices/platform/b", 2 },
	{ "obsolete", "/sys/class/net/<iface>/c", 1 },
};
static const struct fleet_store_group groups_m2[] = {
	{ "undocumented", "/sys/devices/platform/a", 1 },
	{ "undocumented", "/sys/devices/virtual/d", 1 },
};
static const struct fleet_store_group groups_m1_later[] = {
	{ "undocumented", "/sys/devices/platform/a", 3 },
	{ "undocumented", "/sys/devices/platform/e", 4 },
};

/* Run 1: m1 and m2 (its kernel unknown); run 2: m1 again, on a later kernel. */
static void store_two_runs(struct fleet_store *s, long long *id1, long long *id2)
{
	struct fleet_store_snapshot a = snap("m1", "6.1.0", "2026-11-01T08:00:00Z", 5),
				    b = snap("m2", NULL, "2026-11-02T08:00:00Z", 2),
				    c = snap("m1", "6.12.0", "2026-12-01T08:00:00Z", 7);

	*id1 = begin_ok(s, "2026-12-01T10:00:00Z");
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m1", "6.1.0", a.date), 0);
	add_ok(s, &a, groups_m1, ARRAY_SIZE(groups_m1));
	add_ok(s, &b, groups_m2, ARRAY_SIZE(groups_m2));
	commit_ok(s);

	*id2 = begin_ok(s, "2026-12-02T10:00:00Z");
	CU_ASSERT(*id2 > *id1);
	add_ok(s, &c, groups_m1_later, ARRAY_SIZE(groups_m1_later));
	commit_ok(s);
}

/* ---- the tests of both backends ---- */

/* An empty database gets the schema; opening it again finds it. */
static void test_create(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	long long id = -1;

	CU_ASSERT_STRING_EQUAL(fleet_store_backend(s), be->name);
	CU_ASSERT_EQUAL(fleet_store_schema_version(s), FLEET_STORE_SCHEMA);
	CU_ASSERT_STRING_EQUAL(fleet_store_error(s), "");
	CU_ASSERT_EQUAL(num_of(s, "SELECT version FROM sysabi_schema"),
			FLEET_STORE_SCHEMA);
	expect_seen(s, "");
	CU_ASSERT_EQUAL(fleet_store_each_last(s, &id, group_line, NULL), 0);
	CU_ASSERT_EQUAL(id, 0);
	expect_trend(s, 10, "");
	fleet_store_close(s);

	s = open_ok(spec);
	CU_ASSERT_EQUAL(fleet_store_schema_version(s), FLEET_STORE_SCHEMA);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM sysabi_schema"), 1);
	fleet_store_close(s);
	be->destroy(spec);
}

static int stop_at_first(void *data, const char *cls, const char *pattern,
			 const char *first, const char *last)
{
	++*(int *)data;
	return 7;
}

/* What is new, the last run's groups and the trend, by the runs before the current one. */
static void test_history(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	struct fleet_store_snapshot d = snap("m3", "6.12.0", "2026-12-04T08:00:00Z", 1);
	const struct fleet_store_group new_group[] = { { "undocumented", "/sys/new",
							 1 } };
	char *trend;
	long long id1, id2, id3, id4;
	int calls = 0;

	store_two_runs(s, &id1, &id2);
	/* a run whose every snapshot was stored before stores none */
	id3 = begin_ok(s, "2026-12-03T10:00:00Z");
	CU_ASSERT_EQUAL(
		fleet_store_has_snapshot(s, "m1", "6.12.0", "2026-12-01T08:00:00Z"), 1);
	commit_ok(s);

	id4 = begin_ok(s, "2026-12-04T10:00:00Z");
	CU_ASSERT(id4 > id3 && id3 > id2);
	/* NULL matches NULL, and only NULL */
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m2", NULL, "2026-11-02T08:00:00Z"),
			1);
	CU_ASSERT_EQUAL(
		fleet_store_has_snapshot(s, "m2", "6.1.0", "2026-11-02T08:00:00Z"), 0);
	CU_ASSERT_EQUAL(
		fleet_store_has_snapshot(s, "m1", "6.1.0", "2026-11-01T08:00:01Z"), 0);
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, NULL, NULL, NULL), 0);
	expect_seen(
		s,
		"obsolete /sys/class/net/<iface>/c 2026-11-01T08:00:00Z..2026-11-01T08:00:00Z; "
		"undocumented /sys/devices/platform/a 2026-11-01T08:00:00Z..2026-12-01T08:00:00Z; "
		"undocumented /sys/devices/platform/b 2026-11-01T08:00:00Z..2026-11-01T08:00:00Z; "
		"undocumented /sys/devices/platform/e 2026-12-01T08:00:00Z..2026-12-01T08:00:00Z; "
		"undocumented /sys/devices/virtual/d 2026-11-02T08:00:00Z..2026-11-02T08:00:00Z");
	/* the last run to store a snapshot: the third stored none */
	expect_last(
		s, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");
	/* oldest first: snapshots / undocumented files / undocumented groups */
	trend = g_strdup_printf(
		"%lld 2026-12-01T10:00:00Z 2/7/3; %lld 2026-12-02T10:00:00Z 1/7/2", id1,
		id2);
	expect_trend(s, 10, trend);
	g_free(trend);
	trend = g_strdup_printf("%lld 2026-12-02T10:00:00Z 1/7/2", id2);
	expect_trend(s, 1, trend);
	g_free(trend);
	expect_trend(s, 0, "");

	/* this run's own snapshot is no history yet */
	add_ok(s, &d, new_group, ARRAY_SIZE(new_group));
	expect_last(
		s, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m3", "6.12.0", d.date), 1);
	/* a callback's non-zero return ends the walk, and is returned */
	CU_ASSERT_EQUAL(fleet_store_each_seen(s, stop_at_first, &calls), 7);
	CU_ASSERT_EQUAL(calls, 1);
	fleet_store_rollback(s);

	/* outside a run, every run counts */
	expect_last(
		s, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");
	fleet_store_close(s);
	be->destroy(spec);
}

/*
 * A run that reads again snapshots an earlier run stored links them: they are its
 * snapshots too, for the next run's "last run" and for the trend, stored once still.
 */
static void test_linked(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	long long id1, id2, id3, id;
	char *trend;

	store_two_runs(s, &id1, &id2);
	id3 = begin_ok(s, "2026-12-03T10:00:00Z");
	CU_ASSERT_EQUAL(fleet_store_link_snapshot(s, "m2", NULL, "2026-11-02T08:00:00Z"),
			1);
	/* twice is once */
	CU_ASSERT_EQUAL(fleet_store_link_snapshot(s, "m2", NULL, "2026-11-02T08:00:00Z"),
			1);
	CU_ASSERT_EQUAL(fleet_store_link_snapshot(s, "m9", "6.1.0", NULL), 0);
	commit_ok(s);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM snapshots"), 3);

	id = begin_ok(s, "2026-12-04T10:00:00Z");
	CU_ASSERT(id > id3);
	expect_last(
		s, id3,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/virtual/d");
	trend = g_strdup_printf("%lld 2026-12-02T10:00:00Z 1/7/2; "
				"%lld 2026-12-03T10:00:00Z 1/2/2",
				id2, id3);
	expect_trend(s, 2, trend);
	g_free(trend);
	fleet_store_rollback(s);
	/* outside a run, the link is made only in one */
	CU_ASSERT_EQUAL(fleet_store_link_snapshot(s, "m2", NULL, "2026-11-02T08:00:00Z"),
			-EINVAL);
	fleet_store_close(s);
	be->destroy(spec);
}

/* A snapshot stored already is found, and refused; the run goes on without it. */
static void test_duplicates(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	struct fleet_store_snapshot a = snap("m1", "6.1.0", "2026-11-01T08:00:00Z", 5),
				    b = snap("m2", "6.1.0", "2026-11-01T08:00:00Z", 5);
	const struct fleet_store_group twice[] = {
		{ "undocumented", "/sys/x", 2 },
		{ "obsolete", "/sys/x", 1 },
		{ "undocumented", "/sys/x", 3 },
	};
	long long id1, id2;

	id1 = begin_ok(s, "2026-12-01T10:00:00Z");
	add_ok(s, &a, groups_m1, ARRAY_SIZE(groups_m1));
	commit_ok(s);

	id2 = begin_ok(s, "2026-12-02T10:00:00Z");
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m1", "6.1.0", a.date), 1);
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &a, groups_m1, ARRAY_SIZE(groups_m1)),
			-EEXIST);
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(s), "stored already"));
	add_ok(s, &b, twice, ARRAY_SIZE(twice));
	/* twice in one run: the run's own snapshot counts */
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m2", "6.1.0", b.date), 1);
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &b, twice, 1), -EEXIST);
	commit_ok(s);

	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM snapshots"), 2);
	/* a group named twice in a snapshot is one finding, of the sum */
	CU_ASSERT_EQUAL(
		num_of(s, "SELECT f.count FROM findings f JOIN groups g ON "
			  "g.id = f.group_id JOIN snapshots s ON s.id = f.snapshot_id "
			  "WHERE s.machine = 'm2' AND g.class = 'undocumented'"),
		5);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM findings"), 5);
	/* each group once, whatever its snapshots */
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM groups"), 5);
	CU_ASSERT(id2 > id1);
	fleet_store_close(s);
	be->destroy(spec);
}

/* The number of rows of every table, to compare a store with itself later. */
static char *counts(struct fleet_store *s)
{
	return g_strdup_printf("%lld %lld %lld %lld",
			       num_of(s, "SELECT COUNT(*) FROM runs"),
			       num_of(s, "SELECT COUNT(*) FROM snapshots"),
			       num_of(s, "SELECT COUNT(*) FROM groups"),
			       num_of(s, "SELECT COUNT(*) FROM findings"));
}

/* A run rolled back, or never committed, leaves nothing. */
static void test_rollback(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	struct fleet_store_snapshot b = snap("m2", "6.1.0", "2026-11-05T08:00:00Z", 1);
	const struct fleet_store_group gone[] = { { "undocumented", "/sys/gone", 1 } };
	char *before, *after;
	long long id1, id2, id;

	store_two_runs(s, &id1, &id2);
	before = counts(s);

	begin_ok(s, "2026-12-03T10:00:00Z");
	add_ok(s, &b, gone, ARRAY_SIZE(gone));
	fleet_store_rollback(s);
	fleet_store_rollback(s); /* harmless, none is open */
	after = counts(s);
	CU_ASSERT_STRING_EQUAL(after, before);
	g_free(after);
	CU_ASSERT_EQUAL(fleet_store_has_snapshot(s, "m2", "6.1.0", b.date), 0);
	expect_last(
		s, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");

	/* closed in the middle of a run */
	begin_ok(s, "2026-12-03T11:00:00Z");
	add_ok(s, &b, gone, ARRAY_SIZE(gone));
	fleet_store_close(s);
	s = open_ok(spec);
	after = counts(s);
	CU_ASSERT_STRING_EQUAL(after, before);
	g_free(after);

	/* calls out of turn */
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &b, gone, 1), -EINVAL);
	CU_ASSERT_EQUAL(fleet_store_commit(s), -EINVAL);
	id = begin_ok(s, "2026-12-03T12:00:00Z");
	CU_ASSERT_EQUAL(
		fleet_store_begin(s, &(struct fleet_store_run){ "x", "y", "z", NULL },
				  &id1),
		-EINVAL);
	/* the group the rolled back runs added is added again */
	add_ok(s, &b, gone, ARRAY_SIZE(gone));
	commit_ok(s);
	expect_last(s, id, "undocumented /sys/gone");
	g_free(before);
	fleet_store_close(s);
	be->destroy(spec);
}

/* Enough groups, on SQLite with a cache of a few pages, to spill the run into the file. */
#define KILLED_GROUPS 400

static void killed_writer(const char *spec, int ready)
{
	struct fleet_store *s;
	struct fleet_store_snapshot a = snap("m9", "6.12.0", "2026-12-09T08:00:00Z", 1);
	struct fleet_store_group *g = g_new(struct fleet_store_group, KILLED_GROUPS);
	const struct fleet_store_run run = { "2026-12-09T10:00:00Z", "0.1.0", "/abi",
					     NULL };
	long long id;
	char ok = 'f';

	for (size_t i = 0; i < KILLED_GROUPS; i++)
		g[i] = (struct fleet_store_group){
			"undocumented",
			g_strdup_printf(
				"/sys/devices/platform/killed-writer-%04zu/a-long-name-"
				"to-fill-pages-%0100zu",
				i, i),
			1,
		};
	if (fleet_store_open(spec, &s) == 0 &&
	    (strcmp(fleet_store_backend(s), "sqlite") != 0 ||
	     fleet_store_exec(s, "PRAGMA cache_size = 4") == 0) &&
	    fleet_store_begin(s, &run, &id) == 0 &&
	    fleet_store_add_snapshot(s, &a, g, KILLED_GROUPS) == 0)
		ok = 'r';
	else
		fprintf(stderr, "\nkilled writer: %s\n", fleet_store_error(s));
	if (write(ready, &ok, 1) != 1 || ok != 'r')
		_exit(1);
	for (;;)
		pause();
}

/* A writer killed in the middle of a run leaves the store as it was, and unlocked. */
static void test_killed_writer(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	char *before, *after, ok = 0;
	long long id1, id2;
	int fds[2], status;
	struct pollfd pfd;
	pid_t pid;

	store_two_runs(s, &id1, &id2);
	before = counts(s);
	/* no connection of this process's goes into the child */
	fleet_store_close(s);

	CU_ASSERT_FATAL(pipe(fds) == 0);
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		killed_writer(spec, fds[1]);
	}
	close(fds[1]);
	pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	/* valgrind runs the child too, slowly */
	CU_ASSERT(poll(&pfd, 1, 300 * 1000) == 1 && read(fds[0], &ok, 1) == 1);
	CU_ASSERT_EQUAL(ok, 'r');
	if (ok == 'r' && strcmp(be->name, "sqlite") == 0) {
		/* the run was in the file already, its old pages in the journal */
		char *journal = g_strdup_printf("%s-journal", spec);
		struct stat st;

		CU_ASSERT(stat(journal, &st) == 0 && st.st_size > 0);
		g_free(journal);
	}
	kill(pid, SIGKILL);
	CU_ASSERT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status));
	close(fds[0]);

	s = open_ok(spec);
	after = counts(s);
	CU_ASSERT_STRING_EQUAL(after, before);
	CU_ASSERT_EQUAL(
		fleet_store_has_snapshot(s, "m9", "6.12.0", "2026-12-09T08:00:00Z"), 0);
	/* and the lock went with the writer */
	begin_ok(s, "2026-12-10T10:00:00Z");
	expect_last(
		s, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");
	fleet_store_rollback(s);
	g_free(before);
	g_free(after);
	fleet_store_close(s);
	be->destroy(spec);
}

/* A second writer waits for the first, then gives up with -EBUSY; readers do not wait. */
static void test_locked(void)
{
	char *spec = be->create();
	struct fleet_store *a = open_ok(spec), *b = open_ok(spec);
	const struct fleet_store_run run = { "2026-12-01T10:00:00Z", "0.1.0", "/abi",
					     NULL };
	long long id1, id2, id = -1;
	gint64 t;

	store_two_runs(a, &id1, &id2);
	fleet_store_set_wait(b, 300);
	begin_ok(a, "2026-12-03T10:00:00Z");
	t = g_get_monotonic_time();
	CU_ASSERT_EQUAL(fleet_store_begin(b, &run, &id), -EBUSY);
	t = g_get_monotonic_time() - t;
	/* it waited, and no longer than it was told */
	CU_ASSERT(t >= 250 * 1000 && t < 4 * 1000 * 1000);
	CU_ASSERT_EQUAL(id, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(b), "database is locked"));
	/* reading, outside a run */
	expect_last(
		b, id2,
		"undocumented /sys/devices/platform/a; undocumented /sys/devices/platform/e");
	CU_ASSERT_EQUAL(
		fleet_store_has_snapshot(b, "m1", "6.1.0", "2026-11-01T08:00:00Z"), 1);
	fleet_store_rollback(a);
	begin_ok(b, "2026-12-03T10:00:01Z");
	fleet_store_rollback(b);
	fleet_store_close(a);
	fleet_store_close(b);
	be->destroy(spec);
}

/* Another program's database, or a store missing a column, is not taken for a store. */
static void test_not_a_store(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);

	exec_ok(s, "CREATE TABLE other (x INTEGER)");
	exec_ok(s, "DROP TABLE sysabi_schema");
	fleet_store_close(s);
	open_fails(spec, -EPROTO,
		   "not a sysabi store: it has 6 tables, and no sysabi_schema");
	be->destroy(spec);

	spec = be->create();
	s = open_ok(spec);
	exec_ok(s, "ALTER TABLE snapshots DROP COLUMN label");
	fleet_store_close(s);
	open_fails(spec, -EPROTO, "not a sysabi store of schema 1: ");
	be->destroy(spec);

	spec = be->create();
	s = open_ok(spec);
	exec_ok(s, "INSERT INTO sysabi_schema (version) VALUES (1)");
	fleet_store_close(s);
	open_fails(spec, -EPROTO, "sysabi_schema does not hold one version");
	be->destroy(spec);
}

/* A store of a newer sysabi is refused, and left alone. */
static void test_newer_schema(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);

	exec_ok(s, "UPDATE sysabi_schema SET version = 2");
	fleet_store_close(s);
	open_fails(spec, -ENOTSUP,
		   "the store's schema is version 2, newer than this sysabi's (1)");
	open_fails(spec, -ENOTSUP, "use a newer sysabi");
	be->destroy(spec);
}

static int add_note(struct fleet_store *s)
{
	return fleet_store_exec(s, "ALTER TABLE runs ADD COLUMN note TEXT");
}

static int add_and_fail(struct fleet_store *s)
{
	int r = fleet_store_exec(s, "ALTER TABLE runs ADD COLUMN other TEXT");

	return r < 0 ? r : fleet_store_exec(s, "SELECT no_such_column FROM runs");
}

/*
 * The migration of a schema, with steps of the tests' own: a step a version, in one
 * transaction, the version written with them; a step that fails leaves the store at
 * its version, nothing of the step's work in it.
 */
static void test_migration(void)
{
	static const fleet_migration_fn steps[] = { NULL, add_note, add_and_fail };
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	long long id1, id2;

	store_two_runs(s, &id1, &id2);
	CU_ASSERT_EQUAL(fleet_store_migrate(s, steps, 2), 0);
	CU_ASSERT_EQUAL(num_of(s, "SELECT version FROM sysabi_schema"), 2);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(note) FROM runs"), 0);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM runs"), 2);
	/* at its version already: nothing to do */
	CU_ASSERT_EQUAL(fleet_store_migrate(s, steps, 2), 0);

	CU_ASSERT(fleet_store_migrate(s, steps, 3) < 0);
	CU_ASSERT_EQUAL(num_of(s, "SELECT version FROM sysabi_schema"), 2);
	CU_ASSERT_NOT_EQUAL(fleet_store_exec(s, "SELECT other FROM runs"), 0);
	/* a store newer than the steps */
	CU_ASSERT_EQUAL(fleet_store_migrate(s, steps, 1), -ENOTSUP);
	fleet_store_close(s);
	open_fails(spec, -ENOTSUP, "version 2, newer");
	be->destroy(spec);
}

/* Strings are bounded both ways: a longer one is not written, nor read. */
static void test_bounds(void)
{
	char *spec = be->create();
	struct fleet_store *s = open_ok(spec);
	char *big = g_strnfill(FLEET_STORE_TEXT_MAX + 1, 'x'), *sql;
	struct fleet_store_snapshot a = snap("m1", "6.1.0", "2026-11-03T08:00:00Z", 1),
				    b = snap("m2", "6.1.0", "2026-11-01T08:00:00Z", 1);
	const struct fleet_store_group g[] = {
		{ "undocumented", "/sys/fine", 1 },
		{ "undocumented", big, 1 },
	};
	GPtrArray *lines;
	long long id1, id2;

	store_two_runs(s, &id1, &id2);
	begin_ok(s, "2026-12-03T10:00:00Z");
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &a, g, ARRAY_SIZE(g)), -EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(s), "longer than 16384 bytes"));
	a.kernel = big;
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &a, g, 1), -EINVAL);
	a.kernel = "6.1.0";
	a.undocumented = -1;
	CU_ASSERT_EQUAL(fleet_store_add_snapshot(s, &a, g, 1), -EINVAL);
	a.undocumented = 1;
	/* the run goes on, nothing of the refused snapshot in it */
	add_ok(s, &a, g, 1);
	commit_ok(s);
	CU_ASSERT_EQUAL(num_of(s, "SELECT COUNT(*) FROM snapshots WHERE machine = 'm1'"),
			3);

	/* what another writer put there */
	sql = g_strdup_printf(
		"INSERT INTO groups (class, pattern) VALUES ('undocumented', "
		"'%s')",
		big);
	exec_ok(s, sql);
	g_free(sql);
	begin_ok(s, "2026-12-04T10:00:00Z");
	add_ok(s, &b, g, 1);
	commit_ok(s);
	exec_ok(s, "INSERT INTO findings (snapshot_id, group_id, count) SELECT "
		   "(SELECT MAX(id) FROM snapshots), id, 1 FROM groups WHERE "
		   "LENGTH(pattern) > 100");
	/* the rows before it may have been walked */
	lines = g_ptr_array_new_with_free_func(g_free);
	CU_ASSERT_EQUAL(fleet_store_each_seen(s, seen_line, lines), -EPROTO);
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(s), "a string longer than"));
	CU_ASSERT_EQUAL(fleet_store_each_last(s, &id1, group_line, lines), -EPROTO);
	g_ptr_array_free(lines, TRUE);
	g_free(big);
	fleet_store_close(s);
	be->destroy(spec);
}

/* ---- SQLite's file ---- */

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_FATAL(f && fwrite(text, 1, len, f) == len && fclose(f) == 0);
}

/* A directory, a symbolic link, a FIFO are no store's file; the target is untouched. */
static void test_sqlite_refused(void)
{
	char *spec = sqlite_create(), *link, *dir;
	struct fleet_store *s;

	s = open_ok(spec);
	fleet_store_close(s);
	link = g_strdup_printf("%s.link", spec);
	CU_ASSERT_FATAL(symlink(spec, link) == 0);
	open_fails(link, -ELOOP, "fleet.db.link: a symbolic link");
	g_free(link);
	link = g_strdup_printf("%s.dangling", spec);
	CU_ASSERT_FATAL(symlink("nowhere.db", link) == 0);
	open_fails(link, -ELOOP, "a symbolic link");
	g_free(link);

	dir = g_path_get_dirname(spec);
	open_fails(dir, -EISDIR, "a directory");
	g_free(dir);
	link = g_strdup_printf("%s.fifo", spec);
	CU_ASSERT_FATAL(mkfifo(link, 0600) == 0);
	open_fails(link, -EINVAL, "not a regular file");
	g_free(link);
	link = g_strdup_printf("%s.missing/fleet.db", spec);
	open_fails(link, -ENOENT, "fleet.db.missing/fleet.db: ");
	g_free(link);
	open_fails("", -EINVAL, "no file named");
	sqlite_destroy(spec);
}

/* A file that is no database, or a database whose pages were overwritten: -EPROTO. */
static void test_sqlite_corrupt(void)
{
	char *spec = sqlite_create(), *garbage = g_strnfill(64 * 1024, 'Z');
	struct fleet_store *s;
	struct stat st;
	long long id1, id2;
	FILE *f;

	write_file(spec, garbage, 4096);
	open_fails(spec, -EPROTO, "fleet.db: file is not a database");
	unlink(spec);

	s = open_ok(spec);
	store_two_runs(s, &id1, &id2);
	fleet_store_close(s);
	/* every page after the first, the one of the schema's tables */
	CU_ASSERT_FATAL(stat(spec, &st) == 0 && st.st_size > 4096);
	f = fopen(spec, "r+");
	CU_ASSERT_FATAL(f && fseek(f, 4096, SEEK_SET) == 0);
	CU_ASSERT_FATAL(fwrite(garbage, 1, (size_t)st.st_size - 4096, f) ==
			(size_t)st.st_size - 4096);
	CU_ASSERT_FATAL(fclose(f) == 0);
	open_fails(spec, -EPROTO, "fleet.db: database disk image is malformed");
	g_free(garbage);
	sqlite_destroy(spec);
}

/* ---- PostgreSQL's server ---- */

/* A server that is not there: -ECONNREFUSED, libpq's message, no URI in it. */
static void test_pg_unreachable(void)
{
	struct fleet_store *s;
	int r = fleet_store_open(
		"postgres:///fleet?host=/nonexistent/sysabi&user=u&password="
		"secret",
		&s);

	CU_ASSERT_EQUAL(r, -ECONNREFUSED);
	CU_ASSERT_STRING_EQUAL(fleet_store_backend(s), "postgresql");
	CU_ASSERT_PTR_NOT_NULL(
		strstr(fleet_store_error(s), "PostgreSQL: connection to server"));
	CU_ASSERT_PTR_NOT_NULL(strstr(fleet_store_error(s), "/nonexistent/sysabi"));
	CU_ASSERT_PTR_NULL(strstr(fleet_store_error(s), "secret"));
	CU_ASSERT_PTR_NULL(strchr(fleet_store_error(s), '\n'));
	fleet_store_close(s);
}

static int use_sqlite(void)
{
	be = &sqlite_backend;
	return 0;
}

static int use_pg(void)
{
	be = &pg_backend;
	return 0;
}

static void add_suite(const char *name, CU_InitializeFunc init,
		      const struct unit_test *tests, const struct unit_test *more)
{
	CU_pSuite suite = CU_add_suite(name, init, NULL);

	if (!suite) {
		fprintf(stderr, "unit-tests: cannot add suite '%s': %s\n", name,
			CU_get_error_msg());
		exit(2);
	}
	for (; tests->name; tests++)
		CU_add_test(suite, tests->name, tests->fn);
	for (; more->name; more++)
		CU_add_test(suite, more->name, more->fn);
}

void test_fleet_store_register(void)
{
	static const struct unit_test both[] = {
		{ "an empty database gets the schema", test_create },
		{ "history: what was seen, the last run, the trend", test_history },
		{ "history: snapshots read again are the run's too", test_linked },
		{ "a snapshot stored already is refused", test_duplicates },
		{ "a run rolled back leaves nothing", test_rollback },
		{ "a writer killed mid-run leaves the store as it was",
		  test_killed_writer },
		{ "a second writer waits, then -EBUSY", test_locked },
		{ "another program's database is no store", test_not_a_store },
		{ "a newer schema is refused", test_newer_schema },
		{ "migrations: a step a version, in a transaction", test_migration },
		{ "strings are bounded, written and read", test_bounds },
		{ NULL },
	};
	static const struct unit_test sqlite_only[] = {
		{ "a directory, a link, a FIFO are refused", test_sqlite_refused },
		{ "a file that is no database, or corrupt", test_sqlite_corrupt },
		{ NULL },
	};
	static const struct unit_test pg_only[] = {
		{ "no server: -ECONNREFUSED", test_pg_unreachable },
		{ NULL },
	};

	add_suite("fleet-store-sqlite", use_sqlite, both, sqlite_only);
	if (pg_server()) {
		add_suite("fleet-store-postgresql", use_pg, both, pg_only);
	} else {
		printf("fleet-store: SYSABI_TEST_PG is not set: the PostgreSQL suite is "
		       "skipped (make check starts a server, tests/pg-server.sh)\n");
		unit_add_suite("fleet-store-postgresql-client", pg_only);
	}
}
