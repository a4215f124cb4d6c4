/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * libFuzzer target: NAS-5GS decoder and every typed accessor. Properties
 * checked beyond "no crash / no out-of-bounds read":
 *  - a decoded message re-encodes, and the re-encoding decodes to the same
 *    IEs (the table engine is symmetric);
 *  - a decoded AKMA identifier re-encodes to the same octets (only the
 *    canonical form is accepted);
 *  - a decoded security service identifier re-encodes and decodes equal.
 * Fuzz builds instrument lib/proto as well (top-level meson.build).
 */

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agw_nas5g.h"
#include "agw_naseps.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static void fuzz_msg(const uint8_t *d, size_t n, int depth);

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

static void
fz_mobile_id(const struct agw_nas_ie *ie)
{
	struct agw_nas5g_mobile_id id, id2;
	uint8_t buf[1024];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	if (agw_nas5g_mobile_id_decode(ie->v, ie->len, &id) != 0)
		return;
	if (id.type == AGW_NAS5G_ID_MAC || id.type == AGW_NAS5G_ID_EUI64)
		return;
	CHECK(agw_nas5g_mobile_id_encode(&id, &w) == 0);
	CHECK(agw_nas5g_mobile_id_decode(buf, (size_t)agw_wr_result(&w), &id2) == 0);
	CHECK(id2.type == id.type);
	if (id.type == AGW_NAS5G_ID_GUTI || id.type == AGW_NAS5G_ID_S_TMSI)
		CHECK(id2.u.guti.tmsi == id.u.guti.tmsi && id2.u.guti.amf_set == id.u.guti.amf_set);
	if (id.type == AGW_NAS5G_ID_SUCI && id.u.suci.supi_format == 0)
		CHECK(id2.u.suci.out_len == id.u.suci.out_len &&
		      strcmp(id2.u.suci.rid, id.u.suci.rid) == 0 &&
		      strcmp(id2.u.suci.plmn.mnc, id.u.suci.plmn.mnc) == 0);
}

static void
fz_ssi(const struct agw_nas_ie *ie, int domain)
{
	struct agw_nas5g_ssi s, s2;
	uint8_t buf[64];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	if (agw_nas5g_ssi_decode(ie->v, ie->len, domain, &s) != 0)
		return;
	CHECK(agw_nas5g_ssi_encode(&s, domain, &w) == 0);
	CHECK(agw_nas5g_ssi_decode(buf, (size_t)agw_wr_result(&w), domain, &s2) == 0);
	CHECK(s2.n == s.n && s2.ordered == s.ordered && s2.one_by_one == s.one_by_one);
	CHECK(memcmp(s2.e, s.e, sizeof(s.e)) == 0);
}

static void
fz_akma(const struct agw_nas_ie *ie)
{
	struct agw_nas5g_akma_id a;
	uint8_t buf[512];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	if (agw_nas5g_akma_id_decode(ie->v, ie->len, &a) != 0)
		return;
	CHECK(agw_nas5g_akma_id_encode(&a, &w) == 0);
	CHECK((size_t)agw_wr_result(&w) == ie->len && memcmp(buf, ie->v, ie->len) == 0);
}

static void
fz_small(unsigned int field, const struct agw_nas_ie *ie)
{
	struct agw_nas5g_ue_sec_cap cap;
	struct agw_nas5g_ue_status st;
	struct agw_nas5g_ue_svc_cap svc;
	struct agw_nas5g_relay_key_req rq;
	struct agw_nas5g_relay_key_resp rp;
	struct agw_nas_eap eap;
	uint8_t buf[16];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	switch (field) {
	case AGW_NAS5G_F_UE_SEC_CAP:
	case AGW_NAS5G_F_REPLAYED_UE_SEC_CAP:
		if (agw_nas5g_ue_sec_cap_decode(ie->v, ie->len, &cap) == 0)
			CHECK(agw_nas5g_ue_sec_cap_encode(&cap, &w) == 0);
		break;
	case AGW_NAS5G_F_UE_STATUS:
		(void)agw_nas5g_ue_status_decode(ie->v, ie->len, &st);
		break;
	case AGW_NAS5G_F_UE_SEC_SVC_CAP:
		if (agw_nas5g_ue_svc_cap_decode(ie->v, ie->len, &svc) == 0)
			CHECK(agw_nas5g_ue_svc_cap_encode(&svc, &w) == 0);
		break;
	case AGW_NAS5G_F_EAP_MESSAGE:
		(void)agw_nas_eap_decode(ie->v, ie->len, &eap);
		break;
	case AGW_NAS5G_F_RELAY_KEY_REQUEST_PARAMS:
		(void)agw_nas5g_relay_key_req_decode(ie->v, ie->len, &rq);
		break;
	case AGW_NAS5G_F_RELAY_KEY_RESPONSE_PARAMS:
		(void)agw_nas5g_relay_key_resp_decode(ie->v, ie->len, &rp);
		break;
	case AGW_NAS5G_F_NAS_SEC_ALGS:
		(void)agw_nas5g_sec_algs_decode(ie->v[0]);
		break;
	default:
		break;
	}
}

