/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Unit tests of lib/nascrypt (the `cryptodev` NAS crypto engine) on every
 * software crypto PMD that can be created here: crypto_aesni_mb0 (EAL
 * --vdev), crypto_openssl0, crypto_snow3g0 and crypto_zuc0 (rte_vdev_init()
 * after EAL start). crypto_null0 serves the "no NAS algorithm" error case.
 *
 *  - every 3GPP test set of EIA1/2/3 and EEA1/2/3 on each PMD that has the
 *    algorithm (a PMD that lacks one is reported; NIA2 sets that are not
 *    whole octets are skipped with the reason, the PMDs' AES-CMAC counts in
 *    octets), through the msg and the mbuf paths, generate and both verify
 *    flavours;
 *  - equivalence with the IPsec-MB engine (lib/crypto) on 2,000 random
 *    messages per PMD, mixed algorithms, keys, COUNT, BEARER, DIRECTION,
 *    1..512 octets;
 *  - forged MACs, invalid operations, key material gone from the session
 *    pool after free, short enqueues (tiny queue), two workers on two queue
 *    pairs at once, error paths;
 *  - after every test, no session, crypto op or mbuf is out of its pool.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cryptodev.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_random.h>

#include "agw_cdev.h"
#include "agw_nas_sec.h"
#include "agw_test.h"
#include "agw_test_eal.h"
#include "agw_test_vectors.h"

#define MAX_TV 16
#define NB_QP 2
#define MAX_SESS 1024
#define HDR 16	/* octets in front of a message (NIA2 prefix room + canary) */
#define TAIL 16 /* octets after it (AGW_NIA2_TAILROOM) */
#define CANARY 0xa5
#define EQ_TOTAL 2000
#define EQ_BATCH 100
#define EQ_MAX_LEN 512
#define BUF_LEN (HDR + 4096 + TAIL)

/* ------------------------------------------------------------------ */
/* PMDs and shared state                                               */
/* ------------------------------------------------------------------ */

struct pmd {
	const char *name;
	int from_eal; /* created by EAL --vdev (else rte_vdev_init) */
	int present;
	struct agw_cdev *c;
	/* per-category results of the vector test */
	unsigned int tv_run[6], tv_skip[6];
};

static struct pmd g_pmd[] = {
	{.name = "crypto_aesni_mb0", .from_eal = 1},
	{.name = "crypto_openssl0"},
	{.name = "crypto_snow3g0"},
	{.name = "crypto_zuc0"},
};
#define NB_PMD RTE_DIM(g_pmd)
static int g_null_present;

static struct rte_mempool *g_mbp;
static struct agw_nas_sec_engine *g_eng;

/* One 3GPP test set, whatever its category. */
struct tv {
	const char *source;
	const uint8_t *key;
	uint32_t count;
	uint8_t bearer;
	uint8_t dir;
	uint32_t len_bits;
	const uint8_t *msg;
	const uint8_t *exp;
};

enum cat { C_EIA1, C_EIA2, C_EIA3, C_EEA1, C_EEA2, C_EEA3, C_NUM };
static const char *const cat_name[C_NUM] = {"EIA1", "EIA2", "EIA3", "EEA1", "EEA2", "EEA3"};
static struct tv g_tv[C_NUM][MAX_TV];
static unsigned int g_n[C_NUM];

static int
cat_is_nia(enum cat c)
{
	return c <= C_EIA3;
}

static unsigned int
cat_alg(enum cat c)
{
	return cat_is_nia(c) ? (unsigned int)c - C_EIA1 + 1 : (unsigned int)c - C_EEA1 + 1;
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
nbytes(uint32_t bits)
{
	return (bits + 7) / 8;
}

static int
tv_add(enum cat c, const char *src, const uint8_t *key, size_t key_len, const uint8_t *count,
       size_t count_len, long bearer, long dir, long bits, const uint8_t *msg, size_t msg_len,
       const uint8_t *exp, size_t exp_len)
{
	struct tv *t;

	if (g_n[c] == MAX_TV || key_len != 16 || count_len != 4 || bearer < 0 || bearer > 31 ||
	    dir < 0 || dir > 1 || bits < 1 || bits > 8 * 4096 || msg_len < nbytes((uint32_t)bits) ||
	    exp_len < (cat_is_nia(c) ? AGW_NAS_MAC_LEN : nbytes((uint32_t)bits))) {
		fprintf(stderr, "malformed test vector: %s\n", src);
		return -1;
	}
	t = &g_tv[c][g_n[c]++];
	*t = (struct tv){.source = src,
			 .key = key,
			 .count = be32(count),
			 .bearer = (uint8_t)bearer,
			 .dir = (uint8_t)dir,
			 .len_bits = (uint32_t)bits,
			 .msg = msg,
			 .exp = exp};
	return 0;
}

#define TV_LOAD(c, arr, n)                                                                         \
	do {                                                                                       \
		for (size_t i_ = 0; i_ < (n); i_++)                                                \
			if (tv_add(c, arr[i_].source, arr[i_].key, arr[i_].key_len, arr[i_].count, \
				   arr[i_].count_len, arr[i_].bearer, arr[i_].direction,           \
				   arr[i_].length_bits, arr[i_].message, arr[i_].message_len,      \
				   arr[i_].expected, arr[i_].expected_len) != 0)                   \
				return -1;                                                         \
	} while (0)

static struct agw_cdev *
engine_create(const char *name, uint32_t depth, uint32_t max_sess)
{
	struct agw_cdev_conf conf = {
		.dev_name = name,
		.nb_qp = NB_QP,
		.max_sessions = max_sess,
		.socket_id = SOCKET_ID_ANY,
		.qp_depth = depth,
	};
	struct rte_cryptodev_info info;
	int id = rte_cryptodev_get_dev_id(name);

	if (id >= 0) {
		rte_cryptodev_info_get((uint8_t)id, &info);
		if (info.sym.max_nb_sessions != 0 && conf.max_sessions > info.sym.max_nb_sessions)
			conf.max_sessions = info.sym.max_nb_sessions;
	}
	return agw_cdev_create(&conf);
}

static int
suite_init(void)
{
	memset(g_n, 0, sizeof(g_n));
	TV_LOAD(C_EIA1, agw_tv_eia1, AGW_TV_EIA1_N);
	TV_LOAD(C_EIA2, agw_tv_eia2, AGW_TV_EIA2_N);
	TV_LOAD(C_EIA3, agw_tv_eia3, AGW_TV_EIA3_N);
	TV_LOAD(C_EEA1, agw_tv_eea1, AGW_TV_EEA1_N);
	TV_LOAD(C_EEA2, agw_tv_eea2, AGW_TV_EEA2_N);
	TV_LOAD(C_EEA3, agw_tv_eea3, AGW_TV_EEA3_N);
	for (int c = 0; c < C_NUM; c++)
		if (g_n[c] == 0)
			return -1;

	g_eng = agw_nas_sec_engine_create();
	if (g_eng == NULL)
		return -1;
	g_mbp = rte_pktmbuf_pool_create("test_cdev_mb", 512, 0, 0, RTE_PKTMBUF_HEADROOM + BUF_LEN,
					SOCKET_ID_ANY);
	if (g_mbp == NULL)
		return -1;
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];

		if (!p->from_eal && rte_vdev_init(p->name, NULL) != 0) {
			printf("\n  %s: vdev not available, not tested\n", p->name);
			continue;
		}
		p->c = engine_create(p->name, 0, MAX_SESS);
		if (p->c == NULL) {
			printf("\n  %s: engine create failed: %s\n", p->name,
			       rte_strerror(rte_errno));
			if (p->from_eal)
				return -1; /* the reference PMD must work */
			continue;
		}
		p->present = 1;
	}
	g_null_present = rte_vdev_init("crypto_null0", NULL) == 0;
	return 0;
}

