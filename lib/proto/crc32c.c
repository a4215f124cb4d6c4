/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * CRC32c (Castagnoli; RFC 3309, RFC 4960 appendix B): agw_crc32c() and
 * the SCTP checksum agw_sctp_csum(). Four ways to the same value, chosen by
 * length and by what the CPU has (agw_crc32c_use_fast(), at start-up):
 *
 *   portable   DPDK's rte_hash_crc (crc32 instruction or table), one chain;
 *   three-way  three crc32 chains combined with PCLMULQDQ, from 128 octets
 *              (SSE4.2 + PCLMULQDQ);
 *   folding    VPCLMULQDQ on 512-bit registers, four accumulators folded
 *              256 octets at a time, then each of the last 32 blocks times
 *              the constant of its distance from the end; from 512 octets
 *              (AVX-512F/VL/BW + VPCLMULQDQ), from 1025 with the direct one;
 *   direct     every block times the constant of its distance from the end,
 *              nothing folded, loads anchored at the start of the buffer;
 *              128..1024 octets (same CPU features).
 *
 * The build's baseline (meson option cpu_baseline) has none of SSE4.2's
 * successors: the vector paths sit in functions with target attributes
 * and run only when CPUID says the CPU has what they use.
 */
#include <string.h>

#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_hash_crc.h>

#include "agw_net.h"

/* The SCTP common header; octets 8..11 are the checksum. */
#define SCTP_HDR_LEN 12

/*
 * CRC32c with DPDK's rte_hash_crc_*: these compute the reflected
 * Castagnoli polynomial 0x1edc6f41 with the crc32 instruction (or a table)
 * and no final inversion. Octets are loaded with memcpy so that unaligned
 * input is fine; the 8/4-octet steps equal byte-wise processing only on a
 * little-endian host.
 */
static uint32_t
crc32c_update(uint32_t crc, const uint8_t *p, size_t n)
{
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
	while (n >= 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		crc = rte_hash_crc_8byte(v, crc);
		p += 8;
		n -= 8;
	}
	if (n >= 4) {
		uint32_t v;

		memcpy(&v, p, 4);
		crc = rte_hash_crc_4byte(v, crc);
		p += 4;
		n -= 4;
	}
#endif
	while (n-- > 0)
		crc = rte_hash_crc_1byte(*p++, crc);
	return crc;
}

/* Portable path: CRC over @p n octets, octets 8..11 taken as zero if @p csum_zero. */
static uint32_t
crc32c_serial(uint32_t crc, const uint8_t *p, size_t n, int csum_zero)
{
	static const uint8_t zero[4];

	if (!csum_zero)
		return crc32c_update(crc, p, n);
	crc = crc32c_update(crc, p, 8);
	crc = crc32c_update(crc, zero, 4);
	return crc32c_update(crc, p + SCTP_HDR_LEN, n - SCTP_HDR_LEN);
}

#if defined(RTE_ARCH_X86_64) && RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
#define CRC32C_3WAY 1
#include <immintrin.h>
#endif

#ifdef CRC32C_3WAY
/*
 * Three crc32 chains over three consecutive parts A, B, C of the buffer,
 * combined with carry-less multiplication (the method of Intel's "Fast CRC
 * computation for iSCSI polynomial using CRC32 instruction"). The crc32
 * instruction has a latency of several cycles but can start every cycle,
 * so one serial chain leaves it mostly idle.
 *
 * Notation: P is the Castagnoli polynomial; a 32-bit CRC value c stands for
 * the polynomial sum(c_i x^(31-i)) (bit-reflected), a 64-bit value w for
 * sum(w_i x^(63-i)). Then
 *   crc32q(c, w) = (c x^64 + w x^32) mod P, so crc32q(0, w) = w x^32 mod P,
 * and the CRC state is linear in the message: after M1 || M2 it is
 * state(M1) x^(8|M2|) + state0(M2) mod P, state0 starting from zero. Hence
 *   state(A || B || C) = a x^(8(|B|+|C|)) + b x^(8|C|) + c   (mod P)
 * with a the chain over A from the initial value, b and c chains over B and
 * C from zero. The carry-less product of two 32-bit reflected values, read
 * as a 64-bit reflected value, is u v x; so for K = x^(n-33) mod P
 *   crc32q(0, clmul(u, K)) = u K x^33 = u x^n   (mod P).
 * Parts are whole 8-octet words and crc32c_xpow[j] = x^(64j-33) mod P:
 * [1] = x^31 (bit 0 set), [j+1] = [j] x^64 = crc32q([j], 0).
 */

