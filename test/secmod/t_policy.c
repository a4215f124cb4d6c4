/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Trusted negotiation and policy upgrade without restart: both sides
 * install the same versioned policy; algorithm preferences; renegotiation
 * swaps atomically while a transaction started under the old version
 * finishes under it (spec test 36); replayed or unauthenticated offers are
 * refused; removal; the identity key persists where the driver persists
 * keys; and a swap under concurrent fast-path and control-path use, where
 * no reader ever sees a missing or half policy.
 */

#include <errno.h>
#include <stdatomic.h>
#include <string.h>

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

static void
t_pol_negotiate(void)
{
	struct agw_secmod_policy_info a, b;
	uint32_t want = SVC(AUTHENTICATION) | SVC(ENCRYPT) | SVC(CONSENSUS);

	CU_ASSERT_FATAL(fx_neg(M_CN, N_AMF, N_UE, want, NULL, NULL) == 1);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_CN], N_AMF, N_UE, &a) == 0);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_UE], N_UE, N_AMF, &b) == 0);
	CU_ASSERT(a.version == 1 && b.version == 1 && a.services == want && b.services == want);
	CU_ASSERT(memcmp(a.alg, b.alg, sizeof(a.alg)) == 0);
	CU_ASSERT(a.initiator == 1 && b.initiator == 0);
	CU_ASSERT(a.alg[AGW_SECMOD_CLS_AUTH] == AGW_SECMOD_ALG_5G_AKA);
	CU_ASSERT(a.alg[AGW_SECMOD_CLS_CIPHER] == AGW_SECMOD_ALG_AES128_GCM);
	CU_ASSERT(a.alg[AGW_SECMOD_CLS_FP_CIPHER] == AGW_SECMOD_ALG_NEA2);
	CU_ASSERT(a.token_lifetime_s == 3600 && a.attest_layer == AGW_SECMOD_LAYERS);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_RAN], N_RAN, N_AMF, &b) == -ENOENT);
	/* a negotiation with a node nobody provisioned */
	{
		struct agw_secmod_neg n = {.local = N_AMF, .peer = N_NOBODY, .services = want};

		CU_ASSERT(agw_secmod_negotiate(g_fx->m[M_CN], &n) == -ENOENT);
		n.local = N_UE; /* not served by this module */
		CU_ASSERT(agw_secmod_negotiate(g_fx->m[M_CN], &n) == -EINVAL);
	}
}

static void
t_pol_prefs(void)
{
	static const uint8_t gcm256[] = {AGW_SECMOD_ALG_AES256_GCM};
	static const uint8_t cmac[] = {AGW_SECMOD_ALG_AES_CMAC};
	static const uint8_t nea3[] = {AGW_SECMOD_ALG_NEA3, AGW_SECMOD_ALG_NEA1};
	const uint8_t *prefs[AGW_SECMOD_CLS_MAX] = {[AGW_SECMOD_CLS_CIPHER] = gcm256,
						    [AGW_SECMOD_CLS_INTEG] = cmac,
						    [AGW_SECMOD_CLS_FP_CIPHER] = nea3};
	const uint8_t n[AGW_SECMOD_CLS_MAX] = {[AGW_SECMOD_CLS_CIPHER] = 1,
					       [AGW_SECMOD_CLS_INTEG] = 1,
					       [AGW_SECMOD_CLS_FP_CIPHER] = 2};
	struct agw_secmod_policy_info b;
	const struct fx_fb *f;
	uint8_t ct[64];
	uint32_t len;

	CU_ASSERT_FATAL(fx_neg(M_UE, N_UE, N_RAN,
			       SVC(ENCRYPT) | SVC(DECRYPT) | SVC(INTEGRITY) | SVC(INTEGRITY_CHECK),
			       prefs, n) == 1);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_RAN], N_RAN, N_UE, &b) == 0);
	CU_ASSERT(b.alg[AGW_SECMOD_CLS_CIPHER] == AGW_SECMOD_ALG_AES256_GCM);
	CU_ASSERT(b.alg[AGW_SECMOD_CLS_INTEG] == AGW_SECMOD_ALG_AES_CMAC);
	/* PKCS#11 has neither ZUC nor SNOW 3G: nothing both sides run */
	CU_ASSERT(b.alg[AGW_SECMOD_CLS_FP_CIPHER] ==
		  (strcmp(g_drv_name, "pkcs11") == 0 ? 0 : AGW_SECMOD_ALG_NEA3));
	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_INTEGRITY, "m", 1),
		   AGW_SECMOD_SVC_INTEGRITY, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == 16);
	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, "secret", 6),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	CU_ASSERT_FATAL(f != NULL);
	len = f->fb.len;
	memcpy(ct, f->data, len);
	f = expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, ct, len),
		   AGW_SECMOD_SVC_DECRYPT, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.len == 6 && memcmp(f->data, "secret", 6) == 0);
}

