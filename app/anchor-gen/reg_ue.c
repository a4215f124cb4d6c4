/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * UE side of registration: USIM (MILENAGE, SQN freshness, AUTS) and ME
 * (key hierarchy, NAS security, 5GMM messages), checking every downlink
 * message before answering it. See reg_ue.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agw_kdf.h"
#include "agw_nas5g.h"
#include "agw_sidf.h"
#include "agw_util.h"
#include "reg_ue.h"
#include "reg_ue_priv.h"

#define BEARER_3GPP 1 /* NAS connection identifier, TS 33.501 6.4.3.1 */
#define DIR_UL 0
#define DIR_DL 1
#define SYNC_FAIL_AHEAD (UINT64_C(1) << 16) /* how far a sync-fail USIM runs ahead */
#define CAUSE_MAC_FAILURE 20		    /* TS 24.501 9.11.3.2 */
#define CAUSE_SYNCH_FAILURE 21

static const uint8_t abba0[2] = {0x00, 0x00};

const char *
agw_regue_reason_name(unsigned int reason)
{
	static const char *const names[] = {
#define AGW_REGUE_R_(id, s) s,
		AGW_REGUE_REASONS(AGW_REGUE_R_)
#undef AGW_REGUE_R_
	};

	return reason < AGW_REGUE_R_MAX ? names[reason] : "?";
}

const char *
agw_regue_fault_name(unsigned int fault)
{
	static const char *const names[AGW_REGUE_F_MAX] = {
		"none",	      "wrong_res",   "sync_fail", "mac_fail", "unknown",   "smc_forged",
		"ssi_reject", "accept_lost", "bad_imei",  "no_imei",  "dh_bad_key"};

	return fault < AGW_REGUE_F_MAX ? names[fault] : "?";
}

/* ---------------------------------------------------------------------- */
/* Configuration and subscriber data                                       */

int
agw_regue_conf_init(struct agw_regue_conf *c, struct agw_nas_sec_engine *eng, uint64_t seed,
		    const char *mcc, const char *mnc, uint8_t nia_mask, uint8_t nea_mask,
		    uint8_t mix)
{
	int n;

	if (c == NULL || mcc == NULL || mnc == NULL || (nia_mask & 0x0e) == 0 || nea_mask == 0 ||
	    strlen(mcc) != 3 || strlen(mnc) < 2 || strlen(mnc) > 3)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	c->eng = eng;
	c->seed = seed;
	memcpy(c->mcc, mcc, strlen(mcc) + 1);
	memcpy(c->mnc, mnc, strlen(mnc) + 1);
	c->nia_mask = nia_mask & 0x0e; /* NIA1..3 */
	c->nea_mask = nea_mask & 0x0f; /* NEA0..3 */
	c->mix = mix;
	c->svc_cap = -1;
	c->mm_support = 0x03; /* DH exchange, device authentication */
	n = agw_kdf_snn(mcc, mnc, c->snn, sizeof(c->snn));
	if (n < 0 || c->nea_mask == 0)
		return -EINVAL;
	c->snn_len = (size_t)n;
	return 0;
}

/* First 16 octets of HMAC-SHA-256(seed, label || index). */
static int
derive16(uint64_t seed, const char *label, uint32_t index, uint8_t out[16])
{
	uint8_t key[8], msg[32], md[EVP_MAX_MD_SIZE];
	size_t ll = strlen(label);
	unsigned int mdlen = 0;
	int ok;

	for (int i = 0; i < 8; i++)
		key[i] = (uint8_t)(seed >> (56 - 8 * i));
	memcpy(msg, label, ll);
	for (int i = 0; i < 4; i++)
		msg[ll + (size_t)i] = (uint8_t)(index >> (24 - 8 * i));
	ok = HMAC(EVP_sha256(), key, sizeof(key), msg, ll + 4, md, &mdlen) != NULL && mdlen >= 16;
	if (ok)
		memcpy(out, md, 16);
	agw_memzero(md, sizeof(md));
	agw_memzero(key, sizeof(key));
	return ok ? 0 : -EIO;
}

int
agw_regue_subscriber(const struct agw_regue_conf *c, uint32_t index, char *supi, size_t supi_cap,
		     uint8_t k[16], uint8_t opc[16])
{
	int n = snprintf(supi, supi_cap, "imsi-%s%s%010u", c->mcc, c->mnc, index);

	if (n < 0 || (size_t)n >= supi_cap)
		return -EINVAL;
	if (derive16(c->seed, "anchor-gen K", index, k) != 0 ||
	    derive16(c->seed, "anchor-gen OPc", index, opc) != 0) {
		agw_memzero(k, 16);
		agw_memzero(opc, 16);
		return -EIO;
	}
	return 0;
}

/* The @p pick-th set bit of @p mask (bits @p lo..7), cyclically. */
static uint8_t
nth_bit(uint8_t mask, unsigned int lo, uint32_t pick)
{
	unsigned int n = 0, b;

	for (b = lo; b < 8; b++)
		n += (mask >> b) & 1u;
	pick %= n;
	for (b = lo;; b++)
		if (((mask >> b) & 1u) && pick-- == 0)
			return (uint8_t)b;
}

