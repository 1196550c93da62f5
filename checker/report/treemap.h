/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A squarified treemap (Bruls, Huizing and van Wijk, 2000): areas laid out as
 * rectangles in proportion to them, a row at a time, each row chosen to keep its
 * rectangles as close to squares as it can. Plain arithmetic on doubles, in the order
 * given: the same areas give the same rectangles, so reports stay reproducible.
 */
#ifndef SYSABI_TREEMAP_H
#define SYSABI_TREEMAP_H

#include <stddef.h>

struct treemap_rect {
	double x, y, w, h;
};

/*
 * Lay @n @areas (each > 0, the largest first, as a treemap reads best) out in @within,
 * into @out[0..n-1]: together they fill it, none overlaps another, and each has its
 * share of @within's area. An area <= 0 gets an empty rectangle.
 */
void treemap_squarify(const double *areas, size_t n, struct treemap_rect within,
		      struct treemap_rect *out);

#endif
