// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Arrays that grow, a list of pointers, and a stable sort: the few containers libabi
 * needs, each failing with -ENOMEM where glib's would abort.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

int abi_grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t new_cap;
	void *p;

	if (n < *cap)
		return 0;
	new_cap = *cap ? *cap * 2 : 16;
	if (new_cap < *cap || new_cap > SIZE_MAX / size)
		return -ENOMEM;
	p = realloc(*v, new_cap * size);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = new_cap;
	return 0;
}

int abi_ptrarray_add(struct abi_ptrarray *a, void *p)
{
	int r = ABI_GROW(a->v, a->n, a->cap);

	if (r < 0)
		return r;
	a->v[a->n++] = p;
	return 0;
}

void abi_ptrarray_clear(struct abi_ptrarray *a, void (*free_fn)(void *p))
{
	for (size_t i = 0; free_fn && i < a->n; i++)
		free_fn(a->v[i]);
	a->n = 0;
}

void abi_ptrarray_release(struct abi_ptrarray *a, void (*free_fn)(void *p))
{
	abi_ptrarray_clear(a, free_fn);
	free(a->v);
	*a = (struct abi_ptrarray){ 0 };
}

/*
 * A merge sort, bottom up: runs of 1, 2, 4... elements merged from @src into @dst,
 * the two buffers swapping roles each round. The left run wins ties, so equal
 * elements keep their order.
 */
int abi_sort_stable(void *base, size_t n, size_t size,
		    int (*cmp)(const void *a, const void *b))
{
	unsigned char *tmp, *src = base, *dst, *swap;

	if (n < 2)
		return 0;
	if (n > SIZE_MAX / size)
		return -ENOMEM;
	tmp = malloc(n * size);
	if (!tmp)
		return -ENOMEM;
	dst = tmp;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = mid + width < n ? mid + width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi) {
				if (cmp(src + j * size, src + i * size) < 0)
					memcpy(dst + k++ * size, src + j++ * size, size);
				else
					memcpy(dst + k++ * size, src + i++ * size, size);
			}
			memcpy(dst + k * size, src + i * size, (mid - i) * size);
			k += mid - i;
			memcpy(dst + k * size, src + j * size, (hi - j) * size);
		}
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != base)
		memcpy(base, src, n * size);
	free(tmp);
	return 0;
}
