/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Relay Key Request (spec/002 4.11): the AMF(relay) checks the relay (S206)
 * and calls the AUSF's ProseAuthenticate, which branches on what the
 * remote UE sent:
 *  - SUCI: new CP-PRUK (prose_ausf_eap.c), methods 200/400/500;
 *  - CP-PRUK ID + key update indication: PAnF get for the SUPI only (no
 *    PAnF authorisation, [0440]), then a new CP-PRUK by SUPI (method 500);
 *  - CP-PRUK ID: the AUSF policy (method 600, before or after the PAnF
 *    answered), the PAnF's own update decision (method 700), and when the
 *    key is reused exactly one authorisation check: the PAnF's (its answer
 *    says so) or else the AUSF's own UDM check ([0286], [0560]).
 * A Nonce_1 already seen with the CP-PRUK is refused before anything else.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "prose_priv.h"

/* spec/002 T33: a request the AUSF must refuse with 400, no downstream call. */
static int
request_ok(const struct agw_prose_key_req *rq, const struct agw_prose_relay *relay)
{
	uint8_t plmn[3];

	if (rq->nonce_1 == NULL || rq->ue_id == NULL || rq->ue_id_len == 0 || rq->rsc > 0xffffff ||
	    rq->id_type > AGW_PROSE_ID_CP_PRUK)
		return 0;
	if (rq->key_update && rq->id_type != AGW_PROSE_ID_CP_PRUK)
		return 0;
	if (rq->id_type == AGW_PROSE_ID_CP_PRUK &&
	    (rq->ue_id_len > AGW_PROSE_ID_MAX || memchr(rq->ue_id, '\0', rq->ue_id_len) != NULL))
		return 0;
	return agw_nas_plmn_encode(&relay->amf_plmn, plmn) == 0;
}

static int
finish(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
       struct agw_prose_result *res, uint8_t verdict, struct agw_prose_out *out)
{
	int rc = 0;

	if (verdict != AGW_PROSE_V_OK && verdict != AGW_PROSE_V_EAP)
		rc = prose_reject(p, relay->ue, prti, NULL, 0, res, out);
	prose_res_done(p, res, verdict);
	return rc;
}

/* Method 600 (spec/002 4.3): does the AUSF's local policy want a new key? */
static uint8_t
ausf_policy(const struct agw_prose *p, const struct prose_rec *r, const uint8_t plmn[3])
{
	uint32_t pol = p->conf.ausf_policy;

	if ((pol & AGW_PROSE_AUSF_UPD_PLMN) && r->plmn_set && memcmp(r->plmn, plmn, 3) != 0)
		return AGW_PROSE_TRIG_AUSF_PLMN;
	if ((pol & AGW_PROSE_AUSF_UPD_CONFIG) && r->conf_version != p->conf.ausf_config_version)
		return AGW_PROSE_TRIG_AUSF_CONFIG;
	return AGW_PROSE_TRIG_NONE;
}

static int
nonce_seen(const struct prose_rec *r, const uint8_t *nonce_1)
{
	int seen = 0;

	for (unsigned int i = 0; i < r->n_nonce; i++)
		seen |= agw_ct_equal(r->nonce1[i], nonce_1, AGW_PROSE_NONCE_LEN);
	return seen;
}

static void
nonce_remember(struct prose_rec *r, const uint8_t *nonce_1)
{
	memcpy(r->nonce1[r->nonce_pos], nonce_1, AGW_PROSE_NONCE_LEN);
	r->nonce_pos = (uint8_t)((r->nonce_pos + 1) % AGW_PROSE_NONCE1_HISTORY);
	if (r->n_nonce < AGW_PROSE_NONCE1_HISTORY)
		r->n_nonce++;
}

