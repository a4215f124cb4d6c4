/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Store records: checks and the versioned encodings.
 *
 * Encodings, version 1 (after the 4-octet header kind | version | 0 | 0;
 * str8 = 1-octet length + octets, str16 = 2-octet length + octets, integers
 * big-endian):
 *
 *   SUB     str8 supi, K (16), OPc (16), AMF (2), nia_mask (1), nea_mask (1),
 *           flags (1), str8 rid, n_rules (1), then per rule: domain (1),
 *           scope (1), sst (1), sd (3), str8 dnn, ssi flags (1), n (1),
 *           n x (code, attr)
 *   SQN     str8 supi, ind_bits (1), sqn_hi (6)
 *   AKMA    str16 akid, str8 supi, key_kind (1), key (32), expiry (8)
 *   PRUK    str16 id, str8 supi, CP-PRUK (32), valid_until (8), rsc (3)
 *   POLICY  str16 id, version (4), length (4), blob
 *   UECTX   str8 supi, length (4), blob
 *
 * Every record carries its own key, so a record is self-describing and the
 * core checks it against the key it was found under.
 *
 * A new version: add the layout here (decoders keep every older version),
 * bump AGW_STORE_ENC_VERSION, and the encoders write the new one.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_store.h"
#include "agw_util.h"
#include "store_priv.h"

#define HDR_LEN 4

/* ---------------------------------------------------------------------- */
/* Checks                                                                  */

static int
is_graph(int c)
{
	return c > 0x20 && c < 0x7f;
}

/* NUL-terminated within cap, 1..cap-1 characters, all printable non-space. */
int
agw_store__id_check(const char *id, size_t cap)
{
	size_t n = strnlen(id, cap);

	if (n == 0 || n == cap)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!is_graph((unsigned char)id[i]))
			return -EINVAL;
	return 0;
}

int
agw_store_supi_check(const char *supi)
{
	size_t n;

	if (supi == NULL)
		return -EINVAL;
	n = strnlen(supi, AGW_STORE_SUPI_MAX);
	if (n == AGW_STORE_SUPI_MAX)
		return -EINVAL;
	if (strncmp(supi, "imsi-", 5) == 0) {
		if (n < 5 + 5 || n > 5 + 15)
			return -EINVAL;
		for (size_t i = 5; i < n; i++)
			if (supi[i] < '0' || supi[i] > '9')
				return -EINVAL;
		return 0;
	}
	if (strncmp(supi, "nai-", 4) == 0 && n > 4)
		return agw_store__id_check(supi + 4, AGW_STORE_SUPI_MAX - 4);
	return -EINVAL;
}

/* seed 000 §6.3 validation rules for one identifier of @p domain. */
static int
ssi_check(const struct agw_store_ssi *ssi, uint8_t domain)
{
	uint8_t i, j, c;

	if (ssi->n > AGW_STORE_SSI_ENTRIES_MAX)
		return -EINVAL;
	for (i = 0; i < ssi->n; i++) {
		c = ssi->e[i].code;
		if (c == 0x00 || (c > AGW_STORE_SSP_INDEP_SM && c < 0xf0))
			return -EINVAL; /* reserved */
		if (domain == AGW_STORE_SSI_MM && c >= AGW_STORE_SSP_USERAUTH &&
		    c <= AGW_STORE_SSP_INDEP_SM)
			return -EINVAL; /* SM-only procedure in the MM domain */
		for (j = 0; j < i; j++)
			if (ssi->e[j].code == c)
				return -EINVAL; /* duplicate code */
	}
	return 0;
}

