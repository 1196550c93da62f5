// SPDX-License-Identifier: GPL-2.0-or-later
/* The text format of `sysabi btf`: reads only the result model. */
#include <string.h>

#include "render.h"

#define S(v, key) (value_str(value_get((v), (key))) ?: "")
#define N(v, key) value_int(value_get((v), (key)))
#define PLURAL(n) ((n) == 1 ? "" : "s")

/* Four kinds a line, in the format's order. */
static void text_kinds(const struct value *kinds, FILE *out)
{
	size_t n = value_len(kinds);

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%-10s %7lld%s", i % 4 ? "  " : "    ", value_key_at(kinds, i),
			value_int(value_at(kinds, i)), i % 4 == 3 || i + 1 == n ? "\n" : "");
}

static void text_elf(const struct value *elf, FILE *out)
{
	if (value_type(elf) != VALUE_OBJECT)
		return;
	fprintf(out, "  ELF image %s: ", S(elf, "path"));
	if (!value_bool(value_get(elf, "read")))
		fputs("cannot be read\n", out);
	else if (!value_bool(value_get(elf, "btf_section")))
		fputs("no .BTF section\n", out);
	else if (value_bool(value_get(elf, "identical")))
		fprintf(out, ".BTF of %lld bytes, identical\n", N(elf, "size"));
	else
		fprintf(out, ".BTF of %lld bytes, %lld types, differs from byte %lld on\n",
			N(elf, "size"), N(elf, "types"), N(elf, "first_difference"));
}

static void text_vmlinux(const struct value *v, FILE *out)
{
	const struct value *h = value_get(v, "header");

	fprintf(out, "vmlinux: %s", S(v, "path"));
	if (!value_bool(value_get(v, "present"))) {
		fputs(": missing\n", out);
		return;
	}
	fprintf(out, ": %lld bytes, mode %s", N(v, "size"), S(v, "mode"));
	if (value_type(value_get(v, "types")) == VALUE_INT)
		fprintf(out, ", %lld types", N(v, "types"));
	fprintf(out, ", %s\n", value_bool(value_get(v, "valid")) ? "valid" : "not valid");
	if (value_type(h) == VALUE_OBJECT)
		fprintf(out, "  header: magic 0x%04llx, version %lld, flags 0x%02llx, hdr_len %lld; "
			"types at %lld, %lld bytes; strings at %lld, %lld bytes\n", N(h, "magic"),
			N(h, "version"), N(h, "flags"), N(h, "hdr_len"), N(h, "type_off"),
			N(h, "type_len"), N(h, "str_off"), N(h, "str_len"));
	if (value_type(value_get(v, "kinds")) == VALUE_OBJECT) {
		fputs("  types by kind:\n", out);
		text_kinds(value_get(v, "kinds"), out);
	}
	text_elf(value_get(v, "elf"), out);
}

static void text_modules(const struct value *report, FILE *out)
{
	const struct value *mods = value_get(report, "modules");
	const struct value *sum = value_get(report, "summary");

	fprintf(out, "\nmodules: %lld BTF file%s, %lld live module%s\n",
		N(sum, "module_btf_files"), PLURAL(N(sum, "module_btf_files")),
		N(sum, "modules_live"), PLURAL(N(sum, "modules_live")));
	if (value_len(mods))
		fprintf(out, "  %-20s %-7s %9s %7s  %s\n", "name", "state", "btf bytes", "types",
			"ELF image");
	for (size_t i = 0; i < value_len(mods); i++) {
		const struct value *m = value_at(mods, i), *elf = value_get(m, "elf");
		bool here = value_bool(value_get(m, "present"));
		const char *img = "-";

		if (value_type(elf) == VALUE_OBJECT)
			img = !value_bool(value_get(elf, "read")) ? "unreadable" :
			      !value_bool(value_get(elf, "btf_section")) ? "no .BTF" :
			      value_bool(value_get(elf, "identical")) ? "identical" : "differs";
		fprintf(out, "  %-20s %-7s ", S(m, "name"), value_str(value_get(m, "state")) ?: "-");
		if (here)
			fprintf(out, "%9lld ", N(m, "size"));
		else
			fprintf(out, "%9s ", "-");
		if (value_type(value_get(m, "types")) == VALUE_INT)
			fprintf(out, "%7lld", N(m, "types"));
		else
			fprintf(out, "%7s", "-");
		fprintf(out, "  %s%s%s\n", img, value_type(elf) == VALUE_OBJECT ? " " : "",
			value_type(elf) == VALUE_OBJECT ? S(elf, "path") : "");
	}
}

int render_text_btf(const struct value *report, FILE *out)
{
	const struct value *sysfs = value_get(report, "sysfs");
	const struct value *findings = value_get(report, "findings");
	const struct value *counts = value_path(report, "summary.findings");

	fprintf(out, "sysfs: %s (%s)\n", S(sysfs, "root"),
		value_bool(value_get(sysfs, "live")) ? "live" : "recorded");
	if (value_bool(value_get(sysfs, "btf_exposed"))) {
		text_vmlinux(value_get(report, "vmlinux"), out);
		text_modules(report, out);
	}
	if (value_len(findings))
		fputc('\n', out);
	for (size_t i = 0; i < value_len(findings); i++) {
		const struct value *f = value_at(findings, i);

		fprintf(out, "%s: %s: %s [%s]\n", S(f, "path"), S(f, "severity"), S(f, "message"),
			S(f, "id"));
	}
	fprintf(out, "\nfindings: %lld error%s, %lld warning%s, %lld info\n", N(counts, "error"),
		PLURAL(N(counts, "error")), N(counts, "warning"), PLURAL(N(counts, "warning")),
		N(counts, "info"));
	fprintf(out, "result: %s\n", S(report, "result"));
	return 0;
}
