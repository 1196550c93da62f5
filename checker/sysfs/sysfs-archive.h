/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A sysfs recorded in an archive (tar, .tar.gz, .tar.xz, .tar.zst, ...; what libarchive
 * reads), held in memory without unpacking it to disk: its members as a tree of names,
 * and the contents of the few files sysabi reads (sysfs_archive_wants_data()).
 *
 * The archive is hostile until read: a member named absolutely or with a ".." component,
 * one given twice, one below a member that is not a directory, more members, longer names
 * or more content than the caps below, are errors with a message naming the member. No
 * member is ever written anywhere, so a link's target is only text: sysfs-tree.c
 * resolves it inside the tree, as it does for a directory.
 *
 * The sysfs is the archive's top, or its sys/ when the top has no devices/, bus/ or
 * class/ and sys/ has (a `sysabi snapshot` writes sys/ and, beside it,
 * SYSFS_ARCHIVE_META).
 */
#ifndef SYSABI_SYSFS_ARCHIVE_H
#define SYSABI_SYSFS_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* The caps on what one archive may hold: members, the directories their names imply
 * counted (a name 2,000 components deep is 2,000), so that its memory follows them. */
#define SYSFS_ARCHIVE_MAX_MEMBERS (8u << 20)
#define SYSFS_ARCHIVE_MAX_DATA_MIB 512 /* the contents kept, all together */
#define SYSFS_ARCHIVE_MAX_TEXT_MIB 512 /* names and link targets, all together */
/* The most an archive may expand to, headers and skipped contents included: a member
 * whose header says more is refused before its data is expanded. */
#define SYSFS_ARCHIVE_MAX_EXPANDED_GIB 8

/* The metadata member a snapshot writes beside sys/, and the most read of it. */
#define SYSFS_ARCHIVE_META "sysabi-snapshot.json"
#define SYSFS_ARCHIVE_MAX_META (1u << 20)

/*
 * A snapshot's table of contents: the member after the metadata, listing the whole tree
 * below it, so that a reader builds the tree from it and reads only the members that
 * carry contents, which follow it, and none of the members after them (the headers of
 * a sysfs's every node cost three quarters of reading it through libarchive; the table
 * a tenth of that). An archive with no table, or with one anywhere else, is read member
 * by member. Its text, version 1:
 *
 *   "sysabi-toc 1\n"
 *   then a record a node, depth first from the top's children (depth 0):
 *     TYPE DEPTH ' ' MODE '\0' NAME '\0'         TYPE 'd' or 'f'; DEPTH decimal,
 *     'l' DEPTH ' ' MODE '\0' NAME '\0' TARGET '\0'  MODE octal, at most 07777
 *   and last:
 *     'e' CONTENTS '\0'   the number of members after the table that carry contents:
 *                        every file it lists that sysfs_archive_wants_data(), once
 *
 * A node's directory is the last directory listed one level up. A table that breaks a
 * rule (a name "", ".", ".." or with '/', a name twice in a directory, a level skipped,
 * a path of PATH_MAX, more than the caps, bytes after the end) and a member after it
 * that is not one of the files with contents it lists fail the read, as a member
 * breaking the same rule does. The table is written by sysabi and trusted as the
 * central directory of a zip is: a tool that deletes or appends members of a snapshot
 * leaves it stale (unpack it and record it again: `sysabi snapshot --sysfs-root DIR`).
 */
#define SYSFS_ARCHIVE_TOC "sysabi-snapshot.toc"
#define SYSFS_ARCHIVE_TOC_MAGIC "sysabi-toc 1\n"
/* the most read of a table: its names count against SYSFS_ARCHIVE_MAX_TEXT_MIB too */
#define SYSFS_ARCHIVE_MAX_TOC_MIB 1024

enum amember_type {
	AMEMBER_DIR,
	AMEMBER_FILE,
	AMEMBER_LINK,
	AMEMBER_OTHER,
};

struct amember {
	const char *name;      /* the last component; "" for the top */
	struct amember *up;    /* the directory holding it; NULL for the top */
	struct amember **kids; /* directories: children, sorted by name */
	uint32_t n_kids;
	uint8_t type;     /* enum amember_type */
	bool recorded;    /* the archive has a member for it, not only members below */
	bool has_data;    /* data holds the member's contents */
	uint16_t mode;    /* permission bits, as recorded */
	const char *link; /* links: the target as recorded */
	const char *data; /* NUL-terminated, size bytes before the NUL */
	size_t size;
};

struct sysfs_archive {
	struct amember *root; /* the sysfs: the archive's top or its sys/ */
	char *meta;           /* SYSFS_ARCHIVE_META's contents, or NULL */
	size_t n_members;
	struct sysfs_archive_priv *priv;
};

/*
 * Whether the contents of the member at @rel ("kernel/btf/vmlinux", relative to the
 * sysfs) are kept: /sys/kernel/btf/ * and /sys/module/ * /initstate, nothing else.
 */
bool sysfs_archive_wants_data(const char *rel);

/* Append to @toc (started with SYSFS_ARCHIVE_TOC_MAGIC) the record of one node. */
void sysfs_archive_toc_add(GString *toc, unsigned int depth, enum amember_type type,
			   unsigned int mode, const char *name, const char *link);
/* Append the end of the table: @contents members with contents follow it. */
void sysfs_archive_toc_end(GString *toc, size_t contents);

/* sysfs_archive_read()'s @flags */
enum sysfs_archive_flags {
	/* no contents kept but the metadata's: a snapshot is read up to its table */
	SYSFS_ARCHIVE_NO_CONTENTS = 1 << 0,
};

/*
 * Read the archive @path: whole, or up to the last member with contents when it is a
 * snapshot with its table of contents. Returns 0 with *@out set (free with
 * sysfs_archive_free()); -EINVAL when it is no archive libarchive knows; another negative
 * errno, with *@why set to a malloc'd message naming the member at fault when there is
 * one (else NULL).
 */
int sysfs_archive_read(const char *path, unsigned int flags, struct sysfs_archive **out,
		       char **why);
void sysfs_archive_free(struct sysfs_archive *ar);

/*
 * Load libarchive now, not at the first read: a process that forks readers loads it
 * once, not once a reader. Returns 0, or -ENOPKG with *@why (malloc'd).
 */
int sysfs_archive_preload(char **why);

/* The child of the directory @dir called @name, or NULL. */
const struct amember *sysfs_archive_child(const struct amember *dir, const char *name);
/* The member at @rel ("class/net", "" for the root), following no links; or NULL. */
const struct amember *sysfs_archive_lookup(const struct sysfs_archive *ar,
					   const char *rel);

#endif
