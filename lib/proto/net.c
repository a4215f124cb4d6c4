/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Ethernet/VLAN, IPv4, IPv6, UDP decoders and frame builders, and the
 * whole-frame parser that yields SCTP/UDP user messages.
 */
#include <string.h>

#include "agw_net.h"

#define ETH_HDR_LEN 14
#define VLAN_TAG_LEN 4
#define IPV4_HDR_LEN 20
#define IPV6_HDR_LEN 40
#define IPV6_EXT_LEN 8 /* every extension header the builders emit */
#define UDP_HDR_LEN 8
#define SCTP_HDR_LEN 12
#define SCTP_DATA_HDR_LEN 16
#define IP_MAX_LEN 65535

/* ---- Internet checksum, RFC 1071 ---- */

/* Add the 16-bit big-endian words of a span to a running sum. */
static uint64_t
csum_add(uint64_t sum, const uint8_t *p, size_t n)
{
	struct agw_rd r = agw_rd_init(p, n);
	uint16_t w;
	uint8_t b;

	while (agw_rd_be16(&r, &w) == 0)
		sum += w;
	if (agw_rd_u8(&r, &b) == 0)
		sum += (uint64_t)b << 8;
	return sum;
}

/* Fold to 16 bits and complement: 0 when a received header is intact. */
static uint16_t
csum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ---- Ethernet, IEEE 802.3 clause 3.1.1; VLAN tags, IEEE 802.1Q clause 9 ---- */

static int
is_vlan_tpid(uint16_t t)
{
	return t == AGW_ETHERTYPE_VLAN || t == AGW_ETHERTYPE_QINQ || t == AGW_ETHERTYPE_QINQ_OLD;
}

int
agw_eth_decode(const uint8_t *buf, size_t len, struct agw_eth *eth)
{
	struct agw_rd r = agw_rd_init(buf, len);
	int rc;

	memset(eth, 0, sizeof(*eth));
	eth->dst = agw_rd_take(&r, AGW_ETH_ALEN);
	eth->src = agw_rd_take(&r, AGW_ETH_ALEN);
	if (eth->src == NULL)
		return AGW_PROTO_E_TRUNCATED;
	if ((rc = agw_rd_be16(&r, &eth->ethertype)) != 0)
		return rc;
	while (is_vlan_tpid(eth->ethertype)) {
		if (eth->n_vlan == AGW_NET_MAX_VLAN)
			return AGW_PROTO_E_UNSUPPORTED;
		eth->vlan_tpid[eth->n_vlan] = eth->ethertype;
		if ((rc = agw_rd_be16(&r, &eth->vlan_tci[eth->n_vlan])) != 0 ||
		    (rc = agw_rd_be16(&r, &eth->ethertype)) != 0)
			return rc;
		eth->n_vlan++;
	}
	eth->payload_len = agw_rd_left(&r);
	eth->payload = agw_rd_take(&r, eth->payload_len);
	return 0;
}

/* ---- IPv4, RFC 791 clause 3.1 ---- */

static int
ipv4_fixed(struct agw_rd *r, struct agw_ipv4 *ip)
{
	uint8_t vihl;
	int rc;

	if ((rc = agw_rd_u8(r, &vihl)) != 0 || (rc = agw_rd_u8(r, &ip->tos)) != 0 ||
	    (rc = agw_rd_be16(r, &ip->total_len)) != 0 || (rc = agw_rd_be16(r, &ip->id)) != 0 ||
	    (rc = agw_rd_be16(r, &ip->frag)) != 0 || (rc = agw_rd_u8(r, &ip->ttl)) != 0 ||
	    (rc = agw_rd_u8(r, &ip->proto)) != 0 || (rc = agw_rd_be16(r, &ip->csum)) != 0)
		return rc;
	ip->src = agw_rd_take(r, 4);
	ip->dst = agw_rd_take(r, 4);
	if (ip->dst == NULL)
		return AGW_PROTO_E_TRUNCATED;
	if (vihl >> 4 != 4)
		return AGW_PROTO_E_BAD_VALUE;
	ip->hdr_len = (uint8_t)((vihl & 0x0f) * 4);
	return ip->hdr_len < IPV4_HDR_LEN ? AGW_PROTO_E_BAD_LENGTH : 0;
}

