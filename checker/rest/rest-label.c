// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A label for each entry and file of a tree, the same on every run, so that other pages
 * and other sites can link to an entry: made from what the entry is (level, file, first
 * What), never from a counter.
 */
#include <string.h>

#include "rest.h"
#include "report/slug.h"

/* Long Whats make long labels; past this many bytes the What's slug is cut. */
#define WHAT_SLUG_MAX 80

/* @path without its level directory: "stable/sysfs-block" is "sysfs-block" in stable. */
static const char *path_in_level(const char *path, enum abi_level level)
{
	const char *name = abi_level_name(level);
	size_t len = strlen(name);

	if (strncmp(path, name, len) == 0 && path[len] == '/')
		return path + len + 1;
	return path;
}

static char *entry_base(const struct abi_entry *e, const char *prefix)
{
	GString *s = g_string_new(prefix);
	size_t before;

	g_string_append_printf(s, "-%s-", abi_level_name(e->level));
	slug_append(s, path_in_level(e->file->path, e->file->level), 0);
	g_string_append_c(s, '-');
	before = s->len;
	if (e->n_whats)
		slug_append(s, e->whats[0].text, WHAT_SLUG_MAX);
	if (s->len == before)
		g_string_append(s, "entry");
	return g_string_free(s, FALSE);
}

static char *file_base(const struct abi_file *f, const char *prefix)
{
	GString *s = g_string_new(prefix);

	g_string_append(s, "-file-");
	slug_append(s, f->path, 0);
	return g_string_free(s, FALSE);
}

/*
 * @base itself when no label took it yet, else the first of base-2, base-3... that is
 * neither taken nor another one's base. @used owns the labels it holds.
 */
static char *take(GHashTable *used, GHashTable *bases, const char *base)
{
	char *label = g_strdup(base);
	unsigned int n = 1;

	while (g_hash_table_contains(used, label) ||
	       (n > 1 && g_hash_table_contains(bases, label))) {
		g_free(label);
		label = g_strdup_printf("%s-%u", base, ++n);
	}
	g_hash_table_add(used, label);
	return label;
}

/* Labels for @n things whose bases are in @base (NULL: none wanted), into @out. */
static void assign(char **base, size_t n, GHashTable *used, char **out)
{
	GHashTable *bases = g_hash_table_new(g_str_hash, g_str_equal);

	for (size_t i = 0; i < n; i++)
		if (base[i])
			g_hash_table_add(bases, base[i]);
	for (size_t i = 0; i < n; i++)
		out[i] = base[i] ? g_strdup(take(used, bases, base[i])) : NULL;
	g_hash_table_destroy(bases);
}

void rest_labels_init(struct rest_labels *labels, const struct abi_tree *tree,
		      const bool *shown, const char *prefix)
{
	GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char **base;

	*labels = (struct rest_labels){
		.entries = g_new0(char *, tree->n_entries + 1),
		.files = g_new0(char *, tree->n_files + 1),
		.n_entries = tree->n_entries,
		.n_files = tree->n_files,
	};
	/* files and entries cannot clash: "file" is no level's name */
	base = g_new0(char *, tree->n_files + 1);
	for (size_t i = 0; i < tree->n_files; i++)
		base[i] = file_base(tree->files[i], prefix);
	assign(base, tree->n_files, used, labels->files);
	g_strfreev(base);

	base = g_new0(char *, tree->n_entries + 1);
	for (size_t i = 0; i < tree->n_entries; i++)
		if (shown[i])
			base[i] = entry_base(tree->entries[i], prefix);
	assign(base, tree->n_entries, used, labels->entries);
	for (size_t i = 0; i < tree->n_entries; i++)
		g_free(base[i]);
	g_free(base);
	g_hash_table_destroy(used);
}

void rest_labels_release(struct rest_labels *labels)
{
	for (size_t i = 0; i < labels->n_entries; i++)
		g_free(labels->entries[i]);
	for (size_t i = 0; i < labels->n_files; i++)
		g_free(labels->files[i]);
	g_free(labels->entries);
	g_free(labels->files);
	*labels = (struct rest_labels){ 0 };
}
