/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Values against a second derivation path: prose_reference.py (hashlib/hmac,
 * from the TS text; checked against RFC 5448 Appendix C by the
 * prose_reference_selfcheck test) recomputes, from the CK/IK/AUTN/SNN the
 * remote UE saw, the whole chain: CK'/IK', K_aut, K_AUSF_P, CP-PRUK,
 * CP-PRUK ID* and the ID NAI, K_NR_ProSe, K_NRP-sess, NRPIK/NRPEK and the
 * AT_MAC of the UE's EAP response; the gateway's and both UEs' values must
 * equal it. And fixed vectors for the TS 33.503 / 33.536 KDF uses, computed
 * with Python hmac and `openssl dgst -mac HMAC` (no 3GPP test data exists
 * for them).
 */
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_test.h"
#include "agw_util.h"
#include "prose_test.h"

static void
check_chain(struct pt_fix *f, unsigned int i, uint32_t rsc, const struct psim_result *res,
	    int new_key)
{
	struct pt_ref ref;
	struct agw_prose_panf_rsp rsp;
	const struct psim_key *k = psim_remote_key(&f->ue[i], rsc);
	const struct psim_remote *r = &f->ue[i];

	CU_ASSERT_EQUAL_FATAL(pt_reference(f, i, rsc, f->seen.nonce2, f->relay.nia, 0, &ref), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	AGW_ASSERT_MEM_EQ(k->pruk, ref.pruk, 32);
	CU_ASSERT_STRING_EQUAL(k->id, ref.id);
	CU_ASSERT_STRING_EQUAL(pt_last(f)->pruk_id, ref.id);
	/* The PAnF holds the same CP-PRUK under the same ID. */
	CU_ASSERT_EQUAL(agw_prose_panf_get(f->p, ref.id, rsc, AGW_PROSE_PANF_NO_AUTHZ, &rsp), 0);
	CU_ASSERT_EQUAL(rsp.status, AGW_PROSE_PANF_KEY);
	AGW_ASSERT_MEM_EQ(rsp.pruk, ref.pruk, 32);
	agw_prose_panf_rsp_clear(&rsp);
	/* K_NR_ProSe of the Relay Key Accept and the UEs' PC5 keys. */
	AGW_ASSERT_MEM_EQ(f->seen.knr, ref.knr, 32);
	AGW_ASSERT_MEM_EQ(res->remote_knr, ref.knr, 32);
	AGW_ASSERT_MEM_EQ(res->relay_sess, ref.sess, 32);
	AGW_ASSERT_MEM_EQ(res->remote_pik, ref.pik, 16);
	AGW_ASSERT_MEM_EQ(res->relay_pek, ref.pek, 16);
	if (new_key) {
		AGW_ASSERT_MEM_EQ(r->trace.k_aut, ref.kaut, 32);
		AGW_ASSERT_MEM_EQ(r->trace.kausf_p, ref.kausfp, 32);
		/* AT_MAC of the UE's response (AT_RES 12 octets, then AT_MAC). */
		AGW_ASSERT_MEM_EQ(r->trace.eap_response + 8 + 12 + 4, ref.mac, 16);
	}
}

static void
t_chain(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t rsc = i % 2 ? PT_RSC2 : PT_RSC;

		pt_connect(&f, i, rsc, &res);
		pt_assert_same_keys(&f, &res);
		CU_ASSERT(res.eap_ran);
		check_chain(&f, i, rsc, &res, 1);
		pt_connect(&f, i, rsc, &res); /* reuse: same CP-PRUK, new nonces */
		pt_assert_same_keys(&f, &res);
		CU_ASSERT(!res.eap_ran);
		check_chain(&f, i, rsc, &res, 0);
	}
	pt_fix_fini(&f);
}

/* The relay may select 128-NIA1 (SNOW 3G) or 128-NIA3 (ZUC): the batch path
 * checks with the algorithm of the DSM Command. */
static void
relay_alg(uint8_t alg)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.relay.nia = alg;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	check_chain(&f, 0, PT_RSC, &res, 1);
	pt_fix_fini(&f);
}

static void
t_relay_nia1(void)
{
	relay_alg(1);
}

static void
t_relay_nia3(void)
{
	relay_alg(3);
}

/* Fixed vectors: K_AUSF_P = 00..1f, SUPI 001010000000001, RSC 00a1b2,
 * Nonce_1 = 00..0f, Nonce_2 = 10..1f (Python hmac = openssl dgst). */
static void
t_fixed_vectors(void)
{
	static const char v1[] = "0381a24426a5e14349cab0d286add602edfea0dc68762ec554de14c66c98dc6d";
	static const char v2[] = "fbece4b0e3a749ed8ac3a91a60b75532df73464e2359be76d5b2b80762998331";
	static const char v3[] = "1df2486bfd0637419b94ad1947fea4c9172b36056500ebd9c5d8428c8ac33a62";
	static const char v4[] = "bb6c584692ac3817c25e494d3d6577d85500f2f6cbc6885e064398f46690bc36";
	static const char v5[] = "fc8c09fe0b624fbd36877ffce95f1b94";
	uint8_t k[32], n1[16], n2[16], pruk[32], ids[32], knr[32], sess[32], pik[16], want[32];
	const char *supi = "001010000000001";

	for (int i = 0; i < 32; i++)
		k[i] = (uint8_t)i;
	for (int i = 0; i < 16; i++)
		n1[i] = (uint8_t)i, n2[i] = (uint8_t)(0x10 + i);
	CU_ASSERT_EQUAL(agw_kdf_cp_pruk(k, supi, strlen(supi), 0xa1b2, pruk), 0);
	agw_hex_decode(v1, want, 32);
	AGW_ASSERT_MEM_EQ(pruk, want, 32);
	CU_ASSERT_EQUAL(agw_kdf_cp_pruk_id_star(k, 0xa1b2, supi, strlen(supi), ids), 0);
	agw_hex_decode(v2, want, 32);
	AGW_ASSERT_MEM_EQ(ids, want, 32);
	CU_ASSERT_EQUAL(agw_kdf_knr_prose(pruk, n1, n2, knr), 0);
	agw_hex_decode(v3, want, 32);
	AGW_ASSERT_MEM_EQ(knr, want, 32);
	CU_ASSERT_EQUAL(agw_kdf_knrp_sess(knr, n1, n2, sess), 0);
	agw_hex_decode(v4, want, 32);
	AGW_ASSERT_MEM_EQ(sess, want, 32);
	CU_ASSERT_EQUAL(agw_kdf_nrp_alg_key(sess, 1, 2, pik), 0);
	agw_hex_decode(v5, want, 16);
	AGW_ASSERT_MEM_EQ(pik, want, 16);
}

CU_TestInfo pt_ref_tests[] = {
	{"whole chain = prose_reference.py (4 UEs, new key and reuse)", t_chain},
	{"relay selects 128-NIA1", t_relay_nia1},
	{"relay selects 128-NIA3", t_relay_nia3},
	{"fixed vectors A.2-A.4, TS 33.536 (hmac = openssl)", t_fixed_vectors},
	CU_TEST_INFO_NULL,
};
