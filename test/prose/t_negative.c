/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Refusals and bad input (spec/002 T15, T19, T22-T29, T33, T35-T37, 4.7):
 * revoked relay authorisation -> "403", Relay Key Reject and no K_NR_ProSe
 * for each checker; relay not authorised; unknown CP-PRUK ID -> "404" and the
 * UE falls back to its SUCI; RSC mismatch; replayed Nonce_1 (AUSF) and
 * Nonce_2 (UE); malformed NAS, EAP and PC5 counted; EAP failures; timeout;
 * no room for another EAP run.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "agw_kdf.h"
#include "agw_pc5.h"
#include "agw_test.h"
#include "prose_test.h"

static void
set_sub_flags(struct pt_fix *f, const char *supi, uint8_t flags)
{
	struct agw_store_sub s;

	CU_ASSERT_EQUAL_FATAL(agw_store_sub_get(f->store, supi, &s), 0);
	s.flags = flags;
	CU_ASSERT_EQUAL(agw_store_sub_put(f->store, &s), 0);
	agw_store_sub_clear(&s);
}

/* A connection that must end with a 403 and no key. */
static void
assert_forbidden(struct pt_fix *f, uint8_t checker)
{
	struct agw_prose_counters a = pt_ctr(f), b;
	struct psim_result res;

	pt_connect(f, 0, PT_RSC, &res);
	b = pt_ctr(f);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(f)->verdict, AGW_PROSE_V_FORBIDDEN);
	CU_ASSERT_EQUAL(pt_last(f)->checker, checker);
	CU_ASSERT_EQUAL(pt_last(f)->link, 0);
	CU_ASSERT(!f->seen.have_knr); /* no Relay Key Accept at all */
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_AUTHZ_DENIED] - a.stat[AGW_PROSE_STAT_AUTHZ_DENIED],
			1);
	CU_ASSERT_EQUAL(b.verdict[AGW_PROSE_V_OK], a.verdict[AGW_PROSE_V_OK]);
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_LINKS], a.stat[AGW_PROSE_STAT_LINKS]);
}

static void
established(struct pt_fix *f, enum agw_prose_authz_mode mode)
{
	struct psim_result res;

	pt_fix_init(f, PSIM_METHOD_SUCI);
	f->conf.authz = mode;
	pt_create(f);
	pt_connect(f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL_FATAL(res.end, PSIM_END_ACCEPTED);
}

static void
t_revoked_panf_local(void)
{
	struct pt_fix f;
	char supi[64];

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	pt_supi(0, supi);
	CU_ASSERT_EQUAL(agw_prose_panf_set_authz(f.p, supi, PT_RSC, 0), 0);
	assert_forbidden(&f, AGW_PROSE_CHECK_PANF_LOCAL);
	/* The UE falls back to its SUCI; the UDM refuses too once revoked there. */
	CU_ASSERT_EQUAL(agw_prose_udm_set_rsc(f.udm, supi, PT_RSC, 0), 0);
	assert_forbidden(&f, AGW_PROSE_CHECK_UDM_AV);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_AUTH_RESPONSES], 1); /* no EAP then */
	pt_fix_fini(&f);
}

static void
t_revoked_panf_udm(void)
{
	struct pt_fix f;
	char supi[64];

	established(&f, AGW_PROSE_AUTHZ_PANF_UDM);
	pt_supi(0, supi);
	CU_ASSERT_EQUAL(agw_prose_udm_set_rsc(f.udm, supi, PT_RSC, 0), 0);
	assert_forbidden(&f, AGW_PROSE_CHECK_PANF_UDM);
	pt_fix_fini(&f);
}

static void
t_revoked_ausf_udm(void)
{
	struct pt_fix f;
	char supi[64];

	established(&f, AGW_PROSE_AUTHZ_AUSF_UDM);
	pt_supi(0, supi);
	set_sub_flags(&f, supi, 0); /* ProSe subscription withdrawn */
	assert_forbidden(&f, AGW_PROSE_CHECK_AUSF_UDM);
	pt_fix_fini(&f);
}

