// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's workers (checker/fleet/fleet-pool.c), with jobs of the tests' own: every
 * input is done exactly once whatever its worker does, a worker serves many inputs
 * and is replaced when it ends, and an input that kills its worker, or writes more
 * than a record may be, costs that input alone; a worker that dies idle costs
 * nothing; a signal ends the run; a fork that fails is an error, and no process
 * is signalled that is not a worker (fork() and kill() are wrapped, as test-alloc.c
 * wraps malloc(): UNIT_WRAPS in the Makefile).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "fleet/fleet.h"
#include "unit.h"

#define INPUTS 300

/* What the parent saw of each input. */
struct seen {
	unsigned int calls[INPUTS];
	char *record[INPUTS];
	int status[INPUTS];
	char *error[INPUTS];
	size_t order[INPUTS], n_order;
	/* inputs whose job kills its worker, or writes too much */
	size_t crash_at, big_at;
	/* the input after which done() kills the worker that did it, or signals the
	   run */
	size_t kill_after, term_after;
};

static struct seen *seen;

static char *job(void *data, size_t index, size_t *len)
{
	struct seen *s = data;
	char *text;

	if (index == s->crash_at)
		raise(SIGUSR1);
	if (index == s->big_at) {
		*len = (size_t)FLEET_RECORD_MAX + 1;
		text = g_malloc(*len);
		memset(text, 'x', *len);
		return text;
	}
	/* the input, and the worker that did it */
	text = g_strdup_printf("%zu %d", index, (int)getpid());
	*len = strlen(text);
	return text;
}

static int record_pid(size_t i);

/* Kill the worker that did input @i, now waiting for its next, and wait until it is
   gone (a zombie: its pipes closed), so that the next input it is sent finds it so. */
static void kill_idle(size_t i)
{
	char path[64], buf[512], *state;
	int pid = record_pid(i);

	CU_ASSERT_FATAL(pid > 0);
	kill(pid, SIGKILL);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int tries = 0; tries < 10000; tries++) {
		FILE *f = fopen(path, "r");
		size_t len = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

		if (f)
			fclose(f);
		buf[len] = '\0';
		state = strrchr(buf, ')');
		if (!f || (state && state[1] == ' ' && state[2] == 'Z'))
			return;
		usleep(1000);
	}
	CU_FAIL("the worker killed did not end");
}

static int done(void *data, size_t index, const char *out, size_t len, int wstatus,
		const char *error)
{
	struct seen *s = data;

	if (index >= INPUTS) {
		CU_FAIL("an input that is not one");
		return 1;
	}
	s->calls[index]++;
	s->record[index] = out ? g_strndup(out, len) : NULL;
	s->status[index] = wstatus;
	s->error[index] = g_strdup(error);
	s->order[s->n_order++] = index;
	if (index == s->kill_after)
		kill_idle(index);
	if (index == s->term_after)
		raise(SIGTERM);
	return 0;
}

static struct seen *seen_new(size_t crash_at, size_t big_at)
{
	seen = g_new0(struct seen, 1);
	seen->crash_at = crash_at;
	seen->big_at = big_at;
	seen->kill_after = SIZE_MAX;
	seen->term_after = SIZE_MAX;
	return seen;
}

static void run(size_t n, unsigned int jobs, size_t crash_at, size_t big_at)
{
	int r = fleet_pool_run(n, jobs, job, done, seen_new(crash_at, big_at));

	CU_ASSERT_EQUAL(r, 0);
}

