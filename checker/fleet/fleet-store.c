// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's history store, what both backends share: the backend picked by the name,
 * the schema's version and its migrations, runs and their snapshots, the history
 * queries. Its SQL is written once, for both dialects (fleet-store-internal.h); what
 * comes back is checked here: every string bounded, every number a number.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fleet-store-internal.h"

/* The class of undocumented files, as the audit names it (audit/audit.c). */
#define UNDOCUMENTED_CLASS "undocumented"
/* The most findings one statement writes: 2 parameters each, after the snapshot's. */
#define FINDINGS_BATCH (1u << FLEET_FINDINGS_BATCH_SHIFT)

/* @src into @dst as one line: control characters and blanks, in runs, one space. */
static void one_line(char *dst, size_t size, const char *src)
{
	size_t o = 0;
	bool space = false;

	for (; *src && o + 1 < size; src++) {
		unsigned char c = (unsigned char)*src;

		if (c <= ' ' || c == 0x7f) {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < size)
			dst[o++] = ' ';
		space = false;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
}

int fleet_store_fail(struct fleet_store *s, int err, const char *fmt, ...)
{
	char msg[FLEET_STORE_ERROR_MAX], line[FLEET_STORE_ERROR_MAX + 64];
	va_list ap;

	/* formatted apart first: an argument may be the old message */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "%s: %s", s->where ? s->where : "fleet store", msg);
	one_line(s->error, sizeof(s->error), line);
	return err;
}

int fleet_store_exec(struct fleet_store *s, const char *sql)
{
	return s->ops->query(s, sql, NULL, 0, NULL, NULL);
}

void fleet_store_set_wait(struct fleet_store *s, unsigned int ms)
{
	s->wait_ms = ms;
	s->ops->set_wait(s);
}

const char *fleet_store_error(const struct fleet_store *s)
{
	return s ? s->error : "";
}

const char *fleet_store_backend(const struct fleet_store *s)
{
	return s->ops->name;
}

int fleet_store_schema_version(const struct fleet_store *s)
{
	return s->version;
}

/* ---- reading rows: nothing from the database is trusted ---- */

static int bad_value(struct fleet_store *s, const char *what)
{
	return fleet_store_fail(s, -EPROTO, "not a sysabi store of schema %d: %s",
				FLEET_STORE_SCHEMA, what);
}

/* Column @i of @row as a string, NULL for SQL's NULL when @nullable. */
static int col_text(struct fleet_store *s, const struct fleet_row *row, size_t i,
		    bool nullable, const char **out)
{
	const char *v = i < row->n ? row->col[i] : NULL;

	*out = NULL;
	if (i >= row->n)
		return bad_value(s, "a row with too few columns");
	if (!v)
		return nullable ? 0 : bad_value(s, "a NULL where a value must be");
	if (row->len[i] > FLEET_STORE_TEXT_MAX)
		return bad_value(s, "a string longer than " STRINGIFY(
					    FLEET_STORE_TEXT_MAX) " bytes");
	if (memchr(v, '\0', row->len[i]))
		return bad_value(s, "a string with a NUL in it");
	*out = v;
	return 0;
}

/* Column @i of @row as a number; NULL is 0 when @nullable. */
static int col_num(struct fleet_store *s, const struct fleet_row *row, size_t i,
		   bool nullable, long long *out)
{
	const char *v = i < row->n ? row->col[i] : NULL;
	char *end;

	*out = 0;
	if (i >= row->n)
		return bad_value(s, "a row with too few columns");
	if (!v)
		return nullable ? 0 : bad_value(s, "a NULL where a number must be");
	/* 20 characters hold every long long */
	if (row->len[i] == 0 || row->len[i] > 20 || memchr(v, '\0', row->len[i]) ||
	    !(v[0] == '-' || (v[0] >= '0' && v[0] <= '9')))
		return bad_value(s, "a value that is no number where a number must be");
	errno = 0;
	*out = strtoll(v, &end, 10);
	if (errno || end != v + row->len[i])
		return bad_value(s, "a value that is no number where a number must be");
	return 0;
}

/* One number, of a statement of one row (or none: *@found stays false). */
struct one_num {
	struct fleet_store *s;
	long long num;
	bool found;
};

