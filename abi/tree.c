// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a Documentation/ABI tree: find the files, read each into entries, prepare
 * each What, then run the tree-wide checks. Files are read in sorted order so that
 * diagnostics and entries come out the same on every run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi-internal.h"
#include "common/beneath.h"
#include "common/file-read.h"

/* Deeper than any real tree; bounds recursion on a hostile one. */
#define TREE_MAX_DEPTH 16
/* A larger "documentation file" is not one: refuse it with a diagnostic. */
#define TREE_MAX_FILE_SIZE (64u << 20)
#define TREE_MAX_FILE_SIZE_TEXT "64 MiB"

/* A file found below the root, or why it cannot be read (links, depth). */
struct listed {
	char *path; /* relative to the root, malloc'd */
	int err;    /* 0, or the error to report instead of reading it */
};

struct file_list {
	struct listed *files;
	size_t n, alloc;
};

/* Not an errno: a directory below the depth limit. */
#define TREE_TOO_DEEP (-4096)

static bool skip_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.' || strcmp(name, "README") == 0)
		return true;
	if (len && name[len - 1] == '~')
		return true;
	for (const char *const *ext =
		     (const char *const[]){ ".rej", ".orig", ".bak", ".swp", NULL };
	     *ext; ext++) {
		size_t el = strlen(*ext);

		if (len > el && strcmp(name + len - el, *ext) == 0)
			return true;
	}
	return false;
}

/* Takes @rel over. */
static int list_add(struct file_list *l, char *rel, int err)
{
	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? l->alloc * 2 : 256;
		struct listed *p = realloc(l->files, alloc * sizeof(*p));

		if (!p) {
			free(rel);
			return -ENOMEM;
		}
		l->files = p;
		l->alloc = alloc;
	}
	l->files[l->n++] = (struct listed){ rel, err };
	return 0;
}

/*
 * The files below the directory open on @fd (taken over), @depth levels below the root.
 * No link is followed, to a file or a directory: a tree from a pull request must not
 * make sysabi read this machine's files. Each link, and each directory too deep, is
 * listed with the error to report; FIFOs, sockets and devices are no documentation and
 * are skipped.
 */
static int list_dir(int fd, const char *rel, int depth, struct file_list *l)
{
	DIR *d;
	struct dirent *de;
	int r = 0;

	d = fdopendir(fd);
	if (!d) {
		r = -errno;
		close(fd);
		return r;
	}
	while (r >= 0 && (errno = 0, de = readdir(d))) {
		char *child;
		struct stat st;

		if (skip_name(de->d_name))
			continue;
		child = abi_asprintf("%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (!child) {
			r = -ENOMEM;
			break;
		}
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			r = list_add(l, child,
				     -errno); /* vanished: reported as unreadable */
		} else if (S_ISREG(st.st_mode)) {
			r = list_add(l, child, 0);
		} else if (S_ISLNK(st.st_mode)) {
			r = list_add(l, child, -ELOOP);
		} else if (S_ISDIR(st.st_mode) && depth >= TREE_MAX_DEPTH) {
			r = list_add(l, child, TREE_TOO_DEEP);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), de->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub < 0)
				r = list_add(l, child, -errno);
			else
				r = list_dir(sub, child, depth + 1, l);
			if (sub >= 0)
				free(child);
		} else {
			free(child);
		}
	}
	closedir(d);
	return r;
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(((const struct listed *)a)->path, ((const struct listed *)b)->path);
}

enum abi_level abi_file_level(const char *rel)
{
	static const char *const dirs[] = { "stable/", "testing/", "obsolete/",
					    "removed/" };

	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (strncmp(rel, dirs[i], strlen(dirs[i])) == 0)
			return (enum abi_level)i;
	return ABI_LEVEL_NONE;
}

/* Why @err kept a file from being read, in words. */
static const char *read_error(int err)
{
	if (err == TREE_TOO_DEEP)
		return "a directory more than " STRINGIFY(
			TREE_MAX_DEPTH) " levels deep, not read";
	if (err == -EFBIG)
		return "larger than " TREE_MAX_FILE_SIZE_TEXT;
	return file_strerror(err);
}

