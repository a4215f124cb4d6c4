/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_PC5_H
#define AGW_PC5_H

/**
 * @file
 * PC5 signalling (PC5-S) codec for the 5G ProSe UE-to-network relay,
 * 3GPP TS 24.554 clauses 10.3 (messages) and 11.3 (IE coding): direct link
 * establishment, security mode control, authentication and release.
 *
 * Names: Rel-17 TS 24.554 calls the messages "PROSE DIRECT LINK ...". The
 * older names used by TS 33.503/33.536 and the patents (after the LTE
 * ProSe TS 24.334 "DIRECT_COMMUNICATION_..." messages) map as follows:
 *
 * | older name                        | TS 24.554 Rel-17 name                       |
 * |-----------------------------------|---------------------------------------------|
 * | Direct Communication Request      | PROSE DIRECT LINK ESTABLISHMENT REQUEST     |
 * | Direct Communication Accept       | PROSE DIRECT LINK ESTABLISHMENT ACCEPT      |
 * | Direct Communication Reject       | PROSE DIRECT LINK ESTABLISHMENT REJECT      |
 * | Direct Security Mode Command      | PROSE DIRECT LINK SECURITY MODE COMMAND     |
 * | Direct Security Mode Complete     | PROSE DIRECT LINK SECURITY MODE COMPLETE    |
 * | Direct Security Mode Reject       | PROSE DIRECT LINK SECURITY MODE REJECT      |
 * | Direct Communication Release      | PROSE DIRECT LINK RELEASE REQUEST           |
 * | Direct Communication Release Accept | PROSE DIRECT LINK RELEASE ACCEPT          |
 *
 * CONFIRMATION STATUS. The TS 24.554 tables themselves could not be read
 * while this codec was written. Values are marked:
 *  - "secondary": taken from a public implementation that transcribes
 *    TS 24.554 (NIST psc-ns3, nr-sl-pc5-signalling-header.h and
 *    nr-sl-ue-prose-direct-link.cc, which cite TS 24.554 V0.4.0 and
 *    Table 11.3.8.1) or from the V2X twin TS 24.587 via TS 38.508-1;
 *  - "unconfirmed": chosen here by analogy with TS 24.587/24.501; check
 *    against TS 24.554 Table 11.3.1.1 / the message tables of 10.3 before
 *    interworking with a real UE.
 * doc/pc5-encapsulation.md lists every value with its status.
 *
 * Security: NR PC5-S messages carry no security header; integrity and
 * ciphering are applied by PDCP on the sidelink SRB (TS 33.536 5.3.3.1.4),
 * so this codec sees plain messages.
 *
 * Wire format (TS 24.554 11.3 / TS 24.007 11.2.1.1 notation): message
 * type (V, 1), sequence number (V, 1), the mandatory IEs of the message
 * in fixed order (V / LV / LV-E), then optional IEs in any order (TV /
 * TLV / TLV-E, identified by their IEI). There is no message length
 * field: the message ends where the PDCP SDU (here: the UDP payload) ends.
 * Consequently a message cut exactly after an optional IE is itself a
 * valid, shorter message; every other cut is detected.
 *
 * Decoding is zero-copy: struct agw_pc5_buf and the nonce pointers point
 * into the input buffer, which must outlive the decoded message.
 *
 * @note Reentrant, no state: call from any lcore.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * UDP port anchorgw uses to carry one PC5 signalling message per UDP
 * payload in captures, tests and between the relay simulator and the
 * gateway. Not a 3GPP value (PC5-S runs over PDCP, not UDP); tshark 4.0
 * registers no dissector on it. See doc/pc5-encapsulation.md.
 */
#define AGW_PC5_UDP_PORT 5554

/** Nonce_1 / Nonce_2 length: 128 bits (TS 24.554 11.3.10, TS 33.503). */
#define AGW_PC5_NONCE_LEN 16

/**
 * ProSe PC5 signalling message types (TS 24.554 11.3.1, Table 11.3.1.1).
 * 0x01..0x08: secondary (NIST psc-ns3 enum, transcribed from TS 24.554).
 * 0x09..0x0e: unconfirmed (same numbering as TS 24.587 assumed; the
 * security mode trio also matches TS 24.334's 12..14 as NIST lists them).
 */
