// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A snapshot's table of contents: written by `sysabi snapshot`, read in place of the
 * members it lists. The format and its rules are in sysfs-archive.h.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "sysfs-archive-priv.h"

static void append_number(GString *s, unsigned int v, unsigned int base)
{
	char digits[16];
	size_t at = sizeof(digits);

	do {
		digits[--at] = (char)('0' + v % base);
		v /= base;
	} while (v);
	g_string_append_len(s, digits + at, (gssize)(sizeof(digits) - at));
}

void sysfs_archive_toc_add(GString *toc, unsigned int depth, enum amember_type type,
			   unsigned int mode, const char *name, const char *link)
{
	g_string_append_c(toc, type == AMEMBER_DIR  ? 'd' :
			       type == AMEMBER_LINK ? 'l' :
						      'f');
	append_number(toc, depth, 10);
	g_string_append_c(toc, ' ');
	append_number(toc, mode & 07777, 8);
	g_string_append_len(toc, "", 1);
	g_string_append_len(toc, name, (gssize)strlen(name) + 1);
	if (type == AMEMBER_LINK)
		g_string_append_len(toc, link, (gssize)strlen(link) + 1);
}

void sysfs_archive_toc_end(GString *toc, size_t contents)
{
	g_string_append_printf(toc, "e%zu", contents);
	g_string_append_len(toc, "", 1);
}

/* A directory being listed: its children so far, and the length of its path. */
struct level {
	struct amember *dir;
	GPtrArray *kids; /* NULL for the top, whose children sysfs-archive.c settles */
	size_t path_len;
};

struct toc_reader {
	struct sysfs_archive_priv *p;
	const char *start, *at, *end;
	struct level *levels; /* levels[d]: the directory of the nodes at depth d */
	size_t n_levels, max_levels;
	char path[PATH_MAX];
	char **why;
};

static int bad(struct toc_reader *r, const char *what)
{
	*r->why = sysfs_archive_whyf("'%s': %s, at byte %zu of the table of contents",
				     SYSFS_ARCHIVE_TOC, what, (size_t)(r->at - r->start));
	return -EINVAL;
}

/* A number in @base up to @stop, at most @max; -1 if there is none. */
static long long number(struct toc_reader *r, unsigned int base, char stop, long long max)
{
	long long v = 0;
	const char *start = r->at;

	while (r->at < r->end && *r->at != stop) {
		unsigned int d = (unsigned int)(*r->at - '0');

		if (d >= base || v > max)
			return -1;
		v = v * base + d;
		r->at++;
	}
	if (r->at == r->end || r->at == start || v > max)
		return -1;
	r->at++; /* the stop */
	return v;
}

/* A NUL-terminated string of at least one byte, at most @max before the NUL. */
static const char *text(struct toc_reader *r, size_t max, size_t *len)
{
	const char *s = r->at, *nul = memchr(s, '\0', (size_t)(r->end - s));

	if (!nul || nul == s || (size_t)(nul - s) > max)
		return NULL;
	*len = (size_t)(nul - s);
	r->at = nul + 1;
	return s;
}

/* Close the directory at the top of the levels: its children sorted, none twice. */
static int close_level(struct toc_reader *r)
{
	struct level *l = &r->levels[--r->n_levels];
	struct amember **kids;

	if (!l->kids)
		return 0;
	g_ptr_array_sort(l->kids, sysfs_archive_cmp_members);
	kids = (struct amember **)l->kids->pdata;
	for (guint i = 1; i < l->kids->len; i++) {
		if (strcmp(kids[i - 1]->name, kids[i]->name) == 0) {
			r->path[l->path_len] = '\0';
			*r->why = sysfs_archive_whyf(
				"'%s%s%s': in the archive twice (its table of contents)",
				r->path, l->path_len ? "/" : "", kids[i]->name);
			g_ptr_array_free(l->kids, TRUE);
			return -EEXIST;
		}
	}
	l->dir->n_kids = l->kids->len;
	l->dir->kids = (struct amember **)g_ptr_array_free(l->kids, FALSE);
	g_ptr_array_add(r->p->kid_arrays, l->dir->kids);
	return 0;
}

static int close_levels(struct toc_reader *r, size_t keep)
{
	int err = 0;

	while (r->n_levels > keep) {
		int e = close_level(r);

		err = err ?: e;
	}
	return err;
}

