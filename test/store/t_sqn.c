/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * SQN reservation (TS 33.102 Annex C): blocks, resynchronisation, the end
 * of the SEQ space, and "no SQN ever reused" across reopen and kill -9.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agw_test.h"
#include "st.h"

#define SUPI "imsi-001010000000001"

static struct agw_store *
fresh(char **dir, enum agw_store_sync sync, uint64_t sqn)
{
	struct agw_store_sub a;
	struct agw_store *s;

	*dir = st_mkdir();
	s = *dir != NULL ? st_open(*dir, 0, sync) : NULL;
	if (s == NULL)
		return NULL;
	agw_store_sub_init(&a);
	strcpy(a.supi, SUPI);
	memset(a.k, 1, sizeof(a.k));
	a.sqn = sqn;
	if (agw_store_sub_add(s, &a) != 0) {
		agw_store_close(s);
		return NULL;
	}
	agw_store_sub_clear(&a);
	return s;
}

static void
test_reserve(void)
{
	struct agw_store_sqn q;
	uint64_t first, stats[AGW_STORE_STAT_MAX];
	char *d;
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_NONE, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* SQN_HE 0: SEQ 0; the first block is SEQ 1 .. 1, SQN 0x20 .. 0x3f. */
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 1, &first), 0);
	CU_ASSERT_EQUAL(first, 0x20);
	CU_ASSERT_EQUAL(agw_store_sqn_get(s, SUPI, &q), 0);
	CU_ASSERT_EQUAL(q.sqn_hi, 0x3f);
	CU_ASSERT_EQUAL(q.ind_bits, 5);
	/* Next block of 10: SEQ 2 .. 11. */
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 10, &first), 0);
	CU_ASSERT_EQUAL(first, 2u << 5);
	CU_ASSERT_EQUAL(agw_store_sqn_get(s, SUPI, &q), 0);
	CU_ASSERT_EQUAL(q.sqn_hi, (11u << 5) | 31);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, "imsi-001010000000002", 1, &first), -ENOENT);
	agw_store_stats(s, stats);
	CU_ASSERT_EQUAL(stats[AGW_STORE_STAT_SQN_RESERVES], 2);
	agw_store_close(s);
	st_rmdir(d);
}

static void
test_reopen(void)
{
	uint64_t first, last = 0, block;
	char *d;
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_FULL, 0x1234);
	int ok = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	agw_store_close(s);
	srand(7);
	for (int i = 0; i < 50; i++) {
		s = st_open(d, 0, AGW_STORE_SYNC_FULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		block = 1 + (uint64_t)(rand() % 100);
		CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, (uint32_t)block, &first), 0);
		if (first <= last || (i == 0 && first <= 0x1234))
			ok = 0;
		last = first + (block << 5) - 1;
		agw_store_close(s);
	}
	CU_ASSERT(ok);
	st_rmdir(d);
}

static void
test_resync(void)
{
	struct agw_store_sqn q;
	uint64_t first;
	char *d;
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_NONE, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 4, &first), 0); /* SEQ 1..4 */
	/* The USIM has seen SEQ 1000 (IND 3): next SEQ is 1001. */
	CU_ASSERT_EQUAL(agw_store_sqn_resync(s, SUPI, (1000u << 5) | 3), 0);
	CU_ASSERT_EQUAL(agw_store_sqn_get(s, SUPI, &q), 0);
	CU_ASSERT_EQUAL(q.sqn_hi, (1000u << 5) | 31);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 1, &first), 0);
	CU_ASSERT_EQUAL(first, 1001u << 5);
	/* An older SQN_MS never moves SQN_HE back. */
	CU_ASSERT_EQUAL(agw_store_sqn_resync(s, SUPI, 5u << 5), 0);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 1, &first), 0);
	CU_ASSERT_EQUAL(first, 1002u << 5);
	CU_ASSERT_EQUAL(agw_store_sqn_resync(s, "imsi-001010000000002", 5), -ENOENT);
	agw_store_close(s);
	st_rmdir(d);
}

