// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Walking a sysfs into memory. One readdir() per directory and one readlink() per link:
 * no stat() per node (sysfs gives d_type), so the walk costs about what `find` costs;
 * a snapshot asks for the modes too, one fstatat() per node. An archive's tree, read
 * already (sysfs-archive.c), is walked the same way, with the same ignore rules.
 * Nodes come from a bump allocator and names are interned, which keeps a million-node
 * tree well under 300 bytes a node.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/beneath.h"
#include "common/dir-read.h"
#include "sysfs-archive.h"
#include "sysfs-root.h"
#include "sysfs-tree.h"

/* Links that point at links: resolving gives up after this many. */
#define LINK_MAX_DEPTH 16
#define PROGRESS_EVERY 65536

struct sysfs_tree_priv {
	struct dir_read *dir_read; /* during the walk of a directory tree */
	GHashTable *names;         /* interned names */
	GStringChunk *strings;
	GSList *blocks;      /* node blocks */
	struct snode *block; /* the current one */
	size_t block_used;
	GPtrArray *kid_arrays; /* every children array, for freeing */
	size_t kid_bytes;
	struct sysfs_ignore *ignores;
	unsigned int *ignore_depth; /* components of each rule */
	size_t n_ignores;
	sysfs_progress_fn progress;
	void *progress_data;
	char path[PATH_MAX * 2]; /* "/sys/..." of the directory being walked */
	int rootfd;              /* the sysfs root, borrowed */
	bool modes;              /* SYSFS_TREE_MODES */
};

#define NODE_BLOCK 4096

const struct sysfs_ignore sysfs_default_ignores[SYSFS_N_DEFAULT_IGNORES] = {
	{ "/sys/kernel/debug", "debugfs", 0 },
	{ "/sys/kernel/tracing", "tracefs", 0 },
	{ "/sys/kernel/config", "configfs", 0 },
	{ "/sys/kernel/security", "securityfs", 0 },
	{ "/sys/fs/cgroup", "cgroup", 0 },
	{ "/sys/fs/bpf", "bpf", 0 },
	{ "/sys/fs/pstore", "pstore", 0 },
	{ "/sys/fs/fuse/connections", "fusectl", 0 },
	{ "/sys/fs/selinux", "selinuxfs", 0 },
	{ "/sys/firmware/efi/efivars", "efivarfs", 0 },
};

static sysfs_fault_fn fault;

void sysfs_tree_set_fault(sysfs_fault_fn fn)
{
	fault = fn;
}

/* A node that could not be read: vanished (ENOENT) or unreadable (anything else). */
static void failed(struct sysfs_tree *t, struct snode *n, int err)
{
	if (err == ENOENT) {
		n->flags |= SNODE_VANISHED;
		t->n_vanished++;
	} else {
		n->flags |= SNODE_UNREADABLE;
		t->n_unreadable++;
	}
}

static const char *intern(struct sysfs_tree_priv *p, const char *s)
{
	const char *r = g_hash_table_lookup(p->names, s);

	if (!r) {
		r = g_string_chunk_insert(p->strings, s);
		g_hash_table_add(p->names, (gpointer)r);
	}
	return r;
}

static struct snode *node_new(struct sysfs_tree *t, struct snode *parent,
			      const char *name, enum snode_type type)
{
	struct sysfs_tree_priv *p = t->priv;
	struct snode *n;

	if (!p->block || p->block_used == NODE_BLOCK) {
		p->block = g_new(struct snode, NODE_BLOCK);
		p->blocks = g_slist_prepend(p->blocks, p->block);
		p->block_used = 0;
	}
	n = &p->block[p->block_used++];
	memset(n, 0, sizeof(*n));
	n->name = intern(p, name);
	n->parent = parent;
	n->type = (uint8_t)type;
	n->id = (uint32_t)t->n_nodes++;
	if (p->progress && t->n_nodes % PROGRESS_EVERY == 0)
		p->progress(p->progress_data, t->n_nodes);
	return n;
}