/* UE security capability (TS 24.501 9.11.3.54): bit 8 = algorithm 0. */
static void
ue_caps(struct agw_regue *ue)
{
	const struct agw_regue_conf *c = ue->conf;
	uint8_t ia = c->nia_mask, ea = c->nea_mask;
	unsigned int n_ia = (unsigned int)__builtin_popcount(ia);

	if (c->mix) {
		ia = (uint8_t)(1u << nth_bit(ia, 1, ue->index));
		ea = (uint8_t)(1u << nth_bit(ea, 0, ue->index / n_ia));
	}
	ue->cap[0] = ue->cap[1] = 0;
	for (unsigned int a = 0; a < 8; a++) {
		if (ea & (1u << a))
			ue->cap[0] |= (uint8_t)(0x80u >> a);
		if (ia & (1u << a))
			ue->cap[1] |= (uint8_t)(0x80u >> a);
	}
}

int
agw_regue_init(struct agw_regue *ue, uint32_t index, const struct agw_regue_conf *conf)
{
	size_t pre;

	if (ue == NULL || conf == NULL || conf->eng == NULL)
		return -EINVAL;
	memset(ue, 0, sizeof(*ue));
	ue->conf = conf;
	ue->index = index;
	if (agw_regue_subscriber(conf, index, ue->supi, sizeof(ue->supi), ue->k, ue->opc) != 0)
		return -EIO;
	pre = strlen("imsi-") + strlen(conf->mcc) + strlen(conf->mnc);
	memcpy(ue->msin, ue->supi + pre, strlen(ue->supi + pre) + 1);
	ue->usim = agw_milenage_create(ue->k, ue->opc, AGW_MILENAGE_OPC);
	if (ue->usim == NULL) {
		agw_regue_clear(ue);
		return -ENOMEM;
	}
	ue_caps(ue);
	agw_regue_imei(index, ue->imei);
	ue->ngksi = 7;
	return 0;
}

void
agw_regue_clear(struct agw_regue *ue)
{
	if (ue == NULL)
		return;
	agw_milenage_free(ue->usim);
	agw_nia_key_clear(&ue->nia_key);
	agw_nea_key_clear(&ue->nea_key);
	agw_memzero(ue, sizeof(*ue));
}

int
agw_regue_done(const struct agw_regue *ue)
{
	return ue->state >= AGW_REGUE_ST_REGISTERED && ue->state != AGW_REGUE_ST_WAIT_DEREG;
}

void
agw_regue_abort(struct agw_regue *ue, unsigned int reason)
{
	if (!agw_regue_done(ue)) {
		ue->state = AGW_REGUE_ST_FAILED;
		ue->reason = (uint8_t)reason;
	}
}

/* The end of a UE whose fault lets it register: REGISTERED, or
 * DEREGISTERED when it was asked to deregister. */
static int
reg_end(const struct agw_regue *ue)
{
	return ue->state == (ue->dereg ? AGW_REGUE_ST_DEREGISTERED : AGW_REGUE_ST_REGISTERED);
}

int
agw_regue_as_expected(const struct agw_regue *ue, uint8_t unknown_cause)
{
	switch (ue->fault) {
	case AGW_REGUE_F_NONE:
		return reg_end(ue) && !ue->sent_synch_failure;
	case AGW_REGUE_F_WRONG_RES:
		return ue->state == AGW_REGUE_ST_AUTH_REJECTED;
	case AGW_REGUE_F_SYNC_FAIL:
		return reg_end(ue) && ue->resynced;
	case AGW_REGUE_F_MAC_FAIL:
		return ue->sent_mac_failure &&
		       (ue->state == AGW_REGUE_ST_AUTH_REJECTED ||
			ue->state == AGW_REGUE_ST_REJECTED ||
			(ue->state == AGW_REGUE_ST_FAILED && ue->reason == AGW_REGUE_R_TIMEOUT));
	case AGW_REGUE_F_UNKNOWN:
		return ue->state == AGW_REGUE_ST_REJECTED && ue->cause == unknown_cause;
	case AGW_REGUE_F_SMC_FORGED:
		return reg_end(ue) && ue->sent_forged_smc;
	case AGW_REGUE_F_ACCEPT_LOST:
		return reg_end(ue) && ue->lost_accept;
	case AGW_REGUE_F_SSI_REJECT: /* under the new context: after the SMC */
		return ue->state == AGW_REGUE_ST_REJECTED && ue->cause == AGW_REGUE_SSI_CAUSE &&
		       ue->has_ctx;
	case AGW_REGUE_F_BAD_IMEI: /* negative Device authentication result, then #5 */
	case AGW_REGUE_F_NO_IMEI:
		return ue->state == AGW_REGUE_ST_REJECTED && ue->cause == AGW_REGUE_DEVAUTH_CAUSE &&
		       ue->devauth_state == 3;
	case AGW_REGUE_F_DH_BAD_KEY:
		return ue->state == AGW_REGUE_ST_REJECTED && ue->cause == AGW_REGUE_DH_CAUSE &&
		       ue->dh_ue_started + ue->n_dh_nw_key > 0;
	default:
		return 0;
	}
}

