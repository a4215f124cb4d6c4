/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NAS5G_H
#define AGW_NAS5G_H

/**
 * @file
 * NAS for 5GS (TS 24.501): zero-copy decoder and encoder.
 *
 * Three layers, from cheapest to fullest:
 *  - agw_nas5g_sec_decode(): the security-protected header (EPD, security
 *    header type, MAC, SQN) and the span of the inner plain NAS message,
 *    which may be ciphered. This is all the fast path needs: the MAC is
 *    computed over SQN || inner message (clause 4.4.3.3).
 *  - agw_nas5g_hdr_decode(): the plain 5GMM header (EPD 0x7E, SHT 0, type)
 *    or 5GSM header (EPD 0x2E, PSI, PTI, type), clause 9.1-9.7.
 *  - agw_nas5g_decode(): both, then the message body through a table per
 *    message (IEI, presence, format, length: the TS 24.501 clause 8 tables)
 *    and one generic IE engine (struct agw_nas_body), with typed accessors
 *    for the IEs the gateway acts on (agw_nas5g_mobile_id_decode() ...).
 *
 * The IE engine (agw_nas_*) is shared with NAS-EPS (agw_naseps.h): TS 24.007
 * clause 11.2 gives both protocols the same IE formats and the same rules
 * for unknown IEs.
 *
 * Decoded structures point into the input buffer, which must outlive them.
 * Every field is read through the bounded reader of agw_proto.h; decoders
 * never read past @c buf + @c len and return AGW_PROTO_E_* on any error.
 *
 * Private IEs (no 3GPP IE exists): security service identifiers and UE
 * security service capability (seed 000) and the AKMA identifier (seed 001).
 * Their IEIs and layouts are in doc/nas-private-ies.md.
 *
 * @note All functions are reentrant and keep no state; they may be called
 * from any lcore.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Generic NAS IE engine (TS 24.007 clause 11.2), shared with NAS-EPS        */
/* ------------------------------------------------------------------------ */

/** IE formats (TS 24.007 clause 11.2.1.1; the "Format" column of the TS tables). */
enum agw_nas_fmt {
	AGW_NAS_FMT_V,    /**< type 3 without IEI: fixed-length value */
	AGW_NAS_FMT_VH,   /**< V 1/2: half octet without IEI (pairs share an octet) */
	AGW_NAS_FMT_TV1,  /**< TV 1: type 1, IEI in bits 8-5, value in bits 4-1 */
	AGW_NAS_FMT_TV,   /**< type 3: IEI and fixed-length value */
	AGW_NAS_FMT_LV,   /**< type 4 without IEI: 1-octet length, value */
	AGW_NAS_FMT_LVE,  /**< type 6 without IEI: 2-octet length, value */
	AGW_NAS_FMT_TLV,  /**< type 4: IEI, 1-octet length, value */
	AGW_NAS_FMT_TLVE, /**< type 6: IEI, 2-octet length, value */
};

/** Presence column of the message tables. */
enum agw_nas_pres {
	AGW_NAS_PRES_M, /**< mandatory */
	AGW_NAS_PRES_O, /**< optional */
	AGW_NAS_PRES_C, /**< conditional: decoded like an optional IE */
};

/**
 * One row of a message table: what the TS table says about one IE.
 * Lengths are the TS "Length" column, i.e. the whole IE including IEI and
 * length octets; max 0 stands for "n" (bounded by the length field only).
 */
struct agw_nas_ie_desc {
	uint8_t iei;     /**< IEI; type 1 (TV1): the high nibble, e.g. 0xC0; 0 when mandatory */
	uint8_t fmt;     /**< enum agw_nas_fmt */
	uint8_t pres;    /**< enum agw_nas_pres */
	uint8_t field;   /**< what the IE is (enum agw_nas5g_field / agw_naseps_field) */
	uint32_t min;    /**< minimum length of the whole IE in octets (V 1/2: 1) */
	uint32_t max;    /**< maximum length of the whole IE; 0 = n */
	const char *ref; /**< TS clause defining the IE type ("9.11.3.4") */
};

/** A message table. */
struct agw_nas_msg_desc {
	uint8_t type;                      /**< message type */
	uint8_t n_ies;                     /**< rows in @c ies */
	const char *name;                  /**< message name as the TS (and Wireshark) spell it */
	const char *ref;                   /**< TS clause of the message */
	const struct agw_nas_ie_desc *ies; /**< rows, in TS order (mandatory first) */
};

/** Most rows of any message table. */
#define AGW_NAS_MAX_IES 64

/** One decoded IE, at the index of its row. */
struct agw_nas_ie {
	const uint8_t *v; /**< value part (after IEI and length), in the input; NULL if absent */
	uint16_t len;     /**< octets at @c v (1 for V 1/2 and TV1: the octet holding the value) */
	uint8_t present;  /**< 1 when the IE is in the message */
	uint8_t half;     /**< V 1/2 and TV1 IEs: the 4-bit value */
};

/** A decoded (or to-be-encoded) message body. */
struct agw_nas_body {
	const struct agw_nas_msg_desc *desc; /**< the table; NULL if the type has none */
	uint16_t n_unknown; /**< unknown optional IEs skipped (TS 24.501 7.6.1) */
	uint16_t n_ignored; /**< repeated or wrong-length optional IEs ignored (7.6.3, 7.7.2) */
	struct agw_nas_ie ie[AGW_NAS_MAX_IES]; /**< indexed like desc->ies */
};

/**
 * Decode a message body (the octets after the message type) with a table.
 *
 * Mandatory IEs are read in table order. Optional IEs are looked up by IEI;
 * unknown ones are skipped by their IEI range (TS 24.007 11.2.4: bit 8 set =
 * 1 octet; 0x7X = TLV-E; other = TLV), except "comprehension required" ones
 * (bits 8-5 = 0000), which fail the message.
 *
 * @param[in] d     message table.
 * @param[in] p     first octet after the message type.
 * @param[in] len   octets at @p p.
 * @param[out] b    decoded IEs (spans into @p p).
 * @return 0; AGW_PROTO_E_MISSING_IE (the message ends before a mandatory IE);
 *   AGW_PROTO_E_TRUNCATED (an IE runs past the end); AGW_PROTO_E_BAD_LENGTH (a
 *   mandatory IE's length outside its range); AGW_PROTO_E_UNKNOWN_TYPE (unknown comprehension-
 *   required IE); AGW_PROTO_E_TRAILING (zero octets after the last IE: @p b
 *   is complete, the caller decides whether to accept the padding).
 */
int agw_nas_body_decode(const struct agw_nas_msg_desc *d, const uint8_t *p, size_t len,
			struct agw_nas_body *b);

/**
 * Encode a message body: mandatory IEs, then present optional IEs, in table
 * order.
 *
 * @param[in] b     body; b->desc must be set.
 * @param[in,out] w writer.
 * @return 0; AGW_PROTO_E_MISSING_IE (a mandatory IE not present);
 *   AGW_PROTO_E_BAD_LENGTH (a value length outside the row's range);
 *   AGW_PROTO_E_NO_SPACE (writer full).
 */
int agw_nas_body_encode(const struct agw_nas_body *b, struct agw_wr *w);

/**
 * Reset a body to "no IE present" for a table (spare half octets are set
 * present with value 0), before agw_nas_set() calls and encoding.
 *
 * @param[out] b  body to reset.
 * @param[in] d   message table, or NULL.
 */
void agw_nas_body_init(struct agw_nas_body *b, const struct agw_nas_msg_desc *d);

/**
 * The decoded IE for a field.
 *
 * @param[in] b      body.
 * @param[in] field  field id.
 * @return the IE if the table has the field and the message had it, else NULL.
 */
const struct agw_nas_ie *agw_nas_get(const struct agw_nas_body *b, unsigned int field);

