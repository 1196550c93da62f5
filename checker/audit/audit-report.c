// SPDX-License-Identifier: GPL-2.0-or-later
/* The audit's result model. Every output format renders what is built here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <glib.h>

#include "audit-report.h"
#include "cli/sysfs-source.h"
#include "sysfs/sysfs-identity.h"
#include "cli/entry-value.h"
#include "common/macro.h"
#include "ext/kmod-module.h"

static void set_path(struct value *v, const char *key, const struct snode *n)
{
	char *p = n ? snode_path(n) : NULL;

	value_set_str(v, key, p);
	free(p);
}

static void set_path_append(struct value *list, const struct snode *n)
{
	char *p = snode_path(n);

	value_append(list, value_string_new(p));
	free(p);
}

/* Where module parameter @n is documented, when it is of that class. */
static void describe_param(const struct audit *a, const struct snode *n, struct value *v)
{
	const char *module, *param;
	enum module_param_source from;
	unsigned int line;
	struct value *p;

	if (n->type != SNODE_FILE || a->classes[n->id] != AUDIT_MODULE_PARAMETER ||
	    !audit_module_param(n, &module, &param))
		return;
	from = module_params_lookup(a->params, module, param, &line);
	p = value_set(v, "module_parameter", value_object_new());
	value_set_str(p, "module", module);
	value_set_str(p, "parameter", param);
	value_set_str(p, "documented_by", module_param_source_name(from));
	value_set_str(p, "file", line ? module_params_kernel_path(a->params) : NULL);
	if (line)
		value_set_int(p, "line", line);
	else
		value_set(p, "line", value_null_new());
}

void audit_node_describe(const struct audit *a, const struct doc_source *src,
			 const struct snode *n, struct value *v)
{
	static const char *const types[] = { "directory", "file", "link", "other" };
	const struct audit_node *an = &a->nodes[n->id];
	char *name;

	set_path(v, "real_path", n);
	value_set_str(v, "type", types[n->type]);
	if (n->type == SNODE_FILE)
		value_set_str(v, "class", audit_class_name(a->classes[n->id]));
	describe_param(a, n, v);
	if (!an->match) {
		const struct snode *dir =
			n->type == SNODE_FILE ? audit_named_by_directory(a, n) : NULL;

		value_set(v, "match", value_null_new());
		if (dir) {
			set_path(v, "named_by_directory", dir);
			value_set(v, "directory_match",
				  what_value(src, a->nodes[dir->id].match));
		}
		return;
	}
	name = audit_match_path(a, n);
	value_set_str(v, "matched_as", name);
	free(name);
	set_path(v, "via_link", an->via ? an->via->link : NULL);
	value_set(v, "match", what_value(src, an->match));
}

static void count_links(const struct snode *dir, size_t *escaping, size_t *dangling)
{
	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];

		if (kid->type == SNODE_DIR)
			count_links(kid, escaping, dangling);
		*escaping += !!(kid->flags & SNODE_LINK_ESCAPES);
		*dangling += !!(kid->flags & SNODE_LINK_DANGLING);
	}
}

static void problems(struct value *list, const struct snode *dir)
{
	static const struct {
		unsigned int flag;
		const char *what;
	} kinds[] = {
		{ SNODE_UNREADABLE, "unreadable" },
		{ SNODE_VANISHED, "vanished" },
		{ SNODE_LINK_ESCAPES, "link-escapes" },
		{ SNODE_LINK_DANGLING, "link-dangling" },
	};

	for (uint32_t i = 0; i < dir->n_kids; i++) {
		const struct snode *kid = dir->kids[i];

		for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
			struct value *p;

			if (!(kid->flags & kinds[k].flag))
				continue;
			p = value_append(list, value_object_new());
			set_path(p, "path", kid);
			value_set_str(p, "problem", kinds[k].what);
			value_set_str(p, "target",
				      kid->type == SNODE_LINK ? kid->link : NULL);
		}
		if (kid->type == SNODE_DIR)
			problems(list, kid);
	}
}

