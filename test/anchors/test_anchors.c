/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/anchors against simulated UEs: a USIM (MILENAGE with the same K/OPc,
 * UE-side functions) and an ME deriving K_AUSF/K_SEAF/K_AMF/NAS keys on its
 * own through lib/crypto and building its NAS with lib/proto.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "agw_anchors.h"
#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_nas5g.h"
#include "agw_nas_sec.h"
#include "agw_sidf.h"
#include "agw_store.h"
#include "agw_test.h"
#include "agw_util.h"

#define MCC "001"
#define MNC "01"
#define N_UES 1000

struct sim_ue {
	char supi[32];
	char msin[11];
	uint8_t k[16], opc[16];
	struct agw_milenage *m;
	uint64_t sqn_ms;
	agw_anchors_ue_ref ref;
	uint8_t cap[2];
	uint8_t kamf[32], knas_int[16], knas_enc[16];
	struct agw_nia_key nia_key;
	struct agw_nea_key nea_key;
	uint8_t nia, nea, ngksi;
	uint32_t ul_count, dl_next;
	uint8_t guti[16];
	uint16_t guti_len;
	uint8_t corrupt_res; /* send a wrong RES* */
	uint64_t *sqn_log;   /* every SQN accepted */
	uint32_t n_sqn, sqn_cap;
};

static struct agw_nas_sec_engine *eng;
static struct agw_anchors_out out;
static char snn[64];
static size_t snn_len;
static uint64_t now = 1000;
static uint64_t ngap_id = 1;
static uint8_t amf_mm_cap; /* agw_anchors_conf.mm_ssp_cap of the next anchors_new() */

/* ---------------------------------------------------------------------- */
/* Store and anchors                                                       */

static char *
tmpdir_make(void)
{
	char tmpl[] = "/tmp/agw-anchors-XXXXXX";
	char *d = mkdtemp(tmpl);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	chmod(d, 0700);
	return strdup(d);
}

static void
tmpdir_remove(char *d)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	CU_ASSERT(system(cmd) == 0);
	free(d);
}

static struct agw_store *
store_open(const char *dir)
{
	struct agw_store_conf c = {.path = dir, .create = 1, .map_size = 64u << 20};
	struct agw_store *s = agw_store_open(&c);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

static void
sim_init(struct sim_ue *u, unsigned int idx, int provision, struct agw_store *s)
{
	struct agw_store_sub sub;

	memset(u, 0, sizeof(*u));
	snprintf(u->msin, sizeof(u->msin), "%010u", idx);
	snprintf(u->supi, sizeof(u->supi), "imsi-" MCC MNC "%s", u->msin);
	CU_ASSERT_FATAL(RAND_bytes(u->k, 16) == 1 && RAND_bytes(u->opc, 16) == 1);
	u->m = agw_milenage_create(u->k, u->opc, AGW_MILENAGE_OPC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u->m);
	u->cap[0] = 0xf0; /* 5G-EA0..3 */
	u->cap[1] = 0x70; /* 5G-IA1..3 */
	u->ref.assoc_id = 7;
	u->ref.amf_ue_ngap_id = ngap_id++;
	if (!provision)
		return;
	agw_store_sub_init(&sub);
	snprintf(sub.supi, sizeof(sub.supi), "%s", u->supi);
	memcpy(sub.k, u->k, 16);
	memcpy(sub.opc, u->opc, 16);
	CU_ASSERT_FATAL(agw_store_sub_add(s, &sub) == 0);
	agw_store_sub_clear(&sub);
}

static void
sim_free(struct sim_ue *u)
{
	agw_milenage_free(u->m);
	free(u->sqn_log);
	agw_memzero(u, sizeof(*u));
}

static struct agw_anchors *
anchors_new(struct agw_store *s)
{
	struct agw_anchors_conf c = {
		.store = s,
		.sidf_policy = {.allow_null_scheme = 1},
		.mcc = MCC,
		.mnc = MNC,
		.guard_max_retx = -1,
		.sqn_block = 4,
		.max_ues = 2 * N_UES,
		.amf_region = 1,
		.amf_set = 2,
		.amf_ptr = 3,
		.mm_ssp_cap = amf_mm_cap,
	};
	struct agw_anchors *a = agw_anchors_create(&c);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	agw_anchors_out_reset(&out);
	CU_ASSERT(agw_anchors_tick(a, now, &out) == 0);
	return a;
}

/* ---------------------------------------------------------------------- */
/* UE side NAS                                                             */

static size_t
ue_plain(uint8_t type, const struct agw_nas_body *b, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr h = {.epd = AGW_NAS5G_EPD_5GMM, .type = type};
	long n = agw_nas5g_encode(&h, b, buf, cap);

	CU_ASSERT_FATAL(n > 0);
	return (size_t)n;
}

/* Protect like a UE: cipher (SHT 2/4), then MAC over SQN || message. */
static size_t
ue_protected(struct sim_ue *u, uint8_t type, const struct agw_nas_body *b, uint8_t sht,
	     uint8_t *buf, size_t cap)
{
	size_t n = ue_plain(type, b, buf + 7, cap - 7);
	uint32_t count = u->ul_count++;

	buf[0] = AGW_NAS5G_EPD_5GMM;
	buf[1] = sht;
	buf[6] = (uint8_t)count;
	if (sht == 2 || sht == 4)
		CU_ASSERT(agw_nea_apply(eng, &u->nea_key, count, AGW_ANCHORS_BEARER_3GPP, 0, buf + 7,
					buf + 7, (uint32_t)(8 * n)) == 0);
	CU_ASSERT(agw_nia_compute(eng, &u->nia_key, count, AGW_ANCHORS_BEARER_3GPP, 0, buf + 6,
				  (uint32_t)(8 * (n + 1)), buf + 2) == 0);
	return n + 7;
}

static void
body(struct agw_nas_body *b, uint8_t type)
{
	agw_nas_body_init(b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, type));
}

