/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_MILENAGE_H
#define AGW_MILENAGE_H

/**
 * @file
 * MILENAGE (TS 35.206) authentication functions f1, f1*, f2, f3, f4, f5,
 * f5* on AES-128 from OpenSSL, and the procedures built on them:
 *  - network side: authentication vector and 5G HE AV generation
 *    (TS 33.102 6.3.2, TS 33.501 6.1.3.2), resynchronisation from AUTS
 *    (TS 33.102 6.3.5);
 *  - UE side: AUTN check (MAC-A, AMF separation bit) with derivation of
 *    RES* and K_AUSF, and AUTS generation (TS 33.102 6.3.3).
 *
 * A struct agw_milenage holds one subscriber's K (as an expanded AES key
 * inside an OpenSSL cipher context) and OPc. Create it when the subscriber
 * record is loaded, use it for any number of operations, free it (which
 * zeroises OPc and the key schedule).
 *
 * @note A context is not thread-safe: its cipher context is used for every
 *   block. Use one context per thread, or serialise access.
 * @note SQN management (freshness window, SEQ/IND, TS 33.102 Annex C) is the
 *   caller's: the functions here only recover and report SQN.
 *
 * Return convention: 0, or -EINVAL (NULL or bad argument), -ENOMEM, -EIO
 * (libcrypto error), -EBADMSG (a MAC did not verify), -EPROTO (AMF
 * separation bit not set, TS 33.501 6.1.3.2 step 7).
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AGW_MIL_K_LEN 16    /**< K */
#define AGW_MIL_OP_LEN 16   /**< OP and OPc */
#define AGW_MIL_RAND_LEN 16 /**< RAND */
#define AGW_MIL_SQN_LEN 6   /**< SQN */
#define AGW_MIL_AMF_LEN 2   /**< AMF (authentication management field) */
#define AGW_MIL_MAC_LEN 8   /**< MAC-A (f1) and MAC-S (f1*) */
#define AGW_MIL_RES_LEN 8   /**< RES / XRES (f2), 64 bits in MILENAGE */
#define AGW_MIL_CK_LEN 16   /**< CK (f3) */
#define AGW_MIL_IK_LEN 16   /**< IK (f4) */
#define AGW_MIL_AK_LEN 6    /**< AK (f5) and AK* (f5*) */
#define AGW_MIL_AUTN_LEN 16 /**< AUTN = SQN xor AK || AMF || MAC-A */
#define AGW_MIL_AUTS_LEN 14 /**< AUTS = SQN_MS xor AK* || MAC-S */

/** Kind of operator key given to agw_milenage_create(). */
enum agw_milenage_op_kind {
	AGW_MILENAGE_OP = 0,  /**< OP: OPc is computed from it and K */
	AGW_MILENAGE_OPC = 1, /**< OPc, as stored in most HSS/UDM databases */
};

/** Per-subscriber MILENAGE context (opaque). */
struct agw_milenage;

/** Authentication vector of TS 33.102 6.3.2 (UMTS AV; input to EPS/EAP-AKA'). */
struct agw_milenage_av {
	uint8_t rand[AGW_MIL_RAND_LEN]; /**< RAND */
	uint8_t autn[AGW_MIL_AUTN_LEN]; /**< SQN xor AK || AMF || MAC-A */
	uint8_t xres[AGW_MIL_RES_LEN];	/**< XRES */
	uint8_t ck[AGW_MIL_CK_LEN];	/**< CK */
	uint8_t ik[AGW_MIL_IK_LEN];	/**< IK */
};

/** 5G HE AV of TS 33.501 6.1.3.2 step 1. */
struct agw_he_av_5g {
	uint8_t rand[AGW_MIL_RAND_LEN]; /**< RAND */
	uint8_t autn[AGW_MIL_AUTN_LEN]; /**< AUTN, AMF separation bit set */
	uint8_t xres_star[16];		/**< XRES* (TS 33.501 A.4) */
	uint8_t kausf[32];		/**< K_AUSF (TS 33.501 A.2) */
};

/** What the UE (USIM + ME) obtains from a valid 5G AKA challenge. */
struct agw_ue_auth_5g {
	uint8_t sqn[AGW_MIL_SQN_LEN]; /**< SQN recovered from AUTN; check freshness */
	uint8_t res_star[16];	      /**< RES* to return to the SEAF */
	uint8_t kausf[32];	      /**< K_AUSF */
};

/**
 * Compute OPc = E_K(OP) xor OP (TS 35.206 4.1).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_compute_opc(const uint8_t k[AGW_MIL_K_LEN], const uint8_t op[AGW_MIL_OP_LEN],
			     uint8_t opc[AGW_MIL_OP_LEN]);

/**
 * Create a context for one subscriber.
 *
 * @param[in] k     subscriber key K.
 * @param[in] op    OP or OPc, according to @p kind.
 * @param[in] kind  enum agw_milenage_op_kind.
 * @return the context, or NULL with errno set to EINVAL, ENOMEM or EIO.
 */
struct agw_milenage *agw_milenage_create(const uint8_t k[AGW_MIL_K_LEN],
					 const uint8_t op[AGW_MIL_OP_LEN],
					 enum agw_milenage_op_kind kind);

/** Zeroise and free a context; NULL is accepted. */
void agw_milenage_free(struct agw_milenage *m);

