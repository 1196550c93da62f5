// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A fleet record (fleet.h): what one input amounts to, taken from its audit's report,
 * sent from the worker to the parent as one JSON object, and read back there. The
 * parent trusts nothing in it: a worker audited hostile input, and a report given as
 * input may be anything. Every string is one line of valid UTF-8 or is dropped.
 *
 *   {"error": null, "kind": "snapshot", "hostname": "h", "kernel": "6.12.0",
 *    "arch": "x86_64", "date": "2026-12-07T10:00:00Z", "label": null, "os": null,
 *    "docs_version": "6.12.118", "nodes": 16691, "files": 13535,
 *    "classes": {"documented": 11997, ...},
 *    "groups": [["undocumented", "/sys/kernel/slab/<*>/x", 235, "kernel/slab"], ...]}
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-c/json.h>

#include "fleet.h"

/* The deepest JSON a report or record may nest: an audit report is 6 deep. */
#define FLEET_JSON_DEPTH 64

/* One line of valid UTF-8, or NULL: a hostile name would forge report lines. */
static char *line_dup(const char *s)
{
	return s && g_utf8_validate(s, -1, NULL) && !s[strcspn(s, "\n\r")] ? g_strdup(s) :
									     NULL;
}

void fleet_record_release(struct fleet_record *rec)
{
	g_free(rec->error);
	g_free(rec->hostname);
	g_free(rec->kernel);
	g_free(rec->arch);
	g_free(rec->date);
	g_free(rec->label);
	g_free(rec->os);
	g_free(rec->docs_version);
	for (size_t i = 0; i < rec->n_hits; i++) {
		g_free(rec->hits[i].pattern);
		g_free(rec->hits[i].owner);
	}
	g_free(rec->hits);
	for (size_t i = 0; i < rec->n_docs; i++)
		g_free(rec->docs[i].what);
	g_free(rec->docs);
	memset(rec, 0, sizeof(*rec));
}

char *fleet_record_machine(const struct fleet_record *rec, const char *input)
{
	static const char *const ext[] = { ".tar.gz",  ".tar.xz",  ".tar.zst",
					   ".tar.bz2", ".tar.lz4", ".tar.lzma",
					   ".tgz",     ".txz",     ".tzst",
					   ".tar",     ".json" };
	const char *base = strrchr(input, '/');
	size_t n;

	if (rec->label || rec->hostname)
		return g_strdup(rec->label ?: rec->hostname);
	base = base && base[1] ? base + 1 : input;
	n = strlen(base);
	/* the name a person gave the file, not its format */
	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
		size_t k = strlen(ext[i]);

		if (n > k && strcmp(base + n - k, ext[i]) == 0)
			return g_strndup(base, n - k);
	}
	return g_strdup(base);
}

/* ---- from an audit report ---- */

static char *owner_of(const struct value *group)
{
	const struct value *o = value_at(value_get(group, "owners"), 0);
	static const char *const keys[] = { "driver", "module", "subsystem" };

	for (size_t i = 0; o && i < G_N_ELEMENTS(keys); i++) {
		const char *s = value_str(value_get(o, keys[i]));

		if (s && *s)
			return line_dup(s);
	}
	return NULL;
}

static long long count_of(const struct value *v)
{
	long long n = value_type(v) == VALUE_INT ? value_int(v) : 0;

	return n < 0 ? 0 : n;
}

/* A level a vanished file of is worth telling: stable or testing. */
static int doc_level(const char *name, enum abi_level *level)
{
	if (g_strcmp0(name, "stable") == 0)
		*level = ABI_LEVEL_STABLE;
	else if (g_strcmp0(name, "testing") == 0)
		*level = ABI_LEVEL_TESTING;
	else
		return -1;
	return 0;
}

/* matched_entries[] (an audit with --all): each entry's level and first What. */
static void docs_from_report(const struct value *matched, struct fleet_record *rec)
{
	size_t n = value_len(matched);

	if (value_type(matched) != VALUE_ARRAY || n > FLEET_MAX_HITS)
		return;
	rec->has_docs = true;
	rec->docs = g_new0(struct fleet_doc, n ?: 1);
	for (size_t i = 0; i < n; i++) {
		const struct value *e = value_get(value_at(matched, i), "entry");
		struct fleet_doc *d = &rec->docs[rec->n_docs];

		if (doc_level(value_str(value_get(e, "level")), &d->level) < 0 ||
		    !(d->what = line_dup(value_str(value_at(value_get(e, "whats"), 0)))))
			continue;
		rec->n_docs++;
	}
}

