/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef KT_KEYTOOL_H
#define KT_KEYTOOL_H

/**
 * @file
 * anchor-keytool internals: the command table entry every cmd_*.c file
 * exports, and the output helpers all commands print through.
 *
 * Output format: a command with one result prints just its value; one with
 * several prints one `name=value` line each. Octet strings are lower-case
 * hex. Key material is printed only as a command's own result, and every
 * buffer that held it is zeroised before the command returns.
 */

#include <stddef.h>
#include <stdint.h>

#include "args.h"

/** One command (or one `derive` sub-command). Tables end with a NULL name. */
struct kt_cmd {
	const char *name;          /**< command word */
	const char *summary;       /**< one-line description */
	const char *notes;         /**< extra help lines, or NULL */
	const struct kt_opt *opts; /**< options, ended by a NULL name */
	/** Run with parsed options: 0, -EINVAL (bad input, exit 2) or another
	 *  negative errno (library failure, exit 1). */
	int (*run)(const struct kt_args *a);
	/** Sub-command tables, NULL-terminated (then @c run is NULL). */
	const struct kt_cmd *const *sub;
};

/** Commands of cmd_sec.c: nia, nea. */
extern const struct kt_cmd kt_sec_cmds[];
/** Commands of cmd_kdf.c: kdf. */
extern const struct kt_cmd kt_kdf_cmds[];
/** Commands of cmd_derive.c: derive (its sub-commands are in derive.h). */
extern const struct kt_cmd kt_derive_cmds[];
/** Commands of cmd_milenage.c: milenage, av5g, auts, resync. */
extern const struct kt_cmd kt_milenage_cmds[];
/** Commands of cmd_demo.c: demo. */
extern const struct kt_cmd kt_demo_cmds[];
/** Commands of cmd_suci.c: suci (conceal, deconceal). */
extern const struct kt_cmd kt_suci_cmds[];

/**
 * Print octets as lower-case hex: "name=hex\n", or "hex\n" when @p name is
 * NULL. Encodes in small chunks and zeroises them, so any length works.
 */
void kt_out_hex(const char *name, const uint8_t *buf, size_t len);

/** Print "name=text\n", or "text\n" when @p name is NULL. */
void kt_out_text(const char *name, const char *text);

/**
 * Turn a library return code into the tool's: 0 stays 0; -EINVAL prints
 * "<fn> rejected the input" and stays -EINVAL (exit 2); anything else
 * prints the error and is returned as is (exit 1).
 */
int kt_lib(const struct kt_args *a, const char *fn, int rc);

#endif /* KT_KEYTOOL_H */
