/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * NGAP (TS 38.413) and S1AP (TS 36.413) in ALIGNED PER (ITU-T X.691).
 * Clause numbers of X.691 follow the 08/2015 and 02/2021 editions.
 */
#include <string.h>

#include "agw_ngap.h"

/* ================================================================== */
/* APER bit reader on top of agw_rd                                     */
/* ================================================================== */

struct per_rd {
	struct agw_rd rd; /* octets not yet started */
	uint8_t cur;	  /* octet being read bit by bit */
	uint8_t nbits;	  /* bits of cur still unread */
};

static void
per_init(struct per_rd *r, const uint8_t *p, size_t n)
{
	r->rd = agw_rd_init(p, n);
	r->cur = 0;
	r->nbits = 0;
}

/* Octet alignment (X.691 11.1): drop the padding bits of the current octet. */
static void
per_align(struct per_rd *r)
{
	r->nbits = 0;
}

/* Read an n-bit field, n <= 32, most significant bit first. */
static int
per_bits(struct per_rd *r, unsigned int n, uint32_t *v)
{
	uint32_t x = 0;
	int rc;

	while (n > 0) {
		unsigned int take;

		if (r->nbits == 0) {
			if ((rc = agw_rd_u8(&r->rd, &r->cur)) != 0)
				return rc;
			r->nbits = 8;
		}
		take = n < r->nbits ? n : r->nbits;
		x = x << take | ((uint32_t)r->cur >> (r->nbits - take) & ((1u << take) - 1));
		r->nbits = (uint8_t)(r->nbits - take);
		n -= take;
	}
	*v = x;
	return 0;
}

static int
per_bit(struct per_rd *r, uint8_t *b)
{
	uint32_t v = 0;
	int rc = per_bits(r, 1, &v);

	*b = (uint8_t)v;
	return rc;
}

/* n octet-aligned octets. */
static int
per_octets(struct per_rd *r, size_t n, const uint8_t **p)
{
	per_align(r);
	*p = agw_rd_take(&r->rd, n);
	return *p != NULL ? 0 : AGW_PROTO_E_TRUNCATED;
}

static int
per_copy(struct per_rd *r, void *dst, size_t n)
{
	const uint8_t *p;
	int rc = per_octets(r, n, &p);

	if (rc == 0)
		memcpy(dst, p, n);
	return rc;
}

/* ceil(log2(range)) for range >= 1. */
static unsigned int
bits_for(uint32_t range)
{
	unsigned int b = 0;

	while (b < 32 && ((uint32_t)1 << b) < range)
		b++;
	return b;
}

/*
 * Constrained whole number, value - lb in 0..range-1, range <= 65536
 * (X.691 11.5.7): bit-field for range <= 255, one aligned octet for 256,
 * two aligned octets up to 64K.
 */
static int
per_cwn(struct per_rd *r, uint32_t range, uint32_t *v)
{
	uint8_t o = 0;
	uint16_t w = 0;
	int rc;

	*v = 0;
	if (range <= 1)
		return 0;
	if (range <= 255) {
		rc = per_bits(r, bits_for(range), v);
	} else if (range == 256) {
		per_align(r);
		rc = agw_rd_u8(&r->rd, &o);
		*v = o;
	} else {
		per_align(r);
		rc = agw_rd_be16(&r->rd, &w);
		*v = w;
	}
	if (rc == 0 && *v >= range)
		return AGW_PROTO_E_BAD_VALUE;
	return rc;
}

/*
 * Constrained whole number with a range over 64K (X.691 11.5.7.4): the
 * octet count 1..max_octets as a bit-field, then that many aligned octets.
 */
static int
per_bigint(struct per_rd *r, unsigned int max_octets, uint64_t *v)
{
	const uint8_t *p;
	uint32_t n;
	int rc;

	if ((rc = per_bits(r, bits_for(max_octets), &n)) != 0)
		return rc;
	if (++n > max_octets)
		return AGW_PROTO_E_BAD_VALUE;
	if ((rc = per_octets(r, n, &p)) != 0)
		return rc;
	*v = 0;
	for (uint32_t i = 0; i < n; i++)
		*v = *v << 8 | p[i];
	return 0;
}

/* Normally small non-negative whole number (X.691 11.6), values 0..63 only. */
static int
per_nsnn(struct per_rd *r, uint32_t *v)
{
	uint8_t big;
	int rc;

	if ((rc = per_bit(r, &big)) != 0)
		return rc;
	if (big)
		return AGW_PROTO_E_UNSUPPORTED;
	return per_bits(r, 6, v);
}

/*
 * Extensible ENUMERATED (X.691 14): extension bit, then the root index as
 * a constrained whole number or the extension index as a normally small
 * number. Returns root + index for extension values.
 */
static int
per_enum(struct per_rd *r, uint32_t root, uint32_t *v)
{
	uint8_t ext;
	int rc;

	if ((rc = per_bit(r, &ext)) != 0)
		return rc;
	if (!ext)
		return per_cwn(r, root, v);
	if ((rc = per_nsnn(r, v)) != 0)
		return rc;
	*v += root;
	return 0;
}

/*
 * Unconstrained length determinant, ALIGNED variant (X.691 11.9.3.6-8):
 * one octet below 128, two octets (10xxxxxx) below 16K; the fragmented form
 * (11xxxxxx) is refused.
 */
static int
per_len(struct per_rd *r, size_t *len)
{
	uint8_t b0, b1;
	int rc;

	per_align(r);
	if ((rc = agw_rd_u8(&r->rd, &b0)) != 0)
		return rc;
	if (!(b0 & 0x80)) {
		*len = b0;
		return 0;
	}
	if ((b0 & 0xc0) == 0xc0)
		return AGW_PROTO_E_UNSUPPORTED;
	if ((rc = agw_rd_u8(&r->rd, &b1)) != 0)
		return rc;
	*len = (size_t)(b0 & 0x3f) << 8 | b1;
	return 0;
}

/* Open type (X.691 11.2): length determinant + complete encoding. */
static int
per_open(struct per_rd *r, struct agw_ap_octets *o)
{
	int rc;

	if ((rc = per_len(r, &o->len)) != 0)
		return rc;
	o->p = agw_rd_take(&r->rd, o->len);
	return o->p != NULL ? 0 : AGW_PROTO_E_TRUNCATED;
}

/* End of an open type's value: only padding bits may remain. */
static int
per_done(struct per_rd *r)
{
	per_align(r);
	return agw_rd_left(&r->rd) == 0 ? 0 : AGW_PROTO_E_TRAILING;
}

/* SEQUENCE preamble (X.691 19.1-19.3): extension bit and optional bitmap. */
static int
per_seq(struct per_rd *r, unsigned int n_opt, uint8_t *ext, uint32_t *opt)
{
	int rc;

	if ((rc = per_bit(r, ext)) != 0)
		return rc;
	return per_bits(r, n_opt, opt);
}

/* A ProtocolIE-Field / ProtocolExtensionField (TS 38.413 9.4.8), skipped. */
static int
per_skip_field(struct per_rd *r)
{
	struct agw_ap_octets o;
	uint32_t id, crit;
	int rc;

	if ((rc = per_cwn(r, 65536, &id)) != 0 || (rc = per_bits(r, 2, &crit)) != 0)
		return rc;
	if (crit > AGW_AP_NOTIFY)
		return AGW_PROTO_E_BAD_VALUE;
	return per_open(r, &o);
}

/* ProtocolExtensionContainer: SEQUENCE (SIZE (1..65535)) OF fields, skipped. */
static int
per_skip_ext_container(struct per_rd *r)
{
	uint32_t n;
	int rc;

	if ((rc = per_cwn(r, 65535, &n)) != 0)
		return rc;
	for (uint32_t i = 0; i <= n; i++)
		if ((rc = per_skip_field(r)) != 0)
			return rc;
	return 0;
}

/*
 * Extension additions of a SEQUENCE whose extension bit is set (X.691
 * 19.7-19.9): normally small length of the presence bitmap, the bitmap,
 * then one open type per present addition. All skipped.
 */
static int
per_skip_ext_additions(struct per_rd *r)
{
	struct agw_ap_octets o;
	uint32_t n, present = 0;
	uint8_t b;
	int rc;

	if ((rc = per_nsnn(r, &n)) != 0)
		return rc;
	for (uint32_t i = 0; i <= n; i++) {
		if ((rc = per_bit(r, &b)) != 0)
			return rc;
		present += b;
	}
	while (present-- > 0)
		if ((rc = per_open(r, &o)) != 0)
			return rc;
	return 0;
}

/* Root iE-Extensions (if flagged) then extension additions (if any). */
static int
per_seq_end(struct per_rd *r, uint8_t ext, uint32_t has_ie_ext)
{
	int rc;

	if (has_ie_ext && (rc = per_skip_ext_container(r)) != 0)
		return rc;
	return ext ? per_skip_ext_additions(r) : 0;
}

/* ================================================================== */
/* APER bit writer on top of agw_wr                                     */
/* ================================================================== */

struct per_wr {
	struct agw_wr w; /* octets */
	uint8_t cur;	 /* partial octet */
	uint8_t nbits;	 /* bits used in cur */
	int err;	 /* first encoding error (not NO_SPACE, kept by w) */
};

static void
pw_fail(struct per_wr *w, int rc)
{
	if (w->err == 0)
		w->err = rc;
}

/* n-bit field, n <= 64, most significant bit first. */
static void
pw_bits(struct per_wr *w, uint64_t v, unsigned int n)
{
	while (n > 0) {
		unsigned int room = 8u - w->nbits;
		unsigned int take = n < room ? n : room;
		uint32_t part = (uint32_t)(v >> (n - take)) & ((1u << take) - 1);

		w->cur = (uint8_t)(w->cur | part << (room - take));
		w->nbits = (uint8_t)(w->nbits + take);
		n -= take;
		if (w->nbits == 8) {
			agw_wr_u8(&w->w, w->cur);
			w->cur = 0;
			w->nbits = 0;
		}
	}
}

static void
pw_align(struct per_wr *w)
{
	if (w->nbits != 0) {
		agw_wr_u8(&w->w, w->cur);
		w->cur = 0;
		w->nbits = 0;
	}
}

