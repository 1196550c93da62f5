// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysbtf_check() on sysfs trees written here: vmlinux and module BTF against the loaded
 * modules (module/NAME/initstate), and the report model built from it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf/btf.h"
#include "test-btf.h"
#include "unit.h"

void unit_write(const char *dir, const char *rel, const void *data, size_t len,
		mode_t mode)
{
	char *path, *slash;
	int fd;

	CU_ASSERT_FATAL(asprintf(&path, "%s/%s", dir, rel) > 0);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		CU_ASSERT_FATAL(mkdir(path, 0755) == 0 || errno == EEXIST);
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, data, len) == (ssize_t)len);
	CU_ASSERT_FATAL(fchmod(fd, mode) == 0 && close(fd) == 0);
	free(path);
}

struct tree {
	char *dir;
	void *base, *foo;
	size_t base_size, foo_size;
	struct sysfs_root *root; /* opened by run(), for the report to borrow */
};

/* A sysfs with vmlinux's BTF, unless @no_vmlinux, and no module. */
static void tree_new(struct tree *t, bool no_vmlinux)
{
	static const struct unit_file dirs[] = {
		{ "kernel/btf", NULL },
		{ "module", NULL },
		{ NULL, NULL },
	};

	t->root = NULL;
	t->dir = unit_tree_new(dirs);
	t->base = unit_btf_base(&t->base_size);
	t->foo = unit_btf_module(t->base, t->base_size, "foo", &t->foo_size);
	if (!no_vmlinux)
		unit_write(t->dir, "kernel/btf/vmlinux", t->base, t->base_size, 0444);
}

static void tree_free(struct tree *t)
{
	sysfs_root_free(t->root);
	unit_tree_remove(t->dir);
	free(t->base);
	free(t->foo);
}

static void loaded(struct tree *t, const char *name, const char *state)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "module/%s/initstate", name);
	unit_write(t->dir, rel, state, strlen(state), 0444);
}

static void with_btf(struct tree *t, const char *name)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "kernel/btf/%s", name);
	unit_write(t->dir, rel, t->foo, t->foo_size, 0444);
}

static struct sysbtf_report *run(struct tree *t)
{
	struct sysbtf_options opt = { 0 };
	struct sysbtf_report *r;

	sysfs_root_free(t->root);
	CU_ASSERT_EQUAL_FATAL(sysfs_root_open(t->dir, &t->root, &(char *){ NULL }), 0);
	opt.root = t->root;

	CU_ASSERT_EQUAL_FATAL(sysbtf_check(&opt, &r), 0);
	return r;
}

static void test_good_tree(void)
{
	struct tree t;
	struct sysbtf_report *r;

	tree_new(&t, false);
	loaded(&t, "foo", "live\n");
	with_btf(&t, "foo");
	unit_write(t.dir, "module/ext4/parameters/x", "1", 1, 0444); /* built in */
	r = run(&t);
	CU_ASSERT_EQUAL(r->n_findings, 0);
	CU_ASSERT_TRUE(r->exposed && !r->live && r->vmlinux.valid);
	CU_ASSERT_EQUAL(r->vmlinux.types, 7);
	CU_ASSERT_EQUAL(r->vmlinux.mode, 0444);
	CU_ASSERT_EQUAL_FATAL(r->n_modules, 1);
	CU_ASSERT_STRING_EQUAL(r->modules[0].name, "foo");
	CU_ASSERT_STRING_EQUAL(r->modules[0].state, "live");
	CU_ASSERT_TRUE(r->modules[0].btf.valid);
	CU_ASSERT_EQUAL(r->modules[0].btf.types, 4);
	CU_ASSERT_PTR_NULL(r->modules[0].btf.elf);
	sysbtf_report_free(r);
	tree_free(&t);
}

static void test_module_relations(void)
{
	struct tree t;
	struct sysbtf_report *r;

	tree_new(&t, false);
	loaded(&t, "foo", "live");
	with_btf(&t, "foo");
	loaded(&t, "bar", "live"); /* no BTF while foo has */
	with_btf(&t, "ghost");     /* no module */
	loaded(&t, "baz", "coming");
	with_btf(&t, "baz");
	r = run(&t);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-missing"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-orphan"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-not-live"), 1);
	CU_ASSERT_EQUAL(r->n_findings, 3);
	CU_ASSERT_EQUAL(r->counts[SYSBTF_ERROR], 1);
	CU_ASSERT_EQUAL(r->counts[SYSBTF_WARNING], 1);
	CU_ASSERT_EQUAL(r->counts[SYSBTF_INFO], 1);
	CU_ASSERT_EQUAL_FATAL(r->n_modules, 4);
	CU_ASSERT_STRING_EQUAL(r->modules[0].name, "bar");
	CU_ASSERT_STRING_EQUAL(r->modules[3].name, "ghost");
	CU_ASSERT_PTR_NULL(r->modules[3].state);
	sysbtf_report_free(r);
	tree_free(&t);
}

