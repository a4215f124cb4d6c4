/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* kdf: the generic KDF of TS 33.220 Annex B.2 with raw FC and parameters. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "keytool.h"

/** Decoded KDF input: the key and up to AGW_KDF_MAX_PARAMS parameters. */
struct kdf_in {
	uint8_t *key;
	size_t key_len;
	uint32_t fc;
	unsigned int n;
	struct agw_kdf_param p[AGW_KDF_MAX_PARAMS];
	uint8_t *buf[AGW_KDF_MAX_PARAMS];
};

static const struct kt_opt kdf_opts[] = {
	{ "key", "HEX", "KEY, 1..65535 octets", KT_OPT_REQ },
	{ "fc", "FC", "FC, hex, 1 or 2 digits (e.g. 6a)", KT_OPT_REQ },
	{ "p", "HEX", "next parameter P0, P1, ... (0..65535 octets, may be empty)",
	  KT_OPT_MULTI },
	{ NULL, NULL, NULL, 0 },
};

static void
kdf_in_clear(struct kdf_in *in)
{
	unsigned int i;

	for (i = 0; i < in->n; i++) {
		if (in->buf[i] != NULL)
			agw_memzero(in->buf[i], in->p[i].len);
		free(in->buf[i]);
	}
	if (in->key != NULL)
		agw_memzero(in->key, in->key_len);
	free(in->key);
	agw_memzero(in, sizeof(*in));
}

/* Allocate for the decoded length of a value and decode it. */
static long
hex_alloc(const struct kt_args *a, const char *name, unsigned int idx, size_t min,
	  uint8_t **out)
{
	size_t len = kt_hex_len(a, name, idx);

	if (len > AGW_KDF_PARAM_MAX)
		return kt_err(a, name, "%zu octets, at most %u", len, AGW_KDF_PARAM_MAX);
	*out = calloc(1, len + 1);
	if (*out == NULL)
		return kt_err(a, NULL, "out of memory");
	return kt_hexv(a, name, idx, *out, min, AGW_KDF_PARAM_MAX);
}

static int
kdf_parse(const struct kt_args *a, struct kdf_in *in)
{
	unsigned int n = kt_count(a, "p");
	long len;

	if (n > AGW_KDF_MAX_PARAMS)
		return kt_err(a, "p", "%u parameters, at most %u", n, AGW_KDF_MAX_PARAMS);
	if (kt_xuint(a, "fc", 2, &in->fc) < 0)
		return -EINVAL;
	len = hex_alloc(a, "key", 0, 1, &in->key);
	if (len < 0)
		return -EINVAL;
	in->key_len = (size_t)len;
	for (in->n = 0; in->n < n; in->n++) {
		len = hex_alloc(a, "p", in->n, 0, &in->buf[in->n]);
		if (len < 0) {
			in->n++; /* free this one too */
			return -EINVAL;
		}
		in->p[in->n].data = in->buf[in->n];
		in->p[in->n].len = (size_t)len;
	}
	return 0;
}

static int
cmd_kdf(const struct kt_args *a)
{
	uint8_t out[AGW_KDF_OUT_LEN];
	struct kdf_in in;
	int rc;

	memset(&in, 0, sizeof(in));
	rc = kdf_parse(a, &in);
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf", agw_kdf(in.key, in.key_len, (uint8_t)in.fc, in.p, in.n,
						  out));
	if (rc == 0)
		kt_out_hex(NULL, out, sizeof(out));
	agw_memzero(out, sizeof(out));
	kdf_in_clear(&in);
	return rc;
}

const struct kt_cmd kt_kdf_cmds[] = {
	{ "kdf", "generic KDF, TS 33.220 B.2: HMAC-SHA-256(KEY, FC || P0 || L0 || ...)",
	  "Prints the 32-octet output. Give --p once per parameter, in order.", kdf_opts,
	  cmd_kdf, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
