/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_CDEV_H
#define AGW_CDEV_H

/**
 * @file
 * The `cryptodev` NAS crypto engine: 128-NIA1/2/3 and 128-NEA1/2/3
 * (TS 33.501 Annex D = 128-EIA/EEA of TS 33.401 Annex B) on any DPDK
 * symmetric crypto PMD (crypto_qat on QAT hardware; crypto_aesni_mb,
 * crypto_snow3g, crypto_zuc, crypto_openssl in software).
 *
 * It is the second implementation of lib/crypto/agw_nas_sec.h's burst
 * API and produces the same results (statuses from enum
 * agw_nas_sec_status, MACs, ciphertexts), with these differences:
 *  - keys live in cryptodev sessions (one per UE context, key and role),
 *    created and freed by the control lcore only;
 *  - every worker owns one queue pair and passes its index to the burst
 *    calls; a queue pair is never used by two threads at once;
 *  - 128-NIA2 goes through the PMD's AES-CMAC, which counts in octets:
 *    a NIA2 message whose length is not a multiple of 8 bits gets
 *    AGW_NAS_SEC_INVALID (NAS messages always are whole octets);
 *  - ciphering is always submitted in whole octets (the keystream of a
 *    stream cipher does not depend on the length) and the bits past
 *    len_bits in the last octet are then cleared, as agw_nea_apply() does;
 *  - NIA0/NEA0 have no session: a context with a null algorithm does not
 *    call the engine (node_nas_crypto tests AGW_CTX_F_CIPHER likewise).
 *
 * Memory per session: see agw_cdev_session_bytes().
 *
 * Every function returns 0 or a negative errno value; constructors return
 * NULL and set rte_errno.
 */

#include <stdint.h>

#include "agw_nas_sec.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;

/** Opaque engine: one cryptodev with its pools and queue pairs. */
struct agw_cdev;

/** Largest number of operations one burst call submits to the PMD at once;
 *  longer bursts are split internally. */
#define AGW_CDEV_CHUNK 64

/** Engine configuration. Fields left 0 take the documented default. */
struct agw_cdev_conf {
	/** Crypto device name ("crypto_aesni_mb0", "0000:3d:01.0_qat_sym");
	 *  the device must already exist (EAL --vdev, rte_vdev_init(), PCI). */
	const char *dev_name;
	uint16_t nb_qp;	       /**< queue pairs, one per worker (>= 1) */
	uint32_t max_sessions; /**< sessions (NIA + NEA) alive at once (>= 1) */
	int socket_id;	       /**< NUMA socket; SOCKET_ID_ANY: the device's */
	uint32_t qp_depth;     /**< descriptors per queue pair; 0: 1024 */
	/** Longest wait for a burst's results, in microseconds; 0: 100000.
	 *  Operations still in the device then get AGW_NAS_SEC_ENGINE_ERR. */
	uint32_t timeout_us;
};

/** Per queue pair counters (only that queue pair's worker writes them). */
struct agw_cdev_stats {
	uint64_t enqueued;    /**< crypto operations accepted by the PMD */
	uint64_t dequeued;    /**< crypto operations given back */
	uint64_t enq_short;   /**< enqueue calls that took fewer ops than offered */
	uint64_t enq_retried; /**< ops offered again after a short enqueue */
	uint64_t bad_mac;     /**< AGW_NAS_SEC_BAD_MAC results */
	uint64_t invalid;     /**< AGW_NAS_SEC_INVALID results */
	uint64_t engine_err;  /**< AGW_NAS_SEC_ENGINE_ERR results */
	uint64_t alloc_fail;  /**< op or mbuf pool exhausted */
	uint64_t timeouts;    /**< bursts abandoned after timeout_us */
	uint64_t late;	      /**< ops of abandoned bursts dequeued later (freed) */
};

/** Objects of the engine's pools in use (0 when the engine is idle and no
 *  session exists). */
struct agw_cdev_usage {
	uint32_t sessions; /**< sessions not yet freed */
	uint32_t ops;	   /**< crypto operations outside the pool */
	uint32_t mbufs;	   /**< internal mbufs outside the pool */
};

/**
 * Configure and start a crypto device, and create its pools: sessions
 * (conf->max_sessions, no per-lcore cache, so the count is exact), crypto
 * operations with room for the IV, digest and bookkeeping in their private
 * area, and data-less mbufs used to wrap caller buffers (external buffers)
 * when an operation does not carry its own mbuf.
 *
 * @param[in] conf configuration; copied.
 * @return the engine, or NULL with rte_errno set: EINVAL (bad conf, more
 *   queue pairs or sessions than the device offers), ENODEV (no such
 *   device), ENOTSUP (the device can run none of NIA1-3/NEA1-3), EEXIST (an
 *   engine already runs on the device), ENOMEM, or the error of
 *   rte_cryptodev_configure()/queue_pair_setup()/start().
 */
struct agw_cdev *agw_cdev_create(const struct agw_cdev_conf *conf);

