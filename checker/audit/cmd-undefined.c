// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi undefined: the audit, its text report the list `get_abi.pl undefined` prints,
 * a line an undocumented file ("PATH not found."), for a maintainer's habits and
 * scripts. Every other format is the audit's.
 */
#include "audit-report.h"
#include "cli/cli.h"

extern const struct command cmd_undefined;

static int run(struct cli *cli, int argc, char **argv)
{
	return audit_command_run(cli, &cmd_undefined, argc, argv);
}

const struct command cmd_undefined = {
	.name = "undefined",
	.run = run,
	.report = &undefined_report_kind,
	.summary =
		"the audit as get_abi.pl undefined lists it: a line an undocumented file",
	.usage =
		"Usage: sysabi undefined [OPTION]...\n"
		"The audit of 'sysabi audit', its text report the list of 'get_abi.pl\n"
		"undefined': '/sys/... not found.', a line an undocumented file, sorted;\n"
		"with --show-hints, the nearest Whats under each and why they do not match.\n"
		"--search-string limits it to the paths that match, as get_abi's does. The\n"
		"other formats are the audit's.\n"
		"\n"
		"Options:\n" AUDIT_OPTIONS_HELP CLI_COMMON_HELP "\n"
		"Exit status: 0 when nothing of a --fail-on kind was found outside the\n"
		"baseline, 1 when something was, 2 on errors.\n",
};
