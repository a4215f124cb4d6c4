/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * nia, nea, kdf: the tool against the published 128-EIA/EEA sets and
 * against the library called with the same inputs.
 */

#include <stdlib.h>

#include "agw_kdf.h"
#include "agw_nas_sec.h"
#include "agw_test_vectors.h"
#include "agw_util.h"
#include "kt_test.h"

/** One NIA/NEA test set, whatever its category. */
struct sec_vec {
	const char *source;
	const uint8_t *key;
	const uint8_t *count; /**< 4 octets, big endian */
	long bearer;
	long dir;
	long bits;
	const uint8_t *msg;
	size_t msg_len;
	const uint8_t *exp;
	size_t exp_len;
};

#define SEC_VEC(v)                                                                         \
	((struct sec_vec){ (v).source, (v).key, (v).count, (v).bearer, (v).direction,     \
			   (v).length_bits, (v).message, (v).message_len, (v).expected,    \
			   (v).expected_len })

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
lib_sec(int nea, unsigned int alg, const struct sec_vec *v, uint8_t *out)
{
	struct agw_nas_sec_engine *eng = agw_nas_sec_engine_create();
	struct agw_nia_key ik;
	struct agw_nea_key ek;
	int rc;

	if (eng == NULL)
		return -1;
	if (nea) {
		rc = agw_nea_key_init(eng, &ek, alg, v->key);
		if (rc == 0)
			rc = agw_nea_apply(eng, &ek, be32(v->count), (uint8_t)v->bearer,
					   (uint8_t)v->dir, v->msg, out, (uint32_t)v->bits);
	} else {
		rc = agw_nia_key_init(eng, &ik, alg, v->key);
		if (rc == 0)
			rc = agw_nia_compute(eng, &ik, be32(v->count), (uint8_t)v->bearer,
					     (uint8_t)v->dir, v->msg, (uint32_t)v->bits, out);
	}
	agw_nas_sec_engine_free(eng);
	return rc;
}

static void
run_sec(struct kt_res *r, int nea, unsigned int alg, const struct sec_vec *v)
{
	char a[4], b[8], d[4], bits[16];

	snprintf(a, sizeof(a), "%u", alg);
	snprintf(b, sizeof(b), "%ld", v->bearer);
	snprintf(d, sizeof(d), "%ld", v->dir);
	snprintf(bits, sizeof(bits), "%ld", v->bits);
	KT_RUN(r, nea ? "nea" : "nia", "--alg", a, "--key", kt_hex(v->key, 16), "--count",
	       kt_hex(v->count, 4), "--bearer", b, "--dir", d, "--msg", kt_hex(v->msg, v->msg_len),
	       "--bits", bits);
}

/* MAC from the tool == published == library. */
static void
check_nia(unsigned int alg, const struct sec_vec *v)
{
	struct kt_res r;
	uint8_t mac[AGW_NAS_MAC_LEN];

	run_sec(&r, 0, alg, v);
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, v->exp, AGW_NAS_MAC_LEN);
	CU_ASSERT_EQUAL_FATAL(lib_sec(0, alg, v, mac), 0);
	KT_ASSERT_FIELD(&r, NULL, mac, AGW_NAS_MAC_LEN);
}

/* Output from the tool == published (on length_bits bits) == library. */
static void
check_nea(unsigned int alg, const struct sec_vec *v)
{
	size_t n = (size_t)(v->bits + 7) / 8;
	uint8_t *want = calloc(1, n + 1), *lib = calloc(1, v->msg_len + 1);
	struct kt_res r;

	CU_ASSERT_FATAL(want != NULL && lib != NULL);
	memcpy(want, v->exp, n);
	if (v->bits % 8)
		want[n - 1] &= (uint8_t)(0xff00 >> (v->bits % 8));
	run_sec(&r, 1, alg, v);
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, want, n);
	CU_ASSERT_EQUAL(lib_sec(1, alg, v, lib), 0);
	KT_ASSERT_FIELD(&r, NULL, lib, n);
	free(want);
	free(lib);
}

static void
test_nia_published(void)
{
	size_t i;

	for (i = 0; i < AGW_TV_EIA1_N; i++)
		check_nia(AGW_NIA1, &SEC_VEC(agw_tv_eia1[i]));
	for (i = 0; i < AGW_TV_EIA2_N; i++)
		check_nia(AGW_NIA2, &SEC_VEC(agw_tv_eia2[i]));
	for (i = 0; i < AGW_TV_EIA3_N; i++)
		check_nia(AGW_NIA3, &SEC_VEC(agw_tv_eia3[i]));
}

static void
test_nea_published(void)
{
	size_t i;

	for (i = 0; i < AGW_TV_EEA1_N; i++)
		check_nea(AGW_NEA1, &SEC_VEC(agw_tv_eea1[i]));
	for (i = 0; i < AGW_TV_EEA2_N; i++)
		check_nea(AGW_NEA2, &SEC_VEC(agw_tv_eea2[i]));
	for (i = 0; i < AGW_TV_EEA3_N; i++)
		check_nea(AGW_NEA3, &SEC_VEC(agw_tv_eea3[i]));
}

