/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The documentation's own commands, validate, search and match: their kinds of report. */
#ifndef SYSABI_DOCS_H
#define SYSABI_DOCS_H

#include "report/report-kind.h"

/* docs-view.c */
extern const struct report_kind validate_report_kind, search_report_kind,
	match_report_kind;
/* The checks of a validate report (checks-validate.c). */
void checks_validate(const struct value *report, struct value *checks);

#endif
