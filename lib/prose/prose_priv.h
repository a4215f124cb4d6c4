/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef PROSE_PRIV_H
#define PROSE_PRIV_H

/*
 * lib/prose internals: hash index, PAnF records, pending EAP runs, PC5
 * links, the undo journal of the group commit, and the helpers the files
 * share. One file per job:
 *   prose.c          create/free, counters, tick, group commit
 *   prose_htab.c     open-addressing hash index
 *   prose_table.c    PAnF record pool and its two indexes
 *   prose_persist.c  records <-> lib/store, restore, rollback
 *   prose_panf.c     Npanf_ProseKey get/register, update policy, authorisation
 *   prose_ausf.c     Relay Key Request: AMF(relay) check, AUSF branch, reuse
 *   prose_ausf_eap.c new CP-PRUK: AV, EAP-AKA' run, registration
 *   prose_key.c      K_NR_ProSe, Nonce_2, Relay Key Accept / Reject
 *   prose_eap.c      EAP-AKA' packets (RFC 5448, RFC 4187)
 *   prose_nas.c      relay 5GMM messages in and out
 *   prose_id.c       CP-PRUK ID NAI
 *   prose_pc5.c      PC5 link keys and the batch check
 *   prose_udm.c      store-backed UDM
 */

#include <stdint.h>

#include "agw_nas_sec.h"
#include "agw_prose.h"

/* ---------------------------------------------------------------------- */
/* Hash index (prose_htab.c)                                               */

/*
 * Slots hold (hash << 32) | (entry index + 1); 0 is empty. Linear probing,
 * backward-shift deletion. Sized at init for a fixed number of entries
 * (load at most 1/2); the caller compares keys through a callback.
 */
struct prose_htab {
	uint64_t *slots;
	uint32_t mask;
	uint32_t count;
	uint32_t max; /* entries allowed */
};

typedef int (*prose_htab_eq)(const void *ctx, uint32_t idx, const void *key);

int prose_htab_init(struct prose_htab *t, uint32_t entries);
void prose_htab_fini(struct prose_htab *t);
int64_t prose_htab_find(const struct prose_htab *t, uint32_t h, prose_htab_eq eq, const void *ctx,
			const void *key);
int prose_htab_insert(struct prose_htab *t, uint32_t h, uint32_t idx);
int prose_htab_remove(struct prose_htab *t, uint32_t h, uint32_t idx);
void prose_htab_clear(struct prose_htab *t);
uint32_t prose_hash(uint64_t seed, const void *data, size_t len);

/* ---------------------------------------------------------------------- */
/* PAnF records (prose_table.c)                                            */

/* "no authorisation information" (struct agw_prose_av::authz_info). */
#define PROSE_AUTHZ_NONE 0xff

/*
 * One CP-PRUK with what the PAnF keeps about it, and, co-located because
 * both anchors run in this process, the AUSF's per-CP-PRUK view (last relay
 * AMF PLMN, configuration version, recent Nonce_1 values).
 */
struct prose_rec {
	uint8_t used;
	uint8_t update_pending; /* update indication from the AUSF/UDM ([0680]) */
	uint8_t rsc_removed;	/* RSC deleted on UDM instruction ([0683]) */
	uint8_t authz;		/* stored authorisation info: 0, 1, PROSE_AUTHZ_NONE */
	uint32_t rsc;
	char id[AGW_PROSE_ID_MAX + 1];
	char supi[AGW_PROSE_SUPI_MAX];
	uint8_t pruk[AGW_PROSE_KEY_LEN]; /* secret */
	uint64_t created;		 /* Unix s */
	uint64_t expiry;		 /* Unix s; 0 none */
	/* AUSF view */
	uint8_t plmn_set;
	uint8_t plmn[3]; /* relay AMF PLMN last used, TS 24.008 octets */
	uint32_t conf_version;
	uint8_t n_nonce;
	uint8_t nonce_pos;
	uint8_t nonce1[AGW_PROSE_NONCE1_HISTORY][AGW_PROSE_NONCE_LEN];
	uint32_t h_id;
	uint32_t h_key;
};

int prose_tab_init(struct agw_prose *p, uint32_t cap);
void prose_tab_fini(struct agw_prose *p);
/* Zeroise and drop every record (full reload). */
void prose_tab_clear(struct agw_prose *p);
struct prose_rec *prose_rec_by_id(const struct agw_prose *p, const char *id);
struct prose_rec *prose_rec_by_key(const struct agw_prose *p, const char *supi, uint32_t rsc);
/* Copy @p tmpl in and index it (ID and (SUPI, RSC) must be free). NULL: ENOSPC. */
struct prose_rec *prose_rec_add(struct agw_prose *p, const struct prose_rec *tmpl);
/* Unindex, zeroise, release. */
void prose_rec_del(struct agw_prose *p, struct prose_rec *r);

