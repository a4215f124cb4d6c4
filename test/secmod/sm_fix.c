/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* Fixture of the lib/secmod tests (see sm_test.h). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "agw_secmod_cdev.h"
#include "agw_secmod_pkcs11.h"
#include "agw_secmod_sw.h"
#include "agw_test_eal.h"
#include "sm_test.h"

struct fx *g_fx;
struct agw_secmod_drv *g_drv;
const char *g_drv_name;
const char *g_p11_module = "/usr/lib/softhsm/libsofthsm2.so";

static char g_hsm_dir[128];

const uint8_t fx_k[16] = {0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
			  0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc};
const uint8_t fx_opc[16] = {0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
			    0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf};
const char fx_snn[33] = "5G:mnc001.mcc001.3gppnetwork.org";

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

static int
open_pkcs11(void)
{
	struct agw_secmod_pkcs11_conf pc = {.module = g_p11_module,
					    .token = "agw-secmod",
					    .user_pin = "1234",
					    .nb_qp = FX_WORKERS};
	char conf[192], tok[160];
	FILE *f;
	int rc;

	/* A token of our own: SOFTHSM2_CONF in a temporary directory. */
	snprintf(g_hsm_dir, sizeof(g_hsm_dir), "/tmp/agw-secmod-hsm.XXXXXX");
	if (mkdtemp(g_hsm_dir) == NULL)
		return -errno;
	snprintf(tok, sizeof(tok), "%s/tokens", g_hsm_dir);
	snprintf(conf, sizeof(conf), "%s/softhsm2.conf", g_hsm_dir);
	if (mkdir(tok, 0700) != 0 || (f = fopen(conf, "w")) == NULL)
		return -errno;
	fprintf(f, "directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n",
		tok);
	fclose(f);
	setenv("SOFTHSM2_CONF", conf, 1);
	rc = agw_secmod_pkcs11_init_token(g_p11_module, "agw-secmod", "5678", "1234");
	if (rc != 0) {
		fprintf(stderr, "init token: %d\n", rc);
		return rc;
	}
	g_drv = agw_secmod_pkcs11_create(&pc);
	return g_drv != NULL ? 0 : -errno;
}

int
fx_driver_open(const char *name, const char *prog)
{
	g_drv_name = name;
	if (strcmp(name, "sw") == 0) {
		g_drv = agw_secmod_sw_create(FX_WORKERS);
		return g_drv != NULL ? 0 : -errno;
	}
	if (strcmp(name, "cdev") == 0) {
		struct agw_secmod_cdev_conf cc = {.dev_name = "crypto_aesni_mb0",
						  .nb_qp = FX_WORKERS};

		if (agw_test_eal_init(prog, "0,1", "crypto_aesni_mb0") != 0)
			return -EIO;
		g_drv = agw_secmod_cdev_create(&cc);
		return g_drv != NULL ? 0 : -errno;
	}
	if (strcmp(name, "pkcs11") == 0)
		return open_pkcs11();
	return -EINVAL;
}

void
fx_driver_close(void)
{
	char cmd[200];

	agw_secmod_drv_free(g_drv);
	g_drv = NULL;
	if (g_hsm_dir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_hsm_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", g_hsm_dir);
	}
}

/* ------------------------------------------------------------------ */
/* Fabric                                                              */
/* ------------------------------------------------------------------ */

int
fx_mod_of(uint32_t node)
{
	switch (node) {
	case N_AMF:
	case N_TP:
		return M_CN;
	case N_UE:
		return M_UE;
	case N_RAN:
		return M_RAN;
	case N_CONS:
		return M_CONS;
	case N_PROD:
		return M_PROD;
	case N_NRF:
		return M_NRF;
	default:
		return -1;
	}
}

static int
fx_send(void *arg, uint32_t from, uint32_t to, enum agw_secmod_path path, const uint8_t *msg,
	size_t len)
{
	struct fx *x = arg;
	struct fx_msg *m;
	int dst = fx_mod_of(to);

	if (dst < 0 || len > sizeof(m->buf))
		return -EHOSTUNREACH;
	pthread_mutex_lock(&x->lock);
	if (x->n_log < FX_LOG) {
		m = &x->log[x->n_log++];
		m->dst = dst;
		m->from = from;
		m->to = to;
		m->path = (uint8_t)path;
		m->type = msg[1];
		m->len = len;
		memcpy(m->buf, msg, len);
	}
	if (x->drop_types & (1u << msg[1])) {
		pthread_mutex_unlock(&x->lock);
		return 0; /* lost on the way */
	}
	if (x->hold_types & (1u << msg[1]))
		m = x->n_held < FX_QUEUE ? &x->held[x->n_held++] : NULL;
	else
		m = x->qt - x->qh < FX_QUEUE ? &x->q[x->qt++ % FX_QUEUE] : NULL;
	if (m != NULL) {
		m->dst = dst;
		m->from = from;
		m->to = to;
		m->path = (uint8_t)path;
		m->type = msg[1];
		m->len = len;
		memcpy(m->buf, msg, len);
	}
	pthread_mutex_unlock(&x->lock);
	return m != NULL ? 0 : -ENOBUFS;
}

