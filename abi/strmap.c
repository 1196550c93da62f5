// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A hash map from strings to pointers: open addressing with linear probing, FNV-1a,
 * a power-of-two table that doubles at three quarters full. Nothing is ever removed,
 * which keeps probing simple (no tombstones).
 *
 * Hand-written because libabi reports running out of memory instead of aborting,
 * and the general containers Debian has (glib's) abort.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi-internal.h"

#define STRMAP_MIN_CAP 8

struct abi_strmap_slot {
	const char *key; /* NULL: the slot is free */
	void *value;
	uint32_t hash;
};

uint32_t abi_hash_add(uint32_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static uint32_t str_hash(const char *s)
{
	return abi_hash_add(ABI_HASH_INIT, s, strlen(s));
}

void abi_strmap_init(struct abi_strmap *m, bool owns_keys)
{
	*m = (struct abi_strmap){ .owns_keys = owns_keys };
}

void abi_strmap_release(struct abi_strmap *m, void (*free_value)(void *value))
{
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		if (free_value)
			free_value(m->slots[i].value);
		if (m->owns_keys)
			free((char *)m->slots[i].key);
	}
	free(m->slots);
	abi_strmap_init(m, m->owns_keys);
}

/* The slot holding @key, or the free slot where it would go. */
static struct abi_strmap_slot *find(const struct abi_strmap *m, const char *key,
				    uint32_t hash)
{
	size_t mask = m->cap - 1, i = hash & mask;

	for (;; i = (i + 1) & mask) {
		struct abi_strmap_slot *s = &m->slots[i];

		if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0))
			return s;
	}
}

void *abi_strmap_get(const struct abi_strmap *m, const char *key)
{
	return m->n ? abi_strmap_get_hashed(m, key, str_hash(key)) : NULL;
}

uint32_t abi_strmap_hash(const char *key)
{
	return str_hash(key);
}

void *abi_strmap_get_hashed(const struct abi_strmap *m, const char *key, uint32_t hash)
{
	const struct abi_strmap_slot *s;

	if (!m->n)
		return NULL;
	s = find(m, key, hash);
	return s->key ? s->value : NULL;
}

/* Twice the room; the old table is kept when the new one cannot be had. */
static int strmap_grow(struct abi_strmap *m)
{
	struct abi_strmap old = *m;
	size_t cap = old.cap ? old.cap * 2 : STRMAP_MIN_CAP;

	if (cap > SIZE_MAX / sizeof(*m->slots))
		return -ENOMEM;
	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		m->slots = old.slots;
		return -ENOMEM;
	}
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	free(old.slots);
	return 0;
}

int abi_strmap_slot(struct abi_strmap *m, const char *key, void ***value)
{
	uint32_t hash = str_hash(key);
	struct abi_strmap_slot *s;
	const char *copy = key;
	int r;

	*value = NULL;
	if (m->n) {
		s = find(m, key, hash);
		if (s->key) {
			*value = &s->value;
			return 0;
		}
	}
	if ((m->n + 1) * 4 > m->cap * 3) {
		r = strmap_grow(m);
		if (r < 0)
			return r;
	}
	if (m->owns_keys) {
		copy = strdup(key);
		if (!copy)
			return -ENOMEM;
	}
	s = find(m, key, hash);
	*s = (struct abi_strmap_slot){ .key = copy, .hash = hash };
	m->n++;
	*value = &s->value;
	return 0;
}

bool abi_strmap_next(const struct abi_strmap *m, size_t *i, const char **key,
		     void **value)
{
	for (; *i < m->cap; (*i)++) {
		const struct abi_strmap_slot *s = &m->slots[*i];

		if (s->key) {
			*key = s->key;
			*value = s->value;
			(*i)++;
			return true;
		}
	}
	return false;
}
