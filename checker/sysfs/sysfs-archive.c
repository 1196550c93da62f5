// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading a recorded sysfs from an archive, through libarchive. See sysfs-archive.h.
 * Only tar is read (ustar, pax, GNU), compressed or not: the formats a sysfs is recorded
 * in, and no more of libarchive's readers than that is exposed to a hostile file.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/libarchive-load.h"
#include "sysfs-archive-priv.h"

#define MEMBER_BLOCK 4096

/* libarchive, loaded by the first read */
static const struct libarchive_fns *la;

bool sysfs_archive_wants_data(const char *rel)
{
	const char *slash;

	if (strncmp(rel, "kernel/btf/", 11) == 0)
		return rel[11] && !strchr(rel + 11, '/');
	if (strncmp(rel, "module/", 7) != 0)
		return false;
	slash = strchr(rel + 7, '/');
	return slash && slash > rel + 7 && strcmp(slash, "/initstate") == 0;
}

char *sysfs_archive_whyf(const char *fmt, ...)
{
	va_list ap;
	char *s, *shown;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* it names members, which may hold any byte: a newline, a terminal's escape */
	shown = g_strescape(s, NULL);
	g_free(s);
	return shown;
}

/*
 * @name without "./", empty and "." components, into @out; -EINVAL for an absolute
 * name or one with a ".." component, -ENAMETOOLONG past PATH_MAX.
 */
static int normalize(const char *name, char *out, size_t size)
{
	size_t at = 0;

	if (name[0] == '/')
		return -EINVAL;
	while (*name) {
		size_t len = strcspn(name, "/");

		if (len == 2 && name[0] == '.' && name[1] == '.')
			return -EINVAL;
		if (len && !(len == 1 && name[0] == '.')) {
			if (at + len + 2 > size)
				return -ENAMETOOLONG;
			if (at)
				out[at++] = '/';
			memcpy(out + at, name, len);
			at += len;
		}
		name += len + (name[len] == '/');
	}
	out[at] = '\0';
	return 0;
}

static guint node_hash(gconstpointer key)
{
	const struct amember *m = key;

	return g_str_hash(m->name) ^ g_direct_hash(m->up);
}

static gboolean node_equal(gconstpointer a, gconstpointer b)
{
	const struct amember *m = a, *n = b;

	return m->up == n->up && strcmp(m->name, n->name) == 0;
}

struct amember *sysfs_archive_child_of(struct sysfs_archive_priv *p, struct amember *dir,
				       const char *name)
{
	struct amember key = { .name = name, .up = dir };

	return g_hash_table_lookup(p->nodes, &key);
}

/* Whether @len more bytes of names and link targets fit under the cap: a few KB of
 * .tar.zst can name millions of distinct 4 KB link targets. Counts them if so. */
bool sysfs_archive_text_fits(struct sysfs_archive_priv *p, size_t len)
{
	if (p->text_bytes + len > (size_t)SYSFS_ARCHIVE_MAX_TEXT_MIB << 20)
		return false;
	p->text_bytes += len;
	return true;
}

struct amember *sysfs_archive_member_new(struct sysfs_archive_priv *p,
					 struct amember *dir, const char *name,
					 enum amember_type type)
{
	struct amember *m;

	if (p->n_nodes >= SYSFS_ARCHIVE_MAX_MEMBERS ||
	    !sysfs_archive_text_fits(p, strlen(name)))
		return NULL;
	p->n_nodes++;
	if (!p->block || p->block_used == MEMBER_BLOCK) {
		p->block = g_new(struct amember, MEMBER_BLOCK);
		p->blocks = g_slist_prepend(p->blocks, p->block);
		p->block_used = 0;
	}
	m = &p->block[p->block_used++];
	memset(m, 0, sizeof(*m));
	m->name = g_string_chunk_insert_const(p->strings, name);
	m->type = (uint8_t)type;
	m->up = dir;
	return m;
}

