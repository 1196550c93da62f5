// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The header of a BTF file and where its sections lie, read by our own code so that a
 * damaged file gets a precise finding, and as strictly as the kernel's btf_parse_hdr()
 * and btf_check_sec_info(): the sections fill the file after the header exactly.
 */
#include <byteswap.h>
#include <stdint.h>

#include "btf-internal.h"

#define FAIL(l, r, id, path, ...)                                         \
	do {                                                              \
		(l)->errors = true;                                       \
		sysbtf_add((r), (id), SYSBTF_ERROR, (path), __VA_ARGS__); \
	} while (0)

/* Magic and header size: without them nothing else can be read. */
static bool read_header(struct sysbtf_report *r, const char *path, struct layout *l)
{
	const uint8_t *d = l->data;
	uint16_t magic = l->size >= 2 ? get16(d) : 0;
	uint32_t hdr_len;

	if (l->size >= 2 && magic == bswap_16(BTF_FORMAT_MAGIC)) {
		FAIL(l, r, "btf-bad-magic", path,
		     "magic 0x%04x: BTF of the other byte order", magic);
		return false;
	}
	if (l->size >= 2 && magic != BTF_FORMAT_MAGIC) {
		FAIL(l, r, "btf-bad-magic", path, "magic 0x%04x, not 0x%04x: not BTF",
		     magic, BTF_FORMAT_MAGIC);
		return false;
	}
	if (l->size < BTF_FORMAT_HDR_SIZE) {
		FAIL(l, r, "btf-truncated", path,
		     "the file has %zu bytes, a BTF header %d", l->size,
		     BTF_FORMAT_HDR_SIZE);
		return false;
	}
	hdr_len = get32(d + 4);
	if (hdr_len < BTF_FORMAT_HDR_SIZE) {
		FAIL(l, r, "btf-bad-hdr-len", path,
		     "hdr_len is %u, less than the %d bytes of "
		     "a BTF header",
		     hdr_len, BTF_FORMAT_HDR_SIZE);
		return false;
	}
	if (hdr_len > l->size) {
		FAIL(l, r, "btf-truncated", path,
		     "the file has %zu bytes, its header says it "
		     "alone has %u",
		     l->size, hdr_len);
		return false;
	}
	l->hdr = (struct sysbtf_header){
		.magic = magic,
		.version = d[2],
		.flags = d[3],
		.hdr_len = hdr_len,
		.type_off = get32(d + 8),
		.type_len = get32(d + 12),
		.str_off = get32(d + 16),
		.str_len = get32(d + 20),
	};
	l->header_read = true;
	return true;
}

static void check_header(struct sysbtf_report *r, const char *path, struct layout *l)
{
	const struct sysbtf_header *h = &l->hdr;

	if (h->version != BTF_FORMAT_VERSION)
		FAIL(l, r, "btf-bad-version", path, "version %u, not %d", h->version,
		     BTF_FORMAT_VERSION);
	if (h->flags)
		FAIL(l, r, "btf-flags-set", path, "flags 0x%02x; no flag is defined",
		     h->flags);
	/* a longer header is for fields from the future, which must be unset to be ignored */
	for (uint32_t i = BTF_FORMAT_HDR_SIZE; i < h->hdr_len; i++) {
		if (l->data[i]) {
			FAIL(l, r, "btf-bad-hdr-len", path,
			     "hdr_len is %u and byte %u of the "
			     "header, past the %d bytes of version 1, is not zero",
			     h->hdr_len, i, BTF_FORMAT_HDR_SIZE);
			break;
		}
	}
}

/* One section: inside the data after the header? Returns where it starts, or NULL. */
static const uint8_t *section(struct sysbtf_report *r, const char *path, struct layout *l,
			      const char *name, uint32_t off, uint32_t len, bool report)
{
	uint64_t end = (uint64_t)off + len, room = l->size - l->hdr.hdr_len;

	if (end <= room)
		return l->data + l->hdr.hdr_len + off;
	if (report)
		FAIL(l, r, "btf-section-out-of-bounds", path,
		     "the %s section (offset %u, %u "
		     "bytes) ends at %llu, past the %llu bytes after the header",
		     name, off, len, (unsigned long long)end, (unsigned long long)room);
	return NULL;
}

static void check_sections(struct sysbtf_report *r, const char *path, struct layout *l)
{
	const struct sysbtf_header *h = &l->hdr;
	uint64_t declared = (uint64_t)h->hdr_len + h->type_len + h->str_len;
	bool truncated = declared > l->size;

	if (truncated)
		FAIL(l, r, "btf-truncated", path,
		     "the file has %zu bytes, its header "
		     "describes %llu (header %u, types %u, strings %u)",
		     l->size, (unsigned long long)declared, h->hdr_len, h->type_len,
		     h->str_len);
	else if (declared < l->size)
		FAIL(l, r, "btf-size-mismatch", path,
		     "the file has %zu bytes, %llu more than "
		     "its header and sections (%llu)",
		     l->size, (unsigned long long)(l->size - declared),
		     (unsigned long long)declared);
	/* a cut file has its sections past the end: the truncation says it all */
	l->types = section(r, path, l, "type", h->type_off, h->type_len, !truncated);
	l->strs = section(r, path, l, "string", h->str_off, h->str_len, !truncated);
	if (l->types && l->strs && h->type_len && h->str_len &&
	    h->type_off < (uint64_t)h->str_off + h->str_len &&
	    h->str_off < (uint64_t)h->type_off + h->type_len)
		FAIL(l, r, "btf-sections-overlap", path,
		     "the type section (offset %u, %u bytes) "
		     "and the string section (offset %u, %u bytes) overlap",
		     h->type_off, h->type_len, h->str_off, h->str_len);
	if (h->type_off % 4)
		FAIL(l, r, "btf-types-misaligned", path,
		     "the type section starts at offset "
		     "%u, not a multiple of 4",
		     h->type_off);
}

static void check_strings(struct sysbtf_report *r, const char *path, struct layout *l,
			  bool split)
{
	uint32_t len = l->hdr.str_len;

	if (!l->strs)
		return;
	/* split BTF continues its base's strings; its own may be none at all */
	if (!split && (!len || l->strs[0]))
		FAIL(l, r, "btf-strings-bad-start", path, "the string section %s",
		     len ? "does not start with the empty string (a NUL byte)" :
			   "is empty");
	if (len && l->strs[len - 1])
		FAIL(l, r, "btf-strings-unterminated", path,
		     "the string section's last byte "
		     "(at %u) is 0x%02x, not NUL: its last string is unterminated",
		     l->hdr.hdr_len + l->hdr.str_off + len - 1, l->strs[len - 1]);
}

void sysbtf_layout_read(struct sysbtf_report *r, const char *path, const void *data,
			size_t size, bool split, struct layout *l)
{
	*l = (struct layout){ .data = data, .size = size };
	if (!read_header(r, path, l))
		return;
	check_header(r, path, l);
	check_sections(r, path, l);
	check_strings(r, path, l, split);
}
