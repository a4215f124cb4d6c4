/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <string.h>

#include <rte_hash_crc.h>
#include <rte_lcore.h>

#include "agw_pipeline.h"

/*
 * Workers registered by graph name. rte_graph gives a node's init only the
 * graph and the node, so the application registers each worker's state here
 * before it creates the graph (the same shape as DPDK lib/node keeps its
 * ethdev rx/tx contexts). Written on the main lcore before launch only.
 */
static struct agw_worker *registered[RTE_MAX_LCORE];

const char *const agw_pipeline_node_patterns[] = {
	"agw_rx", "agw_inject", "agw_classify", "agw_ngap", "agw_nas_sec", "agw_nas_crypto",
	"agw_verdict", "agw_tx", "agw_punt", "agw_drop", NULL,
};

const char *
agw_pkt_cause_name(unsigned int cause)
{
	static const char *const names[] = {
#define AGW_PKT_CAUSE_NAME_(n, s) s,
		AGW_PKT_CAUSES(AGW_PKT_CAUSE_NAME_)
#undef AGW_PKT_CAUSE_NAME_
	};

	return cause < AGW_PKT_N_CAUSES ? names[cause] : "unknown";
}

int
agw_pipeline_register_worker(struct agw_worker *w)
{
	unsigned int i;

	if (w == NULL || w->graph_name[0] == '\0')
		return -EINVAL;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (registered[i] == NULL || registered[i] == w) {
			registered[i] = w;
			return 0;
		}
	}
	return -ENOSPC;
}

struct agw_worker *
agw_pipeline_worker(const char *graph_name)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE && registered[i] != NULL; i++)
		if (strcmp(registered[i]->graph_name, graph_name) == 0)
			return registered[i];
	return NULL;
}

uint32_t
agw_assoc_id(const uint8_t *src_ip, const uint8_t *dst_ip, unsigned int ip_len, uint16_t src_port,
	     uint16_t dst_port)
{
	/* Addresses sit at odd offsets in frames; rte_hash_crc() loads
	 * 32-bit words, so hash aligned copies. */
	uint32_t a[8] = {0};
	uint32_t h;

	ip_len = ip_len > 16 ? 16 : ip_len;
	memcpy(&a[0], src_ip, ip_len);
	memcpy(&a[4], dst_ip, ip_len);
	h = rte_hash_crc(&a[0], ip_len, 0x5a5a5a5a);
	h = rte_hash_crc(&a[4], ip_len, h);
	h = rte_hash_crc_4byte((uint32_t)src_port << 16 | dst_port, h);
	return h;
}
