// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Comparing two trees, OLD and NEW: the entries are paired (diff-match.c); pairs give
 * the moves and the changes, entries left alone the additions and removals, and the
 * README's rules are checked on both.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- changes ---- */

static int cmp_what_texts(const void *a, const void *b)
{
	const struct abi_what *x = *(const struct abi_what *const *)a;
	const struct abi_what *y = *(const struct abi_what *const *)b;

	return strcmp(x->text, y->text);
}

/* Whether @a and @b have the same What lines, in any order. */
static int whats_equal(const struct abi_entry *a, const struct abi_entry *b, bool *equal)
{
	const struct abi_what **x, **y;
	size_t n = a->n_whats;

	*equal = n == b->n_whats;
	if (!*equal || n == 0)
		return 0;
	if (n == 1) {
		*equal = text_equal(a->whats[0].text, b->whats[0].text);
		return 0;
	}
	x = malloc(2 * n * sizeof(*x));
	if (!x)
		return -ENOMEM;
	y = x + n;
	for (size_t i = 0; i < n; i++)
		x[i] = &a->whats[i], y[i] = &b->whats[i];
	qsort(x, n, sizeof(*x), cmp_what_texts);
	qsort(y, n, sizeof(*y), cmp_what_texts);
	for (size_t i = 0; i < n && *equal; i++)
		*equal = text_equal(x[i]->text, y[i]->text);
	free(x);
	return 0;
}

/* The abi_field bits in which @o and @n differ, into *@fields. */
static int fields_changed(const struct abi_entry *o, const struct abi_entry *n,
			  unsigned int *fields)
{
	unsigned int f = 0;
	bool same;
	int r = whats_equal(o, n, &same);

	if (r < 0)
		return r;
	if (!same)
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
	*fields = f;
	return 0;
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

/* The changes or violations found so far, before they go into the diff. */
struct change_list {
	struct abi_change *v;
	size_t n, cap;
};

static int add_change(struct change_list *changes, enum abi_change_kind kind,
		      const struct abi_entry *o, const struct abi_entry *n,
		      unsigned int fields)
{
	int r = ABI_GROW(changes->v, changes->n, changes->cap);

	if (r == 0)
		changes->v[changes->n++] = (struct abi_change){ kind, o, n, fields };
	return r;
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

/* The changes each pair brings, then the entries in no pair. */
static int list_changes(const struct abi_diff *diff, struct change_list *changes,
			bool *old_paired, bool *new_paired)
{
	int r = 0;

	for (size_t i = 0; i < diff->n_pairs && r == 0; i++) {
		const struct abi_entry *o = diff->pairs[i].old_entry,
				       *n = diff->pairs[i].new_entry;
		unsigned int fields;

		old_paired[o->index] = new_paired[n->index] = true;
		r = fields_changed(o, n, &fields);
		if (r == 0 && o->level != n->level)
			r = add_change(changes, ABI_CHANGE_MOVED_LEVEL, o, n, 0);
		if (r == 0 && strcmp(abi_file_stem(o->file), abi_file_stem(n->file)) != 0)
			r = add_change(changes, ABI_CHANGE_MOVED_FILE, o, n, 0);
		if (r == 0 && fields)
			r = add_change(changes, ABI_CHANGE_CHANGED, o, n, fields);
	}
	for (size_t i = 0; i < diff->new_tree->n_entries && r == 0; i++)
		if (!new_paired[i])
			r = add_change(changes, ABI_CHANGE_ADDED, NULL,
				       diff->new_tree->entries[i], 0);
	for (size_t i = 0; i < diff->old_tree->n_entries && r == 0; i++)
		if (!old_paired[i])
			r = add_change(changes, ABI_CHANGE_REMOVED,
				       diff->old_tree->entries[i], NULL, 0);
	return r;
}

static int find_changes(struct abi_diff *diff)
{
	struct change_list changes = { 0 };
	bool *old_paired = calloc(diff->old_tree->n_entries + 1, sizeof(bool));
	bool *new_paired = calloc(diff->new_tree->n_entries + 1, sizeof(bool));
	int r = old_paired && new_paired ? 0 : -ENOMEM;

	if (r == 0)
		r = list_changes(diff, &changes, old_paired, new_paired);
	if (r == 0)
		r = abi_sort_stable(changes.v, changes.n, sizeof(*changes.v),
				    cmp_changes);
	free(old_paired);
	free(new_paired);
	if (r < 0) {
		free(changes.v);
		return r;
	}
	diff->changes = changes.v;
	diff->n_changes = changes.n;
	for (size_t i = 0; i < diff->n_changes; i++)
		diff->change_counts[diff->changes[i].kind]++;
	return 0;
}

/* ---- rules ---- */

struct violation_list {
	struct abi_violation *v;
	size_t n, cap;
};

static void violations_free(struct abi_violation *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)v[i].message);
	free(v);
}

