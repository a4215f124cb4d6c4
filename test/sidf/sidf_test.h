/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef SIDF_TEST_H
#define SIDF_TEST_H

/*
 * test_sidf: lib/sidf and `anchor-keytool suci`. One CU_TestInfo array
 * per file:
 *   t_vectors.c   TS 33.501 Annex C.4 (every intermediate value)
 *   t_corpus.c    ECIES SUCIs of the real-signalling corpus
 *   t_negative.c  one test per failure cause, counters, key files
 *   t_rotation.c  add/retire key ids under concurrent de-concealment
 *   t_keytool.c   the anchor-keytool binary (argv[1])
 */

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "agw_sidf.h"

extern CU_TestInfo sidf_vector_tests[];
extern CU_TestInfo sidf_corpus_tests[];
extern CU_TestInfo sidf_negative_tests[];
extern CU_TestInfo sidf_rotation_tests[];
extern CU_TestInfo sidf_keytool_tests[];

/** Suite set-up / tear-down of t_negative.c (its key set). */
int sidf_negative_init(void);
int sidf_negative_fini(void);

/** Path of anchor-keytool (argv[1]), or NULL. */
extern const char *sidf_keytool;

/** TS 33.501 C.4.3 profile A and C.4.4 profile B home network private keys. */
extern const uint8_t sidf_c4_priv_a[32];
extern const uint8_t sidf_c4_priv_b[32];

/** Key set with the C.4 keys: profile A under @p id_a, B under @p id_b. */
struct agw_hnkeys *sidf_c4_keys(unsigned int id_a, unsigned int id_b);

/**
 * Conceal an IMSI (MCC 001, MNC 01, routing indicator 0) under key @p id of
 * @p ks with a fresh ephemeral key.
 *
 * @return IE length (asserted positive).
 */
long sidf_make_imsi_suci(struct agw_hnkeys *ks, unsigned int id, const char *msin, uint8_t *ie,
			 size_t cap);

/** Hex of @p len octets into @p out (2 * len + 1), upper case when @p upper. */
char *sidf_hex(const uint8_t *b, size_t len, char *out, int upper);

#endif /* SIDF_TEST_H */
