// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The layout of BTF files read by our own code: a file built with libbpf, then damaged
 * one way at a time, each damage its own finding; the counts by kind against libbpf's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bpf/btf.h>

#include "btf/btf-internal.h"
#include "common/macro.h"
#include "test-btf.h"
#include "unit.h"

/* Offsets into unit_btf_base()'s type section: the PTR record, the ENUM record. */
#define PTR_RECORD 68
#define ENUM_RECORD 112

static void add(int id)
{
	CU_ASSERT_FATAL(id > 0);
}

static void *raw_copy(struct btf *b, size_t *size)
{
	unsigned int n;
	const void *raw = btf__raw_data(b, &n);
	void *copy = malloc(n);

	CU_ASSERT_FATAL(raw && copy);
	memcpy(copy, raw, n);
	*size = n;
	btf__free(b);
	return copy;
}

void *unit_btf_base(size_t *size)
{
	struct btf *b = btf__new_empty();

	add(btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	add(btf__add_int(b, "long", 8, BTF_INT_SIGNED));
	add(btf__add_struct(b, "task_struct", 16));
	CU_ASSERT_FATAL(btf__add_field(b, "pid", 1, 0, 0) == 0);
	CU_ASSERT_FATAL(btf__add_field(b, "flags", 2, 64, 0) == 0);
	add(btf__add_ptr(b, 3));
	add(btf__add_func_proto(b, 1));
	CU_ASSERT_FATAL(btf__add_func_param(b, "task", 4) == 0);
	add(btf__add_func(b, "task_pid", BTF_FUNC_GLOBAL, 5));
	add(btf__add_enum(b, "task_state", 4));
	CU_ASSERT_FATAL(btf__add_enum_value(b, "TASK_RUNNING", 0) == 0);
	CU_ASSERT_FATAL(btf__add_enum_value(b, "TASK_STOPPED", 4) == 0);
	return raw_copy(b, size);
}

void *unit_btf_module(const void *base, size_t base_size, const char *name, size_t *size)
{
	struct btf *bb = btf__new(base, (unsigned int)base_size), *m;
	char dev[64], probe[64];
	void *raw;
	int s, p, f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bb);
	m = btf__new_empty_split(bb);
	snprintf(dev, sizeof(dev), "%s_device", name);
	snprintf(probe, sizeof(probe), "%s_probe", name);
	add(s = btf__add_struct(m, dev, 16));
	CU_ASSERT_FATAL(btf__add_field(m, "task", 4, 0, 0) == 0);
	add(p = btf__add_ptr(m, s));
	add(f = btf__add_func_proto(m, 1));
	CU_ASSERT_FATAL(btf__add_func_param(m, "dev", p) == 0);
	add(btf__add_func(m, probe, BTF_FUNC_GLOBAL, f));
	raw = raw_copy(m, size);
	btf__free(bb);
	return raw;
}

size_t unit_btf_count(const struct sysbtf_report *r, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_findings; i++)
		n += strcmp(r->findings[i].id, id) == 0;
	return n;
}

