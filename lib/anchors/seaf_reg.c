/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * SEAF/AMF side of registration: Registration request, Identity request,
 * 5G AKA (TS 33.501 6.1.3.2), NAS SMC (6.7.2), Registration accept /
 * complete / reject, UE-originating deregistration (TS 24.501 5.4, 5.5.1,
 * 5.5.2.2).
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

static const uint8_t abba0[2] = {0x00, 0x00}; /* TS 33.501 A.7.1 */

static void
body_init(struct agw_nas_body *b, uint8_t type)
{
	agw_nas_body_init(b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, type));
}

/* Send a plain message with one 5GMM cause IE (Registration reject). */
static void
reg_reject(struct agw_anchors *a, struct anch_ue *ue, uint8_t cause, struct agw_anchors_out *out)
{
	struct agw_nas_body b;

	body_init(&b, AGW_NAS5G_MT_REGISTRATION_REJECT);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	if (anch_dl_build(ue, AGW_NAS5G_MT_REGISTRATION_REJECT, &b) == 0)
		anch_dl_send(a, ue, AGW_NAS5G_SHT_PLAIN, 0, out);
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_REJECT, cause, out);
	anch_ue_free(a, ue, out);
}

/* Authentication reject (TS 24.501 5.4.1.3.5): ends the registration. */
static void
auth_reject(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_nas_body b;

	body_init(&b, AGW_NAS5G_MT_AUTHENTICATION_REJECT);
	if (anch_dl_build(ue, AGW_NAS5G_MT_AUTHENTICATION_REJECT, &b) == 0)
		anch_dl_send(a, ue, AGW_NAS5G_SHT_PLAIN, 0, out);
	anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_REJECT, 0, out);
	anch_ue_free(a, ue, out);
}

/* Identity request for the SUCI (TS 24.501 5.4.3.2), guarded by T3570. */
static void
identity_request(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_nas_body b;

	body_init(&b, AGW_NAS5G_MT_IDENTITY_REQUEST);
	agw_nas_set_half(&b, AGW_NAS5G_F_IDENTITY_TYPE, AGW_NAS5G_ID_SUCI);
	if (anch_dl_build(ue, AGW_NAS5G_MT_IDENTITY_REQUEST, &b) != 0 ||
	    anch_dl_send(a, ue, AGW_NAS5G_SHT_PLAIN, 1, out) != 0) {
		anch_ue_free(a, ue, out);
		return;
	}
	ue->state = AGW_ANCHORS_ST_WAIT_IDENTITY;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_IDENTITY_REQUEST, 0, out);
}

/*
 * UDM -> AUSF -> SEAF: new 5G HE AV, 5G SE AV, Authentication request with
 * RAND, AUTN, a new ngKSI and ABBA 0x0000 (TS 33.501 6.1.3.2 steps 1-6).
 */
static void
start_auth(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_he_av_5g he;
	struct agw_nas_body b;
	int rc = anch_udm_get_av(a, ue, &he);

	if (rc == 0)
		rc = anch_ausf_se_av(a, ue, &he);
	agw_memzero(&he, sizeof(he));
	if (rc == -ENOENT) {
		/* Unknown subscriber: TS 24.501 Annex A, cause #3 "Illegal UE"
		 * (identity not acceptable to the network). */
		anch_event(a, &ue->key, AGW_ANCHORS_EV_UNKNOWN_SUBSCRIBER, 0, out);
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_ILLEGAL_UE, out);
		return;
	}
	if (rc != 0) {
		/* Store or crypto failure: drop; the UE retries (T3510). */
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return;
	}
	ue->ngksi = ue->ngksi >= 6 ? 0 : (uint8_t)(ue->ngksi + 1);
	body_init(&b, AGW_NAS5G_MT_AUTHENTICATION_REQUEST);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, ue->ngksi);
	agw_nas_set(&b, AGW_NAS5G_F_ABBA, abba0, sizeof(abba0));
	agw_nas_set(&b, AGW_NAS5G_F_RAND, ue->av.rand, sizeof(ue->av.rand));
	agw_nas_set(&b, AGW_NAS5G_F_AUTN, ue->av.autn, sizeof(ue->av.autn));
	if (anch_dl_build(ue, AGW_NAS5G_MT_AUTHENTICATION_REQUEST, &b) != 0 ||
	    anch_dl_send(a, ue, AGW_NAS5G_SHT_PLAIN, 1, out) != 0) {
		anch_ue_free(a, ue, out);
		return;
	}
	ue->state = AGW_ANCHORS_ST_WAIT_AUTH;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_REQUEST, 0, out);
}