/* The AUSF's own check (4.5 C): 0, or the verdict to answer with. */
static uint8_t
ausf_authorise(struct agw_prose *p, const char *supi, uint32_t rsc)
{
	int rc;

	p->ctr.stat[AGW_PROSE_STAT_AUTHZ_AUSF_UDM]++;
	rc = p->conf.udm->authz_check(p->conf.udm_arg, supi, rsc);
	if (rc == 0)
		return AGW_PROSE_V_OK;
	if (rc == -EPERM || rc == -ENOENT) {
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_DENIED]++;
		return AGW_PROSE_V_FORBIDDEN;
	}
	return AGW_PROSE_V_INTERNAL; /* never "authorised" on an error */
}

static uint8_t
panf_verdict(const struct agw_prose_panf_rsp *rsp)
{
	switch (rsp->status) {
	case AGW_PROSE_PANF_FORBIDDEN:
		return AGW_PROSE_V_FORBIDDEN;
	case AGW_PROSE_PANF_NOT_FOUND:
		return AGW_PROSE_V_NOT_FOUND;
	default:
		return AGW_PROSE_V_INTERNAL;
	}
}

struct id_req {
	const struct agw_prose_relay *relay;
	const struct agw_prose_key_req *rq;
	struct agw_prose_result *res;
	struct agw_prose_out *out;
	char id[AGW_PROSE_ID_MAX + 1];
	uint8_t plmn[3];
};

/* K_NR_ProSe from the stored CP-PRUK #1 (reuse), authorised by res->checker. */
static int
reuse(struct agw_prose *p, struct id_req *q, struct prose_rec *r,
      const struct agw_prose_panf_rsp *rsp)
{
	int rc;

	r->plmn_set = 1;
	memcpy(r->plmn, q->plmn, 3);
	if (prose_persist_meta(p, r) != 0)
		return finish(p, q->relay, q->rq->prti, q->res, AGW_PROSE_V_INTERNAL, q->out);
	prose_out_stored(q->out);
	snprintf(q->res->pruk_id, sizeof(q->res->pruk_id), "%s", q->id);
	rc = prose_knr_finish(p, q->relay, q->rq->prti, rsp->pruk, q->rq->nonce_1, NULL, NULL, 0,
			      q->res, q->out);
	if (rc != 0)
		return rc == -ENOBUFS ? rc
				      : finish(p, q->relay, q->rq->prti, q->res,
					       AGW_PROSE_V_INTERNAL, q->out);
	p->ctr.stat[AGW_PROSE_STAT_REUSED]++;
	prose_res_done(p, q->res, AGW_PROSE_V_OK);
	return 0;
}

/* After the PAnF answered with the key: new key, or authorise and reuse. */
static int
key_answer(struct agw_prose *p, struct id_req *q, struct prose_rec *r, uint8_t upd,
	   struct agw_prose_panf_rsp *rsp)
{
	uint8_t v;

	if (q->rq->key_update)
		upd = AGW_PROSE_TRIG_UE_KEY_UPDATE;
	else if (upd == AGW_PROSE_TRIG_NONE && p->conf.ausf_decide_after_get)
		upd = ausf_policy(p, r, q->plmn);
	if (upd != AGW_PROSE_TRIG_NONE)
		return prose_ausf_new_key(p, q->relay, q->rq, rsp->supi, upd, q->res, q->out);
	q->res->checker = rsp->checker;
	if (rsp->checker == AGW_PROSE_CHECK_NONE) {
		q->res->checker = AGW_PROSE_CHECK_AUSF_UDM;
		v = ausf_authorise(p, rsp->supi, q->rq->rsc);
		if (v != AGW_PROSE_V_OK)
			return finish(p, q->relay, q->rq->prti, q->res, v, q->out);
	}
	return reuse(p, q, r, rsp);
}

/* The AUSF's view of the ID: known, and its Nonce_1 fresh (then remembered).
 * NULL when the request was answered already (*rc set). */
