/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * UDM/ARPF: subscriber data from lib/store, SQN from durable blocks
 * (TS 33.102 Annex C; agw_store_sqn_reserve()), 5G HE AV generation
 * (TS 33.501 6.1.3.2 step 1) and resynchronisation (6.1.3.3.2, TS 33.102
 * 6.3.5).
 *
 * SQN: each reservation makes a block of sqn_block SEQ values durable
 * before any of them is used; this cache hands them out with IND 0, one SEQ
 * per vector. An evicted or dropped block is only skipped, never reused.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

static uint32_t
supi_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

/* The slot of @p supi, or the slot to (re)use for it (evicting a block). */
static struct anch_sqn_slot *
sqn_slot(struct agw_anchors *a, const char *supi)
{
	uint32_t h = supi_hash(supi);

	for (uint32_t i = 0; i < 8; i++) {
		struct anch_sqn_slot *s = &a->sqn[(h + i) & a->sqn_mask];

		if (s->supi[0] == '\0' || (s->hash == h && strcmp(s->supi, supi) == 0))
			return s;
	}
	return &a->sqn[h & a->sqn_mask];
}

static int
sqn_next(struct agw_anchors *a, const char *supi, uint64_t *sqn)
{
	uint32_t h = supi_hash(supi);
	struct anch_sqn_slot *s = sqn_slot(a, supi);
	struct agw_store_sqn rec;
	uint64_t first;
	int rc;

	if (s->supi[0] == '\0' || s->hash != h || strcmp(s->supi, supi) != 0 || s->next >= s->end) {
		rc = agw_store_sqn_reserve(a->conf.store, supi, a->conf.sqn_block, &first);
		if (rc == 0)
			rc = agw_store_sqn_get(a->conf.store, supi, &rec);
		if (rc != 0) {
			s->supi[0] = '\0';
			return rc;
		}
		snprintf(s->supi, sizeof(s->supi), "%s", supi);
		s->hash = h;
		s->ind_bits = rec.ind_bits;
		s->next = first;
		s->end = first + ((uint64_t)a->conf.sqn_block << rec.ind_bits);
	}
	*sqn = s->next;
	s->next += UINT64_C(1) << s->ind_bits; /* next SEQ, IND 0 */
	return 0;
}

static void
sqn_to_octets(uint64_t v, uint8_t o[AGW_MIL_SQN_LEN])
{
	for (int i = AGW_MIL_SQN_LEN - 1; i >= 0; i--, v >>= 8)
		o[i] = (uint8_t)v;
}

static uint64_t
sqn_from_octets(const uint8_t o[AGW_MIL_SQN_LEN])
{
	uint64_t v = 0;

	for (int i = 0; i < AGW_MIL_SQN_LEN; i++)
		v = v << 8 | o[i];
	return v;
}

static struct agw_milenage *
sub_milenage(struct agw_anchors *a, const char *supi, struct agw_store_sub *sub, int *rc)
{
	struct agw_milenage *m;

	*rc = agw_store_sub_get(a->conf.store, supi, sub);
	if (*rc != 0)
		return NULL;
	m = agw_milenage_create(sub->k, sub->opc, AGW_MILENAGE_OPC);
	if (m == NULL)
		*rc = -errno;
	return m;
}

/* What the rest of the procedure needs from the same subscriber read:
 * allowed algorithms (SMC), the seed 000 verdict and the MM procedures to
 * run (after the SMC), the AKMA indication and routing indicator (the
 * AUSF's AKMA step after the RES* check). */
static void
sub_remember(const struct agw_anchors *a, struct anch_ue *ue, const struct agw_store_sub *sub)
{
	ue->sub_nia = sub->nia_mask;
	ue->sub_nea = sub->nea_mask;
	ue->akma_ind = (sub->flags & AGW_STORE_SUB_F_AKMA) != 0;
	memcpy(ue->rid, sub->rid, sizeof(ue->rid));
	ue->rid[sizeof(ue->rid) - 1] = '\0';
	ue->ssi_verdict = (int8_t)anch_ssi_mm_target(&a->conf, sub, ue->svc_cap_present,
						     ue->ue_mm_cap, &ue->ssp);
	ue->sub_read = 1;
}

