/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * JWS compact serialisation (RFC 7515 7.1) for access tokens: base64url
 * without padding, "EdDSA" with Ed25519 (RFC 8037 3.1) or "HS256"
 * (RFC 7518 3.2). The verifier takes the algorithm from the policy and
 * refuses a header that names another one (no algorithm confusion).
 */

#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "agw_util.h"
#include "secmod_priv.h"

static const char b64u[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int
sm_b64url_enc(const uint8_t *in, size_t len, char *out, size_t cap)
{
	size_t o = 0, need = (len * 4 + 2) / 3;

	if (need + 1 > cap)
		return -ENOSPC;
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		size_t rem = len - i;

		if (rem > 1)
			v |= (uint32_t)in[i + 1] << 8;
		if (rem > 2)
			v |= in[i + 2];
		out[o++] = b64u[(v >> 18) & 63];
		out[o++] = b64u[(v >> 12) & 63];
		if (rem > 1)
			out[o++] = b64u[(v >> 6) & 63];
		if (rem > 2)
			out[o++] = b64u[v & 63];
	}
	out[o] = '\0';
	return (int)o;
}

static int
b64u_val(char c)
{
	const char *p = c != '\0' ? strchr(b64u, c) : NULL;

	return p != NULL ? (int)(p - b64u) : -1;
}

int
sm_b64url_dec(const char *in, size_t len, uint8_t *out, size_t cap)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	if (len % 4 == 1)
		return -EBADMSG;
	for (size_t i = 0; i < len; i++) {
		int v = b64u_val(in[i]);

		if (v < 0)
			return -EBADMSG;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == cap)
				return -ENOSPC;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	/* RFC 4648 3.5: unused trailing bits must be zero (canonical form) */
	if ((acc & ((1u << bits) - 1)) != 0)
		return -EBADMSG;
	return (int)o;
}

static const char *
jws_alg_name(unsigned int alg)
{
	return alg == AGW_SECMOD_ALG_JWS_EDDSA	 ? "EdDSA"
	       : alg == AGW_SECMOD_ALG_JWS_HS256 ? "HS256"
						 : NULL;
}

int
sm_jws_sign(struct agw_secmod_drv *drv, void *k, unsigned int alg, const char *hdr_json,
	    const char *payload, size_t payload_len, char *out, size_t cap)
{
	uint8_t sig[AGW_SECMOD_MAC_MAX * 2];
	size_t siglen, n;
	int rc;

	rc = sm_b64url_enc((const uint8_t *)hdr_json, strlen(hdr_json), out, cap);
	if (rc < 0)
		return rc;
	n = (size_t)rc;
	if (n + 2 > cap)
		return -ENOSPC;
	out[n++] = '.';
	rc = sm_b64url_enc((const uint8_t *)payload, payload_len, out + n, cap - n);
	if (rc < 0)
		return rc;
	n += (size_t)rc;
	if (alg == AGW_SECMOD_ALG_JWS_EDDSA) {
		rc = drv->ops->sign(drv, k, (const uint8_t *)out, n, sig);
		siglen = AGW_SECMOD_ED25519_SIG_LEN;
	} else if (alg == AGW_SECMOD_ALG_JWS_HS256) {
		rc = drv->ops->mac(drv, k, AGW_SECMOD_ALG_HMAC_SHA256, (const uint8_t *)out, n,
				   sig);
		siglen = 32;
	} else {
		return -ENOTSUP;
	}
	if (rc != 0)
		return rc;
	if (n + 2 > cap)
		return -ENOSPC;
	out[n++] = '.';
	rc = sm_b64url_enc(sig, siglen, out + n, cap - n);
	if (rc < 0)
		return rc;
	return (int)(n + (size_t)rc);
}

static int
jws_header_ok(const char *b64, size_t len, unsigned int alg)
{
	uint8_t h[256];
	json_t *j;
	const char *a;
	int n = sm_b64url_dec(b64, len, h, sizeof(h)), ok;

	if (n <= 0)
		return 0;
	j = json_loadb((const char *)h, (size_t)n, 0, NULL);
	a = json_string_value(json_object_get(j, "alg"));
	ok = a != NULL && jws_alg_name(alg) != NULL && strcmp(a, jws_alg_name(alg)) == 0;
	json_decref(j);
	return ok;
}

int
sm_jws_verify(struct agw_secmod_drv *drv, void *k_hmac, const uint8_t *ed_pub, unsigned int alg,
	      const char *jws, size_t len, uint8_t *payload, size_t cap)
{
	const char *d1 = memchr(jws, '.', len), *d2;
	uint8_t sig[128], mac[AGW_SECMOD_MAC_MAX];
	size_t in_len;
	int n, rc;

	if (d1 == NULL)
		return -EBADMSG;
	d2 = memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - jws));
	if (d2 == NULL || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - jws)) != NULL)
		return -EBADMSG;
	if (!jws_header_ok(jws, (size_t)(d1 - jws), alg))
		return -EBADMSG;
	in_len = (size_t)(d2 - jws);
	n = sm_b64url_dec(d2 + 1, len - in_len - 1, sig, sizeof(sig));
	if (alg == AGW_SECMOD_ALG_JWS_EDDSA) {
		if (n != AGW_SECMOD_ED25519_SIG_LEN || ed_pub == NULL)
			return -EBADMSG;
		rc = sm_ed25519_verify(ed_pub, (const uint8_t *)jws, in_len, sig);
	} else if (alg == AGW_SECMOD_ALG_JWS_HS256) {
		if (n != 32 || k_hmac == NULL)
			return -EBADMSG;
		rc = drv->ops->mac(drv, k_hmac, AGW_SECMOD_ALG_HMAC_SHA256, (const uint8_t *)jws,
				   in_len, mac);
		if (rc == 0)
			rc = agw_ct_equal(mac, sig, 32) ? 0 : -EBADMSG;
		agw_memzero(mac, sizeof(mac));
	} else {
		return -ENOTSUP;
	}
	if (rc != 0)
		return -EBADMSG;
	n = sm_b64url_dec(d1 + 1, (size_t)(d2 - d1 - 1), payload, cap - 1);
	if (n < 0)
		return -EBADMSG;
	payload[n] = '\0';
	return n;
}
