/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 *
 * Key replacement under load. The uplink pipeline (the same rte_graph
 * nodes as anchorgw) runs on a worker lcore between two ring PMD ports;
 * the main lcore is both the UEs (building protected NAS with the UE-side
 * code of anchor-gen) and the control lcore (the only writer of keys).
 *
 * Traffic flows without pause for all UEs while the control lcore keeps
 * replacing contexts with new keys. A UE chosen for a re-key stops sending;
 * once its last message has entered the pipeline the control lcore installs
 * the new keys (as a Security Mode Command switches keys with nothing in
 * flight); the UE sends nothing between the install and its
 * acknowledgement; once acknowledged it sends one message with its OLD key, which
 * must be dropped as bad_mac (the old key is gone for good), then continues
 * with the new key, which must verify. At the end every frame is accounted
 * for: each good message came out on the core port, byte for byte as the UE
 * side expects it, and the only drops are the stale-key messages.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_graph_worker.h>
#include <rte_launch.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "agw_pipeline.h"
#include "agw_test.h"
#include "agw_test_eal.h"
#include "uesim.h"

#define N_UES 512
#define ROUNDS 3000
#define PER_ROUND 16
#define REKEY_EVERY 3 /* rounds between new re-keys */
#define MAX_EXPECT (ROUNDS * PER_ROUND)

struct ue_state {
	struct agw_uesim_ue ue;
	struct agw_uesim_ue old; /* keys before the pending re-key */
	uint64_t token;
	uint64_t last_seq; /* env.sent after this UE's last message */
	int quiescing; /* chosen for a re-key: waits until nothing is in flight */
	int pending; /* installed, not yet acknowledged */
	int stale_due; /* acknowledged: send one old-key message next */
};

struct rekey_env {
	struct rte_mempool *pool;
	struct rte_ring *ran_rx, *ran_tx, *core_rx, *core_tx, *punt;
	uint16_t ran_port, core_port;
	struct agw_ctx_table *ctx;
	struct agw_nas_sec_engine *eng;
	struct agw_worker w;
	volatile int quit;
	struct ue_state ues[N_UES];
	/* expected core frames, in order */
	uint8_t (*exp)[AGW_UESIM_MAX_FRAME];
	uint16_t *exp_len;
	unsigned int n_exp, n_seen, mismatches;
	uint64_t sent, stale_sent, good_sent, rekeys, seed;
};

static struct rekey_env env;

static int
worker_loop(void *arg)
{
	struct rte_graph *g = rte_graph_lookup(env.w.graph_name);

	(void)arg;
	env.w.eng = agw_nas_sec_engine_create();
	if (g == NULL || env.w.eng == NULL)
		return -1;
	agw_ctx_worker_register(env.ctx, 0);
	while (!env.quit) {
		rte_graph_walk(g);
		agw_ctx_worker_quiescent(env.ctx, 0);
	}
	agw_ctx_worker_unregister(env.ctx, 0);
	agw_nas_sec_engine_free(env.w.eng);
	return 0;
}

