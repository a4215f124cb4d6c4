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
 * Next: agw_ngap for one complete NGAP message; agw_tx (on, untouched) for
 * SCTP packets of control chunks only (INIT, SACK, HEARTBEAT...: the
 * association is the gNB's and the AMF's); a bundle of several user
 * messages is split here into one frame per message (cls_split), each then
 * classified alone; agw_drop for non-SCTP (not_n2), bad CRC, fragments and
 * anything a codec refuses.
 */
#include <rte_mbuf.h>

#include "agw_net.h"
#include "node_priv.h"

enum {
	AGW_CLS_NEXT_DROP = 0,
	AGW_CLS_NEXT_NGAP,
	AGW_CLS_NEXT_PUNT,
	AGW_CLS_NEXT_TX,
	AGW_CLS_NB_NEXT,
	AGW_CLS_SPLIT = UINT16_MAX /* not an edge: a bundle to split first */
};

/* At most this many frames out of one bundle. */
#define CLS_SPLIT_MAX 16 /* DATA chunks; plus one frame of control chunks */

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
classify_full(struct rte_mbuf *m, struct agw_pkt_meta *pm, const uint8_t *base, unsigned int flags)
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
	if (f.n_msgs == 0) { /* SCTP control chunks only: not ours, pass them on */
		pm->action = AGW_ACT_FORWARD;
		return AGW_CLS_NEXT_TX;
	}
	if (f.n_msgs > 1)
		return AGW_CLS_SPLIT;
	if (f.msgs[0].ppid != AGW_SCTP_PPID_NGAP)
		return cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
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

/* Chunk index masks of a parsed SCTP packet: complete DATA chunks and
 * control chunks; returns the number of DATA chunks. */
static unsigned int
cls_chunk_masks(const struct agw_net_frame *f, uint64_t *data, uint64_t *ctrl)
{
	struct agw_sctp_chunk_iter it;
	struct agw_sctp_chunk c;
	unsigned int i = 0, n = 0;

	agw_sctp_chunks_init(&it, &f->sctp);
	while (agw_sctp_chunk_next(&it, &c) == 1 && i < 64) {
		if (c.type == AGW_SCTP_CHUNK_DATA) {
			*data |= 1ULL << i;
			n++;
		} else {
			*ctrl |= 1ULL << i;
		}
		i++;
	}
	return n;
}

/* One part of a bundle in a new mbuf of the frame's pool, or NULL. */
static struct rte_mbuf *
cls_part(struct rte_mbuf *m, const uint8_t *base, const struct agw_net_frame *f, uint64_t mask)
{
	struct rte_mbuf *p = rte_pktmbuf_alloc(m->pool);
	long n;

	if (p == NULL)
		return NULL;
	n = agw_net_sctp_subset(base, f, mask, rte_pktmbuf_mtod(p, uint8_t *),
				rte_pktmbuf_tailroom(p));
	if (n <= 0) {
		rte_pktmbuf_free(p);
		return NULL;
	}
	p->data_len = (uint16_t)n;
	p->pkt_len = (uint32_t)n;
	p->port = m->port;
	/* the bundle's checksums were verified; the parts' are fresh */
	p->ol_flags = RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	return p;
}

/* A part has one DATA chunk: it never needs splitting again. */
static uint16_t
cls_part_next(const struct agw_worker *w, struct rte_mbuf *p)
{
	uint16_t next = classify_one(w, p);

	return next == AGW_CLS_SPLIT ? cls_drop(p, AGW_PROTO_E_UNSUPPORTED) : next;
}

/*
 * A bundle of several user messages: one frame per DATA chunk (behind the
 * same headers) and one of the control chunks (SACK...), which passes on
 * as it is; each message then takes the one-message path. The parts replace the
 * frame, in chunk order (a UE's NAS COUNTs must stay in order), appended to
 * @p objs / @p nexts; returns how many.
 */
static unsigned int
cls_split(struct agw_worker *w, struct rte_mbuf *m, void **objs, uint16_t *nexts)
{
	const uint8_t *base = rte_pktmbuf_mtod(m, const uint8_t *);
	uint64_t data_mask = 0, ctrl_mask = 0;
	struct agw_net_frame f;
	unsigned int n = 0, i;

	if (agw_net_parse_frame(base, rte_pktmbuf_data_len(m),
				AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM, &f) != 0 ||
	    cls_chunk_masks(&f, &data_mask, &ctrl_mask) > CLS_SPLIT_MAX) {
		objs[0] = m;
		nexts[0] = cls_drop(m, AGW_PROTO_E_UNSUPPORTED);
		return 1;
	}
	if (ctrl_mask != 0 && (objs[0] = cls_part(m, base, &f, ctrl_mask)) != NULL) {
		nexts[0] = cls_part_next(w, objs[0]);
		n = 1;
	}
	for (i = 0; i < 64 && n < CLS_SPLIT_MAX + 1; i++) {
		struct rte_mbuf *p;

		if (!(data_mask >> i & 1))
			continue;
		p = cls_part(m, base, &f, 1ULL << i);
		if (p == NULL) /* out of mbufs: the rest of the bundle is lost */
			break;
		objs[n] = p;
		nexts[n++] = cls_part_next(w, p);
	}
	if (n == 0) {
		objs[0] = m;
		nexts[0] = cls_drop(m, AGW_PROTO_E_NO_SPACE);
		return 1;
	}
	w->stats.split_extra += n - 1;
	rte_pktmbuf_free(m);
	return n;
}

/*
 * The frame's first CLS_PREFETCH_LINES cache lines and the packet's
 * metadata line (written first thing by classify_one), a few packets ahead:
 * headers, the NGAP IEs and the NAS header all sit there for ordinary NAS,
 * and the frame usually arrives cold (DMA, or another core's cache). The
 * mbuf's first line is already here: agw_rx stamped the port in it.
 */
#define CLS_PREFETCH_AHEAD 6
#define CLS_PREFETCH_LINES 4

static inline void
cls_prefetch(struct rte_mbuf *m)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	unsigned int n = RTE_MIN((unsigned int)rte_pktmbuf_data_len(m),
				 (unsigned int)(CLS_PREFETCH_LINES * RTE_CACHE_LINE_SIZE));

	rte_prefetch0_write(agw_pkt_meta(m));
	for (unsigned int off = 0; off < n; off += RTE_CACHE_LINE_SIZE)
		rte_prefetch0(p + off);
}

/* Frames out, in order; bundles become several (see cls_split). */
#define CLS_OUT_MAX (2 * RTE_GRAPH_BURST_SIZE)

static uint16_t
agw_classify_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t nexts[CLS_OUT_MAX];
	void *out[CLS_OUT_MAX];
	unsigned int n = 0;
	uint16_t i;

	for (i = 0; i < CLS_PREFETCH_AHEAD && i < nb_objs; i++)
		cls_prefetch(objs[i]);
	for (i = 0; i < nb_objs; i++) {
		if (i + CLS_PREFETCH_AHEAD < nb_objs)
			cls_prefetch(objs[i + CLS_PREFETCH_AHEAD]);
		if (n + CLS_SPLIT_MAX + 1 > CLS_OUT_MAX) {
			rte_node_enqueue_next(graph, node, nexts, out, (uint16_t)n);
			n = 0;
		}
		nexts[n] = classify_one(w, objs[i]);
		if (likely(nexts[n] != AGW_CLS_SPLIT))
			out[n++] = objs[i];
		else
			n += cls_split(w, objs[i], out + n, nexts + n);
	}
	rte_node_enqueue_next(graph, node, nexts, out, (uint16_t)n);
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
