/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unit test runner: each tests/unit/test-<area>.c defines one
 * `void test_<area>_register(void)` that adds its CUnit suite, listed in main.c.
 */
#ifndef SYSABI_TESTS_UNIT_H
#define SYSABI_TESTS_UNIT_H

#include <CUnit/CUnit.h>

#include "abi/abi.h"

/* Add a suite named @name with the NULL-terminated tests in @tests. */
struct unit_test {
	const char *name;
	void (*fn)(void);
};

void unit_add_suite(const char *name, const struct unit_test *tests);

/* The directory holding tests/fixtures (set by the runner from $SYSABI_FIXTURES). */
const char *unit_fixtures_dir(void);

/* A file of a temporary tree: path relative to the tree, content (NULL: a directory). */
struct unit_file {
	const char *path;
	const char *content;
};

/*
 * Write @files (ended by a {NULL}) below a new temporary directory; returns its path,
 * which unit_tree_remove() deletes and frees. Aborts the test run on failure.
 */
char *unit_tree_new(const struct unit_file *files);
void unit_tree_remove(char *dir);

/* Load the tree in @dir, collecting diagnostics; unit_loaded_free() frees it all. */
struct unit_loaded {
	struct abi_ctx *ctx;
	struct abi_tree *tree;
	int r;
	size_t n_diags;
	struct unit_diag {
		enum abi_diag_kind kind;
		char *file;
		unsigned int line;
		char *message;
		size_t n_related;
	} diags[256];
};

void unit_load(const char *dir, struct unit_loaded *out);
void unit_loaded_free(struct unit_loaded *l);
/* The first diagnostic of @kind, or NULL. */
const struct unit_diag *unit_find_diag(const struct unit_loaded *l,
				       enum abi_diag_kind kind);

void test_what_register(void);
void test_reader_register(void);
void test_tree_register(void);
void test_index_register(void);
void test_image_register(void);
void test_sysfs_register(void);
void test_btf_register(void), test_btf_tree_register(void), test_btf_elf_register(void);
void test_template_register(void);
void test_render_register(void);
void test_diff_register(void);
void test_rest_register(void);
void test_beneath_register(void);
void test_value_register(void);
void test_audit_register(void), test_audit_group_register(void);
void test_module_params_register(void);
void test_checks_register(void);
void test_cli_register(void);
void test_alloc_register(void);
void test_treemap_register(void);
void test_fleet_store_register(void), test_fleet_pool_register(void);

#endif