/*
 * A new member @name of the directory @dir, found again by sysfs_archive_child_of() and
 * sorted among @dir's children at the end of the read; NULL past the caps.
 */
struct amember *sysfs_archive_node_new(struct sysfs_archive_priv *p, struct amember *dir,
				       const char *name, enum amember_type type)
{
	struct amember *m = sysfs_archive_member_new(p, dir, name, type);
	GPtrArray *kids;

	if (!m)
		return NULL;
	if (!dir)
		return m;
	g_hash_table_add(p->nodes, m);
	kids = g_hash_table_lookup(p->kids, dir);
	if (!kids) {
		kids = g_ptr_array_new();
		g_hash_table_insert(p->kids, dir, kids);
	}
	g_ptr_array_add(kids, m);
	return m;
}

int sysfs_archive_too_many(const char *path, char **why)
{
	*why = sysfs_archive_whyf(
		"'%s': more than %u members (the directories its names imply "
		"counted), or %d MiB of names and link targets, the most an archive "
		"may hold",
		path, SYSFS_ARCHIVE_MAX_MEMBERS, SYSFS_ARCHIVE_MAX_TEXT_MIB);
	return -EFBIG;
}

/*
 * The directory that holds the member @path (normalized, not ""), into *@dir: made on
 * the way for each component the archive has not named yet (it may later). The walk
 * is one lookup by directory and name a component, never a path built again.
 */
static int dir_of(struct sysfs_archive_priv *p, const char *path, struct amember **dir,
		  char **why)
{
	char up[PATH_MAX], *slash;
	struct amember *m;

	*dir = p->top;
	memcpy(up, path, strlen(path) + 1);
	/* @up is the path to the component at @c, cut at its end */
	for (char *c = up; (slash = strchr(c, '/')); c = slash + 1) {
		*slash = '\0';
		m = sysfs_archive_child_of(p, *dir, c);
		if (!m) {
			m = sysfs_archive_node_new(p, *dir, c, AMEMBER_DIR);
			if (!m)
				return sysfs_archive_too_many(path, why);
			m->mode = 0755;
		} else if (m->type != AMEMBER_DIR) {
			*why = sysfs_archive_whyf(
				"'%s': below '%s', which is no directory", path, up);
			return -ENOTDIR;
		}
		*slash = '/';
		*dir = m;
	}
	return 0;
}

static const char *error_of(struct archive *a)
{
	return la->archive_error_string(a) ?: "unreadable";
}

static int too_long(const char *path, size_t max, bool member, char **why)
{
	if (member)
		*why = sysfs_archive_whyf(
			"'%s': contents longer than %zu bytes, the most it may hold",
			path, max);
	else
		*why = sysfs_archive_whyf(
			"'%s': contents past %d MiB kept, the most an archive may hold",
			path, SYSFS_ARCHIVE_MAX_DATA_MIB);
	return -EFBIG;
}

/*
 * Read the contents of the member being read, at most @max bytes, into @m: refused from
 * its header when that says more, so that no more than the caps is ever held.
 */
int sysfs_archive_read_data(struct archive *a, struct archive_entry *e,
			    struct sysfs_archive_priv *p, struct amember *m,
			    const char *path, size_t max, char **why)
{
	size_t left = ((size_t)SYSFS_ARCHIVE_MAX_DATA_MIB << 20) - p->data_bytes;
	size_t most = MIN(max, left), cap, len = 0;
	la_int64_t size = la->archive_entry_size_is_set(e) ? la->archive_entry_size(e) :
							     0;
	la_ssize_t got;
	char *buf;

	if (size < 0 || (uint64_t)size > most)
		return too_long(path, max, size < 0 || (uint64_t)size > max, why);
	/*
	 * The size a header states is all the data there is, a sparse member's too; the
	 * buffer holds one byte more, so that data past @most is seen, then the NUL.
	 */
	cap = size ? (size_t)size : MIN(4096, most);
	buf = g_malloc(cap + 1);
	for (;;) {
		got = la->archive_read_data(a, buf + len, cap + 1 - len);
		if (got < 0) {
			g_free(buf);
			*why = sysfs_archive_whyf("'%s': cut short or corrupt: %s", path,
						  error_of(a));
			return -EIO;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > most) {
			g_free(buf);
			return too_long(path, max, most == max, why);
		}
		if (len == cap + 1) {
			cap = MIN(cap * 2, most);
			buf = g_realloc(buf, cap + 1);
		}
	}
	buf[len] = '\0';
	p->data_bytes += len;
	g_ptr_array_add(p->data, buf);
	m->data = buf;
	m->size = len;
	m->has_data = true;
	return 0;
}

