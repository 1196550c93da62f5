// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Module BTF: every /sys/kernel/btf/<name> but vmlinux is the split BTF of a loaded
 * module, on top of vmlinux's. Loaded modules are read from
 * <root>/module/<name>/initstate (only loadable modules have one), never from
 * /proc/modules, so that a recorded tree is judged by what it recorded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>

#include "btf-internal.h"
#include "common/file-read.h"

/*
 * A module's initstate ("live", "coming", "going"), malloc'd; NULL when it has none.
 * One that cannot be read (a link out of a recorded root, a device node, a file larger
 * than any state) is a finding, and is not taken as loaded. An empty one is "": the
 * module is loaded, its state unknown.
 */
static char *read_state(struct sysbtf_report *r, const char *name)
{
	char *path = g_strdup_printf("/sys/module/%s/initstate", name), *buf;
	size_t len;
	int err = sysfs_root_read(r->root, path, SYSFS_MAX_STATE, &buf, &len);

	if (err == -ENOMEM)
		r->failed = true;
	else if (err < 0 && err != -ENOENT)
		sysbtf_add(r, "btf-module-state-unreadable", SYSBTF_WARNING, path,
			   "cannot read "
			   "it: %s; the module's state is unknown",
			   err == -EFBIG ? "longer than any state" : file_strerror(err));
	g_free(path);
	if (err < 0)
		return NULL;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	return buf;
}

static int cmp_modules(const void *a, const void *b)
{
	return strcmp(((const struct sysbtf_module *)a)->name,
		      ((const struct sysbtf_module *)b)->name);
}

static struct sysbtf_module *add_module(struct sysbtf_report *r, const char *name)
{
	struct sysbtf_module *m = &r->modules[r->n_modules];

	*m = (struct sysbtf_module){ .name = strdup(name) };
	if (!m->name)
		r->failed = true;
	else
		r->n_modules++;
	return m->name ? m : NULL;
}

/* Every module BTF file, and every loaded module, into r->modules by name. */
static void collect(struct sysbtf_report *r, GPtrArray *files, GPtrArray *mods)
{
	struct sysbtf_module *m;
	size_t n_files;

	r->modules = calloc(files->len + mods->len + 1, sizeof(*r->modules));
	if (!r->modules) {
		r->failed = true;
		return;
	}
	for (guint i = 0; i < files->len; i++) {
		if (strcmp(files->pdata[i], "vmlinux") == 0)
			continue;
		m = add_module(r, files->pdata[i]);
		if (!m)
			continue;
		if (asprintf(&m->btf.path, "/sys/kernel/btf/%s", m->name) < 0) {
			m->btf.path = NULL;
			r->failed = true;
		}
	}
	/* the files come sorted: search them, add the other modules after them */
	n_files = r->n_modules;
	for (guint i = 0; i < mods->len; i++) {
		char *state = read_state(r, mods->pdata[i]);
		struct sysbtf_module key = { .name = mods->pdata[i] };

		if (!state)
			continue; /* built in: no initstate */
		m = bsearch(&key, r->modules, n_files, sizeof(*m), cmp_modules);
		if (!m)
			m = add_module(r, mods->pdata[i]);
		if (m)
			m->state = state;
		else
			free(state);
	}
	qsort(r->modules, r->n_modules, sizeof(*r->modules), cmp_modules);
}

static void compare_file(struct sysbtf_report *r, const struct module_context *mc,
			 struct sysbtf_module *m, const void *data, size_t size)
{
	char *path;
	int err = sysbtf_module_files_find(mc->files, m->name, &path);

	if (err == -ENOENT && mc->modules_dir)
		sysbtf_add(
			r, "btf-module-file-missing", SYSBTF_WARNING, m->btf.path,
			"no file "
			"for module '%s' below '%s' (%s.ko, .ko.xz, .ko.gz or .ko.zst)",
			m->name, mc->modules_dir, m->name);
	if (err == -ENOMEM)
		r->failed = true;
	if (err < 0)
		return;
	sysbtf_image_compare(r, &m->btf, data, size, path, "btf-module-differs");
	free(path);
}

