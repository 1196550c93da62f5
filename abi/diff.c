// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Comparing two trees, OLD and NEW: the entries are paired (diff-match.c); pairs give
 * the moves and the changes, entries left alone the additions and removals, and the
 * README's rules are checked on both.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "abi-internal.h"

static const char *const change_names[ABI_CHANGE_KIND_COUNT] = {
	[ABI_CHANGE_ADDED] = "added",
	[ABI_CHANGE_REMOVED] = "removed",
	[ABI_CHANGE_CHANGED] = "changed",
	[ABI_CHANGE_MOVED_FILE] = "moved-file",
	[ABI_CHANGE_MOVED_LEVEL] = "moved-level",
};

static const char *const field_names[] = {
	"What", "Date", "KernelVersion", "Contact", "Description", "Users",
};

static const struct {
	const char *name;
	const char *help;
} rules[ABI_RULE_COUNT] = {
	[ABI_RULE_STABLE_TO_TESTING] = { "stable-to-testing",
		"a stable interface never goes back to testing; it leaves stable/ only "
		"through obsolete/: keep the entry in stable/" },
	[ABI_RULE_REMOVED_WITHOUT_OBSOLETE] = { "removed-without-obsolete",
		"an interface reaches removed/ only after a time in obsolete/ that announces "
		"its removal: move the entry to obsolete/ first" },
	[ABI_RULE_VANISHED_STABLE] = { "vanished-stable",
		"a stable interface is never dropped from the documentation: move its entry "
		"to obsolete/, and later to removed/" },
	[ABI_RULE_VANISHED_TESTING] = { "vanished-testing",
		"a testing interface is not dropped without notice: move its entry to "
		"obsolete/ first" },
	[ABI_RULE_OBSOLETE_VANISHED] = { "obsolete-vanished",
		"an obsolete interface that goes away is recorded in removed/: move the entry "
		"there instead of deleting it" },
	[ABI_RULE_NEW_MISSING_FIELD] = { "new-missing-field",
		"a new entry needs What, Date, KernelVersion, Contact and Description: add "
		"the missing fields" },
	[ABI_RULE_NEW_KERNELVERSION_OLDER] = { "new-kernelversion-older",
		"KernelVersion is the first kernel with the interface, and the old tree's "
		"kernel did not document it: check the version" },
};

const char *abi_change_kind_name(enum abi_change_kind kind)
{
	return (unsigned int)kind < ABI_CHANGE_KIND_COUNT ? change_names[kind] : "?";
}

const char *abi_field_name(enum abi_field field)
{
	for (size_t i = 0; i < ARRAY_SIZE(field_names); i++)
		if (field == 1u << i)
			return field_names[i];
	return "?";
}

const char *abi_rule_name(enum abi_rule rule)
{
	return (unsigned int)rule < ABI_RULE_COUNT ? rules[rule].name : "?";
}

const char *abi_rule_help(enum abi_rule rule)
{
	return (unsigned int)rule < ABI_RULE_COUNT ? rules[rule].help : "";
}

/* ---- texts: reflowing or reindenting is not a change ---- */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Equal once runs of white space are one space and the ends are trimmed; NULL is "". */
static bool text_equal(const char *a, const char *b)
{
	a = skip_ws(a ?: "");
	b = skip_ws(b ?: "");
	while (*a && *b) {
		const char *na = skip_ws(a), *nb = skip_ws(b);

		if ((na != a) != (nb != b))
			return false;
		if (na != a) {
			a = na, b = nb;
			continue;
		}
		if (*a++ != *b++)
			return false;
	}
	return !*skip_ws(a) && !*skip_ws(b);
}

static bool text_blank(const char *s)
{
	return !*skip_ws(s ?: "");
}

/* The path below the level directory: "stable/sysfs-x" and "testing/sysfs-x" are one. */
/* ---- changes ---- */

static int cmp_what_texts(const void *a, const void *b)
{
	const struct abi_what *x = *(const struct abi_what *const *)a;
	const struct abi_what *y = *(const struct abi_what *const *)b;

	return strcmp(x->text, y->text);
}

