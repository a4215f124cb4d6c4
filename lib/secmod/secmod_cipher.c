/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Encryption/decryption (FIG. 10, spec/003 3.5, Table 1 row 12),
 * integrity protection (row 13) and data masking (row 6), all with keys
 * that never leave the driver ([0030][0032]).
 *
 * ENCRYPT (node #2 -> SM2, key of the policy with the peer that will
 * decrypt): AES-GCM; output version(4) || nonce(12) || ciphertext ||
 * tag(16). Nonce = role(1: 0 initiator side, 1 responder side) || salt(3)
 * from the key schedule || 64-bit counter, so the two modules sharing the
 * pair key never repeat a nonce. AAD = "AGWE" || sender || receiver ||
 * version, binding the ciphertext to the direction and the policy version.
 * DECRYPT (node #1 -> SM1) picks the policy version the ciphertext names
 * (the current one or the one before a renegotiation); a failed tag gives
 * DECRYPT_FAIL and no plaintext (spec/003 test 26).
 *
 * INTEGRITY: MAC (HMAC-SHA-256 or AES-CMAC, per policy) over "AGWI" ||
 * sender || receiver || data. INTEGRITY_CHECK takes the MAC as the
 * security parameter and compares in constant time.
 *
 * DATA_MASKING: keyed pseudonym with the module's HMAC key: a digit string
 * (a SUPI / MSISDN) keeps its first digits (the parameter's first octet,
 * default 5 = MCC + MNC) and the rest become digits of HMAC-SHA-256(K, data);
 * other data becomes the first 16 octets of the HMAC, in hex. The same input
 * always gives the same pseudonym within a module.
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

static void
gcm_aad(uint8_t aad[16], uint32_t sender, uint32_t receiver, uint32_t version)
{
	memcpy(aad, "AGWE", 4);
	sm_be32(aad + 4, sender);
	sm_be32(aad + 8, receiver);
	sm_be32(aad + 12, version);
}

static void
svc_encrypt(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct sm_policy *p = c->pol;
	uint8_t out[AGW_SECMOD_DATA_MAX + SM_CT_OVERHEAD], aad[16], *iv = out + 4;
	int rc;

	if (p->alg[AGW_SECMOD_CLS_CIPHER] == 0) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NOT_IN_POLICY, p, NULL, 0, 0);
		return;
	}
	sm_be32(out, p->version);
	iv[0] = p->initiator ? 0 : 1;
	memcpy(iv + 1, p->gcm_salt, 3);
	sm_be64(iv + 4, ++p->gcm_ctr);
	gcm_aad(aad, p->local, p->peer, p->version);
	rc = mod->drv->ops->aead_seal(mod->drv, p->k_cipher, iv, aad, sizeof(aad), r->data, r->len,
				      out + 16, out + 16 + r->len);
	sm_feedback(mod, &c->fb, c->svc, rc == 0 ? AGW_SECMOD_OK : AGW_SECMOD_DRIVER_FAIL, p, out,
		    r->len + SM_CT_OVERHEAD, 0);
}

static void
svc_decrypt(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	uint8_t out[AGW_SECMOD_DATA_MAX], aad[16];
	struct sm_policy *p;
	uint32_t n;
	int rc;

	if (r->len < SM_CT_OVERHEAD) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_MALFORMED, c->pol, NULL, 0, 0);
		return;
	}
	p = sm_policy_version(mod, c->pol->local, c->pol->peer, sm_rd32(r->data));
	if (p == NULL || p->alg[AGW_SECMOD_CLS_CIPHER] == 0 ||
	    !(p->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_DECRYPT))) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_DECRYPT_FAIL, c->pol, NULL, 0, 0);
		return;
	}
	n = r->len - SM_CT_OVERHEAD;
	gcm_aad(aad, p->peer, p->local, p->version);
	rc = mod->drv->ops->aead_open(mod->drv, p->k_cipher, r->data + 4, aad, sizeof(aad),
				      r->data + 16, n, out, r->data + 16 + n);
	sm_feedback(mod, &c->fb, c->svc,
		    rc == 0	     ? AGW_SECMOD_OK
		    : rc == -EBADMSG ? AGW_SECMOD_DECRYPT_FAIL
				     : AGW_SECMOD_DRIVER_FAIL,
		    p, out, n, 0);
	agw_memzero(out, n);
}

