/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The uniform checks of a diff report, which the formats beside text and JSON are
 * rendered from (HTML, JUnit, KTAP, Markdown).
 */
#ifndef SYSABI_VIEW_DIFF_H
#define SYSABI_VIEW_DIFF_H

#include "value.h"

/*
 * The checks of @report (a `sysabi diff` report, borrowed): one per rule, one per kind
 * of new diagnostic shown, and one per kind of change, each
 * {name, family "diff", title, status ok|fail|warn|skip, count, findings: [{name,
 * where, message, severity error|warning|info, count 1}]}. A check fails when it has
 * findings and its name is in the report's fail_on, warns when it has findings that
 * do not fail, is skipped when it could not be made (new-kernelversion-older without
 * the old tree's kernel version). Returns a new array the caller frees with
 * value_free(); check value_failed() on it.
 */
struct value *view_checks_diff(const struct value *report);

#endif
