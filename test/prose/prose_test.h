/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PROSE_TEST_H
#define PROSE_TEST_H

/*
 * Fixture of the lib/prose tests: an LMDB store with remote-UE and relay
 * subscribers, the store-backed UDM, the ProSe anchor, simulated remote UEs
 * and one relay UE (app/prose-sim) wired to it, the batch-path check of
 * the PC5 messages, and the second derivation path (prose_reference.py).
 */

#include <CUnit/CUnit.h>
#include <stdint.h>

#include "agw_prose.h"
#include "agw_store.h"
#include "prose_sim.h"

#define PT_MCC "001"
#define PT_MNC "01"
#define PT_RID "0012"
#define PT_RSC 0x00a1b2u
#define PT_RSC2 0x00c3d4u
#define PT_RELAY_SUPI "imsi-001010000009999"
#define PT_UES 8
#define PT_T0 1700000000u

extern const char *pt_python;
extern const char *pt_ref_script;

/* Observations of the gateway side of one connection. */
struct pt_seen {
	struct agw_prose_result res[8];
	unsigned int n_res;
	uint8_t knr[32];    /* K_NR_ProSe of the last Relay Key Accept */
	uint8_t nonce2[16]; /* its Nonce_2 */
	uint8_t have_knr;
	uint8_t pc5_status[4];	 /* batch-path statuses, in order */
	uint8_t pc5_msg[4][256]; /* the messages checked (MAC-I included) */
	uint16_t pc5_len[4];
	unsigned int n_pc5;
};

struct pt_fix {
	struct agw_prose_conf conf;
	struct agw_prose_udm_conf udm_conf;
	struct agw_prose *p;
	struct agw_prose_udm *udm;
	struct agw_store *store;
	char *dir;
	uint64_t now;	 /* Unix s (validity, expiry, UE timer) */
	uint64_t now_ms; /* monotonic (EAP timeout, PC5 links) */
	char err[160];
	struct psim_relay relay;
	struct psim_remote ue[PT_UES];
	struct agw_nas_sec_engine *eng; /* the batch path's engine */
	uint64_t link[256];		/* link per PRTI */
	int group_commit;		/* one store transaction per NAS message */
	int fail_commit;		/* countdown: the n-th next NAS message's commit fails */
	struct pt_seen seen;
	/* Test hook: change a downlink NAS message before the relay sees it. */
	void (*tamper)(struct pt_fix *f, struct psim_msg *dl);
	struct psim_gw_ops ops;
};

/* Store, subscribers (UE i = imsi-0010100000000<i>, the relay), UDM, conf
 * defaults; UEs use @p method. The anchor is not created yet. */
void pt_fix_init(struct pt_fix *f, int method);
/* Create the anchor from f->conf; CU-asserts. */
struct agw_prose *pt_create(struct pt_fix *f);
/* Free the anchor and UDM, close and reopen the store, create both again. */
void pt_restart(struct pt_fix *f);
void pt_fix_fini(struct pt_fix *f);

/* SUPI of UE i. */
void pt_supi(unsigned int i, char supi[64]);
/* Remote UE i connects for @p rsc; gateway observations reset first. */
void pt_connect(struct pt_fix *f, unsigned int i, uint32_t rsc, struct psim_result *res);
/* The gateway's last result of a connection (the final verdict). */
const struct agw_prose_result *pt_last(const struct pt_fix *f);
/* Counter snapshot. */
struct agw_prose_counters pt_ctr(const struct pt_fix *f);
/* One uplink NAS straight to the anchor (relay = the fixture's); results in f->seen. */
void pt_ul_nas(struct pt_fix *f, const uint8_t *nas, size_t len, struct agw_prose_out *out);

/* A Relay Key Request built by hand with UE 0's CP-PRUK ID for PT_RSC. */
void pt_id_request(struct pt_fix *f, uint8_t prti, uint32_t rsc, const uint8_t nonce[16], int kui,
		   struct agw_prose_out *out);

/* Both ends and the gateway agree on K_NR_ProSe and the PC5 keys. */
void pt_assert_same_keys(const struct pt_fix *f, const struct psim_result *res);

/* prose_reference.py "chain" for remote UE i's last EAP run and the last link
 * (Nonce_1, Nonce_2, algorithms); fields as printed by the script. */
struct pt_ref {
	uint8_t ckp[16], ikp[16], kaut[32], kausfp[32], pruk[32], idstar[32];
	char id[256];
	uint8_t knr[32], sess[32], pik[16], pek[16], mac[16];
};
int pt_reference(const struct pt_fix *f, unsigned int i, uint32_t rsc, const uint8_t n2[16],
		 uint8_t ialg, uint8_t ealg, struct pt_ref *out);

extern CU_TestInfo pt_flow_tests[];
extern CU_TestInfo pt_trigger_tests[];
extern CU_TestInfo pt_negative_tests[];
extern CU_TestInfo pt_restart_tests[];
extern CU_TestInfo pt_ref_tests[];
extern CU_TestInfo pt_unit_tests[];

#endif /* PROSE_TEST_H */
