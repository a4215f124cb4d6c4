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
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "perf.h"

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s crypto [options]\n"
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

static int
parse_sizes(const char *arg, struct perf_crypto_opts *o)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	unsigned long v;
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	o->nb_sizes = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		if (o->nb_sizes == PERF_MAX_SIZES || parse_ulong(tok, 1, 65535, &v) != 0)
			rc = -EINVAL;
		else
			o->sizes[o->nb_sizes++] = (uint32_t)v;
	}
	free(copy);
	return (rc == 0 && o->nb_sizes == 0) ? -EINVAL : rc;
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
		default:
			rc = -EINVAL;
			break;
		}
	}
	return (rc == 0 && optind != argc) ? -EINVAL : rc;
}

int
main(int argc, char **argv)
{
	struct perf_crypto_opts o = {
		.sizes = { 32, 64, 128, 256, 512 }, .nb_sizes = 5, .nb_keys = 100000,
		.seconds = 1.0, .repeat = 3, .burst = 32, .nb_bufs = 8192, .core = -1,
		.thp = 1,
	};
	int rc;

	o.algs = (1u << perf_crypto_nb_algs()) - 1;
	if (argc < 2 || strcmp(argv[1], "crypto") != 0) {
		usage(argv[0]);
		return 2;
	}
	optind = 2;
	if (parse_crypto(argc, argv, &o) != 0) {
		usage(argv[0]);
		return 2;
	}
	rc = perf_crypto_run(&o);
	if (rc != 0)
		fprintf(stderr, "crypto: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}
