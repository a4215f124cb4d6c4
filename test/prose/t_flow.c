/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * First connection (CP-PRUK established through EAP-AKA'), reuse of a valid
 * CP-PRUK, and the "exactly one checker" rule for each authorisation mode:
 * remote UE, relay UE and gateway end with the same K_NR_ProSe and PC5 keys,
 * and the gateway's batch path verifies the DSM Command and Complete.
 */
#include <string.h>

#include "agw_test.h"
#include "prose_test.h"

static uint64_t
authz_checks(const struct agw_prose_counters *c)
{
	return c->stat[AGW_PROSE_STAT_AUTHZ_PANF_LOCAL] + c->stat[AGW_PROSE_STAT_AUTHZ_PANF_UDM] +
	       c->stat[AGW_PROSE_STAT_AUTHZ_AUSF_UDM];
}

/* spec/002 T1, T20, T30: no CP-PRUK -> SUCI, EAP, #2 registered, accept. */
static void
t_first_connection(void)
{
	struct pt_fix f;
	struct psim_result res;
	struct agw_prose_counters c;
	const struct psim_key *k;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT_EQUAL(res.trigger, PSIM_TRIG_NO_KEY);
	CU_ASSERT(res.sent_suci);
	CU_ASSERT(res.eap_ran);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_UE_SUCI);
	CU_ASSERT_EQUAL(pt_last(&f)->checker, AGW_PROSE_CHECK_UDM_AV);
	/* The EAP run came first: one EAP result, then the accept. */
	CU_ASSERT_EQUAL(f.seen.n_res, 2);
	CU_ASSERT_EQUAL(f.seen.res[0].verdict, AGW_PROSE_V_EAP);
	/* T16: the DSM Command carries Nonce_2, never K_NR_ProSe. */
	CU_ASSERT_PTR_NOT_NULL(memmem(f.seen.pc5_msg[0], f.seen.pc5_len[0], f.seen.nonce2, 16));
	CU_ASSERT_PTR_NULL(memmem(f.seen.pc5_msg[0], f.seen.pc5_len[0], f.seen.knr, 16));
	CU_ASSERT_PTR_NULL(memmem(f.seen.pc5_msg[0], f.seen.pc5_len[0], f.seen.knr + 16, 16));
	k = psim_remote_key(&f.ue[0], PT_RSC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT_STRING_EQUAL(k->id, pt_last(&f)->pruk_id);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 1);
	c = pt_ctr(&f);
	CU_ASSERT_EQUAL(c.stat[AGW_PROSE_STAT_CREATED], 1);
	CU_ASSERT_EQUAL(c.stat[AGW_PROSE_STAT_AUTHZ_AV], 1);
	CU_ASSERT_EQUAL(authz_checks(&c), 0); /* the UDM checked during AV retrieval */
	CU_ASSERT_EQUAL(c.trigger[AGW_PROSE_TRIG_UE_SUCI], 1);
	pt_fix_fini(&f);
}

/* T2, T21, T32: the stored CP-PRUK is reused; Nonce_2 and K_NR_ProSe fresh. */
static void
t_reuse(void)
{
	struct pt_fix f;
	struct psim_result res;
	uint8_t knr1[32], n2_1[16];
	char id[256];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	memcpy(knr1, f.seen.knr, 32);
	memcpy(n2_1, f.seen.nonce2, 16);
	snprintf(id, sizeof(id), "%s", pt_last(&f)->pruk_id);
	for (int i = 0; i < 3; i++) {
		pt_connect(&f, 0, PT_RSC, &res);
		pt_assert_same_keys(&f, &res);
		CU_ASSERT_EQUAL(res.trigger, PSIM_TRIG_NONE);
		CU_ASSERT(!res.sent_suci && !res.sent_kui && !res.eap_ran);
		CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
		CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_NONE);
		CU_ASSERT_STRING_EQUAL(pt_last(&f)->pruk_id, id);
		CU_ASSERT(memcmp(knr1, f.seen.knr, 32) != 0);
		CU_ASSERT(memcmp(n2_1, f.seen.nonce2, 16) != 0);
	}
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_REUSED], 3);
	CU_ASSERT_EQUAL(pt_ctr(&f).trigger[AGW_PROSE_TRIG_NONE], 3);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 1);
	pt_fix_fini(&f);
}