/**
 * Set an IE for encoding (the value part only; IEI and length are added).
 *
 * @param[in,out] b  body with desc set.
 * @param[in] field  field id.
 * @param[in] v      value octets (must outlive the encode call).
 * @param[in] len    octets at @p v.
 * @return 0, or AGW_PROTO_E_UNKNOWN_TYPE if the table has no such field.
 */
int agw_nas_set(struct agw_nas_body *b, unsigned int field, const uint8_t *v, uint16_t len);

/**
 * Set a half-octet IE (V 1/2 or TV1) for encoding.
 *
 * @param[in,out] b  body with desc set.
 * @param[in] field  field id.
 * @param[in] val    4-bit value.
 * @return 0, AGW_PROTO_E_UNKNOWN_TYPE (no such field), AGW_PROTO_E_BAD_VALUE
 *   (@p val > 15 or the field is not a half-octet IE).
 */
int agw_nas_set_half(struct agw_nas_body *b, unsigned int field, uint8_t val);

/**
 * Get a fixed-length IE value.
 *
 * @param[in] b      body.
 * @param[in] field  field id.
 * @param[in] n      required length.
 * @param[out] v     the value.
 * @return 0, AGW_PROTO_E_MISSING_IE (absent), AGW_PROTO_E_BAD_LENGTH (other length).
 */
int agw_nas_get_fixed(const struct agw_nas_body *b, unsigned int field, size_t n,
		      const uint8_t **v);

/** PLMN identity as digits (TS 24.008 10.5.1.13 / 24.501 9.11.3.4 octets). */
struct agw_nas_plmn {
	char mcc[4]; /**< 3 digits, NUL-terminated */
	char mnc[4]; /**< 2 or 3 digits, NUL-terminated */
};

/**
 * Decode 3 octets MCC/MNC (MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1; MNC3 = F for
 * a 2-digit MNC).
 *
 * @param[in] p      the 3 octets.
 * @param[out] plmn  digits.
 * @return 0 or AGW_PROTO_E_BAD_VALUE (a digit is not 0-9, other than MNC3 = F).
 */
int agw_nas_plmn_decode(const uint8_t p[3], struct agw_nas_plmn *plmn);

/**
 * Encode a PLMN into 3 octets.
 *
 * @param[in] plmn  3-digit MCC, 2- or 3-digit MNC.
 * @param[out] p    the 3 octets.
 * @return 0 or AGW_PROTO_E_BAD_VALUE (MCC not 3 digits, MNC not 2-3 digits).
 */
int agw_nas_plmn_encode(const struct agw_nas_plmn *plmn, uint8_t p[3]);

/** NAS key set identifier (ngKSI 9.11.3.32, EPS 9.9.3.21), from a half octet. */
struct agw_nas_ksi {
	uint8_t tsc; /**< type of security context: 0 native, 1 mapped */
	uint8_t ksi; /**< 0-6; 7 = no key available */
};

/**
 * Split a half-octet key set identifier.
 *
 * @param[in] half  the 4-bit IE value.
 * @return TSC and KSI.
 */
static inline struct agw_nas_ksi
agw_nas_ksi_from_half(uint8_t half)
{
	struct agw_nas_ksi k = {(uint8_t)((half >> 3) & 1), (uint8_t)(half & 7)};
	return k;
}

/**
 * Join a key set identifier into a half octet.
 *
 * @param[in] k  TSC and KSI.
 * @return the 4-bit IE value.
 */
static inline uint8_t
agw_nas_ksi_to_half(struct agw_nas_ksi k)
{
	return (uint8_t)((k.tsc & 1) << 3 | (k.ksi & 7));
}

/** EAP packet header (RFC 3748 4), as carried in an EAP message IE. */
struct agw_nas_eap {
	uint8_t code;        /**< 1 request, 2 response, 3 success, 4 failure */
	uint8_t id;          /**< identifier */
	uint16_t len;        /**< EAP length field, equal to the IE length */
	uint8_t type;        /**< method type (request/response), else 0 */
	const uint8_t *data; /**< type-data (after the type octet), or NULL */
	uint16_t data_len;   /**< octets at @c data */
};

/**
 * Decode the EAP header inside an EAP message IE (TS 24.501 9.11.2.2).
 *
 * @param[in] v     IE value (the EAP packet).
 * @param[in] len   octets at @p v.
 * @param[out] eap  header fields and type-data span into @p v.
 * @return 0; AGW_PROTO_E_TRUNCATED (shorter than the EAP header);
 *   AGW_PROTO_E_BAD_LENGTH (EAP length differs from the IE length);
 *   AGW_PROTO_E_BAD_VALUE (code not 1-6, or request/response without type).
 */
int agw_nas_eap_decode(const uint8_t *v, size_t len, struct agw_nas_eap *eap);

/* ------------------------------------------------------------------------ */
/* NAS-5GS headers                                                          */
/* ------------------------------------------------------------------------ */

#define AGW_NAS5G_EPD_5GMM 0x7e /**< 5GS mobility management messages */
#define AGW_NAS5G_EPD_5GSM 0x2e /**< 5GS session management messages */

/** Security header types (TS 24.501 9.3.1). */
enum agw_nas5g_sht {
	AGW_NAS5G_SHT_PLAIN = 0,          /**< plain NAS message, not security protected */
	AGW_NAS5G_SHT_INTEG = 1,          /**< integrity protected */
	AGW_NAS5G_SHT_INTEG_CIPH = 2,     /**< integrity protected and ciphered */
	AGW_NAS5G_SHT_INTEG_NEW = 3,      /**< integrity protected, new 5G NAS security context */
	AGW_NAS5G_SHT_INTEG_CIPH_NEW = 4, /**< integrity protected and ciphered, new context */
};

/** Length of the security protected header: EPD, SHT, MAC (4), SQN (9.1.1). */
#define AGW_NAS5G_SEC_HDR_LEN 7

/** Result of agw_nas5g_sec_decode(). */
struct agw_nas5g_sec {
	uint8_t epd;        /**< extended protocol discriminator (octet 1) */
	uint8_t sht;        /**< security header type (octet 2, bits 4-1) */
	uint8_t ciphered;   /**< 1 for SHT 2 and 4: @c msg is ciphertext */
	uint8_t sqn;        /**< sequence number (octet 7); 0 when plain */
	uint32_t mac;       /**< message authentication code (octets 3-6); 0 when plain */
	const uint8_t *msg; /**< the plain NAS message (the whole input when SHT 0) */
	size_t msg_len;     /**< octets at @c msg */
	const uint8_t *mac_input; /**< what the MAC covers: SQN || message; NULL when plain */
	size_t mac_input_len;     /**< octets at @c mac_input */
};

/**
 * Split a NAS-5GS PDU into security header and inner message (fast path).
 *
 * A 5GSM message (EPD 0x2E) and a 5GMM message with SHT 0 are plain: @c msg
 * is the whole input. With SHT 1-4 the 7-octet header is followed by the
 * plain NAS message, ciphered for SHT 2 and 4; it is at least 3 octets (a
 * 5GMM header) long since ciphering keeps the length (TS 33.501 D.2).
 *
 * @param[in] buf   the PDU.
 * @param[in] len   octets at @p buf.
 * @param[out] sec  header fields and spans into @p buf.
 * @return 0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_UNKNOWN_TYPE (EPD is not
 *   5GMM/5GSM); AGW_PROTO_E_BAD_VALUE (SHT 5-15, reserved). The spare half
 *   octet is ignored, as receivers do with spare bits.
 */
int agw_nas5g_sec_decode(const void *buf, size_t len, struct agw_nas5g_sec *sec);

