/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * N2 state of the control lcore (see gw_n2.h): association and UE tables on
 * rte_hash (single writer, the control lcore), AMF-UE-NGAP-ID allocation,
 * DownlinkNASTransport frames built with lib/proto.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_hash_crc.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "agw_ngap.h"
#include "gw_n2.h"

#define AMF_UE_ID_MASK ((UINT64_C(1) << 40) - 1)
#define DL_FRAME_MAX 1024

const char *
gw_n2_counter_name(unsigned int c)
{
	static const char *const names[] = {
#define GW_N2_NAME_(id, s) s,
		GW_N2_COUNTERS(GW_N2_NAME_)
#undef GW_N2_NAME_
	};

	return c < GW_N2_N_COUNTERS ? names[c] : "unknown";
}

static struct rte_hash *
n2_hash(const char *name, uint32_t entries, uint32_t key_len)
{
	struct rte_hash_parameters p = {
		.name = name,
		.entries = entries < 8 ? 8 : entries,
		.key_len = key_len,
		.hash_func = rte_hash_crc,
		.socket_id = (int)rte_socket_id(),
	};

	return rte_hash_create(&p);
}

int
gw_n2_init(struct gw_n2 *n2, uint32_t max_assocs, uint32_t max_ues, struct rte_mempool *pool,
	   struct rte_ring **inject, unsigned int nb_inject, struct agw_ctx_table *ids)
{
	memset(n2, 0, sizeof(*n2));
	n2->ids = ids;
	n2->pool = pool;
	n2->inject = inject;
	n2->nb_inject = nb_inject;
	n2->next_amf_ue_id = 1;
	n2->assoc_h = n2_hash("gw_n2_assoc", max_assocs, sizeof(uint32_t));
	n2->ue_h = n2_hash("gw_n2_ue", max_ues, sizeof(struct agw_ctx_ue_key));
	n2->assocs = rte_zmalloc("gw_n2_assocs",
				 sizeof(*n2->assocs) * (max_assocs < 8 ? 8 : max_assocs), 0);
	n2->ues = rte_zmalloc("gw_n2_ues", sizeof(*n2->ues) * (max_ues < 8 ? 8 : max_ues), 0);
	if (n2->assoc_h == NULL || n2->ue_h == NULL || n2->assocs == NULL || n2->ues == NULL ||
	    nb_inject == 0) {
		gw_n2_fini(n2);
		return -ENOMEM;
	}
	return 0;
}

void
gw_n2_fini(struct gw_n2 *n2)
{
	rte_hash_free(n2->assoc_h);
	rte_hash_free(n2->ue_h);
	rte_free(n2->assocs);
	rte_free(n2->ues);
	n2->assoc_h = n2->ue_h = NULL;
	n2->assocs = NULL;
	n2->ues = NULL;
}

/* Answer the gNB from where it sent: addresses and ports swapped, the
 * same verification tag (framing mode, see gw_n2.h). */
static void
assoc_fill(struct gw_n2_assoc *a, uint32_t assoc_id, const struct agw_net_frame *f)
{
	struct agw_net_hdrs *h = &a->to_gnb;
	unsigned int alen = f->ip_version == 4 ? 4 : 16;

	memset(h, 0, sizeof(*h));
	memcpy(h->dst_mac, f->eth.src, AGW_ETH_ALEN);
	memcpy(h->src_mac, f->eth.dst, AGW_ETH_ALEN);
	h->n_vlan = f->eth.n_vlan;
	memcpy(h->vlan_tpid, f->eth.vlan_tpid, sizeof(h->vlan_tpid));
	memcpy(h->vlan_tci, f->eth.vlan_tci, sizeof(h->vlan_tci));
	h->ip_version = f->ip_version;
	memcpy(h->dst_ip, f->ip_version == 4 ? f->ip4.src : f->ip6.src, alen);
	memcpy(h->src_ip, f->ip_version == 4 ? f->ip4.dst : f->ip6.dst, alen);
	h->sport = f->sctp.dport;
	h->dport = f->sctp.sport;
	h->vtag = f->sctp.vtag;
	a->assoc_id = assoc_id;
}

