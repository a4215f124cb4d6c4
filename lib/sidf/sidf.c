/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * SIDF: ECIES profiles A and B (TS 33.501 Annex C.3), SUCI <-> SUPI.
 * See agw_sidf.h for the API.
 *
 * Sources: TS 33.501 6.12 and Annex C (/work/shared/ref/ts33501-v20.md);
 * the C.4 test data checks every intermediate value (test/sidf). The SUCI
 * NAI labels follow TS 23.003 28.7.3; the 5GS mobile identity layout is
 * lib/proto's (TS 24.501 9.11.3.4).
 *
 * Everything cryptographic is OpenSSL 3: X25519 and P-256 ECDH through
 * EVP_PKEY_derive (profile B's compressed point is decompressed here,
 * y = (x^3 - 3x + b)^((p+1)/4) mod p in p256_field.c, then decoded and
 * checked on the curve by the EC key management as an uncompressed point),
 * the X9.63 KDF
 * through EVP_KDF "X963KDF" (a two-block EVP_Digest loop when the provider
 * lacks it), AES-128-CTR through EVP_CIPHER and HMAC-SHA-256 through
 * EVP_MAC. The algorithm objects are fetched once per process; contexts are
 * per call, so every function is reentrant.
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/kdf.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include "agw_nas5g.h"
#include "agw_sidf.h"
#include "p256_field.h"
#include "agw_util.h"
#include "sidf_internal.h"

/* KDF output: EK || ICB || MK. */
#define KDF_LEN (AGW_SIDF_ENC_KEY_LEN + AGW_SIDF_ICB_LEN + AGW_SIDF_MAC_KEY_LEN)

/* ------------------------------------------------------------------ */
/* Causes and counters                                                 */
/* ------------------------------------------------------------------ */

static const char *const cause_names[] = {
#define AGW_SIDF_NAME_(n, s) s,
	AGW_SIDF_CAUSES(AGW_SIDF_NAME_)
#undef AGW_SIDF_NAME_
};

const char *
agw_sidf_strerror(int rc)
{
	int i = agw_sidf_cause_index(rc);

	if (rc == 0)
		return "ok";
	return i < 0 ? "?" : cause_names[i];
}

void
agw_sidf_count(struct agw_sidf_counters *c, int rc, unsigned int scheme)
{
	int i;

	if (c == NULL)
		return;
	if (rc == 0) {
		if (scheme < AGW_SIDF_N_SCHEMES)
			c->ok[scheme]++;
		return;
	}
	i = agw_sidf_cause_index(rc);
	if (i >= 0)
		c->cause[i]++;
}

void
agw_sidf_trace_clear(struct agw_sidf_trace *t)
{
	agw_memzero(t, sizeof(*t));
}

/* ------------------------------------------------------------------ */
/* Algorithms, fetched once; per-thread contexts                       */
/* ------------------------------------------------------------------ */

static struct {
	EVP_KDF *x963; /* NULL: EVP_Digest loop */
	EVP_MD *sha256;
	EVP_CIPHER *ctr;
	EVP_MAC *hmac;
	EC_GROUP *p256; /* for scalar -> public key only (conceal, raw keys) */
	pthread_key_t tls_key;
	int ok;
} algs;

static pthread_once_t algs_once = PTHREAD_ONCE_INIT;

/*
 * Per-thread scratch objects, reused from call to call so that the hot path
 * does not look algorithms up by name (each EVP_*_fetch-by-name costs
 * microseconds, as much as a tenth of an X25519): the two peer public keys
 * (re-encoded with EVP_PKEY_set1_encoded_public_key for every SUCI), the
 * X963KDF context (digest set once) and the HMAC context (digest set
 * once). Profile B's compressed keys are decompressed by p256_field.c
 * (OpenSSL's EC_POINT_oct2point builds a Montgomery context per square
 * root: EVP decoding of a compressed key costs half an ECDH more).
 * Each call overwrites the secrets they hold (Z, MK) with zeros before
 * returning. Freed at thread exit, or by agw_sidf_thread_release().
 */
struct sidf_tls {
	EVP_PKEY *peer[2]; /* [0] X25519, [1] P-256 */
	EVP_KDF_CTX *kdf;
	EVP_MAC_CTX *mac;
};

static __thread struct sidf_tls *tls;

static void
tls_free(void *p)
{
	struct sidf_tls *t = p;

	if (t == NULL)
		return;
	EVP_PKEY_free(t->peer[0]);
	EVP_PKEY_free(t->peer[1]);
	EVP_KDF_CTX_free(t->kdf);
	EVP_MAC_CTX_free(t->mac);
	free(t);
}

void
agw_sidf_thread_release(void)
{
	if (!algs.ok || tls == NULL)
		return;
	pthread_setspecific(algs.tls_key, NULL);
	tls_free(tls);
	tls = NULL;
}

static void
algs_init(void)
{
	algs.x963 = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_X963KDF, NULL);
	algs.sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	algs.ctr = EVP_CIPHER_fetch(NULL, "AES-128-CTR", NULL);
	algs.hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	algs.p256 = EC_GROUP_new_by_curve_name_ex(NULL, NULL, NID_X9_62_prime256v1);
	algs.ok = algs.sha256 != NULL && algs.ctr != NULL && algs.hmac != NULL &&
		  algs.p256 != NULL && pthread_key_create(&algs.tls_key, tls_free) == 0;
	ERR_clear_error();
}

static int
algs_get(void)
{
	if (pthread_once(&algs_once, algs_init) != 0)
		return 0;
	return algs.ok;
}

/* This thread's scratch objects (created on first use), or NULL. */
static struct sidf_tls *
tls_get(void)
{
	OSSL_PARAM p[2];
	struct sidf_tls *t;

	if (tls != NULL)
		return tls;
	if (!algs_get())
		return NULL;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
	p[1] = OSSL_PARAM_construct_end();
	if (algs.x963 != NULL) {
		t->kdf = EVP_KDF_CTX_new(algs.x963);
		if (t->kdf != NULL && EVP_KDF_CTX_set_params(t->kdf, p) != 1) {
			EVP_KDF_CTX_free(t->kdf);
			t->kdf = NULL;
		}
	}
	t->mac = EVP_MAC_CTX_new(algs.hmac);
	if (t->mac == NULL || EVP_MAC_CTX_set_params(t->mac, p) != 1 ||
	    pthread_setspecific(algs.tls_key, t) != 0) {
		tls_free(t);
		ERR_clear_error();
		return NULL;
	}
	tls = t;
	return t;
}

/* ------------------------------------------------------------------ */
/* KDF, CTR, MAC                                                       */
/* ------------------------------------------------------------------ */

static const uint8_t zeros[AGW_SIDF_MAC_KEY_LEN];

