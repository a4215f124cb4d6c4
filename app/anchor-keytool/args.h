/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef KT_ARGS_H
#define KT_ARGS_H

/**
 * @file
 * anchor-keytool option parser: a command takes only `--name value` pairs,
 * described by a table of struct kt_opt. Parsing checks that every option
 * is known, has a value, is given once (unless KT_OPT_MULTI) and that every
 * KT_OPT_REQ option is present; the typed getters then decode one value
 * each (hex of an exact or bounded length, range-checked integers, text).
 *
 * Every error prints one line to stderr naming the command and the option
 * and returns -EINVAL, which the caller turns into exit status 2.
 */

#include <stddef.h>
#include <stdint.h>

/** Exit status: success. */
#define KT_EXIT_OK 0
/** Exit status: the library failed on valid input. */
#define KT_EXIT_FAIL 1
/** Exit status: bad command line. */
#define KT_EXIT_USAGE 2

/** Option flags. */
#define KT_OPT_REQ 0x1   /**< must be given */
#define KT_OPT_MULTI 0x2 /**< may be given more than once */

/** Most `--name value` pairs one command line may carry. */
#define KT_MAX_ARGS 64

/** One option a command accepts; tables end with a zeroed entry. */
struct kt_opt {
	const char *name;   /**< without the leading "--" */
	const char *meta;   /**< value placeholder for help, e.g. "HEX16" */
	const char *help;   /**< one-line description */
	unsigned int flags; /**< KT_OPT_* */
};

/** Parsed command line of one command. */
struct kt_args {
	const char *cmd;            /**< command name for messages */
	const struct kt_opt *opts;  /**< the command's option table */
	unsigned int n;             /**< number of pairs */
	const struct kt_opt *opt[KT_MAX_ARGS];
	const char *val[KT_MAX_ARGS];
};

/**
 * Parse `--name value` pairs.
 *
 * @param[out] a    parsed arguments (points into @p argv).
 * @param[in] cmd   command name used in messages ("derive kamf").
 * @param[in] opts  option table, ended by an entry with a NULL name.
 * @return 0 or -EINVAL (message printed).
 */
int kt_args_parse(struct kt_args *a, const char *cmd, const struct kt_opt *opts, int argc,
		  char **argv);

/**
 * Print "anchor-keytool: <cmd>: --<opt>: <message>" (or without the option
 * part when @p opt is NULL) to stderr.
 *
 * @return -EINVAL.
 */
int kt_err(const struct kt_args *a, const char *opt, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Value of the @p idx-th occurrence of option @p name, or NULL. */
const char *kt_get(const struct kt_args *a, const char *name, unsigned int idx);

/** Number of times option @p name was given. */
unsigned int kt_count(const struct kt_args *a, const char *name);

/**
 * Decode option @p name as exactly @p len octets of hex.
 *
 * @return 0 or -EINVAL (absent, odd length, bad digit, wrong length).
 */
int kt_hex(const struct kt_args *a, const char *name, uint8_t *out, size_t len);

/**
 * Decode the @p idx-th value of option @p name as @p min..@p max octets of
 * hex into @p out (capacity at least @p max).
 *
 * @return number of octets or -EINVAL.
 */
long kt_hexv(const struct kt_args *a, const char *name, unsigned int idx, uint8_t *out,
	     size_t min, size_t max);

/**
 * Length in octets the @p idx-th value of option @p name will decode to
 * (half its hex digits, without "0x"), for sizing a buffer.
 */
size_t kt_hex_len(const struct kt_args *a, const char *name, unsigned int idx);

/**
 * Decode option @p name as a decimal integer in [@p min, @p max].
 *
 * @return 0 or -EINVAL.
 */
int kt_uint(const struct kt_args *a, const char *name, uint32_t min, uint32_t max,
	    uint32_t *out);

/**
 * Decode option @p name as 1 to @p digits hex digits (optional "0x"), for
 * COUNT (8 digits), FC (2), Relay Service Code (6).
 *
 * @return 0 or -EINVAL.
 */
int kt_xuint(const struct kt_args *a, const char *name, unsigned int digits, uint32_t *out);

/**
 * Get option @p name as text of @p min..@p max characters.
 *
 * @return 0 or -EINVAL.
 */
int kt_text(const struct kt_args *a, const char *name, size_t min, size_t max,
	    const char **out);

/**
 * Map option @p name to the index of its value in the NULL-terminated
 * list @p words (e.g. "idle", "ho").
 *
 * @return index or -EINVAL.
 */
int kt_word(const struct kt_args *a, const char *name, const char *const *words);

#endif /* KT_ARGS_H */
