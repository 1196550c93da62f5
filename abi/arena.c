// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A bump allocator. A tree allocates tens of thousands of small objects that all die
 * together; one arena makes that cheap and makes freeing the tree one call.
 *
 * Its blocks are mappings of their own, each twice the last up to ARENA_BLOCK_MAX,
 * populated when made: a tree's few MiB cost a few system calls where first touches
 * would cost a page fault each (on a virtual machine, most of a small run's time),
 * and a new mapping is zeroed already, so nothing is cleared on the way out. The
 * memory is never given out twice: alive until the arena is freed.
 */
#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "abi-internal.h"

#define ARENA_BLOCK_MIN (64 * 1024)
#define ARENA_BLOCK_MAX (2 * 1024 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size; /* the mapping's, this header's included */
	size_t used; /* from data */
	alignas(max_align_t) unsigned char data[];
};

struct abi_arena {
	struct arena_block *head;
	size_t used;
	size_t next_size; /* the next block's */
};

int abi_arena_new(struct abi_arena **out)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return -ENOMEM;
	(*out)->next_size = ARENA_BLOCK_MIN;
	return 0;
}

void abi_arena_free(struct abi_arena *arena)
{
	struct arena_block *b, *next;

	if (!arena)
		return;
	for (b = arena->head; b; b = next) {
		next = b->next;
		munmap(b, b->size);
	}
	free(arena);
}

/* A block with room for @need bytes, at least @size long; NULL on -ENOMEM. */
static struct arena_block *block_new(size_t need, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = sizeof(struct arena_block) + need;
	struct arena_block *b;

	if (len < need)
		return NULL;
	len = len < size ? size : (len + page - 1) & ~(page - 1);
	b = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (b == MAP_FAILED)
		return NULL;
	b->size = len;
	b->used = 0;
	return b;
}

void *abi_arena_alloc(struct abi_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *b = arena->head;
	size_t need = (size + align - 1) & ~(align - 1);
	void *p;

	if (need < size)
		return NULL;
	if (!b || b->size - sizeof(*b) - b->used < need) {
		if (need > arena->next_size / 4) {
			/* a large object gets a block of its own, behind the current one */
			b = block_new(need, 0);
			if (!b)
				return NULL;
			if (arena->head) {
				b->next = arena->head->next;
				arena->head->next = b;
			} else {
				b->next = NULL;
				arena->head = b;
			}
		} else {
			b = block_new(need, arena->next_size);
			if (!b)
				return NULL;
			b->next = arena->head;
			arena->head = b;
			if (arena->next_size < ARENA_BLOCK_MAX)
				arena->next_size *= 2;
		}
	}
	/* a new mapping's bytes are zero, and none is given out twice */
	p = b->data + b->used;
	b->used += need;
	arena->used += need;
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
