/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Backend-independent part of the store: opening a backend by name,
 * transactions over its ops (group commit, failure latching), typed record
 * access with zeroisation of every copy, SQN reservation and counters.
 * Record checks and encodings: store_codec.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_store.h"
#include "agw_util.h"
#include "store_priv.h"

/* Largest encoding: a blob plus its header and id. */
#define BUF_CAP (AGW_STORE_BLOB_MAX + 1024)

struct agw_store {
	const struct agw_store_ops *ops;
	void *be;      /* backend handle */
	int txn;       /* a user transaction is open */
	int txn_err;   /* first -ENOSPC / -EIO inside it: commit fails with it */
	int iterating; /* inside an iteration callback */
	uint64_t stats[AGW_STORE_STAT_MAX];
	uint8_t *buf; /* scratch for encodings (zeroised after every use) */
	size_t buf_cap;
};

static const struct agw_store_ops *const builtin_backends[] = {
	&agw_store_lmdb_ops,
	NULL,
};

/* ---------------------------------------------------------------------- */
/* Open, close, errors, counters                                           */

static void
set_err(char *err, size_t len, const char *msg)
{
	if (err != NULL && len != 0)
		snprintf(err, len, "%s", msg);
}

struct agw_store *
agw_store_open(const struct agw_store_conf *conf)
{
	const struct agw_store_ops *ops = NULL;
	struct agw_store *s;
	const char *name;
	int rc;

	if (conf == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (conf->err != NULL && conf->err_len != 0)
		conf->err[0] = '\0';
	name = conf->backend != NULL ? conf->backend : "lmdb";
	if (conf->ops != NULL) {
		ops = conf->ops;
	} else {
		for (unsigned int i = 0; builtin_backends[i] != NULL; i++)
			if (strcmp(builtin_backends[i]->name, name) == 0)
				ops = builtin_backends[i];
	}
	if (ops == NULL) {
		set_err(conf->err, conf->err_len, "unknown store backend");
		errno = ENOTSUP;
		return NULL;
	}
	if (conf->sync != AGW_STORE_SYNC_FULL && conf->sync != AGW_STORE_SYNC_NONE) {
		set_err(conf->err, conf->err_len, "bad sync mode");
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		goto nomem;
	s->buf_cap = BUF_CAP;
	s->buf = malloc(s->buf_cap);
	if (s->buf == NULL)
		goto nomem;
	s->ops = ops;
	rc = ops->open(conf, &s->be, conf->err, conf->err_len);
	if (rc != 0) {
		free(s->buf);
		free(s);
		errno = -rc;
		return NULL;
	}
	return s;
nomem:
	if (s != NULL)
		free(s->buf);
	free(s);
	set_err(conf->err, conf->err_len, "out of memory");
	errno = ENOMEM;
	return NULL;
}

void
agw_store_close(struct agw_store *s)
{
	if (s == NULL)
		return;
	if (s->txn)
		agw_store_txn_abort(s);
	s->ops->close(s->be);
	agw_memzero(s->buf, s->buf_cap);
	free(s->buf);
	free(s);
}

const char *
agw_store_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case -EINVAL:
		return "invalid argument";
	case -ENOENT:
		return "no such record";
	case -EEXIST:
		return "record exists";
	case -ENOSPC:
		return "store full (map size reached)";
	case -EIO:
		return "store I/O error";
	case -EBUSY:
		return "store busy (transaction open or call from an iteration)";
	case -EPROTO:
		return "stored record has an unknown encoding version";
	case -EBADMSG:
		return "stored record is malformed";
	case -EMSGSIZE:
		return "buffer too small for the record";
	case -ERANGE:
		return "SQN space exhausted";
	case -EACCES:
		return "store directory must be mode 0700 and owned by this user";
	case -ENOTSUP:
		return "unknown store backend";
	case -ENOMEM:
		return "out of memory";
	default:
		return err < 0 ? strerror(-err) : "unknown error";
	}
}

