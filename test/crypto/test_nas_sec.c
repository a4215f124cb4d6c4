/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Unit tests of lib/crypto/nas_sec.c: 128-NIA0..3 / 128-NEA0..3 against the
 * 3GPP test sets (TS 33.401 Annex C, TS 35.217, TS 35.223), RFC 4493 and
 * OpenSSL as an independent reference for AES-CMAC / AES-CTR, through the
 * single-message and the burst APIs.
 */

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <intel-ipsec-mb.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "agw_nas_sec.h"
#include "agw_test.h"
#include "agw_test_vectors.h"
#include "agw_util.h"

#define HEADROOM AGW_NIA2_PREFIX_LEN
#define CANARY 0xc3
#define MAX_TV 16

/* One 3GPP test set, whatever its category. */
struct tv {
	const char *source;
	const uint8_t *key;
	uint32_t count;
	uint8_t bearer;
	uint8_t dir;
	uint32_t len_bits;
	const uint8_t *msg;
	const uint8_t *exp;
};

enum cat { C_EEA1, C_EEA2, C_EEA3, C_F8, C_EIA1, C_EIA2, C_EIA3, C_NUM };

static const unsigned int cat_alg[C_NUM] = {
	[C_EEA1] = AGW_NEA1, [C_EEA2] = AGW_NEA2, [C_EEA3] = AGW_NEA3, [C_F8] = AGW_NEA1,
	[C_EIA1] = AGW_NIA1, [C_EIA2] = AGW_NIA2, [C_EIA3] = AGW_NIA3,
};

static struct tv g_tv[C_NUM][MAX_TV];
static unsigned int g_n[C_NUM];
static struct agw_nas_sec_engine *g_eng;

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static size_t
nbytes(uint32_t bits)
{
	return (bits + 7) / 8;
}

/* Copy a generated record into g_tv, checking that its fields are usable. */
static int
tv_add(enum cat c, const char *src, const uint8_t *key, size_t key_len, const uint8_t *count,
       size_t count_len, long bearer, long dir, long bits, const uint8_t *msg, size_t msg_len,
       const uint8_t *exp, size_t exp_len)
{
	int mac = c >= C_EIA1;
	struct tv *t;

	if (g_n[c] == MAX_TV || key_len != 16 || count_len != 4 || bearer < 0 || bearer > 31 ||
	    dir < 0 || dir > 1 || bits < 1 || msg_len < nbytes((uint32_t)bits) ||
	    exp_len < (mac ? AGW_NAS_MAC_LEN : nbytes((uint32_t)bits))) {
		fprintf(stderr, "malformed test vector: %s\n", src);
		return -1;
	}
	t = &g_tv[c][g_n[c]++];
	*t = (struct tv){ .source = src, .key = key, .count = be32(count),
			  .bearer = (uint8_t)bearer, .dir = (uint8_t)dir,
			  .len_bits = (uint32_t)bits, .msg = msg, .exp = exp };
	return 0;
}

#define TV_LOAD(c, arr, n)                                                                   \
	do {                                                                                 \
		for (size_t i_ = 0; i_ < (n); i_++)                                          \
			if (tv_add(c, arr[i_].source, arr[i_].key, arr[i_].key_len,          \
				   arr[i_].count, arr[i_].count_len, arr[i_].bearer,         \
				   arr[i_].direction, arr[i_].length_bits, arr[i_].message,  \
				   arr[i_].message_len, arr[i_].expected,                    \
				   arr[i_].expected_len) != 0)                               \
				return -1;                                                   \
	} while (0)

static int
suite_init(void)
{
	memset(g_n, 0, sizeof(g_n));
	TV_LOAD(C_EEA1, agw_tv_eea1, AGW_TV_EEA1_N);
	TV_LOAD(C_EEA2, agw_tv_eea2, AGW_TV_EEA2_N);
	TV_LOAD(C_EEA3, agw_tv_eea3, AGW_TV_EEA3_N);
	TV_LOAD(C_F8, agw_tv_snow3g_f8, AGW_TV_SNOW3G_F8_N);
	TV_LOAD(C_EIA1, agw_tv_eia1, AGW_TV_EIA1_N);
	TV_LOAD(C_EIA2, agw_tv_eia2, AGW_TV_EIA2_N);
	TV_LOAD(C_EIA3, agw_tv_eia3, AGW_TV_EIA3_N);
	for (int c = 0; c < C_NUM; c++)
		if (g_n[c] == 0)
			return -1;
	g_eng = agw_nas_sec_engine_create();
	return g_eng == NULL ? -1 : 0;
}

static int
suite_clean(void)
{
	agw_nas_sec_engine_free(g_eng);
	g_eng = NULL;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static uint8_t
tail_mask(uint32_t bits)
{
	return (bits & 7) ? (uint8_t)(0xff00 >> (bits & 7)) : 0xff;
}

/* Compare the first @p bits bits of two buffers. */
static void
assert_bits_eq(const uint8_t *got, const uint8_t *want, uint32_t bits, const char *what)
{
	size_t n = nbytes(bits);
	uint8_t *a = malloc(n + 1), *b = malloc(n + 1);

	CU_ASSERT_FATAL(a != NULL && b != NULL);
	memcpy(a, got, n);
	memcpy(b, want, n);
	if (n) {
		a[n - 1] &= tail_mask(bits);
		b[n - 1] &= tail_mask(bits);
	}
	if (memcmp(a, b, n) != 0)
		fprintf(stderr, "\n  (%s, %u bits)", what, bits);
	AGW_ASSERT_MEM_EQ(a, b, n);
	free(a);
	free(b);
}

/* Bits past @p bits in the last octet are zero. */
static void
assert_tail_zero(const uint8_t *buf, uint32_t bits)
{
	if (bits & 7)
		CU_ASSERT_EQUAL(buf[bits / 8] & (uint8_t)~tail_mask(bits), 0);
}

static void
flip_bit(uint8_t *buf, uint32_t bit)
{
	buf[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
}

static void
fill_rand(uint8_t *p, size_t n, unsigned int *seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rand_r(seed);
}

/* Buffer with HEADROOM canary octets before the returned pointer. */
static uint8_t *
buf_with_headroom(const uint8_t *msg, size_t len)
{
	uint8_t *b = malloc(HEADROOM + len + 1);

	CU_ASSERT_FATAL(b != NULL);
	memset(b, CANARY, HEADROOM + len + 1);
	if (msg != NULL)
		memcpy(b + HEADROOM, msg, len);
	return b + HEADROOM;
}

static void
buf_free(uint8_t *p)
{
	if (p != NULL)
		free(p - HEADROOM);
}

/* AES-CMAC with OpenSSL, as an independent reference. */
static void
ossl_cmac(const uint8_t key[16], const uint8_t *msg, size_t len, uint8_t out[16])
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	char cipher[] = "AES-128-CBC";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
		OSSL_PARAM_construct_end(),
	};
	size_t olen = 0;

	CU_ASSERT_FATAL(ctx != NULL);
	CU_ASSERT_FATAL(EVP_MAC_init(ctx, key, 16, params) == 1);
	CU_ASSERT_FATAL(EVP_MAC_update(ctx, msg, len) == 1);
	CU_ASSERT_FATAL(EVP_MAC_final(ctx, out, &olen, 16) == 1 && olen == 16);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
}

