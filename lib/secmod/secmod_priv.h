/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef SECMOD_PRIV_H
#define SECMOD_PRIV_H

/*
 * Internals of lib/secmod shared between its files. Not installed.
 */

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <rte_rcu_qsbr.h>

#include "agw_secmod.h"

/* ------------------------------------------------------------------ */
/* Sizes                                                               */
/* ------------------------------------------------------------------ */

#define SM_KEY_LEN 32	    /* derived key material per label */
#define SM_NONCE_LEN 32	    /* negotiation and challenge nonces */
#define SM_MSG_MAC_LEN 16   /* HMAC-SHA-256 truncated, module messages */
#define SM_ZK_PUB_LEN 33    /* compressed P-256 point */
#define SM_XRES_LEN 16	    /* XRES* / RES* */
#define SM_TOKEN_MAX 1024   /* JWS compact serialisation */
#define SM_EVIDENCE_MAX 512 /* quote + signature */
#define SM_MSG_MAX 2048	    /* one module message */
#define SM_AUDIT_MAX 4096   /* audit buffer for periodic upload */
#define SM_TIMERS_MAX 16
#define SM_PRESETS_MAX 16
#define SM_AUTHZ_MAX 64
#define SM_CONTRACTS_MAX 16
#define SM_CRED_MAX 64
#define SM_RV_MAX 64
#define SM_TOKENS_MAX 64
#define SM_PERM_MAX 64
#define SM_PEERS_MAX 256
#define SM_VOTERS_MAX 32

/* Ciphertext of the ENCRYPT service: version || nonce || ct || tag. */
#define SM_CT_OVERHEAD (4 + AGW_SECMOD_GCM_IV_LEN + AGW_SECMOD_GCM_TAG_LEN)

/* ------------------------------------------------------------------ */
/* Policy                                                              */
/* ------------------------------------------------------------------ */

/*
 * One negotiated policy of a node pair. Immutable once published, except
 * refcnt and gcm_ctr (module lock). Freed when replaced or removed, after
 * the fast-path grace period and when no transaction holds it.
 */
struct sm_policy {
	uint32_t local;
	uint32_t peer;
	uint32_t version;
	uint32_t services;
	uint8_t alg[AGW_SECMOD_CLS_MAX];
	uint8_t initiator;
	uint8_t attest_layer;
	uint32_t token_lifetime_s;
	int refcnt;	     /* slot + transactions; module lock */
	uint64_t gcm_ctr;    /* ENCRYPT nonces; module lock */
	uint8_t gcm_salt[3]; /* per policy, from the key schedule */
	/* driver handles */
	void *k_msg;	/* HMAC, module messages */
	void *k_cipher; /* AES-GCM */
	void *k_integ;	/* CMAC or HMAC */
	void *k_token;	/* HMAC for HS256 tokens */
	void *fp_enc;	/* fast-path sessions */
	void *fp_int;
	/* the peer module's public keys (negotiation) */
	uint8_t peer_ak_pub[AGW_SECMOD_ED25519_PUB_LEN];
	uint8_t peer_tok_pub[AGW_SECMOD_ED25519_PUB_LEN];
	uint8_t peer_zk_pub[SM_ZK_PUB_LEN];
	uint64_t retire_token; /* QSBR token once retired */
	struct sm_policy *retire_next;
};

/* One node pair in the policy table (open addressing, never moved). */
struct sm_slot {
	_Atomic uint64_t key;	       /* local << 32 | peer, 0 = empty */
	struct sm_policy *_Atomic cur; /* read lock-free by workers */
	struct sm_policy *prev;	       /* previous version (messages in flight) */
	uint32_t neg_txn;	       /* negotiation in flight, 0 = none */
	uint32_t last_version;	       /* highest version installed, kept on removal */
};

/* ------------------------------------------------------------------ */
/* Transactions                                                        */
/* ------------------------------------------------------------------ */

enum sm_txn_kind {
	SM_TX_FREE = 0,
	SM_TX_NEG,
	SM_TX_AUTH,
	SM_TX_ATTEST_RV,
	SM_TX_ATTEST_EVID,
	SM_TX_TOKEN_GEN,
	SM_TX_TOKEN_GET,
	SM_TX_ZK,
	SM_TX_CONSENSUS,
};

struct sm_neg_state {
	void *x25519; /* EVP_PKEY * */
	uint8_t nonce[SM_NONCE_LEN];
	uint8_t req_hash[32];
	uint32_t version;	   /* proposed */
	struct agw_secmod_neg neg; /* prefs pointers cleared */
	uint8_t prefs[AGW_SECMOD_CLS_MAX][AGW_SECMOD_ALG_MAX];
};

