/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * AKMA on the control lcore: the lib/akma anchor (on the anchors' store)
 * and the lib/sbi server of its AAnF instances, polled from the control
 * loop.
 *
 * Why polled and not a thread: lib/akma and lib/store are single-threaded
 * and shared by both sides (the anchors' AUSF allocates identifiers that
 * the AAnF serves and may rewrite), and an LMDB write transaction belongs
 * to the thread that opened it (the control loop's group commit). A thread
 * would need a lock around every registration step and every K_AF request
 * and its own store writes outside the loop's transaction. Polled, one
 * epoll_wait() without timeout per iteration costs about a microsecond when
 * nothing is ready; when requests are there, the work of one poll is bounded
 * (SBI_EVENTS_PER_POLL sockets, SBI_READS_PER_EVENT reads of at most 64 KiB
 * each), so the registrations waiting in the punt ring wait at most that
 * long; the rest is served on the next iterations (level-triggered).
 *
 * The poll runs after the iteration's group commit, outside any store
 * transaction: what an SBI request writes (a pushed context, a relocation
 * rewrite, an expired identifier's deletion) commits on its own before its
 * response leaves.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_sbi.h"
#include "gw.h"

/* Work of one poll (see above). */
#define SBI_EVENTS_PER_POLL 8
#define SBI_READS_PER_EVENT 1

static int
akma_listen(struct gw *gw)
{
	const struct gw_akma_conf *a = &gw->conf.akma;

	for (unsigned int i = 0; i < a->n_aanf; i++) {
		int rc = agw_sbi_listen_naanf(gw->akma.sbi, a->sbi_address, a->aanf[i].port,
					      agw_akma_aanf_at(gw->akma.ak, i), NULL);

		if (rc != 0) {
			fprintf(stderr, "anchorgw: akma: AAnF %s: listen on %s port %u: %s\n",
				a->aanf[i].id, a->sbi_address, a->aanf[i].port, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

static int
akma_sbi_create(struct gw *gw)
{
	const struct gw_akma_conf *a = &gw->conf.akma;
	struct agw_sbi_conf sc;
	char err[256] = "";

	agw_sbi_conf_init(&sc);
	sc.max_conns = a->sbi_max_conns;
	sc.events_per_poll = SBI_EVENTS_PER_POLL;
	sc.reads_per_event = SBI_READS_PER_EVENT;
	if (a->tls_cert[0] != '\0') {
		sc.tls_cert = a->tls_cert;
		sc.tls_key = a->tls_key;
	}
	sc.err = err;
	sc.err_len = sizeof(err);
	gw->akma.sbi = agw_sbi_create(&sc);
	if (gw->akma.sbi == NULL) {
		int e = errno;

		fprintf(stderr, "anchorgw: akma: SBI server: %s\n", err[0] ? err : strerror(e));
		return -e;
	}
	return akma_listen(gw);
}

int
gw_akma_start(struct gw *gw)
{
	const struct gw_akma_conf *a = &gw->conf.akma;
	struct gw_akma_lib_conf lc;
	int e;

	if (!a->enabled)
		return 0;
	gw_akma_lib_conf(&gw->conf, &lc);
	lc.conf.store = gw->an.store;
	gw->akma.ak = agw_akma_create(&lc.conf);
	if (gw->akma.ak == NULL) {
		e = errno;
		fprintf(stderr, "anchorgw: akma: %s\n", lc.err[0] ? lc.err : strerror(e));
		return -e;
	}
	e = akma_sbi_create(gw);
	if (e != 0)
		return e;
	printf("anchorgw: akma: %u identifier(s) restored; %u AAnF instance(s) on %s from port "
	       "%u (%s)\n",
	       agw_akma_ausf_count(gw->akma.ak), a->n_aanf, a->sbi_address, a->aanf[0].port,
	       a->tls_cert[0] ? "TLS, ALPN h2" : "h2c");
	return 0;
}

void
gw_akma_stop(struct gw *gw)
{
	agw_sbi_free(gw->akma.sbi);
	gw->akma.sbi = NULL;
	agw_akma_free(gw->akma.ak);
	gw->akma.ak = NULL;
}

void
gw_akma_poll(struct gw *gw)
{
	int n;

	if (gw->akma.sbi == NULL)
		return;
	n = agw_sbi_poll(gw->akma.sbi, 0);
	gw->akma.polls++;
	if (n > 0)
		gw->akma.poll_events += (uint64_t)n;
	else if (n < 0 && n != -EINTR)
		gw->akma.poll_errors++;
}

/* ---------------------------------------------------------------------- */
/* Counters                                                                */

static void
aanf_foreach(const struct agw_akma_aanf *f, void (*put)(void *, const char *, uint64_t), void *arg)
{
	uint64_t v[AGW_AKMA_V_MAX], o[AGW_AKMA_AANF_STAT_MAX];
	char k[96];

	agw_akma_aanf_stats(f, v, o);
	for (unsigned int i = 0; i < AGW_AKMA_V_MAX; i++) {
		snprintf(k, sizeof(k), "aanf_%s_%s", agw_akma_aanf_id(f), agw_akma_verdict_name(i));
		put(arg, k, v[i]);
	}
	for (unsigned int i = 0; i < AGW_AKMA_AANF_STAT_MAX; i++) {
		snprintf(k, sizeof(k), "aanf_%s_%s", agw_akma_aanf_id(f),
			 agw_akma_aanf_stat_name(i));
		put(arg, k, o[i]);
	}
	snprintf(k, sizeof(k), "aanf_%s_contexts", agw_akma_aanf_id(f));
	put(arg, k, agw_akma_aanf_ctx_count(f));
}

static void
sbi_foreach(const struct gw *gw, void (*put)(void *, const char *, uint64_t), void *arg)
{
	uint64_t r[AGW_SBI_R_MAX], st[AGW_SBI_STAT_MAX];
	char k[64];

	agw_sbi_stats(gw->akma.sbi, r, st);
	for (unsigned int i = 0; i < AGW_SBI_R_MAX; i++) {
		snprintf(k, sizeof(k), "sbi_%s", agw_sbi_result_name(i));
		put(arg, k, r[i]);
	}
	for (unsigned int i = 0; i < AGW_SBI_STAT_MAX; i++) {
		snprintf(k, sizeof(k), "sbi_%s", agw_sbi_stat_name(i));
		put(arg, k, st[i]);
	}
	put(arg, "sbi_polls", gw->akma.polls);
	put(arg, "sbi_poll_events", gw->akma.poll_events);
	put(arg, "sbi_poll_errors", gw->akma.poll_errors);
}

void
gw_akma_foreach(const struct gw *gw, void (*put)(void *arg, const char *k, uint64_t v), void *arg)
{
	uint64_t a[AGW_AKMA_AUSF_STAT_MAX];
	char k[64];

	if (gw->akma.ak == NULL)
		return;
	agw_akma_ausf_stats(gw->akma.ak, a);
	for (unsigned int i = 0; i < AGW_AKMA_AUSF_STAT_MAX; i++) {
		snprintf(k, sizeof(k), "ausf_%s", agw_akma_ausf_stat_name(i));
		put(arg, k, a[i]);
	}
	put(arg, "identifiers", agw_akma_ausf_count(gw->akma.ak));
	for (unsigned int i = 0; i < agw_akma_aanf_count(gw->akma.ak); i++)
		aanf_foreach(agw_akma_aanf_at(gw->akma.ak, i), put, arg);
	if (gw->akma.sbi != NULL)
		sbi_foreach(gw, put, arg);
}
