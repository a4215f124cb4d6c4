/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * test-prose-perf: benchmark program (not a test).
 *
 *   test-prose-perf [--ues N] [--requests M] [--batch B] [--sync]
 *                   [--authz local|panf-udm|ausf-udm] [--dir DIR]
 *
 * Relay Key Requests per second through lib/prose on one thread (what the
 * control lcore does): the AMF(relay) check, the AUSF ProseAuthenticate
 * with the PAnF get, the authorisation check, the Nonce_1 replay check and
 * its store write, K_NR_ProSe with a fresh Nonce_2, the Relay Key Accept,
 * and the PC5 link keys for the batch path. Store writes are group-
 * committed, B requests per transaction, and a request's Relay Key Accept
 * counts as sent when its transaction committed: latency = commit end -
 * start of the request's processing (p50/p99), beside the processing time
 * alone.
 *
 * First N remote UEs get their CP-PRUK through the whole EAP-AKA' flow with
 * the simulator (reported as the new-key rate, gateway-side time only); the
 * measured requests then reuse them, one prebuilt Relay Key Request per
 * request with a fresh Nonce_1. Every 64th K_NR_ProSe is compared with one
 * derived here from the UE's CP-PRUK with lib/crypto.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_rand.h"
#include "agw_util.h"
#include "perf.h"

#define RSC 0x00a1b2u

struct ue_key {
	uint8_t pruk[32];
	char id[PSIM_ID_MAX + 1];
};

struct req {
	uint16_t len;
	uint16_t ue;
	uint8_t nonce1[16];
	uint8_t nas[200];
};

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [options]\n"
		"  --ues N        remote UEs with a CP-PRUK (default 10000)\n"
		"  --requests M   measured Relay Key Requests (default 200000)\n"
		"  --batch B      requests per store transaction (default 64)\n"
		"  --sync         fsync at each commit (default: no sync, UNSAFE)\n"
		"  --authz MODE   local | panf-udm | ausf-udm (default local)\n"
		"  --dir DIR      store directory (default: a temporary one)\n",
		prog);
}

static int
parse(int argc, char **argv, struct perf_opts *o)
{
	static const struct option lo[] = {
		{"ues", 1, NULL, 'u'},	{"requests", 1, NULL, 'r'}, {"batch", 1, NULL, 'b'},
		{"sync", 0, NULL, 's'}, {"authz", 1, NULL, 'a'},    {"dir", 1, NULL, 'd'},
		{"help", 0, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct perf_opts){10000, 200000, 64, 0, AGW_PROSE_AUTHZ_PANF_LOCAL, NULL};
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'u')
			o->ues = (unsigned int)strtoul(optarg, NULL, 0);
		else if (c == 'r')
			o->requests = (unsigned int)strtoul(optarg, NULL, 0);
		else if (c == 'b')
			o->batch = (unsigned int)strtoul(optarg, NULL, 0);
		else if (c == 's')
			o->sync = 1;
		else if (c == 'd')
			o->dir = optarg;
		else if (c == 'a' && strcmp(optarg, "local") == 0)
			o->authz = AGW_PROSE_AUTHZ_PANF_LOCAL;
		else if (c == 'a' && strcmp(optarg, "panf-udm") == 0)
			o->authz = AGW_PROSE_AUTHZ_PANF_UDM;
		else if (c == 'a' && strcmp(optarg, "ausf-udm") == 0)
			o->authz = AGW_PROSE_AUTHZ_AUSF_UDM;
		else
			return -1;
	}
	return o->ues >= 1 && o->ues <= 60000 && o->requests >= 1 && o->batch >= 1 ? 0 : -1;
}

