// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text format: what a person reads in a terminal. Reads only the result model,
 * one function per kind of report.
 */
#include <errno.h>
#include <string.h>

#include "render.h"

#define S(v, key) (value_str(value_get((v), (key))) ?: "")
#define N(v, key) value_int(value_get((v), (key)))

static void text_abi(const struct value *report, FILE *out)
{
	const struct value *abi = value_get(report, "abi");
	const char *kv = value_str(value_get(abi, "kernel_version"));

	fprintf(out, "ABI tree: %s (%s%s, from %s)\n", S(abi, "dir"), kv ? "Linux " : "",
		kv ? kv : "kernel version unknown", S(abi, "origin"));
}

static void text_diag(const struct value *d, FILE *out)
{
	/* related places are in the message; JSON also carries them apart */
	fprintf(out, "%s:%lld: %s: %s [%s]\n", S(d, "file"), N(d, "line"), S(d, "severity"),
		S(d, "message"), S(d, "kind"));
}

static int text_validate(const struct value *report, FILE *out)
{
	const struct value *diags = value_get(report, "diagnostics");
	const struct value *sum = value_get(report, "summary");
	const struct value *levels = value_get(sum, "levels");
	const struct value *kinds = value_get(sum, "what_kinds");
	const struct value *by_sev = value_get(sum, "diagnostics");
	const struct value *by_kind = value_get(sum, "diagnostics_by_kind");

	for (size_t i = 0; i < value_len(diags); i++)
		text_diag(value_at(diags, i), out);
	if (value_len(diags))
		fputc('\n', out);
	text_abi(report, out);
	fprintf(out, "\n%-10s %6s %8s %6s\n", "level", "files", "entries", "whats");
	for (size_t i = 0; i < value_len(levels); i++) {
		const struct value *l = value_at(levels, i);

		fprintf(out, "%-10s %6lld %8lld %6lld\n", value_key_at(levels, i), N(l, "files"),
			N(l, "entries"), N(l, "whats"));
	}
	fprintf(out, "%-10s %6lld %8lld %6lld\n", "total", N(sum, "files"), N(sum, "entries"),
		N(sum, "whats"));
	fputs("\nWhat lines by kind:", out);
	for (size_t i = 0; i < value_len(kinds); i++)
		fprintf(out, "%s %s %lld", i ? "," : "", value_key_at(kinds, i),
			value_int(value_at(kinds, i)));
	fprintf(out, "\n\ndiagnostics: %lld error%s, %lld warning%s, %lld lint%s\n",
		N(by_sev, "error"), N(by_sev, "error") == 1 ? "" : "s", N(by_sev, "warning"),
		N(by_sev, "warning") == 1 ? "" : "s", N(by_sev, "lint"),
		value_bool(value_get(report, "lint_shown")) || !N(by_sev, "lint") ?
			"" : " (--lint shows them)");
	for (size_t i = 0; i < value_len(by_kind); i++) {
		const struct value *k = value_at(by_kind, i);

		fprintf(out, "  %-24s %-8s %6lld\n", S(k, "kind"), S(k, "severity"),
			N(k, "count"));
	}
	fprintf(out, "\nresult: %s\n", S(report, "result"));
	return 0;
}

static void text_field(const struct value *e, const char *key, const char *label, FILE *out)
{
	const char *s = value_str(value_get(e, key));

	if (!s)
		return;
	fprintf(out, "%-15s", label);
	/* multi-line fields: indent the continuation under the first line */
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, "\n");

		fprintf(out, "%s%.*s\n", p == s ? "" : "               ", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

static int text_search(const struct value *report, FILE *out)
{
	const struct value *entries = value_get(report, "entries");

	text_abi(report, out);
	for (size_t i = 0; i < value_len(entries); i++) {
		const struct value *e = value_at(entries, i);
		const struct value *whats = value_get(e, "whats");
		const char *desc = S(e, "description");

		fputc('\n', out);
		for (size_t w = 0; w < value_len(whats); w++)
			fprintf(out, "%s\n", value_str(value_at(whats, w)));
		fprintf(out, "%-15s%s\n", "Level:", S(e, "level"));
		fprintf(out, "%-15s%s:%lld\n", "Defined in:", S(e, "file"), N(e, "line"));
		text_field(e, "date", "Date:", out);
		text_field(e, "kernel_version", "KernelVersion:", out);
		text_field(e, "contact", "Contact:", out);
		text_field(e, "users", "Users:", out);
		fputs("Description:\n", out);
		for (const char *p = desc; *p;) {
			size_t len = strcspn(p, "\n");

			fprintf(out, "%s%.*s\n", len ? "    " : "", (int)len, p);
			p += len + (p[len] == '\n');
		}
	}
	fprintf(out, "\n%lld %s\n", N(report, "count"),
		N(report, "count") == 1 ? "entry" : "entries");
	return 0;
}

static int text_match(const struct value *report, FILE *out)
{
	const struct value *paths = value_get(report, "paths");

	text_abi(report, out);
	for (size_t i = 0; i < value_len(paths); i++) {
		const struct value *p = value_at(paths, i);
		const struct value *m = value_get(p, "matches");

		if (!value_len(m)) {
			fprintf(out, "\n%s: not documented\n", S(p, "path"));
			continue;
		}
		fprintf(out, "\n%s: documented by %zu What line%s\n", S(p, "path"), value_len(m),
			value_len(m) == 1 ? "" : "s");
		for (size_t k = 0; k < value_len(m); k++) {
			const struct value *w = value_at(m, k);

			fprintf(out, "  %-8s %s:%lld\n", S(w, "level"), S(w, "file"), N(w, "line"));
			fprintf(out, "           What:    %s\n", S(w, "what"));
			fprintf(out, "           pattern: %s\n", S(w, "pattern"));
		}
	}
	return 0;
}

int render_text(const struct value *report, FILE *out)
{
	static const struct {
		const char *command;
		int (*render)(const struct value *report, FILE *out);
	} renderers[] = {
		{ "validate", text_validate },
		{ "search", text_search },
		{ "match", text_match },
	};
	const char *command = value_str(value_get(report, "command"));

	for (size_t i = 0; command && i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(command, renderers[i].command) == 0)
			return renderers[i].render(report, out);
	return -EINVAL;
}
