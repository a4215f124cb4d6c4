/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * ECIES SUCIs in the real-signalling corpus (agw_real_msgs[], from
 * test/vectors/real-signalling.json): every NAS-5GS Registration Request,
 * Identity Response and Deregistration Request, also inside the NAS
 * message container of a Security Mode Complete, whose 5GS mobile identity
 * is a SUCI with protection scheme 1 or 2. Without the home network keys
 * the checkable fields are checked; where the key is public (the TS 33.501
 * C.4.4 test key) the SUCI is also de-concealed.
 *
 * The corpus holds three (found by walking it; the table below names
 * them):
 *  - srsran/srsRAN_4G@1fab3df lib/test/asn1/nas_5g_msg_test.cc line 356,
 *    registration_request_unpacking_packing_test_2(), reg_request:
 *    Registration Request, profile B, HN key id 27, MCC 001 MNC 01, RI 17.
 *  - srsran/srsRAN_4G@1fab3df lib/test/asn1/nas_5g_msg_test.cc line 965,
 *    security_complete_unpacking_packing_test(), sec_complete: Security
 *    Mode Complete (integrity, EEA0) whose NAS message container is a
 *    Registration Request, profile B, key id 27, MCC 001 MNC 01, RI 17.
 *  - magma/magma@a368d20 lte/gateway/c/core/oai/test/amf/
 *    test_amf_procedures.cpp line 141, identity_response_profile_a:
 *    Identity Response, profile A, key id 1, MCC 222 MNC 456, RI 0
 *    (the IE is followed by one stray 00 octet in magma's buffer).
 * srsRAN's SUCIs were made with the C.4.4 profile B key: they de-conceal
 * to imsi-001010000044880 and imsi-001010000044882. magma's key is not
 * published: its SUCI fails the tag check under the C.4.3 key.
 */

#include <stdio.h>
#include <string.h>

#include "agw_nas5g.h"
#include "agw_real_signalling.h"
#include "agw_test.h"
#include "sidf_test.h"

struct expect {
	const char *source; /* substring of agw_real_msg.source */
	uint8_t scheme, key_id;
	const char *mcc, *mnc, *rid;
	const char *supi; /* with the C.4 key of the scheme, or NULL: tag mismatch */
	int seen;
};

static struct expect expected[] = {
	{"srsRAN_4G@1fab3df lib/test/asn1/nas_5g_msg_test.cc (line 356,", 2, 27, "001", "01", "17",
	 "imsi-001010000044880", 0},
	{"srsRAN_4G@1fab3df lib/test/asn1/nas_5g_msg_test.cc (line 965,", 2, 27, "001", "01", "17",
	 "imsi-001010000044882", 0},
	{"magma/magma@a368d20 lte/gateway/c/core/oai/test/amf/test_amf_procedures.cpp (line 141,",
	 1, 1, "222", "456", "0", NULL, 0},
};

#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static unsigned int n_found;

/* Checks that need no key, on a SUCI the proto decoder gave. */
static void
check_suci(const struct agw_real_msg *r, const uint8_t *v, size_t len)
{
	struct agw_nas5g_mobile_id id;
	const struct agw_nas5g_suci *u = &id.u.suci;
	struct agw_sidf_result res;
	struct agw_sidf_suci s;
	struct agw_hnkeys *ks;
	size_t i;
	int rc, known = 0;

	if (agw_nas5g_mobile_id_decode(v, len, &id) != 0 || id.type != AGW_NAS5G_ID_SUCI ||
	    u->supi_format != 0 ||
	    (u->scheme != AGW_SIDF_PROFILE_A && u->scheme != AGW_SIDF_PROFILE_B))
		return;
	n_found++;
	/* Profile A: 32-octet X25519 key; B: 33 octets, 02/03 (C.3.4). */
	CU_ASSERT_EQUAL(u->eph_pub_len, u->scheme == AGW_SIDF_PROFILE_A ? 32 : 33);
	if (u->scheme == AGW_SIDF_PROFILE_B)
		CU_ASSERT(u->eph_pub[0] == 0x02 || u->eph_pub[0] == 0x03);
	CU_ASSERT_EQUAL(u->out_len, u->eph_pub_len + u->cipher_len + AGW_SIDF_TAG_LEN);
	CU_ASSERT(u->cipher_len >= 1 && u->cipher_len <= AGW_SIDF_MSIN_BCD_MAX);
	CU_ASSERT_PTR_EQUAL(u->mac_tag, u->out + u->out_len - 8);

	/* lib/sidf's view agrees with lib/proto's. */
	rc = agw_sidf_suci_parse(v, len, &s);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(s.scheme, u->scheme);
	CU_ASSERT_EQUAL(s.hn_key_id, u->hn_key_id);
	CU_ASSERT_STRING_EQUAL(s.mcc, u->plmn.mcc);
	CU_ASSERT_STRING_EQUAL(s.mnc, u->plmn.mnc);
	CU_ASSERT_STRING_EQUAL(s.rid, u->rid);
	CU_ASSERT_EQUAL(s.eph_len, u->eph_pub_len);
	CU_ASSERT_EQUAL(s.cipher_len, u->cipher_len);
	AGW_ASSERT_MEM_EQ(s.out, u->out, u->out_len);

	for (i = 0; i < N_EXPECTED; i++) {
		struct expect *e = &expected[i];

		if (strstr(r->source, e->source) == NULL)
			continue;
		e->seen++;
		CU_ASSERT_EQUAL(u->scheme, e->scheme);
		CU_ASSERT_EQUAL(u->hn_key_id, e->key_id);
		CU_ASSERT_STRING_EQUAL(u->plmn.mcc, e->mcc);
		CU_ASSERT_STRING_EQUAL(u->plmn.mnc, e->mnc);
		CU_ASSERT_STRING_EQUAL(u->rid, e->rid);
		/* The C.4 key of the scheme, under the SUCI's key id. */
		ks = agw_hnkeys_create();
		CU_ASSERT_PTR_NOT_NULL_FATAL(ks);
		CU_ASSERT_EQUAL(agw_hnkeys_add_raw(ks, e->key_id, e->scheme,
						   e->scheme == AGW_SIDF_PROFILE_A ? sidf_c4_priv_a
										   : sidf_c4_priv_b,
						   32),
				0);
		rc = agw_sidf_deconceal_parsed(ks, NULL, &s, &res, NULL, NULL);
		if (e->supi != NULL) {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_STRING_EQUAL(res.supi, e->supi);
		} else {
			CU_ASSERT_EQUAL(rc, AGW_SIDF_E_BAD_TAG);
		}
		agw_hnkeys_free(ks);
	}
	/* Every SUCI found must be in the table (keeps the comment true). */
	for (i = 0; i < N_EXPECTED; i++)
		known |= strstr(r->source, expected[i].source) != NULL;
	if (!known)
		fprintf(stderr, "\n  new ECIES SUCI in the corpus: %s\n", r->source);
	CU_ASSERT(known);
}

/* A plain 5GMM message: its mobile identity, or the message in its NAS
 * message container. */
static void
walk_plain(const struct agw_real_msg *r, const uint8_t *p, size_t len, int depth)
{
	const struct agw_nas_ie *ie;
	struct agw_nas5g_msg m;

	int rc;

	if (depth > 2)
		return;
	/* AGW_PROTO_E_TRAILING: zero padding after the last IE, the IEs are
	 * complete (magma's buffer has one 00 after the Identity Response). */
	rc = agw_nas5g_decode(p, len, &m);
	if ((rc != 0 && rc != AGW_PROTO_E_TRAILING) || m.ies.desc == NULL)
		return;
	switch (m.hdr.type) {
	case AGW_NAS5G_MT_REGISTRATION_REQUEST:
	case AGW_NAS5G_MT_IDENTITY_RESPONSE:
	case AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG:
		ie = agw_nas_get(&m.ies, AGW_NAS5G_F_MOBILE_ID);
		if (ie != NULL)
			check_suci(r, ie->v, ie->len);
		break;
	case AGW_NAS5G_MT_SECURITY_MODE_COMPLETE:
		ie = agw_nas_get(&m.ies, AGW_NAS5G_F_NAS_MSG_CONTAINER);
		if (ie != NULL)
			walk_plain(r, ie->v, ie->len, depth + 1);
		break;
	default:
		break;
	}
}

static void
test_corpus_ecies_sucis(void)
{
	struct agw_nas5g_sec sec;
	size_t i;

	n_found = 0;
	for (i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *r = &agw_real_msgs[i];

		if (strcmp(r->proto, "nas-5gs") != 0 ||
		    agw_nas5g_sec_decode(r->data, r->len, &sec) != 0)
			continue;
		/* Protected messages of test suites use EEA0: the inner message
		 * is plain even with SHT 2/4; a real ciphertext does not decode. */
		walk_plain(r, sec.msg, sec.msg_len, 0);
	}
	CU_ASSERT_EQUAL(n_found, N_EXPECTED);
	for (i = 0; i < N_EXPECTED; i++) {
		if (expected[i].seen != 1)
			fprintf(stderr, "\n  not found once: %s\n", expected[i].source);
		CU_ASSERT_EQUAL(expected[i].seen, 1);
	}
}

CU_TestInfo sidf_corpus_tests[] = {
	{"ECIES SUCIs of the real corpus (fields, C.4-key SUCIs)", test_corpus_ecies_sucis},
	CU_TEST_INFO_NULL,
};
