/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sysfs being judged: the live /sys, a recorded copy, or an archive of one
 * (sysfs-archive.h), opened once. Every read of it goes below this handle
 * (common/beneath.h): a path never leaves the root, whatever links or ".." a recorded tree
 * holds, and only regular files of bounded size are read. An archive is read whole when
 * it is opened and never unpacked to disk. Paths are written "/sys/..." whatever the
 * root is.
 */
#ifndef SYSABI_SYSFS_ROOT_H
#define SYSABI_SYSFS_ROOT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

struct sysfs_archive;

struct sysfs_root {
	int fd; /* the root directory, open for the handle's life; -1 for an archive */
	char *path;                    /* as given, for messages */
	bool live;                     /* the running kernel's /sys, not a recording */
	struct sysfs_archive *archive; /* the archive read, when @path is a file */
};

/* The most read of one module's initstate ("live\n", "coming\n", "going\n"). */
#define SYSFS_MAX_STATE 64
/* The most read of one BTF file: vmlinux's is about 6 MiB today. */
#define SYSFS_MAX_BTF_MIB 256
#define SYSFS_MAX_BTF ((size_t)SYSFS_MAX_BTF_MIB << 20)

/*
 * Open @path (NULL: "/sys") as a sysfs root: a directory, or an archive file, read whole
 * now. Returns 0 with *@out set (free with sysfs_root_free()), or a negative errno when
 * it is neither, with *@why set (malloc'd) when an archive says more: the member at
 * fault. -EINVAL: a file that is no archive.
 */
int sysfs_root_open(const char *path, struct sysfs_root **out, char **why);
/*
 * The same, with SYSFS_ARCHIVE_NO_CONTENTS in @flags for a reader of the tree alone
 * (no BTF check): an archive's contents are not read, nor a snapshot past its table.
 */
int sysfs_root_open_with(const char *path, unsigned int flags, struct sysfs_root **out,
			 char **why);
void sysfs_root_free(struct sysfs_root *root);

/* "class/net" for "/sys/class/net" (or "class/net"); "" for the root. Borrows @path. */
const char *sysfs_root_rel(const char *path);

/*
 * Whether @root looks like a sysfs: it holds devices/, bus/, class/, module/ or
 * kernel/btf/ (a recording of the BTF alone). A directory that does not (a machine's
 * recorded root, whose sysfs is its sys/; a kernel source tree) would be judged node by
 * node as if it were one.
 */
bool sysfs_root_is_sysfs(const struct sysfs_root *root);

/*
 * 0 when @path ("/sys/...") is a directory below @root, following links only while they
 * stay below it; else -ENOENT, -ENOTDIR, -EXDEV (a link leaves the root) or another
 * negative errno.
 */
int sysfs_root_dir_state(const struct sysfs_root *root, const char *path);

/*
 * The names in the directory @path below @root, sorted (g_free'd by the array), only
 * its directories with @dirs_only (links are not followed). An unreadable directory has
 * none.
 */
GPtrArray *sysfs_root_list(const struct sysfs_root *root, const char *path,
			   bool dirs_only);

/*
 * Read the regular file at @path below @root, at most @max bytes, into *@buf (malloc'd,
 * NUL-terminated, *@len bytes before the NUL). Returns 0 or a negative errno as
 * file_read_fd() does; file_strerror() says it in words. From an archive, -ENODATA for a
 * file whose contents it did not keep (sysfs_archive_wants_data()): one reached through
 * a link by another name.
 */
int sysfs_root_read(const struct sysfs_root *root, const char *path, size_t max,
		    char **buf, size_t *len);
/* The same, with the file's permission bits in *@mode. Never opens anything but a
 * regular file (file_open_regular_beneath()). */
int sysfs_root_read_mode(const struct sysfs_root *root, const char *path, size_t max,
			 char **buf, size_t *len, unsigned int *mode);

/* A file's contents as sysfs_root_map() has them: mapped, borrowed or read. */
struct sysfs_blob {
	const char *data; /* len bytes */
	size_t len;
	unsigned int mode; /* the permission bits */
	void *map;         /* a mapping to unmap, or NULL */
	char *buf;         /* a copy to free, or NULL */
};

/*
 * sysfs_root_read_mode() without a copy where one is not needed: with @map_live, a file
 * of the live /sys is mapped read-only where the kernel allows it (its vmlinux BTF
 * since 6.16, saving a read call per 4 KiB of megabytes; only ask it of files whose
 * mapping has no side effect, never a device's resource); an archive's kept contents
 * are borrowed from it (alive as long as @root); anything else is read. A recorded
 * tree's files are never mapped: one truncated meanwhile would fault the process.
 * Release with sysfs_blob_release().
 */
int sysfs_root_map(const struct sysfs_root *root, const char *path, size_t max,
		   bool map_live, struct sysfs_blob *out);
void sysfs_blob_release(struct sysfs_blob *blob);

#endif
