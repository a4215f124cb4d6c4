/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen subscribers: the CSV `anchor-subscriber import` reads, with
 * the K/OPc the simulated UEs derive (reg_ue.h), mode 0600.
 *
 * anchor-gen register: N UEs register through anchorgw over an AF_PACKET
 * socket on its net_tap interface, up to W at a time. Each UE computes its
 * side on its own and checks every answer; faults are injected on request
 * (wrong RES*, synch failure, MAC failure, unknown SUPI) and each UE must
 * end the way its fault predicts. Prints one line per UE and a summary of
 * name=value lines; exit 0 when every UE ended as predicted, else 1.
 *
 * Both commands place the unknown UEs the same way (fault_of()), so give
 * them the same --ues/--first/--unknown (and --seed): unknown UEs are left
 * out of the CSV.
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
#include "reg_gnb.h"
#include "reg_link.h"
#include "reg_ue.h"

#define REG_NAS_MAX AGW_REGUE_NAS_MAX
#define REG_POLL_MS 10
#define REG_MAX_UES 10000000u

struct reg_opts {
	unsigned int ues, first, window, timeout_ms;
	unsigned int n_fault[AGW_REGUE_F_MAX]; /* per fault kind; [0] unused */
	uint64_t seed;
	uint8_t nia_mask, nea_mask, mix, quiet;
	char mcc[4], mnc[4];
	const char *iface, *out;
	const char *mm_ssi; /* subscribers: mm_ssi column for every line, or NULL */
	struct agw_reggnb_conf net;
};

/* ---------------------------------------------------------------------- */
/* Options                                                                 */

static void
opts_default(struct reg_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->window = 64;
	o->timeout_ms = 10000;
	o->seed = 1;
	o->nia_mask = 0x0e; /* NIA1..3 */
	o->nea_mask = 0x0f; /* NEA0..3 */
	strcpy(o->mcc, "001");
	strcpy(o->mnc, "01");
	agw_reggnb_conf_default(&o->net);
}

/* "1,2,3" or "123": algorithms lo..hi -> bit mask. */
static int
parse_algs(const char *s, unsigned int lo, unsigned int hi, uint8_t *mask)
{
	uint8_t m = 0;

	for (; *s != '\0'; s++) {
		if (*s >= (char)('0' + lo) && *s <= (char)('0' + hi))
			m |= (uint8_t)(1u << (*s - '0'));
		else if (*s != ',')
			return -EINVAL;
	}
	*mask = m;
	return m != 0 ? 0 : -EINVAL;
}

static int
parse_uint(const char *s, unsigned int max, unsigned int *v)
{
	char *end;
	unsigned long x;

	errno = 0;
	x = strtoul(s, &end, 0);
	if (errno != 0 || *s == '\0' || *end != '\0' || x > max)
		return -EINVAL;
	*v = (unsigned int)x;
	return 0;
}

static int
parse_digits(const char *s, size_t min, size_t max, char *out)
{
	size_t n = strlen(s);

	if (n < min || n > max || strspn(s, "0123456789") != n)
		return -EINVAL;
	memcpy(out, s, n + 1);
	return 0;
}

static int
parse_ip(const char *s, uint8_t ip[4])
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -EINVAL;
	memcpy(ip, &a, 4);
	return 0;
}

static int
parse_seed(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno != 0 || *s == '\0' || *end != '\0' ? -EINVAL : 0;
}

/* Options that are not counts. */
static int
parse_text(struct reg_opts *o, int c, const char *v)
{
	switch (c) {
	case 'S':
		return parse_seed(v, &o->seed);
	case 'i':
		return parse_algs(v, 1, 3, &o->nia_mask);
	case 'e':
		return parse_algs(v, 0, 3, &o->nea_mask);
	case 'c':
		return parse_digits(v, 3, 3, o->mcc);
	case 'n':
		return parse_digits(v, 2, 3, o->mnc);
	case 'g':
		return parse_ip(v, o->net.gw_ip);
	case 'G':
		return parse_ip(v, o->net.gnb_ip);
	case 'I':
		o->iface = v;
		return 0;
	case 'o':
		o->out = v;
		return 0;
	case 'H':
		o->mm_ssi = v;
		return 0;
	default:
		return -EINVAL;
	}
}

