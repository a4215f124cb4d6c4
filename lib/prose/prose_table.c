/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * PAnF records: a fixed pool (records never move, so key material is never
 * copied by a resize) and two indexes, by CP-PRUK ID and by (SUPI, RSC)
 * (spec/002 4.8: the record is the (SUPI, RSC)'s, the ID points to it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "prose_priv.h"

struct rec_key {
	const char *supi;
	uint32_t rsc;
};

static uint32_t
hash_id(const struct agw_prose *p, const char *id)
{
	return prose_hash(p->seed, id, strlen(id));
}

static uint32_t
hash_key(const struct agw_prose *p, const char *supi, uint32_t rsc)
{
	uint8_t r[3] = {(uint8_t)(rsc >> 16), (uint8_t)(rsc >> 8), (uint8_t)rsc};

	return prose_hash(p->seed ^ prose_hash(p->seed, r, 3), supi, strlen(supi));
}

static int
eq_id(const void *ctx, uint32_t idx, const void *key)
{
	const struct agw_prose *p = ctx;

	return strcmp(p->recs[idx].id, key) == 0;
}

static int
eq_key(const void *ctx, uint32_t idx, const void *key)
{
	const struct agw_prose *p = ctx;
	const struct rec_key *k = key;

	return p->recs[idx].rsc == k->rsc && strcmp(p->recs[idx].supi, k->supi) == 0;
}

int
prose_tab_init(struct agw_prose *p, uint32_t cap)
{
	p->recs = calloc(cap, sizeof(*p->recs));
	p->free_idx = malloc((size_t)cap * sizeof(*p->free_idx));
	if (p->recs == NULL || p->free_idx == NULL)
		return -ENOMEM;
	if (prose_htab_init(&p->by_id, cap) != 0 || prose_htab_init(&p->by_key, cap) != 0)
		return -ENOMEM;
	p->cap = cap;
	for (uint32_t i = 0; i < cap; i++)
		p->free_idx[i] = cap - 1 - i;
	p->n_free = cap;
	p->live = 0;
	return 0;
}

void
prose_tab_fini(struct agw_prose *p)
{
	if (p->recs != NULL)
		agw_memzero(p->recs, (size_t)p->cap * sizeof(*p->recs));
	free(p->recs);
	free(p->free_idx);
	prose_htab_fini(&p->by_id);
	prose_htab_fini(&p->by_key);
	p->recs = NULL;
	p->free_idx = NULL;
}

void
prose_tab_clear(struct agw_prose *p)
{
	agw_memzero(p->recs, (size_t)p->cap * sizeof(*p->recs));
	prose_htab_clear(&p->by_id);
	prose_htab_clear(&p->by_key);
	for (uint32_t i = 0; i < p->cap; i++)
		p->free_idx[i] = p->cap - 1 - i;
	p->n_free = p->cap;
	p->live = 0;
}

struct prose_rec *
prose_rec_by_id(const struct agw_prose *p, const char *id)
{
	int64_t i = prose_htab_find(&p->by_id, hash_id(p, id), eq_id, p, id);

	return i < 0 ? NULL : &p->recs[i];
}

struct prose_rec *
prose_rec_by_key(const struct agw_prose *p, const char *supi, uint32_t rsc)
{
	struct rec_key k = {supi, rsc};
	int64_t i = prose_htab_find(&p->by_key, hash_key(p, supi, rsc), eq_key, p, &k);

	return i < 0 ? NULL : &p->recs[i];
}

struct prose_rec *
prose_rec_add(struct agw_prose *p, const struct prose_rec *tmpl)
{
	struct prose_rec *r;
	uint32_t idx;

	if (p->n_free == 0 || prose_rec_by_id(p, tmpl->id) != NULL ||
	    prose_rec_by_key(p, tmpl->supi, tmpl->rsc) != NULL) {
		errno = p->n_free == 0 ? ENOSPC : EEXIST;
		return NULL;
	}
	idx = p->free_idx[--p->n_free];
	r = &p->recs[idx];
	*r = *tmpl;
	r->used = 1;
	r->h_id = hash_id(p, r->id);
	r->h_key = hash_key(p, r->supi, r->rsc);
	/* Both indexes hold cap entries at most: these cannot fail. */
	prose_htab_insert(&p->by_id, r->h_id, idx);
	prose_htab_insert(&p->by_key, r->h_key, idx);
	p->live++;
	return r;
}

void
prose_rec_del(struct agw_prose *p, struct prose_rec *r)
{
	uint32_t idx = (uint32_t)(r - p->recs);

	prose_htab_remove(&p->by_id, r->h_id, idx);
	prose_htab_remove(&p->by_key, r->h_key, idx);
	agw_memzero(r, sizeof(*r));
	p->free_idx[p->n_free++] = idx;
	p->live--;
}
