/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_NET_H
#define AGW_NET_H

/**
 * @file
 * L2-L4 codecs for the signalling path: Ethernet with 802.1Q/802.1ad
 * VLAN tags, IPv4, IPv6 (extension headers skipped), UDP and SCTP (common
 * header with CRC32c, chunk walker, DATA chunks).
 *
 * Decoders are zero-copy: every pointer they return points into the input
 * buffer. Every field is read through the bounded reader of agw_proto.h, so
 * a decoder never reads past @c buf + @c len; it returns 0 or one of the
 * AGW_PROTO_E_* codes. Encoders write into a caller buffer and return the
 * number of octets written or a negative AGW_PROTO_E_* code.
 *
 * agw_net_parse_frame() takes a whole Ethernet frame and yields the list of
 * SCTP user messages (PPID, payload) or the UDP payload.
 */

#include <stdint.h>
#include <stddef.h>

#include "agw_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/** EtherTypes (IEEE 802.3 clause 3.2.6, IEEE 802.1Q clause 9.5). */
#define AGW_ETHERTYPE_IPV4 0x0800
#define AGW_ETHERTYPE_IPV6 0x86dd
#define AGW_ETHERTYPE_VLAN 0x8100     /**< C-tag, IEEE 802.1Q */
#define AGW_ETHERTYPE_QINQ 0x88a8     /**< S-tag, IEEE 802.1ad */
#define AGW_ETHERTYPE_QINQ_OLD 0x9100 /**< pre-standard S-tag, accepted on input */

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
#define AGW_IPPROTO_HOPOPTS 0
#define AGW_IPPROTO_UDP 17
#define AGW_IPPROTO_ROUTING 43
#define AGW_IPPROTO_FRAGMENT 44
#define AGW_IPPROTO_DSTOPTS 60
#define AGW_IPPROTO_SCTP 132

/** SCTP payload protocol identifiers (IANA "SCTP Payload Protocol Identifiers"). */
#define AGW_SCTP_PPID_S1AP 18 /**< TS 36.412 clause 7 */
#define AGW_SCTP_PPID_NGAP 60 /**< TS 38.412 clause 7 */

/** Registered SCTP ports: NGAP 38412 (TS 38.412), S1AP 36412 (TS 36.412). */
#define AGW_SCTP_PORT_NGAP 38412
#define AGW_SCTP_PORT_S1AP 36412

#define AGW_ETH_ALEN 6	      /**< octets in a MAC address */
#define AGW_NET_MAX_VLAN 2    /**< tags accepted: single tag or QinQ */
#define AGW_NET_MAX_IP6_EXT 8 /**< IPv6 extension headers walked at most */
#define AGW_NET_MAX_MSGS 16   /**< user messages yielded per frame */

/**
 * Ethernet II header, IEEE 802.3 clause 3.1.1, with up to two VLAN tags
 * (IEEE 802.1Q clause 9.3: TPID 0x8100; IEEE 802.1ad: outer TPID 0x88a8).
 */
struct agw_eth {
	const uint8_t *dst;		      /**< destination MAC, 6 octets */
	const uint8_t *src;		      /**< source MAC, 6 octets */
	uint8_t n_vlan;			      /**< tags present, 0..2 */
	uint16_t vlan_tpid[AGW_NET_MAX_VLAN]; /**< tag protocol identifiers, outer first */
	uint16_t vlan_tci[AGW_NET_MAX_VLAN];  /**< PCP(3) DEI(1) VID(12), outer first */
	uint16_t ethertype;		      /**< type after the tags */
	const uint8_t *payload;		      /**< first octet after the header */
	size_t payload_len;		      /**< octets after the header */
};

/** IPv4 header, RFC 791 clause 3.1. */
struct agw_ipv4 {
	uint8_t hdr_len;	/**< IHL * 4, 20..60 */
	uint8_t tos;		/**< DSCP + ECN */
	uint16_t total_len;	/**< header + payload */
	uint16_t id;		/**< identification */
	uint16_t frag;		/**< flags (3 bits) and fragment offset (13 bits) */
	uint8_t ttl;		/**< time to live */
	uint8_t proto;		/**< payload protocol */
	uint16_t csum;		/**< header checksum as received */
	const uint8_t *src;	/**< source address, 4 octets */
	const uint8_t *dst;	/**< destination address, 4 octets */
	const uint8_t *payload; /**< first octet after the header (options included) */
	size_t payload_len;	/**< total_len - hdr_len */
};

