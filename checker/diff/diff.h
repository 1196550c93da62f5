/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `sysabi diff`: its kind of report. */
#ifndef SYSABI_DIFF_H
#define SYSABI_DIFF_H

#include "report/report-kind.h"

/* diff-view.c */
extern const struct report_kind diff_report_kind;
/* The checks of a diff report (checks-diff.c). */
void checks_diff(const struct value *report, struct value *checks);

#endif