static enum amember_type type_of(struct archive_entry *e)
{
	if (la->archive_entry_hardlink(e))
		return AMEMBER_FILE; /* the same inode as an earlier member: a file */
	switch (la->archive_entry_filetype(e)) {
	case AE_IFDIR:
		return AMEMBER_DIR;
	case AE_IFREG:
		return AMEMBER_FILE;
	case AE_IFLNK:
		return AMEMBER_LINK;
	default:
		return AMEMBER_OTHER;
	}
}

/* Whether the contents of the member at @path are kept, the sysfs being the top or sys/. */
size_t sysfs_archive_data_wanted(const char *path)
{
	if (strcmp(path, SYSFS_ARCHIVE_META) == 0)
		return SYSFS_ARCHIVE_MAX_META;
	if (sysfs_archive_wants_data(path) ||
	    (strncmp(path, "sys/", 4) == 0 && sysfs_archive_wants_data(path + 4)))
		return (size_t)256 << 20;
	return 0;
}

/* Add the member just read, named @path (normalized). */
static int add_member(struct archive *a, struct sysfs_archive *ar,
		      struct archive_entry *e, const char *path, char **why)
{
	struct sysfs_archive_priv *p = ar->priv;
	enum amember_type type = type_of(e);
	const char *slash = strrchr(path, '/'), *link = NULL;
	struct amember *m, *dir;
	size_t max;
	int err;

	if (type == AMEMBER_LINK) {
		link = la->archive_entry_symlink(e);
		if (!link || !*link || strlen(link) >= PATH_MAX) {
			*why = sysfs_archive_whyf("'%s': a link with %s target", path,
						  link && *link ? "too long a" : "no");
			return -EINVAL;
		}
	}
	if (*path) {
		err = dir_of(p, path, &dir, why);
		if (err)
			return err;
		m = sysfs_archive_child_of(p, dir, slash ? slash + 1 : path);
	} else {
		dir = NULL;
		m = p->top;
	}
	if (m) {
		/* a directory made for the members below it may be named later, once */
		if (m->recorded || m->type != AMEMBER_DIR || type != AMEMBER_DIR) {
			*why = m->recorded ?
				       sysfs_archive_whyf("'%s': in the archive twice",
							  *path ? path : ".") :
				       sysfs_archive_whyf(
					       "'%s': no directory, named after members below it",
					       path);
			return -EEXIST;
		}
	} else {
		m = sysfs_archive_node_new(p, dir, slash ? slash + 1 : path, type);
		if (!m)
			return sysfs_archive_too_many(path, why);
	}
	m->recorded = true;
	m->mode = (uint16_t)(la->archive_entry_perm(e) & 07777);
	if (link && !sysfs_archive_text_fits(p, strlen(link)))
		return sysfs_archive_too_many(path, why);
	if (link)
		m->link = g_string_chunk_insert_const(p->strings, link);
	max = type == AMEMBER_FILE ? sysfs_archive_data_wanted(path) : 0;
	if (p->no_contents && strcmp(path, SYSFS_ARCHIVE_META) != 0)
		max = 0;
	if (max)
		return sysfs_archive_read_data(a, e, p, m, path, max, why);
	return 0;
}