/* Another RSC than the one granted ([0280]). */
static void
t_other_rsc_refused(void)
{
	struct pt_fix f;
	struct psim_result res;
	uint32_t only = PT_RSC2;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	agw_prose_udm_free(f.udm);
	f.udm_conf.default_rsc = &only;
	f.udm_conf.n_default_rsc = 1;
	f.udm = agw_prose_udm_create(&f.udm_conf);
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_FORBIDDEN);
	CU_ASSERT(!res.eap_ran);
	pt_connect(&f, 0, PT_RSC2, &res);
	pt_assert_same_keys(&f, &res);
	pt_fix_fini(&f);
}

/* S206 / T15: no ProseAuthenticate for a relay that may not relay. */
static void
t_relay_not_authorised(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	set_sub_flags(&f, PT_RELAY_SUPI, 0);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_RELAY_NOT_AUTHORISED);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_AUTHZ_AV], 0);
	pt_fix_fini(&f);
}

/* T35 / 4.7: unknown ID -> 404 -> Relay Key Reject; the UE then sends its SUCI. */
static void
t_unknown_id(void)
{
	struct pt_fix f;
	struct psim_result res;
	struct psim_key *k;
	char old[256];

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	k = (struct psim_key *)psim_remote_key(&f.ue[0], PT_RSC);
	snprintf(old, sizeof(old), "%s", k->id);
	k->id[12] = k->id[12] == 'a' ? 'b' : 'a'; /* a digit of CP-PRUK ID* */
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_NOT_FOUND);
	CU_ASSERT(!f.seen.have_knr);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT_EQUAL(res.trigger, PSIM_TRIG_FALLBACK);
	CU_ASSERT(res.sent_suci && res.eap_ran);
	CU_ASSERT_STRING_NOT_EQUAL(psim_remote_key(&f.ue[0], PT_RSC)->id, old);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 1); /* #1 replaced */
	pt_fix_fini(&f);
}

/* T36: a known ID asked with another RSC gives no key. */
static void
t_rsc_mismatch(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t n1[16] = {1, 2, 3};

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	pt_id_request(&f, 9, PT_RSC2, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_NOT_FOUND);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_RSC_MISMATCH], 1);
	CU_ASSERT(!f.seen.have_knr);
	pt_fix_fini(&f);
}