/* SIDF: SUCI -> SUPI. Returns 0 or -EACCES (counted). */
static int
resolve_suci(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_ie *ie,
	     struct agw_anchors_out *out)
{
	struct agw_sidf_result res;
	int rc = agw_sidf_deconceal(a->conf.hnkeys, &a->conf.sidf_policy, ie->v, ie->len, &res,
				    NULL, &a->sidf_ctr);

	if (rc == 0 && strlen(res.supi) >= sizeof(ue->supi))
		rc = -1;
	if (rc != 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SIDF_FAILURE, 0, out);
		agw_memzero(&res, sizeof(res));
		return -EACCES;
	}
	memcpy(ue->supi, res.supi, strlen(res.supi) + 1);
	anch_event(a, &ue->key,
		   res.scheme == AGW_SIDF_SCHEME_NULL ? AGW_ANCHORS_EV_SUCI_NULL
						      : AGW_ANCHORS_EV_SUCI_ECIES,
		   0, out);
	agw_memzero(&res, sizeof(res));
	return 0;
}

/* Drop whatever procedure the entry was running (new Registration request). */
static void
ue_restart(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	anch_guard_stop(a, ue);
	if (ue->ctx_installed) {
		if (out->n_delete < AGW_ANCHORS_OUT_DELETE)
			out->del[out->n_delete++] = ue->key;
		anch_event(a, &ue->key, AGW_ANCHORS_EV_CTX_DELETE, 0, out);
		ue->ctx_installed = 0;
	}
	agw_memzero(&ue->ausf, sizeof(ue->ausf));
	agw_memzero(ue->kamf, sizeof(ue->kamf));
	agw_memzero(ue->knas_int, sizeof(ue->knas_int));
	agw_memzero(ue->knas_enc, sizeof(ue->knas_enc));
	agw_nia_key_clear(&ue->nia_key);
	agw_nea_key_clear(&ue->nea_key);
	ue->keys_set = 0;
	ue->resynced = 0;
	ue->from_guti = 0;
	ue->sub_read = 0; /* a new procedure reads the subscriber again */
	ue->akma_id = 0;
	anch_ssp_clear(&ue->ssp);
	ue->state = AGW_ANCHORS_ST_NONE;
}

/* 5G-GUTI of this AMF -> the entry that holds it, or NULL. */
static struct anch_ue *
guti_lookup(struct agw_anchors *a, const struct agw_nas5g_guti *g)
{
	if (g->amf_region != a->conf.amf_region || g->amf_set != a->conf.amf_set ||
	    g->amf_ptr != a->conf.amf_ptr || strcmp(g->plmn.mcc, a->conf.mcc) != 0 ||
	    strcmp(g->plmn.mnc, a->conf.mnc) != 0)
		return NULL;
	return anch_ue_by_tmsi(a, g->tmsi);
}

/* Registration with a 5G-GUTI: known -> SUPI from the old entry; unknown ->
 * Identity request (TS 24.501 5.5.1.2.2, 5.4.3). */
static void
reg_by_guti(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas5g_guti *g,
	    struct agw_anchors_out *out)
{
	struct anch_ue *old = guti_lookup(a, g);

	if (old == NULL || old->supi[0] == '\0') {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_GUTI_UNKNOWN, 0, out);
		identity_request(a, ue, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_GUTI_KNOWN, 0, out);
	if (old != ue) {
		memcpy(ue->supi, old->supi, sizeof(ue->supi));
		anch_ue_free(a, old, out);
	}
	ue->from_guti = 1;
	start_auth(a, ue, out);
}

/* Seed 000: the UE's security service capability, if it sent one (a
 * malformed one counts as absent: variant A, the stricter outcome). */
static void
reg_svc_cap(struct anch_ue *ue, const struct agw_nas_ie *ie)
{
	struct agw_nas5g_ue_svc_cap c;

	ue->svc_cap_present = ie != NULL && agw_nas5g_ue_svc_cap_decode(ie->v, ie->len, &c) == 0;
	ue->ue_mm_cap = ue->svc_cap_present ? c.mm_cap : 0;
}

static void
on_reg_request(struct agw_anchors *a, const agw_anchors_ue_ref *ref, const struct agw_nas_body *b,
	       struct agw_anchors_out *out)
{
	const struct agw_nas_ie *cap = agw_nas_get(b, AGW_NAS5G_F_UE_SEC_CAP);
	const struct agw_nas_ie *id = agw_nas_get(b, AGW_NAS5G_F_MOBILE_ID);
	const struct agw_nas_ie *ksi = agw_nas_get(b, AGW_NAS5G_F_NGKSI);
	struct agw_nas5g_mobile_id mid;
	struct anch_ue *ue = anch_ue_get(a, ref);

