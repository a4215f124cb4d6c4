/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SBI_H
#define AGW_SBI_H

/**
 * @file
 * Service-based interface server: HTTP/2 over cleartext TCP with prior
 * knowledge (h2c, RFC 9113 3.3; TS 29.500 5.3 allows it without TLS inside
 * a trusted domain) or, when the configuration names a certificate and a
 * key, over TLS 1.2/1.3 with ALPN "h2" (RFC 9113 3.2; OpenSSL; TS 33.210
 * profile: AEAD cipher suites with forward secrecy only); nghttp2 for the
 * framing, jansson for JSON. One thread, non-blocking sockets, one epoll
 * set; persistent connections with many concurrent streams each.
 *
 * Service served (TS 29.535, apiName "naanf-akma", apiVersion "v1"), one
 * AAnF instance of lib/akma per listening socket:
 *  - POST /naanf-akma/v1/retrieve-applicationkey  (Naanf_AKMA_ApplicationKey_Get)
 *  - POST /naanf-akma/v1/register-anchorkey       (Naanf_AKMA_AnchorKey_Register)
 *  - POST /naanf-akma/v1/remove-context           (Naanf_AKMA_Context_Remove)
 *
 * Every rejected request gets its HTTP status and, except 204, a
 * ProblemDetails body (application/problem+json, RFC 7807) whose "cause"
 * names the reason; see doc/akma.md for the table. A relocation (seed 001
 * FIG. 7) is a 307 whose Location names the other AAnF's apiRoot with
 * "?relocated-from=<id>", which that instance takes as the redirected
 * request of [0191].
 *
 * Secrets: K_AF, K_AKMA travel as lower-case hex in the JSON bodies. They
 * are written only into this server's buffers (request body, response
 * body, connection output), which are zeroised once used; DATA frames are
 * handed to nghttp2 without copy. With TLS, OpenSSL cleanses the
 * plaintext records it read (SSL_OP_CLEANSE_PLAINTEXT) and encrypts the
 * written ones in place. Nothing is logged.
 *
 * @note Not thread-safe. agw_sbi_poll() must run on the thread that owns
 *   the struct agw_akma (the control lcore).
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct agw_akma_aanf;

/** Server configuration (agw_sbi_conf_init() sets the defaults). */
struct agw_sbi_conf {
	uint32_t max_body;    /**< largest request body, octets (default 8192) */
	uint32_t max_conns;   /**< connections open at once (default 1024) */
	uint32_t max_streams; /**< SETTINGS_MAX_CONCURRENT_STREAMS (default 256) */
	/**
	 * Requests open at once over all connections (default 16384, about
	 * 4 KiB each); beyond it new streams are refused (RST_STREAM
	 * REFUSED_STREAM, counter stream_alloc_failed).
	 */
	uint32_t max_open_streams;
	/**
	 * Ready sockets handled per agw_sbi_poll() (default 64, 1..256), and
	 * reads of one connection per event (default 16): the work one poll
	 * does is bounded, so that a caller polling from another loop (the
	 * control lcore) keeps its own latency; what is left stays readable
	 * for the next poll (level-triggered).
	 */
	uint32_t events_per_poll;
	uint32_t reads_per_event;
	/**
	 * TLS: PEM certificate chain and private key files (both or neither).
	 * NULL: cleartext h2c. Every listener of the server then speaks TLS;
	 * a client that does not offer ALPN "h2" is refused in the handshake.
	 */
	const char *tls_cert;
	const char *tls_key;
	/** If not NULL: receives a one-line reason when agw_sbi_create() fails. */
	char *err;
	size_t err_len;
};

/** Fill @p conf with the defaults. */
void agw_sbi_conf_init(struct agw_sbi_conf *conf);

/** Opaque server. */
struct agw_sbi;

/**
 * Create a server (an epoll set, no socket yet; with TLS, the OpenSSL
 * context with the certificate and key loaded and checked).
 *
 * @return the server, or NULL with errno (EINVAL: bad configuration, TLS
 *   files unreadable or not matching, the reason in @c conf->err; ENOMEM;
 *   or the errno of epoll_create1()).
 */
struct agw_sbi *agw_sbi_create(const struct agw_sbi_conf *conf);

/** Close every socket and free the server. NULL is accepted. */
void agw_sbi_free(struct agw_sbi *s);

/**
 * Listen on @p addr:@p port (IPv4 or IPv6 literal) and serve Naanf_AKMA of
 * @p aanf there.
 *
 * @param[in] port    0 for a port chosen by the kernel.
 * @param[out] bound  the port bound (may be NULL).
 * @return 0, -EINVAL (bad address, NULL), -ENOMEM, or -errno of
 *   socket()/bind()/listen().
 */
int agw_sbi_listen_naanf(struct agw_sbi *s, const char *addr, uint16_t port,
			 struct agw_akma_aanf *aanf, uint16_t *bound);