/* The same Nonce_1 with the same CP-PRUK twice: the second is a replay. */
static void
t_nonce1_replay(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t n1[16] = {0xde, 0xad, 0xbe, 0xef}, n1b[16] = {0xfe, 0xed};

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	pt_id_request(&f, 10, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	CU_ASSERT(f.seen.have_knr);
	pt_id_request(&f, 11, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_REPLAY);
	CU_ASSERT(!f.seen.have_knr);
	CU_ASSERT_EQUAL(out.n_dl, 1);
	CU_ASSERT_EQUAL(out.dl[0].msg_type, AGW_NAS5G_MT_RELAY_KEY_REJECT);
	/* Also with the key update indication (no EAP for a replay). */
	pt_id_request(&f, 12, PT_RSC, n1, 1, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_REPLAY);
	pt_id_request(&f, 13, PT_RSC, n1b, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	CU_ASSERT_EQUAL(pt_ctr(&f).verdict[AGW_PROSE_V_REPLAY], 2);
	pt_fix_fini(&f);
}

/* A relay (or network) that replays an old Nonce_2, with keys made to fit: the
 * remote UE refuses the DSM Command (spec/002 4.7 "duplicate or stale Nonce_2"). */
static uint8_t old_n2[16];

static void
tamper_n2(struct pt_fix *f, struct psim_msg *dl)
{
	const struct psim_key *k = psim_remote_key(&f->ue[0], PT_RSC);

	if (dl->buf[2] != AGW_NAS5G_MT_RELAY_KEY_ACCEPT)
		return;
	/* 7E 00 6A PRTI len(2) | K_NR_ProSe (32) | Nonce_2 (16) | ... */
	memcpy(dl->buf + 6 + 32, old_n2, 16);
	CU_ASSERT_EQUAL(agw_kdf_knr_prose(k->pruk, f->ue[0].nonce1, old_n2, dl->buf + 6), 0);
}

static void
t_nonce2_replay(void)
{
	struct pt_fix f;
	struct psim_result res;

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	memcpy(old_n2, f.seen.nonce2, 16);
	f.tamper = tamper_n2;
	f.ops.pc5_check = NULL; /* the gateway's link keys are not those the relay uses now */
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_DSMC_REFUSED);
	CU_ASSERT_EQUAL(f.ue[0].st.nonce2_replay, 1);
	CU_ASSERT_EQUAL(f.ue[0].st.dsmc_bad_mac,
			0); /* the MAC-I was right: refused for the nonce */
	pt_fix_fini(&f);
}

static void
nas_in(struct pt_fix *f, const uint8_t *nas, size_t len, struct agw_prose_out *out)
{
	memset(&f->seen, 0, sizeof(f->seen));
	pt_ul_nas(f, nas, len, out);
}

/* Malformed relay NAS: counted; a readable PRTI gets a Relay Key Reject (T19). */
static void
t_malformed_nas(void)
{
	static const uint8_t cut[] = {0x7e, 0x00, 0x69};
	static const uint8_t short_params[] = {0x7e, 0x00, 0x69, 0x05, 0x00, 0x04, 1, 2, 3, 4};
	static const uint8_t status[] = {0x7e, 0x00, 0x64, 0x6f};
	static const uint8_t ciphered[] = {0x7e, 0x02, 1, 2, 3, 4, 5, 0x11, 0x22, 0x33};
	uint8_t kui_suci[64] = {0x7e, 0x00, 0x69, 0x07, 0x00, 21};
	struct pt_fix f;
	struct agw_prose_out out;
	struct agw_prose_counters c;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	nas_in(&f, cut, sizeof(cut), &out);
	CU_ASSERT_EQUAL(out.n_dl, 0);
	nas_in(&f, short_params, sizeof(short_params), &out);
	CU_ASSERT_EQUAL(out.n_dl, 1);
	CU_ASSERT_EQUAL(out.dl[0].msg_type, AGW_NAS5G_MT_RELAY_KEY_REJECT);
	CU_ASSERT_EQUAL(out.dl[0].prti, 0x05);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_BAD_REQUEST);
	/* RSC, Nonce_1, type 0x02 (key update with a SUCI), one identity octet. */
	kui_suci[6 + 19] = AGW_PROSE_IDT_KEY_UPDATE;
	kui_suci[6 + 20] = 0x01;
	nas_in(&f, kui_suci, 6 + 21, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_BAD_REQUEST);
	nas_in(&f, status, sizeof(status), &out);
	nas_in(&f, ciphered, sizeof(ciphered), &out);
	CU_ASSERT_EQUAL(out.n_dl, 0);
	c = pt_ctr(&f);
	CU_ASSERT_EQUAL(c.stat[AGW_PROSE_STAT_MALFORMED_NAS], 4);
	CU_ASSERT_EQUAL(c.stat[AGW_PROSE_STAT_UNEXPECTED_NAS], 1);
	CU_ASSERT_EQUAL(c.verdict[AGW_PROSE_V_BAD_REQUEST], 2);
	CU_ASSERT_EQUAL(c.stat[AGW_PROSE_STAT_AUTHZ_AV], 0); /* no downstream call */
	pt_fix_fini(&f);
}

/* Start an EAP run for UE @p i (SUCI), return the PC5 auth request it relays. */
static long
start_eap(struct pt_fix *f, unsigned int i, uint8_t *prti, uint8_t *pc5, size_t cap)
{
	uint8_t dcr[1024], nas[1024];
	struct agw_prose_out out;
	long n = psim_remote_dcr(&f->ue[i], PT_RSC, f->now, dcr, sizeof(dcr));

	CU_ASSERT_FATAL(n > 0);
	n = psim_relay_dcr(&f->relay, dcr, (size_t)n, prti, nas, sizeof(nas));
	CU_ASSERT_FATAL(n > 0);
	nas_in(f, nas, (size_t)n, &out);
	if (out.n_dl != 1 || out.dl[0].msg_type != AGW_NAS5G_MT_RELAY_AUTHENTICATION_REQUEST)
		return -1;
	return psim_relay_dl_nas(&f->relay, out.dl[0].nas, out.dl[0].len, prti, pc5, cap);
}

