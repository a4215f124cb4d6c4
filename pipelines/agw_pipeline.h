/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_PIPELINE_H
#define AGW_PIPELINE_H

/**
 * @file
 * The uplink fast path as rte_graph nodes, one graph per worker lcore:
 *
 *   agw_rx ─► agw_classify ─► agw_ngap ─► agw_nas_sec ─► agw_nas_crypto ─► agw_verdict
 *   (ports)   eth/vlan/ip/      APER PDU,   header, ctx    NIA verify then    ├► agw_tx (core port)
 *             sctp crc32c,      UE ids,     lookup (bulk), NEA decipher,      ├► agw_punt (control ring)
 *             DATA PPID 60      NAS-PDU     COUNT estimate one IMB burst      └► agw_drop (cause counted)
 *
 * Downlink, the mirror image on the same graph: agw_rx also polls the core
 * port; a DownlinkNASTransport (or InitialContextSetupRequest) from the core
 * carries a NAS-PDU whose 7-octet security header is a placeholder (EPD, SHT
 * 1-4, MAC 0, SQN 0) in front of the plain message. agw_nas_sec assigns the
 * UE's DL NAS COUNT, agw_nas_crypto ciphers (NEA) and then MACs (NIA) in
 * place with DIRECTION 1, agw_verdict fixes the SCTP CRC, agw_tx sends it to
 * the RAN port. Lengths never change, so nothing is re-encoded. Plain DL NAS
 * (SHT 0) and DL NGAP without NAS go to the RAN port untouched.
 *
 * Per-packet state travels in the mbuf private area (struct agw_pkt_meta).
 * Per-worker state (engine, ports, rings, counters) is a struct agw_worker
 * that the application registers under the graph's name before it creates
 * the graph; every node's init finds it by rte_graph.name and keeps the
 * pointer in its node context.
 */

#include <stdint.h>

#include <rte_graph.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "agw_cdev.h"
#include "agw_ctx.h"
#include "agw_nas_sec.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Why a packet was dropped (or punted), as one list: the enum, the counter
 * array and the telemetry names come from it.
 */
#define AGW_PKT_CAUSES(X)                                                                 \
	X(MALFORMED, "malformed")         /* a codec refused the frame */                \
	X(NOT_N2, "not_n2")               /* not SCTP/NGAP (other ethertype/proto/PPID) */ \
	X(BAD_CHECKSUM, "bad_checksum")   /* SCTP CRC32c / IP checksum wrong */            \
	X(FRAGMENTED, "fragmented")       /* SCTP DATA fragment: not reassembled here */   \
	X(NO_CONTEXT, "no_context")       /* protected NAS of an unknown UE */             \
	X(BAD_MAC, "bad_mac")             /* NAS MAC did not verify */                     \
	X(REPLAY, "replay")               /* NAS COUNT not above the last accepted */      \
	X(UNPROTECTED, "unprotected")     /* plain NAS not allowed without security */      \
	X(CRYPTO_ERROR, "crypto_error")   /* engine reported an error */                  \
	X(RING_FULL, "ring_full")         /* control ring full: backpressure */            \
	X(TX_FULL, "tx_full")             /* port tx queue full */

enum agw_pkt_cause {
#define AGW_PKT_CAUSE_ENUM_(n, s) AGW_PKT_##n,
	AGW_PKT_CAUSES(AGW_PKT_CAUSE_ENUM_)
#undef AGW_PKT_CAUSE_ENUM_
	AGW_PKT_N_CAUSES
};

/** Telemetry name of a cause. */
const char *agw_pkt_cause_name(unsigned int cause);

/** Per-worker counters; written only by their worker. */
struct agw_worker_stats {
	uint64_t rx;           /**< frames received */
	uint64_t verified;     /**< NAS whose MAC verified */
	uint64_t deciphered;   /**< NAS deciphered after verification */
	uint64_t forwarded;    /**< uplink: sent on the core port */
	uint64_t protected_dl; /**< downlink NAS ciphered and MAC'd */
	uint64_t forwarded_dl; /**< downlink: sent on the RAN port */
	uint64_t punted;       /**< handed to the control lcore */
	uint64_t injected;     /**< control-originated frames taken for the RAN */
	uint64_t split_extra;  /**< frames added by splitting SCTP bundles */
	uint64_t dropped;      /**< sum of drop[] */
	uint64_t drop[AGW_PKT_N_CAUSES];
} __rte_cache_aligned;

/** Where a packet goes after the verdict. */
enum agw_pkt_action {
	AGW_ACT_FORWARD = 0, /**< verified NAS the core handles: core port */
	AGW_ACT_PUNT = 1,    /**< the anchors handle it: control ring */
	AGW_ACT_DROP = 2,    /**< see cause */
};

