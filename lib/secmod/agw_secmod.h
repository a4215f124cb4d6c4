/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SECMOD_H
#define AGW_SECMOD_H

/**
 * @file
 * Security modules of seed 003 (US 2025/0260724 A1, spec/003): a module
 * serves one or more communication nodes (UE, RAN, core NF, third party)
 * and runs trusted services for them under a trusted policy it negotiated
 * in advance with the module of each peer node.
 *
 *  - Requests (FIG. 6): a node asks its module for one service or a list
 *    (agw_secmod_request()), or notifies an event that maps to a preset list
 *    (agw_secmod_notify()), or the module's own timers fire
 *    (agw_secmod_poll()). Each service ends in one feedback (result or
 *    rejection with a cause) through agw_secmod_conf::feedback.
 *  - Module to module (FIG. 7-9): messages in the SSP format of
 *    spec/003 6.4 (header + TLVs + HMAC, see doc/secmod.md) leave through
 *    agw_secmod_conf::send and come back through agw_secmod_input(), either
 *    directly or relayed through the nodes (UE <-> core, spec/003 5.5).
 *  - Policy (spec/003 5.2, 5.8): agw_secmod_negotiate() runs a signed
 *    X25519 exchange with the peer module; both sides derive the same
 *    per-service keys and install the same versioned policy. Renegotiation
 *    installs a higher version with an atomic swap: fast-path readers
 *    (RCU QSBR) and in-flight transactions (a reference) keep the policy
 *    they started with, and never see a half-written one.
 *  - Keys live in a driver (struct agw_secmod_drv): software
 *    (OpenSSL/IPsec-MB), DPDK cryptodev or a PKCS#11 token. The library
 *    only holds driver handles; derived secrets that pass through its memory
 *    are zeroised when done with. Nothing is logged.
 *  - Fast path (spec/003 9): agw_secmod_fp_burst() runs per-packet
 *    128-NEA/NIA ciphering and integrity for many packets of many policies
 *    in one driver burst.
 *
 * Threads: every function except the fast-path ones (agw_secmod_fp_*)
 * takes the module's lock, so several threads may call them, and the
 * callbacks run under it: a callback must not call back into the same
 * module (queue the message and deliver it after the call returns).
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Services, algorithms, causes                                        */
/* ------------------------------------------------------------------ */

/**
 * Trusted services: the rows of the seed's Table 1 ([0222]), numbered in
 * the table's order, plus the second halves of rows 12 and 13.
 */
enum agw_secmod_svc {
	AGW_SECMOD_SVC_ATTESTATION = 1,	     /**< attester: evidence over a challenge */
	AGW_SECMOD_SVC_VERIFICATION = 2,     /**< verifier: trusted attestation (FIG. 8) */
	AGW_SECMOD_SVC_RV_PROVIDE = 3,	     /**< provider: reference value to a verifier */
	AGW_SECMOD_SVC_RV_UPDATE = 4,	     /**< provider: update a reference value */
	AGW_SECMOD_SVC_ZK_VERIFY = 5,	     /**< zero-knowledge proof of the peer's secret */
	AGW_SECMOD_SVC_DATA_MASKING = 6,     /**< keyed pseudonymisation of user data */
	AGW_SECMOD_SVC_SMART_CONTRACT = 7,   /**< run a registered contract, result on ledger */
	AGW_SECMOD_SVC_CONSENSUS = 8,	     /**< signed votes of the peers' modules */
	AGW_SECMOD_SVC_UPLOAD = 9,	     /**< ledger upload (FIG. 11) */
	AGW_SECMOD_SVC_DOWNLOAD = 10,	     /**< ledger download (FIG. 11) */
	AGW_SECMOD_SVC_AUTHENTICATION = 11,  /**< 5G AKA toward the peer's module (FIG. 7) */
	AGW_SECMOD_SVC_ENCRYPT = 12,	     /**< encryption (FIG. 10) */
	AGW_SECMOD_SVC_INTEGRITY = 13,	     /**< integrity protection: MAC over data */
	AGW_SECMOD_SVC_STATIC_AUTHZ = 14,    /**< local authorisation policy */
	AGW_SECMOD_SVC_TOKEN_VERIFY = 15,    /**< producer: fetch and verify a token */
	AGW_SECMOD_SVC_TOKEN_GEN = 16,	     /**< consumer: obtain a token (FIG. 9a) */
	AGW_SECMOD_SVC_TOKEN_GET = 17,	     /**< consumer's module hands its token out */
	AGW_SECMOD_SVC_DECRYPT = 18,	     /**< decryption (FIG. 10, [0407]) */
	AGW_SECMOD_SVC_INTEGRITY_CHECK = 19, /**< integrity verification */
	AGW_SECMOD_SVC_MAX = 20,
};

/** Bit of a service in a service set (uint32_t). */
#define AGW_SECMOD_SVC_BIT(s) (UINT32_C(1) << (s))

/**
 * Algorithm classes: a policy fixes one algorithm per class. Negotiation
 * chooses, per class, the first algorithm of the initiator's preference
 * list that the responder supports.
 */
