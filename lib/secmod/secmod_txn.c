/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Transactions (one per exchange with a peer module, with a deadline and
 * a reference to the policy it started under), the module's own triggers
 * (notification presets, periodic timers, spec/003 5.1) and the audit
 * buffer that periodic uploads take.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

uint32_t
sm_txn_id(struct agw_secmod *mod)
{
	uint32_t id;

	/* One counter for requests and exchanges: ids never repeat before
	 * it wraps. */
	do
		id = mod->next_txn++;
	while (id == 0);
	return id;
}

struct sm_txn *
sm_txn_new(struct agw_secmod *mod, uint8_t kind, const struct sm_txn *tmpl)
{
	for (uint32_t tries = 0; tries < mod->max_txn; tries++) {
		uint32_t id = mod->next_txn++;
		struct sm_txn *t;

		if (id == 0)
			continue;
		t = &mod->txn[id % mod->max_txn];
		if (t->kind != SM_TX_FREE)
			continue;
		*t = *tmpl;
		t->id = id;
		t->kind = kind;
		t->deadline = sm_now(mod) + mod->conf.txn_timeout_ms;
		if (t->pol != NULL)
			sm_policy_get_ref(t->pol);
		return t;
	}
	return NULL;
}

struct sm_txn *
sm_txn_find(struct agw_secmod *mod, uint32_t id, uint8_t kind)
{
	struct sm_txn *t;

	if (id == 0)
		return NULL;
	t = &mod->txn[id % mod->max_txn];
	return t->kind == kind && t->id == id ? t : NULL;
}

void
sm_txn_free(struct agw_secmod *mod, struct sm_txn *t)
{
	uint32_t id = t->id;

	if (t->kind == SM_TX_NEG)
		sm_neg_state_free(t->u.neg);
	sm_policy_put(mod, t->pol);
	agw_memzero(t, sizeof(*t));
	t->id = id; /* a late answer still finds "finished", not a new txn */
}

void
sm_fail_txn(struct agw_secmod *mod, struct sm_txn *t, unsigned int cause)
{
	if (t->kind == SM_TX_NEG) {
		struct sm_slot *s = sm_slot_find(mod, t->local, t->peer);

		if (s != NULL && s->neg_txn == t->id)
			s->neg_txn = 0;
		mod->st.cause[cause]++;
		sm_txn_free(mod, t);
		return;
	}
	if (t->kind == SM_TX_CONSENSUS) {
		sm_cons_finish(mod, t); /* decide with the votes that came */
		return;
	}
	sm_feedback_txn(mod, t, cause, NULL, 0);
	sm_txn_free(mod, t);
}

void
sm_audit(struct agw_secmod *mod, uint16_t svc, uint32_t requester, uint32_t peer,
	 unsigned int cause)
{
	char line[160];
	int n;

	n = snprintf(line, sizeof(line), "t=%" PRIu64 " svc=%s req=%u peer=%u cause=%s\n",
		     sm_now(mod), agw_secmod_svc_name(svc), requester, peer,
		     cause == AGW_SECMOD_OK ? "ok" : "fail");
	if (n <= 0 || (size_t)n >= sizeof(line) || mod->audit_len + (size_t)n > SM_AUDIT_MAX)
		return; /* full: the next periodic upload empties it */
	memcpy(mod->audit + mod->audit_len, line, (size_t)n);
	mod->audit_len += (size_t)n;
}

static int
run_timer(struct agw_secmod *mod, struct sm_timer *tm)
{
	struct agw_secmod_req req = {0};
	char buf[SM_AUDIT_MAX];
	size_t len = 0;

	req.requester = tm->node;
	req.dest = tm->dest;
	req.n_svc = 1;
	req.svc[0] = tm->svc;
	if (tm->svc == AGW_SECMOD_SVC_UPLOAD) {
		/* [0225]: periodic log upload to the ledger */
		len = mod->audit_len;
		memcpy(buf, mod->audit, len);
		mod->audit_len = 0;
		req.data = (const uint8_t *)buf;
		req.len = (uint32_t)len;
		req.name = "audit";
		req.type = 1;
	}
	return sm_run_list(mod, &req, tm->node, sm_txn_id(mod)) > 0;
}

