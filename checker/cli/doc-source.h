/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the ABI documentation comes from, loaded: --abi, $SYSABI_ABI_DIR, the
 * Documentation/ABI of the kernel tree the working directory is in (found upward, as
 * git finds .git), or the tree `make abi-docs` put in place.
 */
#ifndef SYSABI_DOC_SOURCE_H
#define SYSABI_DOC_SOURCE_H

#include "abi/abi.h"

struct cli;
struct value;

struct doc_source {
	const char *dir;
	const char *
		origin; /* "--abi", "SYSABI_ABI_DIR", "kernel tree", "built-in default" */
	struct abi_ctx *ctx;
	struct abi_tree *tree;
	/* how the tree's compiled image served (doc-cache.h) */
	struct abi_image_info image;
	const char *installed_image; /* the image `make install` wrote, or NULL */
	/* reports of a sysfs name documentation files as the tree does
	 * ("testing/sysfs-foo"), the tree said once in abi.dir: a report read on another
	 * machine carries no path of the one that wrote it */
	bool tree_relative;
	char *found; /* the kernel tree found from here: its Documentation/ABI, or its top
		       * when that cannot be read; owned */
};

/*
 * 0 when @top, a kernel tree, has a Documentation/ABI directory reached without any
 * symbolic link; -ELOOP when a link is on the way (a checkout's link may point anywhere,
 * and is never followed); -ENOENT or -ENOTDIR when there is none.
 */
int doc_source_kernel_abi(const char *top);
/*
 * Find the tree (dir, origin) without loading it. Prints why and returns EXIT_TROUBLE
 * when there is none to read, else 0. Release with doc_source_release().
 */
int doc_source_find(const struct cli *cli, struct doc_source *src);
/*
 * Find and load the tree, through its compiled image (doc-cache.h); diagnostics go to @fn (may be NULL). Prints why and returns
 * EXIT_TROUBLE when there is no tree to read, else 0. Release with doc_source_release().
 */
int doc_source_load(const struct cli *cli, abi_diag_fn fn, void *data,
		    struct doc_source *src);
void doc_source_release(struct doc_source *src);
/* The report's top: schema_version, command, and what the "abi" tree was. */
struct value *doc_source_report(const struct doc_source *src, const char *command);
/*
 * The directory the ABI tree is part of, its parent as the tree was named:
 * "abi-docs/linux-6.12/Documentation" for "abi-docs/linux-6.12/Documentation/ABI",
 * "Documentation/.." for "Documentation/ABI/.."; other documentation of the kernel is
 * found there (admin-guide/kernel-parameters.txt). NULL on ENOMEM. Caller frees.
 */
char *doc_source_docs_dir(const struct doc_source *src);
/* @file of the tree as a path a user can open, the root joined with it; with
 * tree_relative, @file as it is. Caller frees. */
char *doc_source_path(const struct doc_source *src, const char *file);
/* @root "/" @file, without doubling a slash; NULL on ENOMEM. Caller frees. */
char *path_join(const char *root, const char *file);

#endif