/* ---------------------------------------------------------------------- */
/* Persistence (prose_persist.c)                                           */

#define PROSE_META_PREFIX "prose/"
#define PROSE_JOURNAL_MAX 4096

/* Write the record and its meta; journalled. -EIO on a store error. */
int prose_persist_put(struct agw_prose *p, const struct prose_rec *r);
/* Write only the meta (AUSF view, flags); journalled. */
int prose_persist_meta(struct agw_prose *p, const struct prose_rec *r);
/* Delete the record and its meta; journalled. */
void prose_persist_del(struct agw_prose *p, const char *id);
/* Load every stored record into the table (at create). */
int prose_persist_restore(struct agw_prose *p);
/* Re-read the journalled records (rollback). */
void prose_persist_rollback(struct agw_prose *p);

/* ---------------------------------------------------------------------- */
/* Pending EAP runs (prose_ausf_eap.c)                                     */

struct prose_txn {
	uint8_t used;
	uint8_t prti;
	uint8_t eap_id;
	uint8_t trigger; /* enum agw_prose_trigger */
	uint8_t xres_len;
	uint8_t authz_info;
	uint8_t plmn[3]; /* relay AMF PLMN of the request */
	uint64_t relay;
	uint64_t deadline_ms;
	uint32_t rsc;
	uint32_t h;
	char supi[AGW_PROSE_SUPI_MAX];
	char rid[5];
	uint8_t nonce1[AGW_PROSE_NONCE_LEN];
	uint8_t xres[16];		    /* secret */
	uint8_t k_aut[32];		    /* secret */
	uint8_t kausf_p[AGW_PROSE_KEY_LEN]; /* secret */
};

/* ---------------------------------------------------------------------- */
/* PC5 links (prose_pc5.c)                                                 */

struct prose_link {
	uint8_t used;
	uint8_t alg;	/* integrity algorithm of the verified DSM Command; 0 none yet */
	int16_t seq[2]; /* last verified sequence number per direction; -1 none */
	uint64_t id;	/* 0 = free */
	uint64_t relay;
	uint64_t expires_ms;
	uint32_t h;
	struct agw_nia_key pik[3]; /* NRPIK for 128-NIA1, -NIA2, -NIA3; secret */
};

int prose_links_init(struct agw_prose *p, uint32_t max);
void prose_links_fini(struct agw_prose *p);
/* New link for K_NR_ProSe and the nonces; returns its id, 0 when full or on error. */
uint64_t prose_link_create(struct agw_prose *p, uint64_t relay,
			   const uint8_t knr[AGW_PROSE_KEY_LEN],
			   const uint8_t nonce_1[AGW_PROSE_NONCE_LEN],
			   const uint8_t nonce_2[AGW_PROSE_NONCE_LEN]);
void prose_links_expire(struct agw_prose *p);
void prose_links_drop_relay(struct agw_prose *p, uint64_t relay);
/* Drop the links created after the last commit (their keys were in held messages). */
void prose_links_rollback(struct agw_prose *p);

/* ---------------------------------------------------------------------- */
/* Anchor                                                                  */

struct agw_prose {
	struct agw_prose_conf conf; /* err cleared */
	struct agw_nas_plmn home;   /* MNC as 3 digits */
	uint64_t seed;
	uint64_t now_ms;
	/* PAnF */
	struct prose_rec *recs;
	uint32_t cap;
	uint32_t *free_idx;
	uint32_t n_free;
	uint32_t live;
	struct prose_htab by_id;
	struct prose_htab by_key;
	/* EAP runs */
	struct prose_txn *txn;
	uint32_t *txn_free;
	uint32_t max_txn;
	uint32_t n_txn;
	struct prose_htab txn_idx;
	uint8_t next_eap_id;
	/* PC5 links */
	struct prose_link *links;
	uint32_t max_links;
	uint32_t n_links;
	uint32_t link_cursor; /* next slot to hand out (round-robin) */
	struct prose_htab link_idx;
	uint64_t next_link;
	struct agw_nas_sec_engine *eng; /* key schedules only */
	/* undo journal since the last committed store transaction */
	char (*journal)[AGW_PROSE_ID_MAX + 1];
	uint32_t n_journal;
	uint8_t journal_overflow;
	uint64_t committed_link; /* links with a larger id came after the last commit */
	struct agw_prose_counters ctr;
};