void
agw_store_stats(const struct agw_store *s, uint64_t out[AGW_STORE_STAT_MAX])
{
	if (s != NULL && out != NULL)
		memcpy(out, s->stats, sizeof(s->stats));
}

const char *
agw_store_stat_name(unsigned int stat)
{
#define NAME_(id, name) name,
	static const char *const names[] = {AGW_STORE_STATS(NAME_)};
#undef NAME_
	return stat < AGW_STORE_STAT_MAX ? names[stat] : NULL;
}

/* Count a backend error by cause; return it. */
static int
be_err(struct agw_store *s, int rc)
{
	if (rc == -ENOSPC)
		s->stats[AGW_STORE_STAT_MAP_FULL]++;
	else if (rc == -EIO)
		s->stats[AGW_STORE_STAT_IO_ERRORS]++;
	return rc;
}

/* Errors after which the backend's transaction is unusable. */
static int
fatal(int rc)
{
	return rc == -ENOSPC || rc == -EIO || rc == -ENOMEM;
}

/* ---------------------------------------------------------------------- */
/* Transactions                                                            */

int
agw_store_txn_begin(struct agw_store *s)
{
	int rc;

	if (s == NULL)
		return -EINVAL;
	if (s->txn || s->iterating)
		return -EBUSY;
	rc = s->ops->txn_begin(s->be);
	if (rc != 0)
		return be_err(s, rc);
	s->txn = 1;
	s->txn_err = 0;
	return 0;
}

int
agw_store_txn_commit(struct agw_store *s)
{
	int rc;

	if (s == NULL || !s->txn)
		return -EINVAL;
	if (s->iterating)
		return -EBUSY;
	s->txn = 0;
	if (s->txn_err) {
		rc = s->txn_err;
		s->txn_err = 0;
		s->ops->txn_abort(s->be);
		s->stats[AGW_STORE_STAT_COMMIT_FAILURES]++;
		return rc;
	}
	rc = s->ops->txn_commit(s->be);
	if (rc != 0) {
		s->stats[AGW_STORE_STAT_COMMIT_FAILURES]++;
		return be_err(s, rc);
	}
	s->stats[AGW_STORE_STAT_COMMITS]++;
	return 0;
}

void
agw_store_txn_abort(struct agw_store *s)
{
	if (s == NULL || !s->txn || s->iterating)
		return;
	s->txn = 0;
	s->txn_err = 0;
	s->ops->txn_abort(s->be);
	s->stats[AGW_STORE_STAT_ABORTS]++;
}

int
agw_store_txn_active(const struct agw_store *s)
{
	return s != NULL && s->txn;
}

/* Start a write: join the open transaction or open a private one. */
static int
w_begin(struct agw_store *s, int *own)
{
	int rc;

	if (s->iterating)
		return -EBUSY;
	if (s->txn) {
		*own = 0;
		return s->txn_err;
	}
	rc = s->ops->txn_begin(s->be);
	if (rc != 0)
		return be_err(s, rc);
	*own = 1;
	return 0;
}

/*
 * End a write started by w_begin(): a private transaction is committed if
 * @p rc is 0 and aborted otherwise; in the user's transaction, a fatal
 * error (-ENOSPC, -EIO), or any error after part of the operation was
 * written (@p partial), is remembered so the commit fails with it: a
 * transaction never commits half an operation.
 */
static int
w_end_partial(struct agw_store *s, int own, int rc, int partial)
{
	if (!own) {
		if ((fatal(rc) || (partial && rc != 0)) && s->txn_err == 0)
			s->txn_err = rc;
		return rc;
	}
	if (rc != 0) {
		s->ops->txn_abort(s->be);
		return rc;
	}
	rc = s->ops->txn_commit(s->be);
	if (rc != 0) {
		s->stats[AGW_STORE_STAT_COMMIT_FAILURES]++;
		return be_err(s, rc);
	}
	s->stats[AGW_STORE_STAT_COMMITS]++;
	return 0;
}