static void report_sysfs(struct value *report, const struct audit *a,
			 const struct audit_options *opt)
{
	struct value *v = value_set(report, "sysfs", value_object_new());
	const struct sysfs_tree *t = a->sys;
	size_t escaping = 0, dangling = 0;
	struct sysfs_identity id;

	count_links(t->root, &escaping, &dangling);
	value_set_str(v, "root", opt->root->path);
	value_set_bool(v, "live", opt->root->live);
	sysfs_identity_read(opt->root, &id);
	sysfs_identity_value(&id, opt->label, v);
	sysfs_identity_release(&id);
	value_set_int(v, "nodes", (long long)t->n_nodes);
	value_set_int(v, "files", (long long)t->n_files);
	value_set_int(v, "directories", (long long)t->n_dirs);
	value_set_int(v, "links", (long long)t->n_links);
	value_set_int(v, "other", (long long)t->n_other);
	value_set_int(v, "unreadable", (long long)t->n_unreadable);
	value_set_int(v, "vanished", (long long)t->n_vanished);
	value_set_int(v, "links_escaping", (long long)escaping);
	value_set_int(v, "links_dangling", (long long)dangling);
	/* always: a program reading the JSON needs every one; text shows them with -v */
	problems(value_set(v, "problems", value_array_new()), t->root);
}

static void report_ignores(struct value *report, const struct audit_options *opt)
{
	struct value *list = value_set(report, "ignored", value_array_new());

	for (size_t i = 0; i < opt->n_ignores; i++) {
		struct value *v = value_append(list, value_object_new());

		value_set_str(v, "glob", opt->ignores[i].glob);
		value_set_str(v, "why",
			      opt->ignores[i].why ? opt->ignores[i].why : "--ignore");
		value_set_int(v, "count", (long long)opt->ignores[i].count);
	}
}

static void report_classes(struct value *report, const char *key, const size_t *counts)
{
	struct value *v = value_set(report, key, value_object_new());
	size_t total = 0;

	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		value_set_int(v, audit_class_name(c), (long long)counts[c]);
		total += counts[c];
	}
	value_set_int(v, "total", (long long)total);
}

/* Where module parameters were looked up besides Documentation/ABI, and what it gave. */
static void report_module_params(struct value *report, const struct audit *a,
				 const struct audit_options *opt)
{
	struct value *v = value_set(report, "module_parameters", value_object_new());

	value_set_str(v, "kernel_parameters", module_params_kernel_path(opt->params));
	value_set_int(v, "kernel_parameters_names",
		      (long long)module_params_kernel_names(opt->params));
	value_set_bool(v, "modinfo", module_db_usable(opt->modules));
	value_set_str(v, "modules_dir",
		      opt->modules ? module_db_dir(opt->modules) : NULL);
	value_set_int(v, "modinfo_modules_read",
		      (long long)module_params_modinfo_read(opt->params));
	value_set_int(v, "documented", (long long)a->files[AUDIT_MODULE_PARAMETER]);
	value_set_int(v, "by_kernel_parameters",
		      (long long)a->params_by_source[MODULE_PARAM_KERNEL_PARAMETERS]);
	value_set_int(v, "by_modinfo",
		      (long long)a->params_by_source[MODULE_PARAM_MODINFO]);
}

static void report_entry_levels(struct value *report, const struct audit *a)
{
	struct value *levels = value_set(report, "entries", value_object_new());
	size_t total[AUDIT_ENTRY_STATUS_COUNT] = { 0 };

	for (int l = 0; l <= ABI_LEVEL_COUNT; l++) {
		struct value *v;
		size_t n = 0;

		for (int s = 0; s < AUDIT_ENTRY_STATUS_COUNT; s++)
			n += a->entries_by_status[l][s];
		if (l == ABI_LEVEL_NONE && !n)
			continue;
		v = value_set(levels, abi_level_name(l), value_object_new());
		value_set_int(v, "entries", (long long)n);
		for (int s = 0; s < AUDIT_ENTRY_STATUS_COUNT; s++) {
			value_set_int(v, audit_entry_status_name(s),
				      (long long)a->entries_by_status[l][s]);
			total[s] += a->entries_by_status[l][s];
		}
	}
	levels = value_set(levels, "total", value_object_new());
	value_set_int(levels, "entries", (long long)a->abi->n_entries);
	for (int s = 0; s < AUDIT_ENTRY_STATUS_COUNT; s++)
		value_set_int(levels, audit_entry_status_name(s), (long long)total[s]);
}