/* UE security service capability (seed 000) for the next Registration
 * request: -1 = IE absent, else the MM capability octet. */
static int ue_svc_cap = -1;

static size_t
ue_reg_request_suci(struct sim_ue *u, uint8_t *buf, size_t cap)
{
	struct agw_sidf_ue in = {.scheme = AGW_SIDF_SCHEME_NULL, .supi_type = AGW_SIDF_SUPI_IMSI,
				 .mcc = MCC, .mnc = MNC, .rid = "0", .msin = u->msin};
	uint8_t ie[AGW_SIDF_IE_MAX], svc;
	struct agw_nas_body b;
	long n = agw_sidf_conceal(&in, ie, sizeof(ie), NULL);

	CU_ASSERT_FATAL(n > 0);
	body(&b, AGW_NAS5G_MT_REGISTRATION_REQUEST);
	agw_nas_set_half(&b, AGW_NAS5G_F_REG_TYPE, 1);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, 7);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ie, (uint16_t)n);
	agw_nas_set(&b, AGW_NAS5G_F_UE_SEC_CAP, u->cap, 2);
	svc = (uint8_t)ue_svc_cap; /* agw_nas_set() keeps a pointer: lives until the encode */
	if (ue_svc_cap >= 0)
		agw_nas_set(&b, AGW_NAS5G_F_UE_SEC_SVC_CAP, &svc, 1);
	return ue_plain(AGW_NAS5G_MT_REGISTRATION_REQUEST, &b, buf, cap);
}

static const struct agw_anchors_dl *
dl_for(const struct sim_ue *u, uint8_t type)
{
	for (unsigned int i = 0; i < out.n_dl; i++)
		if (out.dl[i].ue.amf_ue_ngap_id == u->ref.amf_ue_ngap_id &&
		    out.dl[i].msg_type == type)
			return &out.dl[i];
	return NULL;
}

static void
send_ul(struct agw_anchors *a, struct sim_ue *u, const uint8_t *nas, size_t len)
{
	agw_anchors_out_reset(&out);
	CU_ASSERT(agw_anchors_ul_nas(a, &u->ref, nas, len, 0, 0, &out) == 0);
}

static void
log_sqn(struct sim_ue *u, uint64_t sqn)
{
	if (u->n_sqn == u->sqn_cap) {
		u->sqn_cap = u->sqn_cap ? 2 * u->sqn_cap : 32;
		u->sqn_log = realloc(u->sqn_log, u->sqn_cap * sizeof(uint64_t));
		CU_ASSERT_PTR_NOT_NULL_FATAL(u->sqn_log);
	}
	u->sqn_log[u->n_sqn++] = sqn;
}

/* USIM + ME on an Authentication request: Authentication response (RES*),
 * or failure #21 with AUTS when the SQN is not fresh. */
static size_t
ue_on_auth_request(struct sim_ue *u, const struct agw_anchors_dl *d, uint8_t *buf, size_t cap)
{
	const struct agw_nas_ie *abba, *ksi;
	const uint8_t *rand, *autn;
	struct agw_ue_auth_5g r;
	struct agw_nas5g_msg m;
	struct agw_nas_body b;
	uint8_t kseaf[32], auts[14], cause = 21;
	char sp[32];
	uint64_t sqn = 0;
	int n;

	CU_ASSERT_FATAL(agw_nas5g_decode(d->nas, d->len, &m) == 0);
	CU_ASSERT_FATAL(agw_nas5g_rand(&m.ies, &rand) == 0 && agw_nas5g_autn(&m.ies, &autn) == 0);
	abba = agw_nas_get(&m.ies, AGW_NAS5G_F_ABBA);
	ksi = agw_nas_get(&m.ies, AGW_NAS5G_F_NGKSI);
	CU_ASSERT_FATAL(abba != NULL && abba->len == 2 && abba->v[0] == 0 && abba->v[1] == 0);
	CU_ASSERT_FATAL(agw_milenage_ue_auth_5g(u->m, rand, autn, snn, snn_len, &r) == 0);
	for (int i = 0; i < 6; i++)
		sqn = sqn << 8 | r.sqn[i];
	if (sqn <= u->sqn_ms) { /* not fresh (TS 33.102 6.3.3): AUTS with SQN_MS */
		uint8_t ms[6];

		for (int i = 5; i >= 0; i--)
			ms[i] = (uint8_t)(u->sqn_ms >> (8 * (5 - i)));
		CU_ASSERT_FATAL(agw_milenage_gen_auts(u->m, rand, ms, auts) == 0);
		body(&b, AGW_NAS5G_MT_AUTHENTICATION_FAILURE);
		agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
		agw_nas_set(&b, AGW_NAS5G_F_AUTH_FAILURE_PARAM, auts, 14);
		return ue_plain(AGW_NAS5G_MT_AUTHENTICATION_FAILURE, &b, buf, cap);
	}
	u->sqn_ms = sqn;
	log_sqn(u, sqn);
	u->ngksi = agw_nas_ksi_from_half(ksi->half).ksi;
	n = agw_kdf_supi_param(u->supi, sp, sizeof(sp));
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_FATAL(agw_kdf_kseaf(r.kausf, snn, snn_len, kseaf) == 0);
	CU_ASSERT_FATAL(agw_kdf_kamf(kseaf, sp, (size_t)n, abba->v, abba->len, u->kamf) == 0);
	if (u->corrupt_res)
		r.res_star[5] ^= 0x40;
	body(&b, AGW_NAS5G_MT_AUTHENTICATION_RESPONSE);
	agw_nas_set(&b, AGW_NAS5G_F_AUTH_RESPONSE_PARAM, r.res_star, 16);
	n = (int)ue_plain(AGW_NAS5G_MT_AUTHENTICATION_RESPONSE, &b, buf, cap);
	agw_memzero(&r, sizeof(r));
	agw_memzero(kseaf, sizeof(kseaf));
	return (size_t)n;
}

