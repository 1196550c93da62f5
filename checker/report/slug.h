/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text made into a name that a URL, an HTML anchor, a reST label or a test name takes
 * as it is: the one rule for the labels of `sysabi rest` and the names of checks, both
 * an interface that must not change under anyone linking to them.
 */
#ifndef SYSABI_SLUG_H
#define SYSABI_SLUG_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/*
 * Append @s to @out as a slug: ASCII letters lower-cased, digits, and each run of any
 * other bytes as one '-', with no '-' at either end; so it can be empty. Past @max
 * bytes (0: no limit) it is cut at its last '-' that fits, else after @max bytes. The
 * same on every machine: the locale plays no part.
 */
void slug_append(GString *out, const char *s, size_t max);

#endif
