/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * GTPv2-C codec (TS 29.274) for N26. See agw_gtpv2.h. Every field goes
 * through agw_rd_* / agw_wr_*; the only direct octet arithmetic is on
 * values those calls returned.
 */

#include <string.h>

#include "agw_gtpv2.h"

/* ------------------------------------------------------------------ */
/* Header and IE walk                                                 */
/* ------------------------------------------------------------------ */

/*
 * TS 29.274 5.1, Figure 5.1-1 (T=1) / 5.1-2 (T=0): octet 1 = version(3) |
 * P | T | MP | spare(2); octet 2 = type; octets 3-4 = length of what follows
 * octet 4; [TEID 4 octets]; sequence number 3 octets; octet = message
 * priority(4) | spare(4) when MP=1, else spare.
 */
static int
gtpv2_hdr_read(struct agw_rd *r, struct agw_gtpv2_hdr *h)
{
	uint8_t flags, last;
	uint32_t seqp;
	int rc;

	memset(h, 0, sizeof(*h));
	if ((rc = agw_rd_u8(r, &flags)) != 0 || (rc = agw_rd_u8(r, &h->type)) != 0 ||
	    (rc = agw_rd_be16(r, &h->length)) != 0)
		return rc;
	h->version = flags >> 5;
	h->p = (flags >> 4) & 1;
	h->t = (flags >> 3) & 1;
	h->mp = (flags >> 2) & 1;
	if (h->version != 2)
		return AGW_PROTO_E_UNSUPPORTED;
	if (h->t && (rc = agw_rd_be32(r, &h->teid)) != 0)
		return rc;
	if ((rc = agw_rd_be32(r, &seqp)) != 0)
		return rc;
	h->seq = seqp >> 8;
	last = (uint8_t)seqp;
	h->prio = h->mp ? last >> 4 : 0;
	h->spare = h->mp ? (last & 0x0f) : last;
	return 0;
}

void
agw_gtpv2_ie_iter_init(struct agw_gtpv2_ie_iter *it, const uint8_t *ies, size_t len)
{
	it->rd = agw_rd_init(ies, len);
}

/* TS 29.274 8.2.1, Figure 8.2-1: type, length (value only), spare|instance. */
int
agw_gtpv2_ie_next(struct agw_gtpv2_ie_iter *it, struct agw_gtpv2_ie *ie)
{
	uint8_t oct4;
	int rc;

	if (agw_rd_left(&it->rd) == 0)
		return 0;
	if ((rc = agw_rd_u8(&it->rd, &ie->type)) != 0 ||
	    (rc = agw_rd_be16(&it->rd, &ie->len)) != 0 || (rc = agw_rd_u8(&it->rd, &oct4)) != 0)
		return rc;
	ie->spare = oct4 >> 4;
	ie->instance = oct4 & 0x0f;
	ie->val = agw_rd_take(&it->rd, ie->len);
	if (ie->val == NULL)
		return AGW_PROTO_E_BAD_LENGTH;
	return 1;
}

int
agw_gtpv2_ie_is_grouped(uint8_t type)
{
	switch (type) {
	case AGW_GTPV2_IE_BEARER_CONTEXT:
	case AGW_GTPV2_IE_PDN_CONNECTION:
	case AGW_GTPV2_IE_OVERLOAD_CONTROL:
	case AGW_GTPV2_IE_LOAD_CONTROL:
	case AGW_GTPV2_IE_REMOTE_UE_CONTEXT:
	case AGW_GTPV2_IE_SCEF_PDN_CONNECTION:
		return 1;
	default:
		return 0;
	}
}

/* Walk a list of IEs, descending into grouped IEs (TS 29.274 8.2.1). */
static int
gtpv2_ies_check(const uint8_t *p, size_t len, unsigned depth)
{
	struct agw_gtpv2_ie_iter it;
	struct agw_gtpv2_ie ie;
	int rc;

	if (depth > AGW_GTPV2_MAX_DEPTH)
		return AGW_PROTO_E_UNSUPPORTED;
	agw_gtpv2_ie_iter_init(&it, p, len);
	while ((rc = agw_gtpv2_ie_next(&it, &ie)) == 1) {
		if (!agw_gtpv2_ie_is_grouped(ie.type))
			continue;
		rc = gtpv2_ies_check(ie.val, ie.len, depth + 1);
		if (rc != 0)
			return rc;
	}
	/* The span is complete (the message length covered it): a torn IE
	 * header is a length disagreement, not a short input. */
	if (rc == AGW_PROTO_E_TRUNCATED)
		rc = AGW_PROTO_E_BAD_LENGTH;
	return rc;
}

int
agw_gtpv2_decode(const void *buf, size_t len, struct agw_gtpv2_msg *msg)
{
	struct agw_rd r = agw_rd_init(buf, len);
	size_t hlen;
	int rc;

	memset(msg, 0, sizeof(*msg));
	if ((rc = gtpv2_hdr_read(&r, &msg->hdr)) != 0)
		return rc;
	hlen = msg->hdr.t ? AGW_GTPV2_HDR_LEN_TEID : AGW_GTPV2_HDR_LEN_NOTEID;
	msg->msg_len = (size_t)msg->hdr.length + 4;
	if (msg->msg_len < hlen)
		return AGW_PROTO_E_BAD_LENGTH;
	/* TS 29.274 5.5.1: the length field covers everything after octet 4. */
	msg->ies_len = msg->msg_len - hlen;
	msg->ies = agw_rd_take(&r, msg->ies_len);
	if (msg->ies == NULL)
		return AGW_PROTO_E_TRUNCATED;
	if (agw_rd_left(&r) != 0) {
		/* TS 29.274 5.5.1: P=1 means another message follows. */
		if (!msg->hdr.p)
			return AGW_PROTO_E_TRAILING;
		msg->piggyback_len = agw_rd_left(&r);
		msg->piggyback = agw_rd_take(&r, msg->piggyback_len);
	}
	return gtpv2_ies_check(msg->ies, msg->ies_len, 0);
}

int
agw_gtpv2_ie_find(const uint8_t *ies, size_t len, uint8_t type, uint8_t instance,
		  struct agw_gtpv2_ie *ie)
{
	struct agw_gtpv2_ie_iter it;
	int rc;

	agw_gtpv2_ie_iter_init(&it, ies, len);
	while ((rc = agw_gtpv2_ie_next(&it, ie)) == 1)
		if (ie->type == type && ie->instance == instance)
			return 0;
	return rc == 0 ? AGW_PROTO_E_MISSING_IE : rc;
}

