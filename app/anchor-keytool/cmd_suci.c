/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * suci conceal, suci deconceal: SUPI <-> SUCI with the null scheme and the
 * ECIES profiles A and B of TS 33.501 Annex C (lib/sidf). The SUCI is the
 * 5GS mobile identity IE value (TS 24.501 9.11.3.4) as hex.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_sidf.h"
#include "agw_util.h"
#include "keytool.h"

static const char *const profile_words[] = {"null", "A", "B", NULL};

/* Option @name as 1..@max decimal digits, at least @min. */
static int
opt_digits(const struct kt_args *a, const char *name, size_t min, size_t max, char *out)
{
	const char *v;
	size_t i, n;

	if (kt_text(a, name, min, max, &v) < 0)
		return -EINVAL;
	n = strlen(v);
	for (i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return kt_err(a, name, "'%s' is not %zu to %zu decimal digits", v, min,
				      max);
	memcpy(out, v, n + 1);
	return 0;
}

/* Print the fields of a SUCI (as the library parses it). */
static void
print_suci(const uint8_t *ie, size_t len)
{
	struct agw_sidf_suci s;
	char num[8];

	kt_out_hex("suci", ie, len);
	if (agw_sidf_suci_parse(ie, len, &s) != 0)
		return;
	if (s.nai_form) {
		kt_out_text("supi_format", "nai");
		printf("nai=%.*s\n", (int)len - 1, (const char *)ie + 1);
	} else {
		kt_out_text("supi_format", "imsi");
		kt_out_text("mcc", s.mcc);
		kt_out_text("mnc", s.mnc);
	}
	kt_out_text("routing_indicator", s.rid);
	snprintf(num, sizeof(num), "%u", s.scheme);
	kt_out_text("protection_scheme", num);
	snprintf(num, sizeof(num), "%u", s.hn_key_id);
	kt_out_text("hn_key_id", num);
	if (s.out_len > 0) {
		kt_out_hex("eph_pub", s.out, s.eph_len);
		kt_out_hex("ciphertext", s.out + s.eph_len, s.cipher_len);
		kt_out_hex("mac_tag", s.out + s.out_len - AGW_SIDF_TAG_LEN, AGW_SIDF_TAG_LEN);
	}
}

/* suci conceal ------------------------------------------------------- */

static const struct kt_opt conceal_opts[] = {
	{"profile", "A|B", "ECIES profile: A (X25519) or B (secp256r1); null: null scheme",
	 KT_OPT_REQ},
	{"hn-pub", "HEX", "home network public key: A 32 octets; B 33 or 65 octets", 0},
	{"hn-key-id", "N", "home network public key identifier, 0-255", KT_OPT_REQ},
	{"mcc", "DIGITS", "MCC, 3 digits (with --msin)", 0},
	{"mnc", "DIGITS", "MNC, 2 or 3 digits (with --msin)", 0},
	{"routing-indicator", "DIGITS", "routing indicator, 1-4 digits (default 0)", 0},
	{"msin", "DIGITS", "IMSI SUPI: the MSIN, 1-10 digits (give --msin or --nai)", 0},
	{"nai", "TEXT", "NAI SUPI: username@realm (give --msin or --nai)", 0},
	{"eph-priv", "HEX32", "ephemeral private key (default: fresh from the CSPRNG)", 0},
	{NULL, NULL, NULL, 0},
};

static int
conceal_input(const struct kt_args *a, struct agw_sidf_ue *ue, char *msin, uint8_t *pub,
	      uint8_t *eph)
{
	uint32_t id;
	long n;
	int p;

	p = kt_word(a, "profile", profile_words);
	if (p < 0 || kt_uint(a, "hn-key-id", 0, 255, &id) < 0)
		return -EINVAL;
	ue->scheme = (uint8_t)p;
	ue->hn_key_id = (uint8_t)id;
	strcpy(ue->rid, "0");
	if (kt_get(a, "routing-indicator", 0) != NULL &&
	    opt_digits(a, "routing-indicator", 1, 4, ue->rid) < 0)
		return -EINVAL;
	if ((kt_get(a, "msin", 0) != NULL) == (kt_get(a, "nai", 0) != NULL))
		return kt_err(a, kt_get(a, "msin", 0) ? "msin" : "nai",
			      "give exactly one of --msin and --nai");
	if (kt_get(a, "msin", 0) != NULL) {
		ue->supi_type = AGW_SIDF_SUPI_IMSI;
		if (opt_digits(a, "mcc", 3, 3, ue->mcc) < 0 ||
		    opt_digits(a, "mnc", 2, 3, ue->mnc) < 0 ||
		    opt_digits(a, "msin", 1, AGW_SIDF_MSIN_MAX, msin) < 0)
			return -EINVAL;
		if (3 + strlen(ue->mnc) + strlen(msin) > 15)
			return kt_err(a, "msin", "the IMSI would exceed 15 digits");
		ue->msin = msin;
	} else {
		ue->supi_type = AGW_SIDF_SUPI_NSI;
		if (kt_text(a, "nai", 3, AGW_SIDF_USERNAME_MAX + 1 + AGW_SIDF_REALM_MAX, &ue->nai) <
		    0)
			return -EINVAL;
		if (strrchr(ue->nai, '@') == NULL || strrchr(ue->nai, '@') == ue->nai ||
		    strrchr(ue->nai, '@')[1] == '\0')
			return kt_err(a, "nai", "want username@realm");
	}
	if (ue->scheme == AGW_SIDF_SCHEME_NULL) {
		if (kt_get(a, "hn-pub", 0) != NULL || kt_get(a, "eph-priv", 0) != NULL)
			return kt_err(a, kt_get(a, "hn-pub", 0) ? "hn-pub" : "eph-priv",
				      "not used with the null scheme");
		return 0;
	}
	if (kt_get(a, "hn-pub", 0) == NULL)
		return kt_err(a, "hn-pub", "missing option (profiles A and B)");
	n = kt_hexv(a, "hn-pub", 0, pub, AGW_SIDF_X25519_LEN, AGW_SIDF_P256_U_LEN);
	if (n < 0)
		return -EINVAL;
	if (ue->scheme == AGW_SIDF_PROFILE_A && n != AGW_SIDF_X25519_LEN)
		return kt_err(a, "hn-pub", "profile A wants 32 octets, got %ld", n);
	if (ue->scheme == AGW_SIDF_PROFILE_B && n != AGW_SIDF_P256_C_LEN &&
	    n != AGW_SIDF_P256_U_LEN)
		return kt_err(a, "hn-pub", "profile B wants 33 or 65 octets, got %ld", n);
	ue->hn_pub = pub;
	ue->hn_pub_len = (size_t)n;
	if (kt_get(a, "eph-priv", 0) != NULL) {
		if (kt_hex(a, "eph-priv", eph, AGW_SIDF_PRIV_LEN) < 0)
			return -EINVAL;
		ue->eph_priv = eph;
		ue->eph_priv_len = AGW_SIDF_PRIV_LEN;
	}
	return 0;
}

static int
c_conceal(const struct kt_args *a)
{
	uint8_t pub[AGW_SIDF_P256_U_LEN], eph[AGW_SIDF_PRIV_LEN], ie[AGW_SIDF_IE_MAX];
	char msin[AGW_SIDF_MSIN_MAX + 1];
	struct agw_sidf_ue ue;
	long n;
	int rc;

	memset(&ue, 0, sizeof(ue));
	rc = conceal_input(a, &ue, msin, pub, eph);
	if (rc < 0)
		goto out;
	n = agw_sidf_conceal(&ue, ie, sizeof(ie), NULL);
	if (n == AGW_SIDF_E_BAD_POINT) {
		rc = kt_err(a, "hn-pub", "not a valid public key for profile %s",
			    profile_words[ue.scheme]);
	} else if (n == AGW_SIDF_E_INVAL) {
		rc = kt_err(a,
			    ue.eph_priv != NULL ? "eph-priv"
			    : ue.msin		? "msin"
						: "nai",
			    "rejected by agw_sidf_conceal");
	} else if (n < 0) {
		rc = kt_err(a, NULL, "agw_sidf_conceal failed: %s", agw_sidf_strerror((int)n));
		rc = -EIO;
	} else {
		print_suci(ie, (size_t)n);
	}
out:
	agw_memzero(eph, sizeof(eph));
	agw_memzero(msin, sizeof(msin));
	return rc;
}

/* suci deconceal ----------------------------------------------------- */

static const struct kt_opt deconceal_opts[] = {
	{"profile", "A|B", "ECIES profile: A (X25519) or B (secp256r1); null: null scheme",
	 KT_OPT_REQ},
	{"hn-priv", "HEX32", "home network private key (32-octet scalar)", KT_OPT_REQ},
	{"suci", "HEX", "SUCI: the 5GS mobile identity IE value", KT_OPT_REQ},
	{NULL, NULL, NULL, 0},
};

static int
c_deconceal(const struct kt_args *a)
{
	static const struct agw_sidf_policy pol = {.allow_null_scheme = 1};
	uint8_t priv[AGW_SIDF_PRIV_LEN], ie[AGW_SIDF_IE_MAX];
	struct agw_hnkeys *ks = NULL;
	struct agw_sidf_result res;
	struct agw_sidf_suci s;
	long n;
	int p, rc;

	p = kt_word(a, "profile", profile_words);
	if (p < 0)
		return -EINVAL;
	rc = kt_hex(a, "hn-priv", priv, sizeof(priv));
	if (rc < 0)
		goto out;
	n = kt_hexv(a, "suci", 0, ie, 1, sizeof(ie));
	if (n < 0) {
		rc = -EINVAL;
		goto out;
	}
	rc = agw_sidf_suci_parse(ie, (size_t)n, &s);
	if (rc != 0) {
		rc = kt_err(a, "suci", "%s", agw_sidf_strerror(rc));
		goto out;
	}
	if (s.scheme != AGW_SIDF_SCHEME_NULL && s.scheme != (unsigned int)p) {
		rc = kt_err(a, "profile", "the SUCI uses protection scheme %u", s.scheme);
		goto out;
	}
	ks = agw_hnkeys_create();
	if (ks == NULL) {
		rc = kt_lib(a, "agw_hnkeys_create", -ENOMEM);
		goto out;
	}
	if (p != AGW_SIDF_SCHEME_NULL &&
	    agw_hnkeys_add_raw(ks, s.hn_key_id, (unsigned int)p, priv, sizeof(priv)) != 0) {
		rc = kt_err(a, "hn-priv", "not a valid private key for profile %s",
			    profile_words[p]);
		goto out;
	}
	rc = agw_sidf_deconceal_parsed(ks, &pol, &s, &res, NULL, NULL);
	if (rc == 0) {
		kt_out_text(NULL, res.supi);
	} else if (rc == AGW_SIDF_E_BAD_TAG || rc == AGW_SIDF_E_BAD_PLAINTEXT) {
		/* A check failed (wrong key or a corrupted SUCI): exit 1. */
		kt_err(a, NULL, "de-concealment failed: %s", agw_sidf_strerror(rc));
		rc = -EBADMSG;
	} else if (rc == AGW_SIDF_E_CRYPTO) {
		kt_err(a, NULL, "agw_sidf_deconceal failed: %s", agw_sidf_strerror(rc));
		rc = -EIO;
	} else {
		rc = kt_err(a, "suci", "%s", agw_sidf_strerror(rc));
	}
out:
	agw_hnkeys_free(ks);
	agw_memzero(priv, sizeof(priv));
	agw_memzero(&res, sizeof(res));
	return rc;
}

/* Table -------------------------------------------------------------- */

static const struct kt_cmd suci_sub[] = {
	{"conceal", "SUPI -> SUCI (UE side, TS 33.501 C.3.2)",
	 "Prints suci=<5GS mobile identity value hex> and its fields. With --nai the\n"
	 "SUCI is the TS 23.003 28.7.3 NAI in a SUPI-format-NAI identity.",
	 conceal_opts, c_conceal, NULL},
	{"deconceal", "SUCI -> SUPI (home network side, TS 33.501 C.3.3)",
	 "Prints the SUPI: imsi-<MCC><MNC><MSIN> or nai-<username>@<realm>.\n"
	 "The key is used under the key id the SUCI names. Exit 1 when the\n"
	 "MAC tag does not verify.",
	 deconceal_opts, c_deconceal, NULL},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct kt_cmd *const suci_tables[] = {suci_sub, NULL};

static const struct kt_opt no_opts[] = {
	{NULL, NULL, NULL, 0},
};

const struct kt_cmd kt_suci_cmds[] = {
	{"suci", "SUCI concealment and de-concealment (TS 33.501 6.12, Annex C)",
	 "Profiles: A = X25519, B = secp256r1 (compressed ephemeral key).", no_opts, NULL,
	 suci_tables},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};