static int
suite_clean(void)
{
	for (unsigned int i = 0; i < NB_PMD; i++) {
		if (g_pmd[i].c != NULL && agw_cdev_free(g_pmd[i].c) != 0)
			fprintf(stderr, "%s: agw_cdev_free failed\n", g_pmd[i].name);
		g_pmd[i].c = NULL;
	}
	rte_mempool_free(g_mbp);
	agw_nas_sec_engine_free(g_eng);
	return 0;
}

/* Every pool back to full: no session, op or mbuf left out. */
static void
check_pools(void)
{
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct agw_cdev_usage u;

		if (g_pmd[i].c == NULL)
			continue;
		CU_ASSERT_FATAL(agw_cdev_usage_get(g_pmd[i].c, &u) == 0);
		if (u.sessions || u.ops || u.mbufs)
			fprintf(stderr, "\n  %s: in use: %u sessions, %u ops, %u mbufs\n",
				g_pmd[i].name, u.sessions, u.ops, u.mbufs);
		CU_ASSERT(u.sessions == 0);
		CU_ASSERT(u.ops == 0);
		CU_ASSERT(u.mbufs == 0);
	}
	CU_ASSERT(rte_mempool_avail_count(g_mbp) == g_mbp->size);
}

static void
rand_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rte_rand();
}

static int
bits_eq(const uint8_t *a, const uint8_t *b, uint32_t bits)
{
	uint32_t full = bits / 8;
	uint8_t mask = (uint8_t)(0xff00u >> (bits & 7));

	if (memcmp(a, b, full) != 0)
		return 0;
	return (bits & 7) == 0 || ((a[full] ^ b[full]) & mask) == 0;
}

static int
tail_zero(const uint8_t *a, uint32_t bits)
{
	return (bits & 7) == 0 || (a[bits / 8] & (uint8_t) ~(0xff00u >> (bits & 7))) == 0;
}

/* A message slot: HDR canary octets, the message, TAIL canary octets, either
 * in a test-pool mbuf or in a heap buffer. */
struct slot {
	struct rte_mbuf *m;
	uint8_t *buf; /* start of HDR */
	uint8_t heap[BUF_LEN];
};

static uint8_t *
slot_init(struct slot *s, int use_mbuf, const uint8_t *msg, uint32_t len)
{
	s->m = NULL;
	if (use_mbuf) {
		s->m = rte_pktmbuf_alloc(g_mbp);
		if (s->m == NULL)
			return NULL;
		s->buf = (uint8_t *)rte_pktmbuf_append(s->m, (uint16_t)(HDR + len + TAIL));
		if (s->buf == NULL)
			return NULL;
	} else {
		s->buf = s->heap;
	}
	memset(s->buf, CANARY, HDR + len + TAIL);
	memcpy(s->buf + HDR, msg, len);
	return s->buf + HDR;
}

/* Canaries in front of and after the message untouched. */
static int
slot_canaries_ok(const struct slot *s, uint32_t len)
{
	for (uint32_t i = 0; i < HDR; i++)
		if (s->buf[i] != CANARY)
			return 0;
	for (uint32_t i = 0; i < TAIL; i++)
		if (s->buf[HDR + len + i] != CANARY)
			return 0;
	return 1;
}

static void
slot_fini(struct slot *s)
{
	rte_pktmbuf_free(s->m);
	s->m = NULL;
}

/* One integrity op through the engine (burst of 1). */
static uint8_t
run_nia(struct agw_cdev *c, void *sess, const uint8_t *msg, uint32_t bits, uint32_t count,
	uint8_t bearer, uint8_t dir, int verify, uint8_t mac[AGW_NAS_MAC_LEN], int use_mbuf)
{
	static struct slot s;
	struct agw_cdev_nia_op op = {0};
	uint32_t len = nbytes(bits);
	uint8_t *p = slot_init(&s, use_mbuf, msg, len);

	CU_ASSERT_FATAL(p != NULL);
	op.sess = sess;
	if (use_mbuf) {
		op.m = s.m;
		op.data_off = HDR;
	} else {
		op.msg = p;
	}
	op.len_bits = bits;
	op.count = count;
	op.bearer = bearer;
	op.dir = dir;
	op.verify = (uint8_t)verify;
	op.status = 0xff;
	if (verify)
		memcpy(op.mac, mac, AGW_NAS_MAC_LEN);
	CU_ASSERT(agw_cdev_nia_burst(c, 0, &op, 1) == (op.status == AGW_NAS_SEC_OK));
	/* The NIA2 prefix octets are put back, the message is untouched. */
	CU_ASSERT(slot_canaries_ok(&s, len));
	CU_ASSERT(memcmp(p, msg, len) == 0);
	if (!verify)
		memcpy(mac, op.mac, AGW_NAS_MAC_LEN);
	slot_fini(&s);
	return op.status;
}

