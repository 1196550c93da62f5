// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A What line's text into a normalized path, a kind and a compiled pattern.
 *
 * The What wildcard language has no grammar, only conventions (ABI-FORMAT.md). This
 * file has its path half: cutting the path out of the line, classifying it, expanding
 * alternatives into variants and splitting variants into components, `...` among them.
 * The component half (placeholders, digit classes, X/Y/Z/N) is in what-glob.c.
 */
#include <errno.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

/* ---- text into path ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A malloc'd copy of @text, trimmed, without backslashes: `\_` `\:` `\*` `\|` */
static char *unescape_trim(const char *text)
{
	char *buf = malloc(strlen(text) + 1), *o = buf;
	const char *s = text;

	if (!buf)
		return NULL;
	while (is_space(*s))
		s++;
	for (; *s; s++) {
		if (*s == '\\' && !*++s)
			break;
		*o++ = *s;
	}
	while (o > buf && is_space(o[-1]))
		o--;
	*o = '\0';
	return buf;
}

/* The first blank outside <>, [] and {}: `<config num>` is one placeholder. */
static char *path_end(char *s)
{
	size_t depth = 0;

	for (; *s; s++) {
		if (abi_is_opener(*s))
			depth++;
		else if (abi_is_closer(*s) && depth > 0)
			depth--;
		else if (is_space(*s) && depth == 0)
			break;
	}
	return s;
}

/*
 * Drop the punctuation of a sentence (`voltage_max,`, `time_in_state_ms:`), keeping a
 * `...` or `..` that ends a path, then a trailing '/'.
 */
static void strip_end(char *s, bool *is_dir)
{
	size_t n = strlen(s);

	while (n > 0 && strchr(",;:.", s[n - 1])) {
		if (s[n - 1] == '.' && n > 1 && (s[n - 2] == '.' || s[n - 2] == '/'))
			break;
		n--;
	}
	while (n > 1 && s[n - 1] == '/') {
		*is_dir = true;
		n--;
	}
	if (n == 1 && s[0] == '/')
		*is_dir = true;
	s[n] = '\0';
}

static bool starts_path(const char *s)
{
	return s[0] == '/' || !strncmp(s, "...", 3);
}

int abi_what_normalize(const char *text, char **path, char **trailing, bool *is_dir)
{
	_cleanup_free_ char *buf = NULL;
	char *end, *rest;

	*path = NULL;
	*trailing = NULL;
	*is_dir = false;
	buf = unescape_trim(text);
	if (!buf)
		return -ENOMEM;
	if (!starts_path(buf)) {
		/* prose: keep all of it, to be quoted in the diagnostic */
		*path = TAKE_PTR(buf);
		return 0;
	}
	end = path_end(buf);
	for (rest = end; is_space(*rest); rest++)
		;
	/* `triggerX/name = "adxl372-devX-peak"`: a value, not prose */
	if (*rest && *rest != '=') {
		*trailing = strdup(rest);
		if (!*trailing)
			return -ENOMEM;
	}
	*end = '\0';
	strip_end(buf, is_dir);
	*path = TAKE_PTR(buf);
	return 0;
}

/* Most specific first; a prefix matches itself and what lies below it. */
static const struct {
	const char *prefix;
	enum abi_what_kind kind;
} kind_prefixes[] = {
	{ "/sys/kernel/debug", ABI_WHAT_DEBUGFS },
	{ "/sys/kernel/tracing", ABI_WHAT_TRACEFS },
	{ "/sys/kernel/config", ABI_WHAT_CONFIGFS },
	{ "/config", ABI_WHAT_CONFIGFS },
	{ "/sys", ABI_WHAT_SYSFS },
	{ "/proc", ABI_WHAT_PROCFS },
	{ "/dev", ABI_WHAT_DEV },
};

enum abi_what_kind abi_what_classify(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(kind_prefixes); i++) {
		size_t n = strlen(kind_prefixes[i].prefix);

