/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * derive <what>: every derivation run through the tool and compared with
 * the library called with the same inputs; CK'/IK' and the EAP-AKA' keys
 * also against RFC 5448 Appendix C.
 */

#include "agw_kdf.h"
#include "agw_test_vectors.h"
#include "kt_test.h"

#define SNN "5G:mnc001.mcc001.3gppnetwork.org"
#define SUPI "imsi-001010000000001"
#define SUPI_PARAM "001010000000001"

/* The tool ran fine and printed exactly @want. */
#define CHECK_KEY(r, want, len)                                                            \
	do {                                                                               \
		KT_ASSERT_OK(r);                                                           \
		KT_ASSERT_FIELD(r, NULL, want, len);                                       \
	} while (0)

static void
test_snn_supi(void)
{
	char want[128];
	struct kt_res r;

	KT_RUN(&r, "derive", "snn", "--mcc", "001", "--mnc", "01");
	KT_ASSERT_OK(&r);
	KT_ASSERT_TEXT(&r, SNN);
	CU_ASSERT(agw_kdf_snn("310", "410", want, sizeof(want)) > 0);
	KT_RUN(&r, "derive", "snn", "--mcc", "310", "--mnc", "410");
	KT_ASSERT_OK(&r);
	KT_ASSERT_TEXT(&r, want);
	KT_RUN(&r, "derive", "supi", "--supi", SUPI);
	KT_ASSERT_OK(&r);
	KT_ASSERT_TEXT(&r, SUPI_PARAM);
	CU_ASSERT(agw_kdf_supi_param("nai-user17@example.org", want, sizeof(want)) > 0);
	KT_RUN(&r, "derive", "supi", "--supi", "nai-user17@example.org");
	KT_ASSERT_OK(&r);
	KT_ASSERT_TEXT(&r, want);
}

/* kausf, res-star (RES of 4, 8, 16 octets), hres-star, kseaf, kamf. */
static void
test_aka_chain(void)
{
	uint8_t ck[16], ik[16], sqn_ak[6], rand[16], res[16], rs[16], hrs[16];
	uint8_t kausf[32], kseaf[32], kamf[32], abba[3] = { 0, 0, 0 };
	struct kt_res r;
	size_t rl;

	kt_pattern(ck, 16, 20);
	kt_pattern(ik, 16, 21);
	kt_pattern(sqn_ak, 6, 22);
	kt_pattern(rand, 16, 23);
	kt_pattern(res, 16, 24);
	CU_ASSERT_EQUAL(agw_kdf_kausf(ck, ik, SNN, strlen(SNN), sqn_ak, kausf), 0);
	KT_RUN(&r, "derive", "kausf", "--ck", kt_hex(ck, 16), "--ik", kt_hex(ik, 16), "--snn",
	       SNN, "--sqn-xor-ak", kt_hex(sqn_ak, 6));
	CHECK_KEY(&r, kausf, 32);
	for (rl = 4; rl <= 16; rl += rl == 4 ? 4 : 8) {
		CU_ASSERT_EQUAL(agw_kdf_res_star(ck, ik, SNN, strlen(SNN), rand, res, rl, rs), 0);
		KT_RUN(&r, "derive", "res-star", "--ck", kt_hex(ck, 16), "--ik", kt_hex(ik, 16),
		       "--snn", SNN, "--rand", kt_hex(rand, 16), "--res", kt_hex(res, rl));
		CHECK_KEY(&r, rs, 16);
	}
	CU_ASSERT_EQUAL(agw_kdf_hres_star(rand, rs, hrs), 0);
	KT_RUN(&r, "derive", "hres-star", "--rand", kt_hex(rand, 16), "--res-star",
	       kt_hex(rs, 16));
	CHECK_KEY(&r, hrs, 16);
	CU_ASSERT_EQUAL(agw_kdf_kseaf(kausf, SNN, strlen(SNN), kseaf), 0);
	KT_RUN(&r, "derive", "kseaf", "--kausf", kt_hex(kausf, 32), "--snn", SNN);
	CHECK_KEY(&r, kseaf, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf(kseaf, SUPI_PARAM, strlen(SUPI_PARAM), abba, 2, kamf), 0);
	KT_RUN(&r, "derive", "kamf", "--kseaf", kt_hex(kseaf, 32), "--supi", SUPI, "--abba",
	       "0000");
	CHECK_KEY(&r, kamf, 32);
	KT_RUN(&r, "derive", "kamf", "--kseaf", kt_hex(kseaf, 32), "--supi", SUPI_PARAM,
	       "--abba", "0000");
	CHECK_KEY(&r, kamf, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf(kseaf, SUPI_PARAM, strlen(SUPI_PARAM), abba, 3, kamf), 0);
	KT_RUN(&r, "derive", "kamf", "--kseaf", kt_hex(kseaf, 32), "--supi", SUPI, "--abba",
	       "000000");
	CHECK_KEY(&r, kamf, 32);
}

