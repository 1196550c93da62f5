// SPDX-License-Identifier: GPL-2.0-or-later
/* Two sysfs compared. See compare.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/macro.h"
#include "compare.h"

/* clang-format off */
const struct compare_kind_info compare_kinds[COMPARE_KIND_COUNT] = {
	[COMPARE_VANISHED_STABLE] = {
		"vanished-stable", "error", "old", "Stable interfaces that vanished",
		"Does every file OLD has that stable/ documents still exist in NEW?",
		"an ABI break: userspace may rely on a stable file. If the removal is meant, "
		"move the entry to obsolete/ first, with the plan for its removal "
		"(Documentation/ABI/README); else find what lost it (a driver, a module not "
		"loaded, a configuration option dropped)", true },
	[COMPARE_VANISHED_TESTING] = {
		"vanished-testing", "warning", "old", "Testing interfaces that vanished",
		"Does every file OLD has that testing/ documents still exist in NEW?",
		"testing/ interfaces may change, but their users break: make sure it was "
		"meant, and that the documentation says so", false },
	[COMPARE_VANISHED_OBSOLETE] = {
		"vanished-obsolete", "info", "old", "Obsolete interfaces that vanished",
		"Which files documented in obsolete/ did NEW drop?",
		"expected: the documentation announced it", false },
	[COMPARE_VANISHED_REMOVED] = {
		"vanished-removed", "info", "old", "Removed interfaces that vanished",
		"Which files documented in removed/ did NEW drop at last?",
		"expected: the documentation says it is removed", false },
	[COMPARE_VANISHED_UNDOCUMENTED] = {
		"vanished-undocumented", "info", "old", "Undocumented files that vanished",
		"Which files that no entry documents did NEW drop?",
		"no documented promise broken; a program that read it anyway breaks",
		false },
	[COMPARE_VANISHED_MODULE_PARAMETER] = {
		"vanished-module-parameter", "info", "old", "Module parameters that vanished",
		"Which module parameters did NEW drop?",
		"a module not loaded, or a parameter dropped: modprobe.d lines naming it "
		"fail", false },
	[COMPARE_APPEARED_REMOVED] = {
		"appeared-removed", "error", "new", "Removed interfaces that appeared",
		"Does NEW expose a file the documentation says was removed?",
		"the documentation and the kernel disagree: the entry is in removed/ while "
		"the file is back; document it again, or drop the file", true },
	[COMPARE_APPEARED_OBSOLETE] = {
		"appeared-obsolete", "warning", "new", "Obsolete interfaces that appeared",
		"Does NEW expose a file the documentation calls obsolete that OLD did not?",
		"a new user of an interface on its way out: use its replacement, named in "
		"the obsolete entry", false },
	[COMPARE_APPEARED_UNDOCUMENTED] = {
		"appeared-undocumented", "warning", "new", "Undocumented files that appeared",
		"Is every file NEW adds documented?",
		"a new interface without documentation: add an entry to "
		"Documentation/ABI/testing ('sysabi audit --suggest' writes a skeleton)",
		false },
	[COMPARE_APPEARED_DOCUMENTED] = {
		"appeared-documented", "info", "new", "Documented files that appeared",
		"Which documented files does NEW add?",
		"a documented interface appeared: nothing to do", false },
	[COMPARE_APPEARED_MODULE_PARAMETER] = {
		"appeared-module-parameter", "info", "new", "Module parameters that appeared",
		"Which module parameters does NEW add?",
		"a module loaded, or a parameter added", false },
	[COMPARE_FEWER_INSTANCES] = {
		"fewer-instances", "info", "old", "Interfaces with fewer instances",
		"Which files of OLD are gone from NEW while their pattern is still there?",
		"the interface is still there with fewer instances: fewer devices, modules "
		"or caches of the kind", false },
	[COMPARE_MORE_INSTANCES] = {
		"more-instances", "info", "new", "Interfaces with more instances",
		"Which files does NEW add to a pattern OLD has?",
		"more devices, modules or caches of a kind OLD had too", false },
	[COMPARE_CHANGED_TYPE] = {
		"changed-type", "warning", "both", "Nodes whose type changed",
		"Is every node that both have of the same type: file, directory or link?",
		"a file that became a directory or a link breaks every reader of the "
		"path", false },
	[COMPARE_CHANGED_LINK] = {
		"changed-link", "info", "both", "Links whose target changed",
		"Does every link that both have point where it pointed?",
		"another device, bus or driver behind the same name", false },
};
/* clang-format on */