const char *
agw_gtpv2_msg_name(uint8_t type)
{
	switch (type) {
	case AGW_GTPV2_ECHO_REQ:
		return "Echo Request";
	case AGW_GTPV2_ECHO_RSP:
		return "Echo Response";
	case AGW_GTPV2_VERSION_NOT_SUPPORTED:
		return "Version Not Supported Indication";
	case AGW_GTPV2_CREATE_SESSION_REQ:
		return "Create Session Request";
	case AGW_GTPV2_CREATE_SESSION_RSP:
		return "Create Session Response";
	case 34:
		return "Modify Bearer Request";
	case 35:
		return "Modify Bearer Response";
	case 36:
		return "Delete Session Request";
	case 37:
		return "Delete Session Response";
	case 68:
		return "Bearer Resource Command";
	case 95:
		return "Create Bearer Request";
	case 96:
		return "Create Bearer Response";
	case AGW_GTPV2_IDENTIFICATION_REQ:
		return "Identification Request";
	case AGW_GTPV2_IDENTIFICATION_RSP:
		return "Identification Response";
	case AGW_GTPV2_CONTEXT_REQ:
		return "Context Request";
	case AGW_GTPV2_CONTEXT_RSP:
		return "Context Response";
	case AGW_GTPV2_CONTEXT_ACK:
		return "Context Acknowledge";
	case 170:
		return "Release Access Bearers Request";
	case 171:
		return "Release Access Bearers Response";
	case 176:
		return "Downlink Data Notification";
	default:
		return "Unknown";
	}
}

/* ------------------------------------------------------------------ */
/* Typed IE decoders                                                  */
/* ------------------------------------------------------------------ */

/* Reader over an IE value that must hold at least @p min octets. */
static int
gtpv2_val_rd(const struct agw_gtpv2_ie *ie, size_t min, struct agw_rd *r)
{
	*r = agw_rd_init(ie->val, ie->len);
	return ie->len < min ? AGW_PROTO_E_BAD_LENGTH : 0;
}

/*
 * TS 29.274 8.3: IMSI, TBCD as TS 29.274 8.2 / TS 24.008 10.5.1.4: digit 1
 * in bits 4-1 of octet 5, digit 2 in bits 8-5; an odd count ends with the
 * filler 1111 in the high nibble of the last octet. At most 15 digits.
 */
static int
gtpv2_tbcd_digit(uint8_t nib, int last_high, struct agw_gtpv2_imsi *out)
{
	if (nib == 0x0f && last_high)
		return 0;
	if (nib > 9)
		return AGW_PROTO_E_BAD_VALUE;
	out->digits[out->ndigits++] = (char)('0' + nib);
	return 0;
}

int
agw_gtpv2_imsi_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_imsi *out)
{
	struct agw_rd r = agw_rd_init(ie->val, ie->len);
	uint8_t o = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (ie->len == 0 || ie->len > 8)
		return AGW_PROTO_E_BAD_LENGTH;
	while (agw_rd_u8(&r, &o) == 0) {
		int last = agw_rd_left(&r) == 0;

		if ((rc = gtpv2_tbcd_digit(o & 0x0f, 0, out)) != 0 ||
		    (rc = gtpv2_tbcd_digit(o >> 4, last, out)) != 0)
			return rc;
	}
	return 0;
}

/* TS 29.274 8.4: cause, spare(5)|PCE|BCE|CS, [offending IE type, len, inst]. */
int
agw_gtpv2_cause_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_cause *out)
{
	struct agw_rd r;
	uint8_t flags = 0, inst = 0;
	uint16_t olen;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_val_rd(ie, 2, &r)) != 0)
		return rc;
	if (ie->len > 2 && ie->len < 6)
		return AGW_PROTO_E_BAD_LENGTH;
	agw_rd_u8(&r, &out->value);
	agw_rd_u8(&r, &flags);
	out->pce = (flags >> 2) & 1;
	out->bce = (flags >> 1) & 1;
	out->cs = flags & 1;
	if (ie->len < 6)
		return 0;
	out->has_offending = 1;
	if ((rc = agw_rd_u8(&r, &out->off_type)) != 0 || (rc = agw_rd_be16(&r, &olen)) != 0 ||
	    (rc = agw_rd_u8(&r, &inst)) != 0)
		return rc;
	out->off_instance = inst & 0x0f;
	return 0;
}

/* TS 29.274 8.22: V4|V6|interface type(6), TEID/GRE key, [IPv4], [IPv6]. */
int
agw_gtpv2_fteid_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_fteid *out)
{
	struct agw_rd r;
	const uint8_t *a;
	uint8_t o = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_val_rd(ie, 5, &r)) != 0)
		return rc;
	agw_rd_u8(&r, &o);
	agw_rd_be32(&r, &out->teid);
	out->v4 = o >> 7;
	out->v6 = (o >> 6) & 1;
	out->iftype = o & 0x3f;
	if (out->v4) {
		if ((a = agw_rd_take(&r, 4)) == NULL)
			return AGW_PROTO_E_BAD_LENGTH;
		memcpy(out->ipv4, a, 4);
	}
	if (out->v6) {
		if ((a = agw_rd_take(&r, 16)) == NULL)
			return AGW_PROTO_E_BAD_LENGTH;
		memcpy(out->ipv6, a, 16);
	}
	return 0;
}

/* TS 29.274 8.12: one or more flag octets (octet 5 on). */
int
agw_gtpv2_ind_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_ind *out)
{
	struct agw_rd r;
	const uint8_t *p;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_val_rd(ie, 1, &r)) != 0)
		return rc;
	out->len = ie->len > AGW_GTPV2_IND_MAX ? AGW_GTPV2_IND_MAX : (uint8_t)ie->len;
	p = agw_rd_take(&r, out->len);
	memcpy(out->oct, p, out->len);
	return 0;
}

int
agw_gtpv2_ind_get(const struct agw_gtpv2_ind *ind, unsigned flag)
{
	unsigned idx = (flag >> 3) - 5;

	if ((flag >> 3) < 5 || idx >= ind->len)
		return 0;
	return (ind->oct[idx] >> (flag & 7)) & 1;
}

int
agw_gtpv2_ind_set(struct agw_gtpv2_ind *ind, unsigned flag)
{
	unsigned idx = (flag >> 3) - 5;

	if ((flag >> 3) < 5 || idx >= AGW_GTPV2_IND_MAX)
		return AGW_PROTO_E_BAD_VALUE;
	/* Octets 5 and 6 always: Rel-8 defined the IE with two (tshark flags
	 * a one-octet Indication as an error). */
	while (ind->len <= idx || ind->len < 2)
		ind->oct[ind->len++] = 0;
	ind->oct[idx] |= (uint8_t)(1u << (flag & 7));
	return 0;
}

/* TS 29.274 8.47: MCC/MNC (3), MME Group ID (2), MME Code (1), M-TMSI (4). */
int
agw_gtpv2_guti_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_guti *out)
{
	struct agw_rd r;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_val_rd(ie, 10, &r)) != 0)
		return rc;
	memcpy(out->plmn, agw_rd_take(&r, 3), 3);
	agw_rd_be16(&r, &out->mmegi);
	agw_rd_u8(&r, &out->mmec);
	agw_rd_be32(&r, &out->mtmsi);
	return 0;
}

