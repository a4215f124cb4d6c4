/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Tests for lib/crypto/milenage.c.
 *  - TS 35.208 test sets 1..6 (agw_test_vectors.h): OPc and every output of
 *    f1, f1*, f2, f3, f4, f5, f5*, with the context built from OP and from
 *    OPc.
 *  - [WMNSK] github.com/wmnsk/milenage milenage_test.go: K = OP = RAND =
 *    00112233..ff, SQN = 1, AMF = 8000 -> AUTN de656c8b0bcf80004af30b82a8531115,
 *    RES* (001/01) 31b6d938a5290ccc65bc829f9820a8d9, and
 *    AUTS b9ac50c48a82cdf74673bc86e7ab (SQN_MS = 1, MAC-S with AMF 0000).
 *  - K_AUSF for the WMNSK case: test/crypto/kdf_reference.py, "wmnsk_kausf"
 *    (CK, IK and AK of WMNSK put through TS 33.501 A.2 in Python).
 *  - Round trips: AUTS generated at the "UE" and resolved at the "network";
 *    5G HE AV generated at the network and recomputed at the UE.
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_test.h"
#include "agw_test_vectors.h"
#include "agw_util.h"

#define SNN_001_01 "5G:mnc001.mcc001.3gppnetwork.org"

static const uint8_t *
hx(const char *s, uint8_t *buf, size_t n)
{
	CU_ASSERT_FATAL(agw_hex_decode(s, buf, n) == (long)n);
	return buf;
}

/* The WMNSK subscriber: K = OP = 00112233..ff. */
static struct agw_milenage *
wmnsk_ctx(void)
{
	uint8_t k[16];
	struct agw_milenage *m;

	hx("00112233445566778899aabbccddeeff", k, 16);
	m = agw_milenage_create(k, k, AGW_MILENAGE_OP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	return m;
}

/* ------------------------------------------------------------------ */
/* TS 35.208                                                           */
/* ------------------------------------------------------------------ */

static void
check_set(const struct agw_tv_milenage *v, struct agw_milenage *m)
{
	uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], ak_s[6];

	CU_ASSERT_EQUAL(agw_milenage_f1(m, v->rand, v->sqn, v->amf, mac_a, mac_s), 0);
	AGW_ASSERT_MEM_EQ(mac_a, v->f1, 8);
	AGW_ASSERT_MEM_EQ(mac_s, v->f1_star, 8);
	CU_ASSERT_EQUAL(agw_milenage_f2345(m, v->rand, res, ck, ik, ak), 0);
	AGW_ASSERT_MEM_EQ(res, v->f2, 8);
	AGW_ASSERT_MEM_EQ(ck, v->f3, 16);
	AGW_ASSERT_MEM_EQ(ik, v->f4, 16);
	AGW_ASSERT_MEM_EQ(ak, v->f5, 6);
	CU_ASSERT_EQUAL(agw_milenage_f5star(m, v->rand, ak_s), 0);
	AGW_ASSERT_MEM_EQ(ak_s, v->f5_star, 6);
	/* single outputs, the others NULL */
	memset(mac_s, 0, sizeof(mac_s));
	CU_ASSERT_EQUAL(agw_milenage_f1(m, v->rand, v->sqn, v->amf, NULL, mac_s), 0);
	AGW_ASSERT_MEM_EQ(mac_s, v->f1_star, 8);
	memset(ik, 0, sizeof(ik));
	CU_ASSERT_EQUAL(agw_milenage_f2345(m, v->rand, NULL, NULL, ik, NULL), 0);
	AGW_ASSERT_MEM_EQ(ik, v->f4, 16);
}

