/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_STORE_H
#define AGW_STORE_H

/**
 * @file
 * Persistent store: everything the gateway must keep across a restart.
 *
 * Record kinds (each its own table, keyed as shown):
 *  - subscriber (SUPI): K, OPc, AMF field, allowed NIA/NEA, AKMA and ProSe
 *    subscription flags, routing indicator, and the MM/SM security service
 *    identifiers (seed 000 §6.3) per UE and per S-NSSAI / DNN;
 *  - SQN (SUPI): the highest SQN that may have been used for the subscriber
 *    (kept apart from the subscriber so it only ever moves forward);
 *  - AKMA context (A-KID): SUPI, K_AUSF or K_AKMA, expiry;
 *  - ProSe PRUK context (CP-PRUK ID): SUPI, CP-PRUK, validity, RSC;
 *  - security-module policy (policy id): an opaque blob with its version;
 *  - UE NAS context (SUPI): an opaque blob.
 *
 * Every stored value starts with a fixed header, then a payload whose
 * layout the version names (all integers big-endian, strings as a length
 * and the octets, no NUL):
 *
 *     octet 0     record kind (enum agw_store_kind)
 *     octet 1     encoding version (1 for every kind today)
 *     octets 2-3  zero (reserved)
 *
 * A decoder refuses a version it does not know (-EPROTO), so a record can
 * evolve by adding a version; a newer gateway keeps decoding older ones.
 *
 * Backends sit behind an ops table (struct agw_store_ops), chosen by name
 * at open: "lmdb" (embedded, crash-safe, in this library); a Redis backend
 * can be added behind the same table.
 *
 * Transactions: agw_store_txn_begin() opens one write transaction for the
 * whole store; every put and delete until agw_store_txn_commit() or
 * agw_store_txn_abort() goes into it, and reads see its writes. The control
 * loop group-commits this way: all writes of one iteration in one
 * transaction, and the messages that depend on them leave only after the
 * commit returned 0. Without an open transaction each write commits on its
 * own. A commit returns only after the data is on disk (fsync), unless the
 * store was opened with AGW_STORE_SYNC_NONE.
 *
 * SQN (TS 33.102 Annex C.1.2, C.3.2): SQN = SEQ || IND, 48 bits, IND the
 * low @c ind_bits bits (5 by default, i.e. an array of 32 at the USIM).
 * agw_store_sqn_reserve() reserves a block of consecutive SEQ values and
 * stores the block's end before it returns; the caller then hands out
 * SQN = (SEQ << ind_bits) | IND from memory, any IND, each SEQ of the block
 * at most once per IND. After a restart (or kill -9) the next reservation
 * starts past the stored end, so an SQN is never used twice; at most one
 * block of SEQ values is skipped, far below the USIM's limit Δ (2^28,
 * C.2.1). The stored SQN only ever moves forward (a resynchronisation that
 * would move it back is not applied: SEQ already handed out stay used).
 *
 * Secrets: K, OPc, K_AUSF/K_AKMA and CP-PRUK are stored as they are (the
 * database sits on the gateway's own disk, in a directory of mode 0700 that
 * the LMDB backend checks); every copy the store makes in memory is
 * zeroised after use, and no secret is ever logged. Callers zeroise the
 * records they get (agw_store_sub_clear(), agw_memzero()).
 *
 * @note A store is not thread-safe: use it from one thread (the control
 *   lcore). Other processes (anchor-subscriber) may open the same LMDB
 *   database at the same time; writers are serialised by LMDB's lock.
 *   Do not use a store opened before fork() in the child (LMDB rule): open
 *   it in the child.
 *
 * Return convention: 0 or -errno. Common values: -EINVAL (bad argument),
 * -ENOENT (no such record), -EEXIST (add of an existing record), -ENOSPC
 * (the store is full: LMDB map size reached), -EIO (backend I/O error),
 * -EBUSY (a transaction is already open, or a call from an iteration
 * callback), -EPROTO (stored record of an unknown version), -EBADMSG
 * (stored record malformed), -EMSGSIZE (caller's buffer too small).
 * agw_store_strerror() names each.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Limits (string sizes include the terminating NUL). */
