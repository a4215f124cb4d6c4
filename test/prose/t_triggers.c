/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Every refresh trigger of seed 002 (spec/002 4.1, 4.3, 4.4):
 *  - remote UE (methods 400 and 500): local key timer, RSC configuration
 *    change, network policy on a cell change;
 *  - AUSF (method 600): relay AMF PLMN change, configuration version, with
 *    the decision before and after the PAnF query;
 *  - PAnF (method 700): validity period, expiry time, update indication, RSC
 *    no longer stored.
 * After each: EAP ran, CP-PRUK #2 replaced #1 at UE and PAnF, the old ID no
 * longer resolves, the new one is reused, and all ends agree on the keys.
 */
#include <stdio.h>
#include <string.h>

#include "agw_test.h"
#include "prose_test.h"

struct refresh {
	int method;
	uint8_t ue_trigger; /* enum psim_trigger the UE reports */
	uint8_t gw_trigger; /* enum agw_prose_trigger the gateway reports */
	int sent_suci;	    /* the DCR carried the SUCI */
	void (*setup)(struct pt_fix *f, const char *old_id); /* after the first connection */
	void (*conf)(struct pt_fix *f);			     /* before creation */
	int panf_checked; /* the PAnF authorised before the AUSF decided ([0559]) */
};

/* The old CP-PRUK ID stops working at the PAnF ([0393], T34). */
static void
assert_old_gone(struct pt_fix *f, const char *old_id, const char *new_id)
{
	struct agw_prose_panf_rsp rsp;

	CU_ASSERT_STRING_NOT_EQUAL(old_id, new_id);
	CU_ASSERT_EQUAL(agw_prose_panf_get(f->p, old_id, PT_RSC, AGW_PROSE_PANF_NO_AUTHZ, &rsp), 0);
	CU_ASSERT_EQUAL(rsp.status, AGW_PROSE_PANF_NOT_FOUND);
	CU_ASSERT_EQUAL(agw_prose_panf_get(f->p, new_id, PT_RSC, AGW_PROSE_PANF_NO_AUTHZ, &rsp), 0);
	CU_ASSERT_EQUAL(rsp.status, AGW_PROSE_PANF_KEY);
	AGW_ASSERT_MEM_EQ(rsp.pruk, psim_remote_key(&f->ue[0], PT_RSC)->pruk, 32);
	agw_prose_panf_rsp_clear(&rsp);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f->p), 1);
}

static void
run_refresh(const struct refresh *t)
{
	struct pt_fix f;
	struct psim_result res;
	struct agw_prose_counters a, b;
	char old_id[256], new_id[256];

	pt_fix_init(&f, t->method);
	if (t->conf != NULL)
		t->conf(&f);
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL_FATAL(res.end, PSIM_END_ACCEPTED);
	snprintf(old_id, sizeof(old_id), "%s", psim_remote_key(&f.ue[0], PT_RSC)->id);
	t->setup(&f, old_id);
	a = pt_ctr(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	b = pt_ctr(&f);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT_EQUAL(res.trigger, t->ue_trigger);
	CU_ASSERT_EQUAL(res.sent_suci, t->sent_suci);
	CU_ASSERT(res.eap_ran);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_OK);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, t->gw_trigger);
	CU_ASSERT_EQUAL(pt_last(&f)->checker, AGW_PROSE_CHECK_UDM_AV);
	CU_ASSERT_EQUAL(b.trigger[t->gw_trigger] - a.trigger[t->gw_trigger], 1);
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_REPLACED] - a.stat[AGW_PROSE_STAT_REPLACED], 1);
	/* New-key path: no AUSF authorisation, no PAnF one unless it ran before the
	 * AUSF decided; the UDM's in AV retrieval. */
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_AUTHZ_PANF_LOCAL] -
				a.stat[AGW_PROSE_STAT_AUTHZ_PANF_LOCAL],
			(uint64_t)t->panf_checked);
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_AUTHZ_AUSF_UDM],
			a.stat[AGW_PROSE_STAT_AUTHZ_AUSF_UDM]);
	CU_ASSERT_EQUAL(b.stat[AGW_PROSE_STAT_AUTHZ_AV] - a.stat[AGW_PROSE_STAT_AUTHZ_AV], 1);
	snprintf(new_id, sizeof(new_id), "%s", psim_remote_key(&f.ue[0], PT_RSC)->id);
	CU_ASSERT_STRING_EQUAL(new_id, pt_last(&f)->pruk_id);
	assert_old_gone(&f, old_id, new_id);
	/* The new key is reused afterwards. */
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	CU_ASSERT_STRING_EQUAL(pt_last(&f)->pruk_id, new_id);
	pt_fix_fini(&f);
}

/* -- remote UE ---------------------------------------------------------- */

