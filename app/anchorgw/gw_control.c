/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The control lcore's loop: takes punted messages from the workers,
 * counts them by NAS message type and, with anchors.enabled, hands them to
 * the anchors (gw_anchors.c) and runs their timers; with akma.enabled,
 * serves the Naanf_AKMA SBI sockets (gw_akma.c) after the iteration's
 * group commit; reclaims replaced contexts after their grace period, and
 * applies the exit conditions (--idle-exit, --duration).
 */
#include <rte_cycles.h>
#include <rte_mbuf.h>

#include "gw.h"

/* Punted messages per loop iteration, and so per group commit: the disk
 * syncs once per iteration; under load a bigger batch spreads that over
 * more registrations (test-anchor-perf register --batch). */
#define CTL_BURST 256

static void
ctl_handle(struct gw *gw, struct rte_mbuf *m)
{
	const struct agw_pkt_meta *pm = agw_pkt_meta(m);

	if (gw->an.anchors != NULL)
		gw_anchors_handle(gw, m);
	if (pm->ctx != NULL)
		gw->ctl.by_nas_type[pm->nas_msg_type]++;
	else
		gw->ctl.non_nas++;
	rte_pktmbuf_free(m);
}

static uint64_t
gw_rx_total(const struct gw *gw)
{
	uint64_t rx = 0;
	unsigned int i;

	for (i = 0; i < gw->conf.nb_workers; i++)
		rx += gw->workers[i].stats.rx;
	return rx;
}

static int
ctl_should_stop(struct gw *gw, uint64_t now, uint64_t start, uint64_t *last_rx,
		uint64_t *last_change)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t rx = gw_rx_total(gw);

	if (rx != *last_rx) {
		*last_rx = rx;
		*last_change = now;
	}
	if (gw->duration_ms != 0 && now - start > gw->duration_ms * hz / 1000)
		return 1;
	return gw->idle_exit_ms != 0 && rx != 0 &&
	       now - *last_change > gw->idle_exit_ms * hz / 1000;
}

void
gw_control_loop(struct gw *gw)
{
	struct rte_mbuf *ms[CTL_BURST];
	uint64_t start = rte_get_timer_cycles(), last_rx = 0, last_change = start;
	unsigned int n, i;

	while (!gw->quit) {
		n = rte_ring_dequeue_burst(gw->punt_ring, (void **)ms, CTL_BURST, NULL);
		gw->ctl.punted_rx += n;
		if (n != 0)
			gw_anchors_batch_begin(gw);
		for (i = 0; i < n; i++)
			ctl_handle(gw, ms[i]);
		gw_anchors_tick(gw);
		gw_anchors_batch_end(gw);
		gw_akma_poll(gw); /* outside the transaction: see gw_akma.c */
		agw_ctx_reclaim(gw->ctx);
		if (n == 0) {
			if (ctl_should_stop(gw, rte_get_timer_cycles(), start, &last_rx,
					    &last_change))
				gw->quit = 1;
			rte_delay_us_sleep(gw->an.anchors != NULL ? 20 : 100);
		}
	}
}

void
gw_control_drain(struct gw *gw)
{
	struct rte_mbuf *ms[CTL_BURST];
	unsigned int n, i;

	while ((n = rte_ring_dequeue_burst(gw->punt_ring, (void **)ms, CTL_BURST, NULL)) != 0) {
		gw->ctl.punted_rx += n;
		for (i = 0; i < n; i++)
			ctl_handle(gw, ms[i]);
	}
}
