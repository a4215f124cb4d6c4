/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * TLS for the SBI server (OpenSSL 3): HTTP/2 over TLS needs ALPN "h2"
 * (RFC 9113 3.2); a client that offers no "h2" gets the
 * no_application_protocol alert (RFC 7301 3.2), one that offers no ALPN at
 * all is closed after the handshake. TLS 1.2 and 1.3 only, and for TLS 1.2
 * only ECDHE with AEAD suites (TS 33.210 6.2 profile; RFC 9113 9.2.2 lists
 * the rest as prohibited for HTTP/2). Non-blocking: each step that needs
 * the socket returns and is retried on the next event. OpenSSL reaches the
 * socket through a BIO of this file that sends with MSG_NOSIGNAL: OpenSSL's
 * own socket BIO uses write(), which raises SIGPIPE (and ends the process)
 * when an AF has closed its side.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "sbi_priv.h"

static const unsigned char alpn_h2[] = {2, 'h', '2'};

/* TLS 1.2 suites: forward secrecy and AEAD only (TLS 1.3 ones are all AEAD). */
static const char tls12_ciphers[] = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
				    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
				    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

/* ---------------------------------------------------------------------- */
/* Socket BIO without SIGPIPE                                              */

static int
bio_fd(BIO *b)
{
	return (int)(intptr_t)BIO_get_data(b);
}

static int
bio_write(BIO *b, const char *in, int len)
{
	ssize_t n = send(bio_fd(b), in, (size_t)len, MSG_NOSIGNAL);

	BIO_clear_retry_flags(b);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		BIO_set_retry_write(b);
	return (int)n;
}

static int
bio_read(BIO *b, char *out, int len)
{
	ssize_t n = recv(bio_fd(b), out, (size_t)len, 0);

	BIO_clear_retry_flags(b);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		BIO_set_retry_read(b);
	return (int)n;
}

static long
bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0; /* nothing buffered here */
}

static int
bio_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static int
bio_method_new(struct agw_sbi *s)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "agw_sbi_socket");

	if (m == NULL || BIO_meth_set_write(m, bio_write) != 1 ||
	    BIO_meth_set_read(m, bio_read) != 1 || BIO_meth_set_ctrl(m, bio_ctrl) != 1 ||
	    BIO_meth_set_create(m, bio_create) != 1) {
		BIO_meth_free(m);
		return -1;
	}
	s->tls_bio = m;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Server context and connections                                          */

/* ALPN: "h2" or the handshake fails. */
static int
alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
	    unsigned int inlen, void *arg)
{
	unsigned char *sel = NULL;

	(void)ssl;
	(void)arg;
	if (SSL_select_next_proto(&sel, outlen, alpn_h2, sizeof(alpn_h2), in, inlen) !=
	    OPENSSL_NPN_NEGOTIATED)
		return SSL_TLSEXT_ERR_ALERT_FATAL;
	*out = sel;
	return SSL_TLSEXT_ERR_OK;
}

static int
tls_fail(struct agw_sbi *s, const char *what, const char *file)
{
	char why[160] = "";
	unsigned long e = ERR_get_error();

	if (e != 0)
		ERR_error_string_n(e, why, sizeof(why));
	ERR_clear_error();
	if (s->conf.err != NULL && s->conf.err_len > 0)
		snprintf(s->conf.err, s->conf.err_len, "tls: %s%s%s: %s", what, file ? " " : "",
			 file ? file : "", why[0] ? why : "failed");
	return -EINVAL;
}

