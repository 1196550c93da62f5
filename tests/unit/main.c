// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CUnit runner for every unit suite. Prints CUnit's summary and exits non-zero when
 * a test failed, so make check and CI see it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "common/macro.h"
#include "unit.h"

void unit_add_suite(const char *name, const struct unit_test *tests)
{
	CU_pSuite suite = CU_add_suite(name, NULL, NULL);

	if (!suite) {
		fprintf(stderr, "unit-tests: cannot add suite '%s': %s\n", name,
			CU_get_error_msg());
		exit(2);
	}
	for (; tests->name; tests++) {
		if (!CU_add_test(suite, tests->name, tests->fn)) {
			fprintf(stderr, "unit-tests: cannot add test '%s'\n",
				tests->name);
			exit(2);
		}
	}
}

static char *fixtures_dir;

const char *unit_fixtures_dir(void)
{
	return fixtures_dir;
}

/* Absolute, resolved before any test runs: test-beneath.c changes directory. */
static void find_fixtures(void)
{
	const char *dir = getenv("SYSABI_FIXTURES");

	if (!dir || !*dir)
		dir = "tests/fixtures";
	fixtures_dir = realpath(dir, NULL);
	if (!fixtures_dir)
		fixtures_dir = strdup(dir);
	if (!fixtures_dir) {
		fprintf(stderr, "unit-tests: out of memory\n");
		exit(2);
	}
}

int main(void)
{
	void (*const suites[])(void) = {
		test_what_register,        test_reader_register,
		test_tree_register,        test_index_register,
		test_image_register,       test_sysfs_register,
		test_btf_register,         test_btf_tree_register,
		test_btf_elf_register,     test_template_register,
		test_render_register,      test_diff_register,
		test_rest_register,        test_beneath_register,
		test_value_register,       test_audit_register,
		test_audit_group_register, test_module_params_register,
		test_checks_register,      test_cli_register,
		test_alloc_register,       test_treemap_register,
		test_fleet_store_register, test_fleet_pool_register,
	};
	unsigned int failed;

	find_fixtures();
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "unit-tests: %s\n", CU_get_error_msg());
		return 2;
	}
	for (size_t i = 0; i < ARRAY_SIZE(suites); i++)
		suites[i]();

	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_tests_failed();
	/* one machine-readable line for tests/run.sh */
	printf("unit: %u tests, %u passed, %u failed\n", CU_get_number_of_tests_run(),
	       CU_get_number_of_tests_run() - failed, failed);
	CU_cleanup_registry();
	free(fixtures_dir);
	return failed ? 1 : 0;
}
