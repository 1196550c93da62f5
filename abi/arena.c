// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A bump allocator. A tree allocates tens of thousands of small objects that all die
 * together; one arena makes that cheap and makes freeing the tree one call.
 *
 * A new block's pages are populated at once (MADV_POPULATE_WRITE, Linux 5.14): a
 * tree's few MiB cost a system call a block where first touches would cost a page
 * fault each (on a virtual machine, a good part of a small run's time). Pages the
 * process has had before are there already, and the call costs next to nothing.
 */
#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "abi-internal.h"

#define ARENA_BLOCK_SIZE (64 * 1024)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Fault in the whole pages of @p's @len bytes; a kernel that cannot is left to fault
   them one at a time. */
static void populate(void *p, size_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t end = ((uintptr_t)p + len) & ~(page - 1);

	if (end > start)
		madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct abi_arena {
	struct arena_block *head;
	size_t used;
};

int abi_arena_new(struct abi_arena **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

void abi_arena_free(struct abi_arena *arena)
{
	struct arena_block *b, *next;

	if (!arena)
		return;
	for (b = arena->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(arena);
}

void *abi_arena_alloc(struct abi_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = arena->head;
	size_t need = (size + align - 1) & ~(align - 1);
	void *p;

	if (need < size)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t bsize = need > ARENA_BLOCK_SIZE / 4 ? need : ARENA_BLOCK_SIZE;

		/* a large object gets a block of its own, behind the current one */
		b = malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		populate(b->data, bsize);
		if (bsize != ARENA_BLOCK_SIZE && arena->head) {
			b->next = arena->head->next;
			arena->head->next = b;
		} else {
			b->next = arena->head;
			arena->head = b;
		}
	}
	p = b->data + b->used;
	b->used += need;
	arena->used += need;
	memset(p, 0, need);
	return p;
}

char *abi_arena_strndup(struct abi_arena *arena, const char *s, size_t len)
{
	char *p = abi_arena_alloc(arena, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *abi_arena_strdup(struct abi_arena *arena, const char *s)
{
	return abi_arena_strndup(arena, s, strlen(s));
}

size_t abi_arena_used(const struct abi_arena *arena)
{
	return arena->used;
}
