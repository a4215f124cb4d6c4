/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * lib/store with the LMDB backend: every record kind, the versioned
 * encodings, transactions (abort, all-or-nothing on a full map), directory
 * permissions and bad input. SQN and crash tests: t_sqn.c; the
 * anchor-subscriber binary: t_cli.c.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_test.h"
#include "st.h"

const char *st_cli_exe;

char *
st_mkdir(void)
{
	char tmpl[] = "/tmp/agw-store-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d != NULL ? strdup(d) : NULL;
}

void
st_rmdir(char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *d;

	if (dir == NULL)
		return;
	d = opendir(dir);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (unlink(path) != 0)
				st_rmdir(strdup(path)); /* a sub-directory */
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

struct agw_store *
st_open(const char *dir, uint64_t map_size, enum agw_store_sync sync)
{
	struct agw_store_conf c = {
		.backend = "lmdb", .path = dir, .map_size = map_size, .sync = sync};
	struct agw_store *s = agw_store_open(&c);

	if (s == NULL)
		fprintf(stderr, "\n  open %s: %s\n", dir, strerror(errno));
	return s;
}

void
st_sub(struct agw_store_sub *sub, unsigned long n)
{
	agw_store_sub_init(sub);
	snprintf(sub->supi, sizeof(sub->supi), "imsi-00101%010lu", n);
	for (unsigned int i = 0; i < sizeof(sub->k); i++) {
		sub->k[i] = (uint8_t)(n + i);
		sub->opc[i] = (uint8_t)(0xa0 ^ (n + 3 * i));
	}
	sub->sqn = (uint64_t)n << 5;
}

/* A subscriber with every field set, including SSI rules. */
static void
full_sub(struct agw_store_sub *s)
{
	struct agw_store_ssi_rule *r;

	st_sub(s, 42);
	s->ind_bits = 6;
	s->amf[0] = 0x90;
	s->amf[1] = 0x01;
	s->nia_mask = 0x04;
	s->nea_mask = 0x05;
	s->flags = AGW_STORE_SUB_F_AKMA | AGW_STORE_SUB_F_PROSE;
	strcpy(s->rid, "1234");
	s->n_ssi = 3;
	r = &s->ssi[0]; /* UE → MM-id {DH (NF, mandatory), DevAuth (UE)} */
	r->domain = AGW_STORE_SSI_MM;
	r->ssi.flags = AGW_STORE_SSI_F_ORDERED;
	r->ssi.n = 2;
	r->ssi.e[0].code = AGW_STORE_SSP_DH;
	r->ssi.e[0].attr = AGW_STORE_SSP_A_MANDATORY;
	r->ssi.e[1].code = AGW_STORE_SSP_DEVAUTH;
	r->ssi.e[1].attr = AGW_STORE_SSP_A_UE;
	r = &s->ssi[1]; /* (S-NSSAI 1-000001, "ims") → SM-id {SecAuth} */
	r->domain = AGW_STORE_SSI_SM;
	r->scope = AGW_STORE_SCOPE_SST | AGW_STORE_SCOPE_SD | AGW_STORE_SCOPE_DNN;
	r->sst = 1;
	r->sd = 0x000001;
	strcpy(r->dnn, "ims");
	r->ssi.n = 1;
	r->ssi.e[0].code = AGW_STORE_SSP_SECAUTH;
	r->ssi.e[0].attr = AGW_STORE_SSP_A_DEFAULT_INIT;
	r = &s->ssi[2]; /* SST 2 → SM-id {} (no procedure) */
	r->domain = AGW_STORE_SSI_SM;
	r->scope = AGW_STORE_SCOPE_SST;
	r->sst = 2;
}

/* Suite fixture: one store per test. */
static char *dir;
static struct agw_store *st;

static void
setup(void)
{
	dir = st_mkdir();
	st = dir != NULL ? st_open(dir, 0, AGW_STORE_SYNC_NONE) : NULL;
}

static void
teardown(void)
{
	agw_store_close(st);
	st = NULL;
	st_rmdir(dir);
	dir = NULL;
}

static int
count_cb(const struct agw_store_sub *sub, void *arg)
{
	(void)sub;
	(*(unsigned long *)arg)++;
	return 0;
}

static unsigned long
count_subs(struct agw_store *s)
{
	unsigned long n = 0;

	CU_ASSERT_EQUAL(agw_store_sub_iterate(s, count_cb, &n), 0);
	return n;
}

/* ---------------------------------------------------------------------- */

static void
test_sub_crud(void)
{
	struct agw_store_sub a, b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	full_sub(&a);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), 0);
	AGW_ASSERT_MEM_EQ(&a, &b, sizeof(a));
	CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), -EEXIST);

	/* Replace: flags change, SQN never moves back. */
	a.flags = 0;
	a.sqn = 1;
	CU_ASSERT_EQUAL(agw_store_sub_put(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), 0);
	CU_ASSERT_EQUAL(b.flags, 0);
	CU_ASSERT_EQUAL(b.sqn, 42u << 5);
	a.sqn = 0x123456789aULL;
	CU_ASSERT_EQUAL(agw_store_sub_put(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), 0);
	CU_ASSERT_EQUAL(b.sqn, 0x123456789aULL);

	CU_ASSERT_EQUAL(agw_store_sub_delete(st, a.supi), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_sub_delete(st, a.supi), -ENOENT);
	CU_ASSERT_EQUAL(count_subs(st), 0);
	agw_store_sub_clear(&a);
	agw_store_sub_clear(&b);
}

