/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Home network key set for the SIDF (see agw_sidf.h).
 *
 * Layout: the set points at an immutable snapshot, an array of 256 key
 * pointers indexed by the home network public key identifier, with a
 * generation number. A change (add, retire, load) never edits the
 * snapshot readers see: it copies it, edits the copy, publishes the copy
 * with one atomic pointer store, and frees the old snapshot (and keys no
 * longer in any snapshot) after a grace period. This is copy-on-write with
 * an epoch-based grace period, like SRCU:
 *
 *  - A reader (agw_hnkeys_read_begin) reads the epoch E, increments the
 *    active counter of slot E & 1, and re-reads the epoch; if it changed it
 *    undoes the increment and retries. So it holds slot E & 1 only while
 *    the epoch is E, and it then loads the current snapshot.
 *  - The writer (serialised by a mutex: the design assumes one control-
 *    path writer, the mutex only makes misuse safe) publishes the new
 *    snapshot, increments the epoch from E to E + 1, and waits until slot
 *    E & 1 drains. Readers arriving later go to the other slot, so the wait
 *    ends once the readers that might hold the old snapshot are done. A
 *    reader that loaded the old snapshot incremented its slot while the
 *    epoch was E (it re-read E after incrementing), before the publication:
 *    the writer sees it. All atomics are sequentially consistent.
 *
 * Readers never block and never write shared state other than one
 * counter; the writer waits at most for the de-concealments that were
 * running when it published. Keys are reference-counted by the snapshots
 * holding them (counts changed by the writer only), and released through
 * their provider, which zeroises them, when the last snapshot goes.
 *
 * Private key files: regular files with no group/other permission bits,
 * checked with fstat() on the opened descriptor (no race with a rename).
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "agw_sidf.h"
#include "agw_util.h"
#include "sidf_internal.h"

/* Largest key file read (a PEM EC key is ~250 octets). */
#define KEY_FILE_MAX 16384

struct agw_hnkey {
	uint8_t id;
	uint8_t scheme;
	uint8_t pub_len;
	uint8_t pub[AGW_SIDF_P256_C_LEN]; /* A: 32 octets; B: compressed */
	const struct agw_hnkey_provider_ops *ops;
	void *handle;
	unsigned int refs; /* snapshots holding the key; writer only */
};

struct snap {
	uint64_t gen;
	unsigned int n;
	struct agw_hnkey *by_id[AGW_SIDF_N_KEY_IDS];
};

struct agw_hnkeys {
	_Atomic(struct snap *) cur;
	atomic_ulong epoch;
	struct {
		atomic_long n;
		char pad[64 - sizeof(atomic_long)];
	} active[2];
	pthread_mutex_t wlock;
};

/* ------------------------------------------------------------------ */
/* The software provider: an EVP_PKEY in process memory                */
/* ------------------------------------------------------------------ */

/* Handle of a soft key: the key, and a derive context made once and
 * duplicated per ECDH (EVP_PKEY_CTX_dup only reads it, so readers in
 * several threads can share it; creating a context from the key costs
 * more than the rest of the SIDF overhead together). */
struct soft {
	EVP_PKEY *pkey;
	EVP_PKEY_CTX *tmpl;
};

static int
soft_derive(void *handle, unsigned int scheme, const uint8_t *eph, size_t len,
	    uint8_t z[AGW_SIDF_SHARED_LEN])
{
	struct soft *h = handle;

	return sidf_ecdh(h->pkey, h->tmpl, scheme, eph, len, z);
}

static void
soft_release(void *handle)
{
	struct soft *h = handle;

	if (h == NULL)
		return;
	EVP_PKEY_CTX_free(h->tmpl);
	EVP_PKEY_free(h->pkey); /* OpenSSL clears private key material on free */
	free(h);
}

static const struct agw_hnkey_provider_ops soft_ops = {
	.name = "soft",
	.derive = soft_derive,
	.release = soft_release,
};

/* ------------------------------------------------------------------ */
/* Keys and snapshots                                                  */
/* ------------------------------------------------------------------ */

