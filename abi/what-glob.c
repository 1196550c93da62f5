// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One path component of a What pattern: the component half of the wildcard language
 * (placeholders, digit classes, X/Y/Z/N, `*` and `...` inside a name).
 *
 * A component compiles to a sequence of elements (a literal byte, any byte, a digit of
 * a set), each taken once or "starred" (zero or more times). Matching simulates that
 * sequence as an NFA over a bitset of positions: O(len * elements), whatever the
 * pattern, where a backtracking matcher is exponential on `a*a*a*...b`.
 *
 * The path half (alternatives, `...` as a component, splitting at '/') is in what.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "abi-internal.h"

enum elem_type {
	ELEM_CHAR,  /* .c */
	ELEM_ANY,   /* any byte but '/' */
	ELEM_DIGIT, /* a digit d with bit d of .digits set */
};

#define ALL_DIGITS 0x3ffu

/*
 * The most elements a glob has, and the words of nfa_match()'s bitsets for them: a
 * component is no longer than its pattern (ABI_PATTERN_MAX_LEN), a byte makes at most
 * two elements (`X` is one, then any more), and abi_glob_compile() refuses more. So
 * matching needs no heap and cannot fail.
 */
#define GLOB_MAX_ELEMS (2 * ABI_PATTERN_MAX_LEN)
#define NFA_WORDS (GLOB_MAX_ELEMS / 64 + 1)

struct glob_elem {
	uint16_t digits;
	uint8_t type;
	bool star;
	char c;
};

struct abi_glob {
	size_t n;              /* elements */
	size_t min_len;        /* elements that are not starred: the shortest match */
	size_t prefix, suffix; /* leading and trailing unstarred ELEM_CHAR elements */
	bool has_star;
	bool any_middle; /* between prefix and suffix, nothing but ELEM_ANY */
	struct glob_elem e[];
};

/*
 * Elements are counted in a first pass (e == NULL), stored in the second. Runs of
 * "any" are kept canonical, k unstarred then at most one starred, so `**`, `[..]*`
 * and `<a><b>` do not grow the automaton.
 */
struct glob_build {
	struct glob_elem *e;
	size_t n;
	bool tail_any_star;
};

static void put(struct glob_build *b, struct glob_elem el)
{
	if (b->e)
		b->e[b->n] = el;
	b->n++;
}

static void push(struct glob_build *b, enum elem_type type, bool star, char c,
		 uint16_t digits)
{
	struct glob_elem el = { .digits = digits, .type = type, .star = star, .c = c };
	bool any = type == ELEM_ANY;

	if (any && star && b->tail_any_star)
		return;
	if (any && b->tail_any_star) {
		/* one more "any" before the star of the run: same language */
		b->n--;
		put(b, el);
		el.star = true;
	}
	put(b, el);
	b->tail_any_star = any && (star || b->tail_any_star);
}

static void push_one_or_more(struct glob_build *b, enum elem_type type, uint16_t digits)
{
	push(b, type, false, 0, digits);
	push(b, type, true, 0, digits);
}

/* Digits @lo to @hi as a set. */
static uint16_t digit_range(int lo, int hi)
{
	return (uint16_t)(((2u << hi) - 1) & ~((1u << lo) - 1));
}

/* strspn() within @len bytes: components are not NUL-terminated. */
static size_t span(const char *s, size_t len, const char *set)
{
	size_t n = 0;

	while (n < len && s[n] && strchr(set, s[n]))
		n++;
	return n;
}

/*
 * A digit class, the content of `[0-9]`, `[1-5]`, `[0:7]`, `[0..N]`, `[0-31]`, `[01]`
 * or `<0..14>`. A range of two single digits is one digit of that range; a range with a
 * longer or symbolic bound (N, X) is a number; a list of digits (only when @list) is
 * one digit of the list.
 */
