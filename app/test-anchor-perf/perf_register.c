/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * "register": the control lcore's cost of a full 5G-AKA registration, in
 * one process and one thread:
 *
 *   Registration request (SUCI, null scheme) -> Authentication request ->
 *   Authentication response -> Security mode command -> Security mode
 *   complete -> Registration accept + fast-path context install ->
 *   Registration complete.
 *
 * The UEs and the gNB are anchor-gen's simulator (agw_regsim: reg_ue.h,
 * reg_gnb.h): each UE computes its side on its own and checks every
 * downlink message; the gNB frames the NAS in InitialUEMessage /
 * UplinkNASTransport over SCTP/IPv4/Ethernet. The network side does what
 * app/anchorgw's control lcore does per punted frame (gw_anchors.c,
 * gw_n2.c): agw_net_parse_frame + agw_ngap_ue_nas_decode, the N2 binding
 * (rte_hash, AMF-UE-NGAP-ID allocation), agw_anchors_ul_nas, agw_ctx_install
 * of every install, and one DownlinkNASTransport frame (agw_ngap_encode +
 * agw_net_build_sctp) per downlink NAS. Only that is timed (TSC), per
 * message; the simulator runs between the timed parts.
 *
 * "With the fast path carrying the NAS": the Registration complete arrives
 * under the installed context, so in anchorgw a worker verifies (and
 * deciphers) it and the anchors get it as verified; here that worker step
 * runs untimed on the installed context (agw_ctx lookup, NIA verify, NEA in
 * place) and the anchors get integrity_ok 1 with its COUNT. The Security
 * mode complete is verified by the anchors themselves (timed), as in
 * anchorgw (the fast path has no context before it).
 *
 * Group commit (gw_control.c, gw_anchors_batch_begin/_end): up to --batch
 * uplink messages (default 256, anchorgw's CTL_BURST) go through the network
 * side inside one store transaction; the downlink frames they produce are
 * held and reach the gNB only after agw_store_txn_commit() returned 0, so no
 * UE sees an Authentication request whose SQN block is not on disk. A
 * transaction ends early when no uplink message is waiting (as a short
 * burst off the punt ring does): a UE has one message per transaction, so
 * the window bounds it (up to twice the window, counting the UEs started
 * in place of those that finished in it). begin + commit are timed as the "commit"
 * stage, shared out evenly over the messages of the transaction (and their
 * registrations); with sync=full that includes the fsync wait. A failed
 * commit is handled as anchorgw does (held frames dropped,
 * agw_anchors_store_rollback()) and fails the row.
 *
 * Subscribers: a fresh LMDB store under /tmp per row, provisioned with the
 * simulator's deterministic K/OPc; every UE registers once, so each
 * registration reserves a new SQN block (one store write, made durable by
 * the commit of its transaction).
 */

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>

#include "agw_anchors.h"
#include "agw_ctx.h"
#include "agw_nas5g.h"
#include "agw_nas_sec.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_store.h"
#include "agw_util.h"
#include "perf.h"
#include "reg_gnb.h"
#include "reg_ue.h"

#define RB_MCC "001"
#define RB_MNC "01"
#define RB_SEED 1	/* anchor-gen's default --seed */
#define RB_ASSOC 1	/* the gNB association's gateway-local id */
#define RB_RAN_BASE 1	/* RAN-UE-NGAP-ID of UE 0 */
#define RB_DL_MAX 1024	/* DL frame buffer (gw_n2.c DL_FRAME_MAX) */
#define RB_GOAL 50000.0 /* registrations/s on one control lcore */
#define RB_AMF_ID_MASK ((UINT64_C(1) << 40) - 1)
#define RB_EST_BASE_MB 128   /* EAL memory estimate: base ... */
#define RB_EST_UE_BYTES 1200 /* ... + context slot, its hashes, N2 entry */

/* Uplink messages of a registration. */
enum rb_msg { RB_REG_REQ, RB_AUTH_RESP, RB_SMC_COMPLETE, RB_REG_COMPLETE, RB_MSGS };

/* Timed stages of one uplink message; the first RB_UL_STAGES in gw_ul(). */
enum rb_stage { RB_ST_DECODE, RB_ST_ANCHORS, RB_ST_INSTALL, RB_ST_DL, RB_ST_COMMIT, RB_STAGES };
#define RB_UL_STAGES RB_ST_COMMIT

static const char *const msg_name[RB_MSGS] = {
	[RB_REG_REQ] = "Registration request",
	[RB_AUTH_RESP] = "Authentication response",
	[RB_SMC_COMPLETE] = "Security mode complete",
	[RB_REG_COMPLETE] = "Registration complete",
};

struct rb_dl_frame {
	uint16_t len;
	uint8_t b[RB_DL_MAX];
};

/* The control lcore: anchors, context table, N2 state (gw_n2.c). */
struct rb_gw {
	struct agw_anchors *a;
	struct agw_anchors_out out;
	struct agw_ctx_table *ctx;
	struct agw_nas_sec_engine *eng; /* control lcore's engine (key expansion) */
	struct rte_hash *ue_h;		/* N2 UE table: N2 key -> position */
	uint32_t *ran_of;		/* per position: RAN-UE-NGAP-ID */
	uint32_t n_pos;			/* entries of ran_of */
	uint64_t next_amf_id;
	struct agw_net_hdrs to_gnb; /* the association, learnt from its first frame */
	uint8_t assoc_known;
	uint32_t next_tsn;
	uint16_t ssn;
};

struct rb_slot {
	struct agw_regue ue;
	uint64_t cyc; /* network-side TSC cycles of this registration so far */
};

/* One row's results. */
struct rb_result {
	unsigned int sync;
	double hz;
	uint64_t net_cyc;		  /* sum of the network side */
	uint64_t cyc[RB_MSGS][RB_STAGES]; /* per message and stage */
	double wall_s, prov_s;
	double p50, p99, p999;		    /* microseconds per registration */
	uint64_t store[AGW_STORE_STAT_MAX]; /* store counters of the run */
	uint32_t pairs[4][4];		    /* registrations per NIA / NEA */
	uint64_t commits, batched;	    /* transactions, uplink messages in them */
};

/* An uplink message of the open transaction: who pays its commit share. */
struct rb_member {
	uint64_t *cyc; /* its registration's cycles (slot, or lat once finished) */
	enum rb_msg m;
};

struct rb_run {
	const struct perf_register_opts *o;
	struct rb_result *res;
	char dir[64];
	struct agw_store *s;
	struct agw_regue_conf uc;
	struct agw_nas_sec_engine *ue_eng, *wk_eng;
	struct agw_reggnb gnb;
	struct rb_gw gw;
	struct rb_slot *slot; /* window */
	uint32_t *free_slot, nb_free;
	int32_t *slot_of;      /* UE -> slot, -1 */
	struct rb_dl_frame *q; /* DL frames towards the gNB, FIFO */
	uint32_t q_mask, q_head, q_tail;
	uint64_t *lat; /* per registration: network-side cycles */
	uint32_t next, active, done;
	uint32_t q_rel;	      /* q[q_rel .. q_tail): held until the commit */
	struct rb_member *bm; /* the open transaction's messages */
	uint32_t bn;
	uint64_t begin_cyc; /* agw_store_txn_begin() of the open transaction */
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint32_t
pow2_at_least(uint32_t n)
{
	uint32_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* ---- the network side: what the control lcore does ------------------- */

/* Answer the gNB from where it sent (gw_n2.c assoc_fill()). */
static void
gw_assoc_learn(struct rb_gw *g, const struct agw_net_frame *f)
{
	struct agw_net_hdrs *h = &g->to_gnb;

	memset(h, 0, sizeof(*h));
	memcpy(h->dst_mac, f->eth.src, AGW_ETH_ALEN);
	memcpy(h->src_mac, f->eth.dst, AGW_ETH_ALEN);
	h->ip_version = 4;
	memcpy(h->dst_ip, f->ip4.src, 4);
	memcpy(h->src_ip, f->ip4.dst, 4);
	h->sport = f->sctp.dport;
	h->dport = f->sctp.sport;
	h->vtag = f->sctp.vtag;
	g->next_tsn = 1;
	g->assoc_known = 1;
}

/* A free AMF-UE-NGAP-ID (gw_n2.c n2_alloc_amf_id()). */
static uint64_t
gw_alloc_amf_id(struct rb_gw *g, struct agw_ctx_ue_key *k)
{
	for (;;) {
		k->amf_ue_ngap_id = g->next_amf_id;
		g->next_amf_id = (g->next_amf_id + 1) & RB_AMF_ID_MASK;
		if (g->next_amf_id == 0)
			g->next_amf_id = 1;
		if (rte_hash_lookup(g->ue_h, k) < 0)
			return k->amf_ue_ngap_id;
	}
}

/* gw_n2_ue_bind(): the N2 binding of the UE, allocated on its first message. */
static int
gw_bind(struct rb_gw *g, struct agw_ctx_ue_key *key, uint32_t ran_ue_ngap_id)
{
	int32_t pos;

	if (key->amf_ue_ngap_id == 0)
		key->amf_ue_ngap_id = gw_alloc_amf_id(g, key);
	pos = rte_hash_add_key(g->ue_h, key);
	if (pos < 0 || (uint32_t)pos >= g->n_pos)
		return -ENOSPC;
	g->ran_of[pos] = ran_ue_ngap_id;
	return 0;
}

/* Frame -> NGAP -> NAS and N2 key (gw_anchors_handle(), gw_anchors_ngap()). */
static int
gw_decode(struct rb_gw *g, const uint8_t *frame, size_t len, struct agw_ctx_ue_key *key,
	  struct agw_ngap_ue_nas *u)
{
	struct agw_net_frame f;

	if (agw_net_parse_frame(frame, len, AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM, &f) != 0 ||
	    f.l4 != AGW_IPPROTO_SCTP || f.n_msgs != 1 || f.msgs[0].ppid != AGW_SCTP_PPID_NGAP)
		return -EBADMSG;
	if (!g->assoc_known)
		gw_assoc_learn(g, &f);
	if (agw_ngap_ue_nas_decode(f.msgs[0].payload, f.msgs[0].len, u) != 0 ||
	    u->type != AGW_AP_INITIATING || u->nas.p == NULL || !u->has_ran_ue_id)
		return -EBADMSG;
	memset(key, 0, sizeof(*key));
	key->assoc_id = RB_ASSOC;
	if (u->proc == AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT && u->has_amf_ue_id)
		key->amf_ue_ngap_id = u->amf_ue_ngap_id;
	else if (u->proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE)
		return -EBADMSG;
	return gw_bind(g, key, u->ran_ue_ngap_id);
}

/* DownlinkNASTransport in one SCTP DATA chunk (gw_n2.c n2_build_dl()). */
static long
gw_build_dl(struct rb_gw *g, uint64_t amf_id, uint32_t ran_id, const uint8_t *nas, size_t len,
	    uint8_t *frame, size_t cap)
{
	uint8_t ngap[RB_DL_MAX];
	struct agw_ngap_msg m;
	struct agw_sctp_data d;
	long n;

	if (agw_ngap_msg_init(&m, AGW_NGAP_DOWNLINK_NAS_TRANSPORT) != 0)
		return -EINVAL;
	m.present =
		AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID | AGW_NGAP_HAS_NAS_PDU;
	m.amf_ue_id = amf_id;
	m.ran_ue_id = ran_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = len;
	n = agw_ngap_encode(&m, ngap, sizeof(ngap));
	if (n <= 0)
		return -EINVAL;
	memset(&d, 0, sizeof(d));
	d.flags = AGW_SCTP_DATA_COMPLETE;
	d.tsn = g->next_tsn;
	d.sid = AGW_REGGNB_STREAM;
	d.ssn = g->ssn;
	d.ppid = AGW_SCTP_PPID_NGAP;
	d.payload = ngap;
	d.payload_len = (size_t)n;
	n = agw_net_build_sctp(&g->to_gnb, &d, 1, frame, cap);
	if (n <= 0)
		return -EINVAL;
	g->next_tsn++;
	g->ssn++;
	return n;
}

/* gw_n2_send_nas(): N2 lookup, frame built into the next DL queue entry
 * (anchorgw: an mbuf onto the inject ring). */
static int
gw_send_nas(struct rb_run *r, const struct agw_anchors_dl *d)
{
	struct rb_gw *g = &r->gw;
	int32_t pos = rte_hash_lookup(g->ue_h, &d->ue);
	struct rb_dl_frame *q;
	long n;

	if (pos < 0 || (uint32_t)pos >= g->n_pos || r->q_tail - r->q_head > r->q_mask)
		return -ENOENT;
	q = &r->q[r->q_tail & r->q_mask];
	n = gw_build_dl(g, d->ue.amf_ue_ngap_id, g->ran_of[pos], d->nas, d->len, q->b,
			sizeof(q->b));
	if (n <= 0)
		return -EINVAL;
	q->len = (uint16_t)n;
	r->q_tail++;
	return 0;
}

static int
gw_install(struct rb_gw *g)
{
	for (unsigned int i = 0; i < g->out.n_install; i++)
		if (agw_ctx_install(g->ctx, g->eng, &g->out.install[i], NULL) != 0)
			return -ENOSPC;
	return 0;
}

static int
gw_send_all(struct rb_run *r)
{
	const struct agw_anchors_out *o = &r->gw.out;
	int rc = 0;

	for (unsigned int i = 0; i < o->n_dl && rc == 0; i++)
		rc = gw_send_nas(r, &o->dl[i]);
	return rc == 0 && o->n_delete != 0 ? -EPROTO : rc; /* no deletion expected */
}

/* One uplink frame through the control lcore, timed per stage. */
static int
gw_ul(struct rb_run *r, struct rb_slot *sl, const uint8_t *frame, size_t len, enum rb_msg m,
      uint32_t verified_count)
{
	struct rb_gw *g = &r->gw;
	struct agw_ngap_ue_nas u;
	struct agw_ctx_ue_key key;
	uint64_t t[RB_UL_STAGES + 1];
	int rc;

	t[0] = rte_rdtsc();
	rc = gw_decode(g, frame, len, &key, &u);
	t[1] = rte_rdtsc();
	if (rc == 0)
		rc = agw_anchors_ul_nas(g->a, &key, u.nas.p, u.nas.len, m == RB_REG_COMPLETE,
					verified_count, &g->out);
	t[2] = rte_rdtsc();
	if (rc == 0)
		rc = gw_install(g);
	t[3] = rte_rdtsc();
	if (rc == 0)
		rc = gw_send_all(r);
	agw_anchors_out_reset(&g->out);
	t[4] = rte_rdtsc();
	for (int s = 0; s < RB_UL_STAGES; s++)
		r->res->cyc[m][s] += t[s + 1] - t[s];
	sl->cyc += t[RB_UL_STAGES] - t[0];
	if (r->bn < r->o->batch)
		r->bm[r->bn++] = (struct rb_member){.cyc = &sl->cyc, .m = m};
	return rc;
}

/* ---- group commit (gw_anchors_batch_begin / gw_anchors_batch_end) ----- */

/* Commit cycles shared out evenly over the transaction's messages. */
static void
batch_charge(struct rb_run *r, uint64_t c)
{
	for (uint32_t i = 0; i < r->bn; i++) {
		uint64_t share = c * (i + 1) / r->bn - c * i / r->bn;

		*r->bm[i].cyc += share;
		r->res->cyc[r->bm[i].m][RB_ST_COMMIT] += share;
	}
}

/* A registration ended inside the transaction: its share goes to @p lat. */
static void
batch_retarget(struct rb_run *r, const uint64_t *cyc, uint64_t *lat)
{
	for (uint32_t i = r->bn; i-- > 0;)
		if (r->bm[i].cyc == cyc) {
			r->bm[i].cyc = lat;
			return;
		}
}

static int
batch_begin(struct rb_run *r)
{
	uint64_t t0 = rte_rdtsc();
	int rc = agw_store_txn_begin(r->s);

	r->begin_cyc = rte_rdtsc() - t0;
	r->bn = 0;
	if (rc != 0)
		fprintf(stderr, "register: store transaction: %s\n", strerror(-rc));
	return rc;
}

/* The commit failed: as anchorgw, the held frames are dropped and the
 * anchors forget what the transaction held; the row fails (no UE retries). */
static int
batch_rollback(struct rb_run *r, int rc)
{
	uint64_t st[2][AGW_ANCHORS_EV_MAX];
	uint32_t held = r->q_tail - r->q_rel;

	r->q_tail = r->q_rel;
	agw_anchors_stats(r->gw.a, st[0]);
	agw_anchors_out_reset(&r->gw.out);
	agw_anchors_store_rollback(r->gw.a, &r->gw.out);
	agw_anchors_out_reset(&r->gw.out);
	agw_anchors_stats(r->gw.a, st[1]);
	fprintf(stderr,
		"register: store commit failed (%s): %u held downlink frames dropped, %" PRIu64
		" registrations waiting for an Authentication response ended\n",
		strerror(-rc), held,
		st[1][AGW_ANCHORS_EV_STORE_ERROR] - st[0][AGW_ANCHORS_EV_STORE_ERROR]);
	return rc;
}

/* Commit; only then do the transaction's downlink frames leave. */
static int
batch_end(struct rb_run *r)
{
	uint64_t t0 = rte_rdtsc();
	int rc = agw_store_txn_commit(r->s);

	batch_charge(r, r->begin_cyc + rte_rdtsc() - t0);
	r->res->commits++;
	r->res->batched += r->bn;
	if (rc != 0)
		return batch_rollback(r, rc);
	r->q_rel = r->q_tail;
	return 0;
}

/* ---- the fast path's part (a worker lcore in anchorgw): untimed ------- */

/* agw_nas_sec + agw_nas_crypto + agw_verdict on the Registration complete:
 * context lookup, COUNT estimate, NIA verify, NEA in place. */
static int
worker_verify(struct rb_run *r, uint8_t *frame, size_t len, uint32_t *count)
{
	struct agw_ctx_table *t = r->gw.ctx;
	struct agw_ngap_ue_nas u;
	struct agw_ctx_ue_key key = {.assoc_id = RB_ASSOC};
	struct agw_net_frame f;
	struct agw_nas5g_sec sec;
	struct agw_ue_ctx *c = NULL;
	uint8_t mac[4], *msg;
	int rc = -EBADMSG;

	if (agw_net_parse_frame(frame, len, 0, &f) != 0 || f.n_msgs != 1 ||
	    agw_ngap_ue_nas_decode(f.msgs[0].payload, f.msgs[0].len, &u) != 0 || !u.has_amf_ue_id ||
	    agw_nas5g_sec_decode(u.nas.p, u.nas.len, &sec) != 0 || sec.sht == 0 || sec.sht > 2)
		return -EBADMSG;
	key.amf_ue_ngap_id = u.amf_ue_ngap_id;
	if (agw_ctx_lookup_ue_bulk(t, &key, 1, &c) != 1)
		return -ENOENT;
	*count = (c->ul_count & ~0xffu) | sec.sqn;
	*count += *count < c->ul_count ? 0x100 : 0;
	mac[0] = (uint8_t)(sec.mac >> 24);
	mac[1] = (uint8_t)(sec.mac >> 16);
	mac[2] = (uint8_t)(sec.mac >> 8);
	mac[3] = (uint8_t)sec.mac;
	msg = frame + (sec.msg - frame);
	if (agw_nia_verify(r->wk_eng, &c->nia_key, *count, c->bearer, 0, sec.mac_input,
			   (uint32_t)(8 * sec.mac_input_len), mac) == 0 &&
	    (!(c->flags & AGW_CTX_F_CIPHER) ||
	     agw_nea_apply(r->wk_eng, &c->nea_key, *count, c->bearer, 0, msg, msg,
			   (uint32_t)(8 * sec.msg_len)) == 0)) {
		c->ul_count = *count + 1;
		rc = 0;
	}
	agw_ctx_worker_quiescent(t, 0);
	return rc;
}

/* ---- the RAN side: UEs and gNB (agw_regsim), untimed ------------------ */

/* The message a UE just built, from the state it entered. */
static int
ul_kind(const struct agw_regue *ue)
{
	switch (ue->state) {
	case AGW_REGUE_ST_WAIT_SMC:
		return RB_AUTH_RESP;
	case AGW_REGUE_ST_WAIT_ACCEPT:
		return RB_SMC_COMPLETE;
	case AGW_REGUE_ST_REGISTERED:
		return RB_REG_COMPLETE;
	default:
		return -1;
	}
}

static int
ue_failed(const struct agw_regue *ue, const char *what)
{
	fprintf(stderr, "register: UE %u: %s (state %u, reason %s, cause %u)\n", ue->index, what,
		ue->state, agw_regue_reason_name(ue->reason), ue->cause);
	return -EPROTO;
}

/* The gNB frames the UE's NAS; the network side handles the frame. */
static int
ran_send(struct rb_run *r, struct rb_slot *sl, const uint8_t *nas, size_t len, enum rb_msg m)
{
	uint8_t frame[AGW_REGGNB_FRAME_MAX];
	long n = agw_reggnb_ul(&r->gnb, RB_RAN_BASE + sl->ue.index, nas, len, frame, sizeof(frame));
	uint32_t count = 0;
	int rc;

	if (n <= 0)
		return ue_failed(&sl->ue, "gNB cannot frame the uplink NAS");
	if (m == RB_REG_COMPLETE && worker_verify(r, frame, (size_t)n, &count) != 0)
		return ue_failed(&sl->ue, "fast path: Registration complete does not verify");
	rc = gw_ul(r, sl, frame, (size_t)n, m, count);
	return rc == 0 ? 0 : ue_failed(&sl->ue, "network side failed on its uplink message");
}

/* Registered on both ends: account, free the slot. */
static int
ue_finish(struct rb_run *r, struct rb_slot *sl)
{
	struct agw_regue *ue = &sl->ue;
	agw_anchors_ue_ref ref = {.assoc_id = RB_ASSOC};

	ref.amf_ue_ngap_id = r->gnb.ues[ue->index].amf_id;
	if (agw_anchors_ue_state(r->gw.a, &ref) != AGW_ANCHORS_ST_REGISTERED ||
	    !agw_regue_as_expected(ue, AGW_REGUE_UNKNOWN_CAUSE) || ue->dl_mac_ok != 2)
		return ue_failed(ue, "not registered on both ends");
	batch_retarget(r, &sl->cyc, &r->lat[r->done]);
	r->lat[r->done++] = sl->cyc;
	r->res->pairs[ue->nia & 3][ue->nea & 3]++;
	r->slot_of[ue->index] = -1;
	r->free_slot[r->nb_free++] = (uint32_t)(sl - r->slot);
	agw_regue_clear(ue);
	r->active--;
	return 0;
}

/* Next UE: Registration request in an InitialUEMessage. */
static int
ue_start(struct rb_run *r)
{
	uint8_t nas[AGW_REGUE_NAS_MAX];
	uint32_t s = r->free_slot[--r->nb_free], i = r->next++;
	struct rb_slot *sl = &r->slot[s];
	size_t len = 0;

	r->slot_of[i] = (int32_t)s;
	r->active++;
	sl->cyc = 0;
	if (agw_regue_init(&sl->ue, i, &r->uc) != 0 ||
	    agw_regue_start(&sl->ue, nas, sizeof(nas), &len) != 0 || len == 0)
		return ue_failed(&sl->ue, "cannot start");
	return ran_send(r, sl, nas, len, RB_REG_REQ);
}

/* The oldest released DL frame to its UE, and the UE's answer to the network. */
static int
ue_deliver(struct rb_run *r)
{
	const struct rb_dl_frame *q = &r->q[r->q_head & r->q_mask];
	uint8_t nas[AGW_REGUE_NAS_MAX];
	struct agw_reggnb_dl dl[2];
	struct rb_slot *sl;
	size_t len = 0;
	uint32_t i;
	int m;

	if (agw_reggnb_dl(&r->gnb, q->b, q->len, dl, 2) != 1)
		return -EBADMSG;
	i = dl[0].ran_id - RB_RAN_BASE; /* the gNB checked the range */
	if (r->slot_of[i] < 0)
		return -EPROTO;
	sl = &r->slot[r->slot_of[i]];
	if (agw_regue_on_dl(&sl->ue, dl[0].nas, dl[0].len, nas, sizeof(nas), &len) != 0)
		return ue_failed(&sl->ue, "rejects its downlink message");
	r->q_head++;
	m = ul_kind(&sl->ue);
	if (len == 0 || m < 0)
		return ue_failed(&sl->ue, "did not answer as a registering UE does");
	if (ran_send(r, sl, nas, len, (enum rb_msg)m) != 0)
		return -EPROTO;
	return m == RB_REG_COMPLETE ? ue_finish(r, sl) : 0;
}

static int
ue_can_start(const struct rb_run *r)
{
	return r->active < r->o->window && r->next < r->o->nb_ues;
}

/* One uplink message, if one is waiting: UEs start while the window has
 * room, else the answer to the oldest released DL frame. */
static int
rb_next_msg(struct rb_run *r, int *none)
{
	*none = 0;
	if (ue_can_start(r))
		return ue_start(r);
	if (r->q_head != r->q_rel)
		return ue_deliver(r);
	*none = 1;
	return 0;
}

/* One transaction: up to --batch uplink messages, fewer if none waits. */
static int
rb_batch(struct rb_run *r)
{
	int none = 0, rc = batch_begin(r);

	if (rc != 0)
		return rc;
	for (uint32_t k = 0; rc == 0 && !none && k < r->o->batch; k++)
		rc = rb_next_msg(r, &none);
	if (rc != 0) {
		agw_store_txn_abort(r->s);
		return rc;
	}
	return batch_end(r);
}

/* DL frames are delivered in order, so the dialogues of the window's UEs
 * interleave as on the wire; a transaction's frames after its commit. */
static int
rb_loop(struct rb_run *r)
{
	int rc = 0;

	while (rc == 0 && r->done < r->o->nb_ues) {
		if (!ue_can_start(r) && r->q_head == r->q_rel) {
			fprintf(stderr, "register: stalled: %u UEs registering, no downlink\n",
				r->active);
			return -EPROTO;
		}
		rc = rb_batch(r);
	}
	return rc;
}

/* ---- set-up ------------------------------------------------------------ */

static void
tmpdir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				(void)unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	(void)rmdir(dir);
}

/* A fresh store with every UE's subscriber (K/OPc of the simulator). */
static int
store_setup(struct rb_run *r, unsigned int sync)
{
	char why[256] = "";
	struct agw_store_conf sc = {
		.map_size = (64ULL << 20) + (uint64_t)r->o->nb_ues * 2048,
		.sync = sync == PERF_SYNC_FULL ? AGW_STORE_SYNC_FULL : AGW_STORE_SYNC_NONE,
		.create = 1,
		.err = why,
		.err_len = sizeof(why),
	};
	struct agw_store_sub sub;
	int rc = 0;

	snprintf(r->dir, sizeof(r->dir), "/tmp/agw-regbench-XXXXXX");
	if (mkdtemp(r->dir) == NULL) {
		r->dir[0] = '\0';
		return -errno;
	}
	sc.path = r->dir;
	r->s = agw_store_open(&sc);
	if (r->s == NULL) {
		fprintf(stderr, "register: store %s: %s\n", r->dir, why[0] ? why : "cannot open");
		return -EIO;
	}
	agw_store_sub_init(&sub);
	rc = agw_store_txn_begin(r->s);
	for (uint32_t i = 0; i < r->o->nb_ues && rc == 0; i++) {
		rc = agw_regue_subscriber(&r->uc, i, sub.supi, sizeof(sub.supi), sub.k, sub.opc);
		if (rc == 0)
			rc = agw_store_sub_add(r->s, &sub);
	}
	agw_store_sub_clear(&sub);
	if (rc == 0)
		return agw_store_txn_commit(r->s);
	agw_store_txn_abort(r->s);
	return rc;
}

static int
gw_setup(struct rb_run *r, unsigned int row)
{
	struct rb_gw *g = &r->gw;
	char name[RTE_HASH_NAMESIZE], cname[32];
	struct agw_anchors_conf ac = {
		.store = r->s,
		.sidf_policy = {.allow_null_scheme = 1},
		.mcc = RB_MCC,
		.mnc = RB_MNC,
		.guard_max_retx = -1,
		.sqn_block = r->o->sqn_block,
		.max_ues = r->o->nb_ues,
		.amf_region = 1,
		.amf_set = 2,
		.amf_ptr = 3,
	};
	struct agw_ctx_table_conf cc = {
		.name = cname,
		.capacity = r->o->nb_ues,
		.max_workers = 1,
		.socket_id = SOCKET_ID_ANY,
	};
	struct rte_hash_parameters hp = {
		.name = name,
		.entries = r->o->nb_ues + 1024,
		.key_len = sizeof(struct agw_ctx_ue_key),
		.hash_func = rte_hash_crc,
		.socket_id = SOCKET_ID_ANY,
	};

	snprintf(name, sizeof(name), "rb_n2_%u", row);
	snprintf(cname, sizeof(cname), "rbctx%u", row);
	g->next_amf_id = 1;
	g->a = agw_anchors_create(&ac);
	g->eng = agw_nas_sec_engine_create();
	g->ctx = agw_ctx_table_create(&cc);
	g->ue_h = rte_hash_create(&hp);
	g->n_pos = hp.entries;
	g->ran_of = calloc(g->n_pos, sizeof(*g->ran_of));
	if (g->a == NULL || g->eng == NULL || g->ctx == NULL || g->ue_h == NULL ||
	    g->ran_of == NULL || agw_ctx_worker_register(g->ctx, 0) != 0)
		return -ENOMEM;
	agw_anchors_out_reset(&g->out);
	/* The clock stands still: no guard timer expires during the run. */
	return agw_anchors_tick(g->a, 1000, &g->out);
}

static int
sim_setup(struct rb_run *r)
{
	const struct perf_register_opts *o = r->o;
	struct agw_reggnb_conf nc;

	r->ue_eng = agw_nas_sec_engine_create();
	r->wk_eng = agw_nas_sec_engine_create();
	r->slot = calloc(o->window, sizeof(*r->slot));
	r->free_slot = calloc(o->window, sizeof(*r->free_slot));
	r->slot_of = malloc((size_t)o->nb_ues * sizeof(*r->slot_of));
	r->lat = calloc(o->nb_ues, sizeof(*r->lat));
	r->q_mask = pow2_at_least(2 * o->window + 16) - 1;
	r->q = malloc(((size_t)r->q_mask + 1) * sizeof(*r->q));
	r->bm = calloc(o->batch, sizeof(*r->bm));
	if (r->ue_eng == NULL || r->wk_eng == NULL || r->slot == NULL || r->free_slot == NULL ||
	    r->slot_of == NULL || r->lat == NULL || r->q == NULL || r->bm == NULL)
		return -ENOMEM;
	memset(r->slot_of, 0xff, (size_t)o->nb_ues * sizeof(*r->slot_of));
	for (uint32_t s = 0; s < o->window; s++)
		r->free_slot[r->nb_free++] = o->window - 1 - s;
	agw_reggnb_conf_default(&nc);
	if (agw_regue_conf_init(&r->uc, r->ue_eng, RB_SEED, RB_MCC, RB_MNC, o->nia_mask,
				o->nea_mask, o->mix) != 0)
		return -EINVAL;
	return agw_reggnb_init(&r->gnb, &nc, RB_RAN_BASE, o->nb_ues);
}

static void
run_free(struct rb_run *r)
{
	for (uint32_t s = 0; r->slot != NULL && s < r->o->window; s++)
		agw_regue_clear(&r->slot[s].ue);
	agw_anchors_out_reset(&r->gw.out);
	agw_anchors_free(r->gw.a);
	agw_ctx_table_free(r->gw.ctx);
	rte_hash_free(r->gw.ue_h);
	free(r->gw.ran_of);
	agw_nas_sec_engine_free(r->gw.eng);
	agw_store_close(r->s);
	if (r->dir[0] != '\0')
		tmpdir_remove(r->dir);
	agw_reggnb_free(&r->gnb);
	agw_nas_sec_engine_free(r->ue_eng);
	agw_nas_sec_engine_free(r->wk_eng);
	free(r->slot);
	free(r->free_slot);
	free(r->slot_of);
	free(r->lat);
	free(r->q);
	free(r->bm);
}

/* ---- checks and results ------------------------------------------------ */

/* Every UE registered, with nothing dropped or refused on either end. */
static int
rb_check(struct rb_run *r)
{
	const uint64_t n = r->o->nb_ues;
	const struct agw_reggnb_stats *g = &r->gnb.st;
	uint64_t st[AGW_ANCHORS_EV_MAX];
	struct agw_ctx_stats cs;

	agw_anchors_stats(r->gw.a, st);
	agw_ctx_stats_get(r->gw.ctx, &cs);
	if (r->done != n || st[AGW_ANCHORS_EV_REG_COMPLETE] != n ||
	    st[AGW_ANCHORS_EV_AUTH_SUCCESS] != n || st[AGW_ANCHORS_EV_CTX_INSTALL] != n ||
	    st[AGW_ANCHORS_EV_UL_DROPPED] != 0 || st[AGW_ANCHORS_EV_UL_INTEGRITY_FAILURE] != 0 ||
	    st[AGW_ANCHORS_EV_STORE_ERROR] != 0 || st[AGW_ANCHORS_EV_RETRANSMIT] != 0 ||
	    cs.installs != n || cs.in_use != n) {
		fprintf(stderr,
			"register: %" PRIu64 " UEs, %u done, %" PRIu64 " registration "
			"complete, %" PRIu64 " contexts installed, %" PRIu64 " UL dropped\n",
			n, r->done, st[AGW_ANCHORS_EV_REG_COMPLETE], cs.installs,
			st[AGW_ANCHORS_EV_UL_DROPPED]);
		return -EPROTO;
	}
	if (g->dl_msgs != 3 * n || g->dl_bad_frame || g->dl_bad_sctp || g->dl_bad_ngap ||
	    g->dl_other_proc || g->dl_unknown_ue || g->dl_amf_id_changed || g->dl_tsn_gap ||
	    g->dl_ssn_gap || g->ul_frames != 4 * n) {
		fprintf(stderr,
			"register: gNB framing anomalies (%" PRIu64 " DL messages for %" PRIu64
			" UEs)\n",
			g->dl_msgs, n);
		return -EPROTO;
	}
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of the sorted cycles, in microseconds. */
static double
pct_us(const uint64_t *v, uint32_t n, double q, double hz)
{
	size_t k = (size_t)(q * n + 0.999999);

	k = k == 0 ? 0 : k - 1;
	return (double)v[k < n ? k : n - 1] * 1e6 / hz;
}

static void
rb_results(struct rb_run *r)
{
	struct rb_result *res = r->res;
	uint32_t n = r->o->nb_ues;

	res->net_cyc = 0;
	for (int m = 0; m < RB_MSGS; m++)
		for (int s = 0; s < RB_STAGES; s++)
			res->net_cyc += res->cyc[m][s];
	qsort(r->lat, n, sizeof(*r->lat), cmp_u64);
	res->p50 = pct_us(r->lat, n, 0.50, res->hz);
	res->p99 = pct_us(r->lat, n, 0.99, res->hz);
	res->p999 = pct_us(r->lat, n, 0.999, res->hz);
	agw_store_stats(r->s, res->store);
}

static const char *
sync_name(unsigned int sync)
{
	return sync == PERF_SYNC_FULL ? "full" : "none";
}

/* One row: fresh store, anchors, context table and simulator; N UEs. */
static int
rb_row(const struct perf_register_opts *o, unsigned int row, unsigned int sync,
       struct rb_result *res)
{
	struct rb_run *r = calloc(1, sizeof(*r));
	uint64_t before[AGW_STORE_STAT_MAX];
	double t0;
	int rc;

	if (r == NULL)
		return -ENOMEM;
	r->o = o;
	r->res = res;
	res->sync = sync;
	res->hz = (double)rte_get_tsc_hz();
	rc = sim_setup(r);
	t0 = now_s();
	if (rc == 0)
		rc = store_setup(r, sync);
	res->prov_s = now_s() - t0;
	if (rc == 0)
		rc = gw_setup(r, row);
	if (rc != 0) {
		fprintf(stderr, "register: set-up (sync=%s): %s\n", sync_name(sync), strerror(-rc));
		run_free(r);
		free(r);
		return rc;
	}
	printf("# sync=%s: %u subscribers provisioned in %s in %.2f s; registering...\n",
	       sync_name(sync), o->nb_ues, r->dir, res->prov_s);
	fflush(stdout);
	agw_store_stats(r->s, before);
	t0 = now_s();
	rc = rb_loop(r);
	res->wall_s = now_s() - t0;
	if (rc == 0)
		rc = rb_check(r);
	if (rc == 0) {
		rb_results(r);
		for (int k = 0; k < AGW_STORE_STAT_MAX; k++)
			res->store[k] -= before[k];
	}
	run_free(r);
	free(r);
	return rc;
}

/* ---- output ------------------------------------------------------------ */

static void
print_machine(const struct perf_register_opts *o, const char *mem_desc)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256], model[128] = "?";
	struct utsname u;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		char *c = strchr(line, ':');

		if (strncmp(line, "model name", 10) == 0 && c != NULL) {
			snprintf(model, sizeof(model), "%s", c + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	if (uname(&u) != 0)
		snprintf(u.nodename, sizeof(u.nodename), "?");
	printf("# machine: %s, %s, %ld CPUs online; one lcore on CPU %d; TSC %.3f GHz\n",
	       u.nodename, model, sysconf(_SC_NPROCESSORS_ONLN), o->core,
	       (double)rte_get_tsc_hz() / 1e9);
	printf("# EAL memory: %s (context table, N2 table)\n", mem_desc);
}

static void
print_load(const char *when)
{
	FILE *f = fopen("/proc/loadavg", "r");
	char buf[128] = "?\n";

	if (f != NULL) {
		if (fgets(buf, sizeof(buf), f) == NULL)
			snprintf(buf, sizeof(buf), "?\n");
		fclose(f);
	}
	printf("# load average %s: %s", when, buf);
}

static void
print_batch(const struct perf_register_opts *o)
{
	if (o->batch == 1)
		printf("# group commit: --batch 1, one store transaction per uplink message "
		       "(anchorgw: up to CTL_BURST %u);\n",
		       PERF_REGISTER_BATCH);
	else
		printf("# group commit: --batch %u, up to %u uplink messages per store transaction "
		       "(anchorgw: CTL_BURST %u), fewer when none waits (one per UE: --window %u "
		       "bounds it);\n",
		       o->batch, o->batch, PERF_REGISTER_BATCH, o->window);
	printf("#   DL frames held until the commit (no Authentication request before its SQN "
	       "block is committed)\n");
}

static void
print_header(const struct perf_register_opts *o, const char *mem_desc)
{
	printf("# test-anchor-perf register: %u UEs, one 5G-AKA registration each (Registration "
	       "request with SUCI null scheme .. Registration complete), %u at a time "
	       "interleaved\n",
	       o->nb_ues, o->window);
	printf("# UEs advertise NIA mask 0x%02x, NEA mask 0x%02x%s; anchors: default preference "
	       "(NIA2,NIA1,NIA3 / NEA2,NEA1,NEA3,NEA0), SQN block %u%s\n",
	       o->nia_mask, o->nea_mask,
	       o->mix ? ", --mix (one NIA and one NEA per UE, rotating)" : "",
	       o->sqn_block ? o->sqn_block : 32, o->sqn_block ? "" : " (anchors' default)");
	print_machine(o, mem_desc);
	print_batch(o);
	printf("# timed = network side, the control lcore's work per uplink frame: frame + NGAP "
	       "decode + N2 bind (decode), agw_anchors_ul_nas with its store reads and SQN "
	       "write (anchors),\n#   agw_ctx_install (install), DownlinkNASTransport "
	       "frames: N2 lookup, NGAP encode, SCTP/IPv4/Ethernet + CRC32c (dl),\n"
	       "#   agw_store_txn_begin + agw_store_txn_commit, shared out over the "
	       "transaction's messages (commit; with sync=full it includes the fsync wait)\n");
	printf("# not timed: UE + gNB simulation, the worker's verify/decipher of the "
	       "Registration complete (fast path), mbuf alloc + inject ring, anchors timers "
	       "(the clock stands still)\n");
}

static void
print_rows(const struct perf_register_opts *o, const struct rb_result *res, unsigned int n)
{
	printf("\n%-5s %16s %12s %9s %9s %9s %9s | %16s\n", "sync", "registrations/s", "cycles/reg",
	       "us/reg", "p50_us", "p99_us", "p99.9_us", "e2e reg/s (*)");
	for (unsigned int i = 0; i < n; i++) {
		const struct rb_result *x = &res[i];
		double cyc = (double)x->net_cyc / o->nb_ues;

		printf("%-5s %16.0f %12.0f %9.2f %9.2f %9.2f %9.2f | %16.0f\n", sync_name(x->sync),
		       x->hz / cyc, cyc, cyc * 1e6 / x->hz, x->p50, x->p99, x->p999,
		       o->nb_ues / x->wall_s);
	}
	printf("# registrations/s = registrations / sum of network-side time (one control "
	       "lcore), store begin + commit included (sync=full: the fsync wait);\n"
	       "#   us/reg and p50/p99/p99.9: network-side time per registration, with its "
	       "messages' shares of their commits\n");
	printf("# (*) e2e: wall clock with the UE and gNB simulation in the same thread, for "
	       "context only (not the control lcore's rate)\n");
}

static void
print_split(const struct perf_register_opts *o, const struct rb_result *x)
{
	static const char *const alg[4] = {"0", "1", "2", "3"};

	printf("\n# sync=%s: cycles per registration, per uplink message and stage\n",
	       sync_name(x->sync));
	printf("%-24s %10s %8s %10s %8s %8s %10s %6s\n", "message", "total", "decode", "anchors",
	       "install", "dl", "commit", "share");
	for (int m = 0; m < RB_MSGS; m++) {
		uint64_t tot = 0;

		for (int s = 0; s < RB_STAGES; s++)
			tot += x->cyc[m][s];
		printf("%-24s %10.0f %8.0f %10.0f %8.0f %8.0f %10.0f %5.1f%%\n", msg_name[m],
		       (double)tot / o->nb_ues, (double)x->cyc[m][RB_ST_DECODE] / o->nb_ues,
		       (double)x->cyc[m][RB_ST_ANCHORS] / o->nb_ues,
		       (double)x->cyc[m][RB_ST_INSTALL] / o->nb_ues,
		       (double)x->cyc[m][RB_ST_DL] / o->nb_ues,
		       (double)x->cyc[m][RB_ST_COMMIT] / o->nb_ues, 100.0 * tot / x->net_cyc);
	}
	printf("# group commit (--batch %u): %" PRIu64 " transactions, %.1f messages per "
	       "commit, %.3f commits per registration; commit column: each transaction's "
	       "begin + commit shared evenly over its messages\n",
	       o->batch, x->commits, x->commits ? (double)x->batched / x->commits : 0.0,
	       (double)x->commits / o->nb_ues);
	printf("# store per registration: %.2f commits, %.2f SQN reservations, %.2f reads; "
	       "provisioning %.2f s; wall %.2f s\n",
	       (double)x->store[AGW_STORE_STAT_COMMITS] / o->nb_ues,
	       (double)x->store[AGW_STORE_STAT_SQN_RESERVES] / o->nb_ues,
	       (double)x->store[AGW_STORE_STAT_GETS] / o->nb_ues, x->prov_s, x->wall_s);
	printf("# registered per NIA/NEA:");
	for (int i = 1; i < 4; i++)
		for (int e = 0; e < 4; e++)
			if (x->pairs[i][e] != 0)
				printf(" NIA%s/NEA%s %u", alg[i], alg[e], x->pairs[i][e]);
	printf("\n");
}

/* Judged on the sync=full row with the default batch only. */
static void
print_goal(const struct perf_register_opts *o, const struct rb_result *res, unsigned int n)
{
	const struct rb_result *x = &res[0];
	const char *why = "", *verdict;
	double rate;

	for (unsigned int i = 0; i < n; i++)
		if (res[i].sync == PERF_SYNC_FULL)
			x = &res[i];
	rate = x->hz / ((double)x->net_cyc / o->nb_ues);
	verdict = rate >= RB_GOAL ? "MET" : "NOT MET";
	if (x->sync != PERF_SYNC_FULL)
		why = "; this run has no sync=full row";
	else if (o->batch != PERF_REGISTER_BATCH)
		why = "; this run's batch differs";
	if (why[0] != '\0')
		verdict = "NOT JUDGED";

	printf("\n# goal >= %.0f registrations/s on one control lcore, --batch %u: %s "
	       "(sync=%s: %.0f/s)\n",
	       RB_GOAL, o->batch, verdict, sync_name(x->sync), rate);
	printf("# judged on the sync=full row (fsync per commit, as anchorgw runs) with the "
	       "default batch %u (anchorgw's CTL_BURST)%s\n",
	       PERF_REGISTER_BATCH, why);
}

/* ---- EAL ----------------------------------------------------------------- */

/* Free 2 MB hugepages in MB (0 without hugetlbfs). */
static uint64_t
huge_free_mb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	uint64_t pages = 0, kb = 0;
	int mounted = 0;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "HugePages_Free: %" SCNu64, &pages);
		sscanf(line, "Hugepagesize: %" SCNu64, &kb);
	}
	if (f != NULL)
		fclose(f);
	f = fopen("/proc/mounts", "r");
	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		mounted |= strstr(line, " hugetlbfs ") != NULL;
	if (f != NULL)
		fclose(f);
	return mounted ? pages * kb / 1024 : 0;
}

