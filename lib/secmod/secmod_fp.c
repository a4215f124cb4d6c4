/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Fast path (spec/003 9): per-packet 128-NEA / 128-NIA under the policy of
 * a node pair. Each worker owns one driver queue pair and one set of
 * counters. A burst is one RCU read-side critical section: the policies
 * and sessions it looked up stay valid until the worker's quiescent state,
 * reported when the burst returns; a renegotiation in between frees the
 * old sessions only after that.
 */

#include <errno.h>
#include <string.h>

#include "secmod_priv.h"

int
agw_secmod_fp_register(struct agw_secmod *mod, uint16_t worker)
{
	if (mod == NULL || worker >= mod->conf.max_workers || worker >= mod->drv->nb_qp)
		return -EINVAL;
	if (rte_rcu_qsbr_thread_register(mod->qsv, worker) != 0)
		return -EINVAL;
	rte_rcu_qsbr_thread_online(mod->qsv, worker);
	return 0;
}

int
agw_secmod_fp_unregister(struct agw_secmod *mod, uint16_t worker)
{
	if (mod == NULL || worker >= mod->conf.max_workers)
		return -EINVAL;
	rte_rcu_qsbr_thread_offline(mod->qsv, worker);
	return rte_rcu_qsbr_thread_unregister(mod->qsv, worker) == 0 ? 0 : -EINVAL;
}

void
agw_secmod_fp_quiescent(struct agw_secmod *mod, uint16_t worker)
{
	rte_rcu_qsbr_quiescent(mod->qsv, worker);
}

/* Session of an operation, or a status explaining why there is none. */
static uint8_t
fp_session(const struct sm_policy *p, const struct agw_secmod_fp_op *op, void **sess)
{
	if (p == NULL)
		return AGW_SECMOD_FP_NO_POLICY;
	if (op->svc >= AGW_SECMOD_SVC_MAX || !(p->services & AGW_SECMOD_SVC_BIT(op->svc)))
		return AGW_SECMOD_FP_NOT_IN_POLICY;
	switch (op->svc) {
	case AGW_SECMOD_SVC_ENCRYPT:
	case AGW_SECMOD_SVC_DECRYPT:
		*sess = p->fp_enc;
		break;
	case AGW_SECMOD_SVC_INTEGRITY:
	case AGW_SECMOD_SVC_INTEGRITY_CHECK:
		*sess = p->fp_int;
		break;
	default:
		return AGW_SECMOD_FP_NOT_IN_POLICY;
	}
	if (*sess == NULL)
		return AGW_SECMOD_FP_NOT_IN_POLICY;
	if (op->data == NULL || op->len == 0 || op->bearer > 31 || op->dir > 1)
		return AGW_SECMOD_FP_INVALID;
	return AGW_SECMOD_FP_OK;
}

uint16_t
agw_secmod_fp_burst(struct agw_secmod *mod, uint16_t worker, struct agw_secmod_fp_op *ops,
		    uint16_t n)
{
	struct agw_secmod_drv_fp_op dops[AGW_SECMOD_FP_BURST_MAX];
	uint16_t idx[AGW_SECMOD_FP_BURST_MAX], k = 0, ok = 0;
	struct sm_fp_stats *st = &mod->fp_stats[worker];
	const struct sm_policy *p = NULL;
	uint32_t cl = 0, cp = 0;

	if (n > AGW_SECMOD_FP_BURST_MAX)
		n = AGW_SECMOD_FP_BURST_MAX;
	for (uint16_t i = 0; i < n; i++) {
		struct agw_secmod_fp_op *op = &ops[i];
		void *sess = NULL;

		if (p == NULL || op->local != cl || op->peer != cp) {
			p = sm_policy_cur(mod, op->local, op->peer);
			cl = op->local;
			cp = op->peer;
		}
		op->status = fp_session(p, op, &sess);
		if (op->status != AGW_SECMOD_FP_OK)
			continue;
		dops[k] = (struct agw_secmod_drv_fp_op){
			.sess = sess,
			.data = op->data,
			.len = op->len,
			.count = op->count,
			.bearer = op->bearer,
			.dir = op->dir,
			.verify = op->svc == AGW_SECMOD_SVC_INTEGRITY_CHECK,
		};
		if (dops[k].verify)
			memcpy(dops[k].mac, op->mac, AGW_SECMOD_FP_MAC_LEN);
		idx[k++] = i;
	}
	if (k != 0)
		mod->drv->ops->fp_burst(mod->drv, worker, dops, k);
	for (uint16_t j = 0; j < k; j++) {
		struct agw_secmod_fp_op *op = &ops[idx[j]];

		op->status = dops[j].status;
		if (op->svc == AGW_SECMOD_SVC_INTEGRITY && op->status == AGW_SECMOD_FP_OK)
			memcpy(op->mac, dops[j].mac, AGW_SECMOD_FP_MAC_LEN);
	}
	for (uint16_t i = 0; i < n; i++) {
		if (ops[i].status == AGW_SECMOD_FP_OK)
			ok++;
		else if (ops[i].status < 6)
			st->fail[ops[i].status]++;
	}
	st->ok += ok;
	rte_rcu_qsbr_quiescent(mod->qsv, worker);
	return ok;
}
