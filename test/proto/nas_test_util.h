/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef NAS_TEST_UTIL_H
#define NAS_TEST_UTIL_H

/*
 * Helpers shared by test_nas5g.c and test_naseps.c: building message
 * bodies in scratch memory, comparing decoded bodies, the structural rules
 * of a message table (TS 24.007 11.2), corpus look-up and hex assertions.
 */

#include <stdio.h>
#include <string.h>
#include <CUnit/Basic.h>

#include "agw_test.h"
#include "agw_nas5g.h"
#include "agw_real_signalling.h"

/* Scratch space that encoded IE values live in while a message is built. */
struct scratch {
	uint8_t buf[8192];
	struct agw_wr w;
};

static inline void
sc_init(struct scratch *s)
{
	s->w = agw_wr_init(s->buf, sizeof(s->buf));
}

static inline const uint8_t *
sc_put(struct scratch *s, const void *p, size_t n)
{
	uint8_t *q = agw_wr_reserve(&s->w, n);

	CU_ASSERT_FATAL(q != NULL);
	memcpy(q, p, n);
	return q;
}

/* Set a field from octets. */
static inline void
set(struct agw_nas_body *b, unsigned int f, struct scratch *s, const void *p, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(agw_nas_set(b, f, sc_put(s, p, n), (uint16_t)n), 0);
}

static inline void
set_half(struct agw_nas_body *b, unsigned int f, uint8_t v)
{
	CU_ASSERT_EQUAL_FATAL(agw_nas_set_half(b, f, v), 0);
}

/* Encode a value with a typed encoder into scratch, then set the field. */
#define SET_TYPED(b, f, s, call)                                                                   \
	do {                                                                                       \
		uint8_t *start_ = (s)->w.p;                                                        \
		struct agw_wr *w = &(s)->w;                                                        \
		CU_ASSERT_EQUAL_FATAL((call), 0);                                                  \
		CU_ASSERT_EQUAL_FATAL(                                                             \
			agw_nas_set((b), (f), start_, (uint16_t)((s)->w.p - start_)), 0);          \
	} while (0)

static inline void
pattern(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 37 * i);
}

/* Every row equal: presence, half-octet value, value octets. */
static inline int
bodies_equal(const struct agw_nas_body *a, const struct agw_nas_body *b)
{
	const struct agw_nas_msg_desc *d = a->desc;

	if (d != b->desc)
		return 0;
	for (unsigned int i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie *x = &a->ie[i], *y = &b->ie[i];
		uint8_t fmt = d->ies[i].fmt;

		if (x->present != y->present)
			return 0;
		if (!x->present)
			continue;
		if (fmt == AGW_NAS_FMT_VH || fmt == AGW_NAS_FMT_TV1) {
			if (x->half != y->half)
				return 0;
			continue;
		}
		if (x->len != y->len || (x->len != 0 && memcmp(x->v, y->v, x->len) != 0))
			return 0;
	}
	return 1;
}

static inline const struct agw_real_msg *
real_frame(int frame)
{
	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++)
		if (agw_real_msgs[i].pcap_frame == frame)
			return &agw_real_msgs[i];
	return NULL;
}

static inline void
hex2bin(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		CU_ASSERT_FATAL(sscanf(hex + 2 * i, "%2x", &v) == 1);
		out[i] = (uint8_t)v;
	}
}

#define ASSERT_HEX(p, hex)                                                                         \
	do {                                                                                       \
		uint8_t want_[128];                                                                \
		size_t hexn_ = strlen(hex) / 2;                                                    \
		hex2bin((hex), want_, hexn_);                                                      \
		CU_ASSERT_FATAL((p) != NULL);                                                      \
		AGW_ASSERT_MEM_EQ((p), want_, hexn_);                                              \
	} while (0)