static void
pw_octets(struct per_wr *w, const void *p, size_t n)
{
	pw_align(w);
	agw_wr_bytes(&w->w, p, n);
}

static void
pw_cwn(struct per_wr *w, uint32_t range, uint32_t v)
{
	if (range <= 1)
		return;
	if (v >= range) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	if (range <= 255) {
		pw_bits(w, v, bits_for(range));
	} else if (range == 256) {
		pw_align(w);
		agw_wr_u8(&w->w, (uint8_t)v);
	} else {
		pw_align(w);
		agw_wr_be16(&w->w, (uint16_t)v);
	}
}

static void
pw_bigint(struct per_wr *w, unsigned int max_octets, uint64_t v)
{
	unsigned int n = 1;

	while (n < 8 && (v >> (8 * n)) != 0)
		n++;
	if (n > max_octets) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, n - 1, bits_for(max_octets));
	pw_align(w);
	while (n-- > 0)
		agw_wr_u8(&w->w, (uint8_t)(v >> (8 * n)));
}

static void
pw_enum(struct per_wr *w, uint32_t root, uint32_t v)
{
	if (v < root) {
		pw_bits(w, 0, 1);
		pw_cwn(w, root, v);
	} else if (v - root < 64) {
		pw_bits(w, 1, 1);
		pw_bits(w, 0, 1);
		pw_bits(w, v - root, 6);
	} else {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
	}
}

static void
pw_len(struct per_wr *w, size_t n)
{
	pw_align(w);
	if (n < 128)
		agw_wr_u8(&w->w, (uint8_t)n);
	else if (n < 16384)
		agw_wr_be16(&w->w, (uint16_t)(0x8000 | n));
	else
		pw_fail(w, AGW_PROTO_E_UNSUPPORTED);
}

/* Open type: reserve a one-octet length, fixed up by pw_open_end(). */
static size_t
pw_open_begin(struct per_wr *w)
{
	size_t mark;

	pw_align(w);
	mark = (size_t)(w->w.p - w->w.start);
	agw_wr_u8(&w->w, 0);
	return mark;
}

static void
pw_open_end(struct per_wr *w, size_t mark)
{
	struct agw_wr lw;
	uint8_t *lp;
	size_t n;

	pw_align(w);
	if (w->w.err != 0)
		return;
	lp = w->w.start + mark;
	n = (size_t)(w->w.p - lp) - 1;
	if (n == 0) { /* an empty encoding is one zero octet (X.691 11.1) */
		agw_wr_u8(&w->w, 0);
		n = 1;
	}
	if (n >= 16384) {
		pw_fail(w, AGW_PROTO_E_UNSUPPORTED);
		return;
	}
	if (n >= 128) {
		if (agw_wr_reserve(&w->w, 1) == NULL)
			return;
		memmove(lp + 2, lp + 1, n);
	}
	lw = agw_wr_init(lp, n >= 128 ? 2 : 1);
	if (n >= 128)
		agw_wr_be16(&lw, (uint16_t)(0x8000 | n));
	else
		agw_wr_u8(&lw, (uint8_t)n);
}

static long
pw_result(const struct per_wr *w)
{
	if (w->err != 0)
		return w->err;
	return agw_wr_result(&w->w);
}

/* ================================================================== */
/* Generic PDU and ProtocolIE-Container                                 */
/* ================================================================== */

/*
 * NGAP-PDU ::= CHOICE { initiatingMessage, successfulOutcome,
 * unsuccessfulOutcome, ... } (TS 38.413 9.4.3; S1AP-PDU, TS 36.413 9.3.2):
 * extension bit + 2-bit index; procedureCode INTEGER (0..255);
 * criticality ENUMERATED (3 values, 2 bits); value open type. The value is
 * SEQUENCE { protocolIEs ProtocolIE-Container, ... } and the container is
 * SEQUENCE (SIZE (0..65535)) OF ProtocolIE-Field (TS 38.413 9.4.8).
 */
int
agw_ap_pdu_decode(const uint8_t *buf, size_t len, struct agw_ap_pdu *pdu)
{
	struct per_rd r, v;
	uint32_t type, proc, crit, n;
	uint8_t ext;
	int rc;

	memset(pdu, 0, sizeof(*pdu));
	per_init(&r, buf, len);
	if ((rc = per_bit(&r, &ext)) != 0 || (rc = per_bits(&r, 2, &type)) != 0)
		return rc;
	if (ext)
		return AGW_PROTO_E_UNSUPPORTED;
	if (type > AGW_AP_UNSUCCESSFUL)
		return AGW_PROTO_E_BAD_VALUE;
	if ((rc = per_cwn(&r, 256, &proc)) != 0 || (rc = per_bits(&r, 2, &crit)) != 0)
		return rc;
	if (crit > AGW_AP_NOTIFY)
		return AGW_PROTO_E_BAD_VALUE;
	if ((rc = per_open(&r, &pdu->value)) != 0 || (rc = per_done(&r)) != 0)
		return rc;
	pdu->type = (uint8_t)type;
	pdu->proc = (uint8_t)proc;
	pdu->crit = (uint8_t)crit;
	per_init(&v, pdu->value.p, pdu->value.len);
	if ((rc = per_bit(&v, &pdu->ext)) != 0 || (rc = per_cwn(&v, 65536, &n)) != 0)
		return rc;
	pdu->n_ies = (uint16_t)n;
	pdu->ies.p = v.rd.p;
	pdu->ies.len = agw_rd_left(&v.rd);
	return 0;
}

void
agw_ap_ie_iter_init(struct agw_ap_ie_iter *it, const struct agw_ap_pdu *pdu)
{
	it->rd = agw_rd_init(pdu->ies.p, pdu->ies.len);
	it->left = pdu->n_ies;
	it->ext = pdu->ext;
}

/* ProtocolIE-Field: id INTEGER (0..65535), criticality, value open type. */
/*
 * ProtocolIE-Field in ALIGNED PER, always octet-aligned here (the container
 * count and every open type end on an octet): ProtocolIE-ID INTEGER
 * (0..65535) in two octets (X.691 11.5.7.4), criticality ENUMERATED in the
 * top two bits of the next octet, padding to the octet, then the open type's
 * length determinant (X.691 11.9.3.6/11.9.3.7: one octet below 128, two
 * octets 10xxxxxx below 16K, fragmented 11xxxxxx refused) and contents.
 * Read byte-wise: this runs for every IE of every N2 message.
 */
int
agw_ap_ie_next(struct agw_ap_ie_iter *it, struct agw_ap_ie *ie)
{
	const uint8_t *p = it->rd.p;
	size_t left = agw_rd_left(&it->rd), hdr, len;

	if (it->left == 0) {
		/* extension additions of the message may follow the container */
		return (!it->ext && left != 0) ? AGW_PROTO_E_TRAILING : 0;
	}
	if (left < 4)
		return AGW_PROTO_E_TRUNCATED;
	if ((p[2] >> 6) > AGW_AP_NOTIFY)
		return AGW_PROTO_E_BAD_VALUE;
	if (p[3] < 0x80) {
		len = p[3];
		hdr = 4;
	} else if ((p[3] & 0xc0) == 0x80) {
		if (left < 5)
			return AGW_PROTO_E_TRUNCATED;
		len = (size_t)(p[3] & 0x3f) << 8 | p[4];
		hdr = 5;
	} else {
		return AGW_PROTO_E_UNSUPPORTED;
	}
	if (left - hdr < len)
		return AGW_PROTO_E_TRUNCATED;
	ie->id = (uint16_t)(p[0] << 8 | p[1]);
	ie->crit = (uint8_t)(p[2] >> 6);
	ie->value.p = p + hdr;
	ie->value.len = len;
	it->rd.p = p + hdr + len;
	it->left--;
	return 1;
}

int
agw_ap_ie_find(const struct agw_ap_pdu *pdu, uint16_t id, struct agw_ap_ie *ie)
{
	struct agw_ap_ie_iter it;
	int rc;

	agw_ap_ie_iter_init(&it, pdu);
	while ((rc = agw_ap_ie_next(&it, ie)) == 1)
		if (ie->id == id)
			return 1;
	return rc;
}

/* ================================================================== */
/* NGAP types (TS 38.413 9.3, ASN.1 in 9.4.5)                           */
/* ================================================================== */

/* PLMN Identity, 9.3.3.5: OCTET STRING (SIZE(3)), aligned (X.691 17.6). */
static int
dec_plmn(struct per_rd *r, struct agw_ngap_plmn *p)
{
	return per_copy(r, p->v, 3);
}

static void
enc_plmn(struct per_wr *w, const struct agw_ngap_plmn *p)
{
	pw_octets(w, p->v, 3);
}

/* S-NSSAI, 9.3.1.24: SEQUENCE { sST (SIZE(1)), sD (SIZE(3)) OPTIONAL, iE-Ext OPTIONAL, ... }. */
static int
dec_snssai(struct per_rd *r, struct agw_ngap_snssai *s)
{
	uint32_t opt, sst;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 2, &ext, &opt)) != 0 || (rc = per_bits(r, 8, &sst)) != 0)
		return rc;
	s->sst = (uint8_t)sst;
	s->has_sd = (uint8_t)(opt >> 1);
	if (s->has_sd && (rc = per_copy(r, s->sd, 3)) != 0)
		return rc;
	return per_seq_end(r, ext, opt & 1);
}

static void
enc_snssai(struct per_wr *w, const struct agw_ngap_snssai *s)
{
	pw_bits(w, 0, 1);
	pw_bits(w, s->has_sd ? 2 : 0, 2);
	pw_bits(w, s->sst, 8);
	if (s->has_sd)
		pw_octets(w, s->sd, 3);
}

/*
 * A list of SEQUENCE { s-NSSAI, iE-Extensions OPTIONAL, ... } items:
 * SliceSupportList (9.3.1.17, SIZE(1..1024)) or AllowedNSSAI (9.3.1.31,
 * SIZE(1..8)). @p range is ub - lb + 1 with lb = 1.
 */