static bool parse_digit_class(const char *s, size_t len, bool list, uint16_t *digits,
			      bool *number)
{
	static const char *const seps[] = { "..", "-", ":" };
	size_t lo = span(s, len, "0123456789"), i, hi;

	if (lo == len && lo > 0 && list) {
		*digits = 0;
		for (i = 0; i < len; i++)
			*digits |= 1u << (s[i] - '0');
		*number = false;
		return true;
	}
	for (i = 0; lo > 0 && i < ARRAY_SIZE(seps); i++) {
		size_t sl = strlen(seps[i]), rest = len - lo - sl;

		if (len < lo + sl || strncmp(s + lo, seps[i], sl))
			continue;
		hi = span(s + lo + sl, rest, "0123456789");
		if (rest == 1 && s[len - 1] && strchr("NXYZ", s[len - 1]))
			hi = 0;
		else if (hi != rest || hi == 0)
			return false;
		*number = lo != 1 || hi != 1 || s[lo + sl] < s[0];
		*digits = ALL_DIGITS;
		if (!*number)
			*digits = digit_range(s[0] - '0', s[lo + sl] - '0');
		return true;
	}
	return false;
}

/* Index of the bracket closing the one at s[0], or -EINVAL when it is not closed. */
static ssize_t group_close(const char *s, size_t len)
{
	size_t depth = 0;

	for (size_t i = 0; i < len; i++) {
		if (abi_is_opener(s[i]))
			depth++;
		else if (abi_is_closer(s[i]) && --depth == 0)
			return (ssize_t)i;
	}
	return -EINVAL;
}

/*
 * `<name>` and `{name}`: one or more bytes; `<0..14>`: a number. `[0-9]`, `[1-5]+`,
 * `[0..N]`, `[01]`: digits; any other `[...]` (`[n]`, `[.Y]`, `[-X]`): any run.
 * Alternatives (`{a,b}`, `<a|b>`, `[a|b]`) were expanded into variants by what.c.
 */
static ssize_t scan_group(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	ssize_t close = group_close(s + pos, len - pos);
	const char open = s[pos];
	size_t n;
	uint16_t digits;
	bool number;

	if (close < 0)
		return close;
	n = (size_t)close + 1;
	if (open != '{' &&
	    parse_digit_class(s + pos + 1, n - 2, open == '[', &digits, &number)) {
		if (open == '[' && pos + n < len && s[pos + n] == '+') {
			number = true;
			n++;
		}
		push(b, ELEM_DIGIT, false, 0, digits);
		if (number)
			push(b, ELEM_DIGIT, true, 0, digits);
	} else if (open == '[') {
		push(b, ELEM_ANY, true, 0, 0);
	} else {
		push_one_or_more(b, ELEM_ANY, 0);
	}
	return (ssize_t)n;
}

/* `...` inside a name (`sdw:...`, `<port[.port]>...:`): any run. */
static ssize_t scan_dots(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	if (len - pos < 3 || strncmp(s + pos, "...", 3))
		return 0;
	push(b, ELEM_ANY, true, 0, 0);
	return 3;
}