static int load_file(struct abi_ctx *ctx, struct abi_tree *tree, int rootfd,
		     const struct listed *listed, struct abi_file *file)
{
	const char *rel = listed->path;
	struct abi_arena *arena = abi_tree_arena(tree);
	char *buf = NULL;
	const char *slash;
	size_t len = 0;
	int r;

	file->path = abi_arena_strdup(arena, rel);
	if (!file->path)
		return -ENOMEM;
	slash = strrchr(file->path, '/');
	file->name = slash ? slash + 1 : file->path;
	file->level = abi_file_level(rel);

	r = listed->err ? listed->err :
			  file_read_beneath(rootfd, rel, BENEATH_NO_SYMLINKS,
					    TREE_MAX_FILE_SIZE, &buf, &len);
	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		abi_diag_report(ctx, ABI_DIAG_UNREADABLE_FILE, file->path, 0, NULL, 0,
				"cannot read '%s': %s", file->path, read_error(r));
		return 0;
	}
	if (file->level == ABI_LEVEL_NONE)
		abi_diag_report(ctx, ABI_DIAG_FILE_OUTSIDE_LEVEL, file->path, 0, NULL, 0,
				"'%s' is not in stable/, testing/, obsolete/ or removed/",
				file->path);
	r = abi_file_parse(ctx, arena, file, buf, len);
	free(buf);
	return r;
}

