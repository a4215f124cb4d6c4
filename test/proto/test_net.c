/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * L2-L4 codecs: CRC32c vectors, the real-signalling capture (checksums,
 * payloads), round trips of every layer combination, error paths,
 * truncation at every length, and tshark dissection of the built frames.
 *
 * The capture is read from $AGW_REAL_PCAP, argv[1], or
 * ../../../test/vectors/real-signalling.pcap (seen from build-x/test/proto).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "agw_pcap.h"
#include "agw_net.h"
#include "agw_real_signalling.h"
#include "net_tshark.h"

static const char *real_pcap;

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

/* Bitwise reflected CRC32c (polynomial 0x82f63b78), independent of DPDK. */
static uint32_t
ref_crc32c_update(uint32_t crc, const uint8_t *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
	}
	return crc;
}

static uint32_t
ref_crc32c(const uint8_t *p, size_t n)
{
	return ~ref_crc32c_update(0xffffffff, p, n);
}

/* 1 when the SCTP packet carries the reference CRC32c, LSB first (RFC 4960 App. B). */
static int
ref_sctp_csum_ok(const uint8_t *pkt, size_t len)
{
	uint8_t *copy = malloc(len);
	uint32_t crc;
	int ok;

	memcpy(copy, pkt, len);
	memset(copy + 8, 0, 4);
	crc = ref_crc32c(copy, len);
	ok = pkt[8] == (uint8_t)crc && pkt[9] == (uint8_t)(crc >> 8) &&
	     pkt[10] == (uint8_t)(crc >> 16) && pkt[11] == (uint8_t)(crc >> 24);
	free(copy);
	return ok;
}

static void
default_hdrs(struct agw_net_hdrs *h, uint8_t ipv)
{
	static const uint8_t dmac[6] = {0x02, 0, 0, 0, 0, 0x01};
	static const uint8_t smac[6] = {0x02, 0, 0, 0, 0, 0x02};
	static const uint8_t v4a[4] = {10, 0, 0, 2}, v4b[4] = {10, 0, 0, 1};
	static const uint8_t v6a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0,    0,    0,	  0,	0, 0, 0, 0x02};
	static const uint8_t v6b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0,    0,    0,	  0,	0, 0, 0, 0x01};

	memset(h, 0, sizeof(*h));
	memcpy(h->dst_mac, dmac, 6);
	memcpy(h->src_mac, smac, 6);
	h->ip_version = ipv;
	memcpy(h->src_ip, ipv == 4 ? v4a : v6a, ipv == 4 ? 4 : 16);
	memcpy(h->dst_ip, ipv == 4 ? v4b : v6b, ipv == 4 ? 4 : 16);
	h->ttl = 64;
	h->ip_id = 7;
	h->sport = 40000;
	h->dport = AGW_SCTP_PORT_NGAP;
	h->vtag = 0x5a5a0001;
}

static const struct agw_real_msg *
corpus_msg(const char *proto, const char *name)
{
	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++)
		if (strcmp(agw_real_msgs[i].proto, proto) == 0 &&
		    strcmp(agw_real_msgs[i].name, name) == 0)
			return &agw_real_msgs[i];
	return NULL;
}

static struct agw_sctp_data
data_chunk(uint32_t tsn, uint16_t sid, uint16_t ssn, uint32_t ppid, const uint8_t *p, size_t n)
{
	struct agw_sctp_data d = {AGW_SCTP_DATA_COMPLETE, tsn, sid, ssn, ppid, p, n};

	return d;
}

/*
 * Decode a copy of exactly @p len octets: reading past it is an
 * ASan/valgrind error. The copy is freed: only the return code is valid.
 */
static int
parse_exact(const uint8_t *frame, size_t len, unsigned int flags, struct agw_net_frame *f)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, frame, len);
	rc = agw_net_parse_frame(copy, len, flags, f);
	free(copy);
	return rc;
}

/* Octets of a frame that its length fields cover (Ethernet padding excluded). */
static size_t
frame_extent(const struct agw_net_frame *f)
{
	size_t l2 = (size_t)(f->eth.payload - f->eth.dst);

	if (f->ip_version == 4)
		return l2 + f->ip4.total_len;
	return l2 + 40 + f->ip6.plen;
}

/* Every prefix shorter than the frame's extent fails; returns prefixes tried. */
static unsigned int
check_truncations(const uint8_t *frame, size_t len)
{
	struct agw_net_frame f;
	size_t ext;
	unsigned int n_tried = 0;

	CU_ASSERT_EQUAL_FATAL(parse_exact(frame, len, 0, &f), 0);
	ext = frame_extent(&f);
	for (size_t n = 0; n < ext && n < len; n++, n_tried++) {
		int rc = parse_exact(frame, n, 0, &f);

		if (rc >= 0)
			fprintf(stderr, "\n  prefix %zu of %zu octets decoded\n", n, len);
		CU_ASSERT(rc < 0);
	}
	return n_tried;
}

/* Offset of the SCTP header in a frame built with default headers. */
static size_t
sctp_off(const uint8_t *frame, size_t len)
{
	struct agw_net_frame f;

	CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(frame, len, AGW_NET_F_NO_L4_CSUM, &f), 0);
	return (size_t)(f.sctp.pkt - frame);
}

/* ------------------------------------------------------------------ */
/* CRC32c                                                               */
/* ------------------------------------------------------------------ */

