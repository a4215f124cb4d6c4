/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_GTPV2_H
#define AGW_GTPV2_H

/**
 * @file
 * GTPv2-C (3GPP TS 29.274) codec for N26, the AMF<->MME interface of
 * idle-mode mobility (TS 23.502 4.11.1.3.3): the message header, a generic
 * IE walker (grouped IEs included), the typed IEs that Context Request,
 * Context Response and Context Acknowledge carry, and encoders/decoders for
 * those three messages. Any other message type decodes generically
 * (header + IE walk).
 *
 * Decoders are zero-copy: struct agw_gtpv2_ie, struct agw_gtpv2_buf and
 * every "const uint8_t *" in a decoded structure point into the input
 * buffer, which must outlive them. K_ASME and NH are therefore never
 * copied by the decoder; the caller zeroises the receive buffer once done.
 * Every field is read through the bounded reader of agw_proto.h; a decoder
 * never reads past the span it is given.
 *
 * Encoders write into a caller buffer and return the number of octets
 * written or a negative AGW_PROTO_E_* code.
 *
 * @note All functions are reentrant and keep no state: call them from any
 *   lcore.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/** UDP port of GTP-C (TS 29.274 4.2.1). */
#define AGW_GTPV2_UDP_PORT 2123

/** Header length with a TEID (T=1) and without (T=0), TS 29.274 5.1. */
#define AGW_GTPV2_HDR_LEN_TEID 12
#define AGW_GTPV2_HDR_LEN_NOTEID 8

/** IE header: type (1), length (2), spare/instance (1), TS 29.274 8.2.1. */
#define AGW_GTPV2_IE_HDR_LEN 4

/** Deepest nesting of grouped IEs the walker follows. */
#define AGW_GTPV2_MAX_DEPTH 4

/** Message types used here (TS 29.274 Table 6.1-1). */
enum agw_gtpv2_msg_type {
	AGW_GTPV2_ECHO_REQ = 1,
	AGW_GTPV2_ECHO_RSP = 2,
	AGW_GTPV2_VERSION_NOT_SUPPORTED = 3,
	AGW_GTPV2_CREATE_SESSION_REQ = 32,
	AGW_GTPV2_CREATE_SESSION_RSP = 33,
	AGW_GTPV2_IDENTIFICATION_REQ = 128,
	AGW_GTPV2_IDENTIFICATION_RSP = 129,
	AGW_GTPV2_CONTEXT_REQ = 130,
	AGW_GTPV2_CONTEXT_RSP = 131,
	AGW_GTPV2_CONTEXT_ACK = 132,
};

/** IE types (TS 29.274 Table 8.1-1). */
enum agw_gtpv2_ie_type {
	AGW_GTPV2_IE_IMSI = 1,
	AGW_GTPV2_IE_CAUSE = 2,
	AGW_GTPV2_IE_RECOVERY = 3,
	AGW_GTPV2_IE_EBI = 73,
	AGW_GTPV2_IE_IP_ADDRESS = 74,
	AGW_GTPV2_IE_MEI = 75,
	AGW_GTPV2_IE_INDICATION = 77,
	AGW_GTPV2_IE_BEARER_QOS = 80,
	AGW_GTPV2_IE_RAT_TYPE = 82,
	AGW_GTPV2_IE_SERVING_NETWORK = 83,
	AGW_GTPV2_IE_ULI = 86,
	AGW_GTPV2_IE_FTEID = 87,
	AGW_GTPV2_IE_BEARER_CONTEXT = 93,
	AGW_GTPV2_IE_MM_GSM_TRIPLETS = 103,
	AGW_GTPV2_IE_MM_UMTS_CIPHER_QUINT = 104,
	AGW_GTPV2_IE_MM_GSM_CIPHER_QUINT = 105,
	AGW_GTPV2_IE_MM_UMTS_QUINT = 106,
	AGW_GTPV2_IE_MM_EPS = 107, /**< EPS Security Context, Quadruplets and Quintuplets */
	AGW_GTPV2_IE_MM_UMTS_QUAD_QUINT = 108,
	AGW_GTPV2_IE_PDN_CONNECTION = 109,
	AGW_GTPV2_IE_PTMSI = 111,
	AGW_GTPV2_IE_PTMSI_SIGNATURE = 112,
	AGW_GTPV2_IE_HOP_COUNTER = 113,
	AGW_GTPV2_IE_COMPLETE_REQUEST_MSG = 116,
	AGW_GTPV2_IE_GUTI = 117,
	AGW_GTPV2_IE_PLMN_ID = 120,
	AGW_GTPV2_IE_PORT_NUMBER = 126,
	AGW_GTPV2_IE_NODE_TYPE = 135,
	AGW_GTPV2_IE_FQDN = 136,
	AGW_GTPV2_IE_OVERLOAD_CONTROL = 180,
	AGW_GTPV2_IE_LOAD_CONTROL = 181,
	AGW_GTPV2_IE_REMOTE_UE_CONTEXT = 191,
	AGW_GTPV2_IE_SCEF_PDN_CONNECTION = 195,
	AGW_GTPV2_IE_PRIVATE_EXTENSION = 255,
};

