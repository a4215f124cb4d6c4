/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * NAS-EPS codec tests: message tables, round trips, typed IEs (TAU request
 * in full), the real-signalling corpus (golden bytes, fields read from
 * tshark, truncation at every length) and tshark on the encoder output.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "agw_naseps.h"
#include "agw_real_signalling.h"
#include "nas_tshark.h"
#include "nas_test_util.h"

#define EMM AGW_NASEPS_PD_EMM
#define ESM AGW_NASEPS_PD_ESM
#define F(x) AGW_NASEPS_F_##x
#define MT(x) AGW_NASEPS_MT_##x

/* ------------------------------------------------------------------------ */
/* Tables and headers                                                        */
/* ------------------------------------------------------------------------ */

static void
test_tables(void)
{
	int n = 0;

	for (unsigned int t = 0; t < 256; t++) {
		for (int k = 0; k < 2; k++) {
			uint8_t pd = k ? ESM : EMM;
			const struct agw_nas_msg_desc *d =
				agw_naseps_desc(pd, (uint8_t)t, AGW_NASEPS_DIR_UL);

			if (d == NULL)
				continue;
			n++;
			CU_ASSERT(table_ok(d, AGW_NASEPS_F_COUNT_));
			CU_ASSERT_EQUAL(d->type, t);
			CU_ASSERT_PTR_EQUAL(d->name, agw_naseps_msg_name(pd, (uint8_t)t));
		}
	}
	CU_ASSERT(table_ok(agw_naseps_desc(EMM, MT(DETACH_REQUEST), AGW_NASEPS_DIR_DL),
			   AGW_NASEPS_F_COUNT_));
	CU_ASSERT(agw_naseps_desc(EMM, MT(DETACH_REQUEST), AGW_NASEPS_DIR_DL) !=
		  agw_naseps_desc(EMM, MT(DETACH_REQUEST), AGW_NASEPS_DIR_UL));
	CU_ASSERT_EQUAL(n, 31 + 13);
	CU_ASSERT_STRING_EQUAL(agw_naseps_field_name(F(MOBILE_ID)), "EPS mobile identity");
	CU_ASSERT_PTR_NOT_NULL(agw_naseps_msg_name(ESM, MT(REMOTE_UE_REPORT)));
	CU_ASSERT_PTR_NULL(agw_naseps_desc(ESM, MT(REMOTE_UE_REPORT), AGW_NASEPS_DIR_UL));
	CU_ASSERT_PTR_NULL(agw_naseps_msg_name(EMM, 0x47));
}

static void
test_sec_header(void)
{
	static const uint8_t sr[] = {0xc7, 0xa8, 0x64, 0x0c};
	static const uint8_t sr15[] = {0xf7, 0x02, 0x79, 0xe0};
	static const uint8_t tau[] = {0x17, 0x1f, 0x2c, 0x60, 0x5e, 0x02, 0x07, 0x4a};
	static const uint8_t ciph[] = {0x27, 0x80, 0x7d, 0x6a, 0xa1, 0x01, 0x6b, 0x83, 0x54};
	static const uint8_t sht6[] = {0x67, 0, 0, 0, 0, 0, 0x07, 0x4a};
	static const uint8_t esm[] = {0x52, 0x01, 0xd9};
	static const uint8_t other_pd[] = {0x05, 0x18};
	static const uint8_t nested[] = {0x17, 0, 0, 0, 0, 0, 0x17, 0x4a};
	struct agw_naseps_sec sec;
	struct agw_naseps_msg m;

	/* SERVICE REQUEST: KSI 5, sequence number 8, short MAC 0x640c */
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(sr, sizeof(sr), &sec), 0);
	CU_ASSERT(sec.sht == 12 && sec.ksi == 5 && sec.seq == 8 && sec.short_mac == 0x640c);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(sr, 3, &sec), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(sr15, sizeof(sr15), &sec), 0);
	CU_ASSERT_EQUAL(sec.sht, 12); /* 9.3.1: 13-15 are read as 12 */
	CU_ASSERT_EQUAL(agw_naseps_decode(sr, sizeof(sr), AGW_NASEPS_DIR_UL, &m), 0);
	CU_ASSERT_STRING_EQUAL(agw_naseps_name(&m), "Service request");

	CU_ASSERT_EQUAL(agw_naseps_sec_decode(tau, sizeof(tau), &sec), 0);
	CU_ASSERT(sec.sht == 1 && sec.mac == 0x1f2c605eu && sec.sqn == 2 && !sec.ciphered);
	CU_ASSERT(sec.msg == tau + 6 && sec.msg_len == 2 && sec.mac_input == tau + 5 &&
		  sec.mac_input_len == 3);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(tau, 7, &sec), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(ciph, sizeof(ciph), &sec), 0);
	CU_ASSERT(sec.ciphered && sec.sht == 2);
	CU_ASSERT_EQUAL(agw_naseps_decode(ciph, sizeof(ciph), AGW_NASEPS_DIR_DL, &m), 0);
	CU_ASSERT_PTR_NULL(m.ies.desc);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(sht6, sizeof(sht6), &sec), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_naseps_sec_decode(other_pd, sizeof(other_pd), &sec),
			AGW_PROTO_E_UNKNOWN_TYPE);
	CU_ASSERT_EQUAL(agw_naseps_decode(esm, sizeof(esm), AGW_NASEPS_DIR_DL, &m), 0);
	CU_ASSERT(m.hdr.pd == ESM && m.hdr.ebi == 5 && m.hdr.pti == 1 &&
		  m.hdr.type == MT(ESM_INFORMATION_REQUEST) && m.hdr.hdr_len == 3);
	CU_ASSERT_EQUAL(agw_naseps_decode(nested, sizeof(nested), AGW_NASEPS_DIR_UL, &m),
			AGW_PROTO_E_BAD_VALUE);
}

/* ------------------------------------------------------------------------ */
/* Round trip of every table, every row                                      */
/* ------------------------------------------------------------------------ */

