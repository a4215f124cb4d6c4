/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Authorisation service, FIG. 9 (spec/003 3.4), Table 1 rows 14-17.
 *
 * (a) S920 node #2 -> SM2 (TOKEN_GEN: producer id, service name);
 *     S930 SM2 -> SM1 (the authorisation server's module); S940 SM1 applies
 *     its static authorisation rules (if it has any) and issues a JWT
 *     (claims as TS 29.510 AccessTokenClaims: iss, sub, aud, scope, iat,
 *     exp, jti) signed under the policy with the producer ([0340]):
 *     EdDSA with SM1's token key, or HS256 with the SM1-SM3 policy key;
 *     S950 back to SM2, which stores it by (producer, service) (S960) and
 *     tells node #2 only the result (S970, [0348]).
 * (b) S991 node #3 -> SM3 (TOKEN_VERIFY: consumer id, service name);
 *     S992 SM3 -> SM2 (TOKEN_GET: producer id, service name); S993/S994
 *     SM2 hands the stored token to the producer it was issued for only;
 *     S995 SM3 checks signature, issuer, audience, subject, scope and
 *     expiry; S996 result to node #3.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agw_util.h"
#include "secmod_priv.h"

/* Service names as in TS 29.510 ServiceName ("nudm-sdm"): no JSON escaping. */
int
sm_name_ok(const char *s, size_t len)
{
	if (s == NULL || len == 0 || len >= AGW_SECMOD_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

static struct sm_token *
token_find(struct agw_secmod *mod, uint32_t producer, const char *name)
{
	for (unsigned int i = 0; i < mod->n_tokens; i++)
		if (mod->tokens[i].producer == producer && strcmp(mod->tokens[i].name, name) == 0)
			return &mod->tokens[i];
	return NULL;
}

int
agw_secmod_token_held(struct agw_secmod *mod, uint32_t producer, const char *name)
{
	int held;

	if (mod == NULL || name == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	held = token_find(mod, producer, name) != NULL;
	pthread_mutex_unlock(&mod->lock);
	return held;
}

/* ------------------------------------------------------------------ */
/* Static authorisation (Table row 14)                                 */
/* ------------------------------------------------------------------ */

int
agw_secmod_authz_rule(struct agw_secmod *mod, uint32_t consumer, uint32_t producer,
		      const char *name, int allow)
{
	struct sm_authz *r;

	if (mod == NULL || (name != NULL && name[0] != '\0' && !sm_name_ok(name, strlen(name))))
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	if (mod->n_authz == SM_AUTHZ_MAX) {
		pthread_mutex_unlock(&mod->lock);
		return -ENOSPC;
	}
	r = &mod->authz[mod->n_authz++];
	r->consumer = consumer;
	r->producer = producer;
	snprintf(r->name, sizeof(r->name), "%s", name != NULL ? name : "");
	r->allow = allow != 0;
	pthread_mutex_unlock(&mod->lock);
	return 0;
}

static int
authz_decide(const struct agw_secmod *mod, uint32_t consumer, uint32_t producer, const char *name)
{
	for (unsigned int i = 0; i < mod->n_authz; i++) {
		const struct sm_authz *r = &mod->authz[i];

		if ((r->consumer == 0 || r->consumer == consumer) &&
		    (r->producer == 0 || r->producer == producer) &&
		    (r->name[0] == '\0' || strcmp(r->name, name) == 0))
			return r->allow;
	}
	return 0;
}

void
sm_svc_static_authz(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	unsigned int cause;

	/* The producer asks: may node dest use its service "name"? */
	if (r->dest == 0 || r->name == NULL || !sm_name_ok(r->name, strlen(r->name)))
		cause = AGW_SECMOD_MALFORMED;
	else
		cause = authz_decide(mod, r->dest, c->local, r->name) ? AGW_SECMOD_OK
								      : AGW_SECMOD_AUTHZ_DENIED;
	sm_feedback(mod, &c->fb, c->svc, cause, NULL, NULL, 0, 0);
}

/* ------------------------------------------------------------------ */
/* (a) token generation                                                */
/* ------------------------------------------------------------------ */

void
sm_svc_token_gen(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct ssp_writer w;
	struct sm_txn *t;
	size_t nl = r->name != NULL ? strlen(r->name) : 0;

	if (r->dest == 0 || !sm_name_ok(r->name, nl)) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_MALFORMED, c->pol, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, SM_TX_TOKEN_GEN, c->pol->peer);
	if (t == NULL)
		return;
	memcpy(t->u.tok.name, r->name, nl + 1);
	t->u.tok.producer = r->dest;
	t->u.tok.consumer = c->local;
	/* S930 */
	ssp_begin(&w, SSP_TOKGEN_REQ, t->id, c->local, c->pol->peer, c->pol->version);
	ssp_put_u32(&w, T_NODE, r->dest);
	ssp_put(&w, T_NAME, r->name, nl);
	if (sm_finish(mod, &w, c->pol) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
}

/* S940: claims and signature under the policy with the producer. */
static unsigned int
token_issue(struct agw_secmod *mod, uint32_t consumer, uint32_t producer, const char *name,
	    uint32_t issuer, char *jws, size_t cap, int *jws_len)
{
	struct sm_policy *pp = sm_policy_cur(mod, issuer, producer);
	char payload[512], hdr[64];
	uint8_t jti[16];
	char jti_hex[33];
	uint64_t iat = sm_now(mod) / 1000;
	unsigned int alg;
	void *k;
	int n;

	if (pp == NULL || pp->alg[AGW_SECMOD_CLS_TOKEN] == 0)
		return AGW_SECMOD_NO_POLICY;
	alg = pp->alg[AGW_SECMOD_CLS_TOKEN];
	k = alg == AGW_SECMOD_ALG_JWS_EDDSA ? mod->k_tok : pp->k_token;
	if (sm_rand(jti, sizeof(jti)) != 0)
		return AGW_SECMOD_DRIVER_FAIL;
	agw_hex_encode(jti, sizeof(jti), jti_hex);
	snprintf(hdr, sizeof(hdr), "{\"alg\":\"%s\",\"typ\":\"JWT\"}",
		 alg == AGW_SECMOD_ALG_JWS_EDDSA ? "EdDSA" : "HS256");
	n = snprintf(payload, sizeof(payload),
		     "{\"iss\":\"%u\",\"sub\":\"%u\",\"aud\":\"%u\",\"scope\":\"%s\","
		     "\"iat\":%" PRIu64 ",\"exp\":%" PRIu64 ",\"jti\":\"%s\"}",
		     issuer, consumer, producer, name, iat, iat + pp->token_lifetime_s, jti_hex);
	if (n <= 0 || (size_t)n >= sizeof(payload))
		return AGW_SECMOD_MALFORMED;
	*jws_len = sm_jws_sign(mod->drv, k, alg, hdr, payload, (size_t)n, jws, cap);
	return *jws_len > 0 ? AGW_SECMOD_OK : AGW_SECMOD_DRIVER_FAIL;
}

int
sm_tok_on_gen_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	char name[AGW_SECMOD_NAME_MAX], jws[SM_TOKEN_MAX];
	uint32_t producer = ssp_get_u32(m, T_NODE);
	unsigned int cause = AGW_SECMOD_OK;
	struct ssp_writer w;
	int len = 0;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_TOKEN_GEN)))
		cause = AGW_SECMOD_NOT_IN_POLICY;
	else if (producer == 0 || m->v[T_NAME] == NULL ||
		 !sm_name_ok((const char *)m->v[T_NAME], m->l[T_NAME]))
		cause = AGW_SECMOD_MALFORMED;
	if (cause == AGW_SECMOD_OK) {
		memcpy(name, m->v[T_NAME], m->l[T_NAME]);
		name[m->l[T_NAME]] = '\0';
		if (mod->n_authz != 0 && !authz_decide(mod, m->h.from, producer, name))
			cause = AGW_SECMOD_AUTHZ_DENIED; /* [0178]: no token issued */
		else
			cause = token_issue(mod, m->h.from, producer, name, m->h.to, jws,
					    sizeof(jws), &len);
	}
	mod->st.cause[cause]++;
	if (cause != AGW_SECMOD_OK)
		return sm_reply_cause(mod, m, pol, SSP_TOKGEN_RSP, cause);
	mod->st.svc_ok[AGW_SECMOD_SVC_TOKEN_GEN]++;
	sm_reply_begin(&w, m, pol, SSP_TOKGEN_RSP);
	ssp_put(&w, T_TOKEN, jws, (size_t)len);
	return sm_finish(mod, &w, pol);
}

