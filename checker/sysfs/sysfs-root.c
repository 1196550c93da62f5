// SPDX-License-Identifier: GPL-2.0-or-later
/* The sysfs root handle: a directory, or an archive read into memory. See sysfs-root.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/beneath.h"
#include "common/file-read.h"
#include "sysfs-archive.h"
#include "sysfs-root.h"

int sysfs_root_open(const char *path, struct sysfs_root **out, char **why)
{
	return sysfs_root_open_with(path, 0, out, why);
}

int sysfs_root_open_with(const char *path, unsigned int flags, struct sysfs_root **out,
			 char **why)
{
	struct sysfs_root *root;
	struct stat st, sys;
	int err;

	*out = NULL;
	*why = NULL;
	if (!path)
		path = "/sys";
	root = calloc(1, sizeof(*root));
	if (!root)
		return -ENOMEM;
	root->fd = -1;
	root->path = strdup(path);
	if (!root->path) {
		sysfs_root_free(root);
		return -ENOMEM;
	}
	/* a file named is an archive: never a device or FIFO, which the read would wait on */
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		if (!S_ISREG(st.st_mode)) {
			sysfs_root_free(root);
			*why = strdup("neither a file nor a directory (a FIFO, a device "
				      "or a socket is never read)");
			return *why ? -EINVAL : -ENOMEM;
		}
		err = sysfs_archive_read(path, flags, &root->archive, why);
		if (err) {
			sysfs_root_free(root);
			return err;
		}
		*out = root;
		return 0;
	}
	root->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root->fd < 0) {
		err = -errno;
		sysfs_root_free(root);
		return err;
	}
	/* live: /sys itself, however it was named ("/sys/", "/proc/1/root/sys") */
	root->live = fstat(root->fd, &st) == 0 && stat("/sys", &sys) == 0 &&
		     st.st_dev == sys.st_dev && st.st_ino == sys.st_ino;
	*out = root;
	return 0;
}

void sysfs_root_free(struct sysfs_root *root)
{
	if (!root)
		return;
	if (root->fd >= 0)
		close(root->fd);
	sysfs_archive_free(root->archive);
	free(root->path);
	free(root);
}

const char *sysfs_root_rel(const char *path)
{
	if (strncmp(path, "/sys", 4) == 0 && (path[4] == '/' || path[4] == '\0'))
		path += 4;
	return path + strspn(path, "/");
}

/* The most links one lookup follows: the kernel's MAXSYMLINKS, as for a directory. */
#define ARCHIVE_MAX_LINKS 40

/*
 * The archive's member at @rel (relative to the sysfs) into *@out, links on the way and
 * at the end followed inside the archive, as the kernel would: a relative target from
 * the link's directory, an absolute one from the sysfs when it is below /sys. @at is
 * left holding the member's path without links. -ENOENT when there is none, -EXDEV when
 * a link or ".." leaves the sysfs, -ELOOP past ARCHIVE_MAX_LINKS in all (@links counts
 * them), -ENOTDIR when a component is no directory.
 */
static int archive_walk(const struct sysfs_archive *ar, const char *rel, int *links,
			GString *at, const struct amember **out)
{
	const struct amember *m = ar->root;
	int err;

	g_string_truncate(at, 0);
	for (rel += strspn(rel, "/"); *rel; rel += strspn(rel, "/")) {
		size_t len = strcspn(rel, "/");
		char name[NAME_MAX + 1];

		if (len == 2 && rel[0] == '.' && rel[1] == '.') {
			char *slash = strrchr(at->str, '/');

			if (!at->len)
				return -EXDEV; /* above the sysfs */
			g_string_truncate(at, slash ? (gsize)(slash - at->str) : 0);
			m = sysfs_archive_lookup(ar, at->str);
		} else if (!(len == 1 && rel[0] == '.')) {
			if (m->type != AMEMBER_DIR)
				return -ENOTDIR;
			if (len > NAME_MAX)
				return -ENAMETOOLONG;
			memcpy(name, rel, len);
			name[len] = '\0';
			m = sysfs_archive_child(m, name);
			if (!m)
				return -ENOENT;
			if (m->type == AMEMBER_LINK) {
				const char *l = m->link;
				char *target;

				if (++*links > ARCHIVE_MAX_LINKS)
					return -ELOOP;
				if (l[0] == '/' && strncmp(l, "/sys/", 5) &&
				    strcmp(l, "/sys"))
					return -EXDEV;
				/* @at is still the link's directory */
				target = l[0] == '/' ?
						 g_strdup(l + 4) :
						 g_strdup_printf("%s/%s", at->str, l);
				err = archive_walk(ar, target, links, at, &m);
				g_free(target);
				if (err)
					return err;
			} else {
				if (at->len)
					g_string_append_c(at, '/');
				g_string_append(at, name);
			}
		}
		rel += len;
	}
	*out = m;
	return 0;
}

static int archive_resolve(const struct sysfs_archive *ar, const char *path,
			   const struct amember **out)
{
	GString *at = g_string_new(NULL);
	int links = 0;
	int err = archive_walk(ar, sysfs_root_rel(path), &links, at, out);

	g_string_free(at, TRUE);
	return err;
}

