/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <string.h>

#include "agw_util.h"

void
agw_memzero(void *p, size_t len)
{
	if (p != NULL && len != 0)
		explicit_bzero(p, len);
}

int
agw_ct_equal(const void *a, const void *b, size_t len)
{
	const volatile uint8_t *x = a;
	const volatile uint8_t *y = b;
	uint8_t diff = 0;
	size_t i;

	for (i = 0; i < len; i++)
		diff |= (uint8_t)(x[i] ^ y[i]);
	/* Map 0 -> 1 and 1..255 -> 0 without a data-dependent branch. */
	return (int)(1 & ((uint32_t)(diff - 1) >> 8));
}
