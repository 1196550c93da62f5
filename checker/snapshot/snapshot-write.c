// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writing a snapshot archive through libarchive: GNU tar headers (names and link targets
 * of any length, written as they are: pax's would be converted through the locale to
 * UTF-8, a third of the time of a snapshot), compressed with zstd. See snapshot.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "ext/libarchive-load.h"
#include "snapshot.h"
#include "sysfs/sysfs-archive.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

/* libarchive, loaded by the first write */
static const struct libarchive_fns *la;

struct writer {
	struct archive *a;
	struct archive_entry *e;
	const struct sysfs_root *root;
	struct snapshot_counts *counts;
	time_t now;
	char path[PATH_MAX * 2]; /* "sys/..." of the node written */
	GString *toc;            /* the table of contents, sysfs-archive.h */
	size_t n_contents;       /* the members with contents it announces */
	char **why;
};

static int failed(struct writer *w, const char *what)
{
	int err = la->archive_errno(w->a);

	*w->why = g_strdup_printf("%s: %s", what,
				  la->archive_error_string(w->a) ?: "failed");
	return err > 0 ? -err : -EIO;
}

static void entry_reset(struct writer *w, const char *name, unsigned int type,
			unsigned int mode, size_t size)
{
	la->archive_entry_clear(w->e);
	la->archive_entry_set_pathname(w->e, name);
	la->archive_entry_set_filetype(w->e, type);
	la->archive_entry_set_perm(w->e, mode);
	la->archive_entry_set_size(w->e, (la_int64_t)size);
	la->archive_entry_set_mtime(w->e, w->now, 0);
	la->archive_entry_set_uname(w->e, "root");
	la->archive_entry_set_gname(w->e, "root");
}

static int write_member(struct writer *w, const char *data, size_t size)
{
	if (la->archive_write_header(w->a, w->e) != ARCHIVE_OK)
		return failed(w, w->path);
	if (size && la->archive_write_data(w->a, data, size) != (la_ssize_t)size)
		return failed(w, w->path);
	return 0;
}

/* A regular file with contents sysabi reads: they, or an empty member if unreadable. */
static int write_contents(struct writer *w, const struct snode *n)
{
	char *sys = g_strconcat("/sys/", w->path + 4, NULL), *buf = NULL;
	size_t len = 0;
	int err;

	err = sysfs_root_read(w->root, sys, SYSFS_MAX_BTF, &buf, &len);
	g_free(sys);
	if (err == -ENOMEM)
		return err;
	if (err == 0) {
		w->counts->contents++;
		w->counts->content_bytes += len;
	}
	entry_reset(w, w->path, AE_IFREG, n->mode, len);
	err = write_member(w, buf, len);
	free(buf);
	return err;
}

/*
 * What each pass over the tree does with a node: the table of contents lists them all
 * and counts them; the members with contents follow it; then every other member.
 */
enum pass { PASS_TOC, PASS_CONTENTS, PASS_REST };

static int visit(struct writer *w, enum pass pass, const struct snode *n,
		 unsigned int depth)
{
	const char *name = n->name && depth ? n->name : "sys";
	bool contents;

	switch (n->type) {
	case SNODE_DIR:
		if (pass == PASS_TOC) {
			w->counts->dirs++;
			sysfs_archive_toc_add(w->toc, depth, AMEMBER_DIR,
					      n->mode ? n->mode : 0755, name, NULL);
		} else if (pass == PASS_REST) {
			entry_reset(w, w->path, AE_IFDIR, n->mode ? n->mode : 0755, 0);
			return write_member(w, NULL, 0);
		}
		return 0;
	case SNODE_FILE:
		contents = sysfs_archive_wants_data(w->path + 4);
		if (pass == PASS_TOC) {
			w->counts->files++;
			w->n_contents += contents;
			sysfs_archive_toc_add(w->toc, depth, AMEMBER_FILE, n->mode, name,
					      NULL);
		} else if (pass == PASS_CONTENTS && contents) {
			return write_contents(w, n);
		} else if (pass == PASS_REST && !contents) {
			entry_reset(w, w->path, AE_IFREG, n->mode, 0);
			return write_member(w, NULL, 0);
		}
		return 0;
	case SNODE_LINK:
		if (pass == PASS_TOC && n->link) {
			w->counts->links++;
			sysfs_archive_toc_add(w->toc, depth, AMEMBER_LINK, 0777, name,
					      n->link);
		} else if (pass == PASS_REST && n->link) {
			entry_reset(w, w->path, AE_IFLNK, 0777, 0);
			la->archive_entry_set_symlink(w->e, n->link);
			return write_member(w, NULL, 0);
		}
		/* unreadable: nothing to record */
		w->counts->skipped += pass == PASS_TOC && !n->link;
		return 0;
	default:
		w->counts->skipped += pass == PASS_TOC;
		return 0;
	}
}

