// SPDX-License-Identifier: GPL-2.0-or-later
/* The squarified treemap's layout (checker/report/treemap.c). */
#include <CUnit/CUnit.h>

#include "report/treemap.h"
#include "unit.h"

#define CLOSE(a, b) ((a) - (b) < 1e-6 && (b) - (a) < 1e-6)
#define MIN_OF(a, b) ((a) < (b) ? (a) : (b))
#define MAX_OF(a, b) ((a) > (b) ? (a) : (b))

/* Every rectangle inside @within, with its share of the area, none overlapping another,
 * and all of them filling @within. */
static void check_layout(const double *areas, size_t n, struct treemap_rect within)
{
	struct treemap_rect out[16];
	double total = 0, covered = 0;

	treemap_squarify(areas, n, within, out);
	for (size_t i = 0; i < n; i++)
		total += areas[i] > 0 ? areas[i] : 0;
	for (size_t i = 0; i < n; i++) {
		const struct treemap_rect *r = &out[i];
		double want = areas[i] > 0 ? areas[i] / total * within.w * within.h : 0;

		CU_ASSERT(CLOSE(r->w * r->h, want));
		CU_ASSERT(r->w >= 0 && r->h >= 0);
		CU_ASSERT(r->x >= within.x - 1e-9 && r->y >= within.y - 1e-9);
		CU_ASSERT(r->x + r->w <= within.x + within.w + 1e-6);
		CU_ASSERT(r->y + r->h <= within.y + within.h + 1e-6);
		covered += r->w * r->h;
		for (size_t k = 0; k < i; k++) {
			const struct treemap_rect *o = &out[k];
			double dx = MIN_OF(r->x + r->w, o->x + o->w) - MAX_OF(r->x, o->x);
			double dy = MIN_OF(r->y + r->h, o->y + o->h) - MAX_OF(r->y, o->y);

			CU_ASSERT(dx <= 1e-6 || dy <= 1e-6);
		}
	}
	CU_ASSERT(CLOSE(covered, total > 0 ? within.w * within.h : 0));
}

static void test_squarify(void)
{
	static const double paper[] = { 6, 6, 4, 3, 2, 2, 1 };
	static const double skewed[] = { 7050, 2307, 804, 493, 412, 332, 306, 290, 1 };
	static const double gaps[] = { 5, 0, 3, -1, 1 };
	struct treemap_rect out[7];

	check_layout(paper, 7, (struct treemap_rect){ 0, 0, 6, 4 });
	check_layout(skewed, 9, (struct treemap_rect){ 10, 20, 1100, 540 });
	check_layout(skewed, 9, (struct treemap_rect){ 0, 0, 40, 900 });
	check_layout(gaps, 5, (struct treemap_rect){ 0, 0, 100, 100 });
	check_layout(paper, 1, (struct treemap_rect){ 0, 0, 3, 9 });
	/* the paper's example: 6 and 6 stand as a column of two 3x2 squares-ish, the
	 * left half of a 6x4 canvas */
	treemap_squarify(paper, 7, (struct treemap_rect){ 0, 0, 6, 4 }, out);
	CU_ASSERT(CLOSE(out[0].x, 0) && CLOSE(out[0].y, 0) && CLOSE(out[0].w, 3) &&
		  CLOSE(out[0].h, 2));
	CU_ASSERT(CLOSE(out[1].x, 0) && CLOSE(out[1].y, 2) && CLOSE(out[1].w, 3) &&
		  CLOSE(out[1].h, 2));
	/* nothing to lay out: empty rectangles, no division by zero */
	treemap_squarify(gaps + 1, 1, (struct treemap_rect){ 0, 0, 10, 10 }, out);
	CU_ASSERT(out[0].w == 0 && out[0].h == 0);
}

void test_treemap_register(void)
{
	static const struct unit_test tests[] = {
		{ "squarify", test_squarify },
		{},
	};

	unit_add_suite("treemap", tests);
}
