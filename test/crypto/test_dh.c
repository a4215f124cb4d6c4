/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/crypto agw_dh.h: X25519 against RFC 7748 (§5.2 first scalar
 * multiplication vector, §6.1 Alice/Bob) and TS 33.501 C.4.3 profile A
 * (agw_tv_suci[], test/vectors/3gpp-test-vectors.json); the all-zero
 * shared secret of every small-order input refused; wrong lengths refused;
 * K_DH against a second derivation (the KDF input string built here by
 * hand, HMAC-SHA-256 straight from OpenSSL).
 *
 * (lib/crypto's test, kept with the seed 000 tests that use it.)
 */
#include <errno.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agw_dh.h"
#include "agw_test.h"
#include "agw_test_vectors.h"
#include "agw_util.h"

static void
hex(const char *s, uint8_t *out, size_t n)
{
	CU_ASSERT_FATAL(agw_hex_decode(s, out, n) == (long)n);
}

/* RFC 7748 §6.1 */
static void
test_rfc7748_alice_bob(void)
{
	struct agw_x25519_pair a, b;
	uint8_t want_pa[32], want_pb[32], k[32], z1[32], z2[32];

	hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a.priv, 32);
	hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", want_pa, 32);
	hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b.priv, 32);
	hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", want_pb, 32);
	hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", k, 32);
	CU_ASSERT_EQUAL(agw_x25519_public(a.priv, a.pub), 0);
	AGW_ASSERT_MEM_EQ(a.pub, want_pa, 32);
	CU_ASSERT_EQUAL(agw_x25519_public(b.priv, b.pub), 0);
	AGW_ASSERT_MEM_EQ(b.pub, want_pb, 32);
	CU_ASSERT_EQUAL(agw_x25519_shared(&a, b.pub, 32, z1), 0);
	AGW_ASSERT_MEM_EQ(z1, k, 32);
	CU_ASSERT_EQUAL(agw_x25519_shared(&b, a.pub, 32, z2), 0);
	AGW_ASSERT_MEM_EQ(z2, k, 32);
}

/* RFC 7748 §5.2, first vector: a scalar and a u that are not clamped /
 * not canonical, so the clamping and masking rules are exercised. */
static void
test_rfc7748_scalarmult(void)
{
	struct agw_x25519_pair k;
	uint8_t u[32], want[32], z[32];

	hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", k.priv, 32);
	hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u, 32);
	hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", want, 32);
	CU_ASSERT_EQUAL(agw_x25519_public(k.priv, k.pub), 0);
	CU_ASSERT_EQUAL(agw_x25519_shared(&k, u, 32, z), 0);
	AGW_ASSERT_MEM_EQ(z, want, 32);
}

/* TS 33.501 C.4.3: home network and ephemeral key pairs, shared key. */
static void
test_ts33501_profile_a(void)
{
	unsigned int n = 0;

	for (size_t i = 0; i < AGW_TV_SUCI_N; i++) {
		const struct agw_tv_suci *v = &agw_tv_suci[i];
		struct agw_x25519_pair hn, eph;
		uint8_t z[32], z2[32];

		if (v->profile[0] != 'A')
			continue;
		n++;
		CU_ASSERT_EQUAL_FATAL(v->hn_private_key_len, 32);
		memcpy(hn.priv, v->hn_private_key, 32);
		memcpy(eph.priv, v->eph_private_key, 32);
		CU_ASSERT_EQUAL(agw_x25519_public(hn.priv, hn.pub), 0);
		AGW_ASSERT_MEM_EQ(hn.pub, v->hn_public_key, 32);
		CU_ASSERT_EQUAL(agw_x25519_public(eph.priv, eph.pub), 0);
		AGW_ASSERT_MEM_EQ(eph.pub, v->eph_public_key, 32);
		CU_ASSERT_EQUAL(agw_x25519_shared(&hn, v->eph_public_key, 32, z), 0);
		if (v->shared_key_len == 32)
			AGW_ASSERT_MEM_EQ(z, v->shared_key, 32);
		CU_ASSERT_EQUAL(agw_x25519_shared(&eph, v->hn_public_key, 32, z2), 0);
		AGW_ASSERT_MEM_EQ(z2, z, 32);
	}
	CU_ASSERT_EQUAL(n, 2);
}

/* Small-order u (0, 1, the two points of order 8, and p-1, p, p+1, which
 * reduce to small-order ones): the shared secret is all zero, refused. */
static void
test_small_order(void)
{
	static const char *const bad[] = {
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0100000000000000000000000000000000000000000000000000000000000000",
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	};
	static const uint8_t zero[32];
	struct agw_x25519_pair kp;
	uint8_t u[32], z[32];

	CU_ASSERT_FATAL(agw_x25519_keypair(&kp) == 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		hex(bad[i], u, 32);
		memset(z, 0xa5, sizeof(z));
		CU_ASSERT_EQUAL(agw_x25519_shared(&kp, u, 32, z), -EBADMSG);
		CU_ASSERT(memcmp(z, zero, 32) == 0); /* nothing left behind */
	}
	agw_memzero(&kp, sizeof(kp));
}

