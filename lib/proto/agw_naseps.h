/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NASEPS_H
#define AGW_NASEPS_H

/**
 * @file
 * NAS for EPS (TS 24.301): zero-copy decoder and encoder, on the IE engine
 * of agw_nas5g.h (TS 24.007 clause 11.2 is common to both).
 *
 *  - agw_naseps_sec_decode(): security header (PD 7, SHT 0-5 and the
 *    SERVICE REQUEST header SHT 12), MAC, SQN and the inner message span
 *    (fast path; seed 004 needs it for the TAU enclosed in a Registration
 *    request and in the N26 Context Request).
 *  - agw_naseps_hdr_decode(): plain EMM (PD 7) / ESM (PD 2) header.
 *  - agw_naseps_decode(): both, then the IEs through per-message tables
 *    (TS 24.301 clause 8) for the EMM messages and the common ESM ones;
 *    other known messages are decoded header-only.
 *
 * Decoded structures point into the input buffer, which must outlive them.
 * Decoders never read past @c buf + @c len.
 *
 * @note Reentrant, no state; callable from any lcore.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"
#include "agw_nas5g.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AGW_NASEPS_PD_EMM 0x7 /**< EPS mobility management (TS 24.007 11.2.3.1.1) */
#define AGW_NASEPS_PD_ESM 0x2 /**< EPS session management */

/** Security header types (TS 24.301 9.3.1). */
enum agw_naseps_sht {
	AGW_NASEPS_SHT_PLAIN = 0,           /**< plain NAS message */
	AGW_NASEPS_SHT_INTEG = 1,           /**< integrity protected */
	AGW_NASEPS_SHT_INTEG_CIPH = 2,      /**< integrity protected and ciphered */
	AGW_NASEPS_SHT_INTEG_NEW = 3,       /**< integrity protected, new EPS security context */
	AGW_NASEPS_SHT_INTEG_CIPH_NEW = 4,  /**< integrity protected and ciphered, new context */
	AGW_NASEPS_SHT_INTEG_PARTIAL = 5,   /**< integrity protected, partially ciphered (CPSR) */
	AGW_NASEPS_SHT_SERVICE_REQUEST = 12, /**< SERVICE REQUEST header (13-15 read as 12) */
};

/** Length of the security protected header: SHT|PD, MAC (4), SQN (9.1). */
#define AGW_NASEPS_SEC_HDR_LEN 6

/** Result of agw_naseps_sec_decode(). */
struct agw_naseps_sec {
	uint8_t pd;         /**< protocol discriminator (octet 1 bits 4-1) */
	uint8_t sht;        /**< security header type (octet 1 bits 8-5; 13-15 reported as 12) */
	uint8_t ciphered;   /**< SHT 2/4: @c msg is ciphertext */
	uint8_t partial;    /**< SHT 5: some IE values are ciphered, the structure is plain */
	uint8_t sqn;        /**< sequence number; 0 when plain */
	uint32_t mac;       /**< MAC; 0 when plain */
	const uint8_t *msg; /**< the plain NAS message (the whole input for SHT 0 and 12) */
	size_t msg_len;     /**< octets at @c msg */
	const uint8_t *mac_input; /**< SQN || message, what the MAC covers (SHT 1-5) */
	size_t mac_input_len;     /**< octets at @c mac_input */
	uint8_t ksi;        /**< SHT 12: KSI (9.9.3.19) */
	uint8_t seq;        /**< SHT 12: 5-bit sequence number */
	uint16_t short_mac; /**< SHT 12: short MAC (9.9.3.28) */
};

/**
 * Split a NAS-EPS PDU into security header and inner message.
 *
 * @param[in] buf   the PDU.
 * @param[in] len   octets at @p buf.
 * @param[out] sec  header and spans into @p buf.
 * @return 0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_UNKNOWN_TYPE (PD not EMM or
 *   ESM); AGW_PROTO_E_BAD_VALUE (SHT 6-11, or an ESM message with SHT: the
 *   high nibble of an ESM octet 1 is its EPS bearer identity instead).
 */
