/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where an installed sysabi keeps its data: BINDIR/../share/sysabi, found from the
 * running binary, so that an installation works wherever it is put (PREFIX, DESTDIR).
 * It holds report-templates/ and abi/ (the Documentation/ABI tree `make install` took
 * from `make abi-docs`, with the kernel's top Makefile beside it).
 */
#ifndef SYSABI_DATA_DIR_H
#define SYSABI_DATA_DIR_H

/* The installed @sub ("report-templates") when it is a directory, else NULL. The
 * string is static. */
const char *data_dir_find(const char *sub);

#endif
