/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * FIG. 6 dispatcher: a first request is checked (requester identity and
 * authorisation, service code, trusted policy) and each service of its
 * list runs; every service ends in one feedback. Module messages are
 * decoded, authenticated with the pair's policy (the version they name,
 * so answers to requests made just before a renegotiation still verify)
 * and handed to the service that owns their type.
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

/* ------------------------------------------------------------------ */
/* Feedback                                                            */
/* ------------------------------------------------------------------ */

void
sm_feedback(struct agw_secmod *mod, const struct sm_fb_ctx *c, uint16_t svc, unsigned int cause,
	    const struct sm_policy *pol, const uint8_t *data, uint32_t len, uint64_t id)
{
	struct agw_secmod_feedback fb = {0};

	if (cause >= AGW_SECMOD_CAUSE_MAX)
		cause = AGW_SECMOD_DRIVER_FAIL;
	mod->st.cause[cause]++;
	if (cause == AGW_SECMOD_OK && svc < AGW_SECMOD_SVC_MAX)
		mod->st.svc_ok[svc]++;
	sm_audit(mod, svc, c->requester, c->peer, cause);
	if (mod->conf.feedback == NULL)
		return;
	fb.cookie = c->cookie;
	fb.txn = c->txn;
	fb.requester = c->requester;
	fb.peer = c->peer;
	fb.svc = svc;
	fb.cause = (uint16_t)cause;
	fb.policy_version = pol != NULL ? pol->version : 0;
	/* Results go out on success only; a failed consensus still reports
	 * its count of votes. */
	if (cause == AGW_SECMOD_OK || cause == AGW_SECMOD_CONSENSUS_FAIL) {
		fb.data = data;
		fb.len = len;
	}
	fb.id = id;
	fb.to = c->requester;
	mod->conf.feedback(mod->conf.arg, &fb);
	/* [0287][0320]: a third party that asked the node hears the result too */
	if (c->on_behalf != 0 && c->on_behalf != c->requester) {
		fb.to = c->on_behalf;
		mod->conf.feedback(mod->conf.arg, &fb);
	}
}

void
sm_feedback_txn(struct agw_secmod *mod, const struct sm_txn *t, unsigned int cause,
		const uint8_t *data, uint32_t len)
{
	struct sm_fb_ctx c = {
		.txn = t->req_txn,
		.requester = t->requester,
		.peer = t->peer,
		.on_behalf = t->on_behalf,
		.cookie = t->cookie,
	};

	sm_feedback(mod, &c, t->svc, cause, t->pol, data, len, 0);
}

/* ------------------------------------------------------------------ */
/* First request                                                       */
/* ------------------------------------------------------------------ */

/* Services that run under the policy with a peer node. */
static int
svc_needs_policy(unsigned int svc)
{
	switch (svc) {
	case AGW_SECMOD_SVC_AUTHENTICATION:
	case AGW_SECMOD_SVC_VERIFICATION:
	case AGW_SECMOD_SVC_ZK_VERIFY:
	case AGW_SECMOD_SVC_ENCRYPT:
	case AGW_SECMOD_SVC_DECRYPT:
	case AGW_SECMOD_SVC_INTEGRITY:
	case AGW_SECMOD_SVC_INTEGRITY_CHECK:
	case AGW_SECMOD_SVC_TOKEN_GEN:
	case AGW_SECMOD_SVC_TOKEN_VERIFY:
		return 1;
	default:
		return 0;
	}
}

static void
svc_run(struct agw_secmod *mod, const struct sm_call *c)
{
	switch (c->svc) {
	case AGW_SECMOD_SVC_AUTHENTICATION:
		sm_svc_auth(mod, c);
		break;
	case AGW_SECMOD_SVC_ATTESTATION:
	case AGW_SECMOD_SVC_VERIFICATION:
	case AGW_SECMOD_SVC_RV_PROVIDE:
		sm_svc_verification(mod, c);
		break;
	case AGW_SECMOD_SVC_RV_UPDATE:
		sm_svc_rv_update(mod, c);
		break;
	case AGW_SECMOD_SVC_ZK_VERIFY:
		sm_svc_zk(mod, c);
		break;
	case AGW_SECMOD_SVC_DATA_MASKING:
		sm_svc_masking(mod, c);
		break;
	case AGW_SECMOD_SVC_SMART_CONTRACT:
		sm_svc_contract(mod, c);
		break;
	case AGW_SECMOD_SVC_CONSENSUS:
		sm_svc_consensus(mod, c);
		break;
	case AGW_SECMOD_SVC_UPLOAD:
		sm_svc_upload(mod, c);
		break;
	case AGW_SECMOD_SVC_DOWNLOAD:
		sm_svc_download(mod, c);
		break;
	case AGW_SECMOD_SVC_ENCRYPT:
	case AGW_SECMOD_SVC_DECRYPT:
		sm_svc_cipher(mod, c);
		break;
	case AGW_SECMOD_SVC_INTEGRITY:
	case AGW_SECMOD_SVC_INTEGRITY_CHECK:
		sm_svc_integrity(mod, c);
		break;
	case AGW_SECMOD_SVC_STATIC_AUTHZ:
		sm_svc_static_authz(mod, c);
		break;
	case AGW_SECMOD_SVC_TOKEN_GEN:
		sm_svc_token_gen(mod, c);
		break;
	case AGW_SECMOD_SVC_TOKEN_VERIFY:
		sm_svc_token_verify(mod, c);
		break;
	default: /* TOKEN_GET is asked for by modules only */
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NOT_IN_POLICY, NULL, NULL, 0, 0);
		break;
	}
}

