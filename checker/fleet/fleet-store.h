/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fleet's history: every run of `sysabi fleet --db`, with the snapshots it read and
 * their findings by group, kept in a database so that a later run can say what is new,
 * what is fixed, and how the counts went. Two backends, one schema (docs/fleet.rst):
 * SQLite, a file (fleet-store-sqlite.c, the default), and PostgreSQL, for a team whose
 * labs write to one store (fleet-store-pg.c). fleet-store.c picks one by the name.
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
 */
#ifndef SYSABI_FLEET_STORE_H
#define SYSABI_FLEET_STORE_H

#include <stdbool.h>
#include <stddef.h>

/* The schema's version this program writes, and the oldest it migrates from. */
#define FLEET_STORE_SCHEMA 1
#define FLEET_STORE_SCHEMA_OLDEST 1

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
 * (NULL matches NULL): 1 or 0. */
int fleet_store_has_snapshot(struct fleet_store *s, const char *machine,
			     const char *kernel, const char *date);
/* Add a snapshot of the current run with its @n groups. */
int fleet_store_add_snapshot(struct fleet_store *s,
			     const struct fleet_store_snapshot *snap,
			     const struct fleet_store_group *groups, size_t n);
int fleet_store_commit(struct fleet_store *s);
/* Undo the current run; harmless when none is open. */
void fleet_store_rollback(struct fleet_store *s);

/*
 * History, read inside the current run's transaction, of the runs before it:
 *
 * fleet_store_each_seen(): every group any earlier run stored, with the dates (of the
 * snapshots) it was first and last seen, in no particular order.
 * fleet_store_each_last(): the groups of the latest earlier run; *@run_id is that run
 * (0: there is none, and @fn is not called).
 * fleet_store_each_trend(): the last @max earlier runs, oldest first, each with its
 * snapshots, undocumented files, and distinct undocumented groups.
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
