/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * PKCS#11 security-module driver (see agw_secmod_pkcs11.h). The control
 * session is used under a mutex; each fast-path queue pair has its own
 * session and bounce buffer, used by its worker only.
 */

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "agw_secmod_pkcs11.h"
#include "agw_util.h"

#include <p11-kit/pkcs11.h>

#define P11_BUF 16384
#define P11_MAC_MAX 64

/* DER of OID 1.3.101.112 (id-Ed25519, RFC 8410) for CKA_EC_PARAMS */
static const uint8_t ed25519_oid[] = {0x06, 0x03, 0x2b, 0x65, 0x70};

struct p11_qp {
	CK_SESSION_HANDLE s;
	uint8_t buf[P11_BUF];
};

struct p11_drv {
	struct agw_secmod_drv base;
	void *dl;
	CK_FUNCTION_LIST_PTR f;
	CK_SLOT_ID slot;
	CK_SESSION_HANDLE ctl;
	pthread_mutex_t lock; /* ctl session */
	struct p11_qp *qp;
};

struct p11_key {
	CK_OBJECT_HANDLE obj;
	uint8_t type;
	uint8_t persistent;
	uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN];
};

struct p11_fp {
	CK_OBJECT_HANDLE obj;
	uint8_t is_nia;
};

static struct p11_drv *
p11(struct agw_secmod_drv *d)
{
	return (struct p11_drv *)d;
}