#define AGW_STORE_SUPI_MAX 64		  /**< "imsi-" + 5..15 digits, or "nai-..." */
#define AGW_STORE_ID_MAX 256		  /**< A-KID, CP-PRUK ID, policy id */
#define AGW_STORE_DNN_MAX 100		  /**< DNN (TS 23.003 9A) */
#define AGW_STORE_RID_MAX 5		  /**< routing indicator: 1..4 digits */
#define AGW_STORE_SSI_ENTRIES_MAX 8	  /**< procedures per identifier (seed 000 §6.3) */
#define AGW_STORE_SSI_RULES_MAX 16	  /**< identifiers per subscriber */
#define AGW_STORE_BLOB_MAX (256u * 1024u) /**< policy and UE context blobs */
#define AGW_STORE_K_LEN 16		  /**< K */
#define AGW_STORE_OPC_LEN 16		  /**< OPc */
#define AGW_STORE_KEY256_LEN 32		  /**< K_AUSF, K_AKMA, CP-PRUK */
#define AGW_STORE_SQN_MAX ((UINT64_C(1) << 48) - 1) /**< SQN is 48 bits */
#define AGW_STORE_IND_BITS_DEFAULT 5		    /**< TS 33.102 C.3.4: a = 32 */
#define AGW_STORE_IND_BITS_MAX 16
#define AGW_STORE_ENC_VERSION 1 /**< version the encoders write */

/** Record kinds; the value is octet 0 of every stored record. */
enum agw_store_kind {
	AGW_STORE_SUB = 1,    /**< struct agw_store_sub (without sqn / ind_bits) */
	AGW_STORE_SQN = 2,    /**< struct agw_store_sqn */
	AGW_STORE_AKMA = 3,   /**< struct agw_store_akma */
	AGW_STORE_PRUK = 4,   /**< struct agw_store_pruk */
	AGW_STORE_POLICY = 5, /**< struct agw_store_policy */
	AGW_STORE_UECTX = 6,  /**< struct agw_store_uectx */
	AGW_STORE_KIND_MAX,
};

/* ---------------------------------------------------------------------- */
/* Records                                                                 */

/**
 * Security service procedure codes (seed 000 §6.3); 0xF0-0xFF are
 * operator-specific, allowed in both domains.
 */
enum agw_store_ssp {
	AGW_STORE_SSP_DH = 0x01,       /**< DH exchange (MM, SM) */
	AGW_STORE_SSP_DEVAUTH = 0x02,  /**< device authentication (MM, SM) */
	AGW_STORE_SSP_USERAUTH = 0x03, /**< user authentication (SM only) */
	AGW_STORE_SSP_SECAUTH = 0x04,  /**< secondary authentication (SM only) */
	AGW_STORE_SSP_INDEP_SM = 0x05, /**< independent SM security (SM only) */
};

/** SSI flags: octet 3 of the seed 000 §6.3 TLV. */
#define AGW_STORE_SSI_F_ORDERED 0x01	/**< entry order is the initiation order */
#define AGW_STORE_SSI_F_ONE_BY_ONE 0x02 /**< send UE-initiated ids one by one */

/** Entry attribute octet (second octet of a §6.3 entry). */
#define AGW_STORE_SSP_A_UE 0x80		  /**< initiator: 1 UE, 0 network */
#define AGW_STORE_SSP_A_DEFAULT_INIT 0x40 /**< use the procedure's default initiator */
#define AGW_STORE_SSP_A_MANDATORY 0x20	  /**< reject if outside the capabilities */

/** One security service identifier: the contents of a seed 000 §6.3 TLV. */
struct agw_store_ssi {
	uint8_t flags; /**< AGW_STORE_SSI_F_* */
	uint8_t n;     /**< entries; 0 = "no procedure" */
	struct {
		uint8_t code; /**< enum agw_store_ssp or 0xF0-0xFF */
		uint8_t attr; /**< AGW_STORE_SSP_A_* (spare bits kept as given) */
	} e[AGW_STORE_SSI_ENTRIES_MAX];
};

/** SSI domains. */
enum agw_store_ssi_domain {
	AGW_STORE_SSI_MM = 0, /**< MM: between the UE and the AMF */
	AGW_STORE_SSI_SM = 1, /**< SM: between the UE and the SMF */
};

/** What an SSI rule is scoped to (bits; 0 = the whole UE). */
#define AGW_STORE_SCOPE_SST 0x01 /**< S-NSSAI SST given */
#define AGW_STORE_SCOPE_SD 0x02	 /**< S-NSSAI SD given (needs SST) */
#define AGW_STORE_SCOPE_DNN 0x04 /**< DNN given (SM domain only) */

