/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PERF_H
#define PERF_H

/**
 * @file
 * test-anchor-perf: micro-benchmarks of anchorgw fast-path building blocks.
 */

#include <stdint.h>

#define PERF_MAX_SIZES 16
#define PERF_MAX_BURST 128

/** Options of the "crypto" benchmark. */
struct perf_crypto_opts {
	uint32_t sizes[PERF_MAX_SIZES]; /**< message sizes in octets */
	unsigned int nb_sizes;
	uint32_t nb_keys;  /**< distinct keys, one per message (1: a single key) */
	double seconds;    /**< measuring time per algorithm, size and repetition */
	unsigned int repeat; /**< repetitions per point; the best one is reported */
	uint16_t burst;    /**< operations per burst call */
	uint32_t nb_bufs;  /**< message buffers, used round robin (>= burst) */
	unsigned int algs; /**< bit mask over the PERF_ALG_* indexes */
	int core;          /**< CPU to pin to, -1: do not pin */
	int csv;           /**< print CSV instead of a table */
	int thp;           /**< key table on transparent huge pages (madvise) */
};

/** Run the crypto benchmark; 0 on success, -errno otherwise. */
int perf_crypto_run(const struct perf_crypto_opts *opts);

/** Number of algorithms the crypto benchmark knows. */
unsigned int perf_crypto_nb_algs(void);

/** Name ("NIA1", ...) of algorithm @p idx, or NULL. */
const char *perf_crypto_alg_name(unsigned int idx);

#endif /* PERF_H */
