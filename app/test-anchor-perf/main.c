/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * test-anchor-perf: benchmark program (not a test).
 *
 *   test-anchor-perf crypto [--sizes 32,64,128,256,512] [--keys N]
 *                           [--seconds S] [--repeat R] [--burst N] [--bufs N]
 *                           [--algs nia1,nea2,...] [--no-thp]
 *                           [--core CPU] [--csv]
 *   test-anchor-perf decode [--frames N] [--nas MIN-MAX] [--iters N]
 *                           [--repeat R] [--core CPU] [--csv]
 *   test-anchor-perf pipeline [--nia LIST] [--nea off,on] [--sizes LIST]
 *                           [--contexts LIST] [--engines imb,cdev] [--frames N]
 *                           [--burst N] [--repeat R] [--pool N] [--huge|--no-huge]
 *                           [--mem MB]
 *                           [--cpus MAIN,WORKER] [--csv] [-- EAL options]
 *   test-anchor-perf register [--ues N] [--window W] [--batch N]
 *                           [--sync full|none|both] [--sqn-block B] [--nia 1,2,3]
 *                           [--nea 0,1,2,3] [--mix] [--cpu CPU]
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "perf.h"

static void
usage_crypto(const char *prog)
{
	fprintf(stderr,
		"usage: %s crypto [options]\n"
		"  NAS security burst API (lib/crypto) throughput on one core.\n"
		"  --sizes LIST   message sizes in octets (default 32,64,128,256,512)\n"
		"  --keys N       distinct keys, one per message (default 100000; 1 = one key)\n"
		"  --seconds S    measuring time per algorithm, size and repetition (default 1)\n"
		"  --repeat R     repetitions per point, the best is reported (default 3)\n"
		"  --burst N      operations per burst (default 32, at most %d)\n"
		"  --bufs N       message buffers used round robin, like the mbufs of a\n"
		"                 pool (default 8192, crypto-perf's default pool size)\n"
		"  --algs LIST    subset of nia1,nia2,nia3,nea1,nea2,nea3 (default all)\n"
		"  --core CPU     pin to this CPU (default: no pinning)\n"
		"  --no-thp       key table on 4 KiB pages (default: madvise huge pages,\n"
		"                 like a DPDK application's hugepage memory)\n"
		"  --csv          CSV output\n",
		prog, PERF_MAX_BURST);
}

static void
usage_decode(const char *prog)
{
	fprintf(stderr,
		"usage: %s decode [options]\n"
		"  Parse cost of an UplinkNASTransport frame as the fast path does it:\n"
		"  Ethernet/IPv4/SCTP (with and without CRC32c), NGAP PDU + IE walk,\n"
		"  NAS-5GS security header; per stage and in total, one core.\n"
		"  --frames N     distinct frames, cycled (power of two; default 4096)\n"
		"  --nas MIN-MAX  NAS-PDU sizes in octets (default 64-512)\n"
		"  --iters N      messages per measurement (default 20000000)\n"
		"  --repeat R     measurements per stage, the best is reported (default 3)\n"
		"  --core CPU     pin to this CPU (default 1)\n"
		"  --csv          CSV output\n",
		prog);
}

