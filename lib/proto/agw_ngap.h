/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NGAP_H
#define AGW_NGAP_H

/**
 * @file
 * NGAP (3GPP TS 38.413) and S1AP (3GPP TS 36.413) codecs, ALIGNED PER
 * (ITU-T X.691, 02/2021 numbering).
 *
 * Both protocols share one layout, decoded by the generic layer
 * (agw_ap_*): the PDU CHOICE {initiatingMessage, successfulOutcome,
 * unsuccessfulOutcome} with procedureCode, criticality and the message as
 * an open type, and the message as a ProtocolIE-Container whose fields are
 * (id, criticality, open type). Any procedure decodes at that level.
 *
 * On top of it agw_ngap_decode() types the IEs listed in enum
 * agw_ngap_has (skipping the others by their open-type length, rejecting
 * an IE whose id TS 38.413 does not define when its criticality is
 * "reject", clause 10.3.4), and agw_ngap_encode() builds the messages of
 * enum agw_ngap_msg_kind. agw_s1ap_decode() types the UE ids and NAS-PDU.
 *
 * Decoders are zero-copy (spans point into the input, which must outlive
 * them), read every field through the bounded reader of agw_proto.h and
 * return 0 or an AGW_PROTO_E_* code. Encoders write into a caller buffer and
 * return the octets written or a negative AGW_PROTO_E_* code.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Generic layer (NGAP and S1AP)                                        */
/* ------------------------------------------------------------------ */

/** A span of octets inside the decoded input. */
struct agw_ap_octets {
	const uint8_t *p; /**< first octet (NULL when absent) */
	size_t len;	  /**< number of octets */
};

/** NGAP-PDU / S1AP-PDU alternatives (TS 38.413 9.4.3, TS 36.413 9.3.2). */
enum agw_ap_pdu_type {
	AGW_AP_INITIATING = 0,	 /**< initiatingMessage */
	AGW_AP_SUCCESSFUL = 1,	 /**< successfulOutcome */
	AGW_AP_UNSUCCESSFUL = 2, /**< unsuccessfulOutcome */
};

/** Criticality ::= ENUMERATED {reject, ignore, notify} (TS 38.413 9.4.6). */
enum agw_ap_crit {
	AGW_AP_REJECT = 0,
	AGW_AP_IGNORE = 1,
	AGW_AP_NOTIFY = 2,
};

/**
 * A decoded PDU (TS 38.413 9.4.3 InitiatingMessage etc.; the message is
 * SEQUENCE {protocolIEs ProtocolIE-Container, ...}, TS 38.413 9.4.4).
 */
struct agw_ap_pdu {
	uint8_t type;		    /**< enum agw_ap_pdu_type */
	uint8_t proc;		    /**< procedureCode, INTEGER (0..255) */
	uint8_t crit;		    /**< procedure criticality, enum agw_ap_crit */
	uint8_t ext;		    /**< extension bit of the message SEQUENCE */
	uint16_t n_ies;		    /**< IEs in the ProtocolIE-Container */
	struct agw_ap_octets value; /**< the message (open type contents) */
	struct agw_ap_octets ies;   /**< from the first IE to the end of the message */
};

/**
 * One ProtocolIE-Field (TS 38.413 9.4.8): id INTEGER (0..65535),
 * criticality, value as an open type.
 */
struct agw_ap_ie {
	uint16_t id;		    /**< ProtocolIE-ID */
	uint8_t crit;		    /**< enum agw_ap_crit */
	struct agw_ap_octets value; /**< the open type contents */
};

/** ProtocolIE-Container walker state; see agw_ap_ie_next(). */
struct agw_ap_ie_iter {
	struct agw_rd rd; /**< remaining fields */
	uint16_t left;	  /**< fields still to read */
	uint8_t ext;	  /**< message has extension additions after the container */
};