static void
test_range(void)
{
	uint64_t first;
	char *d;
	/* SEQ_HE = max - 10. */
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_NONE, AGW_STORE_SQN_MAX - (10u << 5));

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 11, &first), -ERANGE);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 10, &first), 0);
	CU_ASSERT_EQUAL(first, AGW_STORE_SQN_MAX - (9u << 5) - 31);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 1, &first), -ERANGE);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, UINT32_MAX, &first), -ERANGE);
	agw_store_close(s);
	st_rmdir(d);
}

static void
test_in_txn(void)
{
	uint64_t a, b;
	char *d;
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_NONE, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* Reserved inside a transaction: usable only after commit. */
	CU_ASSERT_EQUAL(agw_store_txn_begin(s), 0);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 8, &a), 0);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 8, &b), 0);
	CU_ASSERT_EQUAL(b, a + (8u << 5));
	agw_store_txn_abort(s); /* never used: may be reserved again */
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 8, &b), 0);
	CU_ASSERT_EQUAL(b, a);
	agw_store_close(s);
	st_rmdir(d);
}

/*
 * Child: reserve blocks forever (sync on); after each reserve returned,
 * write the block's last SQN to the pipe.
 */
static void __attribute__((noreturn)) crash_child(const char *dir, int wfd)
{
	struct agw_store *s = st_open(dir, 0, AGW_STORE_SYNC_FULL);
	uint64_t first, last;
	uint32_t block;
	unsigned int seed = (unsigned int)getpid();

	if (s == NULL)
		_exit(3);
	for (;;) {
		block = 1 + (uint32_t)(rand_r(&seed) % 64);
		if (agw_store_sqn_reserve(s, SUPI, block, &first) != 0)
			_exit(4);
		last = first + ((uint64_t)block << 5) - 1;
		if (write(wfd, &last, sizeof(last)) != (ssize_t)sizeof(last))
			_exit(5);
	}
}

static void
test_crash(void)
{
	uint64_t max_seen = 0, first, v;
	unsigned long total = 0;
	unsigned int seed = (unsigned int)time(NULL);
	int fds[2], status, ok = 1, killed = 0;
	char *d;
	struct agw_store *s = fresh(&d, AGW_STORE_SYNC_FULL, 0);
	pid_t pid;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	agw_store_close(s); /* no LMDB environment open across fork() */
	for (int round = 0; round < 20; round++) {
		CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
		pid = fork();
		CU_ASSERT_FATAL(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			crash_child(d, fds[1]);
		}
		close(fds[1]);
		/* Wait for the first block, then kill at a random moment. */
		if (read(fds[0], &v, sizeof(v)) == (ssize_t)sizeof(v)) {
			max_seen = v > max_seen ? v : max_seen;
			total++;
		}
		usleep((useconds_t)(rand_r(&seed) % 50000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		while (read(fds[0], &v, sizeof(v)) == (ssize_t)sizeof(v)) {
			if (v > max_seen)
				max_seen = v;
			total++;
		}
		close(fds[0]);
		/* The next block starts past every SQN the child was given. */
		s = st_open(d, 0, AGW_STORE_SYNC_FULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_EQUAL(agw_store_sqn_reserve(s, SUPI, 1, &first), 0);
		if (first <= max_seen) {
			fprintf(stderr, "\n  round %d: next block %#llx <= %#llx handed out\n",
				round, (unsigned long long)first, (unsigned long long)max_seen);
			ok = 0;
		}
		max_seen = first + 31;
		agw_store_close(s);
	}
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(killed, 20);
	CU_ASSERT(total >= 20); /* every child reserved */
	if (getenv("AGW_STORE_VERBOSE") != NULL)
		fprintf(stderr, "\n  crash test: %lu blocks reserved by 20 killed children\n",
			total);
	st_rmdir(d);
}

CU_TestInfo st_sqn_tests[] = {
	{"reserve blocks", test_reserve},
	{"blocks never overlap across reopen", test_reopen},
	{"AUTS resynchronisation", test_resync},
	{"end of the SEQ space", test_range},
	{"reserve inside a transaction", test_in_txn},
	{"kill -9 while reserving (20 times)", test_crash},
	CU_TEST_INFO_NULL,
};
