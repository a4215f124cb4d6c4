/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* anchor-keytool output helpers (see keytool.h). */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_util.h"
#include "keytool.h"

#define OUT_CHUNK 64

void
kt_out_hex(const char *name, const uint8_t *buf, size_t len)
{
	char hex[2 * OUT_CHUNK + 1];
	size_t n = 0;

	if (name != NULL)
		printf("%s=", name);
	while (len > 0) {
		n = len < OUT_CHUNK ? len : OUT_CHUNK;
		fputs(agw_hex_encode(buf, n, hex), stdout);
		buf += n;
		len -= n;
	}
	putchar('\n');
	agw_memzero(hex, sizeof(hex));
}

void
kt_out_text(const char *name, const char *text)
{
	if (name != NULL)
		printf("%s=", name);
	puts(text);
}

int
kt_lib(const struct kt_args *a, const char *fn, int rc)
{
	if (rc == 0)
		return 0;
	if (rc == -EINVAL)
		return kt_err(a, NULL, "%s rejected the input", fn);
	kt_err(a, NULL, "%s failed: %s", fn, strerror(rc < 0 ? -rc : rc));
	return rc < 0 ? rc : -EIO;
}
