/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Response bodies: ProblemDetails (RFC 7807, TS 29.571: status, cause,
 * title, detail) and a small JSON writer for the success bodies. Bodies
 * are written here rather than through jansson so that key material (K_AF,
 * K_AKMA hex) only ever lands in the stream's own buffer, which is
 * zeroised when the stream ends.
 */
#include <stdio.h>
#include <string.h>

#include "sbi_priv.h"

#define ROW_(id, status, cause, name) {status, cause, name},
static const struct {
	uint16_t status;
	const char *cause;
	const char *name;
} results[] = {AGW_SBI_RESULTS(ROW_)};
#undef ROW_

uint16_t
sbi_result_status(enum agw_sbi_result r)
{
	return results[r].status;
}

const char *
agw_sbi_result_name(unsigned int r)
{
	return r < AGW_SBI_R_MAX ? results[r].name : NULL;
}

static const char *
title_of(uint16_t status)
{
	switch (status) {
	case 307:
		return "Temporary Redirect";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	default:
		return "Internal Server Error";
	}
}

int
sbi_json_raw(struct sbi_resp *rs, const char *s)
{
	size_t n = strlen(s);

	if (rs->body_len + n > sizeof(rs->body))
		return -1;
	memcpy(rs->body + rs->body_len, s, n);
	rs->body_len += n;
	return 0;
}

/* A JSON string (RFC 8259 7): quotes, backslash and controls escaped. */
int
sbi_json_str(struct sbi_resp *rs, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *o = rs->body + rs->body_len, *end = rs->body + sizeof(rs->body);

	if (o >= end)
		return -1;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (end - o < 7)
			return -1;
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c < 0x20) {
			memcpy(o, "\\u00", 4);
			o[4] = hex[c >> 4];
			o[5] = hex[c & 15];
			o += 6;
		} else {
			*o++ = (char)c;
		}
	}
	if (o >= end)
		return -1;
	*o++ = '"';
	rs->body_len = (size_t)(o - rs->body);
	return 0;
}

/* Octets as a JSON string of lower-case hex. */
int
sbi_json_hex(struct sbi_resp *rs, const uint8_t *b, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *o = rs->body + rs->body_len;

	if (rs->body_len + 2 * n + 2 > sizeof(rs->body))
		return -1;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o++ = '"';
	rs->body_len += 2 * n + 2;
	return 0;
}

void
sbi_problem(struct sbi_resp *rs, enum agw_sbi_result r, const char *detail)
{
	char head[96];

	rs->status = results[r].status;
	rs->result = (uint8_t)r;
	rs->ctype = "application/problem+json";
	rs->body_len = 0;
	snprintf(head, sizeof(head), "{\"status\":%u,\"cause\":", rs->status);
	sbi_json_raw(rs, head);
	sbi_json_str(rs, results[r].cause, strlen(results[r].cause));
	sbi_json_raw(rs, ",\"title\":");
	sbi_json_str(rs, title_of(rs->status), strlen(title_of(rs->status)));
	if (detail != NULL) {
		sbi_json_raw(rs, ",\"detail\":");
		sbi_json_str(rs, detail, strlen(detail));
	}
	sbi_json_raw(rs, "}");
}

void
sbi_no_content(struct sbi_resp *rs, enum agw_sbi_result r)
{
	rs->status = results[r].status;
	rs->result = (uint8_t)r;
	rs->ctype = NULL;
	rs->body_len = 0;
}
