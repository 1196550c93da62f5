/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The module parameters Documentation/admin-guide/kernel-parameters.txt documents. An
 * entry starts at the file's first indent (a tab, or eight spaces) with its name, then
 * `=`, a value, blanks or `[TAGS]`:
 *
 *	usbcore.autosuspend=
 *	acpi.debug_layer=	[HW,ACPI,ACPI_DEBUG]
 *	i8042.nomux	[HW] Don't check presence of an active multiplexing
 *	db9.dev[2|3]=	(db9.dev, db9.dev2 and db9.dev3)
 *	sonypi.*=	(every parameter of sonypi)
 *	(loop.max_loop)	(under max_loop=: its name as a module parameter)
 *	panic=		(no module: a parameter of the kernel, /sys/module/kernel/parameters)
 *
 * The module is the name before its first dot, as the kernel splits a built-in
 * parameter's name (kernel/params.c); dashes and underscores are one, as the kernel's
 * parameq() has them. `<module>.dyndbg` names no module and is left out.
 */
#ifndef SYSABI_KERNEL_PARAMS_H
#define SYSABI_KERNEL_PARAMS_H

#include <stddef.h>

struct kernel_params;

/* Where the file is, below a kernel tree's Documentation/. */
#define KERNEL_PARAMS_FILE "admin-guide/kernel-parameters.txt"

/* Bytes of the file: 6.12's is 285 KB. */
#define KERNEL_PARAMS_MAX_SIZE (8 << 20)
/* A longer line is no entry, as a line of prose (6.12's longest has 95 bytes). */
#define KERNEL_PARAMS_MAX_LINE 4096
/* A longer name is no entry. */
#define KERNEL_PARAMS_MAX_NAME 256
/* Names in a file; 6.12 has about 1,000. */
#define KERNEL_PARAMS_MAX_NAMES 65536

/*
 * The entries of @len bytes of @text, which may hold anything (NUL bytes, CRLF, no final
 * newline). Returns 0, -EFBIG when @len is over KERNEL_PARAMS_MAX_SIZE, or -E2BIG when
 * it names more than KERNEL_PARAMS_MAX_NAMES. Free with kernel_params_free().
 */
int kernel_params_parse(const char *text, size_t len, struct kernel_params **out);

/*
 * The same for the file @rel below the directory @dirfd, a regular file (links followed
 * while below @dirfd). Returns 0, or a negative errno: -ENOENT when there is none,
 * -EFBIG, -E2BIG, -EFTYPE_NOT_REGULAR, -EXDEV (file-read.h).
 */
int kernel_params_read(int dirfd, const char *rel, struct kernel_params **out);

void kernel_params_free(struct kernel_params *kp);

/*
 * The line of the entry documenting parameter @param of module @module (as sysfs names
 * them: /sys/module/MODULE/parameters/PARAM), or 0 when none does.
 */
unsigned int kernel_params_lookup(const struct kernel_params *kp, const char *module,
				  const char *param);

/* Names: a `module.param` each, `db9.dev[2|3]` three. */
size_t kernel_params_count(const struct kernel_params *kp);

#endif
