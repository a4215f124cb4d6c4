/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/* Fixture of the ProSe tests (prose_test.h). */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agw_nas5g.h"
#include "agw_test.h"
#include "agw_util.h"
#include "prose_test.h"

const char *pt_python;
const char *pt_ref_script;

static uint64_t
pt_clock(void *arg)
{
	return *(uint64_t *)arg;
}

void
pt_supi(unsigned int i, char supi[64])
{
	snprintf(supi, 64, "imsi-00101%010u", 1 + i);
}

static void
ue_k(unsigned int i, uint8_t k[16], uint8_t opc[16])
{
	for (int j = 0; j < 16; j++) {
		k[j] = (uint8_t)(0x40 + 7 * i + j);
		opc[j] = (uint8_t)(0xc0 ^ (13 * i + 3 * j));
	}
}

static void
add_sub(struct pt_fix *f, const char *supi, unsigned int i)
{
	struct agw_store_sub s;

	agw_store_sub_init(&s);
	snprintf(s.supi, sizeof(s.supi), "%s", supi);
	ue_k(i, s.k, s.opc);
	snprintf(s.rid, sizeof(s.rid), "%s", PT_RID);
	s.flags = AGW_STORE_SUB_F_PROSE;
	CU_ASSERT_EQUAL_FATAL(agw_store_sub_add(f->store, &s), 0);
	agw_store_sub_clear(&s);
}

static struct agw_store *
store_open(const char *dir)
{
	struct agw_store_conf c = {.backend = "lmdb", .path = dir, .sync = AGW_STORE_SYNC_NONE};
	struct agw_store *s = agw_store_open(&c);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

static int gw_ul(void *arg, struct psim_relay *y, const uint8_t *nas, size_t len,
		 struct psim_msg *dl, unsigned int *n_dl, unsigned int max_dl);
static int gw_pc5(void *arg, struct psim_relay *y, uint8_t prti, uint8_t *msg, size_t len,
		  uint8_t dir);

void
pt_fix_init(struct pt_fix *f, int method)
{
	char tmpl[] = "/tmp/agw-prose-test-XXXXXX", supi[64];
	struct psim_remote_conf rc;

	memset(f, 0, sizeof(*f));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpl));
	f->dir = strdup(tmpl);
	f->store = store_open(f->dir);
	f->now = PT_T0;
	f->now_ms = 1000;
	for (unsigned int i = 0; i < PT_UES; i++) {
		pt_supi(i, supi);
		add_sub(f, supi, i);
		memset(&rc, 0, sizeof(rc));
		rc.supi = supi;
		ue_k(i, rc.k, rc.opc);
		memcpy(rc.mcc, PT_MCC, 4);
		memcpy(rc.mnc, PT_MNC, 3);
		memcpy(rc.rid, PT_RID, 5);
		rc.method = method;
		CU_ASSERT_EQUAL_FATAL(psim_remote_init(&f->ue[i], &rc), 0);
	}
	add_sub(f, PT_RELAY_SUPI, 99);
	CU_ASSERT_EQUAL_FATAL(psim_relay_init(&f->relay, 77, PT_RELAY_SUPI, "001", "01", 2), 0);
	f->udm_conf.store = f->store;
	f->udm_conf.allow_null_scheme = 1;
	f->udm = agw_prose_udm_create(&f->udm_conf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->udm);
	agw_prose_conf_init(&f->conf);
	memcpy(f->conf.mcc, PT_MCC, 4);
	memcpy(f->conf.mnc, PT_MNC, 3);
	f->conf.udm = &agw_prose_udm_store_ops;
	f->conf.udm_arg = f->udm;
	f->conf.store = f->store;
	f->conf.now = pt_clock;
	f->conf.now_arg = &f->now;
	f->conf.err = f->err;
	f->conf.err_len = sizeof(f->err);
	f->eng = agw_nas_sec_engine_create();
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->eng);
	f->ops.ul_nas = gw_ul;
	f->ops.pc5_check = gw_pc5;
}

struct agw_prose *
pt_create(struct pt_fix *f)
{
	struct agw_prose_out out;

	f->conf.store = f->store;
	f->conf.udm_arg = f->udm;
	f->p = agw_prose_create(&f->conf);
	if (f->p == NULL)
		fprintf(stderr, "\n  agw_prose_create: %s (%s)\n", strerror(errno), f->err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->p);
	memset(&out, 0, sizeof(out));
	agw_prose_tick(f->p, f->now_ms, &out);
	return f->p;
}

void
pt_restart(struct pt_fix *f)
{
	agw_prose_free(f->p);
	agw_prose_udm_free(f->udm);
	agw_store_close(f->store);
	f->store = store_open(f->dir);
	f->udm_conf.store = f->store;
	f->udm = agw_prose_udm_create(&f->udm_conf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->udm);
	pt_create(f);
}

