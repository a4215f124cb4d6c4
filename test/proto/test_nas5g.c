/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * NAS-5GS codec tests: message tables, round trips of every message type,
 * typed IEs, the real-signalling corpus (golden bytes, exact fields read
 * from tshark, truncation at every length) and tshark on the encoder output.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "agw_nas5g.h"
#include "agw_naseps.h"
#include "agw_real_signalling.h"
#include "nas_tshark.h"
#include "nas_test_util.h"

#define MM AGW_NAS5G_EPD_5GMM
#define SM AGW_NAS5G_EPD_5GSM
#define F(x) AGW_NAS5G_F_##x

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Tables                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_tables(void)
{
	int n = 0;

	for (unsigned int t = 0; t < 256; t++) {
		for (int k = 0; k < 2; k++) {
			uint8_t epd = k ? SM : MM;
			const struct agw_nas_msg_desc *d = agw_nas5g_desc(epd, (uint8_t)t);

			if (d == NULL)
				continue;
			n++;
			CU_ASSERT(table_ok(d, AGW_NAS5G_F_COUNT_));
			CU_ASSERT_EQUAL(d->type, t);
			CU_ASSERT_PTR_EQUAL(d->name, agw_nas5g_msg_name(epd, (uint8_t)t));
		}
	}
	/* 31 5GMM (all the issue lists) + 5 private 5GMM + 8 5GSM tables */
	CU_ASSERT_EQUAL(n, 44);
	CU_ASSERT_STRING_EQUAL(agw_nas5g_field_name(F(MOBILE_ID)), "5GS mobile identity");
	CU_ASSERT_STRING_EQUAL(agw_nas5g_field_name(9999), "?");
	CU_ASSERT_PTR_NULL(agw_nas5g_msg_name(MM, 0x40));
	CU_ASSERT_PTR_NULL(agw_nas5g_desc(0x2f, 0x41));
	CU_ASSERT_PTR_NOT_NULL(
		agw_nas5g_msg_name(SM, AGW_NAS5G_MT_PDU_SESSION_MODIFICATION_COMMAND));
	CU_ASSERT_PTR_NULL(agw_nas5g_desc(SM, AGW_NAS5G_MT_PDU_SESSION_MODIFICATION_COMMAND));
}

/* ------------------------------------------------------------------------ */
/* Headers                                                                   */
/* ------------------------------------------------------------------------ */

static void
test_sec_header(void)
{
	static const uint8_t prot[] = {0x7e, 0x02, 0xd2, 0xb0, 0x78, 0xf7, 0x01, 0x7e, 0x00, 0x42};
	static const uint8_t plain[] = {0x7e, 0x00, 0x43};
	static const uint8_t sm[] = {0x2e, 0x05, 0x01, 0xd6, 0x24};
	static const uint8_t bad_sht[] = {0x7e, 0x05, 0, 0, 0, 0, 0, 0x7e, 0x00, 0x43};
	static const uint8_t bad_epd[] = {0x0e, 0x00, 0x43};
	static const uint8_t nested[] = {0x7e, 0x01, 0, 0, 0, 1, 2, 0x7e, 0x01, 0x43};
	static const uint8_t prot_sm[] = {0x7e, 0x01, 0, 0, 0, 1, 2, 0x2e, 0x01, 0x01, 0xd4};
	struct agw_nas5g_sec sec;
	struct agw_nas5g_hdr hdr;
	struct agw_nas5g_msg m;

	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(prot, sizeof(prot), &sec), 0);
	CU_ASSERT_EQUAL(sec.sht, AGW_NAS5G_SHT_INTEG_CIPH);
	CU_ASSERT(sec.ciphered);
	CU_ASSERT_EQUAL(sec.mac, 0xd2b078f7u);
	CU_ASSERT_EQUAL(sec.sqn, 1);
	CU_ASSERT_PTR_EQUAL(sec.msg, prot + 7);
	CU_ASSERT_EQUAL(sec.msg_len, 3);
	CU_ASSERT_PTR_EQUAL(sec.mac_input, prot + 6);
	CU_ASSERT_EQUAL(sec.mac_input_len, 4);
	/* a protected header needs a 3-octet inner message */
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(prot, 9, &sec), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(plain, 3, &sec), 0);
	CU_ASSERT_EQUAL(sec.sht, 0);
	CU_ASSERT_PTR_EQUAL(sec.msg, plain);
	CU_ASSERT_PTR_NULL(sec.mac_input);
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(plain, 2, &sec), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(bad_sht, sizeof(bad_sht), &sec),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(bad_epd, sizeof(bad_epd), &sec),
			AGW_PROTO_E_UNKNOWN_TYPE);
	CU_ASSERT_EQUAL(agw_nas5g_sec_decode(sm, sizeof(sm), &sec), 0);
	CU_ASSERT_EQUAL(sec.epd, SM);

	CU_ASSERT_EQUAL(agw_nas5g_hdr_decode(sm, sizeof(sm), &hdr), 0);
	CU_ASSERT_EQUAL(hdr.psi, 5);
	CU_ASSERT_EQUAL(hdr.pti, 1);
	CU_ASSERT_EQUAL(hdr.type, AGW_NAS5G_MT_STATUS_5GSM);
	CU_ASSERT_EQUAL(hdr.hdr_len, 4);
	CU_ASSERT_EQUAL(agw_nas5g_hdr_decode(prot, sizeof(prot), &hdr), AGW_PROTO_E_BAD_VALUE);

	CU_ASSERT_EQUAL(agw_nas5g_decode(nested, sizeof(nested), &m), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(prot_sm, sizeof(prot_sm), &m), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(sm, sizeof(sm), &m), 0);
	CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&m.ies, F(SM_CAUSE)));
}

/* ------------------------------------------------------------------------ */
/* IE engine rules                                                           */
/* ------------------------------------------------------------------------ */

static void
test_unknown_ies(void)
{
	/* Registration complete + unknown type 1 (0xF1), unknown TLV (0x4F),
	 * unknown TLV-E (0x7E), then a known IE (SOR container, 0x73). */
	static const uint8_t ok[] = {0x7e, 0x00, 0x43, 0xf1, 0x4f, 0x02, 0xaa, 0xbb,
				     0x7e, 0x00, 0x01, 0xcc, 0x73, 0x00, 0x11, 0x01,
				     0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
				     0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11};
	/* unknown "comprehension required" IEI 0x05 */
	static const uint8_t creq[] = {0x7e, 0x00, 0x43, 0x05, 0x01, 0x00};
	/* repeated 5GMM cause in DL NAS transport: the second is ignored;
	 * an AUTN of the wrong length in Authentication request is ignored */
	static const uint8_t rep[] = {0x7e, 0x00, 0x68, 0x01, 0x00, 0x01,
				      0xaa, 0x58, 0x07, 0x58, 0x09};
	static const uint8_t badlen[] = {0x7e, 0x00, 0x56, 0x00, 0x02, 0x00,
					 0x00, 0x20, 0x02, 0x01, 0x02};
	/* a mandatory IE of the wrong length fails */
	static const uint8_t mbad[] = {0x7e, 0x00, 0x4c, 0x00, 0x00, 0x01, 0xf4};
	/* Registration reject without its 5GMM cause; cause cut in half */
	static const uint8_t nocause[] = {0x7e, 0x00, 0x44};
	static const uint8_t halfid[] = {0x7e, 0x00, 0x5c, 0x00, 0x0b, 0xf2};
	/* zero padding after the last IE */
	static const uint8_t pad[] = {0x7e, 0x00, 0x5f, 0x24, 0x00, 0x00};
	struct agw_nas5g_msg m;
	const struct agw_nas_ie *ie;

	CU_ASSERT_EQUAL(agw_nas5g_decode(ok, sizeof(ok), &m), 0);
	CU_ASSERT_EQUAL(m.ies.n_unknown, 3);
	ie = agw_nas_get(&m.ies, F(SOR_CONTAINER));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(ie->len, 17);
	CU_ASSERT_EQUAL(agw_nas5g_decode(creq, sizeof(creq), &m), AGW_PROTO_E_UNKNOWN_TYPE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(rep, sizeof(rep), &m), 0);
	ie = agw_nas_get(&m.ies, F(MM_CAUSE));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(ie->v[0], 0x07);
	CU_ASSERT_EQUAL(m.ies.n_ignored, 1);
	CU_ASSERT_EQUAL(agw_nas5g_decode(badlen, sizeof(badlen), &m), 0);
	CU_ASSERT_PTR_NULL(agw_nas_get(&m.ies, F(AUTN)));
	CU_ASSERT_EQUAL(m.ies.n_ignored, 1);
	CU_ASSERT_EQUAL(agw_nas5g_decode(mbad, sizeof(mbad), &m), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_decode(nocause, sizeof(nocause), &m), AGW_PROTO_E_MISSING_IE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(halfid, sizeof(halfid), &m), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_nas5g_decode(pad, sizeof(pad), &m), AGW_PROTO_E_TRAILING);
	CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&m.ies, F(MM_CAUSE)));
}

/* ------------------------------------------------------------------------ */
/* Round trip of every table, every row                                      */
/* ------------------------------------------------------------------------ */

