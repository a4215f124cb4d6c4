/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef KT_TEST_H
#define KT_TEST_H

/**
 * @file
 * Shared pieces of the anchor-keytool tests: the test tables of each file
 * and assertions on a struct kt_res.
 */

#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "agw_test.h"
#include "kt_run.h"

/** nia, nea, kdf (t_sec.c). */
extern CU_TestInfo kt_tests_sec[];
/** derive * (t_derive.c). */
extern CU_TestInfo kt_tests_derive[];
/** milenage, av, av5g, ue5g, auts, resync, demo (t_milenage.c). */
extern CU_TestInfo kt_tests_milenage[];
/** help and every kind of bad input (t_cli.c). */
extern CU_TestInfo kt_tests_cli[];

/** The run exited 0; on failure show its stderr. */
#define KT_ASSERT_OK(r)                                                                    \
	do {                                                                               \
		CU_ASSERT_EQUAL((r)->status, 0);                                           \
		if ((r)->status != 0)                                                      \
			fprintf(stderr, "\n  %s:%d: keytool exit %d: %s", __FILE__,        \
				__LINE__, (r)->status, (r)->err);                          \
	} while (0)

/** Field @p name (NULL: the single output line) is exactly @p want. */
#define KT_ASSERT_FIELD(r, name, want, len)                                                \
	do {                                                                               \
		uint8_t got_[512];                                                         \
		int rc_ = kt_field((r), (name), got_, (len));                              \
		CU_ASSERT_EQUAL(rc_, 0);                                                   \
		if (rc_ == 0)                                                              \
			AGW_ASSERT_MEM_EQ(got_, (want), (len));                            \
		else                                                                       \
			fprintf(stderr, "\n  %s:%d: no field %s in: %s", __FILE__,         \
				__LINE__, (name) ? (name) : "(single)", (r)->out);         \
	} while (0)

/** stdout is exactly the text line @p want. */
#define KT_ASSERT_TEXT(r, want)                                                            \
	do {                                                                               \
		char want_[512];                                                           \
		snprintf(want_, sizeof(want_), "%s\n", (want));                            \
		CU_ASSERT_STRING_EQUAL((r)->out, want_);                                   \
	} while (0)

/** Fill @p buf with a pattern derived from @p seed (test inputs). */
static inline void
kt_pattern(uint8_t *buf, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 3));
}

#endif /* KT_TEST_H */