/* S960, S970: keep the token, tell the node only the result. */
int
sm_tok_on_gen_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	struct sm_fb_ctx fb = {t->req_txn, t->requester, t->u.tok.producer, t->on_behalf,
			       t->cookie};
	unsigned int cause = AGW_SECMOD_OK;
	struct sm_token *tk;

	if (m->v[T_CAUSE] != NULL) {
		cause = ssp_get_u16(m, T_CAUSE);
		if (cause == AGW_SECMOD_OK || cause >= AGW_SECMOD_CAUSE_MAX)
			cause = AGW_SECMOD_MALFORMED;
	} else if (m->v[T_TOKEN] == NULL) {
		cause = AGW_SECMOD_MALFORMED;
	} else {
		tk = token_find(mod, t->u.tok.producer, t->u.tok.name);
		if (tk == NULL && mod->n_tokens < SM_TOKENS_MAX)
			tk = &mod->tokens[mod->n_tokens++];
		if (tk == NULL) {
			cause = AGW_SECMOD_NO_RESOURCE;
		} else {
			tk->producer = t->u.tok.producer;
			memcpy(tk->name, t->u.tok.name, sizeof(tk->name));
			tk->len = m->l[T_TOKEN];
			memcpy(tk->jws, m->v[T_TOKEN], tk->len);
		}
	}
	sm_feedback(mod, &fb, t->svc, cause, t->pol, (const uint8_t *)t->u.tok.name,
		    (uint32_t)strlen(t->u.tok.name), 0);
	sm_txn_free(mod, t);
	return 0;
}

