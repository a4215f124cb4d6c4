/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * milenage, av, av5g, ue5g, auts, resync, demo: the tool against the
 * TS 35.208 sets and against the library called with the same inputs.
 */

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_test_vectors.h"
#include "agw_util.h"
#include "kt_test.h"

#define SNN "5G:mnc001.mcc001.3gppnetwork.org"

/* Test subscriber: TS 35.208 set 1. */
#define SUB (&agw_tv_milenage[0])

static struct agw_milenage *
sub_ctx(void)
{
	return agw_milenage_create(SUB->k, SUB->opc, AGW_MILENAGE_OPC);
}

static void
check_milenage_fields(const struct kt_res *r, const struct agw_tv_milenage *v)
{
	KT_ASSERT_OK(r);
	KT_ASSERT_FIELD(r, "opc", v->opc, 16);
	KT_ASSERT_FIELD(r, "f1", v->f1, 8);
	KT_ASSERT_FIELD(r, "f1_star", v->f1_star, 8);
	KT_ASSERT_FIELD(r, "f2", v->f2, 8);
	KT_ASSERT_FIELD(r, "f3", v->f3, 16);
	KT_ASSERT_FIELD(r, "f4", v->f4, 16);
	KT_ASSERT_FIELD(r, "f5", v->f5, 6);
	KT_ASSERT_FIELD(r, "f5_star", v->f5_star, 6);
}

/* The library with OP gives what the tool printed. */
static void
check_milenage_lib(const struct kt_res *r, const struct agw_tv_milenage *v)
{
	uint8_t mac_a[8], mac_s[8], res[8], ck[16], ik[16], ak[6], aks[6];
	struct agw_milenage *m = agw_milenage_create(v->k, v->op, AGW_MILENAGE_OP);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_f1(m, v->rand, v->sqn, v->amf, mac_a, mac_s), 0);
	CU_ASSERT_EQUAL(agw_milenage_f2345(m, v->rand, res, ck, ik, ak), 0);
	CU_ASSERT_EQUAL(agw_milenage_f5star(m, v->rand, aks), 0);
	agw_milenage_free(m);
	KT_ASSERT_FIELD(r, "f1", mac_a, 8);
	KT_ASSERT_FIELD(r, "f1_star", mac_s, 8);
	KT_ASSERT_FIELD(r, "f2", res, 8);
	KT_ASSERT_FIELD(r, "f3", ck, 16);
	KT_ASSERT_FIELD(r, "f4", ik, 16);
	KT_ASSERT_FIELD(r, "f5", ak, 6);
	KT_ASSERT_FIELD(r, "f5_star", aks, 6);
}

static void
test_milenage_published(void)
{
	struct kt_res r;
	size_t i;

	for (i = 0; i < AGW_TV_MILENAGE_N; i++) {
		const struct agw_tv_milenage *v = &agw_tv_milenage[i];

		KT_RUN(&r, "milenage", "--k", kt_hex(v->k, 16), "--op", kt_hex(v->op, 16),
		       "--rand", kt_hex(v->rand, 16), "--sqn", kt_hex(v->sqn, 6), "--amf",
		       kt_hex(v->amf, 2));
		check_milenage_fields(&r, v);
		check_milenage_lib(&r, v);
		KT_RUN(&r, "milenage", "--k", kt_hex(v->k, 16), "--opc", kt_hex(v->opc, 16),
		       "--rand", kt_hex(v->rand, 16), "--sqn", kt_hex(v->sqn, 6), "--amf",
		       kt_hex(v->amf, 2));
		check_milenage_fields(&r, v);
	}
}