struct sm_txn {
	uint32_t id;
	uint8_t kind;
	uint16_t svc;	       /* service the feedback reports */
	uint64_t deadline;     /* ms */
	struct sm_policy *pol; /* reference, or NULL */
	uint32_t req_txn;      /* transaction id of the request */
	uint32_t requester;    /* node that asked */
	uint32_t peer;	       /* peer node of the exchange */
	uint32_t on_behalf;    /* third party to tell as well */
	uint32_t local;	       /* served node acting */
	uint64_t cookie;
	union {
		struct {
			uint8_t xres_star[SM_XRES_LEN];
		} auth;
		struct {
			uint8_t challenge[SM_NONCE_LEN];
			uint8_t layer;
			uint8_t have_rv;
			uint8_t rv[AGW_SECMOD_LAYERS][32];
		} att;
		struct {
			char name[AGW_SECMOD_NAME_MAX];
			uint32_t producer;
			uint32_t consumer;
		} tok;
		struct {
			uint8_t nonce[SM_NONCE_LEN];
		} zk;
		struct {
			uint8_t digest[32];
			uint32_t asked;
			uint32_t answered;
			uint32_t yes;
			uint32_t voter[SM_VOTERS_MAX];
		} cons;
		struct sm_neg_state *neg;
	} u;
};

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

struct sm_peer {
	uint32_t node;
	uint8_t kind;
	uint8_t pub[AGW_SECMOD_ED25519_PUB_LEN];
};

struct sm_cred {
	uint32_t node;
	void *k; /* driver AES-128 handle */
	uint8_t opc[16];
	uint8_t sqn[6];
	uint8_t amf[2];
	char snn[64];
};

struct sm_rv {
	uint32_t attester;
	uint32_t provider; /* verifier side: source, 0 = local */
	uint8_t have;
	uint8_t rv[AGW_SECMOD_LAYERS][32];
};

struct sm_rv_perm {
	uint32_t attester;
	uint32_t node;
	uint32_t perm;
};

struct sm_measure {
	uint32_t node;
	uint8_t m[AGW_SECMOD_LAYERS][32];
};

struct sm_token {
	uint32_t producer;
	char name[AGW_SECMOD_NAME_MAX];
	uint64_t exp_ms;
	uint16_t len;
	char jws[SM_TOKEN_MAX];
};

struct sm_authz {
	uint32_t consumer;
	uint32_t producer;
	char name[AGW_SECMOD_NAME_MAX];
	int allow;
};

struct sm_contract {
	char name[AGW_SECMOD_NAME_MAX];
	agw_secmod_contract_fn fn;
	void *arg;
};

struct sm_timer {
	uint32_t period_ms;
	uint64_t next_ms;
	uint32_t node;
	uint32_t dest;
	uint16_t svc;
};

struct sm_preset {
	uint32_t event;
	uint8_t n;
	uint16_t svc[AGW_SECMOD_LIST_MAX];
};

struct sm_fp_stats {
	uint64_t ok;
	uint64_t fail[6];
} __attribute__((aligned(64)));

struct agw_secmod {
	struct agw_secmod_conf conf;
	struct agw_secmod_node served[AGW_SECMOD_SERVED_MAX];
	struct agw_secmod_drv *drv;
	pthread_mutex_t lock;

	/* module keys (driver handles) */
	void *k_id;	/* Ed25519 identity: negotiation, votes */
	void *k_ak;	/* Ed25519 attestation key */
	void *k_tok;	/* Ed25519 token signing */
	void *k_mask;	/* HMAC, data masking */
	void *k_ledger; /* AES-256, ledger records */
	uint8_t id_pub[AGW_SECMOD_ED25519_PUB_LEN];
	uint8_t ak_pub[AGW_SECMOD_ED25519_PUB_LEN];
	uint8_t tok_pub[AGW_SECMOD_ED25519_PUB_LEN];
	void *zk_x; /* BIGNUM *, ZK secret */
	uint8_t zk_pub[SM_ZK_PUB_LEN];

	/* policies */
	struct sm_slot *slots;
	uint32_t slot_mask;
	uint32_t n_slots_used;
	struct rte_rcu_qsbr *qsv;
	struct sm_policy *retired;
	struct sm_fp_stats *fp_stats;

	/* transactions */
	struct sm_txn *txn;
	uint32_t max_txn;
	uint32_t next_txn;

