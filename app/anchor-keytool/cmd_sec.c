/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * nia, nea: one 128-NIA MAC or one 128-NEA keystream application with the
 * single-message API of agw_nas_sec.h.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_nas_sec.h"
#include "agw_util.h"
#include "keytool.h"

/** Inputs common to nia and nea. */
struct sec_in {
	uint32_t alg;
	uint32_t count;
	uint32_t bearer;
	uint32_t dir;
	uint32_t bits;
	uint8_t key[AGW_NAS_KEY_LEN];
	uint8_t *msg; /**< malloc'd, @c len octets (at least 1 allocated) */
	size_t len;
};

static const struct kt_opt sec_opts[] = {
	{ "alg", "N", "algorithm 0..3 (0 null, 1 SNOW 3G, 2 AES, 3 ZUC)", KT_OPT_REQ },
	{ "key", "HEX16", "128-bit key (K_NASint / K_NASenc)", KT_OPT_REQ },
	{ "count", "COUNT", "COUNT, hex, up to 8 digits (e.g. 38a6f056)", KT_OPT_REQ },
	{ "bearer", "N", "BEARER 0..31", KT_OPT_REQ },
	{ "dir", "N", "DIRECTION: 0 uplink, 1 downlink", KT_OPT_REQ },
	{ "msg", "HEX", "message, up to 65535 octets", KT_OPT_REQ },
	{ "bits", "N", "message length in bits (default: 8 x octets of --msg)", 0 },
	{ NULL, NULL, NULL, 0 },
};

static void
sec_in_clear(struct sec_in *in)
{
	if (in->msg != NULL)
		agw_memzero(in->msg, in->len);
	free(in->msg);
	agw_memzero(in, sizeof(*in));
}

static int
sec_bits(const struct kt_args *a, struct sec_in *in, uint32_t max_bits, const char *alg_name)
{
	uint32_t limit = (uint32_t)(in->len * 8);

	in->bits = limit;
	if (kt_get(a, "bits", 0) != NULL && kt_uint(a, "bits", 0, limit, &in->bits) < 0)
		return -EINVAL;
	if (in->bits > max_bits)
		return kt_err(a, kt_get(a, "bits", 0) ? "bits" : "msg",
			      "%u bits is more than %s accepts (%u)", in->bits, alg_name, max_bits);
	return 0;
}

static int
sec_parse(const struct kt_args *a, struct sec_in *in)
{
	memset(in, 0, sizeof(*in));
	if (kt_uint(a, "alg", 0, 3, &in->alg) < 0 ||
	    kt_hex(a, "key", in->key, sizeof(in->key)) < 0 ||
	    kt_xuint(a, "count", 8, &in->count) < 0 ||
	    kt_uint(a, "bearer", 0, 31, &in->bearer) < 0 || kt_uint(a, "dir", 0, 1, &in->dir) < 0)
		return -EINVAL;
	in->len = kt_hex_len(a, "msg", 0);
	if (in->len > AGW_NAS_SEC_MAX_MSG)
		return kt_err(a, "msg", "%zu octets, at most %u", in->len, AGW_NAS_SEC_MAX_MSG);
	in->msg = calloc(1, in->len + 1);
	if (in->msg == NULL)
		return kt_err(a, NULL, "out of memory");
	if (kt_hexv(a, "msg", 0, in->msg, in->len, in->len) < 0)
		return -EINVAL;
	return 0;
}

static struct agw_nas_sec_engine *
sec_engine(const struct kt_args *a)
{
	struct agw_nas_sec_engine *eng = agw_nas_sec_engine_create();

	if (eng == NULL)
		kt_err(a, NULL, "cannot create the IPsec-MB engine: %s", strerror(errno));
	return eng;
}

static int
nia_mac(const struct kt_args *a, const struct sec_in *in, uint8_t mac[AGW_NAS_MAC_LEN])
{
	struct agw_nas_sec_engine *eng = sec_engine(a);
	struct agw_nia_key key;
	int rc;

	if (eng == NULL)
		return -ENOMEM;
	rc = agw_nia_key_init(eng, &key, in->alg, in->key);
	if (rc == 0)
		rc = agw_nia_compute(eng, &key, in->count, (uint8_t)in->bearer, (uint8_t)in->dir,
				     in->msg, in->bits, mac);
	agw_nia_key_clear(&key);
	agw_nas_sec_engine_free(eng);
	return kt_lib(a, "agw_nia_compute", rc);
}

static int
cmd_nia(const struct kt_args *a)
{
	uint8_t mac[AGW_NAS_MAC_LEN];
	struct sec_in in;
	char name[16] = "";
	int rc;

	rc = sec_parse(a, &in);
	if (rc == 0) {
		snprintf(name, sizeof(name), "128-NIA%u", in.alg);
		rc = sec_bits(a, &in, agw_nia_max_bits(in.alg), name);
	}
	if (rc == 0 && in.bits == 0 && (in.alg == AGW_NIA1 || in.alg == AGW_NIA3))
		rc = kt_err(a, "msg", "%s needs at least 1 bit", name);
	if (rc == 0)
		rc = nia_mac(a, &in, mac);
	if (rc == 0)
		kt_out_hex(NULL, mac, sizeof(mac));
	sec_in_clear(&in);
	return rc;
}

static int
nea_run(const struct kt_args *a, const struct sec_in *in, uint8_t *out)
{
	struct agw_nas_sec_engine *eng = sec_engine(a);
	struct agw_nea_key key;
	int rc;

	if (eng == NULL)
		return -ENOMEM;
	rc = agw_nea_key_init(eng, &key, in->alg, in->key);
	if (rc == 0)
		rc = agw_nea_apply(eng, &key, in->count, (uint8_t)in->bearer, (uint8_t)in->dir,
				   in->msg, out, in->bits);
	agw_nea_key_clear(&key);
	agw_nas_sec_engine_free(eng);
	return kt_lib(a, "agw_nea_apply", rc);
}

static int
cmd_nea(const struct kt_args *a)
{
	uint8_t *out = NULL;
	struct sec_in in;
	char name[16] = "";
	int rc;

	rc = sec_parse(a, &in);
	if (rc == 0) {
		snprintf(name, sizeof(name), "128-NEA%u", in.alg);
		rc = sec_bits(a, &in, agw_nea_max_bits(in.alg), name);
	}
	if (rc == 0) {
		out = calloc(1, in.len + 1);
		if (out == NULL)
			rc = kt_err(a, NULL, "out of memory");
	}
	if (rc == 0)
		rc = nea_run(a, &in, out);
	if (rc == 0)
		kt_out_hex(NULL, out, (in.bits + 7) / 8);
	if (out != NULL)
		agw_memzero(out, in.len);
	free(out);
	sec_in_clear(&in);
	return rc;
}

const struct kt_cmd kt_sec_cmds[] = {
	{ "nia", "128-NIA MAC (TS 33.501 D.3); prints the 4-octet MAC",
	  "Bits past --bits in the last octet are ignored.", sec_opts, cmd_nia, NULL },
	{ "nea", "128-NEA ciphering/deciphering (TS 33.501 D.2); prints the output",
	  "The output has ceil(bits/8) octets; bits past --bits are zero.", sec_opts, cmd_nea,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
