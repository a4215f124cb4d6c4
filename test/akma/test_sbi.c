/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * lib/sbi: Naanf_AKMA over HTTP/2 (h2c prior knowledge) on 127.0.0.1,
 * driven by curl --http2-prior-knowledge. K_AF from the server is compared
 * with akma_reference.py; every rejected request with its status and
 * ProblemDetails cause; relocation (307 + follow); persistent connections
 * and multiplexed streams; garbage on the socket.
 *
 * argv[1] = python3, argv[2] = akma_reference.py, argv[3] = curl.
 * The server runs in a thread under a mutex; the test takes the mutex
 * whenever it touches the anchor itself (lib/akma is single-threaded).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <nghttp2/nghttp2.h>

#include "agw_sbi.h"
#include "agw_kdf.h"
#include "agw_test.h"
#include "agw_util.h"
#include "akma_test.h"

static const char *curl_exe;

static struct at_fix F;
static struct agw_sbi *S;
static uint16_t port[AT_N_AANF];
static char uri[AT_N_AANF][64];
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

/* A port free right now (bound then released). */
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

	at_fix_init(&F);
	F.conf.addr_fields = AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF;
	F.rules[0] = (struct agw_akma_rule){.match = AGW_AKMA_MATCH_SST, .sst = 2, .af = "af3"};
	F.conf.n_rules = 1;
	F.conf.ident_lifetime_s = 100000;
	for (int i = 0; i < AT_N_AANF; i++) {
		port[i] = free_port();
		snprintf(uri[i], sizeof(uri[i]), "http://127.0.0.1:%u", port[i]);
		F.aanf[i].uri = uri[i];
	}
	F.conf.store = NULL;
	F.ak = agw_akma_create(&F.conf);
	agw_sbi_conf_init(&sc);
	S = F.ak != NULL ? agw_sbi_create(&sc) : NULL;
	if (S == NULL)
		return 1;
	for (unsigned int i = 0; i < AT_N_AANF; i++)
		if (agw_sbi_listen_naanf(S, "127.0.0.1", port[i], agw_akma_aanf_at(F.ak, i),
					 NULL) != 0)
			return 1;
	return pthread_create(&thr, NULL, serve, NULL) != 0;
}

