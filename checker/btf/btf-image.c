// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BTF of ELF images compared with what the kernel exposes: the kernel's
 * /sys/kernel/btf/vmlinux is the .BTF section of the vmlinux it was built as, and a
 * module's file is its .ko's .BTF section, byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "btf-internal.h"
#include "common/file-read.h"
#include "ext/elf-image.h"

/* Count the types of a .BTF section, quietly: its defects are not the finding here. */
static void count_types(struct sysbtf_elf *e, const void *data, size_t size)
{
	struct layout l;

	sysbtf_layout_read(NULL, NULL, data, size, true, &l);
	if (l.types)
		sysbtf_types_walk(NULL, NULL, &l, &e->types, e->kinds);
}

/* "STRUCT 10682/10683, FUNC 56277/56270", or "the same" */
static void kinds_diff(const struct sysbtf_blob *b, const struct sysbtf_elf *e, char *buf,
		       size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (unsigned int k = 1; k < SYSBTF_KIND_COUNT && len < size; k++)
		if (b->kinds[k] != e->kinds[k])
			len += (size_t)snprintf(buf + len, size - len, "%s%s %u/%u",
						len ? ", " : "", sysbtf_kind_name(k),
						b->kinds[k], e->kinds[k]);
	if (!len)
		snprintf(buf, size, "the same");
}

static void compare(struct sysbtf_report *r, struct sysbtf_blob *b, const uint8_t *data,
		    size_t size, const uint8_t *sec, const char *differs_id)
{
	struct sysbtf_elf *e = b->elf;
	size_t n = size < e->btf_size ? size : e->btf_size, i = 0;
	char kinds[1024];

	while (i < n && data[i] == sec[i])
		i++;
	e->identical = i == n && size == e->btf_size;
	if (e->identical)
		return;
	e->first_difference = i;
	kinds_diff(b, e, kinds, sizeof(kinds));
	/* distilled base BTF (.BTF.base, Linux 6.11) is relocated onto vmlinux on loading */
	sysbtf_add(
		r, differs_id, e->has_base ? SYSBTF_INFO : SYSBTF_ERROR, b->path,
		"differs from the .BTF section of '%s' from byte %zu on (%zu bytes here, %zu "
		"there); types by kind here/there: %s%s",
		e->path, i, size, e->btf_size, kinds,
		e->has_base ? "; the image has .BTF.base, which the kernel relocates on "
			      "loading" :
			      "");
}

static bool open_section(struct sysbtf_report *r, struct sysbtf_elf *e,
			 struct image **img, const void **sec)
{
	const void *base;
	size_t base_size;
	int err = image_open(e->path, img);

	if (err == -ENOEXEC || err == -EBADMSG)
		sysbtf_add(r, "elf-bad-image", SYSBTF_ERROR, e->path, "%s",
			   err == -ENOEXEC ? "not an ELF image" :
					     "corrupt compressed data");
	else if (err < 0)
		sysbtf_add(r, "elf-unreadable", SYSBTF_ERROR, e->path,
			   "cannot read it: %s", file_strerror(err));
	if (err < 0)
		return false;
	e->read = true;
	err = image_section(*img, ".BTF", sec, &e->btf_size);
	if (err < 0) {
		sysbtf_add(r, "elf-no-btf-section", SYSBTF_ERROR, e->path,
			   "no .BTF section%s",
			   err == -ENOENT ?
				   ": built without BTF (CONFIG_DEBUG_INFO_BTF, pahole), "
				   "or stripped" :
				   " that can be read");
		return false;
	}
	e->has_btf = true;
	e->has_base = image_section(*img, ".BTF.base", &base, &base_size) == 0;
	return true;
}

void sysbtf_image_compare(struct sysbtf_report *r, struct sysbtf_blob *b,
			  const void *data, size_t size, const char *path,
			  const char *differs_id)
{
	struct image *img = NULL;
	const void *sec;

	b->elf = calloc(1, sizeof(*b->elf));
	if (!b->elf || !(b->elf->path = strdup(path))) {
		r->failed = true;
		return;
	}
	if (open_section(r, b->elf, &img, &sec)) {
		count_types(b->elf, sec, b->elf->btf_size);
		compare(r, b, data, size, sec, differs_id);
	}
	image_free(img);
}
