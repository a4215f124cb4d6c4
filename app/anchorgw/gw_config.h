/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GW_CONFIG_H
#define GW_CONFIG_H

/**
 * @file
 * anchorgw configuration: the libconfig file read into one struct and
 * validated before anything starts. Every error names the file, the line
 * and the setting.
 */

#include <stdint.h>

#define GW_MAX_PORTS 8
#define GW_MAX_WORKERS 16
#define GW_NAME_LEN 64

/** What a port carries. */
enum gw_port_role {
	GW_PORT_RAN = 0,  /**< toward gNBs: N2 in, N2 out (downlink) */
	GW_PORT_CORE = 1, /**< toward the core: verified plaintext out */
};

/** Crypto engine of a worker (issue: imb default, cryptodev for QAT etc.). */
enum gw_engine {
	GW_ENGINE_IMB = 0,
	GW_ENGINE_CRYPTODEV = 1,
};

struct gw_port_conf {
	char dev[GW_NAME_LEN]; /**< ethdev name: "net_ring0", "0000:3b:00.0" */
	enum gw_port_role role;
	uint16_t rx_queues;    /**< = number of workers */
	uint16_t rx_desc;
	uint16_t tx_desc;
};

/* AKMA (seed 001, issue 6): sizes of the configuration's lists. */
#define GW_AKMA_AANF_MAX 8
#define GW_AKMA_AF_MAX 16
#define GW_AKMA_SERVED_MAX 16
#define GW_AKMA_RULES_MAX 16
#define GW_AKMA_LABEL_LEN 32 /**< label value, 1..31 characters, and its NUL */
#define GW_AKMA_NAME_LEN 254 /**< afId / FQDN, 1..253, and its NUL */

/** One AAnF instance of akma.aanf: its own listening port on akma.sbi.address. */
struct gw_akma_aanf {
	char id[GW_AKMA_LABEL_LEN];
	uint16_t port;
	char uri[208]; /**< apiRoot others are redirected to (default from address, port) */
	char served[GW_AKMA_SERVED_MAX][GW_AKMA_LABEL_LEN]; /**< AF labels; none: all */
	unsigned int n_served;
};

/** One authorised AF of akma.af. */
struct gw_akma_af {
	char label[GW_AKMA_LABEL_LEN];
	char af_id[GW_AKMA_NAME_LEN]; /**< afId of the requests */
	char fqdn[GW_AKMA_NAME_LEN];  /**< FQDN for AF_ID (TS 33.535 A.4) */
	uint8_t ua_proto[5];	      /**< Ua* security protocol identifier */
	int expose_supi;
};

/** One identifier-address rule of akma.rules (first match). */
struct gw_akma_rule {
	uint8_t match; /**< which of the following are set (AGW_AKMA_MATCH_* bits) */
	uint8_t sst;
	uint32_t sd;
	char dnn[100];
	uint8_t ssc_mode;
	char aanf[GW_AKMA_LABEL_LEN]; /**< "" = default AAnF */
	char af[GW_AKMA_LABEL_LEN];   /**< "" = no AF label */
};

/** akma = { ... } (gw_config_akma.c). Values of the lib/akma enums. */
struct gw_akma_conf {
	int enabled;
	int allocator;	/**< enum agw_akma_allocator */
	int tid_source; /**< enum agw_akma_tid_source */
	int delivery;	/**< enum agw_akma_delivery */
	uint32_t addr_fields;
	int akma_label;
	int rewrite_on_relocation;
	uint32_t ident_lifetime_s;
	uint32_t kaf_lifetime_s;
	uint32_t capacity;
	char default_aanf[GW_AKMA_LABEL_LEN]; /**< "" = the first instance */
	char sbi_address[64];
	uint32_t sbi_max_conns;
	char tls_cert[256]; /**< "" = h2c */
	char tls_key[256];
	struct gw_akma_aanf aanf[GW_AKMA_AANF_MAX];
	unsigned int n_aanf;
	struct gw_akma_af af[GW_AKMA_AF_MAX];
	unsigned int n_af;
	struct gw_akma_rule rules[GW_AKMA_RULES_MAX];
	unsigned int n_rules;
};

struct gw_conf {
	char path[256];                /**< file the configuration came from */
	struct gw_port_conf ports[GW_MAX_PORTS];
	unsigned int nb_ports;
	unsigned int worker_lcores[GW_MAX_WORKERS];
	unsigned int nb_workers;
	unsigned int control_lcore;
	enum gw_engine engine;
	char cryptodev[GW_NAME_LEN];   /**< for GW_ENGINE_CRYPTODEV */
	uint8_t nia_pref[4];           /**< integrity algorithms, most preferred first */
	unsigned int nb_nia;
	uint8_t nea_pref[4];           /**< ciphering algorithms, most preferred first */
	unsigned int nb_nea;
	char mcc[4];
	char mnc[4];
	char store_path[256];
	int store_sync;                /**< 1: fsync at every commit (default) */
	int anchors_enabled;           /**< run registrations on the control lcore */
	uint32_t anchors_max_ues;      /**< UE entries of the anchors */
	uint32_t anchors_guard_ms;     /**< T3560/T3550/T3570 */
	uint8_t amf_region;            /**< 5G-GUTI AMF Region ID */
	uint16_t amf_set;              /**< AMF Set ID (10 bits) */
	uint8_t amf_pointer;           /**< AMF Pointer (6 bits) */
	struct gw_akma_conf akma;      /**< AKMA anchor and its SBI server */
	uint32_t max_contexts;
	uint32_t nb_mbufs;
	uint32_t punt_ring_size;
	uint16_t burst;
};

/**
 * Read and validate a configuration file.
 *
 * @param[in] path  libconfig file.
 * @param[out] conf filled on success.
 * @param[out] err  on failure: "file:line: setting 'x.y': what is wrong".
 * @return 0, or -EINVAL (invalid; @p err says why), -ENOENT (unreadable).
 */
int gw_config_load(const char *path, struct gw_conf *conf, char *err, unsigned int err_len);

#endif /* GW_CONFIG_H */
