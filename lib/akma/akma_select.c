/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AAnF and AF address selection from the auxiliary information (seed 001
 * [0115][0162], spec/001 Q16): the first rule whose conditions all hold
 * wins; without a match, the default AAnF and no AF.
 */
#include <strings.h>

#include "akma_priv.h"

static int
snssai_match(const struct akma_rule *r, const struct agw_akma_aux *aux)
{
	if (!(r->match & AGW_AKMA_MATCH_SST))
		return 1;
	for (unsigned int i = 0; aux->snssai != NULL && i < aux->n_snssai; i++) {
		const struct agw_akma_snssai *s = &aux->snssai[i];

		if (s->sst == r->sst && (!(r->match & AGW_AKMA_MATCH_SD) || s->sd == r->sd))
			return 1;
	}
	return 0;
}

static int
rule_match(const struct akma_rule *r, const struct agw_akma_aux *aux)
{
	if (r->match == 0)
		return 1;
	if (aux == NULL)
		return 0;
	if (!snssai_match(r, aux))
		return 0;
	/* DNNs compare case-insensitively (TS 23.003 9.1: APN labels). */
	if ((r->match & AGW_AKMA_MATCH_DNN) && (aux->dnn == NULL || strcasecmp(aux->dnn, r->dnn)))
		return 0;
	if ((r->match & AGW_AKMA_MATCH_SSC) && aux->ssc_mode != r->ssc_mode)
		return 0;
	return 1;
}

void
akma_select(const struct agw_akma *ak, const struct agw_akma_aux *aux, int *aanf, int *af)
{
	*aanf = (int)ak->default_aanf;
	*af = -1;
	for (unsigned int i = 0; i < ak->n_rules; i++) {
		const struct akma_rule *r = &ak->rules[i];

		if (!rule_match(r, aux))
			continue;
		if (r->aanf >= 0)
			*aanf = r->aanf;
		*af = r->af;
		return;
	}
}