/*
 * Who acts and under which policy (spec/003 5.3, 5.4):
 *  - a served node calling its own module: it is the acting node; a
 *    service with a peer needs the policy with that peer (the destination,
 *    or the authorisation server for TOKEN_GEN), and the service in it;
 *    a local service needs the node's local permission;
 *  - any other requester (a second node, identified by the packet
 *    header [0221]) needs a policy with the served node it addresses.
 */
static unsigned int
svc_resolve(struct agw_secmod *mod, struct sm_call *c, uint32_t requester)
{
	const struct agw_secmod_req *req = c->req;
	const struct agw_secmod_node *self = sm_served(mod, requester);
	uint32_t peer;

	if (c->svc == 0 || c->svc >= AGW_SECMOD_SVC_MAX)
		return AGW_SECMOD_UNKNOWN_SERVICE;
	if (self != NULL) {
		c->local = requester;
		if (!svc_needs_policy(c->svc))
			return (self->local_svc & AGW_SECMOD_SVC_BIT(c->svc))
				       ? AGW_SECMOD_OK
				       : AGW_SECMOD_UNAUTHORISED;
		peer = c->svc == AGW_SECMOD_SVC_TOKEN_GEN ? mod->conf.authz_server : req->dest;
		if (peer == 0)
			return AGW_SECMOD_MALFORMED;
	} else {
		c->local =
			req->dest != 0 && sm_served(mod, req->dest) ? req->dest : mod->served[0].id;
		peer = requester;
		c->fb.peer = requester;
		if (sm_policy_cur(mod, c->local, peer) == NULL)
			return AGW_SECMOD_UNAUTHORISED;
	}
	c->pol = sm_policy_cur(mod, c->local, peer);
	if (c->pol == NULL)
		return AGW_SECMOD_NO_POLICY;
	if (!(c->pol->services & AGW_SECMOD_SVC_BIT(c->svc)))
		return AGW_SECMOD_NOT_IN_POLICY;
	return AGW_SECMOD_OK;
}

int64_t
sm_run_list(struct agw_secmod *mod, const struct agw_secmod_req *req, uint32_t requester,
	    uint32_t txn)
{
	for (unsigned int i = 0; i < req->n_svc; i++) {
		struct sm_call c = {
			.fb = {txn, requester, req->dest, req->on_behalf, req->cookie},
			.req = req,
			.svc = req->svc[i],
		};
		unsigned int cause;

		if (req->requester != 0 && req->hdr_id != 0 && req->requester != req->hdr_id)
			cause = AGW_SECMOD_IDENTITY_MISMATCH; /* spec/003 5.3 PROPOSAL */
		else if (requester == 0)
			cause = AGW_SECMOD_UNAUTHORISED;
		else
			cause = svc_resolve(mod, &c, requester);
		if (cause != AGW_SECMOD_OK) {
			sm_feedback(mod, &c.fb, c.svc, cause, NULL, NULL, 0, 0);
			continue;
		}
		/* The service may wait for the peer: it keeps its own reference. */
		svc_run(mod, &c);
	}
	return txn;
}