int compare_kind_parse(const char *name, enum compare_kind *out)
{
	for (int k = 0; k < COMPARE_KIND_COUNT; k++) {
		if (strcmp(compare_kinds[k].name, name) == 0) {
			*out = (enum compare_kind)k;
			return 0;
		}
	}
	return -EINVAL;
}

/* The What whose entry documents file @n of @a, or NULL; by-directory: its directory's. */
static const struct abi_what *documenting(const struct audit *a, const struct snode *n)
{
	const struct snode *dir;

	switch ((enum audit_class)a->classes[n->id]) {
	case AUDIT_DOCUMENTED:
	case AUDIT_OBSOLETE:
	case AUDIT_REMOVED:
		return a->nodes[n->id].match;
	case AUDIT_BY_DIRECTORY:
		dir = audit_named_by_directory(a, n);
		return dir ? a->nodes[dir->id].match : NULL;
	default:
		return NULL;
	}
}

/* The kind of file @n of @a, which vanished (@new false) or appeared. */
static enum compare_kind file_kind(const struct audit *a, const struct snode *n, bool new)
{
	const struct abi_what *w = documenting(a, n);
	enum abi_level level = w ? w->entry->level : ABI_LEVEL_TESTING;
	const char *module, *param;

	if (a->classes[n->id] == AUDIT_MODULE_PARAMETER ||
	    (!w && audit_module_param(n, &module, &param)))
		return new ? COMPARE_APPEARED_MODULE_PARAMETER :
			     COMPARE_VANISHED_MODULE_PARAMETER;
	if (!w)
		return new ? COMPARE_APPEARED_UNDOCUMENTED :
			     COMPARE_VANISHED_UNDOCUMENTED;
	switch (level) {
	case ABI_LEVEL_STABLE:
		return new ? COMPARE_APPEARED_DOCUMENTED : COMPARE_VANISHED_STABLE;
	case ABI_LEVEL_OBSOLETE:
		return new ? COMPARE_APPEARED_OBSOLETE : COMPARE_VANISHED_OBSOLETE;
	case ABI_LEVEL_REMOVED:
		return new ? COMPARE_APPEARED_REMOVED : COMPARE_VANISHED_REMOVED;
	default:
		return new ? COMPARE_APPEARED_DOCUMENTED : COMPARE_VANISHED_TESTING;
	}
}

static void mark(struct compare *c, struct compare_side *s, const struct snode *n,
		 enum compare_kind k)
{
	s->kinds[n->id] = (int8_t)k;
	c->nodes[k]++;
}

/* Every file at or below @n, on side @s only: vanished (@new false) or appeared. */
static void one_side(struct compare *c, struct compare_side *s, const struct snode *n,
		     bool new)
{
	if (n->flags & SNODE_IGNORED)
		return;
	if (n->type == SNODE_FILE)
		mark(c, s, n, file_kind(s->audit, n, new));
	for (uint32_t i = 0; n->type == SNODE_DIR && i < n->n_kids; i++)
		one_side(c, s, n->kids[i], new);
}

static bool unread(const struct snode *n)
{
	return n->flags & (SNODE_UNREADABLE | SNODE_VANISHED);
}

