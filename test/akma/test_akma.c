/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/akma: seed 001 AKMA anchor (AUSF allocation variants, AAnF K_AF,
 * relocation, persistence). argv[1] = python3, argv[2] = akma_reference.py
 * (the second derivation path).
 */
#include <stdio.h>

#include "agw_test.h"
#include "akma_test.h"

int
main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
		{"akma_kdf", NULL, NULL, NULL, NULL, at_kdf_tests},
		{"akma_variants", NULL, NULL, NULL, NULL, at_variant_tests},
		{"akma_negative", NULL, NULL, NULL, NULL, at_negative_tests},
		{"akma_restart", NULL, NULL, NULL, NULL, at_restart_tests},
		{"akma_table", NULL, NULL, NULL, NULL, at_table_tests},
		CU_SUITE_INFO_NULL,
	};

	if (argc < 3) {
		fprintf(stderr, "usage: %s python3 akma_reference.py\n", argv[0]);
		return 2;
	}
	at_python = argv[1];
	at_ref_script = argv[2];
	return agw_test_main(suites);
}
