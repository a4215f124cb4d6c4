/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * X25519 (RFC 7748) through OpenSSL 3 EVP raw keys, and K_DH. See agw_dh.h.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "agw_dh.h"
#include "agw_kdf.h"
#include "agw_rand.h"
#include "agw_util.h"

static const uint8_t zeros[AGW_X25519_LEN];

static EVP_PKEY *
x25519_private(const uint8_t priv[AGW_X25519_LEN])
{
	return EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, priv, AGW_X25519_LEN);
}

int
agw_x25519_public(const uint8_t priv[AGW_X25519_LEN], uint8_t pub[AGW_X25519_LEN])
{
	EVP_PKEY *k;
	size_t n = AGW_X25519_LEN;
	int rc;

	if (priv == NULL || pub == NULL)
		return -EINVAL;
	k = x25519_private(priv);
	rc = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 && n == AGW_X25519_LEN
		     ? 0
		     : -EIO;
	EVP_PKEY_free(k); /* clears its copy of the private key */
	if (rc != 0)
		ERR_clear_error();
	return rc;
}

int
agw_x25519_keypair(struct agw_x25519_pair *kp)
{
	int rc;

	if (kp == NULL)
		return -EINVAL;
	rc = agw_rand_bytes(kp->priv, AGW_X25519_LEN);
	if (rc == 0)
		rc = agw_x25519_public(kp->priv, kp->pub);
	if (rc != 0) {
		agw_memzero(kp, sizeof(*kp));
		return -EIO;
	}
	return 0;
}

/* The pair as an OpenSSL key, both halves given: importing the private
 * key alone would compute the public key again (a scalar multiplication). */
static EVP_PKEY *
x25519_pair_key(const struct agw_x25519_pair *kp)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
	EVP_PKEY *k = NULL;
	OSSL_PARAM p[3];

	p[0] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, (void *)kp->priv,
						 AGW_X25519_LEN);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)kp->pub,
						 AGW_X25519_LEN);
	p[2] = OSSL_PARAM_construct_end();
	if (c == NULL || EVP_PKEY_fromdata_init(c) != 1 ||
	    EVP_PKEY_fromdata(c, &k, EVP_PKEY_KEYPAIR, p) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(c);
	return k;
}

/* Z with OpenSSL; 0, -EBADMSG (derive refused: all-zero result) or -EIO. */
static int
x25519_derive(EVP_PKEY *k, EVP_PKEY *peer, uint8_t z[AGW_X25519_LEN])
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	size_t n = AGW_X25519_LEN;
	int rc = -EIO;

	/* No peer validation (validate 0): every u is an X25519 input. */
	if (c != NULL && EVP_PKEY_derive_init(c) == 1 &&
	    EVP_PKEY_derive_set_peer_ex(c, peer, 0) == 1) {
		/* OpenSSL fails the derivation only for an all-zero Z. */
		rc = EVP_PKEY_derive(c, z, &n) == 1 && n == AGW_X25519_LEN ? 0 : -EBADMSG;
	}
	EVP_PKEY_CTX_free(c);
	return rc;
}

int
agw_x25519_shared(const struct agw_x25519_pair *kp, const uint8_t *peer, size_t peer_len,
		  uint8_t z[AGW_X25519_LEN])
{
	EVP_PKEY *k = NULL, *p = NULL;
	int rc = -EIO;

	if (kp == NULL || peer == NULL || z == NULL || peer_len != AGW_X25519_LEN)
		return -EINVAL;
	k = x25519_pair_key(kp);
	p = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, peer, AGW_X25519_LEN);
	if (k != NULL && p != NULL)
		rc = x25519_derive(k, p, z);
	/* RFC 7748 §6.1: refuse the all-zero secret, whatever the library did. */
	if (rc == 0 && agw_ct_equal(z, zeros, AGW_X25519_LEN))
		rc = -EBADMSG;
	if (rc != 0) {
		agw_memzero(z, AGW_X25519_LEN);
		ERR_clear_error();
	}
	EVP_PKEY_free(k); /* clears its copy of the private key */
	EVP_PKEY_free(p);
	return rc;
}

int
agw_dh_kdh(const uint8_t z[AGW_X25519_LEN], const uint8_t kamf[32],
	   const uint8_t pub_nw[AGW_X25519_LEN], const uint8_t pub_ue[AGW_X25519_LEN],
	   uint8_t kdh[AGW_KDH_LEN])
{
	const struct agw_kdf_param p[3] = {
		{kamf, 32},
		{pub_nw, AGW_X25519_LEN},
		{pub_ue, AGW_X25519_LEN},
	};

	if (z == NULL || kamf == NULL || pub_nw == NULL || pub_ue == NULL || kdh == NULL)
		return -EINVAL;
	return agw_kdf(z, AGW_X25519_LEN, AGW_FC_SSI_KDH, p, 3, kdh);
}
