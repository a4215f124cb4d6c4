/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * FIG. 6 (service list, rejections), FIG. 7 (authentication) and FIG. 8
 * (trusted attestation) end to end through the fabric, with the values
 * checked on a second path: RES* recomputed with lib/crypto's MILENAGE
 * from the RAND/AUTN that crossed the fabric, quotes parsed and their
 * Ed25519 signature checked with OpenSSL against the attester module's
 * attestation key, measurement chains recomputed with SHA-256.
 */

#include <string.h>

#include <openssl/evp.h>

#include "agw_milenage.h"
#include "agw_test.h"
#include "secmod_priv.h"
#include "sm_test.h"

static int
ed_ok(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64])
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = k != NULL && c != NULL && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(c, sig, 64, msg, len) == 1;

	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

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

/* ------------------------------------------------------------------ */
/* FIG. 6                                                              */
/* ------------------------------------------------------------------ */

/* spec test 4: a list runs each service; each gets its own feedback */
static void
t_fig6_list(void)
{
	struct agw_secmod_req r = {.requester = N_AMF,
				   .dest = N_UE,
				   .n_svc = 3,
				   .svc = {AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_SVC_INTEGRITY,
					   AGW_SECMOD_SVC_ENCRYPT},
				   .data = (const uint8_t *)"abc",
				   .len = 3,
				   .cookie = 77};
	const struct fx_fb *f;
	int64_t txn = agw_secmod_request(g_fx->m[M_CN], &r);

	fx_pump();
	f = expect(txn, AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.cookie == 77 && f->fb.to == N_AMF && f->fb.peer == N_UE &&
		  f->fb.policy_version == 1);
	f = expect(txn, AGW_SECMOD_SVC_INTEGRITY, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == 32); /* HMAC-SHA-256, the default */
	expect(txn, AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_NOT_IN_POLICY);
}

/* spec tests 2, 3: rejected before anything leaves the module */
static void
t_fig6_reject_no_message(void)
{
	unsigned int evid = fx_count_type(T_EVID_REQ), auth = fx_count_type(T_AUTH_REQ);
	uint64_t nip = fx_cause_count(M_CN, AGW_SECMOD_NOT_IN_POLICY);
	uint64_t nop = fx_cause_count(M_CN, AGW_SECMOD_NO_POLICY);

	expect(fx_req(M_CN, N_AMF, N_PROD, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_NOT_IN_POLICY);
	expect(fx_req(M_CN, N_AMF, N_NOBODY, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_NO_POLICY);
	CU_ASSERT(fx_count_type(T_EVID_REQ) == evid && fx_count_type(T_AUTH_REQ) == auth);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_NOT_IN_POLICY) == nip + 1);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_NO_POLICY) == nop + 1);
}

/* ------------------------------------------------------------------ */
/* FIG. 7                                                              */
/* ------------------------------------------------------------------ */

static void
t_fig7_auth(void)
{
	const struct fx_msg *req, *rsp;
	const uint8_t *rand, *autn, *res;
	struct agw_ue_auth_5g ue;
	struct agw_milenage *mil;
	uint16_t l;

	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	req = fx_last_of(T_AUTH_REQ);
	rsp = fx_last_of(T_AUTH_RSP);
	CU_ASSERT_FATAL(req != NULL && rsp != NULL);
	/* S740/S760 relayed through AMF -> RAN -> UE ([0259]) */
	CU_ASSERT(req->path == AGW_SECMOD_PATH_NODES && rsp->path == AGW_SECMOD_PATH_NODES);
	CU_ASSERT(req->from == N_AMF && req->to == N_UE);
	rand = fx_tlv(req, T_RAND, &l);
	CU_ASSERT(rand != NULL && l == 16);
	autn = fx_tlv(req, T_AUTN, &l);
	CU_ASSERT(autn != NULL && l == 16);
	/* only the AV subset: no XRES* or RES* toward the UE ([0255]) */
	CU_ASSERT(fx_tlv(req, T_RES, NULL) == NULL);
	res = fx_tlv(rsp, T_RES, &l);
	CU_ASSERT_FATAL(rand != NULL && autn != NULL && res != NULL && l == 16);
	/* second path: the UE side of lib/crypto on the same RAND/AUTN */
	mil = agw_milenage_create(fx_k, fx_opc, AGW_MILENAGE_OPC);
	CU_ASSERT_FATAL(mil != NULL);
	CU_ASSERT(agw_milenage_ue_auth_5g(mil, rand, autn, fx_snn, strlen(fx_snn), &ue) == 0);
	AGW_ASSERT_MEM_EQ(ue.res_star, res, 16);
	CU_ASSERT(ue.sqn[5] == 0x21); /* the SQN the network side was given */
	agw_milenage_free(mil);
	/* the next run uses the next SQN, and still authenticates */
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
}