/**
 * One provisioned identifier: UE ID → MM-id / SM-id, or (UE ID, S-NSSAI
 * [, DNN]) → MM-id / SM-id (seed 000 §5.1 tables, keyed per subscriber).
 * At most one rule per (domain, scope, SST, SD, DNN).
 */
struct agw_store_ssi_rule {
	uint8_t domain;		     /**< enum agw_store_ssi_domain */
	uint8_t scope;		     /**< AGW_STORE_SCOPE_* */
	uint8_t sst;		     /**< SST, when AGW_STORE_SCOPE_SST */
	uint32_t sd;		     /**< SD (24 bits), when AGW_STORE_SCOPE_SD */
	char dnn[AGW_STORE_DNN_MAX]; /**< DNN, when AGW_STORE_SCOPE_DNN */
	struct agw_store_ssi ssi;    /**< the identifier */
};

/** Subscriber flags. */
#define AGW_STORE_SUB_F_AKMA 0x01  /**< AKMA subscribed (TS 33.535) */
#define AGW_STORE_SUB_F_PROSE 0x02 /**< 5G ProSe UE-to-network relay subscribed */

/** A subscriber. K and OPc are secrets: agw_store_sub_clear() when done. */
struct agw_store_sub {
	char supi[AGW_STORE_SUPI_MAX];	/**< key: "imsi-<5..15 digits>" or "nai-<...>" */
	uint8_t k[AGW_STORE_K_LEN];	/**< K */
	uint8_t opc[AGW_STORE_OPC_LEN]; /**< OPc */
	uint64_t sqn;			/**< SQN_HE: highest SQN that may have been used (48 bits);
					 *   on add, the starting value (SQN record) */
	uint8_t ind_bits;		/**< IND length (SQN record) */
	uint8_t amf[2];			/**< AMF field for AVs (e.g. 80 00) */
	uint8_t nia_mask;		/**< allowed 5G-IA: bit n = NIAn */
	uint8_t nea_mask;		/**< allowed 5G-EA: bit n = NEAn */
	uint8_t flags;			/**< AGW_STORE_SUB_F_* */
	char rid[AGW_STORE_RID_MAX];	/**< routing indicator (TS 23.003 2.2B), 1..4 digits */
	uint8_t n_ssi;			/**< rules in @c ssi */
	struct agw_store_ssi_rule ssi[AGW_STORE_SSI_RULES_MAX];
};

/** SQN record (also returned by agw_store_sqn_get()). */
struct agw_store_sqn {
	char supi[AGW_STORE_SUPI_MAX]; /**< key */
	uint8_t ind_bits;	       /**< 0..AGW_STORE_IND_BITS_MAX */
	uint64_t sqn_hi;	       /**< highest SQN that may have been used */
};

/** Which key an AKMA context holds. */
enum agw_store_akma_key {
	AGW_STORE_AKMA_KAUSF = 1, /**< K_AUSF (AUSF keeps it; K_AKMA derived on demand) */
	AGW_STORE_AKMA_KAKMA = 2, /**< K_AKMA (AAnF) */
};

/** AKMA context (TS 33.535 6.1): A-KID → SUPI, key, expiry. */
struct agw_store_akma {
	char akid[AGW_STORE_ID_MAX];	   /**< key: A-KID (NAI "username@realm") */
	char supi[AGW_STORE_SUPI_MAX];	   /**< SUPI */
	uint8_t key_kind;		   /**< enum agw_store_akma_key */
	uint8_t key[AGW_STORE_KEY256_LEN]; /**< K_AUSF or K_AKMA (secret) */
	uint64_t expiry;		   /**< Unix time (s); 0 = none */
};

/** ProSe PRUK context (TS 33.503 6.3.3.3): CP-PRUK ID → SUPI, CP-PRUK. */
struct agw_store_pruk {
	char id[AGW_STORE_ID_MAX];	    /**< key: CP-PRUK ID */
	char supi[AGW_STORE_SUPI_MAX];	    /**< SUPI */
	uint8_t pruk[AGW_STORE_KEY256_LEN]; /**< CP-PRUK (secret) */
	uint64_t valid_until;		    /**< Unix time (s); 0 = none */
	uint32_t rsc;			    /**< Relay Service Code (24 bits) */
};

/**
 * Security-module policy: an opaque blob and its own version. On put,
 * @c data / @c len give the blob; on get, @c data is the caller's buffer of
 * @c cap octets and @c len is set.
 */
