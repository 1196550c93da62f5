// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Comparing two trees: how entries are paired, the changes and the broken rules they
 * give, the diagnostics a change brings, and the checks a report is shown as.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/abi.h"
#include "unit.h"
#include "report/value.h"
#include "diff/diff.h"
#include "report/checks.h"

#define FULL(what, desc)                                               \
	"What:\t\t" what "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\t" desc "\n\n"
#define ENTRY(what) FULL(what, "Something about " what ".")

/* Two trees written, loaded with their diagnostics logged, and compared. */
struct two {
	char *dir[2];
	struct abi_ctx *ctx[2];
	struct abi_diag_log *log[2];
	struct abi_tree *tree[2];
	struct abi_diff *diff;
};

/* @sub: the tree below each temporary directory ("" or "Documentation/ABI"). */
static void two_load_in(struct two *t, const struct unit_file *old_files,
			const struct unit_file *new_files, const char *sub)
{
	const struct unit_file *files[2] = { old_files, new_files };

	memset(t, 0, sizeof(*t));
	for (int i = 0; i < 2; i++) {
		char *root;

		t->dir[i] = unit_tree_new(files[i]);
		CU_ASSERT_EQUAL_FATAL(abi_ctx_new(&t->ctx[i]), 0);
		CU_ASSERT_EQUAL_FATAL(abi_diag_log_new(&t->log[i]), 0);
		abi_ctx_set_diag_fn(t->ctx[i], abi_diag_log_add, t->log[i]);
		CU_ASSERT_FATAL(asprintf(&root, "%s/%s", t->dir[i], sub) > 0);
		CU_ASSERT_EQUAL_FATAL(abi_tree_load(t->ctx[i], root, &t->tree[i]), 0);
		free(root);
	}
	CU_ASSERT_EQUAL_FATAL(abi_diff_new(t->tree[0], t->tree[1], &t->diff), 0);
}

static void two_load(struct two *t, const struct unit_file *old_files,
		     const struct unit_file *new_files)
{
	two_load_in(t, old_files, new_files, "");
}

static void two_free(struct two *t)
{
	abi_diff_free(t->diff);
	for (int i = 0; i < 2; i++) {
		abi_tree_free(t->tree[i]);
		abi_ctx_free(t->ctx[i]);
		abi_diag_log_free(t->log[i]);
		unit_tree_remove(t->dir[i]);
	}
}

/* The change of @kind whose entry (NEW's, else OLD's) has @what first, or NULL. */
static const struct abi_change *change(const struct abi_diff *d,
				       enum abi_change_kind kind, const char *what)
{
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct abi_change *c = &d->changes[i];
		const struct abi_entry *e = c->new_entry ?: c->old_entry;

		if (c->kind == kind && e->n_whats && strcmp(e->whats[0].text, what) == 0)
			return c;
	}
	return NULL;
}

static const struct abi_violation *violation(const struct abi_diff *d, enum abi_rule rule)
{
	for (size_t i = 0; i < d->n_violations; i++)
		if (d->violations[i].rule == rule)
			return &d->violations[i];
	return NULL;
}

static void test_names(void)
{
	static const char *const rules[] = {
		"stable-to-testing",       "removed-without-obsolete",
		"vanished-stable",         "vanished-testing",
		"obsolete-vanished",       "new-missing-field",
		"new-kernelversion-older",
	};
	static const char *const kinds[] = {
		"added", "removed", "changed", "moved-file", "moved-level",
	};

	for (int i = 0; i < ABI_RULE_COUNT; i++) {
		CU_ASSERT_STRING_EQUAL(abi_rule_name(i), rules[i]);
		CU_ASSERT(strlen(abi_rule_help(i)) > 20);
	}
	for (int i = 0; i < ABI_CHANGE_KIND_COUNT; i++)
		CU_ASSERT_STRING_EQUAL(abi_change_kind_name(i), kinds[i]);
	CU_ASSERT_STRING_EQUAL(abi_field_name(ABI_FIELD_KERNELVERSION), "KernelVersion");
	CU_ASSERT_STRING_EQUAL(abi_field_name(ABI_FIELD_USERS), "Users");
	CU_ASSERT_STRING_EQUAL(abi_field_name(ABI_FIELD_WHAT | ABI_FIELD_DATE), "?");
	CU_ASSERT_STRING_EQUAL(abi_rule_name(ABI_RULE_COUNT), "?");
}

