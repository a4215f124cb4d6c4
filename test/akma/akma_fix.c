/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/* Fixtures of the AKMA tests (akma_test.h). */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agw_util.h"
#include "akma_test.h"

const char *at_python;
const char *at_ref_script;

/* Atomic: the SBI test moves the clock while the server thread reads it. */
static uint64_t
at_clock(void *arg)
{
	return __atomic_load_n((uint64_t *)arg, __ATOMIC_RELAXED);
}

void
at_fix_init(struct at_fix *f)
{
	static const uint8_t ua_tls[5] = {0x01, 0x00, 0x00, 0x00, 0x02};
	static const uint8_t ua_other[5] = {0x01, 0x00, 0x00, 0x01, 0x00};

	memset(f, 0, sizeof(*f));
	agw_akma_conf_init(&f->conf);
	memcpy(f->conf.mcc, AT_MCC, 4);
	memcpy(f->conf.mnc, AT_MNC, 3);
	f->af[0] = (struct agw_akma_af_conf){"af1", "af.example.com", "af.example.com", {0}, 1};
	memcpy(f->af[0].ua_proto, ua_tls, 5);
	f->af[1] = (struct agw_akma_af_conf){"af2", "app2.example.org", "app2.example.org", {0}, 0};
	memcpy(f->af[1].ua_proto, ua_other, 5);
	f->af[2] = (struct agw_akma_af_conf){"af3", "edge.example.net", "edge.example.net", {0}, 1};
	memcpy(f->af[2].ua_proto, ua_tls, 5);
	f->served_a1[0] = "af1";
	f->served_a1[1] = "af2";
	f->served_a2[0] = "af3";
	f->aanf[0] = (struct agw_akma_aanf_conf){"a1", "http://127.0.0.1:1", f->served_a1, 2};
	f->aanf[1] = (struct agw_akma_aanf_conf){"a2", "http://127.0.0.1:2", f->served_a2, 1};
	f->aanf[2] = (struct agw_akma_aanf_conf){"a3", "http://127.0.0.1:3", NULL, 0};
	f->conf.aanf = f->aanf;
	f->conf.n_aanf = AT_N_AANF;
	f->conf.af = f->af;
	f->conf.n_af = AT_N_AF;
	f->conf.rules = f->rules;
	f->now = 1700000000;
	f->conf.now = at_clock;
	f->conf.now_arg = &f->now;
	f->conf.err = f->err;
	f->conf.err_len = sizeof(f->err);
}

struct agw_akma *
at_create(struct at_fix *f)
{
	f->conf.store = f->store;
	f->ak = agw_akma_create(&f->conf);
	if (f->ak == NULL)
		fprintf(stderr, "\n  agw_akma_create: %s (%s)\n", strerror(errno), f->err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->ak);
	return f->ak;
}

void
at_fix_fini(struct at_fix *f)
{
	agw_akma_free(f->ak);
	f->ak = NULL;
	agw_store_close(f->store);
	f->store = NULL;
	if (f->dir != NULL)
		at_rmdir(f->dir);
	f->dir = NULL;
}

char *
at_mkdir(void)
{
	char tmpl[] = "/tmp/agw-akma-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d != NULL ? strdup(d) : NULL;
}

void
at_rmdir(char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

struct agw_store *
at_store_open(const char *dir)
{
	struct agw_store_conf c = {.backend = "lmdb", .path = dir, .sync = AGW_STORE_SYNC_NONE};
	struct agw_store *s = agw_store_open(&c);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

void
at_kausf(unsigned int n, uint8_t k[32])
{
	uint64_t x = 0x9e3779b97f4a7c15ull * (n + 1);

	for (int i = 0; i < 32; i++) {
		x ^= x >> 29;
		x *= 0xbf58476d1ce4e5b9ull;
		k[i] = (uint8_t)(x >> 56);
	}
}

void
at_supi(unsigned int n, char supi[AGW_AKMA_SUPI_MAX])
{
	snprintf(supi, AGW_AKMA_SUPI_MAX, "imsi-00101%010u", n);
}

int
at_auth(struct at_fix *f, unsigned int n, const struct agw_akma_aux *aux, struct agw_akma_ident *id)
{
	char supi[AGW_AKMA_SUPI_MAX];
	uint8_t k[32];
	struct agw_akma_auth a = {supi, k, AT_RID, 1, 1, aux};
	int rc;

	at_supi(n, supi);
	at_kausf(n, k);
	rc = agw_akma_ausf_auth_result(f->ak, &a, id);
	agw_memzero(k, sizeof(k));
	return rc;
}

enum agw_akma_verdict
at_kaf(struct agw_akma_aanf *aanf, const char *akid, const char *af_id, int redirected,
       struct agw_akma_kaf_resp *rs)
{
	struct agw_akma_kaf_req rq = {akid,	     strlen(akid),	  af_id,
				      strlen(af_id), (uint8_t)redirected, 0};

	return agw_akma_aanf_kaf_get(aanf, &rq, rs);
}

size_t
at_af_id(const struct at_fix *f, unsigned int i, uint8_t *out)
{
	size_t n = strlen(f->af[i].fqdn);

	memcpy(out, f->af[i].fqdn, n);
	memcpy(out + n, f->af[i].ua_proto, 5);
	return n + 5;
}

static void
hex_line(FILE *fp, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%02x", b[i]);
}

int
at_ref(const struct at_ref_in *in, struct at_ref_out *out, unsigned int n)
{
	char tmpl[] = "/tmp/agw-akma-ref-XXXXXX", cmd[1024], a[65], b[65], c[65], line[256];
	int fd = mkstemp(tmpl), rc = 0;
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		return -1;
	for (unsigned int i = 0; i < n; i++) {
		hex_line(fp, in[i].kausf, 32);
		fprintf(fp, " %s ", in[i].supi);
		hex_line(fp, in[i].af_id, in[i].af_id_len);
		fprintf(fp, "\n");
	}
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' batch < %s", at_python, at_ref_script, tmpl);
	fp = popen(cmd, "r");
	/* Whole lines, then everything up to EOF: the child is never cut off. */
	for (unsigned int i = 0; fp != NULL && i < n && rc == 0; i++) {
		if (fgets(line, sizeof(line), fp) == NULL ||
		    sscanf(line, "%64s %64s %64s", a, b, c) != 3 ||
		    agw_hex_decode(a, out[i].kakma, 32) != 32 ||
		    agw_hex_decode(b, out[i].atid, 32) != 32 ||
		    agw_hex_decode(c, out[i].kaf, 32) != 32)
			rc = -1;
	}
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		;
	if (fp == NULL || pclose(fp) != 0)
		rc = -1;
	unlink(tmpl);
	return rc;
}
