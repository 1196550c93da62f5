/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The audit: a sysfs (sysfs-tree.h) judged against the ABI documentation.
 *
 * Every node is reached by its real path and by every alias a symlink gives it
 * (/sys/class/net/eth0/mtu for /sys/devices/.../net/eth0/mtu). The walk goes down the
 * sysfs tree and the index's trie together, one state set per node; state sets are
 * kept once each, and stepping a set by a name is cached, so repeated structure is
 * matched once. An alias walk enters a link's target only with the states the real
 * path does not already have there, so aliases cost little and cycles end. A `...`
 * stops at a link (abi_index_states_step_link()): the docs' `...` runs below one
 * device, never through its firmware_node or subsystem link into another's files.
 */
#ifndef SYSABI_AUDIT_H
#define SYSABI_AUDIT_H

#include "abi/abi.h"
#include "module-params.h"
#include "sysfs/sysfs-tree.h"

/* What a node is, as far as the documentation goes. Names are stable (JSON, baseline). */
enum audit_class {
	AUDIT_DOCUMENTED,   /* a stable or testing entry matches it */
	AUDIT_BY_DIRECTORY, /* no What matches it, but an entry for a directory above it
				names it in its Description */
	AUDIT_OBSOLETE,     /* only obsolete entries match it: warning */
	AUDIT_REMOVED,      /* only removed entries match it, yet it is there: error */
	AUDIT_UNDOCUMENTED,
	AUDIT_MODULE_PARAMETER, /* /sys/module/M/parameters/P no What matches, documented
				   by kernel-parameters.txt or the module's modinfo */
	AUDIT_CLASS_COUNT,
};

/*
 * Everything said of a class, once: one row of audit_classes[] a class, read by the
 * checks (checks-audit.c), the view (audit-view.c) and the model (audit-report.c).
 */
struct audit_class_info {
	const char *name;     /* stable: JSON, baselines, --fail-on */
	const char *check;    /* its check's name; NULL: it has none (documented) */
	const char *title;    /* its check's title */
	const char *about;    /* what its check asks */
	const char *severity; /* of its check's findings */
	int order;            /* where checks and text list it, from 0; -1: not listed */
	int chart_slot;       /* its bar in the chart of files; documented is two, one a
				 level it is documented in (stable, testing), from 0 */
};

extern const struct audit_class_info audit_classes[AUDIT_CLASS_COUNT];

/* The class listed @order-th (audit_class_info.order), or NULL. */
const struct audit_class_info *audit_class_listed(int order);
const char *audit_class_name(enum audit_class c);
int audit_class_parse(const char *name, enum audit_class *out);

/* How an entry fares on this system. */
enum audit_entry_status {
	AUDIT_ENTRY_MATCHED,     /* some live node matches one of its sysfs Whats */
	AUDIT_ENTRY_MISSING,     /* the parent directory exists, the attribute does not */
	AUDIT_ENTRY_CONDITIONAL, /* the same, and the Description says when it may be
				    absent (audit_absence_reason()) */
	AUDIT_ENTRY_ABSENT,      /* the device or subsystem is not on this system */
	AUDIT_ENTRY_NOT_SYSFS,   /* no sysfs What: configfs, procfs, prose... */
	AUDIT_ENTRY_STATUS_COUNT,
};

const char *audit_entry_status_name(enum audit_entry_status s);

/* Symlink hops an alias may take. /sys/class/X/Y -> device -> its parent is two. */
#define AUDIT_MAX_HOPS 4

/* The name a link has when an alias walk reaches it: through @outer, or its real path. */
struct audit_alias {
	const struct snode *link;
	const struct audit_alias *outer;
};

struct audit_node {
	const struct abi_what *match;  /* the best What matching the node, or NULL */
	const struct audit_alias *via; /* the link, under its name, whose target the match
					  was found below; NULL: the real path */
};

struct audit_entry {
	enum audit_entry_status status;
	size_t nodes;                /* live nodes matched */
	const struct snode *example; /* one of them */
};

struct audit {
	const struct abi_tree *abi;
	const struct abi_index *index;
	const struct sysfs_tree *sys;
	struct audit_node *nodes;    /* by snode id */
	uint8_t *classes;            /* by snode id: enum audit_class, files only */
	struct audit_entry *entries; /* by abi_entry index */
	size_t files[AUDIT_CLASS_COUNT];
	size_t dirs[AUDIT_CLASS_COUNT], links[AUDIT_CLASS_COUNT];
	size_t documented_by_level[ABI_LEVEL_COUNT]; /* files, by their best entry's level */
	size_t entries_by_status[ABI_LEVEL_COUNT + 1][AUDIT_ENTRY_STATUS_COUNT];
	size_t params_by_source[MODULE_PARAM_SOURCE_COUNT]; /* module-parameter files */
	struct module_params *params;                       /* borrowed, may be NULL */
	size_t distinct_state_sets, alias_walks;
	struct audit_priv *priv;
};

