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

static void text_audit_summary(const struct value *report, FILE *out)
{
	const struct value *sys = value_get(report, "sysfs");
	const struct value *ign = value_get(report, "ignored");
	const struct value *levels = value_get(report, "entries");
	const struct value *files = value_get(report, "files");
	const struct value *by_level = value_get(report, "documented_by_level");
	const char *rel = value_str(value_get(sys, "kernel_release"));

	fprintf(out, "sysfs: %s (%s%s%s): %lld nodes: %lld files, %lld directories, %lld links\n",
		S(sys, "root"), value_bool(value_get(sys, "live")) ? "live" : "recorded",
		rel ? ", Linux " : "", rel ? rel : "", N(sys, "nodes"), N(sys, "files"),
		N(sys, "directories"), N(sys, "links"));
	fprintf(out, "  %lld unreadable, %lld vanished, %lld links leaving the tree, "
		"%lld dangling links\n", N(sys, "unreadable"), N(sys, "vanished"),
		N(sys, "links_escaping"), N(sys, "links_dangling"));
	fputs("ignored:", out);
	for (size_t i = 0; i < value_len(ign); i++) {
		const struct value *r = value_at(ign, i);

		fprintf(out, "%s %s (%s) %lld", i ? "," : "", S(r, "glob"), S(r, "why"),
			N(r, "count"));
	}
	fprintf(out, "%s\n\n%-10s %7s %8s %8s %7s %10s\n", value_len(ign) ? "" : " nothing",
		"entries", "total", "matched", "missing", "absent", "not-sysfs");
	for (size_t i = 0; i < value_len(levels); i++) {
		const struct value *l = value_at(levels, i);

		fprintf(out, "%-10s %7lld %8lld %8lld %7lld %10lld\n", value_key_at(levels, i),
			N(l, "entries"), N(l, "matched"), N(l, "missing"), N(l, "absent"),
			N(l, "not-sysfs"));
	}
	fprintf(out, "\nfiles %lld: documented %lld (stable %lld, testing %lld), by-directory "
		"%lld,\n  obsolete %lld, removed %lld, undocumented %lld\n", N(files, "total"),
		N(files, "documented"), N(by_level, "stable"), N(by_level, "testing"),
		N(files, "by-directory"), N(files, "obsolete"), N(files, "removed"),
		N(files, "undocumented"));
	for (const char *const *k = (const char *const[]){ "directories", "links", NULL }; *k;
	     k++) {
		const struct value *c = value_get(report, *k);

		fprintf(out, "%s %lld: documented %lld, obsolete %lld, removed %lld, "
			"undocumented %lld\n", *k, N(c, "total"), N(c, "documented"),
			N(c, "obsolete"), N(c, "removed"), N(c, "undocumented"));
	}
}

/* " [driver virtio-pci, module virtio_pci: description]" for each owner, then newline. */
static void text_owners(const struct value *owners, FILE *out)
{
	for (size_t i = 0; i < value_len(owners); i++) {
		const struct value *o = value_at(owners, i);
		const char *d = value_str(value_get(o, "driver"));
		const char *m = value_str(value_get(o, "module"));
		const char *desc = value_str(value_get(o, "description"));

		fprintf(out, "%s%s%s%s%s%s%s", i ? "; " : "  [", d ? "driver " : "", d ? d : "",
			d && m ? ", " : "", m ? "module " : "", m ? m : "", desc ? ": " : "");
		if (desc)
			fputs(desc, out);
	}
	fputs(value_len(owners) ? "]\n" : "\n", out);
}

static void text_audit_btf(const struct value *report, FILE *out)
{
	const struct value *btf = value_get(report, "btf");
	const struct value *findings = value_get(btf, "findings");
	const struct value *sev = value_path(btf, "summary.findings");

	if (!btf)
		return;
	if (value_bool(value_path(btf, "sysfs.btf_exposed")))
		fprintf(out, "\nBTF: vmlinux %s, %lld module files, %lld live modules; ",
			value_bool(value_path(btf, "vmlinux.valid")) ? "valid" : "NOT valid",
			N(value_get(btf, "summary"), "module_btf_files"),
			N(value_get(btf, "summary"), "modules_live"));
	else
		fputs("\nBTF: not exposed; ", out);
	fprintf(out, "%lld errors, %lld warnings, %lld info (sysabi btf tells more)\n",
		N(sev, "error"), N(sev, "warning"), N(sev, "info"));
	for (size_t i = 0; i < value_len(findings); i++) {
		const struct value *f = value_at(findings, i);

		fprintf(out, "  %s: %s: %s [%s]\n", S(f, "path"), S(f, "severity"), S(f, "message"),
			S(f, "id"));
	}
}