/* alg-key for all six distinguishers; nas-keys equals alg-key 1 and 2. */
static void
test_alg_keys(void)
{
	uint8_t kamf[32], k[16], enc[16], integ[16];
	char type[4];
	struct kt_res r;
	uint8_t t;

	kt_pattern(kamf, 32, 30);
	for (t = AGW_ALG_NAS_ENC; t <= AGW_ALG_UP_INT; t++) {
		snprintf(type, sizeof(type), "%u", t);
		CU_ASSERT_EQUAL(agw_kdf_alg_key(kamf, t, 3, k), 0);
		KT_RUN(&r, "derive", "alg-key", "--key", kt_hex(kamf, 32), "--type", type,
		       "--alg", "3");
		CHECK_KEY(&r, k, 16);
	}
	CU_ASSERT_EQUAL(agw_kdf_nas_keys(kamf, 2, 1, enc, integ), 0);
	KT_RUN(&r, "derive", "nas-keys", "--kamf", kt_hex(kamf, 32), "--nea", "2", "--nia", "1");
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "knas_enc", enc, 16);
	KT_ASSERT_FIELD(&r, "knas_int", integ, 16);
	CU_ASSERT_EQUAL(agw_kdf_alg_key(kamf, AGW_ALG_NAS_ENC, 2, k), 0);
	AGW_ASSERT_MEM_EQ(enc, k, 16);
	CU_ASSERT_EQUAL(agw_kdf_alg_key(kamf, AGW_ALG_NAS_INT, 1, k), 0);
	AGW_ASSERT_MEM_EQ(integ, k, 16);
}

/* kgnb (both access types), nh, kng-ran-star (gNB, ng-eNB), kamf-prime. */
static void
test_ran_keys(void)
{
	uint8_t kamf[32], sync[32], out[32];
	struct kt_res r;

	kt_pattern(kamf, 32, 40);
	kt_pattern(sync, 32, 41);
	CU_ASSERT_EQUAL(agw_kdf_kgnb(kamf, 0x0102a0b0, AGW_ACCESS_3GPP, out), 0);
	KT_RUN(&r, "derive", "kgnb", "--kamf", kt_hex(kamf, 32), "--ul-count", "0102a0b0");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kgnb(kamf, 7, AGW_ACCESS_NON_3GPP, out), 0);
	KT_RUN(&r, "derive", "kgnb", "--kamf", kt_hex(kamf, 32), "--ul-count", "7", "--access",
	       "2");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_nh(kamf, sync, out), 0);
	KT_RUN(&r, "derive", "nh", "--kamf", kt_hex(kamf, 32), "--sync-input", kt_hex(sync, 32));
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kng_ran_star_gnb(sync, 1007, 632628, out), 0);
	KT_RUN(&r, "derive", "kng-ran-star", "--key", kt_hex(sync, 32), "--pci", "1007",
	       "--arfcn-dl", "632628");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kng_ran_star_enb(sync, 503, 1300, out), 0);
	KT_RUN(&r, "derive", "kng-ran-star-enb", "--key", kt_hex(sync, 32), "--pci", "503",
	       "--earfcn-dl", "1300");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf_prime(kamf, 0, 0x10, out), 0);
	KT_RUN(&r, "derive", "kamf-prime", "--kamf", kt_hex(kamf, 32), "--direction", "0",
	       "--count", "10");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf_prime(kamf, 1, 0xffffffff, out), 0);
	KT_RUN(&r, "derive", "kamf-prime", "--kamf", kt_hex(kamf, 32), "--direction", "1",
	       "--count", "ffffffff");
	CHECK_KEY(&r, out, 32);
}

