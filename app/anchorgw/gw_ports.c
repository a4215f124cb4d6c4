/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <stdio.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "gw.h"

/* Let the NIC verify the IPv4 header checksum and the SCTP CRC32c when it
 * can: the classify node then trusts RTE_MBUF_F_RX_*_CKSUM_GOOD and drops
 * _BAD, and computes them in software only for _UNKNOWN. */
static void
gw_port_rx_offloads(uint16_t port, struct rte_eth_conf *eth_conf)
{
	struct rte_eth_dev_info info;

	if (rte_eth_dev_info_get(port, &info) != 0)
		return;
	eth_conf->rxmode.offloads |= info.rx_offload_capa &
				     (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_SCTP_CKSUM);
}

static int
gw_port_start(struct gw *gw, unsigned int i)
{
	const struct gw_port_conf *pc = &gw->conf.ports[i];
	struct rte_eth_conf eth_conf = {0};
	uint16_t port, q, nq = pc->rx_queues;
	int sock, rc;

	if (rte_eth_dev_get_port_by_name(pc->dev, &port) != 0) {
		fprintf(stderr, "anchorgw: port '%s' not found (vdev or PCI address?)\n", pc->dev);
		return -ENODEV;
	}
	gw->port_ids[i] = port;
	sock = rte_eth_dev_socket_id(port);
	gw_port_rx_offloads(port, &eth_conf);
	rc = rte_eth_dev_configure(port, nq, nq, &eth_conf);
	for (q = 0; rc == 0 && q < nq; q++)
		rc = rte_eth_rx_queue_setup(port, q, pc->rx_desc, sock, NULL, gw->pool);
	for (q = 0; rc == 0 && q < nq; q++)
		rc = rte_eth_tx_queue_setup(port, q, pc->tx_desc, sock, NULL);
	if (rc == 0)
		rc = rte_eth_dev_start(port);
	if (rc != 0) {
		fprintf(stderr, "anchorgw: port '%s': setup failed: %s\n", pc->dev,
			rte_strerror(-rc));
		return rc;
	}
	rte_eth_promiscuous_enable(port);
	return 0;
}

int
gw_ports_start(struct gw *gw)
{
	unsigned int i;
	int rc;

	for (i = 0; i < gw->conf.nb_ports; i++) {
		rc = gw_port_start(gw, i);
		if (rc != 0)
			return rc;
	}
	return 0;
}

void
gw_ports_stop(struct gw *gw)
{
	unsigned int i;

	for (i = 0; i < gw->conf.nb_ports; i++) {
		rte_eth_dev_stop(gw->port_ids[i]);
		rte_eth_dev_close(gw->port_ids[i]);
	}
}