/* The same What lines, in any order. */
static bool whats_equal(const struct abi_entry *a, const struct abi_entry *b)
{
	const struct abi_what **x, **y;
	bool equal = true;

	if (a->n_whats != b->n_whats)
		return false;
	x = g_new(const struct abi_what *, a->n_whats + 1);
	y = g_new(const struct abi_what *, b->n_whats + 1);
	for (size_t i = 0; i < a->n_whats; i++)
		x[i] = &a->whats[i], y[i] = &b->whats[i];
	qsort(x, a->n_whats, sizeof(*x), cmp_what_texts);
	qsort(y, b->n_whats, sizeof(*y), cmp_what_texts);
	for (size_t i = 0; i < a->n_whats && equal; i++)
		equal = text_equal(x[i]->text, y[i]->text);
	g_free(x);
	g_free(y);
	return equal;
}

static unsigned int fields_changed(const struct abi_entry *o, const struct abi_entry *n)
{
	unsigned int f = 0;

	if (!whats_equal(o, n))
		f |= ABI_FIELD_WHAT;
	if (!text_equal(o->date.str, n->date.str))
		f |= ABI_FIELD_DATE;
	if (!text_equal(o->kernel_version.str, n->kernel_version.str))
		f |= ABI_FIELD_KERNELVERSION;
	if (!text_equal(o->contact.str, n->contact.str))
		f |= ABI_FIELD_CONTACT;
	if (!text_equal(o->description.str, n->description.str))
		f |= ABI_FIELD_DESCRIPTION;
	if (!text_equal(o->users.str, n->users.str))
		f |= ABI_FIELD_USERS;
	return f;
}

static unsigned int fields_missing(const struct abi_entry *e)
{
	unsigned int f = 0;

	if (!e->n_whats)
		f |= ABI_FIELD_WHAT;
	if (text_blank(e->date.str))
		f |= ABI_FIELD_DATE;
	if (text_blank(e->kernel_version.str))
		f |= ABI_FIELD_KERNELVERSION;
	if (text_blank(e->contact.str))
		f |= ABI_FIELD_CONTACT;
	if (text_blank(e->description.str))
		f |= ABI_FIELD_DESCRIPTION;
	return f;
}

static void add_change(GArray *changes, enum abi_change_kind kind, const struct abi_entry *o,
		       const struct abi_entry *n, unsigned int fields)
{
	struct abi_change c = { kind, o, n, fields };

	g_array_append_val(changes, c);
}

/* The place an item is reported at: NEW's entry, else OLD's; then the other one. */
static int cmp_places(const struct abi_entry *a_new, const struct abi_entry *a_old,
		      const struct abi_entry *b_new, const struct abi_entry *b_old)
{
	const struct abi_entry *a = a_new ?: a_old, *b = b_new ?: b_old;
	int r;

	if (!a_new != !b_new)
		return a_new ? -1 : 1;
	r = strcmp(a->file->path, b->file->path);
	if (r || a->line != b->line)
		return r ? r : a->line < b->line ? -1 : 1;
	if (a_new && a_old && b_old && a_old != b_old)
		return a_old->index < b_old->index ? -1 : 1;
	return 0;
}

static int cmp_changes(const void *x, const void *y)
{
	const struct abi_change *a = x, *b = y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return cmp_places(a->new_entry, a->old_entry, b->new_entry, b->old_entry);
}

static void find_changes(struct abi_diff *diff)
{
	GArray *changes = g_array_new(FALSE, FALSE, sizeof(struct abi_change));
	bool *old_paired = g_new0(bool, diff->old_tree->n_entries + 1);
	bool *new_paired = g_new0(bool, diff->new_tree->n_entries + 1);

	for (size_t i = 0; i < diff->n_pairs; i++) {
		const struct abi_entry *o = diff->pairs[i].old_entry, *n = diff->pairs[i].new_entry;
		unsigned int fields = fields_changed(o, n);

		old_paired[o->index] = new_paired[n->index] = true;
		if (o->level != n->level)
			add_change(changes, ABI_CHANGE_MOVED_LEVEL, o, n, 0);
		if (strcmp(abi_file_stem(o->file), abi_file_stem(n->file)) != 0)
			add_change(changes, ABI_CHANGE_MOVED_FILE, o, n, 0);
		if (fields)
			add_change(changes, ABI_CHANGE_CHANGED, o, n, fields);
	}
	for (size_t i = 0; i < diff->new_tree->n_entries; i++)
		if (!new_paired[i])
			add_change(changes, ABI_CHANGE_ADDED, NULL, diff->new_tree->entries[i], 0);
	for (size_t i = 0; i < diff->old_tree->n_entries; i++)
		if (!old_paired[i])
			add_change(changes, ABI_CHANGE_REMOVED, diff->old_tree->entries[i], NULL, 0);
	g_array_sort(changes, cmp_changes);
	diff->n_changes = changes->len;
	diff->changes = (struct abi_change *)g_array_free(changes, FALSE);
	for (size_t i = 0; i < diff->n_changes; i++)
		diff->change_counts[diff->changes[i].kind]++;
	g_free(old_paired);
	g_free(new_paired);
}

