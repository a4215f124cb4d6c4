/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_tx: sends verified NAS frames on the worker's core-side queue; what
 * the port does not take is freed and counted as tx_full.
 */
#include <rte_ethdev.h>

#include "node_priv.h"

static uint16_t
agw_tx_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t sent;

	RTE_SET_USED(graph);
	sent = rte_eth_tx_burst(w->core_tx.port_id, w->core_tx.queue_id, (struct rte_mbuf **)objs,
				nb_objs);
	w->stats.forwarded += sent;
	if (sent < nb_objs) {
		uint16_t lost = nb_objs - sent;

		w->stats.drop[AGW_PKT_TX_FULL] += lost;
		w->stats.dropped += lost;
		rte_pktmbuf_free_bulk((struct rte_mbuf **)objs + sent, lost);
	}
	return nb_objs;
}

static struct rte_node_register agw_tx_node = {
	.process = agw_tx_process,
	.init = agw_node_init_worker,
	.name = "agw_tx",
	.nb_edges = 0,
};

RTE_NODE_REGISTER(agw_tx_node);
