// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi snapshot: record a sysfs into one archive (snapshot.h), in this process: one
 * walk, no child processes, the archive written beside its destination and renamed over
 * it only when whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <glib.h>

#include "cli/cli.h"
#include "cli/output-file.h"
#include "cli/sysfs-source.h"
#include "common/macro.h"
#include "snapshot.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

extern const struct command cmd_snapshot;

enum {
	OPT_SYSFS_ROOT = OPT_COMMAND_BASE,
	OPT_HOSTNAME,
	OPT_NO_HOSTNAME,
	OPT_LABEL,
	OPT_ANY_ROOT,
	OPT_KERNEL_RELEASE,
};

struct snapshot_cmd {
	struct snapshot_options opt;
	const char *root_path;
	bool any_root;
};

static int parse_options(struct cli *cli, struct snapshot_cmd *c, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT },
		{ "hostname", required_argument, NULL, OPT_HOSTNAME },
		{ "no-hostname", no_argument, NULL, OPT_NO_HOSTNAME },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "any-root", no_argument, NULL, OPT_ANY_ROOT },
		{ "kernel-release", required_argument, NULL, OPT_KERNEL_RELEASE },
		{},
	};
	int o, r;

	while ((o = cli_getopt(cli, &cmd_snapshot, argc, argv, options, &r)) != -1) {
		switch (o) {
		case OPT_SYSFS_ROOT:
			c->root_path = optarg;
			break;
		case OPT_HOSTNAME:
			c->opt.hostname = optarg;
			break;
		case OPT_NO_HOSTNAME:
			c->opt.hostname = "";
			break;
		case OPT_LABEL:
			c->opt.label = optarg;
			break;
		case OPT_KERNEL_RELEASE:
			/* one line of printable text: it names files and report lines */
			if (!*optarg || optarg[strcspn(optarg, "/\n\r\t ")] ||
			    !g_utf8_validate(optarg, -1, NULL) || strlen(optarg) > 64)
				return cli_usage_error(
					&cmd_snapshot,
					"--kernel-release '%s': a release as "
					"uname -r prints it",
					optarg);
			c->opt.kernel_release = optarg;
			break;
		case OPT_ANY_ROOT:
			c->any_root = true;
			break;
		}
	}
	if (r != CLI_RUN)
		return r;
	if (cli->n_outputs > 1)
		return cli_usage_error(&cmd_snapshot, "a snapshot is one file: -o once");
	if (cli->format_given || cli->template_file)
		return cli_usage_error(&cmd_snapshot,
				       "a snapshot is an archive: no --format or "
				       "--template");
	return CLI_RUN;
}

/* HOST-RELEASE.tar.zst, HOST the hostname given or this host's, RELEASE the running
 * kernel's for the live /sys, or --kernel-release's. */
static char *default_name(const struct snapshot_cmd *c, bool live)
{
	char host[256] = "sysfs";
	struct utsname u;
	char *name;

	if (c->opt.hostname && *c->opt.hostname)
		g_strlcpy(host, c->opt.hostname, sizeof(host));
	else if (!c->opt.hostname)
		gethostname(host, sizeof(host) - 1);
	if (c->opt.kernel_release)
		name = g_strdup_printf("%s-%s.tar.zst", host, c->opt.kernel_release);
	else if (live && uname(&u) == 0)
		name = g_strdup_printf("%s-%s.tar.zst", host, u.release);
	else
		name = g_strdup_printf("%s.tar.zst", host);
	/* a name of this directory, whatever the hostname holds */
	g_strdelimit(name, "/", '_');
	return name;
}

static void show_progress(void *data, size_t nodes)
{
	fprintf(stderr, "\rsysabi: reading %s: %zu nodes", (const char *)data, nodes);
}

struct fill {
	const struct sysfs_root *root;
	const struct sysfs_tree *tree;
	const struct snapshot_options *opt;
	struct snapshot_counts counts;
	char *why;
	off_t size;
};

