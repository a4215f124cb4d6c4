/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 *
 * lib/ctx: install / lookup / replace / delete, capacity, zeroisation after
 * the grace period, and replacement under concurrent lookups on a worker
 * lcore (no stale key once the update is acknowledged); the same for the
 * direct N2 index over gateway-allocated AMF-UE-NGAP-IDs, with its ID
 * allocation, generations and eviction.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_memory.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "agw_ctx.h"
#include "agw_test.h"
#include "agw_test_eal.h"

#define CAP 1024

static struct agw_nas_sec_engine *eng;
static struct agw_ctx_table *tbl;

static void
fill_install(struct agw_ctx_install *in, uint32_t assoc, uint64_t id, uint8_t seed)
{
	memset(in, 0, sizeof(*in));
	in->ue_key.assoc_id = assoc;
	in->ue_key.amf_ue_ngap_id = id;
	in->nia = AGW_NIA2;
	in->nea = AGW_NEA2;
	in->bearer = 1;
	memset(in->k_nas_int, seed, sizeof(in->k_nas_int));
	memset(in->k_nas_enc, (uint8_t)(seed ^ 0xff), sizeof(in->k_nas_enc));
}

static int
suite_init(void)
{
	struct agw_ctx_table_conf conf = {
		.name = "t_ctx", .capacity = CAP, .max_workers = 2, .socket_id = SOCKET_ID_ANY};

	eng = agw_nas_sec_engine_create();
	tbl = agw_ctx_table_create(&conf);
	return eng == NULL || tbl == NULL;
}

static int
suite_fini(void)
{
	agw_ctx_table_free(tbl);
	agw_nas_sec_engine_free(eng);
	return 0;
}

static struct agw_ue_ctx *
lookup_in(struct agw_ctx_table *t, uint32_t assoc, uint64_t id)
{
	struct agw_ctx_ue_key k = {.assoc_id = assoc, .amf_ue_ngap_id = id};
	struct agw_ue_ctx *c = NULL;

	agw_ctx_lookup_ue_bulk(t, &k, 1, &c);
	return c;
}

static struct agw_ue_ctx *
lookup1(uint32_t assoc, uint64_t id)
{
	return lookup_in(tbl, assoc, id);
}

static void
test_install_lookup(void)
{
	struct agw_ctx_install in;
	struct agw_nia_key want;
	struct agw_ue_ctx *c;

	fill_install(&in, 7, 0x123456789aULL, 0x11);
	in.stmsi = 0xabcdef01234ULL;
	CU_ASSERT_EQUAL(agw_ctx_install(tbl, eng, &in, NULL), 0);
	c = lookup1(7, 0x123456789aULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->nia, AGW_NIA2);
	CU_ASSERT_EQUAL(c->flags & AGW_CTX_F_CIPHER, AGW_CTX_F_CIPHER);
	/* The expanded key equals one expanded independently from the raw key. */
	CU_ASSERT_EQUAL(agw_nia_key_init(eng, &want, AGW_NIA2, in.k_nas_int), 0);
	CU_ASSERT(memcmp(&want, &c->nia_key, sizeof(want)) == 0);
	CU_ASSERT_PTR_EQUAL(agw_ctx_lookup_stmsi(tbl, in.stmsi), c);
	CU_ASSERT_PTR_NULL(lookup1(8, 0x123456789aULL));
	CU_ASSERT_PTR_NULL(agw_ctx_lookup_stmsi(tbl, 42));
}