/* `*` inside a name (`smpro-errmon.*`), or alone: then exactly one whole component. */
static ssize_t scan_star(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	if (pos >= len || s[pos] != '*')
		return 0;
	push(b, ELEM_ANY, true, 0, 0);
	return 1;
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_alnum(char c)
{
	return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9');
}

/*
 * Whether the word around s[start, end) is camelCase with the run starting a word of
 * its own, as in the USB descriptor names `bNumInterfaces` and `wNdpInDivisor`: there
 * the N is a letter, not a placeholder. `cXdY` and `mtdXro` are not camelCase.
 */
static bool camel_word(const char *s, size_t len, size_t start, size_t end)
{
	size_t a = start, z = end;

	if (end >= len || !is_lower(s[end]))
		return false;
	while (a > 0 && is_alnum(s[a - 1]))
		a--;
	while (z < len && is_alnum(s[z]))
		z++;
	for (size_t i = a; i + 1 < z; i++)
		if ((i < start || i >= end) && is_upper(s[i]) && is_lower(s[i + 1]))
			return true;
	return false;
}

/*
 * `cpuX`, `in_voltageY_raw`, `decoderX.Y`, `regionZ`, `XXXXXXX.ipa`: a run of capitals
 * made only of X, Y, Z and N stands for a name or number. In any other run of
 * capitals (`LNXSYSTM:00`, `TOS1900`, `QCOM8060`) every letter is literal.
 */
static ssize_t scan_capitals(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	size_t end = pos, i;
	bool placeholder;

	while (end < len && is_upper(s[end]))
		end++;
	if (end == pos)
		return 0;
	placeholder = span(s + pos, end - pos, "XYZN") == end - pos;
	if (placeholder && !camel_word(s, len, pos, end)) {
		push_one_or_more(b, ELEM_ANY, 0);
	} else {
		for (i = pos; i < end; i++)
			push(b, ELEM_CHAR, false, s[i], 0);
	}
	return (ssize_t)(end - pos);
}

/*
 * Not in ABI-FORMAT.md's table, but in real Whats: a shell variable
 * (`tsm/report/$name/inblob`), a printf conversion (`usbip-vudc.%d`), a `#` for a
 * number (`xen_cpu#`).
 */
static ssize_t scan_dollar(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	size_t end = pos + 1;

	if (pos >= len || s[pos] != '$')
		return 0;
	while (end < len && (is_alnum(s[end]) || s[end] == '_'))
		end++;
	if (end == pos + 1)
		return 0;
	push_one_or_more(b, ELEM_ANY, 0);
	return (ssize_t)(end - pos);
}

static ssize_t scan_printf(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	char conv = pos + 1 < len ? s[pos + 1] : '\0';

	if (s[pos] != '%' || !conv || !strchr("diusx", conv))
		return 0;
	if (strchr("diu", conv))
		push_one_or_more(b, ELEM_DIGIT, ALL_DIGITS);
	else
		push_one_or_more(b, ELEM_ANY, 0);
	return 2;
}

static ssize_t scan_hash(const char *s, size_t len, size_t pos, struct glob_build *b)
{
	if (pos >= len || s[pos] != '#')
		return 0;
	push_one_or_more(b, ELEM_DIGIT, ALL_DIGITS);
	return 1;
}

static ssize_t scan_group_open(const char *s, size_t len, size_t pos,
			       struct glob_build *b)
{
	return abi_is_opener(s[pos]) ? scan_group(s, len, pos, b) : 0;
}

/*
 * The component forms of ABI-FORMAT.md's wildcard table, tried in order; a byte that
 * none of them takes is literal.
 */
static const struct {
	const char *form;
	ssize_t (*scan)(const char *s, size_t len, size_t pos, struct glob_build *b);
} forms[] = {
	{ "<name>, {name}, [0-9], [0..N], [n]", scan_group_open },
	{ "... inside a name", scan_dots },
	{ "*", scan_star },
	{ "X Y Z N", scan_capitals },
	{ "$name", scan_dollar },
	{ "%d %s", scan_printf },
	{ "#", scan_hash },
};

/* Whether some form of the table may start at @c: most bytes are plainly literal. */
static bool may_start_form(char c)
{
	/* a switch, not strchr(): this runs for every byte of every What */
	switch (c) {
	case '.':
	case '*':
	case '$':
	case '%':
	case '#':
		return true;
	}
	return abi_is_opener(c) || is_upper(c);
}

static int build(const char *s, size_t len, struct glob_build *b)
{
	size_t pos = 0, i;
	ssize_t n;

	while (pos < len) {
		if (s[pos] == '/' || s[pos] == '\0')
			return -EINVAL;
		n = 0;
		if (may_start_form(s[pos]))
			for (i = 0; i < ARRAY_SIZE(forms) && n == 0; i++)
				n = forms[i].scan(s, len, pos, b);
		if (n < 0)
			return (int)n;
		if (n == 0) {
			push(b, ELEM_CHAR, false, s[pos], 0);
			n = 1;
		}
		pos += (size_t)n;
	}
	return 0;
}

static bool is_plain_char(const struct glob_elem *el)
{
	return el->type == ELEM_CHAR && !el->star;
}

static void glob_summarize(struct abi_glob *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		g->min_len += !g->e[i].star;
		g->has_star |= g->e[i].star;
	}
	while (g->prefix < g->n && is_plain_char(&g->e[g->prefix]))
		g->prefix++;
	while (g->suffix < g->n - g->prefix && is_plain_char(&g->e[g->n - 1 - g->suffix]))
		g->suffix++;
	g->any_middle = true;
	for (i = g->prefix; i < g->n - g->suffix; i++)
		g->any_middle &= g->e[i].type == ELEM_ANY;
}

/*
 * Compile the component @s (@len bytes, no '/', alternatives already expanded).
 * *out is NULL when the component has no wildcard: compare it as a literal.
 * Returns 0, -EINVAL (an unclosed bracket, a '/'), -ENOMEM. Free with abi_glob_free().
 */
