// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fleet's HTML page: a matrix of the finding groups (rows) by the machines and the
 * kernels (columns), a mark where a group is found, each row with its counts and dates
 * and marked new when no earlier run (--db) saw it, so that what is new, and where a
 * group is, show at a glance. The page sorts and filters it (script.js). Bounded: past
 * FLEET_MATRIX_ROWS groups or FLEET_MATRIX_COLUMNS machines the page says how many are
 * left out, which the JSON report has.
 *
 *   matrix.machines[]   {name, runs}          the columns, in machines[]'s order
 *   matrix.kernels[]    {name}                the kernels, sorted
 *   matrix.rows[]       {class, pattern, status ("new", "known" or "unknown": no
 *                       history), files, machines, kernels, owner, first_seen,
 *                       last_seen, on[] ({on} a machine), in[] ({on} a kernel)}
 *   matrix.rows_left_out, matrix.machines_left_out, matrix.kernels_left_out
 */
#include <string.h>

#include <glib.h>

#include "fleet.h"
#include "report/view.h"

#define FLEET_MATRIX_ROWS 3000
#define FLEET_MATRIX_COLUMNS 120

static int str_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every kernel any group is on, sorted, each once. */
static GPtrArray *kernels_of(const struct value *groups)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *list = g_ptr_array_new();

	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *names =
			value_get(value_at(groups, i), "kernel_names");

		for (size_t k = 0; k < value_len(names); k++) {
			const char *s = value_str(value_at(names, k));

			if (s && g_hash_table_add(seen, (gpointer)s))
				g_ptr_array_add(list, (gpointer)s);
		}
	}
	g_ptr_array_sort(list, str_cmp);
	g_hash_table_destroy(seen);
	return list;
}

static bool has_kernel(const struct value *g, const char *kernel)
{
	const struct value *names = value_get(g, "kernel_names");

	for (size_t k = 0; k < value_len(names); k++)
		if (g_strcmp0(value_str(value_at(names, k)), kernel) == 0)
			return true;
	return false;
}

static struct value *row_of(const struct value *g, size_t n_machines,
			    const GPtrArray *kernels, size_t n_kernels)
{
	const struct value *on = value_get(g, "on"), *isnew = value_get(g, "new");
	struct value *row = value_object_extend(g);
	struct value *cells = value_set(row, "cells", value_array_new());
	struct value *in = value_set(row, "in", value_array_new());
	size_t k = 0;

	value_set_str(row, "status",
		      value_type(isnew) != VALUE_BOOL ? "unknown" :
		      value_bool(isnew)               ? "new" :
							"known");
	/* "on" holds places in machines[], ascending */
	for (size_t m = 0; m < n_machines; m++) {
		bool here = k < value_len(on) &&
			    value_int(value_at(on, k)) == (long long)m;

		k += here;
		value_set_bool(value_append(cells, value_object_new()), "on", here);
	}
	for (size_t i = 0; i < n_kernels; i++)
		value_set_bool(value_append(in, value_object_new()), "on",
			       has_kernel(g, g_ptr_array_index(kernels, i)));
	return row;
}

void fleet_add_matrix(struct value *view, const struct value *report)
{
	const struct value *groups = value_get(report, "groups");
	const struct value *machines = value_get(report, "machines");
	struct value *m = value_set(view, "matrix", value_object_new());
	struct value *cols = value_set(m, "machines", value_array_new());
	struct value *kcols = value_set(m, "kernels", value_array_new());
	struct value *rows = value_set(m, "rows", value_array_new());
	size_t n_machines = MIN(value_len(machines), FLEET_MATRIX_COLUMNS);
	GPtrArray *kernels = kernels_of(groups);
	size_t n_kernels = MIN(kernels->len, FLEET_MATRIX_COLUMNS);
	size_t n_rows = MIN(value_len(groups), FLEET_MATRIX_ROWS);

	for (size_t i = 0; i < n_machines; i++) {
		const struct value *x = value_at(machines, i);
		struct value *c = value_append(cols, value_object_new());

		value_set_str(c, "name", value_get_str(x, "machine"));
		view_count(c, "runs", (long long)value_len(value_get(x, "runs")));
	}
	for (size_t i = 0; i < n_kernels; i++)
		value_set_str(value_append(kcols, value_object_new()), "name",
			      g_ptr_array_index(kernels, i));
	for (size_t i = 0; i < n_rows; i++)
		value_append(rows,
			     row_of(value_at(groups, i), n_machines, kernels, n_kernels));
	value_set_int(m, "rows_left_out", (long long)(value_len(groups) - n_rows));
	value_set_int(m, "machines_left_out",
		      (long long)(value_len(machines) - n_machines));
	value_set_int(m, "kernels_left_out", (long long)(kernels->len - n_kernels));
	g_ptr_array_free(kernels, TRUE);
}
