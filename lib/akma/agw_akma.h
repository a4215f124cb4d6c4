/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_AKMA_H
#define AGW_AKMA_H

/**
 * @file
 * AKMA anchor logic of seed 001 (US 2025/0267456 A1, spec/001) and
 * TS 33.535, independent of any transport: the AUSF side that allocates the
 * AKMA identifier when primary authentication succeeds, and one or more AAnF
 * instances that answer K_AF requests (Naanf_AKMA_ApplicationKey_Get), pull
 * K_AKMA from the AUSF on demand, hand requests over to another AAnF, and
 * accept pushed anchor keys (Naanf_AKMA_AnchorKey_Register).
 *
 * Identifier (spec/001 3.3, PROPOSAL P-ID; doc/nas-private-ies.md 2.3):
 *
 *     [af<AF>.][aanf<AANF>.]rid<RID>.tid<TID-hex>@[akma.]5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org
 *
 * It plays the role of the TS A-KID. <TID> is either a 128-bit random value
 * (the patent's network-allocated "tid", [0113][0116]) or the TS 33.535 A.3
 * A-TID (FC 0x81, 256 bits). Every table is keyed by the binary TID, so the
 * AAnF label may change on relocation ([0196]) and both forms keep resolving
 * to the same context (spec/001 F11).
 *
 * Variants (configuration, struct agw_akma_conf):
 *  - allocator AUSF (FIG. 3) or AAnF on the AUSF's request (FIG. 4);
 *  - AAnF and/or AF address labels in the identifier, chosen from the
 *    slice/DNN/SSC auxiliary information by a first-match rule table
 *    ([0115][0162]);
 *  - K_AKMA pulled by the AAnF from the AUSF when it needs it (FIG. 6) or
 *    pushed to the selected AAnF at allocation (claims 5/16, TS 33.535 6.1);
 *  - relocation: an AAnF that does not serve the AF names another instance
 *    that does; when the AF's redirected request makes that one pull K_AKMA,
 *    the AUSF rewrites the AAnF label of the identifier (FIG. 7, [0196],
 *    [0203]).
 *
 * Keys: K_AUSF stays in the AUSF entries, K_AKMA in the AAnF contexts (never
 * K_AUSF at an AAnF, spec/001 A19); both are zeroised when an entry is
 * replaced or freed, and never logged (this library does not log at all).
 * No key is ever compared, so no comparison needs to be constant-time.
 *
 * Persistence (lib/store, AKMA table): AUSF entries are stored under their
 * current identifier with K_AUSF; AAnF contexts that came by allocation or
 * push are stored under "aanf/<id>/<identifier>" with K_AKMA. Contexts an
 * AAnF pulled are not stored: after a restart the AAnF pulls them again from
 * the restored AUSF entry. agw_akma_create() restores everything.
 *
 * @note Not thread-safe: one instance, used from one thread (the control
 *   lcore), which is also the thread that uses the store.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_nas5g.h"

#ifdef __cplusplus
extern "C" {
#endif

struct agw_store;

/** Longest identifier (RFC 7542 2.2; AGW_NAS5G_AKMA_NAI_MAX). */
#define AGW_AKMA_NAI_MAX 253
/** Longest label value (AAnF id, AF label): 31 characters [a-z0-9-]. */
#define AGW_AKMA_LABEL_MAX 31
/** Length of a random (patent) TID, octets. */
#define AGW_AKMA_TID_RANDOM_LEN 16
/** Longest TID (TS 33.535 A.3 A-TID), octets. */
#define AGW_AKMA_TID_MAX 32
/** Most AAnF instances in one process. */
#define AGW_AKMA_AANF_MAX 32
/** Most configured AFs. */
#define AGW_AKMA_AF_MAX 64
/** Longest SUPI in SBI form ("imsi-..." / "nai-..."), with its NUL. */
#define AGW_AKMA_SUPI_MAX 64
/** Longest AF_ID (FQDN of at most 253 octets + 5-octet Ua* id). */
#define AGW_AKMA_AF_ID_MAX (253 + 5)

