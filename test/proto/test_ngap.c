/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * NGAP/S1AP codecs: round trip of every message the encoder builds, the
 * real corpus (every tshark-clean NGAP and S1AP message decodes, names
 * match, golden field values read with tshark), the IE walker rules,
 * truncation at every length, encoder limits, and tshark dissection of
 * every encoded message (Eth/IPv4/SCTP PPID 60).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_test.h"
#include "agw_pcap.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_real_signalling.h"
#include "net_tshark.h"

/* ------------------------------------------------------------------ */
/* sample messages                                                      */
/* ------------------------------------------------------------------ */

static const struct agw_ngap_plmn plmn_001_01 = {{0x00, 0xf1, 0x10}};

/* 5GMM Registration request (TS 24.501), plain, SUCI with null scheme. */
static const uint8_t nas_reg_req[] = {0x7e, 0x00, 0x41, 0x79, 0x00, 0x0d, 0x01, 0x00, 0xf1,
				      0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
				      0x10, 0x2e, 0x04, 0xf0, 0xf0, 0xf0, 0xf0};
/* 5GMM Authentication response with a 16-octet RES*. */
static const uint8_t nas_auth_resp[] = {0x7e, 0x00, 0x57, 0x2d, 0x10, 0x01, 0x02,
					0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
					0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10};
static uint8_t nas_long[300]; /* a protected NAS message over 127 octets */
static uint8_t kgnb[32];

static void
fill_uli(struct agw_ngap_uli *u, int with_ts)
{
	static const uint8_t ts[4] = {0xe9, 0x1a, 0x2b, 0x3c};

	memset(u, 0, sizeof(*u));
	u->type = AGW_NGAP_ULI_NR;
	u->nr_cgi.plmn = plmn_001_01;
	u->nr_cgi.cell_id = 0x123456789ULL;
	u->tai.plmn = plmn_001_01;
	u->tai.tac[2] = 0x75;
	u->has_time_stamp = (uint8_t)with_ts;
	memcpy(u->time_stamp, ts, 4);
}

static void
fill_slices(struct agw_ngap_plmn_slices *ps, unsigned int n)
{
	ps->plmn = plmn_001_01;
	ps->n_slices = (uint16_t)n;
	for (unsigned int i = 0; i < n; i++) {
		ps->slices[i].sst = (uint8_t)(1 + i);
		ps->slices[i].has_sd = (uint8_t)(i & 1);
		ps->slices[i].sd[0] = 0x01;
		ps->slices[i].sd[1] = (uint8_t)i;
		ps->slices[i].sd[2] = 0x03;
	}
}

/* A message of each kind, with the fields the gateway and the simulator set. */
static void
fill_msg(struct agw_ngap_msg *m, enum agw_ngap_msg_kind k)
{
	CU_ASSERT_EQUAL_FATAL(agw_ngap_msg_init(m, k), 0);
	switch (k) {
	case AGW_NGAP_NG_SETUP_REQUEST:
		m->present = AGW_NGAP_HAS_GLOBAL_RAN_NODE_ID | AGW_NGAP_HAS_RAN_NODE_NAME |
			     AGW_NGAP_HAS_SUPPORTED_TA_LIST | AGW_NGAP_HAS_DEFAULT_PAGING_DRX;
		m->ran_node.type = AGW_NGAP_RAN_NODE_GNB;
		m->ran_node.plmn = plmn_001_01;
		m->ran_node.gnb_id = 0x19b;
		m->ran_node.gnb_id_bits = 22;
		m->ran_node_name.p = (const uint8_t *)"agw-gnb-1";
		m->ran_node_name.len = 9;
		m->n_tas = 2;
		m->tas[0].tac[2] = 1;
		m->tas[0].n_plmns = 1;
		fill_slices(&m->tas[0].plmns[0], 2);
		m->tas[1].tac[1] = 0x12;
		m->tas[1].tac[2] = 0x34;
		m->tas[1].n_plmns = 2;
		fill_slices(&m->tas[1].plmns[0], 1);
		fill_slices(&m->tas[1].plmns[1], AGW_NGAP_MAX_SLICES);
		m->tas[1].plmns[1].plmn.v[2] = 0x20;
		m->paging_drx = 2; /* v128 */
		break;
	case AGW_NGAP_NG_SETUP_RESPONSE:
		m->present = AGW_NGAP_HAS_AMF_NAME | AGW_NGAP_HAS_SERVED_GUAMI_LIST |
			     AGW_NGAP_HAS_RELATIVE_AMF_CAPACITY | AGW_NGAP_HAS_PLMN_SUPPORT_LIST;
		m->amf_name.p = (const uint8_t *)"amf1.agw.test";
		m->amf_name.len = 13;
		m->n_guamis = 2;
		m->guamis[0].plmn = plmn_001_01;
		m->guamis[0].region_id = 2;
		m->guamis[0].set_id = 1;
		m->guamis[1].plmn = plmn_001_01;
		m->guamis[1].region_id = 0xca;
		m->guamis[1].set_id = 0x3fe;
		m->guamis[1].pointer = 0x3f;
		m->relative_amf_capacity = 255;
		m->n_plmn_support = 1;
		fill_slices(&m->plmn_support[0], 3);
		break;
	case AGW_NGAP_NG_SETUP_FAILURE:
		m->present = AGW_NGAP_HAS_CAUSE | AGW_NGAP_HAS_TIME_TO_WAIT;
		m->cause.group = AGW_NGAP_CAUSE_MISC;
		m->cause.value = 4;  /* unknown-PLMN-or-SNPN */
		m->time_to_wait = 3; /* v10s */
		break;
	case AGW_NGAP_INITIAL_UE_MESSAGE:
		m->present = AGW_NGAP_HAS_RAN_UE_NGAP_ID | AGW_NGAP_HAS_NAS_PDU |
			     AGW_NGAP_HAS_USER_LOCATION_INFORMATION |
			     AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE | AGW_NGAP_HAS_FIVEG_S_TMSI |
			     AGW_NGAP_HAS_UE_CONTEXT_REQUEST;
		m->ran_ue_id = 0xfffffffe;
		m->nas_pdu.p = nas_reg_req;
		m->nas_pdu.len = sizeof(nas_reg_req);
		fill_uli(&m->uli, 1);
		m->rrc_cause = 3; /* mo-Signalling */
		m->s_tmsi.set_id = 0x3ff;
		m->s_tmsi.pointer = 0x3f;
		memcpy(m->s_tmsi.tmsi, "\xde\xad\xbe\xef", 4);
		break;
	case AGW_NGAP_DOWNLINK_NAS_TRANSPORT:
		m->present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
			     AGW_NGAP_HAS_NAS_PDU | AGW_NGAP_HAS_ALLOWED_NSSAI;
		m->amf_ue_id = 0xffffffffffULL; /* 2^40 - 1 */
		m->ran_ue_id = 0;
		m->nas_pdu.p = nas_long;
		m->nas_pdu.len = sizeof(nas_long);
		m->n_allowed_nssai = 2;
		m->allowed_nssai[0].sst = 1;
		m->allowed_nssai[1].sst = 2;
		m->allowed_nssai[1].has_sd = 1;
		memcpy(m->allowed_nssai[1].sd, "\x11\x22\x33", 3);
		break;
	case AGW_NGAP_UPLINK_NAS_TRANSPORT:
		m->present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
			     AGW_NGAP_HAS_NAS_PDU | AGW_NGAP_HAS_USER_LOCATION_INFORMATION;
		m->amf_ue_id = 1;
		m->ran_ue_id = 0x10000;
		m->nas_pdu.p = nas_auth_resp;
		m->nas_pdu.len = sizeof(nas_auth_resp);
		fill_uli(&m->uli, 0);
		break;
	case AGW_NGAP_INITIAL_CONTEXT_SETUP_REQUEST:
		m->present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
			     AGW_NGAP_HAS_GUAMI | AGW_NGAP_HAS_ALLOWED_NSSAI |
			     AGW_NGAP_HAS_UE_SECURITY_CAPABILITIES | AGW_NGAP_HAS_SECURITY_KEY |
			     AGW_NGAP_HAS_NAS_PDU;
		m->amf_ue_id = 12;
		m->ran_ue_id = 300;
		m->guami.plmn = plmn_001_01;
		m->guami.region_id = 2;
		m->guami.set_id = 1;
		m->n_allowed_nssai = AGW_NGAP_MAX_SLICES;
		for (unsigned int i = 0; i < AGW_NGAP_MAX_SLICES; i++)
			m->allowed_nssai[i].sst = (uint8_t)(i + 1);
		m->ue_sec_cap.nr_enc = 0xe000;
		m->ue_sec_cap.nr_int = 0xe000;
		m->ue_sec_cap.eutra_enc = 0xc000;
		m->ue_sec_cap.eutra_int = 0x4000;
		m->security_key = kgnb;
		m->nas_pdu.p = nas_long;
		m->nas_pdu.len = 120;
		break;
	case AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND:
		m->present = AGW_NGAP_HAS_UE_NGAP_IDS | AGW_NGAP_HAS_CAUSE;
		m->ue_ids.type = AGW_NGAP_UE_IDS_PAIR;
		m->ue_ids.amf_ue_id = 0x1234567890ULL;
		m->ue_ids.ran_ue_id = 7;
		m->cause.group = AGW_NGAP_CAUSE_NAS;
		m->cause.value = 0; /* normal-release */
		break;
	case AGW_NGAP_UE_CONTEXT_RELEASE_COMPLETE:
		m->present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
			     AGW_NGAP_HAS_USER_LOCATION_INFORMATION;
		m->amf_ue_id = 0x1234567890ULL;
		m->ran_ue_id = 7;
		fill_uli(&m->uli, 1);
		break;
	case AGW_NGAP_ERROR_INDICATION:
		m->present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
			     AGW_NGAP_HAS_CAUSE | AGW_NGAP_HAS_FIVEG_S_TMSI;
		m->amf_ue_id = 99;
		m->ran_ue_id = 98;
		m->cause.group = AGW_NGAP_CAUSE_PROTOCOL;
		m->cause.value = 4; /* semantic-error */
		m->s_tmsi.set_id = 1;
		m->s_tmsi.pointer = 2;
		memcpy(m->s_tmsi.tmsi, "\x01\x02\x03\x04", 4);
		break;
	default:
		CU_FAIL("no sample");
	}
}