static struct prose_rec *
id_view(struct agw_prose *p, struct id_req *q, int *rc)
{
	struct prose_rec *r;
	uint8_t v = AGW_PROSE_V_MAX;

	memcpy(q->id, q->rq->ue_id, q->rq->ue_id_len);
	q->id[q->rq->ue_id_len] = '\0';
	r = prose_id_ok(p, q->id, q->rq->ue_id_len) ? prose_rec_by_id(p, q->id) : NULL;
	if (r == NULL)
		v = AGW_PROSE_V_NOT_FOUND;
	else if (nonce_seen(r, q->rq->nonce_1))
		v = AGW_PROSE_V_REPLAY;
	else {
		nonce_remember(r, q->rq->nonce_1);
		if (prose_persist_meta(p, r) != 0)
			v = AGW_PROSE_V_INTERNAL;
		prose_out_stored(q->out);
	}
	if (v == AGW_PROSE_V_MAX)
		return r;
	*rc = finish(p, q->relay, q->rq->prti, q->res, v, q->out);
	return NULL;
}

/* What the AUSF asks the PAnF for. */
static unsigned int
panf_flags(const struct agw_prose_key_req *rq, uint8_t upd)
{
	if (upd != AGW_PROSE_TRIG_NONE) /* the AUSF decided first ([0558]): SUPI only */
		return AGW_PROSE_PANF_NO_AUTHZ | AGW_PROSE_PANF_NO_UPDATE;
	if (rq->key_update) /* [0440]: SUPI only, no PAnF authorisation */
		return AGW_PROSE_PANF_NO_AUTHZ;
	return 0;
}

static int
by_id(struct agw_prose *p, struct id_req *q)
{
	struct agw_prose_panf_rsp rsp;
	struct prose_rec *r;
	uint8_t upd;
	int rc = 0;

	r = id_view(p, q, &rc);
	if (r == NULL)
		return rc;
	upd = p->conf.ausf_decide_after_get ? AGW_PROSE_TRIG_NONE : ausf_policy(p, r, q->plmn);
	agw_prose_panf_get(p, q->id, q->rq->rsc, panf_flags(q->rq, upd), &rsp);
	if (rsp.status == AGW_PROSE_PANF_UPDATE) {
		upd = q->rq->key_update ? AGW_PROSE_TRIG_UE_KEY_UPDATE : rsp.update;
		rc = prose_ausf_new_key(p, q->relay, q->rq, rsp.supi, upd, q->res, q->out);
	} else if (rsp.status == AGW_PROSE_PANF_KEY) {
		rc = key_answer(p, q, r, upd, &rsp);
	} else { /* 403 (the PAnF's checker refused), 404, or a failure */
		q->res->checker = rsp.checker;
		rc = finish(p, q->relay, q->rq->prti, q->res, panf_verdict(&rsp), q->out);
	}
	agw_prose_panf_rsp_clear(&rsp);
	return rc;
}

int
agw_prose_key_request(struct agw_prose *p, const struct agw_prose_relay *relay,
		      const struct agw_prose_key_req *rq, struct agw_prose_out *out)
{
	struct agw_prose_result *res;
	struct id_req q;
	int rc;

	if (p == NULL || relay == NULL || rq == NULL || out == NULL)
		return -EINVAL;
	p->ctr.stat[AGW_PROSE_STAT_KEY_REQUESTS]++;
	res = prose_res_add(p, out, relay->ue, rq->prti);
	if (res == NULL)
		return -ENOBUFS;
	if (!request_ok(rq, relay))
		return finish(p, relay, rq->prti, res, AGW_PROSE_V_BAD_REQUEST, out);
	/* S206: the relay UE must be authorised to act as a U2N relay. */
	if (relay->supi == NULL || p->conf.udm->relay_check(p->conf.udm_arg, relay->supi) != 0)
		return finish(p, relay, rq->prti, res, AGW_PROSE_V_RELAY_NOT_AUTHORISED, out);
	if (rq->id_type == AGW_PROSE_ID_SUCI)
		return prose_ausf_new_key(p, relay, rq, NULL, AGW_PROSE_TRIG_UE_SUCI, res, out);
	memset(&q, 0, sizeof(q));
	q.relay = relay;
	q.rq = rq;
	q.res = res;
	q.out = out;
	agw_nas_plmn_encode(&relay->amf_plmn, q.plmn);
	rc = by_id(p, &q);
	return rc;
}