/** IPv4 flag "more fragments" and fragment offset mask (RFC 791 clause 3.1). */
#define AGW_IPV4_MF 0x2000
#define AGW_IPV4_DF 0x4000
#define AGW_IPV4_OFF_MASK 0x1fff

/** IPv6 header (RFC 8200 clause 3) after its extension headers (clause 4). */
struct agw_ipv6 {
	uint8_t tclass;		/**< traffic class */
	uint32_t flow;		/**< flow label, 20 bits */
	uint16_t plen;		/**< payload length field */
	uint8_t hop_limit;	/**< hop limit */
	uint8_t proto;		/**< upper-layer protocol after the extension headers */
	uint8_t n_ext;		/**< extension headers skipped */
	const uint8_t *src;	/**< source address, 16 octets */
	const uint8_t *dst;	/**< destination address, 16 octets */
	const uint8_t *payload; /**< upper-layer header */
	size_t payload_len;	/**< octets of the upper-layer packet */
};

/** UDP header, RFC 768. */
struct agw_udp {
	uint16_t sport;		/**< source port */
	uint16_t dport;		/**< destination port */
	uint16_t len;		/**< UDP length: header + payload */
	uint16_t csum;		/**< checksum as received (0: none, IPv4 only) */
	const uint8_t *hdr;	/**< start of the UDP header */
	const uint8_t *payload; /**< first payload octet */
	size_t payload_len;	/**< len - 8 */
};

/** SCTP common header, RFC 4960 clause 3.1 (same layout in RFC 9260). */
struct agw_sctp {
	uint16_t sport;	       /**< source port */
	uint16_t dport;	       /**< destination port */
	uint32_t vtag;	       /**< verification tag */
	uint32_t csum;	       /**< checksum field as read big-endian from the wire */
	const uint8_t *pkt;    /**< start of the SCTP packet */
	size_t pkt_len;	       /**< octets of the SCTP packet */
	const uint8_t *chunks; /**< first chunk */
	size_t chunks_len;     /**< octets of chunks (pkt_len - 12) */
};

/** SCTP chunk types used here (RFC 4960 clause 3.2). */
#define AGW_SCTP_CHUNK_DATA 0
#define AGW_SCTP_CHUNK_SACK 3

/** One chunk, RFC 4960 clause 3.2: type, flags, length, value. */
struct agw_sctp_chunk {
	uint8_t type;	      /**< chunk type */
	uint8_t flags;	      /**< chunk flags */
	uint16_t len;	      /**< chunk length field (header + value, no padding) */
	const uint8_t *value; /**< first octet after the 4-octet chunk header */
	size_t value_len;     /**< len - 4 */
};

/** Chunk walker state; see agw_sctp_chunk_next(). */
struct agw_sctp_chunk_iter {
	struct agw_rd rd; /**< remaining chunks */
};

/** DATA chunk flags, RFC 4960 clause 3.3.1 and RFC 7053 (I bit). */
#define AGW_SCTP_DATA_E 0x01 /**< ending fragment */
#define AGW_SCTP_DATA_B 0x02 /**< beginning fragment */
#define AGW_SCTP_DATA_U 0x04 /**< unordered */
#define AGW_SCTP_DATA_I 0x08 /**< immediate SACK requested (RFC 7053) */
#define AGW_SCTP_DATA_COMPLETE (AGW_SCTP_DATA_B | AGW_SCTP_DATA_E)

/**
 * DATA chunk, RFC 4960 clause 3.3.1. Filled by agw_sctp_data_decode() and
 * read by the encoders (agw_sctp_build(), agw_net_build_sctp()).
 */
struct agw_sctp_data {
	uint8_t flags;		/**< AGW_SCTP_DATA_* bits */
	uint32_t tsn;		/**< transmission sequence number */
	uint16_t sid;		/**< stream identifier */
	uint16_t ssn;		/**< stream sequence number */
	uint32_t ppid;		/**< payload protocol identifier (host order) */
	const uint8_t *payload; /**< user data */
	size_t payload_len;	/**< octets of user data (>= 1) */
};

