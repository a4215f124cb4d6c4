/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_nas_sec: the NAS-5GS security header (TS 24.501 9.1.1, 9.3), the UE
 * context (bulk lookup by gNB association + AMF-UE-NGAP-ID, or by
 * 5G-S-TMSI for an InitialUEMessage) and the uplink NAS COUNT estimate.
 *
 * COUNT (TS 24.501 4.4.3.1): the receiver keeps the overflow counter and
 * learns only the 8-bit SQN from the message. An SQN at or ahead of the
 * expected one (within 256 - window) continues the sequence, possibly
 * wrapping the overflow; an SQN within the last AGW_NAS_REPLAY_WINDOW
 * behind it is a replay and is dropped before any crypto. SCTP delivers
 * NAS in order, so a gap of more than 224 lost messages cannot occur. The
 * estimate only becomes the UE's COUNT in agw_verdict, after the MAC
 * verified.
 *
 * Downlink: the header is a placeholder to fill (SHT 1-4); the UE's DL
 * NAS COUNT is taken here and its low octet written as SQN (the worker that
 * carries a UE's association owns its DL COUNT). Plain DL NAS (SHT 0) goes
 * to the RAN as it is.
 *
 * Set: ctx, count, sht, nas_msg_type (plain). Next: agw_nas_crypto;
 * agw_punt (plain messages that TS 24.501 4.4.4.3 lets through unprotected,
 * initial messages without a usable S-TMSI, and SHT 3/4 "new 5G NAS
 * security context" messages — Security mode complete — which the anchors
 * verify because the fast path gets the context only after them); agw_tx (plain downlink);
 * agw_drop (malformed, unprotected, no_context, replay).
 */
#include <rte_mbuf.h>

#include "agw_nas5g.h"
#include "agw_ngap.h"
#include "node_priv.h"

enum {
	AGW_NAS_NEXT_DROP = 0,
	AGW_NAS_NEXT_CRYPTO,
	AGW_NAS_NEXT_PUNT,
	AGW_NAS_NEXT_TX,
	AGW_NAS_NB_NEXT
};

#define AGW_NAS_REPLAY_WINDOW 32
#define NAS_EPD_5GMM 0x7e

/* TS 24.501 4.4.4.3: 5GMM messages the AMF accepts without integrity. */
static inline int
nas_plain_allowed(const uint8_t *msg, size_t len)
{
	if (len < 3 || msg[0] != NAS_EPD_5GMM)
		return 0;
	switch (msg[2]) {
	case 0x41: /* Registration request */
	case 0x45: /* Deregistration request (UE originating) */
	case 0x48: /* Deregistration accept (UE terminated) */
	case 0x4c: /* Service request */
	case 0x57: /* Authentication response */
	case 0x59: /* Authentication failure */
	case 0x5c: /* Identity response */
	case 0x5f: /* Security mode reject */
		return 1;
	default:
		return 0;
	}
}

/* The estimated COUNT, or -1 for a replay. */
static inline int64_t
nas_count_estimate(uint32_t expected, uint8_t sqn)
{
	uint8_t ahead = (uint8_t)(sqn - (uint8_t)expected);

	if (ahead >= 256 - AGW_NAS_REPLAY_WINDOW)
		return -1;
	return (int64_t)expected + ahead;
}

/* Header and plain-message handling; returns the next edge, or
 * AGW_NAS_NB_NEXT when the packet needs a context lookup. */
static inline uint16_t
nas_sec_header(struct rte_mbuf *m, uint8_t *sqn)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *nas = rte_pktmbuf_mtod_offset(m, const uint8_t *, pm->nas_off);
	struct agw_nas5g_sec sec;

	if (agw_nas5g_sec_decode(nas, pm->nas_len, &sec) != 0 || sec.sht > 4) {
		agw_pkt_set_drop(m, AGW_PKT_MALFORMED);
		return AGW_NAS_NEXT_DROP;
	}
	pm->sht = sec.sht;
	if (pm->dl) {
		if (sec.sht != 0)
			return AGW_NAS_NB_NEXT;
		pm->action = AGW_ACT_FORWARD;
		return AGW_NAS_NEXT_TX;
	}
	if (sec.sht == 0) {
		if (!nas_plain_allowed(sec.msg, sec.msg_len)) {
			agw_pkt_set_drop(m, AGW_PKT_UNPROTECTED);
			return AGW_NAS_NEXT_DROP;
		}
		pm->nas_msg_type = sec.msg[2];
		pm->action = AGW_ACT_PUNT;
		return AGW_NAS_NEXT_PUNT;
	}
	if (sec.sht == AGW_NAS5G_SHT_INTEG_NEW || sec.sht == AGW_NAS5G_SHT_INTEG_CIPH_NEW) {
		/* Security mode complete under the context the SMC just
		 * proposed: not installed yet, the anchors verify it. */
		pm->action = AGW_ACT_PUNT;
		return AGW_NAS_NEXT_PUNT;
	}
	if (pm->ngap_proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE && pm->stmsi == 0) {
		pm->action = AGW_ACT_PUNT; /* GUTI inside the NAS: control resolves it */
		return AGW_NAS_NEXT_PUNT;
	}
	*sqn = sec.sqn;
	return AGW_NAS_NB_NEXT;
}