static const char *const kind_names[AGW_NGAP_N_KINDS] = {
	"NGSetupRequest",
	"NGSetupResponse",
	"NGSetupFailure",
	"InitialUEMessage",
	"DownlinkNASTransport",
	"UplinkNASTransport",
	"InitialContextSetupRequest",
	"UEContextReleaseCommand",
	"UEContextReleaseComplete",
	"ErrorIndication",
};

/* ------------------------------------------------------------------ */
/* helpers                                                              */
/* ------------------------------------------------------------------ */

/* Decode a copy of exactly @p len octets (reads past it trip ASan/valgrind). */
static int
ngap_exact(const uint8_t *buf, size_t len)
{
	struct agw_ngap_msg m;
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	rc = agw_ngap_decode(copy, len, &m);
	free(copy);
	return rc;
}

static int
s1ap_exact(const uint8_t *buf, size_t len)
{
	struct agw_s1ap_msg m;
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	rc = agw_s1ap_decode(copy, len, &m);
	free(copy);
	return rc;
}

static int
name_matches(const char *corpus_name, const char *name)
{
	size_t n = strlen(name);

	return strncmp(corpus_name, name, n) == 0 &&
	       (corpus_name[n] == '\0' || corpus_name[n] == '/');
}

static int
octets_eq(const struct agw_ap_octets *a, const struct agw_ap_octets *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

/* Semantic comparisons (unused array entries and padding are not compared). */
static int
snssai_eq(const struct agw_ngap_snssai *a, const struct agw_ngap_snssai *b)
{
	return a->sst == b->sst && a->has_sd == b->has_sd &&
	       (!a->has_sd || memcmp(a->sd, b->sd, 3) == 0);
}

static int
plmn_slices_eq(const struct agw_ngap_plmn_slices *a, const struct agw_ngap_plmn_slices *b)
{
	if (memcmp(a->plmn.v, b->plmn.v, 3) != 0 || a->n_slices != b->n_slices)
		return 0;
	for (unsigned int i = 0; i < a->n_slices && i < AGW_NGAP_MAX_SLICES; i++)
		if (!snssai_eq(&a->slices[i], &b->slices[i]))
			return 0;
	return 1;
}

static int
ta_eq(const struct agw_ngap_ta *a, const struct agw_ngap_ta *b)
{
	if (memcmp(a->tac, b->tac, 3) != 0 || a->n_plmns != b->n_plmns)
		return 0;
	for (unsigned int i = 0; i < a->n_plmns && i < AGW_NGAP_MAX_PLMNS; i++)
		if (!plmn_slices_eq(&a->plmns[i], &b->plmns[i]))
			return 0;
	return 1;
}

static int
uli_eq(const struct agw_ngap_uli *a, const struct agw_ngap_uli *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type != AGW_NGAP_ULI_NR)
		return 1;
	return memcmp(a->nr_cgi.plmn.v, b->nr_cgi.plmn.v, 3) == 0 &&
	       a->nr_cgi.cell_id == b->nr_cgi.cell_id &&
	       memcmp(a->tai.plmn.v, b->tai.plmn.v, 3) == 0 &&
	       memcmp(a->tai.tac, b->tai.tac, 3) == 0 && a->has_time_stamp == b->has_time_stamp &&
	       (!a->has_time_stamp || memcmp(a->time_stamp, b->time_stamp, 4) == 0);
}

static int
guami_eq(const struct agw_ngap_guami *a, const struct agw_ngap_guami *b)
{
	return memcmp(a->plmn.v, b->plmn.v, 3) == 0 && a->region_id == b->region_id &&
	       a->set_id == b->set_id && a->pointer == b->pointer;
}

static int
s_tmsi_eq(const struct agw_ngap_5g_s_tmsi *a, const struct agw_ngap_5g_s_tmsi *b)
{
	return a->set_id == b->set_id && a->pointer == b->pointer &&
	       memcmp(a->tmsi, b->tmsi, 4) == 0;
}

static int
ue_sec_cap_eq(const struct agw_ngap_ue_sec_cap *a, const struct agw_ngap_ue_sec_cap *b)
{
	return a->nr_enc == b->nr_enc && a->nr_int == b->nr_int && a->eutra_enc == b->eutra_enc &&
	       a->eutra_int == b->eutra_int;
}

