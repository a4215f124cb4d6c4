/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * LMDB backend of the store: one environment in a directory of mode 0700,
 * one named database per table, plus "meta" holding the layout version.
 *
 * Durability: mdb_txn_commit() writes and fsyncs the data pages, then the
 * meta page (and fsyncs it) unless MDB_NOSYNC (AGW_STORE_SYNC_NONE); a
 * process killed at any point leaves the last committed transaction.
 * Reads outside the write transaction use one read transaction that is
 * reset after every read (renewed at the next), so it never pins old pages;
 * iterations use their own (MDB_NOTLS allows both in one thread).
 */

#include <errno.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_store.h"

#define DEFAULT_MAP_SIZE (UINT64_C(1) << 30)
#define META_DB "meta"
#define FORMAT_KEY "format"
#define FORMAT_VERSION 1 /* table layout; bump on incompatible change */

struct lmdb_be {
	MDB_env *env;
	MDB_dbi dbi[AGW_STORE_T_MAX];
	MDB_txn *wtxn; /* open write transaction, or NULL */
	MDB_txn *rtxn; /* reset read transaction for gets outside wtxn */
	int nosync;
};

static const char *const db_names[AGW_STORE_T_MAX] = {
	[AGW_STORE_T_SUB] = "sub",   [AGW_STORE_T_SQN] = "sqn",	      [AGW_STORE_T_AKMA] = "akma",
	[AGW_STORE_T_PRUK] = "pruk", [AGW_STORE_T_POLICY] = "policy", [AGW_STORE_T_UECTX] = "uectx",
};