static int
rv_errno(CK_RV rv)
{
	switch (rv) {
	case CKR_OK:
		return 0;
	case CKR_ENCRYPTED_DATA_INVALID:
	case CKR_SIGNATURE_INVALID:
		return -EBADMSG;
	case CKR_MECHANISM_INVALID:
	case CKR_KEY_TYPE_INCONSISTENT:
		return -ENOTSUP;
	case CKR_HOST_MEMORY:
	case CKR_DEVICE_MEMORY:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

static CK_KEY_TYPE
p11_key_type(enum agw_secmod_key_type t)
{
	return t == AGW_SECMOD_KEY_HMAC ? CKK_GENERIC_SECRET : CKK_AES;
}

static int
ed25519_pub_from_seed(const uint8_t *seed, uint8_t pub[32])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	size_t n = 32;
	int ok = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 && n == 32;

	EVP_PKEY_free(k);
	return ok ? 0 : -EIO;
}

static int
p11_import_secret(struct p11_drv *p, enum agw_secmod_key_type type, const uint8_t *key, size_t len,
		  CK_OBJECT_HANDLE *obj)
{
	CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
	CK_KEY_TYPE kt = p11_key_type(type);
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
	CK_ATTRIBUTE t[] = {
		{CKA_CLASS, &cls, sizeof(cls)},	    {CKA_KEY_TYPE, &kt, sizeof(kt)},
		{CKA_TOKEN, &no, sizeof(no)},	    {CKA_SENSITIVE, &yes, sizeof(yes)},
		{CKA_EXTRACTABLE, &no, sizeof(no)}, {CKA_ENCRYPT, &yes, sizeof(yes)},
		{CKA_DECRYPT, &yes, sizeof(yes)},   {CKA_SIGN, &yes, sizeof(yes)},
		{CKA_VERIFY, &yes, sizeof(yes)},    {CKA_VALUE, (void *)key, len},
	};

	return rv_errno(p->f->C_CreateObject(p->ctl, t, sizeof(t) / sizeof(t[0]), obj));
}

static int
p11_import_ed25519(struct p11_drv *p, const uint8_t *seed, CK_OBJECT_HANDLE *obj)
{
	CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
	CK_KEY_TYPE kt = CKK_EC_EDWARDS;
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
	CK_ATTRIBUTE t[] = {
		{CKA_CLASS, &cls, sizeof(cls)},
		{CKA_KEY_TYPE, &kt, sizeof(kt)},
		{CKA_TOKEN, &no, sizeof(no)},
		{CKA_PRIVATE, &yes, sizeof(yes)},
		{CKA_SENSITIVE, &yes, sizeof(yes)},
		{CKA_EXTRACTABLE, &no, sizeof(no)},
		{CKA_SIGN, &yes, sizeof(yes)},
		{CKA_EC_PARAMS, (void *)ed25519_oid, sizeof(ed25519_oid)},
		{CKA_VALUE, (void *)seed, 32},
	};

	return rv_errno(p->f->C_CreateObject(p->ctl, t, sizeof(t) / sizeof(t[0]), obj));
}

static int
p11_key_import(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const uint8_t *key,
	       size_t len, void **h)
{
	struct p11_drv *p = p11(d);
	struct p11_key *k;
	int rc;

	if (key == NULL || h == NULL)
		return -EINVAL;
	if (((type == AGW_SECMOD_KEY_AES128 || type == AGW_SECMOD_KEY_3GPP128) && len != 16) ||
	    ((type == AGW_SECMOD_KEY_AES256 || type == AGW_SECMOD_KEY_ED25519) && len != 32) ||
	    (type == AGW_SECMOD_KEY_HMAC && (len < 16 || len > 160)) || type == 0 ||
	    type > AGW_SECMOD_KEY_3GPP128)
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -ENOMEM;
	k->type = (uint8_t)type;
	pthread_mutex_lock(&p->lock);
	if (type == AGW_SECMOD_KEY_ED25519) {
		rc = ed25519_pub_from_seed(key, k->pub);
		if (rc == 0)
			rc = p11_import_ed25519(p, key, &k->obj);
	} else {
		rc = p11_import_secret(p, type, key, len, &k->obj);
	}
	pthread_mutex_unlock(&p->lock);
	if (rc != 0) {
		free(k);
		return rc;
	}
	*h = k;
	return 0;
}

/* Ed25519 public value from CKA_EC_POINT: raw 32 octets or DER OCTET STRING. */
static int
p11_read_pub(struct p11_drv *p, CK_OBJECT_HANDLE pub, uint8_t out[32])
{
	uint8_t v[64];
	CK_ATTRIBUTE a = {CKA_EC_POINT, v, sizeof(v)};

	if (p->f->C_GetAttributeValue(p->ctl, pub, &a, 1) != CKR_OK)
		return -EIO;
	if (a.ulValueLen == 32)
		memcpy(out, v, 32);
	else if (a.ulValueLen == 34 && v[0] == 0x04 && v[1] == 32)
		memcpy(out, v + 2, 32);
	else
		return -EIO;
	return 0;
}

static int
p11_gen_ed25519(struct p11_drv *p, const char *label, struct p11_key *k)
{
	CK_MECHANISM m = {CKM_EC_EDWARDS_KEY_PAIR_GEN, NULL, 0};
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE, tok = label != NULL ? CK_TRUE : CK_FALSE;
	CK_ULONG ll = label != NULL ? strlen(label) : 0;
	CK_ATTRIBUTE pt[] = {
		{CKA_TOKEN, &tok, sizeof(tok)},
		{CKA_VERIFY, &yes, sizeof(yes)},
		{CKA_EC_PARAMS, (void *)ed25519_oid, sizeof(ed25519_oid)},
		{CKA_LABEL, (void *)label, ll},
	};
	CK_ATTRIBUTE st[] = {
		{CKA_TOKEN, &tok, sizeof(tok)},	    {CKA_PRIVATE, &yes, sizeof(yes)},
		{CKA_SENSITIVE, &yes, sizeof(yes)}, {CKA_EXTRACTABLE, &no, sizeof(no)},
		{CKA_SIGN, &yes, sizeof(yes)},	    {CKA_LABEL, (void *)label, ll},
	};
	CK_OBJECT_HANDLE pub;
	int rc;

	rc = rv_errno(p->f->C_GenerateKeyPair(p->ctl, &m, pt, label != NULL ? 4 : 3, st,
					      label != NULL ? 6 : 5, &pub, &k->obj));
	if (rc == 0)
		rc = p11_read_pub(p, pub, k->pub);
	if (label == NULL)
		p->f->C_DestroyObject(p->ctl, pub); /* the value is kept in k->pub */
	return rc;
}

static int
p11_gen_secret(struct p11_drv *p, enum agw_secmod_key_type type, const char *label,
	       struct p11_key *k)
{
	CK_MECHANISM m = {type == AGW_SECMOD_KEY_HMAC ? CKM_GENERIC_SECRET_KEY_GEN
						      : CKM_AES_KEY_GEN,
			  NULL, 0};
	CK_ULONG vl = type == AGW_SECMOD_KEY_AES128 || type == AGW_SECMOD_KEY_3GPP128 ? 16 : 32;
	CK_KEY_TYPE kt = p11_key_type(type);
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE, tok = label != NULL ? CK_TRUE : CK_FALSE;
	CK_ATTRIBUTE t[] = {
		{CKA_TOKEN, &tok, sizeof(tok)},
		{CKA_KEY_TYPE, &kt, sizeof(kt)},
		{CKA_VALUE_LEN, &vl, sizeof(vl)},
		{CKA_SENSITIVE, &yes, sizeof(yes)},
		{CKA_EXTRACTABLE, &no, sizeof(no)},
		{CKA_ENCRYPT, &yes, sizeof(yes)},
		{CKA_DECRYPT, &yes, sizeof(yes)},
		{CKA_SIGN, &yes, sizeof(yes)},
		{CKA_PRIVATE, &yes, sizeof(yes)},
		{CKA_LABEL, (void *)label, label != NULL ? strlen(label) : 0},
	};

	return rv_errno(p->f->C_GenerateKey(p->ctl, &m, t, label != NULL ? 10 : 9, &k->obj));
}

static int
p11_key_generate(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label,
		 void **h)
{
	struct p11_drv *p = p11(d);
	struct p11_key *k;
	int rc;

	if (h == NULL || type == 0 || type > AGW_SECMOD_KEY_3GPP128)
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -ENOMEM;
	k->type = (uint8_t)type;
	k->persistent = label != NULL;
	pthread_mutex_lock(&p->lock);
	if (type == AGW_SECMOD_KEY_ED25519)
		rc = p11_gen_ed25519(p, label, k);
	else
		rc = p11_gen_secret(p, type, label, k);
	pthread_mutex_unlock(&p->lock);
	if (rc != 0) {
		free(k);
		return rc;
	}
	*h = k;
	return 0;
}

static int
p11_find_one(struct p11_drv *p, CK_OBJECT_CLASS cls, const char *label, CK_OBJECT_HANDLE *obj)
{
	CK_ATTRIBUTE t[] = {
		{CKA_CLASS, &cls, sizeof(cls)},
		{CKA_LABEL, (void *)label, strlen(label)},
	};
	CK_ULONG n = 0;
	CK_RV rv = p->f->C_FindObjectsInit(p->ctl, t, 2);

	if (rv == CKR_OK) {
		rv = p->f->C_FindObjects(p->ctl, obj, 1, &n);
		p->f->C_FindObjectsFinal(p->ctl);
	}
	if (rv != CKR_OK)
		return -EIO;
	return n == 1 ? 0 : -ENOENT;
}

static int
p11_key_find(struct agw_secmod_drv *d, enum agw_secmod_key_type type, const char *label, void **h)
{
	struct p11_drv *p = p11(d);
	CK_OBJECT_HANDLE pub;
	struct p11_key *k;
	int rc;

	if (label == NULL || h == NULL)
		return -EINVAL;
	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -ENOMEM;
	k->type = (uint8_t)type;
	k->persistent = 1;
	pthread_mutex_lock(&p->lock);
	if (type == AGW_SECMOD_KEY_ED25519) {
		rc = p11_find_one(p, CKO_PRIVATE_KEY, label, &k->obj);
		if (rc == 0)
			rc = p11_find_one(p, CKO_PUBLIC_KEY, label, &pub);
		if (rc == 0)
			rc = p11_read_pub(p, pub, k->pub);
	} else {
		rc = p11_find_one(p, CKO_SECRET_KEY, label, &k->obj);
	}
	pthread_mutex_unlock(&p->lock);
	if (rc != 0) {
		free(k);
		return rc;
	}
	*h = k;
	return 0;
}

static int
p11_key_public(struct agw_secmod_drv *d, void *h, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN])
{
	struct p11_key *k = h;

	(void)d;
	if (k == NULL || k->type != AGW_SECMOD_KEY_ED25519)
		return -EINVAL;
	memcpy(pub, k->pub, AGW_SECMOD_ED25519_PUB_LEN);
	return 0;
}