static int one_num_row(void *data, const struct fleet_row *row)
{
	struct one_num *o = data;

	if (o->found)
		return bad_value(o->s, "two rows where one must be");
	o->found = true;
	return col_num(o->s, row, 0, true, &o->num);
}

/* The id a statement (an INSERT ... RETURNING id) answers: a number from 1. */
static int query_id(struct fleet_store *s, const char *sql, const struct fleet_param *p,
		    size_t n, long long *id)
{
	struct one_num o = { .s = s };
	int r = s->ops->query(s, sql, p, n, one_num_row, &o);

	*id = 0;
	if (r < 0)
		return r;
	if (!o.found || o.num < 1)
		return bad_value(s, "an id that is not one");
	*id = o.num;
	return 0;
}

/* ---- the schema ---- */

static int two_nums_row(void *data, const struct fleet_row *row)
{
	struct one_num *o = data; /* two: [0] and [1] */
	int r = col_num(o[0].s, row, 0, false, &o[0].num);

	if (r == 0)
		r = col_num(o[0].s, row, 1, true, &o[1].num);
	o[0].found = true;
	return r;
}

static int newer(struct fleet_store *s, long long version, int to)
{
	return fleet_store_fail(s, -ENOTSUP,
				"the store's schema is version %lld, newer than this "
				"sysabi's (%d): use a newer sysabi",
				version, to);
}

struct version_rows {
	struct fleet_store *s;
	size_t n;
	long long num;
	bool bad;
};

/* Each row of sysabi_schema, to be one, of a number: judged once all are read. */
static int version_row(void *data, const struct fleet_row *row)
{
	struct version_rows *v = data;

	if (v->n++ == 0 && col_num(v->s, row, 0, false, &v->num) < 0)
		v->bad = true;
	return 0;
}

/* The store's schema version, 0 for an empty database. */
static int read_version(struct fleet_store *s, int *version)
{
	struct one_num t[2] = { { .s = s }, { .s = s } };
	struct version_rows v = { .s = s };
	int r;

	*version = 0;
	r = s->ops->query(s, s->ops->tables_sql, NULL, 0, two_nums_row, t);
	if (r < 0)
		return r;
	if (!t[0].found)
		return bad_value(s, "its tables cannot be counted");
	if (t[1].num == 0)
		return t[0].num == 0 ?
			       0 :
			       fleet_store_fail(s, -EPROTO,
						"not a sysabi store: it has %lld tables, "
						"and no sysabi_schema",
						t[0].num);
	r = s->ops->query(s, "SELECT version FROM sysabi_schema", NULL, 0, version_row,
			  &v);
	/* the backend's own words for a lock, a corrupt file, a lost server */
	if (r < 0 && r != -EIO)
		return r;
	if (r < 0 || v.n != 1 || v.bad)
		return fleet_store_fail(s, -EPROTO,
					"not a sysabi store: sysabi_schema does not "
					"hold one version");
	if (v.num < 1 || v.num > INT_MAX)
		return fleet_store_fail(s, -EPROTO,
					"not a sysabi store: its schema version is %lld",
					v.num);
	*version = (int)v.num;
	return 0;
}

static int set_version(struct fleet_store *s, int from, int to)
{
	struct fleet_param p[] = { FLEET_NUM(to) };

	return s->ops->query(s,
			     from == 0 ?
				     "INSERT INTO sysabi_schema (version) VALUES ($1)" :
				     "UPDATE sysabi_schema SET version = $1",
			     p, ARRAY_SIZE(p), NULL, NULL);
}

/* Version 1, in an empty database. */
static int create_v1(struct fleet_store *s)
{
	int r = 0;

	for (const char *const *ddl = s->ops->schema_v1; r == 0 && *ddl; ddl++)
		r = fleet_store_exec(s, *ddl);
	return r;
}

/* A step a version, from the version it starts from: there is one version yet. */
static const fleet_migration_fn migrations[FLEET_STORE_SCHEMA] = {
	[0] = create_v1,
};

