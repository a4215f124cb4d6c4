/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen's registration simulator (app/anchor-gen/reg_ue.c, reg_gnb.c)
 * against lib/anchors in process. The test plays the gateway: it decodes
 * each uplink frame (agw_net_parse_frame + agw_ngap_decode), checks the
 * wire contract, feeds the NAS to agw_anchors_ul_nas() (integrity_ok 0: the
 * anchors verify), and wraps each downlink NAS in a DownlinkNASTransport
 * frame for the simulated gNB. The subscribers are provisioned from the
 * simulator's own deterministic K/OPc.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_akma.h"
#include "agw_anchors.h"
#include "agw_kdf.h"
#include "agw_nas5g.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_store.h"
#include "agw_test.h"
#include "agw_util.h"
#include "reg_gnb.h"
#include "reg_ue.h"

#define MCC "001"
#define MNC "01"
#define SEED 0x5eedULL
#define FIRST 1000u
#define N_UES 200u
#define AMF_ID_BASE 0x100000000ULL
#define QCAP 4096u

struct qframe {
	uint16_t len;
	uint8_t b[AGW_REGGNB_FRAME_MAX];
};

/* The fast path's copy of a UE's context (after the install): the test
 * protects the anchors' placeholder downlink with it, as the worker does. */
struct fpctx {
	int on;
	struct agw_nia_key nia;
	struct agw_nea_key nea;
	uint32_t dl_count;
};

/* The test's gateway: anchors, id allocation, DL framing, a DL queue. */
struct gw {
	struct agw_anchors *a;
	struct agw_anchors_out out;
	struct agw_reggnb_conf net;
	uint32_t ul_tsn, dl_tsn;
	uint16_t dl_ssn;
	uint8_t ul_seen;
	uint32_t *protected_dl; /* per UE: protected DL NAS forwarded */
	uint32_t installs_ok;
	struct fpctx *fp; /* per UE */
	uint32_t placeholders;
	struct qframe *q;
	uint32_t q_head, q_tail;
};

struct sim {
	char *dir;
	struct agw_store *s;
	struct agw_nas_sec_engine *eng;
	struct agw_regue_conf uc;
	struct agw_reggnb gnb;
	struct agw_regue *ue;
	uint32_t n;
	struct gw gw;
	/* optional tamper hook on a DL NAS PDU before the UE sees it */
	void (*tamper)(struct sim *, struct agw_regue *, uint8_t *, size_t);
	int seed000; /* subscribers and faults of the seed 000 run (ssp_plan()) */
	/* AKMA runs (sim_setup_akma()): the anchor, its configuration */
	struct agw_akma *ak;
	struct agw_akma_conf akc;
	struct agw_akma_aanf_conf aanf;
	struct agw_akma_af_conf af;
	uint8_t af_id[300];
	size_t af_id_len;
};

/* ---------------------------------------------------------------------- */
/* Store and anchors                                                       */

static char *
tmpdir_make(void)
{
	char tmpl[] = "/tmp/agw-regsim-XXXXXX";
	char *d = mkdtemp(tmpl);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	chmod(d, 0700);
	return strdup(d);
}

static void
tmpdir_remove(char *d)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	CU_ASSERT(system(cmd) == 0);
	free(d);
}

/*
 * Seed 000 run: UE i's MM security service identifier, five kinds in turn
 * (none; DH network-initiated then DevAuth UE-initiated; ORDERED DevAuth
 * mandatory before DH; one by one DH and DevAuth both UE-initiated;
 * DevAuth network-initiated), and its fault: every 7th a bad IMEI where
 * device authentication runs, every 11th a small-order DH key where DH
 * runs.
 */
static int
ssp_plan(uint32_t i, struct agw_store_ssi *ssi)
{
	static const struct agw_store_ssi kinds[5] = {
		{0, 0, {{0, 0}}},
		{0, 2, {{AGW_STORE_SSP_DH, 0}, {AGW_STORE_SSP_DEVAUTH, AGW_STORE_SSP_A_UE}}},
		{AGW_STORE_SSI_F_ORDERED,
		 2,
		 {{AGW_STORE_SSP_DEVAUTH, AGW_STORE_SSP_A_DEFAULT_INIT | AGW_STORE_SSP_A_MANDATORY},
		  {AGW_STORE_SSP_DH, AGW_STORE_SSP_A_DEFAULT_INIT}}},
		{AGW_STORE_SSI_F_ONE_BY_ONE,
		 2,
		 {{AGW_STORE_SSP_DH, AGW_STORE_SSP_A_UE},
		  {AGW_STORE_SSP_DEVAUTH, AGW_STORE_SSP_A_UE}}},
		{0, 1, {{AGW_STORE_SSP_DEVAUTH, 0}}},
	};

	*ssi = kinds[i % 5];
	return (int)(i % 5);
}

static uint8_t
ssp_fault(uint32_t i)
{
	int kind = (int)(i % 5);

	if (i % 7 == 3 && kind != 0)
		return AGW_REGUE_F_BAD_IMEI;
	if (i % 11 == 5 && kind >= 1 && kind <= 3)
		return AGW_REGUE_F_DH_BAD_KEY;
	return AGW_REGUE_F_NONE;
}

/* AKMA runs: UE i is subscribed to AKMA unless i % 4 == 2. */
#define AKMA_RID "0012"
#define AKMA_AF "af.example.com"

static int
akma_subscribed(uint32_t i)
{
	return i % 4 != 2;
}

/* Provision UE @p index from the simulator's derivation. */
static void
provision(struct sim *m, uint32_t index)
{
	struct agw_store_sub sub;

	agw_store_sub_init(&sub);
	CU_ASSERT_FATAL(agw_regue_subscriber(&m->uc, index, sub.supi, sizeof(sub.supi), sub.k,
					     sub.opc) == 0);
	if (m->seed000 && ssp_plan(index - FIRST, &sub.ssi[0].ssi) != 0) {
		sub.n_ssi = 1;
		sub.ssi[0].domain = AGW_STORE_SSI_MM;
	}
	if (m->akc.n_aanf != 0 && akma_subscribed(index - FIRST)) {
		sub.flags |= AGW_STORE_SUB_F_AKMA;
		strcpy(sub.rid, AKMA_RID);
	}
	CU_ASSERT_FATAL(agw_store_sub_add(m->s, &sub) == 0);
	agw_store_sub_clear(&sub);
}

