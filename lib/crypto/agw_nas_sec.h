/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NAS_SEC_H
#define AGW_NAS_SEC_H

/**
 * @file
 * 3GPP NAS/AS integrity and ciphering: 128-NIA0/1/2/3 and 128-NEA0/1/2/3
 * (TS 33.501 Annex D; identical to 128-EIA/EEA of TS 33.401 Annex B), on
 * Intel IPsec-MB.
 *
 * Two halves:
 *  - key material (struct agw_nia_key / agw_nea_key) expanded once, by the
 *    control lcore when it installs a context: AES key schedule and CMAC
 *    subkeys for NIA2, AES key schedule for NEA2, the raw 128-bit key for
 *    SNOW 3G and ZUC. Workers only read it.
 *  - an engine (struct agw_nas_sec_engine) owned by exactly one lcore, that
 *    wraps one IMB_MGR. It offers a single-message API for the control path
 *    and burst APIs that run many messages with different keys through the
 *    multi-buffer job manager at once.
 *
 * All lengths are in bits so that the 3GPP test sets with odd lengths work;
 * NAS itself always uses whole octets.
 *
 * Length limits come from IPsec-MB 1.3's job checks (see agw_nia_max_bits()
 * and agw_nea_max_bits()): ZUC takes at most 65504 bits (8188 octets), and
 * AES-CMAC at most 65534 bits including the 64-bit NIA2 prefix. Longer
 * messages are refused with -EINVAL / AGW_NAS_SEC_INVALID.
 */

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Integrity algorithm identifiers, values as in TS 24.501 9.11.3.34. */
enum agw_nia {
	AGW_NIA0 = 0, /**< null integrity (emergency only) */
	AGW_NIA1 = 1, /**< SNOW 3G based (UIA2 f9) */
	AGW_NIA2 = 2, /**< AES-CMAC based */
	AGW_NIA3 = 3, /**< ZUC based (EIA3) */
};

/** Ciphering algorithm identifiers, values as in TS 24.501 9.11.3.34. */
enum agw_nea {
	AGW_NEA0 = 0, /**< null ciphering */
	AGW_NEA1 = 1, /**< SNOW 3G based (UEA2 f8) */
	AGW_NEA2 = 2, /**< AES-CTR based */
	AGW_NEA3 = 3, /**< ZUC based (EEA3) */
};

/** Length of a NAS MAC in octets. */
#define AGW_NAS_MAC_LEN 4
/** Length of a 128-bit NAS key in octets. */
#define AGW_NAS_KEY_LEN 16
/**
 * Octets that 128-NIA2 needs in front of the message in the burst API:
 * COUNT(32) | BEARER(5) | DIRECTION(1) | 0^26 (TS 33.401 B.2.3).
 */
#define AGW_NIA2_PREFIX_LEN 8
/**
 * Octets after the end of an input that the burst APIs may read (their
 * value does not matter; nothing is written there): IPsec-MB 1.3 loads
 * the last 16-octet block whole in AES-CMAC, and in ZUC-EEA3 on its "avx"
 * code path. An mbuf's tailroom or trailing data covers it. The
 * single-message APIs read nothing past the end.
 */
#define AGW_NAS_SEC_TAILROOM 16
/** Earlier name of AGW_NAS_SEC_TAILROOM, from when only NIA2 needed it. */
#define AGW_NIA2_TAILROOM AGW_NAS_SEC_TAILROOM
/**
 * Largest message any API accepts, in octets (NIA0/1, NEA0/1/2); NIA2,
 * NIA3 and NEA3 have lower limits, see below.
 */
#define AGW_NAS_SEC_MAX_MSG 65535
/** Longest 128-NIA3 / 128-NEA3 message in bits (IPsec-MB ZUC limit). */
#define AGW_NAS_SEC_ZUC_MAX_BITS 65504
/**
 * Longest 128-NIA2 message in bits: IPsec-MB 1.3 caps an AES-CMAC job at
 * 65534 bits, and the COUNT|BEARER|DIRECTION prefix takes 64 of them.
 */
#define AGW_NAS_SEC_NIA2_MAX_BITS (65534 - 8 * AGW_NIA2_PREFIX_LEN)

/**
 * Expanded integrity key. 16-byte aligned because IPsec-MB loads round keys
 * with aligned vector loads. Only the bytes that the algorithm needs are
 * touched on the fast path (16 for NIA1/NIA3, 208 for NIA2).
 */