static int
parse_one(struct reg_opts *o, int c, const char *v)
{
	const struct {
		int c;
		unsigned int *dst, max;
	} num[] = {
		{'u', &o->ues, REG_MAX_UES},
		{'F', &o->first, UINT32_MAX - REG_MAX_UES - 1},
		{'w', &o->window, 65536},
		{'t', &o->timeout_ms, 3600000},
		{'R', &o->n_fault[AGW_REGUE_F_WRONG_RES], REG_MAX_UES},
		{'Y', &o->n_fault[AGW_REGUE_F_SYNC_FAIL], REG_MAX_UES},
		{'M', &o->n_fault[AGW_REGUE_F_MAC_FAIL], REG_MAX_UES},
		{'U', &o->n_fault[AGW_REGUE_F_UNKNOWN], REG_MAX_UES},
		{'K', &o->n_fault[AGW_REGUE_F_SMC_FORGED], REG_MAX_UES},
		{'J', &o->n_fault[AGW_REGUE_F_SSI_REJECT], REG_MAX_UES},
	};

	for (size_t k = 0; k < sizeof(num) / sizeof(num[0]); k++)
		if (num[k].c == c)
			return parse_uint(v, num[k].max, num[k].dst);
	if (c == 'x' || c == 'q') {
		*(c == 'x' ? &o->mix : &o->quiet) = 1;
		return 0;
	}
	return parse_text(o, c, v);
}

static unsigned int
faults_total(const struct reg_opts *o)
{
	unsigned int n = 0;

	for (unsigned int k = 1; k < AGW_REGUE_F_MAX; k++)
		n += o->n_fault[k];
	return n;
}

static int
parse_opts(struct reg_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{"ues", 1, NULL, 'u'},	      {"first", 1, NULL, 'F'},
		{"seed", 1, NULL, 'S'},	      {"window", 1, NULL, 'w'},
		{"timeout-ms", 1, NULL, 't'}, {"wrong-res", 1, NULL, 'R'},
		{"sync-fail", 1, NULL, 'Y'},  {"mac-fail", 1, NULL, 'M'},
		{"unknown", 1, NULL, 'U'},    {"nia", 1, NULL, 'i'},
		{"nea", 1, NULL, 'e'},	      {"mix", 0, NULL, 'x'},
		{"quiet", 0, NULL, 'q'},      {"mcc", 1, NULL, 'c'},
		{"mnc", 1, NULL, 'n'},	      {"gw-ip", 1, NULL, 'g'},
		{"gnb-ip", 1, NULL, 'G'},     {"iface", 1, NULL, 'I'},
		{"out", 1, NULL, 'o'},	      {"smc-forge", 1, NULL, 'K'},
		{"ssi-reject", 1, NULL, 'J'}, {"mm-ssi", 1, NULL, 'H'},
		{NULL, 0, NULL, 0}};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1)
		if (parse_one(o, c, optarg) != 0)
			return -EINVAL;
	if (optind != argc || o->ues == 0 || o->window == 0 || faults_total(o) > o->ues)
		return -EINVAL;
	return 0;
}

/* Of @p f marks spread over @p n positions (floor(j * n / f), j < f): the
 * j of position @p i, or -1 when it holds none. */
static int64_t
spread(uint64_t i, uint64_t n, uint64_t f)
{
	uint64_t j;

	if (f == 0 || n == 0)
		return -1;
	j = (i * f + n - 1) / n; /* ceil(i * f / n) */
	return j < f && j * n / f == i ? (int64_t)j : -1;
}