/**
 * Stop and close the device and free the pools. Every session must have
 * been freed and no burst may be running. NULL is accepted.
 *
 * @return 0, or -EBUSY when sessions are still alive (nothing is freed).
 */
int agw_cdev_free(struct agw_cdev *cdev);

/** The cryptodev identifier of the engine's device. */
uint8_t agw_cdev_dev_id(const struct agw_cdev *cdev);

/** The PMD's driver name ("crypto_aesni_mb", ...). */
const char *agw_cdev_driver_name(const struct agw_cdev *cdev);

/**
 * Whether the device can run an integrity algorithm (capability check for a
 * 128-bit key, 4-octet digest and the IV the algorithm needs).
 *
 * @param[in] alg enum agw_nia.
 * @return 1 or 0 (always 0 for NIA0).
 */
int agw_cdev_nia_supported(const struct agw_cdev *cdev, unsigned int alg);

/** Whether the device can run a ciphering algorithm (enum agw_nea). */
int agw_cdev_nea_supported(const struct agw_cdev *cdev, unsigned int alg);

/**
 * Create an integrity session (control lcore only). The MAC is always
 * generated by the PMD; operations with @c verify set are compared in
 * constant time (agw_ct_equal()) with the MAC they carry. Such a session
 * serves both directions (generate on downlink, verify on uplink).
 *
 * @param[in] alg  enum agw_nia (1, 2 or 3).
 * @param[in] key  16-octet K_NASint; not kept (the PMD copies or expands
 *                 it into its session data).
 * @param[out] sess the session, for agw_cdev_nia_op.sess.
 * @return 0, -EINVAL (NULL argument, unknown algorithm), -ENOTSUP (NIA0,
 *   or the device lacks the algorithm), -ENOMEM (max_sessions reached), or
 *   the PMD's error.
 */
int agw_cdev_session_nia(struct agw_cdev *cdev, unsigned int alg,
			 const uint8_t key[AGW_NAS_KEY_LEN], void **sess);

/**
 * Create a verify-only integrity session (control lcore only), for the
 * uplink: the PMD checks the MAC itself (RTE_CRYPTO_AUTH_OP_VERIFY) and
 * reports RTE_CRYPTO_OP_STATUS_AUTH_FAILED, which becomes
 * AGW_NAS_SEC_BAD_MAC. When the PMD refuses verify sessions it falls back to
 * agw_cdev_session_nia() (generate + constant-time compare), so callers
 * need not care. Operations on it must have @c verify set, otherwise they
 * get AGW_NAS_SEC_INVALID.
 *
 * @return as agw_cdev_session_nia().
 */
int agw_cdev_session_nia_verify(struct agw_cdev *cdev, unsigned int alg,
				const uint8_t key[AGW_NAS_KEY_LEN], void **sess);

/**
 * Create a ciphering session (control lcore only); one session serves
 * ciphering and deciphering (the same keystream XOR).
 *
 * @param[in] alg enum agw_nea (1, 2 or 3).
 * @return as agw_cdev_session_nia().
 */
int agw_cdev_session_nea(struct agw_cdev *cdev, unsigned int alg,
			 const uint8_t key[AGW_NAS_KEY_LEN], void **sess);

/**
 * Free a session (control lcore only) and return its memory to the session
 * pool. No operation using it may be in flight (with lib/ctx: free after
 * the RCU grace period of the context that held it). NULL is accepted.
 *
 * Key material: DPDK 22.11's rte_cryptodev_sym_session_free() calls the
 * PMD's session clear and then zeroes the whole driver private data before
 * the object goes back to the pool, so the pool holds no key of a freed
 * session (test_cdev checks this by scanning every object of the pool).
 * PMDs that keep key material outside the session data release it in their
 * clear callback (crypto_openssl frees its EVP contexts, which OpenSSL
 * cleanses); hardware PMDs (QAT) keep the key in the session descriptor,
 * which is inside the zeroed private data.
 */
void agw_cdev_session_free(struct agw_cdev *cdev, void *sess);

/**
 * Memory one session costs on this device, in octets: the session pool's
 * object size (22.11 session header, the PMD's
 * rte_cryptodev_sym_get_private_session_size(), padding to a cache line)
 * plus the mempool's per-object header and trailer. Memory a PMD allocates
 * elsewhere for a session is not included (crypto_openssl keeps its EVP
 * contexts on the heap).
 */
int agw_cdev_session_bytes(const struct agw_cdev *cdev);

/**
 * One integrity operation of a burst; as struct agw_nia_op with a session
 * instead of an expanded key, and an optional mbuf.
 *
 * The message is either in @c m, @c data_off octets after
 * rte_pktmbuf_mtod(m) and wholly inside the first segment (zero copy: the
 * PMD reads the pipeline's mbuf), or, when @c m is NULL, at @c msg (the
 * engine wraps it in an internal mbuf with an external buffer; for a
 * hardware PMD @c msg must then be DPDK memory with a valid IOVA).
 *
 * 128-NIA2: the 8-octet COUNT|BEARER|DIRECTION|0 prefix is written into the
 * AGW_NIA2_PREFIX_LEN octets in front of the message (at m + data_off - 8,
 * so data_off >= 8, or at msg - 8), which must be writable and must not be
 * shared with another operation of the burst; unlike the IPsec-MB engine,
 * this engine saves those octets and puts them back before the burst call
 * returns (except for operations abandoned on timeout). The PMD may read
 * up to AGW_NIA2_TAILROOM octets past the end of the message.
 */