int abi_glob_compile(const char *s, size_t len, struct abi_glob **out)
{
	struct glob_build b = { 0 };
	struct abi_glob *g;
	size_t i;
	int r;

	*out = NULL;
	for (i = 0; i < len && !may_start_form(s[i]) && s[i] != '/' && s[i]; i++)
		;
	if (i == len)
		return 0;
	r = build(s, len, &b);
	if (r < 0)
		return r;
	if (b.n > GLOB_MAX_ELEMS)
		return -EINVAL; /* longer than any pattern may be */
	g = calloc(1, sizeof(*g) + b.n * sizeof(g->e[0]));
	if (!g)
		return -ENOMEM;
	b = (struct glob_build){ .e = g->e };
	build(s, len, &b);
	g->n = b.n;
	for (i = 0; i < g->n && is_plain_char(&g->e[i]); i++)
		;
	if (i == g->n) {
		free(g);
		return 0;
	}
	glob_summarize(g);
	*out = g;
	return 0;
}

void abi_glob_free(struct abi_glob *glob)
{
	free(glob);
}

static bool elem_match(const struct glob_elem *el, char c)
{
	switch (el->type) {
	case ELEM_CHAR:
		return c == el->c;
	case ELEM_ANY:
		return c != '/';
	default:
		return c >= '0' && c <= '9' && (el->digits >> (c - '0') & 1);
	}
}

static bool fixed_match(const struct glob_elem *e, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].c != s[i])
			return false;
	return true;
}

#define BIT(p) (UINT64_C(1) << ((p) % 64))

/* Add to @bits every position reachable by skipping starred elements. */
static void closure(const struct glob_elem *e, size_t n, uint64_t *bits, size_t words)
{
	for (size_t w = 0; w < words; w++) {
		uint64_t done = 0, todo;

		/* re-read the word: skipping a star may set a higher bit of it */
		while ((todo = bits[w] & ~done)) {
			size_t p = w * 64 + (size_t)__builtin_ctzll(todo);

			done |= BIT(p);
			if (p < n && e[p].star)
				bits[(p + 1) / 64] |= BIT(p + 1);
		}
	}
}

/* Move every position of @cur over byte @c into @next; false when none survives. */
static bool step(const struct glob_elem *e, size_t n, const uint64_t *cur, uint64_t *next,
		 size_t words, char c)
{
	bool alive = false;

	memset(next, 0, words * sizeof(*next));
	for (size_t w = 0; w < words; w++) {
		for (uint64_t todo = cur[w]; todo; todo &= todo - 1) {
			size_t p = w * 64 + (size_t)__builtin_ctzll(todo), to;

			if (p == n || !elem_match(&e[p], c))
				continue;
			to = p + !e[p].star;
			next[to / 64] |= BIT(to);
			alive = true;
		}
	}
	closure(e, n, next, words);
	return alive;
}

static bool nfa_match(const struct glob_elem *e, size_t n, const char *s, size_t len)
{
	uint64_t mem[2 * NFA_WORDS], *cur = mem, *next, *tmp;
	size_t words = n / 64 + 1;
	bool ok = true;

	next = mem + words;
	memset(cur, 0, words * sizeof(*cur));
	cur[0] = 1;
	closure(e, n, cur, words);
	for (size_t i = 0; i < len && ok; i++) {
		ok = step(e, n, cur, next, words, s[i]);
		tmp = cur;
		cur = next;
		next = tmp;
	}
	return ok && (cur[n / 64] & BIT(n));
}

bool abi_glob_has_literal(const struct abi_glob *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->e[i].type == ELEM_CHAR)
			return true;
	return false;
}

bool abi_glob_match(const struct abi_glob *g, const char *s, size_t len)
{
	size_t mid, n_mid;

	if (len < g->min_len || (!g->has_star && len != g->min_len))
		return false;
	if (!fixed_match(g->e, s, g->prefix) ||
	    !fixed_match(g->e + g->n - g->suffix, s + len - g->suffix, g->suffix))
		return false;
	mid = len - g->prefix - g->suffix;
	n_mid = g->n - g->prefix - g->suffix;
	/* `cpuX`, `<iface>`, `smpro-errmon.*`: the length check above did the rest */
	if (g->any_middle)
		return !memchr(s + g->prefix, '/', mid);
	return nfa_match(g->e + g->prefix, n_mid, s + g->prefix, mid);
}

static void describe_digits(struct abi_strbuf *sb, uint16_t digits)
{
	int lo = __builtin_ctz(digits), hi = 31 - __builtin_clz(digits);

	if (digits == digit_range(lo, hi)) {
		abi_strbuf_addf(sb, "[%d-%d]", lo, hi);
		return;
	}
	abi_strbuf_addc(sb, '[');
	for (int d = 0; d < 10; d++)
		if (digits >> d & 1)
			abi_strbuf_addc(sb, (char)('0' + d));
	abi_strbuf_addc(sb, ']');
}

