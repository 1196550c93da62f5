// SPDX-License-Identifier: GPL-2.0-or-later
/* See timing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "timing.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void timing_mark(const char *what)
{
	static int enabled = -1;
	static double last, start;
	double t;

	if (enabled < 0) {
		enabled = getenv("SYSABI_TIMING") != NULL;
		start = last = now_ms();
	}
	if (!enabled)
		return;
	t = now_ms();
	fprintf(stderr, "sysabi: timing: %-24s %8.2f ms (%.2f ms in all)\n", what,
		t - last, t - start);
	last = t;
}
