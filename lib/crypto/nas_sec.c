/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * 128-NIA0/1/2/3 and 128-NEA0/1/2/3 on Intel IPsec-MB (agw_nas_sec.h).
 *
 * Every operation, single or burst, becomes one IPsec-MB job. The per-job
 * IV and, when verifying, the computed MAC live in a ring of slots in the
 * engine: the job manager keeps at most IMB_MAX_JOBS jobs in flight and
 * returns them in submission order, so a ring of twice that size is never
 * overrun. Completed jobs are mapped back to their operation through
 * job->user_data.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <intel-ipsec-mb.h>

#include "agw_nas_sec.h"
#include "agw_util.h"

/** IV/tag slots; must exceed the jobs a manager keeps in flight. */
#define NAS_SLOTS (2 * IMB_MAX_JOBS)
/**
 * The single-message API copies NIA2 (prefix + message) and NEA3 inputs
 * here, so that IPsec-MB's whole-block loads stay inside the engine.
 */
#define NAS_SCRATCH_LEN \
	(AGW_NIA2_PREFIX_LEN + (AGW_NAS_SEC_NIA2_MAX_BITS + 7) / 8 + AGW_NAS_SEC_TAILROOM)
/** Burst ops whose key is prefetched ahead of the one being submitted. */
#define NAS_PREFETCH 4
#define NAS_IV_LEN 16
#define NAS_MAX_BITS ((uint32_t)AGW_NAS_SEC_MAX_MSG * 8)

/*
 * Every job is validated before it is built (nia_check(), nea_check():
 * key, pointers, algorithm and the IPsec-MB length limits), so release
 * builds skip IPsec-MB's own checks, which cost 25-35 cycles a job (about
 * a third of a 32-octet NEA2); DPDK's aesni_mb PMD does the same. Debug
 * builds keep them as a second line of defence.
 */
#ifdef NDEBUG
#define NAS_SUBMIT_JOB(mgr) IMB_SUBMIT_JOB_NOCHECK(mgr)
#else
#define NAS_SUBMIT_JOB(mgr) IMB_SUBMIT_JOB(mgr)
#endif

_Static_assert(sizeof(snow3g_key_schedule_t) <= sizeof(((struct agw_nia_key *)0)->u.raw),
	       "SNOW 3G key schedule does not fit agw_nia_key.u.raw");
_Static_assert(NAS_SLOTS > IMB_MAX_JOBS, "slot ring smaller than the job ring");
_Static_assert(NAS_SCRATCH_LEN >= AGW_NAS_SEC_ZUC_MAX_BITS / 8 + AGW_NAS_SEC_TAILROOM,
	       "scratch too small for a NEA3 message");

struct nas_slot {
	uint8_t iv[NAS_IV_LEN];       /**< IV of the job using the slot */
	uint8_t tag[AGW_NAS_MAC_LEN]; /**< computed MAC, verify only */
	uint8_t pad[12];
} __attribute__((aligned(16)));

