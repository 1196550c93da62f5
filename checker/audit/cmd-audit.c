// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi audit: walk a sysfs (the live /sys, or a recorded copy) and judge every node
 * against the ABI documentation.
 */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "audit-report.h"
#include "cli/cli.h"
#include "cli/sysfs-source.h"
#include "common/file-read.h"
#include "ext/kmod-module.h"
#include "common/macro.h"
#include "cli/timing.h"
#include "kernel-params.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_audit;

enum {
	OPT_SYSFS_ROOT = OPT_COMMAND_BASE,
	OPT_IGNORE,
	OPT_NO_DEFAULT_IGNORES,
	OPT_ALL,
	OPT_EXPLAIN,
	OPT_SUGGEST,
	OPT_FAIL_ON,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_NO_BTF,
	OPT_MODULES_DIR,
	OPT_ANY_ROOT,
	OPT_LABEL,
	OPT_SEARCH_STRING,
	OPT_SHOW_HINTS,
};

struct audit_cmd {
	struct audit_options opt;
	GArray *ignores; /* struct sysfs_ignore */
	GPtrArray *explain;
	const char *write_baseline;
	const char *root_path;   /* --sysfs-root; NULL: /sys */
	const char *modules_dir; /* --modules-dir; NULL: the running kernel's, if live */
	bool default_ignores;
	bool no_btf;
	bool any_root;             /* --any-root */
	const struct command *cmd; /* audit, or undefined */
	regex_t search;            /* --search-string, compiled */
	bool searching;
};

static int parse_fail_on(const struct command *cmd, struct audit_options *opt,
			 const char *arg)
{
	char **names = g_strsplit(arg, ",", -1);
	int r = 0;

	memset(opt->fail_on, 0, sizeof(opt->fail_on));
	opt->fail_on_missing = opt->fail_on_btf = false;
	for (char **n = names; *n && r == 0; n++) {
		enum audit_class c;

		if (strcmp(*n, "none") == 0)
			continue;
		if (strcmp(*n, "missing") == 0)
			opt->fail_on_missing = true;
		else if (strcmp(*n, "btf") == 0)
			opt->fail_on_btf = true;
		else if (audit_class_parse(*n, &c) == 0 && c != AUDIT_DOCUMENTED)
			opt->fail_on[c] = true;
		else
			r = cli_usage_error(
				cmd,
				"--fail-on: '%s' is not a finding kind "
				"(undocumented, removed, obsolete, by-directory, "
				"module-parameter, missing, btf, none)",
				*n);
	}
	g_strfreev(names);
	return r;
}

/* Returns CLI_RUN, or the exit status to end with: after --help, or on misuse. */
static int parse_options(struct cli *cli, struct audit_cmd *c, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "no-default-ignores", no_argument, NULL, OPT_NO_DEFAULT_IGNORES },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "suggest", no_argument, NULL, OPT_SUGGEST },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
		{ "no-btf", no_argument, NULL, OPT_NO_BTF },
		{ "modules-dir", required_argument, NULL, OPT_MODULES_DIR },
		{ "any-root", no_argument, NULL, OPT_ANY_ROOT },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "search-string", required_argument, NULL, OPT_SEARCH_STRING },
		{ "ignore-case", no_argument, NULL, 'i' },
		{ "show-hints", no_argument, NULL, OPT_SHOW_HINTS },
		{},
	};
	int opt, r;

	while ((opt = cli_getopt(cli, c->cmd, argc, argv, options, &r)) != -1) {
		switch (opt) {
		case OPT_SYSFS_ROOT:
			c->root_path = optarg;
			break;
		case OPT_ANY_ROOT:
			c->any_root = true;
			break;
		case OPT_LABEL:
			c->opt.label = optarg;
			break;
		case OPT_SEARCH_STRING:
			c->opt.search_string = optarg;
			break;
		case 'i':
			c->opt.ignore_case = true;
			break;
		case OPT_SHOW_HINTS:
			c->opt.show_hints = true;
			break;
		case OPT_IGNORE:
			if (sysfs_source_ignore(c->cmd, optarg, c->ignores))
				return EXIT_TROUBLE;
			break;
		case OPT_NO_DEFAULT_IGNORES:
			c->default_ignores = false;
			break;
		case OPT_ALL:
			c->opt.all = true;
			break;
		case 'v':
			c->opt.verbose = true;
			break;
		case OPT_EXPLAIN:
			g_ptr_array_add(c->explain, optarg);
			break;
		case OPT_SUGGEST:
			c->opt.suggest = true;
			break;
		case OPT_FAIL_ON:
			r = parse_fail_on(c->cmd, &c->opt, optarg);
			if (r)
				return r;
			break;
		case OPT_BASELINE:
			c->opt.baseline_path = optarg;
			break;
		case OPT_WRITE_BASELINE:
			c->write_baseline = optarg;
			break;
		case OPT_NO_BTF:
			c->no_btf = true;
			break;
		case OPT_MODULES_DIR:
			c->modules_dir = optarg;
			break;
		}
	}
	return r;
}