static void test_no_base(void)
{
	struct tree t;
	struct sysbtf_report *r;

	tree_new(&t, true);
	loaded(&t, "foo", "live");
	with_btf(&t, "foo");
	r = run(&t);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-vmlinux-missing"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-base-missing"), 1);
	CU_ASSERT_EQUAL(r->n_findings, 2);
	CU_ASSERT_FALSE(r->vmlinux.present);
	sysbtf_report_free(r);
	tree_free(&t);
	/* a broken vmlinux is no base either */
	tree_new(&t, false);
	unit_write(t.dir, "kernel/btf/vmlinux", "\x9f\xeb\x02", 3, 0444);
	loaded(&t, "foo", "live");
	with_btf(&t, "foo");
	r = run(&t);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-truncated"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-base-missing"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->findings[1].message, "not valid"));
	sysbtf_report_free(r);
	tree_free(&t);
}

static void test_files(void)
{
	struct tree t;
	struct sysbtf_report *r;
	char *d;

	/* no /sys/kernel/btf at all: one finding, for information */
	tree_new(&t, true);
	CU_ASSERT_FATAL(asprintf(&d, "%s/kernel/btf", t.dir) > 0);
	CU_ASSERT_FATAL(rmdir(d) == 0);
	free(d);
	r = run(&t);
	CU_ASSERT_EQUAL(r->n_findings, 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-not-exposed"), 1);
	CU_ASSERT_FALSE(r->exposed);
	sysbtf_report_free(r);
	tree_free(&t);
	/* a writable file, and a directory where a file belongs */
	tree_new(&t, false);
	CU_ASSERT_FATAL(asprintf(&d, "%s/kernel/btf/vmlinux", t.dir) > 0);
	CU_ASSERT_FATAL(chmod(d, 0644) == 0);
	free(d);
	unit_write(t.dir, "kernel/btf/odd/x", "", 0, 0444);
	r = run(&t);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-mode"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-unreadable"), 1);
	CU_ASSERT_EQUAL(unit_btf_count(r, "btf-module-orphan"), 1);
	CU_ASSERT_TRUE(r->vmlinux.valid);
	sysbtf_report_free(r);
	tree_free(&t);
}

static void test_report_value(void)
{
	struct tree t;
	struct sysbtf_report *r;
	struct value *v = value_object_new();

	tree_new(&t, false);
	loaded(&t, "bar", "live");
	loaded(&t, "foo", "live");
	with_btf(&t, "foo");
	r = run(&t);
	sysbtf_report_value(r, v);
	CU_ASSERT_FALSE(value_failed(v));
	CU_ASSERT_EQUAL(value_int(value_path(v, "vmlinux.kinds.STRUCT")), 1);
	CU_ASSERT_EQUAL(value_int(value_path(v, "vmlinux.header.magic")), 0xeb9f);
	CU_ASSERT_STRING_EQUAL(value_str(value_path(v, "vmlinux.mode")), "0444");
	CU_ASSERT_EQUAL(value_len(value_get(v, "modules")), 2);
	CU_ASSERT_EQUAL(
		value_type(value_get(value_at(value_get(v, "modules"), 0), "types")),
		VALUE_NULL);
	CU_ASSERT_EQUAL(value_int(value_path(v, "summary.findings.warning")), 1);
	CU_ASSERT_STRING_EQUAL(
		value_str(value_get(value_at(value_get(v, "findings"), 0), "id")),
		"btf-module-missing");
	value_free(v);
	sysbtf_report_free(r);
	tree_free(&t);
}

void test_btf_tree_register(void)
{
	static const struct unit_test tests[] = {
		{ "a good tree", test_good_tree },
		{ "module BTF against the loaded modules", test_module_relations },
		{ "no vmlinux, or a broken one: no base", test_no_base },
		{ "missing directory, modes, odd files", test_files },
		{ "the report model", test_report_value },
		{ NULL, NULL },
	};

	unit_add_suite("btf-tree", tests);
}