static int
roundtrip_one(uint8_t epd, uint8_t type, int variant, uint8_t sht)
{
	const struct agw_nas_msg_desc *d = agw_nas5g_desc(epd, type);
	struct agw_nas5g_hdr h = {.epd = epd, .psi = 5, .pti = 0x81, .type = type};
	static uint8_t pat[4096], out[8192];
	struct agw_nas_body b;
	struct agw_nas5g_msg m;
	long n;
	int ok = 1;

	pattern(pat, sizeof(pat), (uint8_t)(type + variant));
	fill_all(d, &b, pat, variant);
	if (sht == 0)
		n = agw_nas5g_encode(&h, &b, out, sizeof(out));
	else
		n = agw_nas5g_encode_protected(sht, 0x01020304, 0x2a, &h, &b, out, sizeof(out));
	CU_ASSERT(n > 0);
	if (n <= 0)
		return 0;
	ok &= agw_nas5g_decode(out, (size_t)n, &m) == 0;
	ok &= m.sec.sht == sht;
	if (sht != 0)
		ok &= m.sec.mac == 0x01020304 && m.sec.sqn == 0x2a;
	if (m.sec.ciphered)
		return ok; /* header only */
	ok &= m.hdr.epd == epd && m.hdr.type == type;
	if (epd == SM)
		ok &= m.hdr.psi == 5 && m.hdr.pti == 0x81;
	ok &= bodies_equal(&b, &m.ies);
	/* re-encoding the decoded body gives the same octets */
	if (sht == 0) {
		static uint8_t again[8192];

		ok &= agw_nas5g_encode(&h, &m.ies, again, sizeof(again)) == n;
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
	int n = 0;

	for (unsigned int t = 0; t < 256; t++) {
		if (agw_nas5g_desc(MM, (uint8_t)t) != NULL) {
			for (uint8_t sht = 0; sht <= 4; sht++) {
				CU_ASSERT(roundtrip_one(MM, (uint8_t)t, 0, sht));
				CU_ASSERT(roundtrip_one(MM, (uint8_t)t, 1, sht));
			}
			n++;
		}
		if (agw_nas5g_desc(SM, (uint8_t)t) != NULL) {
			CU_ASSERT(roundtrip_one(SM, (uint8_t)t, 0, 0));
			CU_ASSERT(roundtrip_one(SM, (uint8_t)t, 1, 0));
			n++;
		}
	}
	CU_ASSERT_EQUAL(n, 44); /* 36 5GMM (5 private) + 8 5GSM */
}

static void
test_encode_errors(void)
{
	const struct agw_nas_msg_desc *d = agw_nas5g_desc(MM, AGW_NAS5G_MT_AUTHENTICATION_FAILURE);
	struct agw_nas5g_hdr h = {.epd = MM, .type = AGW_NAS5G_MT_AUTHENTICATION_FAILURE};
	static const uint8_t cause = 21, auts[13] = {0};
	struct agw_nas_body b;
	uint8_t out[64];

	agw_nas_body_init(&b, d);
	CU_ASSERT_EQUAL(agw_nas5g_encode(&h, &b, out, sizeof(out)), AGW_PROTO_E_MISSING_IE);
	CU_ASSERT_EQUAL(agw_nas_set(&b, F(MM_CAUSE), &cause, 1), 0);
	CU_ASSERT_EQUAL(agw_nas_set(&b, F(AUTH_FAILURE_PARAM), auts, 13), 0);
	CU_ASSERT_EQUAL(agw_nas5g_encode(&h, &b, out, sizeof(out)), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas_set(&b, F(AUTH_FAILURE_PARAM), auts, 0), 0);
	b.ie[1].present = 0;
	CU_ASSERT_EQUAL(agw_nas5g_encode(&h, &b, out, 3), AGW_PROTO_E_NO_SPACE);
	CU_ASSERT_EQUAL(agw_nas5g_encode(&h, &b, out, sizeof(out)), 4);
	CU_ASSERT_EQUAL(agw_nas_set(&b, F(RAND), auts, 1), AGW_PROTO_E_UNKNOWN_TYPE);
	CU_ASSERT_EQUAL(agw_nas_set_half(&b, F(MM_CAUSE), 1), AGW_PROTO_E_BAD_VALUE);
	h.type = AGW_NAS5G_MT_SECURITY_MODE_REJECT; /* header does not match the table */
	CU_ASSERT_EQUAL(agw_nas5g_encode(&h, &b, out, sizeof(out)), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_encode_protected(5, 0, 0, &h, &b, out, sizeof(out)),
			AGW_PROTO_E_BAD_VALUE);
}

/* ------------------------------------------------------------------------ */
/* Typed IEs                                                                 */
/* ------------------------------------------------------------------------ */

static void
mobile_id_roundtrip(const struct agw_nas5g_mobile_id *in, size_t want_len)
{
	uint8_t buf[128];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));
	struct agw_nas5g_mobile_id out;
	size_t n;

	CU_ASSERT_EQUAL_FATAL(agw_nas5g_mobile_id_encode(in, &w), 0);
	n = (size_t)agw_wr_result(&w);
	CU_ASSERT_EQUAL(n, want_len);
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_mobile_id_decode(buf, n, &out), 0);
	CU_ASSERT_EQUAL(out.type, in->type);
	switch (in->type) {
	case AGW_NAS5G_ID_SUCI:
		CU_ASSERT_STRING_EQUAL(out.u.suci.plmn.mcc, in->u.suci.plmn.mcc);
		CU_ASSERT_STRING_EQUAL(out.u.suci.plmn.mnc, in->u.suci.plmn.mnc);
		CU_ASSERT_STRING_EQUAL(out.u.suci.rid, in->u.suci.rid);
		CU_ASSERT_EQUAL(out.u.suci.scheme, in->u.suci.scheme);
		CU_ASSERT_EQUAL(out.u.suci.hn_key_id, in->u.suci.hn_key_id);
		if (in->u.suci.out == NULL) {
			CU_ASSERT_STRING_EQUAL(out.u.suci.msin, in->u.suci.msin);
		} else {
			AGW_ASSERT_MEM_EQ(out.u.suci.out, in->u.suci.out, in->u.suci.out_len);
		}
		break;
	case AGW_NAS5G_ID_GUTI:
	case AGW_NAS5G_ID_S_TMSI:
		CU_ASSERT_STRING_EQUAL(out.u.guti.plmn.mcc, in->u.guti.plmn.mcc);
		CU_ASSERT_STRING_EQUAL(out.u.guti.plmn.mnc, in->u.guti.plmn.mnc);
		CU_ASSERT_EQUAL(out.u.guti.amf_region, in->u.guti.amf_region);
		CU_ASSERT_EQUAL(out.u.guti.amf_set, in->u.guti.amf_set);
		CU_ASSERT_EQUAL(out.u.guti.amf_ptr, in->u.guti.amf_ptr);
		CU_ASSERT_EQUAL(out.u.guti.tmsi, in->u.guti.tmsi);
		break;
	case AGW_NAS5G_ID_IMEI:
	case AGW_NAS5G_ID_IMEISV:
		CU_ASSERT_STRING_EQUAL(out.u.digits, in->u.digits);
		break;
	default:
		break;
	}
}

static void
suci_null(struct agw_nas5g_mobile_id *id)
{
	memset(id, 0, sizeof(*id));
	id->type = AGW_NAS5G_ID_SUCI;
	strcpy(id->u.suci.plmn.mcc, "001");
	strcpy(id->u.suci.plmn.mnc, "01");
	strcpy(id->u.suci.rid, "0");
	strcpy(id->u.suci.msin, "0000000001");
}

static void
guti(struct agw_nas5g_mobile_id *id, int s_tmsi)
{
	memset(id, 0, sizeof(*id));
	id->type = s_tmsi ? AGW_NAS5G_ID_S_TMSI : AGW_NAS5G_ID_GUTI;
	if (!s_tmsi) {
		strcpy(id->u.guti.plmn.mcc, "208");
		strcpy(id->u.guti.plmn.mnc, "930");
		id->u.guti.amf_region = 0xca;
	}
	id->u.guti.amf_set = 0x3fe;
	id->u.guti.amf_ptr = 0x21;
	id->u.guti.tmsi = 0xdeadbeef;
}

static void
test_mobile_id(void)
{
	static uint8_t out_a[45], out_b[46];
	struct agw_nas5g_mobile_id id, d;
	/* SUCI with a bad digit, 5G-GUTI too short, IMEI with wrong parity,
	 * profile B output that is no compressed point */
	static const uint8_t bad_mcc[] = {0x01, 0x0a, 0xf1, 0x10, 0xf0, 0xff, 0x00, 0x00, 0x21};
	static const uint8_t short_guti[] = {0xf2, 0x00, 0xf1, 0x10, 0x01, 0x00};
	static const uint8_t imei_even[] = {0x33, 0x54, 0x76, 0x98, 0x10, 0x32, 0x54, 0x76};
	uint8_t bad_b[8 + 46];

	suci_null(&id);
	mobile_id_roundtrip(&id, 13);
	strcpy(id.u.suci.plmn.mnc, "456");
	strcpy(id.u.suci.rid, "1234");
	strcpy(id.u.suci.msin, "123456789");
	mobile_id_roundtrip(&id, 13);
	pattern(out_a, sizeof(out_a), 3);
	id.u.suci.scheme = AGW_NAS5G_SCHEME_PROFILE_A;
	id.u.suci.hn_key_id = 9;
	id.u.suci.out = out_a;
	id.u.suci.out_len = sizeof(out_a);
	mobile_id_roundtrip(&id, 8 + 45);
	pattern(out_b, sizeof(out_b), 4);
	out_b[0] = 0x03;
	id.u.suci.scheme = AGW_NAS5G_SCHEME_PROFILE_B;
	id.u.suci.out = out_b;
	id.u.suci.out_len = sizeof(out_b);
	mobile_id_roundtrip(&id, 8 + 46);
	guti(&id, 0);
	mobile_id_roundtrip(&id, 11);
	guti(&id, 1);
	mobile_id_roundtrip(&id, 7);
	memset(&id, 0, sizeof(id));
	id.type = AGW_NAS5G_ID_IMEI;
	strcpy(id.u.digits, "490154203237518");
	mobile_id_roundtrip(&id, 8);
	id.type = AGW_NAS5G_ID_IMEISV;
	strcpy(id.u.digits, "4901542032375181");
	mobile_id_roundtrip(&id, 9);
	id.type = AGW_NAS5G_ID_NONE;
	mobile_id_roundtrip(&id, 1);

	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(bad_mcc, sizeof(bad_mcc), &d),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(short_guti, sizeof(short_guti), &d),
			AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(imei_even, sizeof(imei_even), &d),
			AGW_PROTO_E_BAD_LENGTH);
	memcpy(bad_b, (const uint8_t[]){0x01, 0x00, 0xf1, 0x10, 0xf0, 0xff, 0x02, 0x01}, 8);
	memcpy(bad_b + 8, out_b, sizeof(out_b));
	bad_b[8] = 0x04; /* uncompressed point prefix: not allowed in profile B */
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(bad_b, sizeof(bad_b), &d),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(bad_b, 8 + 40, &d), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(bad_b, 0, &d), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(bad_b, 5, &d), AGW_PROTO_E_TRUNCATED);
}