static void
test_replace_defers_free(void)
{
	struct agw_ctx_install in;
	struct agw_ue_ctx *old, *cur;
	uint64_t tok;

	fill_install(&in, 9, 1, 0x22);
	in.stmsi = 0x77;
	CU_ASSERT_EQUAL_FATAL(agw_ctx_install(tbl, eng, &in, NULL), 0);
	old = lookup1(9, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	/* Worker 0 is registered and has not reported: the old slot stays. */
	CU_ASSERT_EQUAL(agw_ctx_worker_register(tbl, 0), 0);
	fill_install(&in, 9, 1, 0x33);
	in.stmsi = 0x78;
	in.nia = AGW_NIA3;
	CU_ASSERT_EQUAL(agw_ctx_install(tbl, eng, &in, &tok), 0);
	cur = lookup1(9, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cur);
	CU_ASSERT_PTR_NOT_EQUAL(cur, old);
	CU_ASSERT_EQUAL(cur->nia, AGW_NIA3);
	CU_ASSERT_PTR_NULL(agw_ctx_lookup_stmsi(tbl, 0x77));
	CU_ASSERT_PTR_EQUAL(agw_ctx_lookup_stmsi(tbl, 0x78), cur);
	CU_ASSERT_EQUAL(agw_ctx_is_acked(tbl, tok), 0);
	CU_ASSERT_EQUAL(old->nia_key.u.cmac.enc_keys[0] != 0, 1);
	agw_ctx_worker_quiescent(tbl, 0);
	CU_ASSERT_EQUAL(agw_ctx_is_acked(tbl, tok), 1);
	/* Reclaimed: the old keys are zeroised. */
	{
		static const struct agw_nia_key zero;
		CU_ASSERT(memcmp(&old->nia_key, &zero, sizeof(zero)) == 0);
	}
	agw_ctx_worker_unregister(tbl, 0);
}

static void
test_delete_and_errors(void)
{
	struct agw_ctx_ue_key k = {.assoc_id = 9, .amf_ue_ngap_id = 1};
	struct agw_ctx_install in;
	struct agw_ctx_stats st;

	CU_ASSERT_EQUAL(agw_ctx_delete(tbl, &k, NULL), 0);
	CU_ASSERT_PTR_NULL(lookup1(9, 1));
	CU_ASSERT_PTR_NULL(agw_ctx_lookup_stmsi(tbl, 0x78));
	CU_ASSERT_EQUAL(agw_ctx_delete(tbl, &k, NULL), -ENOENT);
	fill_install(&in, 1, 1, 1);
	in.nia = 9;
	CU_ASSERT_EQUAL(agw_ctx_install(tbl, eng, &in, NULL), -EINVAL);
	CU_ASSERT_PTR_NULL(lookup1(1, 1));
	agw_ctx_reclaim(tbl);
	agw_ctx_stats_get(tbl, &st);
	CU_ASSERT_EQUAL(st.in_use, 1);
	CU_ASSERT_EQUAL(st.deferred, 0);
	CU_ASSERT(st.bytes_per_ctx >= sizeof(struct agw_ue_ctx));
}

static void
test_capacity(void)
{
	struct agw_ctx_install in;
	struct agw_ctx_stats st;
	uint32_t i, ok = 0;

	for (i = 0; i < CAP + 5; i++) {
		fill_install(&in, 100, i, (uint8_t)i);
		if (agw_ctx_install(tbl, eng, &in, NULL) == 0)
			ok++;
	}
	agw_ctx_stats_get(tbl, &st);
	CU_ASSERT_EQUAL(ok, CAP - 1); /* one slot held by test_install_lookup */
	CU_ASSERT_EQUAL(st.full, 6);
	for (i = 0; i < ok; i++) {
		struct agw_ctx_ue_key k = {.assoc_id = 100, .amf_ue_ngap_id = i};
		CU_ASSERT_EQUAL(agw_ctx_delete(tbl, &k, NULL), 0);
	}
	agw_ctx_reclaim(tbl);
	fill_install(&in, 100, 5000, 1);
	CU_ASSERT_EQUAL(agw_ctx_install(tbl, eng, &in, NULL), 0);
}

/* Concurrency: the worker keeps looking up one UE and records the
 * generation it saw after the control lcore published "acked gen". */
static volatile uint32_t acked_gen;
static volatile int stop_worker;
static volatile uint64_t stale_after_ack;
static volatile uint64_t worker_lookups;
static volatile uint64_t torn_reads;
static struct agw_ctx_table *load_tbl; /* the table and key under load */
static uint64_t load_id;

static int
worker_main(void *arg)
{
	(void)arg;
	agw_ctx_worker_register(load_tbl, 1);
	while (!stop_worker) {
		uint32_t floor = __atomic_load_n(&acked_gen, __ATOMIC_ACQUIRE);
		struct agw_ue_ctx *c = lookup_in(load_tbl, 55, load_id);

		/* Key byte 0 of K_NASint encodes the generation. */
		if (c != NULL) {
			uint8_t g0 = c->nia_key.u.raw[0];
			int spin;

			if (g0 < (uint8_t)floor)
				stale_after_ack++;
			/* Hold the context as the crypto would: it must not be
			 * freed, zeroised or reused under us. */
			for (spin = 0; spin < 64; spin++)
				rte_pause();
			if (__atomic_load_n(&c->nia_key.u.raw[0], __ATOMIC_RELAXED) != g0)
				torn_reads++;
		}
		worker_lookups++;
		agw_ctx_worker_quiescent(load_tbl, 1);
	}
	agw_ctx_worker_unregister(load_tbl, 1);
	return 0;
}

/* Replace key (55, @p id) of @p t 249 times while a worker looks it up. */
static void
replace_under_load(struct agw_ctx_table *t, uint64_t id)
{
	struct agw_ctx_install in;
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	uint32_t g;

	CU_ASSERT_FATAL(lcore < RTE_MAX_LCORE);
	fill_install(&in, 55, id, 0);
	in.nia = AGW_NIA1; /* raw key: byte 0 readable as the generation */
	CU_ASSERT_EQUAL_FATAL(agw_ctx_install(t, eng, &in, NULL), 0);
	load_tbl = t;
	load_id = id;
	acked_gen = 0;
	stop_worker = 0;
	worker_lookups = stale_after_ack = torn_reads = 0;
	rte_eal_remote_launch(worker_main, NULL, lcore);
	for (g = 1; g < 250; g++) {
		uint64_t tok;

		memset(in.k_nas_int, (int)g, sizeof(in.k_nas_int));
		CU_ASSERT_EQUAL_FATAL(agw_ctx_install(t, eng, &in, &tok), 0);
		while (!agw_ctx_is_acked(t, tok))
			rte_pause();
		__atomic_store_n(&acked_gen, g, __ATOMIC_RELEASE);
	}
	stop_worker = 1;
	rte_eal_wait_lcore(lcore);
	CU_ASSERT(worker_lookups > 0);
	CU_ASSERT_EQUAL(stale_after_ack, 0);
	CU_ASSERT_EQUAL(torn_reads, 0);
}

static void
test_replace_under_load(void)
{
	replace_under_load(tbl, 55);
}

/* Engine hooks: sessions made at install, released only after the grace
 * period (replace, delete) or at once when an install fails. */
static int hook_installs, hook_releases, hook_fail;
static int sess_marker;

static int
hook_install(void *arg, const struct agw_ctx_install *in, struct agw_ue_ctx *c)
{
	(void)arg;
	(void)in;
	c->sess_int = &sess_marker;
	hook_installs++;
	return hook_fail ? -ENOTSUP : 0;
}

static void
hook_release(void *arg, struct agw_ue_ctx *c)
{
	CU_ASSERT_PTR_EQUAL(arg, &hook_installs);
	CU_ASSERT_PTR_EQUAL(c->sess_int, &sess_marker);
	hook_releases++;
}

static void
test_hooks(void)
{
	struct agw_ctx_hooks hooks = {hook_install, hook_release, &hook_installs};
	struct agw_ctx_table_conf conf = {.name = "t_hook", .capacity = 8, .max_workers = 1,
					  .socket_id = SOCKET_ID_ANY, .hooks = &hooks};
	struct agw_ctx_table *t = agw_ctx_table_create(&conf);
	struct agw_ctx_ue_key k = {.assoc_id = 1, .amf_ue_ngap_id = 2};
	struct agw_ctx_install in;
	uint64_t tok;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	fill_install(&in, 1, 2, 5);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), 0);
	CU_ASSERT_EQUAL(agw_ctx_worker_register(t, 0), 0);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, &tok), 0); /* replace */
	CU_ASSERT_EQUAL(hook_installs, 2);
	agw_ctx_reclaim(t);
	CU_ASSERT_EQUAL(hook_releases, 0); /* worker 0 has not passed a QS */
	agw_ctx_worker_quiescent(t, 0);
	CU_ASSERT_EQUAL(agw_ctx_is_acked(t, tok), 1);
	CU_ASSERT_EQUAL(hook_releases, 1);
	hook_fail = 1;
	fill_install(&in, 1, 3, 6);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), -ENOTSUP);
	CU_ASSERT_EQUAL(hook_releases, 2); /* failed install released at once */
	hook_fail = 0;
	CU_ASSERT_EQUAL(agw_ctx_delete(t, &k, &tok), 0);
	agw_ctx_worker_quiescent(t, 0);
	CU_ASSERT_EQUAL(agw_ctx_is_acked(t, tok), 1);
	CU_ASSERT_EQUAL(hook_releases, 3);
	agw_ctx_worker_unregister(t, 0);
	agw_ctx_table_free(t);
	CU_ASSERT_EQUAL(hook_releases, 3);
}

