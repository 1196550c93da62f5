/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the audit suites (test-audit*.c) share: an ABI tree and a sysfs tree, both
 * written to temporary directories, loaded, indexed and audited.
 */
#ifndef SYSABI_TESTS_TEST_AUDIT_H
#define SYSABI_TESTS_TEST_AUDIT_H

#include "audit/audit.h"
#include "unit.h"

/* An entry of an ABI file, with every tag the reader wants. */
#define UNIT_ENTRY(what, description) \
	"What:\t\t" what "\n"         \
	"Date:\t\tJune 2020\n"        \
	"KernelVersion:\t5.8\n"       \
	"Contact:\tx@example.org\n"   \
	"Description:\t" description "\n"

/* A symlink of a temporary sysfs: its path in the tree, and what it reads. */
struct unit_link {
	const char *path;
	const char *target;
};

struct unit_audit {
	char *abi_dir, *sys_dir;
	struct unit_loaded abi;
	struct abi_index *index;
	struct sysfs_tree *sys;
	struct module_params *params;
	struct audit *audit;
};

/*
 * Write the ABI tree @abi and the sysfs @sys with @links (each ended by a {NULL}) to
 * temporary directories, load both and audit one against the other into @u. Ends the
 * test (fatal assertion) when one of the steps fails. unit_audit_free() frees it all.
 */
void unit_audit_run(struct unit_audit *u, const struct unit_file *abi,
		    const struct unit_file *sys, const struct unit_link *links);
/* The same, with module parameters documented by @params (taken over; may be NULL). */
void unit_audit_run_params(struct unit_audit *u, const struct unit_file *abi,
			   const struct unit_file *sys, const struct unit_link *links,
			   struct module_params *params);
void unit_audit_free(struct unit_audit *u);

/* The node at @path ("/sys/..."); fails the test when there is none. */
const struct snode *unit_audit_node(const struct unit_audit *u, const char *path);

#endif