/* Standalone BTF where split BTF belongs: strings from NUL, references only inward. */
static bool standalone(const struct sysbtf_blob *b, const struct layout *l)
{
	static const struct base_limits none;
	struct type_refs alone;

	if (!l->hdr.str_len || l->strs[0])
		return false;
	sysbtf_types_refs(l, b->types, &none, &alone);
	return !alone.bad_types && !alone.bad_names;
}

static void check_file(struct sysbtf_report *r, const struct module_context *mc,
		       struct sysbtf_module *m)
{
	struct sysbtf_blob *b = &m->btf;
	size_t errors = r->counts[SYSBTF_ERROR];
	struct layout l;
	struct sysfs_blob blob;
	const void *data;
	size_t size;

	if (sysbtf_blob_read(r, b, &blob) < 0)
		return;
	data = blob.data;
	size = blob.len;
	if (!mc->base)
		sysbtf_add(r, "btf-module-base-missing", SYSBTF_ERROR, b->path,
			   "split BTF "
			   "stands on vmlinux's, and /sys/kernel/btf/vmlinux is %s",
			   mc->no_base_why);
	if (sysbtf_blob_check(r, b, data, size, true, mc->base ? &mc->limits : NULL,
			      &l)) {
		if (standalone(b, &l))
			sysbtf_add(
				r, "btf-module-not-split", SYSBTF_ERROR, b->path,
				"standalone "
				"BTF: its strings start with NUL and its %u types refer only to "
				"each other, where split BTF continues vmlinux's ids and strings",
				b->types);
		else if (mc->base)
			sysbtf_blob_parse(r, b, data, size, mc->base, NULL);
	}
	b->valid = r->counts[SYSBTF_ERROR] == errors;
	if (mc->files)
		compare_file(r, mc, m, data, size);
	sysfs_blob_release(&blob);
}

/* The file against the module's state. */
static void relate(struct sysbtf_report *r, const struct sysbtf_module *m, size_t n_files)
{
	char *path = g_strdup_printf("/sys/kernel/btf/%s", m->name);

	if (m->btf.present && !m->state)
		sysbtf_add(
			r, "btf-module-orphan", SYSBTF_ERROR, m->btf.path,
			"no loaded module "
			"'%s' (/sys/module/%s/initstate): the kernel removes a module's BTF "
			"when it unloads it",
			m->name, m->name);
	else if (m->state && !*m->state && (m->btf.present || n_files))
		/* whether it may have BTF, or should, cannot be told */
		sysbtf_add(
			r, "btf-module-state-unknown", SYSBTF_INFO, path,
			"module '%s': state unknown (/sys/module/%s/initstate is empty)",
			m->name, m->name);
	else if (m->btf.present && strcmp(m->state, "live") != 0)
		sysbtf_add(r, "btf-module-not-live", SYSBTF_INFO, m->btf.path,
			   "module '%s' is "
			   "%s, not live",
			   m->name, m->state);
	if (!m->btf.present && m->state && strcmp(m->state, "live") == 0 && n_files)
		sysbtf_add(
			r, "btf-module-missing", SYSBTF_WARNING, path,
			"module '%s' is live and "
			"has no BTF file, while /sys/kernel/btf has %zu for other modules",
			m->name, n_files);
	g_free(path);
}

void sysbtf_modules_check(struct sysbtf_report *r, const struct module_context *mc)
{
	GPtrArray *files = sysfs_root_list(r->root, "/sys/kernel/btf", false);
	GPtrArray *mods = sysfs_root_list(r->root, "/sys/module", true);
	size_t n_files = 0;

	collect(r, files, mods);
	g_ptr_array_free(files, TRUE);
	g_ptr_array_free(mods, TRUE);
	for (size_t i = 0; i < r->n_modules; i++)
		n_files += r->modules[i].btf.path != NULL;
	for (size_t i = 0; i < r->n_modules; i++) {
		if (r->modules[i].btf.path)
			check_file(r, mc, &r->modules[i]);
		relate(r, &r->modules[i], n_files);
	}
}
