/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Remote UE: the renewal decision of spec/002 4.1 before each DCR, the DCR
 * itself (SUCI, CP-PRUK ID, or ID + key update indication "0" = update
 * needed), and the DSM Command: Nonce_2 not seen before, EAP-Success when
 * EAP ran (then CP-PRUK #2 replaces #1), K_NR_ProSe = KDF(CP-PRUK, Nonce_2,
 * Nonce_1) with its locally kept Nonce_1, K_NRP-sess, NRPIK / NRPEK, and the
 * MAC-I checked before anything is answered.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_pc5.h"
#include "agw_rand.h"
#include "agw_sidf.h"
#include "agw_util.h"
#include "psim_priv.h"

static const uint8_t remote_name[] = "remote-ue";

int
psim_remote_init(struct psim_remote *r, const struct psim_remote_conf *conf)
{
	size_t skip;

	if (r == NULL || conf == NULL || conf->supi == NULL || strncmp(conf->supi, "imsi-", 5) != 0)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->conf = *conf;
	snprintf(r->supi, sizeof(r->supi), "%s", conf->supi);
	skip = 5 + strlen(conf->mcc) + strlen(conf->mnc);
	if (strlen(r->supi) <= skip || strlen(r->supi) - skip >= sizeof(r->msin))
		return -EINVAL;
	snprintf(r->msin, sizeof(r->msin), "%s", r->supi + skip);
	if (r->conf.nia == 0)
		r->conf.nia = 0x0e; /* NIA1-3 */
	if (r->conf.rid[0] == '\0')
		snprintf(r->conf.rid, sizeof(r->conf.rid), "0");
	r->eng = conf->eng;
	if (r->eng == NULL) {
		r->eng = agw_nas_sec_engine_create();
		r->own_eng = 1;
	}
	return r->eng == NULL ? -ENOMEM : 0;
}

void
psim_remote_fini(struct psim_remote *r)
{
	if (r == NULL)
		return;
	if (r->own_eng)
		agw_nas_sec_engine_free(r->eng);
	agw_memzero(r, sizeof(*r));
}

static struct psim_key *
key_of(struct psim_remote *r, uint32_t rsc)
{
	for (int i = 0; i < PSIM_KEYS; i++)
		if (r->keys[i].used && r->keys[i].rsc == rsc)
			return &r->keys[i];
	return NULL;
}

const struct psim_key *
psim_remote_key(const struct psim_remote *r, uint32_t rsc)
{
	return key_of((struct psim_remote *)r, rsc);
}

void
psim_remote_rsc_config_change(struct psim_remote *r, uint32_t rsc)
{
	struct psim_key *k = key_of(r, rsc);

	if (k != NULL)
		k->valid = 0; /* [0240]: mark invalid; the next DCR for the RSC renews it */
}

void
psim_remote_set_cell(struct psim_remote *r, uint32_t cell)
{
	r->cell = cell;
}

/* spec/002 4.1: which trigger (if any) asks for a new CP-PRUK. */
static uint8_t
decide(const struct psim_remote *r, const struct psim_key *k, uint64_t now)
{
	if (k == NULL)
		return PSIM_TRIG_NO_KEY;
	if (k->fallback)
		return PSIM_TRIG_FALLBACK;
	if (!k->valid)
		return PSIM_TRIG_RSC_CHANGE;
	if (r->conf.key_timer_s != 0 && now >= k->created + r->conf.key_timer_s)
		return PSIM_TRIG_TIMER;
	if (r->conf.update_on_cell && r->cell != k->cell)
		return PSIM_TRIG_CELL;
	return PSIM_TRIG_NONE;
}

