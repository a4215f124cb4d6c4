/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* anchor-subscriber: subscriber fields as text (see fields.h). */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_milenage.h"
#include "agw_util.h"
#include "fields.h"

#define RULE_TEXT_MAX 512

static const struct {
	const char *name;
	uint8_t code;
} procs[] = {
	{"dh", AGW_STORE_SSP_DH},
	{"devauth", AGW_STORE_SSP_DEVAUTH},
	{"userauth", AGW_STORE_SSP_USERAUTH},
	{"secauth", AGW_STORE_SSP_SECAUTH},
	{"indepsm", AGW_STORE_SSP_INDEP_SM},
};

static int
fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

void
as_sub_in_init(struct as_sub_in *in)
{
	memset(in, 0, sizeof(*in));
	agw_store_sub_init(&in->sub);
}

void
as_sub_in_clear(struct as_sub_in *in)
{
	agw_memzero(in, sizeof(*in));
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* 1..max hex digits (optional 0x) → value. */
static int
parse_hexnum(const char *v, unsigned int max, uint64_t *out)
{
	size_t n;

	if (v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
		v += 2;
	n = strlen(v);
	if (n == 0 || n > max)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!is_hex(v[i]))
			return -EINVAL;
	*out = strtoull(v, NULL, 16);
	return 0;
}

static int
parse_dec(const char *v, unsigned long max, unsigned long *out)
{
	char *end;

	if (v[0] < '0' || v[0] > '9' || strlen(v) > 10)
		return -EINVAL;
	*out = strtoul(v, &end, 10);
	return (*end != '\0' || *out > max) ? -EINVAL : 0;
}

static int
parse_bool(const char *v, int *out)
{
	if (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "0") == 0 || strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
		*out = 0;
	else
		return -EINVAL;
	return 0;
}

static int
parse_algs(const char *v, uint8_t *mask)
{
	uint8_t m = 0;

	for (; *v != '\0'; v++) {
		if (*v >= '0' && *v <= '7')
			m |= (uint8_t)(1u << (*v - '0'));
		else if (*v != ',' && *v != '+')
			return -EINVAL;
	}
	if (m == 0)
		return -EINVAL;
	*mask = m;
	return 0;
}

/* PROC[:ue|:nf][:m] */
static int
parse_entry(char *tok, uint8_t domain, struct agw_store_ssi *ssi, const char *fname, char *why,
	    size_t len)
{
	char *attr = strchr(tok, ':');
	uint8_t code = 0, a = AGW_STORE_SSP_A_DEFAULT_INIT;
	uint64_t v;

	if (attr != NULL)
		*attr++ = '\0';
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		if (strcmp(tok, procs[i].name) == 0)
			code = procs[i].code;
	if (code == 0) {
		if (strncmp(tok, "0x", 2) != 0 || parse_hexnum(tok, 2, &v) != 0 || v < 0xf0)
			return fail(why, len, "%s: unknown procedure '%s'", fname, tok);
		code = (uint8_t)v;
	}
	while (attr != NULL) {
		char *next = strchr(attr, ':');

		if (next != NULL)
			*next++ = '\0';
		if (strcmp(attr, "ue") == 0)
			a = (uint8_t)((a & ~AGW_STORE_SSP_A_DEFAULT_INIT) | AGW_STORE_SSP_A_UE);
		else if (strcmp(attr, "nf") == 0)
			a = (uint8_t)(a & ~(AGW_STORE_SSP_A_DEFAULT_INIT | AGW_STORE_SSP_A_UE));
		else if (strcmp(attr, "m") == 0)
			a |= AGW_STORE_SSP_A_MANDATORY;
		else
			return fail(why, len, "%s: unknown attribute ':%s' (ue, nf, m)", fname,
				    attr);
		attr = next;
	}
	if (domain == AGW_STORE_SSI_MM && code >= AGW_STORE_SSP_USERAUTH &&
	    code <= AGW_STORE_SSP_INDEP_SM)
		return fail(why, len, "%s: procedure '%s' is SM only", fname, tok);
	for (uint8_t i = 0; i < ssi->n; i++)
		if (ssi->e[i].code == code)
			return fail(why, len, "%s: procedure '%s' given twice", fname, tok);
	if (ssi->n == AGW_STORE_SSI_ENTRIES_MAX)
		return fail(why, len, "%s: more than %d procedures", fname,
			    AGW_STORE_SSI_ENTRIES_MAX);
	ssi->e[ssi->n].code = code;
	ssi->e[ssi->n].attr = a;
	ssi->n++;
	return 0;
}

/* [SST[-SD]][@DNN] */
static int
parse_scope(char *sc, struct agw_store_ssi_rule *r, const char *fname, char *why, size_t len)
{
	char *dnn = strchr(sc, '@');
	char *sd;
	unsigned long sst;
	uint64_t v;

	if (dnn != NULL) {
		*dnn++ = '\0';
		if (r->domain != AGW_STORE_SSI_SM)
			return fail(why, len, "%s: a DNN scope is for sm_ssi only", fname);
		if (dnn[0] == '\0' || strlen(dnn) >= sizeof(r->dnn))
			return fail(why, len, "%s: bad DNN '%s'", fname, dnn);
		for (const char *p = dnn; *p != '\0'; p++)
			if (*p <= 0x20 || *p >= 0x7f)
				return fail(why, len, "%s: bad DNN '%s'", fname, dnn);
		strcpy(r->dnn, dnn);
		r->scope |= AGW_STORE_SCOPE_DNN;
	}
	if (sc[0] == '\0')
		return dnn != NULL ? 0 : fail(why, len, "%s: empty scope before '='", fname);
	sd = strchr(sc, '-');
	if (sd != NULL)
		*sd++ = '\0';
	if (parse_dec(sc, 255, &sst) != 0)
		return fail(why, len, "%s: bad SST '%s' (0..255)", fname, sc);
	r->sst = (uint8_t)sst;
	r->scope |= AGW_STORE_SCOPE_SST;
	if (sd != NULL) {
		if (strlen(sd) != 6 || parse_hexnum(sd, 6, &v) != 0)
			return fail(why, len, "%s: bad SD '%s' (6 hex digits)", fname, sd);
		r->sd = (uint32_t)v;
		r->scope |= AGW_STORE_SCOPE_SD;
	}
	return 0;
}

static int
parse_rule(struct agw_store_sub *sub, uint8_t domain, const char *text, const char *fname,
	   char *why, size_t len)
{
	struct agw_store_ssi_rule r;
	char buf[RULE_TEXT_MAX];
	char *eq, *list, *tok, *save = NULL;
	int none = 0, ntok = 0, rc;

	if (strlen(text) >= sizeof(buf))
		return fail(why, len, "%s: rule too long", fname);
	strcpy(buf, text);
	memset(&r, 0, sizeof(r));
	r.domain = domain;
	eq = strchr(buf, '=');
	list = buf;
	if (eq != NULL) {
		*eq = '\0';
		list = eq + 1;
		rc = parse_scope(buf, &r, fname, why, len);
		if (rc != 0)
			return rc;
	}
	for (tok = strtok_r(list, ",+", &save); tok != NULL; tok = strtok_r(NULL, ",+", &save)) {
		ntok++;
		if (strcmp(tok, "none") == 0)
			none = 1;
		else if (strcmp(tok, "ordered") == 0)
			r.ssi.flags |= AGW_STORE_SSI_F_ORDERED;
		else if (strcmp(tok, "one-by-one") == 0)
			r.ssi.flags |= AGW_STORE_SSI_F_ONE_BY_ONE;
		else if ((rc = parse_entry(tok, domain, &r.ssi, fname, why, len)) != 0)
			return rc;
	}
	if (ntok == 0)
		return fail(why, len, "%s: empty rule (use 'none' for no procedure)", fname);
	if (none && ntok != 1)
		return fail(why, len, "%s: 'none' must stand alone", fname);
	for (uint8_t i = 0; i < sub->n_ssi; i++) {
		const struct agw_store_ssi_rule *o = &sub->ssi[i];

		if (o->domain == r.domain && o->scope == r.scope && o->sst == r.sst &&
		    o->sd == r.sd && strcmp(o->dnn, r.dnn) == 0)
			return fail(why, len, "%s: two rules for the same scope", fname);
	}
	if (sub->n_ssi == AGW_STORE_SSI_RULES_MAX)
		return fail(why, len, "%s: more than %d rules per subscriber", fname,
			    AGW_STORE_SSI_RULES_MAX);
	sub->ssi[sub->n_ssi++] = r;
	return 0;
}

static int
parse_rules(struct agw_store_sub *sub, uint8_t domain, const char *val, const char *fname,
	    char *why, size_t len)
{
	char buf[RULE_TEXT_MAX * 4];
	char *rule, *save = NULL;
	int rc;

	if (strlen(val) >= sizeof(buf))
		return fail(why, len, "%s: too long", fname);
	strcpy(buf, val);
	for (rule = strtok_r(buf, ";", &save); rule != NULL; rule = strtok_r(NULL, ";", &save)) {
		rc = parse_rule(sub, domain, rule, fname, why, len);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
as_field_set(struct as_sub_in *in, const char *name, const char *val, char *why, size_t len)
{
	struct agw_store_sub *s = &in->sub;
	unsigned long ul;
	uint64_t v;
	int b;

	if (val[0] == '\0' && strcmp(name, "supi") != 0 && strcmp(name, "k") != 0)
		return 0; /* empty CSV cell: default */
	if (strcmp(name, "supi") == 0) {
		if (agw_store_supi_check(val) != 0)
			return fail(why, len, "supi: expected imsi-<5..15 digits> or nai-<id>");
		strcpy(s->supi, val);
		in->have |= AS_HAVE_SUPI;
	} else if (strcmp(name, "k") == 0) {
		if (agw_hex_decode(val, s->k, sizeof(s->k)) != (long)sizeof(s->k))
			return fail(why, len, "k: expected 32 hex digits");
		in->have |= AS_HAVE_K;
	} else if (strcmp(name, "opc") == 0) {
		if (agw_hex_decode(val, s->opc, sizeof(s->opc)) != (long)sizeof(s->opc))
			return fail(why, len, "opc: expected 32 hex digits");
		in->have |= AS_HAVE_OPC;
	} else if (strcmp(name, "op") == 0) {
		if (agw_hex_decode(val, in->op, sizeof(in->op)) != (long)sizeof(in->op))
			return fail(why, len, "op: expected 32 hex digits");
		in->have |= AS_HAVE_OP;
	} else if (strcmp(name, "sqn") == 0) {
		if (parse_hexnum(val, 12, &v) != 0)
			return fail(why, len, "sqn: expected 1..12 hex digits (48 bits)");
		s->sqn = v;
	} else if (strcmp(name, "amf") == 0) {
		if (agw_hex_decode(val, s->amf, sizeof(s->amf)) != (long)sizeof(s->amf))
			return fail(why, len, "amf: expected 4 hex digits");
	} else if (strcmp(name, "nia") == 0 || strcmp(name, "nea") == 0) {
		if (parse_algs(val, name[1] == 'i' ? &s->nia_mask : &s->nea_mask) != 0)
			return fail(why, len, "%s: expected algorithm numbers 0..7, e.g. 123",
				    name);
	} else if (strcmp(name, "ind_bits") == 0 || strcmp(name, "ind-bits") == 0) {
		if (parse_dec(val, AGW_STORE_IND_BITS_MAX, &ul) != 0)
			return fail(why, len, "ind_bits: expected 0..%d", AGW_STORE_IND_BITS_MAX);
		s->ind_bits = (uint8_t)ul;
	} else if (strcmp(name, "akma") == 0 || strcmp(name, "prose") == 0) {
		uint8_t f = name[0] == 'a' ? AGW_STORE_SUB_F_AKMA : AGW_STORE_SUB_F_PROSE;

		if (parse_bool(val, &b) != 0)
			return fail(why, len, "%s: expected 0 or 1", name);
		s->flags = (uint8_t)(b ? (s->flags | f) : (s->flags & ~f));
	} else if (strcmp(name, "rid") == 0) {
		size_t n = strlen(val);

		if (n == 0 || n >= sizeof(s->rid) || strspn(val, "0123456789") != n)
			return fail(why, len, "rid: expected 1..4 digits");
		strcpy(s->rid, val);
	} else if (strcmp(name, "mm_ssi") == 0 || strcmp(name, "mm-ssi") == 0) {
		return parse_rules(s, AGW_STORE_SSI_MM, val, "mm_ssi", why, len);
	} else if (strcmp(name, "sm_ssi") == 0 || strcmp(name, "sm-ssi") == 0) {
		return parse_rules(s, AGW_STORE_SSI_SM, val, "sm_ssi", why, len);
	} else {
		return -ENOENT;
	}
	return 0;
}

int
as_sub_in_finish(struct as_sub_in *in, char *why, size_t len)
{
	int rc;

	if (!(in->have & AS_HAVE_SUPI))
		return fail(why, len, "supi: missing");
	if (!(in->have & AS_HAVE_K))
		return fail(why, len, "k: missing");
	if ((in->have & AS_HAVE_OP) && (in->have & AS_HAVE_OPC))
		return fail(why, len, "op: give either opc or op, not both");
	if (in->have & AS_HAVE_OP) {
		rc = agw_milenage_compute_opc(in->sub.k, in->op, in->sub.opc);
		agw_memzero(in->op, sizeof(in->op));
		if (rc != 0)
			return fail(why, len, "op: cannot compute OPc (%s)", strerror(-rc));
	} else if (!(in->have & AS_HAVE_OPC)) {
		return fail(why, len, "opc: missing (give opc or op)");
	}
	if (agw_store_sub_check(&in->sub) != 0)
		return fail(why, len, "subscriber record is not valid");
	return 0;
}

/* Append to out (always NUL-terminated, truncated at cap). */
static void
app(char *out, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*n >= cap)
		return;
	va_start(ap, fmt);
	r = vsnprintf(out + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n = *n + (size_t)r < cap ? *n + (size_t)r : cap;
}

static const char *
proc_name(uint8_t code, char tmp[8])
{
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		if (procs[i].code == code)
			return procs[i].name;
	snprintf(tmp, 8, "0x%02x", code);
	return tmp;
}

void
as_fmt_ssi(const struct agw_store_sub *sub, uint8_t domain, char *out, size_t cap)
{
	size_t n = 0;
	int first_rule = 1;
	char tmp[8];

	out[0] = '\0';
	for (uint8_t i = 0; i < sub->n_ssi; i++) {
		const struct agw_store_ssi_rule *r = &sub->ssi[i];
		const char *sep = "";

		if (r->domain != domain)
			continue;
		app(out, cap, &n, "%s", first_rule ? "" : ";");
		first_rule = 0;
		if (r->scope & AGW_STORE_SCOPE_SST)
			app(out, cap, &n, "%u", r->sst);
		if (r->scope & AGW_STORE_SCOPE_SD)
			app(out, cap, &n, "-%06x", (unsigned int)r->sd);
		if (r->scope & AGW_STORE_SCOPE_DNN)
			app(out, cap, &n, "@%s", r->dnn);
		if (r->scope != 0)
			app(out, cap, &n, "=");
		if (r->ssi.flags & AGW_STORE_SSI_F_ORDERED) {
			app(out, cap, &n, "%sordered", sep);
			sep = "+";
		}
		if (r->ssi.flags & AGW_STORE_SSI_F_ONE_BY_ONE) {
			app(out, cap, &n, "%sone-by-one", sep);
			sep = "+";
		}
		for (uint8_t j = 0; j < r->ssi.n; j++) {
			uint8_t a = r->ssi.e[j].attr;

			app(out, cap, &n, "%s%s", sep, proc_name(r->ssi.e[j].code, tmp));
			if (!(a & AGW_STORE_SSP_A_DEFAULT_INIT))
				app(out, cap, &n, (a & AGW_STORE_SSP_A_UE) ? ":ue" : ":nf");
			if (a & AGW_STORE_SSP_A_MANDATORY)
				app(out, cap, &n, ":m");
			sep = "+";
		}
		if (sep[0] == '\0')
			app(out, cap, &n, "none");
	}
}

void
as_fmt_algs(uint8_t mask, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < 8; i++)
		if (mask & (1u << i))
			app(out, cap, &n, "%u", i);
}
