/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000 MM security service procedures (spec 000 T11-T24, T38, T40):
 * lib/anchors against anchor-gen's UE (app/anchor-gen/reg_ue.c,
 * reg_ue_ssp.c), which computes its side on its own (K_AMF, NAS keys,
 * X25519, K_DH, IMEI). The test plays the fast path too: once the anchors
 * install the UE's context it verifies and deciphers the UE's messages
 * with it (handing them over as the worker does: integrity_ok 1, inner
 * message, COUNT) and protects the anchors' placeholder downlink with the
 * context's DL COUNT. Every message is logged in order ('U'/'D', type), and
 * each test compares that dialogue with what the spec requires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_anchors.h"
#include "agw_nas5g.h"
#include "agw_nas_sec.h"
#include "agw_store.h"
#include "agw_test.h"
#include "agw_util.h"
#include "reg_ue.h"

#define MCC "001"
#define MNC "01"
#define SEED 0x000dULL
#define INDEX 4242u
#define GUARD_MS 6000u
#define BEARER 1

#define MM_DH AGW_STORE_SSP_DH
#define MM_DA AGW_STORE_SSP_DEVAUTH
#define A_UE AGW_STORE_SSP_A_UE
#define A_NF 0
#define A_DEF AGW_STORE_SSP_A_DEFAULT_INIT
#define A_M AGW_STORE_SSP_A_MANDATORY

/* Message log entries: 'U' or 'D' and the 5GMM type. */
#define U(t) (0x100 | AGW_NAS5G_MT_##t)
#define D(t) (0x200 | AGW_NAS5G_MT_##t)

struct ssi_spec {
	uint8_t flags; /* AGW_STORE_SSI_F_* */
	uint8_t n;
	struct {
		uint8_t code, attr;
	} e[2];
};

struct h {
	char *dir;
	struct agw_store *s;
	struct agw_nas_sec_engine *eng;
	struct agw_regue_conf uc;
	struct agw_regue ue;
	struct agw_anchors *a;
	struct agw_anchors_conf conf;
	struct agw_anchors_out out;
	agw_anchors_ue_ref ref;
	uint64_t now;
	/* the fast path's copy of the UE's context */
	int fp;
	struct agw_nia_key nia;
	struct agw_nea_key nea;
	uint32_t fp_ul, fp_dl;
	unsigned int n_placeholder, n_deleted;
	/* UE -> network queue */
	uint8_t q[8][AGW_REGUE_NAS_MAX];
	size_t qlen[8];
	unsigned int qh, qt;
	int mute; /* the UE hears nothing once its context is installed */
	/* the dialogue after the Security mode complete */
	int logging;
	uint16_t log[64];
	unsigned int n_log;
	/* last Security service command seen, decoded */
	struct agw_nas5g_ssi cmd;
};

static char *
tmpdir_make(void)
{
	char tmpl[] = "/tmp/agw-ssp-XXXXXX";
	char *d = mkdtemp(tmpl);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	chmod(d, 0700);
	return strdup(d);
}

/* The subscriber of the UE, with one UE-wide MM rule (or none). */
static void
provision(struct h *h, const struct ssi_spec *spec)
{
	struct agw_store_sub sub;

	agw_store_sub_init(&sub);
	CU_ASSERT_FATAL(agw_regue_subscriber(&h->uc, INDEX, sub.supi, sizeof(sub.supi), sub.k,
					     sub.opc) == 0);
	if (spec != NULL) {
		sub.n_ssi = 1;
		sub.ssi[0].domain = AGW_STORE_SSI_MM;
		sub.ssi[0].ssi.flags = spec->flags;
		sub.ssi[0].ssi.n = spec->n;
		for (unsigned int i = 0; i < spec->n; i++) {
			sub.ssi[0].ssi.e[i].code = spec->e[i].code;
			sub.ssi[0].ssi.e[i].attr = spec->e[i].attr;
		}
	}
	CU_ASSERT_FATAL(agw_store_sub_add(h->s, &sub) == 0);
	agw_store_sub_clear(&sub);
}

/* Defaults: AMF runs DH and device authentication (DH first); the UE sends
 * no capability IE and supports both. Tests change h->conf / h->uc before
 * h_start(). */
static void
h_init(struct h *h)
{
	struct agw_store_conf sc = {.create = 1, .map_size = 16u << 20};

	memset(h, 0, sizeof(*h));
	h->dir = tmpdir_make();
	sc.path = h->dir;
	h->s = agw_store_open(&sc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->s);
	h->eng = agw_nas_sec_engine_create();
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->eng);
	CU_ASSERT_FATAL(agw_regue_conf_init(&h->uc, h->eng, SEED, MCC, MNC, 0x0e, 0x0f, 0) == 0);
	h->conf = (struct agw_anchors_conf){
		.store = h->s,
		.sidf_policy = {.allow_null_scheme = 1},
		.mcc = MCC,
		.mnc = MNC,
		.guard_ms = GUARD_MS,
		.guard_max_retx = -1,
		.max_ues = 16,
		.amf_region = 1,
		.amf_set = 2,
		.amf_ptr = 3,
	};
	h->ref.assoc_id = 9;
	h->ref.amf_ue_ngap_id = 77;
	h->now = 1000;
}