struct order_ctx {
	unsigned long n;
	char last[AGW_STORE_SUPI_MAX];
	int sorted;
	int stop_at;
};

static int
order_cb(const struct agw_store_sub *sub, void *arg)
{
	struct order_ctx *c = arg;

	if (c->n > 0 && strcmp(c->last, sub->supi) >= 0)
		c->sorted = 0;
	strcpy(c->last, sub->supi);
	c->n++;
	if (sub->sqn == 0 || sub->ind_bits != 5)
		c->sorted = 0; /* SQN record joined */
	return c->stop_at != 0 && (int)c->n == c->stop_at ? 77 : 0;
}

static void
test_sub_iterate(void)
{
	struct order_ctx c = {.sorted = 1};
	struct agw_store_sub a;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	for (unsigned long i = 20; i > 0; i--) {
		st_sub(&a, i);
		CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), 0);
	}
	CU_ASSERT_EQUAL(agw_store_sub_iterate(st, order_cb, &c), 0);
	CU_ASSERT_EQUAL(c.n, 20);
	CU_ASSERT(c.sorted);
	memset(&c, 0, sizeof(c));
	c.sorted = 1;
	c.stop_at = 5;
	CU_ASSERT_EQUAL(agw_store_sub_iterate(st, order_cb, &c), 77);
	CU_ASSERT_EQUAL(c.n, 5);
	CU_ASSERT_EQUAL(agw_store_sub_iterate(st, NULL, NULL), -EINVAL);
	agw_store_sub_clear(&a);
}

static int
akma_cb(const struct agw_store_akma *a, void *arg)
{
	(*(unsigned long *)arg) += a->key[0];
	return 0;
}

static int
pruk_cb(const struct agw_store_pruk *p, void *arg)
{
	(*(unsigned long *)arg) += p->rsc;
	return 0;
}

static int
policy_cb(const struct agw_store_policy *p, void *arg)
{
	(*(unsigned long *)arg) += p->len + p->version;
	return 0;
}

static int
uectx_cb(const struct agw_store_uectx *u, void *arg)
{
	(*(unsigned long *)arg) += u->len + u->data[0];
	return 0;
}

