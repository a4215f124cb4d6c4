/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Sockets and the event loop: non-blocking listeners and connections in one
 * epoll set (level-triggered). A readable connection is read until EAGAIN
 * (nghttp2 runs the requests that complete), then everything the session
 * has to send is written in as few write() calls as the socket allows; the
 * rest waits for EPOLLOUT. With TLS (sbi_tls.c) the handshake runs first,
 * and reads and writes go through OpenSSL.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>

#include "agw_util.h"
#include "sbi_priv.h"

/* Ready sockets per epoll_wait(), at most (agw_sbi_conf.events_per_poll). */
#define EVENTS_MAX 256

/* epoll data: listeners are tagged in the low bit of the pointer. */
#define LST_TAG ((uintptr_t)1)

void
agw_sbi_conf_init(struct agw_sbi_conf *conf)
{
	conf->max_body = 8192;
	conf->max_conns = 1024;
	conf->max_streams = 256;
	conf->max_open_streams = 16384;
	conf->events_per_poll = 64;
	/* reads of one connection per event, so one busy peer cannot starve others */
	conf->reads_per_event = 16;
	conf->tls_cert = NULL;
	conf->tls_key = NULL;
	conf->err = NULL;
	conf->err_len = 0;
}

/*
 * jansson keeps parsed strings (K_AKMA hex of AnchorKey_Register) in its
 * own heap blocks: free them zeroised. Installed once per process; it only
 * adds the zeroisation to malloc/free.
 */
static void
zero_free(void *p)
{
	if (p != NULL) {
		agw_memzero(p, malloc_usable_size(p));
		free(p);
	}
}

struct agw_sbi *
agw_sbi_create(const struct agw_sbi_conf *conf)
{
	struct agw_sbi *s;

	if (conf == NULL || conf->max_body == 0 || conf->max_body > (1u << 24) ||
	    conf->max_conns == 0 || conf->max_streams == 0 || conf->max_open_streams == 0 ||
	    conf->events_per_poll == 0 || conf->events_per_poll > EVENTS_MAX ||
	    conf->reads_per_event == 0) {
		errno = EINVAL;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->conf = *conf;
	s->ep = epoll_create1(EPOLL_CLOEXEC);
	if (s->ep < 0 || sbi_h2_callbacks(&s->cbs) != 0) {
		int e = s->ep < 0 ? errno : ENOMEM;

		agw_sbi_free(s);
		errno = e;
		return NULL;
	}
	if ((conf->tls_cert != NULL || conf->tls_key != NULL) && sbi_tls_create(s) != 0) {
		agw_sbi_free(s);
		errno = EINVAL;
		return NULL;
	}
	/* the caller's strings are not kept */
	s->conf.tls_cert = s->conf.tls_key = NULL;
	s->conf.err = NULL;
	s->conf.err_len = 0;
	json_set_alloc_funcs(malloc, zero_free);
	return s;
}

int
agw_sbi_fd(const struct agw_sbi *s)
{
	return s->ep;
}

static int
set_events(struct agw_sbi *s, int fd, void *ptr, uint32_t ev, int op)
{
	struct epoll_event e = {.events = ev, .data.ptr = ptr};

	return epoll_ctl(s->ep, op, fd, &e) == 0 ? 0 : -errno;
}

static int
parse_addr(const char *addr, uint16_t port, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons(port);
		*len = sizeof(*v4);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons(port);
		*len = sizeof(*v6);
		return 0;
	}
	return -EINVAL;
}