static void show_progress(void *data, size_t nodes)
{
	fprintf(stderr, "\rsysabi: reading %s: %zu nodes", (const char *)data, nodes);
}

static int write_baseline(const char *path, const struct audit_group *groups, size_t n)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	int r;

	for (size_t i = 0; i < n; i++)
		if (groups[i].cls != AUDIT_DOCUMENTED)
			g_ptr_array_add(lines,
					baseline_line(audit_class_name(groups[i].cls),
						      groups[i].pattern));
	r = baseline_write(path, baseline_header, lines);
	g_ptr_array_free(lines, TRUE);
	return r;
}

/*
 * What the system shows: the sysfs, read into memory, and its BTF checked, each in a
 * thread of its own. The walk runs beside the reading and indexing of the
 * documentation (it waits on the kernel, they on the processor); BTF, needed only by
 * the report, runs beside the matching. Never more than two at once: machines have
 * two cores, and a third thread was slower.
 */
struct system_read {
	const struct audit_cmd *c;
	bool tty;
	struct sysfs_tree *sys;
	int r;
	struct sysbtf_report *btf;
	int btf_r;
};

static gpointer read_sysfs(gpointer data)
{
	struct system_read *s = data;
	const struct audit_options *o = &s->c->opt;

	s->r = sysfs_tree_load(o->root, o->ignores, o->n_ignores,
			       s->tty ? show_progress : NULL, o->root->path, &s->sys);
	if (s->tty && s->r == 0 && s->sys->n_nodes >= 65536)
		fputs("\r\033[K", stderr);
	return NULL;
}

static gpointer check_btf(gpointer data)
{
	struct system_read *s = data;
	struct sysbtf_options bopt = { .root = s->c->opt.root };

	s->btf_r = sysbtf_check(&bopt, &s->btf);
	return NULL;
}

/*
 * A million-node audit holds hundreds of megabytes in many small pieces; freeing them
 * one by one just before the process ends costs a tenth of a live audit's time, for
 * nothing. Unless SYSABI_FREE_AT_EXIT is set (the test suite sets it, so that every
 * free is run under ASan and valgrind), they are left to the kernel, kept reachable
 * here so that leak checkers do not report them (volatile: the compiler would drop
 * stores that nothing reads).
 */
static volatile struct {
	struct value *report;
	struct audit_group *groups;
	struct audit *audit;
	struct abi_index *index;
	struct doc_source src;
	struct sysfs_tree *sys;
	struct sysbtf_report *btf;
} left_at_exit;

static bool free_at_exit(void)
{
	return getenv("SYSABI_FREE_AT_EXIT") != NULL;
}