/** A plain NAS-5GS header (TS 24.501 9.1.1, 9.2-9.7). */
struct agw_nas5g_hdr {
	uint8_t epd;     /**< 0x7E or 0x2E */
	uint8_t sht;     /**< 5GMM: security header type (0 in a plain message) */
	uint8_t psi;     /**< 5GSM: PDU session identity */
	uint8_t pti;     /**< 5GSM: procedure transaction identity */
	uint8_t type;    /**< message type */
	uint8_t hdr_len; /**< 3 (5GMM) or 4 (5GSM) */
};

/**
 * Decode a plain 5GMM or 5GSM header.
 *
 * @param[in] buf   plain NAS message.
 * @param[in] len   octets at @p buf.
 * @param[out] hdr  header.
 * @return 0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_UNKNOWN_TYPE (other EPD);
 *   AGW_PROTO_E_BAD_VALUE (5GMM with SHT != 0: use agw_nas5g_sec_decode()).
 */
int agw_nas5g_hdr_decode(const void *buf, size_t len, struct agw_nas5g_hdr *hdr);

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * 5GMM message types (TS 24.501 9.7, table 9.7.1), with their names as the
 * TS and Wireshark spell them. X(id, value, name). The last five are
 * private (seed 000 security service procedures, doc/nas-private-ies.md
 * §3): 0x79-0x7D, at the top of the 5GMM range, which 3GPP fills upwards
 * (0x69-0x6D in Rel-17, nothing above since).
 */
#define AGW_NAS5G_MM_MSGS(X)                                                           \
	X(REGISTRATION_REQUEST, 0x41, "Registration request")                          \
	X(REGISTRATION_ACCEPT, 0x42, "Registration accept")                            \
	X(REGISTRATION_COMPLETE, 0x43, "Registration complete")                        \
	X(REGISTRATION_REJECT, 0x44, "Registration reject")                            \
	X(DEREG_REQUEST_UE_ORIG, 0x45, "Deregistration request (UE originating)")      \
	X(DEREG_ACCEPT_UE_ORIG, 0x46, "Deregistration accept (UE originating)")        \
	X(DEREG_REQUEST_UE_TERM, 0x47, "Deregistration request (UE terminated)")       \
	X(DEREG_ACCEPT_UE_TERM, 0x48, "Deregistration accept (UE terminated)")         \
	X(SERVICE_REQUEST, 0x4c, "Service request")                                    \
	X(SERVICE_REJECT, 0x4d, "Service reject")                                      \
	X(SERVICE_ACCEPT, 0x4e, "Service accept")                                      \
	X(CP_SERVICE_REQUEST, 0x4f, "Control plane service request")                   \
	X(NSSAA_COMMAND, 0x50, "Network slice-specific authentication command")        \
	X(NSSAA_COMPLETE, 0x51, "Network slice-specific authentication complete")      \
	X(NSSAA_RESULT, 0x52, "Network slice-specific authentication result")          \
	X(CONFIGURATION_UPDATE_COMMAND, 0x54, "Configuration update command")          \
	X(CONFIGURATION_UPDATE_COMPLETE, 0x55, "Configuration update complete")        \
	X(AUTHENTICATION_REQUEST, 0x56, "Authentication request")                      \
	X(AUTHENTICATION_RESPONSE, 0x57, "Authentication response")                    \
	X(AUTHENTICATION_REJECT, 0x58, "Authentication reject")                        \
	X(AUTHENTICATION_FAILURE, 0x59, "Authentication failure")                      \
	X(AUTHENTICATION_RESULT, 0x5a, "Authentication result")                        \
	X(IDENTITY_REQUEST, 0x5b, "Identity request")                                  \
	X(IDENTITY_RESPONSE, 0x5c, "Identity response")                                \
	X(SECURITY_MODE_COMMAND, 0x5d, "Security mode command")                        \
	X(SECURITY_MODE_COMPLETE, 0x5e, "Security mode complete")                      \
	X(SECURITY_MODE_REJECT, 0x5f, "Security mode reject")                          \
	X(STATUS_5GMM, 0x64, "5GMM status")                                            \
	X(NOTIFICATION, 0x65, "Notification")                                          \
	X(NOTIFICATION_RESPONSE, 0x66, "Notification response")                        \
	X(UL_NAS_TRANSPORT, 0x67, "UL NAS transport")                                  \
	X(DL_NAS_TRANSPORT, 0x68, "DL NAS transport")                                  \
	X(RELAY_KEY_REQUEST, 0x69, "Relay key request")                                \
	X(RELAY_KEY_ACCEPT, 0x6a, "Relay key accept")                                  \
	X(RELAY_KEY_REJECT, 0x6b, "Relay key reject")                                  \
	X(RELAY_AUTHENTICATION_REQUEST, 0x6c, "Relay authentication request")          \
	X(RELAY_AUTHENTICATION_RESPONSE, 0x6d, "Relay authentication response")       \
	X(SEC_SVC_COMMAND, 0x79, "Security service command (private)")                 \
	X(DH_NETWORK_KEY, 0x7a, "DH network key (private)")                            \
	X(DH_UE_KEY, 0x7b, "DH UE key (private)")                                      \
	X(DEVICE_AUTH_REQUEST, 0x7c, "Device authentication request (private)")        \
	X(DEVICE_AUTH_RESULT, 0x7d, "Device authentication result (private)")

/** 5GSM message types (TS 24.501 9.7, table 9.7.2). X(id, value, name). */
#define AGW_NAS5G_SM_MSGS(X)                                                             \
	X(PDU_SESSION_ESTABLISHMENT_REQUEST, 0xc1, "PDU session establishment request")  \
	X(PDU_SESSION_ESTABLISHMENT_ACCEPT, 0xc2, "PDU session establishment accept")    \
	X(PDU_SESSION_ESTABLISHMENT_REJECT, 0xc3, "PDU session establishment reject")    \
	X(PDU_SESSION_AUTHENTICATION_COMMAND, 0xc5, "PDU session authentication command") \
	X(PDU_SESSION_AUTHENTICATION_COMPLETE, 0xc6, "PDU session authentication complete") \
	X(PDU_SESSION_AUTHENTICATION_RESULT, 0xc7, "PDU session authentication result")  \
	X(PDU_SESSION_MODIFICATION_REQUEST, 0xc9, "PDU session modification request")    \
	X(PDU_SESSION_MODIFICATION_REJECT, 0xca, "PDU session modification reject")      \
	X(PDU_SESSION_MODIFICATION_COMMAND, 0xcb, "PDU session modification command")    \
	X(PDU_SESSION_MODIFICATION_COMPLETE, 0xcc, "PDU session modification complete")  \
	X(PDU_SESSION_MODIFICATION_COMMAND_REJECT, 0xcd,                                        \
	  "PDU session modification command reject")                                            \
	X(PDU_SESSION_RELEASE_REQUEST, 0xd1, "PDU session release request")              \
	X(PDU_SESSION_RELEASE_REJECT, 0xd2, "PDU session release reject")                \
	X(PDU_SESSION_RELEASE_COMMAND, 0xd3, "PDU session release command")              \
	X(PDU_SESSION_RELEASE_COMPLETE, 0xd4, "PDU session release complete")            \
	X(STATUS_5GSM, 0xd6, "5GSM status")

/** Message type values: AGW_NAS5G_MT_REGISTRATION_REQUEST, ... */
enum agw_nas5g_msg_type {
#define AGW_NAS5G_MT_(id, v, s) AGW_NAS5G_MT_##id = v,
	AGW_NAS5G_MM_MSGS(AGW_NAS5G_MT_) AGW_NAS5G_SM_MSGS(AGW_NAS5G_MT_)
#undef AGW_NAS5G_MT_
};

/**
 * What each IE of the 5GS tables is: the "Information Element" column of the
 * TS 24.501 clause 8 tables. X(id, name).
 */
