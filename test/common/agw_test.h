/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_TEST_H
#define AGW_TEST_H

/**
 * @file
 * CUnit glue shared by every anchorgw unit test: each test program lists
 * its suites in a CU_SuiteInfo array and calls agw_test_main(), which runs
 * them in basic mode (CUnit's own summary lines) and exits non-zero when
 * any assertion failed or a suite could not be set up.
 */

#include <stdio.h>
#include <string.h>
#include <CUnit/Basic.h>

static inline int
agw_test_main(CU_SuiteInfo *suites)
{
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}

/** Assert two byte buffers are equal, printing both in hex when not. */
#define AGW_ASSERT_MEM_EQ(a, b, n)                                                         \
	do {                                                                               \
		const unsigned char *a_ = (const unsigned char *)(a);                       \
		const unsigned char *b_ = (const unsigned char *)(b);                       \
		size_t n_ = (n);                                                            \
		if (memcmp(a_, b_, n_) != 0) {                                              \
			fprintf(stderr, "\n  %s:%d: mismatch\n   got ", __FILE__, __LINE__); \
			for (size_t i_ = 0; i_ < n_; i_++)                                  \
				fprintf(stderr, "%02x", a_[i_]);                            \
			fprintf(stderr, "\n  want ");                                       \
			for (size_t i_ = 0; i_ < n_; i_++)                                  \
				fprintf(stderr, "%02x", b_[i_]);                            \
			fprintf(stderr, "\n");                                              \
		}                                                                           \
		CU_ASSERT(memcmp(a_, b_, n_) == 0);                                         \
	} while (0)

#endif /* AGW_TEST_H */