static void
h_free(struct h *h)
{
	agw_regue_clear(&h->ue);
	agw_anchors_out_reset(&h->out);
	agw_anchors_free(h->a);
	agw_store_close(h->s);
	agw_nia_key_clear(&h->nia);
	agw_nea_key_clear(&h->nea);
	agw_nas_sec_engine_free(h->eng);
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", h->dir);
		CU_ASSERT(system(cmd) == 0);
	}
	free(h->dir);
}

static void
log_msg(struct h *h, uint16_t e)
{
	if (h->logging && h->n_log < sizeof(h->log) / sizeof(h->log[0]))
		h->log[h->n_log++] = e;
}

static void
mac4(uint32_t mac, uint8_t o[4])
{
	o[0] = (uint8_t)(mac >> 24);
	o[1] = (uint8_t)(mac >> 16);
	o[2] = (uint8_t)(mac >> 8);
	o[3] = (uint8_t)mac;
}

/* The fast path on a UE message: verify and decipher with the installed
 * context, hand over the plain inner message with its COUNT. */
static int
fp_uplink(struct h *h, const uint8_t *nas, size_t len, uint8_t *plain, size_t *plen,
	  uint32_t *count)
{
	struct agw_nas5g_sec sec;
	uint8_t mac[4];

	CU_ASSERT_FATAL(agw_nas5g_sec_decode(nas, len, &sec) == 0);
	if (!h->fp || (sec.sht != AGW_NAS5G_SHT_INTEG && sec.sht != AGW_NAS5G_SHT_INTEG_CIPH))
		return 0;
	*count = (h->fp_ul & ~0xffu) | sec.sqn;
	mac4(sec.mac, mac);
	CU_ASSERT_FATAL(agw_nia_verify(h->eng, &h->nia, *count, BEARER, 0, sec.mac_input,
				       (uint32_t)(8 * sec.mac_input_len), mac) == 0);
	memcpy(plain, sec.msg, sec.msg_len);
	if (sec.ciphered)
		CU_ASSERT_FATAL(agw_nea_apply(h->eng, &h->nea, *count, BEARER, 0, sec.msg, plain,
					      (uint32_t)(8 * sec.msg_len)) == 0);
	*plen = sec.msg_len;
	h->fp_ul = *count + 1;
	return 1;
}

/* The worker on a placeholder: SQN = DL COUNT, NEA, NIA. */
static void
fp_protect(struct h *h, uint8_t *nas, size_t len)
{
	uint32_t count = h->fp_dl++;

	CU_ASSERT_FATAL(h->fp && len > 10 && nas[2] == 0 && nas[6] == 0);
	nas[6] = (uint8_t)count;
	if (nas[1] == AGW_NAS5G_SHT_INTEG_CIPH)
		CU_ASSERT_FATAL(agw_nea_apply(h->eng, &h->nea, count, BEARER, 1, nas + 7, nas + 7,
					      (uint32_t)(8 * (len - 7))) == 0);
	CU_ASSERT_FATAL(agw_nia_compute(h->eng, &h->nia, count, BEARER, 1, nas + 6,
					(uint32_t)(8 * (len - 6)), nas + 2) == 0);
	h->n_placeholder++;
}

static void
fp_install(struct h *h, const struct agw_ctx_install *in)
{
	CU_ASSERT(in->nia == h->ue.nia && in->nea == h->ue.nea);
	AGW_ASSERT_MEM_EQ(in->k_nas_int, h->ue.knas_int, 16);
	CU_ASSERT_FATAL(agw_nia_key_init(h->eng, &h->nia, in->nia, in->k_nas_int) == 0);
	CU_ASSERT_FATAL(agw_nea_key_init(h->eng, &h->nea, in->nea, in->k_nas_enc) == 0);
	h->fp_ul = in->ul_count;
	h->fp_dl = in->dl_count;
	h->fp = 1;
	h->logging = 1; /* the dialogue of interest starts here */
}

/* Keep the last Security service command (the plain message). */
static void
note_command(struct h *h, const uint8_t *plain, size_t len)
{
	struct agw_nas5g_msg m;
	const struct agw_nas_ie *ie;

	CU_ASSERT_FATAL(agw_nas5g_decode(plain, len, &m) == 0);
	ie = agw_nas_get(&m.ies, AGW_NAS5G_F_MM_SSI);
	CU_ASSERT_FATAL(ie != NULL);
	CU_ASSERT(agw_nas5g_ssi_decode(ie->v, ie->len, AGW_NAS5G_SSI_MM, &h->cmd) == 0);
}