static int
suite_fini(void)
{
	stop = 1;
	pthread_join(thr, NULL);
	agw_sbi_free(S);
	at_fix_fini(&F);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* curl                                                                    */

struct reply {
	int status;
	char ctype[128];
	char location[512];
	char allow[32];
	char body[8192];
	size_t body_len;
};

static void
header_value(const char *line, const char *name, char *out, size_t cap)
{
	size_t n = strlen(name), k;

	if (strncasecmp(line, name, n) != 0)
		return;
	line += n;
	while (*line == ' ')
		line++;
	k = strcspn(line, "\r\n");
	snprintf(out, cap, "%.*s", (int)k, line);
}

/*
 * One request. @p body NULL = no body; @p ctype NULL = curl's default.
 * @p extra: more curl options (e.g. "-L"). Returns 0 when curl ran.
 */
static int
request(const char *method, const char *path, unsigned int inst, const char *ctype,
	const char *body, size_t body_len, const char *extra, struct reply *r)
{
	char in[] = "/tmp/agw-sbi-in-XXXXXX", hd[] = "/tmp/agw-sbi-hd-XXXXXX",
	     out[] = "/tmp/agw-sbi-out-XXXXXX", cmd[2048], line[1024], ct[160] = "";
	int fi = mkstemp(in), fh = mkstemp(hd), fo = mkstemp(out), rc = -1;
	FILE *p;

	memset(r, 0, sizeof(*r));
	if (fi < 0 || fh < 0 || fo < 0)
		goto out;
	if (body != NULL && write(fi, body, body_len) != (ssize_t)body_len)
		goto out;
	if (ctype != NULL)
		snprintf(ct, sizeof(ct), "-H 'content-type: %s'", ctype);
	snprintf(cmd, sizeof(cmd),
		 "'%s' -s --http2-prior-knowledge -X %s %s %s%s -D %s -o %s -w '%%{http_code}' %s "
		 "'http://127.0.0.1:%u%s'",
		 curl_exe, method, ct, body != NULL ? "--data-binary @" : "",
		 body != NULL ? in : "", hd, out, extra != NULL ? extra : "", port[inst], path);
	p = popen(cmd, "r");
	if (p == NULL)
		goto out;
	if (fscanf(p, "%d", &r->status) != 1)
		r->status = -1;
	pclose(p);
	p = fopen(hd, "r");
	while (p != NULL && fgets(line, sizeof(line), p) != NULL) {
		if (strncmp(line, "HTTP/", 5) == 0) /* a followed redirect: keep the last */
			r->ctype[0] = r->location[0] = r->allow[0] = '\0';
		header_value(line, "content-type:", r->ctype, sizeof(r->ctype));
		header_value(line, "location:", r->location, sizeof(r->location));
		header_value(line, "allow:", r->allow, sizeof(r->allow));
	}
	if (p != NULL)
		fclose(p);
	r->body_len = (size_t)read(fo, r->body, sizeof(r->body) - 1);
	rc = 0;
out:
	for (int i = 0; i < 3; i++) {
		int fd = i == 0 ? fi : i == 1 ? fh : fo;

		if (fd >= 0)
			close(fd);
	}
	unlink(in);
	unlink(hd);
	unlink(out);
	return rc;
}

static int
retrieve(unsigned int inst, const char *akid, const char *af_id, const char *extra, struct reply *r)
{
	char body[1024];
	int n = snprintf(body, sizeof(body), "{\"afId\":\"%s\",\"aKId\":\"%s\"}", af_id, akid);

	return request("POST", "/naanf-akma/v1/retrieve-applicationkey", inst, "application/json",
		       body, (size_t)n, extra, r);
}

/* ProblemDetails: content type, "status" equal to the HTTP status, the cause. */
static void
assert_problem(const struct reply *r, int status, const char *cause)
{
	json_t *o = json_loadb(r->body, r->body_len, 0, NULL);

	CU_ASSERT_EQUAL(r->status, status);
	CU_ASSERT_STRING_EQUAL(r->ctype, "application/problem+json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(o, "status")), status);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "cause")), cause);
	CU_ASSERT_PTR_NOT_NULL(json_string_value(json_object_get(o, "title")));
	if (r->status != status || json_string_value(json_object_get(o, "cause")) == NULL ||
	    strcmp(json_string_value(json_object_get(o, "cause")), cause) != 0)
		fprintf(stderr, "\n  want %d %s, got %d %.*s\n", status, cause, r->status,
			(int)r->body_len, r->body);
	json_decref(o);
}

/* K_AF of subscriber n for AF a, second derivation path. */
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

/* 200 AkmaAfKeyData: kaf equals @p want, expiry RFC 3339 of @p expiry, supi. */
static void
assert_kaf(const struct reply *r, const uint8_t want[32], uint64_t expiry, const char *supi)
{
	json_t *o = json_loadb(r->body, r->body_len, 0, NULL);
	uint8_t got[32] = {0};
	char exp[32];
	time_t t = (time_t)expiry;
	struct tm tm;
	const char *k;

	CU_ASSERT_EQUAL(r->status, 200);
	CU_ASSERT_STRING_EQUAL(r->ctype, "application/json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	k = json_string_value(json_object_get(o, "kaf"));
	CU_ASSERT(k != NULL && strlen(k) == 64 && agw_hex_decode(k, got, 32) == 32);
	AGW_ASSERT_MEM_EQ(got, want, 32);
	gmtime_r(&t, &tm);
	strftime(exp, sizeof(exp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "expiry")), exp);
	if (supi != NULL) {
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "supi")), supi);
	} else {
		CU_ASSERT_PTR_NULL(json_object_get(o, "supi"));
	}
	json_decref(o);
}

static int
locked_auth(unsigned int n, const struct agw_akma_aux *aux, struct agw_akma_ident *id)
{
	int rc;

	pthread_mutex_lock(&lk);
	rc = at_auth(&F, n, aux, id);
	pthread_mutex_unlock(&lk);
	return rc;
}

