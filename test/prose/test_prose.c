/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/prose (seed 002 / TS 33.503 ProSe U2N relay security) end to end with
 * the simulated remote and relay UEs of app/prose-sim. argv[1] = python3,
 * argv[2] = prose_reference.py (the second derivation path).
 */
#include <stdio.h>

#include "agw_test.h"
#include "prose_test.h"

int
main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
		{"prose_unit", NULL, NULL, NULL, NULL, pt_unit_tests},
		{"prose_flow", NULL, NULL, NULL, NULL, pt_flow_tests},
		{"prose_triggers", NULL, NULL, NULL, NULL, pt_trigger_tests},
		{"prose_negative", NULL, NULL, NULL, NULL, pt_negative_tests},
		{"prose_restart", NULL, NULL, NULL, NULL, pt_restart_tests},
		{"prose_reference", NULL, NULL, NULL, NULL, pt_ref_tests},
		CU_SUITE_INFO_NULL,
	};

	if (argc < 3) {
		fprintf(stderr, "usage: %s python3 prose_reference.py\n", argv[0]);
		return 2;
	}
	pt_python = argv[1];
	pt_ref_script = argv[2];
	return agw_test_main(suites);
}
