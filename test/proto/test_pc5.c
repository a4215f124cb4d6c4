/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * PC5 signalling codec tests (lib/proto/pc5.c): a round trip of every
 * message coded, hand-derived golden octets, truncation at every length,
 * malformed input, and the UDP encapsulation as tshark 4.0 sees it.
 *
 * No public capture or hex dump of TS 24.554 PC5 signalling was found
 * (searches of 3GPP TS 38.508-1, open stacks and Wireshark), and the real
 * signalling corpus has no PC5 entry. The golden vectors below are
 * therefore derived by hand from the layout documented in agw_pc5.h and
 * doc/pc5-encapsulation.md; they pin the wire format (including the
 * unconfirmed IEIs) so that any change to it is deliberate.
 *
 * tshark 4.0 has no PC5 signalling dissector ("tshark -G protocols" lists
 * none; Wireshark dissects PC5-RRC inside nr-rrc only). The tshark test can
 * only check the Ethernet/IPv4/UDP encapsulation and that the payload
 * arrives whole, as "data" on UDP port AGW_PC5_UDP_PORT.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "agw_pc5.h"
#include "gtp_udp_pcap.h"

/* ------------------------------------------------------------------ */
/* Fixtures                                                           */
/* ------------------------------------------------------------------ */

static const uint8_t app_id_remote[] = {'r', 'e', 'm', 'o', 't', 'e', '-', '1'};
static const uint8_t app_id_relay[] = {'r', 'e', 'l', 'a', 'y'};
static const uint8_t sec_cap[] = {0xe0, 0xe0}; /* 5G-EA0..2, 5G-IA0..2 */
static const uint8_t nonce1[16] = {0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
				   0x33, 0x33, 0x33, 0x33, 0x44, 0x44, 0x44, 0x44};
static const uint8_t nonce2[16] = {0xa5, 0xa5, 0xa5, 0xa5, 0x5a, 0x5a, 0x5a, 0x5a,
				   0xc3, 0xc3, 0xc3, 0xc3, 0x3c, 0x3c, 0x3c, 0x3c};
/* SUCI, null scheme (TS 24.501 9.11.3.4): IMSI 001-01, RI 0, MSIN 0123456789 */
static const uint8_t suci[] = {0x01, 0x00, 0xf1, 0x10, 0xf0, 0xff, 0x00,
			       0x00, 0x10, 0x32, 0x54, 0x76, 0x98};
static const uint8_t cp_pruk_id[] = {0x8a, 0x9b, 0xac, 0xbd, 0xce, 0xdf, 0x01, 0x02};
static const uint8_t keic[] = {0x01, 0x02, 0x03};
static const uint8_t eap_success[] = {0x03, 0x07, 0x00, 0x04}; /* EAP-Success, id 7 */
static const uint8_t eap_req[] = {0x01, 0x08, 0x00, 0x08, 0x32, 0x01, 0x00, 0x00};
static const uint8_t qos[] = {0x01, 0x01, 0x00, 0x01};
static const uint8_t ll_ipv6[16] = {0xfe, 0x80, [15] = 0x01};

static struct agw_pc5_msg
base(uint8_t type, uint8_t seq)
{
	struct agw_pc5_msg m;

	memset(&m, 0, sizeof(m));
	m.type = type;
	m.seq = seq;
	return m;
}

#define SET(m, ie) ((m).present |= AGW_PC5_BIT(AGW_PC5_IE_##ie))

/* DCR of method 200/400 (seed 002): SUCI, RSC, Nonce_1 (no PRUK stored). */
static struct agw_pc5_msg
make_dcr_suci(void)
{
	struct agw_pc5_msg m = base(AGW_PC5_DL_EST_REQ, 1);

	SET(m, SRC_USER_INFO), SET(m, UE_SEC_CAP), SET(m, SIG_SEC_POLICY);
	m.src_user_info = (struct agw_pc5_buf){app_id_remote, sizeof(app_id_remote)};
	m.ue_sec_cap = (struct agw_pc5_buf){sec_cap, sizeof(sec_cap)};
	m.sig_sec_policy = 0x22; /* integrity and ciphering "required" */
	SET(m, NONCE_1), SET(m, MSB_KNRP_SESS_ID), SET(m, RSC), SET(m, UE_IDENTITY),
		SET(m, HPLMN_ID);
	m.nonce_1 = nonce1;
	m.msb_knrp_sess_id = 0x5c;
	m.rsc = 0x00abcd;
	m.ue_identity = (struct agw_pc5_buf){suci, sizeof(suci)};
	memcpy(m.hplmn, (uint8_t[]){0x00, 0xf1, 0x10}, 3);
	return m;
}

