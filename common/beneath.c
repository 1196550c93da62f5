// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lookups that stay below a root: openat2(2)'s RESOLVE_BENEATH, or the same rules one
 * component at a time where the kernel lacks it. See beneath.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "beneath.h"

static bool no_openat2;

void beneath_force_fallback(bool on)
{
	no_openat2 = on;
}

static int try_openat2(int dirfd, const char *rel, int flags, int how)
{
	struct open_how oh = {
		.flags = (unsigned long long)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS |
			   (how & BENEATH_NO_SYMLINKS ? RESOLVE_NO_SYMLINKS : 0),
	};
	long fd;

	/* EAGAIN: a rename raced with the lookup; the kernel asks us to try again */
	for (int i = 0; i < 8; i++) {
		fd = syscall(SYS_openat2, dirfd, rel, &oh, sizeof(oh));
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	return fd < 0 ? -errno : (int)fd;
}

/* The directories the fallback lookup stands in, innermost last; [0] is the root. */
struct dir_stack {
	int *fds;
	size_t n, alloc;
};

static int stack_push(struct dir_stack *s, int fd)
{
	if (s->n == s->alloc) {
		size_t alloc = s->alloc ? s->alloc * 2 : 16;
		int *p = realloc(s->fds, alloc * sizeof(*p));

		if (!p) {
			close(fd);
			return -ENOMEM;
		}
		s->fds = p;
		s->alloc = alloc;
	}
	s->fds[s->n++] = fd;
	return 0;
}

static void stack_release(struct dir_stack *s, int root)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->fds[i] != root)
			close(s->fds[i]);
	free(s->fds);
}

/*
 * @todo holds the components still to look up; a link's target replaces the component
 * that named it, in front of the rest. Returns the new string or NULL (-ENOMEM).
 */
static char *splice_link(const char *target, size_t tlen, const char *rest)
{
	size_t rlen = strlen(rest);
	char *s = malloc(tlen + 1 + rlen + 1);

	if (!s)
		return NULL;
	memcpy(s, target, tlen);
	s[tlen] = '/';
	memcpy(s + tlen + 1, rest, rlen + 1);
	return s;
}

static int fallback_open(int dirfd, const char *rel, int flags, int how)
{
	struct dir_stack st = { 0 };
	char *todo = strdup(rel), *p, target[PATH_MAX];
	unsigned int links = 0;
	int r;

	if (!todo)
		return -ENOMEM;
	r = stack_push(&st, dirfd);
	for (p = todo; r >= 0;) {
		int top = st.fds[st.n - 1], fd;
		size_t len;
		struct stat sb;
		bool last;
		char *next;

		p += strspn(p, "/");
		len = strcspn(p, "/");
		next = p + len + strspn(p + len, "/");
		last = *next == '\0';
		if (len == 0) { /* the root itself, or a path of "." and ".." that ends in it */
			r = openat(top, ".", flags | O_CLOEXEC);
			r = r < 0 ? -errno : r;
			break;
		}
		p[len] = '\0';
		if (strcmp(p, ".") == 0) {
			if (last) {
				r = openat(top, ".", flags | O_CLOEXEC);
				r = r < 0 ? -errno : r;
				break;
			}
			p = next;
			continue;
		}
		if (strcmp(p, "..") == 0) {
			if (st.n == 1) {
				r = -EXDEV;
				break;
			}
			close(st.fds[--st.n]);
			if (last) {
				r = openat(st.fds[st.n - 1], ".", flags | O_CLOEXEC);
				r = r < 0 ? -errno : r;
				break;
			}
			p = next;
			continue;
		}
		fd = openat(top, p, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) < 0) {
			r = -errno;
			if (fd >= 0)
				close(fd);
			break;
		}
		if (S_ISLNK(sb.st_mode)) {
			ssize_t tl = readlinkat(fd, "", target, sizeof(target));
			char *spliced;

			close(fd);
			if ((how & BENEATH_NO_SYMLINKS) || (last && (flags & O_NOFOLLOW)) ||
			    ++links > BENEATH_MAX_LINKS) {
				r = -ELOOP;
				break;
			}
			if (tl < 0 || (size_t)tl >= sizeof(target)) {
				r = tl < 0 ? -errno : -ENAMETOOLONG;
				break;
			}
			if (tl == 0 || target[0] == '/') {
				r = -EXDEV;
				break;
			}
			spliced = splice_link(target, (size_t)tl, next);
			if (!spliced) {
				r = -ENOMEM;
				break;
			}
			free(todo);
			todo = p = spliced;
			continue;
		}
		if (last) {
			close(fd);
			/* not a link a moment ago: if one was swapped in, O_NOFOLLOW says ELOOP */
			r = openat(top, p, flags | O_NOFOLLOW | O_CLOEXEC);
			r = r < 0 ? -errno : r;
			break;
		}
		if (!S_ISDIR(sb.st_mode)) {
			close(fd);
			r = -ENOTDIR;
			break;
		}
		r = stack_push(&st, fd);
		p = next;
	}
	stack_release(&st, dirfd);
	free(todo);
	return r;
}

int beneath_open(int dirfd, const char *rel, int flags, int how)
{
	int fd;

	if (flags & O_CREAT)
		return -EINVAL;
	if (*rel == '/')
		return -EXDEV;
	if (!*rel)
		rel = ".";
	if (!no_openat2) {
		fd = try_openat2(dirfd, rel, flags, how);
		if (fd != -ENOSYS)
			return fd;
		no_openat2 = true;
	}
	return fallback_open(dirfd, rel, flags, how);
}