static void
key_unref(struct agw_hnkey *k)
{
	if (k == NULL || --k->refs > 0)
		return;
	if (k->ops != NULL && k->ops->release != NULL)
		k->ops->release(k->handle);
	agw_memzero(k, sizeof(*k));
	free(k);
}

static void
snap_free(struct snap *s)
{
	unsigned int i;

	if (s == NULL)
		return;
	for (i = 0; i < AGW_SIDF_N_KEY_IDS; i++)
		key_unref(s->by_id[i]);
	free(s);
}

/* A writable copy of the current snapshot (caller holds wlock). */
static struct snap *
snap_copy(struct agw_hnkeys *ks)
{
	struct snap *o = atomic_load(&ks->cur), *s;
	unsigned int i;

	s = malloc(sizeof(*s));
	if (s == NULL)
		return NULL;
	memcpy(s, o, sizeof(*s));
	for (i = 0; i < AGW_SIDF_N_KEY_IDS; i++)
		if (s->by_id[i] != NULL)
			s->by_id[i]->refs++;
	s->gen = o->gen + 1;
	return s;
}

/* Publish @s, wait for the readers of the old snapshot, free it. */
static void
snap_publish(struct agw_hnkeys *ks, struct snap *s)
{
	struct snap *old;
	unsigned long e;

	old = atomic_exchange(&ks->cur, s);
	e = atomic_fetch_add(&ks->epoch, 1);
	while (atomic_load(&ks->active[e & 1].n) != 0)
		sched_yield();
	snap_free(old);
}

struct agw_hnkeys *
agw_hnkeys_create(void)
{
	struct agw_hnkeys *ks;
	struct snap *s;

	ks = calloc(1, sizeof(*ks));
	s = calloc(1, sizeof(*s));
	if (ks == NULL || s == NULL || pthread_mutex_init(&ks->wlock, NULL) != 0) {
		free(ks);
		free(s);
		return NULL;
	}
	atomic_init(&ks->cur, s);
	atomic_init(&ks->epoch, 0);
	atomic_init(&ks->active[0].n, 0);
	atomic_init(&ks->active[1].n, 0);
	return ks;
}

void
agw_hnkeys_free(struct agw_hnkeys *ks)
{
	if (ks == NULL)
		return;
	snap_free(atomic_load(&ks->cur));
	pthread_mutex_destroy(&ks->wlock);
	free(ks);
}

void
agw_hnkeys_read_begin(struct agw_hnkeys *ks, struct agw_hnkeys_read *r)
{
	unsigned long e;

	for (;;) {
		e = atomic_load(&ks->epoch);
		atomic_fetch_add(&ks->active[e & 1].n, 1);
		if (atomic_load(&ks->epoch) == e)
			break;
		atomic_fetch_sub(&ks->active[e & 1].n, 1);
	}
	r->slot = (unsigned int)(e & 1);
	r->snap = atomic_load(&ks->cur);
}

void
agw_hnkeys_read_end(struct agw_hnkeys *ks, struct agw_hnkeys_read *r)
{
	atomic_fetch_sub(&ks->active[r->slot].n, 1);
	r->snap = NULL;
}

const struct agw_hnkey *
agw_hnkeys_find(const struct agw_hnkeys_read *r, unsigned int id)
{
	const struct snap *s = r->snap;

	return s != NULL && id < AGW_SIDF_N_KEY_IDS ? s->by_id[id] : NULL;
}

uint64_t
agw_hnkeys_read_generation(const struct agw_hnkeys_read *r)
{
	const struct snap *s = r->snap;

	return s != NULL ? s->gen : 0;
}

uint64_t
agw_hnkeys_generation(struct agw_hnkeys *ks)
{
	struct agw_hnkeys_read r;
	uint64_t g;

	agw_hnkeys_read_begin(ks, &r);
	g = agw_hnkeys_read_generation(&r);
	agw_hnkeys_read_end(ks, &r);
	return g;
}

unsigned int
agw_hnkeys_count(struct agw_hnkeys *ks)
{
	struct agw_hnkeys_read r;
	unsigned int n;

	agw_hnkeys_read_begin(ks, &r);
	n = ((const struct snap *)r.snap)->n;
	agw_hnkeys_read_end(ks, &r);
	return n;
}

