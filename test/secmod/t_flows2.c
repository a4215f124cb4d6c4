/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * FIG. 9 (access tokens), FIG. 10 (encryption/decryption, control path and
 * fast path), FIG. 11 (ledger upload/download, periodic upload) and the
 * other Table 1 services: integrity, data masking, ZK verify, smart
 * contract, consensus, RV update, static authorisation. Token claims are
 * read with jansson from the JWS that crossed the fabric; ledger contents
 * are read from the file itself.
 */

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "agw_test.h"
#include "secmod_priv.h"
#include "sm_test.h"

static const struct fx_fb *
expect(int64_t txn, uint16_t svc, unsigned int cause)
{
	const struct fx_fb *f = txn > 0 ? fx_fb_find((uint32_t)txn, svc, 0) : NULL;

	CU_ASSERT_PTR_NOT_NULL(f);
	if (f != NULL && f->fb.cause != cause)
		fprintf(stderr, "\n  svc %u: cause %s, want %s\n", svc,
			agw_secmod_cause_str(f->fb.cause), agw_secmod_cause_str(cause));
	CU_ASSERT(f != NULL && f->fb.cause == cause);
	return f;
}

static int64_t
req_named(int mi, uint32_t requester, uint32_t dest, uint16_t svc, const char *name)
{
	struct agw_secmod_req r = {
		.requester = requester, .dest = dest, .n_svc = 1, .svc = {svc}, .name = name};
	int64_t txn = agw_secmod_request(g_fx->m[mi], &r);

	fx_pump();
	return txn;
}

/* ------------------------------------------------------------------ */
/* FIG. 9                                                              */
/* ------------------------------------------------------------------ */

static json_t *
token_claims(const struct fx_msg *m, char *alg, size_t alg_cap)
{
	uint8_t part[512];
	const uint8_t *tok;
	const char *d1, *d2;
	json_t *h, *j;
	uint16_t l;
	int n;

	tok = fx_tlv(m, T_TOKEN, &l);
	if (tok == NULL)
		return NULL;
	d1 = memchr(tok, '.', l);
	d2 = d1 != NULL ? memchr(d1 + 1, '.', l - (size_t)(d1 + 1 - (const char *)tok)) : NULL;
	if (d2 == NULL)
		return NULL;
	n = sm_b64url_dec((const char *)tok, (size_t)(d1 - (const char *)tok), part, sizeof(part));
	h = n > 0 ? json_loadb((const char *)part, (size_t)n, 0, NULL) : NULL;
	snprintf(alg, alg_cap, "%s", json_string_value(json_object_get(h, "alg")));
	json_decref(h);
	n = sm_b64url_dec(d1 + 1, (size_t)(d2 - d1 - 1), part, sizeof(part));
	j = n > 0 ? json_loadb((const char *)part, (size_t)n, 0, NULL) : NULL;
	return j;
}

static void
token_flow(const char *want_alg)
{
	const struct fx_fb *f;
	json_t *j;
	char alg[16];

	/* (a) S920-S970 */
	f = expect(req_named(M_CONS, N_CONS, N_PROD, AGW_SECMOD_SVC_TOKEN_GEN, "nudm-sdm"),
		   AGW_SECMOD_SVC_TOKEN_GEN, AGW_SECMOD_OK);
	/* S970: service name, producer and result, never the token ([0348]) */
	CU_ASSERT(f != NULL && f->fb.peer == N_PROD && f->fb.len == 8 &&
		  memcmp(f->data, "nudm-sdm", 8) == 0);
	CU_ASSERT(agw_secmod_token_held(g_fx->m[M_CONS], N_PROD, "nudm-sdm") == 1);
	CU_ASSERT(fx_last_of(T_TOKGEN_REQ)->path == AGW_SECMOD_PATH_DIRECT);
	j = token_claims(fx_last_of(T_TOKGEN_RSP), alg, sizeof(alg));
	CU_ASSERT_FATAL(j != NULL);
	CU_ASSERT(strcmp(alg, want_alg) == 0);
	CU_ASSERT(strcmp(json_string_value(json_object_get(j, "iss")), "260") == 0);
	CU_ASSERT(strcmp(json_string_value(json_object_get(j, "sub")), "258") == 0);
	CU_ASSERT(strcmp(json_string_value(json_object_get(j, "aud")), "259") == 0);
	CU_ASSERT(strcmp(json_string_value(json_object_get(j, "scope")), "nudm-sdm") == 0);
	CU_ASSERT(json_integer_value(json_object_get(j, "exp")) ==
		  (json_int_t)(g_fx->now / 1000 + 3600));
	json_decref(j);
	/* (b) S991-S996 */
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_TOKEN_VERIFY, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_VERIFY, AGW_SECMOD_OK);
	CU_ASSERT(fx_count_type(T_TOKGET_REQ) == 1 && fx_count_type(T_TOKGET_RSP) == 1);
}

