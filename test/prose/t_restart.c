/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Persistence: a restart (anchor freed, store closed and reopened) loses no
 * PAnF record nor what the update decisions and the replay check need
 * (creation time, update indication, stored authorisation, relay AMF PLMN,
 * Nonce_1 history); and a failed group commit is undone in memory.
 */
#include <stdio.h>
#include <string.h>

#include "agw_test.h"
#include "prose_test.h"

static void
established(struct pt_fix *f)
{
	struct psim_result res;

	pt_create(f);
	pt_connect(f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL_FATAL(res.end, PSIM_END_ACCEPTED);
}

static void
t_reuse_after_restart(void)
{
	struct pt_fix f;
	struct psim_result res;
	char id[256];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	established(&f);
	pt_connect(&f, 1, PT_RSC2, &res);
	snprintf(id, sizeof(id), "%s", psim_remote_key(&f.ue[0], PT_RSC)->id);
	pt_restart(&f);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_RESTORED], 2);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 2);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	CU_ASSERT_STRING_EQUAL(pt_last(&f)->pruk_id, id);
	pt_connect(&f, 1, PT_RSC2, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	pt_fix_fini(&f);
}

static void
t_nonce_history_survives(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t n1[16] = {7, 7, 7};

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	established(&f);
	pt_id_request(&f, 20, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	pt_restart(&f);
	pt_id_request(&f, 21, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_REPLAY);
	pt_fix_fini(&f);
}

/* Update indication, stored authorisation, creation time, relay PLMN. */
static void
t_flags_survive(void)
{
	struct pt_fix f;
	struct psim_result res;
	char supi[64];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.pruk_validity_s = 24 * 3600;
	f.conf.ausf_policy = AGW_PROSE_AUSF_UPD_PLMN;
	established(&f);
	for (unsigned int i = 1; i < 4; i++) {
		pt_connect(&f, i, PT_RSC, &res);
		CU_ASSERT_EQUAL(res.end, PSIM_END_ACCEPTED);
	}
	CU_ASSERT_EQUAL(
		agw_prose_panf_update_indication(f.p, psim_remote_key(&f.ue[0], PT_RSC)->id), 0);
	pt_supi(1, supi);
	CU_ASSERT_EQUAL(agw_prose_panf_set_authz(f.p, supi, PT_RSC, 0), 0);
	f.now += 20 * 3600; /* UE 2's key: 20 h of 24 */
	pt_connect(&f, 2, PT_RSC, &res);
	CU_ASSERT(!res.eap_ran);
	pt_restart(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_PANF_INDICATION);
	pt_assert_same_keys(&f, &res);
	pt_connect(&f, 1, PT_RSC, &res);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_FORBIDDEN);
	f.now += 5 * 3600; /* 25 h: the creation time came back from the store */
	pt_connect(&f, 2, PT_RSC, &res);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_PANF_VALIDITY);
	pt_assert_same_keys(&f, &res);
	snprintf(f.relay.plmn.mnc, sizeof(f.relay.plmn.mnc), "02"); /* the relay's PLMN moved */
	pt_connect(&f, 3, PT_RSC, &res);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_AUSF_PLMN);
	pt_assert_same_keys(&f, &res);
	pt_fix_fini(&f);
}

/* The commit of the message that registered CP-PRUK #2 fails: the PAnF has
 * #1 again, the UE never saw EAP-Success and keeps #1; the link is gone. */
static void
t_rollback_registration(void)
{
	struct pt_fix f;
	struct psim_result res;
	struct agw_prose_panf_rsp rsp;
	char old[256];

	pt_fix_init(&f, PSIM_METHOD_KUI);
	f.group_commit = 1;
	established(&f);
	snprintf(old, sizeof(old), "%s", psim_remote_key(&f.ue[0], PT_RSC)->id);
	CU_ASSERT_EQUAL(agw_prose_panf_update_indication(f.p, old), 0);
	f.fail_commit = 2; /* the Relay Authentication Response */
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NO_ANSWER);
	CU_ASSERT(res.eap_ran);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_ROLLBACKS], 1);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 1);
	CU_ASSERT_EQUAL(agw_prose_panf_get(f.p, old, PT_RSC, AGW_PROSE_PANF_NO_UPDATE, &rsp), 0);
	CU_ASSERT_EQUAL(rsp.status, AGW_PROSE_PANF_KEY);
	AGW_ASSERT_MEM_EQ(rsp.pruk, psim_remote_key(&f.ue[0], PT_RSC)->pruk, 32);
	agw_prose_panf_rsp_clear(&rsp);
	CU_ASSERT_STRING_EQUAL(psim_remote_key(&f.ue[0], PT_RSC)->id, old);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	CU_ASSERT_EQUAL(agw_prose_pc5_link_release(f.p, pt_last(&f)->link), -ENOENT);
	/* Still flagged for update (the flag was committed): the next run renews. */
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_PANF_INDICATION);
	CU_ASSERT_STRING_NOT_EQUAL(psim_remote_key(&f.ue[0], PT_RSC)->id, old);
	pt_restart(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	pt_fix_fini(&f);
}

/* A failed commit on the reuse path: the Nonce_1 is not remembered. */
static void
t_rollback_nonce(void)
{
	struct pt_fix f;
	struct agw_prose_out out;
	uint8_t n1[16] = {9, 9, 9};

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.group_commit = 1;
	established(&f);
	f.fail_commit = 1;
	pt_id_request(&f, 30, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(out.n_dl, 0); /* held and dropped */
	pt_id_request(&f, 31, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	pt_id_request(&f, 32, PT_RSC, n1, 0, &out);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_REPLAY);
	pt_fix_fini(&f);
}

/* Without a store the anchor works from memory. */
static void
t_memory_only(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.store = NULL;
	f.p = agw_prose_create(&f.conf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f.p);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	pt_fix_fini(&f);
}

CU_TestInfo pt_restart_tests[] = {
	{"reuse after a restart", t_reuse_after_restart},
	{"Nonce_1 history survives a restart", t_nonce_history_survives},
	{"update flag, authorisation, creation time, relay PLMN survive", t_flags_survive},
	{"failed commit of a registration rolled back", t_rollback_registration},
	{"failed commit of a reuse rolled back", t_rollback_nonce},
	{"memory only (no store)", t_memory_only},
	CU_TEST_INFO_NULL,
};