/** Who allocates the identifier. */
enum agw_akma_allocator {
	AGW_AKMA_ALLOC_AUSF = 0, /**< the AUSF itself (FIG. 3, [0129]) */
	AGW_AKMA_ALLOC_AANF = 1, /**< the selected AAnF, on the AUSF's request (FIG. 4) */
};

/** Where the TID comes from. */
enum agw_akma_tid_source {
	AGW_AKMA_TID_RANDOM = 0, /**< 128 random bits (spec/001 Q6; [0116] option a) */
	AGW_AKMA_TID_KDF = 1,	 /**< TS 33.535 A.3 A-TID, FC 0x81 (AUSF allocator only) */
};

/** How K_AKMA reaches the AAnF. */
enum agw_akma_delivery {
	AGW_AKMA_PULL = 0, /**< the AAnF asks the AUSF when it needs it (FIG. 6) */
	AGW_AKMA_PUSH = 1, /**< the AUSF registers it at the selected AAnF (C5/C16) */
};

/** Address labels to put in the identifier (struct agw_akma_conf::addr_fields). */
#define AGW_AKMA_ADDR_AANF 0x1 /**< "aanf<id>." ([0010][0114]) */
#define AGW_AKMA_ADDR_AF 0x2   /**< "af<label>." ([0010][0115]) */

/** One S-NSSAI of the auxiliary information. */
struct agw_akma_snssai {
	uint8_t sst; /**< slice/service type */
	uint32_t sd; /**< slice differentiator (24 bits); AGW_AKMA_SD_NONE if absent */
};

/** "No SD" value (TS 23.003 28.4.2: 0xFFFFFF means no SD). */
#define AGW_AKMA_SD_NONE 0xffffffu

/**
 * Auxiliary information of [0105] (aux-1, from the subscription) used to
 * choose the AAnF and AF addresses ([0115]). All members optional.
 */
struct agw_akma_aux {
	const struct agw_akma_snssai *snssai; /**< S-NSSAIs (any may match) */
	unsigned int n_snssai;		      /**< entries at @c snssai */
	const char *dnn;		      /**< DNN, or NULL */
	uint8_t ssc_mode;		      /**< 1..3, 0 = absent */
};

/** What a selection rule matches on (bits of struct agw_akma_rule::match). */
#define AGW_AKMA_MATCH_SST 0x1 /**< @c sst equals one S-NSSAI's SST */
#define AGW_AKMA_MATCH_SD 0x2  /**< and its SD equals @c sd (needs SST) */
#define AGW_AKMA_MATCH_DNN 0x4 /**< @c dnn equals the DNN (case-insensitive) */
#define AGW_AKMA_MATCH_SSC 0x8 /**< @c ssc_mode equals the SSC mode */

/**
 * Address selection rule (spec/001 Q16): the first rule whose every
 * condition holds gives the AAnF and/or the AF label; no match gives the
 * default AAnF and no AF label. match = 0 matches everything.
 */
struct agw_akma_rule {
	uint8_t match;	  /**< AGW_AKMA_MATCH_* */
	uint8_t sst;	  /**< with AGW_AKMA_MATCH_SST */
	uint32_t sd;	  /**< with AGW_AKMA_MATCH_SD */
	const char *dnn;  /**< with AGW_AKMA_MATCH_DNN */
	uint8_t ssc_mode; /**< with AGW_AKMA_MATCH_SSC, 1..3 */
	const char *aanf; /**< id of a configured AAnF, or NULL (default AAnF) */
	const char *af;	  /**< label of a configured AF, or NULL (no AF label) */
};

/**
 * An AKMA application function known to the operator. Only configured AFs
 * are authorised (spec/001 F16). The K_AF derivation uses AF_ID = FQDN ||
 * Ua* security protocol identifier (TS 33.535 A.4); the Naanf afId string
 * (TS 29.522 AfId, a free string) is matched against @c af_id.
 */
struct agw_akma_af_conf {
	const char *label;   /**< label in identifiers, [a-z0-9-]{1,31}, not "0" */
	const char *af_id;   /**< afId presented in requests (1..253 printable) */
	const char *fqdn;    /**< FQDN of the AF (TS 33.535 A.4) */
	uint8_t ua_proto[5]; /**< Ua* security protocol identifier (TS 33.220 H) */
	uint8_t expose_supi; /**< give the SUPI with K_AF (spec/001 Q17; Rel-17: yes) */
};

