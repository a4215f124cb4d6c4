/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_PROSE_H
#define AGW_PROSE_H

/**
 * @file
 * 5G ProSe UE-to-network relay security of seed 002 (US 2025/0260979 A1,
 * spec/002) and TS 33.503 6.3.3.3 (control-plane based security), without
 * any transport: the AMF(relay) part that takes the relay's NAS Relay Key
 * Request / Relay Authentication Response, the AUSF ProseAuthenticate
 * service, the PAnF (Npanf_ProseKey get / register) and a PC5 link table
 * the batch path uses to integrity-check the Direct Security Mode Command
 * and Complete.
 *
 * What happens to a Relay Key Request (spec/002 4.11, the union of the
 * patent's methods 300-700):
 *  - the AMF(relay) checks that the relay UE may act as a U2N relay
 *    (S206) through the UDM operations;
 *  - a SUCI, or a CP-PRUK ID with the key update indication, or an update
 *    decided by the AUSF policy (relay AMF PLMN changed, AUSF configuration
 *    changed: method 600) or by the PAnF (validity period or expiry time
 *    reached, update indication from the AUSF/UDM, RSC no longer stored:
 *    method 700) all lead to a new CP-PRUK: an EAP-AKA' run through the
 *    relay (Relay Authentication Request/Response), then CP-PRUK #2 and
 *    CP-PRUK ID #2 derived (TS 33.503 A.2, A.3) and registered at the
 *    PAnF, which drops #1 and its ID (later requests with ID #1 fail);
 *  - otherwise the stored CP-PRUK #1 is reused, but only after exactly one
 *    relay-service authorisation check: the PAnF from the authorisation
 *    information it stored, the PAnF asking the UDM, or the AUSF asking the
 *    UDM (configuration). A refusal is the "403" outcome: Relay Key Reject
 *    and no K_NR_ProSe;
 *  - K_NR_ProSe = KDF(CP-PRUK, Nonce_2, Nonce_1) (TS 33.503 A.4) with a
 *    fresh random Nonce_2, in a Relay Key Accept. A Nonce_1 already seen
 *    with the same CP-PRUK is refused (replay).
 *
 * Messages: the caller passes the relay's plain 5GMM messages (after the
 * fast path verified and deciphered them) and gets plain 5GMM messages back
 * (struct agw_prose_out), to protect with the relay's NAS context. The
 * remote UE identity inside the Relay key request parameters uses the
 * encoding of agw_prose_key_req_params_encode() (doc/prose.md 4: the TS
 * 24.501 9.11.3.89 sub-fields could not be read; a type octet is put
 * first).
 *
 * Keys: CP-PRUKs live in the PAnF records and the store; K_AUSF_P, K_aut
 * and XRES in a pending EAP run only; K_NR_ProSe leaves only inside the
 * Relay Key Accept (and is zeroised by agw_prose_out_reset()); the PC5
 * link table keeps only the expanded NRPIKs. Everything is zeroised when
 * replaced or freed, secrets are compared in constant time, and nothing
 * here logs.
 *
 * Persistence (lib/store): every PAnF record is an AGW_STORE_PRUK record
 * (CP-PRUK ID -> SUPI, CP-PRUK, expiry, RSC). What that record kind has no
 * field for (creation time, update indication, RSC removal, stored
 * authorisation information, the AUSF's view of the relay AMF PLMN and of
 * its configuration version, the recent Nonce_1 values) is kept in a
 * policy record "prose/<CP-PRUK ID>" (a stop-gap until lib/store has the
 * fields, see doc/prose.md 6). agw_prose_create() restores both.
 * Writes go into the store transaction the caller has open (group commit:
 * hold the messages of struct agw_prose_out until agw_store_txn_commit()
 * returned 0, then call agw_prose_store_committed(); on a failed commit call
 * agw_prose_store_rollback()), or commit one by one when none is open.
 *
 * @note Not thread-safe: one instance, used from the control lcore (the
 *   thread that also uses the store), except agw_prose_pc5_verify_burst(),
 *   which reads the PC5 link table and may run on the lcore that owns the
 *   link table as well (see its note).
 *
 * Return convention: 0 or -errno unless a function says otherwise.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_nas5g.h"

#ifdef __cplusplus
extern "C" {
#endif

struct agw_store;
struct agw_nas_sec_engine;
struct agw_hnkeys;

/* ---------------------------------------------------------------------- */
/* Sizes                                                                   */

/** CP-PRUK, K_AUSF_P, K_NR_ProSe, K_NRP-sess: 256 bits. */
#define AGW_PROSE_KEY_LEN 32
/** Nonce_1, Nonce_2: 128 bits (TS 24.501 9.11.3.89/90). */
#define AGW_PROSE_NONCE_LEN 16
/** Longest CP-PRUK ID (an NAI, RFC 7542 2.2), without the NUL. */
#define AGW_PROSE_ID_MAX 253
/** Longest SUPI in SBI form ("imsi-..." / "nai-..."), with its NUL. */
#define AGW_PROSE_SUPI_MAX 64
/** Largest downlink 5GMM message built here, octets. */
#define AGW_PROSE_DL_MAX 512
/** Messages and results one call can return. */
#define AGW_PROSE_OUT_MAX 16
/** Nonce_1 values remembered per CP-PRUK for the replay check. */
#define AGW_PROSE_NONCE1_HISTORY 8
/** Length of the PC5 MAC-I that follows a protected PC5 message. */
#define AGW_PROSE_PC5_MAC_LEN 4

