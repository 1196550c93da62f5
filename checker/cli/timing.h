/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Phase times on stderr when SYSABI_TIMING is set in the environment: where a run's
 * time goes, for `make bench` and for anyone who wonders.
 */
#ifndef SYSABI_TIMING_H
#define SYSABI_TIMING_H

/* Note the end of phase @what: prints its time since the previous mark. */
void timing_mark(const char *what);

#endif
