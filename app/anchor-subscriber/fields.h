/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AS_FIELDS_H
#define AS_FIELDS_H

/*
 * anchor-subscriber: subscriber fields as text, shared by the command-line
 * options of `add` and the columns of `import` / `export`.
 *
 *   supi      imsi-<5..15 digits> | nai-<...>
 *   k         32 hex digits
 *   opc | op  32 hex digits (OPc is computed from OP and K)
 *   sqn       up to 12 hex digits (the highest SQN used so far; default 0)
 *   amf       4 hex digits (default 8000)
 *   nia, nea  allowed algorithm numbers, e.g. 123 (default NIA 123, NEA 0123)
 *   ind_bits  IND length, 0..16 (default 5)
 *   akma, prose   0 | 1 (options: present = 1)
 *   rid       routing indicator, 1..4 digits (default 0)
 *   mm_ssi, sm_ssi  security service identifiers, RULE[;RULE...]
 *     RULE    [SCOPE=]ENTRY[+ENTRY...]   (',' also separates entries on
 *             the command line) | [SCOPE=]none
 *     SCOPE   [SST[-SD]][@DNN]   SST decimal, SD 6 hex digits, DNN (SM only)
 *     ENTRY   PROC[:ue|:nf][:m] | ordered | one-by-one
 *     PROC    dh | devauth | userauth | secauth | indepsm | 0xF0..0xFF
 *             (:ue / :nf the initiator, else the procedure's default;
 *              :m mandatory)
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_store.h"

/** A subscriber being read from options or a CSV line. */
struct as_sub_in {
	struct agw_store_sub sub;
	uint8_t op[16];	   /* OP, if given (secret) */
	unsigned int have; /* AS_HAVE_* */
};

#define AS_HAVE_SUPI 0x01
#define AS_HAVE_K 0x02
#define AS_HAVE_OPC 0x04
#define AS_HAVE_OP 0x08

/** Start a subscriber with the defaults. */
void as_sub_in_init(struct as_sub_in *in);

/** Zeroise. */
void as_sub_in_clear(struct as_sub_in *in);

/**
 * Set field @p name (see above) from @p val. An empty @p val leaves the
 * default.
 *
 * @return 0; -ENOENT (unknown field name); -EINVAL with @p why set.
 */
int as_field_set(struct as_sub_in *in, const char *name, const char *val, char *why,
		 size_t why_len);

/**
 * Check that SUPI, K and exactly one of OPc / OP are given, compute OPc from
 * OP, and run agw_store_sub_check().
 *
 * @return 0 or -EINVAL with @p why set.
 */
int as_sub_in_finish(struct as_sub_in *in, char *why, size_t why_len);

/** Format the rules of one domain ("" if none) into @p out. */
void as_fmt_ssi(const struct agw_store_sub *sub, uint8_t domain, char *out, size_t cap);

/** Format an algorithm mask as digits ("0123"). */
void as_fmt_algs(uint8_t mask, char *out, size_t cap);

#endif /* AS_FIELDS_H */
