/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The identifier tables: the open-addressing index under forced collisions
 * (backward-shift deletion must keep every other key reachable), and the
 * anchor with 200,000 identifiers (index growth, deletion, lookups).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "akma_priv.h"
#include "akma_test.h"

/* Keys are the indexes themselves; the "hash" is chosen by the test. */
static int
eq_idx(const void *ctx, uint32_t idx, const void *key)
{
	(void)ctx;
	return idx == *(const uint32_t *)key;
}

static uint32_t
bad_hash(uint32_t k)
{
	return (k % 13) * 0x10001u; /* 13 distinct values: long probe runs */
}

static void
t_htab_collisions(void)
{
	enum { N = 20000 };
	struct akma_htab t;
	static uint8_t live[N];
	uint32_t k, missing = 0, wrong = 0;

	CU_ASSERT_EQUAL_FATAL(akma_htab_init(&t, 16), 0);
	for (k = 0; k < N; k++) {
		CU_ASSERT_EQUAL_FATAL(akma_htab_insert(&t, bad_hash(k), k), 0);
		live[k] = 1;
	}
	srand(7);
	for (int i = 0; i < N / 2; i++) {
		k = (uint32_t)rand() % N;
		if (live[k]) {
			CU_ASSERT_EQUAL(akma_htab_remove(&t, bad_hash(k), k), 0);
			live[k] = 0;
		} else {
			CU_ASSERT_EQUAL(akma_htab_remove(&t, bad_hash(k), k), -ENOENT);
		}
	}
	for (k = 0; k < N; k++) {
		int64_t got = akma_htab_find(&t, bad_hash(k), eq_idx, NULL, &k);

		if (live[k] && got != (int64_t)k)
			missing++;
		if (!live[k] && got != -1)
			wrong++;
	}
	CU_ASSERT_EQUAL(missing, 0);
	CU_ASSERT_EQUAL(wrong, 0);
	akma_htab_fini(&t);
}

/* 200,000 identifiers from a 1,024 presize; half deregistered; the rest resolve. */
static void
t_anchor_scale(void)
{
	enum { N = 200000 };
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	static char nai[N / 100][AGW_AKMA_NAI_MAX + 1];
	unsigned int i, fails = 0;
	char supi[AGW_AKMA_SUPI_MAX];

	at_fix_init(&f);
	at_create(&f);
	for (i = 0; i < N; i++) {
		if (at_auth(&f, i, NULL, &id) != 1)
			fails++;
		if (i % 100 == 0)
			memcpy(nai[i / 100], id.nai, sizeof(nai[0]));
	}
	CU_ASSERT_EQUAL(fails, 0);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), N);
	for (i = 0; i < N; i += 2) {
		at_supi(i, supi);
		if (agw_akma_ausf_deregister(f.ak, supi) != 0)
			fails++;
	}
	CU_ASSERT_EQUAL(fails, 0);
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), N / 2);
	/* Sampled identifiers belong to even subscribers (i % 100 == 0): all gone. */
	for (i = 0; i < N / 100; i++)
		if (at_kaf(agw_akma_aanf_at(f.ak, 0), nai[i], "af.example.com", 0, &rs) !=
		    AGW_AKMA_V_UNKNOWN_AKID)
			fails++;
	for (i = 1; i < N; i += 1000) {
		at_supi(i, supi);
		if (agw_akma_ausf_ident(f.ak, supi, &id) != 0 ||
		    at_kaf(agw_akma_aanf_at(f.ak, 0), id.nai, "af.example.com", 0, &rs) !=
			    AGW_AKMA_V_OK)
			fails++;
	}
	CU_ASSERT_EQUAL(fails, 0);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

CU_TestInfo at_table_tests[] = {
	{"hash index: 20,000 keys in 13 probe runs, deletes", t_htab_collisions},
	{"200,000 identifiers, half deregistered", t_anchor_scale},
	CU_TEST_INFO_NULL,
};