/* DCR of method 500: CP-PRUK ID #1 + key update indication, every option. */
static struct agw_pc5_msg
make_dcr_pruk(void)
{
	struct agw_pc5_msg m = make_dcr_suci();

	m.present &= ~AGW_PC5_BIT(AGW_PC5_IE_UE_IDENTITY);
	m.seq = 2;
	SET(m, TARGET_USER_INFO), SET(m, KEIC), SET(m, KNRP_ID), SET(m, USER_KEY_ID),
		SET(m, KEY_UPDATE_IND);
	m.target_user_info = (struct agw_pc5_buf){app_id_relay, sizeof(app_id_relay)};
	m.keic = (struct agw_pc5_buf){keic, sizeof(keic)};
	m.knrp_id = 0xdeadbeef;
	m.user_key_id_type = AGW_PC5_KEY_ID_CP_PRUK;
	m.user_key_id = (struct agw_pc5_buf){cp_pruk_id, sizeof(cp_pruk_id)};
	m.key_update_ind = AGW_PC5_KEY_UPDATE_NEEDED;
	return m;
}

static struct agw_pc5_msg
make_accept(void)
{
	struct agw_pc5_msg m = base(AGW_PC5_DL_EST_ACC, 5);

	SET(m, SRC_USER_INFO), SET(m, QOS_FLOWS), SET(m, UP_SEC_CONFIG), SET(m, IP_ADDR_CONFIG),
		SET(m, LL_IPV6);
	m.src_user_info = (struct agw_pc5_buf){app_id_relay, sizeof(app_id_relay)};
	m.qos_flows = (struct agw_pc5_buf){qos, sizeof(qos)};
	m.up_sec_config = 0x01;
	m.ip_addr_config = 0x03;
	m.ll_ipv6 = ll_ipv6;
	return m;
}

static struct agw_pc5_msg
make_cause(uint8_t type, uint8_t cause)
{
	struct agw_pc5_msg m = base(type, 9);

	SET(m, CAUSE);
	m.cause = cause;
	return m;
}

/* DSMC of seed 002 step S223: Nonce_2 and EAP-Success, never K_NR_ProSe. */
static struct agw_pc5_msg
make_smc(void)
{
	struct agw_pc5_msg m = base(AGW_PC5_DL_SMC, 3);

	SET(m, SEL_ALGS), SET(m, UE_SEC_CAP), SET(m, SIG_SEC_POLICY);
	m.sel_algs = 0x22; /* 128-NEA2 / 128-NIA2 */
	m.ue_sec_cap = (struct agw_pc5_buf){sec_cap, sizeof(sec_cap)};
	m.sig_sec_policy = 0x22;
	SET(m, KEIC), SET(m, NONCE_2), SET(m, LSB_KNRP_SESS_ID), SET(m, MSBS_KNRP_ID), SET(m, EAP);
	m.keic = (struct agw_pc5_buf){keic, sizeof(keic)};
	m.nonce_2 = nonce2;
	m.lsb_knrp_sess_id = 0xa7;
	m.msbs_knrp_id = 0xdead;
	m.eap = (struct agw_pc5_buf){eap_success, sizeof(eap_success)};
	return m;
}

static struct agw_pc5_msg
make_sm_complete(void)
{
	struct agw_pc5_msg m = base(AGW_PC5_DL_SM_COMPLETE, 4);

	SET(m, LSBS_KNRP_ID);
	m.lsbs_knrp_id = 0xbeef;
	return m;
}

static struct agw_pc5_msg
make_auth(uint8_t type)
{
	struct agw_pc5_msg m = base(type, 6);

	SET(m, EAP);
	m.eap = (struct agw_pc5_buf){eap_req, sizeof(eap_req)};
	if (type == AGW_PC5_DL_AUTH_REQ) {
		SET(m, KEIC);
		m.keic = (struct agw_pc5_buf){keic, sizeof(keic)};
	}
	return m;
}

