// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The view's part for the text format (report-templates/text/): what its templates
 * cannot work out, such as plurals, multi-line text as lines, groups by class. It says
 * what to show; how, the templates say. See view.h.
 */
#include <string.h>

#include <glib.h>

#include "common/macro.h"
#include "view.h"

#define LEN(v, key) ((long long)value_len(value_get((v), (key))))

/* @key is @n, and @key_s is "s" unless @n is one: "{{files}} file{{files_s}}". */
static void set_count(struct value *obj, const char *key, long long n)
{
	char *plural = g_strconcat(key, "_s", NULL);

	value_set_int(obj, key, n);
	value_set_str(obj, plural, n == 1 ? "" : "s");
	g_free(plural);
}

/* @text cut at its newlines, which escaping would show: "a\n\nb\n" is [a, "", b]. */
static struct value *lines_of(const char *text)
{
	struct value *lines = value_array_new();

	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\n");

		value_append(lines, value_string_printf("%.*s", (int)len, p));
		p += len + (p[len] == '\n');
	}
	return lines;
}

/* A new object with copies of @src's @keys (NULL-terminated); a missing one is null. */
static struct value *pick(const struct value *src, const char *const *keys)
{
	struct value *v = value_object_new();

	for (; *keys; keys++)
		value_set(v, *keys, value_copy(value_get(src, *keys)));
	return v;
}

/* pick() on each object of @list. */
static struct value *pick_each(const struct value *list, const char *const *keys)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++)
		value_append(out, pick(value_at(list, i), keys));
	return out;
}

/* Copies of the findings or diagnostics of @list, each with is_SEVERITY true. */
static struct value *by_severity(const struct value *list)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++) {
		struct value *v = value_append(out, value_copy(value_at(list, i)));
		char *is = g_strconcat("is_", value_get_str(v, "severity"), NULL);

		value_set_bool(v, is, true);
		g_free(is);
	}
	return out;
}

/* Copies of the objects of @list, each with @count, the number of items in its @key. */
static struct value *with_count(const struct value *list, const char *key,
				const char *count)
{
	struct value *out = value_array_new();

	for (size_t i = 0; i < value_len(list); i++) {
		const struct value *v = value_at(list, i);

		set_count(value_append(out, value_copy(v)), count, LEN(v, key));
	}
	return out;
}

/* ---- audit ---- */

/* What text shows of a group: the group itself, with its owners' keys all set (a
 * missing one would be looked up in the sections around it) and its suggestion as
 * lines. A sysfs has hundreds of groups: none is copied. */
static struct value *group_of(const struct value *g)
{
	static const char *const owner[] = { "driver", "module", "description", NULL };
	const struct value *owners = value_get(g, "owners");
	const char *suggestion = value_str(value_get(g, "suggestion"));
	struct value *v = value_object_extend(g); /* pattern, count, baselined, examples */

	if (value_len(owners))
		value_set(v, "owners", pick_each(owners, owner));
	if (suggestion)
		value_set(v, "suggestion_lines", lines_of(suggestion));
	return v;
}

/* classes[]: the groups of each class that has any, in the order text shows them. */
static void add_classes(struct value *text, const struct value *groups)
{
	static const char *const classes[] = { "removed", "obsolete", "undocumented",
					       "by-directory" };
	struct value *list = value_set(text, "classes", value_array_new());

	for (size_t c = 0; c < ARRAY_SIZE(classes); c++) {
		struct value *cls = value_object_new(), *members = value_array_new();
		long long files = 0;

		for (size_t i = 0; i < value_len(groups); i++) {
			const struct value *g = value_at(groups, i);

			if (strcmp(value_get_str(g, "class"), classes[c]) != 0)
				continue;
			files += value_get_int(g, "count");
			value_append(members, group_of(g));
		}
		value_set_str(cls, "name", classes[c]);
		set_count(cls, "files", files);
		set_count(cls, "group_count", (long long)value_len(members));
		value_set(cls, "groups", members);
		if (value_len(members) || value_failed(cls))
			value_append(list, cls);
		else
			value_free(cls);
	}
}