/* ---------------------------------------------------------------------- */
/* Relay key request parameters (remote UE identity encoding)              */

/** Remote UE identity type (first octet of the identity, bit 1). */
enum agw_prose_id_type {
	AGW_PROSE_ID_SUCI = 0, /**< 5GS mobile identity value holding a SUCI (TS 24.501 9.11.3.4) */
	AGW_PROSE_ID_CP_PRUK = 1, /**< CP-PRUK ID, NAI octets */
};

/** Identity type octet: bit 1 the type, bit 2 "key update needed" (seed 002 [0431]). */
#define AGW_PROSE_IDT_CP_PRUK 0x01
#define AGW_PROSE_IDT_KEY_UPDATE 0x02

/** One Relay Key Request, parsed (TS 24.501 8.2.34). */
struct agw_prose_key_req {
	uint8_t prti;		/**< ProSe relay transaction identity (9.11.3.88) */
	uint32_t rsc;		/**< relay service code, 24 bits */
	const uint8_t *nonce_1; /**< AGW_PROSE_NONCE_LEN octets */
	uint8_t id_type;	/**< enum agw_prose_id_type */
	uint8_t key_update;	/**< 1: key update indication "update needed" (method 500) */
	const uint8_t *ue_id;	/**< SUCI IE value, or CP-PRUK ID octets */
	uint16_t ue_id_len;	/**< octets at @c ue_id, >= 1 */
};

/**
 * Encode the value of the Relay key request parameters IE: RSC (3 octets),
 * Nonce_1 (16), identity type octet, identity.
 *
 * @param[in] rq    fields (@c prti is not part of the IE).
 * @param[out] buf  output.
 * @param[in] cap   octets at @p buf.
 * @return octets written, -EINVAL (RSC above 24 bits, NULL, empty or
 *   over-long identity, key update with a SUCI), -ENOSPC.
 */
long agw_prose_key_req_params_encode(const struct agw_prose_key_req *rq, uint8_t *buf, size_t cap);

/**
 * Decode the Relay key request parameters value (spans into @p v; @c prti
 * is left as it was).
 *
 * @return 0, -EBADMSG (shorter than RSC + Nonce_1 + type octet + one
 *   identity octet, spare bits set in the type octet, or a key update
 *   indication with a SUCI).
 */
int agw_prose_key_req_params_decode(const uint8_t *v, size_t len, struct agw_prose_key_req *rq);

/**
 * Build a plain Relay Key Request (TS 24.501 8.2.34), e.g. for the relay
 * simulator.
 *
 * @return octets written, -EINVAL, -ENOSPC.
 */
long agw_prose_key_request_encode(const struct agw_prose_key_req *rq, uint8_t *buf, size_t cap);

/**
 * Build a plain Relay Authentication Response (TS 24.501 8.2.38).
 *
 * @return octets written, -EINVAL (EAP empty or over 1500 octets), -ENOSPC.
 */
long agw_prose_auth_response_encode(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf,
				    size_t cap);

/**
 * Build the CP-PRUK ID NAI from CP-PRUK ID* (TS 33.503 A.3):
 *
 *     rid<RID>.pid<hex(CP-PRUK ID*)>@prose-cp.5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org
 *
 * TS 33.503 6.3.3.3 has the username hold the routing indicator and
 * CP-PRUK ID*, the realm the home network; the exact layout of TS 23.003
 * 28.7.11 could not be read, so this is the project form (lower-case hex,
 * MNC padded to three digits), to check before interworking.
 *
 * @param[in] rid      routing indicator, 1..4 digits.
 * @param[in] id_star  32 octets.
 * @param[in] mcc, mnc home network (3 and 2..3 digits).
 * @param[out] out     NUL-terminated NAI.
 * @param[in] cap      capacity of @p out, including the NUL.
 * @return length, -EINVAL, -ENOSPC.
 */
int agw_prose_pruk_id_build(const char *rid, const uint8_t id_star[AGW_PROSE_KEY_LEN],
			    const char *mcc, const char *mnc, char *out, size_t cap);

/* ---------------------------------------------------------------------- */
/* UDM operations                                                          */

/** Nudm_UEAuthentication_GenerateProseAV input. */
struct agw_prose_av_req {
	const uint8_t *suci; /**< 5GS mobile identity value with a SUCI, or NULL */
	uint16_t suci_len;   /**< octets at @c suci */
	const char *supi;    /**< SUPI (update paths: [0481][0602][0729]), when @c suci is NULL */
	uint32_t rsc;	     /**< relay service code asked for */
	const char *snn;     /**< serving network name of the relay's AMF (CK'/IK', AT_KDF_INPUT) */
	size_t snn_len;	     /**< its length */
};

