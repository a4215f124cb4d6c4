/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Rejections with their causes and per-cause counters: outside the policy,
 * no policy, unauthorised requester, header identity mismatch, unknown
 * service, malformed requests; failed attestation (the attester's module
 * refuses); module messages that are malformed, forged, misaddressed or
 * answer nothing (dropped and counted); 3,000 random mutations of real
 * messages, none accepted.
 */

#include <errno.h>
#include <stdlib.h>
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
t_rej_outside_policy(void)
{
	uint64_t n = fx_cause_count(M_CN, AGW_SECMOD_NOT_IN_POLICY);

	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_ENCRYPT, "x", 1), AGW_SECMOD_SVC_ENCRYPT,
	       AGW_SECMOD_NOT_IN_POLICY);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_DECRYPT, "x", 1), AGW_SECMOD_SVC_DECRYPT,
	       AGW_SECMOD_NOT_IN_POLICY);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_NOT_IN_POLICY) == n + 2);
}

static void
t_rej_unauthorised(void)
{
	struct agw_secmod_req r = {.hdr_id = N_NOBODY,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_INTEGRITY},
				   .data = (const uint8_t *)"x",
				   .len = 1};
	uint64_t n = fx_cause_count(M_UE, AGW_SECMOD_UNAUTHORISED);

	/* a node this module neither serves nor has a policy with */
	expect(agw_secmod_request(g_fx->m[M_UE], &r), AGW_SECMOD_SVC_INTEGRITY,
	       AGW_SECMOD_UNAUTHORISED);
	/* no identity at all */
	r.hdr_id = 0;
	expect(agw_secmod_request(g_fx->m[M_UE], &r), AGW_SECMOD_SVC_INTEGRITY,
	       AGW_SECMOD_UNAUTHORISED);
	/* a served node without the local permission (ledger) */
	expect(fx_req(M_UE, N_UE, 0, AGW_SECMOD_SVC_UPLOAD, "x", 1), AGW_SECMOD_SVC_UPLOAD,
	       AGW_SECMOD_UNAUTHORISED);
	CU_ASSERT(fx_cause_count(M_UE, AGW_SECMOD_UNAUTHORISED) == n + 3);
	/* the second node itself, identified by the header ([0221]): allowed
	 * by the policy the AMF's module has with it */
	r.hdr_id = N_UE;
	r.dest = N_AMF;
	expect(agw_secmod_request(g_fx->m[M_CN], &r), AGW_SECMOD_SVC_INTEGRITY, AGW_SECMOD_OK);
}

/* spec test 25 */
static void
t_rej_identity_mismatch(void)
{
	struct agw_secmod_req r = {.requester = N_RAN,
				   .hdr_id = N_UE,
				   .dest = N_UE,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_DECRYPT},
				   .data = (const uint8_t *)"x",
				   .len = 1};

	expect(agw_secmod_request(g_fx->m[M_RAN], &r), AGW_SECMOD_SVC_DECRYPT,
	       AGW_SECMOD_IDENTITY_MISMATCH);
	CU_ASSERT(fx_cause_count(M_RAN, AGW_SECMOD_IDENTITY_MISMATCH) == 1);
	r.hdr_id = N_RAN; /* consistent: then only the ciphertext is wrong */
	expect(agw_secmod_request(g_fx->m[M_RAN], &r), AGW_SECMOD_SVC_DECRYPT,
	       AGW_SECMOD_MALFORMED);
}

static void
t_rej_unknown_service(void)
{
	struct agw_secmod_req r = {.requester = N_AMF,
				   .dest = N_UE,
				   .n_svc = 3,
				   .svc = {0, 55, AGW_SECMOD_SVC_TOKEN_GET}};
	int64_t txn = agw_secmod_request(g_fx->m[M_CN], &r);

	expect(txn, 0, AGW_SECMOD_UNKNOWN_SERVICE);
	expect(txn, 55, AGW_SECMOD_UNKNOWN_SERVICE);
	CU_ASSERT(fx_cause_count(M_CN, AGW_SECMOD_UNKNOWN_SERVICE) == 2);
}

static void
t_rej_bad_request(void)
{
	uint8_t big[AGW_SECMOD_DATA_MAX + 1] = {0};
	struct agw_secmod_req r = {.requester = N_AMF, .n_svc = 0};
	unsigned int nfb = g_fx->n_fb;

	CU_ASSERT(agw_secmod_request(g_fx->m[M_CN], &r) == -EINVAL);
	r.n_svc = AGW_SECMOD_LIST_MAX + 1;
	CU_ASSERT(agw_secmod_request(g_fx->m[M_CN], &r) == -EINVAL);
	r.n_svc = 1;
	r.svc[0] = AGW_SECMOD_SVC_DATA_MASKING;
	r.data = big;
	r.len = sizeof(big);
	CU_ASSERT(agw_secmod_request(g_fx->m[M_CN], &r) == -EINVAL);
	r.data = NULL;
	r.len = 1;
	CU_ASSERT(agw_secmod_request(g_fx->m[M_CN], &r) == -EINVAL);
	CU_ASSERT(agw_secmod_request(NULL, &r) == -EINVAL);
	CU_ASSERT(agw_secmod_request(g_fx->m[M_CN], NULL) == -EINVAL);
	CU_ASSERT(g_fx->n_fb == nfb);
}

/* Failed attestation: the attester's module has no ATTESTATION in the
 * policy (renegotiated without it): it refuses, the verifier reports. */
