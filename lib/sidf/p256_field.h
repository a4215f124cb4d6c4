/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Arithmetic modulo the P-256 field prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1
 * (SEC 2 2.4.2), only as far as point decompression needs it: the peer's
 * y from its x (SEC 1 2.3.4). Library-internal; no point arithmetic.
 */
#ifndef AGW_SIDF_P256_FIELD_H
#define AGW_SIDF_P256_FIELD_H

#include <stdint.h>

/**
 * y with y^2 = x^3 - 3x + b (mod p) and y mod 2 = @p odd, from the 32-octet
 * big-endian @p x; written big-endian to @p y.
 *
 * @return 0; -1 when x >= p or x^3 - 3x + b is not a square (no point has
 *   this x).
 * @note Public values (a peer's key): not constant time.
 */
int p256_decompress_y(const uint8_t x[32], int odd, uint8_t y[32]);

#endif /* AGW_SIDF_P256_FIELD_H */