int64_t
agw_secmod_request(struct agw_secmod *mod, const struct agw_secmod_req *req)
{
	int64_t rc;

	if (mod == NULL || req == NULL || req->n_svc == 0 || req->n_svc > AGW_SECMOD_LIST_MAX ||
	    req->len > AGW_SECMOD_DATA_MAX || (req->len != 0 && req->data == NULL) ||
	    req->param_len > AGW_SECMOD_DATA_MAX || (req->param_len != 0 && req->param == NULL))
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	rc = sm_run_list(mod, req, req->requester != 0 ? req->requester : req->hdr_id,
			 sm_txn_id(mod));
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Module messages                                                     */
/* ------------------------------------------------------------------ */

typedef int (*req_handler)(struct agw_secmod *, const struct ssp_msg *, struct sm_policy *);
typedef int (*rsp_handler)(struct agw_secmod *, const struct ssp_msg *, struct sm_txn *);

static const struct {
	req_handler on_req;
	rsp_handler on_rsp;
	uint8_t txn_kind;
} msg_table[SSP_TYPE_MAX] = {
	[SSP_AUTH_REQ] = {sm_auth_on_req, NULL, 0},
	[SSP_AUTH_RSP] = {NULL, sm_auth_on_rsp, SM_TX_AUTH},
	[SSP_RV_REQ] = {sm_att_on_rv_req, NULL, 0},
	[SSP_RV_RSP] = {NULL, sm_att_on_rv_rsp, SM_TX_ATTEST_RV},
	[SSP_EVID_REQ] = {sm_att_on_evid_req, NULL, 0},
	[SSP_EVID_RSP] = {NULL, sm_att_on_evid_rsp, SM_TX_ATTEST_EVID},
	[SSP_TOKGEN_REQ] = {sm_tok_on_gen_req, NULL, 0},
	[SSP_TOKGEN_RSP] = {NULL, sm_tok_on_gen_rsp, SM_TX_TOKEN_GEN},
	[SSP_TOKGET_REQ] = {sm_tok_on_get_req, NULL, 0},
	[SSP_TOKGET_RSP] = {NULL, sm_tok_on_get_rsp, SM_TX_TOKEN_GET},
	[SSP_ZK_REQ] = {sm_zk_on_req, NULL, 0},
	[SSP_ZK_RSP] = {NULL, sm_zk_on_rsp, SM_TX_ZK},
	[SSP_VOTE_REQ] = {sm_cons_on_req, NULL, 0},
	[SSP_VOTE_RSP] = {NULL, sm_cons_on_rsp, SM_TX_CONSENSUS},
};

static int
input_neg(struct agw_secmod *mod, const struct ssp_msg *m)
{
	struct sm_txn *t;

	if (m->h.type == SSP_NEG_REQ)
		return sm_neg_on_req(mod, m);
	t = sm_txn_find(mod, m->h.txn, SM_TX_NEG);
	if (t == NULL || t->peer != m->h.from || t->local != m->h.to) {
		mod->st.msg_unknown_txn++;
		return -ENOENT;
	}
	return sm_neg_on_rsp(mod, m, t);
}

static int
input_locked(struct agw_secmod *mod, uint32_t from_node, const uint8_t *buf, size_t len)
{
	struct ssp_msg m;
	struct sm_policy *pol;
	struct sm_txn *t;

	if (ssp_decode(buf, len, &m) != 0) {
		mod->st.msg_malformed++;
		return -EBADMSG;
	}
	if ((from_node != 0 && from_node != m.h.from) || sm_served(mod, m.h.to) == NULL) {
		mod->st.msg_rejected++;
		return -EPERM;
	}
	if (m.h.type == SSP_NEG_REQ || m.h.type == SSP_NEG_RSP)
		return input_neg(mod, &m);
	pol = sm_policy_version(mod, m.h.to, m.h.from, m.h.pol_ver);
	if (pol == NULL) {
		mod->st.msg_rejected++;
		return -EPERM;
	}
	if (ssp_check_mac(mod, &m, pol) != 0) {
		mod->st.msg_bad_mac++;
		return -EBADMSG;
	}
	if (msg_table[m.h.type].on_req != NULL) {
		mod->st.msg_in++;
		return msg_table[m.h.type].on_req(mod, &m, pol);
	}
	t = sm_txn_find(mod, m.h.txn, msg_table[m.h.type].txn_kind);
	if (t == NULL || t->local != m.h.to ||
	    (t->kind != SM_TX_CONSENSUS && t->peer != m.h.from)) {
		mod->st.msg_unknown_txn++; /* spec/003 test 37: dropped, no feedback */
		return -ENOENT;
	}
	mod->st.msg_in++;
	return msg_table[m.h.type].on_rsp(mod, &m, t);
}

int
agw_secmod_input(struct agw_secmod *mod, uint32_t from_node, const uint8_t *msg, size_t len)
{
	int rc;

	if (mod == NULL || msg == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	rc = input_locked(mod, from_node, msg, len);
	pthread_mutex_unlock(&mod->lock);
	return rc;
}
