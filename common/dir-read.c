// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A directory's entries straight from getdents64(2): see dir-read.h.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "dir-read.h"

void dir_read_init(struct dir_read *d, int fd)
{
	d->fd = fd;
	d->pos = 0;
	d->len = 0;
}

int dir_read_next(struct dir_read *d, const char **name, unsigned char *type)
{
	for (;;) {
		struct dirent64 *de;

		if (d->pos >= d->len) {
			ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -errno;
			if (n == 0)
				return 0;
			d->pos = 0;
			d->len = (size_t)n;
		}
		de = (struct dirent64 *)(void *)(d->buf + d->pos);
		/* the kernel's records; a short or overlong one ends the listing */
		if (de->d_reclen < offsetof(struct dirent64, d_name) + 1 ||
		    de->d_reclen > d->len - d->pos ||
		    !memchr(de->d_name, '\0',
			    de->d_reclen - offsetof(struct dirent64, d_name)))
			return -EIO;
		d->pos += de->d_reclen;
		if (de->d_name[0] == '.' &&
		    (de->d_name[1] == '\0' ||
		     (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		*name = de->d_name;
		*type = de->d_type;
		return 1;
	}
}
