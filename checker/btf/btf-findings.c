// SPDX-License-Identifier: GPL-2.0-or-later
/* The findings of the BTF check, and freeing its report. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "btf-internal.h"

const char *sysbtf_severity_name(enum sysbtf_severity s)
{
	static const char *const names[SYSBTF_SEVERITY_COUNT] = {
		[SYSBTF_ERROR] = "error",
		[SYSBTF_WARNING] = "warning",
		[SYSBTF_INFO] = "info",
	};

	return s < SYSBTF_SEVERITY_COUNT ? names[s] : "?";
}

void sysbtf_add(struct sysbtf_report *r, const char *id, enum sysbtf_severity severity,
		const char *path, const char *fmt, ...)
{
	struct sysbtf_finding *f;
	va_list ap;
	int n;

	if (!r)
		return;
	f = reallocarray(r->findings, r->n_findings + 1, sizeof(*f));
	if (!f) {
		r->failed = true;
		return;
	}
	r->findings = f;
	f += r->n_findings;
	*f = (struct sysbtf_finding){ .id = id,
				      .severity = severity,
				      .path = strdup(path) };
	va_start(ap, fmt);
	n = vasprintf(&f->message, fmt, ap);
	va_end(ap);
	if (n < 0 || !f->path) {
		if (n >= 0)
			free(f->message);
		free(f->path);
		r->failed = true;
		return;
	}
	r->n_findings++;
	r->counts[severity]++;
}

static void blob_release(struct sysbtf_blob *b)
{
	free(b->path);
	if (b->elf)
		free(b->elf->path);
	free(b->elf);
}

void sysbtf_report_free(struct sysbtf_report *r)
{
	if (!r)
		return;
	blob_release(&r->vmlinux);
	for (size_t i = 0; i < r->n_modules; i++) {
		free(r->modules[i].name);
		free(r->modules[i].state);
		blob_release(&r->modules[i].btf);
	}
	free(r->modules);
	for (size_t i = 0; i < r->n_findings; i++) {
		free(r->findings[i].path);
		free(r->findings[i].message);
	}
	free(r->findings);
	free(r);
}
