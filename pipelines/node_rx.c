/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_rx: source node. Polls the worker's queue on every RAN port and on
 * the core port (downlink), stamps each mbuf with the port it came from
 * (agw_classify tells the direction by it), and moves the whole burst to
 * agw_classify.
 */
#include <rte_ethdev.h>

#include "node_priv.h"

enum { AGW_RX_NEXT_CLASSIFY = 0, AGW_RX_NB_NEXT };

static uint16_t
agw_rx_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t n = 0, room;
	unsigned int i;

	RTE_SET_USED(objs);
	RTE_SET_USED(nb_objs);
	for (i = 0; i <= w->nb_rx && n < node->size; i++) {
		const struct agw_worker_port *p = i < w->nb_rx ? &w->rx[i] : &w->core_tx;
		struct rte_mbuf **ms = (struct rte_mbuf **)node->objs + n;
		uint16_t got, j;

		room = RTE_MIN((uint16_t)(node->size - n), w->burst);
		got = rte_eth_rx_burst(p->port_id, p->queue_id, ms, room);
		for (j = 0; j < got; j++)
			ms[j]->port = p->port_id;
		n += got;
	}
	if (n == 0)
		return 0;
	w->stats.rx += n;
	node->idx = n;
	rte_node_next_stream_move(graph, node, AGW_RX_NEXT_CLASSIFY);
	return n;
}

static struct rte_node_register agw_rx_node = {
	.process = agw_rx_process,
	.init = agw_node_init_worker,
	.flags = RTE_NODE_SOURCE_F,
	.name = "agw_rx",
	.nb_edges = AGW_RX_NB_NEXT,
	.next_nodes = {[AGW_RX_NEXT_CLASSIFY] = "agw_classify"},
};

RTE_NODE_REGISTER(agw_rx_node);
