/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AUSF side of 5G AKA (TS 33.501 6.1.3.2): 5G HE AV -> 5G SE AV (steps 3-5)
 * and the RES* confirmation (step 11-12); with AKMA (seed 001, TS 33.535
 * 6.1) the outcome goes to lib/akma, which allocates the identifier.
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

/*
 * Keep XRES*, K_SEAF and K_AUSF (AUSF state), give the SEAF RAND, AUTN,
 * HXRES* (A.5). K_AUSF stays until the RES* check: AKMA needs it then
 * (TS 33.535 6.1 step 1); the caller zeroises the HE AV.
 */
int
anch_ausf_se_av(struct agw_anchors *a, struct anch_ue *ue, const struct agw_he_av_5g *he)
{
	int rc;

	memcpy(ue->ausf.xres_star, he->xres_star, AGW_RES_STAR_LEN);
	rc = agw_kdf_kseaf(he->kausf, a->snn, a->snn_len, ue->ausf.kseaf);
	if (rc == 0)
		rc = agw_kdf_hres_star(he->rand, he->xres_star, ue->av.hxres_star);
	if (rc != 0) {
		agw_memzero(&ue->ausf, sizeof(ue->ausf));
		return rc;
	}
	memcpy(ue->ausf.kausf, he->kausf, sizeof(ue->ausf.kausf));
	memcpy(ue->av.rand, he->rand, sizeof(ue->av.rand));
	memcpy(ue->av.autn, he->autn, sizeof(ue->av.autn));
	return 0;
}

/*
 * The authentication result to the AKMA anchor (seed 001 FIG. 3 S306):
 * success allocates an identifier for an AKMA subscriber (and replaces
 * the SUPI's earlier one), failure allocates none. An AKMA error does not
 * stop the registration: the UE gets no identifier (counted).
 */
static void
ausf_akma_result(struct agw_anchors *a, struct anch_ue *ue, int success,
		 struct agw_anchors_out *out)
{
	struct agw_akma_auth au = {
		.supi = ue->supi,
		.kausf = ue->ausf.kausf,
		.rid = ue->rid,
		.akma_ind = ue->akma_ind,
		.success = (uint8_t)(success != 0),
	};
	struct agw_akma_ident id;
	int rc;

	ue->akma_id = 0;
	if (a->conf.akma == NULL)
		return;
	rc = agw_akma_ausf_auth_result(a->conf.akma, &au, &id);
	if (rc == 1) {
		ue->akma_id = 1;
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AKMA_ALLOCATED, 0, out);
	} else if (rc < 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AKMA_ERROR, 0, out);
	}
}

/*
 * Nausf_UEAuthentication_Authenticate with RES*: compare with XRES* in
 * constant time; on success hand K_SEAF to the SEAF. The result (and
 * whether the SEAF's HRES* check passed, without which the SEAF would not
 * have asked) goes to the AKMA anchor. The AUSF state, K_AUSF included, is
 * cleared either way (one confirmation per vector).
 *
 * @return 0, -EACCES (RES* differs).
 */
int
anch_ausf_confirm(struct agw_anchors *a, struct anch_ue *ue,
		  const uint8_t res_star[AGW_RES_STAR_LEN], int seaf_ok,
		  uint8_t kseaf[AGW_KEY256_LEN], struct agw_anchors_out *out)
{
	int ok = agw_ct_equal(res_star, ue->ausf.xres_star, AGW_RES_STAR_LEN);

	if (ok)
		memcpy(kseaf, ue->ausf.kseaf, AGW_KEY256_LEN);
	ausf_akma_result(a, ue, ok && seaf_ok, out);
	agw_memzero(&ue->ausf, sizeof(ue->ausf));
	return ok ? 0 : -EACCES;
}

/*
 * The identifier allocated in this procedure, in its current form (an
 * AAnF relocation may have rewritten its AAnF label since, [0196]), for
 * the Registration accept. 1 with @p id filled, 0 none (none allocated,
 * or it is gone: counted as an AKMA error).
 */
int
anch_ausf_akma_ident(struct agw_anchors *a, struct anch_ue *ue, struct agw_akma_ident *id,
		     struct agw_anchors_out *out)
{
	if (!ue->akma_id || a->conf.akma == NULL)
		return 0;
	if (agw_akma_ausf_ident(a->conf.akma, ue->supi, id) == 0)
		return 1;
	ue->akma_id = 0;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_AKMA_ERROR, 0, out);
	return 0;
}

/*
 * The store transaction of the authentication may not have committed: the
 * identifier record may be missing from the store although lib/akma holds
 * it. Drop it (memory and store) so that no AF can be served a K_AF for an
 * identifier a restart would lose; the caller ends the procedure and the
 * UE registers again.
 */
void
anch_ausf_akma_rollback(struct agw_anchors *a, struct anch_ue *ue)
{
	if (!ue->akma_id || a->conf.akma == NULL)
		return;
	(void)agw_akma_ausf_deregister(a->conf.akma, ue->supi);
	ue->akma_id = 0;
}
