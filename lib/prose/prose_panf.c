/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * PAnF (Npanf_ProseKey, TS 29.553; seed 002 claims 6-10, 16-20):
 *  - get: by CP-PRUK ID and RSC; the update decision of method 700
 *    (spec/002 4.4: validity period, expiry time, update indication, RSC no
 *    longer stored) and the authorisation check of the configured mode
 *    (4.5 A: stored information, B: ask the UDM), in either order ([0684],
 *    [0700]); the answer follows the 4.6 matrix;
 *  - register: the (SUPI, RSC)'s record is replaced, its old ID stops
 *    resolving ([0393], 4.8);
 *  - the instructions other NFs give it (update indication, RSC deletion,
 *    expiry, authorisation information).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "prose_priv.h"

void
agw_prose_panf_rsp_clear(struct agw_prose_panf_rsp *rsp)
{
	agw_memzero(rsp, sizeof(*rsp));
}

uint8_t
prose_panf_update_reason(const struct agw_prose *p, const struct prose_rec *r, uint64_t now)
{
	uint32_t pol = p->conf.panf_policy;

	if ((pol & AGW_PROSE_PANF_UPD_INDICATION) && r->update_pending)
		return AGW_PROSE_TRIG_PANF_INDICATION;
	if ((pol & AGW_PROSE_PANF_UPD_RSC) && r->rsc_removed)
		return AGW_PROSE_TRIG_PANF_RSC;
	if ((pol & AGW_PROSE_PANF_UPD_EXPIRY) && r->expiry != 0 && now >= r->expiry)
		return AGW_PROSE_TRIG_PANF_EXPIRY;
	if ((pol & AGW_PROSE_PANF_UPD_VALIDITY) && p->conf.pruk_validity_s != 0 &&
	    now >= r->created + p->conf.pruk_validity_s)
		return AGW_PROSE_TRIG_PANF_VALIDITY;
	return AGW_PROSE_TRIG_NONE;
}

/*
 * The PAnF's authorisation check. 0 authorised (*checker set), 1 no check
 * here (the AUSF must do it), -EPERM refused, -EIO UDM failure.
 */
static int
authorise(struct agw_prose *p, const struct prose_rec *r, uint8_t *checker)
{
	int rc;

	*checker = AGW_PROSE_CHECK_NONE;
	switch (p->conf.authz) {
	case AGW_PROSE_AUTHZ_PANF_LOCAL:
		if (r->authz == PROSE_AUTHZ_NONE)
			return 1;
		*checker = AGW_PROSE_CHECK_PANF_LOCAL;
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_PANF_LOCAL]++;
		rc = r->authz == 1 ? 0 : -EPERM;
		break;
	case AGW_PROSE_AUTHZ_PANF_UDM:
		*checker = AGW_PROSE_CHECK_PANF_UDM;
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_PANF_UDM]++;
		rc = p->conf.udm->authz_check(p->conf.udm_arg, r->supi, r->rsc);
		if (rc == -ENOENT)
			rc = -EPERM;
		else if (rc != 0 && rc != -EPERM)
			rc = -EIO;
		break;
	default:
		return 1;
	}
	if (rc == -EPERM)
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_DENIED]++;
	return rc;
}

/* Map an authorisation outcome onto the answer; 1 when the answer is final
 * (FORBIDDEN keeps who refused; no key, no SUPI). */
static int
authz_answer(int rc, uint8_t checker, struct agw_prose_panf_rsp *rsp)
{
	if (rc == -EPERM)
		rsp->status = AGW_PROSE_PANF_FORBIDDEN;
	else if (rc < 0)
		rsp->status = AGW_PROSE_PANF_ERROR;
	else
		return 0;
	rsp->checker = checker;
	rsp->supi[0] = '\0';
	return 1;
}

int
agw_prose_panf_get(struct agw_prose *p, const char *id, uint32_t rsc, unsigned int flags,
		   struct agw_prose_panf_rsp *rsp)
{
	int check = !(flags & AGW_PROSE_PANF_NO_AUTHZ);
	struct prose_rec *r;
	uint8_t checker = AGW_PROSE_CHECK_NONE;
	int rc;

	if (p == NULL || id == NULL || rsp == NULL)
		return -EINVAL;
	memset(rsp, 0, sizeof(*rsp));
	rsp->status = AGW_PROSE_PANF_NOT_FOUND;
	r = prose_rec_by_id(p, id);
	if (r == NULL)
		return 0;
	if (r->rsc != rsc) {
		p->ctr.stat[AGW_PROSE_STAT_RSC_MISMATCH]++;
		return 0;
	}
	snprintf(rsp->supi, sizeof(rsp->supi), "%s", r->supi);
	if (check && p->conf.panf_authz_first) {
		rc = authorise(p, r, &checker);
		if (authz_answer(rc, checker, rsp))
			return 0;
		check = 0;
	}
	rsp->update = (flags & AGW_PROSE_PANF_NO_UPDATE)
			      ? AGW_PROSE_TRIG_NONE
			      : prose_panf_update_reason(p, r, prose_now(p));
	if (rsp->update != AGW_PROSE_TRIG_NONE) {
		rsp->status = AGW_PROSE_PANF_UPDATE; /* SUPI only ([0707]) */
		rsp->checker = checker;
		return 0;
	}
	if (check) {
		rc = authorise(p, r, &checker);
		if (authz_answer(rc, checker, rsp))
			return 0;
	}
	rsp->status = AGW_PROSE_PANF_KEY;
	rsp->checker = checker;
	memcpy(rsp->pruk, r->pruk, sizeof(rsp->pruk));
	return 0;
}

