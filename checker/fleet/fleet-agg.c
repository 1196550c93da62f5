// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's tables (fleet.h), folded from the records in input order.
 *
 * Names (machines, kernels, labels) are kept once each and counted by number; a group
 * keeps the sorted numbers of the machines, kernels and labels it was found on, and a
 * run the numbers of its groups, for the changes between one machine's kernels. A
 * machine is its label, else its hostname, else its input's name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fleet.h"

struct fleet_group {
	enum audit_class cls;
	char *pattern, *owner;
	long long files;
	size_t runs;
	GArray *machines, *kernels, *labels; /* guint, sorted, each once */
	char *first, *last;                  /* the dates it was seen on, this run */
	char *seen_first, *seen_last;        /* and before, by the store */
	bool seen;                           /* an earlier run had it */
};

struct fleet_run {
	char *input;
	struct fleet_record rec; /* its hits moved into groups: n_hits is 0 */
	guint machine, kernel;   /* name numbers; kernel 0 when unknown */
	guint label;             /* 0 when none */
	GArray *groups;          /* guint, the group numbers it has, sorted */
	GArray *docs;            /* guint, name numbers of "LEVEL WHAT" of the entries
				    it has files of, sorted; NULL when not known */
};

struct fleet_agg {
	GHashTable *group_index; /* "CLASS PATTERN" -> number + 1 */
	GPtrArray *groups;       /* struct fleet_group, by number */
	GHashTable *name_index;  /* name -> number + 1, one table for all kinds */
	GPtrArray *names;        /* by number; 0 is "" (unknown) */
	GPtrArray *runs;         /* struct fleet_run */
	GPtrArray *skipped;      /* struct fleet_run with an error */
	GHashTable *identities;  /* "MACHINE KERNEL DATE" -> the input (borrowed) */
	GPtrArray *duplicates;   /* pairs of strings: input, the earlier input */
	GHashTable *last_run;    /* "CLASS PATTERN" of the last earlier run's groups */
};

static void group_free(gpointer p)
{
	struct fleet_group *g = p;

	g_free(g->pattern);
	g_free(g->owner);
	g_array_free(g->machines, TRUE);
	g_array_free(g->kernels, TRUE);
	g_array_free(g->labels, TRUE);
	g_free(g->first);
	g_free(g->last);
	g_free(g->seen_first);
	g_free(g->seen_last);
	g_free(g);
}

static void run_free(gpointer p)
{
	struct fleet_run *r = p;

	g_free(r->input);
	fleet_record_release(&r->rec);
	if (r->groups)
		g_array_free(r->groups, TRUE);
	if (r->docs)
		g_array_free(r->docs, TRUE);
	g_free(r);
}

int fleet_agg_new(struct fleet_agg **out)
{
	struct fleet_agg *a = g_new0(struct fleet_agg, 1);

	a->group_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	a->groups = g_ptr_array_new_with_free_func(group_free);
	a->name_index = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
	a->names = g_ptr_array_new_with_free_func(g_free);
	a->runs = g_ptr_array_new_with_free_func(run_free);
	a->skipped = g_ptr_array_new_with_free_func(run_free);
	a->identities = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	a->duplicates = g_ptr_array_new_with_free_func(g_free);
	a->last_run = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_ptr_array_add(a->names, g_strdup(""));
	*out = a;
	return 0;
}

void fleet_agg_free(struct fleet_agg *a)
{
	if (!a)
		return;
	g_hash_table_destroy(a->group_index);
	g_ptr_array_free(a->groups, TRUE);
	g_hash_table_destroy(a->name_index);
	g_ptr_array_free(a->names, TRUE);
	g_ptr_array_free(a->runs, TRUE);
	g_ptr_array_free(a->skipped, TRUE);
	g_hash_table_destroy(a->identities);
	g_ptr_array_free(a->duplicates, TRUE);
	g_hash_table_destroy(a->last_run);
	g_free(a);
}