/* ---- rules ---- */

/* "'/sys/a'", "'/sys/a' (and 2 more What lines)", or "(no What)" */
static char *entry_label(const struct abi_entry *e)
{
	if (!e->n_whats)
		return g_strdup("(no What)");
	if (e->n_whats == 1)
		return g_strdup_printf("'%s'", e->whats[0].text);
	return g_strdup_printf("'%s' (and %zu more What line%s)", e->whats[0].text,
			       e->n_whats - 1, e->n_whats == 2 ? "" : "s");
}

static void add_violation(GArray *violations, enum abi_rule rule, const struct abi_entry *o,
			  const struct abi_entry *n, unsigned int fields, char *message)
{
	struct abi_violation v = { rule, o, n, fields, message };

	g_array_append_val(violations, v);
}

static bool share_path(const struct abi_entry *a, const struct abi_entry *b)
{
	for (size_t i = 0; i < a->n_whats; i++)
		for (size_t k = 0; a->whats[i].path && k < b->n_whats; k++)
			if (b->whats[k].path && !strcmp(a->whats[i].path, b->whats[k].path))
				return true;
	return false;
}

/* Whether @o also has a partner at its own level documenting a path of @n: then @n is
 * a copy of what stayed, not a move. Split entries move the paths they do not share. */
static bool stays_with(const struct abi_diff *diff, const struct abi_entry *o,
		       const struct abi_entry *n)
{
	for (size_t i = 0; i < diff->n_pairs; i++) {
		const struct abi_pair *p = &diff->pairs[i];

		if (p->old_entry == o && p->new_entry != n && p->new_entry->level == o->level &&
		    share_path(p->new_entry, n))
			return true;
	}
	return false;
}

/* A pair that moved between levels: to testing from stable, to removed/ too early. */
static void check_move(const struct abi_diff *diff, GArray *violations,
		       const struct abi_entry *o, const struct abi_entry *n,
		       const bool *new_from_obsolete)
{
	bool live = o->level == ABI_LEVEL_STABLE || o->level == ABI_LEVEL_TESTING;
	enum abi_rule rule;
	char *label;

	if (o->level == n->level || stays_with(diff, o, n))
		return;
	if (o->level == ABI_LEVEL_STABLE && n->level == ABI_LEVEL_TESTING)
		rule = ABI_RULE_STABLE_TO_TESTING;
	else if (live && n->level == ABI_LEVEL_REMOVED && !new_from_obsolete[n->index])
		rule = ABI_RULE_REMOVED_WITHOUT_OBSOLETE;
	else
		return;
	label = entry_label(n);
	add_violation(violations, rule, o, n, 0,
		      g_strdup_printf("%s moved from %s to %s%s (was %s:%u)", label,
				      abi_level_name(o->level), abi_level_name(n->level),
				      rule == ABI_RULE_REMOVED_WITHOUT_OBSOLETE ?
					      " without passing through obsolete" : "",
				      o->file->path, o->line));
	g_free(label);
}

static enum abi_rule vanish_rule(enum abi_level level)
{
	return level == ABI_LEVEL_STABLE ? ABI_RULE_VANISHED_STABLE :
	       level == ABI_LEVEL_TESTING ? ABI_RULE_VANISHED_TESTING :
	       level == ABI_LEVEL_OBSOLETE ? ABI_RULE_OBSOLETE_VANISHED : ABI_RULE_COUNT;
}

static int any_match(void *data, const struct abi_what *what)
{
	*(bool *)data = true;
	return 1;
}

/*
 * The What paths of @tree, as written and as their patterns read (placeholder names
 * aside): a key set to ask whether the other tree's path is documented here.
 */