struct agw_store_policy {
	char id[AGW_STORE_ID_MAX]; /**< key */
	uint32_t version;	   /**< the policy's version (not the encoding's) */
	uint8_t *data;		   /**< blob (not modified by a put) */
	uint32_t len;		   /**< octets in the blob, <= AGW_STORE_BLOB_MAX */
	uint32_t cap;		   /**< get: capacity of @c data */
};

/**
 * UE NAS context that must survive a restart: an opaque blob (it may hold
 * keys: the store zeroises its copies; the caller zeroises its buffer).
 * @c data / @c len / @c cap as in struct agw_store_policy.
 */
struct agw_store_uectx {
	char supi[AGW_STORE_SUPI_MAX]; /**< key */
	uint8_t *data;
	uint32_t len;
	uint32_t cap;
};

/** Zeroise a subscriber record (K, OPc and everything else). */
void agw_store_sub_clear(struct agw_store_sub *sub);

/**
 * Fill @p sub with the defaults for a new subscriber: SQN 0, IND 5 bits,
 * AMF 8000, NIA1-3, NEA0-3, no flags, routing indicator "0", no SSI.
 * Keys and SUPI are zero.
 */
void agw_store_sub_init(struct agw_store_sub *sub);

/**
 * Check a subscriber record: SUPI syntax, SQN within 48 bits and IND bits
 * in range, non-empty algorithm masks, known flags, routing indicator
 * digits, and each SSI rule (seed 000 §6.3: 1..8 entries or 0, no duplicate
 * code, SM-only codes 0x03-0x05 not in the MM domain, reserved codes
 * 0x00 and 0x06-0xEF refused, DNN only in the SM domain, SD only with SST,
 * no two rules with the same domain and scope).
 *
 * @return 0 or -EINVAL.
 */
int agw_store_sub_check(const struct agw_store_sub *sub);

/** Check a SUPI: "imsi-" + 5..15 digits, or "nai-" + 1..59 printable characters. */
int agw_store_supi_check(const char *supi);

/* ---------------------------------------------------------------------- */
/* Encodings                                                               */

/**
 * Encode a record of @p kind (see the file comment for the header; the
 * payloads of version 1 are documented in store_codec.c).
 *
 * @param[in] kind  enum agw_store_kind.
 * @param[in] rec   the record, of the type the kind names; it is checked
 *                  first (agw_store_sub_check() for subscribers).
 * @param[out] buf  output buffer (holds secrets afterwards: zeroise it).
 * @param[in] cap   its capacity.
 * @return the encoded length, or -EINVAL (bad kind or record), -EMSGSIZE
 *   (@p cap too small).
 */
long agw_store_encode(enum agw_store_kind kind, const void *rec, uint8_t *buf, size_t cap);

/**
 * Decode a record of @p kind. For AGW_STORE_POLICY and AGW_STORE_UECTX the
 * caller sets @c data and @c cap in @p rec first.
 *
 * @return 0, -EINVAL (bad argument), -EPROTO (unknown version), -EBADMSG
 *   (other kind in octet 0, truncated, trailing octets, or a field out of
 *   range), -EMSGSIZE (blob larger than @c cap; @c len is set to its size).
 *   On error @p rec holds no decoded data (fixed-size kinds are zeroised).
 */
int agw_store_decode(enum agw_store_kind kind, const uint8_t *buf, size_t len, void *rec);

/* ---------------------------------------------------------------------- */
/* Opening                                                                 */

/** Sync modes. */
enum agw_store_sync {
	AGW_STORE_SYNC_FULL = 0, /**< a commit returns after fsync (default) */
	/**
	 * No sync at commit (LMDB MDB_NOSYNC). UNSAFE: a power loss or an OS
	 * crash can lose committed transactions, including SQN reservations,
	 * so SQNs could be reused. For tests and benchmarks only.
	 */
	AGW_STORE_SYNC_NONE = 1,
};

struct agw_store_ops;

