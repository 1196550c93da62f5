/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Baselines: findings a project has accepted for now. A plain text file a person reviews
 * in a diff, one finding group a line, `CLASS PATTERN`, sorted; `#` starts a comment.
 * Patterns are escaped like C strings (g_strescape) so any file name fits on a line.
 */
#ifndef SYSABI_BASELINE_H
#define SYSABI_BASELINE_H

#include <stdbool.h>

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
/* The same for findings of other kinds than the audit's classes: @known says which
 * names may start a line (sysabi compare's kinds). */
int baseline_read_kinds(const char *path, bool (*known)(const char *kind),
			struct baseline **out, unsigned int *bad_line);
void baseline_free(struct baseline *b);
bool baseline_has(const struct baseline *b, const char *cls, const char *pattern);

/* One line of a baseline for @cls and @pattern, with its newline. g_free() it. */
char *baseline_line(const char *cls, const char *pattern);
/* The comment that starts a baseline file. */
extern const char baseline_header[];

#endif
