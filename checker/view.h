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
 */
#ifndef SYSABI_VIEW_H
#define SYSABI_VIEW_H

#include <stdbool.h>

#include "value.h"

/* The view of @report, which has its checks (report_add_checks()). Caller frees. */
struct value *view_new(const struct value *report, bool color);

#endif