static int
rule_check(const struct agw_store_ssi_rule *r)
{
	size_t n;

	if (r->domain > AGW_STORE_SSI_SM)
		return -EINVAL;
	if (r->scope & ~(AGW_STORE_SCOPE_SST | AGW_STORE_SCOPE_SD | AGW_STORE_SCOPE_DNN))
		return -EINVAL;
	if ((r->scope & AGW_STORE_SCOPE_SD) && !(r->scope & AGW_STORE_SCOPE_SST))
		return -EINVAL;
	if (!(r->scope & AGW_STORE_SCOPE_SST) && r->sst != 0)
		return -EINVAL;
	if (r->sd > 0xffffff || (!(r->scope & AGW_STORE_SCOPE_SD) && r->sd != 0))
		return -EINVAL;
	n = strnlen(r->dnn, AGW_STORE_DNN_MAX);
	if (r->scope & AGW_STORE_SCOPE_DNN) {
		if (r->domain != AGW_STORE_SSI_SM) /* MM has no DNN */
			return -EINVAL;
		if (agw_store__id_check(r->dnn, AGW_STORE_DNN_MAX) != 0)
			return -EINVAL;
	} else if (n != 0) {
		return -EINVAL;
	}
	return ssi_check(&r->ssi, r->domain);
}

static int
rule_same_key(const struct agw_store_ssi_rule *a, const struct agw_store_ssi_rule *b)
{
	return a->domain == b->domain && a->scope == b->scope && a->sst == b->sst &&
	       a->sd == b->sd && strcmp(a->dnn, b->dnn) == 0;
}

int
agw_store_sub_check(const struct agw_store_sub *sub)
{
	size_t n;

	if (sub == NULL || agw_store_supi_check(sub->supi) != 0)
		return -EINVAL;
	if (sub->sqn > AGW_STORE_SQN_MAX || sub->ind_bits > AGW_STORE_IND_BITS_MAX)
		return -EINVAL;
	if (sub->nia_mask == 0 || sub->nea_mask == 0)
		return -EINVAL;
	if (sub->flags & ~(AGW_STORE_SUB_F_AKMA | AGW_STORE_SUB_F_PROSE))
		return -EINVAL;
	n = strnlen(sub->rid, AGW_STORE_RID_MAX);
	if (n == 0 || n == AGW_STORE_RID_MAX)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (sub->rid[i] < '0' || sub->rid[i] > '9')
			return -EINVAL;
	if (sub->n_ssi > AGW_STORE_SSI_RULES_MAX)
		return -EINVAL;
	for (uint8_t i = 0; i < sub->n_ssi; i++) {
		if (rule_check(&sub->ssi[i]) != 0)
			return -EINVAL;
		for (uint8_t j = 0; j < i; j++)
			if (rule_same_key(&sub->ssi[i], &sub->ssi[j]))
				return -EINVAL;
	}
	return 0;
}

static int
sqn_check(const struct agw_store_sqn *q)
{
	if (agw_store_supi_check(q->supi) != 0 || q->ind_bits > AGW_STORE_IND_BITS_MAX ||
	    q->sqn_hi > AGW_STORE_SQN_MAX)
		return -EINVAL;
	return 0;
}

static int
akma_check(const struct agw_store_akma *a)
{
	if (agw_store__id_check(a->akid, AGW_STORE_ID_MAX) != 0 ||
	    agw_store_supi_check(a->supi) != 0)
		return -EINVAL;
	if (a->key_kind != AGW_STORE_AKMA_KAUSF && a->key_kind != AGW_STORE_AKMA_KAKMA)
		return -EINVAL;
	return 0;
}

static int
pruk_check(const struct agw_store_pruk *p)
{
	if (agw_store__id_check(p->id, AGW_STORE_ID_MAX) != 0 || agw_store_supi_check(p->supi) != 0)
		return -EINVAL;
	if (p->rsc > 0xffffff)
		return -EINVAL;
	return 0;
}

static int
blob_check(const uint8_t *data, uint32_t len)
{
	if (len > AGW_STORE_BLOB_MAX || (len != 0 && data == NULL))
		return -EINVAL;
	return 0;
}

void
agw_store_sub_clear(struct agw_store_sub *sub)
{
	agw_memzero(sub, sizeof(*sub));
}

