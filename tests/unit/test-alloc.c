// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libabi out of memory. Each scenario (load a tree; index it and look paths up;
 * compare two trees and their diagnostics) runs again and again, the N-th allocation
 * failing in run N, for N = 1, 2, 3... until a run makes fewer than N allocations.
 * Each run that met its failure must return -ENOMEM from the public function that
 * failed, with that function's outputs NULL; the run that met none must give what a
 * run without failures gives. Whatever a run leaves unfreed, ASan and valgrind report
 * at exit (make check runs this binary under both).
 *
 * How the failures are made: the unit-test binary is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,... (UNIT_WRAPS in the Makefile), so that every call
 * of those functions from a statically linked object (libabi, common/, the checker,
 * these tests) goes to __wrap_malloc() and so on here, which pass it on to the C
 * library's function (__real_malloc()) unless a scenario armed them and the call is
 * the one to fail. Chosen over wrappers inside libabi that a test hook could make
 * fail: the library keeps calling the C library as any code does, with nothing in it
 * for tests to set; common/'s helpers that libabi links (file reading, beneath_open)
 * are reached the same way; and the unit tests already wrap abi_index_lookup() so.
 * What it cannot reach: the C library allocating inside its own functions
 * (fdopendir(), qsort()); libabi passes those failures on through errno, or they
 * fall back to working without memory.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/abi.h"
#include "unit.h"

/* ---- the allocator, wrapped ---- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static struct {
	bool armed;
	unsigned long calls;   /* allocations since arming */
	unsigned long fail_at; /* the one that fails, from 1; 0: none */
} inject;

static bool fail_now(void)
{
	if (!inject.armed || ++inject.calls != inject.fail_at)
		return false;
	errno = ENOMEM;
	return true;
}

void *__wrap_malloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

static void arm(unsigned long fail_at)
{
	inject.calls = 0;
	inject.fail_at = fail_at;
	inject.armed = true;
}

/* Whether the allocation that was to fail came. */
static bool disarm(void)
{
	inject.armed = false;
	return inject.fail_at && inject.calls >= inject.fail_at;
}

/* ---- what a run got, as a few numbers: nothing allocated to keep them ---- */

struct tally {
	uint32_t hash;
	size_t n;
};

static void tally_bytes(struct tally *t, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (!t->n)
		t->hash = 2166136261u;
	t->n++;
	for (size_t i = 0; i < len; i++)
		t->hash = (t->hash ^ p[i]) * 16777619u;
}

static void tally_str(struct tally *t, const char *s)
{
	tally_bytes(t, s ? s : "(null)", s ? strlen(s) + 1 : 6);
}

static void tally_num(struct tally *t, unsigned long long v)
{
	tally_bytes(t, &v, sizeof(v));
}

static void tally_entry(struct tally *t, const struct abi_entry *e)
{
	if (!e) {
		tally_str(t, NULL);
		return;
	}
	tally_str(t, e->file->path);
	tally_num(t, e->line);
}

static void tally_diag(struct tally *t, const struct abi_diag *d)
{
	tally_num(t, d->kind);
	tally_str(t, d->loc.file);
	tally_num(t, d->loc.line);
	tally_str(t, d->message);
	tally_num(t, d->n_related);
	for (size_t i = 0; i < d->n_related; i++) {
		tally_str(t, d->related[i].file);
		tally_num(t, d->related[i].line);
	}
}

/* An abi_diag_fn that keeps nothing but a tally: it must not allocate itself. */
static void tally_diag_fn(void *data, const struct abi_diag *d)
{
	tally_diag(data, d);
}