static void
test_small_ies(void)
{
	struct agw_nas5g_ue_sec_cap c = {.ea = 0xf0,
					 .ia = 0x70,
					 .eea = 0xf0,
					 .eia = 0x70,
					 .len = 4},
				    c2;
	struct agw_nas5g_ue_status st;
	struct agw_nas_plmn p = {"310", "410"}, p2;
	struct agw_nas_eap eap;
	uint8_t buf[16], plmn[3];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));
	static const uint8_t eap_req[] = {0x01, 0x07, 0x00, 0x06, 0x32, 0xaa};
	static const uint8_t eap_bad[] = {0x01, 0x07, 0x00, 0x09, 0x32, 0xaa};
	static const uint8_t eap_succ[] = {0x03, 0x07, 0x00, 0x04};
	static const uint8_t st1[] = {0x03};

	CU_ASSERT_EQUAL(agw_nas5g_ue_sec_cap_encode(&c, &w), 0);
	CU_ASSERT_EQUAL(agw_nas5g_ue_sec_cap_decode(buf, 4, &c2), 0);
	CU_ASSERT(c2.ea == 0xf0 && c2.ia == 0x70 && c2.eea == 0xf0 && c2.eia == 0x70 &&
		  c2.len == 4);
	CU_ASSERT_EQUAL(agw_nas5g_ue_sec_cap_decode(buf, 1, &c2), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_ue_status_decode(st1, 1, &st), 0);
	CU_ASSERT(st.s1_registered == 1 && st.n1_registered == 1);
	CU_ASSERT_EQUAL(agw_nas_plmn_encode(&p, plmn), 0);
	ASSERT_HEX(plmn, "130014"); /* TS 24.008 10.5.1.13 layout: 310/410 */
	CU_ASSERT_EQUAL(agw_nas_plmn_decode(plmn, &p2), 0);
	CU_ASSERT_STRING_EQUAL(p2.mcc, "310");
	CU_ASSERT_STRING_EQUAL(p2.mnc, "410");
	CU_ASSERT_EQUAL(agw_nas_eap_decode(eap_req, sizeof(eap_req), &eap), 0);
	CU_ASSERT(eap.code == 1 && eap.id == 7 && eap.type == 0x32 && eap.data_len == 1);
	CU_ASSERT_EQUAL(agw_nas_eap_decode(eap_bad, sizeof(eap_bad), &eap), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas_eap_decode(eap_succ, sizeof(eap_succ), &eap), 0);
	CU_ASSERT_EQUAL(agw_nas_eap_decode(eap_succ, 3, &eap), AGW_PROTO_E_TRUNCATED);
	CU_ASSERT_EQUAL(agw_nas5g_sec_algs_encode(agw_nas5g_sec_algs_decode(0x21)), 0x21);
	CU_ASSERT_EQUAL(agw_nas_ksi_to_half(agw_nas_ksi_from_half(0x0e)), 0x0e);
}

static void
test_ssi(void)
{
	struct agw_nas5g_ssi s = {.ordered = 1, .one_by_one = 0, .n = 2}, d;
	struct agw_nas5g_ue_svc_cap cap = {.mm_cap = 0x3, .sm_cap = 0x15, .has_sm = 1}, cap2;
	uint8_t buf[32];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));
	static const uint8_t even[] = {0x01, 0x01};
	static const uint8_t dup[] = {0x00, 0x01, 0x00, 0x01, 0x80};
	static const uint8_t mm_secauth[] = {0x00, 0x04, 0x80};
	static const uint8_t reserved[] = {0x00, 0x06, 0x80};
	static const uint8_t oper[] = {0x02, 0xf3, 0xe0};
	uint8_t nine[1 + 18] = {0};

	s.e[0] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DH, 0, 0, 1};
	s.e[1] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DEVAUTH, 1, 0, 0};
	CU_ASSERT_EQUAL(agw_nas5g_ssi_encode(&s, AGW_NAS5G_SSI_MM, &w), 0);
	CU_ASSERT_EQUAL(agw_wr_result(&w), 5);
	ASSERT_HEX(buf, "0101200280");
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(buf, 5, AGW_NAS5G_SSI_MM, &d), 0);
	CU_ASSERT(d.ordered == 1 && d.one_by_one == 0 && d.n == 2);
	CU_ASSERT(d.e[0].code == 1 && d.e[0].mandatory == 1 && d.e[0].ue_init == 0);
	CU_ASSERT(d.e[1].code == 2 && d.e[1].ue_init == 1 && d.e[1].mandatory == 0);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(buf, 0, AGW_NAS5G_SSI_MM, &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(even, 2, AGW_NAS5G_SSI_MM, &d),
			AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(dup, 5, AGW_NAS5G_SSI_SM, &d), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(mm_secauth, 3, AGW_NAS5G_SSI_MM, &d),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(mm_secauth, 3, AGW_NAS5G_SSI_SM, &d), 0);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(reserved, 3, AGW_NAS5G_SSI_SM, &d),
			AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(oper, 3, AGW_NAS5G_SSI_MM, &d), 0);
	CU_ASSERT(d.one_by_one == 1 && d.e[0].code == 0xf3 && d.e[0].default_init == 1);
	for (int i = 0; i < 9; i++)
		nine[1 + 2 * i] = (uint8_t)(0xf0 + i);
	CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(nine, sizeof(nine), AGW_NAS5G_SSI_SM, &d),
			AGW_PROTO_E_BAD_LENGTH);
	w = agw_wr_init(buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_nas5g_ue_svc_cap_encode(&cap, &w), 0);
	CU_ASSERT_EQUAL(agw_nas5g_ue_svc_cap_decode(buf, 2, &cap2), 0);
	CU_ASSERT(cap2.mm_cap == 3 && cap2.sm_cap == 0x15 && cap2.has_sm == 1);
	buf[0] = 0xff; /* bits beyond the MM codes are ignored */
	CU_ASSERT_EQUAL(agw_nas5g_ue_svc_cap_decode(buf, 1, &cap2), 0);
	CU_ASSERT(cap2.mm_cap == 3 && cap2.has_sm == 0);
	CU_ASSERT_EQUAL(agw_nas5g_ue_svc_cap_decode(buf, 3, &cap2), AGW_PROTO_E_BAD_LENGTH);
}

static void
akma(struct agw_nas5g_akma_id *a)
{
	memset(a, 0, sizeof(*a));
	strcpy(a->rid, "1234");
	for (int i = 0; i < 16; i++)
		a->tid[i] = (uint8_t)(0xa0 + i);
	a->tid_len = 16;
	strcpy(a->plmn.mcc, "001");
	strcpy(a->plmn.mnc, "01");
	a->akma_label = 1;
}

static void
test_akma_id(void)
{
	static const char canon[] = "rid1234.tida0a1a2a3a4a5a6a7a8a9aaabacadaeaf@akma.5gc.mnc001."
				    "mcc001.3gppnetwork.org";
	static const char *const bad[] = {
		"rid1234.tidA0@5gc.mnc001.mcc001.3gppnetwork.org",  /* upper-case hex */
		"rid12345.tida0@5gc.mnc001.mcc001.3gppnetwork.org", /* RID too long */
		"tida0.rid1@5gc.mnc001.mcc001.3gppnetwork.org",	    /* order */
		"rid1.tida0@5gc.mnc01.mcc001.3gppnetwork.org",	    /* 2-digit MNC */
		"rid1.tida0@5gc.mnc001.mcc001.3gppnetwork.org.",    /* trailing label */
		"rid1.tida0.x@5gc.mnc001.mcc001.3gppnetwork.org",   /* extra label */
		"rid1.tida@5gc.mnc001.mcc001.3gppnetwork.org",	    /* odd hex */
		"rid1.tida0@5gc.mnc001.mcc001.3gppnetwork.org@x",   /* two @ */
		"rid1.tida0",					    /* no realm */
	};
	struct agw_nas5g_akma_id a, d;
	uint8_t buf[300];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));
	long n;

	akma(&a);
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_encode(&a, &w), 0);
	n = agw_wr_result(&w);
	CU_ASSERT_EQUAL(n, (long)strlen(canon));
	AGW_ASSERT_MEM_EQ(buf, canon, strlen(canon));
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_decode(buf, (size_t)n, &d), 0);
	CU_ASSERT_STRING_EQUAL(d.rid, "1234");
	CU_ASSERT_EQUAL(d.tid_len, 16);
	AGW_ASSERT_MEM_EQ(d.tid, a.tid, 16);
	CU_ASSERT_STRING_EQUAL(d.plmn.mcc, "001");
	CU_ASSERT_STRING_EQUAL(d.plmn.mnc, "001"); /* 3 digits on the wire */
	CU_ASSERT(d.akma_label == 1 && d.af[0] == '\0' && d.aanf[0] == '\0');
	/* with AF and AAnF labels, no "akma." label */
	strcpy(a.af, "af7");
	strcpy(a.aanf, "2");
	a.akma_label = 0;
	w = agw_wr_init(buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_encode(&a, &w), 0);
	n = agw_wr_result(&w);
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_decode(buf, (size_t)n, &d), 0);
	CU_ASSERT_STRING_EQUAL(d.af, "af7");
	CU_ASSERT_STRING_EQUAL(d.aanf, "2");
	CU_ASSERT_EQUAL(d.akma_label, 0);
	CU_ASSERT_EQUAL(memcmp(buf, "afaf7.aanf2.rid1234.tid", 23), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = agw_nas5g_akma_id_decode((const uint8_t *)bad[i], strlen(bad[i]), &d);

		if (rc == 0)
			fprintf(stderr, "\n  accepted bad AKMA id %s\n", bad[i]);
		CU_ASSERT(rc != 0);
	}
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_decode(buf, 0, &d), AGW_PROTO_E_BAD_LENGTH);
	strcpy(a.af, "A"); /* upper case refused by the encoder too */
	w = agw_wr_init(buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_nas5g_akma_id_encode(&a, &w), AGW_PROTO_E_BAD_VALUE);
}