/** ProSe authentication vector (EAP-AKA', TS 33.501 6.1.3.1 step 2). Secret. */
struct agw_prose_av {
	char supi[AGW_PROSE_SUPI_MAX]; /**< the subscriber (SUCI de-concealed) */
	char rid[5];		       /**< routing indicator, 1..4 digits */
	uint8_t rand[16];	       /**< RAND */
	uint8_t autn[16];	       /**< AUTN (AMF separation bit set) */
	uint8_t xres[16];	       /**< XRES */
	uint8_t xres_len;	       /**< 4..16 */
	uint8_t ck_prime[16];	       /**< CK' (TS 33.402 A.2 with the SNN) */
	uint8_t ik_prime[16];	       /**< IK' */
	/** [0266]: the UDM's relay-service authorisation for (SUPI, RSC), 1 allowed, 0 refused,
	 *  for the PAnF to keep; 0xff = none given. */
	uint8_t authz_info;
};

/**
 * The UDM as the AUSF, the PAnF and the AMF(relay) use it. Every function
 * returns 0 or: -EPERM (not authorised), -ENOENT (unknown subscriber or a
 * SUCI that does not de-conceal), -EIO (any other failure; treated as a
 * refusal, never as "authorised").
 */
struct agw_prose_udm_ops {
	/**
	 * GenerateProseAV, with the relay-service authorisation check of
	 * [0145][0363] (variant D): -EPERM when (SUPI, RSC) is not authorised.
	 */
	int (*get_av)(void *arg, const struct agw_prose_av_req *rq, struct agw_prose_av *av);
	/**
	 * Authorisation check of the patent (Nudm_UEAuthorization_ProseCheck
	 * [0275], Nudm_RemoteUE_Authorization_Check [0717]): is @p supi
	 * authorised for the relay service of @p rsc ([0280]).
	 */
	int (*authz_check)(void *arg, const char *supi, uint32_t rsc);
	/** AMF(relay) S206: may the UE @p relay_supi act as a U2N relay. */
	int (*relay_check)(void *arg, const char *relay_supi);
};

/** Configuration of the store-backed UDM (agw_prose_udm_create()). */
struct agw_prose_udm_conf {
	struct agw_store *store;     /**< subscribers (K, OPc, SQN, ProSe flag), required */
	struct agw_hnkeys *hnkeys;   /**< SIDF keys; NULL: null-scheme SUCIs only */
	uint8_t allow_null_scheme;   /**< accept null-scheme SUCIs */
	uint32_t sqn_block;	     /**< SEQ values per durable reservation; 0: 32 */
	const uint32_t *default_rsc; /**< RSCs a ProSe subscriber has without a grant; NULL: all */
	unsigned int n_default_rsc;
};

/** Store-backed UDM (opaque). */
struct agw_prose_udm;

/**
 * Create the UDM of this library: subscribers from lib/store (ProSe relay
 * subscription = AGW_STORE_SUB_F_PROSE), SUCI de-concealment through
 * lib/sidf, EAP-AKA' vectors from MILENAGE with SQN from durable blocks,
 * and per-(SUPI, RSC) grants and revocations on top of the default RSC
 * list, kept in memory (doc/prose.md 6: lib/store has no field for them).
 *
 * @return the UDM, or NULL with errno (EINVAL, ENOMEM).
 */
struct agw_prose_udm *agw_prose_udm_create(const struct agw_prose_udm_conf *conf);

/** Free it. NULL is accepted. */
void agw_prose_udm_free(struct agw_prose_udm *u);

/** The operations to put in struct agw_prose_conf with the UDM as @c udm_arg. */
extern const struct agw_prose_udm_ops agw_prose_udm_store_ops;

/**
 * Grant (@p allowed 1) or revoke (0) the relay service of @p rsc for
 * @p supi, overriding the default RSC list.
 *
 * @return 0, -EINVAL, -ENOMEM.
 */
int agw_prose_udm_set_rsc(struct agw_prose_udm *u, const char *supi, uint32_t rsc, uint8_t allowed);

/* ---------------------------------------------------------------------- */
/* Configuration                                                           */

/** Who re-checks the relay-service authorisation when a CP-PRUK is reused. */
enum agw_prose_authz_mode {
	/** The PAnF, from the authorisation information stored at key registration
	 *  ([0264]-[0266]); a record without it leaves the check to the AUSF. */
	AGW_PROSE_AUTHZ_PANF_LOCAL = 0,
	AGW_PROSE_AUTHZ_PANF_UDM = 1, /**< the PAnF asks the UDM ([0255]-[0263]) */
	AGW_PROSE_AUTHZ_AUSF_UDM = 2, /**< the AUSF asks the UDM ([0267]-[0285]) */
};

