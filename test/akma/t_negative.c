/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Negative cases: no AKMA subscription, failed primary authentication,
 * stale identifier after re-authentication (TS 33.537 4.2.2.1 analogue),
 * malformed identifiers, unauthorised AF, expiry, deregistration, bad
 * arguments and bad configurations; each with its counter.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

static uint64_t
verdicts_of(struct agw_akma_aanf *a, unsigned int v)
{
	uint64_t o[AGW_AKMA_V_MAX];

	agw_akma_aanf_stats(a, o, NULL);
	return o[v];
}

static uint64_t
ausf_stat(struct at_fix *f, unsigned int stat)
{
	uint64_t o[AGW_AKMA_AUSF_STAT_MAX];

	agw_akma_ausf_stats(f->ak, o);
	return o[stat];
}

static int
auth(struct at_fix *f, unsigned int n, uint8_t akma, uint8_t success, struct agw_akma_ident *id)
{
	char supi[AGW_AKMA_SUPI_MAX];
	uint8_t k[32];
	struct agw_akma_auth a = {supi, k, AT_RID, akma, success, NULL};

	at_supi(n, supi);
	at_kausf(n, k);
	k[0] ^= (uint8_t)(success << 1); /* a re-authentication gives a new K_AUSF */
	return agw_akma_ausf_auth_result(f->ak, &a, id);
}

/* F1: no AKMA indication, no identifier, no state. */
static void
t_unsubscribed(void)
{
	struct at_fix f;
	struct agw_akma_ident id;

	at_fix_init(&f);
	at_create(&f);
	memset(&id, 0xff, sizeof(id));
	CU_ASSERT_EQUAL(auth(&f, 1, 0, 1, &id), 0);
	CU_ASSERT_EQUAL(id.nai_len, 0);
	CU_ASSERT_EQUAL(id.nai[0], '\0');
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 0);
	CU_ASSERT_EQUAL(agw_akma_ausf_ident(f.ak, "imsi-001010000000001", &id), -ENOENT);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_NOT_SUBSCRIBED), 1);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_ALLOCATED), 0);
	at_fix_fini(&f);
}

/* F2: failed authentication allocates none and leaves the earlier one usable. */
static void
t_failed_auth(void)
{
	struct at_fix f;
	struct agw_akma_ident id, none;
	struct agw_akma_kaf_resp rs;

	at_fix_init(&f);
	at_create(&f);
	CU_ASSERT_EQUAL(auth(&f, 2, 1, 0, &none), 0);
	CU_ASSERT_EQUAL(none.nai_len, 0);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 0);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_AUTH_FAILED), 1);
	CU_ASSERT_EQUAL(at_auth(&f, 3, NULL, &id), 1);
	CU_ASSERT_EQUAL(auth(&f, 3, 1, 0, &none), 0);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 0), id.nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_AUTH_FAILED), 2);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/*
 * F13: after re-authentication the old identifier is refused at every AAnF
 * (the pulled and the pushed copies are gone), the new one gives another K_AF.
 */
static void
t_reauth_stale(void)
{
	struct at_fix f;
	struct agw_akma_ident id1, id2;
	struct agw_akma_kaf_resp r1, r2;
	struct agw_akma_aanf *a1, *a3;

	at_fix_init(&f);
	f.conf.delivery = AGW_AKMA_PUSH;
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	a3 = agw_akma_aanf_at(f.ak, 2);
	CU_ASSERT_EQUAL(auth(&f, 4, 1, 1, &id1), 1);
	CU_ASSERT_EQUAL(at_kaf(a1, id1.nai, "af.example.com", 0, &r1), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(at_kaf(a3, id1.nai, "af.example.com", 0, &r2), AGW_AKMA_V_OK); /* pulled */
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(a3), 1);
	CU_ASSERT_EQUAL(auth(&f, 4, 1, 1 | 2, &id2), 1); /* success, another K_AUSF */
	CU_ASSERT(strcmp(id1.nai, id2.nai) != 0);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(a3), 0);
	CU_ASSERT_EQUAL(at_kaf(a1, id1.nai, "af.example.com", 0, &r2), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(at_kaf(a3, id1.nai, "af.example.com", 0, &r2), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(at_kaf(a1, id2.nai, "af.example.com", 0, &r2), AGW_AKMA_V_OK);
	CU_ASSERT(memcmp(r1.kaf, r2.kaf, 32) != 0);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_REPLACED), 1);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 1);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_UNKNOWN_AKID), 1);
	agw_akma_kaf_resp_clear(&r1);
	agw_akma_kaf_resp_clear(&r2);
	at_fix_fini(&f);
}