static uint64_t
rnd(void)
{
	uint64_t z = (env.seed += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	return z ^ (z >> 31);
}

static int
install(struct ue_state *s, uint64_t *token)
{
	int rc;

	struct agw_ctx_install in = {0};

	in.ue_key.assoc_id = agw_assoc_id((const uint8_t[]){10, 0, 0, (uint8_t)(1 + 2 * s->ue.gnb)},
					  (const uint8_t[]){10, 0, 0, 2}, 4, 38412, 38412);
	in.ue_key.amf_ue_ngap_id = s->ue.amf_id;
	in.nia = s->ue.nia;
	in.nea = s->ue.nea;
	in.bearer = 1;
	in.ul_count = s->ue.count;
	memcpy(in.k_nas_int, s->ue.kint, 16);
	memcpy(in.k_nas_enc, s->ue.kenc, 16);
	rc = agw_ctx_install(env.ctx, env.eng, &in, token);
	memset(&in, 0, sizeof(in));
	return rc;
}

static void
ue_new_keys(struct ue_state *s)
{
	unsigned int k;

	for (k = 0; k < 16; k++) {
		s->ue.kint[k] = (uint8_t)rnd();
		s->ue.kenc[k] = (uint8_t)rnd();
	}
	s->ue.nia = (uint8_t)(1 + rnd() % 3);
	s->ue.nea = (uint8_t)(rnd() % 4);
	agw_uesim_ue_keys(env.eng, &s->ue);
}

static void drain_core(void);

static void
send_frame(const uint8_t *frame, long len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(env.pool);
	uint64_t spins = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	memcpy(rte_pktmbuf_append(m, (uint16_t)len), frame, (size_t)len);
	while (rte_ring_enqueue(env.ran_rx, m) != 0) {
		drain_core();
		CU_ASSERT_FATAL(++spins < 100000000); /* the worker stopped taking frames */
	}
	env.sent++;
}

/* Whether the worker has finished every frame up to global sequence
 * @p seq (a graph walk completes every frame it received, in order). */
static int
worker_has_taken(uint64_t seq)
{
	const struct agw_worker_stats *st = &env.w.stats;

	return __atomic_load_n(&st->forwarded, __ATOMIC_RELAXED) +
		       __atomic_load_n(&st->punted, __ATOMIC_RELAXED) +
		       __atomic_load_n(&st->dropped, __ATOMIC_RELAXED) >=
	       seq;
}

/* One message of UE s; with its old keys when @p stale. */
static void
ue_send(struct ue_state *s, int stale)
{
	static uint8_t frame[AGW_UESIM_MAX_FRAME];
	uint8_t payload[64];
	struct agw_uesim_ue *u = stale ? &s->old : &s->ue;
	long len, elen = 0;
	unsigned int k;

	for (k = 0; k < sizeof(payload); k++)
		payload[k] = (uint8_t)rnd();
	u->count = s->ue.count;
	len = agw_uesim_ul_frame(env.eng, u, 0, payload, sizeof(payload), 0, 0, frame,
				 stale ? NULL : env.exp[env.n_exp], &elen);
	CU_ASSERT_FATAL(len > 0);
	send_frame(frame, len);
	if (stale) {
		env.stale_sent++;
		return; /* dropped: COUNT is not consumed */
	}
	env.exp_len[env.n_exp++] = (uint16_t)elen;
	env.good_sent++;
	s->ue.count++;
	s->last_seq = env.sent;
}

static void
drain_core(void)
{
	struct rte_mbuf *ms[64];
	unsigned int n, i;

	while ((n = rte_ring_dequeue_burst(env.core_tx, (void **)ms, 64, NULL)) != 0) {
		for (i = 0; i < n; i++) {
			unsigned int j = env.n_seen++;

			if (j >= env.n_exp || rte_pktmbuf_data_len(ms[i]) != env.exp_len[j] ||
			    memcmp(rte_pktmbuf_mtod(ms[i], void *), env.exp[j], env.exp_len[j]) != 0)
				env.mismatches++;
			rte_pktmbuf_free(ms[i]);
		}
	}
	while ((n = rte_ring_dequeue_burst(env.punt, (void **)ms, 64, NULL)) != 0)
		rte_pktmbuf_free_bulk(ms, n);
}

/* Control lcore work of one round: acknowledge pending re-keys, start one. */
static void
control_round(unsigned int round)
{
	unsigned int i;

	for (i = 0; i < N_UES; i++) {
		struct ue_state *s = &env.ues[i];

		if (s->quiescing && worker_has_taken(s->last_seq)) {
			s->quiescing = 0;
			s->old = s->ue;
			ue_new_keys(s);
			CU_ASSERT_EQUAL(install(s, &s->token), 0);
			s->pending = 1;
			env.rekeys++;
		} else if (s->pending && agw_ctx_is_acked(env.ctx, s->token)) {
			s->pending = 0;
			s->stale_due = 1;
		}
	}
	if (round % REKEY_EVERY == 0) {
		struct ue_state *s = &env.ues[rnd() % N_UES];

		if (!s->pending && !s->stale_due)
			s->quiescing = 1;
	}
}

static void
traffic_round(void)
{
	unsigned int k;

	for (k = 0; k < PER_ROUND; k++) {
		struct ue_state *s = &env.ues[rnd() % N_UES];

		if (s->pending || s->quiescing)
			continue; /* re-key under way: the UE waits */
		if (s->stale_due) {
			ue_send(s, 1);
			s->stale_due = 0;
		}
		ue_send(s, 0);
	}
}

static void
test_rekey_under_load(void)
{
	uint64_t deadline = rte_get_timer_cycles() + 60 * rte_get_timer_hz();
	unsigned int r;

	for (r = 0; r < ROUNDS; r++) {
		control_round(r);
		traffic_round();
		drain_core();
	}
	while ((env.w.stats.rx < env.sent || env.n_seen < env.n_exp) &&
	       rte_get_timer_cycles() < deadline)
		drain_core();
	printf("\n  sent %" PRIu64 " (%" PRIu64 " stale-key), re-keys %" PRIu64
	       ", forwarded %" PRIu64 ", bad_mac %" PRIu64 "\n",
	       env.sent, env.stale_sent, env.rekeys, env.w.stats.forwarded,
	       env.w.stats.drop[AGW_PKT_BAD_MAC]);
	for (r = 0; r < AGW_PKT_N_CAUSES; r++)
		if (env.w.stats.drop[r] != 0)
			printf("  drop_%s=%" PRIu64 "\n", agw_pkt_cause_name(r), env.w.stats.drop[r]);
	printf("  rx %" PRIu64 " verified %" PRIu64 " seen %u of %u\n", env.w.stats.rx,
	       env.w.stats.verified, env.n_seen, env.n_exp);
	CU_ASSERT(env.rekeys > ROUNDS / REKEY_EVERY / 2);
	CU_ASSERT(env.stale_sent > env.rekeys / 2);
	CU_ASSERT_EQUAL(env.w.stats.rx, env.sent);
	CU_ASSERT_EQUAL(env.w.stats.verified, env.good_sent);
	CU_ASSERT_EQUAL(env.w.stats.forwarded, env.good_sent);
	CU_ASSERT_EQUAL(env.w.stats.drop[AGW_PKT_BAD_MAC], env.stale_sent);
	CU_ASSERT_EQUAL(env.w.stats.dropped, env.stale_sent);
	CU_ASSERT_EQUAL(env.n_seen, env.n_exp);
	CU_ASSERT_EQUAL(env.mismatches, 0);
}

static int
start_port(uint16_t port)
{
	struct rte_eth_conf conf = {0};

	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL, env.pool) != 0 ||
	    rte_eth_tx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL) != 0)
		return -1;
	return rte_eth_dev_start(port);
}

