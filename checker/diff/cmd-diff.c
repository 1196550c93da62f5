// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi diff OLD NEW: what changed between two versions of the ABI documentation,
 * which changes break the README's rules, and which diagnostics the change brings.
 * The trees are two directories, or two revisions of a kernel git tree, read with
 * git into a private temporary directory (git-rev.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "cli/cli.h"
#include "cli/entry-value.h"
#include "diff-place.h"
#include "diff.h"
#include "git-rev.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_diff;

enum { OPT_GIT = OPT_COMMAND_BASE, OPT_FAIL_ON, OPT_LINT };

/* The check names that fail the run: rule ids, change kinds, "new-" + diagnostic kind. */
struct fail_on {
	bool rule[ABI_RULE_COUNT];
	bool change[ABI_CHANGE_KIND_COUNT];
	bool diag[ABI_DIAG_KIND_COUNT];
};

/* One tree of the comparison. */
struct side {
	const char *dir;    /* as the user named it: a directory, or the git tree */
	const char *origin; /* "argument", "git", or where abi_source found it */
	const char *rev;    /* --git: the revision as given, else NULL */
	struct git_rev git; /* --git: its commit and repository */
	char *own_dir;      /* DIR/Documentation/ABI when DIR was a kernel tree */
	const char *shown;  /* what file names are shown below */
	char *own_shown; /* --git, OLD: "REV:Documentation/ABI", as git show takes it */
	struct abi_ctx *ctx;
	struct abi_tree *tree;
	struct abi_diag_log *log;
};

struct diff_cmd {
	const char *git_dir;
	struct fail_on fail_on;
	bool lint;
	struct side old, new;
	char *tmp; /* --git: the private directory the revisions go to */
	/* --git with one argument: a range's sides, or the work tree's top */
	char range_old[72]; /* A...B: the merge base, SHA-1 or SHA-256 in hex */
	char *range_a, *range_new, *worktree;
};

/* --fail-on: what is named fails; a lint kind named by itself is shown, so that it can
 * (*@lint); `all` and `new-diagnostics` mean the diagnostics shown. */
static int parse_fail_on(struct fail_on *f, bool *lint, const char *arg)
{
	char **names = g_strsplit(arg, ",", -1);
	int r = 0;

	memset(f, 0, sizeof(*f));
	for (char **n = names; *n && r == 0; n++) {
		bool all = strcmp(*n, "all") == 0, found = all || strcmp(*n, "none") == 0;

		for (int i = 0; i < ABI_RULE_COUNT; i++)
			if (all || strcmp(*n, abi_rule_name(i)) == 0)
				f->rule[i] = found = true;
		for (int i = 0; i < ABI_CHANGE_KIND_COUNT; i++)
			if (strcmp(*n, abi_change_kind_name(i)) == 0)
				f->change[i] = found = true;
		for (int i = 0; i < ABI_DIAG_KIND_COUNT; i++) {
			bool errors = strcmp(*n, "new-errors") == 0 &&
				      abi_diag_kind_severity(i) == ABI_SEVERITY_ERROR;

			bool named = strncmp(*n, "new-", 4) == 0 &&
				     strcmp(*n + 4, abi_diag_kind_name(i)) == 0;

			if (all || errors || named || strcmp(*n, "new-diagnostics") == 0)
				f->diag[i] = found = true;
			if (named && abi_diag_kind_severity(i) == ABI_SEVERITY_LINT)
				*lint = true;
		}
		if (!found)
			r = cli_usage_error(&cmd_diff,
					    "--fail-on: '%s' is not a rule, a change "
					    "kind or new-KIND (or all, none, new-errors, "
					    "new-diagnostics)",
					    *n);
	}
	g_strfreev(names);
	return r;
}

static void remove_tmp(struct diff_cmd *c)
{
	if (c->tmp)
		dir_remove_all(c->tmp);
	g_free(c->tmp);
	c->tmp = NULL;
}

/* ---- loading both trees ---- */

/* Whether @tree has a file in one of the four level directories: an ABI tree. */
static bool has_levels(const struct abi_tree *tree)
{
	for (size_t i = 0; i < tree->n_files; i++)
		if (tree->files[i]->level != ABI_LEVEL_NONE)
			return true;
	return false;
}

static int load_tree(struct side *s, const char *dir)
{
	int r = abi_ctx_new(&s->ctx);

	if (r == 0)
		r = abi_diag_log_new(&s->log);
	if (r < 0)
		return cli_error("diff: %s", strerror(-r));
	abi_ctx_set_diag_fn(s->ctx, abi_diag_log_add, s->log);
	r = abi_tree_load(s->ctx, dir, &s->tree);
	if (r == -ENOMEM)
		return cli_error("diff: %s", strerror(-r));
	if (r < 0)
		return cli_error("diff: cannot read ABI tree '%s': %s", dir,
				 strerror(-r));
	/* a kernel tree's root, or a wrong directory, would compare as "nothing" */
	if (!has_levels(s->tree))
		return cli_error("diff: '%s' is not a Documentation/ABI tree: no file in "
				 "stable/, testing/, obsolete/ or removed/",
				 dir);
	return 0;
}

/* A directory named on the command line: DIR, or DIR/Documentation/ABI when DIR is
 * the top of a kernel tree, as the other commands find it. */
static int load_dir(struct side *s, const char *dir)
{
	char *abi = g_build_filename(dir, "Documentation", "ABI", NULL);
	int r = doc_source_kernel_abi(dir);

	/* a checkout's Documentation/ABI may be a link to anywhere: never followed */
	if (r == -ELOOP) {
		g_free(abi);
		return cli_error(
			"diff: cannot read '%s/Documentation/ABI': reached through a "
			"symbolic link, not followed",
			dir);
	}
	if (r < 0)
		g_clear_pointer(&abi, g_free);
	*s = (struct side){ .dir = abi ?: dir,
			    .shown = abi ?: dir,
			    .origin = "argument",
			    .own_dir = abi };
	return load_tree(s, s->dir);
}

static int load_git(struct diff_cmd *c, struct side *s, const char *name)
{
	char *dest, *abi;
	int r;

	s->origin = "git";
	s->shown = "Documentation/ABI";
	/* OLD's files are not in the tree the reader has checked out: name them as
	   `git show` takes them, REV:PATH (a merge base by 12 digits) */
	if (s == &c->old) {
		s->own_shown = g_strdup_printf(
			"%.*s:Documentation/ABI",
			s->rev == c->range_old ? 12 : (int)strlen(s->rev), s->rev);
		s->shown = s->own_shown;
	}
	if (!c->tmp) {
		c->tmp = g_build_filename(g_get_tmp_dir(), "sysabi-diff.XXXXXX", NULL);
		if (!mkdtemp(c->tmp)) {
			r = errno;
			g_free(c->tmp);
			c->tmp = NULL;
			return cli_error("diff: cannot create a temporary directory: %s",
					 strerror(r));
		}
	}
	dest = g_build_filename(c->tmp, name, NULL);
	abi = g_build_filename(dest, "Documentation", "ABI", NULL);
	r = git_rev_extract("diff", s->dir, s->rev, dest, &s->git);
	if (r == 0)
		r = load_tree(s, abi);
	g_free(dest);
	g_free(abi);
	return r;
}

/* NEW when only OLD is named: the tree the other commands read. */
static int load_default(const struct cli *cli, struct side *s)
{
	struct doc_source src;
	int r = abi_diag_log_new(&s->log);

	if (r < 0)
		return cli_error("diff: %s", strerror(-r));
	r = doc_source_load(cli, abi_diag_log_add, s->log, &src);
	if (r)
		return r;
	s->dir = s->shown = src.dir;
	s->origin = src.origin;
	s->ctx = src.ctx;
	s->tree = src.tree;
	return 0;
}

/*
 * The revisions --git names, as git takes them: OLD NEW; A..B (A and B); A...B (B and
 * where it forked from A, git merge-base: what a branch brings, the form for a pull
 * request); or one revision, against the work tree with what is not committed yet
 * (before a push). An empty side of a range is HEAD.
 */
static int git_sides(struct diff_cmd *c, int argc, char **argv)
{
	const char *dots;
	char *a, *top;
	int r;

	c->old = (struct side){ .dir = c->git_dir, .rev = argv[0] };
	if (argc == 2) {
		c->new = (struct side){ .dir = c->git_dir, .rev = argv[1] };
		return 0;
	}
	dots = strstr(argv[0], "..");
	if (!dots) {
		r = git_rev_toplevel("diff", c->git_dir, &top);
		c->worktree = top;
		return r;
	}
	a = g_strndup(argv[0], (gsize)(dots - argv[0]));
	c->range_new = g_strdup(dots[2] == '.' ? dots + 3 : dots + 2);
	if (!*c->range_new) {
		g_free(c->range_new);
		c->range_new = g_strdup("HEAD");
	}
	c->new = (struct side){ .dir = c->git_dir, .rev = c->range_new };
	if (dots[2] == '.') {
		r = git_rev_merge_base("diff", c->git_dir, *a ? a : "HEAD", c->range_new,
				       c->range_old, sizeof(c->range_old));
		g_free(a);
		if (r)
			return r;
		c->old.rev = c->range_old;
		return 0;
	}
	c->range_a = a;
	c->old.rev = *a ? a : "HEAD";
	return 0;
}

static int load_sides(const struct cli *cli, struct diff_cmd *c, int argc, char **argv)
{
	int r;

	if (c->git_dir) {
		/* a signal must not leave git running, nor the revisions in TMPDIR */
		git_rev_signals_catch();
		r = git_sides(c, argc, argv);
		if (r == 0 && !git_rev_interrupted())
			r = load_git(c, &c->old, "old");
		if (r == 0 && !git_rev_interrupted() && !c->worktree)
			r = load_git(c, &c->new, "new");
		if (r == 0 && c->worktree) {
			r = load_dir(&c->new, c->worktree);
			c->new.origin = "work tree";
		}
		remove_tmp(c);             /* the trees are in memory now */
		git_rev_signals_restore(); /* after a signal, the process ends here */
		return r;
	}
	r = load_dir(&c->old, argv[0]);
	if (r || argc == 1)
		return r ? r : load_default(cli, &c->new);
	return load_dir(&c->new, argv[1]);
}

static void release_side(struct side *s)
{
	git_rev_release(&s->git);
	g_free(s->own_dir);
	g_free(s->own_shown);
	abi_tree_free(s->tree);
	abi_ctx_free(s->ctx);
	abi_diag_log_free(s->log);
}

/* ---- the report ---- */

/* A file of @s as the user can find it: below the directory, or the kernel tree. */
static char *shown_path(const struct side *s, const char *file)
{
	return path_join(s->shown, file);
}

static struct value *side_value(const struct side *s)
{
	struct value *v = value_object_new();

	value_set_str(v, "dir", s->dir);
	value_set_str(v, "origin", s->origin);
	value_set_str(v, "rev", s->rev);
	value_set_str(v, "commit", s->rev ? s->git.commit : NULL);
	value_set_str(v, "kernel_version", s->tree->kernel_version);
	return v;
}

static struct value *place_value(const struct side *s, const struct abi_entry *e)
{
	struct value *v;
	char *file;

	if (!e)
		return value_null_new();
	v = value_object_new();
	file = shown_path(s, e->file->path);
	value_set_str(v, "file", file);
	value_set_int(v, "line", e->line);
	value_set_str(v, "level", abi_level_name(e->level));
	free(file);
	return v;
}

/*
 * Where a CI annotation about @n goes, or about @o when NEW lost it: a place in NEW,
 * which is what a pull request checks out; null when NEW has no file to point at.
 */
static struct value *annotation_value(const struct diff_cmd *c,
				      const struct diff_places *places,
				      const struct abi_entry *o,
				      const struct abi_entry *n)
{
	struct value *v;
	const char *file;
	unsigned int line;
	char *shown;

	if (n)
		return place_value(&c->new, n);
	if (!o || diff_places_gone(places, o, &file, &line) < 0)
		return value_null_new();
	v = value_object_new();
	shown = shown_path(&c->new, file);
	value_set_str(v, "file", shown);
	value_set_int(v, "line", line);
	free(shown);
	return v;
}

static struct value *whats_value(const struct abi_entry *e)
{
	struct value *v = value_array_new();

	for (size_t i = 0; e && i < e->n_whats; i++)
		value_append(v, value_string_new(e->whats[i].text));
	return v;
}

static struct value *fields_value(unsigned int fields)
{
	struct value *v = value_array_new();

	for (unsigned int bit = 1; bit & ABI_FIELD_ALL; bit <<= 1)
		if (fields & bit)
			value_append(v, value_string_new(abi_field_name(bit)));
	return v;
}

/* "'/sys/a'", "'/sys/a' (and 2 more What lines)", "(no What)" */
static void append_label(GString *s, const struct abi_entry *e)
{
	if (!e->n_whats)
		g_string_append(s, "(no What)");
	else
		g_string_append_printf(s, "'%s'", e->whats[0].text);
	if (e->n_whats > 1)
		g_string_append_printf(s, " (and %zu more What line%s)", e->n_whats - 1,
				       e->n_whats == 2 ? "" : "s");
}

/* Whether @o and @n have the same What lines, in order. */
static bool same_whats(const struct abi_entry *o, const struct abi_entry *n)
{
	if (o->n_whats != n->n_whats)
		return false;
	for (size_t i = 0; i < o->n_whats; i++)
		if (strcmp(o->whats[i].text, n->whats[i].text))
			return false;
	return true;
}

/* @n's label, after @o's and an arrow when its What lines changed: a rename says both */
static void append_labels(GString *s, const struct abi_entry *o,
			  const struct abi_entry *n)
{
	if (o && !same_whats(o, n)) {
		append_label(s, o);
		g_string_append(s, " -> ");
	}
	append_label(s, n);
}

static char *change_message(const struct diff_cmd *c, const struct abi_change *ch)
{
	const struct abi_entry *o = ch->old_entry, *n = ch->new_entry;
	GString *s = g_string_new(NULL);
	char *was = o ? shown_path(&c->old, o->file->path) : NULL;

	switch (ch->kind) {
	case ABI_CHANGE_ADDED:
	case ABI_CHANGE_REMOVED:
		g_string_append_printf(s, "%s ", abi_level_name((n ?: o)->level));
		append_label(s, n ?: o);
		break;
	case ABI_CHANGE_CHANGED:
		append_labels(s, o, n);
		for (unsigned int bit = 1, k = 0; bit & ABI_FIELD_ALL; bit <<= 1)
			if (ch->fields & bit)
				g_string_append_printf(s, "%s%s", k++ ? ", " : ": ",
						       abi_field_name(bit));
		break;
	case ABI_CHANGE_MOVED_FILE:
	case ABI_CHANGE_MOVED_LEVEL:
		append_labels(s, o, n);
		if (ch->kind == ABI_CHANGE_MOVED_LEVEL)
			g_string_append_printf(s, " from %s to %s",
					       abi_level_name(o->level),
					       abi_level_name(n->level));
		g_string_append_printf(s, " (was %s:%u)", was, o->line);
		break;
	default:
		break;
	}
	free(was);
	return g_string_free(s, FALSE);
}

static void report_changes(struct value *report, const struct diff_cmd *c,
			   const struct abi_diff *d, const struct diff_places *places)
{
	struct value *list = value_set(report, "changes", value_array_new());

	for (size_t i = 0; i < d->n_changes; i++) {
		const struct abi_change *ch = &d->changes[i];
		struct value *v = value_append(list, value_object_new());
		char *msg = change_message(c, ch);

		value_set_str(v, "kind", abi_change_kind_name(ch->kind));
		value_set(v, "whats", whats_value(ch->new_entry ?: ch->old_entry));
		/* the old entry's, beside: a renamed What is named both ways */
		value_set(v, "old_whats",
			  ch->old_entry ? whats_value(ch->old_entry) : value_null_new());
		value_set(v, "old", place_value(&c->old, ch->old_entry));
		value_set(v, "new", place_value(&c->new, ch->new_entry));
		value_set(v, "annotation",
			  annotation_value(c, places, ch->old_entry, ch->new_entry));
		value_set(v, "fields", fields_value(ch->fields));
		value_set_str(v, "message", msg);
		g_free(msg);
	}
}

static void report_violations(struct value *report, const struct diff_cmd *c,
			      const struct abi_diff *d, const struct diff_places *places)
{
	struct value *list = value_set(report, "violations", value_array_new());

	for (size_t i = 0; i < d->n_violations; i++) {
		const struct abi_violation *vi = &d->violations[i];
		const struct abi_entry *e = vi->new_entry ?: vi->old_entry;
		const struct side *s = vi->new_entry ? &c->new : &c->old;
		struct value *v = value_append(list, value_object_new());
		char *file = shown_path(s, e->file->path);

		value_set_str(v, "rule", abi_rule_name(vi->rule));
		value_set_str(v, "message", vi->message);
		value_set_str(v, "help", abi_rule_help(vi->rule));
		value_set_str(v, "file", file);
		value_set_int(v, "line", e->line);
		value_set_str(v, "tree", vi->new_entry ? "new" : "old");
		value_set(v, "annotation",
			  annotation_value(c, places, vi->old_entry, vi->new_entry));
		value_set(v, "whats", whats_value(e));
		value_set(v, "fields", fields_value(vi->fields));
		free(file);
	}
}

/* Like a compiler: by file, then line; the order of discovery breaks ties. */
/* The new diagnostics into the report; their counts by kind into @by_kind. */
static int report_diags(struct value *report, const struct diff_cmd *c,
			const struct abi_diff *d, size_t by_kind[ABI_DIAG_KIND_COUNT])
{
	struct value *list = value_set(report, "new_diagnostics", value_array_new());
	const struct abi_diag **found;
	size_t n;
	int r = abi_diff_new_diags(d, c->old.log, c->new.log, &found, &n);

	if (r < 0)
		return cli_error("diff: %s", strerror(-r));
	for (size_t i = 0; i < n; i++) {
		by_kind[found[i]->kind]++;
		if (found[i]->severity != ABI_SEVERITY_LINT || c->lint)
			value_append(list, diag_value(c->new.shown, found[i]));
	}
	value_sort(list, diag_value_cmp);
	free(found);
	return 0;
}

/* Counts, what fails the run and what did; returns whether the run fails. */
static bool report_summary(struct value *report, const struct diff_cmd *c,
			   const struct abi_diff *d,
			   const size_t by_kind[ABI_DIAG_KIND_COUNT])
{
	struct value *sum = value_set(report, "summary", value_object_new());
	struct value *changes = value_set(sum, "changes", value_object_new());
	struct value *rules = value_set(sum, "violations", value_object_new());
	struct value *sev = value_set(sum, "new_diagnostics", value_object_new());
	struct value *kinds =
		value_set(sum, "new_diagnostics_by_kind", value_array_new());
	struct value *fail_on = value_set(report, "fail_on", value_array_new());
	struct value *failing = value_set(report, "failing", value_array_new());
	size_t by_sev[ABI_SEVERITY_COUNT] = { 0 };

	for (int i = 0; i < ABI_CHANGE_KIND_COUNT; i++)
		value_set_int(changes, abi_change_kind_name(i),
			      (long long)d->change_counts[i]);
	for (int i = 0; i < ABI_RULE_COUNT; i++)
		value_set_int(rules, abi_rule_name(i), (long long)d->rule_counts[i]);
	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		struct value *v;

		by_sev[abi_diag_kind_severity(k)] += by_kind[k];
		if (!by_kind[k])
			continue;
		v = value_append(kinds, value_object_new());
		value_set_str(v, "kind", abi_diag_kind_name(k));
		value_set_str(v, "severity",
			      abi_severity_name(abi_diag_kind_severity(k)));
		value_set_int(v, "count", (long long)by_kind[k]);
	}
	for (int s = 0; s < ABI_SEVERITY_COUNT; s++)
		value_set_int(sev, abi_severity_name(s), (long long)by_sev[s]);

	for (int i = 0; i < ABI_RULE_COUNT; i++) {
		if (c->fail_on.rule[i])
			value_append(fail_on, value_string_new(abi_rule_name(i)));
		if (c->fail_on.rule[i] && d->rule_counts[i])
			value_append(failing, value_string_new(abi_rule_name(i)));
	}
	for (int i = 0; i < ABI_CHANGE_KIND_COUNT; i++) {
		if (c->fail_on.change[i])
			value_append(fail_on, value_string_new(abi_change_kind_name(i)));
		if (c->fail_on.change[i] && d->change_counts[i])
			value_append(failing, value_string_new(abi_change_kind_name(i)));
	}
	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++) {
		bool shown = abi_diag_kind_severity(k) != ABI_SEVERITY_LINT || c->lint;

		if (c->fail_on.diag[k])
			value_append(fail_on, value_string_printf("new-%s",
								  abi_diag_kind_name(k)));
		if (c->fail_on.diag[k] && shown && by_kind[k])
			value_append(failing, value_string_printf("new-%s",
								  abi_diag_kind_name(k)));
	}
	return value_len(failing) > 0;
}