int agw_naseps_sec_decode(const void *buf, size_t len, struct agw_naseps_sec *sec);

/** A plain NAS-EPS header (TS 24.301 9.1). */
struct agw_naseps_hdr {
	uint8_t pd;      /**< 7 EMM, 2 ESM */
	uint8_t ebi;     /**< ESM: EPS bearer identity */
	uint8_t pti;     /**< ESM: procedure transaction identity */
	uint8_t type;    /**< message type */
	uint8_t hdr_len; /**< 2 (EMM) or 3 (ESM) */
};

/**
 * Decode a plain EMM or ESM header.
 *
 * @param[in] buf   plain NAS message.
 * @param[in] len   octets at @p buf.
 * @param[out] hdr  header.
 * @return 0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_UNKNOWN_TYPE (other PD);
 *   AGW_PROTO_E_BAD_VALUE (EMM with SHT != 0: use agw_naseps_sec_decode()).
 */
int agw_naseps_hdr_decode(const void *buf, size_t len, struct agw_naseps_hdr *hdr);

/** EMM message types (TS 24.301 9.8 table 9.8.1). X(id, value, name). */
#define AGW_NASEPS_EMM_MSGS(X)                                                        \
	X(ATTACH_REQUEST, 0x41, "Attach request")                                     \
	X(ATTACH_ACCEPT, 0x42, "Attach accept")                                       \
	X(ATTACH_COMPLETE, 0x43, "Attach complete")                                   \
	X(ATTACH_REJECT, 0x44, "Attach reject")                                       \
	X(DETACH_REQUEST, 0x45, "Detach request")                                     \
	X(DETACH_ACCEPT, 0x46, "Detach accept")                                       \
	X(TAU_REQUEST, 0x48, "Tracking area update request")                          \
	X(TAU_ACCEPT, 0x49, "Tracking area update accept")                            \
	X(TAU_COMPLETE, 0x4a, "Tracking area update complete")                        \
	X(TAU_REJECT, 0x4b, "Tracking area update reject")                            \
	X(EXT_SERVICE_REQUEST, 0x4c, "Extended service request")                      \
	X(CP_SERVICE_REQUEST, 0x4d, "Control plane service request")                  \
	X(SERVICE_REJECT, 0x4e, "Service reject")                                     \
	X(SERVICE_ACCEPT, 0x4f, "Service accept")                                     \
	X(GUTI_REALLOC_COMMAND, 0x50, "GUTI reallocation command")                    \
	X(GUTI_REALLOC_COMPLETE, 0x51, "GUTI reallocation complete")                  \
	X(AUTHENTICATION_REQUEST, 0x52, "Authentication request")                     \
	X(AUTHENTICATION_RESPONSE, 0x53, "Authentication response")                   \
	X(AUTHENTICATION_REJECT, 0x54, "Authentication reject")                       \
	X(IDENTITY_REQUEST, 0x55, "Identity request")                                 \
	X(IDENTITY_RESPONSE, 0x56, "Identity response")                               \
	X(AUTHENTICATION_FAILURE, 0x5c, "Authentication failure")                     \
	X(SECURITY_MODE_COMMAND, 0x5d, "Security mode command")                       \
	X(SECURITY_MODE_COMPLETE, 0x5e, "Security mode complete")                     \
	X(SECURITY_MODE_REJECT, 0x5f, "Security mode reject")                         \
	X(EMM_STATUS, 0x60, "EMM status")                                             \
	X(EMM_INFORMATION, 0x61, "EMM information")                                   \
	X(DL_NAS_TRANSPORT, 0x62, "Downlink NAS transport")                           \
	X(UL_NAS_TRANSPORT, 0x63, "Uplink NAS transport")                             \
	X(CS_SERVICE_NOTIFICATION, 0x64, "CS service notification")                   \
	X(DL_GENERIC_NAS_TRANSPORT, 0x68, "Downlink generic NAS transport")           \
	X(UL_GENERIC_NAS_TRANSPORT, 0x69, "Uplink generic NAS transport")

