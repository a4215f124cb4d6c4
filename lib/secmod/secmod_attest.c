/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Trusted (remote) attestation, FIG. 8 (spec/003 3.3), Table 1 rows 1-4:
 *
 *   S821/S822 (provider != verifier) SM1 -> SM3: verifier and attester ids;
 *        SM3 checks the verifier's permission and returns the reference
 *        value (expected measurement of each layer).
 *   S830 SM1: 32-octet challenge: the requester's security parameter when
 *        given ([0218]), else drawn from the ledger head and the clock
 *        ("blockchain timestamp", [0016][0220]) mixed with random octets,
 *        else random.
 *   S840 SM1 -> SM2: challenge and evidence end-point layer ([0309]).
 *   S850 SM2 (permission: the policy holds ATTESTATION): a quote
 *        "AGWQ" || 1 || attester || L || challenge || M[1..L], signed with
 *        the module's Ed25519 attestation key (TPM-quote-like; M[i] are
 *        PCR-like SHA-256 extend chains of layer i).
 *   S860 evidence back; S870 SM1 checks signature (the attestation key
 *        from negotiation), attester, layer and challenge (else
 *        ATTEST_BAD_QUOTE), then M[i] == RV[i] for i <= L (else
 *        ATTEST_UNTRUSTED); S880 result to node #1 and a third party.
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

#define QUOTE_HDR (4 + 1 + 4 + 1 + 32)
#define RV_LEN (AGW_SECMOD_LAYERS * 32)

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

static struct sm_rv *
rv_find(struct agw_secmod *mod, uint32_t attester, int create)
{
	for (unsigned int i = 0; i < mod->n_rv; i++)
		if (mod->rv[i].attester == attester)
			return &mod->rv[i];
	if (!create || mod->n_rv == SM_RV_MAX)
		return NULL;
	memset(&mod->rv[mod->n_rv], 0, sizeof(mod->rv[0]));
	mod->rv[mod->n_rv].attester = attester;
	return &mod->rv[mod->n_rv++];
}

static uint32_t
rv_perm(const struct agw_secmod *mod, uint32_t attester, uint32_t node)
{
	for (unsigned int i = 0; i < mod->n_rv_perm; i++)
		if (mod->rv_perm[i].attester == attester && mod->rv_perm[i].node == node)
			return mod->rv_perm[i].perm;
	return 0;
}

static struct sm_measure *
meas_find(struct agw_secmod *mod, uint32_t node, int create)
{
	for (unsigned int i = 0; i < mod->n_meas; i++)
		if (mod->meas[i].node == node)
			return &mod->meas[i];
	if (!create || mod->n_meas == AGW_SECMOD_SERVED_MAX)
		return NULL;
	memset(&mod->meas[mod->n_meas], 0, sizeof(mod->meas[0]));
	mod->meas[mod->n_meas].node = node;
	return &mod->meas[mod->n_meas++];
}

