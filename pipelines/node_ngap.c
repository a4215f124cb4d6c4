/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_ngap: the NGAP PDU (TS 38.413, APER) of each frame: procedure code
 * and, for UE-associated NAS carriers, the UE ids and the NAS-PDU.
 *
 * Set: ngap_proc, amf_ue_ngap_id, ran_ue_ngap_id, nas_off/nas_len, stmsi.
 * Next, uplink: agw_nas_sec for UplinkNASTransport (initiatingMessage,
 * proc 46) and InitialUEMessage (proc 15); agw_tx to the core, untouched,
 * for every other procedure (NG Setup, UE context release complete, error
 * indication, ...: the AMF answers those; the gateway only secures NAS). Downlink: agw_nas_sec for
 * DownlinkNASTransport (proc 4) and InitialContextSetupRequest (proc 14)
 * that carry a NAS-PDU; agw_tx (to the RAN, untouched) for the rest.
 * agw_drop (malformed) when the PDU or a mandatory IE does not decode.
 */
#include <rte_mbuf.h>

#include "agw_ngap.h"
#include "node_priv.h"

enum { AGW_NGAP_NEXT_DROP = 0, AGW_NGAP_NEXT_NAS_SEC, AGW_NGAP_NEXT_TX, AGW_NGAP_NB_NEXT };

static inline agw_ctx_stmsi_t
stmsi_key(const struct agw_ngap_5g_s_tmsi *s)
{
	return (uint64_t)s->set_id << 38 | (uint64_t)(s->pointer & 0x3f) << 32 |
	       (uint64_t)s->tmsi[0] << 24 | (uint64_t)s->tmsi[1] << 16 | (uint64_t)s->tmsi[2] << 8 |
	       s->tmsi[3];
}

/* Keep what the fast path needs; 0, or AGW_PROTO_E_MISSING_IE without a
 * usable NAS-PDU. */
static inline int
ngap_take(struct agw_pkt_meta *pm, const struct agw_ngap_ue_nas *u, const uint8_t *base)
{
	pm->amf_ue_ngap_id = u->amf_ue_ngap_id;
	pm->ran_ue_ngap_id = u->ran_ue_ngap_id;
	if (u->has_stmsi)
		pm->stmsi = stmsi_key(&u->stmsi);
	if (u->nas.p == NULL || u->nas.len == 0 || u->nas.len > UINT16_MAX)
		return AGW_PROTO_E_MISSING_IE;
	pm->nas_off = (uint16_t)(u->nas.p - base);
	pm->nas_len = (uint16_t)u->nas.len;
	return 0;
}

static inline uint16_t
ngap_malformed(struct rte_mbuf *m)
{
	agw_pkt_set_drop(m, AGW_PKT_MALFORMED);
	return AGW_NGAP_NEXT_DROP;
}

/* Downlink: NAS carriers get protected, everything else passes. */
static inline uint16_t
ngap_dl(struct rte_mbuf *m, struct agw_pkt_meta *pm, const struct agw_ngap_ue_nas *u, int rc,
	const uint8_t *base)
{
	if (u->type != AGW_AP_INITIATING || (u->proc != AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT &&
					     u->proc != AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP)) {
		pm->action = AGW_ACT_FORWARD;
		return AGW_NGAP_NEXT_TX;
	}
	if (rc == 0)
		rc = ngap_take(pm, u, base);
	if (rc == AGW_PROTO_E_MISSING_IE && u->proc == AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP) {
		pm->action = AGW_ACT_FORWARD; /* no NAS-PDU: nothing to protect */
		return AGW_NGAP_NEXT_TX;
	}
	return rc != 0 ? ngap_malformed(m) : AGW_NGAP_NEXT_NAS_SEC;
}

/*
 * agw_ngap_ue_nas_decode() reports a PDU-level error before type/proc are
 * known (malformed in either direction) and an IE-level error after: on the
 * downlink a message that is not a NAS carrier passes untouched even then,
 * as the IEs of other procedures are the AMF's business.
 */
static inline uint16_t
ngap_one(struct agw_worker *w, struct rte_mbuf *m)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *base = rte_pktmbuf_mtod(m, const uint8_t *);
	struct agw_ngap_ue_nas u;
	int rc;

	u.type = UINT8_MAX;
	rc = agw_ngap_ue_nas_decode(base + pm->ngap_off, pm->ngap_len, &u);
	if (rc != 0 && u.type == UINT8_MAX)
		return ngap_malformed(m);
	pm->ngap_proc = u.proc;
	if (pm->dl)
		return ngap_dl(m, pm, &u, rc, base);
	if (u.type != AGW_AP_INITIATING || (u.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
					    u.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE)) {
		pm->action = AGW_ACT_FORWARD; /* NG Setup, context release...: the AMF's */
		return AGW_NGAP_NEXT_TX;
	}
	if (rc != 0 || ngap_take(pm, &u, base) != 0)
		return ngap_malformed(m);
	/* Gateway-allocated IDs: the direct-index entry is on its way while
	 * the rest of the burst is decoded (agw_nas_sec reads it). */
	if (u.has_amf_ue_id)
		agw_ctx_n2_prefetch(w->ctx, u.amf_ue_ngap_id);
	return AGW_NGAP_NEXT_NAS_SEC;
}

static uint16_t
agw_ngap_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t nexts[RTE_GRAPH_BURST_SIZE];
	uint16_t i;

	for (i = 0; i < nb_objs; i++)
		nexts[i] = ngap_one(w, objs[i]);
	rte_node_enqueue_next(graph, node, nexts, objs, nb_objs);
	return nb_objs;
}

static struct rte_node_register agw_ngap_node = {
	.process = agw_ngap_process,
	.init = agw_node_init_worker,
	.name = "agw_ngap",
	.nb_edges = AGW_NGAP_NB_NEXT,
	.next_nodes =
		{
			[AGW_NGAP_NEXT_DROP] = "agw_drop",
			[AGW_NGAP_NEXT_NAS_SEC] = "agw_nas_sec",
			[AGW_NGAP_NEXT_TX] = "agw_tx",
		},
};

RTE_NODE_REGISTER(agw_ngap_node);
