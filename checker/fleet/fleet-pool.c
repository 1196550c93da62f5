// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's workers: a process per input, forked from the parent once it has read and
 * indexed the documentation, so every worker shares the one index copy-on-write and
 * none can bring down the others or the parent. A hostile input that crashes its
 * worker, or makes it write more than FLEET_RECORD_MAX, is one input skipped.
 *
 * The parent waits on the workers' pipes with poll(2) and reads each whole; a worker's
 * end is its pipe's end of file, then its exit status. A SIGINT or SIGTERM to the
 * parent kills the workers, and the run ends with -EINTR: the caller rolls back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "fleet.h"

struct worker {
	pid_t pid;
	int fd;
	size_t index;
	GString *out;
	bool too_big;
};

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

int fleet_pool_signal(void)
{
	return caught;
}

/* Start input @index in @w. */
static int start(struct worker *w, size_t index, fleet_job_fn job, void *data)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	w->pid = fork();
	if (w->pid < 0) {
		int err = errno;

		close(p[0]);
		close(p[1]);
		return -err;
	}
	if (w->pid == 0) {
		/* the worker: the parent's handlers are not its own */
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		close(p[0]);
		_exit(job(data, index, p[1]));
	}
	close(p[1]);
	w->fd = p[0];
	w->index = index;
	w->out = g_string_new(NULL);
	w->too_big = false;
	return 0;
}

/* Read what @w has; 1 at its end of file, 0 for more later. */
static int drain(struct worker *w)
{
	char buf[65536];
	ssize_t r = read(w->fd, buf, sizeof(buf));

	if (r < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : 1;
	if (r == 0)
		return 1;
	if (w->out->len + (size_t)r > FLEET_RECORD_MAX) {
		/* enough: the worker is killed, its input skipped */
		w->too_big = true;
		kill(w->pid, SIGKILL);
		return 1;
	}
	g_string_append_len(w->out, buf, r);
	return 0;
}

static int finish(struct worker *w, fleet_done_fn done, void *data)
{
	int status = 0, r;

	close(w->fd);
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	r = done(data, w->index, w->too_big ? NULL : w->out->str,
		 w->too_big ? 0 : w->out->len, status,
		 w->too_big ? "its worker wrote more than the most a record may be" :
			      NULL);
	g_string_free(w->out, TRUE);
	w->pid = 0;
	return r;
}

static void kill_all(struct worker *ws, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!ws[i].pid)
			continue;
		kill(ws[i].pid, SIGKILL);
		close(ws[i].fd);
		while (waitpid(ws[i].pid, NULL, 0) < 0 && errno == EINTR)
			;
		g_string_free(ws[i].out, TRUE);
		ws[i].pid = 0;
	}
}

int fleet_pool_run(size_t n, unsigned int jobs, fleet_job_fn job, fleet_done_fn done,
		   void *data)
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	struct worker *ws;
	struct pollfd *pfd;
	size_t next = 0, low = 0;
	/* how far past the first input not done an input may start: the caller keeps
	   the results of those ahead of it until it is, so an input that takes long
	   must not let the others pile up behind it */
	size_t window = MAX(4 * (size_t)jobs, 16);
	bool *finished = g_new0(bool, n ?: 1);
	unsigned int running = 0;
	int r = 0;

	jobs = jobs ? jobs : 1;
	ws = g_new0(struct worker, jobs);
	pfd = g_new0(struct pollfd, jobs);
	caught = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	while (r == 0 && (next < n || running)) {
		unsigned int k = 0;

		for (unsigned int i = 0;
		     i < jobs && next < n && next < low + window && r == 0; i++) {
			if (ws[i].pid)
				continue;
			r = start(&ws[i], next++, job, data);
			running += r == 0;
		}
		if (r)
			break;
		for (unsigned int i = 0; i < jobs; i++)
			if (ws[i].pid)
				pfd[k++] = (struct pollfd){ .fd = ws[i].fd,
							    .events = POLLIN };
		if (caught) {
			r = -EINTR;
			break;
		}
		if (poll(pfd, k, -1) < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		for (unsigned int i = 0, j = 0; i < jobs && r == 0; i++) {
			if (!ws[i].pid)
				continue;
			if (pfd[j++].revents && drain(&ws[i])) {
				running--;
				finished[ws[i].index] = true;
				r = finish(&ws[i], done, data);
				while (low < n && finished[low])
					low++;
			}
		}
	}
	if (caught && r == 0)
		r = -EINTR;
	kill_all(ws, jobs);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	g_free(ws);
	g_free(pfd);
	g_free(finished);
	return r;
}