	if (ue == NULL) {
		a->stats[AGW_ANCHORS_EV_UE_TABLE_FULL]++;
		return;
	}
	ue_restart(a, ue, out);
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_REQUEST, 0, out);
	ue->ngksi = ksi != NULL ? agw_nas_ksi_from_half(ksi->half).ksi : 7;
	/* UE security capability: mandatory for initial registration
	 * (TS 24.501 8.2.6.x, 5.5.1.2.2); #96 when absent. */
	if (cap == NULL || cap->len < 2 || cap->len > sizeof(ue->cap_raw)) {
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_INVALID_MANDATORY, out);
		return;
	}
	memcpy(ue->cap_raw, cap->v, cap->len);
	ue->cap_len = (uint8_t)cap->len;
	reg_svc_cap(ue, agw_nas_get(b, AGW_NAS5G_F_UE_SEC_SVC_CAP));
	if (id == NULL || agw_nas5g_mobile_id_decode(id->v, id->len, &mid) != 0) {
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_INVALID_MANDATORY, out);
		return;
	}
	if (mid.type == AGW_NAS5G_ID_GUTI) {
		reg_by_guti(a, ue, &mid.u.guti, out);
		return;
	}
	if (mid.type != AGW_NAS5G_ID_SUCI || resolve_suci(a, ue, id, out) != 0) {
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_ILLEGAL_UE, out);
		return;
	}
	start_auth(a, ue, out);
}

static void
on_identity_response(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
		     struct agw_anchors_out *out)
{
	const struct agw_nas_ie *id = agw_nas_get(b, AGW_NAS5G_F_MOBILE_ID);

	if (ue->state == AGW_ANCHORS_ST_WAIT_SSP) { /* seed 000: the IMEI */
		anch_ssp_ul(a, ue, AGW_NAS5G_MT_IDENTITY_RESPONSE, b, out);
		return;
	}
	if (ue->state != AGW_ANCHORS_ST_WAIT_IDENTITY || id == NULL) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_guard_stop(a, ue);
	ue->from_guti = 0;
	if (resolve_suci(a, ue, id, out) != 0) {
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_ILLEGAL_UE, out);
		return;
	}
	start_auth(a, ue, out);
}

/* Integrity/ciphering algorithm: first of the configured priority list that
 * the UE supports (bit 8 = algorithm 0, TS 24.501 9.11.3.54) and the
 * subscriber is allowed (TS 33.501 6.7.1). -1 when none. */
static int
select_alg(const uint8_t *pref, unsigned int n, uint8_t ue_bits, uint8_t allowed, int no_zero)
{
	for (unsigned int i = 0; i < n; i++) {
		uint8_t alg = pref[i];

		if (no_zero && alg == 0)
			continue;
		if ((ue_bits & (0x80u >> alg)) && (allowed & (1u << alg)))
			return alg;
	}
	return -1;
}

static int
derive_nas_keys(struct agw_anchors *a, struct anch_ue *ue)
{
	int rc = agw_kdf_nas_keys(ue->kamf, ue->nea, ue->nia, ue->knas_enc, ue->knas_int);

	if (rc == 0)
		rc = agw_nia_key_init(a->eng, &ue->nia_key, ue->nia, ue->knas_int);
	if (rc == 0)
		rc = agw_nea_key_init(a->eng, &ue->nea_key, ue->nea, ue->knas_enc);
	return rc;
}

/*
 * Security mode command (TS 33.501 6.7.2 step 1b, TS 24.501 5.4.2.2):
 * selected algorithms, ngKSI, replayed UE security capabilities, IMEISV
 * request; integrity protected with the new context, SHT 3, DL COUNT 0.
 */
