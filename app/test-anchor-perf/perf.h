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

/** Options of the "decode" benchmark. */
struct perf_decode_opts {
	uint32_t nb_frames; /**< distinct frames, cycled (power of two) */
	uint32_t min_nas;   /**< smallest NAS-PDU, octets */
	uint32_t max_nas;   /**< largest NAS-PDU, octets */
	uint64_t iters;     /**< messages parsed per measurement */
	unsigned int repeat; /**< measurements per stage; the best is reported */
	int core;           /**< CPU to pin to, -1: do not pin */
	int csv;            /**< print CSV instead of a table */
};

#define PERF_MAX_CTXS 8

/** Engines of the "pipeline" benchmark (bit mask). */
#define PERF_ENG_IMB 0x1
#define PERF_ENG_CDEV 0x2

/** Options of the "pipeline" benchmark. */
struct perf_pipeline_opts {
	unsigned int nias;  /**< bit mask: 1 << 1 NIA1, 1 << 2 NIA2, 1 << 3 NIA3 */
	unsigned int neas;  /**< bit 0: without NEA (NEA0), bit 1: with NEA<n> */
	uint32_t sizes[PERF_MAX_SIZES]; /**< NAS-PDU sizes in octets */
	unsigned int nb_sizes;
	uint32_t ctxs[PERF_MAX_CTXS]; /**< installed contexts (= UEs) per point */
	unsigned int nb_ctxs;
	unsigned int engines; /**< PERF_ENG_* */
	uint32_t frames;    /**< frames per point, at least (whole rounds over the UEs) */
	unsigned int repeat; /**< points per size, each on new frames; best reported */
	uint16_t burst;     /**< worker rx burst (agw_worker.burst) */
	uint32_t pool;      /**< mbufs in the generator's pool */
	int huge;           /**< 1 hugepages, 0 --no-huge, -1 detect */
	uint32_t mem_mb;    /**< EAL memory (-m); 0: estimated */
	int main_cpu;       /**< generator CPU */
	int worker_cpu;     /**< worker CPU */
	int csv;            /**< print CSV instead of a table */
	int nic_csum;       /**< frames arrive marked NIC-verified (IPv4 + SCTP CRC) */
	unsigned int ids;   /**< PERF_IDS_*: who allocates the AMF-UE-NGAP-IDs */
	int feed;           /**< PERF_FEED_* */
	int eal_argc;       /**< extra EAL arguments (after "--") */
	char **eal_argv;
};

/** AMF-UE-NGAP-IDs of the pipeline benchmark's contexts (bit mask). */
#define PERF_IDS_CORE 0x1 /**< the core's (proxy mode): N2 lookups hash the key */
#define PERF_IDS_GW 0x2   /**< the gateway's (anchors mode): direct index */

/** How the pipeline benchmark's generator feeds the RAN ring. */
#define PERF_FEED_PRELOAD 0 /**< mbufs filled before the point, as a NIC's DMA leaves them */
#define PERF_FEED_COPY 1    /**< frames copied into pool mbufs during the point */

/** Store sync modes of the "register" benchmark (bit mask). */
#define PERF_SYNC_FULL 0x1 /**< fsync per commit (production) */
#define PERF_SYNC_NONE 0x2 /**< MDB_NOSYNC */

/** Default uplink messages per store transaction (anchorgw's CTL_BURST). */
#define PERF_REGISTER_BATCH 256

/** Options of the "register" benchmark. */
struct perf_register_opts {
	uint32_t nb_ues;    /**< UEs (= subscribers), each registers once per row */
	uint32_t window;    /**< UEs in registration at the same time, interleaved */
	unsigned int syncs; /**< PERF_SYNC_*: one row each */
	uint32_t sqn_block; /**< anchors' SQN block (0: the anchors' default) */
	uint32_t batch;     /**< uplink messages per store transaction (group commit) */
	uint8_t nia_mask;   /**< UE 5G-IA: bit n = NIAn (as anchor-gen register) */
	uint8_t nea_mask;   /**< UE 5G-EA: bit n = NEAn */
	uint8_t mix;        /**< 1: UE i advertises one NIA and one NEA, rotating */
	int core;           /**< CPU of the (single) lcore */
};

/** Run the decode benchmark; 0 on success, -errno otherwise. */
int perf_decode_run(const struct perf_decode_opts *opts);

/** Run the pipeline benchmark (initialises EAL); 0 or -errno. */
int perf_pipeline_run(const struct perf_pipeline_opts *opts, const char *prog);

/** Run the register benchmark (initialises EAL); 0 or -errno. */
int perf_register_run(const struct perf_register_opts *opts, const char *prog);

/** Run the crypto benchmark; 0 on success, -errno otherwise. */
int perf_crypto_run(const struct perf_crypto_opts *opts);

/** Number of algorithms the crypto benchmark knows. */
unsigned int perf_crypto_nb_algs(void);

/** Name ("NIA1", ...) of algorithm @p idx, or NULL. */
const char *perf_crypto_alg_name(unsigned int idx);

#endif /* PERF_H */