/* ANSI-X9.63-KDF with SHA-256 (SEC 1 3.6.1): K = H(Z || 00000001 || info)
 * || H(Z || 00000002 || info). */
static int
kdf_x963(const uint8_t z[AGW_SIDF_SHARED_LEN], const uint8_t *info, size_t info_len,
	 uint8_t k[KDF_LEN])
{
	struct sidf_tls *t = tls_get();
	uint8_t ctr[4] = {0, 0, 0, 0};
	unsigned int i, n;
	EVP_MD_CTX *mc;
	OSSL_PARAM p[3];
	int ok = 1;

	if (t == NULL)
		return AGW_SIDF_E_CRYPTO;
	if (t->kdf != NULL) {
		p[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)z,
							 AGW_SIDF_SHARED_LEN);
		p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info,
							 info_len);
		p[2] = OSSL_PARAM_construct_end();
		ok = EVP_KDF_derive(t->kdf, k, KDF_LEN, p) == 1;
		/* Replace the context's copy of Z (freed with OPENSSL_clear_free). */
		p[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)zeros,
							 AGW_SIDF_SHARED_LEN);
		p[1] = OSSL_PARAM_construct_end();
		EVP_KDF_CTX_set_params(t->kdf, p);
		return ok ? 0 : AGW_SIDF_E_CRYPTO;
	}
	mc = EVP_MD_CTX_new();
	if (mc == NULL)
		return AGW_SIDF_E_CRYPTO;
	for (i = 0; ok && i < KDF_LEN / 32; i++) {
		ctr[3] = (uint8_t)(i + 1);
		ok = EVP_DigestInit_ex2(mc, algs.sha256, NULL) == 1 &&
		     EVP_DigestUpdate(mc, z, AGW_SIDF_SHARED_LEN) == 1 &&
		     EVP_DigestUpdate(mc, ctr, sizeof(ctr)) == 1 &&
		     EVP_DigestUpdate(mc, info, info_len) == 1 &&
		     EVP_DigestFinal_ex(mc, k + 32 * i, &n) == 1 && n == 32;
	}
	EVP_MD_CTX_free(mc);
	return ok ? 0 : AGW_SIDF_E_CRYPTO;
}

int
agw_sidf_aes_ctr32(const uint8_t key[AGW_SIDF_ENC_KEY_LEN], const uint8_t icb[AGW_SIDF_ICB_LEN],
		   const uint8_t *in, uint8_t *out, size_t len)
{
	uint8_t cb[AGW_SIDF_ICB_LEN];
	EVP_CIPHER_CTX *c;
	uint64_t left_blocks;
	uint32_t low;
	size_t n;
	int ok, m;

	if (!algs_get())
		return AGW_SIDF_E_CRYPTO;
	c = EVP_CIPHER_CTX_new();
	if (c == NULL)
		return AGW_SIDF_E_CRYPTO;
	memcpy(cb, icb, sizeof(cb));
	ok = EVP_EncryptInit_ex2(c, algs.ctr, key, cb, NULL) == 1;
	while (ok && len > 0) {
		/* Blocks before the low 32 bits of the counter wrap to 0. */
		low = (uint32_t)cb[12] << 24 | (uint32_t)cb[13] << 16 | (uint32_t)cb[14] << 8 |
		      cb[15];
		left_blocks = (uint64_t)1 << 32;
		left_blocks -= low;
		n = left_blocks >= (len + 15) / 16 ? len : (size_t)(left_blocks * 16);
		ok = EVP_EncryptUpdate(c, out, &m, in, (int)n) == 1 && (size_t)m == n;
		in += n;
		out += n;
		len -= n;
		if (ok && len > 0) {
			/* Wrap: inc32 keeps the high 96 bits (SP 800-38A B.1). */
			memset(cb + 12, 0, 4);
			ok = EVP_EncryptInit_ex2(c, NULL, NULL, cb, NULL) == 1;
		}
	}
	EVP_CIPHER_CTX_free(c); /* clears the key schedule */
	return ok ? 0 : AGW_SIDF_E_CRYPTO;
}

/* Tag: the leftmost 8 octets of HMAC-SHA-256(MK, ciphertext). */
static int
mac_tag(const uint8_t mk[AGW_SIDF_MAC_KEY_LEN], const uint8_t *c, size_t len,
	uint8_t tag[AGW_SIDF_TAG_LEN])
{
	struct sidf_tls *t = tls_get();
	uint8_t full[32];
	size_t n = 0;
	int ok;

	if (t == NULL)
		return AGW_SIDF_E_CRYPTO;
	ok = EVP_MAC_init(t->mac, mk, AGW_SIDF_MAC_KEY_LEN, NULL) == 1 &&
	     EVP_MAC_update(t->mac, c, len) == 1 &&
	     EVP_MAC_final(t->mac, full, &n, sizeof(full)) == 1 && n == sizeof(full);
	/* Re-key with zeros: the context keeps no pad derived from MK. */
	EVP_MAC_init(t->mac, zeros, sizeof(zeros), NULL);
	if (ok)
		memcpy(tag, full, AGW_SIDF_TAG_LEN);
	agw_memzero(full, sizeof(full));
	return ok ? 0 : AGW_SIDF_E_CRYPTO;
}

/* Z and the ephemeral key as sent -> EK, ICB, MK in @t. */
static int
ecies_keys(const uint8_t *eph, size_t eph_len, struct agw_sidf_trace *t)
{
	uint8_t k[KDF_LEN];
	int rc;

	rc = kdf_x963(t->shared_key, eph, eph_len, k);
	if (rc == 0) {
		memcpy(t->enc_key, k, AGW_SIDF_ENC_KEY_LEN);
		memcpy(t->icb, k + AGW_SIDF_ENC_KEY_LEN, AGW_SIDF_ICB_LEN);
		memcpy(t->mac_key, k + AGW_SIDF_ENC_KEY_LEN + AGW_SIDF_ICB_LEN,
		       AGW_SIDF_MAC_KEY_LEN);
	}
	agw_memzero(k, sizeof(k));
	return rc;
}

/* ------------------------------------------------------------------ */
/* EVP keys                                                            */
/* ------------------------------------------------------------------ */

static size_t
eph_len_of(unsigned int scheme)
{
	return scheme == AGW_SIDF_PROFILE_A ? AGW_SIDF_X25519_LEN : AGW_SIDF_P256_C_LEN;
}

/* Uncompressed P-256 generator: a valid point to create the scratch key. */
static const uint8_t p256_g[AGW_SIDF_P256_U_LEN] = {
	0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
	0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4,
	0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a,
	0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33,
	0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
};
/* X25519 base point u = 9. */
static const uint8_t x25519_g[AGW_SIDF_X25519_LEN] = {9};