/* Field-by-field comparison of what was encoded and what was decoded. */
static void
check_same(const struct agw_ngap_msg *a, const struct agw_ngap_msg *b)
{
	uint32_t p = a->present;

	CU_ASSERT_EQUAL(a->pdu.type, b->pdu.type);
	CU_ASSERT_EQUAL(a->pdu.proc, b->pdu.proc);
	CU_ASSERT_EQUAL(a->pdu.crit, b->pdu.crit);
	CU_ASSERT_EQUAL(a->present, b->present);
	CU_ASSERT_EQUAL(b->n_skipped, 0);
	if (p & AGW_NGAP_HAS_RAN_UE_NGAP_ID)
		CU_ASSERT_EQUAL(a->ran_ue_id, b->ran_ue_id);
	if (p & AGW_NGAP_HAS_AMF_UE_NGAP_ID)
		CU_ASSERT_EQUAL(a->amf_ue_id, b->amf_ue_id);
	if (p & AGW_NGAP_HAS_NAS_PDU)
		CU_ASSERT(octets_eq(&a->nas_pdu, &b->nas_pdu));
	if (p & AGW_NGAP_HAS_USER_LOCATION_INFORMATION)
		CU_ASSERT(uli_eq(&a->uli, &b->uli));
	if (p & AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE)
		CU_ASSERT_EQUAL(a->rrc_cause, b->rrc_cause);
	if (p & AGW_NGAP_HAS_FIVEG_S_TMSI)
		CU_ASSERT(s_tmsi_eq(&a->s_tmsi, &b->s_tmsi));
	if (p & AGW_NGAP_HAS_CAUSE)
		CU_ASSERT(a->cause.group == b->cause.group && a->cause.value == b->cause.value);
	if (p & AGW_NGAP_HAS_GUAMI)
		CU_ASSERT(guami_eq(&a->guami, &b->guami));
	if (p & AGW_NGAP_HAS_SECURITY_KEY)
		AGW_ASSERT_MEM_EQ(b->security_key, a->security_key, 32);
	if (p & AGW_NGAP_HAS_UE_SECURITY_CAPABILITIES)
		CU_ASSERT(ue_sec_cap_eq(&a->ue_sec_cap, &b->ue_sec_cap));
	if (p & AGW_NGAP_HAS_ALLOWED_NSSAI) {
		CU_ASSERT_EQUAL(a->n_allowed_nssai, b->n_allowed_nssai);
		for (unsigned int i = 0; i < a->n_allowed_nssai && i < AGW_NGAP_MAX_SLICES; i++)
			CU_ASSERT(snssai_eq(&a->allowed_nssai[i], &b->allowed_nssai[i]));
	}
	if (p & AGW_NGAP_HAS_UE_NGAP_IDS)
		CU_ASSERT(a->ue_ids.type == b->ue_ids.type &&
			  a->ue_ids.amf_ue_id == b->ue_ids.amf_ue_id &&
			  (a->ue_ids.type != AGW_NGAP_UE_IDS_PAIR ||
			   a->ue_ids.ran_ue_id == b->ue_ids.ran_ue_id));
	if (p & AGW_NGAP_HAS_GLOBAL_RAN_NODE_ID)
		CU_ASSERT(a->ran_node.type == b->ran_node.type &&
			  a->ran_node.gnb_id == b->ran_node.gnb_id &&
			  a->ran_node.gnb_id_bits == b->ran_node.gnb_id_bits &&
			  memcmp(a->ran_node.plmn.v, b->ran_node.plmn.v, 3) == 0);
	if (p & AGW_NGAP_HAS_RAN_NODE_NAME)
		CU_ASSERT(octets_eq(&a->ran_node_name, &b->ran_node_name));
	if (p & AGW_NGAP_HAS_SUPPORTED_TA_LIST) {
		CU_ASSERT_EQUAL(a->n_tas, b->n_tas);
		for (unsigned int i = 0; i < a->n_tas && i < AGW_NGAP_MAX_TAS; i++)
			CU_ASSERT(ta_eq(&a->tas[i], &b->tas[i]));
	}
	if (p & AGW_NGAP_HAS_DEFAULT_PAGING_DRX)
		CU_ASSERT_EQUAL(a->paging_drx, b->paging_drx);
	if (p & AGW_NGAP_HAS_AMF_NAME)
		CU_ASSERT(octets_eq(&a->amf_name, &b->amf_name));
	if (p & AGW_NGAP_HAS_SERVED_GUAMI_LIST) {
		CU_ASSERT_EQUAL(a->n_guamis, b->n_guamis);
		for (unsigned int i = 0; i < a->n_guamis && i < AGW_NGAP_MAX_GUAMIS; i++)
			CU_ASSERT(guami_eq(&a->guamis[i], &b->guamis[i]));
	}
	if (p & AGW_NGAP_HAS_RELATIVE_AMF_CAPACITY)
		CU_ASSERT_EQUAL(a->relative_amf_capacity, b->relative_amf_capacity);
	if (p & AGW_NGAP_HAS_PLMN_SUPPORT_LIST) {
		CU_ASSERT_EQUAL(a->n_plmn_support, b->n_plmn_support);
		for (unsigned int i = 0; i < a->n_plmn_support && i < AGW_NGAP_MAX_PLMNS; i++)
			CU_ASSERT(plmn_slices_eq(&a->plmn_support[i], &b->plmn_support[i]));
	}
	if (p & AGW_NGAP_HAS_TIME_TO_WAIT)
		CU_ASSERT_EQUAL(a->time_to_wait, b->time_to_wait);
	if (p & AGW_NGAP_HAS_UE_CONTEXT_REQUEST)
		CU_ASSERT_EQUAL(a->ue_context_request, b->ue_context_request);
}

/* Every strict prefix fails (on an exact-size heap copy). */
static unsigned int
check_prefixes(const uint8_t *buf, size_t len, int s1ap, const char *what)
{
	for (size_t n = 0; n < len; n++) {
		int rc = s1ap ? s1ap_exact(buf, n) : ngap_exact(buf, n);

		if (rc >= 0) {
			fprintf(stderr, "\n  %s: prefix %zu of %zu decoded\n", what, n, len);
			CU_FAIL("a truncated message decoded");
			return (unsigned int)n;
		}
	}
	return (unsigned int)len;
}

/* Encode, decode, compare, re-encode identically, NO_SPACE for every short buffer. */
static long
roundtrip(const struct agw_ngap_msg *m, uint8_t *out, size_t cap)
{
	struct agw_ngap_msg d;
	uint8_t again[2048], small[2048];
	long len = agw_ngap_encode(m, out, cap), len2;
	int rc;

	if (len < 0)
		fprintf(stderr, "\n  encode %s: %s\n", agw_ngap_msg_name(m->pdu.type, m->pdu.proc),
			agw_proto_strerror((int)len));
	CU_ASSERT_FATAL(len > 0);
	rc = agw_ngap_decode(out, (size_t)len, &d);
	if (rc != 0)
		fprintf(stderr, "\n  decode %s: %s\n", agw_ngap_msg_name(m->pdu.type, m->pdu.proc),
			agw_proto_strerror(rc));
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	check_same(m, &d);
	len2 = agw_ngap_encode(&d, again, sizeof(again));
	CU_ASSERT_EQUAL(len2, len);
	if (len2 == len)
		AGW_ASSERT_MEM_EQ(again, out, (size_t)len);
	for (long c = 0; c < len; c++) {
		memset(small, 0x5a, sizeof(small));
		CU_ASSERT_EQUAL(agw_ngap_encode(m, small, (size_t)c), AGW_PROTO_E_NO_SPACE);
		for (size_t i = (size_t)c; i < sizeof(small); i++)
			if (small[i] != 0x5a) {
				CU_FAIL("encoder wrote past its capacity");
				break;
			}
	}
	check_prefixes(out, (size_t)len, 0, "encoded");
	return len;
}

/* ------------------------------------------------------------------ */
/* round trips                                                          */
/* ------------------------------------------------------------------ */

