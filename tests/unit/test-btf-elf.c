// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The adapters the BTF check reads module images with: decompression (liblzma, zlib,
 * libzstd), ELF sections (libelf), module files and modinfo (libkmod).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "ext/elf-image.h"
#include "ext/elf-unpack.h"
#include "ext/kmod-module.h"
#include "unit.h"

/* Something that compresses, and is checked byte for byte after the round trip. */
static void sample(uint8_t *buf, size_t size)
{
	for (size_t i = 0; i < size; i++)
		buf[i] = (uint8_t)(i * 7 / 13);
}

static size_t xz(const uint8_t *in, size_t size, uint8_t *out, size_t cap)
{
	size_t pos = 0;

	CU_ASSERT_FATAL(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in, size, out,
						&pos, cap) == LZMA_OK);
	return pos;
}

static size_t gz(const uint8_t *in, size_t size, uint8_t *out, size_t cap)
{
	z_stream z = { 0 };
	size_t n;

	CU_ASSERT_FATAL(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
				     Z_DEFAULT_STRATEGY) == Z_OK);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	CU_ASSERT_FATAL(deflate(&z, Z_FINISH) == Z_STREAM_END);
	n = z.total_out;
	deflateEnd(&z);
	return n;
}

static size_t zst(const uint8_t *in, size_t size, uint8_t *out, size_t cap)
{
	ZSTD_CCtx *c = ZSTD_createCCtx();
	size_t n;

	/* with a checksum, as the zstd command writes: garbled data is then always caught */
	CU_ASSERT_FATAL(c &&
			!ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)));
	n = ZSTD_compress2(c, out, cap, in, size);
	ZSTD_freeCCtx(c);
	CU_ASSERT_FATAL(!ZSTD_isError(n));
	return n;
}

static void round_trip(const char *format,
		       size_t (*pack)(const uint8_t *, size_t, uint8_t *, size_t))
{
	/* past the first buffer the decompressors start with (1 MiB): they must grow */
	size_t size = (3 << 20) + 17, cap = size + 4096, n, out_size;
	uint8_t *in = malloc(size), *packed = malloc(cap);
	void *out;

	CU_ASSERT_FATAL(in && packed);
	sample(in, size);
	n = pack(in, size, packed, cap);
	CU_ASSERT_STRING_EQUAL(unpack_format(packed, n), format);
	CU_ASSERT_EQUAL_FATAL(unpack(format, packed, n, &out, &out_size), 0);
	CU_ASSERT_EQUAL(out_size, size);
	CU_ASSERT_TRUE(out_size == size && memcmp(out, in, size) == 0);
	free(out);
	/* cut short, or garbled in the middle: corrupt, never a crash */
	CU_ASSERT_EQUAL(unpack(format, packed, n / 2, &out, &out_size), -EBADMSG);
	CU_ASSERT_PTR_NULL(out);
	memset(packed + n / 3, 0x55, 64);
	CU_ASSERT_EQUAL(unpack(format, packed, n, &out, &out_size), -EBADMSG);
	free(in);
	free(packed);
}

static void test_unpack(void)
{
	void *out;
	size_t size;

	round_trip("xz", xz);
	round_trip("gzip", gz);
	round_trip("zstd", zst);
	CU_ASSERT_PTR_NULL(unpack_format("\x7f"
					 "ELF",
					 4));
	CU_ASSERT_PTR_NULL(unpack_format("\x1f", 1));
	CU_ASSERT_EQUAL(unpack("lz4", "", 0, &out, &size), -EINVAL);
	CU_ASSERT_EQUAL(unpack("xz", "", 0, &out, &size), -EBADMSG);
	CU_ASSERT_EQUAL(unpack("zstd", "", 0, &out, &size), -EBADMSG);
	CU_ASSERT_EQUAL(unpack("gzip", "", 0, &out, &size), -EBADMSG);
}

static void test_image(void)
{
	struct image *img;
	const void *data;
	size_t size;
	char *dir;
	static const struct unit_file files[] = {
		{ "text.ko", "not an ELF image\n" },
		{ NULL, NULL },
	};
	char *path;

	/* the test program itself is an ELF image, without BTF */
	CU_ASSERT_EQUAL_FATAL(image_open("/proc/self/exe", &img), 0);
	CU_ASSERT_PTR_NULL(image_compression(img));
	CU_ASSERT_EQUAL(image_section(img, ".text", &data, &size), 0);
	CU_ASSERT_TRUE(size > 0 && data);
	CU_ASSERT_EQUAL(image_section(img, ".BTF", &data, &size), -ENOENT);
	CU_ASSERT_EQUAL(image_section(img, ".bss", &data, &size), -ENODATA);
	image_free(img);
	dir = unit_tree_new(files);
	CU_ASSERT_FATAL(asprintf(&path, "%s/text.ko", dir) > 0);
	CU_ASSERT_EQUAL(image_open(path, &img), -ENOEXEC);
	CU_ASSERT_PTR_NULL(img);
	free(path);
	CU_ASSERT_FATAL(asprintf(&path, "%s/nonexistent.ko", dir) > 0);
	CU_ASSERT_EQUAL(image_open(path, &img), -ENOENT);
	free(path);
	unit_tree_remove(dir);
	image_free(NULL);
}

static void test_kmod(void)
{
	struct module_db *db;
	char *s = (char *)"unset";
	int r;

	CU_ASSERT_EQUAL_FATAL(module_db_new(&db), 0);
	CU_ASSERT_EQUAL(module_db_path(db, "sysabi_no_such_module", &s), -ENOENT);
	CU_ASSERT_PTR_NULL(s);
	s = (char *)"unset";
	CU_ASSERT_EQUAL(module_db_describe(db, "sysabi-no-such-module", &s), -ENOENT);
	CU_ASSERT_PTR_NULL(s);
	module_db_free(db);
	module_db_free(NULL);
	CU_ASSERT_EQUAL(module_describe("sysabi_no_such_module", &s), -ENOENT);
	CU_ASSERT_PTR_NULL(s);
	/* a real module: described where modules are installed, -ENOENT where not */
	r = module_describe("loop", &s);
	CU_ASSERT_TRUE(r == 0 || r == -ENOENT);
	CU_ASSERT_TRUE(r == 0 ? s && *s : !s);
	free(s);
}

void test_btf_elf_register(void)
{
	static const struct unit_test tests[] = {
		{ "xz, gzip, zstd: round trips and corrupt data", test_unpack },
		{ "ELF images and their sections", test_image },
		{ "libkmod: paths and descriptions", test_kmod },
		{ NULL, NULL },
	};

	unit_add_suite("btf-elf", tests);
}