static long
suci(const struct psim_remote *r, uint8_t *out, size_t cap)
{
	struct agw_sidf_ue ue;

	memset(&ue, 0, sizeof(ue));
	ue.scheme = r->conf.scheme;
	ue.supi_type = AGW_SIDF_SUPI_IMSI;
	ue.hn_key_id = r->conf.hn_key_id;
	ue.hn_pub = r->conf.hn_pub;
	ue.hn_pub_len = r->conf.hn_pub != NULL ? 32 : 0;
	memcpy(ue.mcc, r->conf.mcc, 4);
	memcpy(ue.mnc, r->conf.mnc, 4);
	memcpy(ue.rid, r->conf.rid, 5);
	ue.msin = r->msin;
	return agw_sidf_conceal(&ue, out, cap, NULL);
}

/* UE security capabilities: 5G-EA0 only, 5G-IA as configured (TS 24.501 9.11.3.54). */
static void
sec_cap(const struct psim_remote *r, uint8_t cap[2])
{
	cap[0] = 0x80;
	cap[1] = 0;
	for (int n = 0; n < 8; n++)
		if (r->conf.nia & (1u << n))
			cap[1] |= (uint8_t)(0x80 >> n);
}

long
psim_remote_dcr(struct psim_remote *r, uint32_t rsc, uint64_t now, uint8_t *out, size_t cap)
{
	struct psim_key *k = key_of(r, rsc);
	struct agw_pc5_msg m;
	uint8_t id[1024], caps[2], idbuf[PSIM_ID_MAX + 1];
	long n;
	int renew;

	memset(&m, 0, sizeof(m));
	r->busy = 1, r->eap_ran = 0, r->have_new = 0, r->rsc = rsc, r->now = now;
	r->trigger = decide(r, k, now);
	r->st.trigger[r->trigger]++;
	renew = r->trigger != PSIM_TRIG_NONE;
	if (agw_rand_bytes(r->nonce1, 16) != 0)
		return -EIO;
	m.type = AGW_PC5_DL_EST_REQ;
	m.seq = r->seq++;
	m.src_user_info = (struct agw_pc5_buf){remote_name, sizeof(remote_name) - 1};
	sec_cap(r, caps);
	m.ue_sec_cap = (struct agw_pc5_buf){caps, 2};
	m.sig_sec_policy = 0x22; /* integrity and ciphering "required" (11.3.12) */
	m.nonce_1 = r->nonce1;
	m.rsc = rsc;
	m.present = AGW_PC5_BIT(AGW_PC5_IE_SRC_USER_INFO) | AGW_PC5_BIT(AGW_PC5_IE_UE_SEC_CAP) |
		    AGW_PC5_BIT(AGW_PC5_IE_SIG_SEC_POLICY) | AGW_PC5_BIT(AGW_PC5_IE_NONCE_1) |
		    AGW_PC5_BIT(AGW_PC5_IE_RSC);
	r->sent_id =
		k != NULL &&
		(!renew || (r->conf.method == PSIM_METHOD_KUI && r->trigger != PSIM_TRIG_FALLBACK));
	if (r->sent_id) {
		memcpy(idbuf, k->id, strlen(k->id));
		m.user_key_id_type = AGW_PC5_KEY_ID_CP_PRUK;
		m.user_key_id = (struct agw_pc5_buf){idbuf, (uint16_t)strlen(k->id)};
		m.present |= AGW_PC5_BIT(AGW_PC5_IE_USER_KEY_ID);
		if (renew) { /* method 500: "0" = the network must update the key ([0431]) */
			m.key_update_ind = AGW_PC5_KEY_UPDATE_NEEDED;
			m.present |= AGW_PC5_BIT(AGW_PC5_IE_KEY_UPDATE_IND);
		}
	} else {
		n = suci(r, id, sizeof(id));
		if (n < 0)
			return -EIO;
		m.ue_identity = (struct agw_pc5_buf){id, (uint16_t)n};
		m.present |= AGW_PC5_BIT(AGW_PC5_IE_UE_IDENTITY);
	}
	n = agw_pc5_encode(out, cap, &m);
	return n < 0 ? -EIO : n;
}

