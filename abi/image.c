// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A compiled tree in one file, so that a later run reads neither the text nor its
 * wildcards again: every file, entry and What as abi_tree_load() made them, each
 * What's compiled pattern, and the diagnostics the load reported, in order.
 *
 * The image is mapped read-only and its strings are used where they lie; what it
 * holds is checked as it is read, as hostile as any input: every count against the
 * bytes left, every string ending inside it, every enum in range, every glob rebuilt
 * from checked elements. An image that fails any check, that another build of libabi
 * wrote, or whose stamp (abi_tree_stamp(): each file's path, size, inode and times)
 * is not the tree's as it is now, is not used: the tree is read again and the image
 * written anew, whole or not at all.
 *
 * The layout, all integers little-endian:
 *	"SYSABI\0I", u32 version, u32 0x01020304
 *	str build (libabi's GNU build ID), str stamp, str kernel_version
 *	u32 n_files, each: str path, u32 n_entries, each entry:
 *		u32 line, 5 x (str text, u32 line): date, kernel_version, contact,
 *		description, users; 4 x u32: date_year, date_month, kv_major + 1,
 *		kv_minor + 1; u32 n_whats, each: str text, path, trailing, u32 line,
 *		u8 flags, u8 kind, u8 has_pattern, then the pattern (abi_pattern_encode())
 *	u32 n_diags, each: u32 kind, str file, u32 line, str message,
 *		u32 n_related, each: str file, u32 line
 *	u32 0x0a0b0c0d, the end
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi-internal.h"

#define IMAGE_MAGIC "SYSABI\0I"
#define IMAGE_VERSION 1u
#define IMAGE_ORDER 0x01020304u
#define IMAGE_END 0x0a0b0c0du
/* Larger than any tree's image (a kernel's is a few MiB): not one of ours. */
#define IMAGE_MAX_SIZE (1u << 30)
/*
 * What a tree read from an image of @len bytes may take: a record of a few bytes
 * becomes a structure of tens (a component's 2 bytes a 32-byte one), and no more. A
 * real tree's takes less than twice its image.
 */
#define IMAGE_MAX_DECODED(len) (16 * (size_t)(len) + ((size_t)16 << 20))

enum what_flags {
	WHAT_CONTINUATION = 1 << 0,
	WHAT_IS_DIR = 1 << 1,
	WHAT_TOO_BROAD = 1 << 2,
};

/* ---- bytes ---- */

void abi_image_put_u8(struct abi_strbuf *out, uint8_t v)
{
	abi_strbuf_add(out, (const char *)&v, 1);
}

void abi_image_put_u32(struct abi_strbuf *out, uint32_t v)
{
	unsigned char b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

	abi_strbuf_add(out, (const char *)b, sizeof(b));
}

void abi_image_put_str(struct abi_strbuf *out, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	if (len >= UINT32_MAX) {
		out->err = out->err ? out->err : -EOVERFLOW;
		return;
	}
	abi_image_put_u32(out, s ? (uint32_t)len : UINT32_MAX);
	if (s)
		abi_strbuf_add(out, s, len + 1);
}

size_t abi_image_count(struct abi_image_in *in, size_t min_size, size_t max)
{
	uint32_t n = abi_image_u32(in);

	if (in->bad || n > max || (size_t)(in->end - in->p) / min_size < n) {
		in->bad = true;
		return 0;
	}
	return n;
}

/* ---- who wrote it: this libabi's build ID, in hex ---- */

struct build_id {
	const void *addr; /* an address inside libabi's object */
	char hex[2 * 64 + 1];
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct build_id *id = data;
	uintptr_t addr = (uintptr_t)id->addr;
	bool inside = false;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type == PT_LOAD && addr >= start && addr < start + ph->p_memsz)
			inside = true;
	}
	if (!inside)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p = (const void *)(info->dlpi_addr + ph->p_vaddr);
		const unsigned char *end = p + ph->p_filesz;

		if (ph->p_type != PT_NOTE)
			continue;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *nh = (const void *)p;
			size_t name = (nh->n_namesz + 3) & ~3u,
			       desc = (nh->n_descsz + 3) & ~3u;
			const unsigned char *d = p + sizeof(*nh) + name;

			if ((size_t)(end - p) < sizeof(*nh) + name + desc)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    !memcmp(p + sizeof(*nh), "GNU", 4) && nh->n_descsz > 0 &&
			    nh->n_descsz <= 64) {
				for (size_t k = 0; k < nh->n_descsz; k++)
					snprintf(id->hex + 2 * k, 3, "%02x", d[k]);
				return 1;
			}
			p += sizeof(*nh) + name + desc;
		}
	}
	return 1;
}

