// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi fleet INPUT...: many machines' sysfs (snapshots, recorded directories, or the
 * JSON reports of audits run elsewhere) in one report. The documentation is read and
 * indexed once, here; each input is audited by a worker forked from this process
 * (fleet-pool.c) and comes back as a record, folded in input order (fleet-agg.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "audit/audit-report.h"
#include "cli/cli.h"
#include "cli/doc-source.h"
#include "cli/sysfs-source.h"
#include "common/file-read.h"
#include "fleet.h"
#include "sysfs/sysfs-archive.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

extern const struct command cmd_fleet;

enum {
	OPT_JOBS = OPT_COMMAND_BASE,
	OPT_FAIL_ON,
	OPT_IGNORE,
	OPT_NO_DEFAULT_IGNORES,
	OPT_ANY_ROOT,
	OPT_DB,
};

/* The most inputs one run reads, and names one directory may list. */
#define FLEET_MAX_INPUTS 1000000

struct fleet_input {
	char *path;
	const char *kind;  /* "snapshot", "directory", "report" */
	const char *error; /* a directory's entry refused before any worker: why */
};

struct fleet_cmd {
	unsigned int jobs;
	bool any_root, default_ignores;
	bool fail_on[AUDIT_CLASS_COUNT];
	bool fail_on_skipped;
	bool fail_on_vanished[2]; /* vanished-stable, vanished-testing */
	const char *db;           /* --db: the history store */
	GArray *ignores;          /* struct sysfs_ignore */
	GArray *inputs;           /* struct fleet_input */
	/* what the workers share, read before the first fork */
	struct doc_source src;
	struct abi_index *index;
	struct module_params *params;
	/* the folding, in input order */
	struct fleet_agg *agg;
	struct fleet_history *history; /* --db: the run being stored */
	char *history_error;           /* why storing failed */
	struct fleet_record **done;    /* by input: finished, not yet folded */
	size_t next;                   /* the first input not folded */
	size_t finished;               /* inputs done, for the progress line */
	bool tty;
};

/* ---- options ---- */

static int parse_fail_on(struct fleet_cmd *c, const char *arg)
{
	char **names = g_strsplit(arg, ",", -1);
	int r = 0;

	memset(c->fail_on, 0, sizeof(c->fail_on));
	c->fail_on_skipped = c->fail_on_vanished[0] = c->fail_on_vanished[1] = false;
	for (char **n = names; *n && r == 0; n++) {
		enum audit_class cls;

		if (strcmp(*n, "none") == 0)
			continue;
		if (strcmp(*n, "skipped") == 0)
			c->fail_on_skipped = true;
		else if (strcmp(*n, "vanished-stable") == 0)
			c->fail_on_vanished[0] = true;
		else if (strcmp(*n, "vanished-testing") == 0)
			c->fail_on_vanished[1] = true;
		else if (audit_class_parse(*n, &cls) == 0 && cls != AUDIT_DOCUMENTED)
			c->fail_on[cls] = true;
		else
			r = cli_usage_error(
				&cmd_fleet,
				"--fail-on: '%s' is not a finding kind "
				"(undocumented, removed, obsolete, by-directory, "
				"module-parameter, skipped, none)",
				*n);
	}
	g_strfreev(names);
	return r;
}

static int parse_jobs(struct fleet_cmd *c, const char *arg)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end || n < 1 || n > 256)
		return cli_usage_error(&cmd_fleet, "--jobs '%s': a number from 1 to 256",
				       arg);
	c->jobs = (unsigned int)n;
	return 0;
}