enum agw_secmod_class {
	AGW_SECMOD_CLS_AUTH = 0,      /**< authentication */
	AGW_SECMOD_CLS_ATTEST = 1,    /**< attestation quotes */
	AGW_SECMOD_CLS_TOKEN = 2,     /**< access tokens */
	AGW_SECMOD_CLS_CIPHER = 3,    /**< ENCRYPT/DECRYPT services */
	AGW_SECMOD_CLS_INTEG = 4,     /**< INTEGRITY services */
	AGW_SECMOD_CLS_FP_CIPHER = 5, /**< fast-path per-packet ciphering */
	AGW_SECMOD_CLS_FP_INTEG = 6,  /**< fast-path per-packet integrity */
	AGW_SECMOD_CLS_ZK = 7,	      /**< zero-knowledge proofs */
	AGW_SECMOD_CLS_MAX = 8,
};

/** Algorithms (one byte on the wire). */
enum agw_secmod_alg {
	AGW_SECMOD_ALG_NONE = 0,
	AGW_SECMOD_ALG_5G_AKA = 1,	  /**< MILENAGE + TS 33.501 6.1.3.2 RES* */
	AGW_SECMOD_ALG_QUOTE_ED25519 = 2, /**< measurement quote signed with Ed25519 */
	AGW_SECMOD_ALG_JWS_EDDSA = 3,	  /**< JWT signed with Ed25519 (RFC 8037) */
	AGW_SECMOD_ALG_JWS_HS256 = 4,	  /**< JWT with HMAC-SHA-256 (RFC 7518 3.2) */
	AGW_SECMOD_ALG_AES128_GCM = 5,	  /**< AES-128-GCM, 96-bit nonce, 128-bit tag */
	AGW_SECMOD_ALG_AES256_GCM = 6,	  /**< AES-256-GCM */
	AGW_SECMOD_ALG_AES_CMAC = 7,	  /**< AES-128-CMAC (RFC 4493), 128-bit tag */
	AGW_SECMOD_ALG_HMAC_SHA256 = 8,	  /**< HMAC-SHA-256 (RFC 2104), 256-bit tag */
	AGW_SECMOD_ALG_NEA1 = 9,	  /**< 128-NEA1 (SNOW 3G) */
	AGW_SECMOD_ALG_NEA2 = 10,	  /**< 128-NEA2 (AES-CTR) */
	AGW_SECMOD_ALG_NEA3 = 11,	  /**< 128-NEA3 (ZUC) */
	AGW_SECMOD_ALG_NIA1 = 12,	  /**< 128-NIA1 (SNOW 3G) */
	AGW_SECMOD_ALG_NIA2 = 13,	  /**< 128-NIA2 (AES-CMAC) */
	AGW_SECMOD_ALG_NIA3 = 14,	  /**< 128-NIA3 (ZUC) */
	AGW_SECMOD_ALG_SCHNORR_P256 = 15, /**< Schnorr NIZK on P-256 (RFC 8235) */
	AGW_SECMOD_ALG_MAX = 16,
};

/** Bit of an algorithm in a capability set (uint32_t). */
#define AGW_SECMOD_ALG_BIT(a) (UINT32_C(1) << (a))

/**
 * Result causes. OK is success; every other value is a rejection or a
 * failure, and has its own counter (struct agw_secmod_stats::cause).
 */
#define AGW_SECMOD_CAUSES(X)                                                                       \
	X(OK, "ok")                                                                                \
	X(NOT_IN_POLICY, "service not in the trusted policy [0237]")                               \
	X(NO_POLICY, "no trusted policy with the peer node")                                       \
	X(UNAUTHORISED, "requester not served or not permitted")                                   \
	X(IDENTITY_MISMATCH, "header identity differs from the node identity IE")                  \
	X(MALFORMED, "malformed request or message")                                               \
	X(UNKNOWN_SERVICE, "unknown service code")                                                 \
	X(AUTH_FAIL, "RES* differs from XRES*")                                                    \
	X(AUTN_FAIL, "AUTN did not verify at the peer's module")                                   \
	X(ATTEST_UNTRUSTED, "evidence differs from the reference value")                           \
	X(ATTEST_BAD_QUOTE, "quote signature or challenge did not verify")                         \
	X(NO_REFERENCE, "no reference value, or the provider refused")                             \
	X(TOKEN_INVALID, "token signature, issuer, audience or subject wrong")                     \
	X(TOKEN_EXPIRED, "token expired")                                                          \
	X(TOKEN_SCOPE, "token not for the requested service")                                      \
	X(NO_TOKEN, "no stored token for the producer and service")                                \
	X(AUTHZ_DENIED, "local authorisation policy denies")                                       \
	X(DECRYPT_FAIL, "ciphertext failed authentication")                                        \
	X(INTEGRITY_FAIL, "MAC did not verify")                                                    \
	X(ZK_FAIL, "zero-knowledge proof did not verify")                                          \
	X(CONSENSUS_FAIL, "fewer valid votes than the quorum")                                     \
	X(NOT_FOUND, "no such ledger item or contract")                                            \
	X(LEDGER_FAIL, "ledger unreachable or write failed")                                       \
	X(TIMEOUT, "no answer from the peer's module in time")                                     \
	X(NO_RESOURCE, "too many transactions or no memory")                                       \
	X(DRIVER_FAIL, "driver could not run the algorithm")