/**
 * Decode an NGAP-PDU or S1AP-PDU down to its ProtocolIE-Container header.
 *
 * @param buf
 *   The PDU (e.g. an SCTP DATA payload with PPID 60 or 18).
 * @param len
 *   Octets in @p buf.
 * @param pdu
 *   Filled on success.
 * @return
 *   0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_BAD_VALUE (criticality 3, unknown
 *   CHOICE index); AGW_PROTO_E_UNSUPPORTED (PDU CHOICE extension, or length
 *   determinant fragmented at 16K); AGW_PROTO_E_TRAILING (octets after the
 *   PDU). The PrivateMessage procedure carries a PrivateIE-Container of
 *   another layout: callers must not walk its IEs with agw_ap_ie_next()
 *   (agw_ngap_decode() and agw_s1ap_decode() return AGW_PROTO_E_UNSUPPORTED).
 */
int agw_ap_pdu_decode(const uint8_t *buf, size_t len, struct agw_ap_pdu *pdu);

/**
 * Start walking the IEs of a decoded PDU.
 *
 * @param it
 *   Walker state to initialise.
 * @param pdu
 *   The decoded PDU.
 */
void agw_ap_ie_iter_init(struct agw_ap_ie_iter *it, const struct agw_ap_pdu *pdu);

/**
 * Next ProtocolIE-Field. The open-type length may use the two-octet form
 * (values 128..16383); the fragmented form (16K and more) is rejected.
 * After the last field the container must end with the message unless
 * the message has extension additions.
 *
 * @param it
 *   Walker state.
 * @param ie
 *   Filled when a field is returned.
 * @return
 *   1 when @p ie holds a field, 0 at the end, or AGW_PROTO_E_TRUNCATED,
 *   AGW_PROTO_E_BAD_VALUE (criticality 3), AGW_PROTO_E_UNSUPPORTED
 *   (fragmented length), AGW_PROTO_E_TRAILING (octets after the last field).
 */
int agw_ap_ie_next(struct agw_ap_ie_iter *it, struct agw_ap_ie *ie);

/**
 * Find the first IE with a given id.
 *
 * @param pdu
 *   The decoded PDU.
 * @param id
 *   ProtocolIE-ID to look for.
 * @param ie
 *   Filled when found.
 * @return
 *   1 found, 0 absent, or a negative error of agw_ap_ie_next().
 */
int agw_ap_ie_find(const struct agw_ap_pdu *pdu, uint16_t id, struct agw_ap_ie *ie);

/* ------------------------------------------------------------------ */
/* NGAP constants                                                       */
/* ------------------------------------------------------------------ */

/** Procedure codes used here (TS 38.413 9.4.7). */
enum agw_ngap_proc {
	AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT = 4,
	AGW_NGAP_PROC_ERROR_INDICATION = 9,
	AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP = 14,
	AGW_NGAP_PROC_INITIAL_UE_MESSAGE = 15,
	AGW_NGAP_PROC_NG_SETUP = 21,
	AGW_NGAP_PROC_PRIVATE_MESSAGE = 31,
	AGW_NGAP_PROC_UE_CONTEXT_RELEASE = 41,
	AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT = 46,
};

/** ProtocolIE-IDs typed here (TS 38.413 9.4.7). */
enum agw_ngap_ie_id {
	AGW_NGAP_ID_ALLOWED_NSSAI = 0,
	AGW_NGAP_ID_AMF_NAME = 1,
	AGW_NGAP_ID_AMF_UE_NGAP_ID = 10,
	AGW_NGAP_ID_CAUSE = 15,
	AGW_NGAP_ID_DEFAULT_PAGING_DRX = 21,
	AGW_NGAP_ID_FIVEG_S_TMSI = 26,
	AGW_NGAP_ID_GLOBAL_RAN_NODE_ID = 27,
	AGW_NGAP_ID_GUAMI = 28,
	AGW_NGAP_ID_NAS_PDU = 38,
	AGW_NGAP_ID_PLMN_SUPPORT_LIST = 80,
	AGW_NGAP_ID_RAN_NODE_NAME = 82,
	AGW_NGAP_ID_RAN_UE_NGAP_ID = 85,
	AGW_NGAP_ID_RELATIVE_AMF_CAPACITY = 86,
	AGW_NGAP_ID_RRC_ESTABLISHMENT_CAUSE = 90,
	AGW_NGAP_ID_SECURITY_KEY = 94,
	AGW_NGAP_ID_SERVED_GUAMI_LIST = 96,
	AGW_NGAP_ID_SUPPORTED_TA_LIST = 102,
	AGW_NGAP_ID_TIME_TO_WAIT = 107,
	AGW_NGAP_ID_UE_CONTEXT_REQUEST = 112,
	AGW_NGAP_ID_UE_NGAP_IDS = 114,
	AGW_NGAP_ID_UE_SECURITY_CAPABILITIES = 119,
	AGW_NGAP_ID_USER_LOCATION_INFORMATION = 121,
};

