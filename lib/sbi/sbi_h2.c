/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * HTTP/2 framing through nghttp2: request streams (headers, body up to
 * max_body), dispatch when the request ends, responses. Output frames are
 * collected in the connection's buffer by the send callbacks and written
 * by sbi_server.c in one write() per batch; DATA payloads are copied
 * straight from the stream's response buffer (NGHTTP2_DATA_FLAG_NO_COPY),
 * so nghttp2 never holds key material.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agw_util.h"
#include "sbi_priv.h"

/* Output buffer: grows from 16 KiB up to 1 MiB, then the session waits. */
#define OUT_MIN (16u * 1024u)
#define OUT_MAX (1024u * 1024u)

/* Free streams kept for reuse; more are given back to malloc. */
#define FREE_STREAMS_KEEP 1024u

static struct sbi_stream *
stream_alloc(struct agw_sbi *s)
{
	struct sbi_stream *st = s->free_streams;

	if (s->n_open_streams >= s->conf.max_open_streams)
		return NULL;
	if (st != NULL) {
		s->free_streams = st->next_free;
		s->n_free_streams--;
	} else {
		st = calloc(1, sizeof(*st));
	}
	if (st != NULL) {
		st->next_free = NULL;
		st->body = st->body_inline;
		s->n_open_streams++;
	}
	return st;
}

void
sbi_stream_free(struct agw_sbi *s, struct sbi_stream *st)
{
	if (st->body != st->body_inline) {
		agw_memzero(st->body, st->body_len);
		free(st->body);
	}
	/* The request body may hold K_AKMA, the response K_AF or K_AKMA. */
	agw_memzero(st, sizeof(*st));
	s->n_open_streams--;
	if (s->n_free_streams >= FREE_STREAMS_KEEP) {
		free(st);
		return;
	}
	st->next_free = s->free_streams;
	s->free_streams = st;
	s->n_free_streams++;
}

/* Room for @p need more octets in the output buffer (grown up to OUT_MAX). */
static int
out_room(struct sbi_conn *c, size_t need)
{
	size_t cap;
	uint8_t *p;

	if (c->out_cap - c->out_len >= need)
		return 1;
	cap = c->out_cap ? c->out_cap : OUT_MIN;
	while (cap - c->out_len < need && cap < OUT_MAX)
		cap *= 2;
	if (cap - c->out_len < need)
		return 0;
	p = malloc(cap);
	if (p == NULL)
		return 0;
	if (c->out != NULL) {
		memcpy(p, c->out, c->out_len);
		agw_memzero(c->out, c->out_cap);
		free(c->out);
	}
	c->out = p;
	c->out_cap = cap;
	return 1;
}

static ssize_t
on_send(nghttp2_session *h2, const uint8_t *data, size_t len, int flags, void *user)
{
	struct sbi_conn *c = user;

	(void)h2;
	(void)flags;
	if (!out_room(c, len)) {
		size_t room = c->out_cap - c->out_len;

		if (room == 0)
			return NGHTTP2_ERR_WOULDBLOCK;
		len = room;
	}
	memcpy(c->out + c->out_len, data, len);
	c->out_len += len;
	return (ssize_t)len;
}

static int
on_send_data(nghttp2_session *h2, nghttp2_frame *frame, const uint8_t *framehd, size_t len,
	     nghttp2_data_source *src, void *user)
{
	struct sbi_conn *c = user;
	struct sbi_stream *st = src->ptr;

	(void)h2;
	if (frame->data.padlen != 0)
		return NGHTTP2_ERR_CALLBACK_FAILURE; /* never asked for */
	if (!out_room(c, 9 + len))
		return NGHTTP2_ERR_WOULDBLOCK;
	memcpy(c->out + c->out_len, framehd, 9);
	memcpy(c->out + c->out_len + 9, st->resp.body + st->resp.body_off, len);
	c->out_len += 9 + len;
	st->resp.body_off += len;
	return 0;
}