static void
test_crc32c_vectors(void)
{
	uint8_t z[32], ff[32], inc[32], dec[32];

	memset(z, 0, sizeof(z));
	memset(ff, 0xff, sizeof(ff));
	for (int i = 0; i < 32; i++) {
		inc[i] = (uint8_t)i;
		dec[i] = (uint8_t)(31 - i);
	}
	/* RFC 3720 appendix B.4 (there shown as transmitted, LSB first) */
	CU_ASSERT_EQUAL(agw_crc32c(z, 32), 0x8a9136aa);
	CU_ASSERT_EQUAL(agw_crc32c(ff, 32), 0x62a8ab43);
	CU_ASSERT_EQUAL(agw_crc32c(inc, 32), 0x46dd794e);
	CU_ASSERT_EQUAL(agw_crc32c(dec, 32), 0x113fdb5c);
	/* CRC-32C check value of "123456789" (Castagnoli polynomial of RFC 3309) */
	CU_ASSERT_EQUAL(agw_crc32c("123456789", 9), 0xe3069283);
	CU_ASSERT_EQUAL(agw_crc32c("", 0), 0);
}

/*
 * Internal switch of lib/proto/crc32c.c, not in agw_net.h: 0 selects the
 * portable CRC32c, 1 the three-way crc32/PCLMULQDQ one, 2 also the
 * VPCLMULQDQ folding one for long buffers, 3 also the VPCLMULQDQ direct one
 * for 128..1024 octets (the default), each when the CPU has it. Returns the
 * level in use, at most the one asked for.
 */
#define CRC_LEVEL_MAX 3
int agw_crc32c_use_fast(int on);

#define CRC_EVERY_MAX 4096 /* every length up to this (several rounds of the fast path) */
#define CRC_LONG_MAX 66000 /* then every CRC_LONG_STEP-th */
#define CRC_LONG_STEP 61

/* xorshift64: reproducible pseudo-random data */
static uint64_t
rnd_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static unsigned int
crc_mismatch(const char *fn, size_t off, size_t n, uint32_t got, uint32_t want, unsigned int bad)
{
	if (bad < 5)
		fprintf(stderr, "\n  %s(offset %zu, %zu octets) = %08x, reference %08x", fn, off, n,
			got, want);
	return bad + 1;
}

/*
 * agw_crc32c() and agw_sctp_csum() against the bitwise reference on random
 * data at offsets 0..7: every length up to CRC_EVERY_MAX, then lengths
 * CRC_LONG_STEP apart. The reference of every prefix is the running state;
 * for agw_sctp_csum() it runs over a copy with octets 8..11 zero. At offset
 * 0 each length up to CRC_EVERY_MAX is also checked on an exact-size heap
 * copy, so that ASan sees any read past the end. Returns the mismatches.
 */
static unsigned int
crc_check_all(void)
{
	uint8_t *buf = malloc(CRC_LONG_MAX + 8), *zbuf = malloc(CRC_LONG_MAX + 8);
	uint32_t *ref = malloc((CRC_LONG_MAX + 1) * sizeof(*ref));
	uint32_t *zref = malloc((CRC_LONG_MAX + 1) * sizeof(*zref));
	uint64_t seed = 0x9e3779b97f4a7c15;
	unsigned int bad = 0;

	for (size_t i = 0; i < CRC_LONG_MAX + 8; i++)
		buf[i] = (uint8_t)(rnd_next(&seed) >> 32);
	for (size_t off = 0; off < 8; off++) {
		uint32_t crc = 0xffffffff, zcrc = 0xffffffff;

		memcpy(zbuf, buf, CRC_LONG_MAX + 8);
		memset(zbuf + off + 8, 0, 4);
		ref[0] = zref[0] = 0;
		for (size_t i = 0; i < CRC_LONG_MAX; i++) {
			crc = ref_crc32c_update(crc, buf + off + i, 1);
			zcrc = ref_crc32c_update(zcrc, zbuf + off + i, 1);
			ref[i + 1] = ~crc;
			zref[i + 1] = ~zcrc;
		}
		for (size_t n = 0; n <= CRC_LONG_MAX; n++) {
			uint32_t want_s = n < 12 ? 0 : zref[n], got;

			if (n > CRC_EVERY_MAX && n % CRC_LONG_STEP != 0 && n != CRC_LONG_MAX)
				continue;
			if ((got = agw_crc32c(buf + off, n)) != ref[n])
				bad = crc_mismatch("agw_crc32c", off, n, got, ref[n], bad);
			if ((got = agw_sctp_csum(buf + off, n)) != want_s)
				bad = crc_mismatch("agw_sctp_csum", off, n, got, want_s, bad);
			if (off == 0 && n <= CRC_EVERY_MAX) {
				uint8_t *exact = malloc(n ? n : 1);

				memcpy(exact, buf, n);
				if ((got = agw_crc32c(exact, n)) != ref[n])
					bad = crc_mismatch("agw_crc32c", 0, n, got, ref[n], bad);
				if ((got = agw_sctp_csum(exact, n)) != want_s)
					bad = crc_mismatch("agw_sctp_csum", 0, n, got, want_s, bad);
				free(exact);
			}
		}
	}
	free(buf);
	free(zbuf);
	free(ref);
	free(zref);
	return bad;
}

/* Every fast path the CPU has, then the start-up choice again. */
static void
test_crc32c_vs_reference(void)
{
	static const char *const name[CRC_LEVEL_MAX + 1] = {"portable", "three-way crc32/PCLMULQDQ",
							    "VPCLMULQDQ folding",
							    "VPCLMULQDQ direct 128..1024 octets"};
	int best = agw_crc32c_use_fast(CRC_LEVEL_MAX);

	for (int level = 1; level <= CRC_LEVEL_MAX; level++) {
		if (agw_crc32c_use_fast(level) != level)
			continue;
		CU_ASSERT_EQUAL(crc_check_all(), 0);
		printf("\n    %s path checked ", name[level]);
	}
	CU_ASSERT_EQUAL(agw_crc32c_use_fast(CRC_LEVEL_MAX), best);
	printf("\n    start-up choice: %s ", name[best]);
}

/* The portable path, forced. */
static void
test_crc32c_portable_vs_reference(void)
{
	int best = agw_crc32c_use_fast(CRC_LEVEL_MAX);

	CU_ASSERT_EQUAL(agw_crc32c_use_fast(0), 0);
	CU_ASSERT_EQUAL(crc_check_all(), 0);
	CU_ASSERT_EQUAL(agw_crc32c_use_fast(CRC_LEVEL_MAX), best);
}

