/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_KDF_H
#define AGW_KDF_H

/**
 * @file
 * 3GPP key derivation: the generic KDF of TS 33.220 Annex B.2 and one named
 * function per use of it in the 5G key hierarchy (TS 33.501 Annex A), EPS
 * interworking (TS 33.401 A.7, TS 33.402 A.2), EAP-AKA' (RFC 5448), AKMA
 * (TS 33.535 Annex A) and ProSe U2N relay (TS 33.503 Annex A, TS 33.536
 * Annex A), plus the string encodings those derivations take as input
 * (serving network name, SUPI, AF_ID, A-KID).
 *
 * Every function writes derived keys only into caller buffers and zeroises
 * its own temporaries. Nothing here keeps state: all functions may be
 * called from any thread. They use OpenSSL (HMAC-SHA-256, SHA-256) and are
 * meant for the control path (a few microseconds per call).
 *
 * Return convention: 0 on success, -EINVAL for a NULL pointer, a length
 * outside the range the spec gives, or a value outside its field, -EIO when
 * libcrypto reports an error. The encoders return the number of characters
 * written (without the NUL) or -EINVAL / -ENOSPC.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Length of every KDF output (HMAC-SHA-256), octets. */
#define AGW_KDF_OUT_LEN 32
/** Length of a 256-bit key (K_AUSF, K_SEAF, K_AMF, K_gNB, NH, ...). */
#define AGW_KEY256_LEN 32
/** Length of a 128-bit algorithm key (K_NASenc, K_NASint, CK', ...). */
#define AGW_KEY128_LEN 16
/** Length of RES* / XRES* / HRES* / HXRES*, octets (TS 33.501 A.4, A.5). */
#define AGW_RES_STAR_LEN 16
/** Length of RAND, octets. */
#define AGW_KDF_RAND_LEN 16
/** Length of SQN xor AK, octets. */
#define AGW_SQN_AK_LEN 6
/** Largest parameter the KDF can encode (Li is two octets). */
#define AGW_KDF_PARAM_MAX 65535u
/** Most parameters agw_kdf() accepts in one call. */
#define AGW_KDF_MAX_PARAMS 16u
/** Length of a ProSe Relay Service Code on the wire (TS 33.503 A.5, A.8). */
#define AGW_RSC_LEN 3
/** Length of a ProSe / PC5 nonce (Nonce_1, Nonce_2), octets. */
#define AGW_PROSE_NONCE_LEN 16
/** Length of the Ua* security protocol identifier (TS 33.220 Annex H). */
#define AGW_UA_PROTO_ID_LEN 5

/**
 * FC values. Where the clause could be re-read in this work the source is
 * given; the ProSe values marked "unconfirmed" come only from third-party
 * transcriptions (see the comments in kdf.c and the functions below).
 */
enum agw_kdf_fc {
	AGW_FC_EPS_ALG_KEY = 0x15,	/**< TS 33.401 A.7 */
	AGW_FC_CK_IK_PRIME = 0x20,	/**< TS 33.402 A.2 (TS 33.501 A.3) */
	AGW_FC_ALG_KEY = 0x69,		/**< TS 33.501 A.8 */
	AGW_FC_KAUSF = 0x6A,		/**< TS 33.501 A.2 */
	AGW_FC_RES_STAR = 0x6B,		/**< TS 33.501 A.4 */
	AGW_FC_KSEAF = 0x6C,		/**< TS 33.501 A.6 */
	AGW_FC_KAMF = 0x6D,		/**< TS 33.501 A.7 */
	AGW_FC_KGNB = 0x6E,		/**< TS 33.501 A.9 */
	AGW_FC_NH = 0x6F,		/**< TS 33.501 A.10 */
	AGW_FC_KNG_RAN_STAR_GNB = 0x70, /**< TS 33.501 A.11 */
	AGW_FC_KNG_RAN_STAR_ENB = 0x71, /**< TS 33.501 A.12 */
	AGW_FC_KAMF_PRIME = 0x72,	/**< TS 33.501 A.13 */
	AGW_FC_KASME_PRIME_IDLE = 0x73, /**< TS 33.501 A.14.1 */
	AGW_FC_KASME_PRIME_HO = 0x74,	/**< TS 33.501 A.14.2 */
	AGW_FC_KAMF_EPS_IDLE = 0x75,	/**< TS 33.501 A.15.1 */
	AGW_FC_KAMF_EPS_HO = 0x76,	/**< TS 33.501 A.15.2 */
	AGW_FC_NRP_ALG_KEY = 0x7E,	/**< TS 33.536 A (NRPEK / NRPIK) */
	AGW_FC_KNRP_SESS = 0x7F,	/**< TS 33.536 A (K_NRP-sess) */
	AGW_FC_KAKMA = 0x80,		/**< TS 33.535 A.2 */
	AGW_FC_AKMA_ATID = 0x81,	/**< TS 33.535 A.3 */
	AGW_FC_KAF = 0x82,		/**< TS 33.535 A.4 */
	AGW_FC_CP_PRUK = 0x85,		/**< TS 33.503 A.2, unconfirmed */
	AGW_FC_CP_PRUK_ID = 0x86,	/**< TS 33.503 A.3, unconfirmed */
	AGW_FC_KNR_PROSE = 0x87,	/**< TS 33.503 A.4, unconfirmed */
};