/* Check @data as vmlinux, collecting findings into a fresh report. */
static struct sysbtf_report *check(const void *data, size_t size, struct sysbtf_blob *b,
				   bool *ok)
{
	static const struct base_limits none;
	struct sysbtf_report *r = calloc(1, sizeof(*r));
	struct layout l;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	*b = (struct sysbtf_blob){ .path = (char *)"/sys/kernel/btf/vmlinux" };
	*ok = sysbtf_blob_check(r, b, data, size, false, &none, &l);
	return r;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void test_good_file(void)
{
	size_t size;
	uint8_t *raw = unit_btf_base(&size);
	uint32_t kinds[SYSBTF_KIND_COUNT];
	struct sysbtf_blob b;
	struct typegraph *g;
	char why[256];
	bool ok;
	struct sysbtf_report *r = check(raw, size, &b, &ok);

	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	CU_ASSERT_TRUE(b.header_read && b.walked);
	CU_ASSERT_EQUAL(b.types, 7);
	CU_ASSERT_EQUAL(b.kinds[KIND_INT], 2);
	CU_ASSERT_EQUAL(b.kinds[KIND_STRUCT], 1);
	CU_ASSERT_EQUAL(b.kinds[KIND_ENUM], 1);
	CU_ASSERT_EQUAL(b.header.type_len, ENUM_RECORD + 28);
	/* libbpf reads the same types */
	CU_ASSERT_EQUAL_FATAL(
		sysbtf_typegraph_parse(raw, size, NULL, &g, why, sizeof(why)), 0);
	sysbtf_typegraph_kinds(g, kinds);
	CU_ASSERT_EQUAL(sysbtf_typegraph_types(g), 7);
	CU_ASSERT_EQUAL(memcmp(kinds, b.kinds, sizeof(kinds)), 0);
	sysbtf_blob_parse(r, &b, raw, size, NULL, NULL);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	sysbtf_typegraph_free(g);
	sysbtf_report_free(r);
	free(raw);
}

static void test_kind_names(void)
{
	CU_ASSERT_PTR_NULL(sysbtf_kind_name(0));
	CU_ASSERT_STRING_EQUAL(sysbtf_kind_name(1), "INT");
	CU_ASSERT_STRING_EQUAL(sysbtf_kind_name(13), "FUNC_PROTO");
	CU_ASSERT_STRING_EQUAL(sysbtf_kind_name(19), "ENUM64");
	CU_ASSERT_PTR_NULL(sysbtf_kind_name(20));
	CU_ASSERT_STRING_EQUAL(sysbtf_severity_name(SYSBTF_INFO), "info");
}

/* A damage: done to a copy of the good file of *@size bytes, which it may change. */
struct damage {
	const char *name;
	void (*fn)(uint8_t *d, size_t *size);
	const char *id; /* the finding it must give */
};

#define HDR(d, field) ((d) + offsetof(struct damage_hdr, field))
struct damage_hdr {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
};

static uint32_t hget(const uint8_t *d, size_t off)
{
	return get32(d + off);
}

static void swapped_magic(uint8_t *d, size_t *size)
{
	d[0] = 0xeb;
	d[1] = 0x9f;
}
static void bad_magic(uint8_t *d, size_t *size)
{
	d[0] = 0;
}
static void cut_in_header(uint8_t *d, size_t *size)
{
	*size = 10;
}
static void cut_in_strings(uint8_t *d, size_t *size)
{
	*size -= 5;
}
static void version_2(uint8_t *d, size_t *size)
{
	d[2] = 2;
}
static void flags_set(uint8_t *d, size_t *size)
{
	d[3] = 1;
}
static void hdr_len_short(uint8_t *d, size_t *size)
{
	put32(HDR(d, hdr_len), 16);
}
static void trailing(uint8_t *d, size_t *size)
{
	*size += 4;
}

static void str_past_end(uint8_t *d, size_t *size)
{
	put32(HDR(d, str_off), hget(d, offsetof(struct damage_hdr, str_off)) + 4096);
}

static void overlap(uint8_t *d, size_t *size)
{
	put32(HDR(d, str_off), 0); /* over the types; both still inside the file */
}

static void misaligned(uint8_t *d, size_t *size)
{
	/* types at 2: the section moves over the first bytes of the strings */
	put32(HDR(d, type_off), 2);
}

static void not_consumed(uint8_t *d, size_t *size)
{
	/* the type section ends 4 bytes into the last record; the strings take them */
	size_t t = offsetof(struct damage_hdr, type_len),
	       s = offsetof(struct damage_hdr, str_off);

	put32(HDR(d, type_len), hget(d, t) - 4);
	put32(HDR(d, str_off), hget(d, s) - 4);
	put32(HDR(d, str_len), hget(d, offsetof(struct damage_hdr, str_len)) + 4);
}

static void unknown_kind(uint8_t *d, size_t *size)
{
	d[24 + 4 + 3] = 25;
}
static void strings_start(uint8_t *d, size_t *size)
{
	d[24 + hget(d, 16)] = 'x';
}
static void unterminated(uint8_t *d, size_t *size)
{
	d[*size - 1] = 'x';
}
static void bad_ref(uint8_t *d, size_t *size)
{
	put32(d + 24 + PTR_RECORD + 8, 99);
}
static void bad_name(uint8_t *d, size_t *size)
{
	put32(d + 24 + ENUM_RECORD + 12, 5000);
}

static const struct damage damages[] = {
	{ "swapped magic", swapped_magic, "btf-bad-magic" },
	{ "bad magic", bad_magic, "btf-bad-magic" },
	{ "cut in the header", cut_in_header, "btf-truncated" },
	{ "cut in the strings", cut_in_strings, "btf-truncated" },
	{ "version 2", version_2, "btf-bad-version" },
	{ "flags", flags_set, "btf-flags-set" },
	{ "hdr_len 16", hdr_len_short, "btf-bad-hdr-len" },
	{ "bytes after the sections", trailing, "btf-size-mismatch" },
	{ "strings past the end", str_past_end, "btf-section-out-of-bounds" },
	{ "sections overlap", overlap, "btf-sections-overlap" },
	{ "types misaligned", misaligned, "btf-types-misaligned" },
	{ "types not consumed", not_consumed, "btf-types-not-consumed" },
	{ "unknown kind", unknown_kind, "btf-unknown-kind" },
	{ "strings not from NUL", strings_start, "btf-strings-bad-start" },
	{ "strings unterminated", unterminated, "btf-strings-unterminated" },
	{ "reference past the last type", bad_ref, "btf-type-graph-invalid" },
	{ "name past the strings", bad_name, "btf-type-graph-invalid" },
};

static void test_damages(void)
{
	size_t good_size;
	uint8_t *good = unit_btf_base(&good_size);

	for (size_t i = 0; i < ARRAY_SIZE(damages); i++) {
		size_t size = good_size;
		uint8_t *d = calloc(1, good_size + 16);
		struct sysbtf_blob b;
		struct sysbtf_report *r;
		bool ok;

		memcpy(d, good, good_size);
		damages[i].fn(d, &size);
		r = check(d, size, &b, &ok);
		if (!unit_btf_count(r, damages[i].id))
			fprintf(stderr, "\n%s: no %s (%zu findings, the first %s)\n",
				damages[i].name, damages[i].id, r->n_findings,
				r->n_findings ? r->findings[0].id : "-");
		CU_ASSERT_TRUE(unit_btf_count(r, damages[i].id) > 0);
		CU_ASSERT_FALSE(ok);
		CU_ASSERT_EQUAL(r->counts[SYSBTF_ERROR], r->n_findings);
		sysbtf_report_free(r);
		free(d);
	}
	free(good);
}

/* A longer header is fine while the bytes past version 1's are zero. */
static void test_long_header(void)
{
	size_t size;
	uint8_t *good = unit_btf_base(&size), *d = calloc(1, size + 4);
	struct sysbtf_blob b;
	struct sysbtf_report *r;
	bool ok;

	memcpy(d, good, 24);
	memcpy(d + 28, good + 24, size - 24);
	put32(HDR(d, hdr_len), 28);
	r = check(d, size + 4, &b, &ok);
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	CU_ASSERT_EQUAL(b.types, 7);
	sysbtf_report_free(r);
	d[25] = 1;
	r = check(d, size + 4, &b, &ok);
	CU_ASSERT_FALSE(ok);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-bad-hdr-len"), 1);
	sysbtf_report_free(r);
	free(d);
	free(good);
}

/* Split BTF: references into the base are fine, past base and file they are not. */
static void test_split(void)
{
	size_t base_size, size;
	uint8_t *base = unit_btf_base(&base_size);
	uint8_t *mod = unit_btf_module(base, base_size, "foo", &size);
	struct base_limits limits = { 7, hget(base, 20) };
	struct sysbtf_report *r = calloc(1, sizeof(*r));
	struct sysbtf_blob b = { .path = (char *)"/sys/kernel/btf/foo" };
	struct typegraph *gb, *gm;
	struct type_refs refs;
	struct layout l;
	char why[256];

	CU_ASSERT_TRUE(sysbtf_blob_check(r, &b, mod, size, true, &limits, &l));
	CU_ASSERT_EQUAL(b.types, 4);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	/* standing alone, its references leave it */
	sysbtf_types_refs(&l, b.types, &(struct base_limits){ 0, 0 }, &refs);
	CU_ASSERT_TRUE(refs.bad_types + refs.bad_names > 0);
	CU_ASSERT_EQUAL(refs.max_type, 10); /* FUNC [11] refers to its FUNC_PROTO [10] */
	CU_ASSERT_EQUAL_FATAL(
		sysbtf_typegraph_parse(base, base_size, NULL, &gb, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL_FATAL(
		sysbtf_typegraph_parse(mod, size, gb, &gm, why, sizeof(why)), 0);
	CU_ASSERT_EQUAL(sysbtf_typegraph_types(gm), 4);
	sysbtf_typegraph_free(gm);
	sysbtf_blob_parse(r, &b, mod, size, gb, NULL);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	/* libbpf's complaint is kept for the finding */
	mod[0] = 0;
	CU_ASSERT_TRUE(sysbtf_typegraph_parse(mod, size, gb, &gm, why, sizeof(why)) < 0);
	CU_ASSERT_PTR_NULL(gm);
	CU_ASSERT_NOT_EQUAL(why[0], '\0');
	sysbtf_typegraph_free(gb);
	sysbtf_report_free(r);
	free(mod);
	free(base);
}

/* xorshift: the same damage on every run, so a failure can be run again */
static uint32_t next_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Damage a copy of @good at random: a few bytes changed, sometimes cut. */
static size_t scramble(const uint8_t *good, size_t size, uint8_t *d, uint32_t *seed)
{
	unsigned int n = 1 + next_random(seed) % 4;

	memcpy(d, good, size);
	for (unsigned int i = 0; i < n; i++)
		d[next_random(seed) % size] = (uint8_t)next_random(seed);
	if (next_random(seed) % 8 == 0)
		size = next_random(seed) % size;
	return size;
}

/* Whatever the bytes, the checks end, and libbpf only sees what passed them. */
static void test_random_damage(void)
{
	size_t base_size, mod_size;
	uint8_t *base = unit_btf_base(&base_size);
	uint8_t *mod = unit_btf_module(base, base_size, "foo", &mod_size);
	uint8_t *d = malloc(base_size > mod_size ? base_size : mod_size);
	static const struct base_limits none;
	struct base_limits limits = { 7, hget(base, 20) };
	struct sysbtf_report *r = calloc(1, sizeof(*r));
	struct typegraph *g;
	uint32_t seed = 0x5eed;
	char why[256];

	CU_ASSERT_FATAL(d && r);
	CU_ASSERT_EQUAL_FATAL(
		sysbtf_typegraph_parse(base, base_size, NULL, &g, why, sizeof(why)), 0);
	for (int i = 0; i < 4000; i++) {
		bool split = i % 2;
		size_t size = split ? scramble(mod, mod_size, d, &seed) :
				      scramble(base, base_size, d, &seed);
		struct sysbtf_blob b = { .path = (char *)"/sys/kernel/btf/x" };
		struct layout l;

		if (sysbtf_blob_check(r, &b, d, size, split, split ? &limits : &none, &l))
			sysbtf_blob_parse(r, &b, d, size, split ? g : NULL, NULL);
		CU_ASSERT_TRUE(!b.walked || b.types <= size / 12);
	}
	CU_ASSERT_FALSE(r->failed);
	CU_ASSERT_TRUE(r->n_findings > 1000);
	sysbtf_typegraph_free(g);
	sysbtf_report_free(r);
	free(d);
	free(mod);
	free(base);
}

void test_btf_register(void)
{
	static const struct unit_test tests[] = {
		{ "a good file: no finding, counts like libbpf's", test_good_file },
		{ "kind and severity names", test_kind_names },
		{ "each damage its finding", test_damages },
		{ "a longer header", test_long_header },
		{ "split BTF on a base", test_split },
		{ "random damage: no crash, findings", test_random_damage },
		{ NULL, NULL },
	};

	unit_add_suite("btf", tests);
}