int sysfs_archive_cmp_members(const void *a, const void *b)
{
	return strcmp((*(struct amember *const *)a)->name,
		      (*(struct amember *const *)b)->name);
}

static void settle_kids(gpointer key, gpointer value, gpointer data)
{
	struct amember *dir = key;
	GPtrArray *kids = value;
	struct sysfs_archive_priv *p = data;

	g_ptr_array_sort(kids, sysfs_archive_cmp_members);
	dir->n_kids = kids->len;
	dir->kids = (struct amember **)g_ptr_array_free(kids, FALSE);
	g_ptr_array_add(p->kid_arrays, dir->kids);
}

/* The directories sysfs_root_is_sysfs() looks for: a sysfs holds one of them. */
static bool holds_sysfs(const struct amember *dir)
{
	static const char *const paths[] = { "devices", "bus", "class", "module",
					     "kernel/btf" };

	for (size_t i = 0; dir && i < G_N_ELEMENTS(paths); i++) {
		const struct amember *m = dir;

		/* one component at a time, from @dir */
		for (const char *c = paths[i]; m && *c;) {
			size_t len = strcspn(c, "/");
			char name[16];

			g_strlcpy(name, c, MIN(len + 1, sizeof(name)));
			m = sysfs_archive_child(m, name);
			c += len + (c[len] == '/');
		}
		if (m && m->type == AMEMBER_DIR)
			return true;
	}
	return false;
}

/*
 * The table of contents, the member just read (@m, at @path): the tree below the top
 * built from it, *@contents set to the members with contents that follow.
 */
static int read_toc(struct archive *a, struct archive_entry *e, struct sysfs_archive *ar,
		    struct amember *m, const char *path, size_t *contents, char **why)
{
	struct sysfs_archive_priv *p = ar->priv;
	int err;

	err = sysfs_archive_read_data(a, e, p, m, path,
				      (size_t)SYSFS_ARCHIVE_MAX_TOC_MIB << 20, why);
	if (err)
		return err;
	err = sysfs_archive_toc_read(p, m->data, m->size, contents, why);
	/* read, it is no more kept than when the archive is read member by member */
	p->data_bytes -= m->size;
	g_ptr_array_remove_index(p->data, p->data->len - 1);
	m->data = NULL;
	m->size = 0;
	m->has_data = false;
	return err;
}

/* A member after the table of contents: one of the files with contents it lists. */
static int add_contents(struct archive *a, struct archive_entry *e,
			struct sysfs_archive *ar, const char *path, char **why)
{
	struct amember *m = sysfs_archive_toc_find(ar->priv, path);
	size_t max = sysfs_archive_data_wanted(path);

	if (!m || !max || m->type != AMEMBER_FILE || m->has_data ||
	    type_of(e) != AMEMBER_FILE) {
		*why = sysfs_archive_whyf(
			"'%s': %s", path,
			m && m->has_data ? "in the archive twice" :
					   "not a file with contents its table of "
					   "contents (" SYSFS_ARCHIVE_TOC ") lists");
		return -EINVAL;
	}
	return sysfs_archive_read_data(a, e, ar->priv, m, path, max, why);
}