void
agw_store_sub_init(struct agw_store_sub *sub)
{
	if (sub == NULL)
		return;
	agw_memzero(sub, sizeof(*sub));
	sub->ind_bits = AGW_STORE_IND_BITS_DEFAULT;
	sub->amf[0] = 0x80;
	sub->nia_mask = 0x0e; /* NIA1, NIA2, NIA3 */
	sub->nea_mask = 0x0f; /* NEA0 .. NEA3 */
	sub->rid[0] = '0';
}

/* ---------------------------------------------------------------------- */
/* Encoding                                                                */

struct wr {
	uint8_t *p;
	size_t cap;
	size_t n;
	int err;
};

static void
w_bytes(struct wr *w, const void *b, size_t n)
{
	if (w->err)
		return;
	if (w->cap - w->n < n) {
		w->err = -EMSGSIZE;
		return;
	}
	if (n != 0)
		memcpy(w->p + w->n, b, n);
	w->n += n;
}

static void
w_uint(struct wr *w, uint64_t v, unsigned int octets)
{
	uint8_t b[8];

	for (unsigned int i = 0; i < octets; i++)
		b[i] = (uint8_t)(v >> (8 * (octets - 1 - i)));
	w_bytes(w, b, octets);
}

static void
w_str(struct wr *w, const char *s, size_t cap, unsigned int len_octets)
{
	size_t n = strnlen(s, cap);

	w_uint(w, n, len_octets);
	w_bytes(w, s, n);
}

struct rd {
	const uint8_t *p;
	size_t len;
	size_t n;
	int err;
};

static const uint8_t *
r_bytes(struct rd *r, size_t n)
{
	const uint8_t *p;

	if (r->err)
		return NULL;
	if (r->len - r->n < n) {
		r->err = -EBADMSG;
		return NULL;
	}
	p = r->p + r->n;
	r->n += n;
	return p;
}

static void
r_copy(struct rd *r, void *out, size_t n)
{
	const uint8_t *p = r_bytes(r, n);

	if (p != NULL)
		memcpy(out, p, n);
}

static uint64_t
r_uint(struct rd *r, unsigned int octets)
{
	const uint8_t *p = r_bytes(r, octets);
	uint64_t v = 0;

	if (p == NULL)
		return 0;
	for (unsigned int i = 0; i < octets; i++)
		v = (v << 8) | p[i];
	return v;
}

