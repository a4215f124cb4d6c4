/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The anchors on the control lcore: punted N2 messages become
 * agw_anchors_ul_nas() calls, and their outputs go out: downlink NAS in
 * DownlinkNASTransport frames (gw_n2), security contexts into the fast
 * path's table, deletions. Timers run from the loop (gw_anchors_tick).
 *
 * A message the fast path verified (and deciphered in place) arrives with
 * its context and COUNT in the mbuf metadata; anything else (plain
 * registration messages, Security mode complete under the new context,
 * SCTP bundles) is handed over as received for the anchors to check.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>

#include "agw_ngap.h"
#include "agw_store.h"
#include "agw_util.h"
#include "gw.h"

static int
gw_anchors_open_store(struct gw *gw)
{
	char why[256] = "";
	struct agw_store_conf sc = {
		.path = gw->conf.store_path,
		.sync = gw->conf.store_sync ? AGW_STORE_SYNC_FULL : AGW_STORE_SYNC_NONE,
		.err = why,
		.err_len = sizeof(why),
	};

	gw->an.store = agw_store_open(&sc);
	if (gw->an.store == NULL) {
		fprintf(stderr, "anchorgw: store %s: %s\n", gw->conf.store_path,
			why[0] ? why : "cannot open");
		return -EIO;
	}
	return 0;
}

static void
gw_anchors_conf(const struct gw *gw, struct agw_anchors_conf *ac)
{
	const struct gw_conf *c = &gw->conf;

	memset(ac, 0, sizeof(*ac));
	ac->store = gw->an.store;
	ac->sidf_policy.allow_null_scheme = 1;
	memcpy(ac->mcc, c->mcc, sizeof(ac->mcc));
	memcpy(ac->mnc, c->mnc, sizeof(ac->mnc));
	memcpy(ac->nia_pref, c->nia_pref, c->nb_nia);
	ac->n_nia = (uint8_t)c->nb_nia;
	memcpy(ac->nea_pref, c->nea_pref, c->nb_nea);
	ac->n_nea = (uint8_t)c->nb_nea;
	ac->guard_ms = c->anchors_guard_ms;
	ac->guard_max_retx = -1;
	ac->max_ues = c->anchors_max_ues;
	ac->amf_region = c->amf_region;
	ac->amf_set = c->amf_set;
	ac->amf_ptr = c->amf_pointer;
	ac->akma = gw->akma.ak; /* NULL: AKMA off */
}

int
gw_anchors_start(struct gw *gw)
{
	struct agw_anchors_conf ac;
	int rc;

	if (!gw->conf.anchors_enabled)
		return 0;
	rc = gw_n2_init(&gw->an.n2, 1024, gw->conf.anchors_max_ues, gw->pool, gw->inject_rings,
			gw->conf.nb_workers, gw->ctx);
	if (rc != 0)
		return rc;
	if ((rc = gw_anchors_open_store(gw)) != 0 || (rc = gw_akma_start(gw)) != 0)
		return rc;
	gw_anchors_conf(gw, &ac);
	gw->an.anchors = agw_anchors_create(&ac);
	if (gw->an.anchors == NULL) {
		fprintf(stderr, "anchorgw: anchors: %s\n", strerror(errno));
		return -errno;
	}
	agw_anchors_out_reset(&gw->an.out);
	return 0;
}

static void linger_expire(struct gw *gw, uint64_t now_ms, int all);

void
gw_anchors_stop(struct gw *gw)
{
	if (gw->an.anchors != NULL)
		linger_expire(gw, 0, 1);
	agw_anchors_free(gw->an.anchors);
	gw->an.anchors = NULL;
	agw_anchors_out_reset(&gw->an.out);
	gw_akma_stop(gw); /* the anchors referred to it; the store outlives it */
	agw_store_close(gw->an.store);
	gw->an.store = NULL;
	gw_n2_fini(&gw->an.n2);
}

