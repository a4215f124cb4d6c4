/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GW_AKMA_H
#define GW_AKMA_H

/*
 * AKMA in the gateway (issue 6, seed 001): the lib/akma anchor the
 * anchors' AUSF reports to, and the lib/sbi server of its AAnF instances
 * (Naanf_AKMA over HTTP/2, h2c or TLS), both on the control lcore: the
 * control loop polls the server once per iteration (gw_akma.c).
 */

#include <stdint.h>

#include "agw_akma.h"
#include "gw_config.h"

struct gw;

/** lib/akma's configuration from akma = { ... }, with room for its lists. */
struct gw_akma_lib_conf {
	struct agw_akma_conf conf;
	struct agw_akma_aanf_conf aanf[GW_AKMA_AANF_MAX];
	const char *served[GW_AKMA_AANF_MAX][GW_AKMA_SERVED_MAX];
	struct agw_akma_af_conf af[GW_AKMA_AF_MAX];
	struct agw_akma_rule rules[GW_AKMA_RULES_MAX];
	char err[200];
};

/**
 * Fill @p out from @p c (PLMN and akma group); strings point into @p c.
 * The store, the clock and the capacity are left to the caller.
 */
void gw_akma_lib_conf(const struct gw_conf *c, struct gw_akma_lib_conf *out);

/** The AKMA side on the control lcore (struct gw). */
struct gw_akma_state {
	struct agw_akma *ak;  /**< anchor, or NULL (AKMA off) */
	struct agw_sbi *sbi;  /**< its AAnF instances' server */
	uint64_t polls;	      /**< agw_sbi_poll() calls */
	uint64_t poll_events; /**< sockets they handled */
	uint64_t poll_errors; /**< agw_sbi_poll() errors (other than EINTR) */
};

/**
 * With akma.enabled: create the anchor on the anchors' store (restoring
 * its identifiers) and the SBI server, listening for each AAnF instance.
 * Called by gw_anchors_start() after the store opened and before the
 * anchors are created. 0 or -errno (logged).
 */
int gw_akma_start(struct gw *gw);

/** Close the server and free the anchor (after the anchors, before the store). */
void gw_akma_stop(struct gw *gw);

/** Serve what the SBI sockets have (no wait); once per control-loop iteration. */
void gw_akma_poll(struct gw *gw);

/**
 * Every AKMA counter as (name, value): the anchor's AUSF side
 * ("ausf_allocated", ...), each AAnF instance ("aanf_<id>_kaf_delivered",
 * ...), the SBI server ("sbi_ok", "sbi_conns_accepted", ...) and the
 * polling ("sbi_polls", ...). Nothing when AKMA is off. For the telemetry
 * command /anchorgw/akma and the final report (gw_stats.c).
 */
void gw_akma_foreach(const struct gw *gw, void (*put)(void *arg, const char *k, uint64_t v),
		     void *arg);

#endif /* GW_AKMA_H */
