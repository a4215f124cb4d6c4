/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Relay UE: DCR -> Relay Key Request (the identity copied byte-exact,
 * spec/002 T14), EAP between NAS and PC5, Relay Key Accept -> K_NR_ProSe
 * stored, then the DSM Command with Nonce_2 (never K_NR_ProSe, T16) and
 * EAP-Success if the network sent it (T17), integrity-protected with its
 * NRPIK; DSM Complete checked before the Direct Communication Accept (T18).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_pc5.h"
#include "agw_prose.h"
#include "agw_util.h"
#include "psim_priv.h"

static const uint8_t relay_name[] = "relay-ue";

int
psim_relay_init(struct psim_relay *y, uint64_t ue, const char *supi, const char *mcc,
		const char *mnc, uint8_t nia)
{
	if (y == NULL || supi == NULL || mcc == NULL || mnc == NULL || nia < 1 || nia > 3)
		return -EINVAL;
	memset(y, 0, sizeof(*y));
	y->ue = ue;
	snprintf(y->supi, sizeof(y->supi), "%s", supi);
	snprintf(y->plmn.mcc, sizeof(y->plmn.mcc), "%s", mcc);
	snprintf(y->plmn.mnc, sizeof(y->plmn.mnc), "%s", mnc);
	y->nia = nia;
	y->next_prti = 1;
	y->eng = agw_nas_sec_engine_create();
	return y->eng == NULL ? -ENOMEM : 0;
}

void
psim_relay_fini(struct psim_relay *y)
{
	if (y == NULL)
		return;
	agw_nas_sec_engine_free(y->eng);
	agw_memzero(y, sizeof(*y));
}

struct psim_slot *
psim_relay_slot(struct psim_relay *y, uint8_t prti)
{
	struct psim_slot *s = &y->slot[prti % PSIM_RELAY_SLOTS];

	return s->used && s->prti == prti ? s : NULL;
}

static long
pc5_out(struct agw_pc5_msg *m, uint8_t *out, size_t cap)
{
	long n = agw_pc5_encode(out, cap, m);

	return n < 0 ? -EIO : n;
}

static long
reject(struct psim_relay *y, uint8_t cause, uint8_t *out, size_t cap)
{
	struct agw_pc5_msg m;

	memset(&m, 0, sizeof(m));
	m.type = AGW_PC5_DL_EST_REJ;
	m.seq = y->seq++;
	m.cause = cause;
	m.present = AGW_PC5_BIT(AGW_PC5_IE_CAUSE);
	return pc5_out(&m, out, cap);
}

long
psim_relay_dcr(struct psim_relay *y, const uint8_t *pc5, size_t len, uint8_t *prti, uint8_t *out,
	       size_t cap)
{
	struct agw_prose_key_req rq;
	struct agw_pc5_msg m;
	struct psim_slot *s;
	int has_id, has_suci;
	long n;

	if (agw_pc5_decode(pc5, len, &m) != 0 || m.type != AGW_PC5_DL_EST_REQ ||
	    !agw_pc5_has(&m, AGW_PC5_IE_NONCE_1) || !agw_pc5_has(&m, AGW_PC5_IE_RSC)) {
		y->malformed++;
		return 0;
	}
	has_id = agw_pc5_has(&m, AGW_PC5_IE_USER_KEY_ID);
	has_suci = agw_pc5_has(&m, AGW_PC5_IE_UE_IDENTITY);
	if (has_id == has_suci) {
		y->malformed++;
		return 0;
	}
	*prti = y->next_prti;
	y->next_prti = (uint8_t)(y->next_prti == 254 ? 1 : y->next_prti + 1);
	s = &y->slot[*prti % PSIM_RELAY_SLOTS];
	agw_memzero(s, sizeof(*s));
	s->used = 1;
	s->prti = *prti;
	memcpy(s->nonce1, m.nonce_1, 16);
	memcpy(s->ue_sec_cap, m.ue_sec_cap.p, m.ue_sec_cap.len >= 2 ? 2 : 0);
	s->sig_policy = m.sig_sec_policy;
	memset(&rq, 0, sizeof(rq));
	rq.prti = *prti;
	rq.rsc = m.rsc;
	rq.nonce_1 = m.nonce_1;
	rq.id_type = has_id ? AGW_PROSE_ID_CP_PRUK : AGW_PROSE_ID_SUCI;
	rq.ue_id = has_id ? m.user_key_id.p : m.ue_identity.p;
	rq.ue_id_len = has_id ? m.user_key_id.len : m.ue_identity.len;
	rq.key_update = agw_pc5_has(&m, AGW_PC5_IE_KEY_UPDATE_IND) &&
			m.key_update_ind == AGW_PC5_KEY_UPDATE_NEEDED;
	n = agw_prose_key_request_encode(&rq, out, cap);
	return n < 0 ? -EIO : n;
}