/* Body reader: lengths only, the octets go through on_send_data(). */
static ssize_t
on_read_body(nghttp2_session *h2, int32_t id, uint8_t *buf, size_t len, uint32_t *flags,
	     nghttp2_data_source *src, void *user)
{
	struct sbi_stream *st = src->ptr;
	size_t left = st->resp.body_len - st->resp.body_off;

	(void)h2;
	(void)id;
	(void)buf;
	(void)user;
	if (len > left)
		len = left;
	*flags |= NGHTTP2_DATA_FLAG_NO_COPY;
	if (len == left)
		*flags |= NGHTTP2_DATA_FLAG_EOF;
	return (ssize_t)len;
}

static int
on_begin_headers(nghttp2_session *h2, const nghttp2_frame *frame, void *user)
{
	struct sbi_conn *c = user;
	struct sbi_stream *st;

	if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
		return 0;
	st = stream_alloc(c->s);
	if (st == NULL) {
		c->s->stats[AGW_SBI_STAT_STREAM_ALLOC_FAILED]++;
		return nghttp2_submit_rst_stream(h2, NGHTTP2_FLAG_NONE, frame->hd.stream_id,
						 NGHTTP2_REFUSED_STREAM) == 0
			       ? 0
			       : NGHTTP2_ERR_CALLBACK_FAILURE;
	}
	st->id = frame->hd.stream_id;
	nghttp2_session_set_stream_user_data(h2, st->id, st);
	return 0;
}

/* "application/json", any case, optional parameters (RFC 9110 8.3.1). */
static int
ctype_is_json(const uint8_t *v, size_t n)
{
	static const char want[] = "application/json";
	size_t k = sizeof(want) - 1;

	if (n < k || strncasecmp((const char *)v, want, k) != 0)
		return 0;
	return n == k || v[k] == ';' || v[k] == ' ' || v[k] == '\t';
}

static int
on_header(nghttp2_session *h2, const nghttp2_frame *frame, const uint8_t *name, size_t nlen,
	  const uint8_t *value, size_t vlen, uint8_t flags, void *user)
{
	struct sbi_stream *st = nghttp2_session_get_stream_user_data(h2, frame->hd.stream_id);
	struct sbi_conn *c = user;

	(void)flags;
	if (st == NULL || frame->hd.type != NGHTTP2_HEADERS)
		return 0;
	if (nlen == 7 && memcmp(name, ":method", 7) == 0) {
		st->method = vlen == 4 && memcmp(value, "POST", 4) == 0 ? SBI_M_POST : SBI_M_OTHER;
	} else if (nlen == 5 && memcmp(name, ":path", 5) == 0) {
		if (vlen >= sizeof(st->path)) {
			st->path_too_long = 1;
		} else {
			memcpy(st->path, value, vlen);
			st->path[vlen] = '\0';
		}
	} else if (nlen == 12 && memcmp(name, "content-type", 12) == 0) {
		st->has_ctype = 1;
		st->ctype_json = (uint8_t)ctype_is_json(value, vlen);
	} else if (nlen == 14 && memcmp(name, "content-length", 14) == 0) {
		/* nghttp2 checked the syntax; refuse early what cannot fit. */
		if (vlen > 9 || strtoul((const char *)value, NULL, 10) > c->s->conf.max_body)
			st->too_large = 1;
	}
	return 0;
}

static int
on_data_chunk(nghttp2_session *h2, uint8_t flags, int32_t id, const uint8_t *data, size_t len,
	      void *user)
{
	struct sbi_stream *st = nghttp2_session_get_stream_user_data(h2, id);
	struct sbi_conn *c = user;
	size_t max = c->s->conf.max_body;

	(void)flags;
	if (st == NULL || st->too_large)
		return 0;
	if (st->body_len + len > max) {
		st->too_large = 1; /* the rest is read and dropped */
		return 0;
	}
	if (st->body == st->body_inline && st->body_len + len > sizeof(st->body_inline)) {
		uint8_t *b = malloc(max);

		if (b == NULL) {
			st->too_large = 1;
			return 0;
		}
		memcpy(b, st->body_inline, st->body_len);
		agw_memzero(st->body_inline, st->body_len);
		st->body = b;
	}
	memcpy(st->body + st->body_len, data, len);
	st->body_len += len;
	return 0;
}