static void
ue_deliver(struct h *h, const uint8_t *nas, size_t len)
{
	size_t ul = 0;

	if (h->mute && h->fp)
		return;
	CU_ASSERT(agw_regue_on_dl(&h->ue, nas, len, h->q[h->qt % 8], AGW_REGUE_NAS_MAX, &ul) == 0);
	if (ul > 0) {
		h->qlen[h->qt % 8] = ul;
		h->qt++;
		CU_ASSERT_FATAL(h->qt - h->qh <= 8);
	}
}

/* Apply one call's outputs: installs, downlink (placeholders protected),
 * deletions. */
static void
apply_out(struct h *h)
{
	for (unsigned int i = 0; i < h->out.n_install; i++)
		fp_install(h, &h->out.install[i]);
	for (unsigned int i = 0; i < h->out.n_dl; i++) {
		struct agw_anchors_dl *d = &h->out.dl[i];

		log_msg(h, (uint16_t)(0x200 | d->msg_type));
		if (d->msg_type == AGW_NAS5G_MT_SEC_SVC_COMMAND)
			note_command(h, d->nas + (d->sht ? 7 : 0), d->len - (d->sht ? 7u : 0u));
		if (d->fastpath)
			fp_protect(h, d->nas, d->len);
		ue_deliver(h, d->nas, d->len);
	}
	if (h->out.n_delete > 0)
		h->fp = 0;
	h->n_deleted += h->out.n_delete;
	agw_anchors_out_reset(&h->out);
}

static void
net_ul(struct h *h, const uint8_t *nas, size_t len)
{
	uint8_t plain[AGW_REGUE_NAS_MAX];
	size_t plen = 0;
	uint32_t count = 0;
	int verified = fp_uplink(h, nas, len, plain, &plen, &count);

	log_msg(h, (uint16_t)(0x100 | (verified ? plain[2] : 0)));
	agw_anchors_out_reset(&h->out);
	CU_ASSERT(agw_anchors_ul_nas(h->a, &h->ref, verified ? plain : nas, verified ? plen : len,
				     verified, count, &h->out) == 0);
	apply_out(h);
}

/* Let the dialogue run until nobody has anything to send. */
static void
h_run(struct h *h)
{
	while (h->qh != h->qt) {
		unsigned int k = h->qh++ % 8;

		net_ul(h, h->q[k], h->qlen[k]);
	}
}

/* Subscriber, anchors, UE; the Registration request queued. */
static void
h_begin(struct h *h, const struct ssi_spec *spec, uint8_t fault)
{
	size_t n = 0;

	provision(h, spec);
	h->a = agw_anchors_create(&h->conf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->a);
	CU_ASSERT(agw_anchors_tick(h->a, h->now, &h->out) == 0);
	CU_ASSERT_FATAL(agw_regue_init(&h->ue, INDEX, &h->uc) == 0);
	h->ue.fault = fault;
	CU_ASSERT_FATAL(agw_regue_start(&h->ue, h->q[0], AGW_REGUE_NAS_MAX, &n) == 0);
	h->qlen[0] = n;
	h->qt = 1;
}

static void
h_start(struct h *h, const struct ssi_spec *spec, uint8_t fault)
{
	h_begin(h, spec, fault);
	h_run(h);
}

static void
h_tick(struct h *h, uint64_t ms)
{
	h->now += ms;
	agw_anchors_out_reset(&h->out);
	CU_ASSERT(agw_anchors_tick(h->a, h->now, &h->out) == 0);
	apply_out(h);
	h_run(h);
}

static uint64_t
h_stat(const struct h *h, unsigned int ev)
{
	uint64_t st[AGW_ANCHORS_EV_MAX];

	agw_anchors_stats(h->a, st);
	return st[ev];
}

static const char *
type_name(uint16_t e)
{
	const char *n = agw_nas5g_msg_name(AGW_NAS5G_EPD_5GMM, (uint8_t)e);

	return n != NULL ? n : "?";
}

/* The dialogue from the context install on equals @p want. */
static int
dialogue_is(const struct h *h, const uint16_t *want, unsigned int n)
{
	int ok = h->n_log == n && memcmp(h->log, want, n * sizeof(*want)) == 0;

	if (!ok) {
		fprintf(stderr, "\n  dialogue:");
		for (unsigned int i = 0; i < h->n_log; i++)
			fprintf(stderr, "\n    %c %s", h->log[i] & 0x100 ? 'U' : 'D',
				type_name(h->log[i]));
		fprintf(stderr, "\n  wanted:");
		for (unsigned int i = 0; i < n; i++)
			fprintf(stderr, "\n    %c %s", want[i] & 0x100 ? 'U' : 'D',
				type_name(want[i]));
		fprintf(stderr, "\n");
	}
	return ok;
}