static GHashTable *what_keys(const struct abi_tree *tree)
{
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *desc;

	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++) {
			if (e->whats[w].path)
				g_hash_table_add(keys, g_strdup(e->whats[w].path));
			desc = e->whats[w].pattern ? abi_pattern_describe(e->whats[w].pattern) :
						     NULL;
			if (desc) /* NULL only when out of memory: a key fewer */
				g_hash_table_add(keys, desc);
		}
	}
	return keys;
}

static bool has_key(GHashTable *keys, const struct abi_what *w)
{
	char *desc = w->pattern ? abi_pattern_describe(w->pattern) : NULL;
	bool yes = (w->path && g_hash_table_contains(keys, w->path)) ||
		   (desc && g_hash_table_contains(keys, desc));

	free(desc);
	return yes;
}

/* Whether NEW still documents the What @w of OLD: the same path or pattern, or a
 * pattern of NEW matching it read as a path (folded into a generic entry). */
static int still_documented(GHashTable *keys, const struct abi_index *index,
			    const struct abi_what *w, bool *yes)
{
	*yes = has_key(keys, w);
	if (*yes || !w->path || w->kind == ABI_WHAT_PROSE)
		return 0;
	return abi_index_lookup(index, w->path, any_match, yes);
}

/* Whether a partner of @o in NEW has a What OLD did not document: its paths were
 * renamed (moved to a subdirectory, say), which the pairing already calls a change. */
static bool renamed(const struct abi_diff *diff, GHashTable *old_keys,
		    const struct abi_entry *o)
{
	for (size_t i = 0; i < diff->n_pairs; i++) {
		const struct abi_entry *n = diff->pairs[i].new_entry;

		if (diff->pairs[i].old_entry != o)
			continue;
		for (size_t w = 0; w < n->n_whats; w++)
			if (!has_key(old_keys, &n->whats[w]))
				return true;
	}
	return false;
}

/*
 * An entry of several What lines pairs as a whole; a path it drops while its partners
 * bring none in its place is gone all the same: `What: x` and `What: y` in stable/
 * becoming `What: x` alone. (An entry of one What renamed in place is a change.)
 */
static int check_dropped(struct abi_diff *diff, GArray *violations)
{
	GHashTable *keys = NULL, *old_keys = NULL, *done = g_hash_table_new(NULL, NULL);
	struct abi_index *index = NULL;
	int r = 0;

	for (size_t i = 0; i < diff->n_pairs && r >= 0; i++) {
		const struct abi_entry *o = diff->pairs[i].old_entry;
		enum abi_rule rule = vanish_rule(o->level);

		if (o->n_whats < 2 || rule == ABI_RULE_COUNT || !g_hash_table_add(done, (void *)o))
			continue;
		if (!keys) {
			keys = what_keys(diff->new_tree);
			old_keys = what_keys(diff->old_tree);
			r = abi_index_new(diff->new_tree, &index);
		}
		if (r < 0 || renamed(diff, old_keys, o))
			continue;
		for (size_t w = 0; w < o->n_whats && r >= 0; w++) {
			bool yes;

			r = still_documented(keys, index, &o->whats[w], &yes);
			if (r < 0 || yes)
				continue;
			add_violation(violations, rule, o, NULL, 0,
				      g_strdup_printf("%s '%s' vanished from its entry: no entry "
						      "documents it any more",
						      abi_level_name(o->level), o->whats[w].text));
		}
	}
	abi_index_free(index);
	if (keys)
		g_hash_table_destroy(keys);
	if (old_keys)
		g_hash_table_destroy(old_keys);
	g_hash_table_destroy(done);
	return r < 0 ? r : 0;
}

static void check_vanished(GArray *violations, const struct abi_entry *o)
{
	enum abi_rule rule;
	char *label;

	if (o->level == ABI_LEVEL_STABLE)
		rule = ABI_RULE_VANISHED_STABLE;
	else if (o->level == ABI_LEVEL_TESTING)
		rule = ABI_RULE_VANISHED_TESTING;
	else if (o->level == ABI_LEVEL_OBSOLETE)
		rule = ABI_RULE_OBSOLETE_VANISHED;
	else
		return;
	label = entry_label(o);
	add_violation(violations, rule, o, NULL, 0,
		      rule == ABI_RULE_OBSOLETE_VANISHED ?
			      g_strdup_printf("obsolete %s vanished without appearing in removed/",
					      label) :
			      g_strdup_printf("%s %s vanished: no entry documents it any more",
					      abi_level_name(o->level), label));
	g_free(label);
}