int
agw_hnkeys_public(struct agw_hnkeys *ks, unsigned int id, uint8_t *pub, size_t cap,
		  unsigned int *scheme)
{
	struct agw_hnkeys_read r;
	const struct agw_hnkey *k;
	int rc;

	agw_hnkeys_read_begin(ks, &r);
	k = agw_hnkeys_find(&r, id);
	if (k == NULL) {
		rc = -ENOENT;
	} else if (cap < k->pub_len) {
		rc = -ENOSPC;
	} else {
		memcpy(pub, k->pub, k->pub_len);
		if (scheme != NULL)
			*scheme = k->scheme;
		rc = k->pub_len;
	}
	agw_hnkeys_read_end(ks, &r);
	return rc;
}

unsigned int
agw_hnkey_scheme(const struct agw_hnkey *k)
{
	return k->scheme;
}

unsigned int
agw_hnkey_id(const struct agw_hnkey *k)
{
	return k->id;
}

int
agw_hnkey_derive(const struct agw_hnkey *k, const uint8_t *eph_pub, size_t eph_len,
		 uint8_t z[AGW_SIDF_SHARED_LEN])
{
	return k->ops->derive(k->handle, k->scheme, eph_pub, eph_len, z);
}

/* ------------------------------------------------------------------ */
/* Changes                                                             */
/* ------------------------------------------------------------------ */

static struct agw_hnkey *
key_new(unsigned int id, unsigned int scheme, const uint8_t *pub, size_t pub_len,
	const struct agw_hnkey_provider_ops *ops, void *handle)
{
	struct agw_hnkey *k = calloc(1, sizeof(*k));

	if (k == NULL)
		return NULL;
	k->id = (uint8_t)id;
	k->scheme = (uint8_t)scheme;
	k->pub_len = (uint8_t)pub_len;
	memcpy(k->pub, pub, pub_len);
	k->ops = ops;
	k->handle = handle;
	return k;
}

/* Insert new keys (refs 0) into a new generation; all ids must be free.
 * On error nothing changes and the keys are left to the caller. */
static int
publish_keys(struct agw_hnkeys *ks, struct agw_hnkey **keys, size_t n)
{
	struct snap *s;
	size_t i;

	pthread_mutex_lock(&ks->wlock);
	s = snap_copy(ks);
	if (s == NULL) {
		pthread_mutex_unlock(&ks->wlock);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (s->by_id[keys[i]->id] != NULL) {
			while (i-- > 0) {
				s->by_id[keys[i]->id] = NULL;
				keys[i]->refs = 0;
			}
			snap_free(s);
			pthread_mutex_unlock(&ks->wlock);
			return -EEXIST;
		}
		s->by_id[keys[i]->id] = keys[i];
		keys[i]->refs = 1;
		s->n++;
	}
	snap_publish(ks, s);
	pthread_mutex_unlock(&ks->wlock);
	return 0;
}

static void
key_discard(struct agw_hnkey *k)
{
	if (k == NULL)
		return;
	k->refs = 1;
	key_unref(k);
}

/* A soft key from an EVP_PKEY (taken over, also on error). */
static int
soft_key(unsigned int id, unsigned int scheme, EVP_PKEY *pk, struct agw_hnkey **out)
{
	uint8_t pub[AGW_SIDF_P256_C_LEN];
	struct soft *h;
	int n;

	*out = NULL;
	n = sidf_pkey_pub(pk, scheme, pub);
	h = calloc(1, sizeof(*h));
	if (n < 0 || h == NULL) {
		free(h);
		EVP_PKEY_free(pk);
		return n < 0 ? -EINVAL : -ENOMEM;
	}
	h->pkey = pk;
	h->tmpl = sidf_derive_template(pk, scheme);
	if (h->tmpl == NULL) {
		soft_release(h);
		return -EINVAL;
	}
	*out = key_new(id, scheme, pub, (size_t)n, &soft_ops, h);
	if (*out == NULL) {
		soft_release(h);
		return -ENOMEM;
	}
	return 0;
}

