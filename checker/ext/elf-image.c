// SPDX-License-Identifier: GPL-2.0-or-later
/* ELF images and their sections, through libelf: the only file that sees it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

#include "elf-image.h"
#include "elf-unpack.h"
#include "common/file-read.h"

struct image {
	Elf *elf;
	int fd;         /* a plain file: libelf maps it */
	void *unpacked; /* a compressed one: its contents */
	const char *compression;
};

/*
 * A compressed file: read whole (it is small, its contents are not) and decompressed
 * into img->unpacked. check_size() bounded it; the read holds to the bound if it grew.
 */
static int unpack_file(struct image *img, size_t *size)
{
	char *packed;
	size_t packed_size;
	int r = file_read_fd(img->fd, UNPACK_MAX, &packed, &packed_size);

	if (r < 0)
		return r;
	r = unpack(img->compression, packed, packed_size, &img->unpacked, size);
	free(packed);
	return r;
}

static int open_elf(struct image *img)
{
	char magic[6];
	size_t size = 0;
	ssize_t n = pread(img->fd, magic, sizeof(magic), 0);
	int r;

	if (n < 0)
		return -errno;
	img->compression = unpack_format(magic, (size_t)n);
	if (img->compression) {
		r = unpack_file(img, &size);
		if (r < 0)
			return r;
		img->elf = elf_memory(img->unpacked, size);
	} else {
		img->elf = elf_begin(img->fd, ELF_C_READ_MMAP, NULL);
	}
	if (!img->elf || elf_kind(img->elf) != ELF_K_ELF)
		return -ENOEXEC;
	return 0;
}

/* No module or kernel image is larger (UNPACK_MAX); libelf may read it all. */
static int check_size(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	return (unsigned long long)st.st_size > UNPACK_MAX ? -EFBIG : 0;
}

int image_open(const char *path, struct image **out)
{
	struct image *img;
	int r;

	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOSYS;
	img = calloc(1, sizeof(*img));
	if (!img)
		return -ENOMEM;
	/* a regular file, never a device: opening one runs its driver */
	img->fd = file_open_regular(path);
	if (img->fd < 0) {
		r = img->fd;
		free(img);
		return r;
	}
	r = check_size(img->fd);
	if (r == 0)
		r = open_elf(img);
	if (r < 0) {
		image_free(img);
		return r;
	}
	*out = img;
	return 0;
}

void image_free(struct image *img)
{
	if (!img)
		return;
	elf_end(img->elf);
	free(img->unpacked);
	if (img->fd >= 0)
		close(img->fd);
	free(img);
}

const char *image_compression(const struct image *img)
{
	return img->compression;
}

static Elf_Scn *find_section(Elf *elf, const char *name, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;
	size_t strndx;

	if (elf_getshdrstrndx(elf, &strndx) < 0)
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, shdr))
			return NULL;
		n = elf_strptr(elf, strndx, shdr->sh_name);
		if (n && strcmp(n, name) == 0)
			return scn;
	}
	return NULL;
}

int image_section(struct image *img, const char *name, const void **data, size_t *size)
{
	GElf_Shdr shdr;
	Elf_Scn *scn = find_section(img->elf, name, &shdr);
	Elf_Data *d;

	*data = NULL;
	*size = 0;
	if (!scn)
		return -ENOENT;
	if (shdr.sh_type == SHT_NOBITS)
		return -ENODATA;
	if ((shdr.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
		return -EBADMSG;
	d = elf_getdata(scn, NULL);
	if (!d)
		return -EBADMSG;
	*data = d->d_buf;
	*size = d->d_size;
	return 0;
}