long
psim_remote_auth(struct psim_remote *r, const uint8_t *pc5, size_t len, uint8_t *out, size_t cap)
{
	struct agw_pc5_msg m, a;
	uint8_t eap[256];
	long n;

	if (!r->busy) {
		r->st.unexpected++;
		return 0;
	}
	if (agw_pc5_decode(pc5, len, &m) != 0 || m.type != AGW_PC5_DL_AUTH_REQ ||
	    !agw_pc5_has(&m, AGW_PC5_IE_EAP)) {
		r->st.malformed_pc5++;
		return 0;
	}
	n = psim_eap_answer(r, m.eap.p, m.eap.len, eap, sizeof(eap));
	if (n <= 0)
		return n == -EBADMSG ? (r->st.malformed_pc5++, 0) : n;
	memset(&a, 0, sizeof(a));
	a.type = AGW_PC5_DL_AUTH_RSP;
	a.seq = r->seq++;
	a.eap = (struct agw_pc5_buf){eap, (uint16_t)n};
	a.present = AGW_PC5_BIT(AGW_PC5_IE_EAP);
	n = agw_pc5_encode(out, cap, &a);
	return n < 0 ? -EIO : n;
}

static long
plain(uint8_t type, uint8_t seq, uint8_t cause, uint8_t *out, size_t cap)
{
	struct agw_pc5_msg m;
	long n;

	memset(&m, 0, sizeof(m));
	m.type = type;
	m.seq = seq;
	m.cause = cause;
	if (agw_pc5_ie_allowed(type, AGW_PC5_IE_CAUSE))
		m.present = AGW_PC5_BIT(AGW_PC5_IE_CAUSE);
	n = agw_pc5_encode(out, cap, &m);
	return n < 0 ? -EIO : n;
}

static int
nonce2_fresh(struct psim_remote *r, const uint8_t *n2)
{
	if (memcmp(n2, r->nonce1, 16) == 0)
		return 0;
	for (unsigned int i = 0; i < r->n_nonce2 && i < PSIM_NONCE2_HISTORY; i++)
		if (memcmp(r->nonce2_seen[i], n2, 16) == 0)
			return 0;
	memcpy(r->nonce2_seen[r->n_nonce2++ % PSIM_NONCE2_HISTORY], n2, 16);
	return 1;
}

/* K_NR_ProSe and the PC5 keys from @p pruk; 0 or -EIO. */
static int
link_keys(struct psim_remote *r, const uint8_t pruk[32], const uint8_t *n2, uint8_t sel)
{
	int rc = agw_kdf_knr_prose(pruk, r->nonce1, n2, r->knr) == 0 &&
				 agw_kdf_knrp_sess(r->knr, r->nonce1, n2, r->sess) == 0 &&
				 agw_kdf_nrp_alg_key(r->sess, 1, sel & 7, r->pik) == 0 &&
				 agw_kdf_nrp_alg_key(r->sess, 0, (sel >> 4) & 7, r->pek) == 0
			 ? 0
			 : -EIO;

	r->alg = sel & 7;
	return rc;
}

/* EAP ran: the new key replaces the old one of the RSC ([0386][0387]). */
static void
commit_new(struct psim_remote *r)
{
	struct psim_key *k = key_of(r, r->rsc);

	for (int i = 0; k == NULL && i < PSIM_KEYS; i++)
		if (!r->keys[i].used)
			k = &r->keys[i];
	if (k == NULL)
		k = &r->keys[0];
	agw_memzero(k, sizeof(*k));
	k->used = 1;
	k->valid = 1;
	k->rsc = r->rsc;
	memcpy(k->pruk, r->new_pruk, 32);
	snprintf(k->id, sizeof(k->id), "%s", r->new_id);
	k->created = r->now;
	k->cell = r->cell;
	agw_memzero(r->new_pruk, sizeof(r->new_pruk));
	r->have_new = 0;
}