static int read_all(struct archive *a, struct sysfs_archive *ar, unsigned int flags,
		    char **why)
{
	const la_int64_t max_expanded = (la_int64_t)SYSFS_ARCHIVE_MAX_EXPANDED_GIB << 30;
	char path[PATH_MAX], last[PATH_MAX] = "";
	bool only_meta = true, toc = false;
	size_t contents = 0;
	struct archive_entry *e;
	la_int64_t size;
	int r, err;

	while ((r = la->archive_read_next_header(a, &e)) == ARCHIVE_OK ||
	       r == ARCHIVE_WARN) {
		const char *name = la->archive_entry_pathname(e);

		if (++ar->n_members > SYSFS_ARCHIVE_MAX_MEMBERS) {
			*why = sysfs_archive_whyf(
				"more than %u members, the most an archive may hold",
				SYSFS_ARCHIVE_MAX_MEMBERS);
			return -EFBIG;
		}
		if (!name) {
			*why = sysfs_archive_whyf("member %zu: no name", ar->n_members);
			return -EINVAL;
		}
		err = normalize(name, path, sizeof(path));
		if (err == -EINVAL) {
			*why = sysfs_archive_whyf(
				"'%s': leaves the archive's top (%s)", name,
				name[0] == '/' ? "an absolute name" : "a '..' component");
			return err;
		}
		if (err) {
			*why = sysfs_archive_whyf(
				"'%.64s...': a name longer than %d bytes", name,
				PATH_MAX);
			return err;
		}
		/*
		 * Filter 0 is the stream as the tar reader sees it, expanded (-1 would be
		 * the file). The member's data counts before it is read or skipped: that
		 * is what expands it.
		 */
		size = la->archive_entry_size_is_set(e) ? la->archive_entry_size(e) : 0;
		if (size < 0 || size > max_expanded - la->archive_filter_bytes(a, 0)) {
			*why = sysfs_archive_whyf(
				"'%s': the archive expands past %d GiB, the most it may",
				path, SYSFS_ARCHIVE_MAX_EXPANDED_GIB);
			return -EFBIG;
		}
		if (toc) {
			err = add_contents(a, e, ar, path, why);
			if (err)
				return err;
			/* the rest is what the table says: left unread */
			if (--contents == 0)
				return 0;
			memcpy(last, path, strlen(path) + 1);
			continue;
		}
		err = add_member(a, ar, e, path, why);
		if (err)
			return err;
		/* a snapshot's table, right after its metadata or first */
		if (only_meta && strcmp(path, SYSFS_ARCHIVE_TOC) == 0 &&
		    type_of(e) == AMEMBER_FILE) {
			err = read_toc(a, e, ar,
				       sysfs_archive_child_of(ar->priv, ar->priv->top,
							      path),
				       path, &contents, why);
			/* what is left is contents, read only when wanted */
			if (err || contents == 0 || (flags & SYSFS_ARCHIVE_NO_CONTENTS))
				return err;
			toc = true;
		}
		only_meta = only_meta && strcmp(path, SYSFS_ARCHIVE_META) == 0;
		memcpy(last, path, strlen(path) + 1);
	}
	if (r == ARCHIVE_EOF && toc)
		*why = sysfs_archive_whyf(
			"'%s': lists %zu more members with contents than "
			"the archive holds",
			SYSFS_ARCHIVE_TOC, contents);
	else if (r == ARCHIVE_EOF)
		return 0;
	/* the data of the member before, or the stream holding it, ends or breaks */
	else if (ar->n_members)
		*why = sysfs_archive_whyf("cut short or corrupt after '%s': %s", last,
					  error_of(a));
	else
		*why = sysfs_archive_whyf("cut short or corrupt: %s", error_of(a));
	return r == ARCHIVE_EOF ? -EINVAL : -EIO;
}

int sysfs_archive_preload(char **why)
{
	la = libarchive_load(why);
	return la ? 0 : -ENOPKG;
}

