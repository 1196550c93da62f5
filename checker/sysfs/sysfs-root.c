// SPDX-License-Identifier: GPL-2.0-or-later
/* The sysfs root handle. See sysfs-root.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/beneath.h"
#include "common/file-read.h"
#include "sysfs-root.h"

int sysfs_root_open(const char *path, struct sysfs_root **out)
{
	struct sysfs_root *root;
	struct stat st, sys;
	int err;

	*out = NULL;
	if (!path)
		path = "/sys";
	root = calloc(1, sizeof(*root));
	if (!root)
		return -ENOMEM;
	root->path = strdup(path);
	root->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root->fd < 0 || !root->path) {
		err = root->path ? -errno : -ENOMEM;
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
	free(root->path);
	free(root);
}

const char *sysfs_root_rel(const char *path)
{
	if (strncmp(path, "/sys", 4) == 0 && (path[4] == '/' || path[4] == '\0'))
		path += 4;
	return path + strspn(path, "/");
}

int sysfs_root_open_at(const struct sysfs_root *root, const char *path, int flags,
		       int how)
{
	return beneath_open(root->fd, sysfs_root_rel(path), flags, how);
}

int sysfs_root_open_file(const struct sysfs_root *root, const char *path)
{
	return file_open_regular_beneath(root->fd, sysfs_root_rel(path), 0);
}

int sysfs_root_read(const struct sysfs_root *root, const char *path, size_t max,
		    char **buf, size_t *len)
{
	return file_read_beneath(root->fd, sysfs_root_rel(path), 0, max, buf, len);
}