/* Returns CLI_RUN, or the exit status to end with: after --help, or on misuse. */
static int parse_options(struct cli *cli, struct fleet_cmd *c, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "jobs", required_argument, NULL, 'j' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "no-default-ignores", no_argument, NULL, OPT_NO_DEFAULT_IGNORES },
		{ "any-root", no_argument, NULL, OPT_ANY_ROOT },
		{ "db", required_argument, NULL, OPT_DB },
		{},
	};
	int o, r;

	while ((o = cli_getopt(cli, &cmd_fleet, argc, argv, options, &r)) != -1) {
		switch (o) {
		case 'j':
			if (parse_jobs(c, optarg))
				return EXIT_TROUBLE;
			break;
		case OPT_FAIL_ON:
			if (parse_fail_on(c, optarg))
				return EXIT_TROUBLE;
			break;
		case OPT_IGNORE:
			if (sysfs_source_ignore(&cmd_fleet, optarg, c->ignores))
				return EXIT_TROUBLE;
			break;
		case OPT_NO_DEFAULT_IGNORES:
			c->default_ignores = false;
			break;
		case OPT_ANY_ROOT:
			c->any_root = true;
			break;
		case OPT_DB:
			if (!*optarg)
				return cli_usage_error(&cmd_fleet, "--db: an empty name");
			c->db = optarg;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;
	if (optind == argc)
		return cli_usage_error(&cmd_fleet,
				       "fleet takes one INPUT or more: snapshots, "
				       "directories of them, or audit JSON reports");
	return CLI_RUN;
}

/* ---- inputs ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static bool is_archive_name(const char *name)
{
	static const char *const ext[] = { ".tar",     ".tar.gz",  ".tgz",  ".tar.xz",
					   ".txz",     ".tar.zst", ".tzst", ".tar.bz2",
					   ".tar.lz4", ".tar.lzma" };

	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++)
		if (ends_with(name, ext[i]))
			return true;
	return false;
}

static void add_input(struct fleet_cmd *c, char *path, const char *kind,
		      const char *error)
{
	struct fleet_input in = { .path = path, .kind = kind, .error = error };

	g_array_append_val(c->inputs, in);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A directory named on the command line: a sysfs itself (devices/, bus/...), or a
 * directory of snapshots and reports, read one level deep, by name. Its entries are
 * input from elsewhere: a link among them is not followed, and is listed as skipped.
 */
static int add_dir(struct fleet_cmd *c, const char *dir)
{
	struct sysfs_root *root = NULL;
	char *why = NULL;
	GPtrArray *names;
	struct dirent *de;
	DIR *d;
	int fd;

	if (sysfs_root_open(dir, &root, &why) == 0 && sysfs_root_is_sysfs(root)) {
		sysfs_root_free(root);
		add_input(c, g_strdup(dir), "directory", NULL);
		return 0;
	}
	sysfs_root_free(root);
	free(why);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		return cli_error("%s: %s", dir, strerror(err));
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((de = readdir(d)) && names->len < FLEET_MAX_INPUTS)
		if (de->d_name[0] != '.')
			g_ptr_array_add(names, g_strdup(de->d_name));
	if (names->len)
		qsort(names->pdata, names->len, sizeof(char *), name_cmp);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		char *path = g_build_filename(dir, name, NULL);
		struct stat st;

		if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			g_free(path);
			continue; /* gone since the listing */
		}
		if (S_ISLNK(st.st_mode))
			add_input(c, path, NULL, "a symbolic link, not followed");
		else if (S_ISREG(st.st_mode) && ends_with(name, ".json"))
			add_input(c, path, "report", NULL);
		else if (S_ISREG(st.st_mode) && is_archive_name(name))
			add_input(c, path, "snapshot", NULL);
		else if (S_ISDIR(st.st_mode))
			add_input(c, path, "directory", NULL);
		else
			g_free(path); /* a README, a checksum: not an input */
	}
	g_ptr_array_free(names, TRUE);
	closedir(d);
	return 0;
}

static int collect_inputs(struct fleet_cmd *c, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		struct stat st;
		int r;

		if (stat(argv[i], &st) < 0)
			return cli_error("%s: %s", argv[i], strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			r = add_dir(c, argv[i]);
			if (r)
				return r;
		} else {
			add_input(c, g_strdup(argv[i]),
				  ends_with(argv[i], ".json") ? "report" : "snapshot",
				  NULL);
		}
		if (c->inputs->len > FLEET_MAX_INPUTS)
			return cli_error("more than %d inputs", FLEET_MAX_INPUTS);
	}
	if (!c->inputs->len)
		return cli_error("no input: the directories given hold no snapshot, "
				 "recorded sysfs or JSON report");
	return 0;
}

/* ---- one input, in its worker ---- */

static int audit_sysfs(struct fleet_cmd *c, const struct fleet_input *in,
		       struct fleet_record *rec)
{
	struct audit_options opt = { .command = "audit" };
	struct sysfs_root *root = NULL;
	struct sysfs_tree *sys = NULL;
	struct audit_group *groups;
	struct audit *a = NULL;
	struct value *report;
	size_t n_groups;
	char *why = NULL;
	bool fail;
	int r;

