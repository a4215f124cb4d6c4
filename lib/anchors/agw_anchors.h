/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_ANCHORS_H
#define AGW_ANCHORS_H

/**
 * @file
 * SEAF/AUSF/UDM security core of 5GS registration, as an event-driven state
 * machine with no DPDK dependency: the control lcore (or a test) feeds it
 * uplink NAS messages and clock ticks; it returns actions in a struct
 * agw_anchors_out (downlink NAS messages, fast-path contexts to install or
 * delete, events for counters).
 *
 * Procedures (TS 24.501 5.4, 5.5.1; TS 33.501 6.1.3.2, 6.1.3.3, 6.7.2):
 *  - Registration request with a SUCI (null scheme or ECIES, through
 *    lib/sidf) or a 5G-GUTI (unknown GUTI: Identity request for the SUCI,
 *    TS 24.501 5.4.3);
 *  - UDM/ARPF: subscriber lookup in lib/store, SQN from durable blocks
 *    (agw_store_sqn_reserve()), 5G HE AV (TS 33.501 6.1.3.2 step 1);
 *  - AUSF: 5G SE AV (HXRES*, K_SEAF; steps 3-5), RES* check (step 11);
 *  - SEAF: Authentication request (RAND, AUTN, ngKSI, ABBA 0x0000), HRES*
 *    check (step 9), K_AMF (A.7), resynchronisation on synch failure
 *    (6.1.3.3.2), Authentication reject;
 *  - AMF: Security mode command (algorithms = configured priority
 *    intersected with the UE security capability and the subscriber's
 *    allowed set, never NIA0), Security mode complete verified with the new
 *    context, context install, Registration accept with a new 5G-GUTI,
 *    Registration complete; UE-originating deregistration;
 *  - seed 000 (spec 000, MM domain): the subscriber's MM security service
 *    identifier intersected with the UE's and this AMF's capability; after
 *    the SMC the UE's context goes to the fast path and the procedures run
 *    in the identifier's (ORDERED) or the configured order: DH exchange
 *    over X25519 (K_DH) and device authentication (IMEI check digit),
 *    network-initiated ones started here, UE-initiated ones announced in a
 *    Security service command (one by one or together); the Registration
 *    accept follows when all ended. Private NAS: doc/nas-private-ies.md.
 *  - AKMA (seed 001, TS 33.535 6.1), when the configuration gives a
 *    struct agw_akma: the AUSF keeps K_AUSF until the RES* check and then
 *    reports the outcome to lib/akma (agw_akma_ausf_auth_result(): AKMA
 *    indication and routing indicator from the subscriber, success = RES*
 *    verified); an identifier allocated there travels in the private IE
 *    0x7F of the Registration accept, which is always integrity protected
 *    and ciphered. A failed authentication or a subscriber without AKMA
 *    gets none; a new authentication replaces the earlier identifier.
 *
 * Every network procedure that waits for the UE runs a guard timer
 * (T3560-like: 6 s, 4 retransmissions, then abort). Time is given by
 * agw_anchors_tick(); agw_anchors_ul_nas() uses the last value it was given.
 *
 * Keys (K_AUSF, K_SEAF, K_AMF, NAS keys) live only in the UE entries and
 * in struct agw_ctx_install outputs; they are zeroised when an entry is
 * freed and by agw_anchors_out_reset(). Nothing here logs.
 *
 * @note Not thread-safe: one instance per control lcore.
 *
 * Return convention: 0 or -errno.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_ctx.h"
#include "agw_sidf.h"

#ifdef __cplusplus
extern "C" {
#endif

struct agw_store;

/**
 * Largest downlink NAS message the anchors build, octets: a Registration
 * accept with the longest AKMA identifier (IE 0x7F, a 253-octet NAI, TLV-E)
 * and its security header fits.
 */
#define AGW_ANCHORS_DL_NAS_MAX 320
/** Largest uplink NAS message accepted, octets (longer ones are dropped). */
#define AGW_ANCHORS_UL_NAS_MAX 4096
/** Capacities of struct agw_anchors_out. */
#define AGW_ANCHORS_OUT_DL 32
#define AGW_ANCHORS_OUT_INSTALL 4
#define AGW_ANCHORS_OUT_DELETE 32
#define AGW_ANCHORS_OUT_EV 64
/** NAS connection identifier of 3GPP access, used as BEARER (TS 33.501 6.4.3.1). */
#define AGW_ANCHORS_BEARER_3GPP 1

