/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * PC5 signalling codec (TS 24.554 10.3 / 11.3). See agw_pc5.h. Two tables
 * drive it: pc5_ies[] says how each IE is coded (format, IEI, length
 * range, where its value lives in struct agw_pc5_msg) and pc5_msgs[] says
 * which IEs each message carries. Every octet goes through agw_rd_* or
 * agw_wr_*.
 */

#include <string.h>

#include "agw_pc5.h"

/* IE formats of TS 24.007 11.2.1.1: V, LV, LV-E (mandatory, no IEI) and
 * TV, TLV, TLV-E (optional, led by an IEI); T1 is the type 1 TV IE of
 * one octet, IEI in bits 8-5 and value in bits 4-1 (TS 24.007 11.2.1.1.1). */
enum pc5_fmt { F_V, F_LV, F_LVE, F_TV, F_TLV, F_TLVE, F_T1 };

/* Where the value of an IE is stored. */
enum pc5_kind {
	K_U8,	 /* one octet */
	K_U16,	 /* two octets, big-endian */
	K_U24,	 /* three octets into a uint32_t (RSC) */
	K_U32,	 /* four octets */
	K_PLMN,	 /* three octets copied */
	K_PTR,	 /* fixed-size octets, pointer kept */
	K_BUF,	 /* variable octets, struct agw_pc5_buf */
	K_KEYID, /* key ID type octet + struct agw_pc5_buf */
};

struct pc5_ie_desc {
	const char *name;
	uint8_t fmt;  /* enum pc5_fmt */
	uint8_t iei;  /* for TV/TLV/TLV-E */
	uint8_t kind; /* enum pc5_kind */
	uint16_t min; /* value length range (fixed length: min == max) */
	uint16_t max;
	size_t off;  /* value in struct agw_pc5_msg */
	size_t off2; /* K_KEYID: the struct agw_pc5_buf */
};

#define O(m) offsetof(struct agw_pc5_msg, m)

/*
 * Per IE: TS 24.554 clause, format, IEI and length. "sec" = secondary
 * source, "unc" = unconfirmed (agw_pc5.h explains both).
 */
