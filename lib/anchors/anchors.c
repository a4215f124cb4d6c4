/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Instance, UE table (N2-key and 5G-TMSI hashes), guard timers, downlink
 * protection (TS 24.501 4.4.3, TS 33.501 6.4.3) and the output helpers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>


#include "agw_rand.h"
#include "agw_util.h"
#include "anchors_priv.h"

static const char *const ev_names[] = {
#define EV_NAME_(id, s) s,
	AGW_ANCHORS_EVENTS(EV_NAME_)
#undef EV_NAME_
};

const char *
agw_anchors_ev_name(unsigned int ev)
{
	return ev < AGW_ANCHORS_EV_MAX ? ev_names[ev] : NULL;
}

void
agw_anchors_out_reset(struct agw_anchors_out *out)
{
	if (out == NULL)
		return;
	agw_memzero(out->install, sizeof(out->install[0]) * out->n_install);
	out->n_dl = out->n_install = out->n_delete = out->n_ev = 0;
	out->more = 0;
}

static uint32_t
pow2_at_least(uint32_t n)
{
	uint32_t p = 1;

	while (p < n && p < (1u << 31))
		p <<= 1;
	return p;
}

static uint32_t
hash_key(const agw_anchors_ue_ref *k)
{
	uint64_t h = k->amf_ue_ngap_id * 0x9e3779b97f4a7c15ull ^ (uint64_t)k->assoc_id * 0xc2b2ae3d27d4eb4full;

	return (uint32_t)(h >> 32 ^ h);
}

static uint32_t
hash_tmsi(uint32_t t)
{
	return (uint32_t)(((uint64_t)t * 0x9e3779b97f4a7c15ull) >> 32);
}

/* Seed 000: capability bits DH / device authentication (or NONE alone);
 * an order of distinct MM codes. */
static int
ssp_conf_check(const struct agw_anchors_conf *c)
{
	if (c->mm_ssp_cap != AGW_ANCHORS_MM_CAP_NONE && (c->mm_ssp_cap & ~0x03u) != 0)
		return -EINVAL;
	if (c->n_ssp_order > 2)
		return -EINVAL;
	for (unsigned int i = 0; i < c->n_ssp_order; i++)
		if (c->ssp_order[i] < AGW_STORE_SSP_DH || c->ssp_order[i] > AGW_STORE_SSP_DEVAUTH ||
		    (i == 1 && c->ssp_order[0] == c->ssp_order[1]))
			return -EINVAL;
	return 0;
}

static int
conf_check(const struct agw_anchors_conf *c)
{
	if (c == NULL || c->store == NULL || c->max_ues == 0 || c->max_ues > (1u << 28) ||
	    c->n_nia > 8 || c->n_nea > 8 || c->amf_set > 1023 || c->amf_ptr > 63)
		return -EINVAL;
	for (unsigned int i = 0; i < c->n_nia; i++)
		if (c->nia_pref[i] == AGW_NIA0 || c->nia_pref[i] > AGW_NIA3)
			return -EINVAL; /* NIA0: emergency only, out of scope */
	for (unsigned int i = 0; i < c->n_nea; i++)
		if (c->nea_pref[i] > AGW_NEA3)
			return -EINVAL;
	return ssp_conf_check(c);
}

static void
conf_defaults(struct agw_anchors_conf *c)
{
	static const uint8_t nia[] = {AGW_NIA2, AGW_NIA1, AGW_NIA3};
	static const uint8_t nea[] = {AGW_NEA2, AGW_NEA1, AGW_NEA3, AGW_NEA0};

	if (c->n_nia == 0) {
		memcpy(c->nia_pref, nia, sizeof(nia));
		c->n_nia = sizeof(nia);
	}
	if (c->n_nea == 0) {
		memcpy(c->nea_pref, nea, sizeof(nea));
		c->n_nea = sizeof(nea);
	}
	if (c->guard_ms == 0)
		c->guard_ms = 6000;
	if (c->guard_max_retx < 0)
		c->guard_max_retx = 4;
	if (c->sqn_block == 0)
		c->sqn_block = 32;
	if (c->t3512 == 0)
		c->t3512 = 0x06;
	/* seed 000: DH exchange and device authentication, DH first */
	if (c->mm_ssp_cap == 0)
		c->mm_ssp_cap = 0x03;
	else if (c->mm_ssp_cap == AGW_ANCHORS_MM_CAP_NONE)
		c->mm_ssp_cap = 0;
	if (c->n_ssp_order == 0) {
		c->ssp_order[0] = AGW_STORE_SSP_DH;
		c->ssp_order[1] = AGW_STORE_SSP_DEVAUTH;
		c->n_ssp_order = 2;
	}
}