/* ------------------------------------------------------------------ */
/* real-signalling.pcap                                                 */
/* ------------------------------------------------------------------ */

static int
open_real(struct net_pcap *pc)
{
	if (net_pcap_open(pc, real_pcap) != 0) {
		fprintf(stderr, "\n  cannot read %s (set AGW_REAL_PCAP)\n", real_pcap);
		return -1;
	}
	return 0;
}

/*
 * Every frame of the capture parses with checksums verified; SCTP CRC32c
 * equals the bitwise reference; the payload is the corpus entry of that
 * frame; every prefix fails.
 */
static void
test_pcap_all_frames(void)
{
	struct net_pcap pc;
	struct agw_net_frame f;
	const uint8_t *fr;
	uint32_t len;
	unsigned int n = 0, n_sctp = 0, n_udp = 0, n_eq = 0, n_trunc = 0;
	int rc;

	CU_ASSERT_FATAL(open_real(&pc) == 0);
	CU_ASSERT_EQUAL(pc.link, 1);
	while ((rc = net_pcap_next(&pc, &fr, &len)) == 1) {
		n++;
		rc = agw_net_parse_frame(fr, len, 0, &f);
		if (rc != 0)
			fprintf(stderr, "\n  frame %u: %s\n", n, agw_proto_strerror(rc));
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		CU_ASSERT_EQUAL(f.n_msgs, 1);
		if (f.l4 == AGW_IPPROTO_SCTP) {
			n_sctp++;
			CU_ASSERT(f.msgs[0].ppid == AGW_SCTP_PPID_NGAP ||
				  f.msgs[0].ppid == AGW_SCTP_PPID_S1AP);
			CU_ASSERT(ref_sctp_csum_ok(f.sctp.pkt, f.sctp.pkt_len));
		} else {
			n_udp++;
			CU_ASSERT_EQUAL(f.l4, AGW_IPPROTO_UDP);
		}
		for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
			const struct agw_real_msg *e = &agw_real_msgs[i];

			if (e->pcap_frame != (int)n || strncmp(e->proto, "nas", 3) == 0)
				continue;
			CU_ASSERT_EQUAL(f.msgs[0].len, e->len);
			if (f.msgs[0].len == e->len)
				AGW_ASSERT_MEM_EQ(f.msgs[0].payload, e->data, e->len);
			n_eq++;
		}
		n_trunc += check_truncations(fr, len);
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(n, 373);
	CU_ASSERT_EQUAL(n_sctp, 353);
	CU_ASSERT_EQUAL(n_udp, 20);
	CU_ASSERT_EQUAL(n_eq, 146 + 76 + 20);
	printf("\n    %u frames, %u SCTP, %u UDP, %u prefixes rejected ", n, n_sctp, n_udp,
	       n_trunc);
	net_pcap_close(&pc);
}

/* Known frames: checksum values tshark shows, and corruption detection. */
static void
test_pcap_crc_known_and_corrupt(void)
{
	struct net_pcap pc;
	struct agw_net_frame f;
	const uint8_t *fr;
	uint32_t len;
	uint8_t *copy;
	unsigned int n = 0;

	CU_ASSERT_FATAL(open_real(&pc) == 0);
	while (net_pcap_next(&pc, &fr, &len) == 1) {
		size_t so;

		if (++n != 1 && n != 218)
			continue;
		CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(fr, len, 0, &f), 0);
		/*
		 * Frame 1 (AMFConfigurationUpdate): tshark -V shows
		 * "Checksum: 0x2273eb36", i.e. the octets 22 73 eb 36; CRC32c
		 * 0x36eb7322 sent least significant octet first.
		 */
		if (n == 1) {
			CU_ASSERT_EQUAL(f.sctp.csum, 0x2273eb36);
			CU_ASSERT_EQUAL(agw_sctp_csum(f.sctp.pkt, f.sctp.pkt_len), 0x36eb7322);
		}
		so = (size_t)(f.sctp.pkt - fr);
		copy = malloc(len);
		/* one flipped payload bit: BAD_CHECKSUM; accepted when L4 checks are offloaded */
		memcpy(copy, fr, len);
		copy[len - 5] ^= 0x01;
		CU_ASSERT_EQUAL(agw_net_parse_frame(copy, len, 0, &f), AGW_PROTO_E_BAD_CHECKSUM);
		CU_ASSERT_EQUAL(agw_net_parse_frame(copy, len, AGW_NET_F_NO_L4_CSUM, &f), 0);
		/* corrupted checksum field */
		memcpy(copy, fr, len);
		copy[so + 8] ^= 0x80;
		CU_ASSERT_EQUAL(agw_net_parse_frame(copy, len, 0, &f), AGW_PROTO_E_BAD_CHECKSUM);
		/* set_csum repairs it */
		CU_ASSERT_EQUAL(agw_sctp_set_csum(copy + so, len - so), 0);
		CU_ASSERT_EQUAL(agw_net_parse_frame(copy, len, 0, &f), 0);
		AGW_ASSERT_MEM_EQ(copy, fr, len);
		/* IPv4 header checksum is always verified */
		copy[14 + 8] ^= 0x01; /* TTL */
		CU_ASSERT_EQUAL(agw_net_parse_frame(copy, len, AGW_NET_F_NO_L4_CSUM, &f),
				AGW_PROTO_E_BAD_CHECKSUM);
		free(copy);
	}
	net_pcap_close(&pc);
}

/* ------------------------------------------------------------------ */
/* round trips                                                          */
/* ------------------------------------------------------------------ */

