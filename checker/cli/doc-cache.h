/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the compiled image of a documentation tree is kept (abi_tree_load_image()):
 * $SYSABI_CACHE_DIR, else $XDG_CACHE_HOME/sysabi, else ~/.cache/sysabi, one file per
 * tree named by a hash of the tree's real path. SYSABI_CACHE_DIR=off (or empty) keeps
 * none.
 */
#ifndef SYSABI_DOC_CACHE_H
#define SYSABI_DOC_CACHE_H

/*
 * The image file for the tree @dir, its directory made (mode 0700) when missing:
 * *@out is malloc'd, or NULL when no image is to be kept. Returns 0, or a negative
 * errno when the cache directory cannot be had (*@out then NULL, and the tree is
 * read without an image).
 */
int doc_cache_path(const char *dir, char **out);

#endif
