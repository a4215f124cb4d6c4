/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * HTTP/2 load client (nghttp2, h2c prior knowledge): C persistent
 * connections, S requests in flight on each, random subscriber per request;
 * latency from submit to the end of the response; every 64th response body
 * is compared with the K_AF derived on this side.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nghttp2/nghttp2.h>

#include "bench.h"

#define CL_OUT_CAP (256u * 1024u)
#define CHECK_EVERY 64

struct cl_stream {
	struct cl_stream *next_free;
	uint64_t t0;
	uint32_t ue;
	uint16_t status;
	uint8_t check;
	uint16_t blen;
	char body[256];
};

struct client;

struct cl_conn {
	int fd;
	nghttp2_session *h2;
	unsigned int inflight;
	struct client *cl;
	uint8_t out[CL_OUT_CAP];
	size_t out_len;
	size_t out_off;
};

struct client {
	const struct bench_client_conf *c;
	struct bench_result *r;
	struct cl_conn *conn;
	struct cl_stream *free_st;
	uint64_t rng;
	uint64_t t_meas; /* start of the measuring window */
	uint64_t t_end;	 /* end of it */
	int submitting;
	size_t lat_cap;
	char authority[32];
};

static uint32_t
next_ue(struct client *cl)
{
	cl->rng ^= cl->rng << 13;
	cl->rng ^= cl->rng >> 7;
	cl->rng ^= cl->rng << 17;
	return (uint32_t)(cl->rng % cl->c->n_ue);
}

static ssize_t
cl_send(nghttp2_session *h2, const uint8_t *data, size_t len, int flags, void *user)
{
	struct cl_conn *k = user;
	size_t room = CL_OUT_CAP - k->out_len;

	(void)h2;
	(void)flags;
	if (room == 0)
		return NGHTTP2_ERR_WOULDBLOCK;
	if (len > room)
		len = room;
	memcpy(k->out + k->out_len, data, len);
	k->out_len += len;
	return (ssize_t)len;
}

static ssize_t
cl_read_body(nghttp2_session *h2, int32_t id, uint8_t *buf, size_t len, uint32_t *flags,
	     nghttp2_data_source *src, void *user)
{
	struct cl_conn *k = user;
	const struct bench_ue *ue = &k->cl->c->ue[(uintptr_t)src->ptr];

	(void)h2;
	(void)id;
	if (len < ue->body_len)
		return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
	memcpy(buf, ue->body, ue->body_len);
	*flags |= NGHTTP2_DATA_FLAG_EOF;
	return ue->body_len;
}

static int
cl_header(nghttp2_session *h2, const nghttp2_frame *frame, const uint8_t *name, size_t nlen,
	  const uint8_t *value, size_t vlen, uint8_t flags, void *user)
{
	struct cl_stream *st = nghttp2_session_get_stream_user_data(h2, frame->hd.stream_id);

	(void)flags;
	(void)user;
	if (st != NULL && nlen == 7 && memcmp(name, ":status", 7) == 0 && vlen == 3)
		st->status = (uint16_t)((value[0] - '0') * 100 + (value[1] - '0') * 10 +
					(value[2] - '0'));
	return 0;
}

static int
cl_data(nghttp2_session *h2, uint8_t flags, int32_t id, const uint8_t *data, size_t len, void *user)
{
	struct cl_stream *st = nghttp2_session_get_stream_user_data(h2, id);

	(void)flags;
	(void)user;
	if (st != NULL && st->check && st->blen + len < sizeof(st->body)) {
		memcpy(st->body + st->blen, data, len);
		st->blen += (uint16_t)len;
	}
	return 0;
}

static void
record(struct client *cl, struct cl_stream *st, uint64_t now)
{
	struct bench_result *r = cl->r;