/** Algorithm type distinguishers, TS 33.501 Table A.8-1 (and TS 33.401 A.7). */
enum agw_alg_type {
	AGW_ALG_NAS_ENC = 0x01, /**< N-NAS-enc-alg */
	AGW_ALG_NAS_INT = 0x02, /**< N-NAS-int-alg */
	AGW_ALG_RRC_ENC = 0x03, /**< N-RRC-enc-alg */
	AGW_ALG_RRC_INT = 0x04, /**< N-RRC-int-alg */
	AGW_ALG_UP_ENC = 0x05,	/**< N-UP-enc-alg */
	AGW_ALG_UP_INT = 0x06,	/**< N-UP-int-alg */
};

/** Access type distinguishers, TS 33.501 Table A.9-1. */
enum agw_access_type {
	AGW_ACCESS_3GPP = 0x01,	    /**< K_gNB */
	AGW_ACCESS_NON_3GPP = 0x02, /**< K_N3IWF, K_TNGF, K_TWIF, K_WAGF */
};

/** One input parameter Pi of the KDF; Li is derived from @c len. */
struct agw_kdf_param {
	const void *data; /**< octets of Pi; may be NULL only when @c len is 0 */
	size_t len;	  /**< length of Pi in octets, at most AGW_KDF_PARAM_MAX */
};

/* ------------------------------------------------------------------ */
/* Generic KDF                                                         */
/* ------------------------------------------------------------------ */

/**
 * Generic KDF, TS 33.220 Annex B.2.0:
 * out = HMAC-SHA-256(KEY, FC || P0 || L0 || P1 || L1 || ...), where each
 * Li is the length of Pi as two octets, most significant first.
 *
 * S is fed to HMAC piece by piece, so no copy of it is made.
 *
 * @param[in] key       input key KEY.
 * @param[in] key_len   length of @p key, 1..AGW_KDF_PARAM_MAX octets.
 * @param[in] fc        function code FC.
 * @param[in] params    P0..Pn (may be NULL when @p n_params is 0).
 * @param[in] n_params  number of parameters, at most AGW_KDF_MAX_PARAMS.
 * @param[out] out      the 256-bit output.
 * @return 0, -EINVAL (NULL pointer, bad key or parameter length, too many
 *   parameters), -EIO (libcrypto error).
 */
int agw_kdf(const uint8_t *key, size_t key_len, uint8_t fc, const struct agw_kdf_param *params,
	    unsigned int n_params, uint8_t out[AGW_KDF_OUT_LEN]);

/* ------------------------------------------------------------------ */
/* Input encodings                                                     */
/* ------------------------------------------------------------------ */

/**
 * Build the serving network name "5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org"
 * (TS 33.501 6.1.1.4: service code "5G", ':' and the SN Id, which is the
 * SNN-network-identifier of TS 24.501 9.12.1). A two-digit MNC is padded
 * to three digits with a leading '0' as in TS 23.003 28.2.
 *
 * @param[in] mcc   three decimal digits, NUL-terminated.
 * @param[in] mnc   two or three decimal digits, NUL-terminated.
 * @param[out] out  NUL-terminated result (32 characters + NUL).
 * @param[in] cap   capacity of @p out, including the NUL.
 * @return number of characters written (32), -EINVAL (bad MCC/MNC or NULL),
 *   -ENOSPC (@p cap too small).
 * @note Stand-alone NPN names (with a NID, TS 33.501 I.3) are not built here.
 */
