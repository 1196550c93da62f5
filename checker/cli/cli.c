// SPDX-License-Identifier: GPL-2.0-or-later
/* Options every command shares, error messages, and writing a report out. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "report/checks.h"
#include "cli.h"
#include "output-file.h"

/* The last error said, for a KTAP document of a run that could not report. */
static char last_error[512];

static void verror(const char *fmt, va_list ap)
{
	va_list again;

	va_copy(again, ap);
	vsnprintf(last_error, sizeof(last_error), fmt, again);
	va_end(again);
	fputs("sysabi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return EXIT_TROUBLE;
}

int cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		verror(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "Try 'sysabi %s%s--help' for more information.\n",
		cmd ? cmd->name : "", cmd ? " " : "");
	return EXIT_TROUBLE;
}

int cli_common_option(struct cli *cli, const struct command *cmd, int opt,
		      const char *arg, bool *done)
{
	*done = false;
	switch (opt) {
	case OPT_ABI:
		cli->abi_dir = arg;
		return 1;
	case OPT_FORMAT:
		if (format_parse(arg, &cli->format) < 0) {
			*done = true;
			return cli_usage_error(cmd, "unknown format '%s' (formats: %s)",
					       arg, format_list());
		}
		cli->format_given = true;
		return 1;
	case OPT_TEMPLATE:
		if (!*arg) {
			*done = true;
			return cli_usage_error(cmd, "--template needs a file name");
		}
		cli->template_file = arg;
		return 1;
	case OPT_COLOR:
		if (strcmp(arg, "auto") && strcmp(arg, "always") &&
		    strcmp(arg, "never")) {
			*done = true;
			return cli_usage_error(
				cmd, "--color takes auto, always or never, not '%s'",
				arg);
		}
		cli->color = arg[0] == 'a' ? (arg[1] == 'u' ? 0 : 1) : -1;
		return 1;
	case OPT_SUMMARY:
		cli->summary = true;
		return 1;
	case OPT_QUIET:
		cli->quiet = true;
		return 1;
	case 'o':
		if (!*arg) {
			*done = true;
			return cli_usage_error(cmd, "--output needs a file name");
		}
		if (cli->n_outputs == CLI_MAX_OUTPUTS) {
			*done = true;
			return cli_usage_error(cmd, "--output given more than %d times",
					       CLI_MAX_OUTPUTS);
		}
		cli->outputs[cli->n_outputs++] = arg;
		return 1;
	case 'h':
		*done = true;
		if (cmd)
			fputs(cmd->usage, stdout);
		return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	case '?':
		*done = true;
		return cli_usage_error(cmd, NULL);
	}
	return 0;
}

/* getopt_long(3)'s short options: the entries of @options whose value is a letter. */
static void short_options(const struct option *options, char *buf, size_t size)
{
	size_t n = 0;

	for (const struct option *o = options; o->name && n + 3 < size; o++) {
		if (o->flag || o->val >= 0x80 || !g_ascii_isalpha(o->val))
			continue;
		buf[n++] = (char)o->val;
		if (o->has_arg != no_argument)
			buf[n++] = ':';
		if (o->has_arg == optional_argument)
			buf[n++] = ':';
	}
	buf[n] = '\0';
}

/* The extension of @path's file name (".pdf"), or NULL: "out/.json" is a hidden file. */
static const char *extension(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');

	return dot && dot > base && dot[1] ? dot : NULL;
}

/*
 * No format is chosen silently: each -o FILE's name says its format (.json .md .html
 * .xml .ktap .txt), or --format does for a single file whose name says nothing
 * else; a name of another format, or of none sysabi writes, is an error with the
 * names that would do. A format of checks needs a command that makes them. Returns
 * CLI_RUN, or EXIT_TROUBLE after saying why.
 */
