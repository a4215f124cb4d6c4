/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Open-addressing hash index of a fixed size: at most `entries` keys in at
 * least twice as many slots, so probes stay short and nothing is ever
 * resized under a request.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prose_priv.h"

int
prose_htab_init(struct prose_htab *t, uint32_t entries)
{
	uint64_t n = 16;

	while (n < 2 * (uint64_t)entries)
		n <<= 1;
	if (n > (UINT64_C(1) << 31))
		return -EINVAL;
	t->slots = calloc(n, sizeof(*t->slots));
	if (t->slots == NULL)
		return -ENOMEM;
	t->mask = (uint32_t)(n - 1);
	t->count = 0;
	t->max = entries;
	return 0;
}

void
prose_htab_fini(struct prose_htab *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

void
prose_htab_clear(struct prose_htab *t)
{
	memset(t->slots, 0, ((size_t)t->mask + 1) * sizeof(*t->slots));
	t->count = 0;
}

int64_t
prose_htab_find(const struct prose_htab *t, uint32_t h, prose_htab_eq eq, const void *ctx,
		const void *key)
{
	for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
		uint64_t s = t->slots[i];

		if (s == 0)
			return -1;
		if ((uint32_t)(s >> 32) == h && eq(ctx, (uint32_t)s - 1, key))
			return (int64_t)((uint32_t)s - 1);
	}
}

int
prose_htab_insert(struct prose_htab *t, uint32_t h, uint32_t idx)
{
	uint32_t i = h & t->mask;

	if (t->count >= t->max)
		return -ENOSPC;
	while (t->slots[i] != 0)
		i = (i + 1) & t->mask;
	t->slots[i] = (uint64_t)h << 32 | (uint64_t)(idx + 1);
	t->count++;
	return 0;
}

/* Backward-shift deletion: move later entries of the run into the hole. */
int
prose_htab_remove(struct prose_htab *t, uint32_t h, uint32_t idx)
{
	uint64_t want = (uint64_t)h << 32 | (uint64_t)(idx + 1);
	uint32_t i = h & t->mask;

	while (t->slots[i] != want) {
		if (t->slots[i] == 0)
			return -ENOENT;
		i = (i + 1) & t->mask;
	}
	for (uint32_t j = (i + 1) & t->mask; t->slots[j] != 0; j = (j + 1) & t->mask) {
		uint32_t home = (uint32_t)(t->slots[j] >> 32) & t->mask;

		/* The entry at j may fill the hole i if its home is not in (i, j]. */
		if (((j - home) & t->mask) >= ((j - i) & t->mask)) {
			t->slots[i] = t->slots[j];
			i = j;
		}
	}
	t->slots[i] = 0;
	t->count--;
	return 0;
}

/* FNV-1a 64 over the seed and the octets, folded to 32 bits. Not cryptographic. */
uint32_t
prose_hash(uint64_t seed, const void *data, size_t len)
{
	const uint8_t *d = data;
	uint64_t x = 1469598103934665603ULL ^ seed;

	for (size_t i = 0; i < len; i++)
		x = (x ^ d[i]) * 1099511628211ULL;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 32;
	return (uint32_t)x;
}
