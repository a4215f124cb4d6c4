/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000 DH exchange, MM domain (spec 000 §3.3: Msg1 AMF -> UE with the
 * AMF's public key, Msg2 UE -> AMF with the UE's; §6.4 X25519; T12, T21,
 * T22). Network-initiated: this AMF sends a fresh public key in a DH
 * network key message and waits for the DH UE key. UE-initiated (the
 * Security service command named it): the UE's DH UE key comes first and
 * the DH network key answers it. Either way both ends hold
 * K_DH = KDF(Z, FC 0xF0, K_AMF, network key, UE key) (agw_dh.h), kept in
 * the UE entry; the ephemeral private key is zeroised as soon as Z is
 * computed. An undecodable, wrongly sized or small-order UE key rejects the
 * registration with #111.
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

/* DH network key (scheme X25519, this AMF's public key) into @p buf. */
static long
network_key_msg(const struct anch_ue *ue, uint8_t *buf, size_t cap)
{
	static const uint8_t scheme = AGW_NAS5G_DH_X25519;
	struct agw_nas_body b;

	agw_nas_body_init(&b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, AGW_NAS5G_MT_DH_NETWORK_KEY));
	agw_nas_set(&b, AGW_NAS5G_F_DH_SCHEME, &scheme, 1);
	agw_nas_set(&b, AGW_NAS5G_F_DH_PUBLIC_KEY, ue->ssp.dh.pub, sizeof(ue->ssp.dh.pub));
	return anch_dl_encode(AGW_NAS5G_MT_DH_NETWORK_KEY, &b, buf, cap);
}

/* Local failure (CSPRNG, libcrypto, output full): end the entry; the UE
 * retries its registration. */
static void
dh_local_failure(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
	anch_ue_free(a, ue, out);
}

/* Network-initiated: a fresh key pair, Msg1 under the guard timer. */
void
anch_ssp_dh_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct anch_ssp *s = &ue->ssp;
	long n;

	if (agw_x25519_keypair(&s->dh) != 0) {
		dh_local_failure(a, ue, out);
		return;
	}
	n = network_key_msg(ue, ue->last_plain, sizeof(ue->last_plain));
	if (n >= 0)
		ue->last_len = (uint16_t)n;
	if (n < 0 || anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, 1, out) != 0) {
		dh_local_failure(a, ue, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DH_NETWORK_KEY, 0, out);
}

/* Z from the UE's key (making this AMF's pair first when the UE started),
 * then K_DH. 0, -EBADMSG (the UE's key is unusable) or -EIO. */
static int
dh_derive(struct anch_ue *ue, const struct anch_ssp_entry *e, const struct agw_nas_body *b)
{
	struct anch_ssp *s = &ue->ssp;
	uint8_t z[AGW_X25519_LEN];
	const uint8_t *peer;
	int rc;

	if (agw_nas5g_dh_key(b, &peer) != 0)
		return -EBADMSG; /* other scheme, wrong length (T22) */
	if (e->ue_init && agw_x25519_keypair(&s->dh) != 0)
		return -EIO;
	rc = agw_x25519_shared(&s->dh, peer, AGW_X25519_LEN, z);
	agw_memzero(s->dh.priv, sizeof(s->dh.priv));
	if (rc == 0)
		rc = agw_dh_kdh(z, ue->kamf, s->dh.pub, peer, s->kdh) == 0 ? 0 : -EIO;
	agw_memzero(z, sizeof(z));
	return rc == -EBADMSG || rc == -EINVAL ? -EBADMSG : rc;
}

/* Msg2, for the pending DH entry @p i (network- or UE-initiated). */
void
anch_ssp_dh_on_ue_key(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
		      const struct agw_nas_body *b, struct agw_anchors_out *out)
{
	const struct anch_ssp_entry *e = &ue->ssp.e[i];
	uint8_t msg[AGW_ANCHORS_DL_NAS_MAX];
	long n;
	int rc = dh_derive(ue, e, b);

	if (rc == -EBADMSG) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DH_INVALID_KEY,
			   AGW_ANCHORS_CAUSE_PROTOCOL_ERROR, out);
		anch_reg_reject_protected(a, ue, AGW_ANCHORS_CAUSE_PROTOCOL_ERROR, out);
		return;
	}
	if (rc != 0) {
		dh_local_failure(a, ue, out);
		return;
	}
	ue->ssp.kdh_set = 1;
	if (e->ue_init) { /* the UE started: Msg1 ends it */
		n = network_key_msg(ue, msg, sizeof(msg));
		if (n < 0 || anch_dl_send_once(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, msg, (uint16_t)n,
					       out) != 0) {
			dh_local_failure(a, ue, out);
			return;
		}
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DH_NETWORK_KEY, 0, out);
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_DH_COMPLETE, 0, out);
	anch_ssp_entry_done(a, ue, i, out);
}
