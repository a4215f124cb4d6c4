/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/sbi over TLS: a self-signed P-256 certificate made here with the
 * openssl command, the server on 127.0.0.1 in a thread, curl --http2 over
 * https as the AF (ALPN h2, certificate checked against the made one).
 * K_AF is compared with akma_reference.py; a client that offers only
 * HTTP/1.1, a cleartext h2c client and one without ALPN are refused in or
 * after the handshake and counted, and the server goes on serving; bad
 * certificate and key settings fail agw_sbi_create() with a reason.
 *
 * argv: python3, akma_reference.py, curl, openssl.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/ssl.h>

#include "agw_sbi.h"
#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

static const char *curl_exe, *openssl_exe;

static struct at_fix F;
static struct agw_sbi *S;
static uint16_t port;
static char dir[64], cert[128], key[128], key2[128];
static pthread_t thr;
static pthread_mutex_t lk = PTHREAD_MUTEX_INITIALIZER;
static volatile int stop;

static void *
serve(void *arg)
{
	(void)arg;
	while (!stop) {
		pthread_mutex_lock(&lk);
		agw_sbi_poll(S, 10);
		pthread_mutex_unlock(&lk);
		usleep(100); /* let the test take the lock */
	}
	return NULL;
}

static int
run(const char *cmd)
{
	int rc = system(cmd);

	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

/* A certificate for 127.0.0.1 and its key; a second, unrelated key. */
static int
make_cert(void)
{
	char cmd[1024];

	snprintf(dir, sizeof(dir), "/tmp/agw-tls-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(key2, sizeof(key2), "%s/other.pem", dir);
	snprintf(cmd, sizeof(cmd),
		 "'%s' req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
		 "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s "
		 ">/dev/null 2>&1 && '%s' genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 "
		 "-out %s >/dev/null 2>&1",
		 openssl_exe, key, cert, openssl_exe, key2);
	return run(cmd) == 0 ? 0 : -1;
}

static uint16_t
free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	uint16_t p = 0;

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, len) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		p = ntohs(a.sin_port);
	close(fd);
	return p;
}

static int
suite_init(void)
{
	struct agw_sbi_conf sc;
	char err[256] = "";

	if (make_cert() != 0)
		return 1;
	at_fix_init(&F);
	F.conf.store = NULL;
	F.ak = agw_akma_create(&F.conf);
	agw_sbi_conf_init(&sc);
	sc.tls_cert = cert;
	sc.tls_key = key;
	sc.err = err;
	sc.err_len = sizeof(err);
	S = F.ak != NULL ? agw_sbi_create(&sc) : NULL;
	if (S == NULL) {
		fprintf(stderr, "agw_sbi_create: %s\n", err);
		return 1;
	}
	port = free_port();
	if (agw_sbi_listen_naanf(S, "127.0.0.1", port, agw_akma_aanf_at(F.ak, 0), NULL) != 0)
		return 1;
	return pthread_create(&thr, NULL, serve, NULL) != 0;
}