/* ME on a Security mode command: check SHT 3, MAC with the new context,
 * replayed capabilities; answer with SMC complete (SHT 4). */
static size_t
ue_on_smc(struct sim_ue *u, const struct agw_anchors_dl *d, uint8_t *buf, size_t cap)
{
	const struct agw_nas_ie *algs, *rep, *ksi;
	struct agw_nas5g_sec_algs al;
	struct agw_nas5g_msg m;
	struct agw_nas_body b;
	uint8_t mac[4];

	CU_ASSERT_FATAL(agw_nas5g_decode(d->nas, d->len, &m) == 0);
	CU_ASSERT_FATAL(m.sec.sht == AGW_NAS5G_SHT_INTEG_NEW);
	algs = agw_nas_get(&m.ies, AGW_NAS5G_F_NAS_SEC_ALGS);
	rep = agw_nas_get(&m.ies, AGW_NAS5G_F_REPLAYED_UE_SEC_CAP);
	ksi = agw_nas_get(&m.ies, AGW_NAS5G_F_NGKSI);
	CU_ASSERT_FATAL(algs != NULL && rep != NULL && ksi != NULL);
	CU_ASSERT(rep->len == 2 && memcmp(rep->v, u->cap, 2) == 0);
	CU_ASSERT(agw_nas_ksi_from_half(ksi->half).ksi == u->ngksi);
	al = agw_nas5g_sec_algs_decode(algs->v[0]);
	CU_ASSERT(al.integ != 0 && (u->cap[1] & (0x80 >> al.integ)));
	u->nia = al.integ;
	u->nea = al.ciph;
	CU_ASSERT_FATAL(agw_kdf_nas_keys(u->kamf, u->nea, u->nia, u->knas_enc, u->knas_int) == 0);
	CU_ASSERT_FATAL(agw_nia_key_init(eng, &u->nia_key, u->nia, u->knas_int) == 0);
	CU_ASSERT_FATAL(agw_nea_key_init(eng, &u->nea_key, u->nea, u->knas_enc) == 0);
	u->ul_count = 0;
	u->dl_next = m.sec.sqn;
	CU_ASSERT(m.sec.sqn == 0);
	mac[0] = (uint8_t)(m.sec.mac >> 24);
	mac[1] = (uint8_t)(m.sec.mac >> 16);
	mac[2] = (uint8_t)(m.sec.mac >> 8);
	mac[3] = (uint8_t)m.sec.mac;
	CU_ASSERT(agw_nia_verify(eng, &u->nia_key, m.sec.sqn, AGW_ANCHORS_BEARER_3GPP, 1,
				 m.sec.mac_input, (uint32_t)(8 * m.sec.mac_input_len), mac) == 0);
	u->dl_next = m.sec.sqn + 1u;
	body(&b, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE);
	return ue_protected(u, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE, &b, AGW_NAS5G_SHT_INTEG_CIPH_NEW,
			    buf, cap);
}

/* ME on a Registration accept: verify, decipher, keep the 5G-GUTI, answer
 * Registration complete (SHT 2). */
