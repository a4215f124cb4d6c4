/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * The `cryptodev` NAS crypto engine (see agw_cdev.h).
 *
 * Shape of a burst (ipsec-secgw / l2fwd-crypto style): validate, allocate
 * one rte_crypto_op (and, for ops without an mbuf, one data-less mbuf that
 * wraps the caller's buffer as an external buffer) per valid op, fill them,
 * enqueue all, dequeue until all are back, map the results, free.
 *
 * The private area of every crypto op (right after the symmetric op, at
 * CDEV_IV_OFF) holds the IV the session's xform points at, the digest, the
 * octets under the NIA2 prefix, the burst tag and the index of the op, and
 * the shared info of the external buffer. The tag (one counter per queue
 * pair) recognises ops of a burst abandoned on timeout when the device
 * hands them back later: they are freed then.
 *
 * Sessions carry their kind and algorithm in the 22.11 session header's
 * opaque_data word, so an op needs nothing but the session pointer.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_mempool.h>
#include <rte_pause.h>

#include "agw_cdev.h"
#include "agw_util.h"

#define CDEV_KEY_LEN AGW_NAS_KEY_LEN
#define CDEV_IV_LEN 16
#define CDEV_DEF_DEPTH 1024
#define CDEV_DEF_TIMEOUT_US 100000
#define CDEV_POOL_CACHE 32

/* opaque_data of a session: magic | flags | kind | alg. */
#define SESS_MAGIC 0x41475743u /* "AGWC" */
#define SESS_KIND_NIA 1u
#define SESS_KIND_NEA 2u
#define SESS_F_PMD_VERIFY 1u

/* Flags of an op's private area. */
#define OPF_INT_MBUF 0x1 /* m_src is an internal mbuf (external buffer) */
#define OPF_RESTORE 0x2	 /* NIA2: saved[] must be put back */

struct cdev_op_priv {
	uint8_t iv[CDEV_IV_LEN]; /* first: the xforms' IV offset points here */
	uint8_t digest[16];
	uint8_t saved[AGW_NIA2_PREFIX_LEN];
	uint32_t tag;
	uint16_t idx;
	uint8_t flags;
	uint8_t rsvd;
	struct rte_mbuf_ext_shared_info shinfo;
};

#define CDEV_IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define CDEV_DIGEST_OFF (CDEV_IV_OFF + offsetof(struct cdev_op_priv, digest))

struct cdev_qp {
	uint32_t tag;
	struct agw_cdev_stats st;
} __rte_cache_aligned;

struct agw_cdev {
	uint8_t dev_id;
	uint16_t nb_qp;
	int socket_id;
	uint32_t nia_caps; /* bit alg set: supported */
	uint32_t nea_caps;
	uint64_t timeout_cycles;
	struct rte_mempool *sess_mp;
	struct rte_mempool *op_mp;
	struct rte_mempool *mb_mp;
	const char *drv_name;
	struct cdev_qp qps[];
};

/* ------------------------------------------------------------------ */
/* Algorithms and IVs                                                  */
/* ------------------------------------------------------------------ */

static const enum rte_crypto_auth_algorithm nia_algo[4] = {
	[AGW_NIA1] = RTE_CRYPTO_AUTH_SNOW3G_UIA2,
	[AGW_NIA2] = RTE_CRYPTO_AUTH_AES_CMAC,
	[AGW_NIA3] = RTE_CRYPTO_AUTH_ZUC_EIA3,
};
static const uint16_t nia_iv_len[4] = {
	[AGW_NIA1] = CDEV_IV_LEN, [AGW_NIA2] = 0, [AGW_NIA3] = CDEV_IV_LEN};

static const enum rte_crypto_cipher_algorithm nea_algo[4] = {
	[AGW_NEA1] = RTE_CRYPTO_CIPHER_SNOW3G_UEA2,
	[AGW_NEA2] = RTE_CRYPTO_CIPHER_AES_CTR,
	[AGW_NEA3] = RTE_CRYPTO_CIPHER_ZUC_EEA3,
};

static inline void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/*
 * COUNT | BEARER | DIRECTION | 0^26: the 128-NIA2 prefix (TS 33.401
 * B.2.3) and the first half of the 128-NEA1/2/3 IVs (B.1.2-B.1.4).
 */
static inline void
nas_prefix8(uint8_t p[8], uint32_t count, uint8_t bearer, uint8_t dir)
{
	put_be32(p, count);
	p[4] = (uint8_t)((bearer << 3) | (dir << 2));
	p[5] = 0;
	p[6] = 0;
	p[7] = 0;
}

/*
 * Ciphering IVs, 16 octets as the PMDs take them: NEA2 is the AES-CTR
 * initial counter block T1 = prefix | 0^64; NEA1 (UEA2, TS 35.215) and NEA3
 * (EEA3, TS 35.221) both use prefix | prefix.
 */
static inline void
nea_iv(uint8_t iv[CDEV_IV_LEN], unsigned int alg, uint32_t count, uint8_t bearer, uint8_t dir)
{
	nas_prefix8(iv, count, bearer, dir);
	if (alg == AGW_NEA2)
		memset(iv + 8, 0, 8);
	else
		memcpy(iv + 8, iv, 8);
}

/*
 * Integrity IVs, the 16-octet form DPDK's SNOW 3G UIA2 and ZUC EIA3 take
 * (the IV of the 3GPP specifications, as in DPDK's own test vectors):
 *  NIA1, UIA2 with FRESH = BEARER | 0^27 (TS 33.401 B.2.2):
 *    COUNT | FRESH | COUNT ^ DIR << 31 | FRESH ^ DIR << 15;
 *  NIA3, EIA3 (TS 35.221 / TS 33.401 B.2.4): IV[0..3] = COUNT,
 *    IV[4] = BEARER << 3, IV[5..7] = 0, IV[8..15] = IV[0..7] with
 *    IV[8] and IV[14] XORed with DIR << 7.
 */
static inline void
nia_iv(uint8_t iv[CDEV_IV_LEN], unsigned int alg, uint32_t count, uint8_t bearer, uint8_t dir)
{
	if (alg == AGW_NIA1) {
		uint32_t fresh = (uint32_t)bearer << 27;

		put_be32(iv, count);
		put_be32(iv + 4, fresh);
		put_be32(iv + 8, count ^ ((uint32_t)dir << 31));
		put_be32(iv + 12, fresh ^ ((uint32_t)dir << 15));
	} else {
		put_be32(iv, count);
		iv[4] = (uint8_t)(bearer << 3);
		memset(iv + 5, 0, 3);
		memcpy(iv + 8, iv, 8);
		iv[8] ^= (uint8_t)(dir << 7);
		iv[14] ^= (uint8_t)(dir << 7);
	}
}

static inline uint32_t
nbytes(uint32_t bits)
{
	return (bits + 7) / 8;
}

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

static int
cap_auth(uint8_t dev_id, enum rte_crypto_auth_algorithm a, uint16_t iv_len)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.algo.auth = a,
	};
	const struct rte_cryptodev_symmetric_capability *cap;

	cap = rte_cryptodev_sym_capability_get(dev_id, &idx);
	return cap != NULL && rte_cryptodev_sym_capability_check_auth(cap, CDEV_KEY_LEN,
								      AGW_NAS_MAC_LEN, iv_len) == 0;
}