static int cmp_nodes(const void *a, const void *b)
{
	return strcmp((*(struct snode *const *)a)->name,
		      (*(struct snode *const *)b)->name);
}

static unsigned int depth_of(const char *path)
{
	unsigned int d = 0;

	for (; *path; path++)
		d += *path == '/';
	return d;
}

/*
 * The first ignore rule matching @path (at @depth), 1-based, or 0. With FNM_PATHNAME
 * no wildcard crosses a '/', so a rule can only match paths of its own depth: most
 * nodes are never handed to fnmatch().
 */
static unsigned int ignored(struct sysfs_tree_priv *p, const char *path,
			    unsigned int depth)
{
	for (size_t i = 0; i < p->n_ignores; i++) {
		if (p->ignore_depth[i] != depth)
			continue;
		if (fnmatch(p->ignores[i].glob, path, FNM_PATHNAME) == 0) {
			p->ignores[i].count++;
			return (unsigned int)i + 1;
		}
	}
	return 0;
}

static enum snode_type type_of(int dirfd, const char *name, unsigned char d_type)
{
	struct stat st;

	switch (d_type) {
	case DT_DIR:
		return SNODE_DIR;
	case DT_REG:
		return SNODE_FILE;
	case DT_LNK:
		return SNODE_LINK;
	case DT_UNKNOWN: /* some file systems do not say: ask */
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return SNODE_OTHER;
		return S_ISDIR(st.st_mode) ? SNODE_DIR :
		       S_ISREG(st.st_mode) ? SNODE_FILE :
		       S_ISLNK(st.st_mode) ? SNODE_LINK :
					     SNODE_OTHER;
	default:
		return SNODE_OTHER;
	}
}

static void read_link(struct sysfs_tree *t, int dirfd, struct snode *n)
{
	char buf[PATH_MAX];
	int err = fault ? fault(t->priv->path, SYSFS_OP_READLINK) : 0;
	ssize_t len = err ? -1 : readlinkat(dirfd, n->name, buf, sizeof(buf) - 1);

	if (len < 0) {
		failed(t, n, err ? err : errno);
		return;
	}
	buf[len] = '\0';
	n->link = intern(t->priv, buf);
}

static void walk_dir(struct sysfs_tree *t, int fd, struct snode *dir, size_t path_len,
		     unsigned int depth);

/*
 * Record the entry @name of @dir, of @type; p->path holds @dir's path (@path_len bytes).
 * An ignored one is flagged, and NULL returned; else the node, counted.
 */
static struct snode *add_node(struct sysfs_tree *t, struct snode *dir, const char *name,
			      enum snode_type type, size_t path_len, unsigned int depth,
			      struct snode **out)
{
	struct sysfs_tree_priv *p = t->priv;
	size_t len = strlen(name);
	struct snode *n;
	unsigned int rule;

	if (path_len + 1 + len >= sizeof(p->path)) {
		/* deeper than PATH_MAX twice: nothing sysfs makes. Counted, never dropped */
		n = *out = node_new(t, dir, name, SNODE_OTHER);
		failed(t, n, ENAMETOOLONG);
		return NULL;
	}
	p->path[path_len] = '/';
	memcpy(p->path + path_len + 1, name, len + 1);

	n = *out = node_new(t, dir, name, type);
	rule = p->n_ignores ? ignored(p, p->path, depth + 1) : 0;
	if (rule) {
		n->flags |= SNODE_IGNORED;
		n->ignore_rule = (uint16_t)rule;
		return NULL;
	}
	switch (n->type) {
	case SNODE_DIR:
		t->n_dirs++;
		break;
	case SNODE_FILE:
		t->n_files++;
		break;
	case SNODE_LINK:
		t->n_links++;
		break;
	default:
		t->n_other++;
	}
	return n;
}

/* Record one directory entry of @dir; a link's target is read now, a directory's
 * children later, once @dir is closed. */
