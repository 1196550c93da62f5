/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What libkmod knows of the running kernel's modules (/lib/modules/$(uname -r)): where
 * a module's file is and what modinfo says of it. The libkmod adapter: nothing else sees
 * libkmod. On a machine without installed modules every lookup is -ENOENT, never an
 * error.
 */
#ifndef SYSABI_KMOD_MODULE_H
#define SYSABI_KMOD_MODULE_H

#include <stdbool.h>

struct module_db;

/*
 * Bytes of a file libkmod is let read for modinfo: a module's file as stored (libkmod
 * unpacks it), modules.builtin.modinfo, an index. As a module for BTF (elf-unpack.h).
 */
#define MODULE_DB_MAX_FILE ((long long)1 << 30)
/* Parameters module_db_params() gives of one module, and the longest name it gives. */
#define MODULE_DB_MAX_PARAMS 4096
#define MODULE_DB_MAX_PARAM_NAME 255

/* Open libkmod's index of the running kernel. Returns 0 or -ENOMEM; free with
 * module_db_free() (which accepts NULL). */
int module_db_new(struct module_db **out);
/*
 * The same for the modules tree @dir, laid out as /lib/modules/VERSION with depmod's
 * indexes (modules.dep.bin, modules.builtin.bin); NULL: the running kernel's.
 */
int module_db_new_at(const char *dir, struct module_db **out);
void module_db_free(struct module_db *db);

/* The directory read, absolute; borrowed from @db. */
const char *module_db_dir(const struct module_db *db);

/*
 * Whether modinfo can be read: the directory is there and its indexes are regular files
 * of at most MODULE_DB_MAX_FILE bytes below it. Every file libkmod reads for
 * module_db_describe() and module_db_params() passes the same check first, so a modules
 * tree cannot make it read outside itself, block on a FIFO or read without end. False
 * for NULL.
 */
bool module_db_usable(const struct module_db *db);

/*
 * The file of module @name ("snd_hda_intel"; dashes are read as underscores) into
 * *@path, malloc'd, freed by the caller. Returns 0, -ENOENT when the module has no
 * installed file (built in, or nothing installed), or -ENOMEM.
 */
int module_db_path(struct module_db *db, const char *name, char **path);

/*
 * modinfo's description of module @name into *@description, malloc'd, freed by the
 * caller. Returns 0, -ENOENT when the module's files are not installed (or fail the
 * checks of module_db_usable()) or it has no description, or -ENOMEM.
 */
int module_db_describe(struct module_db *db, const char *name, char **description);

/*
 * Call @fn with the name of each parameter module @name describes (modinfo's `parm`, a
 * MODULE_PARM_DESC with text; a `parmtype` alone describes nothing), at most
 * MODULE_DB_MAX_PARAMS, none longer than MODULE_DB_MAX_PARAM_NAME. @param lives during
 * the call only. Returns 0, or as module_db_describe().
 */
int module_db_params(struct module_db *db, const char *name,
		     void (*fn)(void *data, const char *param), void *data);

/* module_db_describe() on a database of its own, for a single question. */
int module_describe(const char *name, char **description);

#endif