/* Luhn check digit of 14 digits (TS 23.003 Annex B). */
static char
luhn_digit(const char *d)
{
	unsigned int sum = 0;

	for (int i = 13, dbl = 1; i >= 0; i--, dbl ^= 1) {
		unsigned int v = (unsigned int)(d[i] - '0') * (dbl ? 2u : 1u);

		sum += v / 10 + v % 10;
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

void
agw_regue_imei(uint32_t index, char imei[16])
{
	snprintf(imei, 16, "35000011%06u", index % 1000000u);
	imei[14] = luhn_digit(imei);
	imei[15] = '\0';
}

/* ---------------------------------------------------------------------- */
/* Building uplink NAS                                                     */

static int
fail(struct agw_regue *ue, unsigned int reason)
{
	ue->state = AGW_REGUE_ST_FAILED;
	ue->reason = (uint8_t)reason;
	return 0;
}

int
regue_fail(struct agw_regue *ue, unsigned int reason)
{
	return fail(ue, reason);
}

static void
body_init(struct agw_nas_body *b, uint8_t type)
{
	agw_nas_body_init(b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, type));
}

static long
ue_plain(uint8_t type, const struct agw_nas_body *b, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr h = {.epd = AGW_NAS5G_EPD_5GMM, .hdr_len = 3, .type = type};

	return agw_nas5g_encode(&h, b, buf, cap);
}

/* Protect like a UE: NEA after SQN for SHT 2/4, NIA over SQN || message
 * with the next UL COUNT (TS 33.501 6.4.3.1, TS 24.501 4.4.3). */
static long
ue_protected(struct agw_regue *ue, uint8_t type, const struct agw_nas_body *b, uint8_t sht,
	     uint8_t *buf, size_t cap)
{
	struct agw_nas_sec_engine *eng = ue->conf->eng;
	long n = cap > AGW_NAS5G_SEC_HDR_LEN ? ue_plain(type, b, buf + 7, cap - 7) : -ENOSPC;
	uint32_t count = ue->ul_count;

	if (n <= 0)
		return -ENOSPC;
	buf[0] = AGW_NAS5G_EPD_5GMM;
	buf[1] = sht;
	buf[6] = (uint8_t)count;
	if ((sht == AGW_NAS5G_SHT_INTEG_CIPH || sht == AGW_NAS5G_SHT_INTEG_CIPH_NEW) &&
	    agw_nea_apply(eng, &ue->nea_key, count, BEARER_3GPP, DIR_UL, buf + 7, buf + 7,
			  (uint32_t)(8 * n)) != 0)
		return -EIO;
	if (agw_nia_compute(eng, &ue->nia_key, count, BEARER_3GPP, DIR_UL, buf + 6,
			    (uint32_t)(8 * (n + 1)), buf + 2) != 0)
		return -EIO;
	ue->ul_count = (count + 1) & 0xffffff;
	return n + AGW_NAS5G_SEC_HDR_LEN;
}

/* Record an uplink message: length out, counted; an encode error fails the UE. */
static int
ul_out(struct agw_regue *ue, long n, size_t *ul_len)
{
	if (n <= 0)
		return fail(ue, AGW_REGUE_R_ENCODE);
	*ul_len = (size_t)n;
	ue->n_ul++;
	return 0;
}

int
regue_send(struct agw_regue *ue, uint8_t type, const struct agw_nas_body *b, uint8_t *ul,
	   size_t cap, size_t *ul_len)
{
	return ul_out(ue, ue_protected(ue, type, b, AGW_NAS5G_SHT_INTEG_CIPH, ul, cap), ul_len);
}

/* 5GS mobile identity holding the SUCI, null scheme (TS 33.501 6.12.2). */
static long
ue_suci(const struct agw_regue *ue, uint8_t *ie, size_t cap)
{
	struct agw_sidf_ue in = {.scheme = AGW_SIDF_SCHEME_NULL,
				 .supi_type = AGW_SIDF_SUPI_IMSI,
				 .rid = "0",
				 .msin = ue->msin};

	memcpy(in.mcc, ue->conf->mcc, sizeof(in.mcc));
	memcpy(in.mnc, ue->conf->mnc, sizeof(in.mnc));
	return agw_sidf_conceal(&in, ie, cap, NULL);
}

int
agw_regue_start(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	uint8_t ie[AGW_SIDF_IE_MAX], svc;
	struct agw_nas_body b;
	long n;

	if (ue == NULL || ul == NULL || ul_len == NULL || ue->state != AGW_REGUE_ST_IDLE)
		return -EINVAL;
	*ul_len = 0;
	n = ue_suci(ue, ie, sizeof(ie));
	if (n <= 0) {
		fail(ue, AGW_REGUE_R_ENCODE);
		return -EPROTO;
	}
	body_init(&b, AGW_NAS5G_MT_REGISTRATION_REQUEST);
	agw_nas_set_half(&b, AGW_NAS5G_F_REG_TYPE, 1); /* initial registration */
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, 7);    /* no key available */
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ie, (uint16_t)n);
	agw_nas_set(&b, AGW_NAS5G_F_UE_SEC_CAP, ue->cap, sizeof(ue->cap));
	/* seed 000: the MM capability octet; ssi_reject advertises none */
	svc = ue->fault == AGW_REGUE_F_SSI_REJECT ? 0 : (uint8_t)ue->conf->svc_cap;
	if (ue->fault == AGW_REGUE_F_SSI_REJECT || ue->conf->svc_cap >= 0)
		agw_nas_set(&b, AGW_NAS5G_F_UE_SEC_SVC_CAP, &svc, 1);
	ue->state = AGW_REGUE_ST_WAIT_AUTH;
	ul_out(ue, ue_plain(AGW_NAS5G_MT_REGISTRATION_REQUEST, &b, ul, cap), ul_len);
	return ue->state == AGW_REGUE_ST_FAILED ? -ENOSPC : 0;
}

