/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000 device authentication, MM domain (spec 000 §3.3: Msg3 UE -> AMF
 * with the device identifier, e.g. the IMEI; Msg4 AMF -> UE with the
 * result; T11, T23). UE-initiated (its default): the UE's Device
 * authentication request carries a 5GS mobile identity. Network-initiated:
 * this AMF asks with an Identity request for the IMEI (TS 24.501 5.4.3,
 * under NAS security) and the Identity response carries it. The check is
 * what the IMEI itself allows: 15 digits whose last is the Luhn check digit
 * of the first 14 (TS 23.003 6.2.1, Annex B). An IMEISV has no check digit
 * and is refused, as is an absent identity; a refusal sends a negative
 * Device authentication result and rejects the registration with #5 "PEI
 * not accepted" (TS 24.501 9.11.3.2).
 */
#include <errno.h>
#include <string.h>

#include "anchors_priv.h"

/* TS 23.003 Annex B: from the right of the 14 digits, every second digit
 * doubled (digits of the product summed), the check digit tops the sum up
 * to a multiple of 10. 0, -EINVAL (not 15 digits) or -EBADMSG. */
int
anch_imei_check(const char *d)
{
	unsigned int sum = 0;

	if (strnlen(d, 16) != 15 || strspn(d, "0123456789") != 15)
		return -EINVAL;
	for (unsigned int i = 0; i < 14; i++) {
		unsigned int v = (unsigned int)(d[i] - '0');

		if (i & 1) { /* D1 (i = 13) and every second digit leftwards */
			v *= 2;
			v = v > 9 ? v - 9 : v;
		}
		sum += v;
	}
	return (10 - sum % 10) % 10 == (unsigned int)(d[14] - '0') ? 0 : -EBADMSG;
}

/* Network-initiated: Identity request for the IMEI, guarded. */
void
anch_ssp_devauth_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct agw_nas_body b;

	agw_nas_body_init(&b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, AGW_NAS5G_MT_IDENTITY_REQUEST));
	agw_nas_set_half(&b, AGW_NAS5G_F_IDENTITY_TYPE, AGW_NAS5G_ID_IMEI);
	if (anch_dl_build(ue, AGW_NAS5G_MT_IDENTITY_REQUEST, &b) != 0 ||
	    anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, 1, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_IDENTITY_REQUEST, 0, out);
}

/* The identity of a Device authentication request or Identity response. */
static int
devauth_ok(const struct agw_nas_ie *ie)
{
	struct agw_nas5g_mobile_id id;

	return ie != NULL && agw_nas5g_mobile_id_decode(ie->v, ie->len, &id) == 0 &&
	       id.type == AGW_NAS5G_ID_IMEI && anch_imei_check(id.u.digits) == 0;
}

/* Device authentication result (Msg4), ending the procedure. */
static int
result_send(struct agw_anchors *a, struct anch_ue *ue, int ok, struct agw_anchors_out *out)
{
	uint8_t result = ok ? AGW_NAS5G_SSP_ACCEPTED : AGW_NAS5G_SSP_REJECTED;
	uint8_t cause = AGW_ANCHORS_CAUSE_PEI_NOT_ACCEPTED, msg[16];
	struct agw_nas_body b;
	long n;

	agw_nas_body_init(&b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, AGW_NAS5G_MT_DEVICE_AUTH_RESULT));
	agw_nas_set(&b, AGW_NAS5G_F_SSP_RESULT, &result, 1);
	if (!ok)
		agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	n = anch_dl_encode(AGW_NAS5G_MT_DEVICE_AUTH_RESULT, &b, msg, sizeof(msg));
	if (n < 0)
		return -EINVAL;
	return anch_dl_send_once(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, msg, (uint16_t)n, out);
}

/* Msg3 (or the Identity response) for the pending entry @p i; @p id is the
 * identity IE, NULL when the UE sent none. */
void
anch_ssp_devauth_on_id(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
		       const struct agw_nas_ie *id, struct agw_anchors_out *out)
{
	int ok = devauth_ok(id);

	if (result_send(a, ue, ok, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	if (!ok) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DEVAUTH_REJECTED,
			   AGW_ANCHORS_CAUSE_PEI_NOT_ACCEPTED, out);
		anch_reg_reject_protected(a, ue, AGW_ANCHORS_CAUSE_PEI_NOT_ACCEPTED, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DEVAUTH_ACCEPTED, 0, out);
	anch_ssp_entry_done(a, ue, i, out);
}