	/* the audit alone: no BTF check, so no contents read */
	r = sysfs_root_open_with(in->path, SYSFS_ARCHIVE_NO_CONTENTS, &root, &why);
	if (r) {
		rec->error =
			why ? g_strdup(why) :
			r == -EINVAL ?
			      g_strdup("not a directory, nor an archive sysabi reads") :
			      g_strdup(file_strerror(r));
		free(why);
		return 0;
	}
	if (!c->any_root && !sysfs_root_is_sysfs(root)) {
		rec->error =
			g_strdup("not a sysfs (no devices/, bus/, class/ or module/)");
		sysfs_root_free(root);
		return 0;
	}
	r = sysfs_tree_load(root, (struct sysfs_ignore *)(void *)c->ignores->data,
			    c->ignores->len, NULL, NULL, &sys);
	if (r < 0) {
		rec->error = g_strdup_printf("cannot read it: %s", file_strerror(r));
		sysfs_root_free(root);
		return 0;
	}
	if (audit_run(c->src.tree, c->index, sys, c->params, &a) < 0) {
		rec->error = g_strdup(strerror(ENOMEM));
		goto out_tree;
	}
	if (audit_groups(a, &groups, &n_groups) < 0) {
		rec->error = g_strdup(strerror(ENOMEM));
		goto out_audit;
	}
	opt.root = root;
	opt.params = c->params;
	opt.all = true; /* the entries it has files of: what an upgrade may take away */
	report = audit_report(a, &c->src, groups, n_groups, &opt, &fail);
	if (fleet_record_from_report(report, rec, &why) < 0)
		rec->error = why;
	/* all freed: the worker goes on to its next input */
	value_free(report);
	audit_groups_free(groups, n_groups);
out_audit:
	audit_free(a);
out_tree:
	sysfs_tree_free(sys);
	sysfs_root_free(root);
	return 0;
}

static int read_report(const struct fleet_input *in, struct fleet_record *rec)
{
	struct value *report;
	char *buf, *why = NULL;
	size_t len;
	int r = file_read(in->path, FLEET_REPORT_MAX, &buf, &len);

	if (r < 0) {
		rec->error = r == -EFBIG ?
				     g_strdup_printf("over %u bytes", FLEET_REPORT_MAX) :
				     g_strdup(file_strerror(r));
		return 0;
	}
	if (fleet_value_parse(buf, len, &report, &why) < 0 ||
	    fleet_record_from_report(report, rec, &why) < 0)
		rec->error = why;
	value_free(report);
	free(buf);
	return 0;
}

static char *job(void *data, size_t index, size_t *len)
{
	struct fleet_cmd *c = data;
	const struct fleet_input *in =
		&g_array_index(c->inputs, struct fleet_input, index);
	struct fleet_record rec = { .kind = in->kind };
	char *text;

	if (in->error)
		rec.error = g_strdup(in->error);
	else if (strcmp(in->kind, "report") == 0)
		read_report(in, &rec);
	else
		audit_sysfs(c, in, &rec);
	text = fleet_record_to_json(&rec);
	fleet_record_release(&rec);
	*len = text ? strlen(text) : 0;
	return text;
}

/* ---- the records, folded in input order ---- */

static char *worker_failure(int wstatus, const char *error, size_t len)
{
	if (error)
		return g_strdup(error);
	if (WIFSIGNALED(wstatus))
		return g_strdup_printf("its worker was killed by signal %d (%s)",
				       WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus))
		return g_strdup_printf("its worker failed (exit status %d)",
				       WEXITSTATUS(wstatus));
	return len ? NULL : g_strdup("its worker said nothing");
}

static int fold_ready(struct fleet_cmd *c)
{
	while (c->next < c->inputs->len && c->done[c->next]) {
		const struct fleet_input *in =
			&g_array_index(c->inputs, struct fleet_input, c->next);
		struct fleet_record *rec = c->done[c->next];
		const char *dup;

		/* stored before it is folded: folding takes its groups */
		if (c->history && !rec->error) {
			char *machine = fleet_record_machine(rec, in->path);
			int r = fleet_history_add(c->history, in->path, rec, machine,
						  &c->history_error);

			g_free(machine);
			if (r < 0)
				return -EIO;
		}
		if (fleet_agg_add(c->agg, in->path, rec, &dup) < 0)
			return -ENOMEM;
		g_free(rec);
		c->done[c->next++] = NULL;
	}
	return 0;
}

static int done(void *data, size_t index, const char *out, size_t len, int wstatus,
		const char *error)
{
	struct fleet_cmd *c = data;
	const struct fleet_input *in =
		&g_array_index(c->inputs, struct fleet_input, index);
	struct fleet_record *rec = g_new0(struct fleet_record, 1);
	char *failure = worker_failure(wstatus, error, len);
	char *why = NULL;

	if (failure || fleet_record_parse(out, len, rec, &why) < 0) {
		fleet_record_release(rec);
		rec->error = failure ?: g_strdup_printf("its worker's record is %s", why);
		g_free(why);
	}
	if (!rec->kind)
		rec->kind = in->kind;
	c->done[index] = rec;
	if (c->tty && ++c->finished % 8 == 0)
		fprintf(stderr, "\rsysabi fleet: %zu of %u inputs", c->finished,
			c->inputs->len);
	return fold_ready(c);
}