/** Store configuration. */
struct agw_store_conf {
	const char *backend; /**< "lmdb"; NULL = "lmdb" */
	const char *path;    /**< LMDB: a directory of mode 0700 */
	/**
	 * LMDB: maximum database size in octets (the map). 0: an existing
	 * database keeps the size recorded in it, a new one gets 1 GiB.
	 */
	uint64_t map_size;
	enum agw_store_sync sync; /**< AGW_STORE_SYNC_FULL unless testing */
	int create;		  /**< create @c path (mode 0700) if it does not exist */
	/** A backend not built in (overrides @c backend), or NULL. */
	const struct agw_store_ops *ops;
	/** If not NULL: receives a one-line reason when agw_store_open() fails. */
	char *err;
	size_t err_len; /**< size of @c err */
};

/** Opaque store. */
struct agw_store;

/**
 * Open a store.
 *
 * @return the store, or NULL with errno set: EINVAL (bad configuration),
 *   ENOTSUP (unknown backend), ENOENT (no directory and not @c create),
 *   ENOTDIR, EACCES (directory not of mode 0700 or not owned by the
 *   effective user: refused, keys are kept there), ENOMEM, EIO, EPROTO
 *   (database written by an incompatible version).
 */
struct agw_store *agw_store_open(const struct agw_store_conf *conf);

/** Close a store; an open transaction is aborted. NULL is accepted. */
void agw_store_close(struct agw_store *s);

/** Message for a 0 / -errno value returned by this API (never NULL). */
const char *agw_store_strerror(int err);

/* ---------------------------------------------------------------------- */
/* Transactions                                                            */

/**
 * Open the store's write transaction. Until commit or abort, every write
 * goes into it and reads see it.
 *
 * @return 0, -EBUSY (one is open already), -ENOSPC, -EIO.
 */
int agw_store_txn_begin(struct agw_store *s);

/**
 * Commit the open transaction; with AGW_STORE_SYNC_FULL, returns only after
 * fsync. If a write in it failed with -ENOSPC or -EIO (or an operation
 * failed after writing part of its records), nothing is written and that
 * error is returned; other failed calls (-EEXIST, -ENOENT, -EINVAL) wrote
 * nothing and do not spoil the transaction. The transaction is closed in
 * every case.
 *
 * @return 0, -EINVAL (none open), -EBUSY (from an iteration callback; the
 *   transaction stays open), -ENOSPC, -EIO.
 */
int agw_store_txn_commit(struct agw_store *s);

/** Drop every write of the open transaction (none open: no-op). */
void agw_store_txn_abort(struct agw_store *s);

/** 1 if a transaction is open. */
int agw_store_txn_active(const struct agw_store *s);

/* ---------------------------------------------------------------------- */
/* Subscribers and SQN                                                     */

/**
 * Add a subscriber (and its SQN record with @c sqn and @c ind_bits).
 *
 * @return 0, -EINVAL (agw_store_sub_check() failed), -EEXIST, -ENOSPC, -EIO, -EBUSY.
 */
int agw_store_sub_add(struct agw_store *s, const struct agw_store_sub *sub);

/**
 * Add or replace a subscriber. The SQN record is created if missing; an
 * existing one keeps the higher of its SQN and @c sqn (SQN never moves back)
 * and its IND length.
 *
 * @return 0, -EINVAL, -ENOSPC, -EIO, -EBUSY.
 */
int agw_store_sub_put(struct agw_store *s, const struct agw_store_sub *sub);

/**
 * Get a subscriber, with @c sqn and @c ind_bits from its SQN record.
 *
 * @param[out] sub  the record (secrets: agw_store_sub_clear() when done);
 *                  zeroised on error.
 * @return 0, -EINVAL, -ENOENT, -EPROTO, -EBADMSG, -EIO, -EBUSY.
 */
int agw_store_sub_get(struct agw_store *s, const char *supi, struct agw_store_sub *sub);

/**
 * Delete a subscriber with its SQN record and its UE NAS context (AKMA and
 * PRUK contexts naming the SUPI are not searched for).
 *
 * @return 0, -EINVAL, -ENOENT, -ENOSPC, -EIO, -EBUSY.
 */
int agw_store_sub_delete(struct agw_store *s, const char *supi);

/**
 * Call @p cb for every subscriber, in SUPI byte order. The record passed is
 * zeroised after the call. A non-zero return from @p cb stops the
 * iteration and is returned. @p cb must not call the store.
 *
 * @return 0, the callback's value, or -EINVAL, -EPROTO, -EBADMSG, -EIO, -EBUSY.
 */
int agw_store_sub_iterate(struct agw_store *s,
			  int (*cb)(const struct agw_store_sub *sub, void *arg), void *arg);

