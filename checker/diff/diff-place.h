/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diff-place.c: where in NEW an annotation about an entry NEW lost goes. */
#ifndef SYSABI_DIFF_PLACE_H
#define SYSABI_DIFF_PLACE_H

#include "abi/abi.h"

struct diff_places;

/* The places of @d's trees, which it borrows: they must outlive it. Returns 0 or
 * -ENOMEM; free *@out with diff_places_free(). */
int diff_places_new(const struct abi_diff *d, struct diff_places **out);
void diff_places_free(struct diff_places *p);

/*
 * Where @o, an entry of OLD, was in NEW's terms: NEW's file of the same path (*@file,
 * borrowed from NEW's tree), at the first entry after @o that NEW kept in it, else the
 * last before it, else line 0 (the whole file). -ENOENT when NEW has no such file.
 */
int diff_places_gone(const struct diff_places *p, const struct abi_entry *o,
		     const char **file, unsigned int *line);

#endif