static struct agw_anchors *
anchors_new(struct agw_store *s, uint32_t max_ues, struct agw_akma *ak, struct agw_anchors_out *out)
{
	struct agw_anchors_conf c = {
		.store = s,
		.sidf_policy = {.allow_null_scheme = 1},
		.mcc = MCC,
		.mnc = MNC,
		.guard_max_retx = -1,
		.sqn_block = 4,
		.max_ues = max_ues,
		.amf_region = 1,
		.amf_set = 2,
		.amf_ptr = 3,
		.akma = ak,
	};
	struct agw_anchors *a = agw_anchors_create(&c);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	memset(out, 0, sizeof(*out));
	CU_ASSERT(agw_anchors_tick(a, 1000, out) == 0);
	return a;
}

/* Fault plan of the tests: one of each kind every 20 UEs. */
static uint8_t
plan(uint32_t i)
{
	switch (i % 20) {
	case 3:
		return AGW_REGUE_F_WRONG_RES;
	case 7:
		return AGW_REGUE_F_SYNC_FAIL;
	case 11:
		return AGW_REGUE_F_MAC_FAIL;
	case 15:
		return AGW_REGUE_F_UNKNOWN;
	default:
		return AGW_REGUE_F_NONE;
	}
}

/* Store, UEs, anchors (and the AKMA anchor if m->akc has AAnFs). */
static void
sim_setup_common(struct sim *m, uint32_t n, uint8_t mix, int seed000)
{
	struct agw_store_conf sc = {.create = 1, .map_size = 64u << 20};

	m->seed000 = seed000;
	m->n = n;
	m->dir = tmpdir_make();
	sc.path = m->dir;
	m->s = agw_store_open(&sc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m->s);
	m->eng = agw_nas_sec_engine_create();
	CU_ASSERT_PTR_NOT_NULL_FATAL(m->eng);
	CU_ASSERT_FATAL(agw_regue_conf_init(&m->uc, m->eng, SEED, MCC, MNC, 0x0e, 0x0f, mix) == 0);
	if (m->af_id_len != 0) {
		m->uc.akma_af_id = m->af_id;
		m->uc.akma_af_id_len = (uint16_t)m->af_id_len;
	}
	m->ue = calloc(n, sizeof(*m->ue));
	m->gw.protected_dl = calloc(n, sizeof(uint32_t));
	m->gw.q = calloc(QCAP, sizeof(*m->gw.q));
	m->gw.fp = calloc(n, sizeof(*m->gw.fp));
	CU_ASSERT_FATAL(m->ue != NULL && m->gw.protected_dl != NULL && m->gw.q != NULL &&
			m->gw.fp != NULL);
	CU_ASSERT_FATAL(agw_store_txn_begin(m->s) == 0);
	for (uint32_t i = 0; i < n; i++) {
		CU_ASSERT_FATAL(agw_regue_init(&m->ue[i], FIRST + i, &m->uc) == 0);
		m->ue[i].fault = seed000 ? ssp_fault(i) : plan(i);
		if (m->ue[i].fault != AGW_REGUE_F_UNKNOWN)
			provision(m, FIRST + i);
	}
	CU_ASSERT_FATAL(agw_store_txn_commit(m->s) == 0);
	if (m->akc.n_aanf != 0) {
		m->akc.store = m->s;
		m->ak = agw_akma_create(&m->akc);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m->ak);
	}
	m->gw.a = anchors_new(m->s, 2 * n, m->ak, &m->gw.out);
	agw_reggnb_conf_default(&m->gw.net);
	CU_ASSERT_FATAL(agw_reggnb_init(&m->gnb, &m->gw.net, 1 + FIRST, n) == 0);
	m->gw.dl_tsn = 0x1000;
}

static void
sim_setup_mode(struct sim *m, uint32_t n, uint8_t mix, int seed000)
{
	memset(m, 0, sizeof(*m));
	sim_setup_common(m, n, mix, seed000);
}

static void
sim_setup(struct sim *m, uint32_t n, uint8_t mix)
{
	sim_setup_mode(m, n, mix, 0);
}

static void
sim_teardown(struct sim *m)
{
	for (uint32_t i = 0; i < m->n; i++) {
		agw_regue_clear(&m->ue[i]);
		agw_nia_key_clear(&m->gw.fp[i].nia);
		agw_nea_key_clear(&m->gw.fp[i].nea);
	}
	free(m->gw.fp);
	agw_anchors_out_reset(&m->gw.out);
	agw_anchors_free(m->gw.a);
	agw_akma_free(m->ak);
	agw_store_close(m->s);
	agw_reggnb_free(&m->gnb);
	agw_nas_sec_engine_free(m->eng);
	free(m->ue);
	free(m->gw.protected_dl);
	free(m->gw.q);
	tmpdir_remove(m->dir);
}

/* ---------------------------------------------------------------------- */
/* The gateway side                                                        */

/* The UL frame keeps the contract: addresses, ports, tag, one DATA chunk
 * B|E with PPID 60 on stream 1, TSN +1. */
static const struct agw_net_msg *
gw_check_frame(struct gw *g, const uint8_t *frame, size_t len, struct agw_net_frame *f)
{
	CU_ASSERT_FATAL(agw_net_parse_frame(frame, len, 0, f) == 0);
	CU_ASSERT(f->eth.n_vlan == 0 && memcmp(f->eth.src, g->net.gnb_mac, 6) == 0 &&
		  memcmp(f->eth.dst, g->net.gw_mac, 6) == 0);
	CU_ASSERT(f->ip_version == 4 && memcmp(f->ip4.src, g->net.gnb_ip, 4) == 0 &&
		  memcmp(f->ip4.dst, g->net.gw_ip, 4) == 0);
	CU_ASSERT(f->l4 == AGW_IPPROTO_SCTP && f->sctp.sport == 9487 && f->sctp.dport == 38412);
	CU_ASSERT(f->sctp.vtag == 0x41474e42u);
	CU_ASSERT_FATAL(f->n_msgs == 1);
	CU_ASSERT(f->msgs[0].ppid == 60 && f->msgs[0].sid == 1 &&
		  f->msgs[0].flags == AGW_SCTP_DATA_COMPLETE);
	CU_ASSERT(!g->ul_seen || f->msgs[0].tsn == g->ul_tsn + 1);
	g->ul_tsn = f->msgs[0].tsn;
	g->ul_seen = 1;
	return &f->msgs[0];
}