/** 5GMM causes the anchors send (TS 24.501 9.11.3.2). */
enum agw_anchors_cause {
	AGW_ANCHORS_CAUSE_ILLEGAL_UE = 3,	   /**< unknown SUPI, SIDF failure (Annex A.2) */
	AGW_ANCHORS_CAUSE_PEI_NOT_ACCEPTED = 5,	   /**< seed 000 device authentication failed */
	AGW_ANCHORS_CAUSE_MAC_FAILURE = 20,	   /**< from the UE */
	AGW_ANCHORS_CAUSE_SYNCH_FAILURE = 21,	   /**< from the UE */
	AGW_ANCHORS_CAUSE_SEC_CAP_MISMATCH = 23,   /**< no common NAS algorithm; a mandatory
						    *   security service the UE or AMF cannot run */
	AGW_ANCHORS_CAUSE_SEC_MODE_REJECTED = 24,  /**< UE sent Security mode reject */
	AGW_ANCHORS_CAUSE_INVALID_MANDATORY = 96,  /**< UE security capability missing */
	AGW_ANCHORS_CAUSE_PROTOCOL_ERROR = 111,	   /**< protocol error, unspecified (e.g. an
						    *   invalid DH public key) */
};

/**
 * Events (one counter each). X(id, name).
 */
#define AGW_ANCHORS_EVENTS(X)                                                                      \
	X(REG_REQUEST, "registration_request")                                                    \
	X(SUCI_NULL, "suci_null_scheme")                                                          \
	X(SUCI_ECIES, "suci_ecies")                                                               \
	X(SIDF_FAILURE, "sidf_failure")                                                           \
	X(GUTI_KNOWN, "guti_known")                                                               \
	X(GUTI_UNKNOWN, "guti_unknown")                                                           \
	X(IDENTITY_REQUEST, "identity_request")                                                   \
	X(UNKNOWN_SUBSCRIBER, "unknown_subscriber")                                               \
	X(STORE_ERROR, "store_error")                                                             \
	X(AUTH_REQUEST, "authentication_request")                                                 \
	X(AUTH_SUCCESS, "authentication_success")                                                 \
	X(AUTH_HRES_MISMATCH, "auth_hres_mismatch")                                               \
	X(AUTH_RES_MISMATCH, "auth_res_mismatch")                                                 \
	X(AUTH_SYNCH_FAILURE, "auth_synch_failure")                                               \
	X(AUTH_RESYNC, "auth_resync")                                                             \
	X(AUTH_AUTS_INVALID, "auth_auts_invalid")                                                 \
	X(AUTH_MAC_FAILURE, "auth_mac_failure")                                                   \
	X(AUTH_OTHER_FAILURE, "auth_other_failure")                                               \
	X(AUTH_REJECT, "authentication_reject")                                                   \
	X(SMC_SENT, "security_mode_command")                                                      \
	X(SMC_NO_ALG, "smc_no_common_algorithm")                                                  \
	X(SMC_COMPLETE, "security_mode_complete")                                                 \
	X(SMC_COMPLETE_BAD_MAC, "smc_complete_integrity_failure")                                 \
	X(SMC_REJECT, "security_mode_reject")                                                     \
	X(SSI_MANDATORY_UNSUPPORTED, "ssi_mandatory_unsupported")                                 \
	X(SSP_COMMAND, "ssp_command")                                                             \
	X(SSP_DH_NETWORK_KEY, "ssp_dh_network_key")                                               \
	X(SSP_DH_COMPLETE, "ssp_dh_complete")                                                     \
	X(SSP_DH_INVALID_KEY, "ssp_dh_invalid_key")                                               \
	X(SSP_IDENTITY_REQUEST, "ssp_devauth_identity_request")                                   \
	X(SSP_DEVAUTH_ACCEPTED, "ssp_devauth_accepted")                                           \
	X(SSP_DEVAUTH_REJECTED, "ssp_devauth_rejected")                                           \
	X(SSP_UE_UNSUPPORTED, "ssp_ue_unsupported")                                               \
	X(SSP_OPTIONAL_DROPPED, "ssp_optional_dropped")                                           \
	X(SSP_UNEXPECTED, "ssp_unexpected_message")                                               \
	X(SSP_COMPLETE, "ssp_complete")                                                           \
	X(CTX_INSTALL, "context_install")                                                         \
	X(CTX_DELETE, "context_delete")                                                           \
	X(REG_ACCEPT, "registration_accept")                                                      \
	X(REG_COMPLETE, "registration_complete")                                                  \
	X(REG_REJECT, "registration_reject")                                                      \
	X(DEREG, "deregistration")                                                                \
	X(DEREG_UNVERIFIED, "dereg_unverified_ignored")                                           \
	X(RETRANSMIT, "guard_retransmission")                                                     \
	X(GUARD_ABORT, "guard_abort")                                                             \
	X(UL_INTEGRITY_FAILURE, "ul_integrity_failure")                                           \
	X(UL_DROPPED, "ul_dropped")                                                               \
	X(UE_TABLE_FULL, "ue_table_full")                                                         \
	X(OUT_FULL, "output_full")                                                                \
	X(AKMA_ALLOCATED, "akma_id_allocated")                                                    \
	X(AKMA_SENT, "akma_id_sent")                                                              \
	X(AKMA_ERROR, "akma_error")