int fleet_record_from_report(const struct value *report, struct fleet_record *rec,
			     char **why)
{
	const char *command = value_str(value_get(report, "command"));
	const struct value *sysfs = value_get(report, "sysfs");
	const struct value *files = value_get(report, "files");
	const struct value *groups = value_get(report, "groups");
	size_t n;

	*why = NULL;
	if (value_type(report) != VALUE_OBJECT || !command ||
	    (strcmp(command, "audit") && strcmp(command, "undefined"))) {
		*why = g_strdup_printf("not an audit's JSON report (command %s)",
				       command ? command : "none");
		return -EPROTO;
	}
	if (value_type(sysfs) != VALUE_OBJECT || value_type(groups) != VALUE_ARRAY) {
		*why = g_strdup("an audit's JSON report without its sysfs or groups");
		return -EPROTO;
	}
	n = value_len(groups);
	if (n > FLEET_MAX_HITS) {
		*why = g_strdup_printf("more than %u groups", FLEET_MAX_HITS);
		return -EPROTO;
	}
	rec->hostname = line_dup(value_str(value_get(sysfs, "hostname")));
	rec->kernel = line_dup(value_str(value_get(sysfs, "kernel_release")));
	rec->arch = line_dup(value_str(value_get(sysfs, "machine")));
	rec->date = line_dup(value_str(value_get(sysfs, "date")));
	rec->label = line_dup(value_str(value_get(sysfs, "label")));
	rec->os = line_dup(value_str(value_get(sysfs, "os")));
	rec->docs_version = line_dup(
		value_str(value_get(value_get(report, "abi"), "kernel_version")));
	rec->nodes = count_of(value_get(sysfs, "nodes"));
	rec->files = count_of(value_get(sysfs, "files"));
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		rec->classes[c] = count_of(value_get(files, audit_class_name(c)));
	docs_from_report(value_get(report, "matched_entries"), rec);
	rec->hits = g_new0(struct fleet_hit, n ?: 1);
	for (size_t i = 0; i < n; i++) {
		const struct value *g = value_at(groups, i);
		struct fleet_hit *h = &rec->hits[rec->n_hits];
		enum audit_class cls;

		if (audit_class_parse(value_str(value_get(g, "class")) ?: "", &cls) < 0 ||
		    !(h->pattern = line_dup(value_str(value_get(g, "pattern")))))
			continue; /* a class this program does not know says nothing */
		h->cls = cls;
		h->count = count_of(value_get(g, "count"));
		h->owner = owner_of(g);
		rec->n_hits++;
	}
	return 0;
}

/* ---- over the pipe ---- */

static void add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

char *fleet_record_to_json(const struct fleet_record *rec)
{
	struct json_object *o = json_object_new_object();
	struct json_object *classes = json_object_new_object();
	struct json_object *groups = json_object_new_array_ext((int)rec->n_hits);
	char *text;

	add_str(o, "error", rec->error);
	add_str(o, "kind", rec->kind);
	add_str(o, "hostname", rec->hostname);
	add_str(o, "kernel", rec->kernel);
	add_str(o, "arch", rec->arch);
	add_str(o, "date", rec->date);
	add_str(o, "label", rec->label);
	add_str(o, "os", rec->os);
	add_str(o, "docs_version", rec->docs_version);
	json_object_object_add(o, "nodes", json_object_new_int64(rec->nodes));
	json_object_object_add(o, "files", json_object_new_int64(rec->files));
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		json_object_object_add(classes, audit_class_name(c),
				       json_object_new_int64(rec->classes[c]));
	json_object_object_add(o, "classes", classes);
	for (size_t i = 0; i < rec->n_hits; i++) {
		const struct fleet_hit *h = &rec->hits[i];
		struct json_object *g = json_object_new_array_ext(4);

		json_object_array_add(g,
				      json_object_new_string(audit_class_name(h->cls)));
		json_object_array_add(g, json_object_new_string(h->pattern));
		json_object_array_add(g, json_object_new_int64(h->count));
		json_object_array_add(g,
				      h->owner ? json_object_new_string(h->owner) : NULL);
		json_object_array_add(groups, g);
	}
	json_object_object_add(o, "groups", groups);
	if (rec->has_docs) {
		struct json_object *docs = json_object_new_array_ext((int)rec->n_docs);

		for (size_t i = 0; i < rec->n_docs; i++) {
			struct json_object *d = json_object_new_array_ext(2);

			json_object_array_add(d, json_object_new_string(abi_level_name(
							 rec->docs[i].level)));
			json_object_array_add(d,
					      json_object_new_string(rec->docs[i].what));
			json_object_array_add(docs, d);
		}
		json_object_object_add(o, "documented", docs);
	} else {
		json_object_object_add(o, "documented", NULL);
	}
	text = g_strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return text;
}

