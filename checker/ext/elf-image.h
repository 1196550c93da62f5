/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF images (vmlinux, kernel modules), compressed or not, and their sections: the
 * libelf adapter. Nothing else sees libelf.
 */
#ifndef SYSABI_ELF_IMAGE_H
#define SYSABI_ELF_IMAGE_H

#include <stddef.h>

struct image;

/*
 * Open the ELF image at @path; xz, gzip and zstd compression (as in .ko.xz) is told by
 * the magic and undone in memory, a plain file is mapped. Returns 0 with *@out set (free
 * with image_free()), -ENOEXEC when the (decompressed) file is not ELF, -EBADMSG for
 * corrupt compressed data, or another negative errno from reading it.
 */
int image_open(const char *path, struct image **out);
void image_free(struct image *img);

/* "xz", "gzip", "zstd", or NULL when the file was not compressed. */
const char *image_compression(const struct image *img);

/*
 * The contents of section @name into *@data and *@size, borrowed until image_free().
 * Compressed sections (SHF_COMPRESSED) are decompressed. Returns 0, -ENOENT when there
 * is no such section, -ENODATA for one without contents, -EBADMSG when it cannot be read.
 */
int image_section(struct image *img, const char *name, const void **data, size_t *size);

#endif