static void
rt_kind(enum agw_ngap_msg_kind k)
{
	struct agw_ngap_msg m;
	uint8_t buf[2048];

	fill_msg(&m, k);
	roundtrip(&m, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(agw_ngap_msg_name(m.pdu.type, m.pdu.proc), kind_names[k]);
}

static void
test_rt_ng_setup_request(void)
{
	rt_kind(AGW_NGAP_NG_SETUP_REQUEST);
}
static void
test_rt_ng_setup_response(void)
{
	rt_kind(AGW_NGAP_NG_SETUP_RESPONSE);
}
static void
test_rt_ng_setup_failure(void)
{
	rt_kind(AGW_NGAP_NG_SETUP_FAILURE);
}
static void
test_rt_initial_ue(void)
{
	rt_kind(AGW_NGAP_INITIAL_UE_MESSAGE);
}
static void
test_rt_dl_nas(void)
{
	rt_kind(AGW_NGAP_DOWNLINK_NAS_TRANSPORT);
}
static void
test_rt_ul_nas(void)
{
	rt_kind(AGW_NGAP_UPLINK_NAS_TRANSPORT);
}
static void
test_rt_ics_request(void)
{
	rt_kind(AGW_NGAP_INITIAL_CONTEXT_SETUP_REQUEST);
}
static void
test_rt_release_command(void)
{
	rt_kind(AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND);
}
static void
test_rt_release_complete(void)
{
	rt_kind(AGW_NGAP_UE_CONTEXT_RELEASE_COMPLETE);
}
static void
test_rt_error_indication(void)
{
	rt_kind(AGW_NGAP_ERROR_INDICATION);
}

/* Value ranges and variants: id widths, optional IEs absent, extension values. */
static void
test_rt_variants(void)
{
	static const uint64_t amf_ids[] = {
		0,	  0xff,	     0x100,	 0xffff,	 0x10000,
		0xffffff, 0x1000000, 0xffffffff, 0x100000000ULL, 0xffffffffffULL};
	struct agw_ngap_msg m;
	uint8_t buf[2048];

	for (size_t i = 0; i < sizeof(amf_ids) / sizeof(amf_ids[0]); i++) {
		fill_msg(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
		m.amf_ue_id = amf_ids[i];
		m.ran_ue_id = (uint32_t)amf_ids[i];
		roundtrip(&m, buf, sizeof(buf));
	}
	/* gNB ids of every width */
	for (uint8_t bits = 22; bits <= 32; bits++) {
		fill_msg(&m, AGW_NGAP_NG_SETUP_REQUEST);
		m.ran_node.gnb_id_bits = bits;
		m.ran_node.gnb_id = bits == 32 ? 0xffffffffu : (1u << bits) - 1;
		m.present &= ~AGW_NGAP_HAS_RAN_NODE_NAME;
		roundtrip(&m, buf, sizeof(buf));
	}
	/* optional IEs absent; AMF-only UE-NGAP-IDs; extension cause values */
	fill_msg(&m, AGW_NGAP_INITIAL_UE_MESSAGE);
	m.present &= ~(AGW_NGAP_HAS_FIVEG_S_TMSI | AGW_NGAP_HAS_UE_CONTEXT_REQUEST);
	m.rrc_cause = 11; /* mo-ExceptionData, an extension value */
	roundtrip(&m, buf, sizeof(buf));
	fill_msg(&m, AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND);
	m.ue_ids.type = AGW_NGAP_UE_IDS_AMF;
	m.ue_ids.ran_ue_id = 0;
	m.cause.group = AGW_NGAP_CAUSE_RADIO_NETWORK;
	m.cause.value = 46; /* release-due-to-pre-emption, extension */
	roundtrip(&m, buf, sizeof(buf));
	for (uint8_t g = 0; g < AGW_NGAP_CAUSE_EXT; g++) {
		static const uint8_t roots[] = {45, 2, 4, 7, 6};

		fill_msg(&m, AGW_NGAP_NG_SETUP_FAILURE);
		m.present &= ~AGW_NGAP_HAS_TIME_TO_WAIT;
		m.cause.group = g;
		m.cause.value = (uint8_t)(roots[g] - 1);
		roundtrip(&m, buf, sizeof(buf));
	}
	fill_msg(&m, AGW_NGAP_ERROR_INDICATION);
	m.present = 0; /* every IE optional */
	roundtrip(&m, buf, sizeof(buf));
	CU_ASSERT_EQUAL(buf[2], 0x40); /* procedure criticality ignore */
}

/* A NAS-PDU over 127 octets: two-octet length determinants (X.691 11.9.3.7). */
static void
test_rt_long_lengths(void)
{
	struct agw_ngap_msg m, d;
	uint8_t buf[2048];
	long len;

	fill_msg(&m, AGW_NGAP_DOWNLINK_NAS_TRANSPORT);
	len = roundtrip(&m, buf, sizeof(buf));
	/* PDU: 00 04 40 | open type length 0x81 0x..; NAS-PDU IE value 0x81 0x2f, octet string 0x81
	 * 0x2c */
	CU_ASSERT_EQUAL(buf[3] & 0xc0, 0x80);
	CU_ASSERT_EQUAL((size_t)((buf[3] & 0x3f) << 8 | buf[4]), (size_t)len - 5);
	CU_ASSERT_EQUAL_FATAL(agw_ngap_decode(buf, (size_t)len, &d), 0);
	CU_ASSERT_EQUAL(d.nas_pdu.p[-2], 0x81);
	CU_ASSERT_EQUAL(d.nas_pdu.p[-1], 0x2c);
	CU_ASSERT_EQUAL(d.nas_pdu.len, 300);
	/* 127 and 128 octets straddle the boundary */
	m.nas_pdu.len = 127;
	roundtrip(&m, buf, sizeof(buf));
	m.nas_pdu.len = 128;
	roundtrip(&m, buf, sizeof(buf));
}

/* ------------------------------------------------------------------ */
/* encoder limits                                                       */
/* ------------------------------------------------------------------ */

static void
test_encoder_errors(void)
{
	struct agw_ngap_msg m;
	uint8_t buf[2048];

	fill_msg(&m, AGW_NGAP_INITIAL_UE_MESSAGE);
	m.present &= ~AGW_NGAP_HAS_NAS_PDU;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_MISSING_IE);
	fill_msg(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.present |= AGW_NGAP_HAS_SECURITY_KEY; /* not an IE of this message */
	m.security_key = kgnb;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.amf_ue_id = 1ULL << 40;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.uli.type = AGW_NGAP_ULI_EUTRA;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	m.uli.type = AGW_NGAP_ULI_NR;
	m.uli.nr_cgi.cell_id = 1ULL << 36;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_REQUEST);
	m.ran_node.gnb_id_bits = 21;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	m.ran_node.gnb_id_bits = 22;
	m.ran_node.gnb_id = 1u << 22;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_REQUEST);
	m.ran_node_name.p = (const uint8_t *)"gnb_1"; /* '_' is not a PrintableString character */
	m.ran_node_name.len = 5;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_REQUEST);
	m.n_tas = 0;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_REQUEST);
	m.tas[0].plmns[0].n_slices = AGW_NGAP_MAX_SLICES + 1;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_RESPONSE);
	m.guamis[0].set_id = 1024;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_NG_SETUP_FAILURE);
	m.cause.group = AGW_NGAP_CAUSE_EXT;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	m.cause.group = AGW_NGAP_CAUSE_NAS;
	m.cause.value = 4 + 64; /* beyond a normally small extension index */
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_INITIAL_CONTEXT_SETUP_REQUEST);
	m.security_key = NULL;
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_BAD_VALUE);
	fill_msg(&m, AGW_NGAP_DOWNLINK_NAS_TRANSPORT);
	{
		static uint8_t huge[16384];

		m.nas_pdu.p = huge;
		m.nas_pdu.len = sizeof(huge); /* needs a fragmented length */
		CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_UNSUPPORTED);
	}
	fill_msg(&m, AGW_NGAP_ERROR_INDICATION);
	m.pdu.proc = 24; /* Paging: not built here */
	CU_ASSERT_EQUAL(agw_ngap_encode(&m, buf, sizeof(buf)), AGW_PROTO_E_UNSUPPORTED);
	CU_ASSERT_EQUAL(agw_ngap_msg_init(&m, AGW_NGAP_N_KINDS), AGW_PROTO_E_BAD_VALUE);
}

/* ------------------------------------------------------------------ */
/* IE container walker                                                  */
/* ------------------------------------------------------------------ */

