/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Restart: contexts persisted in lib/store (LMDB) come back after the anchor
 * is freed and the store reopened; identifiers keep their K_AF, relocated
 * identifiers keep their new form, expired and superseded records go.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

static int
count_cb(const struct agw_store_akma *a, void *arg)
{
	(void)a;
	(*(unsigned int *)arg)++;
	return 0;
}

static unsigned int
records(struct agw_store *s)
{
	unsigned int n = 0;

	CU_ASSERT_EQUAL(agw_store_akma_iterate(s, count_cb, &n), 0);
	return n;
}

static uint64_t
ausf_stat(struct at_fix *f, unsigned int stat)
{
	uint64_t o[AGW_AKMA_AUSF_STAT_MAX];

	agw_akma_ausf_stats(f->ak, o);
	return o[stat];
}

/* Free the anchor, close and reopen the store, create the anchor again. */
static void
restart(struct at_fix *f)
{
	agw_akma_free(f->ak);
	f->ak = NULL;
	agw_store_close(f->store);
	f->store = at_store_open(f->dir);
	at_create(f);
}

enum { N = 40 };

/* FIG. 3 + labels + relocation + deregistration across a restart. */
static void
t_restart_ausf(void)
{
	struct at_fix f;
	static struct agw_akma_ident id[N];
	struct agw_akma_ident now0, reauth;
	struct agw_akma_kaf_resp rs;
	static uint8_t kaf[N][32];
	struct at_ref_in in[N];
	struct at_ref_out out[N];
	struct agw_akma_aanf *a2, *a3;
	unsigned int i, bad = 0;

	at_fix_init(&f);
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF;
	f.dir = at_mkdir();
	CU_ASSERT_PTR_NOT_NULL_FATAL(f.dir);
	f.store = at_store_open(f.dir);
	at_create(&f);
	a3 = agw_akma_aanf_at(f.ak, 2);
	for (i = 0; i < N; i++) {
		CU_ASSERT_EQUAL(at_auth(&f, 100 + i, NULL, &id[i]), 1);
		CU_ASSERT_EQUAL(at_kaf(a3, id[i].nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
		memcpy(kaf[i], rs.kaf, 32);
		memset(&in[i], 0, sizeof(in[i]));
		at_kausf(100 + i, in[i].kausf);
		at_supi(100 + i, in[i].supi);
		in[i].af_id_len = at_af_id(&f, 0, in[i].af_id);
	}
	/* UE 0 moves to a2 (rewrite), UE N-1 deregisters. */
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 1), id[0].nai, "edge.example.net", 1, &rs),
			AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(agw_akma_ausf_deregister(f.ak, "imsi-001010000000139"), 0);
	CU_ASSERT_EQUAL(records(f.store), N - 1); /* pulled contexts are not written */

	restart(&f);
	a2 = agw_akma_aanf_at(f.ak, 1);
	a3 = agw_akma_aanf_at(f.ak, 2);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), N - 1);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_RESTORED), N - 1);
	CU_ASSERT_EQUAL_FATAL(at_ref(in, out, N), 0);
	for (i = 0; i + 1 < N; i++) {
		if (at_kaf(a3, id[i].nai, "af.example.com", 0, &rs) != AGW_AKMA_V_OK ||
		    memcmp(rs.kaf, kaf[i], 32) != 0 || memcmp(rs.kaf, out[i].kaf, 32) != 0)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(at_kaf(a3, id[N - 1].nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_UNKNOWN_AKID);
	/* The relocated form survived; the old form still resolves. */
	CU_ASSERT_EQUAL(agw_akma_ausf_ident(f.ak, "imsi-001010000000100", &now0), 0);
	CU_ASSERT(strncmp(now0.nai, "af0.aanfa2.", 11) == 0);
	CU_ASSERT_EQUAL(at_kaf(a2, now0.nai, "edge.example.net", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(at_kaf(a2, id[0].nai, "edge.example.net", 1, &rs), AGW_AKMA_V_OK);
	/* Re-authentication after the restart still replaces the old identifier. */
	CU_ASSERT_EQUAL(at_auth(&f, 101, NULL, &reauth), 1);
	CU_ASSERT_EQUAL(at_kaf(a3, id[1].nai, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(at_kaf(a3, reauth.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	agw_akma_kaf_resp_clear(&rs);
	agw_memzero(kaf, sizeof(kaf));
	at_fix_fini(&f);
}

/* Expired identifiers are not restored and their records are deleted. */
static void
t_restart_expired(void)
{
	struct at_fix f;
	struct agw_akma_ident id;

	at_fix_init(&f);
	f.conf.ident_lifetime_s = 100;
	f.dir = at_mkdir();
	f.store = at_store_open(f.dir);
	at_create(&f);
	for (unsigned int i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(at_auth(&f, 200 + i, NULL, &id), 1);
	CU_ASSERT_EQUAL(records(f.store), 5);
	f.now += 200;
	restart(&f);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 0);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_RESTORE_DROPPED), 5);
	CU_ASSERT_EQUAL(records(f.store), 0);
	at_fix_fini(&f);
}

/*
 * FIG. 4 contexts are persisted at the AAnF and come back without a pull;
 * a superseded context record is deleted, a record of another form is left.
 */
static void
t_restart_aanf(void)
{
	struct at_fix f;
	struct agw_akma_ident id[10];
	struct agw_akma_kaf_resp rs;
	struct agw_store_akma rec, got;
	uint8_t kaf0[32];
	uint64_t other[AGW_AKMA_AANF_STAT_MAX];

	at_fix_init(&f);
	f.conf.allocator = AGW_AKMA_ALLOC_AANF;
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF;
	f.dir = at_mkdir();
	f.store = at_store_open(f.dir);
	at_create(&f);
	for (unsigned int i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(at_auth(&f, 300 + i, NULL, &id[i]), 1);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 0), id[0].nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_OK);
	memcpy(kaf0, rs.kaf, 32);
	CU_ASSERT_EQUAL(records(f.store), 20); /* 10 AUSF + 10 AAnF */

	/* A context of UE 0 under another TID (superseded) and a foreign record. */
	memset(&rec, 0, sizeof(rec));
	snprintf(rec.akid, sizeof(rec.akid),
		 "aanf/a1/aanfa1.rid0012.tid%032x@5gc.mnc001.mcc001."
		 "3gppnetwork.org",
		 7);
	snprintf(rec.supi, sizeof(rec.supi), "imsi-001010000000300");
	rec.key_kind = AGW_STORE_AKMA_KAKMA;
	CU_ASSERT_EQUAL(agw_store_akma_put(f.store, &rec), 0);
	memset(&got, 0, sizeof(got));
	snprintf(got.akid, sizeof(got.akid), "someone-else@example.org");
	snprintf(got.supi, sizeof(got.supi), "imsi-001010000000999");
	got.key_kind = AGW_STORE_AKMA_KAUSF;
	CU_ASSERT_EQUAL(agw_store_akma_put(f.store, &got), 0);

	restart(&f);
	agw_akma_aanf_stats(agw_akma_aanf_at(f.ak, 0), NULL, other);
	CU_ASSERT_EQUAL(other[AGW_AKMA_AANF_STAT_RESTORED], 10);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(agw_akma_aanf_at(f.ak, 0)), 10);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 0), id[0].nai, "af.example.com", 0, &rs),
			AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, kaf0, 32);
	agw_akma_aanf_stats(agw_akma_aanf_at(f.ak, 0), NULL, other);
	CU_ASSERT_EQUAL(other[AGW_AKMA_AANF_STAT_PULLED], 0);
	CU_ASSERT_EQUAL(agw_store_akma_get(f.store, rec.akid, &got), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_akma_get(f.store, "someone-else@example.org", &got), 0);
	CU_ASSERT_EQUAL(records(f.store), 21);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

CU_TestInfo at_restart_tests[] = {
	{"AUSF entries, labels, relocation survive a restart", t_restart_ausf},
	{"expired identifiers dropped at restart", t_restart_expired},
	{"AAnF-held contexts restored; superseded dropped", t_restart_aanf},
	CU_TEST_INFO_NULL,
};
