/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Pieces of lib/prose on their own: the Relay key request parameters
 * encoding, the CP-PRUK ID NAI, configuration checks, the PAnF API's
 * argument and capacity errors, the hash index, counter names.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "prose_priv.h"
#include "prose_test.h"

static void
t_params(void)
{
	static const uint8_t n1[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	static const uint8_t id[] = "rid0.pidx@example";
	struct agw_prose_key_req rq = {.prti = 3,
				       .rsc = 0xabcdef,
				       .nonce_1 = n1,
				       .id_type = AGW_PROSE_ID_CP_PRUK,
				       .key_update = 1,
				       .ue_id = id,
				       .ue_id_len = sizeof(id) - 1};
	struct agw_prose_key_req d;
	uint8_t b[128];
	long n = agw_prose_key_req_params_encode(&rq, b, sizeof(b));

	CU_ASSERT_EQUAL_FATAL(n, 3 + 16 + 1 + (long)sizeof(id) - 1);
	CU_ASSERT(b[0] == 0xab && b[1] == 0xcd && b[2] == 0xef);
	CU_ASSERT_EQUAL(b[19], AGW_PROSE_IDT_CP_PRUK | AGW_PROSE_IDT_KEY_UPDATE);
	memset(&d, 0, sizeof(d));
	CU_ASSERT_EQUAL(agw_prose_key_req_params_decode(b, (size_t)n, &d), 0);
	CU_ASSERT_EQUAL(d.rsc, 0xabcdef);
	CU_ASSERT(d.key_update && d.id_type == AGW_PROSE_ID_CP_PRUK);
	AGW_ASSERT_MEM_EQ(d.nonce_1, n1, 16);
	CU_ASSERT_EQUAL(d.ue_id_len, sizeof(id) - 1);
	/* Decoder refusals. */
	CU_ASSERT_EQUAL(agw_prose_key_req_params_decode(b, 20, &d), -EBADMSG);
	b[19] = 0x04;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_decode(b, (size_t)n, &d), -EBADMSG);
	b[19] = AGW_PROSE_IDT_KEY_UPDATE;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_decode(b, (size_t)n, &d), -EBADMSG);
	/* Encoder refusals. */
	rq.rsc = 0x1000000;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_encode(&rq, b, sizeof(b)), -EINVAL);
	rq.rsc = 1;
	rq.id_type = AGW_PROSE_ID_SUCI;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_encode(&rq, b, sizeof(b)), -EINVAL);
	rq.key_update = 0;
	rq.ue_id_len = 0;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_encode(&rq, b, sizeof(b)), -EINVAL);
	rq.ue_id_len = 5;
	CU_ASSERT_EQUAL(agw_prose_key_req_params_encode(&rq, b, 10), -ENOSPC);
}

static void
t_pruk_id(void)
{
	uint8_t star[32];
	char out[256];

	for (int i = 0; i < 32; i++)
		star[i] = (uint8_t)(0xf0 + (i & 0xf));
	CU_ASSERT_EQUAL(agw_prose_pruk_id_build("12", star, "001", "01", out, sizeof(out)), 116);
	CU_ASSERT_STRING_EQUAL(out, "rid12.pidf0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
				    "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
				    "@prose-cp.5gc.mnc001.mcc001.3gppnetwork.org");
	CU_ASSERT_EQUAL(agw_prose_pruk_id_build("12", star, "001", "123", out, sizeof(out)), 116);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, ".mnc123.mcc001."));
	CU_ASSERT_EQUAL(agw_prose_pruk_id_build("12345", star, "001", "01", out, 256), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_pruk_id_build("1", star, "01", "01", out, 256), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_pruk_id_build("1", star, "001", "01", out, 100), -ENOSPC);
}

static void
expect_conf_error(struct pt_fix *f, const char *word)
{
	f->err[0] = '\0';
	CU_ASSERT_PTR_NULL(agw_prose_create(&f->conf));
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(f->err, word));
}

static void
t_conf(void)
{
	struct pt_fix f;
	struct agw_prose_conf keep;

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	keep = f.conf;
	memcpy(f.conf.mcc, "0a1", 4);
	expect_conf_error(&f, "mcc");
	f.conf = keep;
	f.conf.udm = NULL;
	expect_conf_error(&f, "udm");
	f.conf = keep;
	f.conf.authz = (enum agw_prose_authz_mode)7;
	expect_conf_error(&f, "authz");
	f.conf = keep;
	f.conf.ausf_policy = 0x10;
	expect_conf_error(&f, "ausf_policy");
	f.conf = keep;
	f.conf.panf_policy = 0x10;
	expect_conf_error(&f, "panf_policy");
	f.conf = keep;
	pt_fix_fini(&f);
}