/* One record, of type @type; *@wanted counts the files with contents. */
static int record(struct toc_reader *r, char type, size_t *wanted)
{
	struct level *l;
	struct amember *m;
	long long depth, mode;
	const char *name, *link = NULL;
	size_t name_len, link_len, path_len;
	enum amember_type t = type == 'd' ? AMEMBER_DIR :
			      type == 'l' ? AMEMBER_LINK :
					    AMEMBER_FILE;
	int err;

	depth = number(r, 10, ' ', (long long)r->n_levels - 1);
	if (depth < 0)
		return bad(r, "a depth below no directory listed, or no depth");
	mode = number(r, 8, '\0', 07777);
	if (mode < 0)
		return bad(r, "no mode, or one past 07777");
	name = text(r, NAME_MAX, &name_len);
	if (!name || memchr(name, '/', name_len) || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return bad(
			r,
			"a name that is none, or '.', '..', with a '/' or unterminated");
	if (t == AMEMBER_LINK) {
		link = text(r, PATH_MAX - 1, &link_len);
		if (!link)
			return bad(
				r,
				"a link with no target, too long a one or unterminated");
	}
	err = close_levels(r, (size_t)depth + 1);
	if (err)
		return err;
	l = &r->levels[depth];
	path_len = l->path_len + (l->path_len ? 1 : 0) + name_len;
	if (path_len > PATH_MAX - 2) {
		r->path[MIN(l->path_len, 64)] = '\0';
		*r->why = sysfs_archive_whyf(
			"'%s...': a name longer than %d bytes (its table "
			"of contents)",
			r->path, PATH_MAX);
		return -ENAMETOOLONG;
	}
	if (l->path_len)
		r->path[l->path_len] = '/';
	memcpy(r->path + path_len - name_len, name, name_len);
	r->path[path_len] = '\0';
	if (!l->kids) {
		/* the top: beside the members read before the table */
		if (sysfs_archive_child_of(r->p, l->dir, name)) {
			*r->why =
				sysfs_archive_whyf("'%s': in the archive twice", r->path);
			return -EEXIST;
		}
		m = sysfs_archive_node_new(r->p, l->dir, name, t);
	} else {
		m = sysfs_archive_member_new(r->p, l->dir, name, t);
		if (m)
			g_ptr_array_add(l->kids, m);
	}
	if (!m || (link && !sysfs_archive_text_fits(r->p, link_len)))
		return sysfs_archive_too_many(r->path, r->why);
	m->recorded = true;
	m->mode = (uint16_t)mode;
	if (link)
		m->link = g_string_chunk_insert_const(r->p->strings, link);
	if (t == AMEMBER_FILE && sysfs_archive_data_wanted(r->path))
		(*wanted)++;
	if (t != AMEMBER_DIR)
		return 0;
	if (r->n_levels == r->max_levels) {
		r->max_levels *= 2;
		r->levels = g_renew(struct level, r->levels, r->max_levels);
	}
	r->levels[r->n_levels++] = (struct level){ .dir = m,
						   .kids = g_ptr_array_new(),
						   .path_len = path_len };
	return 0;
}

int sysfs_archive_toc_read(struct sysfs_archive_priv *p, const char *toc, size_t len,
			   size_t *contents, char **why)
{
	struct toc_reader r = {
		.p = p, .start = toc, .at = toc, .end = toc + len, .why = why
	};
	size_t wanted = 0;
	long long n;
	int err = 0;

	*contents = 0;
	if (len < strlen(SYSFS_ARCHIVE_TOC_MAGIC) ||
	    memcmp(toc, SYSFS_ARCHIVE_TOC_MAGIC, strlen(SYSFS_ARCHIVE_TOC_MAGIC)) != 0) {
		*why = sysfs_archive_whyf("'%s': no table of contents of version 1",
					  SYSFS_ARCHIVE_TOC);
		return -EINVAL;
	}
	r.at += strlen(SYSFS_ARCHIVE_TOC_MAGIC);
	r.max_levels = 64;
	r.levels = g_new(struct level, r.max_levels);
	r.levels[r.n_levels++] = (struct level){ .dir = p->top };
	for (;;) {
		char type;

		if (r.at == r.end) {
			err = bad(&r, "cut short: no end record");
			break;
		}
		type = *r.at++;
		if (type == 'e') {
			n = number(&r, 10, '\0', SYSFS_ARCHIVE_MAX_MEMBERS);
			if (n < 0)
				err = bad(
					&r,
					"an end with no count of members with contents");
			else if (r.at != r.end)
				err = bad(&r, "bytes after its end");
			else if ((size_t)n != wanted)
				err = bad(&r,
					  "a count of members with contents that is not "
					  "the number of such files it lists");
			*contents = (size_t)MAX(n, 0);
			break;
		}
		if (type != 'd' && type != 'f' && type != 'l') {
			err = bad(&r, "a record of no known type");
			break;
		}
		err = record(&r, type, &wanted);
		if (err)
			break;
	}
	err = err ?: close_levels(&r, 1);
	/* after an error: the levels still open are freed, their directories left bare */
	for (size_t i = 1; i < r.n_levels; i++)
		g_ptr_array_free(r.levels[i].kids, TRUE);
	g_free(r.levels);
	return err;
}

struct amember *sysfs_archive_toc_find(struct sysfs_archive_priv *p, const char *path)
{
	size_t len = strcspn(path, "/");
	char name[NAME_MAX + 1];
	const struct amember *m;

	if (len > NAME_MAX || !path[len])
		return NULL;
	memcpy(name, path, len);
	name[len] = '\0';
	m = sysfs_archive_child_of(p, p->top, name);
	for (path += len + 1; m && *path; path += len + (path[len] == '/')) {
		len = strcspn(path, "/");
		if (len > NAME_MAX)
			return NULL;
		memcpy(name, path, len);
		name[len] = '\0';
		m = sysfs_archive_child(m, name);
	}
	return (struct amember *)m;
}
