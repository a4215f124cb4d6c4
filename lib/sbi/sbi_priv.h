/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef SBI_PRIV_H
#define SBI_PRIV_H

/*
 * lib/sbi internals: listeners, connections, HTTP/2 streams and the
 * response a handler fills.
 */

#include <stddef.h>
#include <stdint.h>

#include <nghttp2/nghttp2.h>

#include "agw_sbi.h"

#define SBI_PATH_MAX 256
#define SBI_BODY_INLINE 1024
#define SBI_RESP_MAX 2048
#define SBI_LOCATION_MAX 320

enum sbi_method { SBI_M_OTHER = 0, SBI_M_POST };

/* What a handler answers; rendered into HEADERS + DATA by sbi_h2.c. */
struct sbi_resp {
	uint16_t status;
	uint8_t result;	    /* enum agw_sbi_result */
	uint8_t allow_post; /* 405: "allow: POST" */
	const char *ctype;  /* NULL: no body */
	char location[SBI_LOCATION_MAX];
	char body[SBI_RESP_MAX];
	size_t body_len;
	size_t body_off; /* sent so far */
};

/* One request stream. */
struct sbi_stream {
	struct sbi_stream *next_free;
	int32_t id;
	uint8_t method;
	uint8_t has_ctype;
	uint8_t ctype_json;
	uint8_t too_large;
	uint8_t path_too_long;
	uint8_t dispatched;
	char path[SBI_PATH_MAX];
	size_t body_len;
	uint8_t *body; /* body_inline, or heap up to max_body */
	uint8_t body_inline[SBI_BODY_INLINE];
	struct sbi_resp resp;
};

struct agw_sbi;

struct sbi_listener {
	int fd;
	struct agw_sbi *s;
	struct agw_akma_aanf *aanf;
};

struct ssl_st;
struct ssl_ctx_st;
struct bio_method_st;

struct sbi_conn {
	struct sbi_conn *prev, *next; /* every open connection */
	int fd;
	struct ssl_st *ssl;	/* TLS, or NULL (h2c) */
	uint8_t tls_ready;	/* handshake done, ALPN h2 */
	uint8_t tls_want_write; /* OpenSSL waits for the socket to be writable */
	struct agw_sbi *s;
	struct sbi_listener *lst;
	nghttp2_session *h2;
	uint8_t *out; /* frames waiting for write() */
	size_t out_len;
	size_t out_off;
	size_t out_cap;
	uint8_t want_out; /* EPOLLOUT armed */
	uint8_t closing;
};

#define SBI_LISTENERS_MAX 32

/* The last K_AF expiry formatted (responses of one second share it). */
struct sbi_time_cache {
	uint64_t t;
	char s[32];
};

struct agw_sbi {
	int ep;
	struct agw_sbi_conf conf;
	struct ssl_ctx_st *tls;	       /* server context, or NULL (h2c) */
	struct bio_method_st *tls_bio; /* socket BIO sending with MSG_NOSIGNAL */
	struct sbi_listener lst[SBI_LISTENERS_MAX];
	unsigned int n_lst;
	unsigned int n_conns;
	struct sbi_conn *conns;
	nghttp2_session_callbacks *cbs;
	struct sbi_stream *free_streams;
	uint32_t n_free_streams; /* on the free list */
	uint32_t n_open_streams; /* allocated to a request */
	struct sbi_time_cache time_cache;
	uint64_t results[AGW_SBI_R_MAX];
	uint64_t stats[AGW_SBI_STAT_MAX];
	uint8_t rbuf[65536];
};

/* sbi_h2.c */
int sbi_h2_callbacks(nghttp2_session_callbacks **out);
int sbi_conn_h2_start(struct sbi_conn *c);
/* Queue the response of a stream (the handler filled st->resp). */
void sbi_respond(struct sbi_conn *c, struct sbi_stream *st);
void sbi_stream_free(struct agw_sbi *s, struct sbi_stream *st);

/* sbi_server.c */
/* Write what the connection has queued. 0, or -1 when it must close. */
int sbi_conn_flush(struct sbi_conn *c);

/* sbi_tls.c: OpenSSL server side. */
/* Server context from s->conf.tls_cert/tls_key: 0 or -EINVAL (reason in conf.err). */
int sbi_tls_create(struct agw_sbi *s);
void sbi_tls_free(struct agw_sbi *s);
/* Connection: 0 or -ENOMEM. */
int sbi_tls_conn_new(struct sbi_conn *c);
/* Best-effort close_notify, then free. */
void sbi_tls_conn_free(struct sbi_conn *c);
/* Handshake step: 1 done (ALPN h2), 0 in progress, -1 failed (counted). */
int sbi_tls_handshake(struct sbi_conn *c);
/* Octets read (> 0), 0 closed by the peer, -EAGAIN, -EIO. */
long sbi_tls_recv(struct sbi_conn *c, uint8_t *buf, size_t len);
/* Octets written (> 0), -EAGAIN, -EIO. */
long sbi_tls_send(struct sbi_conn *c, const uint8_t *buf, size_t len);
/* Decrypted octets OpenSSL holds that the socket will not signal. */
int sbi_tls_pending(const struct sbi_conn *c);

/* sbi_naanf.c: route and run one complete request. */
void sbi_naanf_dispatch(struct sbi_listener *l, struct sbi_stream *st);

/* sbi_problem.c */
void sbi_problem(struct sbi_resp *rs, enum agw_sbi_result r, const char *detail);
void sbi_no_content(struct sbi_resp *rs, enum agw_sbi_result r);
/* JSON writer into rs->body: appends; returns 0 or -1 (no space). */
int sbi_json_raw(struct sbi_resp *rs, const char *s);
int sbi_json_str(struct sbi_resp *rs, const char *s, size_t n);
int sbi_json_hex(struct sbi_resp *rs, const uint8_t *b, size_t n);
uint16_t sbi_result_status(enum agw_sbi_result r);

#endif /* SBI_PRIV_H */