/**
 * Highest ProtocolIE-ID TS 38.413 defines in the release this codec
 * follows (Rel-17, as dissected by Wireshark 4.0: ids 0..359). An IE with
 * a higher id is "not comprehended" (clause 10.3.4).
 */
#define AGW_NGAP_IE_ID_MAX 359

/** Bits of agw_ngap_msg::present, one per typed IE. */
enum agw_ngap_has {
	AGW_NGAP_HAS_ALLOWED_NSSAI = 1u << 0,
	AGW_NGAP_HAS_AMF_NAME = 1u << 1,
	AGW_NGAP_HAS_AMF_UE_NGAP_ID = 1u << 2,
	AGW_NGAP_HAS_CAUSE = 1u << 3,
	AGW_NGAP_HAS_DEFAULT_PAGING_DRX = 1u << 4,
	AGW_NGAP_HAS_FIVEG_S_TMSI = 1u << 5,
	AGW_NGAP_HAS_GLOBAL_RAN_NODE_ID = 1u << 6,
	AGW_NGAP_HAS_GUAMI = 1u << 7,
	AGW_NGAP_HAS_NAS_PDU = 1u << 8,
	AGW_NGAP_HAS_PLMN_SUPPORT_LIST = 1u << 9,
	AGW_NGAP_HAS_RAN_NODE_NAME = 1u << 10,
	AGW_NGAP_HAS_RAN_UE_NGAP_ID = 1u << 11,
	AGW_NGAP_HAS_RELATIVE_AMF_CAPACITY = 1u << 12,
	AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE = 1u << 13,
	AGW_NGAP_HAS_SECURITY_KEY = 1u << 14,
	AGW_NGAP_HAS_SERVED_GUAMI_LIST = 1u << 15,
	AGW_NGAP_HAS_SUPPORTED_TA_LIST = 1u << 16,
	AGW_NGAP_HAS_TIME_TO_WAIT = 1u << 17,
	AGW_NGAP_HAS_UE_CONTEXT_REQUEST = 1u << 18,
	AGW_NGAP_HAS_UE_NGAP_IDS = 1u << 19,
	AGW_NGAP_HAS_UE_SECURITY_CAPABILITIES = 1u << 20,
	AGW_NGAP_HAS_USER_LOCATION_INFORMATION = 1u << 21,
};

/** Capacities of the typed lists (entries beyond are checked, not stored). */
#define AGW_NGAP_MAX_SLICES 8 /**< S-NSSAIs per list (maxnoofAllowedS-NSSAIs = 8) */
#define AGW_NGAP_MAX_PLMNS 4  /**< PLMNs per list (maxnoofBPLMNs/maxnoofPLMNs = 12) */
#define AGW_NGAP_MAX_TAS 4    /**< TAs in SupportedTAList (maxnoofTACs = 256) */
#define AGW_NGAP_MAX_GUAMIS 4 /**< GUAMIs in ServedGUAMIList (maxnoofServedGUAMIs = 256) */

/* ------------------------------------------------------------------ */
/* NGAP information elements                                            */
/* ------------------------------------------------------------------ */

/** PLMN Identity, TS 38.413 9.3.3.5: OCTET STRING (SIZE(3)), TBCD as sent. */
struct agw_ngap_plmn {
	uint8_t v[3];
};

/** S-NSSAI, TS 38.413 9.3.1.24: SST OCTET STRING (SIZE(1)), SD (SIZE(3)) optional. */
struct agw_ngap_snssai {
	uint8_t sst;	/**< slice/service type */
	uint8_t has_sd; /**< SD present */
	uint8_t sd[3];	/**< slice differentiator */
};

/** TAI, TS 38.413 9.3.3.11: PLMN Identity + TAC (9.3.3.10, 3 octets). */
struct agw_ngap_tai {
	struct agw_ngap_plmn plmn;
	uint8_t tac[3];
};

