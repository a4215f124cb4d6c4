/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The relay's 5GMM messages (TS 24.501 8.2.34-8.2.38, message types
 * 0x69-0x6D) in and out, through lib/proto's tables. The Relay key request
 * parameters (9.11.3.89) are RSC (3 octets), Nonce_1 (16) and the remote UE
 * identity; since the sub-fields of that identity could not be read from
 * the TS, anchorgw puts one type octet in front of it (doc/prose.md 4):
 *
 *     bit 1   0 SUCI (5GS mobile identity value follows), 1 CP-PRUK ID (NAI)
 *     bit 2   key update indication: 1 = "update needed" (seed 002 [0431])
 *     bits 3-8 spare, 0
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "prose_priv.h"

#define PARAMS_FIXED (3 + AGW_PROSE_NONCE_LEN + 1)
#define PARAMS_MAX 1024
#define EAP_IE_MAX 1500

long
agw_prose_key_req_params_encode(const struct agw_prose_key_req *rq, uint8_t *buf, size_t cap)
{
	size_t len;

	if (rq == NULL || buf == NULL || rq->nonce_1 == NULL || rq->ue_id == NULL ||
	    rq->ue_id_len == 0 || rq->rsc > 0xffffff || rq->id_type > AGW_PROSE_ID_CP_PRUK ||
	    (rq->key_update && rq->id_type != AGW_PROSE_ID_CP_PRUK) ||
	    PARAMS_FIXED + (size_t)rq->ue_id_len > PARAMS_MAX)
		return -EINVAL;
	len = PARAMS_FIXED + rq->ue_id_len;
	if (len > cap)
		return -ENOSPC;
	buf[0] = (uint8_t)(rq->rsc >> 16);
	buf[1] = (uint8_t)(rq->rsc >> 8);
	buf[2] = (uint8_t)rq->rsc;
	memcpy(buf + 3, rq->nonce_1, AGW_PROSE_NONCE_LEN);
	buf[3 + AGW_PROSE_NONCE_LEN] =
		(uint8_t)((rq->id_type == AGW_PROSE_ID_CP_PRUK ? AGW_PROSE_IDT_CP_PRUK : 0) |
			  (rq->key_update ? AGW_PROSE_IDT_KEY_UPDATE : 0));
	memcpy(buf + PARAMS_FIXED, rq->ue_id, rq->ue_id_len);
	return (long)len;
}

int
agw_prose_key_req_params_decode(const uint8_t *v, size_t len, struct agw_prose_key_req *rq)
{
	uint8_t t;

	if (v == NULL || rq == NULL || len < PARAMS_FIXED + 1 || len > PARAMS_MAX)
		return -EBADMSG;
	t = v[3 + AGW_PROSE_NONCE_LEN];
	if ((t & ~(AGW_PROSE_IDT_CP_PRUK | AGW_PROSE_IDT_KEY_UPDATE)) != 0 ||
	    ((t & AGW_PROSE_IDT_KEY_UPDATE) && !(t & AGW_PROSE_IDT_CP_PRUK)))
		return -EBADMSG;
	rq->rsc = (uint32_t)v[0] << 16 | (uint32_t)v[1] << 8 | v[2];
	rq->nonce_1 = v + 3;
	rq->id_type = (t & AGW_PROSE_IDT_CP_PRUK) ? AGW_PROSE_ID_CP_PRUK : AGW_PROSE_ID_SUCI;
	rq->key_update = (t & AGW_PROSE_IDT_KEY_UPDATE) != 0;
	rq->ue_id = v + PARAMS_FIXED;
	rq->ue_id_len = (uint16_t)(len - PARAMS_FIXED);
	return 0;
}