enum agw_pc5_msg_type {
	AGW_PC5_DL_EST_REQ = 0x01,  /**< PROSE DIRECT LINK ESTABLISHMENT REQUEST */
	AGW_PC5_DL_EST_ACC = 0x02,  /**< PROSE DIRECT LINK ESTABLISHMENT ACCEPT */
	AGW_PC5_DL_EST_REJ = 0x03,  /**< PROSE DIRECT LINK ESTABLISHMENT REJECT */
	AGW_PC5_DL_MOD_REQ = 0x04,  /**< MODIFICATION REQUEST (not coded here) */
	AGW_PC5_DL_MOD_ACC = 0x05,  /**< MODIFICATION ACCEPT (not coded here) */
	AGW_PC5_DL_MOD_REJ = 0x06,  /**< MODIFICATION REJECT (not coded here) */
	AGW_PC5_DL_REL_REQ = 0x07,  /**< PROSE DIRECT LINK RELEASE REQUEST */
	AGW_PC5_DL_REL_ACC = 0x08,  /**< PROSE DIRECT LINK RELEASE ACCEPT */
	AGW_PC5_DL_AUTH_REQ = 0x09, /**< PROSE DIRECT LINK AUTHENTICATION REQUEST (unconfirmed) */
	AGW_PC5_DL_AUTH_RSP = 0x0a, /**< PROSE DIRECT LINK AUTHENTICATION RESPONSE (unconfirmed) */
	AGW_PC5_DL_AUTH_REJ = 0x0b, /**< PROSE DIRECT LINK AUTHENTICATION REJECT (unconfirmed) */
	AGW_PC5_DL_SMC = 0x0c,	    /**< PROSE DIRECT LINK SECURITY MODE COMMAND (unconfirmed) */
	AGW_PC5_DL_SM_COMPLETE =
		0x0d,		     /**< PROSE DIRECT LINK SECURITY MODE COMPLETE (unconfirmed) */
	AGW_PC5_DL_SM_REJECT = 0x0e, /**< PROSE DIRECT LINK SECURITY MODE REJECT (unconfirmed) */
};

/** Pre-Rel-17 names (TS 33.503/33.536, patents). */
#define AGW_PC5_DIRECT_COMM_REQ AGW_PC5_DL_EST_REQ
#define AGW_PC5_DIRECT_COMM_ACCEPT AGW_PC5_DL_EST_ACC
#define AGW_PC5_DIRECT_COMM_REJECT AGW_PC5_DL_EST_REJ
#define AGW_PC5_DIRECT_SMC AGW_PC5_DL_SMC
#define AGW_PC5_DIRECT_SM_COMPLETE AGW_PC5_DL_SM_COMPLETE
#define AGW_PC5_DIRECT_SM_REJECT AGW_PC5_DL_SM_REJECT
#define AGW_PC5_DIRECT_COMM_RELEASE AGW_PC5_DL_REL_REQ
#define AGW_PC5_DIRECT_COMM_RELEASE_ACCEPT AGW_PC5_DL_REL_ACC

/**
 * IEs this codec knows. Each has one format per TS 24.554 10.3 tables;
 * the IEI (for optional IEs) and its status are in agw_pc5.c and
 * doc/pc5-encapsulation.md.
 */
enum agw_pc5_ie {
	AGW_PC5_IE_SRC_USER_INFO,  /**< source user info: application layer ID (11.3.4), LV */
	AGW_PC5_IE_UE_SEC_CAP,	   /**< UE security capabilities (11.3.11), LV 2..8 */
	AGW_PC5_IE_SIG_SEC_POLICY, /**< UE PC5 unicast signalling security policy (11.3.12), V */
	AGW_PC5_IE_QOS_FLOWS,	   /**< PC5 QoS flow descriptions (11.3.5), LV-E, opaque */
	AGW_PC5_IE_UP_SEC_CONFIG,  /**< config of UE PC5 unicast UP security protection (11.3.18), V
				    */
	AGW_PC5_IE_CAUSE,	   /**< PC5 signalling protocol cause (11.3.8), V */
	AGW_PC5_IE_SEL_ALGS,	   /**< selected security algorithms (11.3.22), V */
	AGW_PC5_IE_TARGET_USER_INFO, /**< target user info: application layer ID, TLV */
	AGW_PC5_IE_KEIC,	     /**< key establishment information container (11.3.9), TLV-E */
	AGW_PC5_IE_NONCE_1,	     /**< Nonce_1 (11.3.10), TV 17 */
	AGW_PC5_IE_MSB_KNRP_SESS_ID, /**< MSB of K_NRP-sess ID (11.3.13), TV 2 */
	AGW_PC5_IE_KNRP_ID,	     /**< K_NRP ID (11.3.14), TV 5 */
	AGW_PC5_IE_RSC,		     /**< relay service code (11.3.26), TV 4, 24 bits */
	AGW_PC5_IE_UE_IDENTITY,	     /**< UE identity: 5GS mobile identity, SUCI (11.3.30), TLV-E */
	AGW_PC5_IE_USER_KEY_ID,	     /**< user security key ID: CP-PRUK ID (11.3.32), TLV */
	AGW_PC5_IE_HPLMN_ID,	     /**< HPLMN ID: PLMN ID (11.3.33), TV 4 */
	AGW_PC5_IE_KEY_UPDATE_IND,   /**< key update indication: patent extension, type 1 (TV 1) */
	AGW_PC5_IE_NONCE_2,	     /**< Nonce_2 (11.3.10), TV 17 */
	AGW_PC5_IE_LSB_KNRP_SESS_ID, /**< LSB of K_NRP-sess ID (11.3.15), TV 2 */
	AGW_PC5_IE_MSBS_KNRP_ID,     /**< MSBs of K_NRP ID (11.3.16), TV 3 */
	AGW_PC5_IE_LSBS_KNRP_ID,     /**< LSBs of K_NRP ID (11.3.17), TV 3 */
	AGW_PC5_IE_EAP,		     /**< EAP message (11.3.31), TLV-E */
	AGW_PC5_IE_IP_ADDR_CONFIG,   /**< IP address configuration (11.3.6), TV 2 */
	AGW_PC5_IE_LL_IPV6,	     /**< link local IPv6 address (11.3.7), TV 17 */
	AGW_PC5_IE_N_
};