static void
check_sctp_frame(const uint8_t *buf, size_t len, const struct agw_net_hdrs *h,
		 const struct agw_sctp_data *c, unsigned int n)
{
	struct agw_net_frame f;

	CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(buf, len, 0, &f), 0);
	AGW_ASSERT_MEM_EQ(f.eth.dst, h->dst_mac, 6);
	AGW_ASSERT_MEM_EQ(f.eth.src, h->src_mac, 6);
	CU_ASSERT_EQUAL(f.eth.n_vlan, h->n_vlan);
	for (unsigned int i = 0; i < h->n_vlan && i < f.eth.n_vlan; i++)
		CU_ASSERT_EQUAL(f.eth.vlan_tci[i], h->vlan_tci[i]);
	CU_ASSERT_EQUAL(f.ip_version, h->ip_version);
	if (h->ip_version == 4) {
		AGW_ASSERT_MEM_EQ(f.ip4.src, h->src_ip, 4);
		AGW_ASSERT_MEM_EQ(f.ip4.dst, h->dst_ip, 4);
		CU_ASSERT_EQUAL(f.ip4.id, h->ip_id);
		CU_ASSERT_EQUAL(f.ip4.ttl, h->ttl);
	} else {
		AGW_ASSERT_MEM_EQ(f.ip6.src, h->src_ip, 16);
		AGW_ASSERT_MEM_EQ(f.ip6.dst, h->dst_ip, 16);
		CU_ASSERT_EQUAL(f.ip6.n_ext, h->n_ip6_ext);
		CU_ASSERT_EQUAL(f.ip6.hop_limit, h->ttl);
	}
	CU_ASSERT_EQUAL(f.l4, AGW_IPPROTO_SCTP);
	CU_ASSERT_EQUAL(f.sctp.sport, h->sport);
	CU_ASSERT_EQUAL(f.sctp.dport, h->dport);
	CU_ASSERT_EQUAL(f.sctp.vtag, h->vtag);
	CU_ASSERT(ref_sctp_csum_ok(f.sctp.pkt, f.sctp.pkt_len));
	CU_ASSERT_EQUAL_FATAL(f.n_msgs, n);
	for (unsigned int i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(f.msgs[i].tsn, c[i].tsn);
		CU_ASSERT_EQUAL(f.msgs[i].sid, c[i].sid);
		CU_ASSERT_EQUAL(f.msgs[i].ssn, c[i].ssn);
		CU_ASSERT_EQUAL(f.msgs[i].ppid, c[i].ppid);
		CU_ASSERT_EQUAL(f.msgs[i].flags, c[i].flags);
		CU_ASSERT_EQUAL_FATAL(f.msgs[i].len, c[i].payload_len);
		AGW_ASSERT_MEM_EQ(f.msgs[i].payload, c[i].payload, c[i].payload_len);
	}
	check_truncations(buf, len);
}

/* Encoders never write past cap and report NO_SPACE for every short buffer. */
static void
check_no_space_sctp(const struct agw_net_hdrs *h, const struct agw_sctp_data *c, unsigned int n,
		    long full)
{
	uint8_t buf[2048];

	for (long cap = 0; cap < full; cap++) {
		memset(buf, 0xa5, sizeof(buf));
		CU_ASSERT_EQUAL(agw_net_build_sctp(h, c, n, buf, (size_t)cap),
				AGW_PROTO_E_NO_SPACE);
		for (size_t i = (size_t)cap; i < sizeof(buf); i++)
			if (buf[i] != 0xa5) {
				CU_FAIL("encoder wrote past its capacity");
				return;
			}
	}
}

static void
roundtrip_sctp(struct agw_net_hdrs *h, const struct agw_sctp_data *c, unsigned int n)
{
	uint8_t buf[2048];
	long len = agw_net_build_sctp(h, c, n, buf, sizeof(buf));

	CU_ASSERT_FATAL(len > 0);
	check_sctp_frame(buf, (size_t)len, h, c, n);
	check_no_space_sctp(h, c, n, len);
}

static void
test_rt_ipv4_sctp(void)
{
	const struct agw_real_msg *e = corpus_msg("ngap", "NGSetupRequest");
	struct agw_net_hdrs h;
	struct agw_sctp_data c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	default_hdrs(&h, 4);
	c = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, e->data, e->len);
	roundtrip_sctp(&h, &c, 1);
}

static void
test_rt_vlan_qinq(void)
{
	const struct agw_real_msg *e = corpus_msg("ngap", "NGSetupRequest");
	struct agw_net_hdrs h;
	struct agw_sctp_data c;

	default_hdrs(&h, 4);
	h.n_vlan = 1;
	h.vlan_tci[0] = 0x2064; /* PCP 1, VID 100 */
	c = data_chunk(7, 1, 3, AGW_SCTP_PPID_NGAP, e->data, e->len);
	roundtrip_sctp(&h, &c, 1);
	h.n_vlan = 2;
	h.vlan_tci[0] = 0x0010;
	h.vlan_tci[1] = 0xe0c8; /* PCP 7, VID 200 */
	roundtrip_sctp(&h, &c, 1);
	h.vlan_tpid[0] = AGW_ETHERTYPE_QINQ_OLD;
	h.vlan_tpid[1] = AGW_ETHERTYPE_VLAN;
	roundtrip_sctp(&h, &c, 1);
}

static void
test_rt_ipv6_ext(void)
{
	const struct agw_real_msg *e = corpus_msg("s1ap", "S1SetupRequest");
	struct agw_net_hdrs h;
	struct agw_sctp_data c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	default_hdrs(&h, 6);
	h.dport = AGW_SCTP_PORT_S1AP;
	c = data_chunk(0xfffffffe, 5, 65535, AGW_SCTP_PPID_S1AP, e->data, e->len);
	roundtrip_sctp(&h, &c, 1);
	h.n_ip6_ext = 4;
	h.ip6_ext[0] = AGW_IPPROTO_HOPOPTS;
	h.ip6_ext[1] = AGW_IPPROTO_ROUTING;
	h.ip6_ext[2] = AGW_IPPROTO_FRAGMENT; /* atomic fragment, RFC 6946 */
	h.ip6_ext[3] = AGW_IPPROTO_DSTOPTS;
	roundtrip_sctp(&h, &c, 1);
	h.n_vlan = 1;
	h.vlan_tci[0] = 42;
	roundtrip_sctp(&h, &c, 1);
	/* hop-by-hop not first: refused by the builder */
	h.ip6_ext[0] = AGW_IPPROTO_DSTOPTS;
	h.ip6_ext[1] = AGW_IPPROTO_HOPOPTS;
	{
		uint8_t buf[512];

		CU_ASSERT_EQUAL(agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf)),
				AGW_PROTO_E_BAD_VALUE);
	}
}