/* AES-128-CTR with OpenSSL from a 16-octet initial counter block. */
static void
ossl_ctr(const uint8_t key[16], const uint8_t iv[16], const uint8_t *in, uint8_t *out, int len)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l1 = 0, l2 = 0;

	CU_ASSERT_FATAL(ctx != NULL);
	CU_ASSERT_FATAL(EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv) == 1);
	CU_ASSERT_FATAL(EVP_EncryptUpdate(ctx, out, &l1, in, len) == 1);
	CU_ASSERT_FATAL(EVP_EncryptFinal_ex(ctx, out + l1, &l2) == 1 && l1 + l2 == len);
	EVP_CIPHER_CTX_free(ctx);
}

/* COUNT | BEARER | DIRECTION | 0^26 (TS 33.401 B.1.3 / B.2.3), written out. */
static void
ref_prefix(uint8_t p[8], uint32_t count, uint8_t bearer, uint8_t dir)
{
	p[0] = (uint8_t)(count >> 24);
	p[1] = (uint8_t)(count >> 16);
	p[2] = (uint8_t)(count >> 8);
	p[3] = (uint8_t)count;
	p[4] = (uint8_t)(bearer << 3 | dir << 2);
	p[5] = p[6] = p[7] = 0;
}

/* ------------------------------------------------------------------ */
/* Single-message API against the 3GPP vectors                         */
/* ------------------------------------------------------------------ */

static void
nea_vectors(enum cat c)
{
	for (unsigned int i = 0; i < g_n[c]; i++) {
		const struct tv *t = &g_tv[c][i];
		size_t n = nbytes(t->len_bits);
		uint8_t *out = malloc(n + 1), *back = malloc(n + 1), *inpl = malloc(n + 1);
		struct agw_nea_key key;

		CU_ASSERT_FATAL(out != NULL && back != NULL && inpl != NULL);
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &key, cat_alg[c], t->key), 0);
		memset(out, 0xff, n + 1);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &key, t->count, t->bearer, t->dir, t->msg,
					      out, t->len_bits), 0);
		assert_bits_eq(out, t->exp, t->len_bits, t->source);
		assert_tail_zero(out, t->len_bits);
		CU_ASSERT_EQUAL(out[n], 0xff); /* nothing written past the end */
		/* decrypt back to the plaintext */
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &key, t->count, t->bearer, t->dir, out, back,
					      t->len_bits), 0);
		assert_bits_eq(back, t->msg, t->len_bits, t->source);
		/* in place gives the same */
		memcpy(inpl, t->msg, n);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &key, t->count, t->bearer, t->dir, inpl,
					      inpl, t->len_bits), 0);
		AGW_ASSERT_MEM_EQ(inpl, out, n);
		agw_nea_key_clear(&key);
		free(out);
		free(back);
		free(inpl);
	}
}

static void test_eea1_single(void) { nea_vectors(C_EEA1); }
static void test_eea2_single(void) { nea_vectors(C_EEA2); }
static void test_eea3_single(void) { nea_vectors(C_EEA3); }
static void test_snow3g_f8_single(void) { nea_vectors(C_F8); }

static void
nia_vector_one(const struct tv *t, unsigned int alg)
{
	size_t n = nbytes(t->len_bits);
	uint8_t *m = malloc(n);
	uint8_t mac[AGW_NAS_MAC_LEN], bad[AGW_NAS_MAC_LEN];
	struct agw_nia_key key;

	CU_ASSERT_FATAL(m != NULL);
	memcpy(m, t->msg, n);
	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &key, alg, t->key), 0);
	memset(mac, 0xee, sizeof(mac));
	CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &key, t->count, t->bearer, t->dir, m, t->len_bits,
					mac), 0);
	if (memcmp(mac, t->exp, AGW_NAS_MAC_LEN) != 0)
		fprintf(stderr, "\n  (%s)", t->source);
	AGW_ASSERT_MEM_EQ(mac, t->exp, AGW_NAS_MAC_LEN);
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &key, t->count, t->bearer, t->dir, m, t->len_bits,
				       t->exp), 0);
	/* one flipped MAC bit (a different one for each set) */
	memcpy(bad, t->exp, sizeof(bad));
	flip_bit(bad, (t->count + t->len_bits) % 32);
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &key, t->count, t->bearer, t->dir, m, t->len_bits,
				       bad), -EBADMSG);
	/* one flipped message bit: the first, then the last one that counts */
	flip_bit(m, 0);
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &key, t->count, t->bearer, t->dir, m, t->len_bits,
				       t->exp), -EBADMSG);
	flip_bit(m, 0);
	flip_bit(m, t->len_bits - 1);
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &key, t->count, t->bearer, t->dir, m, t->len_bits,
				       t->exp), -EBADMSG);
	flip_bit(m, t->len_bits - 1);
	/* bits past len_bits in the last octet do not count */
	if (t->len_bits & 7) {
		m[n - 1] ^= (uint8_t)~tail_mask(t->len_bits);
		CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &key, t->count, t->bearer, t->dir, m,
					       t->len_bits, t->exp), 0);
	}
	agw_nia_key_clear(&key);
	free(m);
}

static void
nia_vectors(enum cat c)
{
	for (unsigned int i = 0; i < g_n[c]; i++)
		nia_vector_one(&g_tv[c][i], cat_alg[c]);
}

static void test_eia1_single(void) { nia_vectors(C_EIA1); }
static void test_eia2_single(void) { nia_vectors(C_EIA2); }
static void test_eia3_single(void) { nia_vectors(C_EIA3); }