/** One AAnF instance. */
struct agw_akma_aanf_conf {
	const char *id;	 /**< label value, [a-z0-9-]{1,31}, not "0" */
	const char *uri; /**< its apiRoot, e.g. "http://127.0.0.1:18081" (relocations) */
	/** labels of the AFs it serves; NULL / 0 = every configured AF ([0169]) */
	const char *const *served;
	unsigned int n_served;
};

/** Configuration. Strings are copied; the caller may free them afterwards. */
struct agw_akma_conf {
	char mcc[4];			     /**< home network MCC, 3 digits */
	char mnc[4];			     /**< MNC, 2 or 3 digits */
	enum agw_akma_allocator allocator;   /**< FIG. 3 or FIG. 4 */
	enum agw_akma_tid_source tid_source; /**< random or TS A-TID */
	enum agw_akma_delivery delivery;     /**< pull or push */
	uint32_t addr_fields;		     /**< AGW_AKMA_ADDR_* */
	uint8_t akma_label;		     /**< "akma." realm label ([0120]) */
	uint8_t rewrite_on_relocation;	     /**< AUSF rewrites the AAnF label ([0196]) */
	uint32_t ident_lifetime_s; /**< identifier lifetime; 0 = until re-authentication */
	uint32_t kaf_lifetime_s;   /**< K_AF lifetime, 1..2^31 (TS: expiry required) */
	const char *default_aanf;  /**< AAnF id; NULL = the first instance */
	const struct agw_akma_aanf_conf *aanf; /**< 1..AGW_AKMA_AANF_MAX instances */
	unsigned int n_aanf;
	const struct agw_akma_af_conf *af; /**< authorised AFs */
	unsigned int n_af;
	const struct agw_akma_rule *rules; /**< address selection, first match */
	unsigned int n_rules;
	uint32_t capacity;	 /**< expected identifiers (tables sized for it); 0 = 1024 */
	struct agw_store *store; /**< persistence, or NULL (memory only) */
	/** Clock in Unix seconds (tests); NULL = time(). */
	uint64_t (*now)(void *arg);
	void *now_arg;
	/** If not NULL: receives a one-line reason when agw_akma_create() fails. */
	char *err;
	size_t err_len;
};

/** Opaque AKMA anchor (one AUSF side and its AAnF instances). */
struct agw_akma;
/** Opaque AAnF instance, owned by its struct agw_akma. */
struct agw_akma_aanf;

/**
 * Fill @p conf with defaults: AUSF allocator, random TID, pull, no address
 * labels, no "akma." label, rewrite on relocation, identifier lifetime 0,
 * K_AF lifetime 3600 s. The caller sets the PLMN, AAnFs and AFs.
 */
void agw_akma_conf_init(struct agw_akma_conf *conf);

/**
 * Create the anchor: check the configuration, size the tables, restore the
 * persisted contexts from @c conf->store. Expired records and AAnF contexts
 * a newer authentication superseded are deleted; records that are not of
 * this anchor's form or realm are left in the store and counted (bad_input).
 *
 * @return the anchor, or NULL with errno: EINVAL (bad configuration; the
 *   reason goes to @c conf->err), ENOMEM, EIO (store error).
 */
struct agw_akma *agw_akma_create(const struct agw_akma_conf *conf);

/** Free the anchor, zeroising every key. NULL is accepted. The store is not closed. */
void agw_akma_free(struct agw_akma *ak);

/* ---------------------------------------------------------------------- */
/* AUSF side                                                               */

/** Outcome of a primary authentication, as the AUSF sees it. */
struct agw_akma_auth {
	const char *supi;		/**< SUPI in SBI form ("imsi-<digits>" or "nai-<nai>") */
	const uint8_t *kausf;		/**< 32-octet K_AUSF of this authentication */
	const char *rid;		/**< routing indicator from the UDM, 1..4 digits */
	uint8_t akma_ind;		/**< UDM AKMA indication (TS 29.503 akmaInd, [0104]) */
	uint8_t success;		/**< primary authentication succeeded */
	const struct agw_akma_aux *aux; /**< auxiliary information, or NULL */
};