static int
roundtrip_one(const struct agw_nas_msg_desc *d, uint8_t pd, int variant, uint8_t sht, int dir)
{
	struct agw_naseps_hdr h = {.pd = pd, .ebi = 6, .pti = 0x2a, .type = d->type};
	static uint8_t pat[4096], out[8192], again[8192];
	struct agw_nas_body b;
	struct agw_naseps_msg m;
	long n;
	int ok = 1;

	pattern(pat, sizeof(pat), (uint8_t)(d->type + variant));
	fill_all(d, &b, pat, variant);
	if (sht == 0)
		n = agw_naseps_encode(&h, &b, out, sizeof(out));
	else
		n = agw_naseps_encode_protected(sht, 0xa1b2c3d4, 9, &h, &b, out, sizeof(out));
	CU_ASSERT(n > 0);
	if (n <= 0)
		return 0;
	ok &= agw_naseps_decode(out, (size_t)n, dir, &m) == 0;
	ok &= m.sec.sht == sht;
	if (sht != 0)
		ok &= m.sec.mac == 0xa1b2c3d4u && m.sec.sqn == 9;
	if (m.sec.ciphered)
		return ok;
	ok &= m.hdr.pd == pd && m.hdr.type == d->type;
	if (pd == ESM)
		ok &= m.hdr.ebi == 6 && m.hdr.pti == 0x2a;
	ok &= bodies_equal(&b, &m.ies);
	if (sht == 0) {
		ok &= agw_naseps_encode(&h, &m.ies, again, sizeof(again)) == n;
		ok &= memcmp(again, out, (size_t)n) == 0;
	}
	if (!ok)
		fprintf(stderr, "\n  round trip of %s (variant %d, sht %u) failed\n", d->name,
			variant, sht);
	return ok;
}

static void
test_roundtrip_all_tables(void)
{
	const struct agw_nas_msg_desc *dl =
		agw_naseps_desc(EMM, MT(DETACH_REQUEST), AGW_NASEPS_DIR_DL);
	int n = 0;

	for (unsigned int t = 0; t < 256; t++) {
		for (int k = 0; k < 2; k++) {
			uint8_t pd = k ? ESM : EMM;
			const struct agw_nas_msg_desc *d =
				agw_naseps_desc(pd, (uint8_t)t, AGW_NASEPS_DIR_UL);

			if (d == NULL)
				continue;
			n++;
			for (uint8_t sht = 0; sht <= 5; sht++) {
				CU_ASSERT(roundtrip_one(d, pd, 0, sht, AGW_NASEPS_DIR_UL));
				CU_ASSERT(roundtrip_one(d, pd, 1, sht, AGW_NASEPS_DIR_UL));
			}
		}
	}
	CU_ASSERT_EQUAL(n, 44);
	CU_ASSERT(roundtrip_one(dl, EMM, 0, 0, AGW_NASEPS_DIR_DL));
	CU_ASSERT(roundtrip_one(dl, EMM, 1, 1, AGW_NASEPS_DIR_DL));
	/* direction unknown: the network layout is found when the UE one fails */
	CU_ASSERT(roundtrip_one(dl, EMM, 1, 0, AGW_NASEPS_DIR_ANY));
}

/* ------------------------------------------------------------------------ */
/* Typed IEs                                                                 */
/* ------------------------------------------------------------------------ */

static void
id_roundtrip(const struct agw_naseps_mobile_id *in, int fmt, size_t want)
{
	uint8_t buf[32];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));
	struct agw_naseps_mobile_id out;

	CU_ASSERT_EQUAL_FATAL(agw_naseps_mobile_id_encode(in, fmt, &w), 0);
	CU_ASSERT_EQUAL(agw_wr_result(&w), (long)want);
	CU_ASSERT_EQUAL_FATAL(agw_naseps_mobile_id_decode(buf, want, fmt, &out), 0);
	CU_ASSERT_EQUAL(out.type, in->type);
	CU_ASSERT_STRING_EQUAL(out.digits, in->digits);
	CU_ASSERT_EQUAL(out.tmsi, in->tmsi);
	CU_ASSERT_STRING_EQUAL(out.guti.plmn.mcc, in->guti.plmn.mcc);
	CU_ASSERT_STRING_EQUAL(out.guti.plmn.mnc, in->guti.plmn.mnc);
	CU_ASSERT_EQUAL(out.guti.mme_group, in->guti.mme_group);
	CU_ASSERT_EQUAL(out.guti.mme_code, in->guti.mme_code);
	CU_ASSERT_EQUAL(out.guti.m_tmsi, in->guti.m_tmsi);
}

static void
eps_guti(struct agw_naseps_mobile_id *id)
{
	memset(id, 0, sizeof(*id));
	id->type = AGW_NASEPS_ID_GUTI;
	strcpy(id->guti.plmn.mcc, "208");
	strcpy(id->guti.plmn.mnc, "01");
	id->guti.mme_group = 32771;
	id->guti.mme_code = 200;
	id->guti.m_tmsi = 0xc2e65e9a;
}

