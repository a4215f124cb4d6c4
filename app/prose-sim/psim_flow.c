/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * One connection of a remote UE through a relay (seed 002 FIG. 4-7, S405-
 * S431): DCR, Relay Key Request, the EAP round trips if the network starts
 * one, DSM Command / Complete (each also given to the gateway's batch-path
 * check), Direct Communication Accept. And the PC5 MAC-I helpers.
 */
#include <errno.h>
#include <string.h>

#include "agw_pc5.h"
#include "agw_util.h"
#include "psim_priv.h"

#define MAX_ROUNDS 4
#define HEAD AGW_NIA2_PREFIX_LEN

static int
nia_key(struct agw_nas_sec_engine *eng, const uint8_t pik[16], uint8_t alg, struct agw_nia_key *k)
{
	return alg >= 1 && alg <= 3 && agw_nia_key_init(eng, k, alg, pik) == 0 ? 0 : -EINVAL;
}

long
psim_pc5_protect(struct agw_nas_sec_engine *eng, const uint8_t pik[16], uint8_t alg, uint8_t dir,
		 uint8_t *msg, size_t len, size_t cap)
{
	struct agw_nia_key k;
	int rc;

	if (len < 2 || len + PSIM_MAC_LEN > cap || nia_key(eng, pik, alg, &k) != 0)
		return -EINVAL;
	rc = agw_nia_compute(eng, &k, msg[1], PSIM_BEARER, dir, msg, (uint32_t)len * 8, msg + len);
	agw_nia_key_clear(&k);
	return rc == 0 ? (long)(len + PSIM_MAC_LEN) : -EIO;
}

long
psim_pc5_check(struct agw_nas_sec_engine *eng, const uint8_t pik[16], uint8_t alg, uint8_t dir,
	       const uint8_t *msg, size_t len)
{
	struct agw_nia_key k;
	int rc;

	if (len < 2 + PSIM_MAC_LEN || nia_key(eng, pik, alg, &k) != 0)
		return -EBADMSG;
	rc = agw_nia_verify(eng, &k, msg[1], PSIM_BEARER, dir, msg,
			    (uint32_t)(len - PSIM_MAC_LEN) * 8, msg + len - PSIM_MAC_LEN);
	agw_nia_key_clear(&k);
	return rc == 0 ? (long)(len - PSIM_MAC_LEN) : -EBADMSG;
}

struct flow {
	struct psim_remote *r;
	struct psim_relay *y;
	const struct psim_gw_ops *ops;
	void *arg;
	struct psim_result *res;
	uint8_t prti;
};

/* The gateway's batch check, on a copy with NIA2 headroom and tailroom. */
static int
gw_check(struct flow *f, const uint8_t *msg, size_t len, uint8_t dir)
{
	uint8_t buf[HEAD + PSIM_MSG_MAX + AGW_NAS_SEC_TAILROOM];

	if (f->ops->pc5_check == NULL)
		return 0;
	if (len > PSIM_MSG_MAX)
		return -EINVAL;
	memcpy(buf + HEAD, msg, len);
	return f->ops->pc5_check(f->arg, f->y, f->prti, buf + HEAD, len, dir);
}

static int
end(struct flow *f, uint8_t how)
{
	f->res->end = how;
	return 0;
}

static void
keep_keys(struct flow *f)
{
	struct psim_slot *s = psim_relay_slot(f->y, f->prti);

	memcpy(f->res->remote_knr, f->r->knr, 32);
	memcpy(f->res->remote_sess, f->r->sess, 32);
	memcpy(f->res->remote_pik, f->r->pik, 16);
	memcpy(f->res->remote_pek, f->r->pek, 16);
	if (s != NULL) {
		memcpy(f->res->relay_knr, s->knr, 32);
		memcpy(f->res->relay_sess, s->sess, 32);
		memcpy(f->res->relay_pik, s->pik, 16);
		memcpy(f->res->relay_pek, s->pek, 16);
	}
}

