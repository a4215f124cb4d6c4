/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Remote UE: the EAP-AKA' peer (RFC 5448, RFC 4187) and what follows a
 * valid challenge: K_AUSF_P (first 256 bits of the EMSK), CP-PRUK #2 and
 * CP-PRUK ID #2 (TS 33.503 A.2, A.3), all with lib/crypto only. The new key
 * is held until EAP-Success comes in the DSM Command (psim_remote.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_util.h"
#include "psim_priv.h"

enum {
	AT_RAND = 1,
	AT_AUTN = 2,
	AT_RES = 3,
	AT_AUTS = 4,
	AT_MAC = 11,
	AT_KDF_INPUT = 23,
	AT_KDF = 24,
	SUB_CHALLENGE = 1,
	SUB_AUTH_REJECT = 2,
	SUB_SYNC_FAILURE = 4,
	SUB_CLIENT_ERROR = 14,
	TYPE_AKA_PRIME = 50,
	HDR = 8,
};

struct challenge {
	const uint8_t *rand, *autn;
	const uint8_t *name;
	size_t name_len;
	size_t mac_off;
	int kdf_ok;
};

static int
parse(const uint8_t *e, size_t len, struct challenge *c)
{
	size_t o = HDR;

	memset(c, 0, sizeof(*c));
	if (len < HDR || e[0] != 1 || ((size_t)e[2] << 8 | e[3]) != len || e[4] != TYPE_AKA_PRIME ||
	    e[5] != SUB_CHALLENGE)
		return -EBADMSG;
	while (o < len) {
		size_t al;

		if (len - o < 4 || e[o + 1] == 0 || (size_t)e[o + 1] * 4 > len - o)
			return -EBADMSG;
		al = (size_t)e[o + 1] * 4;
		if (e[o] == AT_RAND && al == 20)
			c->rand = e + o + 4;
		else if (e[o] == AT_AUTN && al == 20)
			c->autn = e + o + 4;
		else if (e[o] == AT_MAC && al == 20)
			c->mac_off = o + 4;
		else if (e[o] == AT_KDF && al == 4)
			c->kdf_ok = e[o + 2] == 0 && e[o + 3] == 1;
		else if (e[o] == AT_KDF_INPUT) {
			c->name_len = (size_t)e[o + 2] << 8 | e[o + 3];
			c->name = e + o + 4;
			if (c->name_len == 0 || c->name_len > al - 4)
				return -EBADMSG;
		} else if (e[o] < 128)
			return -EBADMSG;
		o += al;
	}
	return c->rand && c->autn && c->mac_off && c->kdf_ok && c->name ? 0 : -EBADMSG;
}

/* HMAC-SHA-256-128 with K_aut over the packet, MAC field zeroed. */
static int
mac16(const uint8_t k_aut[32], const uint8_t *pkt, size_t len, size_t off, uint8_t out[16])
{
	uint8_t copy[PSIM_MSG_MAX], md[32];
	unsigned int ml = 0;

	if (len > sizeof(copy))
		return -EINVAL;
	memcpy(copy, pkt, len);
	memset(copy + off, 0, 16);
	if (HMAC(EVP_sha256(), k_aut, 32, copy, len, md, &ml) == NULL || ml != 32)
		return -EIO;
	memcpy(out, md, 16);
	agw_memzero(md, sizeof(md));
	return 0;
}

static size_t
hdr(uint8_t *o, uint8_t id, uint8_t sub, size_t len)
{
	memset(o, 0, HDR);
	o[0] = 2;
	o[1] = id;
	o[2] = (uint8_t)(len >> 8);
	o[3] = (uint8_t)len;
	o[4] = TYPE_AKA_PRIME;
	o[5] = sub;
	return HDR;
}

/* AKA'-Authentication-Reject / Client-Error: no attributes. */
static long
refuse(struct psim_remote *r, uint8_t id, uint8_t sub, uint8_t *out)
{
	r->st.eap_refused++;
	hdr(out, id, sub, HDR);
	return HDR;
}

static uint64_t
sqn_value(const uint8_t s[6])
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++)
		v = v << 8 | s[i];
	return v;
}

/* AKA'-Synchronization-Failure with AT_AUTS (RFC 4187 9.6). */
static long
sync_failure(struct psim_remote *r, struct agw_milenage *m, uint8_t id, const uint8_t rand[16],
	     uint8_t *out)
{
	uint8_t sqn_ms[6];
	uint64_t v = r->sqn_max;

	for (int i = 5; i >= 0; i--, v >>= 8)
		sqn_ms[i] = (uint8_t)v;
	r->st.eap_refused++;
	hdr(out, id, SUB_SYNC_FAILURE, HDR + 16);
	out[HDR] = AT_AUTS;
	out[HDR + 1] = 4;
	if (agw_milenage_gen_auts(m, rand, sqn_ms, out + HDR + 2) != 0)
		return -EIO;
	return HDR + 16;
}