static void
test_mobile_id(void)
{
	struct agw_naseps_mobile_id id, d;
	static const uint8_t bad_fill[] = {0x01, 0x10, 0x10, 0x10, 0x32, 0x54, 0x86, 0x51};
	static const uint8_t short_guti[] = {0xf6, 0x02, 0xf8, 0x10, 0x80};
	static const uint8_t imsi5[] = {0x09, 0x10, 0x10};
	static const uint8_t tmsi_long[] = {0xf4, 0, 0, 0, 1, 2};
	static const uint8_t tmgi[] = {0x35, 0x01, 0x02, 0x03};

	memset(&id, 0, sizeof(id));
	id.type = AGW_NASEPS_ID_IMSI;
	strcpy(id.digits, "001010123456815");
	id_roundtrip(&id, AGW_NASEPS_IDF_EPS, 8);
	id_roundtrip(&id, AGW_NASEPS_IDF_MS, 8);
	strcpy(id.digits, "31041012345678");
	id_roundtrip(&id, AGW_NASEPS_IDF_MS, 8);
	id.type = AGW_NASEPS_ID_IMEI;
	strcpy(id.digits, "490154203237518");
	id_roundtrip(&id, AGW_NASEPS_IDF_EPS, 8);
	id_roundtrip(&id, AGW_NASEPS_IDF_MS, 8);
	id.type = AGW_NASEPS_ID_IMEISV;
	strcpy(id.digits, "4901542032375181");
	id_roundtrip(&id, AGW_NASEPS_IDF_MS, 9);
	memset(&id, 0, sizeof(id));
	id.type = AGW_NASEPS_ID_TMSI;
	id.tmsi = 0xc2e65e9a;
	id_roundtrip(&id, AGW_NASEPS_IDF_MS, 5);
	eps_guti(&id);
	id_roundtrip(&id, AGW_NASEPS_IDF_EPS, 11);
	{
		uint8_t buf[16];
		struct agw_wr w = agw_wr_init(buf, sizeof(buf));

		/* a GUTI is no mobile identity (9.9.2.3), an IMEISV no EPS one */
		CU_ASSERT_EQUAL(agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_MS, &w),
				AGW_PROTO_E_UNSUPPORTED);
		id.type = AGW_NASEPS_ID_IMEISV;
		CU_ASSERT_EQUAL(agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, &w),
				AGW_PROTO_E_UNSUPPORTED);
	}
	/* even digit count without the F filler, short GUTI, IMSI of 5 digits,
	 * TMSI of the wrong length, TMGI (type 5 of 9.9.2.3) */
	CU_ASSERT_EQUAL(
		agw_naseps_mobile_id_decode(bad_fill, sizeof(bad_fill), AGW_NASEPS_IDF_EPS, &d),
		AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(
		agw_naseps_mobile_id_decode(short_guti, sizeof(short_guti), AGW_NASEPS_IDF_EPS, &d),
		AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_naseps_mobile_id_decode(imsi5, sizeof(imsi5), AGW_NASEPS_IDF_EPS, &d),
			AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(
		agw_naseps_mobile_id_decode(tmsi_long, sizeof(tmsi_long), AGW_NASEPS_IDF_MS, &d),
		AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_naseps_mobile_id_decode(tmgi, sizeof(tmgi), AGW_NASEPS_IDF_MS, &d),
			AGW_PROTO_E_UNSUPPORTED);
	CU_ASSERT_EQUAL(
		agw_naseps_mobile_id_decode(short_guti, sizeof(short_guti), AGW_NASEPS_IDF_MS, &d),
		AGW_PROTO_E_UNSUPPORTED);
	CU_ASSERT_EQUAL(agw_naseps_mobile_id_decode(tmgi, 0, AGW_NASEPS_IDF_MS, &d),
			AGW_PROTO_E_BAD_LENGTH);
}

static void
test_small_ies(void)
{
	struct agw_naseps_tai t = {{"208", "01"}, 50370}, t2;
	struct agw_naseps_ue_net_cap c;
	static const uint8_t cap[] = {0xe0, 0x60, 0xc0, 0xc0};
	uint8_t buf[8];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	CU_ASSERT_EQUAL(agw_naseps_tai_encode(&t, &w), 0);
	ASSERT_HEX(buf, "02f810c4c2");
	CU_ASSERT_EQUAL(agw_naseps_tai_decode(buf, 5, &t2), 0);
	CU_ASSERT(t2.tac == 50370 && strcmp(t2.plmn.mcc, "208") == 0 &&
		  strcmp(t2.plmn.mnc, "01") == 0);
	CU_ASSERT_EQUAL(agw_naseps_tai_decode(buf, 4, &t2), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_naseps_ue_net_cap_decode(cap, sizeof(cap), &c), 0);
	CU_ASSERT(c.eea == 0xe0 && c.eia == 0x60 && c.uea == 0xc0 && c.uia == 0x40 && c.len == 4);
	CU_ASSERT_EQUAL(agw_naseps_ue_net_cap_decode(cap, 1, &c), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT(agw_naseps_update_type_from_half(0x0b).active == 1);
	CU_ASSERT(agw_naseps_update_type_from_half(0x0b).type == 3);
	CU_ASSERT_EQUAL(agw_naseps_encode_service_request(8, 0, 0, buf, sizeof(buf)),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_naseps_encode_service_request(5, 8, 0x640c, buf, 3),
			AGW_PROTO_E_NO_SPACE);
	CU_ASSERT_EQUAL(agw_naseps_encode_service_request(5, 8, 0x640c, buf, sizeof(buf)), 4);
	ASSERT_HEX(buf, "c7a8640c");
}

/* ------------------------------------------------------------------------ */
/* Messages with meaningful values (round trip + tshark)                      */
/* ------------------------------------------------------------------------ */

static const uint8_t k_rand[16] = {0x0c, 0x63, 0xa8, 0x54, 0x13, 0xe6, 0xa4, 0xce,
				   0xd9, 0x86, 0xfb, 0xe5, 0xce, 0x9b, 0x62, 0x5e};
static const uint8_t k_autn[16] = {0x67, 0x57, 0xb3, 0xc2, 0xb9, 0x70, 0x90, 0x01,
				   0x0c, 0x72, 0x8a, 0x67, 0x57, 0x92, 0x52, 0xb8};
static const uint8_t k_apn[] = {0x08, 'i', 'n', 't', 'e', 'r', 'n', 'e', 't'};
static const uint8_t k_bearers[] = {0x20, 0x00};

static void
b_none(struct agw_nas_body *b, struct scratch *s)
{
	(void)b;
	(void)s;
}

static void
b_tau_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t netcap[] = {0xe0, 0x60, 0xc0, 0x40}, drx[] = {0x0a, 0x00};
	static const uint8_t mscap[] = {0xe5, 0xe0, 0x34}, status[] = {0x01};
	struct agw_naseps_tai tai = {{"208", "01"}, 0xc4c2};
	struct agw_naseps_mobile_id id;

	eps_guti(&id);
	set_half(b, F(UPDATE_TYPE), 0x9); /* active flag, combined TA/LA updating */
	set_half(b, F(NAS_KSI), 6);
	SET_TYPED(b, F(MOBILE_ID), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, w));
	set(b, F(UE_NET_CAP), s, netcap, sizeof(netcap));
	SET_TYPED(b, F(LAST_TAI), s, agw_naseps_tai_encode(&tai, w));
	set(b, F(DRX), s, drx, sizeof(drx));
	set(b, F(EPS_BEARER_CTX_STATUS), s, k_bearers, 2);
	set(b, F(MS_NET_CAP), s, mscap, sizeof(mscap));
	set_half(b, F(TMSI_STATUS), 0);
	set(b, F(UE_STATUS), s, status, 1);
}

static void
b_tau_accept(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t t3412[] = {0x49}, tai[] = {0x22, 0x02, 0xf8, 0x10, 0xc4, 0xa0};
	struct agw_naseps_mobile_id id;

	eps_guti(&id);
	set_half(b, F(UPDATE_RESULT), 1);
	set(b, F(T3412), s, t3412, 1);
	SET_TYPED(b, F(GUTI), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, w));
	set(b, F(TAI_LIST), s, tai, sizeof(tai));
	set(b, F(EPS_BEARER_CTX_STATUS), s, k_bearers, 2);
}