/* ProtocolIE-Field: id, criticality, open type (test-side APER). */
static size_t
mk_ie(uint8_t *o, uint16_t id, uint8_t crit, const uint8_t *v, size_t n)
{
	size_t k = 0;

	o[k++] = (uint8_t)(id >> 8);
	o[k++] = (uint8_t)id;
	o[k++] = (uint8_t)(crit << 6);
	if (n < 128) {
		o[k++] = (uint8_t)n;
	} else {
		o[k++] = (uint8_t)(0x80 | n >> 8);
		o[k++] = (uint8_t)n;
	}
	memcpy(o + k, v, n);
	return k + n;
}

/* NGAP-PDU around a container of @p n_ies fields (plus @p extra octets). */
static size_t
mk_pdu(uint8_t *o, uint8_t type, uint8_t proc, uint8_t crit, const uint8_t *ies, size_t len,
       uint16_t n_ies, size_t extra)
{
	size_t vlen = 3 + len + extra, k = 0;

	o[k++] = (uint8_t)(type << 5);
	o[k++] = proc;
	o[k++] = (uint8_t)(crit << 6);
	if (vlen < 128) {
		o[k++] = (uint8_t)vlen;
	} else {
		o[k++] = (uint8_t)(0x80 | vlen >> 8);
		o[k++] = (uint8_t)vlen;
	}
	o[k++] = extra ? 0x80 : 0x00;
	o[k++] = (uint8_t)(n_ies >> 8);
	o[k++] = (uint8_t)n_ies;
	memcpy(o + k, ies, len);
	memset(o + k + len, 0, extra);
	return k + len + extra;
}

/* UplinkNASTransport IEs: AMF id 5, RAN id 6, NAS-PDU, ULI (NR). */
static size_t
ul_nas_ies(uint8_t *o)
{
	static const uint8_t amf[] = {0x00, 0x05}, ran[] = {0x00, 0x06};
	static const uint8_t nas[] = {0x04, 0x7e, 0x00, 0x57, 0x2d};
	static const uint8_t uli[] = {0x40, 0x00, 0xf1, 0x10, 0x00, 0x00, 0x00, 0x00,
				      0x10, 0x00, 0xf1, 0x10, 0x00, 0x00, 0x75};
	size_t k = 0;

	k += mk_ie(o + k, AGW_NGAP_ID_AMF_UE_NGAP_ID, AGW_AP_REJECT, amf, sizeof(amf));
	k += mk_ie(o + k, AGW_NGAP_ID_RAN_UE_NGAP_ID, AGW_AP_REJECT, ran, sizeof(ran));
	k += mk_ie(o + k, AGW_NGAP_ID_NAS_PDU, AGW_AP_REJECT, nas, sizeof(nas));
	k += mk_ie(o + k, AGW_NGAP_ID_USER_LOCATION_INFORMATION, AGW_AP_IGNORE, uli, sizeof(uli));
	return k;
}

static void
test_walker_basic(void)
{
	uint8_t ies[512], pdu[600];
	size_t il = ul_nas_ies(ies),
	       pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 4, 0);
	struct agw_ngap_msg m;
	struct agw_ap_pdu p;
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	uint64_t amf;
	uint32_t ran;
	int n = 0;

	CU_ASSERT_EQUAL_FATAL(agw_ngap_decode(pdu, pl, &m), 0);
	CU_ASSERT_EQUAL(m.amf_ue_id, 5);
	CU_ASSERT_EQUAL(m.ran_ue_id, 6);
	CU_ASSERT_EQUAL(m.nas_pdu.len, 4);
	CU_ASSERT_EQUAL(m.uli.nr_cgi.cell_id, 1);
	CU_ASSERT_EQUAL(m.uli.tai.tac[2], 0x75);
	/* the generic walker and the typed accessors */
	CU_ASSERT_EQUAL_FATAL(agw_ap_pdu_decode(pdu, pl, &p), 0);
	CU_ASSERT_EQUAL(p.n_ies, 4);
	agw_ap_ie_iter_init(&it, &p);
	while (agw_ap_ie_next(&it, &ie) == 1) {
		n++;
		if (ie.id == AGW_NGAP_ID_AMF_UE_NGAP_ID) {
			CU_ASSERT_EQUAL(agw_ngap_ie_amf_ue_id(&ie, &amf), 0);
			CU_ASSERT_EQUAL(amf, 5);
			CU_ASSERT_EQUAL(agw_ngap_ie_ran_ue_id(&ie, &ran), AGW_PROTO_E_UNKNOWN_TYPE);
		}
	}
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(agw_ap_ie_find(&p, AGW_NGAP_ID_RAN_UE_NGAP_ID, &ie), 1);
	CU_ASSERT_EQUAL(agw_ngap_ie_ran_ue_id(&ie, &ran), 0);
	CU_ASSERT_EQUAL(ran, 6);
	CU_ASSERT_EQUAL(agw_ap_ie_find(&p, AGW_NGAP_ID_SECURITY_KEY, &ie), 0);
}

static void
test_walker_criticality(void)
{
	static const uint8_t junk[] = {0xde, 0xad, 0xbe, 0xef};
	uint8_t ies[512], pdu[600];
	struct agw_ngap_msg m;
	struct agw_s1ap_msg s;
	size_t il, pl;

	/* an id TS 38.413 does not define (400): reject -> error, ignore/notify -> skipped */
	for (uint8_t crit = 0; crit < 3; crit++) {
		il = ul_nas_ies(ies);
		il += mk_ie(ies + il, 400, crit, junk, sizeof(junk));
		pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 5, 0);
		if (crit == AGW_AP_REJECT) {
			CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_UNKNOWN_TYPE);
		} else {
			CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), 0);
			CU_ASSERT_EQUAL(m.n_skipped, 1);
			CU_ASSERT_EQUAL(m.nas_pdu.len, 4);
		}
	}
	/* a defined id that is not typed here (AMFSetID 3, W-AGF identity 239) is skipped even with
	 * reject */
	il = ul_nas_ies(ies);
	il += mk_ie(ies + il, 3, AGW_AP_REJECT, junk, 2);
	il += mk_ie(ies + il, AGW_NGAP_IE_ID_MAX, AGW_AP_REJECT, junk, sizeof(junk));
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 6, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), 0);
	CU_ASSERT_EQUAL(m.n_skipped, 2);
	/* the same typed IE twice */
	il = ul_nas_ies(ies);
	il += mk_ie(ies + il, AGW_NGAP_ID_RAN_UE_NGAP_ID, AGW_AP_REJECT,
		    (const uint8_t *)"\x00\x07", 2);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 5, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_BAD_VALUE);
	/* criticality 3 in an IE and in the PDU */
	il = ul_nas_ies(ies);
	ies[2] = 0xc0;
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_BAD_VALUE);
	il = ul_nas_ies(ies);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, 3, ies, il, 4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_BAD_VALUE);
	/* missing mandatory IE (3 of the 4) */
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il - 19, 3, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_MISSING_IE);
	/* S1AP: id beyond TS 36.413 with reject */
	il = mk_ie(ies, 26, AGW_AP_REJECT, (const uint8_t *)"\x02\x07\x45", 3);
	il += mk_ie(ies + il, 344, AGW_AP_REJECT, junk, 1);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 13, AGW_AP_IGNORE, ies, il, 2, 0);
	CU_ASSERT_EQUAL(agw_s1ap_decode(pdu, pl, &s), AGW_PROTO_E_UNKNOWN_TYPE);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 13, AGW_AP_IGNORE, ies, il, 1, 7);
	CU_ASSERT_EQUAL(agw_s1ap_decode(pdu, pl, &s),
			0); /* ext bit: additions after the container */
	CU_ASSERT_EQUAL(s.nas_pdu.len, 2);
}

