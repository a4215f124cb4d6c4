/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_REG_UE_H
#define AGW_REG_UE_H

/**
 * @file
 * The UE side of 5GS initial registration (TS 24.501 5.5.1.2, 5.4.1.3,
 * 5.4.2; TS 33.501 6.1.3.2, 6.7.2) as a transport-free state machine: a
 * USIM (MILENAGE with K/OPc derived deterministically from a seed and the
 * UE index, so `anchor-gen subscribers` and the simulator agree) and an ME
 * that derives K_AUSF -> K_SEAF -> K_AMF -> K_NASint/K_NASenc on its own
 * with lib/crypto and checks every downlink message: the Security mode
 * command's MAC with the new context, its replayed UE security
 * capabilities, the selected algorithms; the Registration accept's MAC and
 * DL NAS COUNT; reject causes.
 *
 * Seed 000 security service procedures (reg_ue_ssp.c, private NAS of
 * doc/nas-private-ies.md): the UE runs what the network asks after the SMC
 * and computes its side on its own: the DH exchange with its own X25519
 * key (network- or UE-initiated), deriving K_DH = KDF(Z, K_AMF, keys), and
 * device authentication with an IMEI derived from its index (valid Luhn
 * check digit unless a fault says otherwise); the UE-initiated procedures
 * of a Security service command in the command's order; a procedure it
 * does not support is answered with 5GMM STATUS.
 *
 * AKMA (seed 001, reg_ue_akma.c): the UE keeps K_AUSF from its
 * authentication; an AKMA identifier in the protected Registration accept
 * (private IE 0x7F, doc/nas-private-ies.md 2.3) is parsed, and the UE
 * derives K_AKMA (TS 33.535 A.2) and, for the AF configured in struct
 * agw_regue_conf, K_AF (A.4) itself.
 *
 * UE-originating deregistration (TS 24.501 5.5.2.2): once REGISTERED, a UE
 * asked to (struct agw_regue::dereg) sends a protected Deregistration
 * request (normal de-registration, 3GPP access, its ngKSI and 5G-GUTI) with
 * agw_regue_deregister() and ends DEREGISTERED when the protected
 * Deregistration accept verifies (MAC with its own K_NASint, DL COUNT).
 *
 * Feed it downlink NAS PDUs; it answers with the next uplink NAS PDU and
 * ends in REGISTERED, DEREGISTERED, REJECTED (5GMM cause), AUTH_REJECTED or
 * FAILED (reason). Keys stay in struct agw_regue and are zeroised by
 * agw_regue_clear(); nothing here prints.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_dh.h"
#include "agw_milenage.h"
#include "agw_nas5g.h"
#include "agw_nas_sec.h"

/** Largest uplink NAS PDU built, octets. */
#define AGW_REGUE_NAS_MAX 256

/** Fault injected in one UE. */
enum agw_regue_fault {
	AGW_REGUE_F_NONE = 0,
	AGW_REGUE_F_WRONG_RES,	 /**< RES* corrupted: expect Authentication reject */
	AGW_REGUE_F_SYNC_FAIL,	 /**< USIM ahead: #21 with AUTS, then success */
	AGW_REGUE_F_MAC_FAIL,	 /**< AUTN MAC fails: #20, no registration */
	AGW_REGUE_F_UNKNOWN,	 /**< SUPI not provisioned: Registration reject */
	AGW_REGUE_F_SMC_FORGED,	 /**< first Security mode complete with a bad MAC:
				      refused, the SMC retransmitted, then success */
	AGW_REGUE_F_SSI_REJECT,	 /**< subscriber with a mandatory MM security service
				      (seed 000) the network cannot run: protected
				      Registration reject #23 after the SMC */
	AGW_REGUE_F_ACCEPT_LOST, /**< the first Registration accept is ignored (lost):
				      the network retransmits it, then success */
	AGW_REGUE_F_BAD_IMEI,	 /**< seed 000 device authentication with an IMEI whose
				      check digit is wrong: negative result, reject #5 */
	AGW_REGUE_F_NO_IMEI,	 /**< device authentication request without identity:
				      negative result, reject #5 */
	AGW_REGUE_F_DH_BAD_KEY,	 /**< DH UE key of small order (u = 0): reject #111 */
	AGW_REGUE_F_MAX
};

