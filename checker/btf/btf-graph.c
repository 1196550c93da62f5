// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libbpf's view of a BTF file: the only file that sees libbpf. Its parser is the one the
 * BPF tools load kernel BTF with, so a file it refuses is broken for them whatever our
 * own reading says.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf-internal.h"
#include "common/file-write.h"

struct typegraph {
	struct btf *btf;
	uint32_t first_id; /* the first type id of this file: 1, or after its base */
};

/*
 * libbpf tells why it refuses data only through its print callback, which is global:
 * keep its last warning for the finding instead of letting it reach stderr.
 */
static char last_warning[256];

static int keep_warning(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t len;

	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(last_warning, sizeof(last_warning), fmt, ap);
	len = strlen(last_warning);
	while (len && (last_warning[len - 1] == '\n' || last_warning[len - 1] == '.'))
		last_warning[--len] = '\0';
	return 0;
}

/* Write @data to a file in memory; returns its descriptor or a negative errno. */
static int memory_file(const void *data, size_t size)
{
	int fd = memfd_create("sysabi-btf", MFD_CLOEXEC), r;

	if (fd < 0)
		return -errno;
	r = file_write_all(fd, data, size);
	if (r < 0) {
		close(fd);
		return r;
	}
	return fd;
}

/*
 * Debian's libbpf 1.1.2 declares btf__new_split() but does not export it: split data
 * goes through a file in memory to btf__parse_raw_split(), which reads the same bytes.
 */
static struct btf *parse_split(const void *data, size_t size, struct btf *base)
{
	char path[64];
	struct btf *btf;
	int fd = memory_file(data, size), err;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	btf = btf__parse_raw_split(path, base);
	err = errno;
	close(fd);
	errno = err;
	return btf;
}

int sysbtf_typegraph_parse(const void *data, size_t size, const struct typegraph *base,
			   struct typegraph **out, char *why, size_t why_size)
{
	libbpf_print_fn_t old;
	struct typegraph *g;
	struct btf *btf;
	int r;

	*out = NULL;
	if (why_size)
		why[0] = '\0';
	if (size > UINT32_MAX)
		return -EFBIG;
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	last_warning[0] = '\0';
	old = libbpf_set_print(keep_warning);
	/* libbpf 1.x returns NULL and sets errno */
	errno = 0;
	btf = base ? parse_split(data, size, base->btf) : btf__new(data, (uint32_t)size);
	r = btf ? 0 : -(errno ? errno : EINVAL);
	libbpf_set_print(old);
	if (r < 0) {
		snprintf(why, why_size, "%s",
			 last_warning[0] ? last_warning : strerror(-r));
		free(g);
		return r;
	}
	g->btf = btf;
	g->first_id = base ? btf__type_cnt(base->btf) : 1;
	*out = g;
	return 0;
}

void sysbtf_typegraph_free(struct typegraph *g)
{
	if (!g)
		return;
	btf__free(g->btf);
	free(g);
}

uint32_t sysbtf_typegraph_types(const struct typegraph *g)
{
	return btf__type_cnt(g->btf) - g->first_id;
}

void sysbtf_typegraph_kinds(const struct typegraph *g, uint32_t kinds[SYSBTF_KIND_COUNT])
{
	uint32_t end = btf__type_cnt(g->btf);

	memset(kinds, 0, SYSBTF_KIND_COUNT * sizeof(*kinds));
	for (uint32_t id = g->first_id; id < end; id++) {
		unsigned int kind = btf_kind(btf__type_by_id(g->btf, id));

		if (kind < SYSBTF_KIND_COUNT)
			kinds[kind]++;
	}
}
