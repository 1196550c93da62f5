// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The audit: a small sysfs, made of directories, files and symlinks in a temporary
 * directory, judged against a small ABI tree with an entry of every level. Every file
 * lands in one class, every entry has one status, and the counts add up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/kernel-params.h"
#include "sysfs/sysfs-root.h"
#include "test-audit.h"

void unit_audit_run(struct unit_audit *u, const struct unit_file *abi,
		    const struct unit_file *sys, const struct unit_link *links)
{
	unit_audit_run_params(u, abi, sys, links, NULL);
}

void unit_audit_run_params(struct unit_audit *u, const struct unit_file *abi,
			   const struct unit_file *sys, const struct unit_link *links,
			   struct module_params *params)
{
	struct sysfs_root *root;

	memset(u, 0, sizeof(*u));
	u->params = params;
	u->abi_dir = unit_tree_new(abi);
	u->sys_dir = unit_tree_new(sys);
	for (; links && links->path; links++) {
		char *path;

		CU_ASSERT_FATAL(asprintf(&path, "%s/%s", u->sys_dir, links->path) > 0);
		CU_ASSERT_EQUAL(symlink(links->target, path), 0);
		free(path);
	}
	unit_load(u->abi_dir, &u->abi);
	CU_ASSERT_EQUAL_FATAL(u->abi.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(u->abi.tree, &u->index), 0);
	CU_ASSERT_EQUAL_FATAL(sysfs_root_open(u->sys_dir, &root, &(char *){ NULL }), 0);
	CU_ASSERT_EQUAL(sysfs_tree_load(root, NULL, 0, NULL, NULL, &u->sys), 0);
	sysfs_root_free(root);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u->sys);
	CU_ASSERT_EQUAL_FATAL(
		audit_run(u->abi.tree, u->index, u->sys, u->params, &u->audit), 0);
}

void unit_audit_free(struct unit_audit *u)
{
	audit_free(u->audit);
	module_params_free(u->params);
	sysfs_tree_free(u->sys);
	abi_index_free(u->index);
	unit_loaded_free(&u->abi);
	unit_tree_remove(u->abi_dir);
	unit_tree_remove(u->sys_dir);
	memset(u, 0, sizeof(*u));
}