static void
usage_pipeline(const char *prog)
{
	fprintf(stderr,
		"usage: %s pipeline [options] [-- EAL options]\n"
		"  The uplink pipeline (anchorgw's rte_graph nodes) on one worker lcore\n"
		"  between two ring PMD ports, fed from a pre-built array of protected\n"
		"  UplinkNASTransport frames (a fresh COUNT per frame and UE) by a\n"
		"  generator on the main lcore. Reports worker Mpps and cycles/packet.\n"
		"  --nia LIST       nia1,nia2,nia3 (default all)\n"
		"  --nea LIST       off,on: without NEA and/or with NEA<n> of NIA<n>\n"
		"                   (default off,on)\n"
		"  --sizes LIST     NAS-PDU sizes in octets (default 64,128,256,512)\n"
		"  --contexts LIST  contexts (one per UE) installed; k/M suffixes\n"
		"                   (default 1k,100k,1M)\n"
		"  --engines LIST   imb,cdev (cdev: crypto_aesni_mb0 vdev; default both)\n"
		"  --frames N       frames per point, at least; whole rounds over the UEs\n"
		"                   (default 1M)\n"
		"  --burst N        worker rx burst (default 32)\n"
		"  --repeat R       points per size, each on newly built frames; the best\n"
		"                   is reported with the spread (default 1)\n"
		"  --pool N         mbufs of the generator's pool (default 16384)\n"
		"  --huge           EAL on hugepages (usertools/anchorgw-hugepages.sh)\n"
		"  --no-huge        EAL on anonymous memory; default: hugepages when\n"
		"                   enough are free, else --no-huge\n"
		"  --mem MB         EAL memory (default: estimated from the contexts)\n"
		"  --cpus M,W       CPUs of the generator (main) and worker lcores (default 0,1)\n"
		"  --nic-csum       mark frames NIC-verified (IPv4 header checksum and SCTP\n"
		"                   CRC32c good, as a NIC with Rx checksum offload does):\n"
		"                   engines print as imbN / cdevN\n"
		"  --ids LIST       core,gw: AMF-UE-NGAP-IDs the core allocated (proxy mode:\n"
		"                   N2 lookups hash the key) and/or the gateway allocated\n"
		"                   (anchors mode: direct index); default both\n"
		"  --feed MODE      preload: every frame in its mbuf before the point, as a\n"
		"                   NIC's DMA leaves them (the worker's first touch misses to\n"
		"                   memory); copy: the generator copies frames into pool\n"
		"                   mbufs during the point (every line a cross-CPU transfer)\n"
		"                   (default preload)\n"
		"  --csv            CSV output\n",
		prog);
}

static void
usage_register(const char *prog)
{
	fprintf(stderr,
		"usage: %s register [options]\n"
		"  5G-AKA registrations on one control lcore, in one process: simulated\n"
		"  UEs and gNB (anchor-gen's agw_regsim) against lib/anchors, a fresh LMDB\n"
		"  store under /tmp and a lib/ctx context table. Only the network side is\n"
		"  timed (frame + NGAP decode, agw_anchors_ul_nas, context install,\n"
		"  DownlinkNASTransport build, store begin + commit): registrations/s, cycles\n"
		"  per message, p50/p99/p99.9 of the network time per registration; plus the\n"
		"  wall-clock rate of both sides in the one thread.\n"
		"  --ues N         UEs, one registration each (k/M suffixes; default 100000)\n"
		"  --window W      UEs registering at the same time, interleaved (default 256)\n"
		"  --batch N       uplink messages per store transaction, as anchorgw's control\n"
		"                  loop group-commits (default 256, its CTL_BURST; 1: one\n"
		"                  transaction per message); downlink frames leave after the\n"
		"                  commit, so a UE has one message per transaction (at most\n"
		"                  2W messages fit one)\n"
		"  --sync MODE     store sync: full (fsync per commit, production), none\n"
		"                  (MDB_NOSYNC) or both (default: both, one row each)\n"
		"  --sqn-block B   anchors' SQN block (default: the anchors' default, 32)\n"
		"  --nia LIST      5G-IA the UEs advertise, of 1,2,3 (default 1,2,3)\n"
		"  --nea LIST      5G-EA the UEs advertise, of 0,1,2,3 (default 0,1,2,3)\n"
		"  --mix           UE i advertises one NIA and one NEA, rotating (every pair)\n"
		"  --cpu CPU       CPU of the lcore (default 1)\n",
		prog);
}

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s crypto|decode|pipeline|register [options]\n"
		"       %s COMMAND --help\n"
		"  crypto    NAS security burst API throughput (lib/crypto)\n"
		"  decode    fast-path parse of UplinkNASTransport frames, ns/message\n"
		"  pipeline  the whole uplink pipeline on ring PMDs, Mpps per worker\n"
		"  register  5G-AKA registrations/s on one control lcore (lib/anchors)\n",
		prog, prog);
}

static int
parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || *out < min || *out > max)
		return -EINVAL;
	return 0;
}

