/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Naanf_AKMA (TS 29.535 5.1, Annex A.2; bodies from TS 29.522 A.x
 * AkmaAfKeyRequest / AkmaAfKeyData) over lib/akma: routing, request checks
 * in the order of TS 29.500 5.2.7 (resource, method, size, media type,
 * query, body), JSON through jansson, and the mapping of the lib/akma
 * verdicts to HTTP (doc/akma.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "agw_akma.h"
#include "agw_util.h"
#include "sbi_priv.h"

#define API_PREFIX "/naanf-akma/v1/"
#define OP_RETRIEVE "retrieve-applicationkey"
#define OP_REGISTER "register-anchorkey"
#define OP_REMOVE "remove-context"
#define Q_RELOCATED "relocated-from="

enum op { OP_NONE, OP_KAF, OP_REG, OP_RM };

/* ---------------------------------------------------------------------- */
/* JSON input                                                              */

static json_t *
parse_object(const struct sbi_stream *st, struct sbi_resp *rs)
{
	json_t *o = json_loadb((const char *)st->body, st->body_len, JSON_REJECT_DUPLICATES, NULL);

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		sbi_problem(rs, AGW_SBI_R_INVALID_MSG_FORMAT, "body is not a JSON object");
		return NULL;
	}
	return o;
}

/* Required string member; 0, or -1 with the problem set. */
static int
get_str(json_t *o, const char *name, const char **v, size_t *n, struct sbi_resp *rs)
{
	json_t *m = json_object_get(o, name);

	if (m == NULL) {
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_MISSING, name);
		return -1;
	}
	if (!json_is_string(m) || json_string_length(m) == 0) {
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, name);
		return -1;
	}
	*v = json_string_value(m);
	*n = json_string_length(m);
	return 0;
}

/* Optional boolean member: 0 (absent or false), 1, or -1 (not a boolean). */
static int
get_bool(json_t *o, const char *name, struct sbi_resp *rs)
{
	json_t *m = json_object_get(o, name);

	if (m == NULL)
		return 0;
	if (!json_is_boolean(m)) {
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, name);
		return -1;
	}
	return json_is_true(m);
}

/* ---------------------------------------------------------------------- */
/* retrieve-applicationkey                                                 */

/* DateTime (TS 29.571): RFC 3339 in UTC; the last second formatted is kept. */
static int
json_time(struct sbi_time_cache *tc, struct sbi_resp *rs, uint64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t != tc->t || tc->s[0] == '\0') {
		if (gmtime_r(&tt, &tm) == NULL ||
		    strftime(tc->s, sizeof(tc->s), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
			tc->s[0] = '\0';
			return -1;
		}
		tc->t = t;
	}
	return sbi_json_str(rs, tc->s, strlen(tc->s));
}

/* AkmaAfKeyData {kaf, expiry, supi?} (TS 29.522 AKMA API). */
static void
kaf_data(struct sbi_time_cache *tc, struct sbi_resp *rs, const struct agw_akma_kaf_resp *k)
{
	int rc;

	rs->status = 200;
	rs->result = AGW_SBI_R_OK;
	rs->ctype = "application/json";
	rs->body_len = 0;
	rc = sbi_json_raw(rs, "{\"kaf\":");
	rc |= sbi_json_hex(rs, k->kaf, sizeof(k->kaf));
	rc |= sbi_json_raw(rs, ",\"expiry\":");
	rc |= json_time(tc, rs, k->expiry);
	if (k->supi[0] != '\0') {
		rc |= sbi_json_raw(rs, ",\"supi\":");
		rc |= sbi_json_str(rs, k->supi, strlen(k->supi));
	}
	rc |= sbi_json_raw(rs, "}");
	if (rc != 0) {
		agw_memzero(rs->body, sizeof(rs->body));
		sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, NULL);
	}
}

/* 307 to the AAnF that serves the AF (seed 001 M19, [0189]). */
static void
redirect(struct sbi_resp *rs, const struct agw_akma_aanf *from, const struct agw_akma_aanf *to)
{
	const char *uri = agw_akma_aanf_uri(to);
	int n;

	if (uri[0] == '\0') {
		sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, "relocation target has no apiRoot");
		return;
	}
	n = snprintf(rs->location, sizeof(rs->location),
		     "%s" API_PREFIX OP_RETRIEVE "?" Q_RELOCATED "%s", uri, agw_akma_aanf_id(from));
	if (n <= 0 || (size_t)n >= sizeof(rs->location)) {
		rs->location[0] = '\0';
		sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, NULL);
		return;
	}
	/* RedirectResponse (TS 29.571): the cause only. */
	rs->status = 307;
	rs->result = AGW_SBI_R_REDIRECT;
	rs->ctype = "application/json";
	rs->body_len = 0;
	sbi_json_raw(rs, "{\"cause\":\"NF_CONSUMER_REDIRECT_ONE_TXN\"}");
}

