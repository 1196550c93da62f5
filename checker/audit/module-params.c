// SPDX-License-Identifier: GPL-2.0-or-later
/* Module parameters documented outside Documentation/ABI: see module-params.h. */
#include <stdbool.h>
#include <stdlib.h>

#include <glib.h>

#include "ext/kmod-module.h"
#include "kernel-params.h"
#include "module-params.h"

struct module_params {
	struct kernel_params *kp;
	char *kp_path;
	struct module_db *db;
	GHashTable *modinfo; /* module name -> GHashTable of the parameters it describes */
	size_t modinfo_read;
};

struct module_params *module_params_new(struct kernel_params *kp, char *kp_path,
					struct module_db *db)
{
	struct module_params *mp = g_new0(struct module_params, 1);

	mp->kp = kp;
	mp->kp_path = kp_path;
	mp->db = db;
	mp->modinfo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    (GDestroyNotify)g_hash_table_destroy);
	return mp;
}

void module_params_free(struct module_params *mp)
{
	if (!mp)
		return;
	kernel_params_free(mp->kp);
	free(mp->kp_path);
	g_hash_table_destroy(mp->modinfo);
	g_free(mp);
}

/* Names kept with dashes as underscores: the kernel's parameq() has them as one. */
static void add_param(void *data, const char *param)
{
	g_hash_table_add(data, g_strdelimit(g_strdup(param), "-", '_'));
}

/* The parameters @module describes: read once, empty when it cannot be. */
static GHashTable *described(struct module_params *mp, const char *module)
{
	GHashTable *set = g_hash_table_lookup(mp->modinfo, module);

	if (set)
		return set;
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (mp->modinfo_read < MODULE_PARAMS_MAX_MODULES) {
		mp->modinfo_read++;
		module_db_params(mp->db, module, add_param, set);
	}
	g_hash_table_insert(mp->modinfo, g_strdup(module), set);
	return set;
}

enum module_param_source module_params_lookup(struct module_params *mp,
					      const char *module, const char *param,
					      unsigned int *line)
{
	*line = 0;
	if (!mp)
		return MODULE_PARAM_NOWHERE;
	*line = kernel_params_lookup(mp->kp, module, param);
	if (*line)
		return MODULE_PARAM_KERNEL_PARAMETERS;
	if (module_db_usable(mp->db)) {
		char *name = g_strdelimit(g_strdup(param), "-", '_');
		bool found = g_hash_table_contains(described(mp, module), name);

		g_free(name);
		if (found)
			return MODULE_PARAM_MODINFO;
	}
	return MODULE_PARAM_NOWHERE;
}

const char *module_params_kernel_path(const struct module_params *mp)
{
	return mp ? mp->kp_path : NULL;
}

size_t module_params_kernel_names(const struct module_params *mp)
{
	return mp ? kernel_params_count(mp->kp) : 0;
}

size_t module_params_modinfo_read(const struct module_params *mp)
{
	return mp ? mp->modinfo_read : 0;
}

const char *module_param_source_name(enum module_param_source s)
{
	switch (s) {
	case MODULE_PARAM_KERNEL_PARAMETERS:
		return "kernel-parameters.txt";
	case MODULE_PARAM_MODINFO:
		return "modinfo";
	default:
		return NULL;
	}
}