/* Send an EAP response (as the relay would) and return the gateway's output. */
static void
eap_in(struct pt_fix *f, uint8_t prti, const uint8_t *eap, size_t len, struct agw_prose_out *out)
{
	uint8_t nas[512];
	long n = agw_prose_auth_response_encode(prti, eap, len, nas, sizeof(nas));

	CU_ASSERT_FATAL(n > 0);
	nas_in(f, nas, (size_t)n, out);
}

/* The UE's answer to the challenge, as EAP octets. */
static long
ue_eap(struct pt_fix *f, unsigned int i, const uint8_t *pc5, long len, uint8_t *eap)
{
	uint8_t rsp[1024];
	struct agw_pc5_msg m;
	long n = psim_remote_auth(&f->ue[i], pc5, (size_t)len, rsp, sizeof(rsp));

	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_FATAL(agw_pc5_decode(rsp, (size_t)n, &m) == 0);
	memcpy(eap, m.eap.p, m.eap.len);
	return m.eap.len;
}

static int
is_eap_failure_reject(const struct agw_prose_out *out)
{
	/* 7E 00 6B PRTI 78 00 04 | 04 id 00 04 */
	return out->n_dl == 1 && out->dl[0].msg_type == AGW_NAS5G_MT_RELAY_KEY_REJECT &&
	       out->dl[0].len == 11 && out->dl[0].nas[4] == 0x78 && out->dl[0].nas[7] == 4;
}

static void
t_eap_failures(void)
{
	static const uint8_t junk[] = {0x02, 0x01, 0x00, 0x05, 0x01};
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t pc5[1024], eap[256], md[32], prti;
	unsigned int ml;
	long n, e;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	/* 1. junk: counted and dropped, the run goes on; unknown PRTI counted. */
	n = start_eap(&f, 0, &prti, pc5, sizeof(pc5));
	CU_ASSERT_FATAL(n > 0);
	eap_in(&f, prti, junk, sizeof(junk), &out);
	CU_ASSERT_EQUAL(out.n_dl + out.n_res, 0);
	eap_in(&f, (uint8_t)(prti + 100), junk, sizeof(junk), &out);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_MALFORMED_EAP], 1);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_EAP_UNKNOWN_TXN], 1);
	/* 2. RES changed, AT_MAC left: MAC failure -> EAP-Failure, no key (T29). */
	e = ue_eap(&f, 0, pc5, n, eap);
	eap[12] ^= 0x01; /* first RES octet (AT_RES at 8: type, len, bits(2), RES) */
	eap_in(&f, prti, eap, (size_t)e, &out);
	CU_ASSERT(is_eap_failure_reject(&out));
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_AUTH_FAILED);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_EAP_MAC_FAILURE], 1);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 0);
	/* 3. RES changed and AT_MAC recomputed with K_aut: RES mismatch. */
	n = start_eap(&f, 0, &prti, pc5, sizeof(pc5));
	e = ue_eap(&f, 0, pc5, n, eap);
	eap[12] ^= 0x01;
	memset(eap + 24, 0, 16);
	HMAC(EVP_sha256(), f.ue[0].trace.k_aut, 32, eap, (size_t)e, md, &ml);
	memcpy(eap + 24, md, 16);
	eap_in(&f, prti, eap, (size_t)e, &out);
	CU_ASSERT(is_eap_failure_reject(&out));
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_EAP_RES_MISMATCH], 1);
	/* 4. A UE with the wrong K refuses the challenge (AUTN): UE reject. */
	f.ue[1].conf.k[0] ^= 0xff;
	n = start_eap(&f, 1, &prti, pc5, sizeof(pc5));
	e = ue_eap(&f, 1, pc5, n, eap);
	CU_ASSERT_EQUAL(eap[5], 2); /* AKA'-Authentication-Reject */
	eap_in(&f, prti, eap, (size_t)e, &out);
	CU_ASSERT(is_eap_failure_reject(&out));
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_EAP_UE_REJECT], 1);
	CU_ASSERT_EQUAL(pt_ctr(&f).verdict[AGW_PROSE_V_AUTH_FAILED], 3);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 0);
	CU_ASSERT_PTR_NULL(psim_remote_key(&f.ue[1], PT_RSC));
	pt_fix_fini(&f);
}