/* ---------------------------------------------------------------------- */
/* Authentication (USIM + ME)                                              */

static void
sqn_to_octets(uint64_t v, uint8_t o[AGW_MIL_SQN_LEN])
{
	for (int i = AGW_MIL_SQN_LEN - 1; i >= 0; i--, v >>= 8)
		o[i] = (uint8_t)v;
}

static uint64_t
sqn_from_octets(const uint8_t o[AGW_MIL_SQN_LEN])
{
	uint64_t v = 0;

	for (int i = 0; i < AGW_MIL_SQN_LEN; i++)
		v = v << 8 | o[i];
	return v;
}

/* Keep the answer to this RAND for a retransmitted Authentication request. */
static int
auth_answer(struct agw_regue *ue, const uint8_t *rand, long n, const uint8_t *ul, size_t *ul_len)
{
	if (n > 0 && (size_t)n <= sizeof(ue->last_auth)) {
		memcpy(ue->last_rand, rand, sizeof(ue->last_rand));
		memcpy(ue->last_auth, ul, (size_t)n);
		ue->last_auth_len = (uint16_t)n;
		ue->has_rand = 1;
	}
	return ul_out(ue, n, ul_len);
}

/* Authentication failure: #20 MAC failure, or #21 with AUTS (9.11.3.14). */
static long
auth_failure(uint8_t cause, const uint8_t *auts, uint8_t *ul, size_t cap)
{
	struct agw_nas_body b;

	body_init(&b, AGW_NAS5G_MT_AUTHENTICATION_FAILURE);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	if (auts != NULL)
		agw_nas_set(&b, AGW_NAS5G_F_AUTH_FAILURE_PARAM, auts, AGW_MIL_AUTS_LEN);
	return ue_plain(AGW_NAS5G_MT_AUTHENTICATION_FAILURE, &b, ul, cap);
}

/* SQN not fresh (TS 33.102 6.3.3): AUTS from SQN_MS, cause #21. */
static long
synch_failure(struct agw_regue *ue, const uint8_t *rand, uint8_t *ul, size_t cap)
{
	uint8_t ms[AGW_MIL_SQN_LEN], auts[AGW_MIL_AUTS_LEN];
	long n;

	sqn_to_octets(ue->sqn_ms, ms);
	if (agw_milenage_gen_auts(ue->usim, rand, ms, auts) != 0)
		return -EIO;
	ue->sent_synch_failure = 1;
	n = auth_failure(CAUSE_SYNCH_FAILURE, auts, ul, cap);
	agw_memzero(auts, sizeof(auts));
	return n;
}

/* K_AUSF -> K_SEAF (A.6) -> K_AMF (A.7, SUPI and ABBA). */
static int
derive_kamf(struct agw_regue *ue, const uint8_t kausf[32])
{
	uint8_t kseaf[32];
	char sp[32];
	int n = agw_kdf_supi_param(ue->supi, sp, sizeof(sp)), rc;

	rc = n < 0 ? n : agw_kdf_kseaf(kausf, ue->conf->snn, ue->conf->snn_len, kseaf);
	if (rc == 0)
		rc = agw_kdf_kamf(kseaf, sp, (size_t)n, abba0, sizeof(abba0), ue->kamf);
	agw_memzero(kseaf, sizeof(kseaf));
	ue->kamf_derived = rc == 0;
	return rc;
}

/* Fresh SQN: keys, then the Authentication response with RES*. */
static long
auth_response(struct agw_regue *ue, struct agw_ue_auth_5g *r, uint8_t *ul, size_t cap)
{
	struct agw_nas_body b;

	if (derive_kamf(ue, r->kausf) != 0)
		return -EIO;
	memcpy(ue->kausf, r->kausf, sizeof(ue->kausf)); /* for AKMA (TS 33.535 6.1) */
	ue->state = AGW_REGUE_ST_WAIT_SMC;
	if (ue->fault == AGW_REGUE_F_WRONG_RES)
		r->res_star[5] ^= 0x40;
	body_init(&b, AGW_NAS5G_MT_AUTHENTICATION_RESPONSE);
	agw_nas_set(&b, AGW_NAS5G_F_AUTH_RESPONSE_PARAM, r->res_star, sizeof(r->res_star));
	return ue_plain(AGW_NAS5G_MT_AUTHENTICATION_RESPONSE, &b, ul, cap);
}

