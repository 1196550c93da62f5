// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The type records of a BTF file, walked by our own code from the header: each kind's
 * record has a size the format fixes (12 bytes, then a fixed part, then vlen items), so
 * the walk knows whether the records fill the type section exactly. libbpf 1.1.2 checks
 * neither type ids nor name offsets, so we do that here too.
 */
#include <errno.h>
#include <stdio.h>

#include "btf-internal.h"

static const struct {
	const char *name;
	uint8_t fixed;    /* bytes after the common 12 */
	uint8_t per_item; /* bytes per vlen item */
} kinds[SYSBTF_KIND_COUNT] = {
	[KIND_INT] = { "INT", 4, 0 },
	[KIND_PTR] = { "PTR", 0, 0 },
	[KIND_ARRAY] = { "ARRAY", 12, 0 },
	[KIND_STRUCT] = { "STRUCT", 0, 12 },
	[KIND_UNION] = { "UNION", 0, 12 },
	[KIND_ENUM] = { "ENUM", 0, 8 },
	[KIND_FWD] = { "FWD", 0, 0 },
	[KIND_TYPEDEF] = { "TYPEDEF", 0, 0 },
	[KIND_VOLATILE] = { "VOLATILE", 0, 0 },
	[KIND_CONST] = { "CONST", 0, 0 },
	[KIND_RESTRICT] = { "RESTRICT", 0, 0 },
	[KIND_FUNC] = { "FUNC", 0, 0 },
	[KIND_FUNC_PROTO] = { "FUNC_PROTO", 0, 8 },
	[KIND_VAR] = { "VAR", 4, 0 },
	[KIND_DATASEC] = { "DATASEC", 0, 12 },
	[KIND_FLOAT] = { "FLOAT", 0, 0 },
	[KIND_DECL_TAG] = { "DECL_TAG", 4, 0 },
	[KIND_TYPE_TAG] = { "TYPE_TAG", 0, 0 },
	[KIND_ENUM64] = { "ENUM64", 0, 12 },
};

const char *sysbtf_kind_name(unsigned int kind)
{
	return kind < SYSBTF_KIND_COUNT ? kinds[kind].name : NULL;
}

struct record {
	const uint8_t *p;
	unsigned int kind;
	uint32_t vlen;
};

/*
 * The record at *@off of @l's type section, moving *@off past it. Returns 1, 0 at the
 * end of the section, -EBADMSG for an unknown kind, -ERANGE for a record running past
 * the end.
 */
static int next_record(const struct layout *l, size_t *off, struct record *rec)
{
	size_t len = l->hdr.type_len, size;
	uint32_t info;

	if (*off == len)
		return 0;
	if (len - *off < BTF_FORMAT_TYPE_SIZE)
		return -ERANGE;
	rec->p = l->types + *off;
	info = get32(rec->p + 4);
	rec->kind = (info >> 24) & 0x1f;
	rec->vlen = info & 0xffff;
	if (rec->kind == KIND_UNKN || rec->kind > KIND_MAX)
		return -EBADMSG;
	size = BTF_FORMAT_TYPE_SIZE + kinds[rec->kind].fixed +
	       (size_t)kinds[rec->kind].per_item * rec->vlen;
	if (len - *off < size)
		return -ERANGE;
	*off += size;
	return 1;
}

bool sysbtf_types_walk(struct sysbtf_report *r, const char *path, const struct layout *l,
		       uint32_t *n, uint32_t counts[SYSBTF_KIND_COUNT])
{
	struct record rec;
	size_t off = 0, at;
	int k;

	*n = 0;
	memset(counts, 0, SYSBTF_KIND_COUNT * sizeof(*counts));
	for (at = off; (k = next_record(l, &off, &rec)) > 0; at = off) {
		counts[rec.kind]++;
		(*n)++;
	}
	if (k == -EBADMSG)
		sysbtf_add(r, "btf-unknown-kind", SYSBTF_ERROR, path,
			   "type [%u] at offset %zu "
			   "of the type section has kind %u, which BTF does not define",
			   *n + 1, at, (get32(l->types + at + 4) >> 24) & 0x1f);
	else if (k == -ERANGE)
		sysbtf_add(
			r, "btf-types-not-consumed", SYSBTF_ERROR, path,
			"the type section "
			"has %u bytes; %u records fill %zu of them and the next, at offset %zu, "
			"runs past its end",
			l->hdr.type_len, *n, at, at);
	return k == 0;
}

