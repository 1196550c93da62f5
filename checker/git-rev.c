// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading one revision of a git repository with git itself: `git rev-parse` names the
 * commit, `git archive | tar -x` writes its Documentation/ABI (and top Makefile) into
 * a directory. The work tree is never checked out or touched. See git-rev.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "cli.h"
#include "git-rev.h"

extern char **environ;

/* Wait for @pid; its exit status, or 128 + signal. */
static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Read @fd to its end, keeping the first @size - 1 bytes in @buf, NUL-terminated. */
static void read_all(int fd, char *buf, size_t size)
{
	char junk[512];
	size_t n = 0;
	ssize_t k;

	for (;;) {
		bool room = n + 1 < size;

		k = read(fd, room ? buf + n : junk, room ? size - 1 - n : sizeof(junk));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += room ? (size_t)k : 0;
	}
	buf[n] = '\0';
}

/*
 * Run @argv (no shell) with stdin from /dev/null; stdout into @out, the first line of
 * stderr into @err (both NUL-terminated, cut to their size). Returns the exit status,
 * or a negative errno when it could not run.
 */
static int run_capture(const char *const argv[], char *out, size_t size, char *err,
		       size_t err_size)
{
	posix_spawn_file_actions_t fa;
	int po[2], pe[2], r;
	pid_t pid;

	*out = *err = '\0';
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
	r = -posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (r == 0) {
		/* both are small (a commit id, two names, one error): one, then the other */
		read_all(po[0], out, size);
		read_all(pe[0], err, err_size);
		err[strcspn(err, "\n")] = '\0';
	}
	close(po[0]);
	close(pe[0]);
	return r < 0 ? r : wait_child(pid);
}

/*
 * The repository of @repo (any directory of a work tree, or a bare repository) and
 * the commit @rev names there. Prints why and returns EXIT_TROUBLE if there is none.
 */
static int git_resolve(const char *who, const char *repo, const char *rev, struct git_rev *g)
{
	char *spec = g_strconcat(rev, "^{commit}", NULL);
	const char *const argv[] = { "git", "-C", repo, "rev-parse", "--absolute-git-dir",
				     "--verify", "--quiet", "--end-of-options", spec, NULL };
	char out[PATH_MAX + 128], err[512], *commit;
	struct stat st;
	int r;

	r = stat(repo, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (r) {
		g_free(spec);
		return cli_error("%s: cannot read git tree '%s': %s", who, repo, strerror(r));
	}
	r = run_capture(argv, out, sizeof(out), err, sizeof(err));
	g_free(spec);
	if (r < 0)
		return cli_error("%s: cannot run git: %s", who, strerror(-r));
	commit = strchr(out, '\n');
	if (r == 0 && commit && commit[1]) {
		*commit++ = '\0';
		commit[strcspn(commit, "\n")] = '\0';
		snprintf(g->commit, sizeof(g->commit), "%s", commit);
		/* from here on, paths are the repository's, wherever in it @repo is */
		g->git_dir = g_strconcat("--git-dir=", out, NULL);
		return 0;
	}
	if (strstr(err, "not a git repository"))
		return cli_error("%s: '%s' is not a git repository", who, repo);
	if (*err)
		return cli_error("%s: cannot read git repository '%s': %s", who, repo,
				 g_str_has_prefix(err, "fatal: ") ? err + 7 : err);
	return cli_error("%s: '%s' is not a revision in '%s'", who, rev, repo);
}

/* git archive COMMIT PATHS... | tar -x -C @dest. Returns 0, or prints why. */
static int git_archive(const char *who, const char *repo, const char *rev,
		       const struct git_rev *g, bool makefile, const char *dest)
{
	const char *const git[] = { "git", g->git_dir, "archive", "--format=tar", g->commit,
				    "Documentation/ABI", makefile ? "Makefile" : NULL, NULL };
	const char *const tar[] = { "tar", "-x", "-C", dest, "-f", "-", NULL };
	posix_spawn_file_actions_t fa;
	pid_t gp, tp;
	int p[2], r, rg, rt;

	if (pipe2(p, O_CLOEXEC) < 0)
		return cli_error("%s: cannot run git: %s", who, strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	r = posix_spawnp(&gp, "git", &fa, NULL, (char *const *)git, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (r) {
		close(p[0]);
		return cli_error("%s: cannot run git: %s", who, strerror(r));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	r = posix_spawnp(&tp, "tar", &fa, NULL, (char *const *)tar, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0]);
	rg = wait_child(gp);
	rt = r ? 127 : wait_child(tp);
	if (r)
		return cli_error("%s: cannot run tar: %s", who, strerror(r));
	if (rg || rt)
		return cli_error("%s: cannot extract '%s' of '%s' (git archive: exit %d, "
				 "tar: exit %d)", who, rev, repo, rg, rt);
	return 0;
}

int git_rev_extract(const char *who, const char *repo, const char *rev, const char *dest,
		    struct git_rev *g)
{
	char names[4096], err[512], **lines;
	bool abi, makefile;
	int r = git_resolve(who, repo, rev, g);

	if (r)
		return r;
	r = run_capture((const char *const[]){ "git", g->git_dir, "ls-tree", "--name-only",
					       g->commit, "Documentation/ABI", "Makefile", NULL },
			names, sizeof(names), err, sizeof(err));
	if (r)
		return cli_error("%s: cannot list '%s' of '%s': %s", who, rev, repo,
				 r < 0 ? strerror(-r) : err);
	lines = g_strsplit(names, "\n", -1);
	abi = g_strv_contains((const char *const *)lines, "Documentation/ABI");
	makefile = g_strv_contains((const char *const *)lines, "Makefile");
	g_strfreev(lines);
	if (!abi)
		return cli_error("%s: '%s' of '%s' has no Documentation/ABI", who, rev, repo);
	if (mkdir(dest, 0700) < 0)
		return cli_error("%s: cannot create '%s': %s", who, dest, strerror(errno));
	return git_archive(who, repo, rev, g, makefile, dest);
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
