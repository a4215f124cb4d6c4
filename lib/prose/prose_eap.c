/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * EAP-AKA' server packets (RFC 5448; attribute format of RFC 4187 8.1):
 * the AKA'-Challenge request and the check of the peer's answer. The
 * ProSe CP procedure uses EAP-AKA' (TS 33.503 6.3.3.3.2, TS 33.501
 * 6.1.3.1); AT_KDF_INPUT carries the serving network name (TS 33.501
 * 6.1.3.1 step 1), AT_MAC is HMAC-SHA-256-128 with K_aut over the whole
 * packet with the MAC field zeroed (RFC 5448 3.4, RFC 4187 10.15).
 */
#include <errno.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agw_util.h"
#include "prose_priv.h"

enum {
	EAP_REQUEST = 1,
	EAP_RESPONSE = 2,
	SUB_CHALLENGE = 1,
	SUB_AUTH_REJECT = 2,
	SUB_SYNC_FAILURE = 4,
	SUB_CLIENT_ERROR = 14,
	AT_RAND = 1,
	AT_AUTN = 2,
	AT_RES = 3,
	AT_MAC = 11,
	AT_CHECKCODE = 134,
	AT_KDF_INPUT = 23,
	AT_KDF = 24,
	MAC_LEN = 16,
	HDR_LEN = 8, /* code, id, length (2), type, subtype, reserved (2) */
	EAP_MAX = 1500,
};

static void
put16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* HMAC-SHA-256-128 over @p pkt with the 16 MAC octets at @p mac_off zeroed. */
static int
at_mac(const uint8_t k_aut[32], const uint8_t *pkt, size_t len, size_t mac_off,
       uint8_t out[MAC_LEN])
{
	uint8_t copy[EAP_MAX], md[32];
	unsigned int md_len = 0;
	int ok;

	if (len > sizeof(copy) || mac_off + MAC_LEN > len)
		return -EINVAL;
	memcpy(copy, pkt, len);
	memset(copy + mac_off, 0, MAC_LEN);
	ok = HMAC(EVP_sha256(), k_aut, 32, copy, len, md, &md_len) != NULL && md_len == 32;
	memcpy(out, md, MAC_LEN);
	agw_memzero(md, sizeof(md));
	return ok ? 0 : -EIO;
}

long
prose_eap_challenge(uint8_t id, const uint8_t rand[16], const uint8_t autn[16], const char *snn,
		    size_t snn_len, const uint8_t k_aut[32], uint8_t *buf, size_t cap)
{
	size_t pad = (4 - (snn_len & 3)) & 3;
	size_t kdf_input = 4 + snn_len + pad;
	size_t len = HDR_LEN + 20 + 20 + 4 + kdf_input + 20;
	size_t o = HDR_LEN, mac_off;

	if (snn == NULL || snn_len == 0 || kdf_input / 4 > 255 || len > EAP_MAX)
		return -EINVAL;
	if (len > cap)
		return -ENOSPC;
	memset(buf, 0, len);
	buf[0] = EAP_REQUEST;
	buf[1] = id;
	put16(buf + 2, len);
	buf[4] = PROSE_EAP_TYPE_AKA_PRIME;
	buf[5] = SUB_CHALLENGE;
	buf[o] = AT_RAND, buf[o + 1] = 5, memcpy(buf + o + 4, rand, 16), o += 20;
	buf[o] = AT_AUTN, buf[o + 1] = 5, memcpy(buf + o + 4, autn, 16), o += 20;
	buf[o] = AT_KDF, buf[o + 1] = 1, put16(buf + o + 2, 1), o += 4; /* RFC 5448 3.1: KDF 1 */
	buf[o] = AT_KDF_INPUT, buf[o + 1] = (uint8_t)(kdf_input / 4);
	put16(buf + o + 2, snn_len);
	memcpy(buf + o + 4, snn, snn_len);
	o += kdf_input;
	buf[o] = AT_MAC, buf[o + 1] = 5;
	mac_off = o + 4;
	if (at_mac(k_aut, buf, len, mac_off, buf + mac_off) != 0)
		return -EIO;
	return (long)len;
}

struct rsp_attrs {
	const uint8_t *res;
	size_t res_bits;
	size_t mac_off;
};

/* Walk the attributes of an AKA'-Challenge response. */
static int
parse_attrs(const uint8_t *pkt, size_t len, struct rsp_attrs *a)
{
	size_t o = HDR_LEN;

	memset(a, 0, sizeof(*a));
	while (o < len) {
		size_t alen;

		if (len - o < 4 || pkt[o + 1] == 0 || (size_t)pkt[o + 1] * 4 > len - o)
			return -EBADMSG;
		alen = (size_t)pkt[o + 1] * 4;
		switch (pkt[o]) {
		case AT_RES:
			if (a->res != NULL)
				return -EBADMSG;
			a->res_bits = (size_t)pkt[o + 2] << 8 | pkt[o + 3];
			if (a->res_bits == 0 || a->res_bits % 8 != 0 || a->res_bits / 8 > alen - 4)
				return -EBADMSG;
			a->res = pkt + o + 4;
			break;
		case AT_MAC:
			if (a->mac_off != 0 || alen != 20)
				return -EBADMSG;
			a->mac_off = o + 4;
			break;
		default:
			/* RFC 4187 8.1: skippable attributes (128-255) may be ignored. */
			if (pkt[o] < 128)
				return -EBADMSG;
		}
		o += alen;
	}
	return a->res != NULL && a->mac_off != 0 ? 0 : -EBADMSG;
}

int
prose_eap_check_response(uint8_t id, const uint8_t *pkt, size_t len, const uint8_t k_aut[32],
			 const uint8_t *xres, size_t xres_len)
{
	struct rsp_attrs a;
	uint8_t mac[MAC_LEN];
	int rc;

	if (pkt == NULL || len < HDR_LEN || len > EAP_MAX || pkt[0] != EAP_RESPONSE ||
	    ((size_t)pkt[2] << 8 | pkt[3]) != len || pkt[4] != PROSE_EAP_TYPE_AKA_PRIME)
		return -EBADMSG;
	if (pkt[1] != id)
		return -EPROTO;
	if (pkt[5] == SUB_AUTH_REJECT || pkt[5] == SUB_SYNC_FAILURE || pkt[5] == SUB_CLIENT_ERROR)
		return -ECONNREFUSED;
	if (pkt[5] != SUB_CHALLENGE)
		return -EPROTO;
	rc = parse_attrs(pkt, len, &a);
	if (rc != 0)
		return rc;
	if (at_mac(k_aut, pkt, len, a.mac_off, mac) != 0)
		return -EBADMSG;
	rc = agw_ct_equal(mac, pkt + a.mac_off, MAC_LEN) ? 0 : -EACCES;
	agw_memzero(mac, sizeof(mac));
	if (rc != 0)
		return rc;
	if (a.res_bits / 8 != xres_len || !agw_ct_equal(a.res, xres, xres_len))
		return -EPERM;
	return 0;
}

void
prose_eap_result(uint8_t code, uint8_t id, uint8_t out[4])
{
	out[0] = code; /* 3 success, 4 failure (RFC 3748 4.2) */
	out[1] = id;
	out[2] = 0;
	out[3] = 4;
}