static int
ipv4_decode(const uint8_t *buf, size_t len, int check_csum, struct agw_ipv4 *ip)
{
	struct agw_rd r = agw_rd_init(buf, len);
	int rc;

	memset(ip, 0, sizeof(*ip));
	if ((rc = ipv4_fixed(&r, ip)) != 0)
		return rc;
	if (len < ip->hdr_len)
		return AGW_PROTO_E_TRUNCATED;
	if (ip->total_len < ip->hdr_len)
		return AGW_PROTO_E_BAD_LENGTH;
	if (ip->total_len > len)
		return AGW_PROTO_E_TRUNCATED;
	if (check_csum && csum_fold(csum_add(0, buf, ip->hdr_len)) != 0)
		return AGW_PROTO_E_BAD_CHECKSUM;
	r = agw_rd_init(buf, ip->total_len);
	(void)agw_rd_take(&r, ip->hdr_len);
	ip->payload_len = agw_rd_left(&r);
	ip->payload = agw_rd_take(&r, ip->payload_len);
	if (ip->frag & (AGW_IPV4_MF | AGW_IPV4_OFF_MASK))
		return AGW_PROTO_E_UNSUPPORTED;
	return 0;
}

int
agw_ipv4_decode(const uint8_t *buf, size_t len, struct agw_ipv4 *ip)
{
	return ipv4_decode(buf, len, 1, ip);
}

/* ---- IPv6, RFC 8200 clauses 3 and 4 ---- */

/* Fragment header (RFC 8200 clause 4.5): only atomic fragments (RFC 6946). */
static int
ipv6_skip_frag(struct agw_rd *r, uint8_t *next)
{
	uint8_t res;
	uint16_t offm;
	uint32_t id;
	int rc;

	if ((rc = agw_rd_u8(r, next)) != 0 || (rc = agw_rd_u8(r, &res)) != 0 ||
	    (rc = agw_rd_be16(r, &offm)) != 0 || (rc = agw_rd_be32(r, &id)) != 0)
		return rc;
	/* offset (13 bits) | res (2) | M (1): anything but 0 needs reassembly */
	return (offm & 0xfff9) != 0 ? AGW_PROTO_E_UNSUPPORTED : 0;
}

/* Hop-by-hop, routing, destination options: next(1) hdr_ext_len(1), (len+1)*8. */
static int
ipv6_skip_opts(struct agw_rd *r, uint8_t *next)
{
	uint8_t hlen;
	int rc;

	if ((rc = agw_rd_u8(r, next)) != 0 || (rc = agw_rd_u8(r, &hlen)) != 0)
		return rc;
	if (agw_rd_take(r, ((size_t)hlen + 1) * 8 - 2) == NULL)
		return AGW_PROTO_E_TRUNCATED;
	return 0;
}

static int
ipv6_is_ext(uint8_t nh)
{
	return nh == AGW_IPPROTO_HOPOPTS || nh == AGW_IPPROTO_ROUTING ||
	       nh == AGW_IPPROTO_DSTOPTS || nh == AGW_IPPROTO_FRAGMENT;
}

static int
ipv6_skip_ext(struct agw_rd *r, struct agw_ipv6 *ip)
{
	uint8_t nh = ip->proto;
	int rc;

	while (ipv6_is_ext(nh)) {
		if (ip->n_ext == AGW_NET_MAX_IP6_EXT)
			return AGW_PROTO_E_UNSUPPORTED;
		/* clause 4.3: hop-by-hop only immediately after the header */
		if (nh == AGW_IPPROTO_HOPOPTS && ip->n_ext != 0)
			return AGW_PROTO_E_BAD_VALUE;
		if (nh == AGW_IPPROTO_FRAGMENT)
			rc = ipv6_skip_frag(r, &nh);
		else
			rc = ipv6_skip_opts(r, &nh);
		if (rc != 0)
			return rc;
		ip->n_ext++;
	}
	ip->proto = nh;
	return 0;
}