static void test_identical(void)
{
	static const struct unit_file files[] = {
		{ "stable/sysfs-a", ENTRY("/sys/a") ENTRY("/sys/a2") },
		{ "testing/sysfs-b", ENTRY("/sys/b/<dev>/x") "What:\t\t/sys/dup\n\n" },
		{ "obsolete/sysfs-c", ENTRY("/sys/c") },
		{ "removed/sysfs-d", ENTRY("/sys/d") },
		/* one path twice in a file: each entry is its own partner */
		{ "testing/sysfs-twice",
		  FULL("/sys/twice", "First.") FULL("/sys/twice", "Second.") },
		{},
	};
	const struct abi_diag **found;
	size_t n;
	struct two t;

	two_load(&t, files, files);
	CU_ASSERT_EQUAL(t.diff->n_changes, 0);
	CU_ASSERT_EQUAL(t.diff->n_violations, 0);
	CU_ASSERT_EQUAL(t.diff->n_pairs, t.tree[1]->n_entries);
	CU_ASSERT_EQUAL(t.diff->old_kv_major, -1); /* no Makefile above */
	CU_ASSERT(t.log[1]->n_diags > 0);
	CU_ASSERT_EQUAL_FATAL(abi_diff_new_diags(t.diff, t.log[0], t.log[1], &found, &n),
			      0);
	CU_ASSERT_EQUAL(n, 0);
	free(found);
	two_free(&t);
}

/* Nothing in common: no pair at all, every entry added or removed */
static void test_disjoint(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-a", ENTRY("/sys/a") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "testing/sysfs-b", ENTRY("/sys/b") },
		{},
	};
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(t.diff->n_pairs, 0);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_ADDED], 1);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_REMOVED], 1);
	two_free(&t);
}

static void test_duplicates_swapped(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-twice",
		  FULL("/sys/twice", "First.") FULL("/sys/twice", "Second.")
			  FULL("/sys/twice", "Third.") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "testing/sysfs-twice",
		  FULL("/sys/twice", "Third.") FULL("/sys/twice", "First.")
			  FULL("/sys/twice", "Second,\n\t\treflowed.") },
		{},
	};
	struct two t;

	two_load(&t, old_files, new_files);
	/* paired by Description, then by the nearer line: only the edited one changed */
	CU_ASSERT_EQUAL(t.diff->n_pairs, 3);
	CU_ASSERT_EQUAL_FATAL(t.diff->n_changes, 1);
	CU_ASSERT_EQUAL(t.diff->changes[0].kind, ABI_CHANGE_CHANGED);
	CU_ASSERT_EQUAL(t.diff->changes[0].old_entry->line, 7);
	CU_ASSERT_EQUAL(t.diff->changes[0].new_entry->line, 13);
	two_free(&t);
}

static void test_moves(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-class-widget",
		  ENTRY("/sys/class/widget/<w>/speed")
			  ENTRY("/sys/class/widget/<w>/color")
				  ENTRY("/sys/class/widget/<w>/size") },
		{ "obsolete/sysfs-gizmo", ENTRY("/sys/gizmo") },
		{},
	};
	static const struct unit_file new_files[] = {
		/* same name, other level: moved-level only */
		{ "stable/sysfs-class-widget", ENTRY("/sys/class/widget/<w>/speed") },
		/* same level, other file: moved-file only */
		{ "testing/sysfs-class-widget-color",
		  ENTRY("/sys/class/widget/<w>/color") },
		/* both */
		{ "stable/sysfs-widget-size", ENTRY("/sys/class/widget/<w>/size") },
		{ "removed/sysfs-gizmo", ENTRY("/sys/gizmo") },
		{},
	};
	const struct abi_change *c;
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_MOVED_LEVEL], 3);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_MOVED_FILE], 2);
	CU_ASSERT_EQUAL(t.diff->n_changes, 5);
	c = change(t.diff, ABI_CHANGE_MOVED_LEVEL, "/sys/class/widget/<w>/speed");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->old_entry->level, ABI_LEVEL_TESTING);
	CU_ASSERT_EQUAL(c->new_entry->level, ABI_LEVEL_STABLE);
	CU_ASSERT_PTR_NULL(
		change(t.diff, ABI_CHANGE_MOVED_FILE, "/sys/class/widget/<w>/speed"));
	CU_ASSERT_PTR_NOT_NULL(
		change(t.diff, ABI_CHANGE_MOVED_FILE, "/sys/class/widget/<w>/color"));
	CU_ASSERT_PTR_NOT_NULL(
		change(t.diff, ABI_CHANGE_MOVED_FILE, "/sys/class/widget/<w>/size"));
	CU_ASSERT_PTR_NOT_NULL(change(t.diff, ABI_CHANGE_MOVED_LEVEL, "/sys/gizmo"));
	/* testing to stable and obsolete to removed are how the README wants it */
	CU_ASSERT_EQUAL(t.diff->n_violations, 0);
	/* sorted by kind first */
	for (size_t i = 1; i < t.diff->n_changes; i++)
		CU_ASSERT(t.diff->changes[i - 1].kind <= t.diff->changes[i].kind);
	two_free(&t);
}