/* Shorter buffers take one serial chain: the combine costs ~5 crc32 latencies. */
#define CRC32C_3WAY_MIN 128
/* Words of parts A and B in a full round (up to 1568 octets take one round). */
#define CRC32C_3WAY_M 64
/* Part C is this many words longer: its chain runs while A and B are combined. */
#define CRC32C_3WAY_D 4
#define CRC32C_3WAY_ROUND (3 * CRC32C_3WAY_M + CRC32C_3WAY_D)

/* crc32c_3way() peels two words of each part in every round. */
_Static_assert((CRC32C_3WAY_MIN / 8 - 1 - CRC32C_3WAY_D) / 3 >= 2 &&
		       (CRC32C_3WAY_ROUND / 2 - CRC32C_3WAY_D) / 3 >= 2,
	       "three-way CRC32c parts too short");

static uint32_t crc32c_xpow[2 * CRC32C_3WAY_M + CRC32C_3WAY_D + 1];
static int crc32c_3way_on; /* see agw_crc32c_use_fast() */

static inline uint64_t
crc32c_ld64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

__attribute__((target("sse4.2,pclmul"))) static void
crc32c_3way_init(void)
{
	crc32c_xpow[1] = 1;
	for (size_t j = 1; j + 1 < RTE_DIM(crc32c_xpow); j++)
		crc32c_xpow[j + 1] = (uint32_t)_mm_crc32_u64(crc32c_xpow[j], 0);
}

/* u x^(64 j) mod P, still to be reduced: crc32q(0, low 64 bits of the result). */
__attribute__((target("sse4.2,pclmul"))) static inline __m128i
crc32c_xpow_mul(uint64_t u, size_t j)
{
	return _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)u),
				    _mm_cvtsi32_si128((int)crc32c_xpow[j]), 0x00);
}

/*
 * Same result as crc32c_serial(), for n >= CRC32C_3WAY_MIN. The n mod 8
 * leading octets go first onto chain A, which has slack; with @p csum_zero
 * the two words of A covering octets 8..11 are masked.
 */
__attribute__((target("sse4.2,pclmul"))) static uint32_t
crc32c_3way(uint32_t crc, const uint8_t *p, size_t n, int csum_zero)
{
	size_t r = n & 7, q = n >> 3;
	uint64_t a = crc, m0 = UINT64_MAX, m1 = UINT64_MAX;

	if (r != 0) {
		/*
		 * r octets d onto state s: the low r octets of s are consumed
		 * with d (a crc32q over 8 - r zero octets, which leave a zero
		 * state alone, then the r octets of s ^ d); the rest of s
		 * moves down.
		 */
		uint64_t v = (a ^ crc32c_ld64(p)) << (64 - 8 * r);

		a = (a >> (8 * r)) ^ _mm_crc32_u64(0, v);
		p += r;
	}
	if (csum_zero) {
		/* packet octets 8..11 in words [r, r + 8) and [r + 8, r + 16) */
		m0 = r != 0 ? ~(UINT64_C(0xffffffff) << (64 - 8 * r)) : UINT64_MAX;
		m1 = ~(UINT64_C(0xffffffff) >> (8 * r));
	}
	while (q > 0) {
		size_t qr, x, lc, i;
		const uint8_t *pb, *pc;
		uint64_t b, c;
		__m128i t;

		/* rounds of CRC32C_3WAY_ROUND / 2 to CRC32C_3WAY_ROUND words */
		if (q >= 2 * CRC32C_3WAY_ROUND)
			qr = CRC32C_3WAY_ROUND;
		else if (q > CRC32C_3WAY_ROUND)
			qr = q / 2;
		else
			qr = q;
		x = (qr - CRC32C_3WAY_D) / 3; /* words of A and of B */
		lc = qr - 2 * x;	      /* words of C */
		pb = p + 8 * x;
		pc = pb + 8 * x;

		a = _mm_crc32_u64(a, crc32c_ld64(p) & m0);
		b = _mm_crc32_u64(0, crc32c_ld64(pb));
		c = _mm_crc32_u64(0, crc32c_ld64(pc));
		a = _mm_crc32_u64(a, crc32c_ld64(p + 8) & m1);
		b = _mm_crc32_u64(b, crc32c_ld64(pb + 8));
		c = _mm_crc32_u64(c, crc32c_ld64(pc + 8));
		for (i = 2; i < x; i++) {
			a = _mm_crc32_u64(a, crc32c_ld64(p + 8 * i));
			b = _mm_crc32_u64(b, crc32c_ld64(pb + 8 * i));
			c = _mm_crc32_u64(c, crc32c_ld64(pc + 8 * i));
		}
		for (; i < lc; i++)
			c = _mm_crc32_u64(c, crc32c_ld64(pc + 8 * i));
		t = _mm_xor_si128(crc32c_xpow_mul(a, x + lc), crc32c_xpow_mul(b, lc));
		a = c ^ _mm_crc32_u64(0, (uint64_t)_mm_cvtsi128_si64(t));

		m0 = m1 = UINT64_MAX;
		p = pc + 8 * lc;
		q -= qr;
	}
	return (uint32_t)a;
}

