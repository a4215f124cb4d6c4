/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_PROTO_H
#define AGW_PROTO_H

/**
 * @file
 * Common ground of the wire codecs (lib/proto): the result codes every
 * decoder returns, their names for counters and telemetry, and the bounded
 * reader/writer that every field access goes through, so no decoder reads
 * or writes past the buffer it was given.
 *
 * Decoders are zero-copy: decoded structures point into the input buffer,
 * which must outlive them. Encoders write into a caller buffer and return
 * the number of octets written.
 */

#include <stdint.h>
#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Decode/encode outcomes, as an X-macro so that the enum, the counter
 * names and the strings stay in one list. Values are negative, in their own
 * range (like LMDB's MDB_* codes) so they never collide with -errno.
 */
#define AGW_PROTO_RESULTS(X)                                                                \
	X(TRUNCATED, "truncated")           /* input ends before a field does */          \
	X(BAD_LENGTH, "bad-length")         /* a length field disagrees with the data */  \
	X(UNKNOWN_TYPE, "unknown-type")     /* message/IE type not known here */           \
	X(BAD_VALUE, "bad-value")           /* field value out of its specified range */  \
	X(UNSUPPORTED, "unsupported")       /* valid but outside what the codec handles */ \
	X(BAD_CHECKSUM, "bad-checksum")     /* CRC32c / UDP checksum mismatch */           \
	X(FRAGMENTED, "fragmented")         /* SCTP DATA not B+E: reassembly needed */     \
	X(MISSING_IE, "missing-ie")         /* a mandatory IE is absent */                 \
	X(NO_SPACE, "no-space")             /* encoder: output buffer too small */         \
	X(TRAILING, "trailing-data")        /* octets left after a complete message */

enum agw_proto_rc {
	AGW_PROTO_OK = 0,
#define AGW_PROTO_ENUM_(n, s) AGW_PROTO_E_##n,
	AGW_PROTO_E_FIRST_ = -2000,
	AGW_PROTO_RESULTS(AGW_PROTO_ENUM_)
#undef AGW_PROTO_ENUM_
	AGW_PROTO_E_LAST_
};

/** Number of distinct error codes (for per-cause counter arrays). */
#define AGW_PROTO_N_ERRORS (AGW_PROTO_E_LAST_ - AGW_PROTO_E_FIRST_ - 1)

/** Index 0..AGW_PROTO_N_ERRORS-1 of an error code, for counter arrays. */
static inline int
agw_proto_err_index(int rc)
{
	return rc - AGW_PROTO_E_FIRST_ - 1;
}

/** Short name of a result code ("truncated", ...; "ok" for 0). */
const char *agw_proto_strerror(int rc);

/** Bounded reader over a byte span. */
struct agw_rd {
	const uint8_t *p;   /**< next octet */
	const uint8_t *end; /**< one past the last octet */
};

static inline struct agw_rd
agw_rd_init(const void *buf, size_t len)
{
	struct agw_rd r = {(const uint8_t *)buf, (const uint8_t *)buf + len};
	return r;
}

static inline size_t
agw_rd_left(const struct agw_rd *r)
{
	return (size_t)(r->end - r->p);
}

/** Take @p n octets; returns a pointer to them or NULL when truncated. */
static inline const uint8_t *
agw_rd_take(struct agw_rd *r, size_t n)
{
	const uint8_t *q = r->p;

	if (agw_rd_left(r) < n)
		return NULL;
	r->p += n;
	return q;
}

static inline int
agw_rd_u8(struct agw_rd *r, uint8_t *v)
{
	if (agw_rd_left(r) < 1)
		return AGW_PROTO_E_TRUNCATED;
	*v = *r->p++;
	return 0;
}

static inline int
agw_rd_be16(struct agw_rd *r, uint16_t *v)
{
	if (agw_rd_left(r) < 2)
		return AGW_PROTO_E_TRUNCATED;
	*v = (uint16_t)(r->p[0] << 8 | r->p[1]);
	r->p += 2;
	return 0;
}

static inline int
agw_rd_be32(struct agw_rd *r, uint32_t *v)
{
	if (agw_rd_left(r) < 4)
		return AGW_PROTO_E_TRUNCATED;
	*v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	return 0;
}

/** Bounded writer; the first overflow sets @c err and later writes do nothing. */
struct agw_wr {
	uint8_t *start; /**< first octet of the buffer */
	uint8_t *p;     /**< next octet to write */
	uint8_t *end;   /**< one past the last writable octet */
	int err;        /**< 0 or AGW_PROTO_E_NO_SPACE */
};

static inline struct agw_wr
agw_wr_init(void *buf, size_t cap)
{
	struct agw_wr w = {(uint8_t *)buf, (uint8_t *)buf, (uint8_t *)buf + cap, 0};
	return w;
}

/** Reserve @p n octets; returns where to write them, or NULL (and err set). */
static inline uint8_t *
agw_wr_reserve(struct agw_wr *w, size_t n)
{
	uint8_t *q = w->p;

	if (w->err != 0 || (size_t)(w->end - w->p) < n) {
		w->err = AGW_PROTO_E_NO_SPACE;
		return NULL;
	}
	w->p += n;
	return q;
}

static inline void
agw_wr_bytes(struct agw_wr *w, const void *src, size_t n)
{
	uint8_t *q = agw_wr_reserve(w, n);

	if (q != NULL && n != 0)
		memcpy(q, src, n);
}

static inline void
agw_wr_u8(struct agw_wr *w, uint8_t v)
{
	agw_wr_bytes(w, &v, 1);
}

static inline void
agw_wr_be16(struct agw_wr *w, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
	agw_wr_bytes(w, b, 2);
}

static inline void
agw_wr_be32(struct agw_wr *w, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
	agw_wr_bytes(w, b, 4);
}

/** Octets written so far, or the writer's error code. */
static inline long
agw_wr_result(const struct agw_wr *w)
{
	return w->err != 0 ? (long)w->err : (long)(w->p - w->start);
}

#ifdef __cplusplus
}
#endif

#endif /* AGW_PROTO_H */