static int
dec_slice_list(struct per_rd *r, uint32_t range, uint32_t *count, struct agw_ngap_snssai *out)
{
	struct agw_ngap_snssai tmp;
	uint32_t n, opt;
	uint8_t ext;
	int rc;

	if ((rc = per_cwn(r, range, &n)) != 0)
		return rc;
	*count = ++n;
	for (uint32_t i = 0; i < n; i++) {
		if ((rc = per_seq(r, 1, &ext, &opt)) != 0 ||
		    (rc = dec_snssai(r, i < AGW_NGAP_MAX_SLICES ? &out[i] : &tmp)) != 0 ||
		    (rc = per_seq_end(r, ext, opt)) != 0)
			return rc;
	}
	return 0;
}

static void
enc_slice_list(struct per_wr *w, uint32_t range, uint32_t n, const struct agw_ngap_snssai *s)
{
	if (n == 0 || n > AGW_NGAP_MAX_SLICES || n > range) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_cwn(w, range, n - 1);
	for (uint32_t i = 0; i < n; i++) {
		pw_bits(w, 0, 2); /* extension bit, iE-Extensions absent */
		enc_snssai(w, &s[i]);
	}
}

/* BroadcastPLMNItem / PLMNSupportItem: SEQUENCE { pLMNIdentity, sliceSupportList, iE-Ext OPT, ...
 * }. */
static int
dec_plmn_slices(struct per_rd *r, struct agw_ngap_plmn_slices *ps)
{
	uint32_t opt, n;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_plmn(r, &ps->plmn)) != 0 ||
	    (rc = dec_slice_list(r, 1024, &n, ps->slices)) != 0)
		return rc;
	ps->n_slices = (uint16_t)n;
	return per_seq_end(r, ext, opt);
}

static void
enc_plmn_slices(struct per_wr *w, const struct agw_ngap_plmn_slices *ps)
{
	pw_bits(w, 0, 2);
	enc_plmn(w, &ps->plmn);
	enc_slice_list(w, 1024, ps->n_slices, ps->slices);
}

/* A list of PLMN items, SIZE(1..12): BroadcastPLMNList / PLMNSupportList. */
static int
dec_plmn_list(struct per_rd *r, uint32_t *count, struct agw_ngap_plmn_slices *out)
{
	struct agw_ngap_plmn_slices tmp;
	uint32_t n;
	int rc;

	if ((rc = per_cwn(r, 12, &n)) != 0)
		return rc;
	*count = ++n;
	for (uint32_t i = 0; i < n; i++)
		if ((rc = dec_plmn_slices(r, i < AGW_NGAP_MAX_PLMNS ? &out[i] : &tmp)) != 0)
			return rc;
	return 0;
}

static void
enc_plmn_list(struct per_wr *w, uint32_t n, const struct agw_ngap_plmn_slices *ps)
{
	if (n == 0 || n > AGW_NGAP_MAX_PLMNS) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_cwn(w, 12, n - 1);
	for (uint32_t i = 0; i < n; i++)
		enc_plmn_slices(w, &ps[i]);
}

/* TAI, 9.3.3.11: SEQUENCE { pLMNIdentity, tAC (SIZE(3)), iE-Ext OPT, ... }. */
static int
dec_tai(struct per_rd *r, struct agw_ngap_tai *t)
{
	uint32_t opt;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_plmn(r, &t->plmn)) != 0 ||
	    (rc = per_copy(r, t->tac, 3)) != 0)
		return rc;
	return per_seq_end(r, ext, opt);
}

static void
enc_tai(struct per_wr *w, const struct agw_ngap_tai *t)
{
	pw_bits(w, 0, 2);
	enc_plmn(w, &t->plmn);
	pw_octets(w, t->tac, 3);
}

/* NR CGI, 9.3.1.7: SEQUENCE { pLMNIdentity, nRCellIdentity BIT STRING (SIZE(36)), iE-Ext OPT, ...
 * }. */
static int
dec_nr_cgi(struct per_rd *r, struct agw_ngap_nr_cgi *c)
{
	uint32_t opt, hi, lo;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_plmn(r, &c->plmn)) != 0)
		return rc;
	per_align(r); /* fixed size > 16 bits: octet-aligned (X.691 16.10) */
	if ((rc = per_bits(r, 32, &hi)) != 0 || (rc = per_bits(r, 4, &lo)) != 0)
		return rc;
	c->cell_id = (uint64_t)hi << 4 | lo;
	return per_seq_end(r, ext, opt);
}

static void
enc_nr_cgi(struct per_wr *w, const struct agw_ngap_nr_cgi *c)
{
	if (c->cell_id >> 36) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, 0, 2);
	enc_plmn(w, &c->plmn);
	pw_align(w);
	pw_bits(w, c->cell_id, 36);
}

/*
 * UserLocationInformation, 9.3.1.16: CHOICE { EUTRA, NR, N3IWF,
 * choice-Extensions } (2 bits). NR: SEQUENCE { nR-CGI, tAI, timeStamp
 * OPTIONAL, iE-Ext OPTIONAL, ... }; the other alternatives are left to
 * the IE length.
 */
static int
dec_uli(struct per_rd *r, struct agw_ngap_uli *u)
{
	uint32_t type, opt;
	uint8_t ext;
	int rc;

	memset(u, 0, sizeof(*u));
	if ((rc = per_bits(r, 2, &type)) != 0)
		return rc;
	u->type = (uint8_t)type;
	if (type != AGW_NGAP_ULI_NR)
		return 0;
	if ((rc = per_seq(r, 2, &ext, &opt)) != 0 || (rc = dec_nr_cgi(r, &u->nr_cgi)) != 0 ||
	    (rc = dec_tai(r, &u->tai)) != 0)
		return rc;
	u->has_time_stamp = (uint8_t)(opt >> 1);
	if (u->has_time_stamp && (rc = per_copy(r, u->time_stamp, 4)) != 0)
		return rc;
	if ((rc = per_seq_end(r, ext, opt & 1)) != 0)
		return rc;
	return per_done(r);
}

static void
enc_uli(struct per_wr *w, const struct agw_ngap_uli *u)
{
	if (u->type != AGW_NGAP_ULI_NR) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, AGW_NGAP_ULI_NR, 2);
	pw_bits(w, 0, 1);
	pw_bits(w, u->has_time_stamp ? 2 : 0, 2);
	enc_nr_cgi(w, &u->nr_cgi);
	enc_tai(w, &u->tai);
	if (u->has_time_stamp)
		pw_octets(w, u->time_stamp, 4);
}

/* GUAMI, 9.3.3.3: SEQUENCE { pLMN, aMFRegionID (8 bits), aMFSetID (10), aMFPointer (6), iE-Ext OPT,
 * ... }. */
static int
dec_guami(struct per_rd *r, struct agw_ngap_guami *g)
{
	uint32_t opt, region, set, ptr;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_plmn(r, &g->plmn)) != 0 ||
	    (rc = per_bits(r, 8, &region)) != 0 || (rc = per_bits(r, 10, &set)) != 0 ||
	    (rc = per_bits(r, 6, &ptr)) != 0)
		return rc;
	g->region_id = (uint8_t)region;
	g->set_id = (uint16_t)set;
	g->pointer = (uint8_t)ptr;
	return per_seq_end(r, ext, opt);
}

static void
enc_guami(struct per_wr *w, const struct agw_ngap_guami *g)
{
	if (g->set_id >> 10 || g->pointer >> 6) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, 0, 2);
	enc_plmn(w, &g->plmn);
	pw_bits(w, g->region_id, 8);
	pw_bits(w, g->set_id, 10);
	pw_bits(w, g->pointer, 6);
}

/* FiveG-S-TMSI, 9.3.3.20: SEQUENCE { aMFSetID (10 bits), aMFPointer (6), fiveG-TMSI (SIZE(4)),
 * iE-Ext OPT, ... }. */
static int
dec_s_tmsi(struct per_rd *r, struct agw_ngap_5g_s_tmsi *t)
{
	uint32_t opt, set, ptr;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = per_bits(r, 10, &set)) != 0 ||
	    (rc = per_bits(r, 6, &ptr)) != 0 || (rc = per_copy(r, t->tmsi, 4)) != 0)
		return rc;
	t->set_id = (uint16_t)set;
	t->pointer = (uint8_t)ptr;
	if ((rc = per_seq_end(r, ext, opt)) != 0)
		return rc;
	return per_done(r);
}

static void
enc_s_tmsi(struct per_wr *w, const struct agw_ngap_5g_s_tmsi *t)
{
	if (t->set_id >> 10 || t->pointer >> 6) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, 0, 2);
	pw_bits(w, t->set_id, 10);
	pw_bits(w, t->pointer, 6);
	pw_octets(w, t->tmsi, 4);
}

/*
 * Cause, 9.3.1.2: CHOICE of five extensible ENUMERATED groups plus
 * choice-Extensions (3 bits). Root sizes: CauseRadioNetwork 45,
 * CauseTransport 2, CauseNas 4, CauseProtocol 7, CauseMisc 6.
 */
static const uint8_t cause_roots[AGW_NGAP_CAUSE_EXT] = {45, 2, 4, 7, 6};

static int
dec_cause(struct per_rd *r, struct agw_ngap_cause *c)
{
	uint32_t group, v = 0;
	int rc;

	if ((rc = per_bits(r, 3, &group)) != 0)
		return rc;
	if (group > AGW_NGAP_CAUSE_EXT)
		return AGW_PROTO_E_BAD_VALUE;
	if (group == AGW_NGAP_CAUSE_EXT)
		rc = per_skip_field(r); /* ProtocolIE-SingleContainer */
	else
		rc = per_enum(r, cause_roots[group], &v);
	if (rc != 0)
		return rc;
	c->group = (uint8_t)group;
	c->value = (uint8_t)v;
	return per_done(r);
}

static void
enc_cause(struct per_wr *w, const struct agw_ngap_cause *c)
{
	if (c->group >= AGW_NGAP_CAUSE_EXT) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, c->group, 3);
	pw_enum(w, cause_roots[c->group], c->value);
}

