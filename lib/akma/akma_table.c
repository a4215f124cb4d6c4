/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Identifier tables: entries in fixed chunks (addresses never change, so key
 * material is never left behind by a realloc), indexed by TID and by SUPI.
 * One table holds the AUSF entries, one per AAnF instance its contexts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "akma_priv.h"

static inline struct akma_ent *
tab_ent(const struct akma_table *tab, uint32_t idx)
{
	return &tab->chunks[idx >> AKMA_CHUNK_SHIFT][idx & (AKMA_CHUNK_SIZE - 1)];
}

struct tid_key {
	const uint8_t *tid;
	size_t len;
};

static int
eq_tid(const void *ctx, uint32_t idx, const void *key)
{
	const struct akma_ent *e = tab_ent(ctx, idx);
	const struct tid_key *k = key;

	return e->tid_len == k->len && memcmp(e->tid, k->tid, k->len) == 0;
}

static int
eq_supi(const void *ctx, uint32_t idx, const void *key)
{
	return strcmp(tab_ent(ctx, idx)->supi, key) == 0;
}

static uint32_t
hash_tid(const struct akma_table *tab, const uint8_t *tid, size_t len)
{
	return (uint32_t)akma_hash(tab->seed, tid, len);
}

static uint32_t
hash_supi(const struct akma_table *tab, const char *supi)
{
	return (uint32_t)akma_hash(~tab->seed, supi, strlen(supi));
}

int
akma_tab_init(struct akma_table *tab, uint32_t expected, uint64_t seed)
{
	memset(tab, 0, sizeof(*tab));
	tab->seed = seed;
	if (akma_htab_init(&tab->by_tid, expected) != 0)
		return -ENOMEM;
	if (akma_htab_init(&tab->by_supi, expected) != 0) {
		akma_htab_fini(&tab->by_tid);
		return -ENOMEM;
	}
	return 0;
}

void
akma_tab_fini(struct akma_table *tab)
{
	for (uint32_t c = 0; c < tab->n_chunks; c++) {
		agw_memzero(tab->chunks[c], AKMA_CHUNK_SIZE * sizeof(struct akma_ent));
		free(tab->chunks[c]);
	}
	free(tab->chunks);
	free(tab->free_idx);
	akma_htab_fini(&tab->by_tid);
	akma_htab_fini(&tab->by_supi);
	memset(tab, 0, sizeof(*tab));
}

struct akma_ent *
akma_tab_by_tid(const struct akma_table *tab, const uint8_t *tid, size_t len)
{
	struct tid_key k = {tid, len};
	int64_t idx;

	if (len == 0 || len > AGW_AKMA_TID_MAX)
		return NULL;
	idx = akma_htab_find(&tab->by_tid, hash_tid(tab, tid, len), eq_tid, tab, &k);
	return idx < 0 ? NULL : tab_ent(tab, (uint32_t)idx);
}

struct akma_ent *
akma_tab_by_supi(const struct akma_table *tab, const char *supi)
{
	int64_t idx = akma_htab_find(&tab->by_supi, hash_supi(tab, supi), eq_supi, tab, supi);

	return idx < 0 ? NULL : tab_ent(tab, (uint32_t)idx);
}

/*
 * A free index: from the release stack, else the next never-used one. The
 * stack is sized for every index of every chunk, so a release never fails.
 */
static int
tab_take(struct akma_table *tab, uint32_t *idx)
{
	struct akma_ent **chunks;
	uint32_t *f;

	if (tab->n_free > 0) {
		*idx = tab->free_idx[--tab->n_free];
		return 0;
	}
	if ((tab->next >> AKMA_CHUNK_SHIFT) == tab->n_chunks) {
		if (tab->n_chunks == (UINT32_MAX >> AKMA_CHUNK_SHIFT))
			return -ENOSPC;
		f = realloc(tab->free_idx,
			    (size_t)(tab->n_chunks + 1) * AKMA_CHUNK_SIZE * sizeof(*f));
		if (f == NULL)
			return -ENOMEM;
		tab->free_idx = f;
		chunks = realloc(tab->chunks, (tab->n_chunks + 1) * sizeof(*chunks));
		if (chunks == NULL)
			return -ENOMEM;
		tab->chunks = chunks;
		chunks[tab->n_chunks] = calloc(AKMA_CHUNK_SIZE, sizeof(struct akma_ent));
		if (chunks[tab->n_chunks] == NULL)
			return -ENOMEM;
		tab->n_chunks++;
	}
	*idx = tab->next++;
	return 0;
}

static void
tab_give(struct akma_table *tab, uint32_t idx)
{
	tab->free_idx[tab->n_free++] = idx;
}

struct akma_ent *
akma_tab_add(struct akma_table *tab, const struct akma_ent *tmpl)
{
	struct akma_ent *e;
	uint32_t idx;

	if (tab_take(tab, &idx) != 0)
		return NULL;
	e = tab_ent(tab, idx);
	*e = *tmpl;
	e->used = 1;
	e->idx = idx;
	e->h_tid = hash_tid(tab, e->tid, e->tid_len);
	e->h_supi = hash_supi(tab, e->supi);
	if (akma_htab_insert(&tab->by_tid, e->h_tid, idx) != 0)
		goto undo;
	if (akma_htab_insert(&tab->by_supi, e->h_supi, idx) != 0) {
		akma_htab_remove(&tab->by_tid, e->h_tid, idx);
		goto undo;
	}
	tab->live++;
	return e;
undo:
	agw_memzero(e, sizeof(*e));
	tab_give(tab, idx);
	return NULL;
}

void
akma_tab_del(struct akma_table *tab, struct akma_ent *e)
{
	uint32_t idx = e->idx;

	if (!e->used)
		return;
	akma_htab_remove(&tab->by_tid, e->h_tid, idx);
	akma_htab_remove(&tab->by_supi, e->h_supi, idx);
	agw_memzero(e, sizeof(*e));
	tab->live--;
	tab_give(tab, idx);
}