int
gw_n2_assoc_learn(struct gw_n2 *n2, uint32_t assoc_id, const struct agw_net_frame *f)
{
	int32_t pos = rte_hash_lookup(n2->assoc_h, &assoc_id);

	if (pos >= 0) {
		if (n2->assocs[pos].to_gnb.vtag != f->sctp.vtag)
			assoc_fill(&n2->assocs[pos], assoc_id, f); /* the gNB restarted */
		return pos;
	}
	pos = rte_hash_add_key(n2->assoc_h, &assoc_id);
	if (pos < 0) {
		n2->counters[GW_N2_ASSOC_FULL]++;
		return -ENOSPC;
	}
	assoc_fill(&n2->assocs[pos], assoc_id, f);
	n2->assocs[pos].next_tsn = 1;
	n2->assocs[pos].ssn_ue = 0;
	n2->counters[GW_N2_ASSOC_LEARNED]++;
	return pos;
}

/* A free AMF-UE-NGAP-ID on this association (never 0), or 0 if none. */
static uint64_t
n2_alloc_amf_id(struct gw_n2 *n2, uint32_t assoc_id)
{
	struct agw_ctx_ue_key k = {.assoc_id = assoc_id};

	if (n2->ids != NULL)
		return agw_ctx_n2_id_alloc(n2->ids, &k.amf_ue_ngap_id) == 0 ? k.amf_ue_ngap_id : 0;

	for (;;) {
		k.amf_ue_ngap_id = n2->next_amf_ue_id;
		n2->next_amf_ue_id = (n2->next_amf_ue_id + 1) & AMF_UE_ID_MASK;
		if (n2->next_amf_ue_id == 0)
			n2->next_amf_ue_id = 1;
		if (rte_hash_lookup(n2->ue_h, &k) < 0)
			return k.amf_ue_ngap_id;
	}
}

int
gw_n2_ue_bind(struct gw_n2 *n2, struct agw_ctx_ue_key *key, uint32_t ran_ue_ngap_id)
{
	int32_t apos = rte_hash_lookup(n2->assoc_h, &key->assoc_id), pos;

	if (apos < 0)
		return -ENOENT;
	key->rsvd = 0;
	if (key->amf_ue_ngap_id == 0) {
		key->amf_ue_ngap_id = n2_alloc_amf_id(n2, key->assoc_id);
		if (key->amf_ue_ngap_id == 0) {
			n2->counters[GW_N2_UE_FULL]++;
			return -ENOSPC;
		}
	}
	pos = rte_hash_add_key(n2->ue_h, key);
	if (pos < 0) {
		n2->counters[GW_N2_UE_FULL]++;
		return -ENOSPC;
	}
	if (n2->ues[pos].ran_ue_ngap_id != ran_ue_ngap_id || n2->ues[pos].assoc != apos)
		n2->counters[GW_N2_UE_BOUND]++;
	n2->ues[pos].key = *key;
	n2->ues[pos].ran_ue_ngap_id = ran_ue_ngap_id;
	n2->ues[pos].assoc = apos;
	return 0;
}

void
gw_n2_ue_forget(struct gw_n2 *n2, const struct agw_ctx_ue_key *key)
{
	int32_t pos = rte_hash_del_key(n2->ue_h, key);

	if (pos < 0)
		return;
	memset(&n2->ues[pos], 0, sizeof(n2->ues[pos]));
	if (n2->ids != NULL)
		(void)agw_ctx_n2_id_free(n2->ids, key->amf_ue_ngap_id);
}

