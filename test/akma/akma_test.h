/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AKMA_TEST_H
#define AKMA_TEST_H

/*
 * Fixtures shared by the lib/akma and lib/sbi tests: a configuration with
 * three AAnF instances and three AFs, a settable clock, deterministic
 * subscribers, and the second derivation path (akma_reference.py).
 */

#include <CUnit/CUnit.h>
#include <stdint.h>

#include "agw_akma.h"
#include "agw_store.h"

/* PLMN 001/01; spec/001 3.4 K_AUSF and SUPI. */
#define AT_MCC "001"
#define AT_MNC "01"
#define AT_RID "0012"
#define AT_V_SUPI "imsi-001010000000001"

/* AFs: 0 = af.example.com (Ua* 01 00 00 00 02, spec/001 V3), 1, 2 (edge). */
#define AT_N_AF 3
#define AT_N_AANF 3

struct at_fix {
	struct agw_akma_conf conf;
	struct agw_akma_aanf_conf aanf[AT_N_AANF];
	struct agw_akma_af_conf af[AT_N_AF];
	struct agw_akma_rule rules[4];
	const char *served_a1[2];
	const char *served_a2[1];
	uint64_t now;
	char err[160];
	struct agw_akma *ak;
	struct agw_store *store;
	char *dir;
};

/*
 * Defaults: AUSF allocator, random TID, pull, no labels; AAnF "a1" serves
 * AFs af1 and af2, "a2" serves af3, "a3" serves all; clock 1.7e9.
 */
void at_fix_init(struct at_fix *f);
/* Create the anchor from f->conf (store: f->store). CU-asserts success. */
struct agw_akma *at_create(struct at_fix *f);
void at_fix_fini(struct at_fix *f);

/* Temporary store directory (mode 0700) and an LMDB store in it. */
char *at_mkdir(void);
void at_rmdir(char *dir);
struct agw_store *at_store_open(const char *dir);

/* Deterministic K_AUSF / SUPI number n. */
void at_kausf(unsigned int n, uint8_t k[32]);
void at_supi(unsigned int n, char supi[AGW_AKMA_SUPI_MAX]);

/* Successful AKMA authentication of subscriber n; returns the call's value. */
int at_auth(struct at_fix *f, unsigned int n, const struct agw_akma_aux *aux,
	    struct agw_akma_ident *id);

/* K_AF request at an AAnF with the AF's afId. */
enum agw_akma_verdict at_kaf(struct agw_akma_aanf *aanf, const char *akid, const char *af_id,
			     int redirected, struct agw_akma_kaf_resp *rs);

/* AF_ID octets (FQDN || Ua*) of configured AF i. Returns the length. */
size_t at_af_id(const struct at_fix *f, unsigned int i, uint8_t *out);

/* Second derivation path: one line per input. 0 or -1. */
struct at_ref_in {
	uint8_t kausf[32];
	char supi[AGW_AKMA_SUPI_MAX];
	uint8_t af_id[300];
	size_t af_id_len;
};
struct at_ref_out {
	uint8_t kakma[32];
	uint8_t atid[32];
	uint8_t kaf[32];
};
int at_ref(const struct at_ref_in *in, struct at_ref_out *out, unsigned int n);

/* python3 and akma_reference.py (argv[1], argv[2]). */
extern const char *at_python;
extern const char *at_ref_script;

extern CU_TestInfo at_kdf_tests[];
extern CU_TestInfo at_variant_tests[];
extern CU_TestInfo at_negative_tests[];
extern CU_TestInfo at_restart_tests[];
extern CU_TestInfo at_table_tests[];

#endif /* AKMA_TEST_H */