/* The UE connection ended for the anchors: its N2 binding goes too. */
static int
ev_ends_ue(uint16_t ev)
{
	return ev == AGW_ANCHORS_EV_REG_REJECT || ev == AGW_ANCHORS_EV_AUTH_REJECT ||
	       ev == AGW_ANCHORS_EV_GUARD_ABORT || ev == AGW_ANCHORS_EV_DEREG;
}

static uint64_t
gw_now_ms(void)
{
	return rte_get_timer_cycles() / (rte_get_timer_hz() / 1000);
}

/* Whether this output sends @p k a downlink the worker still has to
 * protect with the UE's fast-path context (a placeholder, fastpath = 1). */
static int
dl_needs_ctx(const struct agw_anchors_out *o, const struct agw_ctx_ue_key *k)
{
	for (unsigned int i = 0; i < o->n_dl; i++)
		if (o->dl[i].fastpath && memcmp(&o->dl[i].ue, k, sizeof(*k)) == 0)
			return 1;
	return 0;
}

static void
linger_run(struct gw *gw, const struct gw_linger *l)
{
	if (l->del)
		(void)agw_ctx_delete(gw->ctx, &l->key, NULL);
	if (l->forget)
		gw_n2_ue_forget(&gw->an.n2, &l->key);
}

/* Delete and/or unbind @p k now, or GW_LINGER_MS from now when this
 * output's downlink to the UE (a Deregistration accept, a reject after the
 * SMC) still needs its context in the fast path: the frame is only handed
 * to the worker when the group commit ends, after this call. */
static void
linger_or_run(struct gw *gw, const struct agw_ctx_ue_key *k, int del, int forget)
{
	struct gw_anchors_state *an = &gw->an;
	struct gw_linger l = {.key = *k, .del = (uint8_t)del, .forget = (uint8_t)forget};

	if (!dl_needs_ctx(&an->out, k)) {
		linger_run(gw, &l);
		return;
	}
	if (an->linger_n == GW_LINGER_MAX) {
		an->linger_full++;
		linger_run(gw, &l);
		return;
	}
	l.due_ms = gw_now_ms() + GW_LINGER_MS;
	an->linger[(an->linger_head + an->linger_n++) % GW_LINGER_MAX] = l;
	an->lingered++;
}

/* Run the held-back entries that are due (all of them with @p all). */
static void
linger_expire(struct gw *gw, uint64_t now_ms, int all)
{
	struct gw_anchors_state *an = &gw->an;

	while (an->linger_n != 0 && (all || an->linger[an->linger_head].due_ms <= now_ms)) {
		linger_run(gw, &an->linger[an->linger_head]);
		an->linger_head = (an->linger_head + 1) % GW_LINGER_MAX;
		an->linger_n--;
	}
}

/* Apply one call's outputs, in order: contexts first (a Registration
 * accept must not reach the UE before the fast path can verify its
 * Registration complete), then downlink NAS, deletions, bindings. */
static void
gw_anchors_apply(struct gw *gw)
{
	struct agw_anchors_out *o = &gw->an.out;
	unsigned int i;

	for (i = 0; i < o->n_install; i++)
		if (agw_ctx_install(gw->ctx, gw->ctl_eng, &o->install[i], NULL) != 0)
			gw->an.ctx_install_failed++;
	for (i = 0; i < o->n_dl; i++)
		(void)gw_n2_send_nas(&gw->an.n2, &o->dl[i].ue, o->dl[i].nas, o->dl[i].len,
				     o->dl[i].fastpath);
	for (i = 0; i < o->n_delete; i++)
		linger_or_run(gw, &o->del[i], 1, 0);
	for (i = 0; i < o->n_ev; i++)
		if (ev_ends_ue(o->ev[i].ev))
			linger_or_run(gw, &o->ev[i].ue, 0, 1);
	agw_anchors_out_reset(o);
}

/* One UE-associated NGAP message carrying NAS; @p pm is set only when
 * the fast path verified this very message. */
