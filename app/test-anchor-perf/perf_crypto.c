/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * "crypto": throughput of the NAS security burst API (lib/crypto) on one
 * core, the way the fast path uses it: every message of a burst has its
 * own key, taken in pseudo-random order from a large table of keys that
 * were expanded once up front; the keys of the next burst are prefetched
 * while the current one runs.
 */

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <x86intrin.h>

#include <intel-ipsec-mb.h>

#include "agw_nas_sec.h"
#include "agw_util.h"
#include "perf.h"

#define ORDER_LEN (1u << 20) /* pseudo-random key indexes, cycled through */
#define ORDER_MASK (ORDER_LEN - 1)
#define BUF_HEAD 64          /* headroom before each message (NIA2 prefix) */
#define BUF_TAIL 64          /* tailroom after it (AGW_NAS_SEC_TAILROOM) */
#define WARMUP_BURSTS 512
#define CHECK_EVERY 64       /* bursts between two clock reads */
#define HUGE_SZ (2u << 20)   /* key table alignment, for transparent huge pages */

struct alg_desc {
	const char *name;
	int integrity;
	unsigned int alg;
};

static const struct alg_desc alg_tab[] = {
	{ "NIA1", 1, AGW_NIA1 }, { "NIA2", 1, AGW_NIA2 }, { "NIA3", 1, AGW_NIA3 },
	{ "NEA1", 0, AGW_NEA1 }, { "NEA2", 0, AGW_NEA2 }, { "NEA3", 0, AGW_NEA3 },
};

#define NB_ALGS (sizeof(alg_tab) / sizeof(alg_tab[0]))

struct bench {
	const struct perf_crypto_opts *o;
	struct agw_nas_sec_engine *eng;
	uint32_t *order;               /**< ORDER_LEN key indexes */
	uint8_t *bufs;                 /**< o->nb_bufs message buffers */
	size_t stride;                 /**< from one buffer to the next */
	uint64_t rng;
};

/* State of one (algorithm, size) run. */
struct run {
	struct bench *b;
	uint8_t *keys;       /**< nb_keys expanded keys */
	size_t key_size;
	uint64_t pos;        /**< next index into b->order */
	uint32_t buf;        /**< next message buffer */
	uint32_t count;      /**< COUNT of the next message */
	uint16_t (*burst)(struct run *r);
	struct agw_nia_op nia[PERF_MAX_BURST];
	struct agw_nea_op nea[PERF_MAX_BURST];
};

struct result {
	uint64_t ops;
	double secs;
	uint64_t tsc;
};

unsigned int
perf_crypto_nb_algs(void)
{
	return NB_ALGS;
}

const char *
perf_crypto_alg_name(unsigned int idx)
{
	return idx < NB_ALGS ? alg_tab[idx].name : NULL;
}

/* xorshift64*: cheap, deterministic, good enough to scatter key picks. */
static uint64_t
rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void
prefetch_range(const void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)63;
	uintptr_t end = (uintptr_t)p + len;

	for (; a < end; a += 64)
		__builtin_prefetch((const void *)a, 0, 3);
}

static inline const void *
key_at(const struct run *r, uint64_t pos)
{
	return r->keys + (size_t)r->b->order[pos & ORDER_MASK] * r->key_size;
}

/* Prefetch the keys of the burst that follows the one at r->pos. */
static inline void
prefetch_next_burst(const struct run *r, uint16_t n)
{
	for (uint16_t i = 0; i < n; i++)
		prefetch_range(key_at(r, r->pos + n + i), r->key_size);
}

/* Next message buffer: they are used round robin, like mbufs of a pool. */
static inline uint8_t *
next_buf(struct run *r)
{
	uint8_t *m = r->b->bufs + (size_t)r->buf * r->b->stride + BUF_HEAD;

	if (++r->buf == r->b->o->nb_bufs)
		r->buf = 0;
	return m;
}

static uint16_t
nia_burst(struct run *r)
{
	uint16_t n = r->b->o->burst;

	for (uint16_t i = 0; i < n; i++) {
		r->nia[i].key = key_at(r, r->pos + i);
		r->nia[i].msg = next_buf(r);
		r->nia[i].count = r->count++;
	}
	prefetch_next_burst(r, n);
	r->pos += n;
	return agw_nia_burst(r->b->eng, r->nia, n);
}

static uint16_t
nea_burst(struct run *r)
{
	uint16_t n = r->b->o->burst;

	for (uint16_t i = 0; i < n; i++) {
		r->nea[i].key = key_at(r, r->pos + i);
		r->nea[i].in = next_buf(r);
		r->nea[i].out = (uint8_t *)(uintptr_t)r->nea[i].in; /* in place */
		r->nea[i].count = r->count++;
	}
	prefetch_next_burst(r, n);
	r->pos += n;
	return agw_nea_burst(r->b->eng, r->nea, n);
}