/* ---- direct N2 index (gateway-allocated AMF-UE-NGAP-IDs) ---------------- */

#define N2_IDS 8 /* 2^3 indices: ID = generation << 3 | index */

static struct agw_ctx_table *
n2_table(const char *name)
{
	struct agw_ctx_table_conf conf = {.name = name, .capacity = 16, .max_workers = 2,
					  .socket_id = SOCKET_ID_ANY, .n2_ids = N2_IDS};

	return agw_ctx_table_create(&conf);
}

static void
test_n2_id_alloc(void)
{
	struct agw_ctx_table *t = n2_table("t_n2a");
	struct agw_ctx_stats st;
	uint64_t id[N2_IDS], x;
	unsigned int seen = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (unsigned int i = 0; i < N2_IDS; i++) {
		CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &id[i]), 0);
		CU_ASSERT_EQUAL(id[i] >> 3, 1); /* first generation */
		seen |= 1u << (id[i] & 7);
	}
	CU_ASSERT_EQUAL(seen, 0xff); /* every index once */
	CU_ASSERT_EQUAL(agw_ctx_n2_id_alloc(t, &x), -ENOSPC);
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(t, id[3]), 0);
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(t, id[3]), -ENOENT); /* twice */
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(t, 0), -ENOENT);
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(t, id[4] + 8), -ENOENT); /* other generation */
	CU_ASSERT_EQUAL(agw_ctx_n2_id_alloc(t, &x), 0);
	CU_ASSERT_EQUAL(x & 7, id[3] & 7);
	CU_ASSERT_EQUAL(x >> 3, 2); /* the index reused: a new generation */
	agw_ctx_stats_get(t, &st);
	CU_ASSERT_EQUAL(st.n2_ids_in_use, N2_IDS);
	CU_ASSERT_EQUAL(st.n2_ids_full, 1);
	agw_ctx_table_free(t);
	/* Hash mode: the core allocates the IDs. */
	CU_ASSERT_EQUAL(agw_ctx_n2_id_alloc(tbl, &x), -ENOTSUP);
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(tbl, 9), -ENOTSUP);
}