static void test_fields(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-x",
		  FULL("/sys/x/reflowed", "One line\n\t\tand another.") FULL(
			  "/sys/x/edited",
			  "Old text.") "What:\t\t/sys/x/users\nDate:\t\tJune 2020\nUsers:\t\tnobody\n"
				       "Description:\tUsers.\n\n" ENTRY("/sys/x/grown") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "testing/sysfs-x",
		  FULL("/sys/x/reflowed", "One line and\n\t\tanother.") FULL(
			  "/sys/x/edited",
			  "New text.") "What:\t\t/sys/x/users\nDate:\t\tJuly 2020\nUsers:\t\tsomebody\n"
				       "Description:\tUsers.\n\n"
				       "What:\t\t/sys/x/grown\nWhat:\t\t/sys/x/grown2\nDate:\t\tJune 2020\n"
				       "KernelVersion:\t5.8\nContact:\tx@example.org\n"
				       "Description:\tSomething about /sys/x/grown.\n\n" },
		{},
	};
	const struct abi_change *c;
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(t.diff->n_changes, 3);
	/* reflowing is no change: One line / and another. == One line and / another. */
	CU_ASSERT_PTR_NULL(change(t.diff, ABI_CHANGE_CHANGED, "/sys/x/reflowed"));
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/x/edited");
	CU_ASSERT(c && c->fields == ABI_FIELD_DESCRIPTION);
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/x/users");
	CU_ASSERT(c && c->fields == (ABI_FIELD_DATE | ABI_FIELD_USERS));
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/x/grown");
	CU_ASSERT(c && c->fields == ABI_FIELD_WHAT);
	two_free(&t);
}

