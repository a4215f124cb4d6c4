/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Persistence in the store's AKMA table (spec/001 Q18):
 *  - AUSF entry: key = current identifier, K_AUSF (AGW_STORE_AKMA_KAUSF);
 *  - AAnF context that came by allocation or push: key =
 *    "aanf/<id>/<identifier>", K_AKMA (AGW_STORE_AKMA_KAKMA). '/' never
 *    appears in an identifier, so the two kinds cannot collide.
 * Pulled contexts are not written: the AAnF pulls them again after a
 * restart. Restore drops expired entries and AAnF contexts that a newer
 * authentication superseded; records it cannot read are left alone and
 * counted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "akma_priv.h"

#define CTX_PREFIX "aanf/"
#define CTX_PREFIX_LEN 5

static int
ausf_key(const struct agw_akma *ak, const struct akma_ent *e, char key[AGW_STORE_ID_MAX])
{
	struct agw_akma_ident id;

	if (akma_ident_build(ak, e, &id) != 0)
		return -EINVAL;
	memcpy(key, id.nai, (size_t)id.nai_len + 1);
	return 0;
}

static int
ctx_key(const struct agw_akma_aanf *aanf, const struct akma_ent *e, char key[AGW_STORE_ID_MAX])
{
	struct agw_akma_ident id;
	int n;

	if (akma_ident_build(aanf->ak, e, &id) != 0)
		return -EINVAL;
	n = snprintf(key, AGW_STORE_ID_MAX, CTX_PREFIX "%s/%s", aanf->id, id.nai);
	return n > 0 && n < AGW_STORE_ID_MAX ? 0 : -EINVAL;
}

static int
put(struct agw_akma *ak, const char *key, const struct akma_ent *e, uint8_t kind)
{
	struct agw_store_akma rec;
	int rc;

	memset(&rec, 0, sizeof(rec));
	snprintf(rec.akid, sizeof(rec.akid), "%s", key);
	snprintf(rec.supi, sizeof(rec.supi), "%s", e->supi);
	rec.key_kind = kind;
	memcpy(rec.key, e->key, sizeof(rec.key));
	rec.expiry = e->expiry;
	rc = agw_store_akma_put(ak->store, &rec);
	agw_memzero(&rec, sizeof(rec));
	if (rc != 0) {
		ak->stats[AGW_AKMA_AUSF_STAT_STORE_ERRORS]++;
		return -EIO;
	}
	return 0;
}

static void
del(struct agw_akma *ak, const char *key)
{
	int rc = agw_store_akma_delete(ak->store, key);

	if (rc != 0 && rc != -ENOENT)
		ak->stats[AGW_AKMA_AUSF_STAT_STORE_ERRORS]++;
}

int
akma_persist_ausf_put(struct agw_akma *ak, const struct akma_ent *e)
{
	char key[AGW_STORE_ID_MAX];

	if (ak->store == NULL)
		return 0;
	if (ausf_key(ak, e, key) != 0)
		return -EINVAL;
	return put(ak, key, e, AGW_STORE_AKMA_KAUSF);
}

void
akma_persist_ausf_del(struct agw_akma *ak, const struct akma_ent *e)
{
	char key[AGW_STORE_ID_MAX];

	if (ak->store != NULL && ausf_key(ak, e, key) == 0)
		del(ak, key);
}

int
akma_persist_ctx_put(struct agw_akma_aanf *aanf, const struct akma_ent *e)
{
	char key[AGW_STORE_ID_MAX];

	if (aanf->ak->store == NULL)
		return 0;
	if (ctx_key(aanf, e, key) != 0)
		return -EINVAL;
	return put(aanf->ak, key, e, AGW_STORE_AKMA_KAKMA);
}

void
akma_persist_ctx_del(struct agw_akma_aanf *aanf, const struct akma_ent *e)
{
	char key[AGW_STORE_ID_MAX];

	if (aanf->ak->store != NULL && ctx_key(aanf, e, key) == 0)
		del(aanf->ak, key);
}

/* ---------------------------------------------------------------------- */
/* Restore                                                                 */

struct restore {
	struct agw_akma *ak;
	int pass; /* 0: AUSF entries, 1: AAnF contexts (checked against them) */
	char (*drop)[AGW_STORE_ID_MAX]; /* keys to delete after the iteration */
	size_t n_drop;
	size_t cap;
};

static int
drop_later(struct restore *r, const char *key)
{
	char(*d)[AGW_STORE_ID_MAX];

	if (r->n_drop == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		d = realloc(r->drop, r->cap * sizeof(*d));
		if (d == NULL)
			return -ENOMEM;
		r->drop = d;
	}
	snprintf(r->drop[r->n_drop++], AGW_STORE_ID_MAX, "%s", key);
	r->ak->stats[AGW_AKMA_AUSF_STAT_RESTORE_DROPPED]++;
	return 0;
}

/* Entry from a stored identifier; -EINVAL if it is not one of ours. */
static int
ent_of(const struct agw_akma *ak, const char *nai, const struct agw_store_akma *rec,
       struct akma_ent *e)
{
	struct agw_nas5g_akma_id f;