static void
test_walker_lengths(void)
{
	uint8_t ies[1024], pdu[1100], big[400];
	struct agw_ngap_msg m;
	size_t il, pl;

	/* an unknown IE of 300 octets (two-octet length) is skipped by its length */
	memset(big, 0x77, sizeof(big));
	il = ul_nas_ies(ies);
	il += mk_ie(ies + il, 401, AGW_AP_IGNORE, big, 300);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 5, 0);
	CU_ASSERT_EQUAL(pdu[3], 0x81); /* outer length 0x81 xx */
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), 0);
	CU_ASSERT_EQUAL(m.n_skipped, 1);
	check_prefixes(pdu, pl, 0, "long IE");
	/* fragmented length determinant (11xxxxxx) in that IE, and in the PDU */
	pdu[pl - 300 - 2] = 0xc1;
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_UNSUPPORTED);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 5, 0);
	pdu[3] = 0xc1;
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_UNSUPPORTED);
	/* octets after the last IE (extension bit clear), and after the PDU */
	il = ul_nas_ies(ies);
	ies[il++] = 0;
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_TRAILING);
	il--;
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 4, 0);
	pdu[pl] = 0;
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl + 1, &m), AGW_PROTO_E_TRAILING);
	/* a typed IE with an octet too many inside its open type */
	il = mk_ie(ies, AGW_NGAP_ID_RAN_UE_NGAP_ID, AGW_AP_IGNORE, (const uint8_t *)"\x00\x07\x00",
		   3);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 9, AGW_AP_IGNORE, ies, il, 1, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_TRAILING);
	/* fewer IEs than the count says */
	il = ul_nas_ies(ies);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, 46, AGW_AP_IGNORE, ies, il, 5, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_TRUNCATED);
	/* PDU CHOICE: index 3, extension; PrivateMessage */
	pl = mk_pdu(pdu, 3, 46, AGW_AP_IGNORE, ies, il, 4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_BAD_VALUE);
	pdu[0] = 0x80;
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_UNSUPPORTED);
	pl = mk_pdu(pdu, AGW_AP_INITIATING, AGW_NGAP_PROC_PRIVATE_MESSAGE, AGW_AP_IGNORE, ies, il,
		    4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), AGW_PROTO_E_UNSUPPORTED);
	/* unknown procedure: generic decode, IEs skipped or typed */
	pl = mk_pdu(pdu, AGW_AP_SUCCESSFUL, 200, AGW_AP_IGNORE, ies, il, 4, 0);
	CU_ASSERT_EQUAL(agw_ngap_decode(pdu, pl, &m), 0);
	CU_ASSERT_EQUAL(m.pdu.proc, 200);
	CU_ASSERT_PTR_NULL(agw_ngap_msg_name(AGW_AP_SUCCESSFUL, 200));
}

/* ------------------------------------------------------------------ */
/* real corpus                                                          */
/* ------------------------------------------------------------------ */

/* Cross-check the typed accessors against the message decoder on every IE. */
static void
check_accessors(const struct agw_ngap_msg *m)
{
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	struct agw_ap_octets nas;
	struct agw_ngap_uli uli;
	struct agw_ngap_cause cause;
	struct agw_ngap_guami guami;
	struct agw_ngap_5g_s_tmsi tmsi;
	struct agw_ngap_ue_sec_cap cap;
	const uint8_t *key;
	uint64_t amf;
	uint32_t ran;

	agw_ap_ie_iter_init(&it, &m->pdu);
	while (agw_ap_ie_next(&it, &ie) == 1) {
		switch (ie.id) {
		case AGW_NGAP_ID_RAN_UE_NGAP_ID:
			CU_ASSERT(agw_ngap_ie_ran_ue_id(&ie, &ran) == 0 && ran == m->ran_ue_id);
			break;
		case AGW_NGAP_ID_AMF_UE_NGAP_ID:
			CU_ASSERT(agw_ngap_ie_amf_ue_id(&ie, &amf) == 0 && amf == m->amf_ue_id);
			break;
		case AGW_NGAP_ID_NAS_PDU:
			CU_ASSERT(agw_ngap_ie_nas_pdu(&ie, &nas) == 0 &&
				  octets_eq(&nas, &m->nas_pdu));
			break;
		case AGW_NGAP_ID_USER_LOCATION_INFORMATION:
			CU_ASSERT(agw_ngap_ie_uli(&ie, &uli) == 0 && uli_eq(&uli, &m->uli));
			break;
		case AGW_NGAP_ID_CAUSE:
			CU_ASSERT(agw_ngap_ie_cause(&ie, &cause) == 0 &&
				  cause.group == m->cause.group && cause.value == m->cause.value);
			break;
		case AGW_NGAP_ID_GUAMI:
			CU_ASSERT(agw_ngap_ie_guami(&ie, &guami) == 0 &&
				  guami_eq(&guami, &m->guami));
			break;
		case AGW_NGAP_ID_FIVEG_S_TMSI:
			CU_ASSERT(agw_ngap_ie_5g_s_tmsi(&ie, &tmsi) == 0 &&
				  s_tmsi_eq(&tmsi, &m->s_tmsi));
			break;
		case AGW_NGAP_ID_SECURITY_KEY:
			CU_ASSERT(agw_ngap_ie_security_key(&ie, &key) == 0 &&
				  key == m->security_key);
			break;
		case AGW_NGAP_ID_UE_SECURITY_CAPABILITIES:
			CU_ASSERT(agw_ngap_ie_ue_sec_cap(&ie, &cap) == 0 &&
				  ue_sec_cap_eq(&cap, &m->ue_sec_cap));
			break;
		default:
			break;
		}
	}
}

static void
test_corpus_decode_all(void)
{
	unsigned int n_ngap = 0, n_s1ap = 0, n_nas = 0, n_unclean_ok = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		const char *name;
		int rc;

		if (strcmp(e->proto, "ngap") == 0) {
			struct agw_ngap_msg m;

			rc = agw_ngap_decode(e->data, e->len, &m);
			if (!e->tshark_clean) {
				n_unclean_ok += rc == 0;
				continue;
			}
			name = rc == 0 ? agw_ngap_msg_name(m.pdu.type, m.pdu.proc) : NULL;
			if (rc != 0 || name == NULL || !name_matches(e->name, name))
				fprintf(stderr, "\n  %s (frame %d, %s): rc %s, decoded as %s\n",
					e->name, e->pcap_frame, e->source, agw_proto_strerror(rc),
					name ? name : "?");
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT(name != NULL && name_matches(e->name, name));
			if (rc == 0) {
				check_accessors(&m);
				n_nas += (m.present & AGW_NGAP_HAS_NAS_PDU) != 0;
				/* "X/NAS message" entries carry a NAS-PDU (top level or in a list)
				 */
				if (strchr(e->name, '/') != NULL &&
				    !(m.present & AGW_NGAP_HAS_NAS_PDU))
					CU_ASSERT(m.n_skipped > 0);
			}
			n_ngap++;
		} else if (strcmp(e->proto, "s1ap") == 0 && e->tshark_clean) {
			struct agw_s1ap_msg m;

			rc = agw_s1ap_decode(e->data, e->len, &m);
			name = rc == 0 ? agw_s1ap_msg_name(m.pdu.type, m.pdu.proc) : NULL;
			if (rc != 0 || name == NULL || !name_matches(e->name, name))
				fprintf(stderr, "\n  %s (frame %d, %s): rc %s, decoded as %s\n",
					e->name, e->pcap_frame, e->source, agw_proto_strerror(rc),
					name ? name : "?");
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT(name != NULL && name_matches(e->name, name));
			n_s1ap++;
		}
	}
	CU_ASSERT_EQUAL(n_ngap, 143);
	CU_ASSERT_EQUAL(n_s1ap, 76);
	printf("\n    %u NGAP (%u with NAS-PDU), %u S1AP decoded; %u/3 tshark-unclean NGAP also "
	       "decode ",
	       n_ngap, n_nas, n_s1ap, n_unclean_ok);
}

static const struct agw_real_msg *
by_frame(int frame)
{
	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++)
		if (agw_real_msgs[i].pcap_frame == frame)
			return &agw_real_msgs[i];
	return NULL;
}

/*
 * Exact values read with tshark 4.0:
 *   tshark -r test/vectors/real-signalling.pcap -Y frame.number==N -V
 */