int
sbi_tls_create(struct agw_sbi *s)
{
	const char *cert = s->conf.tls_cert, *key = s->conf.tls_key;
	SSL_CTX *ctx;

	if ((cert == NULL) != (key == NULL))
		return tls_fail(s, "certificate and key go together", NULL);
	ctx = SSL_CTX_new(TLS_server_method());
	if (ctx == NULL || bio_method_new(s) != 0) {
		SSL_CTX_free(ctx);
		return tls_fail(s, "context", NULL);
	}
	s->tls = ctx;
	if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_cipher_list(ctx, tls12_ciphers) != 1)
		return tls_fail(s, "protocol settings", NULL);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
					 SSL_OP_CIPHER_SERVER_PREFERENCE |
					 SSL_OP_CLEANSE_PLAINTEXT);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
				      SSL_MODE_RELEASE_BUFFERS);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
		return tls_fail(s, "certificate", cert);
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
		return tls_fail(s, "private key", key);
	if (SSL_CTX_check_private_key(ctx) != 1)
		return tls_fail(s, "key does not match the certificate", key);
	SSL_CTX_set_alpn_select_cb(ctx, alpn_select, NULL);
	return 0;
}

void
sbi_tls_free(struct agw_sbi *s)
{
	SSL_CTX_free(s->tls);
	s->tls = NULL;
	BIO_meth_free(s->tls_bio);
	s->tls_bio = NULL;
}

int
sbi_tls_conn_new(struct sbi_conn *c)
{
	BIO *b;

	c->ssl = SSL_new(c->s->tls);
	b = c->ssl != NULL ? BIO_new(c->s->tls_bio) : NULL;
	if (b == NULL) {
		ERR_clear_error();
		return -ENOMEM;
	}
	BIO_set_data(b, (void *)(intptr_t)c->fd);
	SSL_set_bio(c->ssl, b, b); /* one reference, owned by the SSL */
	SSL_set_accept_state(c->ssl);
	return 0;
}

void
sbi_tls_conn_free(struct sbi_conn *c)
{
	if (c->ssl == NULL)
		return;
	if (c->tls_ready)
		(void)SSL_shutdown(c->ssl); /* close_notify, not waiting for the peer's */
	SSL_free(c->ssl);
	ERR_clear_error();
	c->ssl = NULL;
}

/* After SSL_* returned @p rc <= 0: 0 retry later (want read/write), -1 error. */
static int
tls_retry(struct sbi_conn *c, int rc)
{
	switch (SSL_get_error(c->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		c->tls_want_write = 0;
		return 0;
	case SSL_ERROR_WANT_WRITE:
		c->tls_want_write = 1;
		return 0;
	default:
		ERR_clear_error();
		return -1;
	}
}

int
sbi_tls_handshake(struct sbi_conn *c)
{
	const unsigned char *proto = NULL;
	unsigned int plen = 0;
	int rc = SSL_do_handshake(c->ssl);

	if (rc != 1) {
		if (tls_retry(c, rc) == 0)
			return 0;
		c->s->stats[AGW_SBI_STAT_TLS_ERRORS]++;
		return -1;
	}
	c->tls_want_write = 0;
	SSL_get0_alpn_selected(c->ssl, &proto, &plen);
	if (plen != 2 || memcmp(proto, "h2", 2) != 0) { /* no ALPN offered at all */
		c->s->stats[AGW_SBI_STAT_TLS_ERRORS]++;
		return -1;
	}
	c->tls_ready = 1;
	c->s->stats[AGW_SBI_STAT_TLS_HANDSHAKES]++;
	return 1;
}

long
sbi_tls_recv(struct sbi_conn *c, uint8_t *buf, size_t len)
{
	size_t n = 0;
	int rc = SSL_read_ex(c->ssl, buf, len, &n);

	if (rc == 1) {
		c->tls_want_write = 0;
		return (long)n;
	}
	if (SSL_get_error(c->ssl, rc) == SSL_ERROR_ZERO_RETURN)
		return 0; /* close_notify */
	return tls_retry(c, rc) == 0 ? -EAGAIN : -EIO;
}

long
sbi_tls_send(struct sbi_conn *c, const uint8_t *buf, size_t len)
{
	size_t n = 0;
	int rc = SSL_write_ex(c->ssl, buf, len, &n);

	if (rc == 1) {
		c->tls_want_write = 0;
		return (long)n;
	}
	return tls_retry(c, rc) == 0 ? -EAGAIN : -EIO;
}

int
sbi_tls_pending(const struct sbi_conn *c)
{
	return c->ssl != NULL && SSL_pending(c->ssl) > 0;
}