/* USIM: AUTN check (MAC-A, separation bit), then SQN freshness. */
static long
usim_run(struct agw_regue *ue, const uint8_t *rand, const uint8_t *autn_in, uint8_t *ul, size_t cap)
{
	struct agw_ue_auth_5g r;
	uint8_t autn[AGW_MIL_AUTN_LEN];
	uint64_t sqn;
	long n;
	int rc;

	memcpy(autn, autn_in, sizeof(autn));
	if (ue->fault == AGW_REGUE_F_MAC_FAIL)
		autn[AGW_MIL_AUTN_LEN - 1] ^= 0x01; /* MAC-A will not verify */
	rc = agw_milenage_ue_auth_5g(ue->usim, rand, autn, ue->conf->snn, ue->conf->snn_len, &r);
	if (rc == -EBADMSG) {
		ue->sent_mac_failure = 1;
		return auth_failure(CAUSE_MAC_FAILURE, NULL, ul, cap);
	}
	if (rc != 0)
		return rc == -EPROTO ? -EPROTO : -EIO;
	sqn = sqn_from_octets(r.sqn);
	if (ue->fault == AGW_REGUE_F_SYNC_FAIL && !ue->sent_synch_failure)
		ue->sqn_ms = sqn + SYNC_FAIL_AHEAD;
	if (sqn <= ue->sqn_ms) {
		agw_memzero(&r, sizeof(r));
		return synch_failure(ue, rand, ul, cap);
	}
	ue->sqn_ms = sqn;
	ue->sqn_accepted = sqn;
	ue->resynced = ue->sent_synch_failure;
	n = auth_response(ue, &r, ul, cap);
	agw_memzero(&r, sizeof(r));
	return n;
}

/* Authentication request (TS 24.501 5.4.1.3.2): RAND, AUTN, ngKSI, ABBA. */
static int
on_auth_request(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
		size_t *ul_len)
{
	const struct agw_nas_ie *abba = agw_nas_get(b, AGW_NAS5G_F_ABBA);
	const struct agw_nas_ie *ksi = agw_nas_get(b, AGW_NAS5G_F_NGKSI);
	const uint8_t *rand, *autn;
	long n;

	if (ue->state != AGW_REGUE_ST_WAIT_AUTH && ue->state != AGW_REGUE_ST_WAIT_SMC)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	if (agw_nas5g_rand(b, &rand) != 0 || agw_nas5g_autn(b, &autn) != 0 || ksi == NULL)
		return fail(ue, AGW_REGUE_R_DECODE);
	if (abba == NULL || abba->len != 2 || memcmp(abba->v, abba0, 2) != 0)
		return fail(ue, AGW_REGUE_R_ABBA);
	if (ue->has_rand && memcmp(rand, ue->last_rand, sizeof(ue->last_rand)) == 0 &&
	    ue->last_auth_len <= cap) { /* retransmission: same answer */
		memcpy(ul, ue->last_auth, ue->last_auth_len);
		return ul_out(ue, ue->last_auth_len, ul_len);
	}
	n = usim_run(ue, rand, autn, ul, cap);
	if (n == -EPROTO)
		return fail(ue, AGW_REGUE_R_AUTN);
	if (n < 0)
		return fail(ue, AGW_REGUE_R_CRYPTO);
	ue->ngksi = agw_nas_ksi_from_half(ksi->half).ksi;
	return auth_answer(ue, rand, n, ul, ul_len);
}

/* ---------------------------------------------------------------------- */
/* Security mode command (TS 24.501 5.4.2.3, TS 33.501 6.7.2)              */

static void
mac_octets(uint32_t mac, uint8_t o[4])
{
	o[0] = (uint8_t)(mac >> 24);
	o[1] = (uint8_t)(mac >> 16);
	o[2] = (uint8_t)(mac >> 8);
	o[3] = (uint8_t)mac;
}

/* DL NAS COUNT from the 8-bit SQN and the next acceptable COUNT. */
static uint32_t
dl_count_estimate(uint32_t next, uint8_t sqn)
{
	uint32_t ovf = next >> 8;

	if (sqn < (next & 0xff))
		ovf++;
	return (ovf << 8 | sqn) & 0xffffff;
}

/* Verify a protected DL message's MAC (DIRECTION 1) at @p count. */
static int
dl_verify(struct agw_regue *ue, const struct agw_nas5g_sec *sec, uint32_t count)
{
	uint8_t mac[4];

	mac_octets(sec->mac, mac);
	if (agw_nia_verify(ue->conf->eng, &ue->nia_key, count, BEARER_3GPP, DIR_DL, sec->mac_input,
			   (uint32_t)(8 * sec->mac_input_len), mac) != 0) {
		fail(ue, AGW_REGUE_R_DL_MAC);
		return -EBADMSG;
	}
	ue->dl_mac_ok++;
	ue->dl_count = (count + 1) & 0xffffff;
	return 0;
}