/* N2 key of a UE: the gateway allocates AMF-UE-NGAP-ID from the RAN id. */
static agw_anchors_ue_ref
gw_ref(uint32_t ran_id)
{
	agw_anchors_ue_ref r = {.assoc_id = 1, .amf_ue_ngap_id = AMF_ID_BASE + ran_id};

	return r;
}

/* InitialUEMessage first (RRC cause, ULI, no AMF id), then
 * UplinkNASTransport with the AMF id this gateway allocated. */
static void
gw_check_ngap(const struct agw_ngap_msg *n, int initial)
{
	CU_ASSERT(n->pdu.type == AGW_AP_INITIATING);
	CU_ASSERT(n->present & AGW_NGAP_HAS_USER_LOCATION_INFORMATION);
	CU_ASSERT(n->uli.type == AGW_NGAP_ULI_NR);
	if (initial) {
		CU_ASSERT(n->pdu.proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE);
		CU_ASSERT(n->rrc_cause == 3 && !(n->present & AGW_NGAP_HAS_AMF_UE_NGAP_ID));
		CU_ASSERT(!(n->present & AGW_NGAP_HAS_UE_CONTEXT_REQUEST));
	} else {
		CU_ASSERT(n->pdu.proc == AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT);
		CU_ASSERT(n->amf_ue_id == AMF_ID_BASE + n->ran_ue_id);
	}
}

static void
gw_push(struct gw *g, const uint8_t *frame, long len)
{
	struct qframe *q = &g->q[g->q_tail++ % QCAP];

	CU_ASSERT_FATAL(len > 0 && g->q_tail - g->q_head <= QCAP);
	memcpy(q->b, frame, (size_t)len);
	q->len = (uint16_t)len;
}

/* A context install: the anchors' NAS keys equal the UE's own. */
static void
gw_check_install(struct sim *m, const struct agw_ctx_install *in)
{
	uint32_t i = (uint32_t)(in->ue_key.amf_ue_ngap_id - AMF_ID_BASE) - 1 - FIRST;
	const struct agw_regue *ue;

	CU_ASSERT_FATAL(i < m->n);
	ue = &m->ue[i];
	CU_ASSERT(in->nia == ue->nia && in->nea == ue->nea);
	CU_ASSERT(memcmp(in->k_nas_int, ue->knas_int, 16) == 0 &&
		  memcmp(in->k_nas_enc, ue->knas_enc, 16) == 0);
	m->gw.installs_ok++;
	CU_ASSERT_FATAL(agw_nia_key_init(m->eng, &m->gw.fp[i].nia, in->nia, in->k_nas_int) == 0);
	CU_ASSERT_FATAL(agw_nea_key_init(m->eng, &m->gw.fp[i].nea, in->nea, in->k_nas_enc) == 0);
	m->gw.fp[i].dl_count = in->dl_count;
	m->gw.fp[i].on = 1;
}

/* The worker's downlink path on a placeholder: SQN = the context's DL
 * COUNT, NEA (SHT 2), NIA over SQN || message. */
static void
gw_protect(struct sim *m, uint32_t i, uint8_t *nas, size_t len)
{
	struct fpctx *c = &m->gw.fp[i];
	uint32_t count = c->dl_count++;

	CU_ASSERT_FATAL(c->on && len > 10 && nas[1] == AGW_NAS5G_SHT_INTEG_CIPH);
	nas[6] = (uint8_t)count;
	CU_ASSERT_FATAL(agw_nea_apply(m->eng, &c->nea, count, 1, 1, nas + 7, nas + 7,
				      (uint32_t)(8 * (len - 7))) == 0);
	CU_ASSERT_FATAL(agw_nia_compute(m->eng, &c->nia, count, 1, 1, nas + 6,
					(uint32_t)(8 * (len - 6)), nas + 2) == 0);
	m->gw.placeholders++;
}

/* Every DL NAS of the anchors, framed as DownlinkNASTransport. */
static void
gw_emit(struct sim *m)
{
	struct gw *g = &m->gw;
	uint8_t frame[AGW_REGGNB_FRAME_MAX];

	for (unsigned int k = 0; k < g->out.n_install; k++)
		gw_check_install(m, &g->out.install[k]);
	for (unsigned int k = 0; k < g->out.n_dl; k++) {
		struct agw_anchors_dl *d = &g->out.dl[k];
		uint32_t ran = (uint32_t)(d->ue.amf_ue_ngap_id - AMF_ID_BASE);
		long n;

		if (d->fastpath)
			gw_protect(m, ran - 1 - FIRST, d->nas, d->len);
		n = agw_reggnb_gw_dl(&g->net, ++g->dl_tsn, ++g->dl_ssn, d->ue.amf_ue_ngap_id, ran,
				     d->nas, d->len, frame, sizeof(frame));

		gw_push(g, frame, n);
		if (d->sht != AGW_NAS5G_SHT_PLAIN)
			g->protected_dl[ran - 1 - FIRST]++;
	}
}

/* One UL frame from the gNB through the anchors. */
static void
gw_ul(struct sim *m, const uint8_t *frame, long len)
{
	struct agw_net_frame f;
	struct agw_ngap_msg n;
	const struct agw_net_msg *dm;
	agw_anchors_ue_ref ref;

	CU_ASSERT_FATAL(len > 0);
	dm = gw_check_frame(&m->gw, frame, (size_t)len, &f);
	CU_ASSERT_FATAL(agw_ngap_decode(dm->payload, dm->len, &n) == 0);
	gw_check_ngap(&n, n.pdu.proc == AGW_NGAP_PROC_INITIAL_UE_MESSAGE);
	ref = gw_ref(n.ran_ue_id);
	agw_anchors_out_reset(&m->gw.out);
	CU_ASSERT(agw_anchors_ul_nas(m->gw.a, &ref, n.nas_pdu.p, n.nas_pdu.len, 0, 0, &m->gw.out) ==
		  0);
	gw_emit(m);
}

