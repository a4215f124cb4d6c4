/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_verdict: the last word on each packet.
 *  - Dropped upstream: to agw_drop (counted by cause there).
 *  - Verified: the UE's uplink COUNT commits here, only now that the MAC
 *    verified (TS 33.501 6.4.3.1: the COUNT estimate stays local until
 *    then); a second message with the same COUNT in one burst is a replay.
 *    The plaintext message type picks the way: 5GMM procedures the anchors
 *    run go to agw_punt, the rest to agw_tx on the core port. A frame whose
 *    NAS was deciphered in place gets its SCTP CRC32c recomputed.
 *  - Punt decided upstream (signalling without NAS security): agw_punt.
 *  - Downlink (protected by agw_nas_crypto): CRC recomputed, to agw_tx.
 */
#include <rte_mbuf.h>

#include "agw_net.h"
#include "node_priv.h"

enum {
	AGW_VERDICT_NEXT_DROP = 0,
	AGW_VERDICT_NEXT_TX,
	AGW_VERDICT_NEXT_PUNT,
	AGW_VERDICT_NB_NEXT
};

#define NAS_SEC_HDR_LEN 7
#define NAS_PLAIN_TYPE_OFF 2 /* EPD, SHT, message type */

/*
 * 5GMM messages the control lcore (SEAF/AMF security, anchors) handles
 * (TS 24.501 Table 9.7.1, and the private seed 000 messages the UE sends);
 * every other verified message is forwarded.
 */
static inline int
nas_type_is_anchor(uint8_t t)
{
	switch (t) {
	case 0x41: /* Registration request */
	case 0x43: /* Registration complete */
	case 0x45: /* Deregistration request (UE originating) */
	case 0x4c: /* Service request */
	case 0x54: /* Configuration update complete */
	case 0x57: /* Authentication response */
	case 0x59: /* Authentication failure */
	case 0x5c: /* Identity response */
	case 0x5e: /* Security mode complete */
	case 0x5f: /* Security mode reject */
	case 0x64: /* 5GMM status */
	case 0x7b: /* DH UE key (private, seed 000 Msg2; doc/nas-private-ies.md) */
	case 0x7c: /* Device authentication request (private, seed 000 Msg3) */
		return 1;
	default:
		return 0;
	}
}

/* COUNT commit and replay check, in packet order. */
static inline int
verdict_commit_count(struct agw_pkt_meta *pm)
{
	struct agw_ue_ctx *c = pm->ctx;

	if (pm->count < c->ul_count)
		return -1;
	c->ul_count = pm->count + 1;
	return 0;
}

static inline void
verdict_fix_crc(struct rte_mbuf *m, const struct agw_pkt_meta *pm)
{
	uint8_t *l4 = rte_pktmbuf_mtod_offset(m, uint8_t *, pm->l4_off);

	agw_sctp_set_csum(l4, rte_pktmbuf_data_len(m) - pm->l4_off);
}

static inline uint16_t
verdict_one(struct agw_worker_stats *st, struct rte_mbuf *m)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *plain;

	if (pm->action == AGW_ACT_DROP)
		return AGW_VERDICT_NEXT_DROP;
	if (pm->dl) { /* protected downlink NAS: to the RAN */
		verdict_fix_crc(m, pm);
		st->protected_dl++;
		pm->action = AGW_ACT_FORWARD;
		return AGW_VERDICT_NEXT_TX;
	}
	if (pm->ctx == NULL)
		return pm->action == AGW_ACT_PUNT ? AGW_VERDICT_NEXT_PUNT : AGW_VERDICT_NEXT_TX;
	if (verdict_commit_count(pm) != 0) {
		agw_pkt_set_drop(m, AGW_PKT_REPLAY);
		return AGW_VERDICT_NEXT_DROP;
	}
	st->verified++;
	st->deciphered += pm->deciphered;
	plain = rte_pktmbuf_mtod_offset(m, uint8_t *, pm->nas_off + NAS_SEC_HDR_LEN);
	pm->nas_msg_type = pm->nas_len > NAS_SEC_HDR_LEN + NAS_PLAIN_TYPE_OFF
				   ? plain[NAS_PLAIN_TYPE_OFF]
				   : 0;
	if (pm->deciphered)
		verdict_fix_crc(m, pm);
	if (nas_type_is_anchor(pm->nas_msg_type)) {
		pm->action = AGW_ACT_PUNT;
		return AGW_VERDICT_NEXT_PUNT;
	}
	pm->action = AGW_ACT_FORWARD;
	return AGW_VERDICT_NEXT_TX;
}

static uint16_t
agw_verdict_process(struct rte_graph *graph, struct rte_node *node, void **objs,
		    uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t nexts[RTE_GRAPH_BURST_SIZE];
	uint16_t i;

	for (i = 0; i < nb_objs; i++)
		nexts[i] = verdict_one(&w->stats, objs[i]);
	rte_node_enqueue_next(graph, node, nexts, objs, nb_objs);
	return nb_objs;
}

static struct rte_node_register agw_verdict_node = {
	.process = agw_verdict_process,
	.init = agw_node_init_worker,
	.name = "agw_verdict",
	.nb_edges = AGW_VERDICT_NB_NEXT,
	.next_nodes =
		{
			[AGW_VERDICT_NEXT_DROP] = "agw_drop",
			[AGW_VERDICT_NEXT_TX] = "agw_tx",
			[AGW_VERDICT_NEXT_PUNT] = "agw_punt",
		},
};

RTE_NODE_REGISTER(agw_verdict_node);