/* kasme-prime, kamf-from-kasme (idle, ho), eps-alg-key, eps-nas-keys. */
static void
test_interworking(void)
{
	uint8_t kamf[32], kasme[32], nh[32], out[32], enc[16], integ[16];
	struct kt_res r;

	kt_pattern(kamf, 32, 50);
	kt_pattern(kasme, 32, 51);
	kt_pattern(nh, 32, 52);
	CU_ASSERT_EQUAL(agw_kdf_kasme_prime_idle(kamf, 0x33, out), 0);
	KT_RUN(&r, "derive", "kasme-prime", "--kamf", kt_hex(kamf, 32), "--mode", "idle",
	       "--count", "00000033");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kasme_prime_ho(kamf, 0x44, out), 0);
	KT_RUN(&r, "derive", "kasme-prime", "--kamf", kt_hex(kamf, 32), "--mode", "ho",
	       "--count", "44");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf_from_kasme_idle(kasme, 0x55, out), 0);
	KT_RUN(&r, "derive", "kamf-from-kasme", "--kasme", kt_hex(kasme, 32), "--mode", "idle",
	       "--count", "55");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_kamf_from_kasme_ho(kasme, nh, out), 0);
	KT_RUN(&r, "derive", "kamf-from-kasme", "--kasme", kt_hex(kasme, 32), "--mode", "ho",
	       "--nh", kt_hex(nh, 32));
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_eps_alg_key(kasme, AGW_ALG_UP_ENC, 2, out), 0);
	KT_RUN(&r, "derive", "eps-alg-key", "--key", kt_hex(kasme, 32), "--type", "5", "--alg",
	       "2");
	CHECK_KEY(&r, out, 16);
	CU_ASSERT_EQUAL(agw_kdf_eps_alg_key(kasme, AGW_ALG_NAS_ENC, 1, enc), 0);
	CU_ASSERT_EQUAL(agw_kdf_eps_alg_key(kasme, AGW_ALG_NAS_INT, 3, integ), 0);
	KT_RUN(&r, "derive", "eps-nas-keys", "--kasme", kt_hex(kasme, 32), "--eea", "1", "--eia",
	       "3");
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, "knas_enc", enc, 16);
	KT_ASSERT_FIELD(&r, "knas_int", integ, 16);
}

/* ck-ik-prime, eap-aka-prime, kausf-eap: RFC 5448 Appendix C and library. */
static void
test_eap_aka_prime_published(void)
{
	struct agw_eap_aka_prime_keys keys;
	uint8_t ckp[16], ikp[16], kausf[32];
	struct kt_res r;
	size_t i;

	for (i = 0; i < AGW_TV_EAP_AKA_PRIME_N; i++) {
		const struct agw_tv_eap_aka_prime *v = &agw_tv_eap_aka_prime[i];

		KT_RUN(&r, "derive", "ck-ik-prime", "--ck", kt_hex(v->ck, 16), "--ik",
		       kt_hex(v->ik, 16), "--anid", v->network_name, "--sqn-xor-ak",
		       kt_hex(v->sqn_xor_ak, 6));
		KT_ASSERT_OK(&r);
		KT_ASSERT_FIELD(&r, "ck_prime", v->ck_prime, 16);
		KT_ASSERT_FIELD(&r, "ik_prime", v->ik_prime, 16);
		CU_ASSERT_EQUAL(agw_kdf_ck_ik_prime(v->ck, v->ik, v->network_name,
						    strlen(v->network_name), v->sqn_xor_ak, ckp,
						    ikp), 0);
		KT_ASSERT_FIELD(&r, "ck_prime", ckp, 16);
		KT_ASSERT_FIELD(&r, "ik_prime", ikp, 16);
		KT_RUN(&r, "derive", "eap-aka-prime", "--ck-prime", kt_hex(v->ck_prime, 16),
		       "--ik-prime", kt_hex(v->ik_prime, 16), "--identity", v->identity);
		KT_ASSERT_OK(&r);
		KT_ASSERT_FIELD(&r, "k_encr", v->k_encr, 16);
		KT_ASSERT_FIELD(&r, "k_aut", v->k_aut, 32);
		KT_ASSERT_FIELD(&r, "k_re", v->k_re, 32);
		KT_ASSERT_FIELD(&r, "msk", v->msk, 64);
		KT_ASSERT_FIELD(&r, "emsk", v->emsk, 64);
		CU_ASSERT_EQUAL(agw_eap_aka_prime_keys(v->ck_prime, v->ik_prime, v->identity,
						       strlen(v->identity), &keys), 0);
		KT_ASSERT_FIELD(&r, "emsk", keys.emsk, 64);
		KT_RUN(&r, "derive", "kausf-eap", "--emsk", kt_hex(v->emsk, 64));
		CHECK_KEY(&r, v->emsk, 32);
		CU_ASSERT_EQUAL(agw_kdf_kausf_eap_aka_prime(v->emsk, kausf), 0);
		KT_ASSERT_FIELD(&r, NULL, kausf, 32);
	}
}