static void
start_smc(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_nas5g_ue_sec_cap cap;
	struct agw_nas5g_sec_algs algs;
	struct agw_nas_body b;
	uint8_t nia_mask = 0, nea_mask = 0, algs_octet;
	int nia, nea;

	if (anch_udm_sub_algs(a, ue, &nia_mask, &nea_mask) != 0 ||
	    agw_nas5g_ue_sec_cap_decode(ue->cap_raw, ue->cap_len, &cap) != 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return;
	}
	nia = select_alg(a->conf.nia_pref, a->conf.n_nia, cap.ia, nia_mask, 1);
	nea = select_alg(a->conf.nea_pref, a->conf.n_nea, cap.ea, nea_mask, 0);
	if (nia < 0 || nea < 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SMC_NO_ALG, 0, out);
		reg_reject(a, ue, AGW_ANCHORS_CAUSE_SEC_CAP_MISMATCH, out);
		return;
	}
	ue->nia = (uint8_t)nia;
	ue->nea = (uint8_t)nea;
	if (derive_nas_keys(a, ue) != 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return;
	}
	ue->keys_set = 1;
	ue->dl_count = 0; /* new context: NAS COUNTs start at 0 */
	ue->ul_next = 0;
	algs.ciph = ue->nea;
	algs.integ = ue->nia;
	algs_octet = agw_nas5g_sec_algs_encode(algs);
	body_init(&b, AGW_NAS5G_MT_SECURITY_MODE_COMMAND);
	agw_nas_set(&b, AGW_NAS5G_F_NAS_SEC_ALGS, &algs_octet, 1);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, ue->ngksi);
	agw_nas_set(&b, AGW_NAS5G_F_REPLAYED_UE_SEC_CAP, ue->cap_raw, ue->cap_len);
	if (a->conf.imeisv_request)
		agw_nas_set_half(&b, AGW_NAS5G_F_IMEISV_REQUEST, 1);
	if (anch_dl_build(ue, AGW_NAS5G_MT_SECURITY_MODE_COMMAND, &b) != 0 ||
	    anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_NEW, 1, out) != 0) {
		anch_ue_free(a, ue, out);
		return;
	}
	ue->state = AGW_ANCHORS_ST_WAIT_SMC;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SMC_SENT, 0, out);
}

/* RES* failed at the SEAF or the AUSF (TS 33.501 6.1.3.2.2): Identity
 * request when the UE came with a 5G-GUTI, else Authentication reject. */
static void
auth_failed(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (ue->from_guti) {
		ue->from_guti = 0;
		identity_request(a, ue, out);
		return;
	}
	auth_reject(a, ue, out);
}

/* Authentication response: HRES* vs HXRES* (step 9), RES* vs XRES* at the
 * AUSF (steps 10-12), then K_AMF (A.7, SUPI and ABBA) and the SMC. */
static void
on_auth_response(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
		 struct agw_anchors_out *out)
{
	uint8_t hres[AGW_RES_STAR_LEN], kseaf[AGW_KEY256_LEN], zero[AGW_RES_STAR_LEN] = {0};
	char supi_p[ANCH_SUPI_PARAM_MAX];
	const uint8_t *res = NULL;
	int seaf_ok, ausf_ok, n, rc;

	if (ue->state != AGW_ANCHORS_ST_WAIT_AUTH) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_guard_stop(a, ue);
	if (agw_nas5g_res_star(b, &res) != 0)
		res = zero;
	seaf_ok = agw_kdf_hres_star(ue->av.rand, res, hres) == 0 &&
		  agw_ct_equal(hres, ue->av.hxres_star, AGW_RES_STAR_LEN);
	ausf_ok = anch_ausf_confirm(a, ue, res, seaf_ok, kseaf, out) == 0;
	if (!seaf_ok)
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_HRES_MISMATCH, 0, out);
	if (!ausf_ok)
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_RES_MISMATCH, 0, out);
	if (!seaf_ok || !ausf_ok) {
		agw_memzero(kseaf, sizeof(kseaf));
		auth_failed(a, ue, out);
		return;
	}
	n = agw_kdf_supi_param(ue->supi, supi_p, sizeof(supi_p));
	rc = n < 0 ? n : agw_kdf_kamf(kseaf, supi_p, (size_t)n, abba0, sizeof(abba0), ue->kamf);
	agw_memzero(kseaf, sizeof(kseaf));
	if (rc != 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_SUCCESS, 0, out);
	start_smc(a, ue, out);
}

/* Synch failure (#21): one resynchronisation per registration through the
 * UDM (TS 33.501 6.1.3.3.2), then a new vector; TS 24.501 5.4.1.3.7 f. */
static void
on_synch_failure(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
		 struct agw_anchors_out *out)
{
	const uint8_t *auts;
	int rc;

	anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_SYNCH_FAILURE,
		   AGW_ANCHORS_CAUSE_SYNCH_FAILURE, out);
	if (ue->resynced || agw_nas5g_auts(b, &auts) != 0) {
		auth_reject(a, ue, out);
		return;
	}
	rc = anch_udm_resync(a, ue->supi, ue->av.rand, auts);
	if (rc == -EBADMSG) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_AUTS_INVALID, 0, out);
		auth_reject(a, ue, out);
		return;
	}
	if (rc != 0) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return;
	}
	ue->resynced = 1;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_AUTH_RESYNC, 0, out);
	agw_memzero(&ue->ausf, sizeof(ue->ausf));
	start_auth(a, ue, out);
}

