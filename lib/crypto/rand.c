/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/* Pooled CSPRNG octets: see agw_rand.h. */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <openssl/rand.h>

#include "agw_rand.h"
#include "agw_util.h"

#define POOL_LEN 256

static __thread uint8_t pool[POOL_LEN];
static __thread size_t pool_pos = POOL_LEN; /* empty */
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* In the child, only the forking thread exists: empty its pool. */
static void
pool_forget(void)
{
	agw_memzero(pool, sizeof(pool));
	pool_pos = POOL_LEN;
}

static void
register_atfork(void)
{
	(void)pthread_atfork(NULL, NULL, pool_forget);
}

int
agw_rand_bytes(void *out, size_t n)
{
	if (n > POOL_LEN)
		return -EINVAL;
	(void)pthread_once(&atfork_once, register_atfork);
	if (pool_pos + n > POOL_LEN) {
		if (RAND_bytes(pool, POOL_LEN) != 1) {
			pool_forget();
			return -EIO;
		}
		pool_pos = 0;
	}
	memcpy(out, pool + pool_pos, n);
	agw_memzero(pool + pool_pos, n);
	pool_pos += n;
	return 0;
}
