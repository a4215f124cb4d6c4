/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * A UDM for lib/prose backed by lib/store (the anchors' UDM has no API this
 * library can call, so the lead may swap in its own struct
 * agw_prose_udm_ops):
 *  - GenerateProseAV: SUCI de-concealed by lib/sidf (or the SUPI given), the
 *    relay-service authorisation of (SUPI, RSC) checked first ([0145]),
 *    then an AV with the AMF separation bit set (TS 33.501 6.1.3.1 step 1),
 *    SQN from durable blocks (TS 33.102 C.3.2, agw_store_sqn_reserve()),
 *    CK'/IK' for the serving network name (TS 33.501 A.3);
 *  - authorisation (seed 002 [0279][0280]): a subscriber with the ProSe
 *    relay flag is authorised for the RSCs of the default list (all if
 *    none) unless a per-(SUPI, RSC) rule says otherwise;
 *  - relay check (S206): the relay UE's subscriber has the ProSe flag.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_sidf.h"
#include "agw_store.h"
#include "agw_util.h"
#include "prose_priv.h"

#define SQN_SLOTS 256

struct rsc_rule {
	char supi[AGW_PROSE_SUPI_MAX];
	uint32_t rsc;
	uint8_t allowed;
};

struct sqn_slot {
	char supi[AGW_PROSE_SUPI_MAX];
	uint64_t next;
	uint64_t end;
	uint8_t ind_bits;
};

struct agw_prose_udm {
	struct agw_store *store;
	struct agw_hnkeys *hnkeys;
	struct agw_sidf_policy pol;
	uint32_t sqn_block;
	uint32_t *def_rsc;
	unsigned int n_def_rsc;
	uint8_t def_all;
	struct rsc_rule *rules;
	unsigned int n_rules;
	unsigned int cap_rules;
	struct sqn_slot sqn[SQN_SLOTS];
	struct agw_sidf_counters sidf;
};

struct agw_prose_udm *
agw_prose_udm_create(const struct agw_prose_udm_conf *c)
{
	struct agw_prose_udm *u;

	if (c == NULL || c->store == NULL || (c->n_default_rsc != 0 && c->default_rsc == NULL)) {
		errno = EINVAL;
		return NULL;
	}
	u = calloc(1, sizeof(*u));
	if (u == NULL)
		return NULL;
	u->store = c->store;
	u->hnkeys = c->hnkeys;
	u->pol.allow_null_scheme = c->allow_null_scheme;
	u->sqn_block = c->sqn_block != 0 ? c->sqn_block : 32;
	u->def_all = c->default_rsc == NULL;
	if (c->n_default_rsc != 0) {
		u->def_rsc = malloc(c->n_default_rsc * sizeof(*u->def_rsc));
		if (u->def_rsc == NULL) {
			free(u);
			return NULL;
		}
		memcpy(u->def_rsc, c->default_rsc, c->n_default_rsc * sizeof(*u->def_rsc));
		u->n_def_rsc = c->n_default_rsc;
	}
	return u;
}

void
agw_prose_udm_free(struct agw_prose_udm *u)
{
	if (u == NULL)
		return;
	free(u->def_rsc);
	free(u->rules);
	free(u);
}

static struct rsc_rule *
rule_find(const struct agw_prose_udm *u, const char *supi, uint32_t rsc)
{
	for (unsigned int i = 0; i < u->n_rules; i++)
		if (u->rules[i].rsc == rsc && strcmp(u->rules[i].supi, supi) == 0)
			return &u->rules[i];
	return NULL;
}

int
agw_prose_udm_set_rsc(struct agw_prose_udm *u, const char *supi, uint32_t rsc, uint8_t allowed)
{
	struct rsc_rule *r;

	if (u == NULL || !prose_supi_ok(supi) || rsc > 0xffffff || allowed > 1)
		return -EINVAL;
	r = rule_find(u, supi, rsc);
	if (r == NULL) {
		if (u->n_rules == u->cap_rules) {
			unsigned int cap = u->cap_rules ? 2 * u->cap_rules : 16;
			struct rsc_rule *n = realloc(u->rules, cap * sizeof(*n));

			if (n == NULL)
				return -ENOMEM;
			u->rules = n;
			u->cap_rules = cap;
		}
		r = &u->rules[u->n_rules++];
		snprintf(r->supi, sizeof(r->supi), "%s", supi);
		r->rsc = rsc;
	}
	r->allowed = allowed;
	return 0;
}

/* [0279][0280]: ProSe subscription, then the RSC. */
static int
rsc_allowed(const struct agw_prose_udm *u, const struct agw_store_sub *sub, uint32_t rsc)
{
	const struct rsc_rule *r;

	if (!(sub->flags & AGW_STORE_SUB_F_PROSE))
		return 0;
	r = rule_find(u, sub->supi, rsc);
	if (r != NULL)
		return r->allowed;
	if (u->def_all)
		return 1;
	for (unsigned int i = 0; i < u->n_def_rsc; i++)
		if (u->def_rsc[i] == rsc)
			return 1;
	return 0;
}