/** Presence bit of an IE in struct agw_pc5_msg::present. */
#define AGW_PC5_BIT(ie) (1u << (ie))

/**
 * PC5 signalling protocol cause values (TS 24.554 11.3.8, Table
 * 11.3.8.1); secondary (NIST psc-ns3 list).
 */
enum agw_pc5_cause {
	AGW_PC5_CAUSE_NOT_ALLOWED = 1, /**< direct communication to the target UE not allowed */
	AGW_PC5_CAUSE_NO_LONGER_NEEDED = 2,	/**< ... no longer needed */
	AGW_PC5_CAUSE_L2ID_CONFLICT = 3,	/**< conflict of layer-2 ID for unicast */
	AGW_PC5_CAUSE_NOT_AVAILABLE = 4,	/**< direct connection is not available anymore */
	AGW_PC5_CAUSE_LACK_OF_RESOURCES = 5,	/**< lack of resources for PC5 unicast link */
	AGW_PC5_CAUSE_AUTH_FAILURE = 6,		/**< authentication failure */
	AGW_PC5_CAUSE_INTEGRITY_FAILURE = 7,	/**< integrity failure */
	AGW_PC5_CAUSE_SEC_CAP_MISMATCH = 8,	/**< UE security capabilities mismatch */
	AGW_PC5_CAUSE_LSB_SESS_ID_CONFLICT = 9, /**< LSB of K_NRP-sess ID conflict */
	AGW_PC5_CAUSE_SIG_POLICY_MISMATCH =
		10, /**< UE PC5 unicast signalling security policy mismatch */
	AGW_PC5_CAUSE_SERVICE_NOT_ALLOWED = 11, /**< required service not allowed */
	AGW_PC5_CAUSE_POLICY_NOT_ALIGNED = 12,	/**< security policy not aligned */
	AGW_PC5_CAUSE_CONGESTION = 13,		/**< congestion situation */
	AGW_PC5_CAUSE_AUTH_SYNC_ERROR = 14,	/**< authentication synchronisation error */
	AGW_PC5_CAUSE_RELAY_SEC_FAILURE = 15,	/**< security procedure failure of U2N relay */
	AGW_PC5_CAUSE_PROTOCOL_ERROR = 111,	/**< protocol error, unspecified */
};

/**
 * Key update indication values (patent seed 002 [0431]: "0" asks the
 * network to update PRUK #1, "1" keeps it). Not a TS 24.554 IE.
 */
enum agw_pc5_key_update {
	AGW_PC5_KEY_UPDATE_NEEDED = 0,
	AGW_PC5_KEY_UPDATE_NONE = 1,
};

/** User security key ID type (first value octet; unconfirmed coding). */
enum agw_pc5_key_id_type {
	AGW_PC5_KEY_ID_UP_PRUK = 0, /**< UP-PRUK ID */
	AGW_PC5_KEY_ID_CP_PRUK = 1, /**< CP-PRUK ID */
};

/** Longest application layer ID content (LV, TS 24.554 11.3.4). */
#define AGW_PC5_APP_ID_MAX 253

/** A span of octets inside a decoded buffer (or given to the encoder). */
struct agw_pc5_buf {
	const uint8_t *p; /**< first octet */
	uint16_t len;	  /**< number of octets */
};

/**
 * One PC5 signalling message. Only the IEs whose AGW_PC5_BIT is in
 * @c present are meaningful; which IEs a message may carry, and which are
 * mandatory, is fixed per message type (agw_pc5_ie_allowed()).
 */