static void
t_fig9_eddsa(void)
{
	token_flow("EdDSA");
}

static void
t_fig9_hs256(void)
{
	static const uint8_t hs[] = {AGW_SECMOD_ALG_JWS_HS256};
	const uint8_t *prefs[AGW_SECMOD_CLS_MAX] = {[AGW_SECMOD_CLS_TOKEN] = hs};
	const uint8_t n[AGW_SECMOD_CLS_MAX] = {[AGW_SECMOD_CLS_TOKEN] = 1};
	struct agw_secmod_policy_info pi;

	/* [0340]: the authorisation server signs under its policy with the producer */
	CU_ASSERT(fx_neg(M_NRF, N_NRF, N_PROD, SVC(TOKEN_VERIFY), prefs, n) == 2);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_PROD], N_PROD, N_NRF, &pi) == 0 &&
		  pi.alg[AGW_SECMOD_CLS_TOKEN] == AGW_SECMOD_ALG_JWS_HS256 && pi.version == 2);
	token_flow("HS256");
}

/* expired token: rejected at the producer's module */
static void
t_fig9_expired(void)
{
	expect(req_named(M_CONS, N_CONS, N_PROD, AGW_SECMOD_SVC_TOKEN_GEN, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_GEN, AGW_SECMOD_OK);
	g_fx->now += 3599 * 1000ull;
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_TOKEN_VERIFY, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_VERIFY, AGW_SECMOD_OK);
	g_fx->now += 1000;
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_TOKEN_VERIFY, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_VERIFY, AGW_SECMOD_TOKEN_EXPIRED);
	CU_ASSERT(fx_cause_count(M_PROD, AGW_SECMOD_TOKEN_EXPIRED) == 1);
}

/* spec tests 20, 22: no token for the service -> the producer says no */
static void
t_fig9_no_token(void)
{
	expect(req_named(M_CONS, N_CONS, N_PROD, AGW_SECMOD_SVC_TOKEN_GEN, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_GEN, AGW_SECMOD_OK);
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_TOKEN_VERIFY, "nudm-uecm"),
	       AGW_SECMOD_SVC_TOKEN_VERIFY, AGW_SECMOD_NO_TOKEN);
	CU_ASSERT(fx_cause_count(M_CONS, AGW_SECMOD_NO_TOKEN) == 1);
	/* a name that cannot be a service name is refused before any message */
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_TOKEN_VERIFY, "a\"b"),
	       AGW_SECMOD_SVC_TOKEN_VERIFY, AGW_SECMOD_MALFORMED);
}