/** One user message found in a frame by agw_net_parse_frame(). */
struct agw_net_msg {
	uint8_t l4;		/**< AGW_IPPROTO_SCTP or AGW_IPPROTO_UDP */
	uint8_t flags;		/**< SCTP DATA flags (0 for UDP) */
	uint16_t sport;		/**< L4 source port */
	uint16_t dport;		/**< L4 destination port */
	uint16_t sid;		/**< SCTP stream (0 for UDP) */
	uint16_t ssn;		/**< SCTP stream sequence number (0 for UDP) */
	uint32_t tsn;		/**< SCTP TSN (0 for UDP) */
	uint32_t ppid;		/**< SCTP PPID (0 for UDP) */
	const uint8_t *payload; /**< user message */
	size_t len;		/**< octets of the user message */
};

/** A whole frame as agw_net_parse_frame() decodes it. */
struct agw_net_frame {
	struct agw_eth eth;			   /**< L2 */
	uint8_t ip_version;			   /**< 4 or 6 */
	struct agw_ipv4 ip4;			   /**< valid when ip_version == 4 */
	struct agw_ipv6 ip6;			   /**< valid when ip_version == 6 */
	uint8_t l4;				   /**< AGW_IPPROTO_SCTP or AGW_IPPROTO_UDP */
	struct agw_sctp sctp;			   /**< valid when l4 == AGW_IPPROTO_SCTP */
	struct agw_udp udp;			   /**< valid when l4 == AGW_IPPROTO_UDP */
	unsigned int n_msgs;			   /**< entries of msgs[] */
	unsigned int n_frags;			   /**< SCTP DATA fragments seen (not in msgs[]) */
	unsigned int n_ctrl;			   /**< SCTP control chunks skipped */
	struct agw_net_msg msgs[AGW_NET_MAX_MSGS]; /**< complete user messages */
};

/** agw_net_parse_frame() flag: trust L4 checksums (NIC offload verified them). */
#define AGW_NET_F_NO_L4_CSUM 0x1
/** agw_net_parse_frame() flag: trust the IPv4 header checksum (NIC verified it). */
#define AGW_NET_F_NO_L3_CSUM 0x2

/**
 * Decode an Ethernet II header and up to two VLAN tags.
 *
 * @param buf
 *   Frame, starting with the destination MAC.
 * @param len
 *   Octets in @p buf.
 * @param eth
 *   Filled on success.
 * @return
 *   0, AGW_PROTO_E_TRUNCATED, or AGW_PROTO_E_UNSUPPORTED (more than two tags).
 */
int agw_eth_decode(const uint8_t *buf, size_t len, struct agw_eth *eth);

/**
 * Decode and check an IPv4 header (RFC 791 clause 3.1): version, IHL,
 * total length, header checksum (RFC 1071). Octets after total_len (link
 * padding) are ignored.
 *
 * @param buf
 *   IPv4 packet.
 * @param len
 *   Octets available in @p buf.
 * @param ip
 *   Filled on success, and also when a fragment is reported.
 * @return
 *   0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_BAD_VALUE (version);
 *   AGW_PROTO_E_BAD_LENGTH (IHL or total length); AGW_PROTO_E_BAD_CHECKSUM;
 *   AGW_PROTO_E_UNSUPPORTED for a fragment (MF set or offset != 0).
 */
int agw_ipv4_decode(const uint8_t *buf, size_t len, struct agw_ipv4 *ip);

/**
 * Decode an IPv6 header (RFC 8200 clause 3) and skip hop-by-hop, routing,
 * destination options and atomic fragment headers (RFC 8200 clause 4,
 * RFC 6946).
 *
 * @param buf
 *   IPv6 packet.
 * @param len
 *   Octets available in @p buf.
 * @param ip
 *   Filled on success.
 * @return
 *   0; AGW_PROTO_E_TRUNCATED; AGW_PROTO_E_BAD_VALUE (version, misplaced
 *   hop-by-hop header); AGW_PROTO_E_UNSUPPORTED (a real fragment, a jumbo
 *   payload, or more than AGW_NET_MAX_IP6_EXT extension headers).
 */
int agw_ipv6_decode(const uint8_t *buf, size_t len, struct agw_ipv6 *ip);

/**
 * Decode a UDP header (RFC 768) and check its length field.
 *
 * @param buf
 *   UDP datagram (the IP payload).
 * @param len
 *   Octets of IP payload.
 * @param udp
 *   Filled on success.
 * @return
 *   0, AGW_PROTO_E_TRUNCATED or AGW_PROTO_E_BAD_LENGTH (length < 8 or
 *   larger than the IP payload).
 */
int agw_udp_decode(const uint8_t *buf, size_t len, struct agw_udp *udp);