/* One ciphering op; mode 0 out-of-place, 1 in place, 2 in an mbuf. */
static uint8_t
run_nea(struct agw_cdev *c, void *sess, const uint8_t *in, uint32_t bits, uint32_t count,
	uint8_t bearer, uint8_t dir, uint8_t *out, int mode)
{
	static struct slot s;
	static uint8_t obuf[BUF_LEN];
	struct agw_cdev_nea_op op = {0};
	uint32_t len = nbytes(bits);
	uint8_t *p = slot_init(&s, mode == 2, in, len);

	CU_ASSERT_FATAL(p != NULL);
	op.sess = sess;
	if (mode == 2) {
		op.m = s.m;
		op.data_off = HDR;
	} else if (mode == 1) {
		op.in = p;
		op.out = p;
	} else {
		memset(obuf, CANARY, sizeof(obuf));
		op.in = p;
		op.out = obuf + HDR;
	}
	op.len_bits = bits;
	op.count = count;
	op.bearer = bearer;
	op.dir = dir;
	op.status = 0xff;
	CU_ASSERT(agw_cdev_nea_burst(c, 0, &op, 1) == (op.status == AGW_NAS_SEC_OK));
	if (mode == 0) {
		CU_ASSERT(memcmp(p, in, len) == 0); /* input untouched */
		memcpy(out, obuf + HDR, len);
		for (uint32_t i = 0; i < HDR; i++)
			CU_ASSERT(obuf[i] == CANARY && obuf[HDR + len + i] == CANARY);
	} else {
		memcpy(out, p, len);
		CU_ASSERT(slot_canaries_ok(&s, len));
	}
	slot_fini(&s);
	return op.status;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void
test_report(void)
{
	printf("\n");
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];
		uint8_t id;

		if (!p->present) {
			printf("    %-17s not available\n", p->name);
			continue;
		}
		id = agw_cdev_dev_id(p->c);
		printf("    %-17s driver %-16s NIA:%s%s%s NEA:%s%s%s  session %d B "
		       "(PMD private %u B)\n",
		       p->name, agw_cdev_driver_name(p->c),
		       agw_cdev_nia_supported(p->c, 1) ? " 1" : " -",
		       agw_cdev_nia_supported(p->c, 2) ? " 2" : " -",
		       agw_cdev_nia_supported(p->c, 3) ? " 3" : " -",
		       agw_cdev_nea_supported(p->c, 1) ? " 1" : " -",
		       agw_cdev_nea_supported(p->c, 2) ? " 2" : " -",
		       agw_cdev_nea_supported(p->c, 3) ? " 3" : " -", agw_cdev_session_bytes(p->c),
		       rte_cryptodev_sym_get_private_session_size(id));
		CU_ASSERT(agw_cdev_session_bytes(p->c) >
			  (int)rte_cryptodev_sym_get_private_session_size(id));
	}
	/* The reference PMD runs all six algorithms. */
	for (unsigned int a = 1; a <= 3; a++) {
		CU_ASSERT(agw_cdev_nia_supported(g_pmd[0].c, a));
		CU_ASSERT(agw_cdev_nea_supported(g_pmd[0].c, a));
	}
	CU_ASSERT(!agw_cdev_nia_supported(g_pmd[0].c, 0));
	CU_ASSERT(!agw_cdev_nea_supported(g_pmd[0].c, 4));
	check_pools();
}

static void
vectors_on(struct pmd *p, enum cat c)
{
	unsigned int alg = cat_alg(c);
	uint8_t out[4096], back[4096];

	for (unsigned int i = 0; i < g_n[c]; i++) {
		const struct tv *t = &g_tv[c][i];
		uint32_t len = nbytes(t->len_bits);
		void *s = NULL, *sv = NULL;
		uint8_t mac[AGW_NAS_MAC_LEN];

		if (c == C_EIA2 && (t->len_bits & 7) != 0) {
			printf("      skip %s %s set %u (%u bits): the PMD's AES-CMAC "
			       "counts whole octets\n",
			       p->name, cat_name[c], i + 1, t->len_bits);
			p->tv_skip[c]++;
			continue;
		}
		if (cat_is_nia(c)) {
			CU_ASSERT_FATAL(agw_cdev_session_nia(p->c, alg, t->key, &s) == 0);
			CU_ASSERT_FATAL(agw_cdev_session_nia_verify(p->c, alg, t->key, &sv) == 0);
			for (int mb = 0; mb <= 1; mb++) {
				memset(mac, 0, sizeof(mac));
				CU_ASSERT(run_nia(p->c, s, t->msg, t->len_bits, t->count, t->bearer,
						  t->dir, 0, mac, mb) == AGW_NAS_SEC_OK);
				AGW_ASSERT_MEM_EQ(mac, t->exp, AGW_NAS_MAC_LEN);
				memcpy(mac, t->exp, AGW_NAS_MAC_LEN);
				CU_ASSERT(run_nia(p->c, s, t->msg, t->len_bits, t->count, t->bearer,
						  t->dir, 1, mac, mb) == AGW_NAS_SEC_OK);
				CU_ASSERT(run_nia(p->c, sv, t->msg, t->len_bits, t->count,
						  t->bearer, t->dir, 1, mac, mb) == AGW_NAS_SEC_OK);
			}
		} else {
			CU_ASSERT_FATAL(agw_cdev_session_nea(p->c, alg, t->key, &s) == 0);
			for (int mode = 0; mode <= 2; mode++) {
				memset(out, 0x5a, len);
				CU_ASSERT(run_nea(p->c, s, t->msg, t->len_bits, t->count, t->bearer,
						  t->dir, out, mode) == AGW_NAS_SEC_OK);
				if (!bits_eq(out, t->exp, t->len_bits))
					fprintf(stderr, "\n  %s %s set %u mode %d: mismatch\n",
						p->name, cat_name[c], i + 1, mode);
				CU_ASSERT(bits_eq(out, t->exp, t->len_bits));
				CU_ASSERT(tail_zero(out, t->len_bits));
				/* and back */
				CU_ASSERT(run_nea(p->c, s, out, t->len_bits, t->count, t->bearer,
						  t->dir, back, mode) == AGW_NAS_SEC_OK);
				CU_ASSERT(bits_eq(back, t->msg, t->len_bits));
			}
		}
		agw_cdev_session_free(p->c, s);
		agw_cdev_session_free(p->c, sv);
		p->tv_run[c]++;
	}
}

