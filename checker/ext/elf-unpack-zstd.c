// SPDX-License-Identifier: GPL-2.0-or-later
/* .ko.zst: libzstd, the only file that sees it. */
#include <errno.h>
#include <stdlib.h>

#include <zstd.h>

#include "elf-unpack.h"

static int decompress_all(ZSTD_DStream *ds, ZSTD_inBuffer *in, void **buf, size_t *cap,
			  size_t *used)
{
	size_t ret = 1;

	/* ret is 0 when a frame is complete; frames may follow one another */
	while (in->pos < in->size || ret != 0) {
		int r = unpack_grow(buf, cap, *used);
		ZSTD_outBuffer o = { *buf, *cap, *used };
		size_t before = in->pos;

		if (r < 0)
			return r;
		ret = ZSTD_decompressStream(ds, &o, in);
		if (ZSTD_isError(ret))
			return -EBADMSG;
		/* no input left, no output made, and the frame not done: cut short */
		if (ret != 0 && in->pos == in->size && before == in->pos &&
		    o.pos == *used && o.pos < o.size)
			return -EBADMSG;
		*used = o.pos;
	}
	return 0;
}

int unpack_zstd(const void *data, size_t size, void **out, size_t *out_size)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer in = { data, size, 0 };
	void *buf = NULL;
	size_t cap = 0, used = 0;
	int r;

	*out = NULL;
	*out_size = 0;
	if (!ds)
		return -ENOMEM;
	ZSTD_initDStream(ds);
	r = decompress_all(ds, &in, &buf, &cap, &used);
	ZSTD_freeDStream(ds);
	if (r < 0) {
		free(buf);
		return r;
	}
	*out = buf;
	*out_size = used;
	return 0;
}