/** ESM message types (TS 24.301 9.8 table 9.8.2). X(id, value, name). */
#define AGW_NASEPS_ESM_MSGS(X)                                                                \
	X(ACT_DEFAULT_BEARER_REQUEST, 0xc1, "Activate default EPS bearer context request")    \
	X(ACT_DEFAULT_BEARER_ACCEPT, 0xc2, "Activate default EPS bearer context accept")      \
	X(ACT_DEFAULT_BEARER_REJECT, 0xc3, "Activate default EPS bearer context reject")      \
	X(ACT_DEDICATED_BEARER_REQUEST, 0xc5, "Activate dedicated EPS bearer context request") \
	X(ACT_DEDICATED_BEARER_ACCEPT, 0xc6, "Activate dedicated EPS bearer context accept")  \
	X(ACT_DEDICATED_BEARER_REJECT, 0xc7, "Activate dedicated EPS bearer context reject")  \
	X(MODIFY_BEARER_REQUEST, 0xc9, "Modify EPS bearer context request")                   \
	X(MODIFY_BEARER_ACCEPT, 0xca, "Modify EPS bearer context accept")                     \
	X(MODIFY_BEARER_REJECT, 0xcb, "Modify EPS bearer context reject")                     \
	X(DEACT_BEARER_REQUEST, 0xcd, "Deactivate EPS bearer context request")                \
	X(DEACT_BEARER_ACCEPT, 0xce, "Deactivate EPS bearer context accept")                  \
	X(PDN_CONNECTIVITY_REQUEST, 0xd0, "PDN connectivity request")                         \
	X(PDN_CONNECTIVITY_REJECT, 0xd1, "PDN connectivity reject")                           \
	X(PDN_DISCONNECT_REQUEST, 0xd2, "PDN disconnect request")                             \
	X(PDN_DISCONNECT_REJECT, 0xd3, "PDN disconnect reject")                               \
	X(BEARER_ALLOC_REQUEST, 0xd4, "Bearer resource allocation request")                   \
	X(BEARER_ALLOC_REJECT, 0xd5, "Bearer resource allocation reject")                     \
	X(BEARER_MODIFY_REQUEST, 0xd6, "Bearer resource modification request")                \
	X(BEARER_MODIFY_REJECT, 0xd7, "Bearer resource modification reject")                  \
	X(ESM_INFORMATION_REQUEST, 0xd9, "ESM information request")                           \
	X(ESM_INFORMATION_RESPONSE, 0xda, "ESM information response")                         \
	X(ESM_NOTIFICATION, 0xdb, "Notification")                                             \
	X(ESM_DUMMY, 0xdc, "ESM dummy message")                                               \
	X(ESM_STATUS, 0xe8, "ESM status")                                                     \
	X(REMOTE_UE_REPORT, 0xe9, "Remote UE report")                                         \
	X(REMOTE_UE_REPORT_RESPONSE, 0xea, "Remote UE report response")                       \
	X(ESM_DATA_TRANSPORT, 0xeb, "ESM data transport")

/** Message type values: AGW_NASEPS_MT_ATTACH_REQUEST, ... */
enum agw_naseps_msg_type {
#define AGW_NASEPS_MT_(id, v, s) AGW_NASEPS_MT_##id = v,
	AGW_NASEPS_EMM_MSGS(AGW_NASEPS_MT_) AGW_NASEPS_ESM_MSGS(AGW_NASEPS_MT_)
#undef AGW_NASEPS_MT_
};

