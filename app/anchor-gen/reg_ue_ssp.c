/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * UE side of the seed 000 MM security service procedures (spec 000 §3.3,
 * §4.5; private NAS of doc/nas-private-ies.md §3), computed here on its own:
 *
 *  - Security service command (the UE MM security service identifier):
 *    every entry must be UE-initiated and supported, else 5GMM STATUS
 *    (T38); the entries run in the command's order, each after the
 *    previous one's end message; a repeated command restarts what is not
 *    done (same DH key, same identity);
 *  - DH exchange: network-initiated, a DH network key is answered with a
 *    DH UE key; UE-initiated, the DH UE key goes first and the DH network
 *    key ends it. Either way K_DH = KDF(Z, FC 0xF0, K_AMF, network key,
 *    UE key) with lib/crypto agw_dh.h;
 *  - device authentication: UE-initiated, a Device authentication request
 *    with the IMEI; network-initiated, the Identity request for the IMEI
 *    under NAS security; the Device authentication result says how it went.
 *
 * Faults: bad_imei (check digit wrong), no_imei (identity left out),
 * dh_bad_key (the small-order public key u = 0).
 */
#include <string.h>

#include "agw_dh.h"
#include "agw_util.h"
#include "reg_ue_priv.h"

#define CAUSE_PROTOCOL_ERROR 111 /* TS 24.501 9.11.3.2 */
#define DEVAUTH_SENT 1
#define DEVAUTH_ACCEPTED 2
#define DEVAUTH_REJECTED 3
#define DH_OWN_KEY_SENT 1
#define DH_DONE 2

static void
body_of(struct agw_nas_body *b, uint8_t type)
{
	agw_nas_body_init(b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, type));
}

static int
supported(const struct agw_regue *ue, uint8_t code)
{
	return code >= AGW_NAS5G_SSP_DH && code <= AGW_NAS5G_SSP_DEVAUTH &&
	       (ue->conf->mm_support & (1u << (code - 1)));
}

/* 5GMM STATUS: this UE cannot run what was asked (T38). */
static int
send_status(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	uint8_t cause = CAUSE_PROTOCOL_ERROR;
	struct agw_nas_body b;

	body_of(&b, AGW_NAS5G_MT_STATUS_5GMM);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	ue->sent_status = 1;
	return regue_send(ue, AGW_NAS5G_MT_STATUS_5GMM, &b, ul, cap, ul_len);
}

/* The DH UE key: this UE's public key (a fresh pair unless one exists). */
static int
send_dh_key(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	static const uint8_t scheme = AGW_NAS5G_DH_X25519;
	static const uint8_t small_order[32]; /* u = 0 */
	struct agw_nas_body b;

	if (ue->dh_state == 0 && agw_x25519_keypair(&ue->dh) != 0)
		return regue_fail(ue, AGW_REGUE_R_CRYPTO);
	body_of(&b, AGW_NAS5G_MT_DH_UE_KEY);
	agw_nas_set(&b, AGW_NAS5G_F_DH_SCHEME, &scheme, 1);
	agw_nas_set(&b, AGW_NAS5G_F_DH_PUBLIC_KEY,
		    ue->fault == AGW_REGUE_F_DH_BAD_KEY ? small_order : ue->dh.pub, 32);
	return regue_send(ue, AGW_NAS5G_MT_DH_UE_KEY, &b, ul, cap, ul_len);
}

/* The device identity: the IMEI (a wrong check digit for bad_imei). */
static void
device_id(const struct agw_regue *ue, struct agw_nas5g_mobile_id *id)
{
	memset(id, 0, sizeof(*id));
	id->type = AGW_NAS5G_ID_IMEI;
	memcpy(id->u.digits, ue->imei, sizeof(ue->imei));
	if (ue->fault == AGW_REGUE_F_BAD_IMEI)
		id->u.digits[14] = (char)('0' + (id->u.digits[14] - '0' + 1) % 10);
}

/* Device authentication request (UE-initiated) or Identity response
 * (network-initiated) with the identity; no_imei leaves the optional IE
 * out of the request and answers the Identity request with "no identity". */