/* "'/sys/a'", "'/sys/a' (and 2 more What lines)", or "(no What)"; NULL on -ENOMEM */
static char *entry_label(const struct abi_entry *e)
{
	if (!e->n_whats)
		return strdup("(no What)");
	if (e->n_whats == 1)
		return abi_asprintf("'%s'", e->whats[0].text);
	return abi_asprintf("'%s' (and %zu more What line%s)", e->whats[0].text,
			    e->n_whats - 1, e->n_whats == 2 ? "" : "s");
}

/* Takes @message over, which may be NULL for want of memory. */
static int add_violation(struct violation_list *violations, enum abi_rule rule,
			 const struct abi_entry *o, const struct abi_entry *n,
			 unsigned int fields, char *message)
{
	if (!message || ABI_GROW(violations->v, violations->n, violations->cap) < 0) {
		free(message);
		return -ENOMEM;
	}
	violations->v[violations->n++] =
		(struct abi_violation){ rule, o, n, fields, message };
	return 0;
}

static bool share_path(const struct abi_entry *a, const struct abi_entry *b)
{
	for (size_t i = 0; i < a->n_whats; i++)
		for (size_t k = 0; a->whats[i].path && k < b->n_whats; k++)
			if (b->whats[k].path &&
			    !strcmp(a->whats[i].path, b->whats[k].path))
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

		if (p->old_entry == o && p->new_entry != n &&
		    p->new_entry->level == o->level && share_path(p->new_entry, n))
			return true;
	}
	return false;
}

/* A pair that moved between levels: to testing from stable, to removed/ too early. */
static int check_move(const struct abi_diff *diff, struct violation_list *violations,
		      const struct abi_entry *o, const struct abi_entry *n,
		      const bool *new_from_obsolete)
{
	bool live = o->level == ABI_LEVEL_STABLE || o->level == ABI_LEVEL_TESTING;
	enum abi_rule rule;
	char *label;
	int r;

	if (o->level == n->level || stays_with(diff, o, n))
		return 0;
	if (o->level == ABI_LEVEL_STABLE && n->level == ABI_LEVEL_TESTING)
		rule = ABI_RULE_STABLE_TO_TESTING;
	else if (live && n->level == ABI_LEVEL_REMOVED && !new_from_obsolete[n->index])
		rule = ABI_RULE_REMOVED_WITHOUT_OBSOLETE;
	else
		return 0;
	label = entry_label(n);
	if (!label)
		return -ENOMEM;
	r = add_violation(violations, rule, o, n, 0,
			  abi_asprintf("%s moved from %s to %s%s (was %s:%u)", label,
				       abi_level_name(o->level), abi_level_name(n->level),
				       rule == ABI_RULE_REMOVED_WITHOUT_OBSOLETE ?
					       " without passing through obsolete" :
					       "",
				       o->file->path, o->line));
	free(label);
	return r;
}

static enum abi_rule vanish_rule(enum abi_level level)
{
	return level == ABI_LEVEL_STABLE   ? ABI_RULE_VANISHED_STABLE :
	       level == ABI_LEVEL_TESTING  ? ABI_RULE_VANISHED_TESTING :
	       level == ABI_LEVEL_OBSOLETE ? ABI_RULE_OBSOLETE_VANISHED :
					     ABI_RULE_COUNT;
}

static int any_match(void *data, const struct abi_what *what)
{
	*(bool *)data = true;
	return 1;
}

/* Add @key (copied) to the set @keys. */
static int key_add(struct abi_strmap *keys, const char *key)
{
	void **slot;
	int r = abi_strmap_slot(keys, key, &slot);

	if (r == 0)
		*slot = keys; /* any value but NULL: the key is there */
	return r;
}

/*
 * The What paths of @tree, as written and as their patterns read (placeholder names
 * aside), into @keys: a key set to ask whether the other tree's path is documented here.
 */
static int what_keys(const struct abi_tree *tree, struct abi_strmap *keys)
{
	int r = 0;

	for (size_t i = 0; i < tree->n_entries && r == 0; i++) {
		const struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats && r == 0; w++) {
			char *desc;

			if (e->whats[w].path)
				r = key_add(keys, e->whats[w].path);
			if (r < 0 || !e->whats[w].pattern)
				continue;
			desc = abi_pattern_describe(e->whats[w].pattern);
			r = desc ? key_add(keys, desc) : -ENOMEM;
			free(desc);
		}
	}
	return r;
}

