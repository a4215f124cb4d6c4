/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * gNB side of the registration simulator: NGAP UE-associated signalling
 * (TS 38.413 9.2.5.1-9.2.5.3) in SCTP DATA chunks (RFC 4960 3.3.1, PPID
 * 60, TS 38.412) over IPv4 / Ethernet, framing only. See reg_gnb.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_net.h"
#include "agw_ngap.h"
#include "reg_gnb.h"

void
agw_reggnb_conf_default(struct agw_reggnb_conf *c)
{
	static const uint8_t gnb_mac[6] = {0x02, 0, 0, 0, 0, 0x01};
	static const uint8_t gw_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
	static const uint8_t gnb_ip[4] = {10, 10, 0, 1};
	static const uint8_t gw_ip[4] = {10, 10, 0, 2};
	static const uint8_t plmn[3] = {0x00, 0xf1, 0x10}; /* 001/01 */

	memset(c, 0, sizeof(*c));
	memcpy(c->gnb_mac, gnb_mac, 6);
	memcpy(c->gw_mac, gw_mac, 6);
	memcpy(c->gnb_ip, gnb_ip, 4);
	memcpy(c->gw_ip, gw_ip, 4);
	memcpy(c->plmn, plmn, 3);
	c->gnb_port = AGW_REGGNB_PORT_GNB;
	c->gw_port = AGW_REGGNB_PORT_GW;
	c->vtag = AGW_REGGNB_VTAG;
	c->tac[2] = 1;
	c->cell_id = 0x000000010;
}

int
agw_reggnb_init(struct agw_reggnb *g, const struct agw_reggnb_conf *c, uint32_t ran_base,
		uint32_t n_ues)
{
	if (g == NULL || c == NULL || n_ues == 0 || (uint64_t)ran_base + n_ues > UINT32_MAX)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	g->ues = calloc(n_ues, sizeof(*g->ues));
	if (g->ues == NULL)
		return -ENOMEM;
	g->conf = *c;
	g->ran_base = ran_base;
	g->n_ues = n_ues;
	g->ul_tsn = 1;
	return 0;
}

void
agw_reggnb_free(struct agw_reggnb *g)
{
	if (g == NULL)
		return;
	free(g->ues);
	g->ues = NULL;
	g->n_ues = 0;
}

/* Ethernet + IPv4 + SCTP common header + one complete DATA chunk. */
static long
build_frame(const struct agw_reggnb_conf *c, int from_gw, uint32_t tsn, uint16_t ssn,
	    const uint8_t *ngap, size_t ngap_len, uint8_t *frame, size_t cap)
{
	struct agw_net_hdrs h = {.ip_version = 4, .vtag = c->vtag};
	struct agw_sctp_data d = {.flags = AGW_SCTP_DATA_COMPLETE,
				  .tsn = tsn,
				  .sid = AGW_REGGNB_STREAM,
				  .ssn = ssn,
				  .ppid = AGW_SCTP_PPID_NGAP,
				  .payload = ngap,
				  .payload_len = ngap_len};

	memcpy(h.src_mac, from_gw ? c->gw_mac : c->gnb_mac, 6);
	memcpy(h.dst_mac, from_gw ? c->gnb_mac : c->gw_mac, 6);
	memcpy(h.src_ip, from_gw ? c->gw_ip : c->gnb_ip, 4);
	memcpy(h.dst_ip, from_gw ? c->gnb_ip : c->gw_ip, 4);
	h.sport = from_gw ? c->gw_port : c->gnb_port;
	h.dport = from_gw ? c->gnb_port : c->gw_port;
	return agw_net_build_sctp(&h, &d, 1, frame, cap);
}

/* User Location Information, NR (TS 38.413 9.3.1.16): NR CGI and TAI. */
static void
set_uli(const struct agw_reggnb_conf *c, struct agw_ngap_msg *m)
{
	m->uli.type = AGW_NGAP_ULI_NR;
	memcpy(m->uli.nr_cgi.plmn.v, c->plmn, 3);
	m->uli.nr_cgi.cell_id = c->cell_id & 0xfffffffffULL;
	memcpy(m->uli.tai.plmn.v, c->plmn, 3);
	memcpy(m->uli.tai.tac, c->tac, 3);
}

/* InitialUEMessage (9.2.5.1) or UplinkNASTransport (9.2.5.3). */
static long
ul_ngap(const struct agw_reggnb *g, uint32_t ran_id, const struct agw_reggnb_ue *u,
	const uint8_t *nas, size_t len, uint8_t *buf, size_t cap)
{
	struct agw_ngap_msg m;

	agw_ngap_msg_init(&m, u->has_amf_id ? AGW_NGAP_UPLINK_NAS_TRANSPORT
					    : AGW_NGAP_INITIAL_UE_MESSAGE);
	m.present = AGW_NGAP_HAS_RAN_UE_NGAP_ID | AGW_NGAP_HAS_NAS_PDU |
		    AGW_NGAP_HAS_USER_LOCATION_INFORMATION;
	if (u->has_amf_id) {
		m.present |= AGW_NGAP_HAS_AMF_UE_NGAP_ID;
		m.amf_ue_id = u->amf_id;
	} else {
		m.present |= AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE;
		m.rrc_cause = AGW_REGGNB_RRC_MO_SIGNALLING;
	}
	m.ran_ue_id = ran_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = len;
	set_uli(&g->conf, &m);
	return agw_ngap_encode(&m, buf, cap);
}