/* DSM Command onwards (S428-S431). */
static int
security_mode(struct flow *f, const uint8_t *dsmc, size_t len)
{
	struct psim_msg c, a;
	long n;

	if (gw_check(f, dsmc, len, PSIM_DIR_TO_REMOTE) != 0)
		return end(f, PSIM_END_GW_PC5_REFUSED);
	n = psim_remote_dsmc(f->r, dsmc, len, c.buf, sizeof(c.buf));
	if (n <= 0)
		return end(f, n == 0 ? PSIM_END_DSMC_REFUSED : PSIM_END_ERROR);
	if (c.buf[0] == AGW_PC5_DL_SM_REJECT)
		return end(f, PSIM_END_DSMC_REFUSED);
	if (gw_check(f, c.buf, (size_t)n, PSIM_DIR_TO_RELAY) != 0)
		return end(f, PSIM_END_GW_PC5_REFUSED);
	n = psim_relay_complete(f->y, f->prti, c.buf, (size_t)n, a.buf, sizeof(a.buf));
	if (n <= 0 || a.buf[0] != AGW_PC5_DL_EST_ACC)
		return end(f, n < 0 ? PSIM_END_ERROR : PSIM_END_COMPLETE_REFUSED);
	keep_keys(f);
	if (psim_remote_accepted(f->r, a.buf, (size_t)n) != 0)
		return end(f, PSIM_END_ERROR);
	return end(f, PSIM_END_ACCEPTED);
}

/* One downlink NAS message: returns 1 with a new uplink in @p ul, or 0 (ended). */
static int
downlink(struct flow *f, const struct psim_msg *dl, struct psim_msg *ul)
{
	struct psim_msg pc5, rsp;
	uint8_t prti = 0;
	long n;

	n = psim_relay_dl_nas(f->y, dl->buf, dl->len, &prti, pc5.buf, sizeof(pc5.buf));
	if (n <= 0 || prti != f->prti)
		return end(f, PSIM_END_ERROR);
	switch (pc5.buf[0]) {
	case AGW_PC5_DL_AUTH_REQ:
		f->res->eap_ran = 1;
		n = psim_remote_auth(f->r, pc5.buf, (size_t)n, rsp.buf, sizeof(rsp.buf));
		if (n > 0)
			n = psim_relay_auth_rsp(f->y, f->prti, rsp.buf, (size_t)n, ul->buf,
						sizeof(ul->buf));
		if (n <= 0)
			return end(f, PSIM_END_ERROR);
		ul->len = (uint16_t)n;
		return 1;
	case AGW_PC5_DL_EST_REJ:
		psim_remote_rejected(f->r, pc5.buf, (size_t)n);
		return end(f, PSIM_END_NAS_REJECT);
	case AGW_PC5_DL_SMC:
		return security_mode(f, pc5.buf, (size_t)n);
	default:
		return end(f, PSIM_END_ERROR);
	}
}

static void
rounds(struct flow *f, struct psim_msg *ul)
{
	struct psim_msg dl[2];
	unsigned int n_dl;

	for (int i = 0; i < MAX_ROUNDS; i++) {
		n_dl = 0;
		if (f->ops->ul_nas(f->arg, f->y, ul->buf, ul->len, dl, &n_dl, 2) != 0 ||
		    n_dl == 0) {
			end(f, n_dl == 0 ? PSIM_END_NO_ANSWER : PSIM_END_ERROR);
			return;
		}
		if (downlink(f, &dl[0], ul) == 0)
			return;
	}
	end(f, PSIM_END_ERROR);
}

int
psim_connect(struct psim_remote *r, struct psim_relay *y, uint32_t rsc, uint64_t now,
	     const struct psim_gw_ops *ops, void *arg, struct psim_result *res)
{
	struct flow f = {r, y, ops, arg, res, 0};
	struct psim_msg dcr, ul;
	long n;

	if (r == NULL || y == NULL || ops == NULL || ops->ul_nas == NULL || res == NULL)
		return -EINVAL;
	memset(res, 0, sizeof(*res));
	res->end = PSIM_END_ERROR;
	n = psim_remote_dcr(r, rsc, now, dcr.buf, sizeof(dcr.buf));
	res->trigger = r->trigger;
	res->sent_suci = !r->sent_id;
	res->sent_kui = r->sent_id && r->trigger != PSIM_TRIG_NONE;
	if (n <= 0)
		return 0;
	n = psim_relay_dcr(y, dcr.buf, (size_t)n, &f.prti, ul.buf, sizeof(ul.buf));
	if (n <= 0)
		return 0;
	res->prti = f.prti;
	ul.len = (uint16_t)n;
	rounds(&f, &ul);
	return 0;
}