static void
p11_key_destroy(struct agw_secmod_drv *d, void *h)
{
	struct p11_drv *p = p11(d);
	struct p11_key *k = h;

	if (k == NULL)
		return;
	if (!k->persistent) {
		pthread_mutex_lock(&p->lock);
		p->f->C_DestroyObject(p->ctl, k->obj);
		pthread_mutex_unlock(&p->lock);
	}
	free(k);
}

/* ------------------------------------------------------------------ */
/* Control-path operations                                             */
/* ------------------------------------------------------------------ */

static int
p11_sign_mech(struct p11_drv *p, CK_SESSION_HANDLE s, CK_MECHANISM *m, CK_OBJECT_HANDLE obj,
	      const uint8_t *msg, size_t len, uint8_t *out, CK_ULONG *out_len)
{
	static const uint8_t empty[1];
	CK_RV rv = p->f->C_SignInit(s, m, obj);

	if (rv == CKR_OK)
		rv = p->f->C_Sign(s, (CK_BYTE_PTR)(msg != NULL ? msg : empty), len, out, out_len);
	return rv_errno(rv);
}

static int
p11_sign(struct agw_secmod_drv *d, void *h, const uint8_t *msg, size_t len,
	 uint8_t sig[AGW_SECMOD_ED25519_SIG_LEN])
{
	struct p11_drv *p = p11(d);
	struct p11_key *k = h;
	CK_MECHANISM m = {CKM_EDDSA, NULL, 0};
	CK_ULONG n = AGW_SECMOD_ED25519_SIG_LEN;
	int rc;

	if (k == NULL || k->type != AGW_SECMOD_KEY_ED25519)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	rc = p11_sign_mech(p, p->ctl, &m, k->obj, msg, len, sig, &n);
	pthread_mutex_unlock(&p->lock);
	return rc == 0 && n != AGW_SECMOD_ED25519_SIG_LEN ? -EIO : rc;
}

