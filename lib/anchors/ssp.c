/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Seed 000 MM security service procedures, run after the Security mode
 * complete with the UE's context in the fast path (spec 000 §4.10 S1005-
 * S1008, §5.2 partition, §5.4 order; T11-T24). The target identifier
 * (ssi.c) is walked in run order, one step at a time:
 *
 *  - a network-initiated entry is a step of its own: this AMF sends the
 *    procedure's first message (DH exchange: DH network key, Msg1; device
 *    authentication: Identity request for the IMEI) and waits for the UE's
 *    answer under the guard timer;
 *  - UE-initiated entries are announced in a Security service command (the
 *    UE MM security service identifier, private 5GMM 0x79): one entry per
 *    command with SEND_ONE_BY_ONE, else every UE-initiated entry up to the
 *    next network-initiated one in one command (T20). The UE starts them
 *    (DH UE key, Device authentication request); each gets its end message
 *    (DH network key, Device authentication result). The guard timer runs
 *    on the command until the last one ended; after each ending the
 *    command is rebuilt with what is left, so a retransmission asks only
 *    for that.
 *
 * When the last step ended, the Registration accept leaves (T13). A UE
 * that answers a step with 5GMM STATUS cannot run it (T38): a mandatory
 * entry rejects the registration with #23, optional ones are dropped. A
 * message of these procedures the state does not expect is counted and
 * dropped (T40). Every downlink message here leaves with a placeholder
 * security header for the worker (one owner per DL NAS COUNT).
 */
#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "anchors_priv.h"

void
anch_ssp_clear(struct anch_ssp *s)
{
	agw_memzero(s, sizeof(*s));
}

/* Index of the pending entry of the running step with @p code (and
 * initiator @p ue_init, or either when < 0), or -1. */
static int
ssp_find(const struct anch_ssp *s, uint8_t code, int ue_init)
{
	for (unsigned int i = s->next; i < s->step_end; i++)
		if ((s->pending & (1u << i)) && s->e[i].code == code &&
		    (ue_init < 0 || s->e[i].ue_init == ue_init))
			return (int)i;
	return -1;
}

/* The Security service command of the step's pending entries, into the
 * guarded-message buffer: the UE MM security service identifier, entries
 * in run order (ORDERED), all UE-initiated. */
static int
command_build(struct anch_ue *ue)
{
	const struct anch_ssp *s = &ue->ssp;
	struct agw_nas5g_ssi ssi = {.ordered = 1, .one_by_one = s->one_by_one};
	uint8_t v[1 + 2 * AGW_NAS5G_SSI_MAX];
	struct agw_wr w = agw_wr_init(v, sizeof(v));
	struct agw_nas_body b;

	for (unsigned int i = s->next; i < s->step_end; i++) {
		if (!(s->pending & (1u << i)))
			continue;
		ssi.e[ssi.n].code = s->e[i].code;
		ssi.e[ssi.n].ue_init = 1;
		ssi.e[ssi.n].mandatory = s->e[i].mandatory;
		ssi.n++;
	}
	if (agw_nas5g_ssi_encode(&ssi, AGW_NAS5G_SSI_MM, &w) != 0 || agw_wr_result(&w) <= 0)
		return -EINVAL;
	agw_nas_body_init(&b, agw_nas5g_desc(AGW_NAS5G_EPD_5GMM, AGW_NAS5G_MT_SEC_SVC_COMMAND));
	agw_nas_set(&b, AGW_NAS5G_F_MM_SSI, v, (uint16_t)agw_wr_result(&w));
	return anch_dl_build(ue, AGW_NAS5G_MT_SEC_SVC_COMMAND, &b);
}

static void
command_send(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	if (command_build(ue) != 0 || anch_dl_send(a, ue, AGW_NAS5G_SHT_INTEG_CIPH, 1, out) != 0) {
		a->stats[AGW_ANCHORS_EV_OUT_FULL]++;
		anch_ue_free(a, ue, out);
		return;
	}
	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_COMMAND, 0, out);
}

