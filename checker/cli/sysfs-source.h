/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sysfs a command reads, opened as --sysfs-root names it: the live /sys, a recorded
 * directory or an archive (sysfs/sysfs-root.h), with the errors said the same way by
 * every command.
 */
#ifndef SYSABI_SYSFS_SOURCE_H
#define SYSABI_SYSFS_SOURCE_H

#include <stdbool.h>

#include <glib.h>

struct command;
struct sysfs_root;
struct sysfs_identity;
struct value;

/*
 * Open @path (NULL: /sys). A root that is no sysfs (sysfs_root_is_sysfs()) is refused
 * with a hint (its sys/ when that is one) unless @any_root. Returns 0 with *@out set,
 * or EXIT_TROUBLE after printing why ("PATH: MESSAGE").
 */
int sysfs_source_open(const char *path, bool any_root, struct sysfs_root **out);

/*
 * An --ignore rule of @cmd appended to @rules (a GArray of struct sysfs_ignore): an
 * absolute glob. Returns 0, or EXIT_TROUBLE after saying why it is none.
 */
int sysfs_source_ignore(const struct command *cmd, const char *glob, GArray *rules);

/*
 * Whose sysfs it is, into the report object @v: kernel_release, hostname, machine, date,
 * os (each null when unknown), label (@label, else the snapshot's) and identity (live,
 * sysabi-snapshot or recorded).
 */
void sysfs_identity_value(const struct sysfs_identity *id, const char *label,
			  struct value *v);

#endif
