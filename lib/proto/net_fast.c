/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The common N2 frame in one pass: Ethernet [802.1Q] / IPv4 (IHL 5) or
 * IPv6 (no extension headers) / SCTP with one complete DATA chunk. Each
 * field is read once at a fixed offset, with the bounds checked up front;
 * anything unusual returns AGW_NET_SLOW and the caller runs the full
 * agw_net_parse_frame(), which also names every error. So this function
 * decides nothing the full parser would decide differently (the proto
 * tests compare the two on every frame they have).
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "agw_net.h"

#define ETH_HDR 14
#define VLAN_HDR 4
#define IPV4_HDR 20
#define IPV6_HDR 40
#define SCTP_HDR 12
#define DATA_HDR 16 /* chunk header 4 + TSN 4 + SID 2 + SSN 2 + PPID 4 */

static inline uint16_t
be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
be32_at(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return rte_be_to_cpu_32(v);
}

/* L2: offset of the IP header and its ethertype, or 0. */
static inline size_t
fast_l2(const uint8_t *buf, size_t len, uint16_t *ethertype)
{
	uint16_t et;

	if (len < ETH_HDR + VLAN_HDR + IPV4_HDR)
		return 0;
	et = be16_at(buf + 12);
	if (et != AGW_ETHERTYPE_VLAN) {
		*ethertype = et;
		return ETH_HDR;
	}
	*ethertype = be16_at(buf + 16);
	return ETH_HDR + VLAN_HDR;
}

/* IPv4 without options, not fragmented: the SCTP packet's span, or 0. */
static inline size_t
fast_ipv4(const uint8_t *ip, size_t left, unsigned int flags, struct agw_net_sctp_one *o)
{
	uint16_t total = be16_at(ip + 2);

	if (ip[0] != 0x45 || ip[9] != AGW_IPPROTO_SCTP || total > left ||
	    total < IPV4_HDR + SCTP_HDR + DATA_HDR)
		return 0;
	if ((be16_at(ip + 6) & 0x3fff) != 0) /* MF or a fragment offset */
		return 0;
	if (!(flags & AGW_NET_F_NO_L3_CSUM) && rte_raw_cksum(ip, IPV4_HDR) != 0xffff)
		return 0;
	o->ip_version = 4;
	o->src = ip + 12;
	o->dst = ip + 16;
	return total - IPV4_HDR;
}

/* IPv6 whose next header is SCTP: the SCTP packet's span, or 0. */
static inline size_t
fast_ipv6(const uint8_t *ip, size_t left, struct agw_net_sctp_one *o)
{
	uint16_t plen;

	if (left < IPV6_HDR + SCTP_HDR + DATA_HDR || (ip[0] >> 4) != 6 || ip[6] != AGW_IPPROTO_SCTP)
		return 0;
	plen = be16_at(ip + 4);
	if (plen > left - IPV6_HDR || plen < SCTP_HDR + DATA_HDR)
		return 0;
	o->ip_version = 6;
	o->src = ip + 8;
	o->dst = ip + 24;
	return plen;
}

/* SCTP: exactly one DATA chunk, B and E set, non-empty, then only its
 * padding (or nothing: a final chunk may come unpadded). */
static inline int
fast_sctp(const uint8_t *buf, size_t l4, size_t n, unsigned int flags, struct agw_net_sctp_one *o)
{
	const uint8_t *s = buf + l4, *c = s + SCTP_HDR;
	uint16_t clen = be16_at(c + 2);
	size_t after = n - SCTP_HDR;

	if (c[0] != AGW_SCTP_CHUNK_DATA ||
	    (c[1] & AGW_SCTP_DATA_COMPLETE) != AGW_SCTP_DATA_COMPLETE || clen <= DATA_HDR ||
	    clen > after)
		return AGW_NET_SLOW;
	after -= clen;
	if (after != 0 && after != ((4u - (clen & 3u)) & 3u))
		return AGW_NET_SLOW;
	if (!(flags & AGW_NET_F_NO_L4_CSUM) && rte_bswap32(agw_sctp_csum(s, n)) != be32_at(s + 8))
		return AGW_NET_SLOW;
	o->l4_off = (uint16_t)l4;
	o->sport = be16_at(s);
	o->dport = be16_at(s + 2);
	o->ppid = be32_at(c + 12);
	o->msg_off = (uint16_t)(l4 + SCTP_HDR + DATA_HDR);
	o->msg_len = (uint16_t)(clen - DATA_HDR);
	return 0;
}

int
agw_net_sctp_one_fast(const uint8_t *buf, size_t len, unsigned int flags,
		      struct agw_net_sctp_one *o)
{
	uint16_t ethertype;
	size_t l3, n;

	if (len > UINT16_MAX || (l3 = fast_l2(buf, len, &ethertype)) == 0)
		return AGW_NET_SLOW;
	if (ethertype == AGW_ETHERTYPE_IPV4)
		n = fast_ipv4(buf + l3, len - l3, flags, o);
	else if (ethertype == AGW_ETHERTYPE_IPV6)
		n = fast_ipv6(buf + l3, len - l3, o);
	else
		return AGW_NET_SLOW;
	if (n == 0)
		return AGW_NET_SLOW;
	o->l3_off = (uint16_t)l3;
	return fast_sctp(buf, l3 + (o->ip_version == 4 ? IPV4_HDR : IPV6_HDR), n, flags, o);
}