/* No worker left behind: this process has no child. */
static bool no_children(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

/* ---- fork() and kill(), wrapped ---- */

pid_t __real_fork(void);
pid_t __wrap_fork(void);
int __real_kill(pid_t pid, int sig);
int __wrap_kill(pid_t pid, int sig);

static struct {
	unsigned int forks, fail_fork; /* the fork that fails, from 1; 0: none */
	unsigned int stray_kills;      /* kill()s of no one process */
} wrap;

pid_t __wrap_fork(void)
{
	if (wrap.fail_fork && ++wrap.forks == wrap.fail_fork) {
		errno = EAGAIN;
		return -1;
	}
	return __real_fork();
}

int __wrap_kill(pid_t pid, int sig)
{
	if (pid <= 0) {
		/* a process group, or every process: never the pool's to signal */
		wrap.stray_kills++;
		return 0;
	}
	return __real_kill(pid, sig);
}

static void seen_free(void)
{
	for (size_t i = 0; i < INPUTS; i++) {
		g_free(seen->record[i]);
		g_free(seen->error[i]);
	}
	g_free(seen);
	seen = NULL;
}

/* The worker's pid in input @i's record, and that the record is input @i's. */
static int record_pid(size_t i)
{
	size_t index;
	int pid;

	if (!seen->record[i] || sscanf(seen->record[i], "%zu %d", &index, &pid) != 2)
		return -1;
	return index == i ? pid : -1;
}

/* How many workers did the inputs that have records. */
static unsigned int workers(size_t n)
{
	GHashTable *pids = g_hash_table_new(g_direct_hash, g_direct_equal);
	unsigned int count;

	for (size_t i = 0; i < n; i++)
		if (record_pid(i) > 0)
			g_hash_table_add(pids, GINT_TO_POINTER(record_pid(i)));
	count = g_hash_table_size(pids);
	g_hash_table_destroy(pids);
	return count;
}

static void test_every_input_once(void)
{
	run(INPUTS, 2, SIZE_MAX, SIZE_MAX);
	CU_ASSERT_EQUAL(seen->n_order, INPUTS);
	for (size_t i = 0; i < INPUTS; i++) {
		CU_ASSERT_EQUAL(seen->calls[i], 1);
		CU_ASSERT(record_pid(i) > 0);
		CU_ASSERT_PTR_NULL(seen->error[i]);
	}
	/* a worker serves FLEET_WORKER_INPUTS inputs, then another is forked: no
	   fewer than that many workers, and no process an input */
	CU_ASSERT(workers(INPUTS) >=
		  (INPUTS + FLEET_WORKER_INPUTS - 1) / FLEET_WORKER_INPUTS);
	CU_ASSERT(workers(INPUTS) <=
		  (INPUTS + FLEET_WORKER_INPUTS - 1) / FLEET_WORKER_INPUTS + 2);
	CU_ASSERT_NOT_EQUAL(record_pid(0), getpid());
	CU_ASSERT(no_children());
	seen_free();
}

static void test_one_job(void)
{
	/* one worker at a time: the inputs end in order */
	run(100, 1, SIZE_MAX, SIZE_MAX);
	CU_ASSERT_EQUAL(seen->n_order, 100);
	for (size_t i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(seen->order[i], i);
	seen_free();
}

static void test_crash(void)
{
	run(INPUTS, 2, 70, SIZE_MAX);
	CU_ASSERT_EQUAL(seen->n_order, INPUTS);
	for (size_t i = 0; i < INPUTS; i++) {
		CU_ASSERT_EQUAL(seen->calls[i], 1);
		if (i == 70)
			continue;
		CU_ASSERT(record_pid(i) > 0);
	}
	/* the input that killed its worker: no record, and how its worker ended */
	CU_ASSERT_PTR_NULL(seen->record[70]);
	CU_ASSERT(WIFSIGNALED(seen->status[70]) && WTERMSIG(seen->status[70]) == SIGUSR1);
	/* those after it, done by workers that are not the one that died */
	CU_ASSERT(record_pid(71) > 0 && record_pid(INPUTS - 1) > 0);
	seen_free();
}

static void test_too_big(void)
{
	run(20, 2, SIZE_MAX, 5);
	CU_ASSERT_EQUAL(seen->n_order, 20);
	CU_ASSERT_PTR_NULL(seen->record[5]);
	CU_ASSERT_PTR_NOT_NULL(seen->error[5]);
	for (size_t i = 0; i < 20; i++) {
		CU_ASSERT_EQUAL(seen->calls[i], 1);
		if (i != 5)
			CU_ASSERT(record_pid(i) > 0);
	}
	seen_free();
}

static void test_idle_worker_killed(void)
{
	int r;

	/* one worker: the one done() kills is the one the next input goes to */
	seen_new(SIZE_MAX, SIZE_MAX)->kill_after = 5;
	r = fleet_pool_run(20, 1, job, done, seen);
	CU_ASSERT_EQUAL(r, 0);
	for (size_t i = 0; i < 20; i++) {
		CU_ASSERT_EQUAL(seen->calls[i], 1);
		CU_ASSERT(record_pid(i) > 0);
	}
	CU_ASSERT_NOT_EQUAL(record_pid(6), record_pid(5));
	CU_ASSERT(no_children());
	seen_free();
}

static void test_signal(void)
{
	int r;

	seen_new(SIZE_MAX, SIZE_MAX)->term_after = 10;
	r = fleet_pool_run(INPUTS, 2, job, done, seen);
	CU_ASSERT_EQUAL(r, -EINTR);
	CU_ASSERT_EQUAL(fleet_pool_signal(), SIGTERM);
	CU_ASSERT(seen->n_order < INPUTS);
	CU_ASSERT(no_children());
	seen_free();
}

static void test_fork_fails(void)
{
	int r;

	/* the third: two workers, then the first's replacement */
	wrap = (typeof(wrap)){ .fail_fork = 3 };
	r = fleet_pool_run(INPUTS, 2, job, done, seen_new(SIZE_MAX, SIZE_MAX));
	CU_ASSERT_EQUAL(r, -EAGAIN);
	CU_ASSERT_EQUAL(wrap.stray_kills, 0);
	CU_ASSERT(seen->n_order >= FLEET_WORKER_INPUTS && seen->n_order < INPUTS);
	CU_ASSERT(no_children());
	wrap.fail_fork = 0;
	seen_free();
}

static void test_nothing(void)
{
	run(0, 2, SIZE_MAX, SIZE_MAX);
	CU_ASSERT_EQUAL(seen->n_order, 0);
	seen_free();
}

void test_fleet_pool_register(void)
{
	static const struct unit_test tests[] = {
		{ "every input done once, a worker for many", test_every_input_once },
		{ "one job: the inputs in order", test_one_job },
		{ "a worker killed: its input alone lost", test_crash },
		{ "a record too big: its input alone lost", test_too_big },
		{ "a worker killed idle: no input lost", test_idle_worker_killed },
		{ "SIGTERM: the run ends, its workers with it", test_signal },
		{ "a fork that fails: an error, no stray kill", test_fork_fails },
		{ "no input: no worker", test_nothing },
		{ NULL },
	};

	unit_add_suite("fleet-pool", tests);
}
