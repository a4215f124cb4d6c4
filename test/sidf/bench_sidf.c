/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * bench-sidf: SUCI de-concealments per second on one core (this thread),
 * profile A and profile B, IMSI SUCIs, through agw_sidf_deconceal() (IE
 * parse, key lookup in the key set, ECDH, KDF, MAC check, decryption,
 * SUPI string). Not a test; usertools/anchorgw-bench-sidf.sh runs it next
 * to `openssl speed ecdhx25519 ecdhp256` and prints the ratio.
 *
 *   bench-sidf [--seconds S] [--suci N] [--profile A|B|AB] [--baseline]
 *
 * Output, one line per profile:
 *   profile=A ops=<n> cpu_seconds=<s> rate=<n/s> wall_seconds=<s> wall_rate=<n/s>
 * rate is per second of this thread's CPU time, like `openssl speed`
 * (which, without -elapsed, divides by user CPU time): on a shared machine
 * wall-clock rates mostly measure the other load.
 *
 * --baseline adds, per profile, the rate of the EC work every
 * de-concealment needs, done with OpenSSL EVP the way the SIDF does it:
 * decode the ephemeral public key as the SUCI carries it (profile B: point
 * decompression, EVP_PKEY_set1_encoded_public_key) and EVP_PKEY_derive.
 * `openssl speed ecdh*` times the derive alone, on a peer key decoded once.
 *   baseline=A ops=<n> cpu_seconds=<s> rate=<n/s>
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "agw_sidf.h"

/* TS 33.501 C.4.3 / C.4.4 home network keys. */
static const uint8_t priv_a[32] = {
	0xc5, 0x3c, 0x22, 0x20, 0x8b, 0x61, 0x86, 0x0b, 0x06, 0xc6, 0x2e,
	0x54, 0x06, 0xa7, 0xb3, 0x30, 0xc2, 0xb5, 0x77, 0xaa, 0x55, 0x58,
	0x98, 0x15, 0x10, 0xd1, 0x28, 0x24, 0x7d, 0x38, 0xbd, 0x1d,
};
static const uint8_t priv_b[32] = {
	0xf1, 0xab, 0x10, 0x74, 0x47, 0x7e, 0xbc, 0xc7, 0xf5, 0x54, 0xea,
	0x1c, 0x5f, 0xc3, 0x68, 0xb1, 0x61, 0x67, 0x30, 0x15, 0x5e, 0x00,
	0x41, 0xac, 0x44, 0x7d, 0x63, 0x01, 0x97, 0x5f, 0xec, 0xda,
};

/* Offset of the ephemeral key in an IMSI-format SUCI IE value. */
#define EPH_OFF 8

struct suci {
	uint8_t ie[AGW_SIDF_IE_MAX];
	size_t len;
};