/* CP-PRUK #2 / ID #2 from K_AUSF_P, held until EAP-Success. */
static int
new_key(struct psim_remote *r, const uint8_t kausf_p[32])
{
	uint8_t id_star[32];
	char sp[64], hex[65];
	int n = agw_kdf_supi_param(r->supi, sp, sizeof(sp)), rc = -EIO;

	if (n > 0 && agw_kdf_cp_pruk(kausf_p, sp, (size_t)n, r->rsc, r->new_pruk) == 0 &&
	    agw_kdf_cp_pruk_id_star(kausf_p, r->rsc, sp, (size_t)n, id_star) == 0) {
		agw_hex_encode(id_star, 32, hex);
		n = snprintf(r->new_id, sizeof(r->new_id),
			     "rid%s.pid%s@prose-cp.5gc.mnc%s%s.mcc%s.3gppnetwork.org", r->conf.rid,
			     hex, strlen(r->conf.mnc) == 2 ? "0" : "", r->conf.mnc, r->conf.mcc);
		rc = n > 0 && (size_t)n < sizeof(r->new_id) ? 0 : -ENOSPC;
	}
	r->have_new = rc == 0;
	agw_memzero(id_star, sizeof(id_star));
	return rc;
}

/* The challenge verified at the USIM: the keys, AT_MAC of the request, answer. */
static long
answer(struct psim_remote *r, const uint8_t *e, size_t len, const struct challenge *c,
       const uint8_t res[8], const uint8_t ck[16], const uint8_t ik[16], uint8_t *out)
{
	struct agw_eap_aka_prime_keys k;
	uint8_t ckp[16], ikp[16], mac[16];
	char sp[64];
	int n = agw_kdf_supi_param(r->supi, sp, sizeof(sp));
	long rl = -EIO;

	if (n > 0 &&
	    agw_kdf_ck_ik_prime(ck, ik, (const char *)c->name, c->name_len, c->autn, ckp, ikp) ==
		    0 &&
	    agw_eap_aka_prime_keys(ckp, ikp, sp, (size_t)n, &k) == 0 &&
	    mac16(k.k_aut, e, len, c->mac_off, mac) == 0) {
		if (!agw_ct_equal(mac, e + c->mac_off, 16)) {
			rl = refuse(r, e[1], SUB_CLIENT_ERROR, out);
		} else {
			/* AT_RES (RES length in bits, RES), AT_MAC. */
			rl = (long)hdr(out, e[1], SUB_CHALLENGE, HDR + 12 + 20);
			out[HDR] = AT_RES, out[HDR + 1] = 3, out[HDR + 2] = 0, out[HDR + 3] = 64;
			memcpy(out + HDR + 4, res, 8);
			memset(out + HDR + 12, 0, 20);
			out[HDR + 12] = AT_MAC, out[HDR + 13] = 5;
			rl = mac16(k.k_aut, out, HDR + 32, HDR + 16, out + HDR + 16) == 0 ? HDR + 32
											  : -EIO;
			memcpy(r->trace.k_aut, k.k_aut, 32);
			memcpy(r->trace.kausf_p, k.emsk, 32);
			if (rl > 0 && new_key(r, k.emsk) != 0)
				rl = -EIO;
			r->eap_ran = rl > 0;
		}
	}
	agw_memzero(&k, sizeof(k));
	agw_memzero(ckp, sizeof(ckp));
	agw_memzero(ikp, sizeof(ikp));
	return rl;
}

static void
trace_in(struct psim_remote *r, const struct challenge *c, const uint8_t ck[16],
	 const uint8_t ik[16])
{
	memcpy(r->trace.rand, c->rand, 16);
	memcpy(r->trace.autn, c->autn, 16);
	memcpy(r->trace.ck, ck, 16);
	memcpy(r->trace.ik, ik, 16);
	snprintf(r->trace.netname, sizeof(r->trace.netname), "%.*s", (int)c->name_len,
		 (const char *)c->name);
}

long
psim_eap_answer(struct psim_remote *r, const uint8_t *e, size_t len, uint8_t *out, size_t cap)
{
	struct challenge c;
	struct agw_milenage *m;
	uint8_t sqn[6], res[8], ck[16], ik[16];
	long rl;

	if (cap < 128 || parse(e, len, &c) != 0)
		return -EBADMSG;
	m = agw_milenage_create(r->conf.k, r->conf.opc, AGW_MILENAGE_OPC);
	if (m == NULL)
		return -EIO;
	if (agw_milenage_ue_check_autn(m, c.rand, c.autn, sqn, res, ck, ik) != 0 ||
	    !(c.autn[6] & 0x80)) /* MAC-A, then the AMF separation bit (TS 33.501 6.1.3.1) */
		rl = refuse(r, e[1], SUB_AUTH_REJECT, out);
	else if (sqn_value(sqn) <= r->sqn_max)
		rl = sync_failure(r, m, e[1], c.rand, out);
	else {
		r->sqn_max = sqn_value(sqn);
		trace_in(r, &c, ck, ik);
		rl = answer(r, e, len, &c, res, ck, ik, out);
	}
	agw_milenage_free(m);
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	agw_memzero(res, sizeof(res));
	if (rl > 0 && (size_t)rl <= sizeof(r->trace.eap_response)) {
		memcpy(r->trace.eap_response, out, (size_t)rl);
		r->trace.eap_response_len = (uint16_t)rl;
	}
	return rl;
}
