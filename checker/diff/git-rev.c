// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading one revision of a git repository with git itself: `git rev-parse` names the
 * commit, `git ls-tree` lists its Documentation/ABI (and top Makefile), and the files
 * of that listing are written, as git stores them, with `git cat-file --batch` into a
 * directory. The work tree is never checked out or touched. See git-rev.h.
 *
 * The revision is input like any other, and may be hostile: everything is judged on
 * the listing before anything is written, and only directories and regular files are
 * ever created, so no path below the directory goes through a link. Not `git archive`:
 * the revision's .gitattributes could grow a file there (ident, export-subst, eol)
 * past the size that was checked, and tar would create the links.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "cli/cli.h"
#include "git-rev.h"
#include "common/macro.h"

extern char **environ;

/*
 * What one revision may hold; past any of them it is refused before anything is
 * written. The tree loader refuses a larger file anyway (TREE_MAX_FILE_SIZE); the
 * others are far above a kernel's (6.12: 626 entries, 2 MB).
 */
#define GIT_REV_MAX_BLOB (64ull << 20)
#define GIT_REV_MAX_TOTAL (512ull << 20)
#define GIT_REV_MAX_ENTRIES 20000
#define GIT_REV_MAX_PATH 1024

/* ---- children that do not outlive a signal ---- */

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* The signal that came while catching, 0 before: set by the handler only. */
static volatile sig_atomic_t caught;
/* Running children, each the leader of its own process group; 0 for a free slot. */
static volatile sig_atomic_t children[4];
static struct sigaction saved[ARRAY_SIZE(caught_signals)], saved_pipe;
static bool catching;

/* Async-signal-safe: note the signal and end the children; the reading sees it. */
static void on_signal(int sig)
{
	int e = errno;

	if (!caught)
		caught = sig;
	for (size_t i = 0; i < ARRAY_SIZE(children); i++)
		if (children[i] > 0)
			kill(-(pid_t)children[i], SIGTERM);
	errno = e;
}

