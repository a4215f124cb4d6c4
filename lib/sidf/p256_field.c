/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * P-256 field arithmetic for point decompression (see p256_field.h).
 *
 * Four 64-bit limbs, least significant first, in Montgomery form with
 * R = 2^256. Because p = -1 mod 2^64, -p^-1 mod 2^64 = 1 and each reduction
 * step's multiplier is the low limb itself; the rest of p's special shape
 * makes a reduction step shifts and one multiplication (fe_mont_reduce).
 *
 * p = 3 mod 4, so sqrt(r) = r^((p+1)/4), and
 *   (p+1)/4 = 2^254 - 2^222 + 2^190 + 2^94
 *           = 2^94 * ((2^32 - 1) * 2^128 + 2^96 + 1),
 * which a fixed chain computes in 253 squarings and 7 multiplications:
 * r^(2^32-1) by doubling runs (1, 2, 4, 8, 16, 32 ones), then
 * ((r^(2^32-1))^(2^32) * r)^(2^96) * r, then 94 squarings. The generic BN
 * exponentiation this replaces took about 11 us per decompression.
 */
#include <string.h>

#include "p256_field.h"

typedef uint64_t fe[4];
typedef unsigned __int128 u128;

static const fe P = {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0x0000000000000000ULL,
		     0xffffffff00000001ULL};
/* R^2 mod p: into Montgomery form by one multiplication. */
static const fe RR = {0x0000000000000003ULL, 0xfffffffbffffffffULL, 0xfffffffffffffffeULL,
		      0x00000004fffffffdULL};
/* b of y^2 = x^3 - 3x + b, in Montgomery form (b * R mod p). */
static const fe B_MONT = {0xd89cdf6229c4bddfULL, 0xacf005cd78843090ULL, 0xe5a220abf7212ed6ULL,
			  0xdc30061d04874834ULL};

/* r = t - p if t (with carry @p hi) >= p, else t. */
static void
fe_reduce_once(fe r, const uint64_t t[4], uint64_t hi)
{
	uint64_t s[4], borrow = 0;

	for (int i = 0; i < 4; i++) {
		u128 d = (u128)t[i] - P[i] - borrow;

		s[i] = (uint64_t)d;
		borrow = (uint64_t)(d >> 64) & 1;
	}
	/* t >= p when the subtraction did not borrow, or t had a 257th bit */
	if (hi != 0 || borrow == 0)
		memcpy(r, s, sizeof(s));
	else
		memcpy(r, t, sizeof(s));
}

/* r = a * b * R^-1 mod p: CIOS Montgomery multiplication. Each reduction
 * step adds m * p with m = t[0] (which clears limb 0) and shifts down one
 * limb; p's shape makes that shifts plus one multiplication, by p[3]:
 * m * (2^64 - 1) at limb 0 is m * 2^64 - m, which leaves 0 there and
 * carries m, and m * (2^32 - 1) + m = m * 2^32 at limb 1. */
static void
fe_mul(fe r, const fe a, const fe b)
{
	uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t m, t5;
		u128 c;

		c = (u128)a[0] * b[i] + t0;
		t0 = (uint64_t)c;
		c = (c >> 64) + (u128)a[1] * b[i] + t1;
		t1 = (uint64_t)c;
		c = (c >> 64) + (u128)a[2] * b[i] + t2;
		t2 = (uint64_t)c;
		c = (c >> 64) + (u128)a[3] * b[i] + t3;
		t3 = (uint64_t)c;
		c = (c >> 64) + t4;
		t4 = (uint64_t)c;
		t5 = (uint64_t)(c >> 64);
		m = t0;
		c = (u128)t1 + (m << 32);
		t0 = (uint64_t)c;
		c = (c >> 64) + t2 + (m >> 32);
		t1 = (uint64_t)c;
		c = (c >> 64) + t3 + (u128)m * P[3];
		t2 = (uint64_t)c;
		c = (c >> 64) + t4;
		t3 = (uint64_t)c;
		t4 = t5 + (uint64_t)(c >> 64);
	}
	fe_reduce_once(r, (const uint64_t[4]){t0, t1, t2, t3}, t4);
}