/* versions: a ciphertext survives one renegotiation, not two */
static void
t_pol_renegotiate(void)
{
	uint32_t s = SVC(ENCRYPT) | SVC(DECRYPT);
	struct agw_secmod_policy_info b;
	const struct fx_fb *f;
	uint8_t ct[64];
	uint32_t len;

	CU_ASSERT_FATAL(fx_neg(M_UE, N_UE, N_RAN, s, NULL, NULL) == 1);
	f = expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, "v1", 2),
		   AGW_SECMOD_SVC_ENCRYPT, AGW_SECMOD_OK);
	len = f->fb.len;
	memcpy(ct, f->data, len);
	/* either side may start the upgrade */
	CU_ASSERT(fx_neg(M_RAN, N_RAN, N_UE, s, NULL, NULL) == 2);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_UE], N_UE, N_RAN, &b) == 0 && b.version == 2);
	f = expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, ct, len),
		   AGW_SECMOD_SVC_DECRYPT, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.policy_version == 1);
	CU_ASSERT(fx_neg(M_UE, N_UE, N_RAN, s, NULL, NULL) == 3);
	expect(fx_req(M_RAN, N_RAN, N_UE, AGW_SECMOD_SVC_DECRYPT, ct, len), AGW_SECMOD_SVC_DECRYPT,
	       AGW_SECMOD_DECRYPT_FAIL);
}

/* an old offer replayed, an offer signed by an unknown module */
static void
t_pol_replay_forged(void)
{
	struct agw_secmod_policy_info b;
	struct agw_secmod_stats st;
	struct agw_secmod_peer wrong = {.node = N_UE, .kind = AGW_SECMOD_NODE_UE};
	struct fx_msg old;

	CU_ASSERT_FATAL(fx_neg(M_UE, N_UE, N_RAN, SVC(ENCRYPT), NULL, NULL) == 1);
	old = *fx_last_of(T_NEG_REQ);
	CU_ASSERT(fx_neg(M_UE, N_UE, N_RAN, SVC(ENCRYPT), NULL, NULL) == 2);
	CU_ASSERT(agw_secmod_input(g_fx->m[M_RAN], N_UE, old.buf, old.len) == -EPERM);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_RAN], N_RAN, N_UE, &b) == 0 && b.version == 2);
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_RAN], &st) == 0 && st.neg_rejected == 1);
	/* the RAN's module trusts another key for the UE's module */
	memset(wrong.module_pub, 0x42, 32);
	CU_ASSERT(agw_secmod_peer_add(g_fx->m[M_RAN], &wrong) == 0);
	CU_ASSERT(fx_neg(M_UE, N_UE, N_RAN, SVC(ENCRYPT), NULL, NULL) == 2);
	CU_ASSERT(g_fx->last_rc == -EBADMSG);
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_RAN], &st) == 0 && st.msg_bad_mac == 1);
	CU_ASSERT(agw_secmod_policy_get(g_fx->m[M_RAN], N_RAN, N_UE, &b) == 0 && b.version == 2);
	/* the initiator's pending negotiation times out, then it may retry */
	g_fx->now += 1001;
	agw_secmod_poll(g_fx->m[M_UE]);
	CU_ASSERT(fx_cause_count(M_UE, AGW_SECMOD_TIMEOUT) == 1);
}

/* spec test 36: an AUTH in flight finishes under v1; the next uses v2 */
static void
t_pol_inflight(void)
{
	const struct fx_fb *f;
	int64_t txn;

	CU_ASSERT_FATAL(fx_neg(M_CN, N_AMF, N_UE, SVC(AUTHENTICATION), NULL, NULL) == 1);
	g_fx->hold_types = 1u << T_AUTH_REQ;
	txn = fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0);
	CU_ASSERT(fx_neg(M_CN, N_AMF, N_UE, SVC(AUTHENTICATION), NULL, NULL) == 2);
	fx_release_held();
	f = expect(txn, AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.policy_version == 1);
	CU_ASSERT(sm_rd32(fx_last_of(T_AUTH_RSP)->buf + 16) == 1);
	f = expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0),
		   AGW_SECMOD_SVC_AUTHENTICATION, AGW_SECMOD_OK);
	CU_ASSERT(f != NULL && f->fb.policy_version == 2);
}