/* The whole of @len bytes as one JSON document, or NULL with *@why set. */
static struct json_object *parse_json(const char *buf, size_t len, char **why)
{
	struct json_tokener *tok;
	struct json_object *o;
	enum json_tokener_error err;

	if (len > FLEET_REPORT_MAX) {
		*why = g_strdup_printf("over %u bytes", FLEET_REPORT_MAX);
		return NULL;
	}
	tok = json_tokener_new_ex(FLEET_JSON_DEPTH);
	if (!tok) {
		*why = g_strdup(g_strerror(ENOMEM));
		return NULL;
	}
	o = json_tokener_parse_ex(tok, buf, (int)len);
	err = json_tokener_get_error(tok);
	if (!o || err != json_tokener_success) {
		*why = g_strdup_printf("not JSON: %s at byte %zu",
				       err == json_tokener_continue ?
					       "it ends too soon" :
					       json_tokener_error_desc(err),
				       json_tokener_get_parse_end(tok));
		json_object_put(o);
		o = NULL;
	} else if (json_tokener_get_parse_end(tok) < len &&
		   strspn(buf + json_tokener_get_parse_end(tok), " \t\r\n") !=
			   len - json_tokener_get_parse_end(tok)) {
		*why = g_strdup_printf("not JSON: more after the document, at byte %zu",
				       json_tokener_get_parse_end(tok));
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

static char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v = json_object_object_get(o, key);

	return json_object_is_type(v, json_type_string) ?
		       line_dup(json_object_get_string(v)) :
		       NULL;
}

static long long get_count(struct json_object *o)
{
	long long n = json_object_is_type(o, json_type_int) ? json_object_get_int64(o) :
							      0;

	return n < 0 ? 0 : n;
}

static const char *const kinds[] = { "snapshot", "directory", "report" };

/* A record's "documented": null, or [[LEVEL, WHAT], ...]. */
static void docs_from_json(struct json_object *docs, struct fleet_record *rec)
{
	size_t n = json_object_is_type(docs, json_type_array) ?
			   json_object_array_length(docs) :
			   0;

	if (!json_object_is_type(docs, json_type_array) || n > FLEET_MAX_HITS)
		return;
	rec->has_docs = true;
	rec->docs = g_new0(struct fleet_doc, n ?: 1);
	for (size_t i = 0; i < n; i++) {
		struct json_object *d = json_object_array_get_idx(docs, i), *l, *w;
		struct fleet_doc *x = &rec->docs[rec->n_docs];

		/* json-c asserts that what it indexes is an array */
		if (!json_object_is_type(d, json_type_array))
			continue;
		l = json_object_array_get_idx(d, 0);
		w = json_object_array_get_idx(d, 1);
		if (!json_object_is_type(l, json_type_string) ||
		    doc_level(json_object_get_string(l), &x->level) < 0 ||
		    !json_object_is_type(w, json_type_string) ||
		    !(x->what = line_dup(json_object_get_string(w))))
			continue;
		rec->n_docs++;
	}
}

int fleet_record_parse(const char *buf, size_t len, struct fleet_record *rec, char **why)
{
	struct json_object *o, *groups, *classes;
	size_t n;
	char *kind;

	*why = NULL;
	memset(rec, 0, sizeof(*rec));
	o = parse_json(buf, len, why);
	if (!o)
		return -EPROTO;
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		*why = g_strdup("not a record");
		return -EPROTO;
	}
	kind = get_str(o, "kind");
	for (size_t i = 0; kind && i < G_N_ELEMENTS(kinds); i++)
		if (strcmp(kind, kinds[i]) == 0)
			rec->kind = kinds[i];
	g_free(kind);
	rec->error = get_str(o, "error");
	rec->hostname = get_str(o, "hostname");
	rec->kernel = get_str(o, "kernel");
	rec->arch = get_str(o, "arch");
	rec->date = get_str(o, "date");
	rec->label = get_str(o, "label");
	rec->os = get_str(o, "os");
	rec->docs_version = get_str(o, "docs_version");
	rec->nodes = get_count(json_object_object_get(o, "nodes"));
	rec->files = get_count(json_object_object_get(o, "files"));
	classes = json_object_object_get(o, "classes");
	for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
		rec->classes[c] =
			get_count(json_object_object_get(classes, audit_class_name(c)));
	groups = json_object_object_get(o, "groups");
	n = json_object_is_type(groups, json_type_array) ?
		    json_object_array_length(groups) :
		    0;
	if (n > FLEET_MAX_HITS) {
		json_object_put(o);
		fleet_record_release(rec);
		*why = g_strdup_printf("more than %u groups", FLEET_MAX_HITS);
		return -EPROTO;
	}
	rec->hits = g_new0(struct fleet_hit, n ?: 1);
	for (size_t i = 0; i < n; i++) {
		struct json_object *g = json_object_array_get_idx(groups, i);
		struct json_object *c, *p, *w;
		struct fleet_hit *h = &rec->hits[rec->n_hits];
		enum audit_class cls;

		/* json-c asserts that what it indexes is an array */
		if (!json_object_is_type(g, json_type_array))
			continue;
		c = json_object_array_get_idx(g, 0);
		p = json_object_array_get_idx(g, 1);
		w = json_object_array_get_idx(g, 3);
		if (!json_object_is_type(c, json_type_string) ||
		    audit_class_parse(json_object_get_string(c), &cls) < 0 ||
		    !json_object_is_type(p, json_type_string) ||
		    !(h->pattern = line_dup(json_object_get_string(p))))
			continue;
		h->cls = cls;
		h->count = get_count(json_object_array_get_idx(g, 2));
		h->owner = json_object_is_type(w, json_type_string) ?
				   line_dup(json_object_get_string(w)) :
				   NULL;
		rec->n_hits++;
	}
	docs_from_json(json_object_object_get(o, "documented"), rec);
	json_object_put(o);
	return 0;
}