static void
b_emm_cause(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x11};

	set(b, F(EMM_CAUSE), s, c, 1);
}

static const uint8_t *
esm_payload(struct scratch *s, uint8_t type, uint8_t ebi,
	    void (*build)(struct agw_nas_body *, struct scratch *), size_t *len)
{
	struct agw_naseps_hdr h = {.pd = ESM, .ebi = ebi, .pti = 1, .type = type};
	struct agw_nas_body b;
	uint8_t tmp[512];
	long n;

	agw_nas_body_init(&b, agw_naseps_desc(ESM, type, AGW_NASEPS_DIR_UL));
	build(&b, s);
	n = agw_naseps_encode(&h, &b, tmp, sizeof(tmp));
	CU_ASSERT_FATAL(n > 0);
	*len = (size_t)n;
	return sc_put(s, tmp, (size_t)n);
}

static void
b_pdn_conn_req(struct agw_nas_body *b, struct scratch *s)
{
	set_half(b, F(REQUEST_TYPE), 1);
	set_half(b, F(PDN_TYPE), 1);
	set_half(b, F(ESM_INFO_TRANSFER_FLAG), 1);
	set(b, F(APN), s, k_apn, sizeof(k_apn));
}

static void
b_act_default_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t qos[] = {0x09}, addr[] = {0x01, 0x0a, 0x2d, 0x00, 0x02};

	set(b, F(EPS_QOS), s, qos, 1);
	set(b, F(APN), s, k_apn, sizeof(k_apn));
	set(b, F(PDN_ADDRESS), s, addr, sizeof(addr));
}

static void
b_act_dedicated_req(struct agw_nas_body *b, struct scratch *s)
{
	/* EPS QoS and TFT as in srsRAN's test (corpus frame 294) */
	static const uint8_t qos[] = {0x01}, tft[] = {0x21, 0x31, 0x00, 0x03, 0x40, 0x08, 0xae};

	set_half(b, F(LINKED_EBI), 5);
	set(b, F(EPS_QOS), s, qos, 1);
	set(b, F(TFT), s, tft, sizeof(tft));
}

static void
b_esm_cause(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x24};

	set(b, F(ESM_CAUSE), s, c, 1);
}

static void
b_esm_info_resp(struct agw_nas_body *b, struct scratch *s)
{
	set(b, F(APN), s, k_apn, sizeof(k_apn));
}

static void
b_attach_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t netcap[] = {0xe0, 0xe0}, drx[] = {0x0a, 0x00};
	struct agw_naseps_mobile_id id = {.type = AGW_NASEPS_ID_IMSI};
	const uint8_t *p;
	size_t n;

	strcpy(id.digits, "208930000000001");
	p = esm_payload(s, MT(PDN_CONNECTIVITY_REQUEST), 0, b_pdn_conn_req, &n);
	set_half(b, F(ATTACH_TYPE), 1);
	set_half(b, F(NAS_KSI), 7);
	SET_TYPED(b, F(MOBILE_ID), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, w));
	set(b, F(UE_NET_CAP), s, netcap, sizeof(netcap));
	CU_ASSERT_EQUAL(agw_nas_set(b, F(ESM_CONTAINER), p, (uint16_t)n), 0);
	set(b, F(DRX), s, drx, sizeof(drx));
}

static void
b_attach_accept(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t t3412[] = {0x49}, tai[] = {0x00, 0x02, 0xf8, 0x10, 0xc4, 0xc0};
	struct agw_naseps_mobile_id id;
	const uint8_t *p;
	size_t n;

	eps_guti(&id);
	p = esm_payload(s, MT(ACT_DEFAULT_BEARER_REQUEST), 5, b_act_default_req, &n);
	set_half(b, F(ATTACH_RESULT), 1);
	set(b, F(T3412), s, t3412, 1);
	set(b, F(TAI_LIST), s, tai, sizeof(tai));
	CU_ASSERT_EQUAL(agw_nas_set(b, F(ESM_CONTAINER), p, (uint16_t)n), 0);
	SET_TYPED(b, F(GUTI), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, w));
}

static void
b_attach_complete(struct agw_nas_body *b, struct scratch *s)
{
	const uint8_t *p;
	size_t n;

	p = esm_payload(s, MT(ACT_DEFAULT_BEARER_ACCEPT), 5, b_none, &n);
	CU_ASSERT_EQUAL(agw_nas_set(b, F(ESM_CONTAINER), p, (uint16_t)n), 0);
}

static void
b_detach_ul(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_naseps_mobile_id id;

	eps_guti(&id);
	set_half(b, F(DETACH_TYPE), 0x9); /* switch off, EPS detach */
	set_half(b, F(NAS_KSI), 0);
	SET_TYPED(b, F(MOBILE_ID), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_EPS, w));
}

static void
b_detach_dl(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x07};

	set_half(b, F(DETACH_TYPE), 0x1);
	set(b, F(EMM_CAUSE), s, c, 1);
}

static void
b_auth_req(struct agw_nas_body *b, struct scratch *s)
{
	set_half(b, F(NAS_KSI), 1);
	set(b, F(RAND), s, k_rand, 16);
	set(b, F(AUTN), s, k_autn, 16);
}

static void
b_auth_resp(struct agw_nas_body *b, struct scratch *s)
{
	set(b, F(RES), s, k_rand, 8);
}

static void
b_auth_failure(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x15};

	set(b, F(EMM_CAUSE), s, c, 1);
	set(b, F(AUTH_FAILURE_PARAM), s, k_autn, 14);
}

static void
b_identity_req(struct agw_nas_body *b, struct scratch *s)
{
	(void)s;
	set_half(b, F(IDENTITY_TYPE), 1);
}

static void
b_identity_resp(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_naseps_mobile_id id = {.type = AGW_NASEPS_ID_IMSI};

	strcpy(id.digits, "001010123456815");
	SET_TYPED(b, F(MOBILE_IDENTITY), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_MS, w));
}

static void
b_smc(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t algs[] = {0x02}, cap[] = {0xe0, 0x60};

	set(b, F(NAS_SEC_ALGS), s, algs, 1);
	set_half(b, F(NAS_KSI), 0);
	set(b, F(REPLAYED_UE_SEC_CAP), s, cap, sizeof(cap));
	set_half(b, F(IMEISV_REQUEST), 1);
}

