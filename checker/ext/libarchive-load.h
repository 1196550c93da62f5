/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libarchive, loaded when an archive is read or written and not before: linked in, it
 * and what it brings (libxml2, ICU, libcrypto, nettle...) cost every run of sysabi
 * 4.4 M instructions of relocation before main(), most runs reading no archive. Its
 * headers still type every call. The snapshot reader (sysfs/sysfs-archive.c) and
 * writer (snapshot/snapshot-write.c) call it through libarchive_load().
 */
#ifndef SYSABI_LIBARCHIVE_LOAD_H
#define SYSABI_LIBARCHIVE_LOAD_H

#include <archive.h>
#include <archive_entry.h>

/* libarchive's soname since 3.0; the Debian package libarchive13 */
#define LIBARCHIVE_SONAME "libarchive.so.13"

/* The functions of libarchive sysabi calls, each with its own type and name. */
struct libarchive_fns {
#define LIBARCHIVE_FN(name) __typeof__(name) *name
	LIBARCHIVE_FN(archive_entry_clear);
	LIBARCHIVE_FN(archive_entry_filetype);
	LIBARCHIVE_FN(archive_entry_free);
	LIBARCHIVE_FN(archive_entry_hardlink);
	LIBARCHIVE_FN(archive_entry_new);
	LIBARCHIVE_FN(archive_entry_pathname);
	LIBARCHIVE_FN(archive_entry_perm);
	LIBARCHIVE_FN(archive_entry_set_filetype);
	LIBARCHIVE_FN(archive_entry_set_gname);
	LIBARCHIVE_FN(archive_entry_set_mtime);
	LIBARCHIVE_FN(archive_entry_set_pathname);
	LIBARCHIVE_FN(archive_entry_set_perm);
	LIBARCHIVE_FN(archive_entry_set_size);
	LIBARCHIVE_FN(archive_entry_set_symlink);
	LIBARCHIVE_FN(archive_entry_set_uname);
	LIBARCHIVE_FN(archive_entry_size);
	LIBARCHIVE_FN(archive_entry_size_is_set);
	LIBARCHIVE_FN(archive_entry_symlink);
	LIBARCHIVE_FN(archive_errno);
	LIBARCHIVE_FN(archive_error_string);
	LIBARCHIVE_FN(archive_filter_bytes);
	LIBARCHIVE_FN(archive_read_data);
	LIBARCHIVE_FN(archive_read_free);
	LIBARCHIVE_FN(archive_read_new);
	LIBARCHIVE_FN(archive_read_next_header);
	LIBARCHIVE_FN(archive_read_open_filename);
	LIBARCHIVE_FN(archive_read_support_filter_bzip2);
	LIBARCHIVE_FN(archive_read_support_filter_gzip);
	LIBARCHIVE_FN(archive_read_support_filter_lzma);
	LIBARCHIVE_FN(archive_read_support_filter_xz);
	LIBARCHIVE_FN(archive_read_support_filter_zstd);
	LIBARCHIVE_FN(archive_read_support_format_tar);
	LIBARCHIVE_FN(archive_write_add_filter_zstd);
	LIBARCHIVE_FN(archive_write_close);
	LIBARCHIVE_FN(archive_write_data);
	LIBARCHIVE_FN(archive_write_free);
	LIBARCHIVE_FN(archive_write_header);
	LIBARCHIVE_FN(archive_write_new);
	LIBARCHIVE_FN(archive_write_open_fd);
	LIBARCHIVE_FN(archive_write_set_bytes_in_last_block);
	LIBARCHIVE_FN(archive_write_set_filter_option);
	LIBARCHIVE_FN(archive_write_set_format_gnutar);
#undef LIBARCHIVE_FN
};

/*
 * libarchive, loaded on the first call (and kept). NULL when it cannot be, with *@why
 * (malloc'd) saying why and which package holds it.
 */
const struct libarchive_fns *libarchive_load(char **why);

#endif
