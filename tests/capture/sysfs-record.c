// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysfs-record: write a manifest of a sysfs tree, for tests/capture/manifest-to-tar.py to
 * turn into a tarball on the host. It runs in the guest that build-aux/capture-kernel.sh
 * boots, so it is a static program linked with nothing but libc.
 *
 *   sysfs-record [--attach NAME=FILE]... SYSFS OUT
 *
 * Every node below SYSFS is recorded, no link followed and no other file system entered:
 * its type, mode, path and, for a link, the link's text. File contents are not read,
 * because reading a sysfs attribute can block, take long or act on a device. The few
 * exceptions are read whole (wanted() lists them): the BTF of /sys/kernel/btf, each
 * module's initstate, and the machine's DMI names. OUT is written from its start, and
 * may be a block device: the guest writes to a raw disk the host reads back. Each
 * --attach FILE goes first into the manifest under NAME, for what the guest knows beside
 * /sys (its uname, its module list).
 *
 * The manifest is "sysfs-record 1\n", then a record a node:
 *   "TYPE MODE PATH-LEN TARGET-LEN DATA-LEN\n" PATH TARGET DATA
 * with TYPE d (directory), f (regular file), l (link), o (anything else) or x (an
 * attached file), MODE in octal, PATH relative to SYSFS; then "end NODES\n".
 * Exit status: 0, or 2 on an error, which is said on stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CONTENT (256u << 20)

struct counts {
	unsigned long dirs, files, links, other, read, unread;
	unsigned long long bytes;
};

static FILE *out;
static struct counts counts;
static dev_t root_dev;

/* The only files whose content is read: safe to read, and needed or telling. */
static bool wanted(const char *path)
{
	static const char *const globs[] = {
		"kernel/btf/*",
		"module/*/initstate",
		"devices/virtual/dmi/id/sys_vendor",
		"devices/virtual/dmi/id/product_name",
		"devices/virtual/dmi/id/product_version",
		"devices/virtual/dmi/id/bios_vendor",
		"devices/virtual/dmi/id/bios_version",
	};

	for (size_t i = 0; i < sizeof(globs) / sizeof(globs[0]); i++)
		if (fnmatch(globs[i], path, FNM_PATHNAME) == 0)
			return true;
	return false;
}

static void emit(char type, mode_t mode, const char *path, const char *target,
		 const char *data, size_t len)
{
	size_t tlen = target ? strlen(target) : 0;

	fprintf(out, "%c %o %zu %zu %zu\n", type, (unsigned)(mode & 07777), strlen(path),
		tlen, len);
	fputs(path, out);
	if (tlen)
		fwrite(target, 1, tlen, out);
	if (len)
		fwrite(data, 1, len, out);
}

/* The whole of file @fd into a malloc'd buffer; NULL and errno set on an error. */
static char *slurp(int fd, size_t *len)
{
	size_t cap = 4096;
	char *buf = malloc(cap), *p;
	ssize_t n;

	*len = 0;
	while (buf) {
		if (*len == cap) {
			if (cap >= MAX_CONTENT) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			p = realloc(buf, cap);
			if (!p)
				break;
			buf = p;
		}
		n = read(fd, buf + *len, cap - *len);
		if (n == 0)
			return buf;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		*len += n;
	}
	n = errno;
	free(buf);
	errno = n;
	return NULL;
}

static void record_file(int dir, const char *name, const char *path,
			const struct stat *st)
{
	char *data = NULL;
	size_t len = 0;
	int fd;

	counts.files++;
	if (!wanted(path)) {
		emit('f', st->st_mode, path, NULL, NULL, 0);
		return;
	}
	fd = openat(dir, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		data = slurp(fd, &len);
		close(fd);
	}
	if (!data) {
		fprintf(stderr, "sysfs-record: cannot read '%s': %s\n", path,
			strerror(errno));
		counts.unread++;
		len = 0;
	} else {
		counts.read++;
		counts.bytes += len;
	}
	emit('f', st->st_mode, path, NULL, data, len);
	free(data);
}

static void record_link(int dir, const char *name, const char *path,
			const struct stat *st)
{
	char target[PATH_MAX + 1];
	ssize_t n = readlinkat(dir, name, target, PATH_MAX);

	counts.links++;
	if (n < 0) {
		fprintf(stderr, "sysfs-record: cannot read link '%s': %s\n", path,
			strerror(errno));
		n = 0;
	}
	target[n] = '\0';
	emit('l', st->st_mode, path, target, NULL, 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names in directory @fd, sorted: a manifest that does not depend on the order of
 * readdir. Closes @fd; NULL on an error.
 */
static char **list_dir(int fd, size_t *n)
{
	DIR *d = fdopendir(fd);
	char **names = NULL, **p;
	struct dirent *e;

	*n = 0;
	if (!d) {
		close(fd);
		return NULL;
	}
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = realloc(names, (*n + 1) * sizeof(*names));
		if (!p || !(p[*n] = strdup(e->d_name))) {
			perror("sysfs-record");
			exit(2);
		}
		names = p;
		(*n)++;
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), cmp_names);
	return names ? names : calloc(1, sizeof(*names));
}

