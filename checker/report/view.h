/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The view: what the report templates (report-templates/) need beside the result
 * model, derived from it and from nothing else. Templates look names up in the view
 * first, then in the model (template_render_layers()), so a template reads the model's
 * own keys ({{abi.dir}}, {{files.undocumented}}) and the view's:
 *
 *   tool.name, tool.version
 *   title             "sysabi audit"
 *   result            "pass" or "fail"; passed, failed: booleans
 *   families[]        checks by family: name, title, count (of checks), failures and
 *                     skipped (JUnit's: failing findings, skipped checks), cases
 *                     (JUnit testcases: a check's findings, or the check itself)
 *     checks[]        the model's checks (checks.h), each with number (KTAP's, from 1
 *                     across families), ok/warn/fail/skip booleans, and findings
 *   totals            checks, ok, warn, fail, skip, findings, and JUnit's cases and
 *                     failures
 *   figures[]         the key numbers: name, label, value, path (the model's key)
 *   charts[]          bar charts: title, width, height, legend[] (label, series), bars[]
 *                     (label, y, text_y, total, total_x, segments[] (label, series,
 *                     count, x, width))
 *   color             text's terminal escapes: bold, dim, red, green, yellow, off
 *                     (empty strings without colour)
 *   is_audit, is_validate, is_search, is_match, is_btf: which command's report
 *   text              what the text templates cannot work out (view-text.c). A count
 *                     N comes with N_s, "s" unless it is one; multi-line text comes
 *                     as arrays of lines; findings have is_SEVERITY (is_error...).
 *     audit:          classes[] (the groups of each class that has any: name, files,
 *                     group_count, groups[] (pattern, count, baselined, owners,
 *                     examples (--verbose), suggestion_lines)), entries_listed (--all),
 *                     missing_entries, matched_entries, findings[] (BTF's),
 *                     explain[] (the model's, with name_count)
 *     validate:       diagnostics[], errors, warnings, lint_hidden
 *     search:         entries[] (the model's, with fields[] (label, lines) and
 *                     description_lines), count
 *     match:          paths[] (the model's, with match_count)
 *     btf:            has_types, magic, flags (hex), kind_rows[][] (kind, count),
 *                     modules[] (name, state, btf_bytes, types: "-" when unknown;
 *                     elf), btf_files, live_modules, errors, warnings, findings[]
 */
#ifndef SYSABI_VIEW_H
#define SYSABI_VIEW_H

#include <stdbool.h>

#include "value.h"

/* The parts of a view, as a format needs them: each costs time on a large report. */
enum {
	VIEW_CHECKS = 1 << 0, /* families, totals, figures, charts: @report has checks */
	VIEW_TEXT = 1 << 1,   /* text (view-text.c) */
	VIEW_ALL = VIEW_CHECKS | VIEW_TEXT,
};

/* The view of @report with @parts. Caller frees. */
struct value *view_new(const struct value *report, unsigned int parts, bool color);
/* Add is_COMMAND and text to @view (view-text.c). */
void view_add_text(struct value *view, const struct value *report);

#endif
