/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * PAnF records in lib/store:
 *  - AGW_STORE_PRUK record, key = CP-PRUK ID: SUPI, CP-PRUK, expiry
 *    (valid_until), RSC;
 *  - policy record "prose/<CP-PRUK ID>" (stop-gap, doc/prose.md 6): the
 *    fields the PRUK record kind lacks, in this file's own encoding:
 *
 *      octet 0      version (1)
 *      octet 1      flags: bit 1 update indication pending, bit 2 RSC
 *                   removed, bit 3 relay AMF PLMN recorded
 *      octet 2      stored authorisation information (0, 1, 0xff none)
 *      octets 3-5   relay AMF PLMN (TS 24.008 10.5.1.13 octets)
 *      octets 6-13  creation time, Unix s, big-endian
 *      octets 14-17 AUSF configuration version, big-endian
 *      octet 18     number of Nonce_1 values n (<= AGW_PROSE_NONCE1_HISTORY)
 *      octet 19     next ring position
 *      then n x 16  Nonce_1 values
 *
 * Every write is journalled by CP-PRUK ID so that a failed group commit can
 * be undone by reading those records back (prose_persist_rollback()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_store.h"
#include "agw_util.h"
#include "prose_priv.h"

#define META_VERSION 1
#define META_FIXED 20
#define META_MAX (META_FIXED + AGW_PROSE_NONCE1_HISTORY * AGW_PROSE_NONCE_LEN)
#define F_UPDATE 0x1
#define F_RSC_REMOVED 0x2
#define F_PLMN 0x4

/* Only writes inside a caller's transaction can be undone. */
static void
journal(struct agw_prose *p, const char *id)
{
	if (!agw_store_txn_active(p->conf.store))
		return;
	if (p->n_journal >= PROSE_JOURNAL_MAX) {
		p->journal_overflow = 1;
		return;
	}
	snprintf(p->journal[p->n_journal++], AGW_PROSE_ID_MAX + 1, "%s", id);
}

static int
meta_key(const char *id, char key[AGW_STORE_ID_MAX])
{
	int n = snprintf(key, AGW_STORE_ID_MAX, PROSE_META_PREFIX "%s", id);

	return n > 0 && n < AGW_STORE_ID_MAX ? 0 : -EINVAL;
}

static void
put_be(uint8_t *o, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		o[i] = (uint8_t)v;
}

static uint64_t
get_be(const uint8_t *o, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | o[i];
	return v;
}

static size_t
meta_encode(const struct prose_rec *r, uint8_t out[META_MAX])
{
	out[0] = META_VERSION;
	out[1] = (uint8_t)((r->update_pending ? F_UPDATE : 0) |
			   (r->rsc_removed ? F_RSC_REMOVED : 0) | (r->plmn_set ? F_PLMN : 0));
	out[2] = r->authz;
	memcpy(out + 3, r->plmn, 3);
	put_be(out + 6, r->created, 8);
	put_be(out + 14, r->conf_version, 4);
	out[18] = r->n_nonce;
	out[19] = r->nonce_pos;
	memcpy(out + META_FIXED, r->nonce1, (size_t)r->n_nonce * AGW_PROSE_NONCE_LEN);
	return META_FIXED + (size_t)r->n_nonce * AGW_PROSE_NONCE_LEN;
}

static int
meta_decode(const uint8_t *in, size_t len, struct prose_rec *r)
{
	if (len < META_FIXED || in[0] != META_VERSION ||
	    (in[1] & ~(F_UPDATE | F_RSC_REMOVED | F_PLMN)))
		return -EBADMSG;
	if (in[18] > AGW_PROSE_NONCE1_HISTORY || in[19] >= AGW_PROSE_NONCE1_HISTORY ||
	    len != META_FIXED + (size_t)in[18] * AGW_PROSE_NONCE_LEN)
		return -EBADMSG;
	if (in[2] > 1 && in[2] != PROSE_AUTHZ_NONE)
		return -EBADMSG;
	r->update_pending = (in[1] & F_UPDATE) != 0;
	r->rsc_removed = (in[1] & F_RSC_REMOVED) != 0;
	r->plmn_set = (in[1] & F_PLMN) != 0;
	r->authz = in[2];
	memcpy(r->plmn, in + 3, 3);
	r->created = get_be(in + 6, 8);
	r->conf_version = (uint32_t)get_be(in + 14, 4);
	r->n_nonce = in[18];
	r->nonce_pos = in[19];
	memcpy(r->nonce1, in + META_FIXED, (size_t)r->n_nonce * AGW_PROSE_NONCE_LEN);
	return 0;
}

static int
store_fail(struct agw_prose *p)
{
	p->ctr.stat[AGW_PROSE_STAT_STORE_ERRORS]++;
	return -EIO;
}

int
prose_persist_meta(struct agw_prose *p, const struct prose_rec *r)
{
	struct agw_store_policy pol;
	uint8_t buf[META_MAX];
	int rc;

	if (p->conf.store == NULL)
		return 0;
	memset(&pol, 0, sizeof(pol));
	if (meta_key(r->id, pol.id) != 0)
		return -EINVAL;
	journal(p, r->id);
	pol.version = META_VERSION;
	pol.data = buf;
	pol.len = (uint32_t)meta_encode(r, buf);
	rc = agw_store_policy_put(p->conf.store, &pol);
	return rc == 0 ? 0 : store_fail(p);
}

int
prose_persist_put(struct agw_prose *p, const struct prose_rec *r)
{
	struct agw_store_pruk rec;
	int rc;

	if (p->conf.store == NULL)
		return 0;
	memset(&rec, 0, sizeof(rec));
	snprintf(rec.id, sizeof(rec.id), "%s", r->id);
	snprintf(rec.supi, sizeof(rec.supi), "%s", r->supi);
	memcpy(rec.pruk, r->pruk, sizeof(rec.pruk));
	rec.valid_until = r->expiry;
	rec.rsc = r->rsc;
	journal(p, r->id);
	rc = agw_store_pruk_put(p->conf.store, &rec);
	agw_memzero(&rec, sizeof(rec));
	if (rc != 0)
		return store_fail(p);
	return prose_persist_meta(p, r);
}

void
prose_persist_del(struct agw_prose *p, const char *id)
{
	char key[AGW_STORE_ID_MAX];
	int rc;

	if (p->conf.store == NULL)
		return;
	journal(p, id);
	rc = agw_store_pruk_delete(p->conf.store, id);
	if (rc != 0 && rc != -ENOENT)
		store_fail(p);
	if (meta_key(id, key) == 0) {
		rc = agw_store_policy_delete(p->conf.store, key);
		if (rc != 0 && rc != -ENOENT)
			store_fail(p);
	}
}

/* Meta of a restored record; defaults when absent or unreadable. */
static void
load_meta(struct agw_prose *p, struct prose_rec *r)
{
	struct agw_store_policy pol;
	uint8_t buf[META_MAX];
	char key[AGW_STORE_ID_MAX];

	r->authz = PROSE_AUTHZ_NONE;
	r->created = prose_now(p);
	r->conf_version = p->conf.ausf_config_version;
	memset(&pol, 0, sizeof(pol));
	pol.data = buf;
	pol.cap = sizeof(buf);
	if (meta_key(r->id, key) != 0 || agw_store_policy_get(p->conf.store, key, &pol) != 0 ||
	    meta_decode(buf, pol.len, r) != 0) {
		/* Unknown age: counted from now; no update flag, no nonce history. */
		r->authz = PROSE_AUTHZ_NONE;
		r->created = prose_now(p);
		r->conf_version = p->conf.ausf_config_version;
	}
}

/* Fill a table record from a store record; -EINVAL when it is not ours. */
static int
from_store(struct agw_prose *p, const struct agw_store_pruk *s, struct prose_rec *r)
{
	memset(r, 0, sizeof(*r));
	if (!prose_id_ok(p, s->id, strlen(s->id)) || !prose_supi_ok(s->supi) || s->rsc > 0xffffff)
		return -EINVAL;
	snprintf(r->id, sizeof(r->id), "%s", s->id);
	snprintf(r->supi, sizeof(r->supi), "%s", s->supi);
	memcpy(r->pruk, s->pruk, sizeof(r->pruk));
	r->expiry = s->valid_until;
	r->rsc = s->rsc;
	return 0;
}

static int
restore_one(const struct agw_store_pruk *s, void *arg)
{
	struct agw_prose *p = arg;
	struct prose_rec r;

	if (from_store(p, s, &r) != 0 || prose_rec_add(p, &r) == NULL)
		p->ctr.stat[AGW_PROSE_STAT_RESTORE_DROPPED]++;
	else
		p->ctr.stat[AGW_PROSE_STAT_RESTORED]++;
	agw_memzero(&r, sizeof(r));
	return 0;
}

int
prose_persist_restore(struct agw_prose *p)
{
	int rc;

	if (p->conf.store == NULL)
		return 0;
	rc = agw_store_pruk_iterate(p->conf.store, restore_one, p);
	if (rc != 0)
		return -EIO;
	/* The iteration callback must not call the store: metas afterwards. */
	for (uint32_t i = 0; i < p->cap; i++)
		if (p->recs[i].used)
			load_meta(p, &p->recs[i]);
	return 0;
}

static void
reload(struct agw_prose *p, const char *id)
{
	struct agw_store_pruk s;
	struct prose_rec r, *added;

	if (prose_rec_by_id(p, id) != NULL || agw_store_pruk_get(p->conf.store, id, &s) != 0)
		return;
	if (from_store(p, &s, &r) == 0) {
		added = prose_rec_add(p, &r);
		if (added != NULL)
			load_meta(p, added);
	}
	agw_memzero(&s, sizeof(s));
	agw_memzero(&r, sizeof(r));
}

void
prose_persist_rollback(struct agw_prose *p)
{
	struct prose_rec *r;

	if (p->conf.store == NULL)
		return;
	if (p->journal_overflow) {
		prose_tab_clear(p);
		prose_persist_restore(p);
		return;
	}
	/* First drop every journalled record, then read back the committed ones,
	 * so that a replaced (SUPI, RSC) finds its key free again. */
	for (uint32_t i = 0; i < p->n_journal; i++) {
		r = prose_rec_by_id(p, p->journal[i]);
		if (r != NULL)
			prose_rec_del(p, r);
	}
	for (uint32_t i = 0; i < p->n_journal; i++)
		reload(p, p->journal[i]);
}