/* Authentication failure (TS 24.501 5.4.1.3.7): #21 -> resync; #20 MAC
 * failure and any other cause -> Authentication reject (the network's
 * simplest allowed reaction; no identification retry). */
static void
on_auth_failure(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
		struct agw_anchors_out *out)
{
	const struct agw_nas_ie *c = agw_nas_get(b, AGW_NAS5G_F_MM_CAUSE);
	uint8_t cause = c != NULL && c->len == 1 ? c->v[0] : 0;

	if (ue->state != AGW_ANCHORS_ST_WAIT_AUTH) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_guard_stop(a, ue);
	if (cause == AGW_ANCHORS_CAUSE_SYNCH_FAILURE) {
		on_synch_failure(a, ue, b, out);
		return;
	}
	anch_event(a, &ue->key,
		   cause == AGW_ANCHORS_CAUSE_MAC_FAILURE ? AGW_ANCHORS_EV_AUTH_MAC_FAILURE
							  : AGW_ANCHORS_EV_AUTH_OTHER_FAILURE,
		   cause, out);
	auth_reject(a, ue, out);
}

static agw_ctx_stmsi_t
ue_stmsi(const struct agw_anchors *a, const struct anch_ue *ue)
{
	return (uint64_t)a->conf.amf_set << 38 | (uint64_t)a->conf.amf_ptr << 32 | ue->tmsi;
}

static void
fill_install(const struct agw_anchors *a, const struct anch_ue *ue, struct agw_ctx_install *in)
{
	memset(in, 0, sizeof(*in));
	in->ue_key = ue->key;
	in->stmsi = ue_stmsi(a, ue);
	in->nia = ue->nia;
	in->nea = ue->nea;
	in->ngksi = ue->ngksi;
	in->flags = ue->nea != AGW_NEA0 ? AGW_CTX_F_CIPHER : 0;
	in->bearer = AGW_ANCHORS_BEARER_3GPP;
	in->ul_count = ue->ul_next;
	in->dl_count = ue->dl_count;
	in->user = ue->self;
	memcpy(in->k_nas_int, ue->knas_int, sizeof(in->k_nas_int));
	memcpy(in->k_nas_enc, ue->knas_enc, sizeof(in->k_nas_enc));
}

/* Registration accept (TS 24.501 5.5.1.2.4): 3GPP access, new 5G-GUTI,
 * T3512, and the AKMA identifier if one was allocated (seed 001, private
 * IE 0x7F: only ever in this message, which is integrity protected and
 * ciphered, spec/001 F3); SHT 2, guarded by T3550. */
static int
send_reg_accept(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_nas5g_mobile_id id = {.type = AGW_NAS5G_ID_GUTI};
	uint8_t guti[32], result = 0x01, t3512 = a->conf.t3512;
	struct agw_wr w = agw_wr_init(guti, sizeof(guti));
	struct agw_akma_ident akma;
	struct agw_nas_body b;
	int with_akma;
	long n;

	memcpy(id.u.guti.plmn.mcc, a->conf.mcc, sizeof(id.u.guti.plmn.mcc));
	memcpy(id.u.guti.plmn.mnc, a->conf.mnc, sizeof(id.u.guti.plmn.mnc));
	id.u.guti.amf_region = a->conf.amf_region;
	id.u.guti.amf_set = a->conf.amf_set;
	id.u.guti.amf_ptr = a->conf.amf_ptr;
	id.u.guti.tmsi = ue->tmsi;
	if (agw_nas5g_mobile_id_encode(&id, &w) != 0 || (n = agw_wr_result(&w)) < 0)
		return -EINVAL;
	body_init(&b, AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	agw_nas_set(&b, AGW_NAS5G_F_REG_RESULT, &result, 1);
	agw_nas_set(&b, AGW_NAS5G_F_GUTI, guti, (uint16_t)n);
	agw_nas_set(&b, AGW_NAS5G_F_T3512, &t3512, 1);
	with_akma = anch_ausf_akma_ident(a, ue, &akma, out);
	if (with_akma)
		agw_nas_set(&b, AGW_NAS5G_F_AKMA_ID, (const uint8_t *)akma.nai, akma.nai_len);
	if (anch_dl_build(ue, AGW_NAS5G_MT_REGISTRATION_ACCEPT, &b) != 0)
		return -EINVAL;
	if (with_akma)
		anch_event(a, &ue->key, AGW_ANCHORS_EV_AKMA_SENT, 0, out);
	return anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, 1, out);
}