/* Whether @w's path or pattern is one of @keys. */
static int has_key(const struct abi_strmap *keys, const struct abi_what *w, bool *yes)
{
	char *desc;

	*yes = w->path && abi_strmap_get(keys, w->path);
	if (*yes || !w->pattern)
		return 0;
	desc = abi_pattern_describe(w->pattern);
	if (!desc)
		return -ENOMEM;
	*yes = abi_strmap_get(keys, desc);
	free(desc);
	return 0;
}

/* Whether NEW still documents the What @w of OLD: the same path or pattern, or a
 * pattern of NEW matching it read as a path (folded into a generic entry). */
static int still_documented(const struct abi_strmap *keys, const struct abi_index *index,
			    const struct abi_what *w, bool *yes)
{
	int r = has_key(keys, w, yes);

	if (r < 0 || *yes || !w->path || w->kind == ABI_WHAT_PROSE)
		return r;
	r = abi_index_lookup(index, w->path, any_match, yes);
	return r < 0 ? r : 0;
}

/* Whether a partner of @o in NEW has a What OLD did not document: its paths were
 * renamed (moved to a subdirectory, say), which the pairing already calls a change. */
static int renamed(const struct abi_diff *diff, const struct abi_strmap *old_keys,
		   const struct abi_entry *o, bool *yes)
{
	int r = 0;

	*yes = false;
	for (size_t i = 0; i < diff->n_pairs && !*yes && r == 0; i++) {
		const struct abi_entry *n = diff->pairs[i].new_entry;

		if (diff->pairs[i].old_entry != o)
			continue;
		for (size_t w = 0; w < n->n_whats && !*yes && r == 0; w++) {
			bool known;

			r = has_key(old_keys, &n->whats[w], &known);
			*yes = r == 0 && !known;
		}
	}
	return r;
}

/* What check_dropped() builds once it needs it. */
struct dropped {
	bool ready;
	struct abi_strmap keys, old_keys; /* what_keys() of NEW and of OLD */
	struct abi_index *index;          /* of NEW */
};

static int dropped_prepare(const struct abi_diff *diff, struct dropped *d)
{
	int r;

	if (d->ready)
		return 0;
	d->ready = true;
	r = what_keys(diff->new_tree, &d->keys);
	if (r == 0)
		r = what_keys(diff->old_tree, &d->old_keys);
	if (r == 0)
		r = abi_index_new(diff->new_tree, &d->index);
	return r;
}

/* The What lines of @o (paired, in a level that keeps its paths) that vanished. */
static int check_dropped_entry(const struct abi_diff *diff, struct dropped *d,
			       struct violation_list *violations,
			       const struct abi_entry *o, enum abi_rule rule)
{
	bool moved;
	int r = dropped_prepare(diff, d);

	if (r == 0)
		r = renamed(diff, &d->old_keys, o, &moved);
	if (r < 0 || moved)
		return r;
	for (size_t w = 0; w < o->n_whats && r == 0; w++) {
		bool yes;

		r = still_documented(&d->keys, d->index, &o->whats[w], &yes);
		if (r < 0 || yes)
			continue;
		r = add_violation(violations, rule, o, NULL, 0,
				  abi_asprintf("%s '%s' vanished from its entry: no "
					       "entry documents it any more",
					       abi_level_name(o->level),
					       o->whats[w].text));
	}
	return r;
}

/*
 * An entry of several What lines pairs as a whole; a path it drops while its partners
 * bring none in its place is gone all the same: `What: x` and `What: y` in stable/
 * becoming `What: x` alone. (An entry of one What renamed in place is a change.)
 */
static int check_dropped(struct abi_diff *diff, struct violation_list *violations)
{
	struct dropped d = { .ready = false };
	bool *done = calloc(diff->old_tree->n_entries + 1, sizeof(bool));
	int r = done ? 0 : -ENOMEM;

	abi_strmap_init(&d.keys, true);
	abi_strmap_init(&d.old_keys, true);
	for (size_t i = 0; i < diff->n_pairs && r == 0; i++) {
		const struct abi_entry *o = diff->pairs[i].old_entry;
		enum abi_rule rule = vanish_rule(o->level);

		if (o->n_whats < 2 || rule == ABI_RULE_COUNT || done[o->index])
			continue;
		done[o->index] = true;
		r = check_dropped_entry(diff, &d, violations, o, rule);
	}
	abi_index_free(d.index);
	abi_strmap_release(&d.keys, NULL);
	abi_strmap_release(&d.old_keys, NULL);
	free(done);
	return r;
}