/* NIA0 gives a zero MAC, NEA0 the input; default --bits is the whole msg. */
static void
test_null_and_defaults(void)
{
	static const uint8_t zero[4];
	uint8_t msg[40], key[16], mac[4], cnt[4] = { 0, 0, 0x01, 0x2c };
	struct sec_vec v = { "pattern", key, cnt, 1, 1, 8 * sizeof(msg), msg, sizeof(msg),
			     NULL, 0 };
	struct kt_res r;
	unsigned int alg;

	kt_pattern(msg, sizeof(msg), 1);
	kt_pattern(key, sizeof(key), 2);
	KT_RUN(&r, "nia", "--alg", "0", "--key", kt_hex(key, 16), "--count", "12c", "--bearer",
	       "1", "--dir", "1", "--msg", kt_hex(msg, sizeof(msg)));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, zero, 4);
	KT_RUN(&r, "nea", "--alg", "0", "--key", kt_hex(key, 16), "--count", "12c", "--bearer",
	       "1", "--dir", "1", "--msg", kt_hex(msg, sizeof(msg)));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, msg, sizeof(msg));
	for (alg = 1; alg <= 3; alg++) {
		KT_RUN(&r, "nia", "--alg", alg == 1 ? "1" : alg == 2 ? "2" : "3", "--key",
		       kt_hex(key, 16), "--count", "0x0000012C", "--bearer", "1", "--dir", "1",
		       "--msg", kt_hex(msg, sizeof(msg)));
		KT_ASSERT_OK(&r);
		CU_ASSERT_EQUAL(lib_sec(0, alg, &v, mac), 0);
		KT_ASSERT_FIELD(&r, NULL, mac, 4);
	}
}

/* Deciphering the tool's ciphertext with the tool gives the message back. */
static void
test_nea_roundtrip(void)
{
	uint8_t msg[100], key[16], ct[100];
	struct kt_res r;

	kt_pattern(msg, sizeof(msg), 3);
	kt_pattern(key, sizeof(key), 4);
	KT_RUN(&r, "nea", "--alg", "2", "--key", kt_hex(key, 16), "--count", "ffffffff",
	       "--bearer", "31", "--dir", "0", "--msg", kt_hex(msg, sizeof(msg)));
	KT_ASSERT_OK(&r);
	CU_ASSERT_EQUAL_FATAL(kt_field(&r, NULL, ct, sizeof(ct)), 0);
	CU_ASSERT(memcmp(ct, msg, sizeof(msg)) != 0);
	KT_RUN(&r, "nea", "--alg", "2", "--key", kt_hex(key, 16), "--count", "ffffffff",
	       "--bearer", "31", "--dir", "0", "--msg", kt_hex(ct, sizeof(ct)));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, msg, sizeof(msg));
}

/* kdf == agw_kdf, for 0, 1, 2 and 16 parameters and an empty one. */
static void
test_kdf(void)
{
	uint8_t key[32], p[16][8], out[32];
	struct agw_kdf_param prm[16];
	const char *argv[8 + 2 * 16];
	struct kt_res r;
	unsigned int i, n;

	kt_pattern(key, sizeof(key), 5);
	for (i = 0; i < 16; i++) {
		kt_pattern(p[i], sizeof(p[i]), (uint8_t)(10 + i));
		prm[i].data = p[i];
		prm[i].len = i == 1 ? 0 : sizeof(p[i]);
	}
	for (n = 0; n <= 16; n += (n < 2 ? 1 : 14)) {
		argv[0] = "kdf";
		argv[1] = "--key";
		argv[2] = kt_hex(key, sizeof(key));
		argv[3] = "--fc";
		argv[4] = "6A";
		for (i = 0; i < n; i++) {
			argv[5 + 2 * i] = "--p";
			argv[6 + 2 * i] = i == 1 ? "" : kt_hex(p[i], sizeof(p[i]));
		}
		argv[5 + 2 * n] = NULL;
		kt_run(&r, argv);
		KT_ASSERT_OK(&r);
		CU_ASSERT_EQUAL(agw_kdf(key, sizeof(key), 0x6a, prm, n, out), 0);
		KT_ASSERT_FIELD(&r, NULL, out, sizeof(out));
	}
}

/* kdf with the K_AUSF inputs == derive kausf (TS 33.501 A.2). */
static void
test_kdf_is_kausf(void)
{
	static const char snn[] = "5G:mnc001.mcc001.3gppnetwork.org";
	uint8_t ckik[32], sqn_ak[6], want[32];
	struct kt_res r;

	kt_pattern(ckik, sizeof(ckik), 6);
	kt_pattern(sqn_ak, sizeof(sqn_ak), 7);
	CU_ASSERT_EQUAL_FATAL(agw_kdf_kausf(ckik, ckik + 16, snn, strlen(snn), sqn_ak, want), 0);
	KT_RUN(&r, "kdf", "--key", kt_hex(ckik, 32), "--fc", "6a", "--p",
	       kt_hex((const uint8_t *)snn, strlen(snn)), "--p", kt_hex(sqn_ak, 6));
	KT_ASSERT_OK(&r);
	KT_ASSERT_FIELD(&r, NULL, want, 32);
}

CU_TestInfo kt_tests_sec[] = {
	{ "nia: published 128-EIA1/2/3 sets and library", test_nia_published },
	{ "nea: published 128-EEA1/2/3 sets and library", test_nea_published },
	{ "nia0/nea0, default --bits, 0x and upper-case hex", test_null_and_defaults },
	{ "nea: decipher(cipher(m)) == m", test_nea_roundtrip },
	{ "kdf: 0, 1, 2, 16 parameters vs agw_kdf", test_kdf },
	{ "kdf: FC 0x6A equals derive kausf", test_kdf_is_kausf },
	CU_TEST_INFO_NULL,
};