/* Every input of the IV must change the result. */
static void
test_iv_inputs(void)
{
	static const uint8_t k[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	static const struct { uint32_t count; uint8_t bearer, dir; } in[] = {
		{ 0x12345678, 0, 0 }, { 0x12345679, 0, 0 }, { 0x92345678, 0, 0 },
		{ 0x12345678, 1, 0 }, { 0x12345678, 16, 0 }, { 0x12345678, 0, 1 },
		{ 0x12345678, 31, 1 },
	};
	const size_t ni = sizeof(in) / sizeof(in[0]);
	uint8_t msg[40] = { 0 }, macs[7][4], ct[7][40];
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	for (unsigned int alg = 1; alg <= 3; alg++) {
		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, alg, k), 0);
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ek, alg, k), 0);
		for (size_t i = 0; i < ni; i++) {
			CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, in[i].count, in[i].bearer,
							in[i].dir, msg, 320, macs[i]), 0);
			CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, in[i].count, in[i].bearer,
						      in[i].dir, msg, ct[i], 320), 0);
		}
		for (size_t i = 0; i < ni; i++)
			for (size_t j = i + 1; j < ni; j++) {
				CU_ASSERT(memcmp(macs[i], macs[j], 4) != 0);
				CU_ASSERT(memcmp(ct[i], ct[j], 40) != 0);
			}
	}
	agw_nia_key_clear(&ik);
	agw_nea_key_clear(&ek);
}

/* ------------------------------------------------------------------ */
/* Key paths and independent references                                */
/* ------------------------------------------------------------------ */

/* Run AES-CMAC (IPsec-MB job, full 16-octet tag) with an expanded NIA2 key. */
static void
imb_cmac(IMB_MGR *mgr, const struct agw_nia_key *key, const uint8_t *msg, uint32_t bits,
	 int bitlen, uint8_t tag[16])
{
	IMB_JOB *job = IMB_GET_NEXT_JOB(mgr);

	memset(job, 0, sizeof(*job));
	job->cipher_mode = IMB_CIPHER_NULL;
	job->chain_order = IMB_ORDER_HASH_CIPHER;
	job->hash_alg = bitlen ? IMB_AUTH_AES_CMAC_BITLEN : IMB_AUTH_AES_CMAC;
	job->src = msg;
	if (bitlen)
		job->msg_len_to_hash_in_bits = bits;
	else
		job->msg_len_to_hash_in_bytes = bits / 8;
	job->u.CMAC._key_expanded = key->u.cmac.enc_keys;
	job->u.CMAC._skey1 = key->u.cmac.k1;
	job->u.CMAC._skey2 = key->u.cmac.k2;
	job->auth_tag_output = tag;
	job->auth_tag_output_len_in_bytes = 16;
	job = IMB_SUBMIT_JOB(mgr);
	if (job == NULL)
		job = IMB_FLUSH_JOB(mgr);
	CU_ASSERT_FATAL(job != NULL);
	CU_ASSERT_EQUAL(job->status, IMB_STATUS_COMPLETED);
}

/*
 * RFC 4493 through the NIA2 key path: the subkeys of agw_nia_key_init()
 * against RFC 4493 section 4, and the four RFC examples through IPsec-MB's
 * CMAC with that expanded key (the NIA2 API itself always prepends the
 * 3GPP prefix and truncates to 32 bits, so it cannot produce them).
 */
static void
test_cmac_rfc4493(void)
{
	/* RFC 4493 section 4, "Subkey Generation". */
	static const uint8_t k1[16] = { 0xfb, 0xee, 0xd6, 0x18, 0x35, 0x71, 0x33, 0x66,
					0x7c, 0x85, 0xe0, 0x8f, 0x72, 0x36, 0xa8, 0xde };
	static const uint8_t k2[16] = { 0xf7, 0xdd, 0xac, 0x30, 0x6a, 0xe2, 0x66, 0xcc,
					0xf9, 0x0b, 0xc1, 0x1e, 0xe4, 0x6d, 0x51, 0x3b };
	IMB_MGR *mgr = alloc_mb_mgr(0);
	struct agw_nia_key key;
	uint8_t tag[16];

	CU_ASSERT_FATAL(mgr != NULL);
	init_mb_mgr_auto(mgr, NULL);
	CU_ASSERT_FATAL(imb_get_errno(mgr) == 0);
	CU_ASSERT_FATAL(AGW_TV_AES_CMAC_N >= 4);
	for (size_t i = 0; i < AGW_TV_AES_CMAC_N; i++) {
		const struct agw_tv_aes_cmac *v = &agw_tv_aes_cmac[i];

		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &key, AGW_NIA2, v->key), 0);
		AGW_ASSERT_MEM_EQ(key.u.cmac.k1, k1, 16);
		AGW_ASSERT_MEM_EQ(key.u.cmac.k2, k2, 16);
		imb_cmac(mgr, &key, v->message, (uint32_t)v->length_bits, 0, tag);
		AGW_ASSERT_MEM_EQ(tag, v->expected, 16);
		memset(tag, 0, sizeof(tag));
		imb_cmac(mgr, &key, v->message, (uint32_t)v->length_bits, 1, tag);
		AGW_ASSERT_MEM_EQ(tag, v->expected, 16);
		/* and OpenSSL agrees with the RFC */
		ossl_cmac(v->key, v->message, v->message_len, tag);
		AGW_ASSERT_MEM_EQ(tag, v->expected, 16);
	}
	agw_nia_key_clear(&key);
	free_mb_mgr(mgr);
}

/* TS 35.217 UIA2 sets (arbitrary FRESH) through the NIA1 key schedule. */
static void
test_snow3g_f9_keypath(void)
{
	IMB_MGR *mgr = alloc_mb_mgr(0);
	struct agw_nia_key key;
	uint8_t iv[16] __attribute__((aligned(16)));
	uint8_t mac[4];

	CU_ASSERT_FATAL(mgr != NULL);
	init_mb_mgr_auto(mgr, NULL);
	CU_ASSERT_FATAL(AGW_TV_SNOW3G_F9_N > 0);
	for (size_t i = 0; i < AGW_TV_SNOW3G_F9_N; i++) {
		const struct agw_tv_snow3g_f9 *v = &agw_tv_snow3g_f9[i];

		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &key, AGW_NIA1, v->key), 0);
		CU_ASSERT_EQUAL(snow3g_f9_iv_gen(be32(v->count), be32(v->fresh),
						 (uint8_t)v->direction, iv), 0);
		IMB_SNOW3G_F9_1_BUFFER(mgr, (const snow3g_key_schedule_t *)key.u.raw, iv,
				       v->message, (uint64_t)v->length_bits, mac);
		AGW_ASSERT_MEM_EQ(mac, v->expected, 4);
	}
	agw_nia_key_clear(&key);
	free_mb_mgr(mgr);
}

