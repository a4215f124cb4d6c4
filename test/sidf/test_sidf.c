/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * test_sidf [anchor-keytool]: lib/sidf (SUCI de-concealment, TS 33.501
 * 6.12 and Annex C) and the `suci` commands of anchor-keytool.
 */

#include <stdio.h>
#include <string.h>

#include "agw_test.h"
#include "sidf_test.h"

const char *sidf_keytool;

const uint8_t sidf_c4_priv_a[32] = {
	0xc5, 0x3c, 0x22, 0x20, 0x8b, 0x61, 0x86, 0x0b, 0x06, 0xc6, 0x2e,
	0x54, 0x06, 0xa7, 0xb3, 0x30, 0xc2, 0xb5, 0x77, 0xaa, 0x55, 0x58,
	0x98, 0x15, 0x10, 0xd1, 0x28, 0x24, 0x7d, 0x38, 0xbd, 0x1d,
};
const uint8_t sidf_c4_priv_b[32] = {
	0xf1, 0xab, 0x10, 0x74, 0x47, 0x7e, 0xbc, 0xc7, 0xf5, 0x54, 0xea,
	0x1c, 0x5f, 0xc3, 0x68, 0xb1, 0x61, 0x67, 0x30, 0x15, 0x5e, 0x00,
	0x41, 0xac, 0x44, 0x7d, 0x63, 0x01, 0x97, 0x5f, 0xec, 0xda,
};

struct agw_hnkeys *
sidf_c4_keys(unsigned int id_a, unsigned int id_b)
{
	struct agw_hnkeys *ks = agw_hnkeys_create();

	CU_ASSERT_PTR_NOT_NULL_FATAL(ks);
	CU_ASSERT_EQUAL_FATAL(agw_hnkeys_add_raw(ks, id_a, AGW_SIDF_PROFILE_A, sidf_c4_priv_a, 32),
			      0);
	CU_ASSERT_EQUAL_FATAL(agw_hnkeys_add_raw(ks, id_b, AGW_SIDF_PROFILE_B, sidf_c4_priv_b, 32),
			      0);
	return ks;
}

long
sidf_make_imsi_suci(struct agw_hnkeys *ks, unsigned int id, const char *msin, uint8_t *ie,
		    size_t cap)
{
	struct agw_sidf_ue ue;
	unsigned int scheme = 0;
	uint8_t pub[AGW_SIDF_P256_C_LEN];
	int pl;
	long n;

	pl = agw_hnkeys_public(ks, id, pub, sizeof(pub), &scheme);
	CU_ASSERT_FATAL(pl > 0);
	memset(&ue, 0, sizeof(ue));
	ue.scheme = (uint8_t)scheme;
	ue.supi_type = AGW_SIDF_SUPI_IMSI;
	ue.hn_key_id = (uint8_t)id;
	ue.hn_pub = pub;
	ue.hn_pub_len = (size_t)pl;
	strcpy(ue.mcc, "001");
	strcpy(ue.mnc, "01");
	strcpy(ue.rid, "0");
	ue.msin = msin;
	n = agw_sidf_conceal(&ue, ie, cap, NULL);
	CU_ASSERT_FATAL(n > 0);
	return n;
}

char *
sidf_hex(const uint8_t *b, size_t len, char *out, int upper)
{
	const char *hx = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}

int
main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
		{"sidf_c4_vectors", NULL, NULL, NULL, NULL, sidf_vector_tests},
		{"sidf_corpus", NULL, NULL, NULL, NULL, sidf_corpus_tests},
		{"sidf_negative", sidf_negative_init, sidf_negative_fini, NULL, NULL,
		 sidf_negative_tests},
		{"sidf_rotation", NULL, NULL, NULL, NULL, sidf_rotation_tests},
		{"sidf_keytool", NULL, NULL, NULL, NULL, sidf_keytool_tests},
		CU_SUITE_INFO_NULL,
	};
	int rc;

	sidf_keytool = argc > 1 ? argv[1] : NULL; /* the keytool tests fail without it */
	rc = agw_test_main(suites);
	agw_sidf_thread_release();
	return rc;
}
