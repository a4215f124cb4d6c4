/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * "pipeline": the whole uplink fast path, as anchorgw runs it, on one
 * worker lcore; the shape of test/integration/test_rekey.c.
 *
 *   main lcore (generator)                      worker lcore
 *   frame array ──copy──► mbuf ──► ran_rx ring ─► agw_rx ► classify ► ngap
 *                                  (ring PMD)     ► nas_sec ► nas_crypto ► verdict
 *   free ◄── core_tx ring (ring PMD) ◄───────────── agw_tx
 *
 * Replay protection is real, so every frame carries a fresh COUNT for its
 * UE. The frames of one point are built up front (UE side: anchor-gen's
 * agw_uesim_ul_frame(), on both lcores) into a flat array in plain memory,
 * in rounds over the UEs: round r holds one frame of every UE with COUNT
 * start + r, the UEs in one fixed pseudo-random order. One context per UE
 * is installed with agw_ctx_install() (timed). The generator then copies
 * the frames into mbufs of a modest pool and enqueues bursts into the RAN
 * port's rx ring, draining and freeing what comes out on the core port,
 * until the array is consumed.
 *
 * Measured on the worker: packets, TSC cycles from the start of the first
 * graph walk that received packets to the end of the last one, the graph
 * walks that found nothing in between (empty polls) and their cycles. With
 * (almost) no empty polls and full bursts the worker was the bottleneck;
 * otherwise the generator was, and the row says so. Each point must end
 * with rx = verified = forwarded (and = deciphered with NEA), no drops.
 */

#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_graph.h>
#include <rte_graph_worker.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memcpy.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include <intel-ipsec-mb.h>

#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_pipeline.h"
#include "perf.h"
#include "uesim.h"

#define NB_GNB 4            /* simulated gNB associations */
#define GEN_BURST 32        /* generator enqueue burst */
#define RAN_RING 1024       /* RAN port rx ring: like a NIC's rx descriptors */
#define CORE_RING 4096      /* core port tx ring, drained by the generator */
#define POOL_CACHE 256
#define CDEV_NAME "crypto_aesni_mb0"
#define STALL_S 10          /* no progress for this long: give up */
#define HUGE_ALIGN (2u << 20)
#define IE_NAS_PDU 38

/* Estimates for the EAL memory size (-m / hugepages needed). */
#define EST_BASE_MB 256
#define EST_CTX_BYTES 900   /* slot + both hash tables, per context (709 measured) */
#define EST_SESS_BYTES 1700 /* a crypto_aesni_mb session (1600 measured) */
#define EST_MBUF_BYTES 2560

struct pl_meas {
	uint64_t first, last;   /**< TSC: end of the warm-up walk, end of the last one */
	uint64_t rx0;           /**< packets received when the window opened */
	uint64_t pkts;          /**< received by the worker in the window */
	uint64_t walks;         /**< walks that received packets */
	uint64_t empty;         /**< walks between first and last that did not */
	uint64_t empty_tsc;     /**< their cycles */
};

/* rte_graph's own per-node counters (RTE_LIBRTE_GRAPH_STATS, on in
 * Debian's DPDK): cycles spent inside each node's process function. */
#define PL_MAX_NODES 16
struct pl_node_cost {
	char name[RTE_NODE_NAMESIZE];
	uint64_t objs, cycles;
};
struct pl_nodes {
	unsigned int n;
	struct pl_node_cost c[PL_MAX_NODES];
};

struct pl_env {
	const struct perf_pipeline_opts *o;
	struct rte_graph_cluster_stats *gstats;
	struct pl_nodes nodes_last;     /**< filled by nodes_cb() */
	struct rte_mempool *pool;
	struct rte_ring *ran_rx, *ran_tx, *core_rx, *core_tx, *punt;
	uint16_t ran_port, core_port;
	struct agw_nas_sec_engine *eng; /**< control (main) lcore's engine */
	struct agw_cdev *cdev;
	int cdev_sess_bytes;
	struct agw_worker w;
	struct rte_graph *graph;
	unsigned int worker_lcore;
	double hz;
	unsigned int tables;            /**< tables created (unique names) */
	uint64_t rx_ol_flags;           /**< set on every generated mbuf (--nic-csum) */
	struct rte_mempool *pre_pool;   /**< --feed preload: one mbuf per frame */
	struct rte_mbuf **pre;          /**< the point's frames in their mbufs */
	struct rte_mbuf **done;         /**< preload: mbufs back from the core port */
	uint64_t n_done;
	/* point being run */
	struct agw_ctx_table *ctx;
	unsigned int ids;               /**< PERF_IDS_CORE or PERF_IDS_GW */
	uint32_t n2_bits;               /**< PERF_IDS_GW: ID = 1 << n2_bits | UE index */
	uint8_t nia, nea;
	uint32_t nb_ues;
	uint32_t *inv;                  /**< UE -> position in every round */
	uint32_t rounds;                /**< rounds in the frame array */
	uint32_t round_base;            /**< rounds already sent since install */
	uint32_t payload_len;           /**< UL NAS transport payload for the size */
	long nas_overhead;              /**< NAS-PDU octets besides the payload */
	/* frame array */
	uint8_t *frames;
	size_t frames_bytes;
	size_t stride;
	uint16_t *flen;
	size_t flen_cap;
	uint64_t nb_frames;
	/* run */
	volatile int quit;
	volatile int worker_done;
	uint64_t target;
	uint64_t fed;                   /**< frames the generator enqueued */
	uint64_t warm;                  /**< packets before the window opens */
	struct pl_meas wm;
};

struct pl_result {
	struct pl_meas m;
	uint64_t ring_full;     /**< generator enqueues that found the ring full */
	uint64_t pool_empty;    /**< generator allocations that failed */
	uint64_t seen;          /**< frames that came out on the core port */
	double gen_s;           /**< wall time of the generator */
	struct agw_worker_stats st;
	int ok;
	char why[160];
	double load1;
	double other_pct;       /**< CPU time of other processes, % of both CPUs */
	double spread_pct;      /**< (best - worst) / best Mpps over the repetitions */
	double c2c_ns;          /**< one-way cache line transfer main <-> worker CPU */
	struct pl_nodes nodes;  /**< per-node cycles and objects of the point */
};

static struct pl_env env;

static uint64_t
mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double
load1(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double l = -1;

	if (f != NULL) {
		if (fscanf(f, "%lf", &l) != 1)
			l = -1;
		fclose(f);
	}
	return l;
}

/* Busy clock ticks of the whole machine (all CPUs). */
static uint64_t
sys_busy_ticks(void)
{
	FILE *f = fopen("/proc/stat", "r");
	unsigned long long v[8] = { 0 };

	if (f == NULL)
		return 0;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5], &v[6], &v[7]) != 8)
		memset(v, 0, sizeof(v));
	fclose(f);
	return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]; /* user nice system irq softirq steal */
}

/* Clock ticks this process (all its threads) ran. */
static uint64_t
own_ticks(void)
{
	FILE *f = fopen("/proc/self/stat", "r");
	char buf[1024], *p;
	unsigned long long ut = 0, st = 0;

	if (f == NULL)
		return 0;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return 0;
	/* after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt
	 * majflt cmajflt utime stime */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return 0;
	return ut + st;
}

static const char *
nia_name(unsigned int a)
{
	static const char *const n[] = { "NIA0", "NIA1", "NIA2", "NIA3" };

	return a < 4 ? n[a] : "?";
}