/* One pass over the node @n at w->path (@len bytes) and all below it. */
static int walk(struct writer *w, enum pass pass, const struct snode *n, size_t len,
		unsigned int depth)
{
	int err = visit(w, pass, n, depth);

	for (uint32_t i = 0; !err && n->type == SNODE_DIR && i < n->n_kids; i++) {
		const struct snode *k = n->kids[i];
		size_t l = strlen(k->name);

		/* a name the reader would refuse (sysfs-archive.c: a path of PATH_MAX, a
		   name past NAME_MAX, which no lookup reaches) is left out */
		if (l > NAME_MAX || len + 1 + l >= PATH_MAX - 1) {
			w->counts->skipped += pass == PASS_TOC;
			continue;
		}
		w->path[len] = '/';
		memcpy(w->path + len + 1, k->name, l + 1);
		err = walk(w, pass, k, len + 1 + l, depth + 1);
		w->path[len] = '\0';
	}
	return err;
}

/* A member of the archive's top, from memory. */
static int write_top(struct writer *w, const char *name, const char *data, size_t len)
{
	memcpy(w->path, name, strlen(name) + 1);
	entry_reset(w, name, AE_IFREG, 0644, len);
	return write_member(w, data, len);
}

int snapshot_write(int fd, const struct sysfs_root *root, const struct sysfs_tree *tree,
		   const struct snapshot_options *opt, struct snapshot_counts *counts,
		   char **why)
{
	struct writer w = { .root = root, .counts = counts, .why = why };
	char *meta;
	int err = -ENOMEM;

	memset(counts, 0, sizeof(*counts));
	la = libarchive_load(why);
	if (!la)
		return -ENOPKG;
	w.now = time(NULL);
	w.a = la->archive_write_new();
	w.e = la->archive_entry_new();
	if (!w.a || !w.e)
		goto out;
	/* zstd's fastest level: a sysfs is mostly alike headers, and the time is the
	 * walk's. No padding after the compressed stream, wherever it goes: zstd -d
	 * takes trailing zeros for a frame it does not know */
	if (la->archive_write_set_format_gnutar(w.a) != ARCHIVE_OK ||
	    la->archive_write_add_filter_zstd(w.a) != ARCHIVE_OK ||
	    la->archive_write_set_filter_option(w.a, "zstd", "compression-level", "1") !=
		    ARCHIVE_OK ||
	    la->archive_write_set_bytes_in_last_block(w.a, 1) != ARCHIVE_OK ||
	    la->archive_write_open_fd(w.a, fd) != ARCHIVE_OK) {
		err = failed(&w, "cannot start the archive");
		goto out;
	}
	/*
	 * The metadata first, where a reader finds it without reading the rest; then the
	 * table of contents, and the members with contents: a reader stops there.
	 */
	w.toc = g_string_sized_new(64 * 1024);
	g_string_append(w.toc, SYSFS_ARCHIVE_TOC_MAGIC);
	memcpy(w.path, "sys", 4);
	walk(&w, PASS_TOC, tree->root, 3, 0);
	sysfs_archive_toc_end(w.toc, w.n_contents);
	meta = snapshot_meta_json(root, tree, opt, counts);
	if (!meta)
		goto out;
	err = write_top(&w, SYSFS_ARCHIVE_META, meta, strlen(meta));
	free(meta);
	if (err == 0)
		err = write_top(&w, SYSFS_ARCHIVE_TOC, w.toc->str, w.toc->len);
	for (enum pass pass = PASS_CONTENTS; err == 0 && pass <= PASS_REST; pass++) {
		memcpy(w.path, "sys", 4);
		err = walk(&w, pass, tree->root, 3, 0);
	}
	if (err == 0 && la->archive_write_close(w.a) != ARCHIVE_OK)
		err = failed(&w, "cannot finish the archive");
out:
	if (err == -ENOMEM && !*why)
		*why = g_strdup(strerror(ENOMEM));
	if (w.toc)
		g_string_free(w.toc, TRUE);
	la->archive_entry_free(w.e);
	la->archive_write_free(w.a);
	return err;
}
