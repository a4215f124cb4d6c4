/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AUSF side of seed 001: allocate the identifier after a successful primary
 * authentication of an AKMA-subscribed UE (FIG. 3 S306, or through the AAnF,
 * FIG. 4 S406), keep {identifier, SUPI, K_AUSF} ([0025]), answer the AAnF's
 * key requests with K_AKMA derived on demand (FIG. 6 S604, FIG. 7 S715) and
 * rewrite the AAnF label after a relocation ([0196][0203]).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "akma_priv.h"

/* Attempts at a TID that no live identifier uses (spec/001 F14). */
#define TID_ATTEMPTS 8

struct akma_ent *
akma_ausf_by_tid(const struct agw_akma *ak, const uint8_t *tid, size_t len)
{
	return akma_tab_by_tid(&ak->ausf, tid, len);
}

/* Remove an entry with every AAnF context of its TID (F13, F17). */
static void
ausf_drop(struct agw_akma *ak, struct akma_ent *e)
{
	for (unsigned int i = 0; i < ak->n_aanf; i++)
		akma_aanf_drop_tid(ak->aanf[i], e->tid, e->tid_len);
	akma_persist_ausf_del(ak, e);
	akma_tab_del(&ak->ausf, e);
}

int
akma_tid_live(const struct agw_akma *ak, const uint8_t *tid, size_t len)
{
	if (akma_tab_by_tid(&ak->ausf, tid, len) != NULL)
		return 1;
	for (unsigned int i = 0; i < ak->n_aanf; i++)
		if (akma_tab_by_tid(&ak->aanf[i]->ctx, tid, len) != NULL)
			return 1;
	return 0;
}

/* FIG. 3: the AUSF draws the TID itself. */
static int
alloc_at_ausf(struct agw_akma *ak, const struct agw_akma_auth *auth, struct akma_ent *t)
{
	for (int i = 0; i < TID_ATTEMPTS; i++) {
		int rc = akma_tid_draw(ak, auth, t->tid, &t->tid_len);

		if (rc != 0)
			return rc;
		if (!akma_tid_live(ak, t->tid, t->tid_len))
			return 0;
		ak->stats[AGW_AKMA_AUSF_STAT_TID_COLLISIONS]++;
	}
	return -ENOSPC;
}

/* K_AKMA context of an AUSF entry (for a push or an AAnF allocation). */
static int
ctx_of(const struct akma_ent *e, struct akma_ent *ctx)
{
	*ctx = *e;
	return akma_kakma(e, ctx->key);
}

/*
 * FIG. 4: the selected AAnF allocates; the request carries K_AKMA ([0135];
 * never K_AUSF, spec/001 A19). The AAnF stores its context itself.
 */
static int
alloc_at_aanf(struct agw_akma *ak, struct agw_akma_aanf *aanf, struct akma_ent *t)
{
	struct akma_ent ctx;
	int rc = ctx_of(t, &ctx);

	if (rc == 0)
		rc = akma_aanf_allocate(aanf, &ctx);
	if (rc == 0) {
		memcpy(t->tid, ctx.tid, ctx.tid_len);
		t->tid_len = ctx.tid_len;
		memcpy(t->aanf, ctx.aanf, sizeof(t->aanf));
		ak->stats[AGW_AKMA_AUSF_STAT_AANF_ALLOCATIONS]++;
	}
	agw_memzero(&ctx, sizeof(ctx));
	return rc;
}

/* Claims 5/16, TS 33.535 6.1 step 4: register K_AKMA at the selected AAnF. */
static int
push(struct agw_akma *ak, struct agw_akma_aanf *aanf, const struct akma_ent *e)
{
	struct akma_ent ctx;
	int rc = ctx_of(e, &ctx);

	if (rc == 0 && akma_aanf_put(aanf, &ctx, 1) == NULL)
		rc = -EIO;
	if (rc == 0)
		ak->stats[AGW_AKMA_AUSF_STAT_PUSHES]++;
	agw_memzero(&ctx, sizeof(ctx));
	return rc;
}

/* Template of the new entry: SUPI, K_AUSF, RID, expiry, AF label. */
static void
entry_template(const struct agw_akma *ak, const struct agw_akma_auth *auth, int af,
	       struct akma_ent *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->supi, sizeof(t->supi), "%s", auth->supi);
	snprintf(t->rid, sizeof(t->rid), "%s", auth->rid);
	memcpy(t->key, auth->kausf, sizeof(t->key));
	if (ak->ident_lifetime_s != 0)
		t->expiry = akma_now(ak) + ak->ident_lifetime_s;
	/* [0118]: AF label "0" means any AF may be used. */
	if (ak->addr_fields & AGW_AKMA_ADDR_AF)
		snprintf(t->af, sizeof(t->af), "%s", af >= 0 ? ak->af[af].label : "0");
}

/* Index the new entry, store it, push K_AKMA if configured. */
static int
commit(struct agw_akma *ak, struct agw_akma_aanf *aanf, const struct akma_ent *t)
{
	struct akma_ent *e = akma_tab_add(&ak->ausf, t);
	int rc = e == NULL ? -ENOMEM : akma_persist_ausf_put(ak, e);

	if (rc == 0 && ak->allocator == AGW_AKMA_ALLOC_AUSF && ak->delivery == AGW_AKMA_PUSH)
		rc = push(ak, aanf, e);
	if (rc != 0 && e != NULL)
		ausf_drop(ak, e);
	return rc;
}

