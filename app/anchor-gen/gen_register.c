/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen register: N UEs register through anchorgw over an AF_PACKET
 * socket on its net_tap interface, up to W at a time. Each UE computes its
 * side on its own and checks every answer; faults are injected on request
 * (wrong RES*, synch failure, MAC failure, unknown SUPI, forged Security
 * mode complete, mandatory security service, bad or absent IMEI, small-order
 * DH key) and each UE must end the way its fault predicts. Seed 000
 * procedures run as the network asks (reg_ue_ssp.c). With --dereg K the
 * first K UEs, once registered, deregister (UE originating) and must end
 * DEREGISTERED with a verified Deregistration accept. Prints one line per UE
 * and a summary of name=value lines; exit 0 when every UE ended as
 * predicted, else 1. Options and fault placement: gen_reg_opts.c (shared
 * with `anchor-gen subscribers`).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "agw_util.h"
#include "gen.h"
#include "gen_reg_opts.h"
#include "reg_gnb.h"
#include "reg_link.h"
#include "reg_ue.h"

#define REG_NAS_MAX AGW_REGUE_NAS_MAX
#define REG_POLL_MS 10

/* ---------------------------------------------------------------------- */
/* anchor-gen register: run state                                          */

struct reg_slot {
	struct agw_regue ue;
	uint64_t t0_us, deadline_us;
	uint8_t used;
};

struct reg_tally {
	uint64_t registered, auth_reject, resync_ok, failed, dl_mac_ok, k_amf_derived;
	uint64_t unexpected, late_dl, ul_frames_bad;
	uint64_t autn_failed; /* UEs without the mac-fail fault that sent #20 */
	uint64_t k_dh_derived, devauth_accepted, ssp_commands, ssp_status_sent;
	uint64_t akma_ids, k_af_derived; /* UEs holding an AKMA identifier / K_AF */
	uint64_t deregistered, dereg_requests, dereg_sht[3]; /* requests by SHT 0..2 */
	uint64_t rejected[256];
	uint64_t failed_why[AGW_REGUE_R_MAX];
};

struct reg_run {
	struct reg_opts o;
	struct agw_regue_conf uc;
	struct agw_nas_sec_engine *eng;
	struct agw_reggnb gnb;
	struct agw_reglink link;
	struct reg_slot *slot; /* window */
	int32_t *slot_of;      /* UE (0-based) -> slot, -1 */
	uint32_t *lat_us;      /* registered UEs' latencies */
	uint32_t next, active, done, n_lat;
	uint64_t t_start_us, next_scan_us;
	struct reg_tally t;
	FILE *akma_out; /* --akma-out: SUPI, A-KID, K_AF per UE (mode 0600) */
	char first_bad[192];
};

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static const char *
state_name(const struct agw_regue *ue)
{
	switch (ue->state) {
	case AGW_REGUE_ST_REGISTERED:
		return "registered";
	case AGW_REGUE_ST_REJECTED:
		return "rejected";
	case AGW_REGUE_ST_AUTH_REJECTED:
		return "auth_rejected";
	case AGW_REGUE_ST_FAILED:
		return "failed";
	case AGW_REGUE_ST_DEREGISTERED:
		return "deregistered";
	default:
		return "pending";
	}
}

/* "rejected cause=3", "failed reason=dl_mac_mismatch", "registered",
 * "deregistered". */
static void
outcome_text(const struct agw_regue *ue, char *buf, size_t cap)
{
	if (ue->state == AGW_REGUE_ST_REJECTED)
		snprintf(buf, cap, "rejected cause=%u", ue->cause);
	else if (ue->state == AGW_REGUE_ST_FAILED)
		snprintf(buf, cap, "failed reason=%s", agw_regue_reason_name(ue->reason));
	else
		snprintf(buf, cap, "%s", state_name(ue));
}

