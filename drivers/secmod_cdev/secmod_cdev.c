/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Cryptodev security-module driver (see agw_secmod_cdev.h).
 *
 * A control operation is one crypto op on the control queue pair, run
 * synchronously: the input is copied into an mbuf laid out as
 * [AAD 16][data][digest 32], the op is enqueued and polled back (1 s
 * limit), the result copied out and the mbuf zeroed before it returns to
 * its pool. Every symmetric key becomes the sessions its type needs at
 * import (AES-128: GCM encrypt/decrypt, CMAC, block; AES-256: GCM; HMAC:
 * HMAC-SHA-256); the sessions are freed (and their private data zeroed by
 * DPDK) when the key is destroyed.
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "agw_cdev.h"
#include "agw_rand.h"
#include "agw_secmod_cdev.h"
#include "agw_secmod_sw.h"
#include "agw_util.h"

#define CD_IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define CD_AAD 16
#define CD_DIGEST 32
#define CD_DATA_MAX 8192
#define CD_TIMEOUT_S 1

/* GCM sessions fix the AAD length: one pair for 16 octets, one for none. */
enum cd_sess_kind {
	CD_GCM_ENC,
	CD_GCM_DEC,
	CD_MAC,
	CD_BLOCK,
	CD_GCM_ENC0,
	CD_GCM_DEC0,
	CD_SESS_MAX
};

struct cd_key {
	uint8_t type;
	void *sess[CD_SESS_MAX];
	void *sw; /* Ed25519: the software driver's handle */
};

struct cd_fp_sess {
	void *sess;
	uint8_t is_nia;
};

struct cd_drv {
	struct agw_secmod_drv base;
	struct agw_cdev *cdev;
	struct agw_secmod_drv *sw; /* Ed25519 */
	uint8_t dev_id;
	uint16_t ctl_qp;
	int has_ecb;
	pthread_mutex_t lock; /* control queue pair and pools */
	struct rte_mempool *sess_mp;
	struct rte_mempool *op_mp;
	struct rte_mempool *mb_mp;
};

static struct cd_drv *
cd(struct agw_secmod_drv *d)
{
	return (struct cd_drv *)d;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

static void *
cd_session(struct cd_drv *c, struct rte_crypto_sym_xform *x)
{
	return rte_cryptodev_sym_session_create(c->dev_id, x, c->sess_mp);
}

static void *
cd_gcm_session(struct cd_drv *c, const uint8_t *key, size_t len, int enc, uint16_t aad)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_AEAD,
		.aead =
			{
				.op = enc ? RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT,
				.algo = RTE_CRYPTO_AEAD_AES_GCM,
				.key = {.data = key, .length = (uint16_t)len},
				.iv = {.offset = CD_IV_OFF, .length = AGW_SECMOD_GCM_IV_LEN},
				.digest_length = AGW_SECMOD_GCM_TAG_LEN,
				.aad_length = aad,
			},
	};

	return cd_session(c, &x);
}

static void *
cd_mac_session(struct cd_drv *c, const uint8_t *key, size_t len, int hmac)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth =
			{
				.op = RTE_CRYPTO_AUTH_OP_GENERATE,
				.algo = hmac ? RTE_CRYPTO_AUTH_SHA256_HMAC
					     : RTE_CRYPTO_AUTH_AES_CMAC,
				.key = {.data = key, .length = (uint16_t)len},
				.digest_length = hmac ? 32 : 16,
			},
	};

	return cd_session(c, &x);
}

static void *
cd_block_session(struct cd_drv *c, const uint8_t *key)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher =
			{
				.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT,
				.algo = c->has_ecb ? RTE_CRYPTO_CIPHER_AES_ECB
						   : RTE_CRYPTO_CIPHER_AES_CTR,
				.key = {.data = key, .length = 16},
				.iv = {.offset = CD_IV_OFF, .length = c->has_ecb ? 0 : 16},
			},
	};

	return cd_session(c, &x);
}

static void
cd_key_free(struct cd_drv *c, struct cd_key *k)
{
	for (int i = 0; i < CD_SESS_MAX; i++)
		if (k->sess[i] != NULL)
			rte_cryptodev_sym_session_free(c->dev_id, k->sess[i]);
	if (k->sw != NULL)
		c->sw->ops->key_destroy(c->sw, k->sw);
	agw_memzero(k, sizeof(*k));
	free(k);
}

