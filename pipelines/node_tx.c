/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_tx: sends uplink frames (verified NAS) on the worker's core-side
 * queue and downlink frames (protected NAS, passed-through N2) on its
 * RAN-side queue; what a port does not take is freed and counted as
 * tx_full.
 */
#include <rte_ethdev.h>

#include "node_priv.h"

static uint16_t
tx_send(struct agw_worker *w, const struct agw_worker_port *p, struct rte_mbuf **ms, uint16_t n)
{
	uint16_t sent;

	if (n == 0)
		return 0;
	sent = rte_eth_tx_burst(p->port_id, p->queue_id, ms, n);
	if (sent < n) {
		uint16_t lost = n - sent;

		w->stats.drop[AGW_PKT_TX_FULL] += lost;
		w->stats.dropped += lost;
		rte_pktmbuf_free_bulk(ms + sent, lost);
	}
	return sent;
}

static uint16_t
agw_tx_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	struct rte_mbuf *ul[RTE_GRAPH_BURST_SIZE], *dl[RTE_GRAPH_BURST_SIZE];
	uint16_t i, n_ul = 0, n_dl = 0;

	RTE_SET_USED(graph);
	for (i = 0; i < nb_objs; i++) {
		struct rte_mbuf *m = objs[i];

		if (agw_pkt_meta(m)->dl)
			dl[n_dl++] = m;
		else
			ul[n_ul++] = m;
	}
	w->stats.forwarded += tx_send(w, &w->core_tx, ul, n_ul);
	w->stats.forwarded_dl += tx_send(w, &w->ran_tx, dl, n_dl);
	return nb_objs;
}

static struct rte_node_register agw_tx_node = {
	.process = agw_tx_process,
	.init = agw_node_init_worker,
	.name = "agw_tx",
	.nb_edges = 0,
};

RTE_NODE_REGISTER(agw_tx_node);
