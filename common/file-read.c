// SPDX-License-Identifier: LGPL-2.1-or-later
/* Reading a whole regular file of bounded size. See file-read.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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
	/*
	 * The size is only a hint: sysfs says 4096 for any text attribute (a 5-byte
	 * initstate), /proc says 0, and files grow. The reading below stops one byte past
	 * @max whatever it says.
	 */
	alloc = st.st_size > 0 && (unsigned long long)st.st_size <= max ?
			(size_t)st.st_size + 1 :
			(max < 4096 ? max + 1 : 4096);
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

/*
 * Open @pathfd's file (an O_PATH descriptor, which this closes) for reading, if it is a
 * regular file. Opening a device runs its driver (a watchdog starts, a tape rewinds), so
 * the type is known first, and the file reopened through /proc/self/fd.
 */
static int reopen_regular(int pathfd)
{
	char proc[64];
	struct stat st;
	int fd, err;

	if (pathfd < 0)
		return pathfd;
	err = fstat(pathfd, &st) < 0 ? -errno :
	      S_ISREG(st.st_mode)    ? 0 :
				       -EFTYPE_NOT_REGULAR;
	if (err < 0) {
		close(pathfd);
		return err;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pathfd);
	fd = open(proc, OPEN_FLAGS);
	err = fd < 0 ? -errno : 0;
	close(pathfd);
	return fd < 0 ? err : fd;
}

int file_open_regular(const char *path)
{
	int pathfd = open(path, O_PATH | O_CLOEXEC), fd;

	fd = reopen_regular(pathfd < 0 ? -errno : pathfd);
	/* no /proc: the plain open, then the type (file_read_fd() checks it again) */
	if (fd == -ENOENT && pathfd >= 0 && access("/proc/self/fd", F_OK) < 0) {
		fd = open(path, OPEN_FLAGS);
		fd = fd < 0 ? -errno : fd;
	}
	return fd;
}

int file_open_regular_beneath(int dirfd, const char *rel, int how)
{
	int pathfd = beneath_open(dirfd, rel, O_PATH, how), fd;

	fd = reopen_regular(pathfd);
	if (fd == -ENOENT && pathfd >= 0 && access("/proc/self/fd", F_OK) < 0)
		fd = beneath_open(dirfd, rel, OPEN_FLAGS, how);
	return fd;
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
	return read_and_close(file_open_regular(path), max, buf, len);
}

int file_read_beneath(int dirfd, const char *rel, int how, size_t max, char **buf,
		      size_t *len)
{
	return read_and_close(file_open_regular_beneath(dirfd, rel, how), max, buf, len);
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