static void
sbi_stats(uint64_t results[AGW_SBI_R_MAX], uint64_t stats[AGW_SBI_STAT_MAX])
{
	pthread_mutex_lock(&lk);
	agw_sbi_stats(S, results, stats);
	pthread_mutex_unlock(&lk);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static void
t_kaf_ok(void)
{
	struct agw_akma_ident id;
	struct reply r;
	uint8_t want[32];
	char supi[AGW_AKMA_SUPI_MAX];

	CU_ASSERT_EQUAL_FATAL(locked_auth(1, NULL, &id), 1);
	ref_kaf(1, 0, want);
	at_supi(1, supi);
	CU_ASSERT_EQUAL_FATAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	assert_kaf(&r, want, F.now + 3600, supi);
	/* af2 is configured without the SUPI; anonInd drops it for af1 too. */
	ref_kaf(1, 1, want);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "app2.example.org", NULL, &r), 0);
	assert_kaf(&r, want, F.now + 3600, NULL);
	{
		char body[512];
		int n = snprintf(body, sizeof(body),
				 "{\"afId\":\"af.example.com\",\"aKId\":\"%s\",\"anonInd\":true,"
				 "\"suppFeat\":\"0\"}",
				 id.nai);

		ref_kaf(1, 0, want);
		request("POST", "/naanf-akma/v1/retrieve-applicationkey", 0, "application/json",
			body, (size_t)n, NULL, &r);
		assert_kaf(&r, want, F.now + 3600, NULL);
	}
}

/* FIG. 7 over SBI: 307 to a2 with relocated-from, followed by curl -L. */
static void
t_relocation(void)
{
	struct agw_akma_ident id, now;
	struct reply r;
	char loc[512];
	uint8_t want[32];

	CU_ASSERT_EQUAL_FATAL(locked_auth(2, NULL, &id), 1);
	CU_ASSERT(strstr(id.nai, "aanfa1.") != NULL);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "edge.example.net", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 307);
	snprintf(loc, sizeof(loc),
		 "http://127.0.0.1:%u/naanf-akma/v1/retrieve-applicationkey?relocated-from=a1",
		 port[1]);
	CU_ASSERT_STRING_EQUAL(r.location, loc);
	CU_ASSERT(strstr(r.body, "NF_CONSUMER_REDIRECT_ONE_TXN") != NULL);

	ref_kaf(2, 2, want);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "edge.example.net", "-L", &r), 0);
	assert_kaf(&r, want, F.now + 3600, "imsi-001010000000002");
	pthread_mutex_lock(&lk);
	CU_ASSERT_EQUAL(agw_akma_ausf_ident(F.ak, "imsi-001010000000002", &now), 0);
	pthread_mutex_unlock(&lk);
	CU_ASSERT(strstr(now.nai, "aanfa2.") != NULL);
	/* The updated identifier goes straight to a2. */
	CU_ASSERT_EQUAL(retrieve(1, now.nai, "edge.example.net", NULL, &r), 0);
	assert_kaf(&r, want, F.now + 3600, "imsi-001010000000002");
}

struct bad_case {
	const char *method;
	const char *path;
	const char *ctype;
	const char *body; /* "%s" = a valid identifier */
	int status;
	const char *cause;
};