/**
 * Reserve @p block_size consecutive SEQ values for a subscriber (TS 33.102
 * Annex C, see the file comment). With SQN_HE the stored highest SQN and
 * SEQ_HE = SQN_HE >> ind_bits, the block is SEQ_HE + 1 .. SEQ_HE +
 * block_size; the new SQN_HE (that SEQ, IND all ones) is written before the
 * call returns: committed and synced when no transaction is open; inside a
 * transaction, the caller must not use the block before
 * agw_store_txn_commit() returned 0.
 *
 * @param[in] block_size  1 .. 2^32-1 SEQ values.
 * @param[out] first      SQN of the first SEQ with IND 0; the block is the
 *                        contiguous SQN range first .. first +
 *                        (block_size << ind_bits) - 1 (ind_bits: the
 *                        subscriber's, see agw_store_sqn_get()).
 * @return 0, -EINVAL, -ENOENT (no such subscriber), -ERANGE (the SEQ space
 *   would be exhausted), -ENOSPC, -EIO, -EBUSY.
 */
int agw_store_sqn_reserve(struct agw_store *s, const char *supi, uint32_t block_size,
			  uint64_t *first);

/**
 * Resynchronisation (TS 33.102 6.3.5, C.3): after a verified AUTS, move
 * SQN_HE past SQN_MS so the next reservation starts at SEQ_MS + 1. If the
 * stored SQN is past that already, nothing changes (SQN never moves back).
 * Written durably as for agw_store_sqn_reserve(). Anchors drop the block
 * they hold and reserve a new one.
 *
 * @param[in] sqn_ms  SQN_MS from the AUTS (48 bits).
 * @return 0, -EINVAL, -ENOENT, -ENOSPC, -EIO, -EBUSY.
 */
int agw_store_sqn_resync(struct agw_store *s, const char *supi, uint64_t sqn_ms);

/** Read a subscriber's SQN record. @return 0, -EINVAL, -ENOENT, -EPROTO, -EBADMSG, -EIO. */
int agw_store_sqn_get(struct agw_store *s, const char *supi, struct agw_store_sqn *sqn);

/* ---------------------------------------------------------------------- */
/* AKMA, PRUK, policy and UE context records                               */
/*
 * put: add or replace (-EINVAL, -ENOSPC, -EIO, -EBUSY); get: -ENOENT when
 * absent, -EPROTO / -EBADMSG for a bad stored record, -EMSGSIZE when a blob
 * exceeds the caller's @c cap (@c len set); delete: -ENOENT when absent;
 * iterate: as agw_store_sub_iterate() (blob records point into a buffer of
 * the store, valid during the call). Records holding keys are zeroised
 * after each callback and on get errors.
 */

int agw_store_akma_put(struct agw_store *s, const struct agw_store_akma *a);
int agw_store_akma_get(struct agw_store *s, const char *akid, struct agw_store_akma *a);
int agw_store_akma_delete(struct agw_store *s, const char *akid);
int agw_store_akma_iterate(struct agw_store *s,
			   int (*cb)(const struct agw_store_akma *a, void *arg), void *arg);

int agw_store_pruk_put(struct agw_store *s, const struct agw_store_pruk *p);
int agw_store_pruk_get(struct agw_store *s, const char *id, struct agw_store_pruk *p);
int agw_store_pruk_delete(struct agw_store *s, const char *id);
int agw_store_pruk_iterate(struct agw_store *s,
			   int (*cb)(const struct agw_store_pruk *p, void *arg), void *arg);

int agw_store_policy_put(struct agw_store *s, const struct agw_store_policy *p);
/** @param[in,out] p  @c data and @c cap set by the caller; @c id, @c version, @c len set. */
int agw_store_policy_get(struct agw_store *s, const char *id, struct agw_store_policy *p);
int agw_store_policy_delete(struct agw_store *s, const char *id);
int agw_store_policy_iterate(struct agw_store *s,
			     int (*cb)(const struct agw_store_policy *p, void *arg), void *arg);

int agw_store_uectx_put(struct agw_store *s, const struct agw_store_uectx *u);
/** @param[in,out] u  @c data and @c cap set by the caller; @c supi and @c len set. */
int agw_store_uectx_get(struct agw_store *s, const char *supi, struct agw_store_uectx *u);
int agw_store_uectx_delete(struct agw_store *s, const char *supi);
int agw_store_uectx_iterate(struct agw_store *s,
			    int (*cb)(const struct agw_store_uectx *u, void *arg), void *arg);

