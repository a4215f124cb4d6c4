/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GEN_REG_OPTS_H
#define GEN_REG_OPTS_H

/*
 * Options shared by `anchor-gen subscribers` and `anchor-gen register`,
 * and where each fault kind sits among the UEs (both commands place the
 * unknown UEs the same way, so the CSV leaves out exactly those).
 */

#include <stdint.h>

#include "reg_gnb.h"
#include "reg_ue.h"

#define REG_MAX_UES 10000000u

struct reg_opts {
	unsigned int ues, first, window, timeout_ms;
	unsigned int n_fault[AGW_REGUE_F_MAX]; /* per fault kind; [0] unused */
	unsigned int dereg; /* register: the first K UEs deregister once registered */
	uint64_t seed;
	uint8_t nia_mask, nea_mask, mix, quiet;
	char mcc[4], mnc[4];
	const char *iface, *out;
	const char *mm_ssi; /* subscribers: mm_ssi column for every line, or NULL */
	int16_t svc_cap;    /* register: UE security service capability MM octet, -1 none */
	struct agw_reggnb_conf net;
	/* AKMA (seed 001) */
	uint8_t akma;	      /* subscribers: AKMA subscribed (akma,rid columns) */
	char rid[5];	      /* subscribers: routing indicator, 1..4 digits ("0") */
	const char *akma_af;  /* register: FQDN of the AF whose K_AF the UEs derive */
	uint8_t akma_ua[5];   /* register: its Ua* protocol identifier (01 00 00 00 02) */
	const char *akma_out; /* register: per-UE SUPI, A-KID, K_AF hex (mode 0600) */
	uint8_t af_id[260];   /* AF_ID = FQDN || Ua* (reg_opts_parse()) */
	uint16_t af_id_len;
};

/** Defaults: window 64, timeout 10 s, seed 1, NIA1-3, NEA0-3, PLMN 001/01. */
void reg_opts_default(struct reg_opts *o);

/** Parse the command line (getopt_long); 0, or -EINVAL with a message. */
int reg_opts_parse(struct reg_opts *o, int argc, char **argv);

/** Fault (enum agw_regue_fault) of UE @p i, 0-based within the run. */
uint8_t reg_fault_of(const struct reg_opts *o, uint32_t i);

#endif /* GEN_REG_OPTS_H */