int fleet_store_migrate(struct fleet_store *s, const fleet_migration_fn *steps, int to)
{
	int r, version;

	r = s->ops->begin(s);
	if (r < 0)
		return r;
	r = read_version(s, &version);
	if (r == 0 && version > to)
		r = newer(s, version, to);
	else if (r == 0 && version > 0 && version < FLEET_STORE_SCHEMA_OLDEST)
		r = fleet_store_fail(s, -ENOTSUP,
				     "the store's schema is version %d, older than this "
				     "sysabi migrates (from %d)",
				     version, FLEET_STORE_SCHEMA_OLDEST);
	for (; r == 0 && version < to; version++) {
		r = steps[version](s);
		if (r == 0)
			r = set_version(s, version, version + 1);
	}
	if (r < 0) {
		s->ops->rollback(s);
		return r;
	}
	return s->ops->commit(s);
}

/*
 * Every column of version 1 is there: a store whose tables lost one (or that another
 * program shaped so) is not taken for one.
 */
static int check_v1(struct fleet_store *s)
{
	static const char *const columns[] = {
		"SELECT id, started, tool_version, docs_dir, docs_version FROM runs "
		"WHERE 1 = 0",
		"SELECT id, run_id, input, machine, hostname, kernel, arch, date, label, "
		"nodes, files, undocumented FROM snapshots WHERE 1 = 0",
		"SELECT id, class, pattern FROM groups WHERE 1 = 0",
		"SELECT snapshot_id, group_id, count FROM findings WHERE 1 = 0",
	};
	char msg[FLEET_STORE_ERROR_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(columns); i++) {
		int r = fleet_store_exec(s, columns[i]);

		if (r == -EBUSY || r == -ECONNREFUSED || r == -ENOMEM)
			return r;
		if (r < 0) {
			/* the backend's own words, after its "WHERE: " */
			const char *own = strstr(s->error, ": ");

			snprintf(msg, sizeof(msg), "%s", own ? own + 2 : s->error);
			return fleet_store_fail(s, -EPROTO,
						"not a sysabi store of schema %d: %s",
						FLEET_STORE_SCHEMA, msg);
		}
	}
	return 0;
}

static int open_schema(struct fleet_store *s)
{
	int r, version;

	r = read_version(s, &version);
	if (r < 0)
		return r;
	if (version > FLEET_STORE_SCHEMA)
		return newer(s, version, FLEET_STORE_SCHEMA);
	if (version < FLEET_STORE_SCHEMA) {
		r = fleet_store_migrate(s, migrations, FLEET_STORE_SCHEMA);
		if (r < 0)
			return r;
	}
	r = check_v1(s);
	if (r < 0)
		return r;
	s->version = FLEET_STORE_SCHEMA;
	return 0;
}

int fleet_store_open(const char *spec, struct fleet_store **out)
{
	struct fleet_store *s = g_new0(struct fleet_store, 1);
	int r;

	*out = s;
	if (!spec)
		spec = "";
	s->wait_ms = FLEET_STORE_WAIT_MS;
	s->group_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (g_str_has_prefix(spec, "postgresql://") ||
	    g_str_has_prefix(spec, "postgres://")) {
		/* never the URI: it may hold a password */
		s->ops = &fleet_store_pg_ops;
		s->where = g_strdup("PostgreSQL");
	} else {
		s->ops = &fleet_store_sqlite_ops;
		s->where = g_strdup(spec);
	}
	r = s->ops->connect(s, spec);
	if (r == 0)
		r = open_schema(s);
	return r;
}

void fleet_store_close(struct fleet_store *s)
{
	if (!s)
		return;
	fleet_store_rollback(s);
	s->ops->disconnect(s);
	g_hash_table_destroy(s->group_ids);
	for (size_t i = 0; i < ARRAY_SIZE(s->findings_sql); i++)
		g_free(s->findings_sql[i]);
	g_free(s->where);
	g_free(s);
}

/* ---- runs ---- */

/* @str, a value to write, named @what: NULL only when @nullable, and bounded. */
static int check_text(struct fleet_store *s, const char *what, const char *str,
		      bool nullable)
{
	if (!str && !nullable)
		return fleet_store_fail(s, -EINVAL, "%s is missing", what);
	if (str && strlen(str) > FLEET_STORE_TEXT_MAX)
		return fleet_store_fail(s, -EINVAL, "%s is longer than %d bytes", what,
					FLEET_STORE_TEXT_MAX);
	return 0;
}

