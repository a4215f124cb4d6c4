/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * akma = { ... }: the AKMA anchor (lib/akma) and its Naanf_AKMA server
 * (lib/sbi). Each setting is read and range-checked here with the file,
 * line and setting named on refusal; what only lib/akma can judge (labels,
 * served AFs, rule references) is checked by creating the anchor once,
 * without a store, while the file is read, so a bad combination also stops
 * the start with exit code 2.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "agw_akma.h"
#include "agw_util.h"
#include "gw_akma.h"
#include "gw_config_priv.h"

/* Default Ua* protocol identifier: TLS (TS 33.220 Annex H, spec/001 V3). */
static const uint8_t ua_tls[5] = {0x01, 0x00, 0x00, 0x00, 0x02};

/* Member @p name of @p grp; NULL when either is absent. */
static const config_setting_t *
cfg_member(const config_setting_t *grp, const char *name)
{
	return grp != NULL ? config_setting_get_member(grp, name) : NULL;
}

/* A string member among @p n names; its index in @p out. */
static int
cfg_choice(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, const char *def,
	   const char *const *names, int n, int *out)
{
	char v[16];
	int rc = gw_cfg_str(x, grp, name, def, v, sizeof(v));

	if (rc != 0)
		return rc;
	for (int i = 0; i < n; i++) {
		if (strcmp(v, names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	return gw_cfg_fail(x, cfg_member(grp, name), name, "'%s' is not '%s' or '%s'", v, names[0],
			   names[1]);
}

/* labels = [ "aanf", "af" ]: address labels in the identifier. */
static int
cfg_labels(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_akma_conf *a)
{
	const config_setting_t *l = cfg_member(ak, "labels");

	a->addr_fields = 0;
	if (l == NULL)
		return 0;
	if (!config_setting_is_array(l) || config_setting_length(l) > 2)
		return gw_cfg_fail(x, l, "labels", "must be an array of \"aanf\" and/or \"af\"");
	for (int i = 0; i < config_setting_length(l); i++) {
		const char *v = config_setting_get_string_elem(l, i);

		if (v != NULL && strcmp(v, "aanf") == 0)
			a->addr_fields |= AGW_AKMA_ADDR_AANF;
		else if (v != NULL && strcmp(v, "af") == 0)
			a->addr_fields |= AGW_AKMA_ADDR_AF;
		else
			return gw_cfg_fail(x, l, "labels", "'%s' is not \"aanf\" or \"af\"",
					   v ? v : "?");
	}
	return 0;
}

static int
cfg_modes(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_conf *c)
{
	static const char *const alloc[] = {"ausf", "aanf"}, *const tid[] = {"random", "kdf"},
				 *const deliv[] = {"pull", "push"};
	struct gw_akma_conf *a = &c->akma;
	long long v = 0;
	int rc;

	if ((rc = cfg_choice(x, ak, "allocator", "ausf", alloc, 2, &a->allocator)) != 0 ||
	    (rc = cfg_choice(x, ak, "tid", "random", tid, 2, &a->tid_source)) != 0 ||
	    (rc = cfg_choice(x, ak, "delivery", "pull", deliv, 2, &a->delivery)) != 0 ||
	    (rc = cfg_labels(x, ak, a)) != 0 ||
	    (rc = gw_cfg_bool(x, ak, "akma_realm_label", 0, &a->akma_label)) != 0 ||
	    (rc = gw_cfg_bool(x, ak, "rewrite_on_relocation", 1, &a->rewrite_on_relocation)) != 0 ||
	    (rc = gw_cfg_str(x, ak, "default_aanf", "", a->default_aanf,
			     sizeof(a->default_aanf))) != 0)
		return rc;
	if ((rc = gw_cfg_int(x, ak, "ident_lifetime_s", 0, 0, INT32_MAX, &v)) != 0)
		return rc;
	a->ident_lifetime_s = (uint32_t)v;
	if ((rc = gw_cfg_int(x, ak, "kaf_lifetime_s", 3600, 1, INT32_MAX, &v)) != 0)
		return rc;
	a->kaf_lifetime_s = (uint32_t)v;
	if ((rc = gw_cfg_int(x, ak, "capacity", c->anchors_max_ues, 16, 16777216, &v)) != 0)
		return rc;
	a->capacity = (uint32_t)v;
	return 0;
}

/* tls = { cert; key; }: both files readable, or no group. */
static int
cfg_tls(struct gw_cfg_ctx *x, const config_setting_t *sbi, struct gw_akma_conf *a)
{
	const config_setting_t *t = cfg_member(sbi, "tls");
	const char *name[2] = {"cert", "key"};
	char *out[2] = {a->tls_cert, a->tls_key};
	int rc;

	a->tls_cert[0] = a->tls_key[0] = '\0';
	if (t == NULL)
		return 0;
	x->prefix = "akma.sbi.tls.";
	for (int i = 0; i < 2; i++) {
		rc = gw_cfg_str(x, t, name[i], NULL, out[i], sizeof(a->tls_cert));
		if (rc != 0)
			return rc;
		if (access(out[i], R_OK) != 0)
			return gw_cfg_fail(x, cfg_member(t, name[i]), name[i], "%s: %s", out[i],
					   strerror(errno));
	}
	return 0;
}

/* sbi = { address; port; max_conns; tls = { ... }; } */
static int
cfg_sbi(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_akma_conf *a, long long *port)
{
	const config_setting_t *sbi = cfg_member(ak, "sbi");
	uint8_t addr[16];
	long long v = 0;
	int rc;

	x->prefix = "akma.sbi.";
	if ((rc = gw_cfg_str(x, sbi, "address", "127.0.0.1", a->sbi_address,
			     sizeof(a->sbi_address))) != 0)
		return rc;
	if (inet_pton(AF_INET, a->sbi_address, addr) != 1 &&
	    inet_pton(AF_INET6, a->sbi_address, addr) != 1)
		return gw_cfg_fail(x, cfg_member(sbi, "address"), "address",
				   "'%s' is not an IPv4 or IPv6 address", a->sbi_address);
	if ((rc = gw_cfg_int(x, sbi, "port", 8080, 1, 65535, port)) != 0 ||
	    (rc = gw_cfg_int(x, sbi, "max_conns", 1024, 1, 65536, &v)) != 0)
		return rc;
	a->sbi_max_conns = (uint32_t)v;
	return cfg_tls(x, sbi, a);
}

/* An array of label strings (served = [ "af1", ... ]). */
static int
cfg_label_list(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name,
	       char (*out)[GW_AKMA_LABEL_LEN], unsigned int max, unsigned int *n)
{
	const config_setting_t *l = cfg_member(grp, name);

	*n = 0;
	if (l == NULL)
		return 0;
	if (!config_setting_is_array(l) || (unsigned int)config_setting_length(l) > max)
		return gw_cfg_fail(x, l, name, "must be an array of at most %u labels", max);
	for (unsigned int i = 0; i < (unsigned int)config_setting_length(l); i++) {
		const char *v = config_setting_get_string_elem(l, (int)i);

		if (v == NULL || strlen(v) >= GW_AKMA_LABEL_LEN)
			return gw_cfg_fail(x, l, name, "element %u: a label of 1..31 characters",
					   i);
		snprintf(out[i], GW_AKMA_LABEL_LEN, "%s", v);
	}
	*n = (unsigned int)config_setting_length(l);
	return 0;
}

/* apiRoot of an instance on the server's address. */
static void
default_uri(const struct gw_akma_conf *a, uint16_t port, char *out, size_t cap)
{
	int v6 = strchr(a->sbi_address, ':') != NULL;

	snprintf(out, cap, "%s://%s%s%s:%u", a->tls_cert[0] ? "https" : "http", v6 ? "[" : "",
		 a->sbi_address, v6 ? "]" : "", port);
}

/* aanf = ( { id; port; uri; served = [ ... ]; }, ... ); default one "aanf1". */
static int
cfg_aanf_one(struct gw_cfg_ctx *x, const config_setting_t *e, struct gw_akma_conf *a,
	     unsigned int i, long long port0)
{
	struct gw_akma_aanf *n = &a->aanf[i];
	char pfx[32], uri[sizeof(n->uri)];
	long long v = 0;
	int rc;

	snprintf(pfx, sizeof(pfx), "akma.aanf[%u].", i);
	x->prefix = pfx;
	if ((rc = gw_cfg_str(x, e, "id", e == NULL ? "aanf1" : NULL, n->id, sizeof(n->id))) != 0 ||
	    (rc = gw_cfg_int(x, e, "port", port0 + i, 1, 65535, &v)) != 0)
		return rc;
	n->port = (uint16_t)v;
	for (unsigned int k = 0; k < i; k++)
		if (a->aanf[k].port == n->port)
			return gw_cfg_fail(x, cfg_member(e, "port"), "port",
					   "%u is aanf[%u]'s port too", n->port, k);
	default_uri(a, n->port, uri, sizeof(uri));
	if ((rc = gw_cfg_str(x, e, "uri", uri, n->uri, sizeof(n->uri))) != 0)
		return rc;
	return cfg_label_list(x, e, "served", n->served, GW_AKMA_SERVED_MAX, &n->n_served);
}

static int
cfg_aanfs(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_akma_conf *a, long long port0)
{
	const config_setting_t *l = cfg_member(ak, "aanf");
	int rc;

	if (l == NULL) {
		a->n_aanf = 1;
		return cfg_aanf_one(x, NULL, a, 0, port0);
	}
	x->prefix = "akma.";
	if (!config_setting_is_list(l) || config_setting_length(l) < 1 ||
	    config_setting_length(l) > GW_AKMA_AANF_MAX)
		return gw_cfg_fail(x, l, "aanf", "must be a list of 1..%d AAnF instances",
				   GW_AKMA_AANF_MAX);
	a->n_aanf = (unsigned int)config_setting_length(l);
	for (unsigned int i = 0; i < a->n_aanf; i++)
		if ((rc = cfg_aanf_one(x, config_setting_get_elem(l, i), a, i, port0)) != 0)
			return rc;
	return 0;
}

/* af = ( { label; af_id; fqdn; ua_protocol = "0100000002"; expose_supi; }, ... ); */
static int
cfg_af_one(struct gw_cfg_ctx *x, const config_setting_t *e, struct gw_akma_af *f, unsigned int i)
{
	char pfx[32], ua[16], def[11];
	int rc;

	snprintf(pfx, sizeof(pfx), "akma.af[%u].", i);
	x->prefix = pfx;
	if ((rc = gw_cfg_str(x, e, "label", NULL, f->label, sizeof(f->label))) != 0 ||
	    (rc = gw_cfg_str(x, e, "af_id", NULL, f->af_id, sizeof(f->af_id))) != 0 ||
	    (rc = gw_cfg_str(x, e, "fqdn", f->af_id, f->fqdn, sizeof(f->fqdn))) != 0 ||
	    (rc = gw_cfg_str(x, e, "ua_protocol", agw_hex_encode(ua_tls, 5, def), ua,
			     sizeof(ua))) != 0 ||
	    (rc = gw_cfg_bool(x, e, "expose_supi", 0, &f->expose_supi)) != 0)
		return rc;
	if (strlen(ua) != 10 || agw_hex_decode(ua, f->ua_proto, sizeof(f->ua_proto)) != 5)
		return gw_cfg_fail(x, cfg_member(e, "ua_protocol"), "ua_protocol",
				   "must be 10 hex digits (5 octets, TS 33.220 Annex H)");
	return 0;
}

static int
cfg_afs(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_akma_conf *a)
{
	const config_setting_t *l = cfg_member(ak, "af");
	int rc;

	a->n_af = 0;
	if (l == NULL)
		return 0;
	x->prefix = "akma.";
	if (!config_setting_is_list(l) || config_setting_length(l) > GW_AKMA_AF_MAX)
		return gw_cfg_fail(x, l, "af", "must be a list of at most %d AFs", GW_AKMA_AF_MAX);
	a->n_af = (unsigned int)config_setting_length(l);
	for (unsigned int i = 0; i < a->n_af; i++)
		if ((rc = cfg_af_one(x, config_setting_get_elem(l, i), &a->af[i], i)) != 0)
			return rc;
	return 0;
}

/* rules = ( { sst; sd; dnn; ssc_mode; aanf; af; }, ... ): what is given must match. */
static int
cfg_rule_one(struct gw_cfg_ctx *x, const config_setting_t *e, struct gw_akma_rule *r,
	     unsigned int i)
{
	char pfx[32];
	long long v = 0;
	int rc;

	snprintf(pfx, sizeof(pfx), "akma.rules[%u].", i);
	x->prefix = pfx;
	memset(r, 0, sizeof(*r));
	if ((rc = gw_cfg_int(x, e, "sst", -1, 0, 255, &v)) != 0)
		return rc;
	r->match |= v >= 0 ? AGW_AKMA_MATCH_SST : 0;
	r->sst = (uint8_t)(v >= 0 ? v : 0);
	if ((rc = gw_cfg_int(x, e, "sd", -1, 0, 0xffffff, &v)) != 0)
		return rc;
	r->match |= v >= 0 ? AGW_AKMA_MATCH_SD : 0;
	r->sd = (uint32_t)(v >= 0 ? v : 0);
	if ((rc = gw_cfg_int(x, e, "ssc_mode", 0, 1, 3, &v)) != 0) /* absent: 0 */
		return rc;
	r->match |= v != 0 ? AGW_AKMA_MATCH_SSC : 0;
	r->ssc_mode = (uint8_t)v;
	if ((rc = gw_cfg_str(x, e, "dnn", "", r->dnn, sizeof(r->dnn))) != 0 ||
	    (rc = gw_cfg_str(x, e, "aanf", "", r->aanf, sizeof(r->aanf))) != 0 ||
	    (rc = gw_cfg_str(x, e, "af", "", r->af, sizeof(r->af))) != 0)
		return rc;
	r->match |= r->dnn[0] != '\0' ? AGW_AKMA_MATCH_DNN : 0;
	return 0;
}

static int
cfg_rules(struct gw_cfg_ctx *x, const config_setting_t *ak, struct gw_akma_conf *a)
{
	const config_setting_t *l = cfg_member(ak, "rules");
	int rc;

	a->n_rules = 0;
	if (l == NULL)
		return 0;
	x->prefix = "akma.";
	if (!config_setting_is_list(l) || config_setting_length(l) > GW_AKMA_RULES_MAX)
		return gw_cfg_fail(x, l, "rules", "must be a list of at most %d rules",
				   GW_AKMA_RULES_MAX);
	a->n_rules = (unsigned int)config_setting_length(l);
	for (unsigned int i = 0; i < a->n_rules; i++)
		if ((rc = cfg_rule_one(x, config_setting_get_elem(l, i), &a->rules[i], i)) != 0)
			return rc;
	return 0;
}

/* What lib/akma itself checks: create the anchor once, no store, small tables. */
static int
cfg_akma_check(struct gw_cfg_ctx *x, const config_setting_t *ak, const struct gw_conf *c)
{
	struct gw_akma_lib_conf lc;
	struct agw_akma *probe;

	gw_akma_lib_conf(c, &lc);
	lc.conf.capacity = 16;
	probe = agw_akma_create(&lc.conf);
	if (probe != NULL) {
		agw_akma_free(probe);
		return 0;
	}
	x->prefix = NULL;
	return gw_cfg_fail(x, ak, "akma", "%s", lc.err[0] ? lc.err : strerror(errno));
}

int
gw_cfg_akma(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *ak = cfg_member(root, "akma");
	struct gw_akma_conf *a = &c->akma;
	long long port = 0;
	int rc;

	x->prefix = "akma.";
	rc = gw_cfg_bool(x, ak, "enabled", 0, &a->enabled);
	if (rc != 0 || !a->enabled)
		goto out;
	if (!c->anchors_enabled) {
		rc = gw_cfg_fail(x, cfg_member(ak, "enabled"), "enabled",
				 "needs anchors.enabled = true (the anchors' AUSF allocates the "
				 "identifiers)");
		goto out;
	}
	if ((rc = cfg_modes(x, ak, c)) != 0 || (rc = cfg_sbi(x, ak, a, &port)) != 0 ||
	    (rc = cfg_aanfs(x, ak, a, port)) != 0 || (rc = cfg_afs(x, ak, a)) != 0 ||
	    (rc = cfg_rules(x, ak, a)) != 0)
		goto out;
	rc = cfg_akma_check(x, ak, c);
out:
	x->prefix = NULL;
	return rc;
}

/* ---------------------------------------------------------------------- */
/* lib/akma's configuration                                                 */

static void
lib_aanfs(const struct gw_akma_conf *a, struct gw_akma_lib_conf *o)
{
	for (unsigned int i = 0; i < a->n_aanf; i++) {
		const struct gw_akma_aanf *n = &a->aanf[i];

		for (unsigned int k = 0; k < n->n_served; k++)
			o->served[i][k] = n->served[k];
		o->aanf[i] = (struct agw_akma_aanf_conf){n->id, n->uri, o->served[i], n->n_served};
	}
	o->conf.aanf = o->aanf;
	o->conf.n_aanf = a->n_aanf;
}

static void
lib_afs(const struct gw_akma_conf *a, struct gw_akma_lib_conf *o)
{
	for (unsigned int i = 0; i < a->n_af; i++) {
		const struct gw_akma_af *f = &a->af[i];

		o->af[i] = (struct agw_akma_af_conf){
			f->label, f->af_id, f->fqdn, {0}, (uint8_t)(f->expose_supi != 0)};
		memcpy(o->af[i].ua_proto, f->ua_proto, sizeof(f->ua_proto));
	}
	o->conf.af = o->af;
	o->conf.n_af = a->n_af;
}

static void
lib_rules(const struct gw_akma_conf *a, struct gw_akma_lib_conf *o)
{
	for (unsigned int i = 0; i < a->n_rules; i++) {
		const struct gw_akma_rule *r = &a->rules[i];

		o->rules[i] = (struct agw_akma_rule){
			.match = r->match,
			.sst = r->sst,
			.sd = r->sd,
			.dnn = r->dnn[0] ? r->dnn : NULL,
			.ssc_mode = r->ssc_mode,
			.aanf = r->aanf[0] ? r->aanf : NULL,
			.af = r->af[0] ? r->af : NULL,
		};
	}
	o->conf.rules = o->rules;
	o->conf.n_rules = a->n_rules;
}

void
gw_akma_lib_conf(const struct gw_conf *c, struct gw_akma_lib_conf *o)
{
	const struct gw_akma_conf *a = &c->akma;

	memset(o, 0, sizeof(*o));
	agw_akma_conf_init(&o->conf);
	memcpy(o->conf.mcc, c->mcc, sizeof(o->conf.mcc));
	memcpy(o->conf.mnc, c->mnc, sizeof(o->conf.mnc));
	o->conf.allocator = (enum agw_akma_allocator)a->allocator;
	o->conf.tid_source = (enum agw_akma_tid_source)a->tid_source;
	o->conf.delivery = (enum agw_akma_delivery)a->delivery;
	o->conf.addr_fields = a->addr_fields;
	o->conf.akma_label = (uint8_t)(a->akma_label != 0);
	o->conf.rewrite_on_relocation = (uint8_t)(a->rewrite_on_relocation != 0);
	o->conf.ident_lifetime_s = a->ident_lifetime_s;
	o->conf.kaf_lifetime_s = a->kaf_lifetime_s;
	o->conf.capacity = a->capacity;
	o->conf.default_aanf = a->default_aanf[0] ? a->default_aanf : NULL;
	lib_aanfs(a, o);
	lib_afs(a, o);
	lib_rules(a, o);
	o->conf.err = o->err;
	o->conf.err_len = sizeof(o->err);
}
