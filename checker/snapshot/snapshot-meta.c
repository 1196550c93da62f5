// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A snapshot's metadata, sysabi-snapshot.json: who recorded what, where and when. The
 * running system's uname and /etc/os-release only when the sysfs is the live one; the
 * DMI names and the loaded modules' versions from the sysfs itself. See snapshot.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <json-c/json.h>

#include "common/file-read.h"
#include "snapshot.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

/* The most read of one DMI name, module version or /etc/os-release. */
#define META_MAX_VALUE 256
#define META_MAX_OS_RELEASE 65536

static void add_str(struct json_object *o, const char *key, const char *val)
{
	if (val)
		json_object_object_add(o, key, json_object_new_string(val));
}

/* The first line of the file at @path of the sysfs, or NULL. */
static char *read_line(const struct sysfs_root *root, const char *path)
{
	char *buf;
	size_t len;

	if (sysfs_root_read(root, path, META_MAX_VALUE, &buf, &len) < 0)
		return NULL;
	buf[strcspn(buf, "\n")] = '\0';
	if (!*buf || !g_utf8_validate(buf, -1, NULL)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* /etc/os-release's KEY=VALUE lines, quotes taken off. */
static struct json_object *os_release(void)
{
	struct json_object *o;
	char *buf, **lines;
	size_t len;

	if (file_read("/etc/os-release", META_MAX_OS_RELEASE, &buf, &len) < 0)
		return NULL;
	o = json_object_new_object();
	lines = g_strsplit(buf, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *eq = strchr(*l, '='), *val;

		if (!eq || **l == '#' || eq == *l)
			continue;
		*eq = '\0';
		val = g_shell_unquote(eq + 1, NULL);
		if (val && g_utf8_validate(val, -1, NULL) &&
		    g_utf8_validate(*l, -1, NULL))
			add_str(o, *l, val);
		g_free(val);
	}
	g_strfreev(lines);
	free(buf);
	return o;
}

static struct json_object *modules(const struct sysfs_root *root)
{
	struct json_object *list = json_object_new_array();
	GPtrArray *names = sysfs_root_list(root, "/sys/module", true);

	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *path = g_strdup_printf("/sys/module/%s/initstate", name);
		char *state = read_line(root, path), *version;
		struct json_object *m;

		g_free(path);
		if (!state) /* built in, or not loaded */
			continue;
		m = json_object_new_object();
		add_str(m, "name", name);
		add_str(m, "state", state);
		path = g_strdup_printf("/sys/module/%s/version", name);
		version = read_line(root, path);
		add_str(m, "version", version);
		g_free(path);
		free(version);
		path = g_strdup_printf("/sys/module/%s/srcversion", name);
		version = read_line(root, path);
		add_str(m, "srcversion", version);
		g_free(path);
		free(version);
		free(state);
		json_object_array_add(list, m);
	}
	g_ptr_array_free(names, TRUE);
	return list;
}

char *snapshot_meta_json(const struct sysfs_root *root, const struct sysfs_tree *tree,
			 const struct snapshot_options *opt,
			 const struct snapshot_counts *c)
{
	struct json_object *o = json_object_new_object(), *k, *d, *n;
	char host[256] = "", date[32];
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;
	char *s;

	(void)c;
	add_str(o, "format", "sysabi-snapshot");
	json_object_object_add(o, "format_version", json_object_new_int(1));
	add_str(o, "sysabi_version", SYSABI_VERSION);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	add_str(o, "date", date);
	if (opt->hostname)
		add_str(o, "hostname", *opt->hostname ? opt->hostname : NULL);
	else if (gethostname(host, sizeof(host) - 1) == 0 &&
		 g_utf8_validate(host, -1, NULL))
		add_str(o, "hostname", host);
	add_str(o, "label", opt->label);
	json_object_object_add(o, "live", json_object_new_boolean(root->live));
	if (opt->kernel_release) {
		/* a tree recorded elsewhere: its kernel as the user knows it, no more */
		k = json_object_new_object();
		add_str(k, "sysname", "Linux");
		add_str(k, "release", opt->kernel_release);
		json_object_object_add(o, "kernel", k);
	} else if (root->live && uname(&u) == 0) {
		k = json_object_new_object();
		add_str(k, "sysname", u.sysname);
		add_str(k, "release", u.release);
		add_str(k, "version", u.version);
		add_str(k, "machine", u.machine);
		json_object_object_add(o, "kernel", k);
	}
	if (root->live && !opt->kernel_release) {
		k = os_release();
		if (k)
			json_object_object_add(o, "os_release", k);
	}
	d = json_object_new_object();
	static const char *const dmi[] = { "sys_vendor",      "product_name",
					   "product_version", "board_vendor",
					   "board_name",      "bios_version" };
	for (size_t i = 0; i < G_N_ELEMENTS(dmi); i++) {
		char *path = g_strdup_printf("/sys/class/dmi/id/%s", dmi[i]);

		s = read_line(root, path);
		add_str(d, dmi[i], s);
		free(s);
		g_free(path);
	}
	json_object_object_add(o, "dmi", d);
	json_object_object_add(o, "modules", modules(root));
	n = json_object_new_object();
	json_object_object_add(n, "directories",
			       json_object_new_int64((int64_t)tree->n_dirs));
	json_object_object_add(n, "files", json_object_new_int64((int64_t)tree->n_files));
	json_object_object_add(n, "links", json_object_new_int64((int64_t)tree->n_links));
	json_object_object_add(o, "nodes", n);
	s = strdup(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}