	if (st->status == 200)
		r->ok++;
	else
		r->other++;
	if (st->check && st->status == 200) {
		st->body[st->blen] = '\0';
		r->checked++;
		if (strstr(st->body, cl->c->ue[st->ue].kaf_hex) == NULL)
			r->mismatch++;
	}
	if (st->t0 >= cl->t_meas && now <= cl->t_end) {
		r->measured++;
		if (r->n_lat < cl->lat_cap)
			r->lat_ns[r->n_lat++] =
				(uint32_t)(now - st->t0 > UINT32_MAX ? UINT32_MAX : now - st->t0);
	}
}

static int
cl_close(nghttp2_session *h2, int32_t id, uint32_t err, void *user)
{
	struct cl_conn *k = user;
	struct cl_stream *st = nghttp2_session_get_stream_user_data(h2, id);

	if (st == NULL)
		return 0;
	if (err != NGHTTP2_NO_ERROR)
		k->cl->r->errors++;
	record(k->cl, st, bench_now_ns());
	k->inflight--;
	st->next_free = k->cl->free_st;
	k->cl->free_st = st;
	return 0;
}

static int
submit(struct cl_conn *k)
{
	struct client *cl = k->cl;
	struct cl_stream *st = cl->free_st;
	uint32_t ue = next_ue(cl);
	nghttp2_data_provider prd = {.source.ptr = (void *)(uintptr_t)ue,
				     .read_callback = cl_read_body};
	const uint8_t f = NGHTTP2_NV_FLAG_NO_COPY_NAME | NGHTTP2_NV_FLAG_NO_COPY_VALUE;
#define NV_(n, v) {(uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, strlen(v), f}
	nghttp2_nv nv[] = {
		NV_(":method", "POST"),
		NV_(":scheme", "http"),
		NV_(":authority", cl->authority),
		NV_(":path", "/naanf-akma/v1/retrieve-applicationkey"),
		NV_("content-type", "application/json"),
	};
#undef NV_
	int32_t id;

	if (st != NULL)
		cl->free_st = st->next_free;
	else if ((st = malloc(sizeof(*st))) == NULL)
		return -1;
	memset(st, 0, offsetof(struct cl_stream, body));
	st->ue = ue;
	st->check = cl->r->sent % CHECK_EVERY == 0;
	st->t0 = bench_now_ns();
	id = nghttp2_submit_request(k->h2, NULL, nv, 5, &prd, st);
	if (id < 0) {
		st->next_free = cl->free_st;
		cl->free_st = st;
		return -1;
	}
	k->inflight++;
	cl->r->sent++;
	return 0;
}

/* Write out what is queued; 0, or -1 on error. */
static int
cl_flush(struct cl_conn *k)
{
	for (;;) {
		while (k->out_off < k->out_len) {
			ssize_t n = send(k->fd, k->out + k->out_off, k->out_len - k->out_off,
					 MSG_NOSIGNAL);

			if (n < 0)
				return errno == EAGAIN ? 0 : -1;
			k->out_off += (size_t)n;
		}
		k->out_len = k->out_off = 0;
		if (nghttp2_session_send(k->h2) != 0)
			return -1;
		if (k->out_len == 0)
			return 0;
	}
}