		if (!strncmp(path, kind_prefixes[i].prefix, n) &&
		    (path[n] == '\0' || path[n] == '/'))
			return kind_prefixes[i].kind;
	}
	/* `.../XXXXXXX.ipa/version`: anywhere under /sys */
	if (!strncmp(path, "...", 3))
		return ABI_WHAT_SYSFS;
	return path[0] == '/' ? ABI_WHAT_OTHER_PATH : ABI_WHAT_PROSE;
}

/* Diagnose the What and compile it; only a failed allocation is an error. */
/*
 * A variant with no literal text after its first component (`/sys/.../<device>/<UUID>/`)
 * matches every path of its depth. Such a What would "document" a whole sysfs.
 */
static bool pattern_too_broad(const struct abi_pattern *p)
{
	for (size_t v = 0; v < abi_pattern_variant_count(p); v++) {
		size_t n;
		const struct abi_comp *c = abi_pattern_variant(p, v, &n);
		bool literal = false;

		for (size_t i = 1; i < n && !literal; i++)
			literal = c[i].type == ABI_COMP_LITERAL ||
				  (c[i].type == ABI_COMP_GLOB &&
				   abi_glob_has_literal(c[i].glob));
		if (!literal && n > 1)
			return true;
	}
	return false;
}

static size_t seq_count(const char *s, const char *e);
static const char *check_brackets(const char *s);

/*
 * Take @path's expansion (variants times length) from the tree's budget, which bounds
 * what all of a tree's Whats may cost together. -EINVAL with *@why when it is spent.
 */
static int expansion_spend(struct abi_ctx *ctx, const char *path, const char **why)
{
	size_t len = strlen(path), n;

	if (len > ABI_PATTERN_MAX_LEN || check_brackets(path))
		return 0; /* abi_pattern_compile() says why */
	n = seq_count(path, path + len);
	if (n <= 1 || n > ABI_PATTERN_MAX_VARIANTS || n * len > ABI_PATTERN_MAX_EXPANDED)
		return 0;
	if (ctx->expanded + n * len > ABI_TREE_MAX_EXPANDED) {
		*why = "the tree's Whats expand to more than " STRINGIFY(
			ABI_TREE_MAX_EXPANDED) " bytes of alternatives in all";
		return -EINVAL;
	}
	ctx->expanded += n * len;
	return 0;
}

static int what_diagnose(struct abi_ctx *ctx, const char *file, struct abi_what *w)
{
	const char *why = "";
	int r;

	if (!*w->path) {
		abi_diag_report(ctx, ABI_DIAG_WHAT_EMPTY, file, w->line, NULL, 0,
				"empty 'What:'");
		return 0;
	}
	if (w->kind == ABI_WHAT_PROSE) {
		abi_diag_report(ctx, ABI_DIAG_WHAT_NOT_PATH, file, w->line, NULL, 0,
				"'%s' is not a path", w->path);
		return 0;
	}
	if (w->trailing)
		abi_diag_report(ctx, ABI_DIAG_WHAT_TRAILING_TEXT, file, w->line, NULL, 0,
				"text '%s' after the path '%s'", w->trailing, w->path);
	r = expansion_spend(ctx, w->path, &why);
	if (r == 0)
		r = abi_pattern_compile(w->path, &w->pattern, &why);
	if (r == -EINVAL)
		abi_diag_report(ctx, ABI_DIAG_WHAT_BAD_PATTERN, file, w->line, NULL, 0,
				"cannot compile '%s': %s", w->path, why);
	/* a placeholder for the names the Description lists matches those only */
	if (r == 0 && w->entry)
		abi_pattern_set_listing(w->pattern, w->entry->description.str ?
							    w->entry->description.str :
							    "");
	if (r == 0 && pattern_too_broad(w->pattern)) {
		w->too_broad = true;
		abi_diag_report(
			ctx, ABI_DIAG_WHAT_TOO_BROAD, file, w->line, NULL, 0,
			"'%s' names nothing below its first directory: it matches any "
			"path of its shape, so it documents nothing",
			w->path);
	}
	return r == -ENOMEM ? r : 0;
}

int abi_what_prepare(struct abi_ctx *ctx, struct abi_arena *arena, const char *file,
		     struct abi_what *w)
{
	_cleanup_free_ char *path = NULL, *trailing = NULL;
	const char *text = w->text ? w->text : "";
	bool is_dir;
	int r;