/* NIA2 / NEA2 on random byte-aligned messages against OpenSSL. */
static void
test_aes_vs_openssl(void)
{
	unsigned int seed = 4493;
	uint8_t k[16], pre[8], full[8 + 700], iv[16], ref[16];
	uint8_t mac[4], ct[700], refct[700];
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	for (int r = 0; r < 200; r++) {
		/* r == 0: empty message, NIA2 only (ciphering it is a no-op) */
		uint32_t len = r == 0 ? 0 : (uint32_t)rand_r(&seed) % 700 + 1;
		uint32_t count = (uint32_t)rand_r(&seed);
		uint8_t bearer = (uint8_t)(rand_r(&seed) & 31), dir = (uint8_t)(rand_r(&seed) & 1);

		fill_rand(k, sizeof(k), &seed);
		fill_rand(full + 8, len, &seed);
		ref_prefix(pre, count, bearer, dir);
		memcpy(full, pre, 8);
		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, AGW_NIA2, k), 0);
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ek, AGW_NEA2, k), 0);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, count, bearer, dir, full + 8, len * 8,
						mac), 0);
		ossl_cmac(k, full, 8 + len, ref);
		AGW_ASSERT_MEM_EQ(mac, ref, 4);
		if (len == 0)
			continue;
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, count, bearer, dir, full + 8, ct,
					      len * 8), 0);
		memcpy(iv, pre, 8);
		memset(iv + 8, 0, 8);
		ossl_ctr(k, iv, full + 8, refct, (int)len);
		AGW_ASSERT_MEM_EQ(ct, refct, len);
	}
	agw_nia_key_clear(&ik);
	agw_nea_key_clear(&ek);
}

/* ------------------------------------------------------------------ */
/* Burst API                                                           */
/* ------------------------------------------------------------------ */

enum nia_mode { M_GEN, M_VERIFY, M_BAD_MAC, M_BAD_MSG, M_NUM };

struct nia_case {
	const struct tv *t;
	unsigned int alg;
	enum nia_mode mode;
};

/* Every EIA1/2/3 set in every mode, algorithms interleaved. */
static size_t
nia_cases(struct nia_case *cs, size_t cap)
{
	static const enum cat cats[] = { C_EIA1, C_EIA2, C_EIA3 };
	size_t n = 0;

	for (unsigned int i = 0; i < MAX_TV; i++)
		for (int m = 0; m < M_NUM; m++)
			for (size_t c = 0; c < 3; c++)
				if (i < g_n[cats[c]] && n < cap)
					cs[n++] = (struct nia_case){ &g_tv[cats[c]][i],
								     cat_alg[cats[c]],
								     (enum nia_mode)m };
	return n;
}

static void
nia_op_prepare(struct agw_nia_op *op, struct agw_nia_key *key, const struct nia_case *c)
{
	const struct tv *t = c->t;

	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, key, c->alg, t->key), 0);
	memset(op, 0, sizeof(*op));
	op->key = key;
	op->msg = buf_with_headroom(t->msg, nbytes(t->len_bits));
	op->len_bits = t->len_bits;
	op->count = t->count;
	op->bearer = t->bearer;
	op->dir = t->dir;
	op->verify = c->mode != M_GEN;
	op->status = 0xff;
	if (op->verify)
		memcpy(op->mac, t->exp, AGW_NAS_MAC_LEN);
	if (c->mode == M_BAD_MAC)
		flip_bit(op->mac, t->len_bits % 32);
	if (c->mode == M_BAD_MSG)
		flip_bit(op->msg, t->len_bits - 1);
	op->user_data = (void *)c;
}

static void
nia_op_check(const struct agw_nia_op *op)
{
	const struct nia_case *c = op->user_data;
	const uint8_t *head = op->msg - HEADROOM;
	uint8_t pre[8], canary[HEADROOM];

	if (c->mode == M_GEN) {
		CU_ASSERT_EQUAL(op->status, AGW_NAS_SEC_OK);
		AGW_ASSERT_MEM_EQ(op->mac, c->t->exp, AGW_NAS_MAC_LEN);
	} else {
		CU_ASSERT_EQUAL(op->status,
				c->mode == M_VERIFY ? AGW_NAS_SEC_OK : AGW_NAS_SEC_BAD_MAC);
	}
	/* NIA2 wrote its prefix into the headroom; the others left it alone */
	memset(canary, CANARY, sizeof(canary));
	ref_prefix(pre, c->t->count, c->t->bearer, c->t->dir);
	AGW_ASSERT_MEM_EQ(head, c->alg == AGW_NIA2 ? pre : canary, HEADROOM);
}

/* All EIA1/2/3 sets, generate + verify ok/bad MAC/bad message, one burst. */
static void
test_nia_burst_mixed(void)
{
	struct nia_case cs[4 * 3 * MAX_TV];
	size_t n = nia_cases(cs, sizeof(cs) / sizeof(cs[0]));
	struct agw_nia_op *ops = calloc(n, sizeof(*ops));
	struct agw_nia_key *keys = calloc(n, sizeof(*keys));
	uint16_t want_ok = 0;

	CU_ASSERT_FATAL(ops != NULL && keys != NULL && n > 3 * M_NUM);
	for (size_t i = 0; i < n; i++) {
		nia_op_prepare(&ops[i], &keys[i], &cs[i]);
		want_ok += cs[i].mode == M_GEN || cs[i].mode == M_VERIFY;
	}
	CU_ASSERT_EQUAL(agw_nia_burst(g_eng, ops, (uint16_t)n), want_ok);
	for (size_t i = 0; i < n; i++) {
		nia_op_check(&ops[i]);
		CU_ASSERT_PTR_EQUAL(ops[i].user_data, &cs[i]);
		buf_free(ops[i].msg);
		agw_nia_key_clear(&keys[i]);
	}
	free(ops);
	free(keys);
}

/*
 * All EEA1/2/3 (and UEA2 f8) sets in one burst, every other one in place,
 * then one more burst that decrypts them all back.
 */