/** Event ids: AGW_ANCHORS_EV_REG_REQUEST, ... */
enum agw_anchors_ev {
#define AGW_ANCHORS_EV_(id, s) AGW_ANCHORS_EV_##id,
	AGW_ANCHORS_EVENTS(AGW_ANCHORS_EV_)
#undef AGW_ANCHORS_EV_
		AGW_ANCHORS_EV_MAX
};

/** Name of an event, or NULL. */
const char *agw_anchors_ev_name(unsigned int ev);

/** Configuration of agw_anchors_create(). */
struct agw_anchors_conf {
	struct agw_store *store;	   /**< subscribers and SQN (required) */
	struct agw_hnkeys *hnkeys;	   /**< SIDF home network keys; NULL: null scheme only */
	struct agw_sidf_policy sidf_policy; /**< e.g. allow_null_scheme */
	char mcc[4];			   /**< serving PLMN MCC (3 digits) */
	char mnc[4];			   /**< serving PLMN MNC (2-3 digits) */
	uint8_t nia_pref[8];		   /**< integrity algorithms, most preferred first */
	uint8_t n_nia;			   /**< entries (0: NIA2, NIA1, NIA3) */
	uint8_t nea_pref[8];		   /**< ciphering algorithms, most preferred first */
	uint8_t n_nea;			   /**< entries (0: NEA2, NEA1, NEA3, NEA0) */
	uint32_t guard_ms;		   /**< guard timer (T3560/T3550/T3570); 0: 6000 */
	int guard_max_retx;		   /**< retransmissions before abort; <0: 4 */
	uint32_t sqn_block;		   /**< SEQ values per store reservation; 0: 32 */
	uint32_t max_ues;		   /**< UE entries (required, >= 1) */
	uint8_t amf_region;		   /**< 5G-GUTI AMF Region ID */
	uint16_t amf_set;		   /**< 5G-GUTI AMF Set ID (10 bits) */
	uint8_t amf_ptr;		   /**< 5G-GUTI AMF Pointer (6 bits) */
	uint8_t t3512;			   /**< T3512 as GPRS timer 3 octet; 0: 0x06 (60 min) */
	uint8_t imeisv_request;		   /**< ask IMEISV in the SMC */
	/**
	 * Seed 000: MM security service procedures this AMF runs, bit
	 * (code - 1) (bit 0 DH exchange, bit 1 device authentication);
	 * 0: both; AGW_ANCHORS_MM_CAP_NONE: none (a mandatory entry then
	 * always rejects with #23).
	 */
	uint8_t mm_ssp_cap;
	/**
	 * Seed 000: run order of the MM procedures (codes, enum
	 * agw_store_ssp) when the identifier is not ORDERED (spec 000 §5.4
	 * "pre-stored order"); 0 entries: DH exchange, then device
	 * authentication.
	 */
	uint8_t ssp_order[2];
	uint8_t n_ssp_order; /**< entries in @c ssp_order */
	/**
	 * AKMA anchor (lib/akma) that allocates the identifiers, or NULL (AKMA
	 * off). Used from the same thread as the anchors; its store writes go
	 * into the transaction the caller has open (group commit), like the
	 * SQN reservations. Not owned: freed by the caller after the anchors.
	 */
	struct agw_akma *akma;
};

