/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_STORE_PRIV_H
#define AGW_STORE_PRIV_H

/* Internal to lib/store: shared by store.c and store_codec.c. */

#include <stddef.h>
#include <stdint.h>

#include "agw_store.h"

/** NUL-terminated within @p cap, 1..cap-1 printable non-space characters. @return 0 or -EINVAL. */
int agw_store__id_check(const char *id, size_t cap);

/** Check a record of @p kind (the encoder's check). @return 0 or -EINVAL. */
int agw_store__rec_check(enum agw_store_kind kind, const void *rec);

/**
 * agw_store_decode(), then check that the record's own key (SUPI, A-KID,
 * id) is @p key / @p klen: a record found under another key is corrupt
 * (-EBADMSG, @p rec zeroised).
 */
int agw_store__decode_key(enum agw_store_kind kind, const uint8_t *buf, size_t len, const void *key,
			  size_t klen, void *rec);

#endif /* AGW_STORE_PRIV_H */
