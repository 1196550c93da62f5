// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysabi btf: the BTF the kernel exposes in sysfs, vmlinux's and the modules', checked
 * by itself, against the loaded modules, and against ELF images.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "btf.h"
#include "cli/cli.h"
#include "cli/sysfs-source.h"
#include "common/macro.h"
#include "sysfs/sysfs-identity.h"

/* the table's entry, at the end of this file; main.c lists it */
extern const struct command cmd_btf;

enum {
	OPT_SYSFS_ROOT = OPT_COMMAND_BASE,
	OPT_VMLINUX,
	OPT_MODULES_DIR,
	OPT_WERROR,
	OPT_ANY_ROOT,
};

/* Returns CLI_RUN, or the exit status to end with: after --help, or on misuse. */
static int parse_options(struct cli *cli, struct sysbtf_options *opt, const char **root,
			 bool *werror, bool *any_root, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ "sysfs-root", required_argument, NULL, OPT_SYSFS_ROOT },
		{ "vmlinux", required_argument, NULL, OPT_VMLINUX },
		{ "modules-dir", required_argument, NULL, OPT_MODULES_DIR },
		{ "werror", no_argument, NULL, OPT_WERROR },
		{ "any-root", no_argument, NULL, OPT_ANY_ROOT },
		{},
	};
	int o, r;

	while ((o = cli_getopt(cli, &cmd_btf, argc, argv, options, &r)) != -1) {
		switch (o) {
		case OPT_SYSFS_ROOT:
			*root = optarg;
			break;
		case OPT_VMLINUX:
			opt->vmlinux = optarg;
			break;
		case OPT_MODULES_DIR:
			opt->modules_dir = optarg;
			break;
		case OPT_WERROR:
			*werror = true;
			break;
		case OPT_ANY_ROOT:
			*any_root = true;
			break;
		}
	}
	return r;
}

/* What the user named must be there: a missing one is a mistake, not a finding. */
static int check_paths(const struct sysbtf_options *opt, const char *root)
{
	const struct {
		const char *what, *path;
		bool dir;
	} paths[] = {
		{ "vmlinux image", opt->vmlinux, false },
		{ "modules directory", opt->modules_dir, true },
	};
	struct stat st;

	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		if (!paths[i].path)
			continue;
		if (stat(paths[i].path, &st) < 0)
			return cli_error("cannot read %s '%s': %s", paths[i].what,
					 paths[i].path, strerror(errno));
		if (paths[i].dir != !!S_ISDIR(st.st_mode))
			return cli_error("cannot read %s '%s': %s", paths[i].what,
					 paths[i].path,
					 strerror(paths[i].dir ? ENOTDIR : EISDIR));
	}
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct sysbtf_options opt = { 0 };
	struct sysfs_root *root;
	struct sysbtf_report *btf;
	const char *root_path = "/sys";
	struct value *report, *sysfs;
	struct sysfs_identity id;
	bool werror = false, any_root = false, fail;
	int r;

	r = parse_options(cli, &opt, &root_path, &werror, &any_root, argc, argv);
	if (r != CLI_RUN)
		return r;
	r = check_paths(&opt, root_path);
	if (r)
		return r;
	r = sysfs_source_open(root_path, any_root, &root);
	if (r)
		return r;
	opt.root = root;
	r = sysbtf_check(&opt, &btf);
	if (r < 0) {
		sysfs_root_free(root);
		return cli_error("cannot check BTF: %s", strerror(-r));
	}
	fail = btf->counts[SYSBTF_ERROR] || (werror && btf->counts[SYSBTF_WARNING]);
	report = value_object_new();
	value_set_int(report, "schema_version", 1);
	value_set_str(report, "command", "btf");
	sysfs = sysbtf_report_value(btf, report);
	/* whose sysfs it is, as every report says */
	if (sysfs_identity_read(root, &id) < 0) {
		value_free(report);
		sysbtf_report_free(btf);
		sysfs_root_free(root);
		return cli_error("%s", strerror(ENOMEM));
	}
	sysfs_identity_value(&id, NULL, sysfs);
	sysfs_identity_release(&id);
	value_set_bool(report, "werror", werror);
	value_set_str(report, "result", fail ? "fail" : "pass");
	r = cli_emit(cli, report);
	value_free(report);
	sysbtf_report_free(btf);
	sysfs_root_free(root);
	return r ? r : fail ? EXIT_FINDINGS : EXIT_CLEAN;
}

const struct command cmd_btf = {
	.name = "btf",
	.run = run,
	.report = &btf_report_kind,
	.summary = "check the BTF in /sys/kernel/btf: vmlinux, modules, ELF images",
	.usage =
		"Usage: sysabi btf [OPTION]...\n"
		"Check the BTF the kernel exposes: /sys/kernel/btf/vmlinux (header, sections,\n"
		"every type record, references, and libbpf's parse, with the types counted by\n"
		"kind) and each /sys/kernel/btf/MODULE (split BTF on vmlinux's, of a live\n"
		"module; live modules without BTF too). Findings have a stable id\n"
		"(btf-bad-magic) and a severity: error, warning or info.\n"
		"\n"
		"Options:\n"
		"      --sysfs-root PATH  the sysfs to read: a directory or an archive of one\n"
		"                         (default: /sys)\n"
		"      --any-root         read a root with no devices/, bus/, class/ or\n"
		"                         module/ all the same\n"
		"      --vmlinux FILE     an ELF image whose .BTF section must equal\n"
		"                         /sys/kernel/btf/vmlinux\n"
		"      --modules-dir DIR  module files (.ko, .ko.xz, .ko.gz, .ko.zst) below DIR\n"
		"                         whose .BTF must equal the modules' files (default, on\n"
		"                         the live /sys: where libkmod finds them)\n"
		"      --werror           fail on warnings too, not only on errors\n"
		"      --format FORMAT    text (default), json, markdown, html, junit, ktap,\n"
		"                         sarif or github (with ktap, exit codes are\n"
		"                         kselftest's)\n"
		"      --template FILE    render the report with this template instead\n"
		"      --color WHEN       text in colour: auto (default), always or never\n"
		"  -o, --output FILE      write the report to FILE, atomically; repeat it to\n"
		"                         write several formats, chosen by extension\n"
		"      --quiet            with -o FILE, say nothing on standard output\n"
		"  -h, --help             show this help\n"
		"\n"
		"Exit status: 0 when there are no errors (and no warnings with --werror),\n"
		"1 otherwise, 2 on usage or runtime errors.\n",
};
