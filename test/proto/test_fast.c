/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The fast-path decoders against the full ones they shortcut:
 *   agw_net_sctp_one_fast()  vs agw_net_parse_frame()
 *   agw_ngap_ue_nas_decode() vs agw_ap_pdu_decode() + agw_ap_ie_next() +
 *                               the typed IE accessors.
 * Inputs: every frame of real-signalling.pcap, frames the encoders build
 * around every NGAP message of the corpus (IPv4, IPv6, VLAN, bundles,
 * fragments, odd padding), each cut at every length and with every octet
 * flipped. Whenever the fast decoder accepts, the full one must give the
 * same message; for NGAP the two must agree on the error code too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_pcap.h"
#include "agw_real_signalling.h"
#include "agw_test.h"
#include "net_tshark.h"

static const char *real_pcap;
static unsigned long n_fast, n_slow, n_cmp;

/* ---- net ---------------------------------------------------------------- */

/* Fast verdict implies the same single message from the full parser. */
static void
net_compare(const uint8_t *fr, size_t len, unsigned int flags)
{
	struct agw_net_sctp_one o;
	struct agw_net_frame f;
	int rc_full;

	n_cmp++;
	if (agw_net_sctp_one_fast(fr, len, flags, &o) != 0) {
		n_slow++;
		return;
	}
	n_fast++;
	rc_full = agw_net_parse_frame(fr, len, flags, &f);
	CU_ASSERT_EQUAL_FATAL(rc_full, 0);
	CU_ASSERT_EQUAL_FATAL(f.l4, AGW_IPPROTO_SCTP);
	CU_ASSERT_EQUAL_FATAL(f.n_msgs, 1);
	CU_ASSERT_EQUAL(f.n_ctrl, 0);
	CU_ASSERT_EQUAL(f.msgs[0].payload - fr, o.msg_off);
	CU_ASSERT_EQUAL(f.msgs[0].len, o.msg_len);
	CU_ASSERT_EQUAL(f.msgs[0].ppid, o.ppid);
	CU_ASSERT_EQUAL(f.sctp.sport, o.sport);
	CU_ASSERT_EQUAL(f.sctp.dport, o.dport);
	CU_ASSERT_EQUAL(f.sctp.pkt - fr, o.l4_off);
	CU_ASSERT_EQUAL(f.eth.payload - fr, o.l3_off);
	CU_ASSERT_EQUAL(f.ip_version, o.ip_version);
	if (f.ip_version == 4) {
		CU_ASSERT_PTR_EQUAL(f.ip4.src, o.src);
		CU_ASSERT_PTR_EQUAL(f.ip4.dst, o.dst);
	} else {
		CU_ASSERT_PTR_EQUAL(f.ip6.src, o.src);
		CU_ASSERT_PTR_EQUAL(f.ip6.dst, o.dst);
	}
}

/* The frame, every prefix, and every octet flipped (three patterns), with
 * checksums checked and with them waived. */
static void
net_torture(const uint8_t *fr, size_t len)
{
	static const uint8_t flips[] = {0x01, 0x80, 0xff};
	uint8_t *copy = malloc(len ? len : 1);
	static const unsigned int flag_sets[] = {0, AGW_NET_F_NO_L4_CSUM,
						 AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM};

	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	for (size_t k = 0; k < (sizeof(flag_sets) / sizeof(flag_sets[0])); k++) {
		for (size_t n = 0; n <= len; n++) {
			memcpy(copy, fr, n); /* exact-size prefix: ASan sees over-reads */
			net_compare(copy, n, flag_sets[k]);
		}
		for (size_t i = 0; i < len; i++) {
			for (size_t j = 0; j < (sizeof(flips) / sizeof(flips[0])); j++) {
				memcpy(copy, fr, len);
				copy[i] ^= flips[j];
				net_compare(copy, len, flag_sets[k]);
			}
		}
	}
	free(copy);
}

