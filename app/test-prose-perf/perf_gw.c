/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The gateway side of test-prose-perf: an LMDB store with the subscribers,
 * the store-backed UDM, the ProSe anchor, and the simulator hook used while
 * the CP-PRUKs are set up (each NAS message in its own transaction; the
 * time spent in lib/prose and the commit is summed).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agw_util.h"
#include "perf.h"

#define PERF_RELAY_SUPI "imsi-001019999999999"

uint64_t
perf_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void
perf_ue(unsigned int i, char supi[64], uint8_t k[16], uint8_t opc[16])
{
	snprintf(supi, 64, "imsi-00101%010u", i + 1);
	for (int j = 0; j < 16; j++) {
		k[j] = (uint8_t)(i * 31 + j * 7 + 1);
		opc[j] = (uint8_t)(i * 17 + j * 5 + 3);
	}
}

static int
add_sub(struct agw_store *s, const char *supi, const uint8_t k[16], const uint8_t opc[16])
{
	struct agw_store_sub sub;
	int rc;

	agw_store_sub_init(&sub);
	snprintf(sub.supi, sizeof(sub.supi), "%s", supi);
	memcpy(sub.k, k, 16);
	memcpy(sub.opc, opc, 16);
	snprintf(sub.rid, sizeof(sub.rid), "0");
	sub.flags = AGW_STORE_SUB_F_PROSE;
	rc = agw_store_sub_put(s, &sub);
	agw_store_sub_clear(&sub);
	return rc;
}

int
perf_provision(struct perf_gw *g, unsigned int n)
{
	uint8_t k[16], opc[16];
	char supi[64];
	int rc = agw_store_txn_begin(g->store);

	for (unsigned int i = 0; rc == 0 && i < n; i++) {
		perf_ue(i, supi, k, opc);
		rc = add_sub(g->store, supi, k, opc);
	}
	memset(k, 0x5a, 16);
	if (rc == 0)
		rc = add_sub(g->store, PERF_RELAY_SUPI, k, k);
	if (rc != 0) {
		agw_store_txn_abort(g->store);
		return rc;
	}
	return agw_store_txn_commit(g->store);
}

int
perf_gw_open(struct perf_gw *g, const struct perf_opts *o)
{
	struct agw_store_conf sc = {.backend = "lmdb", .create = 1, .map_size = 4ull << 30};
	struct agw_prose_udm_conf uc = {.allow_null_scheme = 1, .sqn_block = 1024};
	struct agw_prose_conf pc;
	char err[160] = "";

	memset(g, 0, sizeof(*g));
	if (o->dir == NULL) {
		snprintf(g->dir, sizeof(g->dir), "/tmp/agw-prose-perf-XXXXXX");
		if (mkdtemp(g->dir) == NULL)
			return -errno;
		g->own_dir = 1;
	} else {
		snprintf(g->dir, sizeof(g->dir), "%s", o->dir);
	}
	sc.path = g->dir;
	sc.sync = o->sync ? AGW_STORE_SYNC_FULL : AGW_STORE_SYNC_NONE;
	g->store = agw_store_open(&sc);
	if (g->store == NULL)
		return -errno;
	uc.store = g->store;
	g->udm = agw_prose_udm_create(&uc);
	agw_prose_conf_init(&pc);
	memcpy(pc.mcc, "001", 4);
	memcpy(pc.mnc, "01", 3);
	pc.authz = (enum agw_prose_authz_mode)o->authz;
	pc.capacity = o->ues + 16;
	pc.max_pending = 64;
	pc.max_links = 65536;
	pc.udm = &agw_prose_udm_store_ops;
	pc.udm_arg = g->udm;
	pc.store = g->store;
	pc.err = err;
	pc.err_len = sizeof(err);
	g->p = g->udm == NULL ? NULL : agw_prose_create(&pc);
	if (g->p == NULL) {
		fprintf(stderr, "agw_prose_create: %s %s\n", strerror(errno), err);
		return -EINVAL;
	}
	agw_prose_out_init(&g->out);
	return psim_relay_init(&g->relay, 1, PERF_RELAY_SUPI, "001", "01", 2);
}

void
perf_gw_close(struct perf_gw *g)
{
	char path[512];
	struct dirent *e;
	DIR *d;

	psim_relay_fini(&g->relay);
	agw_prose_free(g->p);
	agw_prose_udm_free(g->udm);
	agw_store_close(g->store);
	agw_prose_out_init(&g->out);
	if (!g->own_dir)
		return;
	d = opendir(g->dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", g->dir, e->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(g->dir);
}

static int
gw_ul(void *arg, struct psim_relay *y, const uint8_t *nas, size_t len, struct psim_msg *dl,
      unsigned int *n_dl, unsigned int max_dl)
{
	struct perf_gw *g = arg;
	struct agw_prose_relay r = {.ue = y->ue, .supi = y->supi, .amf_plmn = y->plmn};
	uint64_t t0 = perf_now_ns();
	int rc = agw_store_txn_begin(g->store);

	agw_prose_out_reset(&g->out);
	if (rc == 0)
		rc = agw_prose_relay_nas(g->p, &r, nas, len, &g->out);
	if (rc == 0 && agw_store_txn_commit(g->store) == 0) {
		agw_prose_store_committed(g->p);
		g->commits++;
	} else {
		agw_store_txn_abort(g->store);
		agw_prose_store_rollback(g->p);
		g->out.n_dl = 0;
	}
	g->gw_ns += perf_now_ns() - t0;
	for (uint16_t i = 0; i < g->out.n_dl && *n_dl < max_dl; i++, (*n_dl)++) {
		memcpy(dl[*n_dl].buf, g->out.dl[i].nas, g->out.dl[i].len);
		dl[*n_dl].len = g->out.dl[i].len;
	}
	return 0;
}

const struct psim_gw_ops perf_gw_ops = {.ul_nas = gw_ul, .pc5_check = NULL};