static void
t_pol_remove(void)
{
	uint8_t buf[8 + 64 + 16] = {0};
	struct agw_secmod_fp_op op = {.local = N_UE,
				      .peer = N_RAN,
				      .svc = AGW_SECMOD_SVC_ENCRYPT,
				      .data = buf + 8,
				      .len = 64};

	CU_ASSERT_FATAL(fx_neg(M_UE, N_UE, N_RAN, SVC(ENCRYPT), NULL, NULL) == 1);
	CU_ASSERT(agw_secmod_fp_register(g_fx->m[M_UE], 1) == 0);
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_UE], 1, &op, 1) == 1);
	CU_ASSERT(agw_secmod_policy_remove(g_fx->m[M_UE], N_UE, N_RAN) == 0);
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_UE], 1, &op, 1) == 0);
	CU_ASSERT(op.status == AGW_SECMOD_FP_NO_POLICY);
	expect(fx_req(M_UE, N_UE, N_RAN, AGW_SECMOD_SVC_ENCRYPT, "x", 1), AGW_SECMOD_SVC_ENCRYPT,
	       AGW_SECMOD_NO_POLICY);
	CU_ASSERT(agw_secmod_policy_remove(g_fx->m[M_UE], N_UE, N_RAN) == -ENOENT);
	/* a new negotiation installs the next version (the RAN still holds 1) */
	CU_ASSERT(fx_neg(M_UE, N_UE, N_RAN, SVC(ENCRYPT), NULL, NULL) == 2);
	CU_ASSERT(agw_secmod_fp_burst(g_fx->m[M_UE], 1, &op, 1) == 1);
	agw_secmod_fp_unregister(g_fx->m[M_UE], 1);
}

/* the identity key is found again after a restart when the driver keeps
 * keys (PKCS#11 token objects); software and cryptodev make a new one */
static void
t_pol_identity_persists(void)
{
	uint8_t a[32], b[32];

	CU_ASSERT(agw_secmod_identity_pub(g_fx->m[M_CN], a) == 0);
	agw_secmod_free(g_fx->m[M_CN]);
	g_fx->m[M_CN] = fx_module_create(M_CN);
	CU_ASSERT_FATAL(g_fx->m[M_CN] != NULL);
	CU_ASSERT(agw_secmod_identity_pub(g_fx->m[M_CN], b) == 0);
	if (strcmp(g_drv_name, "pkcs11") == 0) {
		CU_ASSERT(memcmp(a, b, 32) == 0);
	} else {
		CU_ASSERT(memcmp(a, b, 32) != 0);
	}
}

/* ------------------------------------------------------------------ */
/* Swap under concurrent use                                           */
/* ------------------------------------------------------------------ */

struct reader {
	pthread_t th;
	uint16_t worker;
	atomic_int *stop;
	unsigned long rounds, checked, bad_status, mismatch;
};

static uint32_t
version_of(int mi, uint32_t local, uint32_t peer)
{
	struct agw_secmod_policy_info pi;

	return agw_secmod_policy_get(g_fx->m[mi], local, peer, &pi) == 0 ? pi.version : 0;
}

static void *
reader_main(void *arg)
{
	struct reader *r = arg;
	static __thread uint8_t buf[16][8 + 200 + 16];
	uint8_t ref[200];
	struct agw_secmod_fp_op ops[16];

	agw_secmod_fp_register(g_fx->m[M_UE], r->worker);
	agw_secmod_fp_register(g_fx->m[M_RAN], r->worker);
	memset(ref, 0x3c, sizeof(ref));
	while (!atomic_load(r->stop)) {
		uint32_t v0 = version_of(M_UE, N_UE, N_RAN), w0 = version_of(M_RAN, N_RAN, N_UE);
		int ok = 1;

		for (int i = 0; i < 16; i++) {
			memcpy(buf[i] + 8, ref, 200);
			ops[i] = (struct agw_secmod_fp_op){.local = N_UE,
							   .peer = N_RAN,
							   .svc = AGW_SECMOD_SVC_ENCRYPT,
							   .data = buf[i] + 8,
							   .len = 200,
							   .count = (uint32_t)r->rounds,
							   .bearer = 1};
		}
		ok &= agw_secmod_fp_burst(g_fx->m[M_UE], r->worker, ops, 16) == 16;
		for (int i = 0; i < 16; i++) {
			ops[i].local = N_RAN;
			ops[i].peer = N_UE;
			ops[i].svc = AGW_SECMOD_SVC_DECRYPT;
		}
		ok &= agw_secmod_fp_burst(g_fx->m[M_RAN], r->worker, ops, 16) == 16;
		if (!ok)
			r->bad_status++;
		if (v0 == w0 && version_of(M_UE, N_UE, N_RAN) == v0 &&
		    version_of(M_RAN, N_RAN, N_UE) == v0) {
			/* no swap around this round: the round trip must hold */
			r->checked++;
			for (int i = 0; i < 16; i++)
				if (memcmp(buf[i] + 8, ref, 200) != 0)
					r->mismatch++;
		}
		r->rounds++;
	}
	agw_secmod_fp_unregister(g_fx->m[M_UE], r->worker);
	agw_secmod_fp_unregister(g_fx->m[M_RAN], r->worker);
	return NULL;
}