static void
t_errors(void)
{
	static const char K[] = "/naanf-akma/v1/retrieve-applicationkey";
	static const struct bad_case c[] = {
		{"POST", K, "application/json", "{", 400, "INVALID_MSG_FORMAT"},
		{"POST", K, "application/json", "[1,2]", 400, "INVALID_MSG_FORMAT"},
		{"POST", K, "application/json", "", 400, "INVALID_MSG_FORMAT"},
		{"POST", K, "application/json",
		 "{\"afId\":\"af.example.com\",\"afId\":\"x\",\"aKId\":\"%s\"}", 400,
		 "INVALID_MSG_FORMAT"},
		{"POST", K, "application/json", "{\"afId\":\"af.example.com\"}", 400,
		 "MANDATORY_IE_MISSING"},
		{"POST", K, "application/json", "{\"aKId\":\"%s\"}", 400, "MANDATORY_IE_MISSING"},
		{"POST", K, "application/json", "{\"afId\":\"af.example.com\",\"aKId\":7}", 400,
		 "MANDATORY_IE_INCORRECT"},
		{"POST", K, "application/json",
		 "{\"afId\":\"af.example.com\",\"aKId\":\"rid1.tidXY@5gc.mnc001.mcc001."
		 "3gppnetwork.org\"}",
		 400, "MANDATORY_IE_INCORRECT"},
		{"POST", K, "application/json",
		 "{\"afId\":\"af.example.com\",\"aKId\":\"%s\",\"anonInd\":\"yes\"}", 400,
		 "MANDATORY_IE_INCORRECT"},
		{"POST", K, "application/json; charset=utf-8",
		 "{\"afId\":\"evil.example.com\",\"aKId\":\"%s\"}", 403, "AF_NOT_AUTHORIZED"},
		{"GET", K, NULL, NULL, 405, "METHOD_NOT_ALLOWED"},
		{"PUT", K, "application/json", "{}", 405, "METHOD_NOT_ALLOWED"},
		{"POST", "/naanf-akma/v1/retrieve-applicationkeys", "application/json", "{}", 404,
		 "RESOURCE_URI_STRUCTURE_NOT_FOUND"},
		{"POST", "/naanf-akma/v2/retrieve-applicationkey", "application/json", "{}", 400,
		 "INVALID_API"},
		{"POST", "/", "application/json", "{}", 400, "INVALID_API"},
		{"POST", K, "text/plain", "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", 415,
		 "UNSUPPORTED_MEDIA_TYPE"},
		{"POST", K, NULL, "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", 415,
		 "UNSUPPORTED_MEDIA_TYPE"}, /* curl: x-www-form-urlencoded */
		{"POST", "/naanf-akma/v1/retrieve-applicationkey?foo=1", "application/json",
		 "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", 400, "INVALID_QUERY_PARAM"},
		{"POST", "/naanf-akma/v1/retrieve-applicationkey?relocated-from=A1",
		 "application/json", "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", 400,
		 "INVALID_QUERY_PARAM"},
		{"POST", "/naanf-akma/v1/remove-context?relocated-from=a1", "application/json",
		 "{\"supi\":\"imsi-001010000000003\"}", 400, "INVALID_QUERY_PARAM"},
	};
	uint64_t before[AGW_SBI_R_MAX], after[AGW_SBI_R_MAX];
	struct agw_akma_ident id;
	struct reply r;
	char body[1024];

	CU_ASSERT_EQUAL_FATAL(locked_auth(3, NULL, &id), 1);
	sbi_stats(before, NULL);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int n = c[i].body != NULL ? snprintf(body, sizeof(body), c[i].body, id.nai) : 0;

		CU_ASSERT_EQUAL(request(c[i].method, c[i].path, 0, c[i].ctype,
					c[i].body != NULL ? body : NULL, (size_t)n, NULL, &r),
				0);
		assert_problem(&r, c[i].status, c[i].cause);
		if (c[i].status == 405)
			CU_ASSERT_STRING_EQUAL(r.allow, "POST");
	}
	sbi_stats(after, NULL);
	CU_ASSERT_EQUAL(after[AGW_SBI_R_INVALID_MSG_FORMAT] - before[AGW_SBI_R_INVALID_MSG_FORMAT],
			4);
	CU_ASSERT_EQUAL(after[AGW_SBI_R_METHOD_NOT_ALLOWED] - before[AGW_SBI_R_METHOD_NOT_ALLOWED],
			2);
	CU_ASSERT_EQUAL(after[AGW_SBI_R_OK], before[AGW_SBI_R_OK]);
}