static void
gw_anchors_ngap(struct gw *gw, uint32_t assoc_id, const uint8_t *ngap, size_t len,
		const struct agw_pkt_meta *pm)
{
	struct agw_ctx_ue_key key = {.assoc_id = assoc_id};
	struct agw_ngap_ue_nas u;

	if (agw_ngap_ue_nas_decode(ngap, len, &u) != 0) {
		gw->an.ngap_malformed++;
		return;
	}
	if (u.type != AGW_AP_INITIATING || (u.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE &&
					    u.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT)) {
		gw->an.ngap_other++; /* NG Setup, context release, ...: see the issue note */
		return;
	}
	if (u.nas.p == NULL || !u.has_ran_ue_id ||
	    (u.proc == AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT && !u.has_amf_ue_id)) {
		gw->an.ngap_malformed++;
		return;
	}
	key.amf_ue_ngap_id = u.proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE ? 0 : u.amf_ue_ngap_id;
	if (gw_n2_ue_bind(&gw->an.n2, &key, u.ran_ue_ngap_id) != 0)
		return;
	gw->an.ul_nas++;
	(void)agw_anchors_ul_nas(gw->an.anchors, &key, u.nas.p, u.nas.len,
				 pm != NULL && pm->ctx != NULL, pm != NULL ? pm->count : 0,
				 &gw->an.out);
	gw_anchors_apply(gw);
}

void
gw_anchors_handle(struct gw *gw, struct rte_mbuf *m)
{
	const struct agw_pkt_meta *pm = agw_pkt_meta(m);
	const uint8_t *base = rte_pktmbuf_mtod(m, const uint8_t *);
	struct agw_net_frame f;
	unsigned int i;

	/* Checksums were verified on the way in (or the NIC did it); a frame
	 * deciphered in place had its CRC recomputed. */
	if (agw_net_parse_frame(base, rte_pktmbuf_data_len(m),
				AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM, &f) != 0 ||
	    f.l4 != AGW_IPPROTO_SCTP) {
		gw->an.ngap_malformed++;
		return;
	}
	if (gw_n2_assoc_learn(&gw->an.n2, pm->assoc_id, &f) < 0)
		return;
	for (i = 0; i < f.n_msgs; i++) {
		if (f.msgs[i].ppid != AGW_SCTP_PPID_NGAP)
			continue;
		/* the fast path's verdict concerns the single message it parsed */
		gw_anchors_ngap(gw, pm->assoc_id, f.msgs[i].payload, f.msgs[i].len,
				f.n_msgs == 1 ? pm : NULL);
	}
}

void
gw_anchors_tick(struct gw *gw)
{
	uint64_t now_ms;
	uint8_t more;

	if (gw->an.anchors == NULL)
		return;
	now_ms = gw_now_ms();
	linger_expire(gw, now_ms, 0);
	do {
		(void)agw_anchors_tick(gw->an.anchors, now_ms, &gw->an.out);
		more = gw->an.out.more;
		gw_anchors_apply(gw);
	} while (more);
}

/*
 * Group commit (lib/store: "the control loop group-commits"): the store
 * writes of one loop iteration (SQN block reservations, resynchronisations)
 * go in one transaction, and the downlink frames of that iteration are held
 * until it commits: an authentication vector never leaves before its SQN is
 * on disk, and the disk syncs once per iteration, not once per UE.
 */
void
gw_anchors_batch_begin(struct gw *gw)
{
	if (gw->an.anchors == NULL)
		return;
	if (agw_store_txn_begin(gw->an.store) != 0) {
		gw->an.txn_failed++; /* each write then commits on its own */
		return;
	}
	gw_n2_hold(&gw->an.n2);
}

void
gw_anchors_batch_end(struct gw *gw)
{
	int ok;

	if (gw->an.anchors == NULL || !agw_store_txn_active(gw->an.store))
		return;
	ok = agw_store_txn_commit(gw->an.store) == 0;
	gw->an.commits++;
	gw_n2_release(&gw->an.n2, ok);
	if (!ok) {
		gw->an.txn_failed++;
		agw_anchors_store_rollback(gw->an.anchors, &gw->an.out);
		gw_anchors_apply(gw);
	}
}
