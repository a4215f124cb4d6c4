/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Every variant of seed 001: AUSF-allocated (FIG. 3), AAnF-allocated
 * (FIG. 4), AAnF and AF addresses chosen from the auxiliary information
 * ([0115][0162]), AAnF change with the AUSF's address update (FIG. 7,
 * [0196]), K_AKMA pushed (claims 5/16), AnchorKey_Register and
 * Context_Remove.
 */
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

/* Reference K_AF of subscriber n for AF a (akma_reference.py). */
static void
ref_kaf(struct at_fix *f, unsigned int n, unsigned int a, uint8_t kaf[32])
{
	struct at_ref_in in;
	struct at_ref_out out;

	memset(&in, 0, sizeof(in));
	at_kausf(n, in.kausf);
	at_supi(n, in.supi);
	in.af_id_len = at_af_id(f, a, in.af_id);
	CU_ASSERT_EQUAL_FATAL(at_ref(&in, &out, 1), 0);
	memcpy(kaf, out.kaf, 32);
}

static struct agw_nas5g_akma_id
parsed(const struct agw_akma_ident *id)
{
	struct agw_nas5g_akma_id f;

	CU_ASSERT_EQUAL(agw_nas5g_akma_id_decode((const uint8_t *)id->nai, id->nai_len, &f), 0);
	return f;
}

static uint64_t
aanf_stat(struct at_fix *f, unsigned int i, unsigned int stat)
{
	uint64_t o[AGW_AKMA_AANF_STAT_MAX];

	agw_akma_aanf_stats(agw_akma_aanf_at(f->ak, i), NULL, o);
	return o[stat];
}

static uint64_t
ausf_stat(struct at_fix *f, unsigned int stat)
{
	uint64_t o[AGW_AKMA_AUSF_STAT_MAX];

	agw_akma_ausf_stats(f->ak, o);
	return o[stat];
}

/* FIG. 3: random 128-bit TID, RID and home network; pulled once, then cached. */
static void
t_ausf_allocated(void)
{
	struct at_fix f;
	struct agw_akma_ident id1, id2;
	struct agw_nas5g_akma_id p;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1;
	uint8_t want[32];

	at_fix_init(&f);
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	CU_ASSERT_EQUAL(at_auth(&f, 1, NULL, &id1), 1);
	CU_ASSERT_EQUAL(at_auth(&f, 2, NULL, &id2), 1);
	p = parsed(&id1);
	CU_ASSERT_EQUAL(p.tid_len, 16);
	CU_ASSERT_STRING_EQUAL(p.rid, AT_RID);
	CU_ASSERT_STRING_EQUAL(p.plmn.mcc, "001");
	CU_ASSERT_STRING_EQUAL(p.plmn.mnc, "001");
	CU_ASSERT_STRING_EQUAL(p.aanf, "");
	CU_ASSERT_STRING_EQUAL(p.af, "");
	CU_ASSERT_EQUAL(strncmp(id1.nai, "rid0012.tid", 11), 0);
	CU_ASSERT(strstr(id1.nai, "@5gc.mnc001.mcc001.3gppnetwork.org") != NULL);
	CU_ASSERT(strcmp(id1.nai, id2.nai) != 0);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(a1), 0); /* pull mode: nothing yet */

	ref_kaf(&f, 1, 0, want);
	CU_ASSERT_EQUAL(at_kaf(a1, id1.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_EQUAL(at_kaf(a1, id1.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_EQUAL(aanf_stat(&f, 0, AGW_AKMA_AANF_STAT_PULLED), 1);
	CU_ASSERT_EQUAL(aanf_stat(&f, 0, AGW_AKMA_AANF_STAT_CACHE_HITS), 1);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_ALLOCATED), 2);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_PULLS), 1);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/* FIG. 4: the selected AAnF allocates and holds K_AKMA before any request. */