/* 20,000-octet body (max_body 8192): 413, the connection stays usable. */
static void
t_oversized(void)
{
	static char big[20000];
	struct agw_akma_ident id;
	struct reply r;
	uint8_t want[32];
	int n;

	CU_ASSERT_EQUAL_FATAL(locked_auth(4, NULL, &id), 1);
	n = snprintf(big, sizeof(big), "{\"afId\":\"af.example.com\",\"aKId\":\"%s\",\"pad\":\"",
		     id.nai);
	memset(big + n, 'x', sizeof(big) - (size_t)n - 3);
	memcpy(big + sizeof(big) - 3, "\"}", 2);
	CU_ASSERT_EQUAL(request("POST", "/naanf-akma/v1/retrieve-applicationkey", 0,
				"application/json", big, sizeof(big) - 1, NULL, &r),
			0);
	assert_problem(&r, 413, "CONTENT_TOO_LARGE");
	ref_kaf(4, 0, want);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	assert_kaf(&r, want, F.now + 3600, "imsi-001010000000004");
}

/* Unknown, AF-bound, expired and stale identifiers. */
static void
t_identifier_states(void)
{
	struct agw_akma_snssai s2 = {2, AGW_AKMA_SD_NONE};
	struct agw_akma_aux aux = {&s2, 1, NULL, 0};
	struct agw_akma_ident id, bound, fresh;
	struct reply r;
	char other[300];
	uint8_t want[32];

	CU_ASSERT_EQUAL_FATAL(locked_auth(5, NULL, &id), 1);
	snprintf(other, sizeof(other), "%s", id.nai);
	*strstr(other, ".tid") = '\0';
	strcat(other, ".tid00112233445566778899aabbccddeeff@5gc.mnc001.mcc001.3gppnetwork.org");
	CU_ASSERT_EQUAL(retrieve(0, other, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 204);
	CU_ASSERT_EQUAL(r.body_len, 0);

	CU_ASSERT_EQUAL_FATAL(locked_auth(6, &aux, &bound), 1);
	CU_ASSERT(strncmp(bound.nai, "afaf3.", 6) == 0);
	CU_ASSERT_EQUAL(retrieve(2, bound.nai, "af.example.com", NULL, &r), 0);
	assert_problem(&r, 403, "AF_ID_MISMATCH");

	/* Re-authentication: the old identifier gets 204, the new one another K_AF. */
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 200);
	pthread_mutex_lock(&lk);
	{
		char supi[AGW_AKMA_SUPI_MAX];
		uint8_t k[32];
		struct agw_akma_auth a = {supi, k, AT_RID, 1, 1, NULL};

		at_supi(5, supi);
		at_kausf(5, k);
		k[31] ^= 0x80;
		CU_ASSERT_EQUAL(agw_akma_ausf_auth_result(F.ak, &a, &fresh), 1);
	}
	pthread_mutex_unlock(&lk);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 204);
	ref_kaf(5, 0, want);
	CU_ASSERT_EQUAL(retrieve(0, fresh.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 200);
	CU_ASSERT(strstr(r.body, "\"kaf\"") != NULL);
	{
		char hex[65];

		agw_hex_encode(want, 32, hex);
		CU_ASSERT(strstr(r.body, hex) == NULL); /* old K_AUSF's K_AF: not this one */
	}
}

/* Identifier lifetime (100,000 s here): past it, 204 (expired), then 204 (unknown). */
static void
t_expired(void)
{
	uint64_t before[AGW_SBI_R_MAX], after[AGW_SBI_R_MAX];
	struct agw_akma_ident id;
	struct reply r;
	uint64_t t0 = F.now;

	CU_ASSERT_EQUAL_FATAL(locked_auth(7, NULL, &id), 1);
	__atomic_store_n(&F.now, t0 + 99999, __ATOMIC_RELAXED);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 200);
	sbi_stats(before, NULL);
	__atomic_store_n(&F.now, t0 + 100000, __ATOMIC_RELAXED);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 204);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 204);
	sbi_stats(after, NULL);
	CU_ASSERT_EQUAL(after[AGW_SBI_R_NO_CONTENT_EXPIRED] - before[AGW_SBI_R_NO_CONTENT_EXPIRED],
			1);
	CU_ASSERT_EQUAL(after[AGW_SBI_R_NO_CONTENT_UNKNOWN] - before[AGW_SBI_R_NO_CONTENT_UNKNOWN],
			1);
	__atomic_store_n(&F.now, t0, __ATOMIC_RELAXED);
}

