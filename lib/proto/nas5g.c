/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * NAS-5GS codec (TS 24.501) and the table-driven NAS IE engine that NAS-EPS
 * (naseps.c) shares. Every octet is read through agw_rd_* (agw_proto.h);
 * sub-octet fields are taken from spans that agw_rd_take() bounded.
 */

#include <string.h>

#include "agw_nas5g.h"

/* ------------------------------------------------------------------------ */
/* IE engine                                                                 */
/* ------------------------------------------------------------------------ */

/* Octets of IEI and length in front of the value, per format. */
static size_t
nas_overhead(uint8_t fmt)
{
	switch (fmt) {
	case AGW_NAS_FMT_TV:
	case AGW_NAS_FMT_LV:
		return 1;
	case AGW_NAS_FMT_LVE:
	case AGW_NAS_FMT_TLV:
		return 2;
	case AGW_NAS_FMT_TLVE:
		return 3;
	default:
		return 0;
	}
}

/* Is a value of @vlen octets within the row's length range? */
static int
nas_len_ok(const struct agw_nas_ie_desc *d, size_t vlen)
{
	size_t ovh = nas_overhead(d->fmt);
	size_t lo = d->min > ovh ? d->min - ovh : 0;

	if (vlen < lo)
		return 0;
	if (d->max != 0 && vlen > (size_t)d->max - ovh)
		return 0;
	return 1;
}

/* Pending second half of a V 1/2 octet (TS 24.007 11.2.1.1.1: the first
 * half-octet IE of a pair is in bits 4-1, the second in bits 8-5). */
struct nas_nibble {
	const uint8_t *at; /* octet holding the pending high nibble, or NULL */
};

/* Read a value whose length field has @lsize octets (1 or 2). */
static int
nas_take_lv(struct agw_rd *r, int lsize, const uint8_t **v, size_t *vlen)
{
	uint8_t l8 = 0;
	uint16_t l16 = 0;
	int rc;

	if (lsize == 1) {
		rc = agw_rd_u8(r, &l8);
		l16 = l8;
	} else {
		rc = agw_rd_be16(r, &l16);
	}
	if (rc != 0)
		return rc;
	*v = agw_rd_take(r, l16);
	if (*v == NULL)
		return AGW_PROTO_E_TRUNCATED;
	*vlen = l16;
	return 0;
}

static int
nas_mandatory_half(struct agw_rd *r, struct nas_nibble *nib, struct agw_nas_ie *ie)
{
	const uint8_t *q;

	if (nib->at != NULL) {
		ie->v = nib->at;
		ie->half = (uint8_t)(nib->at[0] >> 4);
		nib->at = NULL;
	} else {
		q = agw_rd_take(r, 1);
		if (q == NULL)
			return AGW_PROTO_E_TRUNCATED;
		ie->v = q;
		ie->half = q[0] & 0x0f;
		nib->at = q;
	}
	ie->len = 1;
	return 0;
}

/* One IE of the mandatory part (no IEI). */
static int
nas_mandatory_ie(const struct agw_nas_ie_desc *d, struct agw_rd *r, struct nas_nibble *nib,
		 struct agw_nas_ie *ie)
{
	const uint8_t *v = NULL;
	size_t vlen = 0;
	int rc;

	/* 7.5.1: the message ends where a mandatory IE should start. */
	if (nib->at == NULL && agw_rd_left(r) == 0)
		return AGW_PROTO_E_MISSING_IE;
	if (d->fmt == AGW_NAS_FMT_VH)
		rc = nas_mandatory_half(r, nib, ie);
	else if (nib->at != NULL)
		return AGW_PROTO_E_BAD_VALUE; /* table error: unpaired V 1/2 */
	else if (d->fmt == AGW_NAS_FMT_V) {
		vlen = d->min;
		v = agw_rd_take(r, vlen);
		rc = v == NULL ? AGW_PROTO_E_TRUNCATED : 0;
	} else if (d->fmt == AGW_NAS_FMT_LV || d->fmt == AGW_NAS_FMT_LVE) {
		rc = nas_take_lv(r, d->fmt == AGW_NAS_FMT_LV ? 1 : 2, &v, &vlen);
		if (rc == 0 && !nas_len_ok(d, vlen))
			rc = AGW_PROTO_E_BAD_LENGTH;
	} else {
		return AGW_PROTO_E_BAD_VALUE; /* table error */
	}
	if (rc != 0)
		return rc;
	if (d->fmt != AGW_NAS_FMT_VH) {
		ie->v = v;
		ie->len = (uint16_t)vlen;
	}
	ie->present = 1;
	return 0;
}

/* Row of an optional IE with this IEI, or -1. Type 1 rows match on bits 8-5. */
static int
nas_find_iei(const struct agw_nas_msg_desc *d, uint8_t iei)
{
	unsigned int i;

	for (i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie_desc *e = &d->ies[i];

		if (e->pres == AGW_NAS_PRES_M)
			continue;
		if (e->fmt == AGW_NAS_FMT_TV1 ? (iei & 0xf0) == e->iei : iei == e->iei)
			return (int)i;
	}
	return -1;
}

/*
 * Skip an IE this table does not know (TS 24.501 7.6.1, TS 24.007 11.2.4):
 * bit 8 set = type 1/2, one octet; bits 8-5 = 0000 = comprehension
 * required, so the message is in error; bits 8-5 = 0111 = TLV-E; anything
 * else = TLV (new type 3 IEs are never added to the non-imperative part).
 */
static int
nas_skip_unknown(struct agw_rd *r, uint8_t iei)
{
	const uint8_t *v;
	size_t vlen;

	if (iei & 0x80)
		return 0;
	if ((iei & 0xf0) == 0x00)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	return nas_take_lv(r, (iei & 0xf0) == 0x70 ? 2 : 1, &v, &vlen);
}

/* Value of a known optional IE whose IEI octet was just read. */
static int
nas_optional_value(const struct agw_nas_ie_desc *d, struct agw_rd *r, uint8_t iei,
		   struct agw_nas_ie *ie)
{
	const uint8_t *v;
	size_t vlen;
	int rc = 0;

	switch (d->fmt) {
	case AGW_NAS_FMT_TV1:
		v = r->p - 1;
		vlen = 1;
		ie->half = iei & 0x0f;
		break;
	case AGW_NAS_FMT_TV:
		vlen = d->min > 1 ? d->min - 1u : 0;
		v = agw_rd_take(r, vlen);
		if (v == NULL)
			rc = AGW_PROTO_E_TRUNCATED;
		break;
	case AGW_NAS_FMT_TLV:
	case AGW_NAS_FMT_TLVE:
		rc = nas_take_lv(r, d->fmt == AGW_NAS_FMT_TLV ? 1 : 2, &v, &vlen);
		break;
	default:
		return AGW_PROTO_E_BAD_VALUE; /* table error */
	}
	if (rc != 0)
		return rc;
	ie->v = v;
	ie->len = (uint16_t)vlen;
	return 0;
}

/* Are all octets left zero? */
static int
nas_rest_zero(struct agw_rd *r)
{
	struct agw_rd t = *r;
	uint8_t o;

	while (agw_rd_u8(&t, &o) == 0)
		if (o != 0)
			return 0;
	return 1;
}

/* The non-imperative part: IEs in any order, looked up by IEI. */
static int
nas_optional_part(const struct agw_nas_msg_desc *d, struct agw_rd *r, struct agw_nas_body *b)
{
	struct agw_nas_ie tmp;
	uint8_t iei;
	int i, rc;

	while (agw_rd_left(r) > 0) {
		rc = agw_rd_u8(r, &iei);
		if (rc != 0)
			return rc;
		i = nas_find_iei(d, iei);
		if (i < 0 && iei == 0x00 && nas_rest_zero(r)) {
			/* Zero padding after the last IE: the message is complete,
			 * but 0x00 is no IEI (it would be "comprehension
			 * required"). Reported, with the IEs kept. */
			return AGW_PROTO_E_TRAILING;
		}
		if (i < 0) {
			rc = nas_skip_unknown(r, iei);
			if (rc != 0)
				return rc;
			b->n_unknown++;
			continue;
		}
		memset(&tmp, 0, sizeof(tmp));
		rc = nas_optional_value(&d->ies[i], r, iei, &tmp);
		if (rc != 0)
			return rc;
		/* 7.6.3: only the first of repeated IEs counts; 7.7.2: an
		 * optional IE of the wrong length is treated as absent. */
		if (b->ie[i].present || !nas_len_ok(&d->ies[i], tmp.len)) {
			b->n_ignored++;
			continue;
		}
		tmp.present = 1;
		b->ie[i] = tmp;
	}
	return 0;
}

void
agw_nas_body_init(struct agw_nas_body *b, const struct agw_nas_msg_desc *d)
{
	unsigned int i;

	memset(b, 0, sizeof(*b));
	b->desc = d;
	if (d == NULL)
		return;
	/* Spare half octets are always "present", coded as 0. */
	for (i = 0; i < d->n_ies && i < AGW_NAS_MAX_IES; i++)
		if (d->ies[i].field == 0 && d->ies[i].fmt == AGW_NAS_FMT_VH)
			b->ie[i].present = 1;
}

int
agw_nas_body_decode(const struct agw_nas_msg_desc *d, const uint8_t *p, size_t len,
		    struct agw_nas_body *b)
{
	struct agw_rd r = agw_rd_init(p, len);
	struct nas_nibble nib = {NULL};
	unsigned int i;
	int rc;

	memset(b, 0, sizeof(*b));
	b->desc = d;
	if (d->n_ies > AGW_NAS_MAX_IES)
		return AGW_PROTO_E_BAD_VALUE;
	for (i = 0; i < d->n_ies && d->ies[i].pres == AGW_NAS_PRES_M; i++) {
		rc = nas_mandatory_ie(&d->ies[i], &r, &nib, &b->ie[i]);
		if (rc != 0)
			return rc;
	}
	if (nib.at != NULL)
		return AGW_PROTO_E_BAD_VALUE; /* table error: unpaired V 1/2 */
	return nas_optional_part(d, &r, b);
}

static int
nas_encode_half(struct agw_wr *w, uint8_t **pend, uint8_t half)
{
	uint8_t *q;

	if (*pend != NULL) {
		**pend |= (uint8_t)((half & 0x0f) << 4);
		*pend = NULL;
		return 0;
	}
	q = agw_wr_reserve(w, 1);
	if (q == NULL)
		return AGW_PROTO_E_NO_SPACE;
	*q = half & 0x0f;
	*pend = q;
	return 0;
}

/* One IE: IEI (when the format has one), length (ditto), value. */
static int
nas_encode_ie(const struct agw_nas_ie_desc *d, const struct agw_nas_ie *ie, struct agw_wr *w)
{
	switch (d->fmt) {
	case AGW_NAS_FMT_TV1:
		agw_wr_u8(w, (uint8_t)(d->iei | (ie->half & 0x0f)));
		return 0;
	case AGW_NAS_FMT_TV:
	case AGW_NAS_FMT_TLV:
	case AGW_NAS_FMT_TLVE:
		agw_wr_u8(w, d->iei);
		break;
	default:
		break;
	}
	if (!nas_len_ok(d, ie->len) || ((d->fmt == AGW_NAS_FMT_V || d->fmt == AGW_NAS_FMT_TV) &&
					ie->len != d->min - nas_overhead(d->fmt)))
		return AGW_PROTO_E_BAD_LENGTH;
	if (d->fmt == AGW_NAS_FMT_LV || d->fmt == AGW_NAS_FMT_TLV) {
		if (ie->len > 255)
			return AGW_PROTO_E_BAD_LENGTH;
		agw_wr_u8(w, (uint8_t)ie->len);
	} else if (d->fmt == AGW_NAS_FMT_LVE || d->fmt == AGW_NAS_FMT_TLVE) {
		agw_wr_be16(w, ie->len);
	}
	if (ie->len != 0 && ie->v == NULL)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_bytes(w, ie->v, ie->len);
	return 0;
}

