// SPDX-License-Identifier: GPL-2.0-or-later
/* .ko.gz: zlib, the only file that sees it. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include <zlib.h>

#include "elf-unpack.h"

/* Run inflate() to the end of the data; returns 0 or a negative errno. */
static int inflate_all(z_stream *z, void **buf, size_t *cap, size_t *used)
{
	for (;;) {
		int r = unpack_grow(buf, cap, *used), ret;
		size_t room = *cap - *used;

		if (r < 0)
			return r;
		/* zlib counts in uInt; UNPACK_MAX keeps a step below that */
		z->next_out = (Bytef *)*buf + *used;
		z->avail_out = (uInt)room;
		ret = inflate(z, Z_NO_FLUSH);
		*used += room - z->avail_out;
		if (ret == Z_STREAM_END && z->avail_in == 0)
			return 0;
		if (ret == Z_STREAM_END)
			ret = inflateReset(z); /* gzip allows members one after another */
		if (ret == Z_MEM_ERROR)
			return -ENOMEM;
		if (ret == Z_BUF_ERROR && z->avail_in == 0)
			return -EBADMSG; /* the data ends inside the stream */
		if (ret != Z_OK && ret != Z_BUF_ERROR)
			return -EBADMSG;
	}
}

int unpack_gzip(const void *data, size_t size, void **out, size_t *out_size)
{
	z_stream z = { 0 };
	void *buf = NULL;
	size_t cap = 0, used = 0;
	int r;

	*out = NULL;
	*out_size = 0;
	if (size > UINT_MAX)
		return -EFBIG;
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) /* 16: a gzip wrapper, not zlib's */
		return -ENOMEM;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	r = inflate_all(&z, &buf, &cap, &used);
	inflateEnd(&z);
	if (r < 0) {
		free(buf);
		return r;
	}
	*out = buf;
	*out_size = used;
	return 0;
}