/* libabi's build ID, or NULL when it has none: then no image is trusted or written. */
static struct build_id the_build;

static void find_the_build(void)
{
	the_build.addr = (const void *)find_the_build;
	dl_iterate_phdr(find_build_id, &the_build);
}

static const char *build_id(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, find_the_build);
	return the_build.hex[0] ? the_build.hex : NULL;
}

/* ---- writing ---- */

static void put_text(struct abi_strbuf *out, const struct abi_text *t)
{
	abi_image_put_str(out, t->str);
	abi_image_put_u32(out, t->line);
}

static void put_what(struct abi_strbuf *out, const struct abi_what *w)
{
	abi_image_put_str(out, w->text);
	abi_image_put_str(out, w->path);
	abi_image_put_str(out, w->trailing);
	abi_image_put_u32(out, w->line);
	abi_image_put_u8(out, (w->continuation ? WHAT_CONTINUATION : 0) |
				      (w->is_dir ? WHAT_IS_DIR : 0) |
				      (w->too_broad ? WHAT_TOO_BROAD : 0));
	abi_image_put_u8(out, (uint8_t)w->kind);
	abi_image_put_u8(out, w->pattern != NULL);
	if (w->pattern)
		abi_pattern_encode(w->pattern, out);
}

static void put_entry(struct abi_strbuf *out, const struct abi_entry *e)
{
	abi_image_put_u32(out, e->line);
	put_text(out, &e->date);
	put_text(out, &e->kernel_version);
	put_text(out, &e->contact);
	put_text(out, &e->description);
	put_text(out, &e->users);
	abi_image_put_u32(out, (uint32_t)e->date_year);
	abi_image_put_u32(out, (uint32_t)e->date_month);
	abi_image_put_u32(out, (uint32_t)(e->kv_major + 1));
	abi_image_put_u32(out, (uint32_t)(e->kv_minor + 1));
	abi_image_put_u32(out, (uint32_t)e->n_whats);
	for (size_t w = 0; w < e->n_whats; w++)
		put_what(out, &e->whats[w]);
}

/* The diagnostics of a load, kept as they go by on their way to the caller's. */
struct recorder {
	abi_diag_fn fn;
	void *data;
	struct abi_strbuf diags;
	size_t n;
};

static void record_diag(void *data, const struct abi_diag *d)
{
	struct recorder *rec = data;

	abi_image_put_u32(&rec->diags, (uint32_t)d->kind);
	abi_image_put_str(&rec->diags, d->loc.file);
	abi_image_put_u32(&rec->diags, d->loc.line);
	abi_image_put_str(&rec->diags, d->message);
	abi_image_put_u32(&rec->diags, (uint32_t)d->n_related);
	for (size_t i = 0; i < d->n_related; i++) {
		abi_image_put_str(&rec->diags, d->related[i].file);
		abi_image_put_u32(&rec->diags, d->related[i].line);
	}
	rec->n++;
	if (rec->fn)
		rec->fn(rec->data, d);
}

