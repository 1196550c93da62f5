// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading templates and their partials from disk. See template-set.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "data-dir.h"
#include "template-set.h"

#define MAX_TEMPLATE_SIZE (4 << 20)

struct template_set {
	char *dir, *ext;             /* where partials are, and their extension (".html") */
	struct template *main;
	GHashTable *partials;        /* name -> struct template *, NULL for a failed one */
	struct template_error error; /* the first partial that failed to load */
	bool failed;
};

const char *template_dir(void)
{
	const char *env = getenv("SYSABI_TEMPLATE_DIR");
	const char *installed = data_dir_find("report-templates");

	if (env && *env)
		return env;
	return installed ? installed : SYSABI_SOURCE_TEMPLATE_DIR;
}

static int load(const char *path, struct template **out, struct template_error *err)
{
	gchar *text = NULL;
	gsize len;
	GError *gerr = NULL;
	int r;

	*out = NULL;
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		r = gerr->domain == G_FILE_ERROR && gerr->code == G_FILE_ERROR_NOENT ? -ENOENT :
										       -EIO;
		snprintf(err->file, sizeof(err->file), "%s", path);
		err->line = 0;
		snprintf(err->message, sizeof(err->message), "cannot read the template: %s",
			 gerr->message);
		g_error_free(gerr);
		return r;
	}
	if (len > MAX_TEMPLATE_SIZE || strlen(text) != len) {
		snprintf(err->file, sizeof(err->file), "%s", path);
		err->line = 0;
		snprintf(err->message, sizeof(err->message), "%s",
			 len > MAX_TEMPLATE_SIZE ? "larger than 4 MiB" : "holds NUL bytes, not text");
		g_free(text);
		return -EINVAL;
	}
	r = template_parse(path, text, out, err);
	g_free(text);
	return r;
}

static void free_partial(gpointer p)
{
	template_free(p);
}

int template_set_open(const char *path, struct template_set **out, struct template_error *err)
{
	struct template_set *set = g_new0(struct template_set, 1);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	int r;

	*out = NULL;
	r = load(path, &set->main, err);
	if (r < 0) {
		g_free(set);
		return r;
	}
	set->dir = g_path_get_dirname(path);
	set->ext = g_strdup(dot ? dot : "");
	set->partials = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_partial);
	*out = set;
	return 0;
}

void template_set_free(struct template_set *set)
{
	if (!set)
		return;
	template_free(set->main);
	g_hash_table_destroy(set->partials);
	g_free(set->dir);
	g_free(set->ext);
	g_free(set);
}

static const struct template *find_partial(void *data, const char *name)
{
	struct template_set *set = data;
	struct template *t;
	struct template_error err;
	char *file, *path;

	if (g_hash_table_lookup_extended(set->partials, name, NULL, (gpointer *)&t))
		return t;
	/* a partial is a plain name: never a path out of the template directory */
	if (strchr(name, '/') || strcmp(name, "..") == 0 || name[0] == '.')
		return NULL;
	file = strchr(name, '.') ? g_strdup(name) : g_strconcat(name, set->ext, NULL);
	path = g_build_filename(set->dir, file, NULL);
	if (load(path, &t, &err) < 0 && !set->failed && err.line) {
		set->error = err;
		set->failed = true;
	}
	g_hash_table_insert(set->partials, g_strdup(name), t);
	g_free(path);
	g_free(file);
	return t;
}

int template_set_render(struct template_set *set, const struct value *const *layers,
			size_t n_layers, enum template_escape escape, FILE *out,
			struct template_error *err)
{
	int r = template_render_layers(set->main, layers, n_layers, escape, find_partial, set,
				       out, err);

	/* a partial that would not compile says where, rather than that it is missing */
	if (r == -EINVAL && set->failed)
		*err = set->error;
	return r;
}
