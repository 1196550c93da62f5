// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lookups that stay below a root: openat2(2)'s RESOLVE_BENEATH, or the same rules one
 * component at a time where the kernel lacks it. See beneath.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "beneath.h"

/* Set once ENOSYS was seen, or by the environment; read and written atomically, as the
 * documentation and the sysfs are read by two threads. */
static bool no_openat2;
static pthread_once_t env_once = PTHREAD_ONCE_INIT;

void beneath_force_fallback(bool on)
{
	__atomic_store_n(&no_openat2, on, __ATOMIC_RELAXED);
}

/* SYSABI_NO_OPENAT2: the fallback, always (valgrind does not know openat2 and warns). */
static void read_env(void)
{
	const char *v = getenv("SYSABI_NO_OPENAT2");

	if (v && *v && strcmp(v, "0") != 0)
		beneath_force_fallback(true);
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

/*
 * Where the fallback lookup stands: the components walked from the root, each a real
 * directory, and a descriptor of the last. Only that one descriptor is held, however
 * deep the path: ".." walks the rest again from the root.
 */
struct position {
	int root, fd; /* fd is root at the root, and then owned */
	char *path;   /* the components, '/'-separated */
	size_t len, alloc;
	size_t depth;
};

static void position_close(struct position *pos)
{
	if (pos->fd != pos->root)
		close(pos->fd);
	pos->fd = pos->root;
}

/* Enter @name, a directory below the current one, taking over @fd open on it. */
static int position_enter(struct position *pos, const char *name, int fd)
{
	size_t nl = strlen(name);

	if (pos->len + nl + 2 > pos->alloc) {
		size_t alloc = (pos->len + nl + 2) * 2;
		char *p = realloc(pos->path, alloc);

		if (!p) {
			close(fd);
			return -ENOMEM;
		}
		pos->path = p;
		pos->alloc = alloc;
	}
	if (pos->len)
		pos->path[pos->len++] = '/';
	memcpy(pos->path + pos->len, name, nl + 1);
	pos->len += nl;
	pos->depth++;
	position_close(pos);
	pos->fd = fd;
	return 0;
}

/* Go up one directory: walk the remaining components again from the root. */
static int position_leave(struct position *pos)
{
	char *slash, *name, *next;
	int fd;

	if (!pos->depth)
		return -EXDEV;
	slash = strrchr(pos->path, '/');
	pos->len = slash ? (size_t)(slash - pos->path) : 0;
	pos->path[pos->len] = '\0';
	pos->depth--;
	position_close(pos);
	for (name = pos->path; pos->len && name; name = next) {
		next = strchr(name, '/');
		if (next)
			*next = '\0';
		fd = openat(pos->fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next)
			*next++ = '/';
		if (fd < 0)
			return -errno; /* renamed or replaced by a link meanwhile */
		position_close(pos);
		pos->fd = fd;
	}
	return 0;
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

/* Open the current directory itself with the caller's flags. */
static int open_here(const struct position *pos, int flags)
{
	int fd = openat(pos->fd, ".", flags | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int fallback_open(int dirfd, const char *rel, int flags, int how)
{
	struct position pos = { .root = dirfd, .fd = dirfd };
	char *todo = strdup(rel), *p, target[PATH_MAX];
	unsigned int links = 0;
	int r = 0;

	if (!todo)
		return -ENOMEM;
	for (p = todo;;) {
		size_t len;
		struct stat sb;
		bool last;
		char *next;
		int fd;

		p += strspn(p, "/");
		len = strcspn(p, "/");
		next = p + len + strspn(p + len, "/");
		last = *next == '\0';
		if (len ==
		    0) { /* the root itself, or a path of "." and ".." that ends here */
			r = open_here(&pos, flags);
			break;
		}
		p[len] = '\0';
		if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
			r = p[1] ? position_leave(&pos) : 0;
			if (r < 0 || last) {
				r = r < 0 ? r : open_here(&pos, flags);
				break;
			}
			p = next;
			continue;
		}
		fd = openat(pos.fd, p, O_PATH | O_NOFOLLOW | O_CLOEXEC);
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
			if ((how & BENEATH_NO_SYMLINKS) ||
			    (last && (flags & O_NOFOLLOW)) ||
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
			r = openat(pos.fd, p, flags | O_NOFOLLOW | O_CLOEXEC);
			r = r < 0 ? -errno : r;
			break;
		}
		if (!S_ISDIR(sb.st_mode)) {
			close(fd);
			r = -ENOTDIR;
			break;
		}
		r = position_enter(&pos, p, fd);
		if (r < 0)
			break;
		p = next;
	}
	position_close(&pos);
	free(pos.path);
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
	pthread_once(&env_once, read_env);
	if (!__atomic_load_n(&no_openat2, __ATOMIC_RELAXED)) {
		fd = try_openat2(dirfd, rel, flags, how);
		/* EPERM: a seccomp filter that refuses openat2 (older container runtimes) */
		if (fd != -ENOSYS && fd != -EPERM)
			return fd;
		beneath_force_fallback(true);
	}
	return fallback_open(dirfd, rel, flags, how);
}
