// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi compare OLD NEW: two sysfs (directories, archives, the live /sys), typically
 * one machine before and after a kernel upgrade, judged by one documentation tree.
 * Both are read in a thread beside the reading of the documentation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "cli/cli.h"
#include "cli/sysfs-source.h"
#include "common/file-read.h"
#include "common/macro.h"
#include "compare-report.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

extern const struct command cmd_compare;

enum {
	OPT_FAIL_ON = OPT_COMMAND_BASE,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_IGNORE,
	OPT_NO_DEFAULT_IGNORES,
	OPT_OLD_LABEL,
	OPT_NEW_LABEL,
	OPT_ANY_ROOT,
};

struct compare_cmd {
	struct compare_options opt;
	GArray *ignores[2]; /* struct sysfs_ignore, one copy a side: the walk counts */
	const char *paths[2];
	const char *write_baseline;
	bool default_ignores, any_root;
};

static const char compare_baseline_header[] =
	"# sysabi baseline: groups listed here do not fail `sysabi compare --baseline`.\n"
	"# One group a line: KIND PATTERN. Remove a line once its cause is fixed.\n";

static int parse_fail_on(struct compare_options *opt, const char *arg)
{
	char **names = g_strsplit(arg, ",", -1);
	int r = 0;

	memset(opt->fail_on, 0, sizeof(opt->fail_on));
	for (char **n = names; *n && r == 0; n++) {
		enum compare_kind k;

		if (strcmp(*n, "none") == 0)
			continue;
		if (strcmp(*n, "all") == 0) {
			memset(opt->fail_on, 1, sizeof(opt->fail_on));
			continue;
		}
		if (compare_kind_parse(*n, &k) == 0) {
			opt->fail_on[k] = true;
			continue;
		}
		r = cli_usage_error(
			&cmd_compare,
			"--fail-on: '%s' is not a kind of change (vanished-stable, "
			"appeared-undocumented, ...: see 'sysabi compare --help'; "
			"all, none)",
			*n);
	}
	g_strfreev(names);
	return r;
}

static int parse_options(struct cli *cli, struct compare_cmd *c, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "no-default-ignores", no_argument, NULL, OPT_NO_DEFAULT_IGNORES },
		{ "old-label", required_argument, NULL, OPT_OLD_LABEL },
		{ "new-label", required_argument, NULL, OPT_NEW_LABEL },
		{ "any-root", no_argument, NULL, OPT_ANY_ROOT },
		{ "verbose", no_argument, NULL, 'v' },
		{},
	};
	int o, r;

	while ((o = cli_getopt(cli, &cmd_compare, argc, argv, options, &r)) != -1) {
		switch (o) {
		case OPT_FAIL_ON:
			if (parse_fail_on(&c->opt, optarg))
				return EXIT_TROUBLE;
			break;
		case OPT_BASELINE:
			c->opt.baseline_path = optarg;
			break;
		case OPT_WRITE_BASELINE:
			c->write_baseline = optarg;
			break;
		case OPT_IGNORE:
			if (sysfs_source_ignore(&cmd_compare, optarg, c->ignores[0]) ||
			    sysfs_source_ignore(&cmd_compare, optarg, c->ignores[1]))
				return EXIT_TROUBLE;
			break;
		case OPT_NO_DEFAULT_IGNORES:
			c->default_ignores = false;
			break;
		case OPT_OLD_LABEL:
			c->opt.old_label = optarg;
			break;
		case OPT_NEW_LABEL:
			c->opt.new_label = optarg;
			break;
		case OPT_ANY_ROOT:
			c->any_root = true;
			break;
		case 'v':
			c->opt.verbose = true;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;
	if (argc - optind != 2)
		return cli_usage_error(
			&cmd_compare, "compare takes two sysfs, OLD and NEW; %s",
			argc - optind < 2 ? "missing one" : "more were given");
	c->paths[0] = argv[optind];
	c->paths[1] = argv[optind + 1];
	return CLI_RUN;
}

/* Both sysfs read into memory, one after the other, beside the documentation. */
struct trees_read {
	struct compare_cmd *c;
	struct sysfs_root *roots[2];
	struct sysfs_tree *trees[2];
	int r[2];
};

static gpointer read_trees(gpointer data)
{
	struct trees_read *t = data;

	for (int s = 0; s < 2; s++)
		t->r[s] = sysfs_tree_load(
			t->roots[s],
			(struct sysfs_ignore *)(void *)t->c->ignores[s]->data,
			t->c->ignores[s]->len, NULL, NULL, &t->trees[s]);
	return NULL;
}

static int write_baseline(const char *path, const struct compare *cmp)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	int r;

	for (size_t i = 0; i < cmp->n_groups; i++)
		g_ptr_array_add(lines,
				baseline_line(compare_kinds[cmp->groups[i].kind].name,
					      cmp->groups[i].pattern));
	r = baseline_write(path, compare_baseline_header, lines);
	g_ptr_array_free(lines, TRUE);
	return r;
}

static bool compare_kind(const char *name)
{
	enum compare_kind k;

	return compare_kind_parse(name, &k) == 0;
}

static int compare_and_report(struct cli *cli, struct compare_cmd *c,
			      struct doc_source *src, struct abi_index *index,
			      struct trees_read *t)
{
	struct compare *cmp;
	struct value *report;
	bool fail;
	int r;

