/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Interfaces shared between the files of libabi. Not installed, not for callers of the
 * library (the unit tests use them).
 */
#ifndef SYSABI_ABI_INTERNAL_H
#define SYSABI_ABI_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "abi.h"
#include "common/macro.h"

/*
 * Memory: libabi allocates with malloc() and friends and hands every failure back as
 * -ENOMEM, never aborting; its containers are these few, written here for that
 * reason. tests/unit/test-alloc.c makes each allocation fail in turn.
 */

/* ---- array.c: growing arrays, pointer lists, a stable sort ---- */

/*
 * Room for one more element of @size bytes in *@v, an array of *@cap holding @n:
 * the capacity doubles, from 16. Returns 0, or -ENOMEM leaving *@v as it was.
 */
int abi_grow(void **v, size_t *cap, size_t n, size_t size);
/* abi_grow() for the array @v (any pointer type) of @n elements, @cap allocated. */
#define ABI_GROW(v, n, cap) abi_grow((void **)&(v), &(cap), (n), sizeof(*(v)))

/* A list of pointers; zeroed, it is empty. */
struct abi_ptrarray {
	void **v;
	size_t n, cap;
};

/* Append @p. Returns 0, or -ENOMEM: @p is not in the list then, the caller keeps it. */
int abi_ptrarray_add(struct abi_ptrarray *a, void *p);
/* Empty the list, calling @free_fn (if not NULL) on each element; keeps its memory. */
void abi_ptrarray_clear(struct abi_ptrarray *a, void (*free_fn)(void *p));
/* abi_ptrarray_clear(), then free the list's memory: it is empty again. */
void abi_ptrarray_release(struct abi_ptrarray *a, void (*free_fn)(void *p));

/*
 * Sort @n elements of @size bytes like qsort(), keeping equal elements in their
 * order (glibc's qsort() promises no order). Returns 0, or -ENOMEM with @base as it was.
 */
int abi_sort_stable(void *base, size_t n, size_t size,
		    int (*cmp)(const void *a, const void *b));

/* ---- strbuf.c: a string that grows ---- */

/*
 * Zeroed, it is the empty string. An append that fails sets @err, and every later
 * append does nothing: build the whole text, then check once.
 */
struct abi_strbuf {
	char *buf; /* NUL-terminated; NULL until something is appended */
	size_t len, cap;
	int err; /* 0, or -ENOMEM once an append failed */
};

/* Append; each returns 0 or -ENOMEM (also kept in sb->err). */
int abi_strbuf_add(struct abi_strbuf *sb, const char *s, size_t len);
int abi_strbuf_adds(struct abi_strbuf *sb, const char *s);
int abi_strbuf_addc(struct abi_strbuf *sb, char c);
int abi_strbuf_addf(struct abi_strbuf *sb, const char *fmt, ...) _printf_(2, 3);
int abi_strbuf_vaddf(struct abi_strbuf *sb, const char *fmt, va_list ap) _printf_(2, 0);
/* Empty the string, keeping its memory and sb->err. */
void abi_strbuf_reset(struct abi_strbuf *sb);
/* The text so far, borrowed until the next append; "" when empty. */
const char *abi_strbuf_str(const struct abi_strbuf *sb);
/*
 * The text as a malloc'd string the caller frees, @sb left empty; NULL (and @sb
 * released) when an append failed or the string cannot be had.
 */
char *abi_strbuf_detach(struct abi_strbuf *sb);
void abi_strbuf_release(struct abi_strbuf *sb);
/* A malloc'd string formatted as by printf(); NULL on -ENOMEM. */
char *abi_asprintf(const char *fmt, ...) _printf_(1, 2);

/* ---- strmap.c: strings to pointers ---- */

/* FNV-1a: the hash of @len bytes of @data, continuing @h (ABI_HASH_INIT to start). */
#define ABI_HASH_INIT 2166136261u
uint32_t abi_hash_add(uint32_t h, const void *data, size_t len);

struct abi_strmap_slot;

/* A hash map from strings to pointers; abi_strmap_init() it before use. */
struct abi_strmap {
	struct abi_strmap_slot *slots; /* cap of them (a power of two), or NULL */
	size_t n, cap;
	bool owns_keys;
};

/*
 * An empty map. With @owns_keys, a key added is copied and the map frees its copy;
 * else the map borrows the key, which must outlive it.
 */