/** NR CGI, TS 38.413 9.3.1.7: PLMN Identity + NR Cell Identity BIT STRING (SIZE(36)). */
struct agw_ngap_nr_cgi {
	struct agw_ngap_plmn plmn;
	uint64_t cell_id; /**< 36 bits */
};

/** UserLocationInformation CHOICE indices (TS 38.413 9.3.1.16). */
enum agw_ngap_uli_type {
	AGW_NGAP_ULI_EUTRA = 0,
	AGW_NGAP_ULI_NR = 1,
	AGW_NGAP_ULI_N3IWF = 2,
	AGW_NGAP_ULI_EXT = 3, /**< choice-Extensions (TNGF, TWIF, W-AGF) */
};

/**
 * User Location Information, TS 38.413 9.3.1.16. Only the NR alternative
 * is typed (NR CGI, TAI, Time Stamp 9.3.1.75); the others are only
 * identified by @c type (the IE is skipped by its length).
 */
struct agw_ngap_uli {
	uint8_t type;		       /**< enum agw_ngap_uli_type */
	struct agw_ngap_nr_cgi nr_cgi; /**< NR only */
	struct agw_ngap_tai tai;       /**< NR only */
	uint8_t has_time_stamp;	       /**< NR only */
	uint8_t time_stamp[4];	       /**< NTP seconds, NR only */
};

/** GUAMI, TS 38.413 9.3.3.3: PLMN, AMF Region ID (8 bits), Set ID (10), Pointer (6). */
struct agw_ngap_guami {
	struct agw_ngap_plmn plmn;
	uint8_t region_id;
	uint16_t set_id;
	uint8_t pointer;
};

/** 5G-S-TMSI, TS 38.413 9.3.3.20: AMF Set ID (10 bits), AMF Pointer (6), 5G-TMSI (4 octets). */
struct agw_ngap_5g_s_tmsi {
	uint16_t set_id;
	uint8_t pointer;
	uint8_t tmsi[4];
};

/** Cause groups: the CHOICE indices of Cause (TS 38.413 9.3.1.2). */
enum agw_ngap_cause_group {
	AGW_NGAP_CAUSE_RADIO_NETWORK = 0,
	AGW_NGAP_CAUSE_TRANSPORT = 1,
	AGW_NGAP_CAUSE_NAS = 2,
	AGW_NGAP_CAUSE_PROTOCOL = 3,
	AGW_NGAP_CAUSE_MISC = 4,
	AGW_NGAP_CAUSE_EXT = 5, /**< choice-Extensions, value not typed */
};

/**
 * Cause, TS 38.413 9.3.1.2. @c value numbers the root values 0..n-1 and
 * continues with the extension values (n, n+1, ...), as TS 38.413 lists
 * them; e.g. radioNetwork 45 is n26-interface-not-available.
 */
struct agw_ngap_cause {
	uint8_t group; /**< enum agw_ngap_cause_group */
	uint8_t value; /**< value within the group */
};

/**
 * UE Security Capabilities, TS 38.413 9.3.1.86: four BIT STRING
 * (SIZE(16, ...)), first bit = algorithm 1 (EA1/IA1). Longer (extended)
 * bit strings are accepted and their first 16 bits kept.
 */
struct agw_ngap_ue_sec_cap {
	uint16_t nr_enc;
	uint16_t nr_int;
	uint16_t eutra_enc;
	uint16_t eutra_int;
};

/** UE-NGAP-IDs CHOICE indices (TS 38.413 9.4.5). */
enum agw_ngap_ue_ids_type {
	AGW_NGAP_UE_IDS_PAIR = 0, /**< uE-NGAP-ID-pair */
	AGW_NGAP_UE_IDS_AMF = 1,  /**< aMF-UE-NGAP-ID only */
	AGW_NGAP_UE_IDS_EXT = 2,  /**< choice-Extensions, not typed */
};

/** UE-NGAP-IDs (TS 38.413 9.4.5), carried by UE CONTEXT RELEASE COMMAND (9.2.2.5). */
struct agw_ngap_ue_ngap_ids {
	uint8_t type;	    /**< enum agw_ngap_ue_ids_type */
	uint64_t amf_ue_id; /**< AMF UE NGAP ID */
	uint32_t ran_ue_id; /**< RAN UE NGAP ID, pair only */
};

