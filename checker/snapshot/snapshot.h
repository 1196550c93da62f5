/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A snapshot: a sysfs recorded into one archive, tar compressed with zstd, that every
 * command reads as --sysfs-root (sysfs/sysfs-archive.h) and `tar --zstd -xf` unpacks.
 *
 *   sysabi-snapshot.json   who and what: snapshot-meta.c
 *   sys/...                the sysfs: directories, links with their targets, regular
 *                          files as empty members with their modes; the contents only of
 *                          what sysabi reads (sysfs_archive_wants_data()): /sys/kernel/btf/ *
 *                          and /sys/module/ * /initstate
 *
 * Reading an attribute can block, have side effects or leak a secret: nothing else is
 * ever read, but the DMI names and module versions of the metadata (world-readable,
 * read-only attributes).
 */
#ifndef SYSABI_SNAPSHOT_H
#define SYSABI_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

struct sysfs_root;
struct sysfs_tree;

struct snapshot_options {
	const char *hostname; /* NULL: this host's; "" leaves it out */
	const char *label;    /* --label, or NULL */
	/* --kernel-release: the kernel of a root recorded elsewhere (a capture), in
	   place of the running one's; NULL: the running one's for the live /sys */
	const char *kernel_release;
};

struct snapshot_counts {
	size_t dirs, files, links, skipped; /* skipped: sockets, FIFOs, devices */
	size_t contents;                    /* files whose contents were kept */
	size_t content_bytes;
};

/*
 * The metadata of a snapshot of @tree read from @root, as JSON (malloc'd), or NULL on
 * ENOMEM.
 */
char *snapshot_meta_json(const struct sysfs_root *root, const struct sysfs_tree *tree,
			 const struct snapshot_options *opt,
			 const struct snapshot_counts *c);

/*
 * Write the snapshot of @tree (read from @root with modes) as an archive to @fd.
 * Returns 0 or a negative errno, with *@why (malloc'd) saying what failed.
 */
int snapshot_write(int fd, const struct sysfs_root *root, const struct sysfs_tree *tree,
		   const struct snapshot_options *opt, struct snapshot_counts *counts,
		   char **why);

#endif
