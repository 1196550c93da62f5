// SPDX-License-Identifier: GPL-2.0-or-later
/* The index: lookups by trie agree with matching every pattern, and keep tree order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/abi-internal.h"
#include "unit.h"

#define ENTRY(what)                                                    \
	"What:\t\t" what "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\tSomething.\n\n"

struct found {
	const struct abi_what *whats[64];
	size_t n;
};

static int collect(void *data, const struct abi_what *w)
{
	struct found *f = data;

	if (f->n < 64)
		f->whats[f->n++] = w;
	return 0;
}

static int stop_at_first(void *data, const struct abi_what *w)
{
	collect(data, w);
	return 42;
}

static struct found lookup(const struct abi_index *index, const char *path)
{
	struct found f = { .n = 0 };

	CU_ASSERT_EQUAL(abi_index_lookup(index, path, collect, &f), 0);
	return f;
}

static const struct unit_file small_tree[] = {
	{ "stable/sysfs-class-net",
	  ENTRY("/sys/class/net/<iface>/mtu") ENTRY("/sys/class/net/lo/flags") },
	{ "testing/sysfs-bus-iio",
	  ENTRY("/sys/bus/iio/devices/iio:deviceX/in_voltageY_raw")
		  ENTRY(".../iio:deviceX/buffer/enable") },
	{ "testing/sysfs-misc",
	  ENTRY("/sys/kernel/{start,size}") ENTRY("/sys/module/*/initstate")
		  ENTRY("/sys/kernel/mm/hugepages/") ENTRY("/proc/diskstats")
			  ENTRY("tcp_dma_copybreak sysctl") },
	{},
};