static int
cd_gcm_sessions(struct cd_drv *c, struct cd_key *k, const uint8_t *key, size_t len)
{
	return (k->sess[CD_GCM_ENC] = cd_gcm_session(c, key, len, 1, CD_AAD)) != NULL &&
	       (k->sess[CD_GCM_DEC] = cd_gcm_session(c, key, len, 0, CD_AAD)) != NULL &&
	       (k->sess[CD_GCM_ENC0] = cd_gcm_session(c, key, len, 1, 0)) != NULL &&
	       (k->sess[CD_GCM_DEC0] = cd_gcm_session(c, key, len, 0, 0)) != NULL;
}

static int
cd_key_import(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const uint8_t *key,
	      size_t len, void **h)
{
	struct cd_drv *c = cd(d);
	struct cd_key *k;
	int ok = 1, rc = 0;

	if (key == NULL || h == NULL)
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -ENOMEM;
	k->type = (uint8_t)type;
	pthread_mutex_lock(&c->lock);
	switch (type) {
	case AGW_SECMOD_KEY_AES128:
		ok = len == 16 && cd_gcm_sessions(c, k, key, 16) &&
		     (k->sess[CD_MAC] = cd_mac_session(c, key, 16, 0)) != NULL &&
		     (k->sess[CD_BLOCK] = cd_block_session(c, key)) != NULL;
		break;
	case AGW_SECMOD_KEY_AES256:
		ok = len == 32 && cd_gcm_sessions(c, k, key, 32);
		break;
	case AGW_SECMOD_KEY_HMAC:
		ok = len >= 16 && len <= 160 &&
		     (k->sess[CD_MAC] = cd_mac_session(c, key, len, 1)) != NULL;
		break;
	case AGW_SECMOD_KEY_ED25519:
		rc = c->sw->ops->key_import(c->sw, type, key, len, &k->sw);
		break;
	default:
		rc = -ENOTSUP;
	}
	pthread_mutex_unlock(&c->lock);
	if (rc == 0 && !ok)
		rc = -EINVAL;
	if (rc != 0) {
		pthread_mutex_lock(&c->lock);
		cd_key_free(c, k);
		pthread_mutex_unlock(&c->lock);
		return rc;
	}
	*h = k;
	return 0;
}

static int
cd_key_generate(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label,
		void **h)
{
	uint8_t r[32];
	size_t len = type == AGW_SECMOD_KEY_AES128 ? 16 : 32;
	int rc;

	(void)label;
	if (type == AGW_SECMOD_KEY_3GPP128)
		return -ENOTSUP;
	rc = agw_rand_bytes(r, len) == 0 ? cd_key_import(d, type, r, len, h) : -EIO;
	agw_memzero(r, sizeof(r));
	return rc;
}

static int
cd_key_find(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label, void **h)
{
	(void)d;
	(void)type;
	(void)label;
	(void)h;
	return -ENOTSUP;
}

static int
cd_key_public(struct agw_secmod_drv *d, void *h, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN])
{
	struct cd_key *k = h;

	if (k == NULL || k->sw == NULL)
		return -EINVAL;
	return cd(d)->sw->ops->key_public(cd(d)->sw, k->sw, pub);
}