/* No Relay Authentication Response in time: Relay Key Reject (verdict TIMEOUT). */
static void
t_eap_timeout(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t pc5[1024], prti;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.eap_timeout_ms = 5000;
	pt_create(&f);
	CU_ASSERT_FATAL(start_eap(&f, 0, &prti, pc5, sizeof(pc5)) > 0);
	agw_prose_out_init(&out);
	CU_ASSERT_EQUAL(agw_prose_tick(f.p, f.now_ms + 4999, &out), 0);
	CU_ASSERT_EQUAL(out.n_dl, 0);
	CU_ASSERT_EQUAL(agw_prose_tick(f.p, f.now_ms + 5000, &out), 0);
	CU_ASSERT_EQUAL(out.n_res, 1);
	CU_ASSERT_EQUAL(out.res[0].verdict, AGW_PROSE_V_TIMEOUT);
	CU_ASSERT_EQUAL(out.res[0].prti, prti);
	CU_ASSERT_EQUAL(out.dl[0].msg_type, AGW_NAS5G_MT_RELAY_KEY_REJECT);
	agw_prose_out_reset(&out);
	pt_fix_fini(&f);
}

/* One EAP run allowed: the second SUCI request is refused (BUSY). */
static void
t_busy(void)
{
	struct pt_fix f;
	uint8_t pc5[1024], prti;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.max_pending = 1;
	pt_create(&f);
	CU_ASSERT(start_eap(&f, 0, &prti, pc5, sizeof(pc5)) > 0);
	CU_ASSERT(start_eap(&f, 1, &prti, pc5, sizeof(pc5)) < 0);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_BUSY);
	agw_prose_relay_release(f.p, f.relay.ue); /* frees the run */
	CU_ASSERT(start_eap(&f, 2, &prti, pc5, sizeof(pc5)) > 0);
	pt_fix_fini(&f);
}

/* The relay's serving PLMN is not a PLMN: 400 before any UDM call. */
static void
t_bad_relay_plmn(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	snprintf(f.relay.plmn.mcc, sizeof(f.relay.plmn.mcc), "0a1");
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_BAD_REQUEST);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_AUTHZ_AV], 0);
	pt_fix_fini(&f);
}

/* Batch path: replay, bad MAC-I, malformed, unknown link, no algorithm yet. */
static uint8_t
pc5_one(struct pt_fix *f, uint64_t link, const uint8_t *msg, size_t len, uint8_t dir)
{
	uint8_t buf[8 + 256 + 16];
	struct agw_prose_pc5_op op = {
		.link = link, .msg = buf + 8, .len = (uint16_t)len, .dir = dir};

	memcpy(buf + 8, msg, len);
	agw_prose_pc5_verify_burst(f->p, f->eng, &op, 1);
	return op.status;
}