/** What each IE of the EPS tables is (TS 24.301 clause 8 tables). X(id, name). */
#define AGW_NASEPS_FIELDS(X)                                                       \
	X(SPARE, "spare half octet")                                               \
	X(NAS_KSI, "NAS key set identifier")                                       \
	X(ATTACH_TYPE, "EPS attach type")                                          \
	X(ATTACH_RESULT, "EPS attach result")                                      \
	X(MOBILE_ID, "EPS mobile identity")                                        \
	X(MOBILE_IDENTITY, "Mobile identity")                                      \
	X(UE_NET_CAP, "UE network capability")                                     \
	X(ESM_CONTAINER, "ESM message container")                                  \
	X(OLD_PTMSI_SIG, "Old P-TMSI signature")                                   \
	X(ADDITIONAL_GUTI, "Additional GUTI")                                      \
	X(LAST_TAI, "Last visited registered TAI")                                 \
	X(DRX, "DRX parameter")                                                    \
	X(MS_NET_CAP, "MS network capability")                                     \
	X(OLD_LAI, "Old location area identification")                            \
	X(TMSI_STATUS, "TMSI status")                                              \
	X(MS_CLASSMARK2, "Mobile station classmark 2")                             \
	X(MS_CLASSMARK3, "Mobile station classmark 3")                             \
	X(SUPPORTED_CODECS, "Supported Codecs")                                    \
	X(ADDITIONAL_UPDATE_TYPE, "Additional update type")                        \
	X(VOICE_DOMAIN_PREF, "Voice domain preference and UE's usage setting")     \
	X(DEVICE_PROPERTIES, "Device properties")                                  \
	X(OLD_GUTI_TYPE, "Old GUTI type")                                          \
	X(MS_NET_FEATURE_SUPPORT, "MS network feature support")                    \
	X(NRI_CONTAINER, "TMSI based NRI container")                               \
	X(T3324, "T3324 value")                                                    \
	X(T3412_EXT, "T3412 extended value")                                       \
	X(EDRX, "Extended DRX parameters")                                         \
	X(UE_ADD_SEC_CAP, "UE additional security capability")                    \
	X(UE_STATUS, "UE status")                                                  \
	X(ADDITIONAL_INFO_REQUESTED, "Additional information requested")           \
	X(N1_UE_NET_CAP, "N1 UE network capability")                               \
	X(UE_RADIO_CAP_ID_AVAIL, "UE radio capability ID availability")            \
	X(WUS_INFO, "WUS assistance information")                                  \
	X(NB_S1_DRX, "DRX parameter in NB-S1 mode")                                \
	X(IMSI_OFFSET, "IMSI offset")                                              \
	X(UE_REQUEST_TYPE, "UE request type")                                      \
	X(PAGING_RESTRICTION, "Paging restriction")                                \
	X(DISASTER_PLMN, "UE determined PLMN with disaster condition")             \
	X(T3412, "T3412 value")                                                    \
	X(TAI_LIST, "TAI list")                                                    \
	X(GUTI, "GUTI")                                                            \
	X(LAI, "Location area identification")                                     \
	X(MS_IDENTITY, "MS identity")                                              \
	X(EMM_CAUSE, "EMM cause")                                                  \
	X(T3402, "T3402 value")                                                    \
	X(T3423, "T3423 value")                                                    \
	X(EQUIVALENT_PLMNS, "Equivalent PLMNs")                                    \
	X(EMERGENCY_NUMBERS, "Emergency number list")                              \
	X(NETWORK_FEATURE_SUPPORT, "EPS network feature support")                  \
	X(ADDITIONAL_UPDATE_RESULT, "Additional update result")                    \
	X(DCN_ID, "DCN-ID")                                                        \
	X(SMS_SERVICES_STATUS, "SMS services status")                              \
	X(NON_3GPP_NW_POLICIES, "Non-3GPP NW provided policies")                   \
	X(T3448, "T3448 value")                                                    \
	X(NETWORK_POLICY, "Network policy")                                        \
	X(T3447, "T3447 value")                                                    \
	X(EXT_EMERGENCY_NUMBERS, "Extended emergency number list")                 \
	X(CIPHERING_KEY_DATA, "Ciphering key data")                                \
	X(UE_RADIO_CAP_ID, "UE radio capability ID")                               \
	X(UE_RADIO_CAP_ID_DELETION, "UE radio capability ID deletion indication")  \
	X(FORBIDDEN_TAI_ROAMING, "Forbidden TAI(s) for roaming")                   \
	X(FORBIDDEN_TAI_REGIONAL, "Forbidden TAI(s) for regional provision of service") \
	X(T3346, "T3346 value")                                                    \
	X(EXT_EMM_CAUSE, "Extended EMM cause")                                     \
	X(DETACH_TYPE, "Detach type")                                              \
	X(UPDATE_TYPE, "EPS update type")                                          \
	X(NON_CURRENT_KSI, "Non-current native NAS key set identifier")            \
	X(GPRS_CKSN, "GPRS ciphering key sequence number")                         \
	X(NONCE_UE, "NonceUE")                                                     \
	X(RADIO_CAP_UPDATE_NEEDED, "UE radio capability information update needed") \
	X(EPS_BEARER_CTX_STATUS, "EPS bearer context status")                      \
	X(UPDATE_RESULT, "EPS update result")                                      \
	X(HC_CONFIG_STATUS, "Header compression configuration status")             \
	X(SERVICE_TYPE, "Service type")                                            \
	X(M_TMSI, "M-TMSI")                                                        \
	X(CSFB_RESPONSE, "CSFB response")                                          \
	X(CP_SERVICE_TYPE, "Control plane service type")                           \
	X(NAS_CONTAINER, "NAS message container")                                  \
	X(T3442, "T3442 value")                                                    \
	X(RAND, "Authentication parameter RAND")                                   \
	X(AUTN, "Authentication parameter AUTN")                                   \
	X(RES, "Authentication response parameter")                                \
	X(AUTH_FAILURE_PARAM, "Authentication failure parameter")                  \
	X(IDENTITY_TYPE, "Identity type 2")                                        \
	X(NAS_SEC_ALGS, "Selected NAS security algorithms")                        \
	X(REPLAYED_UE_SEC_CAP, "Replayed UE security capabilities")                \
	X(IMEISV_REQUEST, "IMEISV request")                                        \
	X(REPLAYED_NONCE_UE, "Replayed nonceUE")                                   \
	X(NONCE_MME, "NonceMME")                                                   \
	X(HASH_MME, "HashMME")                                                     \
	X(REPLAYED_UE_ADD_SEC_CAP, "Replayed UE additional security capability")   \
	X(IMEISV, "IMEISV")                                                        \
	X(REPLAYED_NAS_CONTAINER, "Replayed NAS message container")                \
	X(FULL_NETWORK_NAME, "Full name for network")                              \
	X(SHORT_NETWORK_NAME, "Short name for network")                            \
	X(LOCAL_TIME_ZONE, "Local time zone")                                      \
	X(UNIVERSAL_TIME, "Universal time and local time zone")                    \
	X(DAYLIGHT_SAVING_TIME, "Network daylight saving time")                    \
	X(GENERIC_CONTAINER_TYPE, "Generic message container type")                \
	X(GENERIC_CONTAINER, "Generic message container")                          \
	X(ADDITIONAL_INFO, "Additional information")                               \
	X(EPS_QOS, "EPS quality of service")                                       \
	X(APN, "Access point name")                                                \
	X(PDN_ADDRESS, "PDN address")                                              \
	X(TRANSACTION_ID, "Transaction identifier")                                \
	X(NEGOTIATED_QOS, "Negotiated QoS")                                        \
	X(LLC_SAPI, "Negotiated LLC SAPI")                                         \
	X(RADIO_PRIORITY, "Radio priority")                                        \
	X(PACKET_FLOW_ID, "Packet flow Identifier")                                \
	X(APN_AMBR, "APN-AMBR")                                                    \
	X(ESM_CAUSE, "ESM cause")                                                  \
	X(PCO, "Protocol configuration options")                                   \
	X(CONNECTIVITY_TYPE, "Connectivity type")                                  \
	X(WLAN_OFFLOAD_IND, "WLAN offload indication")                             \
	X(NBIFOM_CONTAINER, "NBIFOM container")                                    \
	X(HC_CONFIG, "Header compression configuration")                           \
	X(CP_ONLY_IND, "Control plane only indication")                            \
	X(EXT_PCO, "Extended protocol configuration options")                      \
	X(SERVING_PLMN_RATE_CONTROL, "Serving PLMN rate control")                  \
	X(EXT_APN_AMBR, "Extended APN-AMBR")                                       \
	X(LINKED_EBI, "Linked EPS bearer identity")                                \
	X(TFT, "Traffic flow template")                                            \
	X(EXT_EPS_QOS, "Extended EPS QoS")                                         \
	X(T3396, "T3396 value")                                                    \
	X(REQUEST_TYPE, "Request type")                                            \
	X(PDN_TYPE, "PDN type")                                                    \
	X(ESM_INFO_TRANSFER_FLAG, "ESM information transfer flag")                 \
	X(REATTEMPT_IND, "Re-attempt indicator")