/* spec test 7: a bad AUTN gives no RES* and a failure reaches SM1 */
static void
t_fig7_bad_autn(void)
{
	struct agw_secmod_aka_cred ue = {.node = N_UE};
	uint64_t n = fx_cause_count(M_UE, AGW_SECMOD_AUTN_FAIL);

	memcpy(ue.k, fx_k, 16);
	ue.k[0] ^= 1; /* the UE holds another K */
	memcpy(ue.opc, fx_opc, 16);
	memcpy(ue.snn, fx_snn, sizeof(fx_snn));
	CU_ASSERT(agw_secmod_aka_cred_set(g_fx->m[M_UE], &ue) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_AUTN_FAIL);
	CU_ASSERT(fx_tlv(fx_last_of(T_AUTH_RSP), T_RES, NULL) == NULL);
	CU_ASSERT(fx_cause_count(M_UE, AGW_SECMOD_AUTN_FAIL) == n + 1);
}

/* spec test 9: RES* != XRES* (here: the UE's serving network name differs) */
static void
t_fig7_res_mismatch(void)
{
	struct agw_secmod_aka_cred ue = {.node = N_UE};

	memcpy(ue.k, fx_k, 16);
	memcpy(ue.opc, fx_opc, 16);
	snprintf(ue.snn, sizeof(ue.snn), "5G:mnc002.mcc001.3gppnetwork.org");
	CU_ASSERT(agw_secmod_aka_cred_set(g_fx->m[M_UE], &ue) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_AUTH_FAIL);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_AUTH_FAIL) == 1);
}

/* spec tests 10 and 37: no answer in time -> TIMEOUT; the late answer is
 * dropped and produces no second feedback */
static void
t_fig7_timeout_late(void)
{
	struct agw_secmod_stats st;
	unsigned int nfb;
	int64_t txn;

	g_fx->hold_types = 1u << T_AUTH_RSP;
	txn = fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0);
	CU_ASSERT(fx_fb_find((uint32_t)txn, AGW_SECMOD_SVC_AUTHENTICATION, 0) == NULL);
	g_fx->now += 999;
	CU_ASSERT(agw_secmod_poll(g_fx->m[M_CN]) == 0);
	g_fx->now += 2;
	CU_ASSERT(agw_secmod_poll(g_fx->m[M_CN]) == 1);
	expect(txn, AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_TIMEOUT);
	nfb = g_fx->n_fb;
	fx_release_held();
	CU_ASSERT(g_fx->last_rc == -ENOENT);
	CU_ASSERT(g_fx->n_fb == nfb);
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_CN], &st) == 0 && st.msg_unknown_txn == 1);
}

/* A replayed challenge: the UE refuses the old SQN; the answer for the
 * finished transaction is dropped at SM1. */
static void
t_fig7_replay(void)
{
	struct fx_msg old;
	struct agw_secmod_stats st;
	unsigned int nfb;

	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
	       AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	old = *fx_last_of(T_AUTH_REQ);
	nfb = g_fx->n_fb;
	CU_ASSERT(agw_secmod_input(g_fx->m[M_UE], N_AMF, old.buf, old.len) == 0);
	CU_ASSERT(fx_cause_count(M_UE, AGW_SECMOD_AUTN_FAIL) == 1);
	fx_pump();
	CU_ASSERT(g_fx->last_rc == -ENOENT && g_fx->n_fb == nfb);
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_CN], &st) == 0 && st.msg_unknown_txn == 1);
}

/* ------------------------------------------------------------------ */
/* FIG. 8                                                              */
/* ------------------------------------------------------------------ */

/* Parse and check a quote on a second path. */
static void
check_quote(const uint8_t *ev, uint16_t len, const uint8_t challenge[32], unsigned int layer)
{
	uint8_t ak[32], v[32];
	size_t n = 42 + (size_t)layer * 32;

	CU_ASSERT_FATAL(len == n + 64);
	CU_ASSERT(memcmp(ev, "AGWQ", 4) == 0 && ev[4] == 1);
	CU_ASSERT(sm_rd32(ev + 5) == N_UE && ev[9] == layer);
	AGW_ASSERT_MEM_EQ(ev + 10, challenge, 32);
	for (unsigned int i = 1; i <= layer; i++) {
		fx_layer_value(i, v);
		AGW_ASSERT_MEM_EQ(ev + 42 + 32 * (i - 1), v, 32);
	}
	CU_ASSERT(agw_secmod_ak_pub(g_fx->m[M_UE], ak) == 0);
	CU_ASSERT(ed_ok(ak, ev, n, ev + n));
}