/* ---- a JSON report given as input ---- */

static struct value *to_value(struct json_object *o)
{
	struct value *v;

	switch (json_object_get_type(o)) {
	case json_type_boolean:
		return value_bool_new(json_object_get_boolean(o));
	case json_type_int:
		return value_int_new(json_object_get_int64(o));
	case json_type_double:
		return value_int_new((long long)json_object_get_double(o));
	case json_type_string:
		return value_string_new(json_object_get_string(o));
	case json_type_array:
		v = value_array_new();
		for (size_t i = 0; i < json_object_array_length(o); i++)
			value_append(v, to_value(json_object_array_get_idx(o, i)));
		return v;
	case json_type_object:
		v = value_object_new();
		json_object_object_foreach(o, key, val) value_set(v, key, to_value(val));
		return v;
	default:
		return value_null_new();
	}
}

int fleet_value_parse(const char *text, size_t len, struct value **out, char **why)
{
	struct json_object *o = parse_json(text, len, why);

	*out = NULL;
	if (!o)
		return -EPROTO;
	*out = to_value(o);
	json_object_put(o);
	if (!*out || value_failed(*out)) {
		value_free(*out);
		*out = NULL;
		*why = g_strdup(g_strerror(ENOMEM));
		return -ENOMEM;
	}
	return 0;
}