/* Start the step at ssp.next, or accept the registration after the last. */
static void
step_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	struct anch_ssp *s = &ue->ssp;
	const struct anch_ssp_entry *e;

	if (s->next >= s->n) {
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_COMPLETE, 0, out);
		anch_reg_accept(a, ue, out);
		return;
	}
	e = &s->e[s->next];
	s->step_end = (uint8_t)(s->next + 1);
	if (e->ue_init && !s->one_by_one)
		while (s->step_end < s->n && s->e[s->step_end].ue_init)
			s->step_end++;
	s->pending = (uint8_t)(((1u << s->step_end) - 1) & ~((1u << s->next) - 1));
	if (e->ue_init)
		command_send(a, ue, out);
	else if (e->code == AGW_STORE_SSP_DH)
		anch_ssp_dh_start(a, ue, out);
	else
		anch_ssp_devauth_start(a, ue, out);
}

void
anch_ssp_start(struct agw_anchors *a, struct anch_ue *ue, struct agw_anchors_out *out)
{
	ue->ssp.next = 0;
	step_start(a, ue, out);
}

void
anch_ssp_entry_done(struct agw_anchors *a, struct anch_ue *ue, unsigned int i,
		    struct agw_anchors_out *out)
{
	struct anch_ssp *s = &ue->ssp;

	s->pending &= (uint8_t) ~(1u << i);
	if (s->pending != 0) {
		/* the rest of the command, with a fresh timer */
		if (command_build(ue) == 0) {
			ue->retx = 0;
			anch_guard_start(a, ue);
		}
		return;
	}
	s->next = s->step_end;
	step_start(a, ue, out);
}

/* 5GMM STATUS while a step runs: the UE cannot run it (T38). */
static void
on_status(struct agw_anchors *a, struct anch_ue *ue, const struct agw_nas_body *b,
	  struct agw_anchors_out *out)
{
	const struct agw_nas_ie *c = agw_nas_get(b, AGW_NAS5G_F_MM_CAUSE);
	struct anch_ssp *s = &ue->ssp;

	anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_UE_UNSUPPORTED,
		   c != NULL && c->len == 1 ? c->v[0] : 0, out);
	agw_memzero(s->dh.priv, sizeof(s->dh.priv));
	for (unsigned int i = s->next; i < s->step_end; i++) {
		if ((s->pending & (1u << i)) && s->e[i].mandatory) {
			anch_reg_reject_protected(a, ue, AGW_ANCHORS_CAUSE_SEC_CAP_MISMATCH, out);
			return;
		}
	}
	for (unsigned int i = s->next; i < s->step_end; i++)
		if (s->pending & (1u << i))
			anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_OPTIONAL_DROPPED, s->e[i].code,
				   out);
	s->pending = 0;
	s->next = s->step_end;
	step_start(a, ue, out);
}

void
anch_ssp_ul(struct agw_anchors *a, struct anch_ue *ue, uint8_t type, const struct agw_nas_body *b,
	    struct agw_anchors_out *out)
{
	const struct anch_ssp *s = &ue->ssp;
	int i = -1;

	if (ue->state == AGW_ANCHORS_ST_WAIT_SSP) {
		switch (type) {
		case AGW_NAS5G_MT_DH_UE_KEY: /* Msg2: answer or UE start */
			i = ssp_find(s, AGW_STORE_SSP_DH, -1);
			if (i >= 0)
				anch_ssp_dh_on_ue_key(a, ue, (unsigned int)i, b, out);
			break;
		case AGW_NAS5G_MT_DEVICE_AUTH_REQUEST: /* Msg3 */
			i = ssp_find(s, AGW_STORE_SSP_DEVAUTH, 1);
			if (i >= 0)
				anch_ssp_devauth_on_id(a, ue, (unsigned int)i,
						       agw_nas_get(b, AGW_NAS5G_F_DEVICE_ID), out);
			break;
		case AGW_NAS5G_MT_IDENTITY_RESPONSE: /* network-initiated device auth. */
			i = ssp_find(s, AGW_STORE_SSP_DEVAUTH, 0);
			if (i >= 0)
				anch_ssp_devauth_on_id(a, ue, (unsigned int)i,
						       agw_nas_get(b, AGW_NAS5G_F_MOBILE_ID), out);
			break;
		case AGW_NAS5G_MT_STATUS_5GMM:
			on_status(a, ue, b, out);
			return;
		default:
			break;
		}
	}
	if (i < 0) /* T40: not expected now; the state stays as it is */
		anch_event(a, &ue->key, AGW_ANCHORS_EV_SSP_UNEXPECTED, 0, out);
}