static void test_lookup_forms(void)
{
	char *dir = unit_tree_new(small_tree);
	struct abi_index *index;
	struct unit_loaded l;
	struct found f;

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);

	f = lookup(index, "/sys/class/net/eth0/mtu");
	CU_ASSERT_EQUAL_FATAL(f.n, 1);
	CU_ASSERT_STRING_EQUAL(f.whats[0]->text, "/sys/class/net/<iface>/mtu");
	/* a literal and a placeholder both match, in tree order */
	f = lookup(index, "/sys/class/net/lo/flags");
	CU_ASSERT_EQUAL(f.n, 1);
	f = lookup(index, "/sys/class/net/lo/mtu");
	CU_ASSERT_EQUAL(f.n, 1);
	/* anchored at both ends, no wildcard crossing '/' */
	CU_ASSERT_EQUAL(lookup(index, "/sys/class/net/eth0").n, 0);
	CU_ASSERT_EQUAL(lookup(index, "/sys/class/net/eth0/mtu/x").n, 0);
	CU_ASSERT_EQUAL(lookup(index, "/sys/class/net/a/b/mtu").n, 0);
	CU_ASSERT_EQUAL(
		lookup(index, "/sys/bus/iio/devices/iio:device0/in_voltage3_raw").n, 1);
	/* a leading ... is anywhere under /sys, zero or more components */
	CU_ASSERT_EQUAL(lookup(index, "/sys/bus/iio/devices/iio:device0/buffer/enable").n,
			1);
	CU_ASSERT_EQUAL(lookup(index, "/sys/iio:device1/buffer/enable").n, 1);
	CU_ASSERT_EQUAL(lookup(index, "/proc/iio:device1/buffer/enable").n, 0);
	/* alternatives are variants; each What is reported once */
	CU_ASSERT_EQUAL(lookup(index, "/sys/kernel/start").n, 1);
	CU_ASSERT_EQUAL(lookup(index, "/sys/kernel/size").n, 1);
	CU_ASSERT_EQUAL(lookup(index, "/sys/kernel/end").n, 0);
	/* a whole-component star is exactly one component */
	CU_ASSERT_EQUAL(lookup(index, "/sys/module/kvm/initstate").n, 1);
	CU_ASSERT_EQUAL(lookup(index, "/sys/module/initstate").n, 0);
	CU_ASSERT_EQUAL(lookup(index, "/sys/module/a/b/initstate").n, 0);
	/* directory Whats match the directory, with or without a trailing '/' */
	f = lookup(index, "/sys/kernel/mm/hugepages/");
	CU_ASSERT_EQUAL_FATAL(f.n, 1);
	CU_ASSERT_TRUE(f.whats[0]->is_dir);
	CU_ASSERT_EQUAL(lookup(index, "/sys/kernel/mm/hugepages").n, 1);
	CU_ASSERT_EQUAL(lookup(index, "/sys//kernel///mm/hugepages").n, 1);
	/* other path kinds are indexed, prose is not */
	f = lookup(index, "/proc/diskstats");
	CU_ASSERT_EQUAL_FATAL(f.n, 1);
	CU_ASSERT_EQUAL(f.whats[0]->kind, ABI_WHAT_PROCFS);
	CU_ASSERT_EQUAL(lookup(index, "tcp_dma_copybreak sysctl").n, 0);
	CU_ASSERT_EQUAL(lookup(index, "/").n, 0);
	CU_ASSERT_EQUAL(lookup(index, "").n, 0);

	abi_index_free(index);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static void test_tree_order_and_stop(void)
{
	static const struct unit_file files[] = {
		{ "testing/sysfs-z", ENTRY("/sys/class/net/<iface>/mtu") },
		{ "stable/sysfs-a", ENTRY("/sys/class/net/eth0/mtu")
					    ENTRY("/sys/class/net/{eth0,eth1}/mtu") },
		{ "obsolete/sysfs-m", ENTRY("/sys/class/*/eth0/mtu") },
		{},
	};
	char *dir = unit_tree_new(files);
	struct abi_index *index;
	struct unit_loaded l;
	struct found f = { .n = 0 };

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);
	f = lookup(index, "/sys/class/net/eth0/mtu");
	CU_ASSERT_EQUAL_FATAL(f.n, 4);
	/* files sort obsolete < stable < testing; entries keep their order within a file */
	CU_ASSERT_STRING_EQUAL(f.whats[0]->text, "/sys/class/*/eth0/mtu");
	CU_ASSERT_STRING_EQUAL(f.whats[1]->text, "/sys/class/net/eth0/mtu");
	CU_ASSERT_STRING_EQUAL(f.whats[2]->text, "/sys/class/net/{eth0,eth1}/mtu");
	CU_ASSERT_STRING_EQUAL(f.whats[3]->text, "/sys/class/net/<iface>/mtu");
	f.n = 0;
	CU_ASSERT_EQUAL(abi_index_lookup(index, "/sys/class/net/eth0/mtu", stop_at_first,
					 &f),
			42);
	CU_ASSERT_EQUAL(f.n, 1);
	abi_index_free(index);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static void test_states_walk(void)
{
	char *dir = unit_tree_new(small_tree);
	struct abi_index_states *s, *next;
	struct abi_index *index;
	struct unit_loaded l;
	struct found f = { .n = 0 };
	const char *comps[] = { "sys", "class", "net", "eth0", "mtu" };

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_states_root(index, &s), 0);
	for (size_t i = 0; i < ARRAY_SIZE(comps); i++) {
		CU_ASSERT_FALSE(abi_index_states_empty(s));
		CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, comps[i], &next),
				      0);
		abi_index_states_free(s);
		s = next;
	}
	CU_ASSERT_EQUAL(abi_index_states_foreach_match(index, s, collect, &f), 0);
	CU_ASSERT_EQUAL(f.n, 1);
	/* one more step matches nothing, but `.../iio:deviceX/...` keeps the set alive */
	CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, "x", &next), 0);
	f.n = 0;
	CU_ASSERT_EQUAL(abi_index_states_foreach_match(index, next, collect, &f), 0);
	CU_ASSERT_EQUAL(f.n, 0);
	CU_ASSERT_FALSE(abi_index_states_empty(next));
	abi_index_states_free(next);
	/* outside /sys nothing loops: the set dies */
	abi_index_states_free(s);
	CU_ASSERT_EQUAL_FATAL(abi_index_states_root(index, &s), 0);
	for (size_t i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL_FATAL(
			abi_index_states_step(index, s, i ? "x" : "proc", &next), 0);
		abi_index_states_free(s);
		s = next;
	}
	CU_ASSERT_TRUE(abi_index_states_empty(s));
	abi_index_states_free(s);
	abi_index_free(index);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static const struct unit_file link_tree[] = {
	{ "testing/sysfs-bus-pci",
	  ENTRY("/sys/bus/pci/devices/.../modalias")
		  ENTRY("/sys/bus/pci/devices/.../msi_irqs/<N>/mode") },
	{ "testing/sysfs-class-net", ENTRY("/sys/class/net/<iface>/.../carrier") },
	{},
};

/* Links at "devices/<dev>" (as in /sys/bus/pci/devices) and at "physical_node". */
static bool test_is_link(void *data, const char *path, size_t len)
{
	const char *last = path + len;

	while (last > path && last[-1] != '/')
		last--;
	(void)data;
	return (last - path >= 8 && strncmp(last - 8, "devices/", 8) == 0) ||
	       strncmp(last, "physical_node", 13) == 0 || strncmp(last, "eth0", 4) == 0;
}

static size_t count_links(const struct abi_index *index, const char *path)
{
	struct found f = { .n = 0 };

	CU_ASSERT_EQUAL(
		abi_index_lookup_links(index, path, test_is_link, NULL, collect, &f), 0);
	return f.n;
}

/*
 * A `...` may consume a link as its last component, never go on through it into the
 * directory it leads to (issue: a virtio device's modalias "documented" as the PCI
 * device's); a `...` that starts after a link loops as ever.
 */