/** agw_anchors_conf.mm_ssp_cap: this AMF runs no MM security service procedure. */
#define AGW_ANCHORS_MM_CAP_NONE 0x80

/**
 * UE reference: the N2 key of the UE-associated signalling, the same key
 * the fast path's context table uses.
 */
typedef struct agw_ctx_ue_key agw_anchors_ue_ref;

/** A downlink NAS message to send to a UE. */
struct agw_anchors_dl {
	agw_anchors_ue_ref ue;		    /**< destination */
	uint8_t msg_type;		    /**< 5GMM message type (inner) */
	uint8_t sht;			    /**< security header type used */
	/**
	 * 1: @c nas is a placeholder security header (MAC and SQN zero) and
	 * the plain message: the UE's context is in the fast path, whose
	 * downlink path must protect it with the context's DL NAS COUNT.
	 */
	uint8_t fastpath;
	uint16_t len;			    /**< octets at @c nas */
	uint8_t nas[AGW_ANCHORS_DL_NAS_MAX]; /**< the NAS PDU, protected as needed */
};

/** One event for counters / tracing (no secret in it). */
struct agw_anchors_event {
	agw_anchors_ue_ref ue; /**< UE concerned */
	uint16_t ev;	       /**< enum agw_anchors_ev */
	uint16_t cause;	       /**< 5GMM cause sent or received, 0 if none */
};

/**
 * Actions of one call. Reset it with agw_anchors_out_reset() before each
 * call (and after use: @c install holds NAS keys).
 */
struct agw_anchors_out {
	uint16_t n_dl, n_install, n_delete, n_ev;
	uint8_t more; /**< tick: expirations left for the next call (output full) */
	struct agw_anchors_dl dl[AGW_ANCHORS_OUT_DL];
	struct agw_ctx_install install[AGW_ANCHORS_OUT_INSTALL]; /**< secrets */
	agw_anchors_ue_ref del[AGW_ANCHORS_OUT_DELETE];
	struct agw_anchors_event ev[AGW_ANCHORS_OUT_EV];
};

/** Opaque anchors instance. */
struct agw_anchors;

/**
 * Create an instance.
 *
 * @return the instance, or NULL with errno set: EINVAL (bad configuration),
 *   ENOMEM, ENOTSUP (no NAS security engine).
 */
struct agw_anchors *agw_anchors_create(const struct agw_anchors_conf *conf);

/** Free an instance, zeroising every key it holds. NULL is accepted. */
void agw_anchors_free(struct agw_anchors *a);

/** Empty @p out (zeroising the installs' keys). */
void agw_anchors_out_reset(struct agw_anchors_out *out);

/**
 * Process one uplink NAS message.
 *
 * @param[in] ue            UE reference.
 * @param[in] nas           the NAS PDU. Plain messages as received. A
 *                          protected message either verified and deciphered
 *                          by the fast path (@p integrity_ok 1; the inner
 *                          message in plaintext, with or without its
 *                          security header), or as received (@p
 *                          integrity_ok 0): the anchors then verify (and
 *                          decipher) it with the UE's current or new
 *                          context themselves (e.g. Security mode complete,
 *                          before the fast path has the context).
 * @param[in] len           octets at @p nas.
 * @param[in] integrity_ok  1: the fast path verified the MAC.
 * @param[in] ul_count      with @p integrity_ok 1: the message's UL NAS COUNT.
 * @param[out] out          actions (appended; reset it first).
 * @return 0 (also when the message was dropped: see the events), -EINVAL,
 *   -ENOBUFS (@p out full).
 */
int agw_anchors_ul_nas(struct agw_anchors *a, const agw_anchors_ue_ref *ue, const uint8_t *nas,
		       size_t len, int integrity_ok, uint32_t ul_count,
		       struct agw_anchors_out *out);

