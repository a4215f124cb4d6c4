/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_CTX_H
#define AGW_CTX_H

/**
 * @file
 * UE NAS security contexts shared between the control lcore (the only
 * writer of keys) and the worker lcores (lock-free readers).
 *
 * Contexts live in one preallocated, cache-aligned array sized by
 * configuration. Lookup keys map to slots:
 *  - (gNB association, AMF-UE-NGAP-ID) for UE-associated NGAP messages:
 *    a lock-free rte_hash when the core network allocates the IDs; when the
 *    gateway does (anchors mode, @c n2_ids), the ID's low bits index an
 *    array of context pointers directly (agw_ctx_n2_id_alloc()), so a lookup
 *    costs one array read plus the key compare in the context's own first
 *    cache line, which the verify needs anyway;
 *  - 5G-S-TMSI for initial messages (Service Request, mobility RR): rte_hash.
 *
 * Replacement never edits a slot a worker may be reading: the control lcore
 * fills a fresh slot, switches the hash entries to it, and frees the old
 * slot (zeroising its keys) only after every registered worker has reported
 * a quiescent state (RCU QSBR) — so a packet in flight finishes with the key
 * it started with, and once agw_ctx_is_acked() says yes for the update's
 * token, no worker can use the old key any more.
 *
 * The worker owns the uplink COUNT of the contexts it verifies: it updates
 * @c ul_count only after a MAC verified (TS 33.501 6.4.3.1).
 */

#include <stdint.h>

#include "agw_nas_sec.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Lookup key of UE-associated N2 signalling. */
struct agw_ctx_ue_key {
	uint32_t assoc_id;        /**< gNB SCTP association (gateway-local id) */
	uint32_t rsvd;            /**< zero */
	uint64_t amf_ue_ngap_id;  /**< AMF-UE-NGAP-ID (40 bits) */
};

/** 5G-S-TMSI (TS 23.003 2.11): AMF Set ID(10) | AMF Pointer(6) | 5G-TMSI(32). */
typedef uint64_t agw_ctx_stmsi_t;

/** Flags of a context. */
#define AGW_CTX_F_CIPHER 0x01 /**< NEA != NEA0: decipher after verification */
#define AGW_CTX_F_EPS    0x02 /**< mapped/EPS keys: BEARER 0, EIA/EEA */

/**
 * One UE security context as the workers see it. The first cache line holds
 * everything but the keys, so a prefetch of it plus the key lines is all a
 * worker touches per message.
 */
struct agw_ue_ctx {
	uint32_t slot;        /**< own index in the array */
	uint32_t generation;  /**< bumped on every install into this slot */
	uint8_t nia;          /**< enum agw_nia */
	uint8_t nea;          /**< enum agw_nea */
	uint8_t ngksi;        /**< ngKSI of the current context */
	uint8_t flags;        /**< AGW_CTX_F_* */
	uint8_t bearer;       /**< BEARER for the NAS connection (TS 33.501 6.4.3.1) */
	uint8_t rsvd[3];
	uint32_t ul_count;    /**< next expected UL NAS COUNT (worker-owned) */
	uint32_t dl_count;    /**< next DL NAS COUNT (owner: the downlink path) */
	uint64_t amf_ue_ngap_id; /**< copy of the lookup key, for the verdict */
	agw_ctx_stmsi_t stmsi;   /**< 5G-S-TMSI, 0 if none */
	uint32_t assoc_id;
	uint32_t rsvd2;
	uint64_t user;        /**< control-path cookie (UE index in the anchors) */
	void *sess_int;       /**< cryptodev engine: NIA verify session, or NULL */
	void *sess_enc;       /**< cryptodev engine: NEA session, or NULL */
	struct agw_nia_key nia_key __attribute__((aligned(64))); /**< K_NASint */
	struct agw_nea_key nea_key;                                /**< K_NASenc */
} __attribute__((aligned(64)));