/*
 * Fault of UE @p i (0-based within the run). The unknown UEs are spread
 * over all N positions, depending on N and their count only (so the CSV of
 * `subscribers --unknown K` matches whatever other faults `register` adds);
 * wrong-res, sync-fail, mac-fail and smc-forge UEs, in that order, are spread over the
 * N - K other positions.
 */
static uint8_t
fault_of(const struct reg_opts *o, uint32_t i)
{
	uint64_t n = o->ues, u = o->n_fault[AGW_REGUE_F_UNKNOWN];
	uint64_t f = faults_total(o) - u, r;
	int64_t j;

	if (spread(i, n, u) >= 0)
		return AGW_REGUE_F_UNKNOWN;
	r = i - ((uint64_t)i * u + n - 1) / n; /* minus the unknown UEs before i */
	j = spread(r, n - u, f);
	for (unsigned int k = 1; j >= 0 && k < AGW_REGUE_F_MAX; k++) {
		if (k == AGW_REGUE_F_UNKNOWN)
			continue;
		if ((uint64_t)j < o->n_fault[k])
			return (uint8_t)k;
		j -= o->n_fault[k];
	}
	return AGW_REGUE_F_NONE;
}

/* ---------------------------------------------------------------------- */
/* anchor-gen subscribers                                                  */

static void
mask_digits(uint8_t mask, char out[9])
{
	unsigned int n = 0;

	for (unsigned int a = 0; a < 8; a++)
		if (mask & (1u << a))
			out[n++] = (char)('0' + a);
	out[n] = '\0';
}

static FILE *
csv_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

/* One CSV line; K/OPc exist in memory only for it. */
static int
csv_line(FILE *f, const struct agw_regue_conf *uc, uint32_t index, const char *nia, const char *nea,
	 const char *mm_ssi)
{
	char supi[32], kh[33], oh[33];
	uint8_t k[16], opc[16];
	int rc = agw_regue_subscriber(uc, index, supi, sizeof(supi), k, opc);

	if (rc == 0 && fprintf(f, "%s,%s,%s,0,8000,%s,%s%s%s\n", supi, agw_hex_encode(k, 16, kh),
			       agw_hex_encode(opc, 16, oh), nia, nea, mm_ssi ? "," : "",
			       mm_ssi ? mm_ssi : "") < 0)
		rc = -EIO;
	agw_memzero(k, sizeof(k));
	agw_memzero(opc, sizeof(opc));
	agw_memzero(kh, sizeof(kh));
	agw_memzero(oh, sizeof(oh));
	return rc;
}

static int
csv_write(const struct reg_opts *o, const struct agw_regue_conf *uc, FILE *f, unsigned int *n)
{
	char nia[9], nea[9];

	mask_digits(o->nia_mask, nia);
	mask_digits(o->nea_mask, nea);
	fprintf(f,
		"supi,k,opc,sqn,amf,nia,nea%s\n# anchor-gen subscribers ues=%u first=%u "
		"seed=%" PRIu64 " unknown=%u (left out)\n",
		o->mm_ssi ? ",mm_ssi" : "", o->ues, o->first, o->seed,
		o->n_fault[AGW_REGUE_F_UNKNOWN]);
	*n = 0;
	for (uint32_t i = 0; i < o->ues; i++) {
		if (fault_of(o, i) == AGW_REGUE_F_UNKNOWN)
			continue;
		if (csv_line(f, uc, o->first + i, nia, nea, o->mm_ssi) != 0)
			return -EIO;
		(*n)++;
	}
	return 0;
}

