// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The comparison's result model, the one every format reads:
 *
 *   abi                 the documentation that judged both sides
 *   old, new            each sysfs: root, identity (as the audit's sysfs), its counts
 *   fail_on[]           the kinds that fail the run; baseline, verbose
 *   summary             vanished and appeared files, changed nodes, directories not
 *                       compared, and the nodes of each kind
 *   groups[]            kind, side (where its nodes are), evidence (where to look),
 *                       severity, pattern, count, old_count and new_count (the nodes the
 *                       pattern matches on each side), documented_by (the What) or null,
 *                       examples[] (path, and for a change the old and new type or
 *                       target), paths[] (every node), baselined, failing
 *   result, failing[]   pass or fail, and the kinds that fail it
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cli/sysfs-source.h"
#include "common/macro.h"
#include "compare-report.h"
#include "sysfs/sysfs-identity.h"

const char *compare_severity(enum compare_kind kind, bool failing)
{
	const char *s = compare_kinds[kind].severity;

	if (failing)
		return "error";
	return strcmp(s, "error") == 0 ? "warning" : s;
}

static void report_side(struct value *report, const char *key,
			const struct sysfs_root *root, const struct sysfs_tree *t,
			const char *label)
{
	struct value *v = value_set(report, key, value_object_new());
	struct sysfs_identity id;

	value_set_str(v, "root", root->path);
	value_set_bool(v, "live", root->live);
	sysfs_identity_read(root, &id);
	sysfs_identity_value(&id, label, v);
	sysfs_identity_release(&id);
	value_set_int(v, "nodes", (long long)t->n_nodes);
	value_set_int(v, "files", (long long)t->n_files);
	value_set_int(v, "directories", (long long)t->n_dirs);
	value_set_int(v, "links", (long long)t->n_links);
	value_set_int(v, "unreadable", (long long)(t->n_unreadable + t->n_vanished));
}

static const char *type_name(const struct snode *n)
{
	switch (n ? n->type : SNODE_OTHER) {
	case SNODE_DIR:
		return "directory";
	case SNODE_FILE:
		return "file";
	case SNODE_LINK:
		return "link";
	default:
		return "other";
	}
}

/* A node as it was and is: its type, or a link's target. */
static const char *state_of(const struct snode *n, enum compare_kind kind)
{
	if (!n)
		return NULL;
	return kind == COMPARE_CHANGED_LINK ? n->link : type_name(n);
}

static struct value *example(const struct compare *c, const struct compare_group *g,
			     const struct snode *n)
{
	struct value *v = value_object_new();
	bool changed = g->kind == COMPARE_CHANGED_TYPE || g->kind == COMPARE_CHANGED_LINK;
	const struct snode *other = changed ? compare_other(c, n, g->new_side) : NULL;
	char *p = snode_path(n);

	value_set_str(v, "path", p);
	free(p);
	value_set_str(v, "old",
		      changed ? state_of(g->new_side ? other : n, g->kind) : NULL);
	value_set_str(v, "new",
		      changed ? state_of(g->new_side ? n : other, g->kind) : NULL);
	return v;
}

/*
 * The What documenting a group: its file as the tree names it ("stable/sysfs-module"),
 * the tree being said once, in abi.dir.
 */
static struct value *what_of(const struct abi_what *w)
{
	struct value *v = value_object_new();

	value_set_str(v, "what", w->text);
	value_set_str(v, "level", abi_level_name(w->entry->level));
	value_set_str(v, "file", w->entry->file->path);
	value_set_int(v, "line", w->line);
	return v;
}

static void report_groups(struct value *report, const struct compare *c,
			  const struct compare_options *opt, size_t *failing)
{
	struct value *list = value_set(report, "groups", value_array_new());

	for (size_t i = 0; i < c->n_groups; i++) {
		const struct compare_group *g = &c->groups[i];
		const struct compare_kind_info *k = &compare_kinds[g->kind];
		struct value *v = value_append(list, value_object_new()), *ex;
		bool known = opt->baseline &&
			     baseline_has(opt->baseline, k->name, g->pattern);
		bool fails = opt->fail_on[g->kind] && !known;

		value_set_str(v, "kind", k->name);
		value_set_str(v, "side", g->new_side ? "new" : "old");
		value_set_str(v, "evidence", k->side);
		value_set_str(v, "severity", compare_severity(g->kind, fails));
		value_set_str(v, "pattern", g->pattern);
		value_set_int(v, "count", (long long)g->count);
		value_set_int(v, "old_count", (long long)g->old_count);
		value_set_int(v, "new_count", (long long)g->new_count);
		value_set(v, "documented_by",
			  g->what ? what_of(g->what) : value_null_new());
		ex = value_set(v, "examples", value_array_new());
		for (size_t m = 0; m < g->count && m < 3; m++)
			value_append(ex, example(c, g, g->members[m]));
		ex = value_set(v, "paths", value_array_new());
		for (size_t m = 0; m < g->count; m++) {
			char *p = snode_path(g->members[m]);

			value_append(ex, value_string_new(p));
			free(p);
		}
		value_set_bool(v, "baselined", known);
		value_set_bool(v, "failing", fails);
		failing[g->kind] += fails;
	}
}

struct value *compare_report(const struct compare *c, const struct doc_source *src,
			     const struct compare_options *opt, bool *fail)
{
	struct value *report = doc_source_report(src, "compare"), *v, *kinds;
	size_t failing[COMPARE_KIND_COUNT] = { 0 }, vanished = 0, appeared = 0;

	report_side(report, "old", opt->old_root, c->old.tree, opt->old_label);
	report_side(report, "new", opt->new_root, c->new.tree, opt->new_label);
	v = value_set(report, "fail_on", value_array_new());
	for (int k = 0; k < COMPARE_KIND_COUNT; k++)
		if (opt->fail_on[k])
			value_append(v, value_string_new(compare_kinds[k].name));
	value_set_str(report, "baseline", opt->baseline_path);
	value_set_bool(report, "verbose", opt->verbose);

	v = value_set(report, "summary", value_object_new());
	kinds = value_object_new();
	for (int k = 0; k < COMPARE_KIND_COUNT; k++) {
		value_set_int(kinds, compare_kinds[k].name, (long long)c->nodes[k]);
		if (k <= COMPARE_VANISHED_MODULE_PARAMETER ||
		    k == COMPARE_FEWER_INSTANCES)
			vanished += c->nodes[k];
		else if (k <= COMPARE_APPEARED_MODULE_PARAMETER ||
			 k == COMPARE_MORE_INSTANCES)
			appeared += c->nodes[k];
	}
	value_set_int(v, "vanished", (long long)vanished);
	value_set_int(v, "appeared", (long long)appeared);
	value_set_int(v, "changed",
		      (long long)(c->nodes[COMPARE_CHANGED_TYPE] +
				  c->nodes[COMPARE_CHANGED_LINK]));
	value_set_int(v, "not_compared", (long long)c->not_compared);
	value_set(v, "kinds", kinds);

	report_groups(report, c, opt, failing);
	*fail = false;
	v = value_set(report, "failing", value_array_new());
	for (int k = 0; k < COMPARE_KIND_COUNT; k++) {
		if (!failing[k])
			continue;
		*fail = true;
		value_append(v, value_string_new(compare_kinds[k].name));
	}
	value_set_str(report, "result", *fail ? "fail" : "pass");
	return report;
}
