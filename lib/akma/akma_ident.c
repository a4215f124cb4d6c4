/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The identifier: built from an entry and parsed from what an AF presents,
 * both through the NAS codec of the private IE 0x7F (lib/proto), so the
 * gateway emits and accepts exactly one form (spec/001 3.3 P-ID); the TID
 * (random 128 bits or the TS 33.535 A.3 A-TID) and K_AKMA (A.2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_rand.h"
#include "agw_util.h"
#include "akma_priv.h"

int
akma_ident_build(const struct agw_akma *ak, const struct akma_ent *e, struct agw_akma_ident *id)
{
	struct agw_nas5g_akma_id *f = &id->fields;
	struct agw_wr w;

	memset(id, 0, sizeof(*id));
	snprintf(f->rid, sizeof(f->rid), "%s", e->rid);
	memcpy(f->tid, e->tid, e->tid_len);
	f->tid_len = e->tid_len;
	f->plmn = ak->plmn;
	snprintf(f->af, sizeof(f->af), "%s", e->af);
	snprintf(f->aanf, sizeof(f->aanf), "%s", e->aanf);
	f->akma_label = ak->akma_label;
	w = agw_wr_init(id->nai, AGW_AKMA_NAI_MAX);
	if (agw_nas5g_akma_id_encode(f, &w) != 0)
		return -EINVAL;
	id->nai_len = (uint16_t)(w.p - w.start);
	id->nai[id->nai_len] = '\0';
	f->nai = (const uint8_t *)id->nai;
	f->nai_len = id->nai_len;
	return 0;
}

int
akma_ident_parse(const struct agw_akma *ak, const char *s, size_t n, struct agw_nas5g_akma_id *f)
{
	if (s == NULL || agw_nas5g_akma_id_decode((const uint8_t *)s, n, f) != 0)
		return -EINVAL;
	/* The decoder keeps the MNC as the 3 digits of the realm. */
	if (strcmp(f->plmn.mcc, ak->plmn.mcc) != 0 || strcmp(f->plmn.mnc, ak->plmn.mnc) != 0)
		return -EXDEV;
	return 0;
}

/* SUPI parameter of the KDFs (TS 33.501 A.7.0): the IMSI digits or the NAI. */
static int
supi_param(const char *supi, char *out, size_t cap)
{
	return agw_kdf_supi_param(supi, out, cap);
}

int
akma_tid_draw(const struct agw_akma *ak, const struct agw_akma_auth *auth,
	      uint8_t tid[AGW_AKMA_TID_MAX], uint8_t *len)
{
	char p[AGW_AKMA_SUPI_MAX];
	int n;

	if (ak->tid_source == AGW_AKMA_TID_RANDOM) {
		/* spec/001 Q6: 128 bits from the CSPRNG, never RAND or SUCI bits. */
		*len = AGW_AKMA_TID_RANDOM_LEN;
		return agw_rand_bytes(tid, AGW_AKMA_TID_RANDOM_LEN) == 0 ? 0 : -EIO;
	}
	/* TS 33.535 A.3: A-TID = KDF(K_AUSF, 0x81, "A-TID", SUPI), all 256 bits. */
	n = supi_param(auth->supi, p, sizeof(p));
	if (n < 0)
		return -EINVAL;
	*len = AGW_AKMA_TID_MAX;
	return agw_kdf_akma_atid(auth->kausf, p, (size_t)n, tid) == 0 ? 0 : -EIO;
}

int
akma_kakma(const struct akma_ent *e, uint8_t kakma[32])
{
	char p[AGW_AKMA_SUPI_MAX];
	int n = supi_param(e->supi, p, sizeof(p));

	if (n < 0)
		return -EINVAL;
	/* TS 33.535 A.2: K_AKMA = KDF(K_AUSF, 0x80, "AKMA", SUPI). */
	return agw_kdf_kakma(e->key, p, (size_t)n, kakma) == 0 ? 0 : -EIO;
}