static int check_outputs(const struct cli *cli, const struct command *cmd)
{
	static const char names[] =
		"name it .json, .md, .html, .xml (JUnit), .ktap or .txt";
	bool queries = !cmd->report->add_checks;

	for (int i = 0; i < cli->n_outputs && !cli->template_file; i++) {
		const char *path = cli->outputs[i], *ext = extension(path);
		enum output_format f;
		bool named = format_of_file(path, &f) == 0;

		if (strcmp(path, "-") == 0)
			continue;
		if (named && cli->format_given && cli->n_outputs == 1 && f != cli->format)
			return cli_usage_error(
				cmd,
				"-o %s: a %s file, and --format %s; name it "
				"%s or leave --format out",
				path, format_name(f), format_name(cli->format),
				format_suffix(cli->format));
		if (!named && ext && !(cli->format_given && cli->n_outputs == 1))
			return cli_usage_error(
				cmd,
				"-o %s: no format of sysabi writes %s files; %s, "
				"or give --format",
				path, ext, names);
		if (named && queries && format_needs_checks(f))
			return cli_usage_error(cmd,
					       "-o %s: %s writes text or json, and no %s",
					       path, cmd->name, format_name(f));
	}
	if (!cli->template_file && queries && format_needs_checks(cli->format))
		return cli_usage_error(cmd, "--format %s: %s writes text or json",
				       format_name(cli->format), cmd->name);
	return CLI_RUN;
}

int cli_getopt(struct cli *cli, const struct command *cmd, int argc, char **argv,
	       const struct option *options, int *status)
{
	char shorts[64];
	bool done;
	int opt;

	short_options(options, shorts, sizeof(shorts));
	*status = CLI_RUN;
	opterr = 0; /* cli_bad_option() says why, as sysabi */
	while ((opt = getopt_long(argc, argv, shorts, options, NULL)) != -1) {
		int r;

		if (opt == '?') {
			*status = cli_bad_option(cmd, argv, options, shorts);
			return -1;
		}
		r = cli_common_option(cli, cmd, opt, optarg, &done);

		if (done) {
			*status = r;
			return -1;
		}
		if (!r)
			return opt;
	}
	if (optind < argc && !cmd->takes_args)
		*status = cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	else if (cmd->report)
		*status = check_outputs(cli, cmd);
	return -1;
}

int cli_write_stdout(const char *buf, size_t len)
{
	int r = 0;

	errno = 0;
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0)
		r = errno ? errno : EIO;
	return r ? cli_error("cannot write to standard output: %s", strerror(r)) : 0;
}

int cli_write_file(const char *path, const char *buf, size_t len)
{
	int r;

	if (strcmp(path, "-") == 0)
		return cli_write_stdout(buf, len);
	r = output_file_write(path, buf, len);

	return r < 0 ? cli_error("cannot write '%s': %s", path, strerror(-r)) : 0;
}

/* Colour: asked for, or on a terminal that is not dumb, when NO_COLOR is not set. */
static bool want_color(const struct cli *cli)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (cli->color)
		return cli->color > 0;
	return !cli->n_outputs && isatty(STDOUT_FILENO) && !(no && *no) &&
	       !(term && strcmp(term, "dumb") == 0);
}

static bool every_check_skipped(const struct value *report)
{
	const struct value *checks = value_get(report, "checks");

	for (size_t i = 0; i < value_len(checks); i++)
		if (strcmp(value_str(value_get(value_at(checks, i), "status")) ?: "",
			   "skip"))
			return false;
	return value_len(checks) > 0;
}

/* The format of output @i: its file's extension says, else --format. */
static enum output_format output_format(const struct cli *cli, int i)
{
	enum output_format f;

	/* a single file takes the --format asked for, whatever its name */
	if ((cli->n_outputs == 1 && cli->format_given) || cli->template_file)
		return cli->format;
	return format_of_file(cli->outputs[i], &f) == 0 ? f : cli->format;
}

/* Render @report in @format: a malloc'd buffer, or NULL after printing why. */
static char *render(const struct cli *cli, const struct value *report,
		    enum output_format format, size_t *len)
{
	struct render_options opt = { cli->command->report, format,
				      cli->format_given,    cli->template_file,
				      want_color(cli),      cli->summary };
	struct template_error err;
	char *buf;
	int r;

	/* check_outputs() refused these before the run; a caller of cli_emit() may not
	 * have come through it */
	if (format_needs_checks(format) && !cli->template_file &&
	    !value_get(report, "checks")) {
		cli_error(
			"%s: --format %s shows reports of checks, which %s does not make: "
			"use text or json",
			cli->command->name, format_name(format), cli->command->name);
		return NULL;
	}
	r = render_report(report, &opt, &buf, len, &err);
	if (r < 0 && err.file[0])
		/* "FILE:LINE: MESSAGE", or "FILE: MESSAGE" when no line is to blame */
		cli_error("%s%s%.0u: %s", err.file, err.line ? ":" : "", err.line,
			  err.message);
	else if (r < 0)
		cli_error("cannot render the report: %s", strerror(-r));
	return r < 0 ? NULL : buf;
}

