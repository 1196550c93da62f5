// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit's groups: files that differ only in instance names (block devices, slab
 * caches, CPUs) make one pattern, with <*> for the instance, and a count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macro.h"
#include "test-audit.h"

static const struct unit_file abi_tree[] = {
	{ "testing/sysfs-block",
	  UNIT_ENTRY("/sys/devices/virtual/block/<disk>/queue/rotational", "Spinning.") },
	{ "obsolete/sysfs-kernel-slab",
	  UNIT_ENTRY("/sys/kernel/slab/<cache>/old", "Use something else.") },
	{},
};

static const struct unit_file sys_tree[] = {
	{ "devices/virtual/block/loop0/queue/nr_requests", "128\n" },
	{ "devices/virtual/block/loop0/queue/rotational", "0\n" },
	{ "devices/virtual/block/loop0/queue/scheduler", "none\n" },
	{ "devices/virtual/block/loop1/queue/nr_requests", "128\n" },
	{ "devices/virtual/block/loop1/queue/rotational", "0\n" },
	{ "devices/virtual/block/loop2/queue/nr_requests", "128\n" },
	{ "devices/virtual/block/sda/queue/nr_requests", "64\n" },
	{ "devices/virtual/block/sda/queue/rotational", "1\n" },
	{ "devices/virtual/block/sda/queue/scheduler", "mq-deadline\n" },
	/* a file name of the same shape: the digits differ */
	{ "devices/hwmon/hwmon0/temp1_input", "40000\n" },
	{ "devices/hwmon/hwmon1/temp2_input", "41000\n" },
	/* cpu1 has a single cache index: still one group with cpu0's two */
	{ "devices/system/cpu/cpu0/cache/index0/size", "32K\n" },
	{ "devices/system/cpu/cpu0/cache/index1/size", "32K\n" },
	{ "devices/system/cpu/cpu1/cache/index0/size", "32K\n" },
	{ "kernel/slab/kmalloc-64/sheaf_capacity", "0\n" },
	{ "kernel/slab/kmalloc-64/old", "0\n" },
	{ "kernel/slab/dentry/sheaf_capacity", "0\n" },
	{ "kernel/slab/dentry/old", "0\n" },
	{ "kernel/lonely/alone", "1\n" },
	{},
};

static const struct {
	enum audit_class cls;
	const char *pattern;
	size_t count;
} expected[] = {
	{ AUDIT_OBSOLETE, "/sys/kernel/slab/<*>/old", 2 },
	{ AUDIT_UNDOCUMENTED, "/sys/devices/virtual/block/<*>/queue/nr_requests", 4 },
	{ AUDIT_UNDOCUMENTED, "/sys/devices/system/cpu/<*>/cache/<*>/size", 3 },
	{ AUDIT_UNDOCUMENTED, "/sys/devices/hwmon/<*>/<*>", 2 },
	{ AUDIT_UNDOCUMENTED, "/sys/devices/virtual/block/<*>/queue/scheduler", 2 },
	{ AUDIT_UNDOCUMENTED, "/sys/kernel/slab/<*>/sheaf_capacity", 2 },
	{ AUDIT_UNDOCUMENTED, "/sys/kernel/lonely/alone", 1 },
};

static void print_groups(const struct audit_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "\n  %s %s (%zu)", audit_class_name(g[i].cls),
			g[i].pattern, g[i].count);
	fputc('\n', stderr);
}

/* The patterns, their classes and counts, in the order reports show them. */
static void test_patterns(void)
{
	struct unit_audit u;
	struct audit_group *g = NULL;
	size_t n = 0, files = 0;

	unit_audit_run(&u, abi_tree, sys_tree, NULL);
	CU_ASSERT_EQUAL_FATAL(audit_groups(u.audit, &g, &n), 0);
	if (n != ARRAY_SIZE(expected))
		print_groups(g, n);
	CU_ASSERT_EQUAL(n, ARRAY_SIZE(expected));
	for (size_t i = 0; i < n && i < ARRAY_SIZE(expected); i++) {
		if (strcmp(g[i].pattern, expected[i].pattern) != 0)
			print_groups(g, n);
		CU_ASSERT_STRING_EQUAL(g[i].pattern, expected[i].pattern);
		CU_ASSERT_EQUAL(g[i].cls, expected[i].cls);
		CU_ASSERT_EQUAL(g[i].count, expected[i].count);
		files += g[i].count;
	}
	/* every file but the three documented rotational ones, each in one group */
	CU_ASSERT_EQUAL(u.audit->files[AUDIT_DOCUMENTED], 3);
	CU_ASSERT_EQUAL(files, u.sys->n_files - 3);
	audit_groups_free(g, n);
	unit_audit_free(&u);
}

/* A group holds all its files; the examples are the first three of them. */
static void test_members(void)
{
	static const char pattern[] = "/sys/devices/virtual/block/<*>/queue/nr_requests";
	static const char *const nr_requests[] = {
		"/sys/devices/virtual/block/loop0/queue/nr_requests",
		"/sys/devices/virtual/block/loop1/queue/nr_requests",
		"/sys/devices/virtual/block/loop2/queue/nr_requests",
		"/sys/devices/virtual/block/sda/queue/nr_requests",
	};
	struct unit_audit u;
	struct audit_group *g = NULL, *grp = NULL;
	size_t n = 0;

	unit_audit_run(&u, abi_tree, sys_tree, NULL);
	CU_ASSERT_EQUAL_FATAL(audit_groups(u.audit, &g, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].pattern, pattern) == 0)
			grp = &g[i];
	CU_ASSERT_PTR_NOT_NULL_FATAL(grp);
	CU_ASSERT_EQUAL_FATAL(grp->count, ARRAY_SIZE(nr_requests));
	CU_ASSERT_EQUAL(grp->n_examples, 3);
	for (size_t i = 0; i < grp->count; i++) {
		const struct snode *m = grp->members[i];
		char *path = snode_path(m);

		CU_ASSERT_STRING_EQUAL(path, nr_requests[i]);
		CU_ASSERT_EQUAL(u.audit->classes[m->id], AUDIT_UNDOCUMENTED);
		if (i < grp->n_examples)
			CU_ASSERT_PTR_EQUAL(grp->examples[i], m);
		free(path);
	}
	audit_groups_free(g, n);
	unit_audit_free(&u);
}

/* Nothing to group: no groups, and a list that frees all the same. */
static void test_nothing_to_group(void)
{
	static const struct unit_file abi[] = {
		{ "stable/sysfs-kernel-all",
		  UNIT_ENTRY("/sys/kernel/<x>/value", "Everything.") },
		{},
	};
	static const struct unit_file sys[] = {
		{ "kernel/a/value", "1\n" },
		{ "kernel/b/value", "2\n" },
		{},
	};
	struct unit_audit u;
	struct audit_group *g = NULL;
	size_t n = 1;

	unit_audit_run(&u, abi, sys, NULL);
	CU_ASSERT_EQUAL(u.audit->files[AUDIT_DOCUMENTED], 2);
	CU_ASSERT_EQUAL(audit_groups(u.audit, &g, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NOT_NULL(g);
	audit_groups_free(g, n);
	unit_audit_free(&u);
}

void test_audit_group_register(void)
{
	static const struct unit_test tests[] = {
		{ "patterns and counts", test_patterns },
		{ "members and examples", test_members },
		{ "nothing to group", test_nothing_to_group },
		{},
	};

	unit_add_suite("audit-group", tests);
}
