// SPDX-License-Identifier: GPL-2.0-or-later
/* The layout of a squarified treemap. See treemap.h. */
#include <stdbool.h>

#include <glib.h>

#include "treemap.h"

/* The worst aspect ratio of a row of areas, @sum in all, from @min to @max, laid along
 * a side @side long. */
static double worst(double sum, double min, double max, double side)
{
	double s2 = side * side, sum2 = sum * sum;
	double a = s2 * max / sum2, b = sum2 / (s2 * min);

	return a > b ? a : b;
}

/* Lay @px[from..to) (@sum in all) out as one row along the shorter side of @r, taking
 * the whole of @r when @last (no sliver lost to rounding); @r shrinks by the row. */
static void lay_row(const double *px, size_t from, size_t to, double sum, bool last,
		    struct treemap_rect *r, struct treemap_rect *out)
{
	bool column = r->w >= r->h; /* a column at the left, else a row at the top */
	double side = column ? r->h : r->w;
	double thick = last ? (column ? r->w : r->h) : sum / side;
	double at = column ? r->y : r->x, end = column ? r->y + r->h : r->x + r->w;

	for (size_t i = from; i < to; i++) {
		double len = i + 1 == to ? end - at : px[i] / sum * side;

		out[i] = column ? (struct treemap_rect){ r->x, at, thick, len } :
				  (struct treemap_rect){ at, r->y, len, thick };
		at += len;
	}
	if (column) {
		r->x += thick;
		r->w -= thick;
	} else {
		r->y += thick;
		r->h -= thick;
	}
}

void treemap_squarify(const double *areas, size_t n, struct treemap_rect within,
		      struct treemap_rect *out)
{
	double total = 0, scale, *px;
	size_t m = 0, *idx;
	struct treemap_rect *laid;

	for (size_t k = 0; k < n; k++) {
		out[k] = (struct treemap_rect){ within.x, within.y, 0, 0 };
		if (areas[k] > 0)
			total += areas[k];
	}
	if (total <= 0 || within.w <= 0 || within.h <= 0)
		return;
	scale = within.w * within.h / total;
	/* the positive areas, in pixels; their rectangles go to their places after */
	px = g_new(double, n);
	idx = g_new(size_t, n);
	laid = g_new(struct treemap_rect, n);
	for (size_t k = 0; k < n; k++) {
		if (areas[k] <= 0)
			continue;
		px[m] = areas[k] * scale;
		idx[m++] = k;
	}
	for (size_t i = 0, j; i < m; i = j) {
		double side = within.w < within.h ? within.w : within.h;
		double sum = px[i], min = px[i], max = px[i];

		/* a row grows while its worst rectangle gets no worse */
		for (j = i + 1; j < m; j++) {
			double s = sum + px[j];
			double lo = px[j] < min ? px[j] : min;
			double hi = px[j] > max ? px[j] : max;

			if (worst(s, lo, hi, side) > worst(sum, min, max, side))
				break;
			sum = s;
			min = lo;
			max = hi;
		}
		lay_row(px, i, j, sum, j == m, &within, laid);
	}
	for (size_t k = 0; k < m; k++)
		out[idx[k]] = laid[k];
	g_free(laid);
	g_free(idx);
	g_free(px);
}