static void
test_net_real_pcap(void)
{
	struct net_pcap pc;
	const uint8_t *fr;
	uint32_t len;
	unsigned int n = 0;
	unsigned long fast_before = n_fast;
	struct agw_net_sctp_one o;
	int rc;

	CU_ASSERT_FATAL(net_pcap_open(&pc, real_pcap) == 0);
	while ((rc = net_pcap_next(&pc, &fr, &len)) == 1) {
		n++;
		/* every SCTP frame of the capture is the one-chunk shape */
		if (fr[12] == 0x08 && fr[13] == 0x00 && fr[23] == AGW_IPPROTO_SCTP)
			CU_ASSERT_EQUAL(agw_net_sctp_one_fast(fr, len, 0, &o), 0);
		net_torture(fr, len);
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(n, 373);
	CU_ASSERT(n_fast - fast_before >= 353);
	net_pcap_close(&pc);
}

/* IPv4 header checksum (RFC 1071) of the header at @p ip. */
static void
set_ipv4_csum(uint8_t *ip)
{
	uint32_t s = 0;

	ip[10] = ip[11] = 0;
	for (int k = 0; k < 20; k += 2)
		s += (uint32_t)(ip[k] << 8 | ip[k + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	ip[10] = (uint8_t)(~s >> 8);
	ip[11] = (uint8_t)~s;
}

/* Make the untagged frame @p buf @p len octets long: IP length fields,
 * IPv4 header checksum and SCTP CRC32c follow. */
static void
resize_sctp(uint8_t *buf, unsigned int ip_version, size_t len)
{
	size_t l4 = ip_version == 4 ? 34 : 54;

	if (ip_version == 4) {
		buf[16] = (uint8_t)((len - 14) >> 8);
		buf[17] = (uint8_t)(len - 14);
		set_ipv4_csum(buf + 14);
	} else {
		buf[18] = (uint8_t)((len - 54) >> 8);
		buf[19] = (uint8_t)(len - 54);
	}
	CU_ASSERT_EQUAL(agw_sctp_set_csum(buf + l4, len - l4), 0);
}

/* Octets after the one DATA chunk inside the SCTP packet: only its
 * padding is the fast shape; more is another (truncated) chunk. */
static void
test_net_trailing_octets(void)
{
	static uint8_t payload[64];
	uint8_t buf[512];
	struct agw_net_sctp_one o;

	for (unsigned int v = 4; v <= 6; v += 2) {
		for (size_t plen = 1; plen <= 8; plen++) {
			struct agw_net_hdrs h;
			struct agw_sctp_data d;
			long n;

			memset(&h, 0, sizeof(h));
			memset(&d, 0, sizeof(d));
			h.ip_version = (uint8_t)v;
			d.flags = AGW_SCTP_DATA_COMPLETE;
			d.ppid = AGW_SCTP_PPID_NGAP;
			d.payload = payload;
			d.payload_len = plen;
			n = agw_net_build_sctp(&h, &d, 1, buf, sizeof(buf));
			CU_ASSERT_FATAL(n > 0);
			for (size_t extra = 0; extra <= 7; extra++) {
				size_t len = (v == 4 ? 34 : 54) + 12 + 16 + plen + extra;
				size_t pad = (4 - (plen & 3)) & 3;
				int want = extra == 0 || extra == pad ? 0 : AGW_NET_SLOW;

				memset(buf + (size_t)n, 0, sizeof(buf) - (size_t)n);
				resize_sctp(buf, v, len);
				CU_ASSERT_EQUAL(agw_net_sctp_one_fast(buf, len, 0, &o), want);
				net_compare(buf, len, 0);
			}
		}
	}
}

/* Shapes the capture lacks: IPv6, VLAN, QinQ, IPv6 extension headers, two
 * chunks, fragments, PPID other than NGAP, chunk lengths not a multiple
 * of 4 with and without their padding. */
static void
test_net_built_shapes(void)
{
	static uint8_t payload[301];
	uint8_t buf[2048];
	struct agw_net_sctp_one o;
	unsigned long fast_before = n_fast;

	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 13 + 7);
	for (unsigned int shape = 0; shape < 14; shape++) {
		struct agw_net_hdrs h;
		struct agw_sctp_data d[2];
		unsigned int nd = 1;
		size_t plen = 1 + shape * 17 % 300;
		long n;

		memset(&h, 0, sizeof(h));
		h.ip_version = shape & 1 ? 6 : 4;
		h.src_ip[0] = 10;
		h.dst_ip[0] = 10;
		h.dst_ip[3] = 2;
		h.sport = 38412;
		h.dport = 9000 + shape;
		memset(d, 0, sizeof(d));
		d[0].flags = AGW_SCTP_DATA_COMPLETE;
		d[0].tsn = 100 + shape;
		d[0].ppid = AGW_SCTP_PPID_NGAP;
		d[0].payload = payload;
		d[0].payload_len = plen;
		d[1] = d[0];
		switch (shape / 2) {
		case 1:
			h.n_vlan = 1;
			h.vlan_tci[0] = 100;
			break;
		case 2:
			h.n_vlan = 2;
			h.vlan_tci[0] = 7;
			h.vlan_tci[1] = 9;
			break;
		case 3:
			nd = 2;
			break;
		case 4:
			d[0].flags = AGW_SCTP_DATA_B;
			break;
		case 5:
			d[0].ppid = 18;
			break;
		case 6:
			if (h.ip_version == 6) {
				h.n_ip6_ext = 1;
				h.ip6_ext[0] = AGW_IPPROTO_DSTOPTS;
			} else {
				h.n_vlan = 1; /* IPv4 + VLAN + odd payload */
			}
			break;
		default:
			break;
		}
		n = agw_net_build_sctp(&h, d, nd, buf, sizeof(buf));
		CU_ASSERT_FATAL(n > 0);
		if (shape / 2 == 0 || shape / 2 == 1 || shape / 2 == 5 ||
		    (shape / 2 == 6 && h.ip_version == 4)) {
			CU_ASSERT_EQUAL(agw_net_sctp_one_fast(buf, (size_t)n, 0, &o), 0);
		} else {
			CU_ASSERT_EQUAL(agw_net_sctp_one_fast(buf, (size_t)n, 0, &o), AGW_NET_SLOW);
		}
		net_torture(buf, (size_t)n);
		/* a final chunk sent without its padding */
		if (nd == 1 && (plen & 3) != 0 && shape / 2 == 0) {
			size_t pad = 4 - (plen & 3), cut = (size_t)n - pad;

			resize_sctp(buf, h.ip_version, cut);
			CU_ASSERT_EQUAL(agw_net_sctp_one_fast(buf, cut, 0, &o), 0);
			net_torture(buf, cut);
		}
	}
	CU_ASSERT(n_fast > fast_before);
}

/* agw_net_sctp_subset(): every single chunk of a 3-chunk bundle, over
 * IPv4 + VLAN and IPv6 + extension header, parses back (checksums checked)
 * to that one message; a two-chunk subset keeps both, in order. */
static void
test_subset(void)
{
	static uint8_t pl[3][40];
	uint8_t buf[1024], out[1024];

	for (unsigned int v = 4; v <= 6; v += 2) {
		struct agw_net_hdrs h;
		struct agw_sctp_data d[3];
		struct agw_net_frame f, g;
		long n, k;

		memset(&h, 0, sizeof(h));
		memset(d, 0, sizeof(d));
		h.ip_version = (uint8_t)v;
		h.n_vlan = v == 4;
		h.vlan_tci[0] = 42;
		h.n_ip6_ext = v == 6;
		h.ip6_ext[0] = AGW_IPPROTO_DSTOPTS;
		h.vtag = 0x1234;
		for (int i = 0; i < 3; i++) {
			memset(pl[i], 'a' + i, sizeof(pl[i]));
			d[i].flags = AGW_SCTP_DATA_COMPLETE;
			d[i].tsn = 10 + i;
			d[i].ppid = AGW_SCTP_PPID_NGAP;
			d[i].payload = pl[i];
			d[i].payload_len = 13 + 7 * i; /* odd lengths: padding */
		}
		n = agw_net_build_sctp(&h, d, 3, buf, sizeof(buf));
		CU_ASSERT_FATAL(n > 0);
		CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(buf, (size_t)n, 0, &f), 0);
		for (int i = 0; i < 3; i++) {
			k = agw_net_sctp_subset(buf, &f, 1ULL << i, out, sizeof(out));
			CU_ASSERT_FATAL(k > 0 && k < n);
			CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(out, (size_t)k, 0, &g), 0);
			CU_ASSERT_EQUAL(g.n_msgs, 1);
			CU_ASSERT_EQUAL(g.msgs[0].tsn, 10u + (unsigned int)i);
			CU_ASSERT_EQUAL(g.msgs[0].len, d[i].payload_len);
			CU_ASSERT_EQUAL(memcmp(g.msgs[0].payload, pl[i], d[i].payload_len), 0);
			CU_ASSERT_EQUAL(g.eth.n_vlan, h.n_vlan);
			CU_ASSERT_EQUAL(g.sctp.vtag, 0x1234);
		}
		k = agw_net_sctp_subset(buf, &f, 5, out, sizeof(out));
		CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(out, (size_t)k, 0, &g), 0);
		CU_ASSERT_EQUAL(g.n_msgs, 2);
		CU_ASSERT_EQUAL(g.msgs[1].tsn, 12);
		CU_ASSERT_EQUAL(agw_net_sctp_subset(buf, &f, 0, out, sizeof(out)),
				AGW_PROTO_E_MISSING_IE);
		CU_ASSERT_EQUAL(agw_net_sctp_subset(buf, &f, 7, out, 60), AGW_PROTO_E_NO_SPACE);
	}
}

