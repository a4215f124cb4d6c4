/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * ZK Verify (Table 1 row 5): the verifier's module asks the peer's module
 * to prove that it holds the secret a behind the public value A = a*G it
 * gave in negotiation, without revealing a. Schnorr non-interactive
 * zero-knowledge proof, RFC 8235 3.3, on P-256 (cofactor 1):
 *
 *   prover:   v random, V = v*G, c = SHA-256(G || V || A || UserID ||
 *             OtherInfo) mod n, r = v - a*c mod n; proof = V || r
 *   verifier: A and V valid points, r < n, V == r*G + c*A
 *
 * Points are compressed (33 octets); UserID is the prover's node id;
 * OtherInfo is the verifier's 32-octet nonce and node id, so a proof
 * answers one request only. The secret a lives in OpenSSL secure memory
 * (PKCS#11 has no Schnorr mechanism), and is cleared when freed.
 */

#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "agw_util.h"
#include "secmod_priv.h"

struct zk_ctx {
	EC_GROUP *g;
	BN_CTX *bn;
	BIGNUM *n;
};

static int
zk_ctx_init(struct zk_ctx *z)
{
	z->g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	z->bn = BN_CTX_secure_new();
	z->n = BN_new();
	if (z->g == NULL || z->bn == NULL || z->n == NULL ||
	    EC_GROUP_get_order(z->g, z->n, z->bn) != 1)
		return -ENOMEM;
	return 0;
}

static void
zk_ctx_fini(struct zk_ctx *z)
{
	EC_GROUP_free(z->g);
	BN_CTX_free(z->bn);
	BN_free(z->n);
}

static int
zk_rand_scalar(const struct zk_ctx *z, BIGNUM *k)
{
	do {
		if (BN_priv_rand_range(k, z->n) != 1)
			return -EIO;
	} while (BN_is_zero(k));
	return 0;
}

static int
zk_point_enc(const struct zk_ctx *z, const EC_POINT *p, uint8_t out[SM_ZK_PUB_LEN])
{
	return EC_POINT_point2oct(z->g, p, POINT_CONVERSION_COMPRESSED, out, SM_ZK_PUB_LEN,
				  z->bn) == SM_ZK_PUB_LEN
		       ? 0
		       : -EIO;
}

/* c = SHA-256(G || V || A || UserID || OtherInfo) mod n */
static int
zk_challenge(const struct zk_ctx *z, const uint8_t v[SM_ZK_PUB_LEN], const uint8_t a[SM_ZK_PUB_LEN],
	     uint32_t prover, const uint8_t *other, size_t other_len, BIGNUM *c)
{
	uint8_t buf[3 * SM_ZK_PUB_LEN + 4 + 64], h[32];
	const EC_POINT *gen = EC_GROUP_get0_generator(z->g);

	if (other_len > 64 || zk_point_enc(z, gen, buf) != 0)
		return -EINVAL;
	memcpy(buf + SM_ZK_PUB_LEN, v, SM_ZK_PUB_LEN);
	memcpy(buf + 2 * SM_ZK_PUB_LEN, a, SM_ZK_PUB_LEN);
	sm_be32(buf + 3 * SM_ZK_PUB_LEN, prover);
	memcpy(buf + 3 * SM_ZK_PUB_LEN + 4, other, other_len);
	if (sm_sha256(buf, 3 * SM_ZK_PUB_LEN + 4 + other_len, NULL, 0, h) != 0 ||
	    BN_bin2bn(h, 32, c) == NULL || BN_nnmod(c, c, z->n, z->bn) != 1)
		return -EIO;
	return 0;
}

void *
sm_zk_keygen(uint8_t pub[SM_ZK_PUB_LEN])
{
	struct zk_ctx z;
	BIGNUM *a = BN_secure_new();
	EC_POINT *A = NULL;
	int rc = zk_ctx_init(&z);

	if (rc == 0 && a != NULL)
		rc = zk_rand_scalar(&z, a);
	if (rc == 0) {
		A = EC_POINT_new(z.g);
		if (A == NULL || EC_POINT_mul(z.g, A, a, NULL, NULL, z.bn) != 1)
			rc = -EIO;
	}
	if (rc == 0)
		rc = zk_point_enc(&z, A, pub);
	EC_POINT_free(A);
	zk_ctx_fini(&z);
	if (rc != 0 || a == NULL) {
		BN_clear_free(a);
		return NULL;
	}
	return a;
}

void
sm_zk_key_free(void *x)
{
	BN_clear_free(x);
}

int
sm_zk_prove(void *x, const uint8_t pub[SM_ZK_PUB_LEN], uint32_t prover, const uint8_t *other,
	    size_t other_len, uint8_t proof[65])
{
	struct zk_ctx z;
	BIGNUM *v = BN_secure_new(), *c = BN_new(), *r = BN_secure_new();
	EC_POINT *V = NULL;
	int rc = zk_ctx_init(&z);

	if (rc == 0 && (v == NULL || c == NULL || r == NULL))
		rc = -ENOMEM;
	if (rc == 0)
		rc = zk_rand_scalar(&z, v);
	if (rc == 0) {
		V = EC_POINT_new(z.g);
		if (V == NULL || EC_POINT_mul(z.g, V, v, NULL, NULL, z.bn) != 1)
			rc = -EIO;
	}
	if (rc == 0)
		rc = zk_point_enc(&z, V, proof);
	if (rc == 0)
		rc = zk_challenge(&z, proof, pub, prover, other, other_len, c);
	/* r = v - a*c mod n */
	if (rc == 0 &&
	    (BN_mod_mul(r, x, c, z.n, z.bn) != 1 || BN_mod_sub(r, v, r, z.n, z.bn) != 1 ||
	     BN_bn2binpad(r, proof + SM_ZK_PUB_LEN, 32) != 32))
		rc = -EIO;
	EC_POINT_free(V);
	BN_clear_free(v);
	BN_clear_free(r);
	BN_free(c);
	zk_ctx_fini(&z);
	return rc;
}

int
sm_zk_verify(const uint8_t pub[SM_ZK_PUB_LEN], uint32_t prover, const uint8_t *other,
	     size_t other_len, const uint8_t proof[65])
{
	struct zk_ctx z;
	EC_POINT *A = NULL, *V = NULL, *W = NULL;
	BIGNUM *c = BN_new(), *r = BN_new();
	int rc = zk_ctx_init(&z);

	if (rc == 0 && (c == NULL || r == NULL))
		rc = -ENOMEM;
	if (rc == 0) {
		A = EC_POINT_new(z.g);
		V = EC_POINT_new(z.g);
		W = EC_POINT_new(z.g);
		/* oct2point checks that the points are on the curve */
		if (A == NULL || V == NULL || W == NULL ||
		    EC_POINT_oct2point(z.g, A, pub, SM_ZK_PUB_LEN, z.bn) != 1 ||
		    EC_POINT_oct2point(z.g, V, proof, SM_ZK_PUB_LEN, z.bn) != 1 ||
		    EC_POINT_is_at_infinity(z.g, A) ||
		    BN_bin2bn(proof + SM_ZK_PUB_LEN, 32, r) == NULL || BN_cmp(r, z.n) >= 0)
			rc = -EBADMSG;
	}
	if (rc == 0)
		rc = zk_challenge(&z, proof, pub, prover, other, other_len, c);
	/* W = r*G + c*A must equal V */
	if (rc == 0 &&
	    (EC_POINT_mul(z.g, W, r, A, c, z.bn) != 1 || EC_POINT_cmp(z.g, W, V, z.bn) != 0))
		rc = -EBADMSG;
	EC_POINT_free(A);
	EC_POINT_free(V);
	EC_POINT_free(W);
	BN_free(c);
	BN_free(r);
	zk_ctx_fini(&z);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Service                                                             */
/* ------------------------------------------------------------------ */

static void
zk_other(uint8_t other[36], const uint8_t nonce[32], uint32_t verifier)
{
	memcpy(other, nonce, 32);
	sm_be32(other + 32, verifier);
}

void
sm_svc_zk(struct agw_secmod *mod, const struct sm_call *c)
{
	struct ssp_writer w;
	struct sm_txn *t;

	if (c->pol->alg[AGW_SECMOD_CLS_ZK] != AGW_SECMOD_ALG_SCHNORR_P256) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_POLICY, c->pol, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, SM_TX_ZK, c->pol->peer);
	if (t == NULL)
		return;
	if (sm_rand(t->u.zk.nonce, 32) != 0) {
		sm_fail_txn(mod, t, AGW_SECMOD_DRIVER_FAIL);
		return;
	}
	ssp_begin(&w, SSP_ZK_REQ, t->id, c->local, c->pol->peer, c->pol->version);
	ssp_put(&w, T_NONCE, t->u.zk.nonce, 32);
	if (sm_finish(mod, &w, c->pol) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
}

int
sm_zk_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	uint8_t other[36], proof[65];
	struct ssp_writer w;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_ZK_VERIFY)))
		return sm_reply_cause(mod, m, pol, SSP_ZK_RSP, AGW_SECMOD_NOT_IN_POLICY);
	if (m->v[T_NONCE] == NULL)
		return sm_reply_cause(mod, m, pol, SSP_ZK_RSP, AGW_SECMOD_MALFORMED);
	zk_other(other, m->v[T_NONCE], m->h.from);
	if (sm_zk_prove(mod->zk_x, mod->zk_pub, m->h.to, other, sizeof(other), proof) != 0)
		return sm_reply_cause(mod, m, pol, SSP_ZK_RSP, AGW_SECMOD_DRIVER_FAIL);
	sm_reply_begin(&w, m, pol, SSP_ZK_RSP);
	ssp_put(&w, T_PROOF, proof, sizeof(proof));
	return sm_finish(mod, &w, pol);
}

int
sm_zk_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	uint8_t other[36];
	unsigned int cause;

	zk_other(other, t->u.zk.nonce, t->local);
	if (m->v[T_PROOF] == NULL)
		cause = m->v[T_CAUSE] != NULL ? AGW_SECMOD_ZK_FAIL : AGW_SECMOD_MALFORMED;
	else
		cause = sm_zk_verify(t->pol->peer_zk_pub, t->peer, other, sizeof(other),
				     m->v[T_PROOF]) == 0
				? AGW_SECMOD_OK
				: AGW_SECMOD_ZK_FAIL;
	sm_feedback_txn(mod, t, cause, NULL, 0);
	sm_txn_free(mod, t);
	return 0;
}