/* audit-report.h: kernel-parameters.txt beside the tree, and modinfo */
struct module_params *audit_module_params_load(struct module_db *db,
					       const struct doc_source *src)
{
	struct kernel_params *kp = NULL;
	char *docs = doc_source_docs_dir(src), *path = NULL;
	int fd, r = -ENOMEM;

	if (docs && (path = path_join(docs, KERNEL_PARAMS_FILE))) {
		fd = open(docs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		r = fd < 0 ? -errno : kernel_params_read(fd, KERNEL_PARAMS_FILE, &kp);
		if (fd >= 0)
			close(fd);
	}
	if (r < 0 && r != -ENOENT && r != -ENOTDIR)
		fprintf(stderr,
			"sysabi: cannot read '%s': %s; module parameters are judged "
			"without it\n",
			path ? path : KERNEL_PARAMS_FILE,
			r == -E2BIG ?
				"more than " STRINGIFY(KERNEL_PARAMS_MAX_NAMES) " names" :
				file_strerror(r));
	free(docs);
	if (r < 0) {
		free(path);
		path = NULL;
	}
	return module_params_new(kp, path, db);
}

/* Whether every path --explain asked of is in the sysfs and documented, by a What, its
 * directory's entry, or as a module parameter; an obsolete or removed one is not. */
static bool explained_documented(const struct value *report)
{
	const struct value *explain = value_get(report, "explain");

	for (size_t i = 0; i < value_len(explain); i++) {
		const struct value *x = value_at(explain, i);
		const char *cls = value_str(value_get(x, "class"));

		/* a directory has no class: a What that matches it documents it */
		bool documented = cls ? strcmp(cls, "documented") == 0 ||
						  strcmp(cls, "by-directory") == 0 ||
						  strcmp(cls, "module-parameter") == 0 :
					value_type(value_get(x, "match")) == VALUE_OBJECT;

		if (!value_bool(value_get(x, "exists")) || !documented)
			return false;
	}
	return true;
}

/* --search-string: the findings whose path matches, in their class's bucket. */
static int search_bucket(const struct audit *a, const struct snode *n, void *data)
{
	struct audit_cmd *c = data;
	int b = audit_class_bucket(a, n, NULL);
	char path[PATH_MAX * 2];

	if (b < 0 || snode_path_buf(n, path, sizeof(path)) >= sizeof(path))
		return -1;
	return regexec(&c->search, path, 0, NULL, 0) == 0 ? b : -1;
}

/* Judge the system against the documentation, and report. */
static int audit_and_report(struct cli *cli, struct audit_cmd *c, struct doc_source *src,
			    struct abi_index *index, struct system_read *s)
{
	GThread *checker = NULL;
	struct module_params *params;
	struct audit *a;
	struct audit_group *groups;
	struct value *report;
	size_t n_groups;
	bool fail;
	int r;

	if (s->r < 0)
		return cli_error("cannot read sysfs root '%s': %s", c->opt.root->path,
				 strerror(-s->r));
	if (!c->no_btf)
		checker = g_thread_new("btf", check_btf, s);
	/* modinfo is a bonus: no error without it */
	if (c->modules_dir || c->opt.root->live)
		module_db_new_at(c->modules_dir, &c->opt.modules);
	params = audit_module_params_load(c->opt.modules, src);
	c->opt.params = params;
	audit_run(src->tree, index, s->sys, params, &a);
	timing_mark("match");
	if (getenv("SYSABI_TIMING"))
		fprintf(stderr, "sysabi: timing: %zu state sets, %zu alias walks\n",
			a->distinct_state_sets, a->alias_walks);
	if (c->searching)
		audit_groups_by(a, search_bucket, c, &groups, &n_groups);
	else
		audit_groups(a, &groups, &n_groups);
	timing_mark("group");
	if (checker)
		g_thread_join(checker);
	timing_mark("BTF (beside)");
	if (s->btf_r < 0) {
		r = cli_error("cannot check BTF: %s", strerror(-s->btf_r));
		goto out;
	}
	c->opt.btf = s->btf;
	report = audit_report(a, src, groups, n_groups, &c->opt, &fail);
	timing_mark("build the report");
	r = cli_emit(cli, report);
	timing_mark("write the report");
	/* --explain asks whether its paths are documented: its answer is the status */
	if (c->opt.n_explain)
		fail = !explained_documented(report);
	/* a baseline written is the run's purpose: the findings are in it, not failures */
	if (r == 0 && c->write_baseline)
		r = write_baseline(c->write_baseline, groups, n_groups) ? EXIT_TROUBLE :
									  EXIT_CLEAN;
	else
		r = r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
	if (!free_at_exit()) {
		left_at_exit.report = report;
		left_at_exit.groups = groups;
		left_at_exit.audit = a;
		module_params_free(params);
		module_db_free(c->opt.modules);
		return r;
	}
	value_free(report);
out:
	audit_groups_free(groups, n_groups);
	audit_free(a);
	module_params_free(params);
	module_db_free(c->opt.modules);
	return r;
}

int audit_command_run(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
	struct audit_cmd c = { .default_ignores = true, .cmd = cmd };
	struct baseline *baseline = NULL;
	struct doc_source src;
	struct abi_index *index = NULL;
	struct system_read sys = { 0 };
	struct sysfs_root *root = NULL;
	GThread *reader;
	int r;

	c.opt.fail_on[AUDIT_UNDOCUMENTED] = c.opt.fail_on[AUDIT_REMOVED] = true;
	c.opt.fail_on_btf = true;
	c.ignores = g_array_new(FALSE, FALSE, sizeof(struct sysfs_ignore));
	c.explain = g_ptr_array_new();
	c.opt.command = cmd->name;
	r = parse_options(cli, &c, argc, argv);
	if (r != CLI_RUN)
		goto out;
	if (c.opt.search_string) {
		int err = regcomp(&c.search, c.opt.search_string,
				  REG_EXTENDED | REG_NOSUB |
					  (c.opt.ignore_case ? REG_ICASE : 0));
		char why[256];

		if (err) {
			regerror(err, &c.search, why, sizeof(why));
			r = cli_usage_error(cmd, "--search-string '%s': %s",
					    c.opt.search_string, why);
			goto out;
		}
		c.searching = true;
	}
	if (c.default_ignores)
		g_array_prepend_vals(c.ignores, sysfs_default_ignores,
				     SYSFS_N_DEFAULT_IGNORES);
	c.opt.ignores = (struct sysfs_ignore *)(void *)c.ignores->data;
	c.opt.n_ignores = c.ignores->len;
	c.opt.explain = (const char **)c.explain->pdata;
	c.opt.n_explain = c.explain->len;
	/* a modules tree the user named must be there: a missing one is a mistake */
	if (c.modules_dir) {
		struct stat st;
		int err = stat(c.modules_dir, &st) < 0 ? errno :
			  S_ISDIR(st.st_mode)          ? 0 :
							 ENOTDIR;

		if (err) {
			r = cli_error("cannot read modules directory '%s': %s",
				      c.modules_dir, strerror(err));
			goto out;
		}
	}
	r = sysfs_source_open(c.root_path, c.any_root, &root);
	if (r)
		goto out;
	c.opt.root = root;

	if (c.opt.baseline_path) {
		r = baseline_load(c.opt.baseline_path, baseline_audit_class, &baseline);
		if (r)
			goto out;
		c.opt.baseline = baseline;
	}
	timing_mark("start");
	sys.c = &c;
	sys.tty = isatty(STDERR_FILENO);
	reader = g_thread_new("sysfs", read_sysfs, &sys);
	r = doc_source_load(cli, NULL, NULL, &src);
	src.tree_relative = true;
	if (r == 0) {
		timing_mark("read the documentation");
		r = abi_index_new(src.tree, &index);
		if (r < 0) {
			doc_source_release(&src);
			r = cli_error("cannot index the ABI tree: %s", strerror(-r));
		}
		timing_mark("index it");
	}
	g_thread_join(reader);
	timing_mark("read the sysfs (beside)");
	if (r == 0) {
		r = audit_and_report(cli, &c, &src, index, &sys);
		if (free_at_exit()) {
			abi_index_free(index);
			doc_source_release(&src);
		} else {
			left_at_exit.index = index;
			left_at_exit.src = src;
		}
	}
	if (free_at_exit() || r == EXIT_TROUBLE) {
		sysfs_tree_free(sys.sys);
		sysbtf_report_free(sys.btf);
	} else {
		left_at_exit.sys = sys.sys;
		left_at_exit.btf = sys.btf;
	}
out:
	if (c.searching)
		regfree(&c.search);
	baseline_free(baseline);
	sysfs_root_free(root);
	g_array_free(c.ignores, TRUE);
	g_ptr_array_free(c.explain, TRUE);
	timing_mark("free");
	return r;
}

static int run(struct cli *cli, int argc, char **argv)
{
	return audit_command_run(cli, &cmd_audit, argc, argv);
}

const struct command cmd_audit = {
	.name = "audit",
	.run = run,
	.report = &audit_report_kind,
	.summary =
		"judge a sysfs against the documentation: undocumented, obsolete, removed",
	.usage =
		"Usage: sysabi audit [OPTION]...\n"
		"Walk a sysfs (the live /sys, a recorded copy or an archive) and judge every file by the\n"
		"ABI documentation: documented (stable or testing), by-directory (only an entry\n"
		"for its directory covers it), obsolete, removed, undocumented, or\n"
		"module-parameter: a /sys/module/MODULE/parameters/PARAM no What matches, that\n"
		"kernel-parameters.txt (beside the ABI tree) or the module's modinfo describes.\n"
		"A node counts as documented when any name reaching it through symlinks matches\n"
		"a What; a '...' of a What may end at a link, never go on through it.\n"
		"Entries are matched, missing (the object is here, the attribute is not),\n"
		"conditional (the same, and the Description says when it may be absent) or\n"
		"absent (the device or subsystem is not here). Undocumented files that differ\n"
		"only in instance names are grouped: /sys/kernel/slab/<*>/sheaf_capacity (234),\n"
		"a device's files by the class, bus or block view that documents them\n"
		"(/sys/class/tty/<*>/dev), with the driver and module that own them. /sys/kernel/btf is checked as by\n"
		"'sysabi btf'.\n"
		"\n"
		"Options:\n" AUDIT_OPTIONS_HELP CLI_COMMON_HELP "\n"
		"Exit status: 0 when nothing of a --fail-on kind was found outside the\n"
		"baseline, 1 when something was, 2 on errors.\n",
};
