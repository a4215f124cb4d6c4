/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GW_H
#define GW_H

/*
 * The gateway process: state shared by its parts (ports, workers, control
 * loop, telemetry). One instance, created by main().
 */

#include <stdint.h>

#include <rte_graph.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "agw_anchors.h"
#include "agw_ctx.h"
#include "agw_pipeline.h"
#include "gw_akma.h"
#include "gw_config.h"
#include "gw_n2.h"

/** Control-path counters (control lcore only). */
struct gw_control_stats {
	uint64_t punted_rx;        /**< messages taken from the punt ring */
	uint64_t by_nas_type[256]; /**< verified NAS handed to the anchors, by type */
	uint64_t non_nas;          /**< punted signalling without NAS security */
	uint64_t ctx_loaded;       /**< contexts installed from --ctx-file */
};

/** The anchors on the control lcore (conf anchors.enabled). */
/* A context deletion and/or N2 binding end held back until the worker
 * has protected the UE's last downlink (which needs both). */
#define GW_LINGER_MAX 4096
#define GW_LINGER_MS 100
struct gw_linger {
	struct agw_ctx_ue_key key;
	uint64_t due_ms;
	uint8_t del;    /**< agw_ctx_delete() */
	uint8_t forget; /**< gw_n2_ue_forget() */
};

struct gw_anchors_state {
	struct agw_store *store;
	struct agw_anchors *anchors;
	struct gw_n2 n2;
	struct agw_anchors_out out;   /**< reused per call; holds keys until reset */
	uint64_t ul_nas;              /**< NAS messages handed to the anchors */
	uint64_t ngap_other;          /**< non-NAS N2 procedures (not handled yet) */
	uint64_t ngap_malformed;      /**< punted frames that did not decode */
	uint64_t ctx_install_failed;  /**< agw_ctx_install() refused a context */
	uint64_t commits;             /**< group commits (one per busy loop iteration) */
	uint64_t txn_failed;          /**< transactions that could not begin or commit */
	struct gw_linger linger[GW_LINGER_MAX]; /**< FIFO, due_ms ascending */
	uint32_t linger_head, linger_n;
	uint64_t lingered;            /**< deletions/unbindings held back */
	uint64_t linger_full;         /**< applied at once: the queue was full */
};

struct gw {
	struct gw_conf conf;
	uint16_t port_ids[GW_MAX_PORTS];
	struct rte_mempool *pool;
	struct rte_ring *punt_ring;
	struct rte_ring *inject_rings[GW_MAX_WORKERS]; /**< control → worker, RAN-bound frames */
	struct gw_anchors_state an;
	struct gw_akma_state akma; /**< AKMA anchor and its SBI server (conf akma.enabled) */
	struct agw_ctx_table *ctx;
	struct agw_nas_sec_engine *ctl_eng; /**< control lcore's engine (key expansion) */
	struct agw_cdev *cdev;              /**< cryptodev engine, or NULL (imb) */
	struct agw_worker workers[GW_MAX_WORKERS];
	rte_graph_t graphs[GW_MAX_WORKERS];
	struct gw_control_stats ctl;
	volatile int quit;
	uint64_t idle_exit_ms;  /**< stop after this long without traffic (0: never) */
	uint64_t duration_ms;   /**< stop after this long (0: never) */
	const char *ctx_file;   /**< contexts to install at start */
};

/** Configure and start every port of @p gw->conf; 0 or -errno (logged). */
int gw_ports_start(struct gw *gw);
/** Stop and close the ports. */
void gw_ports_stop(struct gw *gw);

/** Create the cryptodev engine if configured and fill @p hooks; 0 or -errno. */
int gw_engine_create(struct gw *gw, struct agw_ctx_hooks *hooks);
/** Free the cryptodev engine (after the context table). */
void gw_engine_free(struct gw *gw);

/** Create one graph per worker; 0 or -errno. */
int gw_graphs_create(struct gw *gw);
/** Worker lcore entry: walks its graph until gw->quit. */
int gw_worker_main(void *arg);

/** Install the contexts listed in @p path (CSV); 0 or -errno (logged). */
int gw_ctx_file_load(struct gw *gw, const char *path);

/** Control lcore loop; returns when gw->quit is set or an exit condition fires. */
void gw_control_loop(struct gw *gw);

/** After the workers stopped: handle what is left on the punt ring. */
void gw_control_drain(struct gw *gw);

/** Open the store and create the anchors (and AKMA) if enabled; 0 or -errno (logged). */
int gw_anchors_start(struct gw *gw);
/** Free the anchors and AKMA (zeroising keys) and close the store. */
void gw_anchors_stop(struct gw *gw);
/** Hand one punted frame to the anchors (the caller frees it). */
void gw_anchors_handle(struct gw *gw, struct rte_mbuf *m);
/** Run the anchors' timers; call every loop iteration. */
void gw_anchors_tick(struct gw *gw);
/** Open the iteration's store transaction; downlink frames are held. */
void gw_anchors_batch_begin(struct gw *gw);
/** Commit it, then send the held frames (or drop them and roll back). */
void gw_anchors_batch_end(struct gw *gw);

/** Register /anchorgw/ telemetry commands for @p gw. */
int gw_telemetry_init(struct gw *gw);

/** Print final statistics to stdout. */
void gw_stats_print(const struct gw *gw);

#endif /* GW_H */
