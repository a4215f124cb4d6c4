/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Trusted negotiation (spec/003 5.2 S600, PROPOSAL for the protocol):
 *
 *   NEG_REQ  I -> R: version, services, preference lists per class,
 *            token lifetime, attestation layer, X25519 share, nonce_i,
 *            I's attestation/token/ZK public keys; Ed25519 by I's module.
 *   NEG_RSP  R -> I: agreed services, one algorithm per class, X25519
 *            share, nonce_r, R's public keys, SHA-256 of NEG_REQ;
 *            Ed25519 by R's module.
 *
 * Each side checks the other's signature with the identity key the
 * operator provisioned (agw_secmod_peer_add()). R accepts only a version
 * above its current one for the pair (no replay, no rollback); I accepts
 * only algorithms it offered (no downgrade). Both derive the pair's keys
 * with HKDF-SHA-256 (RFC 5869): salt nonce_i || nonce_r, IKM the X25519
 * secret, info "anchorgw-secmod-v1" || SHA-256(SHA-256(NEG_REQ) || NEG_RSP)
 * || version || label; keys go into the driver and the copies are
 * zeroised. A renegotiation is the same exchange with version + 1.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

static const uint8_t default_prefs[AGW_SECMOD_CLS_MAX][4] = {
	[AGW_SECMOD_CLS_AUTH] = {AGW_SECMOD_ALG_5G_AKA},
	[AGW_SECMOD_CLS_ATTEST] = {AGW_SECMOD_ALG_QUOTE_ED25519},
	[AGW_SECMOD_CLS_TOKEN] = {AGW_SECMOD_ALG_JWS_EDDSA, AGW_SECMOD_ALG_JWS_HS256},
	[AGW_SECMOD_CLS_CIPHER] = {AGW_SECMOD_ALG_AES128_GCM, AGW_SECMOD_ALG_AES256_GCM},
	[AGW_SECMOD_CLS_INTEG] = {AGW_SECMOD_ALG_HMAC_SHA256, AGW_SECMOD_ALG_AES_CMAC},
	[AGW_SECMOD_CLS_FP_CIPHER] = {AGW_SECMOD_ALG_NEA2, AGW_SECMOD_ALG_NEA3,
				      AGW_SECMOD_ALG_NEA1},
	[AGW_SECMOD_CLS_FP_INTEG] = {AGW_SECMOD_ALG_NIA2, AGW_SECMOD_ALG_NIA3, AGW_SECMOD_ALG_NIA1},
	[AGW_SECMOD_CLS_ZK] = {AGW_SECMOD_ALG_SCHNORR_P256},
};

/* Which class an algorithm belongs to (-1: none). */
static int
alg_class(unsigned int alg)
{
	for (int c = 0; c < AGW_SECMOD_CLS_MAX; c++)
		for (int i = 0; i < 4; i++)
			if (default_prefs[c][i] == alg && alg != 0)
				return c;
	return -1;
}

static uint32_t
sm_supported(const struct agw_secmod *mod)
{
	return mod->drv->algs | AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_SCHNORR_P256);
}

int
sm_svc_class(unsigned int svc)
{
	switch (svc) {
	case AGW_SECMOD_SVC_AUTHENTICATION:
		return AGW_SECMOD_CLS_AUTH;
	case AGW_SECMOD_SVC_ATTESTATION:
	case AGW_SECMOD_SVC_VERIFICATION:
		return AGW_SECMOD_CLS_ATTEST;
	case AGW_SECMOD_SVC_TOKEN_GEN:
	case AGW_SECMOD_SVC_TOKEN_GET:
	case AGW_SECMOD_SVC_TOKEN_VERIFY:
		return AGW_SECMOD_CLS_TOKEN;
	case AGW_SECMOD_SVC_ENCRYPT:
	case AGW_SECMOD_SVC_DECRYPT:
		return AGW_SECMOD_CLS_CIPHER;
	case AGW_SECMOD_SVC_INTEGRITY:
	case AGW_SECMOD_SVC_INTEGRITY_CHECK:
		return AGW_SECMOD_CLS_INTEG;
	case AGW_SECMOD_SVC_ZK_VERIFY:
		return AGW_SECMOD_CLS_ZK;
	default:
		return -1;
	}
}

