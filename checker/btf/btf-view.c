// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kind of report of `sysabi btf` (report/report-kind.h): its checks (checks-btf.c,
 * failing on errors, and on warnings with --werror), key numbers, and what text shows:
 *
 *   text.has_types, text.magic, text.flags (hex), text.kind_rows[][] (kind, count)
 *   text.modules[]     name, state, btf_bytes, types ("-" when unknown), elf
 *   text.btf_files, text.live_modules, text.errors, text.warnings
 *   text.findings[]    with is_SEVERITY
 */
#include "btf.h"
#include "report/view.h"

const struct report_family btf_family = { "btf", "BTF in /sys/kernel/btf" };

static const struct report_figure figures[] = {
	{ "vmlinux-types", "vmlinux types", "vmlinux.types" },
	{ "module-btf-files", "module BTF files", "summary.module_btf_files" },
	{ "modules-live", "live modules", "summary.modules_live" },
	{ "errors", "errors", "summary.findings.error" },
	{ "warnings", "warnings", "summary.findings.warning" },
	{ "info", "info", "summary.findings.info" },
	{},
};

static void add_checks(const struct value *report, struct value *checks)
{
	checks_btf(report, true, value_bool(value_get(report, "werror")), checks);
}

/* modules[]: name, and state, btf_bytes and types, or "-" when there are none; elf. */
static void add_modules(struct value *text, const struct value *modules)
{
	struct value *list = value_set(text, "modules", value_array_new());

	for (size_t i = 0; i < value_len(modules); i++) {
		const struct value *m = value_at(modules, i);
		const struct value *types = value_get(m, "types");
		struct value *v = value_append(list, value_object_new());
		bool present = value_bool(value_get(m, "present"));

		value_set_str(v, "name", value_get_str(m, "name"));
		value_set_str(v, "state", value_str(value_get(m, "state")) ?: "-");
		value_set(v, "btf_bytes",
			  present ? value_int_new(value_get_int(m, "size")) :
				    value_string_new("-"));
		value_set(v, "types",
			  value_type(types) == VALUE_INT ? value_copy(types) :
							   value_string_new("-"));
		value_set(v, "elf", value_copy(value_get(m, "elf")));
	}
}

static void add_btf(struct value *text, const struct value *report)
{
	const struct value *vmlinux = value_get(report, "vmlinux");
	const struct value *header = value_get(vmlinux, "header");
	const struct value *kinds = value_get(vmlinux, "kinds");
	const struct value *summary = value_get(report, "summary");
	struct value *rows = value_set(text, "kind_rows", value_array_new()), *row = NULL;

	value_set_bool(text, "has_types",
		       value_type(value_get(vmlinux, "types")) == VALUE_INT);
	if (value_type(header) == VALUE_OBJECT) {
		/* numbers in hex, the way the BTF header is spoken of */
		value_set(text, "magic",
			  value_string_printf("0x%04llx",
					      value_get_int(header, "magic")));
		value_set(text, "flags",
			  value_string_printf("0x%02llx",
					      value_get_int(header, "flags")));
	}
	/* the types by kind, four a row */
	for (size_t i = 0; i < value_len(kinds); i++) {
		struct value *k;

		if (i % 4 == 0)
			row = value_append(rows, value_array_new());
		k = value_append(row, value_object_new());
		value_set_str(k, "kind", value_key_at(kinds, i));
		value_set_int(k, "count", value_int(value_at(kinds, i)));
	}
	add_modules(text, value_get(report, "modules"));
	view_count(text, "btf_files", value_get_int(summary, "module_btf_files"));
	view_count(text, "live_modules", value_get_int(summary, "modules_live"));
	view_count(text, "errors",
		   value_get_int(value_get(summary, "findings"), "error"));
	view_count(text, "warnings",
		   value_get_int(value_get(summary, "findings"), "warning"));
	value_set(text, "findings", view_by_severity(value_get(report, "findings")));
}

/* ---- diff ---- */

const struct report_kind btf_report_kind = {
	.name = "btf",
	.add_checks = add_checks,
	.families = (const struct report_family *const[]){ &btf_family, NULL },
	.figures = figures,
	.add_text = add_btf,
};