static void tally_tree(struct tally *t, const struct abi_tree *tree)
{
	tally_num(t, tree->n_files);
	tally_num(t, tree->n_entries);
	tally_num(t, tree->n_whats);
	tally_str(t, tree->kernel_version);
	for (size_t i = 0; i < tree->n_files; i++)
		tally_str(t, tree->files[i]->path);
	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		tally_entry(t, e);
		tally_str(t, e->date.str);
		tally_str(t, e->kernel_version.str);
		tally_str(t, e->contact.str);
		tally_str(t, e->description.str);
		tally_str(t, e->users.str);
		for (size_t w = 0; w < e->n_whats; w++) {
			const struct abi_pattern *pattern = e->whats[w].pattern;
			char *desc = pattern ? abi_pattern_describe(pattern) : NULL;

			tally_str(t, e->whats[w].path);
			tally_str(t, e->whats[w].trailing);
			tally_num(t, e->whats[w].kind);
			tally_num(t, e->whats[w].too_broad);
			tally_str(t, desc);
			free(desc);
		}
	}
}

/* ---- scenarios ---- */

/*
 * What a scenario makes and gets. run() makes the libabi calls, armed; on failure
 * it checks that the failing call left its outputs NULL and returns its error.
 * summary() writes what a successful run got; release() frees what either made.
 */
struct state {
	const char *dir[2]; /* the tree, or OLD's and NEW's */
	const char **paths; /* to look up, NULL-terminated */
	struct abi_ctx *ctx[2];
	struct abi_diag_log *log[2];
	struct abi_tree *tree[2];
	struct abi_index *index;
	struct abi_diff *diff;
	const struct abi_diag **new_diags;
	size_t n_new_diags;
	struct tally diags, matches, walk;
};

struct scenario {
	const char *name;
	int (*run)(struct state *s);
	void (*summary)(const struct state *s, char *buf, size_t size);
};

static void release(struct state *s)
{
	free(s->new_diags);
	abi_diff_free(s->diff);
	abi_index_free(s->index);
	for (int i = 0; i < 2; i++) {
		abi_tree_free(s->tree[i]);
		abi_diag_log_free(s->log[i]);
		abi_ctx_free(s->ctx[i]);
	}
	*s = (struct state){ .dir = { s->dir[0], s->dir[1] }, .paths = s->paths };
}

/* A context, logging into a diagnostics log if @log, else into s->diags; the tree. */
static int load(struct state *s, int i, bool log)
{
	int r = abi_ctx_new(&s->ctx[i]);

	if (r < 0) {
		CU_ASSERT_PTR_NULL(s->ctx[i]);
		return r;
	}
	if (log) {
		r = abi_diag_log_new(&s->log[i]);
		if (r < 0) {
			CU_ASSERT_PTR_NULL(s->log[i]);
			return r;
		}
		abi_ctx_set_diag_fn(s->ctx[i], abi_diag_log_add, s->log[i]);
	} else {
		abi_ctx_set_diag_fn(s->ctx[i], tally_diag_fn, &s->diags);
	}
	r = abi_tree_load(s->ctx[i], s->dir[i], &s->tree[i]);
	if (r < 0)
		CU_ASSERT_PTR_NULL(s->tree[i]);
	return r;
}

static int run_load(struct state *s)
{
	return load(s, 0, false);
}

static void summary_load(const struct state *s, char *buf, size_t size)
{
	struct tally t = { 0 };

	tally_tree(&t, s->tree[0]);
	snprintf(buf, size, "tree %zu/%08x, diagnostics %zu/%08x", t.n, t.hash,
		 s->diags.n, s->diags.hash);
}

static int tally_match(void *data, const struct abi_what *w)
{
	struct tally *t = data;

	tally_entry(t, w->entry);
	tally_str(t, w->text);
	return 0;
}

