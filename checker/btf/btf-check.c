// SPDX-License-Identifier: GPL-2.0-or-later
/* The BTF check: vmlinux first, as every module's BTF stands on it, then the modules. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf-internal.h"
#include "common/file-read.h"
#include "sysfs/sysfs-tree.h"

/* Check vmlinux; on success hand its libbpf graph and limits to the module check. */
static void check_vmlinux(struct sysbtf_report *r, const struct sysbtf_options *opt,
			  struct module_context *mc, struct typegraph **graph)
{
	static const struct base_limits none;
	struct sysbtf_blob *b = &r->vmlinux;
	size_t errors = r->counts[SYSBTF_ERROR];
	struct layout l;
	struct sysfs_blob blob;
	int err = sysbtf_blob_read(r, b, &blob);
	const void *data = blob.data;
	size_t size = blob.len;

	mc->no_base_why = err == -ENOENT ? "missing" : "not valid BTF";
	if (err == -ENOENT)
		sysbtf_add(r, "btf-vmlinux-missing", SYSBTF_ERROR, b->path,
			   "/sys/kernel/btf "
			   "exists, so the kernel's own BTF must be there");
	if (err < 0)
		return;
	if (sysbtf_blob_check(r, b, data, size, false, &none, &l))
		sysbtf_blob_parse(r, b, data, size, NULL, graph);
	b->valid = r->counts[SYSBTF_ERROR] == errors;
	if (b->valid && *graph) {
		mc->base = *graph;
		mc->limits = (struct base_limits){ b->types, l.hdr.str_len };
	}
	if (opt->vmlinux)
		sysbtf_image_compare(r, b, data, size, opt->vmlinux,
				     "btf-vmlinux-differs");
	sysfs_blob_release(&blob);
}

static void check_all(struct sysbtf_report *r, const struct sysbtf_options *opt)
{
	struct module_context mc = { .modules_dir = opt->modules_dir };
	struct typegraph *graph = NULL;

	int err = sysfs_root_dir_state(r->root, "/sys/kernel/btf");

	if (err == -ENOENT || err == -ENOTDIR) {
		sysbtf_add(
			r, "btf-not-exposed", SYSBTF_INFO, "/sys/kernel/btf",
			"no BTF in "
			"this sysfs: the kernel was built without CONFIG_DEBUG_INFO_BTF%s",
			r->live ? "" : ", or the recording left it out");
		return;
	}
	/* there, and not to be read: a link out of a recorded root, no permission */
	if (err < 0) {
		sysbtf_add(r, "btf-unreadable", SYSBTF_ERROR, "/sys/kernel/btf",
			   "cannot read "
			   "it: %s",
			   file_strerror(err));
		return;
	}
	r->exposed = true;
	check_vmlinux(r, opt, &mc, &graph);
	/* the running kernel's module files mean nothing for a recorded tree */
	if (opt->modules_dir || r->live)
		sysbtf_module_files_new(opt->modules_dir, &mc.files);
	sysbtf_modules_check(r, &mc);
	sysbtf_module_files_free(mc.files);
	sysbtf_typegraph_free(graph);
}

int sysbtf_check(const struct sysbtf_options *opt, struct sysbtf_report **out)
{
	struct sysbtf_report *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return -ENOMEM;
	r->root = opt->root;
	r->live = opt->root->live;
	r->vmlinux.path = strdup("/sys/kernel/btf/vmlinux");
	if (r->vmlinux.path)
		check_all(r, opt);
	if (!r->vmlinux.path || r->failed) {
		sysbtf_report_free(r);
		return -ENOMEM;
	}
	*out = r;
	return 0;
}