static int
cap_cipher(uint8_t dev_id, enum rte_crypto_cipher_algorithm a)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = a,
	};
	const struct rte_cryptodev_symmetric_capability *cap;

	cap = rte_cryptodev_sym_capability_get(dev_id, &idx);
	return cap != NULL &&
	       rte_cryptodev_sym_capability_check_cipher(cap, CDEV_KEY_LEN, CDEV_IV_LEN) == 0;
}

static void
cdev_pools_free(struct agw_cdev *c)
{
	rte_mempool_free(c->op_mp);
	rte_mempool_free(c->mb_mp);
	rte_mempool_free(c->sess_mp);
	c->op_mp = NULL;
	c->mb_mp = NULL;
	c->sess_mp = NULL;
}

static int
cdev_pools_create(struct agw_cdev *c, uint32_t max_sessions)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t priv = rte_cryptodev_sym_get_private_session_size(c->dev_id);
	uint32_t n_ops = (uint32_t)c->nb_qp * 4 * AGW_CDEV_CHUNK + 2 * AGW_CDEV_CHUNK;

	snprintf(name, sizeof(name), "agw_cdev_s%u", c->dev_id);
	c->sess_mp = rte_cryptodev_sym_session_pool_create(name, max_sessions, RTE_MAX(priv, 1u), 0,
							   0, c->socket_id);
	if (c->sess_mp == NULL)
		return -rte_errno;
	snprintf(name, sizeof(name), "agw_cdev_o%u", c->dev_id);
	c->op_mp = rte_crypto_op_pool_create(name, RTE_CRYPTO_OP_TYPE_SYMMETRIC, n_ops,
					     CDEV_POOL_CACHE, sizeof(struct cdev_op_priv),
					     c->socket_id);
	if (c->op_mp == NULL)
		return -rte_errno;
	snprintf(name, sizeof(name), "agw_cdev_m%u", c->dev_id);
	c->mb_mp = rte_pktmbuf_pool_create(name, n_ops, CDEV_POOL_CACHE, 0, 0, c->socket_id);
	if (c->mb_mp == NULL)
		return -rte_errno;
	return 0;
}

/* Give an op (and its internal mbuf) back to the pools. */
static inline void
cdev_op_release(struct rte_crypto_op *cop)
{
	struct cdev_op_priv *p = rte_crypto_op_ctod_offset(cop, struct cdev_op_priv *, CDEV_IV_OFF);

	if (p->flags & OPF_INT_MBUF)
		rte_pktmbuf_free(cop->sym->m_src);
	rte_crypto_op_free(cop);
}