/** AUSF update policy (method 600, [0556]): bits of struct agw_prose_conf::ausf_policy. */
#define AGW_PROSE_AUSF_UPD_PLMN 0x1   /**< the relay AMF's PLMN differs from the last one */
#define AGW_PROSE_AUSF_UPD_CONFIG 0x2 /**< the CP-PRUK predates the AUSF configuration version */

/** PAnF update policy (method 700, [0680]-[0683]): bits of ::panf_policy. */
#define AGW_PROSE_PANF_UPD_VALIDITY 0x1	  /**< age >= validity period */
#define AGW_PROSE_PANF_UPD_EXPIRY 0x2	  /**< now >= expiry time */
#define AGW_PROSE_PANF_UPD_INDICATION 0x4 /**< update indication from the AUSF or UDM */
#define AGW_PROSE_PANF_UPD_RSC 0x8	  /**< RSC no longer stored (deleted on UDM instruction) */

/** Configuration. */
struct agw_prose_conf {
	char mcc[4];			     /**< home network MCC (CP-PRUK ID realm), 3 digits */
	char mnc[4];			     /**< MNC, 2 or 3 digits */
	enum agw_prose_authz_mode authz;     /**< who re-authorises a reused CP-PRUK */
	uint32_t ausf_policy;		     /**< AGW_PROSE_AUSF_UPD_* */
	uint8_t ausf_decide_after_get;	     /**< 1: S608 after the PAnF answered ([0559]) */
	uint32_t ausf_config_version;	     /**< version of the AUSF configuration ([0556]) */
	uint32_t panf_policy;		     /**< AGW_PROSE_PANF_UPD_* */
	uint8_t panf_authz_first;	     /**< 1: authorise, then decide the update ([0700]) */
	uint32_t pruk_validity_s;	     /**< validity period of a CP-PRUK; 0: none */
	uint32_t eap_timeout_ms;	     /**< EAP run through the relay; 0: 30000 */
	uint32_t pc5_link_lifetime_ms;	     /**< PC5 link keys kept for the batch path; 0: 60000 */
	uint32_t capacity;		     /**< PAnF records; 0: 1024 */
	uint32_t max_pending;		     /**< EAP runs in progress; 0: 256 */
	uint32_t max_links;		     /**< PC5 links; 0: 1024 */
	const struct agw_prose_udm_ops *udm; /**< required */
	void *udm_arg;			     /**< first argument of the UDM functions */
	struct agw_store *store;	     /**< persistence, or NULL (memory only) */
	/** Clock in Unix seconds (validity, expiry); NULL = time(). */
	uint64_t (*now)(void *arg);
	void *now_arg;
	/** If not NULL: a one-line reason when agw_prose_create() fails. */
	char *err;
	size_t err_len;
};

/** Fill @p conf with defaults: PAnF-local authorisation, no update policy, no validity. */
void agw_prose_conf_init(struct agw_prose_conf *conf);

/** Opaque ProSe anchor (AMF(relay) part, AUSF, PAnF, PC5 link table). */
struct agw_prose;

/**
 * Create the anchor: check the configuration, size the tables, restore the
 * PAnF records from @c conf->store.
 *
 * @return the anchor, or NULL with errno: EINVAL (reason in @c conf->err),
 *   ENOMEM, ENOTSUP (no NAS security engine for the PC5 keys), EIO (store).
 */
struct agw_prose *agw_prose_create(const struct agw_prose_conf *conf);

/** Free the anchor, zeroising every key. NULL is accepted. The store is not closed. */
void agw_prose_free(struct agw_prose *p);

/**
 * A new AUSF configuration version (method 600 "configuration file
 * changed"): CP-PRUKs made under an older version are renewed at their next
 * use when AGW_PROSE_AUSF_UPD_CONFIG is set.
 */
void agw_prose_ausf_set_config_version(struct agw_prose *p, uint32_t version);

/* ---------------------------------------------------------------------- */
/* Requests from the relay                                                 */

/** The relay UE a message came from (the AMF(relay)'s view). */
struct agw_prose_relay {
	uint64_t ue;		      /**< caller's handle of the relay UE, echoed in outputs */
	const char *supi;	      /**< the relay UE's SUPI (S206 check) */
	struct agw_nas_plmn amf_plmn; /**< PLMN of the relay's serving AMF (SNN, method 600) */
};

