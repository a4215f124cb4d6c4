/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Counters: summed over workers for telemetry (/anchorgw/...) and for the
 * final report printed at stop. Telemetry callbacks take no user argument
 * in DPDK 22.11, so the one gateway instance is kept here for them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "gw.h"

static const struct gw *telemetry_gw;

static void
stats_sum(const struct gw *gw, struct agw_worker_stats *sum)
{
	unsigned int i, c;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < gw->conf.nb_workers; i++) {
		const struct agw_worker_stats *s = &gw->workers[i].stats;

		sum->rx += s->rx;
		sum->verified += s->verified;
		sum->deciphered += s->deciphered;
		sum->forwarded += s->forwarded;
		sum->protected_dl += s->protected_dl;
		sum->forwarded_dl += s->forwarded_dl;
		sum->punted += s->punted;
		sum->injected += s->injected;
		sum->split_extra += s->split_extra;
		sum->dropped += s->dropped;
		for (c = 0; c < AGW_PKT_N_CAUSES; c++)
			sum->drop[c] += s->drop[c];
	}
}

static void
stats_to_dict(struct rte_tel_data *d, const struct agw_worker_stats *s)
{
	unsigned int c;
	char name[64];

	rte_tel_data_add_dict_u64(d, "rx", s->rx);
	rte_tel_data_add_dict_u64(d, "verified", s->verified);
	rte_tel_data_add_dict_u64(d, "deciphered", s->deciphered);
	rte_tel_data_add_dict_u64(d, "forwarded", s->forwarded);
	rte_tel_data_add_dict_u64(d, "protected_dl", s->protected_dl);
	rte_tel_data_add_dict_u64(d, "forwarded_dl", s->forwarded_dl);
	rte_tel_data_add_dict_u64(d, "punted", s->punted);
	rte_tel_data_add_dict_u64(d, "injected", s->injected);
	rte_tel_data_add_dict_u64(d, "split_extra", s->split_extra);
	rte_tel_data_add_dict_u64(d, "dropped", s->dropped);
	for (c = 0; c < AGW_PKT_N_CAUSES; c++) {
		snprintf(name, sizeof(name), "drop_%s", agw_pkt_cause_name(c));
		rte_tel_data_add_dict_u64(d, name, s->drop[c]);
	}
}

static int
tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct agw_worker_stats sum;

	(void)cmd;
	(void)params;
	stats_sum(telemetry_gw, &sum);
	rte_tel_data_start_dict(d);
	stats_to_dict(d, &sum);
	return 0;
}

static int
tel_worker(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned long id = params != NULL ? strtoul(params, NULL, 10) : 0;

	(void)cmd;
	if (id >= telemetry_gw->conf.nb_workers)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	stats_to_dict(d, &telemetry_gw->workers[id].stats);
	return 0;
}

static int
tel_ctx(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct agw_ctx_stats st;

	(void)cmd;
	(void)params;
	agw_ctx_stats_get(telemetry_gw->ctx, &st);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "contexts", st.in_use);
	rte_tel_data_add_dict_u64(d, "capacity", st.capacity);
	rte_tel_data_add_dict_u64(d, "deferred", st.deferred);
	rte_tel_data_add_dict_u64(d, "bytes_per_context", st.bytes_per_ctx);
	rte_tel_data_add_dict_u64(d, "memory_bytes", st.memory_bytes);
	rte_tel_data_add_dict_u64(d, "installs", st.installs);
	rte_tel_data_add_dict_u64(d, "replaces", st.replaces);
	rte_tel_data_add_dict_u64(d, "deletes", st.deletes);
	rte_tel_data_add_dict_u64(d, "full", st.full);
	rte_tel_data_add_dict_u64(d, "n2_ids_in_use", st.n2_ids_in_use);
	rte_tel_data_add_dict_u64(d, "n2_ids_full", st.n2_ids_full);
	rte_tel_data_add_dict_u64(d, "evicted", st.evicted);
	if (telemetry_gw->cdev != NULL)
		rte_tel_data_add_dict_u64(d, "cryptodev_bytes_per_session",
					  (uint64_t)agw_cdev_session_bytes(telemetry_gw->cdev));
	return 0;
}

static int
tel_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const struct gw *gw = telemetry_gw;
	unsigned int i;

	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(d);
	for (i = 0; i < gw->conf.nb_ports; i++) {
		struct rte_eth_stats es;
		char k[GW_NAME_LEN + 8];

		if (rte_eth_stats_get(gw->port_ids[i], &es) != 0)
			continue;
		snprintf(k, sizeof(k), "%s_rx", gw->conf.ports[i].dev);
		rte_tel_data_add_dict_u64(d, k, es.ipackets);
		snprintf(k, sizeof(k), "%s_tx", gw->conf.ports[i].dev);
		rte_tel_data_add_dict_u64(d, k, es.opackets);
		snprintf(k, sizeof(k), "%s_missed", gw->conf.ports[i].dev);
		rte_tel_data_add_dict_u64(d, k, es.imissed);
	}
	return 0;
}