static void
b_smc_complete(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_naseps_mobile_id id = {.type = AGW_NASEPS_ID_IMEISV};

	strcpy(id.digits, "3395684292874145");
	SET_TYPED(b, F(IMEISV), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_MS, w));
}

static void
b_emm_info(struct agw_nas_body *b, struct scratch *s)
{
	/* full name and universal time as in pycrate's EMM information (frame 326) */
	static const uint8_t name[] = {0x00, 0x4f, 0x79, 0xd8, 0x7d, 0x2e, 0x83, 0x8c};
	static const uint8_t ut[] = {0x71, 0x01, 0x91, 0x90, 0x61, 0x61, 0x80};

	set(b, F(FULL_NETWORK_NAME), s, name, sizeof(name));
	set(b, F(UNIVERSAL_TIME), s, ut, sizeof(ut));
}

static void
b_dl_nas(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t cp_ack[] = {0x89, 0x04}; /* SMS CP-ACK (frame 329) */

	set(b, F(NAS_CONTAINER), s, cp_ack, sizeof(cp_ack));
}

static void
b_ext_sr(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_naseps_mobile_id id = {.type = AGW_NASEPS_ID_TMSI, .tmsi = 0xc2e65e9a};

	set_half(b, F(SERVICE_TYPE), 0);
	set_half(b, F(NAS_KSI), 6);
	SET_TYPED(b, F(M_TMSI), s, agw_naseps_mobile_id_encode(&id, AGW_NASEPS_IDF_MS, w));
	set(b, F(EPS_BEARER_CTX_STATUS), s, k_bearers, 2);
}

static void
b_service_accept(struct agw_nas_body *b, struct scratch *s)
{
	set(b, F(EPS_BEARER_CTX_STATUS), s, k_bearers, 2);
}

static void
b_dl_generic(struct agw_nas_body *b, struct scratch *s)
{
	/* LPP container as in srsRAN's test (frame 295) */
	static const uint8_t type[] = {0x01}, lpp[] = {0xf0, 0x00, 0x00, 0x00, 0x08, 0x70};

	set(b, F(GENERIC_CONTAINER_TYPE), s, type, 1);
	set(b, F(GENERIC_CONTAINER), s, lpp, sizeof(lpp));
}

struct msg_case {
	const char *what;
	uint8_t pd;
	uint8_t type;
	uint8_t ebi; /* ESM */
	uint8_t sht; /* 0 plain, 12 SERVICE REQUEST, else protected */
	int dir;
	void (*build)(struct agw_nas_body *b, struct scratch *s);
};

/* clang-format off */
#define EMC(t, sht, dir, fn) {#t, EMM, MT(t), 0, sht, AGW_NASEPS_DIR_##dir, fn}
#define ESC(t, ebi, fn) {#t, ESM, MT(t), ebi, 1, AGW_NASEPS_DIR_UL, fn}
/* clang-format on */

static const struct msg_case cases[] = {
	EMC(TAU_REQUEST, 1, UL, b_tau_req),
	EMC(TAU_REQUEST, 0, UL, b_tau_req),
	EMC(TAU_ACCEPT, 1, DL, b_tau_accept),
	EMC(TAU_COMPLETE, 1, UL, b_none),
	EMC(TAU_REJECT, 0, DL, b_emm_cause),
	EMC(ATTACH_REQUEST, 0, UL, b_attach_req),
	EMC(ATTACH_ACCEPT, 1, DL, b_attach_accept),
	EMC(ATTACH_COMPLETE, 1, UL, b_attach_complete),
	EMC(ATTACH_REJECT, 0, DL, b_emm_cause),
	EMC(DETACH_REQUEST, 1, UL, b_detach_ul),
	EMC(DETACH_REQUEST, 1, DL, b_detach_dl),
	EMC(DETACH_ACCEPT, 1, DL, b_none),
	EMC(AUTHENTICATION_REQUEST, 0, DL, b_auth_req),
	EMC(AUTHENTICATION_RESPONSE, 0, UL, b_auth_resp),
	EMC(AUTHENTICATION_FAILURE, 0, UL, b_auth_failure),
	EMC(AUTHENTICATION_REJECT, 0, DL, b_none),
	EMC(IDENTITY_REQUEST, 0, DL, b_identity_req),
	EMC(IDENTITY_RESPONSE, 0, UL, b_identity_resp),
	EMC(SECURITY_MODE_COMMAND, 3, DL, b_smc),
	EMC(SECURITY_MODE_COMPLETE, 1, UL, b_smc_complete),
	EMC(SECURITY_MODE_REJECT, 0, UL, b_emm_cause),
	EMC(EMM_STATUS, 1, UL, b_emm_cause),
	EMC(EMM_INFORMATION, 1, DL, b_emm_info),
	EMC(DL_NAS_TRANSPORT, 1, DL, b_dl_nas),
	EMC(EXT_SERVICE_REQUEST, 0, UL, b_ext_sr),
	EMC(SERVICE_ACCEPT, 1, DL, b_service_accept),
	EMC(SERVICE_REJECT, 0, DL, b_emm_cause),
	EMC(DL_GENERIC_NAS_TRANSPORT, 1, DL, b_dl_generic),
	{"SERVICE_REQUEST", EMM, 0, 0, 12, AGW_NASEPS_DIR_UL, b_none},
	ESC(PDN_CONNECTIVITY_REQUEST, 0, b_pdn_conn_req),
	ESC(ACT_DEFAULT_BEARER_REQUEST, 5, b_act_default_req),
	ESC(ACT_DEFAULT_BEARER_ACCEPT, 5, b_none),
	ESC(ACT_DEDICATED_BEARER_REQUEST, 6, b_act_dedicated_req),
	ESC(ACT_DEDICATED_BEARER_ACCEPT, 6, b_none),
	ESC(DEACT_BEARER_REQUEST, 6, b_esm_cause),
	ESC(DEACT_BEARER_ACCEPT, 6, b_none),
	ESC(ESM_INFORMATION_REQUEST, 0, b_none),
	ESC(ESM_INFORMATION_RESPONSE, 0, b_esm_info_resp),
	ESC(ESM_STATUS, 0, b_esm_cause),
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static long
encode_case(const struct msg_case *c, uint8_t *out, size_t cap, struct agw_nas_body *b,
	    struct scratch *s)
{
	struct agw_naseps_hdr h = {
		.pd = c->pd, .ebi = c->ebi, .pti = c->pd == ESM ? 1 : 0, .type = c->type};

	sc_init(s);
	if (c->sht == AGW_NASEPS_SHT_SERVICE_REQUEST) {
		agw_nas_body_init(b, NULL);
		return agw_naseps_encode_service_request(5, 8, 0x640c, out, cap);
	}
	agw_nas_body_init(b, agw_naseps_desc(c->pd, c->type, c->dir));
	c->build(b, s);
	if (c->sht == 0)
		return agw_naseps_encode(&h, b, out, cap);
	return agw_naseps_encode_protected(c->sht, 0x11223344, 3, &h, b, out, cap);
}

/* The TAU request in full: every field the builder set, typed. */
static void
check_tau(const struct agw_naseps_msg *m)
{
	const struct agw_nas_ie *ie;
	struct agw_naseps_mobile_id id;
	struct agw_naseps_tai tai;
	struct agw_naseps_ue_net_cap cap;
	struct agw_nas_ksi ksi;
	uint16_t bearers;

	CU_ASSERT_EQUAL(
		agw_naseps_update_type_from_half(agw_nas_get(&m->ies, F(UPDATE_TYPE))->half).type,
		1);
	CU_ASSERT_EQUAL(
		agw_naseps_update_type_from_half(agw_nas_get(&m->ies, F(UPDATE_TYPE))->half).active,
		1);
	ksi = agw_nas_ksi_from_half(agw_nas_get(&m->ies, F(NAS_KSI))->half);
	CU_ASSERT(ksi.tsc == 0 && ksi.ksi == 6);
	ie = agw_nas_get(&m->ies, F(MOBILE_ID));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(agw_naseps_mobile_id_decode(ie->v, ie->len, AGW_NASEPS_IDF_EPS, &id), 0);
	CU_ASSERT(id.type == AGW_NASEPS_ID_GUTI && id.guti.m_tmsi == 0xc2e65e9a);
	ie = agw_nas_get(&m->ies, F(LAST_TAI));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(agw_naseps_tai_decode(ie->v, ie->len, &tai), 0);
	CU_ASSERT_EQUAL(tai.tac, 0xc4c2);
	ie = agw_nas_get(&m->ies, F(UE_NET_CAP));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(agw_naseps_ue_net_cap_decode(ie->v, ie->len, &cap), 0);
	CU_ASSERT(cap.eea == 0xe0 && cap.eia == 0x60);
	CU_ASSERT_EQUAL(agw_naseps_bearer_status(&m->ies, &bearers), 0);
	CU_ASSERT_EQUAL(bearers, 1u << 5);
	CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&m->ies, F(TMSI_STATUS)));
	CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&m->ies, F(UE_STATUS)));
}

