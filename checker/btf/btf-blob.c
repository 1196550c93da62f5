// SPDX-License-Identifier: GPL-2.0-or-later
/* One file of /sys/kernel/btf: reading it, and checking its bytes by our own reading. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "btf-internal.h"
#include "common/file-read.h"
#include "common/macro.h"

int sysbtf_blob_read(struct sysbtf_report *r, struct sysbtf_blob *b,
		     struct sysfs_blob *blob)
{
	/* below the root only: a recorded vmlinux may be a link to any file of this host,
	 * or a device node, which is never opened */
	int err = sysfs_root_map(r->root, b->path, SYSFS_MAX_BTF, true, blob);
	unsigned int mode = blob->mode;

	if (err == -ENOENT)
		return err;
	b->present = true;
	if (err == -ENOMEM)
		r->failed = true;
	if (err < 0) {
		sysbtf_add(r, "btf-unreadable", SYSBTF_ERROR, b->path,
			   "cannot read it: %s",
			   err == -EFBIG ?
				   "larger than " STRINGIFY(SYSFS_MAX_BTF_MIB) " MiB" :
				   file_strerror(err));
		return err;
	}
	b->mode = mode;
	b->size = blob->len;
	/* kernel/bpf/sysfs_btf.c and btf_module_notify() make them 0444 */
	if (b->mode != 0444)
		sysbtf_add(r, "btf-mode", SYSBTF_WARNING, b->path,
			   "mode %04o, not 0444 "
			   "(readable by all, writable by none)",
			   b->mode);
	return 0;
}

static bool check_refs(struct sysbtf_report *r, const struct sysbtf_blob *b,
		       const struct layout *l, const struct base_limits *base)
{
	struct type_refs refs;

	sysbtf_types_refs(l, b->types, base, &refs);
	if (refs.bad_types)
		sysbtf_add(r, "btf-type-graph-invalid", SYSBTF_ERROR, b->path,
			   "%zu reference%s "
			   "to types past the last one, [%u]; the first: %s",
			   refs.bad_types, refs.bad_types == 1 ? "" : "s",
			   base->types + b->types, refs.first_bad_type);
	if (refs.bad_names)
		sysbtf_add(
			r, "btf-type-graph-invalid", SYSBTF_ERROR, b->path,
			"%zu name "
			"offset%s past the end of the strings (%u bytes%s); the first: %s",
			refs.bad_names, refs.bad_names == 1 ? "" : "s",
			base->str_len + l->hdr.str_len,
			base->str_len ? " with the base's" : "", refs.first_bad_name);
	return !refs.bad_types && !refs.bad_names;
}

bool sysbtf_blob_check(struct sysbtf_report *r, struct sysbtf_blob *b, const void *data,
		       size_t size, bool split, const struct base_limits *base,
		       struct layout *l)
{
	sysbtf_layout_read(r, b->path, data, size, split, l);
	b->header_read = l->header_read;
	b->header = l->hdr;
	if (!l->types)
		return false;
	b->walked = sysbtf_types_walk(r, b->path, l, &b->types, b->kinds);
	if (!b->walked || l->errors || !l->strs)
		return false;
	/* without its base, a split file's references cannot be judged (its own finding) */
	return !base || check_refs(r, b, l, base);
}

void sysbtf_blob_parse(struct sysbtf_report *r, const struct sysbtf_blob *b,
		       const void *data, size_t size, const struct typegraph *base,
		       struct typegraph **keep)
{
	struct typegraph *g;
	uint32_t kinds[SYSBTF_KIND_COUNT];
	char why[256];
	int err = sysbtf_typegraph_parse(data, size, base, &g, why, sizeof(why));

	if (keep)
		*keep = NULL;
	if (err == -ENOMEM)
		r->failed = true;
	if (err < 0) {
		sysbtf_add(r, "btf-type-graph-invalid", SYSBTF_ERROR, b->path,
			   "libbpf cannot "
			   "parse it%s: %s",
			   base ? " as split BTF on vmlinux" : "", why);
		return;
	}
	/* two readings of one file must agree; if not, one of them is wrong about it */
	sysbtf_typegraph_kinds(g, kinds);
	if (sysbtf_typegraph_types(g) != b->types ||
	    memcmp(kinds, b->kinds, sizeof(kinds)) != 0)
		sysbtf_add(r, "btf-type-graph-invalid", SYSBTF_ERROR, b->path,
			   "libbpf reads %u "
			   "types where its records are %u, or other kinds",
			   sysbtf_typegraph_types(g), b->types);
	if (keep)
		*keep = g;
	else
		sysbtf_typegraph_free(g);
}