#define DIALOGUE(h, ...)                                                                           \
	do {                                                                                       \
		static const uint16_t want_[] = {__VA_ARGS__};                                     \
		CU_ASSERT(dialogue_is((h), want_, sizeof(want_) / sizeof(want_[0])));              \
	} while (0)

/* Registered, with K_DH equal on both sides when a DH exchange ran. */
static void
check_registered(struct h *h, int with_dh)
{
	uint8_t kdh[32];
	static const uint8_t zero[32];

	CU_ASSERT(h->ue.state == AGW_REGUE_ST_REGISTERED);
	CU_ASSERT(agw_anchors_ue_state(h->a, &h->ref) == AGW_ANCHORS_ST_REGISTERED);
	/* SMC and every placeholder; the accept too when the anchors protected it */
	CU_ASSERT(h->ue.dl_mac_ok == 1 + h->n_placeholder + (h->n_placeholder == 0));
	CU_ASSERT(h_stat(h, AGW_ANCHORS_EV_CTX_INSTALL) == 1);
	if (!with_dh) {
		CU_ASSERT(agw_anchors_ue_kdh(h->a, &h->ref, kdh) == -ENODATA);
		CU_ASSERT(h->ue.dh_state == 0);
		return;
	}
	CU_ASSERT_FATAL(agw_anchors_ue_kdh(h->a, &h->ref, kdh) == 0);
	CU_ASSERT(h->ue.dh_state == 2);
	AGW_ASSERT_MEM_EQ(kdh, h->ue.kdh, 32);
	CU_ASSERT(memcmp(kdh, zero, 32) != 0);
	agw_memzero(kdh, sizeof(kdh));
}

/* ---------------------------------------------------------------------- */
/* T10-T16: what runs, who starts it                                       */

/* T10: no identifier: the accept follows the SMC, nothing else. */
static void
test_t10_none(void)
{
	struct h h;

	h_init(&h);
	h_start(&h, NULL, 0);
	check_registered(&h, 0);
	DIALOGUE(&h, D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	CU_ASSERT(h.n_placeholder == 0); /* the accept the anchors protected themselves */
	h_free(&h);
}

/* T11: {DevAuth, UE-initiated by default}: the UE MM identifier is sent,
 * no DH network key; the UE's request gets the result, then the accept. */
static void
test_t11_devauth_ue(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DA, A_DEF}}};
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 0);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT),
		 D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	CU_ASSERT(h.cmd.n == 1 && h.cmd.e[0].code == MM_DA && h.cmd.e[0].ue_init);
	CU_ASSERT(h.ue.devauth_state == 2 && h.ue.devauth_ue_started);
	CU_ASSERT(h.n_placeholder == 3); /* command, result, accept: the worker's COUNT */
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DEVAUTH_ACCEPTED) == 1);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_NETWORK_KEY) == 0);
	h_free(&h);
}

/* T12 + T21: {DH, network-initiated by default}: Msg1 with the AMF's key,
 * no UE MM identifier; both ends derive the same K_DH. */
static void
test_t12_dh_nf(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DH, A_DEF}}};
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(REGISTRATION_ACCEPT),
		 U(REGISTRATION_COMPLETE));
	CU_ASSERT(!h.ue.dh_ue_started && h.ue.n_ssp_cmd == 0);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_COMMAND) == 0);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_COMPLETE) == 1);
	h_free(&h);
}

/* T13: {DH NF, DevAuth UE}: DH first; the UE identifier only after Msg2;
 * the accept only after Msg4. */
static void
test_t13_dh_then_devauth(void)
{
	static const struct ssi_spec spec = {0, 2, {{MM_DH, A_NF}, {MM_DA, A_UE}}};
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST),
		 D(DEVICE_AUTH_RESULT), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	CU_ASSERT(h.cmd.n == 1 && h.cmd.e[0].code == MM_DA);
	h_free(&h);
}

/* T14: UE capability {DH}: only DH runs. */
static void
test_t14_ue_cap(void)
{
	static const struct ssi_spec spec = {0, 2, {{MM_DH, A_DEF}, {MM_DA, A_DEF}}};
	struct h h;

	h_init(&h);
	h.uc.svc_cap = 0x01;
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(REGISTRATION_ACCEPT),
		 U(REGISTRATION_COMPLETE));
	h_free(&h);
}

/* T15: UE {DH, DevAuth}, AMF {DevAuth}: only DevAuth runs. */
static void
test_t15_amf_cap(void)
{
	static const struct ssi_spec spec = {0, 2, {{MM_DH, A_DEF}, {MM_DA, A_DEF}}};
	struct h h;

	h_init(&h);
	h.uc.svc_cap = 0x03;
	h.conf.mm_ssp_cap = 0x02;
	h_start(&h, &spec, 0);
	check_registered(&h, 0);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT),
		 D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	h_free(&h);
}

