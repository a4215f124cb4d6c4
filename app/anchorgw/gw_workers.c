/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_graph_worker.h>
#include <rte_lcore.h>

#include "gw.h"

/* Fill worker @p i: its RAN ports' queue i and the core port's queue i. */
static void
gw_worker_setup(struct gw *gw, unsigned int i)
{
	struct agw_worker *w = &gw->workers[i];
	unsigned int p;

	snprintf(w->graph_name, sizeof(w->graph_name), "agw_worker%u", i);
	w->worker_id = i;
	w->ctx = gw->ctx;
	w->punt_ring = gw->punt_ring;
	w->inject_ring = gw->inject_rings[i];
	w->burst = gw->conf.burst;
	w->quit = &gw->quit;
	for (p = 0; p < gw->conf.nb_ports; p++) {
		struct agw_worker_port wp = {gw->port_ids[p], (uint16_t)i};

		if (gw->conf.ports[p].role == GW_PORT_RAN && w->nb_rx == 0)
			w->ran_tx = wp; /* downlink leaves on the first RAN port */
		if (gw->conf.ports[p].role == GW_PORT_RAN && w->nb_rx < AGW_WORKER_MAX_PORTS)
			w->rx[w->nb_rx++] = wp;
		else if (gw->conf.ports[p].role == GW_PORT_CORE)
			w->core_tx = wp;
	}
}

int
gw_graphs_create(struct gw *gw)
{
	unsigned int i;

	for (i = 0; i < gw->conf.nb_workers; i++) {
		struct agw_worker *w = &gw->workers[i];
		struct rte_graph_param gp = {
			.socket_id = (int)rte_lcore_to_socket_id(gw->conf.worker_lcores[i]),
			.nb_node_patterns = 0,
			.node_patterns = (const char **)agw_pipeline_node_patterns,
		};

		gw_worker_setup(gw, i);
		while (agw_pipeline_node_patterns[gp.nb_node_patterns] != NULL)
			gp.nb_node_patterns++;
		if (agw_pipeline_register_worker(w) != 0)
			return -ENOSPC;
		gw->graphs[i] = rte_graph_create(w->graph_name, &gp);
		if (gw->graphs[i] == RTE_GRAPH_ID_INVALID) {
			fprintf(stderr, "anchorgw: graph %s: %s\n", w->graph_name,
				rte_strerror(rte_errno));
			return -EINVAL;
		}
	}
	return 0;
}

int
gw_worker_main(void *arg)
{
	struct agw_worker *w = arg;
	struct rte_graph *graph = rte_graph_lookup(w->graph_name);

	w->eng = agw_nas_sec_engine_create();
	if (graph == NULL || w->eng == NULL) {
		fprintf(stderr, "anchorgw: worker %u: cannot start (%s)\n", w->worker_id,
			graph == NULL ? "no graph" : "no IPsec-MB engine");
		return -EINVAL;
	}
	agw_ctx_worker_register(w->ctx, w->worker_id);
	while (!*w->quit) {
		rte_graph_walk(graph);
		agw_ctx_worker_quiescent(w->ctx, w->worker_id);
	}
	agw_ctx_worker_unregister(w->ctx, w->worker_id);
	agw_nas_sec_engine_free(w->eng);
	w->eng = NULL;
	return 0;
}