static int check_count(struct fleet_store *s, const char *what, long long n)
{
	if (n < 0)
		return fleet_store_fail(s, -EINVAL, "%s is negative (%lld)", what, n);
	return 0;
}

/*
 * The run cannot go on after @r, a failure, when its transaction is gone (SQLite
 * rolls back by itself after some errors; a PostgreSQL transaction with an error in it
 * takes nothing but a rollback): later calls say so, the commit rolls back.
 */
static int run_failed(struct fleet_store *s, int r)
{
	if (r < 0 && s->in_run && !s->ops->in_transaction(s))
		s->run_broken = true;
	return r;
}

static int run_usable(struct fleet_store *s)
{
	if (s->in_run && s->run_broken)
		return fleet_store_fail(
			s, -EIO, "the run failed, and is not stored: roll it back");
	return 0;
}

int fleet_store_begin(struct fleet_store *s, const struct fleet_store_run *run,
		      long long *run_id)
{
	struct fleet_param p[4];
	long long id;
	int r;

	*run_id = 0;
	if (s->in_run)
		return fleet_store_fail(s, -EINVAL, "a run is open already");
	r = check_text(s, "the run's start", run->started, false);
	if (r == 0)
		r = check_text(s, "sysabi's version", run->tool_version, false);
	if (r == 0)
		r = check_text(s, "the documentation's directory", run->docs_dir, false);
	if (r == 0)
		r = check_text(s, "the documentation's version", run->docs_version, true);
	if (r < 0)
		return r;
	r = s->ops->begin(s);
	if (r < 0)
		return r;
	/* ids of groups a rolled back run added are no more: asked again */
	g_hash_table_remove_all(s->group_ids);
	p[0] = FLEET_TEXT(run->started);
	p[1] = FLEET_TEXT(run->tool_version);
	p[2] = FLEET_TEXT(run->docs_dir);
	p[3] = FLEET_TEXT(run->docs_version);
	r = query_id(s,
		     "INSERT INTO runs (started, tool_version, docs_dir, docs_version) "
		     "VALUES ($1, $2, $3, $4) RETURNING id",
		     p, ARRAY_SIZE(p), &id);
	if (r < 0) {
		s->ops->rollback(s);
		return r;
	}
	s->in_run = true;
	s->run_broken = false;
	s->run_id = id;
	*run_id = id;
	return 0;
}

int fleet_store_commit(struct fleet_store *s)
{
	int r;

	if (!s->in_run)
		return fleet_store_fail(s, -EINVAL, "no run is open");
	r = run_usable(s);
	if (r < 0) {
		fleet_store_rollback(s);
		return r;
	}
	r = s->ops->commit(s);
	s->in_run = false;
	if (r < 0)
		g_hash_table_remove_all(s->group_ids);
	return r;
}

void fleet_store_rollback(struct fleet_store *s)
{
	if (!s->in_run)
		return;
	s->ops->rollback(s);
	s->in_run = false;
	s->run_broken = false;
	g_hash_table_remove_all(s->group_ids);
}

/* ---- snapshots ---- */

/*
 * The id of the snapshot of @machine, @kernel and @date into *@id: 1 when there is one,
 * 0 when there is none (NULL matches NULL, and ""), or a negative errno.
 */
static int find_snapshot(struct fleet_store *s, const char *machine, const char *kernel,
			 const char *date, long long *id)
{
	struct fleet_param p[] = { FLEET_TEXT(machine), FLEET_TEXT(kernel),
				   FLEET_TEXT(date) };
	struct one_num o = { .s = s };
	int r = run_usable(s);

	if (r == 0)
		r = check_text(s, "the machine", machine, true);
	if (r == 0)
		r = check_text(s, "the kernel", kernel, true);
	if (r == 0)
		r = check_text(s, "the date", date, true);
	if (r < 0)
		return r;
	/* the expressions of the index snapshots_identity, which it so serves */
	r = s->ops->query(s,
			  "SELECT id FROM snapshots WHERE COALESCE(machine, '') = "
			  "COALESCE($1, '') AND COALESCE(kernel, '') = COALESCE($2, '') "
			  "AND COALESCE(date, '') = COALESCE($3, '')",
			  p, ARRAY_SIZE(p), one_num_row, &o);
	if (r < 0)
		return run_failed(s, r);
	if (o.found && o.num < 1)
		return bad_value(s, "a snapshot's id that is not one");
	*id = o.num;
	return o.found;
}