static int
send_identity(struct agw_regue *ue, uint8_t type, uint8_t *ul, size_t cap, size_t *ul_len)
{
	int resp = type == AGW_NAS5G_MT_IDENTITY_RESPONSE;
	struct agw_nas5g_mobile_id id;
	uint8_t v[16];
	struct agw_wr w = agw_wr_init(v, sizeof(v));
	struct agw_nas_body b;

	body_of(&b, type);
	device_id(ue, &id);
	if (ue->fault == AGW_REGUE_F_NO_IMEI)
		id.type = AGW_NAS5G_ID_NONE;
	if (agw_nas5g_mobile_id_encode(&id, &w) != 0)
		return regue_fail(ue, AGW_REGUE_R_ENCODE);
	if (resp || ue->fault != AGW_REGUE_F_NO_IMEI)
		agw_nas_set(&b, resp ? AGW_NAS5G_F_MOBILE_ID : AGW_NAS5G_F_DEVICE_ID, v,
			    (uint16_t)agw_wr_result(&w));
	ue->devauth_state = DEVAUTH_SENT;
	return regue_send(ue, type, &b, ul, cap, ul_len);
}

/* Start (or restart) the queued procedure at ssp_qi, if any. */
static int
run_queued(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	if (ue->ssp_qi >= ue->ssp_nq)
		return 0; /* all done: the next command, or the accept */
	if (ue->ssp_q[ue->ssp_qi] == AGW_NAS5G_SSP_DH) {
		ue->dh_ue_started = 1;
		if (send_dh_key(ue, ul, cap, ul_len) == 0 && ue->state != AGW_REGUE_ST_FAILED)
			ue->dh_state = DH_OWN_KEY_SENT;
		return 0;
	}
	ue->devauth_ue_started = 1;
	return send_identity(ue, AGW_NAS5G_MT_DEVICE_AUTH_REQUEST, ul, cap, ul_len);
}

static int
done_already(const struct agw_regue *ue, uint8_t code)
{
	return code == AGW_NAS5G_SSP_DH ? ue->dh_state == DH_DONE
					: ue->devauth_state == DEVAUTH_ACCEPTED;
}

/* Security service command: queue its (UE-initiated, supported) entries. */
static int
on_command(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
	   size_t *ul_len)
{
	const struct agw_nas_ie *ie = agw_nas_get(b, AGW_NAS5G_F_MM_SSI);
	struct agw_nas5g_ssi ssi;

	if (ie == NULL || agw_nas5g_ssi_decode(ie->v, ie->len, AGW_NAS5G_SSI_MM, &ssi) != 0 ||
	    ssi.n == 0)
		return regue_fail(ue, AGW_REGUE_R_SSP);
	ue->n_ssp_cmd++;
	ue->ssp_nq = ue->ssp_qi = 0;
	for (unsigned int i = 0; i < ssi.n; i++) {
		if (!ssi.e[i].ue_init)
			return regue_fail(ue, AGW_REGUE_R_SSP); /* only UE-initiated ones */
		if (!supported(ue, ssi.e[i].code))
			return send_status(ue, ul, cap, ul_len);
		if (!done_already(ue, ssi.e[i].code))
			ue->ssp_q[ue->ssp_nq++] = ssi.e[i].code;
	}
	return run_queued(ue, ul, cap, ul_len);
}

/* Z and K_DH from the network's key. 0 or -1 (the UE failed). */
static int
derive_kdh(struct agw_regue *ue, const uint8_t *nw)
{
	uint8_t z[32];
	int rc = agw_x25519_shared(&ue->dh, nw, 32, z);

	if (rc == 0)
		rc = agw_dh_kdh(z, ue->kamf, nw, ue->dh.pub, ue->kdh);
	agw_memzero(z, sizeof(z));
	agw_memzero(ue->dh.priv, sizeof(ue->dh.priv));
	if (rc != 0) {
		regue_fail(ue, AGW_REGUE_R_CRYPTO);
		return -1;
	}
	memcpy(ue->dh_nw_pub, nw, 32);
	ue->dh_state = DH_DONE;
	return 0;
}