static void
test_akma_pruk(void)
{
	struct agw_store_akma a, a2;
	struct agw_store_pruk p, p2;
	unsigned long sum = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	memset(&a, 0, sizeof(a)); /* padding too: records are compared with memcmp */
	memset(&p, 0, sizeof(p));
	strcpy(a.akid, "001Adummy-atid@ausf.5gc.mnc001.mcc001.3gppnetwork.org");
	strcpy(a.supi, "imsi-001010000000001");
	a.key_kind = AGW_STORE_AKMA_KAUSF;
	memset(a.key, 0x11, sizeof(a.key));
	a.expiry = 1900000000;
	CU_ASSERT_EQUAL(agw_store_akma_get(st, a.akid, &a2), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_akma_put(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_akma_get(st, a.akid, &a2), 0);
	AGW_ASSERT_MEM_EQ(&a, &a2, sizeof(a));
	a.key_kind = AGW_STORE_AKMA_KAKMA; /* replace */
	a.akid[0] = '2';
	CU_ASSERT_EQUAL(agw_store_akma_put(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_akma_iterate(st, akma_cb, &sum), 0);
	CU_ASSERT_EQUAL(sum, 2 * 0x11);
	CU_ASSERT_EQUAL(agw_store_akma_delete(st, a.akid), 0);
	CU_ASSERT_EQUAL(agw_store_akma_delete(st, a.akid), -ENOENT);
	a.key_kind = 9;
	CU_ASSERT_EQUAL(agw_store_akma_put(st, &a), -EINVAL);

	strcpy(p.id, "rid0.pruk-id@prose.mnc001.mcc001.3gppnetwork.org");
	strcpy(p.supi, "nai-user@example.org");
	memset(p.pruk, 0x22, sizeof(p.pruk));
	p.valid_until = 1800000000;
	p.rsc = 0xabcdef;
	CU_ASSERT_EQUAL(agw_store_pruk_put(st, &p), 0);
	CU_ASSERT_EQUAL(agw_store_pruk_get(st, p.id, &p2), 0);
	AGW_ASSERT_MEM_EQ(&p, &p2, sizeof(p));
	sum = 0;
	CU_ASSERT_EQUAL(agw_store_pruk_iterate(st, pruk_cb, &sum), 0);
	CU_ASSERT_EQUAL(sum, 0xabcdef);
	CU_ASSERT_EQUAL(agw_store_pruk_delete(st, p.id), 0);
	CU_ASSERT_EQUAL(agw_store_pruk_get(st, p.id, &p2), -ENOENT);
	p.rsc = 0x1000000;
	CU_ASSERT_EQUAL(agw_store_pruk_put(st, &p), -EINVAL);
}

static void
test_blobs(void)
{
	static uint8_t blob[70000], out[70000];
	struct agw_store_policy p = {.version = 7, .data = blob, .len = sizeof(blob)};
	struct agw_store_policy g = {.data = out, .cap = sizeof(out)};
	struct agw_store_uectx u = {.data = blob, .len = 100};
	struct agw_store_uectx v = {.data = out, .cap = 10};
	unsigned long sum = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	for (size_t i = 0; i < sizeof(blob); i++)
		blob[i] = (uint8_t)(i * 7);
	strcpy(p.id, "secmod/dh-policy");
	CU_ASSERT_EQUAL(agw_store_policy_put(st, &p), 0);
	CU_ASSERT_EQUAL(agw_store_policy_get(st, p.id, &g), 0);
	CU_ASSERT_EQUAL(g.version, 7);
	CU_ASSERT_EQUAL(g.len, sizeof(blob));
	CU_ASSERT_STRING_EQUAL(g.id, p.id);
	AGW_ASSERT_MEM_EQ(out, blob, sizeof(blob));
	g.cap = 100;
	CU_ASSERT_EQUAL(agw_store_policy_get(st, p.id, &g), -EMSGSIZE);
	CU_ASSERT_EQUAL(g.len, sizeof(blob));
	CU_ASSERT_EQUAL(agw_store_policy_iterate(st, policy_cb, &sum), 0);
	CU_ASSERT_EQUAL(sum, sizeof(blob) + 7);
	CU_ASSERT_EQUAL(agw_store_policy_delete(st, p.id), 0);
	CU_ASSERT_EQUAL(agw_store_policy_get(st, p.id, &g), -ENOENT);
	p.len = AGW_STORE_BLOB_MAX + 1;
	CU_ASSERT_EQUAL(agw_store_policy_put(st, &p), -EINVAL);

	strcpy(u.supi, "imsi-001010000000001");
	CU_ASSERT_EQUAL(agw_store_uectx_put(st, &u), 0);
	CU_ASSERT_EQUAL(agw_store_uectx_get(st, u.supi, &v), -EMSGSIZE);
	v.cap = sizeof(out);
	CU_ASSERT_EQUAL(agw_store_uectx_get(st, u.supi, &v), 0);
	CU_ASSERT_EQUAL(v.len, 100);
	AGW_ASSERT_MEM_EQ(out, blob, 100);
	sum = 0;
	CU_ASSERT_EQUAL(agw_store_uectx_iterate(st, uectx_cb, &sum), 0);
	CU_ASSERT_EQUAL(sum, 100 + blob[0]);

	/* Deleting the subscriber deletes its UE context. */
	{
		struct agw_store_sub s;

		st_sub(&s, 1);
		CU_ASSERT_EQUAL(agw_store_sub_add(st, &s), 0);
		CU_ASSERT_EQUAL(agw_store_sub_delete(st, s.supi), 0);
		CU_ASSERT_EQUAL(agw_store_uectx_get(st, u.supi, &v), -ENOENT);
		agw_store_sub_clear(&s);
	}
	CU_ASSERT_EQUAL(agw_store_uectx_delete(st, u.supi), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_uectx_get(st, "bad", &v), -EINVAL);
}

/* ---------------------------------------------------------------------- */
/* Encodings                                                               */

static void
test_encoding_roundtrip(void)
{
	uint8_t buf[4096], blob[16] = {1, 2, 3}, out[16];
	struct agw_store_sub a, b;
	struct agw_store_sqn q, q2;
	struct agw_store_akma k, k2;
	struct agw_store_pruk p, p2;
	struct agw_store_policy po = {.id = "pol", .version = 3, .data = blob, .len = 3};
	struct agw_store_policy po2 = {.data = out, .cap = sizeof(out)};
	long n;

	full_sub(&a);
	a.sqn = 0; /* not part of the SUB encoding */
	a.ind_bits = 0;
	n = agw_store_encode(AGW_STORE_SUB, &a, buf, sizeof(buf));
	CU_ASSERT_FATAL(n > 4);
	CU_ASSERT_EQUAL(buf[0], AGW_STORE_SUB);
	CU_ASSERT_EQUAL(buf[1], 1);
	CU_ASSERT_EQUAL(buf[2] | buf[3], 0);
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)n, &b), 0);
	AGW_ASSERT_MEM_EQ(&a, &b, sizeof(a));
	/* Too small a buffer. */
	CU_ASSERT_EQUAL(agw_store_encode(AGW_STORE_SUB, &a, buf, (size_t)n - 1), -EMSGSIZE);

	memset(&q, 0, sizeof(q)); /* padding too, for the comparison */
	strcpy(q.supi, "imsi-001010000000001");
	q.ind_bits = 5;
	q.sqn_hi = 0xfedcba987654ULL;
	n = agw_store_encode(AGW_STORE_SQN, &q, buf, sizeof(buf));
	CU_ASSERT_EQUAL(n, 4 + 1 + 20 + 1 + 6);
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SQN, buf, (size_t)n, &q2), 0);
	AGW_ASSERT_MEM_EQ(&q, &q2, sizeof(q));

	memset(&k, 0, sizeof(k)); /* padding too, for the comparison */
	strcpy(k.akid, "x@y");
	strcpy(k.supi, "imsi-00101123");
	k.key_kind = AGW_STORE_AKMA_KAKMA;
	k.expiry = 5;
	memset(k.key, 0x5a, sizeof(k.key));
	n = agw_store_encode(AGW_STORE_AKMA, &k, buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_AKMA, buf, (size_t)n, &k2), 0);
	AGW_ASSERT_MEM_EQ(&k, &k2, sizeof(k));

	memset(&p, 0, sizeof(p));
	strcpy(p.id, "p@q");
	strcpy(p.supi, "imsi-00101123");
	p.valid_until = 9;
	p.rsc = 0x123;
	memset(p.pruk, 0xa5, sizeof(p.pruk));
	n = agw_store_encode(AGW_STORE_PRUK, &p, buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_PRUK, buf, (size_t)n, &p2), 0);
	AGW_ASSERT_MEM_EQ(&p, &p2, sizeof(p));

	n = agw_store_encode(AGW_STORE_POLICY, &po, buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_POLICY, buf, (size_t)n, &po2), 0);
	CU_ASSERT_STRING_EQUAL(po2.id, "pol");
	CU_ASSERT_EQUAL(po2.version, 3);
	CU_ASSERT_EQUAL(po2.len, 3);
	AGW_ASSERT_MEM_EQ(out, blob, 3);

	/* The decoder checks the kind of octet 0. */
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_PRUK, buf, (size_t)n, &p2), -EBADMSG);
	agw_store_sub_clear(&a);
	agw_store_sub_clear(&b);
}