static void
test_ts35208_sets(void)
{
	CU_ASSERT_EQUAL_FATAL(AGW_TV_MILENAGE_N, 6);
	for (size_t i = 0; i < AGW_TV_MILENAGE_N; i++) {
		const struct agw_tv_milenage *v = &agw_tv_milenage[i];
		struct agw_milenage *m;
		uint8_t opc[16];

		CU_ASSERT_FATAL(v->k_len == 16 && v->op_len == 16 && v->opc_len == 16 &&
				v->rand_len == 16 && v->sqn_len == 6 && v->amf_len == 2 &&
				v->f1_len == 8 && v->f1_star_len == 8 && v->f2_len == 8 &&
				v->f3_len == 16 && v->f4_len == 16 && v->f5_len == 6 &&
				v->f5_star_len == 6);
		CU_ASSERT_EQUAL(agw_milenage_compute_opc(v->k, v->op, opc), 0);
		AGW_ASSERT_MEM_EQ(opc, v->opc, 16);

		m = agw_milenage_create(v->k, v->op, AGW_MILENAGE_OP);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		check_set(v, m);
		agw_milenage_free(m);

		m = agw_milenage_create(v->k, v->opc, AGW_MILENAGE_OPC);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		check_set(v, m);
		agw_milenage_free(m);
	}
}

