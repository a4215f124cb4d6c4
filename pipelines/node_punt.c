/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_punt: hands messages the anchors handle (verified plaintext, or
 * signalling that needs no NAS security) to the control lcore's ring. A
 * full ring is backpressure: the rest are freed and counted as ring_full.
 */
#include <rte_ring.h>

#include "node_priv.h"

static uint16_t
agw_punt_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	unsigned int done;

	RTE_SET_USED(graph);
	done = rte_ring_enqueue_burst(w->punt_ring, objs, nb_objs, NULL);
	w->stats.punted += done;
	if (done < nb_objs) {
		uint16_t lost = (uint16_t)(nb_objs - done);

		w->stats.drop[AGW_PKT_RING_FULL] += lost;
		w->stats.dropped += lost;
		rte_pktmbuf_free_bulk((struct rte_mbuf **)objs + done, lost);
	}
	return nb_objs;
}

static struct rte_node_register agw_punt_node = {
	.process = agw_punt_process,
	.init = agw_node_init_worker,
	.name = "agw_punt",
	.nb_edges = 0,
};

RTE_NODE_REGISTER(agw_punt_node);
