// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The library context: where diagnostics go, and the table of diagnostic kinds
 * (stable name, severity, what it means).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "abi-internal.h"

static const struct {
	const char *name;
	enum abi_severity severity;
	const char *help;
} diag_kinds[ABI_DIAG_KIND_COUNT] = {
	[ABI_DIAG_UNREADABLE_FILE] = { "unreadable-file", ABI_SEVERITY_ERROR,
				       "the file could not be opened or read; check its permissions" },
	[ABI_DIAG_BINARY_FILE] = { "binary-file", ABI_SEVERITY_ERROR,
				   "the file holds NUL bytes; ABI files are text, remove or fix it" },
	[ABI_DIAG_EMPTY_FILE] = { "empty-file", ABI_SEVERITY_WARNING,
				  "the file documents nothing; add entries or remove it" },
	[ABI_DIAG_FILE_OUTSIDE_LEVEL] = { "file-outside-level", ABI_SEVERITY_WARNING,
					  "entries belong in stable/, testing/, obsolete/ or removed/; move the file" },
	[ABI_DIAG_FILE_IN_TWO_LEVELS] = { "file-in-two-levels", ABI_SEVERITY_WARNING,
					  "one file name exists in two levels; merge the entries into one level" },
	[ABI_DIAG_CRLF] = { "crlf", ABI_SEVERITY_WARNING,
			    "the file has CRLF line ends; convert it to LF" },
	[ABI_DIAG_INVALID_UTF8] = { "invalid-utf8", ABI_SEVERITY_WARNING,
				    "the file has bytes that are not UTF-8; re-encode it as UTF-8" },
	[ABI_DIAG_TAG_MISSING_COLON] = { "tag-missing-colon", ABI_SEVERITY_WARNING,
					 "a tag at column 0 has no colon, as in `Date  June 2020`; add the colon" },
	[ABI_DIAG_TAG_WHERE] = { "tag-where", ABI_SEVERITY_WARNING,
				 "`Where:` is not a tag; it was read as `What:`, write `What:`" },
	[ABI_DIAG_TAG_UNKNOWN] = { "tag-unknown", ABI_SEVERITY_WARNING,
				   "the tag is not one of What, Date, KernelVersion, Contact, Description, Users; "
				   "its text was kept in the description: indent it there or use a known tag" },
	[ABI_DIAG_TAG_DUPLICATE] = { "tag-duplicate", ABI_SEVERITY_WARNING,
				     "an entry gives the same field twice; the first one is kept, merge them" },
	[ABI_DIAG_TEXT_OUTSIDE_ENTRY] = { "text-outside-entry", ABI_SEVERITY_WARNING,
					  "text before the first What: belongs to no entry; remove it or make it a comment "
					  "in the file's header" },
	[ABI_DIAG_UNINDENTED_TEXT] = { "unindented-text", ABI_SEVERITY_WARNING,
				       "body text at column 0 looks like a tag to readers; indent it" },
	[ABI_DIAG_WHAT_NOT_FIRST] = { "what-not-first", ABI_SEVERITY_WARNING,
				      "an entry starts with another tag than What:; put its What: lines first" },
	[ABI_DIAG_WHAT_AFTER_FIELD] = { "what-after-field", ABI_SEVERITY_WARNING,
					"a What: line comes after another field of the same entry; move every What: "
					"line to the top of the entry" },
	[ABI_DIAG_WHAT_EMPTY] = { "what-empty", ABI_SEVERITY_WARNING,
				  "a What: line names nothing; write the path or remove the line" },
	[ABI_DIAG_WHAT_NOT_PATH] = { "what-not-path", ABI_SEVERITY_WARNING,
				     "a What: names no path; name the interface's path" },
	[ABI_DIAG_WHAT_TRAILING_TEXT] = { "what-trailing-text", ABI_SEVERITY_WARNING,
					  "words follow the path on a What: line; move them into the description" },
	[ABI_DIAG_WHAT_BAD_PATTERN] = { "what-bad-pattern", ABI_SEVERITY_ERROR,
					"the What cannot be read as a pattern (unbalanced brackets, too many "
					"alternatives); fix its wildcards" },
	[ABI_DIAG_WHAT_DUPLICATE] = { "what-duplicate", ABI_SEVERITY_WARNING,
				      "one path is documented more than once; keep one entry" },
	[ABI_DIAG_MISSING_DESCRIPTION] = { "missing-description", ABI_SEVERITY_WARNING,
					   "the entry has no Description:; describe the interface" },
	[ABI_DIAG_MISSING_DATE] = { "missing-date", ABI_SEVERITY_LINT,
				    "the entry has no Date:; add when the interface appeared" },
	[ABI_DIAG_MISSING_KERNELVERSION] = { "missing-kernelversion", ABI_SEVERITY_LINT,
					     "the entry has no KernelVersion:; add the first kernel that has the interface" },
	[ABI_DIAG_MISSING_CONTACT] = { "missing-contact", ABI_SEVERITY_LINT,
				       "the entry has no Contact:; add a mailing list or maintainer" },
	[ABI_DIAG_DATE_UNPARSED] = { "date-unparsed", ABI_SEVERITY_LINT,
				     "the Date: cannot be read as a date; write it as `Month YYYY` or `YYYY-MM-DD`" },
	[ABI_DIAG_KERNELVERSION_UNPARSED] = { "kernelversion-unparsed", ABI_SEVERITY_LINT,
					      "the KernelVersion: cannot be read as a version; write it as `6.12`" },
	[ABI_DIAG_TAG_CASE] = { "tag-case", ABI_SEVERITY_LINT,
				"a known tag in other letters, as `contact:`; it was read, spell it `Contact:`" },
	[ABI_DIAG_WHAT_TOO_BROAD] = { "what-too-broad", ABI_SEVERITY_WARNING,
				      "the What has no literal text below its first directory, so it matches every "
				      "path of its depth; sysabi does not let it document anything: name the "
				      "directories it lives in" },
};