static void check_added(const struct abi_diff *diff, GArray *violations,
			const struct abi_entry *n)
{
	unsigned int missing = fields_missing(n);
	char *label = entry_label(n);

	if (missing) {
		GString *msg = g_string_new(NULL);
		unsigned int left = missing;

		g_string_printf(msg, "new entry %s has no ", label);
		for (unsigned int bit = 1; left; bit <<= 1) {
			if (!(left & bit))
				continue;
			left &= ~bit;
			g_string_append_printf(msg, "%s%s", abi_field_name(bit),
					       !left ? "" : (left & (left - 1)) ? ", " : " or ");
		}
		add_violation(violations, ABI_RULE_NEW_MISSING_FIELD, NULL, n, missing,
			      g_string_free(msg, FALSE));
	}
	if (diff->old_kv_major >= 0 && n->kv_major >= 0 &&
	    (n->kv_major < diff->old_kv_major ||
	     (n->kv_major == diff->old_kv_major && n->kv_minor < diff->old_kv_minor))) {
		const char *kv = n->kernel_version.str;

		add_violation(violations, ABI_RULE_NEW_KERNELVERSION_OLDER, NULL, n, 0,
			      g_strdup_printf("new entry %s gives KernelVersion %.*s, older "
					      "than %d.%d, the kernel of the old tree", label,
					      (int)strcspn(kv, "\n"), kv, diff->old_kv_major,
					      diff->old_kv_minor));
	}
	g_free(label);
}

static int cmp_violations(const void *x, const void *y)
{
	const struct abi_violation *a = x, *b = y;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return cmp_places(a->new_entry, a->old_entry, b->new_entry, b->old_entry);
}

static int find_violations(struct abi_diff *diff)
{
	GArray *violations = g_array_new(FALSE, FALSE, sizeof(struct abi_violation));
	bool *new_from_obsolete = g_new0(bool, diff->new_tree->n_entries + 1);
	int r;

	for (size_t i = 0; i < diff->n_pairs; i++) {
		const struct abi_pair *p = &diff->pairs[i];

		if (p->old_entry->level == ABI_LEVEL_OBSOLETE)
			new_from_obsolete[p->new_entry->index] = true;
	}
	for (size_t i = 0; i < diff->n_pairs; i++)
		check_move(diff, violations, diff->pairs[i].old_entry, diff->pairs[i].new_entry,
			   new_from_obsolete);
	r = check_dropped(diff, violations);
	for (size_t i = 0; i < diff->n_changes; i++) {
		const struct abi_change *c = &diff->changes[i];

		if (c->kind == ABI_CHANGE_REMOVED)
			check_vanished(violations, c->old_entry);
		else if (c->kind == ABI_CHANGE_ADDED)
			check_added(diff, violations, c->new_entry);
	}
	g_array_sort(violations, cmp_violations);
	diff->n_violations = violations->len;
	diff->violations = (struct abi_violation *)g_array_free(violations, FALSE);
	for (size_t i = 0; i < diff->n_violations; i++)
		diff->rule_counts[diff->violations[i].rule]++;
	g_free(new_from_obsolete);
	return r;
}

int abi_diff_new(const struct abi_tree *old_tree, const struct abi_tree *new_tree,
		 struct abi_diff **out)
{
	struct abi_diff *diff;
	int r;

	*out = NULL;
	diff = calloc(1, sizeof(*diff));
	if (!diff)
		return -ENOMEM;
	diff->old_tree = old_tree;
	diff->new_tree = new_tree;
	if (!old_tree->kernel_version ||
	    abi_kernel_version_parse(old_tree->kernel_version, &diff->old_kv_major,
				     &diff->old_kv_minor) < 0)
		diff->old_kv_major = diff->old_kv_minor = -1;
	r = abi_diff_match(old_tree, new_tree, &diff->pairs, &diff->n_pairs);
	if (r < 0) {
		abi_diff_free(diff);
		return r;
	}
	find_changes(diff);
	r = find_violations(diff);
	if (r < 0) {
		abi_diff_free(diff);
		return r;
	}
	*out = diff;
	return 0;
}

void abi_diff_free(struct abi_diff *diff)
{
	if (!diff)
		return;
	for (size_t i = 0; i < diff->n_violations; i++)
		g_free((char *)diff->violations[i].message);
	g_free(diff->violations);
	g_free(diff->changes);
	free(diff->pairs);
	free(diff);
}
