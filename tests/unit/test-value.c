// SPDX-License-Identifier: GPL-2.0-or-later
/* Typed reads of the result model: null reads as empty, a key never set is loud. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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
	CU_ASSERT_EQUAL(value_get_int(NULL, "count"), 0);
	value_free(v);
}

/* A view adds keys to the model it extends; reads find both, its own first. */
static void test_extended_reads(void)
{
	struct value *base = sample(), *view = value_object_extend(base);

	value_set_str(view, "name", "view");
	value_set_int(view, "extra", -7);
	CU_ASSERT_STRING_EQUAL(value_get_str(view, "name"), "view");
	CU_ASSERT_EQUAL(value_get_int(view, "count"), 42);
	CU_ASSERT_EQUAL(value_get_int(view, "extra"), -7);
	CU_ASSERT_STRING_EQUAL(value_get_str(base, "name"), "sysabi");
	value_free(view);
	value_free(base);
}

/* Where a read in a child is made. */
enum model {
	MODEL_SAMPLE,
	MODEL_EXTENDED, /* an object extending the sample, with no keys of its own */
	MODEL_NONE,     /* NULL: an optional part that is not there */
};

/* How a child that read one key ended, and what it said on stderr. */
struct child {
	int status;
	char err[512];
};

/*
 * @key read (as an integer if @as_int) in a child, with SYSABI_STRICT_MODEL set or not.
 * The child exits with what it read, as a number: the integer, or the string's length.
 */
static void read_in_child(enum model model, const char *key, bool as_int, bool strict,
			  struct child *c)
{
	int fds[2];
	ssize_t n;
	pid_t pid;

	CU_ASSERT_FATAL(pipe(fds) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct value *v = sample(), *ext = value_object_extend(v);
		const struct value *const models[] = { v, ext, NULL };
		const struct value *o = models[model];
		long long r;

		if (strict)
			setenv("SYSABI_STRICT_MODEL", "1", 1);
		else
			unsetenv("SYSABI_STRICT_MODEL");
		/* the abort's message is not the test's output: the parent reads it */
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		if (as_int)
			r = value_get_int(o, key);
		else
			r = (long long)strlen(value_get_str(o, key));
		value_free(ext);
		value_free(v);
		_exit((int)(r & 0x7f));
	}
	close(fds[1]);
	CU_ASSERT_FATAL(waitpid(pid, &c->status, 0) == pid);
	n = read(fds[0], c->err, sizeof(c->err) - 1);
	c->err[n > 0 ? n : 0] = '\0';
	close(fds[0]);
}

static bool aborted(const struct child *c)
{
	return WIFSIGNALED(c->status) && WTERMSIG(c->status) == SIGABRT;
}

static bool exited(const struct child *c, int code)
{
	return WIFEXITED(c->status) && WEXITSTATUS(c->status) == code;
}

/* A misspelt key read "" and passed; with SYSABI_STRICT_MODEL (make check) it aborts. */
static void test_missing_key(void)
{
	struct child c;

	read_in_child(MODEL_SAMPLE, "nmae", false, true, &c);
	CU_ASSERT(aborted(&c));
	CU_ASSERT_STRING_EQUAL(c.err,
			       "sysabi: model: no key 'nmae' in an object of 3 keys\n");
	read_in_child(MODEL_SAMPLE, "cuont", true, true, &c);
	CU_ASSERT(aborted(&c));
	CU_ASSERT_PTR_NOT_NULL(strstr(c.err, "no key 'cuont'"));
	/* a key of neither the view nor the model it extends */
	read_in_child(MODEL_EXTENDED, "nmae", false, true, &c);
	CU_ASSERT(aborted(&c));

	/* present keys, null and NULL objects read quietly, strict or not */
	read_in_child(MODEL_SAMPLE, "name", false, true, &c);
	CU_ASSERT(exited(&c, 6));
	CU_ASSERT_STRING_EQUAL(c.err, "");
	read_in_child(MODEL_SAMPLE, "count", true, true, &c);
	CU_ASSERT(exited(&c, 42));
	read_in_child(MODEL_EXTENDED, "count", true, true, &c);
	CU_ASSERT(exited(&c, 42));
	read_in_child(MODEL_SAMPLE, "none", true, true, &c);
	CU_ASSERT(exited(&c, 0));
	read_in_child(MODEL_NONE, "nmae", false, true, &c);
	CU_ASSERT(exited(&c, 0));
	CU_ASSERT_STRING_EQUAL(c.err, "");
	read_in_child(MODEL_NONE, "cuont", true, true, &c);
	CU_ASSERT(exited(&c, 0));

	/* without it, a missing key reads as empty, silently */
	read_in_child(MODEL_SAMPLE, "nmae", false, false, &c);
	CU_ASSERT(exited(&c, 0));
	CU_ASSERT_STRING_EQUAL(c.err, "");
	read_in_child(MODEL_SAMPLE, "cuont", true, false, &c);
	CU_ASSERT(exited(&c, 0));
	CU_ASSERT_STRING_EQUAL(c.err, "");
	read_in_child(MODEL_SAMPLE, "count", true, false, &c);
	CU_ASSERT(exited(&c, 42));
}

void test_value_register(void)
{
	static const struct unit_test tests[] = {
		{ "typed reads", test_typed_reads },
		{ "reads through a view", test_extended_reads },
		{ "a key never set", test_missing_key },
		{},
	};

	unit_add_suite("value", tests);
}