int
agw_secmod_measure(struct agw_secmod *mod, uint32_t node, unsigned int layer,
		   const uint8_t digest[32])
{
	struct sm_measure *m;
	int rc = -EINVAL;

	if (mod == NULL || digest == NULL || layer == 0 || layer > AGW_SECMOD_LAYERS)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	if (sm_served(mod, node) != NULL) {
		m = meas_find(mod, node, 1);
		rc = m != NULL ? sm_sha256(m->m[layer - 1], 32, digest, 32, m->m[layer - 1])
			       : -ENOSPC;
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int
agw_secmod_rv_set(struct agw_secmod *mod, uint32_t attester,
		  const uint8_t rv[AGW_SECMOD_LAYERS][32])
{
	struct sm_rv *e;

	if (mod == NULL || attester == 0 || rv == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	e = rv_find(mod, attester, 1);
	if (e != NULL) {
		memcpy(e->rv, rv, RV_LEN);
		e->have = 1;
	}
	pthread_mutex_unlock(&mod->lock);
	return e != NULL ? 0 : -ENOSPC;
}

int
agw_secmod_rv_source(struct agw_secmod *mod, uint32_t attester, uint32_t provider)
{
	struct sm_rv *e;

	if (mod == NULL || attester == 0)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	e = rv_find(mod, attester, 1);
	if (e != NULL)
		e->provider = provider;
	pthread_mutex_unlock(&mod->lock);
	return e != NULL ? 0 : -ENOSPC;
}

int
agw_secmod_rv_permit(struct agw_secmod *mod, uint32_t attester, uint32_t node, uint32_t perm)
{
	int rc = 0;

	if (mod == NULL || attester == 0 || node == 0)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	for (unsigned int i = 0; i < mod->n_rv_perm; i++)
		if (mod->rv_perm[i].attester == attester && mod->rv_perm[i].node == node) {
			mod->rv_perm[i].perm = perm;
			goto out;
		}
	if (mod->n_rv_perm == SM_PERM_MAX) {
		rc = -ENOSPC;
	} else {
		mod->rv_perm[mod->n_rv_perm].attester = attester;
		mod->rv_perm[mod->n_rv_perm].node = node;
		mod->rv_perm[mod->n_rv_perm++].perm = perm;
	}
out:
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int
agw_secmod_ak_pub(const struct agw_secmod *mod, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN])
{
	if (mod == NULL || pub == NULL)
		return -EINVAL;
	memcpy(pub, mod->ak_pub, AGW_SECMOD_ED25519_PUB_LEN);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Evidence                                                            */
/* ------------------------------------------------------------------ */

/* S850: quote over the challenge, signed with the attestation key. */
static int
quote_make(struct agw_secmod *mod, uint32_t node, uint8_t layer, const uint8_t challenge[32],
	   uint8_t *out, size_t *len)
{
	struct sm_measure *ms = meas_find(mod, node, 0);
	size_t n = QUOTE_HDR + (size_t)layer * 32;
	int rc;

	memcpy(out, "AGWQ", 4);
	out[4] = 1;
	sm_be32(out + 5, node);
	out[9] = layer;
	memcpy(out + 10, challenge, 32);
	for (unsigned int i = 0; i < layer; i++) {
		if (ms != NULL)
			memcpy(out + QUOTE_HDR + 32 * i, ms->m[i], 32);
		else
			memset(out + QUOTE_HDR + 32 * i, 0, 32);
	}
	rc = mod->drv->ops->sign(mod->drv, mod->k_ak, out, n, out + n);
	*len = n + AGW_SECMOD_ED25519_SIG_LEN;
	return rc;
}

int
sm_att_on_evid_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	uint8_t ev[SM_EVIDENCE_MAX];
	struct ssp_writer w;
	size_t len = 0;
	uint8_t layer;

	/* Table row 1: the requesting side must be permitted to have us attest */
	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_ATTESTATION)))
		return sm_reply_cause(mod, m, pol, SSP_EVID_RSP, AGW_SECMOD_NOT_IN_POLICY);
	if (m->v[T_CHALLENGE] == NULL || m->v[T_LAYER] == NULL)
		return sm_reply_cause(mod, m, pol, SSP_EVID_RSP, AGW_SECMOD_MALFORMED);
	layer = m->v[T_LAYER][0];
	if (layer == 0 || layer > AGW_SECMOD_LAYERS)
		return sm_reply_cause(mod, m, pol, SSP_EVID_RSP, AGW_SECMOD_MALFORMED);
	if (quote_make(mod, m->h.to, layer, m->v[T_CHALLENGE], ev, &len) != 0)
		return sm_reply_cause(mod, m, pol, SSP_EVID_RSP, AGW_SECMOD_DRIVER_FAIL);
	sm_reply_begin(&w, m, pol, SSP_EVID_RSP);
	ssp_put(&w, T_EVIDENCE, ev, len);
	ssp_put_u32(&w, T_NODE, m->h.to);
	return sm_finish(mod, &w, pol);
}

/* S870 */
static unsigned int
quote_check(const struct sm_txn *t, const uint8_t *ev, size_t len)
{
	uint8_t layer = t->u.att.layer;
	size_t n = QUOTE_HDR + (size_t)layer * 32;
	uint8_t diff = 0;

	if (len != n + AGW_SECMOD_ED25519_SIG_LEN || memcmp(ev, "AGWQ", 4) != 0 || ev[4] != 1 ||
	    sm_rd32(ev + 5) != t->peer || ev[9] != layer ||
	    !agw_ct_equal(ev + 10, t->u.att.challenge, 32) ||
	    sm_ed25519_verify(t->pol->peer_ak_pub, ev, n, ev + n) != 0)
		return AGW_SECMOD_ATTEST_BAD_QUOTE;
	for (unsigned int i = 0; i < layer; i++)
		diff |= (uint8_t)!agw_ct_equal(ev + QUOTE_HDR + 32 * i, t->u.att.rv[i], 32);
	return diff ? AGW_SECMOD_ATTEST_UNTRUSTED : AGW_SECMOD_OK;
}