static void
test_corpus_golden(void)
{
	static const uint8_t key12[32] = {0x50, 0x63, 0x6e, 0x38, 0x15, 0x1d, 0x62, 0x35,
					  0x6d, 0x9a, 0x1a, 0x0c, 0x9f, 0x23, 0x91, 0x88,
					  0x51, 0x77, 0x30, 0x7a, 0xd4, 0x94, 0xbe, 0x15,
					  0x28, 0x1d, 0xfe, 0x5f, 0xda, 0xc0, 0x63, 0x02};
	const struct agw_real_msg *e;
	struct agw_ngap_msg m;
	struct agw_s1ap_msg s;

	/* frame 4: srsRAN_4G lib/test/asn1/ngap_test.cc line 161, test_init_ue_msg() */
	e = by_frame(4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL_FATAL(agw_ngap_decode(e->data, e->len, &m), 0);
	CU_ASSERT_EQUAL(m.pdu.proc, 15);
	CU_ASSERT_EQUAL(m.ran_ue_id, 1);
	CU_ASSERT_EQUAL(m.nas_pdu.len, 124);
	CU_ASSERT(m.nas_pdu.p[0] == 0x7e && m.nas_pdu.p[1] == 0x00 && m.nas_pdu.p[2] == 0x41);
	CU_ASSERT_EQUAL(m.rrc_cause, 3); /* mo-Signalling */
	CU_ASSERT_EQUAL(m.uli.type, AGW_NGAP_ULI_NR);
	CU_ASSERT_EQUAL(m.uli.nr_cgi.cell_id, 1);
	CU_ASSERT_EQUAL(m.uli.tai.tac[2], 117);
	AGW_ASSERT_MEM_EQ(m.uli.tai.plmn.v, "\x00\xf1\x10", 3);

	/* frame 6: srsRAN_4G lib/test/asn1/ngap_test.cc line 231, test_dl_nas_transport2() */
	e = by_frame(6);
	CU_ASSERT_EQUAL_FATAL(agw_ngap_decode(e->data, e->len, &m), 0);
	CU_ASSERT_EQUAL(m.pdu.proc, 4);
	CU_ASSERT_EQUAL(m.amf_ue_id, 12948813776ULL); /* 5-octet AMF-UE-NGAP-ID */
	CU_ASSERT_EQUAL(m.ran_ue_id, 1);
	CU_ASSERT_EQUAL(m.nas_pdu.len, 42);

	/* frame 12: srsRAN_Project tests/unittests/ngap/ngap_asn1_packer_test,
	 * InitialContextSetupRequest */
	e = by_frame(12);
	CU_ASSERT_EQUAL_FATAL(agw_ngap_decode(e->data, e->len, &m), 0);
	CU_ASSERT_EQUAL(m.pdu.proc, 14);
	CU_ASSERT_EQUAL(m.amf_ue_id, 12);
	CU_ASSERT_EQUAL(m.ran_ue_id, 0);
	CU_ASSERT_EQUAL(m.nas_pdu.len, 46);
	CU_ASSERT(m.guami.region_id == 2 && m.guami.set_id == 1 && m.guami.pointer == 0);
	CU_ASSERT(m.ue_sec_cap.nr_enc == 0xc000 && m.ue_sec_cap.nr_int == 0xc000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m.security_key);
	AGW_ASSERT_MEM_EQ(m.security_key, key12, 32);

	/* frame 237: pycrate test/res/s1ap_pcapr.json, frame 2 of iphone6, DownlinkNASTransport */
	e = by_frame(237);
	CU_ASSERT_EQUAL_FATAL(agw_s1ap_decode(e->data, e->len, &s), 0);
	CU_ASSERT_EQUAL(s.pdu.proc, 11);
	CU_ASSERT_EQUAL(s.mme_ue_id, 211);
	CU_ASSERT_EQUAL(s.enb_ue_id, 1);
	CU_ASSERT_EQUAL(s.nas_pdu.len, 36);
	CU_ASSERT_EQUAL(s.nas_pdu.p[0], 0x07);
}

/*
 * Golden encoder test: a corpus message of a kind the encoder builds, with
 * only typed IEs, re-encodes to the very octets srsRAN/free5gc/open5gs
 * produced. Messages whose typed IEs carry nested iE-Extensions (Rel-16
 * cases) come out shorter, since nested extensions are not kept.
 */
static void
test_corpus_reencode(void)
{
	static uint8_t buf[8192];
	unsigned int n_cand = 0, n_same = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		struct agw_ngap_msg m;
		long len;

		if (strcmp(e->proto, "ngap") != 0 || !e->tshark_clean ||
		    agw_ngap_decode(e->data, e->len, &m) != 0 || m.n_skipped != 0)
			continue;
		len = agw_ngap_encode(&m, buf, sizeof(buf));
		if (len < 0)
			continue; /* not a kind the encoder builds */
		n_cand++;
		if ((size_t)len == e->len && memcmp(buf, e->data, e->len) == 0) {
			n_same++;
			continue;
		}
		if ((size_t)len >= e->len)
			fprintf(stderr,
				"\n  %s (frame %d, %s): re-encoded to %ld octets, not %zu\n",
				e->name, e->pcap_frame, e->source, len, e->len);
		CU_ASSERT((size_t)len < e->len);
	}
	CU_ASSERT(n_same >= 56);
	printf("\n    %u of %u corpus messages re-encode byte for byte ", n_same, n_cand);
}

static void
test_corpus_truncation(void)
{
	unsigned long n_prefix = 0;
	unsigned int n_msgs = 0;

	for (size_t i = 0; i < AGW_REAL_MSGS_N; i++) {
		const struct agw_real_msg *e = &agw_real_msgs[i];
		int s1ap = strcmp(e->proto, "s1ap") == 0;

		if ((!s1ap && strcmp(e->proto, "ngap") != 0) || !e->tshark_clean)
			continue;
		CU_ASSERT_EQUAL(s1ap ? s1ap_exact(e->data, e->len) : ngap_exact(e->data, e->len),
				0);
		n_prefix += check_prefixes(e->data, e->len, s1ap, e->source);
		n_msgs++;
	}
	printf("\n    %u messages, %lu truncated prefixes rejected ", n_msgs, n_prefix);
}

/* ------------------------------------------------------------------ */
/* tshark                                                               */
/* ------------------------------------------------------------------ */

/* Fields tshark must show for the encoded messages. */
static void
check_tshark_values(const char *path, const struct agw_ngap_msg *msgs, int n)
{
	static char lines[32][1024];
	char col[1024], want[64];
	int nl = net_tshark_fields(
		path,
		"-e ngap.AMF_UE_NGAP_ID -e ngap.RAN_UE_NGAP_ID -e ngap.NAS_PDU "
		"-e ngap.SecurityKey -e ngap.RRCEstablishmentCause -e ngap.gNB_ID",
		lines, 32);

	CU_ASSERT_EQUAL_FATAL(nl, n);
	for (int i = 0; i < n; i++) {
		const struct agw_ngap_msg *m = &msgs[i];
		uint64_t amf =
			m->present & AGW_NGAP_HAS_UE_NGAP_IDS ? m->ue_ids.amf_ue_id : m->amf_ue_id;

		if (m->present & (AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_UE_NGAP_IDS)) {
			net_tshark_col(lines[i], 1, col, sizeof(col));
			snprintf(want, sizeof(want), "%llu", (unsigned long long)amf);
			CU_ASSERT_STRING_EQUAL(col, want);
		}
		if (m->present & AGW_NGAP_HAS_RAN_UE_NGAP_ID) {
			net_tshark_col(lines[i], 2, col, sizeof(col));
			snprintf(want, sizeof(want), "%u", m->ran_ue_id);
			CU_ASSERT_STRING_EQUAL(col, want);
		}
		if (m->present & AGW_NGAP_HAS_NAS_PDU) {
			int same = 1;

			net_tshark_col(lines[i], 3, col, sizeof(col));
			CU_ASSERT_EQUAL(strlen(col), 2 * m->nas_pdu.len);
			for (size_t j = 0; same && j < m->nas_pdu.len && 2 * j + 1 < strlen(col);
			     j++) {
				snprintf(want, sizeof(want), "%02x", m->nas_pdu.p[j]);
				same = strncmp(col + 2 * j, want, 2) == 0;
			}
			CU_ASSERT(same);
		}
		if (m->present & AGW_NGAP_HAS_SECURITY_KEY) {
			net_tshark_col(lines[i], 4, col, sizeof(col));
			CU_ASSERT_EQUAL(strlen(col), 64);
			CU_ASSERT(strncmp(col, "000102030405", 12) == 0);
		}
		if (m->present & AGW_NGAP_HAS_RRC_ESTABLISHMENT_CAUSE) {
			net_tshark_col(lines[i], 5, col, sizeof(col));
			snprintf(want, sizeof(want), "%u", m->rrc_cause);
			CU_ASSERT_STRING_EQUAL(col, want);
		}
		if (m->present & AGW_NGAP_HAS_GLOBAL_RAN_NODE_ID) {
			net_tshark_col(lines[i], 6, col, sizeof(col));
			CU_ASSERT_STRING_EQUAL(col, "00066c"); /* 0x19b in 22 bits, left-aligned */
		}
	}
}