/* ---------------------------------------------------------------------- */
/* Counters                                                                */

/** Counters: X(enum suffix, name). */
#define AGW_STORE_STATS(X)                                                                         \
	X(PUTS, "puts")			      /* records written */                                \
	X(GETS, "gets")			      /* records read (hits) */                            \
	X(GET_MISSES, "get_misses")	      /* reads of an absent record */                      \
	X(DELETES, "deletes")		      /* records deleted */                                \
	X(COMMITS, "commits")		      /* transactions committed */                         \
	X(COMMIT_FAILURES, "commit_failures") /* commits that failed */                            \
	X(ABORTS, "aborts")		      /* transactions aborted */                           \
	X(MAP_FULL, "map_full")		      /* -ENOSPC from the backend */                       \
	X(IO_ERRORS, "io_errors")	      /* -EIO from the backend */                          \
	X(BAD_RECORDS, "bad_records")	      /* -EPROTO / -EBADMSG on decode */                   \
	X(SQN_RESERVES, "sqn_reserves")	      /* SQN blocks reserved */                            \
	X(SQN_RESYNCS, "sqn_resyncs")	      /* resynchronisations applied */

#define AGW_STORE_STAT_ENUM_(id, name) AGW_STORE_STAT_##id,
/** Counter indices. */
enum agw_store_stat { AGW_STORE_STATS(AGW_STORE_STAT_ENUM_) AGW_STORE_STAT_MAX };
#undef AGW_STORE_STAT_ENUM_

/** Copy the counters into @p out (AGW_STORE_STAT_MAX values). */
void agw_store_stats(const struct agw_store *s, uint64_t out[AGW_STORE_STAT_MAX]);

/** Name of a counter, or NULL. */
const char *agw_store_stat_name(unsigned int stat);

/* ---------------------------------------------------------------------- */
/* Backend interface (for backends only)                                   */

/** Tables a backend provides (one namespace each). */
enum agw_store_table {
	AGW_STORE_T_SUB = 0,
	AGW_STORE_T_SQN,
	AGW_STORE_T_AKMA,
	AGW_STORE_T_PRUK,
	AGW_STORE_T_POLICY,
	AGW_STORE_T_UECTX,
	AGW_STORE_T_MAX,
};

/** put flag: fail with -EEXIST if the key is present. */
#define AGW_STORE_PUT_NOOVERWRITE 0x1

/** Raw record visitor used by agw_store_ops::iterate. */
typedef int (*agw_store_raw_cb)(const void *key, size_t klen, const void *val, size_t vlen,
				void *arg);

/**
 * Backend operations (like a DPDK driver's ops). Keys and values are
 * opaque octets; the store core does encoding, checks, counters and SQN
 * logic. put and del are only called between txn_begin and txn_commit /
 * txn_abort; get and iterate are called both inside a transaction (and see
 * its writes) and outside (on the last committed state). Every op returns
 * 0 or -errno with the meanings of this file; after an op failed with
 * -ENOSPC or -EIO inside a transaction, the core only aborts it.
 */
struct agw_store_ops {
	const char *name; /**< backend name in agw_store_conf::backend */
	/** Open; on failure write a reason into @p err (if not NULL). */
	int (*open)(const struct agw_store_conf *conf, void **be, char *err, size_t err_len);
	void (*close)(void *be);
	int (*txn_begin)(void *be);
	/** Commit durably (as the sync mode says); the transaction ends either way. */
	int (*txn_commit)(void *be);
	void (*txn_abort)(void *be);
	/** Copy the value into @p buf; -EMSGSIZE (and *vlen set) if @p cap is too small. */
	int (*get)(void *be, enum agw_store_table t, const void *key, size_t klen, void *buf,
		   size_t cap, size_t *vlen);
	int (*put)(void *be, enum agw_store_table t, const void *key, size_t klen, const void *val,
		   size_t vlen, unsigned int flags);
	int (*del)(void *be, enum agw_store_table t, const void *key, size_t klen);
	/** Visit every record in key order; a non-zero @p cb return stops and is returned. */
	int (*iterate)(void *be, enum agw_store_table t, agw_store_raw_cb cb, void *arg);
};

/** The LMDB backend ("lmdb"). */
extern const struct agw_store_ops agw_store_lmdb_ops;

#ifdef __cplusplus
}
#endif

#endif /* AGW_STORE_H */
