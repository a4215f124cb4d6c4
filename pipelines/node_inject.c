/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_inject: source node for frames the control lcore originates (N2
 * DownlinkNASTransport carrying the anchors' NAS: Authentication request,
 * Security mode command, Registration accept/reject, ...). The control lcore
 * builds each frame whole (SCTP CRC set) and enqueues it on the worker's
 * inject ring. A frame whose NAS the anchors protected goes to agw_tx as it
 * is; one whose NAS carries a placeholder security header (the UE's context
 * is in the fast path, whose DL NAS COUNT it must use: inject_protect set)
 * enters the downlink path at agw_classify as if the core had sent it. The
 * worker's RAN queue stays the only writer of that queue.
 *
 * The two kinds take paths of different length through the graph, so one
 * walk takes only a run of frames of the same kind (the ring is peeked, the
 * rest stays queued for the next walk): the frames leave in the order the
 * control lcore numbered them (SCTP TSN/SSN).
 */
#include <rte_ring.h>
#include <rte_ring_peek.h>

#include "node_priv.h"

enum { AGW_INJECT_NEXT_TX = 0, AGW_INJECT_NEXT_CLASSIFY, AGW_INJECT_NB_NEXT };

static uint16_t
agw_inject_process(struct rte_graph *graph, struct rte_node *node, void **objs, uint16_t nb_objs)
{
	struct agw_worker *w = agw_node_worker(node);
	unsigned int n, i;

	RTE_SET_USED(objs);
	RTE_SET_USED(nb_objs);
	if (w->inject_ring == NULL)
		return 0;
	n = rte_ring_dequeue_burst_start(w->inject_ring, node->objs,
					 RTE_MIN(node->size, w->burst), NULL);
	for (i = 1; i < n; i++) /* the run of the first frame's kind */
		if (agw_pkt_meta(node->objs[i])->inject_protect !=
		    agw_pkt_meta(node->objs[0])->inject_protect)
			break;
	n = RTE_MIN(n, i);
	rte_ring_dequeue_finish(w->inject_ring, n);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = node->objs[i];
		struct agw_pkt_meta *pm = agw_pkt_meta(m);

		if (pm->inject_protect) { /* agw_classify sets the metadata */
			m->port = w->core_tx.port_id;
			rte_node_enqueue_x1(graph, node, AGW_INJECT_NEXT_CLASSIFY, m);
			continue;
		}
		memset(pm, 0, sizeof(*pm));
		pm->dl = 1;
		pm->action = AGW_ACT_FORWARD;
		rte_node_enqueue_x1(graph, node, AGW_INJECT_NEXT_TX, m);
	}
	w->stats.injected += n;
	return (uint16_t)n;
}

static struct rte_node_register agw_inject_node = {
	.process = agw_inject_process,
	.init = agw_node_init_worker,
	.flags = RTE_NODE_SOURCE_F,
	.name = "agw_inject",
	.nb_edges = AGW_INJECT_NB_NEXT,
	.next_nodes =
		{[AGW_INJECT_NEXT_TX] = "agw_tx", [AGW_INJECT_NEXT_CLASSIFY] = "agw_classify"},
};

RTE_NODE_REGISTER(agw_inject_node);
