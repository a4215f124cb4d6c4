/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Gateway-allocated AMF-UE-NGAP-IDs and the direct N2 index.
 *
 * When the gateway is the AMF side of N2 (anchors mode) it chooses the
 * AMF-UE-NGAP-IDs, so it can make them table indices: ID = generation <<
 * bits | index. A worker's N2 lookup is then one read of ctx[index] (8
 * octets; prefetched by the NGAP stage as soon as the ID is parsed) and a
 * compare of the full key in the context's first line, which the verify
 * reads anyway: no hashing, no bucket or key-store lines. The generation
 * changes each time an index is reused, so a message carrying a stale ID
 * (an old UE's) does not match the new UE's context.
 *
 * Writers: the control lcore only (allocation, install, delete). Readers
 * load ctx[index] with acquire semantics; a context reachable from it is
 * complete (published after it was filled) and freed only after the grace
 * period that follows its removal.
 */
#include <errno.h>
#include <string.h>

#include <rte_malloc.h>

#include "ctx_priv.h"

int
ctx_n2_init(struct agw_ctx_table *t, uint32_t n2_ids, int socket_id)
{
	struct ctx_n2_ids *n2 = &t->n2;
	uint32_t bits = 3, size;

	memset(n2, 0, sizeof(*n2));
	if (n2_ids == 0)
		return 0;
	while (bits < CTX_N2_MAX_BITS && (1u << bits) < n2_ids)
		bits++;
	if ((1u << bits) < n2_ids)
		return -EINVAL;
	size = 1u << bits;
	n2->ctx = rte_zmalloc_socket("agw_ctx_n2", (size_t)size * sizeof(*n2->ctx),
				     RTE_CACHE_LINE_SIZE, socket_id);
	n2->gen =
		rte_zmalloc_socket("agw_ctx_n2_gen", (size_t)size * sizeof(uint32_t), 0, socket_id);
	n2->free_stack =
		rte_malloc_socket("agw_ctx_n2_free", (size_t)size * sizeof(uint32_t), 0, socket_id);
	if (n2->ctx == NULL || n2->gen == NULL || n2->free_stack == NULL)
		return -ENOMEM;
	/* Low indices first: a small population stays dense in the array. */
	for (uint32_t i = 0; i < size; i++)
		n2->free_stack[i] = size - 1 - i;
	n2->free_top = size;
	n2->bits = bits;
	n2->mask = size - 1;
	n2->gen_max = (uint32_t)RTE_MIN((uint64_t)(CTX_N2_ALLOCATED - 1),
					(1ULL << (CTX_N2_ID_BITS - bits)) - 1);
	return 0;
}

void
ctx_n2_fini(struct agw_ctx_table *t)
{
	rte_free(t->n2.ctx);
	rte_free(t->n2.gen);
	rte_free(t->n2.free_stack);
	memset(&t->n2, 0, sizeof(t->n2));
}

int64_t
ctx_n2_index(const struct agw_ctx_table *t, uint64_t id)
{
	uint64_t gen = id >> t->n2.bits;

	if (!ctx_n2_mode(t) || gen == 0 || gen > t->n2.gen_max)
		return -1;
	return (int64_t)(id & t->n2.mask);
}

int64_t
ctx_n2_live_index(const struct agw_ctx_table *t, uint64_t id)
{
	int64_t idx = ctx_n2_index(t, id);

	if (idx < 0 || t->n2.gen[idx] != ((uint32_t)(id >> t->n2.bits) | CTX_N2_ALLOCATED))
		return -1;
	return idx;
}

int
agw_ctx_n2_id_alloc(struct agw_ctx_table *t, uint64_t *amf_ue_ngap_id)
{
	struct ctx_n2_ids *n2;
	uint32_t idx, gen;

	if (t == NULL || amf_ue_ngap_id == NULL)
		return -EINVAL;
	if (!ctx_n2_mode(t))
		return -ENOTSUP;
	n2 = &t->n2;
	if (n2->free_top == 0) {
		t->st.n2_ids_full++;
		return -ENOSPC;
	}
	idx = n2->free_stack[--n2->free_top];
	gen = (n2->gen[idx] & ~CTX_N2_ALLOCATED) + 1;
	if (gen > n2->gen_max)
		gen = 1;
	n2->gen[idx] = gen | CTX_N2_ALLOCATED;
	*amf_ue_ngap_id = (uint64_t)gen << n2->bits | idx;
	t->st.n2_ids_in_use++;
	return 0;
}

int
agw_ctx_n2_id_free(struct agw_ctx_table *t, uint64_t amf_ue_ngap_id)
{
	int64_t idx;

	if (t == NULL)
		return -EINVAL;
	if (!ctx_n2_mode(t))
		return -ENOTSUP;
	idx = ctx_n2_live_index(t, amf_ue_ngap_id);
	if (idx < 0)
		return -ENOENT;
	t->n2.gen[idx] &= ~CTX_N2_ALLOCATED;
	t->n2.free_stack[t->n2.free_top++] = (uint32_t)idx;
	t->st.n2_ids_in_use--;
	return 0;
}

void
agw_ctx_n2_prefetch(const struct agw_ctx_table *t, uint64_t amf_ue_ngap_id)
{
	if (ctx_n2_mode(t))
		rte_prefetch0(&t->n2.ctx[amf_ue_ngap_id & t->n2.mask]);
}

/* Two passes: every pointer read (and its context's lines prefetched)
 * before the first key compare touches a context. */
unsigned int
ctx_n2_lookup_bulk(struct agw_ctx_table *t, const struct agw_ctx_ue_key *keys, unsigned int n,
		   struct agw_ue_ctx **out)
{
	unsigned int i, found = 0;

	for (i = 0; i < n; i++) {
		int64_t idx = ctx_n2_index(t, keys[i].amf_ue_ngap_id);

		out[i] = idx < 0 ? NULL : __atomic_load_n(&t->n2.ctx[idx], __ATOMIC_ACQUIRE);
		if (out[i] != NULL)
			ctx_prefetch(out[i]);
	}
	for (i = 0; i < n; i++) {
		if (out[i] == NULL)
			continue;
		if (ctx_key_matches(out[i], &keys[i]))
			found++;
		else
			out[i] = NULL;
	}
	return found;
}
