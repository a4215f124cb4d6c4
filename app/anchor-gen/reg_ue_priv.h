/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_REG_UE_PRIV_H
#define AGW_REG_UE_PRIV_H

/*
 * Between reg_ue.c (registration) and reg_ue_ssp.c (seed 000 security
 * service procedures): what the procedures need from the UE core.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_nas5g.h"
#include "reg_ue.h"

/* End the UE FAILED with @p reason; returns 0. */
int regue_fail(struct agw_regue *ue, unsigned int reason);

/* Send @p type / @p b integrity protected and ciphered (SHT 2) with the
 * next UL COUNT; an encode error fails the UE. Returns 0. */
int regue_send(struct agw_regue *ue, uint8_t type, const struct agw_nas_body *b, uint8_t *ul,
	       size_t cap, size_t *ul_len);

/* reg_ue_ssp.c: a protected seed 000 message (or an Identity request under
 * NAS security), 0 after answering or failing the UE. */
int regue_ssp_on_message(struct agw_regue *ue, const struct agw_nas5g_msg *m, uint8_t *ul,
			 size_t cap, size_t *ul_len);

/* reg_ue_akma.c: the AKMA identifier of a Registration accept, if any:
 * keep it, derive K_AKMA and K_AF. Returns AGW_REGUE_R_NONE or the failure
 * reason (a malformed identifier, a KDF error). */
unsigned int regue_akma_on_accept(struct agw_regue *ue, const struct agw_nas_body *b);

#endif /* AGW_REG_UE_PRIV_H */