static int
tables_alloc(struct agw_anchors *a)
{
	uint32_t n = a->conf.max_ues, nb = pow2_at_least(n * 2);

	a->hmask = nb - 1;
	a->sqn_mask = nb - 1;
	a->ue = calloc(n, sizeof(*a->ue));
	a->hbucket = malloc(sizeof(uint32_t) * nb);
	a->tbucket = malloc(sizeof(uint32_t) * nb);
	a->sqn = calloc(nb, sizeof(*a->sqn));
	if (a->ue == NULL || a->hbucket == NULL || a->tbucket == NULL || a->sqn == NULL)
		return -ENOMEM;
	memset(a->hbucket, 0xff, sizeof(uint32_t) * nb);
	memset(a->tbucket, 0xff, sizeof(uint32_t) * nb);
	for (uint32_t i = 0; i < n; i++) {
		a->ue[i].self = i;
		a->ue[i].hnext = i + 1 < n ? i + 1 : ANCH_NIL;
	}
	a->free_head = 0;
	a->timer_head = a->timer_tail = ANCH_NIL;
	return 0;
}

struct agw_anchors *
agw_anchors_create(const struct agw_anchors_conf *conf)
{
	struct agw_anchors *a;
	int rc = conf_check(conf);

	if (rc != 0) {
		errno = -rc;
		return NULL;
	}
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return NULL;
	a->conf = *conf;
	conf_defaults(&a->conf);
	rc = agw_kdf_snn(a->conf.mcc, a->conf.mnc, a->snn, sizeof(a->snn));
	if (rc < 0) {
		free(a);
		errno = EINVAL;
		return NULL;
	}
	a->snn_len = (size_t)rc;
	a->eng = agw_nas_sec_engine_create();
	if (a->eng == NULL) {
		free(a);
		errno = ENOTSUP;
		return NULL;
	}
	if (tables_alloc(a) != 0) {
		agw_anchors_free(a);
		errno = ENOMEM;
		return NULL;
	}
	return a;
}

static void
ue_zero_keys(struct anch_ue *ue)
{
	agw_memzero(&ue->ausf, sizeof(ue->ausf));
	agw_memzero(&ue->av, sizeof(ue->av));
	agw_memzero(ue->kamf, sizeof(ue->kamf));
	agw_memzero(ue->knas_int, sizeof(ue->knas_int));
	agw_memzero(ue->knas_enc, sizeof(ue->knas_enc));
	agw_nia_key_clear(&ue->nia_key);
	agw_nea_key_clear(&ue->nea_key);
	anch_ssp_clear(&ue->ssp);
}

void
agw_anchors_free(struct agw_anchors *a)
{
	if (a == NULL)
		return;
	if (a->ue != NULL) {
		for (uint32_t i = 0; i < a->conf.max_ues; i++)
			ue_zero_keys(&a->ue[i]);
		free(a->ue);
	}
	free(a->hbucket);
	free(a->tbucket);
	free(a->sqn);
	agw_memzero(a->scratch, sizeof(a->scratch));
	agw_nas_sec_engine_free(a->eng);
	free(a);
}

/* ---------------------------------------------------------------------- */
/* UE table                                                                */

static int
key_eq(const agw_anchors_ue_ref *x, const agw_anchors_ue_ref *y)
{
	return x->assoc_id == y->assoc_id && x->amf_ue_ngap_id == y->amf_ue_ngap_id;
}