void
sm_neg_state_free(struct sm_neg_state *s)
{
	if (s == NULL)
		return;
	sm_x25519_free(s->x25519);
	agw_memzero(s, sizeof(*s));
	free(s);
}

/* ------------------------------------------------------------------ */
/* Policy from the exchange                                            */
/* ------------------------------------------------------------------ */

struct neg_result {
	uint32_t local, peer, version, services, lifetime;
	uint8_t layer, initiator;
	uint8_t alg[AGW_SECMOD_CLS_MAX];
	const uint8_t *peer_keys; /* T_KEYS of the other side */
};

static int
derive(const uint8_t salt[64], const uint8_t z[32], const uint8_t th[32], uint32_t version,
       const char *label, uint8_t *out, size_t len)
{
	uint8_t info[18 + 32 + 4 + 16];
	size_t ll = strlen(label);

	memcpy(info, "anchorgw-secmod-v1", 18);
	memcpy(info + 18, th, 32);
	sm_be32(info + 50, version);
	memcpy(info + 54, label, ll);
	return sm_hkdf(salt, 64, z, 32, info, 54 + ll, out, len);
}

static int
import_keys(struct agw_secmod *mod, struct sm_policy *p, const uint8_t salt[64],
	    const uint8_t z[32], const uint8_t th[32])
{
	const struct agw_secmod_drv_ops *o = mod->drv->ops;
	struct agw_secmod_drv *d = mod->drv;
	uint8_t k[SM_KEY_LEN];
	int rc;

	rc = derive(salt, z, th, p->version, "msg", k, 32);
	if (rc == 0)
		rc = o->key_import(d, AGW_SECMOD_KEY_HMAC, k, 32, &p->k_msg);
	if (rc == 0 && p->alg[AGW_SECMOD_CLS_CIPHER] != 0) {
		int big = p->alg[AGW_SECMOD_CLS_CIPHER] == AGW_SECMOD_ALG_AES256_GCM;

		rc = derive(salt, z, th, p->version, "cipher", k, 32);
		if (rc == 0)
			rc = o->key_import(d, big ? AGW_SECMOD_KEY_AES256 : AGW_SECMOD_KEY_AES128,
					   k, big ? 32 : 16, &p->k_cipher);
		if (rc == 0)
			rc = derive(salt, z, th, p->version, "gcm-salt", p->gcm_salt, 3);
	}
	if (rc == 0 && p->alg[AGW_SECMOD_CLS_INTEG] != 0) {
		int cmac = p->alg[AGW_SECMOD_CLS_INTEG] == AGW_SECMOD_ALG_AES_CMAC;

		rc = derive(salt, z, th, p->version, "integ", k, 32);
		if (rc == 0)
			rc = o->key_import(d, cmac ? AGW_SECMOD_KEY_AES128 : AGW_SECMOD_KEY_HMAC, k,
					   cmac ? 16 : 32, &p->k_integ);
	}
	if (rc == 0 && p->alg[AGW_SECMOD_CLS_TOKEN] == AGW_SECMOD_ALG_JWS_HS256) {
		rc = derive(salt, z, th, p->version, "token", k, 32);
		if (rc == 0)
			rc = o->key_import(d, AGW_SECMOD_KEY_HMAC, k, 32, &p->k_token);
	}
	if (rc == 0 && p->alg[AGW_SECMOD_CLS_FP_CIPHER] != 0) {
		rc = derive(salt, z, th, p->version, "fp-enc", k, 16);
		if (rc == 0)
			rc = o->fp_session_create(d, p->alg[AGW_SECMOD_CLS_FP_CIPHER], k,
						  &p->fp_enc);
	}
	if (rc == 0 && p->alg[AGW_SECMOD_CLS_FP_INTEG] != 0) {
		rc = derive(salt, z, th, p->version, "fp-int", k, 16);
		if (rc == 0)
			rc = o->fp_session_create(d, p->alg[AGW_SECMOD_CLS_FP_INTEG], k,
						  &p->fp_int);
	}
	agw_memzero(k, sizeof(k));
	return rc;
}