static void
t_rej_attestation_refused(void)
{
	CU_ASSERT(fx_neg(M_CN, N_AMF, N_UE, SVC(VERIFICATION) | SVC(AUTHENTICATION), NULL, NULL) ==
		  2);
	expect(fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_VERIFICATION, NULL, 0),
	       AGW_SECMOD_SVC_VERIFICATION, AGW_SECMOD_NOT_IN_POLICY);
	CU_ASSERT(fx_tlv(fx_last_of(T_EVID_RSP), T_EVIDENCE, NULL) == NULL);
}

/* ------------------------------------------------------------------ */
/* Module messages                                                     */
/* ------------------------------------------------------------------ */

static struct agw_secmod_stats
stats(int mi)
{
	struct agw_secmod_stats st;

	agw_secmod_stats_get(g_fx->m[mi], &st);
	return st;
}

/* A fresh, valid AUTH_REQ from the AMF's module, held back. */
static struct fx_msg
valid_auth_req(void)
{
	struct fx_msg m;

	g_fx->hold_types = 1u << T_AUTH_REQ;
	fx_req(M_CN, N_AMF, N_UE, AGW_SECMOD_SVC_AUTHENTICATION, NULL, 0);
	m = *fx_last_of(T_AUTH_REQ);
	g_fx->hold_types = 0;
	g_fx->n_held = 0;
	return m;
}

static int
inject(const struct fx_msg *m, const uint8_t *buf, size_t len)
{
	return agw_secmod_input(g_fx->m[M_UE], m->from, buf, len);
}

static void
t_rej_malformed_msgs(void)
{
	struct fx_msg m = valid_auth_req();
	struct agw_secmod_stats st0 = stats(M_UE), st;
	uint8_t b[2048];
	size_t l = m.len;

	memcpy(b, m.buf, l);
	CU_ASSERT(inject(&m, b, l - 1) == -EBADMSG); /* torn MAC */
	CU_ASSERT(inject(&m, b, 10) == -EBADMSG);    /* torn header */
	b[0] = 2;				     /* version */
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	b[0] = 1;
	b[1] = 99; /* type */
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	b[1] = m.buf[1];
	b[24] = 0x00;
	b[25] = 200; /* unknown TLV */
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	b[25] = T_RAND;
	b[27] = 15; /* RAND of 15 octets */
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	b[27] = 16;
	memcpy(b + 44, b + 24, 20); /* AUTN TLV replaced by a second RAND */
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	st = stats(M_UE);
	CU_ASSERT(st.msg_malformed == st0.msg_malformed + 7);
	/* forged: one bit of the MAC, one bit of the RAND */
	memcpy(b, m.buf, l);
	b[l - 1] ^= 1;
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	b[l - 1] ^= 1;
	b[30] ^= 1;
	CU_ASSERT(inject(&m, b, l) == -EBADMSG);
	CU_ASSERT(stats(M_UE).msg_bad_mac == st0.msg_bad_mac + 2);
	/* the transport says another sender; a node the module does not serve;
	 * a policy version that does not exist */
	memcpy(b, m.buf, l);
	CU_ASSERT(agw_secmod_input(g_fx->m[M_UE], N_RAN, b, l) == -EPERM);
	CU_ASSERT(agw_secmod_input(g_fx->m[M_RAN], N_AMF, b, l) == -EPERM);
	b[19] = 9;
	CU_ASSERT(inject(&m, b, l) == -EPERM);
	CU_ASSERT(stats(M_UE).msg_rejected == st0.msg_rejected + 2);
	/* no answer went out for any of them, and the real one still works */
	CU_ASSERT(fx_count_type(T_AUTH_RSP) == 0);
	CU_ASSERT(inject(&m, m.buf, l) == 0);
	CU_ASSERT(fx_count_type(T_AUTH_RSP) == 1);
}

/* 3,000 random mutations (1-4 octets changed, or cut) of a real message:
 * none is accepted, none crashes (run under ASan in the asan build). */
static void
t_rej_mutations(void)
{
	struct fx_msg m = valid_auth_req();
	struct agw_secmod_stats st0 = stats(M_UE), st;
	unsigned int accepted = 0;
	uint8_t b[2048];

	srand(7);
	for (int i = 0; i < 3000; i++) {
		size_t l = m.len;
		int k = 1 + rand() % 4;

		memcpy(b, m.buf, l);
		for (int j = 0; j < k; j++)
			b[(size_t)rand() % l] ^= (uint8_t)(1 + rand() % 255);
		if (rand() % 5 == 0)
			l = (size_t)rand() % l;
		if (l == m.len && memcmp(b, m.buf, l) == 0)
			b[0] ^= 0x80; /* two changes cancelled out: change it anyway */
		if (inject(&m, b, l) == 0)
			accepted++;
	}
	st = stats(M_UE);
	CU_ASSERT(accepted == 0);
	CU_ASSERT(st.msg_in == st0.msg_in);
	CU_ASSERT(st.msg_malformed + st.msg_bad_mac + st.msg_rejected ==
		  st0.msg_malformed + st0.msg_bad_mac + st0.msg_rejected + 3000);
	CU_ASSERT(fx_count_type(T_AUTH_RSP) == 0);
}

CU_TestInfo reject_tests[] = {
	{"outside the policy", t_rej_outside_policy},
	{"unauthorised requester", t_rej_unauthorised},
	{"header identity mismatch", t_rej_identity_mismatch},
	{"unknown service", t_rej_unknown_service},
	{"malformed request", t_rej_bad_request},
	{"attestation refused by the attester", t_rej_attestation_refused},
	{"malformed, forged, misaddressed messages", t_rej_malformed_msgs},
	{"random mutations", t_rej_mutations},
	CU_TEST_INFO_NULL,
};