/* kakma, a-tid, af-id, kaf, akid. */
static void
test_akma(void)
{
	static const uint8_t ua[5] = { 0x01, 0x00, 0x00, 0x01, 0x02 };
	uint8_t kausf[32], kakma[32], atid[32], af_id[300], out[32];
	char akid[256];
	struct kt_res r;
	int n;

	kt_pattern(kausf, 32, 60);
	CU_ASSERT_EQUAL(agw_kdf_kakma(kausf, SUPI_PARAM, strlen(SUPI_PARAM), kakma), 0);
	KT_RUN(&r, "derive", "kakma", "--kausf", kt_hex(kausf, 32), "--supi", SUPI);
	CHECK_KEY(&r, kakma, 32);
	CU_ASSERT_EQUAL(agw_kdf_akma_atid(kausf, SUPI_PARAM, strlen(SUPI_PARAM), atid), 0);
	KT_RUN(&r, "derive", "a-tid", "--kausf", kt_hex(kausf, 32), "--supi", SUPI);
	CHECK_KEY(&r, atid, 32);
	n = agw_akma_af_id("af.example.org", ua, af_id, sizeof(af_id));
	CU_ASSERT_FATAL(n > 0);
	KT_RUN(&r, "derive", "af-id", "--fqdn", "af.example.org", "--ua-proto", kt_hex(ua, 5));
	CHECK_KEY(&r, af_id, (size_t)n);
	CU_ASSERT_EQUAL(agw_kdf_kaf(kakma, af_id, (size_t)n, out), 0);
	KT_RUN(&r, "derive", "kaf", "--kakma", kt_hex(kakma, 32), "--fqdn", "af.example.org",
	       "--ua-proto", kt_hex(ua, 5));
	CHECK_KEY(&r, out, 32);
	CU_ASSERT(agw_akma_akid("12", atid, 32, "001", "01", akid, sizeof(akid)) > 0);
	KT_RUN(&r, "derive", "akid", "--rid", "12", "--a-tid", kt_hex(atid, 32), "--mcc", "001",
	       "--mnc", "01");
	KT_ASSERT_OK(&r);
	KT_ASSERT_TEXT(&r, akid);
}

/* cp-pruk, cp-pruk-id, knr-prose, knrp-sess, nrpek, nrpik. */
static void
test_prose(void)
{
	uint8_t kp[32], n1[16], n2[16], out[32], sess[32];
	struct kt_res r;

	kt_pattern(kp, 32, 70);
	kt_pattern(n1, 16, 71);
	kt_pattern(n2, 16, 72);
	CU_ASSERT_EQUAL(agw_kdf_cp_pruk(kp, SUPI_PARAM, strlen(SUPI_PARAM), 0x00a1b2, out), 0);
	KT_RUN(&r, "derive", "cp-pruk", "--kausf-p", kt_hex(kp, 32), "--supi", SUPI, "--rsc",
	       "00a1b2");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_cp_pruk_id_star(kp, 0xfffffe, SUPI_PARAM, strlen(SUPI_PARAM),
						out), 0);
	KT_RUN(&r, "derive", "cp-pruk-id", "--kausf-p", kt_hex(kp, 32), "--supi", SUPI, "--rsc",
	       "fffffe");
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_knr_prose(kp, n1, n2, out), 0);
	KT_RUN(&r, "derive", "knr-prose", "--cp-pruk", kt_hex(kp, 32), "--nonce-1",
	       kt_hex(n1, 16), "--nonce-2", kt_hex(n2, 16));
	CHECK_KEY(&r, out, 32);
	CU_ASSERT_EQUAL(agw_kdf_knrp_sess(kp, n1, n2, sess), 0);
	KT_RUN(&r, "derive", "knrp-sess", "--knrp", kt_hex(kp, 32), "--nonce-1", kt_hex(n1, 16),
	       "--nonce-2", kt_hex(n2, 16));
	CHECK_KEY(&r, sess, 32);
	CU_ASSERT_EQUAL(agw_kdf_nrp_alg_key(sess, 0, 2, out), 0);
	KT_RUN(&r, "derive", "nrpek", "--knrp-sess", kt_hex(sess, 32), "--alg", "2");
	CHECK_KEY(&r, out, 16);
	CU_ASSERT_EQUAL(agw_kdf_nrp_alg_key(sess, 1, 2, out), 0);
	KT_RUN(&r, "derive", "nrpik", "--knrp-sess", kt_hex(sess, 32), "--alg", "2");
	CHECK_KEY(&r, out, 16);
}

CU_TestInfo kt_tests_derive[] = {
	{ "derive snn, supi", test_snn_supi },
	{ "derive kausf, res-star, hres-star, kseaf, kamf", test_aka_chain },
	{ "derive alg-key, nas-keys", test_alg_keys },
	{ "derive kgnb, nh, kng-ran-star(-enb), kamf-prime", test_ran_keys },
	{ "derive kasme-prime, kamf-from-kasme, eps-alg-key, eps-nas-keys", test_interworking },
	{ "derive ck-ik-prime, eap-aka-prime, kausf-eap: RFC 5448 C", test_eap_aka_prime_published },
	{ "derive kakma, a-tid, af-id, kaf, akid", test_akma },
	{ "derive cp-pruk, cp-pruk-id, knr-prose, knrp-sess, nrpek, nrpik", test_prose },
	CU_TEST_INFO_NULL,
};