/* LMDB result → the store's -errno. */
static int
lmdb_err(int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return 0;
	case MDB_NOTFOUND:
		return -ENOENT;
	case MDB_KEYEXIST:
		return -EEXIST;
	case MDB_MAP_FULL:
	case MDB_TXN_FULL:
	case MDB_PAGE_FULL:
	case ENOSPC:
		return -ENOSPC;
	case EINVAL:
	case MDB_BAD_VALSIZE:
		return -EINVAL;
	case ENOMEM:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

static void
errf(char *err, size_t len, const char *fmt, const char *path, const char *what)
{
	if (err != NULL && len != 0)
		snprintf(err, len, fmt, path, what);
}

/*
 * The directory holds K and OPc in clear: it must be a directory of mode
 * 0700 owned by the effective user. Create it if asked.
 */
static int
dir_check(const struct agw_store_conf *conf, char *err, size_t len)
{
	const char *path = conf->path;
	struct stat st;
	char mode[16];
	int e;

	if (stat(path, &st) != 0) {
		e = errno;
		if (e != ENOENT) {
			errf(err, len, "%s: %s", path, strerror(e));
			return -e;
		}
		if (!conf->create) {
			errf(err, len, "%s: %s (create it with mode 0700)", path,
			     "no such directory");
			return -ENOENT;
		}
		if (mkdir(path, 0700) != 0 || chmod(path, 0700) != 0 || stat(path, &st) != 0) {
			e = errno;
			errf(err, len, "%s: cannot create: %s", path, strerror(e));
			return -e;
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		errf(err, len, "%s: %s", path, "not a directory");
		return -ENOTDIR;
	}
	if (st.st_uid != geteuid()) {
		errf(err, len, "%s: %s", path,
		     "not owned by this user; the store directory must be private (mode 0700)");
		return -EACCES;
	}
	if ((st.st_mode & 07777) != 0700) {
		snprintf(mode, sizeof(mode), "%04o", (unsigned int)(st.st_mode & 07777));
		errf(err, len, "%s: mode %s, must be 0700 (it holds subscriber keys; chmod 700 it)",
		     path, mode);
		return -EACCES;
	}
	return 0;
}

/* Open the tables and check (or write) the layout version. */
static int
open_dbs(struct lmdb_be *b, char *err, size_t len, const char *path)
{
	MDB_val k = {.mv_size = strlen(FORMAT_KEY), .mv_data = (void *)FORMAT_KEY};
	uint8_t fmt = FORMAT_VERSION;
	MDB_val v = {.mv_size = 1, .mv_data = &fmt};
	MDB_dbi meta;
	MDB_txn *txn;
	int rc;

	rc = mdb_txn_begin(b->env, NULL, 0, &txn);
	if (rc != 0)
		goto fail;
	for (unsigned int t = 0; t < AGW_STORE_T_MAX; t++) {
		rc = mdb_dbi_open(txn, db_names[t], MDB_CREATE, &b->dbi[t]);
		if (rc != 0)
			goto abort;
	}
	rc = mdb_dbi_open(txn, META_DB, MDB_CREATE, &meta);
	if (rc != 0)
		goto abort;
	rc = mdb_get(txn, meta, &k, &v);
	if (rc == MDB_NOTFOUND) {
		v.mv_size = 1;
		v.mv_data = &fmt;
		rc = mdb_put(txn, meta, &k, &v, 0);
	} else if (rc == 0 && (v.mv_size != 1 || *(const uint8_t *)v.mv_data != FORMAT_VERSION)) {
		mdb_txn_abort(txn);
		errf(err, len, "%s: %s", path, "database layout of another version");
		return -EPROTO;
	}
	if (rc != 0)
		goto abort;
	rc = mdb_txn_commit(txn);
	if (rc != 0)
		goto fail;
	return 0;
abort:
	mdb_txn_abort(txn);
fail:
	errf(err, len, "%s: %s", path, mdb_strerror(rc));
	return lmdb_err(rc);
}

static int
lmdb_open(const struct agw_store_conf *conf, void **bep, char *err, size_t len)
{
	struct lmdb_be *b;
	unsigned int flags = MDB_NOTLS;
	char data[4096];
	int rc, dead, existed;

	if (conf->path == NULL || conf->path[0] == '\0' || strlen(conf->path) > 4000) {
		errf(err, len, "%s%s", "", "no store path");
		return -EINVAL;
	}
	rc = dir_check(conf, err, len);
	if (rc != 0)
		return rc;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return -ENOMEM;
	b->nosync = conf->sync == AGW_STORE_SYNC_NONE;
	if (b->nosync)
		flags |= MDB_NOSYNC;
	rc = mdb_env_create(&b->env);
	if (rc != 0)
		goto fail;
	rc = mdb_env_set_maxdbs(b->env, AGW_STORE_T_MAX + 1);
	/*
	 * Map size 0: an existing database keeps the size recorded in it (so a
	 * provisioning tool does not shrink the gateway's); a new one gets 1 GiB.
	 */
	snprintf(data, sizeof(data), "%s/data.mdb", conf->path);
	existed = access(data, F_OK) == 0;
	if (rc == 0 && conf->map_size != 0)
		rc = mdb_env_set_mapsize(b->env, conf->map_size);
	if (rc == 0)
		rc = mdb_env_open(b->env, conf->path, flags, 0600);
	if (rc == 0 && conf->map_size == 0 && !existed)
		rc = mdb_env_set_mapsize(b->env, DEFAULT_MAP_SIZE);
	if (rc != 0)
		goto fail;
	/* Free reader slots of processes that died (kill -9) holding one. */
	mdb_reader_check(b->env, &dead);
	rc = open_dbs(b, err, len, conf->path);
	if (rc != 0)
		goto fail_rc;
	rc = mdb_txn_begin(b->env, NULL, MDB_RDONLY, &b->rtxn);
	if (rc != 0)
		goto fail;
	mdb_txn_reset(b->rtxn);
	*bep = b;
	return 0;
fail:
	errf(err, len, "%s: %s", conf->path, mdb_strerror(rc));
	rc = lmdb_err(rc);
fail_rc:
	if (b->env != NULL)
		mdb_env_close(b->env);
	free(b);
	return rc;
}

static void
lmdb_close(void *be)
{
	struct lmdb_be *b = be;

	if (b->wtxn != NULL)
		mdb_txn_abort(b->wtxn);
	if (b->rtxn != NULL)
		mdb_txn_abort(b->rtxn);
	if (b->nosync)
		mdb_env_sync(b->env, 1);
	mdb_env_close(b->env);
	free(b);
}

static int
lmdb_txn_begin(void *be)
{
	struct lmdb_be *b = be;
	int rc;

	if (b->wtxn != NULL)
		return -EBUSY;
	rc = mdb_txn_begin(b->env, NULL, 0, &b->wtxn);
	if (rc == MDB_MAP_RESIZED) {
		/* Another process grew the map: adopt its size and retry. */
		mdb_env_set_mapsize(b->env, 0);
		rc = mdb_txn_begin(b->env, NULL, 0, &b->wtxn);
	}
	if (rc != 0)
		b->wtxn = NULL;
	return lmdb_err(rc);
}

static int
lmdb_txn_commit(void *be)
{
	struct lmdb_be *b = be;
	int rc;

	if (b->wtxn == NULL)
		return -EINVAL;
	rc = mdb_txn_commit(b->wtxn); /* frees the transaction in every case */
	b->wtxn = NULL;
	return lmdb_err(rc);
}

static void
lmdb_txn_abort(void *be)
{
	struct lmdb_be *b = be;

	if (b->wtxn != NULL)
		mdb_txn_abort(b->wtxn);
	b->wtxn = NULL;
}

static int
key_ok(const struct lmdb_be *b, enum agw_store_table t, size_t klen)
{
	return (unsigned int)t < AGW_STORE_T_MAX && klen != 0 &&
	       klen <= (size_t)mdb_env_get_maxkeysize(b->env);
}

/* Read transaction for a get: the write one, or the renewed read one. */
static int
read_txn(struct lmdb_be *b, MDB_txn **txn)
{
	int rc;

	if (b->wtxn != NULL) {
		*txn = b->wtxn;
		return 0;
	}
	rc = mdb_txn_renew(b->rtxn);
	if (rc == MDB_MAP_RESIZED) {
		mdb_env_set_mapsize(b->env, 0);
		rc = mdb_txn_renew(b->rtxn);
	}
	*txn = b->rtxn;
	return rc;
}

static int
lmdb_get(void *be, enum agw_store_table t, const void *key, size_t klen, void *buf, size_t cap,
	 size_t *vlen)
{
	struct lmdb_be *b = be;
	MDB_val k = {.mv_size = klen, .mv_data = (void *)key};
	MDB_val v;
	MDB_txn *txn;
	int rc;

	if (!key_ok(b, t, klen))
		return -EINVAL;
	rc = read_txn(b, &txn);
	if (rc != 0)
		return lmdb_err(rc);
	rc = mdb_get(txn, b->dbi[t], &k, &v);
	if (rc == 0) {
		*vlen = v.mv_size;
		if (v.mv_size > cap)
			rc = -EMSGSIZE;
		else
			memcpy(buf, v.mv_data, v.mv_size);
	} else {
		rc = lmdb_err(rc);
	}
	if (txn == b->rtxn)
		mdb_txn_reset(b->rtxn);
	return rc;
}

static int
lmdb_put(void *be, enum agw_store_table t, const void *key, size_t klen, const void *val,
	 size_t vlen, unsigned int flags)
{
	struct lmdb_be *b = be;
	MDB_val k = {.mv_size = klen, .mv_data = (void *)key};
	MDB_val v = {.mv_size = vlen, .mv_data = (void *)val};

	if (b->wtxn == NULL || !key_ok(b, t, klen))
		return -EINVAL;
	return lmdb_err(mdb_put(b->wtxn, b->dbi[t], &k, &v,
				(flags & AGW_STORE_PUT_NOOVERWRITE) ? MDB_NOOVERWRITE : 0));
}

static int
lmdb_del(void *be, enum agw_store_table t, const void *key, size_t klen)
{
	struct lmdb_be *b = be;
	MDB_val k = {.mv_size = klen, .mv_data = (void *)key};

	if (b->wtxn == NULL || !key_ok(b, t, klen))
		return -EINVAL;
	return lmdb_err(mdb_del(b->wtxn, b->dbi[t], &k, NULL));
}

static int
lmdb_iterate(void *be, enum agw_store_table t, agw_store_raw_cb cb, void *arg)
{
	struct lmdb_be *b = be;
	MDB_txn *txn = b->wtxn;
	MDB_cursor *cur;
	MDB_val k, v;
	int rc, ret = 0;

	if ((unsigned int)t >= AGW_STORE_T_MAX)
		return -EINVAL;
	if (txn == NULL) {
		rc = mdb_txn_begin(b->env, NULL, MDB_RDONLY, &txn);
		if (rc != 0)
			return lmdb_err(rc);
	}
	rc = mdb_cursor_open(txn, b->dbi[t], &cur);
	if (rc == 0) {
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			ret = cb(k.mv_data, k.mv_size, v.mv_data, v.mv_size, arg);
			if (ret != 0)
				break;
		}
		mdb_cursor_close(cur);
	}
	if (txn != b->wtxn)
		mdb_txn_abort(txn);
	if (ret != 0)
		return ret;
	return rc == MDB_NOTFOUND ? 0 : lmdb_err(rc);
}

const struct agw_store_ops agw_store_lmdb_ops = {
	.name = "lmdb",
	.open = lmdb_open,
	.close = lmdb_close,
	.txn_begin = lmdb_txn_begin,
	.txn_commit = lmdb_txn_commit,
	.txn_abort = lmdb_txn_abort,
	.get = lmdb_get,
	.put = lmdb_put,
	.del = lmdb_del,
	.iterate = lmdb_iterate,
};