static int
check_id_scheme(unsigned int id, unsigned int scheme)
{
	return id < AGW_SIDF_N_KEY_IDS &&
	       (scheme == AGW_SIDF_PROFILE_A || scheme == AGW_SIDF_PROFILE_B);
}

int
agw_hnkeys_add_raw(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme, const uint8_t *priv,
		   size_t len)
{
	struct agw_hnkey *k;
	EVP_PKEY *pk;
	int rc;

	if (ks == NULL || !check_id_scheme(id, scheme))
		return -EINVAL;
	pk = sidf_pkey_from_raw(scheme, priv, len);
	if (pk == NULL)
		return -EINVAL;
	rc = soft_key(id, scheme, pk, &k);
	if (rc == 0)
		rc = publish_keys(ks, &k, 1);
	if (rc != 0)
		key_discard(k);
	return rc;
}

int
agw_hnkeys_add_provider(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme,
			const uint8_t *pub, size_t pub_len,
			const struct agw_hnkey_provider_ops *ops, void *handle)
{
	uint8_t c[AGW_SIDF_P256_C_LEN];
	struct agw_hnkey *k;
	int rc;

	if (ks == NULL || !check_id_scheme(id, scheme) || pub == NULL || ops == NULL ||
	    ops->derive == NULL)
		return -EINVAL;
	if (scheme == AGW_SIDF_PROFILE_A) {
		if (pub_len != AGW_SIDF_X25519_LEN)
			return -EINVAL;
		memcpy(c, pub, pub_len);
	} else if (pub_len == AGW_SIDF_P256_C_LEN && (pub[0] == 2 || pub[0] == 3)) {
		memcpy(c, pub, pub_len);
	} else if (pub_len == AGW_SIDF_P256_U_LEN && pub[0] == 4) {
		c[0] = (uint8_t)(0x02 | (pub[64] & 1));
		memcpy(c + 1, pub + 1, 32);
		pub_len = AGW_SIDF_P256_C_LEN;
	} else {
		return -EINVAL;
	}
	k = key_new(id, scheme, c, pub_len, ops, handle);
	if (k == NULL)
		return -ENOMEM;
	rc = publish_keys(ks, &k, 1);
	if (rc != 0) {
		k->ops = NULL; /* the handle stays the caller's */
		key_discard(k);
	}
	return rc;
}

int
agw_hnkeys_retire(struct agw_hnkeys *ks, unsigned int id)
{
	struct agw_hnkey *k;
	struct snap *s;

	if (ks == NULL || id >= AGW_SIDF_N_KEY_IDS)
		return -ENOENT;
	pthread_mutex_lock(&ks->wlock);
	if (atomic_load(&ks->cur)->by_id[id] == NULL) {
		pthread_mutex_unlock(&ks->wlock);
		return -ENOENT;
	}
	s = snap_copy(ks);
	if (s == NULL) {
		pthread_mutex_unlock(&ks->wlock);
		return -ENOMEM;
	}
	k = s->by_id[id];
	s->by_id[id] = NULL;
	s->n--;
	key_unref(k); /* the new snapshot's reference; the old one's goes below */
	snap_publish(ks, s);
	pthread_mutex_unlock(&ks->wlock);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Key files                                                           */
/* ------------------------------------------------------------------ */

static int
fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* Read a private key file after checking its type and mode. */
static int
read_key_file(const char *path, uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		rc = -errno;
		return fail(err, errlen, rc, "hn key file %s: %s", path, strerror(-rc));
	}
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		fail(err, errlen, rc, "hn key file %s: %s", path, strerror(-rc));
	} else if (!S_ISREG(st.st_mode)) {
		rc = fail(err, errlen, -EINVAL, "hn key file %s: not a regular file", path);
	} else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		rc = fail(err, errlen, -EACCES,
			  "hn key file %s: mode %04o gives group/other access to a private "
			  "key (chmod 600 or 400)",
			  path, (unsigned int)(st.st_mode & 07777));
	} else if ((size_t)st.st_size > cap) {
		rc = fail(err, errlen, -EINVAL, "hn key file %s: larger than %zu octets", path,
			  cap);
	}
	while (rc == 0 && got < cap) {
		n = read(fd, buf + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			fail(err, errlen, rc, "hn key file %s: %s", path, strerror(-rc));
		}
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return rc;
}