/* T16: no capability IE: the identifier unfiltered (both run, DH first by
 * the configured order). */
static void
test_t16_no_cap_ie(void)
{
	static const struct ssi_spec spec = {0, 2, {{MM_DA, A_DEF}, {MM_DH, A_DEF}}};
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST),
		 D(DEVICE_AUTH_RESULT), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	h_free(&h);
}

/* ---------------------------------------------------------------------- */
/* T17-T20: mandatory entries, order, one by one                           */

/* T17: mandatory DH, the UE's capability without DH: #23 after the SMC,
 * no Msg1, no context. T18: the same, optional: dropped, registered. */
static void
test_t17_t18_mandatory(void)
{
	for (int mandatory = 0; mandatory < 2; mandatory++) {
		const struct ssi_spec spec = {0, 1, {{MM_DH, (uint8_t)(mandatory ? A_M : 0)}}};
		struct h h;

		h_init(&h);
		h.uc.svc_cap = 0x02;
		h_start(&h, &spec, 0);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_NETWORK_KEY) == 0);
		if (mandatory) {
			CU_ASSERT(h.ue.state == AGW_REGUE_ST_REJECTED && h.ue.cause == 23);
			CU_ASSERT(h.ue.has_ctx && h.ue.dl_mac_ok == 2); /* SMC, reject */
			CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_CTX_INSTALL) == 0);
			CU_ASSERT(agw_anchors_ue_state(h.a, &h.ref) == AGW_ANCHORS_ST_NONE);
		} else {
			check_registered(&h, 0);
			DIALOGUE(&h, D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
		}
		h_free(&h);
	}
}

/* T19: ORDERED [DevAuth, DH]: device authentication first. Not ordered:
 * the configured order, DH first by default, or DevAuth first when
 * configured so. */
static void
test_t19_order(void)
{
	static const struct ssi_spec ordered = {
		AGW_STORE_SSI_F_ORDERED, 2, {{MM_DA, A_UE}, {MM_DH, A_NF}}};
	static const struct ssi_spec unordered = {0, 2, {{MM_DA, A_UE}, {MM_DH, A_NF}}};
	struct h h;

	h_init(&h);
	h_start(&h, &ordered, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT),
		 D(DH_NETWORK_KEY), U(DH_UE_KEY), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	h_free(&h);

	h_init(&h);
	h_start(&h, &unordered, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST),
		 D(DEVICE_AUTH_RESULT), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	h_free(&h);

	h_init(&h);
	h.conf.ssp_order[0] = MM_DA;
	h.conf.ssp_order[1] = MM_DH;
	h.conf.n_ssp_order = 2;
	h_start(&h, &unordered, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT),
		 D(DH_NETWORK_KEY), U(DH_UE_KEY), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	h_free(&h);
}

/* T20: two UE-initiated entries. SEND_ONE_BY_ONE: the second identifier
 * only after the first procedure's end message. Otherwise both in one
 * command. (The UE-initiated DH: its key first, the network's ends it.) */
static void
test_t20_one_by_one(void)
{
	static const struct ssi_spec obo = {
		AGW_STORE_SSI_F_ONE_BY_ONE, 2, {{MM_DH, A_UE}, {MM_DA, A_UE}}};
	static const struct ssi_spec all = {0, 2, {{MM_DH, A_UE}, {MM_DA, A_UE}}};
	struct h h;

	h_init(&h);
	h_start(&h, &obo, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DH_UE_KEY), D(DH_NETWORK_KEY), D(SEC_SVC_COMMAND),
		 U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT), D(REGISTRATION_ACCEPT),
		 U(REGISTRATION_COMPLETE));
	CU_ASSERT(h.ue.n_ssp_cmd == 2 && h.cmd.n == 1 && h.cmd.e[0].code == MM_DA);
	CU_ASSERT(h.ue.dh_ue_started && h.ue.devauth_ue_started);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_COMMAND) == 2);
	h_free(&h);

	h_init(&h);
	h_start(&h, &all, 0);
	check_registered(&h, 1);
	DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DH_UE_KEY), D(DH_NETWORK_KEY), U(DEVICE_AUTH_REQUEST),
		 D(DEVICE_AUTH_RESULT), D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	CU_ASSERT(h.ue.n_ssp_cmd == 1 && h.cmd.n == 2 && h.cmd.ordered &&
		  h.cmd.e[0].code == MM_DH && h.cmd.e[1].code == MM_DA);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_COMMAND) == 1);
	h_free(&h);
}

