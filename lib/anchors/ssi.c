/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000, MM domain: the security service identifier the UDM returns for
 * a subscriber (its UE-wide MM rules, spec 000 §5.1), intersected with the
 * UE's MM capability (Registration request, private IE 0x23) and the AMF's
 * own (§5.3 variants B and C; variant A when the UE sent no capability).
 * An entry outside the intersection is dropped, unless the store marks it
 * mandatory: then the registration is rejected with 5GMM cause #23 "UE
 * security capabilities mismatch" (the spec's recommended secure
 * alternative, T17; non-mandatory entries give T18's patent-literal
 * behaviour).
 *
 * This version runs no MM security service procedure itself: the AMF MM
 * capability is empty (ANCH_AMF_MM_CAP), so the target identifier is always
 * empty and only the mandatory check acts. DH exchange and device
 * authentication (Msg1-Msg4) are the next step; see the issue note.
 */
#include <errno.h>
#include <string.h>

#include "anchors_priv.h"

/* MM procedures this AMF can run (bit code-1): none yet. */
#define ANCH_AMF_MM_CAP 0x00

/* Union of the subscriber's UE-wide MM identifiers (§5.1, union policy T09):
 * a code listed twice is kept once, mandatory if any rule says so. */
static void
ssi_union(const struct agw_store_sub *sub, struct agw_store_ssi *mm)
{
	memset(mm, 0, sizeof(*mm));
	for (unsigned int r = 0; r < sub->n_ssi && r < AGW_STORE_SSI_RULES_MAX; r++) {
		const struct agw_store_ssi_rule *rule = &sub->ssi[r];

		if (rule->domain != AGW_STORE_SSI_MM || rule->scope != 0)
			continue;
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
ssi_runnable(uint8_t code, int ue_cap_present, uint8_t ue_cap)
{
	uint8_t bit;

	if (code < AGW_STORE_SSP_DH || code > AGW_STORE_SSP_DEVAUTH)
		return 0;
	bit = (uint8_t)(1u << (code - 1));
	return (!ue_cap_present || (ue_cap & bit)) && (ANCH_AMF_MM_CAP & bit);
}

int
anch_ssi_mm_target(const struct agw_store_sub *sub, int ue_cap_present, uint8_t ue_cap,
		   struct agw_store_ssi *target)
{
	struct agw_store_ssi mm;
	int rc = 0;

	ssi_union(sub, &mm);
	memset(target, 0, sizeof(*target));
	target->flags = mm.flags;
	for (unsigned int i = 0; i < mm.n; i++) {
		if (ssi_runnable(mm.e[i].code, ue_cap_present, ue_cap))
			target->e[target->n++] = mm.e[i];
		else if (mm.e[i].attr & AGW_STORE_SSP_A_MANDATORY)
			rc = -EPERM;
	}
	return rc;
}