static void report_entries(struct value *report, const struct audit *a,
			   const struct doc_source *src, bool all)
{
	struct value *missing = value_set(report, "missing_entries", value_array_new());
	struct value *conditional =
		value_set(report, "conditional_entries", value_array_new());
	struct value *matched =
		all ? value_set(report, "matched_entries", value_array_new()) : NULL;

	for (size_t i = 0; i < a->abi->n_entries; i++) {
		const struct audit_entry *ae = &a->entries[i];
		struct value *v;
		char *name;

		if (ae->status == AUDIT_ENTRY_MISSING) {
			value_append(missing, entry_ref_value(src, a->abi->entries[i]));
		} else if (ae->status == AUDIT_ENTRY_CONDITIONAL) {
			char why[AUDIT_ABSENCE_REASON_MAX];

			v = value_append(conditional,
					 entry_ref_value(src, a->abi->entries[i]));
			audit_absence_reason(a->abi->entries[i], why, sizeof(why));
			value_set_str(v, "absence_reason", why);
		} else if (ae->status == AUDIT_ENTRY_MATCHED && matched) {
			v = value_append(matched, value_object_new());
			value_set(v, "entry", entry_ref_value(src, a->abi->entries[i]));
			value_set_int(v, "nodes", (long long)ae->nodes);
			set_path(v, "example", ae->example);
			name = audit_match_path(a, ae->example);
			value_set_str(v, "example_matched_as", name);
			free(name);
		}
	}
}

/* The groups, marked when the baseline knows them; counts what fails the run. */
static void report_groups(struct value *report, const struct audit *a,
			  const struct audit_group *groups, size_t n,
			  const struct audit_options *opt, size_t *failing, size_t *known)
{
	struct value *list = value_set(report, "groups", value_array_new());
	GHashTable *by_name = opt->show_hints ? audit_hints_index(a->abi) : NULL;
	struct audit_owners *owners = audit_owners_new(opt->modules);

	for (size_t i = 0; i < n; i++) {
		const struct audit_group *g = &groups[i];
		struct value *v = value_append(list, value_object_new()), *ex;
		const char *cls = audit_class_name(g->cls);
		bool baselined = opt->baseline &&
				 baseline_has(opt->baseline, cls, g->pattern);

		value_set_str(v, "class", cls);
		value_set_str(v, "pattern", g->pattern);
		value_set_int(v, "count", (long long)g->count);
		ex = value_set(v, "examples", value_array_new());
		for (size_t k = 0; k < g->n_examples; k++) {
			char *p = snode_path(g->examples[k]);

			value_append(ex, value_string_new(p));
			free(p);
		}
		/* every member, whatever --verbose says: the formats decide what to show */
		ex = value_set(v, "paths", value_array_new());
		for (size_t k = 0; k < g->count; k++)
			set_path_append(ex, g->members[k]);
		audit_group_owners(owners, g, value_set(v, "owners", value_array_new()));
		value_set_bool(v, "baselined", baselined);
		if (opt->suggest && g->cls == AUDIT_UNDOCUMENTED) {
			char *s = audit_suggest(g), *file = audit_suggest_file(g);

			value_set_str(v, "suggestion", s);
			value_set_str(v, "suggestion_file", file);
			g_free(file);
			g_free(s);
		}
		if (by_name && g->cls == AUDIT_UNDOCUMENTED)
			value_set(v, "hints", audit_hints(a, by_name, g->members[0]));
		*known += baselined;
		failing[g->cls] += opt->fail_on[g->cls] && !baselined;
	}
	if (by_name)
		g_hash_table_destroy(by_name);
	audit_owners_free(owners);
}