/*
 * One algorithm bitmap of UE Security Capabilities (9.3.1.86):
 * BIT STRING (SIZE(16, ...)): 16 bits, or (extension bit set) a length in
 * bits and the bits, of which the first 16 are kept (X.691 16.6, 16.11).
 */
static int
dec_alg_bits(struct per_rd *r, uint16_t *v)
{
	const uint8_t *p;
	uint32_t x = 0;
	size_t nbits;
	uint8_t ext;
	int rc;

	if ((rc = per_bit(r, &ext)) != 0)
		return rc;
	if (!ext) {
		rc = per_bits(r, 16, &x);
		*v = (uint16_t)x;
		return rc;
	}
	if ((rc = per_len(r, &nbits)) != 0 || (rc = per_octets(r, (nbits + 7) / 8, &p)) != 0)
		return rc;
	x = nbits >= 8 ? (uint32_t)p[0] << 8 : 0;
	if (nbits >= 16)
		x |= p[1];
	*v = (uint16_t)x;
	return 0;
}

static int
dec_ue_sec_cap(struct per_rd *r, struct agw_ngap_ue_sec_cap *c)
{
	uint32_t opt;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_alg_bits(r, &c->nr_enc)) != 0 ||
	    (rc = dec_alg_bits(r, &c->nr_int)) != 0 || (rc = dec_alg_bits(r, &c->eutra_enc)) != 0 ||
	    (rc = dec_alg_bits(r, &c->eutra_int)) != 0 || (rc = per_seq_end(r, ext, opt)) != 0)
		return rc;
	return per_done(r);
}

static void
enc_ue_sec_cap(struct per_wr *w, const struct agw_ngap_ue_sec_cap *c)
{
	const uint16_t v[4] = {c->nr_enc, c->nr_int, c->eutra_enc, c->eutra_int};

	pw_bits(w, 0, 2);
	for (unsigned int i = 0; i < 4; i++) {
		pw_bits(w, 0, 1); /* size within the root */
		pw_bits(w, v[i], 16);
	}
}

/* PrintableString (SIZE(1..150, ...)): AMFName 9.3.3.21, RANNodeName (X.691 30.5). */
static int
dec_name(struct per_rd *r, struct agw_ap_octets *o)
{
	uint32_t n;
	size_t len;
	uint8_t ext;
	int rc;

	if ((rc = per_bit(r, &ext)) != 0)
		return rc;
	if (!ext) {
		if ((rc = per_cwn(r, 150, &n)) != 0)
			return rc;
		len = (size_t)n + 1;
	} else if ((rc = per_len(r, &len)) != 0) {
		return rc;
	}
	o->len = len;
	return per_octets(r, len, &o->p);
}

/* PrintableString characters (X.680 41.4, table 10). */
static int
is_printable(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       strchr(" '()+,-./:=?", c) != NULL;
}

static void
enc_name(struct per_wr *w, const struct agw_ap_octets *o)
{
	if (o->len == 0 || o->len > 150 || o->p == NULL) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	for (size_t i = 0; i < o->len; i++)
		if (o->p[i] == 0 || !is_printable(o->p[i])) {
			pw_fail(w, AGW_PROTO_E_BAD_VALUE);
			return;
		}
	pw_bits(w, 0, 1);
	pw_cwn(w, 150, (uint32_t)(o->len - 1));
	pw_octets(w, o->p, o->len);
}

/*
 * GlobalRANNodeID, 9.3.1.5: CHOICE { globalGNB-ID, globalNgENB-ID,
 * globalN3IWF-ID, choice-Extensions } (2 bits). GlobalGNB-ID (9.3.1.6):
 * SEQUENCE { pLMNIdentity, gNB-ID CHOICE { gNB-ID BIT STRING (SIZE(22..32)),
 * choice-Extensions }, iE-Ext OPT, ... }. Only gNB is typed.
 */
static int
dec_ran_node(struct per_rd *r, struct agw_ngap_global_ran_node *n)
{
	uint32_t type, opt, choice, blen, id;
	uint8_t ext;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = per_bits(r, 2, &type)) != 0)
		return rc;
	n->type = (uint8_t)type;
	if (type != AGW_NGAP_RAN_NODE_GNB)
		return 0;
	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = dec_plmn(r, &n->plmn)) != 0 ||
	    (rc = per_bits(r, 1, &choice)) != 0)
		return rc;
	if (choice != 0)
		return AGW_PROTO_E_UNSUPPORTED;
	if ((rc = per_cwn(r, 11, &blen)) != 0)
		return rc;
	per_align(r);
	if ((rc = per_bits(r, blen + 22, &id)) != 0)
		return rc;
	n->gnb_id = id;
	n->gnb_id_bits = (uint8_t)(blen + 22);
	if ((rc = per_seq_end(r, ext, opt)) != 0)
		return rc;
	return per_done(r);
}

static void
enc_ran_node(struct per_wr *w, const struct agw_ngap_global_ran_node *n)
{
	if (n->type != AGW_NGAP_RAN_NODE_GNB || n->gnb_id_bits < 22 || n->gnb_id_bits > 32 ||
	    (n->gnb_id_bits < 32 && (n->gnb_id >> n->gnb_id_bits) != 0)) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_bits(w, AGW_NGAP_RAN_NODE_GNB, 2);
	pw_bits(w, 0, 2);
	enc_plmn(w, &n->plmn);
	pw_bits(w, 0, 1);
	pw_cwn(w, 11, n->gnb_id_bits - 22u);
	pw_align(w);
	pw_bits(w, n->gnb_id, n->gnb_id_bits);
}

/* SupportedTAItem (9.2.6.1): SEQUENCE { tAC, broadcastPLMNList, iE-Ext OPT, ... }. */
static int
dec_ta(struct per_rd *r, struct agw_ngap_ta *t)
{
	uint32_t opt, n;
	uint8_t ext;
	int rc;

	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 || (rc = per_copy(r, t->tac, 3)) != 0 ||
	    (rc = dec_plmn_list(r, &n, t->plmns)) != 0)
		return rc;
	t->n_plmns = (uint8_t)n;
	return per_seq_end(r, ext, opt);
}

/* SupportedTAList: SEQUENCE (SIZE(1..256)) OF SupportedTAItem. */
static int
dec_ta_list(struct per_rd *r, struct agw_ngap_msg *m)
{
	struct agw_ngap_ta tmp;
	uint32_t n;
	int rc;

	if ((rc = per_cwn(r, 256, &n)) != 0)
		return rc;
	m->n_tas = (uint16_t)++n;
	for (uint32_t i = 0; i < n; i++)
		if ((rc = dec_ta(r, i < AGW_NGAP_MAX_TAS ? &m->tas[i] : &tmp)) != 0)
			return rc;
	return per_done(r);
}

static void
enc_ta_list(struct per_wr *w, const struct agw_ngap_msg *m)
{
	if (m->n_tas == 0 || m->n_tas > AGW_NGAP_MAX_TAS) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_cwn(w, 256, m->n_tas - 1u);
	for (unsigned int i = 0; i < m->n_tas; i++) {
		pw_bits(w, 0, 2);
		pw_octets(w, m->tas[i].tac, 3);
		enc_plmn_list(w, m->tas[i].n_plmns, m->tas[i].plmns);
	}
}

/* ServedGUAMIList: SEQUENCE (SIZE(1..256)) OF { gUAMI, backupAMFName OPT, iE-Ext OPT, ... }. */
static int
dec_guami_list(struct per_rd *r, struct agw_ngap_msg *m)
{
	struct agw_ngap_guami tmp;
	struct agw_ap_octets backup;
	uint32_t n, opt;
	uint8_t ext;
	int rc;

	if ((rc = per_cwn(r, 256, &n)) != 0)
		return rc;
	m->n_guamis = (uint16_t)++n;
	for (uint32_t i = 0; i < n; i++) {
		if ((rc = per_seq(r, 2, &ext, &opt)) != 0 ||
		    (rc = dec_guami(r, i < AGW_NGAP_MAX_GUAMIS ? &m->guamis[i] : &tmp)) != 0)
			return rc;
		if ((opt & 2) && (rc = dec_name(r, &backup)) != 0)
			return rc;
		if ((rc = per_seq_end(r, ext, opt & 1)) != 0)
			return rc;
	}
	return per_done(r);
}

static void
enc_guami_list(struct per_wr *w, const struct agw_ngap_msg *m)
{
	if (m->n_guamis == 0 || m->n_guamis > AGW_NGAP_MAX_GUAMIS) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_cwn(w, 256, m->n_guamis - 1u);
	for (unsigned int i = 0; i < m->n_guamis; i++) {
		pw_bits(w, 0, 3);
		enc_guami(w, &m->guamis[i]);
	}
}

/* UE-NGAP-IDs: CHOICE { uE-NGAP-ID-pair, aMF-UE-NGAP-ID, choice-Extensions } (2 bits). */
static int
dec_ue_ids(struct per_rd *r, struct agw_ngap_ue_ngap_ids *ids)
{
	uint32_t type, opt;
	uint64_t ran;
	uint8_t ext;
	int rc;

	memset(ids, 0, sizeof(*ids));
	if ((rc = per_bits(r, 2, &type)) != 0)
		return rc;
	if (type > AGW_NGAP_UE_IDS_EXT)
		return AGW_PROTO_E_BAD_VALUE;
	ids->type = (uint8_t)type;
	if (type == AGW_NGAP_UE_IDS_EXT)
		return per_skip_field(r);
	if (type == AGW_NGAP_UE_IDS_AMF) {
		rc = per_bigint(r, 5, &ids->amf_ue_id);
		return rc != 0 ? rc : per_done(r);
	}
	if ((rc = per_seq(r, 1, &ext, &opt)) != 0 ||
	    (rc = per_bigint(r, 5, &ids->amf_ue_id)) != 0 || (rc = per_bigint(r, 4, &ran)) != 0 ||
	    (rc = per_seq_end(r, ext, opt)) != 0)
		return rc;
	ids->ran_ue_id = (uint32_t)ran;
	return per_done(r);
}