static void
ue_timer_conf(struct pt_fix *f)
{
	for (int i = 0; i < PT_UES; i++)
		f->ue[i].conf.key_timer_s = 3600;
}

static void
ue_timer(struct pt_fix *f, const char *old_id)
{
	(void)old_id;
	f->now += 3600;
}

static void
ue_rsc_change(struct pt_fix *f, const char *old_id)
{
	(void)old_id;
	psim_remote_rsc_config_change(&f->ue[0], PT_RSC);
}

static void
ue_cell_conf(struct pt_fix *f)
{
	f->ue[0].conf.update_on_cell = 1;
}

static void
ue_cell(struct pt_fix *f, const char *old_id)
{
	(void)old_id;
	psim_remote_set_cell(&f->ue[0], 42);
}

static void
t_ue_timer_400(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_TIMER,
			    AGW_PROSE_TRIG_UE_SUCI,
			    1,
			    ue_timer,
			    ue_timer_conf,
			    0};
	run_refresh(&t);
}

static void
t_ue_timer_500(void)
{
	struct refresh t = {PSIM_METHOD_KUI,
			    PSIM_TRIG_TIMER,
			    AGW_PROSE_TRIG_UE_KEY_UPDATE,
			    0,
			    ue_timer,
			    ue_timer_conf,
			    0};
	run_refresh(&t);
}

static void
t_ue_rsc_400(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_RSC_CHANGE,
			    AGW_PROSE_TRIG_UE_SUCI,
			    1,
			    ue_rsc_change,
			    NULL,
			    0};
	run_refresh(&t);
}

static void
t_ue_rsc_500(void)
{
	struct refresh t = {PSIM_METHOD_KUI,
			    PSIM_TRIG_RSC_CHANGE,
			    AGW_PROSE_TRIG_UE_KEY_UPDATE,
			    0,
			    ue_rsc_change,
			    NULL,
			    0};
	run_refresh(&t);
}

static void
t_ue_cell_400(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_CELL,
			    AGW_PROSE_TRIG_UE_SUCI,
			    1,
			    ue_cell,
			    ue_cell_conf,
			    0};
	run_refresh(&t);
}

static void
t_ue_cell_500(void)
{
	struct refresh t = {PSIM_METHOD_KUI,
			    PSIM_TRIG_CELL,
			    AGW_PROSE_TRIG_UE_KEY_UPDATE,
			    0,
			    ue_cell,
			    ue_cell_conf,
			    0};
	run_refresh(&t);
}

/* The timer has not run out yet: reuse ([0303] is "expires"). */
static void
t_ue_timer_not_yet(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	ue_timer_conf(&f);
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	f.now += 3599;
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT_EQUAL(res.trigger, PSIM_TRIG_NONE);
	CU_ASSERT(!res.eap_ran);
	pt_fix_fini(&f);
}

/* -- AUSF (method 600) -------------------------------------------------- */

static void
ausf_plmn_conf(struct pt_fix *f)
{
	f->conf.ausf_policy = AGW_PROSE_AUSF_UPD_PLMN;
}

static void
ausf_plmn_after_conf(struct pt_fix *f)
{
	f->conf.ausf_policy = AGW_PROSE_AUSF_UPD_PLMN;
	f->conf.ausf_decide_after_get = 1;
}

static void
relay_moves(struct pt_fix *f, const char *old_id)
{
	(void)old_id;
	snprintf(f->relay.plmn.mnc, sizeof(f->relay.plmn.mnc), "02");
}

static void
ausf_config_conf(struct pt_fix *f)
{
	f->conf.ausf_policy = AGW_PROSE_AUSF_UPD_CONFIG;
	f->conf.ausf_config_version = 1;
}

static void
ausf_config(struct pt_fix *f, const char *old_id)
{
	(void)old_id;
	agw_prose_ausf_set_config_version(f->p, 2);
}

static void
t_ausf_plmn_before(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_AUSF_PLMN,
			    0,
			    relay_moves,
			    ausf_plmn_conf,
			    0};
	run_refresh(&t);
}

static void
t_ausf_plmn_after(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_AUSF_PLMN,
			    0,
			    relay_moves,
			    ausf_plmn_after_conf,
			    1};
	run_refresh(&t);
}

static void
t_ausf_config(void)
{
	struct refresh t = {PSIM_METHOD_KUI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_AUSF_CONFIG,
			    0,
			    ausf_config,
			    ausf_config_conf,
			    0};
	run_refresh(&t);
}

/* Same relay PLMN, same configuration: no update (policy on). */
static void
t_ausf_no_change(void)
{
	struct pt_fix f;
	struct psim_result res;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.ausf_policy = AGW_PROSE_AUSF_UPD_PLMN | AGW_PROSE_AUSF_UPD_CONFIG;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_connect(&f, 0, PT_RSC, &res);
	pt_assert_same_keys(&f, &res);
	CU_ASSERT(!res.eap_ran);
	CU_ASSERT_EQUAL(pt_last(&f)->trigger, AGW_PROSE_TRIG_NONE);
	pt_fix_fini(&f);
}