/**
 * Cause values (TS 29.274 Table 8.4-1) that N26 uses.
 *
 * A Context Request whose Complete TAU Request fails the MME's integrity
 * check is answered with AGW_GTPV2_CAUSE_USER_AUTH_FAILED (92, "User
 * authentication failed"): TS 29.274 7.3.6 (Context Response, Cause IE)
 * and TS 23.401 5.3.3.1 step 5 / TS 23.502 4.11.1.3.3 step 5 (the old node
 * answers with "an appropriate error cause" when the TAU fails the
 * integrity check). 94 is "Request rejected (reason not specified)", not
 * the TAU verification failure; 95 is the P-TMSI signature case of RAU.
 * Value and name are cross-checked against tshark 4.0 by test_gtpv2.
 */
enum agw_gtpv2_cause_value {
	AGW_GTPV2_CAUSE_REQUEST_ACCEPTED = 16,
	AGW_GTPV2_CAUSE_CONTEXT_NOT_FOUND = 64,
	AGW_GTPV2_CAUSE_INVALID_MESSAGE_FORMAT = 65,
	AGW_GTPV2_CAUSE_INVALID_LENGTH = 67,
	AGW_GTPV2_CAUSE_MANDATORY_IE_INCORRECT = 69,
	AGW_GTPV2_CAUSE_MANDATORY_IE_MISSING = 70,
	AGW_GTPV2_CAUSE_SYSTEM_FAILURE = 72,
	AGW_GTPV2_CAUSE_USER_AUTH_FAILED = 92,
	AGW_GTPV2_CAUSE_REQUEST_REJECTED = 94,
	AGW_GTPV2_CAUSE_PTMSI_SIGNATURE_MISMATCH = 95,
	AGW_GTPV2_CAUSE_IMSI_IMEI_NOT_KNOWN = 96,
};

/** F-TEID interface types used on N26/S10 (TS 29.274 Table 8.22-1). */
enum agw_gtpv2_fteid_iftype {
	AGW_GTPV2_IF_S10_N26_MME_GTPC = 12, /**< S10/N26 MME GTP-C */
	AGW_GTPV2_IF_SGW_GTPU_DL_FWD = 23,  /**< SGW/UPF GTP-U for DL data forwarding */
	AGW_GTPV2_IF_N26_AMF_GTPC = 40,	    /**< N26 AMF GTP-C */
};

/** RAT Type values (TS 29.274 Table 8.17-1). */
enum agw_gtpv2_rat_type {
	AGW_GTPV2_RAT_UTRAN = 1,
	AGW_GTPV2_RAT_GERAN = 2,
	AGW_GTPV2_RAT_EUTRAN = 6,
	AGW_GTPV2_RAT_NR = 10,
};

/** Complete Request Message types (TS 29.274 8.46). */
enum agw_gtpv2_crm_type {
	AGW_GTPV2_CRM_ATTACH = 0, /**< Complete Attach Request */
	AGW_GTPV2_CRM_TAU = 1,	  /**< Complete TAU Request */
};

/**
 * Indication flags (TS 29.274 8.12), as (octet << 3 | (bit - 1)) with
 * octet counted from 5 (the first flag octet) and bit from 1 (LSB).
 */
#define AGW_GTPV2_IND_FLAG(octet, bit) ((unsigned)(((octet) << 3) | ((bit)-1)))
#define AGW_GTPV2_IND_DAF AGW_GTPV2_IND_FLAG(5, 8)
#define AGW_GTPV2_IND_ISRAI AGW_GTPV2_IND_FLAG(5, 2)
#define AGW_GTPV2_IND_SGWCI AGW_GTPV2_IND_FLAG(5, 1)
#define AGW_GTPV2_IND_UIMSI AGW_GTPV2_IND_FLAG(6, 7)
#define AGW_GTPV2_IND_MSV AGW_GTPV2_IND_FLAG(6, 1) /**< MS validated */
#define AGW_GTPV2_IND_5GSNN26 AGW_GTPV2_IND_FLAG(11, 8)

/** Most flag octets an Indication IE holds here (more are ignored). */
#define AGW_GTPV2_IND_MAX 16

/** Up to 7 quadruplets/quintuplets: each count is a 3-bit field (8.38). */
#define AGW_GTPV2_MAX_VECTORS 7

/** A span of octets inside a decoded buffer. */
struct agw_gtpv2_buf {
	const uint8_t *p; /**< first octet (NULL when len == 0 may happen) */
	uint16_t len;	  /**< number of octets */
};

/** GTPv2-C header (TS 29.274 5.1, Figure 5.1-1). */
struct agw_gtpv2_hdr {
	uint8_t version; /**< 3 bits, 2 for GTPv2 */
	uint8_t p;	 /**< piggybacking flag */
	uint8_t t;	 /**< TEID flag: TEID field present */
	uint8_t mp;	 /**< message priority flag */
	uint8_t type;	 /**< message type (enum agw_gtpv2_msg_type) */
	uint16_t length; /**< octets after the first four */
	uint32_t teid;	 /**< valid when t == 1 */
	uint32_t seq;	 /**< 24-bit sequence number */
	uint8_t prio;	 /**< message priority (4 bits), when mp == 1 */
	uint8_t spare;	 /**< the spare bits of the last octet, as received */
};