static void
enc_ue_ids(struct per_wr *w, const struct agw_ngap_ue_ngap_ids *ids)
{
	if (ids->type == AGW_NGAP_UE_IDS_PAIR) {
		pw_bits(w, AGW_NGAP_UE_IDS_PAIR, 2);
		pw_bits(w, 0, 2);
		pw_bigint(w, 5, ids->amf_ue_id);
		pw_bigint(w, 4, ids->ran_ue_id);
	} else if (ids->type == AGW_NGAP_UE_IDS_AMF) {
		pw_bits(w, AGW_NGAP_UE_IDS_AMF, 2);
		pw_bigint(w, 5, ids->amf_ue_id);
	} else {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
	}
}

/* ================================================================== */
/* NGAP IE codecs: one entry per typed ProtocolIE-ID                    */
/* ================================================================== */

/* RAN-UE-NGAP-ID, 9.3.3.2: INTEGER (0..4294967295): 1..4 octets. */
static int
ie_dec_ran_id(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint64_t v = 0;
	int rc = per_bigint(r, 4, &v);

	m->ran_ue_id = (uint32_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_ran_id(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_bigint(w, 4, m->ran_ue_id);
}

/* AMF-UE-NGAP-ID, 9.3.3.1: INTEGER (0..1099511627775): 1..5 octets. */
static int
ie_dec_amf_id(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = per_bigint(r, 5, &m->amf_ue_id);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_amf_id(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_bigint(w, 5, m->amf_ue_id);
}

/* NAS-PDU, 9.3.3.4: OCTET STRING (unconstrained: length determinant). */
static int
ie_dec_nas(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = per_open(r, &m->nas_pdu);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_nas(struct per_wr *w, const struct agw_ngap_msg *m)
{
	if (m->nas_pdu.p == NULL && m->nas_pdu.len != 0) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_len(w, m->nas_pdu.len);
	pw_octets(w, m->nas_pdu.p, m->nas_pdu.len);
}

static int
ie_dec_uli(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_uli(r, &m->uli);
}

static void
ie_enc_uli(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_uli(w, &m->uli);
}

/* RRCEstablishmentCause, 9.3.1.111: ENUMERATED (10 root values, ...). */
static int
ie_dec_rrc_cause(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t v = 0;
	int rc = per_enum(r, 10, &v);

	m->rrc_cause = (uint8_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_rrc_cause(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_enum(w, 10, m->rrc_cause);
}

static int
ie_dec_s_tmsi(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_s_tmsi(r, &m->s_tmsi);
}

static void
ie_enc_s_tmsi(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_s_tmsi(w, &m->s_tmsi);
}

/* UEContextRequest: ENUMERATED {requested, ...}. */
static int
ie_dec_ue_ctx_req(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t v = 0;
	int rc = per_enum(r, 1, &v);

	m->ue_context_request = (uint8_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_ue_ctx_req(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_enum(w, 1, m->ue_context_request);
}

static int
ie_dec_cause(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_cause(r, &m->cause);
}

static void
ie_enc_cause(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_cause(w, &m->cause);
}

static int
ie_dec_guami(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = dec_guami(r, &m->guami);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_guami(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_guami(w, &m->guami);
}

/* SecurityKey, 9.3.1.87: BIT STRING (SIZE(256)): 32 aligned octets. */
static int
ie_dec_sec_key(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = per_octets(r, 32, &m->security_key);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_sec_key(struct per_wr *w, const struct agw_ngap_msg *m)
{
	if (m->security_key == NULL) {
		pw_fail(w, AGW_PROTO_E_BAD_VALUE);
		return;
	}
	pw_octets(w, m->security_key, 32);
}

static int
ie_dec_ue_sec_cap(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_ue_sec_cap(r, &m->ue_sec_cap);
}

static void
ie_enc_ue_sec_cap(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_ue_sec_cap(w, &m->ue_sec_cap);
}

/* AllowedNSSAI, 9.3.1.31: SEQUENCE (SIZE(1..8)) OF AllowedNSSAI-Item. */
static int
ie_dec_allowed_nssai(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t n;
	int rc = dec_slice_list(r, 8, &n, m->allowed_nssai);

	m->n_allowed_nssai = (uint8_t)n;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_allowed_nssai(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_slice_list(w, 8, m->n_allowed_nssai, m->allowed_nssai);
}

static int
ie_dec_ue_ids(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_ue_ids(r, &m->ue_ids);
}

static void
ie_enc_ue_ids(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_ue_ids(w, &m->ue_ids);
}

static int
ie_dec_ran_node(struct per_rd *r, struct agw_ngap_msg *m)
{
	return dec_ran_node(r, &m->ran_node);
}

static void
ie_enc_ran_node(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_ran_node(w, &m->ran_node);
}

static int
ie_dec_ran_node_name(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = dec_name(r, &m->ran_node_name);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_ran_node_name(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_name(w, &m->ran_node_name);
}

static int
ie_dec_amf_name(struct per_rd *r, struct agw_ngap_msg *m)
{
	int rc = dec_name(r, &m->amf_name);

	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_amf_name(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_name(w, &m->amf_name);
}

static void
ie_enc_ta_list(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_ta_list(w, m);
}

/* PagingDRX, 9.3.1.90: ENUMERATED {v32, v64, v128, v256, ...}. */
static int
ie_dec_paging_drx(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t v = 0;
	int rc = per_enum(r, 4, &v);

	m->paging_drx = (uint8_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_paging_drx(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_enum(w, 4, m->paging_drx);
}

/* RelativeAMFCapacity, 9.3.1.32: INTEGER (0..255). */
static int
ie_dec_rel_cap(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t v = 0;
	int rc = per_cwn(r, 256, &v);

	m->relative_amf_capacity = (uint8_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_rel_cap(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_cwn(w, 256, m->relative_amf_capacity);
}

/* PLMNSupportList (9.2.6.2): SEQUENCE (SIZE(1..12)) OF PLMNSupportItem. */
static int
ie_dec_plmn_support(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t n;
	int rc = dec_plmn_list(r, &n, m->plmn_support);

	m->n_plmn_support = (uint8_t)n;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_plmn_support(struct per_wr *w, const struct agw_ngap_msg *m)
{
	enc_plmn_list(w, m->n_plmn_support, m->plmn_support);
}

/* TimeToWait, 9.3.1.56: ENUMERATED {v1s, v2s, v5s, v10s, v20s, v60s, ...}. */
static int
ie_dec_ttw(struct per_rd *r, struct agw_ngap_msg *m)
{
	uint32_t v = 0;
	int rc = per_enum(r, 6, &v);

	m->time_to_wait = (uint8_t)v;
	return rc != 0 ? rc : per_done(r);
}

static void
ie_enc_ttw(struct per_wr *w, const struct agw_ngap_msg *m)
{
	pw_enum(w, 6, m->time_to_wait);
}

struct ie_codec {
	uint16_t id;
	uint32_t has;
	int (*dec)(struct per_rd *r, struct agw_ngap_msg *m);
	void (*enc)(struct per_wr *w, const struct agw_ngap_msg *m);
};

static const struct ie_codec ngap_ie_codecs[] = {
	{AGW_NGAP_ID_ALLOWED_NSSAI, AGW_NGAP_HAS_ALLOWED_NSSAI, ie_dec_allowed_nssai,
	 ie_enc_allowed_nssai},
	{AGW_NGAP_ID_AMF_NAME, AGW_NGAP_HAS_AMF_NAME, ie_dec_amf_name, ie_enc_amf_name},
	{AGW_NGAP_ID_AMF_UE_NGAP_ID, AGW_NGAP_HAS_AMF_UE_NGAP_ID, ie_dec_amf_id, ie_enc_amf_id},
	{AGW_NGAP_ID_CAUSE, AGW_NGAP_HAS_CAUSE, ie_dec_cause, ie_enc_cause},
	{AGW_NGAP_ID_DEFAULT_PAGING_DRX, AGW_NGAP_HAS_DEFAULT_PAGING_DRX, ie_dec_paging_drx,
	 ie_enc_paging_drx},
	{AGW_NGAP_ID_FIVEG_S_TMSI, AGW_NGAP_HAS_FIVEG_S_TMSI, ie_dec_s_tmsi, ie_enc_s_tmsi},
	{AGW_NGAP_ID_GLOBAL_RAN_NODE_ID, AGW_NGAP_HAS_GLOBAL_RAN_NODE_ID, ie_dec_ran_node,
	 ie_enc_ran_node},
	{AGW_NGAP_ID_GUAMI, AGW_NGAP_HAS_GUAMI, ie_dec_guami, ie_enc_guami},
	{AGW_NGAP_ID_NAS_PDU, AGW_NGAP_HAS_NAS_PDU, ie_dec_nas, ie_enc_nas},
	{AGW_NGAP_ID_PLMN_SUPPORT_LIST, AGW_NGAP_HAS_PLMN_SUPPORT_LIST, ie_dec_plmn_support,
	 ie_enc_plmn_support},
	{AGW_NGAP_ID_RAN_NODE_NAME, AGW_NGAP_HAS_RAN_NODE_NAME, ie_dec_ran_node_name,
	 ie_enc_ran_node_name},
	{AGW_NGAP_ID_RAN_UE_NGAP_ID, AGW_NGAP_HAS_RAN_UE_NGAP_ID, ie_dec_ran_id, ie_enc_ran_id},
	{AGW_NGAP_ID_RELATIVE_AMF_CAPACITY, AGW_NGAP_HAS_RELATIVE_AMF_CAPACITY, ie_dec_rel_cap,
	 ie_enc_rel_cap},
	{AGW_NGAP_ID_RRC_ESTABLISHMENT_CAUSE, AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE,
	 ie_dec_rrc_cause, ie_enc_rrc_cause},
	{AGW_NGAP_ID_SECURITY_KEY, AGW_NGAP_HAS_SECURITY_KEY, ie_dec_sec_key, ie_enc_sec_key},
	{AGW_NGAP_ID_SERVED_GUAMI_LIST, AGW_NGAP_HAS_SERVED_GUAMI_LIST, dec_guami_list,
	 enc_guami_list},
	{AGW_NGAP_ID_SUPPORTED_TA_LIST, AGW_NGAP_HAS_SUPPORTED_TA_LIST, dec_ta_list,
	 ie_enc_ta_list},
	{AGW_NGAP_ID_TIME_TO_WAIT, AGW_NGAP_HAS_TIME_TO_WAIT, ie_dec_ttw, ie_enc_ttw},
	{AGW_NGAP_ID_UE_CONTEXT_REQUEST, AGW_NGAP_HAS_UE_CONTEXT_REQUEST, ie_dec_ue_ctx_req,
	 ie_enc_ue_ctx_req},
	{AGW_NGAP_ID_UE_NGAP_IDS, AGW_NGAP_HAS_UE_NGAP_IDS, ie_dec_ue_ids, ie_enc_ue_ids},
	{AGW_NGAP_ID_UE_SECURITY_CAPABILITIES, AGW_NGAP_HAS_UE_SECURITY_CAPABILITIES,
	 ie_dec_ue_sec_cap, ie_enc_ue_sec_cap},
	{AGW_NGAP_ID_USER_LOCATION_INFORMATION, AGW_NGAP_HAS_USER_LOCATION_INFORMATION, ie_dec_uli,
	 ie_enc_uli},
};

#define N_CODECS (sizeof(ngap_ie_codecs) / sizeof(ngap_ie_codecs[0]))

static const struct ie_codec *
find_codec(uint16_t id)
{
	for (size_t i = 0; i < N_CODECS; i++)
		if (ngap_ie_codecs[i].id == id)
			return &ngap_ie_codecs[i];
	return NULL;
}

/* ================================================================== */
/* NGAP messages (TS 38.413 9.2, ASN.1 in 9.4.4)                        */
/* ================================================================== */

#define MAX_MSG_IES 8

struct ie_spec {
	uint16_t id;
	uint8_t crit;
	uint8_t mandatory;
};

struct msg_spec {
	uint8_t type;
	uint8_t proc;
	uint8_t crit; /* procedure criticality (9.4.3) */
	uint8_t n_ies;
	struct ie_spec ies[MAX_MSG_IES]; /* typed IEs, in 9.4.4 order */
};

#define R AGW_AP_REJECT
#define I AGW_AP_IGNORE

static const struct msg_spec ngap_msgs[AGW_NGAP_N_KINDS] = {
	/* 9.2.6.1 NG SETUP REQUEST */
	[AGW_NGAP_NG_SETUP_REQUEST] = {AGW_AP_INITIATING,
				       AGW_NGAP_PROC_NG_SETUP,
				       R,
				       4,
				       {{AGW_NGAP_ID_GLOBAL_RAN_NODE_ID, R, 1},
					{AGW_NGAP_ID_RAN_NODE_NAME, I, 0},
					{AGW_NGAP_ID_SUPPORTED_TA_LIST, R, 1},
					{AGW_NGAP_ID_DEFAULT_PAGING_DRX, I, 1}}},
	/* 9.2.6.2 NG SETUP RESPONSE */
	[AGW_NGAP_NG_SETUP_RESPONSE] = {AGW_AP_SUCCESSFUL,
					AGW_NGAP_PROC_NG_SETUP,
					R,
					4,
					{{AGW_NGAP_ID_AMF_NAME, R, 1},
					 {AGW_NGAP_ID_SERVED_GUAMI_LIST, R, 1},
					 {AGW_NGAP_ID_RELATIVE_AMF_CAPACITY, I, 1},
					 {AGW_NGAP_ID_PLMN_SUPPORT_LIST, R, 1}}},
	/* 9.2.6.3 NG SETUP FAILURE */
	[AGW_NGAP_NG_SETUP_FAILURE] = {AGW_AP_UNSUCCESSFUL,
				       AGW_NGAP_PROC_NG_SETUP,
				       R,
				       2,
				       {{AGW_NGAP_ID_CAUSE, I, 1},
					{AGW_NGAP_ID_TIME_TO_WAIT, I, 0}}},
	/* 9.2.5.1 INITIAL UE MESSAGE */
	[AGW_NGAP_INITIAL_UE_MESSAGE] = {AGW_AP_INITIATING,
					 AGW_NGAP_PROC_INITIAL_UE_MESSAGE,
					 I,
					 7,
					 {{AGW_NGAP_ID_RAN_UE_NGAP_ID, R, 1},
					  {AGW_NGAP_ID_NAS_PDU, R, 1},
					  {AGW_NGAP_ID_USER_LOCATION_INFORMATION, R, 1},
					  {AGW_NGAP_ID_RRC_ESTABLISHMENT_CAUSE, I, 1},
					  {AGW_NGAP_ID_FIVEG_S_TMSI, R, 0},
					  {AGW_NGAP_ID_UE_CONTEXT_REQUEST, I, 0},
					  {AGW_NGAP_ID_ALLOWED_NSSAI, R, 0}}},
	/* 9.2.5.2 DOWNLINK NAS TRANSPORT */
	[AGW_NGAP_DOWNLINK_NAS_TRANSPORT] = {AGW_AP_INITIATING,
					     AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT,
					     I,
					     4,
					     {{AGW_NGAP_ID_AMF_UE_NGAP_ID, R, 1},
					      {AGW_NGAP_ID_RAN_UE_NGAP_ID, R, 1},
					      {AGW_NGAP_ID_NAS_PDU, R, 1},
					      {AGW_NGAP_ID_ALLOWED_NSSAI, R, 0}}},
	/* 9.2.5.3 UPLINK NAS TRANSPORT */
	[AGW_NGAP_UPLINK_NAS_TRANSPORT] = {AGW_AP_INITIATING,
					   AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT,
					   I,
					   4,
					   {{AGW_NGAP_ID_AMF_UE_NGAP_ID, R, 1},
					    {AGW_NGAP_ID_RAN_UE_NGAP_ID, R, 1},
					    {AGW_NGAP_ID_NAS_PDU, R, 1},
					    {AGW_NGAP_ID_USER_LOCATION_INFORMATION, I, 1}}},
	/* 9.2.2.1 INITIAL CONTEXT SETUP REQUEST */
	[AGW_NGAP_INITIAL_CONTEXT_SETUP_REQUEST] = {AGW_AP_INITIATING,
						    AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP,
						    R,
						    7,
						    {{AGW_NGAP_ID_AMF_UE_NGAP_ID, R, 1},
						     {AGW_NGAP_ID_RAN_UE_NGAP_ID, R, 1},
						     {AGW_NGAP_ID_GUAMI, R, 1},
						     {AGW_NGAP_ID_ALLOWED_NSSAI, R, 1},
						     {AGW_NGAP_ID_UE_SECURITY_CAPABILITIES, R, 1},
						     {AGW_NGAP_ID_SECURITY_KEY, R, 1},
						     {AGW_NGAP_ID_NAS_PDU, I, 0}}},
	/* 9.2.2.5 UE CONTEXT RELEASE COMMAND */
	[AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND] = {AGW_AP_INITIATING,
						 AGW_NGAP_PROC_UE_CONTEXT_RELEASE,
						 R,
						 2,
						 {{AGW_NGAP_ID_UE_NGAP_IDS, R, 1},
						  {AGW_NGAP_ID_CAUSE, I, 1}}},
	/* 9.2.2.6 UE CONTEXT RELEASE COMPLETE */
	[AGW_NGAP_UE_CONTEXT_RELEASE_COMPLETE] = {AGW_AP_SUCCESSFUL,
						  AGW_NGAP_PROC_UE_CONTEXT_RELEASE,
						  R,
						  3,
						  {{AGW_NGAP_ID_AMF_UE_NGAP_ID, I, 1},
						   {AGW_NGAP_ID_RAN_UE_NGAP_ID, I, 1},
						   {AGW_NGAP_ID_USER_LOCATION_INFORMATION, I, 0}}},
	/* ERROR INDICATION (9.4.4 ErrorIndication) */
	[AGW_NGAP_ERROR_INDICATION] = {AGW_AP_INITIATING,
				       AGW_NGAP_PROC_ERROR_INDICATION,
				       I,
				       4,
				       {{AGW_NGAP_ID_AMF_UE_NGAP_ID, I, 0},
					{AGW_NGAP_ID_RAN_UE_NGAP_ID, I, 0},
					{AGW_NGAP_ID_CAUSE, I, 0},
					{AGW_NGAP_ID_FIVEG_S_TMSI, I, 0}}},
};

#undef R
#undef I

static const struct msg_spec *
find_msg(uint8_t type, uint8_t proc)
{
	for (unsigned int k = 0; k < AGW_NGAP_N_KINDS; k++)
		if (ngap_msgs[k].type == type && ngap_msgs[k].proc == proc)
			return &ngap_msgs[k];
	return NULL;
}

/* Presence masks of a message: every typed IE it carries, the mandatory ones. */
static void
msg_masks(const struct msg_spec *ms, uint32_t *allowed, uint32_t *mandatory)
{
	*allowed = 0;
	*mandatory = 0;
	for (unsigned int i = 0; i < ms->n_ies; i++) {
		uint32_t has = find_codec(ms->ies[i].id)->has;

		*allowed |= has;
		if (ms->ies[i].mandatory)
			*mandatory |= has;
	}
}

int
agw_ngap_msg_init(struct agw_ngap_msg *m, enum agw_ngap_msg_kind kind)
{
	memset(m, 0, sizeof(*m));
	if ((unsigned int)kind >= AGW_NGAP_N_KINDS)
		return AGW_PROTO_E_BAD_VALUE;
	m->pdu.type = ngap_msgs[kind].type;
	m->pdu.proc = ngap_msgs[kind].proc;
	m->pdu.crit = ngap_msgs[kind].crit;
	return 0;
}

/* One typed IE of a message being decoded (clause 10.3.4 for unknown ids). */
static int
ngap_take_ie(struct agw_ngap_msg *m, const struct agw_ap_ie *ie)
{
	const struct ie_codec *c = find_codec(ie->id);
	struct per_rd r;
	int rc;

	if (c == NULL) {
		if (ie->id > AGW_NGAP_IE_ID_MAX && ie->crit == AGW_AP_REJECT)
			return AGW_PROTO_E_UNKNOWN_TYPE;
		m->n_skipped++;
		return 0;
	}
	if (m->present & c->has)
		return AGW_PROTO_E_BAD_VALUE; /* the same IE twice */
	per_init(&r, ie->value.p, ie->value.len);
	if ((rc = c->dec(&r, m)) != 0)
		return rc;
	m->present |= c->has;
	return 0;
}

int
agw_ngap_decode(const uint8_t *buf, size_t len, struct agw_ngap_msg *m)
{
	const struct msg_spec *ms;
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	uint32_t allowed, mandatory;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = agw_ap_pdu_decode(buf, len, &m->pdu)) != 0)
		return rc;
	if (m->pdu.proc == AGW_NGAP_PROC_PRIVATE_MESSAGE)
		return AGW_PROTO_E_UNSUPPORTED;
	agw_ap_ie_iter_init(&it, &m->pdu);
	while ((rc = agw_ap_ie_next(&it, &ie)) == 1)
		if ((rc = ngap_take_ie(m, &ie)) != 0)
			return rc;
	if (rc != 0)
		return rc;
	ms = find_msg(m->pdu.type, m->pdu.proc);
	if (ms == NULL)
		return 0;
	msg_masks(ms, &allowed, &mandatory);
	return (m->present & mandatory) == mandatory ? 0 : AGW_PROTO_E_MISSING_IE;
}

static void
enc_ie(struct per_wr *w, const struct ie_spec *is, const struct agw_ngap_msg *m)
{
	size_t mark;

	pw_cwn(w, 65536, is->id);
	pw_bits(w, is->crit, 2);
	mark = pw_open_begin(w);
	find_codec(is->id)->enc(w, m);
	pw_open_end(w, mark);
}

long
agw_ngap_encode(const struct agw_ngap_msg *m, void *buf, size_t cap)
{
	const struct msg_spec *ms = find_msg(m->pdu.type, m->pdu.proc);
	struct per_wr w = {agw_wr_init(buf, cap), 0, 0, 0};
	uint32_t allowed, mandatory, n = 0;
	size_t mark;

	if (ms == NULL)
		return AGW_PROTO_E_UNSUPPORTED;
	msg_masks(ms, &allowed, &mandatory);
	if ((m->present & mandatory) != mandatory)
		return AGW_PROTO_E_MISSING_IE;
	if (m->present & ~allowed)
		return AGW_PROTO_E_BAD_VALUE;
	for (unsigned int i = 0; i < ms->n_ies; i++)
		n += (m->present & find_codec(ms->ies[i].id)->has) != 0;
	pw_bits(&w, ms->type, 3); /* extension bit 0 + CHOICE index */
	pw_cwn(&w, 256, ms->proc);
	pw_bits(&w, ms->crit, 2);
	mark = pw_open_begin(&w);
	pw_bits(&w, 0, 1); /* message SEQUENCE extension bit */
	pw_cwn(&w, 65536, n);
	for (unsigned int i = 0; i < ms->n_ies; i++)
		if (m->present & find_codec(ms->ies[i].id)->has)
			enc_ie(&w, &ms->ies[i], m);
	pw_open_end(&w, mark);
	return pw_result(&w);
}

/* ================================================================== */
/* Typed accessors                                                      */
/* ================================================================== */

static int
ie_reader(const struct agw_ap_ie *ie, uint16_t id, struct per_rd *r)
{
	if (ie->id != id)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	per_init(r, ie->value.p, ie->value.len);
	return 0;
}

int
agw_ngap_ie_ran_ue_id(const struct agw_ap_ie *ie, uint32_t *v)
{
	struct per_rd r;
	uint64_t x;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_RAN_UE_NGAP_ID, &r)) != 0 ||
	    (rc = per_bigint(&r, 4, &x)) != 0)
		return rc;
	*v = (uint32_t)x;
	return per_done(&r);
}

int
agw_ngap_ie_amf_ue_id(const struct agw_ap_ie *ie, uint64_t *v)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_AMF_UE_NGAP_ID, &r)) != 0 ||
	    (rc = per_bigint(&r, 5, v)) != 0)
		return rc;
	return per_done(&r);
}

int
agw_ngap_ie_nas_pdu(const struct agw_ap_ie *ie, struct agw_ap_octets *nas)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_NAS_PDU, &r)) != 0 || (rc = per_open(&r, nas)) != 0)
		return rc;
	return per_done(&r);
}

int
agw_ngap_ie_uli(const struct agw_ap_ie *ie, struct agw_ngap_uli *uli)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_USER_LOCATION_INFORMATION, &r)) != 0)
		return rc;
	return dec_uli(&r, uli);
}

int
agw_ngap_ie_cause(const struct agw_ap_ie *ie, struct agw_ngap_cause *cause)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_CAUSE, &r)) != 0)
		return rc;
	return dec_cause(&r, cause);
}