struct refs_walk {
	struct type_refs *out;
	uint32_t last_type, str_end;
	uint32_t id;
	const struct record *rec;
};

static void ref_type(struct refs_walk *w, uint32_t type)
{
	struct type_refs *o = w->out;

	if (type > o->max_type)
		o->max_type = type;
	if (type > w->last_type && o->bad_types++ == 0)
		snprintf(o->first_bad_type, sizeof(o->first_bad_type),
			 "type [%u] %s refers to type [%u]", w->id,
			 kinds[w->rec->kind].name, type);
}

static void ref_name(struct refs_walk *w, uint32_t off)
{
	struct type_refs *o = w->out;

	if (off > o->max_name)
		o->max_name = off;
	if (off >= w->str_end && o->bad_names++ == 0)
		snprintf(o->first_bad_name, sizeof(o->first_bad_name),
			 "type [%u] %s has name offset %u", w->id,
			 kinds[w->rec->kind].name, off);
}

/* The type ids a record refers to. */
static void record_types(struct refs_walk *w, const struct record *rec,
			 const uint8_t *items)
{
	switch (rec->kind) {
	case KIND_PTR:
	case KIND_TYPEDEF:
	case KIND_VOLATILE:
	case KIND_CONST:
	case KIND_RESTRICT:
	case KIND_FUNC:
	case KIND_VAR:
	case KIND_DECL_TAG:
	case KIND_TYPE_TAG:
		ref_type(w, get32(rec->p + 8));
		break;
	case KIND_ARRAY:
		ref_type(w, get32(items));     /* elements */
		ref_type(w, get32(items + 4)); /* index */
		break;
	case KIND_FUNC_PROTO:
		ref_type(w, get32(rec->p + 8));
		for (uint32_t i = 0; i < rec->vlen; i++)
			ref_type(w, get32(items + 8 * i + 4));
		break;
	case KIND_STRUCT:
	case KIND_UNION:
		for (uint32_t i = 0; i < rec->vlen; i++)
			ref_type(w, get32(items + 12 * i + 4));
		break;
	case KIND_DATASEC:
		for (uint32_t i = 0; i < rec->vlen; i++)
			ref_type(w, get32(items + 12 * i));
		break;
	}
}

/* The name offsets of a record: its own, and those of members, values, parameters. */
static void record_names(struct refs_walk *w, const struct record *rec,
			 const uint8_t *items)
{
	unsigned int stride = 0;

	ref_name(w, get32(rec->p));
	switch (rec->kind) {
	case KIND_STRUCT:
	case KIND_UNION:
	case KIND_ENUM64:
		stride = 12;
		break;
	case KIND_ENUM:
	case KIND_FUNC_PROTO:
		stride = 8;
		break;
	}
	for (uint32_t i = 0; stride && i < rec->vlen; i++)
		ref_name(w, get32(items + stride * i));
}

void sysbtf_types_refs(const struct layout *l, uint32_t n, const struct base_limits *base,
		       struct type_refs *out)
{
	struct refs_walk w = {
		.out = out,
		.last_type = base->types + n,
		.str_end = base->str_len + l->hdr.str_len,
	};
	struct record rec;
	size_t off = 0;

	*out = (struct type_refs){ 0 };
	for (w.id = base->types + 1; next_record(l, &off, &rec) > 0; w.id++) {
		w.rec = &rec;
		record_types(&w, &rec, rec.p + BTF_FORMAT_TYPE_SIZE);
		record_names(&w, &rec, rec.p + BTF_FORMAT_TYPE_SIZE);
	}
}