static void walk(int fd, char *path, size_t plen);

/* Into directory @name of @dir, whose path is @path. */
static void descend(int dir, const char *name, char *path)
{
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "sysfs-record: cannot open '%s': %s\n", path,
			strerror(errno));
	else
		walk(fd, path, strlen(path));
}

/* Every node below directory @fd, whose path is @path ("" for the root). Closes @fd. */
static void walk(int fd, char *path, size_t plen)
{
	int dup_fd = dup(fd);
	size_t n;
	char **names = list_dir(fd, &n);

	if (!names || dup_fd < 0) {
		fprintf(stderr, "sysfs-record: cannot list '%s': %s\n", path,
			strerror(errno));
		if (dup_fd >= 0)
			close(dup_fd);
		free(names);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		struct stat st;

		if (plen + len + 2 > PATH_MAX) {
			fprintf(stderr, "sysfs-record: path too long below '%s'\n", path);
			exit(2);
		}
		snprintf(path + plen, PATH_MAX - plen, "%s%s", plen ? "/" : "", names[i]);
		if (fstatat(dup_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			/* vanished since the listing: a device gone, nothing to record */
			fprintf(stderr, "sysfs-record: cannot stat '%s': %s\n", path,
				strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			counts.dirs++;
			emit('d', st.st_mode, path, NULL, NULL, 0);
			/* another file system mounted here is not sysfs */
			if (st.st_dev == root_dev)
				descend(dup_fd, names[i], path);
		} else if (S_ISREG(st.st_mode)) {
			record_file(dup_fd, names[i], path, &st);
		} else if (S_ISLNK(st.st_mode)) {
			record_link(dup_fd, names[i], path, &st);
		} else {
			counts.other++;
			emit('o', st.st_mode, path, NULL, NULL, 0);
		}
		path[plen] = '\0';
		free(names[i]);
	}
	free(names);
	close(dup_fd);
}

/* --attach NAME=FILE: FILE's content as an 'x' record named NAME. */
static int attach(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[256], *data;
	size_t len;
	int fd;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		fprintf(stderr, "sysfs-record: --attach takes NAME=FILE, not '%s'\n",
			arg);
		return -EINVAL;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	fd = open(eq + 1, O_RDONLY | O_CLOEXEC);
	data = fd >= 0 ? slurp(fd, &len) : NULL;
	if (!data) {
		fprintf(stderr, "sysfs-record: cannot read '%s': %s\n", eq + 1,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -EIO;
	}
	close(fd);
	emit('x', 0644, name, NULL, data, len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	static char path[PATH_MAX];
	static char buf[1 << 20];
	const char *root, *file;
	struct stat st;
	int i, fd;

	for (i = 1; i + 1 < argc && strcmp(argv[i], "--attach") == 0; i += 2)
		;
	if (argc - i != 2) {
		fputs("usage: sysfs-record [--attach NAME=FILE]... SYSFS OUT\n", stderr);
		return 2;
	}
	root = argv[i];
	file = argv[i + 1];
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "sysfs-record: cannot open '%s': %s\n", root,
			strerror(errno));
		return 2;
	}
	root_dev = st.st_dev;
	out = fopen(file, "r+");
	if (!out)
		out = fopen(file, "w");
	if (!out) {
		fprintf(stderr, "sysfs-record: cannot open '%s': %s\n", file,
			strerror(errno));
		return 2;
	}
	setvbuf(out, buf, _IOFBF, sizeof(buf));
	fputs("sysfs-record 1\n", out);
	for (int a = 1; a < i; a += 2)
		if (attach(argv[a + 1]) < 0)
			return 2;
	walk(fd, path, 0);
	fprintf(out, "end %lu\n",
		counts.dirs + counts.files + counts.links + counts.other);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0) {
		fprintf(stderr, "sysfs-record: cannot write '%s': %s\n", file,
			strerror(errno));
		return 2;
	}
	fprintf(stderr,
		"sysfs-record: %lu directories, %lu files, %lu links, %lu other; "
		"%lu files read (%llu bytes), %lu unreadable\n",
		counts.dirs, counts.files, counts.links, counts.other, counts.read,
		counts.bytes, counts.unread);
	return 0;
}