/** Field ids: AGW_NASEPS_F_MOBILE_ID, ... (0 is the spare half octet). */
enum agw_naseps_field {
#define AGW_NASEPS_F_(id, s) AGW_NASEPS_F_##id,
	AGW_NASEPS_FIELDS(AGW_NASEPS_F_)
#undef AGW_NASEPS_F_
	AGW_NASEPS_F_COUNT_
};

/**
 * Name of a field.
 *
 * @param[in] field  enum agw_naseps_field.
 * @return the IE name as in the TS tables, or "?".
 */
const char *agw_naseps_field_name(unsigned int field);

/** Direction, for the one message whose layout depends on it (Detach request). */
enum agw_naseps_dir {
	AGW_NASEPS_DIR_ANY = -1, /**< unknown: Detach request tries UE-originating first */
	AGW_NASEPS_DIR_UL = 0,   /**< UE to network */
	AGW_NASEPS_DIR_DL = 1,   /**< network to UE */
};

/**
 * The table of a message.
 *
 * @param[in] pd    AGW_NASEPS_PD_EMM or AGW_NASEPS_PD_ESM.
 * @param[in] type  message type.
 * @param[in] dir   enum agw_naseps_dir (Detach request; ANY gives the UL table).
 * @return the table, or NULL (unknown type, or decoded header-only).
 */