struct agw_nia_key {
	uint8_t alg;      /**< enum agw_nia */
	uint8_t rsvd[15]; /**< zero */
	union {
		struct {
			uint32_t enc_keys[44]; /**< AES-128 encryption schedule */
			uint8_t k1[16];        /**< CMAC subkey K1 */
			uint8_t k2[16];        /**< CMAC subkey K2 */
		} cmac;
		/** NIA1: SNOW 3G key schedule (IPsec-MB snow3g_key_schedule_t,
		 *  16 octets); NIA3: the ZUC key as given. */
		uint8_t raw[16];
	} u;
} __attribute__((aligned(16)));

/** Expanded ciphering key (see struct agw_nia_key). */
struct agw_nea_key {
	uint8_t alg;      /**< enum agw_nea */
	uint8_t rsvd[15]; /**< zero */
	union {
		uint32_t enc_keys[44]; /**< AES-128 encryption schedule (NEA2) */
		uint8_t raw[16];       /**< NEA1: SNOW 3G key schedule; NEA3: ZUC key */
	} u;
} __attribute__((aligned(16)));

/** Opaque per-lcore engine; wraps one IMB_MGR. */
struct agw_nas_sec_engine;

/**
 * Create an engine for the calling lcore or thread.
 *
 * @return
 *   The engine, or NULL with errno set: ENOMEM, or ENOTSUP when IPsec-MB
 *   finds no usable architecture.
 * @note An engine is never shared between threads.
 */
struct agw_nas_sec_engine *agw_nas_sec_engine_create(void);

/** Free an engine; NULL is accepted. */
void agw_nas_sec_engine_free(struct agw_nas_sec_engine *eng);

/**
 * Name of the IPsec-MB code path the engine dispatched to ("avx512",
 * "avx2", "sse", ...), for logs and benchmarks.
 */
const char *agw_nas_sec_engine_arch(const struct agw_nas_sec_engine *eng);

/**
 * Longest message, in bits, that an integrity algorithm accepts.
 *
 * @param[in] alg  enum agw_nia.
 * @return the limit, or 0 for an unknown algorithm. NIA1 and NIA3 also
 *   need at least 1 bit; NIA0 and NIA2 accept an empty message.
 */
uint32_t agw_nia_max_bits(unsigned int alg);

/**
 * Longest message, in bits, that a ciphering algorithm accepts.
 *
 * @param[in] alg  enum agw_nea.
 * @return the limit, or 0 for an unknown algorithm. A 0-bit message is
 *   accepted by every algorithm and leaves the output untouched.
 */
uint32_t agw_nea_max_bits(unsigned int alg);

/**
 * Expand a 128-bit integrity key.
 *
 * @param[in] eng  engine used for the key schedule (any lcore's).
 * @param[out] out expanded key; fully written on success.
 * @param[in] alg  enum agw_nia.
 * @param[in] key  16-octet K_NASint (ignored for NIA0, may be NULL then).
 * @return 0, or -EINVAL for an unknown algorithm or NULL argument.
 */
int agw_nia_key_init(struct agw_nas_sec_engine *eng, struct agw_nia_key *out, unsigned int alg,
		     const uint8_t key[AGW_NAS_KEY_LEN]);

/** Expand a 128-bit ciphering key; as agw_nia_key_init(). */
int agw_nea_key_init(struct agw_nas_sec_engine *eng, struct agw_nea_key *out, unsigned int alg,
		     const uint8_t key[AGW_NAS_KEY_LEN]);

/** Zeroise an expanded integrity key (not optimised away). */
void agw_nia_key_clear(struct agw_nia_key *key);

/** Zeroise an expanded ciphering key (not optimised away). */
void agw_nea_key_clear(struct agw_nea_key *key);

/**
 * Compute a 32-bit MAC over a message (single-message API).
 *
 * @param[in] eng      the calling lcore's engine.
 * @param[in] key      expanded key.
 * @param[in] count    COUNT (32 bits).
 * @param[in] bearer   BEARER (5 bits; 0..31).
 * @param[in] dir      DIRECTION (0 uplink, 1 downlink).
 * @param[in] msg      message; need not have any headroom.
 * @param[in] len_bits message length in bits (at most agw_nia_max_bits());
 *                     bits past it in the last octet are ignored.
 * @param[out] mac     4-octet MAC, most significant octet first. For NIA0
 *                     it is all zero (TS 33.501 D.1).
 * @return 0, -EINVAL (NULL argument, bad bearer/direction/length/algorithm)
 *   or -EIO (IPsec-MB rejected the job; not expected for valid input).
 */
int agw_nia_compute(struct agw_nas_sec_engine *eng, const struct agw_nia_key *key, uint32_t count,
		    uint8_t bearer, uint8_t dir, const uint8_t *msg, uint32_t len_bits,
		    uint8_t mac[AGW_NAS_MAC_LEN]);