static struct sm_policy *
policy_build(struct agw_secmod *mod, const struct neg_result *r, const uint8_t salt[64],
	     const uint8_t z[32], const uint8_t th[32])
{
	struct sm_policy *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->local = r->local;
	p->peer = r->peer;
	p->version = r->version;
	p->services = r->services;
	memcpy(p->alg, r->alg, sizeof(p->alg));
	p->initiator = r->initiator;
	p->attest_layer = r->layer;
	p->token_lifetime_s = r->lifetime;
	memcpy(p->peer_ak_pub, r->peer_keys, 32);
	memcpy(p->peer_tok_pub, r->peer_keys + 32, 32);
	memcpy(p->peer_zk_pub, r->peer_keys + 64, SM_ZK_PUB_LEN);
	if (import_keys(mod, p, salt, z, th) != 0) {
		sm_policy_destroy(mod, p);
		return NULL;
	}
	return p;
}

static void
put_keys(struct agw_secmod *mod, struct ssp_writer *w)
{
	uint8_t keys[32 + 32 + SM_ZK_PUB_LEN];

	memcpy(keys, mod->ak_pub, 32);
	memcpy(keys + 32, mod->tok_pub, 32);
	memcpy(keys + 64, mod->zk_pub, SM_ZK_PUB_LEN);
	ssp_put(w, T_KEYS, keys, sizeof(keys));
}

/* ------------------------------------------------------------------ */
/* Initiator                                                           */
/* ------------------------------------------------------------------ */

static void
neg_prefs(const struct agw_secmod *mod, const struct agw_secmod_neg *neg, struct sm_neg_state *s)
{
	uint32_t sup = sm_supported(mod);

	for (int c = 0; c < AGW_SECMOD_CLS_MAX; c++) {
		const uint8_t *src = neg->prefs[c] != NULL ? neg->prefs[c] : default_prefs[c];
		unsigned int n = neg->prefs[c] != NULL ? neg->n_prefs[c] : 4, k = 0;

		for (unsigned int i = 0; i < n && k < AGW_SECMOD_ALG_MAX - 1; i++)
			if (src[i] != 0 && src[i] < AGW_SECMOD_ALG_MAX && alg_class(src[i]) == c &&
			    (sup & AGW_SECMOD_ALG_BIT(src[i])))
				s->prefs[c][k++] = src[i];
		s->neg.n_prefs[c] = (uint8_t)k;
		s->neg.prefs[c] = NULL;
	}
}

static void
put_prefs(struct ssp_writer *w, const struct sm_neg_state *s)
{
	uint8_t b[2 * AGW_SECMOD_CLS_MAX + AGW_SECMOD_CLS_MAX * AGW_SECMOD_ALG_MAX];
	size_t n = 0;

	for (int c = 0; c < AGW_SECMOD_CLS_MAX; c++) {
		b[n++] = (uint8_t)c;
		b[n++] = s->neg.n_prefs[c];
		memcpy(b + n, s->prefs[c], s->neg.n_prefs[c]);
		n += s->neg.n_prefs[c];
	}
	ssp_put(w, T_PREFS, b, n);
}