/* Table row 14 at the authorisation server: no token when denied */
static void
t_fig9_static_authz(void)
{
	CU_ASSERT(agw_secmod_authz_rule(g_fx->m[M_NRF], N_CONS, N_PROD, "nudm-sdm", 0) == 0);
	CU_ASSERT(agw_secmod_authz_rule(g_fx->m[M_NRF], 0, N_PROD, NULL, 1) == 0);
	expect(req_named(M_CONS, N_CONS, N_PROD, AGW_SECMOD_SVC_TOKEN_GEN, "nudm-sdm"),
	       AGW_SECMOD_SVC_TOKEN_GEN, AGW_SECMOD_AUTHZ_DENIED);
	CU_ASSERT(agw_secmod_token_held(g_fx->m[M_CONS], N_PROD, "nudm-sdm") == 0);
	expect(req_named(M_CONS, N_CONS, N_PROD, AGW_SECMOD_SVC_TOKEN_GEN, "nudm-uecm"),
	       AGW_SECMOD_SVC_TOKEN_GEN, AGW_SECMOD_OK);
	/* the producer's own local policy */
	CU_ASSERT(agw_secmod_authz_rule(g_fx->m[M_PROD], N_CONS, 0, "nudm-sdm", 1) == 0);
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_STATIC_AUTHZ, "nudm-sdm"),
	       AGW_SECMOD_SVC_STATIC_AUTHZ, AGW_SECMOD_OK);
	expect(req_named(M_PROD, N_PROD, N_CONS, AGW_SECMOD_SVC_STATIC_AUTHZ, "nudm-uecm"),
	       AGW_SECMOD_SVC_STATIC_AUTHZ, AGW_SECMOD_AUTHZ_DENIED);
}

/* ------------------------------------------------------------------ */
/* FIG. 10                                                             */
/* ------------------------------------------------------------------ */

static void
t_fig10_encdec(void)
{
	static const char pt[] = "user data from the UE to the RAN";
	uint8_t ct[256];
	const struct fx_fb *f;
	uint32_t n;

	/* S1020-S1040 at the UE's module */
	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, pt, sizeof(pt)),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	CU_ASSERT_FATAL(f != NULL && f->fb.len == sizeof(pt) + 32);
	n = f->fb.len;
	memcpy(ct, f->data, n);
	CU_ASSERT(sm_rd32(ct) == 1);			  /* policy version */
	CU_ASSERT(memmem(ct, n, "user data", 9) == NULL); /* not in clear */
	/* S1050-S1070 at the RAN's module */
	f = expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, ct, n),
		   AGW_SECMOD_SVC_DECRYPT, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == sizeof(pt) && memcmp(f->data, pt, sizeof(pt)) == 0);
	/* the same ciphertext does not decrypt as the other direction */
	expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_DECRYPT, ct, n), AGW_SECMOD_SVC_DECRYPT,
	       AGW_SECMOD_DECRYPT_FAIL);
	/* spec test 26: tampered -> error, no plaintext */
	ct[20] ^= 1;
	f = expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, ct, n),
		   AGW_SECMOD_SVC_DECRYPT, AGW_SECMOD_DECRYPT_FAIL);
	CU_ASSERT(f != NULL && f->fb.len == 0);
	CU_ASSERT(fx_count_type(T_NEG_REQ) == 8); /* nothing but negotiation crossed */
}

/* two encryptions of the same plaintext never share a nonce */
static void
t_fig10_nonce(void)
{
	uint8_t a[64], b[64];
	const struct fx_fb *f;

	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, "x", 1),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	memcpy(a, f->data, f->fb.len);
	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, "x", 1),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	memcpy(b, f->data, f->fb.len);
	CU_ASSERT(memcmp(a + 4, b + 4, 12) != 0);
	/* the RAN side (responder) uses the other nonce role */
	f = expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_ENCRYPT, "x", 1),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	CU_ASSERT(a[4] == 0 && f->data[4] == 1);
}

static void
fp_op(struct agw_secmod_fp_op *op, uint32_t local, uint32_t peer, uint8_t svc, uint8_t *data,
      uint32_t len, uint32_t count)
{
	memset(op, 0, sizeof(*op));
	op->local = local;
	op->peer = peer;
	op->svc = svc;
	op->data = data;
	op->len = len;
	op->count = count;
	op->bearer = 3;
	op->dir = 1;
}

