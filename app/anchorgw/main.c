/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchorgw [EAL args] -- -f conf/anchorgw.conf [--ctx-file F] [--idle-exit MS]
 *                        [--duration S]
 *
 * Start-up order: application arguments and configuration first (an
 * invalid configuration exits 2 before EAL starts anything), then EAL,
 * mbuf pool, punt ring, context table, ports, one graph per worker, launch;
 * the main lcore runs the control loop. SIGINT/SIGTERM stop it cleanly and
 * the final counters are printed.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_pdump.h>

#include "gw.h"

static volatile int *signal_quit;

static void
on_signal(int sig)
{
	(void)sig;
	if (signal_quit != NULL)
		*signal_quit = 1;
}

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [EAL options] -- -f FILE [--ctx-file FILE] [--idle-exit MS]"
		" [--duration S]\n"
		"  -f FILE          configuration (libconfig), e.g. conf/anchorgw.conf\n"
		"  --ctx-file FILE  UE security contexts to install at start (CSV, mode 600)\n"
		"  --idle-exit MS   stop once traffic has been seen and then idles MS ms\n"
		"  --duration S     stop after S seconds\n",
		prog);
}

/* Application arguments: everything after "--". */
static int
parse_app_args(struct gw *gw, int argc, char **argv, const char **conf_path)
{
	static const struct option opts[] = {
		{"ctx-file", required_argument, NULL, 'c'},
		{"idle-exit", required_argument, NULL, 'i'},
		{"duration", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int o;

	optind = 1;
	while ((o = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (o) {
		case 'f': *conf_path = optarg; break;
		case 'c': gw->ctx_file = optarg; break;
		case 'i': gw->idle_exit_ms = strtoull(optarg, NULL, 10); break;
		case 'd': gw->duration_ms = strtoull(optarg, NULL, 10) * 1000; break;
		default: return -EINVAL;
		}
	}
	return *conf_path != NULL && optind == argc ? 0 : -EINVAL;
}

static int
gw_setup(struct gw *gw)
{
	const struct gw_conf *c = &gw->conf;
	static struct agw_ctx_hooks hooks;
	struct agw_ctx_table_conf cc = {
		.name = "agw_ctx", .capacity = c->max_contexts, .max_workers = c->nb_workers,
		.socket_id = (int)rte_socket_id(), .hooks = &hooks,
		/* The anchors are the AMF side of N2: they allocate the
		 * AMF-UE-NGAP-IDs, so lookups can index them directly. */
		.n2_ids = c->anchors_enabled ? c->anchors_max_ues : 0};

	if (gw_engine_create(gw, &hooks) != 0)
		return -ENODEV;

	gw->pool = rte_pktmbuf_pool_create("agw_mbufs", c->nb_mbufs, 256, AGW_PKT_META_SIZE,
					   RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	gw->punt_ring = rte_ring_create("agw_punt", c->punt_ring_size, (int)rte_socket_id(),
					RING_F_SC_DEQ);
	gw->ctx = agw_ctx_table_create(&cc);
	gw->ctl_eng = agw_nas_sec_engine_create();
	if (gw->pool == NULL || gw->punt_ring == NULL || gw->ctx == NULL || gw->ctl_eng == NULL) {
		fprintf(stderr, "anchorgw: out of memory for pools/rings/contexts (%s)\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < c->nb_workers; i++) {
		char name[RTE_RING_NAMESIZE];

		snprintf(name, sizeof(name), "agw_inject%u", i);
		gw->inject_rings[i] = rte_ring_create(name, 1024, (int)rte_socket_id(),
						      RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (gw->inject_rings[i] == NULL)
			return -ENOMEM;
	}
	if (gw_ports_start(gw) != 0 || gw_graphs_create(gw) != 0 || gw_anchors_start(gw) != 0)
		return -EINVAL;
	if (gw->ctx_file != NULL && c->anchors_enabled) {
		fprintf(stderr, "anchorgw: -c %s: with anchors.enabled the anchors install the "
				"contexts under AMF-UE-NGAP-IDs the gateway allocates\n",
			gw->ctx_file);
		return -EINVAL;
	}
	if (gw->ctx_file != NULL && gw_ctx_file_load(gw, gw->ctx_file) != 0)
		return -EINVAL;
	gw_telemetry_init(gw);
	rte_pdump_init();
	return 0;
}

static int
gw_check_lcores(const struct gw_conf *c)
{
	unsigned int i;

	if (c->control_lcore != rte_get_main_lcore()) {
		fprintf(stderr, "anchorgw: %s: control_lcore %u must be the EAL main lcore %u\n",
			c->path, c->control_lcore, rte_get_main_lcore());
		return -EINVAL;
	}
	for (i = 0; i < c->nb_workers; i++) {
		if (!rte_lcore_is_enabled(c->worker_lcores[i])) {
			fprintf(stderr, "anchorgw: %s: worker lcore %u is not in the EAL lcore list\n",
				c->path, c->worker_lcores[i]);
			return -EINVAL;
		}
	}
	return 0;
}

static void
gw_run(struct gw *gw)
{
	unsigned int i;

	for (i = 0; i < gw->conf.nb_workers; i++)
		rte_eal_remote_launch(gw_worker_main, &gw->workers[i], gw->conf.worker_lcores[i]);
	gw_control_loop(gw);
	gw->quit = 1;
	rte_eal_mp_wait_lcore();
	gw_control_drain(gw);
}

int
main(int argc, char **argv)
{
	static struct gw gw;
	const char *conf_path = NULL;
	char err[512];
	int sep, rc;

	for (sep = 1; sep < argc && strcmp(argv[sep], "--") != 0; sep++)
		;
	if (sep >= argc || parse_app_args(&gw, argc - sep, argv + sep, &conf_path) != 0) {
		usage(argv[0]);
		return 2;
	}
	rc = gw_config_load(conf_path, &gw.conf, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "anchorgw: invalid configuration: %s\n", err);
		return 2;
	}
	if (rte_eal_init(sep, argv) < 0) {
		fprintf(stderr, "anchorgw: EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	signal_quit = &gw.quit;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	rc = gw_check_lcores(&gw.conf) != 0 ? 2 : gw_setup(&gw) != 0 ? 1 : 0;
	if (rc == 0) {
		printf("anchorgw: %u worker(s), %u port(s), engine %s, %u contexts loaded\n",
		       gw.conf.nb_workers, gw.conf.nb_ports,
		       gw.conf.engine == GW_ENGINE_IMB ? "imb" : "cryptodev",
		       (unsigned int)gw.ctl.ctx_loaded);
		fflush(stdout); /* the ready line, for whoever waits on it */
		gw_run(&gw);
		gw_stats_print(&gw);
		gw_ports_stop(&gw);
	}
	rte_pdump_uninit();
	gw_anchors_stop(&gw);
	agw_ctx_table_free(gw.ctx);
	gw_engine_free(&gw);
	agw_nas_sec_engine_free(gw.ctl_eng);
	rte_eal_cleanup();
	return rc;
}