/* "1000", "100k", "1M", "2m" */
static int
parse_count(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char buf[32];
	size_t n = strlen(s);
	unsigned long mult = 1;

	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == 'k' || buf[n - 1] == 'K')
		mult = 1000;
	else if (buf[n - 1] == 'm' || buf[n - 1] == 'M')
		mult = 1000000;
	if (mult != 1)
		buf[n - 1] = '\0';
	if (parse_ulong(buf, 0, ~0UL / mult, out) != 0)
		return -EINVAL;
	*out *= mult;
	return (*out < min || *out > max) ? -EINVAL : 0;
}

/* A comma-separated list of counts ("64,128", "1k,100k,1M") into @p out. */
static int
parse_list(const char *arg, unsigned long lo, unsigned long hi, uint32_t *out,
	   unsigned int max_n, unsigned int *n)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	unsigned long v;
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == max_n || parse_count(tok, lo, hi, &v) != 0)
			rc = -EINVAL;
		else
			out[(*n)++] = (uint32_t)v;
	}
	free(copy);
	return (rc == 0 && *n == 0) ? -EINVAL : rc;
}

static int
parse_sizes(const char *arg, struct perf_crypto_opts *o)
{
	return parse_list(arg, 1, 65535, o->sizes, PERF_MAX_SIZES, &o->nb_sizes);
}

static int
parse_algs(const char *arg, struct perf_crypto_opts *o)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	unsigned int a;
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	o->algs = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		for (a = 0; a < perf_crypto_nb_algs(); a++)
			if (strcasecmp(tok, perf_crypto_alg_name(a)) == 0)
				break;
		if (a == perf_crypto_nb_algs())
			rc = -EINVAL;
		else
			o->algs |= 1u << a;
	}
	free(copy);
	return (rc == 0 && o->algs == 0) ? -EINVAL : rc;
}

