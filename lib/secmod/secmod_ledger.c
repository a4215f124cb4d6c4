/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Blockchain upload and download (FIG. 11, spec/003 3.6, Table 1 rows 9,
 * 10) and smart contracts (row 7) on the pluggable ledger.
 *
 * Upload (S1120): the node needs upload permission ([0420]); the data is
 * encrypted and integrity-protected with the module's ledger key
 * (AES-256-GCM; record payload nonce(12) || ciphertext || tag(16), AAD
 * 16 octets of SHA-256("AGWL" || owner || type || name)), so the ledger never holds it in clear
 * (spec/003 test 29). Download (S1160): permission, lookup by identifier,
 * or newest by name and/or type ([0431]), tag check, plaintext back.
 * Nonces are random (96 bits): at most 2^32 records per key.
 *
 * A contract is a registered function; its run is recorded on the ledger
 * as SHA-256(input) || SHA-256(output) under the contract's name.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

#define LEDGER_TYPE_CONTRACT 0xC0

static uint32_t
lperm(const struct agw_secmod *mod, uint32_t node)
{
	for (unsigned int i = 0; i < mod->n_lperm; i++)
		if (mod->lperm[i].node == node)
			return mod->lperm[i].perm;
	return 0;
}

int
agw_secmod_ledger_permit(struct agw_secmod *mod, uint32_t node, uint32_t perm)
{
	int rc = 0;

	if (mod == NULL || node == 0)
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	for (unsigned int i = 0; i < mod->n_lperm; i++)
		if (mod->lperm[i].node == node) {
			mod->lperm[i].perm = perm;
			goto out;
		}
	if (mod->n_lperm == SM_PERM_MAX) {
		rc = -ENOSPC;
	} else {
		mod->lperm[mod->n_lperm].node = node;
		mod->lperm[mod->n_lperm++].perm = perm;
	}
out:
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

/* AAD: the first 16 octets of SHA-256("AGWL" || owner || type || name), a
 * fixed length (cryptodev GCM sessions fix the AAD length). */
static size_t
ledger_aad(uint8_t *aad, uint32_t owner, uint16_t type, const char *name)
{
	uint8_t b[10], h[32];

	memcpy(b, "AGWL", 4);
	sm_be32(b + 4, owner);
	b[8] = (uint8_t)(type >> 8);
	b[9] = (uint8_t)type;
	sm_sha256(b, sizeof(b), name, strlen(name), h);
	memcpy(aad, h, 16);
	return 16;
}

void
sm_svc_upload(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct agw_secmod_ledger *lg = mod->conf.ledger;
	uint8_t buf[12 + AGW_SECMOD_DATA_MAX + 16], aad[16];
	struct agw_secmod_ledger_rec rec = {0};
	unsigned int cause = AGW_SECMOD_OK;
	uint64_t id = 0;
	size_t al;

	if (!(lperm(mod, c->local) & 1))
		cause = AGW_SECMOD_UNAUTHORISED; /* [0420]: nothing is written */
	else if (r->name == NULL || !sm_name_ok(r->name, strlen(r->name)))
		cause = AGW_SECMOD_MALFORMED;
	else if (lg == NULL)
		cause = AGW_SECMOD_LEDGER_FAIL;
	if (cause == AGW_SECMOD_OK) {
		rec.owner = c->local;
		rec.type = r->type;
		rec.time_ms = sm_now(mod);
		snprintf(rec.name, sizeof(rec.name), "%s", r->name);
		al = ledger_aad(aad, rec.owner, rec.type, rec.name);
		if (sm_rand(buf, 12) != 0 ||
		    mod->drv->ops->aead_seal(mod->drv, mod->k_ledger, buf, aad, al, r->data, r->len,
					     buf + 12, buf + 12 + r->len) != 0)
			cause = AGW_SECMOD_DRIVER_FAIL;
	}
	if (cause == AGW_SECMOD_OK) {
		rec.data = buf;
		rec.len = 12 + r->len + 16;
		if (lg->ops->append(lg->ctx, &rec, &id) != 0)
			cause = AGW_SECMOD_LEDGER_FAIL;
	}
	sm_feedback(mod, &c->fb, c->svc, cause, NULL, NULL, 0, id);
}

static unsigned int
download(struct agw_secmod *mod, const struct agw_secmod_req *r, uint8_t *out, uint32_t *n)
{
	struct agw_secmod_ledger *lg = mod->conf.ledger;
	uint8_t buf[12 + AGW_SECMOD_DATA_MAX + 16], aad[16];
	struct agw_secmod_ledger_rec rec;
	uint64_t id = r->id;
	int rc;

	if (lg == NULL)
		return AGW_SECMOD_LEDGER_FAIL;
	if (id == 0) {
		if (r->name != NULL && !sm_name_ok(r->name, strlen(r->name)))
			return AGW_SECMOD_MALFORMED;
		rc = lg->ops->find(lg->ctx, r->name, r->type, &id);
		if (rc != 0)
			return rc == -ENOENT ? AGW_SECMOD_NOT_FOUND : AGW_SECMOD_LEDGER_FAIL;
	}
	rc = lg->ops->get(lg->ctx, id, &rec, buf, sizeof(buf));
	if (rc != 0)
		return rc == -ENOENT ? AGW_SECMOD_NOT_FOUND : AGW_SECMOD_LEDGER_FAIL;
	if (rec.len < 28)
		return AGW_SECMOD_INTEGRITY_FAIL; /* not a record this module protected */
	*n = rec.len - 28;
	rc = mod->drv->ops->aead_open(mod->drv, mod->k_ledger, rec.data, aad,
				      ledger_aad(aad, rec.owner, rec.type, rec.name), rec.data + 12,
				      *n, out, rec.data + 12 + *n);
	return rc == 0		? AGW_SECMOD_OK
	       : rc == -EBADMSG ? AGW_SECMOD_INTEGRITY_FAIL
				: AGW_SECMOD_DRIVER_FAIL;
}

void
sm_svc_download(struct agw_secmod *mod, const struct sm_call *c)
{
	uint8_t out[AGW_SECMOD_DATA_MAX];
	unsigned int cause;
	uint32_t n = 0;

	if (!(lperm(mod, c->local) & 2))
		cause = AGW_SECMOD_UNAUTHORISED;
	else
		cause = download(mod, c->req, out, &n);
	sm_feedback(mod, &c->fb, c->svc, cause, NULL, out, n, 0);
	agw_memzero(out, n);
}

/* ------------------------------------------------------------------ */
/* Smart contracts                                                     */
/* ------------------------------------------------------------------ */

int
agw_secmod_contract_register(struct agw_secmod *mod, const char *name, agw_secmod_contract_fn fn,
			     void *arg)
{
	int rc = 0;

	if (mod == NULL || fn == NULL || name == NULL || !sm_name_ok(name, strlen(name)))
		return -EINVAL;
	pthread_mutex_lock(&mod->lock);
	if (mod->n_contracts == SM_CONTRACTS_MAX) {
		rc = -ENOSPC;
	} else {
		struct sm_contract *k = &mod->contracts[mod->n_contracts++];

		snprintf(k->name, sizeof(k->name), "%s", name);
		k->fn = fn;
		k->arg = arg;
	}
	pthread_mutex_unlock(&mod->lock);
	return rc;
}

void
sm_svc_contract(struct agw_secmod *mod, const struct sm_call *c)
{
	const struct agw_secmod_req *r = c->req;
	struct agw_secmod_ledger *lg = mod->conf.ledger;
	const struct sm_contract *k = NULL;
	uint8_t out[AGW_SECMOD_DATA_MAX], h[64];
	struct agw_secmod_ledger_rec rec = {0};
	uint64_t id = 0;
	int n;

	for (unsigned int i = 0; r->name != NULL && i < mod->n_contracts; i++)
		if (strcmp(mod->contracts[i].name, r->name) == 0)
			k = &mod->contracts[i];
	if (k == NULL) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_NOT_FOUND, NULL, NULL, 0, 0);
		return;
	}
	n = k->fn(k->arg, r->data, r->len, out, sizeof(out));
	if (n < 0 || (size_t)n > sizeof(out)) {
		sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_DRIVER_FAIL, NULL, NULL, 0, 0);
		return;
	}
	if (lg != NULL) {
		sm_sha256(r->data, r->len, NULL, 0, h);
		sm_sha256(out, (size_t)n, NULL, 0, h + 32);
		rec.owner = c->local;
		rec.type = LEDGER_TYPE_CONTRACT;
		rec.time_ms = sm_now(mod);
		snprintf(rec.name, sizeof(rec.name), "%s", k->name);
		rec.data = h;
		rec.len = sizeof(h);
		if (lg->ops->append(lg->ctx, &rec, &id) != 0) {
			sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_LEDGER_FAIL, NULL, NULL, 0, 0);
			return;
		}
	}
	sm_feedback(mod, &c->fb, c->svc, AGW_SECMOD_OK, NULL, out, (uint32_t)n, id);
}
