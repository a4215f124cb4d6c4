/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_nas_crypto: integrity verification, then deciphering, of a burst of
 * security-protected uplink NAS messages, each with its own UE context.
 * Three passes (vpp wireguard / ipsec-secgw shape): prepare every op, submit
 * each engine's ops as one burst, map the results back.
 *
 * Engines: a context installed for the cryptodev engine carries sessions
 * (sess_int / sess_enc) and goes to the worker's queue pair; every other
 * context (imb engine, and NIA0/NEA0 which need no crypto device) goes
 * through the worker's IPsec-MB manager on its expanded keys.
 *
 * Downlink packets (dl) are protected instead: see crypto_protect().
 *
 * Metadata used: nas_off/nas_len (the NAS-PDU: EPD, SHT, MAC(4), SQN, msg),
 * ctx, count, sht. Set: action/cause (bad_mac, crypto_error), deciphered.
 * Counting is agw_verdict's: a message counts as verified only once its
 * COUNT is accepted there.
 *
 * TS 24.501 4.4.3.3 / TS 33.501 6.4.3.1: the MAC covers SQN and the NAS
 * message; uplink DIRECTION is 0; the BEARER is the context's. Verification
 * comes first, then deciphering of the message after SQN (TS 33.501 6.4.4).
 * For 128-NIA2 the COUNT|BEARER|DIR prefix is written into the 8 octets in
 * front of SQN (the two NGAP octets before the NAS-PDU, EPD, SHT and the
 * MAC, all saved first and put back afterwards), so no message is copied.
 */
#include <rte_mbuf.h>

#include "node_priv.h"

enum { AGW_CRYPTO_NEXT_VERDICT = 0, AGW_CRYPTO_NB_NEXT };

#define NAS_SEC_HDR_LEN 7 /* EPD, SHT, MAC(4), SQN */
#define NAS_MAC_OFF 2
#define NAS_SQN_OFF 6

/* One burst's ops for both engines. */
struct crypto_batch {
	struct agw_nia_op nia[RTE_GRAPH_BURST_SIZE];
	struct agw_nea_op nea[RTE_GRAPH_BURST_SIZE];
	struct agw_cdev_nia_op cnia[RTE_GRAPH_BURST_SIZE];
	struct agw_cdev_nea_op cnea[RTE_GRAPH_BURST_SIZE];
	uint16_t n_nia, n_nea, n_cnia, n_cnea;
};

static inline uint8_t *
pkt_nas(struct rte_mbuf *m, const struct agw_pkt_meta *pm)
{
	return rte_pktmbuf_mtod_offset(m, uint8_t *, pm->nas_off);
}

static inline void
crypto_add_cdev_nia(struct crypto_batch *b, struct rte_mbuf *m, struct agw_pkt_meta *pm)
{
	struct agw_cdev_nia_op *op = &b->cnia[b->n_cnia++];

	op->sess = pm->ctx->sess_int;
	op->m = m;
	op->data_off = pm->nas_off + NAS_SQN_OFF;
	op->msg = NULL;
	op->len_bits = (uint32_t)(pm->nas_len - NAS_SQN_OFF) * 8;
	op->count = pm->count;
	op->bearer = pm->ctx->bearer;
	op->dir = 0;
	op->verify = 1;
	memcpy(op->mac, pkt_nas(m, pm) + NAS_MAC_OFF, AGW_NAS_MAC_LEN);
	op->user_data = m;
}

static inline void
crypto_add_imb_nia(struct crypto_batch *b, struct rte_mbuf *m, struct agw_pkt_meta *pm)
{
	struct agw_nia_op *op = &b->nia[b->n_nia++];
	uint8_t *nas = pkt_nas(m, pm);

	op->key = &pm->ctx->nia_key;
	op->msg = nas + NAS_SQN_OFF;
	op->len_bits = (uint32_t)(pm->nas_len - NAS_SQN_OFF) * 8;
	op->count = pm->count;
	op->bearer = pm->ctx->bearer;
	op->dir = pm->dl;
	op->verify = !pm->dl;
	memcpy(op->mac, nas + NAS_MAC_OFF, AGW_NAS_MAC_LEN);
	if (pm->ctx->nia == AGW_NIA2)
		memcpy(pm->saved, op->msg - AGW_NIA2_PREFIX_LEN, AGW_NIA2_PREFIX_LEN);
	op->user_data = m;
}