static void text_audit_groups(const struct value *report, const char *cls, FILE *out)
{
	const struct value *groups = value_get(report, "groups");
	size_t files = 0, n = 0;

	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *g = value_at(groups, i);

		if (strcmp(S(g, "class"), cls) == 0)
			files += (size_t)N(g, "count"), n++;
	}
	if (!n)
		return;
	fprintf(out, "\n%s: %zu file%s in %zu group%s\n", cls, files, files == 1 ? "" : "s", n,
		n == 1 ? "" : "s");
	for (size_t i = 0; i < value_len(groups); i++) {
		const struct value *g = value_at(groups, i);
		const struct value *ex = value_get(g, "examples");
		const char *sugg = value_str(value_get(g, "suggestion"));

		if (strcmp(S(g, "class"), cls) != 0)
			continue;
		fprintf(out, "  %s (%lld)%s", S(g, "pattern"), N(g, "count"),
			value_bool(value_get(g, "baselined")) ? " [baseline]" : "");
		text_owners(value_get(g, "owners"), out);
		for (size_t k = 0; value_bool(value_get(report, "verbose")) && k < value_len(ex); k++)
			fprintf(out, "      e.g. %s\n", value_str(value_at(ex, k)));
		for (const char *p = sugg; p && *p;) {
			size_t len = strcspn(p, "\n");

			fprintf(out, "      | %.*s\n", (int)len, p);
			p += len + (p[len] == '\n');
		}
	}
}

static void text_audit_entries(const struct value *report, FILE *out)
{
	const struct value *missing = value_get(report, "missing_entries");
	const struct value *matched = value_get(report, "matched_entries");

	if (!value_get(report, "matched_entries")) {
		if (value_len(missing))
			fprintf(out, "\nmissing entries: %zu (--all lists them)\n", value_len(missing));
		return;
	}
	fprintf(out, "\nmissing entries (the directory exists, the attribute does not): %zu\n",
		value_len(missing));
	for (size_t i = 0; i < value_len(missing); i++) {
		const struct value *e = value_at(missing, i);

		fprintf(out, "  %-8s %s  %s:%lld\n", S(e, "level"),
			value_str(value_at(value_get(e, "whats"), 0)), S(e, "file"), N(e, "line"));
	}
	fprintf(out, "\nmatched entries: %zu\n", value_len(matched));
	for (size_t i = 0; i < value_len(matched); i++) {
		const struct value *m = value_at(matched, i), *e = value_get(m, "entry");

		fprintf(out, "  %-8s %s (%lld)  %s:%lld\n", S(e, "level"),
			value_str(value_at(value_get(e, "whats"), 0)), N(m, "nodes"), S(e, "file"),
			N(e, "line"));
	}
}

static void text_audit_explain(const struct value *report, FILE *out)
{
	const struct value *list = value_get(report, "explain");

	for (size_t i = 0; i < value_len(list); i++) {
		const struct value *x = value_at(list, i), *m = value_get(x, "match");
		const struct value *names = value_get(x, "names");

		fprintf(out, "\nexplain %s:\n", S(x, "path"));
		if (!value_bool(value_get(x, "exists"))) {
			fputs("  not in this sysfs\n", out);
			continue;
		}
		fprintf(out, "  real path: %s (%s%s%s)\n", S(x, "real_path"), S(x, "type"),
			value_get(x, "class") ? ", " : "", S(x, "class"));
		if (value_type(m) == VALUE_OBJECT)
			fprintf(out, "  matched as %s\n    by %s  %s:%lld (%s)\n", S(x, "matched_as"),
				S(m, "what"), S(m, "file"), N(m, "line"), S(m, "level"));
		else
			fputs("  no What matches any of its names\n", out);
		if (value_get(x, "named_by_directory")) {
			m = value_get(x, "directory_match");
			fprintf(out, "  named in the Description of the entry for %s\n    %s  %s:%lld\n",
				S(x, "named_by_directory"), S(m, "what"), S(m, "file"), N(m, "line"));
		}
		fprintf(out, "  names (%zu%s):\n", value_len(names),
			value_bool(value_get(x, "names_truncated")) ? ", cut" : "");
		for (size_t k = 0; k < value_len(names); k++) {
			const struct value *nm = value_at(names, k), *ms = value_get(nm, "matches");

			fprintf(out, "    %s%s\n", S(nm, "name"), value_len(ms) ? "" : ": no match");
			for (size_t j = 0; j < value_len(ms); j++)
				fprintf(out, "      matches %s  %s:%lld\n", S(value_at(ms, j), "what"),
					S(value_at(ms, j), "file"), N(value_at(ms, j), "line"));
		}
	}
}