/*
 * Registration reject under NAS security (SHT 2): protected here with the
 * new context before the fast path has it, else a placeholder the worker
 * protects; then the entry lingers until that frame has left
 * (anch_ue_linger()).
 */
void
anch_reg_reject_protected(struct agw_anchors *a, struct anch_ue *ue, uint8_t cause,
			  struct agw_anchors_out *out)
{
	struct agw_nas_body b;

	body_init(&b, AGW_NAS5G_MT_REGISTRATION_REJECT);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	if (anch_dl_build(ue, AGW_NAS5G_MT_REGISTRATION_REJECT, &b) == 0)
		anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, 0, out);
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_REJECT, cause, out);
	if (ue->ctx_installed)
		anch_ue_linger(a, ue);
	else
		anch_ue_free(a, ue, out);
}

/*
 * Seed 000, with NAS security active (spec 000 errata 11): a mandatory MM
 * security service the UE or this AMF cannot run rejects the registration,
 * cause #23, protected with the new context. Returns 1 to go on.
 */
static int
ssi_allows(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	uint8_t cause = AGW_ANCHORS_CAUSE_SEC_CAP_MISMATCH;
	int rc = anch_udm_ssi_check(a, ue);

	if (rc == 0)
		return 1;
	if (rc != -EPERM) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
		return 0;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSI_MANDATORY_UNSUPPORTED, cause, out);
	anch_reg_reject_protected(a, ue, cause, out);
	return 0;
}

/* Registration accept after the seed 000 procedures (the context is in
 * the fast path already, the 5G-TMSI assigned with it). */
void
anch_reg_accept(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (send_reg_accept(a, ue, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	ue->state = AGW_ANCHORS_ST_WAIT_REG_COMPLETE;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_ACCEPT, 0, out);
}

/* The UE's context to the fast path (its 5G-TMSI assigned before): 0, or
 * -ENOBUFS (output full). */
static int
install_context(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (out->n_install >= AGW_ANCHORS_OUT_INSTALL)
		return -ENOBUFS;
	fill_install(a, ue, &out->install[out->n_install++]);
	ue->ctx_installed = 1;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_CTX_INSTALL, 0, out);
	return 0;
}

/* Seed 000 procedures to run: the context goes to the fast path first,
 * which verifies the UE's DH UE key / Device authentication request and
 * protects the downlink from now on; the accept waits for the last
 * procedure (ssp.c). */