/* Status of an op → the packet's verdict. */
static inline void
crypto_status(struct rte_mbuf *m, uint8_t status)
{
	if (status != AGW_NAS_SEC_OK)
		agw_pkt_set_drop(m, status == AGW_NAS_SEC_BAD_MAC ? AGW_PKT_BAD_MAC
								 : AGW_PKT_CRYPTO_ERROR);
}

static void
crypto_verify(struct agw_worker *w, struct crypto_batch *b, void **objs, uint16_t n)
{
	uint16_t i;

	b->n_nia = b->n_cnia = 0;
	for (i = 0; i < n; i++) {
		struct agw_pkt_meta *pm = agw_pkt_meta(objs[i]);

		if (pm->action == AGW_ACT_DROP || pm->dl)
			continue;
		if (pm->ctx->sess_int != NULL)
			crypto_add_cdev_nia(b, objs[i], pm);
		else
			crypto_add_imb_nia(b, objs[i], pm);
	}
	if (b->n_cnia != 0)
		agw_cdev_nia_burst(w->cdev, w->cdev_qp, b->cnia, b->n_cnia);
	if (b->n_nia != 0)
		agw_nia_burst(w->eng, b->nia, b->n_nia);
	for (i = 0; i < b->n_cnia; i++)
		crypto_status(b->cnia[i].user_data, b->cnia[i].status);
	for (i = 0; i < b->n_nia; i++) {
		struct rte_mbuf *m = b->nia[i].user_data;
		struct agw_pkt_meta *pm = agw_pkt_meta(m);

		if (pm->ctx->nia == AGW_NIA2)
			memcpy(b->nia[i].msg - AGW_NIA2_PREFIX_LEN, pm->saved, AGW_NIA2_PREFIX_LEN);
		crypto_status(m, b->nia[i].status);
	}
}

static inline void
crypto_add_nea(struct crypto_batch *b, struct rte_mbuf *m, struct agw_pkt_meta *pm)
{
	uint32_t bits = (uint32_t)(pm->nas_len - NAS_SEC_HDR_LEN) * 8;

	if (pm->ctx->sess_enc != NULL && !pm->dl) {
		struct agw_cdev_nea_op *op = &b->cnea[b->n_cnea++];

		op->sess = pm->ctx->sess_enc;
		op->m = m;
		op->data_off = pm->nas_off + NAS_SEC_HDR_LEN;
		op->in = NULL;
		op->out = NULL;
		op->len_bits = bits;
		op->count = pm->count;
		op->bearer = pm->ctx->bearer;
		op->dir = 0;
		op->user_data = m;
	} else {
		struct agw_nea_op *op = &b->nea[b->n_nea++];
		uint8_t *msg = pkt_nas(m, pm) + NAS_SEC_HDR_LEN;

		op->key = &pm->ctx->nea_key;
		op->in = msg;
		op->out = msg;
		op->len_bits = bits;
		op->count = pm->count;
		op->bearer = pm->ctx->bearer;
		op->dir = pm->dl;
		op->user_data = m;
	}
	pm->deciphered = 1;
}

/* SHT 2 and 4 carry a ciphered message, when the context ciphers. */
static inline int
crypto_ciphers(const struct agw_pkt_meta *pm)
{
	return (pm->ctx->flags & AGW_CTX_F_CIPHER) && (pm->sht == 2 || pm->sht == 4);
}