static void
test_encoding_refused(void)
{
	uint8_t buf[4096];
	struct agw_store_sub a, b;
	long n;

	full_sub(&a);
	a.sqn = 0;
	n = agw_store_encode(AGW_STORE_SUB, &a, buf, sizeof(buf));
	CU_ASSERT_FATAL(n > 0);

	/* Unknown version: refused, record zeroised. */
	buf[1] = 2;
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)n, &b), -EPROTO);
	CU_ASSERT_EQUAL(b.supi[0], 0);
	buf[1] = 0;
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)n, &b), -EPROTO);
	buf[1] = 1;
	/* Truncated at every length, and a trailing octet. */
	for (long i = 0; i < n; i++)
		CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)i, &b), -EBADMSG);
	buf[n] = 0;
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)n + 1, &b), -EBADMSG);
	/* A field out of range (nia_mask 0 at offset 4 + 1 + 20 + 16 + 16 + 2). */
	buf[4 + 1 + 20 + 34] = 0;
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_SUB, buf, (size_t)n, &b), -EBADMSG);
	CU_ASSERT_EQUAL(agw_store_decode(AGW_STORE_KIND_MAX, buf, (size_t)n, &b), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_encode(AGW_STORE_KIND_MAX, &a, buf, sizeof(buf)), -EINVAL);
	agw_store_sub_clear(&a);
}

