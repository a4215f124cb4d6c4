/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <string.h>

#include "agw_nas5g.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_util.h"
#include "uesim.h"

#define NAS_HDR 7 /* EPD SHT MAC(4) SQN */

int
agw_uesim_ue_keys(struct agw_nas_sec_engine *eng, struct agw_uesim_ue *u)
{
	int rc = agw_nia_key_init(eng, &u->ik, u->nia, u->kint);

	return rc != 0 ? rc : agw_nea_key_init(eng, &u->ek, u->nea, u->kenc);
}

void
agw_uesim_ue_clear(struct agw_uesim_ue *u)
{
	agw_memzero(u, sizeof(*u));
}

/* Plain 5GMM message: TS 24.501 8.2.10 UL NAS transport (payload container
 * type 1, N1 SM information) or 8.2.8 Registration complete. */
static long
uesim_plain(uint8_t type, const uint8_t *payload, size_t plen, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr hdr = {.epd = AGW_NAS5G_EPD_5GMM, .hdr_len = 3, .type = type};
	struct agw_nas_body b;

	agw_nas_body_init(&b, agw_nas5g_desc(hdr.epd, hdr.type));
	if (type != AGW_NAS5G_MT_REGISTRATION_COMPLETE) {
		if (plen == 0 || plen > UINT16_MAX)
			return -EINVAL;
		agw_nas_set_half(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER_TYPE, 1);
		agw_nas_set(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER, payload, (uint16_t)plen);
	}
	return agw_nas5g_encode(&hdr, &b, buf, cap);
}

/* Security header, NEA over the message, NIA over SQN || message. */
static long
uesim_protect(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u, uint8_t dir,
	      const uint8_t *plain, long plen, uint8_t mac_flip, uint8_t *nas, uint8_t *nas_plain)
{
	uint32_t count = dir ? u->dl_count : u->count;
	uint8_t mac[AGW_NAS_MAC_LEN];

	nas[0] = AGW_NAS5G_EPD_5GMM;
	nas[1] = u->nea != AGW_NEA0 ? 2 : 1; /* integrity (and ciphering) */
	nas[6] = (uint8_t)count;
	if (agw_nea_apply(eng, &u->ek, count, 1, dir, plain, nas + NAS_HDR,
			  (uint32_t)plen * 8) != 0 ||
	    agw_nia_compute(eng, &u->ik, count, 1, dir, nas + 6, (uint32_t)(plen + 1) * 8,
			    mac) != 0)
		return -EINVAL;
	mac[0] ^= mac_flip;
	memcpy(nas + 2, mac, AGW_NAS_MAC_LEN);
	memcpy(nas_plain, nas, NAS_HDR);
	memcpy(nas_plain + NAS_HDR, plain, (size_t)plen);
	return plen + NAS_HDR;
}

/* NGAP UplinkNASTransport (TS 38.413 9.2.5.3) from the gNB, or
 * DownlinkNASTransport (9.2.5.2) from the AMF, in SCTP/IPv4/Ethernet. */