static void
test_av(void)
{
	struct agw_milenage *m = sub_ctx();
	struct agw_milenage_av av;
	struct kt_res r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_gen_av(m, SUB->rand, SUB->sqn, SUB->amf, &av), 0);
	agw_milenage_free(m);
	KT_RUN(&r, "av", "--k", kt_hex(SUB->k, 16), "--op", kt_hex(SUB->op, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--sqn", kt_hex(SUB->sqn, 6), "--amf", kt_hex(SUB->amf, 2));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "rand", av.rand, 16);
	KT_ASSERT_FIELD(&r, "autn", av.autn, 16);
	KT_ASSERT_FIELD(&r, "xres", av.xres, 8);
	KT_ASSERT_FIELD(&r, "ck", av.ck, 16);
	KT_ASSERT_FIELD(&r, "ik", av.ik, 16);
	/* Published: XRES = f2, CK = f3, IK = f4 of TS 35.208 set 1. */
	KT_ASSERT_FIELD(&r, "xres", SUB->f2, 8);
	KT_ASSERT_FIELD(&r, "ck", SUB->f3, 16);
	KT_ASSERT_FIELD(&r, "ik", SUB->f4, 16);
	/* The UE side accepts it and gets the same SQN, RES, CK, IK. */
	KT_RUN(&r, "ue", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(av.rand, 16), "--autn", kt_hex(av.autn, 16));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "sqn", SUB->sqn, 6);
	KT_ASSERT_FIELD(&r, "res", av.xres, 8);
	KT_ASSERT_FIELD(&r, "ck", av.ck, 16);
	KT_ASSERT_FIELD(&r, "ik", av.ik, 16);
	av.autn[8] ^= 0x01;
	KT_RUN(&r, "ue", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(av.rand, 16), "--autn", kt_hex(av.autn, 16));
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "MAC-A"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
}

static void
test_av5g(void)
{
	static const uint8_t amf[2] = { 0x80, 0x00 };
	struct agw_milenage *m = sub_ctx();
	struct agw_he_av_5g av;
	uint8_t hx[16];
	struct kt_res r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_gen_he_av_5g(m, SUB->rand, SUB->sqn, amf, SNN, strlen(SNN),
						  &av), 0);
	agw_milenage_free(m);
	CU_ASSERT_EQUAL(agw_kdf_hres_star(av.rand, av.xres_star, hx), 0);
	KT_RUN(&r, "av5g", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--sqn", kt_hex(SUB->sqn, 6), "--amf", "8000", "--snn",
	       SNN);
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "rand", SUB->rand, 16);
	KT_ASSERT_FIELD(&r, "autn", av.autn, 16);
	KT_ASSERT_FIELD(&r, "xres_star", av.xres_star, 16);
	KT_ASSERT_FIELD(&r, "hxres_star", hx, 16);
	KT_ASSERT_FIELD(&r, "kausf", av.kausf, 32);
}

/* av5g with a fresh RAND, answered by ue5g: same SQN, RES* == XRES*, K_AUSF. */
static void
test_av5g_fresh_ue5g(void)
{
	uint8_t rand[16], rand2[16], autn[16], xrs[16], kausf[32];
	struct agw_ue_auth_5g ue;
	struct agw_milenage *m;
	struct kt_res r;

	KT_RUN(&r, "av5g", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--sqn",
	       kt_hex(SUB->sqn, 6), "--amf", "8000", "--snn", SNN);
	KT_ASSERT_OK(&r);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, "rand", rand, 16), 0);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, "autn", autn, 16), 0);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, "xres_star", xrs, 16), 0);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, "kausf", kausf, 32), 0);
	KT_RUN(&r, "av5g", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--sqn",
	       kt_hex(SUB->sqn, 6), "--amf", "8000", "--snn", SNN);
	CU_ASSERT_EQUAL(kt_field(&r, "rand", rand2, 16), 0);
	CU_ASSERT(memcmp(rand, rand2, 16) != 0);
	KT_RUN(&r, "ue5g", "--k", kt_hex(SUB->k, 16), "--op", kt_hex(SUB->op, 16), "--rand",
	       kt_hex(rand, 16), "--autn", kt_hex(autn, 16), "--snn", SNN);
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "sqn", SUB->sqn, 6);
	KT_ASSERT_FIELD(&r, "res_star", xrs, 16);
	KT_ASSERT_FIELD(&r, "kausf", kausf, 32);
	m = sub_ctx();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_ue_auth_5g(m, rand, autn, SNN, strlen(SNN), &ue), 0);
	agw_milenage_free(m);
	KT_ASSERT_FIELD(&r, "res_star", ue.res_star, 16);
	KT_ASSERT_FIELD(&r, "kausf", ue.kausf, 32);
}