struct value *audit_report(const struct audit *a, const struct doc_source *src,
			   const struct audit_group *groups, size_t n_groups,
			   const struct audit_options *opt, bool *fail)
{
	struct value *report =
		doc_source_report(src, opt->command ? opt->command : "audit");
	struct value *v, *failing_list;
	size_t failing[AUDIT_CLASS_COUNT] = { 0 }, known = 0, missing = 0;

	value_set_bool(report, "verbose", opt->verbose);
	value_set_str(report, "search_string", opt->search_string);
	value_set_bool(report, "ignore_case", opt->ignore_case);
	report_sysfs(report, a, opt);
	report_ignores(report, opt);
	report_entry_levels(report, a);
	report_classes(report, "files", a->files);
	v = value_set(report, "documented_by_level", value_object_new());
	value_set_int(v, "stable", (long long)a->documented_by_level[ABI_LEVEL_STABLE]);
	value_set_int(v, "testing", (long long)a->documented_by_level[ABI_LEVEL_TESTING]);
	report_classes(report, "directories", a->dirs);
	report_classes(report, "links", a->links);
	audit_report_subsystems(a, value_set(report, "subsystems", value_array_new()));
	report_module_params(report, a, opt);
	report_groups(report, a, groups, n_groups, opt, failing, &known);
	report_entries(report, a, src, opt->all);
	for (int l = 0; l <= ABI_LEVEL_COUNT; l++)
		missing += a->entries_by_status[l][AUDIT_ENTRY_MISSING];

	if (opt->n_explain) {
		GHashTable *links_to = audit_links_new(a);

		v = value_set(report, "explain", value_array_new());
		for (size_t i = 0; i < opt->n_explain; i++)
			value_append(v, audit_explain(a, src, links_to, opt->explain[i]));
		g_hash_table_destroy(links_to);
	}

	v = value_set(report, "baseline", value_object_new());
	value_set_str(v, "file", opt->baseline_path);
	value_set_int(v, "known_groups", (long long)known);
	failing_list = value_set(report, "failing", value_array_new());
	*fail = false;
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++) {
		if (!failing[c])
			continue;
		value_append(failing_list, value_string_new(audit_class_name(c)));
		*fail = true;
	}
	if (opt->fail_on_missing && missing) {
		value_append(failing_list, value_string_new("missing"));
		*fail = true;
	}
	if (opt->btf) {
		sysbtf_report_value(opt->btf,
				    value_set(report, "btf", value_object_new()));
		if (opt->fail_on_btf && opt->btf->counts[SYSBTF_ERROR]) {
			value_append(failing_list, value_string_new("btf"));
			*fail = true;
		}
	} else {
		/* --no-btf: not checked, and said so; never a key left out */
		value_set(report, "btf", value_null_new());
	}
	v = value_set(report, "fail_on", value_array_new());
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		if (opt->fail_on[c])
			value_append(v, value_string_new(audit_class_name(c)));
	if (opt->fail_on_missing)
		value_append(v, value_string_new("missing"));
	if (opt->fail_on_btf)
		value_append(v, value_string_new("btf"));
	value_set_str(report, "result", *fail ? "fail" : "pass");
	return report;
}

int audit_version_compare(const struct value *report, char **why)
{
	const char *docs = value_str(value_path(report, "abi.kernel_version"));
	const char *release = value_str(value_path(report, "sysfs.kernel_release"));
	bool live = value_bool(value_path(report, "sysfs.live"));
	int major, minor, docs_major, docs_minor;

	*why = NULL;
	if (!release) {
		*why = g_strdup(
			live ? "the running kernel's release is unknown" :
			       "a recorded sysfs does not say its kernel release");
		return -1;
	}
	if (!docs) {
		*why = g_strdup("the documentation's kernel version is unknown: no top "
				"Makefile of a kernel tree above it");
		return -1;
	}
	if (sscanf(release, "%d.%d", &major, &minor) != 2 ||
	    sscanf(docs, "%d.%d", &docs_major, &docs_minor) != 2) {
		*why = g_strdup_printf("cannot read '%s' or '%s' as a kernel version",
				       release, docs);
		return -1;
	}
	if (major == docs_major && minor == docs_minor)
		return 0;
	*why = g_strdup_printf("documentation of Linux %s for a sysfs of Linux %s: get "
			       "%d.%d's with 'make abi-docs ABI_KERNEL=%d.%d' (Debian's "
			       "linux-source-%d.%d) or give --abi DIR",
			       docs, release, major, minor, major, minor, major, minor);
	return 1;
}