/** An identifier handed to the UE. */
struct agw_akma_ident {
	char nai[AGW_AKMA_NAI_MAX + 1];	 /**< the NAI, NUL-terminated */
	uint16_t nai_len;		 /**< its length */
	struct agw_nas5g_akma_id fields; /**< parsed form; @c fields.nai points into @c nai */
};

/**
 * Primary authentication finished (Nausf_UEAuthentication result, seed 001
 * FIG. 3 S306 / FIG. 4 S406): if it succeeded and the UDM gave the AKMA
 * indication, allocate the identifier (AUSF or AAnF, per configuration) and
 * keep {identifier, SUPI, K_AUSF}. An identifier the SUPI held before is
 * removed with its AAnF contexts (re-authentication, spec/001 F13). A
 * failed authentication or a UE without AKMA allocates nothing and leaves
 * any earlier identifier as it is.
 *
 * @param[in] auth  the outcome.
 * @param[out] id   the identifier to put in the NAS-protected Registration
 *                  accept (private IE 0x7F), when 1 is returned.
 * @return 1 (identifier allocated), 0 (none: no AKMA indication or failed
 *   authentication), -EINVAL (bad SUPI, RID or NULL), -ENOSPC (no free TID
 *   after retries), -ENOMEM, -EIO (store or KDF error).
 */
int agw_akma_ausf_auth_result(struct agw_akma *ak, const struct agw_akma_auth *auth,
			      struct agw_akma_ident *id);

/**
 * The current identifier of a SUPI (after any relocation rewrite; e.g. for a
 * Configuration update command, spec/001 Q3 b).
 *
 * @return 0, -ENOENT (none), -EINVAL.
 */
int agw_akma_ausf_ident(struct agw_akma *ak, const char *supi, struct agw_akma_ident *id);

/**
 * Nausf_UEAuthentication_deregister (spec/001 F17): drop the SUPI's
 * identifier, its K_AUSF, and every AAnF context derived from it.
 *
 * @return 0, -ENOENT, -EINVAL, -EIO (store).
 */
int agw_akma_ausf_deregister(struct agw_akma *ak, const char *supi);

/* ---------------------------------------------------------------------- */
/* AAnF side                                                               */

/** Number of AAnF instances. */
unsigned int agw_akma_aanf_count(const struct agw_akma *ak);

/** AAnF instance @p i (0-based), or NULL. */
struct agw_akma_aanf *agw_akma_aanf_at(struct agw_akma *ak, unsigned int i);

/** AAnF instance with id @p id, or NULL. */
struct agw_akma_aanf *agw_akma_aanf_find(struct agw_akma *ak, const char *id);

/** The instance's id (its label value). */
const char *agw_akma_aanf_id(const struct agw_akma_aanf *aanf);

/** The instance's apiRoot ("" if none was configured). */
const char *agw_akma_aanf_uri(const struct agw_akma_aanf *aanf);

/**
 * Verdicts of a K_AF request, as an X-macro (enum, counter names).
 * Each has its own per-AAnF counter; lib/sbi maps them to HTTP.
 */
#define AGW_AKMA_VERDICTS(X)                                                                       \
	X(OK, "kaf_delivered")			  /* K_AF, expiry (and SUPI) returned */           \
	X(RELOCATE, "relocated")		  /* another AAnF serves this AF ([0189]) */       \
	X(BAD_AKID, "bad_akid")			  /* not an identifier of the canonical form */    \
	X(UNKNOWN_AKID, "unknown_akid")		  /* no context here nor at the AUSF */            \
	X(EXPIRED, "expired")			  /* identifier past its lifetime (deleted now) */ \
	X(AF_NOT_AUTHORISED, "af_not_authorised") /* afId not in the AF policy */                  \
	X(AF_MISMATCH, "af_mismatch")		  /* identifier names another AF ([0115][0166]) */ \
	X(BAD_AF_ID, "bad_af_id")		  /* afId empty, too long or not printable */      \
	X(INTERNAL, "internal_error")		  /* KDF or store failure */