static void
test_rt_sctp_multi_chunk(void)
{
	const struct agw_real_msg *a = corpus_msg("ngap", "InitialUEMessage/RegistrationRequest");
	const struct agw_real_msg *b = corpus_msg("ngap", "UEContextReleaseComplete");
	const struct agw_real_msg *s = corpus_msg("s1ap", "UEContextReleaseRequest");
	static const uint8_t odd[3] = {1, 2, 3};
	struct agw_net_hdrs h;
	struct agw_sctp_data c[4];

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	c[0] = data_chunk(100, 1, 10, AGW_SCTP_PPID_NGAP, a->data, a->len);
	c[1] = data_chunk(101, 1, 11, AGW_SCTP_PPID_NGAP, b->data, b->len);
	c[2] = data_chunk(102, 2, 0, AGW_SCTP_PPID_S1AP, s->data, s->len);
	c[3] = data_chunk(103, 3, 0, 0x12345678, odd, sizeof(odd));
	c[3].flags |= AGW_SCTP_DATA_U | AGW_SCTP_DATA_I;
	default_hdrs(&h, 4);
	roundtrip_sctp(&h, c, 4);
	default_hdrs(&h, 6);
	h.n_vlan = 2;
	h.vlan_tci[1] = 3;
	h.n_ip6_ext = 1;
	h.ip6_ext[0] = AGW_IPPROTO_DSTOPTS;
	roundtrip_sctp(&h, c, 4);
}

static void
check_udp(const struct agw_net_hdrs *h, const uint8_t *p, size_t n)
{
	uint8_t buf[1024];
	struct agw_net_frame f;
	long len = agw_net_build_udp(h, p, n, buf, sizeof(buf));

	CU_ASSERT_FATAL(len > 0);
	CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	CU_ASSERT_EQUAL(f.l4, AGW_IPPROTO_UDP);
	CU_ASSERT_EQUAL(f.udp.sport, h->sport);
	CU_ASSERT_EQUAL(f.udp.dport, h->dport);
	CU_ASSERT_NOT_EQUAL(f.udp.csum, 0);
	CU_ASSERT_EQUAL_FATAL(f.n_msgs, 1);
	CU_ASSERT_EQUAL(f.msgs[0].l4, AGW_IPPROTO_UDP);
	CU_ASSERT_EQUAL_FATAL(f.msgs[0].len, n);
	AGW_ASSERT_MEM_EQ(f.msgs[0].payload, p, n);
	check_truncations(buf, (size_t)len);
	for (long cap = 0; cap < len; cap++)
		CU_ASSERT_EQUAL(agw_net_build_udp(h, p, n, buf, (size_t)cap), AGW_PROTO_E_NO_SPACE);
	/* a flipped payload bit is caught by the checksum */
	buf[len - 1] ^= 0x04;
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_BAD_CHECKSUM);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, AGW_NET_F_NO_L4_CSUM, &f), 0);
}

static void
test_rt_udp(void)
{
	const struct agw_real_msg *g = corpus_msg("gtpv2", "CreateSessionRequest");
	struct agw_net_hdrs h;
	uint8_t odd[37];

	for (size_t i = 0; i < sizeof(odd); i++)
		odd[i] = (uint8_t)(0xf0 + i);
	default_hdrs(&h, 4);
	h.sport = 2123;
	h.dport = 2123;
	if (g != NULL)
		check_udp(&h, g->data, g->len);
	h.dport = 40001;
	check_udp(&h, odd, sizeof(odd));
	h.n_vlan = 1;
	h.vlan_tci[0] = 0x0123;
	check_udp(&h, odd, sizeof(odd));
	default_hdrs(&h, 6);
	h.sport = 40002;
	h.dport = 40001;
	check_udp(&h, odd, sizeof(odd));
	h.n_ip6_ext = 2;
	h.ip6_ext[0] = AGW_IPPROTO_HOPOPTS;
	h.ip6_ext[1] = AGW_IPPROTO_ROUTING;
	check_udp(&h, odd, 1);
}

/* ------------------------------------------------------------------ */
/* error paths                                                          */
/* ------------------------------------------------------------------ */

/* Eth/IPv4/SCTP frame with default addressing around @p n DATA chunks. */
static long
build_edit(uint8_t *buf, size_t cap, struct agw_sctp_data *c, unsigned int n)
{
	struct agw_net_hdrs h;

	default_hdrs(&h, 4);
	return agw_net_build_sctp(&h, c, n, buf, cap);
}