/** Outcome of a request, one counter each. X(id, name). */
#define AGW_PROSE_VERDICTS(X)                                                                      \
	X(OK, "key_delivered")	       /* Relay Key Accept with K_NR_ProSe */                      \
	X(EAP, "eap_started")	       /* Relay Authentication Request sent */                     \
	X(FORBIDDEN, "forbidden")      /* relay service not authorised: "403" */                   \
	X(NOT_FOUND, "pruk_not_found") /* unknown CP-PRUK ID (or RSC mismatch): "404" */           \
	X(BAD_REQUEST, "bad_request")  /* malformed request: "400", no SBI call */                 \
	X(RELAY_NOT_AUTHORISED, "relay_not_authorised") /* S206 refused */                         \
	X(REPLAY, "nonce1_replay")    /* Nonce_1 seen with this CP-PRUK already */                 \
	X(UNKNOWN_UE, "unknown_ue")   /* UDM: unknown subscriber / SUCI */                         \
	X(AUTH_FAILED, "auth_failed") /* EAP-AKA' failed: EAP-Failure */                           \
	X(TIMEOUT, "eap_timeout")     /* no Relay Authentication Response in time */               \
	X(BUSY, "busy")		      /* no room for another EAP run or PC5 link */                \
	X(INTERNAL, "internal_error") /* store, KDF or encoding failure */

#define AGW_PROSE_V_ENUM_(id, name) AGW_PROSE_V_##id,
/** Verdicts. */
enum agw_prose_verdict { AGW_PROSE_VERDICTS(AGW_PROSE_V_ENUM_) AGW_PROSE_V_MAX };
#undef AGW_PROSE_V_ENUM_

/** Why a new CP-PRUK was made. X(id, name). */
#define AGW_PROSE_TRIGGERS(X)                                                                      \
	X(NONE, "none")			      /* reuse */                                          \
	X(UE_SUCI, "ue_suci")		      /* remote UE sent its SUCI (creation, method 400) */ \
	X(UE_KEY_UPDATE, "ue_key_update_ind") /* CP-PRUK ID + key update indication (500) */       \
	X(AUSF_PLMN, "ausf_relay_plmn_change") /* AUSF policy: relay AMF PLMN changed (600) */     \
	X(AUSF_CONFIG, "ausf_config_change")   /* AUSF policy: configuration version (600) */      \
	X(PANF_VALIDITY, "panf_validity")      /* PAnF: validity period reached (700) */           \
	X(PANF_EXPIRY, "panf_expiry")	       /* PAnF: expiry time passed (700) */                \
	X(PANF_INDICATION, "panf_update_indication") /* PAnF: update indication (700) */           \
	X(PANF_RSC, "panf_rsc_removed")		     /* PAnF: RSC no longer stored (700) */

#define AGW_PROSE_T_ENUM_(id, name) AGW_PROSE_TRIG_##id,
/** Triggers. */
enum agw_prose_trigger { AGW_PROSE_TRIGGERS(AGW_PROSE_T_ENUM_) AGW_PROSE_TRIG_MAX };
#undef AGW_PROSE_T_ENUM_

/** Who authorised the relay service for a request (exactly one). */
enum agw_prose_checker {
	AGW_PROSE_CHECK_NONE = 0,	/**< none ran (request failed before) */
	AGW_PROSE_CHECK_PANF_LOCAL = 1, /**< PAnF, stored authorisation information */
	AGW_PROSE_CHECK_PANF_UDM = 2,	/**< PAnF asked the UDM */
	AGW_PROSE_CHECK_AUSF_UDM = 3,	/**< AUSF asked the UDM */
	AGW_PROSE_CHECK_UDM_AV = 4,	/**< UDM during AV retrieval (new key) */
};

/** A downlink 5GMM message for the relay (plain; the caller protects it). Secret. */
struct agw_prose_dl {
	uint64_t relay;	  /**< struct agw_prose_relay::ue */
	uint8_t msg_type; /**< AGW_NAS5G_MT_RELAY_KEY_ACCEPT / _REJECT / _AUTH_REQUEST */
	uint8_t prti;	  /**< PRTI of the transaction */
	uint16_t len;	  /**< octets at @c nas */
	uint8_t nas[AGW_PROSE_DL_MAX]; /**< the message */
};

/** What became of one request. */
struct agw_prose_result {
	uint64_t relay;			    /**< relay handle */
	uint8_t prti;			    /**< PRTI */
	uint8_t verdict;		    /**< enum agw_prose_verdict */
	uint8_t trigger;		    /**< enum agw_prose_trigger (new key), else NONE */
	uint8_t checker;		    /**< enum agw_prose_checker */
	uint64_t link;			    /**< PC5 link id for the batch path (OK), else 0 */
	char pruk_id[AGW_PROSE_ID_MAX + 1]; /**< CP-PRUK ID used or made (OK), else "" */
};

/**
 * Actions of one call. agw_prose_out_init() once, then agw_prose_out_reset()
 * before each call and after use: the Relay Key Accept holds K_NR_ProSe.
 */
struct agw_prose_out {
	uint16_t n_dl;	/**< messages in @c dl */
	uint16_t n_res; /**< entries in @c res */
	uint8_t more;	/**< tick: expirations left for the next call (output full) */
	uint8_t stored; /**< store writes made: hold @c dl until the commit */
	struct agw_prose_dl dl[AGW_PROSE_OUT_MAX];
	struct agw_prose_result res[AGW_PROSE_OUT_MAX];
};

/** Zeroise all of @p out (first use; agw_prose_out_reset() afterwards). */
void agw_prose_out_init(struct agw_prose_out *out);

