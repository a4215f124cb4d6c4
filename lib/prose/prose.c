/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The ProSe anchor: configuration, creation and restore, counters, the
 * clock, and the group-commit hooks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agw_rand.h"
#include "agw_util.h"
#include "prose_priv.h"

#define NAME_FN(fn, list, max)                                                                     \
	const char *fn(unsigned int i)                                                             \
	{                                                                                          \
		static const char *const names[] = {list(NAME_)};                                  \
		return i < (max) ? names[i] : NULL;                                                \
	}
#define NAME_(id, name) name,

NAME_FN(agw_prose_verdict_name, AGW_PROSE_VERDICTS, AGW_PROSE_V_MAX)
NAME_FN(agw_prose_trigger_name, AGW_PROSE_TRIGGERS, AGW_PROSE_TRIG_MAX)
NAME_FN(agw_prose_pc5_status_name, AGW_PROSE_PC5_STATUSES, AGW_PROSE_PC5_MAX)
NAME_FN(agw_prose_stat_name, AGW_PROSE_STATS, AGW_PROSE_STAT_MAX)

static uint64_t
wall_clock(void *arg)
{
	(void)arg;
	return (uint64_t)time(NULL);
}

void
agw_prose_conf_init(struct agw_prose_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->authz = AGW_PROSE_AUTHZ_PANF_LOCAL;
	/* Explicit instructions (update indication, RSC deletion) and an expiry
	 * time once set always apply; the validity period needs pruk_validity_s. */
	conf->panf_policy = AGW_PROSE_PANF_UPD_VALIDITY | AGW_PROSE_PANF_UPD_EXPIRY |
			    AGW_PROSE_PANF_UPD_INDICATION | AGW_PROSE_PANF_UPD_RSC;
}

static int
fail(const struct agw_prose_conf *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err != NULL && c->err_len > 0) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->err_len, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int
conf_check(const struct agw_prose_conf *c, struct agw_nas_plmn *home)
{
	uint8_t o[3];

	memcpy(home->mcc, c->mcc, 4);
	memcpy(home->mnc, c->mnc, 4);
	home->mcc[3] = home->mnc[3] = '\0';
	if (agw_nas_plmn_encode(home, o) != 0)
		return fail(c, "mcc/mnc: need 3 and 2-3 digits");
	if (strlen(home->mnc) == 2) { /* NAIs carry the MNC as 3 digits */
		memmove(home->mnc + 1, home->mnc, 3);
		home->mnc[0] = '0';
	}
	if (c->udm == NULL || c->udm->get_av == NULL || c->udm->authz_check == NULL ||
	    c->udm->relay_check == NULL)
		return fail(c, "udm: get_av, authz_check and relay_check are required");
	if (c->authz > AGW_PROSE_AUTHZ_AUSF_UDM)
		return fail(c, "authz: unknown mode %u", (unsigned int)c->authz);
	if (c->ausf_policy & ~(uint32_t)(AGW_PROSE_AUSF_UPD_PLMN | AGW_PROSE_AUSF_UPD_CONFIG))
		return fail(c, "ausf_policy: unknown bits 0x%x", c->ausf_policy);
	if (c->panf_policy & ~(uint32_t)0xf)
		return fail(c, "panf_policy: unknown bits 0x%x", c->panf_policy);
	if (c->capacity > (1u << 24) || c->max_pending > (1u << 20) || c->max_links > (1u << 20))
		return fail(c, "capacity, max_pending or max_links too large");
	return 0;
}

static int
alloc_tables(struct agw_prose *p)
{
	int rc = prose_tab_init(p, p->conf.capacity);

	if (rc == 0)
		rc = prose_txn_init(p, p->conf.max_pending);
	if (rc == 0)
		rc = prose_links_init(p, p->conf.max_links);
	if (rc == 0) {
		p->journal = calloc(PROSE_JOURNAL_MAX, sizeof(*p->journal));
		rc = p->journal == NULL ? -ENOMEM : 0;
	}
	return rc;
}