static int text_audit(const struct value *report, FILE *out)
{
	const struct value *failing = value_get(report, "failing");
	const struct value *problems = value_path(report, "sysfs.problems");

	text_abi(report, out);
	text_audit_summary(report, out);
	for (const char *const *c = (const char *const[]){ "removed", "obsolete", "undocumented",
							    "by-directory", NULL };
	     *c; c++)
		text_audit_groups(report, *c, out);
	text_audit_entries(report, out);
	text_audit_btf(report, out);
	for (size_t i = 0; i < value_len(problems); i++) {
		const struct value *p = value_at(problems, i);

		fprintf(out, "%s%s: %s%s%s\n", i ? "" : "\nproblems:\n", S(p, "path"),
			S(p, "problem"), value_str(value_get(p, "target")) ? " -> " : "",
			S(p, "target"));
	}
	text_audit_explain(report, out);
	fprintf(out, "\nresult: %s", S(report, "result"));
	for (size_t i = 0; i < value_len(failing); i++)
		fprintf(out, "%s%s", i ? ", " : " (", value_str(value_at(failing, i)));
	fputs(value_len(failing) ? ")\n" : "\n", out);
	return 0;
}

static void text_diff_side(const char *label, const struct value *side, FILE *out)
{
	const char *kv = value_str(value_get(side, "kernel_version"));
	const char *rev = value_str(value_get(side, "rev"));

	if (rev)
		fprintf(out, "%s: %s of %s (commit %.12s, ", label, rev, S(side, "dir"),
			S(side, "commit"));
	else
		fprintf(out, "%s: %s (from %s, ", label, S(side, "dir"), S(side, "origin"));
	fprintf(out, "%s%s)\n", kv ? "Linux " : "", kv ? kv : "kernel version unknown");
}

/* "3 added, 1 removed" from an object of counts */
static void text_counts(const struct value *counts, FILE *out)
{
	for (size_t i = 0; i < value_len(counts); i++)
		fprintf(out, "%s%lld %s", i ? ", " : "", value_int(value_at(counts, i)),
			value_key_at(counts, i));
	fputc('\n', out);
}

static int text_diff(const struct value *report, FILE *out)
{
	const struct value *changes = value_get(report, "changes");
	const struct value *violations = value_get(report, "violations");
	const struct value *diags = value_get(report, "new_diagnostics");
	const struct value *sum = value_get(report, "summary");
	const struct value *sev = value_get(sum, "new_diagnostics");
	const struct value *failing = value_get(report, "failing");

	/* one line a change, a broken rule or a new diagnostic, file:line first */
	text_diff_side("old", value_get(report, "old"), out);
	text_diff_side("new", value_get(report, "new"), out);
	if (value_len(changes))
		fputc('\n', out);
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *c = value_at(changes, i);
		const struct value *at = value_get(c, "new");

		if (value_type(at) != VALUE_OBJECT) /* removed: where it was */
			at = value_get(c, "old");
		fprintf(out, "%s:%lld: %s: %s\n", S(at, "file"), N(at, "line"), S(c, "kind"),
			S(c, "message"));
	}
	if (value_len(violations))
		fputc('\n', out);
	for (size_t i = 0; i < value_len(violations); i++) {
		const struct value *v = value_at(violations, i);

		fprintf(out, "%s:%lld: %s: %s\n", S(v, "file"), N(v, "line"), S(v, "rule"),
			S(v, "message"));
	}
	if (value_len(diags))
		fputc('\n', out);
	for (size_t i = 0; i < value_len(diags); i++)
		text_diag(value_at(diags, i), out);
	fputs("\nchanges: ", out);
	text_counts(value_get(sum, "changes"), out);
	fputs("violations: ", out);
	text_counts(value_get(sum, "violations"), out);
	fprintf(out, "new diagnostics: %lld error%s, %lld warning%s, %lld lint%s\n",
		N(sev, "error"), N(sev, "error") == 1 ? "" : "s", N(sev, "warning"),
		N(sev, "warning") == 1 ? "" : "s", N(sev, "lint"),
		value_bool(value_get(report, "lint_shown")) || !N(sev, "lint") ?
			"" : " (--lint shows them)");
	fprintf(out, "\nresult: %s", S(report, "result"));
	for (size_t i = 0; i < value_len(failing); i++)
		fprintf(out, "%s%s", i ? ", " : " (", value_str(value_at(failing, i)));
	fputs(value_len(failing) ? ")\n" : "\n", out);
	return 0;
}

int render_text(const struct value *report, FILE *out)
{
	static const struct {
		const char *command;
		int (*render)(const struct value *report, FILE *out);
	} renderers[] = {
		{ "audit", text_audit },
		{ "validate", text_validate },
		{ "search", text_search },
		{ "match", text_match },
		{ "btf", render_text_btf },
		{ "diff", text_diff },
	};
	const char *command = value_str(value_get(report, "command"));

	for (size_t i = 0; command && i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(command, renderers[i].command) == 0)
			return renderers[i].render(report, out);
	return -EINVAL;
}