static long
uesim_frame(const struct agw_uesim_ue *u, uint8_t dir, const uint8_t *nas, size_t nas_len,
	    size_t ngap_cut, uint8_t *frame)
{
	const uint8_t gnb_ip[4] = {10, 0, 0, (uint8_t)(1 + 2 * u->gnb)};
	const uint8_t amf_ip[4] = {10, 0, 0, 2};
	static const struct agw_ngap_plmn plmn = {{0x00, 0xf1, 0x10}};
	struct agw_net_hdrs h = {.ip_version = 4, .sport = 38412, .dport = 38412,
				 .vtag = 0x1234u + u->gnb};
	struct agw_sctp_data d = {.flags = AGW_SCTP_DATA_COMPLETE, .tsn = 1,
				  .ppid = AGW_SCTP_PPID_NGAP};
	uint8_t ngap[AGW_UESIM_MAX_FRAME];
	struct agw_ngap_msg m;
	long n;

	agw_ngap_msg_init(&m, dir ? AGW_NGAP_DOWNLINK_NAS_TRANSPORT : AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
		    AGW_NGAP_HAS_NAS_PDU | (dir ? 0 : AGW_NGAP_HAS_USER_LOCATION_INFORMATION);
	m.amf_ue_id = u->amf_id;
	m.ran_ue_id = u->ran_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = nas_len;
	m.uli.type = AGW_NGAP_ULI_NR;
	m.uli.nr_cgi.plmn = plmn;
	m.uli.nr_cgi.cell_id = 0x10u + u->gnb;
	m.uli.tai.plmn = plmn;
	m.uli.tai.tac[2] = 1;
	n = agw_ngap_encode(&m, ngap, sizeof(ngap));
	if (n < 0)
		return n;
	memcpy(h.src_ip, dir ? amf_ip : gnb_ip, 4);
	memcpy(h.dst_ip, dir ? gnb_ip : amf_ip, 4);
	h.src_mac[5] = dir ? 2 : 1;
	h.dst_mac[5] = dir ? 1 : 2;
	d.payload = ngap;
	d.payload_len = ngap_cut != 0 && ngap_cut < (size_t)n ? ngap_cut : (size_t)n;
	return agw_net_build_sctp(&h, &d, 1, frame, AGW_UESIM_MAX_FRAME);
}

long
agw_uesim_ul_frame(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u,
		   int reg_complete, const uint8_t *payload, size_t payload_len, uint8_t mac_flip,
		   size_t ngap_cut, uint8_t *frame, uint8_t *expected, long *exp_len)
{
	uint8_t plain[AGW_UESIM_MAX_FRAME], nas[AGW_UESIM_MAX_FRAME];
	uint8_t nas_plain[AGW_UESIM_MAX_FRAME];
	long plen, nlen, flen;

	plen = uesim_plain(reg_complete ? AGW_NAS5G_MT_REGISTRATION_COMPLETE
					: AGW_NAS5G_MT_UL_NAS_TRANSPORT,
			   payload, payload_len, plain, sizeof(plain) - NAS_HDR);
	if (plen <= 0)
		return plen < 0 ? plen : -EINVAL;
	nlen = uesim_protect(eng, u, 0, plain, plen, mac_flip, nas, nas_plain);
	if (nlen < 0)
		return nlen;
	flen = uesim_frame(u, 0, nas, (size_t)nlen, ngap_cut, frame);
	if (flen > 0 && expected != NULL) {
		*exp_len = uesim_frame(u, 0, nas_plain, (size_t)nlen, 0, expected);
		if (*exp_len < 0)
			flen = *exp_len;
	}
	agw_memzero(plain, sizeof(plain));
	agw_memzero(nas_plain, sizeof(nas_plain));
	return flen;
}

long
agw_uesim_dl_frame(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u,
		   const uint8_t *payload, size_t payload_len, uint8_t *frame, uint8_t *expected,
		   long *exp_len)
{
	uint8_t plain[AGW_UESIM_MAX_FRAME], nas[AGW_UESIM_MAX_FRAME];
	uint8_t nas_in[AGW_UESIM_MAX_FRAME];
	long plen, nlen, flen;

	plen = uesim_plain(AGW_NAS5G_MT_DL_NAS_TRANSPORT, payload, payload_len, plain,
			   sizeof(plain) - NAS_HDR);
	if (plen <= 0)
		return plen < 0 ? plen : -EINVAL;
	nlen = uesim_protect(eng, u, 1, plain, plen, 0, nas, nas_in);
	if (nlen < 0)
		return nlen;
	memset(nas_in + 2, 0, 5); /* placeholder: MAC 0, SQN 0 */
	flen = uesim_frame(u, 1, nas_in, (size_t)nlen, 0, frame);
	*exp_len = flen > 0 ? uesim_frame(u, 1, nas, (size_t)nlen, 0, expected) : flen;
	agw_memzero(plain, sizeof(plain));
	agw_memzero(nas_in, sizeof(nas_in));
	return *exp_len < 0 ? *exp_len : flen;
}
