/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_classify: Ethernet (VLAN/QinQ) / IPv4 | IPv6 / SCTP with CRC32c
 * check, down to the NGAP DATA chunk (PPID 60). The common shape (one
 * complete DATA chunk, no IP options or extension headers) takes
 * agw_net_sctp_one_fast(); every other frame the full agw_net_parse_frame().
 * Checksums the NIC verified are trusted, ones it marked bad are dropped.
 *
 * Set: l3_off, l4_off, ngap_off, ngap_len, assoc_id; action/cause.
 * Set: dl (the frame came from the core port).
 * Next: agw_ngap for one complete NGAP message; for SCTP without NGAP data
 * (control chunks) or with several bundled user messages, agw_punt on the
 * uplink (the control lcore splits those) and agw_tx to the RAN on the
 * downlink; agw_drop for non-SCTP (not_n2), bad CRC, fragments and anything
 * a codec refuses.
 */
#include <rte_mbuf.h>

#include "agw_net.h"
#include "node_priv.h"

enum {
	AGW_CLS_NEXT_DROP = 0,
	AGW_CLS_NEXT_NGAP,
	AGW_CLS_NEXT_PUNT,
	AGW_CLS_NEXT_TX,
	AGW_CLS_NB_NEXT
};

static inline uint16_t
cls_drop(struct rte_mbuf *m, int rc)
{
	enum agw_pkt_cause c = AGW_PKT_MALFORMED;

	if (rc == AGW_PROTO_E_BAD_CHECKSUM)
		c = AGW_PKT_BAD_CHECKSUM;
	else if (rc == AGW_PROTO_E_FRAGMENTED)
		c = AGW_PKT_FRAGMENTED;
	else if (rc == AGW_PROTO_E_UNSUPPORTED || rc == AGW_PROTO_E_UNKNOWN_TYPE)
		c = AGW_PKT_NOT_N2;
	agw_pkt_set_drop(m, c);
	return AGW_CLS_NEXT_DROP;
}

/* The association id is that of the gNB end: (gNB address, gateway/AMF
 * address, gNB port, AMF port), whichever way the frame travels. */
static inline void
cls_set_assoc(struct agw_pkt_meta *pm, const struct agw_net_frame *f)
{
	const uint8_t *src = f->ip_version == 4 ? f->ip4.src : f->ip6.src;
	const uint8_t *dst = f->ip_version == 4 ? f->ip4.dst : f->ip6.dst;
	unsigned int len = f->ip_version == 4 ? 4 : 16;

	if (pm->dl)
		pm->assoc_id = agw_assoc_id(dst, src, len, f->sctp.dport, f->sctp.sport);
	else
		pm->assoc_id = agw_assoc_id(src, dst, len, f->sctp.sport, f->sctp.dport);
}

/* Checksums the NIC verified (RTE_MBUF_F_RX_*_CKSUM_GOOD) are not
 * recomputed; one it found wrong is dropped as such. */
static inline int
cls_csum_flags(const struct rte_mbuf *m, unsigned int *flags)
{
	uint64_t ip = m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK;
	uint64_t l4 = m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK;

	if (ip == RTE_MBUF_F_RX_IP_CKSUM_BAD || l4 == RTE_MBUF_F_RX_L4_CKSUM_BAD)
		return AGW_PROTO_E_BAD_CHECKSUM;
	*flags = (ip == RTE_MBUF_F_RX_IP_CKSUM_GOOD ? AGW_NET_F_NO_L3_CSUM : 0) |
		 (l4 == RTE_MBUF_F_RX_L4_CKSUM_GOOD ? AGW_NET_F_NO_L4_CSUM : 0);
	return 0;
}

static inline void
cls_set_assoc_fast(struct agw_pkt_meta *pm, const struct agw_net_sctp_one *o)
{
	unsigned int len = o->ip_version == 4 ? 4 : 16;

	if (pm->dl)
		pm->assoc_id = agw_assoc_id(o->dst, o->src, len, o->dport, o->sport);
	else
		pm->assoc_id = agw_assoc_id(o->src, o->dst, len, o->sport, o->dport);
}