/*
 * Folding with VPCLMULQDQ (the method of Intel's "Fast CRC Computation for
 * Generic Polynomials Using PCLMULQDQ", on 512-bit registers). Notation as
 * above; a 16-octet block X read as a 128-bit value with low half L (first
 * 8 octets) and high half H stands for X = L x^64 + H. The CRC state after
 * the message M from c is c x^(8n) + M x^32 (mod P): c xored into the first
 * four octets, then for any V = M (mod P) the state is V x^32, which is
 * crc32q(crc32q(0, low half of V), high half of V).
 *
 * A block followed by k more blocks adds X x^(128k) = L x^(128k+64) + H x^(128k);
 * with a 32-bit constant (standing for K x^32 in a 64-bit half) the
 * carry-less product is L K x^33, so the constants are x^(128k+31) and
 * x^(128k-33) mod P, and the product is again a block. Each block is
 * multiplied once by the constant of its distance from the end (the last 16
 * blocks and the 16 before them); blocks earlier still are first folded
 * forward 256 octets at a time in four 512-bit accumulators. The constants
 * go to distance 63 for the direct path below, which has no folding.
 *
 * The n mod 16 leading octets form block B0, padded in front with zeros
 * (which leave the polynomial alone); block 0 of the rest then starts at
 * p + r. The stream is B0, R whole blocks: the prefix of 4U blocks (U
 * 64-octet units, unit 0 carrying B0 folded into it, the initial value and
 * the checksum mask) and the tail of t = 13..16 blocks, read as the last 256
 * octets with the first 16 - t blocks masked off.
 */
#define CRC32C_FOLD_TARGET "avx512f,avx512vl,avx512bw,vpclmulqdq,pclmul,sse4.2"
/* From 512 octets both single and back-to-back calls beat the three-way path
 * (single calls from ~300, but back to back it is slower below ~500). */
#define CRC32C_FOLD_MIN 512
_Static_assert(CRC32C_FOLD_MIN >= 17 * 16, "unit 0 must stay out of the tail (R >= 17)");
#define CRC32C_FOLD_K 64 /* distances 0..63 blocks in the final step */

/* [i]: x^(128k+31), x^(128k-33) mod P for k = CRC32C_FOLD_K - 1 - i; zero for k = 0. */
static uint64_t crc32c_fold_k[2 * CRC32C_FOLD_K] __rte_aligned(64);
static uint64_t crc32c_fold_256[2]; /* the same for k = 16: 256 octets forward */
static int crc32c_fold_on;

/* c x^k mod P for a reflected c: multiply by x k times. */
static uint32_t
crc32c_mulxk(uint32_t c, unsigned int k)
{
	while (k-- > 0)
		c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
	return c;
}