/** Result of a service (see AGW_SECMOD_CAUSES). */
enum agw_secmod_cause {
#define AGW_SECMOD_CAUSE_ENUM(n, s) AGW_SECMOD_##n,
	AGW_SECMOD_CAUSES(AGW_SECMOD_CAUSE_ENUM)
#undef AGW_SECMOD_CAUSE_ENUM
		AGW_SECMOD_CAUSE_MAX
};

/** Text of a cause; "?" for an unknown value. */
const char *agw_secmod_cause_str(unsigned int cause);

/** Name of a service ("authentication", ...); "?" for an unknown one. */
const char *agw_secmod_svc_name(unsigned int svc);

/** Name of an algorithm ("AES-128-GCM", ...); "?" for an unknown one. */
const char *agw_secmod_alg_name(unsigned int alg);

/* ------------------------------------------------------------------ */
/* Driver interface (implemented in drivers/secmod_*)                  */
/* ------------------------------------------------------------------ */

/** Key types a driver holds. */
enum agw_secmod_key_type {
	AGW_SECMOD_KEY_AES128 = 1,  /**< 16-octet AES key (GCM, CMAC, ECB, NEA2/NIA2) */
	AGW_SECMOD_KEY_AES256 = 2,  /**< 32-octet AES key (GCM) */
	AGW_SECMOD_KEY_HMAC = 3,    /**< HMAC-SHA-256 key, 16..160 octets (library keys: 32) */
	AGW_SECMOD_KEY_ED25519 = 4, /**< Ed25519 private key (32-octet seed) */
	AGW_SECMOD_KEY_3GPP128 = 5, /**< 16-octet key for 128-NEA1/3, NIA1/3 (SNOW 3G, ZUC) */
};

/** Length of an Ed25519 public key and of a signature. */
#define AGW_SECMOD_ED25519_PUB_LEN 32
#define AGW_SECMOD_ED25519_SIG_LEN 64
/** AES-GCM nonce and tag lengths. */
#define AGW_SECMOD_GCM_IV_LEN 12
#define AGW_SECMOD_GCM_TAG_LEN 16
/** The AAD length every AES-GCM caller uses. */
#define AGW_SECMOD_GCM_AAD_LEN 16
/** Longest MAC a driver returns (HMAC-SHA-256). */
#define AGW_SECMOD_MAC_MAX 32
/** Length of a fast-path MAC (128-NIA*). */
#define AGW_SECMOD_FP_MAC_LEN 4
/** Octets in front of a fast-path integrity message that must be writable
 *  (the 128-NIA2 COUNT|BEARER|DIRECTION prefix, AGW_NIA2_PREFIX_LEN). */
#define AGW_SECMOD_FP_HEADROOM 8
/** Octets past a fast-path message that may be read (AGW_NAS_SEC_TAILROOM). */
#define AGW_SECMOD_FP_TAILROOM 16

/** Status of one fast-path operation (same values as enum agw_nas_sec_status). */
enum agw_secmod_fp_status {
	AGW_SECMOD_FP_OK = 0,		 /**< done (verify: MAC matched) */
	AGW_SECMOD_FP_BAD_MAC = 1,	 /**< verify: MAC did not match */
	AGW_SECMOD_FP_INVALID = 2,	 /**< bad length, bearer, direction or session */
	AGW_SECMOD_FP_ENGINE_ERR = 3,	 /**< the driver's engine failed */
	AGW_SECMOD_FP_NO_POLICY = 4,	 /**< no policy for the node pair */
	AGW_SECMOD_FP_NOT_IN_POLICY = 5, /**< policy lacks the service */
};

/** One fast-path operation as a driver sees it. */
struct agw_secmod_drv_fp_op {
	void *sess;	/**< from agw_secmod_drv_ops::fp_session_create() */
	uint8_t *data;	/**< in-place data; NIA: AGW_SECMOD_FP_HEADROOM writable in front */
	uint32_t len;	/**< octets */
	uint32_t count; /**< COUNT */
	uint8_t bearer; /**< BEARER, 0..31 */
	uint8_t dir;	/**< DIRECTION, 0 or 1 */
	uint8_t verify; /**< NIA: 1 compare with @c mac, 0 write @c mac */
	uint8_t status; /**< out: enum agw_secmod_fp_status (0..3) */
	uint8_t mac[AGW_SECMOD_FP_MAC_LEN]; /**< NIA in/out */
};

struct agw_secmod_drv;

/**
 * Driver operations. Control operations (keys, sign, mac, aead, block)
 * may be called from several threads (several modules may share a driver):
 * the driver serialises what needs it. Every one returns 0 or a negative
 * errno: -ENOTSUP (the driver lacks the key type or algorithm), -EINVAL,
 * -EBADMSG (aead_open: the tag did not verify), -EIO (engine failure).
 * Key handles are opaque; the library never reads key material through
 * them.
 */
