// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The check builder every report's checks come from: the status a check ends with,
 * its count and findings, and names that stay unique and slug-safe (they are KTAP test
 * names and JUnit classes, so an interface).
 */
#include <stdlib.h>

#include "report/checks.h"
#include "unit.h"

/* The check at @i of @checks. */
static const struct value *at(const struct value *checks, size_t i)
{
	const struct value *c = value_at(checks, i);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	return c;
}

/* End a check with one finding of @severity (none if NULL), failing or not, skipped
 * when @skip says why; its status. */
static const char *status_of(struct value *checks, const char *severity, bool failing,
			     const char *skip)
{
	struct check c;

	check_begin(&c, "status", "sysfs", "Title", "About");
	if (severity)
		check_finding(&c, "/sys/x", "a finding", severity, 1, failing);
	check_end(&c, checks, skip);
	return value_get_str(at(checks, value_len(checks) - 1), "status");
}

static void test_status(void)
{
	struct value *checks = value_array_new();

	CU_ASSERT_STRING_EQUAL(status_of(checks, NULL, false, NULL), "ok");
	CU_ASSERT_STRING_EQUAL(status_of(checks, "info", false, NULL), "ok");
	CU_ASSERT_STRING_EQUAL(status_of(checks, "warning", false, NULL), "warn");
	/* an error that does not fail the run is a warning */
	CU_ASSERT_STRING_EQUAL(status_of(checks, "error", false, NULL), "warn");
	CU_ASSERT_STRING_EQUAL(status_of(checks, "error", true, NULL), "fail");
	/* failing decides, whatever the severity says */
	CU_ASSERT_STRING_EQUAL(status_of(checks, "info", true, NULL), "fail");
	/* a skipped check is skipped, whatever was found before it was */
	CU_ASSERT_STRING_EQUAL(status_of(checks, "error", true, "no BTF"), "skip");
	CU_ASSERT_STRING_EQUAL(status_of(checks, NULL, false, "no BTF"), "skip");
	CU_ASSERT_EQUAL(value_len(checks), 8);
	CU_ASSERT_FALSE(value_failed(checks));
	value_free(checks);
}

/* Every key is there; reason is null unless the check was skipped. */
static void test_keys_and_reason(void)
{
	struct value *checks = value_array_new();
	const struct value *c;
	struct check b;

	check_begin(&b, "undocumented", "sysfs", "Undocumented files",
		    "Is every file documented?");
	check_end(&b, checks, NULL);
	check_begin(&b, "btf", "btf", "BTF", "Does BTF agree?");
	check_end(&b, checks, "the kernel has no BTF");

	c = at(checks, 0);
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "name"), "undocumented");
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "family"), "sysfs");
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "title"), "Undocumented files");
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "about"), "Is every file documented?");
	CU_ASSERT_PTR_NOT_NULL(value_get(c, "reason"));
	CU_ASSERT_EQUAL(value_type(value_get(c, "reason")), VALUE_NULL);
	CU_ASSERT_EQUAL(value_type(value_get(c, "findings")), VALUE_ARRAY);
	CU_ASSERT_EQUAL(value_len(value_get(c, "findings")), 0);
	CU_ASSERT_EQUAL(value_get_int(c, "count"), 0);

	c = at(checks, 1);
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "status"), "skip");
	CU_ASSERT_EQUAL(value_type(value_get(c, "reason")), VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "reason"), "the kernel has no BTF");
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "family"), "btf");
	/* the keys in the order templates and JSON readers see them */
	CU_ASSERT_EQUAL(value_len(c), 8);
	CU_ASSERT_STRING_EQUAL(value_key_at(c, 0), "name");
	CU_ASSERT_STRING_EQUAL(value_key_at(c, 7), "findings");
	value_free(checks);
}

/* The count is the sum of the findings' counts; each finding keeps its fields. */
static void test_findings_and_count(void)
{
	struct value *checks = value_array_new(), *f;
	const struct value *c, *fs, *f0, *f1;
	struct check b;

	check_begin(&b, "groups", "sysfs", "Groups", "About");
	f = check_finding(&b, "/sys/kernel/slab/<*>/x", "undocumented", "warning", 234,
			  false);
	value_set_str(f, "class", "undocumented");
	check_finding(&b, "/sys/kernel/gone", "removed, yet there", "error", 1, true);
	check_finding(&b, "/sys/a", "by a directory", "info", 5, false);
	CU_ASSERT_EQUAL(b.count, 240);
	CU_ASSERT_TRUE(b.failing);
	CU_ASSERT_TRUE(b.warning);
	check_end(&b, checks, NULL);

	c = at(checks, 0);
	CU_ASSERT_EQUAL(value_get_int(c, "count"), 240);
	CU_ASSERT_STRING_EQUAL(value_get_str(c, "status"), "fail");
	fs = value_get(c, "findings");
	CU_ASSERT_EQUAL_FATAL(value_len(fs), 3);
	f0 = value_at(fs, 0);
	CU_ASSERT_STRING_EQUAL(value_get_str(f0, "where"), "/sys/kernel/slab/<*>/x");
	CU_ASSERT_STRING_EQUAL(value_get_str(f0, "class"), "undocumented");
	CU_ASSERT_EQUAL(value_get_int(f0, "count"), 234);
	CU_ASSERT_FALSE(value_bool(value_get(f0, "failing")));
	f1 = value_at(fs, 1);
	CU_ASSERT_STRING_EQUAL(value_get_str(f1, "message"), "removed, yet there");
	CU_ASSERT_STRING_EQUAL(value_get_str(f1, "severity"), "error");
	CU_ASSERT_TRUE(value_bool(value_get(f1, "failing")));
	CU_ASSERT_STRING_EQUAL(value_get_str(value_at(fs, 2), "severity"), "info");
	value_free(checks);
}