/* A stored record of an unknown version is refused by get and iterate. */
static int
raw_cb(const void *k, size_t kl, const void *v, size_t vl, void *arg)
{
	(void)k;
	(void)kl;
	(void)v;
	(void)vl;
	(void)arg;
	return 0;
}

static int
never_cb(const struct agw_store_sub *sub, void *arg)
{
	(void)sub;
	(void)arg;
	return 1;
}

static void
test_stored_unknown_version(void)
{
	struct agw_store_conf c = {.path = dir, .sync = AGW_STORE_SYNC_NONE};
	uint8_t buf[4096];
	struct agw_store_sub a, b;
	void *be;
	long n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	st_sub(&a, 5);
	CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), 0);
	agw_store_close(st);
	st = NULL;
	/* Rewrite the record as version 9 through the backend. */
	n = agw_store_encode(AGW_STORE_SUB, &a, buf, sizeof(buf));
	buf[1] = 9;
	CU_ASSERT_EQUAL_FATAL(agw_store_lmdb_ops.open(&c, &be, NULL, 0), 0);
	CU_ASSERT_EQUAL(agw_store_lmdb_ops.txn_begin(be), 0);
	CU_ASSERT_EQUAL(agw_store_lmdb_ops.put(be, AGW_STORE_T_SUB, a.supi, strlen(a.supi), buf,
					       (size_t)n, 0),
			0);
	/* A valid record under another key is corrupt too. */
	buf[1] = 1;
	CU_ASSERT_EQUAL(
		agw_store_lmdb_ops.put(be, AGW_STORE_T_SUB, "imsi-00101777", 13, buf, (size_t)n, 0),
		0);
	CU_ASSERT_EQUAL(agw_store_lmdb_ops.txn_commit(be), 0);
	CU_ASSERT_EQUAL(agw_store_lmdb_ops.iterate(be, AGW_STORE_T_SUB, raw_cb, NULL), 0);
	agw_store_lmdb_ops.close(be);

	st = st_open(dir, 0, AGW_STORE_SYNC_NONE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), -EPROTO);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, "imsi-00101777", &b), -EBADMSG);
	CU_ASSERT_EQUAL(b.supi[0], 0);
	CU_ASSERT_EQUAL(agw_store_sub_iterate(st, never_cb, NULL), -EPROTO);
	{
		uint64_t stats[AGW_STORE_STAT_MAX];

		agw_store_stats(st, stats);
		CU_ASSERT(stats[AGW_STORE_STAT_BAD_RECORDS] >= 3);
	}
	agw_store_sub_clear(&a);
}

