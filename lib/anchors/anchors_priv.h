/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_ANCHORS_PRIV_H
#define AGW_ANCHORS_PRIV_H

/**
 * @file
 * @internal Internals of lib/anchors: UE entries, the UDM SQN-block cache,
 * and the functions the per-function files share.
 */

#include <stdint.h>

#include "agw_akma.h"
#include "agw_anchors.h"
#include "agw_dh.h"
#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_nas5g.h"
#include "agw_nas_sec.h"
#include "agw_store.h"

#define ANCH_NIL UINT32_MAX
#define ANCH_SNN_MAX 64
#define ANCH_SUPI_PARAM_MAX 64

/** AUSF state of one authentication (TS 33.501 6.1.3.2 step 3). */
struct anch_ausf {
	uint8_t xres_star[AGW_RES_STAR_LEN];
	uint8_t kseaf[AGW_KEY256_LEN]; /**< kept until RES* verified (NOTE 4) */
	/** K_AUSF, kept until the RES* check for AKMA (TS 33.535 6.1 step 1) */
	uint8_t kausf[AGW_KEY256_LEN];
};

/** 5G SE AV held by the SEAF (step 5). */
struct anch_se_av {
	uint8_t rand[AGW_MIL_RAND_LEN];
	uint8_t autn[AGW_MIL_AUTN_LEN];
	uint8_t hxres_star[AGW_RES_STAR_LEN];
};

/** One seed 000 MM security service procedure to run. */
struct anch_ssp_entry {
	uint8_t code;	   /**< AGW_STORE_SSP_DH or AGW_STORE_SSP_DEVAUTH */
	uint8_t ue_init;   /**< 1: the UE starts it (Security service command) */
	uint8_t mandatory; /**< the UE cannot run it -> reject #23; else dropped */
};

/**
 * Seed 000 MM procedures of one registration: the target identifier in run
 * order (spec 000 §5.3, §5.4), set when the subscriber is read, run after
 * the SMC (ssp.c). A "step" is one network-initiated entry, or the
 * UE-initiated entries one Security service command announces.
 */
struct anch_ssp {
	uint8_t n;	    /**< entries */
	uint8_t one_by_one; /**< SEND_ONE_BY_ONE: one UE-initiated entry per command */
	uint8_t next;	    /**< first entry of the running step */
	uint8_t step_end;   /**< one past its last entry */
	uint8_t pending;    /**< bit i: entry i of the step not ended */
	uint8_t kdh_set;    /**< K_DH established */
	struct anch_ssp_entry e[AGW_STORE_SSI_ENTRIES_MAX];
	struct agw_x25519_pair dh; /**< this AMF's pair (priv secret, while the DH runs) */
	uint8_t kdh[AGW_KDH_LEN];  /**< secret: K_DH */
};

/** One UE entry. */
struct anch_ue {
	uint8_t used;
	uint8_t state;	       /**< enum agw_anchors_state */
	uint8_t from_guti;     /**< the registration identified the UE by 5G-GUTI */
	uint8_t resynced;      /**< a resynchronisation was done in this procedure */
	uint8_t keys_set;      /**< NAS keys derived (SMC sent) */
	uint8_t ctx_installed; /**< fast path has the context */
	uint8_t ngksi;	       /**< KSI of the context being established / current */
	uint8_t nia, nea;
	uint8_t cap_len;
	uint8_t cap_raw[8];   /**< UE security capability as received */
	uint8_t svc_cap_present; /**< UE security service capability IE received */
	uint8_t ue_mm_cap;       /**< its MM octet (seed 000) */
	uint8_t sub_read;        /**< subscriber data of this procedure read (below) */
	uint8_t sub_nia, sub_nea; /**< subscriber's allowed 5G-IA / 5G-EA masks */
	int8_t ssi_verdict;      /**< anch_ssi_mm_target(): 0 or -EPERM */
	uint8_t akma_ind;        /**< subscriber has AKMA (UDM AKMA indication) */
	uint8_t akma_id;         /**< an AKMA identifier was allocated in this procedure */
	char rid[AGW_STORE_RID_MAX]; /**< subscriber's routing indicator (AKMA) */
	uint8_t last_sht;     /**< SHT of the guarded message */
	uint8_t retx;	      /**< retransmissions done */
	uint16_t last_len;
	uint8_t last_plain[AGW_ANCHORS_DL_NAS_MAX]; /**< guarded message, plain */
	uint32_t self;
	uint32_t hnext;	     /**< N2-key hash chain */
	uint32_t tnext;	     /**< 5G-TMSI hash chain */
	uint32_t tprev_l, tnext_l; /**< guard timer list */
	uint64_t deadline;   /**< 0: no guard timer */
	uint32_t tmsi;
	uint8_t has_tmsi;
	uint32_t ul_next;    /**< next expected UL NAS COUNT */
	uint32_t dl_count;   /**< next DL NAS COUNT */
	agw_anchors_ue_ref key;
	char supi[AGW_STORE_SUPI_MAX];
	struct anch_se_av av;
	struct anch_ausf ausf;
	uint8_t kamf[AGW_KEY256_LEN];
	uint8_t knas_int[AGW_KEY128_LEN];
	uint8_t knas_enc[AGW_KEY128_LEN];
	struct agw_nia_key nia_key;
	struct agw_nea_key nea_key;
	struct anch_ssp ssp; /**< seed 000 MM procedures (secrets: dh.priv, kdh) */
};

/** UDM cache of reserved SQN blocks, per SUPI (open addressing). */
struct anch_sqn_slot {
	uint32_t hash;		       /**< supi_hash(supi): compared before the string */
	char supi[AGW_STORE_SUPI_MAX]; /**< "" = empty */
	uint64_t next;		       /**< next SQN to hand out */
	uint64_t end;		       /**< one past the block */
	uint8_t ind_bits;
};