static void
test_sctp_fragments(void)
{
	static const uint8_t pl[5] = {0, 0x15, 0, 1, 0};
	const uint8_t flags[3] = {AGW_SCTP_DATA_B, AGW_SCTP_DATA_E, 0};
	struct agw_sctp_data c[2];
	struct agw_net_frame f;
	uint8_t buf[256];
	long len;

	for (int i = 0; i < 3; i++) {
		c[0] = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, pl, sizeof(pl));
		c[0].flags = flags[i];
		len = build_edit(buf, sizeof(buf), c, 1);
		CU_ASSERT_FATAL(len > 0);
		CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f),
				AGW_PROTO_E_FRAGMENTED);
		CU_ASSERT_EQUAL(f.n_msgs, 0);
		CU_ASSERT_EQUAL(f.n_frags, 1);
	}
	/* a complete message and a fragment in one packet */
	c[0] = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, pl, sizeof(pl));
	c[1] = data_chunk(2, 0, 1, AGW_SCTP_PPID_NGAP, pl, 2);
	c[1].flags = AGW_SCTP_DATA_B;
	len = build_edit(buf, sizeof(buf), c, 2);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_FRAGMENTED);
	CU_ASSERT_EQUAL(f.n_msgs, 1);
	CU_ASSERT_EQUAL(f.n_frags, 1);
	CU_ASSERT_EQUAL(f.msgs[0].len, sizeof(pl));
	/* the chunk decoder itself */
	{
		struct agw_sctp_chunk_iter it;
		struct agw_sctp_chunk ch;
		struct agw_sctp_data d;

		agw_sctp_chunks_init(&it, &f.sctp);
		CU_ASSERT_EQUAL(agw_sctp_chunk_next(&it, &ch), 1);
		CU_ASSERT_EQUAL(agw_sctp_data_decode(&ch, &d), 0);
		CU_ASSERT_EQUAL(agw_sctp_chunk_next(&it, &ch), 1);
		CU_ASSERT_EQUAL(agw_sctp_data_decode(&ch, &d), AGW_PROTO_E_FRAGMENTED);
		CU_ASSERT_EQUAL(d.tsn, 2);
		CU_ASSERT_EQUAL(d.payload_len, 2);
		CU_ASSERT_EQUAL(agw_sctp_chunk_next(&it, &ch), 0);
	}
}

static void
test_sctp_chunk_errors(void)
{
	static const uint8_t pl[4] = {1, 2, 3, 4};
	struct agw_sctp_data c = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, pl, sizeof(pl));
	struct agw_net_frame f;
	uint8_t buf[256];
	long len = build_edit(buf, sizeof(buf), &c, 1);
	size_t so = sctp_off(buf, (size_t)len);
	uint8_t *ch = buf + so + 12;

	/* DATA without user data (length 16): "No User Data" */
	ch[2] = 0;
	ch[3] = 16;
	agw_sctp_set_csum(buf + so, (size_t)len - so);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_BAD_LENGTH);
	/* chunk length < 4 */
	ch[3] = 3;
	agw_sctp_set_csum(buf + so, (size_t)len - so);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_BAD_LENGTH);
	/* chunk longer than the packet */
	ch[3] = 40;
	agw_sctp_set_csum(buf + so, (size_t)len - so);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_TRUNCATED);
	/* DATA shorter than its 16-octet header */
	ch[3] = 8;
	agw_sctp_set_csum(buf + so, (size_t)len - so);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_TRUNCATED);
	/* a control chunk (SACK type) is skipped */
	ch[0] = AGW_SCTP_CHUNK_SACK;
	ch[3] = 20;
	agw_sctp_set_csum(buf + so, (size_t)len - so);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	CU_ASSERT_EQUAL(f.n_msgs, 0);
	CU_ASSERT_EQUAL(f.n_ctrl, 1);
	/* the builder refuses empty user data */
	c.payload_len = 0;
	CU_ASSERT_EQUAL(build_edit(buf, sizeof(buf), &c, 1), AGW_PROTO_E_BAD_LENGTH);
	CU_ASSERT_EQUAL(build_edit(buf, sizeof(buf), &c, 0), AGW_PROTO_E_BAD_LENGTH);
}

static void
test_too_many_chunks(void)
{
	static const uint8_t pl[1] = {9};
	struct agw_sctp_data c[AGW_NET_MAX_MSGS + 1];
	struct agw_net_frame f;
	uint8_t buf[1024];
	long len;

	for (unsigned int i = 0; i <= AGW_NET_MAX_MSGS; i++)
		c[i] = data_chunk(i, 0, (uint16_t)i, AGW_SCTP_PPID_NGAP, pl, 1);
	len = build_edit(buf, sizeof(buf), c, AGW_NET_MAX_MSGS);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	CU_ASSERT_EQUAL(f.n_msgs, AGW_NET_MAX_MSGS);
	len = build_edit(buf, sizeof(buf), c, AGW_NET_MAX_MSGS + 1);
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
}

/* Recompute the IPv4 header checksum after an edit (RFC 1071). */
static void
fix_ipv4_csum(uint8_t *ip)
{
	uint32_t sum = 0;

	ip[10] = ip[11] = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	ip[10] = (uint8_t)(~sum >> 8);
	ip[11] = (uint8_t)~sum;
}

