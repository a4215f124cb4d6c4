/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * derive: 5G AKA (TS 33.501 A.2, A.4 to A.7) and the key hierarchy below
 * K_AMF (A.8 to A.13), plus the SNN and SUPI encodings they take.
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "derive.h"

#define K16 AGW_KEY128_LEN
#define K32 AGW_KEY256_LEN

/* Option descriptions used by several derivations. */
#define O_CK { "ck", "HEX16", "CK", KT_OPT_REQ }
#define O_IK { "ik", "HEX16", "IK", KT_OPT_REQ }
#define O_SNN { "snn", "TEXT", "serving network name, e.g. 5G:mnc001.mcc001.3gppnetwork.org", \
		KT_OPT_REQ }
#define O_RAND { "rand", "HEX16", "RAND", KT_OPT_REQ }
#define O_KAMF { "kamf", "HEX32", "K_AMF", KT_OPT_REQ }
#define O_END { NULL, NULL, NULL, 0 }

/* snn ---------------------------------------------------------------- */

static const struct kt_opt snn_opts[] = {
	{ "mcc", "DIGITS", "MCC, 3 digits", KT_OPT_REQ },
	{ "mnc", "DIGITS", "MNC, 2 or 3 digits", KT_OPT_REQ },
	O_END,
};

static int
d_snn(const struct kt_args *a)
{
	char out[64];
	int n;

	n = agw_kdf_snn(kt_get(a, "mcc", 0), kt_get(a, "mnc", 0), out, sizeof(out));
	if (n < 0)
		return kt_err(a, NULL, "--mcc must be 3 digits and --mnc 2 or 3 digits");
	kt_out_text(NULL, out);
	return 0;
}

/* supi --------------------------------------------------------------- */

static const struct kt_opt supi_opts[] = {
	{ "supi", "TEXT", "SUPI: imsi-<digits>, nai-/gci-/gli-<nai> or IMSI digits",
	  KT_OPT_REQ },
	O_END,
};

static int
d_supi(const struct kt_args *a)
{
	char supi[KT_SUPI_MAX];
	size_t len = 0;

	if (kt_opt_supi(a, supi, &len) < 0)
		return -EINVAL;
	kt_out_text(NULL, supi);
	return 0;
}

/* kausf -------------------------------------------------------------- */

static const struct kt_opt kausf_opts[] = {
	O_CK, O_IK, O_SNN,
	{ "sqn-xor-ak", "HEX6", "SQN xor AK (first 6 octets of AUTN)", KT_OPT_REQ },
	O_END,
};

static int
d_kausf(const struct kt_args *a)
{
	uint8_t ck[K16], ik[K16], sqn_ak[AGW_SQN_AK_LEN], out[K32];
	const char *snn;
	size_t snn_len = 0;
	int rc;

	rc = kt_hex(a, "ck", ck, K16);
	if (rc == 0)
		rc = kt_hex(a, "ik", ik, K16);
	if (rc == 0)
		rc = kt_opt_snn(a, "snn", &snn, &snn_len);
	if (rc == 0)
		rc = kt_hex(a, "sqn-xor-ak", sqn_ak, sizeof(sqn_ak));
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kausf",
				agw_kdf_kausf(ck, ik, snn, snn_len, sqn_ak, out), out, K32);
	agw_memzero(ck, K16);
	agw_memzero(ik, K16);
	return rc;
}

/* kausf-eap ------------------------------------------------------------ */

static const struct kt_opt kausf_eap_opts[] = {
	{ "emsk", "HEX64", "EMSK of EAP-AKA' (64 octets)", KT_OPT_REQ },
	O_END,
};

static int
d_kausf_eap(const struct kt_args *a)
{
	uint8_t emsk[64], out[K32];
	int rc;

	rc = kt_hex(a, "emsk", emsk, sizeof(emsk));
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kausf_eap_aka_prime",
				agw_kdf_kausf_eap_aka_prime(emsk, out), out, K32);
	agw_memzero(emsk, sizeof(emsk));
	return rc;
}

/* res-star ----------------------------------------------------------- */

static const struct kt_opt res_star_opts[] = {
	O_CK, O_IK, O_SNN, O_RAND,
	{ "res", "HEX", "RES or XRES, 4..16 octets", KT_OPT_REQ },
	O_END,
};