/* Encode a plain 5GMM message of @p type with PRTI and up to two IEs. */
static long
encode(uint8_t type, uint8_t prti, unsigned int f1, const uint8_t *v1, size_t l1, unsigned int f2,
       const uint8_t *v2, size_t l2, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr hdr = {.epd = AGW_NAS5G_EPD_5GMM, .type = type};
	const struct agw_nas_msg_desc *d = agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, type);
	struct agw_nas_body b;
	long n;

	if (d == NULL || l1 > 0xffff || l2 > 0xffff)
		return -EINVAL;
	agw_nas_body_init(&b, d);
	if (agw_nas_set(&b, AGW_NAS5G_F_PRTI, &prti, 1) != 0 ||
	    (v1 != NULL && agw_nas_set(&b, f1, v1, (uint16_t)l1) != 0) ||
	    (v2 != NULL && agw_nas_set(&b, f2, v2, (uint16_t)l2) != 0))
		return -EINVAL;
	n = agw_nas5g_encode(&hdr, &b, buf, cap);
	if (n == AGW_PROTO_E_NO_SPACE)
		return -ENOSPC;
	return n < 0 ? -EINVAL : n;
}

long
agw_prose_key_request_encode(const struct agw_prose_key_req *rq, uint8_t *buf, size_t cap)
{
	uint8_t params[PARAMS_MAX];
	long n = agw_prose_key_req_params_encode(rq, params, sizeof(params));

	if (n < 0)
		return n;
	return encode(AGW_NAS5G_MT_RELAY_KEY_REQUEST, rq->prti,
		      AGW_NAS5G_F_RELAY_KEY_REQUEST_PARAMS, params, (size_t)n, 0, NULL, 0, buf,
		      cap);
}

long
agw_prose_auth_response_encode(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf,
			       size_t cap)
{
	if (eap == NULL || eap_len < 4 || eap_len > EAP_IE_MAX || buf == NULL)
		return -EINVAL;
	return encode(AGW_NAS5G_MT_RELAY_AUTHENTICATION_RESPONSE, prti, AGW_NAS5G_F_EAP_MESSAGE,
		      eap, eap_len, 0, NULL, 0, buf, cap);
}

/* TS 24.501 9.11.3.90: K_NR_ProSe (32) || Nonce_2 (16) || [CP-PRUK ID]. */
long
prose_nas_key_accept(uint8_t prti, const uint8_t knr[AGW_PROSE_KEY_LEN],
		     const uint8_t nonce_2[AGW_PROSE_NONCE_LEN], const char *pruk_id,
		     const uint8_t *eap, size_t eap_len, uint8_t *buf, size_t cap)
{
	uint8_t params[AGW_PROSE_KEY_LEN + AGW_PROSE_NONCE_LEN + AGW_PROSE_ID_MAX];
	size_t id_len = pruk_id == NULL ? 0 : strlen(pruk_id), n;
	long rc;

	if (id_len > AGW_PROSE_ID_MAX)
		return -EINVAL;
	memcpy(params, knr, AGW_PROSE_KEY_LEN);
	memcpy(params + AGW_PROSE_KEY_LEN, nonce_2, AGW_PROSE_NONCE_LEN);
	if (id_len != 0) /* memcpy from NULL is undefined even for 0 octets */
		memcpy(params + AGW_PROSE_KEY_LEN + AGW_PROSE_NONCE_LEN, pruk_id, id_len);
	n = AGW_PROSE_KEY_LEN + AGW_PROSE_NONCE_LEN + id_len;
	rc = encode(AGW_NAS5G_MT_RELAY_KEY_ACCEPT, prti, AGW_NAS5G_F_RELAY_KEY_RESPONSE_PARAMS,
		    params, n, AGW_NAS5G_F_EAP_MESSAGE, eap, eap_len, buf, cap);
	agw_memzero(params, sizeof(params));
	return rc;
}

long
prose_nas_key_reject(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf, size_t cap)
{
	return encode(AGW_NAS5G_MT_RELAY_KEY_REJECT, prti, AGW_NAS5G_F_EAP_MESSAGE, eap, eap_len, 0,
		      NULL, 0, buf, cap);
}

long
prose_nas_auth_request(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf, size_t cap)
{
	return encode(AGW_NAS5G_MT_RELAY_AUTHENTICATION_REQUEST, prti, AGW_NAS5G_F_EAP_MESSAGE, eap,
		      eap_len, 0, NULL, 0, buf, cap);
}