static void
start_procedures(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (anch_tmsi_assign(a, ue) != 0 || install_context(a, ue, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	ue->state = AGW_ANCHORS_ST_WAIT_SSP;
	anch_ssp_start(a, ue, out);
}

/* Security mode complete, integrity verified with the new context: install
 * it in the fast path, then Registration accept (or first the seed 000
 * procedures). */
static void
on_smc_complete(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (ue->state != AGW_ANCHORS_ST_WAIT_SMC) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_guard_stop(a, ue);
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SMC_COMPLETE, 0, out);
	if (!ssi_allows(a, ue, out))
		return;
	if (ue->ssp.n > 0) {
		start_procedures(a, ue, out);
		return;
	}
	if (out->n_install >= AGW_ANCHORS_OUT_INSTALL || anch_tmsi_assign(a, ue) != 0 ||
	    send_reg_accept(a, ue, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	/* After the accept so that dl_count is the next free DL COUNT (room
	 * checked above). */
	(void)install_context(a, ue, out);
	ue->state = AGW_ANCHORS_ST_WAIT_REG_COMPLETE;
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_ACCEPT, 0, out);
}

/* Security mode reject (TS 24.501 5.4.2.5): abort the registration with
 * cause #24 "Security mode rejected, unspecified". */
static void
on_smc_reject(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
	      struct agw_anchors_out *out)
{
	const struct agw_nas_ie *c = agw_nas_get(b, AGW_NAS5G_F_MM_CAUSE);

	if (ue->state != AGW_ANCHORS_ST_WAIT_SMC) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SMC_REJECT, c != NULL && c->len == 1 ? c->v[0] : 0,
		   out);
	ue->keys_set = 0;
	reg_reject(a, ue, AGW_ANCHORS_CAUSE_SEC_MODE_REJECTED, out);
}

static void
on_reg_complete(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (ue->state != AGW_ANCHORS_ST_WAIT_REG_COMPLETE) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	anch_guard_stop(a, ue);
	ue->state = AGW_ANCHORS_ST_REGISTERED;
	agw_memzero(&ue->av, sizeof(ue->av));
	anch_event(a, &ue->key, AGW_ANCHORS_EV_REG_COMPLETE, 0, out);
}

/* Deregistration request, UE originating (TS 24.501 5.5.2.2): accept
 * unless switch-off, delete the context, release the entry. */
static void
on_dereg_request(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
		 struct agw_anchors_out *out)
{
	const struct agw_nas_ie *t = agw_nas_get(b, AGW_NAS5G_F_DEREG_TYPE);
	struct agw_nas_body acc;

	anch_event(a, &ue->key, AGW_ANCHORS_EV_DEREG, 0, out);
	if (t != NULL && !(t->half & 0x8)) {
		body_init(&acc, AGW_NAS5G_MT_DEREG_ACCEPT_UE_ORIG);
		if (anch_dl_build(ue, AGW_NAS5G_MT_DEREG_ACCEPT_UE_ORIG, &acc) == 0)
			anch_dl_send(a, ue,
				     ue->ctx_installed ? AGW_NAS5G_SHT_INTEG_CIPH
						       : AGW_NAS5G_SHT_PLAIN,
				     0, out);
	}
	anch_ue_free(a, ue, out);
}

/* ---------------------------------------------------------------------- */
/* Uplink                                                                  */

/* Messages the network processes without integrity protection (TS 24.501
 * 4.4.4.3). */
static int
plain_allowed(uint8_t type)
{
	switch (type) {
	case AGW_NAS5G_MT_REGISTRATION_REQUEST:
	case AGW_NAS5G_MT_IDENTITY_RESPONSE:
	case AGW_NAS5G_MT_AUTHENTICATION_RESPONSE:
	case AGW_NAS5G_MT_AUTHENTICATION_FAILURE:
	case AGW_NAS5G_MT_SECURITY_MODE_REJECT:
	case AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG:
		return 1;
	default:
		return 0;
	}
}

/* UL NAS COUNT from the 8-bit SQN and the next expected COUNT (TS 24.501
 * 4.4.3.1). */
static uint32_t
ul_count_estimate(uint32_t next, uint8_t sqn)
{
	uint32_t ovf = next >> 8;

	if (sqn < (next & 0xff))
		ovf++;
	return (ovf << 8 | sqn) & 0xffffff;
}

struct ul_plain {
	const uint8_t *msg;
	size_t len;
	int verified;
	int mac_failed;
};

/* Verify (and decipher) a protected message with the UE's context. */
static int
ul_verify(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas5g_sec *sec,
	  struct ul_plain *p)
{
	uint32_t count = ul_count_estimate(ue->ul_next, sec->sqn);
	uint8_t mac[4] = {(uint8_t)(sec->mac >> 24), (uint8_t)(sec->mac >> 16),
			  (uint8_t)(sec->mac >> 8), (uint8_t)sec->mac};

	if (agw_nia_verify(a->eng, &ue->nia_key, count, AGW_ANCHORS_BEARER_3GPP, 0,
			   sec->mac_input, (uint32_t)(8 * sec->mac_input_len), mac) != 0) {
		p->mac_failed = 1;
		return sec->ciphered ? -EBADMSG : 0; /* plain rules for the rest */
	}
	if (sec->ciphered) {
		if (agw_nea_apply(a->eng, &ue->nea_key, count, AGW_ANCHORS_BEARER_3GPP, 0,
				  sec->msg, a->scratch, (uint32_t)(8 * sec->msg_len)) != 0)
			return -EBADMSG;
		p->msg = a->scratch;
	}
	p->verified = 1;
	ue->ul_next = (count + 1) & 0xffffff;
	return 0;
}

static int
ul_unprotect(struct agw_anchors *a, struct anch_ue *ue, const uint8_t *nas, size_t len,
	     int integrity_ok, uint32_t ul_count, struct ul_plain *p)
{
	struct agw_nas5g_sec sec;

	memset(p, 0, sizeof(*p));
	if (agw_nas5g_sec_decode(nas, len, &sec) != 0)
		return -EBADMSG;
	p->msg = sec.msg;
	p->len = sec.msg_len;
	if (integrity_ok) {
		p->verified = 1;
		if (ue != NULL)
			ue->ul_next = (ul_count + 1) & 0xffffff;
		return 0;
	}
	if (sec.sht == AGW_NAS5G_SHT_PLAIN)
		return 0;
	if (ue == NULL || !ue->keys_set)
		return sec.ciphered ? -EBADMSG : 0;
	return ul_verify(a, ue, &sec, p);
}

static void
ul_dispatch(struct agw_anchors *a, const agw_anchors_ue_ref *ref, struct anch_ue *ue,
	    uint8_t type, const struct agw_nas_body *b, struct agw_anchors_out *out)
{
	if (type == AGW_NAS5G_MT_REGISTRATION_REQUEST) {
		on_reg_request(a, ref, b, out);
		return;
	}
	if (ue == NULL) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return;
	}
	switch (type) {
	case AGW_NAS5G_MT_IDENTITY_RESPONSE:
		on_identity_response(a, ue, b, out);
		break;
	case AGW_NAS5G_MT_AUTHENTICATION_RESPONSE:
		on_auth_response(a, ue, b, out);
		break;
	case AGW_NAS5G_MT_AUTHENTICATION_FAILURE:
		on_auth_failure(a, ue, b, out);
		break;
	case AGW_NAS5G_MT_SECURITY_MODE_COMPLETE:
		on_smc_complete(a, ue, out);
		break;
	case AGW_NAS5G_MT_SECURITY_MODE_REJECT:
		on_smc_reject(a, ue, b, out);
		break;
	case AGW_NAS5G_MT_REGISTRATION_COMPLETE:
		on_reg_complete(a, ue, out);
		break;
	case AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG:
		on_dereg_request(a, ue, b, out);
		break;
	case AGW_NAS5G_MT_DH_UE_KEY:
	case AGW_NAS5G_MT_DEVICE_AUTH_REQUEST:
		anch_ssp_ul(a, ue, type, b, out);
		break;
	case AGW_NAS5G_MT_STATUS_5GMM:
		if (ue->state == AGW_ANCHORS_ST_WAIT_SSP)
			anch_ssp_ul(a, ue, type, b, out);
		else
			a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		break;
	default:
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		break;
	}
}