/** What the control lcore installs: raw keys and parameters. */
struct agw_ctx_install {
	struct agw_ctx_ue_key ue_key;  /**< N2 lookup key */
	agw_ctx_stmsi_t stmsi;         /**< 0: not reachable by 5G-S-TMSI */
	uint8_t nia;                   /**< enum agw_nia */
	uint8_t nea;                   /**< enum agw_nea */
	uint8_t ngksi;
	uint8_t flags;                 /**< AGW_CTX_F_EPS, ... */
	uint8_t bearer;
	uint32_t ul_count;             /**< starting UL COUNT */
	uint32_t dl_count;             /**< starting DL COUNT */
	uint64_t user;
	uint8_t k_nas_int[AGW_NAS_KEY_LEN];
	uint8_t k_nas_enc[AGW_NAS_KEY_LEN];
};

/**
 * Engine hooks, called on the control lcore: @c install after a slot's keys
 * are expanded (e.g. to create cryptodev sessions from the raw keys into
 * @c sess_int / @c sess_enc), @c release before a slot is zeroised (after
 * its grace period, or when an install fails).
 */
struct agw_ctx_hooks {
	int (*install)(void *arg, const struct agw_ctx_install *in, struct agw_ue_ctx *c);
	void (*release)(void *arg, struct agw_ue_ctx *c);
	void *arg;
};

/** Table configuration. */
struct agw_ctx_table_conf {
	const char *name;       /**< unique name (hash and memzone names) */
	uint32_t capacity;      /**< number of contexts (e.g. 1,000,000) */
	uint32_t max_workers;   /**< readers that report quiescent states */
	int socket_id;          /**< NUMA socket, or SOCKET_ID_ANY */
	const struct agw_ctx_hooks *hooks; /**< NULL: none */
	/**
	 * 0: AMF-UE-NGAP-IDs come from the core (N2 keys are hashed). Else the
	 * gateway allocates them with agw_ctx_n2_id_alloc(), at most this many
	 * live at once (rounded up to a power of two, 2^b ≤ 2^24): ID =
	 * generation << b | index, and N2 lookups index an array of context
	 * pointers; agw_ctx_install() then accepts only such IDs.
	 */
	uint32_t n2_ids;
};

/** Opaque table. */
struct agw_ctx_table;

/** Counters of a table (control-lcore view). */
struct agw_ctx_stats {
	uint32_t in_use;        /**< live contexts */
	uint32_t deferred;      /**< freed, waiting for the grace period */
	uint32_t capacity;
	uint32_t bytes_per_ctx; /**< array slot plus lookup-table share */
	uint64_t memory_bytes;  /**< everything the table allocated */
	uint64_t installs;
	uint64_t replaces;
	uint64_t deletes;
	uint64_t full;          /**< installs refused: no free slot */
	uint32_t n2_ids_in_use; /**< gateway-allocated AMF-UE-NGAP-IDs live */
	uint32_t rsvd;
	uint64_t n2_ids_full;   /**< ID allocations refused: all in use */
	uint64_t evicted;       /**< contexts of a freed ID replaced on its reuse */
};

/**
 * Create a table. Call on the control lcore after rte_eal_init().
 *
 * @return the table, or NULL with rte_errno set (EINVAL, ENOMEM, EEXIST).
 */
struct agw_ctx_table *agw_ctx_table_create(const struct agw_ctx_table_conf *conf);

/** Free a table, zeroising every key it holds. NULL is accepted. */
void agw_ctx_table_free(struct agw_ctx_table *t);

/**
 * Register worker @p worker_id (0 .. max_workers-1) as a reader and mark it
 * online. Call once on the worker lcore before its first lookup.
 *
 * @return 0, or -EINVAL.
 */
int agw_ctx_worker_register(struct agw_ctx_table *t, unsigned int worker_id);

/** Mark a worker offline (it stops holding up grace periods). */
void agw_ctx_worker_unregister(struct agw_ctx_table *t, unsigned int worker_id);

/**
 * Report that worker @p worker_id holds no context pointer: call once per
 * burst, after the burst's verdicts are final.
 */
