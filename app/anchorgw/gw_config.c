/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libconfig.h>

#include "gw_config_priv.h"

int
gw_cfg_fail(struct gw_cfg_ctx *x, const config_setting_t *s, const char *name, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(x->err, x->err_len, "%s:%u: setting '%s%s': %s", x->path,
		 s != NULL ? config_setting_source_line(s) : 0, x->prefix ? x->prefix : "", name,
		 what);
	return -EINVAL;
}

/* Integer setting with a default and a range. */
int
gw_cfg_int(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, long long def,
	   long long lo, long long hi, long long *out)
{
	const config_setting_t *s = grp != NULL ? config_setting_get_member(grp, name) : NULL;
	long long v = 0;

	if (s == NULL) {
		*out = def;
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_INT && config_setting_type(s) != CONFIG_TYPE_INT64)
		return gw_cfg_fail(x, s, name, "must be an integer");
	v = config_setting_get_int64(s);
	if (v < lo || v > hi)
		return gw_cfg_fail(x, s, name, "%lld is outside %lld..%lld", v, lo, hi);
	*out = v;
	return 0;
}

int
gw_cfg_str(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, const char *def,
	   char *out, size_t cap)
{
	const config_setting_t *s = grp != NULL ? config_setting_get_member(grp, name) : NULL;
	const char *v = def;

	if (s != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return gw_cfg_fail(x, s, name, "must be a string");
		v = config_setting_get_string(s);
	}
	if (v == NULL)
		return gw_cfg_fail(x, grp, name, "is required");
	if (strlen(v) >= cap)
		return gw_cfg_fail(x, s, name, "longer than %zu characters", cap - 1);
	snprintf(out, cap, "%s", v);
	return 0;
}

static int
cfg_port(struct gw_cfg_ctx *x, const config_setting_t *p, struct gw_port_conf *pc)
{
	char role[16];
	long long v = 0;
	int rc;

	rc = gw_cfg_str(x, p, "dev", NULL, pc->dev, sizeof(pc->dev));
	if (rc == 0)
		rc = gw_cfg_str(x, p, "role", NULL, role, sizeof(role));
	if (rc != 0)
		return rc;
	if (strcmp(role, "ran") == 0)
		pc->role = GW_PORT_RAN;
	else if (strcmp(role, "core") == 0)
		pc->role = GW_PORT_CORE;
	else
		return gw_cfg_fail(x, config_setting_get_member(p, "role"), "role",
				   "'%s' is not 'ran' or 'core'", role);
	if ((rc = gw_cfg_int(x, p, "rx_desc", 1024, 64, 16384, &v)) != 0)
		return rc;
	pc->rx_desc = (uint16_t)v;
	if ((rc = gw_cfg_int(x, p, "tx_desc", 1024, 64, 16384, &v)) != 0)
		return rc;
	pc->tx_desc = (uint16_t)v;
	return 0;
}

static int
cfg_ports(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *ps = config_setting_get_member(root, "ports");
	unsigned int i, ran = 0, core = 0;
	int rc;

	if (ps == NULL || !config_setting_is_list(ps))
		return gw_cfg_fail(x, ps != NULL ? ps : root, "ports", "must be a list of ports");
	c->nb_ports = (unsigned int)config_setting_length(ps);
	if (c->nb_ports == 0 || c->nb_ports > GW_MAX_PORTS)
		return gw_cfg_fail(x, ps, "ports", "needs 1..%d ports", GW_MAX_PORTS);
	for (i = 0; i < c->nb_ports; i++) {
		rc = cfg_port(x, config_setting_get_elem(ps, i), &c->ports[i]);
		if (rc != 0)
			return rc;
		ran += c->ports[i].role == GW_PORT_RAN;
		core += c->ports[i].role == GW_PORT_CORE;
	}
	if (ran == 0 || core == 0)
		return gw_cfg_fail(x, ps, "ports", "needs at least one 'ran' and one 'core' port");
	return 0;
}