int
agw_ngap_ie_guami(const struct agw_ap_ie *ie, struct agw_ngap_guami *guami)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_GUAMI, &r)) != 0 || (rc = dec_guami(&r, guami)) != 0)
		return rc;
	return per_done(&r);
}

int
agw_ngap_ie_5g_s_tmsi(const struct agw_ap_ie *ie, struct agw_ngap_5g_s_tmsi *s_tmsi)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_FIVEG_S_TMSI, &r)) != 0)
		return rc;
	return dec_s_tmsi(&r, s_tmsi);
}

int
agw_ngap_ie_security_key(const struct agw_ap_ie *ie, const uint8_t **key)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_SECURITY_KEY, &r)) != 0 ||
	    (rc = per_octets(&r, 32, key)) != 0)
		return rc;
	return per_done(&r);
}

int
agw_ngap_ie_ue_sec_cap(const struct agw_ap_ie *ie, struct agw_ngap_ue_sec_cap *cap)
{
	struct per_rd r;
	int rc;

	if ((rc = ie_reader(ie, AGW_NGAP_ID_UE_SECURITY_CAPABILITIES, &r)) != 0)
		return rc;
	return dec_ue_sec_cap(&r, cap);
}

/* ================================================================== */
/* S1AP (TS 36.413 9.3)                                                 */
/* ================================================================== */