const struct agw_nas_msg_desc *agw_naseps_desc(uint8_t pd, uint8_t type, int dir);

/**
 * Name of a message type as TS 24.301 and Wireshark spell it.
 *
 * @param[in] pd    AGW_NASEPS_PD_EMM or AGW_NASEPS_PD_ESM.
 * @param[in] type  message type.
 * @return the name, or NULL when the type is not defined for @p pd.
 */
const char *agw_naseps_msg_name(uint8_t pd, uint8_t type);

/** A fully decoded NAS-EPS PDU. */
struct agw_naseps_msg {
	struct agw_naseps_sec sec; /**< security header */
	struct agw_naseps_hdr hdr; /**< plain header; zero when ciphered or SERVICE REQUEST */
	const uint8_t *body;       /**< octets after the plain header */
	size_t body_len;           /**< octets at @c body */
	struct agw_nas_body ies;   /**< IEs; desc NULL: ciphered, SERVICE REQUEST, header-only */
};

/**
 * Decode a NAS-EPS PDU.
 *
 * @param[in] buf  the PDU.
 * @param[in] len  octets at @p buf.
 * @param[in] dir  enum agw_naseps_dir.
 * @param[out] m   result.
 * @return 0 (ciphered: only @c sec; SHT 12: @c sec holds KSI, sequence number
 *   and short MAC); AGW_PROTO_E_UNKNOWN_TYPE; the errors of
 *   agw_naseps_sec_decode(), agw_naseps_hdr_decode(), agw_nas_body_decode();
 *   AGW_PROTO_E_BAD_VALUE (protected message around a protected message).
 */
int agw_naseps_decode(const void *buf, size_t len, int dir, struct agw_naseps_msg *m);

/**
 * Name of a decoded message.
 *
 * @param[in] m  result of agw_naseps_decode().
 * @return "Service request" for SHT 12, NULL when ciphered or unknown, else
 *   the message type's name.
 */
const char *agw_naseps_name(const struct agw_naseps_msg *m);

/**
 * Encode a plain NAS-EPS message.
 *
 * @param[in] hdr   pd, type; ebi and pti for ESM.
 * @param[in] b     body; b->desc must be a table of hdr->type.
 * @param[out] buf  output.
 * @param[in] cap   octets at @p buf.
 * @return octets written, or AGW_PROTO_E_NO_SPACE, AGW_PROTO_E_MISSING_IE,
 *   AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_BAD_VALUE.
 */