/**
 * Verify a MAC in constant time (single-message API).
 *
 * @return 0 when it matches, -EBADMSG when it does not, -EINVAL or -EIO as
 *   agw_nia_compute().
 */
int agw_nia_verify(struct agw_nas_sec_engine *eng, const struct agw_nia_key *key, uint32_t count,
		   uint8_t bearer, uint8_t dir, const uint8_t *msg, uint32_t len_bits,
		   const uint8_t mac[AGW_NAS_MAC_LEN]);

/**
 * Encrypt or decrypt (the same keystream XOR) a message.
 *
 * @param[in] in       plaintext or ciphertext.
 * @param[out] out     result; may equal @p in (in place), must not
 *                     otherwise overlap it. Bits past len_bits in the last
 *                     octet are zero.
 * @param[in] len_bits length in bits (at most agw_nea_max_bits()).
 * @return 0, -EINVAL or -EIO as agw_nia_compute().
 */
int agw_nea_apply(struct agw_nas_sec_engine *eng, const struct agw_nea_key *key, uint32_t count,
		  uint8_t bearer, uint8_t dir, const uint8_t *in, uint8_t *out, uint32_t len_bits);

/** Status of one operation in a burst. */
enum agw_nas_sec_status {
	AGW_NAS_SEC_OK = 0,        /**< done (and, for verify, the MAC matched) */
	AGW_NAS_SEC_BAD_MAC = 1,   /**< verify: the MAC did not match */
	AGW_NAS_SEC_INVALID = 2,   /**< bad algorithm, length, bearer or direction */
	AGW_NAS_SEC_ENGINE_ERR = 3 /**< IPsec-MB reported an error for the job */
};

/**
 * One integrity operation of a burst.
 *
 * For NIA2 the burst API writes the 8-octet COUNT|BEARER|DIR prefix into
 * the AGW_NIA2_PREFIX_LEN octets *before* @c msg (mbuf headroom), so that
 * no copy is needed; those octets must be writable and are clobbered. The
 * prefix is read when the job runs, i.e. possibly later in the burst: two
 * NIA2 operations of one burst must not share a message buffer. Up to
 * AGW_NAS_SEC_TAILROOM octets past the end of the message may be read.
 */
struct agw_nia_op {
	const struct agw_nia_key *key; /**< expanded key */
	uint8_t *msg;                  /**< message (see NIA2 note) */
	uint32_t len_bits;             /**< message length in bits */
	uint32_t count;                /**< COUNT */
	uint8_t bearer;                /**< BEARER */
	uint8_t dir;                   /**< DIRECTION */
	uint8_t verify;                /**< 1: compare with @c mac; 0: write @c mac */
	uint8_t status;                /**< out: enum agw_nas_sec_status */
	uint8_t mac[AGW_NAS_MAC_LEN];  /**< in (verify) or out (generate) */
	void *user_data;               /**< carried through untouched */
};

/**
 * One ciphering operation of a burst (in-place or out-of-place). Up to
 * AGW_NAS_SEC_TAILROOM octets past the end of @c in may be read.
 */
struct agw_nea_op {
	const struct agw_nea_key *key; /**< expanded key */
	const uint8_t *in;             /**< input */
	uint8_t *out;                  /**< output; may equal @c in */
	uint32_t len_bits;             /**< length in bits */
	uint32_t count;                /**< COUNT */
	uint8_t bearer;                /**< BEARER */
	uint8_t dir;                   /**< DIRECTION */
	uint8_t status;                /**< out: enum agw_nas_sec_status */
	uint8_t rsvd;
	void *user_data; /**< carried through untouched */
};

/**
 * Run a burst of integrity operations, each with its own key, through the
 * multi-buffer manager (mixed algorithms allowed).
 *
 * @param[in] eng    the calling lcore's engine.
 * @param[in,out] ops operations; @c status (and @c mac when generating) is
 *                   written for every one of them. An invalid operation
 *                   (NULL key or msg, bad bearer/direction/length/algorithm)
 *                   gets AGW_NAS_SEC_INVALID and does not stop the others.
 * @param[in] n      number of operations; any number (the job manager
 *                   completes older jobs as it fills).
 * @return the number of operations whose status is AGW_NAS_SEC_OK.
 */
uint16_t agw_nia_burst(struct agw_nas_sec_engine *eng, struct agw_nia_op *ops, uint16_t n);

/**
 * Run a burst of ciphering operations, each with its own key.
 *
 * @return the number of operations whose status is AGW_NAS_SEC_OK.
 */
uint16_t agw_nea_burst(struct agw_nas_sec_engine *eng, struct agw_nea_op *ops, uint16_t n);

#ifdef __cplusplus
}
#endif

#endif /* AGW_NAS_SEC_H */