/* ---- NGAP --------------------------------------------------------------- */

struct ue_nas_ref {
	int rc;
	int have_type;
	uint8_t type, proc;
	uint64_t amf;
	uint32_t ran;
	int has_amf, has_ran, has_stmsi;
	struct agw_ngap_5g_s_tmsi stmsi;
	struct agw_ap_octets nas;
};

static int
ref_take_ie(const struct agw_ap_ie *ie, struct ue_nas_ref *r)
{
	switch (ie->id) {
	case AGW_NGAP_ID_AMF_UE_NGAP_ID:
		r->has_amf = 1;
		return agw_ngap_ie_amf_ue_id(ie, &r->amf);
	case AGW_NGAP_ID_RAN_UE_NGAP_ID:
		r->has_ran = 1;
		return agw_ngap_ie_ran_ue_id(ie, &r->ran);
	case AGW_NGAP_ID_NAS_PDU:
		return agw_ngap_ie_nas_pdu(ie, &r->nas);
	case AGW_NGAP_ID_FIVEG_S_TMSI:
		r->has_stmsi = 1;
		return agw_ngap_ie_5g_s_tmsi(ie, &r->stmsi);
	default:
		return 0;
	}
}

/* The generic decoders, as the fast path used them before. */
static void
ngap_ref(const uint8_t *buf, size_t len, struct ue_nas_ref *r)
{
	struct agw_ap_ie_iter it;
	struct agw_ap_pdu pdu;
	struct agw_ap_ie ie;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((r->rc = agw_ap_pdu_decode(buf, len, &pdu)) != 0)
		return;
	r->have_type = 1;
	r->type = pdu.type;
	r->proc = pdu.proc;
	if (pdu.type != AGW_AP_INITIATING || (pdu.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
					      pdu.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE &&
					      pdu.proc != AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT &&
					      pdu.proc != AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP))
		return;
	agw_ap_ie_iter_init(&it, &pdu);
	while ((rc = agw_ap_ie_next(&it, &ie)) == 1)
		if ((rc = ref_take_ie(&ie, r)) != 0)
			break;
	r->rc = rc < 0 ? rc : 0;
}