	memset(e, 0, sizeof(*e));
	if (akma_ident_parse(ak, nai, strlen(nai), &f) != 0)
		return -EINVAL;
	memcpy(e->tid, f.tid, f.tid_len);
	e->tid_len = f.tid_len;
	memcpy(e->rid, f.rid, sizeof(e->rid));
	memcpy(e->aanf, f.aanf, sizeof(e->aanf));
	memcpy(e->af, f.af, sizeof(e->af));
	memcpy(e->supi, rec->supi, sizeof(e->supi));
	memcpy(e->key, rec->key, sizeof(e->key));
	e->expiry = rec->expiry;
	return 0;
}

static int
restore_ausf(struct restore *r, const struct agw_store_akma *rec)
{
	struct agw_akma *ak = r->ak;
	struct akma_ent e;
	int rc = 0;

	if (ent_of(ak, rec->akid, rec, &e) != 0) {
		ak->stats[AGW_AKMA_AUSF_STAT_BAD_INPUT]++; /* not ours: left alone */
		return 0;
	}
	if (akma_expired(ak, &e) || akma_tab_by_tid(&ak->ausf, e.tid, e.tid_len) != NULL ||
	    akma_tab_by_supi(&ak->ausf, e.supi) != NULL)
		rc = drop_later(r, rec->akid);
	else if (akma_tab_add(&ak->ausf, &e) == NULL)
		rc = -ENOMEM;
	else
		ak->stats[AGW_AKMA_AUSF_STAT_RESTORED]++;
	agw_memzero(&e, sizeof(e));
	return rc;
}

/*
 * An AAnF context is stale when it expired, or when the AUSF knows its TID
 * under another SUPI or knows its SUPI under another TID (superseded by a
 * newer authentication). A context the AUSF does not know at all came by
 * an external AnchorKey_Register and stays.
 */
static int
ctx_stale(const struct agw_akma *ak, const struct agw_akma_aanf *aanf, const struct akma_ent *e)
{
	const struct akma_ent *a = akma_tab_by_tid(&ak->ausf, e->tid, e->tid_len);

	return akma_expired(ak, e) || (a != NULL && strcmp(a->supi, e->supi) != 0) ||
	       (a == NULL && akma_tab_by_supi(&ak->ausf, e->supi) != NULL) ||
	       akma_tab_by_tid(&aanf->ctx, e->tid, e->tid_len) != NULL ||
	       akma_tab_by_supi(&aanf->ctx, e->supi) != NULL;
}

static int
restore_ctx(struct restore *r, const struct agw_store_akma *rec)
{
	struct agw_akma *ak = r->ak;
	const char *id = rec->akid + CTX_PREFIX_LEN, *slash = strchr(id, '/');
	char name[AGW_AKMA_LABEL_MAX + 1];
	struct agw_akma_aanf *aanf;
	struct akma_ent e, *c;
	int rc = 0;

	if (slash == NULL || (size_t)(slash - id) > AGW_AKMA_LABEL_MAX)
		goto skip;
	memcpy(name, id, (size_t)(slash - id));
	name[slash - id] = '\0';
	aanf = agw_akma_aanf_find(ak, name);
	if (aanf == NULL || ent_of(ak, slash + 1, rec, &e) != 0)
		goto skip;
	if (ctx_stale(ak, aanf, &e)) {
		rc = drop_later(r, rec->akid);
	} else if ((c = akma_tab_add(&aanf->ctx, &e)) == NULL) {
		rc = -ENOMEM;
	} else {
		c->persisted = 1;
		aanf->stats[AGW_AKMA_AANF_STAT_RESTORED]++;
	}
	agw_memzero(&e, sizeof(e));
	return rc;
skip:
	ak->stats[AGW_AKMA_AUSF_STAT_BAD_INPUT]++;
	return 0;
}

static int
restore_one(const struct agw_store_akma *rec, void *arg)
{
	struct restore *r = arg;
	int is_ctx = strncmp(rec->akid, CTX_PREFIX, CTX_PREFIX_LEN) == 0;

	if (rec->key_kind == AGW_STORE_AKMA_KAUSF && !is_ctx)
		return r->pass == 0 ? restore_ausf(r, rec) : 0;
	if (rec->key_kind == AGW_STORE_AKMA_KAKMA && is_ctx)
		return r->pass == 1 ? restore_ctx(r, rec) : 0;
	if (r->pass == 0)
		r->ak->stats[AGW_AKMA_AUSF_STAT_BAD_INPUT]++;
	return 0;
}

/* Two passes: the AUSF entries first, so each context is checked against them. */
int
akma_persist_restore(struct agw_akma *ak)
{
	struct restore r = {.ak = ak};
	int rc = agw_store_akma_iterate(ak->store, restore_one, &r);

	if (rc == 0) {
		r.pass = 1;
		rc = agw_store_akma_iterate(ak->store, restore_one, &r);
	}
	if (rc == 0)
		for (size_t i = 0; i < r.n_drop; i++)
			del(ak, r.drop[i]);
	free(r.drop);
	if (rc == -ENOMEM)
		return rc;
	return rc == 0 ? 0 : -EIO;
}
