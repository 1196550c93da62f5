// SPDX-License-Identifier: LGPL-2.1-or-later
/* Reading a whole regular file of bounded size. See file-read.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beneath.h"
#include "file-read.h"

#define OPEN_FLAGS (O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)

int file_read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t size = 0, alloc;
	struct stat st;
	char *data;

	*buf = NULL;
	*len = 0;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EFTYPE_NOT_REGULAR;
	/* the size is a hint: sysfs says 4096 for any text attribute, and files grow */
	alloc = st.st_size > 0 && (unsigned long long)st.st_size <= max ?
			(size_t)st.st_size + 1 :
			(max < 4096 ? max + 1 : 4096);
	if ((unsigned long long)st.st_size > max)
		return -EFBIG;
	data = malloc(alloc);
	if (!data)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (size + 1 == alloc) {
			/* room for one byte past @max, to tell "too big" from "exactly max" */
			size_t grow = alloc - 1 > max / 2 ? max + 2 : alloc * 2;
			char *q;

			if (size > max) {
				free(data);
				return -EFBIG;
			}
			q = realloc(data, grow);
			if (!q) {
				free(data);
				return -ENOMEM;
			}
			data = q;
			alloc = grow;
		}
		n = read(fd, data + size, alloc - 1 - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			free(data);
			return err;
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	if (size > max) {
		free(data);
		return -EFBIG;
	}
	data[size] = '\0';
	*buf = data;
	*len = size;
	return 0;
}

static int read_and_close(int fd, size_t max, char **buf, size_t *len)
{
	int r;

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return fd;
	r = file_read_fd(fd, max, buf, len);
	close(fd);
	return r;
}

int file_read(const char *path, size_t max, char **buf, size_t *len)
{
	int fd = open(path, OPEN_FLAGS);

	return read_and_close(fd < 0 ? -errno : fd, max, buf, len);
}

int file_read_beneath(int dirfd, const char *rel, int how, size_t max, char **buf,
		      size_t *len)
{
	return read_and_close(beneath_open(dirfd, rel, OPEN_FLAGS, how), max, buf, len);
}

const char *file_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case EFTYPE_NOT_REGULAR:
		return "not a regular file";
	case EFBIG:
		return "file too large";
	case EXDEV:
		return "leaves its root (through '..', an absolute path or a symbolic link)";
	case ELOOP:
		return "symbolic link not followed";
	default:
		return strerror(err < 0 ? -err : err);
	}
}
