// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi validate: the documentation's defects, and what the tree holds; with FILE...,
 * as checkpatch does, the defects of those files only, judged in the tree they sit in
 * (a duplicate of an entry of another file is theirs too).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	/* FILE...: their paths below the tree ("testing/sysfs-foo"); NULL: every file */
	char **only;
	size_t n_only;
	size_t counts[ABI_DIAG_KIND_COUNT]; /* of the diagnostics kept */
};

static bool given(const struct validate *vs, const char *file)
{
	for (size_t i = 0; file && i < vs->n_only; i++)
		if (strcmp(vs->only[i], file) == 0)
			return true;
	return false;
}

/* Whether @d is about a file given, or names one among its places (a duplicate). */
static bool wanted(const struct validate *vs, const struct abi_diag *d)
{
	if (!vs->only || given(vs, d->loc.file))
		return true;
	for (size_t i = 0; i < d->n_related; i++)
		if (given(vs, d->related[i].file))
			return true;
	return false;
}

static void collect(void *data, const struct abi_diag *d)
{
	struct validate *vs = data;

	if (!wanted(vs, d))
		return;
	vs->counts[d->kind]++;
	if (d->severity == ABI_SEVERITY_LINT && !vs->lint)
		return; /* counted all the same */
	value_append(vs->diags, diag_value(vs->src->dir, d));
}

/*
 * The Documentation/ABI directory above @file (its real path, no link followed on the
 * way up but those the path itself holds), into *@tree (malloc'd), and @file's path
 * below it into *@rel. Returns 0, or -ENOENT when @file is in no such tree.
 */