static void block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
		sigaddset(&set, caught_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

void git_rev_signals_catch(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t old;

	if (catching)
		return;
	block_signals(&old);
	/* no SA_RESTART: a read from a child returns, and the reading stops */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
		sigaddset(&sa.sa_mask, caught_signals[i]);
	for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++) {
		sigaction(caught_signals[i], NULL, &saved[i]);
		/* what the shell ignores for us (nohup, a background job) stays ignored */
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(caught_signals[i], &sa, NULL);
	}
	/* a child gone must be an error to write to, not the end of the process */
	sigaction(SIGPIPE, &(struct sigaction){ .sa_handler = SIG_IGN }, &saved_pipe);
	catching = true;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

bool git_rev_interrupted(void)
{
	return caught != 0;
}

void git_rev_signals_restore(void)
{
	sigset_t old, set;
	int sig = caught;

	if (!catching)
		return;
	block_signals(&old);
	for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
		sigaction(caught_signals[i], &saved[i], NULL);
	sigaction(SIGPIPE, &saved_pipe, NULL);
	catching = false;
	if (sig) {
		/* die of it, so that the exit status says which it was */
		signal(sig, SIG_DFL);
		raise(sig);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/*
 * Start @argv (no shell) in a process group of its own, with the file actions @fa,
 * and note it so that a signal ends it (and whatever it starts). Returns 0, -EINTR
 * after a signal, or a negative errno.
 */
static int spawn(pid_t *pid, const char *const argv[],
		 const posix_spawn_file_actions_t *fa)
{
	posix_spawnattr_t attr;
	sigset_t old, def;
	size_t slot;
	int r;

	block_signals(&old);
	for (slot = 0; slot < ARRAY_SIZE(children) && children[slot]; slot++)
		;
	/* blocked, the handler cannot run between this test and the child's noting */
	if (caught || slot == ARRAY_SIZE(children)) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return caught ? -EINTR : -EAGAIN;
	}
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
		if (saved[i].sa_handler != SIG_IGN)
			sigaddset(&def, caught_signals[i]);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
						POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setsigdefault(&attr, &def);
	r = -posix_spawnp(pid, argv[0], fa, &attr, (char *const *)argv, environ);
	posix_spawnattr_destroy(&attr);
	if (r == 0)
		children[slot] = *pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}

/* Wait for @pid, which spawn() started; its exit status, or 128 + signal. */
static int wait_child(pid_t pid)
{
	siginfo_t si;
	sigset_t old;
	int status = 0, r;

	/* not reaped yet, so that a signal meanwhile cannot hit a pid used again */
	while ((r = waitid(P_PID, pid, &si, WEXITED | WNOWAIT)) < 0 && errno == EINTR)
		;
	block_signals(&old);
	for (size_t i = 0; i < ARRAY_SIZE(children); i++)
		if (children[i] == pid)
			children[i] = 0;
	if (r == 0)
		r = waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A message about the revision, unless a signal stopped the reading: it says why. */
#define rev_error(...) (caught ? EXIT_TROUBLE : cli_error(__VA_ARGS__))

/* ---- git's answers ---- */

/*
 * Read @fd to its end, keeping the first @size - 1 bytes in @buf, NUL-terminated. Not
 * file_read_fd(): @fd is a pipe from git, not a regular file. What does not fit is
 * read and dropped, so that git never blocks on a full pipe, and a signal ends the
 * reading instead of being retried.
 */
static void read_all(int fd, char *buf, size_t size)
{
	char junk[512];
	size_t n = 0;
	ssize_t k;

	for (;;) {
		bool room = n + 1 < size;

		k = read(fd, room ? buf + n : junk, room ? size - 1 - n : sizeof(junk));
		if (k < 0 && errno == EINTR && !caught)
			continue;
		if (k <= 0)
			break;
		n += room ? (size_t)k : 0;
	}
	buf[n] = '\0';
}

/*
 * Start @argv with stdin from /dev/null, stdout into *@out and stderr into *@err (the
 * reading ends). Returns 0 or a negative errno.
 */
static int start_reading(const char *const argv[], pid_t *pid, int *out, int *err)
{
	posix_spawn_file_actions_t fa;
	int po[2], pe[2], r;

	if (pipe2(po, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		r = -errno;
		close(po[0]);
		close(po[1]);
		return r;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	r = spawn(pid, argv, &fa);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (r < 0) {
		close(po[0]);
		close(pe[0]);
		return r;
	}
	*out = po[0];
	*err = pe[0];
	return 0;
}

/*
 * Run @argv; stdout into @out, the first line of stderr into @err (both
 * NUL-terminated, cut to their size). Returns the exit status, or a negative errno
 * when it could not run.
 */
static int run_capture(const char *const argv[], char *out, size_t size, char *err,
		       size_t err_size)
{
	int fo, fe, r;
	pid_t pid;

	*out = *err = '\0';
	r = start_reading(argv, &pid, &fo, &fe);
	if (r < 0)
		return r;
	/* both are small (a commit id, two names, one error): one, then the other */
	read_all(fo, out, size);
	read_all(fe, err, err_size);
	err[strcspn(err, "\n")] = '\0';
	close(fo);
	close(fe);
	return wait_child(pid);
}

/*
 * The repository of @repo (any directory of a work tree, or a bare repository) and
 * the commit @rev names there. Prints why and returns EXIT_TROUBLE if there is none.
 */
static int git_resolve(const char *who, const char *repo, const char *rev,
		       struct git_rev *g)
{
	char *spec = g_strconcat(rev, "^{commit}", NULL);
	const char *const argv[] = { "git",
				     "-C",
				     repo,
				     "rev-parse",
				     "--absolute-git-dir",
				     "--verify",
				     "--quiet",
				     "--end-of-options",
				     spec,
				     NULL };
	char out[PATH_MAX + 128], err[512], *commit;
	struct stat st;
	int r;

	r = stat(repo, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (r) {
		g_free(spec);
		return cli_error("%s: cannot read git tree '%s': %s", who, repo,
				 strerror(r));
	}
	r = run_capture(argv, out, sizeof(out), err, sizeof(err));
	g_free(spec);
	if (r < 0)
		return rev_error("%s: cannot run git: %s", who, strerror(-r));
	commit = strchr(out, '\n');
	if (r == 0 && commit && commit[1]) {
		*commit++ = '\0';
		commit[strcspn(commit, "\n")] = '\0';
		snprintf(g->commit, sizeof(g->commit), "%s", commit);
		/* from here on, paths are the repository's, wherever in it @repo is */
		g->git_dir = g_strconcat("--git-dir=", out, NULL);
		return 0;
	}
	if (caught)
		return EXIT_TROUBLE;
	if (strstr(err, "not a git repository"))
		return cli_error("%s: '%s' is not a git repository", who, repo);
	if (*err)
		return cli_error("%s: cannot read git repository '%s': %s", who, repo,
				 g_str_has_prefix(err, "fatal: ") ? err + 7 : err);
	return cli_error("%s: '%s' is not a revision in '%s'", who, rev, repo);
}

int git_rev_merge_base(const char *who, const char *repo, const char *a, const char *b,
		       char *out, size_t size)
{
	const char *const argv[] = { "git", "-C", repo, "merge-base", "--end-of-options",
				     a,     b,    NULL };
	char buf[256], err[512];
	int r = run_capture(argv, buf, sizeof(buf), err, sizeof(err));

	if (r < 0)
		return rev_error("%s: cannot run git: %s", who, strerror(-r));
	buf[strcspn(buf, "\n")] = '\0';
	if (r == 0 && *buf) {
		snprintf(out, size, "%s", buf);
		return 0;
	}
	if (caught)
		return EXIT_TROUBLE;
	return cli_error("%s: %s and %s have no merge base in '%s'%s%s", who, a, b, repo,
			 *err ? ": " : "",
			 g_str_has_prefix(err, "fatal: ") ? err + 7 : err);
}

int git_rev_toplevel(const char *who, const char *repo, char **top)
{
	const char *const argv[] = { "git", "-C", repo, "rev-parse", "--show-toplevel",
				     NULL };
	char buf[PATH_MAX + 2], err[512];
	int r = run_capture(argv, buf, sizeof(buf), err, sizeof(err));

	*top = NULL;
	if (r < 0)
		return rev_error("%s: cannot run git: %s", who, strerror(-r));
	buf[strcspn(buf, "\n")] = '\0';
	if (r == 0 && *buf) {
		*top = g_strdup(buf);
		return 0;
	}
	if (caught)
		return EXIT_TROUBLE;
	return cli_error("%s: '%s' has no work tree to compare with%s%s", who, repo,
			 *err ? ": " : "",
			 g_str_has_prefix(err, "fatal: ") ? err + 7 : err);
}

/* ---- the listing, judged before anything is written ---- */

/* A file to write: a blob of the revision. */
struct blob {
	char *path;
	char oid[68]; /* hex: SHA-1 or SHA-256 */
	unsigned long long size;
};

/* What of the revision is written, and what is not. */
struct listing {
	const char *who, *rev;
	GPtrArray *dirs;  /* below Documentation/ABI, parents first */
	GArray *blobs;    /* of struct blob: the files, Makefile included */
	GPtrArray *links; /* below Documentation/ABI: said, never written */
	bool abi, makefile_link;
	size_t n_entries;
	unsigned long long total;
};

static void listing_release(struct listing *l)
{
	for (size_t i = 0; l->blobs && i < l->blobs->len; i++)
		g_free(g_array_index(l->blobs, struct blob, i).path);
	if (l->blobs)
		g_array_free(l->blobs, TRUE);
	if (l->dirs)
		g_ptr_array_free(l->dirs, TRUE);
	if (l->links)
		g_ptr_array_free(l->links, TRUE);
}

/* No empty, "." or ".." component: git refuses them, a crafted tree may not. */
static bool path_is_plain(const char *path)
{
	for (const char *p = path;; p++) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (!*p)
			return true;
	}
}

static int add_blob(struct listing *l, const char *path, const char *oid,
		    const char *size)
{
	struct blob b = { 0 };
	char *end;

	if (strcmp(size, "BAD") == 0) /* what git lists when it has no such blob */
		return rev_error("%s: %s:%s: blob missing from the repository", l->who,
				 l->rev, path);
	errno = 0;
	b.size = strtoull(size, &end, 10);
	if (errno || *end || end == size || strlen(oid) >= sizeof(b.oid))
		return rev_error("%s: %s:%s: cannot read git's listing", l->who, l->rev,
				 path);
	if (b.size > GIT_REV_MAX_BLOB)
		return rev_error(
			"%s: %s:%s: blob of %llu bytes is over the limit of %llu", l->who,
			l->rev, path, b.size, GIT_REV_MAX_BLOB);
	l->total += b.size;
	if (l->total > GIT_REV_MAX_TOTAL)
		return rev_error(
			"%s: %s: Documentation/ABI and Makefile hold more than %llu "
			"bytes, over the limit",
			l->who, l->rev, GIT_REV_MAX_TOTAL);
	b.path = g_strdup(path);
	snprintf(b.oid, sizeof(b.oid), "%s", oid);
	g_array_append_val(l->blobs, b);
	return 0;
}

/* One line of `git ls-tree -l`: "MODE TYPE OID SIZE\tPATH". Returns 0 or EXIT_TROUBLE. */
static int list_entry(struct listing *l, char *line)
{
	char *path = strchr(line, '\t'), type[16], oid[80], size[32];
	unsigned int mode;
	bool below;

	if (!path || sscanf(line, "%o %15s %79s %31s", &mode, type, oid, size) != 4)
		return rev_error("%s: %s: cannot read git's listing", l->who, l->rev);
	path++;
	if (strlen(path) > GIT_REV_MAX_PATH)
		return rev_error("%s: %s:%.64s...: path over the limit of %d bytes",
				 l->who, l->rev, path, GIT_REV_MAX_PATH);
	if (strcmp(path, "Makefile") == 0) {
		/* only the kernel version is read from it: without it, no version */
		if (S_ISLNK(mode))
			l->makefile_link = true;
		return S_ISREG(mode) ? add_blob(l, path, oid, size) : 0;
	}
	if (strcmp(path, "Documentation/ABI") == 0) {
		if (S_ISLNK(mode))
			return rev_error(
				"%s: %s: Documentation/ABI is a symbolic link in the "
				"revision",
				l->who, l->rev);
		if (!S_ISDIR(mode))
			return rev_error(
				"%s: %s: Documentation/ABI is not a directory in the "
				"revision",
				l->who, l->rev);
		l->abi = true;
		return 0;
	}
	below = g_str_has_prefix(path, "Documentation/ABI/");
	if (!below)
		return 0; /* Documentation itself */
	if (++l->n_entries > GIT_REV_MAX_ENTRIES)
		return rev_error("%s: %s: Documentation/ABI has more than %d files, "
				 "directories and links, over the limit",
				 l->who, l->rev, GIT_REV_MAX_ENTRIES);
	if (!path_is_plain(path))
		return rev_error("%s: %s:%s: not a plain path", l->who, l->rev, path);
	if (S_ISDIR(mode))
		g_ptr_array_add(l->dirs, g_strdup(path));
	else if (S_ISLNK(mode))
		g_ptr_array_add(l->links, g_strdup(path));
	else if (S_ISREG(mode))
		return add_blob(l, path, oid, size);
	/* else a submodule: nothing of it is in this repository */
	return 0;
}

/* Hand each NUL-terminated line of @buf to list_entry(); keep the rest at its start. */
static int list_lines(struct listing *l, GString *buf)
{
	size_t start = 0;
	char *nul;
	int r = 0;

	while (r == 0 && (nul = memchr(buf->str + start, '\0', buf->len - start))) {
		r = list_entry(l, buf->str + start);
		start = (size_t)(nul - buf->str) + 1;
	}
	g_string_erase(buf, 0, (gssize)start);
	/* a line longer than any allowed (mode, type, object id, size, path) ends here */
	if (r == 0 && buf->len > GIT_REV_MAX_PATH + 128) {
		const char *tab = strchr(buf->str, '\t');

		r = rev_error("%s: %s:%.64s...: path over the limit of %d bytes", l->who,
			      l->rev, tab ? tab + 1 : "", GIT_REV_MAX_PATH);
	}
	return r;
}

/* List what of the revision is written, and check it. Returns 0 or EXIT_TROUBLE. */
static int list_rev(const char *repo, const struct git_rev *g, struct listing *l)
{
	const char *const argv[] = { "git",         "--literal-pathspecs",
				     g->git_dir,    "ls-tree",
				     "-r",          "-t",
				     "-l",          "-z",
				     "--full-tree", g->commit,
				     "--",          "Documentation/ABI",
				     "Makefile",    NULL };
	GString *buf = g_string_sized_new(65536);
	char err[512];
	int fo, fe, r, rc;
	pid_t pid;

	l->dirs = g_ptr_array_new_with_free_func(g_free);
	l->links = g_ptr_array_new_with_free_func(g_free);
	l->blobs = g_array_new(FALSE, FALSE, sizeof(struct blob));
	r = start_reading(argv, &pid, &fo, &fe);
	if (r < 0) {
		g_string_free(buf, TRUE);
		return rev_error("%s: cannot run git: %s", l->who, strerror(-r));
	}
	while (r == 0) {
		size_t len = buf->len;
		ssize_t k;

		g_string_set_size(buf, len + 65536);
		k = read(fo, buf->str + len, 65536);
		g_string_set_size(buf, len + (k > 0 ? (size_t)k : 0));
		if (k < 0 && errno == EINTR && !caught)
			continue;
		if (k <= 0)
			break;
		r = list_lines(l, buf);
	}
	/* on a refusal, git is not read to its end: the closed pipe stops it */
	close(fo);
	read_all(fe, err, sizeof(err));
	err[strcspn(err, "\n")] = '\0';
	close(fe);
	rc = wait_child(pid);
	g_string_free(buf, TRUE);
	if (r == 0 && rc)
		r = rev_error("%s: cannot list '%s' of '%s': %s", l->who, l->rev, repo,
			      *err ? err : "git ls-tree failed");
	if (r == 0 && !l->abi)
		r = rev_error("%s: '%s' of '%s' has no Documentation/ABI", l->who, l->rev,
			      repo);
	return r;
}

/* ---- writing the files ---- */

/* Bytes from a child, read ahead. */
struct reader {
	int fd;
	size_t pos, len;
	char buf[65536];
};

/* At least one byte in @rd; 0, or a negative errno (-EPIPE at the end). */
static int reader_fill(struct reader *rd)
{
	ssize_t k;

	if (rd->pos < rd->len)
		return 0;
	do {
		k = read(rd->fd, rd->buf, sizeof(rd->buf));
	} while (k < 0 && errno == EINTR && !caught);
	if (k < 0)
		return -errno;
	if (k == 0)
		return -EPIPE;
	rd->pos = 0;
	rd->len = (size_t)k;
	return 0;
}

/* Up to a newline, NUL-terminated in place of it, into @line. */
static int reader_line(struct reader *rd, char *line, size_t size)
{
	size_t n = 0;
	int r;

	while ((r = reader_fill(rd)) == 0) {
		char c = rd->buf[rd->pos++];

		if (c == '\n') {
			line[n] = '\0';
			return 0;
		}
		if (n + 1 == size)
			return -EBADMSG;
		line[n++] = c;
	}
	return r;
}

/* @size bytes from @rd to @fd (-1: dropped). */
static int reader_copy(struct reader *rd, int fd, unsigned long long size)
{
	int r;

	while (size) {
		size_t n;

		r = reader_fill(rd);
		if (r < 0)
			return r;
		n = rd->len - rd->pos < size ? rd->len - rd->pos : (size_t)size;
		for (size_t done = 0; fd >= 0 && done < n;) {
			ssize_t k = write(fd, rd->buf + rd->pos + done, n - done);

			if (k < 0 && errno != EINTR)
				return -errno;
			done += k > 0 ? (size_t)k : 0;
		}
		rd->pos += n;
		size -= n;
	}
	return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = write(fd, s, n);

		if (k < 0 && errno == EINTR && !caught)
			continue;
		if (k < 0)
			return -errno;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * Ask `git cat-file --batch` (@in, @rd) for @b, and write it below @dirfd. The file
 * is new (O_EXCL) and its last component no link (O_NOFOLLOW); the others are
 * directories this made. Returns 0 or a negative errno: -EPIPE or -EBADMSG when git
 * did not give the blob listed.
 */
static int write_blob(int dirfd, int in, struct reader *rd, const struct blob *b)
{
	char ask[80], head[160], type[16];
	unsigned long long size;
	int fd, r;

	snprintf(ask, sizeof(ask), "%s\n", b->oid);
	r = write_all(in, ask, strlen(ask));
	if (r == 0)
		r = reader_line(rd, head, sizeof(head));
	if (r < 0)
		return r;
	/* "OID blob SIZE": the size is the listing's, that was checked */
	if (sscanf(head, "%*s %15s %llu", type, &size) != 2 || strcmp(type, "blob") ||
	    size != b->size)
		return -EBADMSG;
	fd = openat(dirfd, b->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return -errno;
	r = reader_copy(rd, fd, size);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0)
		r = reader_copy(rd, -1, 1); /* the newline after the content */
	return r;
}

/* Write the listed files below @dest. Returns 0 or EXIT_TROUBLE. */
static int write_files(const struct git_rev *g, const struct listing *l, const char *dest)
{
	const char *const argv[] = { "git", g->git_dir, "cat-file", "--batch", NULL };
	posix_spawn_file_actions_t fa;
	struct reader *rd;
	int pi[2], po[2], dirfd, r = 0, rc;
	const char *failed = NULL;
	pid_t pid;

	dirfd = open(dest, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dirfd < 0)
		return rev_error("%s: cannot read '%s': %s", l->who, dest,
				 strerror(errno));
	for (size_t i = 0; r == 0 && i < l->dirs->len + 2; i++) {
		failed = i == 0 ? "Documentation" :
			 i == 1 ? "Documentation/ABI" :
				  g_ptr_array_index(l->dirs, i - 2);
		r = mkdirat(dirfd, failed, 0700) < 0 ? -errno : 0;
	}
	if (r < 0) {
		close(dirfd);
		return rev_error("%s: cannot create '%s/%s': %s", l->who, dest, failed,
				 strerror(-r));
	}
	if (pipe2(pi, O_CLOEXEC) < 0) {
		close(dirfd);
		return rev_error("%s: cannot run git: %s", l->who, strerror(errno));
	}
	if (pipe2(po, O_CLOEXEC) < 0) {
		r = errno;
		close(pi[0]);
		close(pi[1]);
		close(dirfd);
		return rev_error("%s: cannot run git: %s", l->who, strerror(r));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pi[0], 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	r = spawn(&pid, argv, &fa);
	posix_spawn_file_actions_destroy(&fa);
	close(pi[0]);
	close(po[1]);
	if (r < 0) {
		close(pi[1]);
		close(po[0]);
		close(dirfd);
		return rev_error("%s: cannot run git: %s", l->who, strerror(-r));
	}
	rd = g_new0(struct reader, 1);
	rd->fd = po[0];
	for (size_t i = 0; r == 0 && i < l->blobs->len && !caught; i++) {
		const struct blob *b = &g_array_index(l->blobs, struct blob, i);

		failed = b->path;
		r = write_blob(dirfd, pi[1], rd, b);
	}
	/* git ends at the end of its input, or at the closed pipe if it was writing */
	close(pi[1]);
	close(po[0]);
	close(dirfd);
	g_free(rd);
	rc = wait_child(pid);
	if (r == -EPIPE || r == -EBADMSG)
		return rev_error("%s: %s:%s: git cat-file did not give it", l->who,
				 l->rev, failed);
	if (r < 0)
		return rev_error("%s: cannot write '%s/%s': %s", l->who, dest, failed,
				 strerror(-r));
	if (rc || caught)
		return rev_error("%s: cannot read '%s': git cat-file: exit %d", l->who,
				 l->rev, rc);
	return 0;
}

int git_rev_extract(const char *who, const char *repo, const char *rev, const char *dest,
		    struct git_rev *g)
{
	struct listing l = { .who = who, .rev = rev };
	int r;

	if (caught)
		return EXIT_TROUBLE;
	r = git_resolve(who, repo, rev, g);
	if (r == 0)
		r = list_rev(repo, g, &l);
	if (r == 0 && mkdir(dest, 0700) < 0)
		r = rev_error("%s: cannot create '%s': %s", who, dest, strerror(errno));
	if (r == 0) {
		for (size_t i = 0; i < l.links->len; i++)
			fprintf(stderr,
				"sysabi: %s: %s:%s: symbolic link in the revision, "
				"not followed\n",
				who, rev, (char *)g_ptr_array_index(l.links, i));
		if (l.makefile_link)
			fprintf(stderr,
				"sysabi: %s: %s:Makefile: symbolic link in the revision, "
				"not followed: no kernel version\n",
				who, rev);
		r = write_files(g, &l, dest);
	}
	listing_release(&l);
	return r;
}

void git_rev_release(struct git_rev *g)
{
	g_free(g->git_dir);
	g->git_dir = NULL;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void dir_remove_all(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
