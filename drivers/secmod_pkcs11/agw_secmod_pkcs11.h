/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SECMOD_PKCS11_H
#define AGW_SECMOD_PKCS11_H

/**
 * @file
 * PKCS#11 security-module driver: every key is a token object (sensitive,
 * not extractable), every operation with a secret runs in the token
 * (tested with SoftHSM2):
 *  - Ed25519: CKM_EC_EDWARDS_KEY_PAIR_GEN / CKM_EDDSA (PKCS#11 3.0);
 *  - AES-GCM (CKM_AES_GCM), AES-CMAC (CKM_AES_CMAC), HMAC-SHA-256
 *    (CKM_SHA256_HMAC), MILENAGE's AES block (CKM_AES_ECB);
 *  - fast path: 128-NEA2 as CKM_AES_CTR and 128-NIA2 as CKM_AES_CMAC over
 *    the COUNT|BEARER|DIRECTION prefix, one PKCS#11 session per queue pair;
 *    SNOW 3G and ZUC have no PKCS#11 mechanism, so NEA1/3 and NIA1/3 are
 *    not offered (negotiation then picks NEA2/NIA2).
 * Keys generated with a label are persistent token objects that key_find()
 * finds again after a restart (the module's identity and ledger keys);
 * the others are session objects, gone when the driver is freed.
 *
 * The driver loads the PKCS#11 module with dlopen() and calls C_Initialize
 * (OS locking); use one driver per PKCS#11 module and process.
 */

#include <stdint.h>

#include "agw_secmod.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Driver configuration. */
struct agw_secmod_pkcs11_conf {
	const char *module;   /**< PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so */
	const char *token;    /**< token label */
	const char *user_pin; /**< the token's user PIN */
	uint16_t nb_qp;	      /**< fast-path queue pairs (sessions), >= 1 */
};

/**
 * Open the token and log in.
 *
 * @return the driver, or NULL with errno: EINVAL, ENOENT (module or token
 *   not found), EACCES (login refused), ENOTSUP (the token lacks AES-GCM,
 *   AES-CMAC, HMAC-SHA-256 or AES-ECB), EIO.
 */
struct agw_secmod_drv *agw_secmod_pkcs11_create(const struct agw_secmod_pkcs11_conf *conf);

/**
 * Initialise a token in the first slot without one (C_InitToken) and set
 * its user PIN (C_InitPIN): the setup step for SoftHSM2 and the tests.
 *
 * @return 0, -ENOENT (module or free slot not found), -EIO (the token
 *   refused), -EINVAL.
 */
int agw_secmod_pkcs11_init_token(const char *module, const char *label, const char *so_pin,
				 const char *user_pin);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SECMOD_PKCS11_H */