static void
test_nea_burst_mixed(void)
{
	static const enum cat cats[] = { C_EEA1, C_EEA2, C_EEA3, C_F8 };
	const struct tv *tvs[4 * MAX_TV];
	unsigned int algs[4 * MAX_TV];
	struct agw_nea_op ops[4 * MAX_TV];
	struct agw_nea_key keys[4 * MAX_TV];
	uint8_t *in[4 * MAX_TV], *out[4 * MAX_TV];
	uint16_t n = 0;

	for (unsigned int i = 0; i < MAX_TV; i++)
		for (size_t c = 0; c < 4; c++)
			if (i < g_n[cats[c]]) {
				tvs[n] = &g_tv[cats[c]][i];
				algs[n++] = cat_alg[cats[c]];
			}
	for (uint16_t i = 0; i < n; i++) {
		size_t len = nbytes(tvs[i]->len_bits);

		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &keys[i], algs[i], tvs[i]->key), 0);
		in[i] = malloc(len + 1);
		out[i] = (i & 1) ? in[i] : malloc(len + 1);
		CU_ASSERT_FATAL(in[i] != NULL && out[i] != NULL);
		memcpy(in[i], tvs[i]->msg, len);
		if (out[i] != in[i])
			memset(out[i], 0xff, len + 1);
		in[i][len] = 0x5a;
		ops[i] = (struct agw_nea_op){ .key = &keys[i], .in = in[i], .out = out[i],
					      .len_bits = tvs[i]->len_bits,
					      .count = tvs[i]->count, .bearer = tvs[i]->bearer,
					      .dir = tvs[i]->dir, .status = 0xff };
	}
	CU_ASSERT_EQUAL(agw_nea_burst(g_eng, ops, n), n);
	for (uint16_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(ops[i].status, AGW_NAS_SEC_OK);
		assert_bits_eq(out[i], tvs[i]->exp, tvs[i]->len_bits, tvs[i]->source);
		assert_tail_zero(out[i], tvs[i]->len_bits);
		ops[i].in = out[i]; /* decrypt, in place */
	}
	CU_ASSERT_EQUAL(agw_nea_burst(g_eng, ops, n), n);
	for (uint16_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(in[i][nbytes(tvs[i]->len_bits)], 0x5a);
		assert_bits_eq(out[i], tvs[i]->msg, tvs[i]->len_bits, tvs[i]->source);
		if (out[i] != in[i])
			free(out[i]);
		free(in[i]);
		agw_nea_key_clear(&keys[i]);
	}
}

/*
 * Far more ops than IMB_MAX_JOBS in one burst (the job ring and our IV
 * slot ring wrap several times), cycling through all vectors.
 */
static void
test_bursts_long(void)
{
	enum { N = 1500 };
	struct nia_case cs[4 * 3 * MAX_TV], big[N];
	size_t nc = nia_cases(cs, sizeof(cs) / sizeof(cs[0]));
	struct agw_nia_op *ops = calloc(N, sizeof(*ops));
	struct agw_nia_key *keys = calloc(N, sizeof(*keys));
	struct agw_nea_op *eops = calloc(N, sizeof(*eops));
	struct agw_nea_key *ekeys = calloc(N, sizeof(*ekeys));
	uint8_t **eout = calloc(N, sizeof(*eout));
	uint16_t want_ok = 0;

	CU_ASSERT_FATAL(ops && keys && eops && ekeys && eout && N > 4 * IMB_MAX_JOBS);
	for (size_t i = 0; i < N; i++) {
		big[i] = cs[(i * 7) % nc];
		nia_op_prepare(&ops[i], &keys[i], &big[i]);
		want_ok += big[i].mode == M_GEN || big[i].mode == M_VERIFY;
	}
	CU_ASSERT_EQUAL(agw_nia_burst(g_eng, ops, N), want_ok);
	for (size_t i = 0; i < N; i++) {
		nia_op_check(&ops[i]);
		buf_free(ops[i].msg);
	}
	for (size_t i = 0; i < N; i++) {
		enum cat c = (enum cat)(i % 4);
		const struct tv *t = &g_tv[c][(i / 4) % g_n[c]];

		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ekeys[i], cat_alg[c], t->key), 0);
		eout[i] = malloc(nbytes(t->len_bits));
		CU_ASSERT_FATAL(eout[i] != NULL);
		eops[i] = (struct agw_nea_op){ .key = &ekeys[i], .in = t->msg, .out = eout[i],
					       .len_bits = t->len_bits, .count = t->count,
					       .bearer = t->bearer, .dir = t->dir,
					       .user_data = (void *)t };
	}
	CU_ASSERT_EQUAL(agw_nea_burst(g_eng, eops, N), N);
	for (size_t i = 0; i < N; i++) {
		const struct tv *t = eops[i].user_data;

		assert_bits_eq(eout[i], t->exp, t->len_bits, t->source);
		free(eout[i]);
	}
	free(ops);
	free(keys);
	free(eops);
	free(ekeys);
	free(eout);
}

/* ------------------------------------------------------------------ */
/* NIA0 / NEA0, round trips, key clearing                              */
/* ------------------------------------------------------------------ */

static void
test_null_algs(void)
{
	static const uint8_t zero[4];
	uint8_t msg[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 0xff }, out[9], mac[4] = { 1, 1, 1, 1 };
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	CU_ASSERT_EQUAL(agw_nia_key_init(g_eng, &ik, AGW_NIA0, NULL), 0);
	CU_ASSERT_EQUAL(agw_nea_key_init(g_eng, &ek, AGW_NEA0, NULL), 0);
	CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 1, 2, 1, msg, 72, mac), 0);
	AGW_ASSERT_MEM_EQ(mac, zero, 4);
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &ik, 1, 2, 1, msg, 72, zero), 0);
	mac[3] = 1;
	CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &ik, 1, 2, 1, msg, 72, mac), -EBADMSG);
	memset(out, 0xaa, sizeof(out));
	CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 1, 2, 1, msg, out, 67), 0);
	AGW_ASSERT_MEM_EQ(out, msg, 8);
	CU_ASSERT_EQUAL(out[8], 0xe0); /* 3 bits kept, tail zeroed */
}

