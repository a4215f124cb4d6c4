/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Open-addressing hash index for the identifier tables: one 64-bit slot per
 * entry (32-bit hash, 32-bit index + 1), linear probing, deletion by
 * backward shift. Sized for millions of identifiers: at most 70 % full, so
 * 10^6 identifiers take 2^21 slots (16 MiB) per index and 10^7 take 2^24
 * (128 MiB); each table has two indexes (TID and SUPI).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "akma_priv.h"

/* Load limit: grow when count reaches 7/10 of the capacity. */
#define HTAB_MIN 64u

static inline uint64_t
fmix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

uint64_t
akma_hash(uint64_t seed, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t h = seed ^ (len * UINT64_C(0x9e3779b97f4a7c15)), w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = fmix64(h ^ w) + UINT64_C(0x9e3779b97f4a7c15);
		p += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, p, len);
	return fmix64(h ^ w ^ ((uint64_t)len << 56));
}

static uint32_t
htab_cap_for(uint32_t expected)
{
	uint64_t need = (uint64_t)expected * 10 / 7 + 1, cap = HTAB_MIN;

	while (cap < need && cap < (UINT64_C(1) << 31))
		cap <<= 1;
	return (uint32_t)cap;
}

int
akma_htab_init(struct akma_htab *t, uint32_t expected)
{
	uint32_t cap = htab_cap_for(expected);

	t->slots = calloc(cap, sizeof(*t->slots));
	if (t->slots == NULL)
		return -ENOMEM;
	t->mask = cap - 1;
	t->count = 0;
	return 0;
}

void
akma_htab_fini(struct akma_htab *t)
{
	free(t->slots);
	t->slots = NULL;
	t->mask = 0;
	t->count = 0;
}

int64_t
akma_htab_find(const struct akma_htab *t, uint32_t h, akma_htab_eq eq, const void *ctx,
	       const void *key)
{
	uint32_t i = h & t->mask;
	uint64_t s;

	while ((s = t->slots[i]) != 0) {
		if ((uint32_t)(s >> 32) == h && eq(ctx, (uint32_t)s - 1, key))
			return (int64_t)((uint32_t)s - 1);
		i = (i + 1) & t->mask;
	}
	return -1;
}

static void
htab_place(uint64_t *slots, uint32_t mask, uint64_t s)
{
	uint32_t i = (uint32_t)(s >> 32) & mask;

	while (slots[i] != 0)
		i = (i + 1) & mask;
	slots[i] = s;
}

static int
htab_grow(struct akma_htab *t)
{
	uint32_t cap = (t->mask + 1) * 2, i;
	uint64_t *slots;

	if (cap == 0 || cap > (UINT32_C(1) << 31))
		return -ENOSPC;
	slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return -ENOMEM;
	for (i = 0; i <= t->mask; i++)
		if (t->slots[i] != 0)
			htab_place(slots, cap - 1, t->slots[i]);
	free(t->slots);
	t->slots = slots;
	t->mask = cap - 1;
	return 0;
}

int
akma_htab_insert(struct akma_htab *t, uint32_t h, uint32_t idx)
{
	int rc;

	if (idx == UINT32_MAX)
		return -ENOSPC;
	if ((uint64_t)(t->count + 1) * 10 > (uint64_t)(t->mask + 1) * 7) {
		rc = htab_grow(t);
		if (rc != 0)
			return rc;
	}
	htab_place(t->slots, t->mask, ((uint64_t)h << 32) | (idx + 1));
	t->count++;
	return 0;
}

/* Backward-shift deletion: move later members of the probe run back. */
static void
htab_shift(struct akma_htab *t, uint32_t hole)
{
	uint32_t i = hole, home;
	uint64_t s;

	for (;;) {
		i = (i + 1) & t->mask;
		s = t->slots[i];
		if (s == 0)
			break;
		home = (uint32_t)(s >> 32) & t->mask;
		/* s may fill the hole if its home is not in (hole, i]. */
		if (((i - home) & t->mask) >= ((i - hole) & t->mask)) {
			t->slots[hole] = s;
			hole = i;
		}
	}
	t->slots[hole] = 0;
}

int
akma_htab_remove(struct akma_htab *t, uint32_t h, uint32_t idx)
{
	uint64_t want = ((uint64_t)h << 32) | (idx + 1);
	uint32_t i = h & t->mask;

	while (t->slots[i] != 0) {
		if (t->slots[i] == want) {
			htab_shift(t, i);
			t->count--;
			return 0;
		}
		i = (i + 1) & t->mask;
	}
	return -ENOENT;
}