int agw_kdf_snn(const char *mcc, const char *mnc, char *out, size_t cap);

/**
 * Turn a SUPI into the KDF parameter of TS 33.501 A.7.0 (also used by
 * TS 33.535 A.2/A.3 and TS 33.503 A.2/A.3): the IMSI as its decimal
 * digits (TS 23.003 2.2), or the NAI for a network specific identifier,
 * GCI or GLI (TS 23.003 28.7.2, 28.15.2, 28.16.2), as a character string.
 *
 * Accepted forms: the TS 29.571 SBI form "imsi-<digits>", "nai-<nai>",
 * "gci-<nai>", "gli-<nai>"; or a bare IMSI (6 to 15 digits). The type
 * prefix is never part of the output.
 *
 * @param[in] supi  NUL-terminated SUPI.
 * @param[out] out  NUL-terminated parameter string.
 * @param[in] cap   capacity of @p out, including the NUL.
 * @return length of the parameter, -EINVAL (unknown prefix, IMSI not 6..15
 *   digits, NAI without a user part and realm or with a non-printable
 *   character), -ENOSPC.
 */
int agw_kdf_supi_param(const char *supi, char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* 5G primary authentication (TS 33.501 Annex A)                       */
/* ------------------------------------------------------------------ */

/**
 * K_AUSF for 5G AKA, TS 33.501 A.2, FC 0x6A: KEY = CK || IK,
 * P0 = serving network name, P1 = SQN xor AK (6 octets).
 *
 * @param[in] ck, ik       16-octet CK and IK.
 * @param[in] snn          serving network name (starts with "5G:").
 * @param[in] snn_len      its length in octets.
 * @param[in] sqn_xor_ak   the first 6 octets of AUTN.
 * @param[out] kausf       256-bit K_AUSF.
 * @return 0, -EINVAL (NULL, empty/oversized SNN or SNN without "5G:"),
 *   -EIO.
 */
int agw_kdf_kausf(const uint8_t ck[AGW_KEY128_LEN], const uint8_t ik[AGW_KEY128_LEN],
		  const char *snn, size_t snn_len, const uint8_t sqn_xor_ak[AGW_SQN_AK_LEN],
		  uint8_t kausf[AGW_KEY256_LEN]);

/**
 * RES* (UE) or XRES* (ARPF), TS 33.501 A.4, FC 0x6B: KEY = CK || IK,
 * P0 = serving network name, P1 = RAND, P2 = RES or XRES. The result is the
 * 128 least significant bits of the KDF output.
 *
 * @param[in] res      RES / XRES.
 * @param[in] res_len  4..16 octets (A.4: L2 between 0x00 0x04 and 0x00 0x10).
 * @param[out] res_star 16 octets.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_res_star(const uint8_t ck[AGW_KEY128_LEN], const uint8_t ik[AGW_KEY128_LEN],
		     const char *snn, size_t snn_len, const uint8_t rand[AGW_KDF_RAND_LEN],
		     const uint8_t *res, size_t res_len, uint8_t res_star[AGW_RES_STAR_LEN]);

/**
 * HRES* (SEAF) or HXRES* (AUSF), TS 33.501 A.5: the 128 least significant
 * bits of SHA-256(RAND || RES*). Not a KDF use, hence no FC.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_hres_star(const uint8_t rand[AGW_KDF_RAND_LEN],
		      const uint8_t res_star[AGW_RES_STAR_LEN],
		      uint8_t hres_star[AGW_RES_STAR_LEN]);

/**
 * K_SEAF, TS 33.501 A.6, FC 0x6C: KEY = K_AUSF, P0 = serving network name.
 *
 * @return 0, -EINVAL (NULL, bad SNN), -EIO.
 */
int agw_kdf_kseaf(const uint8_t kausf[AGW_KEY256_LEN], const char *snn, size_t snn_len,
		  uint8_t kseaf[AGW_KEY256_LEN]);

/**
 * K_AMF, TS 33.501 A.7, FC 0x6D: KEY = K_SEAF, P0 = SUPI as built by
 * agw_kdf_supi_param(), P1 = ABBA (A.7.1; the SEAF sets 0x0000).
 *
 * @param[in] supi      the SUPI parameter (not the "imsi-" SBI form).
 * @param[in] supi_len  its length, 1..AGW_KDF_PARAM_MAX.
 * @param[in] abba      ABBA parameter as received/sent.
 * @param[in] abba_len  2..AGW_KDF_PARAM_MAX (TS 24.501 9.11.3.10 carries at
 *                      least two octets).
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kamf(const uint8_t kseaf[AGW_KEY256_LEN], const char *supi, size_t supi_len,
		 const uint8_t *abba, size_t abba_len, uint8_t kamf[AGW_KEY256_LEN]);

/**
 * K_AUSF after EAP-AKA' (TS 33.501 6.1.3.1 step 10): the most significant
 * 256 bits of the EMSK. No KDF call; provided so that both AUSF paths have a
 * named function.
 *
 * @param[in] emsk   64-octet EMSK (see agw_eap_aka_prime_keys()).
 * @return 0, -EINVAL.
 */
int agw_kdf_kausf_eap_aka_prime(const uint8_t emsk[64], uint8_t kausf[AGW_KEY256_LEN]);

/* ------------------------------------------------------------------ */
/* 5G key hierarchy below K_AMF (TS 33.501 Annex A)                    */
/* ------------------------------------------------------------------ */

/**
 * Algorithm key, TS 33.501 A.8, FC 0x69: KEY = K_AMF (NAS keys) or
 * K_gNB / K_SN (RRC and UP keys), P0 = algorithm type distinguisher,
 * P1 = algorithm identity. The key is the 128 least significant bits of the
 * output.
 *
 * @param[in] key     256-bit K_AMF, K_gNB or K_SN.
 * @param[in] type    enum agw_alg_type (0x01..0x06).
 * @param[in] alg_id  algorithm identity 0..15 (TS 33.501 5.11.1; the four
 *                    most significant bits of the octet are zero).
 * @param[out] out    128-bit algorithm key.
 * @return 0, -EINVAL (unknown type, alg_id > 15, NULL), -EIO.
 */
int agw_kdf_alg_key(const uint8_t key[AGW_KEY256_LEN], uint8_t type, uint8_t alg_id,
		    uint8_t out[AGW_KEY128_LEN]);

/**
 * K_NASenc and K_NASint from K_AMF (TS 33.501 A.8 with N-NAS-enc-alg and
 * N-NAS-int-alg). Either output may be NULL when not needed.
 *
 * @param[in] enc_alg  128-NEA identity 0..15.
 * @param[in] int_alg  128-NIA identity 0..15.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_nas_keys(const uint8_t kamf[AGW_KEY256_LEN], uint8_t enc_alg, uint8_t int_alg,
		     uint8_t knas_enc[AGW_KEY128_LEN], uint8_t knas_int[AGW_KEY128_LEN]);

/**
 * K_gNB (or K_N3IWF, K_TNGF, K_TWIF, K_WAGF), TS 33.501 A.9, FC 0x6E:
 * KEY = K_AMF, P0 = uplink NAS COUNT (4 octets), P1 = access type
 * distinguisher (1 octet).
 *
 * @param[in] ul_nas_count  uplink NAS COUNT.
 * @param[in] access_type   enum agw_access_type.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kgnb(const uint8_t kamf[AGW_KEY256_LEN], uint32_t ul_nas_count, uint8_t access_type,
		 uint8_t kgnb[AGW_KEY256_LEN]);

/**
 * NH, TS 33.501 A.10, FC 0x6F: KEY = K_AMF, P0 = SYNC-input (the fresh
 * K_gNB for the first NH, then the previous NH).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_nh(const uint8_t kamf[AGW_KEY256_LEN], const uint8_t sync_input[AGW_KEY256_LEN],
	       uint8_t nh[AGW_KEY256_LEN]);

/**
 * K_NG-RAN* for a target gNB, TS 33.501 A.11, FC 0x70: KEY = K_gNB or NH,
 * P0 = PCI (2 octets), P1 = ARFCN-DL (3 octets).
 *
 * @param[in] pci       target physical cell id, 0..1007.
 * @param[in] arfcn_dl  NR-ARFCN of the target SSB, below 2^24.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kng_ran_star_gnb(const uint8_t key[AGW_KEY256_LEN], uint16_t pci, uint32_t arfcn_dl,
			     uint8_t out[AGW_KEY256_LEN]);

/**
 * K_NG-RAN* for a target ng-eNB, TS 33.501 A.12, FC 0x71: P0 = PCI
 * (2 octets, 0..503), P1 = EARFCN-DL (3 octets).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kng_ran_star_enb(const uint8_t key[AGW_KEY256_LEN], uint16_t pci, uint32_t earfcn_dl,
			     uint8_t out[AGW_KEY256_LEN]);

/**
 * Horizontal K_AMF -> K_AMF', TS 33.501 A.13, FC 0x72: P0 = DIRECTION
 * (1 octet), P1 = COUNT (4 octets).
 *
 * @param[in] direction  0x00 idle mobility (COUNT = uplink NAS COUNT of the
 *                       Registration Request), 0x01 handover (COUNT =
 *                       downlink NAS COUNT).
 * @return 0, -EINVAL (direction not 0 or 1), -EIO.
 */
int agw_kdf_kamf_prime(const uint8_t kamf[AGW_KEY256_LEN], uint8_t direction, uint32_t count,
		       uint8_t kamf_prime[AGW_KEY256_LEN]);

/**
 * K'ASME from K_AMF at 5GS->EPS idle mobility, TS 33.501 A.14.1, FC 0x73:
 * P0 = NAS uplink COUNT.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kasme_prime_idle(const uint8_t kamf[AGW_KEY256_LEN], uint32_t ul_nas_count,
			     uint8_t kasme_prime[AGW_KEY256_LEN]);

/**
 * K'ASME from K_AMF at 5GS->EPS handover, TS 33.501 A.14.2, FC 0x74:
 * P0 = NAS downlink COUNT.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kasme_prime_ho(const uint8_t kamf[AGW_KEY256_LEN], uint32_t dl_nas_count,
			   uint8_t kasme_prime[AGW_KEY256_LEN]);

/**
 * K_AMF' from K_ASME at EPS->5GS idle mobility, TS 33.501 A.15.1, FC 0x75:
 * P0 = NAS uplink COUNT of the TAU message carried in the Registration
 * Request.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kamf_from_kasme_idle(const uint8_t kasme[AGW_KEY256_LEN], uint32_t tau_ul_count,
				 uint8_t kamf_prime[AGW_KEY256_LEN]);

/**
 * K_AMF' from K_ASME at EPS->5GS handover, TS 33.501 A.15.2, FC 0x76:
 * P0 = NH (32 octets).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kamf_from_kasme_ho(const uint8_t kasme[AGW_KEY256_LEN],
			       const uint8_t nh[AGW_KEY256_LEN],
			       uint8_t kamf_prime[AGW_KEY256_LEN]);

/* ------------------------------------------------------------------ */
/* EPS and EAP-AKA'                                                    */
/* ------------------------------------------------------------------ */

/**
 * EPS algorithm key, TS 33.401 A.7, FC 0x15: KEY = K_ASME (NAS) or K_eNB
 * (AS), P0 = algorithm type distinguisher (same values as enum
 * agw_alg_type), P1 = algorithm identity (EEA/EIA 0..15). The key is the
 * 128 least significant bits of the output.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_eps_alg_key(const uint8_t kasme[AGW_KEY256_LEN], uint8_t type, uint8_t alg_id,
			uint8_t out[AGW_KEY128_LEN]);

/**
 * CK' and IK', TS 33.402 A.2, FC 0x20 (used for 5G by TS 33.501 A.3 with
 * the serving network name as access network identity): KEY = CK || IK,
 * P0 = access network identity, P1 = SQN xor AK. CK' is the 128 most
 * significant bits of the output, IK' the 128 least significant.
 *
 * @param[in] anid      access network identity / serving network name.
 * @param[in] anid_len  1..AGW_KDF_PARAM_MAX octets.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_ck_ik_prime(const uint8_t ck[AGW_KEY128_LEN], const uint8_t ik[AGW_KEY128_LEN],
			const char *anid, size_t anid_len, const uint8_t sqn_xor_ak[AGW_SQN_AK_LEN],
			uint8_t ck_prime[AGW_KEY128_LEN], uint8_t ik_prime[AGW_KEY128_LEN]);

/** EAP-AKA' keys, RFC 5448 3.3: MK = K_encr | K_aut | K_re | MSK | EMSK. */
struct agw_eap_aka_prime_keys {
	uint8_t k_encr[16]; /**< 128 bits */
	uint8_t k_aut[32];  /**< 256 bits */
	uint8_t k_re[32];   /**< 256 bits */
	uint8_t msk[64];    /**< 512 bits */
	uint8_t emsk[64];   /**< 512 bits; K_AUSF = its 256 MSBs */
};

/**
 * EAP-AKA' key derivation, RFC 5448 3.3 and 3.4:
 * MK = PRF'(IK' | CK', "EAP-AKA'" | Identity), 1664 bits, where PRF' is
 * T1 = HMAC-SHA-256(K, S | 0x01), Tn = HMAC-SHA-256(K, Tn-1 | S | n).
 *
 * @param[in] identity      the EAP identity (octets, no NUL needed).
 * @param[in] identity_len  0..AGW_KDF_PARAM_MAX octets.
 * @param[out] keys         the five keys.
 * @return 0, -EINVAL, -EIO (all of @p keys zeroised on error).
 */
int agw_eap_aka_prime_keys(const uint8_t ck_prime[AGW_KEY128_LEN],
			   const uint8_t ik_prime[AGW_KEY128_LEN], const char *identity,
			   size_t identity_len, struct agw_eap_aka_prime_keys *keys);

/* ------------------------------------------------------------------ */
/* AKMA (TS 33.535 Annex A)                                            */
/* ------------------------------------------------------------------ */

/**
 * K_AKMA, TS 33.535 A.2, FC 0x80: KEY = K_AUSF, P0 = "AKMA", P1 = SUPI
 * (same value as P0 of TS 33.501 A.7.0, see agw_kdf_supi_param()).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kakma(const uint8_t kausf[AGW_KEY256_LEN], const char *supi, size_t supi_len,
		  uint8_t kakma[AGW_KEY256_LEN]);

/**
 * A-TID, TS 33.535 A.3, FC 0x81: KEY = K_AUSF, P0 = "A-TID", P1 = SUPI.
 * The whole 256-bit output is the A-TID.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_akma_atid(const uint8_t kausf[AGW_KEY256_LEN], const char *supi, size_t supi_len,
		      uint8_t a_tid[AGW_KEY256_LEN]);

/**
 * K_AF, TS 33.535 A.4, FC 0x82: KEY = K_AKMA, P0 = AF_ID (see
 * agw_akma_af_id()).
 *
 * @param[in] af_id      AF_ID octets.
 * @param[in] af_id_len  1..AGW_KDF_PARAM_MAX.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_kaf(const uint8_t kakma[AGW_KEY256_LEN], const uint8_t *af_id, size_t af_id_len,
		uint8_t kaf[AGW_KEY256_LEN]);

/**
 * AF_ID = FQDN of the AF || Ua* security protocol identifier (TS 33.535
 * A.4; the identifier is the 5-octet Ua security protocol identifier of
 * TS 33.220 Annex H).
 *
 * @param[in] fqdn      NUL-terminated FQDN (1..253 characters, printable).
 * @param[in] ua_proto  5 octets.
 * @param[out] out      AF_ID octets (not NUL-terminated).
 * @param[in] cap       capacity of @p out.
 * @return length of AF_ID, -EINVAL, -ENOSPC.
 */
int agw_akma_af_id(const char *fqdn, const uint8_t ua_proto[AGW_UA_PROTO_ID_LEN], uint8_t *out,
		   size_t cap);

/**
 * Build an A-KID: "rid<RID>.tid<hex(A-TID)>@5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org".
 *
 * TS 33.535 6.1 (as quoted in spec/001) only fixes that the A-KID is an NAI
 * whose username holds the RID and the A-TID and whose realm holds the home
 * network identifier. The exact layout could not be confirmed against
 * TS 23.003 in this work, so this function emits the project canonical form
 * of spec/001 3.3 (PROPOSAL P-ID, without the optional AF/AAnF labels):
 * lower-case hex A-TID, realm = TS 23.003 28.2 home network domain.
 * Revisit when the TS 23.003 clause is checked.
 *
 * @param[in] rid        routing indicator, 1..4 decimal digits.
 * @param[in] a_tid      A-TID octets (agw_kdf_akma_atid()).
 * @param[in] a_tid_len  1..32.
 * @param[in] mcc, mnc   3 and 2..3 digits (MNC padded to 3).
 * @param[out] out       NUL-terminated A-KID.
 * @param[in] cap        capacity of @p out, including the NUL.
 * @return length written, -EINVAL, -ENOSPC.
 */
int agw_akma_akid(const char *rid, const uint8_t *a_tid, size_t a_tid_len, const char *mcc,
		  const char *mnc, char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* ProSe U2N relay (TS 33.503 Annex A, TS 33.536 Annex A)              */
/* ------------------------------------------------------------------ */

/**
 * CP-PRUK, TS 33.503 A.2, FC 0x85 (source: kdf.c): KEY = K_AUSF_P,
 * P0 = SUPI, P1 = Relay Service Code (3 octets).
 *
 * @warning FC and parameter order come from third-party transcriptions of
 *   TS 33.503 (spec/002 5.2, an open-source AUSF header citing V19.3.0),
 *   not from the 3GPP text itself. See kdf.c.
 * @param[in] rsc  Relay Service Code, below 2^24.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_cp_pruk(const uint8_t kausf_p[AGW_KEY256_LEN], const char *supi, size_t supi_len,
		    uint32_t rsc, uint8_t cp_pruk[AGW_KEY256_LEN]);

/**
 * CP-PRUK ID*, TS 33.503 A.3, FC 0x86 (source: kdf.c): KEY = K_AUSF_P,
 * P0 = "PRUK-ID", P1 = Relay Service Code, P2 = SUPI. The CP-PRUK ID NAI
 * (TS 23.003 28.7.11) built from it is not provided here.
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_cp_pruk_id_star(const uint8_t kausf_p[AGW_KEY256_LEN], uint32_t rsc, const char *supi,
			    size_t supi_len, uint8_t cp_pruk_id_star[AGW_KEY256_LEN]);

/**
 * K_NR_ProSe, TS 33.503 A.4, FC 0x87 (source: kdf.c): KEY = CP-PRUK,
 * P0 = Nonce_2, P1 = Nonce_1 (16 octets each).
 *
 * @param[in] nonce_1  from the remote UE (Direct Communication Request).
 * @param[in] nonce_2  from the AUSF.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_knr_prose(const uint8_t cp_pruk[AGW_KEY256_LEN],
		      const uint8_t nonce_1[AGW_PROSE_NONCE_LEN],
		      const uint8_t nonce_2[AGW_PROSE_NONCE_LEN],
		      uint8_t knr_prose[AGW_KEY256_LEN]);

/**
 * K_NRP-sess, TS 33.536 Annex A, FC 0x7F: KEY = K_NRP (for the CP-based
 * relay of TS 33.503, K_NR_ProSe), P0 = Nonce_1, P1 = Nonce_2 (16 octets
 * each).
 *
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_knrp_sess(const uint8_t knrp[AGW_KEY256_LEN],
		      const uint8_t nonce_1[AGW_PROSE_NONCE_LEN],
		      const uint8_t nonce_2[AGW_PROSE_NONCE_LEN],
		      uint8_t knrp_sess[AGW_KEY256_LEN]);

/**
 * NRPEK / NRPIK, TS 33.536 Annex A, FC 0x7E: KEY = K_NRP-sess,
 * P0 = 0x00 (NRPEK) or 0x01 (NRPIK), P1 = algorithm identity. The key is
 * the 128 least significant bits.
 *
 * @param[in] integrity  0 for NRPEK, 1 for NRPIK.
 * @param[in] alg_id     0..15.
 * @return 0, -EINVAL, -EIO.
 */
int agw_kdf_nrp_alg_key(const uint8_t knrp_sess[AGW_KEY256_LEN], uint8_t integrity, uint8_t alg_id,
			uint8_t out[AGW_KEY128_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* AGW_KDF_H */