static void
test_check(void)
{
	struct agw_store_sub a;
	struct agw_store_ssi_rule *r = &a.ssi[0];

#define BAD(stmt)                                                                                  \
	do {                                                                                       \
		full_sub(&a);                                                                      \
		stmt;                                                                              \
		CU_ASSERT_EQUAL(agw_store_sub_check(&a), -EINVAL);                                 \
		if (st != NULL)                                                                    \
			CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), -EINVAL);                       \
	} while (0)

	full_sub(&a);
	CU_ASSERT_EQUAL(agw_store_sub_check(&a), 0);
	BAD(strcpy(a.supi, "imsi-1234"));	      /* too short */
	BAD(strcpy(a.supi, "imsi-1234567890123456")); /* 16 digits */
	BAD(strcpy(a.supi, "imsi-00101x"));
	BAD(strcpy(a.supi, "001010000000001")); /* no prefix */
	BAD(strcpy(a.supi, "nai-"));
	BAD(strcpy(a.supi, "nai-a b"));
	BAD(memset(a.supi, 'a', sizeof(a.supi))); /* no NUL */
	BAD(a.sqn = AGW_STORE_SQN_MAX + 1);
	BAD(a.ind_bits = AGW_STORE_IND_BITS_MAX + 1);
	BAD(a.nia_mask = 0);
	BAD(a.nea_mask = 0);
	BAD(a.flags = 0x80);
	BAD(strcpy(a.rid, ""));
	BAD(strcpy(a.rid, "12a"));
	BAD(a.n_ssi = AGW_STORE_SSI_RULES_MAX + 1);
	BAD(r->ssi.e[1].code = AGW_STORE_SSP_DH);      /* duplicate code */
	BAD(r->ssi.e[1].code = AGW_STORE_SSP_SECAUTH); /* SM only, in MM */
	BAD(r->ssi.e[1].code = 0x06);		       /* reserved */
	BAD(r->ssi.e[1].code = 0x00);
	BAD(r->ssi.n = AGW_STORE_SSI_ENTRIES_MAX + 1);
	BAD((r->scope = AGW_STORE_SCOPE_DNN, strcpy(r->dnn, "ims"))); /* DNN in MM */
	BAD((r->scope = AGW_STORE_SCOPE_SD, r->sd = 1));	      /* SD without SST */
	BAD(r->sst = 3);					      /* SST outside scope */
	BAD(r->domain = 2);
	BAD((a.ssi[2].scope = AGW_STORE_SCOPE_SST | AGW_STORE_SCOPE_SD | AGW_STORE_SCOPE_DNN,
	     a.ssi[2].sst = 1, a.ssi[2].sd = 1,
	     strcpy(a.ssi[2].dnn, "ims"))); /* same scope twice */
#undef BAD
	/* Operator-specific codes are fine in both domains. */
	full_sub(&a);
	r->ssi.e[1].code = 0xf3;
	CU_ASSERT_EQUAL(agw_store_sub_check(&a), 0);
	CU_ASSERT_EQUAL(agw_store_supi_check("nai-user@example.org"), 0);
	CU_ASSERT_EQUAL(agw_store_supi_check("imsi-00101"), 0);
	CU_ASSERT_EQUAL(agw_store_supi_check(NULL), -EINVAL);
	agw_store_sub_clear(&a);
}

static void
test_bad_args(void)
{
	struct agw_store_sub a;
	uint64_t first;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(agw_store_sub_add(NULL, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sub_add(st, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, "imsi-1", &a), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, "imsi-001010000000001", NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sub_delete(st, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(st, "imsi-001010000000001", 0, &first), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(st, "imsi-001010000000001", 1, NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_sqn_resync(st, "imsi-001010000000001", 1ULL << 48), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_akma_get(st, "", NULL), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_txn_commit(st), -EINVAL);
	CU_ASSERT_EQUAL(agw_store_txn_commit(NULL), -EINVAL);
	agw_store_txn_abort(st); /* none open: no-op */
	CU_ASSERT_STRING_EQUAL(agw_store_strerror(-ENOSPC), "store full (map size reached)");
	CU_ASSERT_PTR_NOT_NULL(agw_store_strerror(-12345));
	CU_ASSERT_STRING_EQUAL(agw_store_stat_name(AGW_STORE_STAT_MAP_FULL), "map_full");
	CU_ASSERT_PTR_NULL(agw_store_stat_name(AGW_STORE_STAT_MAX));
}

/* ---------------------------------------------------------------------- */
/* Transactions                                                            */

static int
reentry_cb(const struct agw_store_sub *sub, void *arg)
{
	struct agw_store_sub b;

	(*(int *)arg) = agw_store_sub_get(st, sub->supi, &b);
	return 0;
}

static void
test_txn_abort(void)
{
	struct agw_store_sub a, b;
	uint64_t first;
	int rc = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	st_sub(&a, 1000);
	CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), 0);
	CU_ASSERT_EQUAL(agw_store_txn_begin(st), 0);
	CU_ASSERT_EQUAL(agw_store_txn_begin(st), -EBUSY);
	CU_ASSERT(agw_store_txn_active(st));
	for (unsigned long i = 0; i < 10; i++) {
		st_sub(&b, i);
		CU_ASSERT_EQUAL(agw_store_sub_add(st, &b), 0);
	}
	CU_ASSERT_EQUAL(agw_store_sub_delete(st, a.supi), 0);
	CU_ASSERT_EQUAL(agw_store_sqn_reserve(st, "imsi-001010000000009", 100, &first), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, "imsi-001010000000009", &b), 0); /* sees the txn */
	CU_ASSERT_EQUAL(count_subs(st), 10);
	agw_store_txn_abort(st);
	CU_ASSERT(!agw_store_txn_active(st));
	CU_ASSERT_EQUAL(count_subs(st), 1);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, a.supi, &b), 0);
	CU_ASSERT_EQUAL(agw_store_sub_get(st, "imsi-001010000000003", &b), -ENOENT);
	/* No store call from an iteration callback. */
	CU_ASSERT_EQUAL(agw_store_sub_iterate(st, reentry_cb, &rc), 0);
	CU_ASSERT_EQUAL(rc, -EBUSY);
	agw_store_sub_clear(&a);
	agw_store_sub_clear(&b);
}