static size_t
ue_on_accept(struct sim_ue *u, const struct agw_anchors_dl *d, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_sec sec;
	struct agw_nas5g_msg m;
	struct agw_nas_body b;
	const struct agw_nas_ie *g;
	uint8_t plain[AGW_ANCHORS_DL_NAS_MAX], mac[4];

	CU_ASSERT_FATAL(agw_nas5g_sec_decode(d->nas, d->len, &sec) == 0);
	CU_ASSERT_FATAL(sec.sht == AGW_NAS5G_SHT_INTEG_CIPH && sec.sqn == (uint8_t)u->dl_next);
	mac[0] = (uint8_t)(sec.mac >> 24);
	mac[1] = (uint8_t)(sec.mac >> 16);
	mac[2] = (uint8_t)(sec.mac >> 8);
	mac[3] = (uint8_t)sec.mac;
	CU_ASSERT_FATAL(agw_nia_verify(eng, &u->nia_key, sec.sqn, AGW_ANCHORS_BEARER_3GPP, 1,
				       sec.mac_input, (uint32_t)(8 * sec.mac_input_len), mac) == 0);
	CU_ASSERT_FATAL(agw_nea_apply(eng, &u->nea_key, sec.sqn, AGW_ANCHORS_BEARER_3GPP, 1, sec.msg,
				      plain, (uint32_t)(8 * sec.msg_len)) == 0);
	u->dl_next = sec.sqn + 1u;
	CU_ASSERT_FATAL(agw_nas5g_decode(plain, sec.msg_len, &m) == 0);
	CU_ASSERT_FATAL(m.hdr.type == AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	g = agw_nas_get(&m.ies, AGW_NAS5G_F_GUTI);
	CU_ASSERT_FATAL(g != NULL && g->len == 11);
	CU_ASSERT(agw_nas_get(&m.ies, AGW_NAS5G_F_T3512) != NULL);
	memcpy(u->guti, g->v, g->len);
	u->guti_len = g->len;
	body(&b, AGW_NAS5G_MT_REGISTRATION_COMPLETE);
	return ue_protected(u, AGW_NAS5G_MT_REGISTRATION_COMPLETE, &b, AGW_NAS5G_SHT_INTEG_CIPH, buf,
			    cap);
}

/* Check the context the anchors want installed against the UE's keys. */
static void
check_install(const struct sim_ue *u)
{
	CU_ASSERT_FATAL(out.n_install == 1);
	CU_ASSERT(out.install[0].ue_key.amf_ue_ngap_id == u->ref.amf_ue_ngap_id);
	CU_ASSERT(out.install[0].nia == u->nia && out.install[0].nea == u->nea);
	CU_ASSERT(out.install[0].ngksi == u->ngksi);
	CU_ASSERT(out.install[0].ul_count == 1 && out.install[0].dl_count == 2);
	AGW_ASSERT_MEM_EQ(out.install[0].k_nas_int, u->knas_int, 16);
	AGW_ASSERT_MEM_EQ(out.install[0].k_nas_enc, u->knas_enc, 16);
	CU_ASSERT(out.install[0].stmsi != 0);
}

/* Full registration; returns 1 when Registration complete was accepted. */
static int
register_ue(struct agw_anchors *a, struct sim_ue *u)
{
	uint8_t buf[512];
	const struct agw_anchors_dl *d;
	size_t n = ue_reg_request_suci(u, buf, sizeof(buf));

	send_ul(a, u, buf, n);
	d = dl_for(u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	n = ue_on_auth_request(u, d, buf, sizeof(buf));
	send_ul(a, u, buf, n);
	if ((d = dl_for(u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST)) != NULL) { /* after resync */
		n = ue_on_auth_request(u, d, buf, sizeof(buf));
		send_ul(a, u, buf, n);
	}
	d = dl_for(u, AGW_NAS5G_MT_SECURITY_MODE_COMMAND);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	n = ue_on_smc(u, d, buf, sizeof(buf));
	send_ul(a, u, buf, n);
	check_install(u);
	d = dl_for(u, AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	n = ue_on_accept(u, d, buf, sizeof(buf));
	send_ul(a, u, buf, n);
	return agw_anchors_ue_state(a, &u->ref) == AGW_ANCHORS_ST_REGISTERED;
}

/* UE-originating deregistration (normal), protected with the context. */
static void
deregister_ue(struct agw_anchors *a, struct sim_ue *u)
{
	uint8_t buf[256];
	struct agw_nas_body b;
	size_t n;

	body(&b, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG);
	agw_nas_set_half(&b, AGW_NAS5G_F_DEREG_TYPE, 0x1);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, u->ngksi);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, u->guti, u->guti_len);
	n = ue_protected(u, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG, &b, AGW_NAS5G_SHT_INTEG_CIPH, buf,
			 sizeof(buf));
	send_ul(a, u, buf, n);
	CU_ASSERT(dl_for(u, AGW_NAS5G_MT_DEREG_ACCEPT_UE_ORIG) != NULL);
	CU_ASSERT(out.n_delete == 1 && out.del[0].amf_ue_ngap_id == u->ref.amf_ue_ngap_id);
	CU_ASSERT(agw_anchors_ue_state(a, &u->ref) == AGW_ANCHORS_ST_NONE);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static void
test_register_1000(void)
{
	char *dir = tmpdir_make();
	struct agw_store *s = store_open(dir);
	struct agw_anchors *a;
	struct sim_ue *u = calloc(N_UES, sizeof(*u));
	uint64_t st[AGW_ANCHORS_EV_MAX];
	unsigned int ok = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_FATAL(agw_store_txn_begin(s) == 0);
	for (unsigned int i = 0; i < N_UES; i++)
		sim_init(&u[i], 100000 + i, 1, s);
	CU_ASSERT_FATAL(agw_store_txn_commit(s) == 0);
	a = anchors_new(s);
	for (unsigned int i = 0; i < N_UES; i++)
		ok += (unsigned int)register_ue(a, &u[i]);
	CU_ASSERT(ok == N_UES);
	CU_ASSERT(agw_anchors_ue_count(a) == N_UES);
	agw_anchors_stats(a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_REG_COMPLETE] == N_UES);
	CU_ASSERT(st[AGW_ANCHORS_EV_CTX_INSTALL] == N_UES);
	CU_ASSERT(st[AGW_ANCHORS_EV_SUCI_NULL] == N_UES);
	CU_ASSERT(st[AGW_ANCHORS_EV_UL_INTEGRITY_FAILURE] == 0);
	printf("\n    %u/%u UEs registered ... ", ok, N_UES);
	for (unsigned int i = 0; i < 10; i++)
		deregister_ue(a, &u[i]);
	CU_ASSERT(agw_anchors_ue_count(a) == N_UES - 10);
	agw_anchors_out_reset(&out);
	agw_anchors_free(a);
	agw_store_close(s);
	for (unsigned int i = 0; i < N_UES; i++)
		sim_free(&u[i]);
	free(u);
	tmpdir_remove(dir);
}

struct neg_env {
	char *dir;
	struct agw_store *s;
	struct agw_anchors *a;
};

static void
neg_setup(struct neg_env *e)
{
	e->dir = tmpdir_make();
	e->s = store_open(e->dir);
	e->a = anchors_new(e->s);
}

static void
neg_teardown(struct neg_env *e)
{
	agw_anchors_out_reset(&out);
	agw_anchors_free(e->a);
	agw_store_close(e->s);
	tmpdir_remove(e->dir);
}

static void
test_wrong_res(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512];
	uint64_t st[AGW_ANCHORS_EV_MAX];
	size_t n;

	neg_setup(&e);
	sim_init(&u, 1, 1, e.s);
	u.corrupt_res = 1;
	n = ue_reg_request_suci(&u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	n = ue_on_auth_request(&u, dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST), buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REJECT) != NULL);
	CU_ASSERT(out.n_install == 0);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
	agw_anchors_stats(e.a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_HRES_MISMATCH] == 1 && st[AGW_ANCHORS_EV_AUTH_RES_MISMATCH] == 1);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_REJECT] == 1);
	sim_free(&u);
	neg_teardown(&e);
}