int sysfs_archive_read(const char *path, unsigned int flags, struct sysfs_archive **out,
		       char **why)
{
	struct sysfs_archive *ar;
	struct sysfs_archive_priv *p;
	struct archive *a;
	const struct amember *sys;
	int err;

	*out = NULL;
	err = sysfs_archive_preload(why);
	if (err)
		return err;
	a = la->archive_read_new();
	if (!a)
		return -ENOMEM;
	la->archive_read_support_format_tar(a);
	la->archive_read_support_filter_gzip(a);
	la->archive_read_support_filter_xz(a);
	la->archive_read_support_filter_lzma(a);
	la->archive_read_support_filter_zstd(a);
	la->archive_read_support_filter_bzip2(a);
	/* the open reads the start, to tell the compression and the format */
	if (la->archive_read_open_filename(a, path, 64 * 1024) != ARCHIVE_OK) {
		err = la->archive_errno(a);
		/* EILSEQ: libarchive's "unrecognized archive format" on Linux, no archive */
		if (err == EILSEQ) {
			err = -EINVAL;
		} else if (err > 0) {
			err = -err; /* the file's own: ENOENT, EACCES */
		} else {
			*why = sysfs_archive_whyf("cut short or corrupt: %s",
						  error_of(a));
			err = -EIO;
		}
		la->archive_read_free(a);
		return err;
	}
	ar = g_new0(struct sysfs_archive, 1);
	p = ar->priv = g_new0(struct sysfs_archive_priv, 1);
	p->strings = g_string_chunk_new(64 * 1024);
	p->kid_arrays = g_ptr_array_new_with_free_func(g_free);
	p->data = g_ptr_array_new_with_free_func(g_free);
	p->nodes = g_hash_table_new(node_hash, node_equal);
	p->kids = g_hash_table_new(NULL, NULL);
	p->top = sysfs_archive_node_new(p, NULL, "", AMEMBER_DIR);
	p->top->mode = 0755;

	p->no_contents = flags & SYSFS_ARCHIVE_NO_CONTENTS;
	err = read_all(a, ar, flags, why);
	la->archive_read_free(a);
	g_hash_table_foreach(p->kids, settle_kids, p);
	g_hash_table_destroy(p->kids);
	p->kids = NULL;
	g_hash_table_destroy(p->nodes);
	p->nodes = NULL;
	if (err) {
		sysfs_archive_free(ar);
		return err;
	}
	ar->root = p->top;
	sys = sysfs_archive_lookup(ar, "sys");
	if (!holds_sysfs(p->top) && sys && sys->type == AMEMBER_DIR && holds_sysfs(sys))
		ar->root = (struct amember *)sys;
	for (uint32_t i = 0; i < p->top->n_kids; i++) {
		const struct amember *m = p->top->kids[i];

		if (strcmp(m->name, SYSFS_ARCHIVE_META) == 0 && m->has_data)
			ar->meta = g_strdup(m->data);
	}
	*out = ar;
	return 0;
}

void sysfs_archive_free(struct sysfs_archive *ar)
{
	if (!ar)
		return;
	if (ar->priv->kids) {
		GHashTableIter it;
		gpointer kids;

		g_hash_table_iter_init(&it, ar->priv->kids);
		while (g_hash_table_iter_next(&it, NULL, &kids))
			g_ptr_array_free(kids, TRUE);
		g_hash_table_destroy(ar->priv->kids);
	}
	if (ar->priv->nodes)
		g_hash_table_destroy(ar->priv->nodes);
	g_slist_free_full(ar->priv->blocks, g_free);
	g_ptr_array_free(ar->priv->kid_arrays, TRUE);
	g_ptr_array_free(ar->priv->data, TRUE);
	g_string_chunk_free(ar->priv->strings);
	g_free(ar->meta);
	g_free(ar->priv);
	g_free(ar);
}

const struct amember *sysfs_archive_child(const struct amember *dir, const char *name)
{
	struct amember key = { .name = name }, *k = &key, **found;

	if (dir->type != AMEMBER_DIR || !dir->n_kids)
		return NULL;
	found = bsearch(&k, dir->kids, dir->n_kids, sizeof(k), sysfs_archive_cmp_members);
	return found ? *found : NULL;
}

const struct amember *sysfs_archive_lookup(const struct sysfs_archive *ar,
					   const char *rel)
{
	const struct amember *m = ar->root ? ar->root : ar->priv->top;

	while (m && *rel) {
		size_t len = strcspn(rel, "/");

		if (len) {
			char name[NAME_MAX + 1];

			if (len > NAME_MAX)
				return NULL;
			memcpy(name, rel, len);
			name[len] = '\0';
			m = sysfs_archive_child(m, name);
		}
		rel += len + (rel[len] == '/');
	}
	return m;
}