static void test_pairing_passes(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-class-net", ENTRY("/sys/class/net/<dev>/mtu") },
		{ "testing/sysfs-class-led-trigger-netdev",
		  ENTRY("/sys/class/leds/<led>/rx") },
		{ "testing/sysfs-devices-ptt",
		  FULL("/sys/devices/ptt<N>/tune/qos", "Quality.") },
		{ "testing/sysfs-bus-pci-aer",
		  FULL("/sys/bus/pci/devices/<dev>/aer/total", "Counts errors.") },
		{ "testing/sysfs-bus-vdpa",
		  FULL("/sys/bus/vdpa/driver_autoprobe", "Binds.") },
		{ "testing/sysfs-bus-iio-adc-max",
		  "What:\t\t/sys/bus/iio/devices/iio:deviceX/in_shunt\n"
		  "What:\t\t/sys/bus/iio/devices/iio:deviceX/in_gone\nDate:\t\tJune 2020\n"
		  "KernelVersion:\t5.8\nContact:\tx@example.org\nDescription:\tShunts.\n\n" },
		{ "testing/sysfs-split",
		  "What:\t\t/sys/split/a\nWhat:\t\t/sys/split/b\n"
		  "Date:\t\tJune 2020\nKernelVersion:\t5.8\nContact:\tx@example.org\n"
		  "Description:\tTwo in one.\n\n" },
		{},
	};
	static const struct unit_file new_files[] = {
		/* a placeholder renamed: the same pattern */
		{ "testing/sysfs-class-net", ENTRY("/sys/class/net/<iface>/mtu") },
		/* the netdev trigger's rx is still there: the tty trigger's is new */
		{ "testing/sysfs-class-led-trigger-netdev",
		  ENTRY("/sys/class/leds/<led>/rx") },
		{ "testing/sysfs-class-led-trigger-tty",
		  ENTRY("/sys/class/leds/<tty_led>/rx") },
		/* moved below another directory, into another file: same Description */
		{ "testing/sysfs-bus-event_source-ptt",
		  FULL("/sys/bus/event_source/devices/ptt<N>/tune/qos", "Quality.") },
		/* a path fixed in place, its Description edited */
		{ "testing/sysfs-bus-pci-aer",
		  FULL("/sys/bus/pci/devices/<dev>/total", "Counts the errors.") },
		/* renamed, same file, same Description */
		{ "testing/sysfs-bus-vdpa",
		  FULL("/sys/bus/vdpa/drivers_autoprobe", "Binds.") },
		/* a driver's entry folded into the generic one */
		{ "testing/sysfs-bus-iio", ENTRY("/sys/.../iio:deviceX/in_shunt") },
		/* split in two */
		{ "testing/sysfs-split", ENTRY("/sys/split/a") ENTRY("/sys/split/b") },
		{},
	};
	const struct abi_change *c;
	struct two t;

	two_load(&t, old_files, new_files);
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/class/net/<iface>/mtu");
	CU_ASSERT(c && c->fields == (ABI_FIELD_WHAT | ABI_FIELD_DESCRIPTION));
	CU_ASSERT_PTR_NOT_NULL(
		change(t.diff, ABI_CHANGE_ADDED, "/sys/class/leds/<tty_led>/rx"));
	c = change(t.diff, ABI_CHANGE_MOVED_FILE,
		   "/sys/bus/event_source/devices/ptt<N>/tune/qos");
	CU_ASSERT(c &&
		  strcmp(c->old_entry->file->path, "testing/sysfs-devices-ptt") == 0);
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/bus/pci/devices/<dev>/total");
	CU_ASSERT(c && c->fields == (ABI_FIELD_WHAT | ABI_FIELD_DESCRIPTION));
	c = change(t.diff, ABI_CHANGE_CHANGED, "/sys/bus/vdpa/drivers_autoprobe");
	CU_ASSERT(c && c->fields == ABI_FIELD_WHAT);
	/* one of the driver's two paths is covered, the other is not: not folded */
	CU_ASSERT_PTR_NOT_NULL(change(t.diff, ABI_CHANGE_REMOVED,
				      "/sys/bus/iio/devices/iio:deviceX/in_shunt"));
	CU_ASSERT_PTR_NOT_NULL(
		change(t.diff, ABI_CHANGE_ADDED, "/sys/.../iio:deviceX/in_shunt"));
	/* both halves of the split come from the one old entry */
	CU_ASSERT_PTR_NOT_NULL(change(t.diff, ABI_CHANGE_CHANGED, "/sys/split/a"));
	CU_ASSERT_PTR_NOT_NULL(change(t.diff, ABI_CHANGE_CHANGED, "/sys/split/b"));
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_ADDED], 2);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_REMOVED], 1);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_VANISHED_TESTING], 1);
	/* pairs by NEW's entry, then OLD's */
	for (size_t i = 1; i < t.diff->n_pairs; i++)
		CU_ASSERT(t.diff->pairs[i - 1].new_entry->index <=
			  t.diff->pairs[i].new_entry->index);
	two_free(&t);
}

static void test_folded(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-bus-iio-adc-max",
		  ENTRY("/sys/bus/iio/devices/iio:deviceX/in_shunt")
			  ENTRY("/sys/bus/iio/devices/iio:deviceX/in_power_shunt") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "testing/sysfs-bus-iio",
		  "What:\t\t/sys/.../iio:deviceX/in_shunt\n"
		  "What:\t\t/sys/.../iio:deviceX/in_power_shunt\nDate:\t\tJune 2020\n"
		  "KernelVersion:\t5.8\nContact:\tx@example.org\nDescription:\tShunts.\n\n" },
		{},
	};
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_REMOVED], 0);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_ADDED], 0);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_MOVED_FILE], 2);
	CU_ASSERT_EQUAL(t.diff->n_violations, 0);
	two_free(&t);
}