static const char *
ids_name(unsigned int ids)
{
	return ids == PERF_IDS_GW ? "gw" : "core";
}

static const char *
nea_name(unsigned int a)
{
	static const char *const n[] = { "-", "NEA1", "NEA2", "NEA3" };

	return a < 4 ? n[a] : "?";
}

/* ---- UEs: everything derived from the index ------------------------- */

static inline uint32_t
ue_start_count(uint32_t i)
{
	return (uint32_t)(mix64(0xc0c0ULL ^ i) % 200);
}

static void
ue_make(const struct pl_env *e, uint32_t i, struct agw_uesim_ue *u)
{
	uint64_t k[4];

	for (unsigned int j = 0; j < 4; j++)
		k[j] = mix64(((uint64_t)i << 2 | j) ^ 0x6b657973ULL);
	memset(u, 0, sizeof(*u));
	/* Gateway-allocated IDs: what agw_ctx_n2_id_alloc() hands out, in
	 * order, from an empty table (ctx_setup() checks it). */
	u->amf_id = e->ids == PERF_IDS_GW ? (1ULL << e->n2_bits | i) : 0x100000ULL + i;
	u->ran_id = i + 1;
	u->gnb = (uint8_t)(i % NB_GNB);
	u->nia = e->nia;
	u->nea = e->nea;
	u->count = ue_start_count(i);
	memcpy(u->kint, &k[0], 8);
	memcpy(u->kint + 8, &k[1], 8);
	memcpy(u->kenc, &k[2], 8);
	memcpy(u->kenc + 8, &k[3], 8);
}

static uint32_t
gnb_assoc(uint8_t gnb)
{
	/* test_rekey.c: gNB 10.0.0.(1 + 2 * gnb) to the gateway 10.0.0.2, 38412 */
	return agw_assoc_id((const uint8_t[]){ 10, 0, 0, (uint8_t)(1 + 2 * gnb) },
			    (const uint8_t[]){ 10, 0, 0, 2 }, 4, 38412, 38412);
}

/* ---- cryptodev engine hooks (app/anchorgw/gw_engine.c) --------------- */

static int
pl_cdev_install(void *arg, const struct agw_ctx_install *in, struct agw_ue_ctx *c)
{
	struct agw_cdev *cdev = arg;
	int rc = 0;

	if (in->nia != AGW_NIA0)
		rc = agw_cdev_session_nia_verify(cdev, in->nia, in->k_nas_int, &c->sess_int);
	if (rc == 0 && in->nea != AGW_NEA0)
		rc = agw_cdev_session_nea(cdev, in->nea, in->k_nas_enc, &c->sess_enc);
	return rc;
}

static void
pl_cdev_release(void *arg, struct agw_ue_ctx *c)
{
	agw_cdev_session_free(arg, c->sess_int);
	agw_cdev_session_free(arg, c->sess_enc);
}

/* ---- contexts ---------------------------------------------------------- */

struct pl_install {
	double secs;
	struct agw_ctx_stats st;
};