static struct snode *add_entry(struct sysfs_tree *t, int dfd, struct snode *dir,
			       const char *name, unsigned char d_type, size_t path_len,
			       unsigned int depth)
{
	struct snode *n, *any;
	struct stat st;

	n = add_node(t, dir, name, type_of(dfd, name, d_type), path_len, depth, &any);
	if (n && n->type == SNODE_LINK)
		read_link(t, dfd, n);
	if (n && t->priv->modes && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		n->mode = (uint16_t)(st.st_mode & 07777);
	return any;
}

/*
 * Open the directory whose "/sys/..." path is in p->path, from the root: the walk holds
 * one descriptor at a time, however deep the tree, and no link is followed on the way.
 */
static int open_dir(struct sysfs_tree *t)
{
	const char *path = t->priv->path;
	int err = fault ? fault(path, SYSFS_OP_OPENDIR) : 0;

	if (err)
		return -err;
	return beneath_open(t->priv->rootfd, path[4] ? path + 5 : "",
			    O_RDONLY | O_DIRECTORY, BENEATH_NO_SYMLINKS);
}

/* List @fd (taken over) into @dir's children, then walk the subdirectories. */
static void walk_dir(struct sysfs_tree *t, int fd, struct snode *dir, size_t path_len,
		     unsigned int depth)
{
	GPtrArray *kids = g_ptr_array_new();
	struct dir_read *d = t->priv->dir_read;
	unsigned char d_type;
	const char *name;
	int r;

	dir_read_init(d, fd);
	while ((r = dir_read_next(d, &name, &d_type)) > 0) {
		struct snode *n = add_entry(t, fd, dir, name, d_type, path_len, depth);

		if (n)
			g_ptr_array_add(kids, n);
	}
	if (r < 0) /* the directory went away while we listed it */
		failed(t, dir, -r);
	close(fd);
	if (kids->len > 1)
		qsort(kids->pdata, kids->len, sizeof(gpointer), cmp_nodes);
	dir->n_kids = kids->len;
	t->priv->kid_bytes += kids->len * sizeof(gpointer);
	dir->kids = (struct snode **)g_ptr_array_free(kids, kids->len == 0);
	if (dir->kids)
		g_ptr_array_add(t->priv->kid_arrays, dir->kids);

	for (uint32_t i = 0; i < dir->n_kids; i++) {
		struct snode *n = dir->kids[i];
		size_t len = strlen(n->name);
		int sub;

		if (n->type != SNODE_DIR || (n->flags & SNODE_IGNORED))
			continue;
		t->priv->path[path_len] = '/';
		memcpy(t->priv->path + path_len + 1, n->name, len + 1);
		sub = open_dir(t);
		if (sub < 0)
			failed(t, n, -sub);
		else
			walk_dir(t, sub, n, path_len + 1 + len, depth + 1);
	}
}

struct snode *snode_child(const struct snode *dir, const char *name)
{
	size_t lo = 0, hi = dir->n_kids;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, dir->kids[mid]->name);

		if (c == 0)
			return dir->kids[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Follow @link's target one component at a time from its directory. Links met on the
 * way are resolved first; `..` above the root means the target leaves the tree.
 * Absolute targets under /sys are read as inside the tree.
 */
static struct snode *resolve(struct sysfs_tree *t, struct snode *link, int depth)
{
	const char *p = link->link;
	struct snode *n = link->parent;

	if (link->flags & SNODE_LINK_RESOLVED)
		return link->link_target;
	if (!p || depth > LINK_MAX_DEPTH)
		return NULL;
	if (*p == '/') {
		if (strncmp(p, "/sys/", 5) != 0 && strcmp(p, "/sys") != 0) {
			link->flags |= SNODE_LINK_ESCAPES;
			return NULL;
		}
		n = t->root;
		p += 4;
	}
	while (n && *p) {
		size_t len = strcspn(p, "/");
		char name[NAME_MAX + 1];

		if (len == 0 || (len == 1 && p[0] == '.')) {
			p += len + (p[len] == '/');
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (!n->parent) {
				link->flags |= SNODE_LINK_ESCAPES;
				return NULL;
			}
			n = n->parent;
		} else {
			if (len > NAME_MAX || n->type != SNODE_DIR)
				break;
			memcpy(name, p, len);
			name[len] = '\0';
			n = snode_child(n, name);
			if (n && n->type == SNODE_LINK)
				n = resolve(t, n, depth + 1);
			if (!n)
				break;
		}
		p += len + (p[len] == '/');
	}
	if (!n || *p) {
		if (!(link->flags & SNODE_LINK_ESCAPES))
			link->flags |= SNODE_LINK_DANGLING;
		return NULL;
	}
	link->link_target = n;
	link->flags |= SNODE_LINK_RESOLVED;
	return n;
}

static void resolve_all(struct sysfs_tree *t, struct snode *dir)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		struct snode *n = dir->kids[i];

		if (n->type == SNODE_LINK && !(n->flags & SNODE_IGNORED))
			resolve(t, n, 0);
		else if (n->type == SNODE_DIR)
			resolve_all(t, n);
	}
}