static void
tally(struct reg_run *r, const struct agw_regue *ue)
{
	struct reg_tally *t = &r->t;

	t->registered += ue->state == AGW_REGUE_ST_REGISTERED;
	t->deregistered += ue->state == AGW_REGUE_ST_DEREGISTERED;
	t->dereg_requests += ue->dereg_sent;
	if (ue->dereg_sent != 0 && ue->dereg_sht < 3)
		t->dereg_sht[ue->dereg_sht]++;
	t->auth_reject += ue->state == AGW_REGUE_ST_AUTH_REJECTED;
	t->resync_ok += ue->state == AGW_REGUE_ST_REGISTERED && ue->resynced;
	t->failed += ue->state == AGW_REGUE_ST_FAILED;
	if (ue->state == AGW_REGUE_ST_FAILED)
		t->failed_why[ue->reason < AGW_REGUE_R_MAX ? ue->reason : 0]++;
	if (ue->state == AGW_REGUE_ST_REJECTED)
		t->rejected[ue->cause]++;
	t->dl_mac_ok += ue->dl_mac_ok;
	t->k_amf_derived += ue->kamf_derived;
	t->k_dh_derived += ue->dh_state == 2;
	t->devauth_accepted += ue->devauth_state == 2;
	t->ssp_commands += ue->n_ssp_cmd;
	t->ssp_status_sent += ue->sent_status;
	t->autn_failed += ue->sent_mac_failure && ue->fault != AGW_REGUE_F_MAC_FAIL;
	t->akma_ids += ue->akma_state != AGW_REGUE_AKMA_NONE;
	t->k_af_derived += ue->akma_state == AGW_REGUE_AKMA_KAF;
}

/* Authentication failure the UE sent, if any. */
static const char *
auth_fail_text(const struct agw_regue *ue)
{
	if (ue->sent_mac_failure)
		return "20";
	return ue->sent_synch_failure ? "21" : "-";
}

/* Deregistration of a UE: "-" (not asked), "pending" (registration not
 * done), "requested" (no verified accept), "accepted". */
static const char *
dereg_text(const struct agw_regue *ue)
{
	if (!ue->dereg)
		return "-";
	if (ue->state == AGW_REGUE_ST_DEREGISTERED)
		return "accepted";
	return ue->dereg_sent != 0 ? "requested" : "pending";
}

/* One line per UE (its names never repeat a summary name, so a parser that
 * keeps the first NAME=VALUE it sees reads the summary right); the first UE
 * that did not end as predicted is kept for the verdict. */
static void
report_ue(struct reg_run *r, const struct agw_regue *ue, uint64_t lat_us, int ok)
{
	char what[64];

	outcome_text(ue, what, sizeof(what));
	if (!ok && r->first_bad[0] == '\0')
		snprintf(r->first_bad, sizeof(r->first_bad), "ue %u (%s, fault %s) ended %s",
			 ue->index, ue->supi, agw_regue_fault_name(ue->fault), what);
	if (r->o.quiet && ok)
		return;
	printf("ue=%u supi=%s fault=%s outcome=%s ue_auth_failure=%s nia=%u nea=%u ul_count=%u "
	       "dl_count=%u dl_verified=%u sqn_accepted=%" PRIu64 " ue_k_dh=%u ue_devauth=%u "
	       "ue_akma=%u a_kid=%s ue_dereg=%s dereg_sht=%u dereg_dl_count=%u "
	       "latency_ms=%.3f %s\n",
	       ue->index, ue->supi, agw_regue_fault_name(ue->fault), what, auth_fail_text(ue),
	       ue->nia, ue->nea, ue->ul_count, ue->dl_count, ue->dl_mac_ok, ue->sqn_accepted,
	       ue->dh_state == 2, ue->devauth_state, ue->akma_state,
	       ue->akma_state != AGW_REGUE_AKMA_NONE ? ue->akid : "-", dereg_text(ue),
	       ue->dereg_sht, ue->dereg_dl_count, (double)lat_us / 1000.0,
	       ok ? "ok" : "UNEXPECTED");
}