static void
test_roundtrip_random(void)
{
	unsigned int seed = 33401;
	uint8_t k[16], pt[600], ct[600], back[600];
	struct agw_nea_key key;

	for (unsigned int alg = AGW_NEA0; alg <= AGW_NEA3; alg++) {
		for (int r = 0; r < 40; r++) {
			uint32_t bits = (uint32_t)rand_r(&seed) % (8 * sizeof(pt)) + 1;
			uint32_t count = (uint32_t)rand_r(&seed);
			uint8_t bearer = (uint8_t)(rand_r(&seed) & 31);
			uint8_t dir = (uint8_t)(rand_r(&seed) & 1);

			fill_rand(k, sizeof(k), &seed);
			fill_rand(pt, sizeof(pt), &seed);
			CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &key, alg, k), 0);
			CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &key, count, bearer, dir, pt, ct,
						      bits), 0);
			if (alg != AGW_NEA0 && bits >= 64)
				CU_ASSERT(memcmp(ct, pt, 8) != 0);
			assert_tail_zero(ct, bits);
			memcpy(back, ct, sizeof(back));
			CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &key, count, bearer, dir, back, back,
						      bits), 0);
			assert_bits_eq(back, pt, bits, "round trip");
		}
	}
	agw_nea_key_clear(&key);
}

static int
all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= b[i];
	return acc == 0;
}

static void
test_key_clear(void)
{
	static const uint8_t k[16] = { 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
				       0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	for (unsigned int alg = AGW_NIA1; alg <= AGW_NIA3; alg++) {
		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, alg, k), 0);
		CU_ASSERT(!all_zero(ik.u.raw, sizeof(ik.u.raw)));
		agw_nia_key_clear(&ik);
		CU_ASSERT(all_zero(&ik, sizeof(ik)));
	}
	for (unsigned int alg = AGW_NEA1; alg <= AGW_NEA3; alg++) {
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ek, alg, k), 0);
		CU_ASSERT(!all_zero(ek.u.raw, sizeof(ek.u.raw)));
		agw_nea_key_clear(&ek);
		CU_ASSERT(all_zero(&ek, sizeof(ek)));
	}
	/* NIA2: schedule and subkeys are all set, then all cleared */
	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, AGW_NIA2, k), 0);
	CU_ASSERT(!all_zero(&ik.u.cmac.enc_keys[40], 16));
	CU_ASSERT(!all_zero(ik.u.cmac.k2, 16));
	agw_nia_key_clear(&ik);
	CU_ASSERT(all_zero(&ik, sizeof(ik)));
	agw_nia_key_clear(NULL);
	agw_nea_key_clear(NULL);
}

/* ------------------------------------------------------------------ */
/* Invalid input and limits                                            */
/* ------------------------------------------------------------------ */

static void
test_invalid_keys(void)
{
	static const uint8_t k[16] = { 7 };
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	CU_ASSERT_EQUAL(agw_nia_key_init(g_eng, &ik, 4, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nea_key_init(g_eng, &ek, 4, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nia_key_init(g_eng, &ik, 0xffffffffu, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nia_key_init(g_eng, NULL, AGW_NIA2, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nea_key_init(g_eng, NULL, AGW_NEA2, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nia_key_init(NULL, &ik, AGW_NIA2, k), -EINVAL);
	CU_ASSERT_EQUAL(agw_nea_key_init(NULL, &ek, AGW_NEA2, k), -EINVAL);
	for (unsigned int alg = 1; alg <= 3; alg++) {
		CU_ASSERT_EQUAL(agw_nia_key_init(g_eng, &ik, alg, NULL), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_key_init(g_eng, &ek, alg, NULL), -EINVAL);
	}
	CU_ASSERT_EQUAL(agw_nia_max_bits(4), 0);
	CU_ASSERT_EQUAL(agw_nea_max_bits(4), 0);
	CU_ASSERT_EQUAL(agw_nia_max_bits(AGW_NIA1), 8u * AGW_NAS_SEC_MAX_MSG);
	CU_ASSERT_EQUAL(agw_nea_max_bits(AGW_NEA3), AGW_NAS_SEC_ZUC_MAX_BITS);
}

static void
test_invalid_single(void)
{
	static const uint8_t k[16] = { 9 };
	static uint8_t msg[AGW_NAS_SEC_MAX_MSG + 1];
	static uint8_t out[AGW_NAS_SEC_MAX_MSG + 1];
	uint8_t mac[4] = { 0 };
	struct agw_nia_key ik;
	struct agw_nea_key ek;

	for (unsigned int alg = 0; alg <= 3; alg++) {
		uint32_t imax = agw_nia_max_bits(alg), emax = agw_nea_max_bits(alg);

		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, alg, k), 0);
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ek, alg, k), 0);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 32, 0, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 2, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, NULL, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg, 8, NULL), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, NULL, 0, 0, 0, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_compute(NULL, &ik, 0, 0, 0, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &ik, 0, 255, 0, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nia_verify(g_eng, &ik, 0, 0, 0, msg, 8, NULL), -EINVAL);
		/* the longest accepted message works, one bit more is refused */
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 31, 1, msg, imax, mac), 0);
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg, imax + 1, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 31, 1, msg, out, emax), 0);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 0, msg, out, emax + 1), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 32, 0, msg, out, 8), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 2, msg, out, 8), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 0, NULL, out, 8), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 0, msg, NULL, 8), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, NULL, 0, 0, 0, msg, out, 8), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(NULL, &ek, 0, 0, 0, msg, out, 8), -EINVAL);
		/* empty: NIA1/NIA3 need a bit; ciphering is a no-op */
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg, 0, mac),
				(alg == AGW_NIA1 || alg == AGW_NIA3) ? -EINVAL : 0);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 0, msg, out, 0), 0);
		/* a corrupted key */
		ik.alg = 9;
		ek.alg = 9;
		CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg, 8, mac), -EINVAL);
		CU_ASSERT_EQUAL(agw_nea_apply(g_eng, &ek, 0, 0, 0, msg, out, 8), -EINVAL);
	}
	/* AGW_NAS_SEC_MAX_MSG octets through SNOW 3G, then one more */
	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, AGW_NIA1, k), 0);
	CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg, 8u * AGW_NAS_SEC_MAX_MSG, mac),
			0);
	CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0, 0, 0, msg,
					8u * (AGW_NAS_SEC_MAX_MSG + 1), mac), -EINVAL);
	agw_nia_key_clear(&ik);
	agw_nea_key_clear(&ek);
}