static void add_audit(struct value *text, const struct value *report)
{
	const struct value *explain = value_get(report, "explain");

	add_classes(text, value_get(report, "groups"));
	/* --all lists the entries, even when none matched */
	value_set_bool(text, "entries_listed", !!value_get(report, "matched_entries"));
	set_count(text, "missing_entries", LEN(report, "missing_entries"));
	set_count(text, "matched_entries", LEN(report, "matched_entries"));
	value_set(text, "findings", by_severity(value_path(report, "btf.findings")));
	value_set(text, "explain", with_count(explain, "names", "name_count"));
}

/* ---- validate, search, match ---- */

static void add_validate(struct value *text, const struct value *report)
{
	const struct value *counts = value_path(report, "summary.diagnostics");

	value_set(text, "diagnostics", by_severity(value_get(report, "diagnostics")));
	set_count(text, "errors", value_get_int(counts, "error"));
	set_count(text, "warnings", value_get_int(counts, "warning"));
	value_set_bool(text, "lint_hidden",
		       !value_bool(value_get(report, "lint_shown")) && value_get_int(counts, "lint"));
}

/* entries[]: copies with fields[] (label, lines[]) and description_lines[]. */
static void add_search(struct value *text, const struct value *report)
{
	static const char *const fields[][2] = {
		{ "date", "Date:" },
		{ "kernel_version", "KernelVersion:" },
		{ "contact", "Contact:" },
		{ "users", "Users:" },
	};
	const struct value *entries = value_get(report, "entries");
	struct value *list = value_set(text, "entries", value_array_new());

	for (size_t i = 0; i < value_len(entries); i++) {
		const struct value *e = value_at(entries, i);
		struct value *v = value_append(list, value_copy(e));
		struct value *f = value_set(v, "fields", value_array_new());

		for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
			const char *s = value_str(value_get(e, fields[k][0]));
			struct value *field;

			if (!s)
				continue;
			field = value_append(f, value_object_new());
			value_set_str(field, "label", fields[k][1]);
			/* an empty field still ends its line: "Users:" alone */
			if (*s)
				value_set(field, "lines", lines_of(s));
			else
				value_append(value_set(field, "lines", value_array_new()),
					     value_string_new(""));
		}
		value_set(v, "description_lines", lines_of(value_get_str(e, "description")));
	}
	set_count(text, "count", value_get_int(report, "count"));
}

static void add_match(struct value *text, const struct value *report)
{
	const struct value *paths = value_get(report, "paths");

	value_set(text, "paths", with_count(paths, "matches", "match_count"));
}

/* ---- btf ---- */

/* modules[]: name, and state, btf_bytes and types, or "-" when there are none; elf. */
static void add_modules(struct value *text, const struct value *modules)
{
	struct value *list = value_set(text, "modules", value_array_new());

	for (size_t i = 0; i < value_len(modules); i++) {
		const struct value *m = value_at(modules, i);
		const struct value *types = value_get(m, "types");
		struct value *v = value_append(list, value_object_new());
		bool present = value_bool(value_get(m, "present"));

		value_set_str(v, "name", value_get_str(m, "name"));
		value_set_str(v, "state", value_str(value_get(m, "state")) ?: "-");
		value_set(v, "btf_bytes", present ? value_int_new(value_get_int(m, "size")) :
						    value_string_new("-"));
		value_set(v, "types", value_type(types) == VALUE_INT ?
					      value_copy(types) : value_string_new("-"));
		value_set(v, "elf", value_copy(value_get(m, "elf")));
	}
}