#define AGW_AKMA_V_ENUM_(id, name) AGW_AKMA_V_##id,
/** K_AF request verdicts. */
enum agw_akma_verdict { AGW_AKMA_VERDICTS(AGW_AKMA_V_ENUM_) AGW_AKMA_V_MAX };
#undef AGW_AKMA_V_ENUM_

/** Name of a verdict (the counter name), or NULL. */
const char *agw_akma_verdict_name(unsigned int v);

/** K_AF request (Naanf_AKMA_ApplicationKey_Get input, TS 33.535 7.1.3). */
struct agw_akma_kaf_req {
	const char *akid;  /**< identifier presented by the AF (not NUL-terminated) */
	size_t akid_len;   /**< its length */
	const char *af_id; /**< afId (not NUL-terminated) */
	size_t af_id_len;  /**< its length */
	/**
	 * The AF follows a relocation: no serve check ([0191]), and a pull it
	 * causes lets the AUSF rewrite the AAnF label ([0196]).
	 */
	uint8_t redirected;
	uint8_t anonymous; /**< ApplicationKey_AnonUser_Get: no SUPI in the answer */
};

/** K_AF answer. Holds K_AF: agw_akma_kaf_resp_clear() when done. */
struct agw_akma_kaf_resp {
	uint8_t kaf[32];		    /**< K_AF (verdict OK) */
	uint64_t expiry;		    /**< K_AF expiration, Unix seconds (verdict OK) */
	char supi[AGW_AKMA_SUPI_MAX];	    /**< SUPI, "" when not given (OK) */
	const struct agw_akma_aanf *target; /**< the AAnF to ask instead (RELOCATE) */
};

/** Zeroise a K_AF answer. */
void agw_akma_kaf_resp_clear(struct agw_akma_kaf_resp *rs);

/**
 * Naanf_AKMA_ApplicationKey_Get at one AAnF instance (seed 001 FIG. 6/7,
 * spec/001 4.10): authorise the AF (configured list), parse the identifier,
 * check that the AF matches the identifier's AF label (if any), decide
 * whether this instance serves the AF (else RELOCATE to one that does;
 * skipped when @c redirected), find the context or pull K_AKMA from the
 * AUSF (which may rewrite the identifier's AAnF label), derive K_AF
 * (TS 33.535 A.4) and its expiry.
 *
 * @return a verdict (never negative); @p rs is filled for OK and RELOCATE
 *   and zeroised otherwise. The verdict's counter is incremented.
 */
enum agw_akma_verdict agw_akma_aanf_kaf_get(struct agw_akma_aanf *aanf,
					    const struct agw_akma_kaf_req *rq,
					    struct agw_akma_kaf_resp *rs);

/**
 * Naanf_AKMA_AnchorKey_Register (TS 33.535 7.1.2): store {SUPI, A-KID,
 * K_AKMA} at this AAnF, replacing the SUPI's earlier context ("the AAnF
 * shall store the latest information", TS 33.535 6.1 step 4).
 *
 * @param[in] akid  identifier of this anchor's realm and canonical form.
 * @return 0, -EINVAL (bad SUPI, identifier or foreign realm), -ENOMEM, -EIO.
 */
int agw_akma_aanf_register(struct agw_akma_aanf *aanf, const char *supi, const char *akid,
			   const uint8_t kakma[32]);

/**
 * Naanf_AKMA_Context_Remove (TS 33.535 7.1.4): drop this AAnF's context of
 * the SUPI.
 *
 * @return 0, -ENOENT, -EINVAL, -EIO.
 */
int agw_akma_aanf_remove(struct agw_akma_aanf *aanf, const char *supi);

/* ---------------------------------------------------------------------- */
/* Counters                                                                */