static void
fz_ie(const struct agw_nas_body *b, unsigned int field, const struct agw_nas_ie *ie, int depth)
{
	struct agw_naseps_msg eps;
	const struct agw_nas_ie *pct;

	switch (field) {
	case AGW_NAS5G_F_MOBILE_ID:
	case AGW_NAS5G_F_ADDITIONAL_GUTI:
	case AGW_NAS5G_F_GUTI:
	case AGW_NAS5G_F_S_TMSI:
	case AGW_NAS5G_F_IMEISV:
	case AGW_NAS5G_F_NON_IMEISV_PEI:
		fz_mobile_id(ie);
		break;
	case AGW_NAS5G_F_MM_SSI:
		fz_ssi(ie, AGW_NAS5G_SSI_MM);
		break;
	case AGW_NAS5G_F_SM_SSI:
		fz_ssi(ie, AGW_NAS5G_SSI_SM);
		break;
	case AGW_NAS5G_F_AKMA_ID:
		fz_akma(ie);
		break;
	case AGW_NAS5G_F_NAS_MSG_CONTAINER:
		fuzz_msg(ie->v, ie->len, depth + 1);
		break;
	case AGW_NAS5G_F_PAYLOAD_CONTAINER:
		pct = agw_nas_get(b, AGW_NAS5G_F_PAYLOAD_CONTAINER_TYPE);
		if (pct != NULL && pct->half == 1)
			fuzz_msg(ie->v, ie->len, depth + 1);
		break;
	case AGW_NAS5G_F_EPS_NAS_MSG_CONTAINER:
		(void)agw_naseps_decode(ie->v, ie->len, AGW_NASEPS_DIR_UL, &eps);
		break;
	case AGW_NAS5G_F_NGKSI:
	case AGW_NAS5G_F_NON_CURRENT_NGKSI:
		(void)agw_nas_ksi_from_half(ie->half);
		break;
	case AGW_NAS5G_F_REG_TYPE:
		(void)agw_nas5g_reg_type_from_half(ie->half);
		break;
	default:
		fz_small(field, ie);
		break;
	}
}

/* Re-encode and decode again: the same IEs must come back. */
static void
fz_reencode(const struct agw_nas5g_msg *m)
{
	static uint8_t out[70000];
	struct agw_nas5g_msg m2;
	long n;

	if (m->sec.sht == 0)
		n = agw_nas5g_encode(&m->hdr, &m->ies, out, sizeof(out));
	else
		n = agw_nas5g_encode_protected(m->sec.sht, m->sec.mac, m->sec.sqn, &m->hdr, &m->ies,
					       out, sizeof(out));
	CHECK(n > 0);
	CHECK(agw_nas5g_decode(out, (size_t)n, &m2) == 0);
	CHECK(m2.hdr.type == m->hdr.type && m2.hdr.psi == m->hdr.psi && m2.hdr.pti == m->hdr.pti);
	CHECK(m2.sec.sht == m->sec.sht && m2.sec.mac == m->sec.mac && m2.sec.sqn == m->sec.sqn);
	for (unsigned int i = 0; i < m->ies.desc->n_ies; i++) {
		const struct agw_nas_ie *a = &m->ies.ie[i], *b = &m2.ies.ie[i];

		CHECK(a->present == b->present && a->half == b->half);
		if (a->present && m->ies.desc->ies[i].fmt != AGW_NAS_FMT_VH &&
		    m->ies.desc->ies[i].fmt != AGW_NAS_FMT_TV1)
			CHECK(a->len == b->len && memcmp(a->v, b->v, a->len) == 0);
	}
}

static void
fuzz_msg(const uint8_t *d, size_t n, int depth)
{
	struct agw_nas5g_msg m;
	struct agw_nas5g_sec sec;
	struct agw_nas5g_hdr hdr;
	const uint8_t *p;
	int rc;

	if (depth > 2)
		return;
	(void)agw_nas5g_sec_decode(d, n, &sec);
	(void)agw_nas5g_hdr_decode(d, n, &hdr);
	rc = agw_nas5g_decode(d, n, &m);
	if ((rc != 0 && rc != AGW_PROTO_E_TRAILING) || m.ies.desc == NULL)
		return;
	for (unsigned int i = 0; i < m.ies.desc->n_ies; i++)
		if (m.ies.ie[i].present)
			fz_ie(&m.ies, m.ies.desc->ies[i].field, &m.ies.ie[i], depth);
	(void)agw_nas5g_rand(&m.ies, &p);
	(void)agw_nas5g_autn(&m.ies, &p);
	(void)agw_nas5g_res_star(&m.ies, &p);
	(void)agw_nas5g_auts(&m.ies, &p);
	(void)agw_nas5g_field_name(m.ies.desc->ies[0].field);
	fz_reencode(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *copy = malloc(n ? n : 1); /* exactly sized: ASan sees any over-read */

	if (copy == NULL)
		return 0;
	memcpy(copy, d, n);
	fuzz_msg(copy, n, 0);
	free(copy);
	return 0;
}