/* A public key of the scheme's type (provider-side key). */
static EVP_PKEY *
scratch_new(unsigned int scheme)
{
	EVP_PKEY_CTX *c;
	EVP_PKEY *k = NULL;
	OSSL_PARAM p[3];

	if (scheme == AGW_SIDF_PROFILE_A)
		return EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, x25519_g,
						      sizeof(x25519_g));
	c = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (c == NULL)
		return NULL;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)"prime256v1",
						0);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)p256_g,
						 sizeof(p256_g));
	p[2] = OSSL_PARAM_construct_end();
	if (EVP_PKEY_fromdata_init(c) != 1 || EVP_PKEY_fromdata(c, &k, EVP_PKEY_PUBLIC_KEY, p) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(c);
	return k;
}

/* 02/03 || x -> 04 || x || y (SEC 1 2.3.4); 0 or AGW_SIDF_E_BAD_POINT
 * (x >= p, no point with this x). */
static int
p256_decompress(const uint8_t c[AGW_SIDF_P256_C_LEN], uint8_t u[AGW_SIDF_P256_U_LEN])
{
	if (p256_decompress_y(c + 1, c[0] & 1, u + 33) != 0)
		return AGW_SIDF_E_BAD_POINT;
	u[0] = 0x04;
	memcpy(u + 1, c + 1, 32);
	return 0;
}

/* Re-encode the scratch key @k with the peer's octets (P-256 compressed:
 * decompressed first). 0, AGW_SIDF_E_BAD_POINT, AGW_SIDF_E_CRYPTO. */
static int
peer_set(EVP_PKEY *k, const uint8_t *oct, size_t len)
{
	uint8_t u[AGW_SIDF_P256_U_LEN];
	int rc;

	if (len == AGW_SIDF_P256_C_LEN) {
		if (oct[0] != 0x02 && oct[0] != 0x03)
			return AGW_SIDF_E_BAD_POINT;
		rc = p256_decompress(oct, u);
		if (rc != 0)
			return rc;
		oct = u;
		len = sizeof(u);
	}
	return EVP_PKEY_set1_encoded_public_key(k, oct, len) == 1 ? 0 : AGW_SIDF_E_BAD_POINT;
}

/*
 * The peer public key: this thread's scratch key of the scheme, re-encoded
 * with the peer's octets. For P-256 the EC key management decodes them
 * with EC_POINT_oct2point as an uncompressed point (a compressed one is
 * decompressed by p256_decompress() first): x >= p, a compressed x with
 * no square root (decompression failure) or a point off the curve fail,
 * and the scratch key is dropped. Returns a new reference, or NULL with
 * *rc set.
 */
static EVP_PKEY *
peer_key(unsigned int scheme, const uint8_t *oct, size_t len, int *rc)
{
	struct sidf_tls *t = tls_get();
	unsigned int i = scheme == AGW_SIDF_PROFILE_A ? 0 : 1;

	*rc = AGW_SIDF_E_CRYPTO;
	if (t == NULL)
		return NULL;
	if (t->peer[i] == NULL && (t->peer[i] = scratch_new(scheme)) == NULL)
		return NULL;
	*rc = peer_set(t->peer[i], oct, len);
	if (*rc != 0) {
		EVP_PKEY_free(t->peer[i]);
		t->peer[i] = NULL;
		return NULL;
	}
	EVP_PKEY_up_ref(t->peer[i]);
	return t->peer[i];
}

EVP_PKEY_CTX *
sidf_derive_template(EVP_PKEY *priv, unsigned int scheme)
{
	EVP_PKEY_CTX *c;

	c = EVP_PKEY_CTX_new_from_pkey(NULL, priv, NULL);
	if (c == NULL || EVP_PKEY_derive_init(c) != 1 ||
	    /* Cofactor DH (C.3.4.0); P-256 has h = 1, so it equals plain DH. */
	    (scheme == AGW_SIDF_PROFILE_B && EVP_PKEY_CTX_set_ecdh_cofactor_mode(c, 1) != 1)) {
		EVP_PKEY_CTX_free(c);
		c = NULL;
	}
	ERR_clear_error();
	return c;
}

int
sidf_ecdh(EVP_PKEY *priv, const EVP_PKEY_CTX *tmpl, unsigned int scheme, const uint8_t *peer,
	  size_t peer_len, uint8_t z[AGW_SIDF_SHARED_LEN])
{
	EVP_PKEY_CTX *c = NULL;
	EVP_PKEY *pk;
	size_t n = AGW_SIDF_SHARED_LEN;
	int rc;

	if (scheme == AGW_SIDF_PROFILE_A
		    ? peer_len != AGW_SIDF_X25519_LEN
		    : peer_len != AGW_SIDF_P256_C_LEN && peer_len != AGW_SIDF_P256_U_LEN)
		return AGW_SIDF_E_BAD_LENGTH;
	pk = peer_key(scheme, peer, peer_len, &rc);
	if (pk == NULL)
		goto out;
	rc = AGW_SIDF_E_CRYPTO;
	c = tmpl != NULL ? EVP_PKEY_CTX_dup(tmpl) : sidf_derive_template(priv, scheme);
	/* No peer validation by OpenSSL: a decoded P-256 point is on the curve
	 * and finite, and with h = 1 in the prime-order group, so the full
	 * public-key check (one more scalar multiplication) adds nothing; any
	 * X25519 u is a valid input, low-order ones give the all-zero result
	 * refused below. */
	if (c == NULL || EVP_PKEY_derive_set_peer_ex(c, pk, 0) != 1)
		goto out;
	if (EVP_PKEY_derive(c, z, &n) != 1) {
		/* X25519: OpenSSL refuses an all-zero result (low-order point). */
		rc = scheme == AGW_SIDF_PROFILE_A ? AGW_SIDF_E_BAD_POINT : AGW_SIDF_E_CRYPTO;
		goto out;
	}
	if (n != AGW_SIDF_SHARED_LEN)
		goto out;
	/* RFC 7748 6.1: an all-zero X25519 shared secret must be rejected
	 * (checked here too, whatever the library version does). */
	rc = agw_ct_equal(z, zeros, AGW_SIDF_SHARED_LEN) ? AGW_SIDF_E_BAD_POINT : 0;
out:
	if (rc != 0)
		agw_memzero(z, AGW_SIDF_SHARED_LEN);
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(pk);
	if (rc != 0)
		ERR_clear_error();
	return rc;
}

