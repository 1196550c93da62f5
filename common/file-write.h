/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writing a whole buffer to a descriptor.
 */
#ifndef SYSABI_FILE_WRITE_H
#define SYSABI_FILE_WRITE_H

#include <stddef.h>

/*
 * Write @len bytes of @buf to @fd, again after a short write or EINTR. Returns 0, or a
 * negative errno: write(2)'s (-EPIPE for a pipe with no reader, when SIGPIPE is
 * ignored), or -EIO when it wrote nothing and said no error.
 */
int file_write_all(int fd, const void *buf, size_t len);

#endif