/* ------------------------------------------------------------------ */
/* (b) token verification                                              */
/* ------------------------------------------------------------------ */

void
sm_svc_token_verify(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	size_t nl = r->name != NULL ? strlen(r->name) : 0;
	struct ssp_writer w;
	struct sm_txn *t;

	if (!sm_name_ok(r->name, nl)) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_MALFORMED, c->pol, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, SM_TX_TOKEN_GET, c->pol->peer);
	if (t == NULL)
		return;
	memcpy(t->u.tok.name, r->name, nl + 1);
	t->u.tok.producer = c->local;
	t->u.tok.consumer = c->pol->peer;
	/* S992 */
	ssp_begin(&w, SSP_TOKGET_REQ, t->id, c->local, c->pol->peer, c->pol->version);
	ssp_put_u32(&w, T_NODE, c->local);
	ssp_put(&w, T_NAME, r->name, nl);
	if (sm_finish(mod, &w, c->pol) != 0)
		sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
}

int
sm_tok_on_get_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	char name[AGW_SECMOD_NAME_MAX];
	struct sm_token *tk = NULL;
	struct ssp_writer w;
	unsigned int cause = AGW_SECMOD_OK;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_TOKEN_GET)))
		cause = AGW_SECMOD_NOT_IN_POLICY;
	else if (m->v[T_NAME] == NULL || !sm_name_ok((const char *)m->v[T_NAME], m->l[T_NAME]))
		cause = AGW_SECMOD_MALFORMED;
	else if (ssp_get_u32(m, T_NODE) != m->h.from)
		cause = AGW_SECMOD_UNAUTHORISED; /* only the producer it was issued for */
	if (cause == AGW_SECMOD_OK) {
		memcpy(name, m->v[T_NAME], m->l[T_NAME]);
		name[m->l[T_NAME]] = '\0';
		tk = token_find(mod, m->h.from, name);
		if (tk == NULL)
			cause = AGW_SECMOD_NO_TOKEN;
	}
	mod->st.cause[cause]++;
	if (cause != AGW_SECMOD_OK)
		return sm_reply_cause(mod, m, pol, SSP_TOKGET_RSP, cause);
	mod->st.svc_ok[AGW_SECMOD_SVC_TOKEN_GET]++;
	sm_reply_begin(&w, m, pol, SSP_TOKGET_RSP);
	ssp_put(&w, T_TOKEN, tk->jws, tk->len);
	return sm_finish(mod, &w, pol);
}