/*
 * @s with control characters as \xNN, and C1 controls (U+0080..U+009F) as \u00NN, as
 * the text report shows paths: a What line cannot hold a newline, and a name with one
 * would otherwise add lines, fields even, to the skeleton. g_free() the result.
 */
static char *escape_controls(const char *s)
{
	GString *out = g_string_new(NULL);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			g_string_append_printf(out, "\\x%02x", *p);
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			g_string_append_printf(out, "\\u%04x", p[1]);
			p++;
		} else {
			g_string_append_c(out, (char)*p);
		}
	}
	return g_string_free(out, FALSE);
}

char *audit_suggest(const struct audit_group *g)
{
	GString *what = g_string_new(NULL);
	char *what_line;
	char prev[256] = "instance", *s;

	/* <*> takes the name of the directory above it: /sys/kernel/slab/<slab> */
	for (const char *p = g->pattern; *p;) {
		size_t len = strcspn(p + 1, "/") + 1;

		if (len == 4 && strncmp(p, "/<*>", 4) == 0) {
			g_string_append_printf(what, "/<%s>", prev);
		} else {
			g_string_append_len(what, p, (gssize)len);
			snprintf(prev, sizeof(prev), "%.*s", (int)(len - 1), p + 1);
		}
		p += len;
	}
	what_line = escape_controls(what->str);
	/* the release that added it is not the running one: a placeholder, as the rest */
	s = g_strdup_printf(
		"What:\t\t%s\n"
		"Date:\t\t<Month YYYY the attribute appeared>\n"
		"KernelVersion:\t<first release with it>\n"
		"Contact:\t<the subsystem's mailing list>\n"
		"Description:\n"
		"\t\t<What the attribute shows or controls, its values and units,\n"
		"\t\tand whether it can be written.>\n",
		what_line);
	g_free(what_line);
	g_string_free(what, TRUE);
	return s;
}

char *audit_suggest_file(const struct audit_group *g)
{
	GString *name = g_string_new("Documentation/ABI/testing/sysfs");
	const char *p = g->pattern;
	int parts = 0, most = 2;

	/* as the kernel names its files: the top directory and the subsystem, before any
	 * instance (/sys/kernel/slab/<*>/x: sysfs-kernel-slab, /sys/bus/foo/drivers/...:
	 * sysfs-bus-foo), a level more below devices/system/ and devices/virtual/, and
	 * no subsystem for the other devices (their bus names them: pci0000:00 is an
	 * instance) and for modules (sysfs-module) */
	if (strncmp(p, "/sys/", 5) == 0)
		p += 5;
	if (strncmp(p, "devices/system/", 15) == 0 ||
	    strncmp(p, "devices/virtual/", 16) == 0)
		most = 3;
	else if (strncmp(p, "devices/", 8) == 0 || strncmp(p, "module/", 7) == 0)
		most = 1;
	while (*p && parts < most) {
		size_t len = strcspn(p, "/");

		if (!p[len] || memchr(p, '<', len)) /* the attribute, or an instance */
			break;
		g_string_append_c(name, '-');
		for (size_t i = 0; i < len; i++)
			g_string_append_c(name, g_ascii_isalnum(p[i]) || p[i] == '_' ||
								p[i] == '.' ?
							p[i] :
							'-');
		parts++;
		p += len + 1;
	}
	return g_string_free(name, FALSE);
}