/** UE state. */
enum agw_regue_state {
	AGW_REGUE_ST_IDLE = 0,	    /**< nothing sent */
	AGW_REGUE_ST_WAIT_AUTH,	    /**< Registration request sent */
	AGW_REGUE_ST_WAIT_SMC,	    /**< Authentication response sent */
	AGW_REGUE_ST_WAIT_ACCEPT,   /**< Security mode complete sent */
	AGW_REGUE_ST_REGISTERED,    /**< Registration complete sent */
	AGW_REGUE_ST_REJECTED,	    /**< Registration reject (cause in @c cause) */
	AGW_REGUE_ST_AUTH_REJECTED, /**< Authentication reject */
	AGW_REGUE_ST_FAILED,	    /**< a check failed (@c reason) */
	AGW_REGUE_ST_WAIT_DEREG,    /**< Deregistration request sent (not final) */
	AGW_REGUE_ST_DEREGISTERED,  /**< Deregistration accept verified */
};

/** Why a UE ended FAILED. X(id, name). */
#define AGW_REGUE_REASONS(X)                                                                       \
	X(NONE, "none")                                                                            \
	X(DECODE, "dl_decode")                                                                     \
	X(UNEXPECTED, "dl_unexpected")                                                             \
	X(DL_MAC, "dl_mac_mismatch")                                                               \
	X(DL_COUNT, "dl_count_replayed")                                                           \
	X(ABBA, "abba")                                                                            \
	X(AUTN, "autn_rejected")                                                                   \
	X(CAP_MISMATCH, "replayed_cap_mismatch")                                                   \
	X(ALG, "alg_not_offered")                                                                  \
	X(KSI, "ngksi_mismatch")                                                                   \
	X(NO_GUTI, "accept_without_guti")                                                          \
	X(CRYPTO, "crypto")                                                                        \
	X(ENCODE, "ul_encode")                                                                     \
	X(LINK, "link_send")                                                                       \
	X(TIMEOUT, "timeout")                                                                      \
	X(SSP, "security_service_protocol")                                                        \
	X(AKMA, "akma_identifier")                                                                 \
	X(DEREG_PLAIN, "dereg_accept_unprotected")                                                 \
	X(DEREG_NO_ACCEPT, "dereg_accept_missing")

enum agw_regue_reason {
#define AGW_REGUE_R_(id, s) AGW_REGUE_R_##id,
	AGW_REGUE_REASONS(AGW_REGUE_R_)
#undef AGW_REGUE_R_
		AGW_REGUE_R_MAX
};

/** Name of a reason ("dl_mac_mismatch", ...), or "?". */
const char *agw_regue_reason_name(unsigned int reason);

/** Name of a fault ("none", "wrong_res", ...), or "?". */
const char *agw_regue_fault_name(unsigned int fault);

/**
 * 5GMM cause lib/anchors sends for a SUPI it does not know: #3 "Illegal
 * UE" (lib/anchors/seaf_reg.c start_auth(), TS 24.501 Annex A).
 */
#define AGW_REGUE_UNKNOWN_CAUSE 3
/** Seed 000 causes (doc/nas-private-ies.md §4): device authentication
 * failed #5, invalid DH key #111, mandatory procedure not runnable #23. */
#define AGW_REGUE_DEVAUTH_CAUSE 5
#define AGW_REGUE_DH_CAUSE 111
#define AGW_REGUE_SSI_CAUSE 23

/** Shared by all UEs of a run. */
struct agw_regue_conf {
	struct agw_nas_sec_engine *eng; /**< the calling thread's engine (NULL: keys only) */
	uint64_t seed;			/**< K/OPc derivation seed */
	char mcc[4], mnc[4];		/**< home = serving PLMN */
	uint8_t nia_mask;		/**< advertised 5G-IA: bit n = NIAn (NIA0 ignored) */
	uint8_t nea_mask;		/**< advertised 5G-EA: bit n = NEAn */
	uint8_t mix;			/**< 1: UE i advertises one NIA and one NEA, rotating */
	char snn[64];			/**< serving network name (agw_regue_conf_init()) */
	size_t snn_len;
	/**
	 * Seed 000: the UE security service capability IE of the
	 * Registration request: -1 none (default), else its MM octet.
	 */
	int16_t svc_cap;
	uint8_t mm_support; /**< MM procedures the UE runs, bit code-1 (default 0x03) */
	/**
	 * AKMA: AF_ID (FQDN || Ua* protocol identifier, TS 33.535 A.4) of the
	 * AF whose K_AF a UE derives when it receives an identifier; NULL: K_AKMA
	 * only. Not copied.
	 */
	const uint8_t *akma_af_id;
	uint16_t akma_af_id_len;
};