static void
test_relay_params(void)
{
	uint8_t v[60];
	struct agw_nas5g_relay_key_req q;
	struct agw_nas5g_relay_key_resp r;

	pattern(v, sizeof(v), 1);
	CU_ASSERT_EQUAL(agw_nas5g_relay_key_req_decode(v, 27, &q), 0);
	CU_ASSERT(q.rsc == v && q.nonce1 == v + 3 && q.ue_id == v + 19 && q.ue_id_len == 8);
	CU_ASSERT_EQUAL(agw_nas5g_relay_key_req_decode(v, 19, &q), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_relay_key_resp_decode(v, 52, &r), 0);
	CU_ASSERT(r.k_nr_prose == v && r.nonce2 == v + 32 && r.cp_pruk_id == v + 48 &&
		  r.cp_pruk_id_len == 4);
	CU_ASSERT_EQUAL(agw_nas5g_relay_key_resp_decode(v, 48, &r), 0);
	CU_ASSERT_PTR_NULL(r.cp_pruk_id);
	CU_ASSERT_EQUAL(agw_nas5g_relay_key_resp_decode(v, 47, &r), AGW_PROTO_E_BAD_LENGTH);
}

/* ------------------------------------------------------------------------ */
/* Messages with meaningful values (round trip + tshark)                      */
/* ------------------------------------------------------------------------ */

static const uint8_t k_rand[16] = {0x16, 0x46, 0x24, 0x32, 0x75, 0xb8, 0xb9, 0xc7,
				   0x18, 0xb6, 0x05, 0xc6, 0xff, 0x03, 0x96, 0x71};
static const uint8_t k_autn[16] = {0xa3, 0x09, 0x26, 0xe4, 0x2e, 0xea, 0x80, 0x00,
				   0xf6, 0x87, 0xd5, 0xba, 0xa2, 0xd9, 0x56, 0xed};
static const uint8_t k_dnn[] = {0x08, 'i', 'n', 't', 'e', 'r', 'n', 'e', 't'};
static const uint8_t k_eap_success[] = {0x03, 0x01, 0x00, 0x04};
static const uint8_t k_eap_failure[] = {0x04, 0x01, 0x00, 0x04};

static void
build_mm_ssi(struct agw_nas5g_ssi *s)
{
	memset(s, 0, sizeof(*s));
	s->ordered = 1;
	s->n = 2;
	s->e[0] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DH, 0, 0, 1};
	s->e[1] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DEVAUTH, 1, 0, 1};
}

static void
b_reg_req(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ue_sec_cap c = {.ea = 0xf0, .ia = 0x70, .len = 2};
	struct agw_nas5g_ue_svc_cap svc = {.mm_cap = 3, .sm_cap = 0x1f, .has_sm = 1};
	static const uint8_t ue_status[] = {0x01};

	suci_null(&id);
	set_half(b, F(REG_TYPE), 0x9);
	set_half(b, F(NGKSI), 7);
	SET_TYPED(b, F(MOBILE_ID), s, agw_nas5g_mobile_id_encode(&id, w));
	SET_TYPED(b, F(UE_SEC_CAP), s, agw_nas5g_ue_sec_cap_encode(&c, w));
	set(b, F(UE_STATUS), s, ue_status, 1);
	SET_TYPED(b, F(UE_SEC_SVC_CAP), s, agw_nas5g_ue_svc_cap_encode(&svc, w));
}

static void
b_reg_accept(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t result[] = {0x01}, tai[] = {0x00, 0x02, 0xf8, 0x39, 0x00, 0x00, 0x01};
	static const uint8_t nssai[] = {0x01, 0x01}, t3512[] = {0x06};
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ssi ssi;
	struct agw_nas5g_akma_id a;

	guti(&id, 0);
	build_mm_ssi(&ssi);
	akma(&a);
	set(b, F(REG_RESULT), s, result, 1);
	SET_TYPED(b, F(GUTI), s, agw_nas5g_mobile_id_encode(&id, w));
	set(b, F(TAI_LIST), s, tai, sizeof(tai));
	set(b, F(ALLOWED_NSSAI), s, nssai, sizeof(nssai));
	set(b, F(T3512), s, t3512, 1);
	SET_TYPED(b, F(MM_SSI), s, agw_nas5g_ssi_encode(&ssi, AGW_NAS5G_SSI_MM, w));
	SET_TYPED(b, F(AKMA_ID), s, agw_nas5g_akma_id_encode(&a, w));
}

static void
b_none(struct agw_nas_body *b, struct scratch *s)
{
	(void)b;
	(void)s;
}

static void
b_cause7(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x07};

	set(b, F(MM_CAUSE), s, c, 1);
}

static void
b_dereg_orig(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_nas5g_mobile_id id;

	guti(&id, 0);
	set_half(b, F(DEREG_TYPE), 0x1);
	set_half(b, F(NGKSI), 0);
	SET_TYPED(b, F(MOBILE_ID), s, agw_nas5g_mobile_id_encode(&id, w));
}

static void
b_dereg_term(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x0b};

	set_half(b, F(DEREG_TYPE), 0x5);
	set(b, F(MM_CAUSE), s, c, 1);
}

static void
b_service_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t st[] = {0x20, 0x00};
	struct agw_nas5g_mobile_id id;

	guti(&id, 1);
	set_half(b, F(NGKSI), 1);
	set_half(b, F(SERVICE_TYPE), 1);
	SET_TYPED(b, F(S_TMSI), s, agw_nas5g_mobile_id_encode(&id, w));
	set(b, F(UL_DATA_STATUS), s, st, 2);
	set(b, F(PDU_SESSION_STATUS), s, st, 2);
}

static void
b_service_accept(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t st[] = {0x20, 0x00};

	set(b, F(PDU_SESSION_STATUS), s, st, 2);
}

static void
b_service_reject(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x0a};

	set(b, F(MM_CAUSE), s, c, 1);
}

static void
b_cuc(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t tz[] = {0x40};
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ssi ssi;
	struct agw_nas5g_akma_id a;

	guti(&id, 0);
	build_mm_ssi(&ssi);
	akma(&a);
	strcpy(a.aanf, "7");
	set_half(b, F(CONFIG_UPDATE_IND), 1);
	SET_TYPED(b, F(GUTI), s, agw_nas5g_mobile_id_encode(&id, w));
	set(b, F(LOCAL_TIME_ZONE), s, tz, 1);
	SET_TYPED(b, F(MM_SSI), s, agw_nas5g_ssi_encode(&ssi, AGW_NAS5G_SSI_MM, w));
	SET_TYPED(b, F(AKMA_ID), s, agw_nas5g_akma_id_encode(&a, w));
}

static void
b_auth_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t abba[] = {0x00, 0x00};

	set_half(b, F(NGKSI), 2);
	set(b, F(ABBA), s, abba, 2);
	set(b, F(RAND), s, k_rand, 16);
	set(b, F(AUTN), s, k_autn, 16);
}

static void
b_auth_resp(struct agw_nas_body *b, struct scratch *s)
{
	set(b, F(AUTH_RESPONSE_PARAM), s, k_autn, 16);
}

static void
b_auth_result(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t abba[] = {0x00, 0x00};

	set_half(b, F(NGKSI), 2);
	set(b, F(EAP_MESSAGE), s, k_eap_success, sizeof(k_eap_success));
	set(b, F(ABBA), s, abba, 2);
}

static void
b_auth_failure(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x15};

	set(b, F(MM_CAUSE), s, c, 1);
	set(b, F(AUTH_FAILURE_PARAM), s, k_autn, 14);
}

static void
b_auth_reject(struct agw_nas_body *b, struct scratch *s)
{
	set(b, F(EAP_MESSAGE), s, k_eap_failure, sizeof(k_eap_failure));
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
	struct agw_nas5g_mobile_id id;
	uint8_t out[45];

	suci_null(&id);
	strcpy(id.u.suci.plmn.mcc, "222");
	strcpy(id.u.suci.plmn.mnc, "456");
	pattern(out, sizeof(out), 0x11);
	id.u.suci.scheme = AGW_NAS5G_SCHEME_PROFILE_A;
	id.u.suci.hn_key_id = 1;
	id.u.suci.out = out;
	id.u.suci.out_len = sizeof(out);
	SET_TYPED(b, F(MOBILE_ID), s, agw_nas5g_mobile_id_encode(&id, w));
}

static void
b_smc(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t algs[] = {0x02}, cap[] = {0xf0, 0x70}, info[] = {0x01};

	set(b, F(NAS_SEC_ALGS), s, algs, 1);
	set_half(b, F(NGKSI), 0);
	set(b, F(REPLAYED_UE_SEC_CAP), s, cap, 2);
	set_half(b, F(IMEISV_REQUEST), 1);
	set(b, F(ADDITIONAL_SEC_INFO), s, info, 1);
}

static void
b_smc_complete(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_nas5g_hdr h = {.epd = MM, .type = AGW_NAS5G_MT_REGISTRATION_REQUEST};
	struct agw_nas5g_mobile_id id;
	struct agw_nas_body inner;
	static uint8_t rr[256];
	long n;

	memset(&id, 0, sizeof(id));
	id.type = AGW_NAS5G_ID_IMEISV;
	strcpy(id.u.digits, "4370816125816151");
	SET_TYPED(b, F(IMEISV), s, agw_nas5g_mobile_id_encode(&id, w));
	agw_nas_body_init(&inner, agw_nas5g_desc(MM, h.type));
	b_reg_req(&inner, s);
	n = agw_nas5g_encode(&h, &inner, rr, sizeof(rr));
	CU_ASSERT_FATAL(n > 0);
	set(b, F(NAS_MSG_CONTAINER), s, rr, (size_t)n);
}

static void
b_smc_reject(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x18};

	set(b, F(MM_CAUSE), s, c, 1);
}

static void
b_status(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x60};

	set(b, F(MM_CAUSE), s, c, 1);
}

static void b_pdu_est_req(struct agw_nas_body *b, struct scratch *s);
static void b_pdu_est_accept(struct agw_nas_body *b, struct scratch *s);

/* A 5GSM message encoded into scratch, for a payload container. */
static const uint8_t *
sm_payload(struct scratch *s, uint8_t type, void (*build)(struct agw_nas_body *, struct scratch *),
	   size_t *len)
{
	struct agw_nas5g_hdr h = {.epd = SM, .psi = 5, .pti = 1, .type = type};
	struct agw_nas_body b;
	uint8_t tmp[512];
	long n;

	agw_nas_body_init(&b, agw_nas5g_desc(SM, type));
	build(&b, s);
	n = agw_nas5g_encode(&h, &b, tmp, sizeof(tmp));
	CU_ASSERT_FATAL(n > 0);
	*len = (size_t)n;
	return sc_put(s, tmp, (size_t)n);
}