int
agw_ipv6_decode(const uint8_t *buf, size_t len, struct agw_ipv6 *ip)
{
	struct agw_rd r = agw_rd_init(buf, len);
	struct agw_rd pl;
	uint32_t vtf;
	int rc;

	memset(ip, 0, sizeof(*ip));
	if ((rc = agw_rd_be32(&r, &vtf)) != 0 || (rc = agw_rd_be16(&r, &ip->plen)) != 0 ||
	    (rc = agw_rd_u8(&r, &ip->proto)) != 0 || (rc = agw_rd_u8(&r, &ip->hop_limit)) != 0)
		return rc;
	ip->src = agw_rd_take(&r, 16);
	ip->dst = agw_rd_take(&r, 16);
	if (ip->dst == NULL)
		return AGW_PROTO_E_TRUNCATED;
	if (vtf >> 28 != 6)
		return AGW_PROTO_E_BAD_VALUE;
	ip->tclass = (uint8_t)(vtf >> 20);
	ip->flow = vtf & 0xfffff;
	if (ip->plen == 0)
		return AGW_PROTO_E_UNSUPPORTED; /* jumbogram (RFC 2675) or empty */
	if (ip->plen > agw_rd_left(&r))
		return AGW_PROTO_E_TRUNCATED;
	pl = agw_rd_init(r.p, ip->plen);
	if ((rc = ipv6_skip_ext(&pl, ip)) != 0)
		return rc;
	ip->payload_len = agw_rd_left(&pl);
	ip->payload = agw_rd_take(&pl, ip->payload_len);
	return 0;
}

/* ---- UDP, RFC 768 ---- */

int
agw_udp_decode(const uint8_t *buf, size_t len, struct agw_udp *u)
{
	struct agw_rd r = agw_rd_init(buf, len);
	int rc;

	memset(u, 0, sizeof(*u));
	if ((rc = agw_rd_be16(&r, &u->sport)) != 0 || (rc = agw_rd_be16(&r, &u->dport)) != 0 ||
	    (rc = agw_rd_be16(&r, &u->len)) != 0 || (rc = agw_rd_be16(&r, &u->csum)) != 0)
		return rc;
	if (u->len < UDP_HDR_LEN || u->len > len)
		return AGW_PROTO_E_BAD_LENGTH;
	u->hdr = buf;
	u->payload_len = (size_t)u->len - UDP_HDR_LEN;
	u->payload = agw_rd_take(&r, u->payload_len);
	return 0;
}

/* Pseudo-header sums: RFC 768 (IPv4) and RFC 8200 clause 8.1 (IPv6). */
static uint64_t
pseudo4(const uint8_t *src, const uint8_t *dst, uint8_t proto, size_t l4_len)
{
	uint64_t sum = csum_add(0, src, 4);

	sum = csum_add(sum, dst, 4);
	return sum + proto + l4_len;
}

static uint64_t
pseudo6(const uint8_t *src, const uint8_t *dst, uint8_t proto, size_t l4_len)
{
	uint64_t sum = csum_add(0, src, 16);

	sum = csum_add(sum, dst, 16);
	return sum + (l4_len >> 16) + (l4_len & 0xffff) + proto;
}

int
agw_udp_check_ipv4(const struct agw_ipv4 *ip, const struct agw_udp *u)
{
	uint64_t sum;

	if (u->csum == 0)
		return 0; /* sender did not compute it */
	sum = pseudo4(ip->src, ip->dst, AGW_IPPROTO_UDP, u->len);
	return csum_fold(csum_add(sum, u->hdr, u->len)) == 0 ? 0 : AGW_PROTO_E_BAD_CHECKSUM;
}

int
agw_udp_check_ipv6(const struct agw_ipv6 *ip, const struct agw_udp *u)
{
	uint64_t sum;

	if (u->csum == 0)
		return AGW_PROTO_E_BAD_CHECKSUM;
	sum = pseudo6(ip->src, ip->dst, AGW_IPPROTO_UDP, u->len);
	return csum_fold(csum_add(sum, u->hdr, u->len)) == 0 ? 0 : AGW_PROTO_E_BAD_CHECKSUM;
}

/* ---- whole frame ---- */

static int
frame_add_msg(struct agw_net_frame *f, const struct agw_net_msg *m)
{
	if (f->n_msgs == AGW_NET_MAX_MSGS)
		return AGW_PROTO_E_UNSUPPORTED;
	f->msgs[f->n_msgs++] = *m;
	return 0;
}