static const char *end_named(struct value *checks, const char *name)
{
	struct check b;

	check_begin(&b, name, "sysfs", "Title", "About");
	check_end(&b, checks, NULL);
	return value_get_str(at(checks, value_len(checks) - 1), "name");
}

/* Names are slugs, unique in the report: a name taken gets -2, -3... */
static void test_unique_names(void)
{
	struct value *checks = value_array_new();

	CU_ASSERT_STRING_EQUAL(end_named(checks, "removed"), "removed");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "removed"), "removed-2");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "removed"), "removed-3");
	/* equal once made slugs */
	CU_ASSERT_STRING_EQUAL(end_named(checks, "Removed!"), "removed-4");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "BTF Types"), "btf-types");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "btf types"), "btf-types-2");
	/* a name that looks like a renamed one is taken too */
	CU_ASSERT_STRING_EQUAL(end_named(checks, "x-2"), "x-2");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "x"), "x");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "x"), "x-3");
	CU_ASSERT_STRING_EQUAL(end_named(checks, ""), "check");
	CU_ASSERT_STRING_EQUAL(end_named(checks, "???"), "check-2");
	CU_ASSERT_EQUAL(value_len(checks), 11);
	/* and all of them different */
	for (size_t i = 0; i < value_len(checks); i++)
		for (size_t j = i + 1; j < value_len(checks); j++)
			CU_ASSERT_STRING_NOT_EQUAL(value_get_str(at(checks, i), "name"),
						   value_get_str(at(checks, j), "name"));
	value_free(checks);
}

static void assert_slug(const char *in, const char *expect)
{
	char *s = check_slug(in);

	CU_ASSERT_STRING_EQUAL(s, expect);
	free(s);
}

static void test_slug(void)
{
	assert_slug("", "check");
	assert_slug("-", "check");
	assert_slug("  \t\n", "check");
	assert_slug("sysfs: Removed files", "sysfs-removed-files");
	assert_slug("--a--b--", "a-b");
	assert_slug("CPU0 online", "cpu0-online");
	assert_slug("/sys/kernel/slab/<*>/x", "sys-kernel-slab-x");
	/* bytes past ASCII separate words, whatever the locale; never kept */
	assert_slug("h\xc3\xa9llo w\xc3\xb6rld", "h-llo-w-rld");
	assert_slug("\xc3\x9c"
		    "ber",
		    "ber");
	assert_slug("\xe6\x97\xa5\xe6\x9c\xac", "check");
	assert_slug("\xff\xfe", "check");
}

static void test_listed(void)
{
	struct value *list = value_array_new();

	CU_ASSERT_FALSE(check_listed(NULL, "removed"));
	CU_ASSERT_FALSE(check_listed(list, "removed"));
	value_append(list, value_string_new("obsolete"));
	CU_ASSERT_TRUE(check_listed(list, "obsolete"));
	CU_ASSERT_FALSE(check_listed(list, ""));
	value_append(list, value_int_new(3));
	value_append(list, value_null_new());
	value_append(list, value_string_new("removed"));
	CU_ASSERT_TRUE(check_listed(list, "removed"));
	CU_ASSERT_TRUE(check_listed(list, "obsolete"));
	/* whole names only */
	CU_ASSERT_FALSE(check_listed(list, "remove"));
	CU_ASSERT_FALSE(check_listed(list, "removed "));
	CU_ASSERT_FALSE(check_listed(list, "Removed"));
	CU_ASSERT_FALSE(check_listed(list, "3"));
	value_free(list);
}

void test_checks_register(void)
{
	static const struct unit_test tests[] = {
		{ "status", test_status },
		{ "keys and reason", test_keys_and_reason },
		{ "findings and count", test_findings_and_count },
		{ "unique names", test_unique_names },
		{ "slugs", test_slug },
		{ "listed", test_listed },
		{},
	};

	unit_add_suite("checks", tests);
}