static double
clk(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char
pname(unsigned int scheme)
{
	return scheme == AGW_SIDF_PROFILE_A ? 'A' : 'B';
}

/* @n SUCIs under key id @scheme, each with a fresh ephemeral key. */
static struct suci *
make_sucis(struct agw_hnkeys *ks, unsigned int scheme, unsigned int n)
{
	struct agw_sidf_ue ue;
	uint8_t pub[33];
	struct suci *s;
	unsigned int i;
	char msin[16];
	long len;
	int pl;

	pl = agw_hnkeys_public(ks, scheme, pub, sizeof(pub), NULL);
	s = calloc(n, sizeof(*s));
	if (pl < 0 || s == NULL) {
		free(s);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		memset(&ue, 0, sizeof(ue));
		ue.scheme = (uint8_t)scheme;
		ue.supi_type = AGW_SIDF_SUPI_IMSI;
		ue.hn_key_id = (uint8_t)scheme;
		ue.hn_pub = pub;
		ue.hn_pub_len = (size_t)pl;
		strcpy(ue.mcc, "001");
		strcpy(ue.mnc, "01");
		strcpy(ue.rid, "0");
		snprintf(msin, sizeof(msin), "%010u", i);
		ue.msin = msin;
		len = agw_sidf_conceal(&ue, s[i].ie, sizeof(s[i].ie), NULL);
		if (len < 0) {
			fprintf(stderr, "conceal: %s\n", agw_sidf_strerror((int)len));
			free(s);
			return NULL;
		}
		s[i].len = (size_t)len;
	}
	return s;
}

static int
run(struct agw_hnkeys *ks, unsigned int scheme, const struct suci *s, unsigned int n, double secs)
{
	struct agw_sidf_counters ctr;
	struct agw_sidf_result res;
	unsigned long ops = 0;
	double t0, w0, t, w;
	unsigned int i;

	memset(&ctr, 0, sizeof(ctr));
	for (i = 0; i < n; i++) /* warm up */
		agw_sidf_deconceal(ks, NULL, s[i].ie, s[i].len, &res, NULL, NULL);
	t0 = clk(CLOCK_THREAD_CPUTIME_ID);
	w0 = clk(CLOCK_MONOTONIC);
	do {
		for (i = 0; i < n; i++)
			if (agw_sidf_deconceal(ks, NULL, s[i].ie, s[i].len, &res, NULL, &ctr) != 0)
				return 1;
		ops += n;
		t = clk(CLOCK_THREAD_CPUTIME_ID) - t0;
	} while (t < secs);
	w = clk(CLOCK_MONOTONIC) - w0;
	printf("profile=%c ops=%lu cpu_seconds=%.3f rate=%.1f wall_seconds=%.3f wall_rate=%.1f\n",
	       pname(scheme), ops, t, (double)ops / t, w, (double)ops / w);
	return ctr.ok[scheme] == ops ? 0 : 1;
}

/* Decode the SUCI's ephemeral key + derive, OpenSSL EVP only. */
static int
baseline(unsigned int scheme, const struct suci *s, unsigned int n, double secs)
{
	size_t kl = scheme == AGW_SIDF_PROFILE_A ? 32 : 33, zl;
	EVP_PKEY_CTX *tmpl = NULL, *c;
	EVP_PKEY *me, *peer;
	unsigned long ops = 0;
	unsigned int i;
	uint8_t z[32];
	double t0, t;
	int rc = 1;

	if (scheme == AGW_SIDF_PROFILE_A) {
		me = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, priv_a, 32);
		peer = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, s[0].ie + EPH_OFF, 32);
	} else {
		/* The cost does not depend on the key: a generated one will do. */
		me = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		peer = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	}
	if (me != NULL)
		tmpl = EVP_PKEY_CTX_new_from_pkey(NULL, me, NULL);
	if (peer == NULL || tmpl == NULL || EVP_PKEY_derive_init(tmpl) != 1)
		goto out;
	t0 = clk(CLOCK_THREAD_CPUTIME_ID);
	do {
		for (i = 0; i < n; i++) {
			if (EVP_PKEY_set1_encoded_public_key(peer, s[i].ie + EPH_OFF, kl) != 1)
				goto out;
			c = EVP_PKEY_CTX_dup(tmpl);
			zl = sizeof(z);
			if (c == NULL || EVP_PKEY_derive_set_peer_ex(c, peer, 0) != 1 ||
			    EVP_PKEY_derive(c, z, &zl) != 1) {
				EVP_PKEY_CTX_free(c);
				goto out;
			}
			EVP_PKEY_CTX_free(c);
		}
		ops += n;
		t = clk(CLOCK_THREAD_CPUTIME_ID) - t0;
	} while (t < secs);
	printf("baseline=%c ops=%lu cpu_seconds=%.3f rate=%.1f\n", pname(scheme), ops, t,
	       (double)ops / t);
	rc = 0;
out:
	EVP_PKEY_CTX_free(tmpl);
	EVP_PKEY_free(me);
	EVP_PKEY_free(peer);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *prof = "AB";
	unsigned int n_suci = 64, scheme;
	struct agw_hnkeys *ks;
	struct suci *s;
	int i, rc = 0, base = 0;
	double secs = 3;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--baseline") == 0)
			base = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0)
			secs = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--suci") == 0)
			n_suci = (unsigned int)atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--profile") == 0)
			prof = argv[++i];
		else
			break;
	}
	if (i != argc || secs <= 0 || n_suci == 0) {
		fprintf(stderr, "usage: bench-sidf [--seconds S] [--suci N] [--profile A|B|AB] "
				"[--baseline]\n");
		return 2;
	}
	ks = agw_hnkeys_create();
	if (ks == NULL ||
	    agw_hnkeys_add_raw(ks, AGW_SIDF_PROFILE_A, AGW_SIDF_PROFILE_A, priv_a, 32) ||
	    agw_hnkeys_add_raw(ks, AGW_SIDF_PROFILE_B, AGW_SIDF_PROFILE_B, priv_b, 32))
		return 1;
	for (scheme = AGW_SIDF_PROFILE_A; scheme <= AGW_SIDF_PROFILE_B; scheme++) {
		if (strchr(prof, pname(scheme)) == NULL)
			continue;
		s = make_sucis(ks, scheme, n_suci);
		if (s == NULL)
			return 1;
		rc |= run(ks, scheme, s, n_suci, secs);
		if (base)
			rc |= baseline(scheme, s, n_suci, secs);
		free(s);
	}
	agw_hnkeys_free(ks);
	agw_sidf_thread_release();
	return rc;
}