static int
bound_port(int fd, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return -errno;
	*port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
					      : ((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

int
agw_sbi_listen_naanf(struct agw_sbi *s, const char *addr, uint16_t port, struct agw_akma_aanf *aanf,
		     uint16_t *bound)
{
	struct sockaddr_storage ss;
	struct sbi_listener *l;
	socklen_t len;
	int fd, one = 1, rc;

	if (s == NULL || addr == NULL || aanf == NULL || parse_addr(addr, port, &ss, &len) != 0)
		return -EINVAL;
	if (s->n_lst == SBI_LISTENERS_MAX)
		return -ENOMEM;
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 512) != 0 ||
	    (bound != NULL && bound_port(fd, bound) != 0)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	l = &s->lst[s->n_lst];
	l->fd = fd;
	l->s = s;
	l->aanf = aanf;
	rc = set_events(s, fd, (void *)((uintptr_t)l | LST_TAG), EPOLLIN, EPOLL_CTL_ADD);
	if (rc != 0) {
		close(fd);
		return rc;
	}
	s->n_lst++;
	return 0;
}

static void
conn_close(struct sbi_conn *c)
{
	struct agw_sbi *s = c->s;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		s->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	epoll_ctl(s->ep, EPOLL_CTL_DEL, c->fd, NULL);
	sbi_tls_conn_free(c);
	close(c->fd);
	nghttp2_session_del(c->h2); /* closes the streams: they are zeroised */
	if (c->out != NULL) {
		agw_memzero(c->out, c->out_cap);
		free(c->out);
	}
	free(c);
	s->n_conns--;
	s->stats[AGW_SBI_STAT_CLOSED]++;
}

static void conn_event(struct sbi_conn *c, uint32_t ev);

/* EPOLLOUT while there is output (not before the TLS handshake ended) or
 * OpenSSL waits to write. 0 or -1. */
static int
conn_arm(struct sbi_conn *c)
{
	uint8_t hs = c->ssl != NULL && !c->tls_ready;
	uint8_t want = (!hs && c->out_len != 0) || c->tls_want_write;

	if (want == c->want_out)
		return 0;
	c->want_out = want;
	if (set_events(c->s, c->fd, c, EPOLLIN | (want ? EPOLLOUT : 0), EPOLL_CTL_MOD) != 0)
		return -1;
	return 0;
}

static void
accept_one(struct sbi_listener *l)
{
	struct agw_sbi *s = l->s;
	struct sbi_conn *c;
	int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1;

	if (fd < 0)
		return;
	if (s->n_conns >= s->conf.max_conns || (c = calloc(1, sizeof(*c))) == NULL) {
		s->stats[AGW_SBI_STAT_REFUSED]++;
		close(fd);
		return;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	c->s = s;
	c->lst = l;
	c->next = s->conns;
	if (s->conns != NULL)
		s->conns->prev = c;
	s->conns = c;
	s->n_conns++;
	s->stats[AGW_SBI_STAT_ACCEPTED]++;
	if (sbi_conn_h2_start(c) != 0 || set_events(s, fd, c, EPOLLIN, EPOLL_CTL_ADD) != 0 ||
	    (s->tls != NULL && sbi_tls_conn_new(c) != 0)) {
		conn_close(c);
		return;
	}
	if (s->tls != NULL) /* the ClientHello is usually not there yet */
		conn_event(c, 0);
	else if (sbi_conn_flush(c) != 0)
		conn_close(c);
}

/* Octets sent (> 0), -EAGAIN, or -EIO. */
static long
conn_send(struct sbi_conn *c, const uint8_t *p, size_t len)
{
	ssize_t n;

	if (c->ssl != NULL)
		return sbi_tls_send(c, p, len);
	do {
		n = send(c->fd, p, len, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	if (n >= 0)
		return (long)n;
	return errno == EAGAIN || errno == EWOULDBLOCK ? -EAGAIN : -EIO;
}

/* Octets read (> 0), 0 closed by the peer, -EAGAIN, or -EIO. */
static long
conn_recv(struct sbi_conn *c, uint8_t *p, size_t len)
{
	ssize_t n;

	if (c->ssl != NULL)
		return sbi_tls_recv(c, p, len);
	do {
		n = recv(c->fd, p, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n >= 0)
		return (long)n;
	return errno == EAGAIN || errno == EWOULDBLOCK ? -EAGAIN : -EIO;
}

/* write() the queued octets; zeroise what went out. 1 all sent, 0 EAGAIN, -1 error. */
static int
out_write(struct sbi_conn *c)
{
	while (c->out_off < c->out_len) {
		long n = conn_send(c, c->out + c->out_off, c->out_len - c->out_off);

		if (n == -EAGAIN)
			return 0;
		if (n < 0) {
			c->s->stats[AGW_SBI_STAT_IO_ERRORS]++;
			return -1;
		}
		c->out_off += (size_t)n;
	}
	agw_memzero(c->out, c->out_len);
	c->out_len = 0;
	c->out_off = 0;
	return 1;
}

int
sbi_conn_flush(struct sbi_conn *c)
{
	int rc;

	for (;;) {
		rc = out_write(c);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break; /* socket full: wait for EPOLLOUT */
		if (nghttp2_session_send(c->h2) != 0) {
			c->s->stats[AGW_SBI_STAT_H2_ERRORS]++;
			return -1;
		}
		if (c->out_len == 0)
			break; /* nothing more to send */
	}
	if (conn_arm(c) != 0)
		return -1;
	if (c->out_len == 0 && !nghttp2_session_want_read(c->h2) &&
	    !nghttp2_session_want_write(c->h2))
		return -1; /* GOAWAY exchanged, nothing left */
	return 0;
}

/*
 * Read until EAGAIN (or reads_per_event reads; on, while OpenSSL holds
 * decrypted octets the socket will not signal again). 0, or -1 to close.
 */
static int
conn_read(struct sbi_conn *c)
{
	struct agw_sbi *s = c->s;

	for (uint32_t i = 0; i < s->conf.reads_per_event || sbi_tls_pending(c); i++) {
		long n = conn_recv(c, s->rbuf, sizeof(s->rbuf));
		ssize_t used;

		if (n == 0)
			return -1;
		if (n == -EAGAIN)
			return 0;
		if (n < 0) {
			s->stats[AGW_SBI_STAT_IO_ERRORS]++;
			return -1;
		}
		used = nghttp2_session_mem_recv(c->h2, s->rbuf, (size_t)n);
		/* Request bodies (K_AKMA of a register) pass through rbuf. */
		agw_memzero(s->rbuf, (size_t)n);
		if (used < 0) {
			s->stats[AGW_SBI_STAT_H2_ERRORS]++;
			c->closing = 1; /* counted here, not again for the GOAWAY */
			nghttp2_session_terminate_session(c->h2, NGHTTP2_PROTOCOL_ERROR);
			sbi_conn_flush(c);
			return -1;
		}
	}
	return 0;
}

/*
 * TLS handshake step: 1 done now (read what came with it: OpenSSL may
 * hold it already), 0 in progress (events re-armed), -1 failed.
 */
static int
conn_handshake(struct sbi_conn *c)
{
	int rc = sbi_tls_handshake(c);

	if (rc == 0)
		return conn_arm(c) == 0 ? 0 : -1;
	return rc;
}

static void
conn_event(struct sbi_conn *c, uint32_t ev)
{
	int rc = 0;

	if (ev & (EPOLLERR | EPOLLHUP) && !(ev & EPOLLIN))
		rc = -1;
	if (rc == 0 && c->ssl != NULL && !c->tls_ready) {
		rc = conn_handshake(c);
		if (rc == 0)
			return;
		ev |= EPOLLIN;
		rc = rc > 0 ? 0 : -1;
	}
	if (c->tls_want_write) /* a read that waited for the socket to be writable */
		ev |= EPOLLIN;
	if (rc == 0 && (ev & EPOLLIN))
		rc = conn_read(c);
	if (rc == 0)
		rc = sbi_conn_flush(c);
	if (rc != 0)
		conn_close(c);
}

int
agw_sbi_poll(struct agw_sbi *s, int timeout_ms)
{
	struct epoll_event ev[EVENTS_MAX];
	int n = epoll_wait(s->ep, ev, (int)s->conf.events_per_poll, timeout_ms);

	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		uintptr_t p = (uintptr_t)ev[i].data.ptr;

		if (p & LST_TAG)
			accept_one((struct sbi_listener *)(p & ~LST_TAG));
		else
			conn_event((struct sbi_conn *)p, ev[i].events);
	}
	return n;
}

void
agw_sbi_free(struct agw_sbi *s)
{
	struct sbi_stream *st;

	if (s == NULL)
		return;
	while (s->conns != NULL)
		conn_close(s->conns);
	for (unsigned int i = 0; i < s->n_lst; i++)
		close(s->lst[i].fd);
	if (s->ep >= 0)
		close(s->ep);
	if (s->cbs != NULL)
		nghttp2_session_callbacks_del(s->cbs);
	sbi_tls_free(s);
	while ((st = s->free_streams) != NULL) {
		s->free_streams = st->next_free;
		free(st);
	}
	agw_memzero(s->rbuf, sizeof(s->rbuf));
	free(s);
}

void
agw_sbi_stats(const struct agw_sbi *s, uint64_t results[AGW_SBI_R_MAX],
	      uint64_t stats[AGW_SBI_STAT_MAX])
{
	if (results != NULL)
		memcpy(results, s->results, sizeof(s->results));
	if (stats != NULL)
		memcpy(stats, s->stats, sizeof(s->stats));
}

#define NAME_(id, name) name,
static const char *const stat_names[] = {AGW_SBI_STATS(NAME_)};
#undef NAME_

const char *
agw_sbi_stat_name(unsigned int stat)
{
	return stat < AGW_SBI_STAT_MAX ? stat_names[stat] : NULL;
}
