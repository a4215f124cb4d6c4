/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * SCTP: common header, checksum field, chunk walker, DATA chunks.
 * RFC 4960 (obsoleted by RFC 9260 with the same wire format). The CRC32c
 * itself (agw_sctp_csum()) is in crc32c.c.
 */
#include <string.h>

#include <rte_byteorder.h>

#include "agw_net.h"

#define SCTP_HDR_LEN 12
#define SCTP_CHUNK_HDR_LEN 4
#define SCTP_DATA_HDR_LEN 16
/* Largest user data of one DATA chunk: the chunk length is 16 bits. */
#define SCTP_DATA_MAX (UINT16_MAX - SCTP_DATA_HDR_LEN)

/* The CRC goes on the wire least significant octet first (RFC 4960 App. B). */
static uint32_t
csum_wire(uint32_t crc)
{
	return rte_bswap32(crc);
}

int
agw_sctp_set_csum(uint8_t *pkt, size_t len)
{
	struct agw_wr w;

	if (len < SCTP_HDR_LEN)
		return AGW_PROTO_E_TRUNCATED;
	w = agw_wr_init(pkt + 8, 4);
	agw_wr_be32(&w, csum_wire(agw_sctp_csum(pkt, len)));
	return w.err;
}

/* RFC 4960 clause 3.1: SCTP common header. */
int
agw_sctp_decode(const uint8_t *buf, size_t len, int verify_csum, struct agw_sctp *s)
{
	struct agw_rd r = agw_rd_init(buf, len);
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = agw_rd_be16(&r, &s->sport)) != 0 || (rc = agw_rd_be16(&r, &s->dport)) != 0 ||
	    (rc = agw_rd_be32(&r, &s->vtag)) != 0 || (rc = agw_rd_be32(&r, &s->csum)) != 0)
		return rc;
	s->pkt = buf;
	s->pkt_len = len;
	s->chunks = r.p;
	s->chunks_len = agw_rd_left(&r);
	if (verify_csum && csum_wire(agw_sctp_csum(buf, len)) != s->csum)
		return AGW_PROTO_E_BAD_CHECKSUM;
	return 0;
}

void
agw_sctp_chunks_init(struct agw_sctp_chunk_iter *it, const struct agw_sctp *s)
{
	it->rd = agw_rd_init(s->chunks, s->chunks_len);
}

/* RFC 4960 clause 3.2: type(1) flags(1) length(2) value, padded to 4. */
int
agw_sctp_chunk_next(struct agw_sctp_chunk_iter *it, struct agw_sctp_chunk *c)
{
	size_t pad;
	int rc;

	if (agw_rd_left(&it->rd) == 0)
		return 0;
	if ((rc = agw_rd_u8(&it->rd, &c->type)) != 0 || (rc = agw_rd_u8(&it->rd, &c->flags)) != 0 ||
	    (rc = agw_rd_be16(&it->rd, &c->len)) != 0)
		return rc;
	if (c->len < SCTP_CHUNK_HDR_LEN)
		return AGW_PROTO_E_BAD_LENGTH;
	c->value_len = c->len - SCTP_CHUNK_HDR_LEN;
	c->value = agw_rd_take(&it->rd, c->value_len);
	if (c->value == NULL)
		return AGW_PROTO_E_TRUNCATED;
	pad = (4 - (c->len & 3)) & 3;
	if (agw_rd_left(&it->rd) < pad)
		pad = agw_rd_left(&it->rd); /* final chunk sent without padding */
	(void)agw_rd_take(&it->rd, pad);
	return 1;
}

/* RFC 4960 clause 3.3.1: DATA chunk. */
int
agw_sctp_data_decode(const struct agw_sctp_chunk *c, struct agw_sctp_data *d)
{
	struct agw_rd r = agw_rd_init(c->value, c->value_len);
	int rc;

	memset(d, 0, sizeof(*d));
	if (c->type != AGW_SCTP_CHUNK_DATA)
		return AGW_PROTO_E_UNKNOWN_TYPE;
	d->flags = c->flags;
	if ((rc = agw_rd_be32(&r, &d->tsn)) != 0 || (rc = agw_rd_be16(&r, &d->sid)) != 0 ||
	    (rc = agw_rd_be16(&r, &d->ssn)) != 0 || (rc = agw_rd_be32(&r, &d->ppid)) != 0)
		return rc;
	d->payload_len = agw_rd_left(&r);
	d->payload = agw_rd_take(&r, d->payload_len);
	if (d->payload_len == 0)
		return AGW_PROTO_E_BAD_LENGTH; /* "No User Data", clause 3.3.10.9 */
	if ((d->flags & AGW_SCTP_DATA_COMPLETE) != AGW_SCTP_DATA_COMPLETE)
		return AGW_PROTO_E_FRAGMENTED;
	return 0;
}

static void
sctp_put_data(struct agw_wr *w, const struct agw_sctp_data *d)
{
	size_t pad = (4 - (d->payload_len & 3)) & 3;
	static const uint8_t zero[3];

	agw_wr_u8(w, AGW_SCTP_CHUNK_DATA);
	agw_wr_u8(w, d->flags);
	agw_wr_be16(w, (uint16_t)(SCTP_DATA_HDR_LEN + d->payload_len));
	agw_wr_be32(w, d->tsn);
	agw_wr_be16(w, d->sid);
	agw_wr_be16(w, d->ssn);
	agw_wr_be32(w, d->ppid);
	agw_wr_bytes(w, d->payload, d->payload_len);
	agw_wr_bytes(w, zero, pad);
}

long
agw_sctp_build(uint16_t sport, uint16_t dport, uint32_t vtag, const struct agw_sctp_data *chunks,
	       unsigned int n, void *buf, size_t cap)
{
	struct agw_wr w = agw_wr_init(buf, cap);
	long len;

	if (n == 0)
		return AGW_PROTO_E_BAD_LENGTH;
	for (unsigned int i = 0; i < n; i++)
		if (chunks[i].payload_len == 0 || chunks[i].payload_len > SCTP_DATA_MAX)
			return AGW_PROTO_E_BAD_LENGTH;
	agw_wr_be16(&w, sport);
	agw_wr_be16(&w, dport);
	agw_wr_be32(&w, vtag);
	agw_wr_be32(&w, 0);
	for (unsigned int i = 0; i < n; i++)
		sctp_put_data(&w, &chunks[i]);
	len = agw_wr_result(&w);
	if (len < 0)
		return len;
	(void)agw_sctp_set_csum(buf, (size_t)len);
	return len;
}
