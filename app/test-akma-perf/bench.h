/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AKMA_BENCH_H
#define AKMA_BENCH_H

/*
 * test-akma-perf: K_AF requests per second served by lib/sbi + lib/akma on
 * one core, the client (nghttp2) on another.
 */

#include <stddef.h>
#include <stdint.h>

struct bench_ue {
	char body[320]; /* AkmaAfKeyRequest JSON */
	uint16_t body_len;
	char kaf_hex[65]; /* expected K_AF (second derivation: lib/crypto KDFs) */
};

struct bench_client_conf {
	uint16_t port;
	unsigned int conns;   /* TCP connections */
	unsigned int streams; /* requests in flight per connection */
	double seconds;	      /* measuring time */
	double warmup;	      /* seconds before measuring */
	const struct bench_ue *ue;
	unsigned int n_ue;
	int cpu; /* -1: no pinning */
};

struct bench_result {
	uint64_t sent;
	uint64_t ok;	   /* 200 */
	uint64_t other;	   /* any other status */
	uint64_t checked;  /* bodies compared with the expected K_AF */
	uint64_t mismatch; /* compared and different */
	uint64_t errors;   /* connection / protocol errors */
	double elapsed;	   /* measuring time actually spent */
	uint64_t measured; /* responses inside the measuring window */
	uint32_t *lat_ns;  /* latency of each measured response */
	size_t n_lat;
};

/* Run the client; fills @p r (r->lat_ns: malloc'd). 0 or -1. */
int bench_client_run(const struct bench_client_conf *c, struct bench_result *r);

uint64_t bench_now_ns(void);
int bench_pin(int cpu);
int fcntl_nonblock(int fd);

#endif /* AKMA_BENCH_H */