long
agw_reggnb_ul(struct agw_reggnb *g, uint32_t ran_id, const uint8_t *nas, size_t len, uint8_t *frame,
	      size_t cap)
{
	uint8_t ngap[AGW_REGGNB_FRAME_MAX];
	const struct agw_reggnb_ue *u;
	long n;

	if (g == NULL || nas == NULL || len == 0 || frame == NULL || ran_id < g->ran_base ||
	    ran_id - g->ran_base >= g->n_ues)
		return -EINVAL;
	u = &g->ues[ran_id - g->ran_base];
	n = ul_ngap(g, ran_id, u, nas, len, ngap, sizeof(ngap));
	if (n < 0)
		return n;
	n = build_frame(&g->conf, 0, g->ul_tsn, g->ul_ssn, ngap, (size_t)n, frame, cap);
	if (n < 0)
		return n;
	g->ul_tsn++;
	g->ul_ssn++;
	g->st.ul_frames++;
	g->st.ul_initial += !u->has_amf_id;
	return n;
}

long
agw_reggnb_gw_dl(const struct agw_reggnb_conf *c, uint32_t tsn, uint16_t ssn, uint64_t amf_id,
		 uint32_t ran_id, const uint8_t *nas, size_t len, uint8_t *frame, size_t cap)
{
	uint8_t ngap[AGW_REGGNB_FRAME_MAX];
	struct agw_ngap_msg m;
	long n;

	agw_ngap_msg_init(&m, AGW_NGAP_DOWNLINK_NAS_TRANSPORT);
	m.present =
		AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID | AGW_NGAP_HAS_NAS_PDU;
	m.amf_ue_id = amf_id;
	m.ran_ue_id = ran_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = len;
	n = agw_ngap_encode(&m, ngap, sizeof(ngap));
	return n < 0 ? n : build_frame(c, 1, tsn, ssn, ngap, (size_t)n, frame, cap);
}

/* ---------------------------------------------------------------------- */
/* Downlink                                                                */

/* IPv4/SCTP from the gateway to this gNB with the contract's header:
 * 1 ok, 0 not for us, -1 for us but malformed (counted). */
static int
dl_frame_ok(struct agw_reggnb *g, const uint8_t *frame, size_t len, struct agw_net_frame *f)
{
	const struct agw_reggnb_conf *c = &g->conf;
	int rc = agw_net_parse_frame(frame, len, 0, f);

	if (rc == AGW_PROTO_E_UNKNOWN_TYPE || (rc == 0 && f->l4 != AGW_IPPROTO_SCTP) ||
	    (rc == 0 && f->ip_version != 4)) {
		g->st.dl_ignored++;
		return 0;
	}
	if (rc != 0 && rc != AGW_PROTO_E_FRAGMENTED) {
		g->st.dl_bad_frame++;
		return -1;
	}
	if (memcmp(f->ip4.src, c->gw_ip, 4) != 0 || memcmp(f->ip4.dst, c->gnb_ip, 4) != 0) {
		g->st.dl_ignored++;
		return 0;
	}
	g->st.dl_frames++;
	if (f->sctp.sport != c->gw_port || f->sctp.dport != c->gnb_port ||
	    f->sctp.vtag != c->vtag || f->n_frags != 0) {
		g->st.dl_bad_sctp++;
		return -1;
	}
	return 1;
}

/* TSN +1 per frame (per DATA chunk), SSN +1 on the stream: counted only. */
static void
dl_seq_check(struct agw_reggnb *g, const struct agw_net_msg *m)
{
	if (g->dl_seen) {
		g->st.dl_tsn_gap += m->tsn != g->dl_tsn + 1;
		g->st.dl_ssn_gap += m->ssn != (uint16_t)(g->dl_ssn + 1);
	}
	g->dl_seen = 1;
	g->dl_tsn = m->tsn;
	g->dl_ssn = m->ssn;
}

/* One DATA chunk: a DownlinkNASTransport for one of our UEs. */
static int
dl_msg(struct agw_reggnb *g, const struct agw_net_msg *dm, struct agw_reggnb_dl *out)
{
	struct agw_reggnb_ue *u;
	struct agw_ngap_msg m;

	if (dm->ppid != AGW_SCTP_PPID_NGAP || dm->sid != AGW_REGGNB_STREAM) {
		g->st.dl_bad_sctp++;
		return 0;
	}
	dl_seq_check(g, dm);
	if (agw_ngap_decode(dm->payload, dm->len, &m) != 0) {
		g->st.dl_bad_ngap++;
		return 0;
	}
	if (m.pdu.type != AGW_AP_INITIATING || m.pdu.proc != AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT) {
		g->st.dl_other_proc++;
		return 0;
	}
	if (m.ran_ue_id < g->ran_base || m.ran_ue_id - g->ran_base >= g->n_ues) {
		g->st.dl_unknown_ue++;
		return 0;
	}
	u = &g->ues[m.ran_ue_id - g->ran_base];
	if (u->has_amf_id && u->amf_id != m.amf_ue_id)
		g->st.dl_amf_id_changed++;
	u->amf_id = m.amf_ue_id;
	u->has_amf_id = 1;
	out->ran_id = m.ran_ue_id;
	out->amf_id = m.amf_ue_id;
	out->nas = m.nas_pdu.p;
	out->len = m.nas_pdu.len;
	g->st.dl_msgs++;
	return 1;
}

unsigned int
agw_reggnb_dl(struct agw_reggnb *g, const uint8_t *frame, size_t len, struct agw_reggnb_dl *out,
	      unsigned int max)
{
	struct agw_net_frame f;
	unsigned int n = 0;

	if (g == NULL || frame == NULL || out == NULL || dl_frame_ok(g, frame, len, &f) != 1)
		return 0;
	for (unsigned int i = 0; i < f.n_msgs && n < max; i++)
		n += (unsigned int)dl_msg(g, &f.msgs[i], &out[n]);
	return n;
}
