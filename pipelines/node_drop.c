/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_drop: counts each packet under the cause its node gave it
 * (agw_pkt_set_drop) and frees it. The only place drops are counted, so
 * rx = forwarded + punted + dropped (+ in flight) always holds.
 */
#include "node_priv.h"

static uint16_t
agw_drop_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	uint16_t i;

	RTE_SET_USED(graph);
	for (i = 0; i < nb_objs; i++) {
		unsigned int c = agw_pkt_meta(objs[i])->cause;

		w->stats.drop[c < AGW_PKT_N_CAUSES ? c : AGW_PKT_MALFORMED]++;
	}
	w->stats.dropped += nb_objs;
	rte_pktmbuf_free_bulk((struct rte_mbuf **)objs, nb_objs);
	return nb_objs;
}

static struct rte_node_register agw_drop_node = {
	.process = agw_drop_process,
	.init = agw_node_init_worker,
	.name = "agw_drop",
	.nb_edges = 0,
};

RTE_NODE_REGISTER(agw_drop_node);