/* TS 29.274 8.46: request type (octet 5), then the whole NAS message. */
int
agw_gtpv2_crm_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_crm *out)
{
	struct agw_rd r;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_val_rd(ie, 1, &r)) != 0)
		return rc;
	agw_rd_u8(&r, &out->type);
	out->msg.len = (uint16_t)agw_rd_left(&r);
	out->msg.p = agw_rd_take(&r, out->msg.len);
	return 0;
}

int
agw_gtpv2_u8_decode(const struct agw_gtpv2_ie *ie, uint8_t *v)
{
	struct agw_rd r;
	int rc;

	*v = 0;
	if ((rc = gtpv2_val_rd(ie, 1, &r)) != 0)
		return rc;
	return agw_rd_u8(&r, v);
}

int
agw_gtpv2_u16_decode(const struct agw_gtpv2_ie *ie, uint16_t *v)
{
	struct agw_rd r;
	int rc;

	*v = 0;
	if ((rc = gtpv2_val_rd(ie, 2, &r)) != 0)
		return rc;
	return agw_rd_be16(&r, v);
}

int
agw_gtpv2_u32_decode(const struct agw_gtpv2_ie *ie, uint32_t *v)
{
	struct agw_rd r;
	int rc;

	*v = 0;
	if ((rc = gtpv2_val_rd(ie, 4, &r)) != 0)
		return rc;
	return agw_rd_be32(&r, v);
}

int
agw_gtpv2_plmn_decode(const struct agw_gtpv2_ie *ie, uint8_t plmn[3])
{
	struct agw_rd r;
	int rc;

	memset(plmn, 0, 3);
	if ((rc = gtpv2_val_rd(ie, 3, &r)) != 0)
		return rc;
	memcpy(plmn, agw_rd_take(&r, 3), 3);
	return 0;
}

/* TS 24.008 10.5.1.13: MCC2|MCC1, MNC3|MCC3, MNC2|MNC1; MNC3 = F: 2 digits. */
int
agw_gtpv2_plmn_split(const uint8_t plmn[3], uint16_t *mcc, uint16_t *mnc, uint8_t *mnc_digits)
{
	uint8_t d[6] = {plmn[0] & 0x0f, plmn[0] >> 4, plmn[1] & 0x0f,
			plmn[2] & 0x0f, plmn[2] >> 4, plmn[1] >> 4};
	int i;

	for (i = 0; i < 5; i++)
		if (d[i] > 9)
			return AGW_PROTO_E_BAD_VALUE;
	if (d[5] != 0x0f && d[5] > 9)
		return AGW_PROTO_E_BAD_VALUE;
	*mcc = (uint16_t)(d[0] * 100 + d[1] * 10 + d[2]);
	*mnc = (uint16_t)(d[3] * 10 + d[4]);
	*mnc_digits = 2;
	if (d[5] != 0x0f) {
		*mnc = (uint16_t)(*mnc * 10 + d[5]);
		*mnc_digits = 3;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* MM Context, EPS (type 107), TS 29.274 8.38 Figure 8.38-4           */
/* ------------------------------------------------------------------ */

static int
gtpv2_rd_be24(struct agw_rd *r, uint32_t *v)
{
	const uint8_t *p = agw_rd_take(r, 3);

	if (p == NULL)
		return AGW_PROTO_E_TRUNCATED;
	*v = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	return 0;
}

static int
gtpv2_rd_fixed(struct agw_rd *r, size_t n, const uint8_t **p)
{
	*p = agw_rd_take(r, n);
	return *p == NULL ? AGW_PROTO_E_TRUNCATED : 0;
}

/* A length-prefixed field: 1 octet (LV) or 2 octets (LV-E) of length. */
static int
gtpv2_rd_lv(struct agw_rd *r, int wide, struct agw_gtpv2_buf *b)
{
	uint8_t l8;
	int rc;

	if (wide)
		rc = agw_rd_be16(r, &b->len);
	else if ((rc = agw_rd_u8(r, &l8)) == 0)
		b->len = l8;
	if (rc != 0)
		return rc;
	b->p = agw_rd_take(r, b->len);
	return b->p == NULL ? AGW_PROTO_E_BAD_LENGTH : 0;
}

/* Octets 5-7: flags, counts and algorithms. */
static int
gtpv2_mm_flags(struct agw_rd *r, struct agw_gtpv2_mm_eps *mm)
{
	uint8_t o5, o6, o7;
	int rc;

	if ((rc = agw_rd_u8(r, &o5)) != 0 || (rc = agw_rd_u8(r, &o6)) != 0 ||
	    (rc = agw_rd_u8(r, &o7)) != 0)
		return rc;
	mm->sec_mode = o5 >> 5;
	mm->nhi = (o5 >> 4) & 1;
	mm->drxi = (o5 >> 3) & 1;
	mm->ksi_asme = o5 & 7;
	mm->n_quint = o6 >> 5;
	mm->n_quad = (o6 >> 2) & 7;
	mm->uambri = (o6 >> 1) & 1;
	mm->osci = o6 & 1;
	mm->sambri = o7 >> 7;
	mm->nas_int_alg = (o7 >> 4) & 7;
	mm->nas_cipher_alg = o7 & 0x0f;
	return mm->sec_mode == 4 ? 0 : AGW_PROTO_E_BAD_VALUE;
}

/* Figure 8.38-7: RAND, XRES (LV), AUTN (LV), K_ASME. */
static int
gtpv2_mm_quad(struct agw_rd *r, struct agw_gtpv2_quad *q)
{
	int rc;

	if ((rc = gtpv2_rd_fixed(r, 16, &q->rand)) != 0 ||
	    (rc = gtpv2_rd_lv(r, 0, &q->xres)) != 0 || (rc = gtpv2_rd_lv(r, 0, &q->autn)) != 0)
		return rc;
	return gtpv2_rd_fixed(r, 32, &q->kasme);
}

/* Figure 8.38-6: RAND, XRES (LV), CK, IK, AUTN (LV). */
static int
gtpv2_mm_quint(struct agw_rd *r, struct agw_gtpv2_quint *q)
{
	int rc;

	if ((rc = gtpv2_rd_fixed(r, 16, &q->rand)) != 0 ||
	    (rc = gtpv2_rd_lv(r, 0, &q->xres)) != 0 || (rc = gtpv2_rd_fixed(r, 16, &q->ck)) != 0 ||
	    (rc = gtpv2_rd_fixed(r, 16, &q->ik)) != 0)
		return rc;
	return gtpv2_rd_lv(r, 0, &q->autn);
}

/* Quadruplets, then quintuplets, then DRX, NH/NCC and the AMBRs. */
static int
gtpv2_mm_vectors(struct agw_rd *r, struct agw_gtpv2_mm_eps *mm)
{
	const uint8_t *p;
	unsigned i;
	int rc;

	for (i = 0; i < mm->n_quad; i++)
		if ((rc = gtpv2_mm_quad(r, &mm->quad[i])) != 0)
			return rc;
	for (i = 0; i < mm->n_quint; i++)
		if ((rc = gtpv2_mm_quint(r, &mm->quint[i])) != 0)
			return rc;
	if (mm->drxi && (rc = agw_rd_be16(r, &mm->drx)) != 0)
		return rc;
	if (mm->nhi) {
		if ((rc = gtpv2_rd_fixed(r, 32, &mm->nh)) != 0 ||
		    (rc = gtpv2_rd_fixed(r, 1, &p)) != 0)
			return rc;
		mm->ncc = p[0] & 7;
	}
	if (mm->sambri && ((rc = agw_rd_be32(r, &mm->ul_sub_ambr)) != 0 ||
			   (rc = agw_rd_be32(r, &mm->dl_sub_ambr)) != 0))
		return rc;
	if (mm->uambri && ((rc = agw_rd_be32(r, &mm->ul_used_ambr)) != 0 ||
			   (rc = agw_rd_be32(r, &mm->dl_used_ambr)) != 0))
		return rc;
	return 0;
}

/* UE/MS network capability, MEI (LV each), access restriction, old ctx. */
static int
gtpv2_mm_caps(struct agw_rd *r, struct agw_gtpv2_mm_eps *mm)
{
	uint8_t o = 0;
	int rc;

	if ((rc = gtpv2_rd_lv(r, 0, &mm->ue_net_cap)) != 0 ||
	    (rc = gtpv2_rd_lv(r, 0, &mm->ms_net_cap)) != 0 ||
	    (rc = gtpv2_rd_lv(r, 0, &mm->mei)) != 0 ||
	    (rc = agw_rd_u8(r, &mm->access_restriction)) != 0)
		return rc;
	if (!mm->osci)
		return 0;
	/* Old EPS security context: NHI_old(8) | spare | old KSI(6-4) | old NCC(3-1). */
	if ((rc = agw_rd_u8(r, &o)) != 0)
		return rc;
	mm->old_nhi = o >> 7;
	mm->old_ksi = (o >> 3) & 7;
	mm->old_ncc = mm->old_nhi ? (o & 7) : 0;
	if ((rc = gtpv2_rd_fixed(r, 32, &mm->old_kasme)) != 0)
		return rc;
	if (mm->old_nhi)
		return gtpv2_rd_fixed(r, 32, &mm->old_nh);
	return 0;
}

/* Trailing LV / LV-E fields, present in order as far as the IE goes. */
static int
gtpv2_mm_ext(struct agw_rd *r, struct agw_gtpv2_mm_eps *mm)
{
	int rc;

	while (agw_rd_left(r) != 0 && mm->n_ext < AGW_GTPV2_MM_EXT_N_) {
		int wide = mm->n_ext == AGW_GTPV2_MM_EXT_PAGING_CAP;

		if ((rc = gtpv2_rd_lv(r, wide, &mm->ext[mm->n_ext])) != 0)
			return rc;
		mm->n_ext++;
	}
	mm->rest.len = (uint16_t)agw_rd_left(r);
	mm->rest.p = agw_rd_take(r, mm->rest.len);
	return 0;
}

int
agw_gtpv2_mm_eps_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_mm_eps *out)
{
	struct agw_rd r = agw_rd_init(ie->val, ie->len);
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gtpv2_mm_flags(&r, out)) != 0 ||
	    (rc = gtpv2_rd_be24(&r, &out->nas_dl_count)) != 0 ||
	    (rc = gtpv2_rd_be24(&r, &out->nas_ul_count)) != 0 ||
	    (rc = gtpv2_rd_fixed(&r, 32, &out->kasme)) != 0 ||
	    (rc = gtpv2_mm_vectors(&r, out)) != 0 || (rc = gtpv2_mm_caps(&r, out)) != 0)
		return rc;
	return gtpv2_mm_ext(&r, out);
}

