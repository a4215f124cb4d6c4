/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_UESIM_H
#define AGW_UESIM_H

/**
 * @file
 * The UE side of protected uplink NAS, as anchor-gen, the integration tests
 * and the benchmarks build it: a plain 5GMM message, ciphered with NEA after
 * SQN, MAC'd with NIA over SQN || ciphertext (COUNT, BEARER 1, DIRECTION 0;
 * TS 33.501 6.4.3.1), in NGAP UplinkNASTransport / SCTP DATA / IPv4 /
 * Ethernet from gNB 10.0.0.(1 + 2 * gnb) to the gateway 10.0.0.2.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_nas_sec.h"

#define AGW_UESIM_MAX_FRAME 2048

/** One simulated UE with its NAS security context. */
struct agw_uesim_ue {
	uint64_t amf_id;   /**< AMF-UE-NGAP-ID */
	uint32_t ran_id;   /**< RAN-UE-NGAP-ID */
	uint8_t gnb;       /**< which simulated gNB (association) */
	uint8_t nia, nea;  /**< algorithms */
	uint32_t count;    /**< next UL NAS COUNT */
	uint32_t dl_count; /**< next DL NAS COUNT (what the gateway must use) */
	uint8_t kint[16];  /**< K_NASint */
	uint8_t kenc[16];  /**< K_NASenc */
	struct agw_nia_key ik;
	struct agw_nea_key ek;
};

/** Expand the UE's keys (after setting kint/kenc/nia/nea); 0 or -EINVAL. */
int agw_uesim_ue_keys(struct agw_nas_sec_engine *eng, struct agw_uesim_ue *u);

/** Zeroise a UE's keys. */
void agw_uesim_ue_clear(struct agw_uesim_ue *u);

/**
 * Build one protected uplink message of @p u with COUNT u->count (the
 * caller advances it).
 *
 * @param[in] reg_complete  1: Registration complete (the gateway punts it);
 *                          0: UL NAS transport carrying @p payload.
 * @param[in] mac_flip      XOR into the first MAC octet (0: a valid MAC).
 * @param[in] ngap_cut      0, or cut the NGAP PDU to this many octets
 *                          (malformed frame).
 * @param[out] frame        the frame as the gNB sends it.
 * @param[out] expected     the frame as the gateway forwards it (NAS
 *                          deciphered, CRC recomputed); may be NULL.
 * @param[out] exp_len      its length.
 * @return the frame length, or a negative error.
 */
long agw_uesim_ul_frame(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u,
			int reg_complete, const uint8_t *payload, size_t payload_len,
			uint8_t mac_flip, size_t ngap_cut, uint8_t *frame, uint8_t *expected,
			long *exp_len);

/**
 * Build one downlink NAS message for @p u as the core hands it to the
 * gateway (DownlinkNASTransport from the AMF, NAS-PDU = security header
 * placeholder with MAC 0 and SQN 0, then the plain DL NAS transport) and as
 * the UE must receive it (ciphered with NEA and MAC'd with NIA, DIRECTION 1,
 * COUNT u->dl_count; the caller advances it).
 *
 * @return the input frame length, or a negative error; @p exp_len gets the
 *   expected frame's.
 */
long agw_uesim_dl_frame(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u,
			const uint8_t *payload, size_t payload_len, uint8_t *frame,
			uint8_t *expected, long *exp_len);

#endif /* AGW_UESIM_H */
