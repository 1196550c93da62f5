// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi rest: a description's link to the entry whose What matches the path it names,
 * and an index lookup that runs out of memory failing the document instead of losing
 * the link; URIs in running text that must not become links; get_abi.pl's document's
 * descriptions.
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

/* get_abi.pl's document: the label of the one path the tests' tree documents. */
static const char *known_path(void *data, const char *path, size_t len)
{
	static const char known[] = "/sys/kernel/foo";

	return len == strlen(known) && memcmp(path, known, len) == 0 ?
		       "abi_sys_kernel_foo" :
		       NULL;
}

static void expect_rst(const char *in, const char *want)
{
	GString *out = g_string_new(NULL);

	rest_kernel_rst(out, in, known_path, NULL);
	if (strcmp(out->str, want) != 0)
		fprintf(stderr, "\n  [%s] gave [%s], want [%s]\n", in, out->str, want);
	CU_ASSERT_STRING_EQUAL(out->str, want);
	g_string_free(out, TRUE);
}

/* A description as get_abi.pl passes it on: adornments dropped, links added. */
static void test_kernel_links(void)
{
	/* an adornment after a line break goes, the next one is then not after one */
	expect_rst("Title\n=====\n-----\ntext\n~~~", "Title\n\n-----\ntext\n\n\n\n");
	expect_rst("See Documentation/admin-guide/sysfs-rules.rst, and\n"
		   "Documentation/devicetree/bindings/x.rst.",
		   "See :doc:`/admin-guide/sysfs-rules`, and\n"
		   "Documentation/devicetree/bindings/x.rst.\n\n\n");
	/* the last .rst of what is not blank, as the script's greedy pattern takes it */
	expect_rst("Documentation/a.rst/b.rst:", ":doc:`/a.rst/b`:\n\n\n");
	expect_rst("In Documentation/ABI/testing/sysfs-foo and Documentation/ABI/stable/",
		   "In :ref:`testing/sysfs-foo <abi_file_testing_sysfs_foo>` and "
		   "Documentation/ABI/stable/\n\n\n");
	expect_rst(
		"Read /sys/kernel/foo, (/sys/kernel/foo) not x/sys/kernel/foo or "
		"/sys/kernel/foo/bar",
		"Read :ref:`/sys/kernel/foo <abi_sys_kernel_foo>`, "
		"(:ref:`/sys/kernel/foo <abi_sys_kernel_foo>`) not x/sys/kernel/foo or "
		"/sys/kernel/foo/bar\n\n\n");
	/* no link in a literal block */
	expect_rst("Example::\n\n  cat /sys/kernel/foo\n\nDone: /sys/kernel/foo",
		   "Example::\n\n  cat /sys/kernel/foo\n\n"
		   "Done: :ref:`/sys/kernel/foo <abi_sys_kernel_foo>`\n\n\n");
}

/* What the kernel's text could do beyond showing text is taken away. */
static void test_kernel_defused(void)
{
	expect_rst(".. include:: /etc/passwd", "\\.. include:: /etc/passwd\n\n\n");
	/* docutils takes a blank before the "::", and more than one after ".." */
	expect_rst(".. include :: /etc/passwd", "\\.. include :: /etc/passwd\n\n\n");
	expect_rst("..   raw::", "\\..   raw::\n\n\n");
	/* "::" inside a word starts no directive: a link after "name:" makes none */
	expect_rst(".. x:Documentation/ABI/a/b", ".. x::ref:`a/b <abi_file_a_b>`\n\n\n");
	expect_rst("  .. |x| image:: /x_", "  \\.. \\|x\\| image:: /x\\_\n\n\n");
	expect_rst(".. note:: kept\n\n.. code-block:: sh\n\n   a javascript:x",
		   ".. note:: kept\n\n.. code-block:: sh\n\n   a javascript:x\n\n\n");
	expect_rst(".. LINENO /etc/passwd#1", "\\.. LINENO /etc/passwd#1\n\n\n");
	expect_rst(":download:`f </etc/passwd>`", ":file:`f </etc/passwd>`\n\n\n");
	expect_rst("javascript:x ``data:y`` `a <vbscript:z>`_ cpu:0 https://a",
		   "javascript\\:x ``data:y`` `a <vbscript%3Az>`_ cpu:0 https://a\n\n\n");
	expect_rst(".. _t: javascript:x", ".. _t: javascript%3Ax\n\n\n");
}

static void test_kernel_plain(void)
{
	GString *out = g_string_new(NULL);

	rest_kernel_plain(out, "A *b*_ c");
	CU_ASSERT_STRING_EQUAL(out->str, "A \\*b\\*\\_ c\n\n");
	/* after a blank line, a directive, a list or a table would start */
	g_string_truncate(out, 0);
	rest_kernel_plain(out, "a\n\n.. include:: /etc/passwd\n- b\n=\n*c*");
	CU_ASSERT_STRING_EQUAL(out->str, "a\n\n\\.. include:: /etc/passwd\n\\- b\n\\=\n"
					 "\\*c\\*\n\n");
	g_string_truncate(out, 0);
	rest_kernel_plain(out, "Values:\n  1 *on*");
	CU_ASSERT_STRING_EQUAL(out->str, "::\n\n Values:\n   1 *on*\n\n");
	g_string_free(out, TRUE);
}

void test_rest_register(void)
{
	static const struct unit_test tests[] = {
		{ "a link the index finds", test_link_by_index },
		{ "a lookup out of memory fails the document",
		  test_lookup_out_of_memory },
		{ "URIs of schemes other than the web's are text", test_uri_schemes },
		{ "get_abi.pl's document: its links", test_kernel_links },
		{ "get_abi.pl's document: files, code and scripts stay text",
		  test_kernel_defused },
		{ "get_abi.pl's document: --no-rst-source", test_kernel_plain },
		{},
	};

	unit_add_suite("rest", tests);
}
