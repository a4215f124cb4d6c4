/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PSIM_PRIV_H
#define PSIM_PRIV_H

/* Simulator internals shared by its files. */

#include "prose_sim.h"

/* PC5 sequence number / MAC-I parameters (doc/prose.md 4). */
#define PSIM_BEARER 1
#define PSIM_DIR_TO_RELAY 0
#define PSIM_DIR_TO_REMOTE 1
#define PSIM_MAC_LEN 4

/* psim_eap.c: answer an EAP-AKA' request; the EAP response's length or -errno. */
long psim_eap_answer(struct psim_remote *r, const uint8_t *eap, size_t len, uint8_t *out,
		     size_t cap);

#endif /* PSIM_PRIV_H */