static void
crc32c_fold_init(void)
{
	uint32_t lo = crc32c_mulxk(1, 128), hi = crc32c_mulxk(1u << 31, 95); /* k = 1 */

	for (unsigned int k = 1; k < CRC32C_FOLD_K; k++) {
		crc32c_fold_k[2 * (CRC32C_FOLD_K - 1 - k)] = lo;
		crc32c_fold_k[2 * (CRC32C_FOLD_K - 1 - k) + 1] = hi;
		if (k == 16) {
			crc32c_fold_256[0] = lo;
			crc32c_fold_256[1] = hi;
		}
		lo = crc32c_mulxk(lo, 128);
		hi = crc32c_mulxk(hi, 128);
	}
}

/* Sum of the four blocks of @p z, each times its constant in @p k. */
__attribute__((target(CRC32C_FOLD_TARGET))) static inline __m512i
crc32c_fold_mul(__m512i z, __m512i k)
{
	return _mm512_xor_si512(_mm512_clmulepi64_epi128(z, k, 0x00),
				_mm512_clmulepi64_epi128(z, k, 0x11));
}

__attribute__((target(CRC32C_FOLD_TARGET))) static inline __m512i
crc32c_fold_kld(size_t i)
{
	return _mm512_loadu_si512((const void *)&crc32c_fold_k[2 * i]);
}

/* 64 octets @p x at distance @p d chunks of 64 from the last, times their constants. */
__attribute__((target(CRC32C_FOLD_TARGET))) static inline __m512i
crc32c_chunk_mul(__m512i x, size_t d)
{
	return crc32c_fold_mul(x, crc32c_fold_kld(CRC32C_FOLD_K - 4 - 4 * d));
}

/*
 * Unit 0 (octets r..r+63) with the c octets beyond the lead, the checksum
 * mask, and B0 (the r lead octets, c xored, padded in front) folded in.
 */
__attribute__((target(CRC32C_FOLD_TARGET))) static __m512i
crc32c_fold_unit0(uint32_t c, const uint8_t *p, size_t r, int csum_zero)
{
	uint64_t km = csum_zero ? 0xf00 : 0; /* octets 8..11 */
	__m128i idx =
		_mm_add_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
			     _mm_set1_epi8((char)(r - 16)));
	__m128i b0 = _mm_maskz_loadu_epi8((__mmask16)~km, p), k1;
	__m512i u;

	b0 = _mm_shuffle_epi8(_mm_xor_si128(b0, _mm_cvtsi32_si128((int)c)), idx);
	k1 = _mm_loadu_si128((const void *)&crc32c_fold_k[2 * (CRC32C_FOLD_K - 2)]);
	b0 = _mm_xor_si128(_mm_clmulepi64_si128(b0, k1, 0x00), _mm_clmulepi64_si128(b0, k1, 0x11));
	b0 = _mm_xor_si128(b0, _mm_cvtsi32_si128(r < 4 ? (int)(c >> (8 * r)) : 0));
	u = _mm512_maskz_loadu_epi8(~(km >> r), p + r);
	return _mm512_xor_si512(u, _mm512_zextsi128_si512(b0));
}

/* Accumulator @p a folded 256 octets forward, with the unit at @p q if @p on. */
__attribute__((target(CRC32C_FOLD_TARGET))) static inline __m512i
crc32c_fold_step(__m512i a, __m512i k, const uint8_t *q, int on)
{
	__m512i u = _mm512_maskz_loadu_epi8(on ? ~(__mmask64)0 : 0, q);

	return _mm512_mask_xor_epi64(a, on ? 0xff : 0, crc32c_fold_mul(a, k), u);
}

/*
 * The prefix of @p nu >= 1 units at @p q, unit 0 being @p a0: unit u goes
 * to accumulator u mod 4. Returns the four accumulators, each times the
 * constants of its last unit's distance from the end (t blocks of tail,
 * then d units) ready to be summed with the tail.
 */
