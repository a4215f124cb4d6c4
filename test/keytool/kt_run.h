/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef KT_RUN_H
#define KT_RUN_H

/**
 * @file
 * Run the anchor-keytool binary from a CUnit test and pick its output
 * apart: exit status, stdout, stderr, `name=hex` fields.
 */

#include <stddef.h>
#include <stdint.h>

/** Largest stdout a test reads (the longest is the help text). */
#define KT_OUT_MAX 16384
/** Largest stderr a test reads. */
#define KT_ERR_MAX 2048

/** One run of the tool. */
struct kt_res {
	int status;             /**< exit status, or -1 when it did not exit */
	char out[KT_OUT_MAX];   /**< stdout, NUL-terminated */
	char err[KT_ERR_MAX];   /**< stderr, NUL-terminated */
};

/**
 * Prepare: remember the binary, create the stderr capture file.
 *
 * @return 0 or -errno.
 */
int kt_run_init(const char *exe);

/** Remove the capture file. */
void kt_run_fini(void);

/**
 * Run the tool with @p argv (NULL-terminated, without the program name);
 * every argument is shell-quoted.
 *
 * @return @c r->status.
 */
int kt_run(struct kt_res *r, const char *const *argv);

/** kt_run() with the arguments inline: KT_RUN(&r, "nia", "--alg", "2", ...). */
#define KT_RUN(r, ...) kt_run((r), (const char *const[]){ __VA_ARGS__, NULL })

/**
 * Decode field @p name ("name=hex" line) of stdout, or the whole single
 * line of stdout when @p name is NULL, into exactly @p len octets.
 *
 * @return 0, -ENOENT (no such line) or -EINVAL (not @p len octets of hex).
 */
int kt_field(const struct kt_res *r, const char *name, uint8_t *out, size_t len);

/**
 * Hex of @p len octets in one of a ring of static buffers (valid for the
 * next 31 calls), for building command lines.
 */
const char *kt_hex(const uint8_t *buf, size_t len);

#endif /* KT_RUN_H */