/* The longest NIA2 message, byte-aligned, against OpenSSL. */
static void
test_nia2_longest(void)
{
	const uint32_t bytes = AGW_NAS_SEC_NIA2_MAX_BITS / 8;
	uint8_t *full = malloc(8 + bytes), mac[4], ref[16], k[16];
	unsigned int seed = 5;
	struct agw_nia_key ik;

	CU_ASSERT_FATAL(full != NULL);
	fill_rand(k, sizeof(k), &seed);
	fill_rand(full + 8, bytes, &seed);
	ref_prefix(full, 0xdeadbeef, 17, 1);
	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, AGW_NIA2, k), 0);
	CU_ASSERT_EQUAL(agw_nia_compute(g_eng, &ik, 0xdeadbeef, 17, 1, full + 8, bytes * 8, mac),
			0);
	ossl_cmac(k, full, 8 + bytes, ref);
	AGW_ASSERT_MEM_EQ(mac, ref, 4);
	agw_nia_key_clear(&ik);
	free(full);
}

static void
test_invalid_burst(void)
{
	static const uint8_t k[16] = { 3 };
	uint8_t *m[8], out[8][4], in[4] = { 1, 2, 3, 4 };
	struct agw_nia_key ik, bad;
	struct agw_nea_key ek;
	struct agw_nia_op ops[8];
	struct agw_nea_op eops[7];

	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &ik, AGW_NIA2, k), 0);
	CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(g_eng, &bad, AGW_NIA3, k), 0);
	CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(g_eng, &ek, AGW_NEA3, k), 0);
	bad.alg = 7;
	for (int i = 0; i < 8; i++) {
		m[i] = buf_with_headroom(in, sizeof(in));
		ops[i] = (struct agw_nia_op){ .key = &ik, .msg = m[i], .len_bits = 32,
					      .status = 0xff };
	}
	ops[1].bearer = 32;
	ops[2].dir = 2;
	ops[3].key = NULL;
	ops[4].msg = NULL;
	ops[5].len_bits = AGW_NAS_SEC_NIA2_MAX_BITS + 1;
	ops[6].key = &bad;
	/* ops[0] and ops[7] are valid */
	CU_ASSERT_EQUAL(agw_nia_burst(g_eng, ops, 8), 2);
	for (int i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(ops[i].status,
				(i == 0 || i == 7) ? AGW_NAS_SEC_OK : AGW_NAS_SEC_INVALID);
	AGW_ASSERT_MEM_EQ(ops[0].mac, ops[7].mac, 4);

	for (int i = 0; i < 7; i++)
		eops[i] = (struct agw_nea_op){ .key = &ek, .in = in, .out = out[i],
					       .len_bits = 32, .status = 0xff };
	eops[1].bearer = 40;
	eops[2].dir = 3;
	eops[3].key = NULL;
	eops[4].out = NULL;
	eops[5].len_bits = AGW_NAS_SEC_ZUC_MAX_BITS + 1;
	CU_ASSERT_EQUAL(agw_nea_burst(g_eng, eops, 7), 2);
	for (int i = 0; i < 7; i++)
		CU_ASSERT_EQUAL(eops[i].status,
				(i == 0 || i == 6) ? AGW_NAS_SEC_OK : AGW_NAS_SEC_INVALID);
	AGW_ASSERT_MEM_EQ(out[0], out[6], 4);

	/* no engine: every op is invalid */
	CU_ASSERT_EQUAL(agw_nia_burst(NULL, ops, 8), 0);
	CU_ASSERT_EQUAL(ops[0].status, AGW_NAS_SEC_INVALID);
	CU_ASSERT_EQUAL(agw_nea_burst(NULL, eops, 7), 0);
	CU_ASSERT_EQUAL(eops[0].status, AGW_NAS_SEC_INVALID);
	CU_ASSERT_EQUAL(agw_nia_burst(g_eng, NULL, 8), 0);
	CU_ASSERT_EQUAL(agw_nea_burst(g_eng, NULL, 7), 0);
	CU_ASSERT_EQUAL(agw_nia_burst(g_eng, ops, 0), 0);
	for (int i = 0; i < 8; i++)
		buf_free(m[i]);
	agw_nia_key_clear(&ik);
	agw_nea_key_clear(&ek);
}

/* ------------------------------------------------------------------ */
/* No access past the end of a message                                 */
/* ------------------------------------------------------------------ */

#define GUARD_OPS 48
#define GUARD_MAX_BITS 1100

/* Two pages, the second inaccessible; buffers are placed to end at it. */
struct guard {
	uint8_t *map;
	size_t page;
};

