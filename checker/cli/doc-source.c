// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where the ABI documentation comes from, in order: --abi DIR, $SYSABI_ABI_DIR,
 * ./Documentation/ABI when run inside a kernel tree, and last the tree that
 * `make abi-docs` put in place (built in at compile time).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/beneath.h"
#include "cli.h"
#include "doc-source.h"
#include "report/data-dir.h"

int doc_source_kernel_abi(const char *top)
{
	int topfd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd;

	if (topfd < 0)
		return -errno;
	fd = beneath_open(topfd, "Documentation/ABI", O_RDONLY | O_DIRECTORY,
			  BENEATH_NO_SYMLINKS);
	close(topfd);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* 0, or -ELOOP when the kernel tree here has its Documentation/ABI through a link. */
static int find_source(const struct cli *cli, struct doc_source *src)
{
	int r;

	const char *env = getenv("SYSABI_ABI_DIR");

	if (cli->abi_dir) {
		src->dir = cli->abi_dir;
		src->origin = "--abi";
	} else if (env && *env) {
		src->dir = env;
		src->origin = "SYSABI_ABI_DIR";
	} else if (access("Makefile", F_OK) == 0 &&
		   (r = doc_source_kernel_abi(".")) != -ENOENT && r != -ENOTDIR) {
		/* a checkout's Documentation/ABI may be a link to anywhere: never followed */
		if (r < 0)
			return r;
		src->dir = "Documentation/ABI";
		src->origin = "kernel tree";
	} else {
		/* an installed copy first: the build tree's may be gone */
		const char *installed = data_dir_find("abi/Documentation/ABI");

		src->dir = installed ? installed : SYSABI_DEFAULT_ABI_DIR;
		src->origin = "built-in default";
	}
	return 0;
}

int doc_source_load(const struct cli *cli, abi_diag_fn fn, void *data,
		    struct doc_source *src)
{
	int r;

	*src = (struct doc_source){ 0 };
	r = find_source(cli, src);
	if (r < 0)
		return cli_error("cannot read the kernel tree's Documentation/ABI: %s",
				 r == -ELOOP ?
					 "it is reached through a symbolic link, not "
					 "followed; name the tree with --abi" :
					 strerror(-r));
	r = abi_ctx_new(&src->ctx);
	if (r < 0)
		return cli_error("%s", strerror(-r));
	abi_ctx_set_diag_fn(src->ctx, fn, data);
	r = abi_tree_load(src->ctx, src->dir, &src->tree);
	if (r == -ENOENT && strcmp(src->origin, "built-in default") == 0) {
		doc_source_release(src);
		return cli_error(
			"no ABI documentation: '%s' does not exist; run 'make abi-docs' "
			"or give --abi DIR",
			src->dir);
	}
	if (r < 0) {
		cli_error("cannot read ABI tree '%s' (from %s): %s", src->dir,
			  src->origin, strerror(-r));
		doc_source_release(src);
		return EXIT_TROUBLE;
	}
	return 0;
}

void doc_source_release(struct doc_source *src)
{
	abi_tree_free(src->tree);
	abi_ctx_free(src->ctx);
	src->tree = NULL;
	src->ctx = NULL;
}

struct value *doc_source_report(const struct doc_source *src, const char *command)
{
	struct value *report = value_object_new();
	struct value *abi;

	value_set_int(report, "schema_version", 1);
	value_set_str(report, "command", command);
	abi = value_set(report, "abi", value_object_new());
	value_set_str(abi, "dir", src->dir);
	value_set_str(abi, "origin", src->origin);
	value_set_str(abi, "kernel_version", src->tree->kernel_version);
	return report;
}

char *path_join(const char *root, const char *file)
{
	size_t len = strlen(root);
	char *p;

	while (len > 1 && root[len - 1] == '/')
		len--;
	if (asprintf(&p, "%.*s/%s", (int)len, root, file) < 0)
		return NULL;
	return p;
}

char *doc_source_path(const struct doc_source *src, const char *file)
{
	return src->tree_relative ? strdup(file) : path_join(src->dir, file);
}

char *doc_source_docs_dir(const struct doc_source *src)
{
	const char *dir = src->dir;
	size_t len = strlen(dir), last;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (last = len; last > 0 && dir[last - 1] != '/';)
		last--;
	/* "ABI/.", "..", "/": no name to take off, so go up */
	if ((len - last == 1 && dir[last] == '.') ||
	    (len - last == 2 && dir[last] == '.' && dir[last + 1] == '.') ||
	    (len == 1 && dir[0] == '/'))
		return path_join(dir, "..");
	if (last == 0)
		return strdup(".");
	/* "/ABI": the root; "a//ABI": "a" */
	while (last > 1 && dir[last - 1] == '/')
		last--;
	return strndup(dir, last);
}