const struct snode *unit_audit_node(const struct unit_audit *u, const char *path)
{
	const struct snode *n = sysfs_tree_lookup(u->sys, path);

	if (!n)
		fprintf(stderr, "\n  no node '%s'\n", path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	return n;
}

/*
 * The entries, one per level and status: level is stable, seen only through the
 * class/foo links; speed is testing, and obsolete too (the better level wins);
 * missing_attr's device is there but not it; bus/nothere is not on the machine;
 * tune/ names three of its files in its Description; flag/ is a directory, and this
 * machine's flag a file.
 */
static const struct unit_file abi_tree[] = {
	{ "stable/sysfs-class-foo",
	  UNIT_ENTRY("/sys/class/foo/<dev>/level", "The level.") },
	{ "testing/sysfs-devices-foo",
	  UNIT_ENTRY("/sys/devices/foo/<dev>/speed", "The speed.") "\n" UNIT_ENTRY("/sys/devices/foo/<dev>/missing_attr", "Not on this foo.") "\n" UNIT_ENTRY(
		  "/sys/bus/nothere/devices/<dev>/x",
		  "A bus this machine lacks.") "\n" UNIT_ENTRY("/proc/sysabi/thing",
							       "Not sysfs at all.") "\n" UNIT_ENTRY("/sys/devices/foo/<dev>/stats",
												    "Counters, with CONFIG_FOO_STATS.") },
	{ "testing/sysfs-kernel-tune",
	  UNIT_ENTRY("/sys/kernel/tune/", "Holds the files knob_a and knob_b.") "\n" UNIT_ENTRY(
		  "/sys/kernel/flag/", "A directory, never a file.") },
	{ "obsolete/sysfs-devices-foo-old",
	  UNIT_ENTRY("/sys/devices/foo/<dev>/old_speed", "Use speed.") "\n" UNIT_ENTRY(
		  "/sys/devices/foo/<dev>/speed", "Once obsolete, then taken back.") },
	{ "removed/sysfs-kernel-gone",
	  UNIT_ENTRY("/sys/kernel/gone", "Removed in 3.5.") },
	{},
};

static const struct unit_file sys_tree[] = {
	{ "devices/foo/foo0/level", "1\n" },
	{ "devices/foo/foo0/speed", "100\n" },
	{ "devices/foo/foo0/old_speed", "100\n" },
	{ "devices/foo/foo0/undoc_a", "x\n" },
	{ "devices/foo/foo1/level", "2\n" },
	{ "devices/foo/foo1/speed", "10\n" },
	{ "devices/foo/foo1/undoc_a", "y\n" },
	{ "class/foo", NULL },
	{ "kernel/gone", "1\n" },
	{ "kernel/stray", "1\n" },
	{ "kernel/flag", "1\n" },
	{ "kernel/tune/knob_a", "1\n" },
	{ "kernel/tune/knob_b", "1\n" },
	{ "kernel/tune/knob_c", "1\n" },
	{ "kernel/tune/knob", "1\n" },              /* a prefix of knob_a: not named */
	{ "kernel/tune/sub/knob_b", "1\n" },        /* named by the grandparent */
	{ "kernel/tune/sub/deeper/knob_a", "1\n" }, /* three levels down: too far */
	{},
};

static const struct unit_link sys_links[] = {
	{ "class/foo/foo0", "../../devices/foo/foo0" },
	{ "class/foo/foo1", "../../devices/foo/foo1" },
	{},
};

/* The file at @path is of class @c. */
static void assert_class(const struct unit_audit *u, const char *path, enum audit_class c)
{
	const struct snode *n = unit_audit_node(u, path);
	enum audit_class got = (enum audit_class)u->audit->classes[n->id];

	CU_ASSERT_EQUAL(n->type, SNODE_FILE);
	if (got != c)
		fprintf(stderr, "\n  %s: %s, not %s\n", path, audit_class_name(got),
			audit_class_name(c));
	CU_ASSERT_EQUAL(got, c);
}

/* The entry whose first What is @what: of two, the one that is not obsolete. */
static const struct abi_entry *entry_of(const struct unit_audit *u, const char *what)
{
	const struct abi_tree *t = u->abi.tree;
	const struct abi_entry *found = NULL;

	for (size_t i = 0; i < t->n_entries; i++) {
		const struct abi_entry *e = t->entries[i];

		if (!e->n_whats || strcmp(e->whats[0].text, what) != 0)
			continue;
		if (!found || found->level == ABI_LEVEL_OBSOLETE)
			found = e;
	}
	if (!found)
		fprintf(stderr, "\n  no entry '%s'\n", what);
	CU_ASSERT_PTR_NOT_NULL_FATAL(found);
	return found;
}

static void test_file_classes(void)
{
	struct unit_audit u;
	const struct audit *a;

	unit_audit_run(&u, abi_tree, sys_tree, sys_links);
	a = u.audit;
	CU_ASSERT_EQUAL(u.sys->n_files, 16);
	CU_ASSERT_EQUAL(a->files[AUDIT_DOCUMENTED], 4);
	CU_ASSERT_EQUAL(a->files[AUDIT_OBSOLETE], 1);
	CU_ASSERT_EQUAL(a->files[AUDIT_REMOVED], 1);
	CU_ASSERT_EQUAL(a->files[AUDIT_BY_DIRECTORY], 3);
	CU_ASSERT_EQUAL(a->files[AUDIT_UNDOCUMENTED], 7);

	assert_class(&u, "/sys/devices/foo/foo0/level", AUDIT_DOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo1/level", AUDIT_DOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo0/speed", AUDIT_DOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo1/speed", AUDIT_DOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo0/old_speed", AUDIT_OBSOLETE);
	assert_class(&u, "/sys/kernel/gone", AUDIT_REMOVED);
	assert_class(&u, "/sys/kernel/tune/knob_a", AUDIT_BY_DIRECTORY);
	assert_class(&u, "/sys/kernel/tune/knob_b", AUDIT_BY_DIRECTORY);
	assert_class(&u, "/sys/kernel/tune/sub/knob_b", AUDIT_BY_DIRECTORY);
	assert_class(&u, "/sys/kernel/tune/knob_c", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/kernel/tune/knob", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/kernel/tune/sub/deeper/knob_a", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/kernel/stray", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/kernel/flag", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo0/undoc_a", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/devices/foo/foo1/undoc_a", AUDIT_UNDOCUMENTED);
	unit_audit_free(&u);
}

/* Directories and links are judged too, and counted apart from files. */
static void test_dirs_and_links(void)
{
	struct unit_audit u;
	const struct audit *a;
	const struct snode *tune;
	size_t dirs = 0, links = 0;

	unit_audit_run(&u, abi_tree, sys_tree, sys_links);
	a = u.audit;
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		dirs += a->dirs[c];
		links += a->links[c];
	}
	/* every directory but the root */
	CU_ASSERT_EQUAL(dirs, u.sys->n_dirs - 1);
	CU_ASSERT_EQUAL(dirs, 10);
	/* tune/ is documented by its What ending in '/' */
	CU_ASSERT_EQUAL(a->dirs[AUDIT_DOCUMENTED], 1);
	tune = unit_audit_node(&u, "/sys/kernel/tune");
	CU_ASSERT_PTR_NOT_NULL(a->nodes[tune->id].match);
	CU_ASSERT_EQUAL(a->dirs[AUDIT_UNDOCUMENTED], 9);
	CU_ASSERT_EQUAL(links, 2);
	CU_ASSERT_EQUAL(a->links[AUDIT_UNDOCUMENTED], 2);
	unit_audit_free(&u);
}