static int image_encode(const struct abi_tree *tree, const char *stamp,
			const struct recorder *rec, struct abi_strbuf *out)
{
	abi_strbuf_add(out, IMAGE_MAGIC, 8);
	abi_image_put_u32(out, IMAGE_VERSION);
	abi_image_put_u32(out, IMAGE_ORDER);
	abi_image_put_str(out, build_id());
	abi_image_put_str(out, stamp);
	abi_image_put_str(out, tree->kernel_version);
	abi_image_put_u32(out, (uint32_t)tree->n_files);
	for (size_t i = 0; i < tree->n_files; i++) {
		const struct abi_file *f = tree->files[i];

		abi_image_put_str(out, f->path);
		abi_image_put_u32(out, (uint32_t)f->n_entries);
		for (size_t e = 0; e < f->n_entries; e++)
			put_entry(out, f->entries[e]);
	}
	abi_image_put_u32(out, (uint32_t)rec->n);
	if (rec->diags.err)
		return rec->diags.err;
	abi_strbuf_add(out, rec->diags.buf ? rec->diags.buf : "", rec->diags.len);
	abi_image_put_u32(out, IMAGE_END);
	return out->err;
}

/*
 * Write @len bytes to a new file beside @path and rename it there: a reader sees the
 * old image or the new one, never half. The file renamed over must be a regular file
 * of this user (an image an earlier run wrote), never anything else.
 */