static int
frame_sctp_chunk(struct agw_net_frame *f, const struct agw_sctp_chunk *c)
{
	struct agw_sctp_data d;
	struct agw_net_msg m;
	int rc;

	if (c->type != AGW_SCTP_CHUNK_DATA) {
		f->n_ctrl++;
		return 0;
	}
	rc = agw_sctp_data_decode(c, &d);
	if (rc == AGW_PROTO_E_FRAGMENTED) {
		f->n_frags++;
		return 0;
	}
	if (rc != 0)
		return rc;
	memset(&m, 0, sizeof(m));
	m.l4 = AGW_IPPROTO_SCTP;
	m.flags = d.flags;
	m.sport = f->sctp.sport;
	m.dport = f->sctp.dport;
	m.sid = d.sid;
	m.ssn = d.ssn;
	m.tsn = d.tsn;
	m.ppid = d.ppid;
	m.payload = d.payload;
	m.len = d.payload_len;
	return frame_add_msg(f, &m);
}

static int
frame_sctp(struct agw_net_frame *f, const uint8_t *p, size_t n, unsigned int flags)
{
	struct agw_sctp_chunk_iter it;
	struct agw_sctp_chunk c;
	int rc;

	rc = agw_sctp_decode(p, n, !(flags & AGW_NET_F_NO_L4_CSUM), &f->sctp);
	if (rc != 0)
		return rc;
	agw_sctp_chunks_init(&it, &f->sctp);
	while ((rc = agw_sctp_chunk_next(&it, &c)) == 1)
		if ((rc = frame_sctp_chunk(f, &c)) != 0)
			return rc;
	if (rc != 0)
		return rc;
	return f->n_frags != 0 ? AGW_PROTO_E_FRAGMENTED : 0;
}

static int
frame_udp(struct agw_net_frame *f, const uint8_t *p, size_t n, unsigned int flags)
{
	struct agw_net_msg m;
	int rc;

	if ((rc = agw_udp_decode(p, n, &f->udp)) != 0)
		return rc;
	if (!(flags & AGW_NET_F_NO_L4_CSUM)) {
		rc = f->ip_version == 4 ? agw_udp_check_ipv4(&f->ip4, &f->udp)
					: agw_udp_check_ipv6(&f->ip6, &f->udp);
		if (rc != 0)
			return rc;
	}
	memset(&m, 0, sizeof(m));
	m.l4 = AGW_IPPROTO_UDP;
	m.sport = f->udp.sport;
	m.dport = f->udp.dport;
	m.payload = f->udp.payload;
	m.len = f->udp.payload_len;
	return frame_add_msg(f, &m);
}

int
agw_net_parse_frame(const uint8_t *buf, size_t len, unsigned int flags, struct agw_net_frame *f)
{
	const uint8_t *l4;
	size_t l4_len;
	int rc;

	/* Only the fields every path reads; each layer's decoder fills its own
	 * struct (a memset of the whole frame cost a third of this function). */
	f->ip_version = 0;
	f->l4 = 0;
	f->n_msgs = 0;
	f->n_frags = 0;
	f->n_ctrl = 0;
	if ((rc = agw_eth_decode(buf, len, &f->eth)) != 0)
		return rc;
	if (f->eth.ethertype == AGW_ETHERTYPE_IPV4) {
		f->ip_version = 4;
		rc = ipv4_decode(f->eth.payload, f->eth.payload_len,
				 !(flags & AGW_NET_F_NO_L3_CSUM), &f->ip4);
		f->l4 = f->ip4.proto;
		l4 = f->ip4.payload;
		l4_len = f->ip4.payload_len;
	} else if (f->eth.ethertype == AGW_ETHERTYPE_IPV6) {
		f->ip_version = 6;
		rc = agw_ipv6_decode(f->eth.payload, f->eth.payload_len, &f->ip6);
		f->l4 = f->ip6.proto;
		l4 = f->ip6.payload;
		l4_len = f->ip6.payload_len;
	} else {
		return AGW_PROTO_E_UNKNOWN_TYPE;
	}
	if (rc != 0)
		return rc;
	if (f->l4 == AGW_IPPROTO_SCTP)
		return frame_sctp(f, l4, l4_len, flags);
	if (f->l4 == AGW_IPPROTO_UDP)
		return frame_udp(f, l4, l4_len, flags);
	return AGW_PROTO_E_UNKNOWN_TYPE;
}