static long
auth_request(struct psim_relay *y, const struct agw_nas_body *b, uint8_t *out, size_t cap)
{
	const struct agw_nas_ie *eap = agw_nas_get(b, AGW_NAS5G_F_EAP_MESSAGE);
	struct agw_pc5_msg m;

	if (eap == NULL) {
		y->malformed++;
		return 0;
	}
	memset(&m, 0, sizeof(m));
	m.type = AGW_PC5_DL_AUTH_REQ;
	m.seq = y->seq++;
	m.eap = (struct agw_pc5_buf){eap->v, eap->len};
	m.present = AGW_PC5_BIT(AGW_PC5_IE_EAP);
	return pc5_out(&m, out, cap);
}

/* Relay Key Accept: store K_NR_ProSe, derive the link keys, send the DSM Command. */
static long
key_accept(struct psim_relay *y, struct psim_slot *s, const struct agw_nas_body *b, uint8_t *out,
	   size_t cap)
{
	const struct agw_nas_ie *prm = agw_nas_get(b, AGW_NAS5G_F_RELAY_KEY_RESPONSE_PARAMS);
	const struct agw_nas_ie *eap = agw_nas_get(b, AGW_NAS5G_F_EAP_MESSAGE);
	struct agw_nas5g_relay_key_resp kr;
	struct agw_pc5_msg m;
	long n;

	if (prm == NULL || agw_nas5g_relay_key_resp_decode(prm->v, prm->len, &kr) != 0) {
		y->malformed++;
		return 0;
	}
	memcpy(s->knr, kr.k_nr_prose, 32);
	s->have_knr = 1; /* stored before the DSM Command ([0203]) */
	s->alg = y->nia;
	if (agw_kdf_knrp_sess(s->knr, s->nonce1, kr.nonce2, s->sess) != 0 ||
	    agw_kdf_nrp_alg_key(s->sess, 1, s->alg, s->pik) != 0 ||
	    agw_kdf_nrp_alg_key(s->sess, 0, 0, s->pek) != 0)
		return -EIO;
	memset(&m, 0, sizeof(m));
	m.type = AGW_PC5_DL_SMC;
	m.seq = y->seq++;
	m.sel_algs = s->alg; /* 5G-EA0 (bits 5-7), the integrity algorithm (bits 1-3) */
	m.ue_sec_cap = (struct agw_pc5_buf){s->ue_sec_cap, 2};
	m.sig_sec_policy = s->sig_policy;
	m.nonce_2 = kr.nonce2;
	m.present = AGW_PC5_BIT(AGW_PC5_IE_SEL_ALGS) | AGW_PC5_BIT(AGW_PC5_IE_UE_SEC_CAP) |
		    AGW_PC5_BIT(AGW_PC5_IE_SIG_SEC_POLICY) | AGW_PC5_BIT(AGW_PC5_IE_NONCE_2);
	if (eap != NULL) {
		m.eap = (struct agw_pc5_buf){eap->v, eap->len};
		m.present |= AGW_PC5_BIT(AGW_PC5_IE_EAP);
	}
	n = pc5_out(&m, out, cap);
	if (n > 0)
		n = psim_pc5_protect(y->eng, s->pik, s->alg, PSIM_DIR_TO_REMOTE, out, (size_t)n,
				     cap);
	return n;
}

