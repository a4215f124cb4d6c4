/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SIDF_INTERNAL_H
#define AGW_SIDF_INTERNAL_H

/*
 * Shared between sidf.c (ECIES, SUCI) and hnkeys.c (key set): the EVP key
 * helpers. Not installed, not part of the API.
 */

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

/* Private key from a 32-octet scalar: X25519 (A) or P-256 (B, 1..n-1, with
 * its public key computed by OpenSSL's EC_POINT_mul). NULL on bad input. */
EVP_PKEY *sidf_pkey_from_raw(unsigned int scheme, const uint8_t *priv, size_t len);

/* 1 when @k is the key type of @scheme (X25519; EC on secp256r1). */
int sidf_pkey_is(const EVP_PKEY *k, unsigned int scheme);

/* Public key as a SUCI carries it: A 32 octets, B 33 (compressed). Returns
 * the length or AGW_SIDF_E_CRYPTO. @pub holds at least 33 octets. */
int sidf_pkey_pub(const EVP_PKEY *k, unsigned int scheme, uint8_t *pub);

/* A derive context for @priv (derive_init done; profile B: cofactor mode),
 * duplicated for every ECDH with the key. NULL on failure. */
EVP_PKEY_CTX *sidf_derive_template(EVP_PKEY *priv, unsigned int scheme);

/* ECDH of private key @priv (through a duplicate of @tmpl when not NULL)
 * with peer octets (A: 32; B: 33 compressed or 65 uncompressed).
 * 0, AGW_SIDF_E_BAD_POINT, AGW_SIDF_E_BAD_LENGTH, AGW_SIDF_E_CRYPTO. */
int sidf_ecdh(EVP_PKEY *priv, const EVP_PKEY_CTX *tmpl, unsigned int scheme, const uint8_t *peer,
	      size_t peer_len, uint8_t z[32]);

#endif /* AGW_SIDF_INTERNAL_H */
