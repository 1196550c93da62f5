// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi rest: a description's link to the entry whose What matches the path it names,
 * and an index lookup that runs out of memory failing the document instead of losing
 * the link; URIs in running text that must not become links.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rest/rest.h"
#include "unit.h"

/* The unit tests link with -Wl,--wrap=abi_index_lookup: lookups fail while this is set. */
static bool lookup_fails;

int __real_abi_index_lookup(const struct abi_index *index, const char *path,
			    abi_match_fn fn, void *data);
int __wrap_abi_index_lookup(const struct abi_index *index, const char *path,
			    abi_match_fn fn, void *data);

int __wrap_abi_index_lookup(const struct abi_index *index, const char *path,
			    abi_match_fn fn, void *data)
{
	if (lookup_fails)
		return -ENOMEM;
	return __real_abi_index_lookup(index, path, fn, data);
}

/* /sys/class/net/eth0/mtu is in no What as written: only the index finds its entry. */
static const struct unit_file tree[] = {
	{ "stable/sysfs-class-net",
	  "What:\t\t/sys/class/net/<iface>/mtu\nDescription:\tThe MTU.\n\n"
	  "What:\t\t/sys/class/net/<iface>/speed\n"
	  "Description:\tAt most what /sys/class/net/eth0/mtu allows.\n\n" },
	{},
};

/* The reST of the tree, with index lookups failing if @fail. */
static int write_tree(GString *out, bool fail)
{
	struct rest_options opt = { .title = "", .label_prefix = "abi" };
	char *dir = unit_tree_new(tree);
	struct unit_loaded l;
	int r;

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	lookup_fails = fail;
	r = rest_write(l.tree, &opt, out);
	lookup_fails = false;
	unit_loaded_free(&l);
	unit_tree_remove(dir);
	return r;
}

static void test_link_by_index(void)
{
	GString *out = g_string_new(NULL);

	CU_ASSERT_EQUAL(write_tree(out, false), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(
		out->str, ":ref:`/sys/class/net/eth0/mtu "
			  "<abi-stable-sysfs-class-net-sys-class-net-iface-mtu>`"));
	g_string_free(out, TRUE);
}

static void test_lookup_out_of_memory(void)
{
	GString *out = g_string_new(NULL);

	CU_ASSERT_EQUAL(write_tree(out, true), -ENOMEM);
	g_string_free(out, TRUE);
}

static void expect_text(const char *in, const char *want)
{
	GString *out = g_string_new(NULL);

	rest_escape_text(out, in, strlen(in));
	if (strcmp(out->str, want) != 0)
		fprintf(stderr, "\n  [%s] gave [%s], want [%s]\n", in, out->str, want);
	CU_ASSERT_STRING_EQUAL(out->str, want);
	g_string_free(out, TRUE);
}

/* docutils links a URI of any scheme it knows in running text: only web ones stay. */
static void test_uri_schemes(void)
{
	GString *out = g_string_new(NULL);

	expect_text("javascript:alert(1)", "javascript\\:alert(1)");
	expect_text("JavaScript:x data:text/html,y", "JavaScript\\:x data\\:text/html,y");
	expect_text("(vbscript:x) 1-file:///etc", "(vbscript\\:x) 1-file\\:///etc");
	/* the escape's NUL is one more URI character to docutils: still a URI after it */
	expect_text("javascript:*x", "javascript\\:\\*x");
	expect_text("https://kernel.org HTTP://x ftp://y mailto:a@b",
		    "https://kernel.org HTTP://x ftp://y mailto:a@b");
	/* no URI after the colon, or no scheme before it */
	expect_text("Note: x, a:, b::, c:`d`, 10:30, :x",
		    "Note: x, a:, b::, c:\\`d\\`, 10:30, :x");
	/* in a role, nothing is read as a URI: only markup is escaped */
	rest_escape(out, "javascript:x_", strlen("javascript:x_"));
	CU_ASSERT_STRING_EQUAL(out->str, "javascript:x\\_");
	g_string_free(out, TRUE);
}

void test_rest_register(void)
{
	static const struct unit_test tests[] = {
		{ "a link the index finds", test_link_by_index },
		{ "a lookup out of memory fails the document",
		  test_lookup_out_of_memory },
		{ "URIs of schemes other than the web's are text", test_uri_schemes },
		{},
	};

	unit_add_suite("rest", tests);
}
