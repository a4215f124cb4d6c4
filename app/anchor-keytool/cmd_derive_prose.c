/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * derive: ProSe UE-to-network relay keys (TS 33.503 Annex A, TS 33.536
 * Annex A). The TS 33.503 FC values: see the source note in lib/crypto/kdf.c.
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "derive.h"

#define K16 AGW_KEY128_LEN
#define K32 AGW_KEY256_LEN
#define NL AGW_PROSE_NONCE_LEN
#define O_END { NULL, NULL, NULL, 0 }
#define O_RSC { "rsc", "RSC", "Relay Service Code, hex, up to 6 digits", KT_OPT_REQ }
#define O_SUPI { "supi", "TEXT", "SUPI: imsi-<digits>, nai-/gci-/gli-<nai> or IMSI digits", \
		 KT_OPT_REQ }
#define O_N1 { "nonce-1", "HEX16", "Nonce_1 (remote UE)", KT_OPT_REQ }
#define O_N2 { "nonce-2", "HEX16", "Nonce_2", KT_OPT_REQ }

/* cp-pruk, cp-pruk-id ------------------------------------------------ */

static const struct kt_opt pruk_opts[] = {
	{ "kausf-p", "HEX32", "K_AUSF_P", KT_OPT_REQ },
	O_SUPI,
	O_RSC,
	O_END,
};

static int
cp_pruk(const struct kt_args *a, int id)
{
	uint8_t kausf_p[K32], out[K32];
	char supi[KT_SUPI_MAX];
	size_t supi_len = 0;
	uint32_t rsc = 0;
	int rc;

	rc = kt_hex(a, "kausf-p", kausf_p, K32);
	if (rc == 0)
		rc = kt_opt_supi(a, supi, &supi_len);
	if (rc == 0)
		rc = kt_xuint(a, "rsc", 2 * AGW_RSC_LEN, &rsc);
	if (rc == 0 && id)
		rc = kt_out_key(a, "agw_kdf_cp_pruk_id_star",
				agw_kdf_cp_pruk_id_star(kausf_p, rsc, supi, supi_len, out), out,
				K32);
	else if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_cp_pruk",
				agw_kdf_cp_pruk(kausf_p, supi, supi_len, rsc, out), out, K32);
	agw_memzero(kausf_p, K32);
	return rc;
}

static int
d_cp_pruk(const struct kt_args *a)
{
	return cp_pruk(a, 0);
}

static int
d_cp_pruk_id(const struct kt_args *a)
{
	return cp_pruk(a, 1);
}

/* knr-prose, knrp-sess ----------------------------------------------- */

static const struct kt_opt knr_prose_opts[] = {
	{ "cp-pruk", "HEX32", "CP-PRUK", KT_OPT_REQ },
	O_N1,
	O_N2,
	O_END,
};

static const struct kt_opt knrp_sess_opts[] = {
	{ "knrp", "HEX32", "K_NRP (K_NR_ProSe for the CP-based relay)", KT_OPT_REQ },
	O_N1,
	O_N2,
	O_END,
};

static int
nonce_key(const struct kt_args *a, int sess)
{
	uint8_t key[K32], n1[NL], n2[NL], out[K32];
	int rc;

	rc = kt_hex(a, sess ? "knrp" : "cp-pruk", key, K32);
	if (rc == 0)
		rc = kt_hex(a, "nonce-1", n1, NL);
	if (rc == 0)
		rc = kt_hex(a, "nonce-2", n2, NL);
	if (rc == 0 && sess)
		rc = kt_out_key(a, "agw_kdf_knrp_sess", agw_kdf_knrp_sess(key, n1, n2, out), out,
				K32);
	else if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_knr_prose", agw_kdf_knr_prose(key, n1, n2, out), out,
				K32);
	agw_memzero(key, K32);
	return rc;
}

static int
d_knr_prose(const struct kt_args *a)
{
	return nonce_key(a, 0);
}

static int
d_knrp_sess(const struct kt_args *a)
{
	return nonce_key(a, 1);
}

/* nrpek, nrpik ------------------------------------------------------- */

static const struct kt_opt nrp_key_opts[] = {
	{ "knrp-sess", "HEX32", "K_NRP-sess", KT_OPT_REQ },
	{ "alg", "N", "algorithm identity 0..15", KT_OPT_REQ },
	O_END,
};

static int
nrp_key(const struct kt_args *a, uint8_t integrity)
{
	uint8_t key[K32], out[K16];
	uint32_t alg = 0;
	int rc;

	rc = kt_hex(a, "knrp-sess", key, K32);
	if (rc == 0)
		rc = kt_uint(a, "alg", 0, 15, &alg);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_nrp_alg_key",
				agw_kdf_nrp_alg_key(key, integrity, (uint8_t)alg, out), out, K16);
	agw_memzero(key, K32);
	return rc;
}

static int
d_nrpek(const struct kt_args *a)
{
	return nrp_key(a, 0);
}

static int
d_nrpik(const struct kt_args *a)
{
	return nrp_key(a, 1);
}

const struct kt_cmd kt_derive_prose_cmds[] = {
	{ "cp-pruk", "CP-PRUK (TS 33.503 A.2, FC 0x85)", NULL, pruk_opts,
	  d_cp_pruk, NULL },
	{ "cp-pruk-id", "CP-PRUK ID* (TS 33.503 A.3, FC 0x86)", NULL, pruk_opts,
	  d_cp_pruk_id, NULL },
	{ "knr-prose", "K_NR_ProSe (TS 33.503 A.4, FC 0x87)", NULL,
	  knr_prose_opts, d_knr_prose, NULL },
	{ "knrp-sess", "K_NRP-sess (TS 33.536 A, FC 0x7F)", NULL, knrp_sess_opts, d_knrp_sess,
	  NULL },
	{ "nrpek", "NRPEK, PC5 ciphering key (TS 33.536 A, FC 0x7E, P0 0x00)", NULL,
	  nrp_key_opts, d_nrpek, NULL },
	{ "nrpik", "NRPIK, PC5 integrity key (TS 33.536 A, FC 0x7E, P0 0x01)", NULL,
	  nrp_key_opts, d_nrpik, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
