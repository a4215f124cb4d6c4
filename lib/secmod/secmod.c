/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Module life cycle, the module's own keys, provisioning of peers, names
 * and counters.
 *
 * Keys made at creation, all in the driver: the Ed25519 identity key
 * (negotiation, votes; found again by label when the driver persists
 * keys), the Ed25519 attestation key (quotes), the Ed25519 token key
 * (EdDSA access tokens), the HMAC masking key and the AES-256 ledger key
 * (persistent with the identity key's label + "-ledger"). The ZK secret is
 * a P-256 scalar in OpenSSL secure memory.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agw_util.h"
#include "secmod_priv.h"

static const char *const cause_str[] = {
#define AGW_SECMOD_CAUSE_STR(n, s) s,
	AGW_SECMOD_CAUSES(AGW_SECMOD_CAUSE_STR)
#undef AGW_SECMOD_CAUSE_STR
};

const char *
agw_secmod_cause_str(unsigned int cause)
{
	return cause < AGW_SECMOD_CAUSE_MAX ? cause_str[cause] : "?";
}

const char *
agw_secmod_svc_name(unsigned int svc)
{
	static const char *const n[AGW_SECMOD_SVC_MAX] = {
		[AGW_SECMOD_SVC_ATTESTATION] = "attestation",
		[AGW_SECMOD_SVC_VERIFICATION] = "verification",
		[AGW_SECMOD_SVC_RV_PROVIDE] = "rv-provide",
		[AGW_SECMOD_SVC_RV_UPDATE] = "rv-update",
		[AGW_SECMOD_SVC_ZK_VERIFY] = "zk-verify",
		[AGW_SECMOD_SVC_DATA_MASKING] = "data-masking",
		[AGW_SECMOD_SVC_SMART_CONTRACT] = "smart-contract",
		[AGW_SECMOD_SVC_CONSENSUS] = "consensus",
		[AGW_SECMOD_SVC_UPLOAD] = "upload",
		[AGW_SECMOD_SVC_DOWNLOAD] = "download",
		[AGW_SECMOD_SVC_AUTHENTICATION] = "authentication",
		[AGW_SECMOD_SVC_ENCRYPT] = "encrypt",
		[AGW_SECMOD_SVC_INTEGRITY] = "integrity",
		[AGW_SECMOD_SVC_STATIC_AUTHZ] = "static-authorization",
		[AGW_SECMOD_SVC_TOKEN_VERIFY] = "token-verify",
		[AGW_SECMOD_SVC_TOKEN_GEN] = "token-gen",
		[AGW_SECMOD_SVC_TOKEN_GET] = "token-get",
		[AGW_SECMOD_SVC_DECRYPT] = "decrypt",
		[AGW_SECMOD_SVC_INTEGRITY_CHECK] = "integrity-check",
	};

	return svc < AGW_SECMOD_SVC_MAX && n[svc] != NULL ? n[svc] : "?";
}

const char *
agw_secmod_alg_name(unsigned int alg)
{
	static const char *const n[AGW_SECMOD_ALG_MAX] = {
		[AGW_SECMOD_ALG_5G_AKA] = "5G-AKA/MILENAGE",
		[AGW_SECMOD_ALG_QUOTE_ED25519] = "quote-Ed25519",
		[AGW_SECMOD_ALG_JWS_EDDSA] = "JWS-EdDSA",
		[AGW_SECMOD_ALG_JWS_HS256] = "JWS-HS256",
		[AGW_SECMOD_ALG_AES128_GCM] = "AES-128-GCM",
		[AGW_SECMOD_ALG_AES256_GCM] = "AES-256-GCM",
		[AGW_SECMOD_ALG_AES_CMAC] = "AES-CMAC",
		[AGW_SECMOD_ALG_HMAC_SHA256] = "HMAC-SHA-256",
		[AGW_SECMOD_ALG_NEA1] = "128-NEA1",
		[AGW_SECMOD_ALG_NEA2] = "128-NEA2",
		[AGW_SECMOD_ALG_NEA3] = "128-NEA3",
		[AGW_SECMOD_ALG_NIA1] = "128-NIA1",
		[AGW_SECMOD_ALG_NIA2] = "128-NIA2",
		[AGW_SECMOD_ALG_NIA3] = "128-NIA3",
		[AGW_SECMOD_ALG_SCHNORR_P256] = "Schnorr-P256",
	};

	return alg < AGW_SECMOD_ALG_MAX && n[alg] != NULL ? n[alg] : "?";
}

void
agw_secmod_drv_free(struct agw_secmod_drv *drv)
{
	if (drv != NULL && drv->ops != NULL && drv->ops->free != NULL)
		drv->ops->free(drv);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

uint64_t
sm_now(struct agw_secmod *mod)
{
	struct timespec ts;

	if (mod->conf.now_ms != NULL)
		return mod->conf.now_ms(mod->conf.arg);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

const struct agw_secmod_node *
sm_served(const struct agw_secmod *mod, uint32_t node)
{
	for (unsigned int i = 0; node != 0 && i < mod->conf.n_served; i++)
		if (mod->served[i].id == node)
			return &mod->served[i];
	return NULL;
}

const struct sm_peer *
sm_peer_find(const struct agw_secmod *mod, uint32_t node)
{
	for (unsigned int i = 0; i < mod->n_peers; i++)
		if (mod->peers[i].node == node)
			return &mod->peers[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Create / free                                                       */
/* ------------------------------------------------------------------ */

static int
conf_check(const struct agw_secmod_conf *c)
{
	if (c == NULL || c->drv == NULL || c->drv->ops == NULL || c->served == NULL ||
	    c->n_served == 0 || c->n_served > AGW_SECMOD_SERVED_MAX)
		return -EINVAL;
	for (unsigned int i = 0; i < c->n_served; i++) {
		if (c->served[i].id == 0 || c->served[i].kind < AGW_SECMOD_NODE_CN ||
		    c->served[i].kind > AGW_SECMOD_NODE_THIRD)
			return -EINVAL;
		for (unsigned int j = 0; j < i; j++)
			if (c->served[j].id == c->served[i].id)
				return -EINVAL;
	}
	return 0;
}

static int
key_persistent(struct agw_secmod *mod, enum agw_secmod_key_type type, const char *label, void **h)
{
	const struct agw_secmod_drv_ops *o = mod->drv->ops;
	int rc;

	if (label == NULL)
		return o->key_generate(mod->drv, type, NULL, h);
	rc = o->key_find(mod->drv, type, label, h);
	if (rc == -ENOENT || rc == -ENOTSUP)
		rc = o->key_generate(mod->drv, type, label, h);
	return rc;
}

static int
module_keys(struct agw_secmod *mod)
{
	const struct agw_secmod_drv_ops *o = mod->drv->ops;
	const char *id = mod->conf.identity_label;
	char ledger_label[96];
	int rc;

	snprintf(ledger_label, sizeof(ledger_label), "%s-ledger", id != NULL ? id : "");
	rc = key_persistent(mod, AGW_SECMOD_KEY_ED25519, id, &mod->k_id);
	if (rc == 0)
		rc = o->key_public(mod->drv, mod->k_id, mod->id_pub);
	if (rc == 0)
		rc = o->key_generate(mod->drv, AGW_SECMOD_KEY_ED25519, NULL, &mod->k_ak);
	if (rc == 0)
		rc = o->key_public(mod->drv, mod->k_ak, mod->ak_pub);
	if (rc == 0)
		rc = o->key_generate(mod->drv, AGW_SECMOD_KEY_ED25519, NULL, &mod->k_tok);
	if (rc == 0)
		rc = o->key_public(mod->drv, mod->k_tok, mod->tok_pub);
	if (rc == 0)
		rc = o->key_generate(mod->drv, AGW_SECMOD_KEY_HMAC, NULL, &mod->k_mask);
	if (rc == 0)
		rc = key_persistent(mod, AGW_SECMOD_KEY_AES256, id != NULL ? ledger_label : NULL,
				    &mod->k_ledger);
	if (rc == 0) {
		mod->zk_x = sm_zk_keygen(mod->zk_pub);
		if (mod->zk_x == NULL)
			rc = -EIO;
	}
	return rc;
}

struct agw_secmod *
agw_secmod_create(const struct agw_secmod_conf *conf)
{
	struct agw_secmod *mod;
	int rc = conf_check(conf);

	if (rc != 0) {
		errno = -rc;
		return NULL;
	}
	mod = calloc(1, sizeof(*mod));
	if (mod == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	mod->conf = *conf;
	memcpy(mod->served, conf->served, conf->n_served * sizeof(conf->served[0]));
	mod->conf.served = mod->served;
	mod->drv = conf->drv;
	if (mod->conf.max_peers == 0)
		mod->conf.max_peers = 256;
	if (mod->conf.max_txn == 0)
		mod->conf.max_txn = 1024;
	if (mod->conf.max_workers == 0)
		mod->conf.max_workers = 1;
	if (mod->conf.txn_timeout_ms == 0)
		mod->conf.txn_timeout_ms = 2000;
	pthread_mutex_init(&mod->lock, NULL);
	mod->max_txn = mod->conf.max_txn;
	mod->next_txn = 1;
	mod->txn = calloc(mod->max_txn, sizeof(*mod->txn));
	rc = mod->txn == NULL ? -ENOMEM : 0;
	if (rc == 0)
		rc = sm_policy_table_init(mod, mod->conf.max_peers, mod->conf.max_workers);
	if (rc == 0)
		rc = module_keys(mod);
	if (rc != 0) {
		agw_secmod_free(mod);
		errno = -rc;
		return NULL;
	}
	return mod;
}

void
agw_secmod_free(struct agw_secmod *mod)
{
	const struct agw_secmod_drv_ops *o;

	if (mod == NULL)
		return;
	o = mod->drv->ops;
	for (uint32_t i = 0; mod->txn != NULL && i < mod->max_txn; i++)
		if (mod->txn[i].kind != SM_TX_FREE)
			sm_txn_free(mod, &mod->txn[i]);
	free(mod->txn);
	sm_policy_table_free(mod);
	for (unsigned int i = 0; i < mod->n_cred; i++)
		o->key_destroy(mod->drv, mod->cred[i].k);
	o->key_destroy(mod->drv, mod->k_id);
	o->key_destroy(mod->drv, mod->k_ak);
	o->key_destroy(mod->drv, mod->k_tok);
	o->key_destroy(mod->drv, mod->k_mask);
	o->key_destroy(mod->drv, mod->k_ledger);
	sm_zk_key_free(mod->zk_x);
	pthread_mutex_destroy(&mod->lock);
	agw_memzero(mod, sizeof(*mod));
	free(mod);
}

int
agw_secmod_identity_pub(const struct agw_secmod *mod, uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN])
{
	if (mod == NULL || pub == NULL)
		return -EINVAL;
	memcpy(pub, mod->id_pub, AGW_SECMOD_ED25519_PUB_LEN);
	return 0;
}

int
agw_secmod_peer_add(struct agw_secmod *mod, const struct agw_secmod_peer *peer)
{
	struct sm_peer *p = NULL;
	int rc = 0;

	if (mod == NULL || peer == NULL || peer->node == 0 || peer->kind < AGW_SECMOD_NODE_CN ||
	    peer->kind > AGW_SECMOD_NODE_THIRD)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	for (unsigned int i = 0; i < mod->n_peers; i++)
		if (mod->peers[i].node == peer->node)
			p = &mod->peers[i];
	if (p == NULL && mod->n_peers < SM_PEERS_MAX)
		p = &mod->peers[mod->n_peers++];
	if (p == NULL) {
		rc = -ENOSPC;
	} else {
		p->node = peer->node;
		p->kind = peer->kind;
		memcpy(p->pub, peer->module_pub, sizeof(p->pub));
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int64_t
agw_secmod_negotiate(struct agw_secmod *mod, const struct agw_secmod_neg *neg)
{
	int64_t rc;

	if (mod == NULL || neg == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	rc = sm_neg_start(mod, neg);
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

int
agw_secmod_stats_get(struct agw_secmod *mod, struct agw_secmod_stats *st)
{
	if (mod == NULL || st == NULL)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	*st = mod->st;
	pthread_mutex_unlock(&mod->lock);
	for (uint16_t w = 0; w < mod->conf.max_workers; w++) {
		const struct sm_fp_stats *f = &mod->fp_stats[w];

		st->fp_ok += __atomic_load_n(&f->ok, __ATOMIC_RELAXED);
		for (int i = 0; i < 6; i++)
			st->fp_fail[i] += __atomic_load_n(&f->fail[i], __ATOMIC_RELAXED);
	}
	return 0;
}