struct agw_nas_sec_engine {
	IMB_MGR *mgr;     /**< in mgr_mem */
	void *mgr_mem;    /**< our allocation, zeroised on free */
	size_t mgr_size;
	IMB_ARCH arch;
	uint32_t seq;     /**< next slot */
	struct nas_slot slot[NAS_SLOTS];
	uint8_t scratch[NAS_SCRATCH_LEN] __attribute__((aligned(64)));
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static inline void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint32_t
bits_to_bytes(uint32_t bits)
{
	return (bits + 7) / 8;
}

/* Clear the bits of the last octet that lie past len_bits. */
static inline void
mask_tail(uint8_t *buf, uint32_t len_bits)
{
	if (len_bits & 7)
		buf[len_bits / 8] &= (uint8_t)(0xff00 >> (len_bits & 7));
}

static inline struct nas_slot *
slot_next(struct agw_nas_sec_engine *eng)
{
	return &eng->slot[eng->seq++ % NAS_SLOTS];
}

static inline void
prefetch_key(const void *key, size_t size)
{
	const char *p = key;
	size_t off;

	for (off = 0; off < size; off += 64)
		__builtin_prefetch(p + off, 0, 3);
}

/* ------------------------------------------------------------------ */
/* IV and prefix layouts                                               */
/* ------------------------------------------------------------------ */

/*
 * 128-NEA2 initial counter block, TS 33.401 B.1.3 (TS 33.501 D.2.1.3):
 *   T1 = COUNT[0..31] | BEARER[0..4] | DIRECTION | 0^26 | 0^64.
 * Its first 8 octets are also the 128-NIA2 prefix, TS 33.401 B.2.3
 * (TS 33.501 D.3.1.3): M = COUNT | BEARER | DIRECTION | 0^26 | MESSAGE.
 */
static void
nas_prefix8(uint8_t p[8], uint32_t count, uint8_t bearer, uint8_t dir)
{
	put_be32(p, count);
	p[4] = (uint8_t)((bearer << 3) | (dir << 2));
	p[5] = 0;
	p[6] = 0;
	p[7] = 0;
}

static void
iv_nea2(uint8_t iv[NAS_IV_LEN], uint32_t count, uint8_t bearer, uint8_t dir)
{
	nas_prefix8(iv, count, bearer, dir);
	memset(iv + 8, 0, 8);
}

/*
 * 128-NEA1, TS 33.401 B.1.2 (TS 33.501 D.2.1.2): UEA2 (TS 35.215) with the
 * 5-bit BEARER; its IV is
 *   IV[127..96] = COUNT, IV[95..64] = BEARER | DIRECTION | 0^26,
 *   IV[63..32]  = COUNT, IV[31..0]  = BEARER | DIRECTION | 0^26.
 * 128-NEA3, TS 33.401 B.1.4 (TS 33.501 D.2.1.4), 128-EEA3 initialisation
 * (TS 35.221): IV[0..3] = COUNT, IV[4] = BEARER << 3 | DIRECTION << 2,
 * IV[5..7] = 0, IV[8..15] = IV[0..7]. Both are the same 16 octets.
 */
static void
iv_nea13(uint8_t iv[NAS_IV_LEN], uint32_t count, uint8_t bearer, uint8_t dir)
{
	nas_prefix8(iv, count, bearer, dir);
	memcpy(iv + 8, iv, 8);
}

/*
 * 128-NIA1, TS 33.401 B.2.2 (TS 33.501 D.3.1.2): UIA2 (TS 35.215) with
 * FRESH = BEARER[0..4] | 0^27; the UIA2 IV is
 *   IV[127..96] = COUNT, IV[95..64] = FRESH,
 *   IV[63..32]  = DIRECTION << 31 ^ COUNT,
 *   IV[31..0]   = FRESH ^ DIRECTION << 15.
 */
static void
iv_nia1(uint8_t iv[NAS_IV_LEN], uint32_t count, uint8_t bearer, uint8_t dir)
{
	uint32_t fresh = (uint32_t)bearer << 27;

	put_be32(iv, count);
	put_be32(iv + 4, fresh);
	put_be32(iv + 8, count ^ ((uint32_t)dir << 31));
	put_be32(iv + 12, fresh ^ ((uint32_t)dir << 15));
}

/*
 * 128-NIA3, TS 33.401 B.2.4 (TS 33.501 D.3.1.4), 128-EIA3 initialisation
 * (TS 35.221): IV[0..3] = COUNT, IV[4] = BEARER << 3, IV[5..7] = 0,
 * IV[8] = IV[0] ^ DIRECTION << 7, IV[9..13] = IV[1..5],
 * IV[14] = IV[6] ^ DIRECTION << 7, IV[15] = IV[7].
 */
static void
iv_nia3(uint8_t iv[NAS_IV_LEN], uint32_t count, uint8_t bearer, uint8_t dir)
{
	put_be32(iv, count);
	iv[4] = (uint8_t)(bearer << 3);
	memset(iv + 5, 0, 3);
	memcpy(iv + 8, iv, 8);
	iv[8] ^= (uint8_t)(dir << 7);
	iv[14] ^= (uint8_t)(dir << 7);
}

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

/*
 * The IMB_MGR lives in memory we allocate (imb_set_pointers_mb_mgr), not
 * alloc_mb_mgr()'s, so that it can be zeroised on free: its out-of-order
 * lanes keep SNOW 3G / ZUC state, from which the key can be recovered.
 */
static int
engine_mgr_init(struct agw_nas_sec_engine *eng)
{
	eng->mgr_size = imb_get_mb_mgr_size();
	if (posix_memalign(&eng->mgr_mem, 64, eng->mgr_size) != 0)
		return -ENOMEM;
	eng->mgr = imb_set_pointers_mb_mgr(eng->mgr_mem, 0, 1);
	if (eng->mgr == NULL || imb_get_errno(eng->mgr) != 0)
		return -ENOTSUP;
	init_mb_mgr_auto(eng->mgr, &eng->arch);
	if (imb_get_errno(eng->mgr) != 0 || eng->arch == IMB_ARCH_NONE)
		return -ENOTSUP;
	return 0;
}

struct agw_nas_sec_engine *
agw_nas_sec_engine_create(void)
{
	struct agw_nas_sec_engine *eng;
	void *mem;
	int rc;

	if (posix_memalign(&mem, 64, sizeof(*eng)) != 0) {
		errno = ENOMEM;
		return NULL;
	}
	eng = mem;
	memset(eng, 0, sizeof(*eng));
	rc = engine_mgr_init(eng);
	if (rc != 0) {
		agw_nas_sec_engine_free(eng);
		errno = -rc;
		return NULL;
	}
	return eng;
}

void
agw_nas_sec_engine_free(struct agw_nas_sec_engine *eng)
{
	if (eng == NULL)
		return;
	if (eng->mgr_mem != NULL) {
		agw_memzero(eng->mgr_mem, eng->mgr_size);
		free(eng->mgr_mem);
	}
	agw_memzero(eng, sizeof(*eng));
	free(eng);
}

const char *
agw_nas_sec_engine_arch(const struct agw_nas_sec_engine *eng)
{
	if (eng == NULL)
		return "none";
	switch (eng->arch) {
	case IMB_ARCH_NOAESNI:
		return "noaesni";
	case IMB_ARCH_SSE:
		return "sse";
	case IMB_ARCH_AVX:
		return "avx";
	case IMB_ARCH_AVX2:
		return "avx2";
	case IMB_ARCH_AVX512:
		return "avx512";
	default:
		return "none";
	}
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

uint32_t
agw_nia_max_bits(unsigned int alg)
{
	switch (alg) {
	case AGW_NIA0:
	case AGW_NIA1:
		return NAS_MAX_BITS;
	case AGW_NIA2:
		return AGW_NAS_SEC_NIA2_MAX_BITS;
	case AGW_NIA3:
		return AGW_NAS_SEC_ZUC_MAX_BITS;
	default:
		return 0;
	}
}

uint32_t
agw_nea_max_bits(unsigned int alg)
{
	switch (alg) {
	case AGW_NEA0:
	case AGW_NEA1:
	case AGW_NEA2:
		return NAS_MAX_BITS;
	case AGW_NEA3:
		return AGW_NAS_SEC_ZUC_MAX_BITS;
	default:
		return 0;
	}
}

/* AES-128 encryption schedule; the decryption one is not needed. */
static void
aes128_expand(IMB_MGR *mgr, const uint8_t key[AGW_NAS_KEY_LEN], uint32_t enc[44])
{
	uint32_t dec[44] __attribute__((aligned(16)));

	IMB_AES_KEYEXP_128(mgr, key, enc, dec);
	agw_memzero(dec, sizeof(dec));
}

int
agw_nia_key_init(struct agw_nas_sec_engine *eng, struct agw_nia_key *out, unsigned int alg,
		 const uint8_t key[AGW_NAS_KEY_LEN])
{
	if (eng == NULL || out == NULL || agw_nia_max_bits(alg) == 0 ||
	    (alg != AGW_NIA0 && key == NULL))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->alg = (uint8_t)alg;
	switch (alg) {
	case AGW_NIA1:
		if (IMB_SNOW3G_INIT_KEY_SCHED(eng->mgr, key,
					      (snow3g_key_schedule_t *)out->u.raw) != 0)
			goto fail;
		break;
	case AGW_NIA2:
		aes128_expand(eng->mgr, key, out->u.cmac.enc_keys);
		IMB_AES_CMAC_SUBKEY_GEN_128(eng->mgr, out->u.cmac.enc_keys, out->u.cmac.k1,
					    out->u.cmac.k2);
		break;
	case AGW_NIA3:
		memcpy(out->u.raw, key, AGW_NAS_KEY_LEN);
		break;
	default:
		break;
	}
	return 0;
fail:
	agw_nia_key_clear(out);
	return -EINVAL;
}

int
agw_nea_key_init(struct agw_nas_sec_engine *eng, struct agw_nea_key *out, unsigned int alg,
		 const uint8_t key[AGW_NAS_KEY_LEN])
{
	if (eng == NULL || out == NULL || agw_nea_max_bits(alg) == 0 ||
	    (alg != AGW_NEA0 && key == NULL))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->alg = (uint8_t)alg;
	switch (alg) {
	case AGW_NEA1:
		if (IMB_SNOW3G_INIT_KEY_SCHED(eng->mgr, key,
					      (snow3g_key_schedule_t *)out->u.raw) != 0)
			goto fail;
		break;
	case AGW_NEA2:
		aes128_expand(eng->mgr, key, out->u.enc_keys);
		break;
	case AGW_NEA3:
		memcpy(out->u.raw, key, AGW_NAS_KEY_LEN);
		break;
	default:
		break;
	}
	return 0;
fail:
	agw_nea_key_clear(out);
	return -EINVAL;
}

void
agw_nia_key_clear(struct agw_nia_key *key)
{
	agw_memzero(key, key != NULL ? sizeof(*key) : 0);
}

void
agw_nea_key_clear(struct agw_nea_key *key)
{
	agw_memzero(key, key != NULL ? sizeof(*key) : 0);
}

/* ------------------------------------------------------------------ */
/* Jobs                                                                */
/* ------------------------------------------------------------------ */

/* Fields common to all our jobs; the algorithm fills in the rest. */
static void
job_base(IMB_JOB *job, const uint8_t *src, uint8_t *dst, void *op, void *slot)
{
	job->src = src;
	job->dst = dst;
	job->cipher_mode = IMB_CIPHER_NULL;
	job->hash_alg = IMB_AUTH_NULL;
	job->cipher_direction = IMB_DIR_ENCRYPT;
	job->chain_order = IMB_ORDER_CIPHER_HASH;
	job->cipher_start_src_offset_in_bits = 0;
	job->hash_start_src_offset_in_bytes = 0;
	job->msg_len_to_cipher_in_bits = 0;
	job->msg_len_to_hash_in_bits = 0;
	job->iv_len_in_bytes = 0;
	job->auth_tag_output = NULL;
	job->auth_tag_output_len_in_bytes = 0;
	job->user_data = op;
	job->user_data2 = slot;
}

/*
 * Integrity job over @p data (for NIA2: prefix + message, @p bits
 * including the prefix), MAC to @p tag.
 */
static void
nia_job(IMB_JOB *job, struct agw_nia_op *op, struct nas_slot *slot, const uint8_t *data,
	uint32_t bits, uint8_t *tag)
{
	const struct agw_nia_key *key = op->key;

	job_base(job, data, NULL, op, slot);
	job->msg_len_to_hash_in_bits = bits;
	job->auth_tag_output = tag;
	job->auth_tag_output_len_in_bytes = AGW_NAS_MAC_LEN;
	switch (key->alg) {
	case AGW_NIA1:
		iv_nia1(slot->iv, op->count, op->bearer, op->dir);
		job->hash_alg = IMB_AUTH_SNOW3G_UIA2_BITLEN;
		job->u.SNOW3G_UIA2._key = key->u.raw;
		job->u.SNOW3G_UIA2._iv = slot->iv;
		break;
	case AGW_NIA2:
		job->hash_alg = IMB_AUTH_AES_CMAC_BITLEN;
		job->u.CMAC._key_expanded = key->u.cmac.enc_keys;
		job->u.CMAC._skey1 = key->u.cmac.k1;
		job->u.CMAC._skey2 = key->u.cmac.k2;
		break;
	default: /* AGW_NIA3 */
		iv_nia3(slot->iv, op->count, op->bearer, op->dir);
		job->hash_alg = IMB_AUTH_ZUC_EIA3_BITLEN;
		job->u.ZUC_EIA3._key = key->u.raw;
		job->u.ZUC_EIA3._iv = slot->iv;
		job->u.ZUC_EIA3._iv23 = NULL;
		break;
	}
}

static void
nea_job(IMB_JOB *job, struct agw_nea_op *op, struct nas_slot *slot)
{
	const struct agw_nea_key *key = op->key;

	job_base(job, op->in, op->out, op, slot);
	job->key_len_in_bytes = AGW_NAS_KEY_LEN;
	job->iv = slot->iv;
	job->iv_len_in_bytes = NAS_IV_LEN;
	switch (key->alg) {
	case AGW_NEA1:
		/*
		 * Whole octets: for a length that is not a multiple of 8,
		 * IPsec-MB 1.3 reads and writes the octet after the message.
		 * The extra keystream bits are masked off on completion.
		 */
		iv_nea13(slot->iv, op->count, op->bearer, op->dir);
		job->cipher_mode = IMB_CIPHER_SNOW3G_UEA2_BITLEN;
		job->enc_keys = key->u.raw;
		job->msg_len_to_cipher_in_bits = 8 * bits_to_bytes(op->len_bits);
		break;
	case AGW_NEA2:
		iv_nea2(slot->iv, op->count, op->bearer, op->dir);
		job->cipher_mode = IMB_CIPHER_CNTR_BITLEN;
		job->enc_keys = key->u.enc_keys;
		job->dec_keys = key->u.enc_keys;
		job->msg_len_to_cipher_in_bits = op->len_bits;
		break;
	default: /* AGW_NEA3: byte API, the tail is masked on completion */
		iv_nea13(slot->iv, op->count, op->bearer, op->dir);
		job->cipher_mode = IMB_CIPHER_ZUC_EEA3;
		job->enc_keys = key->u.raw;
		job->msg_len_to_cipher_in_bytes = bits_to_bytes(op->len_bits);
		break;
	}
}

static void
nia_done(IMB_JOB *job)
{
	struct agw_nia_op *op = job->user_data;
	const struct nas_slot *slot = job->user_data2;

	if (job->status != IMB_STATUS_COMPLETED)
		op->status = AGW_NAS_SEC_ENGINE_ERR;
	else if (!op->verify)
		op->status = AGW_NAS_SEC_OK;
	else if (agw_ct_equal(slot->tag, op->mac, AGW_NAS_MAC_LEN))
		op->status = AGW_NAS_SEC_OK;
	else
		op->status = AGW_NAS_SEC_BAD_MAC;
}

static void
nea_done(IMB_JOB *job)
{
	struct agw_nea_op *op = job->user_data;

	if (job->status != IMB_STATUS_COMPLETED) {
		op->status = AGW_NAS_SEC_ENGINE_ERR;
		return;
	}
	mask_tail(op->out, op->len_bits);
	op->status = AGW_NAS_SEC_OK;
}

static inline void
job_done(IMB_JOB *job)
{
	if (job->hash_alg != IMB_AUTH_NULL)
		nia_done(job);
	else
		nea_done(job);
}

/* Submit the job taken with IMB_GET_NEXT_JOB; finish what completes. */
static void
job_submit(IMB_MGR *mgr)
{
	IMB_JOB *job = NAS_SUBMIT_JOB(mgr);

	while (job != NULL) {
		job_done(job);
		job = IMB_GET_COMPLETED_JOB(mgr);
	}
}

static void
jobs_drain(IMB_MGR *mgr)
{
	IMB_JOB *job;

	while ((job = IMB_FLUSH_JOB(mgr)) != NULL)
		job_done(job);
}

/* ------------------------------------------------------------------ */
/* Integrity                                                           */
/* ------------------------------------------------------------------ */

static int
nia_check(const struct agw_nia_key *key, const uint8_t *msg, uint8_t bearer, uint8_t dir,
	  uint32_t len_bits)
{
	uint32_t max;

	if (key == NULL || msg == NULL || bearer > 31 || dir > 1)
		return -EINVAL;
	max = agw_nia_max_bits(key->alg);
	if (max == 0 || len_bits > max)
		return -EINVAL;
	if (len_bits == 0 && (key->alg == AGW_NIA1 || key->alg == AGW_NIA3))
		return -EINVAL;
	return 0;
}

/* NIA0 (TS 33.501 D.1, TS 33.401 B.0): the MAC is 32 zero bits. */
static void
nia0_run(struct agw_nia_op *op)
{
	static const uint8_t zero[AGW_NAS_MAC_LEN];

	if (!op->verify) {
		memset(op->mac, 0, AGW_NAS_MAC_LEN);
		op->status = AGW_NAS_SEC_OK;
	} else {
		op->status = agw_ct_equal(op->mac, zero, AGW_NAS_MAC_LEN) ?
			AGW_NAS_SEC_OK : AGW_NAS_SEC_BAD_MAC;
	}
}

/*
 * Start one integrity op over @p data / @p bits (NIA2: prefix included,
 * already written). The status is set now or when the job completes.
 */
static void
nia_start(struct agw_nas_sec_engine *eng, struct agw_nia_op *op, const uint8_t *data,
	  uint32_t bits)
{
	struct nas_slot *slot;
	IMB_JOB *job;

	if (op->key->alg == AGW_NIA0) {
		nia0_run(op);
		return;
	}
	slot = slot_next(eng);
	job = IMB_GET_NEXT_JOB(eng->mgr);
	nia_job(job, op, slot, data, bits, op->verify ? slot->tag : op->mac);
	job_submit(eng->mgr);
}

/* Burst form: the NIA2 prefix goes into the headroom before op->msg. */
static void
nia_burst_one(struct agw_nas_sec_engine *eng, struct agw_nia_op *op)
{
	uint8_t *pre;

	if (nia_check(op->key, op->msg, op->bearer, op->dir, op->len_bits) != 0) {
		op->status = AGW_NAS_SEC_INVALID;
		return;
	}
	if (op->key->alg != AGW_NIA2) {
		nia_start(eng, op, op->msg, op->len_bits);
		return;
	}
	pre = op->msg - AGW_NIA2_PREFIX_LEN;
	nas_prefix8(pre, op->count, op->bearer, op->dir);
	nia_start(eng, op, pre, op->len_bits + 8 * AGW_NIA2_PREFIX_LEN);
}

uint16_t
agw_nia_burst(struct agw_nas_sec_engine *eng, struct agw_nia_op *ops, uint16_t n)
{
	uint16_t i, ok = 0;

	if (ops == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (eng == NULL) {
			ops[i].status = AGW_NAS_SEC_INVALID;
			continue;
		}
		if (i + NAS_PREFETCH < n)
			prefetch_key(ops[i + NAS_PREFETCH].key, sizeof(struct agw_nia_key));
		nia_burst_one(eng, &ops[i]);
	}
	if (eng != NULL)
		jobs_drain(eng->mgr);
	for (i = 0; i < n; i++)
		ok += ops[i].status == AGW_NAS_SEC_OK;
	return ok;
}

/* Single-message form: NIA2 copies prefix + message into the scratch. */
static int
nia_single(struct agw_nas_sec_engine *eng, struct agw_nia_op *op, const uint8_t *msg)
{
	uint32_t bits = op->len_bits;
	int rc;

	rc = nia_check(op->key, msg, op->bearer, op->dir, bits);
	if (rc != 0 || eng == NULL)
		return -EINVAL;
	if (op->key->alg == AGW_NIA2) {
		nas_prefix8(eng->scratch, op->count, op->bearer, op->dir);
		memcpy(eng->scratch + AGW_NIA2_PREFIX_LEN, msg, bits_to_bytes(bits));
		nia_start(eng, op, eng->scratch, bits + 8 * AGW_NIA2_PREFIX_LEN);
	} else {
		nia_start(eng, op, msg, bits);
	}
	jobs_drain(eng->mgr);
	return op->status == AGW_NAS_SEC_ENGINE_ERR ? -EIO : 0;
}

static void
nia_op_set(struct agw_nia_op *op, const struct agw_nia_key *key, uint32_t count,
	   uint8_t bearer, uint8_t dir, uint32_t len_bits)
{
	memset(op, 0, sizeof(*op));
	op->key = key;
	op->count = count;
	op->bearer = bearer;
	op->dir = dir;
	op->len_bits = len_bits;
}

int
agw_nia_compute(struct agw_nas_sec_engine *eng, const struct agw_nia_key *key, uint32_t count,
		uint8_t bearer, uint8_t dir, const uint8_t *msg, uint32_t len_bits,
		uint8_t mac[AGW_NAS_MAC_LEN])
{
	struct agw_nia_op op;
	int rc;

	if (mac == NULL)
		return -EINVAL;
	nia_op_set(&op, key, count, bearer, dir, len_bits);
	rc = nia_single(eng, &op, msg);
	if (rc == 0)
		memcpy(mac, op.mac, AGW_NAS_MAC_LEN);
	return rc;
}

int
agw_nia_verify(struct agw_nas_sec_engine *eng, const struct agw_nia_key *key, uint32_t count,
	       uint8_t bearer, uint8_t dir, const uint8_t *msg, uint32_t len_bits,
	       const uint8_t mac[AGW_NAS_MAC_LEN])
{
	struct agw_nia_op op;
	int rc;

	if (mac == NULL)
		return -EINVAL;
	nia_op_set(&op, key, count, bearer, dir, len_bits);
	op.verify = 1;
	memcpy(op.mac, mac, AGW_NAS_MAC_LEN);
	rc = nia_single(eng, &op, msg);
	if (rc != 0)
		return rc;
	return op.status == AGW_NAS_SEC_OK ? 0 : -EBADMSG;
}

/* ------------------------------------------------------------------ */
/* Ciphering                                                           */
/* ------------------------------------------------------------------ */

static int
nea_check(const struct agw_nea_op *op)
{
	uint32_t max;

	if (op->key == NULL || op->in == NULL || op->out == NULL || op->bearer > 31 ||
	    op->dir > 1)
		return -EINVAL;
	max = agw_nea_max_bits(op->key->alg);
	if (max == 0 || op->len_bits > max)
		return -EINVAL;
	return 0;
}

/* Start one ciphering op; the status is set now or on completion. */
static void
nea_start(struct agw_nas_sec_engine *eng, struct agw_nea_op *op)
{
	IMB_JOB *job;

	if (nea_check(op) != 0) {
		op->status = AGW_NAS_SEC_INVALID;
		return;
	}
	if (op->len_bits == 0) {
		op->status = AGW_NAS_SEC_OK;
		return;
	}
	if (op->key->alg == AGW_NEA0) {
		/* NEA0 (TS 33.501 D.1, TS 33.401 B.0): keystream of zeros. */
		memmove(op->out, op->in, bits_to_bytes(op->len_bits));
		mask_tail(op->out, op->len_bits);
		op->status = AGW_NAS_SEC_OK;
		return;
	}
	job = IMB_GET_NEXT_JOB(eng->mgr);
	nea_job(job, op, slot_next(eng));
	job_submit(eng->mgr);
}

uint16_t
agw_nea_burst(struct agw_nas_sec_engine *eng, struct agw_nea_op *ops, uint16_t n)
{
	uint16_t i, ok = 0;

	if (ops == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (eng == NULL) {
			ops[i].status = AGW_NAS_SEC_INVALID;
			continue;
		}
		if (i + NAS_PREFETCH < n)
			prefetch_key(ops[i + NAS_PREFETCH].key, sizeof(struct agw_nea_key));
		nea_start(eng, &ops[i]);
	}
	if (eng != NULL)
		jobs_drain(eng->mgr);
	for (i = 0; i < n; i++)
		ok += ops[i].status == AGW_NAS_SEC_OK;
	return ok;
}

int
agw_nea_apply(struct agw_nas_sec_engine *eng, const struct agw_nea_key *key, uint32_t count,
	      uint8_t bearer, uint8_t dir, const uint8_t *in, uint8_t *out, uint32_t len_bits)
{
	struct agw_nea_op op = {
		.key = key, .in = in, .out = out, .len_bits = len_bits,
		.count = count, .bearer = bearer, .dir = dir,
	};

	if (eng == NULL || nea_check(&op) != 0)
		return -EINVAL;
	if (key->alg == AGW_NEA3) {
		memcpy(eng->scratch, in, bits_to_bytes(len_bits));
		op.in = eng->scratch;
	}
	nea_start(eng, &op);
	jobs_drain(eng->mgr);
	return op.status == AGW_NAS_SEC_OK ? 0 : -EIO;
}