enum {
	P_DCR_SUCI,
	P_DCR_PRUK,
	P_ACCEPT,
	P_REJECT,
	P_SMC,
	P_SM_COMPLETE,
	P_SM_REJECT,
	P_REL_REQ,
	P_REL_ACC,
	P_AUTH_REQ,
	P_AUTH_RSP,
	P_AUTH_REJ,
	P_N
};
static struct agw_pc5_msg msgs[P_N];
static uint8_t enc[P_N][512];
static long enc_len[P_N];

static int
suite_init(void)
{
	int i;

	msgs[P_DCR_SUCI] = make_dcr_suci();
	msgs[P_DCR_PRUK] = make_dcr_pruk();
	msgs[P_ACCEPT] = make_accept();
	msgs[P_REJECT] = make_cause(AGW_PC5_DL_EST_REJ, AGW_PC5_CAUSE_RELAY_SEC_FAILURE);
	msgs[P_SMC] = make_smc();
	msgs[P_SM_COMPLETE] = make_sm_complete();
	msgs[P_SM_REJECT] = make_cause(AGW_PC5_DL_SM_REJECT, AGW_PC5_CAUSE_INTEGRITY_FAILURE);
	msgs[P_REL_REQ] = make_cause(AGW_PC5_DL_REL_REQ, AGW_PC5_CAUSE_NO_LONGER_NEEDED);
	msgs[P_REL_ACC] = base(AGW_PC5_DL_REL_ACC, 10);
	msgs[P_AUTH_REQ] = make_auth(AGW_PC5_DL_AUTH_REQ);
	msgs[P_AUTH_RSP] = make_auth(AGW_PC5_DL_AUTH_RSP);
	msgs[P_AUTH_REJ] = make_cause(AGW_PC5_DL_AUTH_REJ, AGW_PC5_CAUSE_AUTH_FAILURE);
	for (i = 0; i < P_N; i++) {
		enc_len[i] = agw_pc5_encode(enc[i], sizeof(enc[i]), &msgs[i]);
		if (enc_len[i] <= 0) {
			fprintf(stderr, "encode %d: %s\n", i, agw_proto_strerror((int)enc_len[i]));
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Round trip                                                         */
/* ------------------------------------------------------------------ */

static int
buf_eq(struct agw_pc5_buf a, struct agw_pc5_buf b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* Field-by-field equality of the IEs present in @p a. */
static int
msg_eq(const struct agw_pc5_msg *a, const struct agw_pc5_msg *b)
{
	uint32_t p = a->present;

#define HAS(ie) ((p >> AGW_PC5_IE_##ie) & 1)
	if (a->type != b->type || a->seq != b->seq || a->present != b->present)
		return 0;
	if ((HAS(SRC_USER_INFO) && !buf_eq(a->src_user_info, b->src_user_info)) ||
	    (HAS(UE_SEC_CAP) && !buf_eq(a->ue_sec_cap, b->ue_sec_cap)) ||
	    (HAS(SIG_SEC_POLICY) && a->sig_sec_policy != b->sig_sec_policy) ||
	    (HAS(QOS_FLOWS) && !buf_eq(a->qos_flows, b->qos_flows)) ||
	    (HAS(UP_SEC_CONFIG) && a->up_sec_config != b->up_sec_config) ||
	    (HAS(CAUSE) && a->cause != b->cause) || (HAS(SEL_ALGS) && a->sel_algs != b->sel_algs))
		return 0;
	if ((HAS(TARGET_USER_INFO) && !buf_eq(a->target_user_info, b->target_user_info)) ||
	    (HAS(KEIC) && !buf_eq(a->keic, b->keic)) ||
	    (HAS(NONCE_1) && memcmp(a->nonce_1, b->nonce_1, 16) != 0) ||
	    (HAS(MSB_KNRP_SESS_ID) && a->msb_knrp_sess_id != b->msb_knrp_sess_id) ||
	    (HAS(KNRP_ID) && a->knrp_id != b->knrp_id) || (HAS(RSC) && a->rsc != b->rsc) ||
	    (HAS(UE_IDENTITY) && !buf_eq(a->ue_identity, b->ue_identity)))
		return 0;
	if ((HAS(USER_KEY_ID) && (a->user_key_id_type != b->user_key_id_type ||
				  !buf_eq(a->user_key_id, b->user_key_id))) ||
	    (HAS(HPLMN_ID) && memcmp(a->hplmn, b->hplmn, 3) != 0) ||
	    (HAS(KEY_UPDATE_IND) && a->key_update_ind != b->key_update_ind) ||
	    (HAS(NONCE_2) && memcmp(a->nonce_2, b->nonce_2, 16) != 0) ||
	    (HAS(LSB_KNRP_SESS_ID) && a->lsb_knrp_sess_id != b->lsb_knrp_sess_id) ||
	    (HAS(MSBS_KNRP_ID) && a->msbs_knrp_id != b->msbs_knrp_id) ||
	    (HAS(LSBS_KNRP_ID) && a->lsbs_knrp_id != b->lsbs_knrp_id) ||
	    (HAS(EAP) && !buf_eq(a->eap, b->eap)) ||
	    (HAS(IP_ADDR_CONFIG) && a->ip_addr_config != b->ip_addr_config) ||
	    (HAS(LL_IPV6) && memcmp(a->ll_ipv6, b->ll_ipv6, 16) != 0))
		return 0;
#undef HAS
	return 1;
}

/* encode -> decode -> equal, and decode -> encode gives the same octets */
static void
test_round_trip(void)
{
	int i;

	for (i = 0; i < P_N; i++) {
		struct agw_pc5_msg d;
		uint8_t again[512];
		long n;
		int rc = agw_pc5_decode(enc[i], (size_t)enc_len[i], &d);

		if (rc != 0)
			fprintf(stderr, "\n  %s: %s", agw_pc5_msg_name(msgs[i].type),
				agw_proto_strerror(rc));
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT(msg_eq(&msgs[i], &d));
		n = agw_pc5_encode(again, sizeof(again), &d);
		CU_ASSERT_EQUAL(n, enc_len[i]);
		if (n == enc_len[i])
			AGW_ASSERT_MEM_EQ(again, enc[i], (size_t)n);
	}
}

/* Every IE is carried by at least one of the messages above. */
static void
test_coverage(void)
{
	uint32_t all = 0;
	int i;

	for (i = 0; i < P_N; i++)
		all |= msgs[i].present;
	CU_ASSERT_EQUAL(all, AGW_PC5_BIT(AGW_PC5_IE_N_) - 1);
	CU_ASSERT_STRING_EQUAL(agw_pc5_msg_name(AGW_PC5_DIRECT_COMM_REQ),
			       "PROSE DIRECT LINK ESTABLISHMENT REQUEST");
	CU_ASSERT_STRING_EQUAL(agw_pc5_msg_name(AGW_PC5_DIRECT_SMC),
			       "PROSE DIRECT LINK SECURITY MODE COMMAND");
	CU_ASSERT_STRING_EQUAL(agw_pc5_msg_name(0x04), "UNKNOWN");
	CU_ASSERT_EQUAL(agw_pc5_ie_allowed(AGW_PC5_DL_EST_REQ, AGW_PC5_IE_UE_SEC_CAP), 2);
	CU_ASSERT_EQUAL(agw_pc5_ie_allowed(AGW_PC5_DL_EST_REQ, AGW_PC5_IE_NONCE_1), 1);
	CU_ASSERT_EQUAL(agw_pc5_ie_allowed(AGW_PC5_DL_EST_REQ, AGW_PC5_IE_NONCE_2), 0);
}

/* ------------------------------------------------------------------ */
/* Golden octets (hand-derived, see the file comment)                 */
/* ------------------------------------------------------------------ */

/*
 * PROSE DIRECT LINK ESTABLISHMENT REQUEST (make_dcr_suci):
 *   01            message type (secondary)
 *   01            sequence number 1
 *   08 72..31     source user info, LV: "remote-1"
 *   02 e0 e0      UE security capabilities, LV
 *   22            UE PC5 unicast signalling security policy, V
 *   53 11..44     Nonce_1, TV 17 (IEI secondary)
 *   54 5c         MSB of KNRP-sess ID, TV 2 (IEI secondary)
 *   25 00 ab cd   relay service code 0x00abcd, TV 4 (IEI unconfirmed)
 *   77 00 0d ...  UE identity (SUCI), TLV-E (IEI unconfirmed)
 *   26 00 f1 10   HPLMN ID 001/01, TV 4 (IEI unconfirmed)
 */
static const uint8_t golden_dcr_suci[] = {
	0x01, 0x01, 0x08, 'r',	'e',  'm',  'o',  't',	'e',  '-',  '1',  0x02, 0xe0, 0xe0, 0x22,
	0x53, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x33, 0x33, 0x33, 0x33, 0x44, 0x44,
	0x44, 0x44, 0x54, 0x5c, 0x25, 0x00, 0xab, 0xcd, 0x77, 0x00, 0x0d, 0x01, 0x00, 0xf1, 0x10,
	0xf0, 0xff, 0x00, 0x00, 0x10, 0x32, 0x54, 0x76, 0x98, 0x26, 0x00, 0xf1, 0x10,
};

/*
 * PROSE DIRECT LINK SECURITY MODE COMMAND (make_smc):
 *   0c 03         message type (unconfirmed), sequence number 3
 *   22            selected security algorithms: 128-NEA2, 128-NIA2, V
 *   02 e0 e0      UE security capabilities (replayed), LV
 *   22            UE PC5 unicast signalling security policy (replayed), V
 *   74 00 03 ...  key establishment information container, TLV-E
 *   55 a5..3c     Nonce_2, TV 17
 *   2d a7         LSB of KNRP-sess ID, TV 2
 *   2e de ad      MSBs of KNRP ID, TV 3
 *   78 00 04 03 07 00 04   EAP message: EAP-Success, TLV-E
 */
static const uint8_t golden_smc[] = {
	0x0c, 0x03, 0x22, 0x02, 0xe0, 0xe0, 0x22, 0x74, 0x00, 0x03, 0x01, 0x02, 0x03, 0x55,
	0xa5, 0xa5, 0xa5, 0xa5, 0x5a, 0x5a, 0x5a, 0x5a, 0xc3, 0xc3, 0xc3, 0xc3, 0x3c, 0x3c,
	0x3c, 0x3c, 0x2d, 0xa7, 0x2e, 0xde, 0xad, 0x78, 0x00, 0x04, 0x03, 0x07, 0x00, 0x04,
};

static void
test_golden(void)
{
	struct agw_pc5_msg d;

	CU_ASSERT_EQUAL_FATAL(enc_len[P_DCR_SUCI], (long)sizeof(golden_dcr_suci));
	AGW_ASSERT_MEM_EQ(enc[P_DCR_SUCI], golden_dcr_suci, sizeof(golden_dcr_suci));
	CU_ASSERT_EQUAL_FATAL(enc_len[P_SMC], (long)sizeof(golden_smc));
	AGW_ASSERT_MEM_EQ(enc[P_SMC], golden_smc, sizeof(golden_smc));
	CU_ASSERT_EQUAL_FATAL(agw_pc5_decode(golden_dcr_suci, sizeof(golden_dcr_suci), &d), 0);
	CU_ASSERT(d.rsc == 0xabcd && d.msb_knrp_sess_id == 0x5c && d.seq == 1);
	CU_ASSERT(agw_pc5_has(&d, AGW_PC5_IE_UE_IDENTITY) &&
		  !agw_pc5_has(&d, AGW_PC5_IE_USER_KEY_ID));
	CU_ASSERT_EQUAL(d.nonce_1, golden_dcr_suci + 16); /* zero-copy */
	CU_ASSERT_EQUAL_FATAL(agw_pc5_decode(golden_smc, sizeof(golden_smc), &d), 0);
	CU_ASSERT(d.sel_algs == 0x22 && d.lsb_knrp_sess_id == 0xa7 && d.msbs_knrp_id == 0xdead);
	CU_ASSERT(d.eap.len == 4 && d.eap.p[0] == 3);
}

/* ------------------------------------------------------------------ */
/* Truncation                                                         */
/* ------------------------------------------------------------------ */

/*
 * PC5-S has no length field (the PDCP SDU delimits the message), so a cut
 * right after an optional IE is a valid shorter message. Every prefix must
 * either fail to decode, or be such a boundary: decode to a strict subset
 * of the IEs and re-encode to exactly the prefix. The boundaries are
 * counted: one per optional IE present.
 */
static void
test_truncation(void)
{
	int i;

	for (i = 0; i < P_N; i++) {
		size_t cut, boundaries = 0, n_opt = 0;
		int ie;

		for (ie = 0; ie < AGW_PC5_IE_N_; ie++)
			if (agw_pc5_has(&msgs[i], ie) && agw_pc5_ie_allowed(msgs[i].type, ie) == 1)
				n_opt++;
		for (cut = 0; cut < (size_t)enc_len[i]; cut++) {
			uint8_t *copy = malloc(cut ? cut : 1); /* exact size for valgrind */
			uint8_t again[512];
			struct agw_pc5_msg d;

			memcpy(copy, enc[i], cut);
			if (agw_pc5_decode(copy, cut, &d) == 0) {
				boundaries++;
				CU_ASSERT((d.present & ~msgs[i].present) == 0 &&
					  d.present != msgs[i].present);
				CU_ASSERT_EQUAL(agw_pc5_encode(again, sizeof(again), &d),
						(long)cut);
				AGW_ASSERT_MEM_EQ(again, copy, cut);
			}
			free(copy);
		}
		CU_ASSERT_EQUAL(boundaries, n_opt);
	}
}

/* ------------------------------------------------------------------ */
/* Malformed input and encoder checks                                 */
/* ------------------------------------------------------------------ */

static void
test_bad_input(void)
{
	struct agw_pc5_msg d, m;
	uint8_t b[512];
	size_t n = sizeof(golden_dcr_suci);

	CU_ASSERT_EQUAL(agw_pc5_decode((uint8_t[]){0x04, 0x00}, 2, &d), AGW_PROTO_E_UNKNOWN_TYPE);
	CU_ASSERT_EQUAL(agw_pc5_decode(b, 0, &d), AGW_PROTO_E_TRUNCATED);
	/* an IEI the message does not allow (Nonce_2 in a request) */
	memcpy(b, golden_dcr_suci, n);
	b[n] = 0x55;
	CU_ASSERT_EQUAL(agw_pc5_decode(b, n + 17, &d), AGW_PROTO_E_UNKNOWN_TYPE);
	/* UE security capabilities of 1 and 9 octets */
	memcpy(b, (uint8_t[]){0x01, 0x01, 0x01, 'a', 0x01, 0xe0, 0x22}, 7);
	CU_ASSERT_EQUAL(agw_pc5_decode(b, 7, &d), AGW_PROTO_E_BAD_LENGTH);
	memcpy(b, (uint8_t[]){0x01, 0x01, 0x01, 'a', 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x22}, 15);
	CU_ASSERT_EQUAL(agw_pc5_decode(b, 15, &d), AGW_PROTO_E_BAD_LENGTH);
	/* an empty source user info */
	memcpy(b, (uint8_t[]){0x01, 0x01, 0x00, 0x02, 0xe0, 0xe0, 0x22}, 7);
	CU_ASSERT_EQUAL(agw_pc5_decode(b, 7, &d), AGW_PROTO_E_BAD_LENGTH);
	/* key update indication with a spare bit set */
	memcpy(b, golden_dcr_suci, n);
	b[n] = 0xe2;
	CU_ASSERT_EQUAL(agw_pc5_decode(b, n + 1, &d), AGW_PROTO_E_BAD_VALUE);
	/* a repeated optional IE: the first one counts */
	memcpy(b, golden_dcr_suci, n);
	memcpy(b + n, (uint8_t[]){0x54, 0x99}, 2);
	CU_ASSERT_EQUAL(agw_pc5_decode(b, n + 2, &d), 0);
	CU_ASSERT_EQUAL(d.msb_knrp_sess_id, 0x5c);
	/* encoder: missing mandatory IE, IE not allowed, RSC of 25 bits, no room */
	m = msgs[P_DCR_SUCI];
	m.present &= ~AGW_PC5_BIT(AGW_PC5_IE_SIG_SEC_POLICY);
	CU_ASSERT_EQUAL(agw_pc5_encode(b, sizeof(b), &m), AGW_PROTO_E_MISSING_IE);
	m = msgs[P_DCR_SUCI];
	m.present |= AGW_PC5_BIT(AGW_PC5_IE_NONCE_2);
	CU_ASSERT_EQUAL(agw_pc5_encode(b, sizeof(b), &m), AGW_PROTO_E_UNKNOWN_TYPE);
	m = msgs[P_DCR_SUCI];
	m.rsc = 0x1000000;
	CU_ASSERT_EQUAL(agw_pc5_encode(b, sizeof(b), &m), AGW_PROTO_E_BAD_VALUE);
	m = msgs[P_DCR_SUCI];
	m.nonce_1 = NULL;
	CU_ASSERT_EQUAL(agw_pc5_encode(b, sizeof(b), &m), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_pc5_encode(b, 10, &msgs[P_DCR_SUCI]), AGW_PROTO_E_NO_SPACE);
	m = base(0x04, 0);
	CU_ASSERT_EQUAL(agw_pc5_encode(b, sizeof(b), &m), AGW_PROTO_E_UNKNOWN_TYPE);
}

/* ------------------------------------------------------------------ */
/* tshark                                                             */
/* ------------------------------------------------------------------ */

/*
 * Every encoded message goes into Eth/IPv4/UDP, port AGW_PC5_UDP_PORT both
 * ways, and tshark is run with "-d udp.port==5554,data". tshark 4.0 has no
 * PC5 signalling dissector, so this checks what it can: no Malformed, no
 * expert error, the protocol stack eth:ethertype:ip:udp:data, and the
 * payload length and octets unchanged. The message name cannot be checked
 * by tshark; it is checked against agw_pc5_msg_name() by decoding the
 * payload tshark printed.
 */
static int
hex_to_bytes(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (n < cap && sscanf(hex, "%2x", &v) == 1) {
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return (int)n;
}

/* The payload of each frame, in full, from "tshark -T fields -e data.data". */
static int
tshark_payloads(const char *path, const char *args, uint8_t pl[][512], int *len, int max)
{
	char cmd[512], line[2048];
	int n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "tshark -n -r %s %s -T fields -e data.data 2>/dev/null", path,
		 args);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (n < max && fgets(line, sizeof(line), p) != NULL) {
		len[n] = hex_to_bytes(line, pl[n], 512);
		n++;
	}
	return pclose(p) == 0 ? n : -1;
}

static void
test_tshark(void)
{
	struct gtp_tshark_frame fr[P_N + 1];
	static uint8_t pl[P_N + 1][512];
	int pl_len[P_N + 1];
	const char *path = "pc5_encoded.pcap";
	char args[64], want[64];
	FILE *f;
	int i, n;

	CU_ASSERT_FATAL(gtp_tshark_present()); /* a missing tshark is a failure */
	f = agw_pcap_open(path, 1);
	CU_ASSERT_FATAL(f != NULL);
	for (i = 0; i < P_N; i++)
		CU_ASSERT_EQUAL(gtp_pcap_udp(f, AGW_PC5_UDP_PORT, AGW_PC5_UDP_PORT, enc[i],
					     (size_t)enc_len[i], (uint32_t)i),
				0);
	fclose(f);
	snprintf(args, sizeof(args), "-d udp.port==%d,data", AGW_PC5_UDP_PORT);
	CU_ASSERT_EQUAL_FATAL(tshark_payloads(path, args, pl, pl_len, P_N + 1), P_N);
	n = gtp_tshark_run(path, args, fr, P_N + 1);
	CU_ASSERT_EQUAL_FATAL(n, P_N);
	for (i = 0; i < n; i++) {
		struct agw_pc5_msg d;
		int ok;

		snprintf(want, sizeof(want), "[Length: %ld]", enc_len[i]);
		ok = !fr[i].malformed && !fr[i].expert_error &&
		     strstr(fr[i].text, "[Protocols in frame: eth:ethertype:ip:udp:data]") !=
			     NULL &&
		     strstr(fr[i].text, want) != NULL;
		ok = ok && pl_len[i] == enc_len[i] &&
		     memcmp(pl[i], enc[i], (size_t)pl_len[i]) == 0 &&
		     agw_pc5_decode(pl[i], (size_t)pl_len[i], &d) == 0 &&
		     strcmp(agw_pc5_msg_name(d.type), agw_pc5_msg_name(msgs[i].type)) == 0;
		if (!ok)
			fprintf(stderr, "\n  tshark frame %d:\n%s\n", i + 1, fr[i].text);
		CU_ASSERT(ok);
	}
	gtp_tshark_free(fr, n);
}

/* ------------------------------------------------------------------ */

static CU_TestInfo codec_tests[] = {
	{"round trip of every message", test_round_trip},
	{"every IE used, names", test_coverage},
	{"golden octets", test_golden},
	{"truncation at every length", test_truncation},
	{"malformed input, encoder checks", test_bad_input},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tshark_tests[] = {
	{"UDP encapsulation through tshark", test_tshark},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"pc5 codec", suite_init, NULL, NULL, NULL, codec_tests},
	{"pc5 tshark", suite_init, NULL, NULL, NULL, tshark_tests},
	CU_SUITE_INFO_NULL,
};

int
main(void)
{
	return agw_test_main(suites);
}
