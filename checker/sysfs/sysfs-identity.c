// SPDX-License-Identifier: GPL-2.0-or-later
/* Whose sysfs this is. See sysfs-identity.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <json-c/json.h>

#include "common/file-read.h"
#include "sysfs-archive.h"
#include "sysfs-identity.h"
#include "sysfs-root.h"

/* The string at @key of @o (a path of keys split by '.'), copied, or NULL. */
static char *meta_str(struct json_object *o, const char *key)
{
	char **keys = g_strsplit(key, ".", -1);
	const char *s;

	for (char **k = keys; o && *k; k++)
		if (!json_object_object_get_ex(o, *k, &o))
			o = NULL;
	g_strfreev(keys);
	s = o && json_object_is_type(o, json_type_string) ? json_object_get_string(o) :
							    NULL;
	/* one line of text: a hostile snapshot's newline would forge report lines */
	return s && g_utf8_validate(s, -1, NULL) && !s[strcspn(s, "\n\r")] ? g_strdup(s) :
									     NULL;
}

static int from_meta(const char *meta, struct sysfs_identity *id)
{
	struct json_tokener *tok = json_tokener_new_ex(16);
	struct json_object *o;

	if (!tok)
		return -ENOMEM;
	o = json_tokener_parse_ex(tok, meta, (int)strnlen(meta, SYSFS_ARCHIVE_MAX_META));
	json_tokener_free(tok);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return 0; /* a metadata member that is no object says nothing */
	}
	id->kernel_release = meta_str(o, "kernel.release");
	id->machine = meta_str(o, "kernel.machine");
	id->hostname = meta_str(o, "hostname");
	id->date = meta_str(o, "date");
	id->os = meta_str(o, "os_release.PRETTY_NAME");
	id->label = meta_str(o, "label");
	json_object_put(o);
	return 0;
}

/* /etc/os-release's PRETTY_NAME, or NULL. */
static char *os_name(void)
{
	char *buf, *line, *name = NULL;
	size_t len;

	if (file_read("/etc/os-release", 65536, &buf, &len) < 0)
		return NULL;
	for (line = buf; line && !name;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, "PRETTY_NAME=", 12) == 0) {
			char *val = g_strndup(line + 12, strcspn(line + 12, "\n"));

			name = g_shell_unquote(val, NULL);
			g_free(val);
			if (name && !g_utf8_validate(name, -1, NULL)) {
				g_free(name);
				name = NULL;
			}
		}
	}
	free(buf);
	return name;
}

int sysfs_identity_read(const struct sysfs_root *root, struct sysfs_identity *id)
{
	char host[256] = "", date[32];
	struct utsname u;
	time_t now;
	struct tm tm;

	memset(id, 0, sizeof(*id));
	if (root->archive) {
		id->source = root->archive->meta ? "sysabi-snapshot" : "recorded";
		return root->archive->meta ? from_meta(root->archive->meta, id) : 0;
	}
	id->source = root->live ? "live" : "recorded";
	if (!root->live)
		return 0;
	if (uname(&u) == 0) {
		id->kernel_release = g_strdup(u.release);
		id->machine = g_strdup(u.machine);
	}
	if (gethostname(host, sizeof(host) - 1) == 0 && g_utf8_validate(host, -1, NULL))
		id->hostname = g_strdup(host);
	now = time(NULL);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	id->date = g_strdup(date);
	id->os = os_name();
	return 0;
}

void sysfs_identity_release(struct sysfs_identity *id)
{
	g_free(id->kernel_release);
	g_free(id->hostname);
	g_free(id->machine);
	g_free(id->date);
	g_free(id->os);
	g_free(id->label);
	memset(id, 0, sizeof(*id));
}