struct agw_prose_dl *
prose_dl_add(struct agw_prose_out *out, uint64_t relay, uint8_t type, uint8_t prti)
{
	struct agw_prose_dl *d;

	if (out->n_dl >= AGW_PROSE_OUT_MAX)
		return NULL;
	d = &out->dl[out->n_dl++];
	d->relay = relay;
	d->msg_type = type;
	d->prti = prti;
	d->len = 0;
	return d;
}

/* A Relay Key Request that does not decode but whose PRTI can be read. */
static int
reject_malformed(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
		 struct agw_prose_out *out)
{
	struct agw_prose_result *res = prose_res_add(p, out, relay->ue, prti);
	int rc;

	if (res == NULL)
		return -ENOBUFS;
	rc = prose_reject(p, relay->ue, prti, NULL, 0, res, out);
	prose_res_done(p, res, AGW_PROSE_V_BAD_REQUEST);
	return rc;
}

static int
key_request(struct agw_prose *p, const struct agw_prose_relay *relay, const struct agw_nas_body *b,
	    struct agw_prose_out *out)
{
	const struct agw_nas_ie *ie = agw_nas_get(b, AGW_NAS5G_F_RELAY_KEY_REQUEST_PARAMS);
	const uint8_t *prti;
	struct agw_prose_key_req rq;

	if (agw_nas_get_fixed(b, AGW_NAS5G_F_PRTI, 1, &prti) != 0) {
		p->ctr.stat[AGW_PROSE_STAT_MALFORMED_NAS]++;
		return 0;
	}
	memset(&rq, 0, sizeof(rq));
	rq.prti = *prti;
	if (ie == NULL || agw_prose_key_req_params_decode(ie->v, ie->len, &rq) != 0) {
		p->ctr.stat[AGW_PROSE_STAT_MALFORMED_NAS]++;
		p->ctr.stat[AGW_PROSE_STAT_KEY_REQUESTS]++;
		return reject_malformed(p, relay, *prti, out);
	}
	return agw_prose_key_request(p, relay, &rq, out);
}

static int
auth_response(struct agw_prose *p, const struct agw_prose_relay *relay,
	      const struct agw_nas_body *b, struct agw_prose_out *out)
{
	const struct agw_nas_ie *ie = agw_nas_get(b, AGW_NAS5G_F_EAP_MESSAGE);
	const uint8_t *prti;

	if (agw_nas_get_fixed(b, AGW_NAS5G_F_PRTI, 1, &prti) != 0 || ie == NULL) {
		p->ctr.stat[AGW_PROSE_STAT_MALFORMED_NAS]++;
		return 0;
	}
	return agw_prose_auth_response(p, relay, *prti, ie->v, ie->len, out);
}

int
agw_prose_relay_nas(struct agw_prose *p, const struct agw_prose_relay *relay, const uint8_t *nas,
		    size_t len, struct agw_prose_out *out)
{
	struct agw_nas5g_msg m;
	int rc;

	if (p == NULL || relay == NULL || out == NULL || (nas == NULL && len != 0))
		return -EINVAL;
	rc = agw_nas5g_decode(nas, len, &m);
	if (rc != 0 || m.sec.ciphered || m.hdr.epd != AGW_NAS5G_EPD_5GMM || m.ies.desc == NULL) {
		p->ctr.stat[AGW_PROSE_STAT_MALFORMED_NAS]++;
		/* Plain Relay Key Request whose PRTI octet is there: reject it (T19). */
		if (len >= 4 && nas[0] == AGW_NAS5G_EPD_5GMM && nas[1] == 0 &&
		    nas[2] == AGW_NAS5G_MT_RELAY_KEY_REQUEST) {
			p->ctr.stat[AGW_PROSE_STAT_KEY_REQUESTS]++;
			return reject_malformed(p, relay, nas[3], out);
		}
		return 0;
	}
	switch (m.hdr.type) {
	case AGW_NAS5G_MT_RELAY_KEY_REQUEST:
		return key_request(p, relay, &m.ies, out);
	case AGW_NAS5G_MT_RELAY_AUTHENTICATION_RESPONSE:
		return auth_response(p, relay, &m.ies, out);
	default:
		p->ctr.stat[AGW_PROSE_STAT_UNEXPECTED_NAS]++;
		return 0;
	}
}