static void
cd_key_destroy(struct agw_secmod_drv *d, void *h)
{
	struct cd_drv *c = cd(d);

	if (h == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	cd_key_free(c, h);
	pthread_mutex_unlock(&c->lock);
}

static int
cd_sign(struct agw_secmod_drv *d, void *h, const uint8_t *msg, size_t len,
	uint8_t sig[AGW_SECMOD_ED25519_SIG_LEN])
{
	struct cd_key *k = h;

	if (k == NULL || k->sw == NULL)
		return -EINVAL;
	return cd(d)->sw->ops->sign(cd(d)->sw, k->sw, msg, len, sig);
}

/* ------------------------------------------------------------------ */
/* One synchronous control operation                                   */
/* ------------------------------------------------------------------ */

struct cd_job {
	void *sess;
	enum cd_sess_kind kind;
	const uint8_t *iv; /* 12 (GCM) or 16 (CTR block) octets, or NULL */
	uint8_t iv_len;
	const uint8_t *aad; /* CD_AAD octets or NULL */
	const uint8_t *in;
	size_t len;
	uint8_t *out;	 /* len octets, or NULL */
	uint8_t *digest; /* in (GCM decrypt) / out */
	uint8_t digest_len;
};

static void
cd_fill_op(struct rte_crypto_op *op, struct rte_mbuf *m, const struct cd_job *j)
{
	struct rte_crypto_sym_op *s = op->sym;
	uint8_t *dig = rte_pktmbuf_mtod_offset(m, uint8_t *, CD_AAD + j->len);

	s->m_src = m;
	if (j->iv_len != 0)
		memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, CD_IV_OFF), j->iv, j->iv_len);
	if (j->kind == CD_GCM_ENC || j->kind == CD_GCM_DEC) {
		s->aead.data.offset = CD_AAD;
		s->aead.data.length = (uint32_t)j->len;
		s->aead.aad.data = rte_pktmbuf_mtod(m, uint8_t *);
		s->aead.aad.phys_addr = rte_pktmbuf_iova(m);
		s->aead.digest.data = dig;
		s->aead.digest.phys_addr = rte_pktmbuf_iova_offset(m, CD_AAD + j->len);
	} else if (j->kind == CD_MAC) {
		s->auth.data.offset = CD_AAD;
		s->auth.data.length = (uint32_t)j->len;
		s->auth.digest.data = dig;
		s->auth.digest.phys_addr = rte_pktmbuf_iova_offset(m, CD_AAD + j->len);
	} else {
		s->cipher.data.offset = CD_AAD;
		s->cipher.data.length = 16;
	}
}

static int
cd_poll(struct cd_drv *c, struct rte_crypto_op *op)
{
	uint64_t end = rte_get_timer_cycles() + CD_TIMEOUT_S * rte_get_timer_hz();
	struct rte_crypto_op *done = NULL;

	if (rte_cryptodev_enqueue_burst(c->dev_id, c->ctl_qp, &op, 1) != 1)
		return -EIO;
	while (rte_cryptodev_dequeue_burst(c->dev_id, c->ctl_qp, &done, 1) == 0)
		if (rte_get_timer_cycles() > end)
			return -ETIMEDOUT; /* the op stays with the device */
	if (done->status == RTE_CRYPTO_OP_STATUS_SUCCESS)
		return 0;
	return done->status == RTE_CRYPTO_OP_STATUS_AUTH_FAILED ? -EBADMSG : -EIO;
}

