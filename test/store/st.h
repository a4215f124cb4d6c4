/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef ST_H
#define ST_H

/* Store tests: fixtures shared by the suites. */

#include <CUnit/CUnit.h>
#include <stdint.h>

#include "agw_store.h"

/** Make a fresh directory of mode 0700 under /tmp; returns a static-free copy. */
char *st_mkdir(void);

/** Remove a store directory and its files. */
void st_rmdir(char *dir);

/** Open a store in @p dir (map_size 0 = default); NULL on failure. */
struct agw_store *st_open(const char *dir, uint64_t map_size, enum agw_store_sync sync);

/** A valid subscriber "imsi-00101" + 10 digits of @p n, with keys from @p n. */
void st_sub(struct agw_store_sub *sub, unsigned long n);

/** Binary of anchor-subscriber (argv[1]). */
extern const char *st_cli_exe;

extern CU_TestInfo st_sqn_tests[];
extern CU_TestInfo st_cli_tests[];

#endif /* ST_H */
