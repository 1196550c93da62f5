// SPDX-License-Identifier: GPL-2.0-or-later
/* sysabi search REGEX: the entries whose What matches, with all their fields. */
#include <regex.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "docs.h"
#include "cli/entry-value.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_search;

static bool entry_matches(const struct abi_entry *e, const regex_t *re)
{
	for (size_t w = 0; w < e->n_whats; w++)
		if (regexec(re, e->whats[w].text, 0, NULL, 0) == 0)
			return true;
	return false;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = { CLI_COMMON_OPTIONS, {} };
	struct doc_source src;
	struct value *report, *entries;
	size_t found = 0;
	regex_t re;
	int r;

	/* it has no option of its own: each is a common one, handled there */
	while (cli_getopt(cli, &cmd_search, argc, argv, options, &r) != -1)
		;
	if (r != CLI_RUN)
		return r;
	if (argc - optind != 1)
		return cli_usage_error(&cmd_search, argc == optind ? "no REGEX given" :
								     "one REGEX only");
	r = regcomp(&re, argv[optind], REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (r) {
		char msg[256];

		regerror(r, &re, msg, sizeof(msg));
		return cli_usage_error(&cmd_search, "bad REGEX '%s': %s", argv[optind],
				       msg);
	}
	r = doc_source_load(cli, NULL, NULL, &src);
	if (r) {
		regfree(&re);
		return r;
	}
	report = doc_source_report(&src, "search");
	value_set_str(report, "regex", argv[optind]);
	entries = value_set(report, "entries", value_array_new());
	for (size_t i = 0; i < src.tree->n_entries; i++) {
		if (!entry_matches(src.tree->entries[i], &re))
			continue;
		value_append(entries, entry_value(&src, src.tree->entries[i]));
		found++;
	}
	value_set_int(report, "count", (long long)found);
	regfree(&re);

	r = cli_emit(cli, report);
	value_free(report);
	doc_source_release(&src);
	return r ? r : found ? EXIT_CLEAN : EXIT_FINDINGS;
}

const struct command cmd_search = {
	.name = "search",
	.run = run,
	.report = &search_report_kind,
	.summary = "show the entries whose What matches a regular expression",
	.takes_args = true,
	.usage =
		"Usage: sysabi search [OPTION]... REGEX\n"
		"Show every entry that has a What line matching REGEX (POSIX extended,\n"
		"case-insensitive): its What lines, level, file:line, Date, KernelVersion,\n"
		"Contact, Users and Description.\n"
		"\n"
		"Options:\n" CLI_QUERY_HELP "\n"
		"Exit status: 0 when an entry matched, 1 when none did, 2 on errors.\n",
};
