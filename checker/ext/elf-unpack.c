// SPDX-License-Identifier: GPL-2.0-or-later
/* Telling a compressed image by its magic, and the buffer the decompressors fill. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf-unpack.h"
#include "common/macro.h"

static const struct {
	const char *name;
	const char *magic;
	size_t len;
	int (*unpack)(const void *data, size_t size, void **out, size_t *out_size);
} formats[] = {
	{ "xz",
	  "\xfd"
	  "7zXZ\0",
	  6, unpack_xz },
	{ "gzip", "\x1f\x8b", 2, unpack_gzip },
	{ "zstd", "\x28\xb5\x2f\xfd", 4, unpack_zstd },
};

const char *unpack_format(const void *data, size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (size >= formats[i].len &&
		    memcmp(data, formats[i].magic, formats[i].len) == 0)
			return formats[i].name;
	return NULL;
}

int unpack(const char *format, const void *data, size_t size, void **out,
	   size_t *out_size)
{
	*out = NULL;
	*out_size = 0;
	for (size_t i = 0; format && i < ARRAY_SIZE(formats); i++)
		if (strcmp(format, formats[i].name) == 0)
			return formats[i].unpack(data, size, out, out_size);
	return -EINVAL;
}

int unpack_grow(void **buf, size_t *cap, size_t used)
{
	size_t want = *cap ? *cap * 2 : 1 << 20;
	void *p;

	if (used < *cap)
		return 0;
	if (*cap >= UNPACK_MAX)
		return -EFBIG;
	if (want > UNPACK_MAX)
		want = UNPACK_MAX;
	p = realloc(*buf, want);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = want;
	return 0;
}