/* Write the elements from e[i]; returns how many were shown. */
static size_t describe_elem(struct abi_strbuf *sb, const struct glob_elem *e, size_t n,
			    size_t i)
{
	const struct glob_elem *el = &e[i], *next = i + 1 < n ? &e[i + 1] : NULL;
	bool plus = !el->star && next && next->star && next->type == el->type &&
		    next->digits == el->digits;

	if (el->type == ELEM_CHAR) {
		abi_strbuf_addc(sb, el->c);
		return 1;
	}
	if (el->type == ELEM_ANY) {
		size_t k = 0, j;
		bool star;

		while (i + k < n && e[i + k].type == ELEM_ANY && !e[i + k].star)
			k++;
		star = i + k < n && e[i + k].type == ELEM_ANY;
		if (k == 0) {
			abi_strbuf_adds(sb, "<*>");
			return 1;
		}
		/* k unstarred then a star is k times one-or-more */
		for (j = 0; j < k; j++)
			abi_strbuf_adds(sb, star ? "<+>" : "<?>");
		return k + star;
	}
	if (plus && el->digits == ALL_DIGITS) {
		abi_strbuf_adds(sb, "<#>");
		return 2;
	}
	describe_digits(sb, el->digits);
	if (plus || el->star)
		abi_strbuf_addc(sb, plus ? '+' : '*');
	return plus ? 2 : 1;
}

int abi_glob_describe(const struct abi_glob *glob, struct abi_strbuf *sb)
{
	for (size_t i = 0; i < glob->n;)
		i += describe_elem(sb, glob->e, glob->n, i);
	return sb->err;
}

/* ---- in an image (image.c) ---- */

int abi_glob_encode(const struct abi_glob *glob, struct abi_strbuf *out)
{
	abi_image_put_u32(out, (uint32_t)glob->n);
	for (size_t i = 0; i < glob->n; i++) {
		const struct glob_elem *el = &glob->e[i];

		abi_image_put_u32(out, el->digits);
		abi_image_put_u8(out, el->type);
		abi_image_put_u8(out, el->star);
		abi_image_put_u8(out, (uint8_t)el->c);
	}
	return out->err;
}

/*
 * The elements are checked as abi_glob_compile() makes them: known types, digit sets
 * within 0-9, no '/' or NUL, not all of them plain bytes (that is a literal), and no
 * more than matching has room for. What follows from them is computed again.
 */
int abi_glob_decode(struct abi_image_in *in, struct abi_arena *arena,
		    struct abi_glob **out)
{
	size_t n = abi_image_count(in, 7, GLOB_MAX_ELEMS);
	bool plain = true;
	struct abi_glob *g;

	*out = NULL;
	if (in->bad || n == 0)
		return -EINVAL;
	g = abi_arena_alloc(arena, sizeof(*g) + n * sizeof(g->e[0]));
	if (!g)
		return -ENOMEM;
	g->n = n;
	for (size_t i = 0; i < n; i++) {
		uint32_t digits = abi_image_u32(in);
		uint8_t type = abi_image_u8(in), star = abi_image_u8(in);
		char c = (char)abi_image_u8(in);

		if (type > ELEM_DIGIT || star > 1 || digits > ALL_DIGITS ||
		    (type == ELEM_DIGIT) != (digits != 0) ||
		    (type == ELEM_CHAR && (c == '/' || c == '\0')) ||
		    (type != ELEM_CHAR && c))
			in->bad = true;
		g->e[i] = (struct glob_elem){
			.digits = (uint16_t)digits, .type = type, .star = star, .c = c
		};
		plain &= is_plain_char(&g->e[i]);
	}
	if (in->bad || plain) { /* @g is the arena's */
		in->bad = true;
		return -EINVAL;
	}
	glob_summarize(g);
	*out = g;
	return 0;
}

int abi_glob_first_byte(const struct abi_glob *glob)
{
	return glob->prefix ? (unsigned char)glob->e[0].c : -1;
}

int abi_glob_last_byte(const struct abi_glob *glob)
{
	return glob->suffix ? (unsigned char)glob->e[glob->n - 1].c : -1;
}