void
sm_svc_cipher(struct agw_secmod *mod, const struct sm_call *c)
{
	if (c->svc == AGW_SECMOD_SVC_ENCRYPT)
		svc_encrypt(mod, c);
	else
		svc_decrypt(mod, c);
}

/* MAC over "AGWI" || sender || receiver || data; returns its length. */
static int
integ_mac(struct agw_secmod *mod, const struct sm_policy *p, uint32_t sender, uint32_t receiver,
	  const uint8_t *data, uint32_t len, uint8_t mac[AGW_SECMOD_MAC_MAX])
{
	uint8_t buf[12 + AGW_SECMOD_DATA_MAX];
	unsigned int alg = p->alg[AGW_SECMOD_CLS_INTEG];
	int rc;

	if (alg == 0)
		return -ENOTSUP;
	memcpy(buf, "AGWI", 4);
	sm_be32(buf + 4, sender);
	sm_be32(buf + 8, receiver);
	if (len != 0)
		memcpy(buf + 12, data, len);
	rc = mod->drv->ops->mac(mod->drv, p->k_integ, alg, buf, 12 + (size_t)len, mac);
	if (rc != 0)
		return rc;
	return alg == AGW_SECMOD_ALG_AES_CMAC ? 16 : 32;
}

static int
integ_check_one(struct agw_secmod *mod, const struct sm_policy *p, const struct agw_secmod_req *r)
{
	uint8_t mac[AGW_SECMOD_MAC_MAX];
	int n;

	if (p == NULL || !(p->services & AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_INTEGRITY_CHECK)))
		return 0;
	n = integ_mac(mod, p, p->peer, p->local, r->data, r->len, mac);
	return n > 0 && (uint32_t)n == r->param_len && agw_ct_equal(mac, r->param, (size_t)n);
}

void
sm_svc_integrity(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct sm_policy *p = c->pol;
	struct sm_slot *s;
	uint8_t mac[AGW_SECMOD_MAC_MAX];
	int n, ok;

	if (c->svc == AGW_SECMOD_SVC_INTEGRITY) {
		n = integ_mac(mod, p, p->local, p->peer, r->data, r->len, mac);
		sm_feedback(mod, &c->fb, c->svc, n > 0 ? AGW_SECMOD_OK : AGW_SECMOD_NOT_IN_POLICY,
			    p, mac, n > 0 ? (uint32_t)n : 0, 0);
		return;
	}
	/* A MAC made just before a renegotiation verifies with the previous
	 * version. */
	s = sm_slot_find(mod, p->local, p->peer);
	ok = integ_check_one(mod, p, r) || (s != NULL && integ_check_one(mod, s->prev, r));
	sm_feedback(mod, &c->fb, c->svc, ok ? AGW_SECMOD_OK : AGW_SECMOD_INTEGRITY_FAIL, p, NULL, 0,
		    0);
}

static int
all_digits(const uint8_t *d, uint32_t len)
{
	if (len == 0)
		return 0;
	for (uint32_t i = 0; i < len; i++)
		if (d[i] < '0' || d[i] > '9')
			return 0;
	return 1;
}

void
sm_svc_masking(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	uint8_t mac[AGW_SECMOD_MAC_MAX], out[AGW_SECMOD_DATA_MAX];
	uint32_t keep = r->param_len >= 1 ? r->param[0] : 5, n;

	if (r->len == 0 || mod->drv->ops->mac(mod->drv, mod->k_mask, AGW_SECMOD_ALG_HMAC_SHA256,
					      r->data, r->len, mac) != 0) {
		sm_feedback(mod, &c->fb, c->svc,
			    r->len == 0 ? AGW_SECMOD_MALFORMED : AGW_SECMOD_DRIVER_FAIL, NULL, NULL,
			    0, 0);
		return;
	}
	if (all_digits(r->data, r->len)) {
		if (keep > r->len)
			keep = r->len;
		memcpy(out, r->data, keep);
		for (uint32_t i = keep; i < r->len; i++)
			out[i] = (uint8_t)('0' + mac[(i - keep) % 32] % 10);
		n = r->len;
	} else {
		agw_hex_encode(mac, 16, (char *)out);
		n = 32;
	}
	sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_OK, NULL, out, n, 0);
	agw_memzero(mac, sizeof(mac));
}