/*
 * Downlink: cipher, then MAC over SQN || ciphertext (TS 33.501 6.4.4),
 * DIRECTION 1, on the worker's IPsec-MB manager (keys are expanded in every
 * context whatever the uplink engine). The MAC goes into the header last,
 * after the NIA2 prefix octets were put back.
 */
static void
crypto_protect(struct agw_worker *w, struct crypto_batch *b, void **objs, uint16_t n)
{
	uint16_t i;

	b->n_nea = b->n_nia = 0;
	for (i = 0; i < n; i++) {
		struct agw_pkt_meta *pm = agw_pkt_meta(objs[i]);

		if (pm->action != AGW_ACT_DROP && pm->dl && crypto_ciphers(pm))
			crypto_add_nea(b, objs[i], pm);
	}
	if (b->n_nea != 0 && agw_nea_burst(w->eng, b->nea, b->n_nea) != b->n_nea)
		for (i = 0; i < b->n_nea; i++)
			crypto_status(b->nea[i].user_data, b->nea[i].status);
	for (i = 0; i < n; i++) {
		struct agw_pkt_meta *pm = agw_pkt_meta(objs[i]);

		if (pm->action != AGW_ACT_DROP && pm->dl)
			crypto_add_imb_nia(b, objs[i], pm);
	}
	if (b->n_nia == 0)
		return;
	agw_nia_burst(w->eng, b->nia, b->n_nia);
	for (i = 0; i < b->n_nia; i++) {
		struct rte_mbuf *m = b->nia[i].user_data;
		struct agw_pkt_meta *pm = agw_pkt_meta(m);

		if (pm->ctx->nia == AGW_NIA2)
			memcpy(b->nia[i].msg - AGW_NIA2_PREFIX_LEN, pm->saved, AGW_NIA2_PREFIX_LEN);
		memcpy(pkt_nas(m, pm) + NAS_MAC_OFF, b->nia[i].mac, AGW_NAS_MAC_LEN);
		pm->deciphered = 1; /* content changed: the CRC is recomputed */
		crypto_status(m, b->nia[i].status);
	}
}

/* Decipher the verified messages whose context ciphers (SHT 2 and 4). */
static void
crypto_decipher(struct agw_worker *w, struct crypto_batch *b, void **objs, uint16_t n)
{
	uint16_t i;

	b->n_nea = b->n_cnea = 0;
	for (i = 0; i < n; i++) {
		struct agw_pkt_meta *pm = agw_pkt_meta(objs[i]);

		if (pm->action != AGW_ACT_DROP && !pm->dl && crypto_ciphers(pm))
			crypto_add_nea(b, objs[i], pm);
	}
	if (b->n_cnea != 0 && agw_cdev_nea_burst(w->cdev, w->cdev_qp, b->cnea, b->n_cnea) !=
				      b->n_cnea)
		for (i = 0; i < b->n_cnea; i++)
			crypto_status(b->cnea[i].user_data, b->cnea[i].status);
	if (b->n_nea != 0 && agw_nea_burst(w->eng, b->nea, b->n_nea) != b->n_nea)
		for (i = 0; i < b->n_nea; i++)
			crypto_status(b->nea[i].user_data, b->nea[i].status);
}

static uint16_t
agw_nas_crypto_process(struct rte_graph *graph, struct rte_node *node, void **objs,
		       uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	struct crypto_batch b;

	crypto_verify(w, &b, objs, nb_objs);
	crypto_decipher(w, &b, objs, nb_objs);
	crypto_protect(w, &b, objs, nb_objs);
	rte_node_next_stream_move(graph, node, AGW_CRYPTO_NEXT_VERDICT);
	return nb_objs;
}

static struct rte_node_register agw_nas_crypto_node = {
	.process = agw_nas_crypto_process,
	.init = agw_node_init_worker,
	.name = "agw_nas_crypto",
	.nb_edges = AGW_CRYPTO_NB_NEXT,
	.next_nodes = {[AGW_CRYPTO_NEXT_VERDICT] = "agw_verdict"},
};

RTE_NODE_REGISTER(agw_nas_crypto_node);
