/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the commands share: the options every command takes, finding and loading the
 * ABI tree, and writing a report. Commands return the process exit status.
 */
#ifndef SYSABI_CLI_H
#define SYSABI_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "abi/abi.h"
#include "common/macro.h"
#include "report/render.h"
#include "report/report-kind.h"
#include "report/value.h"

/* Exit status: part of the interface. */
enum {
	EXIT_CLEAN = 0,    /* nothing found at or above the failing level */
	EXIT_FINDINGS = 1, /* findings */
	EXIT_TROUBLE = 2,  /* usage or runtime error */
};

enum {
	OPT_ABI = 0x100,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_HELP,
	OPT_TEMPLATE,
	OPT_COLOR,
	OPT_QUIET,
	OPT_SUMMARY,
	OPT_COMMAND_BASE = 0x200, /* commands number their long-only options from here */
};

#define CLI_MAX_OUTPUTS 8

/* The options every command takes, before or after its name. */
struct cli {
	const char *abi_dir;
	const char *abi_origin; /* how abi_dir was chosen, when not by --abi */
	bool summary;           /* --summary: the text report without each finding */
	enum output_format format;
	bool format_given;
	const char *template_file;            /* --template */
	int color;                            /* --color: -1 never, 0 auto, 1 always */
	const char *outputs[CLI_MAX_OUTPUTS]; /* -o, in order; none: stdout */
	enum output_format output_formats[CLI_MAX_OUTPUTS];
	int n_outputs;
	bool quiet;       /* --quiet: with -o FILE, no summary on standard output */
	bool all_skipped; /* set by cli_emit(): every check was skipped */
	bool emitted;     /* set by cli_emit(): a report was rendered */
	const struct command *command; /* the command that runs */
};

/* a table clang-format cannot read as one */
/* clang-format off */
#define CLI_COMMON_OPTIONS                                         \
	{ "abi", required_argument, NULL, OPT_ABI },               \
	{ "dir", required_argument, NULL, OPT_ABI },               \
	{ "format", required_argument, NULL, OPT_FORMAT },         \
	{ "output", required_argument, NULL, 'o' },                \
	{ "template", required_argument, NULL, OPT_TEMPLATE },     \
	{ "color", required_argument, NULL, OPT_COLOR },           \
	{ "quiet", no_argument, NULL, OPT_QUIET },                 \
	{ "summary", no_argument, NULL, OPT_SUMMARY },             \
	{ "help", no_argument, NULL, 'h' }
/* clang-format on */
#define CLI_COMMON_SHORT "o:h"

#define CLI_COMMON_HELP                                                                  \
	"      --abi DIR        the Documentation/ABI tree (default: $SYSABI_ABI_DIR,\n" \
	"                       the kernel tree's you are in, else the tree\n"           \
	"                       `make abi-docs` installed)\n"                            \
	"      --dir DIR        the same, as get_abi.pl names it\n"                      \
	"      --format FORMAT  text (default), json, markdown, html, junit, ktap,\n"    \
	"                       sarif or github (with ktap, exit codes are\n"            \
	"                       kselftest's: 0 pass, 1 fail, 4 skip)\n"                  \
	"      --template FILE  render the report with this template instead\n"          \
	"      --color WHEN     text in colour: auto (default: on a terminal, unless\n"  \
	"                       NO_COLOR is set), always or never\n"                     \
	"  -o, --output FILE    write the report to FILE (- for standard output), a\n"   \
	"                       regular file atomically; repeat it to write several\n"   \
	"                       formats from one run. The format is FILE's\n"            \
	"                       extension's (.json .md .html .xml .ktap .sarif\n"        \
	"                       .github .txt), unless --format is given for a\n"         \
	"                       single FILE; the result and the files written are\n"     \
	"                       said on standard output\n"                               \
	"      --quiet          with -o FILE, say nothing on standard output\n"          \
	"      --summary        the text report's counts and result, not each finding\n" \
	"  -h, --help           show this help\n"