/** Empty @p out, zeroising the messages it holds (it must have been initialised). */
void agw_prose_out_reset(struct agw_prose_out *out);

/**
 * One uplink 5GMM message of the relay: Relay Key Request (TS 24.501
 * 8.2.34) or Relay Authentication Response (8.2.38), plain (the inner
 * message after the fast path verified it). Anything else, or a message
 * that does not decode, is counted (malformed_nas / unexpected_nas); a
 * Relay Key Request whose PRTI is readable but whose parameters are bad is
 * answered with a Relay Key Reject (spec/002 T19: no UDM/PAnF call).
 *
 * @return 0 (see @p out for what happened), -EINVAL (NULL), -ENOBUFS
 *   (@p out full).
 */
int agw_prose_relay_nas(struct agw_prose *p, const struct agw_prose_relay *relay,
			const uint8_t *nas, size_t len, struct agw_prose_out *out);

/**
 * A Relay Key Request already parsed: the AMF(relay) check, then
 * Nausf_UEAuthentication_ProseAuthenticate (spec/002 4.11).
 *
 * @return as agw_prose_relay_nas().
 */
int agw_prose_key_request(struct agw_prose *p, const struct agw_prose_relay *relay,
			  const struct agw_prose_key_req *rq, struct agw_prose_out *out);

/**
 * The EAP response of a Relay Authentication Response for (@p relay,
 * @p prti): verified (AT_MAC, AT_RES); on success CP-PRUK #2 is made and
 * registered and the Relay Key Accept (with EAP-Success) returned, else a
 * Relay Key Reject with EAP-Failure. An EAP packet that does not decode is
 * counted and dropped (the run continues until its timeout).
 *
 * @return as agw_prose_relay_nas().
 */
int agw_prose_auth_response(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
			    const uint8_t *eap, size_t eap_len, struct agw_prose_out *out);

/**
 * Advance the monotonic clock to @p now_ms: EAP runs past their timeout end
 * with a Relay Key Reject (verdict TIMEOUT); PC5 links past their lifetime
 * are dropped. Requests use the last time given here.
 *
 * @return 0; @c out->more is set when @p out filled up first.
 */
int agw_prose_tick(struct agw_prose *p, uint64_t now_ms, struct agw_prose_out *out);

/** The relay UE is gone: drop its EAP runs (no message) and its PC5 links. */
void agw_prose_relay_release(struct agw_prose *p, uint64_t relay);

/* ---------------------------------------------------------------------- */
/* Group commit                                                            */

/** The store commit that covered the last calls succeeded: forget their undo list. */
void agw_prose_store_committed(struct agw_prose *p);

/**
 * The store commit failed: every PAnF record written since the last
 * agw_prose_store_committed() is read back from the store (the last
 * committed state), and the PC5 links created since are dropped. The
 * caller drops the messages it held; the remote UE retries.
 */
void agw_prose_store_rollback(struct agw_prose *p);

/* ---------------------------------------------------------------------- */
/* PAnF (Npanf_ProseKey)                                                   */

/** Npanf_ProseKey_get outcome (spec/002 4.6). */
enum agw_prose_panf_status {
	AGW_PROSE_PANF_KEY = 0,	      /**< CP-PRUK (and SUPI); see @c authorised */
	AGW_PROSE_PANF_UPDATE = 1,    /**< SUPI only: the CP-PRUK must be renewed (method 700) */
	AGW_PROSE_PANF_FORBIDDEN = 2, /**< cause 403: not authorised, no key, no SUPI */
	AGW_PROSE_PANF_NOT_FOUND = 3, /**< unknown ID, or the ID with another RSC */
	AGW_PROSE_PANF_ERROR = 4,     /**< UDM or store failure (treated as a refusal) */
};

/** Npanf_ProseKey_get flags. */
#define AGW_PROSE_PANF_NO_AUTHZ 0x1  /**< do not check authorisation (SUPI wanted only) */
#define AGW_PROSE_PANF_NO_UPDATE 0x2 /**< do not apply the update policy */

/** Npanf_ProseKey_get answer. Holds the CP-PRUK: agw_prose_panf_rsp_clear(). */
struct agw_prose_panf_rsp {
	uint8_t status;	 /**< enum agw_prose_panf_status */
	uint8_t checker; /**< PANF_LOCAL / PANF_UDM when the PAnF checked (KEY: it authorised;
			  *   FORBIDDEN: it refused), else NONE */
	uint8_t update;	 /**< UPDATE: enum agw_prose_trigger (PANF_*) */
	char supi[AGW_PROSE_SUPI_MAX];	 /**< KEY, UPDATE */
	uint8_t pruk[AGW_PROSE_KEY_LEN]; /**< KEY */
};

/** Zeroise a PAnF answer. */
void agw_prose_panf_rsp_clear(struct agw_prose_panf_rsp *rsp);