/** One IE as the walker sees it (TS 29.274 8.2.1, Figure 8.2-1). */
struct agw_gtpv2_ie {
	uint8_t type;	    /**< IE type */
	uint8_t instance;   /**< 4-bit instance */
	uint8_t spare;	    /**< octet 4 bits 8-5 (the "CR flag" of Rel-8) */
	uint16_t len;	    /**< length of the value */
	const uint8_t *val; /**< value octets, in the input buffer */
};

/** A decoded message: header plus the span of its top-level IEs. */
struct agw_gtpv2_msg {
	struct agw_gtpv2_hdr hdr; /**< decoded header */
	const uint8_t *ies;	  /**< first IE octet */
	size_t ies_len;		  /**< octets of IEs */
	size_t msg_len;		  /**< header + IEs (length field + 4) */
	const uint8_t *piggyback; /**< piggybacked message (P=1) or NULL */
	size_t piggyback_len;	  /**< its length */
};

/** IE walker state (see agw_gtpv2_ie_next()). */
struct agw_gtpv2_ie_iter {
	struct agw_rd rd; /**< remaining IE octets */
};

/** IMSI (TS 29.274 8.3): TBCD digits, 1..15. */
struct agw_gtpv2_imsi {
	uint8_t ndigits; /**< number of digits */
	char digits[16]; /**< ASCII '0'..'9', NUL-terminated */
};

/** Cause (TS 29.274 8.4). */
struct agw_gtpv2_cause {
	uint8_t value;	       /**< enum agw_gtpv2_cause_value */
	uint8_t pce;	       /**< PDN Connection IE error */
	uint8_t bce;	       /**< Bearer Context IE error */
	uint8_t cs;	       /**< cause source: 1 = originated by remote node */
	uint8_t has_offending; /**< offending IE octets present (length 6) */
	uint8_t off_type;      /**< offending IE type */
	uint8_t off_instance;  /**< offending IE instance */
};

/** F-TEID (TS 29.274 8.22). */
struct agw_gtpv2_fteid {
	uint8_t v4;	  /**< IPv4 address present */
	uint8_t v6;	  /**< IPv6 address present */
	uint8_t iftype;	  /**< 6-bit interface type (enum agw_gtpv2_fteid_iftype) */
	uint32_t teid;	  /**< TEID / GRE key */
	uint8_t ipv4[4];  /**< when v4 */
	uint8_t ipv6[16]; /**< when v6 */
};

/** Indication (TS 29.274 8.12): the flag octets, from octet 5 on. */
struct agw_gtpv2_ind {
	uint8_t len;			/**< flag octets held (<= AGW_GTPV2_IND_MAX) */
	uint8_t oct[AGW_GTPV2_IND_MAX]; /**< oct[0] is octet 5 */
};

/** GUTI (TS 29.274 8.47): PLMN, MME Group ID, MME Code, M-TMSI. */
struct agw_gtpv2_guti {
	uint8_t plmn[3]; /**< TBCD MCC/MNC as on the wire (TS 24.008 10.5.1.13) */
	uint16_t mmegi;	 /**< MME Group ID */
	uint8_t mmec;	 /**< MME Code */
	uint32_t mtmsi;	 /**< M-TMSI */
};

/** Complete Request Message (TS 29.274 8.46). */
struct agw_gtpv2_crm {
	uint8_t type;		  /**< enum agw_gtpv2_crm_type */
	struct agw_gtpv2_buf msg; /**< the complete NAS message (e.g. protected TAU) */
};

/** Authentication quadruplet (TS 29.274 8.38, Figure 8.38-7). */
struct agw_gtpv2_quad {
	const uint8_t *rand; /**< 16 octets */
	struct agw_gtpv2_buf xres;
	struct agw_gtpv2_buf autn;
	const uint8_t *kasme; /**< 32 octets */
};

/** Authentication quintuplet (TS 29.274 8.38, Figure 8.38-6). */
struct agw_gtpv2_quint {
	const uint8_t *rand; /**< 16 octets */
	struct agw_gtpv2_buf xres;
	const uint8_t *ck; /**< 16 octets */
	const uint8_t *ik; /**< 16 octets */
	struct agw_gtpv2_buf autn;
};

/** Optional trailing fields of the EPS MM Context, in wire order. */
enum agw_gtpv2_mm_ext {
	AGW_GTPV2_MM_EXT_VDP,	     /**< voice domain preference and usage setting (LV) */
	AGW_GTPV2_MM_EXT_PAGING_CAP, /**< UE radio capability for paging (LV-E) */
	AGW_GTPV2_MM_EXT_EXT_AR,     /**< extended access restriction data (LV) */
	AGW_GTPV2_MM_EXT_UE_ADD_SEC, /**< UE additional security capability (LV) */
	AGW_GTPV2_MM_EXT_UE_NR_SEC,  /**< UE NR security capability (LV) */
	AGW_GTPV2_MM_EXT_N_,
};