/* Which CP-PRUK the DSM Command must be checked with; NULL: refuse it. */
static const uint8_t *
pruk_for_dsmc(struct psim_remote *r, const struct agw_pc5_msg *m)
{
	const struct psim_key *k = key_of(r, r->rsc);

	if (r->eap_ran) /* EAP-Success must come with the DSM Command ([0207]) */
		return r->have_new && agw_pc5_has(m, AGW_PC5_IE_EAP) && m->eap.len >= 4 &&
				       m->eap.p[0] == 3
			       ? r->new_pruk
			       : NULL;
	return k != NULL && k->valid && !agw_pc5_has(m, AGW_PC5_IE_EAP) ? k->pruk : NULL;
}

long
psim_remote_dsmc(struct psim_remote *r, const uint8_t *pc5, size_t len, uint8_t *out, size_t cap)
{
	struct agw_pc5_msg m;
	const uint8_t *pruk;
	long n;

	if (!r->busy) {
		r->st.unexpected++;
		return 0;
	}
	if (len < 2 + PSIM_MAC_LEN || agw_pc5_decode(pc5, len - PSIM_MAC_LEN, &m) != 0 ||
	    m.type != AGW_PC5_DL_SMC || !agw_pc5_has(&m, AGW_PC5_IE_NONCE_2)) {
		r->st.malformed_pc5++; /* spec/002 T11: discarded, no answer */
		return 0;
	}
	pruk = pruk_for_dsmc(r, &m);
	if (pruk == NULL || !(r->conf.nia & (1u << (m.sel_algs & 7))) || (m.sel_algs & 7) == 0 ||
	    link_keys(r, pruk, m.nonce_2, m.sel_algs) != 0)
		return plain(AGW_PC5_DL_SM_REJECT, r->seq++, AGW_PC5_CAUSE_RELAY_SEC_FAILURE, out,
			     cap);
	if (psim_pc5_check(r->eng, r->pik, r->alg, PSIM_DIR_TO_REMOTE, pc5, len) < 0) {
		r->st.dsmc_bad_mac++;
		return plain(AGW_PC5_DL_SM_REJECT, r->seq++, AGW_PC5_CAUSE_INTEGRITY_FAILURE, out,
			     cap);
	}
	if (!nonce2_fresh(r, m.nonce_2)) {
		r->st.nonce2_replay++;
		return plain(AGW_PC5_DL_SM_REJECT, r->seq++, AGW_PC5_CAUSE_RELAY_SEC_FAILURE, out,
			     cap);
	}
	if (r->eap_ran)
		commit_new(r);
	n = plain(AGW_PC5_DL_SM_COMPLETE, r->seq++, 0, out, cap);
	if (n > 0)
		n = psim_pc5_protect(r->eng, r->pik, r->alg, PSIM_DIR_TO_RELAY, out, (size_t)n,
				     cap);
	return n;
}

void
psim_remote_rejected(struct psim_remote *r, const uint8_t *pc5, size_t len)
{
	struct agw_pc5_msg m;
	struct psim_key *k = key_of(r, r->rsc);

	if (agw_pc5_decode(pc5, len, &m) != 0 || m.type != AGW_PC5_DL_EST_REJ) {
		r->st.malformed_pc5++;
		return;
	}
	/* ENG (spec/002 4.1): a refused CP-PRUK ID -> the SUCI next time. */
	if (r->sent_id && k != NULL) {
		k->valid = 0;
		k->fallback = 1;
	}
	agw_memzero(r->new_pruk, sizeof(r->new_pruk));
	r->have_new = 0;
	r->busy = 0;
}

int
psim_remote_accepted(struct psim_remote *r, const uint8_t *pc5, size_t len)
{
	struct agw_pc5_msg m;

	if (agw_pc5_decode(pc5, len, &m) != 0 || m.type != AGW_PC5_DL_EST_ACC) {
		r->st.malformed_pc5++;
		return -EBADMSG;
	}
	r->busy = 0;
	return 0;
}