static void
t_fig8_local_rv(void)
{
	const struct fx_msg *rq, *rs;
	const uint8_t *ch, *ev;
	uint16_t l, el;

	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
	CU_ASSERT(fx_count_type(T_RV_REQ) == 0); /* provider = verifier (spec test 12) */
	rq = fx_last_of(T_EVID_REQ);
	rs = fx_last_of(T_EVID_RSP);
	CU_ASSERT_FATAL(rq != NULL && rs != NULL);
	CU_ASSERT(rq->path == AGW_SECMOD_PATH_NODES);
	ch = fx_tlv(rq, T_CHALLENGE, &l);
	ev = fx_tlv(rs, T_EVIDENCE, &el);
	CU_ASSERT_FATAL(ch != NULL && ev != NULL);
	check_quote(ev, el, ch, AGW_SECMOD_LAYERS);
}

/* spec test 13: evidence that differs from the reference -> untrusted */
static void
t_fig8_untrusted(void)
{
	uint8_t d[32] = {1};

	CU_ASSERT(agw_secmod_measure(g_fx->m[M_UE], N_UE, 3, d) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_ATTEST_UNTRUSTED);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_ATTEST_UNTRUSTED) == 1);
}

/* spec test 16: the end-point layer bounds what the evidence covers */
static void
t_fig8_layer(void)
{
	struct agw_secmod_req r = {.requester = N_AMF,
				   .dest = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_VERIFICATION},
				   .attest_layer = 5};
	uint8_t d[32] = {6};
	uint16_t l;
	int64_t txn;

	CU_ASSERT(agw_secmod_measure(g_fx->m[M_UE], N_UE, 6, d) == 0);
	txn = agw_secmod_request(g_fx->m[M_CN], &r);
	fx_pump();
	expect(txn, AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
	fx_tlv(fx_last_of(T_EVID_RSP), T_EVIDENCE, &l);
	CU_ASSERT(l == 42 + 5 * 32 + 64);
	r.attest_layer = 0; /* policy default: PHY ... application */
	txn = agw_secmod_request(g_fx->m[M_CN], &r);
	fx_pump();
	expect(txn, AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_ATTEST_UNTRUSTED);
}

/* spec test 11: provider != verifier: RV request to SM3 before the challenge */
static void
t_fig8_provider(void)
{
	const struct fx_msg *rv;

	CU_ASSERT(agw_secmod_rv_source(g_fx->m[M_CN], N_UE, N_PROD) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
	CU_ASSERT(fx_first_index(T_RV_REQ) >= 0 &&
		  fx_first_index(T_RV_REQ) < fx_first_index(T_EVID_REQ));
	CU_ASSERT(fx_first_index(T_RV_RSP) < fx_first_index(T_EVID_REQ));
	rv = fx_last_of(T_RV_REQ);
	CU_ASSERT(rv != NULL && rv->path == AGW_SECMOD_PATH_DIRECT && rv->to == N_PROD);
	CU_ASSERT(rv != NULL && sm_rd32(fx_tlv(rv, T_NODE, NULL)) == N_AMF &&
		  sm_rd32(fx_tlv(rv, T_NODE2, NULL)) == N_UE);
}

/* spec test 15: no permission to be a verifier -> no RV, no challenge */
static void
t_fig8_provider_refuses(void)
{
	CU_ASSERT(agw_secmod_rv_source(g_fx->m[M_CN], N_UE, N_PROD) == 0);
	CU_ASSERT(agw_secmod_rv_permit(g_fx->m[M_PROD], N_UE, N_AMF, 0) == 0);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_NO_REFERENCE);
	CU_ASSERT(fx_tlv(fx_last_of(T_RV_RSP), T_RV, NULL) == NULL);
	CU_ASSERT(fx_count_type(T_EVID_REQ) == 0);
	CU_ASSERT(fx_cause_count(M_PROD, AGW_SECMOD_UNAUTHORISED) == 1);
}