struct agw_secmod_drv_ops {
	/** Short name ("sw", "cdev", "pkcs11"). */
	const char *name;
	/** Import a secret (AES, HMAC, 3GPP key or Ed25519 seed) as a
	 *  non-exportable key. The caller zeroises its copy. */
	int (*key_import)(struct agw_secmod_drv *drv, enum agw_secmod_key_type type,
			  const uint8_t *key, size_t len, void **h);
	/** Generate a key inside the driver. With @p label not NULL, a
	 *  persistent key (PKCS#11 token object) that key_find() finds again. */
	int (*key_generate)(struct agw_secmod_drv *drv, enum agw_secmod_key_type type,
			    const char *label, void **h);
	/** Find a persistent key by label; -ENOENT if none, -ENOTSUP if the
	 *  driver keeps nothing across runs. */
	int (*key_find)(struct agw_secmod_drv *drv, enum agw_secmod_key_type type,
			const char *label, void **h);
	/** Ed25519 public key of a private key handle. */
	int (*key_public)(struct agw_secmod_drv *drv, void *h,
			  uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN]);
	/** Forget a handle (a persistent key stays in its token); zeroises
	 *  what the driver kept in memory. NULL is accepted. */
	void (*key_destroy)(struct agw_secmod_drv *drv, void *h);
	/** Ed25519 signature (RFC 8032, pure). */
	int (*sign)(struct agw_secmod_drv *drv, void *h, const uint8_t *msg, size_t len,
		    uint8_t sig[AGW_SECMOD_ED25519_SIG_LEN]);
	/** MAC: AGW_SECMOD_ALG_AES_CMAC (16 octets out, AES128 key) or
	 *  AGW_SECMOD_ALG_HMAC_SHA256 (32 octets, HMAC key). */
	int (*mac)(struct agw_secmod_drv *drv, void *h, unsigned int alg, const uint8_t *msg,
		   size_t len, uint8_t out[AGW_SECMOD_MAC_MAX]);
	/** AES-GCM encryption; @p out may equal @p in. @p aad_len is 0 or
	 *  AGW_SECMOD_GCM_AAD_LEN (cryptodev sessions fix the AAD length). */
	int (*aead_seal)(struct agw_secmod_drv *drv, void *h, const uint8_t iv[12],
			 const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
			 uint8_t *out, uint8_t tag[AGW_SECMOD_GCM_TAG_LEN]);
	/** AES-GCM decryption; -EBADMSG when the tag does not verify (then
	 *  @p out holds no plaintext: it is zeroed). */
	int (*aead_open)(struct agw_secmod_drv *drv, void *h, const uint8_t iv[12],
			 const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
			 uint8_t *out, const uint8_t tag[AGW_SECMOD_GCM_TAG_LEN]);
	/** One AES-128 block encryption (MILENAGE's kernel, TS 35.206). */
	int (*block_encrypt)(struct agw_secmod_drv *drv, void *h, const uint8_t in[16],
			     uint8_t out[16]);
	/** Create a fast-path session for a 128-NEA/NIA algorithm
	 *  (AGW_SECMOD_ALG_NEA1..NIA3) and a 16-octet key. */
	int (*fp_session_create)(struct agw_secmod_drv *drv, unsigned int alg,
				 const uint8_t key[16], void **sess);
	/** Free a fast-path session (no burst may still use it). */
	void (*fp_session_free)(struct agw_secmod_drv *drv, void *sess);
	/** Run a burst on queue pair @p qp (one per worker thread); returns
	 *  the number of operations with status OK. */
	uint16_t (*fp_burst)(struct agw_secmod_drv *drv, uint16_t qp,
			     struct agw_secmod_drv_fp_op *ops, uint16_t n);
	/** Free the driver (every key and session must be gone). */
	void (*free)(struct agw_secmod_drv *drv);
};

/**
 * A driver instance. Drivers embed it as the first member of their own
 * state; their constructors (agw_secmod_sw_create(), ...) return it.
 */
struct agw_secmod_drv {
	const struct agw_secmod_drv_ops *ops; /**< operations */
	uint32_t algs;			      /**< AGW_SECMOD_ALG_BIT() set it can run */
	uint16_t nb_qp;			      /**< fast-path queue pairs */
};

/** Free a driver through its ops; NULL is accepted. */
void agw_secmod_drv_free(struct agw_secmod_drv *drv);

/* ------------------------------------------------------------------ */
/* Ledger interface (blockchain upload/download, FIG. 11)              */
/* ------------------------------------------------------------------ */

/** Longest name of a ledger item (with its NUL). */
#define AGW_SECMOD_NAME_MAX 64

/** One ledger record as the module hands it over (already protected). */
struct agw_secmod_ledger_rec {
	uint32_t owner;			/**< node that uploaded it */
	uint16_t type;			/**< data type ([0431]) */
	uint64_t time_ms;		/**< upload time */
	char name[AGW_SECMOD_NAME_MAX]; /**< data name ([0431]) */
	const uint8_t *data;		/**< protected payload */
	uint32_t len;			/**< its length */
};

