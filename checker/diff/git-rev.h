/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A revision of a git repository, read with git itself (no checkout of the work tree). */
#ifndef SYSABI_GIT_REV_H
#define SYSABI_GIT_REV_H

#include <stdbool.h>

/* What git said of a revision. */
struct git_rev {
	char commit[64]; /* the commit the revision names */
	char *git_dir;   /* "--git-dir=" the repository; owned, git_rev_release() frees */
};

/*
 * Write Documentation/ABI and the top Makefile of @rev in the repository @repo (any
 * directory of a work tree, or a bare repository) below @dest, which this creates
 * (mode 0700). Fills @g. Returns 0, or EXIT_TROUBLE after printing "WHO: why".
 *
 * Only directories and regular files are written. A revision whose Documentation/ABI
 * is a symbolic link or no directory is refused; a link below it is said on stderr
 * ("WHO: REV:PATH: symbolic link in the revision, not followed") and left out, and so
 * is a Makefile that is a link (no kernel version then). A revision over the limits
 * of git-rev.c (a file of 64 MiB, 512 MiB in all, 20000 entries, a path of 1024
 * bytes) is refused before anything is written. Call it between
 * git_rev_signals_catch() and git_rev_signals_restore().
 */
int git_rev_extract(const char *who, const char *repo, const char *rev, const char *dest,
		    struct git_rev *g);
void git_rev_release(struct git_rev *g);

/*
 * The commit git merge-base gives for @a and @b in @repo, into @out (hex). Returns 0,
 * or EXIT_TROUBLE after printing "WHO: why".
 */
int git_rev_merge_base(const char *who, const char *repo, const char *a, const char *b,
		       char *out, size_t size);
/* The top of @repo's work tree, into *@top (g_free it); 0 or EXIT_TROUBLE after
 * saying why. */
int git_rev_toplevel(const char *who, const char *repo, char **top);

/*
 * From here on, SIGINT, SIGTERM and SIGHUP (those not ignored) end the git children
 * and stop git_rev_extract(), which then returns EXIT_TROUBLE without a message, and
 * git_rev_interrupted() says so. The caller removes what was written, then calls
 * git_rev_signals_restore(): after such a signal, the process dies of it there.
 */
void git_rev_signals_catch(void);
bool git_rev_interrupted(void);
void git_rev_signals_restore(void);

/* Remove @dir and everything below it, links not followed. */
void dir_remove_all(const char *dir);

#endif