/*
 * Judge @sys against @index (over @abi), and the module parameters no What matches
 * against @params (NULL: none is documented elsewhere), which must outlive the audit.
 * Returns 0 or -ENOMEM. Free with audit_free().
 */
int audit_run(const struct abi_tree *abi, const struct abi_index *index,
	      const struct sysfs_tree *sys, struct module_params *params,
	      struct audit **out);
void audit_free(struct audit *a);

/*
 * Whether @n is a module parameter, /sys/module/MODULE/parameters/PARAM; its module's
 * and its own name are then set, borrowed from the tree.
 */
bool audit_module_param(const struct snode *n, const char **module, const char **param);

/*
 * The directory above file @n whose entry names it in its Description (sysfs-kernel-mm-
 * hugepages documents /sys/kernel/mm/hugepages/ and lists nr_hugepages... in its text),
 * or NULL.
 */
const struct snode *audit_named_by_directory(const struct audit *a,
					     const struct snode *n);

/*
 * The judgement of the audit on one path of no sysfs in particular, by the documentation
 * alone (what `sysabi match` says): the class @path would get, as a file (or a directory
 * when @is_dir). *@match is the What documenting it (the lowest level's first), or NULL;
 * for by-directory, *@dir_match is the What of the directory above whose Description
 * names the file, and *@dir (the caller frees it) that directory. @is_link (if not NULL)
 * tells which components of @path are links, where a `...` stops as in the walk.
 * Returns 0 or -ENOMEM.
 */
int audit_judge_path(const struct abi_index *index, const char *path, bool is_dir,
		     abi_link_fn is_link, void *link_data, enum audit_class *cls,
		     const struct abi_what **match, const struct abi_what **dir_match,
		     char **dir);

/*
 * Whether the parent directory of @w is the entry's own subject (audit-missing.c):
 * every word of its documentation file's name is a word of a literal component above
 * the attribute. Only then does finding that directory make the entry missing.
 */
bool audit_parent_is_subject(const struct abi_what *w);
/*
 * Why the documentation says @e may be absent, into @buf: a CONFIG_ option its
 * Description names, the sentence with a condition ("only present if..."), or an
 * architecture. False when it says nothing of the kind.
 */
bool audit_absence_reason(const struct abi_entry *e, char *buf, size_t size);
/* A buffer for audit_absence_reason(): a sentence is cut to fit, with "..." */
#define AUDIT_ABSENCE_REASON_MAX 160

/* The path by which @n's match was found: an alias through a link, or its real path. */
char *audit_match_path(const struct audit *a, const struct snode *n);

/* ---- audit-group.c: findings collapsed into patterns ---- */

/*
 * Paths that differ only in instance names make one group: a directory counts as an
 * instance when its parent has another directory holding the same next name, so 234
 * slab caches with `sheaf_capacity` give /sys/kernel/slab/<*>/sheaf_capacity (234).
 */
struct audit_group {
	enum audit_class cls; /* audit_groups(): the class; else the bucket's number */
	int bucket;
	char *pattern; /* "/sys/kernel/slab/<*>/sheaf_capacity" */
	size_t count;
	const struct snode *examples[3];
	size_t n_examples;
	const struct snode **members; /* all count of them */
};

/* Group the files of every class but documented; sorted by class, count, pattern. */
int audit_groups(const struct audit *a, struct audit_group **out, size_t *n);

/*
 * Group the files and links @bucket puts in a bucket (0 .. AUDIT_GROUP_MAX_BUCKETS - 1;
 * -1 leaves a node out): the nodes of one bucket are grouped as above, never with
 * another's.
 * Sorted by bucket, count, pattern.
 */
#define AUDIT_GROUP_MAX_BUCKETS 16
typedef int (*audit_bucket_fn)(const struct audit *a, const struct snode *n, void *data);
int audit_groups_by(const struct audit *a, audit_bucket_fn bucket, void *data,
		    struct audit_group **out, size_t *n);
/* audit_groups()'s buckets: the class of a file, -1 for one documented. */
int audit_class_bucket(const struct audit *a, const struct snode *n, void *data);
void audit_groups_free(struct audit_group *groups, size_t n);

#endif