/**
 * Advance time to @p now_ms (monotonic) and run the guard timers that
 * expired: retransmission (a protected message gets a new DL NAS COUNT),
 * or, after the last retransmission, abort (TS 24.501 5.4.1.3.7 c,
 * 5.4.2.7 b, 5.5.1.2.8 c): the UE entry is released (and its fast-path
 * context deleted if it had one).
 *
 * @return 0; @c out->more is set when the output filled up first.
 */
int agw_anchors_tick(struct agw_anchors *a, uint64_t now_ms, struct agw_anchors_out *out);

/**
 * Release a UE (e.g. the NGAP UE context was released): zeroise its keys;
 * a fast-path context, if installed, is listed in @p out->del.
 *
 * @return 0 or -ENOENT.
 */
int agw_anchors_ue_release(struct agw_anchors *a, const agw_anchors_ue_ref *ue,
			   struct agw_anchors_out *out);

/**
 * Group commit support. The caller may wrap a series of calls in one store
 * transaction (agw_store_txn_begin() ... agw_store_txn_commit()) and hold
 * their downlink messages until the commit returned 0: the SQN blocks the
 * UDM reserved are then on disk before any vector leaves (TS 33.102 C.3.2).
 * When the commit fails, call this: the SQN blocks reserved in memory are
 * forgotten (the next vectors reserve anew) and every registration waiting
 * for an Authentication response is ended (its vector may not be on disk;
 * the held Authentication request must be dropped too; the UE retries).
 * With AKMA, every registration waiting for the Security mode complete
 * whose authentication allocated an identifier is ended as well and the
 * identifier dropped (its record may not be on disk; its SMC was held).
 * Each ended UE gets a STORE_ERROR event.
 */
void agw_anchors_store_rollback(struct agw_anchors *a, struct agw_anchors_out *out);

/** Read the event counters (AGW_ANCHORS_EV_MAX values). */
void agw_anchors_stats(const struct agw_anchors *a, uint64_t out[AGW_ANCHORS_EV_MAX]);

/** Number of UE entries in use. */
uint32_t agw_anchors_ue_count(const struct agw_anchors *a);

/** Registration state of a UE, for tests and telemetry. */
enum agw_anchors_state {
	AGW_ANCHORS_ST_NONE = 0,       /**< no entry */
	AGW_ANCHORS_ST_WAIT_IDENTITY,  /**< Identity request sent (T3570) */
	AGW_ANCHORS_ST_WAIT_AUTH,      /**< Authentication request sent (T3560) */
	AGW_ANCHORS_ST_WAIT_SMC,       /**< Security mode command sent (T3560) */
	AGW_ANCHORS_ST_WAIT_REG_COMPLETE, /**< Registration accept sent (T3550) */
	AGW_ANCHORS_ST_REGISTERED,     /**< 5GMM-REGISTERED */
	/**
	 * Seed 000 security service procedures running (after the SMC, the
	 * context in the fast path; guarded like T3560).
	 */
	AGW_ANCHORS_ST_WAIT_SSP,
	/**
	 * Rejected after the context went to the fast path: the entry and
	 * the context stay one guard period, so that the worker can still
	 * protect the Registration reject with the context's DL COUNT; then
	 * both are deleted (agw_anchors_tick()).
	 */
	AGW_ANCHORS_ST_RELEASING,
};

/** State of a UE (AGW_ANCHORS_ST_NONE when unknown). */
enum agw_anchors_state agw_anchors_ue_state(const struct agw_anchors *a,
					    const agw_anchors_ue_ref *ue);

/**
 * Copy the K_DH a seed 000 DH exchange established with a UE (e.g. for a
 * function that uses it, or a test comparing it with the UE's).
 *
 * @param[out] kdh  32 octets; a secret: zeroise after use.
 * @return 0, -EINVAL, -ENOENT (no entry), -ENODATA (no DH exchange ended).
 */
int agw_anchors_ue_kdh(const struct agw_anchors *a, const agw_anchors_ue_ref *ue,
		       uint8_t kdh[32]);

#ifdef __cplusplus
}
#endif

#endif /* AGW_ANCHORS_H */