void
pt_fix_fini(struct pt_fix *f)
{
	char path[512];
	struct dirent *e;
	DIR *d;

	agw_prose_free(f->p);
	agw_prose_udm_free(f->udm);
	agw_store_close(f->store);
	for (unsigned int i = 0; i < PT_UES; i++)
		psim_remote_fini(&f->ue[i]);
	psim_relay_fini(&f->relay);
	agw_nas_sec_engine_free(f->eng);
	d = opendir(f->dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(f->dir);
	free(f->dir);
	memset(f, 0, sizeof(*f));
}

/* What the gateway sent: results, link per PRTI, K_NR_ProSe of an accept. */
static void
observe(struct pt_fix *f, const struct agw_prose_out *out)
{
	for (uint16_t i = 0; i < out->n_res; i++) {
		if (f->seen.n_res < 8)
			f->seen.res[f->seen.n_res++] = out->res[i];
		if (out->res[i].verdict == AGW_PROSE_V_OK)
			f->link[out->res[i].prti] = out->res[i].link;
	}
	for (uint16_t i = 0; i < out->n_dl; i++) {
		struct agw_nas5g_msg m;
		struct agw_nas5g_relay_key_resp kr;
		const struct agw_nas_ie *ie;

		if (out->dl[i].msg_type != AGW_NAS5G_MT_RELAY_KEY_ACCEPT ||
		    agw_nas5g_decode(out->dl[i].nas, out->dl[i].len, &m) != 0)
			continue;
		ie = agw_nas_get(&m.ies, AGW_NAS5G_F_RELAY_KEY_RESPONSE_PARAMS);
		if (ie != NULL && agw_nas5g_relay_key_resp_decode(ie->v, ie->len, &kr) == 0) {
			memcpy(f->seen.knr, kr.k_nr_prose, 32);
			memcpy(f->seen.nonce2, kr.nonce2, 16);
			f->seen.have_knr = 1;
		}
	}
}

void
pt_ul_nas(struct pt_fix *f, const uint8_t *nas, size_t len, struct agw_prose_out *out)
{
	struct agw_prose_relay relay = {
		.ue = f->relay.ue, .supi = f->relay.supi, .amf_plmn = f->relay.plmn};

	if (f->group_commit)
		CU_ASSERT_EQUAL(agw_store_txn_begin(f->store), 0);
	agw_prose_out_init(out);
	CU_ASSERT_EQUAL(agw_prose_relay_nas(f->p, &relay, nas, len, out), 0);
	if (f->group_commit && f->fail_commit > 0 && --f->fail_commit == 0) {
		agw_store_txn_abort(f->store);
		agw_prose_store_rollback(f->p);
		out->n_dl = 0; /* the held messages are dropped */
	} else if (f->group_commit) {
		CU_ASSERT_EQUAL(agw_store_txn_commit(f->store), 0);
		agw_prose_store_committed(f->p);
	}
	observe(f, out);
}

static int
gw_ul(void *arg, struct psim_relay *y, const uint8_t *nas, size_t len, struct psim_msg *dl,
      unsigned int *n_dl, unsigned int max_dl)
{
	struct pt_fix *f = arg;
	struct agw_prose_out out;

	(void)y;
	pt_ul_nas(f, nas, len, &out);
	for (uint16_t i = 0; i < out.n_dl && *n_dl < max_dl; i++) {
		memcpy(dl[*n_dl].buf, out.dl[i].nas, out.dl[i].len);
		dl[*n_dl].len = out.dl[i].len;
		if (f->tamper != NULL)
			f->tamper(f, &dl[*n_dl]);
		(*n_dl)++;
	}
	agw_prose_out_reset(&out);
	return 0;
}

static int
gw_pc5(void *arg, struct psim_relay *y, uint8_t prti, uint8_t *msg, size_t len, uint8_t dir)
{
	struct pt_fix *f = arg;
	struct agw_prose_pc5_op op = {
		.link = f->link[prti], .msg = msg, .len = (uint16_t)len, .dir = dir};

	(void)y;
	if (f->seen.n_pc5 < 4 && len <= sizeof(f->seen.pc5_msg[0])) {
		memcpy(f->seen.pc5_msg[f->seen.n_pc5], msg, len);
		f->seen.pc5_len[f->seen.n_pc5] = (uint16_t)len;
	}
	agw_prose_pc5_verify_burst(f->p, f->eng, &op, 1);
	if (f->seen.n_pc5 < 4)
		f->seen.pc5_status[f->seen.n_pc5++] = op.status;
	return op.status == AGW_PROSE_PC5_OK ? 0 : -1;
}

void
pt_id_request(struct pt_fix *f, uint8_t prti, uint32_t rsc, const uint8_t nonce[16], int kui,
	      struct agw_prose_out *out)
{
	const struct psim_key *k = psim_remote_key(&f->ue[0], PT_RSC);
	struct agw_prose_key_req rq = {.prti = prti,
				       .rsc = rsc,
				       .nonce_1 = nonce,
				       .id_type = AGW_PROSE_ID_CP_PRUK,
				       .key_update = (uint8_t)kui};
	uint8_t nas[512];
	long n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	rq.ue_id = (const uint8_t *)k->id;
	rq.ue_id_len = (uint16_t)strlen(k->id);
	n = agw_prose_key_request_encode(&rq, nas, sizeof(nas));
	CU_ASSERT_FATAL(n > 0);
	memset(&f->seen, 0, sizeof(f->seen));
	pt_ul_nas(f, nas, (size_t)n, out);
}

void
pt_connect(struct pt_fix *f, unsigned int i, uint32_t rsc, struct psim_result *res)
{
	memset(&f->seen, 0, sizeof(f->seen));
	CU_ASSERT_EQUAL(psim_connect(&f->ue[i], &f->relay, rsc, f->now, &f->ops, f, res), 0);
}

const struct agw_prose_result *
pt_last(const struct pt_fix *f)
{
	static const struct agw_prose_result none = {.verdict = AGW_PROSE_V_MAX};

	return f->seen.n_res == 0 ? &none : &f->seen.res[f->seen.n_res - 1];
}

struct agw_prose_counters
pt_ctr(const struct pt_fix *f)
{
	struct agw_prose_counters c;

	agw_prose_counters(f->p, &c);
	return c;
}

void
pt_assert_same_keys(const struct pt_fix *f, const struct psim_result *res)
{
	CU_ASSERT_EQUAL(res->end, PSIM_END_ACCEPTED);
	CU_ASSERT(f->seen.have_knr);
	AGW_ASSERT_MEM_EQ(res->remote_knr, f->seen.knr, 32);
	AGW_ASSERT_MEM_EQ(res->relay_knr, f->seen.knr, 32);
	AGW_ASSERT_MEM_EQ(res->remote_sess, res->relay_sess, 32);
	AGW_ASSERT_MEM_EQ(res->remote_pik, res->relay_pik, 16);
	AGW_ASSERT_MEM_EQ(res->remote_pek, res->relay_pek, 16);
	/* The gateway's batch path verified the DSM Command and the Complete. */
	CU_ASSERT_EQUAL(f->seen.n_pc5, 2);
	CU_ASSERT_EQUAL(f->seen.pc5_status[0], AGW_PROSE_PC5_OK);
	CU_ASSERT_EQUAL(f->seen.pc5_status[1], AGW_PROSE_PC5_OK);
}

static void
hex(FILE *fp, const char *name, const uint8_t *b, size_t n)
{
	fprintf(fp, " %s=", name);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%02x", b[i]);
}

static int
parse_ref(const char *line, struct pt_ref *o)
{
	char f[12][260];

	if (sscanf(line, "%259s %259s %259s %259s %259s %259s %259s %259s %259s %259s %259s %259s",
		   f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]) != 12)
		return -1;
	if (strlen(f[6]) >= sizeof(o->id))
		return -1;
	memcpy(o->id, f[6], strlen(f[6]) + 1);
	return agw_hex_decode(f[0], o->ckp, 16) == 16 && agw_hex_decode(f[1], o->ikp, 16) == 16 &&
			       agw_hex_decode(f[2], o->kaut, 32) == 32 &&
			       agw_hex_decode(f[3], o->kausfp, 32) == 32 &&
			       agw_hex_decode(f[4], o->pruk, 32) == 32 &&
			       agw_hex_decode(f[5], o->idstar, 32) == 32 &&
			       agw_hex_decode(f[7], o->knr, 32) == 32 &&
			       agw_hex_decode(f[8], o->sess, 32) == 32 &&
			       agw_hex_decode(f[9], o->pik, 16) == 16 &&
			       agw_hex_decode(f[10], o->pek, 16) == 16 &&
			       agw_hex_decode(f[11], o->mac, 16) == 16
		       ? 0
		       : -1;
}

