/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The BTF the kernel exposes in sysfs: /sys/kernel/btf/vmlinux, the kernel's own type
 * information, and /sys/kernel/btf/<module>, split BTF on top of it (one file per loaded
 * module built with BTF).
 *
 * sysbtf_check() reads them below a sysfs root, checks each file's layout by itself
 * (header, sections, type records, references) and with libbpf, relates the module
 * files to the loaded modules (<root>/module/<name>/initstate), and compares them with
 * ELF images when asked. What it finds comes back as plain structs: findings with a
 * stable id and a severity, and what each file holds. The `btf` command renders them;
 * the audit can join the findings to its own.
 */
#ifndef SYSABI_BTF_H
#define SYSABI_BTF_H

#include "sysfs/sysfs-root.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/report-kind.h"
#include "report/value.h"

enum sysbtf_severity {
	SYSBTF_ERROR,
	SYSBTF_WARNING,
	SYSBTF_INFO,
	SYSBTF_SEVERITY_COUNT,
};

/* Counts by kind are indexed by the BTF kind number: INT is 1, ENUM64 is 19; 0 unused. */
#define SYSBTF_KIND_COUNT 20

struct sysbtf_finding {
	const char *id; /* stable, kebab-case ("btf-bad-magic"); a static string */
	enum sysbtf_severity severity;
	char *path; /* "/sys/kernel/btf/NAME" whatever the root, or a file */
	char *message;
};

/* The header as the file has it (valid when sysbtf_blob.header_read is set). */
struct sysbtf_header {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t type_off, type_len;
	uint32_t str_off, str_len;
};

/* An ELF image's .BTF section compared with the sysfs file. */
struct sysbtf_elf {
	char *path;
	bool read;     /* the file was read, and is ELF */
	bool has_btf;  /* the image has a .BTF section */
	bool has_base; /* and a .BTF.base (distilled base BTF, relocated on load) */
	size_t btf_size;
	bool identical;
	size_t first_difference; /* the first differing byte, when not identical */
	uint32_t types;
	uint32_t kinds[SYSBTF_KIND_COUNT];
};

/* One BTF file of /sys/kernel/btf. */
struct sysbtf_blob {
	char *path; /* "/sys/kernel/btf/NAME" */
	bool present;
	unsigned int mode; /* permission bits */
	size_t size;
	bool header_read; /* the magic was right and the header was there */
	struct sysbtf_header header;
	bool walked;    /* every type record was read: types and kinds are whole */
	uint32_t types; /* types in this file, void not counted */
	uint32_t kinds[SYSBTF_KIND_COUNT];
	bool valid;             /* no error finding about the file itself */
	struct sysbtf_elf *elf; /* NULL: not compared */
};

/* A loaded module, a module BTF file, or both. */
struct sysbtf_module {
	char *name;
	char *state;            /* module/NAME/initstate ("live", "coming", "going"); NULL
				  * when the module is not loaded, "" when it is and its
				  * initstate is empty */
	struct sysbtf_blob btf; /* btf.present is false for a module without BTF */
};

struct sysbtf_options {
	const struct sysfs_root *root; /* the sysfs whose /sys/kernel/btf is checked */
	const char *vmlinux;           /* an ELF image to compare vmlinux with, or NULL */
	const char *modules_dir; /* module files (.ko, .ko.xz, .ko.gz, .ko.zst) below this
				  * directory; NULL: libkmod's, on the live system only */
};

struct sysbtf_report {
	const struct sysfs_root *root; /* borrowed from the options */
	bool live;                     /* the root is the running kernel's /sys */
	bool exposed;                  /* /sys/kernel/btf exists */
	struct sysbtf_blob vmlinux;
	struct sysbtf_module *modules; /* sorted by name */
	size_t n_modules;
	struct sysbtf_finding *findings; /* in the order found: vmlinux, then by module */
	size_t n_findings;
	size_t counts[SYSBTF_SEVERITY_COUNT];
	bool failed; /* ran out of memory on the way */
};

/*
 * Check the BTF below @opt->root. Problems with the files are findings, never errors.
 * Returns 0 with *@out set (free with sysbtf_report_free()), or -ENOMEM. The report
 * borrows @opt->root.
 */
int sysbtf_check(const struct sysbtf_options *opt, struct sysbtf_report **out);
void sysbtf_report_free(struct sysbtf_report *r);

/* "error", "warning", "info". */
const char *sysbtf_severity_name(enum sysbtf_severity s);
/* bpftool's name of a kind ("INT", "FUNC_PROTO"), or NULL for an unknown kind. */
const char *sysbtf_kind_name(unsigned int kind);

/*
 * Set the report's sections on the object @report: sysfs, vmlinux, modules, findings and
 * summary (counts by severity). Memory failures mark @report failed (value.h). Returns
 * the sysfs section, for the command to say whose sysfs it is.
 */
struct value *sysbtf_report_value(const struct sysbtf_report *r, struct value *report);

/* The kind of report of `sysabi btf` (btf-view.c). */
extern const struct report_kind btf_report_kind;
/* The family of BTF checks, of this report and of the audit's. */
extern const struct report_family btf_family;
/* The checks of a BTF report, appended to @checks (checks-btf.c). @btf: the object
 * `sysabi btf` reports, or the audit's "btf". */
void checks_btf(const struct value *btf, bool fail_on_errors, bool fail_on_warnings,
		struct value *checks);

#endif