static void
t_aanf_allocated(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_nas5g_akma_id p;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_snssai v2x = {3, AGW_AKMA_SD_NONE};
	struct agw_akma_aux aux = {&v2x, 1, NULL, 0};
	uint8_t want[32];

	at_fix_init(&f);
	f.conf.allocator = AGW_AKMA_ALLOC_AANF;
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF;
	f.rules[0] = (struct agw_akma_rule){.match = AGW_AKMA_MATCH_SST, .sst = 3, .aanf = "a2"};
	f.conf.n_rules = 1;
	at_create(&f);
	CU_ASSERT_EQUAL(at_auth(&f, 5, &aux, &id), 1);
	p = parsed(&id);
	CU_ASSERT_STRING_EQUAL(p.aanf, "a2");
	CU_ASSERT_EQUAL(p.tid_len, 16);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(agw_akma_aanf_at(f.ak, 1)), 1);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(agw_akma_aanf_at(f.ak, 0)), 0);
	CU_ASSERT_EQUAL(aanf_stat(&f, 1, AGW_AKMA_AANF_STAT_ALLOCATED), 1);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_AANF_ALLOCATIONS), 1);

	ref_kaf(&f, 5, 2, want);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 1), id.nai, "edge.example.net", 0, &rs),
			AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_EQUAL(aanf_stat(&f, 1, AGW_AKMA_AANF_STAT_PULLED), 0);
	CU_ASSERT_EQUAL(aanf_stat(&f, 1, AGW_AKMA_AANF_STAT_CACHE_HITS), 1);
	/* The AUSF keeps {identifier, SUPI, K_AUSF} too ([0025]). */
	CU_ASSERT_EQUAL(agw_akma_ausf_count(f.ak), 1);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

static void
check_labels(struct at_fix *f, unsigned int n, const struct agw_akma_aux *aux, const char *aanf,
	     const char *af)
{
	struct agw_akma_ident id;
	struct agw_nas5g_akma_id p;

	CU_ASSERT_EQUAL(at_auth(f, n, aux, &id), 1);
	p = parsed(&id);
	CU_ASSERT_STRING_EQUAL(p.aanf, aanf);
	CU_ASSERT_STRING_EQUAL(p.af, af);
}

/* [0115][0162]: first matching rule on S-NSSAI / DNN / SSC mode. */
static void
t_addresses(void)
{
	struct at_fix f;
	struct agw_akma_snssai s1 = {1, 0x000001}, s2 = {2, AGW_AKMA_SD_NONE};
	struct agw_akma_aux a_s2 = {&s2, 1, NULL, 0}, a_dnn = {&s1, 1, "INTERNET", 1},
			    a_ssc = {&s1, 1, "ims", 3}, a_sd = {&s1, 1, "ims", 1};

	at_fix_init(&f);
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF;
	f.conf.akma_label = 1;
	f.rules[0] = (struct agw_akma_rule){
		.match = AGW_AKMA_MATCH_SST, .sst = 2, .aanf = "a2", .af = "af3"};
	f.rules[1] =
		(struct agw_akma_rule){.match = AGW_AKMA_MATCH_DNN, .dnn = "internet", .af = "af2"};
	f.rules[2] = (struct agw_akma_rule){
		.match = AGW_AKMA_MATCH_SSC, .ssc_mode = 3, .aanf = "a3", .af = "af1"};
	f.rules[3] = (struct agw_akma_rule){.match = AGW_AKMA_MATCH_SST | AGW_AKMA_MATCH_SD,
					    .sst = 1,
					    .sd = 0x000001,
					    .aanf = "a3"};
	f.conf.n_rules = 4;
	at_create(&f);
	check_labels(&f, 10, &a_s2, "a2", "af3");
	check_labels(&f, 11, &a_dnn, "a1", "af2"); /* default AAnF, DNN case-insensitive */
	check_labels(&f, 12, &a_ssc, "a3", "af1");
	check_labels(&f, 13, &a_sd, "a3", "0"); /* SST+SD rule: no AF -> "0" = any ([0118]) */
	check_labels(&f, 14, NULL, "a1", "0");
	at_fix_fini(&f);
}