static void
test_roundtrip_typed(void)
{
	static uint8_t out[4096];
	static struct scratch s;
	struct agw_nas_body b;
	struct agw_naseps_msg m, inner;
	const struct agw_nas_ie *ie;

	for (size_t i = 0; i < N_CASES; i++) {
		const struct msg_case *c = &cases[i];
		long n = encode_case(c, out, sizeof(out), &b, &s);

		CU_ASSERT(n > 0);
		if (n <= 0) {
			fprintf(stderr, "\n  encode %s: %s\n", c->what, agw_proto_strerror((int)n));
			continue;
		}
		CU_ASSERT_EQUAL(agw_naseps_decode(out, (size_t)n, c->dir, &m), 0);
		CU_ASSERT_EQUAL(m.sec.sht, c->sht);
		if (c->sht == AGW_NASEPS_SHT_SERVICE_REQUEST)
			continue;
		CU_ASSERT_EQUAL(m.hdr.type, c->type);
		CU_ASSERT(bodies_equal(&b, &m.ies));
		if (c->type == MT(TAU_REQUEST) && c->pd == EMM)
			check_tau(&m);
		ie = agw_nas_get(&m.ies, F(ESM_CONTAINER));
		if (ie != NULL) {
			CU_ASSERT_EQUAL(
				agw_naseps_decode(ie->v, ie->len, AGW_NASEPS_DIR_ANY, &inner), 0);
			CU_ASSERT_EQUAL(inner.hdr.pd, ESM);
		}
	}
}

static void
test_tshark(void)
{
	static const char pcap[] = "naseps_encoded.pcap";
	static uint8_t out[4096];
	static struct scratch s;
	struct nas_ts_expect exp[N_CASES];
	struct agw_nas_body b;
	FILE *f = agw_pcap_open(pcap, 147);

	CU_ASSERT_FATAL(f != NULL);
	for (size_t i = 0; i < N_CASES; i++) {
		const struct msg_case *c = &cases[i];
		long n = encode_case(c, out, sizeof(out), &b, &s);

		CU_ASSERT_FATAL(n > 0);
		CU_ASSERT_EQUAL(agw_pcap_write(f, out, (uint32_t)n, (uint32_t)i), 0);
		exp[i].name = c->sht == AGW_NASEPS_SHT_SERVICE_REQUEST
				      ? "Service request"
				      : agw_naseps_msg_name(c->pd, c->type);
		exp[i].type = c->type;
		exp[i].what = c->what;
		exp[i].extraneous_ok = 0;
	}
	fclose(f);
	CU_ASSERT_EQUAL(nas_ts_check(pcap, "nas-eps",
				     "-e nas_eps.nas_msg_emm_type -e nas_eps.nas_msg_esm_type", exp,
				     (int)N_CASES),
			0);
}

/* ------------------------------------------------------------------------ */
/* Real signalling corpus                                                    */
/* ------------------------------------------------------------------------ */

static int
dir_of(const struct agw_real_msg *e)
{
	return e->direction == 0   ? AGW_NASEPS_DIR_UL
	       : e->direction == 1 ? AGW_NASEPS_DIR_DL
				   : AGW_NASEPS_DIR_ANY;
}