/* DH network key: the answer to this UE's key, or the network starting. */
static int
on_dh_network_key(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
		  size_t *ul_len)
{
	const uint8_t *nw;

	if (agw_nas5g_dh_key(b, &nw) != 0)
		return regue_fail(ue, AGW_REGUE_R_SSP);
	ue->n_dh_nw_key++;
	if (ue->dh_state == DH_OWN_KEY_SENT) { /* UE-initiated: this ends it */
		if (derive_kdh(ue, nw) != 0)
			return 0;
		ue->ssp_qi++;
		return run_queued(ue, ul, cap, ul_len);
	}
	if (ue->dh_state == DH_DONE) /* retransmitted: the same answer */
		return memcmp(nw, ue->dh_nw_pub, 32) == 0 ? send_dh_key(ue, ul, cap, ul_len)
							  : regue_fail(ue, AGW_REGUE_R_SSP);
	if (!supported(ue, AGW_NAS5G_SSP_DH))
		return send_status(ue, ul, cap, ul_len);
	if (agw_x25519_keypair(&ue->dh) != 0 || derive_kdh(ue, nw) != 0)
		return ue->state == AGW_REGUE_ST_FAILED ? 0 : regue_fail(ue, AGW_REGUE_R_CRYPTO);
	return send_dh_key(ue, ul, cap, ul_len);
}

static int
on_devauth_result(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
		  size_t *ul_len)
{
	uint8_t result, cause;

	if (ue->devauth_state != DEVAUTH_SENT || agw_nas5g_ssp_result(b, &result, &cause) != 0)
		return regue_fail(ue, AGW_REGUE_R_SSP);
	if (result != AGW_NAS5G_SSP_ACCEPTED) {
		ue->devauth_state = DEVAUTH_REJECTED; /* the Registration reject follows */
		return 0;
	}
	ue->devauth_state = DEVAUTH_ACCEPTED;
	if (ue->ssp_qi < ue->ssp_nq && ue->ssp_q[ue->ssp_qi] == AGW_NAS5G_SSP_DEVAUTH)
		ue->ssp_qi++;
	return run_queued(ue, ul, cap, ul_len);
}

/* Identity request under NAS security: network-initiated device
 * authentication wants the IMEI. */
static int
on_identity_request(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
		    size_t *ul_len)
{
	const struct agw_nas_ie *t = agw_nas_get(b, AGW_NAS5G_F_IDENTITY_TYPE);

	if (t == NULL || t->half != AGW_NAS5G_ID_IMEI)
		return regue_fail(ue, AGW_REGUE_R_UNEXPECTED);
	if (!supported(ue, AGW_NAS5G_SSP_DEVAUTH))
		return send_status(ue, ul, cap, ul_len);
	return send_identity(ue, AGW_NAS5G_MT_IDENTITY_RESPONSE, ul, cap, ul_len);
}

int
regue_ssp_on_message(struct agw_regue *ue, const struct agw_nas5g_msg *m, uint8_t *ul, size_t cap,
		     size_t *ul_len)
{
	/* After the SMC, under the new context only. */
	if (ue->state != AGW_REGUE_ST_WAIT_ACCEPT || !ue->has_ctx ||
	    m->sec.sht == AGW_NAS5G_SHT_PLAIN)
		return regue_fail(ue, AGW_REGUE_R_UNEXPECTED);
	switch (m->hdr.type) {
	case AGW_NAS5G_MT_SEC_SVC_COMMAND:
		return on_command(ue, &m->ies, ul, cap, ul_len);
	case AGW_NAS5G_MT_DH_NETWORK_KEY:
		return on_dh_network_key(ue, &m->ies, ul, cap, ul_len);
	case AGW_NAS5G_MT_DEVICE_AUTH_RESULT:
		return on_devauth_result(ue, &m->ies, ul, cap, ul_len);
	case AGW_NAS5G_MT_IDENTITY_REQUEST:
		return on_identity_request(ue, &m->ies, ul, cap, ul_len);
	default:
		return regue_fail(ue, AGW_REGUE_R_UNEXPECTED);
	}
}