	/* configuration tables */
	struct sm_peer peers[SM_PEERS_MAX];
	unsigned int n_peers;
	struct sm_cred cred[SM_CRED_MAX];
	unsigned int n_cred;
	struct sm_rv rv[SM_RV_MAX];
	unsigned int n_rv;
	struct sm_rv_perm rv_perm[SM_PERM_MAX];
	unsigned int n_rv_perm;
	struct sm_measure meas[AGW_SECMOD_SERVED_MAX];
	unsigned int n_meas;
	struct sm_token tokens[SM_TOKENS_MAX];
	unsigned int n_tokens;
	struct sm_authz authz[SM_AUTHZ_MAX];
	unsigned int n_authz;
	struct {
		uint32_t node;
		uint32_t perm;
	} lperm[SM_PERM_MAX];
	unsigned int n_lperm;
	struct sm_contract contracts[SM_CONTRACTS_MAX];
	unsigned int n_contracts;
	struct sm_timer timers[SM_TIMERS_MAX];
	unsigned int n_timers;
	struct sm_preset presets[SM_PRESETS_MAX];
	unsigned int n_presets;
	agw_secmod_vote_fn vote_fn;
	void *vote_arg;

	char audit[SM_AUDIT_MAX];
	size_t audit_len;

	struct agw_secmod_stats st;
};

/* ------------------------------------------------------------------ */
/* SSP: module message format (secmod_ssp.c)                           */
/* ------------------------------------------------------------------ */

#define SSP_VERSION 1
#define SSP_HDR_LEN 24

enum ssp_type {
	SSP_NEG_REQ = 1,
	SSP_NEG_RSP,
	SSP_AUTH_REQ,
	SSP_AUTH_RSP,
	SSP_RV_REQ,
	SSP_RV_RSP,
	SSP_EVID_REQ,
	SSP_EVID_RSP,
	SSP_TOKGEN_REQ,
	SSP_TOKGEN_RSP,
	SSP_TOKGET_REQ,
	SSP_TOKGET_RSP,
	SSP_ZK_REQ,
	SSP_ZK_RSP,
	SSP_VOTE_REQ,
	SSP_VOTE_RSP,
	SSP_TYPE_MAX,
};

enum ssp_tlv {
	T_CAUSE = 1, /* u16 */
	T_NODE,	     /* u32 */
	T_NODE2,     /* u32 */
	T_RAND,	     /* 16 */
	T_AUTN,	     /* 16 */
	T_RES,	     /* 16 */
	T_CHALLENGE, /* 32 */
	T_LAYER,     /* u8 */
	T_EVIDENCE,  /* var */
	T_RV,	     /* 7 x 32 */
	T_NAME,	     /* 1..63, [A-Za-z0-9._-] */
	T_TOKEN,     /* var */
	T_NONCE,     /* 32 */
	T_PROOF,     /* 33 + 32 */
	T_DIGEST,    /* 32 */
	T_SERVICES,  /* u32 */
	T_PREFS,     /* (class, n, alg[n])* */
	T_ALGS,	     /* alg per class */
	T_LIFETIME,  /* u32 */
	T_X25519,    /* 32 */
	T_KEYS,	     /* ak_pub 32 || tok_pub 32 || zk_pub 33 */
	T_SIG,	     /* 64, last TLV of NEG and VOTE messages */
	T_MAC,	     /* 16, last TLV of every other message */
	T_MAX,
};

struct ssp_hdr {
	uint8_t ver;
	uint8_t type;
	uint16_t flags;
	uint32_t txn;
	uint32_t from;
	uint32_t to;
	uint32_t pol_ver;
	uint16_t tlv_len;
};

struct ssp_msg {
	struct ssp_hdr h;
	const uint8_t *v[T_MAX];
	uint16_t l[T_MAX];
	const uint8_t *raw;
	size_t auth_len; /* octets covered by T_MAC or T_SIG */
};

struct ssp_writer {
	uint8_t buf[SM_MSG_MAX];
	size_t len;
	int err;
};

int ssp_decode(const uint8_t *buf, size_t len, struct ssp_msg *m);
void ssp_begin(struct ssp_writer *w, uint8_t type, uint32_t txn, uint32_t from, uint32_t to,
	       uint32_t pol_ver);