	for (int s = 0; s < 2; s++)
		if (t->r[s] < 0)
			return cli_error("cannot read sysfs root '%s': %s", c->paths[s],
					 strerror(-t->r[s]));
	r = compare_run(src->tree, index, t->trees[0], t->trees[1], &cmp);
	if (r < 0)
		return cli_error("cannot compare: %s", strerror(-r));
	c->opt.old_root = t->roots[0];
	c->opt.new_root = t->roots[1];
	report = compare_report(cmp, src, &c->opt, &fail);
	r = cli_emit(cli, report);
	value_free(report);
	if (r == 0 && c->write_baseline)
		r = write_baseline(c->write_baseline, cmp) ?: EXIT_CLEAN;
	else if (r == 0)
		r = fail ? EXIT_FINDINGS : EXIT_CLEAN;
	compare_free(cmp);
	return r;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct compare_cmd c = { .default_ignores = true };
	struct trees_read t = { .c = &c };
	struct baseline *baseline = NULL;
	struct abi_index *index = NULL;
	struct doc_source src;
	GThread *reader;
	int r;

	for (int k = 0; k < COMPARE_KIND_COUNT; k++)
		c.opt.fail_on[k] = compare_kinds[k].fails;
	for (int s = 0; s < 2; s++)
		c.ignores[s] = g_array_new(FALSE, FALSE, sizeof(struct sysfs_ignore));
	r = parse_options(cli, &c, argc, argv);
	if (r != CLI_RUN)
		goto out;
	for (int s = 0; s < 2; s++) {
		if (c.default_ignores)
			g_array_prepend_vals(c.ignores[s], sysfs_default_ignores,
					     SYSFS_N_DEFAULT_IGNORES);
		r = sysfs_source_open(c.paths[s], c.any_root, &t.roots[s]);
		if (r)
			goto out;
	}
	if (c.opt.baseline_path) {
		r = baseline_load(c.opt.baseline_path, compare_kind, &baseline);
		if (r)
			goto out;
		c.opt.baseline = baseline;
	}
	reader = g_thread_new("sysfs", read_trees, &t);
	r = doc_source_load(cli, NULL, NULL, &src);
	if (r == 0 && (r = abi_index_new(src.tree, &index)) < 0) {
		doc_source_release(&src);
		r = cli_error("cannot index the ABI tree: %s", strerror(-r));
	}
	g_thread_join(reader);
	if (r == 0) {
		r = compare_and_report(cli, &c, &src, index, &t);
		abi_index_free(index);
		doc_source_release(&src);
	}
out:
	for (int s = 0; s < 2; s++) {
		sysfs_tree_free(t.trees[s]);
		sysfs_root_free(t.roots[s]);
		g_array_free(c.ignores[s], TRUE);
	}
	baseline_free(baseline);
	return r;
}

const struct command cmd_compare = {
	.name = "compare",
	.run = run,
	.report = &compare_report_kind,
	.takes_args = true,
	.summary = "compare two sysfs: what an upgrade or another machine changes",
	.usage =
		"Usage: sysabi compare [OPTION]... OLD NEW\n"
		"Compare two sysfs, each a directory, an archive ('sysabi snapshot') or the\n"
		"live /sys: one machine before and after a kernel upgrade, or two machines.\n"
		"Files that vanished or appeared, and nodes whose type or link target changed,\n"
		"are grouped by pattern, with the files the pattern matches on each side, and\n"
		"judged by one documentation tree (--abi: NEW's kernel's, by default the one\n"
		"the other commands read). Kinds, and where their evidence is:\n"
		"  vanished-stable (OLD)      a file stable/ documents is gone: an ABI break\n"
		"  vanished-testing (OLD)     a testing/ file is gone\n"
		"  vanished-obsolete, vanished-removed (OLD)   expected\n"
		"  vanished-undocumented, vanished-module-parameter (OLD)\n"
		"  appeared-removed (NEW)     a file removed/ documents is back\n"
		"  appeared-obsolete (NEW)    an obsolete file appeared\n"
		"  appeared-undocumented (NEW)  a new file without documentation\n"
		"  appeared-documented, appeared-module-parameter (NEW)\n"
		"  fewer-instances (OLD), more-instances (NEW)   the pattern is on both\n"
		"                             sides: devices, modules or caches came or went\n"
		"  changed-type, changed-link (both)\n"
		"\n"
		"Options:\n"
		"      --fail-on LIST       kinds that fail the run, comma-separated, all or\n"
		"                           none (default: vanished-stable,appeared-removed)\n"
		"      --baseline FILE      groups listed in FILE do not fail the run\n"
		"      --write-baseline FILE  record the groups found in FILE, and exit 0\n"
		"  -v, --verbose            a few examples of each group (JSON always has\n"
		"                           every path)\n"
		"      --ignore GLOB        do not walk paths matching GLOB on either side\n"
		"      --no-default-ignores walk debugfs, tracefs, cgroup, bpf... too\n"
		"      --old-label NAME     a name for OLD's machine (default: its snapshot's)\n"
		"      --new-label NAME     a name for NEW's machine\n"
		"      --any-root           read roots with no devices/, bus/, class/ or\n"
		"                           module/ all the same\n" CLI_COMMON_HELP "\n"
		"Exit status: 0 when nothing of a --fail-on kind was found outside the\n"
		"baseline, 1 when something was, 2 on errors.\n",
};
