// SPDX-License-Identifier: GPL-2.0-or-later
/* Documentation entries and What lines in the result model, as search and match show them. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entry-value.h"

struct value *what_value(const struct doc_source *src, const struct abi_what *w)
{
	struct value *v = value_object_new();
	char *file = doc_source_path(src, w->entry->file->path);
	char *pattern = w->pattern ? abi_pattern_describe(w->pattern) : NULL;

	value_set_str(v, "what", w->text);
	value_set_str(v, "path", w->path);
	value_set_str(v, "kind", abi_what_kind_name(w->kind));
	value_set_str(v, "pattern", pattern);
	value_set_str(v, "level", abi_level_name(w->entry->level));
	value_set_str(v, "file", file);
	value_set_int(v, "line", w->line);
	if (!file || (w->pattern && !pattern))
		value_set(v, "oom", NULL); /* marks v as failed */
	free(file);
	free(pattern);
	return v;
}

static void set_text(struct value *v, const char *key, const struct abi_text *t)
{
	value_set_str(v, key, t->str);
}

struct value *entry_ref_value(const struct doc_source *src, const struct abi_entry *e)
{
	struct value *v = value_object_new();
	struct value *whats = value_set(v, "whats", value_array_new());
	char *file = doc_source_path(src, e->file->path);

	for (size_t i = 0; i < e->n_whats; i++)
		value_append(whats, value_string_new(e->whats[i].text));
	value_set_str(v, "level", abi_level_name(e->level));
	value_set_str(v, "file", file);
	value_set_int(v, "line", e->line);
	if (!file)
		value_set(v, "oom", NULL);
	free(file);
	return v;
}

struct value *entry_value(const struct doc_source *src, const struct abi_entry *e)
{
	struct value *v = entry_ref_value(src, e);

	set_text(v, "date", &e->date);
	set_text(v, "kernel_version", &e->kernel_version);
	set_text(v, "contact", &e->contact);
	set_text(v, "users", &e->users);
	set_text(v, "description", &e->description);
	return v;
}

struct value *diag_value(const char *root, const struct abi_diag *d)
{
	struct value *v = value_object_new(), *related;
	char *file = path_join(root, d->loc.file);

	if (!file)
		value_set(v, "oom", NULL); /* marks v as failed */
	value_set_str(v, "file", file);
	free(file);
	value_set_int(v, "line", d->loc.line);
	value_set_str(v, "severity", abi_severity_name(d->severity));
	value_set_str(v, "kind", abi_diag_kind_name(d->kind));
	value_set_str(v, "message", d->message);
	related = value_set(v, "related", value_array_new());
	for (size_t i = 0; i < d->n_related; i++) {
		struct value *loc = value_append(related, value_object_new());

		file = path_join(root, d->related[i].file);
		if (!file)
			value_set(loc, "oom", NULL);
		value_set_str(loc, "file", file);
		free(file);
		value_set_int(loc, "line", d->related[i].line);
	}
	return v;
}

int diag_value_cmp(const struct value *a, const struct value *b)
{
	int r = strcmp(value_str(value_get(a, "file")) ?: "",
		       value_str(value_get(b, "file")) ?: "");
	long long la = value_int(value_get(a, "line")),
		  lb = value_int(value_get(b, "line"));

	return r ? r : la < lb ? -1 : la > lb;
}