static inline size_t
overhead(uint8_t fmt)
{
	switch (fmt) {
	case AGW_NAS_FMT_TV:
	case AGW_NAS_FMT_LV:
		return 1;
	case AGW_NAS_FMT_LVE:
	case AGW_NAS_FMT_TLV:
		return 2;
	case AGW_NAS_FMT_TLVE:
		return 3;
	default:
		return 0;
	}
}

/* Structural rules of a message table (TS 24.007 11.2). */
static inline int
table_ok(const struct agw_nas_msg_desc *d, unsigned int n_fields)
{
	int in_mand = 1, half = 0, bad = 0;

	bad |= d->n_ies > AGW_NAS_MAX_IES;
	for (unsigned int i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie_desc *e = &d->ies[i];

		bad |= e->field >= n_fields;
		bad |= e->max != 0 && e->max < e->min;
		bad |= e->min < overhead(e->fmt);
		if (e->pres == AGW_NAS_PRES_M) {
			bad |= !in_mand || e->iei != 0;
			bad |= e->fmt != AGW_NAS_FMT_V && e->fmt != AGW_NAS_FMT_VH &&
			       e->fmt != AGW_NAS_FMT_LV && e->fmt != AGW_NAS_FMT_LVE;
			if (e->fmt == AGW_NAS_FMT_VH)
				half ^= 1;
			else
				bad |= half;
		} else {
			in_mand = 0;
			bad |= half;
			bad |= e->fmt != AGW_NAS_FMT_TV1 && e->fmt != AGW_NAS_FMT_TV &&
			       e->fmt != AGW_NAS_FMT_TLV && e->fmt != AGW_NAS_FMT_TLVE;
			if (e->fmt == AGW_NAS_FMT_TV1)
				bad |= (e->iei & 0x8f) != 0x80;
			else
				bad |= (e->iei & 0x80) != 0 || (e->iei & 0xf0) == 0;
			/* the unknown-IE rule must agree with the table */
			bad |= ((e->iei & 0xf0) == 0x70) != (e->fmt == AGW_NAS_FMT_TLVE);
		}
		for (unsigned int j = 0; j < i; j++) {
			const struct agw_nas_ie_desc *o = &d->ies[j];

			bad |= o->field == e->field;
			if (o->pres != AGW_NAS_PRES_M && e->pres != AGW_NAS_PRES_M) {
				uint8_t m = (o->fmt == AGW_NAS_FMT_TV1 || e->fmt == AGW_NAS_FMT_TV1)
						    ? 0xf0
						    : 0xff;

				bad |= (o->iei & m) == (e->iei & m);
			}
		}
	}
	bad |= half;
	if (bad)
		fprintf(stderr, "\n  table %s (%s) breaks a rule\n", d->name, d->ref);
	return !bad;
}

/* Fill every row with a value of a valid length (variant 0: shortest,
 * 1: longer) from @pat. */
static inline void
fill_all(const struct agw_nas_msg_desc *d, struct agw_nas_body *b, const uint8_t *pat, int variant)
{
	agw_nas_body_init(b, d);
	for (unsigned int i = 0; i < d->n_ies; i++) {
		const struct agw_nas_ie_desc *e = &d->ies[i];
		size_t ovh = overhead(e->fmt), lo = e->min - ovh;
		size_t hi = e->max != 0 ? e->max - ovh : lo + 40, len = lo;

		if (variant && e->fmt != AGW_NAS_FMT_V && e->fmt != AGW_NAS_FMT_TV)
			len = lo + 7 <= hi ? lo + 7 : hi;
		if (e->fmt == AGW_NAS_FMT_VH || e->fmt == AGW_NAS_FMT_TV1) {
			if (e->field != 0 /* spare */)
				CU_ASSERT_EQUAL(agw_nas_set_half(b, e->field,
								 (uint8_t)((i * 5 + 3) & 0x0f)),
						0);
			continue;
		}
		CU_ASSERT_EQUAL(agw_nas_set(b, e->field, pat + i, (uint16_t)len), 0);
	}
}

#endif /* NAS_TEST_UTIL_H */