/**
 * MM Context "EPS Security Context, Quadruplets and Quintuplets", IE type
 * 107 (TS 29.274 8.38, Figure 8.38-4).
 *
 * Optional parts follow their flags: DRX (drxi), NH+NCC (nhi), subscribed
 * AMBRs (sambri), used AMBRs (uambri), old EPS security context (osci).
 * The trailing LV fields after the access restriction octet are present in
 * order as far as the IE length goes: n_ext of enum agw_gtpv2_mm_ext; any
 * octets after the last one this codec knows are kept in @c rest.
 */
struct agw_gtpv2_mm_eps {
	uint8_t sec_mode;	/**< 3 bits, 4 for this IE */
	uint8_t nhi;		/**< NH and NCC present */
	uint8_t drxi;		/**< DRX parameter present */
	uint8_t ksi_asme;	/**< 3 bits */
	uint8_t n_quint;	/**< number of quintuplets (3 bits) */
	uint8_t n_quad;		/**< number of quadruplets (3 bits) */
	uint8_t uambri;		/**< used UE AMBR present */
	uint8_t osci;		/**< old security context present */
	uint8_t sambri;		/**< subscribed UE AMBR present */
	uint8_t nas_int_alg;	/**< used NAS integrity algorithm (3 bits, EIAx) */
	uint8_t nas_cipher_alg; /**< used NAS cipher (4 bits, EEAx) */
	uint32_t nas_dl_count;	/**< 24-bit NAS downlink COUNT */
	uint32_t nas_ul_count;	/**< 24-bit NAS uplink COUNT */
	const uint8_t *kasme;	/**< 32 octets of K_ASME (key material, not copied) */
	struct agw_gtpv2_quint quint[AGW_GTPV2_MAX_VECTORS]; /**< n_quint used */
	struct agw_gtpv2_quad quad[AGW_GTPV2_MAX_VECTORS];   /**< n_quad used */
	uint16_t drx;					     /**< when drxi */
	const uint8_t *nh;				     /**< 32 octets, when nhi */
	uint8_t ncc;					     /**< 3 bits, when nhi */
	uint32_t ul_sub_ambr;				     /**< kbps, when sambri */
	uint32_t dl_sub_ambr;				     /**< kbps, when sambri */
	uint32_t ul_used_ambr;				     /**< kbps, when uambri */
	uint32_t dl_used_ambr;				     /**< kbps, when uambri */
	struct agw_gtpv2_buf ue_net_cap; /**< UE network capability (TS 24.301 9.9.3.34) */
	struct agw_gtpv2_buf ms_net_cap; /**< MS network capability */
	struct agw_gtpv2_buf mei;	 /**< mobile equipment identity */
	uint8_t access_restriction;	 /**< access restriction data octet */
	uint8_t old_nhi;		 /**< old NH/NCC present (when osci) */
	uint8_t old_ksi;		 /**< old KSI_ASME (when osci) */
	uint8_t old_ncc;		 /**< old NCC (when osci and old_nhi) */
	const uint8_t *old_kasme;	 /**< 32 octets (when osci) */
	const uint8_t *old_nh;		 /**< 32 octets (when osci and old_nhi) */
	uint8_t n_ext;			 /**< trailing fields present, 0..AGW_GTPV2_MM_EXT_N_ */
	struct agw_gtpv2_buf ext[AGW_GTPV2_MM_EXT_N_]; /**< by enum agw_gtpv2_mm_ext */
	struct agw_gtpv2_buf rest;		       /**< octets after the last known field */
};

/** Presence bits of struct agw_gtpv2_ctx_req. */
enum {
	AGW_GTPV2_CTXREQ_IMSI = 1u << 0,
	AGW_GTPV2_CTXREQ_GUTI = 1u << 1,
	AGW_GTPV2_CTXREQ_PTMSI = 1u << 2,
	AGW_GTPV2_CTXREQ_CRM = 1u << 3,
	AGW_GTPV2_CTXREQ_FTEID = 1u << 4,
	AGW_GTPV2_CTXREQ_PORT = 1u << 5,
	AGW_GTPV2_CTXREQ_RAT = 1u << 6,
	AGW_GTPV2_CTXREQ_IND = 1u << 7,
	AGW_GTPV2_CTXREQ_HOP = 1u << 8,
	AGW_GTPV2_CTXREQ_TARGET_PLMN = 1u << 9,
};

/**
 * Context Request (TS 29.274 7.3.5, Table 7.3.5-1), the IEs N26 uses; all
 * are conditional or optional (IMSI or GUTI or P-TMSI identify the UE).
 */
struct agw_gtpv2_ctx_req {
	uint32_t present;	      /**< AGW_GTPV2_CTXREQ_* */
	struct agw_gtpv2_imsi imsi;   /**< IMSI, instance 0 */
	struct agw_gtpv2_guti guti;   /**< GUTI (117), instance 0 */
	uint32_t ptmsi;		      /**< P-TMSI (111), instance 0 */
	struct agw_gtpv2_crm crm;     /**< Complete TAU Request (116), instance 0 */
	struct agw_gtpv2_fteid fteid; /**< S3/S16/S10/N26 sender F-TEID, instance 0 */
	uint16_t udp_src_port;	      /**< UDP Source Port Number (126), instance 0 */
	uint8_t rat_type;	      /**< RAT Type (82), instance 0 */
	struct agw_gtpv2_ind ind;     /**< Indication (77), instance 0 */
	uint8_t hop_counter;	      /**< Hop Counter (113), instance 0 */
	uint8_t target_plmn[3];	      /**< Target PLMN ID: Serving Network (83), instance 0 */
};