static void
ngap_compare(const uint8_t *buf, size_t len)
{
	struct agw_ngap_ue_nas u;
	struct ue_nas_ref r;
	int rc;

	ngap_ref(buf, len, &r);
	memset(&u, 0xa5, sizeof(u));
	rc = agw_ngap_ue_nas_decode(buf, len, &u);
	n_cmp++;
	CU_ASSERT_EQUAL_FATAL(rc, r.rc);
	if (!r.have_type)
		return;
	CU_ASSERT_EQUAL(u.type, r.type);
	CU_ASSERT_EQUAL(u.proc, r.proc);
	if (rc != 0)
		return;
	CU_ASSERT_EQUAL(u.has_amf_ue_id, r.has_amf);
	CU_ASSERT_EQUAL(u.has_ran_ue_id, r.has_ran);
	CU_ASSERT_EQUAL(u.has_stmsi, r.has_stmsi);
	if (r.has_amf)
		CU_ASSERT_EQUAL(u.amf_ue_ngap_id, r.amf);
	if (r.has_ran)
		CU_ASSERT_EQUAL(u.ran_ue_ngap_id, r.ran);
	if (r.has_stmsi) {
		CU_ASSERT_EQUAL(u.stmsi.set_id, r.stmsi.set_id);
		CU_ASSERT_EQUAL(u.stmsi.pointer, r.stmsi.pointer);
		CU_ASSERT_EQUAL(memcmp(u.stmsi.tmsi, r.stmsi.tmsi, 4), 0);
	}
	CU_ASSERT_PTR_EQUAL(u.nas.p, r.nas.p);
	CU_ASSERT_EQUAL(u.nas.len, r.nas.len);
}

