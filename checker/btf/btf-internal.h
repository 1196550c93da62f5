/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the btf-*.c files of the BTF check (and their unit tests); btf.h is the
 * interface for everyone else.
 */
#ifndef SYSABI_BTF_INTERNAL_H
#define SYSABI_BTF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "btf.h"
#include "common/macro.h"

/*
 * The BTF format, as the kernel defines it (include/uapi/linux/btf.h). Our own numbers
 * rather than that header's: the layout walk must not depend on which headers the build
 * has, and its BTF_KIND_* are enumerators, which #ifdef cannot test. Debian 12's
 * linux/btf.h and libbpf 1.1.2 know all nineteen kinds; older ones lack FLOAT (16),
 * DECL_TAG (17), TYPE_TAG (18) and ENUM64 (19).
 */
#define BTF_FORMAT_MAGIC 0xeb9f
#define BTF_FORMAT_VERSION 1
#define BTF_FORMAT_HDR_SIZE 24  /* the version 1 header */
#define BTF_FORMAT_TYPE_SIZE 12 /* name_off, info, size or type */

enum {
	KIND_UNKN,
	KIND_INT,
	KIND_PTR,
	KIND_ARRAY,
	KIND_STRUCT,
	KIND_UNION,
	KIND_ENUM,
	KIND_FWD,
	KIND_TYPEDEF,
	KIND_VOLATILE,
	KIND_CONST,
	KIND_RESTRICT,
	KIND_FUNC,
	KIND_FUNC_PROTO,
	KIND_VAR,
	KIND_DATASEC,
	KIND_FLOAT,
	KIND_DECL_TAG,
	KIND_TYPE_TAG,
	KIND_ENUM64,
	KIND_MAX = KIND_ENUM64,
};

_Static_assert(KIND_MAX + 1 == SYSBTF_KIND_COUNT, "a count for every kind");