/* The archive's directory @m into @dir's children, then its subdirectories. */
static void walk_archive(struct sysfs_tree *t, const struct amember *m, struct snode *dir,
			 size_t path_len, unsigned int depth)
{
	static const uint8_t types[] = {
		[AMEMBER_DIR] = SNODE_DIR,
		[AMEMBER_FILE] = SNODE_FILE,
		[AMEMBER_LINK] = SNODE_LINK,
		[AMEMBER_OTHER] = SNODE_OTHER,
	};

	dir->n_kids = m->n_kids;
	if (m->n_kids) {
		dir->kids = g_new(struct snode *, m->n_kids);
		g_ptr_array_add(t->priv->kid_arrays, dir->kids);
		t->priv->kid_bytes += m->n_kids * sizeof(gpointer);
	}
	/* the archive's children are sorted by name already */
	for (uint32_t i = 0; i < m->n_kids; i++) {
		const struct amember *k = m->kids[i];
		struct snode *n = add_node(t, dir, k->name, types[k->type], path_len,
					   depth, &dir->kids[i]);

		if (!n)
			continue;
		n->mode = k->mode;
		if (n->type == SNODE_LINK)
			n->link = intern(t->priv, k->link);
	}
	for (uint32_t i = 0; i < m->n_kids; i++) {
		struct snode *n = dir->kids[i];
		size_t len = strlen(n->name);

		if (n->type != SNODE_DIR || (n->flags & SNODE_IGNORED))
			continue;
		t->priv->path[path_len] = '/';
		memcpy(t->priv->path + path_len + 1, n->name, len + 1);
		walk_archive(t, m->kids[i], n, path_len + 1 + len, depth + 1);
	}
}

int sysfs_tree_load(const struct sysfs_root *root, struct sysfs_ignore *ignores,
		    size_t n_ignores, sysfs_progress_fn progress, void *data,
		    struct sysfs_tree **out)
{
	return sysfs_tree_load_with(root, 0, ignores, n_ignores, progress, data, out);
}

int sysfs_tree_load_with(const struct sysfs_root *root, unsigned int flags,
			 struct sysfs_ignore *ignores, size_t n_ignores,
			 sysfs_progress_fn progress, void *data, struct sysfs_tree **out)
{
	struct sysfs_tree *t;
	struct sysfs_tree_priv *p;
	int fd = -1;

	*out = NULL;
	if (!root->archive) {
		fd = beneath_open(root->fd, "", O_RDONLY | O_DIRECTORY, 0);
		if (fd < 0)
			return fd;
	}
	t = g_new0(struct sysfs_tree, 1);
	p = t->priv = g_new0(struct sysfs_tree_priv, 1);
	p->names = g_hash_table_new(g_str_hash, g_str_equal);
	p->strings = g_string_chunk_new(64 * 1024);
	p->kid_arrays = g_ptr_array_new_with_free_func(g_free);
	p->ignores = ignores;
	p->n_ignores = n_ignores;
	p->ignore_depth = g_new(unsigned int, n_ignores ? n_ignores : 1);
	for (size_t i = 0; i < n_ignores; i++)
		p->ignore_depth[i] = depth_of(ignores[i].glob);
	p->progress = progress;
	p->progress_data = data;
	memcpy(p->path, "/sys", 5);
	p->rootfd = root->fd;
	p->modes = flags & SYSFS_TREE_MODES;

	t->root = node_new(t, NULL, "", SNODE_DIR);
	t->n_dirs = 1;
	if (root->archive) {
		t->root->mode = root->archive->root->mode;
		walk_archive(t, root->archive->root, t->root, 4, 1);
	} else {
		/* one buffer for every directory: each is listed whole, then closed */
		p->dir_read = g_new(struct dir_read, 1);
		walk_dir(t, fd, t->root, 4, 1);
		g_clear_pointer(&p->dir_read, g_free);
	}
	resolve_all(t, t->root);
	*out = t;
	return 0;
}

