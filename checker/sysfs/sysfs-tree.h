/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A sysfs in memory: one walk of the live /sys or of a recorded copy records every
 * directory, file and symlink once, without following links, below the root handle of
 * sysfs-root.h: nodes carry names, and paths are always shown as "/sys/..." whatever
 * the root is.
 *
 * Names are interned: equal names share one string, so callers may compare name
 * pointers. All nodes and strings live until sysfs_tree_free().
 */
#ifndef SYSABI_SYSFS_TREE_H
#define SYSABI_SYSFS_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum snode_type {
	SNODE_DIR,
	SNODE_FILE,
	SNODE_LINK,
	SNODE_OTHER, /* sockets, FIFOs, device nodes: not part of sysfs' ABI */
};

enum {
	SNODE_IGNORED = 1 << 0, /* an ignore rule matched: not walked, not judged */
	SNODE_UNREADABLE =
		1 << 1, /* a directory we could not list, or a link we could not read */
	SNODE_VANISHED = 1 << 2,      /* gone between listing and reading */
	SNODE_LINK_ESCAPES = 1 << 3,  /* the link's target leaves the tree */
	SNODE_LINK_DANGLING = 1 << 4, /* the link's target is not in the tree */
	SNODE_LINK_RESOLVED = 1 << 5, /* link_target is set */
};

struct snode {
	const char *name;     /* interned; "" for the root */
	struct snode *parent; /* NULL for the root */
	struct snode **kids;  /* directories: children sorted by name */
	uint32_t n_kids;
	uint32_t id;  /* 0 .. n_nodes - 1, in walk order; the root is 0 */
	uint8_t type; /* enum snode_type */
	uint8_t flags;
	uint16_t ignore_rule; /* with SNODE_IGNORED: which rule, 1-based */
	uint16_t mode;        /* permission bits: from an archive, or SYSFS_TREE_MODES */
	union {
		const char *link; /* links: the target as read, interned */
	};
	struct snode *link_target; /* links, once resolved: the node they reach */
};

struct sysfs_tree {
	struct snode *root;
	size_t n_nodes;
	size_t n_dirs, n_files, n_links, n_other;
	size_t n_unreadable, n_vanished;
	struct sysfs_tree_priv *priv;
};

/* An ignore rule: an anchored glob over "/sys/..." paths (fnmatch, FNM_PATHNAME). */
struct sysfs_ignore {
	const char *glob;
	const char *why; /* shown in reports; NULL for user rules */
	size_t count;    /* nodes it matched, filled by the walk */
};

/* File systems mounted inside /sys that are not sysfs: their files are no sysfs ABI.
 * Copy them: the walk counts each rule's matches in it. */
#define SYSFS_N_DEFAULT_IGNORES 10
extern const struct sysfs_ignore sysfs_default_ignores[SYSFS_N_DEFAULT_IGNORES];

/* Called now and then during long walks with the nodes seen so far. */
typedef void (*sysfs_progress_fn)(void *data, size_t nodes);

struct sysfs_root;

/*
 * Walk @root (a directory laid out like /sys, or an archive of one) into memory, below it only. Nodes matched by one of
 * @ignores (whose counts are updated) are recorded with SNODE_IGNORED and not entered.
 * Unreadable and vanishing nodes are flagged and counted, never fatal. Then resolve
 * every link within the tree. Returns 0, -ENOMEM, or a negative errno when @root itself
 * cannot be read. Free with sysfs_tree_free().
 */
int sysfs_tree_load(const struct sysfs_root *root, struct sysfs_ignore *ignores,
		    size_t n_ignores, sysfs_progress_fn progress, void *data,
		    struct sysfs_tree **out);
/* sysfs_tree_load() with @flags: SYSFS_TREE_MODES, each node's permission bits too (a
 * stat of each; an archive has them anyway). */
enum { SYSFS_TREE_MODES = 1 << 0 };
int sysfs_tree_load_with(const struct sysfs_root *root, unsigned int flags,
			 struct sysfs_ignore *ignores, size_t n_ignores,
			 sysfs_progress_fn progress, void *data, struct sysfs_tree **out);
void sysfs_tree_free(struct sysfs_tree *tree);

/* A directory, or a link to one. */
static inline bool snode_is_dir(const struct snode *n)
{
	return n->type == SNODE_DIR || (n->type == SNODE_LINK && n->link_target &&
					n->link_target->type == SNODE_DIR);
}

/* The child of @dir called @name, or NULL. */
struct snode *snode_child(const struct snode *dir, const char *name);
/* The node at @path ("/sys/class/net" or "class/net"); follows no links. */
struct snode *sysfs_tree_lookup(const struct sysfs_tree *tree, const char *path);
/* Like sysfs_tree_lookup(), following the links on the way and at the end. */
struct snode *sysfs_tree_resolve(const struct sysfs_tree *tree, const char *path);
/*
 * Whether the first @len bytes of @path name a link: the links on the way are
 * followed, the last component is not. For abi_index_lookup_links() (@tree as @data).
 */
bool sysfs_tree_is_link(void *tree, const char *path, size_t len);
/* The node's path as "/sys/...", malloc'd; NULL on ENOMEM. */
char *snode_path(const struct snode *n);
/* Append @n's path to @buf of @size bytes; returns the length it needs. */
size_t snode_path_buf(const struct snode *n, char *buf, size_t size);
/*
 * For tests: before a directory is opened or a link read, @fn is asked with the node's
 * "/sys/..." path and may return an errno to pretend that call failed with it (ENOENT:
 * the node vanished; EACCES: unreadable). NULL turns it off.
 */
enum sysfs_op { SYSFS_OP_OPENDIR, SYSFS_OP_READLINK };
typedef int (*sysfs_fault_fn)(const char *path, enum sysfs_op op);
void sysfs_tree_set_fault(sysfs_fault_fn fn);

/* The memory the tree holds, in bytes (for the benchmark). */
size_t sysfs_tree_memory(const struct sysfs_tree *tree);

#endif
