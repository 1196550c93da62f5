// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BTF check on raw blobs, as `sysabi btf` checks /sys/kernel/btf: vmlinux's BTF
 * read by our own code (sysbtf_blob_check(): header, sections, type records, references)
 * and, when that passes, by libbpf (sysbtf_blob_parse()); then a module's split BTF on top of
 * it, the same way; then the report's result model.
 *
 * The input: a 32-bit little-endian length N, N bytes of vmlinux BTF, and the module's
 * BTF in the rest (none when nothing is left). A shorter input is vmlinux alone.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf-internal.h"
#include "fuzz.h"

static struct sysbtf_module *add_module(struct sysbtf_report *r)
{
	r->modules = calloc(1, sizeof(*r->modules));
	if (!r->modules || !(r->modules[0].name = strdup("fuzz")) ||
	    !(r->modules[0].state = strdup("live")) ||
	    !(r->modules[0].btf.path = strdup("/sys/kernel/btf/fuzz")))
		fuzz_die("out of memory");
	r->n_modules = 1;
	return r->modules;
}

/* What check_vmlinux() does with the bytes: returns libbpf's graph when it is valid. */
static struct typegraph *check_vmlinux(struct sysbtf_report *r, const uint8_t *data,
				       size_t size, struct base_limits *limits)
{
	static const struct base_limits none;
	struct sysbtf_blob *b = &r->vmlinux;
	size_t errors = r->counts[SYSBTF_ERROR];
	struct typegraph *graph = NULL;
	struct layout l;

	b->present = true;
	b->size = size;
	if (sysbtf_blob_check(r, b, data, size, false, &none, &l))
		sysbtf_blob_parse(r, b, data, size, NULL, &graph);
	b->valid = r->counts[SYSBTF_ERROR] == errors;
	if (b->valid && graph) {
		*limits = (struct base_limits){ b->types, l.hdr.str_len };
		return graph;
	}
	sysbtf_typegraph_free(graph);
	return NULL;
}

/* What check_file() of btf-modules.c does with a module's bytes. */
static void check_module(struct sysbtf_report *r, const uint8_t *data, size_t size,
			 const struct typegraph *base, const struct base_limits *limits)
{
	struct sysbtf_blob *b = &add_module(r)->btf;
	size_t errors = r->counts[SYSBTF_ERROR];
	struct layout l;

	b->present = true;
	b->size = size;
	if (sysbtf_blob_check(r, b, data, size, true, base ? limits : NULL, &l) && base)
		sysbtf_blob_parse(r, b, data, size, base, NULL);
	b->valid = r->counts[SYSBTF_ERROR] == errors;
}

/* The report names its root: a live one, never opened here (the blobs come from memory). */
static const struct sysfs_root live = { .fd = -1, .path = (char *)"/sys", .live = true };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sysbtf_report *r = calloc(1, sizeof(*r));
	struct base_limits limits = { 0 };
	struct typegraph *base;
	struct value *report;
	size_t vmlinux_size = size;
	uint32_t len;

	if (!r || !(r->vmlinux.path = strdup("/sys/kernel/btf/vmlinux")))
		fuzz_die("out of memory");
	r->root = &live;
	r->exposed = true;
	if (size >= 4) {
		memcpy(&len, data, sizeof(len));
		len = le32toh(len);
		data += 4;
		size -= 4;
		vmlinux_size = len < size ? len : size;
	}
	base = check_vmlinux(r, data, vmlinux_size, &limits);
	if (vmlinux_size < size)
		check_module(r, data + vmlinux_size, size - vmlinux_size, base, &limits);
	sysbtf_typegraph_free(base);

	report = value_object_new();
	sysbtf_report_value(r, report);
	if (value_failed(report) || r->failed)
		fuzz_die("out of memory");
	value_free(report);
	sysbtf_report_free(r);
	return 0;
}
