// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command line every command shares: the common options through cli_getopt(),
 * the exit status misuse ends with and the one line that says why, the formats by
 * name and by a file's extension, and -o writing each file in its own format.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "cli/cli.h"
#include "docs/docs.h"
#include "unit.h"

enum {
	OPT_LEVEL = OPT_COMMAND_BASE,
};

#define PROBE_USAGE "Usage: sysabi probe [OPTION]...\n"

/* a command whose report has checks: every format may be asked for */
static const struct command cmd_probe = {
	.name = "probe",
	.summary = "a command that takes no arguments",
	.usage = PROBE_USAGE,
	.takes_args = false,
	.report = &validate_report_kind,
};

/* one whose report has none, as plain_report()'s: text and json only */
static const struct command cmd_plain = {
	.name = "probe",
	.summary = "a command whose report has no checks",
	.usage = PROBE_USAGE,
	.takes_args = false,
	.report = &search_report_kind,
};

static const struct command cmd_probe_args = {
	.name = "probe-args",
	.summary = "a command that takes arguments",
	.usage = "Usage: sysabi probe-args [OPTION]... FILE...\n",
	.takes_args = true,
};

/* The command's own: a short option without a value, a long-only one with one. */
static const struct option options[] = {
	CLI_COMMON_OPTIONS,
	{ "terse", no_argument, NULL, 'q' },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{},
};

/* What standard output or error received between capture_start() and capture_end(). */
struct capture {
	int fd, saved;
	FILE *file;
};

static void capture_start(struct capture *c, int fd)
{
	fflush(stdout);
	fflush(stderr);
	c->fd = fd;
	c->file = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c->file);
	c->saved = dup(fd);
	CU_ASSERT_FATAL(c->saved >= 0);
	CU_ASSERT_FATAL(dup2(fileno(c->file), fd) == fd);
}

/* Malloc'd. */
static char *capture_end(struct capture *c)
{
	char *text;
	long len;

	fflush(stdout);
	fflush(stderr);
	dup2(c->saved, c->fd);
	close(c->saved);
	len = ftell(c->file);
	text = calloc(1, (size_t)(len > 0 ? len : 0) + 1);
	rewind(c->file);
	if (len > 0 && fread(text, 1, (size_t)len, c->file) != (size_t)len)
		CU_FAIL("cannot read the captured output");
	fclose(c->file);
	return text;
}

/* A NULL-terminated list of arguments. */
#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* One command's option scan, as a command's run() makes it. */
struct scan {
	struct cli cli;
	int status;
	int opts[8]; /* the command's own, as cli_getopt() returned them */
	const char *optargs[8];
	int n_opts;
	const char *rest; /* argv[optind] after the scan */
	char *err;        /* what went to stderr */
};