static void
test_n2_install_lookup(void)
{
	struct agw_ctx_table *t = n2_table("t_n2b");
	struct agw_ctx_ue_key keys[4];
	struct agw_ue_ctx *out[4], *c;
	struct agw_ctx_install in;
	struct agw_nia_key want;
	struct agw_ctx_stats st;
	uint64_t a, b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &a), 0);
	CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &b), 0);
	fill_install(&in, 5, a, 0x41);
	in.stmsi = 0x1234;
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), 0);
	c = lookup_in(t, 5, a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(agw_nia_key_init(eng, &want, AGW_NIA2, in.k_nas_int), 0);
	CU_ASSERT(memcmp(&want, &c->nia_key, sizeof(want)) == 0);
	CU_ASSERT_PTR_EQUAL(agw_ctx_lookup_stmsi(t, 0x1234), c);
	CU_ASSERT_PTR_NULL(lookup_in(t, 6, a));     /* other association */
	CU_ASSERT_PTR_NULL(lookup_in(t, 5, a + 8)); /* same index, other generation */
	CU_ASSERT_PTR_NULL(lookup_in(t, 5, a & 7)); /* generation 0 */
	CU_ASSERT_PTR_NULL(lookup_in(t, 5, 1ULL << 40 | a)); /* beyond 40 bits */
	CU_ASSERT_PTR_NULL(lookup_in(t, 5, b));     /* allocated, nothing installed */
	/* Only allocated IDs can be installed. */
	fill_install(&in, 5, b + 8, 0x42);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), -EINVAL);
	fill_install(&in, 5, b, 0x42);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), 0);
	/* Bulk: hits and misses in one call, in order. */
	keys[0] = (struct agw_ctx_ue_key){.assoc_id = 5, .amf_ue_ngap_id = b};
	keys[1] = (struct agw_ctx_ue_key){.assoc_id = 5, .amf_ue_ngap_id = 77};
	keys[2] = (struct agw_ctx_ue_key){.assoc_id = 5, .amf_ue_ngap_id = a};
	keys[3] = (struct agw_ctx_ue_key){.assoc_id = 4, .amf_ue_ngap_id = a};
	CU_ASSERT_EQUAL(agw_ctx_lookup_ue_bulk(t, keys, 4, out), 2);
	CU_ASSERT_PTR_EQUAL(out[2], c);
	CU_ASSERT_PTR_NOT_NULL(out[0]);
	CU_ASSERT(out[0] != NULL && out[0]->amf_ue_ngap_id == b);
	CU_ASSERT_PTR_NULL(out[1]);
	CU_ASSERT_PTR_NULL(out[3]);
	/* Replace, then delete. */
	fill_install(&in, 5, a, 0x43);
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), 0);
	c = lookup_in(t, 5, a);
	CU_ASSERT(c != NULL && c->nia_key.u.raw[0] != want.u.raw[0]);
	CU_ASSERT_EQUAL(agw_ctx_delete(t, &keys[3], NULL), -ENOENT); /* wrong assoc */
	CU_ASSERT_EQUAL(agw_ctx_delete(t, &keys[2], NULL), 0);
	CU_ASSERT_PTR_NULL(lookup_in(t, 5, a));
	CU_ASSERT_EQUAL(agw_ctx_delete(t, &keys[2], NULL), -ENOENT);
	agw_ctx_stats_get(t, &st);
	CU_ASSERT_EQUAL(st.installs, 2);
	CU_ASSERT_EQUAL(st.replaces, 1);
	CU_ASSERT_EQUAL(st.deletes, 1);
	CU_ASSERT_EQUAL(st.in_use, 1);
	agw_ctx_table_free(t);
}