bool sysfs_root_is_sysfs(const struct sysfs_root *root)
{
	static const char *const names[] = { "/sys/devices", "/sys/bus", "/sys/class",
					     "/sys/module", "/sys/kernel/btf" };

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (sysfs_root_dir_state(root, names[i]) == 0)
			return true;
	return false;
}

int sysfs_root_dir_state(const struct sysfs_root *root, const char *path)
{
	const struct amember *m;
	int fd, err;

	if (root->archive) {
		err = archive_resolve(root->archive, path, &m);
		return err ? err : m->type == AMEMBER_DIR ? 0 : -ENOTDIR;
	}
	fd = beneath_open(root->fd, sysfs_root_rel(path), O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *sysfs_root_list(const struct sysfs_root *root, const char *path,
			   bool dirs_only)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const struct amember *m;
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd;

	if (root->archive) {
		if (archive_resolve(root->archive, path, &m))
			return names;
		for (uint32_t i = 0; m->type == AMEMBER_DIR && i < m->n_kids; i++)
			if (!dirs_only || m->kids[i]->type == AMEMBER_DIR)
				g_ptr_array_add(names, g_strdup(m->kids[i]->name));
		return names; /* sorted already */
	}
	fd = beneath_open(root->fd, sysfs_root_rel(path), O_RDONLY | O_DIRECTORY, 0);
	d = fd >= 0 ? fdopendir(fd) : NULL;
	if (fd >= 0 && !d)
		close(fd);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (dirs_only &&
		    (e->d_type != DT_UNKNOWN ?
			     e->d_type != DT_DIR :
			     fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
				     !S_ISDIR(st.st_mode)))
			continue;
		g_ptr_array_add(names, g_strdup(e->d_name));
	}
	if (d)
		closedir(d);
	g_ptr_array_sort(names, cmp_names);
	return names;
}

/*
 * The archive's regular file at @path with its contents kept, at most @max bytes: 0, or
 * -EISDIR, -EFTYPE_NOT_REGULAR, -ENODATA (a file reached through a link, by a name
 * whose contents are not kept), -EFBIG, or archive_resolve()'s error.
 */
static int archive_file(const struct sysfs_root *root, const char *path, size_t max,
			const struct amember **out)
{
	const struct amember *m;
	int err = archive_resolve(root->archive, path, &m);

	if (err)
		return err;
	if (m->type != AMEMBER_FILE)
		return m->type == AMEMBER_DIR ? -EISDIR : -EFTYPE_NOT_REGULAR;
	if (!m->has_data)
		return -ENODATA;
	if (m->size > max)
		return -EFBIG;
	*out = m;
	return 0;
}

int sysfs_root_read_mode(const struct sysfs_root *root, const char *path, size_t max,
			 char **buf, size_t *len, unsigned int *mode)
{
	const struct amember *m;
	struct stat st;
	int fd, err;

	*buf = NULL;
	*len = 0;
	if (root->archive) {
		err = archive_file(root, path, max, &m);
		if (err)
			return err;
		*buf = malloc(m->size + 1);
		if (!*buf)
			return -ENOMEM;
		memcpy(*buf, m->data, m->size);
		(*buf)[m->size] = '\0';
		*len = m->size;
		if (mode)
			*mode = m->mode;
		return 0;
	}
	fd = file_open_regular_beneath(root->fd, sysfs_root_rel(path), 0);
	if (fd < 0)
		return fd;
	err = fstat(fd, &st) < 0 ? -errno : file_read_fd(fd, max, buf, len);
	if (err == 0 && mode)
		*mode = st.st_mode & 07777;
	close(fd);
	return err;
}

int sysfs_root_map(const struct sysfs_root *root, const char *path, size_t max,
		   bool map_live, struct sysfs_blob *out)
{
	const struct amember *m;
	struct stat st;
	void *map;
	int fd, err;

	*out = (struct sysfs_blob){ 0 };
	if (root->archive) {
		err = archive_file(root, path, max, &m);
		if (err)
			return err;
		*out = (struct sysfs_blob){ .data = m->data ? m->data : "",
					    .len = m->size,
					    .mode = m->mode };
		return 0;
	}
	if (!root->live || !map_live) {
		err = sysfs_root_read_mode(root, path, max, &out->buf, &out->len,
					   &out->mode);
		out->data = out->buf;
		return err;
	}
	fd = file_open_regular_beneath(root->fd, sysfs_root_rel(path), 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	out->mode = st.st_mode & 07777;
	map = st.st_size > 0 && (unsigned long long)st.st_size <= max ?
		      mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) :
		      MAP_FAILED;
	if (map != MAP_FAILED) {
		out->map = map;
		out->data = map;
		out->len = (size_t)st.st_size;
		err = 0;
	} else {
		/* an older kernel, a module's BTF, an attribute: read it */
		err = file_read_fd(fd, max, &out->buf, &out->len);
		out->data = out->buf;
	}
	close(fd);
	return err;
}

void sysfs_blob_release(struct sysfs_blob *blob)
{
	if (blob->map)
		munmap(blob->map, blob->len);
	free(blob->buf);
	*blob = (struct sysfs_blob){ 0 };
}

int sysfs_root_read(const struct sysfs_root *root, const char *path, size_t max,
		    char **buf, size_t *len)
{
	return sysfs_root_read_mode(root, path, max, buf, len, NULL);
}