static void add_btf(struct value *text, const struct value *report)
{
	const struct value *vmlinux = value_get(report, "vmlinux");
	const struct value *header = value_get(vmlinux, "header");
	const struct value *kinds = value_get(vmlinux, "kinds");
	const struct value *summary = value_get(report, "summary");
	struct value *rows = value_set(text, "kind_rows", value_array_new()), *row = NULL;

	value_set_bool(text, "has_types",
		       value_type(value_get(vmlinux, "types")) == VALUE_INT);
	if (value_type(header) == VALUE_OBJECT) {
		/* numbers in hex, the way the BTF header is spoken of */
		value_set(text, "magic",
			  value_string_printf("0x%04llx", value_get_int(header, "magic")));
		value_set(text, "flags",
			  value_string_printf("0x%02llx", value_get_int(header, "flags")));
	}
	/* the types by kind, four a row */
	for (size_t i = 0; i < value_len(kinds); i++) {
		struct value *k;

		if (i % 4 == 0)
			row = value_append(rows, value_array_new());
		k = value_append(row, value_object_new());
		value_set_str(k, "kind", value_key_at(kinds, i));
		value_set_int(k, "count", value_int(value_at(kinds, i)));
	}
	add_modules(text, value_get(report, "modules"));
	set_count(text, "btf_files", value_get_int(summary, "module_btf_files"));
	set_count(text, "live_modules", value_get_int(summary, "modules_live"));
	set_count(text, "errors", value_get_int(value_get(summary, "findings"), "error"));
	set_count(text, "warnings", value_get_int(value_get(summary, "findings"), "warning"));
	value_set(text, "findings", by_severity(value_get(report, "findings")));
}

/* ---- diff ---- */

/* sides[]: old and new, each label, dir, origin, rev, commit (12 digits), kernel_version;
 * changes[]: copies with "at", where the entry is (NEW's place, OLD's when removed). */
static void add_diff(struct value *text, const struct value *report)
{
	static const char *const sides[] = { "old", "new" };
	const struct value *changes = value_get(report, "changes");
	const struct value *counts = value_path(report, "summary.new_diagnostics");
	struct value *list = value_set(text, "sides", value_array_new());

	for (size_t i = 0; i < ARRAY_SIZE(sides); i++) {
		const struct value *side = value_get(report, sides[i]);
		const char *commit = value_str(value_get(side, "commit"));
		struct value *v = value_append(list, value_object_new());

		value_set_str(v, "label", sides[i]);
		value_set_str(v, "dir", value_get_str(side, "dir"));
		value_set_str(v, "origin", value_get_str(side, "origin"));
		value_set_str(v, "rev", value_str(value_get(side, "rev")));
		value_set(v, "commit", commit ? value_string_printf("%.12s", commit) :
						value_null_new());
		value_set_str(v, "kernel_version", value_str(value_get(side, "kernel_version")));
	}
	list = value_set(text, "changes", value_array_new());
	for (size_t i = 0; i < value_len(changes); i++) {
		const struct value *c = value_at(changes, i);
		const struct value *at = value_get(c, "new");
		struct value *v = value_append(list, value_object_new());

		if (value_type(at) != VALUE_OBJECT)
			at = value_get(c, "old");
		value_set(v, "at", value_copy(at));
		value_set_str(v, "kind", value_get_str(c, "kind"));
		value_set_str(v, "message", value_get_str(c, "message"));
	}
	value_set(text, "diagnostics", by_severity(value_get(report, "new_diagnostics")));
	set_count(text, "errors", value_get_int(counts, "error"));
	set_count(text, "warnings", value_get_int(counts, "warning"));
	value_set_bool(text, "lint_hidden",
		       !value_bool(value_get(report, "lint_shown")) && value_get_int(counts, "lint"));
}

void view_add_text(struct value *view, const struct value *report)
{
	static const struct {
		const char *command, *flag;
		void (*add)(struct value *text, const struct value *report);
	} commands[] = {
		{ "audit", "is_audit", add_audit },
		{ "validate", "is_validate", add_validate },
		{ "search", "is_search", add_search },
		{ "match", "is_match", add_match },
		{ "btf", "is_btf", add_btf },
		{ "diff", "is_diff", add_diff },
	};
	const char *command = value_get_str(report, "command");
	struct value *text = value_set(view, "text", value_object_new());

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		bool is = strcmp(command, commands[i].command) == 0;

		value_set_bool(view, commands[i].flag, is);
		if (is)
			commands[i].add(text, report);
	}
}