int
sidf_pkey_is(const EVP_PKEY *k, unsigned int scheme)
{
	char g[64];
	size_t n = 0;

	if (scheme == AGW_SIDF_PROFILE_A)
		return EVP_PKEY_is_a(k, "X25519");
	if (scheme != AGW_SIDF_PROFILE_B || !EVP_PKEY_is_a(k, "EC"))
		return 0;
	if (EVP_PKEY_get_group_name(k, g, sizeof(g), &n) != 1)
		return 0;
	return strcmp(g, "prime256v1") == 0 || strcmp(g, "P-256") == 0 ||
	       strcmp(g, "secp256r1") == 0;
}

/* 04 || x || y -> 02/03 || x (SEC 1 2.3.3: the prefix is 2 + (y mod 2)). */
static void
p256_compress(const uint8_t u[AGW_SIDF_P256_U_LEN], uint8_t c[AGW_SIDF_P256_C_LEN])
{
	c[0] = (uint8_t)(0x02 | (u[AGW_SIDF_P256_U_LEN - 1] & 1));
	memcpy(c + 1, u + 1, 32);
}

/* Public key octets (uncompressed) of scalar @d, with OpenSSL's EC_POINT_mul. */
static int
p256_mul(const BIGNUM *d, uint8_t u[AGW_SIDF_P256_U_LEN])
{
	EC_POINT *q;
	BN_CTX *bc;
	int ok;

	bc = BN_CTX_new();
	q = EC_POINT_new(algs.p256);
	ok = bc != NULL && q != NULL && EC_POINT_mul(algs.p256, q, d, NULL, NULL, bc) == 1 &&
	     EC_POINT_point2oct(algs.p256, q, POINT_CONVERSION_UNCOMPRESSED, u, AGW_SIDF_P256_U_LEN,
				bc) == AGW_SIDF_P256_U_LEN;
	EC_POINT_free(q);
	BN_CTX_free(bc);
	return ok;
}

int
sidf_pkey_pub(const EVP_PKEY *k, unsigned int scheme, uint8_t *pub)
{
	uint8_t u[AGW_SIDF_P256_U_LEN];
	BIGNUM *d = NULL;
	size_t n = AGW_SIDF_X25519_LEN;
	int ok;

	if (scheme == AGW_SIDF_PROFILE_A)
		return EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 && n == AGW_SIDF_X25519_LEN
			       ? (int)n
			       : AGW_SIDF_E_CRYPTO;
	n = 0;
	if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, u, sizeof(u), &n) != 1) {
		/* A SEC1 key without its public key: compute it. */
		ERR_clear_error();
		ok = algs_get() && EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1 &&
		     p256_mul(d, u);
		BN_clear_free(d);
		if (!ok)
			return AGW_SIDF_E_CRYPTO;
		n = AGW_SIDF_P256_U_LEN;
	}
	if (n == AGW_SIDF_P256_U_LEN && u[0] == 0x04)
		p256_compress(u, pub);
	else if (n == AGW_SIDF_P256_C_LEN && (u[0] == 0x02 || u[0] == 0x03))
		memcpy(pub, u, n);
	else
		return AGW_SIDF_E_CRYPTO;
	return AGW_SIDF_P256_C_LEN;
}

/* P-256 key pair from a scalar 1..n-1. */
static EVP_PKEY *
p256_from_scalar(const uint8_t *priv)
{
	uint8_t u[AGW_SIDF_P256_U_LEN];
	OSSL_PARAM_BLD *b = NULL;
	OSSL_PARAM *p = NULL;
	EVP_PKEY_CTX *c = NULL;
	EVP_PKEY *k = NULL;
	BIGNUM *d;

	d = BN_secure_new();
	if (d == NULL || BN_bin2bn(priv, AGW_SIDF_PRIV_LEN, d) == NULL || BN_is_zero(d) ||
	    BN_cmp(d, EC_GROUP_get0_order(algs.p256)) >= 0 || !p256_mul(d, u))
		goto out;
	b = OSSL_PARAM_BLD_new();
	if (b == NULL ||
	    OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
	    OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, d) != 1 ||
	    OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, u, sizeof(u)) != 1)
		goto out;
	p = OSSL_PARAM_BLD_to_param(b);
	c = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (p == NULL || c == NULL || EVP_PKEY_fromdata_init(c) != 1 ||
	    EVP_PKEY_fromdata(c, &k, EVP_PKEY_KEYPAIR, p) != 1)
		k = NULL;
out:
	EVP_PKEY_CTX_free(c);
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(b);
	BN_clear_free(d);
	ERR_clear_error();
	return k;
}

EVP_PKEY *
sidf_pkey_from_raw(unsigned int scheme, const uint8_t *priv, size_t len)
{
	EVP_PKEY *k;

	if (priv == NULL || len != AGW_SIDF_PRIV_LEN || !algs_get())
		return NULL;
	if (scheme == AGW_SIDF_PROFILE_A)
		k = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, priv, len);
	else if (scheme == AGW_SIDF_PROFILE_B)
		k = p256_from_scalar(priv);
	else
		k = NULL;
	ERR_clear_error();
	return k;
}

/* A fresh ephemeral key pair from the default (CSPRNG-seeded) DRBG. */
static EVP_PKEY *
eph_generate(unsigned int scheme)
{
	EVP_PKEY *k;

	if (scheme == AGW_SIDF_PROFILE_A)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	else
		k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ERR_clear_error();
	return k;
}

/* ------------------------------------------------------------------ */
/* ECIES                                                               */
/* ------------------------------------------------------------------ */

