/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_ngap_ue_nas_decode(): the NGAP fields the fast path needs from a NAS
 * carrier, in one byte-wise pass. In ALIGNED PER every piece it reads sits
 * on an octet boundary (TS 38.413 9.4; X.691 clauses 11.5.7, 11.9, 11.2):
 *
 *   NGAP-PDU   e|tt|00000  procedureCode  cc|000000  len(1|2)  value
 *   value      e|0000000   count(2)  ProtocolIE-Field * count
 *   IE         id(2)  cc|000000  len(1|2)  contents
 *   RAN-UE-NGAP-ID  nn|000000 then nn+1 octets   (INTEGER 0..2^32-1)
 *   AMF-UE-NGAP-ID  nnn|00000 then nnn+1 octets  (INTEGER 0..2^40-1)
 *   NAS-PDU         len(1|2) then the octets     (OCTET STRING)
 *
 * Whenever the PDU header is not the plain case the generic
 * agw_ap_pdu_decode() runs instead, so the error codes are its own; the IE
 * loop returns the same codes as agw_ap_ie_next() and the accessors.
 */
#include <string.h>

#include "agw_ngap.h"

/* Open-type / OCTET STRING length determinant: octets used, or 0 when
 * fragmented (11xxxxxx) or cut short (caller tells which). */
static inline unsigned int
len_det(const uint8_t *p, size_t left, size_t *len)
{
	if (left == 0)
		return 0;
	if (p[0] < 0x80) {
		*len = p[0];
		return 1;
	}
	if ((p[0] & 0xc0) != 0x80 || left < 2)
		return 0;
	*len = (size_t)(p[0] & 0x3f) << 8 | p[1];
	return 2;
}

/* The PDU header of the plain case, else the generic decoder's verdict. */
static int
pdu_header(const uint8_t *buf, size_t len, struct agw_ap_pdu *pdu)
{
	size_t vlen;
	unsigned int h;

	if (len < 4 || (buf[0] & 0x80) || ((buf[0] >> 5) & 3) > AGW_AP_UNSUCCESSFUL ||
	    (buf[2] >> 6) > AGW_AP_NOTIFY)
		return agw_ap_pdu_decode(buf, len, pdu);
	h = len_det(buf + 3, len - 3, &vlen);
	if (h == 0 || 3 + h + vlen != len || vlen < 3)
		return agw_ap_pdu_decode(buf, len, pdu);
	pdu->type = (buf[0] >> 5) & 3;
	pdu->proc = buf[1];
	pdu->crit = buf[2] >> 6;
	pdu->value.p = buf + 3 + h;
	pdu->value.len = vlen;
	pdu->ext = pdu->value.p[0] >> 7;
	pdu->n_ies = (uint16_t)(pdu->value.p[1] << 8 | pdu->value.p[2]);
	pdu->ies.p = pdu->value.p + 3;
	pdu->ies.len = vlen - 3;
	return 0;
}

static inline int
want_ies(const struct agw_ap_pdu *pdu)
{
	return pdu->type == AGW_AP_INITIATING &&
	       (pdu->proc == AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT ||
		pdu->proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE ||
		pdu->proc == AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT ||
		pdu->proc == AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP);
}

/* INTEGER with a 2- or 3-bit octet count (per_bigint()). */
static inline int
ie_bigint(const uint8_t *v, size_t n, unsigned int cnt_bits, unsigned int max, uint64_t *out)
{
	unsigned int k;

	if (n == 0)
		return AGW_PROTO_E_TRUNCATED;
	k = (unsigned int)(v[0] >> (8 - cnt_bits)) + 1;
	if (k > max)
		return AGW_PROTO_E_BAD_VALUE;
	if (n < 1 + k)
		return AGW_PROTO_E_TRUNCATED;
	if (n > 1 + k)
		return AGW_PROTO_E_TRAILING;
	*out = 0;
	for (unsigned int i = 1; i <= k; i++)
		*out = *out << 8 | v[i];
	return 0;
}

static inline int
ie_nas(const uint8_t *v, size_t n, struct agw_ap_octets *nas)
{
	size_t l;
	unsigned int h = len_det(v, n, &l);

	if (h == 0)
		return n != 0 && (v[0] & 0xc0) == 0xc0 ? AGW_PROTO_E_UNSUPPORTED
						       : AGW_PROTO_E_TRUNCATED;
	if (n - h < l)
		return AGW_PROTO_E_TRUNCATED;
	if (n - h > l)
		return AGW_PROTO_E_TRAILING;
	nas->p = v + h;
	nas->len = l;
	return 0;
}

static int
take_ie(const struct agw_ap_ie *ie, struct agw_ngap_ue_nas *m)
{
	uint64_t x = 0;
	int rc;

	switch (ie->id) {
	case AGW_NGAP_ID_AMF_UE_NGAP_ID:
		m->has_amf_ue_id = 1;
		return ie_bigint(ie->value.p, ie->value.len, 3, 5, &m->amf_ue_ngap_id);
	case AGW_NGAP_ID_RAN_UE_NGAP_ID:
		rc = ie_bigint(ie->value.p, ie->value.len, 2, 4, &x);
		m->ran_ue_ngap_id = (uint32_t)x;
		m->has_ran_ue_id = 1;
		return rc;
	case AGW_NGAP_ID_NAS_PDU:
		return ie_nas(ie->value.p, ie->value.len, &m->nas);
	case AGW_NGAP_ID_FIVEG_S_TMSI:
		m->has_stmsi = 1;
		return agw_ngap_ie_5g_s_tmsi(ie, &m->stmsi);
	default:
		return 0;
	}
}

/* agw_ap_ie_next() without the iterator. */
static int
walk_ies(const struct agw_ap_pdu *pdu, struct agw_ngap_ue_nas *m)
{
	const uint8_t *p = pdu->ies.p, *end = p + pdu->ies.len;
	struct agw_ap_ie ie;
	unsigned int h;
	int rc;

	for (unsigned int left = pdu->n_ies; left > 0; left--) {
		size_t n = (size_t)(end - p), vlen;

		if (n < 4)
			return AGW_PROTO_E_TRUNCATED;
		if ((p[2] >> 6) > AGW_AP_NOTIFY)
			return AGW_PROTO_E_BAD_VALUE;
		if ((p[3] & 0xc0) == 0xc0)
			return AGW_PROTO_E_UNSUPPORTED;
		h = len_det(p + 3, n - 3, &vlen);
		if (h == 0 || n - 3 - h < vlen)
			return AGW_PROTO_E_TRUNCATED;
		ie.id = (uint16_t)(p[0] << 8 | p[1]);
		ie.crit = p[2] >> 6;
		ie.value.p = p + 3 + h;
		ie.value.len = vlen;
		if ((rc = take_ie(&ie, m)) != 0)
			return rc;
		p += 3 + h + vlen;
	}
	return (!pdu->ext && p != end) ? AGW_PROTO_E_TRAILING : 0;
}

int
agw_ngap_ue_nas_decode(const uint8_t *buf, size_t len, struct agw_ngap_ue_nas *m)
{
	struct agw_ap_pdu pdu;
	int rc;

	m->has_amf_ue_id = 0;
	m->has_ran_ue_id = 0;
	m->has_stmsi = 0;
	m->nas.p = NULL;
	m->nas.len = 0;
	if ((rc = pdu_header(buf, len, &pdu)) != 0)
		return rc;
	m->type = pdu.type;
	m->proc = pdu.proc;
	return want_ies(&pdu) ? walk_ies(&pdu, m) : 0;
}
