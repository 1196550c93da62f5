// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi match PATH...: which entries document each path, and with which pattern; and
 * the class the audit gives it (audit_judge_path(): one judgement for both), so a file
 * named in its directory's Description is by-directory here too.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "docs.h"
#include "cli/entry-value.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_match;

struct match {
	const struct doc_source *src;
	struct value *matches;
	bool dir;
};

static int add_match(void *data, const struct abi_what *w)
{
	struct match *m = data;

	/* a What ending in '/' documents directories only */
	if (!w->is_dir || m->dir)
		value_append(m->matches, what_value(m->src, w));
	return 0;
}

/* A path names a directory when it ends in '/' or is one on this system. */
static bool names_dir(const char *path)
{
	struct stat st;

	return path[strlen(path) - 1] == '/' ||
	       (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/* Whether the first @len bytes of @path name a symbolic link on this system. */
static bool is_link(void *data, const char *path, size_t len)
{
	struct stat st;
	char *prefix = strndup(path, len);
	bool link = prefix && lstat(prefix, &st) == 0 && S_ISLNK(st.st_mode);

	free(prefix);
	return link;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = { CLI_COMMON_OPTIONS, {} };
	struct doc_source src;
	struct abi_index *index;
	struct value *report, *paths;
	size_t undocumented = 0;
	int r;

	/* it has no option of its own: each is a common one, handled there */
	while (cli_getopt(cli, &cmd_match, argc, argv, options, &r) != -1)
		;
	if (r != CLI_RUN)
		return r;
	if (optind == argc)
		return cli_usage_error(&cmd_match, "no PATH given");
	for (int i = optind; i < argc; i++)
		if (argv[i][0] != '/')
			return cli_usage_error(&cmd_match, "'%s': not an absolute path",
					       argv[i]);

	r = doc_source_load(cli, NULL, NULL, &src);
	if (r)
		return r;
	r = abi_index_new(src.tree, &index);
	if (r < 0) {
		doc_source_release(&src);
		return cli_error("cannot index the ABI tree: %s", strerror(-r));
	}
	report = doc_source_report(&src, "match");
	paths = value_set(report, "paths", value_array_new());
	for (int i = optind; i < argc; i++) {
		struct value *p = value_append(paths, value_object_new());
		struct match m = { &src, value_array_new(), names_dir(argv[i]) };

		const struct abi_what *best, *dir_match;
		enum audit_class cls;
		char *dir;

		value_set_str(p, "path", argv[i]);
		abi_index_lookup_links(index, argv[i], is_link, NULL, add_match, &m);
		value_set_bool(p, "documented", value_len(m.matches) > 0);
		value_set(p, "matches", m.matches);
		r = audit_judge_path(index, argv[i], m.dir, is_link, NULL, &cls, &best,
				     &dir_match, &dir);
		if (r < 0)
			break;
		value_set_str(p, "class", audit_class_name(cls));
		if (dir_match) {
			struct value *v =
				value_set(p, "by_directory", value_object_new());

			value_set_str(v, "directory", dir);
			value_set(v, "entry", what_value(&src, dir_match));
			free(dir);
		} else {
			value_set(p, "by_directory", value_null_new());
		}
		undocumented += cls == AUDIT_UNDOCUMENTED;
	}
	if (r < 0) {
		value_free(report);
		abi_index_free(index);
		doc_source_release(&src);
		return cli_error("cannot match: %s", strerror(-r));
	}
	value_set_int(report, "undocumented", (long long)undocumented);

	r = cli_emit(cli, report);
	value_free(report);
	abi_index_free(index);
	doc_source_release(&src);
	return r ? r : undocumented ? EXIT_FINDINGS : EXIT_CLEAN;
}

const struct command cmd_match = {
	.name = "match",
	.run = run,
	.report = &match_report_kind,
	.summary = "tell which entries document each path",
	.takes_args = true,
	.usage =
		"Usage: sysabi match [OPTION]... PATH...\n"
		"For each absolute PATH (such as /sys/class/net/eth0/mtu), list the What lines\n"
		"that match it, with the pattern as sysabi reads them, or say that none does.\n"
		"Patterns are shown with <+> for one or more characters, <*> for any run, <?>\n"
		"for one, <#> for digits, [1-5] for a digit of a range, <listed> for a name\n"
		"the entry's Description lists, ** for any number of directories;\n"
		"alternatives are spelled out, joined by ' | '. A What ending in '/'\n"
		"documents a directory: it matches a PATH ending in '/' or naming a\n"
		"directory on this system. A file no What matches is documented by its\n"
		"directory when the entry of its parent or grandparent names it in its\n"
		"Description, as the audit judges it (by-directory). A component of PATH that\n"
		"is a symbolic link on this system stops a '...', as in the audit.\n"
		"\n"
		"Options:\n" CLI_QUERY_HELP "\n"
		"Exit status: 0 when every PATH is documented (by a What or by its\n"
		"directory), 1 otherwise, 2 on errors.\n",
};