static void
test_vectors(void)
{
	printf("\n");
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];

		if (!p->present)
			continue;
		for (int c = 0; c < C_NUM; c++) {
			unsigned int alg = cat_alg((enum cat)c);
			int sup = cat_is_nia((enum cat)c) ? agw_cdev_nia_supported(p->c, alg)
							  : agw_cdev_nea_supported(p->c, alg);

			if (!sup) {
				void *s = NULL;
				int rc = cat_is_nia((enum cat)c)
						 ? agw_cdev_session_nia(p->c, alg, g_tv[c][0].key,
									&s)
						 : agw_cdev_session_nea(p->c, alg, g_tv[c][0].key,
									&s);

				/* reported, and the session is refused */
				printf("      %s lacks %s: %u sets not run on it\n", p->name,
				       cat_name[c], g_n[c]);
				CU_ASSERT(rc == -ENOTSUP && s == NULL);
				continue;
			}
			vectors_on(p, (enum cat)c);
		}
	}
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];

		if (!p->present)
			continue;
		printf("    %-17s", p->name);
		for (int c = 0; c < C_NUM; c++)
			printf(" %s %u/%u", cat_name[c], p->tv_run[c], g_n[c]);
		printf("\n");
	}
	/* The reference PMD ran everything but the non-octet NIA2 sets. */
	for (int c = 0; c < C_NUM; c++)
		CU_ASSERT(g_pmd[0].tv_run[c] + g_pmd[0].tv_skip[c] == g_n[c]);
	CU_ASSERT(g_pmd[0].tv_run[C_EIA2] >= 1);
	check_pools();
}

/* Equivalence with the IPsec-MB engine. */
struct eq_msg {
	unsigned int nia, nea;
	uint8_t ik[16], ck[16];
	uint32_t count, len;
	uint8_t bearer, dir;
	int use_mbuf;
	uint8_t msg[EQ_MAX_LEN];
	/* IPsec-MB engine buffers */
	uint8_t ref_nia[HDR + EQ_MAX_LEN + TAIL];
	uint8_t ref_out[EQ_MAX_LEN];
	/* cdev engine buffers */
	struct slot s_nia, s_nea;
	uint8_t cdev_out[EQ_MAX_LEN];
	struct agw_nia_key nk;
	struct agw_nea_key ek;
	void *sn, *sv, *se;
};

static struct eq_msg g_eq[EQ_BATCH];

static unsigned int
pick(const unsigned int *algs, unsigned int n)
{
	return n == 0 ? 0 : algs[rte_rand_max(n)];
}

/* Returns the number of messages compared. */
static unsigned int
equivalence_on(struct pmd *p, unsigned int total)
{
	unsigned int nia_algs[3], nea_algs[3], n_nia = 0, n_nea = 0, done = 0;
	struct agw_nia_op rn[EQ_BATCH];
	struct agw_nea_op re[EQ_BATCH];
	struct agw_cdev_nia_op cn[EQ_BATCH];
	struct agw_cdev_nea_op ce[EQ_BATCH];
	unsigned int cnt_nia[4] = {0}, cnt_nea[4] = {0};

	for (unsigned int a = 1; a <= 3; a++) {
		if (agw_cdev_nia_supported(p->c, a))
			nia_algs[n_nia++] = a;
		if (agw_cdev_nea_supported(p->c, a))
			nea_algs[n_nea++] = a;
	}
	while (done < total) {
		unsigned int b = RTE_MIN((unsigned int)EQ_BATCH, total - done), i;

		for (i = 0; i < b; i++) {
			struct eq_msg *e = &g_eq[i];
			uint8_t *mp;

			e->nia = pick(nia_algs, n_nia);
			e->nea = pick(nea_algs, n_nea);
			rand_bytes(e->ik, 16);
			rand_bytes(e->ck, 16);
			e->count = (uint32_t)rte_rand();
			e->bearer = (uint8_t)rte_rand_max(32);
			e->dir = (uint8_t)rte_rand_max(2);
			e->len = 1 + (uint32_t)rte_rand_max(EQ_MAX_LEN);
			e->use_mbuf = (int)rte_rand_max(2);
			rand_bytes(e->msg, e->len);
			e->sn = e->sv = e->se = NULL;
			memset(&rn[i], 0, sizeof(rn[i]));
			memset(&cn[i], 0, sizeof(cn[i]));
			memset(&re[i], 0, sizeof(re[i]));
			memset(&ce[i], 0, sizeof(ce[i]));
			if (e->nia != 0) {
				cnt_nia[e->nia]++;
				CU_ASSERT_FATAL(agw_nia_key_init(g_eng, &e->nk, e->nia, e->ik) ==
						0);
				CU_ASSERT_FATAL(agw_cdev_session_nia(p->c, e->nia, e->ik, &e->sn) ==
						0);
				CU_ASSERT_FATAL(agw_cdev_session_nia_verify(p->c, e->nia, e->ik,
									    &e->sv) == 0);
				memcpy(e->ref_nia + HDR, e->msg, e->len);
				rn[i] = (struct agw_nia_op){.key = &e->nk,
							    .msg = e->ref_nia + HDR,
							    .len_bits = e->len * 8,
							    .count = e->count,
							    .bearer = e->bearer,
							    .dir = e->dir};
				mp = slot_init(&e->s_nia, e->use_mbuf, e->msg, e->len);
				CU_ASSERT_FATAL(mp != NULL);
				cn[i] = (struct agw_cdev_nia_op){.sess = e->sn,
								 .len_bits = e->len * 8,
								 .count = e->count,
								 .bearer = e->bearer,
								 .dir = e->dir};
				if (e->use_mbuf) {
					cn[i].m = e->s_nia.m;
					cn[i].data_off = HDR;
				} else {
					cn[i].msg = mp;
				}
			}
			if (e->nea != 0) {
				cnt_nea[e->nea]++;
				CU_ASSERT_FATAL(agw_nea_key_init(g_eng, &e->ek, e->nea, e->ck) ==
						0);
				CU_ASSERT_FATAL(agw_cdev_session_nea(p->c, e->nea, e->ck, &e->se) ==
						0);
				re[i] = (struct agw_nea_op){.key = &e->ek,
							    .in = e->msg,
							    .out = e->ref_out,
							    .len_bits = e->len * 8,
							    .count = e->count,
							    .bearer = e->bearer,
							    .dir = e->dir};
				mp = slot_init(&e->s_nea, e->use_mbuf, e->msg, e->len);
				CU_ASSERT_FATAL(mp != NULL);
				ce[i] = (struct agw_cdev_nea_op){.sess = e->se,
								 .len_bits = e->len * 8,
								 .count = e->count,
								 .bearer = e->bearer,
								 .dir = e->dir};
				if (e->use_mbuf) {
					ce[i].m = e->s_nea.m;
					ce[i].data_off = HDR;
				} else {
					/* out-of-place, into cdev_out */
					ce[i].in = mp;
					ce[i].out = e->cdev_out;
				}
			}
		}
		if (n_nia != 0) {
			CU_ASSERT(agw_nia_burst(g_eng, rn, (uint16_t)b) == b);
			CU_ASSERT(agw_cdev_nia_burst(p->c, 0, cn, (uint16_t)b) == b);
			for (i = 0; i < b; i++) {
				CU_ASSERT(cn[i].status == AGW_NAS_SEC_OK);
				if (memcmp(cn[i].mac, rn[i].mac, AGW_NAS_MAC_LEN) != 0)
					fprintf(stderr, "\n  %s: NIA%u len %u mismatch\n", p->name,
						g_eq[i].nia, g_eq[i].len);
				AGW_ASSERT_MEM_EQ(cn[i].mac, rn[i].mac, AGW_NAS_MAC_LEN);
				CU_ASSERT(slot_canaries_ok(&g_eq[i].s_nia, g_eq[i].len));
				/* now verify the reference MAC, PMD-side check */
				cn[i].sess = g_eq[i].sv;
				cn[i].verify = 1;
				memcpy(cn[i].mac, rn[i].mac, AGW_NAS_MAC_LEN);
			}
			CU_ASSERT(agw_cdev_nia_burst(p->c, 0, cn, (uint16_t)b) == b);
		}
		if (n_nea != 0) {
			CU_ASSERT(agw_nea_burst(g_eng, re, (uint16_t)b) == b);
			CU_ASSERT(agw_cdev_nea_burst(p->c, 0, ce, (uint16_t)b) == b);
			for (i = 0; i < b; i++) {
				struct eq_msg *e = &g_eq[i];
				const uint8_t *got = e->use_mbuf ? e->s_nea.buf + HDR : e->cdev_out;

				CU_ASSERT(ce[i].status == AGW_NAS_SEC_OK);
				if (memcmp(got, e->ref_out, e->len) != 0)
					fprintf(stderr, "\n  %s: NEA%u len %u mismatch\n", p->name,
						e->nea, e->len);
				CU_ASSERT(memcmp(got, e->ref_out, e->len) == 0);
				CU_ASSERT(slot_canaries_ok(&e->s_nea, e->len));
			}
		}
		for (i = 0; i < b; i++) {
			struct eq_msg *e = &g_eq[i];

			if (e->nia != 0)
				slot_fini(&e->s_nia);
			if (e->nea != 0)
				slot_fini(&e->s_nea);
			agw_cdev_session_free(p->c, e->sn);
			agw_cdev_session_free(p->c, e->sv);
			agw_cdev_session_free(p->c, e->se);
			agw_nia_key_clear(&e->nk);
			agw_nea_key_clear(&e->ek);
		}
		done += b;
	}
	printf("    %-17s %u messages: NIA1/2/3 %u/%u/%u, NEA1/2/3 %u/%u/%u identical\n", p->name,
	       done, cnt_nia[1], cnt_nia[2], cnt_nia[3], cnt_nea[1], cnt_nea[2], cnt_nea[3]);
	return done;
}

