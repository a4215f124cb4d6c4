/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * libFuzzer target: whole Ethernet frames through agw_net_parse_frame()
 * (with and without L4 checksum verification), each layer decoder on the
 * raw input, the NGAP/S1AP decoders on the SCTP user messages found, and a
 * rebuild round trip: a parsed SCTP frame rebuilt with agw_net_build_sctp()
 * must parse back to the same user messages. agw_net_sctp_one_fast()
 * must agree with the full parser whenever it accepts a frame.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agw_net.h"
#include "agw_ngap.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static void
check_inside(const uint8_t *p, size_t len, const uint8_t *d, size_t n)
{
	if (len != 0 && (p < d || p + len > d + n))
		abort();
}

static void
layers(const uint8_t *d, size_t n)
{
	struct agw_eth eth;
	struct agw_ipv4 ip4;
	struct agw_ipv6 ip6;
	struct agw_udp udp;
	struct agw_sctp sctp;
	struct agw_sctp_chunk_iter it;
	struct agw_sctp_chunk c;
	struct agw_sctp_data dc;

	if (agw_eth_decode(d, n, &eth) == 0)
		check_inside(eth.payload, eth.payload_len, d, n);
	if (agw_ipv4_decode(d, n, &ip4) == 0)
		check_inside(ip4.payload, ip4.payload_len, d, n);
	if (agw_ipv6_decode(d, n, &ip6) == 0)
		check_inside(ip6.payload, ip6.payload_len, d, n);
	if (agw_udp_decode(d, n, &udp) == 0)
		check_inside(udp.payload, udp.payload_len, d, n);
	if (agw_sctp_decode(d, n, 0, &sctp) != 0)
		return;
	agw_sctp_chunks_init(&it, &sctp);
	while (agw_sctp_chunk_next(&it, &c) == 1) {
		check_inside(c.value, c.value_len, d, n);
		if (agw_sctp_data_decode(&c, &dc) == 0)
			check_inside(dc.payload, dc.payload_len, d, n);
	}
}

static void
upper(const struct agw_net_msg *m)
{
	struct agw_ngap_msg ng;
	struct agw_s1ap_msg s1;

	if (m->ppid == AGW_SCTP_PPID_NGAP)
		(void)agw_ngap_decode(m->payload, m->len, &ng);
	else if (m->ppid == AGW_SCTP_PPID_S1AP)
		(void)agw_s1ap_decode(m->payload, m->len, &s1);
}

/* Rebuild a parsed SCTP frame (IPv6 extension headers dropped) and compare. */
static void
rebuild(const struct agw_net_frame *f)
{
	static uint8_t out[70000];
	struct agw_sctp_data c[AGW_NET_MAX_MSGS];
	struct agw_net_frame g;
	struct agw_net_hdrs h;
	long len;

	memset(&h, 0, sizeof(h));
	memcpy(h.dst_mac, f->eth.dst, 6);
	memcpy(h.src_mac, f->eth.src, 6);
	h.n_vlan = f->eth.n_vlan;
	memcpy(h.vlan_tpid, f->eth.vlan_tpid, sizeof(h.vlan_tpid));
	memcpy(h.vlan_tci, f->eth.vlan_tci, sizeof(h.vlan_tci));
	h.ip_version = f->ip_version;
	if (f->ip_version == 4) {
		memcpy(h.src_ip, f->ip4.src, 4);
		memcpy(h.dst_ip, f->ip4.dst, 4);
		h.ttl = f->ip4.ttl;
	} else {
		memcpy(h.src_ip, f->ip6.src, 16);
		memcpy(h.dst_ip, f->ip6.dst, 16);
		h.ttl = f->ip6.hop_limit;
	}
	h.sport = f->sctp.sport;
	h.dport = f->sctp.dport;
	h.vtag = f->sctp.vtag;
	for (unsigned int i = 0; i < f->n_msgs; i++) {
		c[i].flags = f->msgs[i].flags;
		c[i].tsn = f->msgs[i].tsn;
		c[i].sid = f->msgs[i].sid;
		c[i].ssn = f->msgs[i].ssn;
		c[i].ppid = f->msgs[i].ppid;
		c[i].payload = f->msgs[i].payload;
		c[i].payload_len = f->msgs[i].len;
	}
	len = agw_net_build_sctp(&h, c, f->n_msgs, out, sizeof(out));
	if (len < 0)
		return; /* e.g. an IP packet over 65535 octets */
	if (agw_net_parse_frame(out, (size_t)len, 0, &g) != 0 || g.n_msgs != f->n_msgs)
		abort();
	for (unsigned int i = 0; i < g.n_msgs; i++)
		if (g.msgs[i].len != f->msgs[i].len || g.msgs[i].ppid != f->msgs[i].ppid ||
		    g.msgs[i].tsn != f->msgs[i].tsn || memcmp(g.msgs[i].payload, f->msgs[i].payload, g.msgs[i].len))
			abort();
}

/* The fast path's one message is the full parser's only message. */
static void
fast_vs_full(const uint8_t *d, size_t n, unsigned int flags)
{
	struct agw_net_sctp_one o;
	struct agw_net_frame f;

	if (agw_net_sctp_one_fast(d, n, flags, &o) != 0)
		return;
	if (agw_net_parse_frame(d, n, flags, &f) != 0 || f.l4 != AGW_IPPROTO_SCTP ||
	    f.n_msgs != 1 || f.msgs[0].payload != d + o.msg_off || f.msgs[0].len != o.msg_len ||
	    f.msgs[0].ppid != o.ppid || f.sctp.sport != o.sport || f.sctp.dport != o.dport)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const unsigned int flags[2] = {0, AGW_NET_F_NO_L4_CSUM};
	struct agw_net_frame f;

	for (int k = 0; k < 2; k++) {
		int rc = agw_net_parse_frame(d, n, flags[k], &f);

		if (rc != 0 && rc != AGW_PROTO_E_FRAGMENTED)
			continue;
		if (f.n_msgs > AGW_NET_MAX_MSGS)
			abort();
		for (unsigned int i = 0; i < f.n_msgs; i++) {
			check_inside(f.msgs[i].payload, f.msgs[i].len, d, n);
			upper(&f.msgs[i]);
		}
		if (rc == 0 && k == 1 && f.l4 == AGW_IPPROTO_SCTP && f.n_msgs > 0)
			rebuild(&f);
	}
	fast_vs_full(d, n, 0);
	fast_vs_full(d, n, AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM);
	layers(d, n);
	return 0;
}
