// SPDX-License-Identifier: GPL-2.0-or-later
/* Opening the sysfs a command reads. See sysfs-source.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "cli.h"
#include "common/file-read.h"
#include "sysfs-source.h"
#include "report/value.h"
#include "sysfs/sysfs-identity.h"
#include "sysfs/sysfs-root.h"
#include "sysfs/sysfs-tree.h"

/* Whether @dir/sys is a directory that holds a sysfs: the hint for a machine's root. */
static bool sys_below(const char *dir)
{
	char *sys = g_build_filename(dir, "sys", NULL);
	struct sysfs_root *root = NULL;
	char *why = NULL;
	struct stat st;
	bool yes = stat(sys, &st) == 0 && S_ISDIR(st.st_mode) &&
		   sysfs_root_open(sys, &root, &why) == 0 && sysfs_root_is_sysfs(root);

	sysfs_root_free(root);
	free(why);
	g_free(sys);
	return yes;
}

int sysfs_source_open(const char *path, bool any_root, struct sysfs_root **out)
{
	const char *name = path ? path : "/sys";
	char *why = NULL;
	int err = sysfs_root_open(path, out, &why);

	if (err) {
		int r = why ? cli_error("%s: %s", name, why) :
			err == -EINVAL ?
			      cli_error(
				      "%s: not a directory, nor an archive sysabi reads "
				      "(tar, .tar.gz, .tar.xz, .tar.zst, .tar.bz2)",
				      name) :
			      cli_error("cannot read sysfs root '%s': %s", name,
					file_strerror(err));

		free(why);
		return r;
	}
	if (any_root || sysfs_root_is_sysfs(*out))
		return 0;
	sysfs_root_free(*out);
	*out = NULL;
	if (sys_below(name))
		return cli_error(
			"%s: not a sysfs (no devices/, bus/, class/ or module/); did you "
			"mean %s%ssys?",
			name, name, name[strlen(name) - 1] == '/' ? "" : "/");
	return cli_error("%s: not a sysfs (no devices/, bus/, class/ or module/); "
			 "--any-root reads it anyway",
			 name);
}

int sysfs_source_ignore(const struct command *cmd, const char *glob, GArray *rules)
{
	if (glob[0] != '/')
		return cli_usage_error(cmd,
				       "--ignore '%s': a rule is an absolute glob, as "
				       "/sys/module/*/parameters",
				       glob);
	g_array_append_val(rules, ((struct sysfs_ignore){ glob, NULL, 0 }));
	return 0;
}

void sysfs_identity_value(const struct sysfs_identity *id, const char *label,
			  struct value *v)
{
	value_set_str(v, "identity", id->source);
	value_set_str(v, "kernel_release", id->kernel_release);
	value_set_str(v, "hostname", id->hostname);
	value_set_str(v, "machine", id->machine);
	value_set_str(v, "date", id->date);
	value_set_str(v, "os", id->os);
	value_set_str(v, "label", label ? label : id->label);
}
