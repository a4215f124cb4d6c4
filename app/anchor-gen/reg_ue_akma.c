/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * UE side of AKMA (seed 001, TS 33.535 6.1): the identifier the network
 * allocated arrives in the protected Registration accept (private IE
 * 0x7F, doc/nas-private-ies.md 2.3); the UE derives K_AKMA from the K_AUSF
 * of its own authentication (A.2) and K_AF for the configured AF (A.4),
 * with lib/crypto, without asking the network for anything.
 */
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "reg_ue_priv.h"

/* The identifier names this UE's home network (its own PLMN: the
 * simulator's home and serving networks are one). */
static int
akma_home_ok(const struct agw_regue *ue, const struct agw_nas5g_akma_id *id)
{
	const char *mnc = ue->conf->mnc;
	char mnc3[4];

	if (strlen(mnc) == 2) {
		mnc3[0] = '0';
		memcpy(mnc3 + 1, mnc, 3);
		mnc = mnc3;
	}
	return strcmp(id->plmn.mcc, ue->conf->mcc) == 0 &&
	       (strcmp(id->plmn.mnc, mnc) == 0 || strcmp(id->plmn.mnc, ue->conf->mnc) == 0);
}

/* K_AKMA = KDF(K_AUSF, 0x80, "AKMA", SUPI); K_AF = KDF(K_AKMA, 0x82, AF_ID). */
static int
akma_keys(struct agw_regue *ue)
{
	char sp[32];
	int n = agw_kdf_supi_param(ue->supi, sp, sizeof(sp));

	if (n < 0 || agw_kdf_kakma(ue->kausf, sp, (size_t)n, ue->kakma) != 0)
		return -1;
	ue->akma_state = AGW_REGUE_AKMA_KAKMA;
	if (ue->conf->akma_af_id == NULL)
		return 0;
	if (agw_kdf_kaf(ue->kakma, ue->conf->akma_af_id, ue->conf->akma_af_id_len, ue->kaf) != 0)
		return -1;
	ue->akma_state = AGW_REGUE_AKMA_KAF;
	return 0;
}

unsigned int
regue_akma_on_accept(struct agw_regue *ue, const struct agw_nas_body *b)
{
	const struct agw_nas_ie *ie = agw_nas_get(b, AGW_NAS5G_F_AKMA_ID);
	struct agw_nas5g_akma_id id;

	if (ie == NULL)
		return AGW_REGUE_R_NONE;
	if (ie->len > AGW_NAS5G_AKMA_NAI_MAX ||
	    agw_nas5g_akma_id_decode(ie->v, ie->len, &id) != 0 || !akma_home_ok(ue, &id))
		return AGW_REGUE_R_AKMA;
	memcpy(ue->akid, ie->v, ie->len);
	ue->akid[ie->len] = '\0';
	ue->akma_ids++;
	agw_memzero(ue->kakma, sizeof(ue->kakma));
	agw_memzero(ue->kaf, sizeof(ue->kaf));
	ue->akma_state = AGW_REGUE_AKMA_NONE;
	return akma_keys(ue) == 0 ? AGW_REGUE_R_NONE : AGW_REGUE_R_CRYPTO;
}