struct anch_ue *
anch_ue_find(struct agw_anchors *a, const agw_anchors_ue_ref *ref)
{
	uint32_t i = a->hbucket[hash_key(ref) & a->hmask];

	for (; i != ANCH_NIL; i = a->ue[i].hnext)
		if (key_eq(&a->ue[i].key, ref))
			return &a->ue[i];
	return NULL;
}

/* Find or allocate the entry of @p ref. */
struct anch_ue *
anch_ue_get(struct agw_anchors *a, const agw_anchors_ue_ref *ref)
{
	struct anch_ue *ue = anch_ue_find(a, ref);
	uint32_t b;

	if (ue != NULL || a->free_head == ANCH_NIL)
		return ue;
	ue = &a->ue[a->free_head];
	a->free_head = ue->hnext;
	b = hash_key(ref) & a->hmask;
	ue->used = 1;
	ue->key = *ref;
	ue->key.rsvd = 0;
	ue->hnext = a->hbucket[b];
	ue->tnext = ue->tprev_l = ue->tnext_l = ANCH_NIL;
	a->hbucket[b] = ue->self;
	a->n_used++;
	return ue;
}

struct anch_ue *
anch_ue_by_tmsi(struct agw_anchors *a, uint32_t tmsi)
{
	uint32_t i = a->tbucket[hash_tmsi(tmsi) & a->hmask];

	for (; i != ANCH_NIL; i = a->ue[i].tnext)
		if (a->ue[i].has_tmsi && a->ue[i].tmsi == tmsi)
			return &a->ue[i];
	return NULL;
}

static void
unlink_chain(uint32_t *head, struct anch_ue *tab, uint32_t self, int tmsi_chain)
{
	uint32_t *pp = head;

	while (*pp != ANCH_NIL) {
		uint32_t *next = tmsi_chain ? &tab[*pp].tnext : &tab[*pp].hnext;

		if (*pp == self) {
			*pp = *next;
			return;
		}
		pp = next;
	}
}

/* A fresh, unused 5G-TMSI from the CSPRNG (TS 23.003 2.10: unpredictable). */
int
anch_tmsi_assign(struct agw_anchors *a, struct anch_ue *ue)
{
	uint32_t t, b;

	if (ue->has_tmsi) {
		unlink_chain(&a->tbucket[hash_tmsi(ue->tmsi) & a->hmask], a->ue, ue->self, 1);
		ue->has_tmsi = 0;
	}
	do {
		if (agw_rand_bytes(&t, sizeof(t)) != 0)
			return -EIO;
	} while (t == 0 || t == UINT32_MAX || anch_ue_by_tmsi(a, t) != NULL);
	b = hash_tmsi(t) & a->hmask;
	ue->tmsi = t;
	ue->has_tmsi = 1;
	ue->tnext = a->tbucket[b];
	a->tbucket[b] = ue->self;
	return 0;
}

void
anch_ue_free(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	uint32_t self = ue->self;

	anch_guard_stop(a, ue);
	if (ue->ctx_installed) {
		if (out->n_delete < AGW_ANCHORS_OUT_DELETE)
			out->del[out->n_delete++] = ue->key;
		anch_event(a, &ue->key, AGW_ANCHORS_EV_CTX_DELETE, 0, out);
	}
	unlink_chain(&a->hbucket[hash_key(&ue->key) & a->hmask], a->ue, self, 0);
	if (ue->has_tmsi)
		unlink_chain(&a->tbucket[hash_tmsi(ue->tmsi) & a->hmask], a->ue, self, 1);
	ue_zero_keys(ue);
	memset(ue, 0, sizeof(*ue));
	ue->self = self;
	ue->hnext = a->free_head;
	a->free_head = self;
	a->n_used--;
}

uint32_t
agw_anchors_ue_count(const struct agw_anchors *a)
{
	return a->n_used;
}

