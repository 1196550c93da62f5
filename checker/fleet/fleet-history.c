// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `sysabi fleet --db STORE`: the run kept in the history store (fleet-store.h), and the
 * runs before it read back into the report. The whole run is one transaction, begun
 * before the first input is folded and committed only once the report is built: an
 * error, a signal or a report that cannot be written leaves the store as it was.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "fleet-store.h"
#include "fleet.h"

/* How many earlier runs the report's trend shows. */
#define FLEET_TREND_RUNS 12

struct fleet_history {
	struct fleet_store *store;
	char *shown; /* the store's name, its password hidden */
	long long run_id, previous;
	long long stored, already;
	struct value *trend; /* [{run, started, snapshots, undocumented_files,
				undocumented_groups}] */
	char started[32];
};

/* "postgresql://user:secret@host/db" as "postgresql://user:***@host/db". */
static char *hide_password(const char *spec)
{
	const char *scheme = strstr(spec, "://"), *at, *colon;

	if (!scheme)
		return g_strdup(spec);
	at = strchr(scheme + 3, '@');
	colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	if (!colon)
		return g_strdup(spec);
	return g_strdup_printf("%.*s:***%s", (int)(colon - spec), spec, at);
}

static int seen(void *data, const char *cls, const char *pattern, const char *first,
		const char *last)
{
	return fleet_agg_seen(data, cls, pattern, first, last);
}

static int last(void *data, const char *cls, const char *pattern)
{
	return fleet_agg_last(data, cls, pattern);
}

static int trend(void *data, const struct fleet_store_trend *t)
{
	struct value *v = value_append(data, value_object_new());

	value_set_int(v, "run", t->run_id);
	value_set_str(v, "started", t->started);
	value_set_int(v, "snapshots", t->snapshots);
	value_set_int(v, "undocumented_files", t->undocumented_files);
	value_set_int(v, "undocumented_groups", t->undocumented_groups);
	return 0;
}

/* Say what went wrong in *@why, close the store, return @r. */
static int failed(struct fleet_history *h, int r, char **why)
{
	const char *msg = h->store ? fleet_store_error(h->store) : "";

	*why = g_strdup_printf("%s: %s", h->shown, *msg ? msg : g_strerror(-r));
	fleet_store_rollback(h->store);
	fleet_store_close(h->store);
	h->store = NULL;
	return r;
}

int fleet_history_open(const char *spec, const char *docs_dir, const char *docs_version,
		       struct fleet_agg *agg, struct fleet_history **out, char **why)
{
	struct fleet_history *h = g_new0(struct fleet_history, 1);
	struct fleet_store_run run = { .started = h->started,
				       .tool_version = SYSABI_VERSION,
				       .docs_dir = docs_dir,
				       .docs_version = docs_version };
	time_t now = time(NULL);
	struct tm tm;
	int r;

	*out = NULL;
	*why = NULL;
	h->shown = hide_password(spec);
	h->trend = value_array_new();
	strftime(h->started, sizeof(h->started), "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm));
	r = fleet_store_open(spec, &h->store);
	if (r == 0)
		r = fleet_store_begin(h->store, &run, &h->run_id);
	if (r == 0)
		r = fleet_store_each_seen(h->store, seen, agg);
	if (r == 0)
		r = fleet_store_each_last(h->store, &h->previous, last, agg);
	if (r == 0)
		r = fleet_store_each_trend(h->store, FLEET_TREND_RUNS, trend, h->trend);
	if (r < 0) {
		failed(h, r, why);
		fleet_history_free(h);
		return r;
	}
	*out = h;
	return 0;
}

void fleet_history_free(struct fleet_history *h)
{
	if (!h)
		return;
	if (h->store) {
		fleet_store_rollback(h->store);
		fleet_store_close(h->store);
	}
	value_free(h->trend);
	g_free(h->shown);
	g_free(h);
}

int fleet_history_add(struct fleet_history *h, const char *input,
		      const struct fleet_record *rec, const char *machine, char **why)
{
	struct fleet_store_snapshot snap = {
		.input = input,
		.machine = machine,
		.hostname = rec->hostname,
		.kernel = rec->kernel,
		.arch = rec->arch,
		.date = rec->date,
		.label = rec->label,
		.nodes = rec->nodes,
		.files = rec->files,
		.undocumented = rec->classes[AUDIT_UNDOCUMENTED],
	};
	struct fleet_store_group *groups;
	/* stored by an earlier run, or this one: this run read it too */
	int r = fleet_store_link_snapshot(h->store, machine, rec->kernel, rec->date);

	if (r < 0)
		return failed(h, r, why);
	if (r > 0) {
		h->already++;
		return 0;
	}
	groups = g_new0(struct fleet_store_group, rec->n_hits ?: 1);
	for (size_t i = 0; i < rec->n_hits; i++)
		groups[i] = (struct fleet_store_group){
			.class_name = audit_class_name(rec->hits[i].cls),
			.pattern = rec->hits[i].pattern,
			.count = rec->hits[i].count,
		};
	r = fleet_store_add_snapshot(h->store, &snap, groups, rec->n_hits);
	g_free(groups);
	if (r < 0)
		return failed(h, r, why);
	h->stored++;
	return 0;
}

void fleet_history_report(struct fleet_history *h, struct value *report)
{
	const struct value *summary = value_get(report, "summary");
	struct value *v = value_object_new(), *now;

	/* this run, after the earlier ones: the trend's last point */
	now = value_append(h->trend, value_object_new());
	value_set_int(now, "run", h->run_id);
	value_set_str(now, "started", h->started);
	value_set_int(now, "snapshots", value_get_int(summary, "audited"));
	value_set_int(now, "undocumented_files",
		      value_get_int(value_get(summary, "files"), "undocumented"));
	value_set_int(now, "undocumented_groups",
		      value_get_int(value_get(summary, "groups"), "undocumented"));
	value_set_str(v, "store", h->shown);
	value_set_str(v, "backend", fleet_store_backend(h->store));
	value_set_int(v, "schema_version", fleet_store_schema_version(h->store));
	value_set_int(v, "run", h->run_id);
	if (h->previous)
		value_set_int(v, "previous_run", h->previous);
	else
		value_set(v, "previous_run", value_null_new());
	value_set_int(v, "stored", h->stored);
	value_set_int(v, "already_stored", h->already);
	value_set(v, "trend", h->trend);
	h->trend = NULL;
	value_set(report, "history", v);
}

int fleet_history_commit(struct fleet_history *h, char **why)
{
	int r = fleet_store_commit(h->store);

	return r < 0 ? failed(h, r, why) : 0;
}