static int
cfg_lcores(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *w = config_setting_get_member(root, "workers");
	const config_setting_t *l = w != NULL ? config_setting_get_member(w, "lcores") : NULL;
	long long v = 0;
	unsigned int i;
	int rc;

	if ((rc = gw_cfg_int(x, root, "control_lcore", 0, 0, 1023, &v)) != 0)
		return rc;
	c->control_lcore = (unsigned int)v;
	if (l == NULL || !config_setting_is_array(l))
		return gw_cfg_fail(x, w != NULL ? w : root, "workers.lcores", "must be an array");
	c->nb_workers = (unsigned int)config_setting_length(l);
	if (c->nb_workers == 0 || c->nb_workers > GW_MAX_WORKERS)
		return gw_cfg_fail(x, l, "workers.lcores", "needs 1..%d lcores", GW_MAX_WORKERS);
	for (i = 0; i < c->nb_workers; i++) {
		c->worker_lcores[i] = (unsigned int)config_setting_get_int_elem(l, i);
		if (c->worker_lcores[i] == c->control_lcore)
			return gw_cfg_fail(x, l, "workers.lcores", "lcore %u is the control lcore",
					   c->control_lcore);
	}
	for (i = 0; i < c->nb_ports; i++)
		c->ports[i].rx_queues = (uint16_t)c->nb_workers;
	if ((rc = gw_cfg_int(x, w, "burst", 32, 1, 64, &v)) != 0)
		return rc;
	c->burst = (uint16_t)v;
	return 0;
}

static int
cfg_engine(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *cr = config_setting_get_member(root, "crypto");
	char eng[16];
	int rc;

	if ((rc = gw_cfg_str(x, cr, "engine", "imb", eng, sizeof(eng))) != 0)
		return rc;
	if (strcmp(eng, "imb") == 0)
		c->engine = GW_ENGINE_IMB;
	else if (strcmp(eng, "cryptodev") == 0)
		c->engine = GW_ENGINE_CRYPTODEV;
	else
		return gw_cfg_fail(x, config_setting_get_member(cr, "engine"), "crypto.engine",
				   "'%s' is not 'imb' or 'cryptodev'", eng);
	return gw_cfg_str(x, cr, "cryptodev", "crypto_aesni_mb0", c->cryptodev,
			  sizeof(c->cryptodev));
}

/* "NIA2" → 2 for prefix "NIA"; -1 when it is not PREFIX0..3. */
static int
alg_id(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncasecmp(s, prefix, n) != 0 || s[n] < '0' || s[n] > '3' || s[n + 1] != '\0')
		return -1;
	return s[n] - '0';
}

static int
cfg_algs(struct gw_cfg_ctx *x, const config_setting_t *sec, const char *name, const char *prefix,
	 uint8_t *out, unsigned int *n)
{
	const config_setting_t *a = sec != NULL ? config_setting_get_member(sec, name) : NULL;
	unsigned int i;

	if (a == NULL) { /* TS 33.501 5.5.1 / 5.5.2: 2, 1, 3 are mandatory to support */
		static const uint8_t def[] = {2, 1, 3};
		memcpy(out, def, sizeof(def));
		*n = 3;
		return 0;
	}
	if (!config_setting_is_array(a) || config_setting_length(a) < 1 ||
	    config_setting_length(a) > 4)
		return gw_cfg_fail(x, a, name, "must be an array of 1..4 names like \"%s2\"",
				   prefix);
	*n = (unsigned int)config_setting_length(a);
	for (i = 0; i < *n; i++) {
		const char *s = config_setting_get_string_elem(a, i);
		int id = s != NULL ? alg_id(s, prefix) : -1;

		if (id < 0)
			return gw_cfg_fail(x, a, name, "'%s' is not %s0..%s3", s ? s : "?", prefix,
					   prefix);
		out[i] = (uint8_t)id;
	}
	return 0;
}

static int
cfg_digits(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, unsigned int lo,
	   unsigned int hi, char *out)
{
	size_t i, len;
	int rc = gw_cfg_str(x, grp, name, NULL, out, 4);

	if (rc != 0)
		return rc;
	len = strlen(out);
	for (i = 0; i < len; i++)
		if (out[i] < '0' || out[i] > '9')
			len = 0;
	if (len < lo || len > hi)
		return gw_cfg_fail(x, config_setting_get_member(grp, name), name,
				   "must be %u..%u decimal digits", lo, hi);
	return 0;
}

static int
cfg_limits(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *l = config_setting_get_member(root, "limits");
	long long v = 0;
	int rc;

	if ((rc = gw_cfg_int(x, l, "contexts", 65536, 16, 16777216, &v)) != 0)
		return rc;
	c->max_contexts = (uint32_t)v;
	if ((rc = gw_cfg_int(x, l, "mbufs", 16383, 1023, 4194303, &v)) != 0)
		return rc;
	c->nb_mbufs = (uint32_t)v;
	if ((rc = gw_cfg_int(x, l, "punt_ring", 4096, 64, 1 << 20, &v)) != 0)
		return rc;
	if ((v & (v - 1)) != 0)
		return gw_cfg_fail(x, config_setting_get_member(l, "punt_ring"), "limits.punt_ring",
				   "must be a power of two");
	c->punt_ring_size = (uint32_t)v;
	return 0;
}