static void
b_ul_nas(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t psi[] = {0x05}, snssai[] = {0x01};
	const uint8_t *p;
	size_t n;

	p = sm_payload(s, AGW_NAS5G_MT_PDU_SESSION_ESTABLISHMENT_REQUEST, b_pdu_est_req, &n);
	set_half(b, F(PAYLOAD_CONTAINER_TYPE), 1);
	CU_ASSERT_EQUAL(agw_nas_set(b, F(PAYLOAD_CONTAINER), p, (uint16_t)n), 0);
	set(b, F(PDU_SESSION_ID), s, psi, 1);
	set_half(b, F(REQUEST_TYPE), 1);
	set(b, F(S_NSSAI), s, snssai, 1);
	set(b, F(DNN), s, k_dnn, sizeof(k_dnn));
}

static void
b_dl_nas(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t psi[] = {0x05};
	const uint8_t *p;
	size_t n;

	p = sm_payload(s, AGW_NAS5G_MT_PDU_SESSION_ESTABLISHMENT_ACCEPT, b_pdu_est_accept, &n);
	set_half(b, F(PAYLOAD_CONTAINER_TYPE), 1);
	CU_ASSERT_EQUAL(agw_nas_set(b, F(PAYLOAD_CONTAINER), p, (uint16_t)n), 0);
	set(b, F(PDU_SESSION_ID), s, psi, 1);
}

static void
b_relay_key_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t prti[] = {0x01};
	uint8_t p[3 + 16 + 8];

	pattern(p, sizeof(p), 0x31);
	set(b, F(PRTI), s, prti, 1);
	set(b, F(RELAY_KEY_REQUEST_PARAMS), s, p, sizeof(p));
}

static void
b_relay_key_accept(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t prti[] = {0x01};
	uint8_t p[32 + 16 + 4];

	pattern(p, sizeof(p), 0x41);
	set(b, F(PRTI), s, prti, 1);
	set(b, F(RELAY_KEY_RESPONSE_PARAMS), s, p, sizeof(p));
	set(b, F(EAP_MESSAGE), s, k_eap_success, sizeof(k_eap_success));
}

static void
b_relay_key_reject(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t prti[] = {0x01};

	set(b, F(PRTI), s, prti, 1);
	set(b, F(EAP_MESSAGE), s, k_eap_failure, sizeof(k_eap_failure));
}

static void
b_relay_auth_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t prti[] = {0x02}, eap[] = {0x01, 0x05, 0x00, 0x05, 0x01};

	set(b, F(PRTI), s, prti, 1);
	set(b, F(EAP_MESSAGE), s, eap, sizeof(eap));
}

static void
b_relay_auth_resp(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t prti[] = {0x02}, eap[] = {0x02, 0x05, 0x00, 0x06, 0x01, 0x41};

	set(b, F(PRTI), s, prti, 1);
	set(b, F(EAP_MESSAGE), s, eap, sizeof(eap));
}

/* Seed 000 security service procedures (private types 0x79-0x7D). The
 * X25519 key is RFC 7748 6.1 Alice's public key; the IMEI is the GSMA
 * example 49015420323751 with its Luhn check digit 8. */
static const uint8_t k_x25519_pub[32] = {
	0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d,
	0xdc, 0xb4, 0x3e, 0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38,
	0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a,
};
#define K_IMEI "490154203237518"

static void
b_sec_svc_cmd(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_nas5g_ssi ssi = {.one_by_one = 1, .n = 2};

	ssi.e[0] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DH, 1, 0, 0};
	ssi.e[1] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_DEVAUTH, 1, 0, 1};
	SET_TYPED(b, F(MM_SSI), s, agw_nas5g_ssi_encode(&ssi, AGW_NAS5G_SSI_MM, w));
}

static void
b_dh_key(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t scheme[] = {AGW_NAS5G_DH_X25519};

	set(b, F(DH_SCHEME), s, scheme, 1);
	set(b, F(DH_PUBLIC_KEY), s, k_x25519_pub, sizeof(k_x25519_pub));
}

static void
b_devauth_req(struct agw_nas_body *b, struct scratch *s)
{
	struct agw_nas5g_mobile_id id;

	memset(&id, 0, sizeof(id));
	id.type = AGW_NAS5G_ID_IMEI;
	strcpy(id.u.digits, K_IMEI);
	SET_TYPED(b, F(DEVICE_ID), s, agw_nas5g_mobile_id_encode(&id, w));
}

static void
b_devauth_result(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t result[] = {AGW_NAS5G_SSP_REJECTED}, cause[] = {5};

	set(b, F(SSP_RESULT), s, result, 1);
	set(b, F(MM_CAUSE), s, cause, 1);
}

static void
b_pdu_est_req(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t ipmdr[] = {0xff, 0xff};
	struct agw_nas5g_ue_svc_cap svc = {.mm_cap = 0, .sm_cap = 0x08, .has_sm = 1};

	set(b, F(IPMDR), s, ipmdr, 2);
	set_half(b, F(PDU_SESSION_TYPE), 1);
	set_half(b, F(SSC_MODE), 1);
	SET_TYPED(b, F(UE_SEC_SVC_CAP), s, agw_nas5g_ue_svc_cap_encode(&svc, w));
}

static void
b_pdu_est_accept(struct agw_nas_body *b, struct scratch *s)
{
	/* QoS rule and session AMBR as in pycrate's accept (corpus frame 181) */
	static const uint8_t rules[] = {0x01, 0x00, 0x06, 0x31, 0x31, 0x01, 0x01, 0xff, 0x05};
	static const uint8_t ambr[] = {0x06, 0x00, 0x01, 0x06, 0x00, 0x01};
	static const uint8_t addr[] = {0x01, 0x0a, 0x2d, 0x00, 0x01};
	struct agw_nas5g_ssi ssi = {.n = 1};

	ssi.e[0] = (struct agw_nas5g_ssi_entry){AGW_NAS5G_SSP_SECAUTH, 1, 0, 1};
	set_half(b, F(SELECTED_PDU_SESSION_TYPE), 1);
	set_half(b, F(SELECTED_SSC_MODE), 1);
	set(b, F(QOS_RULES), s, rules, sizeof(rules));
	set(b, F(SESSION_AMBR), s, ambr, sizeof(ambr));
	set(b, F(PDU_ADDRESS), s, addr, sizeof(addr));
	set(b, F(DNN), s, k_dnn, sizeof(k_dnn));
	SET_TYPED(b, F(SM_SSI), s, agw_nas5g_ssi_encode(&ssi, AGW_NAS5G_SSI_SM, w));
}

static void
b_sm_cause(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x24};

	set(b, F(SM_CAUSE), s, c, 1);
}

static void
b_sm_cause_tv(struct agw_nas_body *b, struct scratch *s)
{
	static const uint8_t c[] = {0x24};

	set(b, F(SM_CAUSE), s, c, 1);
}

struct msg_case {
	const char *what;
	uint8_t epd;
	uint8_t type;
	uint8_t sht; /* 0 plain, else protected with this SHT */
	void (*build)(struct agw_nas_body *b, struct scratch *s);
	int tshark_knows; /* Wireshark 4.0 has the message type */
	int priv;	  /* carries private IEs (tshark: "Extraneous Data", a note) */
};

/* clang-format off */
#define MMC(t, sht, fn) {#t, MM, AGW_NAS5G_MT_##t, sht, fn, 1, 0}
#define MMP(t, sht, fn) {#t, MM, AGW_NAS5G_MT_##t, sht, fn, 1, 1}
#define SMC(t, fn) {#t, SM, AGW_NAS5G_MT_##t, 0, fn, 1, 0}
#define SMP(t, fn) {#t, SM, AGW_NAS5G_MT_##t, 0, fn, 1, 1}
#define REL(t, fn) {#t, MM, AGW_NAS5G_MT_##t, 0, fn, 0, 0}
#define PRV(t, sht, fn) {#t, MM, AGW_NAS5G_MT_##t, sht, fn, 0, 0}
/* clang-format on */