__attribute__((target(CRC32C_FOLD_TARGET))) static __m512i
crc32c_fold_prefix(__m512i a0, const uint8_t *q, size_t nu, size_t t)
{
	__m512i k = _mm512_broadcast_i32x4(_mm_loadu_si128((const void *)crc32c_fold_256));
	__m512i z = _mm512_setzero_si512(), a1, a2, a3;
	size_t g, i = CRC32C_FOLD_K - 4 - t; /* block 0 of a unit followed by t blocks */

	a1 = crc32c_fold_step(z, k, q + (nu > 1 ? 64 : 0), nu > 1);
	a2 = crc32c_fold_step(z, k, q + (nu > 2 ? 128 : 0), nu > 2);
	a3 = crc32c_fold_step(z, k, q + (nu > 3 ? 192 : 0), nu > 3);
	for (g = 4; g < nu; g += 4) {
		size_t m = nu - g;

		a0 = crc32c_fold_step(a0, k, q + 64 * g, 1);
		a1 = crc32c_fold_step(a1, k, q + 64 * (g + (m > 1)), m > 1);
		a2 = crc32c_fold_step(a2, k, q + 64 * (g + 2 * (m > 2)), m > 2);
		a3 = crc32c_fold_step(a3, k, q + 64 * (g + 3 * (m > 3)), m > 3);
	}
	a0 = crc32c_fold_mul(a0, crc32c_fold_kld(i - 4 * ((nu - 1) & 3)));
	a1 = crc32c_fold_mul(a1, crc32c_fold_kld(i - 4 * ((nu - 2) & 3)));
	a2 = crc32c_fold_mul(a2, crc32c_fold_kld(i - 4 * ((nu - 3) & 3)));
	a3 = crc32c_fold_mul(a3, crc32c_fold_kld(i - 4 * ((nu - 4) & 3)));
	return _mm512_ternarylogic_epi64(a0, a1, _mm512_xor_si512(a2, a3), 0x96);
}

/* The last 256 octets at @p e, the first 16 - t blocks masked, times their constants. */
__attribute__((target(CRC32C_FOLD_TARGET))) static __m512i
crc32c_fold_tail(const uint8_t *e, size_t t)
{
	__m512i x0 = _mm512_maskz_loadu_epi8(~(__mmask64)0 << (16 * (16 - t)), e);
	__m512i x1 = _mm512_loadu_si512((const void *)(e + 64));
	__m512i x2 = _mm512_loadu_si512((const void *)(e + 128));
	__m512i x3 = _mm512_loadu_si512((const void *)(e + 192));

	x0 = _mm512_ternarylogic_epi64(crc32c_chunk_mul(x0, 3), crc32c_chunk_mul(x1, 2),
				       crc32c_chunk_mul(x2, 1), 0x96);
	/* the last block is at distance 0: constants zero, taken as it is */
	return _mm512_ternarylogic_epi64(x0, crc32c_chunk_mul(x3, 0),
					 _mm512_maskz_mov_epi64(0xc0, x3), 0x96);
}