int
agw_nas_body_encode(const struct agw_nas_body *b, struct agw_wr *w)
{
	const struct agw_nas_msg_desc *d = b->desc;
	uint8_t *pend = NULL;
	unsigned int i;
	int rc;

	if (d == NULL || d->n_ies > AGW_NAS_MAX_IES)
		return AGW_PROTO_E_BAD_VALUE;
	for (i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie_desc *e = &d->ies[i];
		const struct agw_nas_ie *ie = &b->ie[i];

		if (!ie->present) {
			if (e->pres == AGW_NAS_PRES_M)
				return AGW_PROTO_E_MISSING_IE;
			continue;
		}
		if (e->fmt == AGW_NAS_FMT_VH)
			rc = nas_encode_half(w, &pend, ie->half);
		else
			rc = nas_encode_ie(e, ie, w);
		if (rc != 0)
			return rc;
	}
	if (pend != NULL)
		return AGW_PROTO_E_BAD_VALUE; /* table error: unpaired V 1/2 */
	return w->err;
}

static int
nas_row(const struct agw_nas_msg_desc *d, unsigned int field)
{
	unsigned int i;

	if (d == NULL)
		return -1;
	for (i = 0; i < d->n_ies && i < AGW_NAS_MAX_IES; i++)
		if (d->ies[i].field == field)
			return (int)i;
	return -1;
}

const struct agw_nas_ie *
agw_nas_get(const struct agw_nas_body *b, unsigned int field)
{
	int i = nas_row(b->desc, field);

	if (i < 0 || !b->ie[i].present)
		return NULL;
	return &b->ie[i];
}

int
agw_nas_get_fixed(const struct agw_nas_body *b, unsigned int field, size_t n, const uint8_t **v)
{
	const struct agw_nas_ie *ie = agw_nas_get(b, field);

	if (ie == NULL)
		return AGW_PROTO_E_MISSING_IE;
	if (ie->len != n)
		return AGW_PROTO_E_BAD_LENGTH;
	*v = ie->v;
	return 0;
}

int
agw_nas_set(struct agw_nas_body *b, unsigned int field, const uint8_t *v, uint16_t len)
{
	int i = nas_row(b->desc, field);

	if (i < 0)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	if (b->desc->ies[i].fmt == AGW_NAS_FMT_VH || b->desc->ies[i].fmt == AGW_NAS_FMT_TV1)
		return AGW_PROTO_E_BAD_VALUE;
	b->ie[i].v = v;
	b->ie[i].len = len;
	b->ie[i].present = 1;
	return 0;
}

