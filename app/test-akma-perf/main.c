/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * test-akma-perf: benchmark program (not a test).
 *
 *   test-akma-perf [--ues N] [--conns C] [--streams S] [--seconds T]
 *                  [--warmup W] [--pull] [--cpus SERVER,CLIENT]
 *   test-akma-perf --serve PORT [--ues N] [--pull]
 *
 * Naanf_AKMA_ApplicationKey_Get (POST /naanf-akma/v1/retrieve-applicationkey)
 * served by lib/sbi + lib/akma on one core (the server thread), the nghttp2
 * client on the other, C persistent h2c connections with S requests in
 * flight each. Prints requests/s and latency p50/p99/p99.9 (submit to end
 * of response); every 64th K_AF is compared with one derived here with the
 * lib/crypto KDFs. --serve only runs the server (for curl by hand).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agw_akma.h"
#include "agw_kdf.h"
#include "agw_sbi.h"
#include "agw_util.h"
#include "bench.h"

static const uint8_t ua_tls[5] = {0x01, 0x00, 0x00, 0x00, 0x02};

struct opts {
	unsigned int ues;
	unsigned int conns;
	unsigned int streams;
	double seconds;
	double warmup;
	int pull;
	int cpu_server;
	int cpu_client;
	int serve_port;
};

uint64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int
bench_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

int
fcntl_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0 ? -1 : 0;
}

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [options]\n"
		"  --ues N            subscribers with an AKMA identifier (default 100000)\n"
		"  --conns C          client connections (default 4)\n"
		"  --streams S        requests in flight per connection (default 64)\n"
		"  --seconds T        measuring time (default 5)\n"
		"  --warmup W         seconds before measuring (default 1)\n"
		"  --pull             K_AKMA pulled from the AUSF on first use (default:\n"
		"                     pushed at allocation)\n"
		"  --cpus S,C         server and client CPUs (default 0,1)\n"
		"  --serve PORT       only serve on 127.0.0.1:PORT (prints identifiers)\n",
		prog);
}

static int
parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{"ues", 1, NULL, 'u'},	   {"conns", 1, NULL, 'c'},  {"streams", 1, NULL, 's'},
		{"seconds", 1, NULL, 't'}, {"warmup", 1, NULL, 'w'}, {"pull", 0, NULL, 'p'},
		{"cpus", 1, NULL, 'C'},	   {"serve", 1, NULL, 'S'},  {"help", 0, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	*o = (struct opts){100000, 4, 64, 5.0, 1.0, 0, 0, 1, -1};
	while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (ch) {
		case 'u':
			o->ues = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			o->conns = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 's':
			o->streams = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 't':
			o->seconds = strtod(optarg, NULL);
			break;
		case 'w':
			o->warmup = strtod(optarg, NULL);
			break;
		case 'p':
			o->pull = 1;
			break;
		case 'C':
			if (sscanf(optarg, "%d,%d", &o->cpu_server, &o->cpu_client) != 2)
				return -1;
			break;
		case 'S':
			o->serve_port = atoi(optarg);
			break;
		default:
			return -1;
		}
	}
	if (o->ues == 0 || o->conns == 0 || o->streams == 0 || o->seconds <= 0)
		return -1;
	return 0;
}

static struct agw_akma *
make_anchor(const struct opts *o, uint16_t port)
{
	static char uri[64];
	static struct agw_akma_aanf_conf aanf = {"a1", uri, NULL, 0};
	static struct agw_akma_af_conf af = {"af1", "af.example.com", "af.example.com", {0}, 1};
	struct agw_akma_conf c;
	char err[160] = "";
	struct agw_akma *ak;

	snprintf(uri, sizeof(uri), "http://127.0.0.1:%u", port);
	memcpy(af.ua_proto, ua_tls, 5);
	agw_akma_conf_init(&c);
	memcpy(c.mcc, "001", 4);
	memcpy(c.mnc, "01", 3);
	c.delivery = o->pull ? AGW_AKMA_PULL : AGW_AKMA_PUSH;
	c.aanf = &aanf;
	c.n_aanf = 1;
	c.af = &af;
	c.n_af = 1;
	c.capacity = o->ues;
	c.err = err;
	c.err_len = sizeof(err);
	ak = agw_akma_create(&c);
	if (ak == NULL)
		fprintf(stderr, "agw_akma_create: %s %s\n", strerror(errno), err);
	return ak;
}

/* Allocate the identifiers; request bodies and the expected K_AF (lib/crypto path). */
static struct bench_ue *
make_ues(struct agw_akma *ak, unsigned int n)
{
	struct bench_ue *ue = calloc(n, sizeof(*ue));
	uint8_t kausf[32], kakma[32], kaf[32], af_id[64];
	char supi[AGW_AKMA_SUPI_MAX];
	struct agw_akma_ident id;
	size_t af_len = 14 + 5;

	memcpy(af_id, "af.example.com", 14);
	memcpy(af_id + 14, ua_tls, 5);
	for (unsigned int i = 0; ue != NULL && i < n; i++) {
		struct agw_akma_auth a = {supi, kausf, "0012", 1, 1, NULL};

		snprintf(supi, sizeof(supi), "imsi-00101%010u", i);
		for (int j = 0; j < 32; j++)
			kausf[j] = (uint8_t)(i * 131 + j * 7 + (i >> 8));
		if (agw_akma_ausf_auth_result(ak, &a, &id) != 1 ||
		    agw_kdf_kakma(kausf, supi + 5, strlen(supi + 5), kakma) != 0 ||
		    agw_kdf_kaf(kakma, af_id, af_len, kaf) != 0) {
			free(ue);
			return NULL;
		}
		ue[i].body_len =
			(uint16_t)snprintf(ue[i].body, sizeof(ue[i].body),
					   "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", id.nai);
		agw_hex_encode(kaf, 32, ue[i].kaf_hex);
	}
	agw_memzero(kausf, sizeof(kausf));
	agw_memzero(kakma, sizeof(kakma));
	agw_memzero(kaf, sizeof(kaf));
	return ue;
}