void ssp_put(struct ssp_writer *w, uint16_t t, const void *v, size_t l);
void ssp_put_u8(struct ssp_writer *w, uint16_t t, uint8_t v);
void ssp_put_u16(struct ssp_writer *w, uint16_t t, uint16_t v);
void ssp_put_u32(struct ssp_writer *w, uint16_t t, uint32_t v);
uint16_t ssp_get_u16(const struct ssp_msg *m, uint16_t t);
uint32_t ssp_get_u32(const struct ssp_msg *m, uint16_t t);
/* Close with an HMAC under the policy's message key, or a signature. */
int ssp_end_mac(struct agw_secmod *mod, struct ssp_writer *w, const struct sm_policy *pol);
int ssp_end_sig(struct agw_secmod *mod, struct ssp_writer *w, void *k_sig);
int ssp_check_mac(struct agw_secmod *mod, const struct ssp_msg *m, const struct sm_policy *pol);
int ssp_check_sig(const struct ssp_msg *m, const uint8_t pub[32]);
/* Send a closed message toward the module of @p to (path by node kinds). */
int sm_send(struct agw_secmod *mod, struct ssp_writer *w, uint32_t from, uint32_t to);
/* Close with the policy's MAC and send to the policy's peer. */
int sm_finish(struct agw_secmod *mod, struct ssp_writer *w, const struct sm_policy *pol);
/* Answer a request: same txn, the request's policy version. */
void sm_reply_begin(struct ssp_writer *w, const struct ssp_msg *m, const struct sm_policy *pol,
		    uint8_t type);
int sm_reply_cause(struct agw_secmod *mod, const struct ssp_msg *m, const struct sm_policy *pol,
		   uint8_t type, unsigned int cause);

/* ------------------------------------------------------------------ */
/* Software crypto helpers (secmod_crypto.c, OpenSSL)                  */
/* ------------------------------------------------------------------ */

int sm_sha256(const void *a, size_t alen, const void *b, size_t blen, uint8_t out[32]);
int sm_ed25519_verify(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64]);
int sm_hkdf(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
	    const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len);
int sm_rand(void *out, size_t n);
/* X25519: new key (EVP_PKEY *), its public value, shared secret. */
void *sm_x25519_new(uint8_t pub[32]);
int sm_x25519_shared(void *key, const uint8_t peer[32], uint8_t z[32]);
void sm_x25519_free(void *key);

/* ------------------------------------------------------------------ */
/* Module internals                                                    */
/* ------------------------------------------------------------------ */

uint64_t sm_now(struct agw_secmod *mod);
const struct agw_secmod_node *sm_served(const struct agw_secmod *mod, uint32_t node);
const struct sm_peer *sm_peer_find(const struct agw_secmod *mod, uint32_t node);
int sm_svc_class(unsigned int svc);
/* Names of services and ledger items: 1..63 of [A-Za-z0-9._-]. */
int sm_name_ok(const char *s, size_t len);

/* policy table (secmod_policy.c) */
int sm_policy_table_init(struct agw_secmod *mod, uint32_t max_peers, uint16_t max_workers);
void sm_policy_table_free(struct agw_secmod *mod);
struct sm_slot *sm_slot_find(struct agw_secmod *mod, uint32_t local, uint32_t peer);
struct sm_slot *sm_slot_get(struct agw_secmod *mod, uint32_t local, uint32_t peer);
struct sm_policy *sm_policy_cur(struct agw_secmod *mod, uint32_t local, uint32_t peer);
struct sm_policy *sm_policy_version(struct agw_secmod *mod, uint32_t local, uint32_t peer,
				    uint32_t version);
void sm_policy_install(struct agw_secmod *mod, struct sm_slot *slot, struct sm_policy *pol);
void sm_policy_get_ref(struct sm_policy *pol);
void sm_policy_put(struct agw_secmod *mod, struct sm_policy *pol);
void sm_policy_destroy(struct agw_secmod *mod, struct sm_policy *pol);
void sm_policy_reclaim(struct agw_secmod *mod);

/* negotiation (secmod_neg.c) */
int64_t sm_neg_start(struct agw_secmod *mod, const struct agw_secmod_neg *neg);
int sm_neg_on_req(struct agw_secmod *mod, const struct ssp_msg *m);
int sm_neg_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
void sm_neg_state_free(struct sm_neg_state *s);

/* transactions (secmod_txn.c) */
struct sm_txn *sm_txn_new(struct agw_secmod *mod, uint8_t kind, const struct sm_txn *tmpl);
struct sm_txn *sm_txn_find(struct agw_secmod *mod, uint32_t id, uint8_t kind);
void sm_txn_free(struct agw_secmod *mod, struct sm_txn *t);
uint32_t sm_txn_id(struct agw_secmod *mod);
void sm_fail_txn(struct agw_secmod *mod, struct sm_txn *t, unsigned int cause);
struct sm_call;
/* Transaction for an exchange a service starts (feedback NO_RESOURCE and
 * NULL when the table is full). */