static int
p11_mac(struct agw_secmod_drv *d, void *h, unsigned int alg, const uint8_t *msg, size_t len,
	uint8_t out[AGW_SECMOD_MAC_MAX])
{
	struct p11_drv *p = p11(d);
	struct p11_key *k = h;
	CK_MECHANISM m = {0, NULL, 0};
	CK_ULONG n = AGW_SECMOD_MAC_MAX;
	int rc;

	if (k == NULL)
		return -EINVAL;
	if (alg == AGW_SECMOD_ALG_HMAC_SHA256 && k->type == AGW_SECMOD_KEY_HMAC)
		m.mechanism = CKM_SHA256_HMAC;
	else if (alg == AGW_SECMOD_ALG_AES_CMAC && k->type == AGW_SECMOD_KEY_AES128)
		m.mechanism = CKM_AES_CMAC;
	else
		return -ENOTSUP;
	pthread_mutex_lock(&p->lock);
	rc = p11_sign_mech(p, p->ctl, &m, k->obj, msg, len, out, &n);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

static int
p11_gcm(struct p11_drv *p, struct p11_key *k, int enc, const uint8_t iv[12], const uint8_t *aad,
	size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag)
{
	CK_GCM_PARAMS gp = {(CK_BYTE_PTR)iv, 12, 96, (CK_BYTE_PTR)aad, aad_len, 128};
	CK_MECHANISM m = {CKM_AES_GCM, &gp, sizeof(gp)};
	uint8_t *buf = malloc(len + 16);
	CK_ULONG n = len + 16;
	CK_RV rv;

	if (buf == NULL)
		return -ENOMEM;
	pthread_mutex_lock(&p->lock);
	if (enc) {
		rv = p->f->C_EncryptInit(p->ctl, &m, k->obj);
		if (rv == CKR_OK)
			rv = p->f->C_Encrypt(p->ctl, (CK_BYTE_PTR)in, len, buf, &n);
	} else {
		memcpy(buf, in, len);
		memcpy(buf + len, tag, 16);
		rv = p->f->C_DecryptInit(p->ctl, &m, k->obj);
		if (rv == CKR_OK)
			rv = p->f->C_Decrypt(p->ctl, buf, len + 16, buf, &n);
	}
	pthread_mutex_unlock(&p->lock);
	if (rv == CKR_OK && n != (enc ? len + 16 : len))
		rv = CKR_GENERAL_ERROR;
	if (rv == CKR_OK) {
		memcpy(out, buf, len);
		if (enc)
			memcpy(tag, buf + len, 16);
	} else if (!enc) {
		agw_memzero(out, len);
	}
	agw_memzero(buf, len + 16);
	free(buf);
	/* SoftHSM reports a wrong tag as CKR_ENCRYPTED_DATA_INVALID */
	return !enc && rv != CKR_OK && rv != CKR_HOST_MEMORY ? -EBADMSG : rv_errno(rv);
}

static int
p11_aead_seal(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	      size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	      uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	struct p11_key *k = h;

	if (k == NULL || (k->type != AGW_SECMOD_KEY_AES128 && k->type != AGW_SECMOD_KEY_AES256))
		return -EINVAL;
	return p11_gcm(p11(d), k, 1, iv, aad, aad_len, in, len, out, tag);
}

static int
p11_aead_open(struct agw_secmod_drv *d, void *h, const uint8_t iv[12], const uint8_t *aad,
	      size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
	      const uint8_t tag[AGW_SECMOD_GCM_TAG_LEN])
{
	struct p11_key *k = h;
	uint8_t t[16];

	if (k == NULL || (k->type != AGW_SECMOD_KEY_AES128 && k->type != AGW_SECMOD_KEY_AES256))
		return -EINVAL;
	memcpy(t, tag, 16);
	return p11_gcm(p11(d), k, 0, iv, aad, aad_len, in, len, out, t);
}

static int
p11_block_encrypt(struct agw_secmod_drv *d, void *h, const uint8_t in[16], uint8_t out[16])
{
	struct p11_drv *p = p11(d);
	struct p11_key *k = h;
	CK_MECHANISM m = {CKM_AES_ECB, NULL, 0};
	CK_ULONG n = 16;
	CK_RV rv;

	if (k == NULL || k->type != AGW_SECMOD_KEY_AES128)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	rv = p->f->C_EncryptInit(p->ctl, &m, k->obj);
	if (rv == CKR_OK)
		rv = p->f->C_Encrypt(p->ctl, (CK_BYTE_PTR)in, 16, out, &n);
	pthread_mutex_unlock(&p->lock);
	return rv == CKR_OK && n != 16 ? -EIO : rv_errno(rv);
}

/* ------------------------------------------------------------------ */
/* Fast path: 128-NEA2 / 128-NIA2                                      */
/* ------------------------------------------------------------------ */

static int
p11_fp_session_create(struct agw_secmod_drv *d, unsigned int alg, const uint8_t key[16],
		      void **sess)
{
	struct p11_drv *p = p11(d);
	struct p11_fp *s;
	int rc;

	if (key == NULL || sess == NULL)
		return -EINVAL;
	if (alg != AGW_SECMOD_ALG_NEA2 && alg != AGW_SECMOD_ALG_NIA2)
		return -ENOTSUP;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->is_nia = alg == AGW_SECMOD_ALG_NIA2;
	pthread_mutex_lock(&p->lock);
	rc = p11_import_secret(p, AGW_SECMOD_KEY_AES128, key, 16, &s->obj);
	pthread_mutex_unlock(&p->lock);
	if (rc != 0) {
		free(s);
		return rc;
	}
	*sess = s;
	return 0;
}

static void
p11_fp_session_free(struct agw_secmod_drv *d, void *sess)
{
	struct p11_drv *p = p11(d);
	struct p11_fp *s = sess;

	if (s == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->f->C_DestroyObject(p->ctl, s->obj);
	pthread_mutex_unlock(&p->lock);
	free(s);
}

/* TS 33.401 B.1.3 / B.2.3: COUNT(32) | BEARER(5) | DIRECTION(1) | 0... */
static void
p11_iv(uint8_t b[16], uint32_t count, uint8_t bearer, uint8_t dir)
{
	memset(b, 0, 16);
	b[0] = (uint8_t)(count >> 24);
	b[1] = (uint8_t)(count >> 16);
	b[2] = (uint8_t)(count >> 8);
	b[3] = (uint8_t)count;
	b[4] = (uint8_t)(bearer << 3 | dir << 2);
}

static uint8_t
p11_nea2(struct p11_drv *p, struct p11_qp *q, const struct p11_fp *s,
	 struct agw_secmod_drv_fp_op *o)
{
	CK_AES_CTR_PARAMS cp = {.ulCounterBits = 64};
	CK_MECHANISM m = {CKM_AES_CTR, &cp, sizeof(cp)};
	CK_ULONG n = P11_BUF;
	CK_RV rv;

	if (o->len > P11_BUF)
		return AGW_SECMOD_FP_INVALID;
	p11_iv(cp.cb, o->count, o->bearer, o->dir);
	rv = p->f->C_EncryptInit(q->s, &m, s->obj);
	if (rv == CKR_OK)
		rv = p->f->C_Encrypt(q->s, o->data, o->len, q->buf, &n);
	if (rv != CKR_OK || n != o->len)
		return AGW_SECMOD_FP_ENGINE_ERR;
	memcpy(o->data, q->buf, o->len);
	agw_memzero(q->buf, o->len);
	return AGW_SECMOD_FP_OK;
}

static uint8_t
p11_nia2(struct p11_drv *p, struct p11_qp *q, const struct p11_fp *s,
	 struct agw_secmod_drv_fp_op *o)
{
	CK_MECHANISM m = {CKM_AES_CMAC, NULL, 0};
	uint8_t mac[16], *msg = o->data - AGW_SECMOD_FP_HEADROOM, iv[16];
	CK_ULONG n = sizeof(mac);
	CK_RV rv;

	p11_iv(iv, o->count, o->bearer, o->dir);
	memcpy(msg, iv, AGW_SECMOD_FP_HEADROOM);
	rv = p->f->C_SignInit(q->s, &m, s->obj);
	if (rv == CKR_OK)
		rv = p->f->C_Sign(q->s, msg, o->len + AGW_SECMOD_FP_HEADROOM, mac, &n);
	if (rv != CKR_OK)
		return AGW_SECMOD_FP_ENGINE_ERR;
	if (o->verify)
		return agw_ct_equal(mac, o->mac, AGW_SECMOD_FP_MAC_LEN) ? AGW_SECMOD_FP_OK
									: AGW_SECMOD_FP_BAD_MAC;
	memcpy(o->mac, mac, AGW_SECMOD_FP_MAC_LEN);
	return AGW_SECMOD_FP_OK;
}

static uint16_t
p11_fp_burst(struct agw_secmod_drv *d, uint16_t qp, struct agw_secmod_drv_fp_op *ops, uint16_t n)
{
	struct p11_drv *p = p11(d);
	uint16_t ok = 0;

	if (qp >= d->nb_qp)
		return 0;
	for (uint16_t i = 0; i < n; i++) {
		const struct p11_fp *s = ops[i].sess;

		ops[i].status = s->is_nia ? p11_nia2(p, &p->qp[qp], s, &ops[i])
					  : p11_nea2(p, &p->qp[qp], s, &ops[i]);
		ok += ops[i].status == AGW_SECMOD_FP_OK;
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* Module loading, token, create / free                                */
/* ------------------------------------------------------------------ */

static int
p11_load(const char *module, void **dl, CK_FUNCTION_LIST_PTR *f)
{
	CK_C_GetFunctionList gfl;

	*dl = dlopen(module, RTLD_NOW | RTLD_LOCAL);
	if (*dl == NULL)
		return -ENOENT;
	gfl = (CK_C_GetFunctionList)dlsym(*dl, "C_GetFunctionList");
	if (gfl == NULL || gfl(f) != CKR_OK) {
		dlclose(*dl);
		*dl = NULL;
		return -ENOENT;
	}
	return 0;
}

static void
label32(uint8_t out[32], const char *label)
{
	size_t n = strlen(label);

	memset(out, ' ', 32);
	memcpy(out, label, n < 32 ? n : 32);
}

/* Slot whose token has @p label (initialised), or a free one (NULL). */
static int
p11_slot(CK_FUNCTION_LIST_PTR f, const char *label, CK_SLOT_ID *slot)
{
	CK_SLOT_ID ids[64];
	CK_ULONG n = 64;
	uint8_t want[32];

	if (f->C_GetSlotList(CK_TRUE, ids, &n) != CKR_OK)
		return -EIO;
	if (label != NULL)
		label32(want, label);
	for (CK_ULONG i = 0; i < n; i++) {
		CK_TOKEN_INFO ti;

		if (f->C_GetTokenInfo(ids[i], &ti) != CKR_OK)
			continue;
		if (label == NULL ? !(ti.flags & CKF_TOKEN_INITIALIZED)
				  : ((ti.flags & CKF_TOKEN_INITIALIZED) &&
				     memcmp(ti.label, want, 32) == 0)) {
			*slot = ids[i];
			return 0;
		}
	}
	return -ENOENT;
}

int
agw_secmod_pkcs11_init_token(const char *module, const char *label, const char *so_pin,
			     const char *user_pin)
{
	CK_FUNCTION_LIST_PTR f;
	CK_SESSION_HANDLE s;
	CK_SLOT_ID slot;
	uint8_t l[32];
	void *dl;
	CK_RV rv;
	int rc;

	if (module == NULL || label == NULL || so_pin == NULL || user_pin == NULL)
		return -EINVAL;
	rc = p11_load(module, &dl, &f);
	if (rc != 0)
		return rc;
	rv = f->C_Initialize(NULL);
	if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
		dlclose(dl);
		return -EIO;
	}
	label32(l, label);
	rc = p11_slot(f, NULL, &slot);
	if (rc == 0 && f->C_InitToken(slot, (CK_UTF8CHAR_PTR)so_pin, strlen(so_pin), l) != CKR_OK)
		rc = -EIO;
	if (rc == 0)
		rc = p11_slot(f, label, &slot); /* SoftHSM2 renumbers the slot */
	if (rc == 0 &&
	    f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s) != CKR_OK)
		rc = -EIO;
	if (rc == 0) {
		if (f->C_Login(s, CKU_SO, (CK_UTF8CHAR_PTR)so_pin, strlen(so_pin)) != CKR_OK ||
		    f->C_InitPIN(s, (CK_UTF8CHAR_PTR)user_pin, strlen(user_pin)) != CKR_OK)
			rc = -EIO;
		f->C_Logout(s);
		f->C_CloseSession(s);
	}
	f->C_Finalize(NULL);
	dlclose(dl);
	return rc;
}

static int
p11_has_mech(CK_FUNCTION_LIST_PTR f, CK_SLOT_ID slot, CK_MECHANISM_TYPE m)
{
	CK_MECHANISM_INFO mi;

	return f->C_GetMechanismInfo(slot, m, &mi) == CKR_OK;
}

static uint32_t
p11_algs(struct p11_drv *p)
{
	uint32_t a = 0;

	if (p11_has_mech(p->f, p->slot, CKM_AES_ECB))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_5G_AKA);
	if (p11_has_mech(p->f, p->slot, CKM_EDDSA))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_QUOTE_ED25519) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_JWS_EDDSA);
	if (p11_has_mech(p->f, p->slot, CKM_SHA256_HMAC))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_JWS_HS256) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_HMAC_SHA256);
	if (p11_has_mech(p->f, p->slot, CKM_AES_GCM))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES128_GCM) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES256_GCM);
	if (p11_has_mech(p->f, p->slot, CKM_AES_CMAC))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES_CMAC) |
		     AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_NIA2);
	if (p11_has_mech(p->f, p->slot, CKM_AES_CTR))
		a |= AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_NEA2);
	return a;
}

