// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading kernel-parameters.txt: see kernel-params.h for the forms. The file is prose
 * for people, so a line that is not plainly an entry is passed over, never an error.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/file-read.h"
#include "kernel-params.h"

struct kernel_params {
	GHashTable *names; /* "module.param", dashes as underscores -> its line */
	bool too_many;     /* a name past KERNEL_PARAMS_MAX_NAMES was met */
};

/* The column an entry's name starts at: the file's first indent. */
#define ENTRY_COLUMN 8

static bool name_char(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '.';
}

/* "module.param" for @name (and @suffix, from "[2|3]"), as kept: dashes as underscores. */
static char *key_of(const char *name, size_t len, const char *suffix, size_t suffix_len)
{
	const char *dot = memchr(name, '.', len);
	char *key;

	/* a name without a module is the kernel's own: /sys/module/kernel/parameters */
	key = g_strdup_printf("%s%.*s%.*s", dot ? "" : "kernel.", (int)len, name,
			      (int)suffix_len, suffix);
	return g_strdelimit(key, "-", '_');
}

static void add(struct kernel_params *kp, const char *name, size_t len,
		const char *suffix, size_t suffix_len, unsigned int line)
{
	const char *dot = memchr(name, '.', len);
	char *key;

	/* "acpi." names no parameter; a '*' stands only for all of a module's: "sonypi.*" */
	if (dot && dot + 1 == name + len)
		return;
	if (memchr(name, '*', len) && (!dot || dot + 2 != name + len || suffix_len))
		return;
	key = key_of(name, len, suffix, suffix_len);
	if (!g_hash_table_contains(kp->names, key) &&
	    g_hash_table_size(kp->names) >= KERNEL_PARAMS_MAX_NAMES)
		kp->too_many = true;
	if (kp->too_many || g_hash_table_contains(kp->names, key)) {
		g_free(key);
		return;
	}
	g_hash_table_insert(kp->names, key, GUINT_TO_POINTER(line));
}

/*
 * "[2|3]" after a name: its other forms (db9.dev2, db9.dev3), each added. Returns false
 * when the brackets hold something else than names.
 */
static bool add_forms(struct kernel_params *kp, const char *name, size_t len,
		      const char *forms, size_t forms_len, unsigned int line)
{
	for (size_t i = 0; i < forms_len; i++)
		if (!name_char(forms[i]) && forms[i] != '|')
			return false;
	for (const char *p = forms, *end = forms + forms_len; p < end;) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t n = (size_t)((bar ? bar : end) - p);

		if (n)
			add(kp, name, len, p, n, line);
		p += n + 1;
	}
	return true;
}

/* One line of @n bytes (no newline): an entry, or nothing. */
static void parse_line(struct kernel_params *kp, const char *s, size_t n,
		       unsigned int line)
{
	const char *forms = NULL;
	size_t i = 0, col = 0, start, len, forms_len = 0;
	bool paren = false;

	for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	if (col != ENTRY_COLUMN)
		return;
	/* "(loop.max_loop)" under "max_loop=": the same entry, as a module parameter */
	if (i < n && s[i] == '(') {
		paren = true;
		i++;
	}
	start = i;
	while (i < n && name_char(s[i]))
		i++;
	/* "sonypi.*=": every parameter of the module */
	if (i < n && s[i] == '*' && i > start && s[i - 1] == '.')
		i++;
	len = i - start;
	if (!len || len > KERNEL_PARAMS_MAX_NAME ||
	    !(g_ascii_isalnum(s[start]) || s[start] == '_'))
		return;
	if (i < n && s[i] == '[') {
		const char *close = memchr(s + i, ']', n - i);

		if (!close)
			return;
		/* "dyndbg[=val]" is an optional value; "dev[2|3]", other forms */
		if (s[i + 1] != '=') {
			forms = s + i + 1;
			forms_len = (size_t)(close - forms);
		}
		i = (size_t)(close - s) + 1;
		if (!forms)
			i = n;
	}
	if (i < n && s[i] != '=' && s[i] != ' ' && s[i] != '\t' &&
	    !(paren && s[i] == ')'))
		return;
	if (forms && !add_forms(kp, s + start, len, forms, forms_len, line))
		return;
	add(kp, s + start, len, NULL, 0, line);
}

int kernel_params_parse(const char *text, size_t len, struct kernel_params **out)
{
	struct kernel_params *kp;
	unsigned int line = 0;

	*out = NULL;
	if (len > KERNEL_PARAMS_MAX_SIZE)
		return -EFBIG;
	kp = g_new0(struct kernel_params, 1);
	kp->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (const char *s = text, *end = text + len; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		while (n && s[n - 1] == '\r')
			n--;
		if (n <= KERNEL_PARAMS_MAX_LINE)
			parse_line(kp, s, n, line + 1);
		s = nl ? nl + 1 : end;
	}
	if (kp->too_many) {
		kernel_params_free(kp);
		return -E2BIG;
	}
	*out = kp;
	return 0;
}

int kernel_params_read(int dirfd, const char *rel, struct kernel_params **out)
{
	char *text;
	size_t len;
	int r;

	*out = NULL;
	r = file_read_beneath(dirfd, rel, 0, KERNEL_PARAMS_MAX_SIZE, &text, &len);
	if (r < 0)
		return r;
	r = kernel_params_parse(text, len, out);
	free(text);
	return r;
}

void kernel_params_free(struct kernel_params *kp)
{
	if (!kp)
		return;
	g_hash_table_destroy(kp->names);
	g_free(kp);
}

static unsigned int line_of(const struct kernel_params *kp, const char *module,
			    const char *param)
{
	char *key = g_strdelimit(g_strdup_printf("%s.%s", module, param), "-", '_');
	unsigned int line = GPOINTER_TO_UINT(g_hash_table_lookup(kp->names, key));

	g_free(key);
	return line;
}

unsigned int kernel_params_lookup(const struct kernel_params *kp, const char *module,
				  const char *param)
{
	unsigned int line;

	if (!kp || !*module || !*param)
		return 0;
	line = line_of(kp, module, param);
	return line ? line : line_of(kp, module, "*");
}

size_t kernel_params_count(const struct kernel_params *kp)
{
	return kp ? g_hash_table_size(kp->names) : 0;
}