static int
w_end(struct agw_store *s, int own, int rc)
{
	return w_end_partial(s, own, rc, 0);
}

/* ---------------------------------------------------------------------- */
/* Raw record access (inside w_begin/w_end for writes)                     */

static int
raw_put(struct agw_store *s, enum agw_store_table t, enum agw_store_kind kind, const char *key,
	const void *rec, unsigned int flags)
{
	long n = agw_store_encode(kind, rec, s->buf, s->buf_cap);
	int rc;

	if (n < 0)
		return (int)n;
	rc = s->ops->put(s->be, t, key, strlen(key), s->buf, (size_t)n, flags);
	agw_memzero(s->buf, (size_t)n);
	if (rc != 0)
		return be_err(s, rc);
	s->stats[AGW_STORE_STAT_PUTS]++;
	return 0;
}

/* Read and decode; the scratch copy is zeroised. @p key may point into @p rec. */
static int
raw_get(struct agw_store *s, enum agw_store_table t, enum agw_store_kind kind, const char *k,
	void *rec)
{
	char key[AGW_STORE_ID_MAX];
	size_t vlen = 0;
	int rc;

	snprintf(key, sizeof(key), "%s", k);
	if (s->txn && s->txn_err)
		return s->txn_err;
	rc = s->ops->get(s->be, t, key, strlen(key), s->buf, s->buf_cap, &vlen);
	if (rc == -ENOENT) {
		s->stats[AGW_STORE_STAT_GET_MISSES]++;
		return rc;
	}
	if (rc != 0)
		return be_err(s, rc == -EMSGSIZE ? -EBADMSG : rc);
	s->stats[AGW_STORE_STAT_GETS]++;
	rc = agw_store__decode_key(kind, s->buf, vlen, key, strlen(key), rec);
	agw_memzero(s->buf, vlen);
	if (rc == -EPROTO || rc == -EBADMSG)
		s->stats[AGW_STORE_STAT_BAD_RECORDS]++;
	return rc;
}

static int
raw_del(struct agw_store *s, enum agw_store_table t, const char *key)
{
	int rc = s->ops->del(s->be, t, key, strlen(key));

	if (rc == 0)
		s->stats[AGW_STORE_STAT_DELETES]++;
	else if (rc != -ENOENT)
		be_err(s, rc);
	return rc;
}

/* Read-only entry checks shared by the public getters. */
static int
r_begin(struct agw_store *s)
{
	if (s == NULL)
		return -EINVAL;
	return s->iterating ? -EBUSY : 0;
}

/* ---------------------------------------------------------------------- */
/* Subscribers and SQN                                                     */

/*
 * Raise the SQN record of @p supi to at least @p sqn (create it with
 * @p ind_bits if missing). Inside a write.
 */
static int
sqn_raise(struct agw_store *s, const char *supi, uint64_t sqn, uint8_t ind_bits)
{
	struct agw_store_sqn q;
	int rc;

	rc = raw_get(s, AGW_STORE_T_SQN, AGW_STORE_SQN, supi, &q);
	if (rc == -ENOENT) {
		memset(&q, 0, sizeof(q));
		snprintf(q.supi, sizeof(q.supi), "%s", supi);
		q.ind_bits = ind_bits;
		q.sqn_hi = sqn;
	} else if (rc != 0) {
		return rc;
	} else if (q.sqn_hi >= sqn) {
		return 0;
	} else {
		q.sqn_hi = sqn;
	}
	return raw_put(s, AGW_STORE_T_SQN, AGW_STORE_SQN, supi, &q, 0);
}

