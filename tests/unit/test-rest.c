// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi rest: a description's link to the entry whose What matches the path it names,
 * and an index lookup that runs out of memory failing the document instead of losing
 * the link.
 */
#include <errno.h>
#include <string.h>

#include "rest.h"
#include "unit.h"

/* The unit tests link with -Wl,--wrap=abi_index_lookup: lookups fail while this is set. */
static bool lookup_fails;

int __real_abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
			    void *data);
int __wrap_abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
			    void *data);

int __wrap_abi_index_lookup(const struct abi_index *index, const char *path, abi_match_fn fn,
			    void *data)
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
	CU_ASSERT_PTR_NOT_NULL(strstr(out->str, ":ref:`/sys/class/net/eth0/mtu "
					"<abi-stable-sysfs-class-net-sys-class-net-iface-mtu>`"));
	g_string_free(out, TRUE);
}

static void test_lookup_out_of_memory(void)
{
	GString *out = g_string_new(NULL);

	CU_ASSERT_EQUAL(write_tree(out, true), -ENOMEM);
	g_string_free(out, TRUE);
}

void test_rest_register(void)
{
	static const struct unit_test tests[] = {
		{ "a link the index finds", test_link_by_index },
		{ "a lookup out of memory fails the document", test_lookup_out_of_memory },
		{},
	};

	unit_add_suite("rest", tests);
}