/**
 * f1 and f1*: network authentication code MAC-A and resynchronisation code
 * MAC-S over SQN, RAND and AMF (TS 35.206 4.1: OUT1 upper / lower half).
 *
 * @param[out] mac_a  8 octets, or NULL.
 * @param[out] mac_s  8 octets, or NULL.
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_f1(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		    const uint8_t sqn[AGW_MIL_SQN_LEN], const uint8_t amf[AGW_MIL_AMF_LEN],
		    uint8_t mac_a[AGW_MIL_MAC_LEN], uint8_t mac_s[AGW_MIL_MAC_LEN]);

/**
 * f2, f3, f4, f5: RES, CK, IK and AK from RAND. Any output may be NULL.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_f2345(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		       uint8_t res[AGW_MIL_RES_LEN], uint8_t ck[AGW_MIL_CK_LEN],
		       uint8_t ik[AGW_MIL_IK_LEN], uint8_t ak[AGW_MIL_AK_LEN]);

/**
 * f5*: the resynchronisation anonymity key AK* from RAND.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_f5star(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			uint8_t ak_star[AGW_MIL_AK_LEN]);

/**
 * Generate an authentication vector (TS 33.102 6.3.2):
 * AUTN = SQN xor AK || AMF || MAC-A, XRES, CK, IK.
 *
 * @param[in] rand  RAND, or NULL to draw a fresh one from the OpenSSL CSPRNG.
 * @param[in] sqn   SQN to use (the caller advances it).
 * @param[in] amf   AMF, used unchanged.
 * @param[out] av   the vector; zeroised on error.
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_gen_av(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			const uint8_t sqn[AGW_MIL_SQN_LEN], const uint8_t amf[AGW_MIL_AMF_LEN],
			struct agw_milenage_av *av);

/**
 * Generate a 5G HE AV (TS 33.501 6.1.3.2 step 1): an AV with the AMF
 * separation bit (bit 0 of the AMF field, TS 33.501 6.1.3.2 step 7, i.e. the
 * most significant bit of its first octet) forced to 1, then XRES* (A.4) and K_AUSF (A.2) for the
 * given serving network name. CK, IK and XRES are not returned and are zeroised.
 *
 * @param[in] rand     RAND, or NULL for a fresh one.
 * @param[in] amf      AMF; the separation bit is set in the AUTN whatever
 *                     its value here.
 * @param[in] snn      serving network name (agw_kdf_snn()).
 * @param[in] snn_len  its length.
 * @param[out] av      the HE AV; zeroised on error.
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_gen_he_av_5g(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			      const uint8_t sqn[AGW_MIL_SQN_LEN],
			      const uint8_t amf[AGW_MIL_AMF_LEN], const char *snn, size_t snn_len,
			      struct agw_he_av_5g *av);

/**
 * UE side: verify AUTN (TS 33.102 6.3.3). Recovers SQN = (SQN xor AK) xor
 * f5(RAND) and checks MAC-A = f1(SQN, RAND, AMF) in constant time.
 *
 * @param[out] sqn  the recovered SQN (valid only on success); checking that
 *                  it is fresh is the caller's job.
 * @param[out] res, ck, ik  RES, CK, IK for the caller (each may be NULL);
 *                  zeroised when the MAC does not verify.
 * @return 0, -EBADMSG (MAC failure), -EINVAL, -EIO.
 */
int agw_milenage_ue_check_autn(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			       const uint8_t autn[AGW_MIL_AUTN_LEN], uint8_t sqn[AGW_MIL_SQN_LEN],
			       uint8_t res[AGW_MIL_RES_LEN], uint8_t ck[AGW_MIL_CK_LEN],
			       uint8_t ik[AGW_MIL_IK_LEN]);

/**
 * UE side of 5G AKA (TS 33.501 6.1.3.2 step 7): agw_milenage_ue_check_autn(),
 * then the AMF separation bit check, then RES* (A.4) and K_AUSF (A.2).
 *
 * @param[out] out  SQN, RES*, K_AUSF; zeroised on any error.
 * @return 0, -EBADMSG (MAC failure: the UE answers with cause "MAC
 *   failure"), -EPROTO (separation bit is 0), -EINVAL, -EIO.
 */
int agw_milenage_ue_auth_5g(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			    const uint8_t autn[AGW_MIL_AUTN_LEN], const char *snn, size_t snn_len,
			    struct agw_ue_auth_5g *out);

/**
 * UE side: build AUTS = SQN_MS xor f5*(RAND) || f1*(SQN_MS, RAND, AMF*)
 * for a synchronisation failure, with the dummy AMF* = 0x0000 of
 * TS 33.102 6.3.3.
 *
 * @param[in] sqn_ms  the highest SQN the USIM has accepted.
 * @return 0, -EINVAL, -EIO.
 */
int agw_milenage_gen_auts(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			  const uint8_t sqn_ms[AGW_MIL_SQN_LEN], uint8_t auts[AGW_MIL_AUTS_LEN]);

/**
 * Network side resynchronisation (TS 33.102 6.3.5): recover
 * SQN_MS = (SQN_MS xor AK*) xor f5*(RAND) and verify MAC-S with f1* and
 * AMF* = 0x0000, in constant time.
 *
 * @param[in] rand     the RAND of the rejected challenge.
 * @param[in] auts     AUTS from the UE.
 * @param[out] sqn_ms  SQN_MS, written only when MAC-S verifies.
 * @return 0, -EBADMSG (MAC-S does not verify: AUTS is forged or for another
 *   RAND), -EINVAL, -EIO.
 */
int agw_milenage_resync(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			const uint8_t auts[AGW_MIL_AUTS_LEN], uint8_t sqn_ms[AGW_MIL_SQN_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* AGW_MILENAGE_H */
