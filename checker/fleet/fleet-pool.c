// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's workers: processes forked from the parent once it has read and indexed
 * the documentation, so every worker shares the one index copy-on-write and none can
 * bring down the others or the parent. A worker serves inputs one at a time, freeing
 * each before the next, for up to FLEET_WORKER_INPUTS of them, then ends and another
 * is forked: a fork and the first touch of a fresh worker's pages cost as much as an
 * input's audit, so they are paid once for many inputs, while what one input could do
 * to a worker's state lasts a bounded number of inputs. A hostile input that crashes
 * its worker, or makes it write more than FLEET_RECORD_MAX, is one input skipped; the
 * worker is replaced.
 *
 * The conversation, on two pipes a worker:
 *   parent -> worker: an input's index, a uint64_t; end of file to end the worker;
 *   worker -> parent: that input's record, a uint64_t length then its bytes.
 * The parent waits on the workers' result pipes with poll(2) and sends a worker its
 * next input once it has its record. A worker's end before its record is whole is a
 * failed input, told by its exit status. A SIGINT or SIGTERM to the parent kills the
 * workers, and the run ends with -EINTR: the caller rolls back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "common/file-write.h"
#include "fleet.h"

struct worker {
	pid_t pid;
	int in;              /* its inputs: the parent's end */
	int out;             /* its records */
	unsigned int served; /* inputs sent it */
	bool busy;           /* on an input */
	size_t index;        /* that input */
	GString *rec;        /* what it has written of that input's record */
	bool too_big;
};

static volatile sig_atomic_t caught;
/* what SIGINT and SIGTERM did before the run: a worker's, and kept when ignored */
static struct sigaction old_int, old_term;

static void on_signal(int sig)
{
	caught = sig;
}

int fleet_pool_signal(void)
{
	return caught;
}

/* 1 and *@v read, 0 at end of file, -1 on error */
static int read_index(int fd, uint64_t *v)
{
	char *p = (char *)v;
	size_t have = 0;

	while (have < sizeof(*v)) {
		ssize_t r = read(fd, p + have, sizeof(*v) - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 && have == 0 ? 0 : -1;
		have += (size_t)r;
	}
	return 1;
}

/* The worker's life: its inputs until the parent says no more. */
static int serve(int in, int out, fleet_job_fn job, void *data)
{
	uint64_t index;
	int r;

	while ((r = read_index(in, &index)) > 0) {
		size_t len = 0;
		char *text = job(data, (size_t)index, &len);
		uint64_t n = len;

		if (!text)
			return 1;
		r = file_write_all(out, &n, sizeof(n)) || file_write_all(out, text, len);
		g_free(text);
		if (r)
			return 1;
	}
	return r < 0;
}

/* The disposition a worker gets for @sig, whose handler before the run was @old. */
static void worker_signal(int sig, const struct sigaction *old)
{
	signal(sig, old->sa_handler == SIG_IGN ? SIG_IGN : SIG_DFL);
}

static int spawn(struct worker *ws, unsigned int jobs, struct worker *w, fleet_job_fn job,
		 void *data, const sigset_t *mask)
{
	int in[2], out[2];
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(out, O_CLOEXEC) < 0) {
		int err = errno;

		close(in[0]);
		close(in[1]);
		return -err;
	}
	pid = fork();
	if (pid < 0) {
		int err = errno;

		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		return -err;
	}
	if (pid == 0) {
		/* the worker: the parent's handlers are not its own, nor the other
		   workers' pipes (close-on-exec, not on fork: the worker does not
		   exec, so it must not keep a sibling's input open) */
		worker_signal(SIGINT, &old_int);
		worker_signal(SIGTERM, &old_term);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, mask, NULL);
		for (unsigned int i = 0; i < jobs; i++) {
			if (!ws[i].pid || &ws[i] == w)
				continue;
			if (ws[i].in >= 0)
				close(ws[i].in);
			close(ws[i].out);
		}
		close(in[1]);
		close(out[0]);
		_exit(serve(in[0], out[1], job, data));
	}
	close(in[0]);
	close(out[1]);
	w->pid = pid;
	w->in = in[1];
	w->out = out[0];
	w->served = 0;
	w->busy = false;
	w->rec = g_string_new(NULL);
	w->too_big = false;
	return 0;
}

/* The worker's end: its status. */
static int reap(struct worker *w, bool kill_it)
{
	int status = 0;

	if (w->pid <= 0)
		return 0;
	if (kill_it)
		kill(w->pid, SIGKILL);
	if (w->in >= 0)
		close(w->in);
	close(w->out);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	g_string_free(w->rec, TRUE);
	memset(w, 0, sizeof(*w));
	w->in = -1;
	return status;
}

/*
 * Send @w input @index: 0, or -EPIPE when the worker is gone (it died waiting: killed
 * from outside, or after its last record), and the input was not sent.
 */
static int send_input(struct worker *w, size_t index)
{
	uint64_t v = index;

	/* SIGPIPE is ignored for the run: a worker gone is EPIPE here */
	if (file_write_all(w->in, &v, sizeof(v)))
		return -EPIPE;
	w->busy = true;
	w->index = index;
	w->served++;
	g_string_truncate(w->rec, 0);
	if (w->served >= FLEET_WORKER_INPUTS) {
		/* its last: the end of file after it ends the worker */
		close(w->in);
		w->in = -1;
	}
	return 0;
}

