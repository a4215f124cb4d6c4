/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GW_N2_H
#define GW_N2_H

/*
 * The control lcore's side of N2: the gNB associations seen on the RAN
 * port, the UE-associated signalling connections on them (RAN-UE-NGAP-ID,
 * and the AMF-UE-NGAP-ID the gateway allocates for an InitialUEMessage),
 * and the DownlinkNASTransport frames that carry the anchors' NAS to the
 * gNB.
 *
 * SCTP is in framing mode (as on the fast path): the gateway does not run
 * the association's INIT/COOKIE handshake, SACKs or retransmissions; it
 * learns each association's addresses, ports and verification tag from the
 * gNB's frames and numbers its own DATA chunks (TSN, per-stream SSN). Frames
 * leave through a worker's inject ring (agw_inject node), the worker's RAN
 * queue being the only writer of that queue.
 */

#include <stdint.h>

#include <rte_hash.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "agw_ctx.h"
#include "agw_net.h"
#include "agw_pipeline.h"

/** Stream for UE-associated signalling (TS 38.412 7: non-zero). */
#define GW_N2_UE_STREAM 1

/** Counters X(id, name). */
#define GW_N2_COUNTERS(X)                                                                          \
	X(ASSOC_LEARNED, "assoc_learned")                                                          \
	X(ASSOC_FULL, "assoc_table_full")                                                          \
	X(UE_BOUND, "ue_bound")                                                                    \
	X(UE_FULL, "ue_table_full")                                                                \
	X(UE_UNKNOWN, "ue_unknown")                                                                \
	X(DL_SENT, "dl_nas_sent")                                                                  \
	X(DL_NO_MBUF, "dl_no_mbuf")                                                                \
	X(DL_RING_FULL, "dl_inject_ring_full")                                                     \
	X(DL_ENCODE_FAIL, "dl_encode_failed")                                                      \
	X(DL_HELD_FULL, "dl_held_full")                                                            \
	X(DL_HELD_DROPPED, "dl_held_dropped")

enum gw_n2_counter {
#define GW_N2_C_(id, s) GW_N2_##id,
	GW_N2_COUNTERS(GW_N2_C_)
#undef GW_N2_C_
		GW_N2_N_COUNTERS
};

/** One gNB association, as the gateway answers it. */
struct gw_n2_assoc {
	uint32_t assoc_id;
	struct agw_net_hdrs to_gnb; /**< addresses/ports/vtag toward the gNB */
	uint32_t next_tsn;	    /**< the gateway's next DATA TSN */
	uint16_t ssn_ue;	    /**< next SSN on GW_N2_UE_STREAM */
};

/** One UE-associated signalling connection. */
struct gw_n2_ue {
	struct agw_ctx_ue_key key; /**< (association, AMF-UE-NGAP-ID) */
	uint32_t ran_ue_ngap_id;
	int32_t assoc;		   /**< index into the association array */
};

/** Frames held until the store transaction they depend on commits. */
#define GW_N2_HELD_MAX 2048

struct gw_n2 {
	struct rte_hash *assoc_h;
	struct gw_n2_assoc *assocs;
	struct rte_hash *ue_h;
	struct gw_n2_ue *ues;
	uint64_t next_amf_ue_id; /**< allocator, 40-bit wrap (ids == NULL) */
	struct agw_ctx_table *ids; /**< allocator of direct-index IDs, or NULL */
	struct rte_mempool *pool;
	struct rte_ring **inject;  /**< one ring per worker */
	unsigned int nb_inject;
	int hold;                  /**< 1: gw_n2_send_nas() holds frames */
	unsigned int n_held;
	struct rte_mbuf *held[GW_N2_HELD_MAX];
	uint16_t held_ring[GW_N2_HELD_MAX];
	uint64_t counters[GW_N2_N_COUNTERS];
};

/** Name of a counter. */
const char *gw_n2_counter_name(unsigned int c);

/**
 * Create the tables; 0 or -errno. @p ids: the context table whose direct
 * N2 index hands out the AMF-UE-NGAP-IDs (agw_ctx_n2_id_alloc()), or NULL
 * for a plain 40-bit counter.
 */
int gw_n2_init(struct gw_n2 *n2, uint32_t max_assocs, uint32_t max_ues, struct rte_mempool *pool,
	       struct rte_ring **inject, unsigned int nb_inject, struct agw_ctx_table *ids);

/** Free the tables (NULL members accepted). */
void gw_n2_fini(struct gw_n2 *n2);

/**
 * Learn (or refresh) the association of an uplink frame from the gNB.
 *
 * @param frame  the frame (Ethernet first) as parsed by agw_net_parse_frame().
 * @return the association index (>= 0) or -ENOSPC.
 */
int gw_n2_assoc_learn(struct gw_n2 *n2, uint32_t assoc_id, const struct agw_net_frame *frame);

/**
 * Bind a UE connection: @p key->amf_ue_ngap_id 0 allocates a new
 * AMF-UE-NGAP-ID (InitialUEMessage) and writes it back into @p key.
 *
 * @return 0, -ENOSPC (table full), -ENOENT (association unknown).
 */
int gw_n2_ue_bind(struct gw_n2 *n2, struct agw_ctx_ue_key *key, uint32_t ran_ue_ngap_id);

/** Forget a UE connection (released). */
void gw_n2_ue_forget(struct gw_n2 *n2, const struct agw_ctx_ue_key *key);

/**
 * Send a NAS PDU to the UE in a DownlinkNASTransport on its association.
 * @p protect 1: the NAS has a placeholder security header for the worker's
 * downlink path to fill (the context's DL NAS COUNT); 0: sent as it is.
 *
 * @return 0, -ENOENT (unknown UE), -ENOMEM, -ENOBUFS (inject ring full),
 *   -EINVAL (encoding).
 */
int gw_n2_send_nas(struct gw_n2 *n2, const struct agw_ctx_ue_key *key, const uint8_t *nas,
		   size_t len, int protect);

/**
 * From now on hold the frames gw_n2_send_nas() builds (group commit: they
 * leave after the store commit, with gw_n2_release()).
 */
void gw_n2_hold(struct gw_n2 *n2);

/**
 * End holding: @p send 1 enqueues the held frames, in order; 0 frees them
 * (the commit failed), counted as dl_held_dropped.
 */
void gw_n2_release(struct gw_n2 *n2, int send);

#endif /* GW_N2_H */
