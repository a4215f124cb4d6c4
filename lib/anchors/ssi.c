/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000, MM domain: the security service identifier the UDM returns for
 * a subscriber (its UE-wide MM rules, spec 000 §5.1), intersected with the
 * UE's MM capability (Registration request, private IE 0x23) and the AMF's
 * own (§5.3 variants B and C; variant A when the UE sent no capability),
 * then put in run order (§5.4). An entry outside the intersection is
 * dropped, unless the store marks it mandatory: then the registration is
 * rejected with 5GMM cause #23 "UE security capabilities mismatch" (the
 * spec's recommended secure alternative, T17; non-mandatory entries give
 * T18's patent-literal behaviour). ssp.c runs the result after the SMC.
 */
#include <errno.h>
#include <string.h>

#include "anchors_priv.h"

/* Union of the subscriber's UE-wide MM identifiers (§5.1, union policy T09):
 * a code listed twice is kept once (first rule's place and initiator),
 * mandatory if any rule says so; the flags of all rules are ORed. */
static void
ssi_union(const struct agw_store_sub *sub, struct agw_store_ssi *mm)
{
	memset(mm, 0, sizeof(*mm));
	for (unsigned int r = 0; r < sub->n_ssi && r < AGW_STORE_SSI_RULES_MAX; r++) {
		const struct agw_store_ssi_rule *rule = &sub->ssi[r];

		if (rule->domain != AGW_STORE_SSI_MM || rule->scope != 0)
			continue;
		mm->flags |= rule->ssi.flags;
		for (unsigned int i = 0; i < rule->ssi.n && i < AGW_STORE_SSI_ENTRIES_MAX; i++) {
			unsigned int k;

			for (k = 0; k < mm->n && mm->e[k].code != rule->ssi.e[i].code; k++)
				;
			if (k == mm->n) {
				if (mm->n == AGW_STORE_SSI_ENTRIES_MAX)
					break;
				mm->e[mm->n++] = rule->ssi.e[i];
			} else {
				mm->e[k].attr |= rule->ssi.e[i].attr & AGW_STORE_SSP_A_MANDATORY;
			}
		}
	}
}

/* Whether both sides can run procedure @p code (MM codes 1-2 only). */
static int
ssi_runnable(uint8_t code, int ue_cap_present, uint8_t ue_cap, uint8_t amf_cap)
{
	uint8_t bit;

	if (code < AGW_STORE_SSP_DH || code > AGW_STORE_SSP_DEVAUTH)
		return 0;
	bit = (uint8_t)(1u << (code - 1));
	return (!ue_cap_present || (ue_cap & bit)) && (amf_cap & bit);
}

/* Initiator of an entry: as stored, or the procedure's default (§3.3: the
 * network starts the DH exchange, the UE device authentication). */
static uint8_t
ssi_ue_init(uint8_t code, uint8_t attr)
{
	if (attr & AGW_STORE_SSP_A_DEFAULT_INIT)
		return code == AGW_STORE_SSP_DEVAUTH;
	return (attr & AGW_STORE_SSP_A_UE) != 0;
}

static void
run_add(struct anch_ssp *run, uint8_t code, uint8_t attr)
{
	struct anch_ssp_entry *e = &run->e[run->n++];

	e->code = code;
	e->ue_init = ssi_ue_init(code, attr);
	e->mandatory = (attr & AGW_STORE_SSP_A_MANDATORY) != 0;
}

/* Run order (§5.4): the identifier's when ORDERED, else the configured
 * order, codes it does not list last in the identifier's order. */
static void
ssi_run_order(const struct agw_anchors_conf *c, const struct agw_store_ssi *t, struct anch_ssp *run)
{
	uint8_t used = 0;

	if (!(t->flags & AGW_STORE_SSI_F_ORDERED)) {
		for (unsigned int o = 0; o < c->n_ssp_order; o++)
			for (unsigned int i = 0; i < t->n; i++)
				if (t->e[i].code == c->ssp_order[o] && !(used & (1u << i))) {
					used |= (uint8_t)(1u << i);
					run_add(run, t->e[i].code, t->e[i].attr);
				}
	}
	for (unsigned int i = 0; i < t->n; i++)
		if (!(used & (1u << i)))
			run_add(run, t->e[i].code, t->e[i].attr);
}

int
anch_ssi_mm_target(const struct agw_anchors_conf *c, const struct agw_store_sub *sub,
		   int ue_cap_present, uint8_t ue_cap, struct anch_ssp *run)
{
	struct agw_store_ssi mm, target;
	int rc = 0;

	ssi_union(sub, &mm);
	memset(&target, 0, sizeof(target));
	target.flags = mm.flags;
	for (unsigned int i = 0; i < mm.n; i++) {
		if (ssi_runnable(mm.e[i].code, ue_cap_present, ue_cap, c->mm_ssp_cap))
			target.e[target.n++] = mm.e[i];
		else if (mm.e[i].attr & AGW_STORE_SSP_A_MANDATORY)
			rc = -EPERM;
	}
	anch_ssp_clear(run);
	if (rc == 0) {
		run->one_by_one = (target.flags & AGW_STORE_SSI_F_ONE_BY_ONE) != 0;
		ssi_run_order(c, &target, run);
	}
	return rc;
}
