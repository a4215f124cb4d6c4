/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AAnF instances: Naanf_AKMA_ApplicationKey_Get with the authorisation,
 * AF match and serve checks, K_AKMA from the context or pulled from the
 * AUSF (seed 001 FIG. 6/7), K_AF (TS 33.535 A.4) and its expiry;
 * AnchorKey_Register, Context_Remove, and FIG. 4 allocation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_rand.h"
#include "agw_util.h"
#include "akma_priv.h"

/* Attempts at a free random TID (spec/001 F14). */
#define TID_ATTEMPTS 8

static uint64_t
served_mask(const struct agw_akma *ak, const struct agw_akma_aanf_conf *c)
{
	uint64_t m = 0;

	if (c->n_served == 0)
		return ak->n_af >= 64 ? UINT64_MAX : (UINT64_C(1) << ak->n_af) - 1;
	for (unsigned int i = 0; i < c->n_served; i++)
		for (unsigned int f = 0; f < ak->n_af; f++)
			if (strcmp(ak->af[f].label, c->served[i]) == 0)
				m |= UINT64_C(1) << f;
	return m;
}

struct agw_akma_aanf *
akma_aanf_new(struct agw_akma *ak, unsigned int idx, const struct agw_akma_aanf_conf *c,
	      uint32_t capacity, uint64_t seed)
{
	struct agw_akma_aanf *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->ak = ak;
	a->idx = idx;
	snprintf(a->id, sizeof(a->id), "%s", c->id);
	snprintf(a->uri, sizeof(a->uri), "%s", c->uri != NULL ? c->uri : "");
	a->served = served_mask(ak, c);
	if (akma_tab_init(&a->ctx, capacity, seed) != 0) {
		free(a);
		return NULL;
	}
	return a;
}

void
akma_aanf_free(struct agw_akma_aanf *aanf)
{
	if (aanf == NULL)
		return;
	akma_tab_fini(&aanf->ctx);
	agw_memzero(aanf, sizeof(*aanf));
	free(aanf);
}

static void
ctx_drop(struct agw_akma_aanf *aanf, struct akma_ent *e)
{
	if (e->persisted)
		akma_persist_ctx_del(aanf, e);
	akma_tab_del(&aanf->ctx, e);
	aanf->stats[AGW_AKMA_AANF_STAT_REMOVED]++;
}

void
akma_aanf_drop_tid(struct agw_akma_aanf *aanf, const uint8_t *tid, size_t len)
{
	struct akma_ent *e = akma_tab_by_tid(&aanf->ctx, tid, len);

	if (e != NULL)
		ctx_drop(aanf, e);
}

/* "The AAnF shall store the latest information" (TS 33.535 6.1 step 4). */
struct akma_ent *
akma_aanf_put(struct agw_akma_aanf *aanf, const struct akma_ent *tmpl, int persist)
{
	struct akma_ent *e = akma_tab_by_supi(&aanf->ctx, tmpl->supi);

	if (e != NULL)
		ctx_drop(aanf, e);
	akma_aanf_drop_tid(aanf, tmpl->tid, tmpl->tid_len);
	e = akma_tab_add(&aanf->ctx, tmpl);
	if (e == NULL)
		return NULL;
	e->persisted = persist != 0;
	if (persist && akma_persist_ctx_put(aanf, e) != 0) {
		akma_tab_del(&aanf->ctx, e);
		return NULL;
	}
	return e;
}