void abi_strmap_init(struct abi_strmap *m, bool owns_keys);
/* Free the map's memory, calling @free_value (if not NULL) on each value. */
void abi_strmap_release(struct abi_strmap *m, void (*free_value)(void *value));
/* The value of @key, or NULL when there is none (store no NULL values to tell). */
void *abi_strmap_get(const struct abi_strmap *m, const char *key);
/* The same with @key's hash, abi_strmap_hash(@key), computed once for many maps. */
uint32_t abi_strmap_hash(const char *key);
void *abi_strmap_get_hashed(const struct abi_strmap *m, const char *key, uint32_t hash);
/*
 * *@value points at the value of @key, added with a NULL value when it is not there,
 * valid until the next addition. Returns 0, or -ENOMEM with the map unchanged.
 */
int abi_strmap_slot(struct abi_strmap *m, const char *key, void ***value);
/*
 * Every key and value, in no particular order:
 *	for (size_t i = 0; abi_strmap_next(m, &i, &key, &value);)
 */
bool abi_strmap_next(const struct abi_strmap *m, size_t *i, const char **key,
		     void **value);

/* ---- arena.c: bump allocator; everything a tree hands out lives in one ---- */

struct abi_arena;

int abi_arena_new(struct abi_arena **out);
void abi_arena_free(struct abi_arena *arena);
/* Zeroed memory aligned for any type, alive until abi_arena_free(); NULL on -ENOMEM. */
void *abi_arena_alloc(struct abi_arena *arena, size_t size);
/* A NUL-terminated copy of @len bytes of @s; NULL on -ENOMEM. */
char *abi_arena_strndup(struct abi_arena *arena, const char *s, size_t len);
char *abi_arena_strdup(struct abi_arena *arena, const char *s);
/* Bytes handed out so far (for the benchmark's memory figures). */
size_t abi_arena_used(const struct abi_arena *arena);

/* ---- context.c: diagnostics ---- */

struct abi_ctx {
	abi_diag_fn diag_fn;
	void *diag_data;
	size_t counts[ABI_DIAG_KIND_COUNT];
	size_t expanded; /* bytes of expanded alternatives so far, against the tree budget */
	bool lost;       /* a diagnostic went undelivered for want of memory */
};

/*
 * Report a diagnostic at @file:@line. The message is formatted here; the kind decides
 * the severity. @related may be NULL. When the message cannot be formatted for want
 * of memory, the callback is not called and ctx->lost is set: abi_tree_load() then
 * fails with -ENOMEM rather than hand out a tree with a diagnostic missing.
 */
void abi_diag_report(struct abi_ctx *ctx, enum abi_diag_kind kind, const char *file,
		     unsigned int line, const struct abi_loc *related, size_t n_related,
		     const char *fmt, ...) _printf_(7, 8);

/* ---- tree.c ---- */

struct abi_tree_priv {
	struct abi_arena *arena;
	/* the image the tree was read from (strings point into it), or NULL */
	void *image;
	size_t image_len;
};

static inline struct abi_arena *abi_tree_arena(struct abi_tree *tree)
{
	return tree->priv->arena;
}

/* ---- reader.c: one file's text into entries ---- */

/*
 * Parse @len bytes of @buf (the content of @file, not NUL-terminated, may hold any
 * bytes) into entries allocated from @arena, reporting every defect through @ctx and
 * never stopping at the first. Sets file->entries and file->n_entries. Each abi_what
 * gets text, line, continuation and entry; path, kind and pattern are filled later by
 * abi_what_prepare(). Entries get every field, date_year/month and kv_major/minor.
 * Returns 0, or -ENOMEM.
 */
int abi_file_parse(struct abi_ctx *ctx, struct abi_arena *arena, struct abi_file *file,
		   const char *buf, size_t len);

/*
 * Dates and kernel versions as they appear: "February 2018", "2018-02-01", "v5.7".
 * Return 0, or -EINVAL with *year = *month = 0 (*major = *minor = -1).
 */
int abi_date_parse(const char *s, int *year, int *month);
int abi_kernel_version_parse(const char *s, int *major, int *minor);

/* ---- what.c: a What's text into a normalized path, a kind and a pattern ---- */

/*
 * The brackets that open and close a group of a What (`<name>`, `[0-9]`, `{a,b}`),
 * nested as they come. The path (what.c) and its components (what-glob.c) are cut
 * along the same groups, so both ask here.
 */