struct agw_anchors {
	struct agw_anchors_conf conf;
	char snn[ANCH_SNN_MAX];
	size_t snn_len;
	struct agw_nas_sec_engine *eng;
	struct agw_sidf_counters sidf_ctr;
	uint64_t now;
	uint64_t stats[AGW_ANCHORS_EV_MAX];
	uint32_t n_used;
	uint32_t free_head;
	uint32_t hmask;
	uint32_t *hbucket; /**< N2 key -> UE */
	uint32_t *tbucket; /**< 5G-TMSI -> UE */
	uint32_t timer_head, timer_tail;
	struct anch_ue *ue;
	uint32_t sqn_mask;
	struct anch_sqn_slot *sqn;
	uint8_t scratch[AGW_ANCHORS_UL_NAS_MAX];
};

/* anchors.c */
struct anch_ue *anch_ue_find(struct agw_anchors *a, const agw_anchors_ue_ref *ref);
struct anch_ue *anch_ue_get(struct agw_anchors *a, const agw_anchors_ue_ref *ref);
struct anch_ue *anch_ue_by_tmsi(struct agw_anchors *a, uint32_t tmsi);
int anch_tmsi_assign(struct agw_anchors *a, struct anch_ue *ue);
void anch_ue_free(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out);
void anch_event(struct agw_anchors *a, const agw_anchors_ue_ref *ue, unsigned int ev, uint16_t cause,
		struct agw_anchors_out *out);
void anch_guard_start(struct agw_anchors *a, struct anch_ue *ue);
void anch_guard_stop(struct agw_anchors *a, struct anch_ue *ue);
int anch_dl_send(struct agw_anchors *a, struct anch_ue *ue, uint8_t sht, int guard,
		 struct agw_anchors_out *out);
int anch_dl_build(struct anch_ue *ue, uint8_t type, const struct agw_nas_body *b);
long anch_dl_encode(uint8_t type, const struct agw_nas_body *b, uint8_t *buf, size_t cap);
int anch_dl_send_once(struct agw_anchors *a, struct anch_ue *ue, uint8_t sht, const uint8_t *plain,
		      uint16_t len, struct agw_anchors_out *out);
void anch_ue_linger(struct agw_anchors *a, struct anch_ue *ue);

/* seaf_reg.c: the end of registration, for the seed 000 procedures */
void anch_reg_accept(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out);
void anch_reg_reject_protected(struct agw_anchors *a, struct anch_ue *ue, uint8_t cause,
			       struct agw_anchors_out *out);

/* udm.c: UDM/ARPF */
int anch_udm_get_av(struct agw_anchors *a, struct anch_ue *ue, struct agw_he_av_5g *av);
int anch_udm_resync(struct agw_anchors *a, const char *supi, const uint8_t rand[16],
		    const uint8_t auts[AGW_MIL_AUTS_LEN]);
int anch_udm_sub_algs(struct agw_anchors *a, struct anch_ue *ue, uint8_t *nia_mask,
		      uint8_t *nea_mask);

/* ausf.c: AUSF */
void anch_udm_sqn_forget(struct agw_anchors *a);
int anch_udm_ssi_check(struct agw_anchors *a, struct anch_ue *ue);

/**
 * Seed 000 MM target (ssi.c): the subscriber's MM identifier intersected
 * with the UE's MM capability (when present) and the AMF's, in run order.
 * -EPERM when a mandatory entry is outside it (registration reject #23),
 * else 0.
 */
int anch_ssi_mm_target(const struct agw_anchors_conf *c, const struct agw_store_sub *sub,
		       int ue_cap_present, uint8_t ue_cap, struct anch_ssp *run);

/* ssp.c: running the target after the SMC (the context is in the fast path) */
void anch_ssp_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out);
void anch_ssp_entry_done(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
			 struct agw_anchors_out *out);
void anch_ssp_ul(struct agw_anchors *a, struct anch_ue *ue, uint8_t type,
		 const struct agw_nas_body *b, struct agw_anchors_out *out);
void anch_ssp_clear(struct anch_ssp *s);

/* ssp_dh.c: DH exchange (Msg1 network key, Msg2 UE key) */
void anch_ssp_dh_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out);
void anch_ssp_dh_on_ue_key(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
			   const struct agw_nas_body *b, struct agw_anchors_out *out);

/* ssp_devauth.c: device authentication (Msg3 device identity, Msg4 result) */
int anch_imei_check(const char *digits);
void anch_ssp_devauth_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out);
void anch_ssp_devauth_on_id(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
			    const struct agw_nas_ie *id, struct agw_anchors_out *out);

int anch_ausf_se_av(struct agw_anchors *a, struct anch_ue *ue, const struct agw_he_av_5g *he);
int anch_ausf_confirm(struct agw_anchors *a, struct anch_ue *ue,
		      const uint8_t res_star[AGW_RES_STAR_LEN], int seaf_ok,
		      uint8_t kseaf[AGW_KEY256_LEN], struct agw_anchors_out *out);
/* AKMA identifier of the UE for its Registration accept: 1 (in @p id), 0 none. */
int anch_ausf_akma_ident(struct agw_anchors *a, struct anch_ue *ue, struct agw_akma_ident *id,
			 struct agw_anchors_out *out);
/* Store rollback: end the procedures whose identifier may not be on disk. */
void anch_ausf_akma_rollback(struct agw_anchors *a, struct anch_ue *ue);

#endif /* AGW_ANCHORS_PRIV_H */
