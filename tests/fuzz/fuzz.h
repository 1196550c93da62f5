/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the fuzz targets share: splitting one input into parts, and a file holding the
 * input for the readers that only take a path.
 */
#ifndef SYSABI_TESTS_FUZZ_H
#define SYSABI_TESTS_FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A setup step that cannot fail on a sane machine: say so and stop the run. */
__attribute__((noreturn)) static inline void fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
	abort();
}

/*
 * Split @size bytes of @data at NUL bytes into at most @max NUL-terminated parts,
 * copied into one malloc'd buffer returned for free(). The last part keeps any NUL
 * bytes beyond the first @max - 1; its length is in @lens.
 */
static inline char *fuzz_split(const uint8_t *data, size_t size, char **parts,
			       size_t *lens, size_t max, size_t *n)
{
	char *buf = malloc(size + 1), *p = buf, *end = buf + size;

	if (!buf)
		fuzz_die("out of memory");
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (*n = 0; *n < max; ++*n) {
		char *nul = *n + 1 < max ? memchr(p, '\0', (size_t)(end - p)) : NULL;

		parts[*n] = p;
		lens[*n] = (size_t)((nul ? nul : end) - p);
		if (!nul) {
			++*n;
			break;
		}
		p = nul + 1;
	}
	return buf;
}

/*
 * A file in memory that holds the latest input, for readers that take a path (ELF
 * images, baselines): its path, /proc/self/fd/N, stays the same for the whole run.
 */
static inline const char *fuzz_file(const void *data, size_t size)
{
	static char path[64];
	static int fd = -1;
	const char *p = data;

	if (fd < 0) {
		fd = memfd_create("sysabi-fuzz", MFD_CLOEXEC);
		if (fd < 0)
			fuzz_die("memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0)
		fuzz_die("ftruncate");
	for (off_t off = 0; size;) {
		ssize_t n = pwrite(fd, p, size, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fuzz_die("pwrite");
		p += n;
		off += n;
		size -= (size_t)n;
	}
	return path;
}

#endif
