/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Append-only local log backend of the ledger interface. One record:
 *
 *   "AGWR" | seq(8) | prev(32) | owner(4) | type(2) | time_ms(8) |
 *   name_len(1) | data_len(4) | name | data | hash(32)
 *
 * big-endian, hash = SHA-256 of every preceding octet of the record, prev
 * = hash of the record before (zero for the first), seq = 1, 2, ... (the
 * record id). Open walks the whole file and refuses it (-EBADMSG) if any
 * record was changed, dropped, reordered or cut short. Appends are
 * write + fdatasync. Not thread-safe (the module's lock serialises).
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_util.h"
#include "secmod_priv.h"

#define REC_FIXED (4 + 8 + 32 + 4 + 2 + 8 + 1 + 4)
#define REC_DATA_MAX (1u << 20)

struct lf_index {
	off_t off;
	uint16_t type;
	char name[AGW_SECMOD_NAME_MAX];
};

struct lf {
	int fd;
	off_t end;
	uint8_t head[32];
	struct lf_index *idx;
	uint64_t n;
	uint64_t cap;
};

static int
lf_read_at(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = pread(fd, (uint8_t *)buf + done, len - done, off + (off_t)done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? -EBADMSG : -errno;
		done += (size_t)r;
	}
	return 0;
}

static int
lf_index_add(struct lf *l, off_t off, uint16_t type, const char *name, size_t nl)
{
	if (l->n == l->cap) {
		uint64_t nc = l->cap != 0 ? 2 * l->cap : 64;
		struct lf_index *ni = realloc(l->idx, nc * sizeof(*ni));

		if (ni == NULL)
			return -ENOMEM;
		l->idx = ni;
		l->cap = nc;
	}
	l->idx[l->n].off = off;
	l->idx[l->n].type = type;
	memcpy(l->idx[l->n].name, name, nl);
	l->idx[l->n].name[nl] = '\0';
	l->n++;
	return 0;
}

/* Read and check the record at @p off; returns its total length. */
static long
lf_check_one(struct lf *l, off_t off, off_t size)
{
	uint8_t fixed[REC_FIXED], hash[32];
	uint8_t *body;
	uint32_t dl;
	size_t nl, total;
	int rc;

	if (size - off < (off_t)REC_FIXED)
		return -EBADMSG;
	rc = lf_read_at(l->fd, fixed, REC_FIXED, off);
	if (rc != 0)
		return rc;
	nl = fixed[58];
	dl = sm_rd32(fixed + 59);
	total = REC_FIXED + nl + dl + 32;
	if (memcmp(fixed, "AGWR", 4) != 0 || nl >= AGW_SECMOD_NAME_MAX || dl > REC_DATA_MAX ||
	    size - off < (off_t)total || sm_rd32(fixed + 4) != (uint32_t)((l->n + 1) >> 32) ||
	    sm_rd32(fixed + 8) != (uint32_t)(l->n + 1) || memcmp(fixed + 12, l->head, 32) != 0)
		return -EBADMSG;
	body = malloc(total);
	if (body == NULL)
		return -ENOMEM;
	rc = lf_read_at(l->fd, body, total, off);
	if (rc == 0)
		rc = sm_sha256(body, total - 32, NULL, 0, hash);
	if (rc == 0 && memcmp(hash, body + total - 32, 32) != 0)
		rc = -EBADMSG;
	if (rc == 0)
		rc = lf_index_add(l, off, (uint16_t)(fixed[48] << 8 | fixed[49]),
				  (const char *)body + REC_FIXED, nl);
	if (rc == 0)
		memcpy(l->head, hash, 32);
	free(body);
	return rc == 0 ? (long)total : rc;
}

static int
lf_append(void *ctx, const struct agw_secmod_ledger_rec *rec, uint64_t *id)
{
	struct lf *l = ctx;
	size_t nl = strnlen(rec->name, AGW_SECMOD_NAME_MAX - 1);
	size_t total = REC_FIXED + nl + rec->len + 32, done = 0;
	uint8_t *b;
	int rc;

	if (rec->len > REC_DATA_MAX || (rec->len != 0 && rec->data == NULL))
		return -EINVAL;
	b = malloc(total);
	if (b == NULL)
		return -ENOMEM;
	memcpy(b, "AGWR", 4);
	sm_be64(b + 4, l->n + 1);
	memcpy(b + 12, l->head, 32);
	sm_be32(b + 44, rec->owner);
	b[48] = (uint8_t)(rec->type >> 8);
	b[49] = (uint8_t)rec->type;
	sm_be64(b + 50, rec->time_ms);
	b[58] = (uint8_t)nl;
	sm_be32(b + 59, rec->len);
	memcpy(b + REC_FIXED, rec->name, nl);
	if (rec->len != 0)
		memcpy(b + REC_FIXED + nl, rec->data, rec->len);
	rc = sm_sha256(b, total - 32, NULL, 0, b + total - 32);
	while (rc == 0 && done < total) {
		ssize_t w = pwrite(l->fd, b + done, total - done, l->end + (off_t)done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = -EIO;
		else
			done += (size_t)w;
	}
	if (rc == 0 && fdatasync(l->fd) != 0)
		rc = -errno;
	if (rc == 0)
		rc = lf_index_add(l, l->end, rec->type, rec->name, nl);
	if (rc == 0) {
		memcpy(l->head, b + total - 32, 32);
		l->end += (off_t)total;
		*id = l->n;
	} else if (ftruncate(l->fd, l->end) != 0) {
		rc = -EIO; /* a torn record stays: the next open refuses the file */
	}
	free(b);
	return rc;
}

static int
lf_get(void *ctx, uint64_t id, struct agw_secmod_ledger_rec *rec, uint8_t *buf, size_t cap)
{
	struct lf *l = ctx;
	uint8_t fixed[REC_FIXED];
	uint32_t dl;
	size_t nl;
	off_t off;
	int rc;

	if (id == 0 || id > l->n)
		return -ENOENT;
	off = l->idx[id - 1].off;
	rc = lf_read_at(l->fd, fixed, REC_FIXED, off);
	if (rc != 0)
		return rc;
	nl = fixed[58];
	dl = sm_rd32(fixed + 59);
	if (dl > cap)
		return -ENOSPC;
	memset(rec, 0, sizeof(*rec));
	rec->owner = sm_rd32(fixed + 44);
	rec->type = (uint16_t)(fixed[48] << 8 | fixed[49]);
	rec->time_ms = (uint64_t)sm_rd32(fixed + 50) << 32 | sm_rd32(fixed + 54);
	memcpy(rec->name, l->idx[id - 1].name, nl + 1);
	rc = lf_read_at(l->fd, buf, dl, off + REC_FIXED + (off_t)nl);
	rec->data = buf;
	rec->len = dl;
	return rc;
}

static int
lf_find(void *ctx, const char *name, uint16_t type, uint64_t *id)
{
	struct lf *l = ctx;

	for (uint64_t i = l->n; i > 0; i--) {
		const struct lf_index *e = &l->idx[i - 1];

		if ((name == NULL || strcmp(e->name, name) == 0) &&
		    (type == 0 || e->type == type)) {
			*id = i;
			return 0;
		}
	}
	return -ENOENT;
}

static int
lf_head(void *ctx, uint8_t hash[32], uint64_t *count)
{
	struct lf *l = ctx;

	memcpy(hash, l->head, 32);
	*count = l->n;
	return 0;
}

static void
lf_close(void *ctx)
{
	struct lf *l = ctx;

	if (l == NULL)
		return;
	close(l->fd);
	free(l->idx);
	free(l);
}

static const struct agw_secmod_ledger_ops lf_ops = {
	.append = lf_append,
	.get = lf_get,
	.find = lf_find,
	.head = lf_head,
	.close = lf_close,
};

int
agw_secmod_ledger_file_open(const char *path, struct agw_secmod_ledger *ledger)
{
	struct lf *l;
	struct stat st;
	off_t off = 0;

	if (path == NULL || ledger == NULL)
		return -EINVAL;
	l = calloc(1, sizeof(*l));
	if (l == NULL)
		return -ENOMEM;
	l->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (l->fd < 0 || fstat(l->fd, &st) != 0) {
		int e = -errno;

		if (l->fd >= 0)
			close(l->fd);
		free(l);
		return e;
	}
	while (off < st.st_size) {
		long n = lf_check_one(l, off, st.st_size);

		if (n < 0) {
			lf_close(l);
			return (int)n;
		}
		off += n;
	}
	l->end = off;
	ledger->ops = &lf_ops;
	ledger->ctx = l;
	return 0;
}