/** Presence bits of struct agw_gtpv2_ctx_rsp. */
enum {
	AGW_GTPV2_CTXRSP_IMSI = 1u << 0,
	AGW_GTPV2_CTXRSP_MM = 1u << 1,	   /**< an MM Context IE (103..108) */
	AGW_GTPV2_CTXRSP_MM_EPS = 1u << 2, /**< and it is type 107, decoded in @c mm */
	AGW_GTPV2_CTXRSP_FTEID = 1u << 3,
	AGW_GTPV2_CTXRSP_SGW_FTEID = 1u << 4,
	AGW_GTPV2_CTXRSP_IND = 1u << 5,
};

/** Context Response (TS 29.274 7.3.6, Table 7.3.6-1). Cause is mandatory. */
struct agw_gtpv2_ctx_rsp {
	uint32_t present;		  /**< AGW_GTPV2_CTXRSP_* */
	struct agw_gtpv2_cause cause;	  /**< Cause, instance 0 (mandatory) */
	struct agw_gtpv2_imsi imsi;	  /**< IMSI, instance 0 */
	struct agw_gtpv2_ie mm_ie;	  /**< the raw MM Context IE, any of 103..108 */
	struct agw_gtpv2_mm_eps mm;	  /**< decoded when mm_ie.type == 107 */
	struct agw_gtpv2_fteid fteid;	  /**< Sender F-TEID for control plane, instance 0 */
	struct agw_gtpv2_fteid sgw_fteid; /**< SGW S11/S4 F-TEID, instance 1 */
	struct agw_gtpv2_ind ind;	  /**< Indication flags, instance 0 */
	uint8_t n_pdn;			  /**< number of PDN Connection IEs (109) */
};

/** Presence bits of struct agw_gtpv2_ctx_ack. */
enum {
	AGW_GTPV2_CTXACK_IND = 1u << 0,
	AGW_GTPV2_CTXACK_FWD_FTEID = 1u << 1,
};

/** Context Acknowledge (TS 29.274 7.3.7, Table 7.3.7-1). Cause is mandatory. */
struct agw_gtpv2_ctx_ack {
	uint32_t present;		  /**< AGW_GTPV2_CTXACK_* */
	struct agw_gtpv2_cause cause;	  /**< Cause, instance 0 (mandatory) */
	struct agw_gtpv2_ind ind;	  /**< Indication flags, instance 0 */
	struct agw_gtpv2_fteid fwd_fteid; /**< Forwarding F-TEID, instance 0 */
	uint8_t n_bearer;		  /**< number of Bearer Context IEs (93) */
};

/* ------------------------------------------------------------------ */
/* Decoding                                                           */
/* ------------------------------------------------------------------ */

/**
 * Decode and validate a GTPv2-C message: header, length, and every IE
 * (recursively into grouped IEs, up to AGW_GTPV2_MAX_DEPTH levels).
 *
 * @param[in] buf   message octets (UDP payload).
 * @param[in] len   number of octets in @p buf.
 * @param[out] msg  decoded header and IE span; points into @p buf.
 * @return 0 on success;
 *   AGW_PROTO_E_TRUNCATED if @p buf ends before the header or the length
 *   field says it does;
 *   AGW_PROTO_E_UNSUPPORTED if the version is not 2;
 *   AGW_PROTO_E_BAD_LENGTH if the length field is shorter than the header
 *   or an IE overruns its enclosing span;
 *   AGW_PROTO_E_TRAILING if octets follow the message and P is 0.
 */
int agw_gtpv2_decode(const void *buf, size_t len, struct agw_gtpv2_msg *msg);

/**
 * Start walking IEs.
 *
 * @param[out] it  walker state.
 * @param[in] ies  first IE octet (msg->ies, or a grouped IE's value).
 * @param[in] len  number of IE octets.
 */
void agw_gtpv2_ie_iter_init(struct agw_gtpv2_ie_iter *it, const uint8_t *ies, size_t len);

/**
 * Take the next IE.
 *
 * @param[in,out] it  walker state.
 * @param[out] ie     the IE; ie->val points into the walked span.
 * @return 1 when an IE was taken, 0 at the end,
 *   AGW_PROTO_E_TRUNCATED if fewer than 4 octets of IE header remain,
 *   AGW_PROTO_E_BAD_LENGTH if the IE length overruns the span.
 */
int agw_gtpv2_ie_next(struct agw_gtpv2_ie_iter *it, struct agw_gtpv2_ie *ie);

/**
 * Find the first IE of a type and instance among IEs (one level).
 *
 * @param[in] ies       first IE octet.
 * @param[in] len       number of IE octets.
 * @param[in] type      IE type.
 * @param[in] instance  IE instance.
 * @param[out] ie       the IE found.
 * @return 0 when found, AGW_PROTO_E_MISSING_IE when absent, or the walker's
 *   error.
 */