/* Scan @args (ended by NULL; argv[0], the command's name, is added) for @cmd. */
static void scan(const struct command *cmd, const char *const *args, struct scan *s)
{
	char *argv[32];
	int argc = 0, opt;
	struct capture cap;

	memset(s, 0, sizeof(*s));
	s->cli.format = FORMAT_TEXT;
	argv[argc++] = (char *)cmd->name;
	for (; *args && argc < 31; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	optind = 0; /* a new scan, as main.c starts each command's */
	capture_start(&cap, STDERR_FILENO);
	while ((opt = cli_getopt(&s->cli, cmd, argc, argv, options, &s->status)) != -1) {
		if (s->n_opts < 8) {
			s->optargs[s->n_opts] = optarg;
			s->opts[s->n_opts++] = opt;
		}
	}
	s->err = capture_end(&cap);
	s->rest = optind < argc ? argv[optind] : NULL;
}

/* The one-line complaint and the hint to try --help, on stderr. */
static void assert_misuse(const struct scan *s, const char *cmd, const char *message)
{
	char hint[128];

	snprintf(hint, sizeof(hint), "Try 'sysabi %s --help' for more information.\n",
		 cmd);
	CU_ASSERT_EQUAL(s->status, EXIT_TROUBLE);
	if (message && !strstr(s->err, message))
		fprintf(stderr, "\n  expected '%s' in: %s", message, s->err);
	if (message)
		CU_ASSERT_PTR_NOT_NULL(strstr(s->err, message));
	CU_ASSERT_PTR_NOT_NULL(strstr(s->err, hint));
}

static void test_format_option(void)
{
	struct scan s;

	scan(&cmd_probe, ARGS(NULL), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL(s.cli.format, FORMAT_TEXT);
	CU_ASSERT_FALSE(s.cli.format_given);
	CU_ASSERT_STRING_EQUAL(s.err, "");
	free(s.err);

	scan(&cmd_probe, ARGS("--format", "json"), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL(s.cli.format, FORMAT_JSON);
	CU_ASSERT_TRUE(s.cli.format_given);
	CU_ASSERT_EQUAL(s.n_opts, 0);
	free(s.err);

	/* the last one given wins */
	scan(&cmd_probe, ARGS("--format=ktap", "--format=junit"), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL(s.cli.format, FORMAT_JUNIT);
	free(s.err);

	scan(&cmd_probe, ARGS("--format=yaml"), &s);
	assert_misuse(&s, "probe",
		      "sysabi: unknown format 'yaml' (formats: text, json, "
		      "markdown, html, junit, ktap, sarif, github)\n");
	CU_ASSERT_FALSE(s.cli.format_given);
	free(s.err);

	/* names are exact: no case folding, no prefixes */
	scan(&cmd_probe, ARGS("--format", "JSON"), &s);
	assert_misuse(&s, "probe", "unknown format 'JSON'");
	free(s.err);
	scan(&cmd_probe, ARGS("--format", "mark"), &s);
	assert_misuse(&s, "probe", "unknown format 'mark'");
	free(s.err);

	/* the value missing */
	scan(&cmd_probe, ARGS("--format"), &s);
	assert_misuse(&s, "probe", NULL);
	free(s.err);
}

static void test_outputs(void)
{
	struct scan s;
	enum output_format f;
	const char *many[2 * (CLI_MAX_OUTPUTS + 1) + 1];

	scan(&cmd_probe, ARGS("-o", "r.json", "--output=r.md", "-o-", "--output", "r"),
	     &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL_FATAL(s.cli.n_outputs, 4);
	CU_ASSERT_STRING_EQUAL(s.cli.outputs[0], "r.json");
	CU_ASSERT_STRING_EQUAL(s.cli.outputs[1], "r.md");
	CU_ASSERT_STRING_EQUAL(s.cli.outputs[2], "-");
	CU_ASSERT_STRING_EQUAL(s.cli.outputs[3], "r");
	/* what each name says; standard output and a bare name say nothing */
	CU_ASSERT_EQUAL(format_of_file(s.cli.outputs[0], &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_JSON);
	CU_ASSERT_EQUAL(format_of_file(s.cli.outputs[1], &f), 0);
	CU_ASSERT_EQUAL(f, FORMAT_MARKDOWN);
	CU_ASSERT_EQUAL(format_of_file(s.cli.outputs[2], &f), -EINVAL);
	CU_ASSERT_EQUAL(format_of_file(s.cli.outputs[3], &f), -EINVAL);
	CU_ASSERT_FALSE(s.cli.format_given);
	free(s.err);

	scan(&cmd_probe, ARGS("-o", ""), &s);
	assert_misuse(&s, "probe", "--output needs a file name");
	free(s.err);

	/* eight files at most */
	for (int i = 0; i <= CLI_MAX_OUTPUTS; i++) {
		many[2 * i] = "-o";
		many[2 * i + 1] = "r.json";
	}
	many[2 * CLI_MAX_OUTPUTS + 2] = NULL;
	scan(&cmd_probe, many, &s);
	assert_misuse(&s, "probe", "--output given more than 8 times");
	CU_ASSERT_EQUAL(s.cli.n_outputs, CLI_MAX_OUTPUTS);
	free(s.err);
	many[2 * CLI_MAX_OUTPUTS] = NULL;
	scan(&cmd_probe, many, &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL(s.cli.n_outputs, CLI_MAX_OUTPUTS);
	free(s.err);
}

static void test_color_and_template(void)
{
	static const struct {
		const char *arg;
		int color;
	} colors[] = { { "always", 1 }, { "never", -1 }, { "auto", 0 } };
	const char *from;
	struct scan s;

	for (size_t i = 0; i < 3; i++) {
		char opt[32];

		snprintf(opt, sizeof(opt), "--color=%s", colors[i].arg);
		/* from another value, to see each one set */
		from = colors[i].color < 0 ? "--color=always" : "--color=never";
		scan(&cmd_probe, ARGS(from, opt), &s);
		CU_ASSERT_EQUAL(s.status, CLI_RUN);
		CU_ASSERT_EQUAL(s.cli.color, colors[i].color);
		free(s.err);
	}
	scan(&cmd_probe, ARGS("--color=sometimes"), &s);
	assert_misuse(&s, "probe",
		      "--color takes auto, always or never, not 'sometimes'");
	free(s.err);
	scan(&cmd_probe, ARGS("--color", "Always"), &s);
	assert_misuse(&s, "probe", "not 'Always'");
	free(s.err);
	scan(&cmd_probe, ARGS("--color="), &s);
	assert_misuse(&s, "probe", "not ''");
	free(s.err);

	scan(&cmd_probe, ARGS("--template", "my.html", "--abi=/tmp/abi"), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_STRING_EQUAL(s.cli.template_file, "my.html");
	CU_ASSERT_STRING_EQUAL(s.cli.abi_dir, "/tmp/abi");
	free(s.err);
	scan(&cmd_probe, ARGS("--template="), &s);
	assert_misuse(&s, "probe", "--template needs a file name");
	free(s.err);
}

static void test_unknown_option(void)
{
	struct scan s;

	scan(&cmd_probe, ARGS("--bogus"), &s);
	assert_misuse(&s, "probe", "--bogus");
	free(s.err);
	scan(&cmd_probe, ARGS("-x"), &s);
	assert_misuse(&s, "probe", "sysabi: unknown option '-x'\n");
	free(s.err);
	/* misspelt: the closest, as sysabi, not as getopt */
	scan(&cmd_probe, ARGS("--formta=json"), &s);
	assert_misuse(&s, "probe",
		      "sysabi: unknown option '--formta'; did you mean '--format'?\n");
	free(s.err);
	scan(&cmd_probe, ARGS("--format"), &s);
	assert_misuse(&s, "probe", "sysabi: option '--format' needs a value\n");
	free(s.err);
	/* the scan stops at the first misuse: later options are not taken */
	scan(&cmd_probe, ARGS("--bogus", "--format=json"), &s);
	CU_ASSERT_EQUAL(s.status, EXIT_TROUBLE);
	CU_ASSERT_FALSE(s.cli.format_given);
	free(s.err);
}

/* The closest name: two edits at most, a swap is one, a start of the name counts. */
static void test_closest(void)
{
	static const char *const names[] = { "audit", "validate", "search", "match",
					     "btf",   "diff",     "rest" };
	static const struct {
		const char *word, *want;
	} cases[] = {
		{ "vaildate", "validate" }, /* a swap */
		{ "validat", "validate" },  /* a letter short */
		{ "vali", "validate" },     /* a start */
		{ "serach", "search" },
		{ "audti", "audit" },
		{ "btf", "btf" },
		{ "bt", "btf" },
		{ "frobnicate", NULL }, /* nothing near */
		{ "x", NULL },          /* too short to guess */
		{ "ab", NULL },         /* two edits of a two-letter word is anything */
		{ "", NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = cli_closest(cases[i].word, names, ARRAY_SIZE(names));

		if (!cases[i].want) {
			CU_ASSERT_PTR_NULL(got);
		} else {
			CU_ASSERT_STRING_EQUAL(got ? got : "(null)", cases[i].want);
		}
	}
}

static void test_arguments(void)
{
	struct scan s;

	/* a command that takes none */
	scan(&cmd_probe, ARGS("extra"), &s);
	assert_misuse(&s, "probe", "sysabi: unexpected argument 'extra'\n");
	free(s.err);
	scan(&cmd_probe, ARGS("--format=json", "one", "two"), &s);
	assert_misuse(&s, "probe", "unexpected argument 'one'");
	free(s.err);
	/* after --, still an argument */
	scan(&cmd_probe, ARGS("--", "--format=json"), &s);
	assert_misuse(&s, "probe", "unexpected argument '--format=json'");
	CU_ASSERT_FALSE(s.cli.format_given);
	free(s.err);

	/* a command that takes some: options before and after them */
	scan(&cmd_probe_args, ARGS("file", "--format=json"), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL(s.cli.format, FORMAT_JSON);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.rest);
	CU_ASSERT_STRING_EQUAL(s.rest, "file");
	CU_ASSERT_STRING_EQUAL(s.err, "");
	free(s.err);
}

/* The command's own options come back to it, in order, with their values. */
static void test_own_options(void)
{
	struct scan s;

	scan(&cmd_probe,
	     ARGS("-q", "--format=html", "--level", "3", "-o", "r.html", "--terse"), &s);
	CU_ASSERT_EQUAL(s.status, CLI_RUN);
	CU_ASSERT_EQUAL_FATAL(s.n_opts, 3);
	CU_ASSERT_EQUAL(s.opts[0], 'q');
	CU_ASSERT_EQUAL(s.opts[1], OPT_LEVEL);
	CU_ASSERT_STRING_EQUAL(s.optargs[1], "3");
	CU_ASSERT_EQUAL(s.opts[2], 'q');
	CU_ASSERT_EQUAL(s.cli.format, FORMAT_HTML);
	CU_ASSERT_EQUAL(s.cli.n_outputs, 1);
	free(s.err);
	/* a long-only option has no short form */
	scan(&cmd_probe, ARGS("-l", "3"), &s);
	assert_misuse(&s, "probe", NULL);
	free(s.err);
}

/* --help: the command's usage on stdout, exit 0, nothing on stderr. */
static void test_help(void)
{
	struct capture cap;
	struct scan s;
	char *out;

	capture_start(&cap, STDOUT_FILENO);
	scan(&cmd_probe, ARGS("--help", "--bogus"), &s);
	out = capture_end(&cap);
	CU_ASSERT_EQUAL(s.status, EXIT_CLEAN);
	CU_ASSERT_STRING_EQUAL(out, PROBE_USAGE);
	CU_ASSERT_STRING_EQUAL(s.err, "");
	free(out);
	free(s.err);

	capture_start(&cap, STDOUT_FILENO);
	scan(&cmd_probe, ARGS("-h"), &s);
	out = capture_end(&cap);
	CU_ASSERT_EQUAL(s.status, EXIT_CLEAN);
	CU_ASSERT_STRING_EQUAL(out, PROBE_USAGE);
	free(out);
	free(s.err);
}

/* Names and the list of them agree, in enum order; every name parses back. */
static void test_format_names(void)
{
	char **names = g_strsplit(format_list(), ", ", -1);
	enum output_format f;

	CU_ASSERT_EQUAL(g_strv_length(names), FORMAT_COUNT);
	for (int i = 0; i < FORMAT_COUNT; i++) {
		const char *name = format_name((enum output_format)i);

		f = FORMAT_COUNT;
		CU_ASSERT_EQUAL(format_parse(name, &f), 0);
		CU_ASSERT_EQUAL(f, i);
		if (names[i])
			CU_ASSERT_STRING_EQUAL(names[i], name);
	}
	g_strfreev(names);
	CU_ASSERT_STRING_EQUAL(format_name(FORMAT_JUNIT), "junit");
	CU_ASSERT_STRING_EQUAL(format_name(FORMAT_COUNT), "?");
	f = FORMAT_HTML;
	CU_ASSERT_EQUAL(format_parse("", &f), -EINVAL);
	CU_ASSERT_EQUAL(format_parse("Text", &f), -EINVAL);
	CU_ASSERT_EQUAL(format_parse("json ", &f), -EINVAL);
	CU_ASSERT_EQUAL(f, FORMAT_HTML); /* untouched on failure */
}

static void test_format_of_file(void)
{
	static const struct {
		const char *path;
		int r;
		enum output_format format;
	} cases[] = {
		{ "report.json", 0, FORMAT_JSON },
		{ "out/report.md", 0, FORMAT_MARKDOWN },
		{ "r.html", 0, FORMAT_HTML },
		{ "r.htm", 0, FORMAT_HTML },
		{ "junit.xml", 0, FORMAT_JUNIT },
		{ "r.ktap", 0, FORMAT_KTAP },
		{ "r.tap", 0, FORMAT_KTAP },
		{ "r.txt", 0, FORMAT_TEXT },
		{ "r.json.txt", 0, FORMAT_TEXT },
		{ "report", -EINVAL, 0 },
		{ "report.JSON", -EINVAL, 0 },
		{ "report.json.gz", -EINVAL, 0 },
		{ "report.jsonl", -EINVAL, 0 },
		{ ".json", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ "-", -EINVAL, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum output_format f = FORMAT_COUNT;
		int r = format_of_file(cases[i].path, &f);

		if (r != cases[i].r || (r == 0 && f != cases[i].format))
			fprintf(stderr, "\n  '%s': %d %s\n", cases[i].path, r,
				format_name(f));
		CU_ASSERT_EQUAL(r, cases[i].r);
		CU_ASSERT_EQUAL(f, r == 0 ? cases[i].format : FORMAT_COUNT);
	}
}

/* A report with no checks, as `sysabi search` makes: JSON or text only. */
static struct value *plain_report(void)
{
	struct value *r = value_object_new();

	value_set_int(r, "schema_version", 1);
	value_set_str(r, "command", "search");
	value_set_str(r, "regex", "mtu");
	value_set(r, "entries", value_array_new());
	return r;
}

static char *slurp(const char *path)
{
	gchar *text = NULL;

	return g_file_get_contents(path, &text, NULL, NULL) ? text : NULL;
}

/*
 * -o FILE writes FILE in the format its extension says: a .json gets JSON, a .md
 * Markdown, which a report without checks cannot have, so the run fails and names it.
 */
static void test_emit_by_extension(void)
{
	static const struct unit_file none[] = { {} };
	char *dir = unit_tree_new(none), *json, *md, *xml, *err, *text;
	struct value *report = plain_report();
	/* quiet: the line -o FILE says on standard output is the end-to-end tests' */
	struct cli cli = { .format = FORMAT_TEXT, .command = &cmd_plain, .quiet = true };
	struct capture cap;
	struct stat st;
	int r;

	json = g_build_filename(dir, "r.json", NULL);
	md = g_build_filename(dir, "r.md", NULL);
	xml = g_build_filename(dir, "r.xml", NULL);

	cli.outputs[cli.n_outputs++] = json;
	capture_start(&cap, STDERR_FILENO);
	r = cli_emit(&cli, report);
	err = capture_end(&cap);
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	free(err);
	text = slurp(json);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(text[0], '{');
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"command\":\"search\"") ?:
				       strstr(text, "\"command\": \"search\""));
	g_free(text);
	unlink(json);

	/* every report is rendered before a file is written: the .json is not either */
	cli.outputs[cli.n_outputs++] = md;
	capture_start(&cap, STDERR_FILENO);
	r = cli_emit(&cli, report);
	err = capture_end(&cap);
	CU_ASSERT_EQUAL(r, EXIT_TROUBLE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--format markdown shows reports"));
	CU_ASSERT_EQUAL(stat(json, &st), -1);
	CU_ASSERT_EQUAL(stat(md, &st), -1);
	free(err);

	cli.outputs[1] = xml;
	capture_start(&cap, STDERR_FILENO);
	r = cli_emit(&cli, report);
	err = capture_end(&cap);
	CU_ASSERT_EQUAL(r, EXIT_TROUBLE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "--format junit shows reports"));
	free(err);

	/* a single file takes the --format given, whatever its name */
	cli = (struct cli){ .format = FORMAT_JSON,
			    .format_given = true,
			    .command = &cmd_plain,
			    .quiet = true };
	cli.outputs[cli.n_outputs++] = md;
	capture_start(&cap, STDERR_FILENO);
	r = cli_emit(&cli, report);
	err = capture_end(&cap);
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	free(err);
	text = slurp(md);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(text[0], '{');
	g_free(text);

	value_free(report);
	g_free(json);
	g_free(md);
	g_free(xml);
	unit_tree_remove(dir);
}

void test_cli_register(void)
{
	static const struct unit_test tests[] = {
		{ "--format", test_format_option },
		{ "-o", test_outputs },
		{ "--color and --template", test_color_and_template },
		{ "an unknown option", test_unknown_option },
		{ "the closest name", test_closest },
		{ "arguments", test_arguments },
		{ "a command's own options", test_own_options },
		{ "--help", test_help },
		{ "format names", test_format_names },
		{ "format of a file name", test_format_of_file },
		{ "-o in the format of the extension", test_emit_by_extension },
		{},
	};

	unit_add_suite("cli", tests);
}
