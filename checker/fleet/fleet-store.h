/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fleet's history: every run of `sysabi fleet --db`, with the snapshots it read and
 * their findings by group, kept in a database so that a later run can say what is new,
 * what is fixed, and how the counts went. Two backends, one schema
 * (docs/fleet-schema.rst): SQLite, a file (fleet-store-sqlite.c, the default), and
 * PostgreSQL, for a team whose labs write to one store (fleet-store-pg.c).
 * fleet-store.c picks one by the name.
 *
 * A run is one transaction: fleet_store_begin() ... fleet_store_commit(). Until the
 * commit nothing of it is visible, and a run that fails, is interrupted or is rolled
 * back leaves the store as it was. The schema is versioned (its version in the store);
 * fleet_store_open() creates it, or migrates an older one in a transaction of its own,
 * and refuses a newer one.
 *
 * Every function returns 0 (or what it says) or a negative errno: -EBUSY when the store
 * is locked by another writer past the wait, -EPROTO when its contents are not a store
 * of this schema (a corrupt file, another program's database), -ENOTSUP for a schema
 * newer than this program, -ECONNREFUSED when the server cannot be reached, -ENOMEM,
 * -EIO for anything else. fleet_store_error() then says what happened, in one line.
 * Besides: -EINVAL for a call out of turn (a snapshot with no run open) or a string
 * longer than FLEET_STORE_TEXT_MAX; -EEXIST from fleet_store_add_snapshot() for a
 * snapshot stored already; for a SQLite file, what opening it said (-EISDIR, -ELOOP
 * for a symbolic link, -EACCES...).
 *
 * The store's write lock is held from fleet_store_begin() to the commit or rollback:
 * one run writes at a time, in both backends, and a second waits a few seconds for the
 * first, then gives up with -EBUSY. Readers (a dashboard) read what was committed
 * meanwhile; in SQLite a run's commit waits for them to end a read, and they for it.
 */
#ifndef SYSABI_FLEET_STORE_H
#define SYSABI_FLEET_STORE_H

#include <stdbool.h>
#include <stddef.h>

/* The schema's version this program writes, and the oldest it migrates from. */
#define FLEET_STORE_SCHEMA 1
#define FLEET_STORE_SCHEMA_OLDEST 1
/* The longest string written or read, in bytes: a longer one is refused (-EINVAL), or
 * read as a store that is not one of this schema (-EPROTO). */
#define FLEET_STORE_TEXT_MAX 16384

struct fleet_store;

/* One run of `sysabi fleet`. Strings are borrowed for the call. */
struct fleet_store_run {
	const char *started;      /* ISO 8601, UTC: "2026-12-07T18:39:47Z" */
	const char *tool_version; /* "0.1.0" */
	const char *docs_dir;     /* the ABI tree the run judged by */
	const char *docs_version; /* its kernel version, or NULL when unknown */
};

/* One snapshot a run read: whose, and its files by class. */
struct fleet_store_snapshot {
	const char *input;    /* as named on the command line */
	const char *machine;  /* the machine's identity: its label, else hostname */
	const char *hostname; /* NULL when unknown, as the next three */
	const char *kernel;   /* kernel release */
	const char *arch;     /* "x86_64" */
	const char *date;     /* when it was recorded, ISO 8601 UTC */
	const char *label;
	long long nodes, files; /* sysfs nodes, and files among them */
	long long undocumented; /* files no entry documents */
};

/* A finding group of a snapshot: its class ("undocumented"...), pattern and files. */
struct fleet_store_group {
	const char *class_name;
	const char *pattern;
	long long count;
};

/*
 * Open the store named @spec: "postgresql://..." or "postgres://..." (a libpq URI), else
 * a file path for SQLite (created when missing, never a directory, never through a
 * symbolic link). Creates or migrates the schema. On error, *@out is still set when a
 * message is to be read from it (fleet_store_error()), and must be closed.
 */
int fleet_store_open(const char *spec, struct fleet_store **out);
void fleet_store_close(struct fleet_store *s);
/* The last error, one line, owned by @s; "" when none. */
const char *fleet_store_error(const struct fleet_store *s);
/* "sqlite" or "postgresql" */
const char *fleet_store_backend(const struct fleet_store *s);
/* The schema's version the store has (after migration: FLEET_STORE_SCHEMA). */
int fleet_store_schema_version(const struct fleet_store *s);

/* Begin @run's transaction; *@run_id is its number in the store, from 1. */
int fleet_store_begin(struct fleet_store *s, const struct fleet_store_run *run,
		      long long *run_id);
/* Whether an earlier run already stored a snapshot of @machine, @kernel and @date
 * (NULL matches NULL): 1 or 0. The current run's own snapshots count too, so that a
 * snapshot named twice on one command line is stored once. */
int fleet_store_has_snapshot(struct fleet_store *s, const char *machine,
			     const char *kernel, const char *date);
/*
 * The snapshot of @machine, @kernel and @date an earlier run (or this one) stored is
 * one this run read too: it counts in this run's groups (fleet_store_each_last() of
 * the next run) and trend. 1 when there is one, 0 when there is none.
 */
int fleet_store_link_snapshot(struct fleet_store *s, const char *machine,
			      const char *kernel, const char *date);
/*
 * Add a snapshot of the current run with its @n groups; a group named twice counts the
 * sum of its counts. All or nothing: on failure the run goes on without this snapshot
 * (or, after a failure it cannot go on from, every later call but the rollback fails).
 * -EEXIST when a snapshot of the same machine, kernel and date is stored already.
 */
int fleet_store_add_snapshot(struct fleet_store *s,
			     const struct fleet_store_snapshot *snap,
			     const struct fleet_store_group *groups, size_t n);
/* Commit the current run; when that fails, the run is rolled back. */
int fleet_store_commit(struct fleet_store *s);
/* Undo the current run; harmless when none is open. */
void fleet_store_rollback(struct fleet_store *s);

/*
 * History, read inside the current run's transaction, of the runs before it:
 *
 * fleet_store_each_seen(): every group any earlier run stored, with the dates (of the
 * snapshots) it was first and last seen, in no particular order (NULL: no snapshot of
 * it had a date).
 * fleet_store_each_last(): the groups of the latest earlier run, in no particular order;
 * *@run_id is that run (0: there is none, and @fn is not called).
 * fleet_store_each_trend(): the last @max earlier runs, oldest first, each with its
 * snapshots, undocumented files, and distinct undocumented groups.
 *
 * A run's snapshots are those it stored and those it linked (fleet_store_link_snapshot():
 * read again, stored before); a run that has none is no earlier run here, and the
 * trend has no empty points. Outside a run, every run counts. The strings are borrowed for the call, and come
 * from the database: bounded (FLEET_STORE_TEXT_MAX) and without NULs, but anything
 * else a writer put there. @fn may read the store, not begin or end a run.
 *
 * A callback's non-zero return stops the walk and is returned.
 */
typedef int (*fleet_store_seen_fn)(void *data, const char *class_name,
				   const char *pattern, const char *first_seen,
				   const char *last_seen);
typedef int (*fleet_store_group_fn)(void *data, const char *class_name,
				    const char *pattern);
struct fleet_store_trend {
	long long run_id;
	const char *started;
	long long snapshots, undocumented_files, undocumented_groups;
};
typedef int (*fleet_store_trend_fn)(void *data, const struct fleet_store_trend *t);

int fleet_store_each_seen(struct fleet_store *s, fleet_store_seen_fn fn, void *data);
int fleet_store_each_last(struct fleet_store *s, long long *run_id,
			  fleet_store_group_fn fn, void *data);
int fleet_store_each_trend(struct fleet_store *s, size_t max, fleet_store_trend_fn fn,
			   void *data);

#endif
