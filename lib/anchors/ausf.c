/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AUSF side of 5G AKA (TS 33.501 6.1.3.2): 5G HE AV -> 5G SE AV (steps 3-5)
 * and the RES* confirmation (step 11-12).
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

/*
 * Keep XRES* and K_SEAF (AUSF state), give the SEAF RAND, AUTN, HXRES*
 * (A.5). K_AUSF is not kept (no AKMA here): zeroised by the caller with
 * the HE AV.
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
	memcpy(ue->av.rand, he->rand, sizeof(ue->av.rand));
	memcpy(ue->av.autn, he->autn, sizeof(ue->av.autn));
	return 0;
}

/*
 * Nausf_UEAuthentication_Authenticate with RES*: compare with XRES* in
 * constant time; on success hand K_SEAF to the SEAF. The AUSF state is
 * cleared either way (one confirmation per vector).
 *
 * @return 0, -EACCES (RES* differs).
 */
int
anch_ausf_confirm(struct anch_ue *ue, const uint8_t res_star[AGW_RES_STAR_LEN],
		  uint8_t kseaf[AGW_KEY256_LEN])
{
	int ok = agw_ct_equal(res_star, ue->ausf.xres_star, AGW_RES_STAR_LEN);

	if (ok)
		memcpy(kseaf, ue->ausf.kseaf, AGW_KEY256_LEN);
	agw_memzero(&ue->ausf, sizeof(ue->ausf));
	return ok ? 0 : -EACCES;
}