int
gen_subscribers_main(int argc, char **argv)
{
	struct reg_opts o;
	struct agw_regue_conf uc;
	unsigned int n = 0;
	FILE *f;
	int rc;

	opts_default(&o);
	if (parse_opts(&o, argc, argv) != 0 || o.out == NULL ||
	    agw_regue_conf_init(&uc, NULL, o.seed, o.mcc, o.mnc, o.nia_mask, o.nea_mask, 0) != 0) {
		fprintf(stderr,
			"usage: anchor-gen subscribers --ues N --out FILE.csv [--first I]"
			" [--seed S] [--nia 123] [--nea 0123] [--mcc 001] [--mnc 01]\n"
			"  [--unknown K] (as given to `register`: those UEs are left out)\n"
			"  [--mm-ssi RULES] (seed 000 MM identifier of every subscriber written,\n"
			"   anchor-subscriber syntax, e.g. dh:nf:m; pair with register --ssi-reject)\n");
		return 2;
	}
	f = csv_open(o.out);
	if (f == NULL) {
		fprintf(stderr, "anchor-gen: %s: %s\n", o.out, strerror(errno));
		return 1;
	}
	rc = csv_write(&o, &uc, f, &n);
	if (fclose(f) != 0 || rc != 0) {
		fprintf(stderr, "anchor-gen: %s: write failed\n", o.out);
		return 1;
	}
	printf("subscribers=%u\nleft_out_unknown=%u\nfile=%s\n", n, o.n_fault[AGW_REGUE_F_UNKNOWN],
	       o.out);
	return 0;
}

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
	default:
		return "pending";
	}
}

/* "rejected cause=3", "failed reason=dl_mac_mismatch", "registered". */
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
	t->auth_reject += ue->state == AGW_REGUE_ST_AUTH_REJECTED;
	t->resync_ok += ue->state == AGW_REGUE_ST_REGISTERED && ue->resynced;
	t->failed += ue->state == AGW_REGUE_ST_FAILED;
	if (ue->state == AGW_REGUE_ST_FAILED)
		t->failed_why[ue->reason < AGW_REGUE_R_MAX ? ue->reason : 0]++;
	if (ue->state == AGW_REGUE_ST_REJECTED)
		t->rejected[ue->cause]++;
	t->dl_mac_ok += ue->dl_mac_ok;
	t->k_amf_derived += ue->kamf_derived;
	t->autn_failed += ue->sent_mac_failure && ue->fault != AGW_REGUE_F_MAC_FAIL;
}

/* Authentication failure the UE sent, if any. */
static const char *
auth_fail_text(const struct agw_regue *ue)
{
	if (ue->sent_mac_failure)
		return "20";
	return ue->sent_synch_failure ? "21" : "-";
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
	       "dl_count=%u dl_verified=%u sqn_accepted=%" PRIu64 " latency_ms=%.3f %s\n",
	       ue->index, ue->supi, agw_regue_fault_name(ue->fault), what, auth_fail_text(ue),
	       ue->nia, ue->nea, ue->ul_count, ue->dl_count, ue->dl_mac_ok, ue->sqn_accepted,
	       (double)lat_us / 1000.0, ok ? "ok" : "UNEXPECTED");
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
		sl->ue.fault = fault_of(&r->o, i);
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
			agw_regue_abort(&r->slot[s].ue, AGW_REGUE_R_TIMEOUT);
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
	return agw_reggnb_init(&r->gnb, &r->o.net, 1u + r->o.first, r->o.ues);
}

static void
run_free(struct reg_run *r)
{
	for (uint32_t s = 0; r->slot != NULL && s < r->o.window; s++)
		agw_regue_clear(&r->slot[s].ue);
	agw_reggnb_free(&r->gnb);
	agw_reglink_close(&r->link);
	agw_nas_sec_engine_free(r->eng);
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
		"  [--mac-fail K] [--smc-forge K] [--ssi-reject K] [--unknown K] [--nia 1,2,3] [--nea 0,1,2,3] [--mix]\n"
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
	opts_default(&r->o);
	if (parse_opts(&r->o, argc, argv) != 0 || r->o.iface == NULL) {
		register_usage();
		free(r);
		return 2;
	}
	rc = run_alloc(r);
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