/* Boolean setting (true/false) with a default. */
int
gw_cfg_bool(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, int def, int *out)
{
	const config_setting_t *s = grp != NULL ? config_setting_get_member(grp, name) : NULL;

	if (s == NULL) {
		*out = def;
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return gw_cfg_fail(x, s, name, "must be true or false");
	*out = config_setting_get_bool(s);
	return 0;
}

/* anchors = { enabled; max_ues; guard_ms; amf = { region; set; pointer; }; } */
static int
cfg_anchors(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *an = config_setting_get_member(root, "anchors");
	const config_setting_t *amf = an != NULL ? config_setting_get_member(an, "amf") : NULL;
	long long v = 0;
	int rc;

	if ((rc = gw_cfg_bool(x, an, "enabled", 0, &c->anchors_enabled)) != 0)
		return rc;
	if ((rc = gw_cfg_int(x, an, "max_ues", 65536, 16, 16777216, &v)) != 0)
		return rc;
	c->anchors_max_ues = (uint32_t)v;
	if ((rc = gw_cfg_int(x, an, "guard_ms", 6000, 100, 60000, &v)) != 0)
		return rc;
	c->anchors_guard_ms = (uint32_t)v;
	if ((rc = gw_cfg_int(x, amf, "region", 1, 0, 255, &v)) != 0)
		return rc;
	c->amf_region = (uint8_t)v;
	if ((rc = gw_cfg_int(x, amf, "set", 1, 0, 1023, &v)) != 0)
		return rc;
	c->amf_set = (uint16_t)v;
	if ((rc = gw_cfg_int(x, amf, "pointer", 0, 0, 63, &v)) != 0)
		return rc;
	c->amf_pointer = (uint8_t)v;
	return 0;
}

/* store = { path; sync = "full" | "none"; } */
static int
cfg_store(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *store = config_setting_get_member(root, "store");
	char sync[16];
	int rc;

	if ((rc = gw_cfg_str(x, store, "path", "/var/lib/anchorgw", c->store_path,
			     sizeof(c->store_path))) != 0 ||
	    (rc = gw_cfg_str(x, store, "sync", "full", sync, sizeof(sync))) != 0)
		return rc;
	if (strcmp(sync, "full") != 0 && strcmp(sync, "none") != 0)
		return gw_cfg_fail(x, config_setting_get_member(store, "sync"), "store.sync",
				   "'%s' is not 'full' or 'none'", sync);
	c->store_sync = strcmp(sync, "full") == 0;
	return 0;
}

static int
cfg_all(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c)
{
	const config_setting_t *sec = config_setting_get_member(root, "security");
	const config_setting_t *plmn = config_setting_get_member(root, "plmn");
	int rc;

	if ((rc = cfg_ports(x, root, c)) != 0 || (rc = cfg_lcores(x, root, c)) != 0 ||
	    (rc = cfg_engine(x, root, c)) != 0 ||
	    (rc = cfg_algs(x, sec, "integrity", "NIA", c->nia_pref, &c->nb_nia)) != 0 ||
	    (rc = cfg_algs(x, sec, "ciphering", "NEA", c->nea_pref, &c->nb_nea)) != 0 ||
	    (rc = cfg_limits(x, root, c)) != 0)
		return rc;
	if (plmn == NULL)
		return gw_cfg_fail(x, root, "plmn", "is required (mcc, mnc)");
	if ((rc = cfg_digits(x, plmn, "mcc", 3, 3, c->mcc)) != 0 ||
	    (rc = cfg_digits(x, plmn, "mnc", 2, 3, c->mnc)) != 0)
		return rc;
	if ((rc = cfg_store(x, root, c)) != 0 || (rc = cfg_anchors(x, root, c)) != 0)
		return rc;
	return gw_cfg_akma(x, root, c);
}

int
gw_config_load(const char *path, struct gw_conf *conf, char *err, unsigned int err_len)
{
	struct gw_cfg_ctx x = {path, err, err_len, NULL};
	const config_setting_t *root;
	config_t cfg;
	FILE *f;
	int rc;

	memset(conf, 0, sizeof(*conf));
	snprintf(conf->path, sizeof(conf->path), "%s", path);
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		return -ENOENT;
	}
	config_init(&cfg);
	if (config_read(&cfg, f) != CONFIG_TRUE) {
		snprintf(err, err_len, "%s:%d: %s", path, config_error_line(&cfg),
			 config_error_text(&cfg));
		rc = -EINVAL;
	} else if ((root = config_lookup(&cfg, "anchorgw")) == NULL) {
		snprintf(err, err_len, "%s: no 'anchorgw' group", path);
		rc = -EINVAL;
	} else {
		rc = cfg_all(&x, root, conf);
	}
	config_destroy(&cfg);
	fclose(f);
	return rc;
}