int64_t
sm_neg_start(struct agw_secmod *mod, const struct agw_secmod_neg *neg)
{
	struct sm_txn tmpl = {0}, *t;
	struct sm_slot *slot;
	struct sm_policy *cur;
	struct sm_neg_state *s;
	struct ssp_writer w;
	uint8_t xpub[32];
	uint32_t version;
	int rc;

	if (sm_served(mod, neg->local) == NULL || neg->peer == 0 || neg->services == 0)
		return -EINVAL;
	if (sm_peer_find(mod, neg->peer) == NULL)
		return -ENOENT;
	slot = sm_slot_get(mod, neg->local, neg->peer);
	if (slot == NULL)
		return -ENOSPC;
	if (slot->neg_txn != 0 && sm_txn_find(mod, slot->neg_txn, SM_TX_NEG) != NULL)
		return -EBUSY;
	cur = atomic_load(&slot->cur);
	/* after a removal the peer may still hold the old version */
	version = (cur != NULL && cur->version > slot->last_version ? cur->version
								    : slot->last_version) +
		  1;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->neg = *neg;
	s->neg.token_lifetime_s = neg->token_lifetime_s != 0 ? neg->token_lifetime_s : 3600;
	s->neg.attest_layer = neg->attest_layer != 0 ? neg->attest_layer : AGW_SECMOD_LAYERS;
	neg_prefs(mod, neg, s);
	s->x25519 = sm_x25519_new(xpub);
	if (s->x25519 == NULL || sm_rand(s->nonce, sizeof(s->nonce)) != 0) {
		sm_neg_state_free(s);
		return -EIO;
	}
	tmpl.local = neg->local;
	tmpl.peer = neg->peer;
	t = sm_txn_new(mod, SM_TX_NEG, &tmpl);
	if (t == NULL) {
		sm_neg_state_free(s);
		return -ENOSPC;
	}
	t->u.neg = s;
	ssp_begin(&w, SSP_NEG_REQ, t->id, neg->local, neg->peer, version);
	ssp_put_u32(&w, T_SERVICES, neg->services);
	put_prefs(&w, s);
	ssp_put_u32(&w, T_LIFETIME, s->neg.token_lifetime_s);
	ssp_put_u8(&w, T_LAYER, s->neg.attest_layer);
	ssp_put(&w, T_X25519, xpub, 32);
	ssp_put(&w, T_NONCE, s->nonce, 32);
	put_keys(mod, &w);
	rc = ssp_end_sig(mod, &w, mod->k_id);
	if (rc == 0)
		rc = sm_sha256(w.buf, w.len, NULL, 0, s->req_hash);
	s->version = version;
	if (rc == 0)
		rc = sm_send(mod, &w, neg->local, neg->peer);
	if (rc != 0) {
		sm_txn_free(mod, t);
		return rc;
	}
	slot->neg_txn = t->id;
	return t->id;
}

static int
alg_offered(const struct sm_neg_state *s, int c, uint8_t alg)
{
	if (alg == 0)
		return 1;
	for (unsigned int i = 0; i < s->neg.n_prefs[c]; i++)
		if (s->prefs[c][i] == alg)
			return 1;
	return 0;
}

