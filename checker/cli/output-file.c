// SPDX-License-Identifier: GPL-2.0-or-later
/* Writing a report to a file: atomically for a regular one. See output-file.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <glib.h>

#include "common/file-write.h"
#include "output-file.h"

/* Bytes of the file's name kept in its temporary file's ".NAME.XXXXXX": under NAME_MAX. */
#define TMP_NAME_KEEP 200

/*
 * Whether the link @path itself, not what it points to, is in procfs: a "magic" link
 * to an open file (/proc/self/fd/1, where /dev/stdout leads), whose text may be
 * "pipe:[1234]" or a deleted file's name, never a name to rename over.
 */
static bool on_procfs(const char *path)
{
	struct statfs sfs;
	int fd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	bool proc;

	if (fd < 0)
		return false;
	proc = fstatfs(fd, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC;
	close(fd);
	return proc;
}

/* The text of the link @path into *@out, g_free() it. */
static int read_link(const char *path, char **out)
{
	for (size_t size = 256;; size *= 2) {
		char *buf = g_malloc(size);
		ssize_t n = readlink(path, buf, size);

		if (n < 0) {
			int r = -errno;

			g_free(buf);
			return r;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			*out = buf;
			return 0;
		}
		g_free(buf);
		if (size >= PATH_MAX)
			return -ENAMETOOLONG;
	}
}

/*
 * Follow the links at the end of @path, as open(2) would: *@out is the name of the file
 * they end at, which may not exist yet (a dangling link names the file to create), or
 * the first link in procfs, with *@magic set. g_free() it.
 */
static int follow_links(const char *path, char **out, bool *magic)
{
	char *cur = g_strdup(path);
	int r = 0;

	*out = NULL;
	*magic = false;
	for (int hops = 0;; hops++) {
		struct stat st;
		char *target = NULL, *dir;

		if (lstat(cur, &st) < 0) {
			if (errno != ENOENT)
				r = -errno;
			break;
		}
		if (!S_ISLNK(st.st_mode))
			break;
		if (on_procfs(cur)) {
			*magic = true;
			break;
		}
		if (hops == OUTPUT_MAX_LINKS) {
			r = -ELOOP;
			break;
		}
		r = read_link(cur, &target);
		if (r < 0)
			break;
		dir = g_path_get_dirname(cur);
		g_free(cur);
		cur = g_path_is_absolute(target) ? g_strdup(target) :
						   g_build_filename(dir, target, NULL);
		g_free(dir);
		g_free(target);
	}
	if (r < 0) {
		g_free(cur);
		return r;
	}
	*out = cur;
	return 0;
}

/* The temporary file @fd takes over @old's owner and mode. */
static int copy_owner_mode(int fd, const struct stat *old)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if ((st.st_uid != old->st_uid || st.st_gid != old->st_gid) &&
	    fchown(fd, old->st_uid, old->st_gid) < 0) {
		/*
		 * Not root, replacing another user's file in a directory we may write: the
		 * report becomes ours, as an editor's save makes it, with the old mode but
		 * never its set-ID bits.
		 */
		if (errno != EPERM)
			return -errno;
		return fchmod(fd, old->st_mode & 0777) < 0 ? -errno : 0;
	}
	/* after fchown(), which drops the set-user-ID and set-group-ID bits */
	return fchmod(fd, old->st_mode & 07777) < 0 ? -errno : 0;
}

/* Replace the regular file @path (@old its stat, or NULL for a new file) atomically. */
static int replace(const char *path, const struct stat *old, output_fill_fn fill,
		   void *data)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	/* in the file's own directory: rename(2) is atomic only within one file system */
	char *tmp = g_strdup_printf("%s/.%.*s.XXXXXX", dir, TMP_NAME_KEEP, base);
	int fd, r;

	g_free(dir);
	g_free(base);
	/* a new file gets 0666 less the umask, as creat(2) gives; over an old one, nobody
	   but its owner may read the temporary file before it has the old mode */
	fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, old ? 0600 : 0666);
	if (fd < 0) {
		r = -errno;
		g_free(tmp);
		return r;
	}
	r = old ? copy_owner_mode(fd, old) : 0;
	if (r == 0)
		r = fill(fd, data);
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	g_free(tmp);
	return r;
}

/* A device, a FIFO, a terminal: nothing to replace, only something to write to. */
static int write_in_place(const char *path, int flags, output_fill_fn fill, void *data)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | flags);
	int r;

	if (fd < 0)
		return -errno;
	r = fill(fd, data);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	return r;
}

/* A link in procfs, to a file a process has open: /dev/stdout, /dev/fd/N. */
static int write_open_file(const char *path, output_fill_fn fill, void *data)
{
	struct stat st, out;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	/* our own standard output: its descriptor, at the offset the shell left (>>), and
	   the only way to a socket, which cannot be opened again through /proc */
	if (fstat(STDOUT_FILENO, &out) == 0 && st.st_dev == out.st_dev &&
	    st.st_ino == out.st_ino)
		return fill(STDOUT_FILENO, data);
	return write_in_place(path, O_APPEND, fill, data);
}

int output_file_write_with(const char *path, output_fill_fn fill, void *data)
{
	struct stat st;
	bool magic;
	char *file;
	int r;

	r = follow_links(path, &file, &magic);
	if (r < 0)
		return r;
	if (magic)
		r = write_open_file(file, fill, data);
	else if (lstat(file, &st) < 0)
		r = errno == ENOENT ? replace(file, NULL, fill, data) : -errno;
	else if (S_ISREG(st.st_mode))
		r = replace(file, &st, fill, data);
	else if (S_ISDIR(st.st_mode))
		r = -EISDIR;
	else
		r = write_in_place(file, 0, fill, data);
	g_free(file);
	return r;
}

struct buffer {
	const char *buf;
	size_t len;
};

static int fill_buffer(int fd, void *data)
{
	const struct buffer *b = data;

	return file_write_all(fd, b->buf, b->len);
}

int output_file_write(const char *path, const char *buf, size_t len)
{
	struct buffer b = { buf, len };

	return output_file_write_with(path, fill_buffer, &b);
}