int
agw_secmod_poll(struct agw_secmod *mod)
{
	uint64_t now;
	int n = 0;

	if (mod == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	now = sm_now(mod);
	for (uint32_t i = 0; i < mod->max_txn; i++) {
		struct sm_txn *t = &mod->txn[i];

		if (t->kind != SM_TX_FREE && t->deadline <= now) {
			sm_fail_txn(mod, t, AGW_SECMOD_TIMEOUT);
			n++;
		}
	}
	for (unsigned int i = 0; i < mod->n_timers; i++) {
		struct sm_timer *tm = &mod->timers[i];

		if (tm->next_ms <= now) {
			tm->next_ms = now + tm->period_ms;
			run_timer(mod, tm);
			n++;
		}
	}
	sm_policy_reclaim(mod);
	pthread_mutex_unlock(&mod->lock);
	return n;
}

int
agw_secmod_timer_add(struct agw_secmod *mod, uint32_t period_ms, uint32_t node, uint32_t dest,
		     uint16_t svc)
{
	int rc = 0;

	if (mod == NULL || period_ms == 0 || svc == 0 || svc >= AGW_SECMOD_SVC_MAX)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	if (sm_served(mod, node) == NULL) {
		rc = -EINVAL;
	} else if (mod->n_timers == SM_TIMERS_MAX) {
		rc = -ENOSPC;
	} else {
		struct sm_timer *tm = &mod->timers[mod->n_timers++];

		tm->period_ms = period_ms;
		tm->next_ms = sm_now(mod) + period_ms;
		tm->node = node;
		tm->dest = dest;
		tm->svc = svc;
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int
agw_secmod_preset_set(struct agw_secmod *mod, uint32_t event, const uint16_t *svc, unsigned int n)
{
	struct sm_preset *p = NULL;
	int rc = 0;

	if (mod == NULL || svc == NULL || n == 0 || n > AGW_SECMOD_LIST_MAX)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	for (unsigned int i = 0; i < mod->n_presets; i++)
		if (mod->presets[i].event == event)
			p = &mod->presets[i];
	if (p == NULL && mod->n_presets < SM_PRESETS_MAX)
		p = &mod->presets[mod->n_presets++];
	if (p == NULL) {
		rc = -ENOSPC;
	} else {
		p->event = event;
		p->n = (uint8_t)n;
		memcpy(p->svc, svc, n * sizeof(*svc));
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int64_t
agw_secmod_notify(struct agw_secmod *mod, uint32_t node, uint32_t event)
{
	struct agw_secmod_req req = {0};
	const struct sm_preset *p = NULL;
	int64_t rc;

	if (mod == NULL || node == 0)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	for (unsigned int i = 0; i < mod->n_presets; i++)
		if (mod->presets[i].event == event)
			p = &mod->presets[i];
	if (p == NULL) {
		pthread_mutex_unlock(&mod->lock);
		return -ENOENT;
	}
	/* [0223][0224]: the module's served node runs the preset list toward
	 * the node whose event it is. */
	req.requester = mod->served[0].id;
	req.dest = node;
	req.n_svc = p->n;
	memcpy(req.svc, p->svc, p->n * sizeof(p->svc[0]));
	rc = sm_run_list(mod, &req, req.requester, sm_txn_id(mod));
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

struct sm_txn *
sm_call_txn(struct agw_secmod *mod, const struct sm_call *c, uint8_t kind, uint32_t peer)
{
	struct sm_txn tmpl = {
		.svc = c->svc,
		.pol = c->pol,
		.req_txn = c->fb.txn,
		.requester = c->fb.requester,
		.peer = peer,
		.on_behalf = c->fb.on_behalf,
		.local = c->local,
		.cookie = c->fb.cookie,
	};
	struct sm_txn *t = sm_txn_new(mod, kind, &tmpl);

	if (t == NULL)
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NO_RESOURCE, c->pol, NULL, 0, 0);
	return t;
}