static int
parse_crypto(int argc, char **argv, struct perf_crypto_opts *o)
{
	static const struct option lopts[] = {
		{ "sizes", required_argument, NULL, 's' },
		{ "keys", required_argument, NULL, 'k' },
		{ "seconds", required_argument, NULL, 't' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "burst", required_argument, NULL, 'b' },
		{ "bufs", required_argument, NULL, 'B' },
		{ "algs", required_argument, NULL, 'a' },
		{ "core", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, 'C' },
		{ "no-thp", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v;
	char *end;
	int opt, rc = 0;

	while (rc == 0 && (opt = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			rc = parse_sizes(optarg, o);
			break;
		case 'k':
			rc = parse_ulong(optarg, 1, 1UL << 24, &v);
			o->nb_keys = (uint32_t)v;
			break;
		case 't':
			o->seconds = strtod(optarg, &end);
			if (*end != '\0' || !(o->seconds > 0 && o->seconds <= 3600))
				rc = -EINVAL;
			break;
		case 'r':
			rc = parse_ulong(optarg, 1, 100, &v);
			o->repeat = (unsigned int)v;
			break;
		case 'b':
			rc = parse_ulong(optarg, 1, PERF_MAX_BURST, &v);
			o->burst = (uint16_t)v;
			break;
		case 'B':
			rc = parse_ulong(optarg, 1, 1UL << 20, &v);
			o->nb_bufs = (uint32_t)v;
			break;
		case 'a':
			rc = parse_algs(optarg, o);
			break;
		case 'c':
			rc = parse_ulong(optarg, 0, 1023, &v);
			o->core = (int)v;
			break;
		case 'C':
			o->csv = 1;
			break;
		case 'T':
			o->thp = 0;
			break;
		case 'h':
			return 1;
		default:
			rc = -EINVAL;
			break;
		}
	}
	return (rc == 0 && optind != argc) ? -EINVAL : rc;
}


static int
parse_decode(int argc, char **argv, struct perf_decode_opts *o)
{
	static const struct option lopts[] = {
		{ "frames", required_argument, NULL, 'f' },
		{ "nas", required_argument, NULL, 'n' },
		{ "iters", required_argument, NULL, 'i' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "core", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v, lo, hi;
	char *dash;
	int opt, rc = 0;

	while (rc == 0 && (opt = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			rc = parse_count(optarg, 1, 1UL << 20, &v);
			o->nb_frames = (uint32_t)v;
			if (rc == 0 && (v & (v - 1)) != 0)
				rc = -EINVAL;
			break;
		case 'n':
			dash = strchr(optarg, '-');
			if (dash == NULL) {
				rc = -EINVAL;
				break;
			}
			*dash = '\0';
			rc = parse_ulong(optarg, 1, 4000, &lo);
			if (rc == 0)
				rc = parse_ulong(dash + 1, lo, 4000, &hi);
			o->min_nas = (uint32_t)lo;
			o->max_nas = (uint32_t)hi;
			break;
		case 'i':
			rc = parse_count(optarg, 1, 1UL << 40, &v);
			o->iters = v;
			break;
		case 'r':
			rc = parse_ulong(optarg, 1, 100, &v);
			o->repeat = (unsigned int)v;
			break;
		case 'c':
			rc = parse_ulong(optarg, 0, 1023, &v);
			o->core = (int)v;
			break;
		case 'C':
			o->csv = 1;
			break;
		case 'h':
			return 1;
		default:
			rc = -EINVAL;
			break;
		}
	}
	return (rc == 0 && optind != argc) ? -EINVAL : rc;
}

/* Comma-separated words, each one of @p names[]: bit i for names[i]. */
static int
parse_words(const char *arg, const char *const *names, unsigned int *mask)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	unsigned int i;
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; names[i] != NULL && strcasecmp(tok, names[i]) != 0; i++)
			;
		if (names[i] == NULL)
			rc = -EINVAL;
		else
			*mask |= 1u << i;
	}
	free(copy);
	return (rc == 0 && *mask == 0) ? -EINVAL : rc;
}


static int
parse_pipeline(int argc, char **argv, struct perf_pipeline_opts *o)
{
	static const struct option lopts[] = {
		{ "nia", required_argument, NULL, 'i' },
		{ "nea", required_argument, NULL, 'e' },
		{ "sizes", required_argument, NULL, 's' },
		{ "contexts", required_argument, NULL, 'x' },
		{ "engines", required_argument, NULL, 'g' },
		{ "frames", required_argument, NULL, 'f' },
		{ "burst", required_argument, NULL, 'b' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "pool", required_argument, NULL, 'p' },
		{ "huge", no_argument, NULL, 'H' },
		{ "no-huge", no_argument, NULL, 'N' },
		{ "mem", required_argument, NULL, 'm' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, 'C' },
		{ "nic-csum", no_argument, NULL, 'K' },
		{ "ids", required_argument, NULL, 'I' },
		{ "feed", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const id_names[] = { "core", "gw", NULL };
	static const char *const feed_names[] = { "preload", "copy", NULL };
	unsigned int feed;
	static const char *const nia_names[] = { "nia0", "nia1", "nia2", "nia3", NULL };
	static const char *const nea_names[] = { "off", "on", NULL };
	static const char *const eng_names[] = { "imb", "cdev", NULL };
	unsigned long v, w;
	char *comma;
	int opt, rc = 0;

	while (rc == 0 && (opt = getopt_long(argc, argv, "+h", lopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			rc = parse_words(optarg, nia_names, &o->nias);
			if (rc == 0 && (o->nias & 1u) != 0)
				rc = -EINVAL; /* NIA0: nothing to measure */
			break;
		case 'e':
			rc = parse_words(optarg, nea_names, &o->neas);
			break;
		case 's':
			rc = parse_list(optarg, 1, 65535, o->sizes, PERF_MAX_SIZES, &o->nb_sizes);
			break;
		case 'x':
			rc = parse_list(optarg, 1, 16000000, o->ctxs, PERF_MAX_CTXS, &o->nb_ctxs);
			break;
		case 'g':
			rc = parse_words(optarg, eng_names, &o->engines);
			break;
		case 'f':
			rc = parse_count(optarg, 1, 64000000, &v);
			o->frames = (uint32_t)v;
			break;
		case 'b':
			rc = parse_ulong(optarg, 1, 256, &v);
			o->burst = (uint16_t)v;
			break;
		case 'p':
			rc = parse_count(optarg, 1024, 1UL << 22, &v);
			o->pool = (uint32_t)v;
			break;
		case 'r':
			rc = parse_ulong(optarg, 1, 100, &v);
			o->repeat = (unsigned int)v;
			break;
		case 'H':
			o->huge = 1;
			break;
		case 'N':
			o->huge = 0;
			break;
		case 'm':
			rc = parse_ulong(optarg, 64, 1UL << 20, &v);
			o->mem_mb = (uint32_t)v;
			break;
		case 'c':
			comma = strchr(optarg, ',');
			if (comma == NULL) {
				rc = -EINVAL;
				break;
			}
			*comma = '\0';
			rc = parse_ulong(optarg, 0, 1023, &v);
			if (rc == 0)
				rc = parse_ulong(comma + 1, 0, 1023, &w);
			if (rc == 0 && v == w)
				rc = -EINVAL;
			o->main_cpu = (int)v;
			o->worker_cpu = (int)w;
			break;
		case 'C':
			o->csv = 1;
			break;
		case 'K':
			o->nic_csum = 1;
			break;
		case 'I':
			rc = parse_words(optarg, id_names, &o->ids);
			break;
		case 'F':
			rc = parse_words(optarg, feed_names, &feed);
			if (rc == 0 && feed != 1u && feed != 2u)
				rc = -EINVAL; /* exactly one */
			o->feed = feed == 2u ? PERF_FEED_COPY : PERF_FEED_PRELOAD;
			break;
		case 'h':
			return 1;
		default:
			rc = -EINVAL;
			break;
		}
	}
	if (rc != 0)
		return rc;
	/* getopt stops at "--": what follows goes to EAL. */
	if (optind < argc && strcmp(argv[optind - 1], "--") != 0)
		return -EINVAL;
	o->eal_argc = argc - optind;
	o->eal_argv = argv + optind;
	return 0;
}

/* "1,2,3" or "123": digits lo..hi -> bit mask (anchor-gen register's syntax). */
static int
parse_alg_digits(const char *s, unsigned int lo, unsigned int hi, uint8_t *mask)
{
	uint8_t m = 0;

	for (; *s != '\0'; s++) {
		if (*s >= (char)('0' + lo) && *s <= (char)('0' + hi))
			m |= (uint8_t)(1u << (*s - '0'));
		else if (*s != ',')
			return -EINVAL;
	}
	*mask = m;
	return m != 0 ? 0 : -EINVAL;
}

static int
parse_register(int argc, char **argv, struct perf_register_opts *o)
{
	static const struct option lopts[] = {
		{ "ues", required_argument, NULL, 'u' },
		{ "window", required_argument, NULL, 'w' },
		{ "batch", required_argument, NULL, 'b' },
		{ "sync", required_argument, NULL, 's' },
		{ "sqn-block", required_argument, NULL, 'q' },
		{ "nia", required_argument, NULL, 'i' },
		{ "nea", required_argument, NULL, 'e' },
		{ "mix", no_argument, NULL, 'x' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "core", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const sync_names[] = { "full", "none", "both", NULL };
	unsigned int m;
	unsigned long v;
	int opt, rc = 0;

	while (rc == 0 && (opt = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (opt) {
		case 'u':
			rc = parse_count(optarg, 1, 10000000, &v);
			o->nb_ues = (uint32_t)v;
			break;
		case 'w':
			rc = parse_count(optarg, 1, 65536, &v);
			o->window = (uint32_t)v;
			break;
		case 'b':
			rc = parse_count(optarg, 1, 65536, &v);
			o->batch = (uint32_t)v;
			break;
		case 's':
			rc = parse_words(optarg, sync_names, &m);
			o->syncs = (m & 0x4) ? PERF_SYNC_FULL | PERF_SYNC_NONE : m;
			break;
		case 'q':
			rc = parse_ulong(optarg, 1, UINT32_MAX, &v);
			o->sqn_block = (uint32_t)v;
			break;
		case 'i':
			rc = parse_alg_digits(optarg, 1, 3, &o->nia_mask);
			break;
		case 'e':
			rc = parse_alg_digits(optarg, 0, 3, &o->nea_mask);
			break;
		case 'x':
			o->mix = 1;
			break;
		case 'c':
			rc = parse_ulong(optarg, 0, 1023, &v);
			o->core = (int)v;
			break;
		case 'h':
			return 1;
		default:
			rc = -EINVAL;
			break;
		}
	}
	return (rc == 0 && optind != argc) ? -EINVAL : rc;
}

static int
main_crypto(int argc, char **argv)
{
	struct perf_crypto_opts o = {
		.sizes = { 32, 64, 128, 256, 512 }, .nb_sizes = 5, .nb_keys = 100000,
		.seconds = 1.0, .repeat = 3, .burst = 32, .nb_bufs = 8192, .core = -1,
		.thp = 1,
	};
	int rc;

	o.algs = (1u << perf_crypto_nb_algs()) - 1;
	rc = parse_crypto(argc, argv, &o);
	if (rc != 0) {
		usage_crypto(argv[0]);
		return rc > 0 ? 0 : 2;
	}
	rc = perf_crypto_run(&o);
	if (rc != 0)
		fprintf(stderr, "crypto: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}

static int
main_decode(int argc, char **argv)
{
	struct perf_decode_opts o = {
		.nb_frames = 4096, .min_nas = 64, .max_nas = 512, .iters = 20000000,
		.repeat = 3, .core = 1,
	};
	int rc = parse_decode(argc, argv, &o);

	if (rc != 0) {
		usage_decode(argv[0]);
		return rc > 0 ? 0 : 2;
	}
	rc = perf_decode_run(&o);
	if (rc != 0)
		fprintf(stderr, "decode: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}

static int
main_pipeline(int argc, char **argv)
{
	struct perf_pipeline_opts o = {
		.nias = 0xe, .neas = 0x3, .sizes = { 64, 128, 256, 512 }, .nb_sizes = 4,
		.ctxs = { 1000, 100000, 1000000 }, .nb_ctxs = 3,
		.engines = PERF_ENG_IMB | PERF_ENG_CDEV, .frames = 1000000, .burst = 32, .repeat = 1,
		.pool = 16384, .huge = -1, .main_cpu = 0, .worker_cpu = 1,
		.ids = PERF_IDS_CORE | PERF_IDS_GW, .feed = PERF_FEED_PRELOAD,
	};
	int rc = parse_pipeline(argc, argv, &o);

	if (rc != 0) {
		usage_pipeline(argv[0]);
		return rc > 0 ? 0 : 2;
	}
	rc = perf_pipeline_run(&o, argv[0]);
	if (rc != 0)
		fprintf(stderr, "pipeline: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}

static int
main_register(int argc, char **argv)
{
	struct perf_register_opts o = {
		.nb_ues = 100000, .window = 256, .syncs = PERF_SYNC_FULL | PERF_SYNC_NONE,
		.batch = PERF_REGISTER_BATCH, .nia_mask = 0x0e, .nea_mask = 0x0f, .core = 1,
	};
	int rc = parse_register(argc, argv, &o);

	if (rc != 0) {
		usage_register(argv[0]);
		return rc > 0 ? 0 : 2;
	}
	rc = perf_register_run(&o, argv[0]);
	if (rc != 0)
		fprintf(stderr, "register: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(argv[0]);
		return 0;
	}
	if (argc < 2) {
		usage(argv[0]);
		return 2;
	}
	optind = 2;
	if (strcmp(argv[1], "crypto") == 0)
		return main_crypto(argc, argv);
	if (strcmp(argv[1], "decode") == 0)
		return main_decode(argc, argv);
	if (strcmp(argv[1], "pipeline") == 0)
		return main_pipeline(argc, argv);
	if (strcmp(argv[1], "register") == 0)
		return main_register(argc, argv);
	usage(argv[0]);
	return 2;
}
