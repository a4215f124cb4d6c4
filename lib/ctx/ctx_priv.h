/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/* The context table's layout, shared by ctx.c and ctx_n2.c. */
#ifndef AGW_CTX_PRIV_H
#define AGW_CTX_PRIV_H

#include <stdint.h>

#include <rte_common.h>
#include <rte_prefetch.h>

#include "agw_ctx.h"

struct rte_hash;
struct rte_rcu_qsbr;

/* A slot (and hash key positions) waiting for its grace period. */
struct ctx_deferred {
	uint64_t token;
	uint32_t slot;	  /* slot to free (every deferral frees one) */
	int32_t pos_ue;	  /* by_ue key position to free, or -1 */
	int32_t pos_tmsi; /* by_stmsi key position to free, or -1 */
	uint32_t rsvd;
};

/* Gateway-allocated AMF-UE-NGAP-IDs: generation << bits | index. */
#define CTX_N2_ALLOCATED 0x80000000u /* n2_gen[]: the index's ID is live */
#define CTX_N2_MAX_BITS 24
#define CTX_N2_ID_BITS 40 /* TS 38.413 9.3.3.1: 0 .. 2^40 - 1 */

struct ctx_n2_ids {
	struct agw_ue_ctx **ctx; /* index -> context; workers read, release store */
	uint32_t *gen;		 /* index -> last generation | CTX_N2_ALLOCATED */
	uint32_t *free_stack;	 /* free indices */
	uint32_t free_top;
	uint32_t bits; /* 0: hash mode */
	uint64_t mask;
	uint32_t gen_max; /* generations run 1 .. gen_max */
};

struct agw_ctx_table {
	uint32_t capacity;
	uint32_t max_workers;
	struct agw_ue_ctx *slots;
	uint32_t *free_stack; /* free slot indices, control lcore only */
	uint32_t free_top;
	struct ctx_deferred *dq; /* FIFO, tokens increase from head to tail */
	uint32_t dq_cap;
	uint32_t dq_head;
	uint32_t dq_tail;
	struct rte_hash *by_ue; /* hash mode only */
	struct rte_hash *by_stmsi;
	struct rte_rcu_qsbr *qsv;
	struct agw_ctx_hooks hooks;
	struct ctx_n2_ids n2;
	struct agw_ctx_stats st;
};

/* ctx_n2.c */
int ctx_n2_init(struct agw_ctx_table *t, uint32_t n2_ids, int socket_id);
void ctx_n2_fini(struct agw_ctx_table *t);
/* The index of a live gateway-allocated @p id, or -1. */
int64_t ctx_n2_live_index(const struct agw_ctx_table *t, uint64_t id);
/* The index @p id would use if well formed (live or not), or -1. */
int64_t ctx_n2_index(const struct agw_ctx_table *t, uint64_t id);
unsigned int ctx_n2_lookup_bulk(struct agw_ctx_table *t, const struct agw_ctx_ue_key *keys,
				unsigned int n, struct agw_ue_ctx **out);

static inline int
ctx_n2_mode(const struct agw_ctx_table *t)
{
	return t->n2.bits != 0;
}

static inline int
ctx_key_matches(const struct agw_ue_ctx *c, const struct agw_ctx_ue_key *k)
{
	return c->amf_ue_ngap_id == k->amf_ue_ngap_id && c->assoc_id == k->assoc_id;
}

/* The header (COUNTs, algorithms) and every line of the integrity key:
 * 224 octets for NIA2 (AES schedule + CMAC subkeys), four cache lines
 * that the verify touches within the same burst. */
static inline void
ctx_prefetch(const struct agw_ue_ctx *c)
{
	const uint8_t *k = (const uint8_t *)&c->nia_key;

	rte_prefetch0(c);
	for (size_t off = 0; off < sizeof(c->nia_key); off += RTE_CACHE_LINE_SIZE)
		rte_prefetch0(k + off);
}

#endif /* AGW_CTX_PRIV_H */