long
agw_sidf_ecies_encrypt(unsigned int scheme, const uint8_t *hn_pub, size_t hn_pub_len,
		       const uint8_t *eph_priv, size_t eph_priv_len, const uint8_t *in,
		       size_t in_len, uint8_t *out, size_t cap, struct agw_sidf_trace *t)
{
	struct agw_sidf_trace local;
	EVP_PKEY *eph = NULL;
	size_t kl;
	int rc, n;

	if (scheme != AGW_SIDF_PROFILE_A && scheme != AGW_SIDF_PROFILE_B)
		return AGW_SIDF_E_INVAL;
	kl = eph_len_of(scheme);
	if (hn_pub == NULL || in == NULL || out == NULL || in_len == 0 ||
	    in_len > AGW_SIDF_INPUT_MAX || (eph_priv == NULL && eph_priv_len != 0))
		return AGW_SIDF_E_INVAL;
	if (scheme == AGW_SIDF_PROFILE_A
		    ? hn_pub_len != AGW_SIDF_X25519_LEN
		    : hn_pub_len != AGW_SIDF_P256_C_LEN && hn_pub_len != AGW_SIDF_P256_U_LEN)
		return AGW_SIDF_E_INVAL;
	if (cap < kl + in_len + AGW_SIDF_TAG_LEN)
		return AGW_SIDF_E_NO_SPACE;
	if (!algs_get())
		return AGW_SIDF_E_CRYPTO;
	if (t == NULL)
		t = &local;
	memset(t, 0, sizeof(*t));

	eph = eph_priv != NULL ? sidf_pkey_from_raw(scheme, eph_priv, eph_priv_len)
			       : eph_generate(scheme);
	if (eph == NULL) {
		rc = eph_priv != NULL ? AGW_SIDF_E_INVAL : AGW_SIDF_E_CRYPTO;
		goto out;
	}
	n = sidf_pkey_pub(eph, scheme, out);
	if (n != (int)kl) {
		rc = AGW_SIDF_E_CRYPTO;
		goto out;
	}
	memcpy(t->eph_pub, out, kl);
	t->eph_pub_len = (uint8_t)kl;
	rc = sidf_ecdh(eph, NULL, scheme, hn_pub, hn_pub_len, t->shared_key);
	if (rc == AGW_SIDF_E_BAD_LENGTH)
		rc = AGW_SIDF_E_INVAL;
	if (rc == 0)
		rc = ecies_keys(out, kl, t);
	if (rc == 0)
		rc = agw_sidf_aes_ctr32(t->enc_key, t->icb, in, out + kl, in_len);
	if (rc == 0)
		rc = mac_tag(t->mac_key, out + kl, in_len, t->mac_tag);
	if (rc == 0) {
		memcpy(out + kl + in_len, t->mac_tag, AGW_SIDF_TAG_LEN);
		memcpy(t->input, in, in_len);
		t->input_len = (uint16_t)in_len;
	}
out:
	EVP_PKEY_free(eph);
	if (t == &local)
		agw_sidf_trace_clear(&local);
	if (rc != 0)
		agw_memzero(out, cap < kl + in_len + AGW_SIDF_TAG_LEN
					 ? cap
					 : kl + in_len + AGW_SIDF_TAG_LEN);
	return rc != 0 ? rc : (long)(kl + in_len + AGW_SIDF_TAG_LEN);
}

long
agw_sidf_ecies_decrypt(const struct agw_hnkey *key, const uint8_t *out, size_t out_len,
		       uint8_t *plain, size_t cap, struct agw_sidf_trace *t)
{
	struct agw_sidf_trace local;
	unsigned int scheme;
	const uint8_t *c;
	size_t kl, cl;
	int rc;

	if (key == NULL || out == NULL || plain == NULL)
		return AGW_SIDF_E_INVAL;
	scheme = agw_hnkey_scheme(key);
	kl = eph_len_of(scheme);
	if (out_len < kl + 1 + AGW_SIDF_TAG_LEN)
		return AGW_SIDF_E_BAD_LENGTH;
	cl = out_len - kl - AGW_SIDF_TAG_LEN;
	if (cl > AGW_SIDF_INPUT_MAX)
		return AGW_SIDF_E_BAD_LENGTH;
	if (cap < cl)
		return AGW_SIDF_E_NO_SPACE;
	if (scheme == AGW_SIDF_PROFILE_B && out[0] != 0x02 && out[0] != 0x03)
		return AGW_SIDF_E_BAD_POINT; /* only the compressed form is allowed */
	if (!algs_get())
		return AGW_SIDF_E_CRYPTO;
	if (t == NULL)
		t = &local;
	memset(t, 0, sizeof(*t));
	memcpy(t->eph_pub, out, kl);
	t->eph_pub_len = (uint8_t)kl;
	c = out + kl;

	rc = agw_hnkey_derive(key, out, kl, t->shared_key);
	if (rc == 0)
		rc = ecies_keys(out, kl, t);
	if (rc == 0)
		rc = mac_tag(t->mac_key, c, cl, t->mac_tag);
	if (rc == 0 && !agw_ct_equal(t->mac_tag, c + cl, AGW_SIDF_TAG_LEN))
		rc = AGW_SIDF_E_BAD_TAG;
	if (rc == 0)
		rc = agw_sidf_aes_ctr32(t->enc_key, t->icb, c, plain, cl);
	if (rc == 0) {
		memcpy(t->input, plain, cl);
		t->input_len = (uint16_t)cl;
	} else {
		agw_memzero(plain, cl);
	}
	if (t == &local)
		agw_sidf_trace_clear(&local);
	return rc != 0 ? rc : (long)cl;
}

/* ------------------------------------------------------------------ */
/* Text helpers                                                        */
/* ------------------------------------------------------------------ */

static int
is_digits(const char *s, size_t min, size_t max)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++)
		if (s[n] < '0' || s[n] > '9' || n >= max)
			return 0;
	return n >= min;
}

/* A NAI username octet (RFC 7542 2.2 utf8-atext, loosely: printable ASCII
 * other than '@' and space, or a UTF-8 octet). */
static int
user_ok(const uint8_t *u, size_t n)
{
	size_t i;

	if (n == 0 || n > AGW_SIDF_USERNAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (u[i] <= 0x20 || u[i] == 0x7f || u[i] == '@')
			return 0;
	return 1;
}

/* A realm: DNS-like labels of letters, digits, '-' and '.'. */
static int
realm_ok(const uint8_t *r, size_t n)
{
	size_t i;

	if (n == 0 || n > AGW_SIDF_REALM_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= 'A' && r[i] <= 'Z') ||
		      (r[i] >= '0' && r[i] <= '9') || r[i] == '-' || r[i] == '.'))
			return 0;
	return 1;
}

/* Decode @n hex characters into @out (capacity @cap). Returns octets or -1. */
static long
hex_span(const uint8_t *h, size_t n, uint8_t *out, size_t cap)
{
	long r = agw_hex_decode_n((const char *)h, n, out, cap);

	return r < 0 ? -1 : r;
}

/* Packed BCD, first digit in bits 4-1, odd count padded with F (C.3.1). */
static size_t
bcd_pack(const char *digits, uint8_t *out)
{
	size_t i, n = strlen(digits);

	for (i = 0; i < n; i += 2)
		out[i / 2] = (uint8_t)((digits[i] - '0') | (i + 1 < n ? digits[i + 1] - '0' : 0x0f)
								   << 4);
	return (n + 1) / 2;
}

/* Inverse of bcd_pack(); only the last high nibble may be the F filler. */
static int
bcd_unpack(const uint8_t *p, size_t n, char *digits, size_t cap)
{
	size_t i, k = 0;
	uint8_t lo, hi;

	for (i = 0; i < n; i++) {
		lo = p[i] & 0x0f;
		hi = p[i] >> 4;
		if (lo > 9 || (hi > 9 && !(hi == 0x0f && i + 1 == n)) || k + 2 >= cap)
			return -1;
		digits[k++] = (char)('0' + lo);
		if (hi <= 9)
			digits[k++] = (char)('0' + hi);
	}
	digits[k] = '\0';
	return (int)k;
}