int
sm_neg_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	struct sm_neg_state *s = t->u.neg;
	const struct sm_peer *peer = sm_peer_find(mod, t->peer);
	struct neg_result r = {0};
	uint8_t salt[64], z[32], th[32];
	struct sm_slot *slot;
	struct sm_policy *p;
	int rc;

	if (peer == NULL || ssp_check_sig(m, peer->pub) != 0) {
		mod->st.msg_bad_mac++;
		return -EBADMSG;
	}
	if (m->v[T_SERVICES] == NULL || m->v[T_ALGS] == NULL || m->v[T_X25519] == NULL ||
	    m->v[T_NONCE] == NULL || m->v[T_KEYS] == NULL || m->v[T_DIGEST] == NULL ||
	    m->v[T_LIFETIME] == NULL || m->v[T_LAYER] == NULL) {
		mod->st.msg_malformed++;
		return -EBADMSG;
	}
	r.local = t->local;
	r.peer = t->peer;
	r.version = m->h.pol_ver;
	r.services = ssp_get_u32(m, T_SERVICES);
	r.lifetime = ssp_get_u32(m, T_LIFETIME);
	r.layer = m->v[T_LAYER][0];
	r.initiator = 1;
	r.peer_keys = m->v[T_KEYS];
	memcpy(r.alg, m->v[T_ALGS], AGW_SECMOD_CLS_MAX);
	rc = 0;
	if (!agw_ct_equal(m->v[T_DIGEST], s->req_hash, 32) || r.version != s->version ||
	    (r.services & ~s->neg.services) != 0 || r.lifetime != s->neg.token_lifetime_s ||
	    r.layer != s->neg.attest_layer)
		rc = -EPERM;
	for (int c = 0; rc == 0 && c < AGW_SECMOD_CLS_MAX; c++)
		if (!alg_offered(s, c, r.alg[c]))
			rc = -EPERM; /* an algorithm I did not offer: downgrade */
	if (rc != 0) {
		mod->st.neg_rejected++;
		return rc;
	}
	memcpy(salt, s->nonce, 32);
	memcpy(salt + 32, m->v[T_NONCE], 32);
	rc = sm_x25519_shared(s->x25519, m->v[T_X25519], z);
	if (rc == 0)
		rc = sm_sha256(s->req_hash, 32, m->raw, SSP_HDR_LEN + m->h.tlv_len, th);
	p = rc == 0 ? policy_build(mod, &r, salt, z, th) : NULL;
	agw_memzero(z, sizeof(z));
	slot = sm_slot_find(mod, t->local, t->peer);
	if (p == NULL || slot == NULL) {
		mod->st.neg_rejected++;
		return -EIO;
	}
	sm_policy_install(mod, slot, p);
	slot->neg_txn = 0;
	sm_txn_free(mod, t);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Responder                                                           */
/* ------------------------------------------------------------------ */

/* Parse the initiator's preference lists and pick, per class, its first
 * algorithm that this module runs. */
static int
choose_algs(const struct agw_secmod *mod, const struct ssp_msg *m, uint8_t alg[])
{
	const uint8_t *p = m->v[T_PREFS];
	size_t n = m->l[T_PREFS], off = 0;
	uint32_t sup = sm_supported(mod);

	memset(alg, 0, AGW_SECMOD_CLS_MAX);
	while (off < n) {
		uint8_t c, k;

		if (n - off < 2)
			return -EBADMSG;
		c = p[off];
		k = p[off + 1];
		if (c >= AGW_SECMOD_CLS_MAX || n - off - 2 < k)
			return -EBADMSG;
		for (unsigned int i = 0; i < k && alg[c] == 0; i++) {
			uint8_t a = p[off + 2 + i];

			if (a < AGW_SECMOD_ALG_MAX && alg_class(a) == c &&
			    (sup & AGW_SECMOD_ALG_BIT(a)))
				alg[c] = a;
		}
		off += 2 + (size_t)k;
	}
	return 0;
}

static uint32_t
agreed_services(uint32_t want, const uint8_t alg[])
{
	uint32_t out = 0;

	for (unsigned int s = 1; s < AGW_SECMOD_SVC_MAX; s++) {
		int c = sm_svc_class(s);

		if ((want & AGW_SECMOD_SVC_BIT(s)) && (c < 0 || alg[c] != 0))
			out |= AGW_SECMOD_SVC_BIT(s);
	}
	return out;
}

