/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"

static int
hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long
agw_hex_decode(const char *hex, uint8_t *out, size_t cap)
{
	if (hex == NULL)
		return -EINVAL;
	if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
		hex += 2;
	return agw_hex_decode_n(hex, strlen(hex), out, cap);
}

long
agw_hex_decode_n(const char *hex, size_t len, uint8_t *out, size_t cap)
{
	size_t i;

	if (hex == NULL || (out == NULL && cap != 0) || len % 2 != 0)
		return -EINVAL;
	if (len / 2 > cap)
		return -ENOSPC;
	for (i = 0; i < len / 2; i++) {
		int hi = hex_nibble(hex[2 * i]);
		int lo = hex_nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(len / 2);
}

char *
agw_hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
	return out;
}