#define AGW_NAS5G_FIELDS(X)                                                                \
	X(SPARE, "spare half octet")                                                       \
	X(REG_TYPE, "5GS registration type")                                               \
	X(NGKSI, "ngKSI")                                                                  \
	X(MOBILE_ID, "5GS mobile identity")                                                \
	X(NON_CURRENT_NGKSI, "Non-current native NAS key set identifier")                  \
	X(MM_CAP, "5GMM capability")                                                       \
	X(UE_SEC_CAP, "UE security capability")                                            \
	X(REQUESTED_NSSAI, "Requested NSSAI")                                              \
	X(LAST_TAI, "Last visited registered TAI")                                         \
	X(S1_UE_NET_CAP, "S1 UE network capability")                                       \
	X(UL_DATA_STATUS, "Uplink data status")                                            \
	X(PDU_SESSION_STATUS, "PDU session status")                                        \
	X(MICO_IND, "MICO indication")                                                     \
	X(UE_STATUS, "UE status")                                                          \
	X(ADDITIONAL_GUTI, "Additional GUTI")                                              \
	X(ALLOWED_PDU_SESSION_STATUS, "Allowed PDU session status")                        \
	X(UE_USAGE_SETTING, "UE's usage setting")                                          \
	X(DRX, "5GS DRX parameters")                                                       \
	X(EPS_NAS_MSG_CONTAINER, "EPS NAS message container")                              \
	X(LADN_IND, "LADN indication")                                                     \
	X(PAYLOAD_CONTAINER_TYPE, "Payload container type")                                \
	X(PAYLOAD_CONTAINER, "Payload container")                                          \
	X(NETWORK_SLICING_IND, "Network slicing indication")                               \
	X(UPDATE_TYPE, "5GS update type")                                                  \
	X(MS_CLASSMARK2, "Mobile station classmark 2")                                     \
	X(SUPPORTED_CODECS, "Supported codecs")                                            \
	X(NAS_MSG_CONTAINER, "NAS message container")                                      \
	X(EPS_BEARER_CTX_STATUS, "EPS bearer context status")                              \
	X(EDRX, "Extended DRX parameters")                                                 \
	X(T3324, "T3324 value")                                                            \
	X(UE_RADIO_CAP_ID, "UE radio capability ID")                                       \
	X(MAPPED_NSSAI, "Requested mapped NSSAI")                                          \
	X(ADDITIONAL_INFO_REQUESTED, "Additional information requested")                   \
	X(WUS_INFO, "WUS assistance information")                                          \
	X(N5GC_IND, "N5GC indication")                                                     \
	X(NB_N1_DRX, "NB-N1 mode DRX parameters")                                          \
	X(UE_REQUEST_TYPE, "UE request type")                                              \
	X(PAGING_RESTRICTION, "Paging restriction")                                        \
	X(SERVICE_LEVEL_AA, "Service-level-AA container")                                  \
	X(NID, "NID")                                                                      \
	X(DISASTER_PLMN, "MS determined PLMN with disaster condition")                     \
	X(PEIPS_INFO, "PEIPS assistance information")                                      \
	X(REQUESTED_T3512, "Requested T3512 value")                                        \
	X(REG_RESULT, "5GS registration result")                                           \
	X(GUTI, "5G-GUTI")                                                                 \
	X(EQUIVALENT_PLMNS, "Equivalent PLMNs")                                            \
	X(TAI_LIST, "TAI list")                                                            \
	X(ALLOWED_NSSAI, "Allowed NSSAI")                                                  \
	X(REJECTED_NSSAI, "Rejected NSSAI")                                                \
	X(CONFIGURED_NSSAI, "Configured NSSAI")                                            \
	X(NETWORK_FEATURE_SUPPORT, "5GS network feature support")                          \
	X(PDU_SESSION_REACT_RESULT, "PDU session reactivation result")                     \
	X(PDU_SESSION_REACT_ERROR, "PDU session reactivation result error cause")          \
	X(LADN_INFO, "LADN information")                                                   \
	X(SERVICE_AREA_LIST, "Service area list")                                          \
	X(T3512, "T3512 value")                                                            \
	X(NON_3GPP_DEREG_TIMER, "Non-3GPP de-registration timer value")                    \
	X(T3502, "T3502 value")                                                            \
	X(EMERGENCY_NUMBERS, "Emergency number list")                                      \
	X(EXT_EMERGENCY_NUMBERS, "Extended emergency number list")                         \
	X(SOR_CONTAINER, "SOR transparent container")                                      \
	X(EAP_MESSAGE, "EAP message")                                                      \
	X(NSSAI_INCLUSION_MODE, "NSSAI inclusion mode")                                    \
	X(OPERATOR_ACCESS_CATEGORIES, "Operator-defined access category definitions")      \
	X(NON_3GPP_NW_POLICIES, "Non-3GPP NW provided policies")                           \
	X(T3447, "T3447 value")                                                            \
	X(T3448, "T3448 value")                                                            \
	X(UE_RADIO_CAP_ID_DELETION, "UE radio capability ID deletion indication")          \
	X(PENDING_NSSAI, "Pending NSSAI")                                                  \
	X(CIPHERING_KEY_DATA, "Ciphering key data")                                        \
	X(CAG_INFO_LIST, "CAG information list")                                           \
	X(TRUNCATED_S_TMSI_CONFIG, "Truncated 5G-S-TMSI configuration")                    \
	X(EXT_REJECTED_NSSAI, "Extended rejected NSSAI")                                   \
	X(ADDITIONAL_REQUEST_RESULT, "5GS additional request result")                      \
	X(NSSRG_INFO, "NSSRG information")                                                 \
	X(DISASTER_ROAMING_WAIT, "Disaster roaming wait range")                            \
	X(DISASTER_RETURN_WAIT, "Disaster return wait range")                              \
	X(DISASTER_PLMN_LIST, "List of PLMNs to be used in disaster condition")            \
	X(FORBIDDEN_TAI_ROAMING, "Forbidden TAI for 5GS forbidden tracking areas for roaming") \
	X(FORBIDDEN_TAI_REGIONAL,                                                          \
	  "Forbidden TAI for 5GS forbidden tracking areas for regional provision of service") \
	X(EXT_CAG_INFO_LIST, "Extended CAG information list")                              \
	X(NSAG_INFO, "NSAG information")                                                   \
	X(MM_CAUSE, "5GMM cause")                                                          \
	X(T3346, "T3346 value")                                                            \
	X(LOWER_BOUND_TIMER, "Lower bound timer value")                                    \
	X(DEREG_TYPE, "De-registration type")                                              \
	X(SERVICE_TYPE, "Service type")                                                    \
	X(S_TMSI, "5G-S-TMSI")                                                             \
	X(CONFIG_UPDATE_IND, "Configuration update indication")                            \
	X(FULL_NETWORK_NAME, "Full name for network")                                      \
	X(SHORT_NETWORK_NAME, "Short name for network")                                    \
	X(LOCAL_TIME_ZONE, "Local time zone")                                              \
	X(UNIVERSAL_TIME, "Universal time and local time zone")                            \
	X(DAYLIGHT_SAVING_TIME, "Network daylight saving time")                            \
	X(SMS_IND, "SMS indication")                                                       \
	X(ADDITIONAL_CONFIG_IND, "Additional configuration indication")                    \
	X(ABBA, "ABBA")                                                                    \
	X(RAND, "Authentication parameter RAND")                                           \
	X(AUTN, "Authentication parameter AUTN")                                           \
	X(AUTH_RESPONSE_PARAM, "Authentication response parameter")                        \
	X(AUTH_FAILURE_PARAM, "Authentication failure parameter")                          \
	X(IDENTITY_TYPE, "Identity type")                                                  \
	X(NAS_SEC_ALGS, "Selected NAS security algorithms")                                \
	X(REPLAYED_UE_SEC_CAP, "Replayed UE security capabilities")                        \
	X(IMEISV_REQUEST, "IMEISV request")                                                \
	X(EPS_NAS_SEC_ALGS, "Selected EPS NAS security algorithms")                        \
	X(ADDITIONAL_SEC_INFO, "Additional 5G security information")                       \
	X(REPLAYED_S1_UE_SEC_CAP, "Replayed S1 UE security capabilities")                  \
	X(IMEISV, "IMEISV")                                                                \
	X(NON_IMEISV_PEI, "non-IMEISV PEI")                                                \
	X(PDU_SESSION_ID, "PDU session ID")                                                \
	X(OLD_PDU_SESSION_ID, "Old PDU session ID")                                        \
	X(REQUEST_TYPE, "Request type")                                                    \
	X(S_NSSAI, "S-NSSAI")                                                              \
	X(DNN, "DNN")                                                                      \
	X(ADDITIONAL_INFO, "Additional information")                                       \
	X(MA_PDU_SESSION_INFO, "MA PDU session information")                               \
	X(RELEASE_ASSISTANCE_IND, "Release assistance indication")                         \
	X(NON_3GPP_PATH_SWITCH, "Non-3GPP access path switching indication")               \
	X(ALT_S_NSSAI, "Alternative S-NSSAI")                                              \
	X(PAYLOAD_CONTAINER_INFO, "Payload container information")                         \
	X(BACK_OFF_TIMER, "Back-off timer value")                                          \
	X(PRTI, "ProSe relay transaction identity")                                        \
	X(RELAY_KEY_REQUEST_PARAMS, "Relay key request parameters")                        \
	X(RELAY_KEY_RESPONSE_PARAMS, "Relay key response parameters")                      \
	X(IPMDR, "Integrity protection maximum data rate")                                 \
	X(PDU_SESSION_TYPE, "PDU session type")                                            \
	X(SSC_MODE, "SSC mode")                                                            \
	X(SM_CAP, "5GSM capability")                                                       \
	X(MAX_PACKET_FILTERS, "Maximum number of supported packet filters")                \
	X(ALWAYS_ON_REQUESTED, "Always-on PDU session requested")                          \
	X(SM_PDU_DN_REQUEST, "SM PDU DN request container")                                \
	X(EXT_PCO, "Extended protocol configuration options")                              \
	X(IP_HC_CONFIG, "IP header compression configuration")                             \
	X(DS_TT_MAC, "DS-TT Ethernet port MAC address")                                    \
	X(UE_DS_TT_TIME, "UE-DS-TT residence time")                                        \
	X(PORT_MGMT_INFO, "Port management information container")                         \
	X(ETH_HC_CONFIG, "Ethernet header compression configuration")                      \
	X(SUGGESTED_IFID, "Suggested interface identifier")                                \
	X(REQUESTED_MBS, "Requested MBS container")                                        \
	X(PDU_SESSION_PAIR_ID, "PDU session pair ID")                                      \
	X(RSN, "RSN")                                                                      \
	X(SELECTED_PDU_SESSION_TYPE, "Selected PDU session type")                          \
	X(SELECTED_SSC_MODE, "Selected SSC mode")                                          \
	X(QOS_RULES, "Authorized QoS rules")                                               \
	X(SESSION_AMBR, "Session AMBR")                                                    \
	X(SM_CAUSE, "5GSM cause")                                                          \
	X(PDU_ADDRESS, "PDU address")                                                      \
	X(RQ_TIMER, "RQ timer value")                                                      \
	X(ALWAYS_ON_IND, "Always-on PDU session indication")                               \
	X(MAPPED_EPS_BEARER_CTXS, "Mapped EPS bearer contexts")                            \
	X(QOS_FLOW_DESCS, "Authorized QoS flow descriptions")                              \
	X(SM_NETWORK_FEATURE_SUPPORT, "5GSM network feature support")                      \
	X(SERVING_PLMN_RATE_CONTROL, "Serving PLMN rate control")                          \
	X(ATSSS_CONTAINER, "ATSSS container")                                              \
	X(CP_ONLY_IND, "Control plane only indication")                                    \
	X(ALLOWED_SSC_MODE, "Allowed SSC mode")                                            \
	X(CONGESTION_REATTEMPT, "5GSM congestion re-attempt indicator")                    \
	X(REATTEMPT_IND, "Re-attempt indicator")                                           \
	X(ACCESS_TYPE, "Access type")                                                      \
	X(UE_SEC_SVC_CAP, "UE security service capability (private)")                      \
	X(MM_SSI, "MM security service identifier (private)")                              \
	X(SM_SSI, "SM security service identifier (private)")                              \
	X(AKMA_ID, "AKMA identifier (private)")                                            \
	X(DH_SCHEME, "DH scheme (private)")                                                \
	X(DH_PUBLIC_KEY, "DH public key (private)")                                        \
	X(DEVICE_ID, "Device identity (private)")                                          \
	X(SSP_RESULT, "Security service result (private)")

