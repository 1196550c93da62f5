// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A compiled image of a tree (abi/image.c) as abi_tree_load_image() maps it from the
 * cache, where anything may have damaged it: abi_tree_from_image() with no stamp, so
 * that an image of any tree and any build is read through, not only refused at its
 * header. An image it refuses must have delivered no diagnostic; one it takes must give
 * a tree whose every field reads as a loaded tree's does (strings where there must be
 * strings), with diagnostics to match, that an index is built on and looked up in.
 */
#include <string.h>

#include "abi/abi-internal.h"
#include "fuzz.h"

/* Paths of every kind of What, some of them the fixtures' and 6.12's. */
static const char *const paths[] = {
	"/sys/kernel/btf/vmlinux",
	"/sys/class/net/eth0/mtu",
	"/sys/devices/system/cpu/cpu0/topology/core_id",
	"/sys/bus/usb/drivers/usbold/bind",
	"/sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/scsi_host/host0/link_power",
	"/sys/kernel/debug/x",
	"/proc/sys/kernel/x",
	"/",
};

static void read_diag(void *data, const struct abi_diag *d)
{
	size_t *sum = data;

	*sum += strlen(d->message) + strlen(d->loc.file) + d->loc.line;
	*sum += strlen(abi_diag_kind_name(d->kind));
	*sum += strlen(abi_severity_name(d->severity));
	for (size_t i = 0; i < d->n_related; i++)
		*sum += strlen(d->related[i].file) + d->related[i].line;
	sum[1]++;
}

static size_t read_text(const struct abi_text *t)
{
	return t->str ? strlen(t->str) + t->line : 0;
}

static size_t read_what(const struct abi_what *w)
{
	size_t sum = strlen(w->text) + strlen(w->path) + w->line;
	char *desc;

	sum += w->trailing ? strlen(w->trailing) : 0;
	sum += strlen(abi_what_kind_name(w->kind));
	if (w->pattern) {
		desc = abi_pattern_describe(w->pattern);
		if (!desc)
			fuzz_die("out of memory");
		sum += strlen(desc) + abi_pattern_match(w->pattern, w->path);
		free(desc);
	}
	return sum;
}

static int count_match(void *data, const struct abi_what *w)
{
	size_t *n = data;

	*n += w->line;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct abi_tree *tree = NULL;
	struct abi_index *index;
	struct abi_ctx *ctx;
	size_t sum[2] = { 0 }, n;
	int r;

	if (abi_ctx_new(&ctx) < 0)
		fuzz_die("out of memory");
	abi_ctx_set_diag_fn(ctx, read_diag, sum);
	r = abi_tree_from_image(ctx, "fuzz", data, size, NULL, &tree);
	if (r == -ENOMEM)
		fuzz_die("out of memory");
	if (r < 0) {
		/* whole or nothing: a refused image delivered no diagnostic */
		if (r != -EINVAL || tree || sum[1]) {
			fprintf(stderr, "fuzz-image: refused with %d, %zu diagnostics\n",
				r, sum[1]);
			abort();
		}
		abi_ctx_free(ctx);
		return 0;
	}
	sum[0] += strlen(tree->root) +
		  (tree->kernel_version ? strlen(tree->kernel_version) : 0);
	n = 0;
	for (size_t i = 0; i < tree->n_files; i++) {
		const struct abi_file *f = tree->files[i];

		sum[0] += strlen(f->path) + strlen(f->name) +
			  strlen(abi_level_name(f->level));
		for (size_t e = 0; e < f->n_entries; e++) {
			const struct abi_entry *entry = f->entries[e];

			/* the tree's list of entries is the files' in order */
			if (entry != tree->entries[n] || entry->index != n++ ||
			    entry->file != f || entry->level != f->level) {
				fprintf(stderr, "fuzz-image: entry %zu out of place\n",
					n);
				abort();
			}
			sum[0] += read_text(&entry->date) +
				  read_text(&entry->kernel_version) +
				  read_text(&entry->contact) +
				  read_text(&entry->description) +
				  read_text(&entry->users);
			for (size_t w = 0; w < entry->n_whats; w++)
				sum[0] += read_what(&entry->whats[w]);
		}
	}
	if (n != tree->n_entries)
		abort();
	if (abi_index_new(tree, &index) < 0)
		fuzz_die("out of memory");
	for (size_t i = 0; i < ARRAY_SIZE(paths); i++)
		if (abi_index_lookup(index, paths[i], count_match, &sum[0]) < 0)
			fuzz_die("out of memory");
	/* each What's own path, as `sysabi match` is asked for a documented one */
	for (size_t e = 0; e < tree->n_entries && e < 64; e++)
		for (size_t w = 0; w < tree->entries[e]->n_whats && w < 4; w++)
			if (abi_index_lookup(index, tree->entries[e]->whats[w].path,
					     count_match, &sum[0]) < 0)
				fuzz_die("out of memory");
	abi_index_free(index);
	abi_tree_free(tree);
	abi_ctx_free(ctx);
	return 0;
}
