/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_ngap: the NGAP PDU (TS 38.413, APER) of each frame: procedure code
 * and, for UE-associated NAS carriers, the UE ids and the NAS-PDU.
 *
 * Set: ngap_proc, amf_ue_ngap_id, ran_ue_ngap_id, nas_off/nas_len, stmsi.
 * Next, uplink: agw_nas_sec for UplinkNASTransport (initiatingMessage,
 * proc 46) and InitialUEMessage (proc 15); agw_punt for every other
 * procedure (NG Setup, UE context release complete, error indication, ...:
 * the control lcore answers those). Downlink: agw_nas_sec for
 * DownlinkNASTransport (proc 4) and InitialContextSetupRequest (proc 14)
 * that carry a NAS-PDU; agw_tx (to the RAN, untouched) for the rest.
 * agw_drop (malformed) when the PDU or a mandatory IE does not decode.
 */
#include <rte_mbuf.h>

#include "agw_ngap.h"
#include "node_priv.h"

enum {
	AGW_NGAP_NEXT_DROP = 0,
	AGW_NGAP_NEXT_NAS_SEC,
	AGW_NGAP_NEXT_PUNT,
	AGW_NGAP_NEXT_TX,
	AGW_NGAP_NB_NEXT
};

/* TS 38.413 9.4.7 ProtocolIE-IDs used here. */
#define IE_AMF_UE_NGAP_ID 10
#define IE_FIVEG_S_TMSI 26
#define IE_NAS_PDU 38
#define IE_RAN_UE_NGAP_ID 85

static inline agw_ctx_stmsi_t
stmsi_key(const struct agw_ngap_5g_s_tmsi *s)
{
	return (uint64_t)s->set_id << 38 | (uint64_t)(s->pointer & 0x3f) << 32 |
	       (uint64_t)s->tmsi[0] << 24 | (uint64_t)s->tmsi[1] << 16 |
	       (uint64_t)s->tmsi[2] << 8 | s->tmsi[3];
}

/* One IE: keep it in the metadata if the fast path needs it. */
static int
ngap_take_ie(const struct agw_ap_ie *ie, struct agw_pkt_meta *pm, struct agw_ap_octets *nas)
{
	struct agw_ngap_5g_s_tmsi st;
	uint32_t ran;
	int rc;

	switch (ie->id) {
	case IE_AMF_UE_NGAP_ID:
		return agw_ngap_ie_amf_ue_id(ie, &pm->amf_ue_ngap_id);
	case IE_RAN_UE_NGAP_ID:
		rc = agw_ngap_ie_ran_ue_id(ie, &ran);
		pm->ran_ue_ngap_id = ran;
		return rc;
	case IE_NAS_PDU:
		return agw_ngap_ie_nas_pdu(ie, nas);
	case IE_FIVEG_S_TMSI:
		rc = agw_ngap_ie_5g_s_tmsi(ie, &st);
		if (rc == 0)
			pm->stmsi = stmsi_key(&st);
		return rc;
	default:
		return 0;
	}
}

/* Walk the IE container once, taking the IEs the fast path needs. */
static int
ngap_take_ies(const struct agw_ap_pdu *pdu, struct agw_pkt_meta *pm, const uint8_t *base)
{
	struct agw_ap_octets nas = {NULL, 0};
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	int rc;

	agw_ap_ie_iter_init(&it, pdu);
	while ((rc = agw_ap_ie_next(&it, &ie)) == 1) {
		rc = ngap_take_ie(&ie, pm, &nas);
		if (rc != 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (nas.p == NULL || nas.len == 0 || nas.len > UINT16_MAX)
		return AGW_PROTO_E_MISSING_IE;
	pm->nas_off = (uint16_t)(nas.p - base);
	pm->nas_len = (uint16_t)nas.len;
	return 0;
}

/* Downlink: NAS carriers get protected, everything else passes. */
static inline uint16_t
ngap_dl(struct rte_mbuf *m, struct agw_pkt_meta *pm, const struct agw_ap_pdu *pdu,
	const uint8_t *base)
{
	int rc;

	if (pdu->type != AGW_AP_INITIATING ||
	    (pdu->proc != AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT &&
	     pdu->proc != AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP)) {
		pm->action = AGW_ACT_FORWARD;
		return AGW_NGAP_NEXT_TX;
	}
	rc = ngap_take_ies(pdu, pm, base);
	if (rc == AGW_PROTO_E_MISSING_IE && pdu->proc == AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP) {
		pm->action = AGW_ACT_FORWARD; /* no NAS-PDU: nothing to protect */
		return AGW_NGAP_NEXT_TX;
	}
	if (rc != 0) {
		agw_pkt_set_drop(m, AGW_PKT_MALFORMED);
		return AGW_NGAP_NEXT_DROP;
	}
	return AGW_NGAP_NEXT_NAS_SEC;
}

static inline uint16_t
ngap_one(struct rte_mbuf *m)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *base = rte_pktmbuf_mtod(m, const uint8_t *);
	struct agw_ap_pdu pdu;

	if (agw_ap_pdu_decode(base + pm->ngap_off, pm->ngap_len, &pdu) != 0) {
		agw_pkt_set_drop(m, AGW_PKT_MALFORMED);
		return AGW_NGAP_NEXT_DROP;
	}
	pm->ngap_proc = pdu.proc;
	if (pm->dl)
		return ngap_dl(m, pm, &pdu, base);
	if (pdu.type != AGW_AP_INITIATING ||
	    (pdu.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
	     pdu.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE)) {
		pm->action = AGW_ACT_PUNT;
		return AGW_NGAP_NEXT_PUNT;
	}
	if (ngap_take_ies(&pdu, pm, base) != 0) {
		agw_pkt_set_drop(m, AGW_PKT_MALFORMED);
		return AGW_NGAP_NEXT_DROP;
	}
	return AGW_NGAP_NEXT_NAS_SEC;
}

static uint16_t
agw_ngap_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	uint16_t nexts[RTE_GRAPH_BURST_SIZE];
	uint16_t i;

	for (i = 0; i < nb_objs; i++)
		nexts[i] = ngap_one(objs[i]);
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
			[AGW_NGAP_NEXT_PUNT] = "agw_punt",
			[AGW_NGAP_NEXT_TX] = "agw_tx",
		},
};

RTE_NODE_REGISTER(agw_ngap_node);