/*
 * Nudm_UEAuthentication_Get: a 5G HE AV for the UE's SUPI (one subscriber
 * read per procedure, see sub_remember()).
 * Returns -ENOENT for an unknown subscriber.
 */
int
anch_udm_get_av(struct agw_anchors *a, struct anch_ue *ue, struct agw_he_av_5g *av)
{
	struct agw_store_sub sub;
	struct agw_milenage *m;
	uint8_t sqn_o[AGW_MIL_SQN_LEN];
	uint64_t sqn;
	int rc;

	m = sub_milenage(a, ue->supi, &sub, &rc);
	if (m == NULL)
		goto out;
	sub_remember(a, ue, &sub);
	rc = sqn_next(a, ue->supi, &sqn);
	if (rc == 0) {
		sqn_to_octets(sqn, sqn_o);
		rc = agw_milenage_gen_he_av_5g(m, NULL, sqn_o, sub.amf, a->snn, a->snn_len, av);
	}
	agw_milenage_free(m);
out:
	agw_store_sub_clear(&sub);
	return rc;
}

/*
 * Nudm_UEAuthentication_Get with "synchronisation failure indication":
 * verify AUTS (MAC-S) against the RAND sent, move SQN_HE past SQN_MS
 * durably, drop the cached block. -EBADMSG: AUTS does not verify.
 */
int
anch_udm_resync(struct agw_anchors *a, const char *supi, const uint8_t rand[16],
		const uint8_t auts[AGW_MIL_AUTS_LEN])
{
	struct agw_store_sub sub;
	struct agw_milenage *m;
	struct anch_sqn_slot *s;
	uint8_t sqn_ms[AGW_MIL_SQN_LEN];
	int rc;

	m = sub_milenage(a, supi, &sub, &rc);
	if (m == NULL)
		goto out;
	rc = agw_milenage_resync(m, rand, auts, sqn_ms);
	agw_milenage_free(m);
	if (rc != 0)
		goto out;
	rc = agw_store_sqn_resync(a->conf.store, supi, sqn_from_octets(sqn_ms));
	s = sqn_slot(a, supi);
	if (strcmp(s->supi, supi) == 0)
		s->supi[0] = '\0'; /* next vector from a fresh reservation */
out:
	agw_store_sub_clear(&sub);
	return rc;
}

/* Allowed 5G-IA / 5G-EA of the UE's subscriber (bit n = algorithm n). */
int
anch_udm_sub_algs(struct agw_anchors *a, struct anch_ue *ue, uint8_t *nia_mask, uint8_t *nea_mask)
{
	struct agw_store_sub sub;
	int rc = 0;

	if (!ue->sub_read) {
		rc = agw_store_sub_get(a->conf.store, ue->supi, &sub);
		if (rc == 0)
			sub_remember(a, ue, &sub);
		agw_store_sub_clear(&sub);
	}
	*nia_mask = ue->sub_nia;
	*nea_mask = ue->sub_nea;
	return rc;
}

/* Seed 000: the UDM's MM identifier for this UE, checked against the
 * capabilities (from the procedure's subscriber read). 0, -EPERM
 * (mandatory procedure cannot run), or a store error. */
int
anch_udm_ssi_check(struct agw_anchors *a, struct anch_ue *ue)
{
	uint8_t nia, nea;
	int rc = ue->sub_read ? 0 : anch_udm_sub_algs(a, ue, &nia, &nea);

	return rc != 0 ? rc : ue->ssi_verdict;
}

/* Every SQN block held in memory: gone (see agw_anchors_store_rollback()). */
void
anch_udm_sqn_forget(struct agw_anchors *a)
{
	for (uint32_t i = 0; i <= a->sqn_mask; i++)
		a->sqn[i].supi[0] = '\0';
}
