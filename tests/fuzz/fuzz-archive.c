// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Archives of a recorded sysfs, as `--sysfs-root FILE` reads them: the input is the
 * archive (tar, plain or compressed), read by sysfs_archive_read(), then through the
 * root handle as `sysabi btf` reads it: sysfs_root_is_sysfs(), the listings of
 * /sys/kernel/btf and /sys/module, and the files read from them, every link resolved
 * inside the archive.
 *
 * What must hold: a refusal is -EINVAL (no archive) or comes with one line that says
 * why, no control character in it; a tree read holds each directory's members sorted
 * and found again by sysfs_archive_lookup(); kept contents end with a NUL and are
 * within the caps.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "sysfs/sysfs-archive.h"
#include "sysfs/sysfs-root.h"

__attribute__((noreturn)) static void broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-archive: %s: %s\n", what, detail);
	abort();
}

/* A refusal says why on one line of plain text, unless the file is no archive. */
static void check_refusal(int err, const char *why)
{
	if (!why) {
		if (err != -EINVAL && err != -ENOMEM)
			broken("refused without a reason", strerror(-err));
		return;
	}
	for (const char *c = why; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			broken("a control character in the reason", why);
}

/*
 * Each member of @dir, at @path below the sysfs, found again by that path: when
 * @findable, no component on the way is longer than NAME_MAX, which no lookup takes.
 */
static void check_tree(const struct sysfs_archive *ar, const struct amember *dir,
		       GString *path, bool findable)
{
	size_t len = path->len;

	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct amember *m = dir->kids[i];
		bool here;

		if (i && strcmp(dir->kids[i - 1]->name, m->name) >= 0)
			broken("members not sorted, or twice", m->name);
		if (m->up != dir)
			broken("a member's directory is not the one holding it", m->name);
		if (m->has_data && (m->data[m->size] != '\0' ||
				    m->size > (size_t)SYSFS_ARCHIVE_MAX_DATA_MIB << 20))
			broken("contents past their size or the cap", m->name);
		if (len)
			g_string_append_c(path, '/');
		g_string_append(path, m->name);
		here = findable && strlen(m->name) <= NAME_MAX;
		if (here && sysfs_archive_lookup(ar, path->str) != m)
			broken("a member not found by its path", path->str);
		check_tree(ar, m, path, here);
		g_string_truncate(path, len);
	}
}

/* What `sysabi btf` reads of the sysfs: the BTF files and the modules' states. */
static void read_as_btf(const struct sysfs_root *root)
{
	GPtrArray *files = sysfs_root_list(root, "/sys/kernel/btf", false);
	GPtrArray *mods = sysfs_root_list(root, "/sys/module", true);
	char *path, *buf;
	size_t len;

	sysfs_root_is_sysfs(root);
	sysfs_root_dir_state(root, "/sys/kernel/btf");
	for (guint i = 0; i < files->len; i++) {
		path = g_strdup_printf("/sys/kernel/btf/%s", (char *)files->pdata[i]);
		if (!sysfs_root_read_mode(root, path, SYSFS_MAX_BTF, &buf, &len, NULL))
			free(buf);
		g_free(path);
	}
	for (guint i = 0; i < mods->len; i++) {
		const char *name = mods->pdata[i];

		path = g_strdup_printf("/sys/module/%s/initstate", name);
		if (!sysfs_root_read(root, path, SYSFS_MAX_STATE, &buf, &len))
			free(buf);
		g_free(path);
	}
	g_ptr_array_free(files, TRUE);
	g_ptr_array_free(mods, TRUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *file = fuzz_file(data, size);
	struct sysfs_archive *ar;
	struct sysfs_root root;
	GString *path;
	char *why;
	int err = sysfs_archive_read(file, 0, &ar, &why);

	if (err) {
		check_refusal(err, why);
		free(why);
		return 0;
	}
	if (ar->root->type != AMEMBER_DIR)
		broken("the sysfs is no directory", ar->root->name);
	path = g_string_new(NULL);
	check_tree(ar, ar->root, path, true);
	g_string_free(path, TRUE);
	/* the handle sysfs_root_open() makes of an archive */
	root = (struct sysfs_root){ .fd = -1, .path = (char *)file, .archive = ar };
	read_as_btf(&root);
	sysfs_archive_free(ar);
	return 0;
}