/* Walk @path down with the step-wise lookup, as the audit does. */
static int walk(struct state *s, const char *path)
{
	struct abi_index_states *cur, *next, *diff;
	char comp[256];
	int r = abi_index_states_root(s->index, &cur);

	if (r < 0) {
		CU_ASSERT_PTR_NULL(cur);
		return r;
	}
	for (const char *p = path + strspn(path, "/"); *p && r == 0;) {
		size_t len = strcspn(p, "/");

		snprintf(comp, sizeof(comp), "%.*s", (int)len, p);
		p += len + strspn(p + len, "/");
		r = abi_index_states_step(s->index, cur, comp, &next);
		if (r < 0) {
			CU_ASSERT_PTR_NULL(next);
			break;
		}
		r = abi_index_states_minus(next, cur, &diff);
		if (r < 0) {
			CU_ASSERT_PTR_NULL(diff);
		} else {
			tally_num(&s->walk, abi_index_states_len(diff));
			abi_index_states_free(diff);
		}
		abi_index_states_free(cur);
		cur = next;
	}
	if (r == 0) {
		tally_num(&s->walk, abi_index_states_has_match(cur));
		r = abi_index_states_foreach_match(s->index, cur, tally_match, &s->walk);
	}
	abi_index_states_free(cur);
	return r;
}

static int run_index(struct state *s)
{
	unsigned int ids[ABI_PATTERN_MAX_VARIANTS];
	const struct abi_tree *tree = s->tree[0];
	int r = abi_index_new(tree, &s->index);

	if (r < 0) {
		CU_ASSERT_PTR_NULL(s->index);
		return r;
	}
	for (const char **p = s->paths; *p && r == 0; p++) {
		r = abi_index_lookup(s->index, *p, tally_match, &s->matches);
		if (r == 0)
			r = walk(s, *p);
	}
	/* and every What's own path, read as a path */
	for (size_t i = 0; i < tree->n_entries && r == 0; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats && r == 0; w++) {
			const struct abi_what *what = &e->whats[w];
			size_t n = abi_index_what_parents(s->index, what, ids,
							  ABI_PATTERN_MAX_VARIANTS);

			tally_num(&s->walk, n);
			if (what->path && what->path[0] == '/')
				r = abi_index_lookup(s->index, what->path, tally_match,
						     &s->matches);
		}
	}
	return r;
}

static void summary_index(const struct state *s, char *buf, size_t size)
{
	snprintf(buf, size, "%zu nodes, matches %zu/%08x, walks %zu/%08x",
		 abi_index_node_count(s->index), s->matches.n, s->matches.hash, s->walk.n,
		 s->walk.hash);
}

static int run_diff(struct state *s)
{
	int r = load(s, 0, true);

	if (r == 0)
		r = load(s, 1, true);
	if (r < 0)
		return r;
	r = abi_diff_new(s->tree[0], s->tree[1], &s->diff);
	if (r < 0) {
		CU_ASSERT_PTR_NULL(s->diff);
		return r;
	}
	r = abi_diff_new_diags(s->diff, s->log[0], s->log[1], &s->new_diags,
			       &s->n_new_diags);
	if (r < 0) {
		CU_ASSERT_PTR_NULL(s->new_diags);
		CU_ASSERT_EQUAL(s->n_new_diags, 0);
	}
	return r;
}

static void summary_diff(const struct state *s, char *buf, size_t size)
{
	const struct abi_diff *d = s->diff;
	struct tally trees = { 0 }, logs = { 0 }, pairs = { 0 }, changes = { 0 };
	struct tally violations = { 0 }, found = { 0 };

	for (int i = 0; i < 2; i++) {
		tally_tree(&trees, s->tree[i]);
		for (size_t k = 0; k < s->log[i]->n_diags; k++)
			tally_diag(&logs, &s->log[i]->diags[k]);
	}
	for (size_t i = 0; i < d->n_pairs; i++) {
		tally_entry(&pairs, d->pairs[i].old_entry);
		tally_entry(&pairs, d->pairs[i].new_entry);
	}
	for (size_t i = 0; i < d->n_changes; i++) {
		tally_num(&changes, d->changes[i].kind);
		tally_entry(&changes, d->changes[i].old_entry);
		tally_entry(&changes, d->changes[i].new_entry);
		tally_num(&changes, d->changes[i].fields);
	}
	for (size_t i = 0; i < d->n_violations; i++) {
		tally_num(&violations, d->violations[i].rule);
		tally_entry(&violations, d->violations[i].old_entry);
		tally_entry(&violations, d->violations[i].new_entry);
		tally_num(&violations, d->violations[i].fields);
		tally_str(&violations, d->violations[i].message);
	}
	for (size_t i = 0; i < s->n_new_diags; i++)
		tally_diag(&found, s->new_diags[i]);
	snprintf(buf, size,
		 "trees %08x, logs %zu/%08x, pairs %zu/%08x, changes %zu/%08x, "
		 "violations %zu/%08x, new diagnostics %zu/%08x",
		 trees.hash, logs.n, logs.hash, d->n_pairs, pairs.hash, d->n_changes,
		 changes.hash, d->n_violations, violations.hash, s->n_new_diags,
		 found.hash);
}