static void
test_tshark_encoded(void)
{
	static struct agw_ngap_msg msgs[AGW_NGAP_N_KINDS + 2];
	static uint8_t pdu[4096], frame[4096];
	struct net_tshark_row rows[32];
	struct agw_net_hdrs h;
	const char *path = "ngap_tshark.pcap";
	char expect_proc[8];
	FILE *pf;
	int n = 0, nr, n_ok = 0;

	if (!net_tshark_present())
		CU_FAIL_FATAL("tshark not found: install it (apt-get install tshark) to check the "
			      "encoders");
	for (int k = 0; k < AGW_NGAP_N_KINDS; k++)
		fill_msg(&msgs[n++], (enum agw_ngap_msg_kind)k);
	/* extension enumerations and AMF-only ids */
	fill_msg(&msgs[n], AGW_NGAP_UE_CONTEXT_RELEASE_COMMAND);
	msgs[n].ue_ids.type = AGW_NGAP_UE_IDS_AMF;
	msgs[n].cause.group = AGW_NGAP_CAUSE_RADIO_NETWORK;
	msgs[n++].cause.value = 46;
	fill_msg(&msgs[n], AGW_NGAP_INITIAL_UE_MESSAGE);
	msgs[n++].rrc_cause = 11;

	memset(&h, 0, sizeof(h));
	memcpy(h.dst_mac, "\x02\x00\x00\x00\x00\x01", 6);
	memcpy(h.src_mac, "\x02\x00\x00\x00\x00\x02", 6);
	h.ip_version = 4;
	memcpy(h.src_ip, "\x0a\x00\x00\x02", 4);
	memcpy(h.dst_ip, "\x0a\x00\x00\x01", 4);
	h.sport = 38412;
	h.dport = 38412;
	h.vtag = 0x01020304;
	pf = agw_pcap_open(path, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf);
	for (int i = 0; i < n; i++) {
		long pl = agw_ngap_encode(&msgs[i], pdu, sizeof(pdu)), fl;
		struct agw_sctp_data d = {AGW_SCTP_DATA_COMPLETE,
					  (uint32_t)i + 1,
					  1,
					  (uint16_t)i,
					  AGW_SCTP_PPID_NGAP,
					  pdu,
					  0};

		CU_ASSERT_FATAL(pl > 0);
		d.payload_len = (size_t)pl;
		fl = agw_net_build_sctp(&h, &d, 1, frame, sizeof(frame));
		CU_ASSERT_FATAL(fl > 0);
		CU_ASSERT_EQUAL(agw_pcap_write(pf, frame, (uint32_t)fl, (uint32_t)i), 0);
	}
	fclose(pf);
	nr = net_tshark_run(path, rows, 32);
	CU_ASSERT_EQUAL_FATAL(nr, n);
	for (int i = 0; i < n; i++) {
		const struct net_tshark_row *r = &rows[i];
		const char *name = agw_ngap_msg_name(msgs[i].pdu.type, msgs[i].pdu.proc);
		size_t nl = strlen(name);
		int ok;

		snprintf(expect_proc, sizeof(expect_proc), "%u", msgs[i].pdu.proc);
		ok = strncmp(r->info, name, nl) == 0 &&
		     (r->info[nl] == '\0' || r->info[nl] == ',' || r->info[nl] == ' ' ||
		      r->info[nl] == '[') &&
		     strstr(r->info, "Malformed") == NULL && !net_tshark_has_error(r) &&
		     strcmp(r->ngap_proc, expect_proc) == 0 && strcmp(r->sctp_csum, "1") == 0 &&
		     strcmp(r->ip_csum, "1") == 0;
		if (!ok)
			fprintf(stderr,
				"\n  tshark frame %u (%s): info=%s proc=%s expert=%s sctp=%s "
				"ip=%s\n",
				r->frame, name, r->info, r->ngap_proc, r->severity, r->sctp_csum,
				r->ip_csum);
		CU_ASSERT(ok);
		n_ok += ok;
	}
	check_tshark_values(path, msgs, n);
	printf("\n    tshark: %d of %d encoded NGAP frames clean, names and values match ", n_ok,
	       n);
}

int
main(void)
{
	static CU_TestInfo rt[] = {
		{"NGSetupRequest", test_rt_ng_setup_request},
		{"NGSetupResponse", test_rt_ng_setup_response},
		{"NGSetupFailure", test_rt_ng_setup_failure},
		{"InitialUEMessage", test_rt_initial_ue},
		{"DownlinkNASTransport", test_rt_dl_nas},
		{"UplinkNASTransport", test_rt_ul_nas},
		{"InitialContextSetupRequest", test_rt_ics_request},
		{"UEContextReleaseCommand", test_rt_release_command},
		{"UEContextReleaseComplete", test_rt_release_complete},
		{"ErrorIndication", test_rt_error_indication},
		{"value ranges and variants", test_rt_variants},
		{"length determinants >= 128", test_rt_long_lengths},
		{"encoder errors", test_encoder_errors},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo walker[] = {
		{"walker and typed accessors", test_walker_basic},
		{"criticality, duplicates, missing IEs", test_walker_criticality},
		{"lengths, trailing octets, CHOICE errors", test_walker_lengths},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo corpus[] = {
		{"every tshark-clean NGAP/S1AP message", test_corpus_decode_all},
		{"golden field values (tshark)", test_corpus_golden},
		{"re-encode to the same octets", test_corpus_reencode},
		{"truncation at every length", test_corpus_truncation},
		CU_TEST_INFO_NULL,
	};
	static CU_TestInfo ts[] = {
		{"encoded messages dissect cleanly", test_tshark_encoded},
		CU_TEST_INFO_NULL,
	};
	static CU_SuiteInfo suites[] = {
		{"ngap_roundtrip", NULL, NULL, NULL, NULL, rt},
		{"ngap_ie_walker", NULL, NULL, NULL, NULL, walker},
		{"ngap_corpus", NULL, NULL, NULL, NULL, corpus},
		{"ngap_tshark", NULL, NULL, NULL, NULL, ts},
		CU_SUITE_INFO_NULL,
	};

	for (size_t i = 0; i < sizeof(nas_long); i++)
		nas_long[i] = (uint8_t)(i == 0 ? 0x7e : i == 1 ? 0x02 : i * 7);
	for (size_t i = 0; i < sizeof(kgnb); i++)
		kgnb[i] = (uint8_t)i;
	return agw_test_main(suites);
}