long
psim_relay_dl_nas(struct psim_relay *y, const uint8_t *nas, size_t len, uint8_t *prti, uint8_t *out,
		  size_t cap)
{
	struct agw_nas5g_msg m;
	struct psim_slot *s;
	const uint8_t *p;

	if (agw_nas5g_decode(nas, len, &m) != 0 || m.ies.desc == NULL ||
	    agw_nas_get_fixed(&m.ies, AGW_NAS5G_F_PRTI, 1, &p) != 0) {
		y->malformed++;
		return 0;
	}
	*prti = *p;
	s = psim_relay_slot(y, *prti);
	if (s == NULL) {
		y->malformed++;
		return 0;
	}
	switch (m.hdr.type) {
	case AGW_NAS5G_MT_RELAY_AUTHENTICATION_REQUEST:
		return auth_request(y, &m.ies, out, cap);
	case AGW_NAS5G_MT_RELAY_KEY_ACCEPT:
		return key_accept(y, s, &m.ies, out, cap);
	case AGW_NAS5G_MT_RELAY_KEY_REJECT:
		agw_memzero(s, sizeof(*s));
		return reject(y, AGW_PC5_CAUSE_RELAY_SEC_FAILURE, out, cap);
	default:
		y->malformed++;
		return 0;
	}
}

long
psim_relay_auth_rsp(struct psim_relay *y, uint8_t prti, const uint8_t *pc5, size_t len,
		    uint8_t *out, size_t cap)
{
	struct agw_pc5_msg m;
	long n;

	if (psim_relay_slot(y, prti) == NULL || agw_pc5_decode(pc5, len, &m) != 0 ||
	    m.type != AGW_PC5_DL_AUTH_RSP || !agw_pc5_has(&m, AGW_PC5_IE_EAP)) {
		y->malformed++;
		return 0;
	}
	n = agw_prose_auth_response_encode(prti, m.eap.p, m.eap.len, out, cap);
	return n < 0 ? -EIO : n;
}

long
psim_relay_complete(struct psim_relay *y, uint8_t prti, const uint8_t *pc5, size_t len,
		    uint8_t *out, size_t cap)
{
	static const uint8_t qos[3] = {0x01, 0x00, 0x00};
	struct psim_slot *s = psim_relay_slot(y, prti);
	struct agw_pc5_msg m;
	long n;

	if (s == NULL || !s->have_knr) {
		y->malformed++;
		return 0;
	}
	n = psim_pc5_check(y->eng, s->pik, s->alg, PSIM_DIR_TO_RELAY, pc5, len);
	if (n < 0) {
		y->complete_bad_mac++;
		return reject(y, AGW_PC5_CAUSE_INTEGRITY_FAILURE, out, cap);
	}
	if (agw_pc5_decode(pc5, (size_t)n, &m) != 0 || m.type != AGW_PC5_DL_SM_COMPLETE) {
		y->malformed++;
		return reject(y, AGW_PC5_CAUSE_PROTOCOL_ERROR, out, cap);
	}
	memset(&m, 0, sizeof(m));
	m.type = AGW_PC5_DL_EST_ACC;
	m.seq = y->seq++;
	m.src_user_info = (struct agw_pc5_buf){relay_name, sizeof(relay_name) - 1};
	m.qos_flows = (struct agw_pc5_buf){qos, sizeof(qos)};
	m.present = AGW_PC5_BIT(AGW_PC5_IE_SRC_USER_INFO) | AGW_PC5_BIT(AGW_PC5_IE_QOS_FLOWS) |
		    AGW_PC5_BIT(AGW_PC5_IE_UP_SEC_CONFIG);
	return pc5_out(&m, out, cap);
}