/** A pluggable ledger. Every function returns 0 or a negative errno. */
struct agw_secmod_ledger_ops {
	/** Append a record; @p id receives its identifier. */
	int (*append)(void *ctx, const struct agw_secmod_ledger_rec *rec, uint64_t *id);
	/** Read record @p id; @p rec->data points into @p buf (capacity @p cap). */
	int (*get)(void *ctx, uint64_t id, struct agw_secmod_ledger_rec *rec, uint8_t *buf,
		   size_t cap);
	/** Newest record whose name is @p name (NULL: any) and type is @p type
	 *  (0: any); -ENOENT if none. */
	int (*find)(void *ctx, const char *name, uint16_t type, uint64_t *id);
	/** Hash of the newest record (32 octets) and the record count. */
	int (*head)(void *ctx, uint8_t hash[32], uint64_t *count);
	/** Close the ledger. */
	void (*close)(void *ctx);
};

/** A ledger: operations and their context. */
struct agw_secmod_ledger {
	const struct agw_secmod_ledger_ops *ops; /**< operations */
	void *ctx;				 /**< backend state */
};

/**
 * Open (or create) the append-only local log backend: records are
 * hash-chained (each carries SHA-256 of the previous one) and the chain is
 * verified from the first record on open.
 *
 * @param[in] path  file; created when missing.
 * @param[out] ledger filled on success.
 * @return 0, -EBADMSG (the chain does not verify: a record was changed,
 *   removed or reordered, or the file has a torn tail), -errno of open/read.
 */
int agw_secmod_ledger_file_open(const char *path, struct agw_secmod_ledger *ledger);

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

/** Node kinds (spec/003 2; the routing rule of 5.5 depends on them). */
enum agw_secmod_node_kind {
	AGW_SECMOD_NODE_CN = 1,	   /**< core network function */
	AGW_SECMOD_NODE_RAN = 2,   /**< access network device (gNB, CU, DU) */
	AGW_SECMOD_NODE_UE = 3,	   /**< terminal */
	AGW_SECMOD_NODE_THIRD = 4, /**< third party / application */
};

/** A node served by a module. */
struct agw_secmod_node {
	uint32_t id;	    /**< node identifier, != 0 */
	uint8_t kind;	    /**< enum agw_secmod_node_kind */
	uint32_t local_svc; /**< services it may ask for without a peer
			     *  (AGW_SECMOD_SVC_BIT set: masking, upload, ...) */
};

/** How a module message travels (spec/003 5.5). */
enum agw_secmod_path {
	AGW_SECMOD_PATH_DIRECT = 0, /**< module to module ([0260]) */
	AGW_SECMOD_PATH_NODES = 1,  /**< via the nodes, e.g. SM1->AMF->RAN->UE->SM2 ([0259]) */
};

/** One feedback message to a requester (one per service of a request). */
struct agw_secmod_feedback {
	uint64_t cookie;	 /**< the request's cookie */
	uint32_t txn;		 /**< transaction id the request got */
	uint32_t to;		 /**< node receiving this feedback */
	uint32_t requester;	 /**< node that asked */
	uint32_t peer;		 /**< destination / peer node, 0 if none */
	uint16_t svc;		 /**< enum agw_secmod_svc */
	uint16_t cause;		 /**< enum agw_secmod_cause */
	uint32_t policy_version; /**< policy that served it, 0 if none */
	const uint8_t *data;	 /**< result octets (ciphertext, plaintext, MAC, masked
				  *  data, downloaded data, contract output); valid
				  *  during the callback only */
	uint32_t len;		 /**< length of @c data */
	uint64_t id;		 /**< ledger record id (upload), else 0 */
};

/** Module configuration (copied by agw_secmod_create()). */
struct agw_secmod_conf {
	uint32_t module_id;		      /**< for messages and logs */
	const struct agw_secmod_node *served; /**< nodes this module serves */
	unsigned int n_served;		      /**< 1..AGW_SECMOD_SERVED_MAX */
	struct agw_secmod_drv *drv;	      /**< key and crypto driver (not owned) */
	/** Key label of the module's Ed25519 identity key: found in the
	 *  driver when it is there, generated (persistently) when not; NULL
	 *  generates a key for this run only. */
	const char *identity_label;
	struct agw_secmod_ledger *ledger; /**< ledger, or NULL (no upload/download) */
	uint32_t max_peers;		  /**< node pairs with a policy; 0 = 256 */
	uint32_t max_txn;		  /**< transactions in flight; 0 = 1024 */
	uint16_t max_workers;		  /**< fast-path worker threads; 0 = 1 */
	uint32_t txn_timeout_ms;	  /**< answer wait for module messages; 0 = 2000 */
	uint32_t authz_server;		  /**< node of the authorisation server (FIG. 9), or 0 */
	uint32_t quorum; /**< consensus: votes needed (own included); 0 = majority */
	/** Send a module message toward the module serving @p to. */
	int (*send)(void *arg, uint32_t from, uint32_t to, enum agw_secmod_path path,
		    const uint8_t *msg, size_t len);
	/** Deliver a feedback message to a node. */
	void (*feedback)(void *arg, const struct agw_secmod_feedback *fb);
	/** Clock in milliseconds (tests); NULL = CLOCK_REALTIME. */
	uint64_t (*now_ms)(void *arg);
	void *arg; /**< first argument of the callbacks */
};