/* ------------------------------------------------------------------ */
/* SUCI parsing                                                        */
/* ------------------------------------------------------------------ */

/* A label "<name><value>" ending at the next '.'; @v/@vn: the value. */
static int
nai_label(const uint8_t **p, const uint8_t *end, const char *name, const uint8_t **v, size_t *vn)
{
	size_t nl = strlen(name);
	const uint8_t *q;

	if ((size_t)(end - *p) < nl || memcmp(*p, name, nl) != 0)
		return -1;
	*v = *p + nl;
	for (q = *v; q < end && *q != '.'; q++)
		;
	*vn = (size_t)(q - *v);
	*p = q < end ? q + 1 : q;
	return q < end ? 1 : 0; /* 1: a '.' followed */
}

/* Decimal value of a label, at most @max. */
static int
nai_num(const uint8_t *v, size_t n, unsigned int max, unsigned int *out)
{
	unsigned int x = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (unsigned int)(v[i] - '0');
	}
	if (x > max)
		return -1;
	*out = x;
	return 0;
}

/* SUCI NAI (TS 23.003 28.7.3):
 * type<t>.rid<RI>.schid<s>.hnkey<k>.{ecckey<H>.cip<H>.mac<H> | userid<u>}@realm */
static int
suci_nai_parse(const uint8_t *nai, size_t len, struct agw_sidf_suci *s)
{
	const uint8_t *p = nai, *end, *at = NULL, *v;
	unsigned int x;
	size_t vn, i;
	long n, m, k;

	for (i = 0; i < len; i++)
		if (nai[i] == '@')
			at = nai + i;
	if (at == NULL || !realm_ok(at + 1, (size_t)(nai + len - at - 1)))
		return AGW_SIDF_E_MALFORMED;
	memcpy(s->realm, at + 1, (size_t)(nai + len - at - 1));
	end = at;
	s->nai_form = 1;
	if (nai_label(&p, end, "type", &v, &vn) != 1 || nai_num(v, vn, 9, &x) != 0)
		return AGW_SIDF_E_MALFORMED;
	s->supi_type = (uint8_t)x;
	if (nai_label(&p, end, "rid", &v, &vn) != 1 || vn == 0 || vn > 4)
		return AGW_SIDF_E_MALFORMED;
	for (i = 0; i < vn; i++)
		if (v[i] < '0' || v[i] > '9')
			return AGW_SIDF_E_MALFORMED;
	memcpy(s->rid, v, vn);
	if (nai_label(&p, end, "schid", &v, &vn) != 1 || nai_num(v, vn, 15, &x) != 0)
		return AGW_SIDF_E_MALFORMED;
	s->scheme = (uint8_t)x;
	if (nai_label(&p, end, "hnkey", &v, &vn) != 1 || nai_num(v, vn, 255, &x) != 0)
		return AGW_SIDF_E_MALFORMED;
	s->hn_key_id = (uint8_t)x;
	if (s->supi_type == AGW_SIDF_SUPI_IMSI)
		return AGW_SIDF_E_UNSUPPORTED_SUPI; /* realm gives a 3-digit MNC: ambiguous */
	if (s->supi_type > AGW_SIDF_SUPI_GLI)
		return AGW_SIDF_E_UNSUPPORTED_SUPI;

	if (s->scheme == AGW_SIDF_SCHEME_NULL) {
		/* The username may hold dots: everything up to the '@'. */
		if ((size_t)(end - p) < 6 || memcmp(p, "userid", 6) != 0)
			return AGW_SIDF_E_MALFORMED;
		vn = (size_t)(end - p - 6);
		if (vn == 0 || vn > AGW_SIDF_USERNAME_MAX)
			return AGW_SIDF_E_BAD_LENGTH;
		memcpy(s->null_id, p + 6, vn);
		s->null_id[vn] = '\0';
		return 0;
	}
	if (s->scheme != AGW_SIDF_PROFILE_A && s->scheme != AGW_SIDF_PROFILE_B)
		return 0; /* unknown scheme: output left opaque */

	if (nai_label(&p, end, "ecckey", &v, &vn) != 1)
		return AGW_SIDF_E_MALFORMED;
	n = hex_span(v, vn, s->out, AGW_SIDF_EPH_MAX);
	if (n < 0)
		return vn % 2 == 0 && vn / 2 > AGW_SIDF_EPH_MAX ? AGW_SIDF_E_BAD_LENGTH
								: AGW_SIDF_E_MALFORMED;
	if ((size_t)n != eph_len_of(s->scheme))
		return AGW_SIDF_E_BAD_LENGTH;
	if (s->scheme == AGW_SIDF_PROFILE_B && s->out[0] != 0x02 && s->out[0] != 0x03)
		return AGW_SIDF_E_BAD_POINT;
	if (nai_label(&p, end, "cip", &v, &vn) != 1)
		return AGW_SIDF_E_MALFORMED;
	m = hex_span(v, vn, s->out + n, AGW_SIDF_INPUT_MAX);
	if (m < 0)
		return vn % 2 == 0 && vn / 2 > AGW_SIDF_INPUT_MAX ? AGW_SIDF_E_BAD_LENGTH
								  : AGW_SIDF_E_MALFORMED;
	if (m == 0)
		return AGW_SIDF_E_BAD_LENGTH;
	if (nai_label(&p, end, "mac", &v, &vn) != 0) /* last label */
		return AGW_SIDF_E_MALFORMED;
	k = hex_span(v, vn, s->out + n + m, AGW_SIDF_TAG_LEN);
	if (k < 0)
		return vn % 2 == 0 ? AGW_SIDF_E_BAD_LENGTH : AGW_SIDF_E_MALFORMED;
	if (k != AGW_SIDF_TAG_LEN)
		return AGW_SIDF_E_BAD_LENGTH;
	s->eph_len = (uint8_t)n;
	s->cipher_len = (uint16_t)m;
	s->out_len = (uint16_t)(n + m + k);
	return 0;
}

/* Classify a 5GS mobile identity the lib/proto decoder refused, from the
 * fixed octets of figure 9.11.3.4.3 (type, SUPI format, scheme at octet
 * 6, first output octet at 8). */
static int
decode_error(const uint8_t *ie, size_t len, int rc)
{
	if (len == 0)
		return AGW_SIDF_E_MALFORMED;
	if ((ie[0] & 0x07) != AGW_NAS5G_ID_SUCI)
		return AGW_SIDF_E_NOT_SUCI;
	if (rc == AGW_PROTO_E_UNSUPPORTED)
		return AGW_SIDF_E_UNSUPPORTED_SUPI;
	if (rc == AGW_PROTO_E_TRUNCATED || rc == AGW_PROTO_E_BAD_LENGTH)
		return AGW_SIDF_E_BAD_LENGTH;
	if (rc == AGW_PROTO_E_BAD_VALUE && ((ie[0] >> 4) & 7) == 0 && len > 8 &&
	    (ie[6] & 0x0f) == AGW_SIDF_PROFILE_B && ie[8] != 0x02 && ie[8] != 0x03)
		return AGW_SIDF_E_BAD_POINT;
	return AGW_SIDF_E_MALFORMED;
}

