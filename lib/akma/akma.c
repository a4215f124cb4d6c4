/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Anchor lifetime (create from a checked configuration, restore, free),
 * accessors and counters.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agw_rand.h"
#include "agw_util.h"
#include "akma_priv.h"

void
agw_akma_conf_init(struct agw_akma_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->allocator = AGW_AKMA_ALLOC_AUSF;
	conf->tid_source = AGW_AKMA_TID_RANDOM;
	conf->delivery = AGW_AKMA_PULL;
	conf->rewrite_on_relocation = 1;
	conf->kaf_lifetime_s = 3600;
}

static uint64_t
clock_unix(void *arg)
{
	(void)arg;
	return (uint64_t)time(NULL);
}

static void
copy_af(struct akma_af *dst, const struct agw_akma_af_conf *src)
{
	size_t n = strlen(src->fqdn);

	snprintf(dst->label, sizeof(dst->label), "%s", src->label);
	dst->af_id_len = strlen(src->af_id);
	memcpy(dst->af_id, src->af_id, dst->af_id_len + 1);
	/* TS 33.535 A.4: AF_ID = FQDN of the AF || Ua* security protocol identifier. */
	memcpy(dst->kdf_af_id, src->fqdn, n);
	memcpy(dst->kdf_af_id + n, src->ua_proto, sizeof(src->ua_proto));
	dst->kdf_af_id_len = n + sizeof(src->ua_proto);
	dst->expose_supi = src->expose_supi;
}

static int
index_of_aanf(const struct agw_akma *ak, const char *id)
{
	struct agw_akma_aanf *a = id == NULL ? NULL : agw_akma_aanf_find((struct agw_akma *)ak, id);

	return a == NULL ? -1 : (int)a->idx;
}

static int
index_of_af(const struct agw_akma *ak, const char *label)
{
	for (unsigned int i = 0; label != NULL && i < ak->n_af; i++)
		if (strcmp(ak->af[i].label, label) == 0)
			return (int)i;
	return -1;
}

static int
copy_rules(struct agw_akma *ak, const struct agw_akma_conf *c)
{
	if (c->n_rules == 0)
		return 0;
	ak->rules = calloc(c->n_rules, sizeof(*ak->rules));
	if (ak->rules == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < c->n_rules; i++) {
		const struct agw_akma_rule *r = &c->rules[i];
		struct akma_rule *d = &ak->rules[i];

		d->match = r->match;
		d->sst = r->sst;
		d->sd = r->sd;
		if (r->match & AGW_AKMA_MATCH_DNN)
			snprintf(d->dnn, sizeof(d->dnn), "%s", r->dnn);
		d->ssc_mode = r->ssc_mode;
		d->aanf = index_of_aanf(ak, r->aanf);
		d->af = index_of_af(ak, r->af);
	}
	ak->n_rules = c->n_rules;
	return 0;
}

static int
seed_of(uint64_t *seed)
{
	return agw_rand_bytes(seed, sizeof(*seed)) == 0 ? 0 : -EIO;
}

static int
build(struct agw_akma *ak, const struct agw_akma_conf *c)
{
	uint32_t cap = c->capacity ? c->capacity : 1024;
	uint64_t seed;
	int rc;

	memcpy(ak->plmn.mcc, c->mcc, 4);
	/* TS 23.003 28.2: the realm carries the MNC as 3 digits. */
	if (c->mnc[2] == '\0') {
		ak->plmn.mnc[0] = '0';
		memcpy(ak->plmn.mnc + 1, c->mnc, 3);
	} else {
		memcpy(ak->plmn.mnc, c->mnc, 4);
	}
	ak->allocator = c->allocator;
	ak->tid_source = c->tid_source;
	ak->delivery = c->delivery;
	ak->addr_fields = c->addr_fields;
	ak->akma_label = c->akma_label;
	ak->rewrite_on_relocation = c->rewrite_on_relocation;
	ak->ident_lifetime_s = c->ident_lifetime_s;
	ak->kaf_lifetime_s = c->kaf_lifetime_s;
	ak->store = c->store;
	ak->now = c->now != NULL ? c->now : clock_unix;
	ak->now_arg = c->now_arg;
	for (unsigned int i = 0; i < c->n_af; i++)
		copy_af(&ak->af[i], &c->af[i]);
	ak->n_af = c->n_af;
	if ((rc = seed_of(&seed)) != 0 || (rc = akma_tab_init(&ak->ausf, cap, seed)) != 0)
		return rc;
	for (unsigned int i = 0; i < c->n_aanf; i++) {
		if ((rc = seed_of(&seed)) != 0)
			return rc;
		ak->aanf[i] = akma_aanf_new(ak, i, &c->aanf[i], cap, seed);
		if (ak->aanf[i] == NULL)
			return -ENOMEM;
		ak->n_aanf = i + 1;
	}
	ak->default_aanf = c->default_aanf ? (unsigned int)index_of_aanf(ak, c->default_aanf) : 0;
	return copy_rules(ak, c);
}