static void
t_register_remove(void)
{
	struct at_ref_in in;
	struct at_ref_out out;
	struct reply r;
	char body[1024], hex[65], akid[256];
	uint8_t tid[16];
	int n;

	memset(&in, 0, sizeof(in));
	at_kausf(8, in.kausf);
	at_supi(8, in.supi);
	in.af_id_len = at_af_id(&F, 0, in.af_id);
	CU_ASSERT_EQUAL_FATAL(at_ref(&in, &out, 1), 0);
	agw_hex_encode(out.kakma, 32, hex);
	memset(tid, 0xa5, sizeof(tid));
	agw_akma_akid("42", tid, 16, AT_MCC, AT_MNC, akid, sizeof(akid));
	n = snprintf(body, sizeof(body), "{\"supi\":\"%s\",\"aKId\":\"%s\",\"kAkma\":\"%s\"}",
		     in.supi, akid, hex);
	CU_ASSERT_EQUAL(request("POST", "/naanf-akma/v1/register-anchorkey", 2, "application/json",
				body, (size_t)n, NULL, &r),
			0);
	CU_ASSERT_EQUAL(r.status, 200);
	CU_ASSERT(strstr(r.body, akid) != NULL);
	CU_ASSERT_EQUAL(retrieve(2, akid, "af.example.com", NULL, &r), 0);
	assert_kaf(&r, out.kaf, F.now + 3600, in.supi);

	n = snprintf(body, sizeof(body), "{\"supi\":\"%s\",\"aKId\":\"%s\",\"kAkma\":\"zz\"}",
		     in.supi, akid);
	request("POST", "/naanf-akma/v1/register-anchorkey", 2, "application/json", body, (size_t)n,
		NULL, &r);
	assert_problem(&r, 400, "MANDATORY_IE_INCORRECT");

	n = snprintf(body, sizeof(body), "{\"supi\":\"%s\"}", in.supi);
	request("POST", "/naanf-akma/v1/remove-context", 2, "application/json", body, (size_t)n,
		NULL, &r);
	CU_ASSERT_EQUAL(r.status, 204);
	request("POST", "/naanf-akma/v1/remove-context", 2, "application/json", body, (size_t)n,
		NULL, &r);
	assert_problem(&r, 404, "CONTEXT_NOT_FOUND");
	CU_ASSERT_EQUAL(retrieve(2, akid, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 204);
	agw_memzero(&out, sizeof(out));
}

/*
 * Persistent connection with multiplexed streams. curl 7.88.1 (Debian 12)
 * cannot reuse a prior-knowledge connection (curl issue 10634, fixed after
 * 7.88.1), so this case uses a small nghttp2 client: one connection, 16
 * requests in flight at once, every K_AF checked.
 */
struct h2c {
	int fd;
	int done;
	int ok;
	char body[16][512];
	size_t blen[16];
	int status[16];
	const char *req;
	size_t req_len;
};

static ssize_t
h2c_send(nghttp2_session *h2, const uint8_t *d, size_t n, int flags, void *user)
{
	(void)h2;
	(void)flags;
	return send(((struct h2c *)user)->fd, d, n, MSG_NOSIGNAL);
}

static ssize_t
h2c_body(nghttp2_session *h2, int32_t id, uint8_t *buf, size_t len, uint32_t *flags,
	 nghttp2_data_source *src, void *user)
{
	struct h2c *c = user;

	(void)h2;
	(void)id;
	(void)src;
	if (len < c->req_len)
		return NGHTTP2_ERR_CALLBACK_FAILURE;
	memcpy(buf, c->req, c->req_len);
	*flags |= NGHTTP2_DATA_FLAG_EOF;
	return (ssize_t)c->req_len;
}

static int
h2c_slot(int32_t id)
{
	return (id - 1) / 2; /* client streams 1, 3, 5, ... */
}

static int
h2c_header(nghttp2_session *h2, const nghttp2_frame *f, const uint8_t *n, size_t nl,
	   const uint8_t *v, size_t vl, uint8_t fl, void *user)
{
	struct h2c *c = user;
	int i = h2c_slot(f->hd.stream_id);

	(void)h2;
	(void)fl;
	(void)vl;
	if (i >= 0 && i < 16 && nl == 7 && memcmp(n, ":status", 7) == 0)
		c->status[i] = atoi((const char *)v); /* NUL-terminated by nghttp2 */
	return 0;
}

static int
h2c_data(nghttp2_session *h2, uint8_t fl, int32_t id, const uint8_t *d, size_t n, void *user)
{
	struct h2c *c = user;
	int i = h2c_slot(id);

	(void)h2;
	(void)fl;
	if (i >= 0 && i < 16 && c->blen[i] + n < sizeof(c->body[i])) {
		memcpy(c->body[i] + c->blen[i], d, n);
		c->blen[i] += n;
	}
	return 0;
}

static int
h2c_close(nghttp2_session *h2, int32_t id, uint32_t err, void *user)
{
	struct h2c *c = user;

	(void)h2;
	(void)id;
	c->done++;
	c->ok += err == 0;
	return 0;
}

static int
h2c_burst(uint16_t p, const char *req, struct h2c *c)
{
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons(p),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	const uint8_t fl = NGHTTP2_NV_FLAG_NONE;
	char auth[32];
	nghttp2_session_callbacks *cb;
	nghttp2_session *h2;
	uint8_t buf[16384];
	int rc = -1;

	memset(c, 0, sizeof(*c));
	c->req = req;
	c->req_len = strlen(req);
	snprintf(auth, sizeof(auth), "127.0.0.1:%u", p);
	nghttp2_nv nv[] = {
		{(uint8_t *)":method", (uint8_t *)"POST", 7, 4, fl},
		{(uint8_t *)":scheme", (uint8_t *)"http", 7, 4, fl},
		{(uint8_t *)":authority", (uint8_t *)auth, 10, strlen(auth), fl},
		{(uint8_t *)":path", (uint8_t *)"/naanf-akma/v1/retrieve-applicationkey", 5, 38,
		 fl},
		{(uint8_t *)"content-type", (uint8_t *)"application/json", 12, 16, fl},
	};
	nghttp2_data_provider prd = {.read_callback = h2c_body};

	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -1;
	nghttp2_session_callbacks_new(&cb);
	nghttp2_session_callbacks_set_send_callback(cb, h2c_send);
	nghttp2_session_callbacks_set_on_header_callback(cb, h2c_header);
	nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, h2c_data);
	nghttp2_session_callbacks_set_on_stream_close_callback(cb, h2c_close);
	nghttp2_session_client_new(&h2, cb, c);
	nghttp2_submit_settings(h2, NGHTTP2_FLAG_NONE, NULL, 0);
	for (int i = 0; i < 16; i++)
		nghttp2_submit_request(h2, NULL, nv, 5, &prd, NULL);
	/* All 16 HEADERS + DATA leave in one go, before any response is read. */
	if (nghttp2_session_send(h2) == 0) {
		while (c->done < 16) {
			ssize_t n = recv(c->fd, buf, sizeof(buf), 0);

			if (n <= 0 || nghttp2_session_mem_recv(h2, buf, (size_t)n) < 0 ||
			    nghttp2_session_send(h2) != 0)
				break;
		}
		rc = c->done == 16 ? 0 : -1;
	}
	nghttp2_session_terminate_session(h2, NGHTTP2_NO_ERROR);
	nghttp2_session_send(h2);
	nghttp2_session_del(h2);
	nghttp2_session_callbacks_del(cb);
	close(c->fd);
	return rc;
}