int fleet_store_has_snapshot(struct fleet_store *s, const char *machine,
			     const char *kernel, const char *date)
{
	long long id;

	return find_snapshot(s, machine, kernel, date, &id);
}

/* The snapshot @id is one the current run read. */
static int link_snapshot(struct fleet_store *s, long long id)
{
	struct fleet_param p[] = { FLEET_NUM(s->run_id), FLEET_NUM(id) };

	return s->ops->query(s,
			     "INSERT INTO run_snapshots (run_id, snapshot_id) "
			     "VALUES ($1, $2) ON CONFLICT DO NOTHING",
			     p, ARRAY_SIZE(p), NULL, NULL);
}

int fleet_store_link_snapshot(struct fleet_store *s, const char *machine,
			      const char *kernel, const char *date)
{
	long long id = 0;
	int r = s->in_run ? find_snapshot(s, machine, kernel, date, &id) :
			    fleet_store_fail(s, -EINVAL, "no run is open");

	if (r > 0) {
		int err = link_snapshot(s, id);

		if (err < 0)
			return run_failed(s, err);
	}
	return r;
}

/* A group's id: known from this run, found, or added. */
static int group_id(struct fleet_store *s, const char *cls, const char *pattern,
		    long long *id)
{
	struct fleet_param p[] = { FLEET_TEXT(cls), FLEET_TEXT(pattern) };
	char *key = g_strdup_printf("%zu:%s%s", strlen(cls), cls, pattern);
	long long *known = g_hash_table_lookup(s->group_ids, key);
	struct one_num o = { .s = s };
	int r;

	if (known) {
		*id = *known;
		g_free(key);
		return 0;
	}
	r = s->ops->query(s, "SELECT id FROM groups WHERE class = $1 AND pattern = $2", p,
			  ARRAY_SIZE(p), one_num_row, &o);
	if (r == 0 && o.found && o.num < 1)
		r = bad_value(s, "an id that is not one");
	if (r == 0 && o.found)
		*id = o.num;
	else if (r == 0)
		r = query_id(s,
			     "INSERT INTO groups (class, pattern) VALUES ($1, $2) "
			     "RETURNING id",
			     p, ARRAY_SIZE(p), id);
	if (r < 0) {
		g_free(key);
		return r;
	}
	g_hash_table_insert(s->group_ids, key, g_memdup2(id, sizeof(*id)));
	return 0;
}

struct finding {
	long long group_id, count;
};

static gint cmp_findings(gconstpointer a, gconstpointer b)
{
	const struct finding *x = a, *y = b;

	return (x->group_id > y->group_id) - (x->group_id < y->group_id);
}

/* The groups' ids and counts, by id, a group named twice once with the sum. */
static int resolve_groups(struct fleet_store *s, const struct fleet_store_group *groups,
			  size_t n, GArray *out)
{
	struct finding *f;
	size_t k = 0;
	int r;

	for (size_t i = 0; i < n; i++) {
		struct finding one = { .count = groups[i].count };

		r = check_text(s, "a group's class", groups[i].class_name, false);
		if (r == 0)
			r = check_text(s, "a group's pattern", groups[i].pattern, false);
		if (r == 0)
			r = check_count(s, "a group's count", groups[i].count);
		if (r == 0)
			r = group_id(s, groups[i].class_name, groups[i].pattern,
				     &one.group_id);
		if (r < 0)
			return r;
		g_array_append_val(out, one);
	}
	g_array_sort(out, cmp_findings);
	f = (struct finding *)(void *)out->data;
	for (size_t i = 0; i < out->len; i++) {
		if (k && f[k - 1].group_id == f[i].group_id) {
			if (__builtin_add_overflow(f[k - 1].count, f[i].count,
						   &f[k - 1].count))
				return fleet_store_fail(s, -EINVAL,
							"a group's counts add up past "
							"what a number holds");
			continue;
		}
		f[k++] = f[i];
	}
	g_array_set_size(out, k);
	return 0;
}