#define S1AP_PROC_PRIVATE_MESSAGE 39

/* MME-UE-S1AP-ID 9.2.3.3 (0..2^32-1), eNB-UE-S1AP-ID 9.2.3.4 (0..2^24-1), NAS-PDU 9.2.3.5. */
static int
s1ap_take_ie(struct agw_s1ap_msg *m, const struct agw_ap_ie *ie)
{
	struct per_rd r;
	uint64_t v = 0;
	uint32_t has;
	int rc;

	per_init(&r, ie->value.p, ie->value.len);
	if (ie->id == AGW_S1AP_ID_MME_UE_S1AP_ID) {
		has = AGW_S1AP_HAS_MME_UE_S1AP_ID;
		rc = per_bigint(&r, 4, &v);
	} else if (ie->id == AGW_S1AP_ID_ENB_UE_S1AP_ID) {
		has = AGW_S1AP_HAS_ENB_UE_S1AP_ID;
		rc = per_bigint(&r, 3, &v);
	} else if (ie->id == AGW_S1AP_ID_NAS_PDU) {
		has = AGW_S1AP_HAS_NAS_PDU;
		rc = per_open(&r, &m->nas_pdu);
	} else {
		if (ie->id > AGW_S1AP_IE_ID_MAX && ie->crit == AGW_AP_REJECT)
			return AGW_PROTO_E_UNKNOWN_TYPE;
		m->n_skipped++;
		return 0;
	}
	if (m->present & has)
		return AGW_PROTO_E_BAD_VALUE;
	if (rc != 0 || (rc = per_done(&r)) != 0)
		return rc;
	if (has == AGW_S1AP_HAS_MME_UE_S1AP_ID)
		m->mme_ue_id = (uint32_t)v;
	else if (has == AGW_S1AP_HAS_ENB_UE_S1AP_ID)
		m->enb_ue_id = (uint32_t)v;
	m->present |= has;
	return 0;
}

int
agw_s1ap_decode(const uint8_t *buf, size_t len, struct agw_s1ap_msg *m)
{
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = agw_ap_pdu_decode(buf, len, &m->pdu)) != 0)
		return rc;
	if (m->pdu.proc == S1AP_PROC_PRIVATE_MESSAGE)
		return AGW_PROTO_E_UNSUPPORTED;
	agw_ap_ie_iter_init(&it, &m->pdu);
	while ((rc = agw_ap_ie_next(&it, &ie)) == 1)
		if ((rc = s1ap_take_ie(m, &ie)) != 0)
			return rc;
	return rc;
}

/* ================================================================== */
/* Message names                                                        */
/* ================================================================== */