/* Once the UE completed the SMC, a Deregistration request that is plain or
 * carries a forged MAC ends nothing (counted); the protected one does. */
static void
test_dereg_unverified(void)
{
	uint64_t st[AGW_ANCHORS_EV_MAX];
	struct agw_nas_body b;
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[256];
	size_t n;

	neg_setup(&e);
	sim_init(&u, 7, 1, e.s);
	CU_ASSERT_FATAL(register_ue(e.a, &u));
	body(&b, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG);
	agw_nas_set_half(&b, AGW_NAS5G_F_DEREG_TYPE, 0x1);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, u.ngksi);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, u.guti, u.guti_len);
	n = ue_plain(AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG, &b, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_DEREG_ACCEPT_UE_ORIG) == NULL);
	CU_ASSERT(out.n_delete == 0);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_REGISTERED);
	n = ue_protected(&u, AGW_NAS5G_MT_DEREG_REQUEST_UE_ORIG, &b, AGW_NAS5G_SHT_INTEG_CIPH, buf,
			 sizeof(buf));
	buf[3] ^= 0x01; /* MAC */
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(out.n_delete == 0);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_REGISTERED);
	agw_anchors_stats(e.a, st);
	CU_ASSERT_EQUAL(st[AGW_ANCHORS_EV_DEREG_UNVERIFIED], 1); /* the plain one (the forged, ciphered one fails to decipher first) */
	CU_ASSERT_EQUAL(st[AGW_ANCHORS_EV_DEREG], 0);
	deregister_ue(e.a, &u);
	agw_anchors_stats(e.a, st);
	CU_ASSERT_EQUAL(st[AGW_ANCHORS_EV_DEREG], 1);
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_sync_failure(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint64_t st[AGW_ANCHORS_EV_MAX];

	neg_setup(&e);
	sim_init(&u, 2, 1, e.s);
	u.sqn_ms = UINT64_C(1) << 30; /* USIM ahead of the network */
	CU_ASSERT(register_ue(e.a, &u) == 1);
	CU_ASSERT(u.n_sqn == 1 && u.sqn_log[0] > (UINT64_C(1) << 30));
	agw_anchors_stats(e.a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_SYNCH_FAILURE] == 1 && st[AGW_ANCHORS_EV_AUTH_RESYNC] == 1);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_REQUEST] == 2);
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_mac_failure(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[64], cause = 20;
	struct agw_nas_body b;
	size_t n;

	neg_setup(&e);
	sim_init(&u, 3, 1, e.s);
	n = ue_reg_request_suci(&u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	body(&b, AGW_NAS5G_MT_AUTHENTICATION_FAILURE);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	n = ue_plain(AGW_NAS5G_MT_AUTHENTICATION_FAILURE, &b, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REJECT) != NULL);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
	sim_free(&u);
	neg_teardown(&e);
}

/* Up to the SMC: returns the SMC complete the UE would send. */
static size_t
run_to_smc(struct agw_anchors *a, struct sim_ue *u, uint8_t *buf, size_t cap)
{
	size_t n = ue_reg_request_suci(u, buf, cap);

	send_ul(a, u, buf, n);
	n = ue_on_auth_request(u, dl_for(u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST), buf, cap);
	send_ul(a, u, buf, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dl_for(u, AGW_NAS5G_MT_SECURITY_MODE_COMMAND));
	return ue_on_smc(u, dl_for(u, AGW_NAS5G_MT_SECURITY_MODE_COMMAND), buf, cap);
}