static inline uint64_t
prose_now(const struct agw_prose *p)
{
	return p->conf.now(p->conf.now_arg);
}

/* Record that store writes happened under this call's output. */
static inline void
prose_out_stored(struct agw_prose_out *out)
{
	if (out != NULL)
		out->stored = 1;
}

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                          */

/* prose_id.c: 1 if @p id is a CP-PRUK ID of this anchor's form and realm. */
int prose_id_ok(const struct agw_prose *p, const char *id, size_t len);
/* SBI SUPI form check ("imsi-" digits / "nai-"), length < AGW_PROSE_SUPI_MAX. */
int prose_supi_ok(const char *supi);

/* prose_panf.c: the PAnF-side update decision for a record at @p now. */
uint8_t prose_panf_update_reason(const struct agw_prose *p, const struct prose_rec *r,
				 uint64_t now);

/* prose_panf.c: register from the AUSF, recording the relay AMF PLMN. */
int prose_panf_register_ausf(struct agw_prose *p, const char *supi, uint32_t rsc,
			     const uint8_t pruk[AGW_PROSE_KEY_LEN], const char *id,
			     uint8_t authz_info, const uint8_t plmn[3]);

/* prose_key.c */
int prose_knr_finish(struct agw_prose *p, const struct agw_prose_relay *relay, uint8_t prti,
		     const uint8_t pruk[AGW_PROSE_KEY_LEN],
		     const uint8_t nonce_1[AGW_PROSE_NONCE_LEN], const char *new_id,
		     const uint8_t *eap_success, size_t eap_len, struct agw_prose_result *res,
		     struct agw_prose_out *out);
int prose_reject(struct agw_prose *p, uint64_t relay, uint8_t prti, const uint8_t *eap,
		 size_t eap_len, struct agw_prose_result *res, struct agw_prose_out *out);
/* Append a result (and count its verdict / trigger). -ENOBUFS when full. */
struct agw_prose_result *prose_res_add(struct agw_prose *p, struct agw_prose_out *out,
				       uint64_t relay, uint8_t prti);
void prose_res_done(struct agw_prose *p, struct agw_prose_result *res, uint8_t verdict);

/* prose_ausf_eap.c */
int prose_ausf_new_key(struct agw_prose *p, const struct agw_prose_relay *relay,
		       const struct agw_prose_key_req *rq, const char *supi, uint8_t trigger,
		       struct agw_prose_result *res, struct agw_prose_out *out);
int prose_txn_init(struct agw_prose *p, uint32_t max);
void prose_txn_fini(struct agw_prose *p);
void prose_txn_expire(struct agw_prose *p, struct agw_prose_out *out);
void prose_txn_drop_relay(struct agw_prose *p, uint64_t relay);

/* prose_nas.c: downlink messages. */
long prose_nas_key_accept(uint8_t prti, const uint8_t knr[AGW_PROSE_KEY_LEN],
			  const uint8_t nonce_2[AGW_PROSE_NONCE_LEN], const char *pruk_id,
			  const uint8_t *eap, size_t eap_len, uint8_t *buf, size_t cap);
long prose_nas_key_reject(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf,
			  size_t cap);
long prose_nas_auth_request(uint8_t prti, const uint8_t *eap, size_t eap_len, uint8_t *buf,
			    size_t cap);
/* Append a DL message slot; NULL when full. */
struct agw_prose_dl *prose_dl_add(struct agw_prose_out *out, uint64_t relay, uint8_t type,
				  uint8_t prti);

/* prose_eap.c: EAP-AKA' (type 50). */
#define PROSE_EAP_MAX 256
#define PROSE_EAP_TYPE_AKA_PRIME 50
long prose_eap_challenge(uint8_t id, const uint8_t rand[16], const uint8_t autn[16],
			 const char *snn, size_t snn_len, const uint8_t k_aut[32], uint8_t *buf,
			 size_t cap);
/* 0 success; -EBADMSG malformed; -EPROTO wrong id/subtype flow; -EACCES bad
 * AT_MAC; -EPERM RES mismatch; -ECONNREFUSED UE reject / sync failure. */
int prose_eap_check_response(uint8_t id, const uint8_t *pkt, size_t len, const uint8_t k_aut[32],
			     const uint8_t *xres, size_t xres_len);
void prose_eap_result(uint8_t code, uint8_t id, uint8_t out[4]);

#endif /* PROSE_PRIV_H */
