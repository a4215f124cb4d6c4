/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Configuration checks: every rule names the setting it refuses, so a
 * misconfiguration stops the start with a reason instead of a wrong
 * identifier later.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "akma_priv.h"

static int
fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && len > 0) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int
digits_ok(const char *s, size_t min, size_t max)
{
	size_t n = s == NULL ? 0 : strnlen(s, max + 1);

	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Label value: [a-z0-9-]{1,31}; "0" is reserved for "any" ([0118]). */
int
akma_label_ok(const char *s)
{
	size_t n = s == NULL ? 0 : strnlen(s, AGW_AKMA_LABEL_MAX + 1);

	if (n == 0 || n > AGW_AKMA_LABEL_MAX || strcmp(s, "0") == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* Routing indicator: 1..4 decimal digits (TS 29.503 routingId). */
int
akma_rid_ok(const char *s)
{
	return digits_ok(s, 1, 4);
}

static int
printable_ok(const char *s, size_t max)
{
	size_t n = s == NULL ? 0 : strnlen(s, max + 1);

	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return 0;
	return 1;
}

static int
find_aanf(const struct agw_akma_conf *c, const char *id)
{
	for (unsigned int i = 0; i < c->n_aanf; i++)
		if (strcmp(c->aanf[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int
find_af(const struct agw_akma_conf *c, const char *label)
{
	for (unsigned int i = 0; i < c->n_af; i++)
		if (strcmp(c->af[i].label, label) == 0)
			return (int)i;
	return -1;
}

static int
aanf_serves(const struct agw_akma_aanf_conf *a, const char *label)
{
	if (a->n_served == 0)
		return 1;
	for (unsigned int i = 0; i < a->n_served; i++)
		if (strcmp(a->served[i], label) == 0)
			return 1;
	return 0;
}

static int
check_aanfs(const struct agw_akma_conf *c, char *err, size_t len)
{
	if (c->aanf == NULL || c->n_aanf == 0 || c->n_aanf > AGW_AKMA_AANF_MAX)
		return fail(err, len, "akma: 1..%d AAnF instances needed", AGW_AKMA_AANF_MAX);
	for (unsigned int i = 0; i < c->n_aanf; i++) {
		const struct agw_akma_aanf_conf *a = &c->aanf[i];

		if (!akma_label_ok(a->id))
			return fail(err, len, "akma: aanf[%u].id: [a-z0-9-]{1,31}, not \"0\"", i);
		if (find_aanf(c, a->id) != (int)i)
			return fail(err, len, "akma: aanf[%u].id \"%s\" given twice", i, a->id);
		if (a->uri != NULL && strlen(a->uri) > 200)
			return fail(err, len, "akma: aanf[%u].uri longer than 200", i);
		if (a->n_served > 0 && a->served == NULL)
			return fail(err, len, "akma: aanf[%u].served is NULL", i);
		for (unsigned int j = 0; j < a->n_served; j++)
			if (a->served[j] == NULL || find_af(c, a->served[j]) < 0)
				return fail(err, len, "akma: aanf[%u].served[%u]: no such AF", i,
					    j);
	}
	if (c->default_aanf != NULL && find_aanf(c, c->default_aanf) < 0)
		return fail(err, len, "akma: default_aanf \"%s\": no such AAnF", c->default_aanf);
	return 0;
}

static int
check_afs(const struct agw_akma_conf *c, char *err, size_t len)
{
	if (c->n_af > AGW_AKMA_AF_MAX || (c->n_af > 0 && c->af == NULL))
		return fail(err, len, "akma: at most %d AFs", AGW_AKMA_AF_MAX);
	for (unsigned int i = 0; i < c->n_af; i++) {
		const struct agw_akma_af_conf *f = &c->af[i];
		unsigned int k;

		if (!akma_label_ok(f->label) || find_af(c, f->label) != (int)i)
			return fail(err, len, "akma: af[%u].label bad or given twice", i);
		if (!printable_ok(f->af_id, 253))
			return fail(err, len, "akma: af[%u].af_id: 1..253 printable", i);
		for (k = 0; k < i; k++)
			if (strcmp(c->af[k].af_id, f->af_id) == 0)
				return fail(err, len, "akma: af[%u].af_id given twice", i);
		if (!printable_ok(f->fqdn, 253))
			return fail(err, len, "akma: af[%u].fqdn: 1..253 printable", i);
		for (k = 0; k < c->n_aanf && !aanf_serves(&c->aanf[k], f->label); k++)
			;
		if (k == c->n_aanf)
			return fail(err, len, "akma: af[%u] \"%s\" is served by no AAnF", i,
				    f->label);
	}
	return 0;
}

static int
check_rules(const struct agw_akma_conf *c, char *err, size_t len)
{
	if (c->n_rules > 0 && c->rules == NULL)
		return fail(err, len, "akma: rules is NULL");
	for (unsigned int i = 0; i < c->n_rules; i++) {
		const struct agw_akma_rule *r = &c->rules[i];

		if (r->match & ~(AGW_AKMA_MATCH_SST | AGW_AKMA_MATCH_SD | AGW_AKMA_MATCH_DNN |
				 AGW_AKMA_MATCH_SSC))
			return fail(err, len, "akma: rules[%u].match: unknown bits", i);
		if ((r->match & AGW_AKMA_MATCH_SD) &&
		    (!(r->match & AGW_AKMA_MATCH_SST) || r->sd > 0xffffff))
			return fail(err, len, "akma: rules[%u]: SD needs SST, 24 bits", i);
		if ((r->match & AGW_AKMA_MATCH_DNN) &&
		    (r->dnn == NULL || r->dnn[0] == '\0' || strlen(r->dnn) >= AGW_STORE_DNN_MAX))
			return fail(err, len, "akma: rules[%u].dnn: 1..99 characters", i);
		if ((r->match & AGW_AKMA_MATCH_SSC) && (r->ssc_mode < 1 || r->ssc_mode > 3))
			return fail(err, len, "akma: rules[%u].ssc_mode: 1..3", i);
		if (r->aanf != NULL && find_aanf(c, r->aanf) < 0)
			return fail(err, len, "akma: rules[%u].aanf: no such AAnF", i);
		if (r->af != NULL && find_af(c, r->af) < 0)
			return fail(err, len, "akma: rules[%u].af: no such AF", i);
	}
	return 0;
}

int
akma_conf_check(const struct agw_akma_conf *c, char *err, size_t len)
{
	int rc;

	if (!digits_ok(c->mcc, 3, 3) || !digits_ok(c->mnc, 2, 3))
		return fail(err, len, "akma: mcc 3 digits, mnc 2-3 digits");
	if (c->allocator > AGW_AKMA_ALLOC_AANF || c->tid_source > AGW_AKMA_TID_KDF ||
	    c->delivery > AGW_AKMA_PUSH)
		return fail(err, len, "akma: allocator, tid_source or delivery out of range");
	/* The AAnF never holds K_AUSF (spec/001 A19), so it cannot derive the A-TID. */
	if (c->allocator == AGW_AKMA_ALLOC_AANF && c->tid_source == AGW_AKMA_TID_KDF)
		return fail(err, len, "akma: tid_source kdf needs allocator ausf");
	if (c->addr_fields & ~(uint32_t)(AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF))
		return fail(err, len, "akma: addr_fields: unknown bits");
	if (c->kaf_lifetime_s == 0 || c->kaf_lifetime_s > INT32_MAX)
		return fail(err, len, "akma: kaf_lifetime_s 1..2^31-1");
	if (c->ident_lifetime_s > INT32_MAX)
		return fail(err, len, "akma: ident_lifetime_s 0..2^31-1");
	rc = check_aanfs(c, err, len);
	if (rc == 0)
		rc = check_afs(c, err, len);
	if (rc == 0)
		rc = check_rules(c, err, len);
	return rc;
}