/* ------------------------------------------------------------------ */
/* Message parsers                                                    */
/* ------------------------------------------------------------------ */

/* Adapters so that one table can drive every typed decoder. */
typedef int (*gtpv2_dec_fn)(const struct agw_gtpv2_ie *ie, void *dst);

static int
dec_imsi(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_imsi_decode(ie, d);
}

static int
dec_cause(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_cause_decode(ie, d);
}

static int
dec_fteid(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_fteid_decode(ie, d);
}

static int
dec_ind(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_ind_decode(ie, d);
}

static int
dec_guti(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_guti_decode(ie, d);
}

static int
dec_crm(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_crm_decode(ie, d);
}

static int
dec_u8(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_u8_decode(ie, d);
}

static int
dec_u16(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_u16_decode(ie, d);
}

static int
dec_u32(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_u32_decode(ie, d);
}

static int
dec_plmn(const struct agw_gtpv2_ie *ie, void *d)
{
	return agw_gtpv2_plmn_decode(ie, d);
}

/* Repeatable IE: count its occurrences (uint8_t, saturating). */
static int
dec_count(const struct agw_gtpv2_ie *ie, void *d)
{
	uint8_t *n = d;

	(void)ie;
	if (*n < UINT8_MAX)
		(*n)++;
	return 0;
}

/* MM Context: keep the raw IE; decode type 107 into the struct after it. */
static int
dec_mm(const struct agw_gtpv2_ie *ie, void *d)
{
	struct agw_gtpv2_ctx_rsp *o =
		(void *)((char *)d - offsetof(struct agw_gtpv2_ctx_rsp, mm_ie));

	o->mm_ie = *ie;
	if (ie->type != AGW_GTPV2_IE_MM_EPS)
		return 0;
	o->present |= AGW_GTPV2_CTXRSP_MM_EPS;
	return agw_gtpv2_mm_eps_decode(ie, &o->mm);
}

/* Where an IE of a message goes: types type_lo..type_hi, one instance. */
struct gtpv2_rule {
	uint8_t type_lo;
	uint8_t type_hi;
	uint8_t instance;
	uint32_t bit; /* presence bit; 0 for repeatable IEs */
	gtpv2_dec_fn dec;
	size_t off; /* destination offset in the message struct */
};

#define R(t, i, b, f, s, m)                                                                        \
	{                                                                                          \
		(t), (t), (i), (b), (f), offsetof(s, m)                                            \
	}

