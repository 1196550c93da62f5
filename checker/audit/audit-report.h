/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The audit's report: its result model, what `sysabi audit` reports in every format
 * (audit-report.c), the names that reach a node (audit-explain.c), the owners of a
 * group (audit-owner.c), and its kind of report (audit-view.c, checks-audit.c). A
 * section a file below.
 */
#ifndef SYSABI_AUDIT_REPORT_H
#define SYSABI_AUDIT_REPORT_H

#include "audit.h"
#include "baseline.h"
#include "btf/btf.h"
#include "cli/doc-source.h"
#include "report/report-kind.h"
#include "sysfs/sysfs-root.h"

struct module_db;

struct audit_options {
	const struct sysfs_root *root; /* the sysfs judged */
	struct sysfs_ignore *ignores;
	size_t n_ignores;
	bool all, verbose, suggest;
	bool fail_on[AUDIT_CLASS_COUNT];
	bool fail_on_missing;
	bool fail_on_btf;                /* BTF error findings fail the run */
	const struct sysbtf_report *btf; /* NULL: BTF not checked (--no-btf) */
	struct module_db *modules;    /* for module descriptions and parameters (modinfo);
				      NULL off the live system without --modules-dir */
	struct module_params *params; /* module parameters documented elsewhere */
	const char *label;            /* --label: a name for the machine */
	const char *baseline_path;
	const struct baseline *baseline;
	const char **explain;
	size_t n_explain;
};

/* ---- audit-report.c ---- */

/*
 * The whole report. Sets *@fail when a finding at a --fail-on class is not in the
 * baseline. The caller frees it with value_free().
 */
struct value *audit_report(const struct audit *a, const struct doc_source *src,
			   const struct audit_group *groups, size_t n_groups,
			   const struct audit_options *opt, bool *fail);

/* A node's class, real path, best match and the name that matched, into @v. */
void audit_node_describe(const struct audit *a, const struct doc_source *src,
			 const struct snode *n, struct value *v);

/* A What/Date/KernelVersion/Contact/Description skeleton for an undocumented group; a
 * control character in a name is written \xNN, as the text report shows it, so that
 * the What stays one line. g_free() it. */
char *audit_suggest(const struct audit_group *g);
/* The file of Documentation/ABI the skeleton belongs in, by the kernel's naming: the
 * top directory and the subsystem, before any instance,
 * "Documentation/ABI/testing/sysfs-kernel-slab". g_free() it. */
char *audit_suggest_file(const struct audit_group *g);

/*
 * Whether @report's documentation (abi.kernel_version, from the top Makefile of its
 * kernel tree) is that of the kernel of its sysfs (sysfs.kernel_release), by major and
 * minor: 0 when they agree; 1 when they differ; -1 when either is unknown. *@why says
 * how they differ and how to get the right documentation, or which is unknown; NULL
 * when they agree. g_free() it.
 */
int audit_version_compare(const struct value *report, char **why);

/* ---- audit-explain.c ---- */

/*
 * --explain. @links_to comes from audit_links_new(), built once for
 * all the paths to explain; free it with g_hash_table_destroy().
 */
typedef struct _GHashTable GHashTable;
GHashTable *audit_links_new(const struct audit *a);
struct value *audit_explain(const struct audit *a, const struct doc_source *src,
			    GHashTable *links_to, const char *path);

/* ---- audit-owner.c ---- */

/*
 * Append to @list the drivers and modules owning @g's files (up to three), with the
 * module's description when @db has it.
 */
void audit_group_owners(const struct audit_group *g, struct value *list,
			struct module_db *db);

/* ---- audit-view.c, checks-audit.c ---- */

/* The audit's kind of report (audit-view.c), and its checks (checks-audit.c). */
extern const struct report_kind audit_report_kind;
void checks_audit(const struct value *report, struct value *checks);

#endif
