/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The comparison's report: its result model (compare-report.c), what `sysabi compare`
 * writes in every format, and its kind of report (compare-view.c, checks-compare.c).
 */
#ifndef SYSABI_COMPARE_REPORT_H
#define SYSABI_COMPARE_REPORT_H

#include "audit/baseline.h"
#include "cli/doc-source.h"
#include "compare.h"
#include "report/report-kind.h"
#include "sysfs/sysfs-root.h"

struct compare_options {
	const struct sysfs_root *old_root, *new_root;
	const char *old_label, *new_label;
	bool fail_on[COMPARE_KIND_COUNT];
	bool verbose;
	const char *baseline_path;
	const struct baseline *baseline;
};

/*
 * The whole report. Sets *@fail when a group of a --fail-on kind is not in the
 * baseline. Free with value_free().
 */
struct value *compare_report(const struct compare *c, const struct doc_source *src,
			     const struct compare_options *opt, bool *fail);

/* The severity a group of @kind shows: error when it fails the run, else its kind's
 * (never error: only what fails is). */
const char *compare_severity(enum compare_kind kind, bool failing);

/* ---- checks-compare.c, compare-view.c ---- */
void checks_compare(const struct value *report, struct value *checks);
extern const struct report_kind compare_report_kind;

#endif
