/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef SM_TEST_H
#define SM_TEST_H

/*
 * Fixture of the lib/secmod tests: one driver (sw, cdev or pkcs11, from the
 * command line) shared by six modules that serve the nodes of the seed's
 * figures, an in-process transport ("fabric") that queues module messages,
 * records each one with its path, can hold or drop some, and a feedback log.
 */

#include <stdint.h>
#include <pthread.h>

#include <CUnit/CUnit.h>

#include "agw_secmod.h"

/* Nodes */
enum {
	N_AMF = 0x101,	/* core NF: AMF, verifier, ledger user (FIG. 7, 8, 11) */
	N_CONS = 0x102, /* NF service consumer (FIG. 9) */
	N_PROD = 0x103, /* NF service producer; RV provider (FIG. 8 node #3) */
	N_NRF = 0x104,	/* authorisation server (FIG. 9) */
	N_RAN = 0x201,	/* access network device (FIG. 10 node #1) */
	N_UE = 0x301,	/* terminal (FIG. 7/8 node #2, FIG. 10 node #2) */
	N_TP = 0x401,	/* third party served by the core module */
	N_NOBODY = 0x999,
};

/* Modules */
enum { M_CN, M_UE, M_RAN, M_CONS, M_PROD, M_NRF, M_MAX };

#define FX_QUEUE 256
#define FX_LOG 1024
#define FX_FB 512
#define FX_WORKERS 3

struct fx_msg {
	int dst;
	uint32_t from, to;
	uint8_t path;
	uint8_t type;
	size_t len;
	uint8_t buf[2048];
};

struct fx_fb {
	struct agw_secmod_feedback fb;
	uint8_t data[AGW_SECMOD_DATA_MAX + 64];
};

struct fx {
	struct agw_secmod *m[M_MAX];
	pthread_mutex_t lock;
	struct fx_msg q[FX_QUEUE];
	unsigned int qh, qt;
	struct fx_msg held[FX_QUEUE];
	unsigned int n_held;
	struct fx_msg log[FX_LOG];
	unsigned int n_log;
	struct fx_fb fb[FX_FB];
	unsigned int n_fb;
	uint64_t now;
	uint32_t drop_types; /* bit per SSP type: dropped by the fabric */
	uint32_t hold_types; /* bit per SSP type: kept aside until released */
	int last_rc;
	struct agw_secmod_ledger ledger;
	char dir[128];
	char ledger_path[160];
};

extern struct fx *g_fx;
extern struct agw_secmod_drv *g_drv;
extern const char *g_drv_name;
extern const char *g_p11_module;

/* SSP types (lib/secmod/secmod_priv.h) the tests look for */
enum {
	T_NEG_REQ = 1,
	T_NEG_RSP,
	T_AUTH_REQ,
	T_AUTH_RSP,
	T_RV_REQ,
	T_RV_RSP,
	T_EVID_REQ,
	T_EVID_RSP,
	T_TOKGEN_REQ,
	T_TOKGEN_RSP,
	T_TOKGET_REQ,
	T_TOKGET_RSP,
	T_ZK_REQ,
	T_ZK_RSP,
	T_VOTE_REQ,
	T_VOTE_RSP,
};

/* driver and world */
int fx_driver_open(const char *name, const char *prog);
void fx_driver_close(void);
int fx_world_setup(void);
int fx_world_teardown(void);
int fx_mod_of(uint32_t node);
struct agw_secmod *fx_module_create(int i);

/* transport */
void fx_pump(void);
void fx_release_held(void);
unsigned int fx_count_type(uint8_t type);
int fx_first_index(uint8_t type);
const struct fx_msg *fx_last_of(uint8_t type);
/* TLV value of a logged message (NULL if absent) */
const uint8_t *fx_tlv(const struct fx_msg *m, uint16_t t, uint16_t *len);

/* negotiation: returns the policy version at the initiator, or < 0 */
int fx_neg(int mi, uint32_t local, uint32_t peer, uint32_t services,
	   const uint8_t *prefs[AGW_SECMOD_CLS_MAX], const uint8_t n_prefs[AGW_SECMOD_CLS_MAX]);
int fx_world_policies(void);

/* requests */
int64_t fx_req(int mi, uint32_t requester, uint32_t dest, uint16_t svc, const void *data,
	       uint32_t len);
const struct fx_fb *fx_fb_find(uint32_t txn, uint16_t svc, uint32_t to);
const struct fx_fb *fx_fb_last(void);
uint64_t fx_cause_count(int mi, unsigned int cause);

/* AKA test credentials (TS 35.208 test set 1) */
extern const uint8_t fx_k[16], fx_opc[16];
extern const char fx_snn[33];

/* expected measurement chain of layer i (SHA-256(0^32 || SHA-256("layer-i"))) */
void fx_layer_digest(unsigned int layer, uint8_t d[32]);
void fx_layer_value(unsigned int layer, uint8_t v[32]);

#define SVC(s) AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_##s)

/* suites */
extern CU_TestInfo kat_tests[];
extern CU_TestInfo flow_tests[];
extern CU_TestInfo flow2_tests[];
extern CU_TestInfo reject_tests[];
extern CU_TestInfo policy_tests[];
extern CU_TestInfo ledger_tests[];

#endif /* SM_TEST_H */