static const struct pc5_ie_desc pc5_ies[AGW_PC5_IE_N_] = {
	/* 11.3.4 application layer ID, LV 2-254 (sec: TS 24.587 twin) */
	[AGW_PC5_IE_SRC_USER_INFO] = {"source user info", F_LV, 0, K_BUF, 1, AGW_PC5_APP_ID_MAX,
				      O(src_user_info), 0},
	/* 11.3.11 UE security capabilities, LV 3-9 (sec) */
	[AGW_PC5_IE_UE_SEC_CAP] = {"UE security capabilities", F_LV, 0, K_BUF, 2, 8, O(ue_sec_cap),
				   0},
	/* 11.3.12 UE PC5 unicast signalling security policy, V 1 (sec) */
	[AGW_PC5_IE_SIG_SEC_POLICY] = {"UE PC5 unicast signalling security policy", F_V, 0, K_U8, 1,
				       1, O(sig_sec_policy), 0},
	/* 11.3.5 PC5 QoS flow descriptions, LV-E (sec: NIST, mandatory in accept) */
	[AGW_PC5_IE_QOS_FLOWS] = {"PC5 QoS flow descriptions", F_LVE, 0, K_BUF, 0, UINT16_MAX,
				  O(qos_flows), 0},
	/* 11.3.18 configuration of UE PC5 unicast UP security protection, V 1 (sec) */
	[AGW_PC5_IE_UP_SEC_CONFIG] =
		{"configuration of UE PC5 unicast user plane security protection", F_V, 0, K_U8, 1,
		 1, O(up_sec_config), 0},
	/* 11.3.8 PC5 signalling protocol cause, V 1 (sec) */
	[AGW_PC5_IE_CAUSE] = {"PC5 signalling protocol cause", F_V, 0, K_U8, 1, 1, O(cause), 0},
	/* 11.3.22 selected security algorithms, V 1 (unc: mandatory in SMC) */
	[AGW_PC5_IE_SEL_ALGS] = {"selected security algorithms", F_V, 0, K_U8, 1, 1, O(sel_algs),
				 0},
	/* 10.3.1.2 target user info, TLV 3-255, IEI 0x28 (sec: TS 38.508-1 Table 4.7.4-7,
	   TS 24.587) */
	[AGW_PC5_IE_TARGET_USER_INFO] = {"target user info", F_TLV, 0x28, K_BUF, 1,
					 AGW_PC5_APP_ID_MAX, O(target_user_info), 0},
	/* 10.3.1.3 / 11.3.9 key establishment information container, TLV-E, IEI 0x74 (sec: NIST) */
	[AGW_PC5_IE_KEIC] = {"key establishment information container", F_TLVE, 0x74, K_BUF, 1,
			     UINT16_MAX, O(keic), 0},
	/* 10.3.1.4 / 11.3.10 Nonce_1, TV 17, IEI 0x53 (sec: NIST) */
	[AGW_PC5_IE_NONCE_1] = {"Nonce_1", F_TV, 0x53, K_PTR, AGW_PC5_NONCE_LEN, AGW_PC5_NONCE_LEN,
				O(nonce_1), 0},
	/* 10.3.1.5 / 11.3.13 MSB of KNRP-sess ID, TV 2, IEI 0x54 (sec: NIST) */
	[AGW_PC5_IE_MSB_KNRP_SESS_ID] = {"MSB of KNRP-sess ID", F_TV, 0x54, K_U8, 1, 1,
					 O(msb_knrp_sess_id), 0},
	/* 10.3.1.6 / 11.3.14 KNRP ID, TV 5, IEI 0x52 (sec: NIST) */
	[AGW_PC5_IE_KNRP_ID] = {"KNRP ID", F_TV, 0x52, K_U32, 4, 4, O(knrp_id), 0},
	/* 10.3.1.7 / 11.3.26 relay service code, TV 4, IEI 0x25 (unc: NIST "LTE value") */
	[AGW_PC5_IE_RSC] = {"relay service code", F_TV, 0x25, K_U24, 3, 3, O(rsc), 0},
	/* 10.3.1.9 / 11.3.30 UE identity (5GS mobile identity), TLV-E, IEI 0x77 (unc) */
	[AGW_PC5_IE_UE_IDENTITY] = {"UE identity", F_TLVE, 0x77, K_BUF, 1, UINT16_MAX,
				    O(ue_identity), 0},
	/* 10.3.1.10 / 11.3.32 user security key ID, TLV, IEI 0x7a (unc) */
	[AGW_PC5_IE_USER_KEY_ID] = {"user security key ID", F_TLV, 0x7a, K_KEYID, 2, 255,
				    O(user_key_id_type), O(user_key_id)},
	/* 10.3.1.11 / 11.3.33 HPLMN ID, TV 4, IEI 0x26 (unc) */
	[AGW_PC5_IE_HPLMN_ID] = {"HPLMN ID", F_TV, 0x26, K_PLMN, 3, 3, O(hplmn), 0},
	/* patent seed 002 [0431] key update indication: type 1 IE, IEI 0xE-, value in
	 * bit 1 (anchorgw extension, not in TS 24.554) */
	[AGW_PC5_IE_KEY_UPDATE_IND] = {"key update indication", F_T1, 0xe0, K_U8, 1, 1,
				       O(key_update_ind), 0},
	/* 11.3.10 Nonce_2, TV 17, IEI 0x55 (unc) */
	[AGW_PC5_IE_NONCE_2] = {"Nonce_2", F_TV, 0x55, K_PTR, AGW_PC5_NONCE_LEN, AGW_PC5_NONCE_LEN,
				O(nonce_2), 0},
	/* 11.3.15 LSB of KNRP-sess ID, TV 2, IEI 0x2d (unc) */
	[AGW_PC5_IE_LSB_KNRP_SESS_ID] = {"LSB of KNRP-sess ID", F_TV, 0x2d, K_U8, 1, 1,
					 O(lsb_knrp_sess_id), 0},
	/* 11.3.16 MSBs of KNRP ID, TV 3, IEI 0x2e (unc) */
	[AGW_PC5_IE_MSBS_KNRP_ID] = {"MSBs of KNRP ID", F_TV, 0x2e, K_U16, 2, 2, O(msbs_knrp_id),
				     0},
	/* 11.3.17 LSBs of KNRP ID, TV 3, IEI 0x2f (unc) */
	[AGW_PC5_IE_LSBS_KNRP_ID] = {"LSBs of KNRP ID", F_TV, 0x2f, K_U16, 2, 2, O(lsbs_knrp_id),
				     0},
	/* 11.3.31 EAP message, TLV-E 7-1503, IEI 0x78 (unc: TS 24.501 value reused) */
	[AGW_PC5_IE_EAP] = {"EAP message", F_TLVE, 0x78, K_BUF, 4, 1500, O(eap), 0},
	/* 11.3.6 IP address configuration, TV 2, IEI 0x21 (unc) */
	[AGW_PC5_IE_IP_ADDR_CONFIG] = {"IP address configuration", F_TV, 0x21, K_U8, 1, 1,
				       O(ip_addr_config), 0},
	/* 11.3.7 link local IPv6 address, TV 17, IEI 0x22 (unc) */
	[AGW_PC5_IE_LL_IPV6] = {"link local IPv6 address", F_TV, 0x22, K_PTR, 16, 16, O(ll_ipv6),
				0},
};

