/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_DH_H
#define AGW_DH_H

/**
 * @file
 * Ephemeral Diffie-Hellman for the seed 000 "DH exchange" security service
 * procedure (spec 000 §3.3 Msg1/Msg2, §6.4): X25519 (RFC 7748) through
 * OpenSSL EVP, and the key both ends derive from the shared secret, K_DH.
 *
 * X25519 takes any 32-octet u-coordinate (RFC 7748 §5: the top bit is
 * masked, non-canonical values are reduced, twist points are harmless since
 * Curve25519 is twist-secure), so there is no "off-curve" public key; the
 * small-order inputs give the all-zero shared secret, which
 * agw_x25519_shared() refuses (RFC 7748 §6.1 "check").
 *
 * K_DH (an anchorgw choice, doc/nas-private-ies.md §4): the 3GPP generic
 * KDF (TS 33.220 B.2) with
 *   KEY = the X25519 shared secret Z (32 octets),
 *   FC  = AGW_FC_SSI_KDH (0xF0, private),
 *   P0  = K_AMF (32 octets): binds the unauthenticated DH to the 5G AKA
 *         run both ends share (spec 000 §7 item 11),
 *   P1  = the network's public key, P2 = the UE's public key (32 each).
 * Keying HMAC with Z keeps K_DH secret under the standard PRF assumption
 * even if K_AMF leaks later; P0 makes a man in the middle without K_AMF
 * derive another key.
 *
 * Private keys and shared secrets only ever sit in caller buffers, which
 * the caller zeroises (agw_memzero()); temporaries are zeroised here.
 * Nothing is logged. Every function may be called from any thread.
 *
 * Return convention: 0 or -errno.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** X25519 private key, public key and shared secret length, octets. */
#define AGW_X25519_LEN 32

/** Length of K_DH, octets. */
#define AGW_KDH_LEN 32

/**
 * FC of the K_DH derivation: private. 3GPP allocates FC values upwards
 * (TS 33.501 A.1.2: 0x69-0x84, TS 33.535/33.503 up to 0x8A); 0xF0 is far
 * from them.
 */
#define AGW_FC_SSI_KDH 0xF0

/** An X25519 key pair. */
struct agw_x25519_pair {
	uint8_t priv[AGW_X25519_LEN]; /**< private key: secret, zeroise after use */
	uint8_t pub[AGW_X25519_LEN];  /**< its public key, X25519(priv, 9) */
};

/**
 * A fresh ephemeral key pair: 32 random octets from agw_rand_bytes() as the
 * private key (RFC 7748 §5 clamps it when used), its public key.
 *
 * @param[out] kp  the pair (secret).
 * @return 0, -EINVAL (NULL), -EIO (CSPRNG or libcrypto failure; @p kp
 *   zeroised).
 */
int agw_x25519_keypair(struct agw_x25519_pair *kp);

/**
 * Public key of a private key: X25519(priv, 9) (e.g. to make a pair from
 * a given private key).
 *
 * @return 0, -EINVAL (NULL), -EIO.
 */
int agw_x25519_public(const uint8_t priv[AGW_X25519_LEN], uint8_t pub[AGW_X25519_LEN]);

/**
 * Shared secret Z = X25519(kp->priv, peer): one scalar multiplication (the
 * pair's public key is handed to OpenSSL with it, so the import does not
 * compute it again; it is not used by the derivation).
 *
 * @param[in] kp        own key pair.
 * @param[in] peer      the peer's public key as received.
 * @param[in] peer_len  its length: must be AGW_X25519_LEN.
 * @param[out] z        shared secret (secret; zeroised on failure).
 * @return 0; -EINVAL (NULL, @p peer_len not 32); -EBADMSG (all-zero
 *   shared secret: a small-order peer key, RFC 7748 §6.1); -EIO.
 */
int agw_x25519_shared(const struct agw_x25519_pair *kp, const uint8_t *peer, size_t peer_len,
		      uint8_t z[AGW_X25519_LEN]);

/**
 * K_DH = KDF(Z, FC 0xF0, P0 = K_AMF, P1 = network public key, P2 = UE
 * public key); see the file comment.
 *
 * @param[in] z       X25519 shared secret.
 * @param[in] kamf    K_AMF of the current 5G NAS security context.
 * @param[in] pub_nw  the network's (AMF's) public key.
 * @param[in] pub_ue  the UE's public key.
 * @param[out] kdh    K_DH (secret).
 * @return 0, -EINVAL (NULL), -EIO.
 */
int agw_dh_kdh(const uint8_t z[AGW_X25519_LEN], const uint8_t kamf[32],
	       const uint8_t pub_nw[AGW_X25519_LEN], const uint8_t pub_ue[AGW_X25519_LEN],
	       uint8_t kdh[AGW_KDH_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* AGW_DH_H */