static void test_deep_stops_at_link(void)
{
	char *dir = unit_tree_new(link_tree);
	struct abi_index_states *s, *next, *minus;
	struct abi_index *index;
	struct unit_loaded l;
	struct found f = { .n = 0 };
	const char *comps[] = { "sys", "bus", "pci", "devices" };

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);
	/* without links told, `...` runs anywhere, as abi_pattern_match() does */
	CU_ASSERT_EQUAL(
		lookup(index, "/sys/bus/pci/devices/0000:00:01.0/virtio0/modalias").n, 1);
	/* the link ends the `...`: the device's own file is documented */
	CU_ASSERT_EQUAL(count_links(index, "/sys/bus/pci/devices/0000:00:01.0/modalias"),
			1);
	CU_ASSERT_EQUAL(count_links(index,
				    "/sys/bus/pci/devices/0000:00:01.0/msi_irqs/24/mode"),
			1);
	/* a child device below it is not */
	CU_ASSERT_EQUAL(count_links(index,
				    "/sys/bus/pci/devices/0000:00:01.0/virtio0/modalias"),
			0);
	CU_ASSERT_EQUAL(count_links(index, "/sys/bus/pci/devices/0000:00:01.0/"
					   "physical_node/virtio0/modalias"),
			0);
	/* a `...` after the link loops in its target */
	CU_ASSERT_EQUAL(count_links(index, "/sys/class/net/eth0/a/b/carrier"), 1);
	CU_ASSERT_EQUAL(count_links(index, "/sys/class/net/eth0/carrier"), 1);
	/* but not through a second link */
	CU_ASSERT_EQUAL(count_links(index, "/sys/class/net/eth0/a/physical_node/carrier"),
			1);
	CU_ASSERT_EQUAL(count_links(index, "/sys/class/net/eth0/physical_node/a/carrier"),
			0);

	/* the same by steps: into the link's target, the `...` has stopped */
	CU_ASSERT_EQUAL_FATAL(abi_index_states_root(index, &s), 0);
	for (size_t i = 0; i < ARRAY_SIZE(comps); i++) {
		CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, comps[i], &next),
				      0);
		abi_index_states_free(s);
		s = next;
	}
	CU_ASSERT_EQUAL_FATAL(abi_index_states_step_link(index, s, "0000:00:01.0", &next),
			      0);
	abi_index_states_free(s);
	s = next;
	CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, "virtio0", &next), 0);
	CU_ASSERT_TRUE(abi_index_states_empty(next));
	abi_index_states_free(next);
	CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, "modalias", &next), 0);
	CU_ASSERT_EQUAL(abi_index_states_foreach_match(index, next, collect, &f), 0);
	CU_ASSERT_EQUAL(f.n, 1);
	/* a stopped `...` is nothing the looping one lacks: the walk's minus drops it */
	abi_index_states_free(next);
	CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, s, "x", &next), 0);
	CU_ASSERT_TRUE(abi_index_states_empty(next));
	abi_index_states_free(next);
	CU_ASSERT_EQUAL_FATAL(abi_index_states_root(index, &next), 0);
	for (size_t i = 0; i < ARRAY_SIZE(comps); i++) {
		struct abi_index_states *t;

		CU_ASSERT_EQUAL_FATAL(abi_index_states_step(index, next, comps[i], &t),
				      0);
		abi_index_states_free(next);
		next = t;
	}
	{
		struct abi_index_states *looping;

		CU_ASSERT_EQUAL_FATAL(
			abi_index_states_step(index, next, "0000:00:01.0", &looping), 0);
		CU_ASSERT_EQUAL_FATAL(abi_index_states_minus(s, looping, &minus), 0);
		CU_ASSERT_TRUE(abi_index_states_empty(minus));
		abi_index_states_free(minus);
		CU_ASSERT_EQUAL_FATAL(abi_index_states_minus(looping, s, &minus), 0);
		CU_ASSERT_FALSE(abi_index_states_empty(minus));
		abi_index_states_free(minus);
		abi_index_states_free(looping);
	}
	abi_index_states_free(next);
	abi_index_states_free(s);
	abi_index_free(index);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

static const struct unit_file listed_tree[] = {
	{ "testing/sysfs-devices-cache",
	  "What:\t\t/sys/devices/cache/index*/<set_of_attributes_mentioned_below>\n"
	  "Date:\t\tJuly 2014\nKernelVersion:\t3.17\nContact:\tx@example.org\n"
	  "Description:\tParameters for the cache:\n\n"
	  "\t\tsize:\n\t\t\tthe size in kB\n\n"
	  "\t\tshared_cpu_map:\n\t\t\tthe cpus sharing it\n\n" },
	{},
};