/* DownlinkNASTransport (TS 38.413 9.2.5.2) in one SCTP DATA chunk. */
static long
n2_build_dl(struct gw_n2_assoc *a, const struct gw_n2_ue *u, const uint8_t *nas, size_t len,
	    uint8_t *frame, size_t cap)
{
	uint8_t ngap[DL_FRAME_MAX];
	struct agw_ngap_msg m;
	struct agw_sctp_data d;
	long n;

	if (agw_ngap_msg_init(&m, AGW_NGAP_DOWNLINK_NAS_TRANSPORT) != 0)
		return -EINVAL;
	m.present =
		AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID | AGW_NGAP_HAS_NAS_PDU;
	m.amf_ue_id = u->key.amf_ue_ngap_id;
	m.ran_ue_id = u->ran_ue_ngap_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = len;
	n = agw_ngap_encode(&m, ngap, sizeof(ngap));
	if (n <= 0)
		return -EINVAL;
	memset(&d, 0, sizeof(d));
	d.flags = AGW_SCTP_DATA_COMPLETE;
	d.tsn = a->next_tsn;
	d.sid = GW_N2_UE_STREAM;
	d.ssn = a->ssn_ue;
	d.ppid = AGW_SCTP_PPID_NGAP;
	d.payload = ngap;
	d.payload_len = (size_t)n;
	n = agw_net_build_sctp(&a->to_gnb, &d, 1, frame, cap);
	if (n <= 0)
		return -EINVAL;
	a->next_tsn++;
	a->ssn_ue++;
	return n;
}

static int
n2_enqueue(struct gw_n2 *n2, struct rte_mbuf *m, uint16_t ring)
{
	if (rte_ring_sp_enqueue(n2->inject[ring], m) != 0) {
		rte_pktmbuf_free(m);
		n2->counters[GW_N2_DL_RING_FULL]++;
		return -ENOBUFS;
	}
	n2->counters[GW_N2_DL_SENT]++;
	return 0;
}

/* Out now, or held until the commit (gw_n2_hold()). */
static int
n2_out(struct gw_n2 *n2, struct rte_mbuf *m, uint16_t ring)
{
	if (!n2->hold)
		return n2_enqueue(n2, m, ring);
	if (n2->n_held == GW_N2_HELD_MAX) {
		rte_pktmbuf_free(m);
		n2->counters[GW_N2_DL_HELD_FULL]++;
		return -ENOBUFS;
	}
	n2->held[n2->n_held] = m;
	n2->held_ring[n2->n_held++] = ring;
	return 0;
}

int
gw_n2_send_nas(struct gw_n2 *n2, const struct agw_ctx_ue_key *key, const uint8_t *nas, size_t len,
	       int protect)
{
	int32_t pos = rte_hash_lookup(n2->ue_h, key);
	struct gw_n2_assoc *a;
	struct rte_mbuf *m;
	uint8_t *p;
	long n;

	if (pos < 0) {
		n2->counters[GW_N2_UE_UNKNOWN]++;
		return -ENOENT;
	}
	a = &n2->assocs[n2->ues[pos].assoc];
	m = rte_pktmbuf_alloc(n2->pool);
	if (m == NULL) {
		n2->counters[GW_N2_DL_NO_MBUF]++;
		return -ENOMEM;
	}
	p = rte_pktmbuf_mtod(m, uint8_t *);
	n = n2_build_dl(a, &n2->ues[pos], nas, len, p,
			RTE_MIN((size_t)rte_pktmbuf_tailroom(m), (size_t)DL_FRAME_MAX));
	if (n <= 0) {
		rte_pktmbuf_free(m);
		n2->counters[GW_N2_DL_ENCODE_FAIL]++;
		return -EINVAL;
	}
	m->data_len = (uint16_t)n;
	m->pkt_len = (uint32_t)n;
	agw_pkt_meta(m)->inject_protect = (uint8_t)(protect != 0);
	/* one association, one worker: its frames stay in order */
	return n2_out(n2, m, (uint16_t)(a->assoc_id % n2->nb_inject));
}

void
gw_n2_hold(struct gw_n2 *n2)
{
	n2->hold = 1;
}

void
gw_n2_release(struct gw_n2 *n2, int send)
{
	for (unsigned int i = 0; i < n2->n_held; i++) {
		if (send) {
			(void)n2_enqueue(n2, n2->held[i], n2->held_ring[i]);
		} else {
			rte_pktmbuf_free(n2->held[i]);
			n2->counters[GW_N2_DL_HELD_DROPPED]++;
		}
	}
	n2->n_held = 0;
	n2->hold = 0;
}