/* An identifier bound to af3 is refused to af1; "0" is accepted by any AF. */
static void
t_af_binding(void)
{
	struct at_fix f;
	struct agw_akma_snssai s2 = {2, AGW_AKMA_SD_NONE};
	struct agw_akma_aux aux = {&s2, 1, NULL, 0};
	struct agw_akma_ident bound, any;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a2, *a3;

	at_fix_init(&f);
	f.conf.addr_fields = AGW_AKMA_ADDR_AF;
	f.rules[0] = (struct agw_akma_rule){.match = AGW_AKMA_MATCH_SST, .sst = 2, .af = "af3"};
	f.conf.n_rules = 1;
	at_create(&f);
	a2 = agw_akma_aanf_at(f.ak, 1);
	a3 = agw_akma_aanf_at(f.ak, 2);
	CU_ASSERT_EQUAL(at_auth(&f, 20, &aux, &bound), 1);
	CU_ASSERT_EQUAL(at_auth(&f, 21, NULL, &any), 1);
	CU_ASSERT_EQUAL(at_kaf(a3, bound.nai, "af.example.com", 0, &rs), AGW_AKMA_V_AF_MISMATCH);
	CU_ASSERT_EQUAL(at_kaf(a2, bound.nai, "edge.example.net", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(at_kaf(a3, any.nai, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(at_kaf(a3, any.nai, "app2.example.org", 0, &rs), AGW_AKMA_V_OK);
	at_fix_fini(&f);
}

/*
 * FIG. 7: a1 (named in the identifier) does not serve af3 and names a2; a2
 * takes the redirected request, pulls K_AKMA, and the AUSF rewrites the
 * identifier's AAnF label to a2. TID, RID and realm stay; both forms resolve.
 */
static void
t_relocation(void)
{
	struct at_fix f;
	struct agw_akma_ident id, now;
	struct agw_nas5g_akma_id p0, p1;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a1, *a2;
	uint8_t want[32];

	at_fix_init(&f);
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF;
	at_create(&f);
	a1 = agw_akma_aanf_at(f.ak, 0);
	a2 = agw_akma_aanf_at(f.ak, 1);
	CU_ASSERT_EQUAL(at_auth(&f, 30, NULL, &id), 1);
	p0 = parsed(&id);
	CU_ASSERT_STRING_EQUAL(p0.aanf, "a1");

	CU_ASSERT_EQUAL(at_kaf(a1, id.nai, "edge.example.net", 0, &rs), AGW_AKMA_V_RELOCATE);
	CU_ASSERT_PTR_EQUAL(rs.target, a2);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_PULLS), 0); /* no AUSF contact */

	ref_kaf(&f, 30, 2, want);
	CU_ASSERT_EQUAL(at_kaf(a2, id.nai, "edge.example.net", 1, &rs), AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_RELOCATION_UPDATES), 1);
	CU_ASSERT_EQUAL(agw_akma_ausf_ident(f.ak, "imsi-001010000000030", &now), 0);
	p1 = parsed(&now);
	CU_ASSERT_STRING_EQUAL(p1.aanf, "a2");
	CU_ASSERT_STRING_EQUAL(p1.rid, p0.rid);
	CU_ASSERT_EQUAL(p1.tid_len, p0.tid_len);
	CU_ASSERT_EQUAL(memcmp(p1.tid, p0.tid, p0.tid_len), 0);
	CU_ASSERT_STRING_EQUAL(strchr(now.nai, '@'), strchr(id.nai, '@'));

	/* Both forms resolve (F11); the new form needs no redirect at a2. */
	CU_ASSERT_EQUAL(at_kaf(a2, now.nai, "edge.example.net", 0, &rs), AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_EQUAL(at_kaf(a2, id.nai, "edge.example.net", 1, &rs), AGW_AKMA_V_OK);
	/* a2 does not serve af1: relocation the other way. */
	CU_ASSERT_EQUAL(at_kaf(a2, now.nai, "af.example.com", 0, &rs), AGW_AKMA_V_RELOCATE);
	CU_ASSERT_PTR_EQUAL(rs.target, a1);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/* rewrite_on_relocation = 0: the relocation works, the label stays. */
static void
t_relocation_no_rewrite(void)
{
	struct at_fix f;
	struct agw_akma_ident id, now;
	struct agw_akma_kaf_resp rs;

	at_fix_init(&f);
	f.conf.addr_fields = AGW_AKMA_ADDR_AANF;
	f.conf.rewrite_on_relocation = 0;
	at_create(&f);
	CU_ASSERT_EQUAL(at_auth(&f, 31, NULL, &id), 1);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 1), id.nai, "edge.example.net", 1, &rs),
			AGW_AKMA_V_OK);
	CU_ASSERT_EQUAL(agw_akma_ausf_ident(f.ak, "imsi-001010000000031", &now), 0);
	CU_ASSERT_STRING_EQUAL(now.nai, id.nai);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_RELOCATION_UPDATES), 0);
	at_fix_fini(&f);
}