/** Field ids: AGW_NAS5G_F_MOBILE_ID, ... */
enum agw_nas5g_field {
#define AGW_NAS5G_F_(id, s) AGW_NAS5G_F_##id,
	AGW_NAS5G_FIELDS(AGW_NAS5G_F_)
#undef AGW_NAS5G_F_
	AGW_NAS5G_F_COUNT_
};

/**
 * Private IEIs (doc/nas-private-ies.md). Chosen outside every IEI the
 * carrying messages use up to Rel-18, and outside "comprehension required"
 * (bits 8-5 = 0000), so a standard receiver skips them (TS 24.501 7.6.1).
 */
#define AGW_NAS5G_IEI_UE_SEC_SVC_CAP 0x23 /**< TLV, Registration/PDU session est. request */
#define AGW_NAS5G_IEI_MM_SSI 0x3f         /**< TLV, Registration accept, Config update cmd */
#define AGW_NAS5G_IEI_SM_SSI 0x65         /**< TLV, PDU session establishment accept */
#define AGW_NAS5G_IEI_AKMA_ID 0x7f        /**< TLV-E (0x7X range), Registration accept, CUC */

/**
 * Name of a field.
 *
 * @param[in] field  enum agw_nas5g_field.
 * @return the IE name as in the TS tables ("5GS mobile identity"), or "?".
 */
const char *agw_nas5g_field_name(unsigned int field);

/**
 * The table of a message.
 *
 * @param[in] epd   AGW_NAS5G_EPD_5GMM or AGW_NAS5G_EPD_5GSM.
 * @param[in] type  message type.
 * @return the table, or NULL when the type is unknown or decoded header-only
 *   (5GSM authentication/modification, 5GMM NSSAA/notification/CPSR).
 */
const struct agw_nas_msg_desc *agw_nas5g_desc(uint8_t epd, uint8_t type);

/**
 * Name of a message type as TS 24.501 (and Wireshark) spell it.
 *
 * @param[in] epd   AGW_NAS5G_EPD_5GMM or AGW_NAS5G_EPD_5GSM.
 * @param[in] type  message type.
 * @return the name, or NULL when the type is not defined for @p epd.
 */
const char *agw_nas5g_msg_name(uint8_t epd, uint8_t type);

/** A fully decoded NAS-5GS PDU. */
struct agw_nas5g_msg {
	struct agw_nas5g_sec sec;  /**< security header (plain: only epd/sht/msg) */
	struct agw_nas5g_hdr hdr;  /**< plain header; zero when sec.ciphered */
	const uint8_t *body;       /**< octets after the plain header */
	size_t body_len;           /**< octets at @c body */
	struct agw_nas_body ies;   /**< IEs; ies.desc NULL if ciphered or header-only */
};

