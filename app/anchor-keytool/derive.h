/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef KT_DERIVE_H
#define KT_DERIVE_H

/**
 * @file
 * `derive <what>`: one sub-command per named derivation of agw_kdf.h,
 * grouped by area, and the input/output helpers they share.
 */

#include <stddef.h>
#include <stdint.h>

#include "keytool.h"

/** Room for a SUPI KDF parameter (IMSI digits or NAI). */
#define KT_SUPI_MAX 512

/** 5G AKA and the key hierarchy below K_AMF (cmd_derive_5g.c). */
extern const struct kt_cmd kt_derive_5g_cmds[];
/** EPS interworking, CK'/IK', EAP-AKA' (cmd_derive_iwk.c). */
extern const struct kt_cmd kt_derive_iwk_cmds[];
/** AKMA (cmd_derive_akma.c). */
extern const struct kt_cmd kt_derive_akma_cmds[];
/** ProSe U2N relay (cmd_derive_prose.c). */
extern const struct kt_cmd kt_derive_prose_cmds[];

/**
 * Get a serving network name / access network identity as text
 * (1..65535 characters). Option "snn" must start with "5G:".
 *
 * @return 0 or -EINVAL.
 */
int kt_opt_snn(const struct kt_args *a, const char *name, const char **snn, size_t *len);

/**
 * Turn option --supi (imsi-<digits>, nai-/gci-/gli-<nai> or bare IMSI
 * digits) into the KDF parameter with agw_kdf_supi_param().
 *
 * @param[out] out  NUL-terminated parameter, KT_SUPI_MAX octets.
 * @param[out] len  its length.
 * @return 0 or -EINVAL.
 */
int kt_opt_supi(const struct kt_args *a, char out[KT_SUPI_MAX], size_t *len);

/**
 * Finish a single-key derivation: map @p rc with kt_lib(), print @p key as
 * the command's result when it is 0, then zeroise @p key.
 *
 * @return the mapped return code.
 */
int kt_out_key(const struct kt_args *a, const char *fn, int rc, uint8_t *key, size_t len);

#endif /* KT_DERIVE_H */