/* @o and @n, at the same path on each side. */
static void both_sides(struct compare *c, const struct snode *o, const struct snode *n)
{
	uint32_t i = 0, j = 0;

	if ((o->flags | n->flags) & SNODE_IGNORED)
		return;
	if (o->type != n->type) {
		/* grouped where the node is no directory, NEW's when both are not */
		if (n->type != SNODE_DIR)
			mark(c, &c->new, n, COMPARE_CHANGED_TYPE);
		else
			mark(c, &c->old, o, COMPARE_CHANGED_TYPE);
		return;
	}
	if (o->type == SNODE_LINK) {
		if (o->link && n->link && strcmp(o->link, n->link) != 0)
			mark(c, &c->new, n, COMPARE_CHANGED_LINK);
		return;
	}
	if (o->type != SNODE_DIR)
		return;
	if (unread(o) || unread(n)) {
		c->not_compared++;
		return;
	}
	while (i < o->n_kids || j < n->n_kids) {
		int cmp = i == o->n_kids ? 1 :
			  j == n->n_kids ? -1 :
					   strcmp(o->kids[i]->name, n->kids[j]->name);

		if (cmp < 0)
			one_side(c, &c->old, o->kids[i++], false);
		else if (cmp > 0)
			one_side(c, &c->new, n->kids[j++], true);
		else
			both_sides(c, o->kids[i++], n->kids[j++]);
	}
}

/* Whether nodes of @k are grouped by the What documenting them, not by a pattern. */
static bool by_what(enum compare_kind k)
{
	return k <= COMPARE_APPEARED_MODULE_PARAMETER &&
	       k != COMPARE_VANISHED_UNDOCUMENTED && k != COMPARE_APPEARED_UNDOCUMENTED &&
	       k != COMPARE_VANISHED_MODULE_PARAMETER &&
	       k != COMPARE_APPEARED_MODULE_PARAMETER;
}

/* The audit groups what no What documents, and the changes. */
static int bucket(const struct audit *a, const struct snode *n, void *data)
{
	const int8_t *kinds = data;

	return kinds[n->id] < 0 || by_what((enum compare_kind)kinds[n->id]) ?
		       -1 :
		       kinds[n->id];
}

/*
 * The nodes of @dir matching @comps[0..n), into the set @found: "<*>" any name; links on
 * the way followed (/sys/class/tty/<*>/dev), each node counted once however many
 * names reach it (a slab cache and its aliases).
 */
enum count_what { COUNT_FILES, COUNT_FILES_AND_LINKS, COUNT_LINKS };

static void count_below(const struct snode *dir, char **comps, size_t n,
			enum count_what what, GHashTable *found)
{
	if (dir && dir->type == SNODE_LINK)
		dir = dir->link_target;
	if (!dir || dir->type != SNODE_DIR || !n)
		return;
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *k = dir->kids[i];

		if (strcmp(comps[0], "<*>") != 0 && strcmp(comps[0], k->name) != 0)
			continue;
		if (n > 1)
			count_below(k, comps + 1, n - 1, what, found);
		else if ((k->type == SNODE_FILE && what != COUNT_LINKS) ||
			 (k->type == SNODE_LINK && what != COUNT_FILES))
			g_hash_table_add(found, (gpointer)k);
	}
}

static size_t count_pattern(const struct sysfs_tree *t, const char *pattern,
			    enum count_what what)
{
	char **comps = g_strsplit(pattern + strlen("/sys/"), "/", -1);
	GHashTable *found = g_hash_table_new(NULL, NULL);
	size_t total;

	count_below(t->root, comps, g_strv_length(comps), what, found);
	total = g_hash_table_size(found);
	g_hash_table_destroy(found);
	g_strfreev(comps);
	return total;
}

/* Count the files each What documents on a side into @counts (What -> count). */
static void count_whats(const struct audit *a, const struct snode *dir,
			GHashTable *counts)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *n = dir->kids[i];
		const struct abi_what *w;

		if (n->flags & SNODE_IGNORED)
			continue;
		if (n->type == SNODE_DIR) {
			count_whats(a, n, counts);
			continue;
		}
		if (n->type != SNODE_FILE || !(w = documenting(a, n)))
			continue;
		g_hash_table_insert(
			counts, (gpointer)w,
			GSIZE_TO_POINTER(
				GPOINTER_TO_SIZE(g_hash_table_lookup(counts, w)) + 1));
	}
}

static void member_add(struct compare_group *g, const struct snode *n)
{
	if ((g->count & (g->count - 1)) == 0) /* at 0, 1, 2, 4...: double */
		g->members = g_renew(const struct snode *, g->members,
				     g->count ? g->count * 2 : 1);
	g->members[g->count++] = n;
}