/**
 * Decode a NAS-5GS PDU: security header, then (unless ciphered) the plain
 * header and the IEs.
 *
 * @param[in] buf  the PDU.
 * @param[in] len  octets at @p buf.
 * @param[out] m   result; spans into @p buf.
 * @return 0 (also for a ciphered message: only @c sec is then filled, and
 *   for a known type without table: @c hdr and @c body, ies.desc NULL);
 *   AGW_PROTO_E_UNKNOWN_TYPE (unknown EPD or message type); the errors of
 *   agw_nas5g_sec_decode(), agw_nas5g_hdr_decode(), agw_nas_body_decode();
 *   AGW_PROTO_E_BAD_VALUE (a protected message whose inner message is
 *   protected again or is not 5GMM).
 */
int agw_nas5g_decode(const void *buf, size_t len, struct agw_nas5g_msg *m);

/**
 * Encode a plain NAS-5GS message.
 *
 * @param[in] hdr   epd, type, and psi/pti for 5GSM (sht is written as 0).
 * @param[in] b     body; b->desc must be the table of hdr->type.
 * @param[out] buf  output.
 * @param[in] cap   octets available at @p buf.
 * @return octets written, or AGW_PROTO_E_NO_SPACE, AGW_PROTO_E_MISSING_IE,
 *   AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_BAD_VALUE (hdr does not match b->desc).
 */
long agw_nas5g_encode(const struct agw_nas5g_hdr *hdr, const struct agw_nas_body *b, void *buf,
		      size_t cap);

/**
 * Encode a security protected 5GMM message around a plain one.
 *
 * The caller computes the MAC over SQN || plain message (octets 7..) and may
 * write it later at octets 3-6 (big endian); ciphering, when wanted, is
 * applied in place to octets 8.. by the caller too.
 *
 * @param[in] sht   1-4.
 * @param[in] mac   MAC to write.
 * @param[in] sqn   sequence number (NAS COUNT, low 8 bits).
 * @param[in] hdr   plain header of the inner 5GMM message.
 * @param[in] b     inner body.
 * @param[out] buf  output.
 * @param[in] cap   octets available at @p buf.
 * @return octets written, or the errors of agw_nas5g_encode(), or
 *   AGW_PROTO_E_BAD_VALUE (sht not 1-4, inner not 5GMM).
 */
long agw_nas5g_encode_protected(uint8_t sht, uint32_t mac, uint8_t sqn,
				const struct agw_nas5g_hdr *hdr, const struct agw_nas_body *b,
				void *buf, size_t cap);

/* ------------------------------------------------------------------------ */
/* Typed IEs                                                                 */
/* ------------------------------------------------------------------------ */

/** Type of identity (TS 24.501 9.11.3.4, octet 4 bits 3-1). */
enum agw_nas5g_id_type {
	AGW_NAS5G_ID_NONE = 0,
	AGW_NAS5G_ID_SUCI = 1,
	AGW_NAS5G_ID_GUTI = 2,
	AGW_NAS5G_ID_IMEI = 3,
	AGW_NAS5G_ID_S_TMSI = 4,
	AGW_NAS5G_ID_IMEISV = 5,
	AGW_NAS5G_ID_MAC = 6,
	AGW_NAS5G_ID_EUI64 = 7,
};

/** SUCI protection scheme identifiers (TS 33.501 Annex C.1). */
enum agw_nas5g_scheme {
	AGW_NAS5G_SCHEME_NULL = 0,
	AGW_NAS5G_SCHEME_PROFILE_A = 1, /**< ECIES, X25519 */
	AGW_NAS5G_SCHEME_PROFILE_B = 2, /**< ECIES, secp256r1 (compressed point) */
};

/** SUCI (TS 24.501 9.11.3.4 figure 9.11.3.4.3, TS 23.003 2.2B). */
struct agw_nas5g_suci {
	uint8_t supi_format;      /**< 0 IMSI, 1 network specific identifier (NAI) */
	uint8_t scheme;           /**< protection scheme id (IMSI format) */
	uint8_t hn_key_id;        /**< home network public key identifier */
	struct agw_nas_plmn plmn; /**< MCC/MNC (IMSI format) */
	char rid[5];              /**< routing indicator, 1-4 digits */
	const uint8_t *out;       /**< scheme output */
	uint16_t out_len;         /**< octets at @c out */
	char msin[21];            /**< null scheme: MSIN digits */
	const uint8_t *eph_pub;   /**< ECIES: ephemeral public key (profile A 32, B 33 octets) */
	uint8_t eph_pub_len;      /**< octets at @c eph_pub */
	const uint8_t *cipher;    /**< ECIES: ciphertext of the MSIN */
	uint16_t cipher_len;      /**< octets at @c cipher */
	const uint8_t *mac_tag;   /**< ECIES: 8-octet MAC tag */
	const uint8_t *nai;       /**< NAI format: the SUCI NAI string */
	uint16_t nai_len;         /**< octets at @c nai */
};

/** 5G-GUTI (9.11.3.4 figure 9.11.3.4.1) and 5G-S-TMSI (figure 9.11.3.4.5). */
struct agw_nas5g_guti {
	struct agw_nas_plmn plmn; /**< GUTI only */
	uint8_t amf_region;       /**< GUTI only */
	uint16_t amf_set;         /**< 10 bits */
	uint8_t amf_ptr;          /**< 6 bits */
	uint32_t tmsi;            /**< 5G-TMSI */
};

/** 5GS mobile identity. */
struct agw_nas5g_mobile_id {
	uint8_t type; /**< enum agw_nas5g_id_type */
	union {
		struct agw_nas5g_suci suci;  /**< AGW_NAS5G_ID_SUCI */
		struct agw_nas5g_guti guti;  /**< AGW_NAS5G_ID_GUTI, AGW_NAS5G_ID_S_TMSI */
		char digits[17];             /**< IMEI (15 digits), IMEISV (16) */
		struct {
			const uint8_t *v;    /**< MAC address / EUI-64 octets */
			uint16_t len;        /**< octets at @c v */
		} raw;                       /**< AGW_NAS5G_ID_MAC, AGW_NAS5G_ID_EUI64 */
	} u;
};

/**
 * Decode a 5GS mobile identity value (TS 24.501 9.11.3.4; the value part of
 * the LV-E / TLV-E IE).
 *
 * SUCI: IMSI format gives MCC/MNC, routing indicator, protection scheme id,
 * home network public key id and the scheme output; the null scheme gives
 * the MSIN digits, profiles A and B split the output into ephemeral public
 * key, ciphertext and MAC tag (TS 33.501 C.3.2, C.3.3). 5G-GUTI, 5G-S-TMSI,
 * IMEI, IMEISV and "no identity" are decoded; MAC address and EUI-64 are
 * returned raw.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] id  identity; spans point into @p v.
 * @return 0; AGW_PROTO_E_TRUNCATED / AGW_PROTO_E_BAD_LENGTH (length does not
 *   fit the identity type); AGW_PROTO_E_BAD_VALUE (bad digit, wrong filler,
 *   profile B key not a compressed point); AGW_PROTO_E_UNSUPPORTED (SUPI
 *   format other than IMSI/NAI).
 */
int agw_nas5g_mobile_id_decode(const uint8_t *v, size_t len, struct agw_nas5g_mobile_id *id);

/**
 * Encode a 5GS mobile identity value.
 *
 * For a SUCI in IMSI format the scheme output is taken from @c out/out_len,
 * or, with the null scheme and @c out NULL, built from the @c msin digits.
 *
 * @param[in] id     identity.
 * @param[in,out] w  writer; receives the value part only.
 * @return 0, AGW_PROTO_E_BAD_VALUE (bad digits), AGW_PROTO_E_UNSUPPORTED
 *   (MAC/EUI-64), AGW_PROTO_E_NO_SPACE.
 */
int agw_nas5g_mobile_id_encode(const struct agw_nas5g_mobile_id *id, struct agw_wr *w);

