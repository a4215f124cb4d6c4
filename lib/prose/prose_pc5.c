/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * PC5 link keys for the batch path. When K_NR_ProSe is handed to the relay
 * the gateway knows everything the two UEs will derive from it:
 * K_NRP-sess = KDF(K_NR_ProSe, Nonce_1, Nonce_2) (TS 33.536 A, FC 0x7F; for
 * the CP-based relay K_NR_ProSe plays K_NRP), NRPIK = KDF(K_NRP-sess, 0x01,
 * alg) (FC 0x7E), so it expands NRPIK for 128-NIA1/2/3 once and checks the
 * Direct Security Mode Command (relay -> remote UE, the algorithm it
 * selected) and Complete (remote UE -> relay) with agw_nia_burst().
 * FC 0x7F (P0 Nonce_1, P1 Nonce_2) and 0x7E (P0 0x00/0x01, P1 algorithm
 * identity, 128 LSBs) as TS 33.536 Annex A reads on tech-invite
 * (https://tech-invite.com/3m33/toc/tinv-3gpp-33-536_f.html).
 *
 * Framing (doc/prose.md 4, anchorgw's): the PC5 signalling message, then
 * its 4-octet MAC-I; NIA COUNT = the message's sequence number octet,
 * BEARER = AGW_PROSE_PC5_BEARER, DIRECTION = AGW_PROSE_PC5_DIR_*. A
 * message is accepted only with a sequence number above the last one
 * verified in its direction (replay).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_pc5.h"
#include "agw_util.h"
#include "prose_priv.h"

#define CHUNK 64

static uint32_t
link_hash(const struct agw_prose *p, uint64_t id)
{
	return prose_hash(p->seed, &id, sizeof(id));
}

static int
link_eq(const void *ctx, uint32_t idx, const void *key)
{
	const struct agw_prose *p = ctx;

	return p->links[idx].id == *(const uint64_t *)key;
}

int
prose_links_init(struct agw_prose *p, uint32_t max)
{
	size_t sz = ((size_t)max * sizeof(*p->links) + 63) & ~(size_t)63;

	p->links = aligned_alloc(64, sz);
	if (p->links == NULL || prose_htab_init(&p->link_idx, max) != 0)
		return -ENOMEM;
	memset(p->links, 0, sz);
	p->max_links = max;
	p->n_links = 0;
	return 0;
}

void
prose_links_fini(struct agw_prose *p)
{
	if (p->links != NULL)
		agw_memzero(p->links, (size_t)p->max_links * sizeof(*p->links));
	free(p->links);
	prose_htab_fini(&p->link_idx);
	p->links = NULL;
}

static struct prose_link *
link_find(const struct agw_prose *p, uint64_t id)
{
	int64_t i = id == 0 ? -1 : prose_htab_find(&p->link_idx, link_hash(p, id), link_eq, p, &id);

	return i < 0 ? NULL : &p->links[i];
}

static void
link_drop(struct agw_prose *p, struct prose_link *l)
{
	prose_htab_remove(&p->link_idx, l->h, (uint32_t)(l - p->links));
	agw_memzero(l, sizeof(*l));
	p->n_links--;
}

/*
 * Slots are handed out round-robin, so the slot at the cursor is the oldest
 * link: a full table drops it (O(1)); otherwise the next free slot from the
 * cursor is taken.
 */
static struct prose_link *
link_slot(struct agw_prose *p)
{
	struct prose_link *l;

	for (uint32_t n = 0; p->n_links < p->max_links && n < p->max_links; n++) {
		l = &p->links[p->link_cursor];
		p->link_cursor = (p->link_cursor + 1) % p->max_links;
		if (!l->used)
			return l;
	}
	l = &p->links[p->link_cursor];
	p->link_cursor = (p->link_cursor + 1) % p->max_links;
	p->ctr.stat[AGW_PROSE_STAT_LINKS_EXPIRED]++;
	link_drop(p, l);
	return l;
}

static int
link_keys(struct agw_prose *p, struct prose_link *l, const uint8_t knr[AGW_PROSE_KEY_LEN],
	  const uint8_t n1[AGW_PROSE_NONCE_LEN], const uint8_t n2[AGW_PROSE_NONCE_LEN])
{
	uint8_t sess[AGW_PROSE_KEY_LEN], pik[AGW_KEY128_LEN];
	int rc = agw_kdf_knrp_sess(knr, n1, n2, sess) == 0 ? 0 : -EIO;

	for (unsigned int alg = AGW_NIA1; rc == 0 && alg <= AGW_NIA3; alg++) {
		if (agw_kdf_nrp_alg_key(sess, 1, (uint8_t)alg, pik) != 0 ||
		    agw_nia_key_init(p->eng, &l->pik[alg - 1], alg, pik) != 0)
			rc = -EIO;
	}
	agw_memzero(sess, sizeof(sess));
	agw_memzero(pik, sizeof(pik));
	return rc;
}

uint64_t
prose_link_create(struct agw_prose *p, uint64_t relay, const uint8_t knr[AGW_PROSE_KEY_LEN],
		  const uint8_t nonce_1[AGW_PROSE_NONCE_LEN],
		  const uint8_t nonce_2[AGW_PROSE_NONCE_LEN])
{
	struct prose_link *l = link_slot(p);

	memset(l, 0, sizeof(*l));
	if (link_keys(p, l, knr, nonce_1, nonce_2) != 0) {
		agw_memzero(l, sizeof(*l));
		return 0;
	}
	l->used = 1;
	l->id = ++p->next_link;
	l->relay = relay;
	l->seq[0] = l->seq[1] = -1;
	l->expires_ms = p->now_ms + p->conf.pc5_link_lifetime_ms;
	l->h = link_hash(p, l->id);
	prose_htab_insert(&p->link_idx, l->h, (uint32_t)(l - p->links));
	p->n_links++;
	p->ctr.stat[AGW_PROSE_STAT_LINKS]++;
	return l->id;
}

void
prose_links_expire(struct agw_prose *p)
{
	for (uint32_t i = 0; i < p->max_links && p->n_links > 0; i++)
		if (p->links[i].used && p->links[i].expires_ms <= p->now_ms) {
			p->ctr.stat[AGW_PROSE_STAT_LINKS_EXPIRED]++;
			link_drop(p, &p->links[i]);
		}
}

void
prose_links_drop_relay(struct agw_prose *p, uint64_t relay)
{
	for (uint32_t i = 0; i < p->max_links && p->n_links > 0; i++)
		if (p->links[i].used && p->links[i].relay == relay)
			link_drop(p, &p->links[i]);
}

void
prose_links_rollback(struct agw_prose *p)
{
	for (uint32_t i = 0; i < p->max_links && p->n_links > 0; i++)
		if (p->links[i].used && p->links[i].id > p->committed_link)
			link_drop(p, &p->links[i]);
}

int
agw_prose_pc5_link_release(struct agw_prose *p, uint64_t link)
{
	struct prose_link *l = p == NULL ? NULL : link_find(p, link);

	if (l == NULL)
		return -ENOENT;
	link_drop(p, l);
	return 0;
}

/* Check one operation and fill its NIA job; returns the status so far. */
static uint8_t
prepare(struct agw_prose *p, struct agw_prose_pc5_op *op, struct agw_nia_op *j)
{
	struct prose_link *l;
	uint8_t alg;

	if (op->msg == NULL || op->len < 2 + AGW_PROSE_PC5_MAC_LEN || op->dir > 1)
		return AGW_PROSE_PC5_MALFORMED;
	if (op->msg[0] == AGW_PC5_DL_SMC && op->dir == AGW_PROSE_PC5_DIR_TO_REMOTE &&
	    op->len >= 3 + AGW_PROSE_PC5_MAC_LEN)
		alg = op->msg[2] & 0x07; /* selected algorithms: integrity in bits 1-3 */
	else if (op->msg[0] == AGW_PC5_DL_SM_COMPLETE && op->dir == AGW_PROSE_PC5_DIR_TO_RELAY)
		alg = 0xff;
	else
		return AGW_PROSE_PC5_MALFORMED;
	l = link_find(p, op->link);
	if (l == NULL)
		return AGW_PROSE_PC5_NO_LINK;
	if (alg == 0xff) {
		if (l->alg == 0)
			return AGW_PROSE_PC5_NO_ALG;
		alg = l->alg;
	}
	if (alg < AGW_NIA1 || alg > AGW_NIA3)
		return AGW_PROSE_PC5_MALFORMED; /* NIA0 or a reserved value */
	if ((int)op->msg[1] <= l->seq[op->dir])
		return AGW_PROSE_PC5_REPLAY;
	memset(j, 0, sizeof(*j));
	j->key = &l->pik[alg - 1];
	j->msg = op->msg;
	j->len_bits = (uint32_t)(op->len - AGW_PROSE_PC5_MAC_LEN) * 8;
	j->count = op->msg[1];
	j->bearer = AGW_PROSE_PC5_BEARER;
	j->dir = op->dir;
	j->verify = 1;
	memcpy(j->mac, op->msg + op->len - AGW_PROSE_PC5_MAC_LEN, AGW_PROSE_PC5_MAC_LEN);
	j->user_data = l;
	return AGW_PROSE_PC5_OK;
}

/* After the burst: move the link state for verified messages. */
static uint8_t
complete(struct agw_prose_pc5_op *op, const struct agw_nia_op *j)
{
	struct prose_link *l = j->user_data;

	if (j->status == AGW_NAS_SEC_BAD_MAC)
		return AGW_PROSE_PC5_BAD_MAC;
	if (j->status != AGW_NAS_SEC_OK)
		return AGW_PROSE_PC5_ENGINE;
	if ((int)op->msg[1] <= l->seq[op->dir])
		return AGW_PROSE_PC5_REPLAY; /* a duplicate earlier in this burst */
	l->seq[op->dir] = op->msg[1];
	if (op->msg[0] == AGW_PC5_DL_SMC)
		l->alg = op->msg[2] & 0x07;
	return AGW_PROSE_PC5_OK;
}

static uint16_t
verify_chunk(struct agw_prose *p, struct agw_nas_sec_engine *eng, struct agw_prose_pc5_op *ops,
	     uint16_t n)
{
	struct agw_nia_op jobs[CHUNK];
	uint16_t map[CHUNK], k = 0, ok = 0;

	for (uint16_t i = 0; i < n; i++) {
		ops[i].status = prepare(p, &ops[i], &jobs[k]);
		if (ops[i].status == AGW_PROSE_PC5_OK)
			map[k++] = i;
	}
	if (k > 0)
		agw_nia_burst(eng, jobs, k);
	for (uint16_t i = 0; i < k; i++) {
		ops[map[i]].status = complete(&ops[map[i]], &jobs[i]);
		memset(&jobs[i], 0, sizeof(jobs[i]));
	}
	for (uint16_t i = 0; i < n; i++) {
		p->ctr.pc5[ops[i].status]++;
		ok += ops[i].status == AGW_PROSE_PC5_OK;
	}
	return ok;
}

uint16_t
agw_prose_pc5_verify_burst(struct agw_prose *p, struct agw_nas_sec_engine *eng,
			   struct agw_prose_pc5_op *ops, uint16_t n)
{
	uint16_t ok = 0;

	if (p == NULL || eng == NULL || (ops == NULL && n != 0))
		return 0;
	for (uint16_t i = 0; i < n; i += CHUNK)
		ok += verify_chunk(p, eng, ops + i, (uint16_t)(n - i < CHUNK ? n - i : CHUNK));
	return ok;
}