/* TS 38.413 clause 9.2 / 9.4.4, indexed by procedure code (9.4.7). */
static const char *const ngap_names[][3] = {
	[0] = {"AMFConfigurationUpdate", "AMFConfigurationUpdateAcknowledge",
	       "AMFConfigurationUpdateFailure"},
	[1] = {"AMFStatusIndication", NULL, NULL},
	[2] = {"CellTrafficTrace", NULL, NULL},
	[3] = {"DeactivateTrace", NULL, NULL},
	[4] = {"DownlinkNASTransport", NULL, NULL},
	[5] = {"DownlinkNonUEAssociatedNRPPaTransport", NULL, NULL},
	[6] = {"DownlinkRANConfigurationTransfer", NULL, NULL},
	[7] = {"DownlinkRANStatusTransfer", NULL, NULL},
	[8] = {"DownlinkUEAssociatedNRPPaTransport", NULL, NULL},
	[9] = {"ErrorIndication", NULL, NULL},
	[10] = {"HandoverCancel", "HandoverCancelAcknowledge", NULL},
	[11] = {"HandoverNotify", NULL, NULL},
	[12] = {"HandoverRequired", "HandoverCommand", "HandoverPreparationFailure"},
	[13] = {"HandoverRequest", "HandoverRequestAcknowledge", "HandoverFailure"},
	[14] = {"InitialContextSetupRequest", "InitialContextSetupResponse",
		"InitialContextSetupFailure"},
	[15] = {"InitialUEMessage", NULL, NULL},
	[16] = {"LocationReportingControl", NULL, NULL},
	[17] = {"LocationReportingFailureIndication", NULL, NULL},
	[18] = {"LocationReport", NULL, NULL},
	[19] = {"NASNonDeliveryIndication", NULL, NULL},
	[20] = {"NGReset", "NGResetAcknowledge", NULL},
	[21] = {"NGSetupRequest", "NGSetupResponse", "NGSetupFailure"},
	[22] = {"OverloadStart", NULL, NULL},
	[23] = {"OverloadStop", NULL, NULL},
	[24] = {"Paging", NULL, NULL},
	[25] = {"PathSwitchRequest", "PathSwitchRequestAcknowledge", "PathSwitchRequestFailure"},
	[26] = {"PDUSessionResourceModifyRequest", "PDUSessionResourceModifyResponse", NULL},
	[27] = {"PDUSessionResourceModifyIndication", "PDUSessionResourceModifyConfirm", NULL},
	[28] = {"PDUSessionResourceReleaseCommand", "PDUSessionResourceReleaseResponse", NULL},
	[29] = {"PDUSessionResourceSetupRequest", "PDUSessionResourceSetupResponse", NULL},
	[30] = {"PDUSessionResourceNotify", NULL, NULL},
	[31] = {"PrivateMessage", NULL, NULL},
	[32] = {"PWSCancelRequest", "PWSCancelResponse", NULL},
	[33] = {"PWSFailureIndication", NULL, NULL},
	[34] = {"PWSRestartIndication", NULL, NULL},
	[35] = {"RANConfigurationUpdate", "RANConfigurationUpdateAcknowledge",
		"RANConfigurationUpdateFailure"},
	[36] = {"RerouteNASRequest", NULL, NULL},
	[37] = {"RRCInactiveTransitionReport", NULL, NULL},
	[38] = {"TraceFailureIndication", NULL, NULL},
	[39] = {"TraceStart", NULL, NULL},
	[40] = {"UEContextModificationRequest", "UEContextModificationResponse",
		"UEContextModificationFailure"},
	[41] = {"UEContextReleaseCommand", "UEContextReleaseComplete", NULL},
	[42] = {"UEContextReleaseRequest", NULL, NULL},
	[43] = {"UERadioCapabilityCheckRequest", "UERadioCapabilityCheckResponse", NULL},
	[44] = {"UERadioCapabilityInfoIndication", NULL, NULL},
	[45] = {"UETNLABindingReleaseRequest", NULL, NULL},
	[46] = {"UplinkNASTransport", NULL, NULL},
	[47] = {"UplinkNonUEAssociatedNRPPaTransport", NULL, NULL},
	[48] = {"UplinkRANConfigurationTransfer", NULL, NULL},
	[49] = {"UplinkRANStatusTransfer", NULL, NULL},
	[50] = {"UplinkUEAssociatedNRPPaTransport", NULL, NULL},
	[51] = {"WriteReplaceWarningRequest", "WriteReplaceWarningResponse", NULL},
	[52] = {"SecondaryRATDataUsageReport", NULL, NULL},
	[53] = {"UplinkRIMInformationTransfer", NULL, NULL},
	[54] = {"DownlinkRIMInformationTransfer", NULL, NULL},
	[55] = {"RetrieveUEInformation", NULL, NULL},
	[56] = {"UEInformationTransfer", NULL, NULL},
	[57] = {"RANCPRelocationIndication", NULL, NULL},
	[58] = {"UEContextResumeRequest", "UEContextResumeResponse", "UEContextResumeFailure"},
	[59] = {"UEContextSuspendRequest", "UEContextSuspendResponse", "UEContextSuspendFailure"},
	[60] = {"UERadioCapabilityIDMappingRequest", "UERadioCapabilityIDMappingResponse", NULL},
	[61] = {"HandoverSuccess", NULL, NULL},
	[62] = {"UplinkRANEarlyStatusTransfer", NULL, NULL},
	[63] = {"DownlinkRANEarlyStatusTransfer", NULL, NULL},
	[64] = {"AMFCPRelocationIndication", NULL, NULL},
	[65] = {"ConnectionEstablishmentIndication", NULL, NULL},
};

/* TS 36.413 clause 9.1 / 9.3.3, indexed by procedure code (9.3.6). */
static const char *const s1ap_names[][3] = {
	[0] = {"HandoverRequired", "HandoverCommand", "HandoverPreparationFailure"},
	[1] = {"HandoverRequest", "HandoverRequestAcknowledge", "HandoverFailure"},
	[2] = {"HandoverNotify", NULL, NULL},
	[3] = {"PathSwitchRequest", "PathSwitchRequestAcknowledge", "PathSwitchRequestFailure"},
	[4] = {"HandoverCancel", "HandoverCancelAcknowledge", NULL},
	[5] = {"E-RABSetupRequest", "E-RABSetupResponse", NULL},
	[6] = {"E-RABModifyRequest", "E-RABModifyResponse", NULL},
	[7] = {"E-RABReleaseCommand", "E-RABReleaseResponse", NULL},
	[8] = {"E-RABReleaseIndication", NULL, NULL},
	[9] = {"InitialContextSetupRequest", "InitialContextSetupResponse",
	       "InitialContextSetupFailure"},
	[10] = {"Paging", NULL, NULL},
	[11] = {"DownlinkNASTransport", NULL, NULL},
	[12] = {"InitialUEMessage", NULL, NULL},
	[13] = {"UplinkNASTransport", NULL, NULL},
	[14] = {"Reset", "ResetAcknowledge", NULL},
	[15] = {"ErrorIndication", NULL, NULL},
	[16] = {"NASNonDeliveryIndication", NULL, NULL},
	[17] = {"S1SetupRequest", "S1SetupResponse", "S1SetupFailure"},
	[18] = {"UEContextReleaseRequest", NULL, NULL},
	[19] = {"DownlinkS1cdma2000tunnelling", NULL, NULL},
	[20] = {"UplinkS1cdma2000tunnelling", NULL, NULL},
	[21] = {"UEContextModificationRequest", "UEContextModificationResponse",
		"UEContextModificationFailure"},
	[22] = {"UECapabilityInfoIndication", NULL, NULL},
	[23] = {"UEContextReleaseCommand", "UEContextReleaseComplete", NULL},
	[24] = {"ENBStatusTransfer", NULL, NULL},
	[25] = {"MMEStatusTransfer", NULL, NULL},
	[26] = {"DeactivateTrace", NULL, NULL},
	[27] = {"TraceStart", NULL, NULL},
	[28] = {"TraceFailureIndication", NULL, NULL},
	[29] = {"ENBConfigurationUpdate", "ENBConfigurationUpdateAcknowledge",
		"ENBConfigurationUpdateFailure"},
	[30] = {"MMEConfigurationUpdate", "MMEConfigurationUpdateAcknowledge",
		"MMEConfigurationUpdateFailure"},
	[31] = {"LocationReportingControl", NULL, NULL},
	[32] = {"LocationReportingFailureIndication", NULL, NULL},
	[33] = {"LocationReport", NULL, NULL},
	[34] = {"OverloadStart", NULL, NULL},
	[35] = {"OverloadStop", NULL, NULL},
	[36] = {"WriteReplaceWarningRequest", "WriteReplaceWarningResponse", NULL},
	[37] = {"ENBDirectInformationTransfer", NULL, NULL},
	[38] = {"MMEDirectInformationTransfer", NULL, NULL},
	[39] = {"PrivateMessage", NULL, NULL},
	[40] = {"ENBConfigurationTransfer", NULL, NULL},
	[41] = {"MMEConfigurationTransfer", NULL, NULL},
	[42] = {"CellTrafficTrace", NULL, NULL},
	[43] = {"KillRequest", "KillResponse", NULL},
	[44] = {"DownlinkUEAssociatedLPPaTransport", NULL, NULL},
	[45] = {"UplinkUEAssociatedLPPaTransport", NULL, NULL},
	[46] = {"DownlinkNonUEAssociatedLPPaTransport", NULL, NULL},
	[47] = {"UplinkNonUEAssociatedLPPaTransport", NULL, NULL},
	[48] = {"UERadioCapabilityMatchRequest", "UERadioCapabilityMatchResponse", NULL},
	[49] = {"PWSRestartIndication", NULL, NULL},
	[50] = {"E-RABModificationIndication", "E-RABModificationConfirm", NULL},
	[51] = {"PWSFailureIndication", NULL, NULL},
	[52] = {"RerouteNASRequest", NULL, NULL},
	[53] = {"UEContextModificationIndication", "UEContextModificationConfirm", NULL},
	[54] = {"ConnectionEstablishmentIndication", NULL, NULL},
	[55] = {"UEContextSuspendRequest", "UEContextSuspendResponse", NULL},
	[56] = {"UEContextResumeRequest", "UEContextResumeResponse", "UEContextResumeFailure"},
	[57] = {"NASDeliveryIndication", NULL, NULL},
	[58] = {"RetrieveUEInformation", NULL, NULL},
	[59] = {"UEInformationTransfer", NULL, NULL},
	[60] = {"ENBCPRelocationIndication", NULL, NULL},
	[61] = {"MMECPRelocationIndication", NULL, NULL},
	[62] = {"SecondaryRATDataUsageReport", NULL, NULL},
	[63] = {"UERadioCapabilityIDMappingRequest", "UERadioCapabilityIDMappingResponse", NULL},
	[64] = {"HandoverSuccess", NULL, NULL},
	[65] = {"ENBEarlyStatusTransfer", NULL, NULL},
	[66] = {"MMEEarlyStatusTransfer", NULL, NULL},
};

const char *
agw_ngap_msg_name(uint8_t type, uint8_t proc)
{
	if (type > AGW_AP_UNSUCCESSFUL || proc >= sizeof(ngap_names) / sizeof(ngap_names[0]))
		return NULL;
	return ngap_names[proc][type];
}

const char *
agw_s1ap_msg_name(uint8_t type, uint8_t proc)
{
	if (type > AGW_AP_UNSUCCESSFUL || proc >= sizeof(s1ap_names) / sizeof(s1ap_names[0]))
		return NULL;
	return s1ap_names[proc][type];
}