/* T21: two UEs, K_DH differ; every run gives a fresh AMF key. */
static void
test_t21_kdh_fresh(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DH, A_NF}}};
	uint8_t k1[32], k2[32], p1[32];
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	CU_ASSERT_FATAL(agw_anchors_ue_kdh(h.a, &h.ref, k1) == 0);
	memcpy(p1, h.ue.dh_nw_pub, 32);
	h_free(&h);
	h_init(&h);
	h_start(&h, &spec, 0); /* same subscriber, same K (fresh RAND and keys) */
	check_registered(&h, 1);
	CU_ASSERT_FATAL(agw_anchors_ue_kdh(h.a, &h.ref, k2) == 0);
	CU_ASSERT(memcmp(k1, k2, 32) != 0 && memcmp(p1, h.ue.dh_nw_pub, 32) != 0);
	h_free(&h);
	agw_memzero(k1, 32);
	agw_memzero(k2, 32);
}

/* ---------------------------------------------------------------------- */
/* T22-T24, T38, T40: failures                                             */

/* After a reject under the installed context: the entry lingers one guard
 * period (the worker still protects the reject), then the context goes. */
static void
check_linger(struct h *h)
{
	CU_ASSERT(agw_anchors_ue_state(h->a, &h->ref) == AGW_ANCHORS_ST_RELEASING);
	CU_ASSERT(h->n_deleted == 0);
	h_tick(h, GUARD_MS - 1);
	CU_ASSERT(h->n_deleted == 0);
	h_tick(h, 1);
	CU_ASSERT(h->n_deleted == 1);
	CU_ASSERT(agw_anchors_ue_state(h->a, &h->ref) == AGW_ANCHORS_ST_NONE);
	CU_ASSERT(h_stat(h, AGW_ANCHORS_EV_CTX_DELETE) == 1);
}

/* T22: a small-order UE key (network- and UE-initiated DH): #111. */
static void
test_t22_bad_point(void)
{
	static const struct ssi_spec nf = {0, 1, {{MM_DH, A_NF}}};
	static const struct ssi_spec ue = {0, 1, {{MM_DH, A_UE}}};

	for (int k = 0; k < 2; k++) {
		struct h h;
		uint8_t kdh[32];

		h_init(&h);
		h_start(&h, k ? &ue : &nf, AGW_REGUE_F_DH_BAD_KEY);
		CU_ASSERT(agw_regue_as_expected(&h.ue, AGW_REGUE_UNKNOWN_CAUSE));
		CU_ASSERT(h.ue.state == AGW_REGUE_ST_REJECTED && h.ue.cause == 111);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_INVALID_KEY) == 1);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_REG_ACCEPT) == 0);
		CU_ASSERT(agw_anchors_ue_kdh(h.a, &h.ref, kdh) == -ENODATA);
		if (k)
			DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DH_UE_KEY), D(REGISTRATION_REJECT));
		else
			DIALOGUE(&h, D(DH_NETWORK_KEY), U(DH_UE_KEY), D(REGISTRATION_REJECT));
		check_linger(&h);
		h_free(&h);
	}
}

/* A DH UE key the UE's own keys protect, with a given key field. */
static void
send_crafted_dh(struct h *h, uint8_t scheme, const uint8_t *key, uint8_t key_len)
{
	uint8_t plain[64], nas[80];
	struct agw_nas_body b;
	struct agw_nas5g_hdr hd = {.epd = AGW_NAS5G_EPD_5GMM, .type = AGW_NAS5G_MT_DH_UE_KEY};
	long n;
	uint32_t count = h->ue.ul_count++;

	agw_nas_body_init(&b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, AGW_NAS5G_MT_DH_UE_KEY));
	agw_nas_set(&b, AGW_NAS5G_F_DH_SCHEME, &scheme, 1);
	agw_nas_set(&b, AGW_NAS5G_F_DH_PUBLIC_KEY, key, key_len);
	n = agw_nas5g_encode(&hd, &b, plain, sizeof(plain));
	CU_ASSERT_FATAL(n > 0);
	nas[0] = AGW_NAS5G_EPD_5GMM;
	nas[1] = AGW_NAS5G_SHT_INTEG_CIPH;
	nas[6] = (uint8_t)count;
	CU_ASSERT_FATAL(agw_nea_apply(h->eng, &h->ue.nea_key, count, BEARER, 0, plain, nas + 7,
				      (uint32_t)(8 * n)) == 0);
	CU_ASSERT_FATAL(agw_nia_compute(h->eng, &h->ue.nia_key, count, BEARER, 0, nas + 6,
					(uint32_t)(8 * (n + 1)), nas + 2) == 0);
	net_ul(h, nas, (size_t)n + 7);
}

/* T22, for robustness: a key of the wrong length or another scheme. */
static void
test_t22_bad_length(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DH, A_NF}}};
	static const uint8_t scheme[3] = {AGW_NAS5G_DH_X25519, AGW_NAS5G_DH_X25519, 2};
	static const uint8_t len[3] = {31, 33, 32};
	uint8_t key[33];

	memset(key, 0x42, sizeof(key));
	for (int k = 0; k < 3; k++) {
		struct h h;

		h_init(&h);
		h.mute = 1; /* the UE gets Msg1 but does not answer it */
		h_start(&h, &spec, 0);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_NETWORK_KEY) == 1);
		h.mute = 0;
		send_crafted_dh(&h, scheme[k], key, len[k]);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DH_INVALID_KEY) == 1);
		CU_ASSERT(h.ue.state == AGW_REGUE_ST_REJECTED && h.ue.cause == 111);
		check_linger(&h);
		h_free(&h);
	}
}