static int tree_of(const char *file, char **tree, char **rel)
{
	char real[PATH_MAX], *p;

	*tree = *rel = NULL;
	if (!realpath(file, real))
		return -errno;
	for (p = strrchr(real, '/'); p && p > real;
	     p = memrchr(real, '/', (size_t)(p - real))) {
		size_t len = (size_t)(p - real);

		if (len >= 18 && strncmp(p - 18, "/Documentation/ABI", 18) == 0) {
			*tree = strndup(real, len);
			*rel = strdup(p + 1);
			if (!*tree || !*rel) {
				free(*tree);
				free(*rel);
				return -ENOMEM;
			}
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * FILE...: each a regular file of one Documentation/ABI tree, that of --abi when it is
 * given. Sets vs->only, and cli->abi_dir to the tree when --abi is not given (*@tree
 * keeps it). Returns CLI_RUN or an exit status, having said why.
 */
static int files_given(struct cli *cli, struct validate *vs, int argc, char **argv,
		       char **tree)
{
	char abi_real[PATH_MAX];
	struct stat st;

	*tree = NULL;
	if (cli->abi_dir && !realpath(cli->abi_dir, abi_real))
		return cli_error("%s: %s", cli->abi_dir, strerror(errno));
	vs->only = calloc((size_t)argc, sizeof(*vs->only));
	if (!vs->only)
		return cli_error("%s", strerror(ENOMEM));
	for (int i = 0; i < argc; i++) {
		char *t = NULL, *rel = NULL;
		int r;

		if (stat(argv[i], &st) < 0)
			return cli_error("%s: %s", argv[i], strerror(errno));
		if (!S_ISREG(st.st_mode))
			return cli_usage_error(&cmd_validate, "%s: not a regular file",
					       argv[i]);
		r = tree_of(argv[i], &t, &rel);
		if (r == -ENOENT && !cli->abi_dir)
			return cli_usage_error(
				&cmd_validate,
				"%s: in no Documentation/ABI tree; name it with --abi",
				argv[i]);
		if (r < 0 && r != -ENOENT)
			return cli_error("%s: %s", argv[i], strerror(-r));
		if (cli->abi_dir) {
			/* --abi says which tree: the file must be in it */
			char real[PATH_MAX];
			size_t len = strlen(abi_real);

			free(t);
			free(rel);
			if (!realpath(argv[i], real) || strncmp(real, abi_real, len) ||
			    real[len] != '/')
				return cli_usage_error(&cmd_validate, "%s: not in %s",
						       argv[i], cli->abi_dir);
			rel = strdup(real + len + 1);
		} else if (*tree && strcmp(*tree, t)) {
			r = cli_usage_error(
				&cmd_validate,
				"%s is in %s, the files before it in %s: one tree "
				"at a time",
				argv[i], t, *tree);
			free(t);
			free(rel);
			return r;
		} else if (*tree) {
			free(t);
		} else {
			*tree = t;
		}
		if (!rel)
			return cli_error("%s", strerror(ENOMEM));
		vs->only[vs->n_only++] = rel;
	}
	if (!cli->abi_dir) {
		cli->abi_dir = *tree;
		cli->abi_origin = "the files given";
	}
	return CLI_RUN;
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
static void summarize_diags(struct value *summary,
			    const size_t counts[ABI_DIAG_KIND_COUNT],
			    size_t sev[ABI_SEVERITY_COUNT])
{
	struct value *by_sev = value_set(summary, "diagnostics", value_object_new());
	struct value *by_kind =
		value_set(summary, "diagnostics_by_kind", value_array_new());

	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		size_t n = counts[k];
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
	struct value *report, *summary, *files;
	bool werror = false, fail;
	char *tree = NULL;
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
	if (optind < argc) {
		r = files_given(cli, &vs, argc - optind, argv + optind, &tree);
		if (r != CLI_RUN)
			goto out;
	}

	vs.src = &src;
	vs.diags = value_array_new();
	r = doc_source_load(cli, collect, &vs, &src);
	if (r) {
		value_free(vs.diags);
		goto out;
	}
	value_sort(vs.diags, diag_value_cmp);
	report = doc_source_report(&src, "validate");
	value_set(report, "diagnostics", vs.diags);
	summary = value_set(report, "summary", value_object_new());
	summarize_levels(summary, src.tree);
	summarize_diags(summary, vs.counts, sev);
	/* FILE...: which; null when the whole tree was judged */
	if (vs.only) {
		files = value_set(report, "files_given", value_array_new());
		for (size_t i = 0; i < vs.n_only; i++)
			value_append(files, value_string_new(vs.only[i]));
	} else {
		value_set(report, "files_given", value_null_new());
	}
	fail = sev[ABI_SEVERITY_ERROR] || (werror && sev[ABI_SEVERITY_WARNING]);
	value_set_bool(report, "lint_shown", vs.lint);
	value_set_bool(report, "werror", werror);
	value_set_str(report, "result", fail ? "fail" : "pass");

	r = cli_emit(cli, report);
	value_free(report);
	doc_source_release(&src);
	r = r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	for (size_t i = 0; i < vs.n_only; i++)
		free(vs.only[i]);
	free(vs.only);
	if (tree && cli->abi_dir == tree) {
		cli->abi_dir = NULL;
		cli->abi_origin = NULL;
	}
	free(tree);
	return r;
}

const struct command cmd_validate = {
	.name = "validate",
	.run = run,
	.report = &validate_report_kind,
	.summary = "check the ABI documentation for defects and count what it holds",
	.takes_args = true,
	.usage =
		"Usage: sysabi validate [OPTION]... [FILE]...\n"
		"Read the ABI tree, report its defects as FILE:LINE: SEVERITY: MESSAGE [KIND],\n"
		"then count files, entries and What lines by stability level. With FILE...,\n"
		"as checkpatch does, only the defects of those files, judged in the\n"
		"Documentation/ABI tree they are in (or --abi's): a duplicate of an entry of\n"
		"another file counts, with both places named.\n"
		"\n"
		"Options:\n"
		"      --werror         fail on warnings too, not only on errors\n"
		"      --lint           show lint diagnostics (always counted)\n" CLI_COMMON_HELP
		"\n"
		"Exit status: 0 when there are no errors (and no warnings with --werror),\n"
		"1 otherwise, 2 when the tree cannot be read.\n",
};