/** 5GS registration type (9.11.3.7), from the half octet. */
struct agw_nas5g_reg_type {
	uint8_t follow_on; /**< FOR: follow-on request pending */
	uint8_t type;      /**< 1 initial, 2 mobility updating, 3 periodic updating,
			    *   4 emergency, 5 SNPN onboarding (Rel-17) */
};

/**
 * Split the 5GS registration type half octet.
 *
 * @param[in] half  the 4-bit IE value.
 * @return follow-on request bit and registration type.
 */
static inline struct agw_nas5g_reg_type
agw_nas5g_reg_type_from_half(uint8_t half)
{
	struct agw_nas5g_reg_type t = {(uint8_t)((half >> 3) & 1), (uint8_t)(half & 7)};
	return t;
}

/** UE security capability (9.11.3.54): one bit per algorithm, EA0/EEA0 in bit 8. */
struct agw_nas5g_ue_sec_cap {
	uint8_t ea;   /**< 5G-EA0..7 */
	uint8_t ia;   /**< 5G-IA0..7 */
	uint8_t eea;  /**< EEA0..7 (when len >= 3) */
	uint8_t eia;  /**< EIA0..7 (when len >= 4) */
	uint8_t len;  /**< value length, 2-8 (octets 7-10 spare) */
};

/**
 * Decode a UE security capability value (also the Replayed UE security
 * capabilities of the Security mode command).
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] c   algorithm bitmaps (EEA/EIA 0 when absent).
 * @return 0 or AGW_PROTO_E_BAD_LENGTH (not 2-8 octets).
 */
int agw_nas5g_ue_sec_cap_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_sec_cap *c);

/**
 * Encode a UE security capability value of c->len octets (2-8; spare
 * octets 0).
 *
 * @param[in] c      capability.
 * @param[in,out] w  writer.
 * @return 0, AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_NO_SPACE.
 */
int agw_nas5g_ue_sec_cap_encode(const struct agw_nas5g_ue_sec_cap *c, struct agw_wr *w);

/** NAS security algorithms (9.11.3.34): one octet. */
struct agw_nas5g_sec_algs {
	uint8_t ciph;  /**< type of ciphering algorithm, 0-7 (5G-EA0..) */
	uint8_t integ; /**< type of integrity protection algorithm, 0-7 (5G-IA0..) */
};

/**
 * Decode the NAS security algorithms octet (9.11.3.34).
 *
 * @param[in] octet  IE value.
 * @return ciphering (bits 7-5) and integrity (bits 3-1) algorithm.
 */
static inline struct agw_nas5g_sec_algs
agw_nas5g_sec_algs_decode(uint8_t octet)
{
	struct agw_nas5g_sec_algs a = {(uint8_t)((octet >> 4) & 7), (uint8_t)(octet & 7)};
	return a;
}

/**
 * Encode the NAS security algorithms octet.
 *
 * @param[in] a  algorithms (0-7 each).
 * @return the IE value.
 */
static inline uint8_t
agw_nas5g_sec_algs_encode(struct agw_nas5g_sec_algs a)
{
	return (uint8_t)((a.ciph & 7) << 4 | (a.integ & 7));
}

/** UE status (9.11.3.56). */
struct agw_nas5g_ue_status {
	uint8_t s1_registered; /**< bit 1: EMM-REGISTERED */
	uint8_t n1_registered; /**< bit 2: 5GMM-REGISTERED */
};

/**
 * Decode a UE status value.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] s   registration states.
 * @return 0 or AGW_PROTO_E_BAD_LENGTH (not 1 octet).
 */
int agw_nas5g_ue_status_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_status *s);

/**
 * Authentication failure parameter (9.11.3.14): the 14-octet AUTS.
 *
 * @param[in] b      body of an Authentication failure.
 * @param[out] auts  AUTS (SQN_MS xor AK* || MAC-S, TS 33.102 6.3.3), in the input.
 * @return 0, AGW_PROTO_E_MISSING_IE, AGW_PROTO_E_BAD_LENGTH.
 */
static inline int
agw_nas5g_auts(const struct agw_nas_body *b, const uint8_t **auts)
{
	return agw_nas_get_fixed(b, AGW_NAS5G_F_AUTH_FAILURE_PARAM, 14, auts);
}

/**
 * RAND (9.11.3.16) of an Authentication request.
 *
 * @param[in] b      decoded body.
 * @param[out] rand  16 octets, in the input.
 * @return 0, AGW_PROTO_E_MISSING_IE, AGW_PROTO_E_BAD_LENGTH.
 */
static inline int
agw_nas5g_rand(const struct agw_nas_body *b, const uint8_t **rand)
{
	return agw_nas_get_fixed(b, AGW_NAS5G_F_RAND, 16, rand);
}

/**
 * AUTN (9.11.3.15) of an Authentication request.
 *
 * @param[in] b      decoded body.
 * @param[out] autn  16 octets, in the input.
 * @return 0, AGW_PROTO_E_MISSING_IE, AGW_PROTO_E_BAD_LENGTH.
 */
static inline int
agw_nas5g_autn(const struct agw_nas_body *b, const uint8_t **autn)
{
	return agw_nas_get_fixed(b, AGW_NAS5G_F_AUTN, 16, autn);
}

/**
 * RES* (authentication response parameter 9.11.3.17) of an Authentication
 * response.
 *
 * @param[in] b     decoded body.
 * @param[out] res  16 octets, in the input.
 * @return 0, AGW_PROTO_E_MISSING_IE, AGW_PROTO_E_BAD_LENGTH.
 */
static inline int
agw_nas5g_res_star(const struct agw_nas_body *b, const uint8_t **res)
{
	return agw_nas_get_fixed(b, AGW_NAS5G_F_AUTH_RESPONSE_PARAM, 16, res);
}

/** Security service procedure codes (seed 000, spec §6.3). */
enum agw_nas5g_ssp {
	AGW_NAS5G_SSP_DH = 1,         /**< DH exchange (MM, SM) */
	AGW_NAS5G_SSP_DEVAUTH = 2,    /**< device authentication (MM, SM) */
	AGW_NAS5G_SSP_USERAUTH = 3,   /**< user authentication (SM only) */
	AGW_NAS5G_SSP_SECAUTH = 4,    /**< secondary authentication (SM only) */
	AGW_NAS5G_SSP_INDEP_SM = 5,   /**< independent SM security / NAS_SM SMC (SM only) */
};

/** Domain of a security service identifier. */
enum agw_nas5g_ssi_domain {
	AGW_NAS5G_SSI_MM = 0, /**< between UE and AMF */
	AGW_NAS5G_SSI_SM = 1, /**< between UE and SMF */
};

/** One procedure of a security service identifier. */
struct agw_nas5g_ssi_entry {
	uint8_t code;         /**< enum agw_nas5g_ssp, or 0xF0-0xFF operator-specific */
	uint8_t ue_init;      /**< initiator: 1 UE, 0 network function */
	uint8_t default_init; /**< 1: use the procedure's default initiator */
	uint8_t mandatory;    /**< 1: failure of the procedure fails the registration/session */
};

/** Most procedures in one security service identifier. */
#define AGW_NAS5G_SSI_MAX 8

/** Security service identifier (private IE, doc/nas-private-ies.md). */
struct agw_nas5g_ssi {
	uint8_t ordered;    /**< entry order is the initiation order */
	uint8_t one_by_one; /**< send UE-initiated identifiers one at a time */
	uint8_t n;          /**< entries; 0 = "indicates no procedure" */
	struct agw_nas5g_ssi_entry e[AGW_NAS5G_SSI_MAX]; /**< entries */
};