static int
suite_fini(void)
{
	char cmd[128];

	stop = 1;
	pthread_join(thr, NULL);
	agw_sbi_free(S);
	at_fix_fini(&F);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return run(cmd) == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------------- */
/* curl over https                                                         */

struct reply {
	int curl_rc;	 /* curl's exit status */
	int status;	 /* HTTP status (0 when none) */
	int version;	 /* HTTP version curl used (2 for HTTP/2) */
	char body[4096]; /* the response bodies, one after the other */
	size_t body_len;
};

/*
 * Run curl with @p opts on @p n retrieve-applicationkey requests with the
 * given identifiers (one connection: curl reuses it), body of AF @p af_id.
 */
static void
retrieve(const char *opts, const char *const *akid, unsigned int n, const char *af_id,
	 struct reply *r)
{
	char out[] = "/tmp/agw-tls-out-XXXXXX", cmd[4096];
	size_t k = 0;
	int fo = mkstemp(out);
	FILE *p;

	memset(r, 0, sizeof(*r));
	CU_ASSERT_FATAL(fo >= 0);
	k += (size_t)snprintf(cmd + k, sizeof(cmd) - k,
			      "'%s' -s %s --cacert %s -o %s -w '%%{http_code} %%{http_version}\\n'",
			      curl_exe, opts, cert, out);
	for (unsigned int i = 0; i < n && k < sizeof(cmd); i++) {
		if (i) /* --next resets the options: the others' bodies are not kept */
			k += (size_t)snprintf(cmd + k, sizeof(cmd) - k,
					      " --next -s -o /dev/null --cacert %s %s", cert, opts);
		k += (size_t)snprintf(
			cmd + k, sizeof(cmd) - k,
			" -H 'content-type: application/json' "
			"-d '{\"afId\":\"%s\",\"aKId\":\"%s\"}' "
			"'https://127.0.0.1:%u/naanf-akma/v1/retrieve-applicationkey'",
			af_id, akid[i], port);
	}
	CU_ASSERT_FATAL(k < sizeof(cmd));
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	if (fscanf(p, "%d %d", &r->status, &r->version) != 2)
		r->status = r->version = 0;
	while (fgetc(p) != EOF)
		;
	r->curl_rc = pclose(p);
	r->curl_rc = WIFEXITED(r->curl_rc) ? WEXITSTATUS(r->curl_rc) : -1;
	r->body_len = (size_t)read(fo, r->body, sizeof(r->body) - 1);
	close(fo);
	unlink(out);
}

static void
ref_kaf(unsigned int n, unsigned int a, uint8_t kaf[32])
{
	struct at_ref_in in;
	struct at_ref_out out;

	memset(&in, 0, sizeof(in));
	at_kausf(n, in.kausf);
	at_supi(n, in.supi);
	in.af_id_len = at_af_id(&F, a, in.af_id);
	CU_ASSERT_EQUAL_FATAL(at_ref(&in, &out, 1), 0);
	memcpy(kaf, out.kaf, 32);
}

static void
assert_kaf(const struct reply *r, const uint8_t want[32])
{
	json_t *o = json_loadb(r->body, r->body_len, 0, NULL);
	const char *k = json_string_value(json_object_get(o, "kaf"));
	uint8_t got[32] = {0};

	CU_ASSERT_EQUAL(r->curl_rc, 0);
	CU_ASSERT_EQUAL(r->status, 200);
	CU_ASSERT_EQUAL(r->version, 2);
	CU_ASSERT(k != NULL && strlen(k) == 64 && agw_hex_decode(k, got, 32) == 32);
	AGW_ASSERT_MEM_EQ(got, want, 32);
	json_decref(o);
}

static int
locked_auth(unsigned int n, struct agw_akma_ident *id)
{
	int rc;

	pthread_mutex_lock(&lk);
	rc = at_auth(&F, n, NULL, id);
	pthread_mutex_unlock(&lk);
	return rc;
}

static void
stats(uint64_t results[AGW_SBI_R_MAX], uint64_t st[AGW_SBI_STAT_MAX])
{
	pthread_mutex_lock(&lk);
	agw_sbi_stats(S, results, st);
	pthread_mutex_unlock(&lk);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

/* HTTP/2 over TLS (ALPN h2): K_AF equals the reference. */
static void
t_kaf_over_tls(void)
{
	struct agw_akma_ident id;
	struct reply r;
	uint8_t want[32];
	const char *akid;
	uint64_t st[AGW_SBI_STAT_MAX];

	CU_ASSERT_EQUAL_FATAL(locked_auth(1, &id), 1);
	akid = id.nai;
	ref_kaf(1, 0, want);
	retrieve("--http2", &akid, 1, "af.example.com", &r);
	assert_kaf(&r, want);
	stats(NULL, st);
	CU_ASSERT_EQUAL(st[AGW_SBI_STAT_TLS_HANDSHAKES], 1);
	CU_ASSERT_EQUAL(st[AGW_SBI_STAT_TLS_ERRORS], 0);
}

/* Three requests, one TLS connection, one handshake; a ProblemDetails too. */
static void
t_persistent(void)
{
	struct agw_akma_ident id[3];
	const char *akid[3];
	uint64_t before[AGW_SBI_STAT_MAX], after[AGW_SBI_STAT_MAX];
	uint64_t rb[AGW_SBI_R_MAX], ra[AGW_SBI_R_MAX];
	uint8_t want[32];
	struct reply r;

	for (unsigned int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(locked_auth(2 + i, &id[i]), 1);
		akid[i] = id[i].nai;
	}
	stats(rb, before);
	ref_kaf(2, 0, want);
	retrieve("--http2", akid, 3, "af.example.com", &r);
	assert_kaf(&r, want); /* the first one's body */
	stats(ra, after);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_ACCEPTED] - before[AGW_SBI_STAT_ACCEPTED], 1);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_TLS_HANDSHAKES] - before[AGW_SBI_STAT_TLS_HANDSHAKES],
			1);
	CU_ASSERT_EQUAL(ra[AGW_SBI_R_OK] - rb[AGW_SBI_R_OK], 3);

	retrieve("--http2", akid, 1, "evil.example.com", &r);
	CU_ASSERT_EQUAL(r.status, 403);
	CU_ASSERT(strstr(r.body, "\"AF_NOT_AUTHORIZED\"") != NULL);
}

/*
 * Refused: HTTP/1.1 only (no "h2" in ALPN: fatal alert, curl exit 35), no
 * ALPN at all (closed after the handshake), cleartext h2c on the TLS port
 * (not a ClientHello). Each is counted; a good request works afterwards.
 */