static int
ctx_setup(struct pl_env *e, unsigned int engine, struct pl_install *pi)
{
	struct agw_ctx_hooks hooks = { pl_cdev_install, pl_cdev_release, e->cdev };
	char name[32];
	struct agw_ctx_table_conf cc = {
		.name = name, .capacity = e->nb_ues, .max_workers = 1,
		.socket_id = SOCKET_ID_ANY, .hooks = engine == PERF_ENG_CDEV ? &hooks : NULL,
		.n2_ids = e->ids == PERF_IDS_GW ? e->nb_ues : 0,
	};
	struct agw_ctx_install in;
	struct agw_uesim_ue u;
	uint64_t id;
	double t0;
	int rc = 0;

	for (e->n2_bits = 3; (1u << e->n2_bits) < e->nb_ues; e->n2_bits++)
		;

	snprintf(name, sizeof(name), "plctx%u", e->tables++);
	e->ctx = agw_ctx_table_create(&cc);
	if (e->ctx == NULL) {
		fprintf(stderr, "pipeline: context table of %u: %s\n", e->nb_ues,
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	t0 = now_s();
	for (uint32_t i = 0; i < e->nb_ues && rc == 0; i++) {
		ue_make(e, i, &u);
		if (e->ids == PERF_IDS_GW &&
		    (agw_ctx_n2_id_alloc(e->ctx, &id) != 0 || id != u.amf_id)) {
			fprintf(stderr, "pipeline: UE %u: AMF-UE-NGAP-ID not the expected one\n", i);
			rc = -EINVAL;
			break;
		}
		memset(&in, 0, sizeof(in));
		in.ue_key.assoc_id = gnb_assoc(u.gnb);
		in.ue_key.amf_ue_ngap_id = u.amf_id;
		in.nia = u.nia;
		in.nea = u.nea;
		in.bearer = 1;
		in.ul_count = u.count;
		in.user = i;
		memcpy(in.k_nas_int, u.kint, 16);
		memcpy(in.k_nas_enc, u.kenc, 16);
		rc = agw_ctx_install(e->ctx, e->eng, &in, NULL);
		if (rc != 0)
			fprintf(stderr, "pipeline: install of context %u of %u: %s\n", i, e->nb_ues,
				strerror(-rc));
	}
	pi->secs = now_s() - t0;
	memset(&in, 0, sizeof(in));
	agw_uesim_ue_clear(&u);
	agw_ctx_stats_get(e->ctx, &pi->st);
	e->round_base = 0;
	return rc;
}

static void
ctx_teardown(struct pl_env *e)
{
	agw_ctx_table_free(e->ctx); /* frees the sessions through the hooks */
	e->ctx = NULL;
}

/* ---- frames ------------------------------------------------------------ */

/* NAS-PDU length of a UL NAS transport carrying @p plen octets. */
static long
probe_nas_len(struct agw_nas_sec_engine *eng, struct agw_uesim_ue *u, size_t plen)
{
	static uint8_t frame[AGW_UESIM_MAX_FRAME], payload[AGW_UESIM_MAX_FRAME];
	struct agw_net_frame f;
	struct agw_ap_ie_iter it;
	struct agw_ap_pdu pdu;
	struct agw_ap_ie ie;
	struct agw_ap_octets nas = { NULL, 0 };
	long n = agw_uesim_ul_frame(eng, u, 0, payload, plen, 0, 0, frame, NULL, NULL);

	if (n <= 0 || agw_net_parse_frame(frame, (size_t)n, 0, &f) != 0 || f.n_msgs != 1 ||
	    agw_ap_pdu_decode(f.msgs[0].payload, f.msgs[0].len, &pdu) != 0)
		return -EINVAL;
	agw_ap_ie_iter_init(&it, &pdu);
	while (agw_ap_ie_next(&it, &ie) == 1)
		if (ie.id == IE_NAS_PDU && agw_ngap_ie_nas_pdu(&ie, &nas) != 0)
			return -EINVAL;
	return nas.p != NULL ? (long)nas.len : -EINVAL;
}

static int
nas_overhead(struct pl_env *e)
{
	struct agw_uesim_ue u;
	long a, b;

	e->nia = AGW_NIA2;
	e->nea = AGW_NEA2;
	ue_make(e, 0, &u);
	if (agw_uesim_ue_keys(e->eng, &u) != 0)
		return -EINVAL;
	a = probe_nas_len(e->eng, &u, 200);
	b = probe_nas_len(e->eng, &u, 300);
	agw_uesim_ue_clear(&u);
	if (a <= 200 || b != a + 100)
		return -EINVAL;
	e->nas_overhead = a - 200;
	return 0;
}

struct build_job {
	struct pl_env *e;
	uint32_t lo, hi; /* UEs */
	int rc;
};

/* Frames of UEs [lo, hi) for every round; runs on either lcore. */
/* Frame slot for NAS size @p size: payload plus at most ~120 octets of
 * headers, in whole cache lines. */
static size_t
frame_stride(uint32_t size)
{
	return ((size_t)size + 160 + 63) & ~(size_t)63;
}

static int
build_job_run(void *arg)
{
	struct build_job *j = arg;
	struct pl_env *e = j->e;
	struct agw_nas_sec_engine *eng = agw_nas_sec_engine_create();
	uint8_t frame[AGW_UESIM_MAX_FRAME], payload[AGW_UESIM_MAX_FRAME];
	struct agw_uesim_ue u;

	j->rc = eng == NULL ? -ENOMEM : 0;
	for (size_t k = 0; k < e->payload_len; k++)
		payload[k] = (uint8_t)mix64(k ^ 0x9a11);
	for (uint32_t i = j->lo; i < j->hi && j->rc == 0; i++) {
		uint32_t start;

		ue_make(e, i, &u);
		start = u.count + e->round_base;
		if (agw_uesim_ue_keys(eng, &u) != 0) {
			j->rc = -EINVAL;
			break;
		}
		for (uint32_t r = 0; r < e->rounds; r++) {
			uint64_t idx = (uint64_t)r * e->nb_ues + e->inv[i];
			long n;

			u.count = start + r;
			n = agw_uesim_ul_frame(eng, &u, 0, payload, e->payload_len, 0, 0, frame,
					       NULL, NULL);
			if (n <= 0 || (size_t)n > e->stride) {
				j->rc = -EINVAL;
				break;
			}
			memcpy(e->frames + idx * e->stride, frame, (size_t)n);
			e->flen[idx] = (uint16_t)n;
		}
	}
	agw_uesim_ue_clear(&u);
	agw_nas_sec_engine_free(eng);
	return 0;
}

/* Frame array for NAS size @p size; returns build seconds or < 0. */
static double
frames_build(struct pl_env *e, uint32_t size)
{
	struct build_job jobs[2];
	size_t need_frames, need_bytes;
	uint32_t half;
	double t0 = now_s();

	e->payload_len = size - (uint32_t)e->nas_overhead;
	e->stride = frame_stride(size);
	e->rounds = (uint32_t)((e->o->frames + e->nb_ues - 1) / e->nb_ues);
	e->nb_frames = (uint64_t)e->rounds * e->nb_ues;
	need_frames = e->nb_frames;
	need_bytes = (need_frames * e->stride + HUGE_ALIGN - 1) & ~(size_t)(HUGE_ALIGN - 1);
	if (need_bytes > e->frames_bytes) {
		free(e->frames);
		e->frames = aligned_alloc(HUGE_ALIGN, need_bytes);
		e->frames_bytes = e->frames != NULL ? need_bytes : 0;
		if (e->frames == NULL)
			return -1;
		madvise(e->frames, need_bytes, MADV_HUGEPAGE);
	}
	if (need_frames > e->flen_cap) {
		free(e->flen);
		e->flen = malloc(need_frames * sizeof(*e->flen));
		e->flen_cap = e->flen != NULL ? need_frames : 0;
		if (e->flen == NULL)
			return -1;
	}
	/* Half of the UEs on the worker lcore, half here. */
	half = e->nb_ues / 2;
	jobs[0] = (struct build_job){ .e = e, .lo = 0, .hi = half };
	jobs[1] = (struct build_job){ .e = e, .lo = half, .hi = e->nb_ues };
	if (half == 0 || rte_eal_remote_launch(build_job_run, &jobs[0], e->worker_lcore) != 0) {
		jobs[0].hi = 0;
		jobs[1].lo = 0;
		build_job_run(&jobs[1]);
	} else {
		build_job_run(&jobs[1]);
		rte_eal_wait_lcore(e->worker_lcore);
	}
	if (jobs[0].rc != 0 || jobs[1].rc != 0)
		return -1;
	return now_s() - t0;
}

/* --feed preload: every frame of the point in its own mbuf before the
 * point starts, as a NIC's DMA leaves them. Hundreds of MB are written, so
 * by the time the worker reaches a frame it is in memory, not in a cache:
 * its first touch is a memory miss (and the mbuf header one more, where a
 * NIC's refill from the worker's mempool cache would have it cached). */
static int
preload_fill(struct pl_env *e)
{
	if (e->pre_pool == NULL)
		return 0;
	if (rte_pktmbuf_alloc_bulk(e->pre_pool, e->pre, (unsigned int)e->nb_frames) != 0)
		return -ENOMEM;
	for (uint64_t i = 0; i < e->nb_frames; i++) {
		struct rte_mbuf *m = e->pre[i];

		rte_memcpy(rte_pktmbuf_mtod(m, void *), e->frames + i * e->stride, e->flen[i]);
		m->data_len = e->flen[i];
		m->pkt_len = e->flen[i];
		m->ol_flags = e->rx_ol_flags;
	}
	e->fed = 0;
	e->n_done = 0;
	return 0;
}

/* The point's mbufs back to the pool: those that came out on the core
 * port, and those the point did not send (it failed). */
static void
preload_release(struct pl_env *e)
{
	if (e->pre_pool == NULL)
		return;
	rte_pktmbuf_free_bulk(e->done, (unsigned int)e->n_done);
	e->n_done = 0;
	if (e->fed < e->nb_frames)
		rte_pktmbuf_free_bulk(e->pre + e->fed, (unsigned int)(e->nb_frames - e->fed));
}

/* ---- worker -------------------------------------------------------------- */

static int
worker_main(void *arg)
{
	struct pl_env *e = arg;
	struct agw_worker *w = &e->w;
	struct rte_graph *g = e->graph;
	struct pl_meas m = { 0 };
	const uint64_t target = e->target, warm = e->warm;

	if (w->eng == NULL)
		w->eng = agw_nas_sec_engine_create(); /* this lcore's IMB manager */
	if (w->eng == NULL) {
		e->worker_done = -1;
		return -ENOMEM;
	}
	agw_ctx_worker_register(w->ctx, 0);
	/* The loop of anchorgw's gw_worker_main(), timed per walk. The window
	 * opens at the end of the walk that took the warm-up packets. */
	while (!e->quit) {
		uint64_t rx0 = w->stats.rx, t0 = rte_rdtsc(), t1;

		rte_graph_walk(g);
		agw_ctx_worker_quiescent(w->ctx, 0);
		t1 = rte_rdtsc();
		if (m.first == 0) {
			if (w->stats.rx >= warm) {
				m.first = m.last = t1;
				m.rx0 = w->stats.rx;
			}
			continue;
		}
		if (w->stats.rx == rx0) {
			m.empty++;
			m.empty_tsc += t1 - t0;
			continue;
		}
		m.last = t1;
		m.walks++;
		if (w->stats.rx >= target)
			break;
	}
	agw_ctx_worker_unregister(w->ctx, 0);
	m.pkts = w->stats.rx - m.rx0;
	e->wm = m;
	__atomic_store_n(&e->worker_done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* ---- generator ----------------------------------------------------------- */

static inline void
gen_drain(struct pl_env *e, struct pl_result *r)
{
	struct rte_mbuf *ms[64];
	unsigned int n;

	/* --feed preload: only the pointers move here; the mbufs go back to
	 * their pool after the point (freeing reads each mbuf, a cache line
	 * the worker's CPU holds: the generator would become the bottleneck). */
	while (e->pre != NULL && e->n_done < e->nb_frames &&
	       (n = rte_ring_dequeue_burst(e->core_tx, (void **)e->done + e->n_done,
					   (unsigned int)RTE_MIN((uint64_t)64, e->nb_frames - e->n_done),
					   NULL)) != 0) {
		r->seen += n;
		e->n_done += n;
	}
	while ((n = rte_ring_dequeue_burst(e->core_tx, (void **)ms, 64, NULL)) != 0) {
		r->seen += n;
		rte_pktmbuf_free_bulk(ms, n);
	}
	while ((n = rte_ring_dequeue_burst(e->punt, (void **)ms, 64, NULL)) != 0)
		rte_pktmbuf_free_bulk(ms, n);
}

/* One burst of frames from @p pos into mbufs; returns how many (0: pool empty). */
static inline unsigned int
gen_fill(struct pl_env *e, uint64_t pos, struct rte_mbuf **ms)
{
	unsigned int n = (unsigned int)RTE_MIN((uint64_t)GEN_BURST, e->nb_frames - pos);

	if (e->pre != NULL) { /* --feed preload: only the pointers move */
		memcpy(ms, e->pre + pos, n * sizeof(*ms));
		return n;
	}
	if (rte_pktmbuf_alloc_bulk(e->pool, ms, n) != 0)
		return 0;
	for (unsigned int i = 0; i < n; i++) {
		const uint8_t *f = e->frames + (pos + i) * e->stride;
		uint16_t len = e->flen[pos + i];

		rte_memcpy(rte_pktmbuf_mtod(ms[i], void *), f, len);
		ms[i]->data_len = len;
		ms[i]->pkt_len = len;
		ms[i]->ol_flags = e->rx_ol_flags; /* as a NIC with checksum offload sets them */
	}
	return n;
}

static int
gen_stalled(struct pl_env *e, double *t_progress, uint64_t *last_rx)
{
	uint64_t rx = __atomic_load_n(&e->w.stats.rx, __ATOMIC_RELAXED);
	double t = now_s();

	if (rx != *last_rx) {
		*last_rx = rx;
		*t_progress = t;
		return 0;
	}
	return t - *t_progress > STALL_S;
}

static void
gen_run(struct pl_env *e, struct pl_result *r)
{
	struct rte_mbuf *ms[GEN_BURST];
	uint64_t pos = 0, last_rx = 0, spins = 0, sys0, own0;
	double t0, t_progress;
	unsigned int n, k;

	/* Fill the RAN ring before the worker starts: it never waits at first. */
	while (pos < e->nb_frames && rte_ring_free_count(e->ran_rx) >= GEN_BURST) {
		n = gen_fill(e, pos, ms);
		if (n == 0 || rte_ring_enqueue_bulk(e->ran_rx, (void **)ms, n, NULL) != n) {
			if (n != 0)
				rte_pktmbuf_free_bulk(ms, n);
			break;
		}
		pos += n;
	}
	e->quit = 0;
	e->worker_done = 0;
	t0 = t_progress = now_s();
	sys0 = sys_busy_ticks();
	own0 = own_ticks();
	if (rte_eal_remote_launch(worker_main, e, e->worker_lcore) != 0) {
		snprintf(r->why, sizeof(r->why), "cannot launch the worker");
		return;
	}
	while (pos < e->nb_frames) {
		n = gen_fill(e, pos, ms);
		if (n == 0) {
			r->pool_empty++;
			gen_drain(e, r);
			if ((++spins & 0xfffff) == 0 && gen_stalled(e, &t_progress, &last_rx))
				goto stalled;
			continue;
		}
		k = rte_ring_enqueue_burst(e->ran_rx, (void **)ms, n, NULL);
		if (k < n)
			r->ring_full++;
		while (k < n) {
			gen_drain(e, r);
			rte_pause(); /* the worker's CPU may share a core with this one */
			k += rte_ring_enqueue_burst(e->ran_rx, (void **)ms + k, n - k, NULL);
			if (k < n && (++spins & 0xfffff) == 0 &&
			    gen_stalled(e, &t_progress, &last_rx)) {
				rte_pktmbuf_free_bulk(ms + k, n - k);
				goto stalled;
			}
		}
		pos += n;
		gen_drain(e, r);
	}
	while (!__atomic_load_n(&e->worker_done, __ATOMIC_ACQUIRE)) {
		gen_drain(e, r);
		rte_pause();
		if ((++spins & 0xfffff) == 0 && gen_stalled(e, &t_progress, &last_rx))
			goto stalled;
	}
	rte_eal_wait_lcore(e->worker_lcore);
	gen_drain(e, r);
	e->fed = pos;
	r->gen_s = now_s() - t0;
	/* Others' CPU time while both our lcores were busy: what they took. */
	{
		double ticks = r->gen_s * (double)sysconf(_SC_CLK_TCK) * 2;
		int64_t other = (int64_t)(sys_busy_ticks() - sys0) - (int64_t)(own_ticks() - own0);

		r->other_pct = ticks > 0 ? 100.0 * (double)(other > 0 ? other : 0) / ticks : 0;
	}
	return;
stalled:
	snprintf(r->why, sizeof(r->why), "no progress for %d s at frame %" PRIu64, STALL_S, pos);
	e->quit = 1;
	rte_eal_wait_lcore(e->worker_lcore);
	gen_drain(e, r);
	e->fed = pos;
	r->gen_s = now_s() - t0;
}

/* Cache line ping-pong between the two lcores: the cost of handing a line
 * (an mbuf, a frame) from the generator's CPU to the worker's. On a VM its
 * placement of the vCPUs on the host decides it (same or other CCX/CCD). */
#define PP_ROUNDS 20000
static uint64_t pp_line[8] __rte_cache_aligned;

static int
pp_worker(void *arg)
{
	(void)arg;
	for (uint64_t i = 1; i < 2 * PP_ROUNDS; i += 2) {
		while (__atomic_load_n(&pp_line[0], __ATOMIC_ACQUIRE) != i)
			;
		__atomic_store_n(&pp_line[0], i + 1, __ATOMIC_RELEASE);
	}
	return 0;
}

static double
c2c_ns(struct pl_env *e)
{
	uint64_t t0, t1;

	__atomic_store_n(&pp_line[0], 0, __ATOMIC_RELEASE);
	if (rte_eal_remote_launch(pp_worker, NULL, e->worker_lcore) != 0)
		return 0;
	t0 = rte_rdtsc();
	for (uint64_t i = 0; i < 2 * PP_ROUNDS; i += 2) {
		__atomic_store_n(&pp_line[0], i + 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&pp_line[0], __ATOMIC_ACQUIRE) != i + 2)
			;
	}
	t1 = rte_rdtsc();
	rte_eal_wait_lcore(e->worker_lcore);
	return (double)(t1 - t0) / e->hz * 1e9 / (2.0 * PP_ROUNDS);
}

static int
nodes_cb(bool is_first, bool is_last, void *cookie, const struct rte_graph_cluster_node_stats *st)
{
	struct pl_nodes *ns = cookie;

	(void)is_last;
	if (is_first)
		ns->n = 0;
	if (ns->n < PL_MAX_NODES) {
		struct pl_node_cost *c = &ns->c[ns->n++];

		snprintf(c->name, sizeof(c->name), "%s", st->name);
		c->objs = st->objs;
		c->cycles = st->cycles;
	}
	return 0;
}

/* The worker graph's per-node totals so far (zeroes without stats). */
static void
nodes_snapshot(struct pl_env *e, struct pl_nodes *ns)
{
	memset(&e->nodes_last, 0, sizeof(e->nodes_last));
	if (e->gstats != NULL)
		rte_graph_cluster_stats_get(e->gstats, false);
	*ns = e->nodes_last;
}

/* One measured point on the installed contexts and built frames. */
static void
point_run(struct pl_env *e, unsigned int engine, struct pl_result *r)
{
	const struct agw_worker_stats *st = &e->w.stats;
	uint64_t n = e->nb_frames;
	struct pl_nodes before;

	memset(r, 0, sizeof(*r));
	memset(&e->w.stats, 0, sizeof(e->w.stats));
	memset(&e->wm, 0, sizeof(e->wm));
	e->w.ctx = e->ctx;
	e->w.cdev = engine == PERF_ENG_CDEV ? e->cdev : NULL;
	e->w.cdev_qp = 0;
	e->target = n;
	/* Warm-up outside the window: caches, branch predictors, TLBs. */
	e->warm = RTE_MIN(n / 10, (uint64_t)100000);
	r->load1 = load1();
	r->c2c_ns = c2c_ns(e);
	nodes_snapshot(e, &before);
	gen_run(e, r);
	nodes_snapshot(e, &r->nodes);
	for (unsigned int i = 0; i < r->nodes.n && i < before.n; i++) {
		r->nodes.c[i].objs -= before.c[i].objs;
		r->nodes.c[i].cycles -= before.c[i].cycles;
	}
	r->m = e->wm;
	r->st = *st;
	e->round_base += e->rounds;
	if (r->why[0] != '\0')
		return;
	if (e->worker_done < 0)
		snprintf(r->why, sizeof(r->why), "worker could not start");
	else if (r->m.pkts == 0)
		snprintf(r->why, sizeof(r->why), "nothing measured");
	else if (st->rx != n || st->verified != n || st->forwarded != n || r->seen != n ||
		 st->dropped != 0 || st->punted != 0 ||
		 st->deciphered != (e->nea != AGW_NEA0 ? n : 0)) {
		int l = snprintf(r->why, sizeof(r->why),
				 "sent %" PRIu64 " rx %" PRIu64 " verified %" PRIu64
				 " deciphered %" PRIu64 " forwarded %" PRIu64 " seen %" PRIu64
				 " punted %" PRIu64 " dropped %" PRIu64,
				 n, st->rx, st->verified, st->deciphered, st->forwarded, r->seen,
				 st->punted, st->dropped);
		for (unsigned int c = 0; c < AGW_PKT_N_CAUSES && l > 0 &&
					 (size_t)l < sizeof(r->why); c++)
			if (st->drop[c] != 0)
				l += snprintf(r->why + l, sizeof(r->why) - (size_t)l, " %s=%" PRIu64,
					      agw_pkt_cause_name(c), st->drop[c]);
	} else {
		r->ok = 1;
	}
}

/* ---- output ------------------------------------------------------------- */

static double
result_mpps(const struct pl_env *e, const struct pl_result *r)
{
	uint64_t tsc = r->m.last - r->m.first;

	return tsc ? (double)r->m.pkts / ((double)tsc / e->hz) / 1e6 : 0;
}


static const char *
bottleneck(const struct pl_env *e, const struct pl_result *r)
{
	double burst = r->m.walks ? (double)r->m.pkts / (double)r->m.walks : 0;
	uint64_t tsc = r->m.last - r->m.first;

	/* Worker-bound: at most 2 % of its time went to empty polls (short
	 * hiccups of the generator's CPU) and its bursts were full. */
	if (r->m.empty_tsc * 50 <= tsc && burst >= 0.9 * e->o->burst)
		return "worker";
	return "generator";
}

static void
print_header(const struct pl_env *e, const char *mem)
{
	const struct perf_pipeline_opts *o = e->o;

	printf("# test-anchor-perf pipeline: anchorgw uplink graph on lcore %u (CPU %d), "
	       "generator on CPU %d\n", e->worker_lcore, o->worker_cpu, o->main_cpu);
	printf("# IPsec-MB %s (%s); EAL memory: %s; TSC %.3f GHz\n", imb_get_version_str(),
	       agw_nas_sec_engine_arch(e->eng), mem, e->hz / 1e9);
	printf("# ring PMDs: RAN rx ring %u, core tx ring %u; pool %u mbufs; worker burst %u;"
	       " >= %u frames per point in whole rounds over the UEs; best of %u\n",
	       RAN_RING, CORE_RING, o->pool, o->burst, o->frames, o->repeat);
	printf("# feed: %s\n",
	       o->feed == PERF_FEED_PRELOAD
		       ? "preload (every frame in its mbuf before the point, as a NIC's DMA leaves "
			 "them; the worker's first touch of frame and mbuf misses to memory)"
		       : "copy (the generator copies each frame into a pool mbuf during the point; "
			 "the worker takes every line from the generator's CPU)");
	printf("# ids: core = AMF-UE-NGAP-IDs from the core, N2 lookup hashes (assoc, ID); "
	       "gw = IDs the gateway allocated (anchors mode), direct index\n");
	printf("# size = NAS-PDU octets (NIA over size-6: SQN+message; NEA over size-7)\n");
	printf("# Mpps = worker packets / TSC time of the window (from the end of the walk that "
	       "took the first 10%% of the frames, at most 100k, to the end of the last);\n"
	       "# cyc = window cycles per packet; busy = without empty polls; burst = packets per "
	       "busy walk;\n# empty = empty polls in the window; ringful = generator bursts that "
	       "found the RAN ring full;\n# load = 1-min load average before; other%% = CPU "
	       "time of other processes during the point, %% of both CPUs;\n# spread = (best - worst) / best "
	       "Mpps over the repetitions; c2c_ns = one-way cache line transfer between\n# the "
	       "two CPUs just before the point (ping-pong), which the VM's vCPU placement decides\n");
	if (o->csv)
		printf("engine,ids,nia,nea,size,ctxs,pkts,mpps,cycles_per_pkt,busy_cycles_per_pkt,"
		       "avg_burst,empty_polls,walks,ring_full,bottleneck,check,load1,other_pct,"
		       "spread_pct,c2c_ns\n");
	else
		printf("%-5s %-4s %-4s %-4s %4s %8s %8s %7s %7s %7s %5s %7s %7s %-9s %-5s %5s %6s %7s "
		       "%6s\n",
		       "eng", "ids", "nia", "nea", "size", "ctxs", "pkts", "Mpps", "cyc/pkt", "busy",
		       "burst", "empty", "ringful", "bottlenck", "check", "load", "other%",
		       "spread%", "c2c_ns");
	fflush(stdout);
}

/* Cycles inside each node per packet of the point (whole point, warm-up
 * included), beside the total: the rest is rx polling and graph walking. */
static void
print_nodes(const struct pl_result *r)
{
	double pk = r->st.rx ? (double)r->st.rx : 1, sum = 0;

	printf("#   nodes, cycles/pkt:");
	for (unsigned int i = 0; i < r->nodes.n; i++) {
		const struct pl_node_cost *c = &r->nodes.c[i];

		if (c->objs == 0)
			continue;
		printf(" %s %.1f", strncmp(c->name, "agw_", 4) == 0 ? c->name + 4 : c->name,
		       (double)c->cycles / pk);
		sum += (double)c->cycles / pk;
	}
	printf(" (sum %.1f)\n", sum);
}

static void
print_row(const struct pl_env *e, unsigned int engine, uint32_t size,
	  const struct pl_result *r)
{
	const char *en = engine == PERF_ENG_CDEV ? (e->o->nic_csum ? "cdevN" : "cdev")
						 : (e->o->nic_csum ? "imbN" : "imb");
	uint64_t tsc = r->m.last - r->m.first;
	double pk = r->m.pkts ? (double)r->m.pkts : 1;
	double mpps = result_mpps(e, r);
	double cyc = (double)tsc / pk, busy = (double)(tsc - r->m.empty_tsc) / pk;
	double burst = r->m.walks ? (double)r->m.pkts / (double)r->m.walks : 0;

	if (e->o->csv)
		printf("%s,%s,%s,%s,%u,%u,%" PRIu64 ",%.4f,%.1f,%.1f,%.2f,%" PRIu64 ",%" PRIu64
		       ",%" PRIu64 ",%s,%s,%.2f,%.1f,%.1f,%.0f\n",
		       en, ids_name(e->ids), nia_name(e->nia), nea_name(e->nea), size, e->nb_ues, r->m.pkts, mpps,
		       cyc, busy, burst, r->m.empty, r->m.walks, r->ring_full, bottleneck(e, r),
		       r->ok ? "ok" : "FAIL", r->load1, r->other_pct, r->spread_pct, r->c2c_ns);
	else
		printf("%-5s %-4s %-4s %-4s %4u %8u %8" PRIu64 " %7.3f %7.1f %7.1f %5.1f %7" PRIu64
		       " %7" PRIu64 " %-9s %-5s %5.2f %6.1f %7.1f %6.0f\n",
		       en, ids_name(e->ids), nia_name(e->nia), nea_name(e->nea), size, e->nb_ues, r->m.pkts, mpps,
		       cyc, busy, burst, r->m.empty, r->ring_full, bottleneck(e, r),
		       r->ok ? "ok" : "FAIL", r->load1, r->other_pct, r->spread_pct, r->c2c_ns);
	if (!e->o->csv)
		print_nodes(r);
	if (!r->ok)
		printf("#   FAIL %s %s/%s size %u ctxs %u ids %s: %s\n", en, nia_name(e->nia),
		       nea_name(e->nea), size, e->nb_ues, ids_name(e->ids), r->why);
	fflush(stdout);
}

/* ---- set-up ------------------------------------------------------------- */

static int
start_port(struct pl_env *e, uint16_t port)
{
	struct rte_eth_conf conf = { 0 };

	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(port, 0, RAN_RING, SOCKET_ID_ANY, NULL, e->pool) != 0 ||
	    rte_eth_tx_queue_setup(port, 0, CORE_RING, SOCKET_ID_ANY, NULL) != 0)
		return -1;
	return rte_eth_dev_start(port);
}

static int
setup_ports(struct pl_env *e)
{
	int ran, core;

	e->ran_rx = rte_ring_create("pl_ran_rx", RAN_RING, SOCKET_ID_ANY,
				    RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
	e->ran_tx = rte_ring_create("pl_ran_tx", 1024, SOCKET_ID_ANY,
				    RING_F_SP_ENQ | RING_F_SC_DEQ);
	e->core_rx = rte_ring_create("pl_core_rx", 64, SOCKET_ID_ANY,
				     RING_F_SP_ENQ | RING_F_SC_DEQ);
	e->core_tx = rte_ring_create("pl_core_tx", CORE_RING, SOCKET_ID_ANY,
				     RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
	e->punt = rte_ring_create("pl_punt", 1024, SOCKET_ID_ANY, RING_F_SC_DEQ);
	if (!e->ran_rx || !e->ran_tx || !e->core_rx || !e->core_tx || !e->punt)
		return -ENOMEM;
	ran = rte_eth_from_rings("pl_ran", &e->ran_rx, 1, &e->ran_tx, 1, SOCKET_ID_ANY);
	core = rte_eth_from_rings("pl_core", &e->core_rx, 1, &e->core_tx, 1, SOCKET_ID_ANY);
	if (ran < 0 || core < 0)
		return -ENODEV;
	e->ran_port = (uint16_t)ran;
	e->core_port = (uint16_t)core;
	return start_port(e, e->ran_port) != 0 || start_port(e, e->core_port) != 0 ? -EIO : 0;
}

static int
setup_graph(struct pl_env *e)
{
	struct rte_graph_param gp = {
		.socket_id = SOCKET_ID_ANY,
		.node_patterns = (const char **)agw_pipeline_node_patterns,
	};

	snprintf(e->w.graph_name, sizeof(e->w.graph_name), "pl_worker0");
	e->w.worker_id = 0;
	e->w.punt_ring = e->punt;
	e->w.rx[0].port_id = e->ran_port;
	e->w.rx[0].queue_id = 0;
	e->w.nb_rx = 1;
	e->w.core_tx.port_id = e->core_port;
	e->w.core_tx.queue_id = 0;
	e->w.burst = e->o->burst;
	e->w.quit = &e->quit;
	while (agw_pipeline_node_patterns[gp.nb_node_patterns] != NULL)
		gp.nb_node_patterns++;
	if (agw_pipeline_register_worker(&e->w) != 0 ||
	    rte_graph_create(e->w.graph_name, &gp) == RTE_GRAPH_ID_INVALID)
		return -EINVAL;
	e->graph = rte_graph_lookup(e->w.graph_name);
	if (e->graph == NULL)
		return -EINVAL;
	{
		const char *pat[] = { e->w.graph_name };
		struct rte_graph_cluster_stats_param sp = {
			.socket_id = SOCKET_ID_ANY, .fn = nodes_cb, .cookie = &e->nodes_last,
			.nb_graph_patterns = 1, .graph_patterns = pat,
		};

		e->gstats = rte_graph_cluster_stats_create(&sp); /* NULL: no breakdown */
	}
	return 0;
}

static uint32_t
max_ctxs(const struct perf_pipeline_opts *o)
{
	uint32_t m = 0;

	for (unsigned int i = 0; i < o->nb_ctxs; i++)
		m = o->ctxs[i] > m ? o->ctxs[i] : m;
	return m;
}

/* Frames of the largest point: whole rounds over the UEs. */
static uint64_t
max_frames(const struct perf_pipeline_opts *o)
{
	uint64_t m = 0;

	for (unsigned int i = 0; i < o->nb_ctxs; i++) {
		uint64_t c = o->ctxs[i], f = (o->frames + c - 1) / c * c;

		m = f > m ? f : m;
	}
	return m;
}

static size_t
max_stride(const struct perf_pipeline_opts *o)
{
	uint32_t m = 0;

	for (unsigned int i = 0; i < o->nb_sizes; i++)
		m = o->sizes[i] > m ? o->sizes[i] : m;
	return frame_stride(m);
}

/* Octets of one --feed preload mbuf in its pool. */
static uint64_t
preload_mbuf_bytes(const struct perf_pipeline_opts *o)
{
	return sizeof(struct rte_mbuf) + AGW_PKT_META_SIZE + RTE_PKTMBUF_HEADROOM +
	       max_stride(o) + 64;
}

/* EAL memory the run needs, in MB. */
static uint64_t
mem_estimate_mb(const struct perf_pipeline_opts *o)
{
	uint64_t c = max_ctxs(o), b;

	b = (uint64_t)EST_BASE_MB << 20;
	b += (uint64_t)o->pool * EST_MBUF_BYTES;
	if (o->feed == PERF_FEED_PRELOAD)
		b += max_frames(o) * preload_mbuf_bytes(o);
	b += c * EST_CTX_BYTES;
	if (o->engines & PERF_ENG_CDEV)
		b += 2 * c * EST_SESS_BYTES + (64ULL << 20);
	return (b >> 20) + 1;
}

/* Free 2 MB hugepages (in MB), 0 when none or hugetlbfs is not mounted. */
static uint64_t
huge_free_mb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	uint64_t free_pages = 0, size_kb = 0;
	int mounted = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		sscanf(line, "HugePages_Free: %" SCNu64, &free_pages);
		sscanf(line, "Hugepagesize: %" SCNu64, &size_kb);
	}
	fclose(f);
	f = fopen("/proc/mounts", "r");
	if (f != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (strstr(line, " hugetlbfs ") != NULL)
				mounted = 1;
		fclose(f);
	}
	return mounted ? free_pages * size_kb / 1024 : 0;
}

static int
eal_start(const struct perf_pipeline_opts *o, const char *prog, char *mem_desc, size_t mlen)
{
	char *argv[64];
	char lcores[32], mainl[16], mem[32], prefix[48];
	uint64_t need = o->mem_mb ? o->mem_mb : mem_estimate_mb(o), have = huge_free_mb();
	int argc = 0, huge = o->huge;

	if (huge < 0)
		huge = have >= need;
	snprintf(lcores, sizeof(lcores), "%d,%d", o->main_cpu, o->worker_cpu);
	snprintf(mainl, sizeof(mainl), "%d", o->main_cpu);
	snprintf(mem, sizeof(mem), "%" PRIu64, need);
	snprintf(prefix, sizeof(prefix), "agw-perf-%d", (int)getpid());
	argv[argc++] = (char *)prog;
	argv[argc++] = (char *)"-l";
	argv[argc++] = lcores;
	argv[argc++] = (char *)"--main-lcore";
	argv[argc++] = mainl;
	argv[argc++] = (char *)"--no-pci";
	argv[argc++] = (char *)"--no-telemetry";
	argv[argc++] = (char *)"--log-level=lib.*:error";
	argv[argc++] = (char *)"--file-prefix";
	argv[argc++] = prefix;
	if (huge) {
		/* Dynamic memory on hugepages, no files left behind. */
		argv[argc++] = (char *)"--in-memory";
		if (o->mem_mb) {
			argv[argc++] = (char *)"--socket-mem";
			argv[argc++] = mem;
		}
		snprintf(mem_desc, mlen, "2 MB hugepages (%" PRIu64 " MB free, ~%" PRIu64
			 " MB needed)", have, need);
	} else {
		argv[argc++] = (char *)"--no-huge";
		argv[argc++] = (char *)"--no-shconf";
		argv[argc++] = (char *)"-m";
		argv[argc++] = mem;
		snprintf(mem_desc, mlen, "--no-huge -m %s (4 KiB pages; %" PRIu64
			 " MB of hugepages free)", mem, have);
	}
	if (o->engines & PERF_ENG_CDEV) {
		argv[argc++] = (char *)"--vdev";
		argv[argc++] = (char *)CDEV_NAME;
	}
	for (int i = 0; i < o->eal_argc && argc < 63; i++)
		argv[argc++] = o->eal_argv[i];
	argv[argc] = NULL;
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "pipeline: EAL: %s\n", rte_strerror(rte_errno));
		return -EINVAL;
	}
	return 0;
}

