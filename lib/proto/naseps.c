/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * NAS-EPS codec (TS 24.301) on the NAS IE engine of nas5g.c. Every octet is
 * read through agw_rd_* (agw_proto.h).
 */

#include <string.h>

#include "agw_naseps.h"

/* ------------------------------------------------------------------------ */
/* Headers (TS 24.301 9.1-9.3)                                               */
/* ------------------------------------------------------------------------ */

/* SERVICE REQUEST (8.2.25): SHT 12 | PD, KSI and sequence number, short MAC. */
static int
naseps_service_request(struct agw_rd *r, struct agw_naseps_sec *sec)
{
	uint8_t o;
	int rc;

	sec->sht = AGW_NASEPS_SHT_SERVICE_REQUEST; /* 9.3.1: 13-15 are read as 12 */
	rc = agw_rd_u8(r, &o);
	if (rc == 0)
		rc = agw_rd_be16(r, &sec->short_mac);
	if (rc != 0)
		return rc;
	sec->ksi = o >> 5;
	sec->seq = o & 0x1f;
	return agw_rd_left(r) == 0 ? 0 : AGW_PROTO_E_TRAILING;
}

int
agw_naseps_sec_decode(const void *buf, size_t len, struct agw_naseps_sec *sec)
{
	struct agw_rd r = agw_rd_init(buf, len);
	uint8_t o;
	int rc;

	memset(sec, 0, sizeof(*sec));
	rc = agw_rd_u8(&r, &o);
	if (rc != 0)
		return rc;
	sec->pd = o & 0x0f;
	sec->msg = buf;
	sec->msg_len = len;
	if (sec->pd == AGW_NASEPS_PD_ESM) /* bits 8-5 are the EBI: never protected alone */
		return len < 3 ? AGW_PROTO_E_TRUNCATED : 0;
	if (sec->pd != AGW_NASEPS_PD_EMM)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	sec->sht = o >> 4;
	if (sec->sht == AGW_NASEPS_SHT_PLAIN)
		return len < 2 ? AGW_PROTO_E_TRUNCATED : 0;
	if (sec->sht >= AGW_NASEPS_SHT_SERVICE_REQUEST)
		return naseps_service_request(&r, sec);
	if (sec->sht > AGW_NASEPS_SHT_INTEG_PARTIAL)
		return AGW_PROTO_E_BAD_VALUE; /* 6-11: not used */
	rc = agw_rd_be32(&r, &sec->mac);
	if (rc == 0)
		rc = agw_rd_u8(&r, &sec->sqn);
	if (rc != 0)
		return rc;
	/* The inner message is at least a plain EMM header (2 octets). */
	if (agw_rd_left(&r) < 2)
		return AGW_PROTO_E_TRUNCATED;
	sec->ciphered =
		sec->sht == AGW_NASEPS_SHT_INTEG_CIPH || sec->sht == AGW_NASEPS_SHT_INTEG_CIPH_NEW;
	sec->partial = sec->sht == AGW_NASEPS_SHT_INTEG_PARTIAL;
	sec->mac_input = r.p - 1;
	sec->msg_len = agw_rd_left(&r);
	sec->mac_input_len = sec->msg_len + 1;
	sec->msg = agw_rd_take(&r, sec->msg_len);
	return 0;
}

int
agw_naseps_hdr_decode(const void *buf, size_t len, struct agw_naseps_hdr *hdr)
{
	struct agw_rd r = agw_rd_init(buf, len);
	uint8_t o;
	int rc;

	memset(hdr, 0, sizeof(*hdr));
	rc = agw_rd_u8(&r, &o);
	if (rc != 0)
		return rc;
	hdr->pd = o & 0x0f;
	if (hdr->pd == AGW_NASEPS_PD_EMM) {
		if ((o >> 4) != AGW_NASEPS_SHT_PLAIN)
			return AGW_PROTO_E_BAD_VALUE;
		hdr->hdr_len = 2;
		return agw_rd_u8(&r, &hdr->type);
	}
	if (hdr->pd != AGW_NASEPS_PD_ESM)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	hdr->ebi = o >> 4;
	hdr->hdr_len = 3;
	rc = agw_rd_u8(&r, &hdr->pti);
	return rc != 0 ? rc : agw_rd_u8(&r, &hdr->type);
}

/* ------------------------------------------------------------------------ */
/* Message tables (TS 24.301 clause 8)                                       */
/* ------------------------------------------------------------------------ */

/* Row: IEI, format, presence, field, whole-IE length min/max (0 = n), clause. */
#define IE(iei, fmt, pres, f, lo, hi, ref)                                                         \
	{                                                                                          \
		(iei), AGW_NAS_FMT_##fmt, AGW_NAS_PRES_##pres, AGW_NASEPS_F_##f, (lo), (hi), (ref) \
	}