static int
neg_req_check(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_slot **slot)
{
	const struct sm_peer *peer = sm_peer_find(mod, m->h.from);
	struct sm_policy *cur;

	if (sm_served(mod, m->h.to) == NULL || peer == NULL) {
		mod->st.neg_rejected++;
		return -EPERM;
	}
	if (ssp_check_sig(m, peer->pub) != 0) {
		mod->st.msg_bad_mac++;
		return -EBADMSG;
	}
	if (m->v[T_SERVICES] == NULL || m->v[T_PREFS] == NULL || m->v[T_X25519] == NULL ||
	    m->v[T_NONCE] == NULL || m->v[T_KEYS] == NULL || m->v[T_LIFETIME] == NULL ||
	    m->v[T_LAYER] == NULL || m->v[T_LAYER][0] == 0 ||
	    m->v[T_LAYER][0] > AGW_SECMOD_LAYERS) {
		mod->st.msg_malformed++;
		return -EBADMSG;
	}
	*slot = sm_slot_get(mod, m->h.to, m->h.from);
	if (*slot == NULL)
		return -ENOSPC;
	cur = atomic_load(&(*slot)->cur);
	/* Versioned: only a newer policy replaces the current one. */
	if ((cur != NULL && m->h.pol_ver <= cur->version) || m->h.pol_ver == 0 ||
	    ((*slot)->neg_txn != 0 && sm_txn_find(mod, (*slot)->neg_txn, SM_TX_NEG) != NULL)) {
		mod->st.neg_rejected++;
		return -EPERM;
	}
	return 0;
}

int
sm_neg_on_req(struct agw_secmod *mod, const struct ssp_msg *m)
{
	struct neg_result r = {0};
	uint8_t salt[64], z[32], th[32], xpub[32], nonce[32], digest[32];
	struct ssp_writer w;
	struct sm_slot *slot;
	struct sm_policy *p = NULL;
	void *x;
	int rc;

	rc = neg_req_check(mod, m, &slot);
	if (rc != 0)
		return rc;
	r.local = m->h.to;
	r.peer = m->h.from;
	r.version = m->h.pol_ver;
	r.lifetime = ssp_get_u32(m, T_LIFETIME);
	r.layer = m->v[T_LAYER][0];
	r.peer_keys = m->v[T_KEYS];
	if (choose_algs(mod, m, r.alg) != 0) {
		mod->st.msg_malformed++;
		return -EBADMSG;
	}
	r.services = agreed_services(ssp_get_u32(m, T_SERVICES), r.alg);
	x = sm_x25519_new(xpub);
	if (x == NULL || sm_rand(nonce, 32) != 0) {
		sm_x25519_free(x);
		return -EIO;
	}
	rc = sm_x25519_shared(x, m->v[T_X25519], z);
	sm_x25519_free(x);
	if (rc == 0)
		rc = sm_sha256(m->raw, SSP_HDR_LEN + m->h.tlv_len, NULL, 0, digest);
	ssp_begin(&w, SSP_NEG_RSP, m->h.txn, r.local, r.peer, r.version);
	ssp_put_u32(&w, T_SERVICES, r.services);
	ssp_put(&w, T_ALGS, r.alg, AGW_SECMOD_CLS_MAX);
	ssp_put_u32(&w, T_LIFETIME, r.lifetime);
	ssp_put_u8(&w, T_LAYER, r.layer);
	ssp_put(&w, T_X25519, xpub, 32);
	ssp_put(&w, T_NONCE, nonce, 32);
	put_keys(mod, &w);
	ssp_put(&w, T_DIGEST, digest, 32);
	if (rc == 0)
		rc = ssp_end_sig(mod, &w, mod->k_id);
	if (rc == 0)
		rc = sm_sha256(digest, 32, w.buf, w.len, th);
	memcpy(salt, m->v[T_NONCE], 32);
	memcpy(salt + 32, nonce, 32);
	if (rc == 0)
		p = policy_build(mod, &r, salt, z, th);
	agw_memzero(z, sizeof(z));
	if (p == NULL) {
		mod->st.neg_rejected++;
		return rc != 0 ? rc : -EIO;
	}
	sm_policy_install(mod, slot, p);
	return sm_send(mod, &w, r.local, r.peer);
}