/* ---- the run ---- */

static bool fails(const struct fleet_cmd *c, const struct value *report,
		  struct value *failing)
{
	const struct value *summary = value_get(report, "summary");

	for (int cls = 0; cls < AUDIT_CLASS_COUNT; cls++)
		if (c->fail_on[cls] &&
		    value_get_int(value_get(summary, "groups"), audit_class_name(cls)))
			value_append(failing, value_string_new(audit_class_name(cls)));
	for (int l = 0; l < 2; l++) {
		const char *name = l ? "vanished-testing" : "vanished-stable";
		const struct value *changes = value_get(report, "kernel_changes");
		bool any = false;

		for (size_t i = 0; c->fail_on_vanished[l] && i < value_len(changes);
		     i++) {
			const struct value *gone =
				value_get(value_at(changes, i), "vanished_documented");

			for (size_t j = 0; j < value_len(gone); j++)
				any |= strcmp(value_get_str(value_at(gone, j), "level"),
					      l ? "testing" : "stable") == 0;
		}
		if (any)
			value_append(failing, value_string_new(name));
	}
	if (c->fail_on_skipped && value_get_int(summary, "skipped"))
		value_append(failing, value_string_new("skipped"));
	return value_len(failing) > 0;
}

static struct value *fail_on_value(const struct fleet_cmd *c)
{
	struct value *v = value_array_new();

	for (int cls = 0; cls < AUDIT_CLASS_COUNT; cls++)
		if (c->fail_on[cls])
			value_append(v, value_string_new(audit_class_name(cls)));
	if (c->fail_on_vanished[0])
		value_append(v, value_string_new("vanished-stable"));
	if (c->fail_on_vanished[1])
		value_append(v, value_string_new("vanished-testing"));
	if (c->fail_on_skipped)
		value_append(v, value_string_new("skipped"));
	return v;
}