static int
guard_map(struct guard *g)
{
	g->page = (size_t)sysconf(_SC_PAGESIZE);
	g->map = mmap(NULL, 2 * g->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	if (g->map == MAP_FAILED)
		return -1;
	return mprotect(g->map + g->page, g->page, PROT_NONE);
}

/* @p len octets followed by @p slack accessible octets, then the guard. */
static uint8_t *
guard_at(const struct guard *g, size_t len, size_t slack)
{
	return g->map + g->page - slack - len;
}

static sigjmp_buf g_segv_jmp;

static void
on_segv(int sig)
{
	(void)sig;
	siglongjmp(g_segv_jmp, 1);
}

struct guard_set {
	struct agw_nas_sec_engine *eng;
	struct guard in[GUARD_OPS], out[GUARD_OPS];
	struct agw_nia_key ik[4];
	struct agw_nea_key ek[4];
};

/*
 * One NIA and one NEA burst of GUARD_OPS ops, lengths from @p base on:
 * inputs with the documented tailroom, outputs (half of the NEA ops) with
 * none.
 */
static void
guard_bursts(struct guard_set *gs, uint32_t base)
{
	struct agw_nia_op ops[GUARD_OPS];
	struct agw_nea_op eops[GUARD_OPS];
	uint8_t mac[4];

	for (uint32_t i = 0; i < GUARD_OPS; i++) {
		uint32_t bits = base + i, alg = 1 + i % 3;
		size_t n = nbytes(bits);
		uint8_t *m = guard_at(&gs->in[i], n, AGW_NAS_SEC_TAILROOM);
		uint8_t *o = guard_at(&gs->out[i], n, 0);

		memset(m, (int)i, n);
		ops[i] = (struct agw_nia_op){ .key = &gs->ik[alg], .msg = m, .len_bits = bits,
					      .count = i };
		eops[i] = (struct agw_nea_op){ .key = &gs->ek[alg], .in = m,
					       .out = (i & 4) ? m : o, .len_bits = bits };
	}
	CU_ASSERT_EQUAL(agw_nia_burst(gs->eng, ops, GUARD_OPS), GUARD_OPS);
	for (uint32_t i = 0; i < GUARD_OPS; i++) {
		/* same MAC through the single API (which copies for NIA2) */
		CU_ASSERT_EQUAL(agw_nia_compute(gs->eng, ops[i].key, i, 0, 0, ops[i].msg,
						ops[i].len_bits, mac), 0);
		AGW_ASSERT_MEM_EQ(mac, ops[i].mac, 4);
	}
	CU_ASSERT_EQUAL(agw_nea_burst(gs->eng, eops, GUARD_OPS), GUARD_OPS);
}

/* The single API on messages that end at the guard, no slack at all. */
static void
guard_single(struct guard_set *gs, uint32_t bits)
{
	size_t n = nbytes(bits);
	uint8_t *m = guard_at(&gs->in[0], n, 0), *o = guard_at(&gs->out[0], n, 0);
	uint8_t mac[4];

	memset(m, 0x5c, n);
	for (unsigned int alg = 1; alg <= 3; alg++) {
		CU_ASSERT_EQUAL(agw_nia_compute(gs->eng, &gs->ik[alg], 1, 2, 1, m, bits, mac), 0);
		CU_ASSERT_EQUAL(agw_nea_apply(gs->eng, &gs->ek[alg], 1, 2, 1, m, o, bits), 0);
		CU_ASSERT_EQUAL(agw_nea_apply(gs->eng, &gs->ek[alg], 1, 2, 1, m, m, bits), 0);
	}
}

static void
guard_run(struct guard_set *gs)
{
	static const uint8_t k[16] = { 0x42, 1, 2, 3 };

	for (unsigned int alg = 1; alg <= 3; alg++) {
		CU_ASSERT_EQUAL_FATAL(agw_nia_key_init(gs->eng, &gs->ik[alg], alg, k), 0);
		CU_ASSERT_EQUAL_FATAL(agw_nea_key_init(gs->eng, &gs->ek[alg], alg, k), 0);
	}
	for (uint32_t base = 1; base <= GUARD_MAX_BITS; base += GUARD_OPS)
		guard_bursts(gs, base);
	for (uint32_t bits = 1; bits <= 300; bits++)
		guard_single(gs, bits);
}

/*
 * Messages that end right before an inaccessible page: the single API
 * reads and writes nothing past the end, the burst API writes nothing past
 * the end and reads at most AGW_NAS_SEC_TAILROOM octets past an input. A
 * fault fails the test; the engine is then abandoned.
 */
static void
test_no_access_past_end(void)
{
	struct guard_set *gs = calloc(1, sizeof(*gs));
	struct sigaction sa = { .sa_handler = on_segv }, old_segv, old_bus;
	volatile int faulted = 0;

	CU_ASSERT_FATAL(gs != NULL);
	gs->eng = agw_nas_sec_engine_create();
	CU_ASSERT_PTR_NOT_NULL_FATAL(gs->eng);
	for (int i = 0; i < GUARD_OPS; i++)
		CU_ASSERT_FATAL(guard_map(&gs->in[i]) == 0 && guard_map(&gs->out[i]) == 0);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	if (sigsetjmp(g_segv_jmp, 1) == 0)
		guard_run(gs);
	else
		faulted = 1;
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	CU_ASSERT_EQUAL(faulted, 0);
	if (faulted)
		return; /* engine state unknown: leak it */
	agw_nas_sec_engine_free(gs->eng);
	for (int i = 0; i < GUARD_OPS; i++) {
		munmap(gs->in[i].map, 2 * gs->in[i].page);
		munmap(gs->out[i].map, 2 * gs->out[i].page);
	}
	free(gs);
}

static void
test_engine(void)
{
	struct agw_nas_sec_engine *e2 = agw_nas_sec_engine_create();
	const char *arch = agw_nas_sec_engine_arch(g_eng);

	CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
	CU_ASSERT(arch != NULL && strcmp(arch, "none") != 0);
	CU_ASSERT_STRING_EQUAL(agw_nas_sec_engine_arch(e2), arch);
	CU_ASSERT_STRING_EQUAL(agw_nas_sec_engine_arch(NULL), "none");
	printf("[IPsec-MB %s, %s] ", imb_get_version_str(), arch);
	agw_nas_sec_engine_free(e2);
	agw_nas_sec_engine_free(NULL);
}

static CU_TestInfo vector_tests[] = {
	{ "128-NEA1 (EEA1 sets)", test_eea1_single },
	{ "128-NEA1 (UEA2 f8 sets)", test_snow3g_f8_single },
	{ "128-NEA2 (EEA2 sets)", test_eea2_single },
	{ "128-NEA3 (EEA3 sets)", test_eea3_single },
	{ "128-NIA1 (EIA1 sets)", test_eia1_single },
	{ "128-NIA2 (EIA2 sets)", test_eia2_single },
	{ "128-NIA3 (EIA3 sets)", test_eia3_single },
	{ "IV inputs change the result", test_iv_inputs },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo reference_tests[] = {
	{ "RFC 4493 via NIA2 key schedule", test_cmac_rfc4493 },
	{ "UIA2 f9 sets via NIA1 key schedule", test_snow3g_f9_keypath },
	{ "NIA2/NEA2 vs OpenSSL", test_aes_vs_openssl },
	{ "NIA2 longest message vs OpenSSL", test_nia2_longest },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo burst_tests[] = {
	{ "NIA burst, all sets mixed", test_nia_burst_mixed },
	{ "NEA burst, all sets mixed", test_nea_burst_mixed },
	{ "bursts of 1500", test_bursts_long },
	CU_TEST_INFO_NULL,
};

static CU_TestInfo misc_tests[] = {
	{ "engine", test_engine },
	{ "NIA0/NEA0", test_null_algs },
	{ "NEA round trip", test_roundtrip_random },
	{ "key clear", test_key_clear },
	{ "invalid keys", test_invalid_keys },
	{ "invalid single", test_invalid_single },
	{ "invalid burst", test_invalid_burst },
	{ "no access past the end", test_no_access_past_end },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	CU_SuiteInfo suites[] = {
		{ "nas_sec vectors", suite_init, suite_clean, NULL, NULL, vector_tests },
		{ "nas_sec references", suite_init, suite_clean, NULL, NULL, reference_tests },
		{ "nas_sec burst", suite_init, suite_clean, NULL, NULL, burst_tests },
		{ "nas_sec misc", suite_init, suite_clean, NULL, NULL, misc_tests },
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