/* Ops of one burst: size, bearer and direction; keys and buffers vary. */
static void
run_prepare(struct run *r, uint32_t size)
{
	for (uint16_t i = 0; i < r->b->o->burst; i++) {
		r->nia[i] = (struct agw_nia_op){ .len_bits = size * 8,
						 .bearer = (uint8_t)(i & 31),
						 .dir = (uint8_t)(i & 1) };
		r->nea[i] = (struct agw_nea_op){ .len_bits = size * 8,
						 .bearer = (uint8_t)(i & 31),
						 .dir = (uint8_t)(i & 1) };
	}
	r->buf = 0;
	r->pos = rng_next(&r->b->rng) & ORDER_MASK;
	r->count = 0;
}

static int
measure(struct run *r, struct result *res)
{
	uint64_t ok = 0, ops = 0, tsc0;
	uint16_t n = r->b->o->burst;
	double t0, t;

	for (int i = 0; i < WARMUP_BURSTS; i++)
		r->burst(r);
	t0 = now_s();
	tsc0 = __rdtsc();
	do {
		for (int i = 0; i < CHECK_EVERY; i++)
			ok += r->burst(r);
		ops += (uint64_t)CHECK_EVERY * n;
		t = now_s() - t0;
	} while (t < r->b->o->seconds);
	res->tsc = __rdtsc() - tsc0;
	res->secs = t;
	res->ops = ops;
	if (ok != ops) {
		fprintf(stderr, "crypto: %lu of %lu operations failed\n",
			(unsigned long)(ops - ok), (unsigned long)ops);
		return -EIO;
	}
	return 0;
}

/* Best (highest rate) of o->repeat measurements of one size. */
static int
measure_best(struct run *r, uint32_t size, struct result *best)
{
	struct result res;
	int rc = 0;

	for (unsigned int i = 0; i < r->b->o->repeat && rc == 0; i++) {
		run_prepare(r, size);
		rc = measure(r, &res);
		if (rc == 0 && (best->ops == 0 ||
				(double)res.ops / res.secs > (double)best->ops / best->secs))
			*best = res;
	}
	return rc;
}

/* Expand nb_keys random keys of one algorithm; returns the array. */
static uint8_t *
keys_setup(struct bench *b, const struct alg_desc *a, size_t *key_size, double *secs)
{
	size_t ks = a->integrity ? sizeof(struct agw_nia_key) : sizeof(struct agw_nea_key);
	size_t total = ((ks * b->o->nb_keys) + HUGE_SZ - 1) & ~(size_t)(HUGE_SZ - 1);
	uint8_t *keys = aligned_alloc(HUGE_SZ, total);
	uint8_t raw[AGW_NAS_KEY_LEN];
	double t0;
	int rc = 0;

	if (keys == NULL)
		return NULL;
	/* Like a DPDK app's contexts in hugepage memory: no TLB miss per key. */
	if (b->o->thp)
		madvise(keys, total, MADV_HUGEPAGE);
	memset(keys, 0, total); /* fault the pages in before timing */
	t0 = now_s();
	for (uint32_t i = 0; i < b->o->nb_keys && rc == 0; i++) {
		uint64_t r0 = rng_next(&b->rng), r1 = rng_next(&b->rng);
		void *k = keys + i * ks;

		memcpy(raw, &r0, 8);
		memcpy(raw + 8, &r1, 8);
		rc = a->integrity ? agw_nia_key_init(b->eng, k, a->alg, raw) :
				    agw_nea_key_init(b->eng, k, a->alg, raw);
	}
	*secs = now_s() - t0;
	agw_memzero(raw, sizeof(raw));
	if (rc != 0) {
		free(keys);
		return NULL;
	}
	*key_size = ks;
	return keys;
}

static void
print_header(const struct bench *b)
{
	const struct perf_crypto_opts *o = b->o;

	printf("# test-anchor-perf crypto: IPsec-MB %s (%s), burst %u, best of %u x %.2f s\n",
	       imb_get_version_str(), agw_nas_sec_engine_arch(b->eng), o->burst, o->repeat,
	       o->seconds);
	printf("# %u key(s) expanded up front, one per message in pseudo-random order,\n",
	       o->nb_keys);
	printf("# next burst's keys prefetched; key table on %s;\n",
	       o->thp ? "transparent huge pages" : "4 KiB pages");
	printf("# %u message buffers used round robin; NEA in place; cycles = TSC cycles\n",
	       o->nb_bufs);
	if (o->csv)
		printf("alg,size,keys,mops,cycles_per_op,gbps\n");
	else
		printf("%-5s %6s %8s %9s %10s %8s\n", "alg", "size", "keys", "Mops/s",
		       "cycles/op", "Gbit/s");
}