static void
t_refused(void)
{
	static const char *const opts[] = {"--http1.1", "--http2 --no-alpn",
					   "--http2-prior-knowledge"};
	uint64_t before[AGW_SBI_STAT_MAX], after[AGW_SBI_STAT_MAX];
	struct agw_akma_ident id;
	const char *akid;
	struct reply r;
	uint8_t want[32];

	CU_ASSERT_EQUAL_FATAL(locked_auth(6, &id), 1);
	akid = id.nai;
	stats(NULL, before);
	retrieve(opts[0], &akid, 1, "af.example.com", &r);
	CU_ASSERT_EQUAL(r.curl_rc, 35); /* CURLE_SSL_CONNECT_ERROR */
	CU_ASSERT_EQUAL(r.status, 0);
	retrieve(opts[1], &akid, 1, "af.example.com", &r);
	CU_ASSERT(r.curl_rc != 0 && r.status == 0);
	{
		char cmd[512];

		snprintf(cmd, sizeof(cmd),
			 "'%s' -s -o /dev/null --http2-prior-knowledge -d '{}' "
			 "-H 'content-type: application/json' "
			 "'http://127.0.0.1:%u/naanf-akma/v1/retrieve-applicationkey'",
			 curl_exe, port);
		CU_ASSERT(run(cmd) != 0);
	}
	stats(NULL, after);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_TLS_ERRORS] - before[AGW_SBI_STAT_TLS_ERRORS], 3);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_TLS_HANDSHAKES], before[AGW_SBI_STAT_TLS_HANDSHAKES]);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_REQUESTS], before[AGW_SBI_STAT_REQUESTS]);
	ref_kaf(6, 0, want);
	retrieve("--http2", &akid, 1, "af.example.com", &r);
	assert_kaf(&r, want);
}

/*
 * An AF that resets its connection right after the handshake and its
 * first frames: the server's next writes (TLS close_notify) meet a reset
 * socket. They must fail with EPIPE, not raise SIGPIPE (which would end
 * the gateway): this test process does not ignore SIGPIPE.
 */
static void
t_peer_reset(void)
{
	static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
				      "\x00\x00\x00\x04\x00\x00\x00\x00\x00";
	static const unsigned char alpn[] = {2, 'h', '2'};
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	struct linger lg = {1, 0};
	uint64_t before[AGW_SBI_STAT_MAX], after[AGW_SBI_STAT_MAX];
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	SSL *ssl = ctx != NULL ? SSL_new(ctx) : NULL;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(ssl);
	CU_ASSERT_FATAL(fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
	stats(NULL, before);
	SSL_set_alpn_protos(ssl, alpn, sizeof(alpn));
	SSL_set_fd(ssl, fd);
	CU_ASSERT_FATAL(SSL_connect(ssl) == 1);
	CU_ASSERT(SSL_write(ssl, preface, sizeof(preface) - 1) == (int)sizeof(preface) - 1);
	usleep(50000); /* the server reads and answers with its SETTINGS */
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd); /* RST */
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	for (int i = 0; i < 100; i++) {
		stats(NULL, after);
		if (after[AGW_SBI_STAT_CLOSED] > before[AGW_SBI_STAT_CLOSED])
			break;
		usleep(10000);
	}
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_TLS_HANDSHAKES] - before[AGW_SBI_STAT_TLS_HANDSHAKES],
			1);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_CLOSED] - before[AGW_SBI_STAT_CLOSED], 1);
	CU_ASSERT_EQUAL(after[AGW_SBI_STAT_IO_ERRORS] - before[AGW_SBI_STAT_IO_ERRORS], 1);
}

/* Certificate and key settings agw_sbi_create() refuses, with a reason. */
static void
t_bad_settings(void)
{
	struct {
		const char *cert, *key, *why;
	} c[] = {
		{cert, NULL, "go together"},
		{"/nonexistent/cert.pem", key, "certificate /nonexistent/cert.pem"},
		{cert, "/nonexistent/key.pem", "private key /nonexistent/key.pem"},
		{cert, key2, "mismatch"}, /* OpenSSL: "key values mismatch" */
		{key, key, "certificate"},
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct agw_sbi_conf sc;
		char err[256] = "";

		agw_sbi_conf_init(&sc);
		sc.tls_cert = c[i].cert;
		sc.tls_key = c[i].key;
		sc.err = err;
		sc.err_len = sizeof(err);
		errno = 0;
		CU_ASSERT_PTR_NULL(agw_sbi_create(&sc));
		CU_ASSERT_EQUAL(errno, EINVAL);
		CU_ASSERT(strncmp(err, "tls: ", 5) == 0 && strstr(err, c[i].why) != NULL);
		if (strstr(err, c[i].why) == NULL)
			fprintf(stderr, "\n  case %zu: %s\n", i, err);
	}
}

int
main(int argc, char **argv)
{
	static CU_TestInfo tests[] = {
		{"HTTP/2 over TLS (ALPN h2): K_AF equals akma_reference.py", t_kaf_over_tls},
		{"one connection, one handshake, three requests; 403", t_persistent},
		{"HTTP/1.1-only, no ALPN, cleartext: refused, counted", t_refused},
		{"peer resets the connection: EPIPE, no SIGPIPE", t_peer_reset},
		{"bad certificate / key settings: refused with a reason", t_bad_settings},
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{"sbi_tls", suite_init, suite_fini, NULL, NULL, tests},
		CU_SUITE_INFO_NULL,
	};

	if (argc < 5) {
		fprintf(stderr, "usage: %s python3 akma_reference.py curl openssl\n", argv[0]);
		return 2;
	}
	at_python = argv[1];
	at_ref_script = argv[2];
	curl_exe = argv[3];
	openssl_exe = argv[4];
	return agw_test_main(suites);
}