static const struct scenario load_scenario = { "load", run_load, summary_load };
static const struct scenario index_scenario = { "index", run_index, summary_index };
static const struct scenario diff_scenario = { "diff", run_diff, summary_diff };

/*
 * Run @sc on @s with no failure, then with allocation 1, 2, 3... failing; returns how
 * many allocations a run makes. @setup (may be NULL) prepares each run, unarmed.
 */
static unsigned long fail_each(const struct scenario *sc, struct state *s,
			       const char *what, int (*setup)(struct state *s))
{
	char want[512], got[512];
	unsigned long n;
	int r;

	CU_ASSERT_EQUAL_FATAL(setup ? setup(s) : 0, 0);
	arm(0);
	r = sc->run(s);
	disarm();
	if (r != 0)
		fprintf(stderr, "alloc: %s %s: %d without failures\n", sc->name, what, r);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	n = inject.calls;
	sc->summary(s, want, sizeof(want));
	release(s);
	for (unsigned long fail_at = 1;; fail_at++) {
		bool failed;

		CU_ASSERT_EQUAL_FATAL(setup ? setup(s) : 0, 0);
		arm(fail_at);
		r = sc->run(s);
		failed = disarm();
		if (!failed) {
			CU_ASSERT_EQUAL(r, 0);
			CU_ASSERT_EQUAL(fail_at, n + 1);
			if (r == 0) {
				sc->summary(s, got, sizeof(got));
				CU_ASSERT_STRING_EQUAL(got, want);
			}
			release(s);
			break;
		}
		if (r != -ENOMEM)
			fprintf(stderr,
				"alloc: %s %s: allocation %lu failed, yet %d came "
				"back\n",
				sc->name, what, fail_at, r);
		CU_ASSERT_EQUAL(r, -ENOMEM);
		release(s);
	}
	printf("alloc: %s %s: %lu allocations, each made to fail\n", sc->name, what, n);
	return n;
}

/* The trees of the fixtures, and paths to look up in them. */
static char *fixture(const char *rel)
{
	char *path;

	CU_ASSERT_FATAL(asprintf(&path, "%s/%s", unit_fixtures_dir(), rel) > 0);
	return path;
}

static const char *basic_paths[] = {
	"/sys/class/net/eth0/mtu",
	"/sys/devices/system/cpu/cpu0/online",
	"/sys/devices/system/cpu/cpu12/cpufreq/scaling_governor",
	"/sys/kernel/btf/vmlinux",
	"/sys/kernel/btf/nf_tables",
	"/sys/bus/usb/devices/1-1/power/level",
	"/sys/kernel/config/cluster/x/heartbeat/dead_threshold",
	"/sys/no/such/path",
	"/sys/",
	NULL,
};

static void test_load(void)
{
	static const char *const trees[] = { "basic/abi", "defects/abi",
					     "diff/good/new/Documentation/ABI" };

	for (size_t i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
		char *dir = fixture(trees[i]);
		struct state s = { .dir = { dir } };

		CU_ASSERT(fail_each(&load_scenario, &s, trees[i], NULL) > 0);
		free(dir);
	}
}

/* Each index run starts from a tree loaded unarmed. */
static int setup_index(struct state *s)
{
	int r = load(s, 0, false);

	s->diags = (struct tally){ 0 };
	return r;
}

