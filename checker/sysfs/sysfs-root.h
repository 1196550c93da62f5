/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sysfs being judged: the live /sys or a recorded copy, opened once. Every read of
 * it goes below this handle (common/beneath.h): a path never leaves the root, whatever
 * links or ".." a recorded tree holds, and only regular files of bounded size are read.
 * Paths are written "/sys/..." whatever the root is.
 */
#ifndef SYSABI_SYSFS_ROOT_H
#define SYSABI_SYSFS_ROOT_H

#include <stdbool.h>
#include <stddef.h>

struct sysfs_root {
	int fd;     /* the root directory, open for the handle's life */
	char *path; /* as given, for messages */
	bool live;  /* the running kernel's /sys, not a recording */
};

/* The most read of one module's initstate ("live\n", "coming\n", "going\n"). */
#define SYSFS_MAX_STATE 64
/* The most read of one BTF file: vmlinux's is about 6 MiB today. */
#define SYSFS_MAX_BTF_MIB 256
#define SYSFS_MAX_BTF ((size_t)SYSFS_MAX_BTF_MIB << 20)

/*
 * Open @path (NULL: "/sys") as a sysfs root. Returns 0 with *@out set (free with
 * sysfs_root_free()), or a negative errno when it is no directory we can open.
 */
int sysfs_root_open(const char *path, struct sysfs_root **out);
void sysfs_root_free(struct sysfs_root *root);

/* "class/net" for "/sys/class/net" (or "class/net"); "" for the root. Borrows @path. */
const char *sysfs_root_rel(const char *path);

/*
 * Open the node at @path ("/sys/...") below @root with open(2) @flags, following links
 * only while they stay below the root (or none, with @how BENEATH_NO_SYMLINKS).
 * Returns a descriptor or a negative errno; -EXDEV: the path leaves the root.
 */
int sysfs_root_open_at(const struct sysfs_root *root, const char *path, int flags,
		       int how);

/*
 * Open the regular file at @path below @root for reading, never opening anything else
 * (file_open_regular_beneath()). Returns a descriptor or a negative errno.
 */
int sysfs_root_open_file(const struct sysfs_root *root, const char *path);

/*
 * Read the regular file at @path below @root, at most @max bytes, into *@buf (malloc'd,
 * NUL-terminated, *@len bytes before the NUL). Returns 0 or a negative errno as
 * file_read_fd() does; file_strerror() says it in words.
 */
int sysfs_root_read(const struct sysfs_root *root, const char *path, size_t max,
		    char **buf, size_t *len);

#endif