/* Context Request, TS 29.274 Table 7.3.5-1. */
static const struct gtpv2_rule gtpv2_req_rules[] = {
	R(AGW_GTPV2_IE_IMSI, 0, AGW_GTPV2_CTXREQ_IMSI, dec_imsi, struct agw_gtpv2_ctx_req, imsi),
	R(AGW_GTPV2_IE_GUTI, 0, AGW_GTPV2_CTXREQ_GUTI, dec_guti, struct agw_gtpv2_ctx_req, guti),
	R(AGW_GTPV2_IE_PTMSI, 0, AGW_GTPV2_CTXREQ_PTMSI, dec_u32, struct agw_gtpv2_ctx_req, ptmsi),
	R(AGW_GTPV2_IE_COMPLETE_REQUEST_MSG, 0, AGW_GTPV2_CTXREQ_CRM, dec_crm,
	  struct agw_gtpv2_ctx_req, crm),
	R(AGW_GTPV2_IE_FTEID, 0, AGW_GTPV2_CTXREQ_FTEID, dec_fteid, struct agw_gtpv2_ctx_req,
	  fteid),
	R(AGW_GTPV2_IE_PORT_NUMBER, 0, AGW_GTPV2_CTXREQ_PORT, dec_u16, struct agw_gtpv2_ctx_req,
	  udp_src_port),
	R(AGW_GTPV2_IE_RAT_TYPE, 0, AGW_GTPV2_CTXREQ_RAT, dec_u8, struct agw_gtpv2_ctx_req,
	  rat_type),
	R(AGW_GTPV2_IE_INDICATION, 0, AGW_GTPV2_CTXREQ_IND, dec_ind, struct agw_gtpv2_ctx_req, ind),
	R(AGW_GTPV2_IE_HOP_COUNTER, 0, AGW_GTPV2_CTXREQ_HOP, dec_u8, struct agw_gtpv2_ctx_req,
	  hop_counter),
	R(AGW_GTPV2_IE_SERVING_NETWORK, 0, AGW_GTPV2_CTXREQ_TARGET_PLMN, dec_plmn,
	  struct agw_gtpv2_ctx_req, target_plmn),
};

/* Context Response, TS 29.274 Table 7.3.6-1 (Cause: see gtpv2_parse()). */
static const struct gtpv2_rule gtpv2_rsp_rules[] = {
	R(AGW_GTPV2_IE_IMSI, 0, AGW_GTPV2_CTXRSP_IMSI, dec_imsi, struct agw_gtpv2_ctx_rsp, imsi),
	{AGW_GTPV2_IE_MM_GSM_TRIPLETS, AGW_GTPV2_IE_MM_UMTS_QUAD_QUINT, 0, AGW_GTPV2_CTXRSP_MM,
	 dec_mm, offsetof(struct agw_gtpv2_ctx_rsp, mm_ie)},
	R(AGW_GTPV2_IE_FTEID, 0, AGW_GTPV2_CTXRSP_FTEID, dec_fteid, struct agw_gtpv2_ctx_rsp,
	  fteid),
	R(AGW_GTPV2_IE_FTEID, 1, AGW_GTPV2_CTXRSP_SGW_FTEID, dec_fteid, struct agw_gtpv2_ctx_rsp,
	  sgw_fteid),
	R(AGW_GTPV2_IE_INDICATION, 0, AGW_GTPV2_CTXRSP_IND, dec_ind, struct agw_gtpv2_ctx_rsp, ind),
	R(AGW_GTPV2_IE_PDN_CONNECTION, 0, 0, dec_count, struct agw_gtpv2_ctx_rsp, n_pdn),
};

/* Context Acknowledge, TS 29.274 Table 7.3.7-1. */
static const struct gtpv2_rule gtpv2_ack_rules[] = {
	R(AGW_GTPV2_IE_INDICATION, 0, AGW_GTPV2_CTXACK_IND, dec_ind, struct agw_gtpv2_ctx_ack, ind),
	R(AGW_GTPV2_IE_FTEID, 0, AGW_GTPV2_CTXACK_FWD_FTEID, dec_fteid, struct agw_gtpv2_ctx_ack,
	  fwd_fteid),
	R(AGW_GTPV2_IE_BEARER_CONTEXT, 0, 0, dec_count, struct agw_gtpv2_ctx_ack, n_bearer),
};

#undef R

static const struct gtpv2_rule *
gtpv2_rule_find(const struct gtpv2_rule *rules, size_t n, const struct agw_gtpv2_ie *ie)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ie->type >= rules[i].type_lo && ie->type <= rules[i].type_hi &&
		    ie->instance == rules[i].instance)
			return &rules[i];
	return NULL;
}

/*
 * Walk the top-level IEs and decode those the rules name. Unknown or
 * unexpected IEs are ignored (TS 29.274 7.7.8); of a repeated IE only the
 * first occurrence is used (TS 29.274 7.7.9). @p present is the first
 * member of every message struct.
 */
static int
gtpv2_parse(const struct agw_gtpv2_msg *m, const struct gtpv2_rule *rules, size_t n, void *out)
{
	uint32_t *present = out;
	struct agw_gtpv2_ie_iter it;
	struct agw_gtpv2_ie ie;
	const struct gtpv2_rule *rule;
	int rc;

	agw_gtpv2_ie_iter_init(&it, m->ies, m->ies_len);
	while ((rc = agw_gtpv2_ie_next(&it, &ie)) == 1) {
		rule = gtpv2_rule_find(rules, n, &ie);
		if (rule == NULL || (*present & rule->bit) != 0)
			continue;
		*present |= rule->bit;
		rc = rule->dec(&ie, (char *)out + rule->off);
		if (rc != 0)
			return rc;
	}
	return rc;
}

/* The mandatory Cause of a response (TS 29.274 7.3.6, 7.3.7), instance 0. */
static int
gtpv2_find_cause(const struct agw_gtpv2_msg *m, struct agw_gtpv2_cause *c)
{
	struct agw_gtpv2_ie ie;
	int rc = agw_gtpv2_ie_find(m->ies, m->ies_len, AGW_GTPV2_IE_CAUSE, 0, &ie);

	if (rc != 0)
		return rc;
	return dec_cause(&ie, c);
}

#define GTPV2_N(a) (sizeof(a) / sizeof((a)[0]))

int
agw_gtpv2_ctx_req_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_req *out)
{
	memset(out, 0, sizeof(*out));
	if (msg->hdr.type != AGW_GTPV2_CONTEXT_REQ)
		return AGW_PROTO_E_BAD_VALUE;
	return gtpv2_parse(msg, gtpv2_req_rules, GTPV2_N(gtpv2_req_rules), out);
}

int
agw_gtpv2_ctx_rsp_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_rsp *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (msg->hdr.type != AGW_GTPV2_CONTEXT_RSP)
		return AGW_PROTO_E_BAD_VALUE;
	if ((rc = gtpv2_find_cause(msg, &out->cause)) != 0)
		return rc;
	return gtpv2_parse(msg, gtpv2_rsp_rules, GTPV2_N(gtpv2_rsp_rules), out);
}