/* Up to @size bytes of the file open on @fd; returns how many, or -errno. */
static ssize_t read_head(int fd, char *buf, size_t size)
{
	size_t len = 0;

	while (len < size) {
		ssize_t n = read(fd, buf + len, size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

#define MAKEFILE_LINES 8
#define MAKEFILE_LINE_MAX 255 /* longer lines are read in pieces, each one a line */

/*
 * "VERSION = 6" ... from the top Makefile of the kernel tree that holds @root: a regular
 * file, not a link, and only its first lines. *@out is NULL when there is none; the
 * error is -ENOMEM only.
 */
static int kernel_version(struct abi_arena *arena, const char *root, const char **out)
{
	char real[PATH_MAX], head[MAKEFILE_LINES * MAKEFILE_LINE_MAX];
	char line[MAKEFILE_LINE_MAX + 1], ver[4][64] = { "", "", "", "" };
	static const char *const keys[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL",
					    "EXTRAVERSION" };
	const char *p, *end;
	ssize_t len;
	int n, topfd, fd;

	*out = NULL;
	if (!realpath(root, real))
		return errno == ENOMEM ? -ENOMEM : 0;
	/* .../Documentation/ABI -> ... */
	topfd = open(dirname(dirname(real)), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (topfd < 0)
		return 0;
	fd = file_open_regular_beneath(topfd, "Makefile", BENEATH_NO_SYMLINKS);
	close(topfd);
	if (fd < 0)
		return fd == -ENOMEM ? fd : 0;
	len = read_head(fd, head, sizeof(head));
	close(fd);
	if (len < 0)
		return len == -ENOMEM ? (int)len : 0;
	p = head;
	end = head + len;
	for (int i = 0; i < MAKEFILE_LINES && p < end; i++) {
		size_t ll = (size_t)(end - p) < MAKEFILE_LINE_MAX ? (size_t)(end - p) :
								    MAKEFILE_LINE_MAX;
		const char *nl = memchr(p, '\n', ll);

		if (nl)
			ll = (size_t)(nl - p) + 1;
		memcpy(line, p, ll);
		line[ll] = '\0';
		p += ll;
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
			size_t kl = strlen(keys[k]);
			char *v = line + kl;

			if (strncmp(line, keys[k], kl) || strspn(v, " \t") == 0)
				continue;
			v += strspn(v, " \t");
			if (*v != '=')
				continue;
			v += 1 + strspn(v + 1, " \t");
			v[strcspn(v, " \t\r\n")] = '\0';
			snprintf(ver[k], sizeof(ver[k]), "%s", v);
		}
	}
	if (!ver[0][0] || !ver[1][0])
		return 0;
	n = snprintf(line, sizeof(line), "%s.%s%s%s%s", ver[0], ver[1],
		     ver[2][0] ? "." : "", ver[2], ver[3]);
	if (n <= 0)
		return 0;
	*out = abi_arena_strdup(arena, line);
	return *out ? 0 : -ENOMEM;
}

/* Number the entries, gather them in tree order and prepare every What. */
static int tree_finish(struct abi_ctx *ctx, struct abi_tree *tree)
{
	struct abi_arena *arena = abi_tree_arena(tree);
	size_t n = 0;
	int r;

	for (size_t i = 0; i < tree->n_files; i++)
		n += tree->files[i]->n_entries;
	tree->entries = abi_arena_alloc(arena, (n ? n : 1) * sizeof(*tree->entries));
	if (!tree->entries)
		return -ENOMEM;
	for (size_t i = 0; i < tree->n_files; i++) {
		const struct abi_file *file = tree->files[i];

		for (size_t e = 0; e < file->n_entries; e++) {
			file->entries[e]->index = (unsigned int)tree->n_entries;
			tree->entries[tree->n_entries++] = file->entries[e];
		}
	}
	for (size_t i = 0; i < tree->n_entries; i++) {
		struct abi_entry *entry = tree->entries[i];

		for (size_t w = 0; w < entry->n_whats; w++) {
			r = abi_what_prepare(ctx, arena, entry->file->path,
					     &entry->whats[w]);
			if (r < 0)
				return r;
		}
		tree->n_whats += entry->n_whats;
	}
	return 0;
}

int abi_tree_load(struct abi_ctx *ctx, const char *dir, struct abi_tree **out)
{
	struct file_list list = { 0 };
	struct abi_tree *tree = NULL;
	int rootfd, r;

	*out = NULL;
	ctx->lost = false;
	rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	r = list_dir(dup(rootfd), "", 0, &list);
	if (r < 0)
		goto err;
	if (list.n > 1)
		qsort(list.files, list.n, sizeof(*list.files), cmp_paths);

	r = -ENOMEM;
	tree = calloc(1, sizeof(*tree));
	if (!tree || !(tree->priv = calloc(1, sizeof(*tree->priv))) ||
	    abi_arena_new(&tree->priv->arena) < 0)
		goto err;
	tree->root = abi_arena_strdup(tree->priv->arena, dir);
	tree->files = abi_arena_alloc(tree->priv->arena,
				      (list.n ? list.n : 1) * sizeof(*tree->files));
	if (!tree->root || !tree->files)
		goto err;
	for (size_t i = 0; i < list.n; i++) {
		struct abi_file *file = abi_arena_alloc(tree->priv->arena, sizeof(*file));

		if (!file)
			goto err;
		r = load_file(ctx, tree, rootfd, &list.files[i], file);
		if (r < 0)
			goto err;
		tree->files[tree->n_files++] = file;
	}
	r = kernel_version(tree->priv->arena, dir, &tree->kernel_version);
	if (r >= 0)
		r = tree_finish(ctx, tree);
	if (r >= 0)
		r = abi_tree_check(ctx, tree);
	if (r >= 0 && ctx->lost)
		r = -ENOMEM;
	if (r < 0)
		goto err;
	*out = TAKE_PTR(tree);
	r = 0;
err:
	for (size_t i = 0; i < list.n; i++)
		free(list.files[i].path);
	free(list.files);
	close(rootfd);
	abi_tree_free(tree);
	return r;
}

/* ---- the stamp of a tree: what an image of it is valid for ---- */

static void stamp_num(struct abi_strbuf *sb, unsigned long long v)
{
	char buf[24], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	abi_strbuf_addc(sb, ' ');
	abi_strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/* "F path size inode mtime ctime" (nanoseconds), without printf: this runs per file. */
static void stamp_line(struct abi_strbuf *sb, char type, const char *rel,
		       const struct stat *st)
{
	abi_strbuf_addc(sb, type);
	abi_strbuf_addc(sb, ' ');
	abi_strbuf_adds(sb, rel);
	if (st) {
		stamp_num(sb, (unsigned long long)st->st_size);
		stamp_num(sb, (unsigned long long)st->st_ino);
		stamp_num(sb, (unsigned long long)st->st_mtim.tv_sec * 1000000000ull +
				      (unsigned long long)st->st_mtim.tv_nsec);
		stamp_num(sb, (unsigned long long)st->st_ctim.tv_sec * 1000000000ull +
				      (unsigned long long)st->st_ctim.tv_nsec);
	}
	abi_strbuf_addc(sb, '\n');
}

/*
 * list_dir()'s walk, noting each name found instead of reading it, in the order the
 * directory gives them (the same while it is unchanged). Takes @fd over.
 */
static void stamp_dir(struct abi_strbuf *sb, int fd, char *rel, size_t len, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		close(fd);
		stamp_line(sb, 'E', rel, NULL);
		return;
	}
	while (!sb->err && (de = readdir(d))) {
		size_t nl = strlen(de->d_name), child = len + (len ? 1 : 0) + nl;
		struct stat st;

		if (skip_name(de->d_name))
			continue;
		if (child >= PATH_MAX) {
			stamp_line(sb, 'L', rel, NULL);
			continue;
		}
		if (len)
			rel[len] = '/';
		memcpy(rel + (len ? len + 1 : 0), de->d_name, nl + 1);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			stamp_line(sb, '?', rel, NULL);
		} else if (S_ISREG(st.st_mode)) {
			stamp_line(sb, 'F', rel, &st);
		} else if (S_ISDIR(st.st_mode) && depth < TREE_MAX_DEPTH) {
			int sub = openat(dirfd(d), de->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			stamp_line(sb, 'D', rel, &st);
			if (sub < 0)
				stamp_line(sb, 'E', rel, NULL);
			else
				stamp_dir(sb, sub, rel, child, depth + 1);
		} else {
			/* links, directories too deep, devices: named, and their type */
			stamp_line(sb, S_ISLNK(st.st_mode) ? 'S' : 'O', rel, NULL);
		}
		rel[len] = '\0';
	}
	closedir(d);
}

int abi_tree_stamp(const char *dir, char **out)
{
	struct abi_strbuf sb = { 0 };
	char real[PATH_MAX], rel[PATH_MAX] = "";
	struct stat rst, mst;
	int rootfd, topfd;

	*out = NULL;
	rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	if (fstat(rootfd, &rst) < 0) {
		int r = -errno;

		close(rootfd);
		return r;
	}
	stamp_line(&sb, 'R', "", &rst);
	stamp_dir(&sb, rootfd, rel, 0, 0);
	/* the top Makefile, which kernel_version() reads */
	topfd = realpath(dir, real) ?
			open(dirname(dirname(real)), O_RDONLY | O_DIRECTORY | O_CLOEXEC) :
			-1;
	if (topfd >= 0 && fstatat(topfd, "Makefile", &mst, AT_SYMLINK_NOFOLLOW) == 0)
		stamp_line(&sb, 'M', "Makefile", &mst);
	else
		stamp_line(&sb, 'M', "-", NULL);
	if (topfd >= 0)
		close(topfd);
	if (sb.err) {
		abi_strbuf_release(&sb);
		return -ENOMEM;
	}
	*out = abi_strbuf_detach(&sb);
	return *out ? 0 : -ENOMEM;
}

void abi_tree_free(struct abi_tree *tree)
{
	if (!tree)
		return;
	for (size_t i = 0; i < tree->n_entries; i++) {
		struct abi_entry *e = tree->entries[i];

		for (size_t w = 0; w < e->n_whats; w++)
			abi_what_release(&e->whats[w]);
	}
	if (tree->priv) {
		abi_arena_free(tree->priv->arena);
		if (tree->priv->image)
			munmap(tree->priv->image, tree->priv->image_len);
	}
	free(tree->priv);
	free(tree);
}