int
agw_nas_set_half(struct agw_nas_body *b, unsigned int field, uint8_t val)
{
	int i = nas_row(b->desc, field);

	if (i < 0)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	if (val > 15 ||
	    (b->desc->ies[i].fmt != AGW_NAS_FMT_VH && b->desc->ies[i].fmt != AGW_NAS_FMT_TV1))
		return AGW_PROTO_E_BAD_VALUE;
	b->ie[i].half = val;
	b->ie[i].len = 1;
	b->ie[i].present = 1;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Common IE types                                                           */
/* ------------------------------------------------------------------------ */

static uint8_t
nas_nibble_at(const uint8_t *p, size_t i)
{
	return (i & 1) ? (uint8_t)(p[i / 2] >> 4) : (uint8_t)(p[i / 2] & 0x0f);
}

/*
 * BCD digits from nibbles [from, to) of @p (nibble 2k = bits 4-1 of p[k],
 * 2k+1 = bits 8-5); an F filler is allowed only as the last nibble.
 * Returns the digit count or an error.
 */
static int
nas_bcd_decode(const uint8_t *p, size_t from, size_t to, char *out, size_t cap)
{
	size_t i, n = 0;

	for (i = from; i < to; i++) {
		uint8_t d = nas_nibble_at(p, i);

		if (d == 0x0f && i + 1 == to)
			break;
		if (d > 9)
			return AGW_PROTO_E_BAD_VALUE;
		if (n + 1 >= cap)
			return AGW_PROTO_E_BAD_LENGTH;
		out[n++] = (char)('0' + d);
	}
	out[n] = '\0';
	return (int)n;
}

static int
nas_is_digits(const char *s, size_t lo, size_t hi)
{
	size_t n = 0;

	while (s[n] != '\0') {
		if (s[n] < '0' || s[n] > '9')
			return 0;
		n++;
	}
	return n >= lo && n <= hi;
}

int
agw_nas_plmn_decode(const uint8_t p[3], struct agw_nas_plmn *plmn)
{
	uint8_t mcc1 = p[0] & 0x0f, mcc2 = p[0] >> 4, mcc3 = p[1] & 0x0f;
	uint8_t mnc3 = p[1] >> 4, mnc1 = p[2] & 0x0f, mnc2 = p[2] >> 4;

	memset(plmn, 0, sizeof(*plmn));
	if (mcc1 > 9 || mcc2 > 9 || mcc3 > 9 || mnc1 > 9 || mnc2 > 9 || (mnc3 > 9 && mnc3 != 0x0f))
		return AGW_PROTO_E_BAD_VALUE;
	plmn->mcc[0] = (char)('0' + mcc1);
	plmn->mcc[1] = (char)('0' + mcc2);
	plmn->mcc[2] = (char)('0' + mcc3);
	plmn->mnc[0] = (char)('0' + mnc1);
	plmn->mnc[1] = (char)('0' + mnc2);
	if (mnc3 != 0x0f)
		plmn->mnc[2] = (char)('0' + mnc3);
	return 0;
}

int
agw_nas_plmn_encode(const struct agw_nas_plmn *plmn, uint8_t p[3])
{
	const char *c = plmn->mcc, *n = plmn->mnc;
	uint8_t mnc3;

	if (!nas_is_digits(c, 3, 3) || !nas_is_digits(n, 2, 3))
		return AGW_PROTO_E_BAD_VALUE;
	mnc3 = n[2] != '\0' ? (uint8_t)(n[2] - '0') : 0x0f;
	p[0] = (uint8_t)((c[1] - '0') << 4 | (c[0] - '0'));
	p[1] = (uint8_t)(mnc3 << 4 | (c[2] - '0'));
	p[2] = (uint8_t)((n[1] - '0') << 4 | (n[0] - '0'));
	return 0;
}

int
agw_nas_eap_decode(const uint8_t *v, size_t len, struct agw_nas_eap *eap)
{
	struct agw_rd r = agw_rd_init(v, len);
	int rc;

	memset(eap, 0, sizeof(*eap));
	rc = agw_rd_u8(&r, &eap->code);
	if (rc == 0)
		rc = agw_rd_u8(&r, &eap->id);
	if (rc == 0)
		rc = agw_rd_be16(&r, &eap->len);
	if (rc != 0)
		return rc;
	if (eap->len != len)
		return AGW_PROTO_E_BAD_LENGTH;
	if (eap->code == 3 || eap->code == 4) /* success, failure: header only */
		return len == 4 ? 0 : AGW_PROTO_E_BAD_LENGTH;
	if (eap->code < 1 || eap->code > 6) /* 5, 6: RFC 6696 initiate, finish */
		return AGW_PROTO_E_BAD_VALUE;
	rc = agw_rd_u8(&r, &eap->type);
	if (rc != 0)
		return AGW_PROTO_E_BAD_VALUE;
	eap->data_len = (uint16_t)agw_rd_left(&r);
	eap->data = agw_rd_take(&r, eap->data_len);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* 5GS headers (TS 24.501 9.1-9.7)                                           */
/* ------------------------------------------------------------------------ */

int
agw_nas5g_sec_decode(const void *buf, size_t len, struct agw_nas5g_sec *sec)
{
	struct agw_rd r = agw_rd_init(buf, len);
	uint8_t o;
	int rc;

	memset(sec, 0, sizeof(*sec));
	rc = agw_rd_u8(&r, &sec->epd);
	if (rc != 0)
		return rc;
	if (sec->epd != AGW_NAS5G_EPD_5GMM && sec->epd != AGW_NAS5G_EPD_5GSM)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	sec->msg = buf;
	sec->msg_len = len;
	if (sec->epd == AGW_NAS5G_EPD_5GSM) /* never security protected on its own */
		return len < 4 ? AGW_PROTO_E_TRUNCATED : 0;
	/* Octet 2: spare half octet (bits 8-5, ignored), security header type. */
	rc = agw_rd_u8(&r, &o);
	if (rc != 0)
		return rc;
	sec->sht = o & 0x0f;
	if (sec->sht == AGW_NAS5G_SHT_PLAIN)
		return len < 3 ? AGW_PROTO_E_TRUNCATED : 0;
	if (sec->sht > AGW_NAS5G_SHT_INTEG_CIPH_NEW)
		return AGW_PROTO_E_BAD_VALUE; /* 9.3.1: other values reserved */
	rc = agw_rd_be32(&r, &sec->mac);
	if (rc == 0)
		rc = agw_rd_u8(&r, &sec->sqn);
	if (rc != 0)
		return rc;
	/* The inner message has at least a plain 5GMM header; ciphering keeps
	 * the length. */
	if (agw_rd_left(&r) < 3)
		return AGW_PROTO_E_TRUNCATED;
	sec->ciphered =
		sec->sht == AGW_NAS5G_SHT_INTEG_CIPH || sec->sht == AGW_NAS5G_SHT_INTEG_CIPH_NEW;
	sec->mac_input = r.p - 1;
	sec->msg_len = agw_rd_left(&r);
	sec->mac_input_len = sec->msg_len + 1;
	sec->msg = agw_rd_take(&r, sec->msg_len);
	return 0;
}

int
agw_nas5g_hdr_decode(const void *buf, size_t len, struct agw_nas5g_hdr *hdr)
{
	struct agw_rd r = agw_rd_init(buf, len);
	uint8_t o = 0;
	int rc;

	memset(hdr, 0, sizeof(*hdr));
	rc = agw_rd_u8(&r, &hdr->epd);
	if (rc != 0)
		return rc;
	if (hdr->epd == AGW_NAS5G_EPD_5GMM) {
		rc = agw_rd_u8(&r, &o);
		if (rc == 0)
			rc = agw_rd_u8(&r, &hdr->type);
		hdr->sht = o & 0x0f;
		hdr->hdr_len = 3;
		if (rc == 0 && hdr->sht != AGW_NAS5G_SHT_PLAIN)
			return AGW_PROTO_E_BAD_VALUE;
		return rc;
	}
	if (hdr->epd != AGW_NAS5G_EPD_5GSM)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	rc = agw_rd_u8(&r, &hdr->psi);
	if (rc == 0)
		rc = agw_rd_u8(&r, &hdr->pti);
	if (rc == 0)
		rc = agw_rd_u8(&r, &hdr->type);
	hdr->hdr_len = 4;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Message tables (TS 24.501 clause 8)                                       */
/* ------------------------------------------------------------------------ */

/*
 * One row per IE, straight from the TS table: IEI, format, presence, what
 * the IE is, length (min, max; 0 = n) of the whole IE, and the clause of the
 * IE type. Rel-17 with the Rel-18 additions known to us; rows marked
 * "anchorgw" are private (doc/nas-private-ies.md).
 */
#define IE(iei, fmt, pres, f, lo, hi, ref)                                                         \
	{                                                                                          \
		(iei), AGW_NAS_FMT_##fmt, AGW_NAS_PRES_##pres, AGW_NAS5G_F_##f, (lo), (hi), (ref)  \
	}
#define PRIV "anchorgw doc/nas-private-ies.md"

/* 8.2.6 Registration request */
static const struct agw_nas_ie_desc t_reg_req[] = {
	IE(0x00, VH, M, REG_TYPE, 1, 1, "9.11.3.7"),
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, LVE, M, MOBILE_ID, 6, 0, "9.11.3.4"),
	IE(0xc0, TV1, O, NON_CURRENT_NGKSI, 1, 1, "9.11.3.32"),
	IE(0x10, TLV, O, MM_CAP, 3, 15, "9.11.3.1"),
	IE(0x2e, TLV, O, UE_SEC_CAP, 4, 10, "9.11.3.54"),
	IE(0x2f, TLV, O, REQUESTED_NSSAI, 4, 74, "9.11.3.37"),
	IE(0x52, TV, O, LAST_TAI, 7, 7, "9.11.3.8"),
	IE(0x17, TLV, O, S1_UE_NET_CAP, 4, 15, "9.11.3.48"),
	IE(0x40, TLV, O, UL_DATA_STATUS, 4, 34, "9.11.3.57"),
	IE(0x50, TLV, O, PDU_SESSION_STATUS, 4, 34, "9.11.3.44"),
	IE(0xb0, TV1, O, MICO_IND, 1, 1, "9.11.3.31"),
	IE(0x2b, TLV, O, UE_STATUS, 3, 3, "9.11.3.56"),
	IE(0x77, TLVE, O, ADDITIONAL_GUTI, 14, 14, "9.11.3.4"),
	IE(0x25, TLV, O, ALLOWED_PDU_SESSION_STATUS, 4, 34, "9.11.3.13"),
	IE(0x18, TLV, O, UE_USAGE_SETTING, 3, 3, "9.11.3.55"),
	IE(0x51, TLV, O, DRX, 3, 3, "9.11.3.2A"),
	IE(0x70, TLVE, O, EPS_NAS_MSG_CONTAINER, 4, 0, "9.11.3.24"),
	IE(0x74, TLVE, O, LADN_IND, 3, 811, "9.11.3.29"),
	IE(0x80, TV1, O, PAYLOAD_CONTAINER_TYPE, 1, 1, "9.11.3.40"),
	IE(0x7b, TLVE, O, PAYLOAD_CONTAINER, 4, 65538, "9.11.3.39"),
	IE(0x90, TV1, O, NETWORK_SLICING_IND, 1, 1, "9.11.3.36"),
	IE(0x53, TLV, O, UPDATE_TYPE, 3, 3, "9.11.3.9A"),
	IE(0x41, TLV, O, MS_CLASSMARK2, 5, 5, "9.11.3.31C"),
	IE(0x42, TLV, O, SUPPORTED_CODECS, 5, 0, "9.11.3.51A"),
	IE(0x71, TLVE, O, NAS_MSG_CONTAINER, 4, 0, "9.11.3.33"),
	IE(0x60, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.11.3.23A"),
	IE(0x6e, TLV, O, EDRX, 3, 4, "9.11.3.26A"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.11.2.5"),
	IE(0x67, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.11.3.68"),
	IE(0x35, TLV, O, MAPPED_NSSAI, 3, 42, "9.11.3.31B"),
	IE(0x48, TLV, O, ADDITIONAL_INFO_REQUESTED, 3, 3, "9.11.3.12A"),
	IE(0x1a, TLV, O, WUS_INFO, 3, 0, "9.11.3.71"),
	IE(0xa0, TV1, O, N5GC_IND, 1, 1, "9.11.3.72"),
	IE(0x30, TLV, O, NB_N1_DRX, 3, 3, "9.11.3.73"),
	IE(0x29, TLV, O, UE_REQUEST_TYPE, 3, 3, "9.11.3.76"),
	IE(0x28, TLV, O, PAGING_RESTRICTION, 3, 35, "9.11.3.77"),
	IE(0x72, TLVE, O, SERVICE_LEVEL_AA, 6, 0, "9.11.2.10"),
	IE(0x32, TLV, O, NID, 8, 8, "9.11.3.79"),
	IE(0x16, TLV, O, DISASTER_PLMN, 5, 5, "9.11.3.85"),
	IE(0x2a, TLV, O, PEIPS_INFO, 3, 0, "9.11.3.80"),
	IE(0x3b, TLV, O, REQUESTED_T3512, 3, 3, "9.11.2.5"),
	IE(AGW_NAS5G_IEI_UE_SEC_SVC_CAP, TLV, O, UE_SEC_SVC_CAP, 3, 4, PRIV),
};

/* 8.2.7 Registration accept */
static const struct agw_nas_ie_desc t_reg_accept[] = {
	IE(0x00, LV, M, REG_RESULT, 2, 2, "9.11.3.6"),
	IE(0x77, TLVE, O, GUTI, 14, 14, "9.11.3.4"),
	IE(0x4a, TLV, O, EQUIVALENT_PLMNS, 5, 47, "9.11.3.45"),
	IE(0x54, TLV, O, TAI_LIST, 9, 114, "9.11.3.9"),
	IE(0x15, TLV, O, ALLOWED_NSSAI, 4, 74, "9.11.3.37"),
	IE(0x11, TLV, O, REJECTED_NSSAI, 4, 42, "9.11.3.46"),
	IE(0x31, TLV, O, CONFIGURED_NSSAI, 4, 146, "9.11.3.37"),
	IE(0x21, TLV, O, NETWORK_FEATURE_SUPPORT, 3, 6, "9.11.3.5"),
	IE(0x50, TLV, O, PDU_SESSION_STATUS, 4, 34, "9.11.3.44"),
	IE(0x26, TLV, O, PDU_SESSION_REACT_RESULT, 4, 34, "9.11.3.42"),
	IE(0x72, TLVE, O, PDU_SESSION_REACT_ERROR, 5, 515, "9.11.3.43"),
	IE(0x79, TLVE, O, LADN_INFO, 3, 1715, "9.11.3.30"),
	IE(0xb0, TV1, O, MICO_IND, 1, 1, "9.11.3.31"),
	IE(0x90, TV1, O, NETWORK_SLICING_IND, 1, 1, "9.11.3.36"),
	IE(0x27, TLV, O, SERVICE_AREA_LIST, 6, 114, "9.11.3.49"),
	IE(0x5e, TLV, O, T3512, 3, 3, "9.11.2.5"),
	IE(0x5d, TLV, O, NON_3GPP_DEREG_TIMER, 3, 3, "9.11.2.4"),
	IE(0x16, TLV, O, T3502, 3, 3, "9.11.2.4"),
	IE(0x34, TLV, O, EMERGENCY_NUMBERS, 5, 50, "9.11.3.23"),
	IE(0x7a, TLVE, O, EXT_EMERGENCY_NUMBERS, 7, 65538, "9.11.3.26"),
	IE(0x73, TLVE, O, SOR_CONTAINER, 20, 0, "9.11.3.51"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0xa0, TV1, O, NSSAI_INCLUSION_MODE, 1, 1, "9.11.3.37A"),
	IE(0x76, TLVE, O, OPERATOR_ACCESS_CATEGORIES, 3, 0, "9.11.3.38"),
	IE(0x51, TLV, O, DRX, 3, 3, "9.11.3.2A"),
	IE(0xd0, TV1, O, NON_3GPP_NW_POLICIES, 1, 1, "9.11.3.36A"),
	IE(0x60, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.11.3.23A"),
	IE(0x6e, TLV, O, EDRX, 3, 4, "9.11.3.26A"),
	IE(0x6c, TLV, O, T3447, 3, 3, "9.11.2.5"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.11.2.4"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.11.2.5"),
	IE(0x67, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.11.3.68"),
	IE(0xe0, TV1, O, UE_RADIO_CAP_ID_DELETION, 1, 1, "9.11.3.69"),
	IE(0x39, TLV, O, PENDING_NSSAI, 4, 146, "9.11.3.37"),
	IE(0x74, TLVE, O, CIPHERING_KEY_DATA, 34, 0, "9.11.3.18C"),
	IE(0x75, TLVE, O, CAG_INFO_LIST, 3, 0, "9.11.3.18A"),
	IE(0x1b, TLV, O, TRUNCATED_S_TMSI_CONFIG, 3, 3, "9.11.3.70"),
	IE(0x1c, TLV, O, WUS_INFO, 3, 3, "9.11.3.71"),
	IE(0x29, TLV, O, NB_N1_DRX, 3, 3, "9.11.3.73"),
	IE(0x68, TLV, O, EXT_REJECTED_NSSAI, 5, 90, "9.11.3.75"),
	IE(0x7b, TLVE, O, SERVICE_LEVEL_AA, 4, 65538, "9.11.2.10"),
	IE(0x33, TLV, O, PEIPS_INFO, 3, 3, "9.11.3.80"),
	IE(0x35, TLV, O, ADDITIONAL_REQUEST_RESULT, 3, 3, "9.11.3.81"),
	IE(0x70, TLVE, O, NSSRG_INFO, 7, 4099, "9.11.3.82"),
	IE(0x14, TLV, O, DISASTER_ROAMING_WAIT, 4, 4, "9.11.3.84"),
	IE(0x2c, TLV, O, DISASTER_RETURN_WAIT, 4, 4, "9.11.3.84"),
	IE(0x13, TLV, O, DISASTER_PLMN_LIST, 2, 0, "9.11.3.83"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 9, 114, "9.11.3.9"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 9, 114, "9.11.3.9"),
	IE(0x71, TLVE, O, EXT_CAG_INFO_LIST, 3, 0, "9.11.3.86"),
	IE(0x7c, TLVE, O, NSAG_INFO, 9, 3143, "9.11.3.87"),
	IE(AGW_NAS5G_IEI_MM_SSI, TLV, O, MM_SSI, 2, 19, PRIV),
	IE(AGW_NAS5G_IEI_AKMA_ID, TLVE, O, AKMA_ID, 4, 256, PRIV),
};

/* 8.2.8 Registration complete */
static const struct agw_nas_ie_desc t_reg_complete[] = {
	IE(0x73, TLVE, O, SOR_CONTAINER, 20, 0, "9.11.3.51"),
};

/* 8.2.9 Registration reject */
static const struct agw_nas_ie_desc t_reg_reject[] = {
	IE(0x00, V, M, MM_CAUSE, 1, 1, "9.11.3.2"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.11.2.4"),
	IE(0x16, TLV, O, T3502, 3, 3, "9.11.2.4"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x69, TLV, O, REJECTED_NSSAI, 4, 42, "9.11.3.46"),
	IE(0x75, TLVE, O, CAG_INFO_LIST, 3, 0, "9.11.3.18A"),
	IE(0x68, TLV, O, EXT_REJECTED_NSSAI, 5, 90, "9.11.3.75"),
	IE(0x2c, TLV, O, DISASTER_RETURN_WAIT, 4, 4, "9.11.3.84"),
	IE(0x71, TLVE, O, EXT_CAG_INFO_LIST, 3, 0, "9.11.3.86"),
	IE(0x3a, TLV, O, LOWER_BOUND_TIMER, 3, 3, "9.11.2.5"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 9, 114, "9.11.3.9"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 9, 114, "9.11.3.9"),
};

/* 8.2.12 Deregistration request (UE originating) */
static const struct agw_nas_ie_desc t_dereg_req_ue_orig[] = {
	IE(0x00, VH, M, DEREG_TYPE, 1, 1, "9.11.3.20"),
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, LVE, M, MOBILE_ID, 6, 0, "9.11.3.4"),
};

/* 8.2.13 / 8.2.15 Deregistration accept, 8.2.20 Configuration update complete:
 * no IE after the message type. */
static const struct agw_nas_ie_desc t_empty[] = {
	IE(0x00, VH, O, SPARE, 1, 1, "-"), /* never matched: keeps the array non-empty */
};

/* 8.2.14 Deregistration request (UE terminated) */
static const struct agw_nas_ie_desc t_dereg_req_ue_term[] = {
	IE(0x00, VH, M, DEREG_TYPE, 1, 1, "9.11.3.20"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x58, TV, O, MM_CAUSE, 2, 2, "9.11.3.2"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.11.2.4"),
	IE(0x6d, TLV, O, REJECTED_NSSAI, 4, 42, "9.11.3.46"),
};

/* 8.2.16 Service request */
static const struct agw_nas_ie_desc t_service_req[] = {
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, VH, M, SERVICE_TYPE, 1, 1, "9.11.3.50"),
	IE(0x00, LVE, M, S_TMSI, 9, 9, "9.11.3.4"),
	IE(0x40, TLV, O, UL_DATA_STATUS, 4, 34, "9.11.3.57"),
	IE(0x50, TLV, O, PDU_SESSION_STATUS, 4, 34, "9.11.3.44"),
	IE(0x25, TLV, O, ALLOWED_PDU_SESSION_STATUS, 4, 34, "9.11.3.13"),
	IE(0x71, TLVE, O, NAS_MSG_CONTAINER, 4, 0, "9.11.3.33"),
	IE(0x29, TLV, O, UE_REQUEST_TYPE, 3, 3, "9.11.3.76"),
	IE(0x28, TLV, O, PAGING_RESTRICTION, 3, 35, "9.11.3.77"),
};

/* 8.2.17 Service accept */
static const struct agw_nas_ie_desc t_service_accept[] = {
	IE(0x50, TLV, O, PDU_SESSION_STATUS, 4, 34, "9.11.3.44"),
	IE(0x26, TLV, O, PDU_SESSION_REACT_RESULT, 4, 34, "9.11.3.42"),
	IE(0x72, TLVE, O, PDU_SESSION_REACT_ERROR, 5, 515, "9.11.3.43"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.11.2.4"),
	IE(0x34, TLV, O, ADDITIONAL_REQUEST_RESULT, 3, 3, "9.11.3.81"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 9, 114, "9.11.3.9"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 9, 114, "9.11.3.9"),
};

/* 8.2.18 Service reject */
static const struct agw_nas_ie_desc t_service_reject[] = {
	IE(0x00, V, M, MM_CAUSE, 1, 1, "9.11.3.2"),
	IE(0x50, TLV, O, PDU_SESSION_STATUS, 4, 34, "9.11.3.44"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.11.2.4"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.11.2.4"),
};

/* 8.2.19 Configuration update command */
static const struct agw_nas_ie_desc t_cuc[] = {
	IE(0xd0, TV1, O, CONFIG_UPDATE_IND, 1, 1, "9.11.3.18"),
	IE(0x77, TLVE, O, GUTI, 14, 14, "9.11.3.4"),
	IE(0x54, TLV, O, TAI_LIST, 9, 114, "9.11.3.9"),
	IE(0x15, TLV, O, ALLOWED_NSSAI, 4, 74, "9.11.3.37"),
	IE(0x27, TLV, O, SERVICE_AREA_LIST, 6, 114, "9.11.3.49"),
	IE(0x43, TLV, O, FULL_NETWORK_NAME, 3, 0, "9.11.3.35"),
	IE(0x45, TLV, O, SHORT_NETWORK_NAME, 3, 0, "9.11.3.35"),
	IE(0x46, TV, O, LOCAL_TIME_ZONE, 2, 2, "9.11.3.52"),
	IE(0x47, TV, O, UNIVERSAL_TIME, 8, 8, "9.11.3.53"),
	IE(0x49, TLV, O, DAYLIGHT_SAVING_TIME, 3, 3, "9.11.3.19"),
	IE(0x79, TLVE, O, LADN_INFO, 3, 1715, "9.11.3.30"),
	IE(0xb0, TV1, O, MICO_IND, 1, 1, "9.11.3.31"),
	IE(0x90, TV1, O, NETWORK_SLICING_IND, 1, 1, "9.11.3.36"),
	IE(0x31, TLV, O, CONFIGURED_NSSAI, 4, 146, "9.11.3.37"),
	IE(0x11, TLV, O, REJECTED_NSSAI, 4, 42, "9.11.3.46"),
	IE(0x76, TLVE, O, OPERATOR_ACCESS_CATEGORIES, 3, 0, "9.11.3.38"),
	IE(0xf0, TV1, O, SMS_IND, 1, 1, "9.11.3.50A"),
	IE(0x6c, TLV, O, T3447, 3, 3, "9.11.2.5"),
	IE(0x75, TLVE, O, CAG_INFO_LIST, 3, 0, "9.11.3.18A"),
	IE(0x67, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.11.3.68"),
	IE(0x44, TLV, O, REG_RESULT, 3, 3, "9.11.3.6"),
	IE(0x1b, TLV, O, TRUNCATED_S_TMSI_CONFIG, 3, 3, "9.11.3.70"),
	IE(0xc0, TV1, O, ADDITIONAL_CONFIG_IND, 1, 1, "9.11.3.74"),
	IE(0x70, TLVE, O, NSSRG_INFO, 7, 4099, "9.11.3.82"),
	IE(0x14, TLV, O, DISASTER_ROAMING_WAIT, 4, 4, "9.11.3.84"),
	IE(0x2c, TLV, O, DISASTER_RETURN_WAIT, 4, 4, "9.11.3.84"),
	IE(0x13, TLV, O, DISASTER_PLMN_LIST, 2, 0, "9.11.3.83"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 9, 114, "9.11.3.9"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 9, 114, "9.11.3.9"),
	IE(0x71, TLVE, O, EXT_CAG_INFO_LIST, 3, 0, "9.11.3.86"),
	IE(0x7c, TLVE, O, NSAG_INFO, 9, 3143, "9.11.3.87"),
	IE(AGW_NAS5G_IEI_MM_SSI, TLV, O, MM_SSI, 2, 19, PRIV),
	IE(AGW_NAS5G_IEI_AKMA_ID, TLVE, O, AKMA_ID, 4, 256, PRIV),
};

/* 8.2.1 Authentication request */
static const struct agw_nas_ie_desc t_auth_req[] = {
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x00, LV, M, ABBA, 3, 0, "9.11.3.10"),
	IE(0x21, TV, O, RAND, 17, 17, "9.11.3.16"),
	IE(0x20, TLV, O, AUTN, 18, 18, "9.11.3.15"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
};

/* 8.2.2 Authentication response */
static const struct agw_nas_ie_desc t_auth_resp[] = {
	IE(0x2d, TLV, O, AUTH_RESPONSE_PARAM, 18, 18, "9.11.3.17"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
};

/* 8.2.3 Authentication result */
static const struct agw_nas_ie_desc t_auth_result[] = {
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x00, LVE, M, EAP_MESSAGE, 6, 1502, "9.11.2.2"),
	IE(0x38, TLV, O, ABBA, 4, 0, "9.11.3.10"),
};

/* 8.2.4 Authentication failure */
static const struct agw_nas_ie_desc t_auth_failure[] = {
	IE(0x00, V, M, MM_CAUSE, 1, 1, "9.11.3.2"),
	IE(0x30, TLV, O, AUTH_FAILURE_PARAM, 16, 16, "9.11.3.14"),
};

/* 8.2.5 Authentication reject */
static const struct agw_nas_ie_desc t_auth_reject[] = {
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
};

/* 8.2.21 Identity request */
static const struct agw_nas_ie_desc t_identity_req[] = {
	IE(0x00, VH, M, IDENTITY_TYPE, 1, 1, "9.11.3.3"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
};

/* 8.2.22 Identity response */
static const struct agw_nas_ie_desc t_identity_resp[] = {
	IE(0x00, LVE, M, MOBILE_ID, 3, 0, "9.11.3.4"),
};

/* 8.2.25 Security mode command */
static const struct agw_nas_ie_desc t_smc[] = {
	IE(0x00, V, M, NAS_SEC_ALGS, 1, 1, "9.11.3.34"),
	IE(0x00, VH, M, NGKSI, 1, 1, "9.11.3.32"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x00, LV, M, REPLAYED_UE_SEC_CAP, 3, 9, "9.11.3.54"),
	IE(0xe0, TV1, O, IMEISV_REQUEST, 1, 1, "9.11.3.28"),
	IE(0x57, TV, O, EPS_NAS_SEC_ALGS, 2, 2, "9.11.3.25"),
	IE(0x36, TLV, O, ADDITIONAL_SEC_INFO, 3, 3, "9.11.3.12"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x38, TLV, O, ABBA, 4, 0, "9.11.3.10"),
	IE(0x19, TLV, O, REPLAYED_S1_UE_SEC_CAP, 4, 7, "9.11.3.48A"),
};

/* 8.2.26 Security mode complete */
static const struct agw_nas_ie_desc t_smc_complete[] = {
	IE(0x77, TLVE, O, IMEISV, 12, 12, "9.11.3.4"),
	IE(0x71, TLVE, O, NAS_MSG_CONTAINER, 4, 0, "9.11.3.33"),
	IE(0x78, TLVE, O, NON_IMEISV_PEI, 7, 0, "9.11.3.4"),
};

/* 8.2.27 Security mode reject, 8.2.29 5GMM status */
static const struct agw_nas_ie_desc t_cause_only[] = {
	IE(0x00, V, M, MM_CAUSE, 1, 1, "9.11.3.2"),
};

/* 8.2.10 UL NAS transport */
static const struct agw_nas_ie_desc t_ul_nas_transport[] = {
	IE(0x00, VH, M, PAYLOAD_CONTAINER_TYPE, 1, 1, "9.11.3.40"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x00, LVE, M, PAYLOAD_CONTAINER, 3, 65537, "9.11.3.39"),
	IE(0x12, TV, C, PDU_SESSION_ID, 2, 2, "9.11.3.41"),
	IE(0x59, TV, O, OLD_PDU_SESSION_ID, 2, 2, "9.11.3.41"),
	IE(0x80, TV1, O, REQUEST_TYPE, 1, 1, "9.11.3.47"),
	IE(0x22, TLV, O, S_NSSAI, 3, 10, "9.11.2.8"),
	IE(0x25, TLV, O, DNN, 3, 102, "9.11.2.1B"),
	IE(0x24, TLV, O, ADDITIONAL_INFO, 3, 0, "9.11.2.1"),
	IE(0xa0, TV1, O, MA_PDU_SESSION_INFO, 1, 1, "9.11.3.31A"),
	IE(0xf0, TV1, O, RELEASE_ASSISTANCE_IND, 1, 1, "9.11.3.46A"),
	IE(0x4e, TLV, O, NON_3GPP_PATH_SWITCH, 3, 3, "9.11.3.99"),
	IE(0x5a, TLV, O, ALT_S_NSSAI, 3, 10, "9.11.2.8"),
	IE(0x90, TV1, O, PAYLOAD_CONTAINER_INFO, 1, 1, "9.11.3.106"),
};

/* 8.2.11 DL NAS transport */
static const struct agw_nas_ie_desc t_dl_nas_transport[] = {
	IE(0x00, VH, M, PAYLOAD_CONTAINER_TYPE, 1, 1, "9.11.3.40"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.5"),
	IE(0x00, LVE, M, PAYLOAD_CONTAINER, 3, 65537, "9.11.3.39"),
	IE(0x12, TV, C, PDU_SESSION_ID, 2, 2, "9.11.3.41"),
	IE(0x24, TLV, O, ADDITIONAL_INFO, 3, 0, "9.11.2.1"),
	IE(0x58, TV, O, MM_CAUSE, 2, 2, "9.11.3.2"),
	IE(0x37, TLV, O, BACK_OFF_TIMER, 3, 3, "9.11.2.5"),
};

/*
 * ProSe relay messages, Rel-17 (TS 24.501 8.2.34-8.2.38; message types
 * 0x69-0x6D and IE layouts as read by omec-project/nas, see the doc).
 */
/* 8.2.34 Relay key request */
static const struct agw_nas_ie_desc t_relay_key_req[] = {
	IE(0x00, V, M, PRTI, 1, 1, "9.11.3.88"),
	IE(0x00, LVE, M, RELAY_KEY_REQUEST_PARAMS, 22, 65537, "9.11.3.89"),
};

/* 8.2.35 Relay key accept */
static const struct agw_nas_ie_desc t_relay_key_accept[] = {
	IE(0x00, V, M, PRTI, 1, 1, "9.11.3.88"),
	IE(0x00, LVE, M, RELAY_KEY_RESPONSE_PARAMS, 50, 65537, "9.11.3.90"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
};

/* 8.2.36 Relay key reject */
static const struct agw_nas_ie_desc t_relay_key_reject[] = {
	IE(0x00, V, M, PRTI, 1, 1, "9.11.3.88"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
};

/* 8.2.37 Relay authentication request, 8.2.38 Relay authentication response */
static const struct agw_nas_ie_desc t_relay_auth[] = {
	IE(0x00, V, M, PRTI, 1, 1, "9.11.3.88"),
	IE(0x00, LVE, M, EAP_MESSAGE, 6, 1502, "9.11.2.2"),
};

/*
 * Seed 000 security service procedures (private 5GMM messages 0x79-0x7D,
 * doc/nas-private-ies.md §3): the UE-initiated part of the MM identifier
 * (Security service command), the DH exchange's Msg1/Msg2, device
 * authentication's Msg3/Msg4.
 */
/* Security service command: the UE MM security service identifier */
static const struct agw_nas_ie_desc t_sec_svc_cmd[] = {
	IE(0x00, LV, M, MM_SSI, 4, 18, PRIV),
};

/* DH network key (Msg1), DH UE key (Msg2) */
static const struct agw_nas_ie_desc t_dh_key[] = {
	IE(0x00, V, M, DH_SCHEME, 1, 1, PRIV),
	IE(0x00, LV, M, DH_PUBLIC_KEY, 2, 98, PRIV),
};

/* Device authentication request (Msg3): the device identity, a 5GS mobile
 * identity (IMEI or IMEISV); absent when the UE has none to give. */
static const struct agw_nas_ie_desc t_devauth_req[] = {
	IE(0x77, TLVE, O, DEVICE_ID, 4, 12, "9.11.3.4"),
};

/* Device authentication result (Msg4) */
static const struct agw_nas_ie_desc t_devauth_result[] = {
	IE(0x00, V, M, SSP_RESULT, 1, 1, PRIV),
	IE(0x58, TV, O, MM_CAUSE, 2, 2, "9.11.3.2"),
};

/* 8.3.1 PDU session establishment request */
static const struct agw_nas_ie_desc t_pdu_est_req[] = {
	IE(0x00, V, M, IPMDR, 2, 2, "9.11.4.7"),
	IE(0x90, TV1, O, PDU_SESSION_TYPE, 1, 1, "9.11.4.11"),
	IE(0xa0, TV1, O, SSC_MODE, 1, 1, "9.11.4.16"),
	IE(0x28, TLV, O, SM_CAP, 3, 15, "9.11.4.1"),
	IE(0x55, TV, O, MAX_PACKET_FILTERS, 3, 3, "9.11.4.9"),
	IE(0xb0, TV1, O, ALWAYS_ON_REQUESTED, 1, 1, "9.11.4.4"),
	IE(0x39, TLV, O, SM_PDU_DN_REQUEST, 3, 255, "9.11.4.15"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
	IE(0x66, TLV, O, IP_HC_CONFIG, 5, 257, "9.11.4.24"),
	IE(0x6e, TLV, O, DS_TT_MAC, 8, 8, "9.11.4.25"),
	IE(0x6f, TLV, O, UE_DS_TT_TIME, 10, 10, "9.11.4.26"),
	IE(0x74, TLVE, O, PORT_MGMT_INFO, 8, 65538, "9.11.4.27"),
	IE(0x1f, TLV, O, ETH_HC_CONFIG, 3, 3, "9.11.4.28"),
	IE(0x29, TLV, O, SUGGESTED_IFID, 11, 11, "9.11.4.10"),
	IE(0x72, TLVE, O, SERVICE_LEVEL_AA, 6, 0, "9.11.2.10"),
	IE(0x70, TLVE, O, REQUESTED_MBS, 8, 65538, "9.11.4.30"),
	IE(0x34, TLV, O, PDU_SESSION_PAIR_ID, 3, 3, "9.11.4.32"),
	IE(0x35, TLV, O, RSN, 3, 3, "9.11.4.33"),
	IE(AGW_NAS5G_IEI_UE_SEC_SVC_CAP, TLV, O, UE_SEC_SVC_CAP, 3, 4, PRIV),
};

/* 8.3.2 PDU session establishment accept */
static const struct agw_nas_ie_desc t_pdu_est_accept[] = {
	IE(0x00, VH, M, SELECTED_PDU_SESSION_TYPE, 1, 1, "9.11.4.11"),
	IE(0x00, VH, M, SELECTED_SSC_MODE, 1, 1, "9.11.4.16"),
	IE(0x00, LVE, M, QOS_RULES, 6, 65538, "9.11.4.13"),
	IE(0x00, LV, M, SESSION_AMBR, 7, 7, "9.11.4.14"),
	IE(0x59, TV, O, SM_CAUSE, 2, 2, "9.11.4.2"),
	IE(0x29, TLV, O, PDU_ADDRESS, 7, 15, "9.11.4.10"),
	IE(0x56, TV, O, RQ_TIMER, 2, 2, "9.11.2.3"),
	IE(0x22, TLV, O, S_NSSAI, 3, 10, "9.11.2.8"),
	IE(0x80, TV1, O, ALWAYS_ON_IND, 1, 1, "9.11.4.3"),
	IE(0x75, TLVE, O, MAPPED_EPS_BEARER_CTXS, 7, 65538, "9.11.4.8"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x79, TLVE, O, QOS_FLOW_DESCS, 6, 65538, "9.11.4.12"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
	IE(0x25, TLV, O, DNN, 3, 102, "9.11.2.1B"),
	IE(0x17, TLV, O, SM_NETWORK_FEATURE_SUPPORT, 3, 15, "9.11.4.18"),
	IE(0x18, TLV, O, SERVING_PLMN_RATE_CONTROL, 4, 4, "9.11.4.20"),
	IE(0x77, TLVE, O, ATSSS_CONTAINER, 3, 65538, "9.11.4.22"),
	IE(0xc0, TV1, O, CP_ONLY_IND, 1, 1, "9.11.4.23"),
	IE(0x66, TLV, O, IP_HC_CONFIG, 5, 257, "9.11.4.24"),
	IE(0x1f, TLV, O, ETH_HC_CONFIG, 3, 3, "9.11.4.28"),
	IE(AGW_NAS5G_IEI_SM_SSI, TLV, O, SM_SSI, 2, 19, PRIV),
};

/* 8.3.3 PDU session establishment reject */
static const struct agw_nas_ie_desc t_pdu_est_reject[] = {
	IE(0x00, V, M, SM_CAUSE, 1, 1, "9.11.4.2"),
	IE(0x37, TLV, O, BACK_OFF_TIMER, 3, 3, "9.11.2.5"),
	IE(0xf0, TV1, O, ALLOWED_SSC_MODE, 1, 1, "9.11.4.5"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x61, TLV, O, CONGESTION_REATTEMPT, 3, 3, "9.11.4.21"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
	IE(0x1d, TLV, O, REATTEMPT_IND, 3, 3, "9.11.4.17"),
};

/* 8.3.12 PDU session release request, 8.3.15 PDU session release complete */
static const struct agw_nas_ie_desc t_pdu_rel_req[] = {
	IE(0x59, TV, O, SM_CAUSE, 2, 2, "9.11.4.2"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
};

/* 8.3.14 PDU session release command */
static const struct agw_nas_ie_desc t_pdu_rel_cmd[] = {
	IE(0x00, V, M, SM_CAUSE, 1, 1, "9.11.4.2"),
	IE(0x37, TLV, O, BACK_OFF_TIMER, 3, 3, "9.11.2.5"),
	IE(0x78, TLVE, O, EAP_MESSAGE, 7, 1503, "9.11.2.2"),
	IE(0x61, TLV, O, CONGESTION_REATTEMPT, 3, 3, "9.11.4.21"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
	IE(0xd0, TV1, O, ACCESS_TYPE, 1, 1, "9.11.2.1A"),
};

/* 8.3.13 PDU session release reject, 8.3.16 5GSM status */
static const struct agw_nas_ie_desc t_sm_cause_only[] = {
	IE(0x00, V, M, SM_CAUSE, 1, 1, "9.11.4.2"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.11.4.6"),
};

#undef IE
#undef PRIV

/* Message names, one object per name (X-macro). */
#define NAS5G_NAME_(id, v, s) static const char nas5g_name_##id[] = s;
AGW_NAS5G_MM_MSGS(NAS5G_NAME_)
AGW_NAS5G_SM_MSGS(NAS5G_NAME_)
#undef NAS5G_NAME_

#define MSG(id, ref, tab)                                                                          \
	{                                                                                          \
		AGW_NAS5G_MT_##id, (uint8_t)(sizeof(tab) / sizeof((tab)[0])), nas5g_name_##id,     \
			(ref), (tab)                                                               \
	}
#define MSG0(id, ref)                                                                              \
	{                                                                                          \
		AGW_NAS5G_MT_##id, 0, nas5g_name_##id, (ref), t_empty                              \
	}

#define PRIV_MSG "anchorgw doc/nas-private-ies.md §3"

static const struct agw_nas_msg_desc nas5g_mm_descs[] = {
	MSG(REGISTRATION_REQUEST, "8.2.6", t_reg_req),
	MSG(REGISTRATION_ACCEPT, "8.2.7", t_reg_accept),
	MSG(REGISTRATION_COMPLETE, "8.2.8", t_reg_complete),
	MSG(REGISTRATION_REJECT, "8.2.9", t_reg_reject),
	MSG(DEREG_REQUEST_UE_ORIG, "8.2.12", t_dereg_req_ue_orig),
	MSG0(DEREG_ACCEPT_UE_ORIG, "8.2.13"),
	MSG(DEREG_REQUEST_UE_TERM, "8.2.14", t_dereg_req_ue_term),
	MSG0(DEREG_ACCEPT_UE_TERM, "8.2.15"),
	MSG(SERVICE_REQUEST, "8.2.16", t_service_req),
	MSG(SERVICE_ACCEPT, "8.2.17", t_service_accept),
	MSG(SERVICE_REJECT, "8.2.18", t_service_reject),
	MSG(CONFIGURATION_UPDATE_COMMAND, "8.2.19", t_cuc),
	MSG0(CONFIGURATION_UPDATE_COMPLETE, "8.2.20"),
	MSG(AUTHENTICATION_REQUEST, "8.2.1", t_auth_req),
	MSG(AUTHENTICATION_RESPONSE, "8.2.2", t_auth_resp),
	MSG(AUTHENTICATION_RESULT, "8.2.3", t_auth_result),
	MSG(AUTHENTICATION_FAILURE, "8.2.4", t_auth_failure),
	MSG(AUTHENTICATION_REJECT, "8.2.5", t_auth_reject),
	MSG(IDENTITY_REQUEST, "8.2.21", t_identity_req),
	MSG(IDENTITY_RESPONSE, "8.2.22", t_identity_resp),
	MSG(SECURITY_MODE_COMMAND, "8.2.25", t_smc),
	MSG(SECURITY_MODE_COMPLETE, "8.2.26", t_smc_complete),
	MSG(SECURITY_MODE_REJECT, "8.2.27", t_cause_only),
	MSG(STATUS_5GMM, "8.2.29", t_cause_only),
	MSG(UL_NAS_TRANSPORT, "8.2.10", t_ul_nas_transport),
	MSG(DL_NAS_TRANSPORT, "8.2.11", t_dl_nas_transport),
	MSG(RELAY_KEY_REQUEST, "8.2.34", t_relay_key_req),
	MSG(RELAY_KEY_ACCEPT, "8.2.35", t_relay_key_accept),
	MSG(RELAY_KEY_REJECT, "8.2.36", t_relay_key_reject),
	MSG(RELAY_AUTHENTICATION_REQUEST, "8.2.37", t_relay_auth),
	MSG(RELAY_AUTHENTICATION_RESPONSE, "8.2.38", t_relay_auth),
	MSG(SEC_SVC_COMMAND, PRIV_MSG, t_sec_svc_cmd),
	MSG(DH_NETWORK_KEY, PRIV_MSG, t_dh_key),
	MSG(DH_UE_KEY, PRIV_MSG, t_dh_key),
	MSG(DEVICE_AUTH_REQUEST, PRIV_MSG, t_devauth_req),
	MSG(DEVICE_AUTH_RESULT, PRIV_MSG, t_devauth_result),
};

static const struct agw_nas_msg_desc nas5g_sm_descs[] = {
	MSG(PDU_SESSION_ESTABLISHMENT_REQUEST, "8.3.1", t_pdu_est_req),
	MSG(PDU_SESSION_ESTABLISHMENT_ACCEPT, "8.3.2", t_pdu_est_accept),
	MSG(PDU_SESSION_ESTABLISHMENT_REJECT, "8.3.3", t_pdu_est_reject),
	MSG(PDU_SESSION_RELEASE_REQUEST, "8.3.12", t_pdu_rel_req),
	MSG(PDU_SESSION_RELEASE_REJECT, "8.3.13", t_sm_cause_only),
	MSG(PDU_SESSION_RELEASE_COMMAND, "8.3.14", t_pdu_rel_cmd),
	MSG(PDU_SESSION_RELEASE_COMPLETE, "8.3.15", t_pdu_rel_req),
	MSG(STATUS_5GSM, "8.3.16", t_sm_cause_only),
};

#undef MSG
#undef MSG0
#undef PRIV_MSG

const struct agw_nas_msg_desc *
agw_nas5g_desc(uint8_t epd, uint8_t type)
{
	const struct agw_nas_msg_desc *t;
	size_t i, n;

	if (epd == AGW_NAS5G_EPD_5GMM) {
		t = nas5g_mm_descs;
		n = sizeof(nas5g_mm_descs) / sizeof(nas5g_mm_descs[0]);
	} else if (epd == AGW_NAS5G_EPD_5GSM) {
		t = nas5g_sm_descs;
		n = sizeof(nas5g_sm_descs) / sizeof(nas5g_sm_descs[0]);
	} else {
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (t[i].type == type)
			return &t[i];
	return NULL;
}

const char *
agw_nas5g_msg_name(uint8_t epd, uint8_t type)
{
	if (epd == AGW_NAS5G_EPD_5GMM) {
		switch (type) {
#define NAS5G_CASE_(id, v, s)                                                                      \
	case v:                                                                                    \
		return nas5g_name_##id;
			AGW_NAS5G_MM_MSGS(NAS5G_CASE_)
		default:
			return NULL;
		}
	}
	if (epd == AGW_NAS5G_EPD_5GSM) {
		switch (type) {
			AGW_NAS5G_SM_MSGS(NAS5G_CASE_)
#undef NAS5G_CASE_
		default:
			return NULL;
		}
	}
	return NULL;
}

const char *
agw_nas5g_field_name(unsigned int field)
{
	static const char *const names[] = {
#define NAS5G_FNAME_(id, s) s,
		AGW_NAS5G_FIELDS(NAS5G_FNAME_)
#undef NAS5G_FNAME_
	};

	return field < AGW_NAS5G_F_COUNT_ ? names[field] : "?";
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

int
agw_nas5g_decode(const void *buf, size_t len, struct agw_nas5g_msg *m)
{
	const struct agw_nas_msg_desc *d;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = agw_nas5g_sec_decode(buf, len, &m->sec);
	if (rc != 0 || m->sec.ciphered)
		return rc;
	rc = agw_nas5g_hdr_decode(m->sec.msg, m->sec.msg_len, &m->hdr);
	if (rc != 0)
		return rc;
	/* 4.4.5 / 9.1.1: only a plain 5GMM message is inside the protection. */
	if (m->sec.sht != AGW_NAS5G_SHT_PLAIN && m->hdr.epd != AGW_NAS5G_EPD_5GMM)
		return AGW_PROTO_E_BAD_VALUE;
	m->body = m->sec.msg + m->hdr.hdr_len;
	m->body_len = m->sec.msg_len - m->hdr.hdr_len;
	if (agw_nas5g_msg_name(m->hdr.epd, m->hdr.type) == NULL)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	d = agw_nas5g_desc(m->hdr.epd, m->hdr.type);
	if (d == NULL)
		return 0; /* known, decoded header-only */
	return agw_nas_body_decode(d, m->body, m->body_len, &m->ies);
}

static int
nas5g_encode_plain(struct agw_wr *w, const struct agw_nas5g_hdr *hdr, const struct agw_nas_body *b)
{
	const struct agw_nas_msg_desc *d = agw_nas5g_desc(hdr->epd, hdr->type);

	if (d == NULL || d != b->desc)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_u8(w, hdr->epd);
	if (hdr->epd == AGW_NAS5G_EPD_5GMM) {
		agw_wr_u8(w, AGW_NAS5G_SHT_PLAIN);
	} else {
		agw_wr_u8(w, hdr->psi);
		agw_wr_u8(w, hdr->pti);
	}
	agw_wr_u8(w, hdr->type);
	return agw_nas_body_encode(b, w);
}

long
agw_nas5g_encode(const struct agw_nas5g_hdr *hdr, const struct agw_nas_body *b, void *buf,
		 size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	int rc = nas5g_encode_plain(&w, hdr, b);

	return rc != 0 ? rc : agw_wr_result(&w);
}

long
agw_nas5g_encode_protected(uint8_t sht, uint32_t mac, uint8_t sqn, const struct agw_nas5g_hdr *hdr,
			   const struct agw_nas_body *b, void *buf, size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	int rc;

	if (sht < AGW_NAS5G_SHT_INTEG || sht > AGW_NAS5G_SHT_INTEG_CIPH_NEW ||
	    hdr->epd != AGW_NAS5G_EPD_5GMM)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_u8(&w, AGW_NAS5G_EPD_5GMM);
	agw_wr_u8(&w, sht);
	agw_wr_be32(&w, mac);
	agw_wr_u8(&w, sqn);
	rc = nas5g_encode_plain(&w, hdr, b);
	return rc != 0 ? rc : agw_wr_result(&w);
}

/* ------------------------------------------------------------------------ */
/* 5GS mobile identity (9.11.3.4)                                            */
/* ------------------------------------------------------------------------ */

/* Routing indicator: digits 1-4 in octets 5-6, F-filled (TS 24.501 figure
 * 9.11.3.4.3; "0" when none is provisioned). */
static int
nas5g_rid_decode(const uint8_t p[2], char rid[5])
{
	size_t i, n = 0;
	uint8_t d;

	for (i = 0; i < 4; i++) {
		d = nas_nibble_at(p, i);
		if (d == 0x0f)
			break;
		if (d > 9)
			return AGW_PROTO_E_BAD_VALUE;
		rid[n++] = (char)('0' + d);
	}
	rid[n] = '\0';
	for (; i < 4; i++)
		if (nas_nibble_at(p, i) != 0x0f)
			return AGW_PROTO_E_BAD_VALUE;
	return n == 0 ? AGW_PROTO_E_BAD_VALUE : 0;
}

/* Split an ECIES scheme output: ephemeral key || ciphertext || 8-octet tag
 * (TS 33.501 C.3.2 profile A: X25519 32 octets; C.3.3 profile B:
 * compressed secp256r1 point, 33 octets). */
static int
nas5g_ecies_split(struct agw_nas5g_suci *s)
{
	size_t k = s->scheme == AGW_NAS5G_SCHEME_PROFILE_A ? 32 : 33;

	if (s->out_len < k + 1 + 8)
		return AGW_PROTO_E_BAD_LENGTH;
	if (k == 33 && s->out[0] != 0x02 && s->out[0] != 0x03)
		return AGW_PROTO_E_BAD_VALUE;
	s->eph_pub = s->out;
	s->eph_pub_len = (uint8_t)k;
	s->cipher = s->out + k;
	s->cipher_len = (uint16_t)(s->out_len - k - 8);
	s->mac_tag = s->out + s->out_len - 8;
	return 0;
}

static int
nas5g_suci_decode(struct agw_rd *r, uint8_t o1, struct agw_nas5g_suci *s)
{
	const uint8_t *plmn, *rid;
	int rc;

	s->supi_format = (o1 >> 4) & 7;
	if (s->supi_format == 1) { /* NAI (TS 23.003 28.7.3) */
		s->nai_len = (uint16_t)agw_rd_left(r);
		s->nai = agw_rd_take(r, s->nai_len);
		return s->nai_len == 0 ? AGW_PROTO_E_BAD_LENGTH : 0;
	}
	if (s->supi_format != 0)
		return AGW_PROTO_E_UNSUPPORTED;
	plmn = agw_rd_take(r, 3);
	rid = agw_rd_take(r, 2);
	if (plmn == NULL || rid == NULL)
		return AGW_PROTO_E_TRUNCATED;
	rc = agw_nas_plmn_decode(plmn, &s->plmn);
	if (rc == 0)
		rc = nas5g_rid_decode(rid, s->rid);
	if (rc == 0)
		rc = agw_rd_u8(r, &s->scheme);
	if (rc == 0)
		rc = agw_rd_u8(r, &s->hn_key_id);
	if (rc != 0)
		return rc;
	s->scheme &= 0x0f; /* bits 8-5 spare */
	s->out_len = (uint16_t)agw_rd_left(r);
	s->out = agw_rd_take(r, s->out_len);
	if (s->out_len == 0)
		return AGW_PROTO_E_BAD_LENGTH;
	if (s->scheme == AGW_NAS5G_SCHEME_NULL) {
		rc = nas_bcd_decode(s->out, 0, 2u * s->out_len, s->msin, sizeof(s->msin));
		return rc < 0 ? rc : 0;
	}
	if (s->scheme == AGW_NAS5G_SCHEME_PROFILE_A || s->scheme == AGW_NAS5G_SCHEME_PROFILE_B)
		return nas5g_ecies_split(s);
	return 0; /* other schemes: output kept opaque */
}

static int
nas5g_guti_decode(struct agw_rd *r, int with_plmn, struct agw_nas5g_guti *g)
{
	const uint8_t *plmn;
	uint16_t set_ptr;
	int rc = 0;

	if (agw_rd_left(r) != (with_plmn ? 10u : 6u))
		return AGW_PROTO_E_BAD_LENGTH;
	if (with_plmn) {
		plmn = agw_rd_take(r, 3);
		rc = plmn == NULL ? AGW_PROTO_E_TRUNCATED : agw_nas_plmn_decode(plmn, &g->plmn);
		if (rc == 0)
			rc = agw_rd_u8(r, &g->amf_region);
	}
	if (rc == 0)
		rc = agw_rd_be16(r, &set_ptr);
	if (rc == 0)
		rc = agw_rd_be32(r, &g->tmsi);
	if (rc != 0)
		return rc;
	g->amf_set = set_ptr >> 6;
	g->amf_ptr = set_ptr & 0x3f;
	return 0;
}

/* IMEI (15 digits, odd) / IMEISV (16 digits, even): digit 1 in bits 8-5 of
 * the first octet, bit 4 = odd/even indication. */
static int
nas5g_imei_decode(const uint8_t *v, size_t len, uint8_t o1, int sv, char *digits, size_t cap)
{
	size_t want = sv ? 16 : 15;
	int odd = (o1 >> 3) & 1;
	int n;

	if (len != (sv ? 9u : 8u) || odd != (sv ? 0 : 1))
		return AGW_PROTO_E_BAD_LENGTH;
	n = nas_bcd_decode(v, 1, 2 * len, digits, cap);
	if (n < 0)
		return n;
	return (size_t)n == want ? 0 : AGW_PROTO_E_BAD_VALUE;
}

int
agw_nas5g_mobile_id_decode(const uint8_t *v, size_t len, struct agw_nas5g_mobile_id *id)
{
	struct agw_rd r = agw_rd_init(v, len);
	uint8_t o1;
	int rc;

	memset(id, 0, sizeof(*id));
	rc = agw_rd_u8(&r, &o1);
	if (rc != 0)
		return rc;
	id->type = o1 & 7;
	switch (id->type) {
	case AGW_NAS5G_ID_NONE:
		return 0;
	case AGW_NAS5G_ID_SUCI:
		return nas5g_suci_decode(&r, o1, &id->u.suci);
	case AGW_NAS5G_ID_GUTI:
		return nas5g_guti_decode(&r, 1, &id->u.guti);
	case AGW_NAS5G_ID_S_TMSI:
		return nas5g_guti_decode(&r, 0, &id->u.guti);
	case AGW_NAS5G_ID_IMEI:
	case AGW_NAS5G_ID_IMEISV:
		return nas5g_imei_decode(v, len, o1, id->type == AGW_NAS5G_ID_IMEISV, id->u.digits,
					 sizeof(id->u.digits));
	default: /* MAC address, EUI-64 */
		id->u.raw.len = (uint16_t)agw_rd_left(&r);
		id->u.raw.v = agw_rd_take(&r, id->u.raw.len);
		return id->u.raw.len == 0 ? AGW_PROTO_E_BAD_LENGTH : 0;
	}
}

/* Write @digits as BCD, two per octet (first in bits 4-1), padding the last
 * octet with an F filler. */
static int
nas_bcd_encode(struct agw_wr *w, const char *digits)
{
	size_t i, n = strlen(digits);
	uint8_t lo = 0;

	for (i = 0; i < n; i++) {
		if (digits[i] < '0' || digits[i] > '9')
			return AGW_PROTO_E_BAD_VALUE;
		if (i & 1)
			agw_wr_u8(w, (uint8_t)(lo | (digits[i] - '0') << 4));
		else
			lo = (uint8_t)(digits[i] - '0');
	}
	if (n & 1)
		agw_wr_u8(w, (uint8_t)(lo | 0xf0));
	return 0;
}

static int
nas5g_suci_encode(const struct agw_nas5g_suci *s, struct agw_wr *w)
{
	uint8_t plmn[3];
	char rid[5];
	int rc;

	agw_wr_u8(w, (uint8_t)((s->supi_format & 7) << 4 | AGW_NAS5G_ID_SUCI));
	if (s->supi_format == 1) {
		agw_wr_bytes(w, s->nai, s->nai_len);
		return 0;
	}
	if (s->supi_format != 0)
		return AGW_PROTO_E_UNSUPPORTED;
	rc = agw_nas_plmn_encode(&s->plmn, plmn);
	if (rc != 0)
		return rc;
	if (!nas_is_digits(s->rid, 1, 4))
		return AGW_PROTO_E_BAD_VALUE;
	memset(rid, 0, sizeof(rid));
	memcpy(rid, s->rid, strlen(s->rid));
	agw_wr_bytes(w, plmn, 3);
	agw_wr_u8(w, (uint8_t)((rid[1] ? rid[1] - '0' : 0xf) << 4 | (rid[0] - '0')));
	agw_wr_u8(w, (uint8_t)((rid[3] ? rid[3] - '0' : 0xf) << 4 | (rid[2] ? rid[2] - '0' : 0xf)));
	agw_wr_u8(w, s->scheme & 0x0f);
	agw_wr_u8(w, s->hn_key_id);
	if (s->out == NULL && s->scheme == AGW_NAS5G_SCHEME_NULL)
		return nas_bcd_encode(w, s->msin);
	agw_wr_bytes(w, s->out, s->out_len);
	return 0;
}

static int
nas5g_guti_encode(const struct agw_nas5g_guti *g, int with_plmn, struct agw_wr *w)
{
	uint8_t plmn[3];
	int rc;

	agw_wr_u8(w, with_plmn ? 0xf2 : 0xf4);
	if (with_plmn) {
		rc = agw_nas_plmn_encode(&g->plmn, plmn);
		if (rc != 0)
			return rc;
		agw_wr_bytes(w, plmn, 3);
		agw_wr_u8(w, g->amf_region);
	}
	if (g->amf_set > 0x3ff || g->amf_ptr > 0x3f)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_be16(w, (uint16_t)(g->amf_set << 6 | g->amf_ptr));
	agw_wr_be32(w, g->tmsi);
	return 0;
}

int
agw_nas5g_mobile_id_encode(const struct agw_nas5g_mobile_id *id, struct agw_wr *w)
{
	int sv = id->type == AGW_NAS5G_ID_IMEISV, rc;
	size_t n;

	switch (id->type) {
	case AGW_NAS5G_ID_NONE:
		agw_wr_u8(w, AGW_NAS5G_ID_NONE);
		rc = 0;
		break;
	case AGW_NAS5G_ID_SUCI:
		rc = nas5g_suci_encode(&id->u.suci, w);
		break;
	case AGW_NAS5G_ID_GUTI:
	case AGW_NAS5G_ID_S_TMSI:
		rc = nas5g_guti_encode(&id->u.guti, id->type == AGW_NAS5G_ID_GUTI, w);
		break;
	case AGW_NAS5G_ID_IMEI:
	case AGW_NAS5G_ID_IMEISV:
		n = strnlen(id->u.digits, sizeof(id->u.digits));
		if (n != (sv ? 16u : 15u) || !nas_is_digits(id->u.digits, n, n))
			return AGW_PROTO_E_BAD_VALUE;
		/* digit 1 | odd/even | type, then the rest */
		agw_wr_u8(w, (uint8_t)((id->u.digits[0] - '0') << 4 | (sv ? 0 : 8) | id->type));
		rc = nas_bcd_encode(w, id->u.digits + 1);
		break;
	default:
		return AGW_PROTO_E_UNSUPPORTED;
	}
	return rc != 0 ? rc : w->err;
}

/* ------------------------------------------------------------------------ */
/* Other typed IEs                                                           */
/* ------------------------------------------------------------------------ */

int
agw_nas5g_ue_sec_cap_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_sec_cap *c)
{
	struct agw_rd r = agw_rd_init(v, len);

	memset(c, 0, sizeof(*c));
	if (len < 2 || len > 8)
		return AGW_PROTO_E_BAD_LENGTH;
	c->len = (uint8_t)len;
	(void)agw_rd_u8(&r, &c->ea);
	(void)agw_rd_u8(&r, &c->ia);
	(void)agw_rd_u8(&r, &c->eea); /* leaves 0 when absent */
	(void)agw_rd_u8(&r, &c->eia);
	return 0;
}

int
agw_nas5g_ue_sec_cap_encode(const struct agw_nas5g_ue_sec_cap *c, struct agw_wr *w)
{
	uint8_t v[8] = {c->ea, c->ia, c->eea, c->eia, 0, 0, 0, 0};

	if (c->len < 2 || c->len > 8)
		return AGW_PROTO_E_BAD_LENGTH;
	agw_wr_bytes(w, v, c->len);
	return w->err;
}

int
agw_nas5g_ue_status_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_status *s)
{
	struct agw_rd r = agw_rd_init(v, len);
	uint8_t o = 0;

	memset(s, 0, sizeof(*s));
	if (len != 1 || agw_rd_u8(&r, &o) != 0)
		return AGW_PROTO_E_BAD_LENGTH;
	s->s1_registered = o & 1;
	s->n1_registered = (o >> 1) & 1;
	return 0;
}

/* Codes allowed in a domain (spec 000 §6.3): DH and device authentication
 * in both; user/secondary authentication and independent SM security only
 * in SM; 0xF0-0xFF operator-specific; everything else reserved. */
static int
nas5g_ssp_allowed(uint8_t code, int domain)
{
	if (code >= 0xf0)
		return 1;
	if (code == AGW_NAS5G_SSP_DH || code == AGW_NAS5G_SSP_DEVAUTH)
		return 1;
	return domain == AGW_NAS5G_SSI_SM && code >= AGW_NAS5G_SSP_USERAUTH &&
	       code <= AGW_NAS5G_SSP_INDEP_SM;
}

static int
nas5g_ssi_check(const struct agw_nas5g_ssi *s, int domain)
{
	unsigned int i, j;

	if (s->n > AGW_NAS5G_SSI_MAX)
		return AGW_PROTO_E_BAD_LENGTH;
	for (i = 0; i < s->n; i++) {
		if (!nas5g_ssp_allowed(s->e[i].code, domain))
			return AGW_PROTO_E_BAD_VALUE;
		for (j = 0; j < i; j++)
			if (s->e[j].code == s->e[i].code)
				return AGW_PROTO_E_BAD_VALUE;
	}
	return 0;
}

int
agw_nas5g_ssi_decode(const uint8_t *v, size_t len, int domain, struct agw_nas5g_ssi *s)
{
	struct agw_rd r = agw_rd_init(v, len);
	uint8_t flags, code, f;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	if (len == 0)
		return 0; /* "indicates no procedure" */
	if (len % 2 == 0 || (len - 1) / 2 > AGW_NAS5G_SSI_MAX)
		return AGW_PROTO_E_BAD_LENGTH;
	if (agw_rd_u8(&r, &flags) != 0)
		return AGW_PROTO_E_TRUNCATED;
	s->ordered = flags & 1;
	s->one_by_one = (flags >> 1) & 1;
	s->n = (uint8_t)((len - 1) / 2);
	for (i = 0; i < s->n; i++) {
		if (agw_rd_u8(&r, &code) != 0 || agw_rd_u8(&r, &f) != 0)
			return AGW_PROTO_E_TRUNCATED;
		s->e[i].code = code;
		s->e[i].ue_init = (f >> 7) & 1;
		s->e[i].default_init = (f >> 6) & 1;
		s->e[i].mandatory = (f >> 5) & 1; /* bits 5-1 spare, ignored */
	}
	return nas5g_ssi_check(s, domain);
}

int
agw_nas5g_ssi_encode(const struct agw_nas5g_ssi *s, int domain, struct agw_wr *w)
{
	unsigned int i;
	int rc = nas5g_ssi_check(s, domain);

	if (rc != 0)
		return rc;
	if (s->n == 0 && !s->ordered && !s->one_by_one)
		return w->err; /* empty: "indicates no procedure" */
	agw_wr_u8(w, (uint8_t)((s->ordered & 1) | (s->one_by_one & 1) << 1));
	for (i = 0; i < s->n; i++) {
		agw_wr_u8(w, s->e[i].code);
		agw_wr_u8(w,
			  (uint8_t)((s->e[i].ue_init & 1) << 7 | (s->e[i].default_init & 1) << 6 |
				    (s->e[i].mandatory & 1) << 5));
	}
	return w->err;
}

int
agw_nas5g_ue_svc_cap_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_svc_cap *c)
{
	struct agw_rd r = agw_rd_init(v, len);

	memset(c, 0, sizeof(*c));
	if (len < 1 || len > 2)
		return AGW_PROTO_E_BAD_LENGTH;
	(void)agw_rd_u8(&r, &c->mm_cap);
	c->mm_cap &= 0x03; /* DH, device authentication */
	if (agw_rd_u8(&r, &c->sm_cap) == 0) {
		c->sm_cap &= 0x1f;
		c->has_sm = 1;
	}
	return 0;
}

int
agw_nas5g_ue_svc_cap_encode(const struct agw_nas5g_ue_svc_cap *c, struct agw_wr *w)
{
	agw_wr_u8(w, c->mm_cap & 0x03);
	if (c->has_sm)
		agw_wr_u8(w, c->sm_cap & 0x1f);
	return w->err;
}

int
agw_nas5g_dh_key(const struct agw_nas_body *b, const uint8_t **key)
{
	const struct agw_nas_ie *scheme = agw_nas_get(b, AGW_NAS5G_F_DH_SCHEME);
	const struct agw_nas_ie *k = agw_nas_get(b, AGW_NAS5G_F_DH_PUBLIC_KEY);

	*key = NULL;
	if (scheme == NULL || k == NULL)
		return AGW_PROTO_E_MISSING_IE;
	if (scheme->len != 1 || scheme->v[0] != AGW_NAS5G_DH_X25519)
		return AGW_PROTO_E_UNSUPPORTED;
	if (k->len != 32) /* RFC 7748 5: X25519 u-coordinates are 32 octets */
		return AGW_PROTO_E_BAD_LENGTH;
	*key = k->v;
	return 0;
}

int
agw_nas5g_ssp_result(const struct agw_nas_body *b, uint8_t *result, uint8_t *cause)
{
	const struct agw_nas_ie *r = agw_nas_get(b, AGW_NAS5G_F_SSP_RESULT);
	const struct agw_nas_ie *c = agw_nas_get(b, AGW_NAS5G_F_MM_CAUSE);

	*result = 0;
	*cause = 0;
	if (r == NULL)
		return AGW_PROTO_E_MISSING_IE;
	if (r->len != 1 || (c != NULL && c->len != 1))
		return AGW_PROTO_E_BAD_LENGTH;
	if (r->v[0] != AGW_NAS5G_SSP_ACCEPTED && r->v[0] != AGW_NAS5G_SSP_REJECTED)
		return AGW_PROTO_E_BAD_VALUE;
	*result = r->v[0];
	*cause = c != NULL ? c->v[0] : 0;
	return 0;
}

int
agw_nas5g_relay_key_req_decode(const uint8_t *v, size_t len, struct agw_nas5g_relay_key_req *k)
{
	struct agw_rd r = agw_rd_init(v, len);

	memset(k, 0, sizeof(*k));
	if (len < 3 + 16 + 1)
		return AGW_PROTO_E_BAD_LENGTH;
	k->rsc = agw_rd_take(&r, 3);
	k->nonce1 = agw_rd_take(&r, 16);
	k->ue_id_len = (uint16_t)agw_rd_left(&r);
	k->ue_id = agw_rd_take(&r, k->ue_id_len);
	return 0;
}

int
agw_nas5g_relay_key_resp_decode(const uint8_t *v, size_t len, struct agw_nas5g_relay_key_resp *k)
{
	struct agw_rd r = agw_rd_init(v, len);

	memset(k, 0, sizeof(*k));
	if (len < 32 + 16)
		return AGW_PROTO_E_BAD_LENGTH;
	k->k_nr_prose = agw_rd_take(&r, 32);
	k->nonce2 = agw_rd_take(&r, 16);
	k->cp_pruk_id_len = (uint16_t)agw_rd_left(&r);
	if (k->cp_pruk_id_len != 0)
		k->cp_pruk_id = agw_rd_take(&r, k->cp_pruk_id_len);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* AKMA identifier (private, seed 001 §3.3 canonical form)                   */
/* ------------------------------------------------------------------------ */

/* A span of the NAI. */
struct nas_str {
	const uint8_t *p;
	size_t n;
};

static int
nas_str_prefix(struct nas_str s, const char *pfx)
{
	size_t n = strlen(pfx);

	return s.n >= n && memcmp(s.p, pfx, n) == 0;
}

static int
nas_str_eq(struct nas_str s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

/* Next '.'-separated label of @s from @pos; returns 0 at the end. */
static int
nas_label_next(struct nas_str s, size_t *pos, struct nas_str *lab)
{
	size_t i = *pos;

	if (i > s.n)
		return 0;
	lab->p = s.p + i;
	while (i < s.n && s.p[i] != '.')
		i++;
	lab->n = (size_t)(s.p + i - lab->p);
	*pos = i + 1;
	return 1;
}

/* Copy a label value ([a-z0-9-], 1..cap-1 characters) after its prefix. */
static int
nas_label_value(struct nas_str lab, size_t skip, char *out, size_t cap, int digits_only)
{
	size_t i, n = lab.n - skip;

	if (n == 0 || n >= cap)
		return AGW_PROTO_E_BAD_LENGTH;
	for (i = 0; i < n; i++) {
		uint8_t c = lab.p[skip + i];
		int ok = (c >= '0' && c <= '9') ||
			 (!digits_only && ((c >= 'a' && c <= 'z') || c == '-'));

		if (!ok)
			return AGW_PROTO_E_BAD_VALUE;
		out[i] = (char)c;
	}
	out[n] = '\0';
	return 0;
}

static int
nas_hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* upper case is not canonical */
}

static int
nas_akma_tid(struct nas_str lab, struct agw_nas5g_akma_id *a)
{
	size_t i, n = lab.n - 3;

	if (n == 0 || n % 2 != 0 || n / 2 > sizeof(a->tid))
		return AGW_PROTO_E_BAD_LENGTH;
	for (i = 0; i < n; i += 2) {
		int hi = nas_hexval(lab.p[3 + i]), lo = nas_hexval(lab.p[4 + i]);

		if (hi < 0 || lo < 0)
			return AGW_PROTO_E_BAD_VALUE;
		a->tid[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	a->tid_len = (uint8_t)(n / 2);
	return 0;
}

/* Username: [af<AF>.][aanf<AANF>.]rid<RID>.tid<hex> */
static int
nas_akma_user(struct nas_str user, struct agw_nas5g_akma_id *a)
{
	struct nas_str lab;
	size_t pos = 0;
	int rc = 0, have = nas_label_next(user, &pos, &lab);

	if (have && nas_str_prefix(lab, "af")) {
		rc = nas_label_value(lab, 2, a->af, sizeof(a->af), 0);
		have = rc == 0 && nas_label_next(user, &pos, &lab);
	}
	if (have && nas_str_prefix(lab, "aanf")) {
		rc = nas_label_value(lab, 4, a->aanf, sizeof(a->aanf), 0);
		have = rc == 0 && nas_label_next(user, &pos, &lab);
	}
	if (rc != 0)
		return rc;
	if (!have || !nas_str_prefix(lab, "rid"))
		return AGW_PROTO_E_BAD_VALUE;
	rc = nas_label_value(lab, 3, a->rid, sizeof(a->rid), 1);
	if (rc != 0)
		return rc;
	if (!nas_label_next(user, &pos, &lab) || !nas_str_prefix(lab, "tid"))
		return AGW_PROTO_E_BAD_VALUE;
	rc = nas_akma_tid(lab, a);
	if (rc == 0 && nas_label_next(user, &pos, &lab))
		return AGW_PROTO_E_BAD_VALUE; /* trailing label */
	return rc;
}

/* Realm: [akma.]5gc.mnc<MNC3>.mcc<MCC3>.3gppnetwork.org */
static int
nas_akma_realm(struct nas_str realm, struct agw_nas5g_akma_id *a)
{
	struct nas_str lab;
	size_t pos = 0;
	int have = nas_label_next(realm, &pos, &lab);

	if (have && nas_str_eq(lab, "akma")) {
		a->akma_label = 1;
		have = nas_label_next(realm, &pos, &lab);
	}
	if (!have || !nas_str_eq(lab, "5gc") || !nas_label_next(realm, &pos, &lab) || lab.n != 6 ||
	    !nas_str_prefix(lab, "mnc") ||
	    nas_label_value(lab, 3, a->plmn.mnc, sizeof(a->plmn.mnc), 1) != 0 ||
	    !nas_label_next(realm, &pos, &lab) || lab.n != 6 || !nas_str_prefix(lab, "mcc") ||
	    nas_label_value(lab, 3, a->plmn.mcc, sizeof(a->plmn.mcc), 1) != 0 ||
	    !nas_label_next(realm, &pos, &lab) || !nas_str_eq(lab, "3gppnetwork") ||
	    !nas_label_next(realm, &pos, &lab) || !nas_str_eq(lab, "org") ||
	    nas_label_next(realm, &pos, &lab))
		return AGW_PROTO_E_BAD_VALUE;
	return 0;
}

int
agw_nas5g_akma_id_decode(const uint8_t *v, size_t len, struct agw_nas5g_akma_id *a)
{
	struct agw_rd r = agw_rd_init(v, len);
	struct nas_str all, user, realm;
	size_t i, at = len;
	int rc;

	memset(a, 0, sizeof(*a));
	if (len == 0 || len > AGW_NAS5G_AKMA_NAI_MAX)
		return AGW_PROTO_E_BAD_LENGTH;
	all.p = agw_rd_take(&r, len);
	all.n = len;
	for (i = 0; i < len; i++) {
		if (all.p[i] == '@') {
			if (at != len)
				return AGW_PROTO_E_BAD_VALUE; /* two '@' */
			at = i;
		}
	}
	if (at == len)
		return AGW_PROTO_E_BAD_VALUE;
	a->nai = all.p;
	a->nai_len = (uint16_t)len;
	user.p = all.p;
	user.n = at;
	realm.p = all.p + at + 1;
	realm.n = len - at - 1;
	rc = nas_akma_user(user, a);
	return rc != 0 ? rc : nas_akma_realm(realm, a);
}

static int
nas_label_ok(const char *s, size_t cap, int may_be_empty)
{
	size_t n = strnlen(s, cap), i;

	if (n == cap || (n == 0 && !may_be_empty))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			return 0;
	return 1;
}

static void
nas_wr_str(struct agw_wr *w, const char *s)
{
	agw_wr_bytes(w, s, strlen(s));
}

int
agw_nas5g_akma_id_encode(const struct agw_nas5g_akma_id *a, struct agw_wr *w)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t *start = w->p;
	unsigned int i;
	char mnc[4];

	if (!nas_label_ok(a->af, sizeof(a->af), 1) || !nas_label_ok(a->aanf, sizeof(a->aanf), 1) ||
	    !nas_is_digits(a->rid, 1, 4) || a->tid_len == 0 || a->tid_len > sizeof(a->tid) ||
	    !nas_is_digits(a->plmn.mcc, 3, 3) || !nas_is_digits(a->plmn.mnc, 2, 3))
		return AGW_PROTO_E_BAD_VALUE;
	/* TS 23.003 28.2: the MNC is always 3 digits in the realm. */
	if (a->plmn.mnc[2] == '\0') {
		mnc[0] = '0';
		memcpy(mnc + 1, a->plmn.mnc, 3);
	} else {
		memcpy(mnc, a->plmn.mnc, 4);
	}
	if (a->af[0] != '\0') {
		nas_wr_str(w, "af");
		nas_wr_str(w, a->af);
		nas_wr_str(w, ".");
	}
	if (a->aanf[0] != '\0') {
		nas_wr_str(w, "aanf");
		nas_wr_str(w, a->aanf);
		nas_wr_str(w, ".");
	}
	nas_wr_str(w, "rid");
	nas_wr_str(w, a->rid);
	nas_wr_str(w, ".tid");
	for (i = 0; i < a->tid_len; i++) {
		agw_wr_u8(w, (uint8_t)hex[a->tid[i] >> 4]);
		agw_wr_u8(w, (uint8_t)hex[a->tid[i] & 0x0f]);
	}
	nas_wr_str(w, a->akma_label ? "@akma.5gc.mnc" : "@5gc.mnc");
	nas_wr_str(w, mnc);
	nas_wr_str(w, ".mcc");
	nas_wr_str(w, a->plmn.mcc);
	nas_wr_str(w, ".3gppnetwork.org");
	if (w->err != 0)
		return w->err;
	return (size_t)(w->p - start) > AGW_NAS5G_AKMA_NAI_MAX ? AGW_PROTO_E_BAD_LENGTH : 0;
}