/* Algorithms selected by the network: offered by this UE, never NIA0. */
static int
algs_offered(const struct agw_regue *ue, struct agw_nas5g_sec_algs al)
{
	return al.integ != 0 && (ue->cap[1] & (0x80u >> al.integ)) &&
	       (ue->cap[0] & (0x80u >> al.ciph));
}

/* New context from K_AMF: K_NASint/K_NASenc (A.8) and expanded keys. */
static int
new_context(struct agw_regue *ue, struct agw_nas5g_sec_algs al)
{
	struct agw_nas_sec_engine *eng = ue->conf->eng;

	ue->nia = al.integ;
	ue->nea = al.ciph;
	if (agw_kdf_nas_keys(ue->kamf, ue->nea, ue->nia, ue->knas_enc, ue->knas_int) != 0 ||
	    agw_nia_key_init(eng, &ue->nia_key, ue->nia, ue->knas_int) != 0 ||
	    agw_nea_key_init(eng, &ue->nea_key, ue->nea, ue->knas_enc) != 0)
		return -EIO;
	ue->has_ctx = 1;
	return 0;
}

/* Selected algorithms of the SMC: present, offered by this UE. Returns
 * 0, or the failure reason. */
static unsigned int
smc_algs(const struct agw_regue *ue, const struct agw_nas_body *b, struct agw_nas5g_sec_algs *al)
{
	const struct agw_nas_ie *algs = agw_nas_get(b, AGW_NAS5G_F_NAS_SEC_ALGS);

	if (algs == NULL || algs->len != 1)
		return AGW_REGUE_R_DECODE;
	*al = agw_nas5g_sec_algs_decode(algs->v[0]);
	return algs_offered(ue, *al) ? AGW_REGUE_R_NONE : AGW_REGUE_R_ALG;
}

/* After the MAC (TS 33.501 6.7.2): replayed UE security capabilities equal
 * to what this UE sent, ngKSI of the authentication. */
static unsigned int
smc_replayed(const struct agw_regue *ue, const struct agw_nas_body *b)
{
	const struct agw_nas_ie *rep = agw_nas_get(b, AGW_NAS5G_F_REPLAYED_UE_SEC_CAP);
	const struct agw_nas_ie *ksi = agw_nas_get(b, AGW_NAS5G_F_NGKSI);

	if (rep == NULL || ksi == NULL)
		return AGW_REGUE_R_DECODE;
	if (rep->len != sizeof(ue->cap) || memcmp(rep->v, ue->cap, sizeof(ue->cap)) != 0)
		return AGW_REGUE_R_CAP_MISMATCH;
	if (agw_nas_ksi_from_half(ksi->half).ksi != ue->ngksi)
		return AGW_REGUE_R_KSI;
	return AGW_REGUE_R_NONE;
}

/* SMC (SHT 3, new context): keys from K_AMF for the selected algorithms,
 * MAC, replayed capabilities; answer Security mode complete (SHT 4, UL
 * COUNT 0). A retransmitted SMC (new DL COUNT) is verified again and
 * answered with the next UL COUNT. */
static int
on_smc(struct agw_regue *ue, const struct agw_nas5g_msg *m, uint8_t *ul, size_t cap, size_t *ul_len)
{
	struct agw_nas5g_sec_algs al = {0, 0};
	struct agw_nas_body b;
	int first = ue->state == AGW_REGUE_ST_WAIT_SMC;
	unsigned int why;
	long n;

	if ((!first && ue->state != AGW_REGUE_ST_WAIT_ACCEPT) || !ue->kamf_derived ||
	    m->sec.sht != AGW_NAS5G_SHT_INTEG_NEW)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	why = smc_algs(ue, &m->ies, &al);
	if (why != AGW_REGUE_R_NONE)
		return fail(ue, why);
	if (first) {
		ue->ul_count = 0;
		ue->dl_count = 0;
	}
	if (new_context(ue, al) != 0)
		return fail(ue, AGW_REGUE_R_CRYPTO);
	if (dl_verify(ue, &m->sec, dl_count_estimate(ue->dl_count, m->sec.sqn)) != 0)
		return 0;
	why = smc_replayed(ue, &m->ies);
	if (why != AGW_REGUE_R_NONE)
		return fail(ue, why);
	body_init(&b, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE);
	ue->state = AGW_REGUE_ST_WAIT_ACCEPT;
	n = ue_protected(ue, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE, &b, AGW_NAS5G_SHT_INTEG_CIPH_NEW,
			 ul, cap);
	if (n > 0 && ue->fault == AGW_REGUE_F_SMC_FORGED && !ue->sent_forged_smc) {
		ul[2] ^= 0x80; /* MAC octet 1: the network must refuse it */
		ue->sent_forged_smc = 1;
	}
	return ul_out(ue, n, ul_len);
}

/* ---------------------------------------------------------------------- */
/* Registration accept / reject, Authentication reject, Identity request  */

/* Registration accept (only ever protected: see on_message()): keep the
 * 5G-GUTI and the AKMA identifier, answer Registration complete (SHT 2).
 * A retransmitted accept gets a new Registration complete. */
