/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AKMA_PRIV_H
#define AKMA_PRIV_H

/*
 * lib/akma internals: the entry tables (pool + two hash indexes), the
 * AUSF and AAnF state, and the helpers the files share.
 */

#include <stdint.h>

#include "agw_akma.h"
#include "agw_store.h"

/* ---------------------------------------------------------------------- */
/* Open-addressing hash index (akma_htab.c)                                */

/*
 * Slots hold (hash << 32) | (entry index + 1); 0 is an empty slot. Linear
 * probing, deletion by backward shift (no tombstones), doubled at 70 % load.
 * The caller compares keys through a callback, so one index type serves
 * the TID and the SUPI indexes.
 */
struct akma_htab {
	uint64_t *slots;
	uint32_t mask;	/* capacity - 1 (capacity a power of two) */
	uint32_t count; /* occupied slots */
};

typedef int (*akma_htab_eq)(const void *ctx, uint32_t idx, const void *key);

int akma_htab_init(struct akma_htab *t, uint32_t expected);
void akma_htab_fini(struct akma_htab *t);
/* Index of the entry whose key equals @p key, or -1. */
int64_t akma_htab_find(const struct akma_htab *t, uint32_t h, akma_htab_eq eq, const void *ctx,
		       const void *key);
int akma_htab_insert(struct akma_htab *t, uint32_t h, uint32_t idx);
int akma_htab_remove(struct akma_htab *t, uint32_t h, uint32_t idx);

/* Seeded 64-bit hash of octets (not cryptographic; the seed is random). */
uint64_t akma_hash(uint64_t seed, const void *data, size_t len);

/* ---------------------------------------------------------------------- */
/* Entries and tables (akma_table.c)                                       */

/*
 * One identifier's state: an AUSF entry (key = K_AUSF) or an AAnF context
 * (key = K_AKMA). The identifier is rebuilt from tid/rid/labels.
 */
struct akma_ent {
	uint8_t tid[AGW_AKMA_TID_MAX];
	uint8_t tid_len;
	uint8_t used;
	uint8_t persisted; /* AAnF: stored (allocated or pushed); 0 = pulled cache */
	char rid[5];
	char aanf[AGW_AKMA_LABEL_MAX + 1]; /* AAnF label, "" = none */
	char af[AGW_AKMA_LABEL_MAX + 1];   /* AF label, "" = none, "0" = any */
	char supi[AGW_AKMA_SUPI_MAX];
	uint8_t key[32]; /* K_AUSF (AUSF) or K_AKMA (AAnF): secret */
	uint64_t expiry; /* Unix seconds; 0 = none */
	uint32_t h_tid;
	uint32_t h_supi;
	uint32_t idx; /* position in its table */
};

/* Entries in chunks that never move (no realloc of key material). */
#define AKMA_CHUNK_SHIFT 10
#define AKMA_CHUNK_SIZE (1u << AKMA_CHUNK_SHIFT)

struct akma_table {
	struct akma_ent **chunks;
	uint32_t n_chunks;
	uint32_t *free_idx; /* stack of released indexes */
	uint32_t n_free;
	uint32_t next; /* first never-used index */
	uint32_t live;
	uint64_t seed;
	struct akma_htab by_tid;
	struct akma_htab by_supi;
};

int akma_tab_init(struct akma_table *tab, uint32_t expected, uint64_t seed);
/* Zeroises every entry. */
void akma_tab_fini(struct akma_table *tab);
struct akma_ent *akma_tab_by_tid(const struct akma_table *tab, const uint8_t *tid, size_t len);
struct akma_ent *akma_tab_by_supi(const struct akma_table *tab, const char *supi);
/* Copy @p tmpl in (its TID and SUPI must not be present). NULL: ENOMEM. */
struct akma_ent *akma_tab_add(struct akma_table *tab, const struct akma_ent *tmpl);
/* Unindex, zeroise and release. */
void akma_tab_del(struct akma_table *tab, struct akma_ent *e);

/* ---------------------------------------------------------------------- */
/* Anchor                                                                  */

struct akma_af {
	char label[AGW_AKMA_LABEL_MAX + 1];
	char af_id[254];
	size_t af_id_len;
	uint8_t kdf_af_id[AGW_AKMA_AF_ID_MAX]; /* FQDN || Ua* id (TS 33.535 A.4) */
	size_t kdf_af_id_len;
	uint8_t expose_supi;
};

struct akma_rule {
	uint8_t match;
	uint8_t sst;
	uint32_t sd;
	char dnn[AGW_STORE_DNN_MAX];
	uint8_t ssc_mode;
	int aanf; /* instance index, -1 = default */
	int af;	  /* AF index, -1 = none */
};

struct agw_akma_aanf {
	struct agw_akma *ak;
	unsigned int idx;
	char id[AGW_AKMA_LABEL_MAX + 1];
	char uri[256];
	uint64_t served; /* bit per AF index */
	struct akma_table ctx;
	uint64_t verdicts[AGW_AKMA_V_MAX];
	uint64_t stats[AGW_AKMA_AANF_STAT_MAX];
};