/** Most nodes one module serves. */
#define AGW_SECMOD_SERVED_MAX 16
/** Most services in one request's list. */
#define AGW_SECMOD_LIST_MAX 8
/** Largest data in a request or feedback. */
#define AGW_SECMOD_DATA_MAX 4096
/** Attestation layers (PHY = 1 ... application = 7, [0309]). */
#define AGW_SECMOD_LAYERS 7

/** Opaque module. */
struct agw_secmod;

/**
 * Create a module.
 *
 * @return the module, or NULL with errno: EINVAL (bad configuration),
 *   ENOMEM, or the driver's error for the identity key.
 */
struct agw_secmod *agw_secmod_create(const struct agw_secmod_conf *conf);

/** Free a module, its policies, keys and transactions; NULL accepted. No
 *  fast-path burst may run. */
void agw_secmod_free(struct agw_secmod *mod);

/** The module's Ed25519 identity public key (to provision at its peers). */
int agw_secmod_identity_pub(const struct agw_secmod *mod, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN]);

/** A peer node and the identity key of the module serving it. */
struct agw_secmod_peer {
	uint32_t node;					/**< peer node id */
	uint8_t kind;					/**< enum agw_secmod_node_kind */
	uint8_t module_pub[AGW_SECMOD_ED25519_PUB_LEN]; /**< its module's identity key */
};

/**
 * Provision a peer (operator step; it is what makes negotiation
 * authenticated). Replaces an earlier entry for the node.
 *
 * @return 0, -EINVAL, -ENOSPC.
 */
int agw_secmod_peer_add(struct agw_secmod *mod, const struct agw_secmod_peer *peer);

/** Negotiation request (trusted negotiation, spec/003 5.2). */
struct agw_secmod_neg {
	uint32_t local;	   /**< served node */
	uint32_t peer;	   /**< peer node */
	uint32_t services; /**< AGW_SECMOD_SVC_BIT() set the policy should hold */
	/** Preference order per class (NULL: the module's defaults). */
	const uint8_t *prefs[AGW_SECMOD_CLS_MAX];
	uint8_t n_prefs[AGW_SECMOD_CLS_MAX]; /**< entries of @c prefs */
	uint32_t token_lifetime_s;	     /**< access-token lifetime; 0 = 3600 */
	uint8_t attest_layer;		     /**< evidence end-point layer; 0 = application */
};

/**
 * Start (re)negotiation with the peer's module: sends a signed offer with a
 * fresh X25519 share; the policy is installed when the signed answer comes
 * back (agw_secmod_input()). A renegotiation proposes current version + 1;
 * the responder accepts only a version above its own.
 *
 * @return the transaction id (> 0), or -EINVAL, -ENOENT (peer not
 *   provisioned), -EBUSY (a negotiation with the pair is in flight),
 *   -ENOSPC, or the send callback's error.
 */
int64_t agw_secmod_negotiate(struct agw_secmod *mod, const struct agw_secmod_neg *neg);

/** What a policy holds, for inspection. */
struct agw_secmod_policy_info {
	uint32_t version;		 /**< 1, 2, ... */
	uint32_t services;		 /**< agreed service set */
	uint8_t alg[AGW_SECMOD_CLS_MAX]; /**< agreed algorithm per class */
	uint32_t token_lifetime_s;	 /**< access-token lifetime */
	uint8_t attest_layer;		 /**< evidence end-point layer */
	uint8_t initiator;		 /**< 1 if this module initiated */
};

/**
 * Read the current policy of a node pair.
 *
 * @return 0, -ENOENT (none), -EINVAL.
 */
int agw_secmod_policy_get(struct agw_secmod *mod, uint32_t local, uint32_t peer,
			  struct agw_secmod_policy_info *info);

/** Remove the policy of a node pair (after the fast-path grace period). */
int agw_secmod_policy_remove(struct agw_secmod *mod, uint32_t local, uint32_t peer);

/**
 * Handle a module message from the transport.
 *
 * @param[in] from_node  sender's node as the transport knows it (packet
 *   header), or 0 when unknown; must match the message's sender when set.
 * @return 0 (handled; any answer went out through send), -EBADMSG (malformed
 *   or MAC wrong: dropped and counted), -ENOENT (unknown or finished
 *   transaction: dropped and counted), -EPERM (identity or policy check
 *   failed: dropped and counted).
 */
int agw_secmod_input(struct agw_secmod *mod, uint32_t from_node, const uint8_t *msg, size_t len);

