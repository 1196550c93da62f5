// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi rest: the ABI tree as reStructuredText, to be read by Sphinx (the sysabi-abi
 * directive of docs/_ext feeds it into a documentation build).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/doc-source.h"
#include "rest.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_rest;

enum {
	OPT_LEVEL = OPT_COMMAND_BASE,
	OPT_TITLE,
	OPT_LABEL_PREFIX,
	OPT_GET_ABI,
	OPT_ENABLE_LINENO,
	OPT_RST_SOURCE,
	OPT_NO_RST_SOURCE,
};

/* What the command line asked for: sysabi's document, or get_abi.pl's. */
struct rest_request {
	struct rest_options opt;
	struct rest_kernel_options kernel;
	bool get_abi; /* --get-abi, or one of get_abi.pl's options */
	bool own;     /* one of the options of sysabi's document */
};

static int parse_level(const char *name, enum abi_level *out)
{
	for (int l = 0; l < ABI_LEVEL_COUNT; l++) {
		if (strcmp(name, abi_level_name((enum abi_level)l)) == 0) {
			*out = (enum abi_level)l;
			return 0;
		}
	}
	return -EINVAL;
}

/* Labels become HTML anchors too: a letter first, then letters, digits and dashes. */
static bool good_prefix(const char *s)
{
	if (!g_ascii_islower(*s))
		return false;
	for (; *s; s++)
		if (!g_ascii_islower(*s) && !g_ascii_isdigit(*s) && *s != '-')
			return false;
	return s[-1] != '-';
}