static int
d_res_star(const struct kt_args *a)
{
	uint8_t ck[K16], ik[K16], rand[AGW_KDF_RAND_LEN], res[16], out[AGW_RES_STAR_LEN];
	const char *snn;
	size_t snn_len = 0;
	long res_len = 0;
	int rc;

	rc = kt_hex(a, "ck", ck, K16);
	if (rc == 0)
		rc = kt_hex(a, "ik", ik, K16);
	if (rc == 0)
		rc = kt_opt_snn(a, "snn", &snn, &snn_len);
	if (rc == 0)
		rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0) {
		res_len = kt_hexv(a, "res", 0, res, 4, sizeof(res));
		rc = res_len < 0 ? -EINVAL : 0;
	}
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_res_star",
				agw_kdf_res_star(ck, ik, snn, snn_len, rand, res, (size_t)res_len,
						 out), out, sizeof(out));
	agw_memzero(ck, K16);
	agw_memzero(ik, K16);
	agw_memzero(res, sizeof(res));
	return rc;
}

/* hres-star ---------------------------------------------------------- */

static const struct kt_opt hres_star_opts[] = {
	O_RAND,
	{ "res-star", "HEX16", "RES* or XRES*", KT_OPT_REQ },
	O_END,
};

static int
d_hres_star(const struct kt_args *a)
{
	uint8_t rand[AGW_KDF_RAND_LEN], res_star[AGW_RES_STAR_LEN], out[AGW_RES_STAR_LEN];
	int rc;

	rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "res-star", res_star, sizeof(res_star));
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_hres_star", agw_kdf_hres_star(rand, res_star, out),
				out, sizeof(out));
	agw_memzero(res_star, sizeof(res_star));
	return rc;
}

/* kseaf -------------------------------------------------------------- */

static const struct kt_opt kseaf_opts[] = {
	{ "kausf", "HEX32", "K_AUSF", KT_OPT_REQ },
	O_SNN,
	O_END,
};

static int
d_kseaf(const struct kt_args *a)
{
	uint8_t kausf[K32], out[K32];
	const char *snn;
	size_t snn_len = 0;
	int rc;

	rc = kt_hex(a, "kausf", kausf, K32);
	if (rc == 0)
		rc = kt_opt_snn(a, "snn", &snn, &snn_len);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kseaf", agw_kdf_kseaf(kausf, snn, snn_len, out), out,
				K32);
	agw_memzero(kausf, K32);
	return rc;
}

/* kamf --------------------------------------------------------------- */

static const struct kt_opt kamf_opts[] = {
	{ "kseaf", "HEX32", "K_SEAF", KT_OPT_REQ },
	{ "supi", "TEXT", "SUPI: imsi-<digits>, nai-/gci-/gli-<nai> or IMSI digits",
	  KT_OPT_REQ },
	{ "abba", "HEX", "ABBA, 2..64 octets (0000 for the initial one)", KT_OPT_REQ },
	O_END,
};

static int
d_kamf(const struct kt_args *a)
{
	uint8_t kseaf[K32], abba[64], out[K32];
	char supi[KT_SUPI_MAX];
	size_t supi_len = 0;
	long abba_len = 0;
	int rc;

	rc = kt_hex(a, "kseaf", kseaf, K32);
	if (rc == 0)
		rc = kt_opt_supi(a, supi, &supi_len);
	if (rc == 0) {
		abba_len = kt_hexv(a, "abba", 0, abba, 2, sizeof(abba));
		rc = abba_len < 0 ? -EINVAL : 0;
	}
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kamf",
				agw_kdf_kamf(kseaf, supi, supi_len, abba, (size_t)abba_len, out),
				out, K32);
	agw_memzero(kseaf, K32);
	return rc;
}

/* alg-key, nas-keys -------------------------------------------------- */

static const struct kt_opt alg_key_opts[] = {
	{ "key", "HEX32", "K_AMF, K_gNB or K_SN", KT_OPT_REQ },
	{ "type", "N", "distinguisher 1..6 (NAS-enc, NAS-int, RRC-enc, RRC-int, UP-enc, UP-int)",
	  KT_OPT_REQ },
	{ "alg", "N", "algorithm identity 0..15", KT_OPT_REQ },
	O_END,
};

static int
d_alg_key(const struct kt_args *a)
{
	uint8_t key[K32], out[K16];
	uint32_t type = 0, alg = 0;
	int rc;

	rc = kt_hex(a, "key", key, K32);
	if (rc == 0)
		rc = kt_uint(a, "type", AGW_ALG_NAS_ENC, AGW_ALG_UP_INT, &type);
	if (rc == 0)
		rc = kt_uint(a, "alg", 0, 15, &alg);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_alg_key",
				agw_kdf_alg_key(key, (uint8_t)type, (uint8_t)alg, out), out, K16);
	agw_memzero(key, K32);
	return rc;
}

