/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * SCTP: common header, CRC32c, chunk walker, DATA chunks.
 * RFC 4960 (obsoleted by RFC 9260 with the same wire format), RFC 3309.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_hash_crc.h>

#include "agw_net.h"

#define SCTP_HDR_LEN 12
#define SCTP_CHUNK_HDR_LEN 4
#define SCTP_DATA_HDR_LEN 16
/* Largest user data of one DATA chunk: the chunk length is 16 bits. */
#define SCTP_DATA_MAX (UINT16_MAX - SCTP_DATA_HDR_LEN)

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
#endif /* CRC32C_3WAY */

/*
 * Not part of the API: the tests' switch between the two paths. 0 selects
 * the portable one, 1 the three-way one when the CPU has SSE4.2 and
 * PCLMULQDQ (the start-up choice). Returns 1 when the three-way path is now
 * used. Not thread-safe.
 */
int agw_crc32c_use_fast(int on);

int
agw_crc32c_use_fast(int on)
{
#ifdef CRC32C_3WAY
	if (on && rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_2) > 0 &&
	    rte_cpu_get_flag_enabled(RTE_CPUFLAG_PCLMULQDQ) > 0) {
		if (crc32c_xpow[1] == 0)
			crc32c_3way_init();
		crc32c_3way_on = 1;
	} else {
		crc32c_3way_on = 0;
	}
	return crc32c_3way_on;
#else
	(void)on;
	return 0;
#endif
}

RTE_INIT(crc32c_select)
{
	(void)agw_crc32c_use_fast(1);
}

static uint32_t
crc32c_run(uint32_t crc, const uint8_t *p, size_t n, int csum_zero)
{
#ifdef CRC32C_3WAY
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

/* The CRC goes on the wire least significant octet first (RFC 4960 App. B). */
static uint32_t
csum_wire(uint32_t crc)
{
	return rte_bswap32(crc);
}

int
agw_sctp_set_csum(uint8_t *pkt, size_t len)
{
	struct agw_wr w;

	if (len < SCTP_HDR_LEN)
		return AGW_PROTO_E_TRUNCATED;
	w = agw_wr_init(pkt + 8, 4);
	agw_wr_be32(&w, csum_wire(agw_sctp_csum(pkt, len)));
	return w.err;
}

/* RFC 4960 clause 3.1: SCTP common header. */
int
agw_sctp_decode(const uint8_t *buf, size_t len, int verify_csum, struct agw_sctp *s)
{
	struct agw_rd r = agw_rd_init(buf, len);
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = agw_rd_be16(&r, &s->sport)) != 0 || (rc = agw_rd_be16(&r, &s->dport)) != 0 ||
	    (rc = agw_rd_be32(&r, &s->vtag)) != 0 || (rc = agw_rd_be32(&r, &s->csum)) != 0)
		return rc;
	s->pkt = buf;
	s->pkt_len = len;
	s->chunks = r.p;
	s->chunks_len = agw_rd_left(&r);
	if (verify_csum && csum_wire(agw_sctp_csum(buf, len)) != s->csum)
		return AGW_PROTO_E_BAD_CHECKSUM;
	return 0;
}

void
agw_sctp_chunks_init(struct agw_sctp_chunk_iter *it, const struct agw_sctp *s)
{
	it->rd = agw_rd_init(s->chunks, s->chunks_len);
}

/* RFC 4960 clause 3.2: type(1) flags(1) length(2) value, padded to 4. */
int
agw_sctp_chunk_next(struct agw_sctp_chunk_iter *it, struct agw_sctp_chunk *c)
{
	size_t pad;
	int rc;

	if (agw_rd_left(&it->rd) == 0)
		return 0;
	if ((rc = agw_rd_u8(&it->rd, &c->type)) != 0 || (rc = agw_rd_u8(&it->rd, &c->flags)) != 0 ||
	    (rc = agw_rd_be16(&it->rd, &c->len)) != 0)
		return rc;
	if (c->len < SCTP_CHUNK_HDR_LEN)
		return AGW_PROTO_E_BAD_LENGTH;
	c->value_len = c->len - SCTP_CHUNK_HDR_LEN;
	c->value = agw_rd_take(&it->rd, c->value_len);
	if (c->value == NULL)
		return AGW_PROTO_E_TRUNCATED;
	pad = (4 - (c->len & 3)) & 3;
	if (agw_rd_left(&it->rd) < pad)
		pad = agw_rd_left(&it->rd); /* final chunk sent without padding */
	(void)agw_rd_take(&it->rd, pad);
	return 1;
}

/* RFC 4960 clause 3.3.1: DATA chunk. */
int
agw_sctp_data_decode(const struct agw_sctp_chunk *c, struct agw_sctp_data *d)
{
	struct agw_rd r = agw_rd_init(c->value, c->value_len);
	int rc;

	memset(d, 0, sizeof(*d));
	if (c->type != AGW_SCTP_CHUNK_DATA)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	d->flags = c->flags;
	if ((rc = agw_rd_be32(&r, &d->tsn)) != 0 || (rc = agw_rd_be16(&r, &d->sid)) != 0 ||
	    (rc = agw_rd_be16(&r, &d->ssn)) != 0 || (rc = agw_rd_be32(&r, &d->ppid)) != 0)
		return rc;
	d->payload_len = agw_rd_left(&r);
	d->payload = agw_rd_take(&r, d->payload_len);
	if (d->payload_len == 0)
		return AGW_PROTO_E_BAD_LENGTH; /* "No User Data", clause 3.3.10.9 */
	if ((d->flags & AGW_SCTP_DATA_COMPLETE) != AGW_SCTP_DATA_COMPLETE)
		return AGW_PROTO_E_FRAGMENTED;
	return 0;
}

static void
sctp_put_data(struct agw_wr *w, const struct agw_sctp_data *d)
{
	size_t pad = (4 - (d->payload_len & 3)) & 3;
	static const uint8_t zero[3];

	agw_wr_u8(w, AGW_SCTP_CHUNK_DATA);
	agw_wr_u8(w, d->flags);
	agw_wr_be16(w, (uint16_t)(SCTP_DATA_HDR_LEN + d->payload_len));
	agw_wr_be32(w, d->tsn);
	agw_wr_be16(w, d->sid);
	agw_wr_be16(w, d->ssn);
	agw_wr_be32(w, d->ppid);
	agw_wr_bytes(w, d->payload, d->payload_len);
	agw_wr_bytes(w, zero, pad);
}

long
agw_sctp_build(uint16_t sport, uint16_t dport, uint32_t vtag, const struct agw_sctp_data *chunks,
	       unsigned int n, void *buf, size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	long len;

	if (n == 0)
		return AGW_PROTO_E_BAD_LENGTH;
	for (unsigned int i = 0; i < n; i++)
		if (chunks[i].payload_len == 0 || chunks[i].payload_len > SCTP_DATA_MAX)
			return AGW_PROTO_E_BAD_LENGTH;
	agw_wr_be16(&w, sport);
	agw_wr_be16(&w, dport);
	agw_wr_be32(&w, vtag);
	agw_wr_be32(&w, 0);
	for (unsigned int i = 0; i < n; i++)
		sctp_put_data(&w, &chunks[i]);
	len = agw_wr_result(&w);
	if (len < 0)
		return len;
	(void)agw_sctp_set_csum(buf, (size_t)len);
	return len;
}