struct agw_akma *
agw_akma_create(const struct agw_akma_conf *conf)
{
	struct agw_akma *ak;
	int rc;

	if (conf == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (akma_conf_check(conf, conf->err, conf->err_len) != 0) {
		errno = EINVAL;
		return NULL;
	}
	ak = calloc(1, sizeof(*ak));
	if (ak == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	rc = build(ak, conf);
	if (rc == 0 && ak->store != NULL)
		rc = akma_persist_restore(ak);
	if (rc != 0) {
		agw_akma_free(ak);
		errno = -rc;
		return NULL;
	}
	return ak;
}

void
agw_akma_free(struct agw_akma *ak)
{
	if (ak == NULL)
		return;
	for (unsigned int i = 0; i < ak->n_aanf; i++)
		akma_aanf_free(ak->aanf[i]);
	akma_tab_fini(&ak->ausf);
	free(ak->rules);
	agw_memzero(ak, sizeof(*ak));
	free(ak);
}

/* ---------------------------------------------------------------------- */
/* Accessors and counters                                                  */

unsigned int
agw_akma_aanf_count(const struct agw_akma *ak)
{
	return ak == NULL ? 0 : ak->n_aanf;
}

struct agw_akma_aanf *
agw_akma_aanf_at(struct agw_akma *ak, unsigned int i)
{
	return ak == NULL || i >= ak->n_aanf ? NULL : ak->aanf[i];
}

struct agw_akma_aanf *
agw_akma_aanf_find(struct agw_akma *ak, const char *id)
{
	for (unsigned int i = 0; ak != NULL && id != NULL && i < ak->n_aanf; i++)
		if (strcmp(ak->aanf[i]->id, id) == 0)
			return ak->aanf[i];
	return NULL;
}

const char *
agw_akma_aanf_id(const struct agw_akma_aanf *aanf)
{
	return aanf->id;
}

const char *
agw_akma_aanf_uri(const struct agw_akma_aanf *aanf)
{
	return aanf->uri;
}

unsigned int
agw_akma_ausf_count(const struct agw_akma *ak)
{
	return ak->ausf.live;
}

unsigned int
agw_akma_aanf_ctx_count(const struct agw_akma_aanf *aanf)
{
	return aanf->ctx.live;
}

void
agw_akma_ausf_stats(const struct agw_akma *ak, uint64_t out[AGW_AKMA_AUSF_STAT_MAX])
{
	memcpy(out, ak->stats, sizeof(ak->stats));
}

void
agw_akma_aanf_stats(const struct agw_akma_aanf *aanf, uint64_t verdicts[AGW_AKMA_V_MAX],
		    uint64_t other[AGW_AKMA_AANF_STAT_MAX])
{
	if (verdicts != NULL)
		memcpy(verdicts, aanf->verdicts, sizeof(aanf->verdicts));
	if (other != NULL)
		memcpy(other, aanf->stats, sizeof(aanf->stats));
}

#define NAME_(id, name) name,
static const char *const verdict_names[] = {AGW_AKMA_VERDICTS(NAME_)};
static const char *const ausf_names[] = {AGW_AKMA_AUSF_STATS(NAME_)};
static const char *const aanf_names[] = {AGW_AKMA_AANF_STATS(NAME_)};
#undef NAME_

const char *
agw_akma_verdict_name(unsigned int v)
{
	return v < AGW_AKMA_V_MAX ? verdict_names[v] : NULL;
}

const char *
agw_akma_ausf_stat_name(unsigned int stat)
{
	return stat < AGW_AKMA_AUSF_STAT_MAX ? ausf_names[stat] : NULL;
}

const char *
agw_akma_aanf_stat_name(unsigned int stat)
{
	return stat < AGW_AKMA_AANF_STAT_MAX ? aanf_names[stat] : NULL;
}

void
agw_akma_kaf_resp_clear(struct agw_akma_kaf_resp *rs)
{
	agw_memzero(rs, sizeof(*rs));
}