/* ---- builders ---- */

static int
put_eth(struct agw_wr *w, const struct agw_net_hdrs *h, uint16_t ethertype)
{
	if (h->n_vlan > AGW_NET_MAX_VLAN)
		return AGW_PROTO_E_BAD_VALUE;
	agw_wr_bytes(w, h->dst_mac, AGW_ETH_ALEN);
	agw_wr_bytes(w, h->src_mac, AGW_ETH_ALEN);
	for (unsigned int i = 0; i < h->n_vlan; i++) {
		uint16_t tpid = h->vlan_tpid[i];

		if (tpid == 0)
			tpid = (h->n_vlan == 2 && i == 0) ? AGW_ETHERTYPE_QINQ : AGW_ETHERTYPE_VLAN;
		agw_wr_be16(w, tpid);
		agw_wr_be16(w, h->vlan_tci[i]);
	}
	agw_wr_be16(w, ethertype);
	return 0;
}

static uint8_t
hdr_ttl(const struct agw_net_hdrs *h)
{
	return h->ttl != 0 ? h->ttl : 64;
}

/* RFC 791 clause 3.1, no options, DF set, checksum filled. */
static int
put_ipv4(struct agw_wr *w, const struct agw_net_hdrs *h, uint8_t proto, size_t l4_len)
{
	uint8_t hdr[IPV4_HDR_LEN];
	struct agw_wr hw = agw_wr_init(hdr, sizeof(hdr));
	uint16_t csum;

	if (l4_len > IP_MAX_LEN - IPV4_HDR_LEN)
		return AGW_PROTO_E_BAD_LENGTH;
	agw_wr_u8(&hw, 0x45);
	agw_wr_u8(&hw, h->tos);
	agw_wr_be16(&hw, (uint16_t)(IPV4_HDR_LEN + l4_len));
	agw_wr_be16(&hw, h->ip_id);
	agw_wr_be16(&hw, AGW_IPV4_DF);
	agw_wr_u8(&hw, hdr_ttl(h));
	agw_wr_u8(&hw, proto);
	agw_wr_be16(&hw, 0);
	agw_wr_bytes(&hw, h->src_ip, 4);
	agw_wr_bytes(&hw, h->dst_ip, 4);
	csum = csum_fold(csum_add(0, hdr, sizeof(hdr)));
	hw = agw_wr_init(hdr + 10, 2);
	agw_wr_be16(&hw, csum);
	agw_wr_bytes(w, hdr, sizeof(hdr));
	return 0;
}

static int
ip6_ext_valid(const struct agw_net_hdrs *h)
{
	if (h->n_ip6_ext > AGW_NET_MAX_IP6_EXT)
		return 0;
	for (unsigned int i = 0; i < h->n_ip6_ext; i++) {
		uint8_t t = h->ip6_ext[i];

		if (t == AGW_IPPROTO_HOPOPTS ? i != 0 : !ipv6_is_ext(t))
			return 0;
	}
	return 1;
}

/* One 8-octet extension header (RFC 8200 clauses 4.3-4.6). */
static void
put_ipv6_ext(struct agw_wr *w, uint8_t type, uint8_t next)
{
	agw_wr_u8(w, next);
	if (type == AGW_IPPROTO_FRAGMENT) {
		agw_wr_u8(w, 0);   /* reserved */
		agw_wr_be16(w, 0); /* offset 0, M 0: atomic fragment */
		agw_wr_be32(w, 0); /* identification */
	} else if (type == AGW_IPPROTO_ROUTING) {
		agw_wr_u8(w, 0);   /* hdr ext len: 8 octets */
		agw_wr_u8(w, 253); /* routing type: experiment (RFC 4727) */
		agw_wr_u8(w, 0);   /* segments left 0: ignored by receivers */
		agw_wr_be32(w, 0);
	} else {
		agw_wr_u8(w, 0); /* hdr ext len: 8 octets */
		agw_wr_u8(w, 1); /* PadN option (RFC 8200 clause 4.2) */
		agw_wr_u8(w, 4);
		agw_wr_be32(w, 0);
	}
}

