/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What libkmod knows of the running kernel's modules (/lib/modules/$(uname -r)): where
 * a module's file is and what modinfo says of it. The libkmod adapter: nothing else sees
 * libkmod. On a machine without installed modules every lookup is -ENOENT, never an
 * error.
 */
#ifndef SYSABI_KMOD_MODULE_H
#define SYSABI_KMOD_MODULE_H

struct module_db;

/* Open libkmod's index of the running kernel. Returns 0 or -ENOMEM; free with
 * module_db_free() (which accepts NULL). */
int module_db_new(struct module_db **out);
void module_db_free(struct module_db *db);

/*
 * The file of module @name ("snd_hda_intel"; dashes are read as underscores) into
 * *@path, malloc'd, freed by the caller. Returns 0, -ENOENT when the module has no
 * installed file (built in, or nothing installed), or -ENOMEM.
 */
int module_db_path(struct module_db *db, const char *name, char **path);

/*
 * modinfo's description of module @name into *@description, malloc'd, freed by the
 * caller. Returns 0, -ENOENT when the module's files are not installed or it has no
 * description, or -ENOMEM.
 */
int module_db_describe(struct module_db *db, const char *name, char **description);

/* module_db_describe() on a database of its own, for a single question. */
int module_describe(const char *name, char **description);

#endif