static void
test_smc_forged(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512], plain[16];
	uint64_t st[AGW_ANCHORS_EV_MAX];
	struct agw_nas_body b;
	size_t n, pn;

	neg_setup(&e);
	sim_init(&u, 4, 1, e.s);
	n = run_to_smc(e.a, &u, buf, sizeof(buf));
	buf[3] ^= 0x01; /* forged MAC */
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(out.n_dl == 0 && out.n_install == 0);
	/* plain SMC complete, integrity_ok = 0 */
	body(&b, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE);
	pn = ue_plain(AGW_NAS5G_MT_SECURITY_MODE_COMPLETE, &b, plain, sizeof(plain));
	send_ul(e.a, &u, plain, pn);
	CU_ASSERT(out.n_dl == 0 && out.n_install == 0);
	agw_anchors_stats(e.a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_SMC_COMPLETE_BAD_MAC] == 2);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_WAIT_SMC);
	/* the genuine one still works (UL COUNT 1 now: re-protect) */
	buf[3] ^= 0x01;
	u.ul_count = 1;
	n = ue_protected(&u, AGW_NAS5G_MT_SECURITY_MODE_COMPLETE, &b, AGW_NAS5G_SHT_INTEG_CIPH_NEW,
			 buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(out.n_install == 1);
	CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_REGISTRATION_ACCEPT) != NULL);
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_smc_reject(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512], cause = 23;
	const struct agw_anchors_dl *d;
	struct agw_nas_body b;
	size_t n;

	neg_setup(&e);
	sim_init(&u, 5, 1, e.s);
	run_to_smc(e.a, &u, buf, sizeof(buf));
	body(&b, AGW_NAS5G_MT_SECURITY_MODE_REJECT);
	agw_nas_set(&b, AGW_NAS5G_F_MM_CAUSE, &cause, 1);
	n = ue_plain(AGW_NAS5G_MT_SECURITY_MODE_REJECT, &b, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	d = dl_for(&u, AGW_NAS5G_MT_REGISTRATION_REJECT);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT(d->sht == 0 && d->nas[3] == AGW_ANCHORS_CAUSE_SEC_MODE_REJECTED);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_unknown_supi(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512];
	const struct agw_anchors_dl *d;
	size_t n;

	neg_setup(&e);
	sim_init(&u, 6, 0, e.s); /* not provisioned */
	n = ue_reg_request_suci(&u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	d = dl_for(&u, AGW_NAS5G_MT_REGISTRATION_REJECT);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT(d->len == 4 && d->nas[3] == AGW_ANCHORS_CAUSE_ILLEGAL_UE);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_guard_timer(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512], first[AGW_ANCHORS_DL_NAS_MAX];
	uint64_t st[AGW_ANCHORS_EV_MAX];
	const struct agw_anchors_dl *d;
	uint16_t len;
	size_t n;

	neg_setup(&e);
	sim_init(&u, 7, 1, e.s);
	n = ue_reg_request_suci(&u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	d = dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST);
	CU_ASSERT_FATAL(d != NULL);
	memcpy(first, d->nas, d->len);
	len = d->len;
	for (int i = 1; i <= 4; i++) {
		agw_anchors_out_reset(&out);
		agw_anchors_tick(e.a, now + 6000ull * i - 1, &out);
		CU_ASSERT(out.n_dl == 0);
		agw_anchors_tick(e.a, now + 6000ull * i, &out);
		d = dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST);
		CU_ASSERT_FATAL(d != NULL);
		CU_ASSERT(d->len == len && memcmp(d->nas, first, len) == 0);
	}
	agw_anchors_out_reset(&out);
	agw_anchors_tick(e.a, now + 6000ull * 5, &out);
	CU_ASSERT(out.n_dl == 0);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
	agw_anchors_stats(e.a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_RETRANSMIT] == 4 && st[AGW_ANCHORS_EV_GUARD_ABORT] == 1);
	now += 6000ull * 5;
	sim_free(&u);
	/* SMC retransmission: new DL COUNT each time */
	sim_init(&u, 8, 1, e.s);
	run_to_smc(e.a, &u, buf, sizeof(buf));
	agw_anchors_out_reset(&out);
	agw_anchors_tick(e.a, now + 6000, &out);
	d = dl_for(&u, AGW_NAS5G_MT_SECURITY_MODE_COMMAND);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT(d->nas[6] == 1); /* SQN = DL COUNT 1 */
	now += 6000;
	sim_free(&u);
	/* Registration accept retransmitted after the context went to the fast
	 * path: placeholder header (MAC, SQN zero) + the same plain accept, for
	 * the worker to protect with the context's DL COUNT (one COUNT owner). */
	sim_init(&u, 9, 1, e.s);
	n = run_to_smc(e.a, &u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT_FATAL(out.n_install == 1);
	d = dl_for(&u, AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT(d->fastpath == 0 && d->nas[6] == 1); /* the first: anchors, DL COUNT 1 */
	agw_anchors_out_reset(&out);
	agw_anchors_tick(e.a, now + 6000, &out);
	d = dl_for(&u, AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT(d->fastpath == 1 && d->sht == AGW_NAS5G_SHT_INTEG_CIPH);
	CU_ASSERT(d->nas[0] == 0x7e && d->nas[1] == 2 && d->nas[2] == 0 && d->nas[3] == 0 &&
		  d->nas[4] == 0 && d->nas[5] == 0 && d->nas[6] == 0);
	CU_ASSERT(d->len > 10 && d->nas[7] == 0x7e && d->nas[8] == 0 &&
		  d->nas[9] == AGW_NAS5G_MT_REGISTRATION_ACCEPT);
	now += 6000;
	sim_free(&u);
	neg_teardown(&e);
}

static void
test_guti_unknown(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512], ie[AGW_SIDF_IE_MAX];
	struct agw_nas5g_mobile_id id = {.type = AGW_NAS5G_ID_GUTI};
	struct agw_sidf_ue in = {.scheme = 0, .supi_type = 0, .mcc = MCC, .mnc = MNC, .rid = "0"};
	struct agw_wr w = agw_wr_init(ie, sizeof(ie));
	struct agw_nas_body b;
	size_t n;
	long l;

	neg_setup(&e);
	sim_init(&u, 9, 1, e.s);
	memcpy(id.u.guti.plmn.mcc, MCC, 4);
	memcpy(id.u.guti.plmn.mnc, MNC, 3);
	id.u.guti.amf_region = 1;
	id.u.guti.amf_set = 2;
	id.u.guti.amf_ptr = 3;
	id.u.guti.tmsi = 0x12345678;
	CU_ASSERT_FATAL(agw_nas5g_mobile_id_encode(&id, &w) == 0);
	body(&b, AGW_NAS5G_MT_REGISTRATION_REQUEST);
	agw_nas_set_half(&b, AGW_NAS5G_F_REG_TYPE, 1);
	agw_nas_set_half(&b, AGW_NAS5G_F_NGKSI, 7);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ie, (uint16_t)agw_wr_result(&w));
	agw_nas_set(&b, AGW_NAS5G_F_UE_SEC_CAP, u.cap, 2);
	n = ue_plain(AGW_NAS5G_MT_REGISTRATION_REQUEST, &b, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT_FATAL(dl_for(&u, AGW_NAS5G_MT_IDENTITY_REQUEST) != NULL);
	in.msin = u.msin;
	l = agw_sidf_conceal(&in, ie, sizeof(ie), NULL);
	CU_ASSERT_FATAL(l > 0);
	body(&b, AGW_NAS5G_MT_IDENTITY_RESPONSE);
	agw_nas_set(&b, AGW_NAS5G_F_MOBILE_ID, ie, (uint16_t)l);
	n = ue_plain(AGW_NAS5G_MT_IDENTITY_RESPONSE, &b, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_AUTHENTICATION_REQUEST) != NULL);
	sim_free(&u);
	neg_teardown(&e);
}