/** GlobalRANNodeID CHOICE indices (TS 38.413 9.3.1.5). */
enum agw_ngap_ran_node_type {
	AGW_NGAP_RAN_NODE_GNB = 0,
	AGW_NGAP_RAN_NODE_NG_ENB = 1,
	AGW_NGAP_RAN_NODE_N3IWF = 2,
	AGW_NGAP_RAN_NODE_EXT = 3,
};

/**
 * Global RAN Node ID, TS 38.413 9.3.1.5; the gNB alternative (Global gNB ID,
 * 9.3.1.6: PLMN + gNB ID BIT STRING (SIZE(22..32))) is typed.
 */
struct agw_ngap_global_ran_node {
	uint8_t type;		   /**< enum agw_ngap_ran_node_type */
	struct agw_ngap_plmn plmn; /**< gNB only */
	uint32_t gnb_id;	   /**< gNB only, right-aligned */
	uint8_t gnb_id_bits;	   /**< 22..32, gNB only */
};

/** A PLMN with its slices: BroadcastPLMNItem / PLMNSupportItem (TS 38.413 9.2.6.1/9.2.6.2). */
struct agw_ngap_plmn_slices {
	struct agw_ngap_plmn plmn;
	uint16_t n_slices; /**< entries in the list (at most AGW_NGAP_MAX_SLICES stored) */
	struct agw_ngap_snssai slices[AGW_NGAP_MAX_SLICES];
};

/** SupportedTAItem (TS 38.413 9.2.6.1): TAC and broadcast PLMNs. */
struct agw_ngap_ta {
	uint8_t tac[3];
	uint8_t n_plmns; /**< entries (at most AGW_NGAP_MAX_PLMNS stored) */
	struct agw_ngap_plmn_slices plmns[AGW_NGAP_MAX_PLMNS];
};

/* ------------------------------------------------------------------ */
/* NGAP messages                                                        */
/* ------------------------------------------------------------------ */

/**
 * A decoded (or to-be-encoded) NGAP message. @c present tells which typed
 * IEs are set (enum agw_ngap_has); spans point into the decoded input.
 */
struct agw_ngap_msg {
	struct agw_ap_pdu pdu; /**< type, proc, crit (set by agw_ngap_msg_init() to encode) */
	uint32_t present;      /**< AGW_NGAP_HAS_* */
	uint16_t n_skipped;    /**< IEs skipped (not typed here) */

	uint32_t ran_ue_id;		  /**< RAN UE NGAP ID, 9.3.3.2 */
	uint64_t amf_ue_id;		  /**< AMF UE NGAP ID, 9.3.3.1 (40 bits) */
	struct agw_ap_octets nas_pdu;	  /**< NAS-PDU, 9.3.3.4 */
	struct agw_ngap_uli uli;	  /**< User Location Information, 9.3.1.16 */
	uint8_t rrc_cause;		  /**< RRC Establishment Cause, 9.3.1.111 (value index) */
	struct agw_ngap_5g_s_tmsi s_tmsi; /**< 5G-S-TMSI, 9.3.3.20 */
	uint8_t ue_context_request;	  /**< UE Context Request: 0 = requested */
	struct agw_ngap_cause cause;	  /**< Cause, 9.3.1.2 */
	struct agw_ngap_guami guami;	  /**< GUAMI, 9.3.3.3 */
	const uint8_t *security_key;	  /**< Security Key, 9.3.1.87: 32 octets */
	struct agw_ngap_ue_sec_cap ue_sec_cap; /**< UE Security Capabilities, 9.3.1.86 */
	uint8_t n_allowed_nssai;	       /**< Allowed NSSAI, 9.3.1.31: entries */
	struct agw_ngap_snssai allowed_nssai[AGW_NGAP_MAX_SLICES];
	struct agw_ngap_ue_ngap_ids ue_ids; /**< UE NGAP IDs */