/* Claims 5/16: K_AKMA pushed to the selected AAnF at allocation. */
static void
t_push(void)
{
	struct at_fix f;
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;
	uint8_t want[32];

	at_fix_init(&f);
	f.conf.delivery = AGW_AKMA_PUSH;
	at_create(&f);
	CU_ASSERT_EQUAL(at_auth(&f, 40, NULL, &id), 1);
	CU_ASSERT_EQUAL(agw_akma_aanf_ctx_count(agw_akma_aanf_at(f.ak, 0)), 1);
	CU_ASSERT_EQUAL(ausf_stat(&f, AGW_AKMA_AUSF_STAT_PUSHES), 1);
	ref_kaf(&f, 40, 1, want);
	CU_ASSERT_EQUAL(at_kaf(agw_akma_aanf_at(f.ak, 0), id.nai, "app2.example.org", 0, &rs),
			AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, want, 32);
	CU_ASSERT_STRING_EQUAL(rs.supi, ""); /* af2: expose_supi = 0 */
	CU_ASSERT_EQUAL(aanf_stat(&f, 0, AGW_AKMA_AANF_STAT_PULLED), 0);
	agw_akma_kaf_resp_clear(&rs);
	at_fix_fini(&f);
}

/* AnchorKey_Register of an identifier the AUSF never saw, then Context_Remove. */
static void
t_register_remove(void)
{
	struct at_fix f;
	struct at_ref_in in;
	struct at_ref_out out;
	struct agw_akma_kaf_resp rs;
	struct agw_akma_aanf *a3;
	uint8_t tid[16];
	char akid[256];

	at_fix_init(&f);
	at_create(&f);
	a3 = agw_akma_aanf_at(f.ak, 2);
	memset(&in, 0, sizeof(in));
	at_kausf(50, in.kausf);
	at_supi(50, in.supi);
	in.af_id_len = at_af_id(&f, 0, in.af_id);
	CU_ASSERT_EQUAL_FATAL(at_ref(&in, &out, 1), 0);
	memset(tid, 0x5a, sizeof(tid));
	CU_ASSERT(agw_akma_akid("7", tid, 16, AT_MCC, AT_MNC, akid, sizeof(akid)) > 0);
	CU_ASSERT_EQUAL(agw_akma_aanf_register(a3, in.supi, akid, out.kakma), 0);
	CU_ASSERT_EQUAL(at_kaf(a3, akid, "af.example.com", 0, &rs), AGW_AKMA_V_OK);
	AGW_ASSERT_MEM_EQ(rs.kaf, out.kaf, 32);
	/* Foreign realm and bad SUPI are refused. */
	CU_ASSERT_EQUAL(agw_akma_aanf_register(a3, in.supi,
					       "rid7.tid00@5gc.mnc002.mcc001.3gppnetwork.org",
					       out.kakma),
			-EINVAL);
	CU_ASSERT_EQUAL(agw_akma_aanf_register(a3, "imsi-1", akid, out.kakma), -EINVAL);
	CU_ASSERT_EQUAL(agw_akma_aanf_remove(a3, in.supi), 0);
	CU_ASSERT_EQUAL(at_kaf(a3, akid, "af.example.com", 0, &rs), AGW_AKMA_V_UNKNOWN_AKID);
	CU_ASSERT_EQUAL(agw_akma_aanf_remove(a3, in.supi), -ENOENT);
	agw_akma_kaf_resp_clear(&rs);
	agw_memzero(&out, sizeof(out));
	at_fix_fini(&f);
}

CU_TestInfo at_variant_tests[] = {
	{"FIG. 3 AUSF-allocated identifier, pull then cache", t_ausf_allocated},
	{"FIG. 4 AAnF-allocated identifier (selected by S-NSSAI)", t_aanf_allocated},
	{"AAnF and AF addresses from S-NSSAI/DNN/SSC rules", t_addresses},
	{"AF-bound identifier refused to another AF", t_af_binding},
	{"FIG. 7 AAnF change with identifier address update", t_relocation},
	{"relocation without rewrite keeps the identifier", t_relocation_no_rewrite},
	{"K_AKMA pushed at allocation (claims 5/16)", t_push},
	{"AnchorKey_Register and Context_Remove", t_register_remove},
	CU_TEST_INFO_NULL,
};