/*
 * A placeholder that says the names are listed in the Description matches those
 * names only, as whole words, in the index as in abi_pattern_match(); compiled alone,
 * with no Description, it is a placeholder like any.
 */
static void test_listed_placeholder(void)
{
	char *dir = unit_tree_new(listed_tree);
	const struct abi_what *w;
	struct abi_pattern *alone;
	struct abi_index *index;
	struct unit_loaded l;
	const char *const paths[][2] = {
		{ "/sys/devices/cache/index0/size", "1" },
		{ "/sys/devices/cache/index3/shared_cpu_map", "1" },
		{ "/sys/devices/cache/index0/shared_cpu", "0" }, /* part of a word */
		{ "/sys/devices/cache/index0/cpu_map", "0" },
		{ "/sys/devices/cache/index0/ways_of_associativity", "0" },
		{ "/sys/devices/cache/index0/the", "1" }, /* prose is words too */
	};

	unit_load(dir, &l);
	CU_ASSERT_EQUAL_FATAL(l.r, 0);
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);
	w = &l.tree->entries[0]->whats[0];
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		size_t want = paths[i][1][0] == '1';

		CU_ASSERT_EQUAL(lookup(index, paths[i][0]).n, want);
		CU_ASSERT_EQUAL(abi_pattern_match(w->pattern, paths[i][0]), want);
	}
	CU_ASSERT_EQUAL_FATAL(abi_pattern_compile(w->path, &alone, NULL), 0);
	CU_ASSERT_TRUE(abi_pattern_match(alone, "/sys/devices/cache/index0/anything"));
	abi_pattern_free(alone);
	abi_index_free(index);
	unit_loaded_free(&l);
	unit_tree_remove(dir);
}

/* Every What of @tree whose pattern matches @path, by trying them all. */
static struct found brute_force(const struct abi_tree *tree, const char *path)
{
	struct found f = { .n = 0 };

	for (size_t i = 0; i < tree->n_entries; i++)
		for (size_t w = 0; w < tree->entries[i]->n_whats; w++) {
			const struct abi_what *what = &tree->entries[i]->whats[w];

			/* too-broad Whats are left out of the index on purpose */
			if (what->pattern && !what->too_broad &&
			    abi_pattern_match(what->pattern, path))
				collect(&f, what);
		}
	return f;
}

/*
 * On the real 6.12 tree and paths recorded from a live /sys, the index finds exactly
 * what trying every pattern finds.
 */
static void test_agrees_with_brute_force(void)
{
	const char *docs = getenv("ABI_DOCS") ?: "abi-docs";
	char *abi, *paths, line[4096];
	struct abi_index *index;
	struct unit_loaded l;
	size_t n_paths = 0, n_documented = 0, n_mismatch = 0;
	FILE *f;

	CU_ASSERT_FATAL(asprintf(&abi, "%s/linux-6.12/Documentation/ABI", docs) > 0);
	CU_ASSERT_FATAL(asprintf(&paths, "%s/paths/vm-6.18.txt", unit_fixtures_dir()) >
			0);
	unit_load(abi, &l);
	if (l.r < 0) {
		fprintf(stderr, "\n  skipped: no %s (make abi-docs)\n", abi);
		goto out;
	}
	CU_ASSERT_EQUAL_FATAL(abi_index_new(l.tree, &index), 0);
	f = fopen(paths, "re");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f)) {
		struct found a, b;

		line[strcspn(line, "\n")] = '\0';
		a = lookup(index, line);
		b = brute_force(l.tree, line);
		CU_ASSERT_EQUAL(a.n, b.n);
		for (size_t i = 0; i < a.n && i < b.n; i++)
			CU_ASSERT_PTR_EQUAL(a.whats[i], b.whats[i]);
		if (a.n != b.n && n_mismatch++ < 5)
			fprintf(stderr, "\n  %s: index %zu, brute force %zu\n", line, a.n,
				b.n);
		n_paths++;
		n_documented += a.n > 0;
	}
	fclose(f);
	CU_ASSERT_EQUAL(n_mismatch, 0);
	CU_ASSERT(n_paths > 400);
	/* the sample holds documented files (offline, mtu, btf/vmlinux...) */
	CU_ASSERT(n_documented >= 8);
	abi_index_free(index);
out:
	unit_loaded_free(&l);
	free(abi);
	free(paths);
}

void test_index_register(void)
{
	static const struct unit_test tests[] = {
		{ "lookup forms", test_lookup_forms },
		{ "tree order and stop", test_tree_order_and_stop },
		{ "states walk", test_states_walk },
		{ "a ... stops at a link", test_deep_stops_at_link },
		{ "a placeholder for the listed names", test_listed_placeholder },
		{ "agrees with brute force on 6.12", test_agrees_with_brute_force },
		{},
	};

	unit_add_suite("index", tests);
}