enum agw_anchors_state
agw_anchors_ue_state(const struct agw_anchors *a, const agw_anchors_ue_ref *ue)
{
	struct anch_ue *u = anch_ue_find((struct agw_anchors *)(uintptr_t)a, ue);

	return u == NULL ? AGW_ANCHORS_ST_NONE : (enum agw_anchors_state)u->state;
}

int
agw_anchors_ue_release(struct agw_anchors *a, const agw_anchors_ue_ref *ref,
		       struct agw_anchors_out *out)
{
	struct anch_ue *ue;

	if (a == NULL || ref == NULL || out == NULL)
		return -EINVAL;
	ue = anch_ue_find(a, ref);
	if (ue == NULL)
		return -ENOENT;
	anch_ue_free(a, ue, out);
	return 0;
}

void
agw_anchors_stats(const struct agw_anchors *a, uint64_t out[AGW_ANCHORS_EV_MAX])
{
	memcpy(out, a->stats, sizeof(a->stats));
}

void
anch_event(struct agw_anchors *a, const agw_anchors_ue_ref *ue, unsigned int ev, uint16_t cause,
	   struct agw_anchors_out *out)
{
	a->stats[ev]++;
	if (out->n_ev < AGW_ANCHORS_OUT_EV) {
		struct agw_anchors_event *e = &out->ev[out->n_ev++];

		e->ue = *ue;
		e->ev = (uint16_t)ev;
		e->cause = cause;
	}
}

/* ---------------------------------------------------------------------- */
/* Guard timers: one duration for all, so a FIFO list is deadline order.   */

void
anch_guard_stop(struct agw_anchors *a, struct anch_ue *ue)
{
	if (ue->deadline == 0)
		return;
	if (ue->tprev_l != ANCH_NIL)
		a->ue[ue->tprev_l].tnext_l = ue->tnext_l;
	else
		a->timer_head = ue->tnext_l;
	if (ue->tnext_l != ANCH_NIL)
		a->ue[ue->tnext_l].tprev_l = ue->tprev_l;
	else
		a->timer_tail = ue->tprev_l;
	ue->tprev_l = ue->tnext_l = ANCH_NIL;
	ue->deadline = 0;
}

void
anch_guard_start(struct agw_anchors *a, struct anch_ue *ue)
{
	anch_guard_stop(a, ue);
	ue->deadline = a->now + a->conf.guard_ms;
	if (ue->deadline == 0)
		ue->deadline = 1;
	ue->tprev_l = a->timer_tail;
	ue->tnext_l = ANCH_NIL;
	if (a->timer_tail != ANCH_NIL)
		a->ue[a->timer_tail].tnext_l = ue->self;
	else
		a->timer_head = ue->self;
	a->timer_tail = ue->self;
}

/* ---------------------------------------------------------------------- */
/* Downlink                                                                */

/* Encode a plain 5GMM message that fits a downlink PDU with its security
 * header. Returns its length or -EINVAL. */
long
anch_dl_encode(uint8_t type, const struct agw_nas_body *b, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr h = {.epd = AGW_NAS5G_EPD_5GMM, .type = type};
	long n;

	if (cap > AGW_ANCHORS_DL_NAS_MAX - AGW_NAS5G_SEC_HDR_LEN)
		cap = AGW_ANCHORS_DL_NAS_MAX - AGW_NAS5G_SEC_HDR_LEN;
	n = agw_nas5g_encode(&h, b, buf, cap);
	return n < 0 ? -EINVAL : n;
}

/* Encode a plain 5GMM message into the UE's guarded-message buffer. */
int
anch_dl_build(struct anch_ue *ue, uint8_t type, const struct agw_nas_body *b)
{
	long n = anch_dl_encode(type, b, ue->last_plain, sizeof(ue->last_plain));

	if (n < 0)
		return -EINVAL;
	ue->last_len = (uint16_t)n;
	return 0;
}

/*
 * Protect (TS 24.501 4.4.3: SQN = DL COUNT low octet; MAC over SQN ||
 * message, after ciphering for SHT 2/4; TS 33.501 D.2/D.3 BEARER =
 * connection identifier, DIRECTION 1) and queue the guarded message.
 */