static int
setup_ports(void)
{
	env.ran_rx = rte_ring_create("rk_ran_rx", 4096, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	env.ran_tx = rte_ring_create("rk_ran_tx", 1024, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	env.core_rx = rte_ring_create("rk_core_rx", 64, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	env.core_tx = rte_ring_create("rk_core_tx", 8192, 0, RING_F_SP_ENQ | RING_F_SC_DEQ);
	env.punt = rte_ring_create("rk_punt", 1024, 0, RING_F_SC_DEQ);
	if (!env.ran_rx || !env.ran_tx || !env.core_rx || !env.core_tx || !env.punt)
		return -1;
	env.ran_port = (uint16_t)rte_eth_from_rings("rk_ran", &env.ran_rx, 1, &env.ran_tx, 1, 0);
	env.core_port = (uint16_t)rte_eth_from_rings("rk_core", &env.core_rx, 1, &env.core_tx, 1,
						     0);
	return start_port(env.ran_port) != 0 || start_port(env.core_port) != 0 ? -1 : 0;
}

static int
setup_ues(void)
{
	unsigned int i;

	for (i = 0; i < N_UES; i++) {
		struct ue_state *s = &env.ues[i];

		s->ue.amf_id = 0x5000 + i;
		s->ue.ran_id = i + 1;
		s->ue.gnb = (uint8_t)(i % 2);
		s->ue.count = (uint32_t)(rnd() % 300);
		ue_new_keys(s);
		if (install(s, NULL) != 0)
			return -1;
	}
	return 0;
}

static int
suite_init(void)
{
	struct agw_ctx_table_conf cc = {.name = "rk_ctx", .capacity = 2 * N_UES,
					.max_workers = 1, .socket_id = SOCKET_ID_ANY};
	struct rte_graph_param gp = {.socket_id = SOCKET_ID_ANY,
				     .node_patterns = (const char **)agw_pipeline_node_patterns};
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);

	env.seed = 42;
	env.exp = malloc((size_t)MAX_EXPECT * sizeof(*env.exp));
	env.exp_len = malloc((size_t)MAX_EXPECT * sizeof(*env.exp_len));
	env.pool = rte_pktmbuf_pool_create("rk_pool", 16383, 256, AGW_PKT_META_SIZE,
					   RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	env.ctx = agw_ctx_table_create(&cc);
	env.eng = agw_nas_sec_engine_create();
	if (!env.exp || !env.exp_len || !env.pool || !env.ctx || !env.eng || setup_ports() != 0)
		return -1;
	snprintf(env.w.graph_name, sizeof(env.w.graph_name), "rk_worker0");
	env.w.ctx = env.ctx;
	env.w.punt_ring = env.punt;
	env.w.rx[0].port_id = env.ran_port;
	env.w.nb_rx = 1;
	env.w.core_tx.port_id = env.core_port;
	env.w.burst = 32;
	env.w.quit = &env.quit;
	while (agw_pipeline_node_patterns[gp.nb_node_patterns] != NULL)
		gp.nb_node_patterns++;
	if (setup_ues() != 0 || agw_pipeline_register_worker(&env.w) != 0 ||
	    rte_graph_create(env.w.graph_name, &gp) == RTE_GRAPH_ID_INVALID)
		return -1;
	return rte_eal_remote_launch(worker_loop, NULL, lcore);
}

static int
suite_fini(void)
{
	env.quit = 1;
	rte_eal_mp_wait_lcore();
	agw_ctx_table_free(env.ctx);
	agw_nas_sec_engine_free(env.eng);
	free(env.exp);
	free(env.exp_len);
	return 0;
}

static CU_TestInfo tests[] = {
	{"contexts replaced while traffic flows", test_rekey_under_load},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"rekey", suite_init, suite_fini, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};

int
main(int argc, char **argv)
{
	int rc;

	(void)argc;
	if (agw_test_eal_init(argv[0], "0,1", NULL) != 0)
		return 2;
	rc = agw_test_main(suites);
	rte_eal_cleanup();
	return rc;
}
