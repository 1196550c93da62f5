/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the BTF suites (test-btf*.c) share: BTF built with libbpf, and files on disk. */
#ifndef SYSABI_TESTS_TEST_BTF_H
#define SYSABI_TESTS_TEST_BTF_H

#include <stddef.h>
#include <sys/types.h>

#include "btf/btf.h"

/*
 * A small vmlinux BTF, raw, malloc'd: [1] INT int, [2] INT long, [3] STRUCT task_struct
 * {int pid; long flags}, [4] PTR -> 3, [5] FUNC_PROTO int (task), [6] FUNC task_pid,
 * [7] ENUM task_state {RUNNING, STOPPED}. *@size is its size.
 */
void *unit_btf_base(size_t *size);
/* Split BTF of module @name on @base: [8] STRUCT NAME_device, [9] PTR, [10] FUNC_PROTO,
 * [11] FUNC NAME_probe. Malloc'd. */
void *unit_btf_module(const void *base, size_t base_size, const char *name, size_t *size);

/* Write @len bytes to @dir/@rel with @mode, creating directories; aborts on failure. */
void unit_write(const char *dir, const char *rel, const void *data, size_t len,
		mode_t mode);

/* How many findings of @id @r has. */
size_t unit_btf_count(const struct sysbtf_report *r, const char *id);

#endif
