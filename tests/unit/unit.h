/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unit test runner: each tests/unit/test-<area>.c defines one
 * `void test_<area>_register(void)` that adds its CUnit suite, listed in main.c.
 */
#ifndef SYSABI_TESTS_UNIT_H
#define SYSABI_TESTS_UNIT_H

#include <CUnit/CUnit.h>

/* Add a suite named @name with the NULL-terminated tests in @tests. */
struct unit_test {
	const char *name;
	void (*fn)(void);
};

void unit_add_suite(const char *name, const struct unit_test *tests);

/* The directory holding tests/fixtures (set by the runner from $SYSABI_FIXTURES). */
const char *unit_fixtures_dir(void);

void test_what_register(void);
void test_reader_register(void);
void test_tree_register(void);
void test_index_register(void);

#endif