static void
test_ip_errors(void)
{
	static const uint8_t pl[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	struct agw_sctp_data c = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, pl, sizeof(pl));
	struct agw_net_hdrs h;
	struct agw_net_frame f;
	uint8_t buf[512], copy[512];
	long len;

	default_hdrs(&h, 4);
	len = agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf));
	/* IPv4 fragments: MF set, then a non-zero offset */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 6] = 0x20;
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	copy[14 + 6] = 0x00;
	copy[14 + 7] = 0x10;
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	/* IHL 4 and version 5 */
	memcpy(copy, buf, (size_t)len);
	copy[14] = 0x44;
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_BAD_LENGTH);
	copy[14] = 0x55;
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_BAD_VALUE);
	/* total length below IHL, and above the frame */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 2] = 0;
	copy[14 + 3] = 19;
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_BAD_LENGTH);
	copy[14 + 3] = (uint8_t)(len - 14 + 1);
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_TRUNCATED);
	/* Ethernet padding after the IP packet is ignored */
	memcpy(copy, buf, (size_t)len);
	memset(copy + len, 0, 20);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len + 20, 0, &f), 0);
	CU_ASSERT_EQUAL(f.n_msgs, 1);
	/* other protocols */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 9] = 6; /* TCP */
	fix_ipv4_csum(copy + 14);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNKNOWN_TYPE);
	copy[12] = 0x08;
	copy[13] = 0x06; /* ARP */
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNKNOWN_TYPE);
	/* three VLAN tags */
	h.n_vlan = 2;
	len = agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf));
	memcpy(copy, buf, 12);
	copy[12] = 0x81;
	copy[13] = 0x00;
	copy[14] = 0;
	copy[15] = 5;
	memcpy(copy + 16, buf + 12, (size_t)len - 12);
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len + 4, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	h.n_vlan = 3;
	CU_ASSERT_EQUAL(agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	h.n_vlan = 0;
	h.ip_version = 5;
	CU_ASSERT_EQUAL(agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
}

static void
test_ipv6_errors(void)
{
	static const uint8_t pl[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	struct agw_sctp_data c = data_chunk(1, 0, 0, AGW_SCTP_PPID_NGAP, pl, sizeof(pl));
	struct agw_net_hdrs h;
	struct agw_net_frame f;
	uint8_t buf[512], copy[512];
	long len;

	default_hdrs(&h, 6);
	h.n_ip6_ext = 2;
	h.ip6_ext[0] = AGW_IPPROTO_DSTOPTS;
	h.ip6_ext[1] = AGW_IPPROTO_FRAGMENT;
	len = agw_net_build_sctp(&h, &c, 1, buf, sizeof(buf));
	CU_ASSERT_EQUAL_FATAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	CU_ASSERT_EQUAL(f.ip6.n_ext, 2);
	/* a real fragment (M bit, then an offset) */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 40 + 8 + 3] = 0x01;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	copy[14 + 40 + 8 + 3] = 0x08;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	/* hop-by-hop after another extension header */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 40] = AGW_IPPROTO_HOPOPTS;
	copy[14 + 40 + 8] = AGW_IPPROTO_SCTP;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_BAD_VALUE);
	/* extension header length beyond the payload */
	memcpy(copy, buf, (size_t)len);
	copy[14 + 40 + 1] = 200;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_TRUNCATED);
	/* version, jumbo/zero payload length */
	memcpy(copy, buf, (size_t)len);
	copy[14] = 0x40;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_BAD_VALUE);
	memcpy(copy, buf, (size_t)len);
	copy[14 + 4] = copy[14 + 5] = 0;
	CU_ASSERT_EQUAL(agw_net_parse_frame(copy, (size_t)len, 0, &f), AGW_PROTO_E_UNSUPPORTED);
	/* nine extension headers */
	{
		uint8_t big[600];
		size_t off = 14 + 40;

		memcpy(big, buf, 14 + 40);
		big[14 + 6] = AGW_IPPROTO_DSTOPTS;
		for (int i = 0; i < 9; i++, off += 8) {
			memset(big + off, 0, 8);
			big[off] = i < 8 ? AGW_IPPROTO_DSTOPTS : AGW_IPPROTO_SCTP;
		}
		memcpy(big + off, buf + len - (len - 14 - 40 - 16), (size_t)(len - 14 - 40 - 16));
		off += (size_t)(len - 14 - 40 - 16);
		big[14 + 4] = (uint8_t)((off - 54) >> 8);
		big[14 + 5] = (uint8_t)(off - 54);
		CU_ASSERT_EQUAL(agw_net_parse_frame(big, off, AGW_NET_F_NO_L4_CSUM, &f),
				AGW_PROTO_E_UNSUPPORTED);
	}
}

static void
test_udp_errors(void)
{
	static const uint8_t pl[6] = {1, 2, 3, 4, 5, 6};
	struct agw_net_hdrs h;
	struct agw_net_frame f;
	uint8_t buf[256];
	long len;

	default_hdrs(&h, 4);
	h.sport = 2152;
	h.dport = 40000;
	len = agw_net_build_udp(&h, pl, sizeof(pl), buf, sizeof(buf));
	/* UDP length larger than the IP payload, then below 8 */
	buf[14 + 20 + 5] = 15;
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, AGW_NET_F_NO_L4_CSUM, &f),
			AGW_PROTO_E_BAD_LENGTH);
	buf[14 + 20 + 5] = 7;
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, AGW_NET_F_NO_L4_CSUM, &f),
			AGW_PROTO_E_BAD_LENGTH);
	/* IPv4: zero checksum means "none" */
	buf[14 + 20 + 5] = 14;
	buf[14 + 20 + 6] = buf[14 + 20 + 7] = 0;
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	/* IPv6: zero checksum is refused (RFC 8200 clause 8.1) */
	default_hdrs(&h, 6);
	len = agw_net_build_udp(&h, pl, sizeof(pl), buf, sizeof(buf));
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), 0);
	buf[14 + 40 + 6] = buf[14 + 40 + 7] = 0;
	CU_ASSERT_EQUAL(agw_net_parse_frame(buf, (size_t)len, 0, &f), AGW_PROTO_E_BAD_CHECKSUM);
}

/* ------------------------------------------------------------------ */
/* tshark                                                               */
/* ------------------------------------------------------------------ */

struct tshark_case {
	uint8_t frame[2048];
	long len;
	const char *protos; /* expected frame.protocols */
	int sctp;	    /* 1: SCTP checksum must be good, 0: UDP */
};

