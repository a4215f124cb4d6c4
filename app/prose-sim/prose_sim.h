/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PROSE_SIM_H
#define PROSE_SIM_H

/**
 * @file
 * Remote UE and relay UE of the 5G ProSe UE-to-network relay (seed 002,
 * TS 33.503 6.3.3.3), for tests and the benchmark. The UE side is computed
 * here on its own, with lib/crypto only (MILENAGE, CK'/IK', EAP-AKA' keys,
 * CP-PRUK, CP-PRUK ID*, K_NR_ProSe, K_NRP-sess, NRPIK/NRPEK, NIA): nothing
 * is taken from lib/prose but the wire encoding of the Relay Key Request.
 *
 * Remote UE: keeps a CP-PRUK per RSC and decides before each Direct
 * Communication Request whether it must be renewed (spec/002 4.1): none
 * stored (creation), local key timer run out (T1), RSC configuration
 * changed, which marks the key invalid (T2/T4), network policy "new key when
 * the cell changed" (T3), or the last request with the ID was refused as
 * unknown (fallback to the SUCI). It signals a renewal with its SUCI
 * (method 400) or with the ID and the key update indication (method 500).
 * The new CP-PRUK replaces the old only when EAP-Success arrives in the
 * Direct Security Mode Command.
 *
 * Relay UE: turns the DCR into a NAS Relay Key Request, relays EAP between
 * NAS and PC5, stores K_NR_ProSe before it sends the integrity-protected
 * DSM Command, checks the DSM Complete, answers Direct Communication Accept.
 *
 * PC5 framing and integrity as lib/prose's batch path expects
 * (doc/prose.md 4): message || MAC-I, COUNT = sequence number octet,
 * BEARER 1, DIRECTION 1 relay -> remote, 0 remote -> relay.
 */

#include <stddef.h>
#include <stdint.h>

#include "agw_nas5g.h"
#include "agw_nas_sec.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PSIM_KEYS 8	       /**< CP-PRUKs (RSCs) a remote UE keeps */
#define PSIM_ID_MAX 253	       /**< CP-PRUK ID length */
#define PSIM_MSG_MAX 1600      /**< one PC5 or NAS message */
#define PSIM_NONCE2_HISTORY 32 /**< Nonce_2 values a remote UE remembers */
#define PSIM_RELAY_SLOTS 16    /**< remote UEs a relay serves at once */

/** How a remote UE asks for a new CP-PRUK. */
enum psim_method {
	PSIM_METHOD_SUCI = 400, /**< send the SUCI (method 400) */
	PSIM_METHOD_KUI = 500,	/**< send the ID + key update indication (method 500) */
};

/** Why the remote UE wants a new CP-PRUK (UE side of spec/002 4.1). */
enum psim_trigger {
	PSIM_TRIG_NONE = 0,   /**< reuse */
	PSIM_TRIG_NO_KEY,     /**< no CP-PRUK for the RSC: creation */
	PSIM_TRIG_TIMER,      /**< T1 local key timer */
	PSIM_TRIG_RSC_CHANGE, /**< T2/T4 RSC configuration changed: key invalid */
	PSIM_TRIG_CELL,	      /**< T3 policy: cell changed since the key was made */
	PSIM_TRIG_FALLBACK,   /**< the ID was refused as unknown last time */
	PSIM_TRIG_MAX,
};

/** Remote UE configuration. */
struct psim_remote_conf {
	const char *supi;		/**< "imsi-<MCC><MNC><MSIN>" */
	uint8_t k[16];			/**< K */
	uint8_t opc[16];		/**< OPc */
	char mcc[4], mnc[4];		/**< home network */
	char rid[5];			/**< routing indicator */
	int method;			/**< enum psim_method */
	uint32_t key_timer_s;		/**< T1; 0: none */
	uint8_t update_on_cell;		/**< T3 policy */
	uint8_t nia;			/**< PC5 integrity algorithms offered (bit n = NIAn) */
	uint8_t scheme;			/**< SUCI protection scheme: 0 null, 1 profile A */
	uint8_t hn_key_id;		/**< profile A: home network key id */
	const uint8_t *hn_pub;		/**< profile A: home network public key (32 octets) */
	struct agw_nas_sec_engine *eng; /**< engine to use (not owned); NULL: its own */
};

/** UE-side counters. */
struct psim_remote_stats {
	uint64_t trigger[PSIM_TRIG_MAX]; /**< DCRs per trigger */
	uint64_t malformed_pc5;		 /**< PC5 messages that do not decode */
	uint64_t dsmc_bad_mac;		 /**< DSM Command MAC-I refused */
	uint64_t nonce2_replay;		 /**< DSM Command with a Nonce_2 seen before */
	uint64_t eap_refused;		 /**< challenges refused (AUTN, AT_MAC, SQN) */
	uint64_t unexpected;		 /**< message with no attempt in progress */
};