int
agw_gtpv2_ctx_ack_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_ack *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (msg->hdr.type != AGW_GTPV2_CONTEXT_ACK)
		return AGW_PROTO_E_BAD_VALUE;
	if ((rc = gtpv2_find_cause(msg, &out->cause)) != 0)
		return rc;
	return gtpv2_parse(msg, gtpv2_ack_rules, GTPV2_N(gtpv2_ack_rules), out);
}

/* ------------------------------------------------------------------ */
/* Encoders                                                           */
/* ------------------------------------------------------------------ */

/* TS 29.274 5.1: header with a zero length, fixed by agw_gtpv2_msg_end(). */
uint8_t *
agw_gtpv2_msg_begin(struct agw_wr *w, const struct agw_gtpv2_hdr *hdr)
{
	uint8_t *start = w->p;
	uint8_t last = hdr->mp ? (uint8_t)(hdr->prio << 4) : 0;

	agw_wr_u8(w,
		  (uint8_t)(2 << 5 | (hdr->p & 1) << 4 | (hdr->t & 1) << 3 | (hdr->mp & 1) << 2));
	agw_wr_u8(w, hdr->type);
	agw_wr_be16(w, 0);
	if (hdr->t)
		agw_wr_be32(w, hdr->teid);
	agw_wr_be32(w, (hdr->seq & 0xffffff) << 8 | last);
	return w->err != 0 ? NULL : start;
}

long
agw_gtpv2_msg_end(struct agw_wr *w, uint8_t *start)
{
	size_t n;

	if (w->err != 0 || start == NULL)
		return AGW_PROTO_E_NO_SPACE;
	n = (size_t)(w->p - start);
	if (n - 4 > UINT16_MAX)
		return AGW_PROTO_E_BAD_VALUE;
	start[2] = (uint8_t)((n - 4) >> 8);
	start[3] = (uint8_t)(n - 4);
	return (long)n;
}

/* TS 29.274 8.2.1: type, length, spare(4)=0 | instance(4). */
static void
gtpv2_ie_hdr(struct agw_wr *w, uint8_t type, uint8_t instance, uint16_t len)
{
	agw_wr_u8(w, type);
	agw_wr_be16(w, len);
	agw_wr_u8(w, instance & 0x0f);
}

uint8_t *
agw_gtpv2_ie_open(struct agw_wr *w, uint8_t type, uint8_t instance)
{
	uint8_t *mark = w->p;

	gtpv2_ie_hdr(w, type, instance, 0);
	return w->err != 0 ? NULL : mark;
}

int
agw_gtpv2_ie_close(struct agw_wr *w, uint8_t *mark)
{
	size_t n;

	if (w->err != 0 || mark == NULL)
		return AGW_PROTO_E_NO_SPACE;
	n = (size_t)(w->p - mark) - AGW_GTPV2_IE_HDR_LEN;
	if (n > UINT16_MAX)
		return AGW_PROTO_E_BAD_VALUE;
	mark[1] = (uint8_t)(n >> 8);
	mark[2] = (uint8_t)n;
	return 0;
}

void
agw_gtpv2_put_raw(struct agw_wr *w, uint8_t type, uint8_t instance, const void *val, uint16_t len)
{
	gtpv2_ie_hdr(w, type, instance, len);
	agw_wr_bytes(w, val, len);
}

void
agw_gtpv2_put_u8(struct agw_wr *w, uint8_t type, uint8_t instance, uint8_t v)
{
	agw_gtpv2_put_raw(w, type, instance, &v, 1);
}

void
agw_gtpv2_put_u16(struct agw_wr *w, uint8_t type, uint8_t instance, uint16_t v)
{
	gtpv2_ie_hdr(w, type, instance, 2);
	agw_wr_be16(w, v);
}

/* TS 29.274 8.3: TBCD, filler 1111 after an odd count. */
int
agw_gtpv2_put_imsi(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_imsi *imsi)
{
	uint8_t v[8];
	unsigned i, n = imsi->ndigits;

	if (n == 0 || n > 15)
		return AGW_PROTO_E_BAD_VALUE;
	for (i = 0; i < n; i++)
		if (imsi->digits[i] < '0' || imsi->digits[i] > '9')
			return AGW_PROTO_E_BAD_VALUE;
	for (i = 0; i < (n + 1) / 2; i++) {
		uint8_t lo = (uint8_t)(imsi->digits[2 * i] - '0');
		uint8_t hi = 2 * i + 1 < n ? (uint8_t)(imsi->digits[2 * i + 1] - '0') : 0x0f;

		v[i] = (uint8_t)(hi << 4 | lo);
	}
	agw_gtpv2_put_raw(w, AGW_GTPV2_IE_IMSI, instance, v, (uint16_t)((n + 1) / 2));
	return 0;
}

/* TS 29.274 8.4. */
void
agw_gtpv2_put_cause(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_cause *c)
{
	gtpv2_ie_hdr(w, AGW_GTPV2_IE_CAUSE, instance, c->has_offending ? 6 : 2);
	agw_wr_u8(w, c->value);
	agw_wr_u8(w, (uint8_t)((c->pce & 1) << 2 | (c->bce & 1) << 1 | (c->cs & 1)));
	if (!c->has_offending)
		return;
	agw_wr_u8(w, c->off_type);
	agw_wr_be16(w, 0);
	agw_wr_u8(w, c->off_instance & 0x0f);
}

/* TS 29.274 8.22. */
int
agw_gtpv2_put_fteid(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_fteid *f)
{
	if (f->iftype > 0x3f)
		return AGW_PROTO_E_BAD_VALUE;
	gtpv2_ie_hdr(w, AGW_GTPV2_IE_FTEID, instance,
		     (uint16_t)(5 + (f->v4 ? 4 : 0) + (f->v6 ? 16 : 0)));
	agw_wr_u8(w, (uint8_t)((f->v4 ? 0x80 : 0) | (f->v6 ? 0x40 : 0) | f->iftype));
	agw_wr_be32(w, f->teid);
	if (f->v4)
		agw_wr_bytes(w, f->ipv4, 4);
	if (f->v6)
		agw_wr_bytes(w, f->ipv6, 16);
	return 0;
}

/* TS 29.274 8.12. */
int
agw_gtpv2_put_ind(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_ind *ind)
{
	if (ind->len == 0 || ind->len > AGW_GTPV2_IND_MAX)
		return AGW_PROTO_E_BAD_VALUE;
	agw_gtpv2_put_raw(w, AGW_GTPV2_IE_INDICATION, instance, ind->oct, ind->len);
	return 0;
}