static void
test_bad_args(void)
{
	const struct agw_tv_milenage *v = &agw_tv_milenage[0];
	struct agw_milenage *m;
	uint8_t out[16], auts[14];

	errno = 0;
	CU_ASSERT_PTR_NULL(agw_milenage_create(NULL, v->op, AGW_MILENAGE_OP));
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_PTR_NULL(agw_milenage_create(v->k, v->op, (enum agw_milenage_op_kind)7));
	CU_ASSERT_EQUAL(agw_milenage_compute_opc(v->k, NULL, out), -EINVAL);
	agw_milenage_free(NULL);

	m = agw_milenage_create(v->k, v->op, AGW_MILENAGE_OP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_f1(m, v->rand, v->sqn, v->amf, NULL, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_f1(NULL, v->rand, v->sqn, v->amf, out, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_f2345(m, NULL, out, NULL, NULL, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_f5star(m, v->rand, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_gen_auts(m, v->rand, NULL, auts), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_resync(m, v->rand, NULL, out), -EINVAL);
	CU_ASSERT_EQUAL(agw_milenage_gen_av(m, NULL, v->sqn, v->amf, NULL), -EINVAL);
	agw_milenage_free(m);
}

/* ------------------------------------------------------------------ */
/* AV, AUTS                                                            */
/* ------------------------------------------------------------------ */

/* [WMNSK] AUTN and XRES; also AK from f5 */
static void
test_gen_av_wmnsk(void)
{
	struct agw_milenage *m = wmnsk_ctx();
	struct agw_milenage_av av;
	uint8_t rand[16], exp[16];
	const uint8_t sqn[6] = {0, 0, 0, 0, 0, 1}, amf[2] = {0x80, 0x00};

	hx("00112233445566778899aabbccddeeff", rand, 16);
	CU_ASSERT_EQUAL(agw_milenage_gen_av(m, rand, sqn, amf, &av), 0);
	AGW_ASSERT_MEM_EQ(av.rand, rand, 16);
	AGW_ASSERT_MEM_EQ(av.autn, hx("de656c8b0bcf80004af30b82a8531115", exp, 16), 16);
	AGW_ASSERT_MEM_EQ(av.xres, hx("700eb2300b2c4799", exp, 8), 8);
	AGW_ASSERT_MEM_EQ(av.ck, hx("b379874b3d183d2a21291d439e7761e1", exp, 16), 16);
	AGW_ASSERT_MEM_EQ(av.ik, hx("f4706f66629cf7ddf881d80025bf1255", exp, 16), 16);
	agw_milenage_free(m);
}

/* [WMNSK] AUTS for SQN_MS = 1 */
static void
test_auts_wmnsk(void)
{
	struct agw_milenage *m = wmnsk_ctx();
	uint8_t rand[16], auts[14], exp[14], sqn_ms[6];
	const uint8_t one[6] = {0, 0, 0, 0, 0, 1};

	hx("00112233445566778899aabbccddeeff", rand, 16);
	CU_ASSERT_EQUAL(agw_milenage_gen_auts(m, rand, one, auts), 0);
	AGW_ASSERT_MEM_EQ(auts, hx("b9ac50c48a82cdf74673bc86e7ab", exp, 14), 14);
	CU_ASSERT_EQUAL(agw_milenage_resync(m, rand, exp, sqn_ms), 0);
	AGW_ASSERT_MEM_EQ(sqn_ms, one, 6);
	agw_milenage_free(m);
}

/* AUTS round trip on all six TS 35.208 subscribers, and tampering */
static void
test_auts_round_trip(void)
{
	for (size_t i = 0; i < AGW_TV_MILENAGE_N; i++) {
		const struct agw_tv_milenage *v = &agw_tv_milenage[i];
		struct agw_milenage *ue, *net;
		uint8_t auts[14], bad[14], sqn_ms[6], out[6], mac_s[8], rand2[16];

		/* The USIM and the ARPF hold the same subscriber, separately. */
		ue = agw_milenage_create(v->k, v->op, AGW_MILENAGE_OP);
		net = agw_milenage_create(v->k, v->opc, AGW_MILENAGE_OPC);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ue);
		CU_ASSERT_PTR_NOT_NULL_FATAL(net);
		memcpy(sqn_ms, v->sqn, 6);
		sqn_ms[5] ^= 0x20; /* a SQN_MS different from the set's SQN */

		CU_ASSERT_EQUAL(agw_milenage_gen_auts(ue, v->rand, sqn_ms, auts), 0);
		/* AUTS = SQN_MS xor AK* || MAC-S(AMF = 0000), per its definition */
		for (int j = 0; j < 6; j++)
			CU_ASSERT_EQUAL(auts[j], sqn_ms[j] ^ v->f5_star[j]);
		CU_ASSERT_EQUAL(agw_milenage_f1(net, v->rand, sqn_ms, (const uint8_t[2]){0, 0},
						NULL, mac_s),
				0);
		AGW_ASSERT_MEM_EQ(auts + 6, mac_s, 8);

		memset(out, 0xee, sizeof(out));
		CU_ASSERT_EQUAL(agw_milenage_resync(net, v->rand, auts, out), 0);
		AGW_ASSERT_MEM_EQ(out, sqn_ms, 6);

		/* every single-bit flip, in the concealed SQN or in MAC-S, is caught */
		for (int bit = 0; bit < 14 * 8; bit++) {
			memcpy(bad, auts, 14);
			bad[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
			memset(out, 0xee, sizeof(out));
			CU_ASSERT_EQUAL(agw_milenage_resync(net, v->rand, bad, out), -EBADMSG);
			CU_ASSERT_EQUAL(out[0], 0xee); /* SQN_MS not released */
		}
		/* an AUTS answers one RAND only */
		memcpy(rand2, v->rand, 16);
		rand2[0] ^= 1;
		CU_ASSERT_EQUAL(agw_milenage_resync(net, rand2, auts, out), -EBADMSG);
		/* MAC-S uses the dummy AMF 0000, not the AMF of the rejected AUTN */
		if (v->amf[0] != 0 || v->amf[1] != 0) {
			CU_ASSERT_EQUAL(agw_milenage_f1(net, v->rand, sqn_ms, v->amf, NULL, mac_s),
					0);
			memcpy(bad, auts, 14);
			memcpy(bad + 6, mac_s, 8);
			CU_ASSERT_EQUAL(agw_milenage_resync(net, v->rand, bad, out), -EBADMSG);
		}
		agw_milenage_free(ue);
		agw_milenage_free(net);
	}
}

/* ------------------------------------------------------------------ */
/* 5G HE AV and UE side                                                */
/* ------------------------------------------------------------------ */

/*
 * [WMNSK] AUTN and RES* for AMF 8000 (separation bit already 1);
 * K_AUSF: kdf_reference.py "wmnsk_kausf".
 */
static void
test_he_av_5g_wmnsk(void)
{
	struct agw_milenage *m = wmnsk_ctx();
	struct agw_he_av_5g av;
	struct agw_ue_auth_5g ue;
	uint8_t rand[16], exp[32];
	const uint8_t sqn[6] = {0, 0, 0, 0, 0, 1}, amf[2] = {0x80, 0x00};

	hx("00112233445566778899aabbccddeeff", rand, 16);
	CU_ASSERT_EQUAL(agw_milenage_gen_he_av_5g(m, rand, sqn, amf, SNN_001_01, 32, &av), 0);
	AGW_ASSERT_MEM_EQ(av.autn, hx("de656c8b0bcf80004af30b82a8531115", exp, 16), 16);
	AGW_ASSERT_MEM_EQ(av.xres_star, hx("31b6d938a5290ccc65bc829f9820a8d9", exp, 16), 16);
	AGW_ASSERT_MEM_EQ(
		av.kausf,
		hx("3b759becc904d5b2aad2fcf15c88ce4354ade608ebbd6d89aa1c3281564c56f8", exp, 32),
		32);

	CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(m, av.rand, av.autn, SNN_001_01, 32, &ue), 0);
	AGW_ASSERT_MEM_EQ(ue.sqn, sqn, 6);
	AGW_ASSERT_MEM_EQ(ue.res_star, av.xres_star, 16);
	AGW_ASSERT_MEM_EQ(ue.kausf, av.kausf, 32);
	agw_milenage_free(m);
}

/*
 * Network and UE, each with its own context, on the six TS 35.208
 * subscribers: the UE recomputes XRES* and K_AUSF from RAND and AUTN only;
 * the AMF separation bit is forced on by the network; tampering and a
 * non-5G AUTN are rejected.
 */
static void
test_he_av_5g_consistency(void)
{
	char snn[40];
	int snn_len = agw_kdf_snn("234", "15", snn, sizeof(snn));

	CU_ASSERT_FATAL(snn_len == 32);
	for (size_t i = 0; i < AGW_TV_MILENAGE_N; i++) {
		const struct agw_tv_milenage *v = &agw_tv_milenage[i];
		struct agw_milenage *net, *usim;
		struct agw_he_av_5g av;
		struct agw_ue_auth_5g ue;
		struct agw_milenage_av uav;
		uint8_t bad[16], sqn[6], hxres[16], hres[16], res[8], ck[16], ik[16];

		net = agw_milenage_create(v->k, v->opc, AGW_MILENAGE_OPC);
		usim = agw_milenage_create(v->k, v->op, AGW_MILENAGE_OP);
		CU_ASSERT_PTR_NOT_NULL_FATAL(net);
		CU_ASSERT_PTR_NOT_NULL_FATAL(usim);

		CU_ASSERT_EQUAL(
			agw_milenage_gen_he_av_5g(net, v->rand, v->sqn, v->amf, snn, 32, &av), 0);
		CU_ASSERT(av.autn[6] & 0x80); /* separation bit set */
		CU_ASSERT_EQUAL(av.autn[6] & 0x7f, v->amf[0] & 0x7f);
		CU_ASSERT_EQUAL(av.autn[7], v->amf[1]);
		for (int j = 0; j < 6; j++) /* SQN xor AK with the published f5 */
			CU_ASSERT_EQUAL(av.autn[j], v->sqn[j] ^ v->f5[j]);

		CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(usim, av.rand, av.autn, snn, 32, &ue), 0);
		AGW_ASSERT_MEM_EQ(ue.sqn, v->sqn, 6);
		AGW_ASSERT_MEM_EQ(ue.res_star, av.xres_star, 16);
		AGW_ASSERT_MEM_EQ(ue.kausf, av.kausf, 32);
		/* XRES* is TS 33.501 A.4 over the published f2/f3/f4 */
		CU_ASSERT_EQUAL(agw_kdf_res_star(v->f3, v->f4, snn, 32, v->rand, v->f2, 8, hres),
				0);
		AGW_ASSERT_MEM_EQ(av.xres_star, hres, 16);
		/* the SEAF's HRES* check (A.5) passes */
		CU_ASSERT_EQUAL(agw_kdf_hres_star(av.rand, av.xres_star, hxres), 0);
		CU_ASSERT_EQUAL(agw_kdf_hres_star(av.rand, ue.res_star, hres), 0);
		AGW_ASSERT_MEM_EQ(hres, hxres, 16);

		/* a UE in another serving network derives other keys */
		CU_ASSERT_EQUAL(
			agw_milenage_ue_auth_5g(usim, av.rand, av.autn, SNN_001_01, 32, &ue), 0);
		CU_ASSERT(memcmp(ue.res_star, av.xres_star, 16) != 0);
		CU_ASSERT(memcmp(ue.kausf, av.kausf, 32) != 0);

		/* any flipped bit in MAC-A, AMF or the concealed SQN -> MAC failure */
		for (int bit = 0; bit < 16 * 8; bit++) {
			memcpy(bad, av.autn, 16);
			bad[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
			memset(&ue, 0x5a, sizeof(ue));
			CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(usim, av.rand, bad, snn, 32, &ue),
					-EBADMSG);
			CU_ASSERT_EQUAL(ue.kausf[0] | ue.res_star[0] | ue.sqn[0], 0); /* zeroised */
		}
		/* a genuine AV without the separation bit: MAC fine, 5G UE refuses */
		{
			uint8_t amf0[2] = {(uint8_t)(v->amf[0] & 0x7f), v->amf[1]};

			CU_ASSERT_EQUAL(agw_milenage_gen_av(net, v->rand, v->sqn, amf0, &uav), 0);
			CU_ASSERT_EQUAL(agw_milenage_ue_check_autn(usim, uav.rand, uav.autn, sqn,
								   res, ck, ik),
					0);
			AGW_ASSERT_MEM_EQ(sqn, v->sqn, 6);
			AGW_ASSERT_MEM_EQ(res, v->f2, 8);
			CU_ASSERT_EQUAL(
				agw_milenage_ue_auth_5g(usim, uav.rand, uav.autn, snn, 32, &ue),
				-EPROTO);
		}
		agw_milenage_free(net);
		agw_milenage_free(usim);
	}
}

/* RAND == NULL draws a fresh RAND; two AVs differ, both verify at the UE. */
static void
test_he_av_5g_random_rand(void)
{
	struct agw_milenage *m = wmnsk_ctx();
	struct agw_he_av_5g a, b;
	struct agw_ue_auth_5g ue;
	const uint8_t sqn[6] = {0, 0, 0, 0, 0x10, 0x20}, amf[2] = {0x00, 0x00};

	CU_ASSERT_EQUAL(agw_milenage_gen_he_av_5g(m, NULL, sqn, amf, SNN_001_01, 32, &a), 0);
	CU_ASSERT_EQUAL(agw_milenage_gen_he_av_5g(m, NULL, sqn, amf, SNN_001_01, 32, &b), 0);
	CU_ASSERT(memcmp(a.rand, b.rand, 16) != 0);
	CU_ASSERT(memcmp(a.kausf, b.kausf, 32) != 0);
	CU_ASSERT_EQUAL(a.autn[6], 0x80); /* AMF 0000 + separation bit */
	CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(m, b.rand, b.autn, SNN_001_01, 32, &ue), 0);
	AGW_ASSERT_MEM_EQ(ue.kausf, b.kausf, 32);
	AGW_ASSERT_MEM_EQ(ue.sqn, sqn, 6);
	/* bad serving network name -> -EINVAL and a zeroised AV */
	memset(&a, 0x5a, sizeof(a));
	CU_ASSERT_EQUAL(agw_milenage_gen_he_av_5g(m, NULL, sqn, amf, "WLAN", 4, &a), -EINVAL);
	CU_ASSERT_EQUAL(a.kausf[0] | a.autn[0] | a.rand[0], 0);
	CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(m, b.rand, b.autn, SNN_001_01, 0, &ue), -EINVAL);
	agw_milenage_free(m);
}

static CU_TestInfo milenage_tests[] = {
	{"TS 35.208 sets 1-6: OPc, f1, f1*, f2-f5, f5*", test_ts35208_sets},
	{"bad arguments", test_bad_args},
	{"AV generation (wmnsk/milenage)", test_gen_av_wmnsk},
	{"AUTS (wmnsk/milenage)", test_auts_wmnsk},
	{"AUTS round trip and tampering", test_auts_round_trip},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo he_av_tests[] = {
	{"5G HE AV (wmnsk/milenage) and UE side", test_he_av_5g_wmnsk},
	{"5G HE AV network/UE consistency, tampering", test_he_av_5g_consistency},
	{"5G HE AV with a fresh RAND", test_he_av_5g_random_rand},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"milenage", NULL, NULL, NULL, NULL, milenage_tests},
	{"he_av_5g", NULL, NULL, NULL, NULL, he_av_tests},
	CU_SUITE_INFO_NULL,
};

int
main(void)
{
	return agw_test_main(suites);
}