/* Fast path: bursts of 32 packets, UE side protects, RAN side checks. */
static void
t_fig10_fastpath(void)
{
	static uint8_t pkt[32][8 + 256 + 16], ref[32][256];
	struct agw_secmod_fp_op ops[32];
	struct agw_secmod_stats st;

	CU_ASSERT_FATAL(agw_secmod_fp_register(g_fx->m[M_UE], 0) == 0);
	CU_ASSERT_FATAL(agw_secmod_fp_register(g_fx->m[M_RAN], 0) == 0);
	for (int i = 0; i < 32; i++) {
		sm_rand(ref[i], 256);
		memcpy(pkt[i] + 8, ref[i], 256);
		fp_op(&ops[i], N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, pkt[i] + 8, 40 + 6 * i,
		      1000 + i);
	}
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_UE], 0, ops, 32) == 32);
	CU_ASSERT(memcmp(pkt[5] + 8, ref[5], 70) != 0);
	for (int i = 0; i < 32; i++)
		fp_op(&ops[i], N_UE, N_RAN, AGW_SECMOD_SVC_INTEGRITY, pkt[i] + 8, 40 + 6 * i,
		      1000 + i);
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_UE], 0, ops, 32) == 32);
	/* RAN: verify the MACs (one forged), then decipher */
	for (int i = 0; i < 32; i++) {
		uint8_t mac[4];

		memcpy(mac, ops[i].mac, 4);
		fp_op(&ops[i], N_RAN, N_UE, AGW_SECMOD_SVC_INTEGRITY_CHECK, pkt[i] + 8, 40 + 6 * i,
		      1000 + i);
		memcpy(ops[i].mac, mac, 4);
	}
	ops[7].mac[2] ^= 4;
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_RAN], 0, ops, 32) == 31);
	CU_ASSERT(ops[7].status == AGW_SECMOD_FP_BAD_MAC && ops[8].status == AGW_SECMOD_FP_OK);
	for (int i = 0; i < 32; i++)
		fp_op(&ops[i], N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, pkt[i] + 8, 40 + 6 * i,
		      1000 + i);
	/* mixed in one burst: a pair without a policy, a service not in it */
	fp_op(&ops[30], N_RAN, N_NOBODY, AGW_SECMOD_SVC_DECRYPT, pkt[30] + 8, 10, 0);
	fp_op(&ops[31], N_RAN, N_UE, AGW_SECMOD_SVC_TOKEN_GEN, pkt[31] + 8, 10, 0);
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_RAN], 0, ops, 32) == 30);
	for (int i = 0; i < 30; i++)
		CU_ASSERT(memcmp(pkt[i] + 8, ref[i], 40 + 6 * i) == 0);
	CU_ASSERT(ops[30].status == AGW_SECMOD_FP_NO_POLICY &&
		  ops[31].status == AGW_SECMOD_FP_NOT_IN_POLICY);
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_RAN], &st) == 0);
	CU_ASSERT(st.fp_ok == 61 && st.fp_fail[AGW_SECMOD_FP_BAD_MAC] == 1 &&
		  st.fp_fail[AGW_SECMOD_FP_NO_POLICY] == 1 &&
		  st.fp_fail[AGW_SECMOD_FP_NOT_IN_POLICY] == 1);
	agw_secmod_fp_unregister(g_fx->m[M_UE], 0);
	agw_secmod_fp_unregister(g_fx->m[M_RAN], 0);
}

/* ------------------------------------------------------------------ */
/* Integrity, masking, ZK                                              */
/* ------------------------------------------------------------------ */

static void
t_svc_integrity(void)
{
	static const char msg[] = "configuration update";
	struct agw_secmod_req r = {.requester = N_RAN,
				   .dest = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_INTEGRITY_CHECK},
				   .data = (const uint8_t *)msg,
				   .len = sizeof(msg)};
	uint8_t mac[32];
	const struct fx_fb *f;
	int64_t txn;

	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_INTEGRITY, msg, sizeof(msg)),
		   AGW_SECMOD_SVC_INTEGRITY, AGW_SECMOD_OK);
	CU_ASSERT_FATAL(f != NULL && f->fb.len == 32);
	memcpy(mac, f->data, 32);
	r.param = mac;
	r.param_len = 32;
	txn = agw_secmod_request(g_fx->m[M_RAN], &r);
	expect(txn, AGW_SECMOD_SVC_INTEGRITY_CHECK, AGW_SECMOD_OK);
	mac[31] ^= 1;
	txn = agw_secmod_request(g_fx->m[M_RAN], &r);
	expect(txn, AGW_SECMOD_SVC_INTEGRITY_CHECK, AGW_SECMOD_INTEGRITY_FAIL);
	/* the MAC binds the direction: the UE cannot check its own MAC as RAN's */
	mac[31] ^= 1;
	r.requester = N_UE;
	r.dest = N_RAN;
	txn = agw_secmod_request(g_fx->m[M_UE], &r);
	expect(txn, AGW_SECMOD_SVC_INTEGRITY_CHECK, AGW_SECMOD_INTEGRITY_FAIL);
}