static void
test_txn_commit_1000(void)
{
	struct agw_store_sub a;
	uint64_t before[AGW_STORE_STAT_MAX], after[AGW_STORE_STAT_MAX];

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	agw_store_stats(st, before);
	CU_ASSERT_EQUAL(agw_store_txn_begin(st), 0);
	for (unsigned long i = 0; i < 1000; i++) {
		st_sub(&a, i);
		CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), 0);
	}
	/* -EEXIST inside a transaction does not spoil it. */
	CU_ASSERT_EQUAL(agw_store_sub_add(st, &a), -EEXIST);
	CU_ASSERT_EQUAL(agw_store_txn_commit(st), 0);
	agw_store_stats(st, after);
	CU_ASSERT_EQUAL(after[AGW_STORE_STAT_COMMITS] - before[AGW_STORE_STAT_COMMITS], 1);
	CU_ASSERT_EQUAL(after[AGW_STORE_STAT_PUTS] - before[AGW_STORE_STAT_PUTS], 2000);
	agw_store_close(st);
	st = st_open(dir, 0, AGW_STORE_SYNC_NONE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(count_subs(st), 1000);
	agw_store_sub_clear(&a);
}

/* Every subscriber listed has its SQN record (nothing half-written). */
static int
whole_cb(const struct agw_store_sub *sub, void *arg)
{
	(*(unsigned long *)arg)++;
	return sub->ind_bits == 5 ? 0 : -1;
}