static int
check_containers(const struct agw_naseps_msg *m)
{
	static const struct {
		unsigned int f;
		int fmt;
	} ids[] = {{F(MOBILE_ID), AGW_NASEPS_IDF_EPS},	{F(ADDITIONAL_GUTI), AGW_NASEPS_IDF_EPS},
		   {F(GUTI), AGW_NASEPS_IDF_EPS},	{F(MOBILE_IDENTITY), AGW_NASEPS_IDF_MS},
		   {F(MS_IDENTITY), AGW_NASEPS_IDF_MS}, {F(IMEISV), AGW_NASEPS_IDF_MS},
		   {F(M_TMSI), AGW_NASEPS_IDF_MS}};
	const struct agw_nas_ie *ie;
	struct agw_naseps_msg inner;
	struct agw_naseps_mobile_id id;
	struct agw_naseps_ue_net_cap cap;
	struct agw_naseps_tai tai;
	int ok = 1;

	ie = agw_nas_get(&m->ies, F(ESM_CONTAINER));
	if (ie != NULL)
		ok &= agw_naseps_decode(ie->v, ie->len, AGW_NASEPS_DIR_ANY, &inner) == 0 &&
		      inner.hdr.pd == ESM && inner.ies.desc != NULL;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		ie = agw_nas_get(&m->ies, ids[i].f);
		if (ie != NULL)
			ok &= agw_naseps_mobile_id_decode(ie->v, ie->len, ids[i].fmt, &id) == 0;
	}
	ie = agw_nas_get(&m->ies, F(UE_NET_CAP));
	if (ie != NULL)
		ok &= agw_naseps_ue_net_cap_decode(ie->v, ie->len, &cap) == 0;
	ie = agw_nas_get(&m->ies, F(LAST_TAI));
	if (ie != NULL)
		ok &= agw_naseps_tai_decode(ie->v, ie->len, &tai) == 0;
	return ok;
}

static void
test_golden(void)
{
	int n = 0, full = 0, hdr_only = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		char flags[64], a[128], want[128];
		const char *inner, *name;
		struct agw_naseps_msg m;
		int rc, ok, sht;

		if (strcmp(e->proto, "nas-eps") != 0 || !e->tshark_clean)
			continue;
		n++;
		nas_corpus_name(e->name, flags, sizeof(flags), &inner);
		sht = strncmp(flags, "sht", 3) == 0 ? atoi(flags + 3) : 0;
		rc = agw_naseps_decode(e->data, e->len, dir_of(e), &m);
		ok = rc == 0;
		/* a SERVICE REQUEST is its own security header (SHT 12) */
		if (ok && m.sec.sht == AGW_NASEPS_SHT_SERVICE_REQUEST && sht == 0)
			sht = AGW_NASEPS_SHT_SERVICE_REQUEST;
		ok &= m.sec.sht == sht;
		if (ok && m.sec.ciphered) {
			hdr_only++;
		} else if (ok) {
			name = agw_naseps_name(&m);
			nas_norm(inner, want, sizeof(want));
			nas_norm(name != NULL ? name : "", a, sizeof(a));
			ok = strcmp(a, want) == 0 &&
			     (m.ies.desc != NULL || m.sec.sht == AGW_NASEPS_SHT_SERVICE_REQUEST) &&
			     check_containers(&m);
			full += ok;
		}
		if (!ok)
			fprintf(stderr, "\n  frame %d '%s' (%s): rc %s sht %u type 0x%02x\n",
				e->pcap_frame, e->name, e->source, agw_proto_strerror(rc),
				m.sec.sht, m.hdr.type);
		CU_ASSERT(ok);
	}
	fprintf(stderr,
		"\n  nas-eps corpus: %d messages, %d fully decoded, %d ciphered (header only) ", n,
		full, hdr_only);
	CU_ASSERT_EQUAL(n, 58);
	CU_ASSERT_EQUAL(full + hdr_only, n);
}

static void
golden(int frame, struct agw_naseps_msg *m)
{
	const struct agw_real_msg *e = real_frame(frame);

	CU_ASSERT_FATAL(e != NULL);
	CU_ASSERT_EQUAL_FATAL(agw_naseps_decode(e->data, e->len, dir_of(e), m), 0);
}

/*
 * Field values read from tshark 4.0:
 *   tshark -r test/vectors/real-signalling.pcap -Y frame.number==N -V
 */