#undef O

#define B(ie) AGW_PC5_BIT(AGW_PC5_IE_##ie)

struct pc5_msg_desc {
	uint8_t type;
	const char *name;
	uint8_t n_mand;
	uint8_t mand[4]; /* mandatory IEs after type and sequence number, in order */
	uint32_t opt;	 /* optional IEs; encoded in enum order */
};

/* TS 24.554 10.3: which IEs each message carries (see agw_pc5.h status). */
static const struct pc5_msg_desc pc5_msgs[] = {
	/* 10.3.1 PROSE DIRECT LINK ESTABLISHMENT REQUEST */
	{AGW_PC5_DL_EST_REQ,
	 "PROSE DIRECT LINK ESTABLISHMENT REQUEST",
	 3,
	 {AGW_PC5_IE_SRC_USER_INFO, AGW_PC5_IE_UE_SEC_CAP, AGW_PC5_IE_SIG_SEC_POLICY},
	 B(TARGET_USER_INFO) | B(KEIC) | B(NONCE_1) | B(MSB_KNRP_SESS_ID) | B(KNRP_ID) | B(RSC) |
		 B(UE_IDENTITY) | B(USER_KEY_ID) | B(HPLMN_ID) | B(KEY_UPDATE_IND)},
	/* 10.3.2 PROSE DIRECT LINK ESTABLISHMENT ACCEPT */
	{AGW_PC5_DL_EST_ACC,
	 "PROSE DIRECT LINK ESTABLISHMENT ACCEPT",
	 3,
	 {AGW_PC5_IE_SRC_USER_INFO, AGW_PC5_IE_QOS_FLOWS, AGW_PC5_IE_UP_SEC_CONFIG},
	 B(IP_ADDR_CONFIG) | B(LL_IPV6)},
	/* 10.3.3 PROSE DIRECT LINK ESTABLISHMENT REJECT */
	{AGW_PC5_DL_EST_REJ, "PROSE DIRECT LINK ESTABLISHMENT REJECT", 1, {AGW_PC5_IE_CAUSE}, 0},
	/* PROSE DIRECT LINK RELEASE REQUEST */
	{AGW_PC5_DL_REL_REQ, "PROSE DIRECT LINK RELEASE REQUEST", 1, {AGW_PC5_IE_CAUSE}, 0},
	/* PROSE DIRECT LINK RELEASE ACCEPT */
	{AGW_PC5_DL_REL_ACC, "PROSE DIRECT LINK RELEASE ACCEPT", 0, {0}, 0},
	/* PROSE DIRECT LINK AUTHENTICATION REQUEST / RESPONSE / REJECT */
	{AGW_PC5_DL_AUTH_REQ, "PROSE DIRECT LINK AUTHENTICATION REQUEST", 0, {0}, B(KEIC) | B(EAP)},
	{AGW_PC5_DL_AUTH_RSP,
	 "PROSE DIRECT LINK AUTHENTICATION RESPONSE",
	 0,
	 {0},
	 B(KEIC) | B(EAP)},
	{AGW_PC5_DL_AUTH_REJ,
	 "PROSE DIRECT LINK AUTHENTICATION REJECT",
	 1,
	 {AGW_PC5_IE_CAUSE},
	 B(EAP)},
	/* PROSE DIRECT LINK SECURITY MODE COMMAND */
	{AGW_PC5_DL_SMC,
	 "PROSE DIRECT LINK SECURITY MODE COMMAND",
	 3,
	 {AGW_PC5_IE_SEL_ALGS, AGW_PC5_IE_UE_SEC_CAP, AGW_PC5_IE_SIG_SEC_POLICY},
	 B(KEIC) | B(NONCE_2) | B(LSB_KNRP_SESS_ID) | B(MSBS_KNRP_ID) | B(EAP)},
	/* PROSE DIRECT LINK SECURITY MODE COMPLETE */
	{AGW_PC5_DL_SM_COMPLETE,
	 "PROSE DIRECT LINK SECURITY MODE COMPLETE",
	 0,
	 {0},
	 B(LSBS_KNRP_ID)},
	/* PROSE DIRECT LINK SECURITY MODE REJECT */
	{AGW_PC5_DL_SM_REJECT, "PROSE DIRECT LINK SECURITY MODE REJECT", 1, {AGW_PC5_IE_CAUSE}, 0},
};