void
fx_pump(void)
{
	struct fx_msg m;

	for (;;) {
		pthread_mutex_lock(&g_fx->lock);
		if (g_fx->qh == g_fx->qt) {
			pthread_mutex_unlock(&g_fx->lock);
			return;
		}
		m = g_fx->q[g_fx->qh++ % FX_QUEUE];
		pthread_mutex_unlock(&g_fx->lock);
		g_fx->last_rc = agw_secmod_input(g_fx->m[m.dst], m.from, m.buf, m.len);
	}
}

void
fx_release_held(void)
{
	pthread_mutex_lock(&g_fx->lock);
	for (unsigned int i = 0; i < g_fx->n_held; i++)
		g_fx->q[g_fx->qt++ % FX_QUEUE] = g_fx->held[i];
	g_fx->n_held = 0;
	g_fx->hold_types = 0;
	pthread_mutex_unlock(&g_fx->lock);
	fx_pump();
}

unsigned int
fx_count_type(uint8_t type)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < g_fx->n_log; i++)
		n += g_fx->log[i].type == type;
	return n;
}

int
fx_first_index(uint8_t type)
{
	for (unsigned int i = 0; i < g_fx->n_log; i++)
		if (g_fx->log[i].type == type)
			return (int)i;
	return -1;
}

const struct fx_msg *
fx_last_of(uint8_t type)
{
	for (unsigned int i = g_fx->n_log; i > 0; i--)
		if (g_fx->log[i - 1].type == type)
			return &g_fx->log[i - 1];
	return NULL;
}

const uint8_t *
fx_tlv(const struct fx_msg *m, uint16_t t, uint16_t *len)
{
	size_t off = 24;

	while (m != NULL && off + 4 <= m->len) {
		uint16_t tt = (uint16_t)(m->buf[off] << 8 | m->buf[off + 1]);
		uint16_t l = (uint16_t)(m->buf[off + 2] << 8 | m->buf[off + 3]);

		if (tt == t) {
			if (len != NULL)
				*len = l;
			return m->buf + off + 4;
		}
		off += 4 + (size_t)l;
	}
	return NULL;
}

static void
fx_feedback(void *arg, const struct agw_secmod_feedback *fb)
{
	struct fx *x = arg;

	pthread_mutex_lock(&x->lock);
	if (x->n_fb < FX_FB) {
		struct fx_fb *e = &x->fb[x->n_fb++];

		e->fb = *fb;
		if (fb->len != 0 && fb->len <= sizeof(e->data))
			memcpy(e->data, fb->data, fb->len);
		e->fb.data = e->data;
	}
	pthread_mutex_unlock(&x->lock);
}

static uint64_t
fx_now(void *arg)
{
	return ((struct fx *)arg)->now;
}

/* ------------------------------------------------------------------ */
/* World                                                               */
/* ------------------------------------------------------------------ */

static const struct {
	struct agw_secmod_node nodes[2];
	unsigned int n;
} g_served[M_MAX] = {
	[M_CN] = {{{N_AMF, AGW_SECMOD_NODE_CN,
		    SVC(UPLOAD) | SVC(DOWNLOAD) | SVC(DATA_MASKING) | SVC(SMART_CONTRACT) |
			    SVC(CONSENSUS) | SVC(ATTESTATION)},
		   {N_TP, AGW_SECMOD_NODE_THIRD, SVC(DATA_MASKING)}},
		  2},
	[M_UE] = {{{N_UE, AGW_SECMOD_NODE_UE, SVC(ATTESTATION) | SVC(DATA_MASKING)}}, 1},
	[M_RAN] = {{{N_RAN, AGW_SECMOD_NODE_RAN, 0}}, 1},
	[M_CONS] = {{{N_CONS, AGW_SECMOD_NODE_CN, 0}}, 1},
	[M_PROD] = {{{N_PROD, AGW_SECMOD_NODE_CN,
		      SVC(STATIC_AUTHZ) | SVC(RV_UPDATE) | SVC(RV_PROVIDE)}},
		    1},
	[M_NRF] = {{{N_NRF, AGW_SECMOD_NODE_CN, SVC(STATIC_AUTHZ)}}, 1},
};

