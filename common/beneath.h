/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Opening files below a root that sysabi was given and does not trust: a recorded sysfs,
 * an ABI tree from a pull request, a modules tree, a template directory. A lookup never
 * leaves the root: not through "..", not through an absolute path, not through a
 * symbolic link that points out, not through a /proc magic link. Symbolic links that
 * stay below the root are followed unless BENEATH_NO_SYMLINKS is given.
 *
 * openat2(2) with RESOLVE_BENEATH does it in the kernel (Linux 5.6 and later). Where it is
 * missing (older kernels, or a seccomp filter that answers ENOSYS) the same rules are
 * applied here one component at a time.
 */
#ifndef SYSABI_BENEATH_H
#define SYSABI_BENEATH_H

#include <stdbool.h>
#include <sys/types.h>

/* Every symbolic link met on the way, the last component included, is refused. */
#define BENEATH_NO_SYMLINKS 1

/* Links followed in one lookup, as the kernel's own limit (MAXSYMLINKS). */
#define BENEATH_MAX_LINKS 40

/*
 * Open @rel, a path relative to the directory @dirfd, with open(2) @flags (O_CLOEXEC is
 * added; O_CREAT is refused). @how is 0 or BENEATH_NO_SYMLINKS.
 * Returns a descriptor the caller closes, or a negative errno: -EXDEV when the lookup
 * would leave @dirfd ("..", an absolute path or a link pointing out), -ELOOP for a
 * symbolic link refused by BENEATH_NO_SYMLINKS or O_NOFOLLOW, or too many links.
 */
int beneath_open(int dirfd, const char *rel, int flags, int how);

/*
 * For tests: true makes beneath_open() skip openat2(2) and use the check it falls back
 * to, as on a kernel without openat2(2).
 */
void beneath_force_fallback(bool on);

#endif