static void
t_svc_masking(void)
{
	static const char supi[] = "310150123456789";
	char a[16] = {0}, b[16] = {0};
	const struct fx_fb *f;

	f = expect(fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_DATA_MASKING, supi, 15),
		   AGW_SECMOD_SVC_DATA_MASKING, AGW_SECMOD_OK);
	CU_ASSERT_FATAL(f != NULL && f->fb.len == 15);
	memcpy(a, f->data, 15);
	CU_ASSERT(memcmp(a, "31015", 5) == 0 && strcmp(a, supi) != 0);
	for (int i = 0; i < 15; i++)
		CU_ASSERT(a[i] >= '0' && a[i] <= '9');
	f = expect(fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_DATA_MASKING, supi, 15),
		   AGW_SECMOD_SVC_DATA_MASKING, AGW_SECMOD_OK);
	memcpy(b, f->data, 15);
	CU_ASSERT(strcmp(a, b) == 0); /* a stable pseudonym */
	/* another module's key gives another pseudonym */
	f = expect(fx_req(M_UE, N_UE, 0, AGW_SECMOD_SVC_DATA_MASKING, supi, 15),
		   AGW_SECMOD_SVC_DATA_MASKING, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && memcmp(f->data, a, 15) != 0);
	f = expect(fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_DATA_MASKING, "alice@example", 13),
		   AGW_SECMOD_SVC_DATA_MASKING, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == 32);
	/* the RAN node has no masking permission */
	expect(fx_req(M_RAN, N_RAN, 0, AGW_SECMOD_SVC_DATA_MASKING, supi, 15),
	       AGW_SECMOD_SVC_DATA_MASKING, AGW_SECMOD_UNAUTHORISED);
}

static void
t_svc_zk(void)
{
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_ZK_VERIFY, NULL, 0),
	       AGW_SECMOD_SVC_ZK_VERIFY, AGW_SECMOD_OK);
	CU_ASSERT(fx_last_of(T_ZK_REQ)->path == AGW_SECMOD_PATH_NODES);
	CU_ASSERT(fx_tlv(fx_last_of(T_ZK_RSP), T_PROOF, NULL) != NULL);
}

/* ------------------------------------------------------------------ */
/* FIG. 11, contracts, consensus                                       */
/* ------------------------------------------------------------------ */

static size_t
read_file(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n = f != NULL ? fread(buf, 1, cap, f) : 0;

	if (f != NULL)
		fclose(f);
	return n;
}

static void
t_fig11_ledger(void)
{
	static const char data[] = "subscriber audit: SUPI 001010000000001 registered";
	static uint8_t file[65536];
	struct agw_secmod_req r = {.requester = N_AMF,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_UPLOAD},
				   .data = (const uint8_t *)data,
				   .len = sizeof(data),
				   .name = "audit-1",
				   .type = 7};
	const struct fx_fb *f;
	uint64_t id;
	int64_t txn;
	size_t n;

	txn = agw_secmod_request(g_fx->m[M_CN], &r);
	f = expect(txn, AGW_SECMOD_SVC_UPLOAD, AGW_SECMOD_OK);
	CU_ASSERT_FATAL(f != NULL && f->fb.id == 1);
	id = f->fb.id;
	/* spec test 29: the ledger holds it protected, not in clear */
	n = read_file(g_fx->ledger_path, file, sizeof(file));
	CU_ASSERT(n > sizeof(data) && memmem(file, n, "SUPI", 4) == NULL);
	CU_ASSERT(memmem(file, n, "audit-1", 7) != NULL);
	/* spec test 30: by id, by name, by type */
	r.svc[0] = AGW_SECMOD_SVC_DOWNLOAD;
	r.data = NULL;
	r.len = 0;
	r.id = id;
	f = expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == sizeof(data) &&
		  memcmp(f->data, data, sizeof(data)) == 0);
	r.id = 0;
	f = expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == sizeof(data));
	r.name = NULL;
	f = expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == sizeof(data));
	/* spec test 31: no such item */
	r.name = "audit-2";
	expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD,
	       AGW_SECMOD_NOT_FOUND);
	r.id = 99;
	expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD,
	       AGW_SECMOD_NOT_FOUND);
	/* spec test 28: no permission -> nothing written */
	CU_ASSERT(agw_secmod_ledger_permit(g_fx->m[M_CN], N_AMF, 2) == 0);
	r.svc[0] = AGW_SECMOD_SVC_UPLOAD;
	r.data = (const uint8_t *)data;
	r.len = sizeof(data);
	r.id = 0;
	expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_UPLOAD,
	       AGW_SECMOD_UNAUTHORISED);
	CU_ASSERT(read_file(g_fx->ledger_path, file, sizeof(file)) == n);
}