static void
test_txn_map_full(void)
{
	struct agw_store_sub a;
	uint64_t stats[AGW_STORE_STAT_MAX];
	unsigned long n = 0, ok = 0;
	int rc = 0, first_err = 0;
	char *d = st_mkdir();
	struct agw_store *s = st_open(d, 128 * 1024, AGW_STORE_SYNC_NONE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	st_sub(&a, 999999);
	CU_ASSERT_EQUAL(agw_store_sub_add(s, &a), 0);

	/* 1,000 puts in one transaction do not fit: nothing of it is kept. */
	CU_ASSERT_EQUAL(agw_store_txn_begin(s), 0);
	for (unsigned long i = 0; i < 1000; i++) {
		st_sub(&a, i);
		rc = agw_store_sub_add(s, &a);
		if (rc != 0 && first_err == 0)
			first_err = rc;
	}
	CU_ASSERT_EQUAL(first_err, -ENOSPC);
	CU_ASSERT_EQUAL(rc, -ENOSPC); /* the transaction stays failed */
	CU_ASSERT_EQUAL(agw_store_txn_commit(s), -ENOSPC);
	agw_store_stats(s, stats);
	CU_ASSERT(stats[AGW_STORE_STAT_MAP_FULL] >= 1);
	CU_ASSERT_EQUAL(stats[AGW_STORE_STAT_COMMIT_FAILURES], 1);
	CU_ASSERT_EQUAL(count_subs(s), 1);
	agw_store_close(s);
	s = st_open(d, 128 * 1024, AGW_STORE_SYNC_NONE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(count_subs(s), 1);

	/* One by one until full: each add is whole or absent. */
	for (unsigned long i = 0; i < 1000; i++) {
		st_sub(&a, i);
		rc = agw_store_sub_add(s, &a);
		if (rc != 0)
			break;
		ok++;
	}
	CU_ASSERT_EQUAL(rc, -ENOSPC);
	CU_ASSERT(ok > 10);
	CU_ASSERT_EQUAL(agw_store_sub_get(s, a.supi, &a), -ENOENT);
	CU_ASSERT_EQUAL(agw_store_sub_iterate(s, whole_cb, &n), 0);
	CU_ASSERT_EQUAL(n, ok + 1);
	agw_store_close(s);
	st_rmdir(d);
	agw_store_sub_clear(&a);
}

/* ---------------------------------------------------------------------- */
/* Opening: directory permissions and configuration                        */

static void
test_dir_perms(void)
{
	char err[256];
	struct agw_store_conf c = {.path = NULL, .err = err, .err_len = sizeof(err)};
	char *d = st_mkdir(), sub[300], file[300];
	struct agw_store *s;
	struct stat sb;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	c.path = d;
	CU_ASSERT_EQUAL(chmod(d, 0755), 0);
	errno = 0;
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, EACCES);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "0755"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "must be 0700"));
	CU_ASSERT_EQUAL(chmod(d, 0750), 0);
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, EACCES);
	CU_ASSERT_EQUAL(chmod(d, 0700), 0);
	s = agw_store_open(&c);
	CU_ASSERT_PTR_NOT_NULL(s);
	agw_store_close(s);
	snprintf(file, sizeof(file), "%s/data.mdb", d);
	CU_ASSERT_EQUAL(stat(file, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);

	/* Missing directory: ENOENT, or created with mode 0700. */
	snprintf(sub, sizeof(sub), "%s/new", d);
	c.path = sub;
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "no such directory"));
	c.create = 1;
	umask(022);
	s = agw_store_open(&c);
	CU_ASSERT_PTR_NOT_NULL(s);
	agw_store_close(s);
	CU_ASSERT_EQUAL(stat(sub, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 07777, 0700);

	/* Not a directory. */
	c.path = file;
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, ENOTDIR);
	st_rmdir(d);
}

static void
test_open_bad_conf(void)
{
	struct agw_store_conf c = {.path = "/tmp"};
	char *d = st_mkdir();

	errno = 0;
	CU_ASSERT_PTR_NULL(agw_store_open(NULL));
	CU_ASSERT_EQUAL(errno, EINVAL);
	c.backend = "redis";
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, ENOTSUP);
	c.backend = NULL;
	c.path = NULL;
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, EINVAL);
	c.path = d;
	c.sync = 7;
	CU_ASSERT_PTR_NULL(agw_store_open(&c));
	CU_ASSERT_EQUAL(errno, EINVAL);
	agw_store_close(NULL);
	st_rmdir(d);
}

static CU_TestInfo record_tests[] = {
	{"subscriber add/get/put/delete", test_sub_crud},
	{"subscriber iterate", test_sub_iterate},
	{"AKMA and PRUK contexts", test_akma_pruk},
	{"policy and UE context blobs", test_blobs},
	{"stored record of unknown version", test_stored_unknown_version},
	{"record checks", test_check},
	{"bad arguments", test_bad_args},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo encoding_tests[] = {
	{"round trip of every kind", test_encoding_roundtrip},
	{"unknown version, truncation, bad fields", test_encoding_refused},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo txn_tests[] = {
	{"abort leaves nothing", test_txn_abort},
	{"commit of 1000 puts", test_txn_commit_1000},
	{"map full: all or nothing", test_txn_map_full},
	CU_TEST_INFO_NULL,
};

static CU_TestInfo open_tests[] = {
	{"directory must be 0700", test_dir_perms},
	{"bad configuration", test_open_bad_conf},
	CU_TEST_INFO_NULL,
};

int
main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
		{"store records", NULL, NULL, setup, teardown, record_tests},
		{"store encodings", NULL, NULL, NULL, NULL, encoding_tests},
		{"store transactions", NULL, NULL, setup, teardown, txn_tests},
		{"store open", NULL, NULL, NULL, NULL, open_tests},
		{"store SQN", NULL, NULL, NULL, NULL, st_sqn_tests},
		{"anchor-subscriber", NULL, NULL, NULL, NULL, st_cli_tests},
		CU_SUITE_INFO_NULL,
	};

	st_cli_exe = argc > 1 ? argv[1] : NULL;
	return agw_test_main(suites);
}