struct server_arg {
	struct agw_sbi *s;
	int cpu;
	volatile int stop;
	double cpu_s; /* CPU time the server thread used */
};

static double
thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *
server_main(void *p)
{
	struct server_arg *a = p;

	pthread_setname_np(pthread_self(), "sbi-server");
	if (a->cpu >= 0)
		bench_pin(a->cpu);
	a->cpu_s = thread_cpu_s();
	while (!a->stop)
		agw_sbi_poll(a->s, 1);
	a->cpu_s = thread_cpu_s() - a->cpu_s;
	return NULL;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void
report(const struct opts *o, struct bench_result *r, struct agw_sbi *s, double cpu_s)
{
	uint64_t res[AGW_SBI_R_MAX];
	double us = 1e-3;

	qsort(r->lat_ns, r->n_lat, sizeof(*r->lat_ns), cmp_u32);
	agw_sbi_stats(s, res, NULL);
	printf("akma-perf: %u UEs, K_AKMA %s, %u connections x %u streams, server cpu %d, "
	       "client cpu %d\n",
	       o->ues, o->pull ? "pulled" : "pushed", o->conns, o->streams, o->cpu_server,
	       o->cpu_client);
	printf("  requests/s      %.0f  (%lu responses in %.2f s)\n",
	       (double)r->measured / r->elapsed, (unsigned long)r->measured, r->elapsed);
	if (r->n_lat > 0)
		printf("  latency us      p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n",
		       r->lat_ns[r->n_lat / 2] * us, r->lat_ns[r->n_lat * 99 / 100] * us,
		       r->lat_ns[r->n_lat * 999 / 1000] * us, r->lat_ns[r->n_lat - 1] * us);
	/* CPU time per request: what one core can serve, whatever else runs on it. */
	printf("  server CPU      %.2f us/request (whole run) -> %.0f requests/s per core\n",
	       cpu_s * 1e6 / (double)(r->ok + r->other), (double)(r->ok + r->other) / cpu_s);
	printf("  responses       200: %lu  other: %lu  errors: %lu\n", (unsigned long)r->ok,
	       (unsigned long)r->other, (unsigned long)r->errors);
	printf("  K_AF checked    %lu against lib/crypto, %lu mismatches\n",
	       (unsigned long)r->checked, (unsigned long)r->mismatch);
	printf("  server          ok %lu, no_content %lu, 4xx/5xx %lu\n",
	       (unsigned long)res[AGW_SBI_R_OK], (unsigned long)res[AGW_SBI_R_NO_CONTENT_UNKNOWN],
	       (unsigned long)(res[AGW_SBI_R_MANDATORY_IE_INCORRECT] +
			       res[AGW_SBI_R_INVALID_MSG_FORMAT] + res[AGW_SBI_R_SYSTEM_FAILURE]));
}

static int
serve_only(struct agw_sbi *s, const struct bench_ue *ue, unsigned int n, uint16_t port)
{
	for (unsigned int i = 0; i < n && i < 3; i++)
		printf("curl --http2-prior-knowledge -H 'content-type: application/json' -d '%s' "
		       "http://127.0.0.1:%u/naanf-akma/v1/retrieve-applicationkey\n",
		       ue[i].body, port);
	fflush(stdout);
	for (;;)
		agw_sbi_poll(s, -1);
	return 0;
}

int
main(int argc, char **argv)
{
	struct server_arg sa = {0};
	struct bench_client_conf cc;
	struct agw_sbi_conf sc;
	struct bench_result r;
	struct bench_ue *ue;
	struct agw_akma *ak;
	pthread_t thr;
	struct opts o;
	uint16_t port;
	int rc;

	if (parse(argc, argv, &o) != 0) {
		usage(argv[0]);
		return 2;
	}
	port = o.serve_port > 0 ? (uint16_t)o.serve_port : 0;
	agw_sbi_conf_init(&sc);
	sc.max_streams = 1024;
	sa.s = agw_sbi_create(&sc);
	ak = make_anchor(&o, port);
	if (sa.s == NULL || ak == NULL)
		return 1;
	rc = agw_sbi_listen_naanf(sa.s, "127.0.0.1", port, agw_akma_aanf_at(ak, 0), &port);
	ue = rc == 0 ? make_ues(ak, o.ues) : NULL;
	if (ue == NULL) {
		fprintf(stderr, "setup failed: %s\n", strerror(-rc));
		return 1;
	}
	if (o.serve_port > 0)
		return serve_only(sa.s, ue, o.ues, port);
	sa.cpu = o.cpu_server;
	pthread_create(&thr, NULL, server_main, &sa);
	cc = (struct bench_client_conf){port,	  o.conns, o.streams, o.seconds,
					o.warmup, ue,	   o.ues,     o.cpu_client};
	rc = bench_client_run(&cc, &r);
	sa.stop = 1;
	pthread_join(thr, NULL);
	if (rc != 0) {
		fprintf(stderr, "client failed\n");
		return 1;
	}
	report(&o, &r, sa.s, sa.cpu_s);
	free(r.lat_ns);
	free(ue);
	agw_sbi_free(sa.s);
	agw_akma_free(ak);
	return r.mismatch == 0 && r.other == 0 ? 0 : 1;
}