/** A CP-PRUK the remote UE keeps. */
struct psim_key {
	uint8_t used;
	uint8_t valid;	  /**< 0: invalid (RSC configuration changed, or refused) */
	uint8_t fallback; /**< the network refused the ID: next DCR with the SUCI */
	uint32_t rsc;
	uint8_t pruk[32];
	char id[PSIM_ID_MAX + 1];
	uint64_t created;
	uint32_t cell;
};

/** What one run of EAP-AKA' gave the UE (for the independent check). */
struct psim_eap_trace {
	uint8_t rand[16], autn[16], ck[16], ik[16];
	char netname[64];
	uint8_t kausf_p[32];
	uint8_t eap_response[128];
	uint16_t eap_response_len;
	uint8_t k_aut[32];
};

/** A remote UE. */
struct psim_remote {
	struct psim_remote_conf conf;
	char supi[64];
	char msin[16];
	struct psim_key keys[PSIM_KEYS];
	uint32_t cell;
	uint64_t sqn_max; /**< highest SQN the USIM accepted */
	/* attempt in progress */
	uint8_t busy;
	uint8_t eap_ran;
	uint8_t sent_id;
	uint8_t trigger;
	uint32_t rsc;
	uint8_t nonce1[16];
	uint8_t seq;
	uint64_t now;
	uint8_t new_pruk[32];
	char new_id[PSIM_ID_MAX + 1];
	uint8_t have_new;
	uint8_t nonce2_seen[PSIM_NONCE2_HISTORY][16];
	unsigned int n_nonce2;
	/* last link */
	uint8_t knr[32], sess[32], pik[16], pek[16];
	uint8_t alg;
	struct psim_eap_trace trace;
	struct psim_remote_stats st;
	struct agw_nas_sec_engine *eng;
	uint8_t own_eng;
};

/** One remote UE served by a relay. */
struct psim_slot {
	uint8_t used;
	uint8_t prti;
	uint8_t nonce1[16];
	uint8_t ue_sec_cap[2];
	uint8_t sig_policy;
	uint8_t have_knr;
	uint8_t knr[32], sess[32], pik[16], pek[16];
	uint8_t alg;
};

/** A relay UE. */
struct psim_relay {
	uint64_t ue;		  /**< the gateway's handle */
	char supi[64];		  /**< its SUPI */
	struct agw_nas_plmn plmn; /**< its serving AMF's PLMN */
	uint8_t nia;		  /**< integrity algorithm it selects for PC5 */
	uint8_t next_prti;
	uint8_t seq;
	struct psim_slot slot[PSIM_RELAY_SLOTS];
	uint64_t malformed;	   /**< NAS or PC5 messages that do not decode */
	uint64_t complete_bad_mac; /**< DSM Complete refused */
	struct agw_nas_sec_engine *eng;
};

/** A NAS or PC5 message. */
struct psim_msg {
	uint16_t len;
	uint8_t buf[PSIM_MSG_MAX];
};

/** How a connection attempt ended. */
enum psim_end {
	PSIM_END_ACCEPTED = 0,	   /**< Direct Communication Accept */
	PSIM_END_NAS_REJECT,	   /**< Relay Key Reject: the relay rejected the DCR */
	PSIM_END_DSMC_REFUSED,	   /**< the remote UE refused the DSM Command */
	PSIM_END_COMPLETE_REFUSED, /**< the relay refused the DSM Complete */
	PSIM_END_GW_PC5_REFUSED,   /**< the gateway's batch check refused a PC5 message */
	PSIM_END_NO_ANSWER,	   /**< the gateway sent nothing */
	PSIM_END_ERROR,		   /**< encoding or simulator failure */
};

/** The gateway as the simulator sees it. */
struct psim_gw_ops {
	/** One uplink NAS message of @p relay; downlink messages go to @p dl. */
	int (*ul_nas)(void *arg, struct psim_relay *relay, const uint8_t *nas, size_t len,
		      struct psim_msg *dl, unsigned int *n_dl, unsigned int max_dl);
	/** Batch-path check of a protected PC5 message (NULL: not checked). 0 = OK. */
	int (*pc5_check)(void *arg, struct psim_relay *relay, uint8_t prti, uint8_t *msg,
			 size_t len, uint8_t dir);
};

/** Outcome of psim_connect(). */
struct psim_result {
	uint8_t end;	   /**< enum psim_end */
	uint8_t trigger;   /**< enum psim_trigger of the DCR */
	uint8_t sent_suci; /**< the DCR carried the SUCI */
	uint8_t sent_kui;  /**< ... the ID with the key update indication */
	uint8_t eap_ran;   /**< EAP-AKA' ran */
	uint8_t prti;	   /**< relay transaction */
	uint8_t remote_knr[32], relay_knr[32];
	uint8_t remote_sess[32], relay_sess[32];
	uint8_t remote_pik[16], relay_pik[16];
	uint8_t remote_pek[16], relay_pek[16];
};