/* TS 29.274 8.47. */
void
agw_gtpv2_put_guti(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_guti *g)
{
	gtpv2_ie_hdr(w, AGW_GTPV2_IE_GUTI, instance, 10);
	agw_wr_bytes(w, g->plmn, 3);
	agw_wr_be16(w, g->mmegi);
	agw_wr_u8(w, g->mmec);
	agw_wr_be32(w, g->mtmsi);
}

/* TS 29.274 8.46. */
int
agw_gtpv2_put_crm(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_crm *crm)
{
	if (crm->msg.len >= UINT16_MAX || (crm->msg.len != 0 && crm->msg.p == NULL))
		return AGW_PROTO_E_BAD_VALUE;
	gtpv2_ie_hdr(w, AGW_GTPV2_IE_COMPLETE_REQUEST_MSG, instance, (uint16_t)(crm->msg.len + 1));
	agw_wr_u8(w, crm->type);
	agw_wr_bytes(w, crm->msg.p, crm->msg.len);
	return 0;
}

/* ---- MM Context type 107 (TS 29.274 8.38, Figure 8.38-4) ---- */

static void
gtpv2_wr_be24(struct agw_wr *w, uint32_t v)
{
	uint8_t b[3] = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	agw_wr_bytes(w, b, 3);
}

static int
gtpv2_wr_lv(struct agw_wr *w, int wide, const struct agw_gtpv2_buf *b)
{
	if ((!wide && b->len > UINT8_MAX) || (b->len != 0 && b->p == NULL))
		return AGW_PROTO_E_BAD_VALUE;
	if (wide)
		agw_wr_be16(w, b->len);
	else
		agw_wr_u8(w, (uint8_t)b->len);
	agw_wr_bytes(w, b->p, b->len);
	return 0;
}

static int
gtpv2_mm_check(const struct agw_gtpv2_mm_eps *mm)
{
	if (mm->kasme == NULL || (mm->nhi && mm->nh == NULL) ||
	    (mm->osci && mm->old_kasme == NULL) || (mm->osci && mm->old_nhi && mm->old_nh == NULL))
		return AGW_PROTO_E_BAD_VALUE;
	if (mm->ksi_asme > 7 || mm->n_quint > AGW_GTPV2_MAX_VECTORS ||
	    mm->n_quad > AGW_GTPV2_MAX_VECTORS || mm->nas_int_alg > 7 || mm->nas_cipher_alg > 15 ||
	    mm->nas_dl_count > 0xffffff || mm->nas_ul_count > 0xffffff || mm->ncc > 7 ||
	    mm->old_ksi > 7 || mm->old_ncc > 7 || mm->n_ext > AGW_GTPV2_MM_EXT_N_)
		return AGW_PROTO_E_BAD_VALUE;
	return 0;
}

static void
gtpv2_mm_put_flags(struct agw_wr *w, const struct agw_gtpv2_mm_eps *mm)
{
	agw_wr_u8(w, (uint8_t)(4 << 5 | (mm->nhi & 1) << 4 | (mm->drxi & 1) << 3 | mm->ksi_asme));
	agw_wr_u8(w, (uint8_t)(mm->n_quint << 5 | mm->n_quad << 2 | (mm->uambri & 1) << 1 |
			       (mm->osci & 1)));
	agw_wr_u8(w, (uint8_t)((mm->sambri & 1) << 7 | mm->nas_int_alg << 4 | mm->nas_cipher_alg));
	gtpv2_wr_be24(w, mm->nas_dl_count);
	gtpv2_wr_be24(w, mm->nas_ul_count);
	agw_wr_bytes(w, mm->kasme, 32);
}

static int
gtpv2_mm_put_vectors(struct agw_wr *w, const struct agw_gtpv2_mm_eps *mm)
{
	unsigned i;
	int rc = 0;

	for (i = 0; i < mm->n_quad && rc == 0; i++) {
		const struct agw_gtpv2_quad *q = &mm->quad[i];

		if (q->rand == NULL || q->kasme == NULL)
			return AGW_PROTO_E_BAD_VALUE;
		agw_wr_bytes(w, q->rand, 16);
		if ((rc = gtpv2_wr_lv(w, 0, &q->xres)) == 0 &&
		    (rc = gtpv2_wr_lv(w, 0, &q->autn)) == 0)
			agw_wr_bytes(w, q->kasme, 32);
	}
	for (i = 0; i < mm->n_quint && rc == 0; i++) {
		const struct agw_gtpv2_quint *q = &mm->quint[i];

		if (q->rand == NULL || q->ck == NULL || q->ik == NULL)
			return AGW_PROTO_E_BAD_VALUE;
		agw_wr_bytes(w, q->rand, 16);
		if ((rc = gtpv2_wr_lv(w, 0, &q->xres)) != 0)
			return rc;
		agw_wr_bytes(w, q->ck, 16);
		agw_wr_bytes(w, q->ik, 16);
		rc = gtpv2_wr_lv(w, 0, &q->autn);
	}
	return rc;
}

static void
gtpv2_mm_put_optional(struct agw_wr *w, const struct agw_gtpv2_mm_eps *mm)
{
	if (mm->drxi)
		agw_wr_be16(w, mm->drx);
	if (mm->nhi) {
		agw_wr_bytes(w, mm->nh, 32);
		agw_wr_u8(w, mm->ncc);
	}
	if (mm->sambri) {
		agw_wr_be32(w, mm->ul_sub_ambr);
		agw_wr_be32(w, mm->dl_sub_ambr);
	}
	if (mm->uambri) {
		agw_wr_be32(w, mm->ul_used_ambr);
		agw_wr_be32(w, mm->dl_used_ambr);
	}
}

static int
gtpv2_mm_put_caps(struct agw_wr *w, const struct agw_gtpv2_mm_eps *mm)
{
	unsigned i;
	int rc;

	if ((rc = gtpv2_wr_lv(w, 0, &mm->ue_net_cap)) != 0 ||
	    (rc = gtpv2_wr_lv(w, 0, &mm->ms_net_cap)) != 0 ||
	    (rc = gtpv2_wr_lv(w, 0, &mm->mei)) != 0)
		return rc;
	agw_wr_u8(w, mm->access_restriction);
	if (mm->osci) {
		agw_wr_u8(w, (uint8_t)((mm->old_nhi & 1) << 7 | mm->old_ksi << 3 |
				       (mm->old_nhi ? mm->old_ncc : 0)));
		agw_wr_bytes(w, mm->old_kasme, 32);
		if (mm->old_nhi)
			agw_wr_bytes(w, mm->old_nh, 32);
	}
	for (i = 0; i < mm->n_ext; i++)
		if ((rc = gtpv2_wr_lv(w, i == AGW_GTPV2_MM_EXT_PAGING_CAP, &mm->ext[i])) != 0)
			return rc;
	if (mm->rest.len != 0 && mm->rest.p == NULL)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_bytes(w, mm->rest.p, mm->rest.len);
	return 0;
}

