/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * libFuzzer target: NAS-EPS decoder (all three direction settings) and
 * every typed accessor; a decoded message must re-encode and decode to the
 * same IEs.
 */

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agw_nas5g.h"
#include "agw_naseps.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static void fuzz_msg(const uint8_t *d, size_t n, int dir, int depth);

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

static void
fz_mobile_id(const struct agw_nas_ie *ie, int fmt)
{
	struct agw_naseps_mobile_id id, id2;
	uint8_t buf[64];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	if (agw_naseps_mobile_id_decode(ie->v, ie->len, fmt, &id) != 0)
		return;
	CHECK(agw_naseps_mobile_id_encode(&id, fmt, &w) == 0);
	CHECK(agw_naseps_mobile_id_decode(buf, (size_t)agw_wr_result(&w), fmt, &id2) == 0);
	CHECK(id2.type == id.type && strcmp(id2.digits, id.digits) == 0 && id2.tmsi == id.tmsi &&
	      id2.guti.m_tmsi == id.guti.m_tmsi);
}

static void
fz_ie(unsigned int field, const struct agw_nas_ie *ie, int depth)
{
	struct agw_naseps_tai tai;
	struct agw_naseps_ue_net_cap cap;
	struct agw_nas5g_ue_status st;
	uint8_t buf[8];
	struct agw_wr w = agw_wr_init(buf, sizeof(buf));

	switch (field) {
	case AGW_NASEPS_F_MOBILE_ID:
	case AGW_NASEPS_F_ADDITIONAL_GUTI:
	case AGW_NASEPS_F_GUTI:
		fz_mobile_id(ie, AGW_NASEPS_IDF_EPS);
		break;
	case AGW_NASEPS_F_MOBILE_IDENTITY:
	case AGW_NASEPS_F_MS_IDENTITY:
	case AGW_NASEPS_F_IMEISV:
	case AGW_NASEPS_F_M_TMSI:
		fz_mobile_id(ie, AGW_NASEPS_IDF_MS);
		break;
	case AGW_NASEPS_F_LAST_TAI:
		if (agw_naseps_tai_decode(ie->v, ie->len, &tai) == 0)
			CHECK(agw_naseps_tai_encode(&tai, &w) == 0);
		break;
	case AGW_NASEPS_F_UE_NET_CAP:
		(void)agw_naseps_ue_net_cap_decode(ie->v, ie->len, &cap);
		break;
	case AGW_NASEPS_F_UE_STATUS:
		(void)agw_nas5g_ue_status_decode(ie->v, ie->len, &st);
		break;
	case AGW_NASEPS_F_ESM_CONTAINER:
		fuzz_msg(ie->v, ie->len, AGW_NASEPS_DIR_ANY, depth + 1);
		break;
	case AGW_NASEPS_F_NAS_KSI:
		(void)agw_nas_ksi_from_half(ie->half);
		break;
	case AGW_NASEPS_F_UPDATE_TYPE:
		(void)agw_naseps_update_type_from_half(ie->half);
		break;
	default:
		break;
	}
}

static void
fz_reencode(const struct agw_naseps_msg *m, int dir)
{
	static uint8_t out[70000];
	struct agw_naseps_msg m2;
	long n;

	if (m->sec.sht == 0)
		n = agw_naseps_encode(&m->hdr, &m->ies, out, sizeof(out));
	else
		n = agw_naseps_encode_protected(m->sec.sht, m->sec.mac, m->sec.sqn, &m->hdr,
						&m->ies, out, sizeof(out));
	CHECK(n > 0);
	/* the table actually used, so a Detach request keeps its direction */
	if (m->ies.desc != agw_naseps_desc(m->hdr.pd, m->hdr.type, dir))
		dir = dir == AGW_NASEPS_DIR_DL ? AGW_NASEPS_DIR_UL : AGW_NASEPS_DIR_DL;
	CHECK(agw_naseps_decode(out, (size_t)n, dir, &m2) == 0);
	CHECK(m2.ies.desc == m->ies.desc && m2.hdr.type == m->hdr.type &&
	      m2.hdr.ebi == m->hdr.ebi && m2.hdr.pti == m->hdr.pti && m2.sec.sht == m->sec.sht &&
	      m2.sec.mac == m->sec.mac);
	for (unsigned int i = 0; i < m->ies.desc->n_ies; i++) {
		const struct agw_nas_ie *a = &m->ies.ie[i], *b = &m2.ies.ie[i];

		CHECK(a->present == b->present && a->half == b->half);
		if (a->present && m->ies.desc->ies[i].fmt != AGW_NAS_FMT_VH &&
		    m->ies.desc->ies[i].fmt != AGW_NAS_FMT_TV1)
			CHECK(a->len == b->len && memcmp(a->v, b->v, a->len) == 0);
	}
}

static void
fuzz_msg(const uint8_t *d, size_t n, int dir, int depth)
{
	struct agw_naseps_msg m;
	struct agw_naseps_sec sec;
	struct agw_naseps_hdr hdr;
	uint16_t bearers;
	int rc;

	if (depth > 2)
		return;
	(void)agw_naseps_sec_decode(d, n, &sec);
	(void)agw_naseps_hdr_decode(d, n, &hdr);
	rc = agw_naseps_decode(d, n, dir, &m);
	(void)agw_naseps_name(&m);
	if ((rc != 0 && rc != AGW_PROTO_E_TRAILING) || m.ies.desc == NULL)
		return;
	for (unsigned int i = 0; i < m.ies.desc->n_ies; i++)
		if (m.ies.ie[i].present)
			fz_ie(m.ies.desc->ies[i].field, &m.ies.ie[i], depth);
	(void)agw_naseps_bearer_status(&m.ies, &bearers);
	(void)agw_naseps_field_name(m.ies.desc->ies[0].field);
	fz_reencode(&m, dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *copy = malloc(n ? n : 1); /* exactly sized: ASan sees any over-read */

	if (copy == NULL)
		return 0;
	memcpy(copy, d, n);
	fuzz_msg(copy, n, AGW_NASEPS_DIR_ANY, 0);
	fuzz_msg(copy, n, AGW_NASEPS_DIR_UL, 0);
	fuzz_msg(copy, n, AGW_NASEPS_DIR_DL, 0);
	free(copy);
	return 0;
}