/* Raw hex: 64 hex digits (whitespace ignored) -> 32 octets. */
static int
parse_raw_hex(const uint8_t *b, size_t n, uint8_t out[AGW_SIDF_PRIV_LEN])
{
	char hex[2 * AGW_SIDF_PRIV_LEN + 1];
	size_t i, k = 0;
	int ok;

	for (i = 0; i < n; i++) {
		if (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')
			continue;
		if (k >= sizeof(hex) - 1) {
			agw_memzero(hex, sizeof(hex));
			return -1;
		}
		hex[k++] = (char)b[i];
	}
	hex[k] = '\0';
	ok = k == 2 * AGW_SIDF_PRIV_LEN &&
	     agw_hex_decode(hex, out, AGW_SIDF_PRIV_LEN) == AGW_SIDF_PRIV_LEN;
	agw_memzero(hex, sizeof(hex));
	return ok ? 0 : -1;
}

static int
looks_hex(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f') ||
		      (b[i] >= 'A' && b[i] <= 'F') || b[i] == ' ' || b[i] == '\t' || b[i] == '\n' ||
		      b[i] == '\r'))
			return 0;
	return n > 0;
}

/* Parse a key file's content: PEM, DER or raw hex. */
static EVP_PKEY *
parse_key(unsigned int scheme, const uint8_t *b, size_t n)
{
	uint8_t raw[AGW_SIDF_PRIV_LEN];
	const unsigned char *p = b;
	EVP_PKEY *k = NULL;
	BIO *bio;

	if (n >= 10 && memcmp(b, "-----BEGIN", 10) == 0) {
		bio = BIO_new_mem_buf(b, (int)n);
		if (bio != NULL)
			k = PEM_read_bio_PrivateKey_ex(bio, NULL, NULL, NULL, NULL, NULL);
		BIO_free(bio);
	} else if (looks_hex(b, n)) {
		if (parse_raw_hex(b, n, raw) == 0)
			k = sidf_pkey_from_raw(scheme, raw, sizeof(raw));
		agw_memzero(raw, sizeof(raw));
	} else {
		k = d2i_AutoPrivateKey_ex(NULL, &p, (long)n, NULL, NULL);
	}
	ERR_clear_error();
	return k;
}

static int
load_one(const struct agw_hnkey_conf *c, struct agw_hnkey **out, char *err, size_t errlen)
{
	static const char *const names[] = {"", "A (X25519)", "B (secp256r1)"};
	uint8_t *buf;
	EVP_PKEY *pk;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!check_id_scheme(c->id, c->scheme) || c->path == NULL)
		return fail(err, errlen, -EINVAL, "hn key %u: bad id or scheme %u", c->id,
			    c->scheme);
	buf = malloc(KEY_FILE_MAX);
	if (buf == NULL)
		return fail(err, errlen, -ENOMEM, "hn key file %s: out of memory", c->path);
	rc = read_key_file(c->path, buf, KEY_FILE_MAX, &n, err, errlen);
	pk = rc == 0 ? parse_key(c->scheme, buf, n) : NULL;
	agw_memzero(buf, KEY_FILE_MAX);
	free(buf);
	if (rc != 0)
		return rc;
	if (pk == NULL)
		return fail(err, errlen, -EINVAL,
			    "hn key file %s: not a PEM, DER or 64-hex-digit private key for "
			    "profile %s",
			    c->path, names[c->scheme]);
	if (!sidf_pkey_is(pk, c->scheme)) {
		EVP_PKEY_free(pk);
		return fail(err, errlen, -EINVAL, "hn key file %s: not a profile %s key", c->path,
			    names[c->scheme]);
	}
	rc = soft_key(c->id, c->scheme, pk, out);
	if (rc != 0)
		return fail(err, errlen, rc, "hn key file %s: cannot use the key", c->path);
	return 0;
}