static const struct kt_opt nas_keys_opts[] = {
	O_KAMF,
	{ "nea", "N", "ciphering algorithm identity 0..15 (2 = 128-NEA2)", KT_OPT_REQ },
	{ "nia", "N", "integrity algorithm identity 0..15 (2 = 128-NIA2)", KT_OPT_REQ },
	O_END,
};

static int
d_nas_keys(const struct kt_args *a)
{
	uint8_t kamf[K32], enc[K16], integ[K16];
	uint32_t nea = 0, nia = 0;
	int rc;

	rc = kt_hex(a, "kamf", kamf, K32);
	if (rc == 0)
		rc = kt_uint(a, "nea", 0, 15, &nea);
	if (rc == 0)
		rc = kt_uint(a, "nia", 0, 15, &nia);
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf_nas_keys",
			    agw_kdf_nas_keys(kamf, (uint8_t)nea, (uint8_t)nia, enc, integ));
	if (rc == 0) {
		kt_out_hex("knas_enc", enc, K16);
		kt_out_hex("knas_int", integ, K16);
	}
	agw_memzero(kamf, K32);
	agw_memzero(enc, K16);
	agw_memzero(integ, K16);
	return rc;
}

/* kgnb, nh ----------------------------------------------------------- */

static const struct kt_opt kgnb_opts[] = {
	O_KAMF,
	{ "ul-count", "COUNT", "uplink NAS COUNT, hex", KT_OPT_REQ },
	{ "access", "N", "access type: 1 3GPP (K_gNB, default), 2 non-3GPP (K_N3IWF)", 0 },
	O_END,
};

static int
d_kgnb(const struct kt_args *a)
{
	uint8_t kamf[K32], out[K32];
	uint32_t count = 0, access = AGW_ACCESS_3GPP;
	int rc;

	rc = kt_hex(a, "kamf", kamf, K32);
	if (rc == 0)
		rc = kt_xuint(a, "ul-count", 8, &count);
	if (rc == 0 && kt_get(a, "access", 0) != NULL)
		rc = kt_uint(a, "access", AGW_ACCESS_3GPP, AGW_ACCESS_NON_3GPP, &access);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kgnb", agw_kdf_kgnb(kamf, count, (uint8_t)access, out),
				out, K32);
	agw_memzero(kamf, K32);
	return rc;
}

static const struct kt_opt nh_opts[] = {
	O_KAMF,
	{ "sync-input", "HEX32", "SYNC-input: the fresh K_gNB, then the previous NH",
	  KT_OPT_REQ },
	O_END,
};

static int
d_nh(const struct kt_args *a)
{
	uint8_t kamf[K32], sync[K32], out[K32];
	int rc;

	rc = kt_hex(a, "kamf", kamf, K32);
	if (rc == 0)
		rc = kt_hex(a, "sync-input", sync, K32);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_nh", agw_kdf_nh(kamf, sync, out), out, K32);
	agw_memzero(kamf, K32);
	agw_memzero(sync, K32);
	return rc;
}

/* kng-ran-star, kng-ran-star-enb ------------------------------------- */

static const struct kt_opt kng_gnb_opts[] = {
	{ "key", "HEX32", "K_gNB or NH", KT_OPT_REQ },
	{ "pci", "N", "target PCI 0..1007", KT_OPT_REQ },
	{ "arfcn-dl", "N", "target NR-ARFCN-DL 0..16777215", KT_OPT_REQ },
	O_END,
};

static const struct kt_opt kng_enb_opts[] = {
	{ "key", "HEX32", "K_gNB or NH", KT_OPT_REQ },
	{ "pci", "N", "target PCI 0..503", KT_OPT_REQ },
	{ "earfcn-dl", "N", "target EARFCN-DL 0..16777215", KT_OPT_REQ },
	O_END,
};