/* Every UE gets its CP-PRUK through the EAP-AKA' flow. */
static int
setup(struct perf_gw *g, unsigned int n, struct ue_key *keys, double *rate)
{
	struct agw_nas_sec_engine *eng = agw_nas_sec_engine_create();
	struct psim_remote_conf rc;
	struct psim_remote r;
	struct psim_result res;
	char supi[64];
	int rc_ = 0;

	if (eng == NULL)
		return -ENOMEM;
	g->gw_ns = 0;
	for (unsigned int i = 0; i < n && rc_ == 0; i++) {
		memset(&rc, 0, sizeof(rc));
		perf_ue(i, supi, rc.k, rc.opc);
		rc.supi = supi;
		memcpy(rc.mcc, "001", 4);
		memcpy(rc.mnc, "01", 3);
		rc.method = PSIM_METHOD_SUCI;
		rc.eng = eng;
		rc_ = psim_remote_init(&r, &rc);
		if (rc_ == 0)
			rc_ = psim_connect(&r, &g->relay, RSC, 1700000000, &perf_gw_ops, g, &res);
		if (rc_ == 0 && (res.end != PSIM_END_ACCEPTED || !res.eap_ran))
			rc_ = -EPROTO;
		if (rc_ == 0) {
			memcpy(keys[i].pruk, psim_remote_key(&r, RSC)->pruk, 32);
			snprintf(keys[i].id, sizeof(keys[i].id), "%s",
				 psim_remote_key(&r, RSC)->id);
		}
		psim_remote_fini(&r);
	}
	agw_nas_sec_engine_free(eng);
	*rate = g->gw_ns ? n / (g->gw_ns / 1e9) : 0;
	return rc_;
}

static int
build(const struct perf_opts *o, const struct ue_key *keys, struct req *rq)
{
	for (unsigned int j = 0; j < o->requests; j++) {
		struct agw_prose_key_req k = {.prti = (uint8_t)(1 + j % 250),
					      .rsc = RSC,
					      .id_type = AGW_PROSE_ID_CP_PRUK};
		long n;

		rq[j].ue = (uint16_t)(j % o->ues);
		if (agw_rand_bytes(rq[j].nonce1, 16) != 0)
			return -EIO;
		k.nonce_1 = rq[j].nonce1;
		k.ue_id = (const uint8_t *)keys[rq[j].ue].id;
		k.ue_id_len = (uint16_t)strlen(keys[rq[j].ue].id);
		n = agw_prose_key_request_encode(&k, rq[j].nas, sizeof(rq[j].nas));
		if (n < 0)
			return (int)n;
		rq[j].len = (uint16_t)n;
	}
	return 0;
}

/* K_NR_ProSe of the accept = KDF(CP-PRUK, Nonce_2, Nonce_1) done here. */
static int
check_knr(const struct agw_prose_dl *d, const struct req *r, const struct ue_key *k)
{
	uint8_t want[32];
	const uint8_t *prm = d->nas + 6; /* 7E 00 6A PRTI len(2) | K_NR_ProSe | Nonce_2 */
	int ok;

	if (d->msg_type != AGW_NAS5G_MT_RELAY_KEY_ACCEPT || d->len < 6 + 48 ||
	    agw_kdf_knr_prose(k->pruk, r->nonce1, prm + 32, want) != 0)
		return 0;
	ok = memcmp(want, prm, 32) == 0;
	agw_memzero(want, sizeof(want));
	return ok;
}

struct stats {
	uint64_t *lat;	/* ns: start of processing -> commit end */
	uint64_t *proc; /* ns: processing only */
	uint64_t ok, other, checked, bad, commits, commit_fail, commit_ns;
	double seconds;
};

static int
run(struct perf_gw *g, const struct perf_opts *o, const struct req *rq, const struct ue_key *keys,
    struct stats *s)
{
	struct agw_prose_relay relay = {
		.ue = g->relay.ue, .supi = g->relay.supi, .amf_plmn = g->relay.plmn};
	uint64_t t_all = perf_now_ns();