static void
test_golden_fields(void)
{
	struct agw_naseps_msg m;
	struct agw_naseps_mobile_id id;
	struct agw_naseps_tai tai;
	struct agw_nas_ksi ksi;
	struct agw_naseps_update_type ut;
	const struct agw_nas_ie *ie;
	uint16_t bearers;

	/* Frame 315 (pycrate TAU request): TSC 0, NAS KSI 6, active flag 0,
	 * combined TA/LA updating (1); old GUTI MCC 208 MNC 01, MME group
	 * 32771, MME code 200, M-TMSI 0xc2e65e9a; UE network capability of
	 * length 4; last visited TAI 208/01 TAC 50370; EBI(5) active. */
	golden(315, &m);
	CU_ASSERT_EQUAL(m.hdr.type, MT(TAU_REQUEST));
	ksi = agw_nas_ksi_from_half(agw_nas_get(&m.ies, F(NAS_KSI))->half);
	CU_ASSERT(ksi.tsc == 0 && ksi.ksi == 6);
	ut = agw_naseps_update_type_from_half(agw_nas_get(&m.ies, F(UPDATE_TYPE))->half);
	CU_ASSERT(ut.active == 0 && ut.type == 1);
	ie = agw_nas_get(&m.ies, F(MOBILE_ID));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 11);
	CU_ASSERT_EQUAL_FATAL(agw_naseps_mobile_id_decode(ie->v, ie->len, AGW_NASEPS_IDF_EPS, &id),
			      0);
	CU_ASSERT_EQUAL(id.type, AGW_NASEPS_ID_GUTI);
	CU_ASSERT_STRING_EQUAL(id.guti.plmn.mcc, "208");
	CU_ASSERT_STRING_EQUAL(id.guti.plmn.mnc, "01");
	CU_ASSERT_EQUAL(id.guti.mme_group, 32771);
	CU_ASSERT_EQUAL(id.guti.mme_code, 200);
	CU_ASSERT_EQUAL(id.guti.m_tmsi, 0xc2e65e9au);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(UE_NET_CAP))->len, 4);
	ie = agw_nas_get(&m.ies, F(LAST_TAI));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(agw_naseps_tai_decode(ie->v, ie->len, &tai), 0);
	CU_ASSERT(strcmp(tai.plmn.mcc, "208") == 0 && strcmp(tai.plmn.mnc, "01") == 0);
	CU_ASSERT_EQUAL(tai.tac, 50370);
	CU_ASSERT_EQUAL(agw_naseps_bearer_status(&m.ies, &bearers), 0);
	CU_ASSERT_EQUAL(bearers, 1u << 5);

	/* Frame 343 (magma periodic TAU with active flag): integrity
	 * protected, MAC 0x1f2c605e, sequence number 2; active flag 1,
	 * periodic updating (3), KSI 0; GUTI 001/01 group 1 code 1 M-TMSI 1. */
	golden(343, &m);
	CU_ASSERT(m.sec.sht == 1 && m.sec.mac == 0x1f2c605eu && m.sec.sqn == 2);
	ut = agw_naseps_update_type_from_half(agw_nas_get(&m.ies, F(UPDATE_TYPE))->half);
	CU_ASSERT(ut.active == 1 && ut.type == 3);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(NAS_KSI))->half, 0);
	ie = agw_nas_get(&m.ies, F(MOBILE_ID));
	CU_ASSERT_EQUAL_FATAL(agw_naseps_mobile_id_decode(ie->v, ie->len, AGW_NASEPS_IDF_EPS, &id),
			      0);
	CU_ASSERT(strcmp(id.guti.plmn.mcc, "001") == 0 && strcmp(id.guti.plmn.mnc, "01") == 0);
	CU_ASSERT(id.guti.mme_group == 1 && id.guti.mme_code == 1 && id.guti.m_tmsi == 1);

	/* Frame 297 (srsRAN auth_request_pdu): KSI 1, RAND
	 * 0c63a85413e6a4ced986fbe5ce9b625e, AUTN 6757b3c2b97090010c728a67579252b8. */
	golden(297, &m);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(NAS_KSI))->half, 1);
	ie = agw_nas_get(&m.ies, F(RAND));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 16);
	ASSERT_HEX(ie->v, "0c63a85413e6a4ced986fbe5ce9b625e");
	ie = agw_nas_get(&m.ies, F(AUTN));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 16);
	ASSERT_HEX(ie->v, "6757b3c2b97090010c728a67579252b8");

	/* Frame 309 (open5gs service request): KSI 5, sequence number 8,
	 * short MAC 0x640c. Frame 305: IMSI 001010123456815. */
	golden(309, &m);
	CU_ASSERT(m.sec.sht == 12 && m.sec.ksi == 5 && m.sec.seq == 8 && m.sec.short_mac == 0x640c);
	golden(305, &m);
	ie = agw_nas_get(&m.ies, F(MOBILE_IDENTITY));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL_FATAL(agw_naseps_mobile_id_decode(ie->v, ie->len, AGW_NASEPS_IDF_MS, &id),
			      0);
	CU_ASSERT_EQUAL(id.type, AGW_NASEPS_ID_IMSI);
	CU_ASSERT_STRING_EQUAL(id.digits, "001010123456815");
}

static int
is_prefix(const struct agw_naseps_msg *cut, const struct agw_naseps_msg *full)
{
	const struct agw_nas_msg_desc *d = full->ies.desc;
	int n_cut = cut->ies.n_unknown, n_full = full->ies.n_unknown;

	if (cut->ies.desc != d || d == NULL)
		return 0;
	for (unsigned int i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie *c = &cut->ies.ie[i], *f = &full->ies.ie[i];

		n_full += f->present;
		n_cut += c->present;
		if (c->present && (!f->present || c->len != f->len || c->half != f->half ||
				   (c->len != 0 && memcmp(c->v, f->v, c->len) != 0)))
			return 0;
	}
	return n_cut < n_full;
}

/* As in test_nas5g.c: a cut must fail unless it falls between optional IEs
 * or inside a ciphered payload. */
static void
test_truncation(void)
{
	long cuts = 0, errors = 0, boundary = 0, ciphered = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		struct agw_naseps_msg full, cut;

		if (strcmp(e->proto, "nas-eps") != 0 || !e->tshark_clean)
			continue;
		CU_ASSERT_EQUAL(agw_naseps_decode(e->data, e->len, dir_of(e), &full), 0);
		for (size_t n = 0; n < e->len; n++) {
			uint8_t *buf = malloc(n ? n : 1);
			int rc;

			CU_ASSERT_FATAL(buf != NULL);
			memcpy(buf, e->data, n);
			rc = agw_naseps_decode(buf, n, dir_of(e), &cut);
			cuts++;
			if (rc < 0) {
				errors++;
			} else if (full.sec.ciphered) {
				ciphered++;
				CU_ASSERT(n >= AGW_NASEPS_SEC_HDR_LEN + 2);
			} else if (is_prefix(&cut, &full)) {
				boundary++;
			} else {
				fprintf(stderr, "\n  frame %d cut at %zu decodes (%s)\n",
					e->pcap_frame, n, e->source);
				CU_FAIL("truncated message accepted");
			}
			free(buf);
		}
	}
	fprintf(stderr,
		"\n  %ld cuts: %ld errors, %ld at optional-IE boundaries, %ld inside "
		"ciphered payloads ",
		cuts, errors, boundary, ciphered);
}

/* ------------------------------------------------------------------------ */

static CU_TestInfo tests_codec[] = {
	{"tables follow TS 24.007 11.2", test_tables},
	{"security header, SERVICE REQUEST, ESM header", test_sec_header},
	{"round trip: every table, every row", test_roundtrip_all_tables},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_ies[] = {
	{"EPS mobile identity", test_mobile_id},
	{"TAI, UE network capability, SERVICE REQUEST", test_small_ies},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_msgs[] = {
	{"round trip: TAU request in full, attach, ESM", test_roundtrip_typed},
	{"tshark dissects the encoder output", test_tshark},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_corpus[] = {
	{"golden: every clean corpus message", test_golden},
	{"golden: field values read from tshark", test_golden_fields},
	{"truncation at every length", test_truncation},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"naseps codec", NULL, NULL, NULL, NULL, tests_codec},
	{"naseps typed IEs", NULL, NULL, NULL, NULL, tests_ies},
	{"naseps messages", NULL, NULL, NULL, NULL, tests_msgs},
	{"naseps real signalling", NULL, NULL, NULL, NULL, tests_corpus},
	CU_SUITE_INFO_NULL,
};

int
main(void)
{
	return agw_test_main(suites);
}