int agw_gtpv2_ie_find(const uint8_t *ies, size_t len, uint8_t type, uint8_t instance,
		      struct agw_gtpv2_ie *ie);

/**
 * Whether an IE type is a grouped IE (its value is a list of IEs).
 *
 * @param[in] type  IE type.
 * @return 1 for grouped IE types known here, 0 otherwise.
 */
int agw_gtpv2_ie_is_grouped(uint8_t type);

/**
 * Message type name as TS 29.274 Table 6.1-1 (and tshark) spell it.
 *
 * @param[in] type  message type.
 * @return a static string; "Unknown" for types not listed here.
 */
const char *agw_gtpv2_msg_name(uint8_t type);

/** Typed IE decoders: each checks the IE length, then reads the value.
 * A value longer than the fixed part is accepted and the extra octets are
 * ignored (TS 29.274 8.2.1: IEs may be extended at their end). */

/**
 * Decode an IMSI IE (TS 29.274 8.3): TBCD, filler 0xF in the last nibble.
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_IMSI.
 * @param[out] out  the digits.
 * @return 0; AGW_PROTO_E_BAD_LENGTH for 0 or more than 8 octets;
 *   AGW_PROTO_E_BAD_VALUE for a non-decimal digit or a misplaced filler.
 */
int agw_gtpv2_imsi_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_imsi *out);

/**
 * Decode a Cause IE (TS 29.274 8.4).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_CAUSE.
 * @param[out] out  cause value, flags and the offending IE if present.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if shorter than 2 octets or between 3
 *   and 5 octets (a partial offending IE).
 */
int agw_gtpv2_cause_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_cause *out);

/**
 * Decode an F-TEID IE (TS 29.274 8.22).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_FTEID.
 * @param[out] out  flags, interface type, TEID and addresses.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if the value is shorter than the V4/V6
 *   flags require.
 */
int agw_gtpv2_fteid_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_fteid *out);

/**
 * Decode an Indication IE (TS 29.274 8.12).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_INDICATION.
 * @param[out] out  the flag octets (at most AGW_GTPV2_IND_MAX are kept).
 * @return 0; AGW_PROTO_E_BAD_LENGTH for an empty value.
 */
int agw_gtpv2_ind_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_ind *out);

/**
 * Test one indication flag.
 *
 * @param[in] ind   decoded Indication.
 * @param[in] flag  AGW_GTPV2_IND_* (AGW_GTPV2_IND_FLAG(octet, bit)).
 * @return 1 if set, 0 if clear or beyond the octets received.
 */
int agw_gtpv2_ind_get(const struct agw_gtpv2_ind *ind, unsigned flag);

/**
 * Set one indication flag, growing ind->len as needed (to 2 octets at
 * least, the Rel-8 size).
 *
 * @param[in,out] ind  Indication to change.
 * @param[in] flag     AGW_GTPV2_IND_*.
 * @return 0, or AGW_PROTO_E_BAD_VALUE for a flag outside the octets held.
 */
int agw_gtpv2_ind_set(struct agw_gtpv2_ind *ind, unsigned flag);

/**
 * Decode a GUTI IE (TS 29.274 8.47).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_GUTI.
 * @param[out] out  PLMN, MME Group ID, MME Code, M-TMSI.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if shorter than 10 octets.
 */
int agw_gtpv2_guti_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_guti *out);

/**
 * Decode a Complete Request Message IE (TS 29.274 8.46).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_COMPLETE_REQUEST_MSG.
 * @param[out] out  request type and the NAS message (points into the IE).
 * @return 0; AGW_PROTO_E_BAD_LENGTH for an empty value.
 */
int agw_gtpv2_crm_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_crm *out);

/**
 * Decode an MM Context IE of type 107, "EPS Security Context, Quadruplets
 * and Quintuplets" (TS 29.274 8.38, Figure 8.38-4).
 *
 * @param[in] ie    IE of type AGW_GTPV2_IE_MM_EPS.
 * @param[out] out  decoded context; pointers into the IE. On error, the
 *   fields before the failing one are set, the others are zero.
 * @return 0; AGW_PROTO_E_TRUNCATED if a fixed field or a flagged part runs
 *   past the IE; AGW_PROTO_E_BAD_LENGTH if a length field runs past the IE;
 *   AGW_PROTO_E_BAD_VALUE if the security mode is not 4.
 */
int agw_gtpv2_mm_eps_decode(const struct agw_gtpv2_ie *ie, struct agw_gtpv2_mm_eps *out);

/**
 * Decode a one-octet IE (Recovery 8.5, RAT Type 8.17, Hop Counter 8.43,
 * Node Type 8.64).
 *
 * @param[in] ie    the IE.
 * @param[out] v    its first value octet.
 * @return 0; AGW_PROTO_E_BAD_LENGTH for an empty value.
 */
int agw_gtpv2_u8_decode(const struct agw_gtpv2_ie *ie, uint8_t *v);

/**
 * Decode a two-octet IE (Port Number 8.55).
 *
 * @param[in] ie    the IE.
 * @param[out] v    big-endian value.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if shorter than 2 octets.
 */
int agw_gtpv2_u16_decode(const struct agw_gtpv2_ie *ie, uint16_t *v);

