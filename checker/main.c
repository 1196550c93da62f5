// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi: is this kernel's sysfs ABI documented, and does the documentation hold?
 * The command table; global options; dispatch.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/macro.h"

/*
 * The commands, in the order --help lists them. A command is a folder of checker/ with
 * a cmd-NAME.c that defines `const struct command cmd_NAME` (cli/cli.h): its options,
 * its run function and its kind of report. Adding one is a line here.
 */
/* clang-format off */
#define COMMANDS(X) \
	X(audit) X(undefined) X(validate) X(search) X(match) X(btf) X(diff) X(rest) \
	X(snapshot) X(compare) X(fleet) X(index)
/* clang-format on */

#define DECLARE(name) extern const struct command cmd_##name;
#define ENTRY(name) &cmd_##name,
COMMANDS(DECLARE)
static const struct command *const commands[] = { COMMANDS(ENTRY) };

static void usage(FILE *out)
{
	fputs("Usage: sysabi [OPTION]... COMMAND [ARG]...\n"
	      "Check the kernel's sysfs ABI against its documentation (Documentation/ABI).\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Options (also accepted after the command):\n" CLI_COMMON_HELP
	      "  -V, --version        show the version\n"
	      "\n"
	      "Run 'sysabi COMMAND --help' for a command's options. Exit status: 0 when\n"
	      "nothing was found, 1 on findings, 2 on usage or runtime errors.\n",
	      out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* "'vaildate' is not a command", and the closest that is. */
static int unknown_command(const char *name)
{
	const char *names[ARRAY_SIZE(commands)], *close;

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		names[i] = commands[i]->name;
	close = cli_closest(name, names, ARRAY_SIZE(names));
	if (close)
		return cli_usage_error(NULL, "'%s' is not a command; did you mean '%s'?",
				       name, close);
	return cli_usage_error(NULL, "'%s' is not a command", name);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	struct cli cli = { .format = FORMAT_TEXT };
	const struct command *cmd;
	bool done = false;
	int opt, r;

	opterr = 0; /* cli_bad_option() says why, as sysabi */
	while ((opt = getopt_long(argc, argv, "+" CLI_COMMON_SHORT "V", options, NULL)) !=
	       -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		case 'V':
			puts("sysabi " SYSABI_VERSION);
			return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		case '?':
			return cli_bad_option(NULL, argv, options, CLI_COMMON_SHORT "V");
		default:
			r = cli_common_option(&cli, NULL, opt, optarg, &done);
			if (done)
				return r;
		}
	}
	if (optind >= argc)
		return cli_usage_error(NULL, "no command given");
	cmd = find_command(argv[optind]);
	if (!cmd)
		return unknown_command(argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0; /* a new getopt scan for the command, from argv[1] */
	cli.command = cmd;
	return cli_exit_status(&cli, cmd->run(&cli, argc, argv));
}