static void
kaf_verdict(struct sbi_listener *l, struct sbi_resp *rs, enum agw_akma_verdict v,
	    const struct agw_akma_kaf_resp *k)
{
	switch (v) {
	case AGW_AKMA_V_OK:
		kaf_data(&l->s->time_cache, rs, k);
		break;
	case AGW_AKMA_V_RELOCATE:
		redirect(rs, l->aanf, k->target);
		break;
	case AGW_AKMA_V_UNKNOWN_AKID:
		/* TS 29.535 A.2: "204 No Content (the requested AKMA Application material does not
		 * exist)". */
		sbi_no_content(rs, AGW_SBI_R_NO_CONTENT_UNKNOWN);
		break;
	case AGW_AKMA_V_EXPIRED:
		sbi_no_content(rs, AGW_SBI_R_NO_CONTENT_EXPIRED);
		break;
	case AGW_AKMA_V_BAD_AKID:
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, "aKId");
		break;
	case AGW_AKMA_V_BAD_AF_ID:
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, "afId");
		break;
	case AGW_AKMA_V_AF_NOT_AUTHORISED:
		sbi_problem(rs, AGW_SBI_R_AF_NOT_AUTHORIZED, NULL);
		break;
	case AGW_AKMA_V_AF_MISMATCH:
		sbi_problem(rs, AGW_SBI_R_AF_ID_MISMATCH, NULL);
		break;
	default:
		sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, NULL);
		break;
	}
}

static void
retrieve(struct sbi_listener *l, const struct sbi_stream *st, int redirected, struct sbi_resp *rs)
{
	struct agw_akma_kaf_req rq = {.redirected = (uint8_t)redirected};
	struct agw_akma_kaf_resp k;
	enum agw_akma_verdict v;
	json_t *o = parse_object(st, rs);
	int anon;

	if (o == NULL)
		return;
	if (get_str(o, "afId", &rq.af_id, &rq.af_id_len, rs) == 0 &&
	    get_str(o, "aKId", &rq.akid, &rq.akid_len, rs) == 0 &&
	    (anon = get_bool(o, "anonInd", rs)) >= 0) {
		rq.anonymous = (uint8_t)anon;
		v = agw_akma_aanf_kaf_get(l->aanf, &rq, &k);
		kaf_verdict(l, rs, v, &k);
		agw_akma_kaf_resp_clear(&k);
	}
	json_decref(o);
}

/* ---------------------------------------------------------------------- */
/* register-anchorkey, remove-context                                      */

/* AkmaKeyInfo {supi, aKId, kAkma} (TS 29.535 A.2); the 200 body echoes it. */
static void
register_key(struct agw_akma_aanf *aanf, const struct sbi_stream *st, struct sbi_resp *rs)
{
	const char *supi, *akid, *hex;
	size_t ns, na, nh;
	uint8_t kakma[32];
	json_t *o = parse_object(st, rs);
	int rc;

	if (o == NULL)
		return;
	if (get_str(o, "supi", &supi, &ns, rs) != 0 || get_str(o, "aKId", &akid, &na, rs) != 0 ||
	    get_str(o, "kAkma", &hex, &nh, rs) != 0)
		goto out;
	if (nh != 64 || agw_hex_decode(hex, kakma, sizeof(kakma)) != 32) {
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, "kAkma");
		goto out;
	}
	rc = agw_akma_aanf_register(aanf, supi, akid, kakma);
	if (rc == -EINVAL) {
		sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, "supi or aKId");
	} else if (rc != 0) {
		sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, NULL);
	} else {
		rs->status = 200;
		rs->result = AGW_SBI_R_OK;
		rs->ctype = "application/json";
		rs->body_len = 0;
		rc = sbi_json_raw(rs, "{\"supi\":");
		rc |= sbi_json_str(rs, supi, ns);
		rc |= sbi_json_raw(rs, ",\"aKId\":");
		rc |= sbi_json_str(rs, akid, na);
		rc |= sbi_json_raw(rs, ",\"kAkma\":");
		rc |= sbi_json_hex(rs, kakma, 32);
		rc |= sbi_json_raw(rs, "}");
		if (rc != 0) {
			agw_memzero(rs->body, sizeof(rs->body));
			sbi_problem(rs, AGW_SBI_R_SYSTEM_FAILURE, NULL);
		}
	}