static void
fe_sqr(fe r, const fe a)
{
	fe_mul(r, a, a);
}

static void
fe_sqr_n(fe r, const fe a, unsigned int n)
{
	if (r != a)
		memcpy(r, a, sizeof(fe));
	while (n-- > 0)
		fe_sqr(r, r);
}

static void
fe_add(fe r, const fe a, const fe b)
{
	uint64_t t[4];
	u128 c = 0;

	for (int i = 0; i < 4; i++) {
		c += (u128)a[i] + b[i];
		t[i] = (uint64_t)c;
		c >>= 64;
	}
	fe_reduce_once(r, t, (uint64_t)c);
}

static void
fe_sub(fe r, const fe a, const fe b)
{
	uint64_t borrow = 0, add = 0;
	u128 c = 0;

	for (int i = 0; i < 4; i++) {
		u128 d = (u128)a[i] - b[i] - borrow;

		r[i] = (uint64_t)d;
		borrow = (uint64_t)(d >> 64) & 1;
	}
	add = 0 - borrow; /* a < b: add p back */
	for (int i = 0; i < 4; i++) {
		c += (u128)r[i] + (P[i] & add);
		r[i] = (uint64_t)c;
		c >>= 64;
	}
}

/* r = a^((p+1)/4): a square root of a when a is a square (see the top). */
static void
fe_sqrt_candidate(fe r, const fe a)
{
	fe x2, x4, x8, x16, x32, t;

	fe_sqr_n(t, a, 1);
	fe_mul(x2, t, a); /* a^(2^2-1) */
	fe_sqr_n(t, x2, 2);
	fe_mul(x4, t, x2);
	fe_sqr_n(t, x4, 4);
	fe_mul(x8, t, x4);
	fe_sqr_n(t, x8, 8);
	fe_mul(x16, t, x8);
	fe_sqr_n(t, x16, 16);
	fe_mul(x32, t, x16); /* a^(2^32-1) */
	fe_sqr_n(t, x32, 32);
	fe_mul(t, t, a);
	fe_sqr_n(t, t, 96);
	fe_mul(t, t, a);
	fe_sqr_n(r, t, 94);
}

static void
fe_from_be(fe r, const uint8_t b[32])
{
	for (int i = 0; i < 4; i++) {
		uint64_t v = 0;

		for (int k = 0; k < 8; k++)
			v = v << 8 | b[(3 - i) * 8 + k];
		r[i] = v;
	}
}

static void
fe_to_be(uint8_t b[32], const fe a)
{
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < 8; k++)
			b[(3 - i) * 8 + k] = (uint8_t)(a[i] >> (56 - 8 * k));
}

static int
fe_lt_p(const fe a)
{
	for (int i = 3; i >= 0; i--)
		if (a[i] != P[i])
			return a[i] < P[i];
	return 0;
}

static int
fe_equal(const fe a, const fe b)
{
	return memcmp(a, b, sizeof(fe)) == 0;
}

int
p256_decompress_y(const uint8_t x[32], int odd, uint8_t y[32])
{
	static const fe one = {1, 0, 0, 0};
	fe xn, xm, rhs, t, ym, yn;

	fe_from_be(xn, x);
	if (!fe_lt_p(xn))
		return -1;
	fe_mul(xm, xn, RR); /* Montgomery form */
	/* rhs = x^3 - 3x + b */
	fe_sqr(t, xm);
	fe_mul(rhs, t, xm);
	fe_sub(rhs, rhs, xm);
	fe_sub(rhs, rhs, xm);
	fe_sub(rhs, rhs, xm);
	fe_add(rhs, rhs, B_MONT);
	fe_sqrt_candidate(ym, rhs);
	fe_sqr(t, ym);
	if (!fe_equal(t, rhs))
		return -1;   /* not a square: no point with this x */
	fe_mul(yn, ym, one); /* out of Montgomery form */
	if ((int)(yn[0] & 1) != (odd != 0)) {
		static const fe zero = {0, 0, 0, 0};

		if (fe_equal(yn, zero))
			return -1;    /* y = 0 has no odd root (no such point on P-256) */
		fe_sub(yn, zero, yn); /* p - y */
	}
	fe_to_be(y, yn);
	return 0;
}
