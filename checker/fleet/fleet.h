/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `sysabi fleet INPUT...`: many machines' sysfs at once. Each input (a snapshot
 * archive, a recorded directory, or an audit's JSON report) is audited by a worker
 * process of its own (fleet-pool.c) with the one documentation index the parent
 * compiled, and comes back as a record (fleet-record.c): whose sysfs it is and its
 * finding groups. The parent folds the records, in input order, into the fleet's
 * tables (fleet-agg.c): every group with the machines, kernels and labels it is on, a
 * summary per machine, and what changed between consecutive kernels of one machine.
 * Memory grows with the distinct machines and groups, not with the inputs: a record is
 * folded and freed as soon as those before it are.
 */
#ifndef SYSABI_FLEET_H
#define SYSABI_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "report/report-kind.h"
#include "report/value.h"

/* One finding group of one input. */
struct fleet_hit {
	enum audit_class cls;
	char *pattern;
	long long count; /* files */
	char *owner;     /* the first owner's driver, module or subsystem, or NULL */
};

/* A documented entry an input has files of: its level and first What. */
struct fleet_doc {
	enum abi_level level; /* stable or testing */
	char *what;
};

/* What a worker sends back for one input. Strings are owned; NULL when unknown. */
struct fleet_record {
	char *error;      /* why the input was skipped; then only @kind may be set */
	const char *kind; /* "snapshot", "directory" or "report" (static) */
	char *hostname, *kernel, *arch, *date, *label, *os;
	char *docs_version; /* a report's: the documentation it was judged by */
	long long nodes, files;
	long long classes[AUDIT_CLASS_COUNT]; /* files by class */
	struct fleet_hit *hits;
	size_t n_hits;
	/* the stable and testing entries with files in this sysfs; has_docs false when
	   the input did not say (a report written without --all) */
	struct fleet_doc *docs;
	size_t n_docs;
	bool has_docs;
};

/* The most a worker may send back, and an input JSON report may weigh. */
#define FLEET_RECORD_MAX (64u << 20)
#define FLEET_REPORT_MAX (512u << 20)
/* The most groups one input may bring. */
#define FLEET_MAX_HITS 200000
/* The most inputs one worker process audits before it ends and another is forked. */
#define FLEET_WORKER_INPUTS 64

/* ---- fleet-record.c ---- */

/* The record of an audit's report @report (the model audit_report() builds, or one
 * read back from its JSON). Returns 0, or -EPROTO with *@why set (g_free() it) when
 * the report is not an audit's. */
int fleet_record_from_report(const struct value *report, struct fleet_record *rec,
			     char **why);
/* @rec as one line of JSON, for the pipe; g_free() it. NULL on ENOMEM. */
char *fleet_record_to_json(const struct fleet_record *rec);
/* Parse what a worker sent: @len bytes. Returns 0 or -EPROTO with *@why set. */
int fleet_record_parse(const char *buf, size_t len, struct fleet_record *rec, char **why);
void fleet_record_release(struct fleet_record *rec);
/* @text, a JSON document of @len bytes, as a value (value.h). Returns 0 or -EPROTO
 * with *@why set. */
int fleet_value_parse(const char *text, size_t len, struct value **out, char **why);

/* ---- fleet-pool.c ---- */

/*
 * The work of one input, in a worker process: its record, g_malloc()ed, of *@len bytes,
 * or NULL when it cannot be written (the worker ends, failed). It may not return at
 * all (a crash): the parent says so. It frees all else it allocated: the worker goes
 * on to its next input.
 */
typedef char *(*fleet_job_fn)(void *data, size_t index, size_t *len);
/*
 * One input done, in the parent: its record (@len bytes), or NULL when its worker
 * ended before it was whole, with how it ended (a wait(2) status), or @error when the
 * parent gave up on it (its record over FLEET_RECORD_MAX). Return non-zero to stop:
 * the workers are killed and that value returned.
 */
typedef int (*fleet_done_fn)(void *data, size_t index, const char *out, size_t len,
			     int wstatus, const char *error);

/*
 * Run @job for each of @n inputs, @jobs at a time, in @jobs worker processes forked
 * from this one (so they share what this process has built, copy-on-write), each for
 * up to FLEET_WORKER_INPUTS inputs, and call @done for each input as it ends, in the
 * order they end; an input starts only within a few times @jobs of the first one not
 * done, so that the caller, folding them in order, keeps a bounded number of results
 * waiting. A worker that dies is replaced. On SIGINT or SIGTERM the workers are
 * killed and -EINTR returned; fleet_pool_signal() tells which signal. Returns 0,
 * @done's non-zero value, or a negative errno (fork or pipe failed).
 */
int fleet_pool_run(size_t n, unsigned int jobs, fleet_job_fn job, fleet_done_fn done,
		   void *data);
int fleet_pool_signal(void);

/* ---- fleet-agg.c ---- */

struct fleet_agg;

int fleet_agg_new(struct fleet_agg **out);
void fleet_agg_free(struct fleet_agg *agg);
/*
 * Fold the record of input @input (its name, borrowed for the call) into @agg, taking
 * its contents (@rec is released). Inputs must come in order. Sets *@duplicate to the
 * earlier input of the same machine, kernel and date when it is one (then it is not
 * folded, only listed), else NULL. Returns 0 or -ENOMEM.
 */
int fleet_agg_add(struct fleet_agg *agg, const char *input, struct fleet_record *rec,
		  const char **duplicate);
/* A group an earlier run (--db) saw: for first_seen, last_seen and "new". */
int fleet_agg_seen(struct fleet_agg *agg, const char *cls, const char *pattern,
		   const char *first, const char *last);
/* A group of the last earlier run: what this run no longer has is fixed. */
int fleet_agg_last(struct fleet_agg *agg, const char *cls, const char *pattern);
/*
 * The fleet's tables into @report: inputs, machines, groups, kernel_changes, summary;
 * "history" when @history (a store was read). Returns 0 or -ENOMEM.
 */
int fleet_agg_report(const struct fleet_agg *agg, bool history, struct value *report);

/* ---- fleet-history.c: --db ---- */

struct fleet_history;

/*
 * Open the store @spec (fleet-store.h), begin this run's transaction, and read the
 * runs before it into @agg (fleet_agg_seen(), fleet_agg_last()) and the trend. On
 * error *@why says what happened ("STORE: message"; g_free() it).
 */
int fleet_history_open(const char *spec, const char *docs_dir, const char *docs_version,
		       struct fleet_agg *agg, struct fleet_history **out, char **why);
/* Store the audited input @input of @machine (fleet_record_machine()), unless a run
 * stored the same machine, kernel and date before. */
int fleet_history_add(struct fleet_history *h, const char *input,
		      const struct fleet_record *rec, const char *machine, char **why);
/* The report's "history": the store, this run and the one before, the trend. */
void fleet_history_report(struct fleet_history *h, struct value *report);
/* Commit the run: only once its report is written. */
int fleet_history_commit(struct fleet_history *h, char **why);
/* Close the store; a run not committed is rolled back. */
void fleet_history_free(struct fleet_history *h);

/* The machine @rec of @input is: its label, else its hostname, else the input's file
 * name without its archive's or report's extension. g_free() it. */
char *fleet_record_machine(const struct fleet_record *rec, const char *input);

/* ---- fleet-view.c, checks-fleet.c ---- */

extern const struct report_kind fleet_report_kind;
/* fleet-matrix.c: the HTML page's matrix of groups by machines and kernels, into @view */
void fleet_add_matrix(struct value *view, const struct value *report);
void checks_fleet(const struct value *report, struct value *checks);

#endif