/**
 * Npanf_ProseKey_get (retrieve): look the record up by CP-PRUK ID and RSC,
 * apply the update policy and the authorisation check of the configured
 * mode, in the configured order.
 *
 * @return 0 (@p rsp filled), -EINVAL.
 */
int agw_prose_panf_get(struct agw_prose *p, const char *id, uint32_t rsc, unsigned int flags,
		       struct agw_prose_panf_rsp *rsp);

/**
 * Npanf_ProseKey_register: store {SUPI, RSC, CP-PRUK, CP-PRUK ID} and
 * the authorisation information (@p authz_info as in struct agw_prose_av),
 * replacing the record the (SUPI, RSC) had: its ID stops working.
 *
 * @return 0, -EINVAL, -EEXIST (the ID belongs to another record), -ENOSPC
 *   (table full), -EIO (store).
 */
int agw_prose_panf_register(struct agw_prose *p, const char *supi, uint32_t rsc,
			    const uint8_t pruk[AGW_PROSE_KEY_LEN], const char *id,
			    uint8_t authz_info);

/**
 * Update indication from the AUSF or UDM ([0680]): the next get of @p id
 * answers UPDATE.
 *
 * @return 0, -ENOENT, -EINVAL, -EIO.
 */
int agw_prose_panf_update_indication(struct agw_prose *p, const char *id);

/**
 * The UDM instructs the PAnF to delete @p rsc for @p supi ([0683]): the
 * record keeps its key but its RSC is no longer stored, so the next get
 * answers UPDATE.
 *
 * @return 0, -ENOENT, -EINVAL, -EIO.
 */
int agw_prose_panf_rsc_remove(struct agw_prose *p, const char *supi, uint32_t rsc);

/**
 * Set the expiry time (Unix seconds, 0 = none) of a record ([0682]).
 *
 * @return 0, -ENOENT, -EINVAL, -EIO.
 */
int agw_prose_panf_set_expiry(struct agw_prose *p, const char *id, uint64_t expiry);

/**
 * New authorisation information for (SUPI, RSC) from the UDM (1 allowed,
 * 0 refused, 0xff none), used by the PAnF-local check.
 *
 * @return 0, -ENOENT, -EINVAL, -EIO.
 */
int agw_prose_panf_set_authz(struct agw_prose *p, const char *supi, uint32_t rsc,
			     uint8_t authz_info);

/** Number of PAnF records. */
unsigned int agw_prose_panf_count(const struct agw_prose *p);

/* ---------------------------------------------------------------------- */
/* PC5 batch path                                                          */

/**
 * PC5 integrity parameters (doc/prose.md 4; anchorgw's framing: a
 * protected PC5 signalling message is followed by its 4-octet MAC-I, NIA
 * COUNT = the message's sequence number octet, BEARER below, DIRECTION
 * below). The key is NRPIK = KDF(K_NRP-sess, 0x01, alg) (TS 33.536 A)
 * with K_NRP-sess = KDF(K_NR_ProSe, Nonce_1, Nonce_2).
 */
#define AGW_PROSE_PC5_BEARER 1
#define AGW_PROSE_PC5_DIR_TO_RELAY 0  /**< remote UE -> relay (DSM Complete) */
#define AGW_PROSE_PC5_DIR_TO_REMOTE 1 /**< relay -> remote UE (DSM Command) */

/** Outcome of one PC5 check. X(id, name). */
#define AGW_PROSE_PC5_STATUSES(X)                                                                  \
	X(OK, "pc5_ok")		      /* MAC-I verified */                                         \
	X(BAD_MAC, "pc5_bad_mac")     /* MAC-I does not verify */                                  \
	X(REPLAY, "pc5_replay")	      /* sequence number not above the last verified */            \
	X(NO_LINK, "pc5_no_link")     /* unknown or expired link */                                \
	X(MALFORMED, "pc5_malformed") /* too short, not a DSM Command/Complete, bad algorithm */   \
	X(NO_ALG, "pc5_no_algorithm") /* DSM Complete before a verified DSM Command */             \
	X(ENGINE, "pc5_engine_error") /* crypto engine failure */

#define AGW_PROSE_PC5_ENUM_(id, name) AGW_PROSE_PC5_##id,
/** PC5 statuses. */
enum agw_prose_pc5_status { AGW_PROSE_PC5_STATUSES(AGW_PROSE_PC5_ENUM_) AGW_PROSE_PC5_MAX };
#undef AGW_PROSE_PC5_ENUM_

/** One PC5 message to check. */
struct agw_prose_pc5_op {
	uint64_t link;	 /**< link id (struct agw_prose_result::link) */
	uint8_t *msg;	 /**< PC5 message || MAC-I; AGW_NIA2_PREFIX_LEN writable octets before it
			  *   and AGW_NAS_SEC_TAILROOM readable octets after (agw_nia_burst()) */
	uint16_t len;	 /**< octets, MAC-I included */
	uint8_t dir;	 /**< AGW_PROSE_PC5_DIR_* */
	uint8_t status;	 /**< out: enum agw_prose_pc5_status */
	void *user_data; /**< untouched */
};

