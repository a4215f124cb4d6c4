/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_REG_LINK_H
#define AGW_REG_LINK_H

/**
 * @file
 * Transport of the registration simulator: an AF_PACKET raw socket
 * (SOCK_RAW, ETH_P_ALL) bound to one interface, e.g. the net_tap device
 * anchorgw creates. Frames this socket sends itself are skipped on
 * receive. Needs CAP_NET_RAW (and CAP_NET_ADMIN to bring the link up).
 */

#include <stddef.h>
#include <stdint.h>

struct agw_reglink {
	int fd;
	int ifindex;
	uint64_t tx, tx_err;	   /**< frames sent / send errors */
	uint64_t rx, rx_outgoing;  /**< frames received / own frames skipped */
	uint64_t rx_err, rx_trunc; /**< receive errors / frames longer than the buffer */
};

/**
 * Wait up to @p timeout_ms for interface @p ifname to exist, bring it up if
 * it is down, open and bind the socket.
 * @return 0, -ETIMEDOUT (no such interface, or not up, in time), or -errno.
 */
int agw_reglink_open(struct agw_reglink *l, const char *ifname, int timeout_ms);

/** Send one frame. @return 0 or -errno (counted). */
int agw_reglink_send(struct agw_reglink *l, const uint8_t *frame, size_t len);

/**
 * Receive one frame, waiting up to @p timeout_ms.
 * @return its length; 0 on timeout or for a frame skipped (own, too long);
 *   or -errno (counted).
 */
long agw_reglink_recv(struct agw_reglink *l, uint8_t *buf, size_t cap, int timeout_ms);

/** Close the socket. */
void agw_reglink_close(struct agw_reglink *l);

#endif /* AGW_REG_LINK_H */