/* Malformed identifiers: BAD_AKID; well-formed but not ours: UNKNOWN_AKID. */
static void
t_bad_akid(void)
{
	static const char *const bad[] = {
		"",
		"RID0012.tid00112233445566778899aabbccddeeff@5gc.mnc001.mcc001.3gppnetwork.org",
		"rid12345.tid00112233445566778899aabbccddeeff@5gc.mnc001.mcc001.3gppnetwork.org",
		"rid0012.tidzz112233445566778899aabbccddeeff@5gc.mnc001.mcc001.3gppnetwork.org",
		"rid0012.tid0@5gc.mnc001.mcc001.3gppnetwork.org",
		"rid0012.tid00112233445566778899aabbccddeeff",
		"rid0012.tid0011@5gc.mnc001.mcc001.3gppnetwork.org.x",
		"rid0012.tid0011@@5gc.mnc001.mcc001.3gppnetwork.org",
		"rid0012.tid0011@5gc.mnc01.mcc001.3gppnetwork.org",
	};
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1;
	char big[400], other[256];

	at_fix_init(&f);
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	CU_ASSERT_EQUAL(at_auth(&f, 6, NULL, &id), 1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT_EQUAL(at_kaf(a1, bad[i], "af.example.com", 0, &rs), AGW_AKMA_V_BAD_AKID);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CU_ASSERT_EQUAL(at_kaf(a1, big, "af.example.com", 0, &rs), AGW_AKMA_V_BAD_AKID);
	/* Another home network, another RID, an unknown TID: not found. */
	snprintf(other, sizeof(other), "%s", id.nai);
	memcpy(strstr(other, "mnc001"), "mnc002", 6);
	CU_ASSERT_EQUAL(at_kaf(a1, other, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	snprintf(other, sizeof(other), "%s", id.nai);
	memcpy(other, "rid9999", 7);
	CU_ASSERT_EQUAL(at_kaf(a1, other, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	snprintf(other, sizeof(other), "%s", id.nai);
	other[11] = other[11] == '0' ? '1' : '0'; /* first TID digit, still hex */
	CU_ASSERT_EQUAL(at_kaf(a1, other, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_BAD_AKID), 10);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_UNKNOWN_AKID), 3);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_OK), 0);
	at_fix_fini(&f);
}

/* F16: an AF outside the policy is refused before anything else happens. */
static void
t_af_checks(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1;
	struct agw_akma_kaf_req rq;

	at_fix_init(&f);
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	CU_ASSERT_EQUAL(at_auth(&f, 7, NULL, &id), 1);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "evil.example.com", 0, &rs),
			AGW_AKMA_V_AF_NOT_AUTHORISED);
	CU_ASSERT_EQUAL(at_kaf(a1, "garbage", "evil.example.com", 0, &rs),
			AGW_AKMA_V_AF_NOT_AUTHORISED);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com ", 0, &rs), AGW_AKMA_V_BAD_AF_ID);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "", 0, &rs), AGW_AKMA_V_BAD_AF_ID);
	rq = (struct agw_akma_kaf_req){id.nai, id.nai_len, "af.example.com\0x", 16, 0, 0};
	CU_ASSERT_EQUAL(agw_akma_aanf_kaf_get(a1, &rq, &rs), AGW_AKMA_V_BAD_AF_ID);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_PULLS), 0);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_AF_NOT_AUTHORISED), 2);
	CU_ASSERT_EQUAL(verdicts_of(a1, AGW_AKMA_V_BAD_AF_ID), 3);
	at_fix_fini(&f);
}

