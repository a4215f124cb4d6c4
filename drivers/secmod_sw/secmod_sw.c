/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Software security-module driver (see agw_secmod_sw.h). Control-path
 * operations use per-call OpenSSL contexts and touch no shared state, so
 * they need no lock; the fast path uses one IPsec-MB engine per queue
 * pair (its worker's only), and the control engine that expands session
 * keys is used under a mutex.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "agw_nas_sec.h"
#include "agw_secmod_sw.h"
#include "agw_util.h"

#define SW_KEY_MAX 160 /* HMAC keys up to 160 octets (RFC 4231 uses 131) */

struct sw_key {
	uint8_t type;
	uint8_t len;
	uint8_t raw[SW_KEY_MAX];
	EVP_PKEY *pk; /* Ed25519 */
};

struct sw_sess {
	union {
		struct agw_nea_key nea;
		struct agw_nia_key nia;
	} k;
	uint8_t is_nia;
} __attribute__((aligned(16)));

struct sw_drv {
	struct agw_secmod_drv base;
	pthread_mutex_t lock; /* ctl engine */
	struct agw_nas_sec_engine *ctl;
	struct agw_nas_sec_engine *eng[];
};

static struct sw_drv *
sw(struct agw_secmod_drv *d)
{
	return (struct sw_drv *)d;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

static int
key_len_ok(enum agw_secmod_key_type type, size_t len)
{
	switch (type) {
	case AGW_SECMOD_KEY_AES128:
	case AGW_SECMOD_KEY_3GPP128:
		return len == 16;
	case AGW_SECMOD_KEY_AES256:
	case AGW_SECMOD_KEY_ED25519:
		return len == 32;
	case AGW_SECMOD_KEY_HMAC:
		return len >= 16 && len <= SW_KEY_MAX;
	default:
		return 0;
	}
}

static int
sw_key_import(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const uint8_t *key,
	      size_t len, void **h)
{
	struct sw_key *k;

	(void)d;
	if (key == NULL || h == NULL || !key_len_ok(type, len))
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -ENOMEM;
	k->type = (uint8_t)type;
	k->len = (uint8_t)len;
	memcpy(k->raw, key, len);
	if (type == AGW_SECMOD_KEY_ED25519) {
		k->pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, key, len);
		agw_memzero(k->raw, sizeof(k->raw)); /* the EVP key holds it */
		if (k->pk == NULL) {
			free(k);
			return -EIO;
		}
	}
	*h = k;
	return 0;
}

static int
sw_key_generate(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label,
		void **h)
{
	uint8_t r[32];
	size_t len = type == AGW_SECMOD_KEY_AES128 || type == AGW_SECMOD_KEY_3GPP128 ? 16 : 32;
	int rc;

	(void)label; /* nothing persists */
	if (RAND_priv_bytes(r, (int)len) != 1)
		return -EIO;
	rc = sw_key_import(d, type, r, len, h);
	agw_memzero(r, sizeof(r));
	return rc;
}

static int
sw_key_find(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label, void **h)
{
	(void)d;
	(void)type;
	(void)label;
	(void)h;
	return -ENOTSUP;
}

static int
sw_key_public(struct agw_secmod_drv *d, void *h, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN])
{
	struct sw_key *k = h;
	size_t n = AGW_SECMOD_ED25519_PUB_LEN;

	(void)d;
	if (k == NULL || k->pk == NULL)
		return -EINVAL;
	return EVP_PKEY_get_raw_public_key(k->pk, pub, &n) == 1 && n == 32 ? 0 : -EIO;
}

static void
sw_key_destroy(struct agw_secmod_drv *d, void *h)
{
	struct sw_key *k = h;

	(void)d;
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pk); /* OpenSSL cleanses the private key */
	agw_memzero(k, sizeof(*k));
	free(k);
}

/* ------------------------------------------------------------------ */
/* Control-path crypto                                                 */
/* ------------------------------------------------------------------ */

static int
sw_sign(struct agw_secmod_drv *d, void *h, const uint8_t *msg, size_t len,
	uint8_t sig[AGW_SECMOD_ED25519_SIG_LEN])
{
	struct sw_key *k = h;
	size_t n = AGW_SECMOD_ED25519_SIG_LEN;
	EVP_MD_CTX *c;
	int ok = 0;

	(void)d;
	if (k == NULL || k->pk == NULL)
		return -EINVAL;
	c = EVP_MD_CTX_new();
	if (c != NULL && EVP_DigestSignInit(c, NULL, NULL, NULL, k->pk) == 1)
		ok = EVP_DigestSign(c, sig, &n, msg, len) == 1 && n == 64;
	EVP_MD_CTX_free(c);
	return ok ? 0 : -EIO;
}