static void test_level_rules(void)
{
	static const struct unit_file old_files[] = {
		{ "stable/sysfs-a", ENTRY("/sys/a/back") ENTRY("/sys/a/gone") ENTRY(
					    "/sys/a/kept") ENTRY("/sys/a/removed") },
		{ "testing/sysfs-b", ENTRY("/sys/b/gone") ENTRY("/sys/b/removed") ENTRY(
					     "/sys/b/announced") ENTRY("/sys/b/via") },
		{ "obsolete/sysfs-c",
		  ENTRY("/sys/c/gone") ENTRY("/sys/c/removed") ENTRY("/sys/b/via") },
		{ "removed/sysfs-d", ENTRY("/sys/d/gone") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "stable/sysfs-a", ENTRY("/sys/a/kept") },
		{ "testing/sysfs-a", ENTRY("/sys/a/back") ENTRY("/sys/a/kept") },
		{ "obsolete/sysfs-b", ENTRY("/sys/b/announced") },
		{ "removed/sysfs-x",
		  ENTRY("/sys/a/removed") ENTRY("/sys/b/removed") ENTRY("/sys/c/removed")
			  ENTRY("/sys/b/via") },
		{},
	};
	const struct abi_violation *v;
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_STABLE_TO_TESTING], 1);
	v = violation(t.diff, ABI_RULE_STABLE_TO_TESTING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	/* /sys/a/kept is in testing too now, but also still in stable: no move */
	CU_ASSERT_STRING_EQUAL(v->new_entry->whats[0].text, "/sys/a/back");
	CU_ASSERT_STRING_EQUAL(v->old_entry->file->path, "stable/sysfs-a");
	CU_ASSERT_STRING_EQUAL(
		v->message,
		"'/sys/a/back' moved from stable to testing (was stable/sysfs-a:1)");
	/* stable and testing straight to removed/; obsolete is fine, and so is testing
	   when OLD had the path in obsolete/ too */
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_REMOVED_WITHOUT_OBSOLETE], 2);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_VANISHED_STABLE], 1);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_VANISHED_TESTING], 1);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_OBSOLETE_VANISHED], 1);
	v = violation(t.diff, ABI_RULE_VANISHED_STABLE);
	CU_ASSERT(v && !v->new_entry &&
		  strcmp(v->old_entry->whats[0].text, "/sys/a/gone") == 0);
	CU_ASSERT(v &&
		  strcmp(v->message, "stable '/sys/a/gone' vanished: no entry documents "
				     "it any more") == 0);
	v = violation(t.diff, ABI_RULE_OBSOLETE_VANISHED);
	CU_ASSERT(v && strcmp(v->old_entry->whats[0].text, "/sys/c/gone") == 0);
	/* a removed entry may go */
	CU_ASSERT_EQUAL(t.diff->n_violations, 6);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_NEW_MISSING_FIELD], 0);
	/* by rule, then place */
	for (size_t i = 1; i < t.diff->n_violations; i++)
		CU_ASSERT(t.diff->violations[i - 1].rule <= t.diff->violations[i].rule);
	two_free(&t);
}

#define TWO(a, b, desc)                                                             \
	"What:\t\t" a "\nWhat:\t\t" b "\nDate:\t\tJune 2020\nKernelVersion:\t5.8\n" \
	"Contact:\tx@example.org\nDescription:\t" desc "\n\n"

/* The rules hold path by path, not only entry by entry. */
static void test_rules_by_path(void)
{
	static const struct unit_file old_files[] = {
		{ "stable/sysfs-knob",
		  TWO("/sys/kernel/knob/x", "/sys/kernel/knob/y", "Knobs.") },
		{ "testing/sysfs-dial",
		  TWO("/sys/kernel/dial/a", "/sys/kernel/dial/b", "Dials.") },
		{},
	};
	/* stable: y dropped from its entry; testing: b split off straight to removed/ */
	static const struct unit_file new_files[] = {
		{ "stable/sysfs-knob", FULL("/sys/kernel/knob/x", "Knobs.") },
		{ "testing/sysfs-dial", FULL("/sys/kernel/dial/a", "Dials.") },
		{ "removed/sysfs-dial", FULL("/sys/kernel/dial/b", "Dials.") },
		{},
	};
	/* both paths renamed in place (into a subdirectory): a change, not a vanishing */
	static const struct unit_file renamed_files[] = {
		{ "stable/sysfs-knob",
		  TWO("/sys/kernel/knob/k/x", "/sys/kernel/knob/k/y", "Knobs.") },
		{ "testing/sysfs-dial",
		  TWO("/sys/kernel/dial/a", "/sys/kernel/dial/b", "Dials.") },
		{},
	};
	const struct abi_violation *v;
	struct two t;

	two_load(&t, old_files, new_files);
	v = violation(t.diff, ABI_RULE_VANISHED_STABLE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_PTR_NOT_NULL(strstr(v->message, "'/sys/kernel/knob/y' vanished"));
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_VANISHED_STABLE], 1);
	v = violation(t.diff, ABI_RULE_REMOVED_WITHOUT_OBSOLETE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(v->new_entry->whats[0].path, "/sys/kernel/dial/b");
	/* a, still in testing/, neither moved nor vanished */
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_VANISHED_TESTING], 0);
	CU_ASSERT_EQUAL(t.diff->n_violations, 2);
	two_free(&t);

	two_load(&t, old_files, renamed_files);
	CU_ASSERT_EQUAL(t.diff->n_violations, 0);
	two_free(&t);
}

