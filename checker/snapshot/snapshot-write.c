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

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

#include "snapshot.h"
#include "sysfs/sysfs-archive.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

struct writer {
	struct archive *a;
	struct archive_entry *e;
	const struct sysfs_root *root;
	struct snapshot_counts *counts;
	time_t now;
	char path[PATH_MAX * 2]; /* "sys/..." of the node written */
	char **why;
};

static int failed(struct writer *w, const char *what)
{
	int err = archive_errno(w->a);

	*w->why = g_strdup_printf("%s: %s", what, archive_error_string(w->a) ?: "failed");
	return err > 0 ? -err : -EIO;
}

static void entry_reset(struct writer *w, const char *name, unsigned int type,
			unsigned int mode, size_t size)
{
	archive_entry_clear(w->e);
	archive_entry_set_pathname(w->e, name);
	archive_entry_set_filetype(w->e, type);
	archive_entry_set_perm(w->e, mode);
	archive_entry_set_size(w->e, (la_int64_t)size);
	archive_entry_set_mtime(w->e, w->now, 0);
	archive_entry_set_uname(w->e, "root");
	archive_entry_set_gname(w->e, "root");
}

static int write_member(struct writer *w, const char *data, size_t size)
{
	if (archive_write_header(w->a, w->e) != ARCHIVE_OK)
		return failed(w, w->path);
	if (size && archive_write_data(w->a, data, size) != (la_ssize_t)size)
		return failed(w, w->path);
	return 0;
}

/* A regular file: its contents when sysabi reads them, else an empty member. */
static int write_file(struct writer *w, const struct snode *n)
{
	const char *rel = w->path + 4;
	char *buf = NULL;
	size_t len = 0;
	int err;

	if (sysfs_archive_wants_data(rel)) {
		char *sys = g_strconcat("/sys/", rel, NULL);

		err = sysfs_root_read(w->root, sys, SYSFS_MAX_BTF, &buf, &len);
		g_free(sys);
		if (err == -ENOMEM)
			return err;
		if (err == 0) {
			w->counts->contents++;
			w->counts->content_bytes += len;
		}
	}
	entry_reset(w, w->path, AE_IFREG, n->mode, len);
	err = write_member(w, buf, len);
	free(buf);
	return err;
}

static int write_node(struct writer *w, const struct snode *n, size_t len)
{
	int err = 0;

	switch (n->type) {
	case SNODE_DIR:
		w->counts->dirs++;
		entry_reset(w, w->path, AE_IFDIR, n->mode ? n->mode : 0755, 0);
		err = write_member(w, NULL, 0);
		break;
	case SNODE_FILE:
		w->counts->files++;
		err = write_file(w, n);
		break;
	case SNODE_LINK:
		if (!n->link) { /* unreadable: nothing to record */
			w->counts->skipped++;
			return 0;
		}
		w->counts->links++;
		entry_reset(w, w->path, AE_IFLNK, 0777, 0);
		archive_entry_set_symlink(w->e, n->link);
		err = write_member(w, NULL, 0);
		break;
	default:
		w->counts->skipped++;
		return 0;
	}
	for (uint32_t i = 0; !err && n->type == SNODE_DIR && i < n->n_kids; i++) {
		const struct snode *k = n->kids[i];
		size_t l = strlen(k->name);

		/* a name the reader would refuse (sysfs-archive.c: PATH_MAX) is left out */
		if (len + 1 + l >= PATH_MAX - 1) {
			w->counts->skipped++;
			continue;
		}
		w->path[len] = '/';
		memcpy(w->path + len + 1, k->name, l + 1);
		err = write_node(w, k, len + 1 + l);
		w->path[len] = '\0';
	}
	return err;
}

int snapshot_write(int fd, const struct sysfs_root *root, const struct sysfs_tree *tree,
		   const struct snapshot_options *opt, struct snapshot_counts *counts,
		   char **why)
{
	struct writer w = { .root = root, .counts = counts, .why = why };
	char *meta;
	int err = -ENOMEM;

	*why = NULL;
	memset(counts, 0, sizeof(*counts));
	w.now = time(NULL);
	w.a = archive_write_new();
	w.e = archive_entry_new();
	if (!w.a || !w.e)
		goto out;
	/* zstd's fastest level: a sysfs is mostly alike headers, and the time is the
	 * walk's. No padding after the compressed stream, wherever it goes: zstd -d
	 * takes trailing zeros for a frame it does not know */
	if (archive_write_set_format_gnutar(w.a) != ARCHIVE_OK ||
	    archive_write_add_filter_zstd(w.a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(w.a, "zstd", "compression-level", "1") !=
		    ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(w.a, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(w.a, fd) != ARCHIVE_OK) {
		err = failed(&w, "cannot start the archive");
		goto out;
	}
	/* the metadata first, where a reader finds it without reading the rest */
	meta = snapshot_meta_json(root, tree, opt, counts);
	if (!meta)
		goto out;
	memcpy(w.path, SYSFS_ARCHIVE_META, sizeof(SYSFS_ARCHIVE_META));
	entry_reset(&w, SYSFS_ARCHIVE_META, AE_IFREG, 0644, strlen(meta));
	err = write_member(&w, meta, strlen(meta));
	free(meta);
	if (err)
		goto out;
	memcpy(w.path, "sys", 4);
	err = write_node(&w, tree->root, 3);
	if (err == 0 && archive_write_close(w.a) != ARCHIVE_OK)
		err = failed(&w, "cannot finish the archive");
out:
	if (err == -ENOMEM && !*why)
		*why = g_strdup(strerror(ENOMEM));
	archive_entry_free(w.e);
	archive_write_free(w.a);
	return err;
}
