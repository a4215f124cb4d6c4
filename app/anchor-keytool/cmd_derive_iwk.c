/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * derive: 5GS/EPS interworking (TS 33.501 A.14, A.15), EPS algorithm keys
 * (TS 33.401 A.7), CK'/IK' (TS 33.402 A.2) and EAP-AKA' keys (RFC 5448).
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "derive.h"

#define K16 AGW_KEY128_LEN
#define K32 AGW_KEY256_LEN
#define O_END { NULL, NULL, NULL, 0 }

static const char *const modes[] = { "idle", "ho", NULL };

/* kasme-prime -------------------------------------------------------- */

static const struct kt_opt kasme_prime_opts[] = {
	{ "kamf", "HEX32", "K_AMF", KT_OPT_REQ },
	{ "mode", "idle|ho", "idle mobility (A.14.1) or handover (A.14.2)", KT_OPT_REQ },
	{ "count", "COUNT", "NAS COUNT, hex: uplink (idle) or downlink (ho)", KT_OPT_REQ },
	O_END,
};

static int
d_kasme_prime(const struct kt_args *a)
{
	uint8_t kamf[K32], out[K32];
	uint32_t count = 0;
	int mode, rc;

	rc = kt_hex(a, "kamf", kamf, K32);
	mode = rc == 0 ? kt_word(a, "mode", modes) : -EINVAL;
	rc = mode < 0 ? -EINVAL : kt_xuint(a, "count", 8, &count);
	if (rc == 0 && mode == 0)
		rc = kt_out_key(a, "agw_kdf_kasme_prime_idle",
				agw_kdf_kasme_prime_idle(kamf, count, out), out, K32);
	else if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kasme_prime_ho",
				agw_kdf_kasme_prime_ho(kamf, count, out), out, K32);
	agw_memzero(kamf, K32);
	return rc;
}

/* kamf-from-kasme ---------------------------------------------------- */

static const struct kt_opt kamf_from_kasme_opts[] = {
	{ "kasme", "HEX32", "K_ASME", KT_OPT_REQ },
	{ "mode", "idle|ho", "idle mobility (A.15.1) or handover (A.15.2)", KT_OPT_REQ },
	{ "count", "COUNT", "idle: uplink NAS COUNT of the TAU, hex", 0 },
	{ "nh", "HEX32", "ho: NH", 0 },
	O_END,
};

static int
kamf_from_kasme_ho(const struct kt_args *a, const uint8_t kasme[K32])
{
	uint8_t nh[K32], out[K32];
	int rc;

	if (kt_get(a, "count", 0) != NULL)
		return kt_err(a, "count", "only with --mode idle");
	rc = kt_hex(a, "nh", nh, K32);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kamf_from_kasme_ho",
				agw_kdf_kamf_from_kasme_ho(kasme, nh, out), out, K32);
	agw_memzero(nh, K32);
	return rc;
}

static int
kamf_from_kasme_idle(const struct kt_args *a, const uint8_t kasme[K32])
{
	uint8_t out[K32];
	uint32_t count = 0;

	if (kt_get(a, "nh", 0) != NULL)
		return kt_err(a, "nh", "only with --mode ho");
	if (kt_xuint(a, "count", 8, &count) < 0)
		return -EINVAL;
	return kt_out_key(a, "agw_kdf_kamf_from_kasme_idle",
			  agw_kdf_kamf_from_kasme_idle(kasme, count, out), out, K32);
}

static int
d_kamf_from_kasme(const struct kt_args *a)
{
	uint8_t kasme[K32];
	int mode, rc;

	rc = kt_hex(a, "kasme", kasme, K32);
	mode = rc == 0 ? kt_word(a, "mode", modes) : -EINVAL;
	if (mode == 0)
		rc = kamf_from_kasme_idle(a, kasme);
	else if (mode == 1)
		rc = kamf_from_kasme_ho(a, kasme);
	else
		rc = -EINVAL;
	agw_memzero(kasme, K32);
	return rc;
}

/* eps-alg-key, eps-nas-keys ------------------------------------------ */

static const struct kt_opt eps_alg_key_opts[] = {
	{ "key", "HEX32", "K_ASME (NAS) or K_eNB (AS)", KT_OPT_REQ },
	{ "type", "N", "distinguisher 1..6 (NAS-enc, NAS-int, RRC-enc, RRC-int, UP-enc, UP-int)",
	  KT_OPT_REQ },
	{ "alg", "N", "EEA/EIA identity 0..15", KT_OPT_REQ },
	O_END,
};

static int
d_eps_alg_key(const struct kt_args *a)
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
		rc = kt_out_key(a, "agw_kdf_eps_alg_key",
				agw_kdf_eps_alg_key(key, (uint8_t)type, (uint8_t)alg, out), out,
				K16);
	agw_memzero(key, K32);
	return rc;
}

static const struct kt_opt eps_nas_keys_opts[] = {
	{ "kasme", "HEX32", "K_ASME", KT_OPT_REQ },
	{ "eea", "N", "EPS ciphering algorithm identity 0..15", KT_OPT_REQ },
	{ "eia", "N", "EPS integrity algorithm identity 0..15", KT_OPT_REQ },
	O_END,
};