static int
claim_is(json_t *j, const char *key, uint32_t node)
{
	char want[16];
	const char *v = json_string_value(json_object_get(j, key));

	snprintf(want, sizeof(want), "%u", node);
	return v != NULL && strcmp(v, want) == 0;
}

/* S995 */
static unsigned int
token_check(struct agw_secmod *mod, const struct sm_txn *t, const char *jws, size_t len)
{
	struct sm_policy *pi = sm_policy_cur(mod, t->local, mod->conf.authz_server);
	uint8_t payload[SM_TOKEN_MAX];
	unsigned int alg, cause;
	const char *scope;
	json_t *j, *exp;
	int n;

	if (mod->conf.authz_server == 0 || pi == NULL || pi->alg[AGW_SECMOD_CLS_TOKEN] == 0)
		return AGW_SECMOD_NO_POLICY;
	alg = pi->alg[AGW_SECMOD_CLS_TOKEN];
	n = sm_jws_verify(mod->drv, pi->k_token, pi->peer_tok_pub, alg, jws, len, payload,
			  sizeof(payload));
	if (n < 0)
		return AGW_SECMOD_TOKEN_INVALID;
	j = json_loadb((const char *)payload, (size_t)n, 0, NULL);
	exp = json_object_get(j, "exp");
	scope = json_string_value(json_object_get(j, "scope"));
	if (j == NULL || !json_is_integer(exp) || scope == NULL ||
	    !claim_is(j, "iss", mod->conf.authz_server) || !claim_is(j, "aud", t->local) ||
	    !claim_is(j, "sub", t->u.tok.consumer))
		cause = AGW_SECMOD_TOKEN_INVALID;
	else if (strcmp(scope, t->u.tok.name) != 0)
		cause = AGW_SECMOD_TOKEN_SCOPE;
	else if ((uint64_t)json_integer_value(exp) * 1000 <= sm_now(mod))
		cause = AGW_SECMOD_TOKEN_EXPIRED;
	else
		cause = AGW_SECMOD_OK;
	json_decref(j);
	return cause;
}

int
sm_tok_on_get_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	unsigned int cause;

	if (m->v[T_CAUSE] != NULL) {
		cause = ssp_get_u16(m, T_CAUSE);
		if (cause == AGW_SECMOD_OK || cause >= AGW_SECMOD_CAUSE_MAX)
			cause = AGW_SECMOD_MALFORMED;
	} else if (m->v[T_TOKEN] == NULL) {
		cause = AGW_SECMOD_MALFORMED;
	} else {
		cause = token_check(mod, t, (const char *)m->v[T_TOKEN], m->l[T_TOKEN]);
	}
	sm_feedback_txn(mod, t, cause, NULL, 0); /* S996: only success or failure */
	sm_txn_free(mod, t);
	return 0;
}