static void
t_pc5_batch(void)
{
	struct pt_fix f;
	struct psim_result res;
	struct agw_prose_pc5_op ops[70];
	struct agw_prose_out out;
	uint8_t dsmc[256], cmpl[256], bad[256], buf[70][8 + 32];
	uint16_t dl, cl;
	uint64_t link;

	established(&f, AGW_PROSE_AUTHZ_PANF_LOCAL);
	link = f.link[f.seen.res[f.seen.n_res - 1].prti];
	dl = f.seen.pc5_len[0], cl = f.seen.pc5_len[1];
	memcpy(dsmc, f.seen.pc5_msg[0], dl);
	memcpy(cmpl, f.seen.pc5_msg[1], cl);
	CU_ASSERT_EQUAL(pc5_one(&f, link, dsmc, dl, 1), AGW_PROSE_PC5_REPLAY);
	CU_ASSERT_EQUAL(pc5_one(&f, link, cmpl, cl, 0), AGW_PROSE_PC5_REPLAY);
	memcpy(bad, dsmc, dl);
	bad[1]++; /* a new sequence number: the MAC-I no longer fits */
	CU_ASSERT_EQUAL(pc5_one(&f, link, bad, dl, 1), AGW_PROSE_PC5_BAD_MAC);
	memcpy(bad, dsmc, dl);
	bad[1]++;
	bad[dl - 1] ^= 1;
	CU_ASSERT_EQUAL(pc5_one(&f, link, bad, dl, 1), AGW_PROSE_PC5_BAD_MAC);
	CU_ASSERT_EQUAL(pc5_one(&f, link, dsmc, 5, 1), AGW_PROSE_PC5_MALFORMED);
	CU_ASSERT_EQUAL(pc5_one(&f, link, dsmc, dl, 0), AGW_PROSE_PC5_MALFORMED); /* wrong way */
	memcpy(bad, dsmc, dl);
	bad[1]++;
	bad[2] &= 0xf0; /* 128-NIA0 selected */
	CU_ASSERT_EQUAL(pc5_one(&f, link, bad, dl, 1), AGW_PROSE_PC5_MALFORMED);
	CU_ASSERT_EQUAL(pc5_one(&f, 987654, dsmc, dl, 1), AGW_PROSE_PC5_NO_LINK);
	/* A link whose DSM Command was never verified here: Complete has no algorithm. */
	f.ops.pc5_check = NULL;
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_ACCEPTED);
	CU_ASSERT_EQUAL(pc5_one(&f, f.link[res.prti], cmpl, cl, 0), AGW_PROSE_PC5_NO_ALG);
	/* 70 operations (two chunks), all for no link. */
	for (int i = 0; i < 70; i++) {
		memcpy(buf[i] + 8, cmpl, 8);
		ops[i] = (struct agw_prose_pc5_op){
			.link = 5555, .msg = buf[i] + 8, .len = 8, .dir = 0};
	}
	CU_ASSERT_EQUAL(agw_prose_pc5_verify_burst(f.p, f.eng, ops, 70), 0);
	CU_ASSERT_EQUAL(pt_ctr(&f).pc5[AGW_PROSE_PC5_NO_LINK], 71);
	CU_ASSERT_EQUAL(pt_ctr(&f).pc5[AGW_PROSE_PC5_REPLAY], 2);
	CU_ASSERT_EQUAL(pt_ctr(&f).pc5[AGW_PROSE_PC5_BAD_MAC], 2);
	CU_ASSERT_EQUAL(pt_ctr(&f).pc5[AGW_PROSE_PC5_MALFORMED], 3);
	CU_ASSERT_EQUAL(pt_ctr(&f).pc5[AGW_PROSE_PC5_OK], 2);
	/* Links age out. */
	memset(&out, 0, sizeof(out));
	agw_prose_tick(f.p, f.now_ms + 60000, &out);
	CU_ASSERT_EQUAL(pc5_one(&f, link, dsmc, dl, 1), AGW_PROSE_PC5_NO_LINK);
	pt_fix_fini(&f);
}

/* Many EAP runs time out at once: the output fills, the rest come next tick. */
static void
t_eap_timeout_many(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t pc5[1024], prti;
	unsigned int total = 0;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.eap_timeout_ms = 1000;
	pt_create(&f);
	for (int i = 0; i < 20; i++)
		CU_ASSERT(start_eap(&f, (unsigned int)i % PT_UES, &prti, pc5, sizeof(pc5)) > 0);
	agw_prose_out_init(&out);
	CU_ASSERT_EQUAL(agw_prose_tick(f.p, f.now_ms + 1000, &out), 0);
	CU_ASSERT(out.more);
	total += out.n_res;
	agw_prose_out_reset(&out);
	CU_ASSERT_EQUAL(agw_prose_tick(f.p, f.now_ms + 1001, &out), 0);
	CU_ASSERT(!out.more);
	total += out.n_res;
	CU_ASSERT_EQUAL(total, 20);
	CU_ASSERT_EQUAL(pt_ctr(&f).verdict[AGW_PROSE_V_TIMEOUT], 20);
	agw_prose_out_reset(&out);
	pt_fix_fini(&f);
}