/**
 * Verify the UDP checksum of a datagram carried in IPv4 (RFC 768; zero
 * means "not computed" and is accepted).
 *
 * @param ip
 *   The decoded IPv4 header.
 * @param udp
 *   The decoded UDP header.
 * @return
 *   0 or AGW_PROTO_E_BAD_CHECKSUM.
 */
int agw_udp_check_ipv4(const struct agw_ipv4 *ip, const struct agw_udp *udp);

/**
 * Verify the UDP checksum of a datagram carried in IPv6 (RFC 8200
 * clause 8.1: the checksum is mandatory, zero is rejected).
 *
 * @param ip
 *   The decoded IPv6 header.
 * @param udp
 *   The decoded UDP header.
 * @return
 *   0 or AGW_PROTO_E_BAD_CHECKSUM.
 */
int agw_udp_check_ipv6(const struct agw_ipv6 *ip, const struct agw_udp *udp);

/**
 * CRC32c (Castagnoli, RFC 3309 / RFC 4960 appendix B) of a buffer
 * (lib/proto/crc32c.c), by the fastest path the CPU has: with AVX-512 and
 * VPCLMULQDQ, each 16-octet block multiplied by the constant of its distance
 * to the end (128-1024 octets) or four folded 512-bit accumulators (longer);
 * with SSE4.2 and PCLMULQDQ, three interleaved crc32 chains combined by
 * carry-less multiplication (from 128 octets); else one crc32 chain.
 *
 * @param buf
 *   Data.
 * @param len
 *   Octets of data.
 * @return
 *   The CRC32c value (initial value and final XOR 0xffffffff applied),
 *   e.g. 0xe3069283 for "123456789".
 */
uint32_t agw_crc32c(const void *buf, size_t len);

/**
 * Compute the checksum an SCTP packet must carry: CRC32c over the packet
 * with its checksum field taken as zero (RFC 4960 clause 6.8, appendix B).
 * The value goes on the wire least significant octet first, as
 * agw_sctp_set_csum() writes it.
 *
 * @param pkt
 *   SCTP packet, starting with the common header.
 * @param len
 *   Octets of the packet (>= 12).
 * @return
 *   The CRC32c value, or 0 when @p len < 12.
 */
uint32_t agw_sctp_csum(const uint8_t *pkt, size_t len);

/**
 * Compute and store the checksum of an SCTP packet built in place.
 *
 * @param pkt
 *   SCTP packet, starting with the common header; octets 8..11 are written.
 * @param len
 *   Octets of the packet.
 * @return
 *   0, or AGW_PROTO_E_TRUNCATED when @p len < 12.
 */
int agw_sctp_set_csum(uint8_t *pkt, size_t len);

/**
 * Decode an SCTP common header (RFC 4960 clause 3.1) and verify the CRC32c.
 *
 * @param buf
 *   SCTP packet (the IP payload).
 * @param len
 *   Octets of the packet.
 * @param verify_csum
 *   Non-zero to verify the checksum.
 * @param sctp
 *   Filled on success (and when the checksum is wrong).
 * @return
 *   0, AGW_PROTO_E_TRUNCATED or AGW_PROTO_E_BAD_CHECKSUM.
 */
int agw_sctp_decode(const uint8_t *buf, size_t len, int verify_csum, struct agw_sctp *sctp);

/**
 * Start walking the chunks of a decoded SCTP packet.
 *
 * @param it
 *   Walker state to initialise.
 * @param sctp
 *   The decoded packet.
 */
void agw_sctp_chunks_init(struct agw_sctp_chunk_iter *it, const struct agw_sctp *sctp);

/**
 * Next chunk (RFC 4960 clause 3.2). Padding to a 4-octet boundary is
 * skipped; a final chunk whose padding is missing is accepted.
 *
 * @param it
 *   Walker state.
 * @param c
 *   Filled when a chunk is returned.
 * @return
 *   1 when @p c holds a chunk, 0 at the end, AGW_PROTO_E_TRUNCATED (chunk
 *   longer than the packet) or AGW_PROTO_E_BAD_LENGTH (length < 4).
 */
int agw_sctp_chunk_next(struct agw_sctp_chunk_iter *it, struct agw_sctp_chunk *c);