/* INSERT of 2^@shift findings: ($1, $2, $3), ($1, $4, $5)... where $1 is the snapshot. */
static char *findings_sql(unsigned int shift)
{
	GString *sql = g_string_new("INSERT INTO findings (snapshot_id, group_id, count) "
				    "VALUES ");

	for (size_t i = 0; i < (size_t)1 << shift; i++)
		g_string_append_printf(sql, "%s($1, $%zu, $%zu)", i ? ", " : "",
				       2 * i + 2, 2 * i + 3);
	return g_string_free(sql, FALSE);
}

/*
 * The findings of snapshot @id, a statement for each batch of FINDINGS_BATCH, then of
 * the powers of two the rest is made of: at most FLEET_FINDINGS_BATCH_SHIFT + 1
 * statements of different text, each prepared once by SQLite.
 */
static int insert_findings(struct fleet_store *s, long long id, const GArray *findings)
{
	const struct finding *f = (const struct finding *)(const void *)findings->data;
	char **sql = s->findings_sql;
	struct fleet_param *p = g_new(struct fleet_param, 2 * FINDINGS_BATCH + 1);
	size_t done = 0;
	int r = 0;

	p[0] = FLEET_NUM(id);
	while (r == 0 && done < findings->len) {
		size_t left = findings->len - done;
		unsigned int shift = FLEET_FINDINGS_BATCH_SHIFT;

		while (((size_t)1 << shift) > left)
			shift--;
		if (!sql[shift])
			sql[shift] = findings_sql(shift);
		for (size_t i = 0; i < (size_t)1 << shift; i++) {
			p[2 * i + 1] = FLEET_NUM(f[done + i].group_id);
			p[2 * i + 2] = FLEET_NUM(f[done + i].count);
		}
		r = s->ops->query(s, sql[shift], p, 2 * ((size_t)1 << shift) + 1, NULL,
				  NULL);
		done += (size_t)1 << shift;
	}
	g_free(p);
	return r;
}

static int check_snapshot(struct fleet_store *s, const struct fleet_store_snapshot *snap)
{
	int r = check_text(s, "the snapshot's input", snap->input, false);

	if (r == 0)
		r = check_text(s, "the snapshot's machine", snap->machine, true);
	if (r == 0)
		r = check_text(s, "the snapshot's hostname", snap->hostname, true);
	if (r == 0)
		r = check_text(s, "the snapshot's kernel", snap->kernel, true);
	if (r == 0)
		r = check_text(s, "the snapshot's architecture", snap->arch, true);
	if (r == 0)
		r = check_text(s, "the snapshot's date", snap->date, true);
	if (r == 0)
		r = check_text(s, "the snapshot's label", snap->label, true);
	if (r == 0)
		r = check_count(s, "the snapshot's nodes", snap->nodes);
	if (r == 0)
		r = check_count(s, "the snapshot's files", snap->files);
	if (r == 0)
		r = check_count(s, "the snapshot's undocumented files",
				snap->undocumented);
	return r;
}

static int add_snapshot(struct fleet_store *s, const struct fleet_store_snapshot *snap,
			const struct fleet_store_group *groups, size_t n)
{
	struct fleet_param p[] = {
		FLEET_NUM(s->run_id),          FLEET_TEXT(snap->input),
		FLEET_TEXT(snap->machine),     FLEET_TEXT(snap->hostname),
		FLEET_TEXT(snap->kernel),      FLEET_TEXT(snap->arch),
		FLEET_TEXT(snap->date),        FLEET_TEXT(snap->label),
		FLEET_NUM(snap->nodes),        FLEET_NUM(snap->files),
		FLEET_NUM(snap->undocumented),
	};
	GArray *findings;
	long long id;
	int r;

	r = query_id(
		s,
		"INSERT INTO snapshots (run_id, input, machine, hostname, kernel, arch, "
		"date, label, nodes, files, undocumented) VALUES ($1, $2, $3, $4, $5, "
		"$6, $7, $8, $9, $10, $11) RETURNING id",
		p, ARRAY_SIZE(p), &id);
	if (r == -EEXIST)
		return fleet_store_fail(s, -EEXIST,
					"a snapshot of %s, kernel %s, of %s, is stored "
					"already",
					snap->machine ? snap->machine : "(no machine)",
					snap->kernel ? snap->kernel : "(unknown)",
					snap->date ? snap->date : "(no date)");
	if (r < 0)
		return r;
	r = link_snapshot(s, id);
	if (r < 0)
		return r;
	findings = g_array_sized_new(FALSE, FALSE, sizeof(struct finding), (guint)n);
	r = resolve_groups(s, groups, n, findings);
	if (r == 0)
		r = insert_findings(s, id, findings);
	g_array_free(findings, TRUE);
	return r;
}