static void test_new_entry_rules(void)
{
	static const struct unit_file old_files[] = {
		{ "Makefile",
		  "VERSION = 6\nPATCHLEVEL = 4\nSUBLEVEL = 7\nEXTRAVERSION =\n" },
		{ "Documentation/ABI/testing/sysfs-a", ENTRY("/sys/a") },
		{},
	};
	static const struct unit_file new_files[] = {
		{ "Makefile",
		  "VERSION = 6\nPATCHLEVEL = 5\nSUBLEVEL = 0\nEXTRAVERSION =\n" },
		{ "Documentation/ABI/testing/sysfs-a",
		  ENTRY("/sys/a") "What:\t\t/sys/a/bare\nDescription:\t \n\n"
				  "What:\t\t/sys/a/old\nDate:\t\tJune 2019\nKernelVersion:\tv5.3\n"
				  "Contact:\tx@example.org\nDescription:\tOld.\n\n"
				  "What:\t\t/sys/a/same\nDate:\t\tJune 2023\nKernelVersion:\t6.4\n"
				  "Contact:\tx@example.org\nDescription:\tAs old as OLD.\n\n"
				  "Date:\t\tJune 2023\nKernelVersion:\t6.5\nContact:\tx@example.org\n"
				  "Description:\tNo What.\n" },
		{},
	};
	const struct abi_violation *v;
	struct two t;

	two_load_in(&t, old_files, new_files, "Documentation/ABI");
	CU_ASSERT_STRING_EQUAL(t.tree[0]->kernel_version, "6.4.7");
	CU_ASSERT_EQUAL(t.diff->old_kv_major, 6);
	CU_ASSERT_EQUAL(t.diff->old_kv_minor, 4);
	CU_ASSERT_EQUAL(t.diff->change_counts[ABI_CHANGE_ADDED], 4);
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_NEW_MISSING_FIELD], 2);
	v = violation(t.diff, ABI_RULE_NEW_MISSING_FIELD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_PTR_NULL(v->old_entry);
	CU_ASSERT_EQUAL(v->fields, ABI_FIELD_DATE | ABI_FIELD_KERNELVERSION |
					   ABI_FIELD_CONTACT | ABI_FIELD_DESCRIPTION);
	CU_ASSERT_STRING_EQUAL(v->message,
			       "new entry '/sys/a/bare' has no Date, KernelVersion, "
			       "Contact or Description");
	CU_ASSERT_EQUAL(v[1].fields, ABI_FIELD_WHAT);
	CU_ASSERT_STRING_EQUAL(v[1].message, "new entry (no What) has no What");
	/* 5.3 is older than 6.4; 6.4 itself is not */
	CU_ASSERT_EQUAL(t.diff->rule_counts[ABI_RULE_NEW_KERNELVERSION_OLDER], 1);
	v = violation(t.diff, ABI_RULE_NEW_KERNELVERSION_OLDER);
	CU_ASSERT(v && strcmp(v->message,
			      "new entry '/sys/a/old' gives KernelVersion v5.3, older "
			      "than 6.4, the kernel of the old tree") == 0);
	two_free(&t);
}

