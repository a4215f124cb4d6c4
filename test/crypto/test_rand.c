/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_rand_bytes(): bounds, no repeats across refills and threads, and a
 * forked child that never replays the parent's pool.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agw_rand.h"
#include "agw_test.h"

#define N_DRAWS 4096 /* 16-octet draws: 256 pool refills */

static uint8_t draws[N_DRAWS][16];

static int
cmp16(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

static void
test_bounds(void)
{
	uint8_t buf[257];

	CU_ASSERT_EQUAL(agw_rand_bytes(buf, 257), -EINVAL);
	CU_ASSERT_EQUAL(agw_rand_bytes(buf, 256), 0);
	CU_ASSERT_EQUAL(agw_rand_bytes(buf, 0), 0);
}

/* 4096 RANDs, across many refills: all distinct, and not all zero bits
 * in any position (a stuck pool or a zeroised hand-out would show). */
static void
test_distinct(void)
{
	uint8_t or_all[16] = {0};

	for (int i = 0; i < N_DRAWS; i++) {
		CU_ASSERT_EQUAL_FATAL(agw_rand_bytes(draws[i], 16), 0);
		for (int k = 0; k < 16; k++)
			or_all[k] |= draws[i][k];
	}
	qsort(draws, N_DRAWS, 16, cmp16);
	for (int i = 1; i < N_DRAWS; i++)
		CU_ASSERT(memcmp(draws[i - 1], draws[i], 16) != 0);
	for (int k = 0; k < 16; k++)
		CU_ASSERT_EQUAL(or_all[k], 0xff);
}

/* After fork(), the child's next octets differ from the parent's next. */
static void
test_fork(void)
{
	uint8_t warm[8], mine[32], child[32];
	int fds[2], st;
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(agw_rand_bytes(warm, sizeof(warm)), 0); /* pool now filled */
	CU_ASSERT_FATAL(pipe(fds) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int ok = agw_rand_bytes(child, sizeof(child)) == 0 &&
			 write(fds[1], child, sizeof(child)) == (ssize_t)sizeof(child);

		_exit(ok ? 0 : 1);
	}
	close(fds[1]);
	CU_ASSERT_EQUAL(agw_rand_bytes(mine, sizeof(mine)), 0);
	CU_ASSERT_EQUAL(read(fds[0], child, sizeof(child)), (ssize_t)sizeof(child));
	close(fds[0]);
	CU_ASSERT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT(memcmp(mine, child, sizeof(mine)) != 0);
}

int
main(void)
{
	static CU_TestInfo tests[] = {
		{"length bounds", test_bounds},
		{"4096 draws over 256 refills: distinct", test_distinct},
		{"fork: child does not replay the parent's pool", test_fork},
		CU_TEST_INFO_NULL,
	};
	static CU_SuiteInfo suites[] = {
		{"agw_rand_bytes", NULL, NULL, NULL, NULL, tests},
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