int fleet_store_add_snapshot(struct fleet_store *s,
			     const struct fleet_store_snapshot *snap,
			     const struct fleet_store_group *groups, size_t n)
{
	char msg[FLEET_STORE_ERROR_MAX];
	int r;

	if (!s->in_run)
		return fleet_store_fail(s, -EINVAL, "no run is open");
	r = run_usable(s);
	if (r == 0)
		r = check_snapshot(s, snap);
	if (r < 0)
		return r;
	/* all or nothing, the run going on either way */
	r = fleet_store_exec(s, "SAVEPOINT snapshot");
	if (r < 0)
		return run_failed(s, r);
	r = add_snapshot(s, snap, groups, n);
	if (r == 0) {
		r = fleet_store_exec(s, "RELEASE SAVEPOINT snapshot");
		if (r < 0)
			s->run_broken = true;
		return r;
	}
	/* groups it added are gone with it */
	g_hash_table_remove_all(s->group_ids);
	memcpy(msg, s->error, sizeof(msg));
	if (fleet_store_exec(s, "ROLLBACK TO SAVEPOINT snapshot") < 0 ||
	    fleet_store_exec(s, "RELEASE SAVEPOINT snapshot") < 0)
		s->run_broken = true;
	memcpy(s->error, msg, sizeof(msg));
	return run_failed(s, r);
}

/* ---- history ---- */

/* The runs before this one: every run, outside one. */
static long long runs_before(const struct fleet_store *s)
{
	return s->in_run ? s->run_id : LLONG_MAX;
}

struct walk {
	struct fleet_store *s;
	fleet_store_seen_fn seen;
	fleet_store_group_fn group;
	void *data;
};

static int seen_row(void *data, const struct fleet_row *row)
{
	struct walk *w = data;
	const char *cls, *pattern, *first, *last;
	int r = col_text(w->s, row, 0, false, &cls);

	if (r == 0)
		r = col_text(w->s, row, 1, false, &pattern);
	if (r == 0)
		r = col_text(w->s, row, 2, true, &first);
	if (r == 0)
		r = col_text(w->s, row, 3, true, &last);
	if (r < 0)
		return r;
	return w->seen(w->data, cls, pattern, first, last);
}

int fleet_store_each_seen(struct fleet_store *s, fleet_store_seen_fn fn, void *data)
{
	struct fleet_param p[] = { FLEET_NUM(runs_before(s)) };
	struct walk w = { .s = s, .seen = fn, .data = data };
	int r = run_usable(s);

	if (r < 0)
		return r;
	/* grouped by id first: joined to groups first, each finding looked its group up */
	r = s->ops->query(s,
			  "SELECT g.class, g.pattern, x.first_seen, x.last_seen FROM "
			  "(SELECT f.group_id, MIN(s.date) AS first_seen, "
			  "MAX(s.date) AS last_seen FROM snapshots s JOIN findings f "
			  "ON f.snapshot_id = s.id WHERE s.run_id < $1 "
			  "GROUP BY f.group_id) x JOIN groups g ON g.id = x.group_id",
			  p, ARRAY_SIZE(p), seen_row, &w);
	return run_failed(s, r);
}

static int group_row(void *data, const struct fleet_row *row)
{
	struct walk *w = data;
	const char *cls, *pattern;
	int r = col_text(w->s, row, 0, false, &cls);

	if (r == 0)
		r = col_text(w->s, row, 1, false, &pattern);
	if (r < 0)
		return r;
	return w->group(w->data, cls, pattern);
}

