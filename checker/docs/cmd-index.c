// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi index: compile the documentation into its image ahead of the commands that
 * read it (abi_tree_load_image(), cli/doc-cache.h), and say where it is and whether it
 * was up to date.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/doc-cache.h"
#include "cli/doc-source.h"
#include "docs.h"

extern const struct command cmd_index;

enum {
	OPT_FORCE = OPT_COMMAND_BASE,
};

static int parse_options(struct cli *cli, bool *force, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "force", no_argument, NULL, OPT_FORCE },
		{},
	};
	int o, r;

	while ((o = cli_getopt(cli, &cmd_index, argc, argv, options, &r)) != -1)
		if (o == OPT_FORCE)
			*force = true;
	if (r != CLI_RUN)
		return r;
	if (cli->n_outputs > 1)
		return cli_usage_error(&cmd_index, "an image is one file: -o once");
	if (cli->n_outputs && strcmp(cli->outputs[0], "-") == 0)
		return cli_usage_error(&cmd_index, "an image is a file to map: not -o -");
	if (cli->format_given || cli->template_file)
		return cli_usage_error(&cmd_index,
				       "an image is no report: no --format or "
				       "--template");
	return CLI_RUN;
}

/* Why an image was not used, in words. */
static const char *read_why(int err)
{
	switch (err) {
	case -ENOENT:
		return "there was none";
	case -ESTALE:
		return "the documentation or sysabi changed since";
	case -EINVAL:
		return "the file there was damaged or no image";
	default:
		return strerror(-err);
	}
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct abi_image_info info = { 0 };
	struct doc_source src;
	char *image = NULL;
	bool force = false;
	struct stat st;
	int r;

	r = parse_options(cli, &force, argc, argv);
	if (r != CLI_RUN)
		return r;
	r = doc_source_find(cli, &src);
	if (r)
		return r;
	if (cli->n_outputs) {
		image = strdup(cli->outputs[0]);
	} else {
		r = doc_cache_path(src.dir, &image);
		if (r < 0 || !image) {
			r = cli_error(
				"%s: no image to keep: %s", src.dir,
				r < 0 ? strerror(-r) :
					"SYSABI_CACHE_DIR is off, and no -o FILE given");
			goto out;
		}
	}
	r = abi_ctx_new(&src.ctx);
	if (r == 0 && !image)
		r = -ENOMEM;
	if (r == 0 && force) {
		info.read_err = -ECANCELED;
		r = abi_tree_write_image(src.ctx, src.dir, image, &src.tree,
					 &info.write_err);
	} else if (r == 0) {
		r = abi_tree_load_image(src.ctx, src.dir, image, &src.tree, &info);
	}
	if (r < 0) {
		cli_error("cannot read ABI tree '%s' (from %s): %s", src.dir, src.origin,
			  strerror(-r));
		goto out;
	}
	if (!info.read && info.write_err) {
		r = cli_error("cannot write the image '%s': %s", image,
			      strerror(-info.write_err));
		goto out;
	}
	r = EXIT_CLEAN;
	if (cli->quiet)
		goto out;
	if (stat(image, &st) < 0)
		st.st_size = 0;
	printf("%s: %s %s (%zu files, %zu entries, %zu Whats, %lld bytes)", src.dir,
	       info.read ? "image up to date," : "image written,", image,
	       src.tree->n_files, src.tree->n_entries, src.tree->n_whats,
	       (long long)st.st_size);
	if (!info.read)
		printf(": %s",
		       info.read_err == -ECANCELED ? "--force" : read_why(info.read_err));
	putchar('\n');
out:
	free(image);
	doc_source_release(&src);
	return r;
}

const struct command cmd_index = {
	.name = "index",
	.run = run,
	.report = NULL,
	.summary = "compile the documentation into its image, read by every command",
	.usage =
		"Usage: sysabi index [OPTION]...\n"
		"Compile the ABI documentation into one image file: every file, entry and\n"
		"What as read, each What's compiled pattern, and the diagnostics of reading\n"
		"them. Every command reads the image instead of the text while it is up to\n"
		"date (each file of the tree with the same path, size, inode and times, and\n"
		"the same build of sysabi) and writes it anew when it is not; this command\n"
		"does that ahead, and says where the image is and whether it was up to date.\n"
		"An image is checked as it is read: a damaged or foreign one is never used.\n"
		"Images are kept in $SYSABI_CACHE_DIR, else $XDG_CACHE_HOME/sysabi, else\n"
		"~/.cache/sysabi, one per tree (SYSABI_CACHE_DIR=off keeps none).\n"
		"\n"
		"Options:\n"
		"      --abi DIR        the Documentation/ABI tree (default: $SYSABI_ABI_DIR,\n"
		"                       the kernel tree's you are in, else the tree\n"
		"                       `make abi-docs` installed)\n"
		"      --dir DIR        the same, as get_abi.pl names it\n"
		"  -o, --output FILE    the image to keep up to date instead, as `make\n"
		"                       install` does for the installed tree (abi.image\n"
		"                       beside its Documentation/)\n"
		"      --force          write the image even when it is up to date\n"
		"      --quiet          say nothing on standard output\n"
		"  -h, --help           show this help\n"
		"\n"
		"Exit status: 0 when the image is up to date or was written, 2 on errors.\n",
};
