/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The audit's report: its result model, what `sysabi audit` reports in every format
 * (audit-report.c), the names that reach a node (audit-explain.c), the owners of a
 * group (audit-owner.c), and its kind of report (audit-view.c, checks-audit.c). A
 * section a file below.
 */
#ifndef SYSABI_AUDIT_REPORT_H
#define SYSABI_AUDIT_REPORT_H

#include <glib.h>

#include "audit.h"
#include "baseline.h"
#include "btf/btf.h"
#include "cli/doc-source.h"
#include "report/report-kind.h"
#include "sysfs/sysfs-root.h"

struct cli;
struct command;
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
	const char *command;          /* the model's "command": audit, or undefined */
	const char *search_string; /* --search-string: only findings whose path matches */
	bool ignore_case;          /* -i */
	bool show_hints;           /* --show-hints */
	const char *baseline_path;
	const struct baseline *baseline;
	const char **explain;
	size_t n_explain;
};

/* ---- cmd-audit.c ---- */

/* The options of audit and undefined, in their --help. */
#define AUDIT_OPTIONS_HELP                                                                  \
	"      --sysfs-root PATH    the sysfs to read: a directory, or an archive of one\n" \
	"                           (tar, .tar.gz, .tar.xz, .tar.zst; 'sysabi\n"            \
	"                           snapshot' writes them), read without unpacking\n"       \
	"                           (default: /sys)\n"                                      \
	"      --any-root           read a root with no devices/, bus/, class/ or\n"        \
	"                           module/ all the same\n"                                 \
	"      --label NAME         a name for the machine, shown with the sysfs\n"         \
	"                           (default: the snapshot's)\n"                            \
	"      --search-string REGEX  only the findings whose path matches REGEX, a\n"      \
	"                           POSIX extended regular expression; case counts\n"       \
	"  -i, --ignore-case        --search-string ignores case\n"                         \
	"      --show-hints         for each undocumented group, the nearest Whats\n"       \
	"                           and why they do not match\n"                            \
	"      --ignore GLOB        do not walk paths matching GLOB, an absolute glob\n"    \
	"                           whose wildcards stay within one component\n"            \
	"      --no-default-ignores walk debugfs, tracefs, cgroup, bpf, pstore... too\n"    \
	"      --all                also list matched entries\n"                            \
	"  -v, --verbose            list unreadable and vanished nodes, escaping and\n"     \
	"                           dangling links, and a few examples per group\n"         \
	"                           (JSON always has every path of every group)\n"          \
	"      --explain PATH       tell by which names PATH is reached and what each\n"    \
	"                           matches (repeatable)\n"                                 \
	"      --suggest            a What/Date/KernelVersion/Contact/Description\n"        \
	"                           skeleton for each undocumented group\n"                 \
	"      --fail-on LIST       finding kinds that fail the run, comma-separated:\n"    \
	"                           undocumented, removed, obsolete, by-directory,\n"       \
	"                           module-parameter, missing, btf (BTF errors), none\n"    \
	"                           (default: removed,undocumented,btf)\n"                  \
	"      --baseline FILE      findings listed in FILE do not fail the run\n"          \
	"      --write-baseline FILE  record the current findings in FILE, and exit 0\n"    \
	"      --no-btf             skip the BTF checks of /sys/kernel/btf (see\n"          \
	"                           'sysabi btf')\n"                                        \
	"      --modules-dir DIR    the modules of the sysfs judged, laid out as\n"         \
	"                           /lib/modules/VERSION with depmod's indexes: their\n"    \
	"                           modinfo describes module parameters and owners\n"       \
	"                           (default, on the live /sys: the running kernel's)\n"

/* The audit as command @cmd runs it: audit, or undefined (its own report kind). */
int audit_command_run(struct cli *cli, const struct command *cmd, int argc, char **argv);

/*
 * Where module parameters are documented besides Documentation/ABI (cmd-audit.c):
 * kernel-parameters.txt of the documentation @src's tree is part of, and modinfo from
 * @db (may be NULL). One that is there but cannot be read is said on standard error,
 * and the judgement goes on without it. Free with module_params_free().
 */
struct module_params *audit_module_params_load(struct module_db *db,
					       const struct doc_source *src);

/* ---- audit-hints.c ---- */

/* Every sysfs What whose last component is a literal name, by that name. */
GHashTable *audit_hints_index(const struct abi_tree *abi);
/*
 * For undocumented file @n, the Whats nearest to it and why they do not document it:
 * [{what, file, line, why}], a few of each kind (audit-hints.c).
 */
struct value *audit_hints(const struct audit *a, GHashTable *by_name,
			  const struct snode *n);

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

/* ---- audit-subsystems.c ---- */

/*
 * Append to @list the files of the sysfs by subsystem (bus/pci, class/net, kernel/mm,
 * devices/system, module...), sorted by name: {name, files (by class, and total),
 * documented_by_level (stable, testing)}, the report's "subsystems". Every file judged
 * is counted once.
 */
void audit_report_subsystems(const struct audit *a, struct value *list);

/* ---- audit-treemap.c ---- */

/* Add to @view the treemap of @report's subsystems (audit-treemap.c), or null when the
 * sysfs has no file: the HTML report's picture of the whole sysfs. */
void audit_add_treemap(struct value *view, const struct value *report);

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
 * Who owns the files of the groups of one report: each directory's answer is kept for
 * the next group. The module descriptions come from @db (may be NULL).
 */
struct audit_owners;
struct audit_owners *audit_owners_new(struct module_db *db);
void audit_owners_free(struct audit_owners *owners);
/*
 * Append to @list the drivers and modules owning @g's files (up to three), with the
 * module's description when the database has it.
 */
void audit_group_owners(struct audit_owners *owners, const struct audit_group *g,
			struct value *list);

/* ---- audit-view.c, checks-audit.c ---- */

/* The audit's kind of report (audit-view.c), and its checks (checks-audit.c). */
extern const struct report_kind audit_report_kind;
void checks_audit(const struct value *report, struct value *checks);
/* The audit's report as `sysabi undefined` writes it: get_abi.pl undefined's list. */
extern const struct report_kind undefined_report_kind;

#endif