#undef B

static const struct pc5_msg_desc *
pc5_msg_desc(uint8_t type)
{
	size_t i;

	for (i = 0; i < sizeof(pc5_msgs) / sizeof(pc5_msgs[0]); i++)
		if (pc5_msgs[i].type == type)
			return &pc5_msgs[i];
	return NULL;
}

const char *
agw_pc5_msg_name(uint8_t type)
{
	const struct pc5_msg_desc *d = pc5_msg_desc(type);

	return d != NULL ? d->name : "UNKNOWN";
}

const char *
agw_pc5_ie_name(enum agw_pc5_ie ie)
{
	return (unsigned)ie < AGW_PC5_IE_N_ ? pc5_ies[ie].name : "?";
}

int
agw_pc5_ie_allowed(uint8_t type, enum agw_pc5_ie ie)
{
	const struct pc5_msg_desc *d = pc5_msg_desc(type);
	unsigned i;

	if (d == NULL || (unsigned)ie >= AGW_PC5_IE_N_)
		return 0;
	for (i = 0; i < d->n_mand; i++)
		if (d->mand[i] == ie)
			return 2;
	return (d->opt >> ie) & 1;
}

/* ------------------------------------------------------------------ */
/* Decoding                                                           */
/* ------------------------------------------------------------------ */

/* Store a value of @p n octets at @p v into the message. */
static int
pc5_store(const struct pc5_ie_desc *d, const uint8_t *v, uint16_t n, struct agw_pc5_msg *m)
{
	struct agw_rd r = agw_rd_init(v, n);
	char *dst = (char *)m + d->off;
	struct agw_pc5_buf *b;
	uint32_t u = 0;
	uint8_t o;

	switch (d->kind) {
	case K_U8:
		return agw_rd_u8(&r, (uint8_t *)dst);
	case K_U16:
		return agw_rd_be16(&r, (uint16_t *)dst);
	case K_U24:
		while (agw_rd_u8(&r, &o) == 0)
			u = u << 8 | o;
		*(uint32_t *)dst = u;
		return 0;
	case K_U32:
		return agw_rd_be32(&r, (uint32_t *)dst);
	case K_PLMN:
		memcpy(dst, agw_rd_take(&r, 3), 3);
		return 0;
	case K_PTR:
		*(const uint8_t **)dst = agw_rd_take(&r, n);
		return 0;
	case K_KEYID:
		agw_rd_u8(&r, (uint8_t *)dst);
		b = (struct agw_pc5_buf *)((char *)m + d->off2);
		b->len = (uint16_t)(n - 1);
		b->p = agw_rd_take(&r, b->len);
		return 0;
	default: /* K_BUF */
		b = (struct agw_pc5_buf *)dst;
		b->len = n;
		b->p = v;
		return 0;
	}
}

/* Read the length part of an (T)LV / (T)LV-E / (T)V IE. */
static int
pc5_read_len(struct agw_rd *r, const struct pc5_ie_desc *d, uint16_t *n)
{
	uint8_t l8 = 0;
	int rc;

	switch (d->fmt) {
	case F_LV:
	case F_TLV:
		rc = agw_rd_u8(r, &l8);
		*n = l8;
		return rc;
	case F_LVE:
	case F_TLVE:
		return agw_rd_be16(r, n);
	default: /* V, TV: fixed */
		*n = d->min;
		return 0;
	}
}