static void test_index(void)
{
	char *dir = fixture("basic/abi");
	struct state s = { .dir = { dir }, .paths = basic_paths };

	CU_ASSERT(fail_each(&index_scenario, &s, "basic/abi", setup_index) > 0);
	free(dir);
}

static void test_diff_fixtures(void)
{
	static const char *const cases[] = { "stable-to-testing", "new-diagnostics" };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *old = NULL, *new = NULL, *what = NULL;

		CU_ASSERT_FATAL(asprintf(&old, "%s/diff/%s/old/Documentation/ABI",
					 unit_fixtures_dir(), cases[i]) > 0);
		CU_ASSERT_FATAL(asprintf(&new, "%s/diff/%s/new/Documentation/ABI",
					 unit_fixtures_dir(), cases[i]) > 0);
		CU_ASSERT_FATAL(asprintf(&what, "diff/%s", cases[i]) > 0);
		struct state s = { .dir = { old, new } };

		CU_ASSERT(fail_each(&diff_scenario, &s, what, NULL) > 0);
		free(old);
		free(new);
		free(what);
	}
}

#define FULL(what, desc)                                               \
	"What:\t\t" what "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\t" desc "\n\n"
#define ENTRY(what) FULL(what, "Something about " what ".")
#define MAKEFILE(patch) "VERSION = 6\nPATCHLEVEL = " patch "\nSUBLEVEL = 0\n"
/* more than the 512 bytes abi_diag_report() formats on its stack */
#define LONG_PROSE                                                                      \
	"a What that goes on and on "                                                   \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on " \
	"and on and on and on and on and on and on and on and on and on and on and on"

/* Every pass of the pairing, every rule, old and new diagnostics: the whole of diff. */
static const struct unit_file diff_old[] = {
	{ "Makefile", MAKEFILE("12") },
	{ "Documentation/ABI/testing/sysfs-class-net",
	  ENTRY("/sys/class/net/<dev>/mtu") },
	{ "Documentation/ABI/testing/sysfs-devices-ptt",
	  FULL("/sys/devices/ptt<N>/tune/qos", "Quality.") },
	{ "Documentation/ABI/testing/sysfs-bus-vdpa",
	  FULL("/sys/bus/vdpa/driver_autoprobe", "Binds.") },
	{ "Documentation/ABI/testing/sysfs-bus-pci-aer",
	  FULL("/sys/bus/pci/devices/<dev>/aer/total", "Counts errors.") },
	{ "Documentation/ABI/testing/sysfs-bus-iio-adc-max",
	  ENTRY("/sys/bus/iio/devices/iio:deviceX/in_shunt")
		  ENTRY("/sys/bus/iio/devices/iio:deviceX/in_power_shunt") },
	{ "Documentation/ABI/stable/sysfs-a",
	  ENTRY("/sys/a/back") ENTRY("/sys/a/gone") ENTRY("/sys/a/kept") ENTRY(
		  "/sys/a/removed") "What:\t\t/sys/a/pair/x\nWhat:\t\t/sys/a/pair/y\nDate:\t\tJune 2020\n"
				    "KernelVersion:\t5.8\nContact:\tx@example.org\nDescription:\tTwo.\n\n" },
	{ "Documentation/ABI/obsolete/sysfs-c",
	  ENTRY("/sys/c/gone") ENTRY("/sys/c/removed") },
	{ "Documentation/ABI/testing/sysfs-t", ENTRY("/sys/t/gone") },
	{ "Documentation/ABI/testing/sysfs-defects",
	  "What:\t\t" LONG_PROSE "\n"
	  "Description:\tDebt.\n\nWhat:\t\t/sys/dup\nDescription:\tx\n\n"
	  "What:\t\t/sys/dup\nDescription:\ty\n" },
	{},
};