/* Dequeue and free whatever the device still holds (ops of abandoned
 * bursts), for at most the engine's timeout without progress. */
static void
cdev_drain(struct agw_cdev *c, uint16_t qp)
{
	struct rte_crypto_op *cops[AGW_CDEV_CHUNK];
	uint64_t deadline = rte_get_timer_cycles() + c->timeout_cycles;
	uint16_t d, i;

	while (rte_get_timer_cycles() < deadline) {
		d = rte_cryptodev_dequeue_burst(c->dev_id, qp, cops, AGW_CDEV_CHUNK);
		if (d == 0) {
			/* Nothing pending once every op enqueued came back. */
			if (c->qps[qp].st.dequeued == c->qps[qp].st.enqueued)
				break;
			rte_pause();
			continue;
		}
		c->qps[qp].st.dequeued += d;
		c->qps[qp].st.late += d;
		for (i = 0; i < d; i++)
			cdev_op_release(cops[i]);
		deadline = rte_get_timer_cycles() + c->timeout_cycles;
	}
}

struct agw_cdev *
agw_cdev_create(const struct agw_cdev_conf *conf)
{
	struct rte_cryptodev_config dconf;
	struct rte_cryptodev_qp_conf qconf;
	struct rte_cryptodev_info info;
	struct agw_cdev *c;
	uint32_t nia = 0, nea = 0;
	int dev_id, socket, ret;
	unsigned int a;

	if (conf == NULL || conf->dev_name == NULL || conf->nb_qp == 0 || conf->max_sessions == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	dev_id = rte_cryptodev_get_dev_id(conf->dev_name);
	if (dev_id < 0) {
		rte_errno = ENODEV;
		return NULL;
	}
	rte_cryptodev_info_get((uint8_t)dev_id, &info);
	if (!(info.feature_flags & RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO) ||
	    conf->nb_qp > info.max_nb_queue_pairs ||
	    (info.sym.max_nb_sessions != 0 && conf->max_sessions > info.sym.max_nb_sessions)) {
		rte_errno = EINVAL;
		return NULL;
	}
	for (a = 1; a <= 3; a++) {
		if (cap_auth((uint8_t)dev_id, nia_algo[a], nia_iv_len[a]))
			nia |= 1u << a;
		if (cap_cipher((uint8_t)dev_id, nea_algo[a]))
			nea |= 1u << a;
	}
	if (nia == 0 && nea == 0) {
		rte_errno = ENOTSUP;
		return NULL;
	}
	socket = conf->socket_id;
	if (socket == SOCKET_ID_ANY) {
		socket = rte_cryptodev_socket_id((uint8_t)dev_id);
		if (socket < 0)
			socket = SOCKET_ID_ANY;
	}

	c = rte_zmalloc_socket("agw_cdev", sizeof(*c) + conf->nb_qp * sizeof(c->qps[0]),
			       RTE_CACHE_LINE_SIZE, socket);
	if (c == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	c->dev_id = (uint8_t)dev_id;
	c->nb_qp = conf->nb_qp;
	c->socket_id = socket;
	c->nia_caps = nia;
	c->nea_caps = nea;
	c->drv_name = info.driver_name;
	c->timeout_cycles = (conf->timeout_us != 0 ? conf->timeout_us : CDEV_DEF_TIMEOUT_US) *
			    rte_get_timer_hz() / 1000000;

	ret = cdev_pools_create(c, conf->max_sessions);
	if (ret != 0)
		goto fail;

	dconf = (struct rte_cryptodev_config){
		.socket_id = socket,
		.nb_queue_pairs = conf->nb_qp,
		.ff_disable = RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO | RTE_CRYPTODEV_FF_SECURITY,
	};
	ret = rte_cryptodev_configure(c->dev_id, &dconf);
	if (ret != 0)
		goto fail;
	qconf = (struct rte_cryptodev_qp_conf){
		.nb_descriptors = conf->qp_depth != 0 ? conf->qp_depth : CDEV_DEF_DEPTH,
		.mp_session = c->sess_mp,
	};
	for (uint16_t q = 0; q < conf->nb_qp; q++) {
		ret = rte_cryptodev_queue_pair_setup(c->dev_id, q, &qconf, socket);
		if (ret != 0)
			goto fail_close;
	}
	ret = rte_cryptodev_start(c->dev_id);
	if (ret != 0)
		goto fail_close;
	return c;

fail_close:
	rte_cryptodev_close(c->dev_id);
fail:
	cdev_pools_free(c);
	rte_free(c);
	rte_errno = ret < 0 ? -ret : (ret > 0 ? ret : EINVAL);
	return NULL;
}

int
agw_cdev_free(struct agw_cdev *c)
{
	if (c == NULL)
		return 0;
	if (rte_mempool_in_use_count(c->sess_mp) != 0)
		return -EBUSY;
	for (uint16_t q = 0; q < c->nb_qp; q++)
		cdev_drain(c, q);
	rte_cryptodev_stop(c->dev_id);
	rte_cryptodev_close(c->dev_id);
	cdev_pools_free(c);
	rte_free(c);
	return 0;
}

uint8_t
agw_cdev_dev_id(const struct agw_cdev *c)
{
	return c->dev_id;
}

const char *
agw_cdev_driver_name(const struct agw_cdev *c)
{
	return c->drv_name;
}

int
agw_cdev_nia_supported(const struct agw_cdev *c, unsigned int alg)
{
	return c != NULL && alg >= 1 && alg <= 3 && (c->nia_caps >> alg & 1u);
}

int
agw_cdev_nea_supported(const struct agw_cdev *c, unsigned int alg)
{
	return c != NULL && alg >= 1 && alg <= 3 && (c->nea_caps >> alg & 1u);
}

int
agw_cdev_session_bytes(const struct agw_cdev *c)
{
	if (c == NULL)
		return -EINVAL;
	return (int)(c->sess_mp->header_size + c->sess_mp->elt_size + c->sess_mp->trailer_size);
}

int
agw_cdev_stats_get(const struct agw_cdev *c, uint16_t qp, struct agw_cdev_stats *st)
{
	if (c == NULL || st == NULL || qp >= c->nb_qp)
		return -EINVAL;
	*st = c->qps[qp].st;
	return 0;
}

int
agw_cdev_usage_get(const struct agw_cdev *c, struct agw_cdev_usage *u)
{
	if (c == NULL || u == NULL)
		return -EINVAL;
	u->sessions = rte_mempool_in_use_count(c->sess_mp);
	u->ops = rte_mempool_in_use_count(c->op_mp);
	u->mbufs = rte_mempool_in_use_count(c->mb_mp);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

static inline uint64_t
sess_meta_make(unsigned int kind, unsigned int alg, unsigned int flags)
{
	return (uint64_t)SESS_MAGIC << 32 | flags << 16 | kind << 8 | alg;
}

/* Kind, algorithm and flags of a session; -1 when it is not ours. */
static inline int
sess_meta(void *sess, unsigned int kind, unsigned int *alg, unsigned int *flags)
{
	uint64_t m;

	if (sess == NULL)
		return -1;
	m = rte_cryptodev_sym_session_opaque_data_get(sess);
	if ((uint32_t)(m >> 32) != SESS_MAGIC || ((m >> 8) & 0xff) != kind)
		return -1;
	*alg = (unsigned int)(m & 0xff);
	*flags = (unsigned int)((m >> 16) & 0xff);
	return 0;
}

static int
sess_create(struct agw_cdev *c, struct rte_crypto_sym_xform *x, uint64_t meta, void **sess)
{
	void *s = rte_cryptodev_sym_session_create(c->dev_id, x, c->sess_mp);

	if (s == NULL)
		return rte_errno != 0 ? -rte_errno : -ENOMEM;
	rte_cryptodev_sym_session_opaque_data_set(s, meta);
	*sess = s;
	return 0;
}

static int
session_nia(struct agw_cdev *c, unsigned int alg, const uint8_t key[AGW_NAS_KEY_LEN], void **sess,
	    int pmd_verify)
{
	struct rte_crypto_sym_xform x;
	int ret;

	if (c == NULL || key == NULL || sess == NULL || alg > AGW_NIA3)
		return -EINVAL;
	if (!agw_cdev_nia_supported(c, alg))
		return -ENOTSUP;
	x = (struct rte_crypto_sym_xform){
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth =
			{
				.op = pmd_verify ? RTE_CRYPTO_AUTH_OP_VERIFY
						 : RTE_CRYPTO_AUTH_OP_GENERATE,
				.algo = nia_algo[alg],
				.key = {.data = key, .length = CDEV_KEY_LEN},
				.iv = {.offset = CDEV_IV_OFF, .length = nia_iv_len[alg]},
				.digest_length = AGW_NAS_MAC_LEN,
			},
	};
	ret = sess_create(c, &x,
			  sess_meta_make(SESS_KIND_NIA, alg, pmd_verify ? SESS_F_PMD_VERIFY : 0),
			  sess);
	if (ret != 0 && pmd_verify && ret != -ENOMEM)
		return session_nia(c, alg, key, sess, 0);
	return ret;
}

int
agw_cdev_session_nia(struct agw_cdev *c, unsigned int alg, const uint8_t key[AGW_NAS_KEY_LEN],
		     void **sess)
{
	return session_nia(c, alg, key, sess, 0);
}

int
agw_cdev_session_nia_verify(struct agw_cdev *c, unsigned int alg,
			    const uint8_t key[AGW_NAS_KEY_LEN], void **sess)
{
	return session_nia(c, alg, key, sess, 1);
}

int
agw_cdev_session_nea(struct agw_cdev *c, unsigned int alg, const uint8_t key[AGW_NAS_KEY_LEN],
		     void **sess)
{
	struct rte_crypto_sym_xform x;

	if (c == NULL || key == NULL || sess == NULL || alg > AGW_NEA3)
		return -EINVAL;
	if (!agw_cdev_nea_supported(c, alg))
		return -ENOTSUP;
	x = (struct rte_crypto_sym_xform){
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher =
			{
				.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT,
				.algo = nea_algo[alg],
				.key = {.data = key, .length = CDEV_KEY_LEN},
				.iv = {.offset = CDEV_IV_OFF, .length = CDEV_IV_LEN},
			},
	};
	return sess_create(c, &x, sess_meta_make(SESS_KIND_NEA, alg, 0), sess);
}

void
agw_cdev_session_free(struct agw_cdev *c, void *sess)
{
	if (c == NULL || sess == NULL)
		return;
	/* Ops naming a freed session are then refused as not ours. */
	rte_cryptodev_sym_session_opaque_data_set(sess, 0);
	rte_cryptodev_sym_session_free(c->dev_id, sess);
}

/* ------------------------------------------------------------------ */
/* Bursts                                                              */
/* ------------------------------------------------------------------ */

static void
ext_free_noop(void *addr, void *opaque)
{
	RTE_SET_USED(addr);
	RTE_SET_USED(opaque);
}

/* Point an internal mbuf at [buf, buf + len) of caller memory. */
static inline void
cdev_wrap(struct rte_mbuf *mb, struct cdev_op_priv *p, uint8_t *buf, uint32_t len)
{
	p->shinfo.free_cb = ext_free_noop;
	p->shinfo.fcb_opaque = NULL;
	rte_mbuf_ext_refcnt_set(&p->shinfo, 1);
	rte_pktmbuf_attach_extbuf(mb, buf, rte_mem_virt2iova(buf), (uint16_t)len, &p->shinfo);
	mb->data_len = (uint16_t)len;
	mb->pkt_len = len;
	p->flags |= OPF_INT_MBUF;
}

/* Get k crypto ops and nmb internal mbufs, or nothing. */
static int
cdev_alloc(struct agw_cdev *c, struct rte_crypto_op **cops, uint16_t k, struct rte_mbuf **mbs,
	   uint16_t nmb)
{
	if (rte_crypto_op_bulk_alloc(c->op_mp, RTE_CRYPTO_OP_TYPE_SYMMETRIC, cops, k) != k)
		return -ENOMEM;
	if (nmb != 0 && rte_pktmbuf_alloc_bulk(c->mb_mp, mbs, nmb) != 0) {
		for (uint16_t i = 0; i < k; i++)
			rte_crypto_op_free(cops[i]);
		return -ENOMEM;
	}
	return 0;
}

/*
 * Submit k filled ops and collect the ones the device gives back (in any
 * order) into done[]. Short enqueues are retried while dequeuing makes room;
 * ops of earlier abandoned bursts (another tag) are freed on the way. Gives
 * up after the timeout without progress. Returns the number collected;
 * *n_enq is the number the device accepted (cops[0 .. *n_enq - 1]).
 */
static uint16_t
cdev_run(struct agw_cdev *c, uint16_t qp, struct rte_crypto_op **cops, uint16_t k, uint32_t tag,
	 struct rte_crypto_op **done, uint16_t *n_enq)
{
	struct cdev_qp *q = &c->qps[qp];
	struct rte_crypto_op *deq[AGW_CDEV_CHUNK];
	uint16_t enq = 0, got = 0, e, d, i;
	uint64_t deadline = 0;

	while (got < k) {
		int progress = 0;

		if (enq < k) {
			e = rte_cryptodev_enqueue_burst(c->dev_id, qp, cops + enq, k - enq);
			if (e != k - enq) {
				q->st.enq_short++;
				q->st.enq_retried += (uint64_t)(k - enq - e);
			}
			enq += e;
			q->st.enqueued += e;
			progress |= e != 0;
		}
		d = rte_cryptodev_dequeue_burst(c->dev_id, qp, deq, AGW_CDEV_CHUNK);
		q->st.dequeued += d;
		progress |= d != 0;
		for (i = 0; i < d; i++) {
			struct cdev_op_priv *p = rte_crypto_op_ctod_offset(
				deq[i], struct cdev_op_priv *, CDEV_IV_OFF);

			if (unlikely(p->tag != tag)) {
				q->st.late++;
				cdev_op_release(deq[i]);
				continue;
			}
			done[got++] = deq[i];
		}
		if (progress) {
			deadline = 0;
			continue;
		}
		if (deadline == 0) {
			deadline = rte_get_timer_cycles() + c->timeout_cycles;
		} else if (rte_get_timer_cycles() > deadline) {
			q->st.timeouts++;
			break;
		}
		rte_pause();
	}
	*n_enq = enq;
	return got;
}

/* Map a PMD status; generate/verify handling is the caller's. */
static inline uint8_t
cdev_status(const struct rte_crypto_op *cop)
{
	if (likely(cop->status == RTE_CRYPTO_OP_STATUS_SUCCESS))
		return AGW_NAS_SEC_OK;
	if (cop->status == RTE_CRYPTO_OP_STATUS_AUTH_FAILED)
		return AGW_NAS_SEC_BAD_MAC;
	return AGW_NAS_SEC_ENGINE_ERR;
}

static inline void
count_status(struct cdev_qp *q, uint8_t status)
{
	if (status == AGW_NAS_SEC_BAD_MAC)
		q->st.bad_mac++;
	else if (status == AGW_NAS_SEC_INVALID)
		q->st.invalid++;
	else if (status == AGW_NAS_SEC_ENGINE_ERR)
		q->st.engine_err++;
}

/* --- integrity ---------------------------------------------------- */

/* Check an op; on success *alg / *flags / *msgp describe it. */
static inline int
nia_check(const struct agw_cdev_nia_op *o, unsigned int *alg, unsigned int *flags, uint8_t **msgp)
{
	uint32_t len;

	if (sess_meta(o->sess, SESS_KIND_NIA, alg, flags) != 0 || o->bearer > 31 || o->dir > 1 ||
	    o->len_bits > agw_nia_max_bits(*alg) || ((*flags & SESS_F_PMD_VERIFY) && !o->verify))
		return -1;
	if (*alg == AGW_NIA2 ? (o->len_bits & 7) != 0 : o->len_bits == 0)
		return -1;
	len = nbytes(o->len_bits);
	if (o->m != NULL) {
		if (o->data_off + (uint64_t)len > rte_pktmbuf_data_len(o->m) ||
		    (*alg == AGW_NIA2 && o->data_off < AGW_NIA2_PREFIX_LEN))
			return -1;
		*msgp = rte_pktmbuf_mtod_offset(o->m, uint8_t *, o->data_off);
	} else {
		if (o->msg == NULL)
			return -1;
		*msgp = o->msg;
	}
	return 0;
}

static inline void
nia_fill(struct rte_crypto_op *cop, struct agw_cdev_nia_op *o, unsigned int alg, unsigned int flags,
	 uint8_t *msg, struct rte_mbuf *mb, uint16_t j, uint32_t tag)
{
	struct cdev_op_priv *p = rte_crypto_op_ctod_offset(cop, struct cdev_op_priv *, CDEV_IV_OFF);
	struct rte_crypto_sym_op *sym = cop->sym;
	uint32_t len = nbytes(o->len_bits);
	uint32_t pre = alg == AGW_NIA2 ? AGW_NIA2_PREFIX_LEN : 0;
	uint32_t off;

	p->tag = tag;
	p->idx = j;
	p->flags = 0;
	if (mb != NULL) {
		cdev_wrap(mb, p, msg - pre, pre + len);
		sym->m_src = mb;
		off = pre;
	} else {
		sym->m_src = o->m;
		off = o->data_off;
	}
	rte_crypto_op_attach_sym_session(cop, o->sess);
	if (alg == AGW_NIA2) {
		memcpy(p->saved, msg - pre, pre);
		nas_prefix8(msg - pre, o->count, o->bearer, o->dir);
		p->flags |= OPF_RESTORE;
		sym->auth.data.offset = off - pre;
		sym->auth.data.length = pre + len;
	} else {
		nia_iv(p->iv, alg, o->count, o->bearer, o->dir);
		sym->auth.data.offset = off << 3;
		sym->auth.data.length = o->len_bits;
	}
	if (flags & SESS_F_PMD_VERIFY)
		memcpy(p->digest, o->mac, AGW_NAS_MAC_LEN);
	sym->auth.digest.data = p->digest;
	sym->auth.digest.phys_addr = rte_crypto_op_ctophys_offset(cop, CDEV_DIGEST_OFF);
}

/* Restore the NIA2 prefix octets and release the op (unless abandoned). */
static inline void
nia_put_back(struct rte_crypto_op *cop, uint8_t *msg)
{
	struct cdev_op_priv *p = rte_crypto_op_ctod_offset(cop, struct cdev_op_priv *, CDEV_IV_OFF);

	if (p->flags & OPF_RESTORE)
		memcpy(msg - AGW_NIA2_PREFIX_LEN, p->saved, AGW_NIA2_PREFIX_LEN);
	cdev_op_release(cop);
}

static uint16_t
nia_chunk(struct agw_cdev *c, uint16_t qp, struct agw_cdev_nia_op *ops, uint16_t n)
{
	struct cdev_qp *q = &c->qps[qp];
	struct rte_crypto_op *cops[AGW_CDEV_CHUNK], *done[AGW_CDEV_CHUNK];
	struct rte_mbuf *mbs[AGW_CDEV_CHUNK];
	uint8_t *msgp[AGW_CDEV_CHUNK];
	uint8_t alg[AGW_CDEV_CHUNK], flg[AGW_CDEV_CHUNK], back[AGW_CDEV_CHUNK];
	uint16_t idx[AGW_CDEV_CHUNK];
	uint16_t i, j, k = 0, nmb = 0, mi = 0, got, enq, ok = 0;
	uint32_t tag;

	for (i = 0; i < n; i++) {
		unsigned int a, f;
		uint8_t *m;

		if (nia_check(&ops[i], &a, &f, &m) != 0) {
			ops[i].status = AGW_NAS_SEC_INVALID;
			q->st.invalid++;
			continue;
		}
		alg[k] = (uint8_t)a;
		flg[k] = (uint8_t)f;
		msgp[k] = m;
		idx[k++] = i;
		nmb += ops[i].m == NULL;
	}
	if (k == 0)
		return 0;
	if (cdev_alloc(c, cops, k, mbs, nmb) != 0) {
		q->st.alloc_fail++;
		for (j = 0; j < k; j++)
			ops[idx[j]].status = AGW_NAS_SEC_ENGINE_ERR;
		q->st.engine_err += k;
		return 0;
	}
	tag = ++q->tag;
	for (j = 0; j < k; j++) {
		struct agw_cdev_nia_op *o = &ops[idx[j]];

		nia_fill(cops[j], o, alg[j], flg[j], msgp[j], o->m == NULL ? mbs[mi++] : NULL, j,
			 tag);
		back[j] = 0;
	}

	got = cdev_run(c, qp, cops, k, tag, done, &enq);

	for (i = 0; i < got; i++) {
		struct cdev_op_priv *p =
			rte_crypto_op_ctod_offset(done[i], struct cdev_op_priv *, CDEV_IV_OFF);
		struct agw_cdev_nia_op *o;
		uint8_t st;

		j = p->idx;
		o = &ops[idx[j]];
		back[j] = 1;
		st = cdev_status(done[i]);
		if (st == AGW_NAS_SEC_OK && !(flg[j] & SESS_F_PMD_VERIFY)) {
			if (o->verify)
				st = agw_ct_equal(p->digest, o->mac, AGW_NAS_MAC_LEN)
					     ? AGW_NAS_SEC_OK
					     : AGW_NAS_SEC_BAD_MAC;
			else
				memcpy(o->mac, p->digest, AGW_NAS_MAC_LEN);
		}
		o->status = st;
		ok += st == AGW_NAS_SEC_OK;
		count_status(q, st);
		nia_put_back(done[i], msgp[j]);
	}
	if (unlikely(got != k)) {
		/* Timeout: never-enqueued ops are still ours; enqueued ones
		 * stay with the device and are freed when it returns them. */
		for (j = 0; j < k; j++) {
			if (back[j])
				continue;
			ops[idx[j]].status = AGW_NAS_SEC_ENGINE_ERR;
			q->st.engine_err++;
			if (j >= enq)
				nia_put_back(cops[j], msgp[j]);
		}
	}
	return ok;
}

uint16_t
agw_cdev_nia_burst(struct agw_cdev *c, uint16_t qp, struct agw_cdev_nia_op *ops, uint16_t n)
{
	uint16_t ok = 0, done = 0, m;

	if (unlikely(c == NULL || qp >= c->nb_qp || ops == NULL)) {
		for (uint16_t i = 0; ops != NULL && i < n; i++)
			ops[i].status = AGW_NAS_SEC_INVALID;
		return 0;
	}
	while (done < n) {
		m = RTE_MIN(n - done, AGW_CDEV_CHUNK);
		ok += nia_chunk(c, qp, ops + done, m);
		done += m;
	}
	return ok;
}

/* --- ciphering ---------------------------------------------------- */

static inline int
nea_check(const struct agw_cdev_nea_op *o, unsigned int *alg, uint8_t **datap)
{
	unsigned int flags;

	if (sess_meta(o->sess, SESS_KIND_NEA, alg, &flags) != 0 || o->bearer > 31 || o->dir > 1 ||
	    o->len_bits > agw_nea_max_bits(*alg))
		return -1;
	if (o->m != NULL) {
		if (o->data_off + (uint64_t)nbytes(o->len_bits) > rte_pktmbuf_data_len(o->m))
			return -1;
		*datap = rte_pktmbuf_mtod_offset(o->m, uint8_t *, o->data_off);
	} else {
		if (o->in == NULL || o->out == NULL)
			return -1;
		*datap = o->out;
	}
	return 0;
}

static inline void
nea_fill(struct rte_crypto_op *cop, struct agw_cdev_nea_op *o, unsigned int alg, uint8_t *data,
	 struct rte_mbuf *mb, uint16_t j, uint32_t tag)
{
	struct cdev_op_priv *p = rte_crypto_op_ctod_offset(cop, struct cdev_op_priv *, CDEV_IV_OFF);
	struct rte_crypto_sym_op *sym = cop->sym;
	uint32_t len = nbytes(o->len_bits);
	uint32_t off;

	p->tag = tag;
	p->idx = j;
	p->flags = 0;
	if (mb != NULL) {
		if (o->in != data)
			memcpy(data, o->in, len);
		cdev_wrap(mb, p, data, len);
		sym->m_src = mb;
		off = 0;
	} else {
		sym->m_src = o->m;
		off = o->data_off;
	}
	rte_crypto_op_attach_sym_session(cop, o->sess);
	nea_iv(p->iv, alg, o->count, o->bearer, o->dir);
	/* Whole octets; SNOW 3G and ZUC count in bits. */
	if (alg == AGW_NEA2) {
		sym->cipher.data.offset = off;
		sym->cipher.data.length = len;
	} else {
		sym->cipher.data.offset = off << 3;
		sym->cipher.data.length = len << 3;
	}
}

static uint16_t
nea_chunk(struct agw_cdev *c, uint16_t qp, struct agw_cdev_nea_op *ops, uint16_t n)
{
	struct cdev_qp *q = &c->qps[qp];
	struct rte_crypto_op *cops[AGW_CDEV_CHUNK], *done[AGW_CDEV_CHUNK];
	struct rte_mbuf *mbs[AGW_CDEV_CHUNK];
	uint8_t *datap[AGW_CDEV_CHUNK];
	uint8_t alg[AGW_CDEV_CHUNK], back[AGW_CDEV_CHUNK];
	uint16_t idx[AGW_CDEV_CHUNK];
	uint16_t i, j, k = 0, nmb = 0, mi = 0, got, enq, ok = 0;
	uint32_t tag;

	for (i = 0; i < n; i++) {
		unsigned int a;
		uint8_t *d;

		if (nea_check(&ops[i], &a, &d) != 0) {
			ops[i].status = AGW_NAS_SEC_INVALID;
			q->st.invalid++;
			continue;
		}
		if (ops[i].len_bits == 0) {
			ops[i].status = AGW_NAS_SEC_OK;
			ok++;
			continue;
		}
		alg[k] = (uint8_t)a;
		datap[k] = d;
		idx[k++] = i;
		nmb += ops[i].m == NULL;
	}
	if (k == 0)
		return ok;
	if (cdev_alloc(c, cops, k, mbs, nmb) != 0) {
		q->st.alloc_fail++;
		for (j = 0; j < k; j++)
			ops[idx[j]].status = AGW_NAS_SEC_ENGINE_ERR;
		q->st.engine_err += k;
		return ok;
	}
	tag = ++q->tag;
	for (j = 0; j < k; j++) {
		struct agw_cdev_nea_op *o = &ops[idx[j]];

		nea_fill(cops[j], o, alg[j], datap[j], o->m == NULL ? mbs[mi++] : NULL, j, tag);
		back[j] = 0;
	}

	got = cdev_run(c, qp, cops, k, tag, done, &enq);

	for (i = 0; i < got; i++) {
		struct cdev_op_priv *p =
			rte_crypto_op_ctod_offset(done[i], struct cdev_op_priv *, CDEV_IV_OFF);
		struct agw_cdev_nea_op *o;
		uint8_t st;

		j = p->idx;
		o = &ops[idx[j]];
		back[j] = 1;
		st = cdev_status(done[i]);
		if (st == AGW_NAS_SEC_BAD_MAC) /* not expected for a cipher */
			st = AGW_NAS_SEC_ENGINE_ERR;
		if (st == AGW_NAS_SEC_OK && (o->len_bits & 7) != 0)
			datap[j][o->len_bits / 8] &= (uint8_t)(0xff00u >> (o->len_bits & 7));
		o->status = st;
		ok += st == AGW_NAS_SEC_OK;
		count_status(q, st);
		cdev_op_release(done[i]);
	}
	if (unlikely(got != k)) {
		for (j = 0; j < k; j++) {
			if (back[j])
				continue;
			ops[idx[j]].status = AGW_NAS_SEC_ENGINE_ERR;
			q->st.engine_err++;
			if (j >= enq)
				cdev_op_release(cops[j]);
		}
	}
	return ok;
}

uint16_t
agw_cdev_nea_burst(struct agw_cdev *c, uint16_t qp, struct agw_cdev_nea_op *ops, uint16_t n)
{
	uint16_t ok = 0, done = 0, m;

	if (unlikely(c == NULL || qp >= c->nb_qp || ops == NULL)) {
		for (uint16_t i = 0; ops != NULL && i < n; i++)
			ops[i].status = AGW_NAS_SEC_INVALID;
		return 0;
	}
	while (done < n) {
		m = RTE_MIN(n - done, AGW_CDEV_CHUNK);
		ok += nea_chunk(c, qp, ops + done, m);
		done += m;
	}
	return ok;
}