/* Any frame: the full parser, which also names the error. */
static inline uint16_t
classify_full(struct rte_mbuf *m, struct agw_pkt_meta *pm, const uint8_t *base,
	      unsigned int flags)
{
	struct agw_net_frame f;
	int rc;

	rc = agw_net_parse_frame(base, rte_pktmbuf_data_len(m), flags, &f);
	if (rc != 0)
		return cls_drop(m, rc);
	if (f.l4 != AGW_IPPROTO_SCTP)
		return cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
	pm->l3_off = (uint16_t)(f.eth.payload - base);
	pm->l4_off = (uint16_t)(f.sctp.pkt - base);
	cls_set_assoc(pm, &f);
	if (f.n_msgs == 0 && f.n_frags != 0)
		return cls_drop(m, AGW_PROTO_E_FRAGMENTED);
	if (f.n_msgs != 1 || f.msgs[0].ppid != AGW_SCTP_PPID_NGAP) {
		if (f.n_msgs == 1 && f.msgs[0].ppid != AGW_SCTP_PPID_NGAP)
			return cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
		pm->action = pm->dl ? AGW_ACT_FORWARD : AGW_ACT_PUNT;
		return pm->dl ? AGW_CLS_NEXT_TX : AGW_CLS_NEXT_PUNT;
	}
	pm->ngap_off = (uint16_t)(f.msgs[0].payload - base);
	pm->ngap_len = (uint16_t)f.msgs[0].len;
	return AGW_CLS_NEXT_NGAP;
}

static inline uint16_t
classify_one(const struct agw_worker *w, struct rte_mbuf *m)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *base = rte_pktmbuf_mtod(m, const uint8_t *);
	struct agw_net_sctp_one o;
	unsigned int flags = 0;
	int rc;

	memset(pm, 0, sizeof(*pm));
	pm->dl = m->port == w->core_tx.port_id;
	if (!rte_pktmbuf_is_contiguous(m))
		return cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
	if ((rc = cls_csum_flags(m, &flags)) != 0)
		return cls_drop(m, rc);
	if (agw_net_sctp_one_fast(base, rte_pktmbuf_data_len(m), flags, &o) != 0)
		return classify_full(m, pm, base, flags);
	if (o.ppid != AGW_SCTP_PPID_NGAP)
		return cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
	pm->l3_off = o.l3_off;
	pm->l4_off = o.l4_off;
	pm->ngap_off = o.msg_off;
	pm->ngap_len = o.msg_len;
	cls_set_assoc_fast(pm, &o);
	return AGW_CLS_NEXT_NGAP;
}

static uint16_t
agw_classify_process(struct rte_graph *graph, struct rte_node *node, void **objs,
		     uint16_t nb_objs)
{
	const struct agw_worker *w = agw_node_worker(node);
	uint16_t nexts[RTE_GRAPH_BURST_SIZE];
	uint16_t i;

	for (i = 0; i < nb_objs; i++) {
		if (i + 4 < nb_objs)
			rte_prefetch0(rte_pktmbuf_mtod((struct rte_mbuf *)objs[i + 4], void *));
		nexts[i] = classify_one(w, objs[i]);
	}
	rte_node_enqueue_next(graph, node, nexts, objs, nb_objs);
	return nb_objs;
}

static struct rte_node_register agw_classify_node = {
	.process = agw_classify_process,
	.init = agw_node_init_worker,
	.name = "agw_classify",
	.nb_edges = AGW_CLS_NB_NEXT,
	.next_nodes =
		{
			[AGW_CLS_NEXT_DROP] = "agw_drop",
			[AGW_CLS_NEXT_NGAP] = "agw_ngap",
			[AGW_CLS_NEXT_PUNT] = "agw_punt",
			[AGW_CLS_NEXT_TX] = "agw_tx",
		},
};

RTE_NODE_REGISTER(agw_classify_node);
