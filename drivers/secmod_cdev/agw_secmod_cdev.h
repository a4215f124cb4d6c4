/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SECMOD_CDEV_H
#define AGW_SECMOD_CDEV_H

/**
 * @file
 * DPDK cryptodev security-module driver: symmetric keys live in cryptodev
 * sessions (created at import, the raw key is not kept), on any PMD
 * (crypto_aesni_mb in the tests, crypto_qat on QAT hardware):
 *  - fast path: 128-NEA1/2/3 and 128-NIA1/2/3 through lib/nascrypt
 *    (agw_cdev), one queue pair per worker;
 *  - control path, on one more queue pair under a mutex: AES-GCM (AEAD
 *    sessions, 16-octet AAD), AES-CMAC and HMAC-SHA-256 (auth generate),
 *    the AES-128 block of MILENAGE (AES-ECB when the PMD has it, else one
 *    AES-CTR block over zeros with the input as counter block);
 *  - Ed25519 (identity, attestation and token keys): DPDK 22.11's
 *    asymmetric cryptodev API has no EdDSA, so these keys and signatures
 *    stay in software (the secmod_sw driver, OpenSSL).
 * The driver never persists keys (key_find: -ENOTSUP). EAL must be up and
 * the device must exist (--vdev, rte_vdev_init(), PCI).
 */

#include <stdint.h>

#include "agw_secmod.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Driver configuration. */
struct agw_secmod_cdev_conf {
	const char *dev_name;  /**< crypto device ("crypto_aesni_mb0", QAT BDF_qat_sym) */
	uint16_t nb_qp;	       /**< fast-path queue pairs (workers), >= 1 */
	uint32_t max_sessions; /**< fast-path sessions; 0 = 1024 */
	uint32_t max_keys;     /**< control-path sessions; 0 = 1024 */
};

/**
 * Create the driver: starts the device with nb_qp + 1 queue pairs.
 *
 * @return the driver, or NULL with errno (EINVAL, ENODEV, ENOTSUP when
 *   the device lacks AES-GCM, AES-CMAC or HMAC-SHA-256, ENOMEM, or the
 *   device's error).
 */
struct agw_secmod_drv *agw_secmod_cdev_create(const struct agw_secmod_cdev_conf *conf);

/** Name of the PMD behind the driver ("crypto_aesni_mb", ...). */
const char *agw_secmod_cdev_pmd(const struct agw_secmod_drv *drv);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SECMOD_CDEV_H */