static int
register_args_ok(const struct agw_prose *p, const char *supi, uint32_t rsc, const uint8_t *pruk,
		 const char *id, uint8_t authz_info)
{
	return p != NULL && prose_supi_ok(supi) && rsc <= 0xffffff && pruk != NULL && id != NULL &&
	       prose_id_ok(p, id, strnlen(id, AGW_PROSE_ID_MAX + 1)) &&
	       (authz_info <= 1 || authz_info == PROSE_AUTHZ_NONE);
}

/* Register with the AUSF's view of the request (relay AMF PLMN), or none. */
static int
panf_register(struct agw_prose *p, const char *supi, uint32_t rsc,
	      const uint8_t pruk[AGW_PROSE_KEY_LEN], const char *id, uint8_t authz_info,
	      const uint8_t *plmn)
{
	struct prose_rec tmpl, *old, *same, *r;
	int rc;

	if (!register_args_ok(p, supi, rsc, pruk, id, authz_info))
		return -EINVAL;
	old = prose_rec_by_key(p, supi, rsc);
	same = prose_rec_by_id(p, id);
	if (same != NULL && same != old)
		return -EEXIST;
	if (old == NULL && p->n_free == 0)
		return -ENOSPC;
	memset(&tmpl, 0, sizeof(tmpl));
	snprintf(tmpl.id, sizeof(tmpl.id), "%s", id);
	snprintf(tmpl.supi, sizeof(tmpl.supi), "%s", supi);
	tmpl.rsc = rsc;
	memcpy(tmpl.pruk, pruk, AGW_PROSE_KEY_LEN);
	tmpl.created = prose_now(p);
	tmpl.authz = authz_info;
	tmpl.conf_version = p->conf.ausf_config_version;
	if (plmn != NULL) {
		tmpl.plmn_set = 1;
		memcpy(tmpl.plmn, plmn, 3);
	}
	if (old != NULL) {
		if (strcmp(old->id, id) != 0)
			prose_persist_del(p, old->id);
		prose_rec_del(p, old);
		p->ctr.stat[AGW_PROSE_STAT_REPLACED]++;
	} else {
		p->ctr.stat[AGW_PROSE_STAT_CREATED]++;
	}
	r = prose_rec_add(p, &tmpl);
	agw_memzero(&tmpl, sizeof(tmpl));
	if (r == NULL)
		return -ENOSPC;
	rc = prose_persist_put(p, r);
	return rc;
}

int
agw_prose_panf_register(struct agw_prose *p, const char *supi, uint32_t rsc,
			const uint8_t pruk[AGW_PROSE_KEY_LEN], const char *id, uint8_t authz_info)
{
	return panf_register(p, supi, rsc, pruk, id, authz_info, NULL);
}

int
prose_panf_register_ausf(struct agw_prose *p, const char *supi, uint32_t rsc,
			 const uint8_t pruk[AGW_PROSE_KEY_LEN], const char *id, uint8_t authz_info,
			 const uint8_t plmn[3])
{
	return panf_register(p, supi, rsc, pruk, id, authz_info, plmn);
}

int
agw_prose_panf_update_indication(struct agw_prose *p, const char *id)
{
	struct prose_rec *r = p == NULL || id == NULL ? NULL : prose_rec_by_id(p, id);

	if (p == NULL || id == NULL)
		return -EINVAL;
	if (r == NULL)
		return -ENOENT;
	r->update_pending = 1;
	return prose_persist_meta(p, r);
}

int
agw_prose_panf_rsc_remove(struct agw_prose *p, const char *supi, uint32_t rsc)
{
	struct prose_rec *r;

	if (p == NULL || !prose_supi_ok(supi) || rsc > 0xffffff)
		return -EINVAL;
	r = prose_rec_by_key(p, supi, rsc);
	if (r == NULL)
		return -ENOENT;
	r->rsc_removed = 1;
	return prose_persist_meta(p, r);
}

int
agw_prose_panf_set_expiry(struct agw_prose *p, const char *id, uint64_t expiry)
{
	struct prose_rec *r;

	if (p == NULL || id == NULL)
		return -EINVAL;
	r = prose_rec_by_id(p, id);
	if (r == NULL)
		return -ENOENT;
	r->expiry = expiry;
	return prose_persist_put(p, r);
}

int
agw_prose_panf_set_authz(struct agw_prose *p, const char *supi, uint32_t rsc, uint8_t authz_info)
{
	struct prose_rec *r;

	if (p == NULL || !prose_supi_ok(supi) || rsc > 0xffffff ||
	    (authz_info > 1 && authz_info != PROSE_AUTHZ_NONE))
		return -EINVAL;
	r = prose_rec_by_key(p, supi, rsc);
	if (r == NULL)
		return -ENOENT;
	r->authz = authz_info;
	return prose_persist_meta(p, r);
}

unsigned int
agw_prose_panf_count(const struct agw_prose *p)
{
	return p == NULL ? 0 : p->live;
}