/* ---------------------------------------------------------------------- */
/* The RAN side                                                            */

static void
ran_send(struct sim *m, struct agw_regue *ue, const uint8_t *nas, size_t len)
{
	uint8_t frame[AGW_REGGNB_FRAME_MAX];

	gw_ul(m, frame, agw_reggnb_ul(&m->gnb, 1 + ue->index, nas, len, frame, sizeof(frame)));
}

/* One DL frame from the queue to its UE, and the UE's answer back. */
static void
ran_deliver(struct sim *m, struct qframe *q)
{
	struct agw_reggnb_dl dl[4];
	uint8_t nas[AGW_REGUE_NAS_MAX], copy[AGW_ANCHORS_DL_NAS_MAX];
	size_t len = 0;
	struct agw_regue *ue;

	CU_ASSERT_FATAL(agw_reggnb_dl(&m->gnb, q->b, q->len, dl, 4) == 1);
	CU_ASSERT_FATAL(dl[0].ran_id - 1 - FIRST < m->n && dl[0].len <= sizeof(copy));
	ue = &m->ue[dl[0].ran_id - 1 - FIRST];
	memcpy(copy, dl[0].nas, dl[0].len);
	if (m->tamper != NULL)
		m->tamper(m, ue, copy, dl[0].len);
	CU_ASSERT(agw_regue_on_dl(ue, copy, dl[0].len, nas, sizeof(nas), &len) == 0);
	if (len > 0)
		ran_send(m, ue, nas, len);
}

/* All UEs start, then DL frames are delivered in order: the UEs' dialogues
 * interleave as they would on the wire. */
static void
sim_run(struct sim *m)
{
	uint8_t nas[AGW_REGUE_NAS_MAX];
	size_t len;

	for (uint32_t i = 0; i < m->n; i++) {
		CU_ASSERT_FATAL(agw_regue_start(&m->ue[i], nas, sizeof(nas), &len) == 0);
		ran_send(m, &m->ue[i], nas, len);
	}
	while (m->gw.q_head != m->gw.q_tail)
		ran_deliver(m, &m->gw.q[m->gw.q_head++ % QCAP]);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

/* Per fault kind: what the UE and the anchors must show. */
static void
check_ue(struct sim *m, uint32_t i, unsigned int *pairs)
{
	const struct agw_regue *ue = &m->ue[i];
	agw_anchors_ue_ref ref = gw_ref(1 + ue->index);
	int st = agw_anchors_ue_state(m->gw.a, &ref);

	CU_ASSERT(agw_regue_done(ue));
	CU_ASSERT(agw_regue_as_expected(ue, AGW_ANCHORS_CAUSE_ILLEGAL_UE));
	CU_ASSERT(ue->dl_mac_ok == m->gw.protected_dl[i]);
	if (ue->state == AGW_REGUE_ST_REGISTERED) {
		CU_ASSERT(st == AGW_ANCHORS_ST_REGISTERED);
		CU_ASSERT(ue->kamf_derived && ue->dl_mac_ok == 2);
		CU_ASSERT(ue->ul_count == 2 && ue->dl_count == 2 && ue->guti_len == 11);
		*pairs |= 1u << (4 * (ue->nia - 1) + ue->nea);
	} else {
		CU_ASSERT(st == AGW_ANCHORS_ST_NONE && ue->dl_mac_ok == 0);
	}
	if (ue->fault == AGW_REGUE_F_MAC_FAIL)
		CU_ASSERT(ue->sent_mac_failure && ue->state == AGW_REGUE_ST_AUTH_REJECTED);
	if (ue->fault == AGW_REGUE_F_UNKNOWN)
		CU_ASSERT(ue->state == AGW_REGUE_ST_REJECTED && ue->cause == 3);
}

static void
check_stats(struct sim *m, unsigned int n_plain, unsigned int n_fault)
{
	uint64_t st[AGW_ANCHORS_EV_MAX];

	agw_anchors_stats(m->gw.a, st);
	CU_ASSERT(st[AGW_ANCHORS_EV_REG_COMPLETE] == n_plain + n_fault);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_RESYNC] == n_fault);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_MAC_FAILURE] == n_fault);
	CU_ASSERT(st[AGW_ANCHORS_EV_UNKNOWN_SUBSCRIBER] == n_fault);
	CU_ASSERT(st[AGW_ANCHORS_EV_AUTH_REJECT] == 2 * n_fault);
	CU_ASSERT(st[AGW_ANCHORS_EV_UL_INTEGRITY_FAILURE] == 0);
	CU_ASSERT(st[AGW_ANCHORS_EV_UL_DROPPED] == 0);
	CU_ASSERT(m->gw.installs_ok == n_plain + n_fault);
}

static void
test_register_200(void)
{
	struct sim m;
	unsigned int pairs = 0, n_plain = 0, n_fault = N_UES / 20;
	uint64_t mac_ok = 0, prot = 0;

	sim_setup(&m, N_UES, 1);
	sim_run(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		check_ue(&m, i, &pairs);
		n_plain += m.ue[i].fault == AGW_REGUE_F_NONE;
		mac_ok += m.ue[i].dl_mac_ok;
		prot += m.gw.protected_dl[i];
	}
	check_stats(&m, n_plain, n_fault);
	CU_ASSERT(pairs == 0xfff); /* NIA1..3 x NEA0..3 all used */
	CU_ASSERT(mac_ok == prot && prot == 2ull * (n_plain + n_fault));
	CU_ASSERT(m.gnb.st.dl_msgs == m.gw.dl_tsn - 0x1000);
	CU_ASSERT(m.gnb.st.dl_bad_frame == 0 && m.gnb.st.dl_bad_sctp == 0 &&
		  m.gnb.st.dl_bad_ngap == 0 && m.gnb.st.dl_tsn_gap == 0 &&
		  m.gnb.st.dl_ssn_gap == 0 && m.gnb.st.dl_amf_id_changed == 0);
	CU_ASSERT(m.gnb.st.ul_initial == N_UES);
	printf("\n    %u UEs: %u plain registered, %u of each fault; %" PRIu64
	       " DL MACs verified ... ",
	       N_UES, n_plain, n_fault, mac_ok);
	sim_teardown(&m);
}