static void
print_row(const struct bench *b, const char *alg, uint32_t size, const struct result *r)
{
	double mops = (double)r->ops / r->secs / 1e6;
	double cyc = (double)r->tsc / (double)r->ops;
	double gbps = mops * size * 8 / 1e3;

	if (b->o->csv)
		printf("%s,%u,%u,%.3f,%.1f,%.3f\n", alg, size, b->o->nb_keys, mops, cyc, gbps);
	else
		printf("%-5s %6u %8u %9.3f %10.1f %8.3f\n", alg, size, b->o->nb_keys, mops, cyc,
		       gbps);
	fflush(stdout);
}

static int
run_alg(struct bench *b, const struct alg_desc *a)
{
	struct run *r = aligned_alloc(64, (sizeof(*r) + 63) & ~(size_t)63);
	double setup_s;
	int rc = 0;

	if (r == NULL)
		return -ENOMEM;
	memset(r, 0, sizeof(*r));
	r->b = b;
	r->burst = a->integrity ? nia_burst : nea_burst;
	r->keys = keys_setup(b, a, &r->key_size, &setup_s);
	if (r->keys == NULL) {
		free(r);
		return -ENOMEM;
	}
	printf("# %s: %u keys expanded in %.3f s\n", a->name, b->o->nb_keys, setup_s);
	for (unsigned int s = 0; s < b->o->nb_sizes && rc == 0; s++) {
		struct result best = { 0 };

		rc = measure_best(r, b->o->sizes[s], &best);
		if (rc == 0)
			print_row(b, a->name, b->o->sizes[s], &best);
	}
	agw_memzero(r->keys, r->key_size * b->o->nb_keys);
	free(r->keys);
	free(r);
	return rc;
}

static int
bench_init(struct bench *b, const struct perf_crypto_opts *o)
{
	uint32_t max = 0;
	size_t total;

	memset(b, 0, sizeof(*b));
	b->o = o;
	b->rng = 0x9e3779b97f4a7c15ULL;
	for (unsigned int i = 0; i < o->nb_sizes; i++)
		max = o->sizes[i] > max ? o->sizes[i] : max;
	b->stride = (BUF_HEAD + max + BUF_TAIL + 63) & ~(size_t)63;
	total = b->stride * o->nb_bufs;
	b->eng = agw_nas_sec_engine_create();
	b->order = malloc(ORDER_LEN * sizeof(*b->order));
	b->bufs = aligned_alloc(64, total);
	if (b->eng == NULL || b->order == NULL || b->bufs == NULL)
		return -ENOMEM;
	for (uint32_t i = 0; i < ORDER_LEN; i++)
		b->order[i] = (uint32_t)(rng_next(&b->rng) % o->nb_keys);
	for (size_t i = 0; i < total; i++)
		b->bufs[i] = (uint8_t)rng_next(&b->rng);
	return 0;
}

static void
bench_fini(struct bench *b)
{
	agw_nas_sec_engine_free(b->eng);
	free(b->order);
	free(b->bufs);
}

static int
pin_core(int core)
{
	cpu_set_t set;

	if (core < 0)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(core, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0 ? 0 : -errno;
}

static int
check_sizes(const struct perf_crypto_opts *o)
{
	for (unsigned int i = 0; i < o->nb_sizes; i++) {
		for (unsigned int a = 0; a < NB_ALGS; a++) {
			uint32_t max = alg_tab[a].integrity ? agw_nia_max_bits(alg_tab[a].alg) :
							      agw_nea_max_bits(alg_tab[a].alg);

			if ((o->algs & (1u << a)) && (o->sizes[i] == 0 ||
						      (uint64_t)o->sizes[i] * 8 > max)) {
				fprintf(stderr, "crypto: size %u not valid for %s\n",
					o->sizes[i], alg_tab[a].name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

int
perf_crypto_run(const struct perf_crypto_opts *o)
{
	struct bench b;
	int rc;

	if (o->burst == 0 || o->burst > PERF_MAX_BURST || o->nb_keys == 0 || o->repeat == 0 ||
	    o->nb_bufs < o->burst ||
	    check_sizes(o) != 0)
		return -EINVAL;
	rc = pin_core(o->core);
	if (rc != 0) {
		fprintf(stderr, "crypto: cannot pin to CPU %d: %s\n", o->core, strerror(-rc));
		return rc;
	}
	rc = bench_init(&b, o);
	if (rc == 0)
		print_header(&b);
	for (unsigned int a = 0; a < NB_ALGS && rc == 0; a++)
		if (o->algs & (1u << a))
			rc = run_alg(&b, &alg_tab[a]);
	bench_fini(&b);
	return rc;
}