/* Identifier lifetime: K_AF expiry capped by it; once past, EXPIRED then gone. */
static void
t_expiry(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1;
	uint64_t t0;

	at_fix_init(&f);
	f.conf.ident_lifetime_s = 60;
	f.conf.kaf_lifetime_s = 30;
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	t0 = f.now;
	CU_ASSERT_EQUAL(at_auth(&f, 8, NULL, &id), 1);
	f.now = t0 + 10;
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(rs.expiry, t0 + 40); /* now + K_AF lifetime */
	f.now = t0 + 50;
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(rs.expiry, t0 + 60); /* capped by the identifier */
	f.now = t0 + 60;
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_EXPIRED);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 0);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(a1), 0);
	/* Expiry seen by the AUSF on a pull (another AAnF, nothing cached). */
	f.now = t0;
	CU_ASSERT_EQUAL(at_auth(&f, 9, NULL, &id), 1);
	f.now = t0 + 61;
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 2), id.nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_EXPIRED);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_PULL_EXPIRED), 1);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/* F17: deregistration drops the identifier and every AAnF copy. */
static void
t_deregister(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1;

	at_fix_init(&f);
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	CU_ASSERT_EQUAL(at_auth(&f, 11, NULL, &id), 1);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(agw_akma_ausf_deregister(f.ak, "imsi-001010000000011"), 0);
	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(agw_akma_ausf_deregister(f.ak, "imsi-001010000000011"), -ENOENT);
	CU_ASSERT_EQUAL(agw_akma_ausf_deregister(f.ak, "bogus"), -EINVAL);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

static void
t_bad_input(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	uint8_t k[32] = {0};
	struct agw_akma_auth a = {"imsi-001010000000001", k, AT_RID, 1, 1, NULL};

	at_fix_init(&f);
	at_create(&f);
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(NULL, &a, &id), -EINVAL);
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, NULL, &id), -EINVAL);
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, NULL), -EINVAL);
	a.supi = "imsi-0010";
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), -EINVAL);
	a.supi = "001010000000001"; /* not the SBI form */
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), -EINVAL);
	a.supi = "imsi-001010000000001";
	a.rid = "12345";
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), -EINVAL);
	a.rid = "";
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), -EINVAL);
	a.rid = AT_RID;
	a.kausf = NULL;
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), -EINVAL);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_BAD_INPUT), 7);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 0);
	/* nai- SUPIs work. */
	a.kausf = k;
	a.supi = "nai-user@example.org";
	CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(f.ak, &a, &id), 1);
	at_fix_fini(&f);
}

/* One broken setting per case: refused with EINVAL and a reason. */
static void
t_conf_errors(void)
{
	const char *nobody[1] = {"af9"};
	struct at_fix f;
	struct agw_akma *ak;

	for (int i = 0; i < 11; i++) {
		at_fix_init(&f);
		switch (i) {
		case 0:
			memcpy(f.conf.mcc, "0a1", 4);
			break;
		case 1:
			f.conf.n_aanf = 0;
			break;
		case 2:
			f.aanf[1].id = "a1";
			break;
		case 3:
			f.aanf[1].served = f.served_a1;
			f.aanf[2].served = f.served_a1;
			f.aanf[2].n_served = 2;
			break; /* af3 served by nobody */
		case 4:
			f.rules[0].aanf = "zz";
			f.conf.n_rules = 1;
			break;
		case 5:
			f.conf.allocator = AGW_AKMA_ALLOC_AANF;
			f.conf.tid_source = AGW_AKMA_TID_KDF;
			break;
		case 6:
			f.conf.kaf_lifetime_s = 0;
			break;
		case 7:
			f.af[1].label = "0";
			break;
		case 8:
			f.aanf[0].id = "A1";
			break;
		case 9:
			f.aanf[0].served = nobody;
			f.aanf[0].n_served = 1;
			break;
		default:
			f.conf.default_aanf = "nope";
			break;
		}
		errno = 0;
		ak = agw_akma_create(&f.conf);
		CU_ASSERT_PTR_NULL(ak);
		CU_ASSERT_EQUAL(errno, EINVAL);
		CU_ASSERT(strncmp(f.err, "akma: ", 6) == 0);
		agw_akma_free(ak);
	}
}

CU_TestInfo at_negative_tests[] = {
	{"no AKMA subscription: no identifier", t_unsubscribed},
	{"failed primary authentication allocates none", t_failed_auth},
	{"stale identifier after re-authentication refused", t_reauth_stale},
	{"malformed and foreign identifiers", t_bad_akid},
	{"AF not authorised / bad afId", t_af_checks},
	{"identifier and K_AF expiry", t_expiry},
	{"deregistration drops every copy", t_deregister},
	{"bad arguments", t_bad_input},
	{"bad configurations refused with a reason", t_conf_errors},
	CU_TEST_INFO_NULL,
};
