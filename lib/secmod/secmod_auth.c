/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Authentication service, FIG. 7 (spec/003 3.2), with 5G AKA as the
 * policy's algorithm ([0229] names AKA):
 *
 *   S730 SM1: RAND, AUTN = SQN^AK || AMF || MAC-A (MILENAGE on the driver
 *        key K), XRES* (TS 33.501 A.4); XRES* stays in SM1 ([0250]).
 *   S740 SM1 -> SM2: RAND, AUTN (relayed through AMF, RAN, UE for a
 *        core <-> UE pair).
 *   S750 SM2: checks MAC-A, the separation bit and SQN freshness, computes
 *        RES*; a bad AUTN gives no RES* but cause AUTN_FAIL (spec test 7).
 *   S760 SM2 -> SM1: RES*.
 *   S770 SM1: RES* == XRES* in constant time; S780 result to node #1.
 *
 * No resynchronisation (AUTS) is run: a stale SQN is an AUTN failure.
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "secmod_priv.h"

static struct sm_cred *
cred_find(struct agw_secmod *mod, uint32_t node)
{
	for (unsigned int i = 0; i < mod->n_cred; i++)
		if (mod->cred[i].node == node)
			return &mod->cred[i];
	return NULL;
}

int
agw_secmod_aka_cred_set(struct agw_secmod *mod, const struct agw_secmod_aka_cred *c)
{
	struct sm_cred *e;
	void *k = NULL;
	int rc;

	if (mod == NULL || c == NULL || c->node == 0 || memchr(c->snn, 0, sizeof(c->snn)) == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	e = cred_find(mod, c->node);
	if (e == NULL && mod->n_cred == SM_CRED_MAX) {
		pthread_mutex_unlock(&mod->lock);
		return -ENOSPC;
	}
	rc = mod->drv->ops->key_import(mod->drv, AGW_SECMOD_KEY_AES128, c->k, 16, &k);
	if (rc == 0) {
		if (e == NULL)
			e = &mod->cred[mod->n_cred++];
		else
			mod->drv->ops->key_destroy(mod->drv, e->k);
		e->node = c->node;
		e->k = k;
		memcpy(e->opc, c->opc, 16);
		memcpy(e->sqn, c->sqn, 6);
		memcpy(e->amf, c->amf, 2);
		memcpy(e->snn, c->snn, sizeof(e->snn));
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

static void
sqn_inc(uint8_t sqn[6])
{
	for (int i = 5; i >= 0; i--)
		if (++sqn[i] != 0)
			break;
}

/* Build RAND, AUTN and XRES* for the peer UE (S730). */
static int
auth_vector(struct agw_secmod *mod, struct sm_cred *cr, uint8_t rand[16], uint8_t autn[16],
	    uint8_t xres_star[16])
{
	uint8_t res[8], ck[16], ik[16], ak[6], amf[2];
	int rc;

	amf[0] = cr->amf[0] | 0x80; /* TS 33.501 6.1.3.2: AMF separation bit */
	amf[1] = cr->amf[1];
	rc = sm_rand(rand, 16);
	if (rc == 0)
		rc = sm_milenage_f2345(mod->drv, cr->k, cr->opc, rand, res, ck, ik, ak);
	if (rc == 0)
		rc = sm_milenage_f1(mod->drv, cr->k, cr->opc, rand, cr->sqn, amf, autn + 8);
	for (int i = 0; rc == 0 && i < 6; i++)
		autn[i] = cr->sqn[i] ^ ak[i];
	memcpy(autn + 6, amf, 2);
	if (rc == 0)
		rc = agw_kdf_res_star(ck, ik, cr->snn, strlen(cr->snn), rand, res, 8, xres_star);
	if (rc == 0)
		sqn_inc(cr->sqn);
	agw_memzero(res, sizeof(res));
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	agw_memzero(ak, sizeof(ak));
	return rc;
}

void
sm_svc_auth(struct agw_secmod *mod, const struct sm_call *c)
{
	uint8_t rand[16], autn[16];
	struct sm_cred *cr = cred_find(mod, c->pol->peer);
	struct ssp_writer w;
	struct sm_txn *t;

	if (c->pol->alg[AGW_SECMOD_CLS_AUTH] != AGW_SECMOD_ALG_5G_AKA || cr == NULL) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_POLICY, c->pol, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, SM_TX_AUTH, c->pol->peer);
	if (t == NULL)
		return;
	if (auth_vector(mod, cr, rand, autn, t->u.auth.xres_star) != 0) {
		sm_fail_txn(mod, t, AGW_SECMOD_DRIVER_FAIL);
		return;
	}
	/* S740: only the AV subset {RAND, AUTN} leaves SM1 ([0255][0256]) */
	ssp_begin(&w, SSP_AUTH_REQ, t->id, c->local, c->pol->peer, c->pol->version);
	ssp_put(&w, T_RAND, rand, 16);
	ssp_put(&w, T_AUTN, autn, 16);
	if (sm_finish(mod, &w, c->pol) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
}

/* 48-bit big-endian a > b */
static int
sqn_newer(const uint8_t a[6], const uint8_t b[6])
{
	return memcmp(a, b, 6) > 0;
}

/* S750 at the UE's module: AUTN check and RES*. */
static unsigned int
auth_ue(struct agw_secmod *mod, struct sm_cred *cr, const uint8_t rand[16], const uint8_t autn[16],
	uint8_t res_star[16])
{
	uint8_t res[8], ck[16], ik[16], ak[6], sqn[6], xmac[8];
	unsigned int cause = AGW_SECMOD_OK;

	if (sm_milenage_f2345(mod->drv, cr->k, cr->opc, rand, res, ck, ik, ak) != 0)
		cause = AGW_SECMOD_DRIVER_FAIL;
	for (int i = 0; i < 6; i++)
		sqn[i] = autn[i] ^ ak[i];
	if (cause == AGW_SECMOD_OK &&
	    sm_milenage_f1(mod->drv, cr->k, cr->opc, rand, sqn, autn + 6, xmac) != 0)
		cause = AGW_SECMOD_DRIVER_FAIL;
	if (cause == AGW_SECMOD_OK &&
	    (!agw_ct_equal(xmac, autn + 8, 8) || !(autn[6] & 0x80) || !sqn_newer(sqn, cr->sqn)))
		cause = AGW_SECMOD_AUTN_FAIL;
	if (cause == AGW_SECMOD_OK &&
	    agw_kdf_res_star(ck, ik, cr->snn, strlen(cr->snn), rand, res, 8, res_star) != 0)
		cause = AGW_SECMOD_DRIVER_FAIL;
	if (cause == AGW_SECMOD_OK)
		memcpy(cr->sqn, sqn, 6);
	agw_memzero(res, sizeof(res));
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	agw_memzero(ak, sizeof(ak));
	return cause;
}

int
sm_auth_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	struct sm_cred *cr = cred_find(mod, m->h.to);
	uint8_t res_star[16];
	struct ssp_writer w;
	unsigned int cause;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_AUTHENTICATION)))
		cause = AGW_SECMOD_NOT_IN_POLICY;
	else if (m->v[T_RAND] == NULL || m->v[T_AUTN] == NULL)
		cause = AGW_SECMOD_MALFORMED;
	else if (cr == NULL)
		cause = AGW_SECMOD_NO_POLICY;
	else
		cause = auth_ue(mod, cr, m->v[T_RAND], m->v[T_AUTN], res_star);
	mod->st.cause[cause]++;
	if (cause != AGW_SECMOD_OK)
		return sm_reply_cause(mod, m, pol, SSP_AUTH_RSP, cause);
	sm_reply_begin(&w, m, pol, SSP_AUTH_RSP);
	ssp_put(&w, T_RES, res_star, 16);
	agw_memzero(res_star, sizeof(res_star));
	return sm_finish(mod, &w, pol);
}

int
sm_auth_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	unsigned int cause;

	if (m->v[T_CAUSE] != NULL)
		cause = ssp_get_u16(m, T_CAUSE) == AGW_SECMOD_AUTN_FAIL ? AGW_SECMOD_AUTN_FAIL
									: AGW_SECMOD_AUTH_FAIL;
	else if (m->v[T_RES] == NULL)
		cause = AGW_SECMOD_MALFORMED;
	else /* S770 */
		cause = agw_ct_equal(m->v[T_RES], t->u.auth.xres_star, 16) ? AGW_SECMOD_OK
									   : AGW_SECMOD_AUTH_FAIL;
	sm_feedback_txn(mod, t, cause, NULL, 0);
	sm_txn_free(mod, t); /* XRES* zeroised with the transaction */
	return 0;
}