static int
sw_mac(struct agw_secmod_drv *d, void *h, unsigned int alg, const uint8_t *msg, size_t len,
       uint8_t out[AGW_SECMOD_MAC_MAX])
{
	struct sw_key *k = h;
	size_t n = 0;
	uint8_t *r;

	(void)d;
	if (k == NULL)
		return -EINVAL;
	if (alg == AGW_SECMOD_ALG_HMAC_SHA256 && k->type == AGW_SECMOD_KEY_HMAC)
		r = EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, k->raw, k->len, msg, len, out,
			      AGW_SECMOD_MAC_MAX, &n);
	else if (alg == AGW_SECMOD_ALG_AES_CMAC && k->type == AGW_SECMOD_KEY_AES128)
		r = EVP_Q_mac(NULL, "CMAC", NULL, "AES-128-CBC", NULL, k->raw, k->len, msg, len,
			      out, AGW_SECMOD_MAC_MAX, &n);
	else
		return -ENOTSUP;
	return r != NULL ? 0 : -EIO;
}

static const EVP_CIPHER *
gcm_cipher(const struct sw_key *k)
{
	if (k->type == AGW_SECMOD_KEY_AES128)
		return EVP_aes_128_gcm();
	if (k->type == AGW_SECMOD_KEY_AES256)
		return EVP_aes_256_gcm();
	return NULL;
}

static int
sw_gcm(const struct sw_key *k, int enc, const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
       const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
	const EVP_CIPHER *ci = k != NULL ? gcm_cipher(k) : NULL;
	EVP_CIPHER_CTX *c;
	int n, ok;

	if (ci == NULL || len > INT32_MAX || aad_len > INT32_MAX)
		return -EINVAL;
	c = EVP_CIPHER_CTX_new();
	if (c == NULL)
		return -ENOMEM;
	ok = EVP_CipherInit_ex(c, ci, NULL, k->raw, iv, enc) == 1 &&
	     (aad_len == 0 || EVP_CipherUpdate(c, NULL, &n, aad, (int)aad_len) == 1) &&
	     (len == 0 || EVP_CipherUpdate(c, out, &n, in, (int)len) == 1) &&
	     (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1);
	if (ok && EVP_CipherFinal_ex(c, out + len, &n) != 1) {
		EVP_CIPHER_CTX_free(c);
		if (!enc)
			agw_memzero(out, len);
		return enc ? -EIO : -EBADMSG;
	}
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -EIO;
}

static int
sw_aead_seal(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	     uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	(void)d;
	return sw_gcm(h, 1, iv, aad, aad_len, in, len, out, tag);
}

static int
sw_aead_open(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	     const uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	uint8_t t[16];

	(void)d;
	memcpy(t, tag, 16);
	return sw_gcm(h, 0, iv, aad, aad_len, in, len, out, t);
}

static int
sw_block_encrypt(struct agw_secmod_drv *d, void *h, const uint8_t in[16], uint8_t out[16])
{
	struct sw_key *k = h;
	EVP_CIPHER_CTX *c;
	int n, ok;

	(void)d;
	if (k == NULL || k->type != AGW_SECMOD_KEY_AES128)
		return -EINVAL;
	c = EVP_CIPHER_CTX_new();
	if (c == NULL)
		return -ENOMEM;
	ok = EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, k->raw, NULL) == 1 &&
	     EVP_CIPHER_CTX_set_padding(c, 0) == 1 && EVP_EncryptUpdate(c, out, &n, in, 16) == 1 &&
	     n == 16;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -EIO;
}

/* ------------------------------------------------------------------ */
/* Fast path                                                           */
/* ------------------------------------------------------------------ */

static int
sw_fp_session_create(struct agw_secmod_drv *d, unsigned int alg, const uint8_t key[16], void **sess)
{
	struct sw_drv *s = sw(d);
	struct sw_sess *ss;
	int rc;

	if (key == NULL || sess == NULL || alg < AGW_SECMOD_ALG_NEA1 || alg > AGW_SECMOD_ALG_NIA3)
		return -EINVAL;
	ss = aligned_alloc(16, sizeof(*ss));
	if (ss == NULL)
		return -ENOMEM;
	memset(ss, 0, sizeof(*ss));
	ss->is_nia = alg >= AGW_SECMOD_ALG_NIA1;
	pthread_mutex_lock(&s->lock);
	if (ss->is_nia)
		rc = agw_nia_key_init(s->ctl, &ss->k.nia, alg - AGW_SECMOD_ALG_NIA1 + 1, key);
	else
		rc = agw_nea_key_init(s->ctl, &ss->k.nea, alg - AGW_SECMOD_ALG_NEA1 + 1, key);
	pthread_mutex_unlock(&s->lock);
	if (rc != 0) {
		free(ss);
		return rc;
	}
	*sess = ss;
	return 0;
}

