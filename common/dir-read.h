/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A directory's entries straight from getdents64(2), for walks that list thousands of
 * directories: opendir() of an open descriptor (fdopendir(3)) costs an fstat() and two
 * fcntl() calls per directory before the first entry, which here are 37% of a sysfs
 * walk's system calls, and this needs none of them.
 */
#ifndef SYSABI_DIR_READ_H
#define SYSABI_DIR_READ_H

#include <stddef.h>

/* Room for the entries of one getdents64() call; one buffer serves a whole walk. */
#define DIR_READ_BUF 32768

struct dir_read {
	int fd; /* the directory, borrowed */
	size_t pos, len;
	char buf[DIR_READ_BUF] __attribute__((aligned(8)));
};

/* Start reading the directory open on @fd (not taken over). */
void dir_read_init(struct dir_read *d, int fd);
/*
 * The next entry but "." and "..": its name (valid until the next call) and d_type
 * (DT_UNKNOWN where the file system does not say). Returns 1, 0 at the end, or a
 * negative errno: the directory went away while it was listed, or is no directory.
 */
int dir_read_next(struct dir_read *d, const char **name, unsigned char *type);

#endif
