/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* derive: the sub-command tables and the helpers the derivations share. */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "derive.h"

int
kt_opt_snn(const struct kt_args *a, const char *name, const char **snn, size_t *len)
{
	if (kt_text(a, name, 1, AGW_KDF_PARAM_MAX, snn) < 0)
		return -EINVAL;
	if (strcmp(name, "snn") == 0 && strncmp(*snn, "5G:", 3) != 0)
		return kt_err(a, name, "'%s' is not a serving network name (5G:...)", *snn);
	*len = strlen(*snn);
	return 0;
}

int
kt_opt_supi(const struct kt_args *a, char out[KT_SUPI_MAX], size_t *len)
{
	const char *supi = kt_get(a, "supi", 0);
	int n;

	if (supi == NULL)
		return kt_err(a, "supi", "missing option");
	n = agw_kdf_supi_param(supi, out, KT_SUPI_MAX);
	if (n <= 0)
		return kt_err(a, "supi", "'%s' is not a SUPI (imsi-<6..15 digits>, "
			      "nai-<user@realm>, gci-<nai>, gli-<nai> or bare IMSI digits)", supi);
	*len = (size_t)n;
	return 0;
}

int
kt_out_key(const struct kt_args *a, const char *fn, int rc, uint8_t *key, size_t len)
{
	rc = kt_lib(a, fn, rc);
	if (rc == 0)
		kt_out_hex(NULL, key, len);
	agw_memzero(key, len);
	return rc;
}

static const struct kt_cmd *const derive_tables[] = {
	kt_derive_5g_cmds, kt_derive_iwk_cmds, kt_derive_akma_cmds, kt_derive_prose_cmds, NULL,
};

static const struct kt_opt no_opts[] = {
	{ NULL, NULL, NULL, 0 },
};

const struct kt_cmd kt_derive_cmds[] = {
	{ "derive", "named derivations of TS 33.501/33.401/33.402/33.535/33.503/33.536 "
	  "and RFC 5448",
	  "Keys in and out as hex; serving network names, SUPIs, identities as text.\n"
	  "Every derivation prints the derived key as hex (or name=hex lines).",
	  no_opts, NULL, derive_tables },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