/* spec test 33: the audit buffer goes to the ledger every period */
static void
t_fig11_periodic(void)
{
	uint8_t h[32];
	uint64_t count = 0;
	const struct fx_fb *f;

	CU_ASSERT(agw_secmod_timer_add(g_fx->m[M_CN], 60000, N_AMF, 0, AGW_SECMOD_SVC_UPLOAD) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	CU_ASSERT(agw_secmod_poll(g_fx->m[M_CN]) == 0);
	g_fx->now += 60000;
	CU_ASSERT(agw_secmod_poll(g_fx->m[M_CN]) == 1);
	g_fx->ledger.ops->head(g_fx->ledger.ctx, h, &count);
	CU_ASSERT(count == 1);
	/* the uploaded audit lines come back with the download service */
	{
		struct agw_secmod_req r = {.requester = N_AMF,
					   .n_svc = 1,
					   .svc = {AGW_SECMOD_SVC_DOWNLOAD},
					   .name = "audit"};

		f = expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_DOWNLOAD,
			   AGW_SECMOD_OK);
		CU_ASSERT(f != NULL &&
			  memmem(f->data, f->fb.len, "svc=authentication", 18) != NULL);
	}
	g_fx->now += 60000;
	CU_ASSERT(agw_secmod_poll(g_fx->m[M_CN]) == 1);
	g_fx->ledger.ops->head(g_fx->ledger.ctx, h, &count);
	CU_ASSERT(count == 2);
}

static int
contract_sum(void *arg, const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
	uint32_t s = 0;

	(void)arg;
	if (cap < 4)
		return -ENOSPC;
	for (size_t i = 0; i < len; i++)
		s += in[i];
	sm_be32(out, s);
	return 4;
}

static void
t_svc_contract(void)
{
	struct agw_secmod_req r = {.requester = N_AMF,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_SMART_CONTRACT},
				   .data = (const uint8_t *)"\x01\x02\x03",
				   .len = 3,
				   .name = "sum"};
	const struct fx_fb *f;

	expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_SMART_CONTRACT,
	       AGW_SECMOD_NOT_FOUND);
	CU_ASSERT(agw_secmod_contract_register(g_fx->m[M_CN], "sum", contract_sum, NULL) == 0);
	f = expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_SMART_CONTRACT,
		   AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == 4 && sm_rd32(f->data) == 6 && f->fb.id == 1);
}

static int
vote_no(void *arg, uint32_t proposer, const uint8_t digest[32])
{
	(void)arg;
	(void)digest;
	return proposer != N_AMF;
}