/** AUSF-side counters: X(enum suffix, name). */
#define AGW_AKMA_AUSF_STATS(X)                                                                     \
	X(ALLOCATED, "allocated")		    /* identifiers allocated */                    \
	X(NOT_SUBSCRIBED, "not_subscribed")	    /* success without AKMA indication: none */    \
	X(AUTH_FAILED, "auth_failed")		    /* failed primary authentication: none */      \
	X(REPLACED, "replaced")			    /* earlier identifier dropped on re-auth */    \
	X(TID_COLLISIONS, "tid_collisions")	    /* drawn TID already live: drawn again */      \
	X(AANF_ALLOCATIONS, "aanf_allocations")	    /* identifiers allocated by an AAnF */         \
	X(PUSHES, "pushes")			    /* K_AKMA registered at an AAnF */             \
	X(PULLS, "pulls")			    /* K_AKMA given to an AAnF on request */       \
	X(PULL_UNKNOWN, "pull_unknown")		    /* key request for an unknown identifier */    \
	X(PULL_EXPIRED, "pull_expired")		    /* key request for an expired identifier */    \
	X(RELOCATION_UPDATES, "relocation_updates") /* AAnF label rewritten ([0196]) */            \
	X(DEREGISTERED, "deregistered")		    /* identifiers dropped by deregistration */    \
	X(BAD_INPUT, "bad_input")		    /* rejected arguments */                       \
	X(STORE_ERRORS, "store_errors")		    /* store writes that failed */                 \
	X(RESTORED, "restored")			    /* entries restored at start */                \
	X(RESTORE_DROPPED, "restore_dropped")	    /* stored records dropped at start */

#define AGW_AKMA_AUSF_STAT_ENUM_(id, name) AGW_AKMA_AUSF_STAT_##id,
/** AUSF counter indices. */
enum agw_akma_ausf_stat { AGW_AKMA_AUSF_STATS(AGW_AKMA_AUSF_STAT_ENUM_) AGW_AKMA_AUSF_STAT_MAX };
#undef AGW_AKMA_AUSF_STAT_ENUM_

/** AAnF counters beyond the verdicts: X(enum suffix, name). */
#define AGW_AKMA_AANF_STATS(X)                                                                     \
	X(CACHE_HITS, "cache_hits")		  /* context held already ([0172]) */              \
	X(PULLED, "pulled")			  /* K_AKMA pulled from the AUSF ([0173]) */       \
	X(REGISTERED, "registered")		  /* AnchorKey_Register accepted */                \
	X(REGISTER_REJECTED, "register_rejected") /* AnchorKey_Register refused */                 \
	X(ALLOCATED, "allocated")		  /* identifiers allocated here (FIG. 4) */        \
	X(REMOVED, "removed")			  /* contexts removed (re-auth, Context_Remove) */ \
	X(RESTORED, "restored")			  /* contexts restored at start */

#define AGW_AKMA_AANF_STAT_ENUM_(id, name) AGW_AKMA_AANF_STAT_##id,
/** AAnF counter indices (after the AGW_AKMA_V_MAX verdict counters). */
enum agw_akma_aanf_stat { AGW_AKMA_AANF_STATS(AGW_AKMA_AANF_STAT_ENUM_) AGW_AKMA_AANF_STAT_MAX };
#undef AGW_AKMA_AANF_STAT_ENUM_

/** Copy the AUSF counters (AGW_AKMA_AUSF_STAT_MAX values). */
void agw_akma_ausf_stats(const struct agw_akma *ak, uint64_t out[AGW_AKMA_AUSF_STAT_MAX]);

/** Name of an AUSF counter, or NULL. */
const char *agw_akma_ausf_stat_name(unsigned int stat);

/**
 * Copy an AAnF's counters: @p verdicts gets AGW_AKMA_V_MAX values (one per
 * verdict), @p other AGW_AKMA_AANF_STAT_MAX values. Either may be NULL.
 */
void agw_akma_aanf_stats(const struct agw_akma_aanf *aanf, uint64_t verdicts[AGW_AKMA_V_MAX],
			 uint64_t other[AGW_AKMA_AANF_STAT_MAX]);

/** Name of an AAnF counter (enum agw_akma_aanf_stat), or NULL. */
const char *agw_akma_aanf_stat_name(unsigned int stat);

/** Live AUSF identifiers. */
unsigned int agw_akma_ausf_count(const struct agw_akma *ak);

/** Contexts an AAnF holds. */
unsigned int agw_akma_aanf_ctx_count(const struct agw_akma_aanf *aanf);

#ifdef __cplusplus
}
#endif

#endif /* AGW_AKMA_H */