/**
 * Integrity-check a burst of PC5 Direct Security Mode Command / Complete
 * messages with their links' NRPIK, through one agw_nia_burst() call.
 * The algorithm is the one the DSM Command selected (its first IE); a
 * Complete uses the algorithm of the link's verified Command. A verified
 * message moves its direction's sequence number.
 *
 * @param[in] eng  the calling lcore's engine.
 * @return the number of messages with status OK. Each status is counted.
 * @note Reads the link table and writes each link's sequence state: call
 *   from one lcore at a time (the control lcore in this version; a worker
 *   needs the table published to it, see doc/prose.md 7).
 */
uint16_t agw_prose_pc5_verify_burst(struct agw_prose *p, struct agw_nas_sec_engine *eng,
				    struct agw_prose_pc5_op *ops, uint16_t n);

/** Drop a PC5 link (link released). @return 0 or -ENOENT. */
int agw_prose_pc5_link_release(struct agw_prose *p, uint64_t link);

/* ---------------------------------------------------------------------- */
/* Counters                                                                */

/** Other counters: X(enum suffix, name). */
#define AGW_PROSE_STATS(X)                                                                         \
	X(KEY_REQUESTS, "relay_key_requests")	      /* Relay Key Requests taken */               \
	X(AUTH_RESPONSES, "relay_auth_responses")     /* Relay Authentication Responses taken */   \
	X(MALFORMED_NAS, "malformed_nas")	      /* relay NAS that does not decode */         \
	X(UNEXPECTED_NAS, "unexpected_nas")	      /* other 5GMM types */                       \
	X(MALFORMED_EAP, "malformed_eap")	      /* EAP response that does not decode */      \
	X(EAP_UNKNOWN_TXN, "eap_unknown_transaction") /* response for no EAP run */                \
	X(EAP_MAC_FAILURE, "eap_mac_failure")	      /* AT_MAC wrong */                           \
	X(EAP_RES_MISMATCH, "eap_res_mismatch")	      /* AT_RES differs from XRES */               \
	X(EAP_UE_REJECT, "eap_ue_reject")	      /* AKA'-Authentication-Reject / sync fail */ \
	X(REUSED, "pruk_reused")		      /* K_NR_ProSe from a stored CP-PRUK */       \
	X(CREATED, "pruk_created")		      /* CP-PRUK for a (SUPI, RSC) without one */  \
	X(REPLACED, "pruk_replaced")		      /* CP-PRUK #1 replaced by #2 */              \
	X(AUTHZ_PANF_LOCAL, "authz_panf_local")	      /* checks by stored information */           \
	X(AUTHZ_PANF_UDM, "authz_panf_udm")	      /* checks the PAnF asked the UDM */          \
	X(AUTHZ_AUSF_UDM, "authz_ausf_udm")	      /* checks the AUSF asked the UDM */          \
	X(AUTHZ_AV, "authz_udm_av")		      /* checks in AV retrieval */                 \
	X(AUTHZ_DENIED, "authz_denied")		      /* any of them refused */                    \
	X(RSC_MISMATCH, "rsc_mismatch")		      /* known ID asked with another RSC */        \
	X(STORE_ERRORS, "store_errors")		      /* store writes that failed */               \
	X(RESTORED, "restored")			      /* records restored at start */              \
	X(RESTORE_DROPPED, "restore_dropped")	      /* stored records not restored */            \
	X(ROLLBACKS, "rollbacks")		      /* agw_prose_store_rollback() calls */       \
	X(LINKS, "pc5_links")			      /* PC5 links created */                      \
	X(LINKS_EXPIRED, "pc5_links_expired")	      /* PC5 links dropped by age */

#define AGW_PROSE_STAT_ENUM_(id, name) AGW_PROSE_STAT_##id,
/** Counter indices. */
enum agw_prose_stat { AGW_PROSE_STATS(AGW_PROSE_STAT_ENUM_) AGW_PROSE_STAT_MAX };
#undef AGW_PROSE_STAT_ENUM_

/** Every counter of an instance. */
struct agw_prose_counters {
	uint64_t verdict[AGW_PROSE_V_MAX];    /**< per verdict */
	uint64_t trigger[AGW_PROSE_TRIG_MAX]; /**< new CP-PRUKs per trigger (NONE: reuses) */
	uint64_t pc5[AGW_PROSE_PC5_MAX];      /**< PC5 checks per status */
	uint64_t stat[AGW_PROSE_STAT_MAX];    /**< the rest */
};

/** Copy the counters. */
void agw_prose_counters(const struct agw_prose *p, struct agw_prose_counters *c);

/** Counter names (NULL when out of range). */
const char *agw_prose_verdict_name(unsigned int v);
const char *agw_prose_trigger_name(unsigned int t);
const char *agw_prose_pc5_status_name(unsigned int s);
const char *agw_prose_stat_name(unsigned int s);

#ifdef __cplusplus
}
#endif

#endif /* AGW_PROSE_H */
