/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Compressed module images (.ko.xz, .ko.gz, .ko.zst) into memory. Each library has its
 * file (elf-unpack-xz.c, -gzip.c, -zstd.c); the format is told by the data's magic, not
 * by the file name.
 */
#ifndef SYSABI_ELF_UNPACK_H
#define SYSABI_ELF_UNPACK_H

#include <stddef.h>
#include <stdint.h>

/*
 * No module is larger, packed or unpacked (Debian's largest, amdgpu.ko, is about 30 MiB
 * unpacked); more is a decompression bomb or garbage.
 */
#define UNPACK_MAX ((size_t)1 << 30)
/* The memory xz may use to decode: kmod and the kernel write 1 MiB dictionaries. */
#define UNPACK_XZ_MEMLIMIT ((uint64_t)256 << 20)

/* The compression @data starts with: "xz", "gzip", "zstd", or NULL for none. */
const char *unpack_format(const void *data, size_t size);

/*
 * Decompress @size bytes of @data in @format into *@out (malloc'd, freed by the caller)
 * of *@out_size bytes. Returns 0, -EBADMSG for corrupt or truncated data, -EFBIG past
 * UNPACK_MAX, -ENOMEM, or -EINVAL for an unknown format; *@out is NULL on failure.
 */
int unpack(const char *format, const void *data, size_t size, void **out,
	   size_t *out_size);

int unpack_xz(const void *data, size_t size, void **out, size_t *out_size);
int unpack_gzip(const void *data, size_t size, void **out, size_t *out_size);
int unpack_zstd(const void *data, size_t size, void **out, size_t *out_size);

/*
 * For the decompressors: make room after the *@used bytes of *@buf (capacity *@cap),
 * doubling it. Returns 0, -EFBIG past UNPACK_MAX, or -ENOMEM.
 */
int unpack_grow(void **buf, size_t *cap, size_t used);

#endif
