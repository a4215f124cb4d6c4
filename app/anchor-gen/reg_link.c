/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AF_PACKET transport of the registration simulator. See reg_link.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "reg_link.h"

#define LINK_POLL_MS 100
#define LINK_RCVBUF (8 << 20)

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* IFF_UP set (set it when clear): 1 up, 0 not yet, -errno. */
static int
link_up(int fd, const char *ifname)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) != 0)
		return errno == ENODEV ? 0 : -errno;
	if (ifr.ifr_flags & IFF_UP)
		return 1;
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) != 0)
		return -errno;
	return 0; /* check again on the next round */
}

/* Wait for the interface to exist and be up. */
static int
link_wait(int fd, const char *ifname, int timeout_ms)
{
	uint64_t end = now_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
	int rc;

	for (;;) {
		rc = if_nametoindex(ifname) != 0 ? link_up(fd, ifname) : 0;
		if (rc != 0)
			return rc < 0 ? rc : 0;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		poll(NULL, 0, LINK_POLL_MS);
	}
}

static int
link_bind(struct agw_reglink *l, const char *ifname)
{
	struct sockaddr_ll sa;
	int one = 1, rcvbuf = LINK_RCVBUF;

	l->ifindex = (int)if_nametoindex(ifname);
	if (l->ifindex == 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sll_family = AF_PACKET;
	sa.sll_protocol = htons(ETH_P_ALL);
	sa.sll_ifindex = l->ifindex;
	if (bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -errno;
	/* Best effort: a larger buffer, and no copies of our own frames
	 * (older kernels: skipped by packet type in agw_reglink_recv()). */
	setsockopt(l->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
#ifdef PACKET_IGNORE_OUTGOING
	setsockopt(l->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
#else
	(void)one;
#endif
	return 0;
}

int
agw_reglink_open(struct agw_reglink *l, const char *ifname, int timeout_ms)
{
	int rc;

	if (l == NULL || ifname == NULL || strlen(ifname) >= IFNAMSIZ)
		return -EINVAL;
	memset(l, 0, sizeof(*l));
	l->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (l->fd < 0)
		return -errno;
	rc = link_wait(l->fd, ifname, timeout_ms);
	if (rc == 0)
		rc = link_bind(l, ifname);
	if (rc != 0) {
		close(l->fd);
		l->fd = -1;
	}
	return rc;
}

int
agw_reglink_send(struct agw_reglink *l, const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sa;
	ssize_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sll_family = AF_PACKET;
	sa.sll_ifindex = l->ifindex;
	sa.sll_halen = 6;
	memcpy(sa.sll_addr, frame, 6);
	n = sendto(l->fd, frame, len, 0, (struct sockaddr *)&sa, sizeof(sa));
	if (n != (ssize_t)len) {
		l->tx_err++;
		return n < 0 ? -errno : -EIO;
	}
	l->tx++;
	return 0;
}

long
agw_reglink_recv(struct agw_reglink *l, uint8_t *buf, size_t cap, int timeout_ms)
{
	struct pollfd p = {.fd = l->fd, .events = POLLIN};
	struct sockaddr_ll sa;
	socklen_t sl = sizeof(sa);
	ssize_t n;
	int rc = poll(&p, 1, timeout_ms);

	if (rc <= 0) {
		if (rc < 0 && errno != EINTR) {
			l->rx_err++;
			return -errno;
		}
		return 0;
	}
	n = recvfrom(l->fd, buf, cap, MSG_TRUNC, (struct sockaddr *)&sa, &sl);
	if (n < 0) {
		l->rx_err++;
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	}
	if (sa.sll_pkttype == PACKET_OUTGOING) {
		l->rx_outgoing++;
		return 0;
	}
	l->rx++;
	if ((size_t)n > cap) {
		l->rx_trunc++;
		return 0;
	}
	return (long)n;
}

void
agw_reglink_close(struct agw_reglink *l)
{
	if (l != NULL && l->fd >= 0)
		close(l->fd);
	if (l != NULL)
		l->fd = -1;
}
