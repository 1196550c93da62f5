/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Writing a report to the file -o names. A reader of a regular file sees the old report
 * or the new one, never half of one, so a regular file is replaced atomically (a
 * temporary file beside it, then rename(2)) and keeps its mode and owner. Anything
 * else the user named is written in place, as a shell's redirection would: a device
 * such as /dev/null, a FIFO (the open waits for a reader), a terminal. Nothing is ever
 * renamed over a file that is not regular, and a symbolic link stays a link: the file
 * at the end of its chain is the one replaced.
 */
#ifndef SYSABI_OUTPUT_FILE_H
#define SYSABI_OUTPUT_FILE_H

#include <stddef.h>

/* Links followed from the name given to -o to the file written, as the kernel's
 * MAXSYMLINKS. */
#define OUTPUT_MAX_LINKS 40

/*
 * Write @len bytes of @buf to @path:
 * - a regular file, or a name that does not exist yet: to a temporary file in the same
 *   directory, then renamed over it. An old file's mode and owner are the new one's;
 *   a new file's mode is 0666 less the umask, as creat(2) gives. On any error the
 *   temporary file is removed and the old file is left as it was;
 * - a symbolic link: the file its chain of links ends at, in the same way; a link into
 *   /proc (/dev/stdout, /dev/fd/N) names an open file of a process: this process's
 *   standard output is written to, anything else is opened and appended to, as writing
 *   to the descriptor would;
 * - a directory: -EISDIR;
 * - anything else: opened and written in place.
 * Returns 0 or a negative errno.
 */
int output_file_write(const char *path, const char *buf, size_t len);

/*
 * The same, the bytes written by @fill to the descriptor it is given (the temporary
 * file, the device, standard output), for what is too large to hold in memory whole.
 * @fill returns 0 or a negative errno; on an error the temporary file is removed.
 */
typedef int (*output_fill_fn)(int fd, void *data);
int output_file_write_with(const char *path, output_fill_fn fill, void *data);

#endif