/**
 * Fill @p c; @p nia_mask must hold one of NIA1..3. With @p eng NULL only
 * agw_regue_subscriber() may be used.
 * @return 0 or -EINVAL.
 */
int agw_regue_conf_init(struct agw_regue_conf *c, struct agw_nas_sec_engine *eng, uint64_t seed,
			const char *mcc, const char *mnc, uint8_t nia_mask, uint8_t nea_mask,
			uint8_t mix);

/**
 * Subscriber of UE @p index: SUPI "imsi-<mcc><mnc><%010u index>" and K/OPc
 * = first 16 octets of HMAC-SHA-256(seed as 8 octets big endian,
 * "anchor-gen K" / "anchor-gen OPc" || index as 4 octets big endian).
 * @return 0 or -EINVAL / -EIO.
 */
int agw_regue_subscriber(const struct agw_regue_conf *c, uint32_t index, char *supi,
			 size_t supi_cap, uint8_t k[16], uint8_t opc[16]);

/** One simulated UE. Public for the tests; treat as read-only. */
struct agw_regue {
	const struct agw_regue_conf *conf;
	uint32_t index;
	uint8_t fault;		    /**< enum agw_regue_fault (set after agw_regue_init()) */
	uint8_t state;		    /**< enum agw_regue_state */
	uint8_t cause;		    /**< REJECTED: 5GMM cause */
	uint8_t reason;		    /**< FAILED: enum agw_regue_reason */
	uint8_t sent_synch_failure; /**< #21 sent */
	uint8_t sent_mac_failure;   /**< #20 sent */
	uint8_t resynced;	    /**< succeeded after a synch failure */
	uint8_t kamf_derived;	    /**< K_AMF derived */
	uint8_t sent_forged_smc;    /**< a Security mode complete with a bad MAC sent */
	uint8_t lost_accept;	    /**< a Registration accept was ignored (fault) */
	uint8_t dereg;		    /**< deregister once REGISTERED (set after init) */
	uint8_t dereg_sent;	    /**< Deregistration requests sent */
	uint8_t dereg_sht;	    /**< security header type of the request */
	/* seed 000 (reg_ue_ssp.c) */
	uint8_t ssp_q[8];	    /**< UE-initiated procedures of the last command, in order */
	uint8_t ssp_nq, ssp_qi;	    /**< entries in ssp_q; the one running */
	uint8_t dh_state;	    /**< 0 none, 1 own key sent (UE-initiated), 2 K_DH derived */
	uint8_t devauth_state;	    /**< 0 none, 1 identity sent, 2 accepted, 3 rejected */
	uint8_t n_ssp_cmd;	    /**< Security service commands received */
	uint8_t n_dh_nw_key;	    /**< DH network keys received */
	uint8_t sent_status;	    /**< 5GMM STATUS sent (a procedure not supported) */
	uint8_t dh_ue_started;	    /**< the UE started the DH exchange */
	uint8_t devauth_ue_started; /**< the UE started device authentication */
	char imei[16];		    /**< device identity sent */
	struct agw_x25519_pair dh;  /**< own X25519 pair (priv: secret) */
	uint8_t dh_nw_pub[32];	    /**< the network's public key */
	uint8_t kdh[32];	    /**< secret: K_DH */
	uint8_t cap[2];		    /**< UE security capability sent (EA, IA octets) */
	uint8_t ngksi;		    /**< ngKSI of the Authentication request */
	uint8_t nia, nea;	    /**< selected by the network (SMC) */
	uint8_t has_ctx;	    /**< NAS keys derived */
	uint8_t has_rand;	    /**< last_rand valid */
	uint8_t guti_len;
	uint16_t last_auth_len;	 /**< octets of last_auth */
	uint32_t ul_count;	 /**< next UL NAS COUNT */
	uint32_t dl_count;	 /**< next acceptable DL NAS COUNT */
	uint32_t dl_mac_ok;	 /**< protected DL messages verified */
	uint32_t dereg_dl_count; /**< DL COUNT of the verified Deregistration accept */
	uint32_t n_ul, n_dl;	 /**< NAS PDUs built / consumed */
	uint64_t sqn_ms;	 /**< highest SQN the USIM accepted */
	uint64_t sqn_accepted;	 /**< SQN of the last AUTN answered with RES* (0: none) */
	char supi[32];
	char msin[12];
	uint8_t guti[16];		    /**< 5G-GUTI of the accept (IE value) */
	uint8_t last_rand[16];		    /**< RAND answered last */
	uint8_t last_auth[32];		    /**< the answer (for a retransmission) */
	uint8_t k[16], opc[16];		    /**< secret */
	uint8_t kamf[32];		    /**< secret */
	uint8_t knas_int[16], knas_enc[16]; /**< secret */
	struct agw_milenage *usim;
	struct agw_nia_key nia_key;
	struct agw_nea_key nea_key;
	/* AKMA (reg_ue_akma.c) */
	uint8_t kausf[32];		       /**< secret: K_AUSF of the last authentication */
	uint8_t akma_state;		       /**< enum agw_regue_akma */
	uint8_t akma_ids;		       /**< identifiers received (accepts with IE 0x7F) */
	char akid[AGW_NAS5G_AKMA_NAI_MAX + 1]; /**< the identifier (A-KID), NUL-terminated */
	uint8_t kakma[32];		       /**< secret: K_AKMA */
	uint8_t kaf[32];		       /**< secret: K_AF for conf->akma_af_id */
};