static int
put_ipv6(struct agw_wr *w, const struct agw_net_hdrs *h, uint8_t proto, size_t l4_len)
{
	size_t plen = l4_len + (size_t)h->n_ip6_ext * IPV6_EXT_LEN;

	if (!ip6_ext_valid(h))
		return AGW_PROTO_E_BAD_VALUE;
	if (plen > IP_MAX_LEN)
		return AGW_PROTO_E_BAD_LENGTH;
	agw_wr_be32(w, 6u << 28 | (uint32_t)h->tos << 20);
	agw_wr_be16(w, (uint16_t)plen);
	agw_wr_u8(w, h->n_ip6_ext != 0 ? h->ip6_ext[0] : proto);
	agw_wr_u8(w, hdr_ttl(h));
	agw_wr_bytes(w, h->src_ip, 16);
	agw_wr_bytes(w, h->dst_ip, 16);
	for (unsigned int i = 0; i < h->n_ip6_ext; i++)
		put_ipv6_ext(w, h->ip6_ext[i], i + 1 < h->n_ip6_ext ? h->ip6_ext[i + 1] : proto);
	return 0;
}

static int
put_l2_l3(struct agw_wr *w, const struct agw_net_hdrs *h, uint8_t proto, size_t l4_len)
{
	int rc;

	if (h->ip_version == 4) {
		if ((rc = put_eth(w, h, AGW_ETHERTYPE_IPV4)) != 0)
			return rc;
		return put_ipv4(w, h, proto, l4_len);
	}
	if (h->ip_version == 6) {
		if ((rc = put_eth(w, h, AGW_ETHERTYPE_IPV6)) != 0)
			return rc;
		return put_ipv6(w, h, proto, l4_len);
	}
	return AGW_PROTO_E_BAD_VALUE;
}

long
agw_net_build_sctp(const struct agw_net_hdrs *h, const struct agw_sctp_data *chunks, unsigned int n,
		   void *buf, size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	size_t l4_len = SCTP_HDR_LEN;
	long sl;
	int rc;

	for (unsigned int i = 0; i < n; i++)
		l4_len += SCTP_DATA_HDR_LEN + ((chunks[i].payload_len + 3) & ~(size_t)3);
	if ((rc = put_l2_l3(&w, h, AGW_IPPROTO_SCTP, l4_len)) != 0)
		return rc;
	if (w.err != 0)
		return w.err;
	sl = agw_sctp_build(h->sport, h->dport, h->vtag, chunks, n, w.p, (size_t)(w.end - w.p));
	if (sl < 0)
		return sl;
	(void)agw_wr_reserve(&w, (size_t)sl);
	return agw_wr_result(&w);
}

long
agw_net_build_udp(const struct agw_net_hdrs *h, const void *payload, size_t len, void *buf,
		  size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	uint8_t hdr[UDP_HDR_LEN];
	struct agw_wr hw = agw_wr_init(hdr, sizeof(hdr));
	size_t ulen = UDP_HDR_LEN + len;
	uint64_t sum;
	uint16_t csum;
	int rc;

	if (ulen > IP_MAX_LEN - IPV4_HDR_LEN)
		return AGW_PROTO_E_BAD_LENGTH;
	if ((rc = put_l2_l3(&w, h, AGW_IPPROTO_UDP, ulen)) != 0)
		return rc;
	agw_wr_be16(&hw, h->sport);
	agw_wr_be16(&hw, h->dport);
	agw_wr_be16(&hw, (uint16_t)ulen);
	agw_wr_be16(&hw, 0);
	if (h->ip_version == 4)
		sum = pseudo4(h->src_ip, h->dst_ip, AGW_IPPROTO_UDP, ulen);
	else
		sum = pseudo6(h->src_ip, h->dst_ip, AGW_IPPROTO_UDP, ulen);
	sum = csum_add(csum_add(sum, hdr, sizeof(hdr)), payload, len);
	csum = csum_fold(sum);
	hw = agw_wr_init(hdr + 6, 2);
	agw_wr_be16(&hw, csum != 0 ? csum : 0xffff); /* RFC 768: 0 is sent as all ones */
	agw_wr_bytes(&w, hdr, sizeof(hdr));
	agw_wr_bytes(&w, payload, len);
	return agw_wr_result(&w);
}