static void
t_persistent(void)
{
	uint64_t b[AGW_SBI_STAT_MAX], a[AGW_SBI_STAT_MAX], rb[AGW_SBI_R_MAX], ra[AGW_SBI_R_MAX];
	struct agw_akma_ident id;
	static struct h2c c;
	char req[512], hex[65];
	uint8_t want[32];
	int good = 0;

	CU_ASSERT_EQUAL_FATAL(locked_auth(9, NULL, &id), 1);
	snprintf(req, sizeof(req), "{\"afId\":\"af.example.com\",\"aKId\":\"%s\"}", id.nai);
	ref_kaf(9, 0, want);
	agw_hex_encode(want, 32, hex);
	sbi_stats(rb, b);
	CU_ASSERT_EQUAL(h2c_burst(port[0], req, &c), 0);
	usleep(50000);
	sbi_stats(ra, a);
	for (int i = 0; i < 16; i++) {
		c.body[i][c.blen[i] < sizeof(c.body[i]) ? c.blen[i] : 0] = '\0';
		good += c.status[i] == 200 && strstr(c.body[i], hex) != NULL;
	}
	CU_ASSERT_EQUAL(good, 16);
	CU_ASSERT_EQUAL(c.ok, 16);
	CU_ASSERT_EQUAL(a[AGW_SBI_STAT_ACCEPTED] - b[AGW_SBI_STAT_ACCEPTED], 1);
	CU_ASSERT_EQUAL(a[AGW_SBI_STAT_REQUESTS] - b[AGW_SBI_STAT_REQUESTS], 16);
	CU_ASSERT_EQUAL(ra[AGW_SBI_R_OK] - rb[AGW_SBI_R_OK], 16);
	CU_ASSERT_EQUAL(a[AGW_SBI_STAT_H2_ERRORS], b[AGW_SBI_STAT_H2_ERRORS]);
}