static void
p11_free(struct agw_secmod_drv *d)
{
	struct p11_drv *p = p11(d);

	if (p->f != NULL) {
		p->f->C_CloseAllSessions(p->slot);
		p->f->C_Finalize(NULL);
	}
	/* The module stays mapped (no dlclose): modules may keep threads or
	 * atexit handlers, and leak reports stay attributable to them. */
	free(p->qp);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

static const struct agw_secmod_drv_ops p11_ops = {
	.name = "pkcs11",
	.key_import = p11_key_import,
	.key_generate = p11_key_generate,
	.key_find = p11_key_find,
	.key_public = p11_key_public,
	.key_destroy = p11_key_destroy,
	.sign = p11_sign,
	.mac = p11_mac,
	.aead_seal = p11_aead_seal,
	.aead_open = p11_aead_open,
	.block_encrypt = p11_block_encrypt,
	.fp_session_create = p11_fp_session_create,
	.fp_session_free = p11_fp_session_free,
	.fp_burst = p11_fp_burst,
	.free = p11_free,
};

static int
p11_open(struct p11_drv *p, const struct agw_secmod_pkcs11_conf *conf)
{
	CK_C_INITIALIZE_ARGS args = {.flags = CKF_OS_LOCKING_OK};
	CK_FLAGS fl = CKF_SERIAL_SESSION | CKF_RW_SESSION;
	CK_RV rv;
	int rc;

	rc = p11_load(conf->module, &p->dl, &p->f);
	if (rc != 0)
		return rc;
	rv = p->f->C_Initialize(&args);
	if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
		p->f = NULL;
		return -EIO;
	}
	rc = p11_slot(p->f, conf->token, &p->slot);
	if (rc != 0)
		return rc;
	if (p->f->C_OpenSession(p->slot, fl, NULL, NULL, &p->ctl) != CKR_OK)
		return -EIO;
	rv = p->f->C_Login(p->ctl, CKU_USER, (CK_UTF8CHAR_PTR)conf->user_pin,
			   strlen(conf->user_pin));
	if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
		return -EACCES;
	for (uint16_t i = 0; i < conf->nb_qp; i++)
		if (p->f->C_OpenSession(p->slot, fl, NULL, NULL, &p->qp[i].s) != CKR_OK)
			return -EIO;
	p->base.algs = p11_algs(p);
	if ((p->base.algs & AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES128_GCM)) == 0 ||
	    (p->base.algs & AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_AES_CMAC)) == 0 ||
	    (p->base.algs & AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_HMAC_SHA256)) == 0 ||
	    (p->base.algs & AGW_SECMOD_ALG_BIT(AGW_SECMOD_ALG_5G_AKA)) == 0)
		return -ENOTSUP;
	return 0;
}

struct agw_secmod_drv *
agw_secmod_pkcs11_create(const struct agw_secmod_pkcs11_conf *conf)
{
	struct p11_drv *p;
	int rc;

	if (conf == NULL || conf->module == NULL || conf->token == NULL || conf->user_pin == NULL ||
	    conf->nb_qp == 0) {
		errno = EINVAL;
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (p != NULL)
		p->qp = calloc(conf->nb_qp, sizeof(*p->qp));
	if (p == NULL || p->qp == NULL) {
		free(p);
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	p->base.ops = &p11_ops;
	p->base.nb_qp = conf->nb_qp;
	rc = p11_open(p, conf);
	if (rc != 0) {
		p11_free(&p->base);
		errno = -rc;
		return NULL;
	}
	return &p->base;
}