static int
on_accept(struct agw_regue *ue, const struct agw_nas_body *b, uint8_t *ul, size_t cap,
	  size_t *ul_len)
{
	const struct agw_nas_ie *g = agw_nas_get(b, AGW_NAS5G_F_GUTI);
	struct agw_nas_body rc;
	unsigned int why;

	if (ue->state != AGW_REGUE_ST_WAIT_ACCEPT && ue->state != AGW_REGUE_ST_REGISTERED)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	if (g == NULL || g->len != 11)
		return fail(ue, AGW_REGUE_R_NO_GUTI);
	why = regue_akma_on_accept(ue, b);
	if (why != AGW_REGUE_R_NONE)
		return fail(ue, why);
	memcpy(ue->guti, g->v, g->len);
	ue->guti_len = (uint8_t)g->len;
	if (ue->fault == AGW_REGUE_F_ACCEPT_LOST && !ue->lost_accept) {
		ue->lost_accept = 1; /* as if the radio lost it: no answer */
		return 0;
	}
	body_init(&rc, AGW_NAS5G_MT_REGISTRATION_COMPLETE);
	ue->state = AGW_REGUE_ST_REGISTERED;
	return ul_out(ue,
		      ue_protected(ue, AGW_NAS5G_MT_REGISTRATION_COMPLETE, &rc,
				   AGW_NAS5G_SHT_INTEG_CIPH, ul, cap),
		      ul_len);
}

static int
on_reg_reject(struct agw_regue *ue, const struct agw_nas_body *b)
{
	const struct agw_nas_ie *c = agw_nas_get(b, AGW_NAS5G_F_MM_CAUSE);

	if (c == NULL || c->len != 1)
		return fail(ue, AGW_REGUE_R_DECODE);
	ue->cause = c->v[0];
	ue->state = AGW_REGUE_ST_REJECTED;
	return 0;
}

static int
on_auth_reject(struct agw_regue *ue)
{
	if (ue->state != AGW_REGUE_ST_WAIT_AUTH && ue->state != AGW_REGUE_ST_WAIT_SMC)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	ue->state = AGW_REGUE_ST_AUTH_REJECTED;
	return 0;
}

/* Identity request for the SUCI (TS 24.501 5.4.3): Identity response. */
static int
on_identity_request(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	uint8_t ie[AGW_SIDF_IE_MAX];
	struct agw_nas_body b;
	long n;

	if (ue->state != AGW_REGUE_ST_WAIT_AUTH)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	n = ue_suci(ue, ie, sizeof(ie));
	if (n <= 0)
		return fail(ue, AGW_REGUE_R_ENCODE);
	body_init(&b, AGW_NAS5G_MT_IDENTITY_RESPONSE);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ie, (uint16_t)n);
	return ul_out(ue, ue_plain(AGW_NAS5G_MT_IDENTITY_RESPONSE, &b, ul, cap), ul_len);
}

/* ---------------------------------------------------------------------- */
/* UE-originating deregistration (TS 24.501 5.5.2.2)                       */

/* De-registration type (9.11.3.20): switch-off 0, re-registration
 * required 0 (spare for UE originating), access type 01 = 3GPP. */
#define DEREG_TYPE_NORMAL_3GPP 0x1

int
agw_regue_deregister(struct agw_regue *ue, uint8_t *ul, size_t cap, size_t *ul_len)
{
	struct agw_nas_ksi ksi = {.tsc = 0, .ksi = ue != NULL ? ue->ngksi : 0};
	struct agw_nas_body b;
	uint8_t sht;

	if (ue == NULL || ul == NULL || ul_len == NULL || ue->state != AGW_REGUE_ST_REGISTERED ||
	    !ue->has_ctx || ue->guti_len == 0)
		return -EINVAL;
	*ul_len = 0;
	body_init(&b, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG);
	agw_nas_set_half(&b, AGW_NAS5G_F_DEREG_TYPE, DEREG_TYPE_NORMAL_3GPP);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, agw_nas_ksi_to_half(ksi));
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ue->guti, ue->guti_len);
	/* NEA0 ciphers nothing: integrity protection alone says the same */
	sht = ue->nea == 0 ? AGW_NAS5G_SHT_INTEG : AGW_NAS5G_SHT_INTEG_CIPH;
	ue->state = AGW_REGUE_ST_WAIT_DEREG;
	ue->dereg_sht = sht;
	ul_out(ue, ue_protected(ue, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG, &b, sht, ul, cap), ul_len);
	if (ue->state == AGW_REGUE_ST_FAILED)
		return -ENOSPC;
	ue->dereg_sent++;
	return 0;
}

/* Deregistration accept (8.2.13): only under the context (its MAC and DL
 * COUNT were verified by on_protected()), only while waiting for it. */