/* spec test 14: a third party that asked node #1 hears the result too */
static void
t_fig8_third_party(void)
{
	struct agw_secmod_req r = {.requester = N_AMF,
				   .dest = N_UE,
				   .on_behalf = N_TP,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_VERIFICATION}};
	int64_t txn = agw_secmod_request(g_fx->m[M_CN], &r);
	const struct fx_fb *a, *b;

	fx_pump();
	a = fx_fb_find((uint32_t)txn, AGW_SECMOD_SVC_VERIFICATION, N_AMF);
	b = fx_fb_find((uint32_t)txn, AGW_SECMOD_SVC_VERIFICATION, N_TP);
	CU_ASSERT(a != NULL && b != NULL && a != b);
	CU_ASSERT(a != NULL && b != NULL && a->fb.cause == AGW_SECMOD_OK &&
		  b->fb.cause == AGW_SECMOD_OK);
}

/* spec test 34: a security parameter from the request is the challenge */
static void
t_fig8_param_challenge(void)
{
	uint8_t ch[32];
	struct agw_secmod_req r = {.requester = N_AMF,
				   .dest = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_VERIFICATION},
				   .param = ch,
				   .param_len = 32};
	const uint8_t *c2, *c3;
	int64_t txn;

	memset(ch, 0x5a, sizeof(ch));
	txn = agw_secmod_request(g_fx->m[M_CN], &r);
	fx_pump();
	expect(txn, AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
	c2 = fx_tlv(fx_last_of(T_EVID_REQ), T_CHALLENGE, NULL);
	CU_ASSERT(c2 != NULL && memcmp(c2, ch, 32) == 0);
	/* without one: the module makes a fresh one each time (spec test 17) */
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
	c3 = fx_tlv(fx_last_of(T_EVID_REQ), T_CHALLENGE, NULL);
	CU_ASSERT(c3 != NULL && memcmp(c3, ch, 32) != 0 && memcmp(c3, c2, 32) != 0);
	r.param_len = 16;
	txn = agw_secmod_request(g_fx->m[M_CN], &r);
	fx_pump();
	expect(txn, AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_MALFORMED);
}

/* spec test 32: a notification runs the preset list */
static void
t_fig8_notify(void)
{
	const uint16_t list[] = {AGW_SECMOD_SVC_VERIFICATION};
	int64_t txn;

	CU_ASSERT(agw_secmod_notify(g_fx->m[M_CN], N_UE, 7) == -ENOENT);
	CU_ASSERT(agw_secmod_preset_set(g_fx->m[M_CN], 7, list, 1) == 0);
	txn = agw_secmod_notify(g_fx->m[M_CN], N_UE, 7);
	fx_pump();
	CU_ASSERT(fx_count_type(T_EVID_REQ) == 1);
	expect(txn, AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_OK);
}

/* Table row 1 at the attester's own module: evidence over its challenge */
static void
t_fig8_own_evidence(void)
{
	uint8_t ch[32];
	struct agw_secmod_req r = {.requester = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_ATTESTATION},
				   .param = ch,
				   .param_len = 32,
				   .attest_layer = 4};
	const struct fx_fb *f;
	int64_t txn;

	memset(ch, 0xc3, sizeof(ch));
	txn = agw_secmod_request(g_fx->m[M_UE], &r);
	f = expect(txn, AGW_SECMOD_SVC_ATTESTATION, AGW_SECMOD_OK);
	if (f != NULL)
		check_quote(f->data, (uint16_t)f->fb.len, ch, 4);
}

CU_TestInfo flow_tests[] = {
	{"FIG. 6 service list", t_fig6_list},
	{"FIG. 6 rejections send nothing", t_fig6_reject_no_message},
	{"FIG. 7 authentication (RES* on lib/crypto)", t_fig7_auth},
	{"FIG. 7 bad AUTN", t_fig7_bad_autn},
	{"FIG. 7 RES* mismatch", t_fig7_res_mismatch},
	{"FIG. 7 timeout, late answer dropped", t_fig7_timeout_late},
	{"FIG. 7 replayed challenge", t_fig7_replay},
	{"FIG. 8 attestation, local RV", t_fig8_local_rv},
	{"FIG. 8 untrusted evidence", t_fig8_untrusted},
	{"FIG. 8 end-point layer", t_fig8_layer},
	{"FIG. 8 RV from the provider first", t_fig8_provider},
	{"FIG. 8 provider refuses", t_fig8_provider_refuses},
	{"FIG. 8 third party", t_fig8_third_party},
	{"FIG. 8 challenge from the request", t_fig8_param_challenge},
	{"FIG. 8 notification preset", t_fig8_notify},
	{"Table 1 row 1 own evidence", t_fig8_own_evidence},
	CU_TEST_INFO_NULL,
};