/* One IE (its IEI already taken): length, range check, value. */
static int
pc5_read_ie(struct agw_rd *r, enum agw_pc5_ie ie, struct agw_pc5_msg *m)
{
	const struct pc5_ie_desc *d = &pc5_ies[ie];
	const uint8_t *v;
	uint16_t n;
	int rc;

	if ((rc = pc5_read_len(r, d, &n)) != 0)
		return rc;
	if (n < d->min || n > d->max)
		return AGW_PROTO_E_BAD_LENGTH;
	if ((v = agw_rd_take(r, n)) == NULL)
		return AGW_PROTO_E_TRUNCATED;
	if ((rc = pc5_store(d, v, n, m)) != 0)
		return rc;
	m->present |= AGW_PC5_BIT(ie);
	return 0;
}

/* Type 1 IE: the value is the low nibble of the IEI octet. */
static int
pc5_read_t1(uint8_t iei, enum agw_pc5_ie ie, struct agw_pc5_msg *m)
{
	uint8_t v = iei & 0x0f;

	if (agw_pc5_has(m, ie))
		return 0; /* repeated: keep the first */
	if (ie == AGW_PC5_IE_KEY_UPDATE_IND && v > 1)
		return AGW_PROTO_E_BAD_VALUE; /* bits 4-2 are spare */
	*((uint8_t *)m + pc5_ies[ie].off) = v;
	m->present |= AGW_PC5_BIT(ie);
	return 0;
}

static int
pc5_ie_by_iei(uint32_t allowed, uint8_t iei)
{
	int i;

	for (i = 0; i < AGW_PC5_IE_N_; i++) {
		uint8_t key = pc5_ies[i].fmt == F_T1 ? (iei & 0xf0) : iei;

		if (((allowed >> i) & 1) && pc5_ies[i].iei == key)
			return i;
	}
	return -1;
}