static int write_atomic(const char *path, const char *buf, size_t len)
{
	_cleanup_free_ char *tmp = abi_asprintf("%s.XXXXXX", path);
	struct stat sb;
	size_t done = 0;
	int fd, r = 0;

	if (!tmp)
		return -ENOMEM;
	if (lstat(path, &sb) == 0 && (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid()))
		return -EEXIST;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (r == 0 && done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno != EINTR)
			r = -errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (r == 0 && fchmod(fd, 0644) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

/* ---- reading ---- */

static void get_text(struct abi_image_in *in, struct abi_text *t)
{
	t->str = abi_image_str(in);
	t->line = abi_image_u32(in);
}

static int get_what(struct abi_image_in *in, struct abi_arena *arena, struct abi_entry *e,
		    struct abi_what *w)
{
	uint8_t flags, kind, has_pattern;
	bool listing = false;
	int r;

	w->entry = e;
	w->text = abi_image_str(in);
	w->path = abi_image_str(in);
	w->trailing = abi_image_str(in);
	w->line = abi_image_u32(in);
	flags = abi_image_u8(in);
	kind = abi_image_u8(in);
	has_pattern = abi_image_u8(in);
	/* a loaded What always has a path, if only its prose: callers read it as one */
	if (!w->text || !w->path || flags > 7 || kind >= ABI_WHAT_KIND_COUNT ||
	    has_pattern > 1)
		in->bad = true;
	if (in->bad)
		return -EINVAL;
	w->continuation = flags & WHAT_CONTINUATION;
	w->is_dir = flags & WHAT_IS_DIR;
	w->too_broad = flags & WHAT_TOO_BROAD;
	w->kind = (enum abi_what_kind)kind;
	if (!has_pattern)
		return 0;
	r = abi_pattern_decode(in, arena, &w->pattern, &listing);
	if (r == 0 && listing)
		abi_pattern_set_listing(w->pattern,
					e->description.str ? e->description.str : "");
	return r;
}

static int get_entry(struct abi_image_in *in, struct abi_arena *arena,
		     const struct abi_file *file, struct abi_entry *e)
{
	uint32_t v[4];
	int r = 0;

	e->file = file;
	e->level = file->level;
	e->line = abi_image_u32(in);
	get_text(in, &e->date);
	get_text(in, &e->kernel_version);
	get_text(in, &e->contact);
	get_text(in, &e->description);
	get_text(in, &e->users);
	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		v[i] = abi_image_u32(in);
	/*
	 * As abi_date_parse() and abi_kernel_version_parse() give them; checked before
	 * they are converted, where one past INT_MAX would overflow.
	 */
	if (v[0] > INT_MAX || v[1] > 12 || v[2] > INT_MAX || v[3] > INT_MAX) {
		in->bad = true;
		return -EINVAL;
	}
	e->date_year = (int)v[0];
	e->date_month = (int)v[1];
	e->kv_major = (int)v[2] - 1;
	e->kv_minor = (int)v[3] - 1;
	/* a What takes 18 bytes at least */
	e->n_whats = abi_image_count(in, 18, SIZE_MAX);
	if (in->bad)
		return -EINVAL;
	e->whats =
		abi_arena_alloc(arena, (e->n_whats ? e->n_whats : 1) * sizeof(*e->whats));
	if (!e->whats)
		return -ENOMEM;
	for (size_t w = 0; r == 0 && w < e->n_whats; w++) {
		r = get_what(in, arena, e, &e->whats[w]);
		/* an image that describes more than it holds is no image of ours */
		if (r == 0 && abi_arena_used(arena) > in->budget) {
			in->bad = true;
			r = -EINVAL;
		}
	}
	return r;
}

static int get_file(struct abi_image_in *in, struct abi_tree *tree, struct abi_file *f)
{
	struct abi_arena *arena = abi_tree_arena(tree);
	const char *slash;
	size_t n;
	int r = 0;

	f->path = abi_image_str(in);
	/* an entry takes 63 bytes at least */
	n = abi_image_count(in, 63, SIZE_MAX);
	if (in->bad || !f->path)
		return -EINVAL;
	slash = strrchr(f->path, '/');
	f->name = slash ? slash + 1 : f->path;
	f->level = abi_file_level(f->path);
	f->entries = abi_arena_alloc(arena, (n ? n : 1) * sizeof(*f->entries));
	if (!f->entries)
		return -ENOMEM;
	/* counted once they have their array: on an error, the entries are walked */
	f->n_entries = n;
	for (size_t e = 0; r == 0 && e < f->n_entries; e++) {
		struct abi_entry *entry = abi_arena_alloc(arena, sizeof(*entry));

		if (!entry)
			return -ENOMEM;
		entry->index = (unsigned int)tree->n_entries++;
		f->entries[e] = entry;
		r = get_entry(in, arena, f, entry);
		if (r == 0)
			tree->n_whats += entry->n_whats;
		else /* its patterns are freed with the tree */
			entry->n_whats = entry->whats ? entry->n_whats : 0;
	}
	return r;
}

/* Number the entries in tree order, as abi_tree_load() does. */
static int gather_entries(struct abi_tree *tree)
{
	size_t k = 0;

	tree->entries = abi_arena_alloc(abi_tree_arena(tree),
					(tree->n_entries ? tree->n_entries : 1) *
						sizeof(*tree->entries));
	if (!tree->entries)
		return -ENOMEM;
	for (size_t i = 0; i < tree->n_files; i++)
		for (size_t e = 0; e < tree->files[i]->n_entries; e++)
			tree->entries[k++] = tree->files[i]->entries[e];
	return 0;
}

/* Check the diagnostics whole before the first is delivered: none, or all of them. */
static int check_diags(struct abi_image_in *in, size_t n, size_t *max_related)
{
	*max_related = 0;
	for (size_t i = 0; i < n && !in->bad; i++) {
		uint32_t kind = abi_image_u32(in);
		const char *file = abi_image_str(in);
		size_t n_related;

		abi_image_u32(in);
		/* a diagnostic has a place, as the related ones do: callbacks read it */
		if (!file || !abi_image_str(in) || kind >= ABI_DIAG_KIND_COUNT)
			in->bad = true;
		n_related = abi_image_count(in, 8, SIZE_MAX);
		if (n_related > *max_related)
			*max_related = n_related;
		for (size_t k = 0; k < n_related && !in->bad; k++) {
			if (!abi_image_str(in))
				in->bad = true;
			abi_image_u32(in);
		}
	}
	return in->bad ? -EINVAL : 0;
}

/*
 * Deliver the @n diagnostics at @in (checked: none has more than @max_related places)
 * to @ctx, as the load reported them. The memory is had first: once the first is
 * delivered, nothing fails.
 */
static int replay_diags(struct abi_ctx *ctx, struct abi_image_in *in, size_t n,
			size_t max_related)
{
	struct abi_loc *related =
		malloc((max_related ? max_related : 1) * sizeof(*related));

	if (!related)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct abi_diag d = { 0 };

		d.kind = (enum abi_diag_kind)abi_image_u32(in);
		d.severity = abi_diag_kind_severity(d.kind);
		d.loc.file = abi_image_str(in);
		d.loc.line = abi_image_u32(in);
		d.message = abi_image_str(in);
		d.n_related = abi_image_count(in, 8, max_related);
		for (size_t k = 0; k < d.n_related; k++) {
			related[k].file = abi_image_str(in);
			related[k].line = abi_image_u32(in);
		}
		d.related = d.n_related ? related : NULL;
		ctx->counts[d.kind]++;
		if (ctx->diag_fn)
			ctx->diag_fn(ctx->diag_data, &d);
	}
	free(related);
	return 0;
}

int abi_tree_from_image(struct abi_ctx *ctx, const char *dir, const void *buf, size_t len,
			const char *stamp, struct abi_tree **out)
{
	struct abi_image_in in = { buf, (const unsigned char *)buf + len, false,
				   IMAGE_MAX_DECODED(len) };
	struct abi_tree *tree;
	const char *build, *have;
	struct abi_image_in diags;
	size_t n_diags, max_related;
	int r = -ENOMEM;

	*out = NULL;
	if (len < 16 || memcmp(buf, IMAGE_MAGIC, 8))
		return -EINVAL;
	in.p += 8;
	if (abi_image_u32(&in) != IMAGE_VERSION || abi_image_u32(&in) != IMAGE_ORDER)
		return -EINVAL;
	build = abi_image_str(&in);
	have = abi_image_str(&in);
	if (stamp && (!build || !build_id() || strcmp(build, build_id()) || !have ||
		      strcmp(have, stamp)))
		return -ESTALE;
	tree = calloc(1, sizeof(*tree));
	if (!tree || !(tree->priv = calloc(1, sizeof(*tree->priv))) ||
	    abi_arena_new(&tree->priv->arena) < 0)
		goto err;
	tree->root = abi_arena_strdup(tree->priv->arena, dir);
	if (!tree->root)
		goto err;
	tree->kernel_version = abi_image_str(&in);
	/* a file takes 8 bytes at least */
	tree->n_files = abi_image_count(&in, 8, SIZE_MAX);
	r = -EINVAL;
	if (in.bad)
		goto err;
	r = -ENOMEM;
	tree->files =
		abi_arena_alloc(tree->priv->arena, (tree->n_files ? tree->n_files : 1) *
							   sizeof(*tree->files));
	if (!tree->files)
		goto err;
	r = 0;
	for (size_t i = 0; r == 0 && i < tree->n_files; i++) {
		tree->files[i] =
			abi_arena_alloc(tree->priv->arena, sizeof(*tree->files[i]));
		r = tree->files[i] ? get_file(&in, tree, tree->files[i]) : -ENOMEM;
		if (r < 0)
			tree->n_files = i + (tree->files[i] != NULL);
	}
	if (r == 0)
		r = gather_entries(tree);
	if (r < 0)
		goto err;
	/* a diagnostic takes 20 bytes at least */
	n_diags = abi_image_count(&in, 20, SIZE_MAX);
	diags = in;
	if (check_diags(&in, n_diags, &max_related) < 0 ||
	    abi_image_u32(&in) != IMAGE_END || in.p != in.end) {
		r = -EINVAL;
		goto err;
	}
	r = replay_diags(ctx, &diags, n_diags, max_related);
	if (r < 0)
		goto err;
	*out = tree;
	return 0;
err:
	if (tree && tree->files && !tree->entries) {
		/* the patterns made so far, before the entries were gathered */
		for (size_t i = 0; i < tree->n_files; i++)
			for (size_t e = 0; e < tree->files[i]->n_entries; e++) {
				struct abi_entry *entry = tree->files[i]->entries[e];

				for (size_t w = 0; entry && w < entry->n_whats; w++)
					abi_what_release(&entry->whats[w]);
			}
		tree->n_entries = 0;
	}
	abi_tree_free(tree);
	return r == -ENOMEM ? r : -EINVAL;
}

/*
 * Map @path, a regular file of this user or of root that nobody else may write, and
 * read it as an image of @stamp. Returns 0, -ESTALE, -EINVAL (not an image, or a
 * damaged one), -ENOMEM, or the error opening it.
 */
static int image_read(struct abi_ctx *ctx, const char *dir, const char *path,
		      const char *stamp, struct abi_tree **out)
{
	struct stat sb;
	void *map;
	int fd, r;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    (sb.st_uid != geteuid() && sb.st_uid != 0) || (sb.st_mode & 022) ||
	    sb.st_size < 16 || sb.st_size > IMAGE_MAX_SIZE) {
		close(fd);
		return -EINVAL;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -errno;
	r = abi_tree_from_image(ctx, dir, map, (size_t)sb.st_size, stamp, out);
	if (r < 0) {
		munmap(map, (size_t)sb.st_size);
		return r;
	}
	(*out)->priv->image = map;
	(*out)->priv->image_len = (size_t)sb.st_size;
	return 0;
}

/* Load @dir, whose stamp is @stamp, and write its image to @image. */
static int load_and_write(struct abi_ctx *ctx, const char *dir, const char *image,
			  const char *stamp, struct abi_tree **out, int *write_err)
{
	struct recorder rec = { ctx->diag_fn, ctx->diag_data, { 0 }, 0 };
	struct abi_strbuf buf = { 0 };
	int r;

	*write_err = 0;
	abi_ctx_set_diag_fn(ctx, record_diag, &rec);
	r = abi_tree_load(ctx, dir, out);
	abi_ctx_set_diag_fn(ctx, rec.fn, rec.data);
	if (r == 0 && !build_id())
		*write_err = -ENOTSUP;
	else if (r == 0 && (*write_err = image_encode(*out, stamp, &rec, &buf)) == 0)
		*write_err = write_atomic(image, buf.buf, buf.len);
	abi_strbuf_release(&rec.diags);
	abi_strbuf_release(&buf);
	return r;
}

int abi_tree_write_image(struct abi_ctx *ctx, const char *dir, const char *image,
			 struct abi_tree **out, int *write_err)
{
	_cleanup_free_ char *stamp = NULL;
	int r;

	*out = NULL;
	*write_err = 0;
	/* stamped before it is read: a file changed meanwhile makes the image stale */
	r = abi_tree_stamp(dir, &stamp);
	if (r < 0)
		return r;
	return load_and_write(ctx, dir, image, stamp, out, write_err);
}

int abi_tree_read_image(struct abi_ctx *ctx, const char *dir, const char *image,
			struct abi_tree **out)
{
	_cleanup_free_ char *stamp = NULL;
	int r;

	*out = NULL;
	r = abi_tree_stamp(dir, &stamp);
	if (r == 0)
		r = image_read(ctx, dir, image, stamp, out);
	return r;
}

int abi_tree_load_image(struct abi_ctx *ctx, const char *dir, const char *image,
			struct abi_tree **out, struct abi_image_info *info)
{
	_cleanup_free_ char *stamp = NULL;
	struct abi_image_info dummy;
	int r;

	*out = NULL;
	if (!info)
		info = &dummy;
	*info = (struct abi_image_info){ 0 };
	r = abi_tree_stamp(dir, &stamp);
	if (r < 0)
		return r;
	ctx->lost = false;
	r = image_read(ctx, dir, image, stamp, out);
	if (r == 0) {
		info->read = true;
		return 0;
	}
	if (r == -ENOMEM)
		return r;
	info->read_err = r;
	return load_and_write(ctx, dir, image, stamp, out, &info->write_err);
}