static const char *const level_names[] = {
	[ABI_LEVEL_STABLE] = "stable",     [ABI_LEVEL_TESTING] = "testing",
	[ABI_LEVEL_OBSOLETE] = "obsolete", [ABI_LEVEL_REMOVED] = "removed",
	[ABI_LEVEL_NONE] = "none",
};

static const char *const severity_names[] = {
	[ABI_SEVERITY_ERROR] = "error",
	[ABI_SEVERITY_WARNING] = "warning",
	[ABI_SEVERITY_LINT] = "lint",
};

static const char *const what_kind_names[] = {
	[ABI_WHAT_SYSFS] = "sysfs",           [ABI_WHAT_DEBUGFS] = "debugfs",
	[ABI_WHAT_TRACEFS] = "tracefs",       [ABI_WHAT_CONFIGFS] = "configfs",
	[ABI_WHAT_PROCFS] = "procfs",         [ABI_WHAT_DEV] = "dev",
	[ABI_WHAT_OTHER_PATH] = "other-path", [ABI_WHAT_PROSE] = "prose",
};

const char *abi_what_kind_name(enum abi_what_kind kind)
{
	return (unsigned int)kind < ABI_WHAT_KIND_COUNT ? what_kind_names[kind] : "?";
}

const char *abi_level_name(enum abi_level level)
{
	return (unsigned int)level <= ABI_LEVEL_NONE ? level_names[level] : "none";
}

const char *abi_severity_name(enum abi_severity severity)
{
	return (unsigned int)severity < ABI_SEVERITY_COUNT ? severity_names[severity] :
							     "?";
}

const char *abi_diag_kind_name(enum abi_diag_kind kind)
{
	return (unsigned int)kind < ABI_DIAG_KIND_COUNT ? diag_kinds[kind].name : "?";
}

enum abi_severity abi_diag_kind_severity(enum abi_diag_kind kind)
{
	return (unsigned int)kind < ABI_DIAG_KIND_COUNT ? diag_kinds[kind].severity :
							  ABI_SEVERITY_ERROR;
}

const char *abi_diag_kind_help(enum abi_diag_kind kind)
{
	return (unsigned int)kind < ABI_DIAG_KIND_COUNT ? diag_kinds[kind].help : "";
}

int abi_ctx_new(struct abi_ctx **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

void abi_ctx_free(struct abi_ctx *ctx)
{
	free(ctx);
}

void abi_ctx_set_diag_fn(struct abi_ctx *ctx, abi_diag_fn fn, void *data)
{
	ctx->diag_fn = fn;
	ctx->diag_data = data;
}

size_t abi_ctx_diag_count(const struct abi_ctx *ctx, enum abi_diag_kind kind)
{
	return (unsigned int)kind < ABI_DIAG_KIND_COUNT ? ctx->counts[kind] : 0;
}

void abi_diag_report(struct abi_ctx *ctx, enum abi_diag_kind kind, const char *file,
		     unsigned int line, const struct abi_loc *related, size_t n_related,
		     const char *fmt, ...)
{
	struct abi_diag d = {
		.kind = kind,
		.severity = abi_diag_kind_severity(kind),
		.loc = { file, line },
		.related = related,
		.n_related = n_related,
	};
	char small[512], *msg = small;
	va_list ap;
	int n;

	ctx->counts[kind]++;
	if (!ctx->diag_fn)
		return;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (!msg) {
			ctx->lost = true;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	d.message = n < 0 ? "" : msg;
	ctx->diag_fn(ctx->diag_data, &d);
	if (msg != small)
		free(msg);
}