/**
 * Wait up to @p timeout_ms (0: do not wait, -1: forever) for socket events
 * and handle them: accept, read, run the requests that completed, write.
 *
 * @return the number of events handled (>= 0), or -errno of epoll_wait()
 *   (-EINTR included).
 */
int agw_sbi_poll(struct agw_sbi *s, int timeout_ms);

/** The epoll descriptor (readable when agw_sbi_poll() has work). */
int agw_sbi_fd(const struct agw_sbi *s);

/**
 * Response kinds: X(enum suffix, HTTP status, ProblemDetails cause or NULL,
 * counter name). One counter each.
 */
#define AGW_SBI_RESULTS(X)                                                                         \
	X(OK, 200, NULL, "ok")                                                                     \
	X(NO_CONTENT_UNKNOWN, 204, NULL, "no_content_unknown")                                     \
	X(NO_CONTENT_EXPIRED, 204, NULL, "no_content_expired")                                     \
	X(REMOVED, 204, NULL, "removed")                                                           \
	X(REDIRECT, 307, "NF_CONSUMER_REDIRECT_ONE_TXN", "redirect")                               \
	X(INVALID_API, 400, "INVALID_API", "invalid_api")                                          \
	X(INVALID_MSG_FORMAT, 400, "INVALID_MSG_FORMAT", "invalid_msg_format")                     \
	X(INVALID_QUERY_PARAM, 400, "INVALID_QUERY_PARAM", "invalid_query_param")                  \
	X(MANDATORY_IE_MISSING, 400, "MANDATORY_IE_MISSING", "mandatory_ie_missing")               \
	X(MANDATORY_IE_INCORRECT, 400, "MANDATORY_IE_INCORRECT", "mandatory_ie_incorrect")         \
	X(AF_NOT_AUTHORIZED, 403, "AF_NOT_AUTHORIZED", "af_not_authorized")                        \
	X(AF_ID_MISMATCH, 403, "AF_ID_MISMATCH", "af_id_mismatch")                                 \
	X(RESOURCE_NOT_FOUND, 404, "RESOURCE_URI_STRUCTURE_NOT_FOUND", "resource_not_found")       \
	X(CONTEXT_NOT_FOUND, 404, "CONTEXT_NOT_FOUND", "context_not_found")                        \
	X(METHOD_NOT_ALLOWED, 405, "METHOD_NOT_ALLOWED", "method_not_allowed")                     \
	X(CONTENT_TOO_LARGE, 413, "CONTENT_TOO_LARGE", "content_too_large")                        \
	X(UNSUPPORTED_MEDIA_TYPE, 415, "UNSUPPORTED_MEDIA_TYPE", "unsupported_media_type")         \
	X(SYSTEM_FAILURE, 500, "SYSTEM_FAILURE", "system_failure")

#define AGW_SBI_R_ENUM_(id, status, cause, name) AGW_SBI_R_##id,
/** Response kinds. */
enum agw_sbi_result { AGW_SBI_RESULTS(AGW_SBI_R_ENUM_) AGW_SBI_R_MAX };
#undef AGW_SBI_R_ENUM_

/** Connection and framing counters: X(enum suffix, name). */
#define AGW_SBI_STATS(X)                                                                           \
	X(ACCEPTED, "conns_accepted") /* connections accepted */                                   \
	X(REFUSED, "conns_refused")   /* closed at once: max_conns reached */                      \
	X(CLOSED, "conns_closed")     /* connections closed (either side) */                       \
	X(H2_ERRORS, "h2_errors")     /* nghttp2 refused input (GOAWAY sent, closed) */            \
	X(IO_ERRORS, "io_errors")     /* read/write errors other than EAGAIN */                    \
	X(REQUESTS, "requests")	      /* requests dispatched */                                    \
	X(STREAM_ALLOC_FAILED, "stream_alloc_failed") /* stream refused (RST_STREAM) */            \
	X(TLS_HANDSHAKES, "tls_handshakes")	      /* TLS handshakes completed with ALPN h2 */  \
	X(TLS_ERRORS, "tls_errors")		      /* handshake failed or no ALPN h2: closed */

#define AGW_SBI_STAT_ENUM_(id, name) AGW_SBI_STAT_##id,
/** Counter indices. */
enum agw_sbi_stat { AGW_SBI_STATS(AGW_SBI_STAT_ENUM_) AGW_SBI_STAT_MAX };
#undef AGW_SBI_STAT_ENUM_

/**
 * Copy the counters: @p results AGW_SBI_R_MAX values, @p stats
 * AGW_SBI_STAT_MAX values; either may be NULL.
 */
void agw_sbi_stats(const struct agw_sbi *s, uint64_t results[AGW_SBI_R_MAX],
		   uint64_t stats[AGW_SBI_STAT_MAX]);

/** Counter name of a response kind, or NULL. */
const char *agw_sbi_result_name(unsigned int r);

/** Counter name of a connection counter, or NULL. */
const char *agw_sbi_stat_name(unsigned int stat);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SBI_H */