/* The best level wins; a file seen only through a link says so. */
static void test_matches(void)
{
	struct unit_audit u;
	const struct audit *a;
	const struct snode *n;
	const struct abi_what *w;
	char *path;

	unit_audit_run(&u, abi_tree, sys_tree, sys_links);
	a = u.audit;
	CU_ASSERT_EQUAL(a->documented_by_level[ABI_LEVEL_STABLE], 2);
	CU_ASSERT_EQUAL(a->documented_by_level[ABI_LEVEL_TESTING], 2);
	CU_ASSERT_EQUAL(a->documented_by_level[ABI_LEVEL_OBSOLETE], 0);

	/* speed: testing and obsolete match, testing wins */
	n = unit_audit_node(&u, "/sys/devices/foo/foo1/speed");
	w = a->nodes[n->id].match;
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(w->entry->level, ABI_LEVEL_TESTING);
	CU_ASSERT_STRING_EQUAL(w->text, "/sys/devices/foo/<dev>/speed");
	path = audit_match_path(a, n);
	CU_ASSERT_STRING_EQUAL(path, "/sys/devices/foo/foo1/speed");
	free(path);

	/* level: documented under /sys/class only, reached through the link */
	n = unit_audit_node(&u, "/sys/devices/foo/foo1/level");
	w = a->nodes[n->id].match;
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(w->entry->level, ABI_LEVEL_STABLE);
	CU_ASSERT_PTR_NOT_NULL(a->nodes[n->id].via);
	path = audit_match_path(a, n);
	CU_ASSERT_STRING_EQUAL(path, "/sys/class/foo/foo1/level");
	free(path);

	n = unit_audit_node(&u, "/sys/kernel/stray");
	CU_ASSERT_PTR_NULL(a->nodes[n->id].match);
	unit_audit_free(&u);
}

static void assert_entry(const struct unit_audit *u, const char *what,
			 enum abi_level level, enum audit_entry_status status,
			 size_t nodes)
{
	const struct abi_entry *e = entry_of(u, what);
	const struct audit_entry *ae = &u->audit->entries[e->index];

	CU_ASSERT_EQUAL(e->level, level);
	if (ae->status != status || ae->nodes != nodes)
		fprintf(stderr, "\n  %s: %s, %zu nodes\n", what,
			audit_entry_status_name(ae->status), ae->nodes);
	CU_ASSERT_EQUAL(ae->status, status);
	CU_ASSERT_EQUAL(ae->nodes, nodes);
	CU_ASSERT_EQUAL(ae->example != NULL, nodes > 0);
}