	w->pattern = NULL;
	r = abi_what_normalize(text, &path, &trailing, &is_dir);
	if (r < 0)
		return r;
	w->path = abi_arena_strdup(arena, path);
	w->trailing = trailing ? abi_arena_strdup(arena, trailing) : NULL;
	if (!w->path || (trailing && !w->trailing))
		return -ENOMEM;
	w->is_dir = is_dir;
	w->kind = abi_what_classify(w->path);
	return what_diagnose(ctx, file, w);
}

void abi_what_release(struct abi_what *w)
{
	abi_pattern_free(w->pattern);
	w->pattern = NULL;
}

/* ---- alternatives into variants ---- */

#define MAX_NESTING 16

/* Why the brackets of @s cannot be read, or NULL when they are balanced. */
static const char *check_brackets(const char *s)
{
	char stack[MAX_NESTING];
	size_t depth = 0;

	for (; *s; s++) {
		if (abi_is_opener(*s)) {
			if (depth == MAX_NESTING)
				return "brackets nested deeper than " STRINGIFY(
					MAX_NESTING);
			stack[depth++] = *s;
		} else if (abi_is_closer(*s)) {
			if (depth == 0)
				return "unbalanced closing bracket";
			/* each closer follows its opener in "<>[]{}" */
			if (strchr("<>[]{}", stack[--depth])[1] != *s)
				return "mismatched brackets";
		}
	}
	return depth ? "unclosed bracket" : NULL;
}

/* The bracket closing the one at @s; the brackets were checked. */
static const char *group_close(const char *s)
{
	size_t depth = 0;

	for (;; s++) {
		if (abi_is_opener(*s))
			depth++;
		else if (abi_is_closer(*s) && --depth == 0)
			return s;
	}
}

/*
 * Separators of alternatives: `|` in any bracket, `,` in `{start,size}`, `/` in
 * `<A/B/C/D>`. `<function,sympos>` is one placeholder: livepatch names hold a comma.
 */
static bool is_sep(char open, char c)
{
	return c == '|' || (open == '{' && c == ',') || (open == '<' && c == '/');
}

/* End of the option starting at @s in the group from @open to @close. */
static const char *option_end(char open, const char *s, const char *close)
{
	for (; s < close; s++) {
		if (abi_is_opener(*s))
			s = group_close(s);
		else if (is_sep(open, *s))
			break;
	}
	return s;
}

static bool group_is_alt(const char *open, const char *close)
{
	return option_end(*open, open + 1, close) != close;
}

/* Products saturate just above the limit: only "too many" matters beyond it. */
static size_t cap(size_t n)
{
	return n > ABI_PATTERN_MAX_VARIANTS ? ABI_PATTERN_MAX_VARIANTS + 1 : n;
}

static size_t group_count(const char *open, const char *close);

/* Variants of the text [s, e): the product over its groups of alternatives. */
static size_t seq_count(const char *s, const char *e)
{
	size_t n = 1;

	for (; s < e; s++) {
		const char *close;

		if (!abi_is_opener(*s))
			continue;
		close = group_close(s);
		if (group_is_alt(s, close))
			n = cap(n * group_count(s, close));
		s = close;
	}
	return n;
}

/* Variants of a group of alternatives: the sum over its options. */
static size_t group_count(const char *open, const char *close)
{
	const char *s = open + 1, *e;
	size_t n = 0;

	for (;; s = e + 1) {
		e = option_end(*open, s, close);
		n = cap(n + seq_count(s, e));
		if (e == close)
			return n;
	}
}

static char *group_emit(const char *open, const char *close, size_t k, char *out);

/* Write variant @k of [s, e) to @out, in mixed radix over its groups; returns the end. */
static char *seq_emit(const char *s, const char *e, size_t k, char *out)
{
	for (; s < e; s++) {
		const char *close;
		size_t n;

		if (!abi_is_opener(*s)) {
			*out++ = *s;
			continue;
		}
		close = group_close(s);
		if (group_is_alt(s, close)) {
			n = group_count(s, close);
			out = group_emit(s, close, k % n, out);
			k /= n;
		} else {
			memcpy(out, s, (size_t)(close - s) + 1);
			out += close - s + 1;
		}
		s = close;
	}
	return out;
}