/* Tamper hooks: a bit of the Registration accept (DL MAC), the UE's own
 * record of its capabilities before the SMC (replayed caps mismatch). */
static void
flip_accept(struct sim *m, struct agw_regue *ue, uint8_t *nas, size_t len)
{
	(void)m;
	if (ue->state == AGW_REGUE_ST_WAIT_ACCEPT && len > 10)
		nas[len - 1] ^= 0x01;
}

static void
change_caps(struct sim *m, struct agw_regue *ue, uint8_t *nas, size_t len)
{
	(void)m;
	(void)nas;
	(void)len;
	if (ue->state == AGW_REGUE_ST_WAIT_SMC)
		ue->cap[0] ^= 0x10; /* as if the UE had sent another EA set */
}

static void
run_tampered(void (*hook)(struct sim *, struct agw_regue *, uint8_t *, size_t), unsigned int reason,
	     uint32_t want_mac_ok)
{
	struct sim m;

	sim_setup(&m, 1, 0);
	m.tamper = hook;
	sim_run(&m);
	CU_ASSERT(m.ue[0].state == AGW_REGUE_ST_FAILED && m.ue[0].reason == reason);
	CU_ASSERT(m.ue[0].dl_mac_ok == want_mac_ok);
	CU_ASSERT(!agw_regue_as_expected(&m.ue[0], AGW_ANCHORS_CAUSE_ILLEGAL_UE));
	sim_teardown(&m);
}

static void
test_tampered_accept(void)
{
	run_tampered(flip_accept, AGW_REGUE_R_DL_MAC, 1);
}

static void
test_replayed_caps(void)
{
	run_tampered(change_caps, AGW_REGUE_R_CAP_MISMATCH, 1);
}

/* K/OPc and SUPI are a function of (seed, index) only. */
static void
test_derivation(void)
{
	struct agw_regue_conf a, b;
	uint8_t k1[16], o1[16], k2[16], o2[16];
	char s1[32], s2[32];

	CU_ASSERT_FATAL(agw_regue_conf_init(&a, NULL, 7, MCC, MNC, 0x0e, 0x0f, 0) == 0);
	CU_ASSERT_FATAL(agw_regue_conf_init(&b, NULL, 8, MCC, MNC, 0x0e, 0x0f, 0) == 0);
	CU_ASSERT(agw_regue_subscriber(&a, 42, s1, sizeof(s1), k1, o1) == 0);
	CU_ASSERT(agw_regue_subscriber(&a, 42, s2, sizeof(s2), k2, o2) == 0);
	CU_ASSERT(strcmp(s1, "imsi-001010000000042") == 0 && strcmp(s1, s2) == 0);
	CU_ASSERT(memcmp(k1, k2, 16) == 0 && memcmp(o1, o2, 16) == 0 && memcmp(k1, o1, 16) != 0);
	CU_ASSERT(agw_regue_subscriber(&a, 43, s2, sizeof(s2), k2, o2) == 0);
	CU_ASSERT(memcmp(k1, k2, 16) != 0 && memcmp(o1, o2, 16) != 0);
	CU_ASSERT(agw_regue_subscriber(&b, 42, s2, sizeof(s2), k2, o2) == 0);
	CU_ASSERT(memcmp(k1, k2, 16) != 0 && memcmp(o1, o2, 16) != 0);
	CU_ASSERT(AGW_REGUE_UNKNOWN_CAUSE == AGW_ANCHORS_CAUSE_ILLEGAL_UE);
	agw_memzero(k1, 16);
	agw_memzero(k2, 16);
	agw_memzero(o1, 16);
	agw_memzero(o2, 16);
}

/* The gNB drops what is not from the gateway to it and counts framing
 * faults: wrong tag, unknown RAN id, another sender. */
static void
test_gnb_filter(void)
{
	struct agw_reggnb g;
	struct agw_reggnb_conf c, bad;
	struct agw_reggnb_dl dl[2];
	uint8_t frame[AGW_REGGNB_FRAME_MAX], nas[3] = {0x7e, 0x00, 0x54};
	long n;

	agw_reggnb_conf_default(&c);
	CU_ASSERT_FATAL(agw_reggnb_init(&g, &c, 11, 4) == 0);
	n = agw_reggnb_gw_dl(&c, 1, 0, 77, 12, nas, 3, frame, sizeof(frame));
	CU_ASSERT(agw_reggnb_dl(&g, frame, (size_t)n, dl, 2) == 1);
	CU_ASSERT(dl[0].ran_id == 12 && dl[0].amf_id == 77 && dl[0].len == 3);
	CU_ASSERT(g.ues[1].has_amf_id && g.ues[1].amf_id == 77);
	bad = c;
	bad.vtag = 1;
	n = agw_reggnb_gw_dl(&bad, 2, 1, 77, 12, nas, 3, frame, sizeof(frame));
	CU_ASSERT(agw_reggnb_dl(&g, frame, (size_t)n, dl, 2) == 0 && g.st.dl_bad_sctp == 1);
	n = agw_reggnb_gw_dl(&c, 3, 2, 78, 99, nas, 3, frame, sizeof(frame));
	CU_ASSERT(agw_reggnb_dl(&g, frame, (size_t)n, dl, 2) == 0 && g.st.dl_unknown_ue == 1);
	bad = c;
	bad.gw_ip[3] = 9;
	n = agw_reggnb_gw_dl(&bad, 4, 3, 77, 12, nas, 3, frame, sizeof(frame));
	CU_ASSERT(agw_reggnb_dl(&g, frame, (size_t)n, dl, 2) == 0 && g.st.dl_ignored == 1);
	n = agw_reggnb_ul(&g, 12, nas, 3, frame, sizeof(frame));
	CU_ASSERT(n > 0 && g.st.ul_initial == 0 && g.st.ul_frames == 1); /* UplinkNASTransport */
	CU_ASSERT(agw_reggnb_ul(&g, 10, nas, 3, frame, sizeof(frame)) < 0);
	agw_reggnb_free(&g);
}