/* SQN: 50 SUPIs x 20 registrations, the store closed and reopened (and the
 * anchors recreated) halfway; every SQN seen by a USIM is fresh and unique
 * (strictly increasing per subscriber), and below the stored SQN_HE. */
static void
test_sqn_unique(void)
{
	enum { N_SUB = 50, ROUNDS = 20 };
	char *dir = tmpdir_make();
	struct agw_store *s = store_open(dir);
	struct agw_anchors *a;
	struct sim_ue *u = calloc(N_SUB, sizeof(*u));
	unsigned int ok = 0, checked = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	for (unsigned int i = 0; i < N_SUB; i++)
		sim_init(&u[i], 500000 + i, 1, s);
	a = anchors_new(s);
	for (unsigned int r = 0; r < ROUNDS; r++) {
		if (r == ROUNDS / 2) {
			agw_anchors_out_reset(&out);
			agw_anchors_free(a);
			agw_store_close(s);
			s = store_open(dir);
			a = anchors_new(s);
		}
		for (unsigned int i = 0; i < N_SUB; i++) {
			u[i].ref.amf_ue_ngap_id = ngap_id++;
			ok += (unsigned int)register_ue(a, &u[i]);
			deregister_ue(a, &u[i]);
		}
	}
	CU_ASSERT(ok == N_SUB * ROUNDS);
	for (unsigned int i = 0; i < N_SUB; i++) {
		struct agw_store_sqn rec;

		CU_ASSERT(u[i].n_sqn == ROUNDS);
		for (unsigned int j = 1; j < u[i].n_sqn; j++)
			CU_ASSERT(u[i].sqn_log[j] > u[i].sqn_log[j - 1]);
		CU_ASSERT_FATAL(agw_store_sqn_get(s, u[i].supi, &rec) == 0);
		CU_ASSERT(u[i].sqn_log[u[i].n_sqn - 1] <= rec.sqn_hi);
		checked += u[i].n_sqn;
	}
	CU_ASSERT(checked == N_SUB * ROUNDS);
	printf("\n    %u SQNs checked over %u registrations ... ", checked, ok);
	agw_anchors_out_reset(&out);
	agw_anchors_free(a);
	agw_store_close(s);
	for (unsigned int i = 0; i < N_SUB; i++)
		sim_free(&u[i]);
	free(u);
	tmpdir_remove(dir);
}

/* Seed 000: a subscriber whose MM security service identifier is DH
 * exchange, initiated by the network, mandatory or not. */
static void
provision_ssi(struct agw_store *st, struct sim_ue *u, unsigned int idx, int mandatory)
{
	struct agw_store_sub sub;

	sim_init(u, idx, 0, st);
	agw_store_sub_init(&sub);
	snprintf(sub.supi, sizeof(sub.supi), "%s", u->supi);
	memcpy(sub.k, u->k, 16);
	memcpy(sub.opc, u->opc, 16);
	sub.n_ssi = 1;
	sub.ssi[0].domain = AGW_STORE_SSI_MM;
	sub.ssi[0].ssi.n = 1;
	sub.ssi[0].ssi.e[0].code = AGW_STORE_SSP_DH;
	sub.ssi[0].ssi.e[0].attr = mandatory ? AGW_STORE_SSP_A_MANDATORY : 0;
	CU_ASSERT_FATAL(agw_store_sub_add(st, &sub) == 0);
	agw_store_sub_clear(&sub);
}

/* The Registration reject after the SMC: protected with the new context
 * (SHT 2, DL COUNT 1); verified and deciphered here, cause #23. */
static void
check_reject_23(struct sim_ue *u, const struct agw_anchors_dl *d)
{
	struct agw_nas5g_sec sec;
	uint8_t mac[4], plain[16];

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->sht, AGW_NAS5G_SHT_INTEG_CIPH);
	CU_ASSERT_FATAL(agw_nas5g_sec_decode(d->nas, d->len, &sec) == 0);
	CU_ASSERT_EQUAL(sec.sqn, 1);
	mac[0] = (uint8_t)(sec.mac >> 24);
	mac[1] = (uint8_t)(sec.mac >> 16);
	mac[2] = (uint8_t)(sec.mac >> 8);
	mac[3] = (uint8_t)sec.mac;
	CU_ASSERT(agw_nia_verify(eng, &u->nia_key, 1, AGW_ANCHORS_BEARER_3GPP, 1, sec.mac_input,
				 (uint32_t)(8 * sec.mac_input_len), mac) == 0);
	CU_ASSERT_FATAL(sec.msg_len == 4);
	CU_ASSERT(agw_nea_apply(eng, &u->nea_key, 1, AGW_ANCHORS_BEARER_3GPP, 1, sec.msg, plain,
				32) == 0);
	CU_ASSERT(plain[0] == 0x7e && plain[1] == 0 && plain[2] == 0x44 && plain[3] == 23);
}

