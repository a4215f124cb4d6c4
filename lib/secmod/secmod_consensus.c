/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Consensus (Table 1 row 8, "initiate a consensus over a specific event"):
 * a single round of signed votes, not a Byzantine agreement protocol. The
 * module sends SHA-256 of the event to the module of every peer whose
 * policy with the requesting node holds CONSENSUS; each answers with an
 * Ed25519 vote by its identity key over "AGWV" || digest || txn || voter ||
 * accept. Valid accepting votes plus this module's own count; the event
 * is agreed when they reach the quorum (configured, default a majority of
 * the participants). The outcome is recorded on the ledger. Peers that do
 * not answer before the deadline count as "no".
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

#define LEDGER_TYPE_CONSENSUS 0xC5

int
agw_secmod_vote_set(struct agw_secmod *mod, agw_secmod_vote_fn fn, void *arg)
{
	if (mod == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	mod->vote_fn = fn;
	mod->vote_arg = arg;
	pthread_mutex_unlock(&mod->lock);
	return 0;
}

static int
vote_accept(struct agw_secmod *mod, uint32_t proposer, const uint8_t digest[32])
{
	return mod->vote_fn == NULL || mod->vote_fn(mod->vote_arg, proposer, digest) != 0;
}

static void
vote_input(uint8_t b[45], const uint8_t digest[32], uint32_t txn, uint32_t voter, uint8_t accept)
{
	memcpy(b, "AGWV", 4);
	memcpy(b + 4, digest, 32);
	sm_be32(b + 36, txn);
	sm_be32(b + 40, voter);
	b[44] = accept;
}

void
sm_cons_finish(struct agw_secmod *mod, struct sm_txn *t)
{
	struct agw_secmod_ledger *lg = mod->conf.ledger;
	uint32_t participants = t->u.cons.asked + 1;
	uint32_t quorum = mod->conf.quorum != 0 ? mod->conf.quorum : participants / 2 + 1;
	unsigned int cause = t->u.cons.yes >= quorum ? AGW_SECMOD_OK : AGW_SECMOD_CONSENSUS_FAIL;
	struct agw_secmod_ledger_rec rec = {0};
	uint8_t out[40];
	uint64_t id = 0;
	struct sm_fb_ctx fb = {t->req_txn, t->requester, 0, t->on_behalf, t->cookie};

	memcpy(out, t->u.cons.digest, 32);
	sm_be32(out + 32, t->u.cons.yes);
	sm_be32(out + 36, participants);
	if (lg != NULL) {
		rec.owner = t->local;
		rec.type = LEDGER_TYPE_CONSENSUS;
		rec.time_ms = sm_now(mod);
		memcpy(rec.name, "consensus", 10);
		rec.data = out;
		rec.len = sizeof(out);
		if (lg->ops->append(lg->ctx, &rec, &id) != 0 && cause == AGW_SECMOD_OK)
			cause = AGW_SECMOD_LEDGER_FAIL;
	}
	sm_feedback(mod, &fb, t->svc, cause, NULL, out, sizeof(out), id);
	sm_txn_free(mod, t);
}

static int
cons_ask(struct agw_secmod *mod, struct sm_txn *t, struct sm_policy *p)
{
	struct ssp_writer w;

	if (t->u.cons.asked == SM_VOTERS_MAX)
		return -ENOSPC;
	ssp_begin(&w, SSP_VOTE_REQ, t->id, t->local, p->peer, p->version);
	ssp_put(&w, T_DIGEST, t->u.cons.digest, 32);
	if (sm_finish(mod, &w, p) != 0)
		return -EIO;
	t->u.cons.voter[t->u.cons.asked++] = p->peer;
	return 0;
}

void
sm_svc_consensus(struct agw_secmod *mod, const struct sm_call *c)
{
	struct sm_txn *t;

	if (c->req->len == 0) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_MALFORMED, NULL, NULL, 0, 0);
		return;
	}
	t = sm_call_txn(mod, c, SM_TX_CONSENSUS, 0);
	if (t == NULL)
		return;
	sm_sha256(c->req->data, c->req->len, NULL, 0, t->u.cons.digest);
	t->u.cons.yes = vote_accept(mod, c->local, t->u.cons.digest) ? 1 : 0;
	for (uint32_t i = 0; i <= mod->slot_mask; i++) {
		struct sm_slot *s = &mod->slots[i];
		uint64_t key = atomic_load(&s->key);
		struct sm_policy *p = atomic_load(&s->cur);

		if (key != 0 && (uint32_t)(key >> 32) == c->local && p != NULL &&
		    (p->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_CONSENSUS)))
			cons_ask(mod, t, p); /* an unreachable peer counts as "no" */
	}
	if (t->u.cons.asked == 0)
		sm_cons_finish(mod, t);
}

int
sm_cons_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol)
{
	uint8_t in[45], sig[AGW_SECMOD_ED25519_SIG_LEN];
	struct ssp_writer w;
	uint8_t accept;

	if (!(pol->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_CONSENSUS)))
		return sm_reply_cause(mod, m, pol, SSP_VOTE_RSP, AGW_SECMOD_NOT_IN_POLICY);
	if (m->v[T_DIGEST] == NULL)
		return sm_reply_cause(mod, m, pol, SSP_VOTE_RSP, AGW_SECMOD_MALFORMED);
	accept = (uint8_t)vote_accept(mod, m->h.from, m->v[T_DIGEST]);
	vote_input(in, m->v[T_DIGEST], m->h.txn, m->h.to, accept);
	if (mod->drv->ops->sign(mod->drv, mod->k_id, in, sizeof(in), sig) != 0)
		return sm_reply_cause(mod, m, pol, SSP_VOTE_RSP, AGW_SECMOD_DRIVER_FAIL);
	sm_reply_begin(&w, m, pol, SSP_VOTE_RSP);
	ssp_put_u16(&w, T_CAUSE, accept ? AGW_SECMOD_OK : AGW_SECMOD_CONSENSUS_FAIL);
	ssp_put(&w, T_EVIDENCE, sig, sizeof(sig));
	return sm_finish(mod, &w, pol);
}

int
sm_cons_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t)
{
	const struct sm_peer *peer = sm_peer_find(mod, m->h.from);
	uint8_t in[45];
	uint8_t accept;
	uint32_t i;

	for (i = 0; i < t->u.cons.asked; i++)
		if (t->u.cons.voter[i] == m->h.from)
			break;
	if (i == t->u.cons.asked) {
		mod->st.msg_unknown_txn++; /* not asked, or voted already */
		return -ENOENT;
	}
	t->u.cons.voter[i] = 0;
	t->u.cons.answered++;
	accept = ssp_get_u16(m, T_CAUSE) == AGW_SECMOD_OK && m->v[T_CAUSE] != NULL;
	if (accept && peer != NULL && m->l[T_EVIDENCE] == AGW_SECMOD_ED25519_SIG_LEN) {
		vote_input(in, t->u.cons.digest, t->id, m->h.from, 1);
		if (sm_ed25519_verify(peer->pub, in, sizeof(in), m->v[T_EVIDENCE]) == 0)
			t->u.cons.yes++;
		else
			mod->st.msg_bad_mac++;
	}
	if (t->u.cons.answered == t->u.cons.asked)
		sm_cons_finish(mod, t);
	return 0;
}