static void test_entries(void)
{
	struct unit_audit u;
	const struct audit *a;
	const struct abi_entry *e;
	const size_t *testing;
	char *path;

	unit_audit_run(&u, abi_tree, sys_tree, sys_links);
	a = u.audit;
	CU_ASSERT_EQUAL(u.abi.tree->n_entries, 11);
	assert_entry(&u, "/sys/class/foo/<dev>/level", ABI_LEVEL_STABLE,
		     AUDIT_ENTRY_MATCHED, 2);
	assert_entry(&u, "/sys/devices/foo/<dev>/speed", ABI_LEVEL_TESTING,
		     AUDIT_ENTRY_MATCHED, 2);
	/* foo0 and foo1 are here (speed, documented beside it, is): missing */
	assert_entry(&u, "/sys/devices/foo/<dev>/missing_attr", ABI_LEVEL_TESTING,
		     AUDIT_ENTRY_MISSING, 0);
	/* the same, where the Description names the option it depends on */
	assert_entry(&u, "/sys/devices/foo/<dev>/stats", ABI_LEVEL_TESTING,
		     AUDIT_ENTRY_CONDITIONAL, 0);
	assert_entry(&u, "/sys/bus/nothere/devices/<dev>/x", ABI_LEVEL_TESTING,
		     AUDIT_ENTRY_ABSENT, 0);
	assert_entry(&u, "/proc/sysabi/thing", ABI_LEVEL_TESTING, AUDIT_ENTRY_NOT_SYSFS,
		     0);
	assert_entry(&u, "/sys/kernel/tune/", ABI_LEVEL_TESTING, AUDIT_ENTRY_MATCHED, 1);
	/*
	 * /sys/kernel is there, a directory flag is not; but sysfs-kernel-tune is about
	 * tune, and /sys/kernel is not the entry's object: absent
	 */
	assert_entry(&u, "/sys/kernel/flag/", ABI_LEVEL_TESTING, AUDIT_ENTRY_ABSENT, 0);
	assert_entry(&u, "/sys/devices/foo/<dev>/old_speed", ABI_LEVEL_OBSOLETE,
		     AUDIT_ENTRY_MATCHED, 1);
	assert_entry(&u, "/sys/kernel/gone", ABI_LEVEL_REMOVED, AUDIT_ENTRY_MATCHED, 1);

	/* the obsolete twin of speed matches the same two files, though it lost them */
	for (size_t i = 0; i < u.abi.tree->n_entries; i++) {
		e = u.abi.tree->entries[i];
		if (e->level == ABI_LEVEL_OBSOLETE &&
		    strcmp(e->whats[0].text, "/sys/devices/foo/<dev>/speed") == 0)
			break;
		e = NULL;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(a->entries[e->index].status, AUDIT_ENTRY_MATCHED);
	CU_ASSERT_EQUAL(a->entries[e->index].nodes, 2);

	/* the example is one of the matched nodes */
	e = entry_of(&u, "/sys/kernel/gone");
	path = snode_path(a->entries[e->index].example);
	CU_ASSERT_STRING_EQUAL(path, "/sys/kernel/gone");
	free(path);

	testing = a->entries_by_status[ABI_LEVEL_TESTING];
	CU_ASSERT_EQUAL(a->entries_by_status[ABI_LEVEL_STABLE][AUDIT_ENTRY_MATCHED], 1);
	CU_ASSERT_EQUAL(testing[AUDIT_ENTRY_MATCHED], 2);
	CU_ASSERT_EQUAL(testing[AUDIT_ENTRY_MISSING], 1);
	CU_ASSERT_EQUAL(testing[AUDIT_ENTRY_CONDITIONAL], 1);
	CU_ASSERT_EQUAL(testing[AUDIT_ENTRY_ABSENT], 2);
	CU_ASSERT_EQUAL(testing[AUDIT_ENTRY_NOT_SYSFS], 1);
	CU_ASSERT_EQUAL(a->entries_by_status[ABI_LEVEL_OBSOLETE][AUDIT_ENTRY_MATCHED], 2);
	CU_ASSERT_EQUAL(a->entries_by_status[ABI_LEVEL_REMOVED][AUDIT_ENTRY_MATCHED], 1);
	unit_audit_free(&u);
}

/* Which directory names a file, by whole words, no further than its grandparent. */
static void test_named_by_directory(void)
{
	struct unit_audit u;
	const struct snode *tune;

	unit_audit_run(&u, abi_tree, sys_tree, sys_links);
	tune = unit_audit_node(&u, "/sys/kernel/tune");
	CU_ASSERT_PTR_EQUAL(
		audit_named_by_directory(u.audit,
					 unit_audit_node(&u, "/sys/kernel/tune/knob_a")),
		tune);
	CU_ASSERT_PTR_EQUAL(audit_named_by_directory(
				    u.audit,
				    unit_audit_node(&u, "/sys/kernel/tune/sub/knob_b")),
			    tune);
	CU_ASSERT_PTR_NULL(audit_named_by_directory(
		u.audit, unit_audit_node(&u, "/sys/kernel/tune/knob")));
	CU_ASSERT_PTR_NULL(audit_named_by_directory(
		u.audit, unit_audit_node(&u, "/sys/kernel/tune/knob_c")));
	CU_ASSERT_PTR_NULL(audit_named_by_directory(
		u.audit, unit_audit_node(&u, "/sys/kernel/tune/sub/deeper/knob_a")));
	unit_audit_free(&u);
}

/*
 * Module parameters: a What first, then a directory's Description, then
 * kernel-parameters.txt; a file is a parameter only as /sys/module/M/parameters/P.
 */
static void test_module_parameters(void)
{
	static const struct unit_file abi[] = {
		{ "testing/sysfs-module",
		  UNIT_ENTRY(
			  "/sys/module/usbcore/parameters/authorized_default",
			  "Documented here too.") "\n" UNIT_ENTRY("/sys/module/tune/parameters/",
								  "Holds knob.") },
		{},
	};
	static const struct unit_file sys[] = {
		{ "module/usbcore/parameters/authorized_default", "1\n" },
		{ "module/usbcore/parameters/autosuspend", "2\n" },
		{ "module/usbcore/parameters/nosuch", "0\n" },
		{ "module/usbcore/autosuspend", "2\n" }, /* not below parameters/ */
		{ "module/usbcore/parameters/deeper/autosuspend", "2\n" },
		{ "module/tune/parameters/knob", "1\n" },         /* by-directory wins */
		{ "module/kvm_amd/parameters/nested", "1\n" },    /* kvm-amd.nested */
		{ "module/kernel/parameters/panic", "0\n" },      /* panic= */
		{ "devices/platform/x/parameters/panic", "0\n" }, /* not a module */
		{ "kernel/module/usbcore/parameters/autosuspend", "2\n" },
		{},
	};
	static const char kp_text[] = "\tusbcore.authorized_default=\n"
				      "\tusbcore.autosuspend=\n"
				      "\ttune.knob=\n"
				      "\tkvm-amd.nested=\t[KVM,AMD]\n"
				      "\tpanic=\t\t[KNL]\n";
	struct kernel_params *kp;
	struct unit_audit u;
	const struct audit *a;
	const char *m, *p;

	CU_ASSERT_EQUAL_FATAL(kernel_params_parse(kp_text, sizeof(kp_text) - 1, &kp), 0);
	unit_audit_run_params(&u, abi, sys, NULL, module_params_new(kp, NULL, NULL));
	a = u.audit;
	assert_class(&u, "/sys/module/usbcore/parameters/authorized_default",
		     AUDIT_DOCUMENTED);
	assert_class(&u, "/sys/module/usbcore/parameters/autosuspend",
		     AUDIT_MODULE_PARAMETER);
	assert_class(&u, "/sys/module/usbcore/parameters/nosuch", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/module/usbcore/autosuspend", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/module/usbcore/parameters/deeper/autosuspend",
		     AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/module/tune/parameters/knob", AUDIT_BY_DIRECTORY);
	assert_class(&u, "/sys/module/kvm_amd/parameters/nested", AUDIT_MODULE_PARAMETER);
	assert_class(&u, "/sys/module/kernel/parameters/panic", AUDIT_MODULE_PARAMETER);
	assert_class(&u, "/sys/devices/platform/x/parameters/panic", AUDIT_UNDOCUMENTED);
	assert_class(&u, "/sys/kernel/module/usbcore/parameters/autosuspend",
		     AUDIT_UNDOCUMENTED);
	CU_ASSERT_EQUAL(a->files[AUDIT_MODULE_PARAMETER], 3);
	CU_ASSERT_EQUAL(a->params_by_source[MODULE_PARAM_KERNEL_PARAMETERS], 3);
	CU_ASSERT_EQUAL(a->params_by_source[MODULE_PARAM_MODINFO], 0);
	CU_ASSERT_TRUE(audit_module_param(
		unit_audit_node(&u, "/sys/module/kvm_amd/parameters/nested"), &m, &p));
	CU_ASSERT_STRING_EQUAL(m, "kvm_amd");
	CU_ASSERT_STRING_EQUAL(p, "nested");
	CU_ASSERT_FALSE(
		audit_module_param(unit_audit_node(&u, "/sys/module/kvm_amd"), &m, &p));
	unit_audit_free(&u);

	/* without the sources, every one of them is undocumented */
	unit_audit_run(&u, abi, sys, NULL);
	assert_class(&u, "/sys/module/usbcore/parameters/autosuspend",
		     AUDIT_UNDOCUMENTED);
	CU_ASSERT_EQUAL(u.audit->files[AUDIT_MODULE_PARAMETER], 0);
	unit_audit_free(&u);
}

/* The class names are an interface (JSON, baselines): each parses back to itself. */
static void test_class_names(void)
{
	enum audit_class c = AUDIT_CLASS_COUNT;

	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_DOCUMENTED), "documented");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_BY_DIRECTORY), "by-directory");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_OBSOLETE), "obsolete");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_REMOVED), "removed");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_UNDOCUMENTED), "undocumented");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_MODULE_PARAMETER),
			       "module-parameter");
	CU_ASSERT_STRING_EQUAL(audit_class_name(AUDIT_CLASS_COUNT), "?");
	for (int i = 0; i < AUDIT_CLASS_COUNT; i++) {
		const char *name = audit_class_name((enum audit_class)i);

		CU_ASSERT_EQUAL(audit_class_parse(name, &c), 0);
		CU_ASSERT_EQUAL(c, i);
	}
	CU_ASSERT_EQUAL(audit_class_parse("Documented", &c), -EINVAL);
	CU_ASSERT_EQUAL(audit_class_parse("", &c), -EINVAL);
	CU_ASSERT_STRING_EQUAL(audit_entry_status_name(AUDIT_ENTRY_MATCHED), "matched");
	CU_ASSERT_STRING_EQUAL(audit_entry_status_name(AUDIT_ENTRY_MISSING), "missing");
	CU_ASSERT_STRING_EQUAL(audit_entry_status_name(AUDIT_ENTRY_ABSENT), "absent");
	CU_ASSERT_STRING_EQUAL(audit_entry_status_name(AUDIT_ENTRY_NOT_SYSFS),
			       "not-sysfs");
	CU_ASSERT_STRING_EQUAL(audit_entry_status_name(AUDIT_ENTRY_STATUS_COUNT), "?");
}

void test_audit_register(void)
{
	static const struct unit_test tests[] = {
		{ "file classes", test_file_classes },
		{ "directories and links", test_dirs_and_links },
		{ "best match and alias path", test_matches },
		{ "entry status", test_entries },
		{ "named by a directory", test_named_by_directory },
		{ "module parameters", test_module_parameters },
		{ "class and status names", test_class_names },
		{},
	};

	unit_add_suite("audit", tests);
}