/* --akma-out: "SUPI A-KID K_AF" of a UE that derived K_AF (a secret: the
 * file is created mode 0600 and written only when asked). */
static void
akma_write(struct reg_run *r, const struct agw_regue *ue)
{
	char kaf[65];

	if (r->akma_out == NULL || ue->akma_state != AGW_REGUE_AKMA_KAF)
		return;
	fprintf(r->akma_out, "%s %s %s\n", ue->supi, ue->akid,
		agw_hex_encode(ue->kaf, sizeof(ue->kaf), kaf));
	agw_memzero(kaf, sizeof(kaf));
}

/* A UE reached a final state: account, print, free its slot. */
static void
finish(struct reg_run *r, uint32_t s)
{
	struct reg_slot *sl = &r->slot[s];
	struct agw_regue *ue = &sl->ue;
	uint64_t lat = now_us() - sl->t0_us;
	int ok = agw_regue_as_expected(ue, AGW_REGUE_UNKNOWN_CAUSE);

	if (ue->state == AGW_REGUE_ST_REGISTERED)
		r->lat_us[r->n_lat++] = lat > UINT32_MAX ? UINT32_MAX : (uint32_t)lat;
	r->t.unexpected += !ok;
	tally(r, ue);
	report_ue(r, ue, lat, ok);
	akma_write(r, ue);
	r->slot_of[ue->index - r->o.first] = -1;
	agw_regue_clear(ue);
	sl->used = 0;
	r->active--;
	r->done++;
}

/* Frame one UL NAS PDU and send it; a failure ends the UE. */
static void
send_ul(struct reg_run *r, struct agw_regue *ue, const uint8_t *nas, size_t len)
{
	uint8_t frame[AGW_REGGNB_FRAME_MAX];
	long n = agw_reggnb_ul(&r->gnb, 1u + ue->index, nas, len, frame, sizeof(frame));

	if (n <= 0) {
		r->t.ul_frames_bad++;
		agw_regue_abort(ue, AGW_REGUE_R_ENCODE);
		return;
	}
	if (agw_reglink_send(&r->link, frame, (size_t)n) != 0)
		agw_regue_abort(ue, AGW_REGUE_R_LINK);
}

static int
free_slot(const struct reg_run *r)
{
	for (uint32_t s = 0; s < r->o.window; s++)
		if (!r->slot[s].used)
			return (int)s;
	return -1;
}

/* Start the next UE in a free slot: Registration request in an
 * InitialUEMessage. */
static void
start_one(struct reg_run *r)
{
	uint8_t nas[REG_NAS_MAX];
	size_t len = 0;
	int s = free_slot(r);
	uint32_t i = r->next;
	struct reg_slot *sl;

	if (s < 0)
		return; /* not reached: called with active < window */
	r->next++;
	sl = &r->slot[s];
	sl->used = 1;
	sl->t0_us = now_us();
	sl->deadline_us = sl->t0_us + 1000ull * r->o.timeout_ms;
	r->slot_of[i] = s;
	r->active++;
	if (agw_regue_init(&sl->ue, r->o.first + i, &r->uc) != 0) {
		memset(&sl->ue, 0, sizeof(sl->ue));
		sl->ue.index = r->o.first + i;
		agw_regue_abort(&sl->ue, AGW_REGUE_R_CRYPTO);
	} else {
		sl->ue.fault = reg_fault_of(&r->o, i);
		sl->ue.dereg = i < r->o.dereg;
		if (agw_regue_start(&sl->ue, nas, sizeof(nas), &len) == 0)
			send_ul(r, &sl->ue, nas, len);
	}
	if (agw_regue_done(&sl->ue))
		finish(r, (uint32_t)s);
}