	struct agw_ngap_global_ran_node ran_node; /**< Global RAN Node ID, 9.3.1.5 */
	struct agw_ap_octets ran_node_name;	  /**< RAN Node Name (PrintableString) */
	uint16_t n_tas;				  /**< Supported TA List entries */
	struct agw_ngap_ta tas[AGW_NGAP_MAX_TAS];
	uint8_t paging_drx;	       /**< Paging DRX, 9.3.1.90: 0 v32 .. 3 v256 */
	struct agw_ap_octets amf_name; /**< AMF Name, 9.3.3.21 (PrintableString) */
	uint16_t n_guamis;	       /**< Served GUAMI List entries */
	struct agw_ngap_guami guamis[AGW_NGAP_MAX_GUAMIS];
	uint8_t relative_amf_capacity; /**< Relative AMF Capacity, 9.3.1.32 */
	uint8_t n_plmn_support;	       /**< PLMN Support List entries */
	struct agw_ngap_plmn_slices plmn_support[AGW_NGAP_MAX_PLMNS];
	uint8_t time_to_wait; /**< Time to Wait, 9.3.1.56: 0 v1s .. 5 v60s */
};

/** The messages agw_ngap_encode() builds (and agw_ngap_decode() checks for mandatory IEs). */
enum agw_ngap_msg_kind {
	AGW_NGAP_NG_SETUP_REQUEST,		/**< 9.2.6.1 */
	AGW_NGAP_NG_SETUP_RESPONSE,		/**< 9.2.6.2 */
	AGW_NGAP_NG_SETUP_FAILURE,		/**< 9.2.6.3 */
	AGW_NGAP_INITIAL_UE_MESSAGE,		/**< 9.2.5.1 */
	AGW_NGAP_DOWNLINK_NAS_TRANSPORT,	/**< 9.2.5.2 */
	AGW_NGAP_UPLINK_NAS_TRANSPORT,		/**< 9.2.5.3 */
	AGW_NGAP_INITIAL_CONTEXT_SETUP_REQUEST, /**< 9.2.2.1 */
	AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND,	/**< 9.2.2.5 */
	AGW_NGAP_UE_CONTEXT_RELEASE_COMPLETE,	/**< 9.2.2.6 */
	AGW_NGAP_ERROR_INDICATION,		/**< TS 38.413 9.4.4 ErrorIndication */
	AGW_NGAP_N_KINDS
};

/**
 * Clear a message and set its PDU type, procedure code and criticality.
 *
 * @param m
 *   Message to initialise.
 * @param kind
 *   Which message.
 * @return
 *   0, or AGW_PROTO_E_BAD_VALUE for an unknown @p kind.
 */
int agw_ngap_msg_init(struct agw_ngap_msg *m, enum agw_ngap_msg_kind kind);

/**
 * Decode an NGAP-PDU and its typed IEs (any procedure). IEs not typed here
 * are skipped by length when their id is defined by TS 38.413 or their
 * criticality is ignore/notify; an undefined id with criticality reject
 * fails (clause 10.3.4.2). For the messages of enum agw_ngap_msg_kind the
 * mandatory IEs must be present.
 *
 * @param buf
 *   The PDU.
 * @param len
 *   Octets in @p buf.
 * @param m
 *   Filled on success; spans point into @p buf.
 * @return
 *   0; any error of agw_ap_pdu_decode()/agw_ap_ie_next(); errors of the
 *   typed IE decoders (AGW_PROTO_E_TRUNCATED, AGW_PROTO_E_BAD_VALUE,
 *   AGW_PROTO_E_TRAILING ...); AGW_PROTO_E_UNKNOWN_TYPE (undefined IE with
 *   criticality reject); AGW_PROTO_E_BAD_VALUE (a typed IE twice);
 *   AGW_PROTO_E_MISSING_IE.
 */
int agw_ngap_decode(const uint8_t *buf, size_t len, struct agw_ngap_msg *m);

/**
 * Encode one of the messages of enum agw_ngap_msg_kind (chosen by
 * @c m->pdu.type and @c m->pdu.proc) with the IEs flagged in @c m->present,
 * in the order and with the criticality of TS 38.413 9.4.4.
 *
 * @param m
 *   The message.
 * @param buf
 *   Output buffer.
 * @param cap
 *   Capacity of @p buf.
 * @return
 *   Octets written; AGW_PROTO_E_NO_SPACE; AGW_PROTO_E_UNSUPPORTED (another
 *   message, or a value needing a fragmented length); AGW_PROTO_E_MISSING_IE
 *   (a mandatory IE not flagged); AGW_PROTO_E_BAD_VALUE (a field out of range,
 *   an IE flagged that the message does not carry, or an empty list).
 */
