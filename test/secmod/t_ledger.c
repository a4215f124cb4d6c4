/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * The append-only local log backend: records, lookups, the hash chain
 * recomputed here with SHA-256 over the file's octets, reopen verification,
 * and refusal of a changed, cut or reordered file.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "agw_test.h"
#include "secmod_priv.h"
#include "sm_test.h"

#define REC_FIXED 63

static char g_dir[64], g_path[96];

static void
ledger_path(void)
{
	snprintf(g_dir, sizeof(g_dir), "/tmp/agw-secmod-l.XXXXXX");
	CU_ASSERT_FATAL(mkdtemp(g_dir) != NULL);
	snprintf(g_path, sizeof(g_path), "%s/log", g_dir);
}

static void
ledger_cleanup(void)
{
	unlink(g_path);
	rmdir(g_dir);
}

static void
append(struct agw_secmod_ledger *l, const char *name, uint16_t type, const char *data,
       uint64_t want_id)
{
	struct agw_secmod_ledger_rec r = {.owner = 7,
					  .type = type,
					  .time_ms = 1000 + want_id,
					  .data = (const uint8_t *)data,
					  .len = (uint32_t)strlen(data)};
	uint64_t id = 0;

	snprintf(r.name, sizeof(r.name), "%s", name);
	CU_ASSERT(l->ops->append(l->ctx, &r, &id) == 0);
	CU_ASSERT(id == want_id);
}

static size_t
file_bytes(uint8_t *buf, size_t cap)
{
	FILE *f = fopen(g_path, "rb");
	size_t n = f != NULL ? fread(buf, 1, cap, f) : 0;

	if (f != NULL)
		fclose(f);
	return n;
}

static void
file_write(const uint8_t *buf, size_t n)
{
	FILE *f = fopen(g_path, "wb");

	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT(fwrite(buf, 1, n, f) == n);
	fclose(f);
}

static void
t_ledger_records(void)
{
	struct agw_secmod_ledger l;
	struct agw_secmod_ledger_rec r;
	uint8_t buf[256], h[32], file[4096], prev[32] = {0}, calc[32];
	uint64_t id, count;
	size_t n, off = 0;

	ledger_path();
	CU_ASSERT_FATAL(agw_secmod_ledger_file_open(g_path, &l) == 0);
	append(&l, "a", 1, "first", 1);
	append(&l, "b", 2, "second", 2);
	append(&l, "a", 2, "third", 3);
	CU_ASSERT(l.ops->get(l.ctx, 2, &r, buf, sizeof(buf)) == 0);
	CU_ASSERT(r.owner == 7 && r.type == 2 && r.time_ms == 1002 && strcmp(r.name, "b") == 0 &&
		  r.len == 6 && memcmp(r.data, "second", 6) == 0);
	CU_ASSERT(l.ops->get(l.ctx, 4, &r, buf, sizeof(buf)) == -ENOENT);
	CU_ASSERT(l.ops->find(l.ctx, "a", 0, &id) == 0 && id == 3);
	CU_ASSERT(l.ops->find(l.ctx, "a", 1, &id) == 0 && id == 1);
	CU_ASSERT(l.ops->find(l.ctx, NULL, 2, &id) == 0 && id == 3);
	CU_ASSERT(l.ops->find(l.ctx, "c", 0, &id) == -ENOENT);
	CU_ASSERT(l.ops->head(l.ctx, h, &count) == 0 && count == 3);
	l.ops->close(l.ctx);
	/* second path: walk the file and recompute each record's hash */
	n = file_bytes(file, sizeof(file));
	for (int i = 0; i < 3; i++) {
		size_t nl = file[off + 58], dl = sm_rd32(file + off + 59);
		size_t total = REC_FIXED + nl + dl + 32;

		CU_ASSERT_FATAL(off + total <= n);
		CU_ASSERT(memcmp(file + off + 12, prev, 32) == 0);
		SHA256(file + off, total - 32, calc);
		CU_ASSERT(memcmp(calc, file + off + total - 32, 32) == 0);
		memcpy(prev, calc, 32);
		off += total;
	}
	CU_ASSERT(off == n && memcmp(prev, h, 32) == 0);
	/* reopen: verified, same head, appends continue the chain */
	CU_ASSERT_FATAL(agw_secmod_ledger_file_open(g_path, &l) == 0);
	CU_ASSERT(l.ops->head(l.ctx, buf, &count) == 0 && count == 3 && memcmp(buf, h, 32) == 0);
	append(&l, "d", 1, "fourth", 4);
	l.ops->close(l.ctx);
	CU_ASSERT_FATAL(agw_secmod_ledger_file_open(g_path, &l) == 0);
	l.ops->close(l.ctx);
	ledger_cleanup();
}

static void
t_ledger_tamper(void)
{
	struct agw_secmod_ledger l;
	uint8_t file[4096], copy[4096];
	size_t n, first;

	ledger_path();
	CU_ASSERT_FATAL(agw_secmod_ledger_file_open(g_path, &l) == 0);
	append(&l, "a", 1, "first", 1);
	append(&l, "b", 1, "second", 2);
	append(&l, "c", 1, "third", 3);
	l.ops->close(l.ctx);
	n = file_bytes(file, sizeof(file));
	first = REC_FIXED + 1 + 5 + 32;
	/* one changed octet in the second record's data */
	memcpy(copy, file, n);
	copy[first + REC_FIXED + 1 + 2] ^= 1;
	file_write(copy, n);
	CU_ASSERT(agw_secmod_ledger_file_open(g_path, &l) == -EBADMSG);
	/* a torn tail */
	file_write(file, n - 3);
	CU_ASSERT(agw_secmod_ledger_file_open(g_path, &l) == -EBADMSG);
	/* the first record removed */
	file_write(file + first, n - first);
	CU_ASSERT(agw_secmod_ledger_file_open(g_path, &l) == -EBADMSG);
	/* the data changed and the record's own hash recomputed: the next
	 * record's link still gives it away */
	memcpy(copy, file, n);
	copy[REC_FIXED + 1] ^= 1;
	SHA256(copy, first - 32, copy + first - 32);
	file_write(copy, n);
	CU_ASSERT(agw_secmod_ledger_file_open(g_path, &l) == -EBADMSG);
	/* the original still opens */
	file_write(file, n);
	CU_ASSERT(agw_secmod_ledger_file_open(g_path, &l) == 0);
	l.ops->close(l.ctx);
	ledger_cleanup();
}

CU_TestInfo ledger_tests[] = {
	{"records, lookups, hash chain", t_ledger_records},
	{"changed, cut or reordered file refused", t_ledger_tamper},
	CU_TEST_INFO_NULL,
};