static int fill(int fd, void *data)
{
	struct fill *f = data;
	struct stat st;
	int err = snapshot_write(fd, f->root, f->tree, f->opt, &f->counts, &f->why);

	if (err == 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		f->size = st.st_size;
	return err;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct snapshot_cmd c = { 0 };
	struct sysfs_root *root = NULL;
	struct sysfs_tree *tree = NULL;
	char *name = NULL;
	struct fill f;
	bool tty = isatty(STDERR_FILENO);
	int r;

	r = parse_options(cli, &c, argc, argv);
	if (r != CLI_RUN)
		return r;
	r = sysfs_source_open(c.root_path, c.any_root, &root);
	if (r)
		return r;
	r = sysfs_tree_load_with(root, SYSFS_TREE_MODES, NULL, 0,
				 tty ? show_progress : NULL, root->path, &tree);
	if (tty && r == 0 && tree->n_nodes >= 65536)
		fputs("\r\033[K", stderr);
	if (r < 0) {
		r = cli_error("cannot read sysfs root '%s': %s", root->path,
			      strerror(-r));
		goto out;
	}
	name = cli->n_outputs ? g_strdup(cli->outputs[0]) : default_name(&c, root->live);
	f = (struct fill){ .root = root, .tree = tree, .opt = &c.opt };
	r = strcmp(name, "-") == 0 ? fill(STDOUT_FILENO, &f) :
				     output_file_write_with(name, fill, &f);
	if (r < 0)
		r = cli_error("cannot write '%s': %s", name,
			      f.why ? f.why : strerror(-r));
	free(f.why);
	if (r == 0) {
		const struct snapshot_counts *n = &f.counts;
		size_t nodes = n->dirs + n->files + n->links;

		fprintf(stderr,
			"sysabi: wrote %s: %zu nodes (%zu directories, %zu files, %zu "
			"links), %zu contents kept (%zu bytes), %lld bytes, %.1f a node\n",
			strcmp(name, "-") ? name : "standard output", nodes, n->dirs,
			n->files, n->links, n->contents, n->content_bytes,
			(long long)f.size,
			f.size && nodes ? (double)f.size / (double)nodes : 0.0);
	}
out:
	g_free(name);
	sysfs_tree_free(tree);
	sysfs_root_free(root);
	return r;
}

const struct command cmd_snapshot = {
	.name = "snapshot",
	.run = run,
	.report = NULL,
	.summary = "record a sysfs into one archive, to audit or compare anywhere",
	.usage =
		"Usage: sysabi snapshot [OPTION]...\n"
		"Record the live /sys (or --sysfs-root) into one archive: tar compressed with\n"
		"zstd, which every command reads as --sysfs-root and `tar --zstd -xf`\n"
		"unpacks. It holds sys/ (directories, links with their targets, regular files\n"
		"as empty members with their modes, and the contents of /sys/kernel/btf/* and\n"
		"/sys/module/*/initstate only: reading other attributes can block, have side\n"
		"effects or leak secrets) and sysabi-snapshot.json: sysabi's version, the date,\n"
		"the hostname, the kernel's uname and /etc/os-release (live /sys only), the DMI\n"
		"vendor and product, the loaded modules with their versions.\n"
		"\n"
		"Options:\n"
		"  -o, --output FILE      the archive to write, atomically (- for standard\n"
		"                         output; default: HOST-RELEASE.tar.zst here)\n"
		"      --sysfs-root PATH  the sysfs to record (default: /sys)\n"
		"      --hostname NAME    the hostname to record instead of this host's\n"
		"      --no-hostname      record no hostname\n"
		"      --label NAME       a name for the machine, recorded in the metadata\n"
		"      --kernel-release REL  the kernel of a --sysfs-root recorded elsewhere\n"
		"                         (a capture), as uname -r prints it; the live /sys\n"
		"                         records the running kernel's\n"
		"      --any-root         record a root with no devices/, bus/, class/ or\n"
		"                         module/ all the same\n"
		"  -h, --help             show this help\n"
		"\n"
		"Exit status: 0 when the archive was written, 2 on errors.\n",
};