static char *group_emit(const char *open, const char *close, size_t k, char *out)
{
	const char *s = open + 1, *e;

	for (;; s = e + 1) {
		size_t n;

		e = option_end(*open, s, close);
		n = seq_count(s, e);
		if (k < n || e == close)
			return seq_emit(s, e, k, out);
		k -= n;
	}
}

/* ---- variants into components ---- */

struct pool_chunk {
	struct pool_chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct variant {
	struct abi_comp *comps;
	size_t n_comps;
};

/*
 * A pattern's variants, component arrays and literals come from a few chunks owned by
 * the pattern: thousands of patterns are compiled per tree, most of them tiny.
 */
struct abi_pattern {
	struct variant *variants;
	size_t n_variants;
	struct pool_chunk *chunks;
	const char *listing; /* borrowed: see abi_pattern_listing() */
	/* a pattern read from an image lives, globs and all, in its tree's arena */
	struct abi_arena *arena;
};

static void *pool_alloc(struct abi_pattern *p, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct pool_chunk *c = p->chunks;
	void *mem;

	if (p->arena)
		return abi_arena_alloc(p->arena, size);
	size = (size + align - 1) & ~(align - 1);
	if (!c || c->size - c->used < size) {
		size_t csize = c ? 2 * c->size : 512;

		if (csize < size)
			csize = size;
		c = malloc(sizeof(*c) + csize);
		if (!c)
			return NULL;
		c->size = csize;
		c->used = 0;
		c->next = p->chunks;
		p->chunks = c;
	}
	mem = c->data + c->used;
	c->used += size;
	return mem;
}

/* The next component of [s, e) at or after @s (empty ones dropped), its end in *end. */
static const char *next_part(const char *s, const char *e, const char **end)
{
	while (s < e && *s == '/')
		s++;
	*end = s;
	while (*end < e && **end != '/')
		*end = abi_is_opener(**end) ? group_close(*end) + 1 : *end + 1;
	return s < e ? s : NULL;
}

static bool is_deep(const char *s, size_t len)
{
	/* `..` alone is a typo of `...`, as in `/sys/devices/../../gisb_arb_timeout` */
	return (len == 3 && !strncmp(s, "...", 3)) || (len == 2 && !strncmp(s, "..", 2));
}

/*
 * Whether component @s is one placeholder that stands for the names the Description
 * lists: `<set_of_attributes_mentioned_below>`, as opposed to `<iface>`, one name of
 * any kind. Its words say where the names are.
 */
static bool is_listed(const char *s, size_t len)
{
	static const char *const words[] = { "mentioned", "listed", "below", "following",
					     "described" };

	if (len < 3 || s[0] != '<' || s[len - 1] != '>' || memchr(s + 1, '<', len - 2) ||
	    memchr(s + 1, '>', len - 2))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		for (const char *p = s; p + strlen(words[i]) <= s + len; p++)
			if (!strncmp(p, words[i], strlen(words[i])))
				return true;
	return false;
}

static int comp_init(struct abi_pattern *p, struct abi_comp *c, const char *s, size_t len)
{
	struct abi_glob *glob;
	char *lit;
	int r;

	if (is_deep(s, len)) {
		c->type = ABI_COMP_DEEP;
		return 0;
	}
	r = abi_glob_compile(s, len, &glob);
	if (r < 0)
		return r;
	if (glob) {
		c->type = ABI_COMP_GLOB;
		c->glob = glob;
		c->listed = is_listed(s, len);
		return 0;
	}
	lit = pool_alloc(p, len + 1);
	if (!lit)
		return -ENOMEM;
	memcpy(lit, s, len);
	lit[len] = '\0';
	c->type = ABI_COMP_LITERAL;
	c->literal = lit;
	return 0;
}

/* Split one expanded variant [s, e) into components. A leading `...` is below /sys. */
static int variant_init(struct abi_pattern *p, struct variant *v, const char *s,
			const char *e)
{
	const char *part, *end;
	size_t n = 1;
	int r;

	for (part = next_part(s, e, &end); part; part = next_part(end, e, &end))
		n++;
	v->comps = pool_alloc(p, n * sizeof(*v->comps));
	if (!v->comps)
		return -ENOMEM;
	memset(v->comps, 0, n * sizeof(*v->comps));
	if (*s != '/')
		v->comps[v->n_comps++] =
			(struct abi_comp){ .type = ABI_COMP_LITERAL, .literal = "sys" };
	for (part = next_part(s, e, &end); part; part = next_part(end, e, &end)) {
		struct abi_comp *c = &v->comps[v->n_comps];

		r = comp_init(p, c, part, (size_t)(end - part));
		if (r < 0)
			return r;
		/* `.../...` is one `...` */
		if (c->type == ABI_COMP_DEEP && v->n_comps && c[-1].type == ABI_COMP_DEEP)
			continue;
		v->n_comps++;
	}
	return 0;
}

static int pattern_fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EINVAL;
}

