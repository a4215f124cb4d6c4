/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * agw_net_sctp_subset(): a copy of a parsed SCTP frame that keeps some of
 * its chunks, byte for byte, behind the original Ethernet/VLAN/IP headers
 * (IPv6 extension headers included). The IP length fields, the IPv4 header
 * checksum and the SCTP CRC32c are set for the new length. The fast path
 * uses it to split a bundle into one frame per DATA chunk plus one frame
 * of the control chunks (SACK, HEARTBEAT...), which pass on untouched.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "agw_net.h"

/* Chunks of @p f whose index is set in @p mask, appended to @p w. */
static int
subset_chunks(const struct agw_net_frame *f, uint64_t mask, struct agw_wr *w, unsigned int *n)
{
	struct agw_sctp_chunk_iter it;
	struct agw_sctp_chunk c;
	unsigned int i = 0;
	int rc;

	*n = 0;
	agw_sctp_chunks_init(&it, &f->sctp);
	while ((rc = agw_sctp_chunk_next(&it, &c)) == 1) {
		size_t padded = ((size_t)c.len + 3) & ~(size_t)3;

		if (i < 64 && (mask >> i & 1)) {
			agw_wr_bytes(w, c.value - 4, c.len);
			for (size_t k = c.len; k < padded; k++)
				agw_wr_u8(w, 0);
			(*n)++;
		}
		i++;
	}
	return rc < 0 ? rc : w->err;
}

/* IP length fields (and IPv4 header checksum) for an SCTP packet of @p l4_len. */
static void
subset_fix_ip(const struct agw_net_frame *f, uint8_t *out, size_t l3_off, size_t l4_off,
	      size_t l4_len)
{
	uint8_t *ip = out + l3_off;

	if (f->ip_version == 4) {
		uint16_t total = (uint16_t)(l4_off - l3_off + l4_len);

		ip[2] = (uint8_t)(total >> 8);
		ip[3] = (uint8_t)total;
		ip[10] = ip[11] = 0;
		{
			uint16_t cs = (uint16_t)~rte_raw_cksum(ip, f->ip4.hdr_len);

			memcpy(ip + 10, &cs, 2); /* one's complement sum: byte order neutral */
		}
	} else {
		uint16_t plen = (uint16_t)(l4_off - l3_off - 40 + l4_len);

		ip[4] = (uint8_t)(plen >> 8);
		ip[5] = (uint8_t)plen;
	}
}

long
agw_net_sctp_subset(const uint8_t *frame, const struct agw_net_frame *f, uint64_t mask,
		    uint8_t *out, size_t cap)
{
	size_t l3_off, l4_off = (size_t)(f->sctp.pkt - frame);
	struct agw_wr w = agw_wr_init(out, cap);
	unsigned int n;
	int rc;

	if (f->l4 != AGW_IPPROTO_SCTP || f->ip_version == 0)
		return AGW_PROTO_E_UNSUPPORTED;
	l3_off = (size_t)(f->eth.payload - frame);
	agw_wr_bytes(&w, frame, l4_off + 12); /* through the SCTP common header */
	if ((rc = subset_chunks(f, mask, &w, &n)) != 0)
		return rc;
	if (n == 0)
		return AGW_PROTO_E_MISSING_IE;
	if ((size_t)(w.p - out) - l4_off > UINT16_MAX - 60)
		return AGW_PROTO_E_BAD_LENGTH;
	subset_fix_ip(f, out, l3_off, l4_off, (size_t)(w.p - out) - l4_off);
	rc = agw_sctp_set_csum(out + l4_off, (size_t)(w.p - out) - l4_off);
	return rc != 0 ? rc : (long)(w.p - out);
}