int
agw_hnkeys_load(struct agw_hnkeys *ks, const struct agw_hnkey_conf *conf, size_t n, char *err,
		size_t errlen)
{
	struct agw_hnkey **keys;
	size_t i, j;
	int rc = 0;

	if (ks == NULL || (conf == NULL && n != 0))
		return fail(err, errlen, -EINVAL, "hn keys: bad arguments");
	if (n == 0)
		return 0;
	keys = calloc(n, sizeof(*keys));
	if (keys == NULL)
		return fail(err, errlen, -ENOMEM, "hn keys: out of memory");
	for (i = 0; rc == 0 && i < n; i++) {
		for (j = 0; j < i; j++)
			if (conf[j].id == conf[i].id)
				rc = fail(err, errlen, -EEXIST,
					  "hn key file %s: key id %u given twice", conf[i].path,
					  conf[i].id);
		if (rc == 0)
			rc = load_one(&conf[i], &keys[i], err, errlen);
	}
	if (rc == 0) {
		rc = publish_keys(ks, keys, n);
		if (rc == -EEXIST)
			fail(err, errlen, rc, "hn keys: a key id in the list is already in use");
	}
	if (rc != 0)
		for (i = 0; i < n; i++)
			key_discard(keys[i]);
	free(keys);
	return rc;
}

int
agw_hnkeys_add_file(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme, const char *path,
		    char *err, size_t errlen)
{
	struct agw_hnkey_conf c = {id, scheme, path};

	return agw_hnkeys_load(ks, &c, 1, err, errlen);
}

/* Most lines in a list file. */
#define LIST_MAX AGW_SIDF_N_KEY_IDS

int
agw_hnkeys_load_list(struct agw_hnkeys *ks, const char *list, char *err, size_t errlen)
{
	struct agw_hnkey_conf conf[LIST_MAX];
	char line[PATH_MAX + 64], dir[PATH_MAX], word[16], *paths[LIST_MAX];
	char file[PATH_MAX];
	unsigned int lineno = 0, id;
	const char *slash;
	size_t n = 0, i;
	int rc = 0, off, w;
	FILE *f;

	if (ks == NULL || list == NULL)
		return fail(err, errlen, -EINVAL, "hn keys: bad arguments");
	f = fopen(list, "re");
	if (f == NULL)
		return fail(err, errlen, -errno, "hn key list %s: %s", list, strerror(errno));
	slash = strrchr(list, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - list) : 1, slash ? list : ".");
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "#\r\n")] = '\0';
		if (line[strspn(line, " \t")] == '\0')
			continue;
		off = 0;
		if (sscanf(line, " %u %15s %n", &id, word, &off) != 2 || off == 0 ||
		    line[off] == '\0' || id >= AGW_SIDF_N_KEY_IDS ||
		    (strcmp(word, "A") != 0 && strcmp(word, "B") != 0) || n >= LIST_MAX) {
			rc = fail(err, errlen, -EINVAL, "%s:%u: want '<id 0-255> <A|B> <key file>'",
				  list, lineno);
			break;
		}
		line[off + strcspn(line + off, " \t")] = '\0';
		if (line[off] == '/')
			w = snprintf(file, sizeof(file), "%s", line + off);
		else
			w = snprintf(file, sizeof(file), "%s/%s", dir, line + off);
		if (w < 0 || (size_t)w >= sizeof(file)) {
			rc = fail(err, errlen, -ENAMETOOLONG, "%s:%u: path too long", list, lineno);
			break;
		}
		paths[n] = strdup(file);
		if (paths[n] == NULL) {
			rc = fail(err, errlen, -ENOMEM, "%s:%u: out of memory", list, lineno);
			break;
		}
		conf[n].id = id;
		conf[n].scheme = word[0] == 'A' ? AGW_SIDF_PROFILE_A : AGW_SIDF_PROFILE_B;
		conf[n].path = paths[n];
		n++;
	}
	fclose(f);
	if (rc == 0)
		rc = agw_hnkeys_load(ks, conf, n, err, errlen);
	for (i = 0; i < n; i++)
		free(paths[i]);
	return rc;
}