/* The same, for the commands that answer queries (search, match): text and json. */
#define CLI_QUERY_HELP                                                                   \
	"      --abi DIR        the Documentation/ABI tree (default: $SYSABI_ABI_DIR,\n" \
	"                       the kernel tree's you are in, else the tree\n"           \
	"                       `make abi-docs` installed)\n"                            \
	"      --dir DIR        the same, as get_abi.pl names it\n"                      \
	"      --format FORMAT  text (default) or json\n"                                \
	"      --template FILE  render the report with this template instead\n"          \
	"      --color WHEN     text in colour: auto (default: on a terminal, unless\n"  \
	"                       NO_COLOR is set), always or never\n"                     \
	"  -o, --output FILE    write the report to FILE (- for standard output), a\n"   \
	"                       regular file atomically; repeat it to write both\n"      \
	"                       formats from one run. The format is FILE's\n"            \
	"                       extension's (.json .txt), unless --format is given\n"    \
	"                       for a single FILE\n"                                     \
	"      --quiet          with -o FILE, say nothing on standard output\n"          \
	"  -h, --help           show this help\n"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
	const char *usage; /* the full --help text */
	bool takes_args;   /* arguments after the options; else one is misuse */
	const struct report_kind *report; /* what cli_emit() writes; NULL: it writes none */
};

/*
 * Handle a common option found by a getopt_long loop. Returns 1 when @opt was one, 0
 * when it was not, and an exit status (after printing why) on a bad value, an unknown
 * option or --help, with *@done set. @cmd is NULL before the command's name.
 */
int cli_common_option(struct cli *cli, const struct command *cmd, int opt,
		      const char *arg, bool *done);

/* What a command's option parsing returns when the command is to run: no exit status. */
#define CLI_RUN (-1)

/*
 * getopt_long(3) over @cmd's @options (CLI_COMMON_OPTIONS among them; the short options
 * are those whose value is a letter), with the common options handled here. Returns the
 * next option that is the command's own, or -1 when none is left, with *@status CLI_RUN
 * if the command is to run, else the exit status to end with: after --help, or after
 * saying why on a bad value, an unknown option, or an argument to a command that takes
 * none (takes_args).
 */
int cli_getopt(struct cli *cli, const struct command *cmd, int argc, char **argv,
	       const struct option *options, int *status);

/*
 * The name of @names closest to the mistyped @word (two edits at most, or @word the start
 * of it), or NULL: for "did you mean" (suggest.c).
 */
const char *cli_closest(const char *word, const char *const *names, size_t n);

/*
 * Say why getopt_long(3) refused the option before optind (with opterr 0): unknown, with
 * the closest of @options, ambiguous, or missing its value. @shorts: the short options
 * given to getopt_long. Returns EXIT_TROUBLE.
 */
int cli_bad_option(const struct command *cmd, char **argv, const struct option *options,
		   const char *shorts);

/* Print "sysabi: MESSAGE" and the hint to try --help, for misuse. Returns EXIT_TROUBLE. */
int cli_usage_error(const struct command *cmd, const char *fmt, ...) _printf_(2, 3);
/* Print "sysabi: MESSAGE" for a runtime error. Returns EXIT_TROUBLE. */
int cli_error(const char *fmt, ...) _printf_(1, 2);

/* Write @len bytes to standard output, flushed. Returns 0, or EXIT_TROUBLE after
 * printing why. */
int cli_write_stdout(const char *buf, size_t len);

/* Write @len bytes to @path: standard output for "-", else output_file_write(): a
 * regular file atomically, a device or FIFO in place. Returns 0, or EXIT_TROUBLE after
 * printing why; no partial file is ever left. */
int cli_write_file(const char *path, const char *buf, size_t len);

/*
 * Add the report's checks (checks.h), render it in the chosen format as the running
 * command's kind of report and write it
 * whole, to stdout or atomically to --output. Returns 0, or EXIT_TROUBLE after
 * printing why (a template error as FILE:LINE: MESSAGE).
 */
int cli_emit(struct cli *cli, struct value *report);

/* The exit status under --format ktap: kselftest's 0 pass, 1 fail, 4 skip; an error
 * before any report writes a KTAP document of one failed test that says why. */
int cli_exit_status(const struct cli *cli, int status);

#endif