/* A message that failed integrity: counted; SMC complete also as such. */
static void
ul_integrity_failed(struct agw_anchors *a, struct anch_ue *ue, int smc_complete,
		    struct agw_anchors_out *out)
{
	anch_event(a, &ue->key, AGW_ANCHORS_EV_UL_INTEGRITY_FAILURE, 0, out);
	if (smc_complete || ue->state == AGW_ANCHORS_ST_WAIT_SMC)
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SMC_COMPLETE_BAD_MAC, 0, out);
}

int
agw_anchors_ul_nas(struct agw_anchors *a, const agw_anchors_ue_ref *ref, const uint8_t *nas,
		   size_t len, int integrity_ok, uint32_t ul_count, struct agw_anchors_out *out)
{
	struct anch_ue *ue;
	struct agw_nas5g_msg m;
	struct ul_plain p;
	int rc;

	if (a == NULL || ref == NULL || nas == NULL || out == NULL)
		return -EINVAL;
	if (len > AGW_ANCHORS_UL_NAS_MAX) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return 0;
	}
	ue = anch_ue_find(a, ref);
	rc = ul_unprotect(a, ue, nas, len, integrity_ok, ul_count, &p);
	if (rc != 0 || p.mac_failed) {
		if (ue != NULL && (rc != 0 || p.mac_failed))
			ul_integrity_failed(a, ue, 0, out);
		if (rc != 0) {
			a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
			return 0; /* TS 24.501 4.4.4.3: discard */
		}
	}
	rc = agw_nas5g_decode(p.msg, p.len, &m);
	if ((rc != 0 && rc != AGW_PROTO_E_TRAILING) || m.hdr.epd != AGW_NAS5G_EPD_5GMM ||
	    m.ies.desc == NULL) {
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return 0;
	}
	if (!p.verified && !plain_allowed(m.hdr.type)) {
		if (ue != NULL && m.hdr.type == AGW_NAS5G_MT_SECURITY_MODE_COMPLETE && !p.mac_failed)
			ul_integrity_failed(a, ue, 1, out);
		a->stats[AGW_ANCHORS_EV_UL_DROPPED]++;
		return 0;
	}
	if (!p.verified && ue != NULL && ue->ctx_installed &&
	    m.hdr.type == AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG) {
		/* TS 24.501 4.4.4.3 lets a Deregistration request through
		 * without integrity protection, for a UE that has no security
		 * context. Once the UE has one (it completed the SMC), an
		 * unverified request is not acted on: anyone who can put a frame
		 * on N2 with the UE's NGAP IDs could end its registration. */
		a->stats[AGW_ANCHORS_EV_DEREG_UNVERIFIED]++;
		return 0;
	}
	ul_dispatch(a, ref, ue, m.hdr.type, &m.ies, out);
	agw_memzero(a->scratch, p.msg == a->scratch ? p.len : 0);
	return 0;
}