/* Returns CLI_RUN, or the exit status to end with: after --help, or on misuse. */
static int parse_options(struct cli *cli, struct rest_request *req, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "label-prefix", required_argument, NULL, OPT_LABEL_PREFIX },
		{ "get-abi", no_argument, NULL, OPT_GET_ABI },
		{ "enable-lineno", no_argument, NULL, OPT_ENABLE_LINENO },
		{ "rst-source", no_argument, NULL, OPT_RST_SOURCE },
		{ "no-rst-source", no_argument, NULL, OPT_NO_RST_SOURCE },
		{},
	};
	struct rest_options *opt = &req->opt;
	int o, r;

	while ((o = cli_getopt(cli, &cmd_rest, argc, argv, options, &r)) != -1) {
		req->own |= o == OPT_LEVEL || o == OPT_TITLE || o == OPT_LABEL_PREFIX;
		req->get_abi |= o == OPT_GET_ABI || o == OPT_ENABLE_LINENO ||
				o == OPT_RST_SOURCE || o == OPT_NO_RST_SOURCE;
		switch (o) {
		case OPT_ENABLE_LINENO:
			req->kernel.lineno = true;
			break;
		case OPT_RST_SOURCE:
			req->kernel.rst_source = true;
			break;
		case OPT_NO_RST_SOURCE:
			req->kernel.rst_source = false;
			break;
		case OPT_LEVEL:
			opt->one_level = true;
			if (parse_level(optarg, &opt->level) < 0)
				return cli_usage_error(
					&cmd_rest,
					"unknown level '%s' (levels: "
					"stable, testing, obsolete, removed)",
					optarg);
			break;
		case OPT_TITLE:
			if (!rest_title_ok(optarg))
				return cli_usage_error(
					&cmd_rest,
					"--title '%s': reST reads a line "
					"of one punctuation mark repeated as an "
					"underline, not a title",
					optarg);
			opt->title = optarg;
			break;
		case OPT_LABEL_PREFIX:
			if (!good_prefix(optarg))
				return cli_usage_error(
					&cmd_rest,
					"--label-prefix '%s': lower-case "
					"letters, digits and inner dashes, a letter "
					"first",
					optarg);
			opt->label_prefix = optarg;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;
	if (req->get_abi && req->own)
		return cli_usage_error(
			&cmd_rest,
			"get_abi.pl's document has its own titles and labels: "
			"--level, --title and --label-prefix do not apply to it");
	if (cli->format != FORMAT_TEXT)
		return cli_usage_error(&cmd_rest,
				       "rest writes reStructuredText; --format %s does "
				       "not apply to it",
				       format_name(cli->format));
	if (cli->template_file)
		return cli_usage_error(&cmd_rest,
				       "rest writes reStructuredText; --template does "
				       "not apply to it");
	if (cli->n_outputs > 1)
		return cli_usage_error(&cmd_rest,
				       "rest writes one document: give -o once");
	return CLI_RUN;
}

static int write_out(const struct cli *cli, const GString *doc)
{
	if (cli->n_outputs)
		return cli_write_file(cli->outputs[0], doc->str, doc->len);
	return cli_write_stdout(doc->str, doc->len);
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct rest_request req = {
		.opt = { .label_prefix = "abi" },
		.kernel = { .rst_source = true },
	};
	struct doc_source src;
	GString *doc;
	int r;

	r = parse_options(cli, &req, argc, argv);
	if (r != CLI_RUN)
		return r;
	r = doc_source_load(cli, NULL, NULL, &src);
	if (r)
		return r;
	doc = g_string_sized_new(1 << 20);
	req.kernel.dir = src.dir;
	if (req.get_abi)
		r = rest_kernel_write(src.tree, &req.kernel, doc);
	else
		r = rest_write(src.tree, &req.opt, doc);
	if (r < 0)
		r = cli_error("cannot write the reST: %s", strerror(-r));
	else
		r = write_out(cli, doc);
	g_string_free(doc, TRUE);
	doc_source_release(&src);
	return r ? r : EXIT_CLEAN;
}

const struct command cmd_rest = {
	.name = "rest",
	.run = run,
	.summary = "write the ABI documentation as reStructuredText, for Sphinx",
	.usage =
		"Usage: sysabi rest [OPTION]...\n"
		"Write the ABI tree as one reStructuredText document: a section per\n"
		"stability level and per file, the entries sorted by What, each with its\n"
		"level, file:line, Date, KernelVersion, Contact, Users and Description, under\n"
		"a label that stays the same between runs (abi-LEVEL-FILE-WHAT). Paths in a\n"
		"description that another entry documents link to it. Free text is escaped:\n"
		"the output builds in Sphinx without warnings. With --get-abi, the document\n"
		"scripts/get_abi.pl rest writes, for the kernel's own documentation build.\n"
		"\n"
		"Options:\n"
		"      --level LEVEL    only the entries of LEVEL: stable, testing, obsolete\n"
		"                       or removed\n"
		"      --title TEXT     the document's title (default: the kernel version or\n"
		"                       the tree); empty: none, for a page that has its own\n"
		"      --label-prefix PREFIX  the first word of every label (default: abi),\n"
		"                       to render two trees in one Sphinx project\n"
		"      --get-abi        the document get_abi.pl rest writes, for the kernel's\n"
		"                       own documentation build (kernel_abi.py): its labels\n"
		"                       (abi_sys_...), sections, descriptions as reST\n"
		"      --enable-lineno  --get-abi, with a .. LINENO FILE#LINE marker before\n"
		"                       each entry, as kernel_abi.py asks\n"
		"      --rst-source     --get-abi; descriptions are reST (the default)\n"
		"      --no-rst-source  --get-abi; descriptions are text, shown as written\n"
		"      --abi DIR        the Documentation/ABI tree (default: $SYSABI_ABI_DIR,\n"
		"                       the kernel tree's you are in, else the tree\n"
		"                       `make abi-docs` installed)\n"
		"      --dir DIR        the same, as get_abi.pl names it\n"
		"  -o, --output FILE    write the document to FILE, atomically\n"
		"  -h, --help           show this help\n"
		"\n"
		"Exit status: 0 when the document was written, 2 on errors.\n",
};
