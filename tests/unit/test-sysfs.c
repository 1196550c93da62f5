// SPDX-License-Identifier: GPL-2.0-or-later
/* The sysfs walk: what it records, links, ignore rules, nodes that fail or vanish. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"
#include "unit.h"

static char *fixture(void)
{
	char *p;

	CU_ASSERT_FATAL(asprintf(&p, "%s/audit/sys", unit_fixtures_dir()) > 0);
	return p;
}

static struct sysfs_tree *load(struct sysfs_ignore *ign, size_t n)
{
	char *path = fixture();
	struct sysfs_root *root;
	struct sysfs_tree *t = NULL;

	CU_ASSERT_EQUAL_FATAL(sysfs_root_open(path, &root, &(char *){ NULL }), 0);
	CU_ASSERT_EQUAL_FATAL(sysfs_tree_load(root, ign, n, NULL, NULL, &t), 0);
	sysfs_root_free(root);
	free(path);
	return t;
}

static void assert_path(const struct snode *n, const char *expect)
{
	char *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	p = snode_path(n);
	CU_ASSERT_STRING_EQUAL(p, expect);
	free(p);
}

static void test_walk_and_links(void)
{
	struct sysfs_tree *t = load(NULL, 0);
	const struct snode *n, *a, *b;

	/* every node once; nothing ignored without rules */
	CU_ASSERT_EQUAL(t->n_files, 21);
	CU_ASSERT_EQUAL(t->n_links, 10);
	CU_ASSERT_EQUAL(t->n_dirs, 33);
	CU_ASSERT_EQUAL(t->n_nodes, 64);
	CU_ASSERT_EQUAL(t->n_unreadable + t->n_vanished, 0);
	/* relative links resolve within the tree */
	n = sysfs_tree_lookup(t, "/sys/class/net/lo");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(n->type, SNODE_LINK);
	CU_ASSERT_STRING_EQUAL(n->link, "../../devices/virtual/net/lo");
	assert_path(n->link_target, "/sys/devices/virtual/net/lo");
	/* through links on the way, and at the end */
	assert_path(sysfs_tree_resolve(t, "/sys/class/net/lo/mtu"),
		    "/sys/devices/virtual/net/lo/mtu");
	assert_path(sysfs_tree_resolve(t, "/sys/class/net/lo/subsystem/eth0"),
		    "/sys/devices/virtual/net/eth0");
	CU_ASSERT_PTR_NULL(sysfs_tree_lookup(t, "/sys/class/net/lo/mtu"));
	/* leaving the tree, pointing nowhere, pointing at itself */
	n = sysfs_tree_lookup(t, "kernel/escape");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_TRUE(n->flags & SNODE_LINK_ESCAPES);
	CU_ASSERT_PTR_NULL(n->link_target);
	CU_ASSERT_TRUE(sysfs_tree_lookup(t, "/sys/kernel/dangling")->flags &
		       SNODE_LINK_DANGLING);
	CU_ASSERT_TRUE(sysfs_tree_lookup(t, "/sys/kernel/selfloop")->flags &
		       SNODE_LINK_DANGLING);
	/* names are interned: equal names, one string */
	a = sysfs_tree_lookup(t, "/sys/devices/system/cpu/cpu0/cache/index0/size");
	b = sysfs_tree_lookup(t, "/sys/devices/system/cpu/cpu1/cache/index0/size");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_EQUAL(a->name, b->name);
	CU_ASSERT_PTR_EQUAL(sysfs_tree_lookup(t, "/sys"), t->root);
	assert_path(t->root, "/sys");
	sysfs_tree_free(t);
}

static void test_ignore_rules(void)
{
	struct sysfs_ignore ign[] = {
		{ "/sys/kernel/debug", "debugfs", 0 },
		{ "/sys/devices/system/cpu/cpu*", NULL, 0 },
		{ "/sys/*/net", NULL,
		  0 }, /* /sys/class/net, but not the deeper virtual/net */
	};
	struct sysfs_tree *t = load(ign, 3);
	const struct snode *n;

	CU_ASSERT_EQUAL(ign[0].count, 1);
	CU_ASSERT_EQUAL(ign[1].count, 2);
	CU_ASSERT_EQUAL(ign[2].count, 1);
	CU_ASSERT_TRUE(sysfs_tree_lookup(t, "/sys/class/net")->flags & SNODE_IGNORED);
	n = sysfs_tree_lookup(t, "/sys/devices/system/cpu/cpu0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_TRUE(n->flags & SNODE_IGNORED);
	CU_ASSERT_EQUAL(n->ignore_rule, 2);
	/* recorded but not entered */
	CU_ASSERT_EQUAL(n->n_kids, 0);
	CU_ASSERT_PTR_NULL(sysfs_tree_lookup(t, "/sys/kernel/debug/x"));
	CU_ASSERT_PTR_NOT_NULL(sysfs_tree_lookup(t, "/sys/devices/system/cpu/online"));
	CU_ASSERT_PTR_NOT_NULL(sysfs_tree_lookup(t, "/sys/devices/virtual/net/lo/mtu"));
	sysfs_tree_free(t);
}

static int faults(const char *path, enum sysfs_op op)
{
	if (op == SYSFS_OP_OPENDIR && strcmp(path, "/sys/devices/platform") == 0)
		return ENOENT;
	if (op == SYSFS_OP_OPENDIR && strcmp(path, "/sys/kernel/mm") == 0)
		return EACCES;
	if (op == SYSFS_OP_READLINK && strcmp(path, "/sys/class/net/eth0") == 0)
		return EACCES;
	return 0;
}

static void test_vanished_and_unreadable(void)
{
	struct sysfs_tree *t;
	const struct snode *n;

	sysfs_tree_set_fault(faults);
	t = load(NULL, 0);
	sysfs_tree_set_fault(NULL);
	CU_ASSERT_EQUAL(t->n_vanished, 1);
	CU_ASSERT_EQUAL(t->n_unreadable, 2);
	n = sysfs_tree_lookup(t, "/sys/devices/platform");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_TRUE(n->flags & SNODE_VANISHED);
	CU_ASSERT_EQUAL(n->n_kids, 0);
	CU_ASSERT_TRUE(sysfs_tree_lookup(t, "/sys/kernel/mm")->flags & SNODE_UNREADABLE);
	n = sysfs_tree_lookup(t, "/sys/class/net/eth0");
	CU_ASSERT_TRUE(n->flags & SNODE_UNREADABLE);
	CU_ASSERT_PTR_NULL(n->link_target);
	/* the link into the vanished directory now points at nothing in the tree */
	CU_ASSERT_TRUE(sysfs_tree_lookup(t, "/sys/bus/foo/devices/foo.0")->flags &
		       SNODE_LINK_DANGLING);
	/* the rest is all there: not foo.0's 2 files, not mm's 3 */
	CU_ASSERT_EQUAL(t->n_files, 21 - 2 - 3);
	sysfs_tree_free(t);
}

static void test_missing_root(void)
{
	struct sysfs_root *root = (struct sysfs_root *)1;

	CU_ASSERT_EQUAL(sysfs_root_open("/nonexistent/sysabi/sys", &root,
					&(char *){ NULL }),
			-ENOENT);
	CU_ASSERT_PTR_NULL(root);
}

void test_sysfs_register(void)
{
	static const struct unit_test tests[] = {
		{ "walk and links", test_walk_and_links },
		{ "ignore rules", test_ignore_rules },
		{ "vanished and unreadable", test_vanished_and_unreadable },
		{ "missing root", test_missing_root },
		{},
	};

	unit_add_suite("sysfs", tests);
}
