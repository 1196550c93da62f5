// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading templates and their partials from disk. See template-set.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/beneath.h"
#include "data-dir.h"
#include "common/file-read.h"
#include "template-set.h"

struct template_set {
	char *dir, *ext; /* where partials are, and their extension (".html") */
	int dirfd;       /* @dir, open; or why it could not be opened */
	struct template *main;
	GHashTable *partials; /* name -> struct template *, NULL for a failed one */
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

/*
 * Compile the template @path: a main template (@rel NULL) as the user named it, a
 * partial as @rel below @dirfd, the directory of its main one. Only a regular file of
 * at most TEMPLATE_MAX_FILE_SIZE: a FIFO would block the read, /dev/zero never end it.
 */
static int load(const char *path, int dirfd, const char *rel, struct template **out,
		struct template_error *err)
{
	char *text = NULL;
	size_t len;
	int r;

	*out = NULL;
	if (!rel)
		r = file_read(path, TEMPLATE_MAX_FILE_SIZE, &text, &len);
	else if (dirfd < 0)
		r = dirfd; /* why the directory could not be opened */
	else
		r = file_read_beneath(dirfd, rel, 0, TEMPLATE_MAX_FILE_SIZE, &text, &len);
	if (r < 0) {
		snprintf(err->file, sizeof(err->file), "%s", path);
		err->line = 0;
		if (r == -EFBIG)
			snprintf(err->message, sizeof(err->message),
				 "larger than %d MiB, the most a template may be",
				 TEMPLATE_MAX_FILE_SIZE >> 20);
		else
			snprintf(err->message, sizeof(err->message),
				 "cannot read the template: %s", file_strerror(r));
		return r;
	}
	if (strlen(text) != len) {
		snprintf(err->file, sizeof(err->file), "%s", path);
		err->line = 0;
		snprintf(err->message, sizeof(err->message), "holds NUL bytes, not text");
		free(text);
		return -EINVAL;
	}
	r = template_parse(path, text, out, err);
	free(text);
	return r;
}

static void free_partial(gpointer p)
{
	template_free(p);
}

int template_set_open(const char *path, struct template_set **out,
		      struct template_error *err)
{
	struct template_set *set = g_new0(struct template_set, 1);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	int r;

	*out = NULL;
	r = load(path, -1, NULL, &set->main, err);
	if (r < 0) {
		g_free(set);
		return r;
	}
	set->dir = g_path_get_dirname(path);
	/* partials are read below it, never through a link out of it */
	set->dirfd = open(set->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (set->dirfd < 0)
		set->dirfd = -errno;
	set->ext = g_strdup(dot ? dot : "");
	set->partials =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_partial);
	*out = set;
	return 0;
}

void template_set_free(struct template_set *set)
{
	if (!set)
		return;
	template_free(set->main);
	g_hash_table_destroy(set->partials);
	if (set->dirfd >= 0)
		close(set->dirfd);
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
	int r;

	if (g_hash_table_lookup_extended(set->partials, name, NULL, (gpointer *)&t))
		return t;
	/* a partial is a plain name: never a path out of the template directory */
	if (strchr(name, '/') || strcmp(name, "..") == 0 || name[0] == '.')
		return NULL;
	file = strchr(name, '.') ? g_strdup(name) : g_strconcat(name, set->ext, NULL);
	path = g_build_filename(set->dir, file, NULL);
	/* a missing partial is reported where it is included; any other failure, a FIFO,
	   a link out of the directory, a compile error, names the partial's file */
	r = load(path, set->dirfd, file, &t, &err);
	if (r < 0 && r != -ENOENT && !set->failed) {
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
	int r = template_render_layers(set->main, layers, n_layers, escape, find_partial,
				       set, out, err);

	/* a partial that would not load says why, rather than that it is missing */
	if (r == -EINVAL && set->failed)
		*err = set->error;
	return r;
}