struct sm_txn *sm_call_txn(struct agw_secmod *mod, const struct sm_call *c, uint8_t kind,
			   uint32_t peer);

/* feedback (secmod_dispatch.c) */
struct sm_fb_ctx {
	uint32_t txn;
	uint32_t requester;
	uint32_t peer;
	uint32_t on_behalf;
	uint64_t cookie;
};
void sm_feedback(struct agw_secmod *mod, const struct sm_fb_ctx *c, uint16_t svc,
		 unsigned int cause, const struct sm_policy *pol, const uint8_t *data, uint32_t len,
		 uint64_t id);
void sm_feedback_txn(struct agw_secmod *mod, const struct sm_txn *t, unsigned int cause,
		     const uint8_t *data, uint32_t len);
int64_t sm_run_list(struct agw_secmod *mod, const struct agw_secmod_req *req, uint32_t requester,
		    uint32_t txn);

/* services: each runs one service of a request; the result is a feedback
 * now or when the peer answers. */
struct sm_call {
	struct sm_fb_ctx fb;
	const struct agw_secmod_req *req;
	uint32_t local;	       /* served node acting for the request */
	struct sm_policy *pol; /* policy (local, peer), or NULL */
	uint16_t svc;
};
void sm_svc_auth(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_verification(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_rv_update(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_token_gen(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_token_verify(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_static_authz(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_cipher(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_integrity(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_masking(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_upload(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_download(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_contract(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_consensus(struct agw_secmod *mod, const struct sm_call *c);
void sm_svc_zk(struct agw_secmod *mod, const struct sm_call *c);

/* module message handlers (peer side and answers) */
int sm_auth_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_auth_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_att_on_rv_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_att_on_rv_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_att_on_evid_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_att_on_evid_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_tok_on_gen_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_tok_on_gen_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_tok_on_get_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_tok_on_get_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_zk_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_zk_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
int sm_cons_on_req(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_policy *pol);
int sm_cons_on_rsp(struct agw_secmod *mod, const struct ssp_msg *m, struct sm_txn *t);
void sm_cons_finish(struct agw_secmod *mod, struct sm_txn *t);

/* MILENAGE on a driver key (secmod_milenage.c), TS 35.206 */
int sm_milenage_f1(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16],
		   const uint8_t rand[16], const uint8_t sqn[6], const uint8_t amf[2],
		   uint8_t mac_a[8]);
int sm_milenage_f2345(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16],
		      const uint8_t rand[16], uint8_t res[8], uint8_t ck[16], uint8_t ik[16],
		      uint8_t ak[6]);

/* JWS compact (secmod_jws.c), RFC 7515 / 8037 */
int sm_b64url_enc(const uint8_t *in, size_t len, char *out, size_t cap);
int sm_b64url_dec(const char *in, size_t len, uint8_t *out, size_t cap);
int sm_jws_sign(struct agw_secmod_drv *drv, void *k, unsigned int alg, const char *hdr_json,
		const char *payload, size_t payload_len, char *out, size_t cap);
int sm_jws_verify(struct agw_secmod_drv *drv, void *k_hmac, const uint8_t *ed_pub, unsigned int alg,
		  const char *jws, size_t len, uint8_t *payload, size_t cap);

/* ZK (secmod_zk.c), RFC 8235 on P-256 */
void *sm_zk_keygen(uint8_t pub[SM_ZK_PUB_LEN]);
void sm_zk_key_free(void *x);
int sm_zk_prove(void *x, const uint8_t pub[SM_ZK_PUB_LEN], uint32_t prover, const uint8_t *other,
		size_t other_len, uint8_t proof[65]);
int sm_zk_verify(const uint8_t pub[SM_ZK_PUB_LEN], uint32_t prover, const uint8_t *other,
		 size_t other_len, const uint8_t proof[65]);

/* audit buffer */
void sm_audit(struct agw_secmod *mod, uint16_t svc, uint32_t requester, uint32_t peer,
	      unsigned int cause);

/* byte order */
static inline void
sm_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint32_t
sm_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void
sm_be64(uint8_t *p, uint64_t v)
{
	sm_be32(p, (uint32_t)(v >> 32));
	sm_be32(p + 4, (uint32_t)v);
}

#endif /* SECMOD_PRIV_H */