static int
dl_protect(struct agw_anchors *a, struct anch_ue *ue, uint8_t sht, const uint8_t *plain,
	   uint16_t len, struct agw_anchors_dl *d)
{
	uint8_t *p = d->nas;
	uint32_t count = ue->dl_count;
	uint32_t bits;
	int rc;

	p[0] = AGW_NAS5G_EPD_5GMM;
	p[1] = sht;
	p[6] = (uint8_t)count;
	memcpy(p + AGW_NAS5G_SEC_HDR_LEN, plain, len);
	bits = 8u * len;
	if (sht == AGW_NAS5G_SHT_INTEG_CIPH || sht == AGW_NAS5G_SHT_INTEG_CIPH_NEW) {
		rc = agw_nea_apply(a->eng, &ue->nea_key, count, AGW_ANCHORS_BEARER_3GPP, 1,
				   p + 7, p + 7, bits);
		if (rc != 0)
			return rc;
	}
	rc = agw_nia_compute(a->eng, &ue->nia_key, count, AGW_ANCHORS_BEARER_3GPP, 1, p + 6,
			     bits + 8, p + 2);
	if (rc != 0)
		return rc;
	d->len = (uint16_t)(len + AGW_NAS5G_SEC_HDR_LEN);
	ue->dl_count = (count + 1) & 0xffffff;
	return 0;
}

/*
 * The message as it is (@p sht 0), or, once the fast path holds the UE's
 * context, behind a placeholder security header (SHT @p sht, MAC and SQN
 * zero) for the worker to protect with the context's DL NAS COUNT: one
 * owner per COUNT, so a retransmitted Registration accept and the core's
 * downlink NAS can never share one (keystream reuse under NEA).
 */
static void
dl_plain(const uint8_t *plain, uint16_t len, struct agw_anchors_dl *d, uint8_t sht)
{
	size_t h = sht != 0 ? AGW_NAS5G_SEC_HDR_LEN : 0;

	if (sht != 0) {
		memset(d->nas, 0, h);
		d->nas[0] = AGW_NAS5G_EPD_5GMM;
		d->nas[1] = sht;
		d->fastpath = 1;
	}
	memcpy(d->nas + h, plain, len);
	d->len = (uint16_t)(len + h);
}

/*
 * Queue @p plain (a 5GMM message) with security header type @p sht. On its
 * own, for a message that ends a procedure (no answer expected): neither
 * the guard timer nor the guarded message (ue->last_plain) change, so
 * another procedure of the same step can still be retransmitted.
 */
int
anch_dl_send_once(struct agw_anchors *a, struct anch_ue *ue, uint8_t sht, const uint8_t *plain,
		  uint16_t len, struct agw_anchors_out *out)
{
	struct agw_anchors_dl *d;
	int rc = 0;

	if (out->n_dl >= AGW_ANCHORS_OUT_DL) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		return -ENOBUFS;
	}
	d = &out->dl[out->n_dl];
	d->ue = ue->key;
	d->sht = sht;
	d->msg_type = plain[2];
	d->fastpath = 0;
	if (sht == AGW_NAS5G_SHT_PLAIN)
		dl_plain(plain, len, d, 0);
	else if (ue->ctx_installed && sht <= AGW_NAS5G_SHT_INTEG_CIPH)
		dl_plain(plain, len, d, sht); /* the fast path owns the DL COUNT now */
	else
		rc = dl_protect(a, ue, sht, plain, len, d);
	if (rc != 0)
		return rc;
	out->n_dl++;
	return 0;
}

/*
 * Send the message in ue->last_plain with security header type @p sht
 * (0: plain); @p guard: start the guard timer and remember it for
 * retransmission.
 */
int
anch_dl_send(struct agw_anchors *a, struct anch_ue *ue, uint8_t sht, int guard,
	     struct agw_anchors_out *out)
{
	int rc = anch_dl_send_once(a, ue, sht, ue->last_plain, ue->last_len, out);