static int
on_dereg_accept(struct agw_regue *ue, uint8_t sht)
{
	if (ue->state != AGW_REGUE_ST_WAIT_DEREG)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	if (sht == AGW_NAS5G_SHT_PLAIN)
		return fail(ue, AGW_REGUE_R_DEREG_PLAIN);
	ue->dereg_dl_count = (ue->dl_count - 1u) & 0xffffff;
	ue->state = AGW_REGUE_ST_DEREGISTERED;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Downlink dispatch                                                       */

/* A plain (or integrity-verified and deciphered) 5GMM message. */
static int
on_message(struct agw_regue *ue, const struct agw_nas5g_msg *m, uint8_t *ul, size_t cap,
	   size_t *ul_len)
{
	if (m->hdr.epd != AGW_NAS5G_EPD_5GMM || m->ies.desc == NULL)
		return fail(ue, AGW_REGUE_R_DECODE);
	switch (m->hdr.type) {
	case AGW_NAS5G_MT_AUTHENTICATION_REQUEST:
		return on_auth_request(ue, &m->ies, ul, cap, ul_len);
	case AGW_NAS5G_MT_AUTHENTICATION_REJECT:
		return on_auth_reject(ue);
	case AGW_NAS5G_MT_REGISTRATION_REJECT:
		return on_reg_reject(ue, &m->ies);
	case AGW_NAS5G_MT_IDENTITY_REQUEST:
		if (m->sec.sht != AGW_NAS5G_SHT_PLAIN) /* under NAS security: seed 000 IMEI */
			return regue_ssp_on_message(ue, m, ul, cap, ul_len);
		return on_identity_request(ue, ul, cap, ul_len);
	case AGW_NAS5G_MT_SEC_SVC_COMMAND:
	case AGW_NAS5G_MT_DH_NETWORK_KEY:
	case AGW_NAS5G_MT_DEVICE_AUTH_RESULT:
		return regue_ssp_on_message(ue, m, ul, cap, ul_len);
	case AGW_NAS5G_MT_SECURITY_MODE_COMMAND:
		return on_smc(ue, m, ul, cap, ul_len);
	case AGW_NAS5G_MT_REGISTRATION_ACCEPT:
		return m->sec.sht == AGW_NAS5G_SHT_PLAIN ? fail(ue, AGW_REGUE_R_UNEXPECTED)
							 : on_accept(ue, &m->ies, ul, cap, ul_len);
	case AGW_NAS5G_MT_DEREG_ACCEPT_UE_ORIG:
		return on_dereg_accept(ue, m->sec.sht);
	default:
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	}
}

/* SHT 1/2 with the current context: COUNT not replayed, MAC, decipher. */
static int
on_protected(struct agw_regue *ue, const struct agw_nas5g_sec *sec, uint8_t *ul, size_t cap,
	     size_t *ul_len)
{
	uint8_t plain[AGW_REGUE_NAS_MAX * 2];
	struct agw_nas5g_msg m;
	uint32_t count = dl_count_estimate(ue->dl_count, sec->sqn);
	int rc;

	if (!ue->has_ctx)
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	if (sec->msg_len > sizeof(plain))
		return fail(ue, AGW_REGUE_R_DECODE);
	if (dl_verify(ue, sec, count) != 0)
		return 0;
	memcpy(plain, sec->msg, sec->msg_len);
	if (sec->ciphered && agw_nea_apply(ue->conf->eng, &ue->nea_key, count, BEARER_3GPP, DIR_DL,
					   sec->msg, plain, (uint32_t)(8 * sec->msg_len)) != 0)
		return fail(ue, AGW_REGUE_R_CRYPTO);
	rc = agw_nas5g_decode(plain, sec->msg_len, &m);
	if (rc != 0 || m.sec.sht != AGW_NAS5G_SHT_PLAIN) {
		rc = fail(ue, AGW_REGUE_R_DECODE);
	} else {
		m.sec.sht = sec->sht; /* what protected it, for on_message() */
		rc = on_message(ue, &m, ul, cap, ul_len);
	}
	agw_memzero(plain, sizeof(plain));
	return rc;
}

int
agw_regue_on_dl(struct agw_regue *ue, const uint8_t *nas, size_t len, uint8_t *ul, size_t cap,
		size_t *ul_len)
{
	struct agw_nas5g_msg m;

	if (ue == NULL || nas == NULL || ul == NULL || ul_len == NULL)
		return -EINVAL;
	*ul_len = 0;
	ue->n_dl++;
	if (agw_regue_done(ue) && ue->state != AGW_REGUE_ST_REGISTERED)
		return 0; /* late message for a finished UE */
	if (agw_nas5g_decode(nas, len, &m) != 0)
		return fail(ue, AGW_REGUE_R_DECODE);
	switch (m.sec.sht) {
	case AGW_NAS5G_SHT_PLAIN:
	case AGW_NAS5G_SHT_INTEG_NEW:
		if (m.sec.sht == AGW_NAS5G_SHT_INTEG_NEW &&
		    m.hdr.type != AGW_NAS5G_MT_SECURITY_MODE_COMMAND)
			return fail(ue, AGW_REGUE_R_UNEXPECTED);
		return on_message(ue, &m, ul, cap, ul_len);
	case AGW_NAS5G_SHT_INTEG:
	case AGW_NAS5G_SHT_INTEG_CIPH:
		return on_protected(ue, &m.sec, ul, cap, ul_len);
	default:
		return fail(ue, AGW_REGUE_R_UNEXPECTED);
	}
}