out:
	agw_memzero(kakma, sizeof(kakma));
	json_decref(o);
}

/* CtxRemove {supi} (TS 29.535 A.2): 204 when removed. */
static void
remove_ctx(struct agw_akma_aanf *aanf, const struct sbi_stream *st, struct sbi_resp *rs)
{
	const char *supi;
	size_t n;
	json_t *o = parse_object(st, rs);
	int rc;

	if (o == NULL)
		return;
	if (get_str(o, "supi", &supi, &n, rs) == 0) {
		rc = agw_akma_aanf_remove(aanf, supi);
		if (rc == 0)
			sbi_no_content(rs, AGW_SBI_R_REMOVED);
		else if (rc == -ENOENT)
			sbi_problem(rs, AGW_SBI_R_CONTEXT_NOT_FOUND, NULL);
		else
			sbi_problem(rs, AGW_SBI_R_MANDATORY_IE_INCORRECT, "supi");
	}
	json_decref(o);
}

/* ---------------------------------------------------------------------- */
/* Routing                                                                 */

static enum op
op_of(const char *path, size_t n)
{
	const size_t p = sizeof(API_PREFIX) - 1;

#define IS_(name) (n == p + sizeof(name) - 1 && memcmp(path + p, name, sizeof(name) - 1) == 0)
	if (IS_(OP_RETRIEVE))
		return OP_KAF;
	if (IS_(OP_REGISTER))
		return OP_REG;
	if (IS_(OP_REMOVE))
		return OP_RM;
#undef IS_
	return OP_NONE;
}

/*
 * Query of retrieve-applicationkey: only "relocated-from=<AAnF id>"
 * (anchorgw's marker of a redirected request, [0191]). 1 redirected, 0 no
 * query, -1 refused.
 */
static int
query_of(enum op op, const char *q)
{
	const size_t k = sizeof(Q_RELOCATED) - 1;
	size_t n;

	if (q == NULL)
		return 0;
	if (op != OP_KAF || strncmp(q, Q_RELOCATED, k) != 0)
		return -1;
	n = strlen(q + k);
	if (n == 0 || n > AGW_AKMA_LABEL_MAX ||
	    strspn(q + k, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return -1;
	return 1;
}

/* Checks before the body: resource, method, size, media type, query. */
static enum op
route(struct sbi_stream *st, struct sbi_resp *rs, int *redirected)
{
	char *q = strchr(st->path, '?');
	size_t n;
	enum op op;

	if (q != NULL)
		*q++ = '\0';
	n = strlen(st->path);
	if (st->path_too_long || strncmp(st->path, API_PREFIX, sizeof(API_PREFIX) - 1) != 0) {
		sbi_problem(rs, AGW_SBI_R_INVALID_API, NULL);
		return OP_NONE;
	}
	op = op_of(st->path, n);
	if (op == OP_NONE) {
		sbi_problem(rs, AGW_SBI_R_RESOURCE_NOT_FOUND, NULL);
	} else if (st->method != SBI_M_POST) {
		sbi_problem(rs, AGW_SBI_R_METHOD_NOT_ALLOWED, "POST only");
		rs->allow_post = 1;
	} else if (st->too_large) {
		sbi_problem(rs, AGW_SBI_R_CONTENT_TOO_LARGE, NULL);
	} else if (!st->has_ctype || !st->ctype_json) {
		sbi_problem(rs, AGW_SBI_R_UNSUPPORTED_MEDIA_TYPE, "application/json expected");
	} else if ((*redirected = query_of(op, q)) < 0) {
		sbi_problem(rs, AGW_SBI_R_INVALID_QUERY_PARAM, NULL);
	} else {
		return op;
	}
	return OP_NONE;
}

void
sbi_naanf_dispatch(struct sbi_listener *l, struct sbi_stream *st)
{
	struct sbi_resp *rs = &st->resp;
	int redirected = 0;

	switch (route(st, rs, &redirected)) {
	case OP_KAF:
		retrieve(l, st, redirected, rs);
		break;
	case OP_REG:
		register_key(l->aanf, st, rs);
		break;
	case OP_RM:
		remove_ctx(l->aanf, st, rs);
		break;
	default:
		break;
	}
	/* The request body is no longer needed (it may hold K_AKMA). */
	agw_memzero(st->body, st->body_len);
}