static int
eal_start(const struct perf_register_opts *o, const char *prog, char *desc, size_t dlen)
{
	uint64_t need = RB_EST_BASE_MB + (uint64_t)o->nb_ues * RB_EST_UE_BYTES / (1u << 20);
	uint64_t have = huge_free_mb();
	char core[16], mem[32], prefix[48];
	char *argv[16];
	int argc = 0;

	snprintf(core, sizeof(core), "%d", o->core);
	snprintf(mem, sizeof(mem), "%" PRIu64, need);
	snprintf(prefix, sizeof(prefix), "agw-regbench-%d", (int)getpid());
	argv[argc++] = (char *)prog;
	argv[argc++] = (char *)"-l";
	argv[argc++] = core;
	argv[argc++] = (char *)"--no-pci";
	argv[argc++] = (char *)"--no-telemetry";
	argv[argc++] = (char *)"--log-level=lib.*:error";
	argv[argc++] = (char *)"--file-prefix";
	argv[argc++] = prefix;
	if (have >= need) {
		argv[argc++] = (char *)"--in-memory";
		snprintf(desc, dlen, "2 MB hugepages (%" PRIu64 " MB free, ~%" PRIu64 " MB needed)",
			 have, need);
	} else {
		argv[argc++] = (char *)"--no-huge";
		argv[argc++] = (char *)"--no-shconf";
		argv[argc++] = (char *)"-m";
		argv[argc++] = mem;
		snprintf(desc, dlen, "--no-huge -m %s (4 KiB pages)", mem);
	}
	argv[argc] = NULL;
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "register: EAL: %s\n", rte_strerror(rte_errno));
		return -EINVAL;
	}
	return 0;
}

int
perf_register_run(const struct perf_register_opts *o, const char *prog)
{
	struct rb_result res[2];
	char mem_desc[128];
	unsigned int n = 0, row = 0;
	int rc;

	if (o->nb_ues == 0 || o->window == 0 || o->batch == 0 ||
	    (o->syncs & (PERF_SYNC_FULL | PERF_SYNC_NONE)) == 0)
		return -EINVAL;
	rc = eal_start(o, prog, mem_desc, sizeof(mem_desc));
	if (rc != 0)
		return rc;
	memset(res, 0, sizeof(res));
	print_header(o, mem_desc);
	print_load("before");
	for (unsigned int sync = PERF_SYNC_FULL; sync <= PERF_SYNC_NONE && rc == 0; sync <<= 1)
		if (o->syncs & sync)
			rc = rb_row(o, row++, sync, &res[n++]);
	if (rc == 0) {
		print_load("after");
		print_rows(o, res, n);
		for (unsigned int i = 0; i < n; i++)
			print_split(o, &res[i]);
		print_goal(o, res, n);
	}
	rte_eal_cleanup();
	return rc;
}
