// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where an annotation about an entry NEW lost can go. OLD's lines are not in the tree a
 * pull request checks out, so a CI annotation on them points at nothing a reader can
 * click: it goes to NEW's file of the same name, just below where the entry was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff-place.h"

struct diff_places {
	const struct abi_tree *new_tree;
	/* by OLD's abi_entry.index: the NEW entry it was paired with, or NULL */
	const struct abi_entry **paired;
};

int diff_places_new(const struct abi_diff *d, struct diff_places **out)
{
	struct diff_places *p = calloc(1, sizeof(*p));

	*out = NULL;
	if (!p)
		return -ENOMEM;
	p->new_tree = d->new_tree;
	p->paired = calloc(d->old_tree->n_entries ?: 1, sizeof(*p->paired));
	if (!p->paired) {
		free(p);
		return -ENOMEM;
	}
	for (size_t i = 0; i < d->n_pairs; i++) {
		const struct abi_entry *o = d->pairs[i].old_entry;

		/* an OLD entry paired twice keeps its first partner: NEW's order */
		if (o->index < d->old_tree->n_entries && !p->paired[o->index])
			p->paired[o->index] = d->pairs[i].new_entry;
	}
	*out = p;
	return 0;
}

void diff_places_free(struct diff_places *p)
{
	if (!p)
		return;
	free(p->paired);
	free(p);
}

static int by_path(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct abi_file *const *)elem)->path);
}

/* NEW's entry that @e of OLD became, when it stayed in NEW's file @f */
static const struct abi_entry *
kept_in(const struct diff_places *p, const struct abi_entry *e, const struct abi_file *f)
{
	const struct abi_entry *n = p->paired[e->index];

	return n && n->file == f ? n : NULL;
}

int diff_places_gone(const struct diff_places *p, const struct abi_entry *o,
		     const char **file, unsigned int *line)
{
	const struct abi_file *of = o->file, *nf;
	const struct abi_file *const *found;
	size_t at = 0;

	found = bsearch(of->path, p->new_tree->files, p->new_tree->n_files,
			sizeof(*p->new_tree->files), by_path);
	if (!found)
		return -ENOENT;
	nf = *found;
	*file = nf->path;
	*line = 0;
	while (at < of->n_entries && of->entries[at] != o)
		at++;
	/* the first entry after it that NEW kept there: the lines removed sat above */
	for (size_t k = at + 1; k < of->n_entries; k++) {
		const struct abi_entry *n = kept_in(p, of->entries[k], nf);

		if (n) {
			*line = n->line;
			return 0;
		}
	}
	/* else the last one before it */
	for (size_t k = at; k-- > 0;) {
		const struct abi_entry *n = kept_in(p, of->entries[k], nf);

		if (n) {
			*line = n->line;
			return 0;
		}
	}
	return 0; /* line 0: the file as a whole */
}