static void
test_equivalence(void)
{
	printf("\n");
	for (unsigned int i = 0; i < NB_PMD; i++)
		if (g_pmd[i].present)
			CU_ASSERT(equivalence_on(&g_pmd[i], EQ_TOTAL) == EQ_TOTAL);
	check_pools();
}

static void
test_forged_mac(void)
{
	uint8_t key[16], msg[64], mac[4], bad[4];

	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];
		struct agw_cdev_stats st0, st1;

		if (!p->present)
			continue;
		CU_ASSERT_FATAL(agw_cdev_stats_get(p->c, 0, &st0) == 0);
		for (unsigned int alg = 1; alg <= 3; alg++) {
			void *s, *sv;

			if (!agw_cdev_nia_supported(p->c, alg))
				continue;
			rand_bytes(key, sizeof(key));
			rand_bytes(msg, sizeof(msg));
			CU_ASSERT_FATAL(agw_cdev_session_nia(p->c, alg, key, &s) == 0);
			CU_ASSERT_FATAL(agw_cdev_session_nia_verify(p->c, alg, key, &sv) == 0);
			CU_ASSERT(run_nia(p->c, s, msg, 8 * sizeof(msg), 7, 3, 1, 0, mac, 0) ==
				  AGW_NAS_SEC_OK);
			for (int mb = 0; mb <= 1; mb++) {
				void *ss[2] = {s, sv};

				for (int k = 0; k < 2; k++) {
					/* right MAC */
					CU_ASSERT(run_nia(p->c, ss[k], msg, 8 * sizeof(msg), 7, 3,
							  1, 1, mac, mb) == AGW_NAS_SEC_OK);
					/* one MAC bit flipped */
					memcpy(bad, mac, 4);
					bad[rte_rand_max(4)] ^= (uint8_t)(1u << rte_rand_max(8));
					CU_ASSERT(run_nia(p->c, ss[k], msg, 8 * sizeof(msg), 7, 3,
							  1, 1, bad, mb) == AGW_NAS_SEC_BAD_MAC);
					/* other COUNT, other direction */
					CU_ASSERT(run_nia(p->c, ss[k], msg, 8 * sizeof(msg), 8, 3,
							  1, 1, mac, mb) == AGW_NAS_SEC_BAD_MAC);
					CU_ASSERT(run_nia(p->c, ss[k], msg, 8 * sizeof(msg), 7, 3,
							  0, 1, mac, mb) == AGW_NAS_SEC_BAD_MAC);
					/* one message bit flipped */
					msg[5] ^= 0x10;
					CU_ASSERT(run_nia(p->c, ss[k], msg, 8 * sizeof(msg), 7, 3,
							  1, 1, mac, mb) == AGW_NAS_SEC_BAD_MAC);
					msg[5] ^= 0x10;
				}
			}
			agw_cdev_session_free(p->c, s);
			agw_cdev_session_free(p->c, sv);
		}
		CU_ASSERT_FATAL(agw_cdev_stats_get(p->c, 0, &st1) == 0);
		CU_ASSERT(st1.bad_mac > st0.bad_mac);
		CU_ASSERT(st1.enqueued == st1.dequeued);
	}
	check_pools();
}