struct ctl {
	pthread_t th;
	atomic_int *stop;
	unsigned long sent, refused;
};

static void *
ctl_main(void *arg)
{
	struct ctl *c = arg;
	struct agw_secmod_req r = {.requester = N_UE,
				   .dest = N_RAN,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_INTEGRITY},
				   .data = (const uint8_t *)"c",
				   .len = 1};

	while (!atomic_load(c->stop)) {
		if (agw_secmod_request(g_fx->m[M_UE], &r) > 0)
			c->sent++;
		else
			c->refused++;
	}
	return NULL;
}

static void
t_pol_swap_concurrent(void)
{
	uint32_t s = SVC(ENCRYPT) | SVC(DECRYPT) | SVC(INTEGRITY);
	struct reader rd[2] = {{.worker = 1}, {.worker = 2}};
	struct agw_secmod_stats st;
	struct ctl c = {0};
	atomic_int stop = 0;
	unsigned long checked = 0;
	int v = 0;

	CU_ASSERT_FATAL(fx_neg(M_UE, N_UE, N_RAN, s, NULL, NULL) == 1);
	c.stop = &stop;
	for (int i = 0; i < 2; i++) {
		rd[i].stop = &stop;
		pthread_create(&rd[i].th, NULL, reader_main, &rd[i]);
	}
	pthread_create(&c.th, NULL, ctl_main, &c);
	for (int i = 0; i < 30; i++) {
		struct timespec ts = {0, 2000000};

		nanosleep(&ts, NULL);
		v = fx_neg(i % 2 ? M_RAN : M_UE, i % 2 ? N_RAN : N_UE, i % 2 ? N_UE : N_RAN, s,
			   NULL, NULL);
		CU_ASSERT(v == i + 2);
		agw_secmod_poll(g_fx->m[M_UE]); /* frees retired policies */
		agw_secmod_poll(g_fx->m[M_RAN]);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 2; i++) {
		pthread_join(rd[i].th, NULL);
		CU_ASSERT(rd[i].bad_status == 0);
		CU_ASSERT(rd[i].mismatch == 0);
		checked += rd[i].checked;
		printf("\n    reader %d: %lu rounds, %lu checked ", i, rd[i].rounds, rd[i].checked);
	}
	pthread_join(c.th, NULL);
	CU_ASSERT(checked > 0);
	CU_ASSERT(c.refused == 0);
	/* every control request found a whole policy: all succeeded */
	CU_ASSERT(agw_secmod_stats_get(g_fx->m[M_UE], &st) == 0);
	CU_ASSERT(st.svc_ok[AGW_SECMOD_SVC_INTEGRITY] == c.sent);
	CU_ASSERT(st.cause[AGW_SECMOD_NO_POLICY] == 0);
	CU_ASSERT(v == 31);
	printf("control: %lu requests ", c.sent);
}

CU_TestInfo policy_tests[] = {
	{"negotiation installs one policy on both sides", t_pol_negotiate},
	{"algorithm preferences", t_pol_prefs},
	{"renegotiation versions", t_pol_renegotiate},
	{"replayed and forged offers", t_pol_replay_forged},
	{"in-flight transaction keeps its version", t_pol_inflight},
	{"policy removal", t_pol_remove},
	{"identity key persistence", t_pol_identity_persists},
	{"swap under concurrent use", t_pol_swap_concurrent},
	CU_TEST_INFO_NULL,
};