static int
sub_write(struct agw_store *s, const struct agw_store_sub *sub, unsigned int flags)
{
	int own, rc;

	if (s == NULL || agw_store_sub_check(sub) != 0)
		return -EINVAL;
	rc = w_begin(s, &own);
	if (rc != 0)
		return rc;
	rc = raw_put(s, AGW_STORE_T_SUB, AGW_STORE_SUB, sub->supi, sub, flags);
	if (rc != 0)
		return w_end(s, own, rc);
	rc = sqn_raise(s, sub->supi, sub->sqn, sub->ind_bits);
	return w_end_partial(s, own, rc, 1);
}

int
agw_store_sub_add(struct agw_store *s, const struct agw_store_sub *sub)
{
	return sub_write(s, sub, AGW_STORE_PUT_NOOVERWRITE);
}

int
agw_store_sub_put(struct agw_store *s, const struct agw_store_sub *sub)
{
	return sub_write(s, sub, 0);
}

int
agw_store_sqn_get(struct agw_store *s, const char *supi, struct agw_store_sqn *sqn)
{
	int rc = r_begin(s);

	if (rc != 0)
		return rc;
	if (sqn == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	return raw_get(s, AGW_STORE_T_SQN, AGW_STORE_SQN, supi, sqn);
}

int
agw_store_sub_get(struct agw_store *s, const char *supi, struct agw_store_sub *sub)
{
	char key[AGW_STORE_SUPI_MAX];
	struct agw_store_sqn q;
	int rc = r_begin(s);

	if (rc != 0)
		return rc;
	if (sub == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	snprintf(key, sizeof(key), "%s", supi); /* @p supi may be sub->supi */
	agw_store_sub_clear(sub);
	rc = raw_get(s, AGW_STORE_T_SUB, AGW_STORE_SUB, key, sub);
	if (rc != 0)
		return rc;
	rc = raw_get(s, AGW_STORE_T_SQN, AGW_STORE_SQN, key, &q);
	if (rc != 0) {
		agw_store_sub_clear(sub);
		return rc == -ENOENT ? -EBADMSG : rc; /* a subscriber always has one */
	}
	sub->sqn = q.sqn_hi;
	sub->ind_bits = q.ind_bits;
	return 0;
}

int
agw_store_sub_delete(struct agw_store *s, const char *supi)
{
	int own, rc;

	if (s == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	rc = w_begin(s, &own);
	if (rc != 0)
		return rc;
	rc = raw_del(s, AGW_STORE_T_SUB, supi);
	if (rc != 0)
		return w_end(s, own, rc);
	rc = raw_del(s, AGW_STORE_T_SQN, supi);
	if (rc == 0 || rc == -ENOENT)
		rc = raw_del(s, AGW_STORE_T_UECTX, supi);
	if (rc == -ENOENT)
		rc = 0;
	return w_end_partial(s, own, rc, 1);
}

/* Move SQN_HE forward to @p sqn_hi (a no-op when it is there already). */
static int
sqn_update(struct agw_store *s, const char *supi, uint32_t block, uint64_t sqn_ms, int resync,
	   uint64_t *first)
{
	struct agw_store_sqn q;
	uint64_t seq, seq_max, last, hi;
	int own, rc;

	if (s == NULL || agw_store_supi_check(supi) != 0)
		return -EINVAL;
	rc = w_begin(s, &own);
	if (rc != 0)
		return rc;
	rc = raw_get(s, AGW_STORE_T_SQN, AGW_STORE_SQN, supi, &q);
	if (rc != 0)
		return w_end(s, own, rc);
	seq = q.sqn_hi >> q.ind_bits;
	seq_max = AGW_STORE_SQN_MAX >> q.ind_bits;
	if (resync) {
		/* C.3: SEQ_HE := SEQ_MS, so the next SEQ is SEQ_MS + 1. */
		last = sqn_ms >> q.ind_bits;
		hi = (last << q.ind_bits) | ((UINT64_C(1) << q.ind_bits) - 1);
		if (hi <= q.sqn_hi)
			return w_end(s, own, 0);
	} else {
		if (seq_max - seq < block)
			return w_end(s, own, -ERANGE);
		last = seq + block;
		hi = (last << q.ind_bits) | ((UINT64_C(1) << q.ind_bits) - 1);
	}
	q.sqn_hi = hi;
	rc = raw_put(s, AGW_STORE_T_SQN, AGW_STORE_SQN, supi, &q, 0);
	rc = w_end(s, own, rc);
	if (rc != 0)
		return rc;
	if (resync) {
		s->stats[AGW_STORE_STAT_SQN_RESYNCS]++;
	} else {
		s->stats[AGW_STORE_STAT_SQN_RESERVES]++;
		*first = (seq + 1) << q.ind_bits;
	}
	return 0;
}

int
agw_store_sqn_reserve(struct agw_store *s, const char *supi, uint32_t block_size, uint64_t *first)
{
	if (block_size == 0 || first == NULL)
		return -EINVAL;
	return sqn_update(s, supi, block_size, 0, 0, first);
}

int
agw_store_sqn_resync(struct agw_store *s, const char *supi, uint64_t sqn_ms)
{
	if (sqn_ms > AGW_STORE_SQN_MAX)
		return -EINVAL;
	return sqn_update(s, supi, 0, sqn_ms, 1, NULL);
}

/* ---------------------------------------------------------------------- */
/* Iteration                                                               */

struct iter_ctx {
	struct agw_store *s;
	enum agw_store_kind kind;
	union {
		int (*sub)(const struct agw_store_sub *rec, void *arg);
		int (*akma)(const struct agw_store_akma *rec, void *arg);
		int (*pruk)(const struct agw_store_pruk *rec, void *arg);
		int (*policy)(const struct agw_store_policy *rec, void *arg);
		int (*uectx)(const struct agw_store_uectx *rec, void *arg);
	} cb;
	void *arg;
	union {
		struct agw_store_sub sub;
		struct agw_store_akma akma;
		struct agw_store_pruk pruk;
		struct agw_store_policy policy;
		struct agw_store_uectx uectx;
	} u;
};

/* Fill sqn / ind_bits of a subscriber met during an iteration. */
static int
iter_sqn(struct agw_store *s, struct agw_store_sub *sub)
{
	uint8_t b[128]; /* an SQN record is at most 4 + 64 + 7 octets */
	struct agw_store_sqn q;
	size_t n = 0;
	int rc;

	rc = s->ops->get(s->be, AGW_STORE_T_SQN, sub->supi, strlen(sub->supi), b, sizeof(b), &n);
	if (rc == -ENOENT || rc == -EMSGSIZE)
		return -EBADMSG; /* a subscriber always has one */
	if (rc != 0)
		return rc;
	rc = agw_store__decode_key(AGW_STORE_SQN, b, n, sub->supi, strlen(sub->supi), &q);
	if (rc != 0)
		return rc;
	sub->sqn = q.sqn_hi;
	sub->ind_bits = q.ind_bits;
	return 0;
}

static int
iter_one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct iter_ctx *c = arg;
	struct agw_store *s = c->s;
	void *rec = &c->u;
	int rc;

	if (c->kind == AGW_STORE_POLICY) {
		c->u.policy.data = s->buf;
		c->u.policy.cap = (uint32_t)s->buf_cap;
	} else if (c->kind == AGW_STORE_UECTX) {
		c->u.uectx.data = s->buf;
		c->u.uectx.cap = (uint32_t)s->buf_cap;
	}
	rc = agw_store__decode_key(c->kind, val, vlen, key, klen, rec);
	if (rc == 0 && c->kind == AGW_STORE_SUB)
		rc = iter_sqn(s, &c->u.sub);
	if (rc != 0) {
		if (rc == -EPROTO || rc == -EBADMSG)
			s->stats[AGW_STORE_STAT_BAD_RECORDS]++;
		goto out;
	}
	s->stats[AGW_STORE_STAT_GETS]++;
	switch (c->kind) {
	case AGW_STORE_SUB:
		rc = c->cb.sub(&c->u.sub, c->arg);
		break;
	case AGW_STORE_AKMA:
		rc = c->cb.akma(&c->u.akma, c->arg);
		break;
	case AGW_STORE_PRUK:
		rc = c->cb.pruk(&c->u.pruk, c->arg);
		break;
	case AGW_STORE_POLICY:
		rc = c->cb.policy(&c->u.policy, c->arg);
		break;
	default:
		rc = c->cb.uectx(&c->u.uectx, c->arg);
		break;
	}
out:
	if (c->kind == AGW_STORE_POLICY)
		agw_memzero(s->buf, c->u.policy.len);
	else if (c->kind == AGW_STORE_UECTX)
		agw_memzero(s->buf, c->u.uectx.len);
	agw_memzero(&c->u, sizeof(c->u));
	return rc;
}

/* Allocate the iteration context (records are too large for the stack). */
static struct iter_ctx *
iter_new(struct agw_store *s, enum agw_store_kind kind, int has_cb, void *arg, int *rc)
{
	struct iter_ctx *c;

	*rc = 0;
	if (s == NULL || !has_cb)
		*rc = -EINVAL;
	else if (s->iterating)
		*rc = -EBUSY;
	else if (s->txn && s->txn_err)
		*rc = s->txn_err;
	if (*rc != 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		*rc = -ENOMEM;
		return NULL;
	}
	c->s = s;
	c->kind = kind;
	c->arg = arg;
	return c;
}

static int
iterate(struct agw_store *s, enum agw_store_table t, struct iter_ctx *c)
{
	int rc;

	s->iterating = 1;
	rc = s->ops->iterate(s->be, t, iter_one, c);
	s->iterating = 0;
	agw_memzero(c, sizeof(*c));
	free(c);
	if (rc == -ENOSPC || rc == -EIO)
		be_err(s, rc);
	return rc;
}

#define ITERATE_(kind, table, member)                                                              \
	do {                                                                                       \
		int rc_;                                                                           \
		struct iter_ctx *c_ = iter_new(s, kind, cb != NULL, arg, &rc_);                    \
		if (c_ == NULL)                                                                    \
			return rc_;                                                                \
		c_->cb.member = cb;                                                                \
		return iterate(s, table, c_);                                                      \
	} while (0)

int
agw_store_sub_iterate(struct agw_store *s, int (*cb)(const struct agw_store_sub *sub, void *arg),
		      void *arg)
{
	ITERATE_(AGW_STORE_SUB, AGW_STORE_T_SUB, sub);
}

/* ---------------------------------------------------------------------- */
/* Other record kinds                                                      */

static int
simple_put(struct agw_store *s, enum agw_store_table t, enum agw_store_kind kind, const char *key,
	   const void *rec)
{
	int own, rc;

	if (s == NULL || rec == NULL || agw_store__rec_check(kind, rec) != 0)
		return -EINVAL;
	rc = w_begin(s, &own);
	if (rc != 0)
		return rc;
	rc = raw_put(s, t, kind, key, rec, 0);
	return w_end(s, own, rc);
}

static int
simple_del(struct agw_store *s, enum agw_store_table t, const char *key, size_t cap)
{
	int own, rc;

	if (s == NULL || key == NULL || agw_store__id_check(key, cap) != 0)
		return -EINVAL;
	rc = w_begin(s, &own);
	if (rc != 0)
		return rc;
	rc = raw_del(s, t, key);
	return w_end(s, own, rc);
}

static int
simple_get(struct agw_store *s, enum agw_store_table t, enum agw_store_kind kind, const char *key,
	   size_t cap, void *rec)
{
	int rc = r_begin(s);

	if (rc != 0)
		return rc;
	if (key == NULL || rec == NULL || agw_store__id_check(key, cap) != 0)
		return -EINVAL;
	return raw_get(s, t, kind, key, rec);
}

int
agw_store_akma_put(struct agw_store *s, const struct agw_store_akma *a)
{
	return simple_put(s, AGW_STORE_T_AKMA, AGW_STORE_AKMA, a ? a->akid : NULL, a);
}

int
agw_store_akma_get(struct agw_store *s, const char *akid, struct agw_store_akma *a)
{
	return simple_get(s, AGW_STORE_T_AKMA, AGW_STORE_AKMA, akid, AGW_STORE_ID_MAX, a);
}

int
agw_store_akma_delete(struct agw_store *s, const char *akid)
{
	return simple_del(s, AGW_STORE_T_AKMA, akid, AGW_STORE_ID_MAX);
}

int
agw_store_akma_iterate(struct agw_store *s, int (*cb)(const struct agw_store_akma *a, void *arg),
		       void *arg)
{
	ITERATE_(AGW_STORE_AKMA, AGW_STORE_T_AKMA, akma);
}

int
agw_store_pruk_put(struct agw_store *s, const struct agw_store_pruk *p)
{
	return simple_put(s, AGW_STORE_T_PRUK, AGW_STORE_PRUK, p ? p->id : NULL, p);
}

int
agw_store_pruk_get(struct agw_store *s, const char *id, struct agw_store_pruk *p)
{
	return simple_get(s, AGW_STORE_T_PRUK, AGW_STORE_PRUK, id, AGW_STORE_ID_MAX, p);
}

int
agw_store_pruk_delete(struct agw_store *s, const char *id)
{
	return simple_del(s, AGW_STORE_T_PRUK, id, AGW_STORE_ID_MAX);
}

int
agw_store_pruk_iterate(struct agw_store *s, int (*cb)(const struct agw_store_pruk *p, void *arg),
		       void *arg)
{
	ITERATE_(AGW_STORE_PRUK, AGW_STORE_T_PRUK, pruk);
}

int
agw_store_policy_put(struct agw_store *s, const struct agw_store_policy *p)
{
	return simple_put(s, AGW_STORE_T_POLICY, AGW_STORE_POLICY, p ? p->id : NULL, p);
}

int
agw_store_policy_get(struct agw_store *s, const char *id, struct agw_store_policy *p)
{
	return simple_get(s, AGW_STORE_T_POLICY, AGW_STORE_POLICY, id, AGW_STORE_ID_MAX, p);
}

int
agw_store_policy_delete(struct agw_store *s, const char *id)
{
	return simple_del(s, AGW_STORE_T_POLICY, id, AGW_STORE_ID_MAX);
}

int
agw_store_policy_iterate(struct agw_store *s,
			 int (*cb)(const struct agw_store_policy *p, void *arg), void *arg)
{
	ITERATE_(AGW_STORE_POLICY, AGW_STORE_T_POLICY, policy);
}

int
agw_store_uectx_put(struct agw_store *s, const struct agw_store_uectx *u)
{
	return simple_put(s, AGW_STORE_T_UECTX, AGW_STORE_UECTX, u ? u->supi : NULL, u);
}

int
agw_store_uectx_get(struct agw_store *s, const char *supi, struct agw_store_uectx *u)
{
	if (agw_store_supi_check(supi) != 0)
		return -EINVAL;
	return simple_get(s, AGW_STORE_T_UECTX, AGW_STORE_UECTX, supi, AGW_STORE_SUPI_MAX, u);
}

int
agw_store_uectx_delete(struct agw_store *s, const char *supi)
{
	if (agw_store_supi_check(supi) != 0)
		return -EINVAL;
	return simple_del(s, AGW_STORE_T_UECTX, supi, AGW_STORE_SUPI_MAX);
}

int
agw_store_uectx_iterate(struct agw_store *s, int (*cb)(const struct agw_store_uectx *u, void *arg),
			void *arg)
{
	ITERATE_(AGW_STORE_UECTX, AGW_STORE_T_UECTX, uectx);
}