long agw_ngap_encode(const struct agw_ngap_msg *m, void *buf, size_t cap);

/**
 * Name of an NGAP message as TS 38.413 clause 9.2 writes it without
 * spaces (e.g. "InitialUEMessage", "NGSetupResponse").
 *
 * @param type
 *   enum agw_ap_pdu_type.
 * @param proc
 *   Procedure code.
 * @return
 *   The name, or NULL for combinations not listed.
 */
const char *agw_ngap_msg_name(uint8_t type, uint8_t proc);

/* Typed accessors: each decodes the value of one IE (any message). They
 * return AGW_PROTO_E_UNKNOWN_TYPE when @p ie has another id, otherwise 0,
 * AGW_PROTO_E_TRUNCATED, AGW_PROTO_E_BAD_VALUE or AGW_PROTO_E_TRAILING. */

/**
 * RAN-UE-NGAP-ID (id 85), TS 38.413 9.3.3.2: INTEGER (0..2^32-1).
 * @param ie
 *   The IE.
 * @param v
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code (see above).
 */
int agw_ngap_ie_ran_ue_id(const struct agw_ap_ie *ie, uint32_t *v);

/**
 * AMF-UE-NGAP-ID (id 10), TS 38.413 9.3.3.1: INTEGER (0..2^40-1).
 * @param ie
 *   The IE.
 * @param v
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_amf_ue_id(const struct agw_ap_ie *ie, uint64_t *v);

/**
 * NAS-PDU (id 38), TS 38.413 9.3.3.4: OCTET STRING.
 * @param ie
 *   The IE.
 * @param nas
 *   Receives the span of the NAS message inside the input.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_nas_pdu(const struct agw_ap_ie *ie, struct agw_ap_octets *nas);

/**
 * UserLocationInformation (id 121), TS 38.413 9.3.1.16.
 * @param ie
 *   The IE.
 * @param uli
 *   Receives the value (typed for NR only).
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_uli(const struct agw_ap_ie *ie, struct agw_ngap_uli *uli);

/**
 * Cause (id 15), TS 38.413 9.3.1.2.
 * @param ie
 *   The IE.
 * @param cause
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_cause(const struct agw_ap_ie *ie, struct agw_ngap_cause *cause);

/**
 * GUAMI (id 28), TS 38.413 9.3.3.3.
 * @param ie
 *   The IE.
 * @param guami
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_guami(const struct agw_ap_ie *ie, struct agw_ngap_guami *guami);

/**
 * FiveG-S-TMSI (id 26), TS 38.413 9.3.3.20.
 * @param ie
 *   The IE.
 * @param s_tmsi
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_5g_s_tmsi(const struct agw_ap_ie *ie, struct agw_ngap_5g_s_tmsi *s_tmsi);

/**
 * SecurityKey (id 94), TS 38.413 9.3.1.87: BIT STRING (SIZE(256)).
 * @param ie
 *   The IE.
 * @param key
 *   Receives a pointer to the 32 key octets inside the input.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_security_key(const struct agw_ap_ie *ie, const uint8_t **key);

/**
 * UESecurityCapabilities (id 119), TS 38.413 9.3.1.86.
 * @param ie
 *   The IE.
 * @param cap
 *   Receives the value.
 * @return
 *   0 or an AGW_PROTO_E_* code.
 */
int agw_ngap_ie_ue_sec_cap(const struct agw_ap_ie *ie, struct agw_ngap_ue_sec_cap *cap);

/* ------------------------------------------------------------------ */
/* S1AP                                                                 */
/* ------------------------------------------------------------------ */

/** S1AP ProtocolIE-IDs typed here (TS 36.413 9.3.6). */
enum agw_s1ap_ie_id {
	AGW_S1AP_ID_MME_UE_S1AP_ID = 0,
	AGW_S1AP_ID_ENB_UE_S1AP_ID = 8,
	AGW_S1AP_ID_NAS_PDU = 26,
};