/**
 * Decode a security service identifier value (MM-SSI or SM-SSI).
 *
 * @param[in] v       IE value.
 * @param[in] len     octets at @p v (0: "indicates no procedure").
 * @param[in] domain  enum agw_nas5g_ssi_domain (which codes are allowed).
 * @param[out] s      flags and entries.
 * @return 0; AGW_PROTO_E_BAD_LENGTH (even non-zero length, more than 8
 *   entries); AGW_PROTO_E_BAD_VALUE (reserved code, code not allowed in the
 *   domain, duplicate code).
 */
int agw_nas5g_ssi_decode(const uint8_t *v, size_t len, int domain, struct agw_nas5g_ssi *s);

/**
 * Encode a security service identifier value (same checks as decoding).
 *
 * @param[in] s       identifier; n = 0 without flags gives an empty value.
 * @param[in] domain  enum agw_nas5g_ssi_domain.
 * @param[in,out] w   writer.
 * @return 0, AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_BAD_VALUE, AGW_PROTO_E_NO_SPACE.
 */
int agw_nas5g_ssi_encode(const struct agw_nas5g_ssi *s, int domain, struct agw_wr *w);

/** UE security service capability (private IE): bitmaps, bit (code - 1). */
struct agw_nas5g_ue_svc_cap {
	uint8_t mm_cap; /**< MM procedures the UE supports (bits 0-1) */
	uint8_t sm_cap; /**< SM procedures the UE supports (bits 0-4) */
	uint8_t has_sm; /**< the SM octet is present */
};

/**
 * Decode a UE security service capability value (1 or 2 octets). Bits
 * beyond the domain's codes are ignored (forward compatibility).
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] c   bitmaps.
 * @return 0 or AGW_PROTO_E_BAD_LENGTH.
 */
int agw_nas5g_ue_svc_cap_decode(const uint8_t *v, size_t len, struct agw_nas5g_ue_svc_cap *c);

/**
 * Encode a UE security service capability value.
 *
 * @param[in] c      bitmaps; the SM octet only when c->has_sm.
 * @param[in,out] w  writer.
 * @return 0 or AGW_PROTO_E_NO_SPACE.
 */
int agw_nas5g_ue_svc_cap_encode(const struct agw_nas5g_ue_svc_cap *c, struct agw_wr *w);

/**
 * DH scheme of the private DH network key / DH UE key messages (seed 000
 * DH exchange, doc/nas-private-ies.md §3).
 */
enum agw_nas5g_dh_scheme {
	AGW_NAS5G_DH_X25519 = 1, /**< RFC 7748 X25519: 32-octet public keys */
};

/** Result of a security service procedure (Device authentication result). */
enum agw_nas5g_ssp_result {
	AGW_NAS5G_SSP_ACCEPTED = 1, /**< procedure succeeded */
	AGW_NAS5G_SSP_REJECTED = 2, /**< procedure failed; a 5GMM cause may say why */
};

/**
 * The public key of a DH network key or DH UE key message (private).
 *
 * @param[in] b     decoded body of AGW_NAS5G_MT_DH_NETWORK_KEY / _DH_UE_KEY.
 * @param[out] key  the public key, in the input (AGW_NAS5G_DH_X25519: 32
 *                  octets).
 * @return 0; AGW_PROTO_E_MISSING_IE; AGW_PROTO_E_UNSUPPORTED (a scheme other
 *   than X25519); AGW_PROTO_E_BAD_LENGTH (key length not the scheme's).
 */
int agw_nas5g_dh_key(const struct agw_nas_body *b, const uint8_t **key);

/**
 * Result and cause of a Device authentication result (private).
 *
 * @param[in] b        decoded body of AGW_NAS5G_MT_DEVICE_AUTH_RESULT.
 * @param[out] result  enum agw_nas5g_ssp_result.
 * @param[out] cause   5GMM cause (TS 24.501 9.11.3.2), 0 when absent.
 * @return 0; AGW_PROTO_E_MISSING_IE; AGW_PROTO_E_BAD_VALUE (result not 1
 *   or 2); AGW_PROTO_E_BAD_LENGTH.
 */
int agw_nas5g_ssp_result(const struct agw_nas_body *b, uint8_t *result, uint8_t *cause);

/** Longest AKMA identifier NAI (RFC 7542 2.2). */
#define AGW_NAS5G_AKMA_NAI_MAX 253

/**
 * AKMA identifier (private IE, seed 001): the NAI
 * [af<AF>.][aanf<AANF>.]rid<RID>.tid<hex>@[akma.]5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org
 */
struct agw_nas5g_akma_id {
	const uint8_t *nai;   /**< the whole NAI (decode: into the input) */
	uint16_t nai_len;     /**< octets at @c nai */
	char rid[5];          /**< routing indicator, 1-4 digits */
	uint8_t tid[32];      /**< temporary identifier (A-TID): 16 random or 32 (KDF) octets */
	uint8_t tid_len;      /**< 1-32 */
	struct agw_nas_plmn plmn; /**< home network (MNC given as 3 digits on the wire) */
	char af[32];          /**< AF label value, "" if absent */
	char aanf[32];        /**< AAnF label value, "" if absent */
	uint8_t akma_label;   /**< "akma." realm label present */
};

/**
 * Decode and parse an AKMA identifier value (only the canonical form).
 *
 * @param[in] v    IE value (the NAI, no terminating NUL).
 * @param[in] len  octets at @p v.
 * @param[out] a   parsed fields; @c nai points into @p v.
 * @return 0; AGW_PROTO_E_BAD_LENGTH (empty, > 253 octets, label too long);
 *   AGW_PROTO_E_BAD_VALUE (not the canonical form, upper case, bad digit).
 */
int agw_nas5g_akma_id_decode(const uint8_t *v, size_t len, struct agw_nas5g_akma_id *a);

/**
 * Encode an AKMA identifier value from the parsed fields (@c nai is
 * ignored); a 2-digit MNC is written as 3 digits.
 *
 * @param[in] a      fields.
 * @param[in,out] w  writer.
 * @return 0, AGW_PROTO_E_BAD_VALUE, AGW_PROTO_E_BAD_LENGTH, AGW_PROTO_E_NO_SPACE.
 */
int agw_nas5g_akma_id_encode(const struct agw_nas5g_akma_id *a, struct agw_wr *w);

/** Relay key request parameters (9.11.3.89), third-party layout (see doc). */
struct agw_nas5g_relay_key_req {
	const uint8_t *rsc;       /**< relay service code, 3 octets */
	const uint8_t *nonce1;    /**< Nonce_1, 16 octets */
	const uint8_t *ue_id;     /**< remote UE identity (SUCI or CP-PRUK ID) */
	uint16_t ue_id_len;       /**< octets at @c ue_id (>= 1) */
};

/**
 * Split relay key request parameters.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] r   spans into @p v.
 * @return 0 or AGW_PROTO_E_BAD_LENGTH (< 20 octets).
 */
int agw_nas5g_relay_key_req_decode(const uint8_t *v, size_t len, struct agw_nas5g_relay_key_req *r);

/** Relay key response parameters (9.11.3.90), third-party layout (see doc). */
struct agw_nas5g_relay_key_resp {
	const uint8_t *k_nr_prose; /**< K_NR_ProSe, 32 octets */
	const uint8_t *nonce2;     /**< Nonce_2, 16 octets */
	const uint8_t *cp_pruk_id; /**< CP-PRUK ID, or NULL */
	uint16_t cp_pruk_id_len;   /**< octets at @c cp_pruk_id */
};

/**
 * Split relay key response parameters.
 *
 * @param[in] v    IE value.
 * @param[in] len  octets at @p v.
 * @param[out] r   spans into @p v.
 * @return 0 or AGW_PROTO_E_BAD_LENGTH (< 48 octets).
 */
int agw_nas5g_relay_key_resp_decode(const uint8_t *v, size_t len,
				    struct agw_nas5g_relay_key_resp *r);

#ifdef __cplusplus
}
#endif

#endif /* AGW_NAS5G_H */