static void
test_tshark_frames(void)
{
	const struct agw_real_msg *a = corpus_msg("ngap", "InitialUEMessage/RegistrationRequest");
	const struct agw_real_msg *s = corpus_msg("s1ap", "S1SetupRequest");
	static const uint8_t odd[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	static struct tshark_case tc[8];
	struct net_tshark_row rows[16];
	struct agw_net_hdrs h;
	struct agw_sctp_data c[3];
	const char *path = "net_tshark.pcap";
	FILE *pf;
	int n = 0, nr, n_ok = 0;

	if (!net_tshark_present())
		CU_FAIL_FATAL("tshark not found: install it (apt-get install tshark) to check the "
			      "encoders");
	c[0] = data_chunk(1, 1, 0, AGW_SCTP_PPID_NGAP, a->data, a->len);
	c[1] = data_chunk(2, 1, 1, AGW_SCTP_PPID_S1AP, s->data, s->len);
	c[2] = data_chunk(3, 2, 0, AGW_SCTP_PPID_NGAP, a->data, a->len);
	default_hdrs(&h, 4);
	tc[n].len = agw_net_build_sctp(&h, c, 1, tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:ip:sctp:ngap";
	tc[n++].sctp = 1;
	h.n_vlan = 1;
	h.vlan_tci[0] = 100;
	tc[n].len = agw_net_build_sctp(&h, c, 3, tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:vlan:ethertype:ip:sctp:ngap";
	tc[n++].sctp = 1;
	h.n_vlan = 2;
	h.vlan_tci[1] = 200;
	tc[n].len = agw_net_build_sctp(&h, c, 2, tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:sctp:ngap";
	tc[n++].sctp = 1;
	default_hdrs(&h, 6);
	tc[n].len = agw_net_build_sctp(&h, c, 3, tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:ipv6:sctp:ngap";
	tc[n++].sctp = 1;
	h.n_ip6_ext = 4;
	h.ip6_ext[0] = AGW_IPPROTO_HOPOPTS;
	h.ip6_ext[1] = AGW_IPPROTO_ROUTING;
	h.ip6_ext[2] = AGW_IPPROTO_FRAGMENT;
	h.ip6_ext[3] = AGW_IPPROTO_DSTOPTS;
	tc[n].len = agw_net_build_sctp(&h, c, 2, tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos =
		"eth:ethertype:ipv6:ipv6.hopopts:ipv6.routing:ipv6.fraghdr:ipv6.dstopts:sctp:ngap";
	tc[n++].sctp = 1;
	h.n_ip6_ext = 0;
	h.sport = 40001;
	h.dport = 40002;
	tc[n].len = agw_net_build_udp(&h, odd, sizeof(odd), tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:ipv6:udp:data";
	tc[n++].sctp = 0;
	default_hdrs(&h, 4);
	h.n_vlan = 1;
	h.sport = 40001;
	h.dport = 40002;
	tc[n].len = agw_net_build_udp(&h, odd, sizeof(odd), tc[n].frame, sizeof(tc[n].frame));
	tc[n].protos = "eth:ethertype:vlan:ethertype:ip:udp:data";
	tc[n++].sctp = 0;

	pf = agw_pcap_open(path, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf);
	for (int i = 0; i < n; i++) {
		CU_ASSERT_FATAL(tc[i].len > 0);
		CU_ASSERT_EQUAL(agw_pcap_write(pf, tc[i].frame, (uint32_t)tc[i].len, (uint32_t)i),
				0);
	}
	fclose(pf);
	nr = net_tshark_run(path, rows, 16);
	CU_ASSERT_EQUAL_FATAL(nr, n);
	for (int i = 0; i < n; i++) {
		const struct net_tshark_row *r = &rows[i];
		int ok = strncmp(r->protos, tc[i].protos, strlen(tc[i].protos)) == 0 &&
			 strstr(r->info, "Malformed") == NULL && !net_tshark_has_error(r) &&
			 strcmp(r->ip_csum, strstr(tc[i].protos, ":ip:") != NULL ? "1" : "") == 0 &&
			 strcmp(tc[i].sctp ? r->sctp_csum : r->udp_csum, "1") == 0;

		if (!ok)
			fprintf(stderr,
				"\n  tshark frame %u: protos=%s info=%s expert=%s csum sctp=%s "
				"ip=%s udp=%s\n",
				r->frame, r->protos, r->info, r->severity, r->sctp_csum, r->ip_csum,
				r->udp_csum);
		CU_ASSERT(ok);
		n_ok += ok;
	}
	printf("\n    tshark: %d of %d frames dissected cleanly ", n_ok, n);
}

int
main(int argc, char **argv)
{
	static CU_TestInfo crc[] = {
		{"RFC 3720 B.4 vectors", test_crc32c_vectors},
		{"every length/alignment vs bitwise reference", test_crc32c_vs_reference},
		{"same, portable path forced", test_crc32c_portable_vs_reference},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo pcap[] = {
		{"all 373 frames: parse, CRC, payload, truncation", test_pcap_all_frames},
		{"known CRC, corrupted CRC/payload/IPv4 header", test_pcap_crc_known_and_corrupt},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo rt[] = {
		{"Eth/IPv4/SCTP", test_rt_ipv4_sctp},
		{"802.1Q and QinQ", test_rt_vlan_qinq},
		{"IPv6 with extension headers", test_rt_ipv6_ext},
		{"SCTP multi-chunk", test_rt_sctp_multi_chunk},
		{"UDP over IPv4/IPv6", test_rt_udp},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo err[] = {
		{"fragmented DATA", test_sctp_fragments},
		{"chunk errors", test_sctp_chunk_errors},
		{"more than AGW_NET_MAX_MSGS chunks", test_too_many_chunks},
		{"IPv4/Ethernet errors", test_ip_errors},
		{"IPv6 errors", test_ipv6_errors},
		{"UDP errors", test_udp_errors},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo ts[] = {
		{"built frames dissect cleanly", test_tshark_frames},
		CU_TEST_INFO_NULL,
	};
	static CU_SuiteInfo suites[] = {
		{"net_crc32c", NULL, NULL, NULL, NULL, crc},
		{"net_real_pcap", NULL, NULL, NULL, NULL, pcap},
		{"net_roundtrip", NULL, NULL, NULL, NULL, rt},
		{"net_errors", NULL, NULL, NULL, NULL, err},
		{"net_tshark", NULL, NULL, NULL, NULL, ts},
		CU_SUITE_INFO_NULL,
	};

	real_pcap = net_real_pcap_path(argc > 1 ? argv[1] : NULL);
	return agw_test_main(suites);
}