long agw_naseps_encode(const struct agw_naseps_hdr *hdr, const struct agw_nas_body *b, void *buf,
		       size_t cap);

/**
 * Encode a security protected NAS-EPS message (SHT 1-5) around a plain one
 * (EMM or ESM). The caller computes the MAC over SQN || plain message
 * (octets 6..) and may write it at octets 2-5 later.
 *
 * @param[in] sht   1-5.
 * @param[in] mac   MAC to write.
 * @param[in] sqn   sequence number.
 * @param[in] hdr   plain header of the inner message.
 * @param[in] b     inner body.
 * @param[out] buf  output.
 * @param[in] cap   octets at @p buf.
 * @return octets written, or the errors of agw_naseps_encode(),
 *   AGW_PROTO_E_BAD_VALUE (sht not 1-5).
 */
long agw_naseps_encode_protected(uint8_t sht, uint32_t mac, uint8_t sqn,
				 const struct agw_naseps_hdr *hdr, const struct agw_nas_body *b,
				 void *buf, size_t cap);

/**
 * Encode a SERVICE REQUEST (TS 24.301 8.2.25, SHT 12): 4 octets.
 *
 * @param[in] ksi        KSI, 0-7.
 * @param[in] seq        sequence number, 0-31 (5 LSBs of the UL NAS COUNT).
 * @param[in] short_mac  the 2 least significant octets of the MAC.
 * @param[out] buf       output.
 * @param[in] cap        octets at @p buf.
 * @return 4, AGW_PROTO_E_BAD_VALUE, AGW_PROTO_E_NO_SPACE.
 */
long agw_naseps_encode_service_request(uint8_t ksi, uint8_t seq, uint16_t short_mac, void *buf,
				       size_t cap);

/* ------------------------------------------------------------------------ */
/* Typed IEs                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * Identity types, as decoded. The wire codes differ: EPS mobile identity
 * (9.9.3.12): 1 IMSI, 3 IMEI, 6 GUTI; mobile identity (9.9.2.3, i.e. TS
 * 24.008 10.5.1.4): 0 none, 1 IMSI, 2 IMEI, 3 IMEISV, 4 TMSI/P-TMSI/M-TMSI.
 */
enum agw_naseps_id_type {
	AGW_NASEPS_ID_NONE = 0,
	AGW_NASEPS_ID_IMSI = 1,
	AGW_NASEPS_ID_IMEI = 2,
	AGW_NASEPS_ID_IMEISV = 3, /**< mobile identity only */
	AGW_NASEPS_ID_TMSI = 4,   /**< mobile identity only */
	AGW_NASEPS_ID_GUTI = 5,   /**< EPS mobile identity only */
};

/** Which of the two identity IE types a value is. */
enum agw_naseps_id_format {
	AGW_NASEPS_IDF_EPS = 0, /**< EPS mobile identity, 9.9.3.12 (Old GUTI, attach, detach) */
	AGW_NASEPS_IDF_MS = 1,  /**< mobile identity, 9.9.2.3 (identity response, IMEISV, M-TMSI) */
};

/** GUTI (TS 23.003 2.8). */
struct agw_naseps_guti {
	struct agw_nas_plmn plmn; /**< MCC/MNC */
	uint16_t mme_group;       /**< MME group ID */
	uint8_t mme_code;         /**< MME code */
	uint32_t m_tmsi;          /**< M-TMSI */
};

/** EPS mobile identity / mobile identity. */
struct agw_naseps_mobile_id {
	uint8_t type;         /**< enum agw_naseps_id_type */
	char digits[17];      /**< IMSI (6-15 digits), IMEI (15), IMEISV (16) */
	uint32_t tmsi;        /**< TMSI */
	struct agw_naseps_guti guti; /**< GUTI */
};

/**
 * Decode an EPS mobile identity (9.9.3.12) or mobile identity (9.9.2.3)
 * value.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[in] fmt  enum agw_naseps_id_format: which IE type the value is.
 * @param[out] id  identity.
 * @return 0; AGW_PROTO_E_BAD_LENGTH; AGW_PROTO_E_BAD_VALUE (bad digit or
 *   filler); AGW_PROTO_E_UNSUPPORTED (identity type not defined for @p fmt,
 *   or TMGI).
 */