/* T23: IMEI with a wrong check digit, or none: negative result, #5. The
 * GSMA example IMEI 490154203237518 passes, ...517 does not. */
static void
test_t23_devauth(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DA, A_UE}}};
	static const uint8_t faults[] = {AGW_REGUE_F_BAD_IMEI, AGW_REGUE_F_NO_IMEI};
	struct h h;

	for (unsigned int k = 0; k < 2; k++) {
		h_init(&h);
		h_start(&h, &spec, faults[k]);
		CU_ASSERT(agw_regue_as_expected(&h.ue, AGW_REGUE_UNKNOWN_CAUSE));
		CU_ASSERT(h.ue.devauth_state == 3 && h.ue.cause == 5);
		DIALOGUE(&h, D(SEC_SVC_COMMAND), U(DEVICE_AUTH_REQUEST), D(DEVICE_AUTH_RESULT),
			 D(REGISTRATION_REJECT));
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_DEVAUTH_REJECTED) == 1);
		check_linger(&h);
		h_free(&h);
	}
	for (int k = 0; k < 2; k++) {
		h_init(&h);
		h_begin(&h, &spec, 0);
		strcpy(h.ue.imei, k ? "490154203237517" : "490154203237518");
		h_run(&h);
		CU_ASSERT(h.ue.state == (k ? AGW_REGUE_ST_REJECTED : AGW_REGUE_ST_REGISTERED));
		h_free(&h);
	}
}

/* Network-initiated device authentication: Identity request (IMEI) under
 * NAS security, the result, the accept. */
static void
test_devauth_nf(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DA, A_NF}}};
	struct h h;

	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 0);
	DIALOGUE(&h, D(IDENTITY_REQUEST), U(IDENTITY_RESPONSE), D(DEVICE_AUTH_RESULT),
		 D(REGISTRATION_ACCEPT), U(REGISTRATION_COMPLETE));
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_IDENTITY_REQUEST) == 1);
	h_free(&h);
	h_init(&h);
	h_start(&h, &spec, AGW_REGUE_F_NO_IMEI);
	CU_ASSERT(h.ue.state == AGW_REGUE_ST_REJECTED && h.ue.cause == 5);
	h_free(&h);
}

/* T24: the UE never starts what the command asks (or never answers
 * Msg1): 4 retransmissions, each a placeholder the worker protects anew,
 * the 5th expiry aborts and deletes the context. */
static void
test_t24_guard(void)
{
	static const struct ssi_spec ue = {0, 1, {{MM_DA, A_UE}}};
	static const struct ssi_spec nf = {0, 1, {{MM_DH, A_NF}}};

	for (int k = 0; k < 2; k++) {
		struct h h;
		uint8_t first = k ? AGW_NAS5G_MT_DH_NETWORK_KEY : AGW_NAS5G_MT_SEC_SVC_COMMAND;

		h_init(&h);
		h.mute = 1;
		h_start(&h, k ? &nf : &ue, 0);
		CU_ASSERT(agw_anchors_ue_state(h.a, &h.ref) == AGW_ANCHORS_ST_WAIT_SSP);
		for (int r = 1; r <= 4; r++) {
			h_tick(&h, GUARD_MS - 1);
			CU_ASSERT(h.n_log == (unsigned int)r);
			h_tick(&h, 1);
			CU_ASSERT(h.n_log == (unsigned int)r + 1 && h.log[r] == (0x200 | first));
		}
		CU_ASSERT(h.n_placeholder == 5 && h.fp_dl == 6); /* DL COUNT 1..5 */
		h_tick(&h, GUARD_MS);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_RETRANSMIT) == 4);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_GUARD_ABORT) == 1);
		CU_ASSERT(h.n_deleted == 1);
		CU_ASSERT(agw_anchors_ue_state(h.a, &h.ref) == AGW_ANCHORS_ST_NONE);
		h_free(&h);
	}
}

/* A retransmitted command after one of two procedures ended asks only for
 * the other; the UE finishes it. */
static void
test_retransmit_rest(void)
{
	static const struct ssi_spec all = {0, 2, {{MM_DH, A_UE}, {MM_DA, A_UE}}};
	struct h h;

	h_init(&h);
	h_begin(&h, &all, 0);
	/* run until the DH ended, then lose the UE's Device authentication
	 * request */
	while (h.qh != h.qt && h.ue.dh_state != 2) {
		unsigned int k = h.qh++ % 8;

		net_ul(&h, h.q[k], h.qlen[k]);
	}
	CU_ASSERT_FATAL(h.ue.dh_state == 2 && h.qh + 1 == h.qt);
	h.qh++; /* lost */
	h_tick(&h, GUARD_MS);
	CU_ASSERT(h.cmd.n == 1 && h.cmd.e[0].code == MM_DA);
	check_registered(&h, 1);
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_RETRANSMIT) == 1);
	h_free(&h);
}

