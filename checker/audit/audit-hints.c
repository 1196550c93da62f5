// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hints for an undocumented file, as get_abi.pl's --show-hints gives them: the Whats
 * nearest to it and why they do not document it. Two kinds are near: a What of the
 * same file name in another directory (the entry may name the directory otherwise,
 * or document another device's), and the What of a file beside it (its directory is
 * documented, this name is not). The first three of each are kept.
 */
#include <string.h>

#include <glib.h>

#include "audit-report.h"

#define HINTS_MAX 3

/* Whether the last component of @w's path is literal: a name to look up. */
static const char *literal_name(const struct abi_what *w)
{
	const char *slash = strrchr(w->path, '/');
	const char *name = slash ? slash + 1 : w->path;

	return *name && !strpbrk(name, "<>*?[]{}|") ? name : NULL;
}

GHashTable *audit_hints_index(const struct abi_tree *abi)
{
	GHashTable *by_name = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						    (GDestroyNotify)g_ptr_array_unref);

	for (size_t i = 0; i < abi->n_entries; i++) {
		const struct abi_entry *e = abi->entries[i];

		for (size_t k = 0; k < e->n_whats; k++) {
			const struct abi_what *w = &e->whats[k];
			const char *name = w->kind == ABI_WHAT_SYSFS ? literal_name(w) :
								       NULL;
			GPtrArray *list;

			if (!name)
				continue;
			list = g_hash_table_lookup(by_name, name);
			if (!list) {
				list = g_ptr_array_new();
				g_hash_table_insert(by_name, (gpointer)name, list);
			}
			g_ptr_array_add(list, (gpointer)w);
		}
	}
	return by_name;
}

static void hint(struct value *list, const struct abi_what *w, const char *why)
{
	struct value *v = value_append(list, value_object_new());

	value_set_str(v, "what", w->text);
	value_set_str(v, "file", w->entry->file->path);
	value_set_int(v, "line", w->line);
	value_set_str(v, "why", why);
}

struct value *audit_hints(const struct audit *a, GHashTable *by_name,
			  const struct snode *n)
{
	struct value *list = value_array_new();
	const struct snode *dir = n->parent;
	GPtrArray *same = g_hash_table_lookup(by_name, n->name);
	const struct abi_what *seen[HINTS_MAX] = { NULL };
	size_t shown = 0;

	for (guint i = 0; same && i < same->len && i < HINTS_MAX; i++)
		hint(list, same->pdata[i],
		     "the same name, in another directory: its path does not reach this "
		     "one");
	/* the Whats of files beside it: the directory is documented, the name is not */
	for (uint32_t i = 0; dir && i < dir->n_kids && shown < HINTS_MAX; i++) {
		const struct snode *k = dir->kids[i];
		const struct abi_what *w =
			k != n && k->type == SNODE_FILE ? a->nodes[k->id].match : NULL;
		bool dup = false;

		for (size_t s = 0; w && s < shown; s++)
			dup |= seen[s] == w;
		if (!w || dup)
			continue;
		seen[shown++] = w;
		hint(list, w,
		     "documents a file beside it: the directory is documented, this "
		     "name is not");
	}
	return list;
}
