// SPDX-License-Identifier: GPL-2.0-or-later
/* sysabi validate: the documentation's defects, and what the tree holds. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "docs.h"
#include "cli/entry-value.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_validate;

enum { OPT_WERROR = OPT_COMMAND_BASE, OPT_LINT };

struct validate {
	const struct doc_source *src;
	struct value *diags;
	bool lint;
};

static void collect(void *data, const struct abi_diag *d)
{
	struct validate *vs = data;

	if (d->severity == ABI_SEVERITY_LINT && !vs->lint)
		return; /* counted by the context all the same */
	value_append(vs->diags, diag_value(vs->src->dir, d));
}

static void summarize_levels(struct value *summary, const struct abi_tree *tree)
{
	size_t files[ABI_LEVEL_COUNT + 1] = { 0 }, entries[ABI_LEVEL_COUNT + 1] = { 0 };
	size_t whats[ABI_LEVEL_COUNT + 1] = { 0 }, kinds[ABI_WHAT_KIND_COUNT] = { 0 };
	struct value *levels, *v;

	for (size_t i = 0; i < tree->n_files; i++)
		files[tree->files[i]->level]++;
	for (size_t i = 0; i < tree->n_entries; i++) {
		const struct abi_entry *e = tree->entries[i];

		entries[e->level]++;
		whats[e->level] += e->n_whats;
		for (size_t w = 0; w < e->n_whats; w++)
			kinds[e->whats[w].kind]++;
	}
	value_set_int(summary, "files", (long long)tree->n_files);
	value_set_int(summary, "entries", (long long)tree->n_entries);
	value_set_int(summary, "whats", (long long)tree->n_whats);
	levels = value_set(summary, "levels", value_object_new());
	for (int l = 0; l <= ABI_LEVEL_COUNT; l++) {
		if (l == ABI_LEVEL_NONE && !files[l])
			continue;
		v = value_set(levels, abi_level_name(l), value_object_new());
		value_set_int(v, "files", (long long)files[l]);
		value_set_int(v, "entries", (long long)entries[l]);
		value_set_int(v, "whats", (long long)whats[l]);
	}
	v = value_set(summary, "what_kinds", value_object_new());
	for (int k = 0; k < ABI_WHAT_KIND_COUNT; k++)
		value_set_int(v, abi_what_kind_name(k), (long long)kinds[k]);
}

/* Counts by severity and by kind; returns the counts by severity in @sev. */
static void summarize_diags(struct value *summary, const struct abi_ctx *ctx,
			    size_t sev[ABI_SEVERITY_COUNT])
{
	struct value *by_sev = value_set(summary, "diagnostics", value_object_new());
	struct value *by_kind =
		value_set(summary, "diagnostics_by_kind", value_array_new());

	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		size_t n = abi_ctx_diag_count(ctx, k);
		struct value *v;

		sev[abi_diag_kind_severity(k)] += n;
		if (!n)
			continue;
		v = value_append(by_kind, value_object_new());
		value_set_str(v, "kind", abi_diag_kind_name(k));
		value_set_str(v, "severity",
			      abi_severity_name(abi_diag_kind_severity(k)));
		value_set_int(v, "count", (long long)n);
	}
	for (int s = 0; s < ABI_SEVERITY_COUNT; s++)
		value_set_int(by_sev, abi_severity_name(s), (long long)sev[s]);
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "werror", no_argument, NULL, OPT_WERROR },
		{ "lint", no_argument, NULL, OPT_LINT },
		{},
	};
	struct validate vs = { 0 };
	struct doc_source src;
	size_t sev[ABI_SEVERITY_COUNT] = { 0 };
	struct value *report, *summary;
	bool werror = false, fail;
	int opt, r;

	while ((opt = cli_getopt(cli, &cmd_validate, argc, argv, options, &r)) != -1) {
		switch (opt) {
		case OPT_WERROR:
			werror = true;
			break;
		case OPT_LINT:
			vs.lint = true;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;

	vs.src = &src;
	vs.diags = value_array_new();
	r = doc_source_load(cli, collect, &vs, &src);
	if (r) {
		value_free(vs.diags);
		return r;
	}
	value_sort(vs.diags, diag_value_cmp);
	report = doc_source_report(&src, "validate");
	value_set(report, "diagnostics", vs.diags);
	summary = value_set(report, "summary", value_object_new());
	summarize_levels(summary, src.tree);
	summarize_diags(summary, src.ctx, sev);
	fail = sev[ABI_SEVERITY_ERROR] || (werror && sev[ABI_SEVERITY_WARNING]);
	value_set_bool(report, "lint_shown", vs.lint);
	value_set_bool(report, "werror", werror);
	value_set_str(report, "result", fail ? "fail" : "pass");

	r = cli_emit(cli, report);
	value_free(report);
	doc_source_release(&src);
	return r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
}

const struct command cmd_validate = {
	.name = "validate",
	.run = run,
	.report = &validate_report_kind,
	.summary = "check the ABI documentation for defects and count what it holds",
	.usage =
		"Usage: sysabi validate [OPTION]...\n"
		"Read the ABI tree, report its defects as FILE:LINE: SEVERITY: MESSAGE [KIND],\n"
		"then count files, entries and What lines by stability level.\n"
		"\n"
		"Options:\n"
		"      --werror         fail on warnings too, not only on errors\n"
		"      --lint           show lint diagnostics (always counted)\n" CLI_COMMON_HELP
		"\n"
		"Exit status: 0 when there are no errors (and no warnings with --werror),\n"
		"1 otherwise, 2 when the tree cannot be read.\n",
};