int
agw_sidf_suci_parse(const uint8_t *ie, size_t len, struct agw_sidf_suci *s)
{
	struct agw_nas5g_mobile_id id;
	const struct agw_nas5g_suci *u;
	size_t n;
	int rc;

	if (ie == NULL || s == NULL)
		return AGW_SIDF_E_INVAL;
	memset(s, 0, sizeof(*s));
	rc = agw_nas5g_mobile_id_decode(ie, len, &id);
	if (rc != 0)
		return decode_error(ie, len, rc);
	if (id.type != AGW_NAS5G_ID_SUCI)
		return AGW_SIDF_E_NOT_SUCI;
	u = &id.u.suci;
	if (u->supi_format == 1)
		return suci_nai_parse(u->nai, u->nai_len, s);
	s->supi_type = AGW_SIDF_SUPI_IMSI;
	s->scheme = u->scheme;
	s->hn_key_id = u->hn_key_id;
	memcpy(s->mcc, u->plmn.mcc, sizeof(s->mcc));
	memcpy(s->mnc, u->plmn.mnc, sizeof(s->mnc));
	memcpy(s->rid, u->rid, sizeof(s->rid));
	switch (u->scheme) {
	case AGW_SIDF_SCHEME_NULL:
		n = strnlen(u->msin, sizeof(u->msin));
		if (n == 0 || n > AGW_SIDF_MSIN_MAX)
			return AGW_SIDF_E_BAD_LENGTH;
		memcpy(s->null_id, u->msin, n + 1);
		return 0;
	case AGW_SIDF_PROFILE_A:
	case AGW_SIDF_PROFILE_B:
		/* The decoder split it: key (32/33), ciphertext >= 1, tag 8. */
		if (u->cipher_len > AGW_SIDF_MSIN_BCD_MAX)
			return AGW_SIDF_E_BAD_LENGTH;
		memcpy(s->out, u->out, u->out_len);
		s->out_len = u->out_len;
		s->eph_len = u->eph_pub_len;
		s->cipher_len = u->cipher_len;
		return 0;
	default:
		return 0; /* unknown scheme: output left opaque */
	}
}

/* ------------------------------------------------------------------ */
/* De-concealment                                                      */
/* ------------------------------------------------------------------ */

static const char *const supi_prefix[] = {"imsi-", "nai-", "gci-", "gli-"};

/* SUPI string from the scheme input. */
static int
make_supi(const struct agw_sidf_suci *s, const uint8_t *in, size_t n, struct agw_sidf_result *res)
{
	char msin[2 * AGW_SIDF_MSIN_BCD_MAX + 2];
	int k;

	if (s->supi_type == AGW_SIDF_SUPI_IMSI) {
		if (s->scheme == AGW_SIDF_SCHEME_NULL) {
			memcpy(msin, in, n);
			msin[n] = '\0';
			k = (int)n;
		} else {
			k = bcd_unpack(in, n, msin, sizeof(msin));
		}
		if (k <= 0 || k > AGW_SIDF_MSIN_MAX ||
		    strlen(s->mcc) + strlen(s->mnc) + (size_t)k > 15)
			return AGW_SIDF_E_BAD_PLAINTEXT;
		snprintf(res->supi, sizeof(res->supi), "imsi-%s%s%s", s->mcc, s->mnc, msin);
		agw_memzero(msin, sizeof(msin));
		return 0;
	}
	if (!user_ok(in, n))
		return AGW_SIDF_E_BAD_PLAINTEXT;
	snprintf(res->supi, sizeof(res->supi), "%s%.*s@%s", supi_prefix[s->supi_type], (int)n,
		 (const char *)in, s->realm);
	return 0;
}

static int
deconceal(struct agw_hnkeys *keys, const struct agw_sidf_policy *pol, const struct agw_sidf_suci *s,
	  struct agw_sidf_result *res, struct agw_sidf_trace *t)
{
	uint8_t plain[AGW_SIDF_INPUT_MAX];
	struct agw_hnkeys_read r;
	const struct agw_hnkey *k;
	long n;
	int rc;

	memset(res, 0, sizeof(*res));
	res->supi_type = s->supi_type;
	res->scheme = s->scheme;
	res->hn_key_id = s->hn_key_id;
	memcpy(res->rid, s->rid, sizeof(res->rid));
	if (s->scheme == AGW_SIDF_SCHEME_NULL) {
		if (pol == NULL || !pol->allow_null_scheme)
			return AGW_SIDF_E_NULL_SCHEME_REFUSED;
		return make_supi(s, (const uint8_t *)s->null_id, strlen(s->null_id), res);
	}
	if (s->scheme != AGW_SIDF_PROFILE_A && s->scheme != AGW_SIDF_PROFILE_B)
		return AGW_SIDF_E_UNKNOWN_SCHEME;
	if (s->out_len == 0)
		return AGW_SIDF_E_BAD_LENGTH;
	if (keys == NULL)
		return AGW_SIDF_E_UNKNOWN_KEY;

	agw_hnkeys_read_begin(keys, &r);
	k = agw_hnkeys_find(&r, s->hn_key_id);
	if (k == NULL)
		n = AGW_SIDF_E_UNKNOWN_KEY;
	else if (agw_hnkey_scheme(k) != s->scheme)
		n = AGW_SIDF_E_KEY_SCHEME_MISMATCH;
	else
		n = agw_sidf_ecies_decrypt(k, s->out, s->out_len, plain, sizeof(plain), t);
	res->key_gen = agw_hnkeys_read_generation(&r);
	agw_hnkeys_read_end(keys, &r);
	if (n < 0)
		return (int)n;
	rc = make_supi(s, plain, (size_t)n, res);
	agw_memzero(plain, sizeof(plain));
	return rc;
}

int
agw_sidf_deconceal_parsed(struct agw_hnkeys *keys, const struct agw_sidf_policy *pol,
			  const struct agw_sidf_suci *s, struct agw_sidf_result *res,
			  struct agw_sidf_trace *t, struct agw_sidf_counters *ctr)
{
	int rc;

	if (s == NULL || res == NULL)
		rc = AGW_SIDF_E_INVAL;
	else
		rc = deconceal(keys, pol, s, res, t);
	if (rc != 0 && res != NULL)
		res->supi[0] = '\0';
	agw_sidf_count(ctr, rc, s != NULL ? s->scheme : 0);
	return rc;
}