/**
 * Decode a DATA chunk (RFC 4960 clause 3.3.1).
 *
 * @param c
 *   A chunk of type AGW_SCTP_CHUNK_DATA.
 * @param d
 *   Filled on success and for fragments.
 * @return
 *   0; AGW_PROTO_E_UNKNOWN_TYPE (not DATA); AGW_PROTO_E_TRUNCATED (shorter
 *   than 16); AGW_PROTO_E_BAD_LENGTH (no user data, which RFC 4960 forbids);
 *   AGW_PROTO_E_FRAGMENTED when B and E are not both set (the user message
 *   needs reassembly; @p d describes the fragment).
 */
int agw_sctp_data_decode(const struct agw_sctp_chunk *c, struct agw_sctp_data *d);

/**
 * Build an SCTP packet (common header, DATA chunks, CRC32c).
 *
 * @param sport
 *   Source port.
 * @param dport
 *   Destination port.
 * @param vtag
 *   Verification tag.
 * @param chunks
 *   DATA chunks to bundle, in order; @c flags used as given.
 * @param n
 *   Number of chunks (>= 1).
 * @param buf
 *   Output buffer.
 * @param cap
 *   Capacity of @p buf.
 * @return
 *   Octets written, AGW_PROTO_E_NO_SPACE, or AGW_PROTO_E_BAD_LENGTH (a chunk
 *   with no user data or more than 65519 octets of it).
 */
long agw_sctp_build(uint16_t sport, uint16_t dport, uint32_t vtag,
		    const struct agw_sctp_data *chunks, unsigned int n, void *buf, size_t cap);

/** Addressing for the frame builders. */
struct agw_net_hdrs {
	uint8_t dst_mac[AGW_ETH_ALEN];	      /**< destination MAC */
	uint8_t src_mac[AGW_ETH_ALEN];	      /**< source MAC */
	uint8_t n_vlan;			      /**< VLAN tags to add, 0..2, outer first */
	uint16_t vlan_tpid[AGW_NET_MAX_VLAN]; /**< 0: 0x88a8 for the outer of two, else 0x8100 */
	uint16_t vlan_tci[AGW_NET_MAX_VLAN];  /**< PCP/DEI/VID */
	uint8_t ip_version;		      /**< 4 or 6 */
	uint8_t src_ip[16];		      /**< IPv4 uses the first 4 octets */
	uint8_t dst_ip[16];		      /**< IPv4 uses the first 4 octets */
	uint8_t ttl;			      /**< TTL / hop limit; 0 means 64 */
	uint8_t tos;			      /**< IPv4 TOS / IPv6 traffic class */
	uint16_t ip_id;			      /**< IPv4 identification (DF is always set) */
	uint8_t n_ip6_ext;		      /**< IPv6 extension headers to add */
	/**
	 * Types of the IPv6 extension headers, in order: AGW_IPPROTO_HOPOPTS
	 * (first only), AGW_IPPROTO_ROUTING, AGW_IPPROTO_DSTOPTS or
	 * AGW_IPPROTO_FRAGMENT (atomic fragment). Each is emitted as an 8-octet
	 * header: PadN options, a routing header with Segments Left 0, or an
	 * atomic fragment header.
	 */
	uint8_t ip6_ext[AGW_NET_MAX_IP6_EXT];
	uint16_t sport; /**< L4 source port */
	uint16_t dport; /**< L4 destination port */
	uint32_t vtag;	/**< SCTP verification tag */
};

/**
 * Build Ethernet [+ VLAN] + IPv4 or IPv6 [+ extension headers] + SCTP with
 * DATA chunks and CRC32c.
 *
 * @param h
 *   Addressing.
 * @param chunks
 *   DATA chunks (see agw_sctp_build()).
 * @param n
 *   Number of chunks (>= 1).
 * @param buf
 *   Output buffer.
 * @param cap
 *   Capacity of @p buf.
 * @return
 *   Frame length, AGW_PROTO_E_NO_SPACE, AGW_PROTO_E_BAD_VALUE (bad
 *   ip_version, VLAN or extension header list) or AGW_PROTO_E_BAD_LENGTH
 *   (IP packet over 65535 octets).
 */
long agw_net_build_sctp(const struct agw_net_hdrs *h, const struct agw_sctp_data *chunks,
			unsigned int n, void *buf, size_t cap);