static int
cl_connect(struct client *cl, struct cl_conn *k, nghttp2_session_callbacks *cb)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(cl->c->port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	nghttp2_settings_entry iv[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 1024}};
	int one = 1;

	k->cl = cl;
	k->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (k->fd < 0 || connect(k->fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		return -1;
	setsockopt(k->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (nghttp2_session_client_new(&k->h2, cb, k) != 0 ||
	    nghttp2_submit_settings(k->h2, NGHTTP2_FLAG_NONE, iv, 1) != 0)
		return -1;
	/* Non-blocking only after connect. */
	return fcntl_nonblock(k->fd);
}

static int
conn_read(struct client *cl, struct cl_conn *k)
{
	static uint8_t buf[65536];

	for (;;) {
		ssize_t n = recv(k->fd, buf, sizeof(buf), 0);

		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		if (nghttp2_session_mem_recv(k->h2, buf, (size_t)n) < 0) {
			cl->r->errors++;
			return -1;
		}
	}
}

static void
top_up(struct client *cl, struct cl_conn *k)
{
	while (cl->submitting && k->inflight < cl->c->streams && submit(k) == 0)
		;
}

static int
run_loop(struct client *cl, int ep)
{
	struct epoll_event ev[64];
	unsigned int live = cl->c->conns, i;
	uint64_t t0 = bench_now_ns(), now;

	cl->t_meas = t0 + (uint64_t)(cl->c->warmup * 1e9);
	cl->t_end = cl->t_meas + (uint64_t)(cl->c->seconds * 1e9);
	for (i = 0; i < cl->c->conns; i++) {
		top_up(cl, &cl->conn[i]);
		if (cl_flush(&cl->conn[i]) != 0)
			return -1;
	}
	while (live > 0) {
		int n = epoll_wait(ep, ev, 64, 100);

		now = bench_now_ns();
		if (now >= cl->t_end)
			cl->submitting = 0;
		for (int j = 0; j < n; j++) {
			struct cl_conn *k = ev[j].data.ptr;

			if (conn_read(cl, k) != 0) {
				cl->r->errors++;
				epoll_ctl(ep, EPOLL_CTL_DEL, k->fd, NULL);
				live--;
				continue;
			}
			top_up(cl, k);
			if (cl_flush(k) != 0)
				cl->r->errors++;
		}
		if (!cl->submitting) {
			unsigned int busy = 0;

			for (i = 0; i < cl->c->conns; i++)
				busy += cl->conn[i].inflight;
			if (busy == 0 || now > cl->t_end + 2000000000ull)
				break;
		}
	}
	cl->r->elapsed = (double)(cl->t_end - cl->t_meas) / 1e9;
	return 0;
}

int
bench_client_run(const struct bench_client_conf *c, struct bench_result *r)
{
	struct client cl = {.c = c, .r = r, .rng = 0x2545f4914f6cdd1dull, .submitting = 1};
	nghttp2_session_callbacks *cb;
	int ep = epoll_create1(0), rc = -1;

	memset(r, 0, sizeof(*r));
	cl.lat_cap = (size_t)((c->seconds + 1) * 2e6);
	r->lat_ns = malloc(cl.lat_cap * sizeof(*r->lat_ns));
	cl.conn = calloc(c->conns, sizeof(*cl.conn));
	snprintf(cl.authority, sizeof(cl.authority), "127.0.0.1:%u", c->port);
	if (ep < 0 || r->lat_ns == NULL || cl.conn == NULL || nghttp2_session_callbacks_new(&cb))
		return -1;
	nghttp2_session_callbacks_set_send_callback(cb, cl_send);
	nghttp2_session_callbacks_set_on_header_callback(cb, cl_header);
	nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, cl_data);
	nghttp2_session_callbacks_set_on_stream_close_callback(cb, cl_close);
	if (c->cpu >= 0)
		bench_pin(c->cpu);
	for (unsigned int i = 0; i < c->conns; i++) {
		struct epoll_event e = {.events = EPOLLIN, .data.ptr = &cl.conn[i]};

		if (cl_connect(&cl, &cl.conn[i], cb) != 0 ||
		    epoll_ctl(ep, EPOLL_CTL_ADD, cl.conn[i].fd, &e) != 0)
			goto out;
	}
	rc = run_loop(&cl, ep);
out:
	for (unsigned int i = 0; i < c->conns; i++) {
		nghttp2_session_del(cl.conn[i].h2);
		if (cl.conn[i].fd > 0)
			close(cl.conn[i].fd);
	}
	while (cl.free_st != NULL) {
		struct cl_stream *st = cl.free_st;

		cl.free_st = st->next_free;
		free(st);
	}
	nghttp2_session_callbacks_del(cb);
	free(cl.conn);
	close(ep);
	return rc;
}