static void
test_ngap_real(void)
{
	unsigned int n_ngap = 0, n_nas = 0;
	uint8_t *copy;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		struct agw_ngap_ue_nas u;

		if (strcmp(e->proto, "ngap") != 0)
			continue;
		n_ngap++;
		if (e->tshark_clean) {
			CU_ASSERT_EQUAL(agw_ngap_ue_nas_decode(e->data, e->len, &u), 0);
			n_nas += u.nas.p != NULL;
		}
		copy = malloc(e->len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
		for (size_t n = 0; n <= e->len; n++) {
			memcpy(copy, e->data, n);
			ngap_compare(copy, n);
		}
		for (size_t k = 0; k < e->len; k++) {
			for (unsigned int b = 0; b < 8; b++) {
				memcpy(copy, e->data, e->len);
				copy[k] ^= (uint8_t)(1u << b);
				ngap_compare(copy, e->len);
			}
		}
		free(copy);
	}
	CU_ASSERT(n_ngap >= 140);
	CU_ASSERT(n_nas >= 40); /* NAS carriers among them, walked */
	printf("\n    %u NGAP messages, %u NAS carriers, %lu comparisons ", n_ngap, n_nas, n_cmp);
}

int
main(int argc, char **argv)
{
	static CU_TestInfo net[] = {
		{"real-signalling.pcap: fast == full, cut, flipped", test_net_real_pcap},
		{"built shapes: v6, VLAN, QinQ, bundles, fragments, padding",
		 test_net_built_shapes},
		{"octets after the DATA chunk", test_net_trailing_octets},
		{"bundle subsets (split on the fast path)", test_subset},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo ngap[] = {
		{"corpus NGAP: fast == generic, cut, flipped", test_ngap_real},
		CU_TEST_INFO_NULL,
	};
	static CU_SuiteInfo suites[] = {
		{"net fast path", NULL, NULL, NULL, NULL, net},
		{"ngap fast path", NULL, NULL, NULL, NULL, ngap},
		CU_SUITE_INFO_NULL,
	};
	int rc;

	real_pcap = net_real_pcap_path(argc > 1 ? argv[1] : NULL);
	rc = agw_test_main(suites);
	printf("fast: %lu comparisons, fast path taken %lu, full parser %lu\n", n_cmp, n_fast,
	       n_slow);
	return rc;
}
