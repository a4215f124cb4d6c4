/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_UTIL_H
#define AGW_UTIL_H

/**
 * @file
 * Small helpers shared by every anchorgw unit: hex conversion for tools and
 * tests, and the secret-memory rules (zeroise on free, constant-time
 * comparison) that every holder of key material follows.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Decode a hex string (upper or lower case, no separators, optional "0x").
 *
 * @param[in] hex    NUL-terminated string.
 * @param[out] out   output buffer.
 * @param[in] cap    capacity of @p out in octets.
 * @return number of octets written, or -EINVAL (odd length or a non-hex
 *   digit), -ENOSPC (more than @p cap octets).
 */
long agw_hex_decode(const char *hex, uint8_t *out, size_t cap);

/**
 * Decode exactly @p n hex characters (no prefix, no terminator needed).
 *
 * @return number of octets written, or -EINVAL (odd @p n or a non-hex
 *   digit), -ENOSPC (more than @p cap octets).
 */
long agw_hex_decode_n(const char *hex, size_t n, uint8_t *out, size_t cap);

/**
 * Encode octets as lower-case hex.
 *
 * @param[out] out  buffer of at least 2 * @p len + 1 characters.
 * @return @p out.
 */
char *agw_hex_encode(const uint8_t *in, size_t len, char *out);

/**
 * Zeroise memory in a way the compiler cannot remove (explicit_bzero).
 * Use for every buffer that held key material, before it is freed or goes
 * out of scope.
 */
void agw_memzero(void *p, size_t len);

/**
 * Compare two buffers in time that depends only on @p len.
 *
 * @return 1 if equal, 0 otherwise.
 */
int agw_ct_equal(const void *a, const void *b, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* AGW_UTIL_H */
