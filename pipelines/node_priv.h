/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NODE_PRIV_H
#define AGW_NODE_PRIV_H

/* Shared by the node files: the node context holds the worker pointer. */

#include <rte_graph_worker.h>

#include "agw_pipeline.h"

struct agw_node_ctx {
	struct agw_worker *w;
};

static inline struct agw_worker *
agw_node_worker(struct rte_node *node)
{
	return ((struct agw_node_ctx *)node->ctx)->w;
}

/* Node init shared by every node: find the worker by graph name. */
static inline int
agw_node_init_worker(const struct rte_graph *graph, struct rte_node *node)
{
	struct agw_worker *w = agw_pipeline_worker(graph->name);

	RTE_BUILD_BUG_ON(sizeof(struct agw_node_ctx) > RTE_NODE_CTX_SZ);
	if (w == NULL)
		return -ENOENT;
	((struct agw_node_ctx *)node->ctx)->w = w;
	return 0;
}

/* Mark a packet dropped with @p cause (counted by agw_drop). */
static inline void
agw_pkt_set_drop(struct rte_mbuf *m, enum agw_pkt_cause cause)
{
	struct agw_pkt_meta *pm = agw_pkt_meta(m);

	pm->action = AGW_ACT_DROP;
	pm->cause = (uint8_t)cause;
}

#endif /* AGW_NODE_PRIV_H */