static void
sw_fp_session_free(struct agw_secmod_drv *d, void *sess)
{
	struct sw_sess *ss = sess;

	(void)d;
	if (ss == NULL)
		return;
	agw_memzero(ss, sizeof(*ss));
	free(ss);
}

static uint16_t
sw_fp_burst(struct agw_secmod_drv *d, uint16_t qp, struct agw_secmod_drv_fp_op *ops, uint16_t n)
{
	struct agw_nea_op nea[AGW_SECMOD_FP_BURST_MAX];
	struct agw_nia_op nia[AGW_SECMOD_FP_BURST_MAX];
	uint16_t ne = 0, ni = 0, ok = 0;
	struct sw_drv *s = sw(d);

	if (qp >= d->nb_qp || n > AGW_SECMOD_FP_BURST_MAX)
		return 0;
	for (uint16_t i = 0; i < n; i++) {
		struct agw_secmod_drv_fp_op *o = &ops[i];
		struct sw_sess *ss = o->sess;

		if (ss->is_nia) {
			nia[ni] = (struct agw_nia_op){.key = &ss->k.nia,
						      .msg = o->data,
						      .len_bits = o->len * 8,
						      .count = o->count,
						      .bearer = o->bearer,
						      .dir = o->dir,
						      .verify = o->verify,
						      .user_data = o};
			memcpy(nia[ni++].mac, o->mac, AGW_NAS_MAC_LEN);
		} else {
			nea[ne++] = (struct agw_nea_op){.key = &ss->k.nea,
							.in = o->data,
							.out = o->data,
							.len_bits = o->len * 8,
							.count = o->count,
							.bearer = o->bearer,
							.dir = o->dir,
							.user_data = o};
		}
	}
	if (ne != 0)
		agw_nea_burst(s->eng[qp], nea, ne);
	if (ni != 0)
		agw_nia_burst(s->eng[qp], nia, ni);
	for (uint16_t i = 0; i < ne; i++)
		((struct agw_secmod_drv_fp_op *)nea[i].user_data)->status = nea[i].status;
	for (uint16_t i = 0; i < ni; i++) {
		struct agw_secmod_drv_fp_op *o = nia[i].user_data;

		o->status = nia[i].status;
		if (!o->verify)
			memcpy(o->mac, nia[i].mac, AGW_NAS_MAC_LEN);
	}
	for (uint16_t i = 0; i < n; i++)
		ok += ops[i].status == AGW_SECMOD_FP_OK;
	return ok;
}

static void
sw_free(struct agw_secmod_drv *d)
{
	struct sw_drv *s = sw(d);

	for (uint16_t i = 0; i < d->nb_qp; i++)
		agw_nas_sec_engine_free(s->eng[i]);
	agw_nas_sec_engine_free(s->ctl);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static const struct agw_secmod_drv_ops sw_ops = {
	.name = "sw",
	.key_import = sw_key_import,
	.key_generate = sw_key_generate,
	.key_find = sw_key_find,
	.key_public = sw_key_public,
	.key_destroy = sw_key_destroy,
	.sign = sw_sign,
	.mac = sw_mac,
	.aead_seal = sw_aead_seal,
	.aead_open = sw_aead_open,
	.block_encrypt = sw_block_encrypt,
	.fp_session_create = sw_fp_session_create,
	.fp_session_free = sw_fp_session_free,
	.fp_burst = sw_fp_burst,
	.free = sw_free,
};

struct agw_secmod_drv *
agw_secmod_sw_create(uint16_t nb_qp)
{
	struct sw_drv *s;

	if (nb_qp == 0) {
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s) + nb_qp * sizeof(s->eng[0]));
	if (s == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	s->base.ops = &sw_ops;
	s->base.nb_qp = nb_qp;
	s->base.algs = 0;
	for (unsigned int a = AGW_SECMOD_ALG_5G_AKA; a <= AGW_SECMOD_ALG_NIA3; a++)
		s->base.algs |= AGW_SECMOD_ALG_BIT(a);
	pthread_mutex_init(&s->lock, NULL);
	s->ctl = agw_nas_sec_engine_create();
	for (uint16_t i = 0; s->ctl != NULL && i < nb_qp; i++) {
		s->eng[i] = agw_nas_sec_engine_create();
		if (s->eng[i] == NULL) {
			agw_nas_sec_engine_free(s->ctl);
			s->ctl = NULL;
		}
	}
	if (s->ctl == NULL) {
		int e = errno != 0 ? errno : ENOMEM;

		sw_free(&s->base);
		errno = e;
		return NULL;
	}
	return &s->base;
}
