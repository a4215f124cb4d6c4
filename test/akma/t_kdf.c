/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * K_AKMA / A-TID / K_AF through the whole anchor against values from
 * outside it: the spec/001 3.4 vectors (computed with Python hmac and
 * openssl dgst) and akma_reference.py for random inputs.
 */
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

static const char v2_atid[] = "67d8dee47b7d74e6f457b7b23d5806746ed87b920aa8035f37b494c1bfc5d83b";
static const char v3_kaf[] = "a89042785c95e56bdce5ed364111c15a6aeaef7dcac87d51f5da66e5c6557adf";

static int
auth_v(struct at_fix *f, struct agw_akma_ident *id)
{
	uint8_t k[32];
	struct agw_akma_auth a = {AT_V_SUPI, k, AT_RID, 1, 1, NULL};

	for (int i = 0; i < 32; i++)
		k[i] = (uint8_t)i;
	return agw_akma_ausf_auth_result(f->ak, &a, id);
}

/* spec/001 V3: K_AF of af.example.com || 01 00 00 00 02 from V1's K_AKMA. */
static void
t_spec_vectors(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	uint8_t want[32];

	at_fix_init(&f);
	at_create(&f);
	CU_ASSERT_EQUAL(auth_v(&f, &id), 1);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 0), id.nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_OK);
	agw_hex_decode(v3_kaf, want, 32);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_STRING_EQUAL(rs.supi, AT_V_SUPI);
	/* expiry = now + 3600 (no identifier lifetime). */
	CU_ASSERT_EQUAL(rs.expiry, f.now + 3600);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/*
 * TS A-TID source: the TID is V2 and the identifier is exactly the A-KID
 * lib/crypto's agw_akma_akid() builds from the same RID, A-TID and PLMN.
 */
static void
t_ts_atid(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	char akid[256];
	uint8_t want[32];

	at_fix_init(&f);
	f.conf.tid_source = AGW_AKMA_TID_KDF;
	at_create(&f);
	CU_ASSERT_EQUAL(auth_v(&f, &id), 1);
	agw_hex_decode(v2_atid, want, 32);
	CU_ASSERT_EQUAL(id.fields.tid_len, 32);
	AGW_ASSERT_MEM_EQ(id.fields.tid, want, 32);
	CU_ASSERT(agw_akma_akid(AT_RID, want, 32, AT_MCC, AT_MNC, akid, sizeof(akid)) > 0);
	CU_ASSERT_STRING_EQUAL(id.nai, akid);
	at_fix_fini(&f);
}

/* 24 subscribers x 3 AFs: the anchor's K_AF equals akma_reference.py's. */
static void
t_random_vs_reference(void)
{
	enum { N = 24 };
	struct at_fix f;
	struct agw_akma_ident id[N];
	struct at_ref_in in[N * AT_N_AF];
	struct at_ref_out out[N * AT_N_AF];
	struct agw_akma_kaf_resp rs;
	unsigned int i, a, bad = 0;

	at_fix_init(&f);
	f.conf.tid_source = AGW_AKMA_TID_KDF;
	at_create(&f);
	for (i = 0; i < N; i++) {
		CU_ASSERT_EQUAL(at_auth(&f, 1000 + i * 7919, NULL, &id[i]), 1);
		for (a = 0; a < AT_N_AF; a++) {
			struct at_ref_in *r = &in[i * AT_N_AF + a];

			at_kausf(1000 + i * 7919, r->kausf);
			at_supi(1000 + i * 7919, r->supi);
			r->af_id_len = at_af_id(&f, a, r->af_id);
		}
	}
	CU_ASSERT_EQUAL_FATAL(at_ref(in, out, N * AT_N_AF), 0);
	for (i = 0; i < N; i++) {
		/* TS mode: the TID is the reference A-TID. */
		if (memcmp(id[i].fields.tid, out[i * AT_N_AF].atid, 32) != 0)
			bad++;
		for (a = 0; a < AT_N_AF; a++) {
			/* a3 serves every AF, so no relocation is involved here. */
			CU_ASSERT_EQUAL(
				at_kaf(agw_akma_aanf_at(f.ak, 2), id[i].nai, f.af[a].af_id, 0, &rs),
				AGW_AKMA_V_OK);
			if (memcmp(rs.kaf, out[i * AT_N_AF + a].kaf, 32) != 0)
				bad++;
			/* AF af2 is configured without the SUPI (spec/001 Q17). */
			CU_ASSERT_EQUAL(rs.supi[0] != '\0', a != 1);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	agw_akma_kaf_resp_clear(&rs);
	agw_memzero(in, sizeof(in));
	agw_memzero(out, sizeof(out));
	at_fix_fini(&f);
}

CU_TestInfo at_kdf_tests[] = {
	{"spec/001 V1/V3 through the anchor", t_spec_vectors},
	{"TS A-TID source: V2, identifier = agw_akma_akid()", t_ts_atid},
	{"K_AF and A-TID equal akma_reference.py (72 cases)", t_random_vs_reference},
	CU_TEST_INFO_NULL,
};
