// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Loading libarchive with dlopen(3). See libarchive-load.h.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "libarchive-load.h"

const struct libarchive_fns *libarchive_load(char **why)
{
	static struct libarchive_fns fns;
	static bool loaded;
	const char *missing = NULL;
	void *h;

	*why = NULL;
	if (loaded)
		return &fns;
	h = dlopen(LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = g_strdup_printf("cannot load %s (Debian package libarchive13): %s",
				       LIBARCHIVE_SONAME, dlerror());
		return NULL;
	}
#define LIBARCHIVE_SYM(name)                                      \
	do {                                                      \
		fns.name = (__typeof__(fns.name))dlsym(h, #name); \
		if (!fns.name && !missing)                        \
			missing = #name;                          \
	} while (0)
	LIBARCHIVE_SYM(archive_entry_clear);
	LIBARCHIVE_SYM(archive_entry_filetype);
	LIBARCHIVE_SYM(archive_entry_free);
	LIBARCHIVE_SYM(archive_entry_hardlink);
	LIBARCHIVE_SYM(archive_entry_new);
	LIBARCHIVE_SYM(archive_entry_pathname);
	LIBARCHIVE_SYM(archive_entry_perm);
	LIBARCHIVE_SYM(archive_entry_set_filetype);
	LIBARCHIVE_SYM(archive_entry_set_gname);
	LIBARCHIVE_SYM(archive_entry_set_mtime);
	LIBARCHIVE_SYM(archive_entry_set_pathname);
	LIBARCHIVE_SYM(archive_entry_set_perm);
	LIBARCHIVE_SYM(archive_entry_set_size);
	LIBARCHIVE_SYM(archive_entry_set_symlink);
	LIBARCHIVE_SYM(archive_entry_set_uname);
	LIBARCHIVE_SYM(archive_entry_size);
	LIBARCHIVE_SYM(archive_entry_size_is_set);
	LIBARCHIVE_SYM(archive_entry_symlink);
	LIBARCHIVE_SYM(archive_errno);
	LIBARCHIVE_SYM(archive_error_string);
	LIBARCHIVE_SYM(archive_filter_bytes);
	LIBARCHIVE_SYM(archive_read_data);
	LIBARCHIVE_SYM(archive_read_free);
	LIBARCHIVE_SYM(archive_read_new);
	LIBARCHIVE_SYM(archive_read_next_header);
	LIBARCHIVE_SYM(archive_read_open_filename);
	LIBARCHIVE_SYM(archive_read_support_filter_bzip2);
	LIBARCHIVE_SYM(archive_read_support_filter_gzip);
	LIBARCHIVE_SYM(archive_read_support_filter_lzma);
	LIBARCHIVE_SYM(archive_read_support_filter_xz);
	LIBARCHIVE_SYM(archive_read_support_filter_zstd);
	LIBARCHIVE_SYM(archive_read_support_format_tar);
	LIBARCHIVE_SYM(archive_write_add_filter_zstd);
	LIBARCHIVE_SYM(archive_write_close);
	LIBARCHIVE_SYM(archive_write_data);
	LIBARCHIVE_SYM(archive_write_free);
	LIBARCHIVE_SYM(archive_write_header);
	LIBARCHIVE_SYM(archive_write_new);
	LIBARCHIVE_SYM(archive_write_open_fd);
	LIBARCHIVE_SYM(archive_write_set_bytes_in_last_block);
	LIBARCHIVE_SYM(archive_write_set_filter_option);
	LIBARCHIVE_SYM(archive_write_set_format_gnutar);
#undef LIBARCHIVE_SYM
	if (missing) {
		*why = g_strdup_printf("%s has no %s: not the libarchive sysabi was built "
				       "for",
				       LIBARCHIVE_SONAME, missing);
		dlclose(h);
		return NULL;
	}
	loaded = true;
	return &fns;
}