int
agw_gtpv2_put_mm_eps(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_mm_eps *mm)
{
	uint8_t *mark;
	int rc;

	if ((rc = gtpv2_mm_check(mm)) != 0)
		return rc;
	mark = agw_gtpv2_ie_open(w, AGW_GTPV2_IE_MM_EPS, instance);
	gtpv2_mm_put_flags(w, mm);
	if ((rc = gtpv2_mm_put_vectors(w, mm)) != 0)
		return rc;
	gtpv2_mm_put_optional(w, mm);
	if ((rc = gtpv2_mm_put_caps(w, mm)) != 0)
		return rc;
	return agw_gtpv2_ie_close(w, mark);
}

/* ---- Messages ---- */

static uint8_t *
gtpv2_begin(struct agw_wr *w, uint8_t type, uint32_t teid, uint32_t seq)
{
	struct agw_gtpv2_hdr h = {.version = 2, .t = 1, .type = type, .teid = teid, .seq = seq};

	return agw_gtpv2_msg_begin(w, &h);
}

/* Context Request IEs in the order of TS 29.274 Table 7.3.5-1. */
static int
gtpv2_req_ies(struct agw_wr *w, const struct agw_gtpv2_ctx_req *q)
{
	int rc = 0;

	if ((q->present & AGW_GTPV2_CTXREQ_IMSI) && (rc = agw_gtpv2_put_imsi(w, 0, &q->imsi)) != 0)
		return rc;
	if (q->present & AGW_GTPV2_CTXREQ_GUTI)
		agw_gtpv2_put_guti(w, 0, &q->guti);
	if (q->present & AGW_GTPV2_CTXREQ_PTMSI) {
		gtpv2_ie_hdr(w, AGW_GTPV2_IE_PTMSI, 0, 4);
		agw_wr_be32(w, q->ptmsi);
	}
	if ((q->present & AGW_GTPV2_CTXREQ_CRM) && (rc = agw_gtpv2_put_crm(w, 0, &q->crm)) != 0)
		return rc;
	if ((q->present & AGW_GTPV2_CTXREQ_FTEID) &&
	    (rc = agw_gtpv2_put_fteid(w, 0, &q->fteid)) != 0)
		return rc;
	if (q->present & AGW_GTPV2_CTXREQ_PORT)
		agw_gtpv2_put_u16(w, AGW_GTPV2_IE_PORT_NUMBER, 0, q->udp_src_port);
	if (q->present & AGW_GTPV2_CTXREQ_RAT)
		agw_gtpv2_put_u8(w, AGW_GTPV2_IE_RAT_TYPE, 0, q->rat_type);
	if ((q->present & AGW_GTPV2_CTXREQ_IND) && (rc = agw_gtpv2_put_ind(w, 0, &q->ind)) != 0)
		return rc;
	if (q->present & AGW_GTPV2_CTXREQ_HOP)
		agw_gtpv2_put_u8(w, AGW_GTPV2_IE_HOP_COUNTER, 0, q->hop_counter);
	if (q->present & AGW_GTPV2_CTXREQ_TARGET_PLMN)
		agw_gtpv2_put_raw(w, AGW_GTPV2_IE_SERVING_NETWORK, 0, q->target_plmn, 3);
	return 0;
}

long
agw_gtpv2_ctx_req_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			 const struct agw_gtpv2_ctx_req *req)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	uint8_t *start;
	int rc;

	if (seq > 0xffffff)
		return AGW_PROTO_E_BAD_VALUE;
	start = gtpv2_begin(&w, AGW_GTPV2_CONTEXT_REQ, teid, seq);
	if ((rc = gtpv2_req_ies(&w, req)) != 0)
		return rc;
	return agw_gtpv2_msg_end(&w, start);
}

/* Context Response IEs in the order of TS 29.274 Table 7.3.6-1. */
static int
gtpv2_rsp_ies(struct agw_wr *w, const struct agw_gtpv2_ctx_rsp *r)
{
	int rc = 0;

	agw_gtpv2_put_cause(w, 0, &r->cause);
	if ((r->present & AGW_GTPV2_CTXRSP_IMSI) && (rc = agw_gtpv2_put_imsi(w, 0, &r->imsi)) != 0)
		return rc;
	if (r->present & AGW_GTPV2_CTXRSP_MM_EPS)
		rc = agw_gtpv2_put_mm_eps(w, 0, &r->mm);
	else if (r->present & AGW_GTPV2_CTXRSP_MM)
		agw_gtpv2_put_raw(w, r->mm_ie.type, 0, r->mm_ie.val, r->mm_ie.len);
	if (rc != 0)
		return rc;
	if ((r->present & AGW_GTPV2_CTXRSP_FTEID) &&
	    (rc = agw_gtpv2_put_fteid(w, 0, &r->fteid)) != 0)
		return rc;
	if ((r->present & AGW_GTPV2_CTXRSP_SGW_FTEID) &&
	    (rc = agw_gtpv2_put_fteid(w, 1, &r->sgw_fteid)) != 0)
		return rc;
	if ((r->present & AGW_GTPV2_CTXRSP_IND) && (rc = agw_gtpv2_put_ind(w, 0, &r->ind)) != 0)
		return rc;
	return 0;
}

long
agw_gtpv2_ctx_rsp_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			 const struct agw_gtpv2_ctx_rsp *rsp)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	uint8_t *start;
	int rc;

	if (seq > 0xffffff)
		return AGW_PROTO_E_BAD_VALUE;
	start = gtpv2_begin(&w, AGW_GTPV2_CONTEXT_RSP, teid, seq);
	if ((rc = gtpv2_rsp_ies(&w, rsp)) != 0)
		return rc;
	return agw_gtpv2_msg_end(&w, start);
}

long
agw_gtpv2_ctx_ack_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			 const struct agw_gtpv2_ctx_ack *ack)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	uint8_t *start;
	int rc = 0;

	if (seq > 0xffffff)
		return AGW_PROTO_E_BAD_VALUE;
	start = gtpv2_begin(&w, AGW_GTPV2_CONTEXT_ACK, teid, seq);
	/* TS 29.274 Table 7.3.7-1 order: Cause, Indication, Forwarding F-TEID. */
	agw_gtpv2_put_cause(&w, 0, &ack->cause);
	if ((ack->present & AGW_GTPV2_CTXACK_IND) &&
	    (rc = agw_gtpv2_put_ind(&w, 0, &ack->ind)) != 0)
		return rc;
	if ((ack->present & AGW_GTPV2_CTXACK_FWD_FTEID) &&
	    (rc = agw_gtpv2_put_fteid(&w, 0, &ack->fwd_fteid)) != 0)
		return rc;
	return agw_gtpv2_msg_end(&w, start);
}