/* Anchors: every event counter, the N2 table counters, the glue's own. */
static void
anchors_foreach(const struct gw *gw, void (*put)(void *arg, const char *k, uint64_t v), void *arg)
{
	uint64_t ev[AGW_ANCHORS_EV_MAX];
	unsigned int i;

	agw_anchors_stats(gw->an.anchors, ev);
	for (i = 0; i < AGW_ANCHORS_EV_MAX; i++)
		put(arg, agw_anchors_ev_name(i), ev[i]);
	for (i = 0; i < GW_N2_N_COUNTERS; i++)
		put(arg, gw_n2_counter_name(i), gw->an.n2.counters[i]);
	put(arg, "ul_nas", gw->an.ul_nas);
	put(arg, "ngap_other", gw->an.ngap_other);
	put(arg, "ngap_malformed", gw->an.ngap_malformed);
	put(arg, "ctx_install_failed", gw->an.ctx_install_failed);
	put(arg, "lingered", gw->an.lingered);
	put(arg, "linger_full", gw->an.linger_full);
	put(arg, "store_commits", gw->an.commits);
	put(arg, "store_txn_failed", gw->an.txn_failed);
	put(arg, "ue_entries", agw_anchors_ue_count(gw->an.anchors));
}

static void
put_dict(void *arg, const char *k, uint64_t v)
{
	rte_tel_data_add_dict_u64(arg, k, v);
}

static void
put_print(void *arg, const char *k, uint64_t v)
{
	RTE_SET_USED(arg);
	if (v != 0)
		printf("anchorgw: anchors %s=%" PRIu64 "\n", k, v);
}

static void
put_print_akma(void *arg, const char *k, uint64_t v)
{
	RTE_SET_USED(arg);
	if (v != 0)
		printf("anchorgw: akma %s=%" PRIu64 "\n", k, v);
}

/* AKMA: anchor, AAnF instances, SBI server (empty when AKMA is off). */
static int
tel_akma(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	rte_tel_data_start_dict(d);
	gw_akma_foreach(telemetry_gw, put_dict, d);
	return 0;
}

static int
tel_anchors(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	rte_tel_data_start_dict(d);
	if (telemetry_gw->an.anchors != NULL)
		anchors_foreach(telemetry_gw, put_dict, d);
	return 0;
}

int
gw_telemetry_init(struct gw *gw)
{
	telemetry_gw = gw;
	if (rte_telemetry_register_cmd("/anchorgw/stats", tel_stats,
				       "Fast-path counters summed over workers") != 0 ||
	    rte_telemetry_register_cmd("/anchorgw/worker", tel_worker,
				       "One worker's counters. Parameters: worker index") != 0 ||
	    rte_telemetry_register_cmd("/anchorgw/ctx", tel_ctx,
				       "UE security context table: count, bytes per context") !=
		    0 ||
	    rte_telemetry_register_cmd("/anchorgw/anchors", tel_anchors,
				       "Anchors: registration events, N2 tables. No parameters") !=
		    0 ||
	    rte_telemetry_register_cmd("/anchorgw/akma", tel_akma,
				       "AKMA: identifiers, AAnF, SBI counters. No parameters") !=
		    0 ||
	    rte_telemetry_register_cmd("/anchorgw/ports", tel_ports,
				       "Per-port rx/tx/missed packets") != 0)
		return -EINVAL;
	return 0;
}

void
gw_stats_print(const struct gw *gw)
{
	struct agw_worker_stats sum;
	struct agw_ctx_stats st;
	unsigned int c;

	stats_sum(gw, &sum);
	agw_ctx_stats_get(gw->ctx, &st);
	printf("anchorgw: rx=%" PRIu64 " verified=%" PRIu64 " deciphered=%" PRIu64
	       " forwarded=%" PRIu64 " punted=%" PRIu64 " dropped=%" PRIu64 "\n",
	       sum.rx, sum.verified, sum.deciphered, sum.forwarded, sum.punted, sum.dropped);
	printf("anchorgw: protected_dl=%" PRIu64 " forwarded_dl=%" PRIu64 " injected=%" PRIu64
	       " split_extra=%" PRIu64 "\n",
	       sum.protected_dl, sum.forwarded_dl, sum.injected, sum.split_extra);
	for (c = 0; c < AGW_PKT_N_CAUSES; c++)
		printf("anchorgw: drop_%s=%" PRIu64 "\n", agw_pkt_cause_name(c), sum.drop[c]);
	printf("anchorgw: control punted_rx=%" PRIu64 " non_nas=%" PRIu64 " ctx_loaded=%" PRIu64
	       "\n", gw->ctl.punted_rx, gw->ctl.non_nas, gw->ctl.ctx_loaded);
	printf("anchorgw: contexts=%u capacity=%u bytes_per_context=%u\n", st.in_use,
	       st.capacity, st.bytes_per_ctx);
	if (gw->cdev != NULL)
		printf("anchorgw: cryptodev %s: bytes_per_session=%d (up to 2 per context)\n",
		       agw_cdev_driver_name(gw->cdev), agw_cdev_session_bytes(gw->cdev));
	if (gw->an.anchors != NULL)
		anchors_foreach(gw, put_print, NULL); /* non-zero counters */
	gw_akma_foreach(gw, put_print_akma, NULL);
}