int
akma_aanf_allocate(struct agw_akma_aanf *aanf, struct akma_ent *tmpl)
{
	struct agw_akma *ak = aanf->ak;
	int i;

	for (i = 0; i < TID_ATTEMPTS; i++) {
		if (agw_rand_bytes(tmpl->tid, AGW_AKMA_TID_RANDOM_LEN) != 0)
			return -EIO;
		tmpl->tid_len = AGW_AKMA_TID_RANDOM_LEN;
		if (!akma_tid_live(ak, tmpl->tid, tmpl->tid_len))
			break;
		ak->stats[AGW_AKMA_AUSF_STAT_TID_COLLISIONS]++;
	}
	if (i == TID_ATTEMPTS)
		return -ENOSPC;
	if (ak->addr_fields & AGW_AKMA_ADDR_AANF)
		snprintf(tmpl->aanf, sizeof(tmpl->aanf), "%s", aanf->id);
	if (akma_aanf_put(aanf, tmpl, 1) == NULL)
		return -EIO;
	aanf->stats[AGW_AKMA_AANF_STAT_ALLOCATED]++;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Naanf_AKMA_ApplicationKey_Get                                           */

static enum agw_akma_verdict
verdict(struct agw_akma_aanf *aanf, enum agw_akma_verdict v)
{
	aanf->verdicts[v]++;
	return v;
}

/* afId: 1..253 printable octets (TS 29.522 AfId is a string). */
static int
af_id_ok(const char *s, size_t n)
{
	if (s == NULL || n == 0 || n > 253)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return 0;
	return 1;
}

static int
af_find(const struct agw_akma *ak, const char *id, size_t n)
{
	for (unsigned int i = 0; i < ak->n_af; i++)
		if (ak->af[i].af_id_len == n && memcmp(ak->af[i].af_id, id, n) == 0)
			return (int)i;
	return -1;
}

/* First other instance that serves AF @p af ([0190]; one exists: config check). */
static const struct agw_akma_aanf *
relocation_target(const struct agw_akma_aanf *aanf, int af)
{
	const struct agw_akma *ak = aanf->ak;

	for (unsigned int i = 0; i < ak->n_aanf; i++)
		if (i != aanf->idx && (ak->aanf[i]->served >> af) & 1)
			return ak->aanf[i];
	return NULL;
}

/* Context held here ([0172]) or pulled from the AUSF ([0173]-[0175]). */
static enum agw_akma_verdict
ctx_get(struct agw_akma_aanf *aanf, const struct agw_nas5g_akma_id *f, int relocated,
	struct akma_ent **out)
{
	struct agw_akma *ak = aanf->ak;
	struct akma_ent *e = akma_tab_by_tid(&aanf->ctx, f->tid, f->tid_len), tmp;
	int rc;

	if (e != NULL) {
		if (strcmp(e->rid, f->rid) != 0)
			return AGW_AKMA_V_UNKNOWN_AKID;
		if (akma_expired(ak, e)) {
			akma_ausf_expire_tid(ak, f->tid, f->tid_len);
			akma_aanf_drop_tid(aanf, f->tid, f->tid_len);
			return AGW_AKMA_V_EXPIRED;
		}
		aanf->stats[AGW_AKMA_AANF_STAT_CACHE_HITS]++;
		*out = e;
		return AGW_AKMA_V_OK;
	}
	rc = akma_ausf_key_request(ak, aanf->idx, f->tid, f->tid_len, f->rid, relocated, &tmp);
	if (rc == 0) {
		e = akma_aanf_put(aanf, &tmp, 0);
		agw_memzero(&tmp, sizeof(tmp));
	}
	if (rc == -ENOENT)
		return AGW_AKMA_V_UNKNOWN_AKID;
	if (rc == -EKEYEXPIRED)
		return AGW_AKMA_V_EXPIRED;
	if (rc != 0 || e == NULL)
		return AGW_AKMA_V_INTERNAL;
	aanf->stats[AGW_AKMA_AANF_STAT_PULLED]++;
	*out = e;
	return AGW_AKMA_V_OK;
}

/* K_AF (TS 33.535 A.4), its expiry (no later than the context's) and the SUPI. */
static enum agw_akma_verdict
answer(struct agw_akma_aanf *aanf, const struct akma_ent *e, const struct akma_af *af,
       const struct agw_akma_kaf_req *rq, struct agw_akma_kaf_resp *rs)
{
	const struct agw_akma *ak = aanf->ak;

	if (agw_kdf_kaf(e->key, af->kdf_af_id, af->kdf_af_id_len, rs->kaf) != 0) {
		agw_memzero(rs, sizeof(*rs));
		return AGW_AKMA_V_INTERNAL;
	}
	rs->expiry = akma_now(ak) + ak->kaf_lifetime_s;
	if (e->expiry != 0 && e->expiry < rs->expiry)
		rs->expiry = e->expiry;
	if (af->expose_supi && !rq->anonymous)
		memcpy(rs->supi, e->supi, sizeof(rs->supi));
	return AGW_AKMA_V_OK;
}

static enum agw_akma_verdict
kaf_get(struct agw_akma_aanf *aanf, const struct agw_akma_kaf_req *rq, struct agw_akma_kaf_resp *rs)
{
	struct agw_akma *ak = aanf->ak;
	struct agw_nas5g_akma_id f;
	struct akma_ent *e = NULL;
	enum agw_akma_verdict v;
	int af, rc;

	if (!af_id_ok(rq->af_id, rq->af_id_len))
		return AGW_AKMA_V_BAD_AF_ID;
	/* F16: authorisation first, before any serve decision or AUSF contact. */
	af = af_find(ak, rq->af_id, rq->af_id_len);
	if (af < 0)
		return AGW_AKMA_V_AF_NOT_AUTHORISED;
	rc = akma_ident_parse(ak, rq->akid, rq->akid_len, &f);
	if (rc == -EXDEV)
		return AGW_AKMA_V_UNKNOWN_AKID; /* another home network: not ours */
	if (rc != 0)
		return AGW_AKMA_V_BAD_AKID;
	/* [0115][0166]: an identifier bound to one AF is refused to the others. */
	if (f.af[0] != '\0' && strcmp(f.af, "0") != 0 && strcmp(f.af, ak->af[af].label) != 0)
		return AGW_AKMA_V_AF_MISMATCH;
	/* [0169][0187][0189]: hand over unless this is the redirected request ([0191]). */
	if (!rq->redirected && !((aanf->served >> af) & 1)) {
		rs->target = relocation_target(aanf, af);
		return rs->target != NULL ? AGW_AKMA_V_RELOCATE : AGW_AKMA_V_INTERNAL;
	}
	v = ctx_get(aanf, &f, rq->redirected, &e);
	if (v != AGW_AKMA_V_OK)
		return v;
	return answer(aanf, e, &ak->af[af], rq, rs);
}

enum agw_akma_verdict
agw_akma_aanf_kaf_get(struct agw_akma_aanf *aanf, const struct agw_akma_kaf_req *rq,
		      struct agw_akma_kaf_resp *rs)
{
	enum agw_akma_verdict v;

	memset(rs, 0, sizeof(*rs));
	if (rq == NULL || rq->akid == NULL)
		return verdict(aanf, AGW_AKMA_V_BAD_AKID);
	v = kaf_get(aanf, rq, rs);
	if (v != AGW_AKMA_V_OK && v != AGW_AKMA_V_RELOCATE)
		agw_memzero(rs, sizeof(*rs));
	return verdict(aanf, v);
}

/* ---------------------------------------------------------------------- */
/* AnchorKey_Register and Context_Remove                                   */

int
agw_akma_aanf_register(struct agw_akma_aanf *aanf, const char *supi, const char *akid,
		       const uint8_t kakma[32])
{
	struct agw_akma *ak = aanf->ak;
	struct agw_nas5g_akma_id f;
	struct akma_ent t, *ausf;
	int rc = -EINVAL;

	memset(&t, 0, sizeof(t));
	if (kakma == NULL || agw_store_supi_check(supi) != 0 || akid == NULL ||
	    akma_ident_parse(ak, akid, strnlen(akid, AGW_AKMA_NAI_MAX + 1), &f) != 0)
		goto out;
	memcpy(t.tid, f.tid, f.tid_len);
	t.tid_len = f.tid_len;
	memcpy(t.rid, f.rid, sizeof(t.rid));
	memcpy(t.aanf, f.aanf, sizeof(t.aanf));
	memcpy(t.af, f.af, sizeof(t.af));
	snprintf(t.supi, sizeof(t.supi), "%s", supi);
	memcpy(t.key, kakma, sizeof(t.key));
	ausf = akma_ausf_by_tid(ak, t.tid, t.tid_len);
	if (ausf != NULL && strcmp(ausf->supi, supi) == 0)
		t.expiry = ausf->expiry;
	rc = akma_aanf_put(aanf, &t, 1) != NULL ? 0 : -EIO;
out:
	agw_memzero(&t, sizeof(t));
	aanf->stats[rc == 0 ? AGW_AKMA_AANF_STAT_REGISTERED
			    : AGW_AKMA_AANF_STAT_REGISTER_REJECTED]++;
	return rc;
}

int
agw_akma_aanf_remove(struct agw_akma_aanf *aanf, const char *supi)
{
	struct akma_ent *e;

	if (aanf == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	e = akma_tab_by_supi(&aanf->ctx, supi);
	if (e == NULL)
		return -ENOENT;
	ctx_drop(aanf, e);
	return 0;
}
