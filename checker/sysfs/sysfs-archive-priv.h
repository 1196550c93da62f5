/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the archive reader (sysfs-archive.c) and its table of contents
 * (sysfs-archive-toc.c) share: the tree being read, its caps, its messages.
 */
#ifndef SYSABI_SYSFS_ARCHIVE_PRIV_H
#define SYSABI_SYSFS_ARCHIVE_PRIV_H

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

#include "common/macro.h"
#include "sysfs-archive.h"

struct sysfs_archive_priv {
	GStringChunk *strings;
	GSList *blocks; /* member blocks */
	struct amember *block;
	size_t block_used;
	GPtrArray *kid_arrays;
	GPtrArray *data;   /* the contents kept */
	GHashTable *nodes; /* while reading: every member, by its directory and name */
	GHashTable *kids;  /* while reading: directory -> GPtrArray of its members */
	struct amember *top;
	size_t n_nodes; /* members, and the directories their names imply */
	size_t data_bytes;
	size_t text_bytes; /* names and link targets kept */
	bool no_contents;  /* SYSFS_ARCHIVE_NO_CONTENTS */
};

/* A message (malloc'd) with the bytes of member names escaped: any byte may be there. */
char *sysfs_archive_whyf(const char *fmt, ...) _printf_(1, 2);
/* -EFBIG, and why: past the caps on members and text. */
int sysfs_archive_too_many(const char *path, char **why);
/* Whether @len more bytes of names and link targets fit under the cap; counts them. */
bool sysfs_archive_text_fits(struct sysfs_archive_priv *p, size_t len);

/* A new member named @name in @dir, known to no lookup; NULL past the caps. */
struct amember *sysfs_archive_member_new(struct sysfs_archive_priv *p,
					 struct amember *dir, const char *name,
					 enum amember_type type);
/* The same, found by sysfs_archive_child_of() while reading. */
struct amember *sysfs_archive_node_new(struct sysfs_archive_priv *p, struct amember *dir,
				       const char *name, enum amember_type type);
/* The member @name of @dir made by sysfs_archive_node_new(), or NULL. */
struct amember *sysfs_archive_child_of(struct sysfs_archive_priv *p, struct amember *dir,
				       const char *name);
/* qsort()'s order of two struct amember pointers: by name. */
int sysfs_archive_cmp_members(const void *a, const void *b);

/* The most contents kept of the member @path (normalized), 0 for none. */
size_t sysfs_archive_data_wanted(const char *path);
/* Read the contents of the member being read, at most @max bytes, into @m. */
int sysfs_archive_read_data(struct archive *a, struct archive_entry *e,
			    struct sysfs_archive_priv *p, struct amember *m,
			    const char *path, size_t max, char **why);

/*
 * The table of contents @toc (@len bytes, a snapshot's SYSFS_ARCHIVE_TOC) read into the
 * tree below p->top: every directory it names settled (children sorted, no name twice).
 * *@contents: the number of members after it that carry contents, each a file it lists
 * with sysfs_archive_data_wanted(). Returns 0, or -EINVAL/-EFBIG/-ENAMETOOLONG with
 * *@why.
 */
int sysfs_archive_toc_read(struct sysfs_archive_priv *p, const char *toc, size_t len,
			   size_t *contents, char **why);
/* The member the table of contents listed at @path (normalized), or NULL. */
struct amember *sysfs_archive_toc_find(struct sysfs_archive_priv *p, const char *path);

#endif