static int
cd_run_locked(struct cd_drv *c, const struct cd_job *j)
{
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	uint8_t *p;
	int rc;

	if (j->sess == NULL)
		return -ENOTSUP;
	if (j->len > CD_DATA_MAX)
		return -EINVAL;
	op = rte_crypto_op_alloc(c->op_mp, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	m = rte_pktmbuf_alloc(c->mb_mp);
	p = m != NULL ? (uint8_t *)rte_pktmbuf_append(m, CD_AAD + CD_DATA_MAX + CD_DIGEST) : NULL;
	if (op == NULL || p == NULL) {
		rte_pktmbuf_free(m);
		rte_crypto_op_free(op);
		return -ENOMEM;
	}
	memset(p, 0, CD_AAD);
	if (j->aad != NULL)
		memcpy(p, j->aad, CD_AAD);
	if (j->len != 0)
		memcpy(p + CD_AAD, j->in, j->len);
	if (j->kind == CD_GCM_DEC)
		memcpy(p + CD_AAD + j->len, j->digest, AGW_SECMOD_GCM_TAG_LEN);
	rte_crypto_op_attach_sym_session(op, j->sess);
	cd_fill_op(op, m, j);
	rc = cd_poll(c, op);
	if (rc == 0 && j->out != NULL)
		memcpy(j->out, p + CD_AAD, j->kind == CD_BLOCK ? 16 : j->len);
	if (rc == 0 && j->kind != CD_GCM_DEC && j->digest != NULL)
		memcpy(j->digest, p + CD_AAD + j->len, j->digest_len);
	if (rc == -ETIMEDOUT)
		return rc; /* op and mbuf still belong to the device */
	agw_memzero(p, CD_AAD + j->len + CD_DIGEST);
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	return rc;
}

static int
cd_run(struct cd_drv *c, const struct cd_job *j)
{
	int rc;

	pthread_mutex_lock(&c->lock);
	rc = cd_run_locked(c, j);
	pthread_mutex_unlock(&c->lock);
	return rc;
}

static int
cd_mac(struct agw_secmod_drv *d, void *h, unsigned int alg, const uint8_t *msg, size_t len,
       uint8_t out[AGW_SECMOD_MAC_MAX])
{
	struct cd_key *k = h;
	struct cd_job j = {.kind = CD_MAC, .in = msg, .len = len, .digest = out};

	if (k == NULL)
		return -EINVAL;
	if (alg == AGW_SECMOD_ALG_HMAC_SHA256 && k->type == AGW_SECMOD_KEY_HMAC)
		j.digest_len = 32;
	else if (alg == AGW_SECMOD_ALG_AES_CMAC && k->type == AGW_SECMOD_KEY_AES128)
		j.digest_len = 16;
	else
		return -ENOTSUP;
	j.sess = k->sess[CD_MAC];
	return cd_run(cd(d), &j);
}

static int
cd_aead(struct cd_drv *c, struct cd_key *k, int enc, const uint8_t iv[12], const uint8_t *aad,
	size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag)
{
	struct cd_job j = {
		.kind = enc ? CD_GCM_ENC : CD_GCM_DEC,
		.iv = iv,
		.iv_len = AGW_SECMOD_GCM_IV_LEN,
		.aad = aad,
		.in = in,
		.len = len,
		.out = out,
		.digest = tag,
		.digest_len = AGW_SECMOD_GCM_TAG_LEN,
	};
	int rc;

	if (k == NULL || (aad_len != 0 && aad_len != CD_AAD))
		return -EINVAL;
	if (aad_len == 0)
		j.sess = k->sess[enc ? CD_GCM_ENC0 : CD_GCM_DEC0];
	else
		j.sess = k->sess[enc ? CD_GCM_ENC : CD_GCM_DEC];
	rc = cd_run(c, &j);
	if (rc != 0 && !enc)
		agw_memzero(out, len);
	return rc;
}

static int
cd_aead_seal(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	     uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	return cd_aead(cd(d), h, 1, iv, aad, aad_len, in, len, out, tag);
}

static int
cd_aead_open(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	     const uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	uint8_t t[AGW_SECMOD_GCM_TAG_LEN];

	memcpy(t, tag, sizeof(t));
	return cd_aead(cd(d), h, 0, iv, aad, aad_len, in, len, out, t);
}

/* E_K(in): AES-ECB, or AES-CTR over a zero block with counter block = in. */
static int
cd_block_encrypt(struct agw_secmod_drv *d, void *h, const uint8_t in[16], uint8_t out[16])
{
	static const uint8_t zero[16];
	struct cd_drv *c = cd(d);
	struct cd_key *k = h;
	struct cd_job j = {.kind = CD_BLOCK, .len = 16, .out = out};

	if (k == NULL || k->type != AGW_SECMOD_KEY_AES128)
		return -EINVAL;
	j.sess = k->sess[CD_BLOCK];
	if (c->has_ecb) {
		j.in = in;
	} else {
		j.in = zero;
		j.iv = in;
		j.iv_len = 16;
	}
	return cd_run(c, &j);
}

/* ------------------------------------------------------------------ */
/* Fast path on lib/nascrypt                                           */
/* ------------------------------------------------------------------ */

static int
cd_fp_session_create(struct agw_secmod_drv *d, unsigned int alg, const uint8_t key[16], void **sess)
{
	struct cd_drv *c = cd(d);
	struct cd_fp_sess *s;
	int rc;

	if (key == NULL || sess == NULL || alg < AGW_SECMOD_ALG_NEA1 || alg > AGW_SECMOD_ALG_NIA3)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->is_nia = alg >= AGW_SECMOD_ALG_NIA1;
	pthread_mutex_lock(&c->lock);
	if (s->is_nia)
		rc = agw_cdev_session_nia(c->cdev, alg - AGW_SECMOD_ALG_NIA1 + 1, key, &s->sess);
	else
		rc = agw_cdev_session_nea(c->cdev, alg - AGW_SECMOD_ALG_NEA1 + 1, key, &s->sess);
	pthread_mutex_unlock(&c->lock);
	if (rc != 0) {
		free(s);
		return rc;
	}
	*sess = s;
	return 0;
}

static void
cd_fp_session_free(struct agw_secmod_drv *d, void *sess)
{
	struct cd_drv *c = cd(d);
	struct cd_fp_sess *s = sess;

	if (s == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	agw_cdev_session_free(c->cdev, s->sess);
	pthread_mutex_unlock(&c->lock);
	free(s);
}

static uint16_t
cd_fp_burst(struct agw_secmod_drv *d, uint16_t qp, struct agw_secmod_drv_fp_op *ops, uint16_t n)
{
	struct agw_cdev_nea_op nea[AGW_SECMOD_FP_BURST_MAX];
	struct agw_cdev_nia_op nia[AGW_SECMOD_FP_BURST_MAX];
	struct cd_drv *c = cd(d);
	uint16_t ne = 0, ni = 0, ok = 0;

	if (qp >= d->nb_qp || n > AGW_SECMOD_FP_BURST_MAX)
		return 0;
	for (uint16_t i = 0; i < n; i++) {
		struct agw_secmod_drv_fp_op *o = &ops[i];
		struct cd_fp_sess *s = o->sess;

		if (s->is_nia) {
			nia[ni] = (struct agw_cdev_nia_op){.sess = s->sess,
							   .msg = o->data,
							   .len_bits = o->len * 8,
							   .count = o->count,
							   .bearer = o->bearer,
							   .dir = o->dir,
							   .verify = o->verify,
							   .user_data = o};
			memcpy(nia[ni++].mac, o->mac, AGW_NAS_MAC_LEN);
		} else {
			nea[ne++] = (struct agw_cdev_nea_op){.sess = s->sess,
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
		agw_cdev_nea_burst(c->cdev, qp, nea, ne);
	if (ni != 0)
		agw_cdev_nia_burst(c->cdev, qp, nia, ni);
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

/* ------------------------------------------------------------------ */
/* Create / free                                                       */
/* ------------------------------------------------------------------ */

static void
cd_free(struct agw_secmod_drv *d)
{
	struct cd_drv *c = cd(d);

	if (c->cdev != NULL)
		agw_cdev_free(c->cdev); /* stops and closes the device */
	rte_mempool_free(c->op_mp);
	rte_mempool_free(c->mb_mp);
	rte_mempool_free(c->sess_mp);
	agw_secmod_drv_free(c->sw);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static const struct agw_secmod_drv_ops cd_ops = {
	.name = "cdev",
	.key_import = cd_key_import,
	.key_generate = cd_key_generate,
	.key_find = cd_key_find,
	.key_public = cd_key_public,
	.key_destroy = cd_key_destroy,
	.sign = cd_sign,
	.mac = cd_mac,
	.aead_seal = cd_aead_seal,
	.aead_open = cd_aead_open,
	.block_encrypt = cd_block_encrypt,
	.fp_session_create = cd_fp_session_create,
	.fp_session_free = cd_fp_session_free,
	.fp_burst = cd_fp_burst,
	.free = cd_free,
};

static int
cd_has_cipher(uint8_t dev, enum rte_crypto_cipher_algorithm a)
{
	struct rte_cryptodev_sym_capability_idx idx = {.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
						       .algo.cipher = a};
	const struct rte_cryptodev_symmetric_capability *cap =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return cap != NULL && rte_cryptodev_sym_capability_check_cipher(
				      cap, 16, a == RTE_CRYPTO_CIPHER_AES_ECB ? 0 : 16) == 0;
}

static int
cd_has_auth(uint8_t dev, enum rte_crypto_auth_algorithm a, uint16_t key, uint16_t dig)
{
	struct rte_cryptodev_sym_capability_idx idx = {.type = RTE_CRYPTO_SYM_XFORM_AUTH,
						       .algo.auth = a};
	const struct rte_cryptodev_symmetric_capability *cap =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return cap != NULL && rte_cryptodev_sym_capability_check_auth(cap, key, dig, 0) == 0;
}

static int
cd_has_gcm(uint8_t dev)
{
	struct rte_cryptodev_sym_capability_idx idx = {.type = RTE_CRYPTO_SYM_XFORM_AEAD,
						       .algo.aead = RTE_CRYPTO_AEAD_AES_GCM};
	const struct rte_cryptodev_symmetric_capability *cap =
		rte_cryptodev_sym_capability_get(dev, &idx);

	return cap != NULL && rte_cryptodev_sym_capability_check_aead(cap, 16, 16, CD_AAD, 12) == 0;
}

static uint32_t
cd_algs(struct cd_drv *c)
{
	uint32_t a = AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_5G_AKA) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_QUOTE_ED25519) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_JWS_EDDSA) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_JWS_HS256) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES128_GCM) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES256_GCM) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES_CMAC) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_HMAC_SHA256);

	for (unsigned int i = 1; i <= 3; i++) {
		if (agw_cdev_nea_supported(c->cdev, i))
			a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_NEA1 + i - 1);
		if (agw_cdev_nia_supported(c->cdev, i))
			a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_NIA1 + i - 1);
	}
	return a;
}

