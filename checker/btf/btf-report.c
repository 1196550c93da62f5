// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BTF report as a result model (value.h). Every key is always there, null when not
 * known, so that consumers of the JSON never guess which keys a run has.
 */
#include <stdio.h>

#include "btf-internal.h"

static struct value *kinds_value(const uint32_t kinds[SYSBTF_KIND_COUNT])
{
	struct value *v = value_object_new();

	for (unsigned int k = 1; k < SYSBTF_KIND_COUNT; k++)
		value_set_int(v, sysbtf_kind_name(k), kinds[k]);
	return v;
}

static struct value *header_value(const struct sysbtf_header *h)
{
	struct value *v = value_object_new();

	value_set_int(v, "magic", h->magic);
	value_set_int(v, "version", h->version);
	value_set_int(v, "flags", h->flags);
	value_set_int(v, "hdr_len", h->hdr_len);
	value_set_int(v, "type_off", h->type_off);
	value_set_int(v, "type_len", h->type_len);
	value_set_int(v, "str_off", h->str_off);
	value_set_int(v, "str_len", h->str_len);
	return v;
}

static struct value *elf_value(const struct sysbtf_elf *e)
{
	struct value *v;

	if (!e)
		return value_null_new();
	v = value_object_new();
	value_set_str(v, "path", e->path);
	value_set_bool(v, "read", e->read);
	value_set_bool(v, "btf_section", e->has_btf);
	value_set_bool(v, "btf_base_section", e->has_base);
	value_set(v, "size",
		  e->has_btf ? value_int_new((long long)e->btf_size) : value_null_new());
	value_set_bool(v, "identical", e->identical);
	value_set(v, "first_difference",
		  e->has_btf && !e->identical ?
			  value_int_new((long long)e->first_difference) :
			  value_null_new());
	value_set(v, "types", e->has_btf ? value_int_new(e->types) : value_null_new());
	value_set(v, "kinds", e->has_btf ? kinds_value(e->kinds) : value_null_new());
	return v;
}

/* The keys of one file, set on @v. */
static void blob_keys(struct value *v, const struct sysbtf_blob *b)
{
	bool here = b->present;

	value_set_str(v, "path", b->path);
	value_set_bool(v, "present", here);
	value_set(v, "size", here ? value_int_new((long long)b->size) : value_null_new());
	value_set(v, "mode",
		  here ? value_string_printf("%04o", b->mode) : value_null_new());
	value_set(v, "valid", here ? value_bool_new(b->valid) : value_null_new());
	value_set(v, "header",
		  b->header_read ? header_value(&b->header) : value_null_new());
	value_set(v, "types", b->walked ? value_int_new(b->types) : value_null_new());
	value_set(v, "kinds", b->walked ? kinds_value(b->kinds) : value_null_new());
	value_set(v, "elf", elf_value(b->elf));
}

static struct value *module_value(const struct sysbtf_module *m)
{
	struct value *v = value_object_new();

	value_set_str(v, "name", m->name);
	/* an empty initstate tells nothing: unknown, null */
	value_set_str(v, "state", m->state && *m->state ? m->state : NULL);
	value_set_bool(v, "live", m->state && strcmp(m->state, "live") == 0);
	blob_keys(v, &m->btf);
	return v;
}

static struct value *finding_value(const struct sysbtf_finding *f)
{
	struct value *v = value_object_new();

	value_set_str(v, "id", f->id);
	value_set_str(v, "severity", sysbtf_severity_name(f->severity));
	value_set_str(v, "path", f->path);
	value_set_str(v, "message", f->message);
	return v;
}

static struct value *summary_value(const struct sysbtf_report *r)
{
	struct value *v = value_object_new(), *sev;
	size_t files = 0, live = 0;

	for (size_t i = 0; i < r->n_modules; i++) {
		files += r->modules[i].btf.present;
		live += r->modules[i].state && strcmp(r->modules[i].state, "live") == 0;
	}
	value_set_int(v, "module_btf_files", (long long)files);
	value_set_int(v, "modules_live", (long long)live);
	sev = value_set(v, "findings", value_object_new());
	for (int s = 0; s < SYSBTF_SEVERITY_COUNT; s++)
		value_set_int(sev, sysbtf_severity_name(s), (long long)r->counts[s]);
	return v;
}

struct value *sysbtf_report_value(const struct sysbtf_report *r, struct value *report)
{
	struct value *sysfs = value_set(report, "sysfs", value_object_new());
	struct value *vmlinux = value_set(report, "vmlinux", value_object_new());
	struct value *modules = value_set(report, "modules", value_array_new());
	struct value *findings = value_set(report, "findings", value_array_new());

	value_set_str(sysfs, "root", r->root->path);
	value_set_bool(sysfs, "live", r->live);
	value_set_bool(sysfs, "btf_exposed", r->exposed);
	blob_keys(vmlinux, &r->vmlinux);
	for (size_t i = 0; i < r->n_modules; i++)
		value_append(modules, module_value(&r->modules[i]));
	for (size_t i = 0; i < r->n_findings; i++)
		value_append(findings, finding_value(&r->findings[i]));
	value_set(report, "summary", summary_value(r));
	return sysfs;
}