/* Fields of BTF data, which is in the writer's byte order and needs no alignment here. */
static inline uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * Add a finding to @r (a NULL @r drops it: reading an ELF's .BTF only to count). Running
 * out of memory marks @r failed instead.
 */
void sysbtf_add(struct sysbtf_report *r, const char *id, enum sysbtf_severity severity,
		const char *path, const char *fmt, ...) _printf_(5, 6);

/* ---- btf-layout.c: the header and the sections, read by our own code ---- */

struct layout {
	const uint8_t *data;
	size_t size;
	bool header_read; /* magic and header are there: @hdr is valid */
	struct sysbtf_header hdr;
	const uint8_t *types; /* the type section, or NULL when not inside the file */
	const uint8_t *strs;  /* the string section, or NULL when not inside the file */
	bool errors;          /* an error finding was added */
};

/*
 * Read the header of the BTF file @data of @size bytes and check it and where its
 * sections lie. @split: the file is split BTF (its strings need not start with NUL).
 * Findings go to @r about @path. @l borrows @data.
 */
void sysbtf_layout_read(struct sysbtf_report *r, const char *path, const void *data,
			size_t size, bool split, struct layout *l);

/* ---- btf-types.c: the type records ---- */

/*
 * Walk the type records of @l (whose type section must be inside the file), counting
 * them into *@n and by kind into @kinds. Returns true when every record was read and
 * they fill the section exactly; otherwise adds a finding (unless @r is NULL).
 */
bool sysbtf_types_walk(struct sysbtf_report *r, const char *path, const struct layout *l,
		       uint32_t *n, uint32_t kinds[SYSBTF_KIND_COUNT]);

/* What a split file stands on: 0 and 0 for vmlinux itself. */
struct base_limits {
	uint32_t types;   /* types of the base, void not counted */
	uint32_t str_len; /* the base's string section */
};

/* References and name offsets of a walked file (sysbtf_types_walk() returned true). */
struct type_refs {
	uint32_t max_type; /* the largest type id referred to */
	uint32_t max_name; /* the largest name offset */
	size_t bad_types;  /* references past the last type */
	size_t bad_names;  /* name offsets past the strings */
	char first_bad_type[128];
	char first_bad_name[128];
};

/* Check every type id and name offset of @l's @n types against @base. */
void sysbtf_types_refs(const struct layout *l, uint32_t n, const struct base_limits *base,
		       struct type_refs *out);

/* ---- btf-graph.c: libbpf, the only file that sees it ---- */

struct typegraph;

/*
 * Parse @size bytes of BTF with libbpf, as split BTF on @base when not NULL. Returns 0
 * with *@out set (free with sysbtf_typegraph_free(); it copies @data and must not outlive
 * @base), or a negative errno with libbpf's last complaint in @why.
 */
int sysbtf_typegraph_parse(const void *data, size_t size, const struct typegraph *base,
			   struct typegraph **out, char *why, size_t why_size);
void sysbtf_typegraph_free(struct typegraph *g);
/* The types of @g itself, not of its base; void not counted. */
uint32_t sysbtf_typegraph_types(const struct typegraph *g);
void sysbtf_typegraph_kinds(const struct typegraph *g, uint32_t kinds[SYSBTF_KIND_COUNT]);

/* ---- btf-blob.c: one file of /sys/kernel/btf ---- */

/*
 * Read @b->path below @r's root into @blob (mapped where the kernel allows it; release
 * it with sysfs_blob_release()) and fill presence, mode and size. Returns 0, -ENOENT
 * when there is no such file (no finding), or another negative errno after adding a
 * finding.
 */
int sysbtf_blob_read(struct sysbtf_report *r, struct sysbtf_blob *b,
		     struct sysfs_blob *blob);

/*
 * Check a file's bytes by our own reading: layout, records, and references against
 * @base ({0, 0} for vmlinux; NULL when a split file's base is unknown: not checked).
 * @split: the file is split BTF. Fills @b and @l; returns true when no error was found.
 */
bool sysbtf_blob_check(struct sysbtf_report *r, struct sysbtf_blob *b, const void *data,
		       size_t size, bool split, const struct base_limits *base,
		       struct layout *l);

/*
 * Parse a file that sysbtf_blob_check() passed with libbpf, as split BTF on @base when not
 * NULL; its refusal is a finding, and so is a count of types that differs from ours.
 * With @keep, the parsed graph is handed over in *@keep (NULL on failure).
 */
void sysbtf_blob_parse(struct sysbtf_report *r, const struct sysbtf_blob *b,
		       const void *data, size_t size, const struct typegraph *base,
		       struct typegraph **keep);

/* ---- btf-image.c: ELF images ---- */

/*
 * Compare @b's @size bytes with the .BTF section of the ELF image @path (compressed or
 * not): fills @b->elf; a difference is a finding @differs_id.
 */
void sysbtf_image_compare(struct sysbtf_report *r, struct sysbtf_blob *b,
			  const void *data, size_t size, const char *path,
			  const char *differs_id);

/* Where module files are: below a directory, or where libkmod says. */
struct module_files;

/* Files below @dir; with a NULL @dir, libkmod's (the running kernel's). */
int sysbtf_module_files_new(const char *dir, struct module_files **out);
void sysbtf_module_files_free(struct module_files *f);
/* The file of module @name into *@path (malloc'd); -ENOENT when there is none. */
int sysbtf_module_files_find(struct module_files *f, const char *name, char **path);

/* ---- btf-modules.c ---- */

struct module_context {
	const struct typegraph *base; /* vmlinux parsed by libbpf; NULL: unusable */
	const char *no_base_why;      /* and why: "missing", "not valid BTF" */
	struct base_limits limits;
	struct module_files *files; /* NULL: no comparison */
	const char *modules_dir;    /* where @files are; NULL: libkmod's */
};

/* Every module BTF file and every loaded module: read, check, relate, compare. */
void sysbtf_modules_check(struct sysbtf_report *r, const struct module_context *mc);

#endif