static int
kng_ran_star(const struct kt_args *a, int enb)
{
	uint8_t key[K32], out[K32];
	uint32_t pci = 0, arfcn = 0;
	int rc;

	rc = kt_hex(a, "key", key, K32);
	if (rc == 0)
		rc = kt_uint(a, "pci", 0, enb ? 503 : 1007, &pci);
	if (rc == 0)
		rc = kt_uint(a, enb ? "earfcn-dl" : "arfcn-dl", 0, 0xffffff, &arfcn);
	if (rc == 0 && enb)
		rc = kt_out_key(a, "agw_kdf_kng_ran_star_enb",
				agw_kdf_kng_ran_star_enb(key, (uint16_t)pci, arfcn, out), out, K32);
	else if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kng_ran_star_gnb",
				agw_kdf_kng_ran_star_gnb(key, (uint16_t)pci, arfcn, out), out, K32);
	agw_memzero(key, K32);
	return rc;
}

static int
d_kng_gnb(const struct kt_args *a)
{
	return kng_ran_star(a, 0);
}

static int
d_kng_enb(const struct kt_args *a)
{
	return kng_ran_star(a, 1);
}

/* kamf-prime --------------------------------------------------------- */

static const struct kt_opt kamf_prime_opts[] = {
	O_KAMF,
	{ "direction", "N", "0 idle mobility (uplink COUNT), 1 handover (downlink COUNT)",
	  KT_OPT_REQ },
	{ "count", "COUNT", "NAS COUNT, hex", KT_OPT_REQ },
	O_END,
};

static int
d_kamf_prime(const struct kt_args *a)
{
	uint8_t kamf[K32], out[K32];
	uint32_t dir = 0, count = 0;
	int rc;

	rc = kt_hex(a, "kamf", kamf, K32);
	if (rc == 0)
		rc = kt_uint(a, "direction", 0, 1, &dir);
	if (rc == 0)
		rc = kt_xuint(a, "count", 8, &count);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kamf_prime",
				agw_kdf_kamf_prime(kamf, (uint8_t)dir, count, out), out, K32);
	agw_memzero(kamf, K32);
	return rc;
}

const struct kt_cmd kt_derive_5g_cmds[] = {
	{ "snn", "serving network name 5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org (TS 33.501 6.1.1.4)",
	  NULL, snn_opts, d_snn, NULL },
	{ "supi", "SUPI as KDF parameter (TS 33.501 A.7.0): IMSI digits or NAI", NULL,
	  supi_opts, d_supi, NULL },
	{ "kausf", "K_AUSF for 5G AKA (TS 33.501 A.2, FC 0x6A)", NULL, kausf_opts, d_kausf,
	  NULL },
	{ "kausf-eap", "K_AUSF after EAP-AKA': 256 MSBs of EMSK (TS 33.501 6.1.3.1)", NULL,
	  kausf_eap_opts, d_kausf_eap, NULL },
	{ "res-star", "RES* / XRES* (TS 33.501 A.4, FC 0x6B)", NULL, res_star_opts, d_res_star,
	  NULL },
	{ "hres-star", "HRES* / HXRES* (TS 33.501 A.5)", NULL, hres_star_opts, d_hres_star,
	  NULL },
	{ "kseaf", "K_SEAF (TS 33.501 A.6, FC 0x6C)", NULL, kseaf_opts, d_kseaf, NULL },
	{ "kamf", "K_AMF (TS 33.501 A.7, FC 0x6D)", NULL, kamf_opts, d_kamf, NULL },
	{ "alg-key", "algorithm key from K_AMF/K_gNB (TS 33.501 A.8, FC 0x69)", NULL,
	  alg_key_opts, d_alg_key, NULL },
	{ "nas-keys", "K_NASenc and K_NASint (TS 33.501 A.8); prints knas_enc=, knas_int=",
	  NULL, nas_keys_opts, d_nas_keys, NULL },
	{ "kgnb", "K_gNB / K_N3IWF (TS 33.501 A.9, FC 0x6E)", NULL, kgnb_opts, d_kgnb, NULL },
	{ "nh", "NH (TS 33.501 A.10, FC 0x6F)", NULL, nh_opts, d_nh, NULL },
	{ "kng-ran-star", "K_NG-RAN* for a target gNB (TS 33.501 A.11, FC 0x70)", NULL,
	  kng_gnb_opts, d_kng_gnb, NULL },
	{ "kng-ran-star-enb", "K_NG-RAN* for a target ng-eNB (TS 33.501 A.12, FC 0x71)", NULL,
	  kng_enb_opts, d_kng_enb, NULL },
	{ "kamf-prime", "K_AMF' horizontal derivation (TS 33.501 A.13, FC 0x72)", NULL,
	  kamf_prime_opts, d_kamf_prime, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