/** A request from a node or third party (first request message, S610). */
struct agw_secmod_req {
	uint32_t requester; /**< node identity IE (0: take @c hdr_id) */
	uint32_t hdr_id;    /**< identity from the packet header ([0221]); 0 when
			     *  the requester is a served node calling locally */
	uint32_t dest;	    /**< destination / peer node, 0 if none */
	uint32_t on_behalf; /**< third party that asked the requester ([0287]), or 0 */
	uint8_t n_svc;	    /**< services in @c svc (1..AGW_SECMOD_LIST_MAX) */
	uint16_t svc[AGW_SECMOD_LIST_MAX]; /**< trusted service id or list */
	const uint8_t *data;		   /**< plaintext, ciphertext, upload data, ... */
	uint32_t len;			   /**< length of @c data */
	const uint8_t *param;		   /**< security parameter ([0218]): challenge, MAC, ... */
	uint32_t param_len;		   /**< its length */
	const char *name;		   /**< service name, data name or contract name */
	uint16_t type;			   /**< data type (upload/download) */
	uint64_t id;			   /**< data identifier (download), 0 = by name/type */
	uint8_t attest_layer;		   /**< evidence end point (0: policy) */
	uint64_t cookie;		   /**< returned in the feedback */
};

/**
 * Handle a first request: check the requester, expand the list and run
 * each service under the policy. Each service ends in exactly one feedback
 * (immediately for local services, after the peer's answer for
 * authentication, attestation, tokens, ZK and consensus).
 *
 * @return the transaction id (> 0) that the feedbacks carry, or -EINVAL
 *   (NULL, empty or too long list, data too long; nothing counted). Every
 *   other rejection is a feedback with its cause.
 */
int64_t agw_secmod_request(struct agw_secmod *mod, const struct agw_secmod_req *req);

/**
 * First notification (S610'): event @p event of node @p node (e.g. "UE
 * accessed the RAN") runs the preset list registered for the event, by the
 * module's first served node toward @p node ([0223][0224]).
 *
 * @return the transaction id, -ENOENT (no list for the event), -EINVAL.
 */
int64_t agw_secmod_notify(struct agw_secmod *mod, uint32_t node, uint32_t event);

/** Preset the service list of a notification event ([0224]). */
int agw_secmod_preset_set(struct agw_secmod *mod, uint32_t event, const uint16_t *svc,
			  unsigned int n);

/**
 * Add a periodic trigger (S610''): every @p period_ms, agw_secmod_poll()
 * runs @p svc for @p node toward @p dest. UPLOAD uploads the module's
 * audit buffer (one line per finished service) as data name "audit".
 *
 * @return 0, -EINVAL, -ENOSPC.
 */
int agw_secmod_timer_add(struct agw_secmod *mod, uint32_t period_ms, uint32_t node, uint32_t dest,
			 uint16_t svc);

/**
 * Expire transactions past their deadline (feedback TIMEOUT) and run due
 * timers. Call from the control loop.
 *
 * @return number of expired transactions plus timer runs.
 */
int agw_secmod_poll(struct agw_secmod *mod);

/* --- service configuration ---------------------------------------- */

/**
 * AKA credentials of a node, for authentication (FIG. 7): on the network
 * side the peer UE's K and OPc with the next SQN, on the UE side its own.
 * K goes into the driver; only the handle is kept.
 */
struct agw_secmod_aka_cred {
	uint32_t node;	 /**< UE node the credential belongs to */
	uint8_t k[16];	 /**< K */
	uint8_t opc[16]; /**< OPc */
	uint8_t sqn[6];	 /**< network: next SQN to use; UE: highest accepted */
	uint8_t amf[2];	 /**< AMF field (network side) */
	char snn[64];	 /**< serving network name (TS 33.501 6.1.1.4) */
};

/** Provision AKA credentials; replaces an earlier one for the node. */
int agw_secmod_aka_cred_set(struct agw_secmod *mod, const struct agw_secmod_aka_cred *c);

/**
 * Attester side: extend the measurement of a layer (1..AGW_SECMOD_LAYERS)
 * of a served node: M[layer] = SHA-256(M[layer] || digest), as a TPM PCR.
 */
int agw_secmod_measure(struct agw_secmod *mod, uint32_t node, unsigned int layer,
		       const uint8_t digest[32]);

/**
 * Reference value of an attester: the expected measurement per layer
 * (a provider's store, or the verifier's own when it is the provider).
 * The quote's signing key is the attestation key the attester's module
 * gave in negotiation.
 */
int agw_secmod_rv_set(struct agw_secmod *mod, uint32_t attester,
		      const uint8_t rv[AGW_SECMOD_LAYERS][32]);

/**
 * Verifier side: the node that provides the reference values of
 * @p attester (0 or the verifier itself: use the local store, [0290]).
 */
int agw_secmod_rv_source(struct agw_secmod *mod, uint32_t attester, uint32_t provider);

/** Provider side: @p node may fetch (RV_PROVIDE) or update (RV_UPDATE) the
 *  reference values of @p attester. @p perm: bit 0 fetch, bit 1 update. */
int agw_secmod_rv_permit(struct agw_secmod *mod, uint32_t attester, uint32_t node, uint32_t perm);

/** Attester side: the attestation key public value (for reference values). */
int agw_secmod_ak_pub(const struct agw_secmod *mod, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN]);

/** Static authorisation rule ([Table row 14]): @p consumer may (allow = 1)
 *  or may not use service @p name of @p producer; 0 = any node. First
 *  matching rule wins; no rule denies. */
int agw_secmod_authz_rule(struct agw_secmod *mod, uint32_t consumer, uint32_t producer,
			  const char *name, int allow);