static int
on_frame_recv(nghttp2_session *h2, const nghttp2_frame *frame, void *user)
{
	struct sbi_conn *c = user;
	struct sbi_stream *st;

	if ((frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) ||
	    !(frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
		return 0;
	st = nghttp2_session_get_stream_user_data(h2, frame->hd.stream_id);
	if (st == NULL || st->dispatched)
		return 0;
	st->dispatched = 1;
	c->s->stats[AGW_SBI_STAT_REQUESTS]++;
	sbi_naanf_dispatch(c->lst, st);
	sbi_respond(c, st);
	return 0;
}

static int
on_stream_close(nghttp2_session *h2, int32_t id, uint32_t err, void *user)
{
	struct sbi_stream *st = nghttp2_session_get_stream_user_data(h2, id);
	struct sbi_conn *c = user;

	(void)err;
	if (st != NULL) {
		nghttp2_session_set_stream_user_data(h2, id, NULL);
		sbi_stream_free(c->s, st);
	}
	return 0;
}

/* A GOAWAY with an error that nghttp2 sent on its own: a protocol error. */
static int
on_frame_send(nghttp2_session *h2, const nghttp2_frame *frame, void *user)
{
	struct sbi_conn *c = user;

	(void)h2;
	if (frame->hd.type == NGHTTP2_GOAWAY && frame->goaway.error_code != NGHTTP2_NO_ERROR &&
	    !c->closing) {
		c->closing = 1;
		c->s->stats[AGW_SBI_STAT_H2_ERRORS]++;
	}
	return 0;
}

int
sbi_h2_callbacks(nghttp2_session_callbacks **out)
{
	nghttp2_session_callbacks *cb;

	if (nghttp2_session_callbacks_new(&cb) != 0)
		return -ENOMEM;
	nghttp2_session_callbacks_set_send_callback(cb, on_send);
	nghttp2_session_callbacks_set_send_data_callback(cb, on_send_data);
	nghttp2_session_callbacks_set_on_begin_headers_callback(cb, on_begin_headers);
	nghttp2_session_callbacks_set_on_header_callback(cb, on_header);
	nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, on_data_chunk);
	nghttp2_session_callbacks_set_on_frame_recv_callback(cb, on_frame_recv);
	nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_stream_close);
	nghttp2_session_callbacks_set_on_frame_send_callback(cb, on_frame_send);
	*out = cb;
	return 0;
}

int
sbi_conn_h2_start(struct sbi_conn *c)
{
	nghttp2_settings_entry iv[] = {
		{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, c->s->conf.max_streams},
		{NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, 16384},
	};

	if (nghttp2_session_server_new(&c->h2, c->s->cbs, c) != 0)
		return -ENOMEM;
	if (nghttp2_submit_settings(c->h2, NGHTTP2_FLAG_NONE, iv, 2) != 0)
		return -ENOMEM;
	return 0;
}

void
sbi_respond(struct sbi_conn *c, struct sbi_stream *st)
{
	struct sbi_resp *rs = &st->resp;
	char status[8], clen[24];
	nghttp2_nv nv[5];
	size_t n = 0;
	nghttp2_data_provider prd = {.source.ptr = st, .read_callback = on_read_body};

#define NV_(k, v)                                                                                  \
	nv[n++] = (nghttp2_nv){(uint8_t *)(k), (uint8_t *)(v), sizeof(k) - 1, strlen(v),           \
			       NGHTTP2_NV_FLAG_NONE}
	snprintf(status, sizeof(status), "%u", rs->status);
	snprintf(clen, sizeof(clen), "%zu", rs->body_len);
	NV_(":status", status);
	if (rs->ctype != NULL) {
		NV_("content-type", rs->ctype);
		NV_("content-length", clen);
	}
	if (rs->location[0] != '\0')
		NV_("location", rs->location);
	if (rs->allow_post)
		NV_("allow", "POST");
#undef NV_
	c->s->results[rs->result]++;
	if (nghttp2_submit_response(c->h2, st->id, nv, n, rs->body_len ? &prd : NULL) != 0)
		nghttp2_submit_rst_stream(c->h2, NGHTTP2_FLAG_NONE, st->id, NGHTTP2_INTERNAL_ERROR);
}
