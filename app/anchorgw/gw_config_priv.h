/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GW_CONFIG_PRIV_H
#define GW_CONFIG_PRIV_H

/*
 * Between gw_config.c and the files that parse one group each
 * (gw_config_akma.c): where errors go and the setting readers, each of
 * which names the file, the line and the setting when it refuses.
 */

#include <stddef.h>

#include <libconfig.h>

#include "gw_config.h"

/* Parsing state: where errors go; @c prefix goes before setting names
 * ("akma.sbi."), NULL for none. */
struct gw_cfg_ctx {
	const char *path;
	char *err;
	unsigned int err_len;
	const char *prefix;
};

/* "file:line: setting 'prefix name': what"; returns -EINVAL. */
int gw_cfg_fail(struct gw_cfg_ctx *x, const config_setting_t *s, const char *name, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

/* Integer member @p name of @p grp (may be NULL: default) in lo..hi. */
int gw_cfg_int(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, long long def,
	       long long lo, long long hi, long long *out);

/* String member, shorter than @p cap; @p def NULL: required. */
int gw_cfg_str(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, const char *def,
	       char *out, size_t cap);

/* Boolean member (true/false). */
int gw_cfg_bool(struct gw_cfg_ctx *x, const config_setting_t *grp, const char *name, int def,
		int *out);

/* gw_config_akma.c: akma = { ... } (after anchors). */
int gw_cfg_akma(struct gw_cfg_ctx *x, const config_setting_t *root, struct gw_conf *c);

#endif /* GW_CONFIG_PRIV_H */