	if (rc != 0)
		return rc;
	ue->last_sht = sht;
	if (guard) {
		ue->retx = 0;
		anch_guard_start(a, ue);
	} else {
		anch_guard_stop(a, ue);
	}
	return 0;
}

/* One expiry: retransmit (TS 24.501 5.4.1.3.7 c, 5.4.2.7 b, 5.4.3.6 b,
 * 5.5.1.2.8 c: "on the first expiry ... retransmit"; a protected message is
 * protected again with the next DL COUNT) or, after the last one, abort. */
static void
guard_expire(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (ue->state == AGW_ANCHORS_ST_RELEASING) { /* the reject had its time */
		anch_ue_free(a, ue, out);
		return;
	}
	if (ue->retx < a->conf.guard_max_retx) {
		uint8_t retx = ue->retx;

		anch_guard_stop(a, ue);
		if (anch_dl_send(a, ue, ue->last_sht, 1, out) == 0) {
			ue->retx = (uint8_t)(retx + 1);
			anch_event(a, &ue->key, AGW_ANCHORS_EV_RETRANSMIT, 0, out);
			return;
		}
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_GUARD_ABORT, 0, out);
	anch_ue_free(a, ue, out);
}

int
agw_anchors_tick(struct agw_anchors *a, uint64_t now_ms, struct agw_anchors_out *out)
{
	if (a == NULL || out == NULL)
		return -EINVAL;
	if (now_ms > a->now)
		a->now = now_ms;
	while (a->timer_head != ANCH_NIL) {
		struct anch_ue *ue = &a->ue[a->timer_head];

		if (ue->deadline > a->now)
			break;
		if (out->n_dl >= AGW_ANCHORS_OUT_DL || out->n_delete >= AGW_ANCHORS_OUT_DELETE ||
		    out->n_ev + 2 > AGW_ANCHORS_OUT_EV) {
			out->more = 1;
			break;
		}
		guard_expire(a, ue, out);
	}
	return 0;
}

/*
 * After a reject whose placeholder the fast path protects: keep the entry
 * and its fast-path context one guard period (the frame leaves after the
 * group commit; deleting the context now would leave it unprotectable),
 * then free both (guard_expire()).
 */
void
anch_ue_linger(struct agw_anchors *a, struct anch_ue *ue)
{
	anch_guard_stop(a, ue);
	ue->state = AGW_ANCHORS_ST_RELEASING;
	anch_ssp_clear(&ue->ssp);
	anch_guard_start(a, ue);
}

int
agw_anchors_ue_kdh(const struct agw_anchors *a, const agw_anchors_ue_ref *ref, uint8_t kdh[32])
{
	const struct anch_ue *ue;

	if (a == NULL || ref == NULL || kdh == NULL)
		return -EINVAL;
	ue = anch_ue_find((struct agw_anchors *)(uintptr_t)a, ref);
	if (ue == NULL)
		return -ENOENT;
	if (!ue->ssp.kdh_set)
		return -ENODATA;
	memcpy(kdh, ue->ssp.kdh, sizeof(ue->ssp.kdh));
	return 0;
}

/*
 * A registration the failed transaction may have touched: waiting for the
 * Authentication response (its vector's SQN block), or, with AKMA, for
 * the Security mode complete after an identifier was allocated (its
 * record). The SMC of that step was held and dropped with the frames.
 */
static int
rollback_hits(const struct anch_ue *ue)
{
	return ue->used && (ue->state == AGW_ANCHORS_ST_WAIT_AUTH ||
			    (ue->state == AGW_ANCHORS_ST_WAIT_SMC && ue->akma_id));
}

void
agw_anchors_store_rollback(struct agw_anchors *a, struct agw_anchors_out *out)
{
	anch_udm_sqn_forget(a);
	for (uint32_t i = 0; i < a->conf.max_ues; i++) {
		struct anch_ue *ue = &a->ue[i];

		if (!rollback_hits(ue))
			continue;
		anch_ausf_akma_rollback(a, ue);
		anch_event(a, &ue->key, AGW_ANCHORS_EV_STORE_ERROR, 0, out);
		anch_ue_free(a, ue, out);
	}
}
