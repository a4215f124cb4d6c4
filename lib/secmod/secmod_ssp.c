/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * SSP, the module-to-module message format (spec/003 6.4, PROPOSAL):
 *
 *   ver(1) type(1) flags(2) txn(4) from(4) to(4) pol_ver(4) tlv_len(2) rsvd(2)
 *   TLV*: type(2) len(2) value, big-endian
 *
 * The last TLV is T_MAC (HMAC-SHA-256 under the pair's policy message key,
 * truncated to 16 octets) or, for negotiation and votes, T_SIG (Ed25519 by
 * the sending module's identity key); it covers every octet before it.
 * Decoding refuses unknown types, duplicates, wrong lengths, trailing
 * octets and anything after the MAC or signature.
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

/* Length rule per TLV: exact length, or 0 with a maximum. */
static const struct {
	uint16_t exact;
	uint16_t max;
} tlv_len_rule[T_MAX] = {
	[T_CAUSE] = {2, 0},
	[T_NODE] = {4, 0},
	[T_NODE2] = {4, 0},
	[T_RAND] = {16, 0},
	[T_AUTN] = {16, 0},
	[T_RES] = {16, 0},
	[T_CHALLENGE] = {32, 0},
	[T_LAYER] = {1, 0},
	[T_EVIDENCE] = {0, SM_EVIDENCE_MAX},
	[T_RV] = {AGW_SECMOD_LAYERS * 32, 0},
	[T_NAME] = {0, AGW_SECMOD_NAME_MAX - 1},
	[T_TOKEN] = {0, SM_TOKEN_MAX - 1},
	[T_NONCE] = {32, 0},
	[T_PROOF] = {65, 0},
	[T_DIGEST] = {32, 0},
	[T_SERVICES] = {4, 0},
	[T_PREFS] = {0, 2 * AGW_SECMOD_CLS_MAX + AGW_SECMOD_CLS_MAX *AGW_SECMOD_ALG_MAX},
	[T_ALGS] = {AGW_SECMOD_CLS_MAX, 0},
	[T_LIFETIME] = {4, 0},
	[T_X25519] = {32, 0},
	[T_KEYS] = {32 + 32 + SM_ZK_PUB_LEN, 0},
	[T_SIG] = {64, 0},
	[T_MAC] = {SM_MSG_MAC_LEN, 0},
};

static int
tlv_len_ok(uint16_t t, uint16_t l)
{
	if (tlv_len_rule[t].exact != 0)
		return l == tlv_len_rule[t].exact;
	return l >= 1 && l <= tlv_len_rule[t].max;
}

static int
ssp_decode_hdr(const uint8_t *b, size_t len, struct ssp_hdr *h)
{
	if (len < SSP_HDR_LEN)
		return -EBADMSG;
	h->ver = b[0];
	h->type = b[1];
	h->flags = (uint16_t)(b[2] << 8 | b[3]);
	h->txn = sm_rd32(b + 4);
	h->from = sm_rd32(b + 8);
	h->to = sm_rd32(b + 12);
	h->pol_ver = sm_rd32(b + 16);
	h->tlv_len = (uint16_t)(b[20] << 8 | b[21]);
	if (h->ver != SSP_VERSION || h->type == 0 || h->type >= SSP_TYPE_MAX || h->from == 0 ||
	    h->to == 0 || (size_t)h->tlv_len + SSP_HDR_LEN != len)
		return -EBADMSG;
	return 0;
}

int
ssp_decode(const uint8_t *buf, size_t len, struct ssp_msg *m)
{
	size_t off = SSP_HDR_LEN;

	memset(m, 0, sizeof(*m));
	if (buf == NULL || len > SM_MSG_MAX || ssp_decode_hdr(buf, len, &m->h) != 0)
		return -EBADMSG;
	m->raw = buf;
	while (off < len) {
		uint16_t t, l;

		if (m->v[T_MAC] != NULL || m->v[T_SIG] != NULL || len - off < 4)
			return -EBADMSG; /* data after the MAC, or a torn TLV */
		t = (uint16_t)(buf[off] << 8 | buf[off + 1]);
		l = (uint16_t)(buf[off + 2] << 8 | buf[off + 3]);
		if (t == 0 || t >= T_MAX || m->v[t] != NULL || len - off - 4 < l ||
		    !tlv_len_ok(t, l))
			return -EBADMSG;
		if (t == T_MAC || t == T_SIG)
			m->auth_len = off;
		m->v[t] = buf + off + 4;
		m->l[t] = l;
		off += 4 + (size_t)l;
	}
	if (m->auth_len == 0)
		return -EBADMSG; /* every message is authenticated */
	return 0;
}

void
ssp_begin(struct ssp_writer *w, uint8_t type, uint32_t txn, uint32_t from, uint32_t to,
	  uint32_t pol_ver)
{
	uint8_t *b = w->buf;

	memset(b, 0, SSP_HDR_LEN);
	b[0] = SSP_VERSION;
	b[1] = type;
	sm_be32(b + 4, txn);
	sm_be32(b + 8, from);
	sm_be32(b + 12, to);
	sm_be32(b + 16, pol_ver);
	w->len = SSP_HDR_LEN;
	w->err = 0;
}

static void
ssp_set_tlv_len(struct ssp_writer *w, size_t total)
{
	size_t tl = total - SSP_HDR_LEN;

	w->buf[20] = (uint8_t)(tl >> 8);
	w->buf[21] = (uint8_t)tl;
}

void
ssp_put(struct ssp_writer *w, uint16_t t, const void *v, size_t l)
{
	uint8_t *p;

	if (w->err != 0 || l > 0xffff || w->len + 4 + l > sizeof(w->buf)) {
		w->err = -ENOSPC;
		return;
	}
	p = w->buf + w->len;
	p[0] = (uint8_t)(t >> 8);
	p[1] = (uint8_t)t;
	p[2] = (uint8_t)(l >> 8);
	p[3] = (uint8_t)l;
	if (l != 0)
		memcpy(p + 4, v, l);
	w->len += 4 + l;
}

void
ssp_put_u8(struct ssp_writer *w, uint16_t t, uint8_t v)
{
	ssp_put(w, t, &v, 1);
}

void
ssp_put_u16(struct ssp_writer *w, uint16_t t, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	ssp_put(w, t, b, 2);
}

void
ssp_put_u32(struct ssp_writer *w, uint16_t t, uint32_t v)
{
	uint8_t b[4];

	sm_be32(b, v);
	ssp_put(w, t, b, 4);
}

uint16_t
ssp_get_u16(const struct ssp_msg *m, uint16_t t)
{
	return m->v[t] != NULL ? (uint16_t)(m->v[t][0] << 8 | m->v[t][1]) : 0;
}

uint32_t
ssp_get_u32(const struct ssp_msg *m, uint16_t t)
{
	return m->v[t] != NULL ? sm_rd32(m->v[t]) : 0;
}

int
ssp_end_mac(struct agw_secmod *mod, struct ssp_writer *w, const struct sm_policy *pol)
{
	uint8_t mac[AGW_SECMOD_MAC_MAX];
	int rc;

	if (w->err != 0)
		return w->err;
	if (w->len + 4 + SM_MSG_MAC_LEN > sizeof(w->buf))
		return -ENOSPC;
	ssp_set_tlv_len(w, w->len + 4 + SM_MSG_MAC_LEN);
	rc = mod->drv->ops->mac(mod->drv, pol->k_msg, AGW_SECMOD_ALG_HMAC_SHA256, w->buf, w->len,
				mac);
	if (rc != 0)
		return rc;
	ssp_put(w, T_MAC, mac, SM_MSG_MAC_LEN);
	return w->err;
}

int
ssp_end_sig(struct agw_secmod *mod, struct ssp_writer *w, void *k_sig)
{
	uint8_t sig[AGW_SECMOD_ED25519_SIG_LEN];
	int rc;

	if (w->err != 0)
		return w->err;
	if (w->len + 4 + sizeof(sig) > sizeof(w->buf))
		return -ENOSPC;
	ssp_set_tlv_len(w, w->len + 4 + sizeof(sig));
	rc = mod->drv->ops->sign(mod->drv, k_sig, w->buf, w->len, sig);
	if (rc != 0)
		return rc;
	ssp_put(w, T_SIG, sig, sizeof(sig));
	return w->err;
}

int
ssp_check_mac(struct agw_secmod *mod, const struct ssp_msg *m, const struct sm_policy *pol)
{
	uint8_t mac[AGW_SECMOD_MAC_MAX];
	int rc;

	if (m->v[T_MAC] == NULL)
		return -EBADMSG;
	rc = mod->drv->ops->mac(mod->drv, pol->k_msg, AGW_SECMOD_ALG_HMAC_SHA256, m->raw,
				m->auth_len, mac);
	if (rc != 0)
		return rc;
	rc = agw_ct_equal(mac, m->v[T_MAC], SM_MSG_MAC_LEN) ? 0 : -EBADMSG;
	agw_memzero(mac, sizeof(mac));
	return rc;
}

int
ssp_check_sig(const struct ssp_msg *m, const uint8_t pub[32])
{
	if (m->v[T_SIG] == NULL)
		return -EBADMSG;
	return sm_ed25519_verify(pub, m->raw, m->auth_len, m->v[T_SIG]);
}

/* spec/003 5.5: core <-> UE legs are relayed through the nodes
 * (SM1 -> AMF -> RAN -> UE -> SM2); every other pair is direct. */
static enum agw_secmod_path
sm_path(const struct agw_secmod *mod, uint32_t from, uint32_t to)
{
	const struct agw_secmod_node *a = sm_served(mod, from);
	const struct sm_peer *b = sm_peer_find(mod, to);
	uint8_t ka = a != NULL ? a->kind : 0, kb = b != NULL ? b->kind : 0;

	if ((ka == AGW_SECMOD_NODE_CN && kb == AGW_SECMOD_NODE_UE) ||
	    (ka == AGW_SECMOD_NODE_UE && kb == AGW_SECMOD_NODE_CN))
		return AGW_SECMOD_PATH_NODES;
	return AGW_SECMOD_PATH_DIRECT;
}

int
sm_send(struct agw_secmod *mod, struct ssp_writer *w, uint32_t from, uint32_t to)
{
	int rc;

	if (w->err != 0)
		return w->err;
	if (mod->conf.send == NULL)
		return -ENOTCONN;
	rc = mod->conf.send(mod->conf.arg, from, to, sm_path(mod, from, to), w->buf, w->len);
	if (rc == 0)
		mod->st.msg_out++;
	agw_memzero(w->buf, w->len);
	return rc;
}

int
sm_finish(struct agw_secmod *mod, struct ssp_writer *w, const struct sm_policy *pol)
{
	int rc = ssp_end_mac(mod, w, pol);

	if (rc != 0) {
		agw_memzero(w->buf, w->len);
		return rc;
	}
	return sm_send(mod, w, pol->local, pol->peer);
}

void
sm_reply_begin(struct ssp_writer *w, const struct ssp_msg *m, const struct sm_policy *pol,
	       uint8_t type)
{
	ssp_begin(w, type, m->h.txn, pol->local, pol->peer, pol->version);
}

int
sm_reply_cause(struct agw_secmod *mod, const struct ssp_msg *m, const struct sm_policy *pol,
	       uint8_t type, unsigned int cause)
{
	struct ssp_writer w;

	sm_reply_begin(&w, m, pol, type);
	ssp_put_u16(&w, T_CAUSE, (uint16_t)cause);
	return sm_finish(mod, &w, pol);
}