static const struct msg_case cases[] = {
	MMP(REGISTRATION_REQUEST, 0, b_reg_req),
	MMP(REGISTRATION_REQUEST, 1, b_reg_req),
	MMP(REGISTRATION_ACCEPT, 0, b_reg_accept),
	MMC(REGISTRATION_COMPLETE, 0, b_none),
	MMC(REGISTRATION_REJECT, 0, b_cause7),
	MMC(AUTHENTICATION_REQUEST, 0, b_auth_req),
	MMC(AUTHENTICATION_RESPONSE, 0, b_auth_resp),
	MMC(AUTHENTICATION_FAILURE, 0, b_auth_failure),
	MMC(AUTHENTICATION_REJECT, 0, b_auth_reject),
	MMC(AUTHENTICATION_RESULT, 0, b_auth_result),
	MMC(SECURITY_MODE_COMMAND, 3, b_smc),
	MMP(SECURITY_MODE_COMPLETE, 0, b_smc_complete),
	MMC(SECURITY_MODE_REJECT, 0, b_smc_reject),
	MMC(IDENTITY_REQUEST, 0, b_identity_req),
	MMC(IDENTITY_RESPONSE, 0, b_identity_resp),
	MMC(IDENTITY_RESPONSE, 1, b_identity_resp),
	MMC(DEREG_REQUEST_UE_ORIG, 1, b_dereg_orig),
	MMC(DEREG_ACCEPT_UE_ORIG, 0, b_none),
	MMC(DEREG_REQUEST_UE_TERM, 0, b_dereg_term),
	MMC(DEREG_ACCEPT_UE_TERM, 0, b_none),
	MMC(SERVICE_REQUEST, 1, b_service_req),
	MMC(SERVICE_ACCEPT, 0, b_service_accept),
	MMC(SERVICE_REJECT, 0, b_service_reject),
	MMP(UL_NAS_TRANSPORT, 0, b_ul_nas),
	MMP(DL_NAS_TRANSPORT, 1, b_dl_nas),
	MMP(CONFIGURATION_UPDATE_COMMAND, 0, b_cuc),
	MMC(CONFIGURATION_UPDATE_COMPLETE, 0, b_none),
	MMC(STATUS_5GMM, 0, b_status),
	REL(RELAY_KEY_REQUEST, b_relay_key_req),
	REL(RELAY_KEY_ACCEPT, b_relay_key_accept),
	REL(RELAY_KEY_REJECT, b_relay_key_reject),
	REL(RELAY_AUTHENTICATION_REQUEST, b_relay_auth_req),
	REL(RELAY_AUTHENTICATION_RESPONSE, b_relay_auth_resp),
	PRV(SEC_SVC_COMMAND, 0, b_sec_svc_cmd),
	PRV(SEC_SVC_COMMAND, 1, b_sec_svc_cmd),
	PRV(DH_NETWORK_KEY, 1, b_dh_key),
	PRV(DH_UE_KEY, 1, b_dh_key),
	PRV(DEVICE_AUTH_REQUEST, 1, b_devauth_req),
	PRV(DEVICE_AUTH_RESULT, 1, b_devauth_result),
	SMP(PDU_SESSION_ESTABLISHMENT_REQUEST, b_pdu_est_req),
	SMP(PDU_SESSION_ESTABLISHMENT_ACCEPT, b_pdu_est_accept),
	SMC(PDU_SESSION_ESTABLISHMENT_REJECT, b_sm_cause),
	SMC(PDU_SESSION_RELEASE_REQUEST, b_sm_cause_tv),
	SMC(PDU_SESSION_RELEASE_REJECT, b_sm_cause),
	SMC(PDU_SESSION_RELEASE_COMMAND, b_sm_cause),
	SMC(PDU_SESSION_RELEASE_COMPLETE, b_none),
	SMC(STATUS_5GSM, b_sm_cause),
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static long
encode_case(const struct msg_case *c, uint8_t *out, size_t cap, struct agw_nas_body *b,
	    struct scratch *s)
{
	struct agw_nas5g_hdr h = {.epd = c->epd, .psi = 5, .pti = 1, .type = c->type};

	sc_init(s);
	agw_nas_body_init(b, agw_nas5g_desc(c->epd, c->type));
	c->build(b, s);
	if (c->sht == 0)
		return agw_nas5g_encode(&h, b, out, cap);
	return agw_nas5g_encode_protected(c->sht, 0x11223344, 7, &h, b, out, cap);
}

/* Typed checks of a few decoded cases. */
static void
check_typed(const struct msg_case *c, const struct agw_nas5g_msg *m)
{
	const struct agw_nas_ie *ie;
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ssi ssi;
	struct agw_nas5g_akma_id a;
	struct agw_nas5g_msg inner;
	const uint8_t *p;

	switch (c->type) {
	case AGW_NAS5G_MT_REGISTRATION_REQUEST:
		if (c->epd != MM)
			break;
		ie = agw_nas_get(&m->ies, F(MOBILE_ID));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(ie->v, ie->len, &id), 0);
		CU_ASSERT_STRING_EQUAL(id.u.suci.msin, "0000000001");
		CU_ASSERT_EQUAL(
			agw_nas5g_reg_type_from_half(agw_nas_get(&m->ies, F(REG_TYPE))->half)
				.follow_on,
			1);
		break;
	case AGW_NAS5G_MT_REGISTRATION_ACCEPT:
		ie = agw_nas_get(&m->ies, F(MM_SSI));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(ie->v, ie->len, AGW_NAS5G_SSI_MM, &ssi), 0);
		CU_ASSERT(ssi.n == 2 && ssi.e[1].ue_init == 1);
		ie = agw_nas_get(&m->ies, F(AKMA_ID));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_akma_id_decode(ie->v, ie->len, &a), 0);
		CU_ASSERT_STRING_EQUAL(a.rid, "1234");
		break;
	case AGW_NAS5G_MT_AUTHENTICATION_REQUEST:
		CU_ASSERT_EQUAL(agw_nas5g_rand(&m->ies, &p), 0);
		AGW_ASSERT_MEM_EQ(p, k_rand, 16);
		CU_ASSERT_EQUAL(agw_nas5g_autn(&m->ies, &p), 0);
		AGW_ASSERT_MEM_EQ(p, k_autn, 16);
		break;
	case AGW_NAS5G_MT_SECURITY_MODE_COMPLETE:
		ie = agw_nas_get(&m->ies, F(NAS_MSG_CONTAINER));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_decode(ie->v, ie->len, &inner), 0);
		CU_ASSERT_EQUAL(inner.hdr.type, AGW_NAS5G_MT_REGISTRATION_REQUEST);
		break;
	case AGW_NAS5G_MT_SEC_SVC_COMMAND:
		ie = agw_nas_get(&m->ies, F(MM_SSI));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_ssi_decode(ie->v, ie->len, AGW_NAS5G_SSI_MM, &ssi), 0);
		CU_ASSERT(ssi.n == 2 && ssi.one_by_one && !ssi.ordered && ssi.e[0].ue_init &&
			  ssi.e[1].code == AGW_NAS5G_SSP_DEVAUTH && ssi.e[1].mandatory);
		break;
	case AGW_NAS5G_MT_DH_NETWORK_KEY:
	case AGW_NAS5G_MT_DH_UE_KEY:
		CU_ASSERT_EQUAL(agw_nas5g_dh_key(&m->ies, &p), 0);
		AGW_ASSERT_MEM_EQ(p, k_x25519_pub, 32);
		break;
	case AGW_NAS5G_MT_DEVICE_AUTH_REQUEST:
		ie = agw_nas_get(&m->ies, F(DEVICE_ID));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_mobile_id_decode(ie->v, ie->len, &id), 0);
		CU_ASSERT(id.type == AGW_NAS5G_ID_IMEI && strcmp(id.u.digits, K_IMEI) == 0);
		break;
	case AGW_NAS5G_MT_DEVICE_AUTH_RESULT: {
		uint8_t result, cause;

		CU_ASSERT_EQUAL(agw_nas5g_ssp_result(&m->ies, &result, &cause), 0);
		CU_ASSERT(result == AGW_NAS5G_SSP_REJECTED && cause == 5);
		break;
	}
	case AGW_NAS5G_MT_UL_NAS_TRANSPORT:
		ie = agw_nas_get(&m->ies, F(PAYLOAD_CONTAINER));
		CU_ASSERT_FATAL(ie != NULL);
		CU_ASSERT_EQUAL(agw_nas5g_decode(ie->v, ie->len, &inner), 0);
		CU_ASSERT_EQUAL(inner.hdr.type, AGW_NAS5G_MT_PDU_SESSION_ESTABLISHMENT_REQUEST);
		CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&inner.ies, F(UE_SEC_SVC_CAP)));
		break;
	default:
		break;
	}
}

static void
test_roundtrip_typed(void)
{
	static uint8_t out[4096];
	static struct scratch s;
	struct agw_nas_body b;
	struct agw_nas5g_msg m;

	for (size_t i = 0; i < N_CASES; i++) {
		const struct msg_case *c = &cases[i];
		long n = encode_case(c, out, sizeof(out), &b, &s);

		CU_ASSERT(n > 0);
		if (n <= 0) {
			fprintf(stderr, "\n  encode %s: %s\n", c->what, agw_proto_strerror((int)n));
			continue;
		}
		CU_ASSERT_EQUAL(agw_nas5g_decode(out, (size_t)n, &m), 0);
		CU_ASSERT_EQUAL(m.hdr.type, c->type);
		CU_ASSERT_EQUAL(m.sec.sht, c->sht);
		CU_ASSERT(bodies_equal(&b, &m.ies));
		check_typed(c, &m);
	}
}

/* tshark must dissect every encoded message cleanly and by the right name. */
static void
test_tshark(void)
{
	static const char pcap[] = "nas5g_encoded.pcap";
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
		exp[i].name = c->tshark_knows ? agw_nas5g_msg_name(c->epd, c->type) : NULL;
		exp[i].type = c->type;
		exp[i].what = c->what;
		exp[i].extraneous_ok = c->priv;
	}
	fclose(f);
	CU_ASSERT_EQUAL(nas_ts_check(pcap, "nas-5gs",
				     "-e nas_5gs.mm.message_type -e nas_5gs.sm.message_type", exp,
				     (int)N_CASES),
			0);
}

/* ------------------------------------------------------------------------ */
/* Private security service messages (seed 000): wire layout                 */
/* ------------------------------------------------------------------------ */

struct ssp_golden {
	const char *what;
	const char *hex;  /* the plain message, as doc/nas-private-ies.md §3 draws it */
	size_t valid_cut; /* a shorter prefix that is a valid message (optional IE cut), or 0 */
};

/* Hand-assembled from the doc's layouts, not from the encoder. */
static const struct ssp_golden ssp_golden[] = {
	{"Security service command {DH ue, DevAuth ue m}, one by one",
	 "7e0079"
	 "05"
	 "02"
	 "0180"
	 "02a0",
	 0},
	{"DH network key, X25519 (RFC 7748 Alice)",
	 "7e007a"
	 "01"
	 "20"
	 "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
	 0},
	{"DH UE key, X25519 (RFC 7748 Alice)",
	 "7e007b"
	 "01"
	 "20"
	 "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
	 0},
	{"Device authentication request, IMEI 490154203237518",
	 "7e007c"
	 "770008"
	 "4b09512430325781",
	 3},
	{"Device authentication result, rejected #5",
	 "7e007d"
	 "02"
	 "5805",
	 4},
};

/* Encoder output equals the hand-assembled octets; every shorter cut fails,
 * except the one that ends before an optional IE. */
