/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a whole file of bounded size. Only regular files are read: a FIFO would block,
 * /dev/zero never ends, a directory has no text. The open never blocks (O_NONBLOCK) and
 * never makes the file the controlling terminal.
 */
#ifndef SYSABI_FILE_READ_H
#define SYSABI_FILE_READ_H

#include <stddef.h>

/*
 * Read the regular file open on @fd to its end, at most @max bytes. On success *@buf is
 * a malloc'd copy (the caller frees it) with a NUL after its *@len bytes. Returns 0, or a
 * negative errno: -EFTYPE_NOT_REGULAR when @fd is not a regular file, -EFBIG when it
 * holds more than @max bytes (even if it grew while being read), -ENOMEM, or read(2)'s.
 * @fd is not closed.
 */
int file_read_fd(int fd, size_t max, char **buf, size_t *len);

/*
 * Open @path (links followed: the user named it) for reading, only if it is a regular
 * file: its type is known before anything opens it, as opening a device runs its
 * driver. O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC. Returns a descriptor the caller
 * closes, or a negative errno (-EFTYPE_NOT_REGULAR).
 */
int file_open_regular(const char *path);
/* The same for @rel below the directory @dirfd, through beneath_open() with @how. */
int file_open_regular_beneath(int dirfd, const char *rel, int how);

/* The same for @path, opened as the user named it (links followed). */
int file_read(const char *path, size_t max, char **buf, size_t *len);

/* The same for @rel below the directory @dirfd, through beneath_open() with @how. */
int file_read_beneath(int dirfd, const char *rel, int how, size_t max, char **buf,
		      size_t *len);

/* Not a regular file: Linux has no errno for it, so one that no file call returns. */
#define EFTYPE_NOT_REGULAR EMEDIUMTYPE

/* strerror() that also names the errors above and beneath_open()'s in plain words. */
const char *file_strerror(int err);

#endif