/* 8.2.4 Attach request */
static const struct agw_nas_ie_desc t_attach_req[] = {
	IE(0x00, VH, M, ATTACH_TYPE, 1, 1, "9.9.3.11"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, LV, M, MOBILE_ID, 5, 12, "9.9.3.12"),
	IE(0x00, LV, M, UE_NET_CAP, 3, 14, "9.9.3.34"),
	IE(0x00, LVE, M, ESM_CONTAINER, 5, 0, "9.9.3.15"),
	IE(0x19, TV, O, OLD_PTMSI_SIG, 4, 4, "9.9.3.26"),
	IE(0x50, TLV, O, ADDITIONAL_GUTI, 13, 13, "9.9.3.12"),
	IE(0x52, TV, O, LAST_TAI, 6, 6, "9.9.3.32"),
	IE(0x5c, TV, O, DRX, 3, 3, "9.9.3.8"),
	IE(0x31, TLV, O, MS_NET_CAP, 4, 10, "9.9.3.20"),
	IE(0x13, TV, O, OLD_LAI, 6, 6, "9.9.2.2"),
	IE(0x90, TV1, O, TMSI_STATUS, 1, 1, "9.9.3.31"),
	IE(0x11, TLV, O, MS_CLASSMARK2, 5, 5, "9.9.2.4"),
	IE(0x20, TLV, O, MS_CLASSMARK3, 2, 34, "9.9.2.5"),
	IE(0x40, TLV, O, SUPPORTED_CODECS, 5, 0, "9.9.2.10"),
	IE(0xf0, TV1, O, ADDITIONAL_UPDATE_TYPE, 1, 1, "9.9.3.0B"),
	IE(0x5d, TLV, O, VOICE_DOMAIN_PREF, 3, 3, "9.9.3.44"),
	IE(0xd0, TV1, O, DEVICE_PROPERTIES, 1, 1, "9.9.2.0A"),
	IE(0xe0, TV1, O, OLD_GUTI_TYPE, 1, 1, "9.9.3.45"),
	IE(0xc0, TV1, O, MS_NET_FEATURE_SUPPORT, 1, 1, "9.9.3.20A"),
	IE(0x10, TLV, O, NRI_CONTAINER, 4, 4, "9.9.3.24A"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.9.3.16A"),
	IE(0x5e, TLV, O, T3412_EXT, 3, 3, "9.9.3.16B"),
	IE(0x6e, TLV, O, EDRX, 3, 3, "9.9.3.46"),
	IE(0x6f, TLV, O, UE_ADD_SEC_CAP, 6, 6, "9.9.3.53"),
	IE(0x6d, TLV, O, UE_STATUS, 3, 3, "9.9.3.54"),
	IE(0x17, TV, O, ADDITIONAL_INFO_REQUESTED, 2, 2, "9.9.3.55"),
	IE(0x32, TLV, O, N1_UE_NET_CAP, 3, 15, "9.9.3.57"),
	IE(0x34, TLV, O, UE_RADIO_CAP_ID_AVAIL, 3, 3, "9.9.3.58"),
	IE(0x35, TLV, O, WUS_INFO, 3, 3, "9.9.3.62"),
	IE(0x36, TLV, O, NB_S1_DRX, 3, 3, "9.9.3.63"),
	IE(0x38, TLV, O, IMSI_OFFSET, 4, 4, "9.9.3.64"),
	IE(0x26, TLV, O, DISASTER_PLMN, 5, 5, "9.9.3.77"),
};

/* 8.2.1 Attach accept */
static const struct agw_nas_ie_desc t_attach_accept[] = {
	IE(0x00, VH, M, ATTACH_RESULT, 1, 1, "9.9.3.10"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x00, V, M, T3412, 1, 1, "9.9.3.16"),
	IE(0x00, LV, M, TAI_LIST, 7, 97, "9.9.3.33"),
	IE(0x00, LVE, M, ESM_CONTAINER, 5, 0, "9.9.3.15"),
	IE(0x50, TLV, O, GUTI, 13, 13, "9.9.3.12"),
	IE(0x13, TV, O, LAI, 6, 6, "9.9.2.2"),
	IE(0x23, TLV, O, MS_IDENTITY, 7, 10, "9.9.2.3"),
	IE(0x53, TV, O, EMM_CAUSE, 2, 2, "9.9.3.9"),
	IE(0x17, TV, O, T3402, 2, 2, "9.9.3.16"),
	IE(0x59, TV, O, T3423, 2, 2, "9.9.3.16"),
	IE(0x4a, TLV, O, EQUIVALENT_PLMNS, 5, 47, "9.9.2.8"),
	IE(0x34, TLV, O, EMERGENCY_NUMBERS, 5, 50, "9.9.3.37"),
	IE(0x64, TLV, O, NETWORK_FEATURE_SUPPORT, 3, 5, "9.9.3.12A"),
	IE(0xf0, TV1, O, ADDITIONAL_UPDATE_RESULT, 1, 1, "9.9.3.0A"),
	IE(0x5e, TLV, O, T3412_EXT, 3, 3, "9.9.3.16B"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.9.3.16A"),
	IE(0x6e, TLV, O, EDRX, 3, 3, "9.9.3.46"),
	IE(0x65, TLV, O, DCN_ID, 4, 4, "9.9.3.48"),
	IE(0xe0, TV1, O, SMS_SERVICES_STATUS, 1, 1, "9.9.3.4B"),
	IE(0xd0, TV1, O, NON_3GPP_NW_POLICIES, 1, 1, "9.9.3.49"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.9.3.16A"),
	IE(0xc0, TV1, O, NETWORK_POLICY, 1, 1, "9.9.3.52"),
	IE(0x6c, TLV, O, T3447, 3, 3, "9.9.3.16B"),
	IE(0x7a, TLVE, O, EXT_EMERGENCY_NUMBERS, 7, 65538, "9.9.3.37A"),
	IE(0x7c, TLVE, O, CIPHERING_KEY_DATA, 35, 2291, "9.9.3.56"),
	IE(0x66, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.9.3.60"),
	IE(0xb0, TV1, O, UE_RADIO_CAP_ID_DELETION, 1, 1, "9.9.3.61"),
	IE(0x35, TLV, O, WUS_INFO, 3, 3, "9.9.3.62"),
	IE(0x36, TLV, O, NB_S1_DRX, 3, 3, "9.9.3.63"),
	IE(0x38, TLV, O, IMSI_OFFSET, 4, 4, "9.9.3.64"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 8, 98, "9.9.3.33"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 8, 98, "9.9.3.33"),
};

/* 8.2.2 Attach complete */
static const struct agw_nas_ie_desc t_attach_complete[] = {
	IE(0x00, LVE, M, ESM_CONTAINER, 5, 0, "9.9.3.15"),
};

/* 8.2.3 Attach reject */
static const struct agw_nas_ie_desc t_attach_reject[] = {
	IE(0x00, V, M, EMM_CAUSE, 1, 1, "9.9.3.9"),
	IE(0x78, TLVE, O, ESM_CONTAINER, 6, 0, "9.9.3.15"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.9.3.16A"),
	IE(0x16, TLV, O, T3402, 3, 3, "9.9.3.16A"),
	IE(0xa0, TV1, O, EXT_EMM_CAUSE, 1, 1, "9.9.3.26A"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 8, 98, "9.9.3.33"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 8, 98, "9.9.3.33"),
};

/* 8.2.11.1 Detach request, UE originating detach */
static const struct agw_nas_ie_desc t_detach_req_ul[] = {
	IE(0x00, VH, M, DETACH_TYPE, 1, 1, "9.9.3.7"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, LV, M, MOBILE_ID, 5, 12, "9.9.3.12"),
};

/* 8.2.11.2 Detach request, UE terminated detach */
static const struct agw_nas_ie_desc t_detach_req_dl[] = {
	IE(0x00, VH, M, DETACH_TYPE, 1, 1, "9.9.3.7"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x53, TV, O, EMM_CAUSE, 2, 2, "9.9.3.9"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 8, 98, "9.9.3.33"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 8, 98, "9.9.3.33"),
};

/* Messages with no IE after the message type (Detach accept 8.2.10, TAU
 * complete 8.2.27, Authentication reject 8.2.6, GUTI reallocation complete
 * 8.2.17, ESM information request 8.3.13). */
static const struct agw_nas_ie_desc t_empty[] = {
	IE(0x00, VH, O, SPARE, 1, 1, "-"), /* n_ies = 0: never used */
};

/* 8.2.29 Tracking area update request */
static const struct agw_nas_ie_desc t_tau_req[] = {
	IE(0x00, VH, M, UPDATE_TYPE, 1, 1, "9.9.3.14"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, LV, M, MOBILE_ID, 12, 12, "9.9.3.12"), /* Old GUTI */
	IE(0xb0, TV1, O, NON_CURRENT_KSI, 1, 1, "9.9.3.21"),
	IE(0x80, TV1, O, GPRS_CKSN, 1, 1, "9.9.3.4a"),
	IE(0x19, TV, O, OLD_PTMSI_SIG, 4, 4, "9.9.3.26"),
	IE(0x50, TLV, O, ADDITIONAL_GUTI, 13, 13, "9.9.3.12"),
	IE(0x55, TV, O, NONCE_UE, 5, 5, "9.9.3.25"),
	IE(0x58, TLV, O, UE_NET_CAP, 4, 15, "9.9.3.34"),
	IE(0x52, TV, O, LAST_TAI, 6, 6, "9.9.3.32"),
	IE(0x5c, TV, O, DRX, 3, 3, "9.9.3.8"),
	IE(0xa0, TV1, O, RADIO_CAP_UPDATE_NEEDED, 1, 1, "9.9.3.35"),
	IE(0x57, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.9.2.1"),
	IE(0x31, TLV, O, MS_NET_CAP, 4, 10, "9.9.3.20"),
	IE(0x13, TV, O, OLD_LAI, 6, 6, "9.9.2.2"),
	IE(0x90, TV1, O, TMSI_STATUS, 1, 1, "9.9.3.31"),
	IE(0x11, TLV, O, MS_CLASSMARK2, 5, 5, "9.9.2.4"),
	IE(0x20, TLV, O, MS_CLASSMARK3, 2, 34, "9.9.2.5"),
	IE(0x40, TLV, O, SUPPORTED_CODECS, 5, 0, "9.9.2.10"),
	IE(0xf0, TV1, O, ADDITIONAL_UPDATE_TYPE, 1, 1, "9.9.3.0B"),
	IE(0x5d, TLV, O, VOICE_DOMAIN_PREF, 3, 3, "9.9.3.44"),
	IE(0xe0, TV1, O, OLD_GUTI_TYPE, 1, 1, "9.9.3.45"),
	IE(0xd0, TV1, O, DEVICE_PROPERTIES, 1, 1, "9.9.2.0A"),
	IE(0xc0, TV1, O, MS_NET_FEATURE_SUPPORT, 1, 1, "9.9.3.20A"),
	IE(0x10, TLV, O, NRI_CONTAINER, 4, 4, "9.9.3.24A"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.9.3.16A"),
	IE(0x5e, TLV, O, T3412_EXT, 3, 3, "9.9.3.16B"),
	IE(0x6e, TLV, O, EDRX, 3, 3, "9.9.3.46"),
	IE(0x6f, TLV, O, UE_ADD_SEC_CAP, 6, 6, "9.9.3.53"),
	IE(0x6d, TLV, O, UE_STATUS, 3, 3, "9.9.3.54"),
	IE(0x17, TV, O, ADDITIONAL_INFO_REQUESTED, 2, 2, "9.9.3.55"),
	IE(0x32, TLV, O, N1_UE_NET_CAP, 3, 15, "9.9.3.57"),
	IE(0x34, TLV, O, UE_RADIO_CAP_ID_AVAIL, 3, 3, "9.9.3.58"),
	IE(0x35, TLV, O, WUS_INFO, 3, 3, "9.9.3.62"),
	IE(0x36, TLV, O, NB_S1_DRX, 3, 3, "9.9.3.63"),
	IE(0x38, TLV, O, IMSI_OFFSET, 4, 4, "9.9.3.64"),
	IE(0x29, TLV, O, UE_REQUEST_TYPE, 3, 3, "9.9.3.65"),
	IE(0x28, TLV, O, PAGING_RESTRICTION, 3, 5, "9.9.3.66"),
	IE(0x26, TLV, O, DISASTER_PLMN, 5, 5, "9.9.3.77"),
};

/* 8.2.26 Tracking area update accept */
static const struct agw_nas_ie_desc t_tau_accept[] = {
	IE(0x00, VH, M, UPDATE_RESULT, 1, 1, "9.9.3.13"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x5a, TV, O, T3412, 2, 2, "9.9.3.16"),
	IE(0x50, TLV, O, GUTI, 13, 13, "9.9.3.12"),
	IE(0x54, TLV, O, TAI_LIST, 8, 98, "9.9.3.33"),
	IE(0x57, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.9.2.1"),
	IE(0x13, TV, O, LAI, 6, 6, "9.9.2.2"),
	IE(0x23, TLV, O, MS_IDENTITY, 7, 10, "9.9.2.3"),
	IE(0x53, TV, O, EMM_CAUSE, 2, 2, "9.9.3.9"),
	IE(0x17, TV, O, T3402, 2, 2, "9.9.3.16"),
	IE(0x59, TV, O, T3423, 2, 2, "9.9.3.16"),
	IE(0x4a, TLV, O, EQUIVALENT_PLMNS, 5, 47, "9.9.2.8"),
	IE(0x34, TLV, O, EMERGENCY_NUMBERS, 5, 50, "9.9.3.37"),
	IE(0x64, TLV, O, NETWORK_FEATURE_SUPPORT, 3, 5, "9.9.3.12A"),
	IE(0xf0, TV1, O, ADDITIONAL_UPDATE_RESULT, 1, 1, "9.9.3.0A"),
	IE(0x5e, TLV, O, T3412_EXT, 3, 3, "9.9.3.16B"),
	IE(0x6a, TLV, O, T3324, 3, 3, "9.9.3.16A"),
	IE(0x6e, TLV, O, EDRX, 3, 3, "9.9.3.46"),
	IE(0x68, TLV, O, HC_CONFIG_STATUS, 4, 4, "9.9.4.27"),
	IE(0x65, TLV, O, DCN_ID, 4, 4, "9.9.3.48"),
	IE(0xe0, TV1, O, SMS_SERVICES_STATUS, 1, 1, "9.9.3.4B"),
	IE(0xd0, TV1, O, NON_3GPP_NW_POLICIES, 1, 1, "9.9.3.49"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.9.3.16A"),
	IE(0xc0, TV1, O, NETWORK_POLICY, 1, 1, "9.9.3.52"),
	IE(0x6c, TLV, O, T3447, 3, 3, "9.9.3.16B"),
	IE(0x7a, TLVE, O, EXT_EMERGENCY_NUMBERS, 7, 65538, "9.9.3.37A"),
	IE(0x7c, TLVE, O, CIPHERING_KEY_DATA, 35, 2291, "9.9.3.56"),
	IE(0x66, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.9.3.60"),
	IE(0xb0, TV1, O, UE_RADIO_CAP_ID_DELETION, 1, 1, "9.9.3.61"),
	IE(0x35, TLV, O, WUS_INFO, 3, 3, "9.9.3.62"),
	IE(0x36, TLV, O, NB_S1_DRX, 3, 3, "9.9.3.63"),
	IE(0x38, TLV, O, IMSI_OFFSET, 4, 4, "9.9.3.64"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 8, 98, "9.9.3.33"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 8, 98, "9.9.3.33"),
};

/* 8.2.28 Tracking area update reject */
static const struct agw_nas_ie_desc t_tau_reject[] = {
	IE(0x00, V, M, EMM_CAUSE, 1, 1, "9.9.3.9"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.9.3.16A"),
	IE(0xa0, TV1, O, EXT_EMM_CAUSE, 1, 1, "9.9.3.26A"),
	IE(0x16, TLV, O, T3402, 3, 3, "9.9.3.16A"),
	IE(0x1d, TLV, O, FORBIDDEN_TAI_ROAMING, 8, 98, "9.9.3.33"),
	IE(0x1e, TLV, O, FORBIDDEN_TAI_REGIONAL, 8, 98, "9.9.3.33"),
};

/* 8.2.15 Extended service request */
static const struct agw_nas_ie_desc t_ext_service_req[] = {
	IE(0x00, VH, M, SERVICE_TYPE, 1, 1, "9.9.3.27"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, LV, M, M_TMSI, 6, 6, "9.9.2.3"),
	IE(0xb0, TV1, O, CSFB_RESPONSE, 1, 1, "9.9.3.5"),
	IE(0x57, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.9.2.1"),
	IE(0xd0, TV1, O, DEVICE_PROPERTIES, 1, 1, "9.9.2.0A"),
	IE(0x29, TLV, O, UE_REQUEST_TYPE, 3, 3, "9.9.3.65"),
	IE(0x28, TLV, O, PAGING_RESTRICTION, 3, 5, "9.9.3.66"),
};

/* 8.2.33 Control plane service request */
static const struct agw_nas_ie_desc t_cp_service_req[] = {
	IE(0x00, VH, M, CP_SERVICE_TYPE, 1, 1, "9.9.3.47"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x78, TLVE, O, ESM_CONTAINER, 3, 0, "9.9.3.15"),
	IE(0x67, TLV, O, NAS_CONTAINER, 4, 253, "9.9.3.22"),
	IE(0x57, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.9.2.1"),
	IE(0xd0, TV1, O, DEVICE_PROPERTIES, 1, 1, "9.9.2.0A"),
	IE(0x29, TLV, O, UE_REQUEST_TYPE, 3, 3, "9.9.3.65"),
	IE(0x28, TLV, O, PAGING_RESTRICTION, 3, 5, "9.9.3.66"),
};

/* 8.2.24 Service reject */
static const struct agw_nas_ie_desc t_service_reject[] = {
	IE(0x00, V, M, EMM_CAUSE, 1, 1, "9.9.3.9"),
	IE(0x5b, TV, O, T3442, 2, 2, "9.9.3.16"),
	IE(0x5f, TLV, O, T3346, 3, 3, "9.9.3.16A"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.9.3.16A"),
};

/* 8.2.34 Service accept */
static const struct agw_nas_ie_desc t_service_accept[] = {
	IE(0x57, TLV, O, EPS_BEARER_CTX_STATUS, 4, 4, "9.9.2.1"),
	IE(0x6b, TLV, O, T3448, 3, 3, "9.9.3.16A"),
};

/* 8.2.16 GUTI reallocation command */
static const struct agw_nas_ie_desc t_guti_realloc[] = {
	IE(0x00, LV, M, GUTI, 12, 12, "9.9.3.12"),
	IE(0x54, TLV, O, TAI_LIST, 8, 98, "9.9.3.33"),
	IE(0x65, TLV, O, DCN_ID, 4, 4, "9.9.3.48"),
	IE(0x66, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.9.3.60"),
	IE(0xb0, TV1, O, UE_RADIO_CAP_ID_DELETION, 1, 1, "9.9.3.61"),
};

/* 8.2.7 Authentication request */
static const struct agw_nas_ie_desc t_auth_req[] = {
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x00, V, M, RAND, 16, 16, "9.9.3.3"),
	IE(0x00, LV, M, AUTN, 17, 17, "9.9.3.2"),
};

/* 8.2.8 Authentication response */
static const struct agw_nas_ie_desc t_auth_resp[] = {
	IE(0x00, LV, M, RES, 5, 17, "9.9.3.4"),
};

/* 8.2.5 Authentication failure */
static const struct agw_nas_ie_desc t_auth_failure[] = {
	IE(0x00, V, M, EMM_CAUSE, 1, 1, "9.9.3.9"),
	IE(0x30, TLV, O, AUTH_FAILURE_PARAM, 16, 16, "9.9.3.1"),
};

/* 8.2.18 Identity request */
static const struct agw_nas_ie_desc t_identity_req[] = {
	IE(0x00, VH, M, IDENTITY_TYPE, 1, 1, "9.9.3.17"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
};

/* 8.2.19 Identity response */
static const struct agw_nas_ie_desc t_identity_resp[] = {
	IE(0x00, LV, M, MOBILE_IDENTITY, 4, 10, "9.9.2.3"),
};

/* 8.2.20 Security mode command */
static const struct agw_nas_ie_desc t_smc[] = {
	IE(0x00, V, M, NAS_SEC_ALGS, 1, 1, "9.9.3.23"),
	IE(0x00, VH, M, NAS_KSI, 1, 1, "9.9.3.21"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x00, LV, M, REPLAYED_UE_SEC_CAP, 3, 6, "9.9.3.36"),
	IE(0xc0, TV1, O, IMEISV_REQUEST, 1, 1, "9.9.3.18"),
	IE(0x55, TV, O, REPLAYED_NONCE_UE, 5, 5, "9.9.3.25"),
	IE(0x56, TV, O, NONCE_MME, 5, 5, "9.9.3.25"),
	IE(0x4f, TLV, O, HASH_MME, 10, 10, "9.9.3.50"),
	IE(0x6f, TLV, O, REPLAYED_UE_ADD_SEC_CAP, 6, 6, "9.9.3.53"),
};

/* 8.2.21 Security mode complete */
static const struct agw_nas_ie_desc t_smc_complete[] = {
	IE(0x23, TLV, O, IMEISV, 11, 11, "9.9.2.3"),
	IE(0x79, TLVE, O, REPLAYED_NAS_CONTAINER, 3, 0, "9.9.3.51"),
	IE(0x66, TLV, O, UE_RADIO_CAP_ID, 3, 0, "9.9.3.60"),
};

/* 8.2.22 Security mode reject, 8.2.14 EMM status */
static const struct agw_nas_ie_desc t_emm_cause_only[] = {
	IE(0x00, V, M, EMM_CAUSE, 1, 1, "9.9.3.9"),
};

/* 8.2.13 EMM information */
static const struct agw_nas_ie_desc t_emm_info[] = {
	IE(0x43, TLV, O, FULL_NETWORK_NAME, 3, 0, "9.9.3.24"),
	IE(0x45, TLV, O, SHORT_NETWORK_NAME, 3, 0, "9.9.3.24"),
	IE(0x46, TV, O, LOCAL_TIME_ZONE, 2, 2, "9.9.3.29"),
	IE(0x47, TV, O, UNIVERSAL_TIME, 8, 8, "9.9.3.30"),
	IE(0x49, TLV, O, DAYLIGHT_SAVING_TIME, 3, 3, "9.9.3.6"),
};

/* 8.2.12 Downlink NAS transport, 8.2.30 Uplink NAS transport */
static const struct agw_nas_ie_desc t_nas_transport[] = {
	IE(0x00, LV, M, NAS_CONTAINER, 3, 253, "9.9.3.22"),
};

/* 8.2.31 Downlink / 8.2.32 Uplink generic NAS transport */
static const struct agw_nas_ie_desc t_generic_transport[] = {
	IE(0x00, V, M, GENERIC_CONTAINER_TYPE, 1, 1, "9.9.3.42"),
	IE(0x00, LVE, M, GENERIC_CONTAINER, 3, 0, "9.9.3.43"),
	IE(0x65, TLV, O, ADDITIONAL_INFO, 3, 0, "9.9.2.0"),
};

/* 8.3.6 Activate default EPS bearer context request */
static const struct agw_nas_ie_desc t_act_default_req[] = {
	IE(0x00, LV, M, EPS_QOS, 2, 14, "9.9.4.3"),
	IE(0x00, LV, M, APN, 2, 101, "9.9.4.1"),
	IE(0x00, LV, M, PDN_ADDRESS, 6, 14, "9.9.4.9"),
	IE(0x5d, TLV, O, TRANSACTION_ID, 3, 4, "9.9.4.17"),
	IE(0x30, TLV, O, NEGOTIATED_QOS, 14, 22, "9.9.4.12"),
	IE(0x32, TV, O, LLC_SAPI, 2, 2, "9.9.4.7"),
	IE(0x80, TV1, O, RADIO_PRIORITY, 1, 1, "9.9.4.13"),
	IE(0x34, TLV, O, PACKET_FLOW_ID, 3, 3, "9.9.4.8"),
	IE(0x5e, TLV, O, APN_AMBR, 4, 8, "9.9.4.2"),
	IE(0x58, TV, O, ESM_CAUSE, 2, 2, "9.9.4.4"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0xb0, TV1, O, CONNECTIVITY_TYPE, 1, 1, "9.9.4.2A"),
	IE(0xc0, TV1, O, WLAN_OFFLOAD_IND, 1, 1, "9.9.4.18"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x66, TLV, O, HC_CONFIG, 3, 0, "9.9.4.22"),
	IE(0x90, TV1, O, CP_ONLY_IND, 1, 1, "9.9.4.23"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
	IE(0x6e, TLV, O, SERVING_PLMN_RATE_CONTROL, 4, 4, "9.9.4.28"),
	IE(0x5f, TLV, O, EXT_APN_AMBR, 8, 8, "9.9.4.29"),
};

/* 8.3.4 Activate dedicated EPS bearer context request */
static const struct agw_nas_ie_desc t_act_dedicated_req[] = {
	IE(0x00, VH, M, LINKED_EBI, 1, 1, "9.9.4.6"),
	IE(0x00, VH, M, SPARE, 1, 1, "9.9.2.9"),
	IE(0x00, LV, M, EPS_QOS, 2, 14, "9.9.4.3"),
	IE(0x00, LV, M, TFT, 2, 256, "9.9.4.16"),
	IE(0x5d, TLV, O, TRANSACTION_ID, 3, 4, "9.9.4.17"),
	IE(0x30, TLV, O, NEGOTIATED_QOS, 14, 22, "9.9.4.12"),
	IE(0x32, TV, O, LLC_SAPI, 2, 2, "9.9.4.7"),
	IE(0x80, TV1, O, RADIO_PRIORITY, 1, 1, "9.9.4.13"),
	IE(0x34, TLV, O, PACKET_FLOW_ID, 3, 3, "9.9.4.8"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0xc0, TV1, O, WLAN_OFFLOAD_IND, 1, 1, "9.9.4.18"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
	IE(0x5c, TLV, O, EXT_EPS_QOS, 12, 12, "9.9.4.30"),
};

/* 8.3.1/8.3.3 Activate default/dedicated accept, 8.3.11 Deactivate accept */
static const struct agw_nas_ie_desc t_esm_pco_only[] = {
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

/* 8.3.2/8.3.5 Activate dedicated/default reject */
static const struct agw_nas_ie_desc t_esm_cause_pco[] = {
	IE(0x00, V, M, ESM_CAUSE, 1, 1, "9.9.4.4"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

/* 8.3.15 ESM status */
static const struct agw_nas_ie_desc t_esm_status[] = {
	IE(0x00, V, M, ESM_CAUSE, 1, 1, "9.9.4.4"),
};

/* 8.3.12 Deactivate EPS bearer context request */
static const struct agw_nas_ie_desc t_deact_req[] = {
	IE(0x00, V, M, ESM_CAUSE, 1, 1, "9.9.4.4"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0x37, TLV, O, T3396, 3, 3, "9.9.3.16B"),
	IE(0xc0, TV1, O, WLAN_OFFLOAD_IND, 1, 1, "9.9.4.18"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

/* 8.3.20 PDN connectivity request */
static const struct agw_nas_ie_desc t_pdn_conn_req[] = {
	IE(0x00, VH, M, REQUEST_TYPE, 1, 1, "9.9.4.14"),
	IE(0x00, VH, M, PDN_TYPE, 1, 1, "9.9.4.10"),
	IE(0xd0, TV1, O, ESM_INFO_TRANSFER_FLAG, 1, 1, "9.9.4.5"),
	IE(0x28, TLV, O, APN, 3, 102, "9.9.4.1"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0xc0, TV1, O, DEVICE_PROPERTIES, 1, 1, "9.9.2.0A"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x66, TLV, O, HC_CONFIG, 3, 0, "9.9.4.22"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

/* 8.3.19 PDN connectivity reject */
static const struct agw_nas_ie_desc t_pdn_conn_reject[] = {
	IE(0x00, V, M, ESM_CAUSE, 1, 1, "9.9.4.4"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0x37, TLV, O, T3396, 3, 3, "9.9.3.16B"),
	IE(0x6b, TLV, O, REATTEMPT_IND, 3, 3, "9.9.4.13A"),
	IE(0x33, TLV, O, NBIFOM_CONTAINER, 3, 257, "9.9.4.19"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

/* 8.3.14 ESM information response */
static const struct agw_nas_ie_desc t_esm_info_resp[] = {
	IE(0x28, TLV, O, APN, 3, 102, "9.9.4.1"),
	IE(0x27, TLV, O, PCO, 3, 253, "9.9.4.11"),
	IE(0x7b, TLVE, O, EXT_PCO, 4, 65538, "9.9.4.26"),
};

#undef IE

/* Message names, one object per name (X-macro). */
#define NASEPS_NAME_(id, v, s) static const char naseps_name_##id[] = s;
AGW_NASEPS_EMM_MSGS(NASEPS_NAME_)
AGW_NASEPS_ESM_MSGS(NASEPS_NAME_)
#undef NASEPS_NAME_

#define MSG(id, ref, tab)                                                                          \
	{                                                                                          \
		AGW_NASEPS_MT_##id, (uint8_t)(sizeof(tab) / sizeof((tab)[0])), naseps_name_##id,   \
			(ref), (tab)                                                               \
	}
#define MSG0(id, ref)                                                                              \
	{                                                                                          \
		AGW_NASEPS_MT_##id, 0, naseps_name_##id, (ref), t_empty                            \
	}

static const struct agw_nas_msg_desc naseps_emm_descs[] = {
	MSG(ATTACH_REQUEST, "8.2.4", t_attach_req),
	MSG(ATTACH_ACCEPT, "8.2.1", t_attach_accept),
	MSG(ATTACH_COMPLETE, "8.2.2", t_attach_complete),
	MSG(ATTACH_REJECT, "8.2.3", t_attach_reject),
	MSG(DETACH_REQUEST, "8.2.11.1", t_detach_req_ul),
	MSG0(DETACH_ACCEPT, "8.2.10"),
	MSG(TAU_REQUEST, "8.2.29", t_tau_req),
	MSG(TAU_ACCEPT, "8.2.26", t_tau_accept),
	MSG0(TAU_COMPLETE, "8.2.27"),
	MSG(TAU_REJECT, "8.2.28", t_tau_reject),
	MSG(EXT_SERVICE_REQUEST, "8.2.15", t_ext_service_req),
	MSG(CP_SERVICE_REQUEST, "8.2.33", t_cp_service_req),
	MSG(SERVICE_REJECT, "8.2.24", t_service_reject),
	MSG(SERVICE_ACCEPT, "8.2.34", t_service_accept),
	MSG(GUTI_REALLOC_COMMAND, "8.2.16", t_guti_realloc),
	MSG0(GUTI_REALLOC_COMPLETE, "8.2.17"),
	MSG(AUTHENTICATION_REQUEST, "8.2.7", t_auth_req),
	MSG(AUTHENTICATION_RESPONSE, "8.2.8", t_auth_resp),
	MSG0(AUTHENTICATION_REJECT, "8.2.6"),
	MSG(AUTHENTICATION_FAILURE, "8.2.5", t_auth_failure),
	MSG(IDENTITY_REQUEST, "8.2.18", t_identity_req),
	MSG(IDENTITY_RESPONSE, "8.2.19", t_identity_resp),
	MSG(SECURITY_MODE_COMMAND, "8.2.20", t_smc),
	MSG(SECURITY_MODE_COMPLETE, "8.2.21", t_smc_complete),
	MSG(SECURITY_MODE_REJECT, "8.2.22", t_emm_cause_only),
	MSG(EMM_STATUS, "8.2.14", t_emm_cause_only),
	MSG(EMM_INFORMATION, "8.2.13", t_emm_info),
	MSG(DL_NAS_TRANSPORT, "8.2.12", t_nas_transport),
	MSG(UL_NAS_TRANSPORT, "8.2.30", t_nas_transport),
	MSG(DL_GENERIC_NAS_TRANSPORT, "8.2.31", t_generic_transport),
	MSG(UL_GENERIC_NAS_TRANSPORT, "8.2.32", t_generic_transport),
};

/* The UE terminated variant of Detach request (same message type). */
static const struct agw_nas_msg_desc naseps_detach_dl =
	MSG(DETACH_REQUEST, "8.2.11.2", t_detach_req_dl);

static const struct agw_nas_msg_desc naseps_esm_descs[] = {
	MSG(ACT_DEFAULT_BEARER_REQUEST, "8.3.6", t_act_default_req),
	MSG(ACT_DEFAULT_BEARER_ACCEPT, "8.3.4", t_esm_pco_only),
	MSG(ACT_DEFAULT_BEARER_REJECT, "8.3.5", t_esm_cause_pco),
	MSG(ACT_DEDICATED_BEARER_REQUEST, "8.3.3", t_act_dedicated_req),
	MSG(ACT_DEDICATED_BEARER_ACCEPT, "8.3.1", t_esm_pco_only),
	MSG(ACT_DEDICATED_BEARER_REJECT, "8.3.2", t_esm_cause_pco),
	MSG(DEACT_BEARER_REQUEST, "8.3.12", t_deact_req),
	MSG(DEACT_BEARER_ACCEPT, "8.3.11", t_esm_pco_only),
	MSG(PDN_CONNECTIVITY_REQUEST, "8.3.20", t_pdn_conn_req),
	MSG(PDN_CONNECTIVITY_REJECT, "8.3.19", t_pdn_conn_reject),
	MSG0(ESM_INFORMATION_REQUEST, "8.3.13"),
	MSG(ESM_INFORMATION_RESPONSE, "8.3.14", t_esm_info_resp),
	MSG(ESM_STATUS, "8.3.15", t_esm_status),
};

#undef MSG
#undef MSG0

const struct agw_nas_msg_desc *
agw_naseps_desc(uint8_t pd, uint8_t type, int dir)
{
	const struct agw_nas_msg_desc *t;
	size_t i, n;

	if (pd == AGW_NASEPS_PD_EMM) {
		if (type == AGW_NASEPS_MT_DETACH_REQUEST && dir == AGW_NASEPS_DIR_DL)
			return &naseps_detach_dl;
		t = naseps_emm_descs;
		n = sizeof(naseps_emm_descs) / sizeof(naseps_emm_descs[0]);
	} else if (pd == AGW_NASEPS_PD_ESM) {
		t = naseps_esm_descs;
		n = sizeof(naseps_esm_descs) / sizeof(naseps_esm_descs[0]);
	} else {
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (t[i].type == type)
			return &t[i];
	return NULL;
}

const char *
agw_naseps_msg_name(uint8_t pd, uint8_t type)
{
	if (pd == AGW_NASEPS_PD_EMM) {
		switch (type) {
#define NASEPS_CASE_(id, v, s)                                                                     \
	case v:                                                                                    \
		return naseps_name_##id;
			AGW_NASEPS_EMM_MSGS(NASEPS_CASE_)
		default:
			return NULL;
		}
	}
	if (pd == AGW_NASEPS_PD_ESM) {
		switch (type) {
			AGW_NASEPS_ESM_MSGS(NASEPS_CASE_)
#undef NASEPS_CASE_
		default:
			return NULL;
		}
	}
	return NULL;
}

const char *
agw_naseps_field_name(unsigned int field)
{
	static const char *const names[] = {
#define NASEPS_FNAME_(id, s) s,
		AGW_NASEPS_FIELDS(NASEPS_FNAME_)
#undef NASEPS_FNAME_
	};

	return field < AGW_NASEPS_F_COUNT_ ? names[field] : "?";
}

const char *
agw_naseps_name(const struct agw_naseps_msg *m)
{
	if (m->sec.sht == AGW_NASEPS_SHT_SERVICE_REQUEST)
		return "Service request";
	if (m->sec.ciphered)
		return NULL;
	return agw_naseps_msg_name(m->hdr.pd, m->hdr.type);
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

static int
naseps_decode_body(struct agw_naseps_msg *m, int dir)
{
	const struct agw_nas_msg_desc *d;
	int rc;

	if (m->hdr.pd == AGW_NASEPS_PD_EMM && m->hdr.type == AGW_NASEPS_MT_DETACH_REQUEST &&
	    dir == AGW_NASEPS_DIR_ANY) {
		/* Unknown direction: the UE originating layout first (it has a
		 * mandatory identity), then the network one. */
		d = agw_naseps_desc(m->hdr.pd, m->hdr.type, AGW_NASEPS_DIR_UL);
		rc = agw_nas_body_decode(d, m->body, m->body_len, &m->ies);
		if (rc == 0)
			return 0;
		dir = AGW_NASEPS_DIR_DL;
	}
	d = agw_naseps_desc(m->hdr.pd, m->hdr.type, dir);
	if (d == NULL) {
		memset(&m->ies, 0, sizeof(m->ies));
		return 0; /* known, decoded header-only */
	}
	return agw_nas_body_decode(d, m->body, m->body_len, &m->ies);
}

int
agw_naseps_decode(const void *buf, size_t len, int dir, struct agw_naseps_msg *m)
{
	int rc;

	memset(m, 0, sizeof(*m));
	rc = agw_naseps_sec_decode(buf, len, &m->sec);
	if (rc != 0 || m->sec.ciphered || m->sec.sht == AGW_NASEPS_SHT_SERVICE_REQUEST)
		return rc;
	rc = agw_naseps_hdr_decode(m->sec.msg, m->sec.msg_len, &m->hdr);
	if (rc != 0)
		return rc;
	if (m->sec.msg_len < m->hdr.hdr_len)
		return AGW_PROTO_E_TRUNCATED;
	m->body = m->sec.msg + m->hdr.hdr_len;
	m->body_len = m->sec.msg_len - m->hdr.hdr_len;
	if (agw_naseps_msg_name(m->hdr.pd, m->hdr.type) == NULL)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	return naseps_decode_body(m, dir);
}

static int
naseps_encode_plain(struct agw_wr *w, const struct agw_naseps_hdr *hdr,
		    const struct agw_nas_body *b)
{
	if (b->desc == NULL || b->desc->type != hdr->type ||
	    agw_naseps_desc(hdr->pd, hdr->type, AGW_NASEPS_DIR_UL) == NULL)
		return AGW_PROTO_E_BAD_VALUE;
	if (hdr->pd == AGW_NASEPS_PD_EMM) {
		agw_wr_u8(w, AGW_NASEPS_PD_EMM);
	} else {
		if (hdr->ebi > 15)
			return AGW_PROTO_E_BAD_VALUE;
		agw_wr_u8(w, (uint8_t)(hdr->ebi << 4 | AGW_NASEPS_PD_ESM));
		agw_wr_u8(w, hdr->pti);
	}
	agw_wr_u8(w, hdr->type);
	return agw_nas_body_encode(b, w);
}

long
agw_naseps_encode(const struct agw_naseps_hdr *hdr, const struct agw_nas_body *b, void *buf,
		  size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	int rc = naseps_encode_plain(&w, hdr, b);

	return rc != 0 ? rc : agw_wr_result(&w);
}

long
agw_naseps_encode_protected(uint8_t sht, uint32_t mac, uint8_t sqn,
			    const struct agw_naseps_hdr *hdr, const struct agw_nas_body *b,
			    void *buf, size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	int rc;

	if (sht < AGW_NASEPS_SHT_INTEG || sht > AGW_NASEPS_SHT_INTEG_PARTIAL)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_u8(&w, (uint8_t)(sht << 4 | AGW_NASEPS_PD_EMM));
	agw_wr_be32(&w, mac);
	agw_wr_u8(&w, sqn);
	rc = naseps_encode_plain(&w, hdr, b);
	return rc != 0 ? rc : agw_wr_result(&w);
}

long
agw_naseps_encode_service_request(uint8_t ksi, uint8_t seq, uint16_t short_mac, void *buf,
				  size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);

	if (ksi > 7 || seq > 31)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_u8(&w, AGW_NASEPS_SHT_SERVICE_REQUEST << 4 | AGW_NASEPS_PD_EMM);
	agw_wr_u8(&w, (uint8_t)(ksi << 5 | seq));
	agw_wr_be16(&w, short_mac);
	return agw_wr_result(&w);
}

/* ------------------------------------------------------------------------ */
/* Typed IEs                                                                 */
/* ------------------------------------------------------------------------ */

static uint8_t
naseps_nibble(const uint8_t *p, size_t i)
{
	return (i & 1) ? (uint8_t)(p[i / 2] >> 4) : (uint8_t)(p[i / 2] & 0x0f);
}

/* Digits of an IMSI/IMEI/IMEISV: digit 1 in bits 8-5 of octet 1, bit 4 =
 * odd number of digits; an even count ends with an F filler. */
static int
naseps_digits_decode(const uint8_t *v, size_t len, char *out, size_t cap)
{
	size_t i, n = 0, last = 2 * len;
	int odd = (v[0] >> 3) & 1;

	if (!odd && naseps_nibble(v, last - 1) != 0x0f)
		return AGW_PROTO_E_BAD_VALUE;
	if (!odd)
		last--;
	for (i = 1; i < last; i++) {
		uint8_t d = naseps_nibble(v, i);

		if (d > 9)
			return AGW_PROTO_E_BAD_VALUE;
		if (n + 1 >= cap)
			return AGW_PROTO_E_BAD_LENGTH;
		out[n++] = (char)('0' + d);
	}
	out[n] = '\0';
	return (int)n;
}

static int
naseps_guti_decode(struct agw_rd *r, struct agw_naseps_guti *g)
{
	const uint8_t *plmn = agw_rd_take(r, 3);
	int rc;

	if (plmn == NULL || agw_rd_left(r) != 7)
		return AGW_PROTO_E_BAD_LENGTH;
	rc = agw_nas_plmn_decode(plmn, &g->plmn);
	if (rc == 0)
		rc = agw_rd_be16(r, &g->mme_group);
	if (rc == 0)
		rc = agw_rd_u8(r, &g->mme_code);
	if (rc == 0)
		rc = agw_rd_be32(r, &g->m_tmsi);
	return rc;
}

/* Wire code of each decoded type, per format (-1: not defined there). */
static const int8_t naseps_id_wire[2][6] = {
	/* NONE IMSI IMEI IMEISV TMSI GUTI */
	{-1, 1, 3, -1, -1, 6}, /* EPS mobile identity, 9.9.3.12 */
	{0, 1, 2, 3, 4, -1},   /* mobile identity, 9.9.2.3 (TS 24.008 10.5.1.4) */
};

static int
naseps_id_type(uint8_t wire, int fmt)
{
	for (int t = 0; t < 6; t++)
		if (naseps_id_wire[fmt & 1][t] == wire)
			return t;
	return -1;
}

int
agw_naseps_mobile_id_decode(const uint8_t *v, size_t len, int fmt, struct agw_naseps_mobile_id *id)
{
	struct agw_rd r = agw_rd_init(v, len);
	uint8_t o1;
	int n, t;

	memset(id, 0, sizeof(*id));
	if (agw_rd_u8(&r, &o1) != 0)
		return AGW_PROTO_E_BAD_LENGTH;
	t = naseps_id_type(o1 & 7, fmt);
	if (t < 0)
		return AGW_PROTO_E_UNSUPPORTED;
	id->type = (uint8_t)t;
	switch (id->type) {
	case AGW_NASEPS_ID_NONE:
		return 0;
	case AGW_NASEPS_ID_GUTI:
		return naseps_guti_decode(&r, &id->guti);
	case AGW_NASEPS_ID_TMSI:
		return len == 5 ? agw_rd_be32(&r, &id->tmsi) : AGW_PROTO_E_BAD_LENGTH;
	default: /* IMSI, IMEI, IMEISV */
		n = naseps_digits_decode(v, len, id->digits, sizeof(id->digits));
		if (n < 0)
			return n;
		if ((id->type == AGW_NASEPS_ID_IMSI && (n < 6 || n > 15)) ||
		    (id->type == AGW_NASEPS_ID_IMEI && n != 15) ||
		    (id->type == AGW_NASEPS_ID_IMEISV && n != 16))
			return AGW_PROTO_E_BAD_LENGTH;
		return 0;
	}
}

static int
naseps_digits_encode(const char *d, uint8_t type, struct agw_wr *w)
{
	size_t i, n = strnlen(d, 17);
	uint8_t lo = 0;

	if (n == 0 || n > 16)
		return AGW_PROTO_E_BAD_VALUE;
	for (i = 0; i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			return AGW_PROTO_E_BAD_VALUE;
	agw_wr_u8(w, (uint8_t)((d[0] - '0') << 4 | (n & 1) << 3 | type));
	for (i = 1; i < n; i++) {
		if (i & 1)
			lo = (uint8_t)(d[i] - '0');
		else
			agw_wr_u8(w, (uint8_t)(lo | (d[i] - '0') << 4));
	}
	if (!(n & 1))
		agw_wr_u8(w, (uint8_t)(lo | 0xf0));
	return 0;
}

int
agw_naseps_mobile_id_encode(const struct agw_naseps_mobile_id *id, int fmt, struct agw_wr *w)
{
	uint8_t plmn[3];
	int wire = id->type < 6 ? naseps_id_wire[fmt & 1][id->type] : -1, rc = 0;

	if (wire < 0)
		return AGW_PROTO_E_UNSUPPORTED;
	switch (id->type) {
	case AGW_NASEPS_ID_NONE:
		agw_wr_u8(w, 0);
		break;
	case AGW_NASEPS_ID_GUTI:
		rc = agw_nas_plmn_encode(&id->guti.plmn, plmn);
		if (rc != 0)
			return rc;
		agw_wr_u8(w, (uint8_t)(0xf0 | wire));
		agw_wr_bytes(w, plmn, 3);
		agw_wr_be16(w, id->guti.mme_group);
		agw_wr_u8(w, id->guti.mme_code);
		agw_wr_be32(w, id->guti.m_tmsi);
		break;
	case AGW_NASEPS_ID_TMSI:
		agw_wr_u8(w, (uint8_t)(0xf0 | wire));
		agw_wr_be32(w, id->tmsi);
		break;
	default: /* IMSI, IMEI, IMEISV */
		rc = naseps_digits_encode(id->digits, (uint8_t)wire, w);
		break;
	}
	return rc != 0 ? rc : w->err;
}

int
agw_naseps_ue_net_cap_decode(const uint8_t *v, size_t len, struct agw_naseps_ue_net_cap *c)
{
	struct agw_rd r = agw_rd_init(v, len);

	memset(c, 0, sizeof(*c));
	if (len < 2 || len > 13)
		return AGW_PROTO_E_BAD_LENGTH;
	c->len = (uint8_t)len;
	c->v = v;
	(void)agw_rd_u8(&r, &c->eea);
	(void)agw_rd_u8(&r, &c->eia);
	(void)agw_rd_u8(&r, &c->uea); /* stays 0 when absent */
	if (agw_rd_u8(&r, &c->uia) == 0)
		c->uia &= 0x7f; /* bit 8: UCS2 support */
	return 0;
}

int
agw_naseps_tai_decode(const uint8_t *v, size_t len, struct agw_naseps_tai *t)
{
	struct agw_rd r = agw_rd_init(v, len);
	const uint8_t *plmn;

	memset(t, 0, sizeof(*t));
	if (len != 5)
		return AGW_PROTO_E_BAD_LENGTH;
	plmn = agw_rd_take(&r, 3);
	if (plmn == NULL || agw_rd_be16(&r, &t->tac) != 0)
		return AGW_PROTO_E_TRUNCATED;
	return agw_nas_plmn_decode(plmn, &t->plmn);
}

int
agw_naseps_tai_encode(const struct agw_naseps_tai *t, struct agw_wr *w)
{
	uint8_t plmn[3];
	int rc = agw_nas_plmn_encode(&t->plmn, plmn);

	if (rc != 0)
		return rc;
	agw_wr_bytes(w, plmn, 3);
	agw_wr_be16(w, t->tac);
	return w->err;
}