static inline bool abi_is_opener(char c)
{
	return c == '<' || c == '[' || c == '{';
}

static inline bool abi_is_closer(char c)
{
	return c == '>' || c == ']' || c == '}';
}

/*
 * Split What text into the path and what follows it: drop backslash escapes, cut
 * ` = value` and trailing prose (whitespace outside <>, [] and {} ends the path), note
 * a trailing '/'. *path and *trailing (NULL when there is none) are malloc'd and the
 * caller frees them. Returns 0, -ENOMEM.
 */
int abi_what_normalize(const char *text, char **path, char **trailing, bool *is_dir);
enum abi_what_kind abi_what_classify(const char *path);

/*
 * Fill w->path, trailing, is_dir, kind and pattern from w->text, reporting what-empty,
 * what-not-path, what-trailing-text and what-bad-pattern through @ctx at @file:w->line.
 * Strings come from @arena; the pattern is freed by abi_what_release().
 */
int abi_what_prepare(struct abi_ctx *ctx, struct abi_arena *arena, const char *file,
		     struct abi_what *w);
void abi_what_release(struct abi_what *w);

/*
 * A compiled pattern is one or more variants (alternatives such as {a,b} are expanded
 * into variants, at most ABI_PATTERN_MAX_VARIANTS), each a list of components
 * starting below "/": "/sys/class/net" is {"sys", "class", "net"}.
 */

enum abi_comp_type {
	ABI_COMP_LITERAL, /* the component must equal .literal */
	ABI_COMP_GLOB,    /* .glob must match the whole component */
	ABI_COMP_DEEP,    /* `...`: zero or more whole components */
};

struct abi_glob;

/*
 * Compile one component @s (@len bytes, no '/', alternatives already expanded).
 * *out is NULL when the component has no wildcard: compare it as a literal.
 * Returns 0, -EINVAL (an unclosed bracket, a '/'), -ENOMEM. Free with abi_glob_free().
 */
int abi_glob_compile(const char *s, size_t len, struct abi_glob **out);
void abi_glob_free(struct abi_glob *glob);

struct abi_comp {
	enum abi_comp_type type;
	const char *literal;         /* ABI_COMP_LITERAL */
	const struct abi_glob *glob; /* ABI_COMP_GLOB */
	/*
	 * A placeholder for "the names the Description lists", such as
	 * `<set_of_attributes_mentioned_below>`: it matches a name only where
	 * abi_pattern_listing() has a text that names it as a whole word.
	 */
	bool listed;
};

size_t abi_pattern_variant_count(const struct abi_pattern *pattern);
/*
 * The text whose words a listed component matches (a What's Description, borrowed
 * from its entry), or NULL: set by abi_what_prepare() on the pattern of a What.
 * Without one, a listed component matches any name, as the placeholder it is.
 */
const char *abi_pattern_listing(const struct abi_pattern *pattern);
void abi_pattern_set_listing(struct abi_pattern *pattern, const char *text);
/* Whether @text holds the @len bytes of @word as a whole word ([A-Za-z0-9_-] around). */
bool abi_text_mentions(const char *text, const char *word, size_t len);
/* Whether component @c matches the @len bytes of @s, with @listing for listed ones. */
bool abi_comp_match(const struct abi_comp *c, const char *listing, const char *s,
		    size_t len);
/* Components of variant @i; borrowed from the pattern. */
const struct abi_comp *abi_pattern_variant(const struct abi_pattern *pattern, size_t i,
					   size_t *n_comps);
/* Whether @glob matches all @len bytes of @s; linear in len * glob size, never exponential. */
bool abi_glob_match(const struct abi_glob *glob, const char *s, size_t len);
/*
 * The byte every name @glob matches starts (ends) with, or -1 when it starts (ends)
 * with a wildcard: a table of globs is looked up by them before any is run.
 */
int abi_glob_first_byte(const struct abi_glob *glob);
int abi_glob_last_byte(const struct abi_glob *glob);
/* Whether @glob holds literal text (`cpu<+>`), not only wildcards (`<+>`). */
bool abi_glob_has_literal(const struct abi_glob *glob);
/* Append the glob as abi_pattern_describe() shows it to @sb; returns sb->err. */
int abi_glob_describe(const struct abi_glob *glob, struct abi_strbuf *sb);

/* ---- image.c: a compiled tree in one file, and the bytes it is made of ---- */

