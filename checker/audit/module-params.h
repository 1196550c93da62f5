/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Module parameters documented outside Documentation/ABI: by kernel-parameters.txt
 * (kernel-params.h), or by the module itself, a MODULE_PARM_DESC that modinfo shows
 * (read through libkmod, ext/kmod-module.h). The audit asks about each
 * /sys/module/MODULE/parameters/PARAM that no What matches.
 */
#ifndef SYSABI_MODULE_PARAMS_H
#define SYSABI_MODULE_PARAMS_H

#include <stddef.h>

struct kernel_params;
struct module_db;

/* Where a module parameter is documented. */
enum module_param_source {
	MODULE_PARAM_NOWHERE,
	MODULE_PARAM_KERNEL_PARAMETERS, /* kernel-parameters.txt */
	MODULE_PARAM_MODINFO,           /* the module's modinfo */
	MODULE_PARAM_SOURCE_COUNT,
};

/* Modules whose modinfo one audit reads, at most: a sysfs has a few hundred. */
#define MODULE_PARAMS_MAX_MODULES 4096

struct module_params;

/*
 * The sources: @kp, read from @kp_path (both taken over; @kp_path malloc'd), and @db
 * (borrowed: it
 * must outlive the result), each NULL when there is none. Free with
 * module_params_free(), which accepts NULL.
 */
struct module_params *module_params_new(struct kernel_params *kp, char *kp_path,
					struct module_db *db);
void module_params_free(struct module_params *mp);

/*
 * Where parameter @param of module @module is documented, kernel-parameters.txt first;
 * *@line is the line of its entry there, else 0. A module's modinfo is read once, the
 * first time it is asked about, and only for the first MODULE_PARAMS_MAX_MODULES
 * modules. @mp may be NULL: nowhere.
 */
enum module_param_source module_params_lookup(struct module_params *mp,
					      const char *module, const char *param,
					      unsigned int *line);

/* The kernel-parameters.txt read, or NULL; borrowed from @mp (which may be NULL). */
const char *module_params_kernel_path(const struct module_params *mp);
/* Names kernel-parameters.txt gave (0 without it), and modules whose modinfo was read. */
size_t module_params_kernel_names(const struct module_params *mp);
size_t module_params_modinfo_read(const struct module_params *mp);

/* The name of @s in reports: "kernel-parameters.txt", "modinfo", or NULL. */
const char *module_param_source_name(enum module_param_source s);

#endif
