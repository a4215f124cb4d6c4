/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * libFuzzer target: NGAP and S1AP PDU decode, the generic IE walker, every
 * typed accessor applied to every IE (whatever its id), and a round trip:
 * a decoded message the encoder supports must re-encode to octets that
 * decode and re-encode identically. The fast path's
 * agw_ngap_ue_nas_decode() must return what the generic walker and the
 * accessors find, error codes included.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agw_ngap.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static void
check_inside(const uint8_t *p, size_t len, const uint8_t *d, size_t n)
{
	if (len != 0 && (p < d || p + len > d + n))
		abort();
}

/* Every typed accessor on the IE's value, as if the IE had that id. */
static void
accessors(struct agw_ap_ie ie, const uint8_t *d, size_t n)
{
	struct agw_ap_octets nas;
	struct agw_ngap_uli uli;
	struct agw_ngap_cause cause;
	struct agw_ngap_guami guami;
	struct agw_ngap_5g_s_tmsi tmsi;
	struct agw_ngap_ue_sec_cap cap;
	const uint8_t *key;
	uint64_t amf;
	uint32_t ran;

	ie.id = AGW_NGAP_ID_RAN_UE_NGAP_ID;
	(void)agw_ngap_ie_ran_ue_id(&ie, &ran);
	ie.id = AGW_NGAP_ID_AMF_UE_NGAP_ID;
	if (agw_ngap_ie_amf_ue_id(&ie, &amf) == 0 && amf >> 40)
		abort();
	ie.id = AGW_NGAP_ID_NAS_PDU;
	if (agw_ngap_ie_nas_pdu(&ie, &nas) == 0)
		check_inside(nas.p, nas.len, d, n);
	ie.id = AGW_NGAP_ID_USER_LOCATION_INFORMATION;
	if (agw_ngap_ie_uli(&ie, &uli) == 0 && uli.nr_cgi.cell_id >> 36)
		abort();
	ie.id = AGW_NGAP_ID_CAUSE;
	(void)agw_ngap_ie_cause(&ie, &cause);
	ie.id = AGW_NGAP_ID_GUAMI;
	if (agw_ngap_ie_guami(&ie, &guami) == 0 && (guami.set_id >> 10 || guami.pointer >> 6))
		abort();
	ie.id = AGW_NGAP_ID_FIVEG_S_TMSI;
	(void)agw_ngap_ie_5g_s_tmsi(&ie, &tmsi);
	ie.id = AGW_NGAP_ID_SECURITY_KEY;
	if (agw_ngap_ie_security_key(&ie, &key) == 0)
		check_inside(key, 32, d, n);
	ie.id = AGW_NGAP_ID_UE_SECURITY_CAPABILITIES;
	(void)agw_ngap_ie_ue_sec_cap(&ie, &cap);
}

static void
walk(const uint8_t *d, size_t n)
{
	struct agw_ap_pdu pdu;
	struct agw_ap_ie_iter it;
	struct agw_ap_ie ie;
	unsigned int k = 0;

	if (agw_ap_pdu_decode(d, n, &pdu) != 0)
		return;
	check_inside(pdu.value.p, pdu.value.len, d, n);
	(void)agw_ngap_msg_name(pdu.type, pdu.proc);
	(void)agw_s1ap_msg_name(pdu.type, pdu.proc);
	agw_ap_ie_iter_init(&it, &pdu);
	while (agw_ap_ie_next(&it, &ie) == 1) {
		check_inside(ie.value.p, ie.value.len, d, n);
		accessors(ie, d, n);
		if (++k > pdu.n_ies)
			abort();
	}
}

static void
roundtrip(const struct agw_ngap_msg *m)
{
	static uint8_t a[70000], b[70000];
	struct agw_ngap_msg m2;
	long la, lb;

	la = agw_ngap_encode(m, a, sizeof(a));
	if (la < 0)
		return; /* lists beyond capacity, non-NR ULI, skipped IEs ... */
	if (agw_ngap_decode(a, (size_t)la, &m2) != 0)
		abort();
	lb = agw_ngap_encode(&m2, b, sizeof(b));
	if (lb != la || memcmp(a, b, (size_t)la) != 0)
		abort();
}

static int
ref_ie(const struct agw_ap_ie *ie, struct agw_ngap_ue_nas *r)
{
	switch (ie->id) {
	case AGW_NGAP_ID_AMF_UE_NGAP_ID:
		return agw_ngap_ie_amf_ue_id(ie, &r->amf_ue_ngap_id);
	case AGW_NGAP_ID_RAN_UE_NGAP_ID:
		return agw_ngap_ie_ran_ue_id(ie, &r->ran_ue_ngap_id);
	case AGW_NGAP_ID_NAS_PDU:
		return agw_ngap_ie_nas_pdu(ie, &r->nas);
	case AGW_NGAP_ID_FIVEG_S_TMSI:
		return agw_ngap_ie_5g_s_tmsi(ie, &r->stmsi);
	default:
		return 0;
	}
}

static void
fast_vs_generic(const uint8_t *d, size_t n)
{
	struct agw_ngap_ue_nas u, r;
	struct agw_ap_ie_iter it;
	struct agw_ap_pdu pdu;
	struct agw_ap_ie ie;
	int rc, rc_ref;

	memset(&r, 0, sizeof(r));
	rc = agw_ngap_ue_nas_decode(d, n, &u);
	rc_ref = agw_ap_pdu_decode(d, n, &pdu);
	if (rc_ref != 0) {
		if (rc != rc_ref)
			abort();
		return;
	}
	if (u.type != pdu.type || u.proc != pdu.proc)
		abort();
	if (pdu.type != AGW_AP_INITIATING ||
	    (pdu.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
	     pdu.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE &&
	     pdu.proc != AGW_NGAP_PROC_DOWNLINK_NAS_TRANSPORT &&
	     pdu.proc != AGW_NGAP_PROC_INITIAL_CONTEXT_SETUP)) {
		if (rc != 0)
			abort();
		return;
	}
	agw_ap_ie_iter_init(&it, &pdu);
	while ((rc_ref = agw_ap_ie_next(&it, &ie)) == 1)
		if ((rc_ref = ref_ie(&ie, &r)) != 0)
			break;
	if (rc_ref > 0)
		rc_ref = 0;
	if (rc != rc_ref)
		abort();
	if (rc == 0 && (u.nas.p != r.nas.p || u.nas.len != r.nas.len ||
			(u.has_amf_ue_id && u.amf_ue_ngap_id != r.amf_ue_ngap_id) ||
			(u.has_ran_ue_id && u.ran_ue_ngap_id != r.ran_ue_ngap_id)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct agw_ngap_msg m;
	struct agw_s1ap_msg s;

	if (agw_ngap_decode(d, n, &m) == 0) {
		if (m.present & AGW_NGAP_HAS_NAS_PDU)
			check_inside(m.nas_pdu.p, m.nas_pdu.len, d, n);
		roundtrip(&m);
	}
	if (agw_s1ap_decode(d, n, &s) == 0 && (s.present & AGW_S1AP_HAS_NAS_PDU))
		check_inside(s.nas_pdu.p, s.nas_pdu.len, d, n);
	walk(d, n);
	fast_vs_generic(d, n);
	return 0;
}