static int
cd_pools(struct cd_drv *c, uint32_t max_keys, int socket)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t priv = rte_cryptodev_sym_get_private_session_size(c->dev_id);

	snprintf(name, sizeof(name), "agw_smcd_s%u", c->dev_id);
	c->sess_mp = rte_cryptodev_sym_session_pool_create(name, max_keys * 6, RTE_MAX(priv, 1u), 0,
							   0, socket);
	snprintf(name, sizeof(name), "agw_smcd_o%u", c->dev_id);
	c->op_mp = rte_crypto_op_pool_create(name, RTE_CRYPTO_OP_TYPE_SYMMETRIC, 8, 0, 32, socket);
	snprintf(name, sizeof(name), "agw_smcd_m%u", c->dev_id);
	c->mb_mp = rte_pktmbuf_pool_create(
		name, 8, 0, 0, RTE_PKTMBUF_HEADROOM + CD_AAD + CD_DATA_MAX + CD_DIGEST, socket);
	return c->sess_mp != NULL && c->op_mp != NULL && c->mb_mp != NULL ? 0 : -ENOMEM;
}

struct agw_secmod_drv *
agw_secmod_cdev_create(const struct agw_secmod_cdev_conf *conf)
{
	struct agw_cdev_conf cc = {0};
	struct cd_drv *c;
	int rc;

	if (conf == NULL || conf->dev_name == NULL || conf->nb_qp == 0) {
		errno = EINVAL;
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->base.ops = &cd_ops;
	c->base.nb_qp = conf->nb_qp;
	c->ctl_qp = conf->nb_qp;
	cc.dev_name = conf->dev_name;
	cc.nb_qp = (uint16_t)(conf->nb_qp + 1);
	cc.max_sessions = conf->max_sessions != 0 ? conf->max_sessions : 1024;
	cc.socket_id = SOCKET_ID_ANY;
	c->sw = agw_secmod_sw_create(1);
	c->cdev = c->sw != NULL ? agw_cdev_create(&cc) : NULL;
	rc = c->cdev == NULL ? -(c->sw == NULL ? errno : rte_errno) : 0;
	if (rc == 0) {
		c->dev_id = agw_cdev_dev_id(c->cdev);
		c->has_ecb = cd_has_cipher(c->dev_id, RTE_CRYPTO_CIPHER_AES_ECB);
		if (!cd_has_gcm(c->dev_id) ||
		    !cd_has_auth(c->dev_id, RTE_CRYPTO_AUTH_AES_CMAC, 16, 16) ||
		    !cd_has_auth(c->dev_id, RTE_CRYPTO_AUTH_SHA256_HMAC, 32, 32) ||
		    (!c->has_ecb && !cd_has_cipher(c->dev_id, RTE_CRYPTO_CIPHER_AES_CTR)))
			rc = -ENOTSUP;
	}
	if (rc == 0)
		rc = cd_pools(c, conf->max_keys != 0 ? conf->max_keys : 1024,
			      rte_cryptodev_socket_id(c->dev_id));
	if (rc != 0) {
		cd_free(&c->base);
		errno = rc < 0 ? -rc : EINVAL;
		return NULL;
	}
	c->base.algs = cd_algs(c);
	return &c->base;
}

const char *
agw_secmod_cdev_pmd(const struct agw_secmod_drv *drv)
{
	return drv != NULL && drv->ops == &cd_ops
		       ? agw_cdev_driver_name(((const struct cd_drv *)drv)->cdev)
		       : NULL;
}