/** Ledger permissions of a node ([0420][0434]): bit 0 upload, bit 1 download. */
int agw_secmod_ledger_permit(struct agw_secmod *mod, uint32_t node, uint32_t perm);

/**
 * A smart contract: reads @p in, writes at most @p cap octets to @p out.
 * @return octets written, or a negative errno (the service then fails).
 */
typedef int (*agw_secmod_contract_fn)(void *arg, const uint8_t *in, size_t len, uint8_t *out,
				      size_t cap);

/** Register a contract under a name (SMART_CONTRACT requests name it). */
int agw_secmod_contract_register(struct agw_secmod *mod, const char *name,
				 agw_secmod_contract_fn fn, void *arg);

/**
 * Consensus: decides whether this module votes for an event digest
 * (default: always). @return 1 accept, 0 reject.
 */
typedef int (*agw_secmod_vote_fn)(void *arg, uint32_t proposer, const uint8_t digest[32]);

/** Set the vote callback. */
int agw_secmod_vote_set(struct agw_secmod *mod, agw_secmod_vote_fn fn, void *arg);

/** Stored access token of a consumer for (producer, service): 1 if one is
 *  held, 0 if not (the token itself never leaves the module's API). */
int agw_secmod_token_held(struct agw_secmod *mod, uint32_t producer, const char *name);

/* --- counters ------------------------------------------------------ */

/** Counters of a module. */
struct agw_secmod_stats {
	uint64_t cause[AGW_SECMOD_CAUSE_MAX]; /**< services ended per cause (feedbacks
					       *   and answers to peer modules) */
	uint64_t svc_ok[AGW_SECMOD_SVC_MAX];  /**< successful services per service */
	uint64_t msg_in;		      /**< module messages accepted */
	uint64_t msg_out;		      /**< module messages sent */
	uint64_t msg_malformed;		      /**< dropped: bad format */
	uint64_t msg_bad_mac;		      /**< dropped: bad MAC or signature */
	uint64_t msg_unknown_txn;	      /**< dropped: unknown or finished txn */
	uint64_t msg_rejected;		      /**< dropped: identity or policy check */
	uint64_t neg_done;		      /**< policies installed */
	uint64_t neg_rejected;		      /**< offers refused (version, signature) */
	uint64_t fp_ok;			      /**< fast-path operations OK */
	uint64_t fp_fail[6];		      /**< per enum agw_secmod_fp_status */
};

/** Read the counters (fast-path ones summed over workers). */
int agw_secmod_stats_get(struct agw_secmod *mod, struct agw_secmod_stats *st);

/* ------------------------------------------------------------------ */
/* Fast path                                                           */
/* ------------------------------------------------------------------ */

/**
 * One per-packet operation: ENCRYPT / DECRYPT (128-NEA, in place) or
 * INTEGRITY / INTEGRITY_CHECK (128-NIA, 32-bit MAC) under the policy of
 * (@c local, @c peer). COUNT, BEARER and DIRECTION come from the packet
 * (as for PDCP or NAS): the caller never reuses a COUNT per direction.
 * Integrity messages need AGW_SECMOD_FP_HEADROOM writable octets in front
 * (clobbered), and AGW_SECMOD_FP_TAILROOM readable octets after.
 */
struct agw_secmod_fp_op {
	uint32_t local;			    /**< served node */
	uint32_t peer;			    /**< peer node */
	uint8_t svc;			    /**< ENCRYPT, DECRYPT, INTEGRITY or INTEGRITY_CHECK */
	uint8_t bearer;			    /**< BEARER, 0..31 */
	uint8_t dir;			    /**< DIRECTION, 0 or 1 */
	uint8_t status;			    /**< out: enum agw_secmod_fp_status */
	uint32_t count;			    /**< COUNT */
	uint8_t *data;			    /**< packet payload (ciphered in place) */
	uint32_t len;			    /**< octets */
	uint8_t mac[AGW_SECMOD_FP_MAC_LEN]; /**< INTEGRITY: out; INTEGRITY_CHECK: in */
	void *user_data;		    /**< untouched */
};

/** Most operations per burst call. */
#define AGW_SECMOD_FP_BURST_MAX 64

/**
 * Register the calling thread as fast-path worker @p worker
 * (< max_workers) and put it online: policy swaps then wait for it.
 */
int agw_secmod_fp_register(struct agw_secmod *mod, uint16_t worker);

/** Take a worker offline and unregister it. */
int agw_secmod_fp_unregister(struct agw_secmod *mod, uint16_t worker);

/** Report a quiescent state of an idle worker (bursts report their own). */
void agw_secmod_fp_quiescent(struct agw_secmod *mod, uint16_t worker);

/**
 * Run a burst: look up each operation's policy (lock-free), hand the
 * operations to the driver's queue pair @p worker in one call, write each
 * status and report the worker's quiescent state at the end.
 *
 * @param[in] n  at most AGW_SECMOD_FP_BURST_MAX.
 * @return the number of operations with status AGW_SECMOD_FP_OK.
 */
uint16_t agw_secmod_fp_burst(struct agw_secmod *mod, uint16_t worker, struct agw_secmod_fp_op *ops,
			     uint16_t n);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SECMOD_H */