/* The PC5 link table is full: the oldest link makes room. */
static void
t_link_table_full(void)
{
	struct pt_fix f;
	struct psim_result res;
	uint8_t dsmc[256];
	uint16_t len;
	uint64_t first;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.max_links = 2;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	first = pt_last(&f)->link;
	len = f.seen.pc5_len[0];
	memcpy(dsmc, f.seen.pc5_msg[0], len);
	dsmc[1]++; /* not a replay: a bad MAC-I while the link is there */
	CU_ASSERT_EQUAL(pc5_one(&f, first, dsmc, len, 1), AGW_PROSE_PC5_BAD_MAC);
	for (unsigned int i = 1; i < 3; i++) {
		pt_connect(&f, i, PT_RSC, &res);
		pt_assert_same_keys(&f, &res);
	}
	CU_ASSERT_EQUAL(pc5_one(&f, first, dsmc, len, 1), AGW_PROSE_PC5_NO_LINK);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_LINKS_EXPIRED], 1);
	/* Releasing the relay drops its links. */
	agw_prose_relay_release(f.p, f.relay.ue);
	CU_ASSERT_EQUAL(agw_prose_pc5_link_release(f.p, pt_last(&f)->link), -ENOENT);
	pt_fix_fini(&f);
}

/* Malformed PC5 at the UEs is counted and not answered (spec/002 T11). */
static void
t_pc5_malformed_ues(void)
{
	static const uint8_t junk[] = {0x0c, 0x05, 0x02};
	struct pt_fix f;
	struct agw_pc5_msg m;
	uint8_t dcr[512], out[512], msg[512], prti;
	long n;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	n = psim_remote_dcr(&f.ue[0], PT_RSC, f.now, dcr, sizeof(dcr));
	CU_ASSERT_FATAL(n > 0);
	/* A DSM Command without Nonce_2 (and its MAC-I octets): discarded. */
	memset(&m, 0, sizeof(m));
	m.type = AGW_PC5_DL_SMC;
	m.seq = 1;
	m.sel_algs = 2;
	m.ue_sec_cap = (struct agw_pc5_buf){dcr, 2};
	m.present = AGW_PC5_BIT(AGW_PC5_IE_SEL_ALGS) | AGW_PC5_BIT(AGW_PC5_IE_UE_SEC_CAP) |
		    AGW_PC5_BIT(AGW_PC5_IE_SIG_SEC_POLICY);
	n = agw_pc5_encode(msg, sizeof(msg), &m);
	CU_ASSERT_FATAL(n > 0);
	memset(msg + n, 0, 4);
	CU_ASSERT_EQUAL(psim_remote_dsmc(&f.ue[0], msg, (size_t)n + 4, out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(psim_remote_dsmc(&f.ue[0], junk, sizeof(junk), out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(psim_remote_auth(&f.ue[0], junk, sizeof(junk), out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(f.ue[0].st.malformed_pc5, 3);
	CU_ASSERT_EQUAL(psim_relay_dcr(&f.relay, junk, sizeof(junk), &prti, out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(f.relay.malformed, 1);
	pt_fix_fini(&f);
}

CU_TestInfo pt_negative_tests[] = {
	{"revoked: PAnF stored information -> 403, no key", t_revoked_panf_local},
	{"revoked: PAnF asks the UDM -> 403, no key", t_revoked_panf_udm},
	{"revoked: AUSF asks the UDM -> 403, no key", t_revoked_ausf_udm},
	{"RSC not granted: refused in AV retrieval", t_other_rsc_refused},
	{"relay not authorised as relay", t_relay_not_authorised},
	{"unknown CP-PRUK ID -> 404, then the SUCI", t_unknown_id},
	{"known ID with another RSC", t_rsc_mismatch},
	{"replayed Nonce_1", t_nonce1_replay},
	{"replayed Nonce_2 refused by the remote UE", t_nonce2_replay},
	{"malformed NAS counted, T19 reject", t_malformed_nas},
	{"EAP: junk, MAC failure, RES mismatch, UE reject", t_eap_failures},
	{"EAP timeout", t_eap_timeout},
	{"no room for another EAP run", t_busy},
	{"relay PLMN not a PLMN", t_bad_relay_plmn},
	{"PC5 batch path: replay, MAC, malformed, link", t_pc5_batch},
	{"20 EAP timeouts over two ticks", t_eap_timeout_many},
	{"PC5 link table full, relay released", t_link_table_full},
	{"malformed PC5 at the UEs counted", t_pc5_malformed_ues},
	CU_TEST_INFO_NULL,
};
