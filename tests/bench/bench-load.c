// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-load DIR [RUNS]: time libabi on a whole Documentation/ABI tree: load (read,
 * parse, diagnose, compile every What, tree-wide checks) and index. Prints the best and
 * the median of RUNS runs, and the tree's size, as `key: value` lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi/abi-internal.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[2]) : 20;
	double *load, *index;
	size_t entries = 0, whats = 0, diags = 0;

	if (argc < 2 || runs < 1) {
		fprintf(stderr, "usage: bench-load DIR [RUNS]\n");
		return 2;
	}
	load = calloc((size_t)runs, sizeof(*load));
	index = calloc((size_t)runs, sizeof(*index));
	for (int i = 0; i < runs; i++) {
		struct abi_ctx *ctx;
		struct abi_tree *tree;
		struct abi_index *idx;
		double t0, t1, t2;
		int r;

		abi_ctx_new(&ctx);
		t0 = now_ms();
		r = abi_tree_load(ctx, argv[1], &tree);
		t1 = now_ms();
		if (r < 0) {
			fprintf(stderr, "bench-load: cannot load '%s': %s\n", argv[1],
				strerror(-r));
			return 2;
		}
		abi_index_new(tree, &idx);
		t2 = now_ms();
		load[i] = t1 - t0;
		index[i] = t2 - t1;
		entries = tree->n_entries;
		whats = tree->n_whats;
		diags = 0;
		for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++)
			diags += abi_ctx_diag_count(ctx, k);
		abi_index_free(idx);
		abi_tree_free(tree);
		abi_ctx_free(ctx);
	}
	qsort(load, (size_t)runs, sizeof(*load), cmp_double);
	qsort(index, (size_t)runs, sizeof(*index), cmp_double);
	printf("entries: %zu\nwhats: %zu\ndiagnostics: %zu\n", entries, whats, diags);
	printf("load_best_ms: %.2f\nload_median_ms: %.2f\n", load[0], load[runs / 2]);
	printf("index_best_ms: %.2f\nindex_median_ms: %.2f\n", index[0], index[runs / 2]);
	free(load);
	free(index);
	return 0;
}