int fleet_store_each_last(struct fleet_store *s, long long *run_id,
			  fleet_store_group_fn fn, void *data)
{
	struct fleet_param p[] = { FLEET_NUM(runs_before(s)) };
	struct walk w = { .s = s, .group = fn, .data = data };
	struct one_num last = { .s = s };
	int r = run_usable(s);

	*run_id = 0;
	if (r < 0)
		return r;
	r = s->ops->query(s, "SELECT MAX(run_id) FROM run_snapshots WHERE run_id < $1", p,
			  ARRAY_SIZE(p), one_num_row, &last);
	if (r < 0)
		return run_failed(s, r);
	if (last.num < 0)
		return bad_value(s, "a run's id that is not one");
	if (last.num == 0)
		return 0;
	*run_id = last.num;
	p[0] = FLEET_NUM(last.num);
	r = s->ops->query(s,
			  "SELECT g.class, g.pattern FROM groups g WHERE g.id IN "
			  "(SELECT f.group_id FROM run_snapshots rs JOIN findings f ON "
			  "f.snapshot_id = rs.snapshot_id WHERE rs.run_id = $1)",
			  p, ARRAY_SIZE(p), group_row, &w);
	return run_failed(s, r);
}

/* A run of the trend, as read: its groups are counted after. */
struct trend_run {
	long long id, snapshots, undocumented_files;
	char *started;
};

struct trend_rows {
	struct fleet_store *s;
	GArray *runs; /* of struct trend_run, newest first */
};

static int trend_row(void *data, const struct fleet_row *row)
{
	struct trend_rows *t = data;
	struct trend_run run;
	const char *started;
	int r = col_num(t->s, row, 0, false, &run.id);

	if (r == 0)
		r = col_text(t->s, row, 1, false, &started);
	if (r == 0)
		r = col_num(t->s, row, 2, false, &run.snapshots);
	if (r == 0)
		r = col_num(t->s, row, 3, true, &run.undocumented_files);
	if (r < 0)
		return r;
	run.started = g_strdup(started);
	g_array_append_val(t->runs, run);
	return 0;
}

static void trend_run_clear(gpointer data)
{
	g_free(((struct trend_run *)data)->started);
}

/*
 * The runs first, then each run's groups by a statement of its own: one statement that
 * counted them for every run, a subquery by run, had SQLite walk each run's findings
 * once for every group of the store (minutes, at 600,000 findings a run).
 */
int fleet_store_each_trend(struct fleet_store *s, size_t max, fleet_store_trend_fn fn,
			   void *data)
{
	struct fleet_param p[] = {
		FLEET_NUM(runs_before(s)),
		FLEET_NUM(max > LLONG_MAX ? LLONG_MAX : (long long)max),
	};
	struct trend_rows t = { s, g_array_new(FALSE, FALSE, sizeof(struct trend_run)) };
	int r = run_usable(s);

	g_array_set_clear_func(t.runs, trend_run_clear);
	if (r == 0 && max > 0)
		r = s->ops->query(
			s,
			"SELECT rs.run_id, r.started, COUNT(*), SUM(s.undocumented) "
			"FROM run_snapshots rs JOIN runs r ON r.id = rs.run_id "
			"JOIN snapshots s ON s.id = rs.snapshot_id "
			"WHERE rs.run_id < $1 GROUP BY rs.run_id, r.started "
			"ORDER BY rs.run_id DESC LIMIT $2",
			p, ARRAY_SIZE(p), trend_row, &t);
	for (guint i = t.runs->len; r == 0 && i-- > 0;) {
		const struct trend_run *run = &g_array_index(t.runs, struct trend_run, i);
		struct fleet_param q[] = { FLEET_NUM(run->id),
					   FLEET_TEXT(UNDOCUMENTED_CLASS) };
		struct one_num groups = { .s = s };
		struct fleet_store_trend point = {
			.run_id = run->id,
			.started = run->started,
			.snapshots = run->snapshots,
			.undocumented_files = run->undocumented_files,
		};

		r = s->ops->query(
			s,
			"SELECT COUNT(*) FROM groups g WHERE g.class = $2 AND g.id IN "
			"(SELECT f.group_id FROM run_snapshots rs JOIN findings f ON "
			"f.snapshot_id = rs.snapshot_id WHERE rs.run_id = $1)",
			q, ARRAY_SIZE(q), one_num_row, &groups);
		if (r < 0)
			break;
		point.undocumented_groups = groups.num;
		r = fn(data, &point);
	}
	g_array_free(t.runs, TRUE);
	return run_failed(s, r);
}