/* One DL NAS PDU for a UE: check it, answer it. */
static void
on_dl(struct reg_run *r, const struct agw_reggnb_dl *d)
{
	uint8_t nas[REG_NAS_MAX];
	size_t len = 0;
	uint32_t i = d->ran_id - 1u - r->o.first; /* the gNB checked the range */
	int32_t s = r->slot_of[i];
	struct agw_regue *ue;

	if (s < 0) {
		r->t.late_dl++; /* UE finished (e.g. a retransmission) */
		return;
	}
	ue = &r->slot[s].ue;
	agw_regue_on_dl(ue, d->nas, d->len, nas, sizeof(nas), &len);
	if (len > 0)
		send_ul(r, ue, nas, len);
	/* right after its Registration complete went out */
	if (ue->dereg && ue->state == AGW_REGUE_ST_REGISTERED) {
		len = 0;
		if (agw_regue_deregister(ue, nas, sizeof(nas), &len) == 0)
			send_ul(r, ue, nas, len);
	}
	if (agw_regue_done(ue))
		finish(r, (uint32_t)s);
}

/* UEs past their deadline end FAILED timeout (checked every 10 ms). */
static void
scan_timeouts(struct reg_run *r)
{
	uint64_t now = now_us();

	if (now < r->next_scan_us)
		return;
	r->next_scan_us = now + 1000u * REG_POLL_MS;
	for (uint32_t s = 0; s < r->o.window; s++) {
		if (r->slot[s].used && now >= r->slot[s].deadline_us) {
			agw_regue_abort(&r->slot[s].ue,
					r->slot[s].ue.state == AGW_REGUE_ST_WAIT_DEREG
						? AGW_REGUE_R_DEREG_NO_ACCEPT
						: AGW_REGUE_R_TIMEOUT);
			finish(r, s);
		}
	}
}