/* A string of 0..cap-1 octets without NUL. */
static void
r_str(struct rd *r, char *out, size_t cap, unsigned int len_octets)
{
	size_t n = (size_t)r_uint(r, len_octets);
	const uint8_t *p;

	if (r->err)
		return;
	if (n >= cap) {
		r->err = -EBADMSG;
		return;
	}
	p = r_bytes(r, n);
	if (p == NULL)
		return;
	if (memchr(p, 0, n) != NULL) {
		r->err = -EBADMSG;
		return;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

static void
enc_sub(struct wr *w, const struct agw_store_sub *s)
{
	w_str(w, s->supi, AGW_STORE_SUPI_MAX, 1);
	w_bytes(w, s->k, sizeof(s->k));
	w_bytes(w, s->opc, sizeof(s->opc));
	w_bytes(w, s->amf, sizeof(s->amf));
	w_uint(w, s->nia_mask, 1);
	w_uint(w, s->nea_mask, 1);
	w_uint(w, s->flags, 1);
	w_str(w, s->rid, AGW_STORE_RID_MAX, 1);
	w_uint(w, s->n_ssi, 1);
	for (uint8_t i = 0; i < s->n_ssi; i++) {
		const struct agw_store_ssi_rule *r = &s->ssi[i];

		w_uint(w, r->domain, 1);
		w_uint(w, r->scope, 1);
		w_uint(w, r->sst, 1);
		w_uint(w, r->sd, 3);
		w_str(w, r->dnn, AGW_STORE_DNN_MAX, 1);
		w_uint(w, r->ssi.flags, 1);
		w_uint(w, r->ssi.n, 1);
		for (uint8_t j = 0; j < r->ssi.n; j++) {
			w_uint(w, r->ssi.e[j].code, 1);
			w_uint(w, r->ssi.e[j].attr, 1);
		}
	}
}

static void
dec_sub(struct rd *r, struct agw_store_sub *s)
{
	r_str(r, s->supi, AGW_STORE_SUPI_MAX, 1);
	r_copy(r, s->k, sizeof(s->k));
	r_copy(r, s->opc, sizeof(s->opc));
	r_copy(r, s->amf, sizeof(s->amf));
	s->nia_mask = (uint8_t)r_uint(r, 1);
	s->nea_mask = (uint8_t)r_uint(r, 1);
	s->flags = (uint8_t)r_uint(r, 1);
	r_str(r, s->rid, AGW_STORE_RID_MAX, 1);
	s->n_ssi = (uint8_t)r_uint(r, 1);
	if (s->n_ssi > AGW_STORE_SSI_RULES_MAX) {
		r->err = r->err ? r->err : -EBADMSG;
		return;
	}
	for (uint8_t i = 0; i < s->n_ssi && !r->err; i++) {
		struct agw_store_ssi_rule *q = &s->ssi[i];

		q->domain = (uint8_t)r_uint(r, 1);
		q->scope = (uint8_t)r_uint(r, 1);
		q->sst = (uint8_t)r_uint(r, 1);
		q->sd = (uint32_t)r_uint(r, 3);
		r_str(r, q->dnn, AGW_STORE_DNN_MAX, 1);
		q->ssi.flags = (uint8_t)r_uint(r, 1);
		q->ssi.n = (uint8_t)r_uint(r, 1);
		if (q->ssi.n > AGW_STORE_SSI_ENTRIES_MAX) {
			r->err = r->err ? r->err : -EBADMSG;
			return;
		}
		for (uint8_t j = 0; j < q->ssi.n; j++) {
			q->ssi.e[j].code = (uint8_t)r_uint(r, 1);
			q->ssi.e[j].attr = (uint8_t)r_uint(r, 1);
		}
	}
}

int
agw_store__rec_check(enum agw_store_kind kind, const void *rec)
{
	switch (kind) {
	case AGW_STORE_SUB:
		return agw_store_sub_check(rec);
	case AGW_STORE_SQN:
		return sqn_check(rec);
	case AGW_STORE_AKMA:
		return akma_check(rec);
	case AGW_STORE_PRUK:
		return pruk_check(rec);
	case AGW_STORE_POLICY: {
		const struct agw_store_policy *p = rec;

		if (agw_store__id_check(p->id, AGW_STORE_ID_MAX) != 0)
			return -EINVAL;
		return blob_check(p->data, p->len);
	}
	case AGW_STORE_UECTX: {
		const struct agw_store_uectx *u = rec;

		if (agw_store_supi_check(u->supi) != 0)
			return -EINVAL;
		return blob_check(u->data, u->len);
	}
	default:
		return -EINVAL;
	}
}

long
agw_store_encode(enum agw_store_kind kind, const void *rec, uint8_t *buf, size_t cap)
{
	struct wr w = {.p = buf, .cap = cap};

	if (rec == NULL || buf == NULL || agw_store__rec_check(kind, rec) != 0)
		return -EINVAL;
	w_uint(&w, kind, 1);
	w_uint(&w, AGW_STORE_ENC_VERSION, 1);
	w_uint(&w, 0, 2);
	switch (kind) {
	case AGW_STORE_SUB:
		enc_sub(&w, rec);
		break;
	case AGW_STORE_SQN: {
		const struct agw_store_sqn *q = rec;

		w_str(&w, q->supi, AGW_STORE_SUPI_MAX, 1);
		w_uint(&w, q->ind_bits, 1);
		w_uint(&w, q->sqn_hi, 6);
		break;
	}
	case AGW_STORE_AKMA: {
		const struct agw_store_akma *a = rec;

		w_str(&w, a->akid, AGW_STORE_ID_MAX, 2);
		w_str(&w, a->supi, AGW_STORE_SUPI_MAX, 1);
		w_uint(&w, a->key_kind, 1);
		w_bytes(&w, a->key, sizeof(a->key));
		w_uint(&w, a->expiry, 8);
		break;
	}
	case AGW_STORE_PRUK: {
		const struct agw_store_pruk *p = rec;

		w_str(&w, p->id, AGW_STORE_ID_MAX, 2);
		w_str(&w, p->supi, AGW_STORE_SUPI_MAX, 1);
		w_bytes(&w, p->pruk, sizeof(p->pruk));
		w_uint(&w, p->valid_until, 8);
		w_uint(&w, p->rsc, 3);
		break;
	}
	case AGW_STORE_POLICY: {
		const struct agw_store_policy *p = rec;

		w_str(&w, p->id, AGW_STORE_ID_MAX, 2);
		w_uint(&w, p->version, 4);
		w_uint(&w, p->len, 4);
		w_bytes(&w, p->data, p->len);
		break;
	}
	case AGW_STORE_UECTX: {
		const struct agw_store_uectx *u = rec;

		w_str(&w, u->supi, AGW_STORE_SUPI_MAX, 1);
		w_uint(&w, u->len, 4);
		w_bytes(&w, u->data, u->len);
		break;
	}
	default:
		return -EINVAL;
	}
	if (w.err) {
		agw_memzero(buf, w.n);
		return w.err;
	}
	return (long)w.n;
}

static size_t
rec_size(enum agw_store_kind kind)
{
	switch (kind) {
	case AGW_STORE_SUB:
		return sizeof(struct agw_store_sub);
	case AGW_STORE_SQN:
		return sizeof(struct agw_store_sqn);
	case AGW_STORE_AKMA:
		return sizeof(struct agw_store_akma);
	case AGW_STORE_PRUK:
		return sizeof(struct agw_store_pruk);
	default:
		return 0;
	}
}

/* Blob: read length, check against cap, copy. */
static int
dec_blob(struct rd *r, uint8_t *data, uint32_t cap, uint32_t *len)
{
	uint32_t n = (uint32_t)r_uint(r, 4);

	if (r->err)
		return r->err;
	if (n > AGW_STORE_BLOB_MAX || r->len - r->n < n)
		return -EBADMSG;
	*len = n;
	if (n > cap || (n != 0 && data == NULL))
		return -EMSGSIZE;
	r_copy(r, data, n);
	return r->err;
}

/* Zeroise a record (blob kinds: the blob buffer, and the fields but the buffer's). */
static void
rec_wipe(enum agw_store_kind kind, void *rec)
{
	if (rec_size(kind) != 0) {
		agw_memzero(rec, rec_size(kind));
	} else if (kind == AGW_STORE_UECTX) {
		struct agw_store_uectx *u = rec;

		agw_memzero(u->data, u->cap);
		agw_memzero(u->supi, sizeof(u->supi));
		u->len = 0;
	} else {
		struct agw_store_policy *p = rec;

		agw_memzero(p->data, p->cap);
		agw_memzero(p->id, sizeof(p->id));
		p->version = 0;
		p->len = 0;
	}
}

int
agw_store_decode(enum agw_store_kind kind, const uint8_t *buf, size_t len, void *rec)
{
	struct rd r = {.p = buf, .len = len};
	int rc;

	if (buf == NULL || rec == NULL || kind < AGW_STORE_SUB || kind >= AGW_STORE_KIND_MAX)
		return -EINVAL;
	if (rec_size(kind) != 0)
		memset(rec, 0, rec_size(kind));
	if (len < HDR_LEN || buf[0] != kind)
		return -EBADMSG;
	if (buf[1] != AGW_STORE_ENC_VERSION)
		return -EPROTO;
	r.n = HDR_LEN;
	switch (kind) {
	case AGW_STORE_SUB:
		dec_sub(&r, rec);
		break;
	case AGW_STORE_SQN: {
		struct agw_store_sqn *q = rec;

		r_str(&r, q->supi, AGW_STORE_SUPI_MAX, 1);
		q->ind_bits = (uint8_t)r_uint(&r, 1);
		q->sqn_hi = r_uint(&r, 6);
		break;
	}
	case AGW_STORE_AKMA: {
		struct agw_store_akma *a = rec;

		r_str(&r, a->akid, AGW_STORE_ID_MAX, 2);
		r_str(&r, a->supi, AGW_STORE_SUPI_MAX, 1);
		a->key_kind = (uint8_t)r_uint(&r, 1);
		r_copy(&r, a->key, sizeof(a->key));
		a->expiry = r_uint(&r, 8);
		break;
	}
	case AGW_STORE_PRUK: {
		struct agw_store_pruk *p = rec;

		r_str(&r, p->id, AGW_STORE_ID_MAX, 2);
		r_str(&r, p->supi, AGW_STORE_SUPI_MAX, 1);
		r_copy(&r, p->pruk, sizeof(p->pruk));
		p->valid_until = r_uint(&r, 8);
		p->rsc = (uint32_t)r_uint(&r, 3);
		break;
	}
	case AGW_STORE_POLICY: {
		struct agw_store_policy *p = rec;

		memset(p->id, 0, sizeof(p->id));
		p->version = 0;
		p->len = 0;
		r_str(&r, p->id, AGW_STORE_ID_MAX, 2);
		p->version = (uint32_t)r_uint(&r, 4);
		rc = dec_blob(&r, p->data, p->cap, &p->len);
		if (rc == -EMSGSIZE)
			return rc;
		if (rc != 0)
			goto bad;
		break;
	}
	case AGW_STORE_UECTX: {
		struct agw_store_uectx *u = rec;

		memset(u->supi, 0, sizeof(u->supi));
		u->len = 0;
		r_str(&r, u->supi, AGW_STORE_SUPI_MAX, 1);
		rc = dec_blob(&r, u->data, u->cap, &u->len);
		if (rc == -EMSGSIZE)
			return rc;
		if (rc != 0)
			goto bad;
		break;
	}
	default:
		return -EINVAL;
	}
	if (r.err || r.n != r.len)
		goto bad;
	/* Fields out of range: corrupt (sqn and ind_bits of SUB live elsewhere). */
	if (agw_store__rec_check(kind, rec) != 0)
		goto bad;
	return 0;
bad:
	rec_wipe(kind, rec);
	return -EBADMSG;
}

static const char *
rec_key(enum agw_store_kind kind, const void *rec)
{
	switch (kind) {
	case AGW_STORE_SUB:
		return ((const struct agw_store_sub *)rec)->supi;
	case AGW_STORE_SQN:
		return ((const struct agw_store_sqn *)rec)->supi;
	case AGW_STORE_AKMA:
		return ((const struct agw_store_akma *)rec)->akid;
	case AGW_STORE_PRUK:
		return ((const struct agw_store_pruk *)rec)->id;
	case AGW_STORE_POLICY:
		return ((const struct agw_store_policy *)rec)->id;
	default:
		return ((const struct agw_store_uectx *)rec)->supi;
	}
}

int
agw_store__decode_key(enum agw_store_kind kind, const uint8_t *buf, size_t len, const void *key,
		      size_t klen, void *rec)
{
	const char *k;
	int rc = agw_store_decode(kind, buf, len, rec);

	if (rc != 0)
		return rc;
	k = rec_key(kind, rec);
	if (strlen(k) != klen || memcmp(k, key, klen) != 0) {
		rec_wipe(kind, rec);
		return -EBADMSG;
	}
	return 0;
}