void
fx_layer_digest(unsigned int layer, uint8_t d[32])
{
	char s[16];

	snprintf(s, sizeof(s), "layer-%u", layer);
	SHA256((const uint8_t *)s, strlen(s), d);
}

void
fx_layer_value(unsigned int layer, uint8_t v[32])
{
	uint8_t b[64] = {0};

	fx_layer_digest(layer, b + 32);
	SHA256(b, sizeof(b), v);
}

struct agw_secmod *
fx_module_create(int i)
{
	char label[32];
	struct agw_secmod_conf c = {
		.module_id = (uint32_t)i + 1,
		.served = g_served[i].nodes,
		.n_served = g_served[i].n,
		.drv = g_drv,
		.max_workers = FX_WORKERS,
		.txn_timeout_ms = 1000,
		.authz_server = N_NRF,
		.send = fx_send,
		.feedback = fx_feedback,
		.now_ms = fx_now,
		.arg = g_fx,
	};

	snprintf(label, sizeof(label), "sm-%d", i);
	c.identity_label = label;
	if (i == M_CN)
		c.ledger = &g_fx->ledger;
	return agw_secmod_create(&c);
}

static int
world_modules(void)
{
	for (int i = 0; i < M_MAX; i++) {
		g_fx->m[i] = fx_module_create(i);
		if (g_fx->m[i] == NULL) {
			fprintf(stderr, "module %d: %s\n", i, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Every module knows every node and the identity key of its module. */
static int
world_peers(void)
{
	for (int i = 0; i < M_MAX; i++) {
		struct agw_secmod_peer p = {0};

		if (agw_secmod_identity_pub(g_fx->m[i], p.module_pub) != 0)
			return -1;
		for (unsigned int k = 0; k < g_served[i].n; k++) {
			p.node = g_served[i].nodes[k].id;
			p.kind = g_served[i].nodes[k].kind;
			for (int j = 0; j < M_MAX; j++)
				if (j != i && agw_secmod_peer_add(g_fx->m[j], &p) != 0)
					return -1;
		}
	}
	return 0;
}

static int
world_config(void)
{
	struct agw_secmod_aka_cred net = {.node = N_UE, .sqn = {0, 0, 0, 0, 0, 0x21}};
	struct agw_secmod_aka_cred ue = {.node = N_UE};
	uint8_t rv[AGW_SECMOD_LAYERS][32], d[32];
	int rc = 0;

	memcpy(net.k, fx_k, 16);
	memcpy(net.opc, fx_opc, 16);
	memcpy(net.snn, fx_snn, sizeof(fx_snn));
	memcpy(&ue, &net, sizeof(ue));
	memset(ue.sqn, 0, 6);
	rc |= agw_secmod_aka_cred_set(g_fx->m[M_CN], &net);
	rc |= agw_secmod_aka_cred_set(g_fx->m[M_UE], &ue);
	for (unsigned int l = 1; l <= AGW_SECMOD_LAYERS; l++) {
		fx_layer_digest(l, d);
		rc |= agw_secmod_measure(g_fx->m[M_UE], N_UE, l, d);
		fx_layer_value(l, rv[l - 1]);
	}
	/* the verifier holds the RV itself; the producer holds it as provider */
	rc |= agw_secmod_rv_set(g_fx->m[M_CN], N_UE, rv);
	rc |= agw_secmod_rv_set(g_fx->m[M_PROD], N_UE, rv);
	rc |= agw_secmod_rv_permit(g_fx->m[M_PROD], N_UE, N_AMF, 1);
	rc |= agw_secmod_rv_permit(g_fx->m[M_PROD], N_UE, N_PROD, 3);
	rc |= agw_secmod_ledger_permit(g_fx->m[M_CN], N_AMF, 3);
	return rc;
}

int
fx_world_setup(void)
{
	g_fx = calloc(1, sizeof(*g_fx));
	if (g_fx == NULL)
		return -1;
	pthread_mutex_init(&g_fx->lock, NULL);
	g_fx->now = 1760000000000ull; /* 2025-10-09, any fixed epoch */
	snprintf(g_fx->dir, sizeof(g_fx->dir), "/tmp/agw-secmod-t.XXXXXX");
	if (mkdtemp(g_fx->dir) == NULL)
		return -1;
	snprintf(g_fx->ledger_path, sizeof(g_fx->ledger_path), "%s/ledger", g_fx->dir);
	if (agw_secmod_ledger_file_open(g_fx->ledger_path, &g_fx->ledger) != 0)
		return -1;
	if (world_modules() != 0 || world_peers() != 0 || world_config() != 0)
		return -1;
	return 0;
}

int
fx_world_teardown(void)
{
	char cmd[200];

	if (g_fx == NULL)
		return 0;
	for (int i = 0; i < M_MAX; i++)
		agw_secmod_free(g_fx->m[i]);
	if (g_fx->ledger.ops != NULL)
		g_fx->ledger.ops->close(g_fx->ledger.ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_fx->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", g_fx->dir);
	pthread_mutex_destroy(&g_fx->lock);
	free(g_fx);
	g_fx = NULL;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

int
fx_neg(int mi, uint32_t local, uint32_t peer, uint32_t services,
       const uint8_t *prefs[AGW_SECMOD_CLS_MAX], const uint8_t n_prefs[AGW_SECMOD_CLS_MAX])
{
	struct agw_secmod_neg n = {.local = local, .peer = peer, .services = services};
	struct agw_secmod_policy_info pi;
	int64_t rc;

	if (prefs != NULL)
		for (int c = 0; c < AGW_SECMOD_CLS_MAX; c++) {
			n.prefs[c] = prefs[c];
			n.n_prefs[c] = n_prefs[c];
		}
	rc = agw_secmod_negotiate(g_fx->m[mi], &n);
	if (rc < 0)
		return (int)rc;
	fx_pump();
	rc = agw_secmod_policy_get(g_fx->m[mi], local, peer, &pi);
	return rc == 0 ? (int)pi.version : (int)rc;
}

int
fx_world_policies(void)
{
	int rc = 0;

	rc |= fx_neg(M_CN, N_AMF, N_UE,
		     SVC(AUTHENTICATION) | SVC(VERIFICATION) | SVC(ATTESTATION) | SVC(ZK_VERIFY) |
			     SVC(INTEGRITY) | SVC(INTEGRITY_CHECK),
		     NULL, NULL) < 0;
	rc |= fx_neg(M_UE, N_UE, N_RAN,
		     SVC(ENCRYPT) | SVC(DECRYPT) | SVC(INTEGRITY) | SVC(INTEGRITY_CHECK), NULL,
		     NULL) < 0;
	rc |= fx_neg(M_CN, N_AMF, N_PROD, SVC(RV_PROVIDE) | SVC(CONSENSUS), NULL, NULL) < 0;
	rc |= fx_neg(M_CN, N_AMF, N_CONS, SVC(CONSENSUS), NULL, NULL) < 0;
	rc |= fx_neg(M_CN, N_AMF, N_NRF, SVC(CONSENSUS), NULL, NULL) < 0;
	rc |= fx_neg(M_CONS, N_CONS, N_NRF, SVC(TOKEN_GEN), NULL, NULL) < 0;
	rc |= fx_neg(M_NRF, N_NRF, N_PROD, SVC(TOKEN_VERIFY), NULL, NULL) < 0;
	rc |= fx_neg(M_PROD, N_PROD, N_CONS, SVC(TOKEN_GET) | SVC(TOKEN_VERIFY), NULL, NULL) < 0;
	return rc ? -1 : 0;
}

int64_t
fx_req(int mi, uint32_t requester, uint32_t dest, uint16_t svc, const void *data, uint32_t len)
{
	struct agw_secmod_req r = {.requester = requester,
				   .dest = dest,
				   .n_svc = 1,
				   .svc = {svc},
				   .data = data,
				   .len = len};
	int64_t txn = agw_secmod_request(g_fx->m[mi], &r);

	fx_pump();
	return txn;
}

const struct fx_fb *
fx_fb_find(uint32_t txn, uint16_t svc, uint32_t to)
{
	for (unsigned int i = g_fx->n_fb; i > 0; i--) {
		const struct fx_fb *f = &g_fx->fb[i - 1];

		if (f->fb.txn == txn && f->fb.svc == svc && (to == 0 || f->fb.to == to))
			return f;
	}
	return NULL;
}

const struct fx_fb *
fx_fb_last(void)
{
	return g_fx->n_fb != 0 ? &g_fx->fb[g_fx->n_fb - 1] : NULL;
}

uint64_t
fx_cause_count(int mi, unsigned int cause)
{
	struct agw_secmod_stats st;

	if (agw_secmod_stats_get(g_fx->m[mi], &st) != 0 || cause >= AGW_SECMOD_CAUSE_MAX)
		return UINT64_MAX;
	return st.cause[cause];
}