static void
t_panf_api(void)
{
	struct pt_fix f;
	uint8_t pruk[32] = {1}, star[32] = {2};
	char id1[256], id2[256], id3[256], other[256], s1[64], s2[64], s3[64];

	pt_fix_init(&f, PSIM_METHOD_SUCI);
	f.conf.capacity = 2;
	pt_create(&f);
	pt_supi(0, s1), pt_supi(1, s2), pt_supi(2, s3);
	agw_prose_pruk_id_build("1", star, PT_MCC, PT_MNC, id1, sizeof(id1));
	star[0] = 3;
	agw_prose_pruk_id_build("1", star, PT_MCC, PT_MNC, id2, sizeof(id2));
	star[0] = 4;
	agw_prose_pruk_id_build("1", star, PT_MCC, PT_MNC, id3, sizeof(id3));
	agw_prose_pruk_id_build("1", star, "002", PT_MNC, other, sizeof(other));
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, "imsi-12", PT_RSC, pruk, id1, 1), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s1, 0x1000000, pruk, id1, 1), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s1, PT_RSC, pruk, other, 1), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s1, PT_RSC, pruk, id1, 7), -EINVAL);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s1, PT_RSC, pruk, id1, 1), 0);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s2, PT_RSC, pruk, id1, 1), -EEXIST);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s2, PT_RSC, pruk, id2, 1), 0);
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s3, PT_RSC, pruk, id3, 1), -ENOSPC);
	/* A replacement needs no free slot. */
	CU_ASSERT_EQUAL(agw_prose_panf_register(f.p, s2, PT_RSC, pruk, id3, 1), 0);
	CU_ASSERT_EQUAL(agw_prose_panf_count(f.p), 2);
	CU_ASSERT_EQUAL(agw_prose_panf_update_indication(f.p, id2), -ENOENT);
	CU_ASSERT_EQUAL(agw_prose_panf_rsc_remove(f.p, s3, PT_RSC), -ENOENT);
	CU_ASSERT_EQUAL(agw_prose_panf_set_expiry(f.p, id2, 5), -ENOENT);
	CU_ASSERT_EQUAL(agw_prose_panf_set_authz(f.p, s1, PT_RSC, 2), -EINVAL);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_CREATED], 2);
	CU_ASSERT_EQUAL(pt_ctr(&f).stat[AGW_PROSE_STAT_REPLACED], 1);
	pt_fix_fini(&f);
}

static int
eq_u32(const void *ctx, uint32_t idx, const void *key)
{
	const uint32_t *vals = ctx;

	return vals[idx] == *(const uint32_t *)key;
}

/* Random inserts and removals against a plain array. */
static void
t_htab(void)
{
	enum { N = 2000 };
	struct prose_htab t;
	uint32_t *vals = calloc(N, sizeof(*vals));
	uint8_t *in = calloc(N, 1);
	uint64_t x = 88172645463325252ull;
	unsigned int bad = 0, live = 0;

	CU_ASSERT_EQUAL_FATAL(prose_htab_init(&t, N), 0);
	for (uint32_t i = 0; i < N; i++)
		vals[i] = i * 2654435761u;
	for (int op = 0; op < 40000; op++) {
		uint32_t i, h;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		i = (uint32_t)(x % N);
		h = (uint32_t)(vals[i] >> 20); /* few hash bits: long runs, many shifts */
		if (in[i]) {
			bad += prose_htab_remove(&t, h, i) != 0;
			in[i] = 0, live--;
		} else {
			bad += prose_htab_insert(&t, h, i) != 0;
			in[i] = 1, live++;
		}
		if (op % 4000 == 0)
			for (uint32_t j = 0; j < N; j++) {
				int64_t f = prose_htab_find(&t, (uint32_t)(vals[j] >> 20), eq_u32,
							    vals, &vals[j]);
				bad += in[j] ? f != (int64_t)j : f != -1;
			}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(t.count, live);
	prose_htab_fini(&t);
	free(vals);
	free(in);
}

static void
t_names(void)
{
	for (unsigned int i = 0; i < AGW_PROSE_V_MAX; i++)
		CU_ASSERT_PTR_NOT_NULL(agw_prose_verdict_name(i));
	for (unsigned int i = 0; i < AGW_PROSE_TRIG_MAX; i++)
		CU_ASSERT_PTR_NOT_NULL(agw_prose_trigger_name(i));
	for (unsigned int i = 0; i < AGW_PROSE_PC5_MAX; i++)
		CU_ASSERT_PTR_NOT_NULL(agw_prose_pc5_status_name(i));
	for (unsigned int i = 0; i < AGW_PROSE_STAT_MAX; i++)
		CU_ASSERT_PTR_NOT_NULL(agw_prose_stat_name(i));
	CU_ASSERT_PTR_NULL(agw_prose_verdict_name(AGW_PROSE_V_MAX));
	CU_ASSERT_STRING_EQUAL(agw_prose_verdict_name(AGW_PROSE_V_FORBIDDEN), "forbidden");
	CU_ASSERT_STRING_EQUAL(agw_prose_trigger_name(AGW_PROSE_TRIG_PANF_RSC), "panf_rsc_removed");
}

CU_TestInfo pt_unit_tests[] = {
	{"relay key request parameters", t_params},
	{"CP-PRUK ID NAI", t_pruk_id},
	{"configuration checks", t_conf},
	{"PAnF API errors and capacity", t_panf_api},
	{"hash index vs array", t_htab},
	{"counter names", t_names},
	CU_TEST_INFO_NULL,
};