static int build_report(const struct diff_cmd *c, const struct abi_diff *d,
			struct value **out)
{
	struct value *report;
	size_t by_kind[ABI_DIAG_KIND_COUNT] = { 0 };
	struct diff_places *places;
	bool fail;
	int r;

	*out = NULL;
	r = diff_places_new(d, &places);
	if (r < 0)
		return cli_error("diff: %s", strerror(-r));
	report = value_object_new();
	value_set_int(report, "schema_version", 1);
	value_set_str(report, "command", "diff");
	value_set(report, "old", side_value(&c->old));
	value_set(report, "new", side_value(&c->new));
	report_changes(report, c, d, places);
	report_violations(report, c, d, places);
	diff_places_free(places);
	r = report_diags(report, c, d, by_kind);
	if (r) {
		value_free(report);
		return r;
	}
	fail = report_summary(report, c, d, by_kind);
	value_set_bool(report, "lint_shown", c->lint);
	value_set_str(report, "result", fail ? "fail" : "pass");
	*out = report;
	return 0;
}

/* Returns CLI_RUN, or the exit status to end with: after --help, or on misuse. */
static int parse_options(struct cli *cli, struct diff_cmd *c, int *argc, char ***argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "git", required_argument, NULL, OPT_GIT },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "lint", no_argument, NULL, OPT_LINT },
		{},
	};
	int opt, r, n;

	/* every rule, and new errors */
	for (int i = 0; i < ABI_RULE_COUNT; i++)
		c->fail_on.rule[i] = true;
	for (int k = 0; k < ABI_DIAG_KIND_COUNT; k++)
		c->fail_on.diag[k] = abi_diag_kind_severity(k) == ABI_SEVERITY_ERROR;
	while ((opt = cli_getopt(cli, &cmd_diff, *argc, *argv, options, &r)) != -1) {
		switch (opt) {
		case OPT_GIT:
			c->git_dir = optarg;
			break;
		case OPT_FAIL_ON:
			r = parse_fail_on(&c->fail_on, &c->lint, optarg);
			if (r)
				return r;
			break;
		case OPT_LINT:
			c->lint = true;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;
	n = *argc - optind;
	if (c->git_dir && n != 2 && n != 1)
		return cli_usage_error(
			&cmd_diff,
			"--git %s needs two revisions, OLD and NEW, a range "
			"(A..B, A...B), or one revision to compare the work "
			"tree with",
			c->git_dir);
	if (c->git_dir && cli->abi_dir)
		return cli_usage_error(&cmd_diff, "--abi and --git exclude each other");
	if (n < 1 || n > 2)
		return cli_usage_error(&cmd_diff,
				       n ? "too many arguments" : "no OLD tree given");
	if (n == 2 && cli->abi_dir)
		return cli_usage_error(&cmd_diff,
				       "--abi names NEW: give it or NEW, not both");
	*argc = n;
	*argv += optind;
	return CLI_RUN;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct diff_cmd c = { 0 };
	struct abi_diff *d = NULL;
	struct value *report = NULL;
	bool fail;
	int r;

	r = parse_options(cli, &c, &argc, &argv);
	if (r != CLI_RUN)
		return r;
	r = load_sides(cli, &c, argc, argv);
	if (r == 0) {
		r = abi_diff_new(c.old.tree, c.new.tree, &d);
		r = r < 0 ? cli_error("diff: %s", strerror(-r)) : 0;
	}
	if (r == 0)
		r = build_report(&c, d, &report);
	if (r == 0) {
		fail = g_strcmp0(value_str(value_get(report, "result")), "fail") == 0;
		r = cli_emit(cli, report);
		r = r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
	}
	value_free(report);
	abi_diff_free(d);
	release_side(&c.old);
	release_side(&c.new);
	g_free(c.range_a);
	g_free(c.range_new);
	g_free(c.worktree);
	remove_tmp(&c);
	return r;
}

const struct command cmd_diff = {
	.name = "diff",
	.run = run,
	.report = &diff_report_kind,
	.summary = "compare two versions of the ABI documentation, as CI does",
	.takes_args = true,
	.usage =
		"Usage: sysabi diff [OPTION]... OLD [NEW]\n"
		"  or:  sysabi diff [OPTION]... --git DIR OLD-REV NEW-REV\n"
		"  or:  sysabi diff [OPTION]... --git DIR A..B | A...B | REV\n"
		"Compare two Documentation/ABI trees, matching entries by their What lines:\n"
		"report entries added, removed, changed (which fields), moved to another file\n"
		"or level; the changes that break the rules of Documentation/ABI/README; and\n"
		"the diagnostics NEW has that OLD had not. Without NEW, NEW is the tree the\n"
		"other commands read. With --git, A..B is A and B, A...B is B and where it\n"
		"forked from A (git merge-base: what a branch brings), and a single REV is\n"
		"compared with the work tree's Documentation/ABI, uncommitted changes and all.\n"
		"\n"
		"Options:\n"
		"      --git DIR        read both trees from revisions of the kernel git tree\n"
		"                       DIR (the work tree is not touched); symbolic links\n"
		"                       in them are not followed, and a revision with a\n"
		"                       file over 64 MiB, over 512 MiB in all, over 20000\n"
		"                       entries or a path over 1024 bytes is refused\n"
		"      --fail-on LIST   what fails the run, comma-separated: rule ids,\n"
		"                       change kinds, new-KIND for a diagnostic kind,\n"
		"                       new-errors, new-diagnostics, all or none (default:\n"
		"                       every rule and new-errors)\n"
		"      --lint           show new lint diagnostics (always counted; naming\n"
		"                       one in --fail-on shows it too)\n" CLI_COMMON_HELP
		"\n"
		"Rules: stable-to-testing, removed-without-obsolete, vanished-stable,\n"
		"vanished-testing, obsolete-vanished, new-missing-field,\n"
		"new-kernelversion-older. Change kinds: added, removed, changed, moved-file,\n"
		"moved-level.\n"
		"\n"
		"Exit status: 0 when nothing of a --fail-on kind was found, 1 otherwise,\n"
		"2 when a tree or a revision cannot be read.\n",
};