/*
 * With -o FILE and no report on standard output, the job's log still says what came of
 * the run: "sysabi audit: fail (undocumented); written: a.json (json), a.html (html)".
 */
static int say_written(const struct cli *cli, const struct value *report)
{
	const char *result = value_str(value_get(report, "result"));
	const struct value *failing = value_get(report, "failing");
	GString *s;
	int r;

	struct stat out, st;
	bool have_out = fstat(STDOUT_FILENO, &out) == 0;

	/* the report itself went to standard output (-, /dev/stdout): nothing to add */
	for (int i = 0; i < cli->n_outputs; i++)
		if (strcmp(cli->outputs[i], "-") == 0 ||
		    (have_out && stat(cli->outputs[i], &st) == 0 &&
		     st.st_dev == out.st_dev && st.st_ino == out.st_ino))
			return 0;
	if (cli->quiet)
		return 0;
	s = g_string_new(NULL);
	g_string_printf(s, "sysabi %s: %s", cli->command->name, result ? result : "done");
	for (size_t i = 0; i < value_len(failing); i++)
		g_string_append_printf(s, "%s%s", i ? ", " : " (",
				       value_str(value_at(failing, i)) ?: "");
	g_string_append(s, value_len(failing) ? "); written: " : "; written: ");
	for (int i = 0; i < cli->n_outputs; i++)
		g_string_append_printf(s, "%s%s (%s)", i ? ", " : "", cli->outputs[i],
				       format_name(output_format(cli, i)));
	g_string_append_c(s, '\n');
	r = cli_write_stdout(s->str, s->len);
	g_string_free(s, TRUE);
	return r;
}

int cli_emit(struct cli *cli, struct value *report)
{
	char *bufs[CLI_MAX_OUTPUTS] = { NULL };
	size_t lens[CLI_MAX_OUTPUTS];
	/* checks are for JSON, the check formats and a user's template; text has none */
	bool checks = cli->template_file ||
		      (!cli->n_outputs && format_has_checks(cli->format));
	int r = 0;

	for (int i = 0; i < cli->n_outputs; i++)
		checks |= format_has_checks(output_format(cli, i));
	if (checks)
		report_add_checks(report, cli->command->report);
	cli->all_skipped = every_check_skipped(report);
	cli->emitted = true;
	if (!cli->n_outputs) {
		char *buf = render(cli, report, cli->format, &lens[0]);

		if (!buf)
			return EXIT_TROUBLE;
		r = cli_write_stdout(buf, lens[0]);
		free(buf);
		return r;
	}
	/* every report is rendered before any file is written */
	for (int i = 0; i < cli->n_outputs && !r; i++) {
		bufs[i] = render(cli, report, output_format(cli, i), &lens[i]);
		r = bufs[i] ? 0 : EXIT_TROUBLE;
	}
	for (int i = 0; i < cli->n_outputs && !r; i++)
		r = cli_write_file(cli->outputs[i], bufs[i], lens[i]);
	for (int i = 0; i < cli->n_outputs; i++)
		free(bufs[i]);
	if (r == 0)
		r = say_written(cli, report);
	return r;
}

/*
 * A run that ends in an error before its report, under --format ktap: still a KTAP
 * document, one test that failed with the reason, so that kselftest's runner reads a
 * failure and not garbage. Its last error line, cut at a newline, is the reason.
 */
static void ktap_trouble(const struct cli *cli)
{
	const char *name = cli->command ? cli->command->name : "sysabi";
	char *why = g_strndup(last_error, strcspn(last_error, "\n"));
	char *doc = g_strdup_printf(
		"KTAP version 1\n"
		"# sysabi %s " SYSABI_VERSION ": could not run\n"
		"1..1\n"
		"# %s: error: %s\n"
		"not ok 1 %s\n"
		"# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0\n",
		name, name, *why ? why : "an error", name);

	bool stdout_only = true;

	/* on standard output only: a file named by -o may be what was refused */
	for (int i = 0; i < cli->n_outputs; i++)
		stdout_only &= strcmp(cli->outputs[i], "-") == 0;
	if (stdout_only)
		cli_write_stdout(doc, strlen(doc));
	g_free(doc);
	g_free(why);
}

int cli_exit_status(const struct cli *cli, int status)
{
	if (!format_kselftest_exit(cli->format))
		return status;
	if (status == EXIT_TROUBLE && !cli->emitted)
		ktap_trouble(cli);
	if (status == EXIT_CLEAN)
		return cli->all_skipped ? 4 : 0;
	return 1;
}