/* Seed 000: each UE ends as its fault predicts; every registered UE with a
 * DH exchange holds the anchors' K_DH; the counters add up. */
static void
test_register_seed000(void)
{
	struct sim m;
	unsigned int reg = 0, dh = 0, devauth = 0, bad_imei = 0, bad_key = 0, plain = 0;
	unsigned int dh_ok = 0, devauth_ok = 0;
	uint64_t st[AGW_ANCHORS_EV_MAX];

	sim_setup_mode(&m, N_UES, 1, 1);
	sim_run(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		const struct agw_regue *ue = &m.ue[i];
		agw_anchors_ue_ref ref = gw_ref(1 + ue->index);
		struct agw_store_ssi ssi;
		int kind = ssp_plan(i, &ssi);
		uint8_t kdh[32];

		CU_ASSERT(agw_regue_done(ue) && agw_regue_as_expected(ue, AGW_REGUE_UNKNOWN_CAUSE));
		CU_ASSERT(ue->dl_mac_ok == m.gw.protected_dl[i]);
		bad_imei += ue->fault == AGW_REGUE_F_BAD_IMEI;
		bad_key += ue->fault == AGW_REGUE_F_DH_BAD_KEY;
		/* procedures that ended well, also in UEs a later one failed */
		dh_ok += ue->dh_state == 2 && ue->fault != AGW_REGUE_F_DH_BAD_KEY;
		devauth_ok += ue->devauth_state == 2;
		if (ue->state != AGW_REGUE_ST_REGISTERED)
			continue;
		reg++;
		plain += kind == 0;
		CU_ASSERT(ue->devauth_state == (kind == 0 ? 0 : 2)); /* 2: accepted */
		if (kind >= 1 && kind <= 3) {
			dh++;
			CU_ASSERT(agw_anchors_ue_kdh(m.gw.a, &ref, kdh) == 0 &&
				  memcmp(kdh, ue->kdh, 32) == 0);
		} else {
			CU_ASSERT(agw_anchors_ue_kdh(m.gw.a, &ref, kdh) == -ENODATA);
		}
		devauth += kind != 0;
		agw_memzero(kdh, sizeof(kdh));
	}
	agw_anchors_stats(m.gw.a, st);
	CU_ASSERT(reg == N_UES - bad_imei - bad_key && bad_imei > 0 && bad_key > 0);
	CU_ASSERT(st[AGW_ANCHORS_EV_REG_COMPLETE] == reg);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_DH_COMPLETE] == dh_ok && dh_ok > dh);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_DEVAUTH_ACCEPTED] == devauth_ok && devauth_ok > devauth);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_DEVAUTH_REJECTED] == bad_imei);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_DH_INVALID_KEY] == bad_key);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_COMPLETE] == reg - plain);
	CU_ASSERT(st[AGW_ANCHORS_EV_UL_INTEGRITY_FAILURE] == 0 &&
		  st[AGW_ANCHORS_EV_UL_DROPPED] == 0);
	CU_ASSERT(st[AGW_ANCHORS_EV_SSP_UNEXPECTED] == 0);
	CU_ASSERT(m.gnb.st.dl_bad_frame == 0 && m.gnb.st.dl_tsn_gap == 0 &&
		  m.gnb.st.dl_ssn_gap == 0);
	printf("\n    %u UEs: %u registered (%u with K_DH), %u bad IMEI -> #5, %u bad DH key -> "
	       "#111; %u placeholders protected ... ",
	       N_UES, reg, dh, bad_imei, bad_key, m.gw.placeholders);
	sim_teardown(&m);
}

/* ---------------------------------------------------------------------- */
/* AKMA (seed 001): identifiers from the registration                      */

/*
 * One AAnF serving one AF (af.example.com, Ua* of TLS: the spec/001 V3
 * AF_ID); the UEs derive K_AF for that AF. @p long_form: TS 33.535 A-TID
 * (64 hex digits), AAnF and AF labels and the "akma." realm label, the
 * longest identifier this configuration makes.
 */
static void
sim_setup_akma_mode(struct sim *m, uint32_t n, int long_form, int seed000)
{
	static const uint8_t ua_tls[5] = {0x01, 0x00, 0x00, 0x00, 0x02};
	long k;

	memset(m, 0, sizeof(*m));
	agw_akma_conf_init(&m->akc);
	memcpy(m->akc.mcc, MCC, 4);
	memcpy(m->akc.mnc, MNC, 3);
	m->af = (struct agw_akma_af_conf){"af1", AKMA_AF, AKMA_AF, {0}, 1};
	memcpy(m->af.ua_proto, ua_tls, 5);
	m->aanf = (struct agw_akma_aanf_conf){"a1", "http://127.0.0.1:1", NULL, 0};
	m->akc.aanf = &m->aanf;
	m->akc.n_aanf = 1;
	m->akc.af = &m->af;
	m->akc.n_af = 1;
	if (long_form) {
		m->akc.tid_source = AGW_AKMA_TID_KDF;
		m->akc.addr_fields = AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF;
		m->akc.akma_label = 1;
	}
	k = agw_akma_af_id(AKMA_AF, ua_tls, m->af_id, sizeof(m->af_id));
	CU_ASSERT_FATAL(k > 0);
	m->af_id_len = (size_t)k;
	sim_setup_common(m, n, 1, seed000);
}

static void
sim_setup_akma(struct sim *m, uint32_t n, int long_form)
{
	sim_setup_akma_mode(m, n, long_form, 0);
}

/* The AF's K_AF request for @p akid at the (only) AAnF. */
static enum agw_akma_verdict
akma_kaf(struct sim *m, const char *akid, struct agw_akma_kaf_resp *rs)
{
	struct agw_akma_kaf_req rq = {.akid = akid,
				      .akid_len = strlen(akid),
				      .af_id = AKMA_AF,
				      .af_id_len = strlen(AKMA_AF)};

	return agw_akma_aanf_kaf_get(agw_akma_aanf_at(m->ak, 0), &rq, rs);
}