struct agw_cdev_nia_op {
	void *sess;		      /**< session from agw_cdev_session_nia*() */
	struct rte_mbuf *m;	      /**< mbuf holding the message, or NULL */
	uint32_t data_off;	      /**< with @c m: message offset from its data start */
	uint8_t *msg;		      /**< without @c m: the message */
	uint32_t len_bits;	      /**< message length in bits */
	uint32_t count;		      /**< COUNT */
	uint8_t bearer;		      /**< BEARER (0..31) */
	uint8_t dir;		      /**< DIRECTION (0 uplink, 1 downlink) */
	uint8_t verify;		      /**< 1: compare with @c mac; 0: write @c mac */
	uint8_t status;		      /**< out: enum agw_nas_sec_status */
	uint8_t mac[AGW_NAS_MAC_LEN]; /**< in (verify) or out (generate) */
	void *user_data;	      /**< carried through untouched */
};

/**
 * One ciphering operation of a burst. With @c m the data is ciphered in
 * place in the mbuf at @c data_off (first segment); without it, @c in is
 * ciphered into @c out, which may equal @c in and must not otherwise
 * overlap it (out-of-place copies @c in to @c out first, then ciphers
 * @c out in place). Bits past len_bits in the last octet are zero on
 * success. A 0-bit operation succeeds without touching anything.
 */
struct agw_cdev_nea_op {
	void *sess;	    /**< session from agw_cdev_session_nea() */
	struct rte_mbuf *m; /**< mbuf holding the data (in place), or NULL */
	uint32_t data_off;  /**< with @c m: data offset from its data start */
	const uint8_t *in;  /**< without @c m: input */
	uint8_t *out;	    /**< without @c m: output */
	uint32_t len_bits;  /**< length in bits */
	uint32_t count;	    /**< COUNT */
	uint8_t bearer;	    /**< BEARER (0..31) */
	uint8_t dir;	    /**< DIRECTION (0 uplink, 1 downlink) */
	uint8_t status;	    /**< out: enum agw_nas_sec_status */
	uint8_t rsvd;
	void *user_data; /**< carried through untouched */
};

/**
 * Run a burst of integrity operations (mixed sessions and algorithms) on a
 * queue pair: build one crypto operation per valid op, enqueue them (short
 * enqueues are retried, never dropped), dequeue until all are back or
 * conf.timeout_us passed, and map the results: success → AGW_NAS_SEC_OK
 * (for a software compare, AGW_NAS_SEC_BAD_MAC on mismatch),
 * RTE_CRYPTO_OP_STATUS_AUTH_FAILED → AGW_NAS_SEC_BAD_MAC, any other
 * status, a pool shortage or a timeout → AGW_NAS_SEC_ENGINE_ERR. Invalid
 * ops (NULL or wrong-kind session, missing buffer, bad bearer, direction
 * or length, data outside the mbuf, NIA2 with data_off < 8 or a length
 * that is not whole octets) get AGW_NAS_SEC_INVALID and do not stop the
 * others. Every crypto operation and internal mbuf goes back to its pool
 * (those of a timed-out burst when the device returns them later).
 *
 * @param[in] qp    the calling worker's queue pair (< conf.nb_qp).
 * @param[in,out] ops operations; @c status (and @c mac when generating) is
 *                  written for every one.
 * @param[in] n     number of operations (any; split into chunks of
 *                  AGW_CDEV_CHUNK).
 * @return the number of operations whose status is AGW_NAS_SEC_OK.
 */
uint16_t agw_cdev_nia_burst(struct agw_cdev *cdev, uint16_t qp, struct agw_cdev_nia_op *ops,
			    uint16_t n);

/** Run a burst of ciphering operations; as agw_cdev_nia_burst(). */
uint16_t agw_cdev_nea_burst(struct agw_cdev *cdev, uint16_t qp, struct agw_cdev_nea_op *ops,
			    uint16_t n);

/**
 * Read a queue pair's counters.
 *
 * @return 0, or -EINVAL (NULL argument, qp out of range).
 */
int agw_cdev_stats_get(const struct agw_cdev *cdev, uint16_t qp, struct agw_cdev_stats *st);

/**
 * Objects of the engine's pools currently in use (sessions alive, crypto
 * operations and internal mbufs not in their pool, per-lcore caches
 * counted as available).
 *
 * @return 0, or -EINVAL.
 */
int agw_cdev_usage_get(const struct agw_cdev *cdev, struct agw_cdev_usage *u);

#ifdef __cplusplus
}
#endif

#endif /* AGW_CDEV_H */