static void
test_invalid_ops(void)
{
	struct agw_cdev *c = g_pmd[0].c;
	uint8_t key[16] = {1, 2, 3}, buf[HDR + 64 + TAIL], mac[4];
	struct agw_cdev_nia_op op[10];
	struct agw_cdev_nea_op eo[6];
	struct rte_mbuf *m;
	void *s2, *s1, *sv, *se;

	CU_ASSERT_FATAL(agw_cdev_session_nia(c, AGW_NIA2, key, &s2) == 0);
	CU_ASSERT_FATAL(agw_cdev_session_nia(c, AGW_NIA1, key, &s1) == 0);
	CU_ASSERT_FATAL(agw_cdev_session_nia_verify(c, AGW_NIA3, key, &sv) == 0);
	CU_ASSERT_FATAL(agw_cdev_session_nea(c, AGW_NEA2, key, &se) == 0);
	m = rte_pktmbuf_alloc(g_mbp);
	CU_ASSERT_FATAL(m != NULL && rte_pktmbuf_append(m, 40) != NULL);
	memset(buf, 0, sizeof(buf));

	for (int i = 0; i < 10; i++)
		op[i] = (struct agw_cdev_nia_op){
			.sess = s2, .msg = buf + HDR, .len_bits = 256, .bearer = 1};
	op[1].sess = NULL;    /* no session */
	op[2].sess = se;      /* a ciphering session */
	op[3].bearer = 32;    /* bad bearer */
	op[4].dir = 2;	      /* bad direction */
	op[5].len_bits = 255; /* NIA2: not whole octets */
	op[6].m = m;	      /* NIA2: no room for the prefix */
	op[6].data_off = 4;
	op[7].m = m; /* past the end of the data */
	op[7].data_off = 16;
	op[8].sess = sv; /* verify-only session, generate asked */
	op[9].sess = s1; /* NIA1: 0 bits */
	op[9].len_bits = 0;
	CU_ASSERT(agw_cdev_nia_burst(c, 0, op, 10) == 1);
	CU_ASSERT(op[0].status == AGW_NAS_SEC_OK);
	for (int i = 1; i < 10; i++) {
		if (op[i].status != AGW_NAS_SEC_INVALID)
			fprintf(stderr, "\n  invalid op %d: status %u\n", i, op[i].status);
		CU_ASSERT(op[i].status == AGW_NAS_SEC_INVALID);
	}
	/* NIA2 empty message is valid (prefix only), and matches IPsec-MB. */
	{
		struct agw_nia_key nk;
		uint8_t ref[HDR + TAIL];

		CU_ASSERT(agw_nia_key_init(g_eng, &nk, AGW_NIA2, key) == 0);
		CU_ASSERT(agw_nia_compute(g_eng, &nk, 5, 2, 1, ref + HDR, 0, mac) == 0);
		op[0] = (struct agw_cdev_nia_op){
			.sess = s2, .msg = buf + HDR, .count = 5, .bearer = 2, .dir = 1};
		CU_ASSERT(agw_cdev_nia_burst(c, 0, op, 1) == 1);
		AGW_ASSERT_MEM_EQ(op[0].mac, mac, 4);
		agw_nia_key_clear(&nk);
	}

	for (int i = 0; i < 6; i++)
		eo[i] = (struct agw_cdev_nea_op){
			.sess = se, .in = buf + HDR, .out = buf + HDR, .len_bits = 64};
	eo[1].sess = s2;	    /* integrity session */
	eo[2].out = NULL;	    /* no output */
	eo[3].len_bits = 8 * 70000; /* too long */
	eo[4].m = m;		    /* past the end of the data */
	eo[4].data_off = 33;
	eo[5].len_bits = 0; /* nothing to do: OK */
	eo[5].in = NULL;
	eo[5].out = NULL;
	eo[5].m = m;
	eo[5].data_off = 40;
	CU_ASSERT(agw_cdev_nea_burst(c, 0, eo, 6) == 2);
	CU_ASSERT(eo[0].status == AGW_NAS_SEC_OK);
	CU_ASSERT(eo[5].status == AGW_NAS_SEC_OK);
	for (int i = 1; i < 5; i++)
		CU_ASSERT(eo[i].status == AGW_NAS_SEC_INVALID);

	/* A freed session is refused, not used. */
	agw_cdev_session_free(c, s1);
	op[0] = (struct agw_cdev_nia_op){.sess = s1, .msg = buf + HDR, .len_bits = 8};
	CU_ASSERT(agw_cdev_nia_burst(c, 0, op, 1) == 0);
	CU_ASSERT(op[0].status == AGW_NAS_SEC_INVALID);
	/* Queue pair out of range, NULL engine. */
	op[0].sess = s2;
	CU_ASSERT(agw_cdev_nia_burst(c, NB_QP, op, 1) == 0);
	CU_ASSERT(op[0].status == AGW_NAS_SEC_INVALID);
	CU_ASSERT(agw_cdev_nea_burst(NULL, 0, eo, 1) == 0);
	CU_ASSERT(eo[0].status == AGW_NAS_SEC_INVALID);

	rte_pktmbuf_free(m);
	agw_cdev_session_free(c, s2);
	agw_cdev_session_free(c, sv);
	agw_cdev_session_free(c, se);
	check_pools();
}