int
sm_att_on_evid_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	unsigned int cause;

	if (m->v[T_CAUSE] != NULL)
		cause = ssp_get_u16(m, T_CAUSE) == AGW_SECMOD_NOT_IN_POLICY
				? AGW_SECMOD_NOT_IN_POLICY
				: AGW_SECMOD_ATTEST_BAD_QUOTE;
	else if (m->v[T_EVIDENCE] == NULL)
		cause = AGW_SECMOD_MALFORMED;
	else
		cause = quote_check(t, m->v[T_EVIDENCE], m->l[T_EVIDENCE]);
	sm_feedback_txn(mod, t, cause, NULL, 0);
	sm_txn_free(mod, t);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Verifier                                                            */
/* ------------------------------------------------------------------ */

static int
att_challenge(struct agw_secmod *mod, const struct agw_secmod_req *req, uint8_t ch[32])
{
	uint8_t seed[32 + 8 + 8 + 16];
	uint64_t count = 0;

	if (req->param_len != 0) {
		if (req->param_len != 32)
			return -EINVAL;
		memcpy(ch, req->param, 32); /* [0218]: parameter goes to the algorithm */
		return 0;
	}
	memset(seed, 0, sizeof(seed));
	if (mod->conf.ledger != NULL)
		mod->conf.ledger->ops->head(mod->conf.ledger->ctx, seed, &count);
	sm_be64(seed + 32, count);
	sm_be64(seed + 40, sm_now(mod));
	if (sm_rand(seed + 48, 16) != 0)
		return -EIO;
	return sm_sha256(seed, sizeof(seed), NULL, 0, ch);
}

static int
att_send_challenge(struct agw_secmod *mod, struct sm_txn *t)
{
	struct ssp_writer w;

	t->kind = SM_TX_ATTEST_EVID;
	t->peer = t->pol->peer;
	t->deadline = sm_now(mod) + mod->conf.txn_timeout_ms;
	ssp_begin(&w, SSP_EVID_REQ, t->id, t->local, t->peer, t->pol->version);
	ssp_put(&w, T_CHALLENGE, t->u.att.challenge, 32);
	ssp_put_u8(&w, T_LAYER, t->u.att.layer);
	return sm_finish(mod, &w, t->pol);
}

static void
att_start(struct agw_secmod *mod, const struct sm_call *c)
{
	struct sm_rv *rv = rv_find(mod, c->pol->peer, 0);
	uint32_t provider = rv != NULL ? rv->provider : 0;
	struct sm_policy *p3 = NULL;
	struct ssp_writer w;
	struct sm_txn *t;

	if (c->pol->alg[AGW_SECMOD_CLS_ATTEST] != AGW_SECMOD_ALG_QUOTE_ED25519) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_POLICY, c->pol, NULL, 0, 0);
		return;
	}
	if (provider != 0 && provider != c->local) {
		p3 = sm_policy_cur(mod, c->local, provider);
		if (p3 == NULL) {
			sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_REFERENCE, c->pol, NULL, 0,
				    0);
			return;
		}
	} else if (rv == NULL || !rv->have) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_REFERENCE, c->pol, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, p3 != NULL ? SM_TX_ATTEST_RV : SM_TX_ATTEST_EVID,
			p3 != NULL ? provider : c->pol->peer);
	if (t == NULL)
		return;
	t->u.att.layer = c->req->attest_layer != 0 ? c->req->attest_layer : c->pol->attest_layer;
	if (t->u.att.layer > AGW_SECMOD_LAYERS || att_challenge(mod, c->req, t->u.att.challenge)) {
		sm_fail_txn(mod, t, AGW_SECMOD_MALFORMED);
		return;
	}
	if (p3 == NULL) {
		memcpy(t->u.att.rv, rv->rv, RV_LEN);
		if (att_send_challenge(mod, t) != 0)
			sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
		return;
	}
	/* S821: reference value first, before any challenge goes out */
	ssp_begin(&w, SSP_RV_REQ, t->id, c->local, provider, p3->version);
	ssp_put_u32(&w, T_NODE, c->local);
	ssp_put_u32(&w, T_NODE2, c->pol->peer);
	if (sm_finish(mod, &w, p3) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
}

