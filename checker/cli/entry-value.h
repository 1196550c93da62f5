/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SYSABI_ENTRY_VALUE_H
#define SYSABI_ENTRY_VALUE_H

#include "cli.h"
#include "doc-source.h"

/* One What line: what, path, kind, pattern (as sysabi reads it), level, file, line. */
struct value *what_value(const struct doc_source *src, const struct abi_what *w);
/* Where an entry is: its What lines, level and file:line, without its fields. */
struct value *entry_ref_value(const struct doc_source *src, const struct abi_entry *e);
/* One entry: its What lines, level, file:line and every field. */
struct value *entry_value(const struct doc_source *src, const struct abi_entry *e);

/* One diagnostic: file (@root joined with it), line, severity, kind, message, related. */
struct value *diag_value(const char *root, const struct abi_diag *d);
/* Diagnostics in a compiler's order, by file then line, for value_sort(), which is
 * stable: the order of discovery breaks ties. */
int diag_value_cmp(const struct value *a, const struct value *b);

#endif