struct agw_pc5_msg {
	uint8_t type;	  /**< enum agw_pc5_msg_type */
	uint8_t seq;	  /**< sequence number (11.3.2) */
	uint32_t present; /**< AGW_PC5_BIT(enum agw_pc5_ie) */
	struct agw_pc5_buf src_user_info;
	struct agw_pc5_buf ue_sec_cap; /**< octet 1: 5G-EA0..7, octet 2: 5G-IA0..7, ... */
	uint8_t sig_sec_policy;	       /**< bits 1-3 integrity, 5-7 ciphering policy */
	struct agw_pc5_buf qos_flows;
	uint8_t up_sec_config;
	uint8_t cause;	  /**< enum agw_pc5_cause */
	uint8_t sel_algs; /**< bits 5-7 ciphering, bits 1-3 integrity (TS 24.501 9.11.3.34) */
	struct agw_pc5_buf target_user_info;
	struct agw_pc5_buf keic;
	const uint8_t *nonce_1; /**< AGW_PC5_NONCE_LEN octets */
	uint8_t msb_knrp_sess_id;
	uint32_t knrp_id;
	uint32_t rsc;			/**< 24-bit relay service code */
	struct agw_pc5_buf ue_identity; /**< 5GS mobile identity (SUCI), TS 24.501 9.11.3.4 */
	uint8_t user_key_id_type;	/**< enum agw_pc5_key_id_type */
	struct agw_pc5_buf user_key_id; /**< the CP-PRUK ID octets */
	uint8_t hplmn[3];		/**< TBCD MCC/MNC */
	uint8_t key_update_ind;		/**< enum agw_pc5_key_update */
	const uint8_t *nonce_2;		/**< AGW_PC5_NONCE_LEN octets */
	uint8_t lsb_knrp_sess_id;
	uint16_t msbs_knrp_id;
	uint16_t lsbs_knrp_id;
	struct agw_pc5_buf eap;
	uint8_t ip_addr_config;
	const uint8_t *ll_ipv6; /**< 16 octets */
};

/**
 * Decode a PC5 signalling message.
 *
 * @param[in] buf  message octets (PDCP SDU / UDP payload).
 * @param[in] len  number of octets.
 * @param[out] m   decoded message; pointers into @p buf. On error its
 *   content is unspecified.
 * @return 0;
 *   AGW_PROTO_E_TRUNCATED if the input ends inside a mandatory IE or an
 *   optional IE;
 *   AGW_PROTO_E_UNKNOWN_TYPE for a message type not coded here, or an IEI
 *   the message does not allow;
 *   AGW_PROTO_E_BAD_LENGTH if a length field is outside the IE's range;
 *   AGW_PROTO_E_BAD_VALUE if a value is out of range (spare bits set in a
 *   key update indication).
 *   An optional IE that appears twice is taken from its first occurrence
 *   (TS 24.007 11.2.4).
 */
int agw_pc5_decode(const void *buf, size_t len, struct agw_pc5_msg *m);

/**
 * Encode a PC5 signalling message: mandatory IEs in order, then the
 * optional IEs flagged in m->present in the order of the message table.
 *
 * @param[out] buf  output buffer.
 * @param[in] cap   its capacity.
 * @param[in] m     message; every mandatory IE must be flagged present.
 * @return octets written;
 *   AGW_PROTO_E_NO_SPACE if @p cap is too small;
 *   AGW_PROTO_E_UNKNOWN_TYPE for a message type not coded here, or an IE
 *   flagged that the message does not allow;
 *   AGW_PROTO_E_MISSING_IE if a mandatory IE is not flagged;
 *   AGW_PROTO_E_BAD_VALUE for a value out of range (length outside the
 *   IE's range, RSC above 24 bits, NULL pointer).
 */
long agw_pc5_encode(void *buf, size_t cap, const struct agw_pc5_msg *m);

/**
 * Whether a message type may carry an IE.
 *
 * @param[in] type  message type.
 * @param[in] ie    enum agw_pc5_ie.
 * @return 2 if mandatory, 1 if optional, 0 if not allowed (or the type is
 *   not coded here).
 */
int agw_pc5_ie_allowed(uint8_t type, enum agw_pc5_ie ie);

/**
 * Message name as TS 24.554 spells it.
 *
 * @param[in] type  message type.
 * @return static string; "UNKNOWN" for types not coded here.
 */
const char *agw_pc5_msg_name(uint8_t type);

/**
 * IE name, for logs and tests.
 *
 * @param[in] ie  enum agw_pc5_ie.
 * @return static string; "?" when out of range.
 */
const char *agw_pc5_ie_name(enum agw_pc5_ie ie);

/**
 * Test whether an IE is present.
 *
 * @param[in] m   decoded or prepared message.
 * @param[in] ie  enum agw_pc5_ie.
 * @return 1 if present, 0 otherwise.
 */
static inline int
agw_pc5_has(const struct agw_pc5_msg *m, enum agw_pc5_ie ie)
{
	return (m->present >> ie) & 1;
}

#ifdef __cplusplus
}
#endif

#endif /* AGW_PC5_H */