static int pattern_build(struct abi_pattern *p, const char *path, size_t len)
{
	_cleanup_free_ char *buf = malloc(len + 1);
	int r;

	if (!buf)
		return -ENOMEM;
	p->variants = pool_alloc(p, p->n_variants * sizeof(*p->variants));
	if (!p->variants)
		return -ENOMEM;
	memset(p->variants, 0, p->n_variants * sizeof(*p->variants));
	for (size_t k = 0; k < p->n_variants; k++) {
		/* an option is never longer than its group: len bytes hold any variant */
		char *end = seq_emit(path, path + len, k, buf);

		r = variant_init(p, &p->variants[k], buf, end);
		if (r < 0)
			return r;
	}
	return 0;
}

int abi_pattern_compile(const char *path, struct abi_pattern **out, const char **why)
{
	struct abi_pattern *p;
	const char *reason;
	size_t len, n;
	int r;

	*out = NULL;
	if (why)
		*why = NULL;
	if (!path || !*path)
		return pattern_fail(why, "empty path");
	if (!starts_path(path))
		return pattern_fail(why, "not an absolute path");
	len = strlen(path);
	if (len > ABI_PATTERN_MAX_LEN)
		return pattern_fail(
			why,
			"longer than " STRINGIFY(
				ABI_PATTERN_MAX_LEN) " bytes, the longest path there is");
	reason = check_brackets(path);
	if (reason)
		return pattern_fail(why, reason);
	n = seq_count(path, path + len);
	if (n > ABI_PATTERN_MAX_VARIANTS)
		return pattern_fail(
			why,
			"more than " STRINGIFY(
				ABI_PATTERN_MAX_VARIANTS) " variants after expanding alternatives");
	/* each variant is built apart: n copies of up to len bytes */
	if (n > 1 && n * len > ABI_PATTERN_MAX_EXPANDED)
		return pattern_fail(
			why,
			"longer than " STRINGIFY(
				ABI_PATTERN_MAX_EXPANDED) " bytes after expanding alternatives");
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->n_variants = n;
	r = pattern_build(p, path, len);
	if (r < 0) {
		abi_pattern_free(p);
		return r == -EINVAL ? pattern_fail(why, "bad component") : r;
	}
	*out = p;
	return 0;
}