/** Highest ProtocolIE-ID of TS 36.413 known here (Rel-17, as Wireshark 4.0: 0..343). */
#define AGW_S1AP_IE_ID_MAX 343

/** agw_s1ap_msg::present bits. */
enum agw_s1ap_has {
	AGW_S1AP_HAS_MME_UE_S1AP_ID = 1u << 0,
	AGW_S1AP_HAS_ENB_UE_S1AP_ID = 1u << 1,
	AGW_S1AP_HAS_NAS_PDU = 1u << 2,
};

/** A decoded S1AP message (generic level plus UE ids and NAS-PDU). */
struct agw_s1ap_msg {
	struct agw_ap_pdu pdu;	      /**< PDU header */
	uint32_t present;	      /**< AGW_S1AP_HAS_* */
	uint16_t n_skipped;	      /**< IEs skipped */
	uint32_t mme_ue_id;	      /**< MME-UE-S1AP-ID, TS 36.413 9.2.3.3: INTEGER (0..2^32-1) */
	uint32_t enb_ue_id;	      /**< eNB-UE-S1AP-ID, TS 36.413 9.2.3.4: INTEGER (0..2^24-1) */
	struct agw_ap_octets nas_pdu; /**< NAS-PDU, TS 36.413 9.2.3.5 */
};

/**
 * Decode an S1AP-PDU: PDU, IE container (same rules as agw_ngap_decode()
 * with TS 36.413 ids), MME/eNB UE S1AP IDs and NAS-PDU.
 *
 * @param buf
 *   The PDU.
 * @param len
 *   Octets in @p buf.
 * @param m
 *   Filled on success.
 * @return
 *   0 or an AGW_PROTO_E_* code as agw_ngap_decode().
 */
int agw_s1ap_decode(const uint8_t *buf, size_t len, struct agw_s1ap_msg *m);

/**
 * Name of an S1AP message (TS 36.413 clause 9.1 without spaces).
 *
 * @param type
 *   enum agw_ap_pdu_type.
 * @param proc
 *   Procedure code.
 * @return
 *   The name, or NULL for combinations not listed.
 */
const char *agw_s1ap_msg_name(uint8_t type, uint8_t proc);

/**
 * What the fast path needs from a UE-associated NAS carrier
 * (InitialUEMessage, UplinkNASTransport, DownlinkNASTransport,
 * InitialContextSetupRequest): found by agw_ngap_ue_nas_decode().
 */
struct agw_ngap_ue_nas {
	uint8_t type;			  /**< enum agw_ap_pdu_type */
	uint8_t proc;			  /**< procedureCode */
	uint8_t has_amf_ue_id;		  /**< AMF-UE-NGAP-ID present */
	uint8_t has_ran_ue_id;		  /**< RAN-UE-NGAP-ID present */
	uint8_t has_stmsi;		  /**< FiveG-S-TMSI present */
	uint32_t ran_ue_ngap_id;	  /**< RAN-UE-NGAP-ID */
	uint64_t amf_ue_ngap_id;	  /**< AMF-UE-NGAP-ID */
	struct agw_ngap_5g_s_tmsi stmsi;  /**< FiveG-S-TMSI */
	struct agw_ap_octets nas;	  /**< NAS-PDU contents; p NULL when absent */
};

/**
 * Decode an NGAP PDU for the fast path: the PDU header and, for an
 * initiatingMessage of InitialUEMessage, UplinkNASTransport,
 * DownlinkNASTransport or InitialContextSetupRequest, one walk of the IE
 * container taking the two UE NGAP ids, the 5G-S-TMSI and the NAS-PDU
 * (other IEs are stepped over by length). The result and the error codes
 * are those of agw_ap_pdu_decode() + agw_ap_ie_next() + the typed
 * accessors; only the work differs (byte-wise, one pass).
 *
 * @param buf
 *   NGAP-PDU (an SCTP user message of PPID 60).
 * @param len
 *   Octets in @p buf.
 * @param m
 *   Filled on success; for other procedures only @c type and @c proc.
 * @return
 *   0 or a negative AGW_PROTO_E_* code.
 */
int agw_ngap_ue_nas_decode(const uint8_t *buf, size_t len, struct agw_ngap_ue_nas *m);

#ifdef __cplusplus
}
#endif

#endif /* AGW_NGAP_H */