static void
test_ssp_wire(void)
{
	static const uint8_t types[] = {AGW_NAS5G_MT_SEC_SVC_COMMAND, AGW_NAS5G_MT_DH_NETWORK_KEY,
					AGW_NAS5G_MT_DH_UE_KEY, AGW_NAS5G_MT_DEVICE_AUTH_REQUEST,
					AGW_NAS5G_MT_DEVICE_AUTH_RESULT};
	static void (*const build[])(struct agw_nas_body *, struct scratch *) = {
		b_sec_svc_cmd, b_dh_key, b_dh_key, b_devauth_req, b_devauth_result};
	static struct scratch sc;

	for (size_t i = 0; i < sizeof(ssp_golden) / sizeof(ssp_golden[0]); i++) {
		const struct ssp_golden *g = &ssp_golden[i];
		struct agw_nas5g_hdr h = {.epd = MM, .type = types[i]};
		size_t len = strlen(g->hex) / 2;
		uint8_t want[64], out[64];
		struct agw_nas_body b;
		struct agw_nas5g_msg m;
		long n;

		hex2bin(g->hex, want, len);
		sc_init(&sc);
		agw_nas_body_init(&b, agw_nas5g_desc(MM, types[i]));
		build[i](&b, &sc);
		n = agw_nas5g_encode(&h, &b, out, sizeof(out));
		CU_ASSERT_EQUAL(n, (long)len);
		if (n == (long)len)
			AGW_ASSERT_MEM_EQ(out, want, len);
		CU_ASSERT_EQUAL(agw_nas5g_decode(want, len, &m), 0);
		CU_ASSERT_STRING_EQUAL(m.ies.desc->name, agw_nas5g_msg_name(MM, types[i]));
		for (size_t cut = 0; cut < len; cut++) {
			uint8_t *buf = malloc(cut ? cut : 1);
			int rc;

			CU_ASSERT_FATAL(buf != NULL);
			memcpy(buf, want, cut);
			rc = agw_nas5g_decode(buf, cut, &m);
			if (cut == g->valid_cut && cut != 0) {
				CU_ASSERT_EQUAL(rc, 0);
			} else {
				if (rc >= 0)
					fprintf(stderr, "\n  %s cut at %zu decodes\n", g->what,
						cut);
				CU_ASSERT(rc < 0);
			}
			free(buf);
		}
	}
}

/* The typed accessors refuse what the layout does not allow. */
static void
test_ssp_accessors(void)
{
	static const uint8_t p256[] = {0x7e, 0x00, 0x7b, 0x02, 0x02, 0x03, 0x04};
	static const uint8_t short_key[] = {0x7e, 0x00, 0x7b, 0x01, 0x02, 0x03, 0x04};
	static const uint8_t res0[] = {0x7e, 0x00, 0x7d, 0x00};
	static const uint8_t res3[] = {0x7e, 0x00, 0x7d, 0x03};
	static const uint8_t ok_no_cause[] = {0x7e, 0x00, 0x7d, 0x01};
	static const uint8_t empty_cmd[] = {0x7e, 0x00, 0x79, 0x01, 0x00};
	static const uint8_t long_key[3 + 2 + 99] = {0x7e, 0x00, 0x7a, 0x01, 99};
	struct agw_nas5g_msg m;
	const uint8_t *k;
	uint8_t r, c;

	CU_ASSERT_EQUAL(agw_nas5g_decode(p256, sizeof(p256), &m), 0);
	CU_ASSERT_EQUAL(agw_nas5g_dh_key(&m.ies, &k), AGW_PROTO_E_UNSUPPORTED);
	CU_ASSERT_PTR_NULL(k);
	CU_ASSERT_EQUAL(agw_nas5g_decode(short_key, sizeof(short_key), &m), 0);
	CU_ASSERT_EQUAL(agw_nas5g_dh_key(&m.ies, &k), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_decode(long_key, sizeof(long_key), &m), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(agw_nas5g_decode(res0, sizeof(res0), &m), 0);
	CU_ASSERT_EQUAL(agw_nas5g_ssp_result(&m.ies, &r, &c), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(res3, sizeof(res3), &m), 0);
	CU_ASSERT_EQUAL(agw_nas5g_ssp_result(&m.ies, &r, &c), AGW_PROTO_E_BAD_VALUE);
	CU_ASSERT_EQUAL(agw_nas5g_decode(ok_no_cause, sizeof(ok_no_cause), &m), 0);
	CU_ASSERT(agw_nas5g_ssp_result(&m.ies, &r, &c) == 0 && r == AGW_NAS5G_SSP_ACCEPTED &&
		  c == 0);
	/* a command must name at least one procedure */
	CU_ASSERT_EQUAL(agw_nas5g_decode(empty_cmd, sizeof(empty_cmd), &m), AGW_PROTO_E_BAD_LENGTH);
}

/* ------------------------------------------------------------------------ */
/* Real signalling corpus                                                    */
/* ------------------------------------------------------------------------ */

/* Expected SHT from the corpus flags ("integrity+ciphered,new-ctx"). */
static int
corpus_sht(const char *flags)
{
	int ciph = strstr(flags, "ciphered") != NULL, newc = strstr(flags, "new-ctx") != NULL;

	if (flags[0] == '\0')
		return 0;
	return ciph ? (newc ? 4 : 2) : (newc ? 3 : 1);
}

/* Containers inside a decoded message decode as well. */
static int
check_containers(const struct agw_nas5g_msg *m)
{
	static const unsigned int ids[] = {F(MOBILE_ID), F(ADDITIONAL_GUTI), F(GUTI), F(S_TMSI),
					   F(IMEISV)};
	const struct agw_nas_ie *ie, *pct;
	struct agw_nas5g_msg inner;
	struct agw_naseps_msg eps;
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ue_sec_cap cap;
	int ok = 1;

	ie = agw_nas_get(&m->ies, F(NAS_MSG_CONTAINER));
	if (ie != NULL)
		ok &= agw_nas5g_decode(ie->v, ie->len, &inner) == 0;
	ie = agw_nas_get(&m->ies, F(PAYLOAD_CONTAINER));
	pct = agw_nas_get(&m->ies, F(PAYLOAD_CONTAINER_TYPE));
	if (ie != NULL && pct != NULL && pct->half == 1) /* N1 SM information */
		ok &= agw_nas5g_decode(ie->v, ie->len, &inner) == 0;
	ie = agw_nas_get(&m->ies, F(EPS_NAS_MSG_CONTAINER));
	if (ie != NULL)
		ok &= agw_naseps_decode(ie->v, ie->len, AGW_NASEPS_DIR_UL, &eps) == 0;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		ie = agw_nas_get(&m->ies, ids[i]);
		if (ie != NULL)
			ok &= agw_nas5g_mobile_id_decode(ie->v, ie->len, &id) == 0;
	}
	ie = agw_nas_get(&m->ies, F(UE_SEC_CAP));
	if (ie == NULL)
		ie = agw_nas_get(&m->ies, F(REPLAYED_UE_SEC_CAP));
	if (ie != NULL)
		ok &= agw_nas5g_ue_sec_cap_decode(ie->v, ie->len, &cap) == 0;
	return ok;
}

static void
test_golden(void)
{
	int n = 0, full = 0, hdr_only = 0, trailing = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		char flags[64], a[128], want[128];
		const char *inner, *name;
		struct agw_nas5g_msg m;
		int rc, ok;

		if (strcmp(e->proto, "nas-5gs") != 0 || !e->tshark_clean)
			continue;
		n++;
		nas_corpus_name(e->name, flags, sizeof(flags), &inner);
		rc = agw_nas5g_decode(e->data, e->len, &m);
		if (rc == AGW_PROTO_E_TRAILING) {
			/* Only zero padding after a complete message (tshark:
			 * "Extraneous Data", a note). */
			fprintf(stderr, "\n  note: frame %d (%s): trailing zero octets\n",
				e->pcap_frame, e->source);
			trailing++;
			rc = 0;
		}
		ok = rc == 0 && m.sec.sht == corpus_sht(flags);
		if (ok && m.sec.ciphered) {
			hdr_only++;
		} else if (ok) {
			name = agw_nas5g_msg_name(m.hdr.epd, m.hdr.type);
			nas_norm(inner, want, sizeof(want));
			nas_norm(name != NULL ? name : "", a, sizeof(a));
			ok = strcmp(a, want) == 0 && m.ies.desc != NULL && check_containers(&m);
			full += ok;
		}
		if (!ok)
			fprintf(stderr, "\n  frame %d '%s' (%s): rc %s sht %u type 0x%02x\n",
				e->pcap_frame, e->name, e->source, agw_proto_strerror(rc),
				m.sec.sht, m.hdr.type);
		CU_ASSERT(ok);
	}
	fprintf(stderr,
		"\n  nas-5gs corpus: %d messages, %d fully decoded, %d ciphered "
		"(header only), %d with trailing padding ",
		n, full, hdr_only, trailing);
	CU_ASSERT_EQUAL(n, 71);
	CU_ASSERT_EQUAL(full + hdr_only, n);
}

static const struct agw_nas5g_msg *
golden(int frame, struct agw_nas5g_msg *m)
{
	const struct agw_real_msg *e = real_frame(frame);
	int rc;

	CU_ASSERT_FATAL(e != NULL);
	rc = agw_nas5g_decode(e->data, e->len, m);
	CU_ASSERT_FATAL(rc == 0 || rc == AGW_PROTO_E_TRAILING);
	return m;
}

/*
 * Field values read from tshark 4.0:
 *   tshark -r test/vectors/real-signalling.pcap -Y frame.number==N -V
 */