/* The documented nodes of side @s that vanished or appeared, a group a kind and What. */
static void collect_by_what(struct compare_side *s, const struct snode *dir, bool new,
			    GHashTable *groups, GArray *all)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *n = dir->kids[i];
		enum compare_kind k;
		struct compare_group *g;
		gpointer key;

		if (n->type == SNODE_DIR)
			collect_by_what(s, n, new, groups, all);
		if (s->kinds[n->id] < 0 || !by_what((enum compare_kind)s->kinds[n->id]))
			continue;
		k = (enum compare_kind)s->kinds[n->id];
		/* a What and a kind, as one key: kinds are few */
		key = (gpointer)((const char *)documenting(s->audit, n) + k);
		g = g_hash_table_lookup(groups, key);
		if (!g) {
			g = g_new0(struct compare_group, 1);
			g->kind = k;
			g->new_side = new;
			g->what = documenting(s->audit, n);
			g->pattern = strdup(g->what->path);
			g_hash_table_insert(groups, key, g);
		}
		member_add(g, n);
	}
}

/* The kind of group @g once both sides' counts are known: an interface still there
 * lost or gained instances. */
static void settle_kind(struct compare *c, struct compare_group *g)
{
	if (g->kind > COMPARE_APPEARED_MODULE_PARAMETER ||
	    !(g->new_side ? g->old_count : g->new_count))
		return;
	c->nodes[g->kind] -= g->count;
	g->kind = g->new_side ? COMPARE_MORE_INSTANCES : COMPARE_FEWER_INSTANCES;
	c->nodes[g->kind] += g->count;
}

/* The groups of side @s, appended to @all. */
static int group_side(struct compare *c, struct compare_side *s, bool new, GArray *all)
{
	GHashTable *whats = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	GHashTable *counts[2] = { g_hash_table_new(NULL, NULL),
				  g_hash_table_new(NULL, NULL) };
	struct audit_group *groups;
	GHashTableIter it;
	gpointer grp;
	size_t n;
	int r = audit_groups_by(s->audit, bucket, s->kinds, &groups, &n);

	if (r < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct audit_group *g = &groups[i];
		struct compare_group cg = {
			.kind = (enum compare_kind)g->bucket,
			.new_side = new,
			.pattern = g->pattern,
			.count = g->count,
			.members = g->members,
		};
		enum count_what what =
			cg.kind == COMPARE_CHANGED_LINK ? COUNT_LINKS :
			cg.kind == COMPARE_CHANGED_TYPE ? COUNT_FILES_AND_LINKS :
							  COUNT_FILES;

		cg.old_count = count_pattern(c->old.tree, cg.pattern, what);
		cg.new_count = count_pattern(c->new.tree, cg.pattern, what);
		settle_kind(c, &cg);
		g_array_append_val(all, cg);
		g->pattern = NULL; /* taken */
		g->members = NULL;
	}
	audit_groups_free(groups, n);

	collect_by_what(s, s->tree->root, new, whats, all);
	if (g_hash_table_size(whats)) {
		count_whats(c->old.audit, c->old.tree->root, counts[0]);
		count_whats(c->new.audit, c->new.tree->root, counts[1]);
	}
	g_hash_table_iter_init(&it, whats);
	while (g_hash_table_iter_next(&it, NULL, &grp)) {
		struct compare_group *g = grp;

		g->old_count = GPOINTER_TO_SIZE(g_hash_table_lookup(counts[0], g->what));
		g->new_count = GPOINTER_TO_SIZE(g_hash_table_lookup(counts[1], g->what));
		settle_kind(c, g);
		g_array_append_val(all, *g);
	}
out:
	g_hash_table_destroy(whats);
	g_hash_table_destroy(counts[0]);
	g_hash_table_destroy(counts[1]);
	return r;
}

static int cmp_groups(const void *x, const void *y)
{
	const struct compare_group *a = x, *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->pattern, b->pattern);
}