void agw_ctx_worker_quiescent(struct agw_ctx_table *t, unsigned int worker_id);

/**
 * Look up contexts by N2 key, many at a time; prefetches the first cache
 * line and the key lines of each hit.
 *
 * @param[in] keys  @p n keys (n ≤ 64).
 * @param[out] out  per key: the context or NULL.
 * @return the number of hits.
 * @note Worker lcores, between quiescent reports. Never blocks.
 */
unsigned int agw_ctx_lookup_ue_bulk(struct agw_ctx_table *t, const struct agw_ctx_ue_key *keys,
				    unsigned int n, struct agw_ue_ctx **out);

/**
 * Prefetch the direct-index entry of a gateway-allocated AMF-UE-NGAP-ID
 * (no-op in hash mode or for an ID out of range): call it as soon as the ID
 * is parsed, a stage before agw_ctx_lookup_ue_bulk(). Worker lcores.
 */
void agw_ctx_n2_prefetch(const struct agw_ctx_table *t, uint64_t amf_ue_ngap_id);

/**
 * Allocate an AMF-UE-NGAP-ID (TS 38.413 9.3.3.1, 40 bits, never 0) whose
 * low bits index the direct array; the generation in the high bits changes
 * on every reuse of an index, so a stale ID does not find the new UE.
 *
 * @return 0, -ENOTSUP (hash mode: the core allocates IDs), -ENOSPC.
 * @note Control lcore only.
 */
int agw_ctx_n2_id_alloc(struct agw_ctx_table *t, uint64_t *amf_ue_ngap_id);

/**
 * Give back an ID from agw_ctx_n2_id_alloc() (the UE's N2 binding ended).
 * A context still installed under it stays reachable until the index is
 * reused, when agw_ctx_install() evicts it (stats: evicted).
 *
 * @return 0, -ENOTSUP (hash mode), -ENOENT (not an allocated ID).
 * @note Control lcore only.
 */
int agw_ctx_n2_id_free(struct agw_ctx_table *t, uint64_t amf_ue_ngap_id);

/** Look up one context by 5G-S-TMSI; NULL if none. Worker lcores. */
struct agw_ue_ctx *agw_ctx_lookup_stmsi(struct agw_ctx_table *t, agw_ctx_stmsi_t stmsi);

/**
 * Install a context, or replace the one with the same N2 key (new keys,
 * algorithms and COUNTs). Expands the keys with @p eng.
 *
 * @param[out] token  grace-period token: the update is acknowledged (no
 *                    worker can still use the old context) once
 *                    agw_ctx_is_acked(t, *token) returns 1. May be NULL.
 * @return 0, -ENOSPC (table full), -EINVAL (bad algorithm or key; with
 *   @c n2_ids, an AMF-UE-NGAP-ID not from agw_ctx_n2_id_alloc()), or
 *   another -errno from the hash.
 * @note Control lcore only.
 */
int agw_ctx_install(struct agw_ctx_table *t, struct agw_nas_sec_engine *eng,
		    const struct agw_ctx_install *in, uint64_t *token);

/**
 * Delete the context with N2 key @p key (and its 5G-S-TMSI entry).
 *
 * @return 0, or -ENOENT.
 * @note Control lcore only.
 */
int agw_ctx_delete(struct agw_ctx_table *t, const struct agw_ctx_ue_key *key, uint64_t *token);

/**
 * Whether every worker has passed a quiescent state since the update that
 * returned @p token; also frees (and zeroises) slots whose grace period is
 * over. Never blocks. Control lcore only.
 *
 * @return 1 acknowledged, 0 not yet.
 */
int agw_ctx_is_acked(struct agw_ctx_table *t, uint64_t token);

/** Free the slots whose grace period is over. Control lcore; never blocks. */
void agw_ctx_reclaim(struct agw_ctx_table *t);

/** Read the table's counters. */
void agw_ctx_stats_get(const struct agw_ctx_table *t, struct agw_ctx_stats *st);

#ifdef __cplusplus
}
#endif

#endif /* AGW_CTX_H */
