/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Key rotation: readers de-conceal in a loop while the writer adds a key id
 * and retires another. A SUCI under the retired id succeeds until the
 * retirement and fails with unknown-hn-key from then on (never both ways);
 * one under the new id fails until it is added and succeeds after; one
 * under an untouched id never fails. Then a stress phase: the writer adds
 * and retires ids in a tight loop while readers keep de-concealing (under
 * valgrind or ASan this catches a key released while still in use).
 */

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "agw_test.h"
#include "sidf_test.h"

#define N_READERS 2
#define OLD_ID 1  /* profile A, retired */
#define KEEP_ID 2 /* profile B, untouched */
#define NEW_ID 3  /* profile A (the C.4.3 key again), added */

struct suci {
	uint8_t ie[AGW_SIDF_IE_MAX];
	size_t len;
};

static struct agw_hnkeys *rks;
static struct suci s_old, s_keep, s_new;
static atomic_int stop;

/* What one reader saw. */
struct seen {
	unsigned long old_ok, old_gone, new_ok, new_gone, keep_ok;
	unsigned long order_errors; /* success after unknown (old), unknown after success (new) */
	unsigned long other_errors;
	unsigned long loops;
};

static void *
reader(void *arg)
{
	struct seen *s = arg;
	struct agw_sidf_result res;
	int rc;

	while (!atomic_load(&stop)) {
		rc = agw_sidf_deconceal(rks, NULL, s_old.ie, s_old.len, &res, NULL, NULL);
		if (rc == 0 && strcmp(res.supi, "imsi-001011111111111") == 0) {
			s->old_ok++;
			s->order_errors += s->old_gone != 0;
		} else if (rc == AGW_SIDF_E_UNKNOWN_KEY) {
			s->old_gone++;
		} else {
			s->other_errors++;
		}
		rc = agw_sidf_deconceal(rks, NULL, s_new.ie, s_new.len, &res, NULL, NULL);
		if (rc == 0 && strcmp(res.supi, "imsi-001013333333333") == 0) {
			s->new_ok++;
		} else if (rc == AGW_SIDF_E_UNKNOWN_KEY) {
			s->new_gone++;
			s->order_errors += s->new_ok != 0;
		} else {
			s->other_errors++;
		}
		rc = agw_sidf_deconceal(rks, NULL, s_keep.ie, s_keep.len, &res, NULL, NULL);
		if (rc == 0 && strcmp(res.supi, "imsi-001012222222222") == 0)
			s->keep_ok++;
		else
			s->other_errors++;
		__atomic_store_n(&s->loops, s->loops + 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void
nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Wait until every reader has done @n more loops. */
static void
wait_loops(struct seen *seen, unsigned long n)
{
	unsigned long start[N_READERS];
	int i, done;

	for (i = 0; i < N_READERS; i++)
		start[i] = __atomic_load_n(&seen[i].loops, __ATOMIC_RELAXED);
	do {
		nap(5);
		done = 1;
		for (i = 0; i < N_READERS; i++)
			done &= __atomic_load_n(&seen[i].loops, __ATOMIC_RELAXED) >= start[i] + n;
	} while (!done);
}

static void
test_rotation(void)
{
	struct seen seen[N_READERS];
	pthread_t th[N_READERS];
	struct agw_sidf_result res;
	struct agw_hnkeys *tmp;
	uint64_t g0;
	int i;

	/* The SUCI under NEW_ID is made beforehand with a scratch key set. */
	tmp = sidf_c4_keys(NEW_ID, 99);
	s_new.len =
		(size_t)sidf_make_imsi_suci(tmp, NEW_ID, "3333333333", s_new.ie, sizeof(s_new.ie));
	agw_hnkeys_free(tmp);
	rks = sidf_c4_keys(OLD_ID, KEEP_ID);
	s_old.len =
		(size_t)sidf_make_imsi_suci(rks, OLD_ID, "1111111111", s_old.ie, sizeof(s_old.ie));
	s_keep.len = (size_t)sidf_make_imsi_suci(rks, KEEP_ID, "2222222222", s_keep.ie,
						 sizeof(s_keep.ie));
	g0 = agw_hnkeys_generation(rks);

	memset(seen, 0, sizeof(seen));
	atomic_store(&stop, 0);
	for (i = 0; i < N_READERS; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, reader, &seen[i]), 0);
	wait_loops(seen, 5);
	CU_ASSERT_EQUAL(agw_hnkeys_add_raw(rks, NEW_ID, AGW_SIDF_PROFILE_A, sidf_c4_priv_a, 32), 0);
	wait_loops(seen, 5);
	CU_ASSERT_EQUAL(agw_hnkeys_retire(rks, OLD_ID), 0);
	wait_loops(seen, 5);
	atomic_store(&stop, 1);
	for (i = 0; i < N_READERS; i++)
		pthread_join(th[i], NULL);

	CU_ASSERT_EQUAL(agw_hnkeys_generation(rks), g0 + 2);
	CU_ASSERT_EQUAL(agw_hnkeys_count(rks), 2);
	for (i = 0; i < N_READERS; i++) {
		CU_ASSERT(seen[i].old_ok > 0 && seen[i].old_gone > 0);
		CU_ASSERT(seen[i].new_gone > 0 && seen[i].new_ok > 0);
		CU_ASSERT_EQUAL(seen[i].keep_ok, seen[i].loops);
		CU_ASSERT_EQUAL(seen[i].order_errors, 0);
		CU_ASSERT_EQUAL(seen[i].other_errors, 0);
	}
	/* After the retirement: the old id is unknown, the new one works. */
	CU_ASSERT_EQUAL(agw_sidf_deconceal(rks, NULL, s_old.ie, s_old.len, &res, NULL, NULL),
			AGW_SIDF_E_UNKNOWN_KEY);
	CU_ASSERT_EQUAL(agw_sidf_deconceal(rks, NULL, s_new.ie, s_new.len, &res, NULL, NULL), 0);
	CU_ASSERT_EQUAL(res.key_gen, g0 + 2);
	CU_ASSERT_EQUAL(agw_hnkeys_retire(rks, OLD_ID), -ENOENT);
	CU_ASSERT_EQUAL(agw_hnkeys_add_raw(rks, KEEP_ID, AGW_SIDF_PROFILE_A, sidf_c4_priv_a, 32),
			-EEXIST);
}

/* The writer churns ids 10-14 while the readers run. */
static void
test_rotation_stress(void)
{
	struct seen seen[N_READERS];
	pthread_t th[N_READERS];
	unsigned int round, id;
	uint64_t g0;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(rks);
	g0 = agw_hnkeys_generation(rks);
	memset(seen, 0, sizeof(seen));
	atomic_store(&stop, 0);
	for (i = 0; i < N_READERS; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, reader, &seen[i]), 0);
	wait_loops(seen, 1);
	for (round = 0; round < 100; round++) {
		id = 10 + round % 5;
		if (round >= 5)
			CU_ASSERT_EQUAL(agw_hnkeys_retire(rks, id), 0);
		CU_ASSERT_EQUAL(
			agw_hnkeys_add_raw(rks, id,
					   round % 2 ? AGW_SIDF_PROFILE_B : AGW_SIDF_PROFILE_A,
					   round % 2 ? sidf_c4_priv_b : sidf_c4_priv_a, 32),
			0);
		/* The SUCIs' own ids change too: NEW_ID comes and goes. */
		if (round % 10 == 3)
			CU_ASSERT_EQUAL(agw_hnkeys_retire(rks, NEW_ID), 0);
		if (round % 10 == 7)
			CU_ASSERT_EQUAL(agw_hnkeys_add_raw(rks, NEW_ID, AGW_SIDF_PROFILE_A,
							   sidf_c4_priv_a, 32),
					0);
	}
	wait_loops(seen, 2);
	atomic_store(&stop, 1);
	for (i = 0; i < N_READERS; i++)
		pthread_join(th[i], NULL);
	CU_ASSERT_EQUAL(agw_hnkeys_generation(rks), g0 + 95 + 100 + 20);
	for (i = 0; i < N_READERS; i++) {
		CU_ASSERT(seen[i].loops > 0);
		CU_ASSERT_EQUAL(seen[i].keep_ok, seen[i].loops);
		CU_ASSERT_EQUAL(seen[i].old_ok, 0);
		CU_ASSERT_EQUAL(seen[i].other_errors, 0);
	}
	agw_hnkeys_free(rks);
	rks = NULL;
}

/* A key provider outside the library (the PKCS#11 hook): ECDH in the
 * provider, the SIDF never holds the private key. */
struct fake_hsm {
	EVP_PKEY *priv;
	int derives, releases;
};

static int
fake_derive(void *handle, unsigned int scheme, const uint8_t *eph, size_t len, uint8_t z[32])
{
	struct fake_hsm *h = handle;
	EVP_PKEY_CTX *c = NULL;
	EVP_PKEY *peer;
	size_t zl = 32;
	int ok;

	if (scheme != AGW_SIDF_PROFILE_A || len != 32)
		return AGW_SIDF_E_BAD_LENGTH;
	h->derives++;
	peer = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, eph, len);
	if (peer != NULL)
		c = EVP_PKEY_CTX_new_from_pkey(NULL, h->priv, NULL);
	ok = c != NULL && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_derive_set_peer(c, peer) == 1 &&
	     EVP_PKEY_derive(c, z, &zl) == 1;
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(peer);
	return ok ? 0 : AGW_SIDF_E_BAD_POINT;
}