/** What the UE holds of AKMA (struct agw_regue::akma_state). */
enum agw_regue_akma {
	AGW_REGUE_AKMA_NONE = 0, /**< no identifier received */
	AGW_REGUE_AKMA_KAKMA,	 /**< identifier and K_AKMA */
	AGW_REGUE_AKMA_KAF,	 /**< and K_AF for the configured AF */
};

/**
 * Set up UE @p index (its USIM context is allocated here).
 * @return 0, -EINVAL, -ENOMEM or -EIO.
 */
int agw_regue_init(struct agw_regue *ue, uint32_t index, const struct agw_regue_conf *conf);

/** Free the USIM context and zeroise every key. */
void agw_regue_clear(struct agw_regue *ue);

/**
 * First uplink NAS: Registration request (initial, SUCI null scheme,
 * ngKSI 7, UE security capability).
 * @return 0 or -EINVAL / -ENOSPC / -EPROTO (state: FAILED).
 */
int agw_regue_start(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len);

/**
 * Consume one downlink NAS PDU. @p *ul_len is 0 when nothing is to be sent.
 * Unexpected or unverifiable input ends the UE FAILED (the reason says
 * why); the return value is 0 then too. Retransmissions are answered: the
 * same RAND gets the same answer, an SMC or Registration accept with a new
 * DL COUNT is verified again and answered with the next UL COUNT. A
 * message after a final state other than REGISTERED is ignored.
 * @return 0 or -EINVAL (bad arguments).
 */
int agw_regue_on_dl(struct agw_regue *ue, const uint8_t *nas, size_t len, uint8_t *ul, size_t cap,
		    size_t *ul_len);

/**
 * Deregistration request, UE originating (TS 24.501 8.2.12): switch-off 0,
 * access type 3GPP, the ngKSI of the context, the 5G-GUTI of the accept;
 * integrity protected (SHT 1) when the context ciphers with NEA0, else also
 * ciphered (SHT 2), with the next UL COUNT. The UE then waits for the
 * accept (AGW_REGUE_ST_WAIT_DEREG).
 * @return 0, -EINVAL (not REGISTERED, no 5G-GUTI, bad arguments) or
 * -ENOSPC (state: FAILED).
 */
int agw_regue_deregister(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len);

/** 1 once the UE is in a final state. */
int agw_regue_done(const struct agw_regue *ue);

/**
 * 1 when the final state is what @c fault predicts: none -> REGISTERED
 * without a synch failure; wrong_res -> AUTH_REJECTED; sync_fail -> REGISTERED after
 * a resync; mac_fail -> #20 sent and not registered (AUTH_REJECTED,
 * REJECTED, or aborted: FAILED timeout); unknown -> REJECTED #3. A UE with
 * @c dereg set must end DEREGISTERED where it would end REGISTERED.
 * @p unknown_cause is the cause expected for an unknown SUPI.
 */
int agw_regue_as_expected(const struct agw_regue *ue, uint8_t unknown_cause);

/** End a UE that is not done yet as FAILED (e.g. AGW_REGUE_R_TIMEOUT). */
void agw_regue_abort(struct agw_regue *ue, unsigned int reason);

/**
 * The IMEI of UE @p index: TAC 35000011, serial number = index mod 10^6,
 * Luhn check digit (TS 23.003 Annex B), NUL-terminated.
 */
void agw_regue_imei(uint32_t index, char imei[16]);

#endif /* AGW_REG_UE_H */