/** Initialise a remote UE (its own NAS security engine). @return 0, -EINVAL, -ENOMEM. */
int psim_remote_init(struct psim_remote *r, const struct psim_remote_conf *conf);
/** Zeroise and free its engine. */
void psim_remote_fini(struct psim_remote *r);
/** The network changed the RSC configuration (T2/T4): the key becomes invalid. */
void psim_remote_rsc_config_change(struct psim_remote *r, uint32_t rsc);
/** The UE is now in @p cell (T3). */
void psim_remote_set_cell(struct psim_remote *r, uint32_t cell);
/** The UE's key for @p rsc, or NULL. */
const struct psim_key *psim_remote_key(const struct psim_remote *r, uint32_t rsc);

/** Initialise a relay UE. @return 0, -EINVAL, -ENOMEM. */
int psim_relay_init(struct psim_relay *y, uint64_t ue, const char *supi, const char *mcc,
		    const char *mnc, uint8_t nia);
void psim_relay_fini(struct psim_relay *y);

/**
 * One connection of @p r through @p y for @p rsc at Unix time @p now:
 * DCR, Relay Key Request, EAP if the network runs it, DSM Command /
 * Complete (each checked by ops->pc5_check too), Direct Communication
 * Accept.
 *
 * @return 0 (see @p res->end), -EINVAL.
 */
int psim_connect(struct psim_remote *r, struct psim_relay *y, uint32_t rsc, uint64_t now,
		 const struct psim_gw_ops *ops, void *arg, struct psim_result *res);

/* The steps, for tests that tamper with messages. Each returns the length of
 * the message it wrote into @p out, 0 when it wrote none, or -errno. */

/** Remote UE: the DCR for @p rsc (decides the trigger). */
long psim_remote_dcr(struct psim_remote *r, uint32_t rsc, uint64_t now, uint8_t *out, size_t cap);
/** Remote UE: answer a PROSE DIRECT LINK AUTHENTICATION REQUEST. */
long psim_remote_auth(struct psim_remote *r, const uint8_t *pc5, size_t len, uint8_t *out,
		      size_t cap);
/** Remote UE: a protected DSM Command -> protected DSM Complete (or a DSM Reject). */
long psim_remote_dsmc(struct psim_remote *r, const uint8_t *pc5, size_t len, uint8_t *out,
		      size_t cap);
/** Remote UE: the relay rejected the DCR (PC5 DL_EST_REJ). */
void psim_remote_rejected(struct psim_remote *r, const uint8_t *pc5, size_t len);
/** Remote UE: Direct Communication Accept. 0 or -EBADMSG. */
int psim_remote_accepted(struct psim_remote *r, const uint8_t *pc5, size_t len);

/** Relay: DCR -> NAS Relay Key Request (sets *prti). */
long psim_relay_dcr(struct psim_relay *y, const uint8_t *pc5, size_t len, uint8_t *prti,
		    uint8_t *out, size_t cap);
/** Relay: a downlink NAS message -> the PC5 message it sends (auth request, DSMC or reject). */
long psim_relay_dl_nas(struct psim_relay *y, const uint8_t *nas, size_t len, uint8_t *prti,
		       uint8_t *out, size_t cap);
/** Relay: PROSE DIRECT LINK AUTHENTICATION RESPONSE -> NAS Relay Authentication Response. */
long psim_relay_auth_rsp(struct psim_relay *y, uint8_t prti, const uint8_t *pc5, size_t len,
			 uint8_t *out, size_t cap);
/** Relay: protected DSM Complete -> Direct Communication Accept (or reject). */
long psim_relay_complete(struct psim_relay *y, uint8_t prti, const uint8_t *pc5, size_t len,
			 uint8_t *out, size_t cap);
/** Relay slot of a transaction, or NULL. */
struct psim_slot *psim_relay_slot(struct psim_relay *y, uint8_t prti);

/** Append the PC5 MAC-I (NIA over msg, COUNT = msg[1]). @return new length or -errno. */
long psim_pc5_protect(struct agw_nas_sec_engine *eng, const uint8_t pik[16], uint8_t alg,
		      uint8_t dir, uint8_t *msg, size_t len, size_t cap);
/** Check and strip the PC5 MAC-I. @return the message length without it, or -EBADMSG. */
long psim_pc5_check(struct agw_nas_sec_engine *eng, const uint8_t pik[16], uint8_t alg, uint8_t dir,
		    const uint8_t *msg, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* PROSE_SIM_H */
