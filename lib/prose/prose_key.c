/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * End of a request: K_NR_ProSe with a fresh Nonce_2 (spec/002 S220/S425:
 * only after the authorisation succeeded) in a Relay Key Accept, with the
 * PC5 link keys kept for the batch path; or a Relay Key Reject.
 *
 * K_NR_ProSe (lib/crypto agw_kdf_knr_prose()): TS 33.503 V17.2.0 A.4, as
 * rendered by tech-invite (https://www.tech-invite.com/3m33/toc/
 * tinv-3gpp-33-503_n.html): FC = 0x87, P0 = Nonce_2, P1 = Nonce_1, KEY =
 * CP-PRUK. Confirms the FC and the parameter order spec/002 5.2 left open.
 */
#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_rand.h"
#include "agw_util.h"
#include "prose_priv.h"

struct agw_prose_result *
prose_res_add(struct agw_prose *p, struct agw_prose_out *out, uint64_t relay, uint8_t prti)
{
	struct agw_prose_result *res;

	(void)p;
	if (out->n_res >= AGW_PROSE_OUT_MAX)
		return NULL;
	res = &out->res[out->n_res++];
	memset(res, 0, sizeof(*res));
	res->relay = relay;
	res->prti = prti;
	res->verdict = AGW_PROSE_V_MAX; /* not decided */
	return res;
}

void
prose_res_done(struct agw_prose *p, struct agw_prose_result *res, uint8_t verdict)
{
	res->verdict = verdict;
	p->ctr.verdict[verdict]++;
	if (verdict == AGW_PROSE_V_OK)
		p->ctr.trigger[res->trigger]++;
	if (verdict != AGW_PROSE_V_OK)
		res->link = 0;
}

int
prose_reject(struct agw_prose *p, uint64_t relay, uint8_t prti, const uint8_t *eap, size_t eap_len,
	     struct agw_prose_result *res, struct agw_prose_out *out)
{
	struct agw_prose_dl *d = prose_dl_add(out, relay, AGW_NAS5G_MT_RELAY_KEY_REJECT, prti);
	long n;

	(void)p;
	(void)res;
	if (d == NULL)
		return -ENOBUFS;
	n = prose_nas_key_reject(prti, eap, eap_len, d->nas, sizeof(d->nas));
	if (n < 0) {
		out->n_dl--;
		return -ENOBUFS;
	}
	d->len = (uint16_t)n;
	return 0;
}

/* A Nonce_2 that is not the remote UE's Nonce_1 (both are 128 random bits). */
static int
draw_nonce_2(const uint8_t nonce_1[AGW_PROSE_NONCE_LEN], uint8_t nonce_2[AGW_PROSE_NONCE_LEN])
{
	for (int i = 0; i < 4; i++) {
		if (agw_rand_bytes(nonce_2, AGW_PROSE_NONCE_LEN) != 0)
			return -EIO;
		if (memcmp(nonce_1, nonce_2, AGW_PROSE_NONCE_LEN) != 0)
			return 0;
	}
	return -EIO;
}

int
prose_knr_finish(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
		 const uint8_t pruk[AGW_PROSE_KEY_LEN], const uint8_t nonce_1[AGW_PROSE_NONCE_LEN],
		 const char *new_id, const uint8_t *eap_success, size_t eap_len,
		 struct agw_prose_result *res, struct agw_prose_out *out)
{
	uint8_t nonce_2[AGW_PROSE_NONCE_LEN], knr[AGW_PROSE_KEY_LEN];
	struct agw_prose_dl *d;
	long n;
	int rc;

	d = prose_dl_add(out, relay->ue, AGW_NAS5G_MT_RELAY_KEY_ACCEPT, prti);
	if (d == NULL)
		return -ENOBUFS;
	rc = draw_nonce_2(nonce_1, nonce_2);
	if (rc == 0)
		rc = agw_kdf_knr_prose(pruk, nonce_1, nonce_2, knr) == 0 ? 0 : -EIO;
	if (rc == 0) {
		n = prose_nas_key_accept(prti, knr, nonce_2, new_id, eap_success, eap_len, d->nas,
					 sizeof(d->nas));
		rc = n < 0 ? -EIO : 0;
		d->len = n < 0 ? 0 : (uint16_t)n;
	}
	if (rc == 0)
		res->link = prose_link_create(p, relay->ue, knr, nonce_1, nonce_2);
	agw_memzero(knr, sizeof(knr));
	if (rc != 0) {
		agw_memzero(d, sizeof(*d));
		out->n_dl--;
		return rc;
	}
	return 0;
}