struct agw_prose *
agw_prose_create(const struct agw_prose_conf *conf)
{
	struct agw_prose *p;
	struct agw_nas_plmn home;
	int rc;

	if (conf == NULL || conf_check(conf, &home) != 0) {
		errno = EINVAL;
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->conf = *conf;
	p->conf.err = NULL;
	p->home = home;
	p->conf.capacity = conf->capacity ? conf->capacity : 1024;
	p->conf.max_pending = conf->max_pending ? conf->max_pending : 256;
	p->conf.max_links = conf->max_links ? conf->max_links : 1024;
	p->conf.eap_timeout_ms = conf->eap_timeout_ms ? conf->eap_timeout_ms : 30000;
	p->conf.pc5_link_lifetime_ms =
		conf->pc5_link_lifetime_ms ? conf->pc5_link_lifetime_ms : 60000;
	if (p->conf.now == NULL)
		p->conf.now = wall_clock;
	if (agw_rand_bytes(&p->seed, sizeof(p->seed)) != 0 || agw_rand_bytes(&p->next_eap_id, 1)) {
		free(p);
		errno = EIO;
		return NULL;
	}
	rc = alloc_tables(p);
	p->eng = rc == 0 ? agw_nas_sec_engine_create() : NULL;
	if (rc == 0 && p->eng == NULL)
		rc = errno == ENOTSUP ? -ENOTSUP : -ENOMEM;
	if (rc == 0 && prose_persist_restore(p) != 0)
		rc = -EIO;
	if (rc != 0) {
		if (rc == -EIO && conf->err != NULL)
			snprintf(conf->err, conf->err_len, "store: cannot read the PRUK records");
		agw_prose_free(p);
		errno = -rc;
		return NULL;
	}
	return p;
}

void
agw_prose_free(struct agw_prose *p)
{
	if (p == NULL)
		return;
	prose_tab_fini(p);
	prose_txn_fini(p);
	prose_links_fini(p);
	agw_nas_sec_engine_free(p->eng);
	free(p->journal);
	agw_memzero(p, sizeof(*p));
	free(p);
}

void
agw_prose_ausf_set_config_version(struct agw_prose *p, uint32_t version)
{
	if (p != NULL)
		p->conf.ausf_config_version = version;
}

void
agw_prose_out_init(struct agw_prose_out *out)
{
	if (out != NULL)
		agw_memzero(out, sizeof(*out));
}

void
agw_prose_out_reset(struct agw_prose_out *out)
{
	if (out == NULL)
		return;
	for (uint16_t i = 0; i < out->n_dl && i < AGW_PROSE_OUT_MAX; i++)
		agw_memzero(&out->dl[i], sizeof(out->dl[i]));
	out->n_dl = 0;
	out->n_res = 0;
	out->more = 0;
	out->stored = 0;
}

int
agw_prose_tick(struct agw_prose *p, uint64_t now_ms, struct agw_prose_out *out)
{
	if (p == NULL || out == NULL)
		return -EINVAL;
	p->now_ms = now_ms;
	prose_txn_expire(p, out);
	prose_links_expire(p);
	return 0;
}

void
agw_prose_relay_release(struct agw_prose *p, uint64_t relay)
{
	if (p == NULL)
		return;
	prose_txn_drop_relay(p, relay);
	prose_links_drop_relay(p, relay);
}

void
agw_prose_store_committed(struct agw_prose *p)
{
	if (p == NULL)
		return;
	p->n_journal = 0;
	p->journal_overflow = 0;
	p->committed_link = p->next_link;
}

void
agw_prose_store_rollback(struct agw_prose *p)
{
	if (p == NULL)
		return;
	p->ctr.stat[AGW_PROSE_STAT_ROLLBACKS]++;
	prose_persist_rollback(p);
	prose_links_rollback(p);
	agw_prose_store_committed(p);
}

void
agw_prose_counters(const struct agw_prose *p, struct agw_prose_counters *c)
{
	if (p != NULL && c != NULL)
		*c = p->ctr;
}