/**
 * Build Ethernet [+ VLAN] + IPv4 or IPv6 [+ extension headers] + UDP
 * with its checksum.
 *
 * @param h
 *   Addressing (vtag unused).
 * @param payload
 *   UDP payload.
 * @param len
 *   Octets of payload.
 * @param buf
 *   Output buffer.
 * @param cap
 *   Capacity of @p buf.
 * @return
 *   Frame length or a negative AGW_PROTO_E_* code as agw_net_build_sctp().
 */
long agw_net_build_udp(const struct agw_net_hdrs *h, const void *payload, size_t len, void *buf,
		       size_t cap);

/**
 * Decode a whole Ethernet frame down to its user messages: the complete
 * SCTP DATA chunks (PPID, payload) of an SCTP packet, or the payload of a
 * UDP datagram. SCTP control chunks are counted and skipped.
 *
 * @param buf
 *   Frame, starting with the destination MAC.
 * @param len
 *   Octets in @p buf.
 * @param flags
 *   0 or AGW_NET_F_NO_L4_CSUM.
 * @param f
 *   Filled with every layer and the message list.
 * @return
 *   0; any error of the layer decoders; AGW_PROTO_E_UNKNOWN_TYPE (not
 *   IPv4/IPv6, or neither SCTP nor UDP); AGW_PROTO_E_UNSUPPORTED (more than
 *   AGW_NET_MAX_MSGS DATA chunks); AGW_PROTO_E_FRAGMENTED when the packet
 *   holds DATA fragments (complete messages of the same packet are still
 *   listed in @c msgs).
 */
int agw_net_parse_frame(const uint8_t *buf, size_t len, unsigned int flags,
			struct agw_net_frame *f);

/** One SCTP DATA chunk found by agw_net_sctp_one_fast(): offsets into the frame. */
struct agw_net_sctp_one {
	uint16_t l3_off;     /**< IP header */
	uint16_t l4_off;     /**< SCTP common header */
	uint16_t msg_off;    /**< user message (DATA chunk payload) */
	uint16_t msg_len;    /**< octets of the user message */
	uint16_t sport;      /**< SCTP source port */
	uint16_t dport;      /**< SCTP destination port */
	uint32_t ppid;       /**< payload protocol identifier */
	uint8_t ip_version;  /**< 4 or 6 */
	const uint8_t *src;  /**< source IP address (4 or 16 octets) */
	const uint8_t *dst;  /**< destination IP address */
};

/** agw_net_sctp_one_fast(): not the common shape, use agw_net_parse_frame(). */
#define AGW_NET_SLOW 1

/**
 * Fast path for the common N2 frame: Ethernet (at most one VLAN tag), IPv4
 * without options or IPv6 without extension headers, not fragmented, SCTP
 * with exactly one complete DATA chunk. Checks the same things as
 * agw_net_parse_frame() for that shape (lengths, IPv4 header checksum and
 * SCTP CRC32c unless @p flags waive them), reading each field once.
 *
 * @param buf
 *   Frame, starting with the destination MAC.
 * @param len
 *   Octets in @p buf (at most 65535).
 * @param flags
 *   0, AGW_NET_F_NO_L4_CSUM and/or AGW_NET_F_NO_L3_CSUM.
 * @param o
 *   Filled on success.
 * @return
 *   0 when the frame has that shape and is valid: agw_net_parse_frame()
 *   then finds exactly the same one message; AGW_NET_SLOW for anything
 *   else (other shapes, and every error: the full parser classifies it).
 */
int agw_net_sctp_one_fast(const uint8_t *buf, size_t len, unsigned int flags,
			  struct agw_net_sctp_one *o);

/**
 * Copy a parsed SCTP frame keeping only some chunks, verbatim and in order,
 * behind the original L2/L3 headers; IP lengths, the IPv4 header checksum
 * and the SCTP CRC32c are set for the result.
 *
 * @param frame
 *   The frame @p f was parsed from (agw_net_parse_frame()).
 * @param f
 *   Its parse; must be SCTP.
 * @param mask
 *   Bit i keeps the i-th chunk of the packet (counting every chunk type).
 * @param out
 *   Output buffer (may not overlap @p frame).
 * @param cap
 *   Octets at @p out.
 * @return
 *   Octets written, or AGW_PROTO_E_UNSUPPORTED (not SCTP),
 *   AGW_PROTO_E_MISSING_IE (no chunk selected), AGW_PROTO_E_NO_SPACE.
 */
long agw_net_sctp_subset(const uint8_t *frame, const struct agw_net_frame *f, uint64_t mask,
			 uint8_t *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* AGW_NET_H */
