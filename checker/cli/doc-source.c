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
#include "common/file-read.h"
#include "cli.h"
#include "doc-cache.h"
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

/* Directories walked up from the working one, looking for a kernel tree. */
#define KERNEL_TREE_MAX_UP 64

/* Whether @dir's Makefile is a kernel's top Makefile: it sets PATCHLEVEL. */
static bool kernel_makefile(const char *dir)
{
	char *path = path_join(dir, "Makefile"), *text = NULL;
	size_t len;
	bool yes = path && file_read(path, 1 << 20, &text, &len) == 0 &&
		   strstr(text, "\nPATCHLEVEL =") != NULL;

	free(text);
	free(path);
	return yes;
}

/*
 * The kernel tree the working directory is in, as git finds .git: this directory or
 * the nearest above it with a kernel's top Makefile, or with a Makefile and a
 * Documentation/ABI. Returns 1 with *@dir its Documentation/ABI as a relative path
 * (malloc'd: "Documentation/ABI", "../../Documentation/ABI"), 0 when there is none,
 * or a negative errno: the tree has no Documentation/ABI to read, or reaches it
 * through a link (never followed), and is named in *@dir (its top).
 */
static int find_kernel_tree(char **dir)
{
	struct stat here, up;
	char *top = strdup(".");
	int r = 0;

	*dir = NULL;
	for (int n = 0; top && n < KERNEL_TREE_MAX_UP; n++) {
		char *makefile_path = path_join(top, "Makefile"), *next;
		bool makefile = makefile_path && access(makefile_path, F_OK) == 0;
		int abi = doc_source_kernel_abi(top);

		free(makefile_path);
		if (makefile && (abi == 0 || abi == -ELOOP || kernel_makefile(top))) {
			if (abi == 0) {
				*dir = n ? path_join(top + 2, "Documentation/ABI") :
					   strdup("Documentation/ABI");
				r = *dir ? 1 : -ENOMEM;
			} else {
				*dir = strdup(n ? top + 2 : ".");
				/* ENOTDIR: no directory, as good as none */
				r = abi == -ENOTDIR ? -ENOENT : abi;
			}
			break;
		}
		/* the top of the file system: nothing above it */
		next = path_join(top, "..");
		if (!next || stat(top, &here) < 0 || stat(next, &up) < 0 ||
		    (here.st_dev == up.st_dev && here.st_ino == up.st_ino)) {
			free(next);
			break;
		}
		free(top);
		top = next;
	}
	free(top);
	return r;
}

/* 0, or a negative errno when the kernel tree here cannot give its Documentation/ABI. */
static int find_source(const struct cli *cli, struct doc_source *src)
{
	char *kernel_abi = NULL;
	int r;

	const char *env = getenv("SYSABI_ABI_DIR");

	if (cli->abi_dir) {
		src->dir = cli->abi_dir;
		src->origin = cli->abi_origin ? cli->abi_origin : "--abi";
	} else if (env && *env) {
		src->dir = env;
		src->origin = "SYSABI_ABI_DIR";
	} else if ((r = find_kernel_tree(&kernel_abi)) != 0) {
		/* inside a kernel tree, never another's documentation: its own, or an
		 * error; a checkout's Documentation/ABI may be a link to anywhere, never
		 * followed */
		src->found = kernel_abi;
		if (r < 0)
			return r;
		src->dir = kernel_abi;
		src->origin = "kernel tree";
	} else {
		/* an installed copy first: the build tree's may be gone */
		const char *installed = data_dir_find("abi/Documentation/ABI");

		src->dir = installed ? installed : SYSABI_DEFAULT_ABI_DIR;
		/* and its image, which `make install` wrote beside it */
		if (installed)
			src->installed_image = data_dir_find("abi/abi.image");
		src->origin = "built-in default";
	}
	return 0;
}

int doc_source_find(const struct cli *cli, struct doc_source *src)
{
	int r;

	*src = (struct doc_source){ 0 };
	r = find_source(cli, src);
	if (r < 0) {
		r = cli_error(
			"%s: a kernel tree, and its Documentation/ABI %s%s; name the "
			"documentation with --abi",
			src->found ? src->found : ".",
			r == -ELOOP  ? "is reached through a symbolic link, not "
				       "followed" :
			r == -ENOENT ? "is not there" :
				       "cannot be read: ",
			r == -ELOOP || r == -ENOENT ? "" : strerror(-r));
		doc_source_release(src);
		return r;
	}
	return 0;
}

int doc_source_load(const struct cli *cli, abi_diag_fn fn, void *data,
		    struct doc_source *src)
{
	char *image = NULL;
	int r;

	r = doc_source_find(cli, src);
	if (r)
		return r;
	r = abi_ctx_new(&src->ctx);
	if (r < 0)
		return cli_error("%s", strerror(-r));
	abi_ctx_set_diag_fn(src->ctx, fn, data);
	/* through the tree's compiled image when it has one, as it is now */
	r = -ENOENT;
	if (src->installed_image)
		r = abi_tree_read_image(src->ctx, src->dir, src->installed_image,
					&src->tree);
	if (r == 0)
		src->image.read = true;
	else if (doc_cache_path(src->dir, &image) == 0 && image)
		r = abi_tree_load_image(src->ctx, src->dir, image, &src->tree,
					&src->image);
	else
		r = abi_tree_load(src->ctx, src->dir, &src->tree);
	free(image);
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
	free(src->found);
	src->tree = NULL;
	src->ctx = NULL;
	src->found = NULL;
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