/* Optional IEs until the end of the message (TS 24.007 11.2.4 / 11.2.5). */
static int
pc5_read_optional(struct agw_rd *r, const struct pc5_msg_desc *d, struct agw_pc5_msg *m)
{
	struct agw_pc5_msg dup;
	uint8_t iei;
	int ie, rc;

	while (agw_rd_left(r) != 0) {
		agw_rd_u8(r, &iei);
		if ((ie = pc5_ie_by_iei(d->opt, iei)) < 0)
			return AGW_PROTO_E_UNKNOWN_TYPE;
		if (pc5_ies[ie].fmt == F_T1) {
			rc = pc5_read_t1(iei, (enum agw_pc5_ie)ie, m);
		} else if (!agw_pc5_has(m, (enum agw_pc5_ie)ie)) {
			rc = pc5_read_ie(r, (enum agw_pc5_ie)ie, m);
		} else {
			/* repeated IE: check and skip it, keep the first */
			dup = *m;
			rc = pc5_read_ie(r, (enum agw_pc5_ie)ie, &dup);
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
agw_pc5_decode(const void *buf, size_t len, struct agw_pc5_msg *m)
{
	struct agw_rd r = agw_rd_init(buf, len);
	const struct pc5_msg_desc *d;
	unsigned i;
	int rc;

	memset(m, 0, sizeof(*m));
	/* 11.3.1 message type, 11.3.2 sequence number */
	if ((rc = agw_rd_u8(&r, &m->type)) != 0)
		return rc;
	if ((d = pc5_msg_desc(m->type)) == NULL)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	if ((rc = agw_rd_u8(&r, &m->seq)) != 0)
		return rc;
	for (i = 0; i < d->n_mand; i++)
		if ((rc = pc5_read_ie(&r, (enum agw_pc5_ie)d->mand[i], m)) != 0)
			return rc;
	return pc5_read_optional(&r, d, m);
}

/* ------------------------------------------------------------------ */
/* Encoding                                                           */
/* ------------------------------------------------------------------ */

/* Value length of an IE as the message holds it, or -1 if invalid. */
static long
pc5_value_len(const struct pc5_ie_desc *d, const struct agw_pc5_msg *m)
{
	const char *src = (const char *)m + d->off;
	const struct agw_pc5_buf *b;

	switch (d->kind) {
	case K_BUF:
		b = (const struct agw_pc5_buf *)src;
		return b->len != 0 && b->p == NULL ? -1 : b->len;
	case K_KEYID:
		b = (const struct agw_pc5_buf *)((const char *)m + d->off2);
		return b->len != 0 && b->p == NULL ? -1 : (long)b->len + 1;
	case K_PTR:
		return *(const uint8_t *const *)src == NULL ? -1 : d->min;
	case K_U24:
		return *(const uint32_t *)src > 0xffffff ? -1 : 3;
	default:
		return d->min;
	}
}

static void
pc5_put_value(struct agw_wr *w, const struct pc5_ie_desc *d, const struct agw_pc5_msg *m)
{
	const char *src = (const char *)m + d->off;
	const struct agw_pc5_buf *b;
	uint32_t u;

	switch (d->kind) {
	case K_U8:
		agw_wr_u8(w, *(const uint8_t *)src);
		break;
	case K_U16:
		agw_wr_be16(w, *(const uint16_t *)src);
		break;
	case K_U24:
		u = *(const uint32_t *)src;
		agw_wr_u8(w, (uint8_t)(u >> 16));
		agw_wr_be16(w, (uint16_t)u);
		break;
	case K_U32:
		agw_wr_be32(w, *(const uint32_t *)src);
		break;
	case K_PLMN:
		agw_wr_bytes(w, src, 3);
		break;
	case K_PTR:
		agw_wr_bytes(w, *(const uint8_t *const *)src, d->min);
		break;
	case K_KEYID:
		agw_wr_u8(w, *(const uint8_t *)src);
		b = (const struct agw_pc5_buf *)((const char *)m + d->off2);
		agw_wr_bytes(w, b->p, b->len);
		break;
	default: /* K_BUF */
		b = (const struct agw_pc5_buf *)src;
		agw_wr_bytes(w, b->p, b->len);
		break;
	}
}

static int
pc5_put_ie(struct agw_wr *w, enum agw_pc5_ie ie, const struct agw_pc5_msg *m)
{
	const struct pc5_ie_desc *d = &pc5_ies[ie];
	long n = pc5_value_len(d, m);

	if (n < d->min || n > d->max)
		return AGW_PROTO_E_BAD_VALUE;
	if (d->fmt == F_T1) {
		if (m->key_update_ind > 1)
			return AGW_PROTO_E_BAD_VALUE;
		agw_wr_u8(w, (uint8_t)(d->iei | *((const uint8_t *)m + d->off)));
		return 0;
	}
	if (d->fmt >= F_TV)
		agw_wr_u8(w, d->iei);
	if (d->fmt == F_LV || d->fmt == F_TLV)
		agw_wr_u8(w, (uint8_t)n);
	else if (d->fmt == F_LVE || d->fmt == F_TLVE)
		agw_wr_be16(w, (uint16_t)n);
	pc5_put_value(w, d, m);
	return 0;
}

static int
pc5_check_presence(const struct pc5_msg_desc *d, uint32_t present)
{
	uint32_t mand = 0;
	unsigned i;

	for (i = 0; i < d->n_mand; i++)
		mand |= AGW_PC5_BIT(d->mand[i]);
	if ((present & mand) != mand)
		return AGW_PROTO_E_MISSING_IE;
	if ((present & ~(mand | d->opt)) != 0)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	return 0;
}

long
agw_pc5_encode(void *buf, size_t cap, const struct agw_pc5_msg *m)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	const struct pc5_msg_desc *d = pc5_msg_desc(m->type);
	unsigned i;
	int rc;

	if (d == NULL)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	if ((rc = pc5_check_presence(d, m->present)) != 0)
		return rc;
	agw_wr_u8(&w, m->type);
	agw_wr_u8(&w, m->seq);
	for (i = 0; i < d->n_mand; i++)
		if ((rc = pc5_put_ie(&w, (enum agw_pc5_ie)d->mand[i], m)) != 0)
			return rc;
	for (i = 0; i < AGW_PC5_IE_N_; i++)
		if (((d->opt & m->present) >> i) & 1)
			if ((rc = pc5_put_ie(&w, (enum agw_pc5_ie)i, m)) != 0)
				return rc;
	return agw_wr_result(&w);
}