/**
 * Decode a four-octet IE (P-TMSI 8.41).
 *
 * @param[in] ie    the IE.
 * @param[out] v    big-endian value.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if shorter than 4 octets.
 */
int agw_gtpv2_u32_decode(const struct agw_gtpv2_ie *ie, uint32_t *v);

/**
 * Decode a PLMN IE (PLMN ID 8.50, Serving Network 8.18): 3 TBCD octets.
 *
 * @param[in] ie     the IE.
 * @param[out] plmn  the three octets as on the wire.
 * @return 0; AGW_PROTO_E_BAD_LENGTH if shorter than 3 octets.
 */
int agw_gtpv2_plmn_decode(const struct agw_gtpv2_ie *ie, uint8_t plmn[3]);

/**
 * Split a TBCD PLMN (TS 24.008 10.5.1.13) into MCC and MNC.
 *
 * @param[in] plmn        three octets.
 * @param[out] mcc        0..999.
 * @param[out] mnc        0..999.
 * @param[out] mnc_digits 2 or 3.
 * @return 0; AGW_PROTO_E_BAD_VALUE for a non-decimal digit.
 */
int agw_gtpv2_plmn_split(const uint8_t plmn[3], uint16_t *mcc, uint16_t *mnc, uint8_t *mnc_digits);

/**
 * Decode the typed IEs of a Context Request. Unknown IEs are ignored and a
 * repeated IE is taken from its first occurrence (TS 29.274 7.7.8/7.7.9).
 *
 * @param[in] msg   message decoded by agw_gtpv2_decode().
 * @param[out] out  typed IEs; pointers into the message.
 * @return 0; AGW_PROTO_E_BAD_VALUE if msg is not a Context Request; or the
 *   error of the first typed IE that fails to decode.
 */
int agw_gtpv2_ctx_req_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_req *out);

/**
 * Decode the typed IEs of a Context Response.
 *
 * @param[in] msg   message decoded by agw_gtpv2_decode().
 * @param[out] out  typed IEs; pointers into the message.
 * @return 0; AGW_PROTO_E_BAD_VALUE if msg is not a Context Response;
 *   AGW_PROTO_E_MISSING_IE without a Cause; or the error of the first typed
 *   IE that fails to decode (the MM Context included).
 */
int agw_gtpv2_ctx_rsp_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_rsp *out);

/**
 * Decode the typed IEs of a Context Acknowledge.
 *
 * @param[in] msg   message decoded by agw_gtpv2_decode().
 * @param[out] out  typed IEs.
 * @return 0; AGW_PROTO_E_BAD_VALUE if msg is not a Context Acknowledge;
 *   AGW_PROTO_E_MISSING_IE without a Cause; or the error of the first typed
 *   IE that fails to decode.
 */
int agw_gtpv2_ctx_ack_parse(const struct agw_gtpv2_msg *msg, struct agw_gtpv2_ctx_ack *out);

/* ------------------------------------------------------------------ */
/* Encoding                                                           */
/* ------------------------------------------------------------------ */

/**
 * Write a message header; the length is fixed by agw_gtpv2_msg_end().
 *
 * @param[in,out] w  writer positioned at the message start.
 * @param[in] hdr    version is forced to 2; t, p, mp, type, teid, seq, prio
 *   are taken from it.
 * @return where the header starts (for agw_gtpv2_msg_end()), or NULL when
 *   out of space (w->err set).
 */
uint8_t *agw_gtpv2_msg_begin(struct agw_wr *w, const struct agw_gtpv2_hdr *hdr);

/**
 * Fix the length field of a message begun with agw_gtpv2_msg_begin().
 *
 * @param[in,out] w  writer after the last IE.
 * @param[in] start  return value of agw_gtpv2_msg_begin().
 * @return message length in octets, AGW_PROTO_E_NO_SPACE, or
 *   AGW_PROTO_E_BAD_VALUE if the message exceeds the 16-bit length field.
 */
long agw_gtpv2_msg_end(struct agw_wr *w, uint8_t *start);

/**
 * Open an IE whose length is known only at its end (grouped IEs).
 *
 * @param[in,out] w     writer.
 * @param[in] type      IE type.
 * @param[in] instance  IE instance (4 bits).
 * @return mark for agw_gtpv2_ie_close(), or NULL when out of space.
 */
uint8_t *agw_gtpv2_ie_open(struct agw_wr *w, uint8_t type, uint8_t instance);

/**
 * Close an IE opened with agw_gtpv2_ie_open(), writing its length.
 *
 * @param[in,out] w  writer after the IE value.
 * @param[in] mark   return value of agw_gtpv2_ie_open().
 * @return 0, AGW_PROTO_E_NO_SPACE, or AGW_PROTO_E_BAD_VALUE if the value
 *   exceeds 65535 octets.
 */
int agw_gtpv2_ie_close(struct agw_wr *w, uint8_t *mark);

/**
 * Write an IE with a given value.
 *
 * @param[in,out] w     writer.
 * @param[in] type      IE type.
 * @param[in] instance  IE instance.
 * @param[in] val       value octets.
 * @param[in] len       value length.
 */