/*
 * Links are named by what they point at (/sys/class/tty/ttyS0, /sys/dev/char/4:64,
 * /sys/kernel/slab/:a-0000104's aliases): the changed links of one directory make one
 * group, DIR/<*>, with its counts on each side.
 */
static void merge_links(struct compare *c, GArray *all)
{
	GHashTable *by_dir = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *merged = g_hash_table_new(NULL, NULL); /* patterns that took others */

	for (guint i = 0; i < all->len; i++) {
		struct compare_group *g = &g_array_index(all, struct compare_group, i),
				     *to;
		char *dir;

		if (g->kind != COMPARE_CHANGED_LINK)
			continue;
		dir = g_strdup_printf("%.*s/<*>",
				      (int)(strrchr(g->pattern, '/') - g->pattern),
				      g->pattern);
		to = g_hash_table_lookup(by_dir, dir);
		if (!to) {
			g_hash_table_insert(by_dir, dir, g);
			continue;
		}
		g_free(dir);
		g_hash_table_add(merged, to->pattern);
		for (size_t m = 0; m < g->count; m++)
			member_add(to, g->members[m]);
		free(g->pattern);
		g_free(g->members);
		g_array_remove_index(all, i--);
		/* @to may have moved: the array only shrinks behind it, so it did not */
	}
	g_hash_table_destroy(by_dir);
	for (guint i = 0; i < all->len; i++) {
		struct compare_group *g = &g_array_index(all, struct compare_group, i);
		char *dir;

		if (g->kind != COMPARE_CHANGED_LINK ||
		    !g_hash_table_contains(merged, g->pattern))
			continue;
		dir = g_strdup_printf("%.*s/<*>",
				      (int)(strrchr(g->pattern, '/') - g->pattern),
				      g->pattern);
		free(g->pattern);
		g->pattern = strdup(dir);
		g_free(dir);
		g->old_count = count_pattern(c->old.tree, g->pattern, COUNT_LINKS);
		g->new_count = count_pattern(c->new.tree, g->pattern, COUNT_LINKS);
	}
	g_hash_table_destroy(merged);
}

static int side_new(struct compare_side *s, const struct abi_tree *abi,
		    const struct abi_index *index, const struct sysfs_tree *t)
{
	s->tree = t;
	s->kinds = malloc(t->n_nodes ? t->n_nodes : 1);
	if (!s->kinds)
		return -ENOMEM;
	memset(s->kinds, -1, t->n_nodes);
	return audit_run(abi, index, t, NULL, &s->audit);
}

int compare_run(const struct abi_tree *abi, const struct abi_index *index,
		const struct sysfs_tree *old, const struct sysfs_tree *new,
		struct compare **out)
{
	struct compare *c = calloc(1, sizeof(*c));
	GArray *all;
	int r;

	*out = NULL;
	if (!c)
		return -ENOMEM;
	r = side_new(&c->old, abi, index, old);
	if (r == 0)
		r = side_new(&c->new, abi, index, new);
	if (r < 0) {
		compare_free(c);
		return r;
	}
	both_sides(c, old->root, new->root);
	all = g_array_new(FALSE, FALSE, sizeof(struct compare_group));
	r = group_side(c, &c->old, false, all);
	if (r == 0)
		r = group_side(c, &c->new, true, all);
	merge_links(c, all);
	g_array_sort(all, cmp_groups);
	c->n_groups = all->len;
	c->groups = (struct compare_group *)(void *)g_array_free(all, FALSE);
	if (r < 0) {
		compare_free(c);
		return r;
	}
	*out = c;
	return 0;
}

void compare_free(struct compare *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_groups; i++) {
		free(c->groups[i].pattern);
		g_free(c->groups[i].members);
	}
	g_free(c->groups);
	audit_free(c->old.audit);
	audit_free(c->new.audit);
	free(c->old.kinds);
	free(c->new.kinds);
	free(c);
}

const struct snode *compare_other(const struct compare *c, const struct snode *n,
				  bool n_is_new)
{
	char *path = snode_path(n);
	const struct snode *o =
		path ? sysfs_tree_lookup(n_is_new ? c->old.tree : c->new.tree, path) :
		       NULL;

	free(path);
	return o;
}