/* Not HTTP/2, a broken frame, a half preface: closed, counted, no crash. */
static void
t_garbage(void)
{
	static const char *const junk[] = {
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x04\x09\x00\x00\x00\x00\x01zzzz",
		"PRI * HTTP/2.0\r\n\r\n",
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
		"\xff\xff\xff\xff\xff\xff\xff\xff",
	};
	uint64_t b[AGW_SBI_STAT_MAX], a[AGW_SBI_STAT_MAX];
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons(port[0]),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	struct agw_akma_ident id;
	struct reply r;
	char buf[512];

	sbi_stats(NULL, b);
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		struct timeval tv = {2, 0};

		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		CU_ASSERT_EQUAL_FATAL(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
		CU_ASSERT(write(fd, junk[i], strlen(junk[i]) + (i == 1 ? 13 : 0)) > 0);
		if (i == 2) {
			close(fd); /* half a connection, then gone */
			continue;
		}
		/* Read until the server closes (SETTINGS and GOAWAY may come first). */
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
	usleep(100000);
	sbi_stats(NULL, a);
	CU_ASSERT_EQUAL(a[AGW_SBI_STAT_ACCEPTED] - b[AGW_SBI_STAT_ACCEPTED], 4);
	CU_ASSERT_EQUAL(a[AGW_SBI_STAT_CLOSED] - b[AGW_SBI_STAT_CLOSED], 4);
	CU_ASSERT(a[AGW_SBI_STAT_H2_ERRORS] - b[AGW_SBI_STAT_H2_ERRORS] >= 3);
	CU_ASSERT_EQUAL_FATAL(locked_auth(10, NULL, &id), 1);
	CU_ASSERT_EQUAL(retrieve(0, id.nai, "af.example.com", NULL, &r), 0);
	CU_ASSERT_EQUAL(r.status, 200);
}

int
main(int argc, char **argv)
{
	static CU_TestInfo tests[] = {
		{"200 K_AF equals akma_reference.py", t_kaf_ok},
		{"307 relocation, followed; identifier updated", t_relocation},
		{"400/403/404/405/415 with ProblemDetails causes", t_errors},
		{"413 oversized body", t_oversized},
		{"204 unknown and stale, 403 AF-bound", t_identifier_states},
		{"204 for an expired identifier", t_expired},
		{"register-anchorkey and remove-context", t_register_remove},
		{"persistent connection, 16 multiplexed streams", t_persistent},
		{"garbage on the socket", t_garbage},
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{"sbi_naanf", suite_init, suite_fini, NULL, NULL, tests},
		CU_SUITE_INFO_NULL,
	};

	if (argc < 4) {
		fprintf(stderr, "usage: %s python3 akma_reference.py curl\n", argv[0]);
		return 2;
	}
	at_python = argv[1];
	at_ref_script = argv[2];
	curl_exe = argv[3];
	return agw_test_main(suites);
}