static int
d_eps_nas_keys(const struct kt_args *a)
{
	uint8_t kasme[K32], enc[K16], integ[K16];
	uint32_t eea = 0, eia = 0;
	int rc;

	rc = kt_hex(a, "kasme", kasme, K32);
	if (rc == 0)
		rc = kt_uint(a, "eea", 0, 15, &eea);
	if (rc == 0)
		rc = kt_uint(a, "eia", 0, 15, &eia);
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf_eps_alg_key",
			    agw_kdf_eps_alg_key(kasme, AGW_ALG_NAS_ENC, (uint8_t)eea, enc));
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf_eps_alg_key",
			    agw_kdf_eps_alg_key(kasme, AGW_ALG_NAS_INT, (uint8_t)eia, integ));
	if (rc == 0) {
		kt_out_hex("knas_enc", enc, K16);
		kt_out_hex("knas_int", integ, K16);
	}
	agw_memzero(kasme, K32);
	agw_memzero(enc, K16);
	agw_memzero(integ, K16);
	return rc;
}

/* ck-ik-prime -------------------------------------------------------- */

static const struct kt_opt ck_ik_prime_opts[] = {
	{ "ck", "HEX16", "CK", KT_OPT_REQ },
	{ "ik", "HEX16", "IK", KT_OPT_REQ },
	{ "anid", "TEXT", "access network identity (e.g. WLAN) or serving network name",
	  KT_OPT_REQ },
	{ "sqn-xor-ak", "HEX6", "SQN xor AK", KT_OPT_REQ },
	O_END,
};

static int
d_ck_ik_prime(const struct kt_args *a)
{
	uint8_t ck[K16], ik[K16], sqn_ak[AGW_SQN_AK_LEN], ckp[K16], ikp[K16];
	const char *anid;
	size_t anid_len = 0;
	int rc;

	rc = kt_hex(a, "ck", ck, K16);
	if (rc == 0)
		rc = kt_hex(a, "ik", ik, K16);
	if (rc == 0)
		rc = kt_opt_snn(a, "anid", &anid, &anid_len);
	if (rc == 0)
		rc = kt_hex(a, "sqn-xor-ak", sqn_ak, sizeof(sqn_ak));
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf_ck_ik_prime",
			    agw_kdf_ck_ik_prime(ck, ik, anid, anid_len, sqn_ak, ckp, ikp));
	if (rc == 0) {
		kt_out_hex("ck_prime", ckp, K16);
		kt_out_hex("ik_prime", ikp, K16);
	}
	agw_memzero(ck, K16);
	agw_memzero(ik, K16);
	agw_memzero(ckp, K16);
	agw_memzero(ikp, K16);
	return rc;
}

/* eap-aka-prime ------------------------------------------------------ */

static const struct kt_opt eap_aka_prime_opts[] = {
	{ "ck-prime", "HEX16", "CK'", KT_OPT_REQ },
	{ "ik-prime", "HEX16", "IK'", KT_OPT_REQ },
	{ "identity", "TEXT", "EAP identity (may be empty)", KT_OPT_REQ },
	O_END,
};

static int
d_eap_aka_prime(const struct kt_args *a)
{
	struct agw_eap_aka_prime_keys keys;
	uint8_t ckp[K16], ikp[K16];
	const char *id;
	int rc;

	rc = kt_hex(a, "ck-prime", ckp, K16);
	if (rc == 0)
		rc = kt_hex(a, "ik-prime", ikp, K16);
	if (rc == 0)
		rc = kt_text(a, "identity", 0, AGW_KDF_PARAM_MAX, &id);
	if (rc == 0)
		rc = kt_lib(a, "agw_eap_aka_prime_keys",
			    agw_eap_aka_prime_keys(ckp, ikp, id, strlen(id), &keys));
	if (rc == 0) {
		kt_out_hex("k_encr", keys.k_encr, sizeof(keys.k_encr));
		kt_out_hex("k_aut", keys.k_aut, sizeof(keys.k_aut));
		kt_out_hex("k_re", keys.k_re, sizeof(keys.k_re));
		kt_out_hex("msk", keys.msk, sizeof(keys.msk));
		kt_out_hex("emsk", keys.emsk, sizeof(keys.emsk));
	}
	agw_memzero(&keys, sizeof(keys));
	agw_memzero(ckp, K16);
	agw_memzero(ikp, K16);
	return rc;
}

const struct kt_cmd kt_derive_iwk_cmds[] = {
	{ "kasme-prime", "K'ASME from K_AMF, 5GS to EPS (TS 33.501 A.14, FC 0x73/0x74)", NULL,
	  kasme_prime_opts, d_kasme_prime, NULL },
	{ "kamf-from-kasme", "K_AMF' from K_ASME, EPS to 5GS (TS 33.501 A.15, FC 0x75/0x76)",
	  "--mode idle takes --count, --mode ho takes --nh.", kamf_from_kasme_opts,
	  d_kamf_from_kasme, NULL },
	{ "eps-alg-key", "EPS algorithm key (TS 33.401 A.7, FC 0x15)", NULL, eps_alg_key_opts,
	  d_eps_alg_key, NULL },
	{ "eps-nas-keys", "EPS K_NASenc and K_NASint from K_ASME (TS 33.401 A.7); prints "
	  "knas_enc=, knas_int=", NULL, eps_nas_keys_opts, d_eps_nas_keys, NULL },
	{ "ck-ik-prime", "CK' and IK' (TS 33.402 A.2, FC 0x20); prints ck_prime=, ik_prime=",
	  NULL, ck_ik_prime_opts, d_ck_ik_prime, NULL },
	{ "eap-aka-prime", "EAP-AKA' keys (RFC 5448 3.3); prints k_encr, k_aut, k_re, msk, emsk",
	  NULL, eap_aka_prime_opts, d_eap_aka_prime, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