/* ue5g: a forged AUTN and a separation bit of 0 both fail with status 1. */
static void
test_ue5g_rejects(void)
{
	uint8_t autn[16];
	struct kt_res r;

	KT_RUN(&r, "av", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--sqn", kt_hex(SUB->sqn, 6), "--amf", "0000");
	KT_ASSERT_OK(&r);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, "autn", autn, 16), 0);
	KT_RUN(&r, "ue5g", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--autn", kt_hex(autn, 16), "--snn", SNN);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "separation bit"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
	autn[15] ^= 1;
	KT_RUN(&r, "ue5g", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--autn", kt_hex(autn, 16), "--snn", SNN);
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "MAC-A"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
}

/* auts (UE) then resync (network) recovers SQN_MS; forged AUTS fails. */
static void
test_auts_resync(void)
{
	static const uint8_t sqn_ms[6] = { 0x00, 0x00, 0x00, 0x00, 0x12, 0x40 };
	struct agw_milenage *m = sub_ctx();
	uint8_t auts[14], sqn[6];
	struct kt_res r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(agw_milenage_gen_auts(m, SUB->rand, sqn_ms, auts), 0);
	CU_ASSERT_EQUAL(agw_milenage_resync(m, SUB->rand, auts, sqn), 0);
	agw_milenage_free(m);
	AGW_ASSERT_MEM_EQ(sqn, sqn_ms, 6);
	KT_RUN(&r, "auts", "--k", kt_hex(SUB->k, 16), "--op", kt_hex(SUB->op, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--sqn-ms", kt_hex(sqn_ms, 6));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, auts, 14);
	KT_RUN(&r, "resync", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--auts", kt_hex(auts, 14));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, sqn_ms, 6);
	auts[13] ^= 0x80;
	KT_RUN(&r, "resync", "--k", kt_hex(SUB->k, 16), "--opc", kt_hex(SUB->opc, 16), "--rand",
	       kt_hex(SUB->rand, 16), "--auts", kt_hex(auts, 14));
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "MAC-S"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
}

/* K_AMF and K_NASint of the demo, from the library. */
static int
demo_keys(uint8_t kamf[32], uint8_t knas_int[16])
{
	static const uint8_t amf[2] = { 0x80, 0x00 }, abba[2] = { 0, 0 };
	struct agw_milenage *m = sub_ctx();
	struct agw_he_av_5g av;
	uint8_t kseaf[32];
	int rc;

	if (m == NULL)
		return -1;
	rc = agw_milenage_gen_he_av_5g(m, SUB->rand, SUB->sqn, amf, SNN, strlen(SNN), &av);
	agw_milenage_free(m);
	if (rc == 0)
		rc = agw_kdf_kseaf(av.kausf, SNN, strlen(SNN), kseaf);
	if (rc == 0)
		rc = agw_kdf_kamf(kseaf, "001010000000001", 15, abba, 2, kamf);
	if (rc == 0)
		rc = agw_kdf_nas_keys(kamf, 2, 2, NULL, knas_int);
	return rc;
}

static void
test_demo(void)
{
	uint8_t kamf[32], knas_int[16];
	struct kt_res r;

	CU_ASSERT_EQUAL_FATAL(demo_keys(kamf, knas_int), 0);
	KT_RUN(&r, "demo");
	KT_ASSERT_OK(&r);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\nverified\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(demo key material)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, kt_hex(kamf, 32)));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, kt_hex(knas_int, 16)));
	CU_ASSERT_PTR_NULL(strstr(r.out, "FAILED"));
}

CU_TestInfo kt_tests_milenage[] = {
	{ "milenage: TS 35.208 sets (OP and OPc) and library", test_milenage_published },
	{ "av and ue: library and TS 35.208 set 1", test_av },
	{ "av5g: library (AUTN, XRES*, HXRES*, K_AUSF)", test_av5g },
	{ "av5g fresh RAND answered by ue5g", test_av5g_fresh_ue5g },
	{ "ue5g: forged AUTN, separation bit 0", test_ue5g_rejects },
	{ "auts and resync round trip, forged AUTS", test_auts_resync },
	{ "demo: runs, verifies, shows library K_AMF", test_demo },
	CU_TEST_INFO_NULL,
};
