/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * libFuzzer target for the GTPv2-C codec: decode one message, walk every IE
 * (grouped ones included) through the typed decoder of its type, run the
 * three N26 message parsers, and check that what they parsed re-encodes
 * into a message that decodes and parses again.
 */

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>

#include "agw_gtpv2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[70000];

static void
typed_ie(const struct agw_gtpv2_ie *ie)
{
	union {
		struct agw_gtpv2_imsi imsi;
		struct agw_gtpv2_cause cause;
		struct agw_gtpv2_fteid fteid;
		struct agw_gtpv2_ind ind;
		struct agw_gtpv2_guti guti;
		struct agw_gtpv2_crm crm;
		struct agw_gtpv2_mm_eps mm;
		uint8_t plmn[3];
	} u;
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;

	agw_gtpv2_u8_decode(ie, &v8);
	agw_gtpv2_u16_decode(ie, &v16);
	agw_gtpv2_u32_decode(ie, &v32);
	switch (ie->type) {
	case AGW_GTPV2_IE_IMSI:
		agw_gtpv2_imsi_decode(ie, &u.imsi);
		break;
	case AGW_GTPV2_IE_CAUSE:
		agw_gtpv2_cause_decode(ie, &u.cause);
		break;
	case AGW_GTPV2_IE_FTEID:
		agw_gtpv2_fteid_decode(ie, &u.fteid);
		break;
	case AGW_GTPV2_IE_INDICATION:
		if (agw_gtpv2_ind_decode(ie, &u.ind) == 0)
			agw_gtpv2_ind_get(&u.ind, AGW_GTPV2_IND_MSV);
		break;
	case AGW_GTPV2_IE_GUTI:
		agw_gtpv2_guti_decode(ie, &u.guti);
		break;
	case AGW_GTPV2_IE_COMPLETE_REQUEST_MSG:
		agw_gtpv2_crm_decode(ie, &u.crm);
		break;
	case AGW_GTPV2_IE_MM_EPS:
		agw_gtpv2_mm_eps_decode(ie, &u.mm);
		break;
	default:
		if (agw_gtpv2_plmn_decode(ie, u.plmn) == 0) {
			uint16_t mcc, mnc;
			uint8_t nd;

			agw_gtpv2_plmn_split(u.plmn, &mcc, &mnc, &nd);
		}
		break;
	}
}

static void
walk(const uint8_t *p, size_t len, unsigned depth)
{
	struct agw_gtpv2_ie_iter it;
	struct agw_gtpv2_ie ie;

	agw_gtpv2_ie_iter_init(&it, p, len);
	while (agw_gtpv2_ie_next(&it, &ie) == 1) {
		typed_ie(&ie);
		if (agw_gtpv2_ie_is_grouped(ie.type) && depth < AGW_GTPV2_MAX_DEPTH)
			walk(ie.val, ie.len, depth + 1);
	}
}

/* Whatever a parser accepted must re-encode into a message it accepts. */
static void
reparse(long n, uint8_t type)
{
	struct agw_gtpv2_msg m;

	if (n <= 0)
		return; /* encoders may refuse (e.g. IMSI digits), never crash */
	if (agw_gtpv2_decode(out, (size_t)n, &m) != 0 || m.hdr.type != type)
		abort();
	if (type == AGW_GTPV2_CONTEXT_REQ) {
		struct agw_gtpv2_ctx_req q;

		if (agw_gtpv2_ctx_req_parse(&m, &q) != 0)
			abort();
	} else if (type == AGW_GTPV2_CONTEXT_RSP) {
		struct agw_gtpv2_ctx_rsp r;

		if (agw_gtpv2_ctx_rsp_parse(&m, &r) != 0)
			abort();
	} else {
		struct agw_gtpv2_ctx_ack a;

		if (agw_gtpv2_ctx_ack_parse(&m, &a) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct agw_gtpv2_ctx_rsp rsp;
	struct agw_gtpv2_msg m;
	struct agw_gtpv2_ctx_req req;
	struct agw_gtpv2_ctx_ack ack;

	if (agw_gtpv2_decode(data, size, &m) != 0)
		return 0;
	agw_gtpv2_msg_name(m.hdr.type);
	walk(m.ies, m.ies_len, 0);
	switch (m.hdr.type) {
	case AGW_GTPV2_CONTEXT_REQ:
		if (agw_gtpv2_ctx_req_parse(&m, &req) == 0)
			reparse(agw_gtpv2_ctx_req_encode(out, sizeof(out), m.hdr.teid, m.hdr.seq,
							 &req),
				m.hdr.type);
		break;
	case AGW_GTPV2_CONTEXT_RSP:
		if (agw_gtpv2_ctx_rsp_parse(&m, &rsp) == 0)
			reparse(agw_gtpv2_ctx_rsp_encode(out, sizeof(out), m.hdr.teid, m.hdr.seq,
							 &rsp),
				m.hdr.type);
		break;
	case AGW_GTPV2_CONTEXT_ACK:
		if (agw_gtpv2_ctx_ack_parse(&m, &ack) == 0)
			reparse(agw_gtpv2_ctx_ack_encode(out, sizeof(out), m.hdr.teid, m.hdr.seq,
							 &ack),
				m.hdr.type);
		break;
	default:
		break;
	}
	return 0;
}