struct agw_akma {
	struct agw_nas_plmn plmn; /* MNC as 3 digits */
	enum agw_akma_allocator allocator;
	enum agw_akma_tid_source tid_source;
	enum agw_akma_delivery delivery;
	uint32_t addr_fields;
	uint8_t akma_label;
	uint8_t rewrite_on_relocation;
	uint32_t ident_lifetime_s;
	uint32_t kaf_lifetime_s;
	unsigned int default_aanf;
	struct agw_akma_aanf *aanf[AGW_AKMA_AANF_MAX];
	unsigned int n_aanf;
	struct akma_af af[AGW_AKMA_AF_MAX];
	unsigned int n_af;
	struct akma_rule *rules;
	unsigned int n_rules;
	struct akma_table ausf;
	struct agw_store *store;
	uint64_t (*now)(void *arg);
	void *now_arg;
	uint64_t stats[AGW_AKMA_AUSF_STAT_MAX];
};

static inline uint64_t
akma_now(const struct agw_akma *ak)
{
	return ak->now(ak->now_arg);
}

static inline int
akma_expired(const struct agw_akma *ak, const struct akma_ent *e)
{
	return e->expiry != 0 && akma_now(ak) >= e->expiry;
}

/* akma_conf.c */
int akma_conf_check(const struct agw_akma_conf *c, char *err, size_t err_len);
int akma_label_ok(const char *s);
int akma_rid_ok(const char *s);

/* akma_ident.c */
/* Build the identifier of @p e (realm of @p ak). 0 or -EINVAL. */
int akma_ident_build(const struct agw_akma *ak, const struct akma_ent *e,
		     struct agw_akma_ident *id);
/* Parse an identifier: 0, -EINVAL (not the canonical form), -EXDEV (other realm). */
int akma_ident_parse(const struct agw_akma *ak, const char *s, size_t n,
		     struct agw_nas5g_akma_id *f);
/* Draw a fresh TID. 0, -EIO. */
int akma_tid_draw(const struct agw_akma *ak, const struct agw_akma_auth *auth,
		  uint8_t tid[AGW_AKMA_TID_MAX], uint8_t *len);
/* K_AKMA of an entry holding K_AUSF (TS 33.535 A.2). 0, -EINVAL, -EIO. */
int akma_kakma(const struct akma_ent *e, uint8_t kakma[32]);

/* akma_select.c */
void akma_select(const struct agw_akma *ak, const struct agw_akma_aux *aux, int *aanf, int *af);

/* akma_ausf.c */
/*
 * AAnF key request (M15, or M21 after a relocation: @p relocated, which lets
 * the AUSF rewrite the AAnF label). 0, -ENOENT, -EKEYEXPIRED, -EIO; @p ctx
 * gets the context with K_AKMA.
 */
int akma_ausf_key_request(struct agw_akma *ak, unsigned int aanf_idx, const uint8_t *tid,
			  size_t tid_len, const char *rid, int relocated, struct akma_ent *ctx);
/* Drop the AUSF entry with this TID (expiry seen at an AAnF). */
void akma_ausf_expire_tid(struct agw_akma *ak, const uint8_t *tid, size_t tid_len);
/* 1 if an AUSF entry or an AAnF context uses this TID (F14). */
int akma_tid_live(const struct agw_akma *ak, const uint8_t *tid, size_t len);
struct akma_ent *akma_ausf_by_tid(const struct agw_akma *ak, const uint8_t *tid, size_t len);

/* akma_aanf.c */
struct agw_akma_aanf *akma_aanf_new(struct agw_akma *ak, unsigned int idx,
				    const struct agw_akma_aanf_conf *c, uint32_t capacity,
				    uint64_t seed);
void akma_aanf_free(struct agw_akma_aanf *aanf);
/* Store a context (replacing the SUPI's and the TID's). NULL on -ENOMEM/-EIO. */
struct akma_ent *akma_aanf_put(struct agw_akma_aanf *aanf, const struct akma_ent *tmpl,
			       int persist);
/* Remove the context with this TID, if any. */
void akma_aanf_drop_tid(struct agw_akma_aanf *aanf, const uint8_t *tid, size_t len);
/* FIG. 4 allocation at the AAnF; fills tmpl->tid/tid_len and labels. 0, -ENOSPC, -EIO. */
int akma_aanf_allocate(struct agw_akma_aanf *aanf, struct akma_ent *tmpl);

/* akma_persist.c */
int akma_persist_ausf_put(struct agw_akma *ak, const struct akma_ent *e);
void akma_persist_ausf_del(struct agw_akma *ak, const struct akma_ent *e);
int akma_persist_ctx_put(struct agw_akma_aanf *aanf, const struct akma_ent *e);
void akma_persist_ctx_del(struct agw_akma_aanf *aanf, const struct akma_ent *e);
int akma_persist_restore(struct agw_akma *ak);

#endif /* AKMA_PRIV_H */