static void
test_session_errors(void)
{
	struct agw_cdev *c = g_pmd[0].c;
	struct agw_cdev_conf conf = {.dev_name = "crypto_aesni_mb0",
				     .nb_qp = 1,
				     .max_sessions = 4,
				     .socket_id = SOCKET_ID_ANY};
	uint8_t key[16] = {0};
	void *s = NULL, *ss[5];

	CU_ASSERT(agw_cdev_session_nia(c, AGW_NIA0, key, &s) == -ENOTSUP);
	CU_ASSERT(agw_cdev_session_nea(c, AGW_NEA0, key, &s) == -ENOTSUP);
	CU_ASSERT(agw_cdev_session_nia(c, 4, key, &s) == -EINVAL);
	CU_ASSERT(agw_cdev_session_nea(c, 9, key, &s) == -EINVAL);
	CU_ASSERT(agw_cdev_session_nia(c, AGW_NIA1, NULL, &s) == -EINVAL);
	CU_ASSERT(agw_cdev_session_nea(c, AGW_NEA1, key, NULL) == -EINVAL);
	CU_ASSERT(agw_cdev_session_nia(NULL, AGW_NIA1, key, &s) == -EINVAL);
	CU_ASSERT(s == NULL);
	agw_cdev_session_free(c, NULL);
	CU_ASSERT(agw_cdev_session_bytes(NULL) == -EINVAL);

	/* Engine creation errors. */
	CU_ASSERT(agw_cdev_create(NULL) == NULL && rte_errno == EINVAL);
	conf.nb_qp = 0;
	CU_ASSERT(agw_cdev_create(&conf) == NULL && rte_errno == EINVAL);
	conf.nb_qp = 1000;
	CU_ASSERT(agw_cdev_create(&conf) == NULL && rte_errno == EINVAL);
	conf.nb_qp = 1;
	conf.dev_name = "crypto_nonexistent0";
	CU_ASSERT(agw_cdev_create(&conf) == NULL && rte_errno == ENODEV);
	conf.dev_name = "crypto_aesni_mb0"; /* an engine runs on it already */
	CU_ASSERT(agw_cdev_create(&conf) == NULL && rte_errno == EEXIST);
	if (g_null_present) {
		conf.dev_name = "crypto_null0";
		CU_ASSERT(agw_cdev_create(&conf) == NULL && rte_errno == ENOTSUP);
		printf("\n    crypto_null0: refused, no NAS algorithm (ENOTSUP)\n");
	} else {
		printf("\n    crypto_null0: vdev not available, case not run\n");
	}

	/* Session pool exhaustion and free with live sessions, on a fresh
	 * engine (also proves an engine can be freed and re-created). */
	CU_ASSERT_FATAL(agw_cdev_free(g_pmd[0].c) == 0);
	g_pmd[0].c = NULL;
	conf.dev_name = "crypto_aesni_mb0";
	c = agw_cdev_create(&conf);
	CU_ASSERT_FATAL(c != NULL);
	for (int i = 0; i < 4; i++)
		CU_ASSERT(agw_cdev_session_nea(c, AGW_NEA3, key, &ss[i]) == 0);
	CU_ASSERT(agw_cdev_session_nia(c, AGW_NIA3, key, &ss[4]) == -ENOMEM);
	CU_ASSERT(agw_cdev_session_nia_verify(c, AGW_NIA3, key, &ss[4]) == -ENOMEM);
	CU_ASSERT(agw_cdev_free(c) == -EBUSY);
	for (int i = 0; i < 4; i++)
		agw_cdev_session_free(c, ss[i]);
	CU_ASSERT(agw_cdev_free(c) == 0);
	g_pmd[0].c = engine_create("crypto_aesni_mb0", 0, MAX_SESS);
	CU_ASSERT_FATAL(g_pmd[0].c != NULL);
	check_pools();
}

/* Key material: present in the session pool while the session lives, gone
 * from every object of the pool once freed. */
struct scan {
	const uint8_t *key;
	size_t size;
	unsigned int hits;
};

static void
scan_obj(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct scan *sc = arg;

	(void)mp;
	(void)idx;
	if (memmem(obj, sc->size, sc->key, 16) != NULL)
		sc->hits++;
}

static unsigned int
scan_pool(struct rte_mempool *mp, const uint8_t *key)
{
	struct scan sc = {.key = key, .size = mp->elt_size, .hits = 0};

	rte_mempool_obj_iter(mp, scan_obj, &sc);
	return sc.hits;
}

static void
test_key_zeroised(void)
{
	printf("\n");
	for (unsigned int i = 0; i < NB_PMD; i++) {
		struct pmd *p = &g_pmd[i];

		if (!p->present)
			continue;
		for (unsigned int k = 0; k < 6; k++) {
			unsigned int alg = k % 3 + 1;
			int nia = k < 3;
			uint8_t key[16];
			struct rte_mempool *mp;
			unsigned int before, after;
			void *s;

			if (nia ? !agw_cdev_nia_supported(p->c, alg)
				: !agw_cdev_nea_supported(p->c, alg))
				continue;
			rand_bytes(key, sizeof(key));
			CU_ASSERT_FATAL((nia ? agw_cdev_session_nia(p->c, alg, key, &s)
					     : agw_cdev_session_nea(p->c, alg, key, &s)) == 0);
			mp = rte_mempool_from_obj(s);
			CU_ASSERT_FATAL(mp != NULL);
			before = scan_pool(mp, key);
			agw_cdev_session_free(p->c, s);
			after = scan_pool(mp, key);
			printf("    %-17s N%sA%u: raw key in session pool %s, after free %u "
			       "copies\n",
			       p->name, nia ? "I" : "E", alg,
			       before ? "yes" : "no (expanded or outside the session)", after);
			CU_ASSERT(after == 0);
		}
	}
	check_pools();
}