int
agw_sidf_deconceal(struct agw_hnkeys *keys, const struct agw_sidf_policy *pol, const uint8_t *ie,
		   size_t len, struct agw_sidf_result *res, struct agw_sidf_trace *t,
		   struct agw_sidf_counters *ctr)
{
	struct agw_sidf_suci s;
	int rc;

	rc = agw_sidf_suci_parse(ie, len, &s);
	if (rc != 0) {
		if (res != NULL)
			memset(res, 0, sizeof(*res));
		agw_sidf_count(ctr, rc, 0);
		return rc;
	}
	rc = agw_sidf_deconceal_parsed(keys, pol, &s, res, t, ctr);
	agw_memzero(s.null_id, sizeof(s.null_id));
	return rc;
}

/* ------------------------------------------------------------------ */
/* Concealment (UE side)                                               */
/* ------------------------------------------------------------------ */

/* Append upper-case hex. */
static char *
put_hex(char *p, const uint8_t *b, size_t n)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		*p++ = hx[b[i] >> 4];
		*p++ = hx[b[i] & 15];
	}
	return p;
}

static long
conceal_imsi(const struct agw_sidf_ue *ue, uint8_t *ie, size_t cap, struct agw_sidf_trace *t)
{
	uint8_t in[AGW_SIDF_MSIN_BCD_MAX], out[AGW_SIDF_OUT_MAX];
	struct agw_nas5g_mobile_id id;
	struct agw_wr w;
	long n, rc;
	size_t il;

	if (!is_digits(ue->mcc, 3, 3) || !is_digits(ue->mnc, 2, 3) ||
	    !is_digits(ue->msin, 1, AGW_SIDF_MSIN_MAX) ||
	    3 + strlen(ue->mnc) + strlen(ue->msin) > 15)
		return AGW_SIDF_E_INVAL;
	il = bcd_pack(ue->msin, in);
	if (ue->scheme == AGW_SIDF_SCHEME_NULL) {
		memcpy(out, in, il);
		n = (long)il;
	} else {
		n = agw_sidf_ecies_encrypt(ue->scheme, ue->hn_pub, ue->hn_pub_len, ue->eph_priv,
					   ue->eph_priv_len, in, il, out, sizeof(out), t);
		if (n < 0)
			return n;
	}
	memset(&id, 0, sizeof(id));
	id.type = AGW_NAS5G_ID_SUCI;
	id.u.suci.supi_format = 0;
	id.u.suci.scheme = ue->scheme;
	id.u.suci.hn_key_id = ue->hn_key_id;
	memcpy(id.u.suci.plmn.mcc, ue->mcc, 4);
	memcpy(id.u.suci.plmn.mnc, ue->mnc, 4);
	memcpy(id.u.suci.rid, ue->rid, 5);
	id.u.suci.out = out;
	id.u.suci.out_len = (uint16_t)n;
	w = agw_wr_init(ie, cap);
	rc = agw_nas5g_mobile_id_encode(&id, &w);
	agw_memzero(in, sizeof(in));
	if (rc == AGW_PROTO_E_NO_SPACE)
		return AGW_SIDF_E_NO_SPACE;
	if (rc != 0)
		return AGW_SIDF_E_INVAL;
	return agw_wr_result(&w);
}

static long
conceal_nai(const struct agw_sidf_ue *ue, uint8_t *ie, size_t cap, struct agw_sidf_trace *t)
{
	uint8_t out[AGW_SIDF_OUT_MAX];
	char nai[AGW_SIDF_IE_MAX];
	const char *at;
	size_t ul, rl;
	char *p;
	long n;

	if (ue->nai == NULL || (at = strrchr(ue->nai, '@')) == NULL)
		return AGW_SIDF_E_INVAL;
	ul = (size_t)(at - ue->nai);
	rl = strlen(at + 1);
	if (!user_ok((const uint8_t *)ue->nai, ul) || !realm_ok((const uint8_t *)at + 1, rl))
		return AGW_SIDF_E_INVAL;
	p = nai + snprintf(nai, 64, "type%u.rid%s.schid%u.hnkey%u.", ue->supi_type, ue->rid,
			   ue->scheme, ue->hn_key_id);
	if (ue->scheme == AGW_SIDF_SCHEME_NULL) {
		memcpy(p, "userid", 6);
		memcpy(p + 6, ue->nai, ul);
		p += 6 + ul;
	} else {
		n = agw_sidf_ecies_encrypt(ue->scheme, ue->hn_pub, ue->hn_pub_len, ue->eph_priv,
					   ue->eph_priv_len, (const uint8_t *)ue->nai, ul, out,
					   sizeof(out), t);
		if (n < 0)
			return n;
		n -= (long)eph_len_of(ue->scheme) + AGW_SIDF_TAG_LEN; /* ciphertext */
		memcpy(p, "ecckey", 6);
		p = put_hex(p + 6, out, eph_len_of(ue->scheme));
		memcpy(p, ".cip", 4);
		p = put_hex(p + 4, out + eph_len_of(ue->scheme), (size_t)n);
		memcpy(p, ".mac", 4);
		p = put_hex(p + 4, out + eph_len_of(ue->scheme) + n, AGW_SIDF_TAG_LEN);
	}
	*p++ = '@';
	memcpy(p, at + 1, rl);
	p += rl;
	if ((size_t)(p - nai) + 1 > cap)
		return AGW_SIDF_E_NO_SPACE;
	/* 5GS mobile identity: SUPI format 1 (NSI) | type SUCI, then the NAI. */
	ie[0] = (uint8_t)(1 << 4 | AGW_NAS5G_ID_SUCI);
	memcpy(ie + 1, nai, (size_t)(p - nai));
	n = (long)(p - nai) + 1;
	agw_memzero(nai, sizeof(nai));
	return n;
}

long
agw_sidf_conceal(const struct agw_sidf_ue *ue, uint8_t *ie, size_t cap, struct agw_sidf_trace *t)
{
	if (ue == NULL || ie == NULL || ue->scheme >= AGW_SIDF_N_SCHEMES ||
	    ue->supi_type > AGW_SIDF_SUPI_GLI || !is_digits(ue->rid, 1, 4))
		return AGW_SIDF_E_INVAL;
	if (ue->scheme != AGW_SIDF_SCHEME_NULL && ue->hn_pub == NULL)
		return AGW_SIDF_E_INVAL;
	if (ue->supi_type == AGW_SIDF_SUPI_IMSI)
		return conceal_imsi(ue, ie, cap, t);
	return conceal_nai(ue, ie, cap, t);
}
