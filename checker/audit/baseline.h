/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Baselines: findings a project has accepted for now. A plain text file a person reviews
 * in a diff, one finding group a line, `CLASS PATTERN`, sorted; `#` starts a comment.
 * Patterns are escaped like C strings (g_strescape) so any file name fits on a line.
 */
#ifndef SYSABI_BASELINE_H
#define SYSABI_BASELINE_H

#include <stdbool.h>

#include <glib.h>

struct baseline;

/* Bytes of a baseline file: a line a finding group, and a large machine has thousands. */
#define BASELINE_MAX_SIZE (64 << 20)

/*
 * Read @path, a regular file of at most BASELINE_MAX_SIZE bytes. A malformed line (not
 * CLASS /PATTERN, a NUL byte, a backslash that escapes nothing) gives -EBADMSG with
 * *@bad_line set (1-based); a file that cannot be read its negative errno
 * (-EFTYPE_NOT_REGULAR, -EFBIG: see file-read.h). Free with baseline_free().
 */
int baseline_read(const char *path, struct baseline **out, unsigned int *bad_line);
/* Whether @kind may start a line of the audit's baselines: an audit class. */
bool baseline_audit_class(const char *kind);
/* The same for findings of other kinds than the audit's classes: @known says which
 * names may start a line (sysabi compare's kinds). */
int baseline_read_kinds(const char *path, bool (*known)(const char *kind),
			struct baseline **out, unsigned int *bad_line);
void baseline_free(struct baseline *b);
bool baseline_has(const struct baseline *b, const char *cls, const char *pattern);

/* One line of a baseline for @cls and @pattern, with its newline. g_free() it. */
char *baseline_line(const char *cls, const char *pattern);
/* The comment that starts a baseline file of `sysabi audit`. */
extern const char baseline_header[];

/*
 * For a command: read @path (baseline_read_kinds()), or say why not ("FILE:LINE: not a
 * baseline line") and return EXIT_TROUBLE.
 */
int baseline_load(const char *path, bool (*known)(const char *kind),
		  struct baseline **out);
/*
 * For a command: write @header, then @lines (baseline_line()s; sorted here) to @path,
 * atomically. Returns 0 or EXIT_TROUBLE after saying why.
 */
int baseline_write(const char *path, const char *header, GPtrArray *lines);

#endif