void agw_gtpv2_put_raw(struct agw_wr *w, uint8_t type, uint8_t instance, const void *val,
		       uint16_t len);

/**
 * Write an IMSI IE (TS 29.274 8.3).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] imsi      1..15 decimal digits.
 * @return 0, or AGW_PROTO_E_BAD_VALUE for a bad digit count or digit.
 */
int agw_gtpv2_put_imsi(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_imsi *imsi);

/**
 * Write a Cause IE (TS 29.274 8.4), 2 octets or 6 with the offending IE.
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] c         cause.
 */
void agw_gtpv2_put_cause(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_cause *c);

/**
 * Write an F-TEID IE (TS 29.274 8.22).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] f         F-TEID; iftype must fit 6 bits.
 * @return 0, or AGW_PROTO_E_BAD_VALUE for an interface type above 63.
 */
int agw_gtpv2_put_fteid(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_fteid *f);

/**
 * Write an Indication IE (TS 29.274 8.12).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] ind       flag octets.
 * @return 0, or AGW_PROTO_E_BAD_VALUE for len 0 or above AGW_GTPV2_IND_MAX.
 */
int agw_gtpv2_put_ind(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_ind *ind);

/**
 * Write a GUTI IE (TS 29.274 8.47).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] g         GUTI.
 */
void agw_gtpv2_put_guti(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_guti *g);

/**
 * Write a Complete Request Message IE (TS 29.274 8.46).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] crm       type and NAS message.
 * @return 0, or AGW_PROTO_E_BAD_VALUE if the message exceeds 65534 octets.
 */
int agw_gtpv2_put_crm(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_crm *crm);

/**
 * Write an MM Context IE of type 107 (TS 29.274 8.38, Figure 8.38-4).
 *
 * @param[in,out] w     writer.
 * @param[in] instance  IE instance.
 * @param[in] mm        context; every pointer its flags call for must be
 *   set (kasme always; nh when nhi; old_kasme when osci; ...).
 * @return 0, or AGW_PROTO_E_BAD_VALUE for a missing pointer, a field out of
 *   its bit width, an LV longer than 255 octets or an IE above 65535.
 */
int agw_gtpv2_put_mm_eps(struct agw_wr *w, uint8_t instance, const struct agw_gtpv2_mm_eps *mm);

/**
 * Write a one-octet IE (Recovery, RAT Type, Hop Counter, Node Type).
 *
 * @param[in,out] w     writer.
 * @param[in] type      IE type.
 * @param[in] instance  IE instance.
 * @param[in] v         value.
 */
void agw_gtpv2_put_u8(struct agw_wr *w, uint8_t type, uint8_t instance, uint8_t v);

/**
 * Write a two-octet IE (Port Number).
 *
 * @param[in,out] w     writer.
 * @param[in] type      IE type.
 * @param[in] instance  IE instance.
 * @param[in] v         value, written big-endian.
 */
void agw_gtpv2_put_u16(struct agw_wr *w, uint8_t type, uint8_t instance, uint16_t v);

/**
 * Encode a Context Request.
 *
 * @param[out] buf  output buffer.
 * @param[in] cap   its capacity.
 * @param[in] teid  TEID of the receiving node (0 for the first request).
 * @param[in] seq   24-bit sequence number.
 * @param[in] req   IEs to write (those flagged in req->present), in the
 *   order of TS 29.274 Table 7.3.5-1.
 * @return octets written; AGW_PROTO_E_NO_SPACE; AGW_PROTO_E_BAD_VALUE for
 *   a value out of range (seq above 24 bits, bad IMSI, ...).
 */
long agw_gtpv2_ctx_req_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			      const struct agw_gtpv2_ctx_req *req);

/**
 * Encode a Context Response. The MM Context is written from @c mm when
 * AGW_GTPV2_CTXRSP_MM_EPS is set, else from the raw @c mm_ie when
 * AGW_GTPV2_CTXRSP_MM is set.
 *
 * @param[out] buf  output buffer.
 * @param[in] cap   its capacity.
 * @param[in] teid  TEID of the requesting node (from its sender F-TEID).
 * @param[in] seq   sequence number of the Context Request.
 * @param[in] rsp   IEs to write.
 * @return octets written; AGW_PROTO_E_NO_SPACE; AGW_PROTO_E_BAD_VALUE.
 */
long agw_gtpv2_ctx_rsp_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			      const struct agw_gtpv2_ctx_rsp *rsp);

/**
 * Encode a Context Acknowledge. Bearer Contexts are not generated
 * (n_bearer is ignored).
 *
 * @param[out] buf  output buffer.
 * @param[in] cap   its capacity.
 * @param[in] teid  TEID of the old node.
 * @param[in] seq   sequence number of the Context Response.
 * @param[in] ack   IEs to write.
 * @return octets written; AGW_PROTO_E_NO_SPACE; AGW_PROTO_E_BAD_VALUE.
 */
long agw_gtpv2_ctx_ack_encode(void *buf, size_t cap, uint32_t teid, uint32_t seq,
			      const struct agw_gtpv2_ctx_ack *ack);

#ifdef __cplusplus
}
#endif

#endif /* AGW_GTPV2_H */