/* Local services of a node: its own evidence, or reference values. */
static void
att_local(struct agw_secmod *mod, const struct sm_call *c)
{
	uint8_t ev[SM_EVIDENCE_MAX];
	size_t len = 0;
	const struct agw_secmod_req *r = c->req;
	struct sm_rv *rv;

	if (c->svc == AGW_SECMOD_SVC_ATTESTATION) {
		uint8_t layer = r->attest_layer != 0 ? r->attest_layer : AGW_SECMOD_LAYERS;

		if (r->param_len != 32 || layer > AGW_SECMOD_LAYERS)
			sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_MALFORMED, NULL, NULL, 0, 0);
		else if (quote_make(mod, c->local, layer, r->param, ev, &len) != 0)
			sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_DRIVER_FAIL, NULL, NULL, 0, 0);
		else
			sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_OK, NULL, ev, (uint32_t)len, 0);
		return;
	}
	/* RV_PROVIDE for a node of this module (Table row 3) */
	rv = rv_find(mod, r->dest, 0);
	if (!(rv_perm(mod, r->dest, c->local) & 1))
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_UNAUTHORISED, NULL, NULL, 0, 0);
	else if (rv == NULL || !rv->have)
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_REFERENCE, NULL, NULL, 0, 0);
	else
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_OK, NULL, &rv->rv[0][0], RV_LEN, 0);
}

void
sm_svc_verification(struct agw_secmod *mod, const struct sm_call *c)
{
	if (c->svc == AGW_SECMOD_SVC_VERIFICATION)
		att_start(mod, c);
	else
		att_local(mod, c);
}

void
sm_svc_rv_update(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct sm_rv *rv;
	unsigned int cause = AGW_SECMOD_OK;

	/* Table row 4: only the attester's registered provider updates */
	if (!(rv_perm(mod, r->dest, c->local) & 2))
		cause = AGW_SECMOD_UNAUTHORISED;
	else if (r->len != RV_LEN || r->dest == 0)
		cause = AGW_SECMOD_MALFORMED;
	else if ((rv = rv_find(mod, r->dest, 1)) == NULL)
		cause = AGW_SECMOD_NO_RESOURCE;
	else {
		memcpy(rv->rv, r->data, RV_LEN);
		rv->have = 1;
	}
	sm_feedback(mod, &c->fb, c->svc, cause, NULL, NULL, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Provider                                                            */
/* ------------------------------------------------------------------ */

int
sm_att_on_rv_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	uint32_t verifier = ssp_get_u32(m, T_NODE), attester = ssp_get_u32(m, T_NODE2);
	struct ssp_writer w;
	struct sm_rv *rv;
	unsigned int cause = AGW_SECMOD_OK;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_RV_PROVIDE)))
		cause = AGW_SECMOD_NOT_IN_POLICY;
	else if (verifier == 0 || attester == 0)
		cause = AGW_SECMOD_MALFORMED;
	else if (verifier != m->h.from || !(rv_perm(mod, attester, verifier) & 1))
		cause = AGW_SECMOD_UNAUTHORISED; /* Table row 3: permission to verify */
	else if ((rv = rv_find(mod, attester, 0)) == NULL || !rv->have)
		cause = AGW_SECMOD_NO_REFERENCE;
	mod->st.cause[cause]++;
	if (cause != AGW_SECMOD_OK)
		return sm_reply_cause(mod, m, pol, SSP_RV_RSP, cause);
	mod->st.svc_ok[AGW_SECMOD_SVC_RV_PROVIDE]++;
	sm_reply_begin(&w, m, pol, SSP_RV_RSP);
	ssp_put(&w, T_RV, rv->rv, RV_LEN);
	return sm_finish(mod, &w, pol);
}

int
sm_att_on_rv_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	if (m->v[T_RV] == NULL) {
		sm_fail_txn(mod, t, AGW_SECMOD_NO_REFERENCE);
		return 0;
	}
	memcpy(t->u.att.rv, m->v[T_RV], RV_LEN);
	t->u.att.have_rv = 1;
	if (att_send_challenge(mod, t) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
	return 0;
}
