/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Public-key and hash work that needs no secret of a driver: SHA-256,
 * Ed25519 verification, HKDF (RFC 5869), X25519 for the negotiation's
 * ephemeral shares, random octets. OpenSSL EVP.
 */

#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "agw_util.h"
#include "secmod_priv.h"

int
sm_sha256(const void *a, size_t alen, const void *b, size_t blen, uint8_t out[32])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 0;
	int ok;

	if (c == NULL)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
	     (alen == 0 || EVP_DigestUpdate(c, a, alen) == 1) &&
	     (blen == 0 || EVP_DigestUpdate(c, b, blen) == 1) &&
	     EVP_DigestFinal_ex(c, out, &n) == 1;
	EVP_MD_CTX_free(c);
	return ok ? 0 : -EIO;
}

int
sm_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	EVP_MD_CTX *c;
	int ok = 0;

	if (k == NULL)
		return -EINVAL;
	c = EVP_MD_CTX_new();
	if (c != NULL && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1)
		ok = EVP_DigestVerify(c, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok ? 0 : -EBADMSG;
}

int
sm_hkdf(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
	const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *c = kdf != NULL ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM p[5];
	int ok;

	EVP_KDF_free(kdf);
	if (c == NULL)
		return -ENOMEM;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ikm, ikm_len);
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len);
	p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_len);
	p[4] = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(c, out, out_len, p) == 1;
	EVP_KDF_CTX_free(c);
	return ok ? 0 : -EIO;
}

int
sm_rand(void *out, size_t n)
{
	return RAND_bytes(out, (int)n) == 1 ? 0 : -EIO;
}

void *
sm_x25519_new(uint8_t pub[32])
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, NULL);
	EVP_PKEY *k = NULL;
	size_t n = 32;

	if (c == NULL)
		return NULL;
	if (EVP_PKEY_keygen_init(c) != 1 || EVP_PKEY_keygen(c, &k) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(c);
	if (k != NULL && (EVP_PKEY_get_raw_public_key(k, pub, &n) != 1 || n != 32)) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	return k;
}

int
sm_x25519_shared(void *key, const uint8_t peer[32], uint8_t z[32])
{
	EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, 32);
	EVP_PKEY_CTX *c = NULL;
	size_t n = 32;
	int ok = 0;

	if (p == NULL)
		return -EINVAL;
	c = EVP_PKEY_CTX_new(key, NULL);
	/* OpenSSL refuses an all-zero result (small-order peer share). */
	if (c != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, p) == 1)
		ok = EVP_PKEY_derive(c, z, &n) == 1 && n == 32;
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(p);
	if (!ok)
		agw_memzero(z, 32);
	return ok ? 0 : -EBADMSG;
}

void
sm_x25519_free(void *key)
{
	EVP_PKEY_free(key);
}
