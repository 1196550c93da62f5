/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libarchive, loaded when an archive is read or written and not before: linked in, it
 * and what it brings (libxml2, ICU, libcrypto, nettle...) cost every run of sysabi
 * 4.4 M instructions of relocation before main(), most runs reading no archive. The
 * snapshot reader (sysfs/sysfs-archive.c) and writer (snapshot/snapshot-write.c) call it
 * through libarchive_load(). libarchive's soname since 3.0.
 */
#ifndef SYSABI_LIBARCHIVE_LOAD_H
#define SYSABI_LIBARCHIVE_LOAD_H

#include <archive.h>
#include <archive_entry.h>

#include "dl-lib.h"

#define LIBARCHIVE_SONAME "libarchive.so.13"

/* The functions sysabi calls, each with its own type and name. */
#define LIBARCHIVE_FNS(X)                        \
	X(archive_entry_clear)                   \
	X(archive_entry_filetype)                \
	X(archive_entry_free)                    \
	X(archive_entry_hardlink)                \
	X(archive_entry_new)                     \
	X(archive_entry_pathname)                \
	X(archive_entry_perm)                    \
	X(archive_entry_set_filetype)            \
	X(archive_entry_set_gname)               \
	X(archive_entry_set_mtime)               \
	X(archive_entry_set_pathname)            \
	X(archive_entry_set_perm)                \
	X(archive_entry_set_size)                \
	X(archive_entry_set_symlink)             \
	X(archive_entry_set_uname)               \
	X(archive_entry_size)                    \
	X(archive_entry_size_is_set)             \
	X(archive_entry_symlink)                 \
	X(archive_errno)                         \
	X(archive_error_string)                  \
	X(archive_filter_bytes)                  \
	X(archive_read_data)                     \
	X(archive_read_free)                     \
	X(archive_read_new)                      \
	X(archive_read_next_header)              \
	X(archive_read_open_filename)            \
	X(archive_read_support_filter_bzip2)     \
	X(archive_read_support_filter_gzip)      \
	X(archive_read_support_filter_lzma)      \
	X(archive_read_support_filter_xz)        \
	X(archive_read_support_filter_zstd)      \
	X(archive_read_support_format_tar)       \
	X(archive_write_add_filter_zstd)         \
	X(archive_write_close)                   \
	X(archive_write_data)                    \
	X(archive_write_free)                    \
	X(archive_write_header)                  \
	X(archive_write_new)                     \
	X(archive_write_open_fd)                 \
	X(archive_write_set_bytes_in_last_block) \
	X(archive_write_set_filter_option)       \
	X(archive_write_set_format_gnutar)

struct libarchive_fns {
	LIBARCHIVE_FNS(DL_LIB_FN)
};

/*
 * libarchive, loaded on the first call (and kept). NULL when it cannot be, with *@why
 * (malloc'd) saying why and which package holds it.
 */
const struct libarchive_fns *libarchive_load(char **why);

#endif