/*
 * Writing: little-endian integers and strings appended to a buffer (its err says
 * whether one failed). A string is its length (u32), its bytes and a NUL; NULL is the
 * length 0xffffffff alone.
 */
void abi_image_put_u8(struct abi_strbuf *out, uint8_t v);
void abi_image_put_u32(struct abi_strbuf *out, uint32_t v);
void abi_image_put_str(struct abi_strbuf *out, const char *s);

/*
 * Reading [p, end), never past it: a read that does not fit sets @bad and returns 0
 * (NULL), and so does every read after it. Check @bad once at the end.
 */
struct abi_image_in {
	const unsigned char *p, *end;
	bool bad;
	size_t budget; /* the arena bytes what is read may take */
};

/* Whether @n more bytes are there to read; if not, @in is bad from now on. */
static inline bool abi_image_take(struct abi_image_in *in, size_t n)
{
	if (in->bad || (size_t)(in->end - in->p) < n) {
		in->bad = true;
		return false;
	}
	return true;
}

static inline uint8_t abi_image_u8(struct abi_image_in *in)
{
	return abi_image_take(in, 1) ? *in->p++ : 0;
}

static inline uint32_t abi_image_u32(struct abi_image_in *in)
{
	const unsigned char *b = in->p;

	if (!abi_image_take(in, 4))
		return 0;
	in->p += 4;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

/*
 * A string of the image, borrowed from it: NUL-terminated there, where its length
 * says (a NUL before would only cut it short). NULL for NULL, and when bad.
 */
static inline const char *abi_image_str(struct abi_image_in *in)
{
	uint32_t len = abi_image_u32(in);
	const char *s = (const char *)in->p;

	if (in->bad || len == UINT32_MAX)
		return NULL;
	if (!abi_image_take(in, (size_t)len + 1) || in->p[len] != '\0') {
		in->bad = true;
		return NULL;
	}
	in->p += (size_t)len + 1;
	return s;
}

/*
 * A count of things that take @min_size bytes each and are at most @max: a larger
 * one, or one the bytes left cannot hold, sets @bad and returns 0.
 */
size_t abi_image_count(struct abi_image_in *in, size_t min_size, size_t max);

/*
 * A compiled glob or pattern into an image, and back, checked as it is read. What is
 * read lives in @arena, a tree's (abi_pattern_free() leaves such a pattern to it).
 */
int abi_glob_encode(const struct abi_glob *glob, struct abi_strbuf *out);
int abi_glob_decode(struct abi_image_in *in, struct abi_arena *arena,
		    struct abi_glob **out);
int abi_pattern_encode(const struct abi_pattern *pattern, struct abi_strbuf *out);
/* *@has_listing: whether the pattern had a listing, to be set again by the caller. */
int abi_pattern_decode(struct abi_image_in *in, struct abi_arena *arena,
		       struct abi_pattern **out, bool *has_listing);

/*
 * What an image of @dir is valid for: a line per directory, file and link below it
 * (found as abi_tree_load() finds them) with its type, path, size, inode and times,
 * then the root's and the kernel Makefile's. Equal stamps mean the same files, unless
 * one was changed and its times set back within a nanosecond. *@out is malloc'd.
 * Returns 0, -ENOMEM or the error opening @dir.
 */
int abi_tree_stamp(const char *dir, char **out);

/* The level of a file by its path below the tree: "stable/..." is ABI_LEVEL_STABLE. */
enum abi_level abi_file_level(const char *rel);

/*
 * The tree in the @len bytes of @buf (an image, borrowed: the tree points into it and
 * must not outlive it), rooted at @dir, its diagnostics delivered through @ctx. With
 * @stamp, the image must have been written by this libabi for that stamp, else
 * -ESTALE; NULL takes any. Returns 0, -ESTALE, -EINVAL (damaged), -ENOMEM: on error
 * no diagnostic was delivered.
 */
int abi_tree_from_image(struct abi_ctx *ctx, const char *dir, const void *buf, size_t len,
			const char *stamp, struct abi_tree **out);

/* ---- check.c: tree-wide checks ---- */

/* what-duplicate and file-in-two-levels over the whole tree. Returns 0, -ENOMEM. */
int abi_tree_check(struct abi_ctx *ctx, const struct abi_tree *tree);

/* A file's path below its level directory: "stable/sysfs-x" and "testing/sysfs-x" are
 * one file moved (diff-match.c). */
const char *abi_file_stem(const struct abi_file *file);

#endif