/**
 * Per-packet metadata, in the mbuf private area (pool priv_size). Offsets
 * are from the start of the frame (rte_pktmbuf_mtod).
 */
struct agw_pkt_meta {
	uint16_t l3_off;         /**< IP header */
	uint16_t l4_off;         /**< SCTP common header */
	uint16_t ngap_off;       /**< NGAP PDU (DATA chunk user data) */
	uint16_t ngap_len;
	uint16_t nas_off;        /**< NAS-PDU contents */
	uint16_t nas_len;
	uint8_t ngap_proc;       /**< NGAP procedureCode */
	uint8_t sht;             /**< NAS security header type */
	uint8_t action;          /**< enum agw_pkt_action */
	uint8_t cause;           /**< enum agw_pkt_cause when dropped */
	uint32_t assoc_id;       /**< agw_assoc_id() of the SCTP association */
	uint32_t ran_ue_ngap_id; /**< RAN-UE-NGAP-ID (TS 38.413 9.3.3.2: 32 bits) */
	uint64_t amf_ue_ngap_id;
	uint64_t stmsi;          /**< 5G-S-TMSI of an InitialUEMessage, 0 if none */
	struct agw_ue_ctx *ctx;  /**< context found by agw_nas_sec */
	uint32_t count;          /**< estimated UL NAS COUNT (commits after MAC ok) */
	uint8_t nas_msg_type;    /**< plain 5GMM message type (after deciphering) */
	uint8_t deciphered;      /**< 1: the NAS message was ciphered/deciphered in place */
	uint8_t dl;              /**< 1: downlink (came from the core port) */
	uint8_t inject_protect;  /**< set by the control lcore on an injected frame:
				      1 = its NAS needs protecting (DL path), 0 = as is */
	uint8_t saved[AGW_NIA2_PREFIX_LEN]; /**< octets the NIA2 prefix overwrote */
};

/* One cache line (the mbuf's private area): classify writes it first. */
_Static_assert(sizeof(struct agw_pkt_meta) <= RTE_CACHE_LINE_SIZE,
	       "packet metadata beyond one cache line");

static inline struct agw_pkt_meta *
agw_pkt_meta(struct rte_mbuf *m)
{
	return (struct agw_pkt_meta *)rte_mbuf_to_priv(m);
}

/** mbuf pool private size for agw_pkt_meta. */
#define AGW_PKT_META_SIZE RTE_ALIGN(sizeof(struct agw_pkt_meta), RTE_MBUF_PRIV_ALIGN)

#define AGW_WORKER_MAX_PORTS 8

/** A port/queue a worker polls or sends on. */
struct agw_worker_port {
	uint16_t port_id;
	uint16_t queue_id;
};

/** Everything one worker's graph needs. Owned by the application. */
struct agw_worker {
	char graph_name[RTE_GRAPH_NAMESIZE];
	unsigned int worker_id;          /**< 0..n-1: QSBR reader id, queue id */
	struct agw_ctx_table *ctx;       /**< shared context table */
	struct agw_nas_sec_engine *eng;  /**< this lcore's IMB engine (always present:
					      NIA0/NEA0 contexts and the imb engine) */
	struct agw_cdev *cdev;           /**< cryptodev engine, or NULL for imb */
	uint16_t cdev_qp;                /**< this worker's queue pair */
	struct rte_ring *punt_ring;      /**< to the control lcore (MP/SC) */
	struct rte_ring *inject_ring;    /**< from the control lcore: frames for the RAN
					      (SP/SC), or NULL */
	struct agw_worker_port rx[AGW_WORKER_MAX_PORTS]; /**< RAN ports to poll */
	unsigned int nb_rx;
	struct agw_worker_port core_tx;  /**< where verified NAS goes; also polled for
					      downlink from the core */
	struct agw_worker_port ran_tx;   /**< where protected downlink NAS goes */
	uint16_t burst;
	volatile int *quit;              /**< set by the application to stop */
	struct agw_worker_stats stats;
};

/**
 * Register a worker before rte_graph_create() for its graph_name; node
 * inits look it up. At most RTE_MAX_LCORE workers.
 *
 * @return 0, -EINVAL, -ENOSPC.
 */
int agw_pipeline_register_worker(struct agw_worker *w);

/** The worker registered for a graph name, or NULL. */
struct agw_worker *agw_pipeline_worker(const char *graph_name);

/** Node name patterns of the uplink graph, NULL-terminated. */
extern const char *const agw_pipeline_node_patterns[];

/**
 * Stable 32-bit identifier of an SCTP association from its addresses and
 * ports (what the control path also uses when it installs contexts).
 */
uint32_t agw_assoc_id(const uint8_t *src_ip, const uint8_t *dst_ip, unsigned int ip_len,
		      uint16_t src_port, uint16_t dst_port);

#ifdef __cplusplus
}
#endif

#endif /* AGW_PIPELINE_H */
