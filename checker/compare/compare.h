/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Two sysfs compared: one machine before and after a kernel upgrade, or two machines.
 * The trees are walked side by side by name; a file on one side only vanished or
 * appeared, a node whose type or link target differs changed. Each is judged by the
 * documentation, through the audit of its own side (audit.h): the same ABI tree judges
 * both, so a file that vanished is judged by what the documentation says of it now.
 * The findings are grouped by pattern as the audit groups (audit_groups_by()), each
 * group with the count of files its pattern matches on each side. A group whose pattern
 * still matches on the other side lost or gained instances, not an interface (14
 * modules fewer loaded, slab caches merged otherwise): fewer-instances or
 * more-instances, whatever the documentation says of it.
 */
#ifndef SYSABI_COMPARE_H
#define SYSABI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"

/* What happened to a node, and what the documentation makes of it. Names are stable. */
enum compare_kind {
	COMPARE_VANISHED_STABLE,
	COMPARE_VANISHED_TESTING,
	COMPARE_VANISHED_OBSOLETE,
	COMPARE_VANISHED_REMOVED,
	COMPARE_VANISHED_UNDOCUMENTED,
	COMPARE_VANISHED_MODULE_PARAMETER,
	COMPARE_APPEARED_REMOVED,
	COMPARE_APPEARED_OBSOLETE,
	COMPARE_APPEARED_UNDOCUMENTED,
	COMPARE_APPEARED_DOCUMENTED,
	COMPARE_APPEARED_MODULE_PARAMETER,
	COMPARE_FEWER_INSTANCES,
	COMPARE_MORE_INSTANCES,
	COMPARE_CHANGED_TYPE,
	COMPARE_CHANGED_LINK,
	COMPARE_KIND_COUNT,
};

/* Everything said of a kind, once: the checks, the view and the model read it. */
struct compare_kind_info {
	const char *name;     /* stable: JSON, baselines, --fail-on */
	const char *severity; /* of a finding that does not fail the run */
	const char *side;     /* where the evidence is: "old", "new" or "both" */
	const char *title;    /* its check's title */
	const char *about;    /* what its check asks */
	const char *fix;      /* why it matters and what to do */
	bool fails;           /* in the default --fail-on */
};

extern const struct compare_kind_info compare_kinds[COMPARE_KIND_COUNT];
int compare_kind_parse(const char *name, enum compare_kind *out);

/* One sysfs of the two, judged. */
struct compare_side {
	const struct sysfs_tree *tree;
	struct audit *audit;
	int8_t *kinds; /* by snode id: the enum compare_kind of a node grouped here, or -1 */
};

struct compare_group {
	enum compare_kind kind;
	bool new_side;                /* its nodes are NEW's; else OLD's */
	char *pattern;                /* "/sys/class/net/<*>/phys_port_id" */
	size_t count;                 /* nodes */
	size_t old_count;             /* nodes the pattern matches in OLD */
	size_t new_count;             /* and in NEW */
	const struct snode **members; /* count of them, on the group's side */
	const struct abi_what *what;  /* the What documenting it, or NULL */
};

struct compare {
	struct compare_side old, new;
	struct compare_group *groups; /* sorted by kind, count, pattern */
	size_t n_groups;
	size_t nodes[COMPARE_KIND_COUNT]; /* nodes of each kind */
	size_t not_compared; /* directories unreadable on a side: below them, nothing */
};

/*
 * Compare @old with @new, both judged by @index over @abi. Returns 0 or -ENOMEM. Free
 * with compare_free(); it borrows the trees and the index.
 */
int compare_run(const struct abi_tree *abi, const struct abi_index *index,
		const struct sysfs_tree *old, const struct sysfs_tree *new,
		struct compare **out);
void compare_free(struct compare *c);

/* The node on the other side at the same path as @n, or NULL. */
const struct snode *compare_other(const struct compare *c, const struct snode *n,
				  bool n_is_new);

#endif
