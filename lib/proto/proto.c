/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include "agw_proto.h"

const char *
agw_proto_strerror(int rc)
{
	switch (rc) {
	case AGW_PROTO_OK:
		return "ok";
#define AGW_PROTO_STR_(n, s)                                                                       \
	case AGW_PROTO_E_##n:                                                                      \
		return s;
		AGW_PROTO_RESULTS(AGW_PROTO_STR_)
#undef AGW_PROTO_STR_
	default:
		return "unknown-error";
	}
}
