// SPDX-License-Identifier: GPL-2.0-or-later
/* .ko.xz: liblzma, the only file that sees it. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include <lzma.h>

#include "elf-unpack.h"

int unpack_xz(const void *data, size_t size, void **out, size_t *out_size)
{
	lzma_stream s = LZMA_STREAM_INIT;
	void *buf = NULL;
	size_t cap = 0;
	lzma_ret ret;
	int r = 0;

	*out = NULL;
	*out_size = 0;
	/* kmod and the kernel's own builds write single streams; concatenated ones read too */
	if (lzma_stream_decoder(&s, UNPACK_XZ_MEMLIMIT, LZMA_CONCATENATED) != LZMA_OK)
		return -ENOMEM;
	s.next_in = data;
	s.avail_in = size;
	do {
		r = unpack_grow(&buf, &cap, s.total_out);
		if (r < 0)
			break;
		s.next_out = (uint8_t *)buf + s.total_out;
		s.avail_out = cap - s.total_out;
		ret = lzma_code(&s, LZMA_FINISH);
		if (ret == LZMA_MEM_ERROR)
			r = -ENOMEM;
		else if (ret ==
			 LZMA_MEMLIMIT_ERROR) /* a header asking for a huge dictionary */
			r = -EFBIG;
		else if (ret != LZMA_OK && ret != LZMA_STREAM_END)
			r = -EBADMSG;
	} while (r == 0 && ret != LZMA_STREAM_END);
	*out_size = s.total_out;
	lzma_end(&s);
	if (r < 0) {
		free(buf);
		*out_size = 0;
		return r;
	}
	*out = buf;
	return 0;
}
