/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Policy table: one slot per node pair (open addressing, slots never move
 * or go away, so a worker's lock-free probe is always safe), holding the
 * current policy (read by workers with an acquire load) and the previous
 * version (for module messages and ciphertexts made just before a swap).
 *
 * A swap (spec/003 5.8) publishes the new policy with one release store:
 * a reader sees either the old policy or the new one, both complete. The
 * version two swaps back is retired: it is destroyed once every fast-path
 * worker has passed a quiescent state since (RCU QSBR) and no transaction
 * holds a reference to it. All writers hold the module lock.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>

#include "agw_util.h"
#include "secmod_priv.h"

static uint32_t
slot_hash(uint64_t key, uint32_t mask)
{
	return (uint32_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
}

static uint64_t
slot_key(uint32_t local, uint32_t peer)
{
	return (uint64_t)local << 32 | peer;
}

int
sm_policy_table_init(struct agw_secmod *mod, uint32_t max_peers, uint16_t max_workers)
{
	uint32_t n = 16;
	size_t qs;

	while (n < 2 * max_peers)
		n <<= 1;
	mod->slots = calloc(n, sizeof(*mod->slots));
	if (mod->slots == NULL)
		return -ENOMEM;
	mod->slot_mask = n - 1;
	qs = rte_rcu_qsbr_get_memsize(max_workers);
	mod->qsv = aligned_alloc(RTE_CACHE_LINE_SIZE, RTE_ALIGN_CEIL(qs, RTE_CACHE_LINE_SIZE));
	mod->fp_stats = aligned_alloc(64, sizeof(*mod->fp_stats) * max_workers);
	if (mod->qsv == NULL || mod->fp_stats == NULL)
		return -ENOMEM;
	memset(mod->fp_stats, 0, sizeof(*mod->fp_stats) * max_workers);
	if (rte_rcu_qsbr_init(mod->qsv, max_workers) != 0)
		return -EINVAL;
	return 0;
}

struct sm_slot *
sm_slot_find(struct agw_secmod *mod, uint32_t local, uint32_t peer)
{
	uint64_t key = slot_key(local, peer), k;
	uint32_t i = slot_hash(key, mod->slot_mask);

	if (mod->slots == NULL)
		return NULL;
	for (uint32_t n = 0; n <= mod->slot_mask; n++) {
		struct sm_slot *s = &mod->slots[(i + n) & mod->slot_mask];

		k = atomic_load_explicit(&s->key, memory_order_acquire);
		if (k == key)
			return s;
		if (k == 0)
			return NULL;
	}
	return NULL;
}

struct sm_slot *
sm_slot_get(struct agw_secmod *mod, uint32_t local, uint32_t peer)
{
	uint64_t key = slot_key(local, peer);
	uint32_t i = slot_hash(key, mod->slot_mask);
	struct sm_slot *s = sm_slot_find(mod, local, peer);

	if (s != NULL)
		return s;
	/* Keep the table at most half full so that probes stay short. */
	if (2 * (mod->n_slots_used + 1) > mod->slot_mask + 1)
		return NULL;
	for (;; i = (i + 1) & mod->slot_mask) {
		s = &mod->slots[i];
		if (atomic_load_explicit(&s->key, memory_order_relaxed) == 0)
			break;
	}
	mod->n_slots_used++;
	atomic_store_explicit(&s->key, key, memory_order_release);
	return s;
}

struct sm_policy *
sm_policy_cur(struct agw_secmod *mod, uint32_t local, uint32_t peer)
{
	struct sm_slot *s = sm_slot_find(mod, local, peer);

	return s != NULL ? atomic_load_explicit(&s->cur, memory_order_acquire) : NULL;
}

struct sm_policy *
sm_policy_version(struct agw_secmod *mod, uint32_t local, uint32_t peer, uint32_t version)
{
	struct sm_slot *s = sm_slot_find(mod, local, peer);
	struct sm_policy *p;

	if (s == NULL)
		return NULL;
	p = atomic_load_explicit(&s->cur, memory_order_acquire);
	if (p != NULL && p->version == version)
		return p;
	if (s->prev != NULL && s->prev->version == version)
		return s->prev;
	return NULL;
}

void
sm_policy_get_ref(struct sm_policy *pol)
{
	pol->refcnt++;
}

void
sm_policy_destroy(struct agw_secmod *mod, struct sm_policy *pol)
{
	const struct agw_secmod_drv_ops *o = mod->drv->ops;

	o->key_destroy(mod->drv, pol->k_msg);
	o->key_destroy(mod->drv, pol->k_cipher);
	o->key_destroy(mod->drv, pol->k_integ);
	o->key_destroy(mod->drv, pol->k_token);
	if (pol->fp_enc != NULL)
		o->fp_session_free(mod->drv, pol->fp_enc);
	if (pol->fp_int != NULL)
		o->fp_session_free(mod->drv, pol->fp_int);
	agw_memzero(pol, sizeof(*pol));
	free(pol);
}

void
sm_policy_reclaim(struct agw_secmod *mod)
{
	struct sm_policy **pp = &mod->retired;

	while (*pp != NULL) {
		struct sm_policy *p = *pp;

		if (p->refcnt == 0 && rte_rcu_qsbr_check(mod->qsv, p->retire_token, false) == 1) {
			*pp = p->retire_next;
			sm_policy_destroy(mod, p);
		} else {
			pp = &p->retire_next;
		}
	}
}

/* Drop the slot's reference and queue the policy for destruction after
 * the grace period that starts now. */
static void
sm_policy_retire(struct agw_secmod *mod, struct sm_policy *pol)
{
	if (pol == NULL)
		return;
	pol->refcnt--;
	pol->retire_token = rte_rcu_qsbr_start(mod->qsv);
	pol->retire_next = mod->retired;
	mod->retired = pol;
}

void
sm_policy_put(struct agw_secmod *mod, struct sm_policy *pol)
{
	if (pol == NULL)
		return;
	pol->refcnt--;
	sm_policy_reclaim(mod);
}

void
sm_policy_install(struct agw_secmod *mod, struct sm_slot *slot, struct sm_policy *pol)
{
	struct sm_policy *old = atomic_load_explicit(&slot->cur, memory_order_relaxed);

	pol->refcnt = 1;
	if (pol->version > slot->last_version)
		slot->last_version = pol->version;
	sm_policy_retire(mod, slot->prev);
	slot->prev = old;
	atomic_store_explicit(&slot->cur, pol, memory_order_release);
	mod->st.neg_done++;
	sm_policy_reclaim(mod);
}

void
sm_policy_table_free(struct agw_secmod *mod)
{
	if (mod->slots != NULL) {
		for (uint32_t i = 0; i <= mod->slot_mask; i++) {
			struct sm_slot *s = &mod->slots[i];

			sm_policy_retire(mod, atomic_load(&s->cur));
			sm_policy_retire(mod, s->prev);
		}
	}
	/* No worker may run now: everything retired goes. */
	while (mod->retired != NULL) {
		struct sm_policy *p = mod->retired;

		mod->retired = p->retire_next;
		sm_policy_destroy(mod, p);
	}
	free(mod->slots);
	free(mod->qsv);
	free(mod->fp_stats);
	mod->slots = NULL;
	mod->qsv = NULL;
	mod->fp_stats = NULL;
}

int
agw_secmod_policy_get(struct agw_secmod *mod, uint32_t local, uint32_t peer,
		      struct agw_secmod_policy_info *info)
{
	struct sm_policy *p;
	int rc = -ENOENT;

	if (mod == NULL || info == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	p = sm_policy_cur(mod, local, peer);
	if (p != NULL) {
		memset(info, 0, sizeof(*info));
		info->version = p->version;
		info->services = p->services;
		memcpy(info->alg, p->alg, sizeof(info->alg));
		info->token_lifetime_s = p->token_lifetime_s;
		info->attest_layer = p->attest_layer;
		info->initiator = p->initiator;
		rc = 0;
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int
agw_secmod_policy_remove(struct agw_secmod *mod, uint32_t local, uint32_t peer)
{
	struct sm_slot *s;
	int rc = -ENOENT;

	if (mod == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	s = sm_slot_find(mod, local, peer);
	if (s != NULL && atomic_load(&s->cur) != NULL) {
		struct sm_policy *cur = atomic_load(&s->cur);

		atomic_store_explicit(&s->cur, NULL, memory_order_release);
		sm_policy_retire(mod, cur);
		sm_policy_retire(mod, s->prev);
		s->prev = NULL;
		sm_policy_reclaim(mod);
		rc = 0;
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}