static void
fake_release(void *handle)
{
	struct fake_hsm *h = handle;

	h->releases++;
}

static const struct agw_hnkey_provider_ops fake_ops = {
	.name = "fake-hsm",
	.derive = fake_derive,
	.release = fake_release,
};

static void
test_provider_hook(void)
{
	/* TS 33.501 C.4.3 public key. */
	static const uint8_t pub[32] = {
		0x5a, 0x8d, 0x38, 0x86, 0x48, 0x20, 0x19, 0x7c, 0x33, 0x94, 0xb9,
		0x26, 0x13, 0xb2, 0x0b, 0x91, 0x63, 0x3c, 0xbd, 0x89, 0x71, 0x19,
		0x27, 0x3b, 0xf8, 0xe4, 0xa6, 0xf4, 0xee, 0xc0, 0xa6, 0x50,
	};
	struct fake_hsm h = {0};
	struct agw_sidf_result res;
	struct agw_hnkeys *k = agw_hnkeys_create();
	uint8_t ie[AGW_SIDF_IE_MAX], p[33];
	long n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	h.priv = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, sidf_c4_priv_a, 32);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h.priv);
	CU_ASSERT_EQUAL(agw_hnkeys_add_provider(k, 40, AGW_SIDF_PROFILE_A, pub, 31, &fake_ops, &h),
			-EINVAL);
	CU_ASSERT_EQUAL(agw_hnkeys_add_provider(k, 40, AGW_SIDF_PROFILE_A, pub, 32, &fake_ops, &h),
			0);
	CU_ASSERT_EQUAL(agw_hnkeys_public(k, 40, p, sizeof(p), NULL), 32);
	AGW_ASSERT_MEM_EQ(p, pub, 32);
	n = sidf_make_imsi_suci(k, 40, "4444444444", ie, sizeof(ie));
	CU_ASSERT_EQUAL(agw_sidf_deconceal(k, NULL, ie, (size_t)n, &res, NULL, NULL), 0);
	CU_ASSERT_STRING_EQUAL(res.supi, "imsi-001014444444444");
	CU_ASSERT_EQUAL(h.derives, 1);
	CU_ASSERT_EQUAL(agw_hnkeys_retire(k, 40), 0);
	CU_ASSERT_EQUAL(h.releases, 1);
	CU_ASSERT_EQUAL(agw_sidf_deconceal(k, NULL, ie, (size_t)n, &res, NULL, NULL),
			AGW_SIDF_E_UNKNOWN_KEY);
	agw_hnkeys_free(k);
	EVP_PKEY_free(h.priv);
}

CU_TestInfo sidf_rotation_tests[] = {
	{"key provider hook (ECDH outside the library)", test_provider_hook},
	{"add and retire key ids while de-concealing", test_rotation},
	{"add/retire churn under concurrent readers", test_rotation_stress},
	CU_TEST_INFO_NULL,
};