int
pt_reference(const struct pt_fix *f, unsigned int i, uint32_t rsc, const uint8_t n2[16],
	     uint8_t ialg, uint8_t ealg, struct pt_ref *out)
{
	const struct psim_remote *r = &f->ue[i];
	char tmpl[] = "/tmp/agw-prose-ref-XXXXXX", cmd[1024], line[2048];
	int fd = mkstemp(tmpl), rc = -1;
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		return -1;
	hex(fp, "ck", r->trace.ck, 16);
	hex(fp, "ik", r->trace.ik, 16);
	hex(fp, "sqnak", r->trace.autn, 6);
	fprintf(fp, " snn=%s supi=%s rsc=%06x", r->trace.netname, r->supi, rsc);
	hex(fp, "n1", r->nonce1, 16);
	hex(fp, "n2", n2, 16);
	fprintf(fp, " ialg=%u ealg=%u rid=%s mcc=%s mnc=%s", ialg, ealg, PT_RID, PT_MCC, PT_MNC);
	hex(fp, "eap", r->trace.eap_response, r->trace.eap_response_len);
	fprintf(fp, "\n");
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' chain < %s", pt_python, pt_ref_script, tmpl);
	fp = popen(cmd, "r");
	if (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		rc = parse_ref(line, out);
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		;
	if (fp == NULL || pclose(fp) != 0)
		rc = -1;
	unlink(tmpl);
	return rc;
}
