/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PROSE_PERF_H
#define PROSE_PERF_H

/* test-prose-perf internals: the gateway side (lib/prose on a store) and the
 * simulated UEs that feed it. */

#include <stdint.h>

#include "agw_prose.h"
#include "agw_store.h"
#include "prose_sim.h"

struct perf_opts {
	unsigned int ues;      /* remote UEs with a CP-PRUK */
	unsigned int requests; /* measured Relay Key Requests */
	unsigned int batch;    /* requests per store transaction (group commit) */
	int sync;	       /* 1: fsync at each commit */
	int authz;	       /* enum agw_prose_authz_mode */
	const char *dir;       /* store directory; NULL: a temporary one */
};

struct perf_gw {
	struct agw_store *store;
	struct agw_prose_udm *udm;
	struct agw_prose *p;
	struct psim_relay relay;
	struct agw_prose_out out;
	uint64_t gw_ns; /* time spent inside lib/prose and commits (setup) */
	uint64_t commits;
	char dir[64];
	int own_dir;
};

uint64_t perf_now_ns(void);
int perf_gw_open(struct perf_gw *g, const struct perf_opts *o);
void perf_gw_close(struct perf_gw *g);
/* Subscribers for UEs 0..n-1 and the relay. */
int perf_provision(struct perf_gw *g, unsigned int n);
/* The simulator's view of the gateway (one transaction per NAS message). */
extern const struct psim_gw_ops perf_gw_ops;
/* UE i's SUPI, K and OPc. */
void perf_ue(unsigned int i, char supi[64], uint8_t k[16], uint8_t opc[16]);

#endif /* PROSE_PERF_H */