static inline uint16_t
nas_sec_bind(struct rte_mbuf *m, struct agw_ue_ctx *c, uint8_t sqn)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	int64_t count;

	if (c == NULL) {
		agw_pkt_set_drop(m, AGW_PKT_NO_CONTEXT);
		return AGW_NAS_NEXT_DROP;
	}
	pm->ctx = c;
	if (c->flags & AGW_CTX_F_CIPHER) /* deciphered after the burst's verify */
		for (size_t off = 0; off < sizeof(c->nea_key); off += RTE_CACHE_LINE_SIZE)
			rte_prefetch0((const uint8_t *)&c->nea_key + off);
	if (pm->dl) {
		pm->count = c->dl_count++;
		*rte_pktmbuf_mtod_offset(m, uint8_t *, pm->nas_off + 6) = (uint8_t)pm->count;
		return AGW_NAS_NEXT_CRYPTO;
	}
	count = nas_count_estimate(c->ul_count, sqn);
	if (count < 0 || count > UINT32_MAX) {
		agw_pkt_set_drop(m, AGW_PKT_REPLAY);
		return AGW_NAS_NEXT_DROP;
	}
	pm->count = (uint32_t)count;
	return AGW_NAS_NEXT_CRYPTO;
}

/* Look up the UplinkNASTransport contexts of up to 64 packets at once. */
static void
nas_sec_lookup_ue(struct agw_worker *w, void **objs, const uint16_t *idx, const uint8_t *sqn,
		  uint16_t n, uint16_t *nexts)
{
	struct agw_ctx_ue_key keys[64];
	struct agw_ue_ctx *found[64];
	uint16_t j;

	for (j = 0; j < n; j++) {
		const struct agw_pkt_meta *pm = agw_pkt_meta(objs[idx[j]]);

		keys[j].assoc_id = pm->assoc_id;
		keys[j].rsvd = 0;
		keys[j].amf_ue_ngap_id = pm->amf_ue_ngap_id;
	}
	agw_ctx_lookup_ue_bulk(w->ctx, keys, n, found);
	for (j = 0; j < n; j++)
		nexts[idx[j]] = nas_sec_bind(objs[idx[j]], found[j], sqn[j]);
}

static uint16_t
agw_nas_sec_process(struct rte_graph *graph, struct rte_node *node, void **objs,
		    uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t nexts[RTE_GRAPH_BURST_SIZE], idx[64];
	uint8_t sqns[64], sqn = 0;
	uint16_t i, k = 0;

	for (i = 0; i < nb_objs; i++) {
		struct agw_pkt_meta *pm = agw_pkt_meta(objs[i]);

		nexts[i] = nas_sec_header(objs[i], &sqn);
		if (nexts[i] != AGW_NAS_NB_NEXT)
			continue;
		if (pm->ngap_proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE) {
			nexts[i] = nas_sec_bind(objs[i], agw_ctx_lookup_stmsi(w->ctx, pm->stmsi),
						sqn);
			continue;
		}
		idx[k] = i;
		sqns[k++] = sqn;
		if (k == 64) {
			nas_sec_lookup_ue(w, objs, idx, sqns, k, nexts);
			k = 0;
		}
	}
	if (k != 0)
		nas_sec_lookup_ue(w, objs, idx, sqns, k, nexts);
	rte_node_enqueue_next(graph, node, nexts, objs, nb_objs);
	return nb_objs;
}

static struct rte_node_register agw_nas_sec_node = {
	.process = agw_nas_sec_process,
	.init = agw_node_init_worker,
	.name = "agw_nas_sec",
	.nb_edges = AGW_NAS_NB_NEXT,
	.next_nodes =
		{
			[AGW_NAS_NEXT_DROP] = "agw_drop",
			[AGW_NAS_NEXT_CRYPTO] = "agw_nas_crypto",
			[AGW_NAS_NEXT_PUNT] = "agw_punt",
			[AGW_NAS_NEXT_TX] = "agw_tx",
		},
};

RTE_NODE_REGISTER(agw_nas_sec_node);