/* T38: the UE cannot run what the command (or Msg1) asks: 5GMM STATUS;
 * mandatory -> #23, optional -> dropped and registered. */
static void
test_t38_ue_unsupported(void)
{
	for (int k = 0; k < 4; k++) {
		const uint8_t m = (k & 1) ? A_M : 0;
		const struct ssi_spec spec = {0, 1, {{(k & 2) ? MM_DH : MM_DA, m}}};
		struct h h;

		h_init(&h);
		h.uc.mm_support = (k & 2) ? 0x02 : 0x01; /* no capability IE sent */
		h_start(&h, &spec, 0);
		CU_ASSERT(h.ue.sent_status);
		CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_UE_UNSUPPORTED) == 1);
		if (m) {
			CU_ASSERT(h.ue.state == AGW_REGUE_ST_REJECTED && h.ue.cause == 23);
			check_linger(&h);
		} else {
			check_registered(&h, 0);
			CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_OPTIONAL_DROPPED) == 1);
		}
		h_free(&h);
	}
}

/* T40: a procedure message the state does not expect: counted, dropped,
 * nothing changes. */
static void
test_t40_unexpected(void)
{
	static const struct ssi_spec spec = {0, 1, {{MM_DH, A_NF}}};
	uint8_t key[32];
	struct h h;

	memset(key, 0x42, sizeof(key));
	h_init(&h);
	h_start(&h, &spec, 0);
	check_registered(&h, 1);
	send_crafted_dh(&h, AGW_NAS5G_DH_X25519, key, 32); /* after the registration */
	CU_ASSERT(h_stat(&h, AGW_ANCHORS_EV_SSP_UNEXPECTED) == 1);
	CU_ASSERT(agw_anchors_ue_state(h.a, &h.ref) == AGW_ANCHORS_ST_REGISTERED);
	check_registered(&h, 1); /* K_DH unchanged */
	h_free(&h);
}

/* Configuration: unknown capability bits, bad orders refused. */
static void
test_conf(void)
{
	struct h h;

	h_init(&h);
	h.conf.mm_ssp_cap = 0x04;
	CU_ASSERT_PTR_NULL(agw_anchors_create(&h.conf));
	h.conf.mm_ssp_cap = 0;
	h.conf.n_ssp_order = 2;
	h.conf.ssp_order[0] = h.conf.ssp_order[1] = MM_DH;
	CU_ASSERT_PTR_NULL(agw_anchors_create(&h.conf));
	h.conf.ssp_order[1] = 3; /* SM only */
	CU_ASSERT_PTR_NULL(agw_anchors_create(&h.conf));
	h_free(&h);
}

static CU_TestInfo t_ssp[] = {
	{"T10 no identifier: accept right after the SMC", test_t10_none},
	{"T11 DevAuth (UE): UE MM identifier, no Msg1", test_t11_devauth_ue},
	{"T12/T21 DH (network): Msg1, same K_DH both ends", test_t12_dh_nf},
	{"T13 DH then DevAuth: command after Msg2, accept after Msg4", test_t13_dh_then_devauth},
	{"T14 UE capability {DH}: only DH", test_t14_ue_cap},
	{"T15 AMF capability {DevAuth}: only DevAuth", test_t15_amf_cap},
	{"T16 no capability IE: unfiltered", test_t16_no_cap_ie},
	{"T17/T18 mandatory -> #23, optional dropped", test_t17_t18_mandatory},
	{"T19 ORDERED / configured order", test_t19_order},
	{"T20 SEND_ONE_BY_ONE / one command", test_t20_one_by_one},
	{"T21 K_DH fresh per registration", test_t21_kdh_fresh},
	{"T22 small-order DH key -> #111, context kept for the reject", test_t22_bad_point},
	{"T22 DH key of wrong length / scheme -> #111", test_t22_bad_length},
	{"T23 bad or absent IMEI -> negative result, #5", test_t23_devauth},
	{"device authentication, network-initiated (Identity request)", test_devauth_nf},
	{"T24 guard: 4 retransmissions, then abort", test_t24_guard},
	{"retransmitted command asks only for what is left", test_retransmit_rest},
	{"T38 UE cannot run it: STATUS -> #23 / dropped", test_t38_ue_unsupported},
	{"T40 unexpected procedure message: counted, dropped", test_t40_unexpected},
	{"configuration checks", test_conf},
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	CU_SuiteInfo suites[] = {
		{"anchors_ssp", NULL, NULL, NULL, NULL, t_ssp},
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