static void test_new_diags(void)
{
	static const struct unit_file old_files[] = {
		{ "testing/sysfs-a",
		  ENTRY("/sys/a/one") "What:\t\t/sys/a/two\nDate  June 2020\nKernelVersion:\t5.8\n"
				      "Contact:\tx@example.org\nDescription:\tTwo.\n\n" },
		{ "testing/sysfs-crlf",
		  "The crlf file.\r\nWhat:\t\t/sys/crlf\r\nDescription:\tCRLF.\r\n" },
		{ "stable/sysfs-dup", ENTRY("/sys/dup") },
		{ "testing/sysfs-dup", ENTRY("/sys/dup") },
		{},
	};
	static const struct unit_file new_files[] = {
		/* the old defect moved down two entries: old debt */
		{ "testing/sysfs-a",
		  ENTRY("/sys/a/one") ENTRY("/sys/a/new1") ENTRY(
			  "/sys/a/new2") "What:\t\t/sys/a/two\nDate  June 2020\nKernelVersion:\t5.8\n"
					 "Contact:\tx@example.org\nDescription:\tTwo.\n\n"
					 /* the same defect in a new entry: new */
					 "What:\t\t/sys/a/three\nDate  June 2020\nKernelVersion:\t5.8\n"
					 "Contact:\tx@example.org\nDescription:\tThree.\n\n" },
		/* a file moved to another level keeps its debt */
		{ "stable/sysfs-crlf",
		  "The crlf file.\r\nWhat:\t\t/sys/crlf\r\nDescription:\tCRLF.\r\n" },
		/* a third place for a duplicated path: a new message */
		{ "stable/sysfs-dup", ENTRY("/sys/dup") },
		{ "testing/sysfs-dup", "\n\n" ENTRY("/sys/dup") ENTRY("/sys/dup") },
		{},
	};
	const struct abi_diag **found;
	struct abi_diff *self;
	size_t n;
	struct two t;

	two_load(&t, old_files, new_files);
	CU_ASSERT_EQUAL(abi_ctx_diag_count(t.ctx[1], ABI_DIAG_CRLF), 1);
	CU_ASSERT_EQUAL(abi_ctx_diag_count(t.ctx[1], ABI_DIAG_TEXT_OUTSIDE_ENTRY), 1);
	CU_ASSERT_EQUAL_FATAL(abi_diff_new_diags(t.diff, t.log[0], t.log[1], &found, &n),
			      0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	/* in the order NEW's log has them: entries are six lines */
	CU_ASSERT_EQUAL(found[0]->kind, ABI_DIAG_TAG_MISSING_COLON);
	CU_ASSERT_STRING_EQUAL(found[0]->loc.file, "testing/sysfs-a");
	CU_ASSERT_EQUAL(found[0]->loc.line, 26);
	CU_ASSERT_EQUAL(found[1]->kind, ABI_DIAG_WHAT_DUPLICATE);
	CU_ASSERT_EQUAL_FATAL(found[1]->n_related, 3);
	CU_ASSERT_STRING_EQUAL(found[1]->related[2].file, "testing/sysfs-dup");
	CU_ASSERT_EQUAL(found[1]->related[2].line, 9);
	free(found);
	/* NEW against itself: nothing is news */
	CU_ASSERT_EQUAL_FATAL(abi_diff_new(t.tree[1], t.tree[1], &self), 0);
	CU_ASSERT_EQUAL_FATAL(abi_diff_new_diags(self, t.log[1], t.log[1], &found, &n),
			      0);
	CU_ASSERT_EQUAL(n, 0);
	free(found);
	abi_diff_free(self);
	two_free(&t);
}

/* ---- the checks of a report ---- */

static struct value *small_report(const char *fail_on_rule, bool kv)
{
	struct value *r = value_object_new(), *v, *list;

	v = value_set(r, "old", value_object_new());
	value_set_str(v, "kernel_version", kv ? "6.1.0" : NULL);
	list = value_set(r, "fail_on", value_array_new());
	value_append(list, value_string_new(fail_on_rule));
	value_append(list, value_string_new("new-what-bad-pattern"));
	list = value_set(r, "violations", value_array_new());
	for (int i = 0; i < 2; i++) {
		v = value_append(list, value_object_new());
		value_set_str(v, "rule", "vanished-testing");
		value_set_str(v, "message", "gone");
		value_set_str(v, "file", "old/Documentation/ABI/testing/sysfs-x");
		value_set_int(v, "line", 7);
	}
	list = value_set(r, "new_diagnostics", value_array_new());
	v = value_append(list, value_object_new());
	value_set_str(v, "kind", "crlf");
	value_set_str(v, "file", "a/testing/sysfs-y");
	value_set_int(v, "line", 1);
	value_set_str(v, "message", "CRLF");
	list = value_set(r, "changes", value_array_new());
	v = value_append(list, value_object_new());
	value_set_str(v, "kind", "removed");
	value_set_str(v, "message", "entry removed");
	value_set(v, "new", value_null_new());
	v = value_set(v, "old", value_object_new());
	value_set_str(v, "file", "stable/sysfs-z");
	value_set_int(v, "line", 3);
	value_set_bool(r, "lint_shown", false);
	return r;
}

static const struct value *check_named(const struct value *checks, const char *name)
{
	for (size_t i = 0; i < value_len(checks); i++)
		if (strcmp(value_str(value_get(value_at(checks, i), "name")), name) == 0)
			return value_at(checks, i);
	return NULL;
}

#define STR(v, path) value_str(value_path((v), (path)))

static void test_checks(void)
{
	struct value *report = small_report("vanished-testing", false);
	struct value *checks = value_array_new();
	const struct value *c, *f;
	size_t n_lint = 0;

	checks_diff(report, checks);
	CU_ASSERT_FATAL(!value_failed(checks));
	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++)
		n_lint += abi_diag_kind_severity(k) == ABI_SEVERITY_LINT;
	/* every rule, every kind of diagnostic shown, every kind of change */
	CU_ASSERT_EQUAL(value_len(checks), ABI_RULE_COUNT + ABI_DIAG_KIND_COUNT - n_lint +
						   ABI_CHANGE_KIND_COUNT);
	for (size_t i = 0; i < value_len(checks); i++) {
		c = value_at(checks, i);
		CU_ASSERT_STRING_EQUAL(STR(c, "family"), "diff");
		CU_ASSERT_PTR_NOT_NULL(STR(c, "title"));
		CU_ASSERT_EQUAL(value_int(value_get(c, "count")),
				(long long)value_len(value_get(c, "findings")));
		/* name family title about status reason count findings */
		CU_ASSERT_EQUAL(value_len(c), 8);
		CU_ASSERT_EQUAL(value_type(value_get(c, "reason")) == VALUE_STRING,
				strcmp(STR(c, "status"), "skip") == 0);
	}
	c = check_named(checks, "vanished-testing");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(STR(c, "status"), "fail");
	CU_ASSERT_EQUAL(value_int(value_get(c, "count")), 2);
	f = value_at(value_get(c, "findings"), 0);
	CU_ASSERT_STRING_EQUAL(STR(f, "where"),
			       "old/Documentation/ABI/testing/sysfs-x:7");
	CU_ASSERT_STRING_EQUAL(STR(f, "severity"), "error");
	CU_ASSERT_EQUAL(value_int(value_get(f, "count")), 1);
	CU_ASSERT_TRUE(value_bool(value_get(f, "failing")));
	/* where message severity count failing */
	CU_ASSERT_EQUAL(value_len(f), 5);
	CU_ASSERT_STRING_EQUAL(STR(check_named(checks, "vanished-stable"), "status"),
			       "ok");
	/* no kernel version for OLD: the rule could not be checked */
	CU_ASSERT_STRING_EQUAL(
		STR(check_named(checks, "new-kernelversion-older"), "status"), "skip");
	c = check_named(checks, "new-crlf");
	CU_ASSERT_STRING_EQUAL(STR(c, "status"), "warn");
	CU_ASSERT_STRING_EQUAL(STR(value_at(value_get(c, "findings"), 0), "severity"),
			       "warning");
	CU_ASSERT_STRING_EQUAL(STR(check_named(checks, "new-what-bad-pattern"), "status"),
			       "ok");
	CU_ASSERT_PTR_NULL(check_named(checks, "new-missing-date")); /* lint, not shown */
	c = check_named(checks, "removed");
	/* a change is information, not a warning, unless --fail-on names it */
	CU_ASSERT_STRING_EQUAL(STR(c, "status"), "ok");
	CU_ASSERT_EQUAL(value_int(value_get(c, "count")), 1);
	f = value_at(value_get(c, "findings"), 0);
	CU_ASSERT_STRING_EQUAL(STR(f, "where"), "stable/sysfs-z:3");
	CU_ASSERT_STRING_EQUAL(STR(f, "severity"), "info");
	value_free(checks);
	value_free(report);

	report = small_report("stable-to-testing", true);
	checks = value_array_new();
	checks_diff(report, checks);
	c = check_named(checks, "vanished-testing");
	CU_ASSERT_STRING_EQUAL(STR(c, "status"), "warn");
	CU_ASSERT_STRING_EQUAL(STR(value_at(value_get(c, "findings"), 0), "severity"),
			       "warning");
	CU_ASSERT_STRING_EQUAL(
		STR(check_named(checks, "new-kernelversion-older"), "status"), "ok");
	value_free(checks);
	value_free(report);
}

void test_diff_register(void)
{
	static const struct unit_test tests[] = {
		{ "names", test_names },
		{ "identical trees", test_identical },
		{ "trees sharing no entry", test_disjoint },
		{ "one path documented twice, reordered", test_duplicates_swapped },
		{ "moves between files and levels", test_moves },
		{ "rules path by path", test_rules_by_path },
		{ "changed fields", test_fields },
		{ "pairing passes", test_pairing_passes },
		{ "entries folded into a generic one", test_folded },
		{ "level rules", test_level_rules },
		{ "new entry rules", test_new_entry_rules },
		{ "new diagnostics", test_new_diags },
		{ "checks", test_checks },
		{},
	};

	unit_add_suite("diff", tests);
}