static void
t_svc_consensus(void)
{
	const struct fx_fb *f;

	/* AMF's module and the three peers (PROD, CONS, NRF) agree */
	f = expect(fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_CONSENSUS, "event-1", 7),
		   AGW_SECMOD_SVC_CONSENSUS, AGW_SECMOD_OK);
	CU_ASSERT(fx_count_type(T_VOTE_REQ) == 3 && fx_count_type(T_VOTE_RSP) == 3);
	CU_ASSERT(f != NULL && f->fb.len == 40 && sm_rd32(f->data + 32) == 4 &&
		  sm_rd32(f->data + 36) == 4);
	/* two of four say no: 2 < quorum 3 */
	agw_secmod_vote_set(g_fx->m[M_CONS], vote_no, NULL);
	agw_secmod_vote_set(g_fx->m[M_NRF], vote_no, NULL);
	f = expect(fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_CONSENSUS, "event-2", 7),
		   AGW_SECMOD_SVC_CONSENSUS, AGW_SECMOD_CONSENSUS_FAIL);
	/* a peer that never answers counts as no, at the deadline */
	agw_secmod_vote_set(g_fx->m[M_CONS], NULL, NULL);
	g_fx->drop_types = 1u << T_VOTE_RSP;
	{
		int64_t txn = fx_req(M_CN, N_AMF, 0, AGW_SECMOD_SVC_CONSENSUS, "event-3", 7);

		CU_ASSERT(fx_fb_find((uint32_t)txn, AGW_SECMOD_SVC_CONSENSUS, 0) == NULL);
		g_fx->now += 1001;
		agw_secmod_poll(g_fx->m[M_CN]);
		f = expect(txn, AGW_SECMOD_SVC_CONSENSUS, AGW_SECMOD_CONSENSUS_FAIL);
		CU_ASSERT(f != NULL && sm_rd32(f->data + 32) == 1);
	}
}

static void
t_svc_rv_update(void)
{
	uint8_t rv[AGW_SECMOD_LAYERS * 32];
	struct agw_secmod_req r = {.requester = N_PROD,
				   .dest = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_RV_UPDATE},
				   .data = rv,
				   .len = sizeof(rv)};
	const struct fx_fb *f;

	memset(rv, 0x11, sizeof(rv));
	expect(agw_secmod_request(g_fx->m[M_PROD], &r), AGW_SECMOD_SVC_RV_UPDATE, AGW_SECMOD_OK);
	r.svc[0] = AGW_SECMOD_SVC_RV_PROVIDE;
	f = expect(agw_secmod_request(g_fx->m[M_PROD], &r), AGW_SECMOD_SVC_RV_PROVIDE,
		   AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == sizeof(rv) && memcmp(f->data, rv, sizeof(rv)) == 0);
	/* the verifier now fetches the new RV: the UE's evidence no longer matches */
	CU_ASSERT(agw_secmod_rv_source(g_fx->m[M_CN], N_UE, N_PROD) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_ATTEST_UNTRUSTED);
	/* Table row 4: only the registered provider updates */
	CU_ASSERT(agw_secmod_rv_permit(g_fx->m[M_PROD], N_UE, N_PROD, 1) == 0);
	r.svc[0] = AGW_SECMOD_SVC_RV_UPDATE;
	expect(agw_secmod_request(g_fx->m[M_PROD], &r), AGW_SECMOD_SVC_RV_UPDATE,
	       AGW_SECMOD_UNAUTHORISED);
}

CU_TestInfo flow2_tests[] = {
	{"FIG. 9 tokens, EdDSA", t_fig9_eddsa},
	{"FIG. 9 tokens, HS256 after renegotiation", t_fig9_hs256},
	{"FIG. 9 expired token", t_fig9_expired},
	{"FIG. 9 no token for the service", t_fig9_no_token},
	{"FIG. 9 static authorisation", t_fig9_static_authz},
	{"FIG. 10 encrypt / decrypt", t_fig10_encdec},
	{"FIG. 10 nonces", t_fig10_nonce},
	{"FIG. 10 fast path bursts", t_fig10_fastpath},
	{"FIG. 11 ledger upload / download", t_fig11_ledger},
	{"FIG. 11 periodic upload", t_fig11_periodic},
	{"integrity protection", t_svc_integrity},
	{"data masking", t_svc_masking},
	{"ZK verify", t_svc_zk},
	{"smart contract", t_svc_contract},
	{"consensus", t_svc_consensus},
	{"RV update", t_svc_rv_update},
	CU_TEST_INFO_NULL,
};