void abi_pattern_free(struct abi_pattern *p)
{
	struct pool_chunk *c, *next;

	if (!p || p->arena) /* the arena's, freed with it */
		return;
	for (size_t i = 0; p->variants && i < p->n_variants; i++) {
		const struct variant *v = &p->variants[i];

		for (size_t j = 0; j < v->n_comps; j++)
			if (v->comps[j].type == ABI_COMP_GLOB)
				/* the pattern owns it; the const is for readers */
				abi_glob_free((struct abi_glob *)v->comps[j].glob);
	}
	for (c = p->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(p);
}

size_t abi_pattern_variant_count(const struct abi_pattern *p)
{
	return p->n_variants;
}

const struct abi_comp *abi_pattern_variant(const struct abi_pattern *p, size_t i,
					   size_t *n_comps)
{
	*n_comps = p->variants[i].n_comps;
	return p->variants[i].comps;
}

/* ---- matching ---- */

/* The component of @path at or after @s, its length in *len; NULL at the end. */
static const char *path_next(const char *s, size_t *len)
{
	while (*s == '/')
		s++;
	*len = strcspn(s, "/");
	return *s ? s : NULL;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool abi_text_mentions(const char *text, const char *word, size_t len)
{
	if (!len)
		return false;
	for (const char *p = text; *p; p++) {
		if (*p != *word || strncmp(p, word, len))
			continue;
		if ((p == text || !word_char(p[-1])) && !word_char(p[len]))
			return true;
	}
	return false;
}

bool abi_comp_match(const struct abi_comp *c, const char *listing, const char *s,
		    size_t len)
{
	if (c->type == ABI_COMP_LITERAL)
		return !strncmp(c->literal, s, len) && c->literal[len] == '\0';
	return abi_glob_match(c->glob, s, len) &&
	       (!c->listed || !listing || abi_text_mentions(listing, s, len));
}

const char *abi_pattern_listing(const struct abi_pattern *pattern)
{
	return pattern ? pattern->listing : NULL;
}

void abi_pattern_set_listing(struct abi_pattern *pattern, const char *text)
{
	pattern->listing = text;
}

/*
 * `...` matches any run of whole components, every other component exactly one: the
 * greedy two-pointer match of shell globs, which is exact for such stars and needs
 * no memory. On a mismatch, the last `...` takes one component more.
 */
static bool variant_match(const struct variant *v, const char *listing, const char *path)
{
	size_t i = 0, len, deep = SIZE_MAX, deep_len = 0;
	const char *s = path_next(path, &len), *deep_s = NULL;

	while (s) {
		if (i < v->n_comps && v->comps[i].type == ABI_COMP_DEEP) {
			deep = i++;
			deep_s = s;
			deep_len = len;
		} else if (i < v->n_comps &&
			   abi_comp_match(&v->comps[i], listing, s, len)) {
			i++;
			s = path_next(s + len, &len);
		} else if (deep != SIZE_MAX) {
			i = deep + 1;
			deep_s = path_next(deep_s + deep_len, &deep_len);
			s = deep_s;
			len = deep_len;
		} else {
			return false;
		}
	}
	while (i < v->n_comps && v->comps[i].type == ABI_COMP_DEEP)
		i++;
	return i == v->n_comps;
}

bool abi_pattern_match(const struct abi_pattern *p, const char *path)
{
	if (!p || !path || path[0] != '/')
		return false;
	for (size_t i = 0; i < p->n_variants; i++)
		if (variant_match(&p->variants[i], p->listing, path))
			return true;
	return false;
}

/* ---- in an image (image.c) ---- */

int abi_pattern_encode(const struct abi_pattern *p, struct abi_strbuf *out)
{
	abi_image_put_u32(out, (uint32_t)p->n_variants);
	abi_image_put_u8(out, p->listing != NULL);
	for (size_t i = 0; i < p->n_variants; i++) {
		const struct variant *v = &p->variants[i];

		abi_image_put_u32(out, (uint32_t)v->n_comps);
		for (size_t j = 0; j < v->n_comps; j++) {
			const struct abi_comp *c = &v->comps[j];

			abi_image_put_u8(out, (uint8_t)c->type);
			abi_image_put_u8(out, c->listed);
			if (c->type == ABI_COMP_LITERAL)
				abi_image_put_str(out, c->literal);
			else if (c->type == ABI_COMP_GLOB)
				abi_glob_encode(c->glob, out);
		}
	}
	return out->err;
}

static int comp_decode(struct abi_image_in *in, struct abi_arena *arena,
		       struct abi_comp *c)
{
	uint8_t type = abi_image_u8(in), listed = abi_image_u8(in);
	struct abi_glob *glob;
	int r;

	if (listed > 1 || (listed && type != ABI_COMP_GLOB))
		in->bad = true;
	c->listed = listed;
	switch (type) {
	case ABI_COMP_LITERAL:
		c->type = ABI_COMP_LITERAL;
		c->literal = abi_image_str(in);
		/* no empty component, none with a '/': the trie splits paths there */
		if (!c->literal || !*c->literal || strchr(c->literal, '/'))
			in->bad = true;
		break;
	case ABI_COMP_GLOB:
		c->type = ABI_COMP_GLOB;
		r = abi_glob_decode(in, arena, &glob);
		if (r < 0)
			return r;
		c->glob = glob;
		break;
	case ABI_COMP_DEEP:
		c->type = ABI_COMP_DEEP;
		break;
	default:
		in->bad = true;
	}
	return in->bad ? -EINVAL : 0;
}

int abi_pattern_decode(struct abi_image_in *in, struct abi_arena *arena,
		       struct abi_pattern **out, bool *has_listing)
{
	struct abi_pattern *p;
	size_t n = abi_image_count(in, 5, ABI_PATTERN_MAX_VARIANTS);
	uint8_t listing = abi_image_u8(in);
	int r = 0;

	*out = NULL;
	if (in->bad || n == 0 || listing > 1) {
		in->bad = true;
		return -EINVAL;
	}
	p = abi_arena_alloc(arena, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->arena = arena;
	p->variants = pool_alloc(p, n * sizeof(*p->variants));
	if (!p->variants)
		return -ENOMEM;
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct variant *v = &p->variants[p->n_variants++];
		/* a component takes two bytes at least, and a path no more than this */
		size_t k = abi_image_count(in, 2, ABI_PATTERN_MAX_LEN / 2);

		*v = (struct variant){ 0 };
		if (in->bad)
			break;
		v->comps = pool_alloc(p, (k ? k : 1) * sizeof(*v->comps));
		if (!v->comps) {
			r = -ENOMEM;
			break;
		}
		memset(v->comps, 0, (k ? k : 1) * sizeof(*v->comps));
		for (size_t j = 0; r == 0 && j < k; j++) {
			r = comp_decode(in, arena, &v->comps[j]);
			/* counted when good, and when it holds a glob to free */
			if (r == 0 || v->comps[j].glob)
				v->n_comps = j + 1;
		}
	}
	if (r == 0 && in->bad)
		r = -EINVAL;
	if (r < 0) {
		abi_pattern_free(p);
		return r;
	}
	*has_listing = listing;
	*out = p;
	return 0;
}

/* ---- describing ---- */

static void describe_variant(struct abi_strbuf *sb, const struct variant *v)
{
	if (!v->n_comps)
		abi_strbuf_addc(sb, '/');
	for (size_t i = 0; i < v->n_comps; i++) {
		const struct abi_comp *c = &v->comps[i];

		abi_strbuf_addc(sb, '/');
		if (c->type == ABI_COMP_LITERAL)
			abi_strbuf_adds(sb, c->literal);
		else if (c->type == ABI_COMP_DEEP)
			abi_strbuf_adds(sb, "**");
		else if (c->listed)
			abi_strbuf_adds(sb, "<listed>");
		else
			abi_glob_describe(c->glob, sb);
	}
}

/*
 * The notation, one variant after the other joined by " | ":
 *   literal text    as is
 *   <+>             one or more characters (`<name>`, `X`, `{name}`)
 *   <*>             any run of characters, maybe empty (`*`, `...` or `[n]` in a name)
 *   <?>             exactly one character
 *   <#>             one or more digits (`[0-9]+`, `[0..N]`, `<0..14>`)
 *   [1-5] [01]      one digit of the set; `[1-5]+` one or more of them
 *   **              any number of whole components, maybe none (`...`)
 * "/sys/devices/system/cpu/cpuX/online" is "/sys/devices/system/cpu/cpu<+>/online".
 */
char *abi_pattern_describe(const struct abi_pattern *p)
{
	struct abi_strbuf sb = { 0 };

	for (size_t i = 0; i < p->n_variants; i++) {
		if (i)
			abi_strbuf_adds(&sb, " | ");
		describe_variant(&sb, &p->variants[i]);
	}
	return abi_strbuf_detach(&sb);
}