/* The sum of the four blocks of @p x. */
__attribute__((target(CRC32C_FOLD_TARGET))) static inline __m128i
crc32c_fold_lanes(__m512i x)
{
	__m256i h = _mm256_xor_si256(_mm512_castsi512_si256(x), _mm512_extracti64x4_epi64(x, 1));

	return _mm_xor_si128(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
}

/* The CRC state of the block @p v ending the message: V x^32 mod P. */
__attribute__((target("sse4.2"))) static inline uint32_t
crc32c_block_state(__m128i v)
{
	uint32_t c = (uint32_t)_mm_crc32_u64(0, (uint64_t)_mm_cvtsi128_si64(v));

	return (uint32_t)_mm_crc32_u64(c, (uint64_t)_mm_extract_epi64(v, 1));
}

/* Same result as crc32c_serial(), for n >= CRC32C_FOLD_MIN. */
__attribute__((target(CRC32C_FOLD_TARGET))) static uint32_t
crc32c_fold(uint32_t c, const uint8_t *p, size_t n, int csum_zero)
{
	size_t r = n & 15, nb = n >> 4, t = 13 + ((nb - 13) & 3);
	__m512i x;

	x = crc32c_fold_prefix(crc32c_fold_unit0(c, p, r, csum_zero), p + r, (nb - t) / 4, t);
	x = _mm512_xor_si512(x, crc32c_fold_tail(p + n - 256, t));
	return crc32c_block_state(crc32c_fold_lanes(x));
}

/*
 * Direct path: the folding path's final step alone, for buffers short
 * enough that every block has a constant (n <= 64 blocks), with the loads
 * anchored at the start of the buffer. The buffer is read as m = ceil(n /
 * 64) chunks of 64 octets from @p p, the last one loaded with its pad = 64 m
 * - n octets beyond the end masked off (not read). That is the message M
 * followed by pad zero octets, M x^(8 pad): chunk j, at distance d = m - 1
 * - j chunks from the last, is multiplied by the constants of blocks 4d + 3
 * .. 4d, the last block taken as it is, and the sum of the four lanes, a
 * block, is then multiplied by x^(-8 pad) (constants x^(31 - 8 pad) and
 * x^(-33 - 8 pad) mod P: x is invertible mod P, whose x^0 term is 1). The
 * initial value goes into octets 0..3 of chunk 0 and the checksum mask on
 * its octets 8..11.
 *
 * Why anchored at the start: the length usually comes from the packet's
 * own header (the IPv4 total length), so while that line is still on its
 * way nothing that depends on n can start; the addresses of all chunks but
 * the last do not, so their loads (the next cache lines of a cold packet)
 * are in flight from the start instead of after the header arrives. Each
 * chunk costs one load, two VPCLMULQDQ and one XOR, and no chunk waits for
 * another: about half the three-way path's instructions at 364 octets, and
 * back-to-back calls take about two thirds of its time (0.6 at 1024). Alone,
 * one call's latency is longer than the three-way path's below ~300 octets
 * (the reductions to 128 bits, by x^(-8 pad), then to 32 bits).
 */
#define CRC32C_DIRECT_MIN 128
#define CRC32C_DIRECT_MAX (16 * CRC32C_FOLD_K)
_Static_assert(CRC32C_DIRECT_MIN > 64, "the last chunk is not chunk 0");

/* [pad]: x^(31 - 8 pad), x^(-33 - 8 pad) mod P: a block times x^(-8 pad). */
static uint64_t crc32c_unpad_k[64][2] __rte_aligned(16);
static int crc32c_direct_on;

/* c x^-k mod P for a reflected c: the inverse of crc32c_mulxk(). */
static uint32_t
crc32c_divxk(uint32_t c, unsigned int k)
{
	while (k-- > 0)
		c = (c ^ (c >> 31 ? 0x82f63b78u : 0)) << 1 | c >> 31;
	return c;
}

static void
crc32c_direct_init(void)
{
	uint32_t lo = 1, hi = crc32c_divxk(1, 64); /* x^31, x^-33 */

	for (unsigned int pad = 0; pad < RTE_DIM(crc32c_unpad_k); pad++) {
		crc32c_unpad_k[pad][0] = lo;
		crc32c_unpad_k[pad][1] = hi;
		lo = crc32c_divxk(lo, 8);
		hi = crc32c_divxk(hi, 8);
	}
}

/* Same result as crc32c_serial(), for CRC32C_DIRECT_MIN <= n <= CRC32C_DIRECT_MAX. */
__attribute__((target(CRC32C_FOLD_TARGET))) static uint32_t
crc32c_direct(uint32_t c, const uint8_t *p, size_t n, int csum_zero)
{
	size_t m = (n + 63) / 64, pad = 64 * m - n, j;
	__m512i x, acc;
	__m128i v, k;

	x = _mm512_maskz_loadu_epi8(~(__mmask64)(csum_zero ? 0xf00 : 0), p);
	x = _mm512_xor_si512(x, _mm512_zextsi128_si512(_mm_cvtsi32_si128((int)c)));
	acc = crc32c_chunk_mul(x, m - 1);
	for (j = 1; j + 1 < m; j++) {
		x = _mm512_loadu_si512((const void *)(p + 64 * j));
		acc = _mm512_xor_si512(acc, crc32c_chunk_mul(x, m - 1 - j));
	}
	x = _mm512_maskz_loadu_epi8(~(__mmask64)0 >> pad, p + 64 * j);
	/* the last block: distance 0, constants zero, taken as it is */
	acc = _mm512_ternarylogic_epi64(acc, crc32c_chunk_mul(x, 0),
					_mm512_maskz_mov_epi64(0xc0, x), 0x96);
	v = crc32c_fold_lanes(acc);
	k = _mm_load_si128((const void *)crc32c_unpad_k[pad]);
	v = _mm_xor_si128(_mm_clmulepi64_si128(v, k, 0x00), _mm_clmulepi64_si128(v, k, 0x11));
	return crc32c_block_state(v);
}
#endif /* CRC32C_3WAY */

/*
 * Not part of the API: the tests' switch between the paths. 0 selects the
 * portable one; 1 the three-way one when the CPU has SSE4.2 and PCLMULQDQ;
 * 2 also the folding one from CRC32C_FOLD_MIN octets when it has
 * AVX-512F/VL/BW and VPCLMULQDQ; 3 also the direct one from
 * CRC32C_DIRECT_MIN to CRC32C_DIRECT_MAX octets (same features; the
 * start-up choice). Returns the level now used, at most @p on. Not
 * thread-safe.
 */
int agw_crc32c_use_fast(int on);
#define CRC32C_LEVEL_MAX 3

#ifdef CRC32C_3WAY
static int
crc32c_has(enum rte_cpu_flag_t f)
{
	return rte_cpu_get_flag_enabled(f) > 0;
}
#endif

int
agw_crc32c_use_fast(int on)
{
#ifdef CRC32C_3WAY
	crc32c_3way_on =
		on >= 1 && crc32c_has(RTE_CPUFLAG_SSE4_2) && crc32c_has(RTE_CPUFLAG_PCLMULQDQ);
	if (crc32c_3way_on && crc32c_xpow[1] == 0)
		crc32c_3way_init();
	crc32c_fold_on = on >= 2 && crc32c_3way_on && crc32c_has(RTE_CPUFLAG_AVX512F) &&
			 crc32c_has(RTE_CPUFLAG_AVX512VL) && crc32c_has(RTE_CPUFLAG_AVX512BW) &&
			 crc32c_has(RTE_CPUFLAG_VPCLMULQDQ);
	if (crc32c_fold_on && crc32c_fold_256[0] == 0)
		crc32c_fold_init();
	crc32c_direct_on = on >= 3 && crc32c_fold_on;
	if (crc32c_direct_on && crc32c_unpad_k[1][0] == 0)
		crc32c_direct_init();
	return crc32c_3way_on + crc32c_fold_on + crc32c_direct_on;
#else
	(void)on;
	return 0;
#endif
}

RTE_INIT(crc32c_select)
{
	(void)agw_crc32c_use_fast(CRC32C_LEVEL_MAX);
}

static uint32_t
crc32c_run(uint32_t crc, const uint8_t *p, size_t n, int csum_zero)
{
#ifdef CRC32C_3WAY
	if (n >= CRC32C_DIRECT_MIN && n <= CRC32C_DIRECT_MAX && crc32c_direct_on)
		return crc32c_direct(crc, p, n, csum_zero);
	if (n >= CRC32C_FOLD_MIN && crc32c_fold_on)
		return crc32c_fold(crc, p, n, csum_zero);
	if (n >= CRC32C_3WAY_MIN && crc32c_3way_on)
		return crc32c_3way(crc, p, n, csum_zero);
#endif
	return crc32c_serial(crc, p, n, csum_zero);
}

uint32_t
agw_crc32c(const void *buf, size_t len)
{
	return ~crc32c_run(0xffffffffu, buf, len, 0);
}

/* RFC 4960 clause 6.8: CRC over the packet with the checksum field zero. */
uint32_t
agw_sctp_csum(const uint8_t *pkt, size_t len)
{
	if (len < SCTP_HDR_LEN)
		return 0;
	return ~crc32c_run(0xffffffffu, pkt, len, 1);
}