static int
allocate(struct agw_akma *ak, const struct agw_akma_auth *auth, struct agw_akma_ident *id)
{
	struct agw_akma_aanf *aanf;
	struct akma_ent t;
	int a, f, rc;

	akma_select(ak, auth->aux, &a, &f);
	aanf = ak->aanf[a];
	entry_template(ak, auth, f, &t);
	if (ak->allocator == AGW_AKMA_ALLOC_AANF) {
		rc = alloc_at_aanf(ak, aanf, &t);
	} else {
		rc = alloc_at_ausf(ak, auth, &t);
		if (ak->addr_fields & AGW_AKMA_ADDR_AANF)
			snprintf(t.aanf, sizeof(t.aanf), "%s", aanf->id);
	}
	if (rc == 0) {
		/* From here the TID is ours: a failure undoes the AAnF's context too. */
		rc = akma_ident_build(ak, &t, id);
		if (rc == 0)
			rc = commit(ak, aanf, &t);
		if (rc != 0)
			akma_aanf_drop_tid(aanf, t.tid, t.tid_len);
	}
	if (rc != 0)
		agw_memzero(id, sizeof(*id));
	agw_memzero(&t, sizeof(t));
	return rc;
}

int
agw_akma_ausf_auth_result(struct agw_akma *ak, const struct agw_akma_auth *auth,
			  struct agw_akma_ident *id)
{
	struct akma_ent *old;
	int rc;

	if (id != NULL)
		memset(id, 0, sizeof(*id));
	if (ak == NULL || auth == NULL || id == NULL || auth->kausf == NULL ||
	    agw_store_supi_check(auth->supi) != 0 ||
	    (auth->success && auth->akma_ind && !akma_rid_ok(auth->rid))) {
		if (ak != NULL)
			ak->stats[AGW_AKMA_AUSF_STAT_BAD_INPUT]++;
		return -EINVAL;
	}
	if (!auth->success) {
		/* [0006][C1]: only after primary authentication succeeds; the old one stays. */
		ak->stats[AGW_AKMA_AUSF_STAT_AUTH_FAILED]++;
		return 0;
	}
	/* A new K_AUSF supersedes the old identifier and its keys (F13). */
	old = akma_tab_by_supi(&ak->ausf, auth->supi);
	if (old != NULL) {
		ausf_drop(ak, old);
		ak->stats[AGW_AKMA_AUSF_STAT_REPLACED]++;
	}
	if (!auth->akma_ind) {
		ak->stats[AGW_AKMA_AUSF_STAT_NOT_SUBSCRIBED]++;
		return 0;
	}
	rc = allocate(ak, auth, id);
	if (rc != 0)
		return rc;
	ak->stats[AGW_AKMA_AUSF_STAT_ALLOCATED]++;
	return 1;
}

int
agw_akma_ausf_ident(struct agw_akma *ak, const char *supi, struct agw_akma_ident *id)
{
	struct akma_ent *e;

	if (ak == NULL || id == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	e = akma_tab_by_supi(&ak->ausf, supi);
	if (e == NULL)
		return -ENOENT;
	return akma_ident_build(ak, e, id);
}

int
agw_akma_ausf_deregister(struct agw_akma *ak, const char *supi)
{
	struct akma_ent *e;

	if (ak == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	e = akma_tab_by_supi(&ak->ausf, supi);
	if (e == NULL)
		return -ENOENT;
	ausf_drop(ak, e);
	ak->stats[AGW_AKMA_AUSF_STAT_DEREGISTERED]++;
	return 0;
}

void
akma_ausf_expire_tid(struct agw_akma *ak, const uint8_t *tid, size_t tid_len)
{
	struct akma_ent *e = akma_tab_by_tid(&ak->ausf, tid, tid_len);

	if (e != NULL)
		ausf_drop(ak, e);
}

/*
 * [0196][0203]: the identifier names the first AAnF and the second one asks
 * after a relocation (M21):
 * store the new form first, then drop the old record, so a failed write
 * leaves the old form in place (and counted).
 */
static void
relocate_label(struct agw_akma *ak, struct akma_ent *e, const char *aanf_id)
{
	struct akma_ent old = *e;

	snprintf(e->aanf, sizeof(e->aanf), "%s", aanf_id);
	if (akma_persist_ausf_put(ak, e) != 0) {
		memcpy(e->aanf, old.aanf, sizeof(e->aanf));
	} else {
		akma_persist_ausf_del(ak, &old);
		ak->stats[AGW_AKMA_AUSF_STAT_RELOCATION_UPDATES]++;
	}
	agw_memzero(&old, sizeof(old));
}

int
akma_ausf_key_request(struct agw_akma *ak, unsigned int aanf_idx, const uint8_t *tid,
		      size_t tid_len, const char *rid, int relocated, struct akma_ent *ctx)
{
	struct akma_ent *e = akma_tab_by_tid(&ak->ausf, tid, tid_len);
	const char *me = ak->aanf[aanf_idx]->id;

	memset(ctx, 0, sizeof(*ctx));
	/* The RID routes the request to this AUSF ([0119]); another RID is not ours. */
	if (e == NULL || strcmp(e->rid, rid) != 0) {
		ak->stats[AGW_AKMA_AUSF_STAT_PULL_UNKNOWN]++;
		return -ENOENT;
	}
	if (akma_expired(ak, e)) {
		ak->stats[AGW_AKMA_AUSF_STAT_PULL_EXPIRED]++;
		ausf_drop(ak, e);
		return -EKEYEXPIRED;
	}
	if (relocated && ak->rewrite_on_relocation && e->aanf[0] != '\0' &&
	    strcmp(e->aanf, me) != 0)
		relocate_label(ak, e, me);
	*ctx = *e;
	if (akma_kakma(e, ctx->key) != 0) {
		agw_memzero(ctx, sizeof(*ctx));
		return -EIO;
	}
	ak->stats[AGW_AKMA_AUSF_STAT_PULLS]++;
	return 0;
}
