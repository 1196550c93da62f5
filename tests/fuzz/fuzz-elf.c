// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF images and compressed modules, as `sysabi btf --vmlinux/--modules-dir` reads
 * them: the input is an image file (plain ELF, or xz, gzip or zstd as .ko.xz, .ko.gz,
 * .ko.zst are, told by the magic), compared by sysbtf_image_compare() with a module's BTF:
 * image_open() (decompression included), image_section() for .BTF and .BTF.base, and
 * the section's types counted by our own reading.
 */
#include <stdlib.h>
#include <string.h>

#include "btf/btf-internal.h"
#include "ext/elf-image.h"
#include "fuzz.h"

/* The BTF the image is compared with: a header and no types, as a module without any. */
static const uint8_t sysfs_btf[] = {
	0x9f, 0xeb, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sysbtf_report *r = calloc(1, sizeof(*r));
	const char *path = fuzz_file(data, size);
	struct sysbtf_blob *b;

	if (!r || !(r->vmlinux.path = strdup("/sys/kernel/btf/vmlinux")))
		fuzz_die("out of memory");
	b = &r->vmlinux;
	b->present = true;
	b->size = sizeof(sysfs_btf);
	sysbtf_image_compare(r, b, sysfs_btf, sizeof(sysfs_btf), path,
			     "btf-vmlinux-differs");
	if (r->failed)
		fuzz_die("out of memory");
	sysbtf_report_free(r);
	return 0;
}