static void
test_golden_fields(void)
{
	struct agw_nas5g_msg m;
	struct agw_nas5g_mobile_id id;
	struct agw_nas5g_ue_sec_cap cap;
	struct agw_nas_ksi ksi;
	const struct agw_nas_ie *ie;
	const uint8_t *p;

	/* Frame 148 (srsRAN registration_request_unpacking_packing_test_2):
	 * FOR 1, initial registration, TSC 0 ngKSI 7; SUCI IMSI format, MCC 001
	 * MNC 01, routing indicator 17, ECIES profile B, HN key id 27, ECC
	 * ephemeral key 03997ee4...2afb064, ciphertext cbbd5d2734, MAC tag
	 * 0x1e8b9e3328184bec; UE security capability 5G-EA0, 128-5G-IA2. */
	golden(148, &m);
	CU_ASSERT_EQUAL(m.hdr.type, AGW_NAS5G_MT_REGISTRATION_REQUEST);
	ksi = agw_nas_ksi_from_half(agw_nas_get(&m.ies, F(NGKSI))->half);
	CU_ASSERT(ksi.tsc == 0 && ksi.ksi == 7);
	CU_ASSERT_EQUAL(agw_nas5g_reg_type_from_half(agw_nas_get(&m.ies, F(REG_TYPE))->half).type,
			1);
	ie = agw_nas_get(&m.ies, F(MOBILE_ID));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 54);
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_mobile_id_decode(ie->v, ie->len, &id), 0);
	CU_ASSERT_EQUAL(id.type, AGW_NAS5G_ID_SUCI);
	CU_ASSERT_EQUAL(id.u.suci.supi_format, 0);
	CU_ASSERT_STRING_EQUAL(id.u.suci.plmn.mcc, "001");
	CU_ASSERT_STRING_EQUAL(id.u.suci.plmn.mnc, "01");
	CU_ASSERT_STRING_EQUAL(id.u.suci.rid, "17");
	CU_ASSERT_EQUAL(id.u.suci.scheme, AGW_NAS5G_SCHEME_PROFILE_B);
	CU_ASSERT_EQUAL(id.u.suci.hn_key_id, 27);
	CU_ASSERT_EQUAL(id.u.suci.eph_pub_len, 33);
	ASSERT_HEX(id.u.suci.eph_pub,
		   "03997ee4012de36c86e22997c899704b0f613abd6c3b1c9ca78a4b147e22afb064");
	CU_ASSERT_EQUAL(id.u.suci.cipher_len, 5);
	ASSERT_HEX(id.u.suci.cipher, "cbbd5d2734");
	ASSERT_HEX(id.u.suci.mac_tag, "1e8b9e3328184bec");
	ie = agw_nas_get(&m.ies, F(UE_SEC_CAP));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT_EQUAL(agw_nas5g_ue_sec_cap_decode(ie->v, ie->len, &cap), 0);
	CU_ASSERT(cap.ea == 0x80 && cap.ia == 0x20 && cap.len == 2);

	/* Frame 193 (magma identity_response_profile_a): SUCI MCC 222 MNC 456,
	 * routing indicator 0, ECIES profile A, HN key id 1, ECC ephemeral
	 * key a1ae7e56...6c1ed437, ciphertext 15e83c7239, MAC tag
	 * 0x1f158a9d7acc094b (then one extraneous octet). */
	golden(193, &m);
	ie = agw_nas_get(&m.ies, F(MOBILE_ID));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 53);
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_mobile_id_decode(ie->v, ie->len, &id), 0);
	CU_ASSERT_STRING_EQUAL(id.u.suci.plmn.mcc, "222");
	CU_ASSERT_STRING_EQUAL(id.u.suci.plmn.mnc, "456");
	CU_ASSERT_STRING_EQUAL(id.u.suci.rid, "0");
	CU_ASSERT_EQUAL(id.u.suci.scheme, AGW_NAS5G_SCHEME_PROFILE_A);
	CU_ASSERT_EQUAL(id.u.suci.hn_key_id, 1);
	CU_ASSERT_EQUAL(id.u.suci.eph_pub_len, 32);
	ASSERT_HEX(id.u.suci.eph_pub,
		   "a1ae7e561b544b7c74030989a92155d78bbf28535fb59423b4cb640e6c1ed437");
	ASSERT_HEX(id.u.suci.cipher, "15e83c7239");
	ASSERT_HEX(id.u.suci.mac_tag, "1f158a9d7acc094b");

	/* Frame 150 (srsRAN authentication_request): ngKSI 0, ABBA 0000,
	 * RAND 1646243275b8b9c718b605c6ff039671,
	 * AUTN a30926e42eea8000f687d5baa2d956ed. */
	golden(150, &m);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(NGKSI))->half, 0);
	ie = agw_nas_get(&m.ies, F(ABBA));
	CU_ASSERT_FATAL(ie != NULL && ie->len == 2);
	ASSERT_HEX(ie->v, "0000");
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_rand(&m.ies, &p), 0);
	ASSERT_HEX(p, "1646243275b8b9c718b605c6ff039671");
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_autn(&m.ies, &p), 0);
	ASSERT_HEX(p, "a30926e42eea8000f687d5baa2d956ed");

	/* Frame 206 (magma reg_resync_buffer): 5GMM cause 21 (synch failure),
	 * AUTS dcd5bb86d4f0fba9dc468b8cdd67. */
	golden(206, &m);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(MM_CAUSE))->v[0], 21);
	CU_ASSERT_EQUAL_FATAL(agw_nas5g_auts(&m.ies, &p), 0);
	ASSERT_HEX(p, "dcd5bb86d4f0fba9dc468b8cdd67");

	/* Frame 152 (srsRAN security mode command): security protected, MAC
	 * 0x533fcb29, sequence number 0; 5G-EA0 / 128-5G-IA2; replayed UE
	 * security capabilities of length 4; IMEISV request. */
	golden(152, &m);
	CU_ASSERT_EQUAL(m.sec.sht, AGW_NAS5G_SHT_INTEG_NEW);
	CU_ASSERT_EQUAL(m.sec.mac, 0x533fcb29u);
	CU_ASSERT_EQUAL(m.sec.sqn, 0);
	ie = agw_nas_get(&m.ies, F(NAS_SEC_ALGS));
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT(agw_nas5g_sec_algs_decode(ie->v[0]).ciph == 0 &&
		  agw_nas5g_sec_algs_decode(ie->v[0]).integ == 2);
	CU_ASSERT_EQUAL(agw_nas_get(&m.ies, F(REPLAYED_UE_SEC_CAP))->len, 4);
	CU_ASSERT_PTR_NOT_NULL(agw_nas_get(&m.ies, F(IMEISV_REQUEST)));
}

/* Every ECIES SUCI of the corpus decodes into its parts. */
static void
test_golden_ecies(void)
{
	int n_a = 0, n_b = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		struct agw_nas5g_msg m;
		struct agw_nas5g_mobile_id id;
		const struct agw_nas_ie *ie;
		int rc;

		if (strcmp(e->proto, "nas-5gs") != 0 || !e->tshark_clean)
			continue;
		rc = agw_nas5g_decode(e->data, e->len, &m);
		if ((rc != 0 && rc != AGW_PROTO_E_TRAILING) || m.ies.desc == NULL)
			continue;
		ie = agw_nas_get(&m.ies, F(MOBILE_ID));
		if (ie == NULL || agw_nas5g_mobile_id_decode(ie->v, ie->len, &id) != 0 ||
		    id.type != AGW_NAS5G_ID_SUCI || id.u.suci.scheme == 0)
			continue;
		CU_ASSERT_PTR_NOT_NULL(id.u.suci.eph_pub);
		CU_ASSERT_EQUAL(id.u.suci.eph_pub_len + id.u.suci.cipher_len + 8,
				id.u.suci.out_len);
		n_a += id.u.suci.scheme == AGW_NAS5G_SCHEME_PROFILE_A;
		n_b += id.u.suci.scheme == AGW_NAS5G_SCHEME_PROFILE_B;
	}
	CU_ASSERT(n_a >= 1);
	CU_ASSERT(n_b >= 1);
}

/* IEs (known and skipped) wholly inside the first @cut octets: a cut decode
 * that succeeds must be exactly this prefix of the full decode. */
static int
is_prefix(const struct agw_nas5g_msg *cut, const struct agw_nas5g_msg *full, int full_padded)
{
	const struct agw_nas_msg_desc *d = full->ies.desc;
	int n_cut = cut->ies.n_unknown, n_full = full->ies.n_unknown;

	if (cut->ies.desc != d || cut->hdr.type != full->hdr.type || d == NULL)
		return 0;
	for (unsigned int i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie *c = &cut->ies.ie[i], *f = &full->ies.ie[i];

		n_full += f->present;
		n_cut += c->present;
		if (c->present &&
		    (!f->present || c->len != f->len ||
		     (c->len != 0 && memcmp(c->v, f->v, c->len) != 0) || c->half != f->half))
			return 0;
	}
	/* a strict prefix; or all of it when only the padding was cut */
	return n_cut < n_full || (full_padded && n_cut == n_full);
}

/*
 * Every clean corpus message cut at every length 0..len-1, each cut in an
 * exactly sized heap buffer (valgrind/ASan see any over-read). A cut must
 * fail, except where the shorter message is itself valid: a cut between
 * two optional IEs (TS 24.501 7.6), or inside a ciphered payload, which only
 * the MAC can tell.
 */
static void
test_truncation(void)
{
	long cuts = 0, errors = 0, boundary = 0, ciphered = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		struct agw_nas5g_msg full, cut;
		int rc_full;

		if (strcmp(e->proto, "nas-5gs") != 0 || !e->tshark_clean)
			continue;
		rc_full = agw_nas5g_decode(e->data, e->len, &full);
		CU_ASSERT(rc_full == 0 || rc_full == AGW_PROTO_E_TRAILING);
		for (size_t n = 0; n < e->len; n++) {
			uint8_t *buf = malloc(n ? n : 1);
			int rc;

			CU_ASSERT_FATAL(buf != NULL);
			memcpy(buf, e->data, n);
			rc = agw_nas5g_decode(buf, n, &cut);
			cuts++;
			if (rc < 0) {
				errors++;
			} else if (full.sec.ciphered) {
				ciphered++;
				CU_ASSERT(n >= AGW_NAS5G_SEC_HDR_LEN + 3);
			} else if (is_prefix(&cut, &full, rc_full == AGW_PROTO_E_TRAILING)) {
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
	{"security and plain headers", test_sec_header},
	{"unknown, repeated, bad-length IEs", test_unknown_ies},
	{"round trip: every table, every row", test_roundtrip_all_tables},
	{"encoder errors", test_encode_errors},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_ies[] = {
	{"5GS mobile identity", test_mobile_id},
	{"UE security capability, UE status, PLMN, EAP", test_small_ies},
	{"security service identifiers (private)", test_ssi},
	{"AKMA identifier (private)", test_akma_id},
	{"relay key parameters", test_relay_params},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_msgs[] = {
	{"round trip: every message type, typed values", test_roundtrip_typed},
	{"tshark dissects the encoder output", test_tshark},
	{"private security service messages: wire layout, truncation", test_ssp_wire},
	{"private security service messages: accessors refuse bad values", test_ssp_accessors},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo tests_corpus[] = {
	{"golden: every clean corpus message", test_golden},
	{"golden: field values read from tshark", test_golden_fields},
	{"golden: ECIES profile A and B SUCIs", test_golden_ecies},
	{"truncation at every length", test_truncation},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"nas5g codec", NULL, NULL, NULL, NULL, tests_codec},
	{"nas5g typed IEs", NULL, NULL, NULL, NULL, tests_ies},
	{"nas5g messages", NULL, NULL, NULL, NULL, tests_msgs},
	{"nas5g real signalling", NULL, NULL, NULL, NULL, tests_corpus},
	CU_SUITE_INFO_NULL,
};

int
main(void)
{
	return agw_test_main(suites);
}