/*
 * A registered AKMA subscriber holds the identifier the AUSF allocated
 * (what the protected Registration accept carried), and the AAnF's K_AF
 * for it equals the K_AF the UE derived from its own K_AUSF.
 */
static void
check_akma_ue(struct sim *m, const struct agw_regue *ue)
{
	struct agw_akma_ident id;
	struct agw_akma_kaf_resp rs;

	CU_ASSERT_FATAL(ue->akma_state == AGW_REGUE_AKMA_KAF && ue->akma_ids == 1);
	CU_ASSERT_FATAL(agw_akma_ausf_ident(m->ak, ue->supi, &id) == 0);
	CU_ASSERT(strcmp(id.nai, ue->akid) == 0);
	CU_ASSERT(strcmp(id.fields.rid, AKMA_RID) == 0);
	CU_ASSERT(akma_kaf(m, ue->akid, &rs) == AGW_AKMA_V_OK);
	CU_ASSERT(memcmp(rs.kaf, ue->kaf, 32) == 0);
	CU_ASSERT(strcmp(rs.supi, ue->supi) == 0);
	agw_akma_kaf_resp_clear(&rs);
}

/*
 * 200 UEs, three of four AKMA subscribers, every fault kind: each
 * registered subscriber gets an identifier in its accept and the AAnF's
 * K_AF equals its own; unsubscribed UEs and failed authentications
 * (wrong RES*) get none; the counters of both libraries agree.
 */
static void
test_register_akma(void)
{
	struct sim m;
	struct agw_akma_ident id;
	uint64_t st[AGW_ANCHORS_EV_MAX], ak[AGW_AKMA_AUSF_STAT_MAX];
	unsigned int with = 0, without = 0, wrong_res = 0, pairs = 0;

	sim_setup_akma(&m, N_UES, 0);
	sim_run(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		const struct agw_regue *ue = &m.ue[i];

		check_ue(&m, i, &pairs);
		wrong_res += ue->fault == AGW_REGUE_F_WRONG_RES;
		if (ue->state == AGW_REGUE_ST_REGISTERED && akma_subscribed(i)) {
			check_akma_ue(&m, ue);
			with++;
			continue;
		}
		CU_ASSERT(ue->akma_state == AGW_REGUE_AKMA_NONE && ue->akma_ids == 0);
		CU_ASSERT(agw_akma_ausf_ident(m.ak, ue->supi, &id) == -ENOENT);
		without += ue->state == AGW_REGUE_ST_REGISTERED;
	}
	agw_anchors_stats(m.gw.a, st);
	agw_akma_ausf_stats(m.ak, ak);
	CU_ASSERT(with > 100 && without > 20 && wrong_res == N_UES / 20);
	CU_ASSERT(st[AGW_ANCHORS_EV_AKMA_ALLOCATED] == with);
	CU_ASSERT(st[AGW_ANCHORS_EV_AKMA_SENT] == with);
	CU_ASSERT(st[AGW_ANCHORS_EV_AKMA_ERROR] == 0);
	CU_ASSERT(ak[AGW_AKMA_AUSF_STAT_ALLOCATED] == with);
	CU_ASSERT(ak[AGW_AKMA_AUSF_STAT_NOT_SUBSCRIBED] == without);
	CU_ASSERT(ak[AGW_AKMA_AUSF_STAT_AUTH_FAILED] == wrong_res);
	CU_ASSERT(agw_akma_ausf_count(m.ak) == with);
	printf("\n    %u UEs: %u identifiers (K_AF equal at UE and AAnF), %u registered "
	       "without AKMA, %u failed authentications allocated none ... ",
	       N_UES, with, without, wrong_res);
	sim_teardown(&m);
}

/*
 * With the seed 000 procedures the Registration accept leaves after them,
 * as a placeholder the fast path protects (here the test's worker): the
 * identifier travels in it the same way.
 */
static void
test_akma_seed000(void)
{
	struct sim m;
	uint64_t st[AGW_ANCHORS_EV_MAX];
	unsigned int with = 0, after_ssp = 0;

	sim_setup_akma_mode(&m, 40, 0, 1);
	sim_run(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		const struct agw_regue *ue = &m.ue[i];
		struct agw_store_ssi ssi;

		CU_ASSERT(agw_regue_as_expected(ue, AGW_REGUE_UNKNOWN_CAUSE));
		if (ue->state != AGW_REGUE_ST_REGISTERED || !akma_subscribed(i)) {
			CU_ASSERT(ue->akma_state == AGW_REGUE_AKMA_NONE);
			continue;
		}
		check_akma_ue(&m, ue);
		with++;
		after_ssp += ssp_plan(i, &ssi) != 0;
	}
	agw_anchors_stats(m.gw.a, st);
	CU_ASSERT(with > 10 && after_ssp > 5 && m.gw.placeholders > 0);
	CU_ASSERT(st[AGW_ANCHORS_EV_AKMA_SENT] == with);
	sim_teardown(&m);
}

/* Register every UE of the run again (a new authentication). */
static void
sim_reregister(struct sim *m)
{
	for (uint32_t i = 0; i < m->n; i++) {
		agw_regue_clear(&m->ue[i]);
		CU_ASSERT_FATAL(agw_regue_init(&m->ue[i], FIRST + i, &m->uc) == 0);
		m->ue[i].fault = plan(i);
	}
	sim_run(m);
}

/*
 * Re-authentication replaces (spec/001 F13): a second registration of the
 * same UEs gives new identifiers with new K_AF; the AF's request with an
 * old one is refused. The longest form of identifier (TS A-TID, both
 * labels, "akma." realm label) fits the Registration accept.
 */
