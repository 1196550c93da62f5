/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sysfs a command reads, opened as --sysfs-root names it: the live /sys, a recorded
 * directory or an archive (sysfs/sysfs-root.h), with the errors said the same way by
 * every command.
 */
#ifndef SYSABI_SYSFS_SOURCE_H
#define SYSABI_SYSFS_SOURCE_H

#include <stdbool.h>

struct sysfs_root;

/*
 * Open @path (NULL: /sys). A root that holds no devices/, bus/, class/ or module/ is refused with
 * a hint (its sys/ when that is one) unless @any_root. Returns 0 with *@out set, or
 * EXIT_TROUBLE after printing why ("PATH: MESSAGE").
 */
int sysfs_source_open(const char *path, bool any_root, struct sysfs_root **out);

#endif