static int
sub_get(struct agw_prose_udm *u, const char *supi, struct agw_store_sub *sub)
{
	int rc = agw_store_sub_get(u->store, supi, sub);

	if (rc == -ENOENT || rc == -EINVAL)
		return -ENOENT;
	return rc == 0 ? 0 : -EIO;
}

static int
udm_authz_check(void *arg, const char *supi, uint32_t rsc)
{
	struct agw_prose_udm *u = arg;
	struct agw_store_sub sub;
	int rc = sub_get(u, supi, &sub);

	if (rc == 0)
		rc = rsc_allowed(u, &sub, rsc) ? 0 : -EPERM;
	agw_store_sub_clear(&sub);
	return rc;
}

static int
udm_relay_check(void *arg, const char *relay_supi)
{
	struct agw_prose_udm *u = arg;
	struct agw_store_sub sub;
	int rc = sub_get(u, relay_supi, &sub);

	if (rc == 0 && !(sub.flags & AGW_STORE_SUB_F_PROSE))
		rc = -EPERM;
	agw_store_sub_clear(&sub);
	return rc;
}

/* Next SQN (IND 0) from the subscriber's durable block. */
static int
sqn_next(struct agw_prose_udm *u, const char *supi, uint8_t out[AGW_MIL_SQN_LEN])
{
	struct sqn_slot *s = &u->sqn[prose_hash(0, supi, strlen(supi)) % SQN_SLOTS];
	struct agw_store_sqn rec;
	uint64_t first, v;
	int rc;

	if (strcmp(s->supi, supi) != 0 || s->next >= s->end) {
		rc = agw_store_sqn_reserve(u->store, supi, u->sqn_block, &first);
		if (rc == 0)
			rc = agw_store_sqn_get(u->store, supi, &rec);
		if (rc != 0) {
			s->supi[0] = '\0';
			return rc == -ENOENT ? -ENOENT : -EIO;
		}
		snprintf(s->supi, sizeof(s->supi), "%s", supi);
		s->ind_bits = rec.ind_bits;
		s->next = first;
		s->end = first + ((uint64_t)u->sqn_block << rec.ind_bits);
	}
	v = s->next;
	s->next += UINT64_C(1) << s->ind_bits;
	for (int i = AGW_MIL_SQN_LEN - 1; i >= 0; i--, v >>= 8)
		out[i] = (uint8_t)v;
	return 0;
}

static int
make_av(struct agw_prose_udm *u, const struct agw_store_sub *sub, const struct agw_prose_av_req *rq,
	struct agw_prose_av *av)
{
	struct agw_milenage_av m;
	struct agw_milenage *mil;
	uint8_t sqn[AGW_MIL_SQN_LEN], amf[2] = {(uint8_t)(sub->amf[0] | 0x80), sub->amf[1]};
	int rc = sqn_next(u, sub->supi, sqn);

	if (rc != 0)
		return rc;
	mil = agw_milenage_create(sub->k, sub->opc, AGW_MILENAGE_OPC);
	if (mil == NULL)
		return -EIO;
	rc = agw_milenage_gen_av(mil, NULL, sqn, amf, &m) == 0 ? 0 : -EIO;
	agw_milenage_free(mil);
	if (rc == 0 && agw_kdf_ck_ik_prime(m.ck, m.ik, rq->snn, rq->snn_len, m.autn, av->ck_prime,
					   av->ik_prime) != 0)
		rc = -EIO;
	if (rc == 0) {
		memcpy(av->rand, m.rand, 16);
		memcpy(av->autn, m.autn, 16);
		memcpy(av->xres, m.xres, AGW_MIL_RES_LEN);
		av->xres_len = AGW_MIL_RES_LEN;
		snprintf(av->supi, sizeof(av->supi), "%s", sub->supi);
		snprintf(av->rid, sizeof(av->rid), "%s", sub->rid[0] ? sub->rid : "0");
		av->authz_info = 1;
	}
	agw_memzero(&m, sizeof(m));
	return rc;
}

static int
udm_get_av(void *arg, const struct agw_prose_av_req *rq, struct agw_prose_av *av)
{
	struct agw_prose_udm *u = arg;
	struct agw_sidf_result sr;
	struct agw_store_sub sub;
	const char *supi = rq->supi;
	int rc;

	memset(av, 0, sizeof(*av));
	if (rq->suci != NULL) {
		if (agw_sidf_deconceal(u->hnkeys, &u->pol, rq->suci, rq->suci_len, &sr, NULL,
				       &u->sidf) != 0 ||
		    strlen(sr.supi) >= AGW_PROSE_SUPI_MAX)
			return -ENOENT;
		supi = sr.supi;
	}
	if (supi == NULL || rq->snn == NULL)
		return -ENOENT;
	rc = sub_get(u, supi, &sub);
	if (rc == 0 && !rsc_allowed(u, &sub, rq->rsc))
		rc = -EPERM;
	if (rc == 0)
		rc = make_av(u, &sub, rq, av);
	agw_store_sub_clear(&sub);
	if (rc != 0)
		agw_memzero(av, sizeof(*av));
	return rc;
}

const struct agw_prose_udm_ops agw_prose_udm_store_ops = {
	.get_av = udm_get_av,
	.authz_check = udm_authz_check,
	.relay_check = udm_relay_check,
};