/* An ID given back while its context is installed: the context stays
 * reachable until the index is reused, then the new UE's replaces it. */
static void
test_n2_evict(void)
{
	struct agw_ctx_table *t = n2_table("t_n2c");
	struct agw_ctx_install in;
	struct agw_ctx_stats st;
	struct agw_ue_ctx *c;
	uint64_t a, b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &a), 0);
	fill_install(&in, 2, a, 0x51);
	in.stmsi = 0x5151;
	CU_ASSERT_EQUAL_FATAL(agw_ctx_install(t, eng, &in, NULL), 0);
	CU_ASSERT_EQUAL(agw_ctx_n2_id_free(t, a), 0);
	CU_ASSERT_PTR_NOT_NULL(lookup_in(t, 2, a));
	CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &b), 0);
	CU_ASSERT_EQUAL_FATAL(b & 7, a & 7); /* the freed index comes back first */
	fill_install(&in, 3, b, 0x52);
	in.stmsi = 0x5252;
	CU_ASSERT_EQUAL(agw_ctx_install(t, eng, &in, NULL), 0);
	CU_ASSERT_PTR_NULL(lookup_in(t, 2, a));
	CU_ASSERT_PTR_NULL(agw_ctx_lookup_stmsi(t, 0x5151));
	c = lookup_in(t, 3, b);
	CU_ASSERT_PTR_NOT_NULL(c);
	CU_ASSERT_PTR_EQUAL(agw_ctx_lookup_stmsi(t, 0x5252), c);
	agw_ctx_stats_get(t, &st);
	CU_ASSERT_EQUAL(st.evicted, 1);
	CU_ASSERT_EQUAL(st.in_use, 1);
	agw_ctx_table_free(t);
}

static void
test_n2_replace_under_load(void)
{
	struct agw_ctx_table *t = n2_table("t_n2d");
	uint64_t id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(agw_ctx_n2_id_alloc(t, &id), 0);
	replace_under_load(t, id);
	agw_ctx_table_free(t);
}

static CU_TestInfo ctx_tests[] = {
	{"engine hooks: install, deferred release", test_hooks},
	{"install and lookup", test_install_lookup},
	{"replace defers free until quiescent", test_replace_defers_free},
	{"delete and bad input", test_delete_and_errors},
	{"capacity limit", test_capacity},
	{"replace under concurrent lookups", test_replace_under_load},
	{"n2: ID allocation, generations", test_n2_id_alloc},
	{"n2: install, bulk lookup, replace, delete", test_n2_install_lookup},
	{"n2: freed ID's context evicted on reuse", test_n2_evict},
	{"n2: replace under concurrent lookups", test_n2_replace_under_load},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"ctx", suite_init, suite_fini, NULL, NULL, ctx_tests},
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
