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
uesim_plain(int reg_complete, const uint8_t *payload, size_t plen, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr hdr = {.epd = AGW_NAS5G_EPD_5GMM, .hdr_len = 3};
	struct agw_nas_body b;

	hdr.type = reg_complete ? AGW_NAS5G_MT_REGISTRATION_COMPLETE
				: AGW_NAS5G_MT_UL_NAS_TRANSPORT;
	agw_nas_body_init(&b, agw_nas5g_desc(hdr.epd, hdr.type));
	if (!reg_complete) {
		if (plen == 0 || plen > UINT16_MAX)
			return -EINVAL;
		agw_nas_set_half(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER_TYPE, 1);
		agw_nas_set(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER, payload, (uint16_t)plen);
	}
	return agw_nas5g_encode(&hdr, &b, buf, cap);
}

/* Security header, NEA over the message, NIA over SQN || message. */
static long
uesim_protect(struct agw_nas_sec_engine *eng, const struct agw_uesim_ue *u, const uint8_t *plain,
	      long plen, uint8_t mac_flip, uint8_t *nas, uint8_t *nas_plain)
{
	uint8_t mac[AGW_NAS_MAC_LEN];

	nas[0] = AGW_NAS5G_EPD_5GMM;
	nas[1] = u->nea != AGW_NEA0 ? 2 : 1; /* integrity (and ciphering) */
	nas[6] = (uint8_t)u->count;
	if (agw_nea_apply(eng, &u->ek, u->count, 1, 0, plain, nas + NAS_HDR,
			  (uint32_t)plen * 8) != 0 ||
	    agw_nia_compute(eng, &u->ik, u->count, 1, 0, nas + 6, (uint32_t)(plen + 1) * 8,
			    mac) != 0)
		return -EINVAL;
	mac[0] ^= mac_flip;
	memcpy(nas + 2, mac, AGW_NAS_MAC_LEN);
	memcpy(nas_plain, nas, NAS_HDR);
	memcpy(nas_plain + NAS_HDR, plain, (size_t)plen);
	return plen + NAS_HDR;
}

/* NGAP UplinkNASTransport (TS 38.413 9.2.5.3) in SCTP/IPv4/Ethernet. */
static long
uesim_frame(const struct agw_uesim_ue *u, const uint8_t *nas, size_t nas_len, size_t ngap_cut,
	    uint8_t *frame)
{
	static const struct agw_ngap_plmn plmn = {{0x00, 0xf1, 0x10}};
	struct agw_net_hdrs h = {.ip_version = 4, .sport = 38412, .dport = 38412,
				 .vtag = 0x1234u + u->gnb};
	struct agw_sctp_data d = {.flags = AGW_SCTP_DATA_COMPLETE, .tsn = 1,
				  .ppid = AGW_SCTP_PPID_NGAP};
	uint8_t ngap[AGW_UESIM_MAX_FRAME];
	struct agw_ngap_msg m;
	long n;

	agw_ngap_msg_init(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
		    AGW_NGAP_HAS_NAS_PDU | AGW_NGAP_HAS_USER_LOCATION_INFORMATION;
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
	memcpy(h.src_ip, (const uint8_t[]){10, 0, 0, (uint8_t)(1 + 2 * u->gnb)}, 4);
	memcpy(h.dst_ip, (const uint8_t[]){10, 0, 0, 2}, 4);
	h.src_mac[5] = 1;
	h.dst_mac[5] = 2;
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

	plen = uesim_plain(reg_complete, payload, payload_len, plain, sizeof(plain) - NAS_HDR);
	if (plen <= 0)
		return plen < 0 ? plen : -EINVAL;
	nlen = uesim_protect(eng, u, plain, plen, mac_flip, nas, nas_plain);
	if (nlen < 0)
		return nlen;
	flen = uesim_frame(u, nas, (size_t)nlen, ngap_cut, frame);
	if (flen > 0 && expected != NULL) {
		*exp_len = uesim_frame(u, nas_plain, (size_t)nlen, 0, expected);
		if (*exp_len < 0)
			flen = *exp_len;
	}
	agw_memzero(plain, sizeof(plain));
	agw_memzero(nas_plain, sizeof(nas_plain));
	return flen;
}
