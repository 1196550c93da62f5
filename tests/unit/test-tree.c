// SPDX-License-Identifier: GPL-2.0-or-later
/* Loading whole trees: files, levels, order, kernel version, tree-wide checks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/abi-internal.h"
#include "unit.h"

#define ENTRY(what)                                                    \
	"What:\t\t" what "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\tSomething.\n\n"

static void test_levels_and_order(void)
{
	static const struct unit_file files[] = {
		{ "testing/sysfs-b", ENTRY("/sys/b") ENTRY("/sys/b2") },
		{ "stable/sysfs-a", ENTRY("/sys/a") },
		{ "removed/sysfs-d", ENTRY("/sys/d") },
		{ "obsolete/sysfs-c", ENTRY("/sys/c") },
		{ "README", "Prose about the levels.\nWhat: not an entry\n" },
		{ "testing/.hidden", ENTRY("/sys/hidden") },
		{ "testing/sysfs-b.orig", ENTRY("/sys/orig") },
		{},
	};
	char *dir = unit_tree_new(files);
	struct unit_loaded l;

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL(l.n_diags, 0);
	CU_ASSERT_EQUAL_FATAL(l.tree->n_files, 4);
	/* sorted by path, whatever order the directory lists them in */
	CU_ASSERT_STRING_EQUAL(l.tree->files[0]->path, "obsolete/sysfs-c");
	CU_ASSERT_STRING_EQUAL(l.tree->files[1]->path, "removed/sysfs-d");
	CU_ASSERT_STRING_EQUAL(l.tree->files[2]->path, "stable/sysfs-a");
	CU_ASSERT_STRING_EQUAL(l.tree->files[3]->path, "testing/sysfs-b");
	CU_ASSERT_STRING_EQUAL(l.tree->files[3]->name, "sysfs-b");
	CU_ASSERT_EQUAL(l.tree->files[0]->level, ABI_LEVEL_OBSOLETE);
	CU_ASSERT_EQUAL(l.tree->files[1]->level, ABI_LEVEL_REMOVED);
	CU_ASSERT_EQUAL(l.tree->files[2]->level, ABI_LEVEL_STABLE);
	CU_ASSERT_EQUAL(l.tree->files[3]->level, ABI_LEVEL_TESTING);
	CU_ASSERT_EQUAL_FATAL(l.tree->n_entries, 5);
	CU_ASSERT_EQUAL(l.tree->n_whats, 5);
	for (size_t i = 0; i < l.tree->n_entries; i++)
		CU_ASSERT_EQUAL(l.tree->entries[i]->index, i);
	CU_ASSERT_STRING_EQUAL(l.tree->entries[3]->whats[0].path, "/sys/b");
	CU_ASSERT_STRING_EQUAL(l.tree->entries[4]->whats[0].path, "/sys/b2");
	CU_ASSERT_EQUAL(l.tree->entries[4]->level, ABI_LEVEL_TESTING);
	CU_ASSERT_EQUAL(l.tree->entries[4]->whats[0].kind, ABI_WHAT_SYSFS);
	CU_ASSERT_PTR_NOT_NULL(l.tree->entries[4]->whats[0].pattern);
	CU_ASSERT_PTR_NULL(l.tree->kernel_version);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static void test_duplicates_listed_everywhere(void)
{
	static const struct unit_file files[] = {
		{ "stable/sysfs-cpu",
		  ENTRY("/sys/devices/system/cpu/cpuX/topology/ppin") },
		{ "testing/sysfs-cpu-more",
		  "What:\t\t/sys/devices/system/cpu/cpuX/topology/core_id\n"
		  "\t\t/sys/devices/system/cpu/cpuX/topology/ppin\n"
		  "Date:\t\tDecember 2008\nKernelVersion:\t2.6.28\nContact:\tx@example.org\n"
		  "Description:\tTopology.\n\n" ENTRY(
			  "/sys/devices/system/cpu/cpuX/topology/ppin") },
		{},
	};
	char *dir = unit_tree_new(files);
	const struct unit_diag *d;
	struct unit_loaded l;

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL(abi_ctx_diag_count(l.ctx, ABI_DIAG_WHAT_DUPLICATE), 1);
	d = unit_find_diag(&l, ABI_DIAG_WHAT_DUPLICATE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	/* reported at the first place, listing all three, the indented line included */
	CU_ASSERT_STRING_EQUAL(d->file, "stable/sysfs-cpu");
	CU_ASSERT_EQUAL(d->line, 1);
	CU_ASSERT_EQUAL(d->n_related, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "documented 3 times"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "stable/sysfs-cpu:1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "testing/sysfs-cpu-more:2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "testing/sysfs-cpu-more:8"));
	/* core_id is documented once: no diagnostic names it */
	for (size_t i = 0; i < l.n_diags; i++)
		CU_ASSERT_PTR_NULL(strstr(l.diags[i].message, "core_id"));
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static void test_file_in_two_levels(void)
{
	static const struct unit_file files[] = {
		{ "stable/sysfs-devices-system-cpu",
		  ENTRY("/sys/devices/system/cpu/online") },
		{ "testing/sysfs-devices-system-cpu",
		  ENTRY("/sys/devices/system/cpu/possible") },
		{ "testing/sub/sysfs-other", ENTRY("/sys/x") },
		{ "testing/sysfs-other", ENTRY("/sys/y") },
		{},
	};
	char *dir = unit_tree_new(files);
	const struct unit_diag *d;
	struct unit_loaded l;

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	/* the same level twice (a subdirectory) is no diagnostic */
	CU_ASSERT_EQUAL(abi_ctx_diag_count(l.ctx, ABI_DIAG_FILE_IN_TWO_LEVELS), 1);
	d = unit_find_diag(&l, ABI_DIAG_FILE_IN_TWO_LEVELS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->file, "testing/sysfs-devices-system-cpu");
	CU_ASSERT_EQUAL(d->n_related, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d->message, "stable"));
	CU_ASSERT_EQUAL(l.tree->files[1]->level, ABI_LEVEL_TESTING);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static void test_unreadable_and_outside(void)
{
	static const struct unit_file files[] = {
		{ "stable/sysfs-ok", ENTRY("/sys/ok") },
		{ "sysfs-stray", ENTRY("/sys/stray") },
		{ "testing", NULL },
		{},
	};
	char *dir = unit_tree_new(files), *link;
	const struct unit_diag *d;
	struct unit_loaded l;

	/* a link, even to nothing, is listed, and not followed */
	CU_ASSERT_FATAL(asprintf(&link, "%s/testing/sysfs-dangling", dir) > 0);
	CU_ASSERT_FATAL(symlink("/nonexistent/sysabi-target", link) == 0);
	free(link);
	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	d = unit_find_diag(&l, ABI_DIAG_FILE_OUTSIDE_LEVEL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->file, "sysfs-stray");
	d = unit_find_diag(&l, ABI_DIAG_UNREADABLE_FILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->file, "testing/sysfs-dangling");
	CU_ASSERT_STRING_EQUAL(d->message,
			       "cannot read 'testing/sysfs-dangling': symbolic "
			       "link not followed");
	CU_ASSERT_EQUAL(abi_diag_kind_severity(d->kind), ABI_SEVERITY_ERROR);
	CU_ASSERT_EQUAL_FATAL(l.tree->n_files, 3);
	CU_ASSERT_EQUAL(l.tree->files[1]->level, ABI_LEVEL_NONE);
	CU_ASSERT_EQUAL(l.tree->n_entries, 2);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

/*
 * A tree from a pull request must not make sysabi read this machine's files: links to
 * files and directories, in or out of the tree, are diagnostics, never read; so is a
 * directory below the depth limit, which used to vanish silently.
 */
static void test_links_and_depth(void)
{
	static const struct unit_file files[] = {
		{ "secret", "What:\t\t/sys/secret\nDescription:\tnot to be read\n" },
		{ "ABI/stable/sysfs-ok", ENTRY("/sys/ok") },
		{ "ABI/testing/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/sysfs-16",
		  ENTRY("/sys/sixteen") },
		{ "ABI/testing/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/sysfs-17",
		  ENTRY("/sys/seventeen") },
		{},
	};
	char *top = unit_tree_new(files), *abi, *p;
	struct unit_loaded l;
	size_t unreadable = 0;

	CU_ASSERT_FATAL(asprintf(&abi, "%s/ABI", top) > 0);
	CU_ASSERT_FATAL(asprintf(&p, "%s/testing/sysfs-out", abi) > 0);
	CU_ASSERT_FATAL(symlink("../../secret", p) == 0);
	free(p);
	CU_ASSERT_FATAL(asprintf(&p, "%s/testing/sysfs-in", abi) > 0);
	CU_ASSERT_FATAL(symlink("../stable/sysfs-ok", p) == 0);
	free(p);
	CU_ASSERT_FATAL(asprintf(&p, "%s/obsolete", abi) > 0);
	CU_ASSERT_FATAL(symlink("..", p) == 0);
	free(p);
	unit_load(abi, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	for (size_t i = 0; i < l.n_diags; i++) {
		if (l.diags[i].kind != ABI_DIAG_UNREADABLE_FILE)
			continue;
		unreadable++;
		CU_ASSERT(strstr(l.diags[i].message, "symbolic link not followed") ||
			  strstr(l.diags[i].message, "more than 16 levels deep"));
	}
	CU_ASSERT_EQUAL(unreadable, 4);
	/* only the real files' entries: the 16-deep one is read, the 17-deep one is not */
	CU_ASSERT_EQUAL(l.tree->n_entries, 2);
	for (size_t i = 0; i < l.tree->n_entries; i++)
		CU_ASSERT(strcmp(l.tree->entries[i]->whats[0].text, "/sys/secret") != 0);
	unit_loaded_free(&l);
	free(abi);
	unit_tree_remove(top);
}

static void test_missing_dir(void)
{
	struct unit_loaded l;

	unit_load("/nonexistent/sysabi/Documentation/ABI", &l);
	CU_ASSERT_EQUAL(l.r, -ENOENT);
	CU_ASSERT_PTR_NULL(l.tree);
	unit_loaded_free(&l);
}

static void test_kernel_version(void)
{
	static const struct unit_file files[] = {
		{ "Makefile",
		  "# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 12\n"
		  "SUBLEVEL = 117\nEXTRAVERSION = -rc1\nNAME = Baby Opossum Posse\n" },
		{ "Documentation/ABI/stable/sysfs-a", ENTRY("/sys/a") },
		{},
	};
	char *dir = unit_tree_new(files), *abi;
	struct unit_loaded l;

	CU_ASSERT_FATAL(asprintf(&abi, "%s/Documentation/ABI/", dir) > 0);
	unit_load(abi, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.tree->kernel_version);
	CU_ASSERT_STRING_EQUAL(l.tree->kernel_version, "6.12.117-rc1");
	unit_loaded_free(&l);
	free(abi);
	unit_tree_remove(dir);
}

void test_tree_register(void)
{
	static const struct unit_test tests[] = {
		{ "levels and order", test_levels_and_order },
		{ "duplicates listed everywhere", test_duplicates_listed_everywhere },
		{ "file in two levels", test_file_in_two_levels },
		{ "unreadable and outside", test_unreadable_and_outside },
		{ "links and depth", test_links_and_depth },
		{ "missing dir", test_missing_dir },
		{ "kernel version", test_kernel_version },
		{},
	};

	unit_add_suite("tree", tests);
}
