/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AS_SUBSCRIBER_H
#define AS_SUBSCRIBER_H

/* anchor-subscriber: shared declarations of the commands. */

#include "agw_store.h"

#define PROG "anchor-subscriber"

/* Exit codes. */
#define AS_EX_OK 0
#define AS_EX_STORE 1 /* store or file error */
#define AS_EX_USAGE 2 /* bad input: option, value or CSV line */

/** Print "anchor-subscriber: <msg>" on stderr. */
void as_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** import --csv PATH: all lines or none, in one transaction. @return exit code. */
int as_import(struct agw_store *s, const char *path);

/** export --csv PATH (mode 0600, with keys). @return exit code. */
int as_export(struct agw_store *s, const char *path);

/** CSV columns, in the order export writes them. */
extern const char *const as_csv_columns[];

#endif /* AS_SUBSCRIBER_H */