/*
 * T17: a mandatory DH that cannot run -> Registration reject #23 after the
 * SMC, no context installed: because this AMF runs no MM procedure (any
 * UE capability), or because the UE's capability IE leaves DH out. T18:
 * the same entry not mandatory is dropped and the registration completes.
 * When both can run it (no IE = unfiltered, or DH in it), the context is
 * installed and the DH network key (Msg1) leaves as a placeholder for the
 * worker; the accept waits (test_ssp.c runs it to the end).
 */
static void
test_ssi_mandatory(void)
{
	static const int caps[] = {-1, 0x00, 0x01, 0x02, 0x03};
	enum { NC = sizeof(caps) / sizeof(caps[0]) };
	uint8_t buf[512];
	uint64_t st[AGW_ANCHORS_EV_MAX];

	for (unsigned int i = 0; i < 4 * NC; i++) {
		int mandatory = (i / NC) & 1, cap = caps[i % NC];
		int runs = i < 2 * NC && (cap < 0 || (cap & 0x01));
		const struct agw_anchors_dl *d;
		struct neg_env e;
		struct sim_ue u;
		size_t n;

		amf_mm_cap = i < 2 * NC ? 0 : AGW_ANCHORS_MM_CAP_NONE;
		neg_setup(&e);
		amf_mm_cap = 0;
		provision_ssi(e.s, &u, 60 + i, mandatory);
		ue_svc_cap = cap;
		n = run_to_smc(e.a, &u, buf, sizeof(buf));
		ue_svc_cap = -1;
		send_ul(e.a, &u, buf, n);
		agw_anchors_stats(e.a, st);
		if (runs) {
			CU_ASSERT_EQUAL(out.n_install, 1);
			d = dl_for(&u, AGW_NAS5G_MT_DH_NETWORK_KEY);
			CU_ASSERT_FATAL(d != NULL);
			CU_ASSERT(d->fastpath == 1 && d->sht == AGW_NAS5G_SHT_INTEG_CIPH);
			CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_REGISTRATION_ACCEPT) == NULL);
			CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_WAIT_SSP);
		} else if (mandatory) {
			CU_ASSERT_EQUAL(out.n_install, 0);
			check_reject_23(&u, dl_for(&u, AGW_NAS5G_MT_REGISTRATION_REJECT));
			CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_NONE);
		} else {
			CU_ASSERT_EQUAL(out.n_install, 1);
			CU_ASSERT(dl_for(&u, AGW_NAS5G_MT_REGISTRATION_ACCEPT) != NULL);
		}
		CU_ASSERT_EQUAL(st[AGW_ANCHORS_EV_SSI_MANDATORY_UNSUPPORTED],
				(uint64_t)(mandatory && !runs));
		sim_free(&u);
		neg_teardown(&e);
	}
}

static int
suite_init(void)
{
	int n = agw_kdf_snn(MCC, MNC, snn, sizeof(snn));

	if (n < 0)
		return 1;
	snn_len = (size_t)n;
	eng = agw_nas_sec_engine_create();
	return eng == NULL;
}

static int
suite_clean(void)
{
	agw_nas_sec_engine_free(eng);
	return 0;
}

/* Fast-path verified input (integrity_ok 1, inner message in plaintext)
 * versus the same plain message unverified (dropped). */
static void
test_fastpath_verified(void)
{
	struct neg_env e;
	struct sim_ue u;
	uint8_t buf[512], plain[16];
	struct agw_nas_body b;
	size_t n, pn;

	neg_setup(&e);
	sim_init(&u, 10, 1, e.s);
	n = run_to_smc(e.a, &u, buf, sizeof(buf));
	send_ul(e.a, &u, buf, n);
	check_install(&u);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_WAIT_REG_COMPLETE);
	body(&b, AGW_NAS5G_MT_REGISTRATION_COMPLETE);
	pn = ue_plain(AGW_NAS5G_MT_REGISTRATION_COMPLETE, &b, plain, sizeof(plain));
	send_ul(e.a, &u, plain, pn); /* unverified: dropped */
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_WAIT_REG_COMPLETE);
	agw_anchors_out_reset(&out);
	CU_ASSERT(agw_anchors_ul_nas(e.a, &u.ref, plain, pn, 1, 1, &out) == 0);
	CU_ASSERT(agw_anchors_ue_state(e.a, &u.ref) == AGW_ANCHORS_ST_REGISTERED);
	sim_free(&u);
	neg_teardown(&e);
}

static CU_TestInfo t_e2e[] = {
	{"1000 UEs register end to end", test_register_1000},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo t_neg[] = {
	{"wrong RES* -> Authentication reject", test_wrong_res},
	{"plain or forged Deregistration request after the SMC -> ignored", test_dereg_unverified},
	{"synch failure -> resync -> success", test_sync_failure},
	{"MAC failure #20 -> Authentication reject", test_mac_failure},
	{"SMC complete forged MAC / plain -> dropped, counted", test_smc_forged},
	{"SMC reject -> Registration reject #24", test_smc_reject},
	{"seed 000: mandatory MM service not runnable -> #23; optional dropped", test_ssi_mandatory},
	{"unknown SUPI -> Registration reject #3", test_unknown_supi},
	{"guard timer: 4 retransmissions then abort", test_guard_timer},
	{"unknown 5G-GUTI -> Identity request", test_guti_unknown},
	{"fast-path verified input accepted, unverified dropped", test_fastpath_verified},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo t_sqn[] = {
	{"SQN never reused across 1000 registrations and reopen", test_sqn_unique},
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	CU_SuiteInfo suites[] = {
		{"anchors_e2e", suite_init, suite_clean, NULL, NULL, t_e2e},
		{"anchors_negative", suite_init, suite_clean, NULL, NULL, t_neg},
		{"anchors_sqn", suite_init, suite_clean, NULL, NULL, t_sqn},
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