/* The length of @w's record once its header is in, else 0. */
static uint64_t record_len(const struct worker *w)
{
	uint64_t n = 0;

	if (w->rec->len >= sizeof(n))
		memcpy(&n, w->rec->str, sizeof(n));
	return n;
}

/*
 * Read what @w has. Returns 1 when its input is done (its record whole, or the worker
 * gone), 0 for more later.
 */
static int drain(struct worker *w, bool *gone)
{
	char buf[65536];
	ssize_t r = read(w->out, buf, sizeof(buf));

	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (r <= 0) {
		*gone = true;
		return 1;
	}
	g_string_append_len(w->rec, buf, r);
	if (w->rec->len >= sizeof(uint64_t)) {
		uint64_t n = record_len(w);

		if (n > FLEET_RECORD_MAX) {
			/* enough: the worker is killed, its input skipped */
			w->too_big = true;
			*gone = true;
			return 1;
		}
		if (w->rec->len - sizeof(n) > n) {
			/* more than its record, before its next input: not ours */
			*gone = true;
			return 1;
		}
		return w->rec->len - sizeof(n) == n;
	}
	return 0;
}

/* @w's input done: tell the caller. */
static int finish(struct worker *w, bool gone, fleet_done_fn done, void *data)
{
	size_t index = w->index;
	int status = 0, r;

	w->busy = false;
	if (!gone)
		return done(data, index, w->rec->str + sizeof(uint64_t),
			    w->rec->len - sizeof(uint64_t), 0, NULL);
	if (w->too_big) {
		reap(w, true);
		return done(data, index, NULL, 0, 0,
			    "its worker wrote more than the most a record may be");
	}
	/* what it wrote of its record is no record */
	status = reap(w, true);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		status = 1 << 8; /* ended without a word: a failure all the same */
	r = done(data, index, NULL, 0, status, NULL);
	return r;
}

static void kill_all(struct worker *ws, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		reap(&ws[i], true);
}

/* Start input @index in @ws[@i], forking a worker for it if need be. */
static int start(struct worker *ws, unsigned int jobs, unsigned int i, size_t index,
		 fleet_job_fn job, void *data, const sigset_t *mask)
{
	struct worker *w = &ws[i];

	/* a worker found gone when sent an input is replaced once: it died idle, and
	   the input was never its */
	for (int attempt = 0; attempt < 2; attempt++) {
		int r = 0;

		if (w->pid && w->in < 0)
			reap(w, false); /* served its last: ended */
		if (!w->pid)
			r = spawn(ws, jobs, w, job, data, mask);
		if (r)
			return r;
		if (send_input(w, index) == 0)
			return 0;
		reap(w, true);
	}
	return -EPIPE;
}

/* Catch @sig for the run, unless it was ignored before it: it stays so. */
static void catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(sig, NULL, old);
	if (old->sa_handler == SIG_IGN)
		return;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int fleet_pool_run(size_t n, unsigned int jobs, fleet_job_fn job, fleet_done_fn done,
		   void *data)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_pipe;
	sigset_t block, mask;
	struct worker *ws;
	struct pollfd *pfd;
	unsigned int *at;
	size_t next = 0, low = 0;
	/* how far past the first input not done an input may start: the caller keeps
	   the results of those ahead of it until it is, so an input that takes long
	   must not let the others pile up behind it */
	size_t window;
	bool *finished = g_new0(bool, n ?: 1);
	unsigned int running = 0;
	int r = 0;

	jobs = jobs ? jobs : 1;
	window = MAX(4 * (size_t)jobs, 16);
	ws = g_new0(struct worker, jobs);
	pfd = g_new0(struct pollfd, jobs);
	at = g_new0(unsigned int, jobs);
	for (unsigned int i = 0; i < jobs; i++)
		ws[i].in = -1;
	caught = 0;
	/* SIGINT and SIGTERM blocked but while waiting in ppoll(): one that comes
	   between the check and the wait is not missed */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &mask);
	catch_signal(SIGINT, &old_int);
	catch_signal(SIGTERM, &old_term);
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	while (r == 0 && (next < n || running)) {
		unsigned int k = 0;

		if (caught) {
			r = -EINTR;
			break;
		}
		for (unsigned int i = 0;
		     i < jobs && next < n && next < low + window && r == 0; i++) {
			if (ws[i].busy)
				continue;
			r = start(ws, jobs, i, next, job, data, &mask);
			if (r == 0) {
				next++;
				running++;
			}
		}
		if (r)
			break;
		for (unsigned int i = 0; i < jobs; i++)
			if (ws[i].busy) {
				at[k] = i;
				pfd[k++] = (struct pollfd){ .fd = ws[i].out,
							    .events = POLLIN };
			}
		if (ppoll(pfd, k, NULL, &mask) < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		for (unsigned int j = 0; j < k && r == 0; j++) {
			struct worker *w = &ws[at[j]];
			bool gone = false;

			if (!pfd[j].revents || !drain(w, &gone))
				continue;
			running--;
			finished[w->index] = true;
			r = finish(w, gone, done, data);
			while (low < n && finished[low])
				low++;
		}
	}
	if (r == 0) {
		/* done: each worker's input pipe closed, it ends */
		for (unsigned int i = 0; i < jobs; i++)
			reap(&ws[i], false);
	}
	kill_all(ws, jobs);
	/* a signal up to the end is the run's: its caller must not keep it */
	if (caught && r == 0)
		r = -EINTR;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	g_free(ws);
	g_free(pfd);
	g_free(at);
	g_free(finished);
	return r;
}