static void
test_lengths(void)
{
	struct agw_x25519_pair kp;
	uint8_t peer[33], z[32];

	CU_ASSERT_FATAL(agw_x25519_keypair(&kp) == 0);
	memcpy(peer, kp.pub, 32);
	peer[32] = 0;
	CU_ASSERT_EQUAL(agw_x25519_shared(&kp, peer, 31, z), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_shared(&kp, peer, 33, z), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_shared(&kp, peer, 0, z), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_shared(NULL, peer, 32, z), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_shared(&kp, NULL, 32, z), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_keypair(NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_x25519_public(kp.priv, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_dh_kdh(NULL, kp.priv, peer, peer, z), -EINVAL);
	agw_memzero(&kp, sizeof(kp));
}

/* Two fresh pairs: distinct, consistent, same Z from both ends. */
static void
test_keypair(void)
{
	struct agw_x25519_pair a, b;
	uint8_t p[32], z1[32], z2[32];

	CU_ASSERT_FATAL(agw_x25519_keypair(&a) == 0);
	CU_ASSERT_FATAL(agw_x25519_keypair(&b) == 0);
	CU_ASSERT(memcmp(a.priv, b.priv, 32) != 0 && memcmp(a.pub, b.pub, 32) != 0);
	CU_ASSERT(agw_x25519_public(a.priv, p) == 0 && memcmp(p, a.pub, 32) == 0);
	CU_ASSERT(agw_x25519_shared(&a, b.pub, 32, z1) == 0);
	CU_ASSERT(agw_x25519_shared(&b, a.pub, 32, z2) == 0);
	AGW_ASSERT_MEM_EQ(z1, z2, 32);
	agw_memzero(&a, sizeof(a));
	agw_memzero(&b, sizeof(b));
}

/* HMAC-SHA-256(Z, 0xF0 || K_AMF || 00 20 || PK_nw || 00 20 || PK_ue || 00 20). */
static void
kdh_reference(const uint8_t z[32], const uint8_t kamf[32], const uint8_t nw[32],
	      const uint8_t ue[32], uint8_t out[32])
{
	uint8_t s[1 + 3 * 34];
	unsigned int n = 0;
	const uint8_t *p[3] = {kamf, nw, ue};

	s[0] = 0xf0;
	for (int i = 0; i < 3; i++) {
		memcpy(s + 1 + 34 * i, p[i], 32);
		s[1 + 34 * i + 32] = 0x00;
		s[1 + 34 * i + 33] = 0x20;
	}
	CU_ASSERT_FATAL(HMAC(EVP_sha256(), z, 32, s, sizeof(s), out, &n) != NULL && n == 32);
}

static void
test_kdh(void)
{
	uint8_t z[32], kamf[32], nw[32], ue[32], k1[32], k2[32], ref[32];

	for (int i = 0; i < 32; i++) {
		z[i] = (uint8_t)i;
		kamf[i] = (uint8_t)(0x80 + i);
		nw[i] = (uint8_t)(0x40 ^ i);
		ue[i] = (uint8_t)(0x20 ^ (3 * i));
	}
	CU_ASSERT_EQUAL(AGW_FC_SSI_KDH, 0xf0);
	CU_ASSERT_EQUAL(agw_dh_kdh(z, kamf, nw, ue, k1), 0);
	kdh_reference(z, kamf, nw, ue, ref);
	AGW_ASSERT_MEM_EQ(k1, ref, 32);
	/* every input matters, and the roles are not interchangeable */
	CU_ASSERT_EQUAL(agw_dh_kdh(z, kamf, ue, nw, k2), 0);
	CU_ASSERT(memcmp(k1, k2, 32) != 0);
	kamf[0] ^= 1;
	CU_ASSERT_EQUAL(agw_dh_kdh(z, kamf, nw, ue, k2), 0);
	CU_ASSERT(memcmp(k1, k2, 32) != 0);
}

static CU_TestInfo t_dh[] = {
	{"RFC 7748 6.1 Alice and Bob", test_rfc7748_alice_bob},
	{"RFC 7748 5.2 scalar multiplication", test_rfc7748_scalarmult},
	{"TS 33.501 C.4.3 profile A key pairs and shared key", test_ts33501_profile_a},
	{"small-order peer keys -> all-zero secret refused", test_small_order},
	{"wrong lengths and NULL refused", test_lengths},
	{"fresh key pairs agree", test_keypair},
	{"K_DH against a second derivation", test_kdh},
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	CU_SuiteInfo suites[] = {
		{"crypto_dh", NULL, NULL, NULL, NULL, t_dh},
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
