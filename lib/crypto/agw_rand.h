/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_RAND_H
#define AGW_RAND_H

/**
 * @file
 * Random octets for the control path (RAND of authentication vectors,
 * 5G-TMSI, identifiers) from OpenSSL's CSPRNG, drawn in 256-octet refills
 * kept per thread: RAND_bytes() costs a getpid() system call per call
 * (its fork check), about 4,000 cycles, which a registration paid twice.
 * Octets handed out are zeroised in the pool; a forked child starts with an
 * empty pool (pthread_atfork), so parent and child never share values.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Fill @p out with @p n random octets.
 *
 * @return 0, -EINVAL (@p n over 256) or -EIO (the CSPRNG failed).
 */
int agw_rand_bytes(void *out, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* AGW_RAND_H */