static int report_and_emit(struct cli *cli, struct fleet_cmd *c)
{
	struct value *report = doc_source_report(&c->src, "fleet");
	bool fail;
	int r;

	value_set_int(report, "jobs", c->jobs);
	r = fleet_agg_report(c->agg, c->history != NULL, report);
	if (r < 0) {
		value_free(report);
		return cli_error("fleet: %s", strerror(-r));
	}
	if (c->history)
		fleet_history_report(c->history, report);
	else
		value_set(report, "history", value_null_new());
	value_set(report, "fail_on", fail_on_value(c));
	fail = fails(c, report, value_set(report, "failing", value_array_new()));
	value_set_str(report, "result", fail ? "fail" : "pass");
	r = cli_emit(cli, report);
	value_free(report);
	/* the run is kept once its report is written, and only then */
	if (r == 0 && c->history &&
	    fleet_history_commit(c->history, &c->history_error) < 0)
		r = cli_error("fleet: the run is not stored: %s", c->history_error);
	return r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int run_fleet(struct cli *cli, struct fleet_cmd *c)
{
	int r = doc_source_load(cli, NULL, NULL, &c->src);

	if (r)
		return r;
	c->src.tree_relative = true;
	r = abi_index_new(c->src.tree, &c->index);
	if (r < 0)
		return cli_error("cannot index the ABI tree: %s", strerror(-r));
	c->params = audit_module_params_load(NULL, &c->src);
	fleet_agg_new(&c->agg);
	if (c->db) {
		char *why;

		r = fleet_history_open(c->db, c->src.dir, c->src.tree->kernel_version,
				       c->agg, &c->history, &why);
		if (r < 0) {
			r = cli_error("fleet: %s", why);
			g_free(why);
			return r;
		}
	}
	c->done = g_new0(struct fleet_record *, c->inputs->len);
	c->tty = isatty(STDERR_FILENO);
	/* libarchive loaded once here, not by every worker (a worker that cannot load it
	   says so for its input) */
	for (size_t i = 0; i < c->inputs->len; i++) {
		if (strcmp(g_array_index(c->inputs, struct fleet_input, i).kind,
			   "snapshot") == 0) {
			char *why;

			sysfs_archive_preload(&why);
			g_free(why);
			break;
		}
	}
	fflush(NULL); /* the workers inherit nothing half-written */
	r = fleet_pool_run(c->inputs->len, c->jobs, job, done, c);
	if (c->tty && c->finished >= 8)
		fputs("\r\033[K", stderr);
	if (r == -EINTR)
		return cli_error("fleet: interrupted by signal %d; nothing written%s",
				 fleet_pool_signal(),
				 c->history ? ", nothing stored" : "");
	if (r == -EIO && c->history_error)
		return cli_error("fleet: the run is not stored: %s", c->history_error);
	if (r < 0)
		return cli_error("fleet: %s", strerror(-r));
	return report_and_emit(cli, c);
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct fleet_cmd c = { .default_ignores = true };
	int r;

	c.fail_on[AUDIT_UNDOCUMENTED] = c.fail_on[AUDIT_REMOVED] = true;
	c.fail_on_vanished[0] = true;
	c.ignores = g_array_new(FALSE, FALSE, sizeof(struct sysfs_ignore));
	c.inputs = g_array_new(FALSE, FALSE, sizeof(struct fleet_input));
	c.jobs = (unsigned int)CLAMP(sysconf(_SC_NPROCESSORS_ONLN), 1, 256);
	r = parse_options(cli, &c, argc, argv);
	if (r == CLI_RUN) {
		if (c.default_ignores)
			g_array_prepend_vals(c.ignores, sysfs_default_ignores,
					     SYSFS_N_DEFAULT_IGNORES);
		r = collect_inputs(&c, argc, argv);
		if (r == 0)
			r = run_fleet(cli, &c);
	}
	for (guint i = 0; i < c.inputs->len; i++)
		g_free(g_array_index(c.inputs, struct fleet_input, i).path);
	for (guint i = 0; c.done && i < c.inputs->len; i++) {
		if (c.done[i])
			fleet_record_release(c.done[i]);
		g_free(c.done[i]);
	}
	g_free(c.done);
	fleet_history_free(c.history); /* rolled back unless committed */
	g_free(c.history_error);
	fleet_agg_free(c.agg);
	module_params_free(c.params);
	abi_index_free(c.index);
	if (c.src.tree)
		doc_source_release(&c.src);
	g_array_free(c.ignores, TRUE);
	g_array_free(c.inputs, TRUE);
	return r;
}

const struct command cmd_fleet = {
	.name = "fleet",
	.run = run,
	.report = &fleet_report_kind,
	.takes_args = true,
	.summary = "many machines' sysfs in one report: groups by machine and kernel",
	.usage =
		"Usage: sysabi fleet [OPTION]... INPUT...\n"
		"Audit many machines at once and report every finding group with the\n"
		"machines, kernels and labels it is on, a summary per machine, and what\n"
		"changed between consecutive kernels of one machine: finding groups, and\n"
		"the documented entries whose files went or came. An INPUT is a snapshot\n"
		"('sysabi snapshot'), a recorded sysfs directory, an audit's JSON report\n"
		"('sysabi audit --format json'), or a directory of them (read one level\n"
		"deep; links in it are not followed). The documentation is read once; the\n"
		"inputs are audited by --jobs worker processes, an input at a time each. An\n"
		"input that cannot be read, or crashes its worker, is listed as skipped and\n"
		"the others go on; the same machine, kernel and date twice is audited once.\n"
		"\n"
		"Options:\n"
		"  -j, --jobs N             inputs audited at once (default: the processors)\n"
		"      --fail-on LIST       finding kinds that fail the run, comma-separated:\n"
		"                           undocumented, removed, obsolete, by-directory,\n"
		"                           module-parameter, vanished-stable and\n"
		"                           vanished-testing (a machine's next kernel has no\n"
		"                           file of an entry its kernel before had), skipped\n"
		"                           (an input that could not be read), none (default:\n"
		"                           undocumented,removed,vanished-stable)\n"
		"      --ignore GLOB        do not walk paths matching GLOB in any sysfs\n"
		"      --no-default-ignores walk debugfs, tracefs, cgroup, bpf... too\n"
		"      --db STORE           keep the run in STORE, and report what is new\n"
		"                           since the runs before and what they had that\n"
		"                           this one has not: an SQLite file (made when\n"
		"                           missing), or a postgresql:// URI\n"
		"      --any-root           read roots with no devices/, bus/, class/ or\n"
		"                           module/ all the same\n" CLI_COMMON_HELP "\n"
		"Exit status: 0 when no input has a finding of a --fail-on kind, 1 when one\n"
		"has, 2 on errors (an input skipped is not one unless --fail-on names it).\n",
};
