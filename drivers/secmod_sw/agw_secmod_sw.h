/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SECMOD_SW_H
#define AGW_SECMOD_SW_H

/**
 * @file
 * Software security-module driver: keys in process memory (zeroised when
 * destroyed), control-path crypto on OpenSSL EVP (Ed25519, AES-GCM,
 * AES-CMAC, HMAC-SHA-256, AES-128 block), fast path on Intel IPsec-MB
 * through lib/crypto's burst API (128-NEA1/2/3, 128-NIA1/2/3, one IMB_MGR
 * per queue pair). Nothing persists across runs (key_find: -ENOTSUP).
 */

#include <stdint.h>

#include "agw_secmod.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Create the driver.
 *
 * @param[in] nb_qp  fast-path queue pairs (one per worker thread), >= 1.
 * @return the driver (free with agw_secmod_drv_free()), or NULL with errno
 *   EINVAL, ENOMEM or ENOTSUP (IPsec-MB found no usable code path).
 */
struct agw_secmod_drv *agw_secmod_sw_create(uint16_t nb_qp);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SECMOD_SW_H */