int agw_naseps_mobile_id_decode(const uint8_t *v, size_t len, int fmt,
				struct agw_naseps_mobile_id *id);

/**
 * Encode an identity value in format @p fmt.
 *
 * @param[in] id     identity.
 * @param[in] fmt    enum agw_naseps_id_format.
 * @param[in,out] w  writer.
 * @return 0, AGW_PROTO_E_BAD_VALUE, AGW_PROTO_E_UNSUPPORTED (type not
 *   defined for @p fmt), AGW_PROTO_E_NO_SPACE.
 */
int agw_naseps_mobile_id_encode(const struct agw_naseps_mobile_id *id, int fmt, struct agw_wr *w);

/** EPS update type (9.9.3.14), from the half octet. */
struct agw_naseps_update_type {
	uint8_t active; /**< bit 4: bearer establishment requested */
	uint8_t type;   /**< 0 TA updating, 1 combined TA/LA, 2 combined TA/LA with IMSI
			 *   attach, 3 periodic updating */
};

/**
 * Split the EPS update type half octet.
 *
 * @param[in] half  the 4-bit IE value.
 * @return active flag and update type.
 */
static inline struct agw_naseps_update_type
agw_naseps_update_type_from_half(uint8_t half)
{
	struct agw_naseps_update_type t = {(uint8_t)((half >> 3) & 1), (uint8_t)(half & 7)};
	return t;
}

/** UE network capability (9.9.3.34): the algorithm octets and the span. */
struct agw_naseps_ue_net_cap {
	uint8_t eea;       /**< EEA0..7, EEA0 in bit 8 */
	uint8_t eia;       /**< EIA0..7, EIA0 in bit 8 */
	uint8_t uea;       /**< UEA0..7 (octet 5, when present) */
	uint8_t uia;       /**< UIA1..7 (octet 6 bits 7-1, when present) */
	uint8_t len;       /**< 2-13 */
	const uint8_t *v;  /**< the whole value */
};

/**
 * Decode a UE network capability value.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] c   algorithm octets and the span.
 * @return 0 or AGW_PROTO_E_BAD_LENGTH (not 2-13 octets).
 */
int agw_naseps_ue_net_cap_decode(const uint8_t *v, size_t len, struct agw_naseps_ue_net_cap *c);

/** Tracking area identity (9.9.3.32). */
struct agw_naseps_tai {
	struct agw_nas_plmn plmn; /**< MCC/MNC */
	uint16_t tac;             /**< tracking area code */
};

/**
 * Decode a TAI value (5 octets: MCC/MNC, TAC).
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] t   TAI.
 * @return 0, AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_BAD_VALUE.
 */
int agw_naseps_tai_decode(const uint8_t *v, size_t len, struct agw_naseps_tai *t);

/**
 * Encode a TAI value (5 octets).
 *
 * @param[in] t      TAI.
 * @param[in,out] w  writer.
 * @return 0, AGW_PROTO_E_BAD_VALUE, AGW_PROTO_E_NO_SPACE.
 */
int agw_naseps_tai_encode(const struct agw_naseps_tai *t, struct agw_wr *w);

/**
 * EPS bearer context status (9.9.2.1) of a decoded body.
 *
 * @param[in] b        decoded body.
 * @param[out] bitmap  bit n = EBI n active.
 * @return 0, AGW_PROTO_E_MISSING_IE, AGW_PROTO_E_BAD_LENGTH.
 */
static inline int
agw_naseps_bearer_status(const struct agw_nas_body *b, uint16_t *bitmap)
{
	const uint8_t *v;
	int rc = agw_nas_get_fixed(b, AGW_NASEPS_F_EPS_BEARER_CTX_STATUS, 2, &v);

	if (rc == 0)
		*bitmap = (uint16_t)(v[1] << 8 | v[0]);
	return rc;
}

#ifdef __cplusplus
}
#endif

#endif /* AGW_NASEPS_H */