/* @s's number, 0 for NULL or "". */
static guint name_number(struct fleet_agg *a, const char *s)
{
	gpointer n;
	char *copy;

	if (!s || !*s)
		return 0;
	n = g_hash_table_lookup(a->name_index, s);
	if (n)
		return GPOINTER_TO_UINT(n) - 1;
	copy = g_strdup(s);
	g_ptr_array_add(a->names, copy);
	g_hash_table_insert(a->name_index, copy, GUINT_TO_POINTER(a->names->len));
	return a->names->len - 1;
}

static const char *name_of(const struct fleet_agg *a, guint n)
{
	return n ? g_ptr_array_index(a->names, n) : NULL;
}

/* Add @n to the sorted set @set. */
static void set_add(GArray *set, guint n)
{
	guint lo = 0, hi = set->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2, v = g_array_index(set, guint, mid);

		if (v == n)
			return;
		if (v < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	g_array_insert_val(set, lo, n);
}

static bool set_has(const GArray *set, guint n)
{
	guint lo = 0, hi = set->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2, v = g_array_index(set, guint, mid);

		if (v == n)
			return true;
		if (v < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static char *group_key(const char *cls, const char *pattern)
{
	return g_strconcat(cls, " ", pattern, NULL);
}

static struct fleet_group *group_get(struct fleet_agg *a, enum audit_class cls,
				     const char *pattern, guint *number)
{
	char *key = group_key(audit_class_name(cls), pattern);
	gpointer n = g_hash_table_lookup(a->group_index, key);
	struct fleet_group *g;

	if (n) {
		g_free(key);
		*number = GPOINTER_TO_UINT(n) - 1;
		return g_ptr_array_index(a->groups, *number);
	}
	g = g_new0(struct fleet_group, 1);
	g->cls = cls;
	g->pattern = g_strdup(pattern);
	g->machines = g_array_new(FALSE, FALSE, sizeof(guint));
	g->kernels = g_array_new(FALSE, FALSE, sizeof(guint));
	g->labels = g_array_new(FALSE, FALSE, sizeof(guint));
	g_ptr_array_add(a->groups, g);
	*number = a->groups->len - 1;
	g_hash_table_insert(a->group_index, key, GUINT_TO_POINTER(a->groups->len));
	return g;
}

/* Keep the earlier of *@first and @date, and the later in *@last. */
static void dates_widen(char **first, char **last, const char *date)
{
	if (!date)
		return;
	if (!*first || strcmp(date, *first) < 0) {
		g_free(*first);
		*first = g_strdup(date);
	}
	if (!*last || strcmp(date, *last) > 0) {
		g_free(*last);
		*last = g_strdup(date);
	}
}

int fleet_agg_add(struct fleet_agg *a, const char *input, struct fleet_record *rec,
		  const char **duplicate)
{
	struct fleet_run *r = g_new0(struct fleet_run, 1);
	char *identity, *machine;
	const char *earlier;

	*duplicate = NULL;
	r->input = g_strdup(input);
	r->rec = *rec;
	memset(rec, 0, sizeof(*rec));
	if (r->rec.error) {
		g_ptr_array_add(a->skipped, r);
		return 0;
	}
	machine = fleet_record_machine(&r->rec, input);
	r->machine = name_number(a, machine);
	g_free(machine);
	r->kernel = name_number(a, r->rec.kernel);
	r->label = name_number(a, r->rec.label);
	/* the same machine, kernel and date twice is one snapshot given twice */
	identity = g_strdup_printf("%s %s %s", name_of(a, r->machine),
				   r->rec.kernel ?: "", r->rec.date ?: "");
	earlier = g_hash_table_lookup(a->identities, identity);
	if (earlier && r->rec.date) {
		g_free(identity);
		*duplicate = earlier;
		g_ptr_array_add(a->duplicates, g_strdup(input));
		g_ptr_array_add(a->duplicates, g_strdup(earlier));
		run_free(r);
		return 0;
	}
	g_ptr_array_add(a->runs, r);
	g_hash_table_replace(a->identities, identity, r->input);
	r->groups = g_array_sized_new(FALSE, FALSE, sizeof(guint), (guint)r->rec.n_hits);
	for (size_t i = 0; i < r->rec.n_hits; i++) {
		struct fleet_hit *h = &r->rec.hits[i];
		guint number;
		struct fleet_group *g = group_get(a, h->cls, h->pattern, &number);

		g->files += h->count;
		g->runs++;
		set_add(g->machines, r->machine);
		if (r->kernel)
			set_add(g->kernels, r->kernel);
		if (r->label)
			set_add(g->labels, r->label);
		dates_widen(&g->first, &g->last, r->rec.date);
		if (!g->owner && h->owner)
			g->owner = g_strdup(h->owner);
		set_add(r->groups, number);
		g_free(h->pattern);
		g_free(h->owner);
	}
	if (r->rec.has_docs) {
		r->docs = g_array_sized_new(FALSE, FALSE, sizeof(guint),
					    (guint)r->rec.n_docs);
		for (size_t i = 0; i < r->rec.n_docs; i++) {
			char *key = g_strdup_printf("%s %s",
						    abi_level_name(r->rec.docs[i].level),
						    r->rec.docs[i].what);

			set_add(r->docs, name_number(a, key));
			g_free(key);
			g_free(r->rec.docs[i].what);
		}
		g_free(r->rec.docs);
		r->rec.docs = NULL;
		r->rec.n_docs = 0;
	}
	/* the hits live on in the groups: the record keeps only its identity */
	g_free(r->rec.hits);
	r->rec.hits = NULL;
	r->rec.n_hits = 0;
	return 0;
}

int fleet_agg_seen(struct fleet_agg *a, const char *cls, const char *pattern,
		   const char *first, const char *last)
{
	enum audit_class c;
	guint number;
	struct fleet_group *g;

	if (audit_class_parse(cls, &c) < 0)
		return 0; /* a class this program does not know */
	g = group_get(a, c, pattern, &number);
	g->seen = true;
	dates_widen(&g->seen_first, &g->seen_last, first);
	dates_widen(&g->seen_first, &g->seen_last, last);
	return 0;
}

int fleet_agg_last(struct fleet_agg *a, const char *cls, const char *pattern)
{
	g_hash_table_add(a->last_run, group_key(cls, pattern));
	return 0;
}

/* ---- the report ---- */

static int group_cmp(gconstpointer pa, gconstpointer pb)
{
	const struct fleet_group *a = *(struct fleet_group *const *)pa;
	const struct fleet_group *b = *(struct fleet_group *const *)pb;
	int oa = audit_classes[a->cls].order, ob = audit_classes[b->cls].order;

	if (oa != ob)
		return oa - ob;
	if (a->machines->len != b->machines->len)
		return a->machines->len > b->machines->len ? -1 : 1;
	if (a->files != b->files)
		return a->files > b->files ? -1 : 1;
	return strcmp(a->pattern, b->pattern);
}

static struct value *names_value(const struct fleet_agg *a, const GArray *set)
{
	struct value *v = value_array_new();

	for (guint i = 0; i < set->len; i++)
		value_append(v,
			     value_string_new(name_of(a, g_array_index(set, guint, i))));
	return v;
}

static void class_counts(struct value *obj, const long long *counts)
{
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		value_set_int(obj, audit_class_name(c), counts[c]);
}

static struct value *run_value(const struct fleet_agg *a, const struct fleet_run *r)
{
	struct value *v = value_object_new();

	value_set_str(v, "input", r->input);
	value_set_str(v, "kind", r->rec.kind);
	value_set_str(v, "machine", name_of(a, r->machine));
	value_set_str(v, "hostname", r->rec.hostname);
	value_set_str(v, "kernel", r->rec.kernel);
	value_set_str(v, "arch", r->rec.arch);
	value_set_str(v, "date", r->rec.date);
	value_set_str(v, "label", r->rec.label);
	value_set_str(v, "os", r->rec.os);
	value_set_str(v, "docs_version", r->rec.docs_version);
	value_set_int(v, "nodes", r->rec.nodes);
	value_set_int(v, "files", r->rec.files);
	class_counts(value_set(v, "classes", value_object_new()), r->rec.classes);
	value_set_int(v, "groups", r->groups->len);
	return v;
}

/* One machine's runs, by date then input order. */
static int run_cmp(gconstpointer pa, gconstpointer pb)
{
	const struct fleet_run *a = *(struct fleet_run *const *)pa;
	const struct fleet_run *b = *(struct fleet_run *const *)pb;
	int c = a->machine == b->machine ? 0 : a->machine < b->machine ? -1 : 1;

	if (c)
		return c;
	return g_strcmp0(a->rec.date, b->rec.date);
}

/* Groups in @from and not in @to, as [{class, pattern}], sorted as the groups are. */
static struct value *set_minus(const struct fleet_agg *a, const GArray *from,
			       const GArray *to)
{
	GPtrArray *list = g_ptr_array_new();
	struct value *v = value_array_new();

	for (guint i = 0; i < from->len; i++) {
		guint n = g_array_index(from, guint, i);

		if (!set_has(to, n))
			g_ptr_array_add(list, g_ptr_array_index(a->groups, n));
	}
	g_ptr_array_sort(list, group_cmp);
	for (guint i = 0; i < list->len; i++) {
		const struct fleet_group *g = g_ptr_array_index(list, i);
		struct value *x = value_append(v, value_object_new());

		value_set_str(x, "class", audit_class_name(g->cls));
		value_set_str(x, "pattern", g->pattern);
	}
	g_ptr_array_free(list, TRUE);
	return v;
}

/* Entries ("LEVEL WHAT" names) in @from and not in @to, as [{level, what}]; null when
 * either run did not say which it had. Counts the stable ones into *@stable. */
static struct value *docs_minus(const struct fleet_agg *a, const GArray *from,
				const GArray *to, long long *stable)
{
	struct value *v;

	if (!from || !to)
		return value_null_new();
	v = value_array_new();
	for (guint i = 0; i < from->len; i++) {
		guint n = g_array_index(from, guint, i);
		const char *name = name_of(a, n), *sp = strchr(name, ' ');
		struct value *x;

		if (set_has(to, n) || !sp)
			continue;
		x = value_append(v, value_object_new());
		value_set(x, "level",
			  value_string_printf("%.*s", (int)(sp - name), name));
		value_set_str(x, "what", sp + 1);
		*stable += strncmp(name, "stable ", 7) == 0;
	}
	return v;
}

/*
 * machines[] (each with its runs, by date) and kernel_changes[]: between consecutive
 * runs of one machine whose kernels differ, the groups that appeared and vanished,
 * and the documented entries it had files of before and has none of after (and the
 * other way round): what compare says of an upgrade, by entry.
 * Sets the machine numbers' places in machines[] into @place.
 */
static void add_machines(const struct fleet_agg *a, struct value *report, guint *place,
			 long long *vanished_stable)
{
	GPtrArray *order = g_ptr_array_sized_new(a->runs->len);
	struct value *machines = value_set(report, "machines", value_array_new());
	struct value *changes = value_set(report, "kernel_changes", value_array_new());
	struct value *runs = NULL;
	const struct fleet_run *prev = NULL;
	long long ignored = 0;

	for (guint i = 0; i < a->runs->len; i++)
		g_ptr_array_add(order, g_ptr_array_index(a->runs, i));
	/* by machine (numbered in the order they came), then date */
	g_ptr_array_sort(order, run_cmp);
	for (guint i = 0; i < order->len; i++) {
		const struct fleet_run *r = g_ptr_array_index(order, i);
		struct value *c;

		if (!prev || prev->machine != r->machine) {
			struct value *m = value_append(machines, value_object_new());

			place[r->machine] = (guint)value_len(machines) - 1;
			value_set_str(m, "machine", name_of(a, r->machine));
			runs = value_set(m, "runs", value_array_new());
			prev = NULL;
		}
		value_append(runs, run_value(a, r));
		if (prev && prev->kernel != r->kernel) {
			c = value_append(changes, value_object_new());
			value_set_str(c, "machine", name_of(a, r->machine));
			value_set_str(c, "old_kernel", name_of(a, prev->kernel));
			value_set_str(c, "new_kernel", name_of(a, r->kernel));
			value_set_str(c, "old_input", prev->input);
			value_set_str(c, "new_input", r->input);
			value_set(c, "appeared", set_minus(a, r->groups, prev->groups));
			value_set(c, "vanished", set_minus(a, prev->groups, r->groups));
			/* the compare of the two: documented files that went, or came */
			value_set(c, "vanished_documented",
				  docs_minus(a, prev->docs, r->docs, vanished_stable));
			value_set(c, "appeared_documented",
				  docs_minus(a, r->docs, prev->docs, &ignored));
		}
		prev = r;
	}
	g_ptr_array_free(order, TRUE);
}

/* Machines in ascending order of their place in machines[]. */
static struct value *places_value(const GArray *set, const guint *place)
{
	GArray *sorted = g_array_sized_new(FALSE, FALSE, sizeof(guint), set->len);
	struct value *v = value_array_new();

	for (guint i = 0; i < set->len; i++)
		set_add(sorted, place[g_array_index(set, guint, i)]);
	for (guint i = 0; i < sorted->len; i++)
		value_append(v, value_int_new(g_array_index(sorted, guint, i)));
	g_array_free(sorted, TRUE);
	return v;
}

static void add_groups(const struct fleet_agg *a, struct value *report, bool history,
		       const guint *place, long long *groups_by_class)
{
	GPtrArray *list = g_ptr_array_new();
	struct value *groups = value_set(report, "groups", value_array_new());

	for (guint i = 0; i < a->groups->len; i++) {
		struct fleet_group *g = g_ptr_array_index(a->groups, i);

		if (g->runs)
			g_ptr_array_add(list, g);
	}
	g_ptr_array_sort(list, group_cmp);
	for (guint i = 0; i < list->len; i++) {
		const struct fleet_group *g = g_ptr_array_index(list, i);
		struct value *v = value_append(groups, value_object_new());

		groups_by_class[g->cls]++;
		value_set_str(v, "class", audit_class_name(g->cls));
		value_set_str(v, "pattern", g->pattern);
		value_set_int(v, "files", g->files);
		value_set_int(v, "runs", (long long)g->runs);
		value_set_int(v, "machines", g->machines->len);
		value_set_int(v, "kernels", g->kernels->len);
		value_set_int(v, "labels", g->labels->len);
		value_set(v, "kernel_names", names_value(a, g->kernels));
		value_set_str(v, "owner", g->owner);
		/* this run's dates, widened by the earlier runs' */
		value_set_str(v, "first_seen",
			      g->seen_first && (!g->first ||
						strcmp(g->seen_first, g->first) < 0) ?
				      g->seen_first :
				      g->first);
		value_set_str(v, "last_seen",
			      g->seen_last && (!g->last ||
					       strcmp(g->seen_last, g->last) > 0) ?
				      g->seen_last :
				      g->last);
		if (history)
			value_set_bool(v, "new", !g->seen);
		else
			value_set(v, "new", value_null_new());
		value_set(v, "on", places_value(g->machines, place));
	}
	g_ptr_array_free(list, TRUE);
}

/* The last earlier run's groups that no input of this run has. */
static struct value *fixed_value(const struct fleet_agg *a)
{
	GPtrArray *keys = g_ptr_array_new();
	struct value *v = value_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, a->last_run);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		gpointer n = g_hash_table_lookup(a->group_index, key);
		const struct fleet_group *g =
			n ? g_ptr_array_index(a->groups, GPOINTER_TO_UINT(n) - 1) : NULL;

		if (g && !g->runs)
			g_ptr_array_add(keys, (gpointer)g);
	}
	g_ptr_array_sort(keys, group_cmp);
	for (guint i = 0; i < keys->len; i++) {
		const struct fleet_group *g = g_ptr_array_index(keys, i);
		struct value *x = value_append(v, value_object_new());

		value_set_str(x, "class", audit_class_name(g->cls));
		value_set_str(x, "pattern", g->pattern);
		value_set_str(x, "last_seen", g->seen_last);
	}
	g_ptr_array_free(keys, TRUE);
	return v;
}

int fleet_agg_report(const struct fleet_agg *a, bool history, struct value *report)
{
	struct value *list, *summary;
	long long groups_by_class[AUDIT_CLASS_COUNT] = { 0 };
	long long files_by_class[AUDIT_CLASS_COUNT] = { 0 };
	guint *place = g_new0(guint, a->names->len);
	GHashTable *kernels = g_hash_table_new(NULL, NULL);
	GHashTable *labels = g_hash_table_new(NULL, NULL);
	long long new_groups = 0, vanished_stable = 0;

	list = value_set(report, "skipped", value_array_new());
	for (guint i = 0; i < a->skipped->len; i++) {
		const struct fleet_run *r = g_ptr_array_index(a->skipped, i);
		struct value *v = value_append(list, value_object_new());

		value_set_str(v, "input", r->input);
		value_set_str(v, "kind", r->rec.kind);
		value_set_str(v, "error", r->rec.error);
	}
	list = value_set(report, "duplicates", value_array_new());
	for (guint i = 0; i + 1 < a->duplicates->len; i += 2) {
		struct value *v = value_append(list, value_object_new());

		value_set_str(v, "input", g_ptr_array_index(a->duplicates, i));
		value_set_str(v, "of", g_ptr_array_index(a->duplicates, i + 1));
	}
	add_machines(a, report, place, &vanished_stable);
	add_groups(a, report, history, place, groups_by_class);
	for (guint i = 0; i < a->runs->len; i++) {
		const struct fleet_run *r = g_ptr_array_index(a->runs, i);

		for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
			files_by_class[c] += r->rec.classes[c];
		if (r->kernel)
			g_hash_table_add(kernels, GUINT_TO_POINTER(r->kernel));
		if (r->label)
			g_hash_table_add(labels, GUINT_TO_POINTER(r->label));
	}
	for (guint i = 0; history && i < a->groups->len; i++) {
		const struct fleet_group *g = g_ptr_array_index(a->groups, i);

		new_groups += g->runs && !g->seen;
	}
	value_set(report, "fixed", history ? fixed_value(a) : value_null_new());
	summary = value_set(report, "summary", value_object_new());
	value_set_int(summary, "inputs",
		      a->runs->len + a->skipped->len + a->duplicates->len / 2);
	value_set_int(summary, "audited", a->runs->len);
	value_set_int(summary, "skipped", a->skipped->len);
	value_set_int(summary, "duplicates", a->duplicates->len / 2);
	value_set_int(summary, "machines", value_len(value_get(report, "machines")));
	value_set_int(summary, "kernels", g_hash_table_size(kernels));
	value_set_int(summary, "labels", g_hash_table_size(labels));
	value_set_int(summary, "kernel_changes",
		      value_len(value_get(report, "kernel_changes")));
	value_set_int(summary, "vanished_stable", vanished_stable);
	class_counts(value_set(summary, "groups", value_object_new()), groups_by_class);
	class_counts(value_set(summary, "files", value_object_new()), files_by_class);
	if (history)
		value_set_int(summary, "new_groups", new_groups);
	else
		value_set(summary, "new_groups", value_null_new());
	if (history)
		value_set_int(summary, "fixed_groups",
			      value_len(value_get(report, "fixed")));
	else
		value_set(summary, "fixed_groups", value_null_new());
	g_hash_table_destroy(kernels);
	g_hash_table_destroy(labels);
	g_free(place);
	return value_failed(report) ? -ENOMEM : 0;
}
