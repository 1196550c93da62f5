// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A string that grows as text is appended, for messages and keys.
 *
 * A failed append is remembered: the appends after it do nothing, and the string
 * comes out as NULL (abi_strbuf_detach()) or the caller asks sb->err. So a message
 * built in ten appends is checked once, at its end, and out of memory never yields a
 * string cut short.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

/* Room for @more bytes and a NUL after sb->len. */
static int strbuf_reserve(struct abi_strbuf *sb, size_t more)
{
	size_t cap;
	char *p;

	if (sb->err)
		return sb->err;
	if (sb->buf && more < sb->cap - sb->len)
		return 0;
	if (more > SIZE_MAX / 2 - sb->len - 1) {
		sb->err = -ENOMEM;
		return sb->err;
	}
	cap = sb->cap ? sb->cap : 64;
	while (cap <= sb->len + more)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p) {
		sb->err = -ENOMEM;
		return sb->err;
	}
	p[sb->len] = '\0';
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

int abi_strbuf_add(struct abi_strbuf *sb, const char *s, size_t len)
{
	int r = strbuf_reserve(sb, len);

	if (r < 0)
		return r;
	memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int abi_strbuf_adds(struct abi_strbuf *sb, const char *s)
{
	return abi_strbuf_add(sb, s, strlen(s));
}

int abi_strbuf_addc(struct abi_strbuf *sb, char c)
{
	return abi_strbuf_add(sb, &c, 1);
}

int abi_strbuf_vaddf(struct abi_strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n, r;

	if (sb->err)
		return sb->err;
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		/* no conversion of ours fails but for want of memory */
		sb->err = -ENOMEM;
		return sb->err;
	}
	r = strbuf_reserve(sb, (size_t)n);
	if (r < 0)
		return r;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int abi_strbuf_addf(struct abi_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = abi_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

void abi_strbuf_reset(struct abi_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

const char *abi_strbuf_str(const struct abi_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *abi_strbuf_detach(struct abi_strbuf *sb)
{
	char *s;

	/* an empty string is a string too: give it its byte */
	if (strbuf_reserve(sb, 0) < 0) {
		abi_strbuf_release(sb);
		return NULL;
	}
	s = sb->buf;
	*sb = (struct abi_strbuf){ 0 };
	return s;
}

void abi_strbuf_release(struct abi_strbuf *sb)
{
	free(sb->buf);
	*sb = (struct abi_strbuf){ 0 };
}

char *abi_asprintf(const char *fmt, ...)
{
	struct abi_strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	abi_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return abi_strbuf_detach(&sb);
}