static int check_vanished(struct violation_list *violations, const struct abi_entry *o)
{
	enum abi_rule rule;
	char *label, *message;
	int r;

	if (o->level == ABI_LEVEL_STABLE)
		rule = ABI_RULE_VANISHED_STABLE;
	else if (o->level == ABI_LEVEL_TESTING)
		rule = ABI_RULE_VANISHED_TESTING;
	else if (o->level == ABI_LEVEL_OBSOLETE)
		rule = ABI_RULE_OBSOLETE_VANISHED;
	else
		return 0;
	label = entry_label(o);
	if (!label)
		return -ENOMEM;
	if (rule == ABI_RULE_OBSOLETE_VANISHED)
		message = abi_asprintf("obsolete %s vanished without appearing in "
				       "removed/",
				       label);
	else
		message = abi_asprintf("%s %s vanished: no entry documents it any more",
				       abi_level_name(o->level), label);
	r = add_violation(violations, rule, o, NULL, 0, message);
	free(label);
	return r;
}

/* "new entry '/sys/a' has no Date, KernelVersion or Contact" */
static char *missing_message(const char *label, unsigned int missing)
{
	struct abi_strbuf msg = { 0 };
	unsigned int left = missing;

	abi_strbuf_addf(&msg, "new entry %s has no ", label);
	for (unsigned int bit = 1; left; bit <<= 1) {
		if (!(left & bit))
			continue;
		left &= ~bit;
		abi_strbuf_addf(&msg, "%s%s", abi_field_name(bit),
				!left               ? "" :
				(left & (left - 1)) ? ", " :
						      " or ");
	}
	return abi_strbuf_detach(&msg);
}

static int check_added(const struct abi_diff *diff, struct violation_list *violations,
		       const struct abi_entry *n)
{
	unsigned int missing = fields_missing(n);
	char *label = entry_label(n);
	int r = label ? 0 : -ENOMEM;

	if (r == 0 && missing)
		r = add_violation(violations, ABI_RULE_NEW_MISSING_FIELD, NULL, n,
				  missing, missing_message(label, missing));
	if (r == 0 && diff->old_kv_major >= 0 && n->kv_major >= 0 &&
	    (n->kv_major < diff->old_kv_major ||
	     (n->kv_major == diff->old_kv_major && n->kv_minor < diff->old_kv_minor))) {
		const char *kv = n->kernel_version.str;
		char *message = abi_asprintf("new entry %s gives KernelVersion %.*s, "
					     "older than %d.%d, the kernel of the old "
					     "tree",
					     label, (int)strcspn(kv, "\n"), kv,
					     diff->old_kv_major, diff->old_kv_minor);

		r = add_violation(violations, ABI_RULE_NEW_KERNELVERSION_OLDER, NULL, n,
				  0, message);
	}
	free(label);
	return r;
}

static int cmp_violations(const void *x, const void *y)
{
	const struct abi_violation *a = x, *b = y;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return cmp_places(a->new_entry, a->old_entry, b->new_entry, b->old_entry);
}

static int list_violations(struct abi_diff *diff, struct violation_list *violations)
{
	bool *new_from_obsolete = calloc(diff->new_tree->n_entries + 1, sizeof(bool));
	int r = new_from_obsolete ? 0 : -ENOMEM;

	for (size_t i = 0; i < diff->n_pairs && r == 0; i++) {
		const struct abi_pair *p = &diff->pairs[i];

		if (p->old_entry->level == ABI_LEVEL_OBSOLETE)
			new_from_obsolete[p->new_entry->index] = true;
	}
	for (size_t i = 0; i < diff->n_pairs && r == 0; i++)
		r = check_move(diff, violations, diff->pairs[i].old_entry,
			       diff->pairs[i].new_entry, new_from_obsolete);
	if (r == 0)
		r = check_dropped(diff, violations);
	for (size_t i = 0; i < diff->n_changes && r == 0; i++) {
		const struct abi_change *c = &diff->changes[i];

		if (c->kind == ABI_CHANGE_REMOVED)
			r = check_vanished(violations, c->old_entry);
		else if (c->kind == ABI_CHANGE_ADDED)
			r = check_added(diff, violations, c->new_entry);
	}
	free(new_from_obsolete);
	return r;
}

static int find_violations(struct abi_diff *diff)
{
	struct violation_list violations = { 0 };
	int r = list_violations(diff, &violations);

	/* stable: the What lines one entry dropped share its place, keep their order */
	if (r == 0)
		r = abi_sort_stable(violations.v, violations.n, sizeof(*violations.v),
				    cmp_violations);
	if (r < 0) {
		violations_free(violations.v, violations.n);
		return r;
	}
	diff->violations = violations.v;
	diff->n_violations = violations.n;
	for (size_t i = 0; i < diff->n_violations; i++)
		diff->rule_counts[diff->violations[i].rule]++;
	return 0;
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
	if (r == 0)
		r = find_changes(diff);
	if (r == 0)
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
	violations_free(diff->violations, diff->n_violations);
	free(diff->changes);
	free(diff->pairs);
	free(diff);
}