static const struct unit_file diff_new[] = {
	{ "Makefile", MAKEFILE("13") },
	{ "Documentation/ABI/testing/sysfs-class-net",
	  ENTRY("/sys/class/net/<iface>/mtu") },
	{ "Documentation/ABI/testing/sysfs-bus-event_source-ptt",
	  FULL("/sys/bus/event_source/devices/ptt<N>/tune/qos", "Quality.") },
	{ "Documentation/ABI/testing/sysfs-bus-vdpa",
	  FULL("/sys/bus/vdpa/drivers_autoprobe", "Binds.") },
	{ "Documentation/ABI/testing/sysfs-bus-pci-aer",
	  FULL("/sys/bus/pci/devices/<dev>/total", "Counts the errors.") },
	{ "Documentation/ABI/testing/sysfs-bus-iio",
	  "What:\t\t/sys/.../iio:deviceX/in_shunt\n"
	  "What:\t\t/sys/.../iio:deviceX/in_power_shunt\nDate:\t\tJune 2020\n"
	  "KernelVersion:\t5.8\nContact:\tx@example.org\nDescription:\tShunts.\n\n" },
	{ "Documentation/ABI/stable/sysfs-a",
	  ENTRY("/sys/a/kept") ENTRY("/sys/a/pair/x") },
	{ "Documentation/ABI/testing/sysfs-a", ENTRY("/sys/a/back") },
	{ "Documentation/ABI/removed/sysfs-x",
	  ENTRY("/sys/a/removed") ENTRY("/sys/c/removed") },
	{ "Documentation/ABI/testing/sysfs-new",
	  "What:\t\t/sys/new/old\n"
	  "KernelVersion:\t5.1\nDate:\t\tMay 2019\nContact:\tx@example.org\n"
	  "Description:\tOld news.\n\nWhat:\t\t/sys/new/bare\n" },
	{ "Documentation/ABI/testing/sysfs-defects",
	  "What:\t\t" LONG_PROSE "\n"
	  "Description:\tDebt.\n\nWhat:\t\t/sys/dup\nDescription:\tx\n\n"
	  "What:\t\t/sys/dup\nDescription:\ty\n\nWhat:\t\t/sys/dup\nDescription:\tz\n" },
	{},
};

static void test_diff_made_up(void)
{
	char *dirs[2] = { unit_tree_new(diff_old), unit_tree_new(diff_new) };
	char *old = NULL, *new = NULL;
	struct state s;
	unsigned long n;

	CU_ASSERT_FATAL(asprintf(&old, "%s/Documentation/ABI", dirs[0]) > 0);
	CU_ASSERT_FATAL(asprintf(&new, "%s/Documentation/ABI", dirs[1]) > 0);
	s = (struct state){ .dir = { old, new } };
	/* the trees must say what they are made to: otherwise this tests less */
	CU_ASSERT_EQUAL_FATAL(run_diff(&s), 0);
	CU_ASSERT(s.diff->old_kv_major == 6 && s.diff->old_kv_minor == 12);
	for (int rule = 0; rule < ABI_RULE_COUNT; rule++)
		CU_ASSERT(s.diff->rule_counts[rule] > 0);
	for (int kind = 0; kind < ABI_CHANGE_KIND_COUNT; kind++)
		CU_ASSERT(s.diff->change_counts[kind] > 0);
	CU_ASSERT(s.n_new_diags > 0 && s.n_new_diags < s.log[1]->n_diags);
	release(&s);
	n = fail_each(&diff_scenario, &s, "made-up trees", NULL);
	CU_ASSERT(n > 0);
	free(old);
	free(new);
	unit_tree_remove(dirs[0]);
	unit_tree_remove(dirs[1]);
}

void test_alloc_register(void)
{
	static const struct unit_test tests[] = {
		{ "loading fixture trees, each allocation failing", test_load },
		{ "indexing and looking up, each allocation failing", test_index },
		{ "diff of fixture trees, each allocation failing", test_diff_fixtures },
		{ "diff of trees that break every rule, each allocation failing",
		  test_diff_made_up },
		{ NULL, NULL },
	};

	unit_add_suite("alloc", tests);
}
