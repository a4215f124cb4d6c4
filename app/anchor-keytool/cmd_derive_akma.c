/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* derive: AKMA keys and identifiers (TS 33.535 Annex A and 6.1). */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "derive.h"

#define K32 AGW_KEY256_LEN
#define O_END { NULL, NULL, NULL, 0 }
#define O_SUPI { "supi", "TEXT", "SUPI: imsi-<digits>, nai-/gci-/gli-<nai> or IMSI digits", \
		 KT_OPT_REQ }
#define O_FQDN { "fqdn", "TEXT", "FQDN of the AF", KT_OPT_REQ }
#define O_UA { "ua-proto", "HEX5", "Ua* security protocol identifier (TS 33.220 H)", \
	       KT_OPT_REQ }

/** AF_ID room: FQDN (at most 253) + 5 octets. */
#define AF_ID_MAX 320

/* kakma, a-tid ------------------------------------------------------- */

static const struct kt_opt kausf_supi_opts[] = {
	{ "kausf", "HEX32", "K_AUSF", KT_OPT_REQ },
	O_SUPI,
	O_END,
};

static int
kausf_supi(const struct kt_args *a, int atid)
{
	uint8_t kausf[K32], out[K32];
	char supi[KT_SUPI_MAX];
	size_t supi_len = 0;
	int rc;

	rc = kt_hex(a, "kausf", kausf, K32);
	if (rc == 0)
		rc = kt_opt_supi(a, supi, &supi_len);
	if (rc == 0 && atid)
		rc = kt_out_key(a, "agw_kdf_akma_atid",
				agw_kdf_akma_atid(kausf, supi, supi_len, out), out, K32);
	else if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kakma", agw_kdf_kakma(kausf, supi, supi_len, out),
				out, K32);
	agw_memzero(kausf, K32);
	return rc;
}

static int
d_kakma(const struct kt_args *a)
{
	return kausf_supi(a, 0);
}

static int
d_atid(const struct kt_args *a)
{
	return kausf_supi(a, 1);
}

/* af-id, kaf --------------------------------------------------------- */

static int
opt_af_id(const struct kt_args *a, uint8_t out[AF_ID_MAX], size_t *len)
{
	uint8_t ua[AGW_UA_PROTO_ID_LEN];
	const char *fqdn;
	int n;

	if (kt_text(a, "fqdn", 1, 253, &fqdn) < 0 || kt_hex(a, "ua-proto", ua, sizeof(ua)) < 0)
		return -EINVAL;
	n = agw_akma_af_id(fqdn, ua, out, AF_ID_MAX);
	if (n <= 0)
		return kt_err(a, "fqdn", "'%s' is not a usable FQDN", fqdn);
	*len = (size_t)n;
	return 0;
}

static const struct kt_opt af_id_opts[] = {
	O_FQDN,
	O_UA,
	O_END,
};

static int
d_af_id(const struct kt_args *a)
{
	uint8_t af_id[AF_ID_MAX];
	size_t len = 0;

	if (opt_af_id(a, af_id, &len) < 0)
		return -EINVAL;
	kt_out_hex(NULL, af_id, len);
	return 0;
}

static const struct kt_opt kaf_opts[] = {
	{ "kakma", "HEX32", "K_AKMA", KT_OPT_REQ },
	O_FQDN,
	O_UA,
	O_END,
};

static int
d_kaf(const struct kt_args *a)
{
	uint8_t kakma[K32], af_id[AF_ID_MAX], out[K32];
	size_t len = 0;
	int rc;

	rc = kt_hex(a, "kakma", kakma, K32);
	if (rc == 0)
		rc = opt_af_id(a, af_id, &len);
	if (rc == 0)
		rc = kt_out_key(a, "agw_kdf_kaf", agw_kdf_kaf(kakma, af_id, len, out), out, K32);
	agw_memzero(kakma, K32);
	return rc;
}

/* akid --------------------------------------------------------------- */

static const struct kt_opt akid_opts[] = {
	{ "rid", "DIGITS", "routing indicator, 1..4 digits", KT_OPT_REQ },
	{ "a-tid", "HEX", "A-TID, 1..32 octets", KT_OPT_REQ },
	{ "mcc", "DIGITS", "MCC, 3 digits", KT_OPT_REQ },
	{ "mnc", "DIGITS", "MNC, 2 or 3 digits", KT_OPT_REQ },
	O_END,
};

static int
d_akid(const struct kt_args *a)
{
	uint8_t atid[K32];
	char out[256];
	long len;
	int n;

	len = kt_hexv(a, "a-tid", 0, atid, 1, sizeof(atid));
	if (len < 0)
		return -EINVAL;
	n = agw_akma_akid(kt_get(a, "rid", 0), atid, (size_t)len, kt_get(a, "mcc", 0),
			  kt_get(a, "mnc", 0), out, sizeof(out));
	if (n <= 0)
		return kt_err(a, NULL, "--rid must be 1..4 digits, --mcc 3 digits, --mnc 2 or 3");
	kt_out_text(NULL, out);
	return 0;
}

const struct kt_cmd kt_derive_akma_cmds[] = {
	{ "kakma", "K_AKMA (TS 33.535 A.2, FC 0x80)", NULL, kausf_supi_opts, d_kakma, NULL },
	{ "a-tid", "A-TID (TS 33.535 A.3, FC 0x81)", NULL, kausf_supi_opts, d_atid, NULL },
	{ "af-id", "AF_ID = FQDN || Ua* protocol id (TS 33.535 A.4), as hex", NULL, af_id_opts,
	  d_af_id, NULL },
	{ "kaf", "K_AF (TS 33.535 A.4, FC 0x82)", NULL, kaf_opts, d_kaf, NULL },
	{ "akid", "A-KID NAI rid<RID>.tid<A-TID>@5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org", NULL,
	  akid_opts, d_akid, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