/* Touch every mbuf once: with --no-huge the pages would otherwise fault in
 * (and be zeroed by the kernel) inside the first measured point. */
static void
pool_pretouch(struct rte_mempool *mp)
{
	struct rte_mbuf **all = calloc(mp->size, sizeof(*all));
	unsigned int n = 0;

	if (all == NULL)
		return;
	while (n < mp->size && rte_pktmbuf_alloc_bulk(mp, all + n, 1) == 0) {
		memset(all[n]->buf_addr, 0, all[n]->buf_len);
		n++;
	}
	for (unsigned int i = 0; i < n; i++)
		rte_pktmbuf_free(all[i]);
	free(all);
}

static int
env_init(struct pl_env *e, const struct perf_pipeline_opts *o)
{
	int rc;

	e->o = o;
	e->rx_ol_flags = o->nic_csum ? RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_GOOD : 0;
	e->hz = (double)rte_get_tsc_hz();
	e->worker_lcore = rte_get_next_lcore(-1, 1, 0);
	if (e->worker_lcore >= RTE_MAX_LCORE)
		return -EINVAL;
	e->eng = agw_nas_sec_engine_create();
	e->pool = rte_pktmbuf_pool_create("pl_pool", o->pool, POOL_CACHE, AGW_PKT_META_SIZE,
					  RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (e->eng == NULL || e->pool == NULL)
		return -ENOMEM;
	pool_pretouch(e->pool);
	if (o->feed == PERF_FEED_PRELOAD) {
		uint64_t n = max_frames(o);

		e->pre = malloc(n * sizeof(*e->pre));
		e->done = malloc(n * sizeof(*e->done));
		e->pre_pool = rte_pktmbuf_pool_create(
			"pl_preload", (unsigned int)n, 0, AGW_PKT_META_SIZE,
			(uint16_t)(RTE_PKTMBUF_HEADROOM + max_stride(o)), SOCKET_ID_ANY);
		if (e->pre == NULL || e->done == NULL || e->pre_pool == NULL) {
			fprintf(stderr, "pipeline: --feed preload: %" PRIu64 " mbufs: %s\n", n,
				rte_strerror(rte_errno));
			return -ENOMEM;
		}
	}
	rc = setup_ports(e);
	if (rc == 0)
		rc = setup_graph(e);
	if (rc == 0)
		rc = nas_overhead(e);
	if (rc != 0 || !(o->engines & PERF_ENG_CDEV))
		return rc;
	{
		struct agw_cdev_conf cc = {
			.dev_name = CDEV_NAME, .nb_qp = 1,
			.max_sessions = 2 * max_ctxs(o), .socket_id = SOCKET_ID_ANY,
		};

		e->cdev = agw_cdev_create(&cc);
		if (e->cdev == NULL) {
			fprintf(stderr, "pipeline: cryptodev engine on %s with %u sessions: %s\n",
				CDEV_NAME, cc.max_sessions, rte_strerror(rte_errno));
			return -ENODEV;
		}
		e->cdev_sess_bytes = agw_cdev_session_bytes(e->cdev);
	}
	return 0;
}

static void
env_fini(struct pl_env *e)
{
	if (e->ctx != NULL)
		ctx_teardown(e);
	if (e->cdev != NULL && agw_cdev_free(e->cdev) != 0)
		fprintf(stderr, "pipeline: cryptodev engine still has sessions\n");
	agw_nas_sec_engine_free(e->w.eng);
	agw_nas_sec_engine_free(e->eng);
	free(e->frames);
	free(e->flen);
	free(e->inv);
	free(e->pre);
	free(e->done);
	rte_mempool_free(e->pre_pool);
	if (e->gstats != NULL)
		rte_graph_cluster_stats_destroy(e->gstats);
}

/* A fixed pseudo-random order of the UEs inside every round. */
static int
order_setup(struct pl_env *e)
{
	uint32_t *perm;

	free(e->inv);
	e->inv = malloc((size_t)e->nb_ues * sizeof(*e->inv));
	perm = malloc((size_t)e->nb_ues * sizeof(*perm));
	if (e->inv == NULL || perm == NULL) {
		free(perm);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < e->nb_ues; i++)
		perm[i] = i;
	for (uint32_t i = e->nb_ues - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(mix64(i ^ 0x0dde) % (i + 1)), t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t k = 0; k < e->nb_ues; k++)
		e->inv[perm[k]] = k;
	free(perm);
	return 0;
}

static void
print_install(const struct pl_env *e, unsigned int engine, const struct pl_install *pi)
{
	unsigned int sess = engine == PERF_ENG_CDEV ? 1u + (e->nea != AGW_NEA0) : 0;

	printf("# install %s %s/%s ids %s: %u contexts in %.3f s (%.0f contexts/s); %u bytes/context "
	       "in the table (%.1f MB)",
	       engine == PERF_ENG_CDEV ? "cdev" : "imb", nia_name(e->nia), nea_name(e->nea),
	       ids_name(e->ids), e->nb_ues, pi->secs, e->nb_ues / pi->secs, pi->st.bytes_per_ctx,
	       (double)pi->st.memory_bytes / 1048576.0);
	if (sess)
		printf(" + %u session(s) x %d bytes", sess, e->cdev_sess_bytes);
	printf("\n");
	fflush(stdout);
}

/* Best of o->repeat points of one size, each on freshly built frames (new
 * COUNTs: a frame array cannot be sent twice). */
static int
size_run(struct pl_env *e, unsigned int engine, uint32_t size)
{
	struct pl_result best, r;
	double lo = 0;

	memset(&best, 0, sizeof(best));
	for (unsigned int rep = 0; rep < e->o->repeat; rep++) {
		double bs = frames_build(e, size), m;

		if (bs < 0 || preload_fill(e) != 0)
			return -ENOMEM;
		if (!e->o->csv) {
			printf("#   %" PRIu64 " frames (%u rounds) built in %.2f s\n", e->nb_frames,
			       e->rounds, bs);
			fflush(stdout);
		}
		point_run(e, engine, &r);
		preload_release(e);
		m = result_mpps(e, &r);
		if (!r.ok) { /* a failed repetition is what gets reported */
			best = r;
			break;
		}
		if (rep == 0 || m > result_mpps(e, &best))
			best = r;
		if (rep == 0 || m < lo)
			lo = m;
	}
	best.spread_pct = best.ok && result_mpps(e, &best) > 0
				  ? 100.0 * (result_mpps(e, &best) - lo) / result_mpps(e, &best)
				  : 0;
	print_row(e, engine, size, &best);
	return 0;
}

/* Every size on one installed table (e->nia, e->nea, e->ids). */
static int
ids_run(struct pl_env *e, unsigned int engine)
{
	struct pl_install pi;
	int rc = ctx_setup(e, engine, &pi);

	if (rc != 0) {
		printf("#   FAIL %s %s/%s ctxs %u ids %s: context install failed (%s)\n",
		       engine == PERF_ENG_CDEV ? "cdev" : "imb", nia_name(e->nia), nea_name(e->nea),
		       e->nb_ues, ids_name(e->ids), strerror(-rc));
		ctx_teardown(e);
		return rc;
	}
	print_install(e, engine, &pi);
	for (unsigned int s = 0; s < e->o->nb_sizes && rc == 0; s++)
		rc = size_run(e, engine, e->o->sizes[s]);
	ctx_teardown(e);
	return rc;
}

static int
run_points(struct pl_env *e, unsigned int engine, uint32_t nb_ctx)
{
	const struct perf_pipeline_opts *o = e->o;
	int rc;

	e->nb_ues = nb_ctx;
	rc = order_setup(e);
	for (unsigned int nia = 1; nia <= 3 && rc == 0; nia++) {
		if (!(o->nias & (1u << nia)))
			continue;
		for (unsigned int mode = 0; mode < 2 && rc == 0; mode++) {
			if (!(o->neas & (1u << mode)))
				continue;
			e->nia = (uint8_t)nia;
			e->nea = mode ? (uint8_t)nia : AGW_NEA0;
			for (e->ids = PERF_IDS_CORE; e->ids <= PERF_IDS_GW && rc == 0; e->ids <<= 1)
				if (o->ids & e->ids)
					rc = ids_run(e, engine);
		}
	}
	return rc;
}

static int
rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

/* EAL leaves its runtime directory (/var/run/dpdk/<prefix>) behind even
 * without shared config; ours is unique per process: remove it. */
static void
runtime_dir_remove(const char *dir)
{
	if (dir[0] != '\0' && strstr(dir, "agw-perf-") != NULL)
		nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int
perf_pipeline_run(const struct perf_pipeline_opts *o, const char *prog)
{
	struct pl_env *e = &env;
	char mem[160], rundir[PATH_MAX];
	int rc;

	for (unsigned int i = 0; i < o->nb_sizes; i++)
		if (o->sizes[i] < 32 || o->sizes[i] > 1400) {
			fprintf(stderr, "pipeline: NAS sizes must be 32..1400 octets\n");
			return -EINVAL;
		}
	if (o->nias == 0 || o->neas == 0 || o->engines == 0 || o->nb_ctxs == 0 ||
	    o->burst == 0 || o->burst > RTE_GRAPH_BURST_SIZE)
		return -EINVAL;
	rc = eal_start(o, prog, mem, sizeof(mem));
	if (rc != 0) {
		snprintf(rundir, sizeof(rundir), "/var/run/dpdk/agw-perf-%d", (int)getpid());
		runtime_dir_remove(rundir);
		return rc;
	}
	memset(e, 0, sizeof(*e));
	rc = env_init(e, o);
	if (rc == 0) {
		for (unsigned int i = 0; i < o->nb_sizes; i++)
			if (o->sizes[i] <= (uint32_t)e->nas_overhead) {
				fprintf(stderr, "pipeline: NAS size %u: at least %ld octets\n",
					o->sizes[i], e->nas_overhead + 1);
				rc = -EINVAL;
			}
	}
	if (rc == 0)
		print_header(e, mem);
	for (unsigned int eng = PERF_ENG_IMB; eng <= PERF_ENG_CDEV && rc == 0; eng <<= 1) {
		if (!(o->engines & eng))
			continue;
		for (unsigned int c = 0; c < o->nb_ctxs && rc == 0; c++)
			rc = run_points(e, eng, o->ctxs[c]);
	}
	env_fini(e);
	snprintf(rundir, sizeof(rundir), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	runtime_dir_remove(rundir);
	return rc;
}