void sysfs_tree_free(struct sysfs_tree *t)
{
	if (!t)
		return;
	g_slist_free_full(t->priv->blocks, g_free);
	g_ptr_array_free(t->priv->kid_arrays, TRUE);
	g_string_chunk_free(t->priv->strings);
	g_hash_table_destroy(t->priv->names);
	g_free(t->priv->ignore_depth);
	g_free(t->priv);
	g_free(t);
}

static struct snode *lookup(const struct sysfs_tree *t, const char *path, bool follow)
{
	struct snode *n = t->root;
	char name[NAME_MAX + 1];

	if (strncmp(path, "/sys", 4) == 0 && (path[4] == '/' || path[4] == '\0'))
		path += 4;
	while (n && *path) {
		size_t len = strcspn(path, "/");

		if (len > NAME_MAX)
			return NULL;
		if (len) {
			memcpy(name, path, len);
			name[len] = '\0';
			n = n->type == SNODE_DIR ? snode_child(n, name) : NULL;
			if (follow && n && n->type == SNODE_LINK)
				n = n->link_target;
		}
		path += len + (path[len] == '/');
	}
	return n;
}

struct snode *sysfs_tree_lookup(const struct sysfs_tree *t, const char *path)
{
	return lookup(t, path, false);
}

struct snode *sysfs_tree_resolve(const struct sysfs_tree *t, const char *path)
{
	return lookup(t, path, true);
}

bool sysfs_tree_is_link(void *tree, const char *path, size_t len)
{
	char *d = strndup(path, len), *slash = d ? strrchr(d, '/') : NULL;
	const struct snode *dir, *n = NULL;

	if (slash) {
		*slash = '\0';
		dir = lookup(tree, d, true);
		n = dir && dir->type == SNODE_DIR ? snode_child(dir, slash + 1) : NULL;
	}
	free(d);
	return n && n->type == SNODE_LINK;
}

size_t snode_path_buf(const struct snode *n, char *buf, size_t size)
{
	size_t len = 4, at;

	for (const struct snode *m = n; m->parent; m = m->parent)
		len += 1 + strlen(m->name);
	if (size > len) {
		at = len;
		buf[at] = '\0';
		for (const struct snode *m = n; m->parent; m = m->parent) {
			size_t l = strlen(m->name);

			at -= l;
			memcpy(buf + at, m->name, l);
			buf[--at] = '/';
		}
		memcpy(buf, "/sys", 4);
	}
	return len;
}

char *snode_path(const struct snode *n)
{
	size_t len = snode_path_buf(n, NULL, 0);
	char *p = malloc(len + 1);

	if (p)
		snode_path_buf(n, p, len + 1);
	return p;
}

size_t sysfs_tree_memory(const struct sysfs_tree *t)
{
	size_t blocks =
		g_slist_length(t->priv->blocks) * NODE_BLOCK * sizeof(struct snode);

	/* the names: their text, and the hash table that interns them */
	return blocks + t->priv->kid_bytes +
	       g_hash_table_size(t->priv->names) * (sizeof(gpointer) * 3 + 16);
}
