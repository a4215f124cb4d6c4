/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * A new CP-PRUK (spec/002 "Manner 3", TS 33.503 6.3.3.3.2):
 *  1. UDM GenerateProseAV by SUCI or, on the update paths, by SUPI; the UDM
 *     checks the relay-service authorisation first ([0145], variant D);
 *  2. EAP-AKA' through the relay: Relay Authentication Request with the
 *     AKA'-Challenge, the answer in a Relay Authentication Response;
 *  3. on success, in this order (spec/002 T30): CP-PRUK #2 and CP-PRUK ID #2
 *     from K_AUSF_P, RSC and SUPI (A.2, A.3), Npanf register (the PAnF drops
 *     #1), K_NR_ProSe, Relay Key Accept with EAP-Success; on failure no key
 *     is made (T29) and the Relay Key Reject carries EAP-Failure.
 * K_AUSF_P is the first 256 bits of the EMSK (TS 33.501 6.1.3.1 step 10 as
 * TS 33.503 uses it). The EAP-AKA' identity in the key derivation is the
 * SUPI as KDF parameter (IMSI digits / NAI), on both sides.
 *
 * FC values (lib/crypto agw_kdf_cp_pruk(), agw_kdf_cp_pruk_id_star()), read
 * in TS 33.503 V17.2.0 Annex A as rendered by tech-invite
 * (https://www.tech-invite.com/3m33/toc/tinv-3gpp-33-503_n.html):
 * A.1.2 allocates 0x85-0x8B to TS 33.503; A.2 CP-PRUK: FC = 0x85, P0 = SUPI
 * (as P0 of TS 33.501 A.7.0), P1 = relay service code, KEY = K_AUSF_P;
 * A.3 CP-PRUK ID*: FC = 0x86, P0 = "PRUK-ID", P1 = relay service code,
 * P2 = SUPI, KEY = K_AUSF_P. This confirms the values spec/002 5.2 marked
 * "third-party".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "prose_priv.h"

struct txn_key {
	uint64_t relay;
	uint8_t prti;
};

static uint32_t
txn_hash(const struct agw_prose *p, uint64_t relay, uint8_t prti)
{
	uint8_t k[9];

	memcpy(k, &relay, 8);
	k[8] = prti;
	return prose_hash(p->seed, k, sizeof(k));
}

static int
txn_eq(const void *ctx, uint32_t idx, const void *key)
{
	const struct agw_prose *p = ctx;
	const struct txn_key *k = key;

	return p->txn[idx].relay == k->relay && p->txn[idx].prti == k->prti;
}

int
prose_txn_init(struct agw_prose *p, uint32_t max)
{
	p->txn = calloc(max, sizeof(*p->txn));
	p->txn_free = malloc((size_t)max * sizeof(*p->txn_free));
	if (p->txn == NULL || p->txn_free == NULL || prose_htab_init(&p->txn_idx, max) != 0)
		return -ENOMEM;
	for (uint32_t i = 0; i < max; i++)
		p->txn_free[i] = max - 1 - i;
	p->max_txn = max;
	p->n_txn = 0;
	return 0;
}

void
prose_txn_fini(struct agw_prose *p)
{
	if (p->txn != NULL)
		agw_memzero(p->txn, (size_t)p->max_txn * sizeof(*p->txn));
	free(p->txn);
	free(p->txn_free);
	prose_htab_fini(&p->txn_idx);
	p->txn = NULL;
	p->txn_free = NULL;
}

static struct prose_txn *
txn_find(const struct agw_prose *p, uint64_t relay, uint8_t prti)
{
	struct txn_key k = {relay, prti};
	int64_t i = prose_htab_find(&p->txn_idx, txn_hash(p, relay, prti), txn_eq, p, &k);

	return i < 0 ? NULL : &p->txn[i];
}

static void
txn_free(struct agw_prose *p, struct prose_txn *t)
{
	uint32_t idx = (uint32_t)(t - p->txn);

	prose_htab_remove(&p->txn_idx, t->h, idx);
	agw_memzero(t, sizeof(*t));
	p->txn_free[(p->max_txn - p->n_txn)] = idx;
	p->n_txn--;
}

static struct prose_txn *
txn_alloc(struct agw_prose *p, uint64_t relay, uint8_t prti)
{
	struct prose_txn *t = txn_find(p, relay, prti);
	uint32_t idx;

	if (t != NULL)
		txn_free(p, t); /* the relay restarted the transaction */
	if (p->n_txn >= p->max_txn)
		return NULL;
	idx = p->txn_free[p->max_txn - 1 - p->n_txn];
	p->n_txn++;
	t = &p->txn[idx];
	memset(t, 0, sizeof(*t));
	t->used = 1;
	t->relay = relay;
	t->prti = prti;
	t->h = txn_hash(p, relay, prti);
	prose_htab_insert(&p->txn_idx, t->h, idx);
	return t;
}

static int
fail(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
     struct agw_prose_result *res, uint8_t verdict, struct agw_prose_out *out)
{
	int rc = prose_reject(p, relay->ue, prti, NULL, 0, res, out);

	prose_res_done(p, res, verdict);
	return rc;
}

static uint8_t
av_verdict(struct agw_prose *p, int rc)
{
	if (rc == -EPERM) {
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_DENIED]++;
		return AGW_PROSE_V_FORBIDDEN;
	}
	return rc == -ENOENT ? AGW_PROSE_V_UNKNOWN_UE : AGW_PROSE_V_INTERNAL;
}

/* K_aut and K_AUSF_P of the run, from CK'/IK' (RFC 5448 3.3). */
static int
eap_keys(struct prose_txn *t, const struct agw_prose_av *av)
{
	struct agw_eap_aka_prime_keys k;
	char id[AGW_PROSE_SUPI_MAX];
	int n = agw_kdf_supi_param(av->supi, id, sizeof(id)), rc = -EIO;

	if (n > 0 && agw_eap_aka_prime_keys(av->ck_prime, av->ik_prime, id, (size_t)n, &k) == 0 &&
	    agw_kdf_kausf_eap_aka_prime(k.emsk, t->kausf_p) == 0) {
		memcpy(t->k_aut, k.k_aut, sizeof(t->k_aut));
		rc = 0;
	}
	agw_memzero(&k, sizeof(k));
	return rc;
}

/* Relay Authentication Request with the AKA'-Challenge. */
static int
send_challenge(struct prose_txn *t, const struct agw_prose_av *av, const char *snn, size_t snn_len,
	       struct agw_prose_out *out)
{
	uint8_t eap[PROSE_EAP_MAX];
	struct agw_prose_dl *d;
	long n;

	n = prose_eap_challenge(t->eap_id, av->rand, av->autn, snn, snn_len, t->k_aut, eap,
				sizeof(eap));
	if (n < 0)
		return -EIO;
	d = prose_dl_add(out, t->relay, AGW_NAS5G_MT_RELAY_AUTHENTICATION_REQUEST, t->prti);
	if (d == NULL)
		return -ENOBUFS;
	n = prose_nas_auth_request(t->prti, eap, (size_t)n, d->nas, sizeof(d->nas));
	if (n < 0) {
		out->n_dl--;
		return -EIO;
	}
	d->len = (uint16_t)n;
	return 0;
}

static void
txn_fill(struct agw_prose *p, struct prose_txn *t, const struct agw_prose_key_req *rq,
	 const struct agw_prose_relay *relay, const struct agw_prose_av *av, uint8_t trigger)
{
	t->eap_id = p->next_eap_id++;
	t->trigger = trigger;
	t->rsc = rq->rsc;
	t->authz_info = av->authz_info;
	t->xres_len = av->xres_len;
	memcpy(t->xres, av->xres, sizeof(t->xres));
	memcpy(t->nonce1, rq->nonce_1, AGW_PROSE_NONCE_LEN);
	snprintf(t->supi, sizeof(t->supi), "%s", av->supi);
	snprintf(t->rid, sizeof(t->rid), "%s", av->rid);
	agw_nas_plmn_encode(&relay->amf_plmn, t->plmn);
	t->deadline_ms = p->now_ms + p->conf.eap_timeout_ms;
}

static int
av_ok(const struct agw_prose_av *av, const char *supi)
{
	return prose_supi_ok(av->supi) && av->xres_len >= 4 && av->xres_len <= 16 &&
	       (supi == NULL || strcmp(av->supi, supi) == 0);
}

int
prose_ausf_new_key(struct agw_prose *p, const struct agw_prose_relay *relay,
		   const struct agw_prose_key_req *rq, const char *supi, uint8_t trigger,
		   struct agw_prose_result *res, struct agw_prose_out *out)
{
	struct agw_prose_av_req ar = {.supi = supi, .rsc = rq->rsc};
	struct agw_prose_av av;
	struct prose_txn *t;
	char snn[40];
	int rc, n;

	res->trigger = trigger;
	n = agw_kdf_snn(relay->amf_plmn.mcc, relay->amf_plmn.mnc, snn, sizeof(snn));
	if (n < 0)
		return fail(p, relay, rq->prti, res, AGW_PROSE_V_BAD_REQUEST, out);
	if (supi == NULL) {
		ar.suci = rq->ue_id;
		ar.suci_len = rq->ue_id_len;
	}
	ar.snn = snn;
	ar.snn_len = (size_t)n;
	memset(&av, 0, sizeof(av));
	rc = p->conf.udm->get_av(p->conf.udm_arg, &ar, &av);
	if (rc == 0 || rc == -EPERM) { /* the UDM's check ran (variant D) */
		p->ctr.stat[AGW_PROSE_STAT_AUTHZ_AV]++;
		res->checker = AGW_PROSE_CHECK_UDM_AV;
	}
	if (rc != 0 || !av_ok(&av, supi)) {
		agw_memzero(&av, sizeof(av));
		return fail(p, relay, rq->prti, res,
			    rc != 0 ? av_verdict(p, rc) : AGW_PROSE_V_INTERNAL, out);
	}
	t = txn_alloc(p, relay->ue, rq->prti);
	if (t == NULL) {
		agw_memzero(&av, sizeof(av));
		return fail(p, relay, rq->prti, res, AGW_PROSE_V_BUSY, out);
	}
	txn_fill(p, t, rq, relay, &av, trigger);
	rc = eap_keys(t, &av);
	if (rc == 0)
		rc = send_challenge(t, &av, snn, (size_t)n, out);
	agw_memzero(&av, sizeof(av));
	if (rc != 0) {
		txn_free(p, t);
		return rc == -ENOBUFS ? rc
				      : fail(p, relay, rq->prti, res, AGW_PROSE_V_INTERNAL, out);
	}
	prose_res_done(p, res, AGW_PROSE_V_EAP);
	return 0;
}

/* CP-PRUK #2 and its ID from K_AUSF_P (TS 33.503 A.2, A.3). */
static int
derive_pruk(struct agw_prose *p, const struct prose_txn *t, uint8_t pruk[AGW_PROSE_KEY_LEN],
	    char id[AGW_PROSE_ID_MAX + 1])
{
	uint8_t id_star[AGW_PROSE_KEY_LEN];
	char sp[AGW_PROSE_SUPI_MAX];
	int n = agw_kdf_supi_param(t->supi, sp, sizeof(sp)), rc = -EIO;

	if (n > 0 && agw_kdf_cp_pruk(t->kausf_p, sp, (size_t)n, t->rsc, pruk) == 0 &&
	    agw_kdf_cp_pruk_id_star(t->kausf_p, t->rsc, sp, (size_t)n, id_star) == 0 &&
	    agw_prose_pruk_id_build(t->rid, id_star, p->home.mcc, p->home.mnc, id,
				    AGW_PROSE_ID_MAX + 1) > 0)
		rc = 0;
	agw_memzero(id_star, sizeof(id_star));
	return rc;
}

static int
eap_failed(struct agw_prose *p, struct prose_txn *t, int rc, struct agw_prose_out *out)
{
	struct agw_prose_result *res = prose_res_add(p, out, t->relay, t->prti);
	uint8_t eap[4];

	if (res == NULL)
		return -ENOBUFS;
	if (rc == -EACCES)
		p->ctr.stat[AGW_PROSE_STAT_EAP_MAC_FAILURE]++;
	else if (rc == -EPERM)
		p->ctr.stat[AGW_PROSE_STAT_EAP_RES_MISMATCH]++;
	else if (rc == -ECONNREFUSED)
		p->ctr.stat[AGW_PROSE_STAT_EAP_UE_REJECT]++;
	res->trigger = t->trigger;
	res->checker = AGW_PROSE_CHECK_UDM_AV;
	prose_eap_result(4, t->eap_id, eap);
	rc = prose_reject(p, t->relay, t->prti, eap, sizeof(eap), res, out);
	prose_res_done(p, res, AGW_PROSE_V_AUTH_FAILED);
	txn_free(p, t);
	return rc;
}

/* EAP succeeded: derive, register, K_NR_ProSe, Relay Key Accept. */
static int
eap_succeeded(struct agw_prose *p, struct prose_txn *t, struct agw_prose_out *out)
{
	struct agw_prose_relay relay = {.ue = t->relay};
	struct agw_prose_result *res = prose_res_add(p, out, t->relay, t->prti);
	uint8_t pruk[AGW_PROSE_KEY_LEN], eap[4];
	char id[AGW_PROSE_ID_MAX + 1];
	int rc;

	if (res == NULL)
		return -ENOBUFS;
	res->trigger = t->trigger;
	res->checker = AGW_PROSE_CHECK_UDM_AV;
	rc = derive_pruk(p, t, pruk, id);
	if (rc == 0) {
		rc = prose_panf_register_ausf(p, t->supi, t->rsc, pruk, id, t->authz_info, t->plmn);
		prose_out_stored(out);
	}
	if (rc == 0) {
		snprintf(res->pruk_id, sizeof(res->pruk_id), "%s", id);
		prose_eap_result(3, t->eap_id, eap);
		rc = prose_knr_finish(p, &relay, t->prti, pruk, t->nonce1, id, eap, sizeof(eap),
				      res, out);
	}
	agw_memzero(pruk, sizeof(pruk));
	if (rc == 0) {
		prose_res_done(p, res, AGW_PROSE_V_OK);
		txn_free(p, t);
		return 0;
	}
	if (rc == -ENOBUFS)
		return rc;
	/* No EAP-Success: the UE keeps CP-PRUK #1 (T9). */
	prose_eap_result(4, t->eap_id, eap);
	rc = prose_reject(p, t->relay, t->prti, eap, sizeof(eap), res, out);
	prose_res_done(p, res, AGW_PROSE_V_INTERNAL);
	txn_free(p, t);
	return rc;
}

int
agw_prose_auth_response(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
			const uint8_t *eap, size_t eap_len, struct agw_prose_out *out)
{
	struct prose_txn *t;
	int rc;

	if (p == NULL || relay == NULL || out == NULL || (eap == NULL && eap_len != 0))
		return -EINVAL;
	p->ctr.stat[AGW_PROSE_STAT_AUTH_RESPONSES]++;
	t = txn_find(p, relay->ue, prti);
	if (t == NULL) {
		p->ctr.stat[AGW_PROSE_STAT_EAP_UNKNOWN_TXN]++;
		return 0;
	}
	rc = prose_eap_check_response(t->eap_id, eap, eap_len, t->k_aut, t->xres, t->xres_len);
	if (rc == -EBADMSG || rc == -EPROTO) {
		p->ctr.stat[AGW_PROSE_STAT_MALFORMED_EAP]++; /* dropped; the run goes on */
		return 0;
	}
	if (rc != 0)
		return eap_failed(p, t, rc, out);
	return eap_succeeded(p, t, out);
}

void
prose_txn_expire(struct agw_prose *p, struct agw_prose_out *out)
{
	for (uint32_t i = 0; i < p->max_txn && p->n_txn > 0; i++) {
		struct prose_txn *t = &p->txn[i];
		struct agw_prose_result *res;

		if (!t->used || t->deadline_ms > p->now_ms)
			continue;
		if (out->n_res >= AGW_PROSE_OUT_MAX || out->n_dl >= AGW_PROSE_OUT_MAX) {
			out->more = 1;
			return;
		}
		res = prose_res_add(p, out, t->relay, t->prti);
		res->trigger = t->trigger;
		prose_reject(p, t->relay, t->prti, NULL, 0, res, out);
		prose_res_done(p, res, AGW_PROSE_V_TIMEOUT);
		txn_free(p, t);
	}
}

void
prose_txn_drop_relay(struct agw_prose *p, uint64_t relay)
{
	for (uint32_t i = 0; i < p->max_txn && p->n_txn > 0; i++)
		if (p->txn[i].used && p->txn[i].relay == relay)
			txn_free(p, &p->txn[i]);
}