static void
test_akma_reauth(void)
{
	struct sim m;
	char old[8][AGW_NAS5G_AKMA_NAI_MAX + 1];
	uint8_t old_kaf[8][32];
	struct agw_akma_kaf_resp rs;
	uint64_t ak[AGW_AKMA_AUSF_STAT_MAX];
	size_t longest = 0;

	sim_setup_akma(&m, 8, 1);
	sim_run(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		if (!akma_subscribed(i) || m.ue[i].fault == AGW_REGUE_F_WRONG_RES)
			continue;
		check_akma_ue(&m, &m.ue[i]);
		CU_ASSERT(strncmp(m.ue[i].akid, "af0.aanfa1.rid0012.tid", 22) == 0);
		CU_ASSERT(strstr(m.ue[i].akid, "@akma.5gc.mnc001.mcc001.3gppnetwork.org") != NULL);
		longest = strlen(m.ue[i].akid) > longest ? strlen(m.ue[i].akid) : longest;
		strcpy(old[i], m.ue[i].akid);
		memcpy(old_kaf[i], m.ue[i].kaf, 32);
	}
	sim_reregister(&m);
	for (uint32_t i = 0; i < m.n; i++) {
		if (!akma_subscribed(i) || m.ue[i].fault == AGW_REGUE_F_WRONG_RES)
			continue;
		CU_ASSERT(m.ue[i].state == AGW_REGUE_ST_REGISTERED);
		check_akma_ue(&m, &m.ue[i]);
		CU_ASSERT(strcmp(old[i], m.ue[i].akid) != 0);
		CU_ASSERT(memcmp(old_kaf[i], m.ue[i].kaf, 32) != 0);
		CU_ASSERT(akma_kaf(&m, old[i], &rs) == AGW_AKMA_V_UNKNOWN_AKID);
	}
	agw_akma_ausf_stats(m.ak, ak);
	/* UEs 0, 1, 4, 5, 7 (sync failure first) subscribed and registered twice;
	 * UE 3's RES* is wrong both times */
	CU_ASSERT(ak[AGW_AKMA_AUSF_STAT_REPLACED] == 5 && ak[AGW_AKMA_AUSF_STAT_ALLOCATED] == 10);
	CU_ASSERT(ak[AGW_AKMA_AUSF_STAT_AUTH_FAILED] == 2);
	CU_ASSERT(agw_akma_ausf_count(m.ak) == 5);
	printf("\n    identifiers of %zu characters in the accept; stale ones refused ... ",
	       longest);
	agw_memzero(old_kaf, sizeof(old_kaf));
	sim_teardown(&m);
}

/*
 * Group commit: the identifier records are written in the caller's open
 * store transaction (read back inside it), and an aborted transaction
 * takes them away with the SQN reservations.
 */
static void
test_akma_txn(void)
{
	struct sim m;
	struct agw_store_akma rec;

	sim_setup_akma(&m, 2, 0);
	CU_ASSERT_FATAL(agw_store_txn_begin(m.s) == 0);
	sim_run(&m);
	CU_ASSERT_FATAL(m.ue[0].akma_state == AGW_REGUE_AKMA_KAF);
	CU_ASSERT(agw_store_akma_get(m.s, m.ue[0].akid, &rec) == 0);
	CU_ASSERT(strcmp(rec.supi, m.ue[0].supi) == 0 && rec.key_kind == AGW_STORE_AKMA_KAUSF);
	agw_memzero(&rec, sizeof(rec));
	agw_store_txn_abort(m.s);
	CU_ASSERT(agw_store_akma_get(m.s, m.ue[0].akid, &rec) == -ENOENT);
	sim_teardown(&m);
}

/*
 * A commit that fails after an identifier was allocated: the rollback ends
 * the registration waiting for its Security mode complete and drops the
 * identifier, so that no AF is served a key for a record that is not on
 * disk.
 */
static void
test_akma_rollback(void)
{
	struct sim m;
	agw_anchors_ue_ref ref;
	uint8_t nas[AGW_REGUE_NAS_MAX];
	uint64_t st[AGW_ANCHORS_EV_MAX];
	size_t len;

	sim_setup_akma(&m, 1, 0);
	ref = gw_ref(1 + m.ue[0].index);
	CU_ASSERT_FATAL(agw_store_txn_begin(m.s) == 0);
	CU_ASSERT_FATAL(agw_regue_start(&m.ue[0], nas, sizeof(nas), &len) == 0);
	ran_send(&m, &m.ue[0], nas, len);
	/* Authentication request to the UE; its response allocates. */
	ran_deliver(&m, &m.gw.q[m.gw.q_head++ % QCAP]);
	CU_ASSERT_FATAL(agw_anchors_ue_state(m.gw.a, &ref) == AGW_ANCHORS_ST_WAIT_SMC);
	CU_ASSERT(agw_akma_ausf_count(m.ak) == 1);
	agw_store_txn_abort(m.s);
	agw_anchors_out_reset(&m.gw.out);
	agw_anchors_store_rollback(m.gw.a, &m.gw.out);
	agw_anchors_stats(m.gw.a, st);
	CU_ASSERT(agw_anchors_ue_state(m.gw.a, &ref) == AGW_ANCHORS_ST_NONE);
	CU_ASSERT(agw_akma_ausf_count(m.ak) == 0);
	CU_ASSERT(st[AGW_ANCHORS_EV_STORE_ERROR] == 1);
	m.gw.q_head = m.gw.q_tail; /* the held SMC is dropped */
	sim_teardown(&m);
}

static CU_TestInfo t_regsim[] = {
	{"K/OPc/SUPI derivation is deterministic", test_derivation},
	{"gNB framing: filter and counters", test_gnb_filter},
	{"200 UEs, NIA1-3 x NEA0-3, every fault kind", test_register_200},
	{"tampered Registration accept -> UE fails (DL MAC)", test_tampered_accept},
	{"replayed UE capabilities differ -> UE fails", test_replayed_caps},
	{"200 UEs, seed 000 DH / device authentication mixed, faults", test_register_seed000},
	{"AKMA: 200 UEs, identifiers, K_AF at UE = AAnF, none without", test_register_akma},
	{"AKMA: re-authentication replaces, stale refused, long form", test_akma_reauth},
	{"AKMA: identifier in the accept after seed 000 procedures", test_akma_seed000},
	{"AKMA: records in the open store transaction", test_akma_txn},
	{"AKMA: failed commit drops the identifier and ends the UE", test_akma_rollback},
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	CU_SuiteInfo suites[] = {
		{"anchors_regsim", NULL, NULL, NULL, NULL, t_regsim},
		CU_SUITE_INFO_NULL,
	};

	return agw_test_main(suites);
}