	for (unsigned int b = 0; b < o->requests; b += o->batch) {
		unsigned int e = b + o->batch < o->requests ? b + o->batch : o->requests;
		uint64_t t_end;

		if (agw_store_txn_begin(g->store) != 0)
			return -EIO;
		for (unsigned int j = b; j < e; j++) {
			uint64_t t0 = perf_now_ns();

			agw_prose_out_reset(&g->out);
			agw_prose_relay_nas(g->p, &relay, rq[j].nas, rq[j].len, &g->out);
			s->proc[j] = perf_now_ns() - t0;
			s->lat[j] = t0;
			if (g->out.n_res == 1 && g->out.res[0].verdict == AGW_PROSE_V_OK)
				s->ok++;
			else
				s->other++;
			if (j % 64 == 0 && g->out.n_dl == 1) {
				s->checked++;
				s->bad += !check_knr(&g->out.dl[0], &rq[j], &keys[rq[j].ue]);
			}
		}
		t_end = perf_now_ns();
		if (agw_store_txn_commit(g->store) == 0) {
			agw_prose_store_committed(g->p);
			s->commits++;
		} else {
			agw_prose_store_rollback(g->p);
			s->commit_fail++;
		}
		s->commit_ns += perf_now_ns() - t_end;
		t_end = perf_now_ns();
		for (unsigned int j = b; j < e; j++)
			s->lat[j] = t_end - s->lat[j];
	}
	s->seconds = (perf_now_ns() - t_all) / 1e9;
	agw_prose_out_reset(&g->out);
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double
pct(uint64_t *v, unsigned int n, double p)
{
	return v[(size_t)(p * (n - 1))] / 1e3;
}

static void
report(const struct perf_gw *g, const struct perf_opts *o, struct stats *s, double new_rate)
{
	static const char *const az[] = {"PAnF stored information", "PAnF asks the UDM",
					 "AUSF asks the UDM"};
	struct agw_prose_counters c;

	agw_prose_counters(g->p, &c);
	qsort(s->lat, o->requests, sizeof(*s->lat), cmp_u64);
	qsort(s->proc, o->requests, sizeof(*s->proc), cmp_u64);
	printf("prose-perf: %u UEs, %u requests, batch %u, store %s, authorisation: %s\n", o->ues,
	       o->requests, o->batch, o->sync ? "fsync per commit" : "no sync (unsafe)",
	       az[o->authz]);
	printf("  relay key requests/s  %.0f  (%.2f s, one thread)\n", o->requests / s->seconds,
	       s->seconds);
	printf("  processing us         p50 %.1f  p99 %.1f  max %.1f\n",
	       pct(s->proc, o->requests, 0.5), pct(s->proc, o->requests, 0.99),
	       pct(s->proc, o->requests, 1.0));
	printf("  latency to commit us  p50 %.1f  p99 %.1f  max %.1f\n",
	       pct(s->lat, o->requests, 0.5), pct(s->lat, o->requests, 0.99),
	       pct(s->lat, o->requests, 1.0));
	printf("  commits               %lu (%lu failed), %.1f us each on average, %.0f %% of the "
	       "time\n",
	       (unsigned long)s->commits, (unsigned long)s->commit_fail,
	       s->commits ? s->commit_ns / 1e3 / s->commits : 0.0,
	       100.0 * s->commit_ns / 1e9 / s->seconds);
	printf("  verdicts              key_delivered %lu, other %lu\n", (unsigned long)s->ok,
	       (unsigned long)s->other);
	printf("  K_NR_ProSe checked    %lu against lib/crypto, %lu mismatches\n",
	       (unsigned long)s->checked, (unsigned long)s->bad);
	printf("  setup (EAP-AKA', new CP-PRUK) %.0f runs/s gateway side, 2 NAS + 2 commits each\n",
	       new_rate);
	printf("  counters              reused %lu, created %lu, pc5 links %lu (%lu recycled)\n",
	       (unsigned long)c.stat[AGW_PROSE_STAT_REUSED],
	       (unsigned long)c.stat[AGW_PROSE_STAT_CREATED],
	       (unsigned long)c.stat[AGW_PROSE_STAT_LINKS],
	       (unsigned long)c.stat[AGW_PROSE_STAT_LINKS_EXPIRED]);
}

int
main(int argc, char **argv)
{
	struct perf_opts o;
	struct perf_gw g;
	struct stats s;
	struct ue_key *keys;
	struct req *rq;
	double new_rate = 0;
	int rc;

	if (parse(argc, argv, &o) != 0) {
		usage(argv[0]);
		return 2;
	}
	keys = calloc(o.ues, sizeof(*keys));
	rq = calloc(o.requests, sizeof(*rq));
	memset(&s, 0, sizeof(s));
	s.lat = calloc(o.requests, sizeof(*s.lat));
	s.proc = calloc(o.requests, sizeof(*s.proc));
	if (keys == NULL || rq == NULL || s.lat == NULL || s.proc == NULL)
		return 1;
	rc = perf_gw_open(&g, &o);
	if (rc == 0)
		rc = perf_provision(&g, o.ues);
	if (rc == 0)
		rc = setup(&g, o.ues, keys, &new_rate);
	if (rc == 0)
		rc = build(&o, keys, rq);
	if (rc == 0)
		rc = run(&g, &o, rq, keys, &s);
	if (rc == 0)
		report(&g, &o, &s, new_rate);
	else
		fprintf(stderr, "test-prose-perf: %s\n", strerror(-rc));
	perf_gw_close(&g);
	agw_memzero(keys, o.ues * sizeof(*keys));
	free(keys);
	free(rq);
	free(s.lat);
	free(s.proc);
	return rc == 0 && s.bad == 0 && s.other == 0 ? 0 : 1;
}
