// SPDX-License-Identifier: GPL-2.0-or-later
/* Typed reads of the result model: null reads as empty, a key never set is loud. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "report/value.h"

static struct value *sample(void)
{
	struct value *v = value_object_new();

	value_set_str(v, "name", "sysabi");
	value_set_int(v, "count", 42);
	value_set(v, "none", value_null_new());
	return v;
}

static void test_typed_reads(void)
{
	struct value *v = sample();

	CU_ASSERT_STRING_EQUAL(value_get_str(v, "name"), "sysabi");
	CU_ASSERT_EQUAL(value_get_int(v, "count"), 42);
	/* null is a value: empty, never a failure */
	CU_ASSERT_STRING_EQUAL(value_get_str(v, "none"), "");
	CU_ASSERT_EQUAL(value_get_int(v, "none"), 0);
	/* an optional part of the model that is not there reads as empty */
	CU_ASSERT_STRING_EQUAL(value_get_str(NULL, "name"), "");
	value_free(v);
}

/* @key read in a child with SYSABI_STRICT_MODEL as given: how the child ended. */
static int read_in_child(const char *key, bool strict)
{
	int status;
	pid_t pid = fork();

	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct value *v = sample();

		if (strict)
			setenv("SYSABI_STRICT_MODEL", "1", 1);
		else
			unsetenv("SYSABI_STRICT_MODEL");
		/* stderr closed: the abort's message is not the test's output */
		close(STDERR_FILENO);
		value_get_str(v, key);
		_exit(0);
	}
	CU_ASSERT_FATAL(waitpid(pid, &status, 0) == pid);
	return status;
}

/* A misspelt key read "" and passed; with SYSABI_STRICT_MODEL (make check) it aborts. */
static void test_missing_key(void)
{
	int status = read_in_child("nmae", true);

	CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	status = read_in_child("name", true);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = read_in_child("nmae", false);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

void test_value_register(void)
{
	static const struct unit_test tests[] = {
		{ "typed reads", test_typed_reads },
		{ "a key never set", test_missing_key },
		{},
	};

	unit_add_suite("value", tests);
}