/* [0286][0560]: one reuse request, exactly one authorisation check, by the
 * configured checker. */
static void
one_checker(enum agw_prose_authz_mode mode, int clear_info, uint8_t want, enum agw_prose_stat stat)
{
	struct pt_fix f;
	struct psim_result res;
	struct agw_prose_counters a, b;
	char supi[64];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.authz = mode;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_ACCEPTED);
	pt_supi(0, supi);
	if (clear_info)
		CU_ASSERT_EQUAL(agw_prose_panf_set_authz(f.p, supi, PT_RSC, 0xff), 0);
	for (int i = 0; i < 2; i++) {
		a = pt_ctr(&f);
		pt_connect(&f, 0, PT_RSC, &res);
		b = pt_ctr(&f);
		pt_assert_same_keys(&f, &res);
		CU_ASSERT_EQUAL(pt_last(&f)->checker, want);
		CU_ASSERT_EQUAL(authz_checks(&b) - authz_checks(&a), 1);
		CU_ASSERT_EQUAL(b.stat[stat] - a.stat[stat], 1);
		CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_AUTHZ_AV], a.stat[AGW_PROSE_STAT_AUTHZ_AV]);
	}
	pt_fix_fini(&f);
}

static void
t_checker_panf_local(void)
{
	one_checker(AGW_PROSE_AUTHZ_PANF_LOCAL, 0, AGW_PROSE_CHECK_PANF_LOCAL,
		    AGW_PROSE_STAT_AUTHZ_PANF_LOCAL);
}

static void
t_checker_panf_udm(void)
{
	one_checker(AGW_PROSE_AUTHZ_PANF_UDM, 0, AGW_PROSE_CHECK_PANF_UDM,
		    AGW_PROSE_STAT_AUTHZ_PANF_UDM);
}

static void
t_checker_ausf_udm(void)
{
	one_checker(AGW_PROSE_AUTHZ_AUSF_UDM, 0, AGW_PROSE_CHECK_AUSF_UDM,
		    AGW_PROSE_STAT_AUTHZ_AUSF_UDM);
}

/* PAnF-local mode but no stored information: the AUSF checks (4.6 row 1). */
static void
t_checker_local_without_info(void)
{
	one_checker(AGW_PROSE_AUTHZ_PANF_LOCAL, 1, AGW_PROSE_CHECK_AUSF_UDM,
		    AGW_PROSE_STAT_AUTHZ_AUSF_UDM);
}

/* Several UEs and two RSCs: one CP-PRUK per (SUPI, RSC), all reusable. */
static void
t_many(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	pt_create(&f);
	for (unsigned int round = 0; round < 2; round++)
		for (unsigned int i = 0; i < PT_UES; i++) {
			pt_connect(&f, i, i % 2 ? PT_RSC2 : PT_RSC, &res);
			pt_assert_same_keys(&f, &res);
			CU_ASSERT_EQUAL(res.eap_ran, round == 0);
		}
	pt_connect(&f, 0, PT_RSC2, &res); /* a second RSC for UE 0 */
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(res.eap_ran);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), PT_UES + 1);
	CU_ASSERT_STRING_NOT_EQUAL(psim_remote_key(&f.ue[0], PT_RSC)->id,
				   psim_remote_key(&f.ue[0], PT_RSC2)->id);
	pt_fix_fini(&f);
}

/* Group commit: every NAS message in its own transaction, committed. */
static void
t_group_commit(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.group_commit = 1;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	pt_fix_fini(&f);
}

CU_TestInfo pt_flow_tests[] = {
	{"first connection: SUCI, EAP-AKA', CP-PRUK registered", t_first_connection},
	{"reuse of a valid CP-PRUK, fresh Nonce_2 each time", t_reuse},
	{"one checker: PAnF, stored information", t_checker_panf_local},
	{"one checker: PAnF asks the UDM", t_checker_panf_udm},
	{"one checker: AUSF asks the UDM", t_checker_ausf_udm},
	{"one checker: no stored information -> AUSF", t_checker_local_without_info},
	{"8 UEs, two RSCs", t_many},
	{"group commit per NAS message", t_group_commit},
	CU_TEST_INFO_NULL,
};