static int
run_loop(struct reg_run *r)
{
	uint8_t frame[AGW_REGGNB_FRAME_MAX];
	struct agw_reggnb_dl dl[16];
	unsigned int n;
	long len;

	r->t_start_us = now_us();
	while (r->done < r->o.ues) {
		while (r->active < r->o.window && r->next < r->o.ues)
			start_one(r);
		len = agw_reglink_recv(&r->link, frame, sizeof(frame), REG_POLL_MS);
		if (len < 0)
			return (int)len;
		n = len > 0 ? agw_reggnb_dl(&r->gnb, frame, (size_t)len, dl, 16) : 0;
		for (unsigned int k = 0; k < n; k++)
			on_dl(r, &dl[k]);
		scan_timeouts(r);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* anchor-gen register: summary                                            */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of the sorted latencies, ms. */
static double
pct_ms(const struct reg_run *r, double q)
{
	size_t k;

	if (r->n_lat == 0)
		return 0.0;
	k = (size_t)(q * r->n_lat + 0.999999);
	k = k == 0 ? 0 : k - 1;
	return (double)r->lat_us[k < r->n_lat ? k : r->n_lat - 1] / 1000.0;
}

static void
print_counts(const struct reg_run *r)
{
	const struct reg_tally *t = &r->t;

	printf("ues=%u\nregistered=%" PRIu64 "\n", r->o.ues, t->registered);
	for (unsigned int c = 0; c < 256; c++)
		if (t->rejected[c] != 0)
			printf("rejected_cause_%u=%" PRIu64 "\n", c, t->rejected[c]);
	printf("auth_reject=%" PRIu64 "\nresync_ok=%" PRIu64 "\nfailed=%" PRIu64 "\n",
	       t->auth_reject, t->resync_ok, t->failed);
	for (unsigned int w = 1; w < AGW_REGUE_R_MAX; w++)
		if (t->failed_why[w] != 0)
			printf("failed_%s=%" PRIu64 "\n", agw_regue_reason_name(w),
			       t->failed_why[w]);
	printf("dl_mac_ok=%" PRIu64 "\nk_amf_derived=%" PRIu64 "\nunexpected=%" PRIu64
	       "\nlate_dl=%" PRIu64 "\n",
	       t->dl_mac_ok, t->k_amf_derived, t->unexpected, t->late_dl);
	printf("k_dh_derived=%" PRIu64 "\ndevauth_accepted=%" PRIu64 "\nssp_commands=%" PRIu64
	       "\nssp_status_sent=%" PRIu64 "\n",
	       t->k_dh_derived, t->devauth_accepted, t->ssp_commands, t->ssp_status_sent);
	printf("akma_ids=%" PRIu64 "\nk_af_derived=%" PRIu64 "\n", t->akma_ids, t->k_af_derived);
	printf("deregistered=%" PRIu64 "\ndereg_requests=%" PRIu64 "\ndereg_requests_sht1=%" PRIu64
	       "\ndereg_requests_sht2=%" PRIu64 "\n",
	       t->deregistered, t->dereg_requests, t->dereg_sht[1], t->dereg_sht[2]);
}

static void
print_framing(const struct reg_run *r)
{
	const struct agw_reggnb_stats *g = &r->gnb.st;
	const struct agw_reglink *l = &r->link;

	printf("frames_tx=%" PRIu64 "\nframes_tx_err=%" PRIu64 "\nframes_rx=%" PRIu64
	       "\nframes_rx_err=%" PRIu64 "\nframes_rx_trunc=%" PRIu64 "\n",
	       l->tx, l->tx_err, l->rx, l->rx_err, l->rx_trunc);
	printf("dl_frames=%" PRIu64 "\ndl_ignored=%" PRIu64 "\ndl_bad_frame=%" PRIu64
	       "\ndl_bad_sctp=%" PRIu64 "\ndl_bad_ngap=%" PRIu64 "\ndl_other_proc=%" PRIu64
	       "\ndl_unknown_ue=%" PRIu64 "\ndl_amf_id_changed=%" PRIu64 "\ndl_tsn_gap=%" PRIu64
	       "\ndl_ssn_gap=%" PRIu64 "\nul_frames_bad=%" PRIu64 "\n",
	       g->dl_frames, g->dl_ignored, g->dl_bad_frame, g->dl_bad_sctp, g->dl_bad_ngap,
	       g->dl_other_proc, g->dl_unknown_ue, g->dl_amf_id_changed, g->dl_tsn_gap,
	       g->dl_ssn_gap, r->t.ul_frames_bad);
}

static int
print_summary(struct reg_run *r)
{
	uint64_t el = now_us() - r->t_start_us;

	qsort(r->lat_us, r->n_lat, sizeof(*r->lat_us), cmp_u32);
	print_counts(r);
	print_framing(r);
	printf("elapsed_ms=%.3f\nregistrations_per_s=%.1f\np50_ms=%.3f\np99_ms=%.3f\n",
	       (double)el / 1000.0, el ? (double)r->t.registered * 1e6 / (double)el : 0.0,
	       pct_ms(r, 0.50), pct_ms(r, 0.99));
	if (r->t.unexpected == 0) {
		printf("result=ok\n");
		return 0;
	}
	printf("result=FAIL: %" PRIu64 " UE(s) did not end as their fault predicts; first: %s\n",
	       r->t.unexpected, r->first_bad);
	if (r->t.autn_failed != 0)
		printf("hint: %" PRIu64 " UE(s) could not verify AUTN (sent #20): the store's K/OPc"
		       " differ; same --seed/--first/--mcc/--mnc as `anchor-gen subscribers`?\n",
		       r->t.autn_failed);
	return 1;
}

/* ---------------------------------------------------------------------- */
/* anchor-gen register: setup                                              */

static int
run_alloc(struct reg_run *r)
{
	r->slot = calloc(r->o.window, sizeof(*r->slot));
	r->slot_of = malloc((size_t)r->o.ues * sizeof(*r->slot_of));
	r->lat_us = calloc(r->o.ues, sizeof(*r->lat_us));
	r->eng = agw_nas_sec_engine_create();
	if (r->slot == NULL || r->slot_of == NULL || r->lat_us == NULL || r->eng == NULL)
		return -ENOMEM;
	memset(r->slot_of, 0xff, (size_t)r->o.ues * sizeof(*r->slot_of));
	if (agw_regue_conf_init(&r->uc, r->eng, r->o.seed, r->o.mcc, r->o.mnc, r->o.nia_mask,
				r->o.nea_mask, r->o.mix) != 0)
		return -EINVAL;
	r->uc.svc_cap = r->o.svc_cap;
	if (r->o.af_id_len != 0) {
		r->uc.akma_af_id = r->o.af_id;
		r->uc.akma_af_id_len = r->o.af_id_len;
	}
	return agw_reggnb_init(&r->gnb, &r->o.net, 1u + r->o.first, r->o.ues);
}

/* --akma-out FILE: created (or truncated) mode 0600 before anything is written. */
static int
akma_out_open(struct reg_run *r)
{
	int fd;

	if (r->o.akma_out == NULL)
		return 0;
	fd = open(r->o.akma_out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600) != 0 || (r->akma_out = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		return -e;
	}
	return 0;
}

static void
run_free(struct reg_run *r)
{
	for (uint32_t s = 0; r->slot != NULL && s < r->o.window; s++)
		agw_regue_clear(&r->slot[s].ue);
	agw_reggnb_free(&r->gnb);
	agw_reglink_close(&r->link);
	agw_nas_sec_engine_free(r->eng);
	if (r->akma_out != NULL)
		fclose(r->akma_out);
	free(r->slot);
	free(r->slot_of);
	free(r->lat_us);
}

static void
register_usage(void)
{
	fprintf(stderr,
		"usage: anchor-gen register --iface IFNAME --ues N [--first I] [--seed S]\n"
		"  [--window W (64)] [--timeout-ms T (10000)] [--wrong-res K] [--sync-fail K]\n"
		"  [--mac-fail K] [--smc-forge K] [--accept-lost K] [--ssi-reject K]\n"
		"  [--unknown K] [--bad-imei K] [--no-imei K] [--dh-bad-key K]\n"
		"  [--dereg K (the first K UEs deregister once registered)]\n"
		"  [--ue-svc-cap 0..3 (UE security service capability IE, MM octet)]\n"
		"  [--nia 1,2,3] [--nea 0,1,2,3] [--mix]\n"
		"  [--akma-af FQDN [--akma-ua HEX10 (0100000002)] [--akma-out FILE]]\n"
		"   (AKMA: K_AF for that AF from each identifier received; SUPI, A-KID, K_AF\n"
		"    per UE to FILE, mode 0600)\n"
		"  [--mcc 001] [--mnc 01] [--gw-ip 10.10.0.2] [--gnb-ip 10.10.0.1] [--quiet]\n");
}

int
gen_register_main(int argc, char **argv)
{
	struct reg_run *r = calloc(1, sizeof(*r));
	int rc;

	if (r == NULL)
		return 1;
	r->link.fd = -1;
	reg_opts_default(&r->o);
	if (reg_opts_parse(&r->o, argc, argv) != 0 || r->o.iface == NULL) {
		register_usage();
		free(r);
		return 2;
	}
	rc = run_alloc(r);
	if (rc == 0)
		rc = akma_out_open(r);
	if (rc == 0)
		rc = agw_reglink_open(&r->link, r->o.iface, (int)r->o.timeout_ms);
	if (rc != 0)
		fprintf(stderr, "anchor-gen: register: setup on %s failed: %s\n", r->o.iface,
			strerror(-rc));
	else if ((rc = run_loop(r)) != 0)
		fprintf(stderr, "anchor-gen: register: link: %s\n", strerror(-rc));
	rc = rc != 0 ? 1 : print_summary(r);
	run_free(r);
	free(r);
	return rc;
}