/* -- PAnF (method 700) -------------------------------------------------- */

static void
panf_validity_conf(struct pt_fix *f)
{
	f->conf.pruk_validity_s = 24 * 3600;
}

static void
panf_validity(struct pt_fix *f, const char *old_id)
{
	struct psim_result res;

	(void)old_id;
	f->now += 18 * 3600; /* [0681]: 18 h of 24 h: still valid */
	pt_connect(f, 0, PT_RSC, &res);
	pt_assert_same_keys(f, &res);
	CU_ASSERT(!res.eap_ran);
	f->now += 6 * 3600;
}

static void
panf_expiry(struct pt_fix *f, const char *old_id)
{
	CU_ASSERT_EQUAL(agw_prose_panf_set_expiry(f->p, old_id, f->now + 2 * 3600), 0);
	f->now += 4 * 3600; /* [0682]: expiry 18:00, request at 20:00 */
}

static void
panf_indication(struct pt_fix *f, const char *old_id)
{
	CU_ASSERT_EQUAL(agw_prose_panf_update_indication(f->p, old_id), 0);
}

static void
panf_rsc(struct pt_fix *f, const char *old_id)
{
	char supi[64];

	(void)old_id;
	pt_supi(0, supi);
	CU_ASSERT_EQUAL(agw_prose_panf_rsc_remove(f->p, supi, PT_RSC), 0);
}

static void
t_panf_validity(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_PANF_VALIDITY,
			    0,
			    panf_validity,
			    panf_validity_conf,
			    0};
	run_refresh(&t);
}

static void
t_panf_expiry(void)
{
	struct refresh t = {PSIM_METHOD_SUCI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_PANF_EXPIRY,
			    0,
			    panf_expiry,
			    NULL,
			    0};
	run_refresh(&t);
}

static void
t_panf_indication(void)
{
	struct refresh t = {PSIM_METHOD_KUI,
			    PSIM_TRIG_NONE,
			    AGW_PROSE_TRIG_PANF_INDICATION,
			    0,
			    panf_indication,
			    NULL,
			    0};
	run_refresh(&t);
}

static void
t_panf_rsc(void)
{
	struct refresh t = {
		PSIM_METHOD_SUCI, PSIM_TRIG_NONE, AGW_PROSE_TRIG_PANF_RSC, 0, panf_rsc, NULL, 0};
	run_refresh(&t);
}

/* [0700]: authorise first, then decide; a refused UE gets no key even with
 * an update pending. */
static void
t_panf_authz_first(void)
{
	struct pt_fix f;
	struct psim_result res;
	char supi[64];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.panf_authz_first = 1;
	pt_create(&f);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(agw_prose_panf_update_indication(f.p, pt_last(&f)->pruk_id), 0);
	pt_supi(0, supi);
	CU_ASSERT_EQUAL(agw_prose_panf_set_authz(f.p, supi, PT_RSC, 0), 0);
	pt_connect(&f, 0, PT_RSC, &res);
	CU_ASSERT_EQUAL(res.end, PSIM_END_NAS_REJECT);
	CU_ASSERT_EQUAL(pt_last(&f)->verdict, AGW_PROSE_V_FORBIDDEN);
	CU_ASSERT(!f.seen.have_knr);
	pt_fix_fini(&f);
}

CU_TestInfo pt_trigger_tests[] = {
	{"UE timer, method 400 (SUCI)", t_ue_timer_400},
	{"UE timer, method 500 (ID + key update indication)", t_ue_timer_500},
	{"UE timer not run out: reuse", t_ue_timer_not_yet},
	{"UE RSC configuration change, 400", t_ue_rsc_400},
	{"UE RSC configuration change, 500", t_ue_rsc_500},
	{"UE policy: cell change, 400", t_ue_cell_400},
	{"UE policy: cell change, 500", t_ue_cell_500},
	{"AUSF: relay AMF PLMN change, decided before the PAnF", t_ausf_plmn_before},
	{"AUSF: relay AMF PLMN change, decided after the PAnF", t_ausf_plmn_after},
	{"AUSF: configuration version", t_ausf_config},
	{"AUSF policy on, nothing changed: reuse", t_ausf_no_change},
	{"PAnF: validity period (18 h valid, 24 h renewed)", t_panf_validity},
	{"PAnF: expiry time", t_panf_expiry},
	{"PAnF: update indication", t_panf_indication},
	{"PAnF: RSC no longer stored", t_panf_rsc},
	{"PAnF: authorise first, refused despite update", t_panf_authz_first},
	CU_TEST_INFO_NULL,
};