/* Short enqueues: a 16-descriptor queue, 300 ops per burst. */
static void
test_queue_full(void)
{
	enum { N = 300, LEN = 48 };
	static uint8_t msgs[N][HDR + LEN + TAIL], outs[N][LEN];
	struct agw_cdev_nia_op op[N];
	struct agw_cdev_nea_op eo[N];
	struct agw_nia_key nk;
	struct agw_nea_key ek;
	struct agw_cdev_stats st;
	struct agw_cdev *c;
	uint8_t key[16], mac[4], ref[LEN];
	void *s, *se;

	CU_ASSERT_FATAL(agw_cdev_free(g_pmd[0].c) == 0);
	g_pmd[0].c = NULL;
	c = engine_create("crypto_aesni_mb0", 16, 64);
	CU_ASSERT_FATAL(c != NULL);
	rand_bytes(key, sizeof(key));
	CU_ASSERT_FATAL(agw_cdev_session_nia(c, AGW_NIA2, key, &s) == 0);
	CU_ASSERT_FATAL(agw_cdev_session_nea(c, AGW_NEA1, key, &se) == 0);
	CU_ASSERT(agw_nia_key_init(g_eng, &nk, AGW_NIA2, key) == 0);
	CU_ASSERT(agw_nea_key_init(g_eng, &ek, AGW_NEA1, key) == 0);
	for (int i = 0; i < N; i++) {
		rand_bytes(msgs[i] + HDR, LEN);
		op[i] = (struct agw_cdev_nia_op){.sess = s,
						 .msg = msgs[i] + HDR,
						 .len_bits = LEN * 8,
						 .count = (uint32_t)i,
						 .bearer = (uint8_t)(i & 31),
						 .dir = (uint8_t)(i & 1)};
		eo[i] = (struct agw_cdev_nea_op){.sess = se,
						 .in = msgs[i] + HDR,
						 .out = outs[i],
						 .len_bits = LEN * 8 - 3,
						 .count = (uint32_t)i,
						 .bearer = (uint8_t)(i & 31),
						 .dir = (uint8_t)(i & 1)};
	}
	CU_ASSERT(agw_cdev_nia_burst(c, 1, op, N) == N);
	CU_ASSERT(agw_cdev_nea_burst(c, 1, eo, N) == N);
	for (int i = 0; i < N; i++) {
		CU_ASSERT(agw_nia_compute(g_eng, &nk, (uint32_t)i, (uint8_t)(i & 31),
					  (uint8_t)(i & 1), msgs[i] + HDR, LEN * 8, mac) == 0);
		CU_ASSERT(memcmp(op[i].mac, mac, 4) == 0);
		CU_ASSERT(agw_nea_apply(g_eng, &ek, (uint32_t)i, (uint8_t)(i & 31),
					(uint8_t)(i & 1), msgs[i] + HDR, ref, LEN * 8 - 3) == 0);
		CU_ASSERT(memcmp(outs[i], ref, LEN) == 0);
	}
	CU_ASSERT(agw_cdev_stats_get(c, 1, &st) == 0);
	printf("\n    queue of 16: %" PRIu64 " short enqueues, %" PRIu64
	       " ops offered again, %" PRIu64 " enqueued, %" PRIu64 " dequeued\n",
	       st.enq_short, st.enq_retried, st.enqueued, st.dequeued);
	CU_ASSERT(st.enq_short > 0);
	CU_ASSERT(st.enqueued == 2 * N && st.dequeued == 2 * N);
	CU_ASSERT(st.engine_err == 0 && st.timeouts == 0 && st.late == 0);
	agw_nia_key_clear(&nk);
	agw_nea_key_clear(&ek);
	agw_cdev_session_free(c, s);
	agw_cdev_session_free(c, se);
	CU_ASSERT(agw_cdev_free(c) == 0);
	g_pmd[0].c = engine_create("crypto_aesni_mb0", 0, MAX_SESS);
	CU_ASSERT_FATAL(g_pmd[0].c != NULL);
	check_pools();
}

/* Two workers, two queue pairs, at once. */
enum { MT_N = 256, MT_LEN = 100, MT_ROUNDS = 20 };
struct mt_arg {
	struct agw_cdev *c;
	uint16_t qp;
	void *sess[MT_N];
	uint8_t msg[MT_N][HDR + MT_LEN + TAIL];
	uint8_t exp[MT_N][4];
	unsigned int bad;
};

static struct mt_arg g_mt[2];

static int
mt_worker(void *arg)
{
	struct mt_arg *a = arg;
	struct agw_cdev_nia_op op[MT_N];

	for (int r = 0; r < MT_ROUNDS; r++) {
		for (int i = 0; i < MT_N; i++) {
			op[i] = (struct agw_cdev_nia_op){.sess = a->sess[i],
							 .msg = a->msg[i] + HDR,
							 .len_bits = MT_LEN * 8,
							 .count = (uint32_t)i,
							 .bearer = 1,
							 .verify = (uint8_t)(r & 1)};
			memcpy(op[i].mac, a->exp[i], 4);
		}
		if (agw_cdev_nia_burst(a->c, a->qp, op, MT_N) != MT_N)
			a->bad++;
		for (int i = 0; i < MT_N; i++)
			if (op[i].status != AGW_NAS_SEC_OK || memcmp(op[i].mac, a->exp[i], 4) != 0)
				a->bad++;
	}
	return 0;
}

static void
test_two_workers(void)
{
	struct agw_cdev *c = g_pmd[0].c;
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	struct agw_nia_key nk;
	uint8_t key[16];

	if (worker >= RTE_MAX_LCORE) {
		printf("\n    no worker lcore, case not run\n");
		CU_FAIL("no worker lcore");
		return;
	}
	for (int w = 0; w < 2; w++) {
		struct mt_arg *a = &g_mt[w];

		a->c = c;
		a->qp = (uint16_t)w;
		a->bad = 0;
		for (int i = 0; i < MT_N; i++) {
			unsigned int alg = (unsigned int)(i % 3) + 1;

			rand_bytes(key, sizeof(key));
			rand_bytes(a->msg[i] + HDR, MT_LEN);
			CU_ASSERT_FATAL(agw_cdev_session_nia(c, alg, key, &a->sess[i]) == 0);
			CU_ASSERT_FATAL(agw_nia_key_init(g_eng, &nk, alg, key) == 0);
			CU_ASSERT_FATAL(agw_nia_compute(g_eng, &nk, (uint32_t)i, 1, 0,
							a->msg[i] + HDR, MT_LEN * 8,
							a->exp[i]) == 0);
		}
	}
	agw_nia_key_clear(&nk);
	CU_ASSERT_FATAL(rte_eal_remote_launch(mt_worker, &g_mt[1], worker) == 0);
	mt_worker(&g_mt[0]);
	CU_ASSERT(rte_eal_wait_lcore(worker) == 0);
	CU_ASSERT(g_mt[0].bad == 0);
	CU_ASSERT(g_mt[1].bad == 0);
	for (int w = 0; w < 2; w++)
		for (int i = 0; i < MT_N; i++)
			agw_cdev_session_free(c, g_mt[w].sess[i]);
	check_pools();
}

static CU_TestInfo cdev_tests[] = {
	{"PMDs, algorithms, bytes per session", test_report},
	{"3GPP EIA1/2/3 + EEA1/2/3 sets on each PMD", test_vectors},
	{"2000 random messages = IPsec-MB engine", test_equivalence},
	{"forged MAC -> BAD_MAC", test_forged_mac},
	{"invalid operations", test_invalid_ops},
	{"session and engine errors", test_session_errors},
	{"keys gone from the session pool after free", test_key_zeroised},
	{"short enqueues are retried", test_queue_full},
	{"two workers on two queue pairs", test_two_workers},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"nascrypt_cdev", suite_init, suite_clean, NULL, NULL, cdev_tests},
	CU_SUITE_INFO_NULL,
};

int
main(int argc, char **argv)
{
	int rc;

	(void)argc;
	if (agw_test_eal_init(argv[0], "0,1", "crypto_aesni_mb0") != 0)
		return 2;
	rte_srand(0x5eed2026);
	rc = agw_test_main(suites);
	rte_eal_cleanup();
	return rc;
}
